import OfficePackage
import OfficeXML

/// What the content writer needs from the package while it writes a part: relationship ids
/// for links and pictures, footnote numbers, fonts seen.
protocol DOCXResources: AnyObject {
    /// The relationship id of an external hyperlink from `part`.
    func hyperlinkID(_ url: String, from part: String) -> String
    /// The relationship id of a picture from `part` (the bytes are stored once per document).
    func imageID(_ image: InlineImage, from part: String) -> String
    /// A new footnote's id.
    func footnoteID(_ footnote: Footnote) -> Int
    /// A drawing object id, unique in the document.
    func nextDrawingID() -> Int
    /// Records a font family used by the text.
    func noteFont(_ name: String)
}

/// Writes WordprocessingML content (paragraphs, runs, tables) into one part: the body, a
/// header or footer, the footnotes. One method per element, in schema order (ECMA-376 Part 1,
/// 17.3 and 17.4).
final class DOCXContentWriter {
    let xml: XMLWriter
    /// The part being written (relationships are relative to it).
    let part: String
    unowned let resources: DOCXResources

    init(xml: XMLWriter, part: String, resources: DOCXResources) {
        self.xml = xml
        self.part = part
        self.resources = resources
    }

    // MARK: Blocks

    /// Writes blocks in a text area `width` wide (rules are placed within it). In a table cell,
    /// `inCell` makes sure the cell ends with a paragraph.
    func writeBlocks(_ blocks: [Block], width: Length, inCell: Bool = false) {
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
        // A cell holds at least one paragraph and must end with one (17.4.66).
        if inCell && !lastWasParagraph {
            xml.start("w:p")
            xml.end()
        }
    }

    // MARK: Paragraphs

    func writeParagraph(_ p: Paragraph, sectionProperties: (() -> Void)? = nil, footnoteMark: Bool = false) {
        xml.start("w:p")
        writeParagraphProperties(p, sectionProperties: sectionProperties)
        if footnoteMark {
            // The number at the foot of the page, then a space.
            xml.start("w:r")
            xml.start("w:rPr"); xml.start("w:rStyle"); xml.attribute("w:val", StyleID.footnoteReference.rawValue); xml.end(); xml.end()
            xml.start("w:footnoteRef"); xml.end()
            xml.end()
            xml.start("w:r")
            xml.start("w:t"); xml.attribute("xml:space", raw: "preserve"); xml.text(" "); xml.end()
            xml.end()
        }
        for item in p.content { writeInline(item) }
        xml.end()
    }

    /// `w:pPr`, omitted when there is nothing to say.
    func writeParagraphProperties(_ p: Paragraph, sectionProperties: (() -> Void)? = nil) {
        let f = p.format
        let hasStyle = p.style != nil && p.style != .normal
        guard hasStyle || !f.isEmpty || p.list != nil || !p.markFormat.isEmpty || sectionProperties != nil else { return }
        xml.start("w:pPr")
        if hasStyle, let s = p.style {
            xml.start("w:pStyle"); xml.attribute("w:val", s.rawValue); xml.end()
        }
        writeParagraphFormat(f, list: p.list)
        if !p.markFormat.isEmpty {
            xml.start("w:rPr")
            writeRunFormat(p.markFormat)
            xml.end()
        }
        sectionProperties?()
        xml.end()
    }

