import Foundation

// MARK: - Normalisation helpers used by the whole target

extension Vietnamese {
    /// The text in Unicode Normalization Form C (composed), the form tdkt stores and compares.
    ///
    /// Vietnamese text arrives decomposed from macOS apps ("e" + U+0302 + U+0301 for "ế") and
    /// from Windows-1258 files (letter + combining tone mark). Strings made only of scalars that
    /// are stable under NFC and never combine with a neighbour (everything below U+0300, the
    /// precomposed Vietnamese letters U+1EA0–U+1EF9 and common punctuation such as “ ” – … ₫)
    /// are returned as they are without calling Foundation; anything else goes through
    /// `precomposedStringWithCanonicalMapping`.
    ///
    /// Long texts are normalised in pieces of about 4 KiB cut just before an ASCII character
    /// (ASCII characters are starters that never compose with what precedes them, so the cut
    /// cannot change the result). This keeps the cost linear: Foundation's normalisation on
    /// Linux takes time quadratic in the length of one string (2 MB took 6 s in one call).
    public static func nfc(_ text: String) -> String {
        if isTriviallyNFC(text) { return text }
        let utf8 = text.utf8
        if utf8.count <= chunkSize { return text.precomposedStringWithCanonicalMapping }
        var result = ""
        result.reserveCapacity(utf8.count)
        var start = utf8.startIndex
        var index = utf8.startIndex
        var length = 0
        while index != utf8.endIndex {
            if length >= chunkSize && utf8[index] < 0x80 {
                appendNFC(text[start..<index], to: &result)
                start = index
                length = 0
            }
            utf8.formIndex(after: &index)
            length += 1
        }
        appendNFC(text[start..<index], to: &result)
        return result
    }

    private static let chunkSize = 4096

    private static func appendNFC(_ piece: Substring, to result: inout String) {
        let string = String(piece)
        if isTriviallyNFC(string) { result += string } else { result += string.precomposedStringWithCanonicalMapping }
    }

    /// Whether `text` is certainly NFC by the fast check described in `nfc(_:)`.
    static func isTriviallyNFC(_ text: String) -> Bool {
        var ascii = true
        for byte in text.utf8 where byte >= 0x80 { ascii = false; break }
        if ascii { return true }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x300 || (0x1EA0...0x1EF9).contains(v) || (0x2010...0x2027).contains(v) { continue }
            switch v {
            case 0x20AB, 0x20AC, 0x2030, 0x2039, 0x203A, 0x2122: continue
            default: return false
            }
        }
        return true
    }

    /// Whether a scalar separates words: Unicode white space (space, tab, line breaks, NBSP,
    /// U+202F, U+3000 …).
    /// The list is Unicode's White_Space property, spelled out so the check costs no lookup.
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x20 || (0x09...0x0D).contains(v) { return true }
        if v < 0x85 { return false }
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Invisible format characters that sneak into names copied from web pages and Excel:
    /// ZERO WIDTH SPACE U+200B, WORD JOINER U+2060 and a stray BOM U+FEFF. They carry no meaning
    /// in Vietnamese text and are dropped by `collapsingWhitespace(_:)`.
    @inline(__always)
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v == 0x200B || v == 0x2060 || v == 0xFEFF
    }

    /// Trims white space at both ends, turns every inner run of white space (including tabs,
    /// line breaks and no-break spaces) into one ordinary space and drops the invisible
    /// characters U+200B, U+2060 and U+FEFF. Does not normalise; see `normalized(_:)`.
    public static func collapsingWhitespace(_ text: String) -> String {
        var clean = true
        var previousSpace = true  // so a leading space counts as "not clean"
        for scalar in text.unicodeScalars {
            if isInvisible(scalar) { clean = false; break }
            if isSpace(scalar) {
                if previousSpace || scalar.value != 0x20 { clean = false; break }
                previousSpace = true
            } else {
                previousSpace = false
            }
        }
        if clean && !previousSpace { return text }
        if clean && text.isEmpty { return text }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isInvisible(scalar) { continue }
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
    }

    /// The text without Unicode white space at either end.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// `nfc(collapsingWhitespace(text))`: the canonical form of a name or a short label.
    public static func normalized(_ text: String) -> String {
        nfc(collapsingWhitespace(text))
    }
}

// MARK: - Personal names

/// A Vietnamese personal name split into its three parts.
///
/// A Vietnamese full name is written family name first: "Nguyễn Thị Hồng Nhung" is
/// họ "Nguyễn", đệm (middle name) "Thị Hồng", tên (given name) "Nhung". The rule used here is
/// the usual one for lists: the first word is the họ, the last word the tên, the words in
/// between the đệm. A one-word name has only a tên. Compound family names ("Tôn Nữ",
/// "Âu Dương") cannot be told from middle names without a dictionary and are split the same
/// way, which is also how lists are sorted in practice.
public struct VietnameseName: Hashable, Sendable, CustomStringConvertible {
    /// Họ (family name): the first word, or "" for a one-word name.
    public let familyName: String
    /// Tên đệm (middle name): the words between the first and the last, joined by one space.
    public let middleName: String
    /// Tên (given name): the last word.
    public let givenName: String

    /// Splits a full name after normalising it (`Vietnamese.normalized`: NFC, one space between
    /// words, no leading or trailing space).
    public init(_ fullName: String) {
        let words = Vietnamese.normalized(fullName).split(separator: " ", omittingEmptySubsequences: true)
        switch words.count {
        case 0:
            (familyName, middleName, givenName) = ("", "", "")
        case 1:
            (familyName, middleName, givenName) = ("", "", String(words[0]))
        default:
            familyName = String(words[0])
            givenName = String(words[words.count - 1])
            middleName = words[1..<(words.count - 1)].joined(separator: " ")
        }
    }

    /// Builds a name from its parts (each normalised like `init(_:)`).
    public init(familyName: String, middleName: String, givenName: String) {
        self.familyName = Vietnamese.normalized(familyName)
        self.middleName = Vietnamese.normalized(middleName)
        self.givenName = Vietnamese.normalized(givenName)
    }

    /// The normalised full name: họ, đệm and tên joined by single spaces.
    public var fullName: String {
        [familyName, middleName, givenName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    public var description: String { fullName }
}
