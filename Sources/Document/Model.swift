/// The document model: what a text document holds, independent of the file format. The DOCX
/// and ODT writers render the same model (see docs/NOTES-document-model.md).
///
/// Every formatting property is optional: `nil` inherits from the paragraph's style, then
/// from the document defaults (`StyleSheet.defaults`: Times New Roman 14 pt, vi-VN).

// MARK: - Character formatting

/// Character formatting of a run (direct formatting on top of the styles).
public struct RunFormat: Sendable, Hashable {
    public enum Underline: Sendable, Hashable { case none, single, double }
    public enum VerticalPosition: Sendable, Hashable { case baseline, superscript, `subscript` }

    /// A character style (`StyleID.hyperlink`, `.footnoteReference`, or one of the sheet's).
    public var style: StyleID?
    /// Font family, set by the DOCX writer in all four slots (ascii, hAnsi, cs, eastAsia) and by
    /// the ODT writer for western, Asian and complex text, so Vietnamese never falls back.
    public var font: String?
    /// Size in half-points (13 pt = 26).
    public var halfPoints: Int?
    public var bold: Bool?
    public var italic: Bool?
    public var underline: Underline?
    public var strike: Bool?
    public var position: VerticalPosition?
    public var color: Color?
    public var highlight: Highlight?
    public var smallCaps: Bool?
    public var allCaps: Bool?
    /// BCP 47 tag; nil inherits the document's (vi-VN).
    public var language: String?

    public init(style: StyleID? = nil, font: String? = nil, halfPoints: Int? = nil, bold: Bool? = nil,
                italic: Bool? = nil, underline: Underline? = nil, strike: Bool? = nil,
                position: VerticalPosition? = nil, color: Color? = nil, highlight: Highlight? = nil,
                smallCaps: Bool? = nil, allCaps: Bool? = nil, language: String? = nil) {
        self.style = style
        self.font = font
        self.halfPoints = halfPoints
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.strike = strike
        self.position = position
        self.color = color
        self.highlight = highlight
        self.smallCaps = smallCaps
        self.allCaps = allCaps
        self.language = language
    }

    /// Size in points (13.5 → 27 half-points).
    public static func size(_ points: Double) -> RunFormat { RunFormat(halfPoints: Int((points * 2).rounded())) }
    public static let plain = RunFormat()
    public static let bold = RunFormat(bold: true)
    public static let italic = RunFormat(italic: true)
    public static let boldItalic = RunFormat(bold: true, italic: true)

    /// `other`'s set properties on top of these.
    public func merged(with other: RunFormat) -> RunFormat {
        var r = self
        if let v = other.style { r.style = v }
        if let v = other.font { r.font = v }
        if let v = other.halfPoints { r.halfPoints = v }
        if let v = other.bold { r.bold = v }
        if let v = other.italic { r.italic = v }
        if let v = other.underline { r.underline = v }
        if let v = other.strike { r.strike = v }
        if let v = other.position { r.position = v }
        if let v = other.color { r.color = v }
        if let v = other.highlight { r.highlight = v }
        if let v = other.smallCaps { r.smallCaps = v }
        if let v = other.allCaps { r.allCaps = v }
        if let v = other.language { r.language = v }
        return r
    }

    /// Size in points, when set.
    public var points: Double? { halfPoints.map { Double($0) / 2 } }

    /// True when no property is set.
    public var isEmpty: Bool { self == RunFormat() }
}

/// Text highlight (marker) colours: the sixteen Word offers; ODT writes them as a background
/// colour.
public enum Highlight: String, Sendable, Hashable, CaseIterable {
    case yellow, green, cyan, magenta, blue, red, darkBlue, darkCyan, darkGreen, darkMagenta, darkRed,
         darkYellow, darkGray, lightGray, black, white

    /// The colour both formats show.
    public var color: Color {
        switch self {
        case .yellow: return Color(red: 0xFF, green: 0xFF, blue: 0x00)
        case .green: return Color(red: 0x00, green: 0xFF, blue: 0x00)
        case .cyan: return Color(red: 0x00, green: 0xFF, blue: 0xFF)
        case .magenta: return Color(red: 0xFF, green: 0x00, blue: 0xFF)
        case .blue: return Color(red: 0x00, green: 0x00, blue: 0xFF)
        case .red: return Color(red: 0xFF, green: 0x00, blue: 0x00)
        case .darkBlue: return Color(red: 0x00, green: 0x00, blue: 0x80)
        case .darkCyan: return Color(red: 0x00, green: 0x80, blue: 0x80)
        case .darkGreen: return Color(red: 0x00, green: 0x80, blue: 0x00)
        case .darkMagenta: return Color(red: 0x80, green: 0x00, blue: 0x80)
        case .darkRed: return Color(red: 0x80, green: 0x00, blue: 0x00)
        case .darkYellow: return Color(red: 0x80, green: 0x80, blue: 0x00)
        case .darkGray: return Color(red: 0x80, green: 0x80, blue: 0x80)
        case .lightGray: return Color(red: 0xC0, green: 0xC0, blue: 0xC0)
        case .black: return .black
        case .white: return .white
        }
    }
}

