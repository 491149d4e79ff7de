import Testing
@testable import Templating

@Suite("XML tokenizer")
struct XMLTokenizerTests {
    static func tokens(_ s: String) throws -> [XMLToken] { try XMLTokenizer.tokenize(Array(s.utf8)) }

    @Test("tokens keep the exact source bytes")
    func exactBytes() throws {
        let xml = "\u{FEFF}<?xml version=\"1.0\"?>\n<w:document a='1' b = \"x&amp;y\"><!-- c --><w:t xml:space=\"preserve\"> A &lt;&#x1EA0;&#7841; </w:t><w:br/><![CDATA[<x>]]></w:document>\n"
        let bytes = Array(xml.utf8)
        let tokens = try XMLTokenizer.tokenize(bytes)
        #expect(tokens.flatMap { bytes[$0.start..<$0.end] } == bytes)
        let kinds = tokens.map(\.kind)
        #expect(kinds == [.text, .processingInstruction, .text, .startTag, .comment, .startTag, .text, .endTag, .emptyTag, .cdata, .endTag, .text])
        let text = tokens[6]
        #expect(XMLText.decode(bytes, text.start..<text.end) == " A <Ạạ ")
        let attrs = XMLAttributes(bytes, tokens[3])
        #expect(attrs.value("b") == "x&y")
        #expect(attrs.value("a") == "1")
        #expect(String(decoding: bytes[tokens[5].nameStart..<tokens[5].nameEnd], as: UTF8.self) == "w:t")
    }

    @Test("a DOCTYPE is refused, so no entity is ever declared")
    func doctype() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>"
        #expect(throws: XMLSyntaxError(.doctype, at: 21)) { try Self.tokens(xml) }
    }

    @Test("an undeclared entity is refused, never expanded")
    func entity() {
        #expect(throws: XMLSyntaxError(.undeclaredEntity("x"), at: 3)) { try Self.tokens("<d>&x;</d>") }
        #expect(throws: XMLSyntaxError.self) { try Self.tokens("<d a=\"&lol;\"/>") }
        #expect(throws: XMLSyntaxError.self) { try Self.tokens("<d>&#0;</d>") }
        #expect(throws: XMLSyntaxError.self) { try Self.tokens("<d>a & b</d>") }
    }

    @Test("depth is bounded")
    func depth() throws {
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(throws: XMLSyntaxError(.tooDeep(256), at: 256 * 3)) { try Self.tokens(deep) }
        var limits = XMLLimits()
        limits.maxDepth = 400
        #expect(try XMLTokenizer.tokenize(Array(deep.utf8), limits: limits).count == 600)
    }

    @Test("size is bounded")
    func size() {
        var limits = XMLLimits()
        limits.maxBytes = 10
        #expect(throws: XMLSyntaxError(.tooLarge(11), at: 0)) { try XMLTokenizer.tokenize(Array("<a>123</a>x".utf8), limits: limits) }
    }

    @Test("malformed markup", arguments: ["<a><b></a></b>", "<a>", "</a>", "<a b=c/>", "<a b=\"1\" b=\"2\"/>", "<a/><b/>", "x<a/>",
                                          "<a><!-- x </a>", "<a b=\"<\"/>", "<a></a>text", "", "<a>]]></a>", "<a\"/>"])
    func malformed(_ xml: String) {
        #expect(throws: XMLSyntaxError.self) { try Self.tokens(xml) }
    }

    @Test("CR LF in text reads as LF")
    func lineEnds() {
        let bytes = Array("a\r\nb\rc&#13;".utf8)
        #expect(XMLText.decode(bytes, 0..<bytes.count) == "a\nb\nc\r")
    }
}
