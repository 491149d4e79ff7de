import Foundation

/// Numbers written the Vietnamese way: "." between thousands, "," before decimals.
///
/// Formatting is exact: values are turned into decimal digits first (a `Decimal` through its
/// exact digits, a `Double` through its shortest round-trip text, so 2.675 is "2.675", not
/// 2.67499999…) and rounded half away from zero on those digits: 2,675 → "2,68",
/// −2,675 → "-2,68", 0,125 → "0,13".
///
/// Parsing reads text typed in Vietnamese-locale spreadsheets ("1.234.567,89", "-0,5",
/// "15,5%") or, with `.english`, in files whose number format is English ("1,234.56").
/// See `parse(_:convention:)` for the exact grammar and the "1.234" rule.
public enum VietnameseNumber {
    /// Which characters group thousands and which one starts the decimals.
    public enum Convention: Sendable, Hashable {
        /// "1.234.567,89": "." groups thousands, "," starts the decimals (Vietnamese locale).
        case vietnamese
        /// "1,234,567.89": "," groups thousands, "." starts the decimals (English locale).
        case english

        var group: UInt8 { self == .vietnamese ? UInt8(ascii: ".") : UInt8(ascii: ",") }
        var decimal: UInt8 { self == .vietnamese ? UInt8(ascii: ",") : UInt8(ascii: ".") }
    }

    /// The most fraction digits a formatting call produces; larger requests are clamped.
    public static let maximumFractionDigits = 40

    // MARK: Formatting

    /// An integer with "." between thousands: 1234567 → "1.234.567", -1000 → "-1.000".
    public static func format(_ value: Int) -> String {
        let digits = Array(String(value.magnitude).utf8)
        return render(negative: value < 0, integer: digits[...], fraction: [][...], convention: .vietnamese)
    }

    /// A decimal with "." between thousands and exactly `fractionDigits` decimals after ","
    /// (rounded half away from zero): (1234567.891, 2) → "1.234.567,89". With `trimZeros`
    /// trailing zero decimals are dropped ("15,50" → "15,5", "15,00" → "15"). A NaN is written
    /// "không xác định" (undefined).
    public static func format(_ value: Decimal, fractionDigits: Int, trimZeros: Bool = false) -> String {
        if value.isNaN { return "không xác định" }
        guard let digits = DecimalDigits(text: value.description) else { return "không xác định" }
        return digits.formatted(fractionDigits: fractionDigits, trimZeros: trimZeros, convention: .vietnamese)
    }

    /// A `Double` formatted like the `Decimal` overload, from its shortest round-trip decimal
    /// text (so 2.675 → "2,68" with 2 digits). Infinities are "∞" and "-∞"; NaN is
    /// "không xác định".
    public static func format(_ value: Double, fractionDigits: Int, trimZeros: Bool = false) -> String {
        if value.isNaN { return "không xác định" }
        if value.isInfinite { return value < 0 ? "-∞" : "∞" }
        guard let digits = DecimalDigits(text: value.description) else { return "không xác định" }
        return digits.formatted(fractionDigits: fractionDigits, trimZeros: trimZeros, convention: .vietnamese)
    }

    /// A percentage from a fraction: 0.155 → "15,5%" (with the default of at most 2 decimals,
    /// trailing zeros dropped). No space before "%".
    public static func formatPercent(fraction: Decimal, fractionDigits: Int = 2, trimZeros: Bool = true) -> String {
        if fraction.isNaN { return "không xác định" }
        guard var digits = DecimalDigits(text: fraction.description) else { return "không xác định" }
        digits.exponent += 2
        return digits.formatted(fractionDigits: fractionDigits, trimZeros: trimZeros, convention: .vietnamese) + "%"
    }

    /// A percentage from a value already in percent: 15.5 → "15,5%".
    public static func formatPercent(percent: Decimal, fractionDigits: Int = 2, trimZeros: Bool = true) -> String {
        if percent.isNaN { return "không xác định" }
        return format(percent, fractionDigits: fractionDigits, trimZeros: trimZeros) + "%"
    }

