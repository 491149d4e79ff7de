import Document
import OfficePackage
import Domain
import Vietnamese

/// A result table of the aggregations printed as a document table: a two-level header
/// (spanning groups over their columns, repeated on every page), one row per result row kept
/// on one page, group rows across the table, totals in bold, the table's notes under it.
enum ResultTablePrinter {
    /// Table text size: 11 pt (annex tables are commonly 11–13 pt); headers 10 pt.
    static let halfPoints = 22
    static let headerHalfPoints = 20

    static func weight(_ kind: ResultColumn.Kind, first label: Bool) -> Double {
        switch kind {
        case .serial: return 9
        case .label: return label ? 36 : 26
        case .code, .unit: return 10
        case .count, .amount, .change: return 13
        case .percent: return 14
        case .score: return 13
        case .rank: return 11
        case .text: return 20
        }
    }

    static func alignment(_ kind: ResultColumn.Kind) -> ParagraphAlignment {
        switch kind {
        case .label, .text: return .left
        case .serial, .code, .unit, .rank: return .center
        case .count, .amount, .percent, .score, .change: return .right
        }
    }

    /// The table's blocks, `width` wide.
    static func blocks(_ t: ResultTable, width: Length, percentDecimals: Int) -> [Block] {
        var firstLabel = true
        let weights = t.columns.map { c -> Double in
            let w = weight(c.kind, first: firstLabel && c.kind == .label)
            if c.kind == .label { firstLabel = false }
            return w
        }
        let table = Table(columns: Table.proportionalColumns(weights, width: width), borders: .all(),
                          cellMargins: CellMargins(top: .pt(1), bottom: .pt(1), left: .mm(1), right: .mm(1)))
        let bold = RunFormat(halfPoints: halfPoints, bold: true)
        let plain = RunFormat(halfPoints: halfPoints)
        let headerBold = RunFormat(halfPoints: headerHalfPoints, bold: true)
        func headerCell(_ text: String, span: Int = 1, rows: Int = 1) -> TableCell {
            TableCell(text: text, headerBold, alignment: .center, columnSpan: span, rowSpan: rows, verticalAlignment: .center)
        }
        var rows: [TableRow] = []
        let grouped = t.columns.contains { $0.group != nil }
        var top: [TableCell] = [], second: [TableCell] = []
        var c = 0
        while c < t.columns.count {
            if let g = t.columns[c].group {
                var end = c
                while end + 1 < t.columns.count && t.columns[end + 1].group == g { end += 1 }
                top.append(headerCell(g, span: end - c + 1))
                for k in c...end { second.append(headerCell(t.columns[k].title)) }
                c = end + 1
            } else {
                top.append(headerCell(t.columns[c].title, rows: grouped ? 2 : 1))
                c += 1
            }
        }
        rows.append(TableRow(top, isHeader: true, cantSplit: true))
        if grouped { rows.append(TableRow(second, isHeader: true, cantSplit: true)) }

        for r in t.rows.indices {
            let row = t.rows[r]
            if row.kind == .group {
                rows.append(TableRow([TableCell(text: row.label, bold, alignment: .left, columnSpan: t.columns.count)],
                                     cantSplit: true))
                continue
            }
            let strong = row.kind == .subtotal || row.kind == .total
            var cells: [TableCell] = []
            for col in t.columns.indices {
                let kind = t.columns[col].kind
                var p = Paragraph(t.display(r, col, percentDecimals: percentDecimals), strong ? bold : plain,
                                  paragraph: ParagraphFormat(alignment: alignment(kind)))
                if kind == .label && row.level > 0 && col == t.columns.firstIndex(where: { $0.kind == .label }) {
                    p.format.leftIndent = .mm(3 * Double(row.level))
                }
                cells.append(TableCell(p, verticalAlignment: .center))
            }
            rows.append(TableRow(cells, cantSplit: true))
        }
        var blocks: [Block] = [.table(TableBlock(table, rows: rows))]
        for note in t.notes {
            blocks.append(.paragraph(Paragraph("Ghi chú: " + note, RunFormat(halfPoints: halfPoints, italic: true),
                                               paragraph: ParagraphFormat(alignment: .justify, spaceBefore: .pt(4)))))
        }
        return blocks
    }
}
