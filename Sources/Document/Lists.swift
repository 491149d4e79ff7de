/// Lists with real numbering definitions (numbering.xml in DOCX, text:list-style in ODT).
///
/// A `ListDefinition` describes the levels (number format, text around it, indents). Each
/// call of `newList(_:)` (on `DocumentWriter` or `Document`) starts a list instance whose
/// numbering begins again at the levels' `start`: a new "I., II." list restarts at I.

/// How a level counts.
public enum ListNumberFormat: Sendable, Hashable {
    /// 1, 2, 3
    case decimal
    /// I, II, III
    case upperRoman
    /// i, ii, iii
    case lowerRoman
    /// a, b, c (Latin order: both formats' numbering knows no "đ"; see NOTES-document-model.md)
    case lowerLetter
    /// A, B, C
    case upperLetter
    /// A fixed mark ("-", "+", "•") instead of a number.
    case bullet(String)
}

/// What separates the number from the text.
public enum ListSuffix: Sendable, Hashable { case tab, space, nothing }

/// One level of a list.
public struct ListLevel: Sendable, Hashable {
    public var format: ListNumberFormat
    /// Text before the number(s) ("" or "(").
    public var prefix: String
    /// Text after the number(s): "." for "I.", ")" for "a)".
    public var suffix: String
    /// How many levels' numbers are shown, ending with this one: 2 gives "1.2." (ignored by
    /// bullets).
    public var displayLevels: Int
    public var start: Int
    /// Left edge of the text lines after the first.
    public var leftIndent: Length
    /// Where the first line (the number) starts, relative to `leftIndent`: positive indents it
    /// (Vietnamese body style: "- text" at 1.27 cm, later lines at the margin), negative
    /// hangs it.
    public var firstLineIndent: Length
    public var followedBy: ListSuffix
    /// Formatting of the number (bold for "I.").
    public var numberFormat: RunFormat

    public init(_ format: ListNumberFormat, prefix: String = "", suffix: String = "", displayLevels: Int = 1, start: Int = 1,
                leftIndent: Length = .zero, firstLineIndent: Length = .mm(12.7), followedBy: ListSuffix = .space,
                numberFormat: RunFormat = RunFormat()) {
        self.format = format
        self.prefix = prefix
        self.suffix = suffix
        self.displayLevels = max(1, displayLevels)
        self.start = start
        self.leftIndent = leftIndent
        self.firstLineIndent = firstLineIndent
        self.followedBy = followedBy
        self.numberFormat = numberFormat
    }

    public var isBullet: Bool {
        if case .bullet = format { return true }
        return false
    }

    /// The label of item `n` (1-based) when the levels above show `parents` (for
    /// `displayLevels` > 1). Used by tests and by writers that need the text.
    public func label(_ n: Int, parents: [Int] = []) -> String {
        if case .bullet(let mark) = format { return prefix + mark + suffix }
        let shown = (parents + [n]).suffix(displayLevels)
        return prefix + shown.map { ListLevel.format($0, format) }.joined(separator: ".") + suffix
    }

    static func format(_ n: Int, _ f: ListNumberFormat) -> String {
        switch f {
        case .decimal: return String(n)
        case .upperRoman: return roman(n)
        case .lowerRoman: return roman(n).lowercased()
        case .lowerLetter: return letters(n, base: 97)
        case .upperLetter: return letters(n, base: 65)
        case .bullet(let s): return s
        }
    }

    static func roman(_ n: Int) -> String {
        guard n > 0 && n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var v = n, s = ""
        for (value, text) in table { while v >= value { s += text; v -= value } }
        return s
    }

    /// a…z, then aa, bb … (Word's and LibreOffice's letter numbering).
    static func letters(_ n: Int, base: UInt8) -> String {
        guard n > 0 else { return String(n) }
        let letter = Character(Unicode.Scalar(base + UInt8((n - 1) % 26)))
        return String(repeating: letter, count: (n - 1) / 26 + 1)
    }
}

/// The levels of a kind of list (1 to 9 levels).
public struct ListDefinition: Sendable, Hashable {
    public var levels: [ListLevel]

    public init(levels: [ListLevel]) { self.levels = Array(levels.prefix(9)) }

    public init(_ level: ListLevel) { self.init(levels: [level]) }

    /// "I.", "II." — mục of a plan (bold, like the heading text).
    public static let upperRoman = ListDefinition(ListLevel(.upperRoman, suffix: ".", numberFormat: RunFormat(bold: true)))
    /// "1.", "2." — khoản.
    public static let decimal = ListDefinition(ListLevel(.decimal, suffix: "."))
    /// "a)", "b)" — điểm.
    public static let letter = ListDefinition(ListLevel(.lowerLetter, suffix: ")"))
    /// "- " items.
    public static let dash = ListDefinition(ListLevel(.bullet("-")))
    /// "+ " items (under a dash).
    public static let plus = ListDefinition(ListLevel(.bullet("+")))

    /// The five levels of a plan or report: I. / 1. / a) / - / +, each number at 1.27 cm
    /// followed by a space, later lines at the margin (the usual Vietnamese body layout).
    public static let plan = ListDefinition(levels: [
        ListLevel(.upperRoman, suffix: ".", numberFormat: RunFormat(bold: true)),
        ListLevel(.decimal, suffix: "."),
        ListLevel(.lowerLetter, suffix: ")"),
        ListLevel(.bullet("-")),
        ListLevel(.bullet("+")),
    ])
}

/// A list instance: paragraphs that share it count together.
public struct ListID: Sendable, Hashable {
    /// 0-based index among the document's list instances.
    public let index: Int
    public init(index: Int) { self.index = index }
}

/// The definitions and instances of a document's lists.
public struct ListRegistry: Sendable, Hashable {
    /// Distinct definitions, in order of first use.
    public private(set) var definitions: [ListDefinition] = []
    /// Per instance (`ListID.index`): the index of its definition.
    public private(set) var instances: [Int] = []

    public init() {}

    /// Starts a new list instance of `definition`.
    public mutating func newList(_ definition: ListDefinition) -> ListID {
        let d: Int
        if let i = definitions.firstIndex(of: definition) {
            d = i
        } else {
            d = definitions.count
            definitions.append(definition)
        }
        instances.append(d)
        return ListID(index: instances.count - 1)
    }

    /// The definition of an instance.
    public func definition(of list: ListID) -> ListDefinition? {
        guard list.index >= 0, list.index < instances.count else { return nil }
        return definitions[instances[list.index]]
    }

    /// Whether `list` is the first instance of its definition (later ones restart numbering).
    public func isFirstInstance(_ list: ListID) -> Bool {
        guard list.index < instances.count else { return false }
        let d = instances[list.index]
        return instances.firstIndex(of: d) == list.index
    }
}
