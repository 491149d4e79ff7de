import OfficePackage
import OfficeZip

/// The file formats a document is written in.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case docx, odt

    /// By the output's extension (".docx", ".odt"), case-insensitive.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }
}

/// Knobs of the writers.
public struct DocumentOptions: Sendable {
    /// Deflate level of the parts.
    public var compressionLevel: Int = ZipMethod.defaultLevel
    /// Threads for compression.
    public var threads: Int = ZipWriter.defaultThreads

    public init() {}
}

/// Writes one document, DOCX or ODT, block after block.
///
/// Streaming: paragraphs and table rows go straight to the compressor in the order they are
/// added; memory does not grow with the length of the body. Headers, footers, styles, list
/// definitions, footnotes and images are small and written by `close()`.
///
/// Order of calls: `beginSection` (optional for the first section: an A4 portrait section with
/// the decree's margins is used), then `add` blocks and/or `beginTable` / `addRow` … /
/// `endTable`, more sections, `close()`. Nothing appears at `path` until `close()` succeeds;
/// `discard()` (or any error thrown by `close()`) leaves no file.
///
/// Validation (table grids, list and style references, sections) happens here, before the
/// format writers see anything: the writers only fail on I/O.
public final class DocumentWriter {
    public let path: String
    public let format: DocumentFormat
    public let options: DocumentOptions
    public var properties: DocumentProperties
    public let styles: StyleSheet
    public private(set) var lists: ListRegistry
    /// Sections begun so far, in order.
    public private(set) var sections: [Section] = []
    /// Characters illegal in XML removed from the text (reported by the CLI).
    public var removedCharacterCount: Int { backend.removedCharacterCount }
    /// Footnotes written so far.
    public private(set) var footnoteCount = 0
    /// Tables begun so far (nested tables included): numbers in messages.
    public private(set) var tableCount = 0

    let backend: DocumentBackend
    private var openTable: TableGrid?
    private var closed = false

    public init(path: String, format: DocumentFormat? = nil, properties: DocumentProperties = DocumentProperties(),
                styles: StyleSheet = StyleSheet(), lists: ListRegistry = ListRegistry(),
                options: DocumentOptions = DocumentOptions()) throws {
        guard let f = format ?? DocumentFormat(path: path) else {
            throw DocumentError(.unsupportedFormat, "Không biết định dạng của «\(path)»: đuôi tệp phải là .docx hoặc .odt.")
        }
        try styles.validate()
        self.path = path
        self.format = f
        self.options = options
        self.properties = properties
        self.styles = styles
        self.lists = lists
        switch f {
        case .docx: backend = try DOCXBackend(path: path, properties: properties, options: options)
        case .odt: backend = try ODTBackend(path: path, properties: properties, options: options)
        }
        // The ODT writer reads the style sheet and lists while it streams (ODF paragraphs
        // need resolved values: tab origins, outline levels).
        (backend as? ODTBackend)?.document = self
    }

    /// Starts a list instance; its numbering starts again at the levels' `start`.
    public func newList(_ definition: ListDefinition) -> ListID {
        lists.newList(definition)
    }

    /// The section being written.
    public var currentSection: Section? { sections.last }

    // MARK: Sections

    /// Starts a section (a new page). The first call may come before any block; without it
    /// the first block starts a default section.
    public func beginSection(_ section: Section) throws {
        try checkOpen()
        if openTable != nil {
            throw DocumentError(.state, "Phải kết thúc bảng (endTable) trước khi sang phần mới.")
        }
        try validate(section, number: sections.count + 1)
        if let last = sections.last {
            try backend.endSection(last, index: sections.count - 1, isLast: false)
        }
        sections.append(section)
        try backend.beginSection(section, index: sections.count - 1)
    }

    private func ensureSection() throws {
        if sections.isEmpty { try beginSection(Section()) }
    }

