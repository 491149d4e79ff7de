import Foundation  // only for `ComparisonResult`; no Foundation or ICU collation is used here.

/// Sorting people's names the Vietnamese way, without ICU and without locale data.
///
/// Order of comparison (each step only breaks ties left by the previous ones):
/// 1. the tên (given name), then the đệm (middle name), then the họ (family name), split as in
///    `VietnameseName` ("Trần An" comes before "Nguyễn Văn An": same tên, no đệm first);
/// 2. within each part, word by word (syllable by syllable, as dictionaries do): first the base
///    letters in the Vietnamese alphabet order a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u
///    ư v x y (then f j w z, which are not Vietnamese letters), ignoring case; then the tone of
///    the word in the order no tone, huyền, hỏi, ngã, sắc, nặng ("Hà" < "Hả" < "Hạ" < "Hải");
///    a tone belongs to the syllable, so "Hòa" and "Hoà" (old and new tone placement) tie here;
///    a shorter word comes first ("An" < "Anh");
/// 3. case, letter by letter, lower case before upper case ("hà" < "Hà" < "HÀ");
/// 4. finally the names themselves as Swift strings (NFC code-point order), so the order is
///    total and two names compare equal only when they are canonically equivalent.
///
/// Digits and punctuation inside a word sort before letters; other scripts after z by code
/// point. Decomposed input (NFD) gives the same keys as composed input.
///
/// For large lists compute `sortKey(_:)` once per name (`sorted(_:by:)` does this for you);
/// keys are small arrays of `UInt16` compared element by element.
public enum VietnameseCollation {
    /// Which order to sort by.
    public enum Order: Sendable, Hashable {
        /// Tên, đệm, họ in the Vietnamese alphabet, tones and case as tie-breakers.
        case vietnamese
        /// Plain Unicode code-point order of the NFC strings (what a byte-wise sort of UTF-8 gives).
        case codePoint
        /// Any text (unit names, titles) word by word in written order, with the Vietnamese
        /// alphabet, tones and case as for names: "Phòng Nội vụ" < "Phòng Tài chính".
        case text
    }

    /// The sort key of a full name.
    public static func sortKey(_ fullName: String, order: Order = .vietnamese) -> VietnameseSortKey {
        switch order {
        case .vietnamese: return VietnameseSortKey(weights: KeyBuilder.weights(fullName), name: fullName)
        case .codePoint: return VietnameseSortKey(weights: [], name: fullName)
        case .text: return VietnameseSortKey(weights: KeyBuilder.weights(fullName, asName: false), name: fullName)
        }
    }

    /// Compares two full names (builds both keys; for sorting many names use `sortKey`).
    public static func compare(_ lhs: String, _ rhs: String, order: Order = .vietnamese) -> ComparisonResult {
        let a = sortKey(lhs, order: order), b = sortKey(rhs, order: order)
        if a < b { return .orderedAscending }
        if b < a { return .orderedDescending }
        return .orderedSame
    }

    /// The names sorted; equal names keep their input order.
    public static func sorted(_ names: [String], order: Order = .vietnamese) -> [String] {
        sorted(names, order: order) { $0 }
    }

    /// The elements sorted by the name `name(_:)` returns; each key is computed once and
    /// elements with equal names keep their input order (stable).
    public static func sorted<T>(_ elements: [T], order: Order = .vietnamese, by name: (T) -> String) -> [T] {
        var decorated: [(key: VietnameseSortKey, index: Int)] = []
        decorated.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            decorated.append((sortKey(name(element), order: order), index))
        }
        decorated.sort { l, r in
            if l.key < r.key { return true }
            if r.key < l.key { return false }
            return l.index < r.index
        }
        return decorated.map { elements[$0.index] }
    }
}

/// A precomputed collation key: compare keys instead of names when sorting many names.
///
/// Keys made with different `VietnameseCollation.Order`s must not be compared with each other.
public struct VietnameseSortKey: Comparable, Hashable, Sendable {
    /// Collation weights (levels 1–3 of `VietnameseCollation`), compared lexicographically.
    public let weights: [UInt16]
    /// The name the key was made from; the final tie-breaker.
    public let name: String

    public static func < (lhs: VietnameseSortKey, rhs: VietnameseSortKey) -> Bool {
        let order = lhs.weights.withUnsafeBufferPointer { a in
            rhs.weights.withUnsafeBufferPointer { b -> Int in
                let n = min(a.count, b.count)
                var i = 0
                while i < n {
                    if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
                    i += 1
                }
                return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
            }
        }
        if order != 0 { return order < 0 }
        return lhs.name < rhs.name
    }

    public static func == (lhs: VietnameseSortKey, rhs: VietnameseSortKey) -> Bool {
        lhs.weights == rhs.weights && lhs.name == rhs.name
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(weights)
        hasher.combine(name)
    }
}

