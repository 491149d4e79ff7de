// Decimal digits of doubles: rounding the way spreadsheets do (on the 15-digit decimal a user
// sees, not on the binary value) and number-to-text conversion.

/// A finite decimal `±0.d₁d₂…dₙ × 10^exponent` with `d₁ ≠ 0` and no trailing zeros; zero has no
/// digits.
struct FormulaDecimal: Equatable {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int

    enum Rounding { case nearest, up, down }

    static let zero = FormulaDecimal(negative: false, digits: [], exponent: 0)

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        var d = digits
        var e = exponent
        var lead = 0
        while lead < d.count, d[lead] == 0 { lead += 1 }
        d.removeFirst(lead)
        e -= lead
        while let last = d.last, last == 0 { d.removeLast() }
        self.negative = d.isEmpty ? false : negative
        self.digits = d
        self.exponent = d.isEmpty ? 0 : e
    }

    /// The shortest decimal that reads back as `x` (Swift's own printing); nil for infinity/NaN.
    init?(_ x: Double) {
        guard x.isFinite else { return nil }
        if x == 0 { self = .zero; return }
        var text = Substring(x.magnitude.description)
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let v = Int(text[text.index(after: e)...]) else { return nil }
            exp = v
            text = text[..<e]
        }
        var digits: [UInt8] = []
        var pointAt: Int?
        for c in text {
            if c == "." { pointAt = digits.count; continue }
            guard let v = c.wholeNumberValue else { return nil }
            digits.append(UInt8(v))
        }
        self.init(negative: x < 0, digits: digits, exponent: (pointAt ?? digits.count) + exp)
    }

    var isZero: Bool { digits.isEmpty }

    /// Rounded half away from zero to `n` significant digits.
    func rounded(significant n: Int) -> FormulaDecimal {
        guard digits.count > n else { return self }
        return rounded(keeping: n, mode: .nearest)
    }

    /// Rounded to `places` decimal places (negative: tens, hundreds, …).
    func rounded(places: Int, mode: Rounding) -> FormulaDecimal {
        rounded(keeping: exponent + places, mode: mode)
    }

    /// Keeps `k` leading digit positions (`k` may be ≤ 0: the rounding unit is above the first
    /// digit).
    private func rounded(keeping k: Int, mode: Rounding) -> FormulaDecimal {
        guard k < digits.count, !isZero else { return self }
        let unitExponent = exponent - k  // the kept unit is 10^unitExponent
        let up: Bool
        switch mode {
        case .down: up = false
        case .up: up = true  // something nonzero is dropped (no trailing zeros)
        case .nearest: up = k >= 0 && digits[k] >= 5
        }
        if k <= 0 {
            return up ? FormulaDecimal(negative: negative, digits: [1], exponent: unitExponent + 1) : .zero
        }
        var kept = Array(digits[0..<k])
        if up {
            var i = k - 1
            while i >= 0 {
                if kept[i] == 9 { kept[i] = 0; i -= 1 } else { kept[i] += 1; break }
            }
            if i < 0 { return FormulaDecimal(negative: negative, digits: [1], exponent: exponent + 1) }
        }
        return FormulaDecimal(negative: negative, digits: kept, exponent: exponent)
    }

    /// The nearest double (correctly rounded parse).
    var double: Double {
        guard !isZero else { return 0 }
        var s = negative ? "-0." : "0."
        for d in digits { s.unicodeScalars.append(Unicode.Scalar(48 + d)) }
        s += "e" + String(exponent)
        return Double(s) ?? 0
    }

    /// Plain decimal notation (`0.000015`, `1200`, `-2.5`).
    var plainText: String {
        guard !isZero else { return "0" }
        var s = negative ? "-" : ""
        func put(_ d: UInt8) { s.unicodeScalars.append(Unicode.Scalar(48 + d)) }
        if exponent <= 0 {
            s += "0." + String(repeating: "0", count: -exponent)
            digits.forEach(put)
        } else if exponent < digits.count {
            digits[0..<exponent].forEach(put)
            s += "."
            digits[exponent...].forEach(put)
        } else {
            digits.forEach(put)
            s += String(repeating: "0", count: exponent - digits.count)
        }
        return s
    }
}

/// Number ⇄ text conversions shared by the evaluator and the criteria.
enum FormulaNumberText {
    enum Parsed: Equatable {
        case number(Double)
        /// Clearly not a number in any locale: #VALUE! in arithmetic.
        case notNumber
        /// Might be read as a number (date, percent, thousands separator, currency…) depending
        /// on locale and settings: cannot be decided here.
        case ambiguous
    }

    /// How Excel and LibreOffice read text used as a number: plain decimals (optionally with
    /// blanks around) convert; anything else number-like is ambiguous.
    static func parse(_ text: String, allowBlanks: Bool = true) -> Parsed {
        var t = Substring(text)
        if allowBlanks {
            while t.first == " " { t.removeFirst() }
            while t.last == " " { t.removeLast() }
        }
        if isPlainDecimal(t) {
            guard let v = Double(t), v.isFinite else { return .ambiguous }
            return .number(v)
        }
        let numberish: Set<Character> = [" ", ".", ",", ":", "/", "-", "+", "%", "$", "(", ")", "e", "E",
                                         "₫", "€", "£", "¥", "\u{00A0}"]
        if t.contains(where: FormulaLexer.isDigit),
           t.allSatisfy({ FormulaLexer.isDigit($0) || numberish.contains($0) }) {
            return .ambiguous
        }
        return .notNumber
    }

    /// `-?digits(.digits)?([eE][+-]?digits)?`
    static func isPlainDecimal(_ t: Substring) -> Bool {
        var i = t.startIndex
        func digits() -> Int {
            var n = 0
            while i < t.endIndex, FormulaLexer.isDigit(t[i]) { i = t.index(after: i); n += 1 }
            return n
        }
        if i < t.endIndex, t[i] == "-" { i = t.index(after: i) }
        guard digits() > 0 else { return false }
        if i < t.endIndex, t[i] == "." {
            i = t.index(after: i)
            guard digits() > 0 else { return false }
        }
        if i < t.endIndex, t[i] == "e" || t[i] == "E" {
            i = t.index(after: i)
            if i < t.endIndex, t[i] == "+" || t[i] == "-" { i = t.index(after: i) }
            guard digits() > 0 else { return false }
        }
        return i == t.endIndex
    }

    /// A number as text the way both write it in General format (`0.333333333333333`, `1200`);
    /// nil where they differ (Excel switches to scientific notation, LibreOffice does not).
    static func format(_ x: Double) -> String? {
        if x == 0 { return "0" }
        let m = x.magnitude
        guard m >= 1e-4, m < 1e15, let d = FormulaDecimal(x) else { return nil }
        return d.rounded(significant: 15).plainText
    }
}