    /// The children of `w:pPr` from `keepNext` to `outlineLvl` (shared with styles and numbering).
    func writeParagraphFormat(_ f: ParagraphFormat, list: ListItem? = nil) {
        if let v = f.keepWithNext { onOff("w:keepNext", v) }
        if let v = f.keepTogether { onOff("w:keepLines", v) }
        if let v = f.pageBreakBefore { onOff("w:pageBreakBefore", v) }
        if let v = f.widowControl { onOff("w:widowControl", v) }
        if let list {
            xml.start("w:numPr")
            xml.start("w:ilvl"); xml.attribute("w:val", list.level); xml.end()
            xml.start("w:numId"); xml.attribute("w:val", list.list.index + 1); xml.end()
            xml.end()
        }
        if let b = f.borders {
            xml.start("w:pBdr")
            if let t = b.top { writeBorder("w:top", t, space: 1) }
            if let l = b.left { writeBorder("w:left", l, space: 4) }
            if let bo = b.bottom { writeBorder("w:bottom", bo, space: Int(b.bottomSpace.rounded())) }
            if let r = b.right { writeBorder("w:right", r, space: 4) }
            xml.end()
        }
        if let s = f.shading { writeShading(s) }
        if let tabs = f.tabStops, !tabs.isEmpty {
            xml.start("w:tabs")
            for t in tabs.sorted(by: { $0.position < $1.position }) {
                xml.start("w:tab")
                xml.attribute("w:val", raw: tabAlignment(t.alignment))
                switch t.leader {
                case .none: break
                case .dot: xml.attribute("w:leader", raw: "dot")
                case .hyphen: xml.attribute("w:leader", raw: "hyphen")
                case .underscore: xml.attribute("w:leader", raw: "underscore")
                }
                xml.attribute("w:pos", t.position.twips)
                xml.end()
            }
            xml.end()
        }
        if f.spaceBefore != nil || f.spaceAfter != nil || f.lineSpacing != nil {
            xml.start("w:spacing")
            if let v = f.spaceBefore { xml.attribute("w:before", v.twips) }
            if let v = f.spaceAfter { xml.attribute("w:after", v.twips) }
            switch f.lineSpacing {
            case .multiple(let m)?:
                xml.attribute("w:line", Int((240 * m).rounded()))
                xml.attribute("w:lineRule", raw: "auto")
            case .exact(let l)?:
                xml.attribute("w:line", l.twips)
                xml.attribute("w:lineRule", raw: "exact")
            case .atLeast(let l)?:
                xml.attribute("w:line", l.twips)
                xml.attribute("w:lineRule", raw: "atLeast")
            case nil: break
            }
            xml.end()
        }
        if f.leftIndent != nil || f.rightIndent != nil || f.firstLineIndent != nil {
            xml.start("w:ind")
            if let v = f.leftIndent { xml.attribute("w:left", v.twips) }
            if let v = f.rightIndent { xml.attribute("w:right", v.twips) }
            if let v = f.firstLineIndent {
                if v.emu < 0 { xml.attribute("w:hanging", (-v).twips) } else { xml.attribute("w:firstLine", v.twips) }
            }
            xml.end()
        }
        if let a = f.alignment {
            xml.start("w:jc")
            switch a {
            case .left: xml.attribute("w:val", raw: "left")
            case .center: xml.attribute("w:val", raw: "center")
            case .right: xml.attribute("w:val", raw: "right")
            case .justify: xml.attribute("w:val", raw: "both")
            }
            xml.end()
        }
        if let level = f.outlineLevel, (1...9).contains(level) {
            xml.start("w:outlineLvl"); xml.attribute("w:val", level - 1); xml.end()
        }
    }

    private func tabAlignment(_ a: TabStop.Alignment) -> StaticString {
        switch a {
        case .left: return "left"
        case .center: return "center"
        case .right: return "right"
        case .decimal: return "decimal"
        }
    }

    // MARK: Runs

    func writeInline(_ item: Inline) {
        switch item {
        case .run(let r): writeRun(r)
        case .tab(let f):
            startRun(f)
            xml.start("w:tab"); xml.end()
            xml.end()
        case .lineBreak:
            xml.start("w:r"); xml.start("w:br"); xml.end(); xml.end()
        case .pageBreak:
            xml.start("w:r"); xml.start("w:br"); xml.attribute("w:type", raw: "page"); xml.end(); xml.end()
        case .field(let field, let f):
            writeField(field, f)
        case .image(let image):
            writeImage(image)
        case .hyperlink(let h):
            xml.start("w:hyperlink")
            xml.attribute("r:id", resources.hyperlinkID(h.url, from: part))
            xml.attribute("w:history", raw: "1")
            for r in h.runs { writeRun(r) }
            xml.end()
        case .footnote(let note):
            let id = resources.footnoteID(note)
            xml.start("w:r")
            xml.start("w:rPr"); xml.start("w:rStyle"); xml.attribute("w:val", StyleID.footnoteReference.rawValue); xml.end(); xml.end()
            xml.start("w:footnoteReference"); xml.attribute("w:id", id); xml.end()
            xml.end()
        }
    }