    private func validate(_ section: Section, number: Int) throws(DocumentError) {
        let m = section.margins
        let where_ = "Phần \(number) của văn bản"
        for (name, v) in [("trên", m.top), ("dưới", m.bottom), ("trái", m.left), ("phải", m.right),
                          ("đầu trang", m.header), ("chân trang", m.footer)] where v.emu < 0 {
            throw DocumentError(.invalidSection, "\(where_): lề \(name) âm (\(v)).")
        }
        guard section.pageSize.width.emu > 0, section.pageSize.height.emu > 0 else {
            throw DocumentError(.invalidSection, "\(where_): khổ giấy phải lớn hơn 0.")
        }
        guard section.textWidth.emu > Length.mm(20).emu, section.textHeight.emu > Length.mm(20).emu else {
            throw DocumentError(.invalidSection, "\(where_): lề quá rộng, vùng chữ còn \(section.textWidth) × \(section.textHeight). Hãy giảm lề.")
        }
        if let start = section.pageNumbering.start, start < 0 {
            throw DocumentError(.invalidSection, "\(where_): số trang bắt đầu phải từ 0 trở lên (đang là \(start)).")
        }
        for hf in [section.header, section.footer, section.firstPageHeader, section.firstPageFooter].compactMap({ $0 }) {
            try validate(hf.blocks, allowFootnotes: false, where: { "\(where_), đầu/chân trang" })
        }
    }

    // MARK: Blocks

    /// Adds a paragraph, an in-memory table or a rule.
    public func add(_ block: Block) throws {
        try checkOpen()
        if openTable != nil {
            throw DocumentError(.state, "Đang ghi bảng \(tableCount): thêm hàng bằng addRow hoặc kết thúc bảng bằng endTable trước.")
        }
        try ensureSection()
        switch block {
        case .paragraph(let p):
            try validate(p, allowFootnotes: true, where: { "Đoạn văn" })
            try backend.writeParagraph(p)
        case .rule(let rule):
            try backend.writeParagraph(rule.paragraph(within: sections.last!.textWidth))
        case .table(let t):
            try beginTable(t.table)
            for row in t.rows { try addRow(row) }
            try endTable()
        }
    }

    public func add(_ paragraph: Paragraph) throws { try add(.paragraph(paragraph)) }

    public func add(_ blocks: [Block]) throws {
        for b in blocks { try add(b) }
    }

    /// Starts a streamed table: rows follow with `addRow`, then `endTable`.
    public func beginTable(_ table: Table) throws {
        try checkOpen()
        if openTable != nil { throw DocumentError(.state, "Bảng \(tableCount) chưa kết thúc (endTable) thì chưa bắt đầu bảng mới được.") }
        try ensureSection()
        try validate(table, number: tableCount + 1)
        tableCount += 1
        openTable = TableGrid(table, number: tableCount)
        try backend.beginTable(table, number: tableCount)
    }

    /// Writes the next row of the open table.
    public func addRow(_ row: TableRow) throws {
        guard var grid = openTable else {
            throw DocumentError(.state, "Chưa bắt đầu bảng (beginTable) nên không thêm hàng được.")
        }
        let layout = try grid.layout(row)
        for (i, cell) in row.cells.enumerated() {
            try validate(cell.blocks, allowFootnotes: true, where: { "Bảng \(grid.number), hàng \(grid.rowCount), ô \(i + 1)" })
        }
        openTable = grid
        try backend.writeRow(row, layout: layout, grid: grid)
    }

    /// Writes the next row as plain text cells: one paragraph of one run per cell, in the
    /// document's default formatting, aligned per `alignments` (nil or missing: the style's).
    /// The same as `addRow` with `TableCell(text:alignment:)` cells, without building them:
    /// the fast path for long lists. "\t" and "\n" in a text are a tab and a line break.
    public func addTextRow(_ texts: [String], alignments: [ParagraphAlignment?] = [], cantSplit: Bool = false) throws {
        guard var grid = openTable else {
            throw DocumentError(.state, "Chưa bắt đầu bảng (beginTable) nên không thêm hàng được.")
        }
        guard texts.count == grid.table.columns.count, !grid.hasCoveredColumns else {
            // Cells covered by a span from above, or a wrong count: the general path says which.
            try addRow(TableRow(texts.enumerated().map { i, t in
                TableCell(text: t, alignment: i < alignments.count ? alignments[i] : nil)
            }, cantSplit: cantSplit))
            return
        }
        try grid.advancePlainRow()
        openTable = grid
        try backend.writeTextRow(texts, alignments: alignments, cantSplit: cantSplit, grid: grid)
    }

    /// Ends the open table.
    public func endTable() throws {
        guard let grid = openTable else { throw DocumentError(.state, "Không có bảng nào đang mở để kết thúc.") }
        try grid.finish()
        if grid.rowCount == 0 {
            throw DocumentError(.invalidTable, "Bảng \(grid.number) không có hàng nào.")
        }
        openTable = nil
        try backend.endTable(grid)
    }

