/// Tables: a grid of columns, rows written in order, cells that span columns and rows.
///
/// Spans follow HTML: a cell with `columnSpan` 2 takes two grid columns; a cell with `rowSpan`
/// 3 also takes its columns in the next two rows, and those rows list only the cells that are
/// not covered. `TableGrid` turns each row into `RowLayout` slots (cells and covered places)
/// that both writers render: DOCX as `w:gridSpan` / `w:vMerge`, ODT as
/// `table:number-columns-spanned` / `table:number-rows-spanned` and covered cells.

/// Which edges of a table have lines.
public struct TableBorders: Sendable, Hashable {
    public var top: Border
    public var bottom: Border
    public var left: Border
    public var right: Border
    /// Lines between rows.
    public var insideHorizontal: Border
    /// Lines between columns.
    public var insideVertical: Border

    public init(top: Border = .none, bottom: Border = .none, left: Border = .none, right: Border = .none,
                insideHorizontal: Border = .none, insideVertical: Border = .none) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
        self.insideHorizontal = insideHorizontal
        self.insideVertical = insideVertical
    }

    /// Every edge and every inside line.
    public static func all(_ border: Border = .single) -> TableBorders {
        TableBorders(top: border, bottom: border, left: border, right: border,
                     insideHorizontal: border, insideVertical: border)
    }

    /// No line at all (layout tables: the header and signature blocks).
    public static let none = TableBorders()
}

/// Overrides of a cell's edges (nil: the table's line there).
public struct CellBorders: Sendable, Hashable {
    public var top: Border?
    public var bottom: Border?
    public var left: Border?
    public var right: Border?

    public init(top: Border? = nil, bottom: Border? = nil, left: Border? = nil, right: Border? = nil) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
    }

    public static func all(_ border: Border) -> CellBorders {
        CellBorders(top: border, bottom: border, left: border, right: border)
    }
}

/// Space between a cell's edges and its content.
public struct CellMargins: Sendable, Hashable {
    public var top: Length
    public var bottom: Length
    public var left: Length
    public var right: Length

    public init(top: Length = .zero, bottom: Length = .zero, left: Length = .twips(108), right: Length = .twips(108)) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
    }

    /// Word's default: 0 above and below, 0.19 cm (108 twips) left and right.
    public static let standard = CellMargins()
    public static let zero = CellMargins(left: .zero, right: .zero)
}

public enum TableAlignment: Sendable, Hashable { case left, center, right }
public enum CellVerticalAlignment: Sendable, Hashable { case top, center, bottom }

/// The shape of a table, declared before its rows.
public struct Table: Sendable, Hashable {
    /// Grid column widths; their sum is the table's width.
    public var columns: [Length]
    public var borders: TableBorders
    /// Default margins of every cell.
    public var cellMargins: CellMargins
    public var alignment: TableAlignment
    /// Shift from the left margin (the decree's model header tables sit at −199 twips).
    public var indent: Length

    public init(columns: [Length], borders: TableBorders = .all(), cellMargins: CellMargins = .standard,
                alignment: TableAlignment = .left, indent: Length = .zero) {
        self.columns = columns
        self.borders = borders
        self.cellMargins = cellMargins
        self.alignment = alignment
        self.indent = indent
    }

    /// `count` equal columns filling `width`.
    public static func equalColumns(_ count: Int, width: Length) -> [Length] {
        guard count > 0 else { return [] }
        let each = width.emu / count
        var cols = Array(repeating: Length(emu: each), count: count)
        cols[count - 1] = Length(emu: width.emu - each * (count - 1))
        return cols
    }

    /// Widths proportional to `weights`, filling `width`.
    public static func proportionalColumns(_ weights: [Double], width: Length) -> [Length] {
        let total = weights.reduce(0, +)
        guard total > 0, !weights.isEmpty else { return equalColumns(weights.count, width: width) }
        var cols = weights.map { Length(emu: Int((Double(width.emu) * $0 / total).rounded(.down))) }
        cols[cols.count - 1] = Length(emu: width.emu - cols.dropLast().reduce(0) { $0 + $1.emu })
        return cols
    }

    public var width: Length { Length(emu: columns.reduce(0) { $0 + $1.emu }) }
}