    // MARK: Parsing

    /// Reads a number written in `convention`.
    ///
    /// Grammar (after trimming white space): an optional sign ("-", "+" or "−" U+2212); digits,
    /// which may be grouped by thousands; optionally the decimal separator and at least one
    /// digit; optionally an exponent ("E+11", as Excel writes large numbers); optionally "%"
    /// (a space before it is allowed), which divides by 100: "15,5%" → 0.155.
    ///
    /// Grouping is strict: the first group has 1–3 digits and every later group exactly 3, all
    /// separated by the same character — the convention's group separator, or a space, no-break
    /// space (U+00A0) or narrow no-break space (U+202F).
    ///
    /// The "1.234" rule: with `.vietnamese`, "." is only ever a thousands separator, so "1.234"
    /// is 1234 and "12.5" is an error (it is neither valid grouping nor a Vietnamese decimal).
    /// A file exported with English number formats must be read with `.english`, where "1,234"
    /// is 1234 and "12.5" is 12.5. Nothing is guessed per value: a column is read in one
    /// convention.
    ///
    /// Throws `invalidNumber` naming the text, or `numberOutOfRange` for more than 38
    /// significant digits or an exponent `Decimal` cannot hold.
    public static func parse(_ text: String, convention: Convention = .vietnamese) throws(VietnameseTextError) -> Decimal {
        let parsed = try scan(text, convention: convention)
        return try parsed.digits.decimal(original: text)
    }

    /// Reads an integer (same grammar as `parse`; a fractional part must be zero: "1.234,00" is
    /// 1234). Throws `numberOutOfRange` when the value does not fit in `Int`.
    public static func parseInteger(_ text: String, convention: Convention = .vietnamese) throws(VietnameseTextError) -> Int {
        let parsed = try scan(text, convention: convention)
        guard let value = parsed.digits.integer() else {
            if parsed.digits.hasFraction {
                throw VietnameseTextError(.invalidNumber, value: text,
                                          message: "\(VietnameseTextError.quote(text)) không phải là số nguyên.")
            }
            throw VietnameseTextError(.numberOutOfRange, value: text,
                                      message: "Số \(VietnameseTextError.quote(text)) quá lớn.")
        }
        return value
    }

    struct Scanned { var digits: DecimalDigits }

