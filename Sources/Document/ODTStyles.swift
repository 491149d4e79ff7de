import OfficeXML

/// Values as OpenDocument writes them: lengths, colours, percentages, style names, languages.
enum ODFValue {
    /// A length in the unit that states it exactly: millimetres for whole micrometres
    /// (every mm and cm value), points for whole hundredths of a point (every twip), else
    /// millimetres to 0.1 µm. "25mm", "12.7mm", "0.35pt".
    static func length(_ l: Length) -> String {
        var e = l.emu
        guard e != 0 else { return "0mm" }
        let sign = e < 0 ? "-" : ""
        if e < 0 { e = -e }
        if e % 36 == 0 { return sign + decimal(e / 36, places: 3) + "mm" }
        if e % 127 == 0 { return sign + decimal(e / 127, places: 2) + "pt" }
        return sign + decimal((e * 10 + 18) / 36, places: 4) + "mm"
    }

    /// Points from a double, to 1/1000 pt: "0.75pt".
    static func points(_ v: Double) -> String {
        let k = Int((v * 1000).rounded())
        return (k < 0 ? "-" : "") + decimal(abs(k), places: 3) + "pt"
    }

    /// A multiple as a percentage: 1.15 → "115%".
    static func percent(_ m: Double) -> String {
        decimal(max(0, Int((m * 10000).rounded())), places: 2) + "%"
    }

    static func color(_ c: Color) -> String { "#" + c.hex }

    /// `v / 10^places` without trailing zeros, digit by digit (no locale, no floating point).
    static func decimal(_ v: Int, places: Int) -> String {
        var p = 1
        for _ in 0..<places { p *= 10 }
        let whole = v / p
        var frac = v % p
        guard frac != 0 else { return String(whole) }
        var digits = places
        while frac % 10 == 0 { frac /= 10; digits -= 1 }
        let f = String(frac)
        return String(whole) + "." + String(repeating: "0", count: digits - f.count) + f
    }

    /// A border: "0.5pt solid #000000" or "none".
    static func border(_ b: Border) -> String {
        switch b.style {
        case .none: return "none"
        case .single, .thick: return points(b.width) + " solid " + color(b.color)
        case .double: return points(b.width * 3) + " double " + color(b.color)
        case .dotted: return points(b.width) + " dotted " + color(b.color)
        case .dashed: return points(b.width) + " dashed " + color(b.color)
        }
    }

    /// How strongly a border shows, to settle two neighbours' claims on one edge.
    static func weight(_ b: Border) -> Double {
        switch b.style {
        case .none: return 0
        case .double: return b.width * 3
        default: return b.width
        }
    }

    /// "vi-VN" → ("vi", "VN", nil); "sr-Latn-RS" → ("sr", "RS", "Latn").
    static func language(_ tag: String) -> (language: String, country: String?, script: String?) {
        let parts = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard let first = parts.first else { return ("zxx", nil, nil) }
        var country: String?, script: String?
        for p in parts.dropFirst() {
            if p.count == 4, script == nil { script = p }
            else if (p.count == 2 || p.count == 3), country == nil { country = p.uppercased() }
        }
        return (first.lowercased(), country, script)
    }

