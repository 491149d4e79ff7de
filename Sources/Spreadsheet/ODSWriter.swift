import OfficePackage
import OfficeXML
import OfficeZip
import Vietnamese

/// OpenDocument spreadsheet writer.
///
/// `content.xml` is one streamed part holding every sheet: rows go to the compressor as they
/// are written. Its head — font faces and the automatic styles of cells, columns, rows and
/// tables, only known once every row is written — is placed in front of the compressed body
/// by `ZipEntryStream.setPrefix` when the workbook closes. `styles.xml` (default cell style,
/// page layouts, headers and footers) and `settings.xml` (frozen panes, tab colours) follow.
final class ODSBackend: WorkbookBackend {
    static let namespaces: [(StaticString, StaticString)] = [
        ("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
        ("xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
        ("xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
        ("xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
        ("xmlns:draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"),
        ("xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
        ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
        ("xmlns:number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"),
        ("xmlns:svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"),
        ("xmlns:chart", "urn:oasis:names:tc:opendocument:xmlns:chart:1.0"),
        ("xmlns:of", "urn:oasis:names:tc:opendocument:xmlns:of:1.2"),
    ]

    let package: ODFPackage
    let options: WorkbookOptions
    private var stream: ZipEntryStream
    private var xml: XMLWriter
    private var removed = 0

    /// Row styles by height (points, rounded to 1/100).
    private var rowStyles: [Int: Int] = [:]
    /// Per sheet, its columns' final widths (points; nil = default), set at sheet end.
    private var columnWidths: [[Double?]] = []
    /// Per sheet: number of `table:table-column` elements written.
    private var columnCounts: [Int] = []
    /// Open merges of the current sheet: ranges whose rows are still being written.
    private var activeMerges: [CellRange] = []
    private var headerRowsOpen = false
    private var nextRow = 0
    /// Extra objects (charts) declared by chart support: (sheet index, writer of the frame).
    var shapes: [Int: [(XMLWriter) -> Void]] = [:]
    var afterContent: [(ODFPackage) throws -> Void] = []
    /// Cells that may hold chart series names, watched as rows are written.
    let chartLabels = ChartLabelCells()

    var removedCharacterCount: Int { removed + xml.removedCharacterCount }

    init(path: String, properties: DocumentProperties, options: WorkbookOptions) throws {
        package = try ODFPackage(path: path, mimeType: "application/vnd.oasis.opendocument.spreadsheet",
                                 properties: properties, threads: options.threads)
        self.options = options
        stream = try package.zip.beginEntry("content.xml", method: .deflate(level: options.compressionLevel))
        package.declarePart("content.xml", mediaType: "text/xml")
        xml = XMLWriter(capacity: 1 << 20, sink: stream, flushThreshold: 1 << 20, illegalCharacters: .remove)
    }

    // MARK: Sheets

    func beginSheet(_ sheet: SheetWriter) throws {
        let w = xml
        let k = sheet.index + 1
        w.start("table:table")
        w.attribute("table:name", sheet.name)
        w.attribute("table:style-name", "ta\(k)")
        if let area = sheet.setup.print.area {
            w.attribute("table:print-ranges", ODSBackend.rangeAddress(sheet.name, area))
        }
        // Charts: shapes come before the columns in a table.
        registerCharts(sheet)
        if let frames = shapes[sheet.index], !frames.isEmpty {
            w.start("table:shapes")
            for frame in frames { frame(w) }
            w.end()
        }
        // The column elements wait for the first rows (see `lookahead`).
        lookahead = []
        columnCounts.append(sheet.setup.columns.count)
        activeMerges = []
        headerRowsOpen = false
        nextRow = 0
    }

    // MARK: Column default cell styles

    /// Rows held back at the start of a sheet, before its column elements are written: the
    /// style most of them give each column becomes the column's `table:default-cell-style-name`,
    /// and cells of that style leave their `table:style-name` out. A tally's rows all look
    /// alike, so content.xml loses a fifth of its bytes (W2: 23 of ~1,100 bytes per cell
    /// row… 10 per row), and deflate, whose cost follows the bytes, a fifth of its work. The
    /// look does not change: a cell of another style, an empty cell, the rows skipped between
    /// rows and the rows below the table name the style they had before (`absentStyle`).
    /// nil once the columns are written.
    private var lookahead: [(row: Int, cells: [Cell], startColumn: Int, options: RowOptions)]?
    private static let lookaheadRows = 32
    /// Per declared column of the current sheet: the style a cell written without
    /// `table:style-name` takes (the column's default cell style)…
    private var columnDefault: [Int] = []
    /// …and the style a cell not written, or written empty without a style, must show: the
    /// column's declared style (`SheetColumn.style`), else the default style.
    private var absentStyle: [Int] = []
    /// 1 + the last column whose two differ (0: none): rows must write cells up to here.
    private var hintEnd = 0

    /// Chooses each declared column's default cell style from the rows held back, writes the
    /// column elements, then the rows.
    private func writeColumns(_ sheet: SheetWriter) throws {
        guard let held = lookahead else { return }
        lookahead = nil
        let w = xml
        let k = sheet.index + 1
        let n = sheet.setup.columns.count
        absentStyle = sheet.setup.columns.map { $0.style?.index ?? 0 }
        columnDefault = absentStyle
        var counts = Array(repeating: [Int: Int](), count: n)
        for entry in held {
            for (i, cell) in entry.cells.enumerated() {
                let c = entry.startColumn + i
                guard c < n, !cell.value.isBoolean else { continue }
                if case .empty = cell.value, cell.style.index == 0 { continue }
                var style = cell.style.index
                if case .date = cell.value { style = sheet.workbook.dateStyle(for: cell.style).index }
                counts[c][style, default: 0] += 1
            }
        }
        hintEnd = 0
        for c in 0..<n {
            // The most frequent style (ties: the lower index, so the choice is deterministic).
            if let best = counts[c].max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
               best.value >= 2 {
                columnDefault[c] = best.key
                if best.key != absentStyle[c] { hintEnd = c + 1 }
            }
        }
        // One column element per declared column (its width is a style decided at the end).
        for c in 0..<n {
            w.start("table:table-column")
            w.attribute("table:style-name", "co\(k)_\(c)")
            if sheet.setup.columns[c].hidden { w.attribute("table:visibility", raw: "collapse") }
            w.attribute("table:default-cell-style-name", ODSBackend.cellStyleName(columnDefault[c]))
            w.end()
        }
        w.start("table:table-column")
        w.attribute("table:style-name", "co\(k)_d")
        w.attribute("table:number-columns-repeated", max(1, SheetLimits.columns - n))
        w.attribute("table:default-cell-style-name", raw: "Default")
        w.end()
        for entry in held {
            try writeHeldRow(sheet, entry.row, entry.cells, startColumn: entry.startColumn, options: entry.options)
        }
    }

    static func cellStyleName(_ style: Int) -> String { style == 0 ? "Default" : "ce\(style)" }

    /// The style a written cell of `style` in `column` names: nil when it is the column's default.
    @inline(__always)
    private func namedStyle(_ style: Int, column: Int) -> Int? {
        let d = column < columnDefault.count ? columnDefault[column] : 0
        return style == d ? nil : style
    }

    /// Cells for columns `from..<to` that hold nothing: bare `<table:table-cell/>` runs where the
    /// column's default is what an absent cell shows, the absent style named elsewhere.
    private func putAbsentCells(from: Int, to: Int, covered: Bool = false) {
        var c = from
        while c < to {
            let name = c < hintEnd && columnDefault[c] != absentStyle[c] ? absentStyle[c] : -1
            var end = c + 1
            if c < hintEnd {
                while end < to && end < hintEnd && (columnDefault[end] != absentStyle[end] ? absentStyle[end] : -1) == name { end += 1 }
            } else {
                end = to
            }
            markup.put(covered ? "<table:covered-table-cell" : "<table:table-cell")
            if name >= 0 {
                markup.put(" table:style-name=\"")
                if name == 0 { markup.put("Default") } else { markup.put("ce"); markup.putDecimal(name) }
                markup.put("\"")
            }
            if end - c > 1 {
                markup.put(" table:number-columns-repeated=\"")
                markup.putDecimal(end - c)
                markup.put("\"")
            }
            markup.put("/>")
            c = end
        }
    }

    func writeRow(_ sheet: SheetWriter, _ row: Int, _ cells: [Cell], startColumn: Int, options rowOptions: RowOptions) throws {
        if lookahead != nil {
            // Held back: a formula that cannot be written fails now, not rows later.
            for (i, cell) in cells.enumerated() {
                if case .formula(let f) = cell.value {
                    do { _ = try FormulaSupport.openFormula(f.expression) } catch {
                        throw SpreadsheetError(.invalidFormula, "Trang «\(sheet.name)», ô \(CellAddress(row: row, column: startColumn + i)): \(error.message)")
                    }
                }
            }
            lookahead!.append((row, cells, startColumn, rowOptions))
            if lookahead!.count >= ODSBackend.lookaheadRows { try writeColumns(sheet) }
            return
        }
        try writeHeldRow(sheet, row, cells, startColumn: startColumn, options: rowOptions)
    }

    private func writeHeldRow(_ sheet: SheetWriter, _ row: Int, _ cells: [Cell], startColumn: Int, options rowOptions: RowOptions) throws {
        // Rows skipped since the last one: empty rows (one by one inside merges or the
        // repeated header rows, where covered cells or the header wrapper need them).
        if row > nextRow { try writeGap(sheet, to: row) }
        chartLabels.observe(row, cells, startColumn: startColumn)
        try writeOneRow(sheet, row, cells, startColumn: startColumn, options: rowOptions)
        nextRow = row + 1
        xml.flushIfNeeded()
    }

    private func writeGap(_ sheet: SheetWriter, to row: Int) throws {
        var r = nextRow
        while r < row {
            if needsIndividualRow(sheet, r) {
                try writeOneRow(sheet, r, [], startColumn: 0, options: .automatic)
                r += 1
                continue
            }
            var end = r + 1
            while end < row && !needsIndividualRow(sheet, end) { end += 1 }
            putEmptyRows(end - r)
            r = end
        }
        nextRow = row
    }

    /// `n` rows holding nothing (`number-rows-repeated`).
    private func putEmptyRows(_ n: Int) {
        markup.put("<table:table-row")
        if n > 1 {
            markup.put(" table:number-rows-repeated=\"")
            markup.putDecimal(n)
            markup.put("\"")
        }
        markup.put(">")
        putAbsentCells(from: 0, to: max(1, hintEnd))
        markup.put("</table:table-row>")
        markup.flush(to: xml)
    }

    private func needsIndividualRow(_ sheet: SheetWriter, _ r: Int) -> Bool {
        if let h = sheet.setup.print.repeatRows, h.contains(r) || h.upperBound + 1 == r { return true }
        if activeMerges.contains(where: { $0.last.row >= r }) { return true }
        return sheet.mergesByRow[r] != nil
    }

    private func writeOneRow(_ sheet: SheetWriter, _ row: Int, _ cells: [Cell], startColumn: Int, options rowOptions: RowOptions) throws {
        let w = xml
        if let h = sheet.setup.print.repeatRows {
            if row == h.lowerBound && !headerRowsOpen {
                w.start("table:table-header-rows")
                headerRowsOpen = true
            }
        }
        // Merges starting here become active; finished ones leave.
        activeMerges.removeAll { $0.last.row < row }
        let starting = sheet.mergesByRow[row] ?? []
        activeMerges += starting

        w.start("table:table-row")
        if let height = rowOptions.height {
            w.attribute("table:style-name", "ro\(rowStyle(height))")
        }
        if rowOptions.hidden { w.attribute("table:visibility", raw: "collapse") }

        if activeMerges.isEmpty {
            try writeCells(sheet, row, cells, startColumn: startColumn)
        } else {
            // Columns to cover: the cells, and the merged areas that reach into this row.
            var lastColumn = startColumn + cells.count - 1
            for m in activeMerges { lastColumn = max(lastColumn, m.last.column) }
            var c = 0
            var emptyRun = 0
            var wroteCell = false
            func flushEmpty() {
                if emptyRun > 0 {
                    wroteCell = true
                    putAbsentCells(from: c - emptyRun, to: c)
                    markup.flush(to: w)
                    emptyRun = 0
                }
            }
            while c <= lastColumn {
                let cell: Cell? = c >= startColumn && c < startColumn + cells.count ? cells[c - startColumn] : nil
                if let m = activeMerges.first(where: { $0.first.column <= c && $0.last.column >= c }) {
                    if m.first.row == row && m.first.column == c {
                        flushEmpty()
                        try writeCell(sheet, cell ?? .empty, row: row, column: c, spanColumns: m.columnCount, spanRows: m.rowCount)
                        wroteCell = true
                    } else {
                        flushEmpty()
                        // Covered cells keep their content invisible; we write them empty.
                        var run = 1
                        while c + run <= m.last.column { run += 1 }
                        wroteCell = true
                        putAbsentCells(from: c, to: c + run, covered: true)
                        markup.flush(to: w)
                        c += run
                        continue
                    }
                } else if let cell, !(cell.value == .empty && cell.style.index == 0) {
                    flushEmpty()
                    try writeCell(sheet, cell, row: row, column: c, spanColumns: 1, spanRows: 1)
                    wroteCell = true
                } else {
                    emptyRun += 1
                }
                c += 1
            }
            // Trailing empty cells need not be written (save up to the last column whose
            // default differs from an absent cell's look), but a row needs at least one cell.
            let end = max(hintEnd, wroteCell ? 0 : 1)
            if c - emptyRun < end {
                putAbsentCells(from: c - emptyRun, to: end)
                markup.flush(to: w)
            }
        }
        w.end()
        if let h = sheet.setup.print.repeatRows, row == h.upperBound, headerRowsOpen {
            w.end()
            headerRowsOpen = false
        }
    }

    /// The cells of a row without merges: empty cells as runs (`number-columns-repeated`),
    /// the common cells from prepared tags, the rest by `writeCell`. Trailing empty cells are
    /// not written, but a row holds at least one cell.
    ///
    /// Number cells carry their value in `office:value` only, without the `<text:p>` copy
    /// (ODF makes it optional; LibreOffice, calamine, pandas and odfpy's readers take the
    /// value): the copy was a tenth of content.xml and, being unique digits, a third of the
    /// deflate work (W2 at 100,000 rows, zlib level 3: 0.39 s → 0.26 s).
    private func writeCells(_ sheet: SheetWriter, _ row: Int, _ cells: [Cell], startColumn: Int) throws {
        let w = xml
        let m = markup
        let t = tags(sheet.workbook)
        let defaults = columnDefault
        var emptyRun = startColumn
        var wroteCell = false
        var column = startColumn
        for cell in cells {
            defer { column += 1 }
            let s = cell.style.index
            if case .empty = cell.value, s == 0 {
                emptyRun += 1
                continue
            }
            if emptyRun > 0 {
                putAbsentCells(from: column - emptyRun, to: column)
                emptyRun = 0
            }
            wroteCell = true
            // The tags without `table:style-name` when the cell has its column's default style.
            let o = s == (column < defaults.count ? defaults[column] : 0) ? ODSBackend.unnamed : 0
            switch cell.value {
            case .text(var text):
                let plain = text.withUTF8 { bytes in
                    guard ODSBackend.isPlainParagraph(bytes) else { return false }
                    m.put(t.tag(s, ODSBackend.stringTag &+ o))
                    m.flush(to: w)
                    w.text(utf8: bytes)
                    m.put("</text:p></table:table-cell>")
                    return true
                }
                if !plain {
                    m.flush(to: w)
                    try writeCell(sheet, cell, row: row, column: column, spanColumns: 1, spanRows: 1)
                }
            case .integer(let v):
                m.put(t.tag(s, ODSBackend.numberTag &+ o))
                m.putDecimal(v)
                m.put("\"/>")
            case .number(let v) where v.isFinite:
                m.put(t.tag(s, ODSBackend.numberTag &+ o))
                m.flush(to: w)
                w.text(v)
                m.put("\"/>")
            case .empty:
                m.put(t.tag(s, ODSBackend.emptyTag &+ o))
            default:
                m.flush(to: w)
                try writeCell(sheet, cell, row: row, column: column, spanColumns: 1, spanRows: 1)
            }
        }
        // Trailing empty cells are not written, save up to the last column whose default differs
        // from an absent cell's look; a row holds at least one cell.
        let end = max(hintEnd, wroteCell ? 0 : 1)
        if column - emptyRun < end { putAbsentCells(from: column - emptyRun, to: end) }
        m.flush(to: w)
    }

    /// Prepared start tags per style (see `CellTagTable`): text, number (float or percentage,
    /// by the style's number format, up to `office:value="`) and empty, with the style named,
    /// then the same three without it.
    private var cellTags: CellTagTable?
    /// Styles (indexes) that boolean cells use: each gets a variant with a boolean data style.
    private var booleanStyles: Set<Int> = []
    /// The markup of the cell being written (see `MarkupScratch`).
    private let markup = MarkupScratch()
    /// Tag kinds: with the style named; `unnamed` added, without (the column's default style).
    private static let stringTag = 0, numberTag = 1, emptyTag = 2, unnamed = 3

    private func tags(_ workbook: WorkbookWriter) -> CellTagTable {
        if let t = cellTags { return t }
        let t = CellTagTable(kinds: 6) { [unowned workbook] style in
            let percent = style != 0 && ODFDataStyle(workbook.styles[StyleID(style)].numberFormat)?.kind == .percentage
            let type: String = percent ? "percentage" : "float"
            var tags: [String] = []
            for head in ["<table:table-cell table:style-name=\"\(ODSBackend.cellStyleName(style))\"", "<table:table-cell"] {
                tags.append("\(head) office:value-type=\"string\"><text:p>")
                tags.append("\(head) office:value-type=\"\(type)\" office:value=\"")
                tags.append("\(head)/>")
            }
            return tags
        }
        cellTags = t
        return t
    }

    /// Whether UTF-8 text is one plain paragraph: no line break or tab, no space at either end
    /// and no run of spaces (what `writeParagraphs` writes as it is).
    static func isPlainParagraph(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        var previousSpace = -2
        var i = 0
        for b in bytes {
            if b <= 0x20 {
                if b == 0x20 {
                    if previousSpace == i &- 1 { return false }
                    previousSpace = i
                } else if b == 0x0A || b == 0x0D || b == 0x09 {
                    return false
                }
            }
            i &+= 1
        }
        return true
    }

    private func writeCell(_ sheet: SheetWriter, _ cell: Cell, row: Int, column: Int, spanColumns: Int, spanRows: Int) throws {
        // A formula is translated before the cell starts, so a bad one leaves no open element.
        var openFormula: String?
        if case .formula(let f) = cell.value {
            do { openFormula = try FormulaSupport.openFormula(f.expression) } catch {
                throw SpreadsheetError(.invalidFormula, "Trang «\(sheet.name)», ô \(CellAddress(row: row, column: column)): \(error.message)")
            }
        }
        let w = xml
        w.start("table:table-cell")
        var style = cell.style.index
        if case .date = cell.value { style = sheet.workbook.dateStyle(for: cell.style).index }
        if cell.value.isBoolean {
            // The style's boolean variant: same look, a boolean data style (TRUE/FALSE, not 1/0).
            booleanStyles.insert(style)
            w.attribute("table:style-name", "ce\(style)b")
        } else if let named = namedStyle(style, column: column) {
            w.attribute("table:style-name", ODSBackend.cellStyleName(named))
        }
        if spanColumns > 1 || spanRows > 1 {
            w.attribute("table:number-columns-spanned", spanColumns)
            w.attribute("table:number-rows-spanned", spanRows)
        }
        let percent = isPercent(sheet, cell.style)
        switch cell.value {
        case .empty:
            break
        case .integer(let v):
            w.attribute("office:value-type", raw: percent ? "percentage" : "float")
            w.attribute("office:value", v)
        case .number(let v):
            if v.isFinite {
                w.attribute("office:value-type", raw: percent ? "percentage" : "float")
                w.attribute("office:value", v)
            } else {
                w.attribute("office:value-type", raw: "string")
                w.element("text:p", text: "#NUM!")
            }
        case .bool(let b):
            w.attribute("office:value-type", raw: "boolean")
            w.attribute("office:boolean-value", raw: b ? "true" : "false")
            w.element("text:p", text: b ? "TRUE" : "FALSE")
        case .date(let d):
            w.attribute("office:value-type", raw: "date")
            w.attribute("office:date-value", d.formatted(.iso))
            w.element("text:p", text: d.formatted(.numeric))
        case .text(let s):
            w.attribute("office:value-type", raw: "string")
            ODSBackend.writeParagraphs(w, s)
        case .formula(let f):
            w.attribute("table:formula", openFormula ?? "")
            switch f.result {
            case .number(let v)?:
                w.attribute("office:value-type", raw: percent ? "percentage" : "float")
                w.attribute("office:value", v)
                w.start("text:p"); w.text(v); w.end()
            case .text(let t)?:
                w.attribute("office:value-type", raw: "string")
                w.attribute("office:string-value", t)
                ODSBackend.writeParagraphs(w, t)
            case .bool(let b)?:
                w.attribute("office:value-type", raw: "boolean")
                w.attribute("office:boolean-value", raw: b ? "true" : "false")
                w.element("text:p", text: b ? "TRUE" : "FALSE")
            case .error(let e)?:
                w.element("text:p", text: e)
            case nil:
                break
            }
        }
        w.end()
    }

    private var percentStyles: [Int: Bool] = [:]
    private func isPercent(_ sheet: SheetWriter, _ id: StyleID) -> Bool {
        if id.index == 0 { return false }
        if let p = percentStyles[id.index] { return p }
        let p = ODFDataStyle(sheet.workbook.styles[id].numberFormat)?.kind == .percentage
        percentStyles[id.index] = p
        return p
    }

    /// Text as `text:p` paragraphs: a line break starts a new paragraph, tabs are
    /// `text:tab`, runs of spaces (and a leading space) are `text:s`.
    static func writeParagraphs(_ w: XMLWriter, _ s: String) {
        // Plain text (the common case): no line break, no tab, no leading, trailing or
        // doubled space — written as it is.
        var special = false
        var previousSpace = true   // a leading space counts as doubled
        for u in s.utf8 {
            if u == 0x0A || u == 0x0D || u == 0x09 { special = true; break }
            if u == 0x20 {
                if previousSpace { special = true; break }
                previousSpace = true
            } else {
                previousSpace = false
            }
        }
        if previousSpace && !s.isEmpty { special = true }
        if !special {
            w.start("text:p"); w.text(s); w.end()
            return
        }
        var lines: [Substring] = []
        var current = s.startIndex
        var i = s.startIndex
        while i < s.endIndex {
            let ch = s[i]
            if ch == "\n" || ch == "\r" || ch == "\r\n" {
                lines.append(s[current..<i])
                current = s.index(after: i)
            }
            i = s.index(after: i)
        }
        lines.append(s[current...])
        for line in lines {
            w.start("text:p")
            var run = ""
            var spaces = 0
            var atStart = true
            func flushSpaces() {
                guard spaces > 0 else { return }
                // The first space of a run is kept as a character, unless at the start.
                if !atStart { run.append(" "); spaces -= 1 }
                if !run.isEmpty { w.text(run); run = "" }
                if spaces > 0 {
                    w.start("text:s")
                    if spaces > 1 { w.attribute("text:c", spaces) }
                    w.end()
                }
                spaces = 0
            }
            for ch in line {
                if ch == " " {
                    spaces += 1
                    continue
                }
                flushSpaces()
                if ch == "\t" {
                    if !run.isEmpty { w.text(run); run = "" }
                    w.start("text:tab"); w.end()
                } else {
                    run.append(ch)
                }
                atStart = false
            }
            if spaces > 0 {
                // Trailing spaces: all as text:s so none is lost.
                if !run.isEmpty { w.text(run); run = "" }
                w.start("text:s")
                if spaces > 1 { w.attribute("text:c", spaces) }
                w.end()
                spaces = 0
            }
            if !run.isEmpty { w.text(run) }
            w.end()
        }
    }

    private func rowStyle(_ height: Double) -> Int {
        let key = Int((height * 100).rounded())
        if let s = rowStyles[key] { return s }
        let s = rowStyles.count + 1
        rowStyles[key] = s
        return s
    }

    func endSheet(_ sheet: SheetWriter) throws {
        try writeColumns(sheet)
        let w = xml
        if headerRowsOpen {
            w.end()
            headerRowsOpen = false
        }
        if hintEnd > 0 {
            // The rows below the table show what they would without column defaults.
            if nextRow < SheetLimits.rows { putEmptyRows(SheetLimits.rows - nextRow) }
        } else if nextRow == 0 {
            // A table needs a row.
            putEmptyRows(1)
        }
        w.end()
        columnWidths.append(sheet.columnWidths())
    }

    // MARK: Close

    func close(_ workbook: WorkbookWriter) throws {
        let w = xml
        // Names, filters.
        let names = workbook.definedNames
        if !names.isEmpty {
            w.start("table:named-expressions")
            for n in names {
                w.start("table:named-range")
                w.attribute("table:name", n.name)
                w.attribute("table:base-cell-address", ODSBackend.cellAddress(n.sheet, n.range.first, absolute: true))
                w.attribute("table:cell-range-address", ODSBackend.rangeAddress(n.sheet, n.range, absolute: true))
                w.end()
            }
            w.end()
        }
        let filtered = workbook.sheets.filter { $0.setup.autoFilter != nil }
        if !filtered.isEmpty {
            w.start("table:database-ranges")
            for sheet in filtered {
                w.start("table:database-range")
                w.attribute("table:name", "__Anonymous_Sheet_DB__\(sheet.index)")
                w.attribute("table:target-range-address", ODSBackend.rangeAddress(sheet.name, sheet.setup.autoFilter!))
                w.attribute("table:display-filter-buttons", raw: "true")
                w.end()
            }
            w.end()
        }
        // Opened by the head (the prefix).
        w.raw("</office:spreadsheet></office:body></office:document-content>")
        removed += w.removedCharacterCount
        w.flush()
        stream.setPrefix(contentHead(workbook))
        try stream.finish()
        try package.addXMLPart("styles.xml") { ODSStyles(workbook: workbook).write($0) }
        try package.addXMLPart("settings.xml") { ODSSettings(workbook: workbook).write($0) }
        for extra in afterContent { try extra(package) }
        try package.close()
    }

    /// Everything of content.xml before the first table.
    private func contentHead(_ workbook: WorkbookWriter) -> [UInt8] {
        let w = XMLWriter(capacity: 16 * 1024)
        w.declaration()
        w.start("office:document-content")
        for (prefix, uri) in ODSBackend.namespaces { w.attribute(prefix, raw: uri) }
        w.attribute("office:version", raw: "1.3")
        ODSBackend.writeFontFaces(w, workbook.styles)
        w.start("office:automatic-styles")
        // Columns.
        for (s, widths) in columnWidths.enumerated() {
            let k = s + 1
            for c in 0..<columnCounts[s] {
                w.start("style:style")
                w.attribute("style:name", "co\(k)_\(c)")
                w.attribute("style:family", raw: "table-column")
                w.start("style:table-column-properties")
                w.attribute("fo:break-before", raw: "auto")
                let width = (c < widths.count ? widths[c] : nil) ?? workbook.sheets[s].setup.defaultColumnWidth ?? 64
                w.attribute("style:column-width", ODSBackend.points(width))
                w.end()
                w.end()
            }
            w.start("style:style")
            w.attribute("style:name", "co\(k)_d")
            w.attribute("style:family", raw: "table-column")
            w.start("style:table-column-properties")
            w.attribute("fo:break-before", raw: "auto")
            w.attribute("style:column-width", ODSBackend.points(workbook.sheets[s].setup.defaultColumnWidth ?? 64))
            w.end()
            w.end()
        }
        // Rows with a height.
        for (key, s) in rowStyles.sorted(by: { $0.value < $1.value }) {
            w.start("style:style")
            w.attribute("style:name", "ro\(s)")
            w.attribute("style:family", raw: "table-row")
            w.start("style:table-row-properties")
            w.attribute("style:row-height", ODSBackend.points(Double(key) / 100))
            w.attribute("style:use-optimal-row-height", raw: "false")
            w.attribute("fo:break-before", raw: "auto")
            w.end()
            w.end()
        }
        // Tables: each with its own master page (page setup, header, footer).
        for sheet in workbook.sheets {
            let k = sheet.index + 1
            w.start("style:style")
            w.attribute("style:name", "ta\(k)")
            w.attribute("style:family", raw: "table")
            w.attribute("style:master-page-name", "mp\(k)")
            w.start("style:table-properties")
            w.attribute("table:display", raw: "true")
            w.attribute("style:writing-mode", raw: "lr-tb")
            if let c = sheet.setup.tabColor { w.attribute("table:tab-color", "#" + c.hex) }
            w.end()
            w.end()
        }
        // Data styles and cell styles.
        var dataStyles: [ODFDataStyle: String] = [:]
        var dataStyleOf: [Int: String] = [:]
        for (i, style) in workbook.styles.styles.enumerated() where i > 0 {
            guard let ds = ODFDataStyle(style.numberFormat) else { continue }
            if let name = dataStyles[ds] { dataStyleOf[i] = name; continue }
            let name = "N\(dataStyles.count + 1)"
            dataStyles[ds] = name
            dataStyleOf[i] = name
            ds.write(w, name: name)
        }
        for (i, style) in workbook.styles.styles.enumerated() where i > 0 {
            w.start("style:style")
            w.attribute("style:name", "ce\(i)")
            w.attribute("style:family", raw: "table-cell")
            w.attribute("style:parent-style-name", raw: "Default")
            if let ds = dataStyleOf[i] { w.attribute("style:data-style-name", ds) }
            ODSStyles.writeCellProperties(w, style)
            w.end()
        }
        // Boolean cells: each style they use, with a boolean data style.
        if !booleanStyles.isEmpty {
            ODFBooleanStyle.write(w)
            for i in booleanStyles.sorted() {
                w.start("style:style")
                w.attribute("style:name", "ce\(i)b")
                w.attribute("style:family", raw: "table-cell")
                w.attribute("style:parent-style-name", raw: "Default")
                w.attribute("style:data-style-name", raw: ODFBooleanStyle.name)
                ODSStyles.writeCellProperties(w, workbook.styles.styles[i])
                w.end()
            }
        }
        w.end()  // automatic-styles
        // Excel's semantics for the formulas: case-insensitive text, wildcards (not regular
        // expressions) in criteria, no automatic label lookup.
        w.raw("<office:body><office:spreadsheet><table:calculation-settings table:case-sensitive=\"false\" table:automatic-find-labels=\"false\" table:use-regular-expressions=\"false\" table:use-wildcards=\"true\"/>")
        return w.bytes   // open elements stay open: the streamed body closes them
    }

    static func writeFontFaces(_ w: XMLWriter, _ styles: StyleTable) {
        var names: [String] = []
        for s in styles.styles where !names.contains(s.font.name) { names.append(s.font.name) }
        w.start("office:font-face-decls")
        for n in names {
            w.start("style:font-face")
            w.attribute("style:name", n)
            w.attribute("svg:font-family", n.contains(" ") ? "'\(n)'" : n)
            w.attribute("style:font-family-generic", raw: n == "Times New Roman" ? "roman" : "system")
            w.attribute("style:font-pitch", raw: "variable")
            w.end()
        }
        w.end()
    }

    static func points(_ v: Double) -> String {
        let r = (v * 1000).rounded() / 1000
        return "\(r)pt"
    }

    /// `'Tổng hợp'.A1` (or `$'Tổng hợp'.$A$1`).
    static func cellAddress(_ sheet: String, _ a: CellAddress, absolute: Bool = false) -> String {
        let q = "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
        if absolute { return "$\(q).$\(CellAddress.columnName(a.column))$\(a.row + 1)" }
        return "\(q).\(a.a1)"
    }

    static func rangeAddress(_ sheet: String, _ r: CellRange, absolute: Bool = false) -> String {
        let a = cellAddress(sheet, r.first, absolute: absolute)
        let b = absolute ? ".$\(CellAddress.columnName(r.last.column))$\(r.last.row + 1)" : ".\(r.last.a1)"
        return "\(a):\(absolute ? "" : "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'")\(b)"
    }

    func discard() {
        stream.abort()
        package.discard()
    }
}

/// styles.xml: the default cell style (the workbook's default style), page layouts and master
/// pages (one per sheet: paper, orientation, margins, scaling, centring, header, footer).
struct ODSStyles {
    let workbook: WorkbookWriter

    func write(_ w: XMLWriter) {
        w.declaration()
        w.start("office:document-styles")
        for (prefix, uri) in ODSBackend.namespaces { w.attribute(prefix, raw: uri) }
        w.attribute("office:version", raw: "1.3")
        ODSBackend.writeFontFaces(w, workbook.styles)
        w.start("office:styles")
        w.start("style:default-style")
        w.attribute("style:family", raw: "table-cell")
        ODSStyles.writeCellProperties(w, workbook.styles[.default], textOnly: true)
        w.end()
        w.start("style:style")
        w.attribute("style:name", raw: "Default")
        w.attribute("style:family", raw: "table-cell")
        ODSStyles.writeCellProperties(w, workbook.styles[.default])
        w.end()
        w.end()
        w.start("office:automatic-styles")
        for sheet in workbook.sheets {
            let p = sheet.setup.print
            let k = sheet.index + 1
            var (width, height) = p.paper.millimetres
            if p.orientation == .landscape { swap(&width, &height) }
            w.start("style:page-layout")
            w.attribute("style:name", "pm\(k)")
            w.start("style:page-layout-properties")
            w.attribute("fo:page-width", "\(width)mm")
            w.attribute("fo:page-height", "\(height)mm")
            w.attribute("style:print-orientation", raw: p.orientation == .landscape ? "landscape" : "portrait")
            // ODF's page margins hold the header area; Excel's do not. Match Excel's page.
            let top = p.header.isEmpty ? p.margins.top : p.margins.header
            let bottom = p.footer.isEmpty ? p.margins.bottom : p.margins.footer
            w.attribute("fo:margin-top", "\(top)mm")
            w.attribute("fo:margin-bottom", "\(bottom)mm")
            w.attribute("fo:margin-left", "\(p.margins.left)mm")
            w.attribute("fo:margin-right", "\(p.margins.right)mm")
            if p.centerHorizontally { w.attribute("style:table-centering", raw: "horizontal") }
            // Fit to N pages: X across, Y down; 0 ("as many as needed") is written by omission.
            if let x = p.fitToWidth, x > 0 { w.attribute("style:scale-to-X", x) }
            if let y = p.fitToHeight, y > 0 { w.attribute("style:scale-to-Y", y) }
            w.attribute("style:writing-mode", raw: "lr-tb")
            w.end()
            if !p.header.isEmpty {
                w.start("style:header-style")
                w.start("style:header-footer-properties")
                w.attribute("fo:min-height", "\(max(p.margins.top - p.margins.header - 2, 2))mm")
                w.attribute("fo:margin-bottom", raw: "2mm")
                w.end()
                w.end()
            }
            if !p.footer.isEmpty {
                w.start("style:footer-style")
                w.start("style:header-footer-properties")
                w.attribute("fo:min-height", "\(max(p.margins.bottom - p.margins.footer - 2, 2))mm")
                w.attribute("fo:margin-top", raw: "2mm")
                w.end()
                w.end()
            }
            w.end()
        }
        w.end()
        w.start("office:master-styles")
        for sheet in workbook.sheets {
            let p = sheet.setup.print
            let k = sheet.index + 1
            w.start("style:master-page")
            w.attribute("style:name", "mp\(k)")
            w.attribute("style:page-layout-name", "pm\(k)")
            for (isHeader, hf) in [(true, p.header), (false, p.footer)] {
                w.start(isHeader ? "style:header" : "style:footer")
                if hf.isEmpty {
                    w.attribute("style:display", raw: "false")
                } else {
                    for (region, text) in [("style:region-left", hf.left), ("style:region-center", hf.center), ("style:region-right", hf.right)] as [(StaticString, String)] where !text.isEmpty {
                        w.start(region)
                        w.start("text:p")
                        ODSStyles.writeFields(w, text, sheet: sheet.name)
                        w.end()
                        w.end()
                    }
                }
                w.end()
            }
            w.end()
        }
        w.end()
        w.end()
    }

    /// Header/footer text with `&[Trang]`, `&[Số trang]`, `&[Trang tính]`, `&[Tệp]`.
    static func writeFields(_ w: XMLWriter, _ text: String, sheet: String) {
        var rest = Substring(text)
        let fields: [(String, StaticString)] = [("&[Trang]", "text:page-number"), ("&[Số trang]", "text:page-count"),
                                                ("&[Trang tính]", "text:sheet-name"), ("&[Tệp]", "text:file-name")]
        while !rest.isEmpty {
            var next: (Substring.Index, String, StaticString)?
            for (token, element) in fields {
                if let r = rest.range(of: token), next == nil || r.lowerBound < next!.0 { next = (r.lowerBound, token, element) }
            }
            guard let (at, token, element) = next else {
                w.text(String(rest))
                break
            }
            if at > rest.startIndex { w.text(String(rest[..<at])) }
            w.start(element)
            switch token {
            case "&[Trang]", "&[Số trang]": w.text("1")
            case "&[Trang tính]": w.text(sheet)
            default: w.text("???")
            }
            w.end()
            rest = rest[rest.index(at, offsetBy: token.count)...]
        }
    }

    static func borderValue(_ b: Border) -> String {
        let color = "#" + b.color.hex
        switch b.line {
        case .thin: return "0.75pt solid \(color)"
        case .medium: return "1.75pt solid \(color)"
        case .thick: return "2.5pt solid \(color)"
        case .double: return "2.25pt double \(color)"
        case .dotted: return "0.75pt dotted \(color)"
        case .dashed: return "0.75pt dashed \(color)"
        case .hair: return "0.25pt solid \(color)"
        }
    }

    /// Cell, paragraph and text properties of a cell style.
    static func writeCellProperties(_ w: XMLWriter, _ s: CellStyle, textOnly: Bool = false) {
        if !textOnly {
            w.start("style:table-cell-properties")
            if let f = s.fill { w.attribute("fo:background-color", "#" + f.hex) }
            let b = s.borders
            if let x = b.left { w.attribute("fo:border-left", borderValue(x)) }
            if let x = b.right { w.attribute("fo:border-right", borderValue(x)) }
            if let x = b.top { w.attribute("fo:border-top", borderValue(x)) }
            if let x = b.bottom { w.attribute("fo:border-bottom", borderValue(x)) }
            for (side, border) in [("style:border-line-width-left", b.left), ("style:border-line-width-right", b.right),
                                   ("style:border-line-width-top", b.top), ("style:border-line-width-bottom", b.bottom)] as [(StaticString, Border?)] {
                if border?.line == .double { w.attribute(side, raw: "0.75pt 0.75pt 0.75pt") }
            }
            switch s.alignment.vertical {
            case .bottom: w.attribute("style:vertical-align", raw: "bottom")
            case .center: w.attribute("style:vertical-align", raw: "middle")
            case .top, .justify: w.attribute("style:vertical-align", raw: "top")
            }
            if s.alignment.wrap { w.attribute("fo:wrap-option", raw: "wrap") }
            if s.alignment.rotation != 0 {
                let r = max(-90, min(90, s.alignment.rotation))
                w.attribute("style:rotation-angle", r >= 0 ? r : 360 + r)
            }
            if s.alignment.horizontal != .general { w.attribute("style:text-align-source", raw: "fix") }
            w.end()
            if s.alignment.horizontal != .general || s.alignment.indent > 0 {
                w.start("style:paragraph-properties")
                switch s.alignment.horizontal {
                case .left, .fill: w.attribute("fo:text-align", raw: "start")
                case .center, .centerAcrossSelection: w.attribute("fo:text-align", raw: "center")
                case .right: w.attribute("fo:text-align", raw: "end")
                case .justify: w.attribute("fo:text-align", raw: "justify")
                case .general: break
                }
                if s.alignment.indent > 0 { w.attribute("fo:margin-left", "\(Double(s.alignment.indent) * 3.53)mm") }
                w.end()
            }
        }
        let f = s.font
        w.start("style:text-properties")
        w.attribute("style:font-name", f.name)
        w.attribute("style:font-name-asian", f.name)
        w.attribute("style:font-name-complex", f.name)
        w.attribute("fo:font-size", ODSBackend.points(f.size))
        w.attribute("style:font-size-asian", ODSBackend.points(f.size))
        w.attribute("style:font-size-complex", ODSBackend.points(f.size))
        w.attribute("fo:language", raw: "vi")
        w.attribute("fo:country", raw: "VN")
        if f.bold {
            w.attribute("fo:font-weight", raw: "bold")
            w.attribute("style:font-weight-asian", raw: "bold")
            w.attribute("style:font-weight-complex", raw: "bold")
        }
        if f.italic {
            w.attribute("fo:font-style", raw: "italic")
            w.attribute("style:font-style-asian", raw: "italic")
            w.attribute("style:font-style-complex", raw: "italic")
        }
        switch f.underline {
        case .none: break
        case .single:
            w.attribute("style:text-underline-style", raw: "solid")
            w.attribute("style:text-underline-width", raw: "auto")
            w.attribute("style:text-underline-color", raw: "font-color")
        case .double:
            w.attribute("style:text-underline-style", raw: "solid")
            w.attribute("style:text-underline-type", raw: "double")
            w.attribute("style:text-underline-width", raw: "auto")
            w.attribute("style:text-underline-color", raw: "font-color")
        }
        if f.strike { w.attribute("style:text-line-through-style", raw: "solid") }
        if let c = f.color { w.attribute("fo:color", "#" + c.hex) }
        w.end()
    }
}

/// settings.xml: frozen panes, grid lines and tab colours per sheet, the active sheet.
struct ODSSettings {
    let workbook: WorkbookWriter

    func write(_ w: XMLWriter) {
        w.declaration()
        w.start("office:document-settings")
        w.attribute("xmlns:office", raw: "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
        w.attribute("xmlns:config", raw: "urn:oasis:names:tc:opendocument:xmlns:config:1.0")
        w.attribute("office:version", raw: "1.3")
        w.start("office:settings")
        w.start("config:config-item-set")
        w.attribute("config:name", raw: "ooo:view-settings")
        w.start("config:config-item-map-indexed")
        w.attribute("config:name", raw: "Views")
        w.start("config:config-item-map-entry")
        item(w, "ViewId", "string", "view1")
        w.start("config:config-item-map-named")
        w.attribute("config:name", raw: "Tables")
        for sheet in workbook.sheets {
            w.start("config:config-item-map-entry")
            w.attribute("config:name", sheet.name)
            let f = sheet.setup.freeze ?? CellAddress(row: 0, column: 0)
            item(w, "HorizontalSplitMode", "short", f.column > 0 ? "2" : "0")
            item(w, "VerticalSplitMode", "short", f.row > 0 ? "2" : "0")
            item(w, "HorizontalSplitPosition", "int", String(f.column))
            item(w, "VerticalSplitPosition", "int", String(f.row))
            item(w, "ActiveSplitRange", "short", f.row > 0 ? "2" : (f.column > 0 ? "3" : "2"))
            item(w, "PositionLeft", "int", "0")
            item(w, "PositionRight", "int", String(f.column))
            item(w, "PositionTop", "int", "0")
            item(w, "PositionBottom", "int", String(f.row))
            item(w, "ShowGrid", "boolean", sheet.setup.showGridLines ? "true" : "false")
            if let c = sheet.setup.tabColor {
                item(w, "TabColor", "int", String(Int(c.red) << 16 | Int(c.green) << 8 | Int(c.blue)))
            }
            w.end()
        }
        w.end()
        item(w, "ActiveTable", "string", workbook.sheets.first?.name ?? "")
        w.end()
        w.end()
        w.end()
        w.end()
        w.end()
    }

    private func item(_ w: XMLWriter, _ name: String, _ type: StaticString, _ value: String) {
        w.start("config:config-item")
        w.attribute("config:name", name)
        w.attribute("config:type", raw: type)
        w.text(value)
        w.end()
    }
}

import Foundation
