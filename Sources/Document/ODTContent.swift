import OfficeXML

/// What every part of one ODT document shares: pictures (stored once), counters that must be
/// unique across the document (frames, tables, footnotes), fonts.
final class ODTResources {
    let fonts = ODTFonts()
    /// Pictures in order of first use: package path and bytes.
    private(set) var pictures: [(path: String, image: InlineImage)] = []
    private var pictureIndex: [[UInt8]: String] = [:]
    private(set) var frameCount = 0
    private(set) var tableCount = 0
    private(set) var footnoteCount = 0

    /// The package path of a picture ("Pictures/image1.png"); equal bytes share one file.
    func picture(_ image: InlineImage) -> String {
        if let p = pictureIndex[image.data] { return p }
        let p = "Pictures/image\(pictures.count + 1).\(image.format.fileExtension)"
        pictureIndex[image.data] = p
        pictures.append((p, image))
        return p
    }

    func nextFrame() -> Int { frameCount += 1; return frameCount }
    func nextTable() -> Int { tableCount += 1; return tableCount }
    func nextFootnote() -> Int { footnoteCount += 1; return footnoteCount }
}

/// The master page a section's first block starts (and the page number it restarts at).
struct ODTMasterStart {
    var name: String
    var pageNumber: Int?
}

/// Writes OpenDocument text content (paragraphs, lists, tables, pictures, notes) into one
/// part: the streamed body of content.xml, or a header/footer in styles.xml. Automatic styles
/// go to the part's `ODTAutomaticStyles`.
final class ODTContentWriter {
    let xml: XMLWriter
    let styles: ODTAutomaticStyles
    let resources: ODTResources
    let sheet: StyleSheet
    /// The list level of an item and the named list style of its instance.
    let listLevel: (ListItem) -> ListLevel?
    let listStyle: (ListID) -> String
    /// Prefix of list ids (unique within the part).
    let idPrefix: String

    /// Open lists per flow (body, cell, note, header): nested flows push and pop.
    private struct ListFlow {
        var instance: Int?
        var depth = 0
    }
    private var flows: [ListFlow] = [ListFlow()]
    /// Instances with a first segment in this part (later segments continue it by id).
    private var startedLists: Set<Int> = []

    private var resolvedParagraphs: [StyleID: ParagraphFormat] = [:]
    private var resolvedRuns: [StyleID: RunFormat] = [:]
    private var characterRuns: [StyleID: RunFormat] = [:]

    init(xml: XMLWriter, styles: ODTAutomaticStyles, resources: ODTResources, sheet: StyleSheet,
         idPrefix: String, listLevel: @escaping (ListItem) -> ListLevel?, listStyle: @escaping (ListID) -> String) {
        self.xml = xml
        self.styles = styles
        self.resources = resources
        self.sheet = sheet
        self.idPrefix = idPrefix
        self.listLevel = listLevel
        self.listStyle = listStyle
    }

    // MARK: Style lookups (cached: called for every cell of long tables)

    private func resolvedParagraph(_ id: StyleID) -> ParagraphFormat {
        if let f = resolvedParagraphs[id] { return f }
        let f = sheet.resolvedParagraph(id)
        resolvedParagraphs[id] = f
        return f
    }

    private func resolvedRun(_ id: StyleID) -> RunFormat {
        if let f = resolvedRuns[id] { return f }
        let f = sheet.resolvedRun(id)
        resolvedRuns[id] = f
        return f
    }

    /// A character style's own formatting (its `basedOn` chain, without the defaults).
    private func characterRun(_ id: StyleID) -> RunFormat {
        if let f = characterRuns[id] { return f }
        var chain: [NamedStyle] = []
        var cursor: StyleID? = id
        while let c = cursor, let s = sheet.style(c), !chain.contains(where: { $0.id == s.id }) {
            chain.append(s)
            cursor = s.basedOn
        }
        let f = chain.reversed().reduce(RunFormat()) { $0.merged(with: $1.run) }
        characterRuns[id] = f
        return f
    }

