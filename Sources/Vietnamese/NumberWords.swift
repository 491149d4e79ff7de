/// Whole numbers in Vietnamese words, as official documents and payment papers write amounts
/// ("Bằng chữ: Một triệu hai trăm nghìn đồng").
///
/// Style (the most common official and banking practice; the spec leaves room here):
/// - digits: không một hai ba bốn năm sáu bảy tám chín; "mười" for ten, "mươi" for the tens
///   20–90; scale words "trăm", "nghìn" (not "ngàn"), "triệu", "tỷ" (not "tỉ");
/// - after a tens digit ≥ 2, 1 is "mốt" (21 "hai mươi mốt"; but 11 "mười một") and 4 is "tư"
///   (24 "hai mươi tư"; but 14 "mười bốn", 104 "một trăm linh bốn");
///   after any tens digit ≥ 1, 5 is "lăm" (15 "mười lăm", 25 "hai mươi lăm"; but 105
///   "một trăm linh năm");
/// - a units digit after a zero tens digit in a written hundred is introduced by "linh" (not
///   "lẻ"): 105 "một trăm linh năm";
/// - numbers are read in groups of three digits; a group that is entirely zero is skipped
///   (1.000.005 "một triệu không trăm linh năm", not "… không nghìn …"); a non-zero group
///   below 100 that follows a higher non-zero part is written in full with "không trăm"
///   (1.001 "một nghìn không trăm linh một", 1.021 "một nghìn không trăm hai mươi mốt");
/// - beyond a billion the count of billions is read as a number: 10^12 "một nghìn tỷ",
///   2.500.000.000.000 "hai nghìn năm trăm tỷ";
/// - negative numbers start with "âm".
///
/// `parseWords(_:)` reads these words back and also the common variants.
public enum NumberWords {
    /// The largest magnitude `words(_:)` accepts: 999.999.999.999.999.
    public static let maximum = 999_999_999_999_999

    static let digitWords = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    /// The number in words, e.g. 1021 → "một nghìn không trăm hai mươi mốt".
    /// Throws `numberWordsOutOfRange` beyond ±999.999.999.999.999.
    public static func words(_ number: Int) throws(VietnameseTextError) -> String {
        guard number >= -maximum && number <= maximum else {
            throw VietnameseTextError(.numberWordsOutOfRange, value: String(number),
                                      message: "Không viết được số \(VietnameseNumber.format(number)) bằng chữ: chỉ hỗ trợ đến 999.999.999.999.999.")
        }
        if number == 0 { return "không" }
        var parts: [String] = []
        if number < 0 { parts.append("âm") }
        var written = false
        appendWords(number.magnitude, &parts, &written)
        return parts.joined(separator: " ")
    }

    /// An amount of money in words with a capital first letter and the currency at the end:
    /// 1_200_000 → "Một triệu hai trăm nghìn đồng".
    public static func amount(_ number: Int, currency: String = "đồng") throws(VietnameseTextError) -> String {
        let text = try words(number)
        let unit = Vietnamese.normalized(currency)
        return capitalizedFirst(text) + (unit.isEmpty ? "" : " " + unit)
    }

    /// The text with its first character in upper case ("một" → "Một").
    static func capitalizedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// Appends the words of `n` (> 0). `written` tells whether a higher part was already
    /// written, which makes short groups take "không trăm" / "linh".
    private static func appendWords(_ n: UInt, _ parts: inout [String], _ written: inout Bool) {
        let billion: UInt = 1_000_000_000
        if n >= billion {
            appendWords(n / billion, &parts, &written)
            parts.append("tỷ")
            written = true
            let rest = n % billion
            if rest > 0 { appendWords(rest, &parts, &written) }
            return
        }
        let groups: [(UInt, String?)] = [(n / 1_000_000, "triệu"), (n / 1000 % 1000, "nghìn"), (n % 1000, nil)]
        for (value, scale) in groups where value > 0 {
            appendGroup(Int(value), full: written, &parts)
            if let scale { parts.append(scale) }
            written = true
        }
    }

    /// Words of a group 1…999; `full` writes the hundreds even when zero ("không trăm").
    private static func appendGroup(_ g: Int, full: Bool, _ parts: inout [String]) {
        let h = g / 100, t = g / 10 % 10, u = g % 10
        let hundreds = h > 0 || full
        if hundreds {
            parts.append(digitWords[h])
            parts.append("trăm")
        }
        switch t {
        case 0:
            if u > 0 {
                if hundreds { parts.append("linh") }
                parts.append(digitWords[u])
            }
        case 1:
            parts.append("mười")
            if u == 5 { parts.append("lăm") } else if u > 0 { parts.append(digitWords[u]) }
        default:
            parts.append(digitWords[t])
            parts.append("mươi")
            switch u {
            case 0: break
            case 1: parts.append("mốt")
            case 4: parts.append("tư")
            case 5: parts.append("lăm")
            default: parts.append(digitWords[u])
            }
        }
    }

    // MARK: Reading words back

