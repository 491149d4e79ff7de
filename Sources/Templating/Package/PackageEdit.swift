/// Edits of small package parts (content types, relationships, settings) that keep every
/// other byte: elements are removed and attribute values replaced by their token ranges.
struct PackageEdit {
    let bytes: [UInt8]
    let tokens: [XMLToken]
    let root: XMLElement
    private var removals: [Range<Int>] = []
    private var replacements: [(Range<Int>, [UInt8])] = []

    init(_ bytes: [UInt8]) throws(XMLSyntaxError) {
        self.bytes = bytes
        self.tokens = try XMLTokenizer.tokenize(bytes)
        self.root = XMLTree.build(bytes, tokens)
    }

    var isEmpty: Bool { removals.isEmpty && replacements.isEmpty }

    /// Removes the element (with its content).
    mutating func remove(_ e: XMLElement) {
        removals.append(tokens[e.firstToken].start..<tokens[e.lastToken].end)
    }

    /// Replaces the value of attribute `name` of `e`.
    mutating func setAttribute(_ e: XMLElement, _ name: String, _ value: String) {
        guard let range = XMLAttributes(bytes, tokens[e.firstToken]).valueRange(name) else { return }
        replacements.append((range, PackageEdit.escapeAttribute(value)))
    }

    /// Inserts `markup` right after the start tag of `e` (or before its end).
    mutating func insert(_ markup: String, beforeEndOf e: XMLElement) {
        let at = tokens[e.lastToken].start
        replacements.append((at..<at, Array(markup.utf8)))
    }

    mutating func replaceRaw(_ range: Range<Int>, _ bytes: [UInt8]) {
        replacements.append((range, bytes))
    }

    mutating func insertRaw(at offset: Int, _ markup: String) {
        replacements.append((offset..<offset, Array(markup.utf8)))
    }

    func result() -> [UInt8] {
        var edits: [(Range<Int>, [UInt8])] = removals.map { ($0, []) } + replacements
        edits.sort { $0.0.lowerBound < $1.0.lowerBound || ($0.0.lowerBound == $1.0.lowerBound && $0.0.upperBound < $1.0.upperBound) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cursor = 0
        for (range, replacement) in edits {
            guard range.lowerBound >= cursor else { continue }
            out.append(contentsOf: bytes[cursor..<range.lowerBound])
            out.append(contentsOf: replacement)
            cursor = range.upperBound
        }
        out.append(contentsOf: bytes[cursor...])
        return out
    }

    static func escapeAttribute(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            default: out.append(b)
            }
        }
        return out
    }
}

/// `[Content_Types].xml` as read.
struct ContentTypes {
    var defaults: [String: String] = [:]
    var overrides: [String: String] = [:]

    init(_ root: XMLElement) {
        for e in root.elements {
            if e.localName == "Default", let ext = e[attribute: "Extension"], let type = e[attribute: "ContentType"] {
                defaults[ext.lowercased()] = type
            } else if e.localName == "Override", let part = e[attribute: "PartName"], let type = e[attribute: "ContentType"] {
                overrides[String(part.drop { $0 == "/" })] = type
            }
        }
    }

    func type(of part: String) -> String? {
        if let t = overrides[part] { return t }
        guard let dot = part.lastIndex(of: ".") else { return nil }
        return defaults[String(part[part.index(after: dot)...]).lowercased()]
    }
}

/// One relationship of a `.rels` part.
struct Relationship {
    var id: String
    var type: String
    var target: String
    var external: Bool
}

enum Relationships {
    static func read(_ root: XMLElement) -> [Relationship] {
        root.elements.compactMap { e in
            guard e.localName == "Relationship", let id = e[attribute: "Id"], let type = e[attribute: "Type"],
                  let target = e[attribute: "Target"] else { return nil }
            return Relationship(id: id, type: type, target: target, external: e[attribute: "TargetMode"] == "External")
        }
    }

    /// The `.rels` part of `part` ("word/document.xml" → "word/_rels/document.xml.rels").
    static func relsPath(of part: String) -> String {
        if let slash = part.lastIndex(of: "/") {
            return String(part[..<slash]) + "/_rels/" + String(part[part.index(after: slash)...]) + ".rels"
        }
        return "_rels/" + part + ".rels"
    }

    /// A target resolved against the folder of `source` ("word/document.xml" + "header1.xml").
    static func resolve(_ target: String, from source: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var base = source.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        for piece in target.split(separator: "/", omittingEmptySubsequences: false) {
            if piece == ".." { if !base.isEmpty { base.removeLast() } } else if piece != "." { base.append(String(piece)) }
        }
        return base.joined(separator: "/")
    }
}