    private func validate(_ table: Table, number: Int) throws(DocumentError) {
        guard !table.columns.isEmpty else {
            throw DocumentError(.invalidTable, "Bảng \(number) không có cột nào.")
        }
        if let c = table.columns.firstIndex(where: { $0.emu <= 0 }) {
            throw DocumentError(.invalidTable, "Bảng \(number), cột \(c + 1): độ rộng phải lớn hơn 0 (đang là \(table.columns[c])).")
        }
        guard table.columns.count <= 63 else {
            throw DocumentError(.invalidTable, "Bảng \(number) có \(table.columns.count) cột; tối đa 63 cột.")
        }
    }

    /// Lists, styles, nested tables, footnotes and links inside `blocks`.
    private func validate(_ blocks: [Block], allowFootnotes: Bool, where place: () -> String) throws(DocumentError) {
        for b in blocks {
            switch b {
            case .paragraph(let p): try validate(p, allowFootnotes: allowFootnotes, where: place)
            case .rule: break
            case .table(let t):
                try validate(t.table, number: tableCount + 1)
                tableCount += 1
                _ = try t.layouts(tableNumber: tableCount)
                for row in t.rows {
                    for cell in row.cells { try validate(cell.blocks, allowFootnotes: allowFootnotes, where: place) }
                }
            }
        }
    }

    private func validate(_ p: Paragraph, allowFootnotes: Bool, where place: () -> String) throws(DocumentError) {
        if let style = p.style {
            guard styles.contains(style, kind: .paragraph) else {
                throw DocumentError(.invalidStyle, "\(place()): không có kiểu đoạn «\(style)» trong bảng kiểu.")
            }
        }
        if let item = p.list {
            guard let def = lists.definition(of: item.list) else {
                throw DocumentError(.invalidList, "\(place()): danh sách số \(item.list.index + 1) chưa được tạo (dùng newList).")
            }
            guard item.level >= 0, item.level < def.levels.count else {
                throw DocumentError(.invalidList, "\(place()): danh sách chỉ có \(def.levels.count) cấp, không có cấp \(item.level + 1).")
            }
        }
        for inline in p.content {
            switch inline {
            case .run(let r): try validate(r.format, where: place)
            case .tab(let f), .field(_, let f): try validate(f, where: place)
            case .hyperlink(let h):
                guard h.url.contains(":"), !h.url.contains(where: { $0 == " " || $0 == "\n" }) else {
                    throw DocumentError(.invalidHyperlink, "\(place()): liên kết «\(h.url)» không phải địa chỉ đầy đủ (https://…, mailto:…).")
                }
                for r in h.runs { try validate(r.format, where: place) }
            case .footnote(let f):
                guard allowFootnotes else {
                    throw DocumentError(.invalidFootnote, "\(place()): chú thích cuối trang không đặt được ở đây (trong chú thích khác, đầu hoặc chân trang).")
                }
                footnoteCount += 1
                for fp in f.paragraphs { try validate(fp, allowFootnotes: false, where: { "\(place()), chú thích \(footnoteCount)" }) }
            case .lineBreak, .pageBreak, .image: break
            }
        }
    }

    private func validate(_ f: RunFormat, where place: () -> String) throws(DocumentError) {
        if f.style == nil && f.halfPoints == nil { return }
        if let style = f.style {
            guard styles.contains(style, kind: .character) else {
                throw DocumentError(.invalidStyle, "\(place()): không có kiểu ký tự «\(style)» trong bảng kiểu.")
            }
        }
        if let h = f.halfPoints, !(2...3276).contains(h) {
            throw DocumentError(.invalidStyle, "\(place()): cỡ chữ \(Double(h) / 2) pt nằm ngoài khoảng 1–1638 pt.")
        }
    }

    // MARK: Closing

    /// Finishes the last section and writes the archive.
    public func close() throws {
        guard !closed else { return }
        do {
            if openTable != nil { try endTable() }
            try ensureSection()
            closed = true
            try backend.endSection(sections.last!, index: sections.count - 1, isLast: true)
            try backend.close(self)
        } catch {
            closed = true
            backend.discard()
            throw error
        }
    }

    /// Gives up: nothing is written.
    public func discard() {
        closed = true
        backend.discard()
    }

    private func checkOpen() throws {
        if closed { throw DocumentError(.state, "Văn bản «\(path)» đã đóng; không ghi thêm được.") }
    }
}

