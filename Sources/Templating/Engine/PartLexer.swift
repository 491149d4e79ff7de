/// Tag delimiters: `{` `}` by default, `[[` `]]`, `<<` `>>`, `$(` `)`…
public struct Delimiters: Sendable, Hashable {
    public var start: String
    public var end: String

    public init(start: String = "{", end: String = "}") {
        self.start = start
        self.end = end
    }

    /// Reads "[[ ]]" (start and end separated by a space).
    public init?(spec: String) {
        let parts = spec.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        self.start = String(parts[0])
        self.end = String(parts[1])
    }

    public static let standard = Delimiters()
}

/// Syntax choices (docxtemplater's `syntax` options).
public struct SyntaxOptions: Sendable, Hashable {
    /// A lone closing delimiter is text, not an error.
    public var allowUnopenedTag = false
    /// Loops may overlap (`{#a}{#b}{/a}{/b}`); the result is docxtemplater's.
    public var allowUnbalancedLoops = false
    /// `{=[[ ]]=}` changes the delimiters from there on.
    public var changeDelimiterPrefix: Character? = "="

    public init(allowUnopenedTag: Bool = false, allowUnbalancedLoops: Bool = false) {
        self.allowUnopenedTag = allowUnopenedTag
        self.allowUnbalancedLoops = allowUnbalancedLoops
    }
}

/// Where a piece of text of the part sits, for error locations.
struct TextPlace {
    var offset: Int
    var paragraph: Int
    var table: Int?
    var row: Int?
    var column: Int?
}

/// The text of a part as the user sees it (every text element's characters, concatenated),
/// with the places of its pieces.
struct PartText {
    var scalars: [Unicode.Scalar] = []
    var places: [TextPlace] = []

    /// The place of the text at `offset`.
    func place(at offset: Int) -> TextPlace? {
        guard !places.isEmpty else { return nil }
        var lo = 0, hi = places.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if places[mid].offset <= offset { lo = mid } else { hi = mid - 1 }
        }
        return places[lo]
    }

    func string(_ range: Range<Int>) -> String {
        let r = max(0, range.lowerBound)..<min(scalars.count, max(range.lowerBound, range.upperBound))
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[r])
        return String(s)
    }

    /// About `radius` characters either side of `offset`.
    func context(at offset: Int, radius: Int = 25) -> String {
        string((offset - radius)..<(offset + radius))
    }
}

/// One delimiter found in the text.
struct DelimiterMatch {
    var offset: Int
    var isStart: Bool
    var length: Int
    var changesDelimiters = false
}

/// Finds the delimiters of a part's text and reports misplaced ones (docxtemplater's lexer).
enum DelimiterScanner {
    /// Every delimiter in order. `{=[[ ]]=}` switches the delimiters for the rest of the text.
    static func scan(_ full: [Unicode.Scalar], _ delimiters: Delimiters, _ syntax: SyntaxOptions,
                     issues: inout [(TemplateIssue.Code, Int, String?, String?)]) -> [DelimiterMatch] {
        var start = Array(delimiters.start.unicodeScalars)
        var end = Array(delimiters.end.unicodeScalars)
        guard !start.isEmpty, !end.isEmpty else { return [] }
        var result: [DelimiterMatch] = []
        var offset = -1
        var insideTag = false
        // Cached next occurrences (recomputed only once passed).
        var nextStart = -2, nextEnd = -2
        func find(_ needle: [Unicode.Scalar], from: Int) -> Int {
            var i = max(0, from)
            let n = full.count, m = needle.count
            let first = needle[0]
            while i + m <= n {
                if full[i] == first {
                    var k = 1
                    while k < m && full[i + k] == needle[k] { k += 1 }
                    if k == m { return i }
                }
                i += 1
            }
            return -1
        }
        while true {
            if nextStart != -1 && nextStart < offset + 1 { nextStart = find(start, from: offset + 1) }
            if nextEnd != -1 && nextEnd < offset + 1 { nextEnd = find(end, from: offset + 1) }
            let s = nextStart, e = nextEnd
            var isStart: Bool
            if s == -1 && e == -1 { return result }
            if s == e {
                isStart = !insideTag
            } else if s == -1 || e == -1 {
                isStart = e < s
            } else {
                isStart = s < e
            }
            if isStart {
                insideTag = true
                offset = s
                if let prefix = syntax.changeDelimiterPrefix, offset + start.count < full.count,
                   Character(full[offset + start.count]) == prefix {
                    // {=[[ ]]=}
                    let prefixScalar = full[offset + start.count]
                    var nextEqual = -1
                    var k = offset + start.count + 1
                    while k < full.count { if full[k] == prefixScalar { nextEqual = k; break }; k += 1 }
                    let closing = nextEqual >= 0 ? find(end, from: nextEqual + 1) : -1
                    guard nextEqual >= 0, closing >= 0 else {
                        issues.append((.invalidDelimiters, offset, nil, "thẻ đổi dấu không đóng"))
                        return result
                    }
                    result.append(DelimiterMatch(offset: offset, isStart: true, length: start.count, changesDelimiters: true))
                    result.append(DelimiterMatch(offset: closing, isStart: false, length: end.count, changesDelimiters: true))
                    var inner = String.UnicodeScalarView()
                    inner.append(contentsOf: full[(offset + start.count + 1)..<nextEqual])
                    let pieces = String(inner).split(separator: " ", omittingEmptySubsequences: false)
                    guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else {
                        issues.append((.invalidDelimiters, offset, nil, "«\(String(inner))»"))
                        return result
                    }
                    start = Array(pieces[0].unicodeScalars)
                    end = Array(pieces[1].unicodeScalars)
                    offset = closing
                    insideTag = false
                    nextStart = -2
                    nextEnd = -2
                    continue
                }
                result.append(DelimiterMatch(offset: s, isStart: true, length: start.count))
            } else {
                insideTag = false
                offset = e
                result.append(DelimiterMatch(offset: e, isStart: false, length: end.count))
            }
        }
    }