    /// A CSS-like family list entry: `'Times New Roman'`.
    static func quotedFamily(_ name: String) -> String {
        let plain = name.unicodeScalars.allSatisfy { ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0x41 && $0.value <= 0x5A) || ($0.value >= 0x61 && $0.value <= 0x7A) || $0 == "-" }
        if plain && !name.isEmpty { return name }
        return name.contains("'") ? "\"" + name + "\"" : "'" + name + "'"
    }

    /// A style name (an NCName): ASCII letters kept, digits, "-" and "." kept after the first
    /// character; anything else written as `_HEX_` (LibreOffice's own encoding of a space is
    /// `_20_`), so every `StyleID` gives a valid, distinct name.
    static func encodeName(_ s: String) -> String {
        var out = ""
        var first = true
        for u in s.unicodeScalars {
            let v = u.value
            let letter = (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
            let other = (v >= 0x30 && v <= 0x39) || v == 0x2D || v == 0x2E
            if letter || (other && !first) {
                out.unicodeScalars.append(u)
            } else {
                out += "_" + String(v, radix: 16) + "_"
            }
            first = false
        }
        return out.isEmpty ? "_" : out
    }

    /// The ODF name of a named style: the built-in styles take LibreOffice's programmatic
    /// names (which it shows localised, as Word does with its own names), others are encoded.
    static func styleName(_ id: StyleID) -> String {
        switch id {
        case .normal: return "Standard"
        case .bodyText: return "Text_20_body"
        case .heading1: return "Heading_20_1"
        case .heading2: return "Heading_20_2"
        case .heading3: return "Heading_20_3"
        case .title: return "Title"
        case .header: return "Header"
        case .footer: return "Footer"
        case .footnoteText: return "Footnote"
        case .tableText: return "Table_20_Contents"
        case .footnoteReference: return "Footnote_20_anchor"
        case .hyperlink: return "Internet_20_link"
        default: return encodeName(id.rawValue)
        }
    }

    /// The display name LibreOffice knows a built-in style by (its `style:name` decodes
    /// `_20_` to a space); nil when the two are the same.
    static func builtInDisplayName(_ id: StyleID) -> String? {
        let name = styleName(id)
        guard isBuiltIn(id), name.contains("_20_") else { return nil }
        return name.replacingOccurrences(of: "_20_", with: " ")
    }

    static func isBuiltIn(_ id: StyleID) -> Bool {
        [StyleID.normal, .bodyText, .heading1, .heading2, .heading3, .title, .header, .footer, .footnoteText,
         .tableText, .footnoteReference, .hyperlink].contains(id)
    }

    /// `style:num-format` of page numbers.
    static func numberFormat(_ f: PageNumberFormat) -> StaticString {
        switch f {
        case .decimal: return "1"
        case .upperRoman: return "I"
        case .lowerRoman: return "i"
        case .upperLetter: return "A"
        case .lowerLetter: return "a"
        }
    }
}

/// Fonts named anywhere in the document, in order of first use (font-face declarations).
final class ODTFonts {
    private(set) var names: [String] = []
    private var seen: Set<String> = []

    func note(_ name: String) {
        if seen.insert(name).inserted { names.append(name) }
    }

    /// `office:font-face-decls`.
    func write(_ xml: XMLWriter) {
        xml.start("office:font-face-decls")
        for n in names {
            xml.start("style:font-face")
            xml.attribute("style:name", n)
            xml.attribute("svg:font-family", ODFValue.quotedFamily(n))
            switch n {
            case "Times New Roman", "Cambria", "Georgia": xml.attribute("style:font-family-generic", raw: "roman")
            case "Arial", "Calibri", "Tahoma", "Verdana", "Helvetica": xml.attribute("style:font-family-generic", raw: "swiss")
            case "Courier New": xml.attribute("style:font-family-generic", raw: "modern")
            default: break
            }
            xml.attribute("style:font-pitch", raw: "variable")
            xml.end()
        }
        xml.end()
    }
}

// MARK: - Property writers (shared by named, default and automatic styles)

enum ODTProperties {
    /// LibreOffice keeps a paragraph's top and bottom spacing in one attribute, and its left,
    /// right and first-line indents in another: a style that sets one member resets the
    /// others to 0 instead of inheriting them. So when one is set, all are written, the
    /// others from `base` (what the paragraph would have without them).
    static func completingPairs(_ f: ParagraphFormat, from base: ParagraphFormat) -> ParagraphFormat {
        var r = f
        if f.spaceBefore != nil || f.spaceAfter != nil {
            r.spaceBefore = f.spaceBefore ?? base.spaceBefore ?? .zero
            r.spaceAfter = f.spaceAfter ?? base.spaceAfter ?? .zero
        }
        if f.leftIndent != nil || f.rightIndent != nil || f.firstLineIndent != nil {
            r.leftIndent = f.leftIndent ?? base.leftIndent ?? .zero
            r.rightIndent = f.rightIndent ?? base.rightIndent ?? .zero
            r.firstLineIndent = f.firstLineIndent ?? base.firstLineIndent ?? .zero
        }
        return r
    }

    /// `style:text-properties` of a run format (nil properties are left out: they inherit).
    static func writeText(_ f: RunFormat, _ xml: XMLWriter, fonts: ODTFonts) {
        xml.start("style:text-properties")
        writeTextAttributes(f, xml, fonts: fonts)
        xml.end()
    }

