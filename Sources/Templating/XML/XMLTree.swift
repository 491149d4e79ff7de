/// A small element tree built from tokens: for the package's own little parts (content types,
/// relationships, manifests, workbook lists) and for tests. Attribute values and text are
/// decoded; nothing else is kept.
public final class XMLElement {
    public let name: String
    public var attributes: [(name: String, value: String)]
    public var children: [XMLNode] = []
    /// Token index range of the element in its part.
    public var firstToken: Int
    public var lastToken: Int

    init(name: String, attributes: [(String, String)], firstToken: Int) {
        self.name = name
        self.attributes = attributes
        self.firstToken = firstToken
        self.lastToken = firstToken
    }

    public subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    public var elements: [XMLElement] {
        children.compactMap { if case .element(let e) = $0 { return e } else { return nil } }
    }

    public func elements(named name: String) -> [XMLElement] { elements.filter { $0.name == name } }

    public func first(_ name: String) -> XMLElement? { elements.first { $0.name == name } }

    /// Every descendant element in document order.
    public func descendants(named name: String) -> [XMLElement] {
        var out: [XMLElement] = []
        func walk(_ e: XMLElement) {
            for c in e.elements {
                if c.name == name { out.append(c) }
                walk(c)
            }
        }
        walk(self)
        return out
    }

    /// Concatenated character data of the subtree.
    public var text: String {
        var s = ""
        for c in children {
            switch c {
            case .text(let t): s += t
            case .element(let e): s += e.text
            }
        }
        return s
    }

    /// The local part of the name (`w:p` → `p`).
    public var localName: Substring {
        if let colon = name.firstIndex(of: ":") { return name[name.index(after: colon)...] }
        return name[...]
    }
}

public enum XMLNode {
    case element(XMLElement)
    case text(String)
}

public enum XMLTree {
    /// Parses `bytes` into a tree (with the tokenizer's checks: no DOCTYPE, no entities).
    public static func parse(_ bytes: [UInt8], limits: XMLLimits = .default) throws(XMLSyntaxError) -> XMLElement {
        let tokens = try XMLTokenizer.tokenize(bytes, limits: limits)
        return build(bytes, tokens)
    }

    static func build(_ bytes: [UInt8], _ tokens: [XMLToken]) -> XMLElement {
        let root = XMLElement(name: "#document", attributes: [], firstToken: 0)
        var stack: [XMLElement] = [root]
        for (i, t) in tokens.enumerated() {
            switch t.kind {
            case .startTag, .emptyTag:
                let attrs = XMLAttributes(bytes, t).map { a in
                    (String(decoding: bytes[a.nameStart..<a.nameEnd], as: UTF8.self), XMLText.decode(bytes, a.valueStart..<a.valueEnd))
                }
                let e = XMLElement(name: String(decoding: bytes[t.nameStart..<t.nameEnd], as: UTF8.self), attributes: attrs, firstToken: i)
                stack.last!.children.append(.element(e))
                if t.kind == .startTag { stack.append(e) }
            case .endTag:
                if stack.count > 1 {
                    stack.last!.lastToken = i
                    stack.removeLast()
                }
            case .text:
                if stack.count > 1 { stack.last!.children.append(.text(XMLText.decode(bytes, t.start..<t.end))) }
            case .cdata:
                if stack.count > 1 {
                    let inner = bytes[(t.start + 9)..<(t.end - 3)]
                    stack.last!.children.append(.text(String(decoding: inner, as: UTF8.self)))
                }
            default:
                break
            }
        }
        return root.elements.first ?? root
    }
}
