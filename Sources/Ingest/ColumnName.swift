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

    /// The delimiter whose count outside quotes is highest on the first line and, among
    /// equals, most consistent over the following lines; comma when nothing is found.
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
        guard let header = perLine.first else { return 0x2C }
        var best = -1
        var bestScore = (0, 0)
        for k in 0..<3 where header[k] > 0 {
            let consistent = perLine.dropFirst().filter { $0[k] == header[k] }.count
            let score = (header[k] > 0 ? 1 : 0, consistent * 1000 + header[k])
            if best < 0 || score > bestScore {
                best = k
                bestScore = score
            }
        }
        return best < 0 ? 0x2C : candidates[best]
    }
}