    /// docxtemplater's getDelimiterErrors: pairs delimiters, reports unclosed, unopened and
    /// doubled ones, and returns the delimiters that are kept.
    static func check(_ matches: [DelimiterMatch], _ full: [Unicode.Scalar], _ syntax: SyntaxOptions,
                      issues: inout [(TemplateIssue.Code, Int, String?, String?)]) -> [DelimiterMatch] {
        func substr(_ from: Int, _ length: Int) -> String {
            let lo = max(0, min(from, full.count))
            let hi = max(lo, min(full.count, from + max(0, length)))
            var v = String.UnicodeScalarView()
            v.append(contentsOf: full[lo..<hi])
            return String(v)
        }
        var kept: [DelimiterMatch] = []
        var inDelimiter = false
        var last = DelimiterMatch(offset: 0, isStart: false, length: 0)
        var xtag = ""
        for current in matches {
            if current.changesDelimiters { kept.append(current); continue }
            let delimiterOffset = current.offset
            let lastOffset = last.offset
            let lastLength = last.length
            xtag = substr(lastOffset, delimiterOffset - lastOffset)
            if inDelimiter && current.isStart {
                if lastOffset + lastLength == delimiterOffset {
                    let context = substr(lastOffset, delimiterOffset - lastOffset + lastLength + 4)
                    issues.append((.duplicateOpenTag, lastOffset, firstWord(context), context))
                    last = current
                    kept.append(current)
                    continue
                }
                issues.append((.unclosedTag, lastOffset, String(firstWord(xtag).dropFirst(last.length)), xtag))
                kept.removeLast()
            }
            if !inDelimiter && !current.isStart {
                if syntax.allowUnopenedTag { continue }
                if lastOffset + lastLength == delimiterOffset {
                    let context = substr(lastOffset - 4, delimiterOffset - lastOffset + lastLength + 4)
                    issues.append((.duplicateCloseTag, lastOffset, firstWord(context), context))
                    last = current
                    continue
                }
                issues.append((.unopenedTag, delimiterOffset, lastWord(xtag), xtag))
                last = current
                continue
            }
            inDelimiter = current.isStart
            last = current
            kept.append(current)
        }
        if inDelimiter {
            let rest = substr(last.offset, full.count - last.offset)
            issues.append((.unclosedTag, last.offset, String(firstWord(rest).dropFirst(last.length)), rest))
            kept.removeLast()
        }
        return kept
    }

    static func firstWord(_ s: String) -> String { String(s.split(separator: " ", omittingEmptySubsequences: false).first ?? "") }
    static func lastWord(_ s: String) -> String { String(s.split(separator: " ", omittingEmptySubsequences: false).last ?? "") }
}
