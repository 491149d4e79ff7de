// A spreadsheet formula given in Excel A1 syntax: parsed once, written as Excel or OpenFormula
// text, and evaluated for the cached result.

/// The cells one reference of a formula covers (0-based, corners ordered).
public struct FormulaReference: Hashable, Sendable {
    /// The sheet named in the reference, nil for the formula's own sheet.
    public var sheet: String?
    /// First row (0-based; 0 for whole columns).
    public var firstRow: Int
    /// First column (0-based; 0 for whole rows).
    public var firstColumn: Int
    /// Last row (0-based; 1 048 575 for whole columns).
    public var lastRow: Int
    /// Last column (0-based; 16 383 for whole rows).
    public var lastColumn: Int

    /// A reference to the given cells.
    public init(sheet: String?, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// One cell rather than a range.
    public var isSingleCell: Bool { firstRow == lastRow && firstColumn == lastColumn }

    /// Whether the reference covers the cell (sheet not compared).
    public func contains(row: Int, column: Int) -> Bool {
        row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn
    }
}

/// A parsed formula.
///
/// ```swift
/// let f = try Formula("ROUND(C5/D5*100,2)")
/// f.excel        // "ROUND(C5/D5*100,2)"         → XLSX <f>
/// f.openFormula  // "of:=ROUND([.C5]/[.D5]*100;2)" → ODS table:formula
/// ```
public struct Formula: Equatable, Hashable, Sendable, CustomStringConvertible {
    let root: FormulaNode

    /// Normalized Excel text for XLSX `<f>`: no leading `=`, function names upper-cased (with the
    /// `_xlfn.` prefix Excel stores for functions newer than Excel 2007), references upper-cased,
    /// blanks outside strings dropped; everything else as written.
    public private(set) var excel: String
    /// ODF OpenFormula text for ODS `table:formula`, as LibreOffice writes it:
    /// `of:=SUM([.B2:.B9])`.
    public private(set) var openFormula: String
    /// Every cell and range referenced, in order of first appearance, without repeats.
    public private(set) var references: [FormulaReference]

    /// Parses Excel A1 syntax (a leading `=` is accepted). Throws a ``FormulaError`` naming the
    /// problem and its position.
    public init(_ excel: String) throws(FormulaError) {
        let all = Array(excel)
        let offset = all.first == "=" ? 1 : 0
        let body = Array(all[offset...])
        let fail = { (kind: FormulaError.Kind, index: Int) -> FormulaError in
            // 1-based position in the text as given; the last character when past the end.
            let position = max(1, min(index + offset + 1, all.count))
            return FormulaError(kind: kind, formula: excel, position: position)
        }
        guard body.count <= FormulaLimits.length else { throw FormulaError(kind: .tooLong, formula: excel, position: 1) }
        var lexer = FormulaLexer(body, fail: fail)
        var parser = FormulaParser(try lexer.tokenize(), fail: fail)
        self.init(root: try parser.parseFormula())
    }

    init(root: FormulaNode) {
        self.root = root
        excel = FormulaPrinter.excel(root)
        openFormula = FormulaPrinter.openFormula(root)
        var refs: [FormulaRef] = []
        root.collectReferences(into: &refs)
        var seen = Set<FormulaReference>()
        references = refs.map(\.reference).filter { seen.insert($0).inserted }
    }

    /// The normalized Excel text.
    public var description: String { excel }

    /// Same syntax tree (so the same `excel` and `openFormula`).
    public static func == (a: Formula, b: Formula) -> Bool { a.root == b.root }
    public func hash(into hasher: inout Hasher) { hasher.combine(root) }

    /// The result Excel and LibreOffice would compute, for caching in the file; nil when it
    /// cannot be computed exactly like they would (a cell value `source` does not know, an
    /// unsupported function, or a case where Excel and LibreOffice disagree).
    ///
    /// `sheet` is the sheet the formula is in: references without a sheet name read from it.
    /// A result that is a reference to an empty cell is `.number(0)`, as both show it.
    public func evaluate(in source: any FormulaValueSource, sheet: String?) -> FormulaValue? {
        FormulaEvaluator(source: source, sheet: sheet).result(root)
    }
}
