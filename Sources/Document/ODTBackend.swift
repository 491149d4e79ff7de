import OfficePackage
import OfficeXML
import OfficeZip

/// OpenDocument Text (ODF 1.3) writer.
///
/// `content.xml` is one streamed entry: paragraphs and table rows go to the compressor as they
/// come. Its head — font faces and the automatic styles, known only at the end — is placed in
/// front of the compressed body by `ZipEntryStream.setPrefix` at `close()`. Then `styles.xml`
/// (defaults, named styles, list styles, page layouts and one master page per section with its
/// headers and footers, first-page variants as `style:header-first`/`footer-first`), the
/// pictures, `meta.xml` and the manifest.
///
/// A section starts where its first paragraph or table names its master page
/// (`style:master-page-name`, with `style:page-number` when numbering restarts).
final class ODTBackend: DocumentBackend {
    static let mimeType = "application/vnd.oasis.opendocument.text"
    static let namespaces: [(StaticString, StaticString)] = [
        ("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
        ("xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
        ("xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
        ("xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
        ("xmlns:draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"),
        ("xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
        ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
        ("xmlns:svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"),
    ]

    let package: ODFPackage
    let options: DocumentOptions
    /// The writer this backend serves (set by `DocumentWriter.init`): its style sheet and
    /// list registry are read while the body is written.
    weak var document: DocumentWriter?

    private var stream: ZipEntryStream?
    private let xml: XMLWriter
    private let resources = ODTResources()
    private lazy var contentStyles = ODTAutomaticStyles(prefix: "", fonts: resources.fonts)
    private var body: ODTContentWriter?
    private var table: ODTTableWriter?
    private var pendingMaster: ODTMasterStart?
    private var removed = 0

    var removedCharacterCount: Int { removed + xml.removedCharacterCount }
    /// Bytes of content.xml held before they go to the compressor (tests: memory stays flat).
    var bufferedByteCount: Int { xml.pendingByteCount }
    /// Rows of the open table held back (while cells spanning rows are open, else at most one).
    var heldRowCount: Int { table?.heldRowCount ?? 0 }

    init(path: String, properties: DocumentProperties, options: DocumentOptions) throws {
        package = try ODFPackage(path: path, mimeType: ODTBackend.mimeType, properties: properties, threads: options.threads)
        self.options = options
        do {
            let s = try package.zip.beginEntry("content.xml", method: .deflate(level: options.compressionLevel))
            package.declarePart("content.xml", mediaType: "text/xml")
            stream = s
            xml = XMLWriter(capacity: 1 << 20, sink: s, flushThreshold: 1 << 20, illegalCharacters: .remove)
        } catch {
            package.discard()
            throw error
        }
    }

    private var styleSheet: StyleSheet { document?.styles ?? StyleSheet() }

    /// The named list style of an instance (one per definition; every instance restarts).
    static func listStyleName(definition: Int) -> String { "List\(definition + 1)" }

    private func makeContentWriter(_ xml: XMLWriter, styles: ODTAutomaticStyles, idPrefix: String) -> ODTContentWriter {
        ODTContentWriter(xml: xml, styles: styles, resources: resources, sheet: styleSheet, idPrefix: idPrefix,
                         listLevel: { [weak self] item in
                             guard let d = self?.document?.lists.definition(of: item.list), item.level >= 0,
                                   item.level < d.levels.count else { return nil }
                             return d.levels[item.level]
                         },
                         listStyle: { [weak self] id in
                             let lists = self?.document?.lists
                             let d = lists.flatMap { l in id.index < l.instances.count ? l.instances[id.index] : nil } ?? 0
                             return ODTBackend.listStyleName(definition: d)
                         })
    }

    private func bodyWriter() -> ODTContentWriter {
        if let body { return body }
        let b = makeContentWriter(xml, styles: contentStyles, idPrefix: "")
        body = b
        return b
    }

    // MARK: Body

    func beginSection(_ section: Section, index: Int) throws {
        _ = bodyWriter()
        pendingMaster = ODTMasterStart(name: ODTBackend.masterPageName(index), pageNumber: section.pageNumbering.start)
    }

    func writeParagraph(_ paragraph: Paragraph) throws {
        let b = bodyWriter()
        b.writeParagraph(paragraph, master: pendingMaster)
        pendingMaster = nil
        xml.flushIfNeeded()
    }

    func beginTable(_ table: Table, number: Int) throws {
        self.table = bodyWriter().beginTable(table, master: pendingMaster)
        pendingMaster = nil
    }

    func writeRow(_ row: TableRow, layout: RowLayout, grid: TableGrid) throws {
        table?.add(row, layout: layout)
    }

    func endTable(_ grid: TableGrid) throws {
        table?.finish()
        table = nil
        xml.flushIfNeeded()
    }

    func endSection(_ section: Section, index: Int, isLast: Bool) throws {
        // A section without any block still needs a paragraph to start its page.
        if pendingMaster != nil {
            try writeParagraph(Paragraph(markFormat: RunFormat(halfPoints: 2)))
        }
    }

    static func masterPageName(_ index: Int) -> String { "Section\(index + 1)" }

    // MARK: Closing

    func close(_ writer: DocumentWriter) throws {
        guard let stream else { return }
        if let b = body { b.closeLists() }
        xml.raw("</office:text></office:body></office:document-content>")
        xml.flush()

        let sheet = writer.styles
        let fonts = resources.fonts
        if let f = sheet.defaultRun.font { fonts.note(f) }

        // Parts are rendered first (fonts and pictures are noted on the way), then assembled.
        let stylesPart = ODTAutomaticStyles(prefix: "M", fonts: fonts)
        let master = fragment { w in
            let c = makeContentWriter(w, styles: stylesPart, idPrefix: "M")
            writeMasterStyles(writer.sections, content: c, w)
        }
        let named = fragment { w in writeNamedStyles(sheet, lists: writer.lists, w) }
        let stylesAutomatic = fragment { w in
            w.start("office:automatic-styles")
            for (i, s) in writer.sections.enumerated() { writePageLayout(s, index: i, w) }
            stylesPart.write(w)
            w.end()
        }
        let contentAutomatic = fragment { w in
            w.start("office:automatic-styles")
            contentStyles.write(w)
            w.end()
        }
        let fontDecls = fragment { w in fonts.write(w) }

        // content.xml's head, in front of the streamed body.
        let head = XMLWriter(capacity: 64 * 1024)
        head.declaration()
        head.start("office:document-content")
        for (prefix, uri) in ODTBackend.namespaces { head.attribute(prefix, raw: uri) }
        head.attribute("office:version", raw: "1.3")
        raw(fontDecls, head)
        raw(contentAutomatic, head)
        head.raw("<office:body><office:text>")
        stream.setPrefix(head.bytes)   // open elements stay open: the body closes them
        self.stream = nil
        try stream.finish()

        try package.addXMLPart("styles.xml", method: .deflate(level: options.compressionLevel)) { w in
            w.declaration()
            w.start("office:document-styles")
            for (prefix, uri) in ODTBackend.namespaces { w.attribute(prefix, raw: uri) }
            w.attribute("office:version", raw: "1.3")
            raw(fontDecls, w)
            raw(named, w)
            raw(stylesAutomatic, w)
            raw(master, w)
            w.end()
        }
        try package.addXMLPart("settings.xml", method: .deflate(level: options.compressionLevel)) { w in
            ODTBackend.writeSettings(w)
        }
        for (path, image) in resources.pictures {
            // Pictures are compressed already: stored.
            try package.addPart(path, bytes: image.data, mediaType: image.format.mediaType, method: .store)
        }
        try package.close()
    }

    /// Renders a piece of a part on its own, counting removed characters.
    private func fragment(_ body: (XMLWriter) -> Void) -> [UInt8] {
        let w = XMLWriter(capacity: 16 * 1024)
        body(w)
        let bytes = w.finish()
        removed += w.removedCharacterCount
        return bytes
    }

    private func raw(_ bytes: [UInt8], _ w: XMLWriter) {
        bytes.withUnsafeBytes { w.raw($0) }
    }

    func discard() {
        stream?.abort()
        stream = nil
        package.discard()
    }

    // MARK: settings.xml

    /// LibreOffice's layout switches, set as LibreOffice sets them for a Word document, so the
    /// model renders as its DOCX does (e.g. the space between two paragraphs is the sum of
    /// "after" and "before", not the larger one; line heights include the font's leading).
    /// Once a document has settings, LibreOffice gives every switch it does not find its
    /// oldest behaviour, so all layout switches are listed. One exception: tab positions stay
    /// relative to the paragraph's indent (ODF's reading; the writer converts them).
    static let compatibilitySettings: [(name: StaticString, value: Bool)] = [
        ("AddExternalLeading", true),
        ("AddFrameOffsets", false),
        ("AddParaLineSpacingToTableCells", true),
        ("AddParaSpacingToTableCells", true),
        ("AddParaTableSpacing", false),
        ("AddParaTableSpacingAtStart", true),
        ("AddVerticalFrameOffsets", true),
        ("AlignTabStopPosition", true),
        ("ApplyParagraphMarkFormatToNumbering", true),
        ("AutoFirstLineIndentDisregardLineSpace", true),
        ("BackgroundParaOverDrawings", true),
        ("ClipAsCharacterAnchoredWriterFlyFrames", false),
        ("ClippedPictures", true),
        ("CollapseEmptyCellPara", true),
        ("ConsiderTextWrapOnObjPos", true),
        ("DisableOffPagePositioning", true),
        ("DoNotCaptureDrawObjsOnPage", false),
        ("DoNotJustifyLinesWithManualBreak", false),
        ("DoNotResetParaAttrsForNumFont", false),
        ("FloattableNomargins", true),
        ("FootnoteInColumnToPageEnd", true),
        ("FrameAutowidthWithMorePara", true),
        ("HeaderSpacingBelowLastPara", true),
        ("IgnoreFirstLineIndentInNumbering", false),
        ("IgnoreTabsAndBlanksForLineCalculation", true),
        ("InvertBorderSpacing", true),
        ("MathBaselineAlignment", true),
        ("MsWordCompMinLineHeightByFly", false),
        ("MsWordCompTrailingBlanks", true),
        // ODF's value: true (Word's) would give headings in no list a tab from the empty outline number.
        ("NoNumberingShowFollowBy", false),
        ("OutlineLevelYieldsNumbering", false),
        ("PropLineSpacingShrinksFirstLine", true),
        ("SmallCapsPercentage66", false),
        ("SubtractFlysAnchoredAtFlys", false),
        ("SurroundTextWrapSmall", true),
        ("TabAtLeftIndentForParagraphsInList", true),
        ("TableRowKeep", true),
        ("TabOverflow", true),
        ("TabOverMargin", false),
        ("TabOverSpacing", true),
        ("TabsRelativeToIndent", true),
        ("TreatSingleColumnBreakAsPageBreak", true),
        ("UnbreakableNumberings", true),
        ("UnxForceZeroExtLeading", false),
        ("UseFormerLineSpacing", false),
        ("UseFormerObjectPositioning", false),
        ("UseFormerTextWrapping", false),
        ("UseOldNumbering", false),
        ("WordLikeWrapForAsCharFlys", true),
    ]

    static func writeSettings(_ w: XMLWriter) {
        w.declaration()
        w.start("office:document-settings")
        w.attribute("xmlns:office", raw: "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
        w.attribute("xmlns:config", raw: "urn:oasis:names:tc:opendocument:xmlns:config:1.0")
        // LibreOffice resolves the prefix of the set's name ("ooo:configuration-settings").
        w.attribute("xmlns:ooo", raw: "http://openoffice.org/2004/office")
        w.attribute("office:version", raw: "1.3")
        w.start("office:settings")
        w.start("config:config-item-set")
        w.attribute("config:name", raw: "ooo:configuration-settings")
        w.start("config:config-item")
        w.attribute("config:name", raw: "PrinterIndependentLayout")
        w.attribute("config:type", raw: "string")
        w.text("high-resolution")
        w.end()
        for (name, value) in compatibilitySettings {
            w.start("config:config-item")
            w.attribute("config:name", raw: name)
            w.attribute("config:type", raw: "boolean")
            w.text(value ? "true" : "false")
            w.end()
        }
        w.end()
        w.end()
        w.end()
    }

    // MARK: styles.xml

    /// `office:styles`: the defaults, the named paragraph and character styles, the list
    /// styles and the footnote configuration.
    private func writeNamedStyles(_ sheet: StyleSheet, lists: ListRegistry, _ w: XMLWriter) {
        let fonts = resources.fonts
        w.start("office:styles")
        w.start("style:default-style")
        w.attribute("style:family", raw: "paragraph")
        // Word's default tab stops: every 1.27 cm (720 twips).
        ODTProperties.writeParagraph(sheet.defaultParagraph, tabOrigin: .zero, tabDistance: .twips(720), w)
        ODTProperties.writeText(sheet.defaultRun, w, fonts: fonts)
        w.end()
        for s in sheet.styles {
            w.start("style:style")
            w.attribute("style:name", ODFValue.styleName(s.id))
            if let d = ODFValue.builtInDisplayName(s.id) {
                w.attribute("style:display-name", d)
            } else if !ODFValue.isBuiltIn(s.id) && s.name != ODFValue.styleName(s.id) {
                w.attribute("style:display-name", s.name)
            }
            w.attribute("style:family", raw: s.kind == .paragraph ? "paragraph" : "text")
            if let b = s.basedOn, b != s.id, sheet.style(b) != nil { w.attribute("style:parent-style-name", ODFValue.styleName(b)) }
            if s.kind == .paragraph, let n = s.next, sheet.style(n) != nil {
                w.attribute("style:next-style-name", ODFValue.styleName(n))
            }
            if s.kind == .paragraph, let level = s.paragraph.outlineLevel, (1...10).contains(level) {
                w.attribute("style:default-outline-level", level)
            }
            if s.kind == .paragraph {
                if !s.paragraph.isEmpty {
                    let origin = s.paragraph.tabStops != nil ? (sheet.resolvedParagraph(s.id).leftIndent ?? .zero) : .zero
                    let parent = s.basedOn.flatMap { sheet.style($0) != nil ? sheet.resolvedParagraph($0) : nil } ?? sheet.defaultParagraph
                    ODTProperties.writeParagraph(ODTProperties.completingPairs(s.paragraph, from: parent), tabOrigin: origin, w)
                }
            }
            if !s.run.isEmpty {
                var run = s.run
                run.style = nil
                ODTProperties.writeText(run, w, fonts: fonts)
            }
            w.end()
        }
        // Character styles of list numbers ("I." bold), one per distinct formatting.
        var labelStyles: [RunFormat] = []
        for def in lists.definitions {
            for level in def.levels where !level.numberFormat.isEmpty && !labelStyles.contains(level.numberFormat) {
                labelStyles.append(level.numberFormat)
            }
        }
        for (i, f) in labelStyles.enumerated() {
            w.start("style:style")
            w.attribute("style:name", "ListLabel\(i + 1)")
            w.attribute("style:display-name", "Số thứ tự danh sách \(i + 1)")
            w.attribute("style:family", raw: "text")
            var run = f
            run.style = nil
            ODTProperties.writeText(run, w, fonts: fonts)
            w.end()
        }
        let font = sheet.defaultRun.font ?? "Times New Roman"
        for (d, def) in lists.definitions.enumerated() {
            w.start("text:list-style")
            w.attribute("style:name", ODTBackend.listStyleName(definition: d))
            w.attribute("style:display-name", "Danh sách \(d + 1)")
            for (i, level) in def.levels.enumerated() {
                if case .bullet(let mark) = level.format {
                    w.start("text:list-level-style-bullet")
                    w.attribute("text:level", i + 1)
                    if let k = labelStyles.firstIndex(of: level.numberFormat) { w.attribute("text:style-name", "ListLabel\(k + 1)") }
                    let char = mark.first.map(String.init) ?? "•"
                    w.attribute("text:bullet-char", char)
                    if !level.prefix.isEmpty { w.attribute("style:num-prefix", level.prefix) }
                    let suffix = String(mark.dropFirst()) + level.suffix
                    if !suffix.isEmpty { w.attribute("style:num-suffix", suffix) }
                } else {
                    w.start("text:list-level-style-number")
                    w.attribute("text:level", i + 1)
                    if let k = labelStyles.firstIndex(of: level.numberFormat) { w.attribute("text:style-name", "ListLabel\(k + 1)") }
                    if !level.prefix.isEmpty { w.attribute("style:num-prefix", level.prefix) }
                    if !level.suffix.isEmpty { w.attribute("style:num-suffix", level.suffix) }
                    switch level.format {
                    case .decimal: w.attribute("style:num-format", raw: "1")
                    case .upperRoman: w.attribute("style:num-format", raw: "I")
                    case .lowerRoman: w.attribute("style:num-format", raw: "i")
                    case .lowerLetter:
                        w.attribute("style:num-format", raw: "a")
                        w.attribute("style:num-letter-sync", raw: "true")
                    case .upperLetter:
                        w.attribute("style:num-format", raw: "A")
                        w.attribute("style:num-letter-sync", raw: "true")
                    case .bullet: break
                    }
                    if level.displayLevels > 1 { w.attribute("text:display-levels", min(level.displayLevels, i + 1)) }
                    w.attribute("text:start-value", max(1, level.start))
                }
                w.start("style:list-level-properties")
                w.attribute("text:list-level-position-and-space-mode", raw: "label-alignment")
                w.start("style:list-level-label-alignment")
                switch level.followedBy {
                case .tab:
                    w.attribute("text:label-followed-by", raw: "listtab")
                    if level.firstLineIndent.emu < 0 {
                        w.attribute("text:list-tab-stop-position", ODFValue.length(level.leftIndent))
                    }
                case .space: w.attribute("text:label-followed-by", raw: "space")
                case .nothing: w.attribute("text:label-followed-by", raw: "nothing")
                }
                w.attribute("fo:text-indent", ODFValue.length(level.firstLineIndent))
                w.attribute("fo:margin-left", ODFValue.length(level.leftIndent))
                w.end()
                w.end()
                if level.isBullet {
                    // The mark in the document's font (not a symbol font).
                    ODTProperties.writeText(RunFormat(font: level.numberFormat.font ?? font), w, fonts: fonts)
                }
                w.end()
            }
            w.end()
        }
        w.start("text:notes-configuration")
        w.attribute("text:note-class", raw: "footnote")
        // The number at the foot of the page in the reference style (superscript). The mark
        // in the text takes it too: the style is LibreOffice's "Footnote anchor", its default
        // for marks (naming it as the body style as well makes LibreOffice drop both).
        if sheet.style(.footnoteReference) != nil {
            w.attribute("text:citation-style-name", ODFValue.styleName(.footnoteReference))
        }
        if sheet.style(.footnoteText) != nil { w.attribute("text:default-style-name", ODFValue.styleName(.footnoteText)) }
        w.attribute("style:num-format", raw: "1")
        w.attribute("text:start-value", 0)
        w.attribute("text:footnotes-position", raw: "page")
        w.attribute("text:start-numbering-at", raw: "document")
        w.end()
        w.end()
    }

    /// The least height of a header or footer's content.
    static let minimumHeaderHeight = Length.mm(1)

    /// A section's page: paper, orientation, margins, numbering format, and the header and
    /// footer areas. As in DOCX, the header hangs from `margins.header` and the body text
    /// starts at `margins.top` unless the header is taller; the footer stands on
    /// `margins.footer` and grows upwards. In LibreOffice's reading the area's height
    /// (`fo:min-height`) includes the spacing to the body; dynamic spacing lets the content
    /// grow into it (what LibreOffice itself writes for a Word document's page).
    private func writePageLayout(_ s: Section, index: Int, _ w: XMLWriter) {
        let m = s.margins
        let hasHeader = s.header != nil || s.firstPageHeader != nil
        let hasFooter = s.footer != nil || s.firstPageFooter != nil
        w.start("style:page-layout")
        w.attribute("style:name", "pm\(index + 1)")
        w.start("style:page-layout-properties")
        w.attribute("fo:page-width", ODFValue.length(s.paperWidth))
        w.attribute("fo:page-height", ODFValue.length(s.paperHeight))
        w.attribute("style:num-format", raw: ODFValue.numberFormat(s.pageNumbering.format))
        if s.pageNumbering.format == .lowerLetter || s.pageNumbering.format == .upperLetter {
            w.attribute("style:num-letter-sync", raw: "true")
        }
        w.attribute("style:print-orientation", raw: s.orientation == .landscape ? "landscape" : "portrait")
        w.attribute("fo:margin-top", ODFValue.length(hasHeader ? m.header : m.top))
        w.attribute("fo:margin-bottom", ODFValue.length(hasFooter ? m.footer : m.bottom))
        w.attribute("fo:margin-left", ODFValue.length(m.left))
        w.attribute("fo:margin-right", ODFValue.length(m.right))
        w.attribute("style:writing-mode", raw: "lr-tb")
        w.start("style:footnote-sep")
        w.attribute("style:width", raw: "0.5pt")
        w.attribute("style:distance-before-sep", raw: "1mm")
        w.attribute("style:distance-after-sep", raw: "1mm")
        w.attribute("style:line-style", raw: "solid")
        w.attribute("style:adjustment", raw: "left")
        w.attribute("style:rel-width", raw: "25%")
        w.attribute("style:color", raw: "#000000")
        w.end()
        w.end()
        w.start("style:header-style")
        if hasHeader {
            w.start("style:header-footer-properties")
            let area = max(m.top - m.header, ODTBackend.minimumHeaderHeight)
            w.attribute("fo:min-height", ODFValue.length(area))
            w.attribute("fo:margin-left", raw: "0mm")
            w.attribute("fo:margin-right", raw: "0mm")
            w.attribute("fo:margin-bottom", ODFValue.length(area - ODTBackend.minimumHeaderHeight))
            w.attribute("style:dynamic-spacing", raw: "true")
            w.end()
        }
        w.end()
        w.start("style:footer-style")
        if hasFooter {
            w.start("style:header-footer-properties")
            let area = max(m.bottom - m.footer, ODTBackend.minimumHeaderHeight)
            w.attribute("fo:min-height", ODFValue.length(area))
            w.attribute("fo:margin-left", raw: "0mm")
            w.attribute("fo:margin-right", raw: "0mm")
            w.attribute("fo:margin-top", ODFValue.length(area - ODTBackend.minimumHeaderHeight))
            w.attribute("style:dynamic-spacing", raw: "true")
            w.end()
        }
        w.end()
        w.end()
    }

    /// `office:master-styles`: one master page per section. Headers and footers are the
    /// section's own; the first-page variants are empty when only the other one is given.
    private func writeMasterStyles(_ sections: [Section], content c: ODTContentWriter, _ w: XMLWriter) {
        w.start("office:master-styles")
        for (i, s) in sections.enumerated() {
            w.start("style:master-page")
            w.attribute("style:name", ODTBackend.masterPageName(i))
            w.attribute("style:display-name", "Phần \(i + 1)")
            w.attribute("style:page-layout-name", "pm\(i + 1)")
            let first = s.hasDifferentFirstPage
            if s.header != nil || s.firstPageHeader != nil {
                w.start("style:header")
                writeHeaderFooter(s.header, isHeader: true, width: s.textWidth, c, w)
                w.end()
                if first {
                    w.start("style:header-first")
                    writeHeaderFooter(s.firstPageHeader, isHeader: true, width: s.textWidth, c, w)
                    w.end()
                }
            }
            if s.footer != nil || s.firstPageFooter != nil {
                w.start("style:footer")
                writeHeaderFooter(s.footer, isHeader: false, width: s.textWidth, c, w)
                w.end()
                if first {
                    w.start("style:footer-first")
                    writeHeaderFooter(s.firstPageFooter, isHeader: false, width: s.textWidth, c, w)
                    w.end()
                }
            }
            w.end()
        }
        w.end()
    }

    private func writeHeaderFooter(_ hf: HeaderFooter?, isHeader: Bool, width: Length, _ c: ODTContentWriter, _ w: XMLWriter) {
        let blocks = hf?.blocks ?? []
        if blocks.isEmpty {
            let id: StyleID = isHeader ? .header : .footer
            w.start("text:p")
            w.attribute("text:style-name", ODFValue.styleName(styleSheet.style(id) != nil ? id : .normal))
            w.end()
        } else {
            c.writeCellContent(blocks, width: width)
        }
    }
}
