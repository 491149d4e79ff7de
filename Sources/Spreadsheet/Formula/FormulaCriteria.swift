// Criteria of COUNTIF, COUNTIFS, SUMIF, SUMIFS and AVERAGEIF: ">=5", "<>x", "=", "x*", "", 4.
//
// Semantics as LibreOffice computes with the settings Excel files imply (wildcards on,
// regular expressions off, case-insensitive, whole-cell match); every case where Excel
// decides differently is unknowable:
// - a number criterion matches numbers (within 2⁻⁴⁸); given as text ("4", "=4") it also
//   matches the text "4";
// - text matches text case-insensitively, with `*`, `?` and `~` escapes for = and <>;
// - "" matches empty cells and empty text, "=" only empty cells, "<>" every non-empty cell;
// - <> matches everything the = form does not, empty cells included.

struct FormulaCriterion {
    enum Comparison { case equal, notEqual, less, greater, lessOrEqual, greaterOrEqual }

    private enum Test {
        /// A number; `written` is the text form when the criterion was text ("4", ">=4").
        case number(Double, written: String?)
        /// Text, matched exactly (case-insensitive).
        case literal([Unicode.Scalar], original: String)
        /// Text with wildcards.
        case pattern([WildcardToken])
        /// `""`: empty cells and empty text.
        case blankOrEmptyText
        /// `"="`: empty cells only.
        case blank
        /// `"<>"`: anything but an empty cell.
        case nonBlank
    }

    private enum WildcardToken: Equatable {
        case scalar(Unicode.Scalar)
        case one
        case any
    }

    private let comparison: Comparison
    private let test: Test

    /// The criterion an argument value stands for.
    init(_ value: FormulaValue) throws(EvaluationFailure) {
        switch value {
        case .number(let n):
            comparison = .equal
            test = .number(n, written: nil)
        case .text(let s):
            (comparison, test) = try Self.parse(s)
        // Excel matches logical cells; LibreOffice's TRUE is 1. An empty criterion cell and an
        // error criterion (Excel counts the cells holding that error) are read differently too.
        case .bool, .empty, .error:
            throw .unknowable
        }
    }

    private static func parse(_ s: String) throws(EvaluationFailure) -> (Comparison, Test) {
        var rest = Substring(s)
        var op: Comparison = .equal
        var explicit = false
        for (prefix, c) in [("<=", Comparison.lessOrEqual), (">=", .greaterOrEqual), ("<>", .notEqual),
                            ("<", .less), (">", .greater), ("=", .equal)] where rest.hasPrefix(prefix) {
            op = c
            rest = rest.dropFirst(prefix.count)
            explicit = true
            break
        }
        let operand = String(rest)
        if operand.isEmpty {
            switch op {
            case .equal: return (op, explicit ? .blank : .blankOrEmptyText)
            case .notEqual: return (op, .nonBlank)
            default: throw .unknowable
            }
        }
        // Blanks around the operand: LibreOffice then matches numbers only.
        if operand.first?.isWhitespace == true || operand.last?.isWhitespace == true { throw .unknowable }
        switch FormulaNumberText.parse(operand, allowBlanks: false) {
        case .number(let n): return (op, .number(n, written: operand))
        case .ambiguous: throw .unknowable
        case .notNumber: break
        }
        let lower = operand.lowercased()
        // "TRUE" is a logical criterion in Excel, the number 1 in LibreOffice; "#N/A" matches errors.
        if lower == "true" || lower == "false" || operand.first == "#" { throw .unknowable }
        switch op {
        case .equal, .notEqual:
            guard operand.contains(where: { $0 == "*" || $0 == "?" || $0 == "~" }) else {
                return (op, .literal(FormulaText.folded(operand), original: operand))
            }
            return (op, .pattern(try compile(operand)))
        default:
            guard FormulaText.isSimplyOrdered(operand) else { throw .unknowable }
            return (op, .literal(FormulaText.folded(operand), original: operand))
        }
    }

    private static func compile(_ pattern: String) throws(EvaluationFailure) -> [WildcardToken] {
        var tokens: [WildcardToken] = []
        var escaped = false
        for c in FormulaText.folded(pattern) {
            if escaped {
                // Excel's ~ escapes only * ? ~; what other characters do differs.
                guard c == "*" || c == "?" || c == "~" else { throw .unknowable }
                tokens.append(.scalar(c))
                escaped = false
                continue
            }
            switch c {
            case "~": escaped = true
            case "*": if tokens.last != .any { tokens.append(.any) }
            case "?": tokens.append(.one)
            default: tokens.append(.scalar(c))
            }
        }
        if escaped { throw .unknowable }
        return tokens
    }

