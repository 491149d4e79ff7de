#!/usr/bin/env python3
"""Generate Sources/Spreadsheet/Metrics/TimesMetrics.swift from Liberation Serif.

Liberation Serif is the metric twin of Times New Roman: every advance width is the same by
design, so the table measures text exactly as Excel and LibreOffice lay it out in Times New
Roman (kerning aside). The script reads the four faces (Regular, Bold, Italic, BoldItalic)
with nothing but the standard library: it parses the TrueType tables head (unitsPerEm),
hhea (numberOfHMetrics), hmtx (advance widths), OS/2 (xAvgCharWidth, for the record) and
cmap (format 4, and format 12 when the font has one).

The faces must be Liberation 2.x (Debian/Ubuntu package fonts-liberation2, directory
/usr/share/fonts/truetype/liberation2). Liberation 1.07 (package fonts-liberation, directory
.../liberation) has no Vietnamese: no U+01A0/U+01A1/U+01AF/U+01B0 (Ơ ơ Ư ư), no U+1EA0-U+1EF9
and no combining marks, so the script refuses it. Both versions agree on every advance that
1.07 has, except U+00B7 MIDDLE DOT (512 in 1.07, 682 in 2.x; the table follows 2.x).

Usage (from the package root; needs fonts-liberation2):

    python3 scripts/font-metrics.py                      # rewrites the checked-in file
    python3 scripts/font-metrics.py --output /tmp/x.swift
    python3 scripts/font-metrics.py --font-dir DIR       # where LiberationSerif-*.ttf live
    python3 scripts/font-metrics.py --check              # exit 1 if the checked-in file differs

The output is deterministic: regenerating from the same fonts gives the same bytes, so the
test suite can compare a fresh run with the checked-in file.
"""

import argparse
import os
import struct
import sys

DEFAULT_FONT_DIRS = [
    "/usr/share/fonts/truetype/liberation2",  # Debian/Ubuntu fonts-liberation2
    "/usr/share/fonts/liberation-serif",  # Fedora liberation-serif-fonts
    "/usr/share/fonts/TTF",  # Arch ttf-liberation
]
FACES = [
    ("regular", "LiberationSerif-Regular.ttf"),
    ("bold", "LiberationSerif-Bold.ttf"),
    ("italic", "LiberationSerif-Italic.ttf"),
    ("boldItalic", "LiberationSerif-BoldItalic.ttf"),
]

# The code point ranges the table covers (inclusive). Keep in step with TextMeasure.swift's
# documentation; TimesMetrics.swift's lookup switch is generated from this list.
RANGES = [
    (0x0020, 0x007E),  # ASCII printable
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B
    (0x0300, 0x036F),  # combining diacritical marks
    (0x1EA0, 0x1EF9),  # Latin Extended Additional: the Vietnamese letters
    (0x2010, 0x2027),  # dashes, quotation marks, bullet, ellipsis
    (0x2030, 0x203A),  # per mille, primes, single guillemets
    (0x20AB, 0x20AC),  # dong sign, euro sign
    (0x2116, 0x2116),  # numero sign
]

# Code points every face must map (the Vietnamese letters outside Latin-1).
REQUIRED = [0x0102, 0x0103, 0x0110, 0x0111, 0x0128, 0x0129, 0x0168, 0x0169,
            0x01A0, 0x01A1, 0x01AF, 0x01B0] + list(range(0x1EA0, 0x1EFA))

# Marker for "the font has no glyph for this code point" (a real advance never reaches it).
MISSING = 0xFFFF

OUTPUT = os.path.join("Sources", "Spreadsheet", "Metrics", "TimesMetrics.swift")


