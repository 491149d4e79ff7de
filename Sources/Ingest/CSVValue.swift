import Vietnamese

/// A typed cell value as the ingest read it. Writers put each case in the matching cell type;
/// `.text` is always written as text, whatever it looks like ("=SUM(A1)", "+84 …", "@x").
public enum CSVValue: Sendable, Hashable, CustomStringConvertible {
    case empty
    case text(String)
    case integer(Int)
    case number(Double)
    /// A percentage, as a fraction ("15,5%" → 0.155).
    case percent(Double)
    case date(CivilDate)

    /// The case without its payload.
    public enum Kind: Int, Sendable, Hashable, CaseIterable {
        case empty, text, integer, number, percent, date
    }

    public var kind: Kind {
        switch self {
        case .empty: return .empty
        case .text: return .text
        case .integer: return .integer
        case .number: return .number
        case .percent: return .percent
        case .date: return .date
        }
    }

    public var description: String {
        switch self {
        case .empty: return ""
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .number(let d): return String(d)
        case .percent(let d): return "\(d * 100)%"
        case .date(let d): return d.formatted(.numeric)
        }
    }

    /// The numeric value of a number, percentage or integer.
    public var double: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d), .percent(let d): return d
        default: return nil
        }
    }

    /// Text a spreadsheet would run as a formula if it were typed into a cell: it begins with
    /// `=`, `+`, `-` or `@` (or a tab/CR before them) and is not a plain number. tdkt never
    /// evaluates such text and never writes it as a formula; `tdkt csv` counts them.
    /// The value a plain dataset infers from a field's bytes (NFC UTF-8): a number, a
    /// percentage, a date, or text. A pure function, safe on any thread.
    public static func inferred(_ bytes: UnsafeBufferPointer<UInt8>, convention: VietnameseNumber.Convention) -> CSVValue {
        CSVReaderState.infer(bytes, convention: convention)
    }

    public static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { p in
                NumberScanner.scan(UnsafeBufferPointer(p), convention: .vietnamese, strict: false) == nil
                    && NumberScanner.scan(UnsafeBufferPointer(p), convention: .english, strict: false) == nil
            }
        default: return false
        }
    }
}

/// Reads numbers straight from UTF-8 bytes with the rules of `VietnameseNumber`, without
/// allocating: "1.234.567", "95,5", "-0,5", "15,5%", "1,234.5" (English), "1.234,5".
///
/// Separators: when both "." and "," occur, the last one is the decimal mark and the other
/// groups thousands (groups of exactly three digits). When one of them occurs several times it
/// groups thousands. When one occurs once, it is the decimal mark unless it could be a group
/// separator ("1.234": one to three digits, then exactly three) — then `convention` decides.
enum NumberScanner {
    struct Result {
        var value: Double
        /// The value when it is a whole number that fits in Int.
        var integer: Int?
        var percent: Bool
        /// Written with a decimal part ("1,0"): a number, even when whole.
        var hasFraction: Bool
    }

    private static let pow10: [Double] = (0...22).map { p in
        var v = 1.0
        for _ in 0..<p { v *= 10 }
        return v
    }

