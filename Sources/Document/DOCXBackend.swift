import OfficePackage
import OfficeXML
import OfficeZip

/// WordprocessingML (ECMA-376 Transitional) writer.
///
/// `word/document.xml` is one streamed entry: paragraphs and rows go to the compressor as
/// they come. Everything else (styles, numbering, settings, fonts, headers and footers,
/// footnotes, pictures) is small and written by `close()`, after the body entry is finished.
///
/// A section's properties (`w:sectPr`) belong in the last paragraph of the section, so the
/// last top-level paragraph is held back until the next block shows it is not the last; a
/// section that ends with a table gets an empty carrier paragraph.
final class DOCXBackend: DocumentBackend, DOCXResources {
    static let documentPart = "word/document.xml"
    static let contentType = "application/vnd.openxmlformats-officedocument.wordprocessingml"

    let package: OOXMLPackage
    let options: DocumentOptions
    private var stream: ZipEntryStream?
    private var xml: XMLWriter?
    private var content: DOCXContentWriter?
    private var pending: Paragraph?
    private var removed = 0

    // Resources collected while writing, emitted by close().
    private var hyperlinks: [String: [String: String]] = [:]       // part → url → rId
    private var images: [InlineImage: String] = [:]                  // picture → media name
    private var imageOrder: [(name: String, image: InlineImage)] = []
    private var imageRelations: [String: [String: String]] = [:]    // part → media → rId
    private(set) var footnotes: [Footnote] = []
    private var drawingID = 0
    private(set) var fonts: [String] = ["Times New Roman"]
    /// Header/footer parts to write: name and content (nil = empty), in order.
    private var headerParts: [(name: String, isHeader: Bool, content: HeaderFooter?, width: Length)] = []
    private var emptyHeader: String?
    private var emptyFooter: String?
    /// Kinds referenced by earlier sections (Word carries them over to later sections unless
    /// a section references its own): default header, default footer, first header, first footer.
    private var referencedKinds: Set<Int> = []

    var removedCharacterCount: Int { removed + (xml?.removedCharacterCount ?? 0) }

    init(path: String, properties: DocumentProperties, options: DocumentOptions) throws {
        package = try OOXMLPackage(path: path, properties: properties, threads: options.threads)
        self.options = options
    }

    // MARK: Body

    private func openBody() throws -> DOCXContentWriter {
        if let content { return content }
        let s = try package.zip.beginEntry(DOCXBackend.documentPart, method: .deflate(level: options.compressionLevel))
        let w = XMLWriter(capacity: 1 << 20, sink: s, flushThreshold: 1 << 20)
        w.declaration()
        w.start("w:document")
        DOCXNamespace.declareContent(w)
        w.start("w:body")
        stream = s
        xml = w
        let c = DOCXContentWriter(xml: w, part: DOCXBackend.documentPart, resources: self)
        content = c
        return c
    }

    func beginSection(_ section: Section, index: Int) throws {
        _ = try openBody()
    }

    func writeParagraph(_ paragraph: Paragraph) throws {
        let c = try openBody()
        if let p = pending { c.writeParagraph(p) }
        pending = paragraph
        c.xml.flushIfNeeded()
    }

    func beginTable(_ table: Table, number: Int) throws {
        let c = try openBody()
        if let p = pending { c.writeParagraph(p); pending = nil }
        c.writeTableStart(table)
    }

    func writeRow(_ row: TableRow, layout: RowLayout, grid: TableGrid) throws {
        content?.writeRow(row, layout: layout, grid: grid)
    }

    func writeTextRow(_ texts: [String], alignments: [ParagraphAlignment?], cantSplit: Bool, grid: TableGrid) throws {
        content?.writeTextRow(texts, alignments: alignments, cantSplit: cantSplit)
    }

    func endTable(_ grid: TableGrid) throws {
        content?.writeTableEnd()
    }

    func endSection(_ section: Section, index: Int, isLast: Bool) throws {
        let c = try openBody()
        if isLast {
            if let p = pending { c.writeParagraph(p); pending = nil }
            writeSectionProperties(section, c.xml)
        } else {
            let carrier = pending ?? Paragraph(markFormat: RunFormat(halfPoints: 2))
            pending = nil
            c.writeParagraph(carrier, sectionProperties: { [unowned self] in self.writeSectionProperties(section, c.xml) })
        }
    }

