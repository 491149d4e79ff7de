import Domain
import Spreadsheet
import Vietnamese

/// Where a result table sits on a sheet: table row 0 on sheet row `firstRow`, table column 0
/// on sheet column `column`.
struct TablePlacement {
    var firstRow: Int
    var column: Int

    func address(_ ref: CellRef) -> String { address(ref.row, ref.column) }
    func address(_ row: Int, _ column: Int) -> String { CellAddress(row: firstRow + row, column: self.column + column).a1 }
}

/// A result table's multi-level header: consecutive columns with the same group sit under one
/// merged title; `codes` (forms) adds the column-number row.
func header(for table: ResultTable, codes: [String]? = nil, widths: [Double]) -> MultiLevelHeader {
    var nodes: [HeaderColumn] = []
    var c = 0
    let columns = table.columns
    while c < columns.count {
        func leaf(_ k: Int) -> HeaderColumn { HeaderColumn(columns[k].title, width: widths[k], code: codes?[k]) }
        if let g = columns[c].group {
            var children: [HeaderColumn] = []
            var k = c
            while k < columns.count && columns[k].group == g {
                children.append(leaf(k))
                k += 1
            }
            nodes.append(.group(g, children))
            c = k
        } else {
            nodes.append(leaf(c))
            c += 1
        }
    }
    return MultiLevelHeader(nodes)
}

/// Column widths (in characters) by kind, the label column as given.
func widths(for table: ResultTable, label: Double = 38) -> [Double] {
    table.columns.map { column in
        switch column.kind {
        case .serial: return 5
        case .label: return label
        case .code: return 6
        case .unit: return 8
        case .count, .amount, .change: return 9
        case .percent: return 9
        case .score: return 9
        case .rank: return 7
        case .text: return 18
        }
    }
}

/// An Excel formula for Σ coefficient × cell: `SUM(D5:D40)` when the terms are +1 cells of one
/// column (or one row), consecutive runs as ranges; else `E5+F5-G5`.
func linearFormula(_ terms: [Provenance.Term], _ p: TablePlacement) -> String {
    let cells = terms.map(\.cell)
    if terms.count >= 2, terms.allSatisfy({ $0.coefficient == 1 }) {
        let sameColumn = Set(cells.map(\.column)).count == 1
        let sameRow = Set(cells.map(\.row)).count == 1
        if sameColumn || sameRow {
            let sorted = cells.sorted { sameColumn ? $0.row < $1.row : $0.column < $1.column }
            var parts: [String] = []
            var i = 0
            while i < sorted.count {
                var j = i
                while j + 1 < sorted.count
                    && (sameColumn ? sorted[j + 1].row == sorted[j].row + 1 : sorted[j + 1].column == sorted[j].column + 1) {
                    j += 1
                }
                parts.append(i == j ? p.address(sorted[i]) : p.address(sorted[i]) + ":" + p.address(sorted[j]))
                i = j + 1
            }
            return "SUM(" + parts.joined(separator: ",") + ")"
        }
    }
    var s = ""
    for (k, t) in terms.enumerated() {
        let a = p.address(t.cell)
        if t.coefficient == 1 {
            s += (k == 0 ? "" : "+") + a
        } else if t.coefficient == -1 {
            s += "-" + a
        } else {
            let c = t.coefficient == t.coefficient.rounded() ? String(Int(t.coefficient)) : String(t.coefficient)
            s += (k == 0 || t.coefficient < 0 ? "" : "+") + c + "*" + a
        }
    }
    return s
}

/// A row tall enough for its wrapped texts: lines ≈ characters / (1.2 × column width in
/// characters of "0"; Times New Roman's letters are narrower than its digits), 14.5 pt a line.
/// Explicit heights make XLSX and ODS print alike (LibreOffice does not fit XLSX rows on load).
func rowOptions(_ cells: [Cell], widths: [Double], startColumn: Int = 0) -> RowOptions {
    var lines = 1
    for (i, cell) in cells.enumerated() where startColumn + i < widths.count {
        guard case .text(let t) = cell.value else { continue }
        let perLine = max(1, widths[startColumn + i] * 1.2)
        var n = 0
        // Scalars, not characters: NFC Vietnamese letters are one scalar each, and counting
        // them needs no grapheme breaking (this runs for every row of a 100,000-row list).
        if t.utf8.contains(10) {
            for part in t.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
                n += max(1, Int((Double(part.count) / perLine).rounded(.up)))
            }
        } else {
            n = max(1, Int((Double(t.unicodeScalars.count) / perLine).rounded(.up)))
        }
        lines = max(lines, n)
    }
    return lines > 1 ? RowOptions(height: 14.5 * Double(min(lines, 8)) + 1) : .automatic
}

/// `IF(den=0,"—",num/den)`: a percentage cell, "—" when the base is 0.
func ratioFormula(_ numerator: String, _ denominator: String) -> String {
    "IF(\(denominator)=0,\"—\",\(numerator)/\(denominator))"
}