/// A table cell.
public struct TableCell: Sendable, Hashable {
    /// Paragraphs, rules and nested tables. An empty cell still gets one empty paragraph.
    public var blocks: [Block]
    public var columnSpan: Int
    public var rowSpan: Int
    public var verticalAlignment: CellVerticalAlignment
    public var borders: CellBorders?
    public var shading: Color?
    /// Overrides the table's `cellMargins`.
    public var margins: CellMargins?

    public init(_ blocks: [Block], columnSpan: Int = 1, rowSpan: Int = 1,
                verticalAlignment: CellVerticalAlignment = .top, borders: CellBorders? = nil,
                shading: Color? = nil, margins: CellMargins? = nil) {
        self.blocks = blocks
        self.columnSpan = columnSpan
        self.rowSpan = rowSpan
        self.verticalAlignment = verticalAlignment
        self.borders = borders
        self.shading = shading
        self.margins = margins
    }

    /// A cell of one paragraph.
    public init(_ paragraph: Paragraph, columnSpan: Int = 1, rowSpan: Int = 1,
                verticalAlignment: CellVerticalAlignment = .top, shading: Color? = nil) {
        self.init([.paragraph(paragraph)], columnSpan: columnSpan, rowSpan: rowSpan,
                  verticalAlignment: verticalAlignment, shading: shading)
    }

    /// A cell of one paragraph of text.
    public init(text: String, _ format: RunFormat = RunFormat(), alignment: ParagraphAlignment? = nil,
                columnSpan: Int = 1, rowSpan: Int = 1, verticalAlignment: CellVerticalAlignment = .top) {
        self.init(Paragraph(text, format, paragraph: ParagraphFormat(alignment: alignment)),
                  columnSpan: columnSpan, rowSpan: rowSpan, verticalAlignment: verticalAlignment)
    }
}

/// How tall a row is.
public enum RowHeight: Sendable, Hashable {
    case atLeast(Length)
    case exact(Length)
}

/// A table row.
public struct TableRow: Sendable, Hashable {
    public var cells: [TableCell]
    /// A header row: repeated at the top of each page. Header rows come first.
    public var isHeader: Bool
    /// Keep the row on one page (do not split it across a page break).
    public var cantSplit: Bool
    public var height: RowHeight?

    public init(_ cells: [TableCell], isHeader: Bool = false, cantSplit: Bool = false, height: RowHeight? = nil) {
        self.cells = cells
        self.isHeader = isHeader
        self.cantSplit = cantSplit
        self.height = height
    }
}

/// A table held in memory: its shape and its rows.
public struct TableBlock: Sendable, Hashable {
    public var table: Table
    public var rows: [TableRow]

    public init(_ table: Table, rows: [TableRow]) {
        self.table = table
        self.rows = rows
    }

    /// Every row's layout; throws on cells that do not fit the grid.
    public func layouts(tableNumber: Int = 1) throws(DocumentError) -> [RowLayout] {
        var grid = TableGrid(table, number: tableNumber)
        var out: [RowLayout] = []
        out.reserveCapacity(rows.count)
        for row in rows { out.append(try grid.layout(row)) }
        try grid.finish()
        return out
    }
}

// MARK: - Layout (shared by the writers)

/// One place in a row's grid, in column order.
public enum RowSlot: Sendable, Hashable {
    /// `row.cells[index]`, starting at grid column `column`.
    case cell(index: Int, column: Int, columnSpan: Int, rowSpan: Int)
    /// Columns covered by a cell of an earlier row (`rowSpan` > 1). `origin` is that cell
    /// (DOCX repeats its borders and shading on the continuation); `isLast` marks the last row
    /// it covers.
    case covered(column: Int, columnSpan: Int, origin: TableCell, isLast: Bool)
}

/// A row's slots: every grid column exactly once.
public struct RowLayout: Sendable, Hashable {
    public var slots: [RowSlot]
    /// 0-based index of the row in its table.
    public var rowIndex: Int
}

/// Follows row spans through a table's rows and checks that every row fills the grid.
public struct TableGrid: Sendable {
    public let table: Table
    /// 1-based number of the table in the document (for messages).
    public let number: Int
    /// Per grid column: rows still covered by a cell above (0 = free), the covering cell, its span.
    private var remaining: [Int]
    private var origins: [TableCell?]
    private var originSpans: [Int]
    public private(set) var rowCount = 0
    private var headerRowsEnded = false

