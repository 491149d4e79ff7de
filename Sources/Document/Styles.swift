/// Named styles and document defaults.

/// The identifier of a named style ("Normal", "Heading1"). DOCX writes it as `w:styleId`; ODT
/// derives its style name from it.
public struct StyleID: Sendable, Hashable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let normal: StyleID = "Normal"
    /// Body text of official documents: justified, first-line indent, 6 pt after.
    public static let bodyText: StyleID = "BodyText"
    /// "I. MỤC ĐÍCH, YÊU CẦU" (mục: Roman numeral, upper case, bold).
    public static let heading1: StyleID = "Heading1"
    /// "1. Mục đích" (khoản with a title: bold).
    public static let heading2: StyleID = "Heading2"
    /// "a) …" (điểm: regular).
    public static let heading3: StyleID = "Heading3"
    /// The document type line ("KẾ HOẠCH"): bold, centred.
    public static let title: StyleID = "Title"
    public static let header: StyleID = "Header"
    public static let footer: StyleID = "Footer"
    public static let footnoteText: StyleID = "FootnoteText"
    /// Table cell text: no indent, no spacing.
    public static let tableText: StyleID = "TableText"
    /// Character style of footnote marks (superscript).
    public static let footnoteReference: StyleID = "FootnoteReference"
    /// Character style of links (blue, underlined).
    public static let hyperlink: StyleID = "Hyperlink"
}

/// A named paragraph or character style.
public struct NamedStyle: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case paragraph, character }

    public var id: StyleID
    /// The name shown in word processors; for the built-in styles Word's own English name
    /// ("heading 1", "footnote text"), which Word and LibreOffice localise.
    public var name: String
    public var kind: Kind
    public var basedOn: StyleID?
    /// The style of the paragraph that follows (paragraph styles).
    public var next: StyleID?
    public var paragraph: ParagraphFormat
    public var run: RunFormat

    public init(_ id: StyleID, name: String, kind: Kind = .paragraph, basedOn: StyleID? = .normal, next: StyleID? = nil,
                paragraph: ParagraphFormat = ParagraphFormat(), run: RunFormat = RunFormat()) {
        self.id = id
        self.name = name
        self.kind = kind
        self.basedOn = id == .normal ? nil : basedOn
        self.next = next
        self.paragraph = paragraph
        self.run = run
    }
}

/// The document defaults and the named styles.
public struct StyleSheet: Sendable, Hashable {
    /// Character defaults of every run: Times New Roman, 14 pt, black, vi-VN.
    public var defaultRun: RunFormat
    /// Paragraph defaults: no spacing, single lines, widow control.
    public var defaultParagraph: ParagraphFormat
    /// Named styles, written in this order (`Normal` first).
    public private(set) var styles: [NamedStyle]
    /// Position of each style in `styles` (lookups happen per paragraph).
    private var positions: [StyleID: Int] = [:]

    public init(defaultRun: RunFormat = StyleSheet.timesNewRoman14, defaultParagraph: ParagraphFormat = StyleSheet.plainParagraph,
                styles: [NamedStyle] = StyleSheet.builtIn) {
        self.defaultRun = defaultRun
        self.defaultParagraph = defaultParagraph
        self.styles = []
        for s in styles { set(s) }
        if style(.normal) == nil {
            self.styles.insert(NamedStyle(.normal, name: "Normal"), at: 0)
            positions = Dictionary(uniqueKeysWithValues: self.styles.enumerated().map { ($1.id, $0) })
        }
    }

    public static let timesNewRoman14 = RunFormat(font: "Times New Roman", halfPoints: 28, bold: false, italic: false,
                                                  color: .black, language: "vi-VN")
    public static let plainParagraph = ParagraphFormat(alignment: .left, leftIndent: .zero, rightIndent: .zero,
                                                       firstLineIndent: .zero, spaceBefore: .zero, spaceAfter: .zero,
                                                       lineSpacing: .single, widowControl: true)

