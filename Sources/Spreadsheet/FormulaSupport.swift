/// The bridge between the writers and the formula engine: the Excel text written to XLSX,
/// the OpenFormula text written to ODS, sheet-name quoting, absolute references.
enum FormulaSupport {
    /// The expression as XLSX stores it (no leading "=", normalised by the formula engine).
    static func excel(_ expression: String) throws(SpreadsheetError) -> String {
        try parse(expression).excel
    }

    /// The OpenFormula text of ODS (`of:=SUM([.B2:.B9])`).
    static func openFormula(_ expression: String) throws(SpreadsheetError) -> String {
        try parse(expression).openFormula
    }

    static func parse(_ expression: String) throws(SpreadsheetError) -> Formula {
        do {
            return try Formula(expression)
        } catch {
            throw SpreadsheetError(.invalidFormula, error.message)
        }
    }

    /// `Sheet1`, or `'Tổng hợp'` when the name needs quotes (anything but ASCII letters,
    /// digits and underscore, or a leading digit); inner quotes doubled.
    static func quotedSheet(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy {
            ($0.value < 0x80 && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_"
        } && !(("0"..."9").contains(name.unicodeScalars.first!))
        if plain { return name }
        var s = "'"
        for ch in name { s += ch == "'" ? "''" : String(ch) }
        return s + "'"
    }

    /// "$A$1:$C$9".
    static func absolute(_ r: CellRange) -> String {
        func a(_ x: CellAddress) -> String { "$\(CellAddress.columnName(x.column))$\(x.row + 1)" }
        return r.first == r.last ? a(r.first) : "\(a(r.first)):\(a(r.last))"
    }
}