    // MARK: Blocks

    /// Blocks in a text area `width` wide (rules are placed within it). In a cell,
    /// `ensureParagraph` ends the content with a paragraph as the DOCX writer does.
    func writeBlocks(_ blocks: [Block], width: Length, ensureParagraph: Bool) {
        var lastWasParagraph = false
        for b in blocks {
            switch b {
            case .paragraph(let p):
                writeParagraph(p)
                lastWasParagraph = true
            case .rule(let r):
                writeParagraph(r.paragraph(within: width))
                lastWasParagraph = true
            case .table(let t):
                writeTable(t)
                lastWasParagraph = false
            }
        }
        if ensureParagraph && !lastWasParagraph {
            closeLists()
            xml.start("text:p")
            xml.attribute("text:style-name", ODFValue.styleName(.normal))
            xml.end()
        }
    }

    // MARK: Paragraphs

    func writeParagraph(_ p: Paragraph, master: ODTMasterStart? = nil) {
        let id = p.style ?? .normal
        let parent = ODFValue.styleName(id)
        let resolved = resolvedParagraph(id)
        let outline = p.format.outlineLevel ?? resolved.outlineLevel
        var tabOrigin = Length.zero
        if p.format.tabStops != nil {
            tabOrigin = p.format.leftIndent ?? p.list.flatMap { listLevel($0)?.leftIndent } ?? resolved.leftIndent ?? .zero
        }
        // An inline page break ends the paragraph: the rest starts the next page (ODF has no
        // page break inside a paragraph). The parts join as one paragraph does in DOCX: no
        // space between them, no first-line indent after the break.
        var segments: [ArraySlice<Inline>] = []
        if p.content.contains(.pageBreak) {
            segments = p.content.split(separator: .pageBreak, omittingEmptySubsequences: false)
        } else {
            segments = [p.content[...]]
        }
        // What the paragraph has without its direct formatting: the style's values, the list
        // level's indents.
        var base = resolved
        if let item = p.list, let level = listLevel(item) {
            base.leftIndent = level.leftIndent
            base.firstLineIndent = level.firstLineIndent
        }
        var key = ODTParagraphStyle(parent: parent, format: p.format, tabOrigin: tabOrigin, text: p.markFormat,
                                    masterPage: master?.name, pageNumber: master?.pageNumber, breakBefore: false)
        if segments.count > 1 { key.format.spaceAfter = .zero }
        key.format = ODTProperties.completingPairs(key.format, from: base)
        let styleName = (key.format.isEmpty && p.markFormat.isEmpty && master == nil) ? parent : styles.paragraph(key)

        if let item = p.list { enterList(item) } else { closeLists() }

        let runContext = RunContext(mark: p.markFormat, base: p.markFormat.isEmpty ? RunFormat() : resolvedRun(id))
        for (i, segment) in segments.enumerated() {
            var name = styleName
            if i > 0 {
                key.masterPage = nil
                key.pageNumber = nil
                key.breakBefore = true
                key.format.spaceBefore = .zero
                key.format.firstLineIndent = .zero
                key.format.pageBreakBefore = nil
                key.format.spaceAfter = i == segments.count - 1 ? (p.format.spaceAfter ?? base.spaceAfter) : .zero
                key.format = ODTProperties.completingPairs(key.format, from: base)
                name = styles.paragraph(key)
            }
            if let level = outline, (1...10).contains(level), i == 0 {
                xml.start("text:h")
                xml.attribute("text:style-name", name)
                xml.attribute("text:outline-level", level)
            } else {
                xml.start("text:p")
                xml.attribute("text:style-name", name)
            }
            for item in segment { writeInline(item, runContext) }
            xml.end()
        }
    }