    static func writeTextAttributes(_ f: RunFormat, _ xml: XMLWriter, fonts: ODTFonts) {
        if let v = f.allCaps { xml.attribute("fo:text-transform", raw: v ? "uppercase" : "none") }
        if let v = f.smallCaps { xml.attribute("fo:font-variant", raw: v ? "small-caps" : "normal") }
        if let c = f.color { xml.attribute("fo:color", ODFValue.color(c)) }
        if let font = f.font {
            // Every slot, so Vietnamese text never falls back to another face.
            fonts.note(font)
            xml.attribute("style:font-name", font)
            xml.attribute("fo:font-family", ODFValue.quotedFamily(font))
            xml.attribute("style:font-name-asian", font)
            xml.attribute("style:font-name-complex", font)
        }
        if let h = f.halfPoints {
            let size = ODFValue.decimal(h * 5, places: 1) + "pt"
            xml.attribute("fo:font-size", size)
            xml.attribute("style:font-size-asian", size)
            xml.attribute("style:font-size-complex", size)
        }
        if let l = f.language {
            let (language, country, script) = ODFValue.language(l)
            xml.attribute("fo:language", language)
            if let script { xml.attribute("fo:script", script) }
            if let country { xml.attribute("fo:country", country) }
            xml.attribute("style:language-asian", language)
            if let script { xml.attribute("style:script-asian", script) }
            if let country { xml.attribute("style:country-asian", country) }
            xml.attribute("style:language-complex", language)
            if let script { xml.attribute("style:script-complex", script) }
            if let country { xml.attribute("style:country-complex", country) }
        }
        if let v = f.italic {
            let s: StaticString = v ? "italic" : "normal"
            xml.attribute("fo:font-style", raw: s)
            xml.attribute("style:font-style-asian", raw: s)
            xml.attribute("style:font-style-complex", raw: s)
        }
        if let v = f.bold {
            let s: StaticString = v ? "bold" : "normal"
            xml.attribute("fo:font-weight", raw: s)
            xml.attribute("style:font-weight-asian", raw: s)
            xml.attribute("style:font-weight-complex", raw: s)
        }
        if let u = f.underline {
            switch u {
            case .none:
                xml.attribute("style:text-underline-style", raw: "none")
            case .single:
                xml.attribute("style:text-underline-style", raw: "solid")
                xml.attribute("style:text-underline-width", raw: "auto")
                xml.attribute("style:text-underline-color", raw: "font-color")
            case .double:
                xml.attribute("style:text-underline-type", raw: "double")
                xml.attribute("style:text-underline-style", raw: "solid")
                xml.attribute("style:text-underline-width", raw: "auto")
                xml.attribute("style:text-underline-color", raw: "font-color")
            }
        }
        if let v = f.strike {
            if v {
                xml.attribute("style:text-line-through-style", raw: "solid")
                xml.attribute("style:text-line-through-type", raw: "single")
            } else {
                xml.attribute("style:text-line-through-style", raw: "none")
            }
        }
        if let p = f.position {
            switch p {
            case .baseline: xml.attribute("style:text-position", raw: "0% 100%")
            case .superscript: xml.attribute("style:text-position", raw: "super 58%")
            case .subscript: xml.attribute("style:text-position", raw: "sub 58%")
            }
        }
        if let h = f.highlight { xml.attribute("fo:background-color", ODFValue.color(h.color)) }
    }