    private func startRun(_ f: RunFormat) {
        xml.start("w:r")
        if !f.isEmpty {
            xml.start("w:rPr")
            writeRunFormat(f)
            xml.end()
        }
    }

    func writeRun(_ r: Run) {
        startRun(r.format)
        var text = r.text
        // Most runs hold no tab or line break: their bytes go straight to the escaper.
        let plain = text.withUTF8 { p -> Bool in
            for b in p where b == 0x09 || b == 0x0A || b == 0x0D { return false }
            xml.start("w:t")
            xml.attribute("xml:space", raw: "preserve")
            xml.text(utf8: p)
            xml.end()
            return true
        }
        if plain {
            xml.end()
            return
        }
        for piece in r.pieces {
            switch piece {
            case .text(let s):
                xml.start("w:t")
                xml.attribute("xml:space", raw: "preserve")
                xml.text(String(s))
                xml.end()
            case .tab:
                xml.start("w:tab"); xml.end()
            case .lineBreak:
                xml.start("w:br"); xml.end()
            }
        }
        xml.end()
    }

    /// A run of text whose bytes are UTF-8 already (the list command's cells).
    func writeTextRun(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        xml.start("w:r")
        xml.start("w:t")
        xml.attribute("xml:space", raw: "preserve")
        xml.text(utf8: bytes)
        xml.end()
        xml.end()
    }

    /// A PAGE or NUMPAGES field as a complex field (begin, instruction, separate, cached
    /// result, end), which every reader updates on layout.
    private func writeField(_ field: Field, _ f: RunFormat) {
        startRun(f); xml.start("w:fldChar"); xml.attribute("w:fldCharType", raw: "begin"); xml.end(); xml.end()
        startRun(f)
        xml.start("w:instrText"); xml.attribute("xml:space", raw: "preserve")
        xml.text(field == .page ? " PAGE " : " NUMPAGES ")
        xml.end(); xml.end()
        startRun(f); xml.start("w:fldChar"); xml.attribute("w:fldCharType", raw: "separate"); xml.end(); xml.end()
        startRun(f); xml.start("w:t"); xml.attribute("xml:space", raw: "preserve"); xml.text("1"); xml.end(); xml.end()
        startRun(f); xml.start("w:fldChar"); xml.attribute("w:fldCharType", raw: "end"); xml.end(); xml.end()
    }

    /// `w:rPr` children in schema order (17.3.2).
    func writeRunFormat(_ f: RunFormat) {
        if let s = f.style { xml.start("w:rStyle"); xml.attribute("w:val", s.rawValue); xml.end() }
        if let font = f.font {
            resources.noteFont(font)
            xml.start("w:rFonts")
            xml.attribute("w:ascii", font)
            xml.attribute("w:hAnsi", font)
            xml.attribute("w:eastAsia", font)
            xml.attribute("w:cs", font)
            xml.end()
        }
        if let v = f.bold { onOff("w:b", v); onOff("w:bCs", v) }
        if let v = f.italic { onOff("w:i", v); onOff("w:iCs", v) }
        if let v = f.allCaps { onOff("w:caps", v) }
        if let v = f.smallCaps { onOff("w:smallCaps", v) }
        if let v = f.strike { onOff("w:strike", v) }
        if let c = f.color { xml.start("w:color"); xml.attribute("w:val", c.hex); xml.end() }
        if let s = f.halfPoints {
            xml.start("w:sz"); xml.attribute("w:val", s); xml.end()
            xml.start("w:szCs"); xml.attribute("w:val", s); xml.end()
        }
        if let h = f.highlight { xml.start("w:highlight"); xml.attribute("w:val", h.rawValue); xml.end() }
        if let u = f.underline {
            xml.start("w:u")
            switch u {
            case .none: xml.attribute("w:val", raw: "none")
            case .single: xml.attribute("w:val", raw: "single")
            case .double: xml.attribute("w:val", raw: "double")
            }
            xml.end()
        }
        if let p = f.position {
            xml.start("w:vertAlign")
            switch p {
            case .baseline: xml.attribute("w:val", raw: "baseline")
            case .superscript: xml.attribute("w:val", raw: "superscript")
            case .subscript: xml.attribute("w:val", raw: "subscript")
            }
            xml.end()
        }
        if let l = f.language {
            xml.start("w:lang"); xml.attribute("w:val", l); xml.attribute("w:eastAsia", l); xml.attribute("w:bidi", l); xml.end()
        }
    }

