/// One piece of an XML document as written: a tag, character data, a comment, a processing
/// instruction or a CDATA section. `start..<end` are the exact source bytes, so markup that is
/// not changed is copied byte for byte.
public struct XMLToken: Equatable, Sendable {
    public enum Kind: UInt8, Sendable {
        /// `<name attr="v">`
        case startTag
        /// `</name>`
        case endTag
        /// `<name attr="v"/>`
        case emptyTag
        /// Character data between tags (entities not decoded).
        case text
        /// `<![CDATA[…]]>`
        case cdata
        /// `<!-- … -->`
        case comment
        /// `<?target …?>`, including the XML declaration.
        case processingInstruction
    }

    public var kind: Kind
    /// First byte of the token.
    public var start: Int
    /// One past the last byte.
    public var end: Int
    /// The element name's bytes (tags only; empty otherwise).
    public var nameStart: Int
    public var nameEnd: Int

    public init(kind: Kind, start: Int, end: Int, nameStart: Int = 0, nameEnd: Int = 0) {
        self.kind = kind
        self.start = start
        self.end = end
        self.nameStart = nameStart
        self.nameEnd = nameEnd
    }

    public var isTag: Bool { kind == .startTag || kind == .endTag || kind == .emptyTag }
}

/// Why a part is not XML tdkt accepts. `offset` is the byte where the problem was seen.
public struct XMLSyntaxError: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// A `<!DOCTYPE …>`: refused, so no entity can ever be declared or expanded.
        case doctype
        /// `&name;` other than the five predefined entities (never expanded).
        case undeclaredEntity(String)
        /// `&#…;` that is not a character XML allows.
        case invalidCharacterReference(String)
        /// Elements nested deeper than the limit.
        case tooDeep(Int)
        /// The part is larger than the limit.
        case tooLarge(Int)
        /// A closing tag that does not match the open element.
        case mismatchedEndTag(expected: String, found: String)
        /// A closing tag with no open element.
        case unexpectedEndTag(String)
        /// The document ends with elements still open.
        case unclosedElement(String)
        /// The same attribute twice on one element.
        case duplicateAttribute(String)
        /// Anything else malformed (a description in English for developers; users get the
        /// Vietnamese message of `TemplateIssue`).
        case malformed(String)
        /// No root element.
        case noRootElement
    }

    public var reason: Reason
    public var offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }
}

/// Limits applied to every XML part of a template (templates come from users).
public struct XMLLimits: Sendable, Equatable {
    /// Deepest element nesting accepted (Word nests tables in tables; 256 is far beyond any
    /// real document and keeps recursive walkers safe).
    public var maxDepth: Int
    /// Largest part, in bytes.
    public var maxBytes: Int
    /// Longest element or attribute name.
    public var maxNameLength: Int
    /// Most attributes on one element.
    public var maxAttributes: Int

    public init(maxDepth: Int = 256, maxBytes: Int = 512 << 20, maxNameLength: Int = 1024, maxAttributes: Int = 1024) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.maxNameLength = maxNameLength
        self.maxAttributes = maxAttributes
    }

    public static let `default` = XMLLimits()
}

/// A pull tokenizer over the bytes of one XML part.
///
/// It checks what a conforming parser checks and is relevant to a template: tags are well
/// formed and nest properly, attribute values are quoted, names are present, every `&` starts a
/// predefined entity or a character reference. A DOCTYPE is refused outright, so no entity is
/// ever declared, and none is ever expanded (`&amp;` and friends are decoded only when text is
/// read, never in the copied bytes). Depth and size are bounded.
public struct XMLTokenizer {
    public let bytes: [UInt8]
    public let limits: XMLLimits
    private var position: Int = 0
    /// Name ranges of the open elements.
    private var stack: [(Int, Int)] = []
    private var sawRoot = false
    private var rootClosed = false

    public init(_ bytes: [UInt8], limits: XMLLimits = .default) throws(XMLSyntaxError) {
        guard bytes.count <= limits.maxBytes else { throw XMLSyntaxError(.tooLarge(bytes.count), at: 0) }
        self.bytes = bytes
        self.limits = limits
        stack.reserveCapacity(32)
    }

    /// Open elements now.
    public var depth: Int { stack.count }

    /// Every token of the part, checked to the end.
    public static func tokenize(_ bytes: [UInt8], limits: XMLLimits = .default) throws(XMLSyntaxError) -> [XMLToken] {
        var t = try XMLTokenizer(bytes, limits: limits)
        var tokens: [XMLToken] = []
        tokens.reserveCapacity(bytes.count / 16)
        while let token = try t.next() { tokens.append(token) }
        return tokens
    }