    /// How runs of one paragraph are styled: the paragraph mark's formatting applies to the
    /// whole paragraph in ODF, so a run that leaves one of its properties unset gets the
    /// style's value back (as in DOCX, where the mark's formatting stays on the mark).
    struct RunContext {
        var mark: RunFormat
        /// The paragraph style's resolved character formatting (only needed when `mark` is set).
        var base: RunFormat
    }

    /// The text style of a run, nil for none.
    private func spanStyle(_ f: RunFormat, _ c: RunContext) -> String? {
        var own = f
        own.style = nil
        var clears = false
        if !c.mark.isEmpty {
            let covered = (f.style.map { characterRun($0) } ?? RunFormat()).merged(with: own)
            own = own.restoring(c.base, where: c.mark, unlessSetIn: covered)
            clears = c.mark.highlight != nil && own.highlight == nil
        }
        if own.isEmpty && !clears { return f.style.map(ODFValue.styleName) }
        return styles.text(ODTTextStyle(parent: f.style.map(ODFValue.styleName), format: own, clearsHighlight: clears))
    }

    private func startSpan(_ style: String?) {
        guard let style else { return }
        xml.start("text:span")
        xml.attribute("text:style-name", style)
    }

    private func writeInline(_ item: Inline, _ c: RunContext) {
        switch item {
        case .run(let r):
            writeRun(r, c)
        case .tab(let f):
            let s = spanStyle(f, c)
            startSpan(s)
            xml.start("text:tab"); xml.end()
            if s != nil { xml.end() }
        case .lineBreak:
            xml.start("text:line-break"); xml.end()
        case .pageBreak:
            break   // split off by writeParagraph
        case .field(let field, let f):
            let s = spanStyle(f, c)
            startSpan(s)
            switch field {
            case .page:
                // No num-format: the page style's (the section's numbering format) applies.
                xml.start("text:page-number")
                xml.attribute("text:select-page", raw: "current")
            case .numberOfPages:
                xml.start("text:page-count")
                xml.attribute("style:num-format", raw: "1")
            }
            xml.text("1")
            xml.end()
            if s != nil { xml.end() }
        case .image(let image):
            writeImage(image)
        case .hyperlink(let h):
            xml.start("text:a")
            xml.attribute("xlink:type", raw: "simple")
            xml.attribute("xlink:href", h.url)
            for r in h.runs { writeRun(r, c) }
            xml.end()
        case .footnote(let note):
            writeFootnote(note)
        }
    }

    private func writeRun(_ r: Run, _ c: RunContext) {
        let s = spanStyle(r.format, c)
        startSpan(s)
        for piece in r.pieces {
            switch piece {
            case .text(let t): writeText(t)
            case .tab: xml.start("text:tab"); xml.end()
            case .lineBreak: xml.start("text:line-break"); xml.end()
            }
        }
        if s != nil { xml.end() }
    }

    // MARK: Text and white space

    /// Text with ODF's white-space rule applied in reverse: readers collapse runs of spaces
    /// and drop leading and trailing ones, so every space that would be lost is written as
    /// `text:s`. A single space between two characters stays a character.
    func writeText(_ s: Substring) {
        if let done = s.utf8.withContiguousStorageIfAvailable({ writeText(utf8: $0) }) { return done }
        var copy = String(s)
        copy.withUTF8 { writeText(utf8: $0) }
    }

