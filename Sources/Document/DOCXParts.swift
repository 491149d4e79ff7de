import OfficeXML

/// The small WordprocessingML parts: styles, numbering, settings, font table, footnotes.
struct DOCXParts {
    let styles: StyleSheet
    let lists: ListRegistry
    unowned let resources: DOCXResources

    private func content(_ xml: XMLWriter, part: String) -> DOCXContentWriter {
        DOCXContentWriter(xml: xml, part: part, resources: resources)
    }

    private func root(_ xml: XMLWriter, _ name: StaticString) {
        xml.declaration()
        xml.start(name)
        xml.attribute("xmlns:w", raw: DOCXNamespace.w)
        xml.attribute("xmlns:r", raw: DOCXNamespace.r)
    }

    // MARK: styles.xml (17.7)

    func writeStyles(_ xml: XMLWriter) {
        let c = content(xml, part: "word/styles.xml")
        root(xml, "w:styles")
        xml.start("w:docDefaults")
        xml.start("w:rPrDefault")
        xml.start("w:rPr")
        c.writeRunFormat(styles.defaultRun)
        xml.end()
        xml.end()
        xml.start("w:pPrDefault")
        xml.start("w:pPr")
        c.writeParagraphFormat(styles.defaultParagraph)
        xml.end()
        xml.end()
        xml.end()
        for s in styles.styles {
            xml.start("w:style")
            xml.attribute("w:type", raw: s.kind == .paragraph ? "paragraph" : "character")
            if s.id == .normal { xml.attribute("w:default", raw: "1") }
            xml.attribute("w:styleId", s.id.rawValue)
            xml.start("w:name"); xml.attribute("w:val", s.name); xml.end()
            if let b = s.basedOn, b != s.id { xml.start("w:basedOn"); xml.attribute("w:val", b.rawValue); xml.end() }
            if let n = s.next { xml.start("w:next"); xml.attribute("w:val", n.rawValue); xml.end() }
            if s.kind == .character && (s.id == .footnoteReference || s.id == .hyperlink) {
                xml.start("w:uiPriority"); xml.attribute("w:val", 99); xml.end()
                xml.start("w:unhideWhenUsed"); xml.end()
            }
            xml.start("w:qFormat"); xml.end()
            if s.kind == .paragraph && !s.paragraph.isEmpty {
                xml.start("w:pPr")
                c.writeParagraphFormat(s.paragraph)
                xml.end()
            }
            // Normal carries the document font and size too, for readers that look at styles only.
            let run = s.id == .normal
                ? RunFormat(font: styles.defaultRun.font, halfPoints: styles.defaultRun.halfPoints).merged(with: s.run)
                : s.run
            if !run.isEmpty {
                xml.start("w:rPr")
                c.writeRunFormat(run)
                xml.end()
            }
            xml.end()
        }
        // Word's default table style: tables without their own settings start from it.
        xml.start("w:style")
        xml.attribute("w:type", raw: "table")
        xml.attribute("w:default", raw: "1")
        xml.attribute("w:styleId", raw: "TableNormal")
        xml.start("w:name"); xml.attribute("w:val", raw: "Normal Table"); xml.end()
        xml.start("w:uiPriority"); xml.attribute("w:val", 99); xml.end()
        xml.start("w:semiHidden"); xml.end()
        xml.start("w:unhideWhenUsed"); xml.end()
        xml.start("w:tblPr")
        xml.start("w:tblInd"); xml.attribute("w:w", 0); xml.attribute("w:type", raw: "dxa"); xml.end()
        xml.start("w:tblCellMar")
        xml.start("w:top"); xml.attribute("w:w", 0); xml.attribute("w:type", raw: "dxa"); xml.end()
        xml.start("w:left"); xml.attribute("w:w", 108); xml.attribute("w:type", raw: "dxa"); xml.end()
        xml.start("w:bottom"); xml.attribute("w:w", 0); xml.attribute("w:type", raw: "dxa"); xml.end()
        xml.start("w:right"); xml.attribute("w:w", 108); xml.attribute("w:type", raw: "dxa"); xml.end()
        xml.end()
        xml.end()
        xml.end()
        xml.end()
    }

    // MARK: numbering.xml (17.9)

    func writeNumbering(_ xml: XMLWriter) {
        let c = content(xml, part: "word/numbering.xml")
        root(xml, "w:numbering")
        for (d, def) in lists.definitions.enumerated() {
            xml.start("w:abstractNum")
            xml.attribute("w:abstractNumId", d)
            xml.start("w:multiLevelType")
            xml.attribute("w:val", raw: def.levels.count > 1 ? "multilevel" : "singleLevel")
            xml.end()
            for (i, level) in def.levels.enumerated() {
                xml.start("w:lvl")
                xml.attribute("w:ilvl", i)
                xml.start("w:start"); xml.attribute("w:val", level.start); xml.end()
                xml.start("w:numFmt")
                switch level.format {
                case .decimal: xml.attribute("w:val", raw: "decimal")
                case .upperRoman: xml.attribute("w:val", raw: "upperRoman")
                case .lowerRoman: xml.attribute("w:val", raw: "lowerRoman")
                case .lowerLetter: xml.attribute("w:val", raw: "lowerLetter")
                case .upperLetter: xml.attribute("w:val", raw: "upperLetter")
                case .bullet: xml.attribute("w:val", raw: "bullet")
                }
                xml.end()
                xml.start("w:suff")
                switch level.followedBy {
                case .tab: xml.attribute("w:val", raw: "tab")
                case .space: xml.attribute("w:val", raw: "space")
                case .nothing: xml.attribute("w:val", raw: "nothing")
                }
                xml.end()
                xml.start("w:lvlText"); xml.attribute("w:val", levelText(level, index: i)); xml.end()
                xml.start("w:lvlJc"); xml.attribute("w:val", raw: "left"); xml.end()
                xml.start("w:pPr")
                c.writeParagraphFormat(ParagraphFormat(leftIndent: level.leftIndent, firstLineIndent: level.firstLineIndent))
                xml.end()
                // The number in the document font (every slot), then its own formatting.
                xml.start("w:rPr")
                var f = RunFormat(font: styles.defaultRun.font ?? "Times New Roman")
                f = f.merged(with: level.numberFormat)
                c.writeRunFormat(f)
                xml.end()
                xml.end()
            }
            xml.end()
        }
        for (i, d) in lists.instances.enumerated() {
            xml.start("w:num")
            xml.attribute("w:numId", i + 1)
            xml.start("w:abstractNumId"); xml.attribute("w:val", d); xml.end()
            // Later instances of a definition restart every level.
            if !lists.isFirstInstance(ListID(index: i)) {
                for (l, level) in lists.definitions[d].levels.enumerated() {
                    xml.start("w:lvlOverride")
                    xml.attribute("w:ilvl", l)
                    xml.start("w:startOverride"); xml.attribute("w:val", level.start); xml.end()
                    xml.end()
                }
            }
            xml.end()
        }
        xml.end()
    }