    /// The next token, or nil at the end of a complete document.
    public mutating func next() throws(XMLSyntaxError) -> XMLToken? {
        let n = bytes.count
        if position >= n {
            if let (s, e) = stack.last {
                throw XMLSyntaxError(.unclosedElement(string(s, e)), at: n)
            }
            if !sawRoot { throw XMLSyntaxError(.noRootElement, at: n) }
            return nil
        }
        let source = bytes
        return try source.withUnsafeBufferPointer { (p) throws(XMLSyntaxError) -> XMLToken? in
            let start = position
            if p[start] != UInt8(ascii: "<") {
                return try text(p, start)
            }
            guard start + 1 < n else { throw XMLSyntaxError(.malformed("'<' at end"), at: start) }
            switch p[start + 1] {
            case UInt8(ascii: "/"): return try endTag(p, start)
            case UInt8(ascii: "?"): return try processingInstruction(p, start)
            case UInt8(ascii: "!"): return try markupDeclaration(p, start)
            default: return try startTag(p, start)
            }
        }
    }

    // MARK: - Pieces

    private mutating func text(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) throws(XMLSyntaxError) -> XMLToken {
        var i = start
        let n = p.count
        var onlySpace = true
        while i < n {
            let b = p[i]
            if b == UInt8(ascii: "<") { break }
            if b == UInt8(ascii: "&") {
                i = try XMLTokenizer.checkReference(p, i)
                onlySpace = false
                continue
            }
            if b == UInt8(ascii: ">") && i >= start + 2 && p[i - 1] == UInt8(ascii: "]") && p[i - 2] == UInt8(ascii: "]") {
                throw XMLSyntaxError(.malformed("']]>' in text"), at: i - 2)
            }
            if onlySpace && !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) {
                // A UTF-8 byte order mark before the root is allowed.
                if !(start == 0 && i < 3 && (b == 0xEF || b == 0xBB || b == 0xBF)) { onlySpace = false }
            }
            i += 1
        }
        if stack.isEmpty && !onlySpace {
            throw XMLSyntaxError(.malformed("text outside the root element"), at: start)
        }
        position = i
        return XMLToken(kind: .text, start: start, end: i)
    }

    private mutating func startTag(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) throws(XMLSyntaxError) -> XMLToken {
        let n = p.count
        if rootClosed { throw XMLSyntaxError(.malformed("second root element"), at: start) }
        var i = start + 1
        let nameStart = i
        i = try name(p, i)
        let nameEnd = i
        // Attributes.
        var attributeNames: [(Int, Int)] = []
        while true {
            let hadSpace = i < n && XMLTokenizer.isSpace(p[i])
            i = XMLTokenizer.skipSpace(p, i)
            guard i < n else { throw XMLSyntaxError(.malformed("unterminated start tag"), at: start) }
            if p[i] == UInt8(ascii: ">") {
                i += 1
                try push(nameStart, nameEnd, at: start)
                position = i
                sawRoot = true
                return XMLToken(kind: .startTag, start: start, end: i, nameStart: nameStart, nameEnd: nameEnd)
            }
            if p[i] == UInt8(ascii: "/") {
                guard i + 1 < n, p[i + 1] == UInt8(ascii: ">") else {
                    throw XMLSyntaxError(.malformed("'/' not followed by '>'"), at: i)
                }
                i += 2
                if stack.isEmpty {
                    guard !sawRoot else { throw XMLSyntaxError(.malformed("second root element"), at: start) }
                    rootClosed = true
                }
                sawRoot = true
                position = i
                return XMLToken(kind: .emptyTag, start: start, end: i, nameStart: nameStart, nameEnd: nameEnd)
            }
            guard hadSpace else { throw XMLSyntaxError(.malformed("attribute without a space before it"), at: i) }
            let aStart = i
            i = try name(p, i)
            let aEnd = i
            for (s, e) in attributeNames where e - s == aEnd - aStart && memcmpEqual(p, s, aStart, e - s) {
                throw XMLSyntaxError(.duplicateAttribute(string(aStart, aEnd)), at: aStart)
            }
            attributeNames.append((aStart, aEnd))
            guard attributeNames.count <= limits.maxAttributes else {
                throw XMLSyntaxError(.malformed("too many attributes"), at: aStart)
            }
            i = XMLTokenizer.skipSpace(p, i)
            guard i < n, p[i] == UInt8(ascii: "=") else { throw XMLSyntaxError(.malformed("attribute without '='"), at: i) }
            i = XMLTokenizer.skipSpace(p, i + 1)
            guard i < n, p[i] == UInt8(ascii: "\"") || p[i] == UInt8(ascii: "'") else {
                throw XMLSyntaxError(.malformed("unquoted attribute value"), at: i)
            }
            let quote = p[i]
            i += 1
            while true {
                guard i < n else { throw XMLSyntaxError(.malformed("unterminated attribute value"), at: aStart) }
                let b = p[i]
                if b == quote { i += 1; break }
                if b == UInt8(ascii: "<") { throw XMLSyntaxError(.malformed("'<' in attribute value"), at: i) }
                if b == UInt8(ascii: "&") { i = try XMLTokenizer.checkReference(p, i); continue }
                i += 1
            }
        }
    }

    private mutating func endTag(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) throws(XMLSyntaxError) -> XMLToken {
        var i = start + 2
        let nameStart = i
        i = try name(p, i)
        let nameEnd = i
        i = XMLTokenizer.skipSpace(p, i)
        guard i < p.count, p[i] == UInt8(ascii: ">") else { throw XMLSyntaxError(.malformed("unterminated end tag"), at: start) }
        guard let (s, e) = stack.last else {
            throw XMLSyntaxError(.unexpectedEndTag(string(nameStart, nameEnd)), at: start)
        }
        guard e - s == nameEnd - nameStart, memcmpEqual(p, s, nameStart, e - s) else {
            throw XMLSyntaxError(.mismatchedEndTag(expected: string(s, e), found: string(nameStart, nameEnd)), at: start)
        }
        stack.removeLast()
        if stack.isEmpty { rootClosed = true }
        position = i + 1
        return XMLToken(kind: .endTag, start: start, end: i + 1, nameStart: nameStart, nameEnd: nameEnd)
    }

    private mutating func processingInstruction(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) throws(XMLSyntaxError) -> XMLToken {
        guard let close = XMLTokenizer.find(p, from: start + 2, "?>") else {
            throw XMLSyntaxError(.malformed("unterminated processing instruction"), at: start)
        }
        position = close + 2
        return XMLToken(kind: .processingInstruction, start: start, end: close + 2)
    }

    private mutating func markupDeclaration(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) throws(XMLSyntaxError) -> XMLToken {
        if XMLTokenizer.hasPrefix(p, start, "<!--") {
            guard let close = XMLTokenizer.find(p, from: start + 4, "-->") else {
                throw XMLSyntaxError(.malformed("unterminated comment"), at: start)
            }
            position = close + 3
            return XMLToken(kind: .comment, start: start, end: close + 3)
        }
        if XMLTokenizer.hasPrefix(p, start, "<![CDATA[") {
            guard !stack.isEmpty else { throw XMLSyntaxError(.malformed("CDATA outside the root element"), at: start) }
            guard let close = XMLTokenizer.find(p, from: start + 9, "]]>") else {
                throw XMLSyntaxError(.malformed("unterminated CDATA section"), at: start)
            }
            position = close + 3
            return XMLToken(kind: .cdata, start: start, end: close + 3)
        }
        if XMLTokenizer.hasPrefix(p, start, "<!DOCTYPE") || XMLTokenizer.hasPrefix(p, start, "<!ENTITY")
            || XMLTokenizer.hasPrefix(p, start, "<!doctype") {
            throw XMLSyntaxError(.doctype, at: start)
        }
        throw XMLSyntaxError(.malformed("unknown markup declaration"), at: start)
    }

    // MARK: - Helpers

    private mutating func push(_ s: Int, _ e: Int, at offset: Int) throws(XMLSyntaxError) {
        guard stack.count < limits.maxDepth else { throw XMLSyntaxError(.tooDeep(limits.maxDepth), at: offset) }
        stack.append((s, e))
    }

    /// Reads an XML name; returns the index after it.
    private func name(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) throws(XMLSyntaxError) -> Int {
        var i = start
        let n = p.count
        guard i < n, XMLTokenizer.isNameStart(p[i]) else { throw XMLSyntaxError(.malformed("missing name"), at: start) }
        i += 1
        while i < n && XMLTokenizer.isNameByte(p[i]) { i += 1 }
        guard i - start <= limits.maxNameLength else { throw XMLSyntaxError(.malformed("name too long"), at: start) }
        return i
    }

    private func string(_ s: Int, _ e: Int) -> String {
        String(decoding: bytes[s..<e], as: UTF8.self)
    }

    private func memcmpEqual(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ count: Int) -> Bool {
        for k in 0..<count where p[a + k] != p[b + k] { return false }
        return true
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    static func skipSpace(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < p.count && isSpace(p[i]) { i += 1 }
        return i
    }

    static func isNameStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b >= 0x80
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        isNameStart(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, _ at: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard at + count <= p.count else { return false }
        let q = prefix.utf8Start
        for k in 0..<count where p[at + k] != q[k] { return false }
        return true
    }

    static func find(_ p: UnsafeBufferPointer<UInt8>, from: Int, _ needle: StaticString) -> Int? {
        let count = needle.utf8CodeUnitCount
        let q = needle.utf8Start
        var i = from
        while i + count <= p.count {
            if p[i] == q[0] {
                var k = 1
                while k < count && p[i + k] == q[k] { k += 1 }
                if k == count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Checks the reference starting at `&`; returns the index after its `;`.
    static func checkReference(_ p: UnsafeBufferPointer<UInt8>, _ amp: Int) throws(XMLSyntaxError) -> Int {
        var i = amp + 1
        let n = p.count
        let limit = min(n, amp + 40)
        while i < limit && p[i] != UInt8(ascii: ";") && p[i] != UInt8(ascii: "&") && p[i] != UInt8(ascii: "<") { i += 1 }
        guard i < n, p[i] == UInt8(ascii: ";"), i > amp + 1 else {
            throw XMLSyntaxError(.malformed("'&' not starting a reference"), at: amp)
        }
        let body = UnsafeBufferPointer(rebasing: p[(amp + 1)..<i])
        if body[0] == UInt8(ascii: "#") {
            guard let scalar = XMLText.characterReference(body) else {
                throw XMLSyntaxError(.invalidCharacterReference(String(decoding: body, as: UTF8.self)), at: amp)
            }
            _ = scalar
        } else if XMLText.predefinedEntity(body) == nil {
            throw XMLSyntaxError(.undeclaredEntity(String(decoding: body, as: UTF8.self)), at: amp)
        }
        return i + 1
    }
}

/// Reading character data and attribute values.
public enum XMLText {
    /// `lt`, `gt`, `amp`, `quot`, `apos` → their character.
    static func predefinedEntity(_ body: UnsafeBufferPointer<UInt8>) -> UInt8? {
        switch body.count {
        case 2:
            if body[1] == UInt8(ascii: "t") {
                if body[0] == UInt8(ascii: "l") { return UInt8(ascii: "<") }
                if body[0] == UInt8(ascii: "g") { return UInt8(ascii: ">") }
            }
        case 3:
            if body[0] == UInt8(ascii: "a") && body[1] == UInt8(ascii: "m") && body[2] == UInt8(ascii: "p") { return UInt8(ascii: "&") }
        case 4:
            if body[0] == UInt8(ascii: "q") && body[1] == UInt8(ascii: "u") && body[2] == UInt8(ascii: "o") && body[3] == UInt8(ascii: "t") {
                return UInt8(ascii: "\"")
            }
            if body[0] == UInt8(ascii: "a") && body[1] == UInt8(ascii: "p") && body[2] == UInt8(ascii: "o") && body[3] == UInt8(ascii: "s") {
                return UInt8(ascii: "'")
            }
        default: break
        }
        return nil
    }

    /// `#65` / `#x41` → the scalar, when XML allows it.
    static func characterReference(_ body: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard body.count >= 2, body[0] == UInt8(ascii: "#") else { return nil }
        var value: UInt32 = 0
        if body[1] == UInt8(ascii: "x") {
            guard body.count >= 3 else { return nil }
            for k in 2..<body.count {
                let b = body[k]
                let d: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value * 16 + d
                if value > 0x10FFFF { return nil }
            }
        } else {
            for k in 1..<body.count {
                let b = body[k]
                guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + UInt32(b - UInt8(ascii: "0"))
                if value > 0x10FFFF { return nil }
            }
        }
        guard isAllowed(value), let scalar = Unicode.Scalar(value) else { return nil }
        return scalar
    }

    /// Whether XML 1.0 allows the character.
    public static func isAllowed(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF)
    }

    /// The character data of `bytes[range]` with references decoded and line ends normalised
    /// (CR LF and lone CR become LF, as an XML processor reads them).
    public static func decode(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { decode(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    public static func decode(_ p: UnsafeBufferPointer<UInt8>) -> String {
        // Fast path: nothing to decode.
        var clean = true
        for b in p where b == UInt8(ascii: "&") || b == 0x0D { clean = false; break }
        if clean { return String(decoding: p, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(p.count)
        var i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            if b == UInt8(ascii: "&") {
                var j = i + 1
                while j < n && p[j] != UInt8(ascii: ";") { j += 1 }
                let body = UnsafeBufferPointer(rebasing: p[(i + 1)..<min(j, n)])
                if let c = predefinedEntity(body) {
                    out.append(c)
                } else if let s = characterReference(body) {
                    out.append(contentsOf: Array(String(Character(s)).utf8))
                } else {
                    out.append(contentsOf: p[i..<min(j + 1, n)])
                }
                i = j + 1
                continue
            }
            if b == 0x0D {
                out.append(0x0A)
                if i + 1 < n && p[i + 1] == 0x0A { i += 1 }
                i += 1
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The decoded text of `p` as Unicode scalars, each with the byte offset (relative to `p`)
    /// where its source starts; `offsets` has one more entry, `p.count`, so a scalar range maps
    /// to a byte range.
    static func decodeWithOffsets(_ p: UnsafeBufferPointer<UInt8>) -> (scalars: [Unicode.Scalar], offsets: [Int]) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(p.count)
        offsets.reserveCapacity(p.count + 1)
        var i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            if b == UInt8(ascii: "&") {
                var j = i + 1
                while j < n && p[j] != UInt8(ascii: ";") { j += 1 }
                let body = UnsafeBufferPointer(rebasing: p[(i + 1)..<min(j, n)])
                if let c = predefinedEntity(body) {
                    scalars.append(Unicode.Scalar(c))
                } else if let s = characterReference(body) {
                    scalars.append(s)
                } else {
                    scalars.append("&")
                    offsets.append(i)
                    i += 1
                    continue
                }
                offsets.append(i)
                i = j + 1
                continue
            }
            if b == 0x0D {
                scalars.append("\n")
                offsets.append(i)
                i += (i + 1 < n && p[i + 1] == 0x0A) ? 2 : 1
                continue
            }
            // One UTF-8 sequence.
            let length: Int
            if b < 0x80 { length = 1 } else if b >> 5 == 0b110 { length = 2 } else if b >> 4 == 0b1110 { length = 3 } else if b >> 3 == 0b11110 { length = 4 } else { length = 1 }
            let end = min(i + length, n)
            var iterator = UnsafeBufferPointer(rebasing: p[i..<end]).makeIterator()
            var decoder = UTF8()
            if case .scalarValue(let s) = decoder.decode(&iterator) {
                scalars.append(s)
            } else {
                scalars.append("\u{FFFD}")
            }
            offsets.append(i)
            i = end
        }
        offsets.append(n)
        return (scalars, offsets)
    }
}

/// Attributes of a start or empty tag.
public struct XMLAttributes: Sequence {
    public struct Attribute {
        public var nameStart: Int
        public var nameEnd: Int
        /// The value's bytes between the quotes (references not decoded).
        public var valueStart: Int
        public var valueEnd: Int
    }

    let bytes: [UInt8]
    let token: XMLToken

    public init(_ bytes: [UInt8], _ token: XMLToken) {
        self.bytes = bytes
        self.token = token
    }

    public func makeIterator() -> AnyIterator<Attribute> {
        var i = token.nameEnd
        let end = token.end
        let bytes = self.bytes
        return AnyIterator {
            while i < end && XMLTokenizer.isSpaceByte(bytes[i]) { i += 1 }
            guard i < end, XMLTokenizer.isNameStart(bytes[i]) else { return nil }
            let ns = i
            while i < end && XMLTokenizer.isNameByte(bytes[i]) { i += 1 }
            let ne = i
            while i < end && bytes[i] != UInt8(ascii: "\"") && bytes[i] != UInt8(ascii: "'") { i += 1 }
            guard i < end else { return nil }
            let quote = bytes[i]
            i += 1
            let vs = i
            while i < end && bytes[i] != quote { i += 1 }
            let ve = i
            i += 1
            return Attribute(nameStart: ns, nameEnd: ne, valueStart: vs, valueEnd: ve)
        }
    }

    /// The decoded value of the attribute named `name` (qualified name as written).
    public func value(_ name: String) -> String? {
        let target = Array(name.utf8)
        for a in self where a.nameEnd - a.nameStart == target.count {
            if bytes[a.nameStart..<a.nameEnd].elementsEqual(target) {
                return XMLText.decode(bytes, a.valueStart..<a.valueEnd)
            }
        }
        return nil
    }

    /// The raw byte range of the value of `name`.
    public func valueRange(_ name: String) -> Range<Int>? {
        let target = Array(name.utf8)
        for a in self where a.nameEnd - a.nameStart == target.count {
            if bytes[a.nameStart..<a.nameEnd].elementsEqual(target) { return a.valueStart..<a.valueEnd }
        }
        return nil
    }
}

extension XMLTokenizer {
    static func isSpaceByte(_ b: UInt8) -> Bool { isSpace(b) }
}
