import Foundation

/// Column-name matching insensitive to case, diacritics and spacing:
/// "Họ và tên" = "HỌ VÀ TÊN" = "Ho va ten" = "ho_va_ten".
public enum ColumnName {
    /// The comparison key: NFC, lower case, Vietnamese diacritics removed (đ → d), every run
    /// of characters that are not letters or digits turned into one space, trimmed.
    public static func key(_ name: String) -> String {
        let folded = name.precomposedStringWithCanonicalMapping.lowercased().decomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            let v = scalar.value
            if (0x300...0x36F).contains(v) { continue }
            let s: Unicode.Scalar = (v == 0x111 || v == 0x110) ? "d" : scalar
            if s.properties.isAlphabetic || s.properties.numericType != nil {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(s)
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    /// Levenshtein distance between two keys, or `limit + 1` as soon as it exceeds `limit`.
    public static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var previous = Array(0...y.count)
        var current = Array(repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMin = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return min(previous[y.count], limit + 1)
    }
}

/// Picks the field delimiter of a CSV export from its first lines.
public enum DelimiterDetector {
    public static let candidates: [UInt8] = [0x09, 0x3B, 0x2C]  // tab, semicolon, comma (tie order)

    /// The delimiter that splits the most lines into the same number of fields: for each
    /// candidate, the most frequent non-zero count per line outside quotes, scored by how many
    /// lines have it, then by the count itself. A title line above the header (no delimiter,
    /// or fewer) therefore does not decide; comma when nothing is found.
    public static func detect(_ sample: UnsafeBufferPointer<UInt8>, lines: Int = 20) -> UInt8 {
        var perLine: [[Int]] = []
        var counts = [0, 0, 0]
        var inQuotes = false
        var afterCR = false
        for b in sample {
            if afterCR { afterCR = false; if b == 0x0A { continue } }
            if b == 0x22 { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if b == 0x0A || b == 0x0D {
                perLine.append(counts)
                counts = [0, 0, 0]
                afterCR = b == 0x0D
                if perLine.count >= lines { break }
                continue
            }
            if let k = candidates.firstIndex(of: b) { counts[k] += 1 }
        }
        if counts != [0, 0, 0] || perLine.isEmpty { perLine.append(counts) }
        var best = -1
        var bestScore = (0, 0)
        for k in 0..<3 {
            var frequency: [Int: Int] = [:]
            for line in perLine where line[k] > 0 { frequency[line[k], default: 0] += 1 }
            // The modal count; among equally frequent counts the larger.
            guard let (count, lines) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            let score = (lines, count)
            if best < 0 || score > bestScore {
                best = k
                bestScore = score
            }
        }
        return best < 0 ? 0x2C : candidates[best]
    }
}