    /// `style:paragraph-properties`. Tab stops are written relative to `tabOrigin` (the
    /// paragraph's left indent: ODF readers measure tab positions from it, the model from the
    /// margin). `extra` adds the attributes of the automatic style (break, page number).
    static func writeParagraph(_ f: ParagraphFormat, tabOrigin: Length = .zero, breakBefore: Bool = false,
                               pageNumber: Int? = nil, tabDistance: Length? = nil, _ xml: XMLWriter) {
        xml.start("style:paragraph-properties")
        if let v = f.leftIndent { xml.attribute("fo:margin-left", ODFValue.length(v)) }
        if let v = f.rightIndent { xml.attribute("fo:margin-right", ODFValue.length(v)) }
        if let v = f.firstLineIndent { xml.attribute("fo:text-indent", ODFValue.length(v)) }
        if let v = f.spaceBefore { xml.attribute("fo:margin-top", ODFValue.length(v)) }
        if let v = f.spaceAfter { xml.attribute("fo:margin-bottom", ODFValue.length(v)) }
        switch f.lineSpacing {
        case .multiple(let m)?: xml.attribute("fo:line-height", ODFValue.percent(m))
        case .exact(let l)?: xml.attribute("fo:line-height", ODFValue.length(l))
        case .atLeast(let l)?: xml.attribute("style:line-height-at-least", ODFValue.length(l))
        case nil: break
        }
        if let a = f.alignment {
            switch a {
            case .left: xml.attribute("fo:text-align", raw: "start")
            case .center: xml.attribute("fo:text-align", raw: "center")
            case .right: xml.attribute("fo:text-align", raw: "end")
            case .justify: xml.attribute("fo:text-align", raw: "justify")
            }
        }
        if breakBefore {
            xml.attribute("fo:break-before", raw: "page")
        } else if let v = f.pageBreakBefore {
            xml.attribute("fo:break-before", raw: v ? "page" : "auto")
        }
        if let v = f.keepWithNext { xml.attribute("fo:keep-with-next", raw: v ? "always" : "auto") }
        if let v = f.keepTogether { xml.attribute("fo:keep-together", raw: v ? "always" : "auto") }
        if let v = f.widowControl {
            xml.attribute("fo:widows", v ? 2 : 0)
            xml.attribute("fo:orphans", v ? 2 : 0)
        }
        if let c = f.shading { xml.attribute("fo:background-color", ODFValue.color(c)) }
        if let b = f.borders {
            func side(_ border: Border?, _ name: StaticString, _ widths: StaticString, _ padding: StaticString, _ space: Double) {
                guard let border else { return }
                xml.attribute(name, ODFValue.border(border))
                if border.style == .double {
                    let w = ODFValue.points(border.width)
                    xml.attribute(widths, w + " " + w + " " + w)
                }
                xml.attribute(padding, ODFValue.points(border.style == .none ? 0 : space))
            }
            side(b.top, "fo:border-top", "style:border-line-width-top", "fo:padding-top", 1)
            side(b.bottom, "fo:border-bottom", "style:border-line-width-bottom", "fo:padding-bottom", b.bottomSpace)
            side(b.left, "fo:border-left", "style:border-line-width-left", "fo:padding-left", 4)
            side(b.right, "fo:border-right", "style:border-line-width-right", "fo:padding-right", 4)
            // Neighbouring paragraphs with equal borders would otherwise merge into one box.
            xml.attribute("style:join-border", raw: "false")
        }
        if let pageNumber { xml.attribute("style:page-number", pageNumber) }
        if let d = tabDistance { xml.attribute("style:tab-stop-distance", ODFValue.length(d)) }
        if let tabs = f.tabStops {
            xml.start("style:tab-stops")
            for t in tabs.sorted(by: { $0.position < $1.position }) {
                xml.start("style:tab-stop")
                xml.attribute("style:position", ODFValue.length(t.position - tabOrigin))
                switch t.alignment {
                case .left: break
                case .center: xml.attribute("style:type", raw: "center")
                case .right: xml.attribute("style:type", raw: "right")
                case .decimal:
                    xml.attribute("style:type", raw: "char")
                    xml.attribute("style:char", raw: ",")
                }
                switch t.leader {
                case .none: break
                case .dot:
                    xml.attribute("style:leader-style", raw: "dotted")
                    xml.attribute("style:leader-text", raw: ".")
                case .hyphen:
                    xml.attribute("style:leader-style", raw: "solid")
                    xml.attribute("style:leader-text", raw: "-")
                case .underscore:
                    xml.attribute("style:leader-style", raw: "solid")
                    xml.attribute("style:leader-text", raw: "_")
                }
                xml.end()
            }
            xml.end()
        }
        xml.end()
    }
}

// MARK: - Automatic styles

/// A paragraph's automatic style: its named style, its direct formatting, the paragraph
/// mark's character formatting, and what a section start adds.
struct ODTParagraphStyle: Hashable {
    var parent: String
    var format: ParagraphFormat
    var tabOrigin: Length
    var text: RunFormat
    var masterPage: String?
    var pageNumber: Int?
    /// The part of a paragraph after an inline page break starts a page.
    var breakBefore: Bool
}

/// A run's automatic style: a character style and direct formatting on top of it.
struct ODTTextStyle: Hashable {
    var parent: String?
    var format: RunFormat
    /// No background: the paragraph mark's highlight does not reach this run.
    var clearsHighlight = false
}

struct ODTTableStyle: Hashable {
    var width: Length
    var alignment: TableAlignment
    var indent: Length
    var masterPage: String?
    var pageNumber: Int?
}

struct ODTRowStyle: Hashable {
    var height: RowHeight?
    var cantSplit: Bool
}

