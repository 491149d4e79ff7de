/// A value read from a YAML or JSON document, with the place it was written.
///
/// The loader (`StructuredLoader`) produces it; `StructuredDecoder` turns it into plain
/// `Decodable` models. Every string it holds (scalars and keys) is in NFC when it comes from the
/// loader. `line` and `column` are 1-based; columns count Unicode scalars, as libyaml does.
///
/// Scalars keep their text exactly as written: interpreting `12`, `true` or `2019-04-11` is the
/// decoder's job, which depends on the target type. So `ma_so: 007` decoded as a `String` is
/// `"007"`, not `7`.
public struct DataNode: Sendable, Hashable {
    /// What the node holds.
    public enum Content: Sendable, Hashable {
        /// A scalar as written (NFC). `quoted` is true for YAML single- or double-quoted scalars,
        /// block scalars (`|`, `>`) and scalars tagged `!!str`, and for JSON strings; false for
        /// plain YAML scalars and JSON numbers and `true`/`false`.
        case scalar(String, quoted: Bool)
        /// A sequence (YAML `- item`, JSON `[ ]`), in document order.
        case sequence([DataNode])
        /// A mapping (YAML `key: value`, JSON `{ }`), keys in document order, no two equal.
        case mapping([Entry])
        /// YAML `~`, `null`, an empty value, or JSON `null`.
        case null
    }

    /// One `key: value` pair of a mapping; `line`/`column` locate the key.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var line: Int
        public var column: Int
        public var value: DataNode

        public init(key: String, line: Int, column: Int, value: DataNode) {
            self.key = key
            self.line = line
            self.column = column
            self.value = value
        }
    }

    public var content: Content
    /// 1-based line of the node's first character (for a YAML block mapping: its first key).
    public var line: Int
    /// 1-based column (in Unicode scalars) of the node's first character.
    public var column: Int

    public init(_ content: Content, line: Int, column: Int) {
        self.content = content
        self.line = line
        self.column = column
    }

    /// The scalar's text, or nil for other nodes.
    public var scalar: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// Whether the node is a null.
    public var isNull: Bool {
        if case .null = content { return true }
        return false
    }

    /// The elements of a sequence, or nil.
    public var elements: [DataNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The entries of a mapping, or nil.
    public var entries: [Entry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    /// The value under `key` in a mapping (exact match; linear search), or nil.
    public subscript(key: String) -> DataNode? {
        entries?.first { $0.key == key }?.value
    }

    /// The element at `index` of a sequence, or nil.
    public subscript(index: Int) -> DataNode? {
        guard let items = elements, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// Whether both nodes hold the same values (scalar text and quoting, order of elements and
    /// entries), ignoring where they were written.
    public func hasSameContent(as other: DataNode) -> Bool {
        switch (content, other.content) {
        case (.null, .null):
            return true
        case let (.scalar(a, qa), .scalar(b, qb)):
            return qa == qb && a == b
        case let (.sequence(a), .sequence(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.hasSameContent(as: $1) }
        case let (.mapping(a), .mapping(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value.hasSameContent(as: $1.value) }
        default:
            return false
        }
    }

    /// How the node is described in messages: "giá trị «abc»", "một danh sách (3 phần tử)"…
    var foundDescription: String {
        switch content {
        case .scalar(let text, _): return "giá trị \(quoteForMessage(text))"
        case .sequence(let items): return "một danh sách (\(items.count) phần tử)"
        case .mapping: return "một bảng khóa–giá trị"
        case .null: return "giá trị rỗng"
        }
    }
}

/// A user value quoted for a message, «like this», shortened when very long and with line
/// breaks shown as "↵" so a message stays on one line.
func quoteForMessage(_ value: String) -> String {
    let limit = 80
    let head = value.prefix(limit + 1)
    var text = head.count <= limit ? String(head) : String(head.prefix(limit)) + "…"
    if text.contains(where: { $0.isNewline }) {
        text = String(text.map { $0.isNewline ? "↵" : $0 })
    }
    return "«\(text)»"
}