    /// `w:sectPr` (17.6.17) in schema order.
    private func writeSectionProperties(_ s: Section, _ xml: XMLWriter) {
        xml.start("w:sectPr")
        let first = s.hasDifferentFirstPage
        // 0 default header, 1 default footer, 2 first header, 3 first footer.
        let wanted: [(kind: Int, content: HeaderFooter?)] = [
            (0, s.header), (1, s.footer), (2, first ? (s.firstPageHeader ?? .empty) : nil),
            (3, first ? (s.firstPageFooter ?? .empty) : nil),
        ]
        for (kind, hf) in wanted {
            let isHeader = kind % 2 == 0
            let name: String
            if let hf, !hf.blocks.isEmpty {
                name = (isHeader ? "word/header" : "word/footer") + "\(headerParts.count + 1).xml"
                headerParts.append((name, isHeader, hf, s.textWidth))
            } else if hf != nil || referencedKinds.contains(kind) {
                // Explicitly empty, or empty to stop Word carrying an earlier section's over.
                name = emptyPart(isHeader: isHeader, width: s.textWidth)
            } else {
                continue
            }
            referencedKinds.insert(kind)
            let rid = package.relate(from: DOCXBackend.documentPart,
                                     type: isHeader ? RelationshipType.header : RelationshipType.footer,
                                     target: String(name.dropFirst("word/".count)))
            xml.start(isHeader ? "w:headerReference" : "w:footerReference")
            xml.attribute("w:type", raw: kind < 2 ? "default" : "first")
            xml.attribute("r:id", rid)
            xml.end()
        }
        xml.start("w:pgSz")
        xml.attribute("w:w", s.paperWidth.twips)
        xml.attribute("w:h", s.paperHeight.twips)
        if s.orientation == .landscape { xml.attribute("w:orient", raw: "landscape") }
        xml.end()
        let m = s.margins
        xml.start("w:pgMar")
        xml.attribute("w:top", m.top.twips)
        xml.attribute("w:right", m.right.twips)
        xml.attribute("w:bottom", m.bottom.twips)
        xml.attribute("w:left", m.left.twips)
        xml.attribute("w:header", m.header.twips)
        xml.attribute("w:footer", m.footer.twips)
        xml.attribute("w:gutter", 0)
        xml.end()
        let n = s.pageNumbering
        if n.start != nil || n.format != .decimal {
            xml.start("w:pgNumType")
            switch n.format {
            case .decimal: break
            case .upperRoman: xml.attribute("w:fmt", raw: "upperRoman")
            case .lowerRoman: xml.attribute("w:fmt", raw: "lowerRoman")
            case .upperLetter: xml.attribute("w:fmt", raw: "upperLetter")
            case .lowerLetter: xml.attribute("w:fmt", raw: "lowerLetter")
            }
            if let start = n.start { xml.attribute("w:start", start) }
            xml.end()
        }
        xml.start("w:cols"); xml.attribute("w:space", 720); xml.end()
        if first { xml.start("w:titlePg"); xml.end() }
        xml.start("w:docGrid"); xml.attribute("w:linePitch", 360); xml.end()
        xml.end()
    }

    private func emptyPart(isHeader: Bool, width: Length) -> String {
        if isHeader, let e = emptyHeader { return e }
        if !isHeader, let e = emptyFooter { return e }
        let name = (isHeader ? "word/header" : "word/footer") + "\(headerParts.count + 1).xml"
        headerParts.append((name, isHeader, nil, width))
        if isHeader { emptyHeader = name } else { emptyFooter = name }
        return name
    }

    // MARK: Resources

    func hyperlinkID(_ url: String, from part: String) -> String {
        if let id = hyperlinks[part]?[url] { return id }
        let id = package.relate(from: part, type: RelationshipType.hyperlink, target: url, external: true)
        hyperlinks[part, default: [:]][url] = id
        return id
    }

