import Foundation
import PropertyBased
import Testing
import Vietnamese
@testable import Spreadsheet

/// The Vietnamese vowels with every tone (none, huyền, sắc, hỏi, ngã, nặng), precomposed.
private let vietnameseVowels = [
    "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
    "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
]
/// The consonants of the Vietnamese alphabet, plus f, j, w, z of loanwords and names.
private let vietnameseConsonants = "bcdđghklmnpqrstvxfjwz"

private func units(_ text: String, _ face: TextMeasure.Face = .regular, multiline: Bool = false) -> Int {
    TextMeasure.units(text, face: face, multiline: multiline)
}

/// Font units by the plain per-scalar lookup over the NFC form: the reference for the fast loop.
private func referenceUnits(_ text: String, _ face: TextMeasure.Face = .regular) -> Int {
    Vietnamese.nfc(text).unicodeScalars.reduce(0) { $0 + TextMeasure.advance(of: $1, face: face) }
}

@Suite struct MetricsTests {
    // MARK: Known widths

    @Test func knownAdvancesOfTimesNewRoman() {
        // Read from LiberationSerif-Regular.ttf 2.1.5 (hmtx), identical to Times New Roman.
        #expect(units("0") == 1024)
        #expect(units(" ") == 512)
        #expect(units("W") == 1933)
        #expect(units("m") == 1593)
        #expect(units("0123456789") == 10 * 1024)
        #expect(units("W", .bold) == 2048)
        #expect(units("m", .bold) == 1706)
        #expect(units("W", .italic) == 1706)
        #expect(TextMeasure.width("0", size: 12) == 6)
        #expect(TextMeasure.width("m", size: 12) == 1593.0 * 12 / 2048)
        #expect(TextMeasure.width("", size: 12) == 0)
    }

    @Test func vietnameseLettersHavePlausibleWidths() {
        #expect(units("ệ") == units("e"))
        #expect(units("Ệ") == units("E"))
        #expect(units("Đ") == units("D"))
        #expect(units("đ") == units("d"))
        #expect(units("ạ") == units("a"))
        #expect(units("Ố") == units("O"))
        // The horn letters are wider than their base.
        #expect(units("ơ") > units("o"))
        #expect(units("ư") > units("u"))
        #expect(units("Ư") > units("U"))
        #expect(units("ợ") == units("ơ"))
        #expect(units("ự") == units("ư"))
    }

    @Test func everyVietnameseLetterWithEveryToneHasItsOwnGlyph() {
        var letters: [String] = vietnameseConsonants.map { String($0) }
        for row in vietnameseVowels { letters += row.map { String($0) } }
        letters += letters.map { $0.uppercased() }
        #expect(letters.count == 2 * (21 + 72))
        for letter in letters {
            let scalars = Array(letter.unicodeScalars)
            #expect(scalars.count == 1, "\(letter) is not one precomposed scalar")
            for face in TextMeasure.Face.allCases {
                #expect(TextMeasure.hasGlyph(scalars[0], face: face), "\(letter) falls back in \(face)")
                let width = TextMeasure.advance(of: scalars[0], face: face)
                #expect((400...2100).contains(width), "\(letter): \(width)")
            }
        }
    }

    @Test func otherCharactersOfOfficePaperwork() {
        for text in ["₫", "€", "№", "–", "—", "“", "”", "‘", "’", "…", "•", "‰", "\u{A0}", "§", "°"] {
            let scalar = text.unicodeScalars.first!
            #expect(TextMeasure.hasGlyph(scalar), "\(text)")
        }
        #expect(units("\u{A0}") == units(" "))
        #expect(units("–") == 1024)
        #expect(units("—") == 2048)
    }

    @Test func charactersOutsideTheTable() {
        #expect(units("\t") == 8 * 512)
        #expect(units("\u{200B}") == 0)  // zero width space
        #expect(units("\u{FEFF}") == 0)
        #expect(units("\u{1}") == 0)
        #expect(units("\u{85}") == 0)
        #expect(units("中") == 2048)  // CJK: one em
        #expect(units("Ж") == units("n"))  // Cyrillic: the fallback
        #expect(units("Ж", .bold) == units("n", .bold))
        // U+2011 NON-BREAKING HYPHEN is in a covered range but Liberation Serif has no glyph.
        #expect(!TextMeasure.hasGlyph("\u{2011}"))
        #expect(units("\u{2011}") == TimesMetrics.fallback[0])
    }

    // MARK: Normalisation, lines