    /// "%1." for "I.", "%1.%2." for two levels shown, "-" for a dash.
    private func levelText(_ level: ListLevel, index: Int) -> String {
        if case .bullet(let mark) = level.format { return level.prefix + mark + level.suffix }
        let first = index + 1 - min(level.displayLevels, index + 1) + 1
        let numbers = (first...(index + 1)).map { "%\($0)" }.joined(separator: ".")
        return level.prefix + numbers + level.suffix
    }

    // MARK: settings.xml (17.15)

    func writeSettings(hasFootnotes: Bool, _ xml: XMLWriter) {
        root(xml, "w:settings")
        xml.start("w:zoom"); xml.attribute("w:percent", 100); xml.end()
        xml.start("w:defaultTabStop"); xml.attribute("w:val", 720); xml.end()
        xml.start("w:characterSpacingControl"); xml.attribute("w:val", raw: "doNotCompress"); xml.end()
        if hasFootnotes {
            xml.start("w:footnotePr")
            xml.start("w:footnote"); xml.attribute("w:id", -1); xml.end()
            xml.start("w:footnote"); xml.attribute("w:id", 0); xml.end()
            xml.end()
        }
        xml.start("w:compat")
        xml.start("w:compatSetting")
        xml.attribute("w:name", raw: "compatibilityMode")
        xml.attribute("w:uri", raw: "http://schemas.microsoft.com/office/word")
        xml.attribute("w:val", raw: "15")
        xml.end()
        xml.end()
        xml.start("w:themeFontLang")
        xml.attribute("w:val", styles.defaultRun.language ?? "vi-VN")
        xml.end()
        xml.start("w:decimalSymbol"); xml.attribute("w:val", raw: ","); xml.end()
        xml.start("w:listSeparator"); xml.attribute("w:val", raw: ";"); xml.end()
        xml.end()
    }

    // MARK: fontTable.xml (17.8)

    func writeFontTable(_ fonts: [String], _ xml: XMLWriter) {
        root(xml, "w:fonts")
        for name in fonts {
            xml.start("w:font")
            xml.attribute("w:name", name)
            if name == "Times New Roman" {
                xml.start("w:panose1"); xml.attribute("w:val", raw: "02020603050405020304"); xml.end()
                xml.start("w:charset"); xml.attribute("w:val", raw: "00"); xml.end()
                xml.start("w:family"); xml.attribute("w:val", raw: "roman"); xml.end()
                xml.start("w:pitch"); xml.attribute("w:val", raw: "variable"); xml.end()
            } else {
                xml.start("w:family"); xml.attribute("w:val", raw: "auto"); xml.end()
                xml.start("w:pitch"); xml.attribute("w:val", raw: "variable"); xml.end()
            }
            xml.end()
        }
        xml.end()
    }

    // MARK: footnotes.xml (17.11)

    func writeFootnotes(_ notes: [Footnote], _ xml: XMLWriter) {
        root(xml, "w:footnotes")
        xml.attribute("xmlns:wp", raw: DOCXNamespace.wp)
        xml.attribute("xmlns:a", raw: DOCXNamespace.a)
        xml.attribute("xmlns:pic", raw: DOCXNamespace.pic)
        for (id, type) in [(-1, "separator"), (0, "continuationSeparator")] {
            xml.start("w:footnote")
            xml.attribute("w:type", type)
            xml.attribute("w:id", id)
            xml.start("w:p")
            xml.start("w:pPr")
            xml.start("w:spacing"); xml.attribute("w:after", 0); xml.attribute("w:line", 240); xml.attribute("w:lineRule", raw: "auto"); xml.end()
            xml.end()
            xml.start("w:r")
            xml.start(id == -1 ? "w:separator" : "w:continuationSeparator"); xml.end()
            xml.end()
            xml.end()
            xml.end()
        }
        let c = content(xml, part: "word/footnotes.xml")
        for (i, note) in notes.enumerated() {
            xml.start("w:footnote")
            xml.attribute("w:id", i + 1)
            let paragraphs = note.paragraphs.isEmpty ? [Paragraph(style: .footnoteText)] : note.paragraphs
            for (k, p) in paragraphs.enumerated() {
                var p = p
                if p.style == nil { p.style = .footnoteText }
                c.writeParagraph(p, footnoteMark: k == 0)
            }
            xml.end()
        }
        xml.end()
    }
}