    private func onOff(_ name: StaticString, _ value: Bool) {
        xml.start(name)
        if !value { xml.attribute("w:val", raw: "0") }
        xml.end()
    }

    // MARK: Pictures

    private func writeImage(_ image: InlineImage) {
        let rid = resources.imageID(image, from: part)
        let id = resources.nextDrawingID()
        let cx = image.width.emu, cy = image.height.emu
        xml.start("w:r")
        xml.start("w:drawing")
        xml.start("wp:inline")
        xml.attribute("distT", 0); xml.attribute("distB", 0); xml.attribute("distL", 0); xml.attribute("distR", 0)
        xml.start("wp:extent"); xml.attribute("cx", cx); xml.attribute("cy", cy); xml.end()
        xml.start("wp:effectExtent"); xml.attribute("l", 0); xml.attribute("t", 0); xml.attribute("r", 0); xml.attribute("b", 0); xml.end()
        xml.start("wp:docPr"); xml.attribute("id", id); xml.attribute("name", "Picture \(id)")
        if !image.description.isEmpty { xml.attribute("descr", image.description) }
        xml.end()
        xml.start("wp:cNvGraphicFramePr")
        xml.start("a:graphicFrameLocks"); xml.attribute("noChangeAspect", raw: "1"); xml.end()
        xml.end()
        xml.start("a:graphic")
        xml.start("a:graphicData"); xml.attribute("uri", raw: "http://schemas.openxmlformats.org/drawingml/2006/picture")
        xml.start("pic:pic")
        xml.start("pic:nvPicPr")
        xml.start("pic:cNvPr"); xml.attribute("id", id); xml.attribute("name", "Picture \(id)"); xml.end()
        xml.start("pic:cNvPicPr"); xml.end()
        xml.end()
        xml.start("pic:blipFill")
        xml.start("a:blip"); xml.attribute("r:embed", rid); xml.end()
        xml.start("a:stretch"); xml.start("a:fillRect"); xml.end(); xml.end()
        xml.end()
        xml.start("pic:spPr")
        xml.start("a:xfrm")
        xml.start("a:off"); xml.attribute("x", 0); xml.attribute("y", 0); xml.end()
        xml.start("a:ext"); xml.attribute("cx", cx); xml.attribute("cy", cy); xml.end()
        xml.end()
        xml.start("a:prstGeom"); xml.attribute("prst", raw: "rect"); xml.start("a:avLst"); xml.end(); xml.end()
        xml.end()
        xml.end() // pic:pic
        xml.end() // graphicData
        xml.end() // graphic
        xml.end() // inline
        xml.end() // drawing
        xml.end() // r
    }

    // MARK: Borders and shading

    func writeBorder(_ name: StaticString, _ b: Border, space: Int = 0, nilForNone: Bool = false) {
        xml.start(name)
        switch b.style {
        case .none:
            xml.attribute("w:val", raw: nilForNone ? "nil" : "none")
            xml.attribute("w:sz", 0)
            xml.attribute("w:space", 0)
            xml.attribute("w:color", raw: "auto")
            xml.end()
            return
        case .single: xml.attribute("w:val", raw: "single")
        case .double: xml.attribute("w:val", raw: "double")
        case .dotted: xml.attribute("w:val", raw: "dotted")
        case .dashed: xml.attribute("w:val", raw: "dashed")
        case .thick: xml.attribute("w:val", raw: "thick")
        }
        // Eighths of a point, 2…96 (17.3.4).
        xml.attribute("w:sz", min(max(Int((b.width * 8).rounded()), 2), 96))
        xml.attribute("w:space", max(0, min(space, 31)))
        xml.attribute("w:color", b.color.hex)
        xml.end()
    }

    func writeShading(_ c: Color) {
        xml.start("w:shd")
        xml.attribute("w:val", raw: "clear")
        xml.attribute("w:color", raw: "auto")
        xml.attribute("w:fill", c.hex)
        xml.end()
    }

    // MARK: Tables