    public init(_ table: Table, number: Int) {
        self.table = table
        self.number = number
        remaining = Array(repeating: 0, count: table.columns.count)
        origins = Array(repeating: nil, count: table.columns.count)
        originSpans = Array(repeating: 1, count: table.columns.count)
    }

    private func location(_ row: Int, _ cell: Int? = nil) -> String {
        var s = "Bảng \(number), hàng \(row + 1)"
        if let cell { s += ", ô \(cell + 1)" }
        return s
    }

    /// The next row's layout.
    public mutating func layout(_ row: TableRow) throws(DocumentError) -> RowLayout {
        let r = rowCount
        let n = table.columns.count
        if row.isHeader && headerRowsEnded {
            throw DocumentError(.invalidTable, "\(location(r)): hàng tiêu đề (lặp lại mỗi trang) phải đứng trước mọi hàng dữ liệu.")
        }
        if !row.isHeader { headerRowsEnded = true }
        var slots: [RowSlot] = []
        slots.reserveCapacity(row.cells.count)
        var column = 0
        var next = 0
        while column < n {
            if remaining[column] > 0 {
                let span = originSpans[column]
                remaining[column] -= 1
                let isLast = remaining[column] == 0
                for c in column..<(column + span) where c != column { remaining[c] -= 1 }
                slots.append(.covered(column: column, columnSpan: span, origin: origins[column]!, isLast: isLast))
                if isLast { for c in column..<(column + span) { origins[c] = nil } }
                column += span
                continue
            }
            guard next < row.cells.count else {
                throw DocumentError(.invalidTable, "\(location(r)): có \(row.cells.count) ô nhưng bảng có \(n) cột; còn thiếu ô từ cột \(column + 1). Hãy thêm ô hoặc tăng số cột gộp (columnSpan).")
            }
            let cell = row.cells[next]
            let span = cell.columnSpan
            guard span >= 1, cell.rowSpan >= 1 else {
                throw DocumentError(.invalidTable, "\(location(r, next)): số cột gộp và số hàng gộp phải từ 1 trở lên.")
            }
            guard column + span <= n else {
                throw DocumentError(.invalidTable, "\(location(r, next)): ô gộp \(span) cột từ cột \(column + 1) vượt quá \(n) cột của bảng.")
            }
            for c in column..<(column + span) where remaining[c] > 0 {
                throw DocumentError(.invalidTable, "\(location(r, next)): ô gộp cột chồng lên cột \(c + 1) đang bị ô ở hàng trên gộp xuống.")
            }
            if cell.rowSpan > 1 {
                for c in column..<(column + span) {
                    remaining[c] = cell.rowSpan - 1
                    origins[c] = cell
                    originSpans[c] = span
                }
            }
            slots.append(.cell(index: next, column: column, columnSpan: span, rowSpan: cell.rowSpan))
            column += span
            next += 1
        }
        if next < row.cells.count {
            throw DocumentError(.invalidTable, "\(location(r)): có \(row.cells.count) ô, nhiều hơn số chỗ còn trống trong \(n) cột của bảng (thừa \(row.cells.count - next) ô).")
        }
        rowCount += 1
        return RowLayout(slots: slots, rowIndex: r)
    }

    /// Whether a cell of an earlier row still covers some column of the next row.
    public var hasCoveredColumns: Bool { remaining.contains { $0 > 0 } }

    /// Counts a data row of one cell per column (no spans), checked like `layout`.
    public mutating func advancePlainRow() throws(DocumentError) {
        precondition(!hasCoveredColumns)
        headerRowsEnded = true
        rowCount += 1
    }

    /// Checks that no cell spans past the last row.
    public func finish() throws(DocumentError) {
        if let c = remaining.firstIndex(where: { $0 > 0 }) {
            throw DocumentError(.invalidTable, "Bảng \(number), cột \(c + 1): ô gộp xuống \(remaining[c]) hàng quá hàng cuối của bảng (bảng có \(rowCount) hàng).")
        }
    }

    /// Width of grid columns `column ..< column + span`.
    public func width(column: Int, span: Int) -> Length {
        var w = 0
        for c in column..<min(column + span, table.columns.count) { w += table.columns[c].emu }
        return Length(emu: w)
    }
}
