// Values a formula reads and produces, and the source of cell values it evaluates against.

/// An error value as Excel and LibreOffice store it (`#DIV/0!`, `#N/A`, …).
public enum FormulaErrorValue: String, CaseIterable, Equatable, Hashable, Sendable {
    case divisionByZero = "#DIV/0!"
    case notAvailable = "#N/A"
    case name = "#NAME?"
    case null = "#NULL!"
    case number = "#NUM!"
    case reference = "#REF!"
    case value = "#VALUE!"

    /// The error literal for `text`, compared case-insensitively (`#n/a` → `#N/A`).
    init?(literal text: String) {
        let upper = text.uppercased()
        guard let match = FormulaErrorValue.allCases.first(where: { $0.rawValue == upper }) else { return nil }
        self = match
    }
}

/// The value of a cell or the result of a formula.
public enum FormulaValue: Equatable, Sendable {
    /// A cell with nothing in it (not the empty string).
    case empty
    /// A number (dates and times are serial numbers).
    case number(Double)
    /// Text, possibly empty (a formula's `""`).
    case text(String)
    /// TRUE or FALSE.
    case bool(Bool)
    /// An error value.
    case error(FormulaErrorValue)
}

/// What a value source knows about one cell.
public struct FormulaCell: Equatable, Sendable {
    /// The cell's value (for a formula cell: its result). `.text("")` is taken to be a formula's
    /// empty-string result, which COUNTBLANK counts as blank (write truly empty cells as `.empty`).
    public var value: FormulaValue
    /// The cell itself holds a SUBTOTAL formula: SUBTOTAL skips such cells.
    public var isSubtotal: Bool

    /// A cell with `value`; `isSubtotal` when the cell holds a SUBTOTAL formula.
    public init(value: FormulaValue, isSubtotal: Bool = false) {
        self.value = value
        self.isSubtotal = isSubtotal
    }
}

/// Where a formula reads cell values from (usually the workbook being written).
///
/// `sheet` is the sheet name as written in the formula, or the `sheet` given to
/// ``Formula/evaluate(in:sheet:)`` for references without one. Rows and columns are 0-based.
public protocol FormulaValueSource {
    /// The cell's value, `FormulaCell(value: .empty)` for an empty cell, or nil when the value
    /// is not known (for example no longer retained by a streaming writer).
    func cell(sheet: String?, row: Int, column: Int) -> FormulaCell?
    /// Whether the row is hidden (SUBTOTAL 101–111 skip hidden rows). Default: false.
    func isRowHidden(sheet: String?, row: Int) -> Bool
    /// How many rows and columns of the sheet may hold values: every cell outside is known to be
    /// empty, so whole-column ranges need not be read cell by cell. nil (the default) when not known.
    func extent(sheet: String?) -> (rows: Int, columns: Int)?
}

extension FormulaValueSource {
    /// No row is hidden.
    public func isRowHidden(sheet: String?, row: Int) -> Bool { false }
    /// Not known: ranges are read cell by cell.
    public func extent(sheet: String?) -> (rows: Int, columns: Int)? { nil }
}