    /// An in-memory table (nested in a cell, in a header, or added as a block).
    func writeTable(_ t: TableBlock) {
        // Validated by DocumentWriter: the layouts cannot fail here.
        guard let layouts = try? t.layouts() else { return }
        let grid = TableGrid(t.table, number: 0)
        writeTableStart(t.table)
        for (row, layout) in zip(t.rows, layouts) { writeRow(row, layout: layout, grid: grid) }
        writeTableEnd()
    }

    func writeTableStart(_ t: Table) {
        xml.start("w:tbl")
        xml.start("w:tblPr")
        xml.start("w:tblW"); xml.attribute("w:w", t.width.twips); xml.attribute("w:type", raw: "dxa"); xml.end()
        switch t.alignment {
        case .left: break
        case .center: xml.start("w:jc"); xml.attribute("w:val", raw: "center"); xml.end()
        case .right: xml.start("w:jc"); xml.attribute("w:val", raw: "right"); xml.end()
        }
        if t.indent.emu != 0 {
            xml.start("w:tblInd"); xml.attribute("w:w", t.indent.twips); xml.attribute("w:type", raw: "dxa"); xml.end()
        }
        let b = t.borders
        xml.start("w:tblBorders")
        writeBorder("w:top", b.top)
        writeBorder("w:left", b.left)
        writeBorder("w:bottom", b.bottom)
        writeBorder("w:right", b.right)
        writeBorder("w:insideH", b.insideHorizontal)
        writeBorder("w:insideV", b.insideVertical)
        xml.end()
        xml.start("w:tblLayout"); xml.attribute("w:type", raw: "fixed"); xml.end()
        writeMargins("w:tblCellMar", t.cellMargins)
        xml.start("w:tblLook")
        xml.attribute("w:val", raw: "04A0")
        xml.attribute("w:firstRow", raw: "1"); xml.attribute("w:lastRow", raw: "0")
        xml.attribute("w:firstColumn", raw: "1"); xml.attribute("w:lastColumn", raw: "0")
        xml.attribute("w:noHBand", raw: "0"); xml.attribute("w:noVBand", raw: "1")
        xml.end()
        xml.end() // tblPr
        xml.start("w:tblGrid")
        for c in t.columns { xml.start("w:gridCol"); xml.attribute("w:w", c.twips); xml.end() }
        xml.end()
    }

    func writeTableEnd() { xml.end() }

    private func writeMargins(_ name: StaticString, _ m: CellMargins) {
        xml.start(name)
        xml.start("w:top"); xml.attribute("w:w", m.top.twips); xml.attribute("w:type", raw: "dxa"); xml.end()
        xml.start("w:left"); xml.attribute("w:w", m.left.twips); xml.attribute("w:type", raw: "dxa"); xml.end()
        xml.start("w:bottom"); xml.attribute("w:w", m.bottom.twips); xml.attribute("w:type", raw: "dxa"); xml.end()
        xml.start("w:right"); xml.attribute("w:w", m.right.twips); xml.attribute("w:type", raw: "dxa"); xml.end()
        xml.end()
    }

    func writeRow(_ row: TableRow, layout: RowLayout, grid: TableGrid) {
        xml.start("w:tr")
        if row.cantSplit || row.isHeader || row.height != nil {
            xml.start("w:trPr")
            if row.cantSplit { xml.start("w:cantSplit"); xml.end() }
            switch row.height {
            case .atLeast(let h)?:
                xml.start("w:trHeight"); xml.attribute("w:val", h.twips); xml.attribute("w:hRule", raw: "atLeast"); xml.end()
            case .exact(let h)?:
                xml.start("w:trHeight"); xml.attribute("w:val", h.twips); xml.attribute("w:hRule", raw: "exact"); xml.end()
            case nil: break
            }
            if row.isHeader { xml.start("w:tblHeader"); xml.end() }
            xml.end()
        }
        for slot in layout.slots {
            switch slot {
            case let .cell(index, column, span, rowSpan):
                let cell = row.cells[index]
                let width = grid.width(column: column, span: span)
                xml.start("w:tc")
                writeCellProperties(cell, width: width, span: span, merge: rowSpan > 1 ? .restart : nil)
                let m = cell.margins ?? grid.table.cellMargins
                writeBlocks(cell.blocks, width: width - m.left - m.right, inCell: true)
                xml.end()
            case let .covered(column, span, origin, _):
                xml.start("w:tc")
                writeCellProperties(origin, width: grid.width(column: column, span: span), span: span, merge: .continuation)
                xml.start("w:p"); xml.end()
                xml.end()
            }
        }
        xml.end()
        xml.flushIfNeeded()
    }

