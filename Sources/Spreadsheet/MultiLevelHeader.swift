// The merged 2–3 row headers of Vietnamese statistical tables, from a tree of column titles:
//
//   STT | Đơn vị | Danh hiệu thi đua          | Hình thức khen thưởng
//       |        | LĐTT | CSTĐCS | Tập thể... | Bằng khen | Giấy khen
//   A   | B      | 1    | 2      | ...            (optional row of column codes)
//
// A group spans its leaves horizontally; a leaf shallower than the deepest one is merged
// down to the last header row.

/// One column title, or a group of them.
public struct HeaderColumn: Sendable, Hashable {
    public var title: String
    public var children: [HeaderColumn]
    /// Column width in points for a leaf (nil: the sheet's default or autofit).
    public var width: Double?
    /// The code printed in the row under the titles ("A", "B", "1", "2 = 3 + 4"), if any column
    /// has one.
    public var code: String?

    public init(_ title: String, width: Double? = nil, code: String? = nil, _ children: [HeaderColumn] = []) {
        self.title = title
        self.children = children
        self.width = width
        self.code = code
    }

    /// A group over `children`.
    public static func group(_ title: String, _ children: [HeaderColumn]) -> HeaderColumn {
        HeaderColumn(title, children)
    }

    var depth: Int { 1 + (children.map(\.depth).max() ?? 0) }
    var leafCount: Int { children.isEmpty ? 1 : children.reduce(0) { $0 + $1.leafCount } }
    var leaves: [HeaderColumn] { children.isEmpty ? [self] : children.flatMap(\.leaves) }
}

/// A multi-level header laid out as rows of titles and merged ranges.
public struct MultiLevelHeader: Sendable {
    public var columns: [HeaderColumn]

    public init(_ columns: [HeaderColumn]) {
        self.columns = columns
    }

    /// Rows of titles (without the code row).
    public var titleRows: Int { columns.map(\.depth).max() ?? 0 }
    /// Whether a row of column codes follows the titles.
    public var hasCodeRow: Bool { leaves.contains { $0.code != nil } }
    /// Every header row, the code row included.
    public var rowCount: Int { titleRows + (hasCodeRow ? 1 : 0) }
    /// The columns under the header, left to right.
    public var leaves: [HeaderColumn] { columns.flatMap(\.leaves) }
    public var columnCount: Int { leaves.count }

    /// The sheet columns (leaf widths), for `SheetSetup.columns` when the header starts in
    /// column A.
    public var sheetColumns: [SheetColumn] { leaves.map { SheetColumn(width: $0.width) } }

    /// The titles placed from `row`, `column`: each row's texts (nil: a cell covered by a
    /// merge) and the merged ranges.
    public func layout(row: Int = 0, column: Int = 0) -> (rows: [[String?]], merges: [CellRange]) {
        let height = titleRows
        var grid = [[String?]](repeating: [String?](repeating: nil, count: columnCount), count: height)
        var merges: [CellRange] = []
        func place(_ node: HeaderColumn, level: Int, first: Int) {
            let span = node.leafCount
            let bottom = node.children.isEmpty ? height - 1 : level
            grid[level][first] = node.title
            if span > 1 || bottom > level {
                merges.append(CellRange(CellAddress(row: row + level, column: column + first),
                                        CellAddress(row: row + bottom, column: column + first + span - 1)))
            }
            var next = first
            for child in node.children {
                place(child, level: level + 1, first: next)
                next += child.leafCount
            }
        }
        var next = 0
        for c in columns {
            place(c, level: 0, first: next)
            next += c.leafCount
        }
        if hasCodeRow { grid.append(leaves.map { $0.code ?? "" }) }
        return (grid, merges)
    }

    /// Writes the header into a streaming sheet at its next row: merges first, then the rows,
    /// every cell (covered ones too, so borders are drawn) in `style`, codes in `codeStyle`.
    /// Returns the rows written (for print titles and freeze panes).
    @discardableResult
    public func write(to sheet: SheetWriter, column: Int = 0, style: StyleID, codeStyle: StyleID? = nil,
                      rowHeight: Double? = nil) throws -> ClosedRange<Int> {
        let first = sheet.nextRow
        let (rows, merges) = layout(row: first, column: column)
        for m in merges { try sheet.merge(m) }
        for (i, texts) in rows.enumerated() {
            let isCode = hasCodeRow && i == rows.count - 1
            let s = isCode ? (codeStyle ?? style) : style
            let cells = texts.map { Cell($0.map(CellValue.text) ?? .empty, style: s) }
            try sheet.writeRow(first + i, cells, startColumn: column,
                               options: isCode ? .automatic : RowOptions(height: rowHeight))
        }
        return first...(first + rows.count - 1)
    }

    /// Places the header in a buffered sheet at `row`, `column`; returns the rows it takes.
    @discardableResult
    public func place(in buffer: inout SheetBuffer, row: Int = 0, column: Int = 0, style: StyleID,
                      codeStyle: StyleID? = nil, rowHeight: Double? = nil) -> ClosedRange<Int> {
        let (rows, merges) = layout(row: row, column: column)
        for m in merges { buffer.merge(m) }
        for (i, texts) in rows.enumerated() {
            let isCode = hasCodeRow && i == rows.count - 1
            for (j, t) in texts.enumerated() {
                buffer[row + i, column + j] = Cell(t.map(CellValue.text) ?? .empty, style: isCode ? (codeStyle ?? style) : style)
            }
            if !isCode, let rowHeight { buffer.setRow(row + i, options: RowOptions(height: rowHeight)) }
        }
        return row...(row + rows.count - 1)
    }
}