/// A cell's edges after the table's lines and the cells' overrides are settled.
struct ODTCellStyle: Hashable {
    var top: Border
    var bottom: Border
    var left: Border
    var right: Border
    var padding: CellMargins
    var vertical: CellVerticalAlignment
    var shading: Color?
}

/// The automatic styles of one part (content.xml or styles.xml), deduplicated and named in
/// order of first use. `prefix` keeps the two parts' names apart ("P1" / "MP1").
final class ODTAutomaticStyles {
    let prefix: String
    let fonts: ODTFonts

    private(set) var paragraphs: [ODTParagraphStyle] = []
    private var paragraphNames: [String] = []
    private var paragraphIndex: [ODTParagraphStyle: Int] = [:]
    private(set) var texts: [ODTTextStyle] = []
    private var textNames: [String] = []
    private var textIndex: [ODTTextStyle: Int] = [:]
    private(set) var tables: [(name: String, style: ODTTableStyle)] = []
    private(set) var columns: [Length] = []
    private var columnIndex: [Length: Int] = [:]
    private(set) var rows: [ODTRowStyle] = []
    private var rowIndex: [ODTRowStyle: Int] = [:]
    private(set) var cells: [ODTCellStyle] = []
    private var cellNames: [String] = []
    private var cellIndex: [ODTCellStyle: Int] = [:]
    var usesImages = false

    init(prefix: String, fonts: ODTFonts) {
        self.prefix = prefix
        self.fonts = fonts
    }

    func paragraph(_ s: ODTParagraphStyle) -> String {
        if let i = paragraphIndex[s] { return paragraphNames[i] }
        paragraphIndex[s] = paragraphs.count
        paragraphs.append(s)
        paragraphNames.append("\(prefix)P\(paragraphs.count)")
        return paragraphNames[paragraphNames.count - 1]
    }

    func text(_ s: ODTTextStyle) -> String {
        if let i = textIndex[s] { return textNames[i] }
        textIndex[s] = texts.count
        texts.append(s)
        textNames.append("\(prefix)T\(texts.count)")
        return textNames[textNames.count - 1]
    }

    /// A table's style, named after the table.
    func table(_ s: ODTTableStyle, name: String) -> String {
        tables.append((name, s))
        return name
    }

    func column(_ width: Length) -> String {
        if let i = columnIndex[width] { return "\(prefix)co\(i + 1)" }
        columnIndex[width] = columns.count
        columns.append(width)
        return "\(prefix)co\(columns.count)"
    }

    func row(_ s: ODTRowStyle) -> String {
        if let i = rowIndex[s] { return "\(prefix)ro\(i + 1)" }
        rowIndex[s] = rows.count
        rows.append(s)
        return "\(prefix)ro\(rows.count)"
    }

    func cell(_ s: ODTCellStyle) -> String {
        if let i = cellIndex[s] { return cellNames[i] }
        cellIndex[s] = cells.count
        cells.append(s)
        cellNames.append("\(prefix)ce\(cells.count)")
        return cellNames[cellNames.count - 1]
    }

    var imageStyle: String { "\(prefix)fr1" }