// MARK: - Inline content

/// A run of text with one formatting. In `text`, "\n" is a line break and "\t" a tab
/// (`Run.pieces` splits them for the writers).
public struct Run: Sendable, Hashable {
    public var text: String
    public var format: RunFormat

    public init(_ text: String, _ format: RunFormat = RunFormat()) {
        self.text = text
        self.format = format
    }

    /// A piece of a run's text as writers emit it.
    public enum Piece: Equatable {
        case text(Substring)
        case tab
        case lineBreak
    }

    /// The text cut at tabs and line breaks ("\r\n" and "\r" count as one line break).
    public var pieces: [Piece] {
        if !text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return [.text(text[...])] }
        var out: [Piece] = []
        var start = text.startIndex
        var i = start
        while i < text.endIndex {
            let c = text[i]
            if c == "\t" || c == "\n" || c == "\r" || c == "\r\n" {
                if start < i { out.append(.text(text[start..<i])) }
                out.append(c == "\t" ? .tab : .lineBreak)
                start = text.index(after: i)
            }
            i = text.index(after: i)
        }
        if start < text.endIndex { out.append(.text(text[start...])) }
        return out
    }
}

/// A field whose value the reader computes.
public enum Field: Sendable, Hashable {
    /// The current page number (formatted per the section's `PageNumbering`).
    case page
    /// The number of pages of the document.
    case numberOfPages
}

/// A hyperlink to a URL.
public struct Hyperlink: Sendable, Hashable {
    /// An absolute URL (http, https, mailto).
    public var url: String
    public var runs: [Run]

    public init(url: String, runs: [Run]) {
        self.url = url
        self.runs = runs
    }

    /// A link whose text is `text`, in the `Hyperlink` character style.
    public init(url: String, text: String) {
        self.init(url: url, runs: [Run(text, RunFormat(style: .hyperlink))])
    }
}

/// A footnote: its reference mark in the text, its paragraphs at the foot of the page.
/// Numbered automatically (1, 2, 3 … through the document).
public struct Footnote: Sendable, Hashable {
    public var paragraphs: [Paragraph]

    public init(_ paragraphs: [Paragraph]) { self.paragraphs = paragraphs }

    /// One paragraph of text in the `FootnoteText` style.
    public init(text: String) {
        self.init([Paragraph(style: .footnoteText, [.run(Run(text))])])
    }
}

/// A picture inline with the text.
public struct InlineImage: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case png, jpeg

        public var mediaType: String { self == .png ? "image/png" : "image/jpeg" }
        public var fileExtension: String { self == .png ? "png" : "jpeg" }
    }

    public var data: [UInt8]
    public var format: Format
    public var width: Length
    public var height: Length
    /// Alternative text (read by screen readers).
    public var description: String

    /// An image from PNG or JPEG bytes, shown `width` wide. `height` defaults to the width
    /// times the picture's pixel aspect ratio. Throws when the bytes are neither PNG nor JPEG
    /// or a size is not positive.
    public init(data: [UInt8], width: Length, height: Length? = nil, description: String = "") throws(DocumentError) {
        guard let format = ImageInfo.format(of: data) else {
            throw DocumentError(.invalidImage, "Ảnh không phải PNG hoặc JPEG (\(data.count) byte); hãy dùng tệp .png hoặc .jpg.")
        }
        let pixels = ImageInfo.pixelSize(of: data, format: format)
        let h: Length
        if let height {
            h = height
        } else if let pixels, pixels.width > 0 {
            h = width * (Double(pixels.height) / Double(pixels.width))
        } else {
            throw DocumentError(.invalidImage, "Không đọc được kích thước ảnh \(format.rawValue.uppercased()); hãy ghi rõ chiều cao.")
        }
        guard width.emu > 0, h.emu > 0 else {
            throw DocumentError(.invalidImage, "Kích thước ảnh phải lớn hơn 0 (đang là \(width) × \(h)).")
        }
        self.data = data
        self.format = format
        self.width = width
        self.height = h
        self.description = description
    }
}

/// What a paragraph holds, in order.
public enum Inline: Sendable, Hashable {
    case run(Run)
    /// A tab character, advancing to the next tab stop.
    case tab(RunFormat)
    case lineBreak
    /// Ends the page; the rest of the paragraph starts the next one.
    case pageBreak
    case field(Field, RunFormat)
    case image(InlineImage)
    case hyperlink(Hyperlink)
    case footnote(Footnote)

