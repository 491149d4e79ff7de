// The syntax tree of a parsed formula.

/// Sheet limits of Excel (and LibreOffice since 7.4 with large sheets): 16 384 columns (XFD),
/// 1 048 576 rows.
enum FormulaLimits {
    static let columns = 16_384
    static let rows = 1_048_576
    /// Excel's formula length limit, in characters.
    static let length = 8_192
    /// Nesting of parentheses and function calls (Excel allows 64 levels of nested functions).
    static let nesting = 64
    /// Excel's limit on the arguments of one function call.
    static let arguments = 255
}

/// One coordinate of a reference: a 0-based row or column index and whether it has a `$`.
struct FormulaAxis: Equatable, Hashable, Sendable {
    var index: Int
    var absolute: Bool
}

/// A cell address: column and row.
struct FormulaCellAddress: Equatable, Hashable, Sendable {
    var column: FormulaAxis
    var row: FormulaAxis
}

/// What a reference covers, corners as written (not reordered).
enum FormulaArea: Equatable, Hashable, Sendable {
    case cell(FormulaCellAddress)
    case range(FormulaCellAddress, FormulaCellAddress)
    /// Whole columns (`B:B`, `$A:$C`).
    case columns(FormulaAxis, FormulaAxis)
    /// Whole rows (`2:2`, `$2:$5`).
    case rows(FormulaAxis, FormulaAxis)
}

/// A reference as written: optional sheet name (unescaped) and the area.
struct FormulaRef: Equatable, Hashable, Sendable {
    var sheet: String?
    var area: FormulaArea

    /// The covered cells, 0-based, corners ordered.
    var reference: FormulaReference {
        switch area {
        case .cell(let a):
            return FormulaReference(sheet: sheet, firstRow: a.row.index, firstColumn: a.column.index,
                                    lastRow: a.row.index, lastColumn: a.column.index)
        case .range(let a, let b):
            return FormulaReference(sheet: sheet,
                                    firstRow: min(a.row.index, b.row.index),
                                    firstColumn: min(a.column.index, b.column.index),
                                    lastRow: max(a.row.index, b.row.index),
                                    lastColumn: max(a.column.index, b.column.index))
        case .columns(let a, let b):
            return FormulaReference(sheet: sheet, firstRow: 0, firstColumn: min(a.index, b.index),
                                    lastRow: FormulaLimits.rows - 1, lastColumn: max(a.index, b.index))
        case .rows(let a, let b):
            return FormulaReference(sheet: sheet, firstRow: min(a.index, b.index), firstColumn: 0,
                                    lastRow: max(a.index, b.index), lastColumn: FormulaLimits.columns - 1)
        }
    }
}

/// A function name: upper-cased, without the `_xlfn.`/`_xlws.` storage prefix, plus the prefix
/// Excel needs in the file (empty for functions older than Excel 2010).
struct FormulaFunctionName: Equatable, Hashable, Sendable {
    var name: String
    var prefix: String
}

enum FormulaPrefixOperator: String, Equatable, Hashable, Sendable {
    case minus = "-"
    case plus = "+"
}

enum FormulaInfixOperator: String, Equatable, Hashable, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^", concatenate = "&"
    case equal = "=", notEqual = "<>", less = "<", greater = ">", lessOrEqual = "<=", greaterOrEqual = ">="

    /// Binding strength, lowest first (Excel: comparisons < & < + - < * / < ^).
    var precedence: Int {
        switch self {
        case .equal, .notEqual, .less, .greater, .lessOrEqual, .greaterOrEqual: return 0
        case .concatenate: return 1
        case .add, .subtract: return 2
        case .multiply, .divide: return 3
        case .power: return 4
        }
    }

    static let highestPrecedence = 4
}

/// One `operator operand` step of a chain.
struct FormulaLink: Equatable, Hashable, Sendable {
    var op: FormulaInfixOperator
    var operand: FormulaNode
}

/// A node of the formula's syntax tree.
///
/// Runs of same-precedence binary operators are one `chain` (evaluated left to right), runs of
/// signs one `prefix` and runs of `%` one `percent`, so the tree stays shallow however long the
/// formula is.
indirect enum FormulaNode: Equatable, Hashable, Sendable {
    /// A number literal: its value and its text as written.
    case number(Double, String)
    case text(String)
    case logical(Bool)
    case error(FormulaErrorValue)
    case reference(FormulaRef)
    /// A defined name (not evaluated).
    case name(String)
    /// An omitted function argument (`IF(A1,,1)`).
    case missing
    /// Parentheses, kept so that the formula prints back as written.
    case group(FormulaNode)
    case call(FormulaFunctionName, [FormulaNode])
    /// Signs before an operand, outermost first.
    case prefix([FormulaPrefixOperator], FormulaNode)
    /// Postfix percent signs (`5%%`).
    case percent(FormulaNode, Int)
    /// `first op operand op operand …`, all operators of one precedence level.
    case chain(FormulaNode, [FormulaLink])

    /// Every reference in the subtree, in order of appearance.
    func collectReferences(into out: inout [FormulaRef]) {
        switch self {
        case .reference(let r): out.append(r)
        case .group(let n), .prefix(_, let n), .percent(let n, _): n.collectReferences(into: &out)
        case .call(_, let args): for a in args { a.collectReferences(into: &out) }
        case .chain(let first, let links):
            first.collectReferences(into: &out)
            for l in links { l.operand.collectReferences(into: &out) }
        case .number, .text, .logical, .error, .name, .missing: break
        }
    }

    /// The tree with every operation fully parenthesized (`((1+(2*3))-4)`), for tests and debugging.
    var structure: String {
        switch self {
        case .number(_, let s): return s
        case .text(let s): return "\"" + s + "\""
        case .logical(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e.rawValue
        case .reference(let r): return FormulaPrinter.excel(r)
        case .name(let n): return n
        case .missing: return "·"
        case .group(let n): return n.structure
        case .call(let f, let args): return f.name + "(" + args.map(\.structure).joined(separator: ",") + ")"
        case .prefix(let ops, let n):
            return ops.reversed().reduce(n.structure) { "(" + $1.rawValue + $0 + ")" }
        case .percent(let n, let count):
            return (0..<count).reduce(n.structure) { s, _ in "(" + s + "%)" }
        case .chain(let first, let links):
            return links.reduce(first.structure) { "(" + $0 + $1.op.rawValue + $1.operand.structure + ")" }
        }
    }
}
