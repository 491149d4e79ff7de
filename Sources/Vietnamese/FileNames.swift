import Foundation

extension Vietnamese {
    /// The text with its Vietnamese letters folded to ASCII: tone and shape marks removed,
    /// "đ" → "d", "Đ" → "D" ("Kế hoạch 57/KH-UBND" → "Ke hoach 57/KH-UBND"). Other non-ASCII
    /// characters are kept as they are.
    public static func asciiFolded(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x300...0x36F: continue  // combining marks: tone, circumflex, breve, horn
            case 0x111: out.append("d")
            case 0x110: out.append("D")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// A file-name stem safe on every file system and in every URL, made from Vietnamese text:
    /// ASCII letters and digits in lower case, words joined by "-", at most `maxLength`
    /// characters cut at a word boundary ("Kế hoạch số 57/KH-UBND" → "ke-hoach-so-57-kh-ubnd").
    /// Empty text gives "tai-lieu".
    public static func fileSlug(_ text: String, maxLength: Int = 80) -> String {
        var words: [String] = []
        var word = ""
        for scalar in asciiFolded(text).unicodeScalars {
            let v = scalar.value
            if (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) {
                word.unicodeScalars.append(scalar)
            } else if (0x41...0x5A).contains(v) {
                word.unicodeScalars.append(Unicode.Scalar(v + 0x20)!)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        var slug = ""
        for w in words {
            let next = slug.isEmpty ? w : slug + "-" + w
            if next.count > maxLength {
                if slug.isEmpty { slug = String(w.prefix(maxLength)) }
                break
            }
            slug = next
        }
        return slug.isEmpty ? "tai-lieu" : slug
    }
}