class Font:
    """The few TrueType tables needed for advance widths."""

    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()
        self.tables = {}
        (num_tables,) = struct.unpack_from(">H", self.data, 4)
        for i in range(num_tables):
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", self.data, 12 + 16 * i)
            self.tables[tag.decode("latin-1")] = (offset, length)
        for required in ("head", "hhea", "hmtx", "cmap"):
            if required not in self.tables:
                raise ValueError(f"{path}: no '{required}' table")

        head = self.tables["head"][0]
        (self.units_per_em,) = struct.unpack_from(">H", self.data, head + 18)
        hhea = self.tables["hhea"][0]
        (self.number_of_hmetrics,) = struct.unpack_from(">H", self.data, hhea + 34)
        self.advances = self._read_hmtx()
        self.cmap = self._read_cmap()
        self.x_avg_char_width = None
        if "OS/2" in self.tables:
            (self.x_avg_char_width,) = struct.unpack_from(">h", self.data, self.tables["OS/2"][0] + 2)
        self.version = self._read_name(5) or "unknown version"

    def _read_name(self, name_id):
        """A name record (Windows platform, UTF-16BE), or None."""
        if "name" not in self.tables:
            return None
        base = self.tables["name"][0]
        _fmt, count, strings = struct.unpack_from(">HHH", self.data, base)
        for i in range(count):
            platform, encoding, _lang, nid, length, offset = struct.unpack_from(">HHHHHH", self.data, base + 6 + 12 * i)
            if platform == 3 and encoding in (0, 1, 10) and nid == name_id:
                start = base + strings + offset
                return self.data[start:start + length].decode("utf-16-be", "replace").strip()
        return None

    def _read_hmtx(self):
        offset = self.tables["hmtx"][0]
        advances = []
        for i in range(self.number_of_hmetrics):
            advance, _lsb = struct.unpack_from(">Hh", self.data, offset + 4 * i)
            advances.append(advance)
        return advances

    def advance(self, glyph):
        # Glyphs past numberOfHMetrics repeat the last advance (monospaced tail).
        if glyph < len(self.advances):
            return self.advances[glyph]
        return self.advances[-1]

    def _read_cmap(self):
        base = self.tables["cmap"][0]
        _version, count = struct.unpack_from(">HH", self.data, base)
        subtables = {}
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", self.data, base + 4 + 8 * i)
            (fmt,) = struct.unpack_from(">H", self.data, base + offset)
            subtables[(platform, encoding, fmt)] = base + offset
        mapping = {}
        # Format 4 (BMP) first, then format 12 (full Unicode) on top when present.
        for key in ((3, 1, 4), (0, 3, 4), (0, 4, 4)):
            if key in subtables:
                mapping.update(self._format4(subtables[key]))
                break
        else:
            raise ValueError("no Unicode format 4 cmap subtable")
        for key in ((3, 10, 12), (0, 4, 12), (0, 6, 12)):
            if key in subtables:
                mapping.update(self._format12(subtables[key]))
                break
        return mapping

    def _format4(self, offset):
        d = self.data
        (seg_x2,) = struct.unpack_from(">H", d, offset + 6)
        segs = seg_x2 // 2
        ends_at = offset + 14
        starts_at = ends_at + seg_x2 + 2  # skip reservedPad
        deltas_at = starts_at + seg_x2
        range_offsets_at = deltas_at + seg_x2
        mapping = {}
        for i in range(segs):
            (end,) = struct.unpack_from(">H", d, ends_at + 2 * i)
            (start,) = struct.unpack_from(">H", d, starts_at + 2 * i)
            (delta,) = struct.unpack_from(">h", d, deltas_at + 2 * i)
            ro_at = range_offsets_at + 2 * i
            (range_offset,) = struct.unpack_from(">H", d, ro_at)
            for code in range(start, end + 1):
                if code == 0xFFFF:
                    continue
                if range_offset == 0:
                    glyph = (code + delta) & 0xFFFF
                else:
                    (glyph,) = struct.unpack_from(">H", d, ro_at + range_offset + 2 * (code - start))
                    if glyph != 0:
                        glyph = (glyph + delta) & 0xFFFF
                if glyph != 0:
                    mapping[code] = glyph
        return mapping

    def _format12(self, offset):
        d = self.data
        (groups,) = struct.unpack_from(">I", d, offset + 12)
        mapping = {}
        for i in range(groups):
            start, end, glyph = struct.unpack_from(">III", d, offset + 16 + 12 * i)
            for code in range(start, end + 1):
                if glyph + code - start != 0:
                    mapping[code] = glyph + code - start
        return mapping

    def width_of(self, code):
        glyph = self.cmap.get(code)
        if glyph is None:
            return None
        return self.advance(glyph)


def swift_array(values, indent="        ", per_line=16):
    lines = []
    for i in range(0, len(values), per_line):
        chunk = values[i:i + per_line]
        lines.append(indent + ", ".join("0x%04X" % v if v == MISSING else str(v) for v in chunk) + ",")
    return "\n".join(lines)


def find_font_dir():
    for directory in DEFAULT_FONT_DIRS:
        if all(os.path.isfile(os.path.join(directory, filename)) for _name, filename in FACES):
            return directory
    return None