    /// Length of an XML-illegal character at `i` (the writer drops it), else 0.
    @inline(__always)
    private static func illegalLength(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = p[i]
        if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return 1 }
        if b == 0xEF && i + 2 < p.count && p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF) { return 3 }
        return 0
    }

    func writeText(utf8 p: UnsafeBufferPointer<UInt8>) {
        let n = p.count
        guard n > 0 else { return }
        guard p.contains(0x20) else {
            xml.text(utf8: p)
            return
        }
        var segmentStart = 0
        var i = 0
        var seenCharacter = false
        while i < n {
            let b = p[i]
            if b != 0x20 {
                let k = ODTContentWriter.illegalLength(p, i)
                if k == 0 { seenCharacter = true; i += 1 } else { i += k }
                continue
            }
            // A run of spaces (illegal characters inside it are dropped by the writer).
            var j = i
            var spaces = 0
            while j < n {
                if p[j] == 0x20 { spaces += 1; j += 1; continue }
                let k = ODTContentWriter.illegalLength(p, j)
                if k == 0 { break }
                j += k
            }
            let characterFollows = j < n
            if spaces == 1 && seenCharacter && characterFollows {
                i = j
                continue   // an ordinary space: stays in the segment
            }
            if segmentStart < i { xml.text(utf8: UnsafeBufferPointer(rebasing: p[segmentStart..<i])) }
            var count = spaces
            if seenCharacter && characterFollows {
                xml.text(" ")
                count -= 1
            }
            xml.start("text:s")
            if count > 1 { xml.attribute("text:c", count) }
            xml.end()
            // Illegal characters inside the run still go through the writer, to be counted.
            var k = i
            while k < j {
                let len = ODTContentWriter.illegalLength(p, k)
                if len > 0 { xml.text(utf8: UnsafeBufferPointer(rebasing: p[k..<(k + len)])); k += len } else { k += 1 }
            }
            i = j
            segmentStart = j
        }
        if segmentStart < n { xml.text(utf8: UnsafeBufferPointer(rebasing: p[segmentStart..<n])) }
    }

    // MARK: Lists

    /// Places the next paragraph in list `item`: continues the open list, nests or un-nests,
    /// or opens the instance's list (continuing its earlier segments by id).
    private func enterList(_ item: ListItem) {
        let instance = item.list.index
        let level = max(0, item.level)
        var flow = flows[flows.count - 1]
        if flow.instance != instance {
            closeLists()
            flow = ListFlow()
            xml.start("text:list")
            let id = "\(idPrefix)list\(instance + 1)"
            if startedLists.insert(instance).inserted {
                xml.attribute("xml:id", id)
            } else {
                xml.attribute("text:continue-list", id)
            }
            xml.attribute("text:style-name", listStyle(item.list))
            xml.start("text:list-item")
            for _ in 0..<level {
                xml.start("text:list")
                xml.start("text:list-item")
            }
            flow.instance = instance
            flow.depth = level + 1
        } else if level < flow.depth {
            for _ in 0..<(flow.depth - 1 - level) {
                xml.end()   // text:list-item
                xml.end()   // text:list
            }
            xml.end()
            xml.start("text:list-item")
            flow.depth = level + 1
        } else {
            for _ in flow.depth...level {
                xml.start("text:list")
                xml.start("text:list-item")
            }
            flow.depth = level + 1
        }
        flows[flows.count - 1] = flow
    }

    /// Closes the lists open in the current flow (before a paragraph outside them, a table, or
    /// the end of the flow).
    func closeLists() {
        let depth = flows[flows.count - 1].depth
        guard depth > 0 else { return }
        for _ in 0..<depth {
            xml.end()
            xml.end()
        }
        flows[flows.count - 1] = ListFlow()
    }

    private func pushFlow() { flows.append(ListFlow()) }

    private func popFlow() {
        closeLists()
        flows.removeLast()
    }

    // MARK: Pictures and notes

    private func writeImage(_ image: InlineImage) {
        let path = resources.picture(image)
        let n = resources.nextFrame()
        styles.usesImages = true
        xml.start("draw:frame")
        xml.attribute("draw:style-name", styles.imageStyle)
        xml.attribute("draw:name", "Ảnh \(n)")
        xml.attribute("text:anchor-type", raw: "as-char")
        xml.attribute("svg:width", ODFValue.length(image.width))
        xml.attribute("svg:height", ODFValue.length(image.height))
        xml.attribute("draw:z-index", 0)
        xml.start("draw:image")
        xml.attribute("xlink:href", path)
        xml.attribute("xlink:type", raw: "simple")
        xml.attribute("xlink:show", raw: "embed")
        xml.attribute("xlink:actuate", raw: "onLoad")
        xml.attribute("draw:mime-type", image.format.mediaType)
        xml.end()
        if !image.description.isEmpty { xml.element("svg:desc", text: image.description) }
        xml.end()
    }

    private func writeFootnote(_ note: Footnote) {
        let n = resources.nextFootnote()
        xml.start("text:note")
        xml.attribute("text:id", "ftn\(n)")
        xml.attribute("text:note-class", raw: "footnote")
        xml.start("text:note-citation")
        xml.text(n)
        xml.end()
        xml.start("text:note-body")
        pushFlow()
        let paragraphs = note.paragraphs.isEmpty ? [Paragraph(style: .footnoteText)] : note.paragraphs
        for (k, var p) in paragraphs.enumerated() {
            if p.style == nil { p.style = .footnoteText }
            // A space after the number at the foot of the page, as the DOCX writer puts it.
            if k == 0 { p.content.insert(.text(" "), at: 0) }
            writeParagraph(p)
        }
        popFlow()
        xml.end()
        xml.end()
    }

    // MARK: Tables

    /// An in-memory table (nested in a cell, in a header, or added as a block).
    func writeTable(_ t: TableBlock, master: ODTMasterStart? = nil) {
        // Validated by DocumentWriter: the layouts cannot fail here.
        guard let layouts = try? t.layouts() else { return }
        let w = beginTable(t.table, master: master)
        for (row, layout) in zip(t.rows, layouts) { w.add(row, layout: layout) }
        w.finish()
    }

    func beginTable(_ table: Table, master: ODTMasterStart? = nil) -> ODTTableWriter {
        closeLists()
        let n = resources.nextTable()
        let style = styles.table(ODTTableStyle(width: table.width, alignment: table.alignment, indent: table.indent,
                                               masterPage: master?.name, pageNumber: master?.pageNumber),
                                 name: "\(styles.prefix)Tbl\(n)")
        xml.start("table:table")
        xml.attribute("table:name", "Bảng \(n)")
        xml.attribute("table:style-name", style)
        for c in table.columns {
            xml.start("table:table-column")
            xml.attribute("table:style-name", styles.column(c))
            xml.end()
        }
        return ODTTableWriter(content: self, table: table)
    }

    /// A cell's content, in its own list flow.
    func writeCellContent(_ blocks: [Block], width: Length) {
        pushFlow()
        writeBlocks(blocks, width: width, ensureParagraph: true)
        popFlow()
    }
}