    func imageID(_ image: InlineImage, from part: String) -> String {
        let media: String
        if let m = images[image] {
            media = m
        } else {
            media = "media/image\(imageOrder.count + 1).\(image.format.fileExtension)"
            images[image] = media
            imageOrder.append((media, image))
        }
        if let id = imageRelations[part]?[media] { return id }
        let id = package.relate(from: part, type: RelationshipType.image, target: media)
        imageRelations[part, default: [:]][media] = id
        return id
    }

    func footnoteID(_ footnote: Footnote) -> Int {
        footnotes.append(footnote)
        return footnotes.count
    }

    func nextDrawingID() -> Int {
        drawingID += 1
        return drawingID
    }

    func noteFont(_ name: String) {
        if !fonts.contains(name) { fonts.append(name) }
    }

    // MARK: Closing

    func close(_ writer: DocumentWriter) throws {
        if let w = xml, let s = stream {
            w.end() // w:body
            w.end() // w:document
            w.finish()
            removed += w.removedCharacterCount
            xml = nil
            content = nil
            stream = nil
            try s.finish()
        }
        let level = ZipMethod.deflate(level: options.compressionLevel)
        let ct = DOCXBackend.contentType
        package.addContentTypeOverride(part: DOCXBackend.documentPart, contentType: ct + ".document.main+xml")
        package.relate(from: "", type: RelationshipType.officeDocument, target: DOCXBackend.documentPart)

        let parts = DOCXParts(styles: writer.styles, lists: writer.lists, resources: self)
        package.relate(from: DOCXBackend.documentPart, type: RelationshipType.styles, target: "styles.xml")
        try package.addXMLPart("word/styles.xml", contentType: ct + ".styles+xml", method: level) { parts.writeStyles($0) }
        if !writer.lists.instances.isEmpty {
            package.relate(from: DOCXBackend.documentPart, type: RelationshipType.numbering, target: "numbering.xml")
            try package.addXMLPart("word/numbering.xml", contentType: ct + ".numbering+xml", method: level) { parts.writeNumbering($0) }
        }
        // Headers and footers, then footnotes: they may add pictures, links and fonts.
        for h in headerParts {
            try package.addXMLPart(h.name, contentType: ct + (h.isHeader ? ".header+xml" : ".footer+xml"), method: level) { xml in
                xml.declaration()
                xml.start(h.isHeader ? "w:hdr" : "w:ftr")
                DOCXNamespace.declareContent(xml)
                let c = DOCXContentWriter(xml: xml, part: h.name, resources: self)
                let blocks = h.content?.blocks ?? []
                if blocks.isEmpty {
                    xml.start("w:p"); xml.start("w:pPr"); xml.start("w:pStyle")
                    xml.attribute("w:val", (h.isHeader ? StyleID.header : StyleID.footer).rawValue)
                    xml.end(); xml.end(); xml.end()
                } else {
                    c.writeBlocks(blocks, width: h.width, inCell: true)
                }
                xml.end()
            }
        }
        let hasFootnotes = !footnotes.isEmpty
        if hasFootnotes {
            package.relate(from: DOCXBackend.documentPart, type: RelationshipType.footnotes, target: "footnotes.xml")
            let notes = footnotes
            try package.addXMLPart("word/footnotes.xml", contentType: ct + ".footnotes+xml", method: level) { xml in
                parts.writeFootnotes(notes, xml)
            }
        }
        package.relate(from: DOCXBackend.documentPart, type: RelationshipType.settings, target: "settings.xml")
        try package.addXMLPart("word/settings.xml", contentType: ct + ".settings+xml", method: level) { xml in
            parts.writeSettings(hasFootnotes: hasFootnotes, xml)
        }
        package.relate(from: DOCXBackend.documentPart, type: RelationshipType.fontTable, target: "fontTable.xml")
        let fontList = fonts
        try package.addXMLPart("word/fontTable.xml", contentType: ct + ".fontTable+xml", method: level) { xml in
            parts.writeFontTable(fontList, xml)
        }
        for (name, image) in imageOrder {
            // Pictures are compressed already: stored.
            try package.addPart("word/" + name, bytes: image.data, defaultContentType: image.format.mediaType, method: .store)
        }
        try package.close()
    }

    func discard() {
        stream?.abort()
        stream = nil
        xml = nil
        content = nil
        package.discard()
    }
}
