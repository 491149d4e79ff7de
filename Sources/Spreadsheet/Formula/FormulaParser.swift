// Recursive-descent parser with Excel's operator precedence:
//   comparison (= <> < > <= >=)  <  &  <  + -  <  * /  <  ^  <  prefix - +  <  postfix %
// All binary operators are left-associative (Excel: 2^3^2 = 64, -2^2 = 4).

struct FormulaParser {
    private let tokens: [FormulaToken]
    private let fail: (FormulaError.Kind, Int) -> FormulaError
    private var p = 0
    private var depth = 0

    init(_ tokens: [FormulaToken], fail: @escaping (FormulaError.Kind, Int) -> FormulaError) {
        self.tokens = tokens
        self.fail = fail
    }

    private var current: FormulaToken { tokens[min(p, tokens.count - 1)] }

    mutating func parseFormula() throws(FormulaError) -> FormulaNode {
        if case .end = current.kind { throw fail(.empty, 0) }
        let node = try expression(0)
        let t = current
        switch t.kind {
        case .end: return node
        case .rightParen: throw fail(.unmatchedParenthesis, t.start)
        case .comma: throw fail(.misplacedComma, t.start)
        case .reference, .name, .function, .leftParen:
            if t.spaceBefore, Self.isReferenceLike(node) {
                throw fail(.unsupported("phép giao vùng (dấu cách giữa hai tham chiếu)"), t.start)
            }
            throw fail(.unexpectedToken(Self.text(of: t)), t.start)
        default:
            throw fail(.unexpectedToken(Self.text(of: t)), t.start)
        }
    }

    private static func isReferenceLike(_ node: FormulaNode) -> Bool {
        switch node {
        case .reference, .name: return true
        case .group(let n): return isReferenceLike(n)
        case .chain(_, let links): return links.last.map { isReferenceLike($0.operand) } ?? false
        default: return false
        }
    }

    /// The token as written, for messages.
    static func text(of t: FormulaToken) -> String {
        switch t.kind {
        case .number(_, let s): return s
        case .text(let s): return "\"" + s + "\""
        case .logical(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e.rawValue
        case .reference(let r): return FormulaPrinter.excel(r)
        case .function(let f): return f.name + "("
        case .name(let n): return n
        case .op(let o): return o
        case .leftParen: return "("
        case .rightParen: return ")"
        case .comma: return ","
        case .end: return ""
        }
    }

    private mutating func expression(_ level: Int) throws(FormulaError) -> FormulaNode {
        if level > FormulaInfixOperator.highestPrecedence { return try prefixed() }
        let first = try expression(level + 1)
        var links: [FormulaLink] = []
        while case .op(let s) = current.kind, let op = FormulaInfixOperator(rawValue: s), op.precedence == level {
            p += 1
            links.append(FormulaLink(op: op, operand: try expression(level + 1)))
        }
        return links.isEmpty ? first : .chain(first, links)
    }

    private mutating func prefixed() throws(FormulaError) -> FormulaNode {
        var ops: [FormulaPrefixOperator] = []
        while case .op(let s) = current.kind, let op = FormulaPrefixOperator(rawValue: s) {
            ops.append(op)
            p += 1
        }
        var node = try primary()
        var percents = 0
        while case .op("%") = current.kind {
            percents += 1
            p += 1
        }
        if percents > 0 { node = .percent(node, percents) }
        return ops.isEmpty ? node : .prefix(ops, node)
    }

    private mutating func enter(_ t: FormulaToken) throws(FormulaError) {
        depth += 1
        if depth > FormulaLimits.nesting { throw fail(.tooDeep, t.start) }
    }

    private mutating func primary() throws(FormulaError) -> FormulaNode {
        let t = current
        switch t.kind {
        case .number(let v, let s): p += 1; return .number(v, s)
        case .text(let s): p += 1; return .text(s)
        case .logical(let b): p += 1; return .logical(b)
        case .error(let e): p += 1; return .error(e)
        case .reference(let r): p += 1; return .reference(r)
        case .name(let n): p += 1; return .name(n)
        case .leftParen:
            try enter(t)
            p += 1
            let inner = try expression(0)
            try close()
            depth -= 1
            return .group(inner)
        case .function(let f):
            try enter(t)
            p += 1
            var args: [FormulaNode] = []
            if case .rightParen = current.kind {
                p += 1
            } else {
                while true {
                    switch current.kind {
                    case .comma, .rightParen: args.append(.missing)
                    default: args.append(try expression(0))
                    }
                    if args.count > FormulaLimits.arguments { throw fail(.tooManyArguments(f.name), t.start) }
                    if case .comma = current.kind { p += 1; continue }
                    try close()
                    break
                }
            }
            depth -= 1
            return .call(f, args)
        case .end: throw fail(.unexpectedEnd, t.start)
        default: throw fail(.unexpectedToken(Self.text(of: t)), t.start)
        }
    }

    /// Consumes the `)` that closes a group or call.
    private mutating func close() throws(FormulaError) {
        let t = current
        switch t.kind {
        case .rightParen: p += 1
        case .end: throw fail(.unclosedParenthesis, t.start)
        case .reference, .name:
            if t.spaceBefore { throw fail(.unsupported("phép giao vùng (dấu cách giữa hai tham chiếu)"), t.start) }
            throw fail(.unexpectedToken(Self.text(of: t)), t.start)
        default: throw fail(.unexpectedToken(Self.text(of: t)), t.start)
        }
    }
}