/// Writes a table's rows. A row waits until the next one arrives (and longer while a cell
/// spanning rows is open), so the cells under it and the cells that reach the last row are
/// known when it is written; memory stays flat for any number of rows.
///
/// Lines: ODF has borders per cell only. As LibreOffice does when it reads a Word table, every
/// cell gets all four edges, each settled between the table's line there (outer edge or
/// inside line), the cell's own override and its neighbour's override on the shared edge (the
/// stronger wins, as in Word). Neighbours agree, so the reader draws each edge once, and a
/// row at the foot of a page keeps its bottom line.
final class ODTTableWriter {
    unowned let content: ODTContentWriter
    let table: Table
    private var columnEdges: [Int]
    /// Per grid column: the bottom override of the cell that ends just above the next row.
    private var aboveBottom: [Border?]
    private var pending: [(row: TableRow, layout: RowLayout)] = []
    private var pendingEnd = -1
    private var headerOpen = false
    private var finished = false

    init(content: ODTContentWriter, table: Table) {
        self.content = content
        self.table = table
        aboveBottom = Array(repeating: nil, count: table.columns.count)
        columnEdges = [0]
        for c in table.columns { columnEdges.append(columnEdges[columnEdges.count - 1] + c.emu) }
    }

    private var xml: XMLWriter { content.xml }