    static func scan(_ text: String, convention: Convention) throws(VietnameseTextError) -> Scanned {
        func fail(_ hint: String) -> VietnameseTextError {
            VietnameseTextError(.invalidNumber, value: text,
                                message: "Không đọc được số \(VietnameseTextError.quote(text)): \(hint).")
        }
        let expected = convention == .vietnamese
            ? "cần dạng 1.234.567,89 (dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân)"
            : "cần dạng 1,234,567.89 (dấu phẩy ngăn cách hàng nghìn, dấu chấm trước phần thập phân)"
        // Work on scalars: the spaces we accept are not ASCII.
        var s = Array(Vietnamese.trimmed(text).unicodeScalars)
        if s.isEmpty { throw fail("ô trống") }
        var negative = false
        if let first = s.first, first == "-" || first == "+" || first == "\u{2212}" {
            negative = first != "+"
            s.removeFirst()
        }
        var percent = false
        if s.last == "%" {
            percent = true
            s.removeLast()
            while let last = s.last, Vietnamese.isSpace(last) { s.removeLast() }
        }
        var integer: [UInt8] = [], fraction: [UInt8] = []
        var exponent = 0
        var i = 0
        // Integer part with optional grouping.
        var groupSeparator: Unicode.Scalar?
        var groupLength = 0, groups = 0, firstGroup = 0
        while i < s.count {
            let v = s[i].value
            if v >= 0x30 && v <= 0x39 {
                integer.append(UInt8(v))
                groupLength += 1
                i += 1
                continue
            }
            let isGroup = v == UInt32(convention.group) || v == 0x20 || v == 0xA0 || v == 0x202F
            if !isGroup { break }
            if let g = groupSeparator, g != s[i] { throw fail(expected) }
            if groupLength == 0 { throw fail(expected) }
            if groups == 0 { firstGroup = groupLength } else if groupLength != 3 { throw fail(expected) }
            groupSeparator = s[i]
            groups += 1
            groupLength = 0
            i += 1
        }
        if integer.isEmpty { throw fail(expected) }
        if groups > 0 {
            if firstGroup > 3 || groupLength != 3 {
                if convention == .vietnamese && groupSeparator == "." && groups == 1 {
                    throw fail("dấu \".\" chỉ dùng để ngăn cách hàng nghìn, phần thập phân phải dùng dấu \",\" (ví dụ 12,5); nếu tệp dùng định dạng số tiếng Anh, hãy chọn định dạng đó")
                }
                throw fail(expected)
            }
        }
        // Fraction.
        if i < s.count && s[i].value == UInt32(convention.decimal) {
            i += 1
            while i < s.count, s[i].value >= 0x30, s[i].value <= 0x39 {
                fraction.append(UInt8(s[i].value))
                i += 1
            }
            if fraction.isEmpty { throw fail(expected) }
        }
        // Exponent.
        if i < s.count && (s[i] == "e" || s[i] == "E") {
            i += 1
            var expNegative = false
            if i < s.count && (s[i] == "+" || s[i] == "-") { expNegative = s[i] == "-"; i += 1 }
            var n = 0, count = 0
            while i < s.count, s[i].value >= 0x30, s[i].value <= 0x39 {
                if n < 100_000 { n = n * 10 + Int(s[i].value - 0x30) }
                count += 1
                i += 1
            }
            if count == 0 { throw fail(expected) }
            exponent = expNegative ? -n : n
        }
        if i != s.count { throw fail(expected) }
        var digits = DecimalDigits(negative: negative, digits: [], exponent: exponent - fraction.count - (percent ? 2 : 0))
        digits.digits = (integer + fraction).map { $0 - 0x30 }
        digits.normalize()
        return Scanned(digits: digits)
    }

