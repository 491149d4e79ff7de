/// Internal tables of the Vietnamese alphabet shared by collation, encodings and detection.
///
/// Every Vietnamese letter is described by three small numbers:
/// - `letter`: its index in the Vietnamese alphabet order
///   a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, followed by the non-Vietnamese
///   Latin letters f j w z (indices 29…32);
/// - `tone`: 0 none (thanh ngang), 1 huyền (grave), 2 hỏi (hook above), 3 ngã (tilde),
///   4 sắc (acute), 5 nặng (dot below) — the order Vietnamese dictionaries use;
/// - `upper`: whether it is a capital.
///
/// Lookups work on single Unicode scalars through two flat arrays (U+0000–U+01FF and
/// U+1EA0–U+1EFF), so they cost an index and a bounds check.
enum Letters {
    /// The alphabet in order (lower case); index = `letter`.
    static let alphabet: [Unicode.Scalar] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o",
        "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y", "f", "j", "w", "z",
    ]

    static let a: UInt8 = 0, aBreve: UInt8 = 1, aCircumflex: UInt8 = 2, d: UInt8 = 5, dStroke: UInt8 = 6
    static let e: UInt8 = 7, eCircumflex: UInt8 = 8, i: UInt8 = 11, o: UInt8 = 16, oCircumflex: UInt8 = 17
    static let oHorn: UInt8 = 18, u: UInt8 = 24, uHorn: UInt8 = 25, y: UInt8 = 28

    /// The twelve vowels, each with its six tone forms (none, huyền, hỏi, ngã, sắc, nặng),
    /// lower case then upper case. All literals are NFC (one scalar each).
    static let vowelForms: [(lower: String, upper: String)] = [
        ("aàảãáạ", "AÀẢÃÁẠ"),
        ("ăằẳẵắặ", "ĂẰẲẴẮẶ"),
        ("âầẩẫấậ", "ÂẦẨẪẤẬ"),
        ("eèẻẽéẹ", "EÈẺẼÉẸ"),
        ("êềểễếệ", "ÊỀỂỄẾỆ"),
        ("iìỉĩíị", "IÌỈĨÍỊ"),
        ("oòỏõóọ", "OÒỎÕÓỌ"),
        ("ôồổỗốộ", "ÔỒỔỖỐỘ"),
        ("ơờởỡớợ", "ƠỜỞỠỚỢ"),
        ("uùủũúụ", "UÙỦŨÚỤ"),
        ("ưừửữứự", "ƯỪỬỮỨỰ"),
        ("yỳỷỹýỵ", "YỲỶỸÝỴ"),
    ]

    struct Info: Equatable {
        var letter: UInt8
        var tone: UInt8
        var upper: Bool
    }

    // Packed entry: 0 = not a letter; else (letter + 1) | tone << 6 | upper << 9.
    private static func pack(_ letter: UInt8, _ tone: UInt8, _ upper: Bool) -> UInt16 {
        UInt16(letter + 1) | UInt16(tone) << 6 | (upper ? 1 << 9 : 0)
    }

    private static let tables: (low: [UInt16], ext: [UInt16], compose: [UInt32]) = {
        var low = [UInt16](repeating: 0, count: 0x200)
        var ext = [UInt16](repeating: 0, count: 0x60)
        // compose[(letter * 6 + tone) * 2 + upper] = scalar value, 0 = none.
        var compose = [UInt32](repeating: 0, count: alphabet.count * 6 * 2)
        func put(_ scalar: Unicode.Scalar, _ letter: UInt8, _ tone: UInt8, _ upper: Bool) {
            let v = Int(scalar.value)
            let packed = pack(letter, tone, upper)
            if v < 0x200 { low[v] = packed } else if v >= 0x1EA0 && v < 0x1F00 { ext[v - 0x1EA0] = packed }
            compose[(Int(letter) * 6 + Int(tone)) * 2 + (upper ? 1 : 0)] = scalar.value
        }
        for (index, scalar) in alphabet.enumerated() {
            let letter = UInt8(index)
            put(scalar, letter, 0, false)
            for upper in scalar.properties.uppercaseMapping.unicodeScalars.prefix(1) { put(upper, letter, 0, true) }
        }
        let vowelLetters: [UInt8] = [a, aBreve, aCircumflex, e, eCircumflex, i, o, oCircumflex, oHorn, u, uHorn, y]
        for (row, forms) in vowelForms.enumerated() {
            for (tone, scalar) in forms.lower.unicodeScalars.enumerated() { put(scalar, vowelLetters[row], UInt8(tone), false) }
            for (tone, scalar) in forms.upper.unicodeScalars.enumerated() { put(scalar, vowelLetters[row], UInt8(tone), true) }
        }
        return (low, ext, compose)
    }()

    /// The letter a scalar stands for, or nil when it is not a (precomposed) letter of the
    /// extended alphabet above.
    @inline(__always)
    static func info(_ value: UInt32) -> Info? {
        let packed: UInt16
        if value < 0x200 {
            packed = tables.low[Int(value)]
        } else if value >= 0x1EA0 && value < 0x1F00 {
            packed = tables.ext[Int(value - 0x1EA0)]
        } else {
            return nil
        }
        if packed == 0 { return nil }
        return Info(letter: UInt8(packed & 0x3F) - 1, tone: UInt8((packed >> 6) & 7), upper: packed & 0x200 != 0)
    }

    /// The precomposed scalar for a letter, tone and case, if Unicode has one.
    static func compose(letter: UInt8, tone: UInt8, upper: Bool) -> Unicode.Scalar? {
        guard Int(letter) < alphabet.count, tone < 6 else { return nil }
        let v = tables.compose[(Int(letter) * 6 + Int(tone)) * 2 + (upper ? 1 : 0)]
        return v == 0 ? nil : Unicode.Scalar(v)
    }

    /// Tone carried by a combining mark (U+0300 family), or nil.
    @inline(__always)
    static func toneOfCombining(_ value: UInt32) -> UInt8? {
        switch value {
        case 0x300, 0x340: return 1
        case 0x309: return 2
        case 0x303: return 3
        case 0x301, 0x341: return 4
        case 0x323: return 5
        default: return nil
        }
    }

    /// The letter obtained by adding a combining breve (U+0306), circumflex (U+0302) or horn
    /// (U+031B) to `letter`, or nil when that mark does not make a Vietnamese letter.
    @inline(__always)
    static func applyShape(_ mark: UInt32, to letter: UInt8) -> UInt8? {
        switch (mark, letter) {
        case (0x306, a): return aBreve
        case (0x302, a): return aCircumflex
        case (0x302, e): return eCircumflex
        case (0x302, o): return oCircumflex
        case (0x31B, o): return oHorn
        case (0x31B, u): return uHorn
        default: return nil
        }
    }

    /// Whether the scalar is a combining mark (general category Mn/Mc/Me).
    @inline(__always)
    static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x300 { return false }
        if v <= 0x36F { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether `letter` is one of the twelve vowels.
    @inline(__always)
    static func isVowel(_ letter: UInt8) -> Bool {
        switch letter {
        case a, aBreve, aCircumflex, e, eCircumflex, i, o, oCircumflex, oHorn, u, uHorn, y: return true
        default: return false
        }
    }
}