    var heldRowCount: Int { pending.count }

    func add(_ row: TableRow, layout: RowLayout) {
        let r = layout.rowIndex
        if !pending.isEmpty && pendingEnd < r {
            flush(upcoming: (row, layout), lastRow: nil)
        }
        pending.append((row, layout))
        for slot in layout.slots {
            if case let .cell(_, _, _, rowSpan) = slot { pendingEnd = max(pendingEnd, r + rowSpan - 1) }
        }
        pendingEnd = max(pendingEnd, r)
    }

    func finish() {
        guard !finished else { return }
        finished = true
        flush(upcoming: nil, lastRow: pending.last?.layout.rowIndex)
        if headerOpen { xml.end() }
        xml.end() // table:table
    }

    private func flush(upcoming: (row: TableRow, layout: RowLayout)?, lastRow: Int?) {
        var known = pending
        if let upcoming { known.append(upcoming) }
        let first = known.first?.layout.rowIndex ?? 0
        for p in pending {
            write(p.row, p.layout, lastRow: lastRow) { index in
                let k = index - first
                return k >= 0 && k < known.count ? known[k] : nil
            }
        }
        pending.removeAll(keepingCapacity: true)
        pendingEnd = -1
    }

    private func width(_ column: Int, _ span: Int) -> Length {
        let end = min(column + span, table.columns.count)
        return Length(emu: columnEdges[end] - columnEdges[column])
    }

    private static func settle(_ own: Border?, _ neighbour: Border?, _ line: Border) -> Border {
        switch (own, neighbour) {
        case (nil, nil): return line
        case (let o?, nil): return o
        case (nil, let n?): return n
        case (let o?, let n?): return ODFValue.weight(n) > ODFValue.weight(o) ? n : o
        }
    }

    private static func stronger(_ a: Border?, _ b: Border?) -> Border? {
        guard let b else { return a }
        guard let a else { return b }
        return ODFValue.weight(b) > ODFValue.weight(a) ? b : a
    }

    /// The strongest top override among the cells of `row` that start in columns
    /// `column ..< column + span` (the cells under a cell's bottom edge).
    private static func topOverride(in row: (row: TableRow, layout: RowLayout)?, column: Int, span: Int) -> Border? {
        guard let row else { return nil }
        var result: Border?
        for slot in row.layout.slots {
            if case let .cell(index, c, s, _) = slot, c < column + span, c + s > column {
                result = stronger(result, row.row.cells[index].borders?.top)
            }
        }
        return result
    }

    /// The override on the left edge of the slot that starts at grid column `column`.
    private static func leftOverride(_ row: TableRow, _ layout: RowLayout, column: Int) -> Border? {
        for slot in layout.slots {
            switch slot {
            case let .cell(index, c, _, _) where c == column: return row.cells[index].borders?.left
            case let .covered(c, _, origin, _) where c == column: return origin.borders?.left
            default: continue
            }
        }
        return nil
    }