def generate(font_dir):
    fonts = []
    for name, filename in FACES:
        font = Font(os.path.join(font_dir, filename))
        if font.units_per_em != 2048:
            raise ValueError(f"{filename}: unitsPerEm {font.units_per_em}, cần 2048")
        missing = [c for c in REQUIRED if font.width_of(c) is None]
        if missing:
            raise ValueError(f"{filename} ({font.version}) thiếu chữ tiếng Việt (U+{missing[0]:04X} …): "
                             "cần Liberation 2.x (gói fonts-liberation2), không phải 1.07")
        fonts.append((name, filename, font))

    out = []
    w = out.append
    w("// GENERATED FILE — do not edit by hand.")
    w("// Generated by scripts/font-metrics.py from Liberation Serif 2.x (fonts-liberation2), the")
    w("// metric twin of Times New Roman: same advance widths, glyph for glyph.")
    w("// Regenerate from the package root with:  python3 scripts/font-metrics.py")
    w("// (needs Liberation 2.x, Debian package fonts-liberation2; 1.07 has no Vietnamese).")
    w("// (MetricsTests checks that a fresh run equals this file whenever the fonts are installed.)")
    w("//")
    w("// Faces:")
    for name, filename, font in fonts:
        w(f"//   {name}: {filename}, {font.version}, unitsPerEm {font.units_per_em}, "
          f"numberOfHMetrics {font.number_of_hmetrics}, xAvgCharWidth {font.x_avg_char_width}")
    w("")
    w("/// Advance widths of Times New Roman in font units (2048 to the em), per face.")
    w("///")
    w("/// Each face is one flat `[UInt16]`: the covered ranges laid end to end, in the order of")
    w("/// `ranges`. `0xFFFF` marks a code point inside a range that the font has no glyph for.")
    w("enum TimesMetrics {")
    w("    /// Font units per em of every face.")
    w("    static let unitsPerEm = 2048")
    w("")
    w("    /// The value that marks a code point the font does not cover.")
    w("    static let missing: UInt16 = 0x%04X" % MISSING)
    w("")
    w("    /// The covered code point ranges (inclusive) in table order.")
    w("    static let ranges: [ClosedRange<UInt32>] = [")
    for lo, hi in RANGES:
        w("        0x%04X...0x%04X," % (lo, hi))
    w("    ]")
    w("")
    w("    /// Fallback advance for code points the table does not cover: the advance of \"n\"")
    w("    /// (half an em in Times New Roman), per face in the order regular, bold, italic, bold italic.")
    fallbacks = []
    for _name, filename, font in fonts:
        n = font.width_of(ord("n"))
        if n is None:
            raise ValueError(f"{filename}: no glyph for 'n'")
        fallbacks.append(n)
    w("    static let fallback: [Int] = [%s]" % ", ".join(str(v) for v in fallbacks))
    w("")
    starts = []
    position = 0
    for lo, hi in RANGES:
        starts.append(position)
        position += hi - lo + 1
    total = position
    w("    /// Number of entries in each face table.")
    w(f"    static let count = {total}")
    w("")
    w("    /// Table index of `v`, or nil when `v` lies outside every covered range.")
    w("    @inline(__always)")
    w("    static func index(of v: UInt32) -> Int? {")
    w("        switch v {")
    for (lo, hi), start in zip(RANGES, starts):
        if lo == hi:
            w("        case 0x%04X: return %d" % (lo, start))
        else:
            offset = start - lo
            sign = "+" if offset >= 0 else "-"
            w("        case 0x%04X...0x%04X: return Int(v) %s %d" % (lo, hi, sign, abs(offset)))
    w("        default: return nil")
    w("        }")
    w("    }")
    for name, filename, font in fonts:
        values = []
        for lo, hi in RANGES:
            for code in range(lo, hi + 1):
                width = font.width_of(code)
                if width is None:
                    values.append(MISSING)
                else:
                    if width >= MISSING:
                        raise ValueError(f"{filename}: advance {width} of U+{code:04X} too large")
                    values.append(width)
        w("")
        w(f"    /// {filename}")
        w(f"    static let {name}: [UInt16] = [")
        w(swift_array(values))
        w("    ]")
    w("}")
    w("")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font-dir", default=None, help="default: the first of " + ", ".join(DEFAULT_FONT_DIRS))
    parser.add_argument("--output", default=None, help="default: " + OUTPUT + " under the package root")
    parser.add_argument("--check", action="store_true", help="compare with the output file instead of writing")
    args = parser.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    output = args.output or os.path.join(root, OUTPUT)
    font_dir = args.font_dir or find_font_dir()
    if font_dir is None:
        print("Không tìm thấy Liberation Serif 2.x; cài gói fonts-liberation2 hoặc chỉ thư mục bằng --font-dir",
              file=sys.stderr)
        return 2
    try:
        text = generate(font_dir)
    except (OSError, ValueError, struct.error) as error:
        print(f"Không đọc được phông: {error}", file=sys.stderr)
        return 2
    if args.check:
        try:
            with open(output, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"{output} đã cũ; chạy lại: python3 scripts/font-metrics.py", file=sys.stderr)
            return 1
        return 0
    tmp = output + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
