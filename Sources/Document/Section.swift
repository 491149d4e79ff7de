/// Sections: page size and orientation, margins, headers and footers, page numbering.
/// A document is one or more sections; each starts on a new page.

public enum PageOrientation: Sendable, Hashable { case portrait, landscape }

/// Paper size, given portrait (width < height).
public struct PageSize: Sendable, Hashable {
    public var width: Length
    public var height: Length

    public init(width: Length, height: Length) {
        self.width = width
        self.height = height
    }

    /// A4, 210 × 297 mm: every administrative document (NĐ 30/2020 Phụ lục I).
    public static let a4 = PageSize(width: .mm(210), height: .mm(297))
    public static let a5 = PageSize(width: .mm(148), height: .mm(210))
}

/// Page margins and the distances of the header and footer from the paper's edge.
public struct PageMargins: Sendable, Hashable {
    public var top: Length
    public var bottom: Length
    public var left: Length
    public var right: Length
    /// Paper edge to the top of the header.
    public var header: Length
    /// Paper edge to the bottom of the footer.
    public var footer: Length

    public init(top: Length, bottom: Length, left: Length, right: Length, header: Length = .mm(10), footer: Length = .mm(10)) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
        self.header = header
        self.footer = footer
    }

    /// The decree's ranges (top 20–25, bottom 20–25, left 30–35, right 15–20 mm) at the values
    /// its own annex files use: 25 / 20 / 35 / 20 mm, header and footer 10 mm.
    public static let decree = PageMargins(top: .mm(25), bottom: .mm(20), left: .mm(35), right: .mm(20))
    /// 2 cm on every side.
    public static let standard = PageMargins(top: .mm(20), bottom: .mm(20), left: .mm(20), right: .mm(20))
}

/// How page numbers are written.
public enum PageNumberFormat: Sendable, Hashable {
    case decimal, upperRoman, lowerRoman, upperLetter, lowerLetter
}

/// Page numbering of a section.
public struct PageNumbering: Sendable, Hashable {
    /// The first page's number; nil continues from the previous section.
    public var start: Int?
    public var format: PageNumberFormat

    public init(start: Int? = nil, format: PageNumberFormat = .decimal) {
        self.start = start
        self.format = format
    }
}

/// The content of a header or footer.
public struct HeaderFooter: Sendable, Hashable {
    public var blocks: [Block]

    public init(_ blocks: [Block]) { self.blocks = blocks }

    /// Nothing (a blank first-page header).
    public static let empty = HeaderFooter([])

    /// The page number, centred, in the given size (the decree: 13–14 pt, centred at the top).
    public static func pageNumber(alignment: ParagraphAlignment = .center, format: RunFormat = RunFormat()) -> HeaderFooter {
        HeaderFooter([.paragraph(Paragraph(style: .header, format: ParagraphFormat(alignment: alignment),
                                           [.field(.page, format)]))])
    }
}

/// One section's page setup.
public struct Section: Sendable, Hashable {
    /// Paper size as portrait; `orientation` turns it.
    public var pageSize: PageSize
    public var orientation: PageOrientation
    public var margins: PageMargins
    /// Header of every page (or of every page but the first when `firstPageHeader` is set).
    public var header: HeaderFooter?
    public var footer: HeaderFooter?
    /// A different first page: its own header and footer (`.empty` for none). Setting either
    /// turns the first-page variant on.
    public var firstPageHeader: HeaderFooter?
    public var firstPageFooter: HeaderFooter?
    public var pageNumbering: PageNumbering

    public init(pageSize: PageSize = .a4, orientation: PageOrientation = .portrait, margins: PageMargins = .decree,
                header: HeaderFooter? = nil, footer: HeaderFooter? = nil, firstPageHeader: HeaderFooter? = nil,
                firstPageFooter: HeaderFooter? = nil, pageNumbering: PageNumbering = PageNumbering()) {
        self.pageSize = pageSize
        self.orientation = orientation
        self.margins = margins
        self.header = header
        self.footer = footer
        self.firstPageHeader = firstPageHeader
        self.firstPageFooter = firstPageFooter
        self.pageNumbering = pageNumbering
    }

    /// Whether the first page has its own header and footer.
    public var hasDifferentFirstPage: Bool { firstPageHeader != nil || firstPageFooter != nil }

    /// The paper as it lies: width < height in portrait, the reverse in landscape.
    public var paperWidth: Length {
        orientation == .portrait ? min(pageSize.width, pageSize.height) : max(pageSize.width, pageSize.height)
    }
    public var paperHeight: Length {
        orientation == .portrait ? max(pageSize.width, pageSize.height) : min(pageSize.width, pageSize.height)
    }

    /// Width between the left and right margins.
    public var textWidth: Length { paperWidth - margins.left - margins.right }
    public var textHeight: Length { paperHeight - margins.top - margins.bottom }
}