    /// Reads a number written in words; nil when the text is not a well-formed number.
    ///
    /// Case, extra white space, commas and hyphens are ignored, as are a trailing currency
    /// "đồng" and "chẵn" ("Một triệu đồng chẵn"). Accepted variants: "lăm"/"năm" for 5,
    /// "mốt"/"một" for 1, "tư"/"bốn" for 4, "bảy"/"bẩy" for 7, "linh"/"lẻ", "nghìn"/"ngàn",
    /// "tỷ"/"tỉ", "âm" for a minus sign. Groups after a higher part may leave out "không trăm"
    /// ("hai nghìn mười lăm" = 2015, "một nghìn linh năm" = 1005). Ambiguous colloquial
    /// shortenings are refused: "một trăm năm" (105 or 150?), "một nghìn hai" (1002 or 1200?).
    /// Values beyond `Int` give nil.
    public static func parseWords(_ text: String) -> Int? {
        let lowered = Vietnamese.nfc(text).lowercased()
        var tokens = lowered.split { $0.isWhitespace || $0 == "," || $0 == "-" || $0 == "." }.map(String.init)
        while let last = tokens.last, last == "đồng" || last == "chẵn" { tokens.removeLast() }
        guard !tokens.isEmpty else { return nil }
        var negative = false
        if tokens[0] == "âm" { negative = true; tokens.removeFirst() }
        if tokens == ["không"] { return 0 }
        guard let value = parseScaled(tokens[...], afterHigherPart: false), value > 0 else { return nil }
        return negative ? -value : value
    }

    private static let leadingDigit: [String: Int] = [
        "không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
    ]
    private static let unitDigit: [String: Int] = [
        "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7,
        "tám": 8, "chín": 9,
    ]

    private static func normalizedScale(_ token: String) -> String {
        switch token {
        case "ngàn": return "nghìn"
        case "tỉ": return "tỷ"
        case "lẻ": return "linh"
        default: return token
        }
    }

    /// Any positive value: `[count of billions] tỷ [rest below a billion]`, recursively.
    private static func parseScaled(_ tokens: ArraySlice<String>, afterHigherPart: Bool) -> Int? {
        guard let split = tokens.lastIndex(where: { normalizedScale($0) == "tỷ" }) else {
            return parseBelowBillion(tokens, afterHigherPart: afterHigherPart)
        }
        let left = tokens[tokens.startIndex..<split]
        let right = tokens[(split + 1)...]
        guard !left.isEmpty, let high = parseScaled(left, afterHigherPart: afterHigherPart), high > 0 else { return nil }
        var low = 0
        if !right.isEmpty {
            guard let r = parseBelowBillion(right, afterHigherPart: true), r > 0 else { return nil }
            low = r
        }
        let (product, o1) = high.multipliedReportingOverflow(by: 1_000_000_000)
        let (sum, o2) = product.addingReportingOverflow(low)
        return o1 || o2 ? nil : sum
    }

    /// 1 … 999.999.999: `[g] triệu [g] nghìn [g]`, each group optional but not all.
    private static func parseBelowBillion(_ tokens: ArraySlice<String>, afterHigherPart: Bool) -> Int? {
        var rest = tokens
        var total = 0
        var higher = afterHigherPart
        for (scale, factor) in [("triệu", 1_000_000), ("nghìn", 1000)] {
            let found = rest.firstIndex { normalizedScale($0) == scale }
            guard let index = found else { continue }
            let part = rest[rest.startIndex..<index]
            guard !part.isEmpty, let g = parseGroup(part, afterHigherPart: higher), g > 0 else { return nil }
            total += g * factor
            higher = true
            rest = rest[(index + 1)...]
            // A scale word may appear only once per level.
            if rest.contains(where: { normalizedScale($0) == scale }) { return nil }
        }
        if !rest.isEmpty {
            guard let g = parseGroup(rest, afterHigherPart: higher), g > 0 else { return nil }
            total += g
        }
        return total > 0 ? total : nil
    }

    /// 0 … 999 from `[d trăm] [mười [u] | d mươi [u] | linh u | u]`.
    private static func parseGroup(_ tokens: ArraySlice<String>, afterHigherPart: Bool) -> Int? {
        let t = tokens.map(normalizedScale)
        var i = 0
        var value = 0
        var hasHundreds = false
        if t.count >= 2, t[1] == "trăm", let h = leadingDigit[t[0]] {
            if h == 0 && !afterHigherPart { return nil }
            value = h * 100
            hasHundreds = true
            i = 2
        }
        let rest = t[i...]
        if rest.isEmpty { return hasHundreds ? value : nil }
        let r = Array(rest)
        if r[0] == "linh" {
            guard r.count == 2, hasHundreds || afterHigherPart, let u = unitDigit[r[1]] else { return nil }
            return value + u
        }
        if r[0] == "mười" {
            if r.count == 1 { return value + 10 }
            guard r.count == 2, let u = unitDigit[r[1]] else { return nil }
            return value + 10 + u
        }
        if r.count >= 2, r[1] == "mươi", let d = leadingDigit[r[0]], d >= 2 {
            if r.count == 2 { return value + d * 10 }
            guard r.count == 3, let u = unitDigit[r[2]] else { return nil }
            return value + d * 10 + u
        }
        // A bare digit: only as the whole number part of a group with nothing before it.
        if r.count == 1, !hasHundreds, !afterHigherPart, let d = leadingDigit[r[0]], d > 0 {
            return d
        }
        return nil
    }
}