    private func write(_ row: TableRow, _ layout: RowLayout, lastRow: Int?,
                       rowAt: (Int) -> (row: TableRow, layout: RowLayout)?) {
        let r = layout.rowIndex
        let n = table.columns.count
        let b = table.borders
        if row.isHeader && !headerOpen && r == 0 {
            xml.start("table:table-header-rows")
            headerOpen = true
        } else if !row.isHeader && headerOpen {
            xml.end()
            headerOpen = false
        }
        xml.start("table:table-row")
        if row.cantSplit || row.height != nil {
            xml.attribute("table:style-name", content.styles.row(ODTRowStyle(height: row.height, cantSplit: row.cantSplit)))
        }
        var leftNeighbourRight: Border?
        for slot in layout.slots {
            switch slot {
            case let .cell(index, column, span, rowSpan):
                let cell = row.cells[index]
                let own = cell.borders
                var aboveOverride: Border?
                for c in column..<(column + span) { aboveOverride = ODTTableWriter.stronger(aboveOverride, aboveBottom[c]) }
                let top = r == 0 ? ODTTableWriter.settle(own?.top, nil, b.top)
                                 : ODTTableWriter.settle(own?.top, aboveOverride, b.insideHorizontal)
                let left = column == 0 ? ODTTableWriter.settle(own?.left, nil, b.left)
                                       : ODTTableWriter.settle(own?.left, leftNeighbourRight, b.insideVertical)
                let right = column + span == n ? ODTTableWriter.settle(own?.right, nil, b.right)
                    : ODTTableWriter.settle(own?.right, ODTTableWriter.leftOverride(row, layout, column: column + span), b.insideVertical)
                let end = r + rowSpan - 1
                let bottom = end == lastRow ? ODTTableWriter.settle(own?.bottom, nil, b.bottom)
                    : ODTTableWriter.settle(own?.bottom, ODTTableWriter.topOverride(in: rowAt(end + 1), column: column, span: span),
                                            b.insideHorizontal)
                let margins = cell.margins ?? table.cellMargins
                let style = content.styles.cell(ODTCellStyle(top: top, bottom: bottom, left: left, right: right,
                                                            padding: margins, vertical: cell.verticalAlignment,
                                                            shading: cell.shading))
                xml.start("table:table-cell")
                xml.attribute("table:style-name", style)
                if span > 1 { xml.attribute("table:number-columns-spanned", span) }
                if rowSpan > 1 { xml.attribute("table:number-rows-spanned", rowSpan) }
                let w = width(column, span)
                content.writeCellContent(cell.blocks, width: max(w - margins.left - margins.right, .zero))
                xml.end()
                for _ in 1..<max(span, 1) { xml.start("table:covered-table-cell"); xml.end() }
                for c in column..<(column + span) { aboveBottom[c] = rowSpan == 1 ? own?.bottom : nil }
                leftNeighbourRight = own?.right
            case let .covered(column, span, origin, isLast):
                for _ in 0..<span { xml.start("table:covered-table-cell"); xml.end() }
                if isLast { for c in column..<(column + span) { aboveBottom[c] = origin.borders?.bottom } }
                leftNeighbourRight = origin.borders?.right
            }
        }
        xml.end() // table:table-row
        xml.flushIfNeeded()
    }
}

extension RunFormat {
    /// These properties, plus `base`'s value for every property `mark` sets that `covered`
    /// does not (so a paragraph-wide `mark` does not leak into the run).
    func restoring(_ base: RunFormat, where mark: RunFormat, unlessSetIn covered: RunFormat) -> RunFormat {
        var r = self
        if mark.font != nil && covered.font == nil { r.font = base.font }
        if mark.halfPoints != nil && covered.halfPoints == nil { r.halfPoints = base.halfPoints }
        if mark.bold != nil && covered.bold == nil { r.bold = base.bold ?? false }
        if mark.italic != nil && covered.italic == nil { r.italic = base.italic ?? false }
        if mark.underline != nil && covered.underline == nil { r.underline = base.underline ?? RunFormat.Underline.none }
        if mark.strike != nil && covered.strike == nil { r.strike = base.strike ?? false }
        if mark.position != nil && covered.position == nil { r.position = base.position ?? .baseline }
        if mark.color != nil && covered.color == nil { r.color = base.color }
        if mark.highlight != nil && covered.highlight == nil { r.highlight = base.highlight }
        if mark.smallCaps != nil && covered.smallCaps == nil { r.smallCaps = base.smallCaps ?? false }
        if mark.allCaps != nil && covered.allCaps == nil { r.allCaps = base.allCaps ?? false }
        if mark.language != nil && covered.language == nil { r.language = base.language }
        return r
    }
}