    /// Text in one formatting.
    public static func text(_ text: String, _ format: RunFormat = RunFormat()) -> Inline { .run(Run(text, format)) }
}

// MARK: - Paragraph formatting

public enum ParagraphAlignment: Sendable, Hashable {
    case left, center, right
    /// Both edges aligned ("căn đều hai lề").
    case justify
}

/// Line spacing of a paragraph.
public enum LineSpacing: Sendable, Hashable {
    /// A multiple of single spacing: 1, 1.15, 1.5, 2.
    case multiple(Double)
    /// Exactly this distance from baseline to baseline.
    case exact(Length)
    /// At least this distance (grows for tall content).
    case atLeast(Length)

    public static let single = LineSpacing.multiple(1)
    public static let onePointFifteen = LineSpacing.multiple(1.15)
    public static let onePointFive = LineSpacing.multiple(1.5)
    public static let double = LineSpacing.multiple(2)
}

/// A tab stop.
public struct TabStop: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable { case left, center, right, decimal }
    public enum Leader: Sendable, Hashable { case none, dot, hyphen, underscore }

    /// From the left edge of the text area (the page margin or the cell's content edge), not
    /// from the paragraph's indent. (ODT: write `text:tab-stops-relative-to-indent` false or
    /// subtract the left indent.)
    public var position: Length
    public var alignment: Alignment
    public var leader: Leader

    public init(_ position: Length, _ alignment: Alignment = .left, leader: Leader = .none) {
        self.position = position
        self.alignment = alignment
        self.leader = leader
    }
}

/// Borders around a paragraph (each side optional).
public struct ParagraphBorders: Sendable, Hashable {
    public var top: Border?
    public var bottom: Border?
    public var left: Border?
    public var right: Border?
    /// Distance between the bottom border and the text, in points.
    public var bottomSpace: Double

    public init(top: Border? = nil, bottom: Border? = nil, left: Border? = nil, right: Border? = nil, bottomSpace: Double = 1) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
        self.bottomSpace = bottomSpace
    }
}

/// Paragraph formatting (direct formatting on top of the style).
public struct ParagraphFormat: Sendable, Hashable {
    public var alignment: ParagraphAlignment?
    /// Left indent from the text margin.
    public var leftIndent: Length?
    public var rightIndent: Length?
    /// Positive: the first line starts further right ("thụt đầu dòng"); negative: a hanging
    /// indent (the first line starts further left than the rest; set `leftIndent` too).
    public var firstLineIndent: Length?
    public var spaceBefore: Length?
    public var spaceAfter: Length?
    public var lineSpacing: LineSpacing?
    public var keepWithNext: Bool?
    /// Keep the lines of the paragraph on one page.
    public var keepTogether: Bool?
    public var pageBreakBefore: Bool?
    /// Widow and orphan control (on by default in both formats).
    public var widowControl: Bool?
    /// Tab stops added to the style's (positions from the left margin of the text area).
    public var tabStops: [TabStop]?
    public var borders: ParagraphBorders?
    public var shading: Color?
    /// Outline level 1–9 (headings appear in the navigator / table of contents).
    public var outlineLevel: Int?

    public init(alignment: ParagraphAlignment? = nil, leftIndent: Length? = nil, rightIndent: Length? = nil,
                firstLineIndent: Length? = nil, spaceBefore: Length? = nil, spaceAfter: Length? = nil,
                lineSpacing: LineSpacing? = nil, keepWithNext: Bool? = nil, keepTogether: Bool? = nil,
                pageBreakBefore: Bool? = nil, widowControl: Bool? = nil, tabStops: [TabStop]? = nil,
                borders: ParagraphBorders? = nil, shading: Color? = nil, outlineLevel: Int? = nil) {
        self.alignment = alignment
        self.leftIndent = leftIndent
        self.rightIndent = rightIndent
        self.firstLineIndent = firstLineIndent
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.lineSpacing = lineSpacing
        self.keepWithNext = keepWithNext
        self.keepTogether = keepTogether
        self.pageBreakBefore = pageBreakBefore
        self.widowControl = widowControl
        self.tabStops = tabStops
        self.borders = borders
        self.shading = shading
        self.outlineLevel = outlineLevel
    }