/// Builds level 1–3 weights in one pass over the scalars of a name.
///
/// Layout, for each part in the order tên, đệm, họ and each word of the part:
/// `base weights…, wordEnd, tone weights…, toneEnd`, then `partEnd` after the part; after the
/// three parts, the case weights of every letter in the same order. Markers sort below every
/// weight that can stand at the same position, which makes a plain lexicographic comparison
/// implement the rules described on `VietnameseCollation`.
enum KeyBuilder {
    static let partEnd: UInt16 = 0
    static let toneEnd: UInt16 = 1
    static let wordEnd: UInt16 = 2
    /// Tone weights: huyền 3, hỏi 4, ngã 5, sắc 6, nặng 7 (no tone = only `toneEnd`).
    static let toneBase: UInt16 = 2
    /// Other combining marks sort after the Vietnamese tones.
    static let otherMarkBase: UInt16 = 16
    /// ASCII punctuation and symbols: 0x100 + code point.
    static let symbolBase: UInt16 = 0x100
    /// Digits 0–9.
    static let digitBase: UInt16 = 0x200
    /// Letters of the extended Vietnamese alphabet (`Letters.alphabet`).
    static let letterBase: UInt16 = 0x300
    /// Everything else: 0x400 + lower-cased code point (clamped).
    static let otherBase: UInt16 = 0x400

    struct Word { var start: Int; var end: Int }

    static func weights(_ name: String, asName: Bool = true) -> [UInt16] {
        let scalars = Array(name.unicodeScalars)
        var words: [Word] = []
        var i = 0
        while i < scalars.count {
            while i < scalars.count && (Vietnamese.isSpace(scalars[i]) || Vietnamese.isInvisible(scalars[i])) { i += 1 }
            if i >= scalars.count { break }
            let start = i
            while i < scalars.count && !Vietnamese.isSpace(scalars[i]) { i += 1 }
            words.append(Word(start: start, end: i))
        }
        // Parts in sort order: tên (last word), đệm (middle words), họ (first word).
        var order: [[Word]] = [[], [], []]
        if !asName {
            order = [words]
        } else if let last = words.last { order[0] = [last] }
        if asName && words.count >= 2 {
            order[1] = Array(words[1..<(words.count - 1)])
            order[2] = [words[0]]
        }
        var key: [UInt16] = []
        key.reserveCapacity(scalars.count * 2 + 3 * words.count + 4)
        var cases: [UInt16] = []
        cases.reserveCapacity(scalars.count + 3)
        var tones: [UInt16] = []
        for part in order {
            for word in part {
                tones.removeAll(keepingCapacity: true)
                appendWord(scalars, word, &key, &tones, &cases)
                key.append(wordEnd)
                key.append(contentsOf: tones)
                key.append(toneEnd)
            }
            key.append(partEnd)
            cases.append(0)
        }
        key.append(contentsOf: cases)
        return key
    }

    @inline(__always)
    private static func appendWord(_ scalars: [Unicode.Scalar], _ word: Word, _ key: inout [UInt16],
                                   _ tones: inout [UInt16], _ cases: inout [UInt16]) {
        // Index in `key` of the last base letter of this word, for combining shape marks.
        var lastLetterSlot = -1
        var lastLetter: UInt8 = 0
        var k = word.start
        while k < word.end {
            let scalar = scalars[k]
            k += 1
            let v = scalar.value
            if Vietnamese.isInvisible(scalar) { continue }
            if let info = Letters.info(v) {
                key.append(letterBase + UInt16(info.letter))
                lastLetterSlot = key.count - 1
                lastLetter = info.letter
                if info.tone != 0 { tones.append(toneBase + UInt16(info.tone)) }
                cases.append(info.upper ? 2 : 1)
                continue
            }
            if Letters.isCombining(scalar) {
                if let tone = Letters.toneOfCombining(v) {
                    tones.append(toneBase + UInt16(tone))
                } else if lastLetterSlot >= 0, let shaped = Letters.applyShape(v, to: lastLetter) {
                    key[lastLetterSlot] = letterBase + UInt16(shaped)
                    lastLetter = shaped
                } else {
                    tones.append(otherMarkBase + UInt16(min(v &- 0x300, 0xFFEF)))
                }
                continue
            }
            lastLetterSlot = -1
            if v >= 0x30 && v <= 0x39 {
                key.append(digitBase + UInt16(v - 0x30))
                cases.append(0)
            } else if v < 0x80 {
                key.append(symbolBase + UInt16(v))
                cases.append(0)
            } else {
                let props = scalar.properties
                let lower = props.lowercaseMapping.unicodeScalars.first?.value ?? v
                key.append(otherBase + UInt16(min(lower, 0xFFFF - UInt32(otherBase))))
                cases.append(props.isUppercase ? 2 : (props.isLowercase ? 1 : 0))
            }
        }
    }
}