    @Test func nfcAndNfdMeasureTheSame() {
        let samples = ["Nguyễn Thị Hường", "Trần Văn Ước", "Phạm Thị Thuỷ", "BẰNG KHEN", "Đặng Hữu Phước",
                       "Tổng hợp thi đua", "ƯỚC LƯỢNG"]
        for nfc in samples {
            let nfd = nfc.decomposedStringWithCanonicalMapping
            #expect(nfd.unicodeScalars.count > nfc.unicodeScalars.count)
            for face in TextMeasure.Face.allCases {
                #expect(units(nfd, face) == units(nfc, face), "\(nfc) \(face)")
            }
            #expect(TextMeasure.width(nfd, size: 13, bold: true) == TextMeasure.width(nfc, size: 13, bold: true))
            #expect(TextMeasure.width(Substring(nfd), size: 13) == TextMeasure.width(nfc, size: 13))
        }
        // u + horn composes to ư, wider than u; the mark alone adds nothing.
        #expect(units("u\u{31B}") == units("ư"))
        #expect(units("q\u{301}") == units("q"))
    }

    @Test func linesSplitAtEveryLineEnding() {
        #expect(TextMeasure.lines("a\nb\r\nc\rd") == ["a", "b", "c", "d"])
        #expect(TextMeasure.lines("") == [""])
        #expect(TextMeasure.lines("một dòng") == ["một dòng"])
        #expect(TextMeasure.lines("x\n") == ["x", ""])
        #expect(TextMeasure.lines("\r\n\r\n") == ["", "", ""])
        #expect(TextMeasure.lines("Số: 12/QĐ-UBND\r\nngày 05 tháng 3\n\nnăm 2024") ==
                ["Số: 12/QĐ-UBND", "ngày 05 tháng 3", "", "năm 2024"])
    }

    @Test func multiLineTextUsesItsWidestLine() {
        let text = "Chủ tịch\r\nỦy ban nhân dân tỉnh\nKT"
        let widest = TextMeasure.lines(text).map { TextMeasure.width($0, size: 12) }.max()!
        #expect(widest == TextMeasure.width("Ủy ban nhân dân tỉnh", size: 12))
        #expect(TextMeasure.widestLineWidth(text, size: 12) == widest)
        #expect(TextMeasure.autofit([text], size: 12, padding: 0) == widest)
        // Single-line measure counts the breaks as nothing.
        #expect(TextMeasure.width(text, size: 12) == TextMeasure.width("Chủ tịchỦy ban nhân dân tỉnhKT", size: 12))
        // NFD multi-line text too.
        #expect(TextMeasure.widestLineWidth(text.decomposedStringWithCanonicalMapping, size: 12) == widest)
    }

    @Test func boldIsWiderThanRegular() {
        let regular = TextMeasure.width("Tổng hợp", size: 12)
        let bold = TextMeasure.width("Tổng hợp", size: 12, bold: true)
        #expect(bold > regular)
        #expect(TextMeasure.width("Tổng hợp", size: 12, bold: true, italic: true) > TextMeasure.width("Tổng hợp", size: 12, italic: true))
        #expect(TextMeasure.width("Tổng hợp", size: 24) == 2 * regular)
    }

    // MARK: Fast path against the reference lookup

    @Test func asciiFastPathEqualsGeneralPath() {
        var all = ""
        for v in UInt32(0)...0x7F { all.unicodeScalars.append(Unicode.Scalar(v)!) }
        for face in TextMeasure.Face.allCases {
            #expect(units(all, face) == referenceUnits(all, face))
            for v in UInt32(0x20)...0x7E {
                let s = String(Unicode.Scalar(v)!)
                #expect(units(s, face) == referenceUnits(s, face))
                #expect(units(s, face) == Int(face.table[Int(v) - 0x20]))
            }
        }
        let text = "Nguyen Van A, 1975 - Chien si thi dua co so (QD so 123/QD-UBND)"
        #expect(units(text) == referenceUnits(text))
    }

    @Test func fastLoopEqualsReferenceOnEveryCoveredScalar() {
        for range in TimesMetrics.ranges {
            for v in range {
                let scalar = Unicode.Scalar(v)!
                if v >= 0x300 && v < 0x370 { continue }  // combining marks compose first
                let s = "x" + String(scalar) + "y"
                for face in TextMeasure.Face.allCases {
                    #expect(units(s, face) == referenceUnits(s, face), "U+\(String(v, radix: 16))")
                }
            }
        }
        // 2-, 3- and 4-byte UTF-8 outside the table.
        for s in ["Ж", "中文", "😀", "𠀀", "\u{10FFFD}", "\u{E0041}"] {
            #expect(units(s) == referenceUnits(s), "\(s)")
        }
    }

    @Test func additiveAndMonotone() async {
        var alphabet: [Character] = Array("abcdeghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXYZ0123456789 .,;:-/()%\"'\t\n\r")
        for row in vietnameseVowels { alphabet += Array(row) + Array(row.uppercased()) }
        alphabet += Array("đĐ₫–—“”…№€ЖΩ中😀\u{A0}\u{200B}\u{2011}")
        let chars = alphabet
        let string = Gen<Character?>.element(of: chars).map { $0! }.string(of: 0...40)
        await propertyCheck(count: 500, input: string, string) { a, b in
            for face in TextMeasure.Face.allCases {
                #expect(units(a + b, face) == units(a, face) + units(b, face))
                #expect(units(a, face) == referenceUnits(a, face))
            }
            for size in [11.0, 12, 13.5] {
                let joined = TextMeasure.width(a + b, size: size)
                let wa = TextMeasure.width(a, size: size)
                let wb = TextMeasure.width(b, size: size)
                #expect(abs(joined - (wa + wb)) < 1e-9)
                #expect(joined >= wa && joined >= wb)
                #expect(TextMeasure.width(a, size: size, bold: true) >= 0)
                #expect(TextMeasure.widestLineWidth(a + "\n" + b, size: size) == max(widestByLines(a, size), widestByLines(b, size)))
            }
        }
    }

    // MARK: Autofit

    @Test func autofitClampsAndPads() {
        let names = ["Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hữu Phước"]
        let widest = names.map { TextMeasure.width($0, size: 12) }.max()!
        #expect(TextMeasure.autofit(names, size: 12) == widest + TextMeasure.defaultPadding)
        #expect(TextMeasure.autofit(names, size: 12, padding: 5, minimum: 0, maximum: 50) == 50)
        #expect(TextMeasure.autofit(names, size: 12, minimum: 200) == 200)
        #expect(TextMeasure.autofit([String](), size: 12, minimum: 30) == 30)
        #expect(TextMeasure.autofit(["", ""], size: 12, minimum: 30) == 30)
        #expect(TextMeasure.autofit(names, size: 12, bold: true) > TextMeasure.autofit(names, size: 12))

        var accumulator = AutofitAccumulator()
        for name in names { accumulator.add(name, size: 12) }
        #expect(accumulator.widestPoints == widest)
        #expect(accumulator.count == 3)
        #expect(accumulator.width() == TextMeasure.autofit(names, size: 12))
        accumulator.add("BẢNG TỔNG HỢP", size: 14, bold: true)
        #expect(accumulator.widestPoints == TextMeasure.width("BẢNG TỔNG HỢP", size: 14, bold: true))
        var other = AutofitAccumulator()
        other.add(points: 500)
        accumulator.merge(other)
        #expect(accumulator.widestPoints == 500)
        #expect(accumulator.count == 5)
    }

    // MARK: Column units

    @Test func maximumDigitWidthOfTimesNewRoman() {
        #expect(ColumnMetrics.maximumDigitWidthPixels(fontSize: 11) == 7)
        #expect(ColumnMetrics.maximumDigitWidthPixels(fontSize: 12) == 8)
        #expect(ColumnMetrics.maximumDigitWidthPixels(fontSize: 13) == 9)
        #expect(ColumnMetrics.maximumDigitWidthPixels(fontSize: 14) == 9)
        #expect(ColumnMetrics.maximumDigitWidthPixels(fontSize: 12, bold: true) == 8)
        #expect(ColumnMetrics().maximumDigitWidthPixels == 8)
        #expect(ColumnMetrics(maximumDigitWidthPixels: 0).maximumDigitWidthPixels == 1)
    }

    @Test func excelWidthFollowsTheStandard() {
        // ECMA-376 §18.3.1.13's own example: Calibri 11 has MDW 7; 8 characters + padding
        // = Truncate([8*7+5]/7*256)/256 = 8.7109375.
        let calibri = ColumnMetrics(maximumDigitWidthPixels: 7)
        #expect(calibri.excelWidth(pixels: 8 * 7 + 5) == 8.7109375)
        #expect(calibri.pixels(excelWidth: 8.7109375) == 61)
        #expect(calibri.excelWidth(pixels: 64) == 9.140625)  // Excel's default column
        #expect(calibri.pixels(excelWidth: 9.140625) == 64)
        #expect(calibri.characters(excelWidth: 9.140625) == 8.43)
        // The width → pixels → width round trip is exact.
        var mismatches: [String] = []
        for mdw in 1...65 {
            let metrics = ColumnMetrics(maximumDigitWidthPixels: mdw)
            for pixels in 1...2000 where Double(pixels) / Double(mdw) < 255 {
                let back = metrics.pixels(excelWidth: metrics.excelWidth(pixels: pixels))
                if back != pixels { mismatches.append("MDW \(mdw): \(pixels) px → \(back) px") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(ColumnMetrics().excelWidth(points: 1e6) == 255)
        #expect(ColumnMetrics().excelWidth(points: 0) == ColumnMetrics().excelWidth(pixels: 5))
        #expect(ColumnMetrics().excelWidth(points: -3) == ColumnMetrics().excelWidth(pixels: 5))
        #expect(TextMeasure.columnWidth(forTextWidth: 100) == ColumnMetrics().excelWidth(points: 100))
        #expect(TextMeasure.columnWidth(forTextWidth: 100, defaultFontSize: 14) == ColumnMetrics(defaultFontSize: 14).excelWidth(points: 100))
    }

    @Test func excelWidthRoundTripsWithinAPixel() async {
        await propertyCheck(count: 300, input: Gen<Double>.value(in: 0...1000), Gen.int(in: 10...16)) { points, size in
            let metrics = ColumnMetrics(defaultFontSize: Double(size))
            let width = metrics.excelWidth(points: points)
            let back = metrics.points(excelWidth: width)
            #expect(back >= points - 1e-9)
            #expect(back - points < 0.75 + 1e-9)  // one pixel at 96 dpi
        }
        // 12 pt, MDW 8: 60 pt of text = 80 px + 5 = 85 px = 10.625 digits.
        #expect(ColumnMetrics().excelWidth(points: 60) == 10.625)
        #expect(ColumnMetrics().points(excelWidth: 10.625) == 60)
    }

    @Test func odfWidthsAreAbsoluteLengths() {
        #expect(ColumnMetrics.odfWidthPoints(points: 100) == 100 + 2 + 5.65)
        #expect(abs(ColumnMetrics.odfWidthCentimetres(points: 72 - 7.65) - 2.54) < 1e-12)
        #expect(ColumnMetrics.odfLength(points: 72 - 7.65) == "2.540cm")
        #expect(ColumnMetrics.odfLength(points: 0) == "0.270cm")
        #expect(ColumnMetrics.odfLength(points: 300) == "10.854cm")
    }

    // MARK: The generated table against the font

    /// Where Liberation Serif 2.x lives, if installed (`TDKT_LIBERATION_DIR` overrides the search).
    static let fontDirectory: String? = {
        var candidates = ["/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/liberation-serif", "/usr/share/fonts/TTF"]
        if let dir = ProcessInfo.processInfo.environment["TDKT_LIBERATION_DIR"] { candidates = [dir] }
        return candidates.first { dir in
            ["Regular", "Bold", "Italic", "BoldItalic"].allSatisfy {
                FileManager.default.fileExists(atPath: "\(dir)/LiberationSerif-\($0).ttf")
            }
        }
    }()

    static let onCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Runs when the font is installed, and always on CI, where a missing font fails.
    @Test(.enabled(if: fontDirectory != nil || onCI)) func checkedInTableMatchesTheFont() throws {
        guard let directory = Self.fontDirectory else {
            Issue.record("Thiếu phông Liberation Serif 2.x (gói fonts-liberation2): không kiểm được bảng độ rộng chữ")
            return
        }
        let faces: [(TextMeasure.Face, String)] = [(.regular, "Regular"), (.bold, "Bold"), (.italic, "Italic"),
                                                   (.boldItalic, "BoldItalic")]
        for (face, name) in faces {
            let font = try TrueTypeWidths(path: "\(directory)/LiberationSerif-\(name).ttf")
            #expect(font.unitsPerEm == TimesMetrics.unitsPerEm)
            #expect(face.fallback == font.advance(of: 0x6E))  // "n"
            var index = 0
            for range in TimesMetrics.ranges {
                for v in range {
                    let expected = font.advance(of: v).map(UInt16.init) ?? TimesMetrics.missing
                    #expect(face.table[index] == expected, "\(name) U+\(String(v, radix: 16, uppercase: true))")
                    #expect(TimesMetrics.index(of: v) == index)
                    index += 1
                }
            }
            #expect(index == TimesMetrics.count && face.table.count == index)
        }
    }

    /// The generator reproduces the checked-in file byte for byte.
    @Test(.enabled(if: fontDirectory != nil || onCI)) func generatorReproducesTheCheckedInFile() throws {
        guard let directory = Self.fontDirectory else {
            Issue.record("Thiếu phông Liberation Serif 2.x (gói fonts-liberation2): không chạy lại được scripts/font-metrics.py")
            return
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = root.appendingPathComponent("scripts/font-metrics.py").path
        let checkedIn = root.appendingPathComponent("Sources/Spreadsheet/Metrics/TimesMetrics.swift")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("TimesMetrics-\(UUID().uuidString).swift")
        defer { try? FileManager.default.removeItem(at: output) }
        let python = ["/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else {
            if Self.onCI { Issue.record("Thiếu python3: không chạy lại được scripts/font-metrics.py") }
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, "--font-dir", directory, "--output", output.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let fresh = try Data(contentsOf: output)
        let current = try Data(contentsOf: checkedIn)
        #expect(fresh == current, "TimesMetrics.swift đã cũ: chạy lại python3 scripts/font-metrics.py")
    }
}

/// Widest line by splitting: the reference for `widestLineWidth`.
private func widestByLines(_ text: String, _ size: Double) -> Double {
    TextMeasure.lines(text).map { TextMeasure.width($0, size: size) }.max() ?? 0
}

/// Advance widths straight from a TrueType file (head, hhea, hmtx, cmap 4 and 12): an
/// implementation independent of scripts/font-metrics.py.
private struct FontError: Error {}

private struct TrueTypeWidths {
    let unitsPerEm: Int
    private let advances: [Int]
    private var cmap: [UInt32: Int] = [:]

    init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func u16(_ o: Int) -> Int { Int(bytes[o]) << 8 | Int(bytes[o + 1]) }
        func u32(_ o: Int) -> Int { u16(o) << 16 | u16(o + 2) }
        var tables: [String: Int] = [:]
        for i in 0..<u16(4) {
            let record = 12 + 16 * i
            tables[String(decoding: bytes[record..<record + 4], as: UTF8.self)] = u32(record + 8)
        }
        guard let head = tables["head"], let hhea = tables["hhea"], let hmtx = tables["hmtx"],
              let cmapTable = tables["cmap"] else { throw FontError() }
        unitsPerEm = u16(head + 18)
        advances = (0..<u16(hhea + 34)).map { u16(hmtx + 4 * $0) }

        var format4: Int?
        var format12: Int?
        for i in 0..<u16(cmapTable + 2) {
            let record = cmapTable + 4 + 8 * i
            let subtable = cmapTable + u32(record + 4)
            switch (u16(record), u16(record + 2), u16(subtable)) {
            case (3, 1, 4): format4 = subtable
            case (3, 10, 12): format12 = subtable
            default: break
            }
        }
        guard let format4 else { throw FontError() }
        let segments = u16(format4 + 6) / 2
        let ends = format4 + 14
        let starts = ends + 2 * segments + 2
        let deltas = starts + 2 * segments
        let rangeOffsets = deltas + 2 * segments
        for s in 0..<segments {
            let end = u16(ends + 2 * s), start = u16(starts + 2 * s)
            let delta = u16(deltas + 2 * s), rangeOffset = u16(rangeOffsets + 2 * s)
            guard start <= end else { continue }
            for code in start...end where code != 0xFFFF {
                var glyph: Int
                if rangeOffset == 0 {
                    glyph = (code + delta) & 0xFFFF
                } else {
                    glyph = u16(rangeOffsets + 2 * s + rangeOffset + 2 * (code - start))
                    if glyph != 0 { glyph = (glyph + delta) & 0xFFFF }
                }
                if glyph != 0 { cmap[UInt32(code)] = glyph }
            }
        }
        if let format12 {
            for g in 0..<u32(format12 + 12) {
                let group = format12 + 16 + 12 * g
                let start = u32(group), end = u32(group + 4), first = u32(group + 8)
                for code in start...end where first + code - start != 0 { cmap[UInt32(code)] = first + code - start }
            }
        }
    }

    func advance(of code: UInt32) -> Int? {
        guard let glyph = cmap[code] else { return nil }
        return advances[min(glyph, advances.count - 1)]
    }
}