    /// The styles every document starts with.
    public static let builtIn: [NamedStyle] = [
        NamedStyle(.normal, name: "Normal"),
        NamedStyle(.bodyText, name: "Body Text",
                   paragraph: ParagraphFormat(alignment: .justify, firstLineIndent: .mm(12.7), spaceBefore: .pt(6),
                                              lineSpacing: .single)),
        NamedStyle(.heading1, name: "heading 1", next: .bodyText,
                   paragraph: ParagraphFormat(alignment: .justify, firstLineIndent: .mm(12.7), spaceBefore: .pt(6),
                                              keepWithNext: true, keepTogether: true, outlineLevel: 1),
                   run: RunFormat(bold: true)),
        NamedStyle(.heading2, name: "heading 2", next: .bodyText,
                   paragraph: ParagraphFormat(alignment: .justify, firstLineIndent: .mm(12.7), spaceBefore: .pt(6),
                                              keepWithNext: true, keepTogether: true, outlineLevel: 2),
                   run: RunFormat(bold: true)),
        NamedStyle(.heading3, name: "heading 3", next: .bodyText,
                   paragraph: ParagraphFormat(alignment: .justify, firstLineIndent: .mm(12.7), spaceBefore: .pt(6),
                                              keepWithNext: true, outlineLevel: 3)),
        NamedStyle(.title, name: "Title", next: .normal,
                   paragraph: ParagraphFormat(alignment: .center, keepWithNext: true),
                   run: RunFormat(bold: true)),
        NamedStyle(.header, name: "header", paragraph: ParagraphFormat(alignment: .center)),
        NamedStyle(.footer, name: "footer", paragraph: ParagraphFormat(alignment: .center)),
        NamedStyle(.footnoteText, name: "footnote text",
                   paragraph: ParagraphFormat(alignment: .justify), run: RunFormat(halfPoints: 20)),
        NamedStyle(.tableText, name: "Table Text"),
        NamedStyle(.footnoteReference, name: "footnote reference", kind: .character, basedOn: nil,
                   run: RunFormat(position: .superscript)),
        NamedStyle(.hyperlink, name: "Hyperlink", kind: .character, basedOn: nil,
                   run: RunFormat(underline: .single, color: .hyperlinkBlue)),
    ]

    /// The style with this id.
    public func style(_ id: StyleID) -> NamedStyle? { positions[id].map { styles[$0] } }

    /// Whether a style with this id and kind exists.
    public func contains(_ id: StyleID, kind: NamedStyle.Kind) -> Bool {
        guard let i = positions[id] else { return false }
        return styles[i].kind == kind
    }

    /// Adds a style or replaces the one with the same id (keeping its place).
    public mutating func set(_ style: NamedStyle) {
        if let i = positions[style.id] {
            styles[i] = style
        } else {
            positions[style.id] = styles.count
            styles.append(style)
        }
    }

    /// The character formatting a paragraph of this style starts from (defaults, then the
    /// chain of `basedOn` styles). Writers that need resolved values (measurements) use this.
    public func resolvedRun(_ id: StyleID?) -> RunFormat {
        var chain: [NamedStyle] = []
        var cursor = id ?? .normal
        while let s = style(cursor), !chain.contains(where: { $0.id == s.id }) {
            chain.append(s)
            guard let b = s.basedOn else { break }
            cursor = b
        }
        return chain.reversed().reduce(defaultRun) { $0.merged(with: $1.run) }
    }

    /// The paragraph formatting of a style, resolved as `resolvedRun`.
    public func resolvedParagraph(_ id: StyleID?) -> ParagraphFormat {
        var chain: [NamedStyle] = []
        var cursor = id ?? .normal
        while let s = style(cursor), !chain.contains(where: { $0.id == s.id }) {
            chain.append(s)
            guard let b = s.basedOn else { break }
            cursor = b
        }
        return chain.reversed().reduce(defaultParagraph) { $0.merged(with: $1.paragraph) }
    }

    /// Checks `basedOn`/`next` references and cycles.
    public func validate() throws(DocumentError) {
        for s in styles {
            for ref in [s.basedOn, s.next].compactMap({ $0 }) where style(ref) == nil {
                throw DocumentError(.invalidStyle, "Kiểu «\(s.id)» tham chiếu kiểu «\(ref)» không có trong bảng kiểu.")
            }
            var seen: Set<StyleID> = [s.id]
            var cursor = s.basedOn
            while let c = cursor {
                if seen.contains(c) {
                    throw DocumentError(.invalidStyle, "Kiểu «\(s.id)» kế thừa vòng tròn qua «\(c)».")
                }
                seen.insert(c)
                cursor = style(c)?.basedOn
            }
        }
    }
}