    /// Joins integer and fraction digits (ASCII) with the convention's separators.
    static func render(negative: Bool, integer: ArraySlice<UInt8>, fraction: ArraySlice<UInt8>, convention: Convention) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(integer.count + integer.count / 3 + fraction.count + 2)
        if negative { out.append(UInt8(ascii: "-")) }
        var remaining = integer.count
        for d in integer {
            out.append(d)
            remaining -= 1
            if remaining > 0 && remaining % 3 == 0 { out.append(convention.group) }
        }
        if !fraction.isEmpty {
            out.append(convention.decimal)
            out.append(contentsOf: fraction)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// An exact decimal: `digits × 10^exponent`, digits 0–9 most significant first.
struct DecimalDigits: Equatable {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    /// Parses the plain or scientific text Swift and Foundation print ("-2.675", "1e-05",
    /// "1.7976931348623157e+308", "1000"); nil for anything else ("NaN", "inf").
    init?(text: String) {
        let b = Array(text.utf8)
        var i = 0
        negative = false
        if i < b.count && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) { negative = b[i] == UInt8(ascii: "-"); i += 1 }
        var ds: [UInt8] = []
        var fractionCount = 0, seenPoint = false, any = false
        while i < b.count {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                ds.append(c - 0x30); any = true
                if seenPoint { fractionCount += 1 }
            } else if c == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        guard any else { return nil }
        var exp = 0
        if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            var expNeg = false
            if i < b.count && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) { expNeg = b[i] == UInt8(ascii: "-"); i += 1 }
            var n = 0, count = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if n < 100_000 { n = n * 10 + Int(b[i] - 0x30) }
                count += 1; i += 1
            }
            guard count > 0 else { return nil }
            exp = expNeg ? -n : n
        }
        guard i == b.count else { return nil }
        digits = ds
        exponent = exp - fractionCount
        normalize()
    }

    var isZero: Bool { digits.isEmpty }

    /// Whether digits survive after the decimal point.
    var hasFraction: Bool { exponent < 0 && !isZero }

    /// Removes leading zeros and moves trailing zeros into the exponent; zero is positive.
    mutating func normalize() {
        var start = 0
        while start < digits.count && digits[start] == 0 { start += 1 }
        var end = digits.count
        while end > start && digits[end - 1] == 0 { end -= 1 }
        if start == end {
            digits = []; exponent = 0; negative = false
            return
        }
        if start > 0 || end < digits.count {
            exponent += digits.count - end
            digits = Array(digits[start..<end])
        }
    }

    /// Rounded half away from zero to `places` fraction digits (places ≥ 0).
    func rounded(fractionDigits places: Int) -> DecimalDigits {
        if exponent >= -places || isZero { return self }
        let drop = -places - exponent
        if drop > digits.count {
            return DecimalDigits(negative: false, digits: [], exponent: 0)
        }
        let keep = digits.count - drop
        var kept = Array(digits[0..<keep])
        if digits[keep] >= 5 {
            var j = kept.count - 1
            while j >= 0 {
                if kept[j] == 9 { kept[j] = 0; j -= 1 } else { kept[j] += 1; break }
            }
            if j < 0 { kept.insert(1, at: 0) }
        }
        var result = DecimalDigits(negative: negative, digits: kept, exponent: -places)
        result.normalize()
        return result
    }

    /// Text with grouping and exactly `fractionDigits` decimals (or fewer with `trimZeros`).
    func formatted(fractionDigits: Int, trimZeros: Bool, convention: VietnameseNumber.Convention) -> String {
        let places = min(max(fractionDigits, 0), VietnameseNumber.maximumFractionDigits)
        let r = rounded(fractionDigits: places)
        var integer: [UInt8] = []
        var fraction: [UInt8] = []
        if r.isZero {
            integer = [0x30]
        } else if r.exponent >= 0 {
            integer = r.digits.map { $0 + 0x30 } + [UInt8](repeating: 0x30, count: r.exponent)
        } else {
            let fracCount = -r.exponent
            let intCount = r.digits.count - fracCount
            if intCount > 0 {
                integer = r.digits[0..<intCount].map { $0 + 0x30 }
                fraction = r.digits[intCount...].map { $0 + 0x30 }
            } else {
                integer = [0x30]
                fraction = [UInt8](repeating: 0x30, count: -intCount) + r.digits.map { $0 + 0x30 }
            }
        }
        if fraction.count < places { fraction += [UInt8](repeating: 0x30, count: places - fraction.count) }
        if trimZeros { while fraction.last == 0x30 { fraction.removeLast() } }
        return VietnameseNumber.render(negative: r.negative && !r.isZero, integer: integer[...], fraction: fraction[...], convention: convention)
    }

    /// The value as `Int`, or nil when it has a fraction or does not fit.
    func integer() -> Int? {
        if isZero { return 0 }
        if exponent < 0 { return nil }
        guard digits.count + exponent <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for d in digits {
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            magnitude = a
        }
        for _ in 0..<exponent {
            let (m, o) = magnitude.multipliedReportingOverflow(by: 10)
            if o { return nil }
            magnitude = m
        }
        if negative {
            if magnitude == UInt64(Int.max) + 1 { return Int.min }
            return magnitude <= UInt64(Int.max) ? -Int(magnitude) : nil
        }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }

    /// The value as `Decimal`; throws `numberOutOfRange` beyond 38 significant digits or the
    /// exponent range of `Decimal`.
    func decimal(original: String) throws(VietnameseTextError) -> Decimal {
        if isZero { return 0 }
        let tooBig = VietnameseTextError(.numberOutOfRange, value: original,
                                         message: "Số \(VietnameseTextError.quote(original)) quá lớn, quá nhỏ hoặc có quá nhiều chữ số (tối đa 38 chữ số có nghĩa).")
        guard digits.count <= 38, exponent >= -128, exponent <= 127 else { throw tooBig }
        let text = String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self)
        guard let significand = Decimal(string: text) else { throw tooBig }
        let value = Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: significand)
        if value.isNaN { throw tooBig }
        return value
    }
}