    /// The styles, inside `office:automatic-styles` (written by the caller).
    func write(_ xml: XMLWriter) {
        for (i, s) in paragraphs.enumerated() {
            xml.start("style:style")
            xml.attribute("style:name", paragraphNames[i])
            xml.attribute("style:family", raw: "paragraph")
            xml.attribute("style:parent-style-name", s.parent)
            if let m = s.masterPage { xml.attribute("style:master-page-name", m) }
            let hasParagraph = !s.format.isEmpty || s.breakBefore || s.pageNumber != nil
            // A section's first paragraph always names its page number ("auto" continues).
            if hasParagraph || s.masterPage != nil {
                ODTProperties.writeParagraph(s.format, tabOrigin: s.tabOrigin, breakBefore: s.breakBefore,
                                             pageNumber: s.pageNumber, xml)
            }
            if !s.text.isEmpty { ODTProperties.writeText(s.text, xml, fonts: fonts) }
            xml.end()
        }
        for (i, s) in texts.enumerated() {
            xml.start("style:style")
            xml.attribute("style:name", textNames[i])
            xml.attribute("style:family", raw: "text")
            if let p = s.parent { xml.attribute("style:parent-style-name", p) }
            xml.start("style:text-properties")
            ODTProperties.writeTextAttributes(s.format, xml, fonts: fonts)
            if s.clearsHighlight { xml.attribute("fo:background-color", raw: "transparent") }
            xml.end()
            xml.end()
        }
        for (name, s) in tables {
            xml.start("style:style")
            xml.attribute("style:name", name)
            xml.attribute("style:family", raw: "table")
            if let m = s.masterPage { xml.attribute("style:master-page-name", m) }
            xml.start("style:table-properties")
            xml.attribute("style:width", ODFValue.length(s.width))
            switch s.alignment {
            case .left:
                xml.attribute("table:align", raw: "left")
                xml.attribute("fo:margin-left", ODFValue.length(s.indent))
            case .center: xml.attribute("table:align", raw: "center")
            case .right: xml.attribute("table:align", raw: "right")
            }
            xml.attribute("fo:margin-top", raw: "0mm")
            xml.attribute("fo:margin-bottom", raw: "0mm")
            if let n = s.pageNumber { xml.attribute("style:page-number", n) }
            xml.attribute("table:border-model", raw: "collapsing")
            xml.end()
            xml.end()
        }
        for (i, w) in columns.enumerated() {
            xml.start("style:style")
            xml.attribute("style:name", "\(prefix)co\(i + 1)")
            xml.attribute("style:family", raw: "table-column")
            xml.start("style:table-column-properties")
            xml.attribute("style:column-width", ODFValue.length(w))
            xml.end()
            xml.end()
        }
        for (i, r) in rows.enumerated() {
            xml.start("style:style")
            xml.attribute("style:name", "\(prefix)ro\(i + 1)")
            xml.attribute("style:family", raw: "table-row")
            xml.start("style:table-row-properties")
            switch r.height {
            case .exact(let h)?: xml.attribute("style:row-height", ODFValue.length(max(h, .twips(1))))
            case .atLeast(let h)?: xml.attribute("style:min-row-height", ODFValue.length(max(h, .zero)))
            case nil: break
            }
            xml.attribute("fo:keep-together", raw: r.cantSplit ? "always" : "auto")
            xml.end()
            xml.end()
        }
        for (i, c) in cells.enumerated() {
            xml.start("style:style")
            xml.attribute("style:name", cellNames[i])
            xml.attribute("style:family", raw: "table-cell")
            xml.start("style:table-cell-properties")
            switch c.vertical {
            case .top: xml.attribute("style:vertical-align", raw: "top")
            case .center: xml.attribute("style:vertical-align", raw: "middle")
            case .bottom: xml.attribute("style:vertical-align", raw: "bottom")
            }
            if let s = c.shading { xml.attribute("fo:background-color", ODFValue.color(s)) }
            xml.attribute("fo:padding-top", ODFValue.length(c.padding.top))
            xml.attribute("fo:padding-bottom", ODFValue.length(c.padding.bottom))
            xml.attribute("fo:padding-left", ODFValue.length(c.padding.left))
            xml.attribute("fo:padding-right", ODFValue.length(c.padding.right))
            for (border, name, widths) in [(c.top, "fo:border-top", "style:border-line-width-top"),
                                           (c.bottom, "fo:border-bottom", "style:border-line-width-bottom"),
                                           (c.left, "fo:border-left", "style:border-line-width-left"),
                                           (c.right, "fo:border-right", "style:border-line-width-right")] as [(Border, StaticString, StaticString)] {
                xml.attribute(name, ODFValue.border(border))
                if border.style == .double {
                    let w = ODFValue.points(border.width)
                    xml.attribute(widths, w + " " + w + " " + w)
                }
            }
            xml.end()
            xml.end()
        }
        if usesImages {
            // Pictures sit on the baseline like a character, with no gap around them.
            xml.start("style:style")
            xml.attribute("style:name", imageStyle)
            xml.attribute("style:family", raw: "graphic")
            xml.start("style:graphic-properties")
            xml.attribute("style:vertical-pos", raw: "top")
            xml.attribute("style:vertical-rel", raw: "baseline")
            xml.attribute("fo:margin-left", raw: "0mm")
            xml.attribute("fo:margin-right", raw: "0mm")
            xml.attribute("fo:margin-top", raw: "0mm")
            xml.attribute("fo:margin-bottom", raw: "0mm")
            xml.attribute("fo:padding", raw: "0mm")
            xml.attribute("fo:border", raw: "none")
            xml.attribute("style:mirror", raw: "none")
            xml.end()
            xml.end()
        }
    }
}