    /// A row of plain text cells: `<w:tc><w:p><w:r><w:t>` with nothing else but an alignment.
    /// The fixed markup goes in as literal bytes (the W3 list writes 60,000 of these cells).
    func writeTextRow(_ texts: [String], alignments: [ParagraphAlignment?], cantSplit: Bool) {
        xml.raw(cantSplit ? "<w:tr><w:trPr><w:cantSplit/></w:trPr>" : "<w:tr>")
        for (i, text) in texts.enumerated() {
            xml.raw("<w:tc><w:p>")
            if i < alignments.count, let a = alignments[i] {
                switch a {
                case .left: xml.raw(#"<w:pPr><w:jc w:val="left"/></w:pPr>"#)
                case .center: xml.raw(#"<w:pPr><w:jc w:val="center"/></w:pPr>"#)
                case .right: xml.raw(#"<w:pPr><w:jc w:val="right"/></w:pPr>"#)
                case .justify: xml.raw(#"<w:pPr><w:jc w:val="both"/></w:pPr>"#)
                }
            }
            if !text.isEmpty {
                var t = text
                let plain = t.withUTF8 { p -> Bool in
                    for b in p where b == 0x09 || b == 0x0A || b == 0x0D { return false }
                    xml.raw(#"<w:r><w:t xml:space="preserve">"#)
                    xml.text(utf8: p)
                    xml.raw("</w:t></w:r>")
                    return true
                }
                if !plain { writeRun(Run(text)) }
            }
            xml.raw("</w:p></w:tc>")
        }
        xml.raw("</w:tr>")
        xml.flushIfNeeded()
    }

    enum VerticalMerge { case restart, continuation }

    /// `w:tcPr`. No `w:tcW`: in a fixed-layout table the grid gives every width, and the
    /// element would be a fifth of a list table's XML. Omitted when there is nothing to say.
    private func writeCellProperties(_ cell: TableCell, width: Length, span: Int, merge: VerticalMerge?) {
        guard span > 1 || merge != nil || cell.borders != nil || cell.shading != nil || cell.margins != nil
                || cell.verticalAlignment != .top else { return }
        xml.start("w:tcPr")
        if span > 1 { xml.start("w:gridSpan"); xml.attribute("w:val", span); xml.end() }
        switch merge {
        case .restart?: xml.start("w:vMerge"); xml.attribute("w:val", raw: "restart"); xml.end()
        case .continuation?: xml.start("w:vMerge"); xml.end()
        case nil: break
        }
        if let b = cell.borders {
            xml.start("w:tcBorders")
            if let v = b.top { writeBorder("w:top", v, nilForNone: true) }
            if let v = b.left { writeBorder("w:left", v, nilForNone: true) }
            if let v = b.bottom { writeBorder("w:bottom", v, nilForNone: true) }
            if let v = b.right { writeBorder("w:right", v, nilForNone: true) }
            xml.end()
        }
        if let s = cell.shading { writeShading(s) }
        if let m = cell.margins { writeMargins("w:tcMar", m) }
        switch cell.verticalAlignment {
        case .top: break
        case .center: xml.start("w:vAlign"); xml.attribute("w:val", raw: "center"); xml.end()
        case .bottom: xml.start("w:vAlign"); xml.attribute("w:val", raw: "bottom"); xml.end()
        }
        xml.end()
    }
}

/// Namespaces of WordprocessingML parts.
enum DOCXNamespace {
    static let w: StaticString = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let r: StaticString = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let wp: StaticString = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    static let a: StaticString = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let pic: StaticString = "http://schemas.openxmlformats.org/drawingml/2006/picture"

    /// The namespaces a content part declares on its root.
    static func declareContent(_ xml: XMLWriter) {
        xml.attribute("xmlns:w", raw: w)
        xml.attribute("xmlns:r", raw: r)
        xml.attribute("xmlns:wp", raw: wp)
        xml.attribute("xmlns:a", raw: a)
        xml.attribute("xmlns:pic", raw: pic)
    }
}
