/// What the template engine needs to know about one document format: which elements hold the
/// text a user types, which elements structure it (paragraphs, runs, table rows and cells),
/// and what to insert for a line break. Formats differ in data, not in code paths.
struct FormatProfile: Sendable {
    enum Family: Sendable { case wordprocessing, opendocument }

    var family: Family
    /// Elements whose character data is template text (`w:t`; `text:p`/`text:span` in ODF).
    var textElements: [String]
    /// Elements the engine looks at (docxtemplater's "lexed" tags); any other markup is copied
    /// as opaque content.
    var structuralElements: [String]
    /// Elements dropped when a tag spans them (a tag split over two paragraphs joins them).
    var droppedInsideTag: [String]
    /// A loop whose tags are separated by one of these is widened to the other (`w:tc` → `w:tr`).
    var widenRules: [(contains: String, expand: String)]
    /// The paragraph element (paragraph loops).
    var paragraph: String
    var paragraphElements: [String]
    /// Run and run properties (line breaks copy the run's formatting).
    var run: String
    var runProperties: String
    var text: String
    /// Table elements (locations, clean-up).
    var table: String
    var tableRow: String
    var tableCell: String
    /// Elements that must contain one of the listed children, or get a value / be dropped.
    var mustContain: [(element: String, children: [String], insert: String?, drop: Bool)]

    static let docx = FormatProfile(
        family: .wordprocessing,
        textElements: ["Company", "HyperlinkBase", "Manager", "cp:category", "cp:keywords", "dc:creator",
                       "dc:description", "dc:subject", "dc:title", "cp:contentStatus", "PublishDate", "Abstract",
                       "CompanyAddress", "CompanyPhone", "CompanyFax", "CompanyEmail", "w:t", "a:t", "m:t",
                       "vt:lpstr", "vt:lpwstr"],
        structuralElements: ["w:proofState", "w:tc", "w:tr", "w:tbl", "w:ftr", "w:hdr", "w:body", "w:document", "w:p",
                             "w:r", "w:br", "w:rPr", "w:pPr", "w:spacing", "w:sdtContent", "w:sdt", "w:drawing",
                             "w:sectPr", "w:type", "w:headerReference", "w:footerReference", "w:bookmarkStart",
                             "w:bookmarkEnd", "w:commentRangeStart", "w:commentRangeEnd", "w:commentReference"],
        droppedInsideTag: ["w:p", "w:br", "w:bookmarkStart", "w:bookmarkEnd"],
        widenRules: [("w:tc", "w:tr")],
        paragraph: "w:p",
        paragraphElements: ["w:p", "a:p", "text:p"],
        run: "w:r",
        runProperties: "w:rPr",
        text: "w:t",
        table: "w:tbl",
        tableRow: "w:tr",
        tableCell: "w:tc",
        mustContain: [("w:sdtContent", ["w:p", "w:r", "w:commentRangeStart", "w:sdt"], "<w:p></w:p>", false),
                      ("w:tc", ["w:p"], "<w:p></w:p>", false),
                      ("w:tr", ["w:tc"], nil, true),
                      ("w:tbl", ["w:tr"], nil, true)]
    )

    /// ODF text (content.xml, styles.xml of ODT): text lives directly in paragraphs and spans.
    static let odt = FormatProfile(
        family: .opendocument,
        textElements: ["text:p", "text:h", "text:span", "text:a", "dc:title", "dc:subject", "dc:description",
                       "meta:keyword", "meta:user-defined", "dc:creator", "meta:initial-creator"],
        structuralElements: ["table:table", "table:table-row", "table:table-cell", "table:covered-table-cell",
                             "table:table-header-rows", "table:table-rows", "text:list", "text:list-item",
                             "text:section", "office:text", "office:body", "office:document-content",
                             "text:line-break", "text:tab", "text:s", "text:soft-page-break",
                             "text:bookmark", "text:bookmark-start", "text:bookmark-end", "draw:frame",
                             "style:header", "style:footer", "style:header-left", "style:footer-left",
                             "style:header-first", "style:footer-first"],
        droppedInsideTag: ["text:p", "text:h", "text:line-break", "text:bookmark", "text:bookmark-start", "text:bookmark-end",
                           "text:soft-page-break"],
        widenRules: [("table:table-cell", "table:table-row")],
        paragraph: "text:p",
        paragraphElements: ["text:p", "text:h"],
        run: "text:span",
        runProperties: "",
        text: "text:span",
        table: "table:table",
        tableRow: "table:table-row",
        tableCell: "table:table-cell",
        mustContain: [("table:table-row", ["table:table-cell", "table:covered-table-cell"], nil, true),
                      ("table:table", ["table:table-row"], nil, true)]
    )

    /// Text in ODS cells (content.xml of a spreadsheet): the cell loops of the spreadsheet
    /// engine work on rows; inside a cell, text is ODF text.
    static let odsText: FormatProfile = {
        var p = FormatProfile.odt
        p.widenRules = [("table:table-cell", "table:table-row")]
        p.mustContain = []
        return p
    }()
}

/// Element names of one part, interned: each distinct name gets a small number, so the engine
/// compares integers.
final class NameTable {
    private var ids: [[UInt8]: Int32] = [:]
    private(set) var names: [[UInt8]] = []

    func id(_ bytes: ArraySlice<UInt8>) -> Int32 {
        let key = Array(bytes)
        if let id = ids[key] { return id }
        let id = Int32(names.count)
        ids[key] = id
        names.append(key)
        return id
    }

    /// The id of `name` (registering it), so a profile's names can be compared with a part's.
    func id(_ name: String) -> Int32 { id(ArraySlice(Array(name.utf8))) }

    func name(_ id: Int32) -> String { id >= 0 && Int(id) < names.count ? String(decoding: names[Int(id)], as: UTF8.self) : "" }
}

/// The profile's names as ids of one part's table.
struct ProfileNames {
    var text: Set<Int32>
    var structural: Set<Int32>
    var dropped: Set<Int32>
    var widen: [(contains: Int32, expand: Int32)]
    var paragraph: Int32
    var paragraphs: Set<Int32>
    var run: Int32
    var runProperties: Int32
    var textElement: Int32
    var table: Int32
    var tableRow: Int32
    var tableCell: Int32
    var coveredCell: Int32
    var br: Int32
    var sectPr: Int32
    var type: Int32
    var headerReference: Int32
    var footerReference: Int32
    var drawing: Int32
    var bookmarkEnd: Int32

    init(_ p: FormatProfile, _ t: NameTable) {
        text = Set(p.textElements.map(t.id))
        structural = Set(p.structuralElements.map(t.id))
        dropped = Set(p.droppedInsideTag.map(t.id))
        widen = p.widenRules.map { (t.id($0.contains), t.id($0.expand)) }
        paragraph = t.id(p.paragraph)
        paragraphs = Set(p.paragraphElements.map(t.id))
        run = t.id(p.run)
        runProperties = p.runProperties.isEmpty ? -2 : t.id(p.runProperties)
        textElement = t.id(p.text)
        table = t.id(p.table)
        tableRow = t.id(p.tableRow)
        tableCell = t.id(p.tableCell)
        coveredCell = t.id("table:covered-table-cell")
        br = t.id(p.family == .wordprocessing ? "w:br" : "text:line-break")
        sectPr = t.id("w:sectPr")
        type = t.id("w:type")
        headerReference = t.id("w:headerReference")
        footerReference = t.id("w:footerReference")
        drawing = t.id(p.family == .wordprocessing ? "w:drawing" : "draw:frame")
        bookmarkEnd = t.id("w:bookmarkEnd")
    }
}
