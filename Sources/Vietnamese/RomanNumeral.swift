/// Roman numerals 1…3999, as used for the parts and sections of plans and reports
/// ("Phần I", "I. MỤC ĐÍCH, YÊU CẦU", "Phụ lục II").
public enum RomanNumeral {
    /// The largest value with a standard Roman numeral.
    public static let maximum = 3999

    private static let table: [(Int, String)] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]

    /// The canonical upper-case numeral: 4 → "IV", 1994 → "MCMXCIV". Throws
    /// `invalidRomanNumeral` outside 1…3999.
    public static func format(_ value: Int) throws(VietnameseTextError) -> String {
        guard (1...maximum).contains(value) else {
            throw VietnameseTextError(.invalidRomanNumeral, value: String(value),
                                      message: "Không viết được số \(value) bằng chữ số La Mã: chỉ hỗ trợ từ 1 đến 3999.")
        }
        var n = value
        var out = ""
        for (v, s) in table {
            while n >= v { out += s; n -= v }
        }
        return out
    }

    /// A section label: 2 → "II." (numeral and full stop, as in "II. NỘI DUNG").
    public static func section(_ value: Int) throws(VietnameseTextError) -> String {
        try format(value) + "."
    }

    /// Reads a canonical numeral in either case, with an optional trailing full stop
    /// ("IV", "iv", "IV."). Non-canonical forms ("IIII", "IC", "VX") are refused, so every
    /// accepted text is exactly `format` of its value.
    public static func parse(_ text: String) throws(VietnameseTextError) -> Int {
        func fail() -> VietnameseTextError {
            VietnameseTextError(.invalidRomanNumeral, value: text,
                                message: "\(VietnameseTextError.quote(text)) không phải là số La Mã hợp lệ (từ I đến MMMCMXCIX).")
        }
        var s = Vietnamese.trimmed(text)
        if s.hasSuffix(".") { s.removeLast() }
        let upper = s.uppercased()
        guard !upper.isEmpty, upper.utf8.count <= 15 else { throw fail() }
        var value = 0
        var i = upper.startIndex
        for (v, symbol) in table {
            while upper[i...].hasPrefix(symbol) {
                value += v
                i = upper.index(i, offsetBy: symbol.count)
            }
        }
        guard i == upper.endIndex, (1...maximum).contains(value), (try? format(value)) == upper else { throw fail() }
        return value
    }
}