extension TallyStyles {
    func number(_ kind: ResultColumn.Kind, bold: Bool) -> StyleID {
        switch kind {
        case .score: return bold ? scoreBold : score
        case .percent: return bold ? percentBold : percent
        case .change: return bold ? changeBold : change
        case .serial, .rank, .code, .unit: return bold ? centerBold : center
        case .label, .text: return bold ? textBold : text
        case .count, .amount: return bold ? integerBold : integer
        }
    }
}

/// The sheet cell for a result cell: formulas for `.linear` and `.ratio` provenance with the
/// aggregation's value cached; the value itself otherwise.
func sheetCell(_ table: ResultTable, _ r: Int, _ c: Int, _ p: TablePlacement, _ s: TallyStyles, bold: Bool) -> Cell {
    let rc = table.cells[r][c]
    let kind = table.columns[c].kind
    let style = s.number(kind, bold: bold)
    switch rc.provenance {
    case .linear(let terms) where !terms.isEmpty:
        let value = rc.value.number ?? 0
        return Cell(.formula(CellFormula(linearFormula(terms, p), result: .number(value))), style: style)
    case .ratio(let n, let d):
        let result: CellResult = rc.value.number.map { .number($0) } ?? .text("—")
        return Cell(.formula(CellFormula(ratioFormula(p.address(n), p.address(d)), result: result)), style: style)
    default:
        break
    }
    switch rc.value {
    case .empty: return Cell(.empty, style: style)
    case .text(let t): return Cell(.text(t), style: style)
    case .integer(let i): return Cell(.integer(i), style: style)
    case .decimal(let d): return Cell(.number(d), style: style)
    case .ratio, .fraction:
        if let f = rc.value.number { return Cell(.number(f), style: s.number(.percent, bold: bold)) }
        return Cell(.text("—"), style: s.number(.percent, bold: bold))
    }
}

extension TallyContext {
    /// Writes a result table at the sheet's next row: its header (merged on two levels when
    /// columns have groups, with the column-number row when `codes` is given), then its rows
    /// (group rows merged across, subtotal and total rows bold, labels indented by level).
    @discardableResult
    func writeTable(_ table: ResultTable, into sheet: SheetWriter, header h: MultiLevelHeader, headerHeight: Double? = nil,
                    widths: [Double]) throws -> TablePlacement {
        try h.write(to: sheet, style: styles.header, codeStyle: styles.code, rowHeight: headerHeight)
        let p = TablePlacement(firstRow: sheet.nextRow, column: 0)
        let labelColumn = table.columns.firstIndex { $0.kind == .label }
        for r in table.rows.indices {
            let row = table.rows[r]
            let sheetRow = p.firstRow + r
            if row.kind == .group {
                let text = table.cells[r].compactMap { cell -> String? in
                    if case .text(let t) = cell.value { return t }
                    return nil
                }.first ?? row.label
                try sheet.merge(CellRange(rows: sheetRow...sheetRow, columns: 0...(table.columns.count - 1)))
                var cells = Array(repeating: Cell(.empty, style: styles.group), count: table.columns.count)
                cells[0] = Cell(.text(text), style: styles.group)
                try sheet.writeRow(sheetRow, cells)
                continue
            }
            let bold = row.kind == .total || row.kind == .subtotal
            var cells: [Cell] = []
            cells.reserveCapacity(table.columns.count)
            for c in table.columns.indices {
                var cell = sheetCell(table, r, c, p, styles, bold: bold)
                if c == labelColumn, row.level > 0, case .text = cell.value {
                    cell.style = styles.indented(row.level, bold: bold, writer: writer)
                }
                cells.append(cell)
            }
            try sheet.writeRow(sheetRow, cells, options: rowOptions(cells, widths: widths))
        }
        return p
    }

    /// Title lines merged over `width` columns at the sheet's next row.
    func writeTitle(_ lines: [(String, StyleID)], into sheet: SheetWriter, width: Int) throws {
        for (text, style) in lines {
            let r = sheet.nextRow
            if width > 1 { try sheet.merge(CellRange(rows: r...r, columns: 0...(width - 1))) }
            try sheet.writeRow(r, [Cell(.text(text), style: style)], options: RowOptions(height: style == styles.title ? 20 : 16))
        }
    }

    /// Notes in italics under a table.
    func writeNotes(_ notes: [String], into sheet: SheetWriter) throws {
        guard !notes.isEmpty else { return }
        try sheet.writeRow(sheet.nextRow, [])
        for n in notes { try sheet.writeRow(sheet.nextRow, [Cell(.text("Ghi chú: " + n), style: styles.note)]) }
    }
}

extension TallyStyles {
    /// The label style indented by `level` (registered on first use; equal styles are shared).
    func indented(_ level: Int, bold: Bool, writer: WorkbookWriter) -> StyleID {
        var style = writer.styles[bold ? textBold : text]
        style.alignment.indent = level
        return writer.style(style)
    }
}