    /// `strict: false` is the per-cell inference of plain conversions: a leading `+`, a
    /// leading zero ("0912…", phone numbers and codes) or more than 15 significant digits
    /// (identity numbers) mean text, not a number.
    static func scan(_ raw: UnsafeBufferPointer<UInt8>, convention: VietnameseNumber.Convention, strict: Bool) -> Result? {
        var lo = 0, hi = raw.count
        while lo < hi && (raw[lo] == 0x20 || raw[lo] == 0xA0) { lo += 1 }
        while hi > lo && raw[hi - 1] == 0x20 { hi -= 1 }
        // Non-breaking space U+00A0 as C2 A0 at the end (Excel's "1 234 " in some locales).
        if hi - lo >= 2 && raw[hi - 2] == 0xC2 && raw[hi - 1] == 0xA0 { hi -= 2 }
        guard hi > lo else { return nil }
        var percent = false
        if raw[hi - 1] == UInt8(ascii: "%") {
            percent = true
            hi -= 1
            while hi > lo && raw[hi - 1] == 0x20 { hi -= 1 }
        }
        var i = lo
        var negative = false
        if raw[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        } else if raw[i] == UInt8(ascii: "+") {
            if !strict { return nil }
            i += 1
        }
        guard i < hi, raw[i] >= 0x30 && raw[i] <= 0x39 else { return nil }
        if !strict && raw[i] == 0x30 && i + 1 < hi && raw[i + 1] >= 0x30 && raw[i + 1] <= 0x39 { return nil }

        // One pass: digits accumulate; separators are remembered by kind and position.
        var mantissa: UInt64 = 0
        var significant = 0
        var digitsTotal = 0
        var dots = 0, commas = 0
        var lastSep: UInt8 = 0
        var lastSepDigitIndex = 0      // digits seen before the last separator
        var firstSepDigitIndex = -1
        var groupOK = true             // every group between separators has exactly 3 digits
        var prevSepDigitIndex = -1
        var overflow = false
        while i < hi {
            let b = raw[i]
            if b >= 0x30 && b <= 0x39 {
                if significant > 0 || b != 0x30 { significant += 1 }
                if significant <= 19 {
                    let (m, o1) = mantissa.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(UInt64(b - 0x30))
                    if o1 || o2 { overflow = true } else { mantissa = s }
                } else {
                    overflow = true
                }
                digitsTotal += 1
            } else if b == UInt8(ascii: ".") || b == UInt8(ascii: ",") {
                guard i + 1 < hi, raw[i + 1] >= 0x30 && raw[i + 1] <= 0x39 else { return nil }
                if b == UInt8(ascii: ".") { dots += 1 } else { commas += 1 }
                if firstSepDigitIndex < 0 { firstSepDigitIndex = digitsTotal }
                if prevSepDigitIndex >= 0 && digitsTotal - prevSepDigitIndex != 3 { groupOK = false }
                prevSepDigitIndex = digitsTotal
                lastSep = b
                lastSepDigitIndex = digitsTotal
            } else {
                return nil
            }
            i += 1
        }
        if !strict && significant > 15 { return nil }

        // Decide which separator (if any) is the decimal mark.
        var fractionDigits = 0
        if dots > 0 || commas > 0 {
            let firstGroup = firstSepDigitIndex
            let tail = digitsTotal - lastSepDigitIndex
            var decimal: UInt8 = 0
            if dots > 0 && commas > 0 {
                decimal = lastSep
                let decimalCount = decimal == UInt8(ascii: ".") ? dots : commas
                guard decimalCount == 1 else { return nil }
                // Groups before the decimal mark: first 1–3 digits, the rest exactly 3.
                guard firstGroup >= 1 && firstGroup <= 3 else { return nil }
                // groupOK covered every gap including the one ending at the decimal mark.
                guard groupOK else { return nil }
            } else {
                let sep: UInt8 = dots > 0 ? UInt8(ascii: ".") : UInt8(ascii: ",")
                let count = dots + commas
                if count > 1 {
                    // Several: thousands groups.
                    guard groupOK && tail == 3 && firstGroup >= 1 && firstGroup <= 3 else { return nil }
                    decimal = 0
                } else if tail == 3 && firstGroup >= 1 && firstGroup <= 3 && !(firstGroup == 1 && raw[lo + (negative ? 1 : 0)] == 0x30) {
                    // "1.234" / "1,234": the convention decides.
                    decimal = sep == (convention == .vietnamese ? UInt8(ascii: ",") : UInt8(ascii: ".")) ? sep : 0
                } else {
                    decimal = sep
                }
            }
            if decimal != 0 { fractionDigits = digitsTotal - lastSepDigitIndex }
        }

        var value: Double
        var integer: Int?
        if !overflow && mantissa < (1 << 53) && fractionDigits <= 22 {
            value = Double(mantissa) / pow10[fractionDigits]
            if fractionDigits == 0 { integer = Int(mantissa) }
        } else {
            // Rare: rebuild a plain ASCII literal and let the standard library round it.
            var literal = ""
            var seen = 0
            for k in lo..<hi {
                let b = raw[k]
                if b >= 0x30 && b <= 0x39 {
                    literal.unicodeScalars.append(Unicode.Scalar(b))
                    seen += 1
                    if fractionDigits > 0 && seen == digitsTotal - fractionDigits { literal += "." }
                }
            }
            guard let d = Double(literal) else { return nil }
            value = d
            if fractionDigits == 0, d < 9.2e18 { integer = Int(exactly: d) }
        }
        if fractionDigits > 0, value == value.rounded(.towardZero), value < 9.2e18 { integer = Int(exactly: value) }
        if negative {
            value = -value
            integer = integer.map { -$0 }
        }
        if percent {
            return Result(value: value / 100, integer: nil, percent: true, hasFraction: fractionDigits > 0)
        }
        return Result(value: value, integer: integer, percent: false, hasFraction: fractionDigits > 0)
    }
}

/// Reads the date forms exports contain straight from bytes: d/m/yyyy, dd/mm/yyyy, d-m-yyyy,
/// d.m.yyyy and yyyy-mm-dd. Anything else goes to `CivilDate.parse` (typed date columns only).
enum DateScanner {
    static func scan(_ raw: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        var lo = 0, hi = raw.count
        while lo < hi && raw[lo] == 0x20 { lo += 1 }
        while hi > lo && raw[hi - 1] == 0x20 { hi -= 1 }
        var parts = [0, 0, 0]
        var widths = [0, 0, 0]
        var k = 0
        var sep: UInt8 = 0
        var i = lo
        while i < hi {
            let b = raw[i]
            if b >= 0x30 && b <= 0x39 {
                guard widths[k] < 4 else { return nil }
                parts[k] = parts[k] * 10 + Int(b - 0x30)
                widths[k] += 1
            } else if b == UInt8(ascii: "/") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") {
                guard k < 2, widths[k] > 0, sep == 0 || sep == b else { return nil }
                sep = b
                k += 1
            } else {
                return nil
            }
            i += 1
        }
        guard k == 2, widths[2] > 0 else { return nil }
        if widths[0] == 4 && sep == UInt8(ascii: "-") && widths[1] <= 2 && widths[2] <= 2 {
            return try? CivilDate(year: parts[0], month: parts[1], day: parts[2])
        }
        guard widths[0] <= 2, widths[1] <= 2, widths[2] == 4 else { return nil }
        return try? CivilDate(year: parts[2], month: parts[1], day: parts[0])
    }
}