    /// `other`'s set properties on top of these.
    public func merged(with other: ParagraphFormat) -> ParagraphFormat {
        var r = self
        if let v = other.alignment { r.alignment = v }
        if let v = other.leftIndent { r.leftIndent = v }
        if let v = other.rightIndent { r.rightIndent = v }
        if let v = other.firstLineIndent { r.firstLineIndent = v }
        if let v = other.spaceBefore { r.spaceBefore = v }
        if let v = other.spaceAfter { r.spaceAfter = v }
        if let v = other.lineSpacing { r.lineSpacing = v }
        if let v = other.keepWithNext { r.keepWithNext = v }
        if let v = other.keepTogether { r.keepTogether = v }
        if let v = other.pageBreakBefore { r.pageBreakBefore = v }
        if let v = other.widowControl { r.widowControl = v }
        if let v = other.tabStops { r.tabStops = v }
        if let v = other.borders { r.borders = v }
        if let v = other.shading { r.shading = v }
        if let v = other.outlineLevel { r.outlineLevel = v }
        return r
    }

    public var isEmpty: Bool { self == ParagraphFormat() }
}

/// A paragraph that belongs to a list: the list instance and the level (0-based).
public struct ListItem: Sendable, Hashable {
    public var list: ListID
    public var level: Int

    public init(_ list: ListID, level: Int = 0) {
        self.list = list
        self.level = level
    }
}

/// A paragraph.
public struct Paragraph: Sendable, Hashable {
    /// The paragraph style; nil is `StyleID.normal`.
    public var style: StyleID?
    public var format: ParagraphFormat
    /// The number or bullet in front of the paragraph.
    public var list: ListItem?
    /// Character formatting of the paragraph mark: sets the height of an empty paragraph and
    /// the size of its list number.
    public var markFormat: RunFormat
    public var content: [Inline]

    public init(style: StyleID? = nil, format: ParagraphFormat = ParagraphFormat(), list: ListItem? = nil,
                markFormat: RunFormat = RunFormat(), _ content: [Inline] = []) {
        self.style = style
        self.format = format
        self.list = list
        self.markFormat = markFormat
        self.content = content
    }

    /// A paragraph of one run.
    public init(_ text: String, _ format: RunFormat = RunFormat(), style: StyleID? = nil,
                paragraph: ParagraphFormat = ParagraphFormat()) {
        self.init(style: style, format: paragraph, markFormat: format.isEmpty ? RunFormat() : format,
                  text.isEmpty ? [] : [.run(Run(text, format))])
    }

    /// The text of the paragraph (tabs as "\t", line breaks as "\n"; fields, images and
    /// footnotes left out).
    public var plainText: String {
        var s = ""
        for item in content {
            switch item {
            case .run(let r): s += r.text
            case .tab: s += "\t"
            case .lineBreak: s += "\n"
            case .hyperlink(let h): for r in h.runs { s += r.text }
            default: break
            }
        }
        return s
    }
}

// MARK: - Blocks

/// A horizontal line of a given length: the short rules under the tiêu ngữ and the agency
/// name. Writers draw it as the bottom border of an otherwise empty, low paragraph whose
/// indents centre (or place) the line in the width available (`paragraph(within:)`), so both
/// formats render it the same way without drawing objects.
public struct HorizontalRule: Sendable, Hashable {
    public var length: Length
    public var alignment: ParagraphAlignment
    public var border: Border
    /// Space above the line (the gap between the text above and the rule).
    public var spaceBefore: Length
    /// Space below the line.
    public var spaceAfter: Length

    public init(length: Length, alignment: ParagraphAlignment = .center, border: Border = .rule,
                spaceBefore: Length = .pt(2), spaceAfter: Length = .pt(4)) {
        self.length = length
        self.alignment = alignment
        self.border = border
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
    }

    /// The line's height (the carrier paragraph is exactly this high, the border under it).
    public static let carrierHeight = Length.pt(2)

    /// The paragraph that draws this rule in a text area `available` wide.
    public func paragraph(within available: Length) -> Paragraph {
        let free = max(available - length, .zero)
        let left: Length, right: Length
        switch alignment {
        case .left, .justify: left = .zero; right = free
        case .right: left = free; right = .zero
        case .center: left = free / 2; right = free - free / 2
        }
        var f = ParagraphFormat(alignment: .left, leftIndent: left, rightIndent: right, firstLineIndent: .zero,
                                spaceBefore: spaceBefore, spaceAfter: spaceAfter,
                                lineSpacing: .exact(HorizontalRule.carrierHeight), keepWithNext: nil)
        f.borders = ParagraphBorders(bottom: border, bottomSpace: 0)
        return Paragraph(style: .normal, format: f, markFormat: RunFormat(halfPoints: 2))
    }
}

/// A piece of the body: paragraphs, tables and rules, in order.
public enum Block: Sendable, Hashable {
    case paragraph(Paragraph)
    /// A table held in memory (for streamed tables see `DocumentWriter.beginTable`).
    case table(TableBlock)
    case rule(HorizontalRule)
}