    /// Whether the cell value meets the criterion.
    func matches(_ v: FormulaValue) throws(EvaluationFailure) -> Bool {
        switch test {
        case .blankOrEmptyText:
            switch v {
            case .empty, .text(""): return true
            default: return false
            }
        case .blank:
            return v == .empty
        case .nonBlank:
            switch v {
            case .empty: return false
            case .error: throw .unknowable
            default: return true
            }
        case .number(let n, let written):
            return try matchesNumber(v, n, written: written)
        case .literal(let folded, let original):
            if comparison == .equal || comparison == .notEqual {
                let equal: Bool
                switch v {
                case .text(let t): equal = FormulaText.folded(t) == folded
                case .number, .empty, .bool: equal = false
                case .error:
                    if comparison == .notEqual { throw .unknowable }
                    equal = false
                }
                return comparison == .equal ? equal : !equal
            }
            switch v {
            case .text(let t):
                guard !t.isEmpty else { throw .unknowable }
                let o = try FormulaText.order(t, original)
                return Self.holds(comparison, o)
            case .bool: throw .unknowable
            case .number, .empty, .error: return false
            }
        case .pattern(let tokens):
            let matched: Bool
            switch v {
            case .text(let t): matched = Self.wildcardMatch(tokens, FormulaText.folded(t))
            case .empty: matched = false
            case .number(let x):
                // LibreOffice matches a number's text against the pattern, Excel never does.
                guard let s = FormulaNumberText.format(x) else { throw .unknowable }
                if Self.wildcardMatch(tokens, FormulaText.folded(s)) { throw .unknowable }
                matched = false
            case .bool(let b):
                // LibreOffice matches the pattern against "1"/"0", Excel never.
                let forms = b ? ["1", "true"] : ["0", "false"]
                if forms.contains(where: { Self.wildcardMatch(tokens, FormulaText.folded($0)) }) { throw .unknowable }
                matched = false
            case .error: throw .unknowable
            }
            return comparison == .equal ? matched : !matched
        }
    }

    private func matchesNumber(_ v: FormulaValue, _ n: Double, written: String?) throws(EvaluationFailure) -> Bool {
        switch v {
        case .number(let x):
            return Self.holds(comparison, try FormulaMath.compare(x, n))
        case .text(let t):
            guard comparison == .equal || comparison == .notEqual else { return false }
            var equal = false
            if let written, FormulaText.caselessEqual(t, written) {
                equal = true
            } else if case .number(let x) = FormulaNumberText.parse(t), FormulaMath.nearlyEqual(x, n) {
                // Excel compares numeric text as numbers here; LibreOffice compares the text.
                throw .unknowable
            }
            return comparison == .equal ? equal : !equal
        case .empty:
            return comparison == .notEqual
        case .bool(let b):
            // LibreOffice compares a logical cell as 1/0; Excel matches it only with <>.
            let inLibreOffice = Self.holds(comparison, try FormulaMath.compare(b ? 1 : 0, n))
            guard inLibreOffice == (comparison == .notEqual) else { throw .unknowable }
            return inLibreOffice
        case .error:
            if comparison == .notEqual { throw .unknowable }
            return false
        }
    }

    private static func holds(_ c: Comparison, _ ordering: Int) -> Bool {
        switch c {
        case .equal: return ordering == 0
        case .notEqual: return ordering != 0
        case .less: return ordering < 0
        case .greater: return ordering > 0
        case .lessOrEqual: return ordering <= 0
        case .greaterOrEqual: return ordering >= 0
        }
    }

    /// Whole-text wildcard match (greedy with backtracking to the last `*`).
    private static func wildcardMatch(_ p: [WildcardToken], _ s: [Unicode.Scalar]) -> Bool {
        var i = 0, j = 0
        var star: Int?
        var resume = 0
        while j < s.count {
            if i < p.count {
                switch p[i] {
                case .any:
                    star = i
                    resume = j
                    i += 1
                    continue
                case .one:
                    i += 1; j += 1
                    continue
                case .scalar(let c) where c == s[j]:
                    i += 1; j += 1
                    continue
                default: break
                }
            }
            guard let st = star else { return false }
            i = st + 1
            resume += 1
            j = resume
        }
        while i < p.count, p[i] == .any { i += 1 }
        return i == p.count
    }
}