/// What a format writer implements. `DocumentWriter` calls, in order:
/// `beginSection` → (`writeParagraph` | `beginTable` → `writeRow`… → `endTable`)* →
/// `endSection` → (next section …) → `close`. Every call has been validated already.
protocol DocumentBackend: AnyObject {
    /// Characters illegal in XML dropped from text.
    var removedCharacterCount: Int { get }
    /// A section starts (its first block follows).
    func beginSection(_ section: Section, index: Int) throws
    /// A section ends (before the next `beginSection`, or before `close`).
    func endSection(_ section: Section, index: Int, isLast: Bool) throws
    /// A top-level paragraph (rules arrive as their carrier paragraph).
    func writeParagraph(_ paragraph: Paragraph) throws
    /// A top-level table starts; `number` is 1-based over the document.
    func beginTable(_ table: Table, number: Int) throws
    /// The next row, with its slots resolved (spans, covered places).
    func writeRow(_ row: TableRow, layout: RowLayout, grid: TableGrid) throws
    func endTable(_ grid: TableGrid) throws
    /// A row of plain text cells (`DocumentWriter.addTextRow`); see the default below.
    func writeTextRow(_ texts: [String], alignments: [ParagraphAlignment?], cantSplit: Bool, grid: TableGrid) throws
    /// Writes the remaining parts (styles, lists, headers, footnotes, media, properties) and
    /// the archive. `writer` gives `styles`, `lists`, `sections`, `properties`.
    func close(_ writer: DocumentWriter) throws
    /// Drops everything; no file appears.
    func discard()
}

extension DocumentBackend {
    /// A row of plain text cells (`DocumentWriter.addTextRow`), `grid` already advanced past
    /// it. By default it is built as a `TableRow` and written by `writeRow`; a writer may do
    /// better.
    func writeTextRow(_ texts: [String], alignments: [ParagraphAlignment?], cantSplit: Bool, grid: TableGrid) throws {
        let row = TableRow(texts.enumerated().map { i, t in
            TableCell(text: t, alignment: i < alignments.count ? alignments[i] : nil)
        }, cantSplit: cantSplit)
        let slots = texts.indices.map { RowSlot.cell(index: $0, column: $0, columnSpan: 1, rowSpan: 1) }
        try writeRow(row, layout: RowLayout(slots: slots, rowIndex: grid.rowCount - 1), grid: grid)
    }
}

// MARK: - In-memory documents

/// A whole document held in memory: the builder for normal documents (plans, reports,
/// decisions). `write(to:)` streams it through `DocumentWriter`.
public struct Document: Sendable {
    public struct Part: Sendable {
        public var section: Section
        public var blocks: [Block]
        public init(section: Section, blocks: [Block] = []) {
            self.section = section
            self.blocks = blocks
        }
    }

    public var properties: DocumentProperties
    public var styles: StyleSheet
    public private(set) var lists: ListRegistry
    /// Sections and their blocks; never empty.
    public var parts: [Part]

    public init(section: Section = Section(), properties: DocumentProperties = DocumentProperties(),
                styles: StyleSheet = StyleSheet()) {
        self.properties = properties
        self.styles = styles
        self.lists = ListRegistry()
        self.parts = [Part(section: section)]
    }

    /// Starts a list instance (numbering restarts).
    public mutating func newList(_ definition: ListDefinition) -> ListID { lists.newList(definition) }

    /// Appends to the last section.
    public mutating func append(_ block: Block) { parts[parts.count - 1].blocks.append(block) }
    public mutating func append(_ blocks: [Block]) { parts[parts.count - 1].blocks.append(contentsOf: blocks) }
    public mutating func append(_ paragraph: Paragraph) { append(.paragraph(paragraph)) }

    /// Starts a new section (new page) with this setup.
    public mutating func newSection(_ section: Section) { parts.append(Part(section: section)) }

    /// Writes the document; the format by `format` or by the extension of `path`.
    public func write(to path: String, format: DocumentFormat? = nil, options: DocumentOptions = DocumentOptions()) throws {
        let writer = try DocumentWriter(path: path, format: format, properties: properties, styles: styles,
                                        lists: lists, options: options)
        do {
            for part in parts {
                try writer.beginSection(part.section)
                for b in part.blocks { try writer.add(b) }
            }
            try writer.close()
        } catch {
            writer.discard()
            throw error
        }
    }
}
