/// Position of a tag item.
enum TagPosition: UInt8, Sendable {
    case start, end, selfClosing, none
}

/// What a placeholder does.
enum PlaceholderModule: Sendable {
    /// `{name | formatters}`
    case value
    /// `{#x}`, `{^x}`, `{-w:p x}`, `{/x}`
    case loop
    /// A Word MERGEFIELD / IF / NEXT field (or an ODF database field), replaced by its result.
    case field
}

/// A Word or ODF field the engine fills.
struct FieldInfo: Sendable {
    enum Kind: Sendable {
        /// MERGEFIELD name with its switches.
        case merge(name: TagPath, switches: [FieldSwitch])
        /// IF: the instruction's pieces, nested fields already turned into placeholders of
        /// their own (`nested`); evaluated after them.
        case conditional(pieces: [InstructionPiece], switches: [FieldSwitch])
        /// NEXT: moves to the next record; shows nothing.
        case next
    }

    var kind: Kind
    /// Bytes copied before the value: the run start and run properties of the field's result
    /// (its formatting), ending where the text goes (`<w:r><w:rPr>…</w:rPr><w:t xml:space="preserve">`).
    var runOpen: [UInt8]
    /// Bytes after the value (`</w:t></w:r>`).
    var runClose: [UInt8]
    /// Record offset from the record the document starts with (NEXT fields before it).
    var recordOffset: Int
}

struct FieldSwitch: Sendable, Hashable {
    var flag: String
    var argument: String
}

/// A piece of a field instruction: literal text or a nested field.
enum InstructionPiece: Sendable {
    case text(String)
    case field(FieldInfo.Kind)
}

/// A tag between delimiters (or a field), with what the compiler learnt about it.
final class Placeholder {
    var module: PlaceholderModule
    var tag: ParsedTag
    /// Offset of the opening delimiter in the part's text.
    var offset: Int
    var lIndex: Int
    var endLindex: Int
    var field: FieldInfo?
    /// Where the value's key was found in the last record (see `Scope.lookup(_:hint:)`).
    var keyHint = 0
    /// The key of a one-component path, looked up in a flattened loop's item first
    /// (`PartRenderer.renderFlatDirect`); nil otherwise.
    var directKey: String?

    // Loops
    /// "auto" unless the tag names its element (`{-w:p x}`); nil once expanded.
    var expandTo: String?
    var inverted = false
    /// `start` for `{#x}`, `end` for `{/x}`.
    var isOpening = false
    var subparsed: [Item]?
    var paragraphLoop = false
    var hasPageBreak = false
    var hasPageBreakBeginning = false
    var sectPrCount = 0
    var addContinuousType = false
    var addNextPage: Int?
    var lastParagraphSectPr: [UInt8] = []
    /// Set when the loop's scope was widened to whole elements (a table row, paragraphs).
    var expanded = false
    /// Synthesised by the engine (a table row of MERGEFIELDs repeated over `rows`).
    var synthetic = false

    init(module: PlaceholderModule, tag: ParsedTag, offset: Int, lIndex: Int) {
        self.module = module
        self.tag = tag
        self.offset = offset
        self.lIndex = lIndex
        self.endLindex = lIndex
        if case .open(let inverted, let expandTo) = tag.kind {
            self.isOpening = true
            self.inverted = inverted
            self.expandTo = expandTo ?? "auto"
        }
    }

    var isLoopStart: Bool { module == .loop && isOpening }
    var isLoopEnd: Bool { module == .loop && !isOpening }
}

/// One item of a lexed part: an XML tag the engine looks at, opaque content, a delimiter, or a
/// placeholder.
struct Item {
    enum Kind: UInt8 { case tag, content, delimiter, placeholder }

    var kind: Kind
    var position: TagPosition = .none
    var name: Int32 = -1
    /// A text element's tag (`w:t`).
    var isText = false
    /// Content inside a text element.
    var inside = false
    /// Source bytes.
    var start: Int = 0
    var end: Int = 0
    /// Replacement bytes for a tag the engine changed (`<w:t xml:space="preserve">`).
    var replacement: [UInt8]?
    var lIndex: Int = 0
    /// Text offset (delimiters).
    var offset: Int = 0
    var placeholder: Placeholder?

    static func tag(_ position: TagPosition, name: Int32, isText: Bool, start: Int, end: Int) -> Item {
        Item(kind: .tag, position: position, name: name, isText: isText, start: start, end: end)
    }

    static func content(inside: Bool, start: Int, end: Int) -> Item {
        Item(kind: .content, inside: inside, start: start, end: end)
    }

    static func placeholder(_ p: Placeholder) -> Item {
        Item(kind: .placeholder, lIndex: p.lIndex, offset: p.offset, placeholder: p)
    }

    // docxtemplater's predicates.
    func isTagStart(_ n: Int32) -> Bool { kind == .tag && name == n && (position == .start || position == .selfClosing) }
    func isTagEnd(_ n: Int32) -> Bool { kind == .tag && name == n && position == .end }
    /// A placeholder or text content.
    var isContent: Bool { kind == .placeholder || (kind == .content && inside) }
    func isModule(_ m: PlaceholderModule) -> Bool { kind == .placeholder && placeholder?.module == m }
}
