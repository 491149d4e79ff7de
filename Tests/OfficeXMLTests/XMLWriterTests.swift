import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PropertyBased
import Testing
@testable import OfficeXML

private func render(_ policy: IllegalCharacterPolicy = .remove, _ body: (XMLWriter) -> Void) -> String {
    let x = XMLWriter(illegalCharacters: policy)
    body(x)
    return String(decoding: x.finish(), as: UTF8.self)
}

@Suite struct XMLWriterElementTests {
    @Test func emptyElementSelfCloses() {
        #expect(render { $0.start("a"); $0.end() } == "<a/>")
        #expect(render { $0.start("a"); $0.attribute("b", "c"); $0.end() } == #"<a b="c"/>"#)
    }

    @Test func nestedElementsCloseInOrder() {
        let s = render { x in
            x.start("row"); x.attribute("r", 12)
            x.start("c"); x.attribute("r", column: 27, row: 12)
            x.start("v"); x.text(3); x.end()
            x.end()
            x.end()
        }
        #expect(s == #"<row r="12"><c r="AB12"><v>3</v></c></row>"#)
    }

    @Test func declarationAndNamespaces() {
        let s = render { x in
            x.declaration()
            x.start("w:document"); x.namespace("w", "urn:x"); x.namespace(nil, "urn:y")
            x.end()
        }
        #expect(s == "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"urn:x\" xmlns=\"urn:y\"/>")
    }

    @Test func dynamicNamesNestWithStaticOnes() {
        let s = render { x in
            x.start(dynamic: "w:p"); x.start("w:r"); x.start(dynamic: "w:t"); x.text("x"); x.end(); x.end(); x.end()
        }
        #expect(s == "<w:p><w:r><w:t>x</w:t></w:r></w:p>")
    }

    @Test func finishClosesOpenElements() {
        #expect(render { $0.start("a"); $0.start("b"); $0.text("t") } == "<a><b>t</b></a>")
    }

    @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"), (16383, "XFD")])
    func columnLetters(column: Int, letters: String) {
        #expect(render { $0.start("c"); $0.attribute("r", column: column, row: 1); $0.end() } == "<c r=\"\(letters)1\"/>")
    }
}

@Suite struct XMLEscapingTests {
    @Test func textEscapesMarkupCharacters() {
        #expect(render { $0.start("t"); $0.text(#"a & b < c > d " e ' f"#); $0.end() }
                == #"<t>a &amp; b &lt; c &gt; d " e ' f</t>"#)
    }

    @Test func attributeEscapesQuotesAndWhitespace() {
        #expect(render { $0.start("a"); $0.attribute("v", "x\"y&<>\t\n\rz'"); $0.end() }
                == #"<a v="x&quot;y&amp;&lt;&gt;&#9;&#10;&#13;z'"/>"#)
    }

    @Test func textKeepsTabAndNewlineAndProtectsCarriageReturn() {
        #expect(render { $0.start("t"); $0.text("a\tb\nc\r\nd"); $0.end() } == "<t>a\tb\nc&#13;\nd</t>")
    }

    @Test func vietnameseTextIsCopiedUnchanged() {
        let s = "Kiên Giang, ngày 11 tháng 4 năm 2019 — Độc lập - Tự do - Hạnh phúc"
        #expect(render { $0.start("t"); $0.text(s); $0.end() } == "<t>\(s)</t>")
    }

    @Test func illegalCharactersAreRemovedAndCounted() {
        let x = XMLWriter()
        x.start("t")
        x.text("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{FFFE}h\u{FFFF}i\u{7F}\u{85}")
        x.end()
        #expect(String(decoding: x.finish(), as: UTF8.self) == "<t>abcdefghi\u{7F}\u{85}</t>")
        #expect(x.removedCharacterCount == 8)
    }

    @Test func loneSurrogatesInBytesAreRemoved() {
        // ED A0 80 = U+D800 encoded as if it were a character (CESU-8 / WTF-8 input).
        let bytes: [UInt8] = [0x61, 0xED, 0xA0, 0x80, 0x62, 0xED, 0x9F, 0xBF, 0x63]
        let x = XMLWriter()
        x.start("t")
        bytes.withUnsafeBufferPointer { x.text(utf8: $0) }
        x.end()
        #expect(x.finish() == Array("<t>ab".utf8) + [0xED, 0x9F, 0xBF] + Array("c</t>".utf8))
        #expect(x.removedCharacterCount == 1)
    }

    @Test func spreadsheetPolicyEscapesInsteadOfRemoving() {
        let s = render(.spreadsheetEscape) { $0.start("t"); $0.text("a\u{1}b_x0041_c_x12_\u{FFFF}"); $0.end() }
        #expect(s == "<t>a_x0001_b_x005F_x0041_c_x12__xFFFF_</t>")
    }

    @Test func spreadsheetRemovalDropsIllegalAndProtectsLiteralEscapes() {
        let x = XMLWriter(illegalCharacters: .spreadsheetRemove)
        x.start("t"); x.text("a\u{1}b_x0041_c_x12_\u{FFFF}d"); x.end()
        #expect(String(decoding: x.finish(), as: UTF8.self) == "<t>ab_x005F_x0041_c_x12_d</t>")
        #expect(x.removedCharacterCount == 2)
    }

    @Test func spaceNeedsPreservation() {
        #expect(XMLWriter.needsSpacePreservation(" a"))
        #expect(XMLWriter.needsSpacePreservation("a "))
        #expect(XMLWriter.needsSpacePreservation("a  b"))
        #expect(XMLWriter.needsSpacePreservation("a\tb"))
        #expect(XMLWriter.needsSpacePreservation("a\nb"))
        #expect(!XMLWriter.needsSpacePreservation("a b c"))
        // A space that reaches the end once an illegal character is dropped.
        #expect(XMLWriter.needsSpacePreservation("a \u{1}"))
        #expect(XMLWriter.needsSpacePreservation("\u{FFFE} a"))
        #expect(!XMLWriter.needsSpacePreservation(""))
        #expect(render { x in x.start("t"); x.preserveSpaceIfNeeded(" x"); x.text(" x"); x.end() }
                == #"<t xml:space="preserve"> x</t>"#)
    }
}

@Suite struct XMLNumberTests {
    @Test(arguments: [0, 7, -7, 10, 1_234_567, Int.max, Int.min])
    func integers(value: Int) {
        #expect(render { $0.start("v"); $0.text(value); $0.end() } == "<v>\(value)</v>")
    }

    @Test(arguments: [(95.5, "95.5"), (0.1, "0.1"), (-0.25, "-0.25"), (100.0, "100"), (-0.0, "0"),
                      (87.35, "87.35"), (1e15, "1000000000000000"), (1e20, "1e+20"), (0.000001, "0.000001"), (1.5e-10, "1.5e-10"), (123456.789, "123456.789"),
                      (Double.nan, "NaN"), (Double.infinity, "INF")])
    func doubles(value: Double, expected: String) {
        #expect(render { $0.start("v"); $0.text(value); $0.end() } == "<v>\(expected)</v>")
    }

    @Test func doublesRoundTripExactly() async {
        await propertyCheck(count: 2000, input: Gen.double(in: -1e12...1e12)) { value in
            let s = render { $0.start("v"); $0.text(value); $0.end() }
            let inner = s.dropFirst(3).dropLast(4)
            #expect(Double(String(inner)) == value, "\(value) written as \(inner)")
        }
    }

    @Test func twoDecimalScoresRoundTrip() {
        for cents in stride(from: 0, through: 10_000, by: 7) {
            let value = Double(cents) / 100
            let s = render { $0.start("v"); $0.text(value); $0.end() }
            let inner = String(s.dropFirst(3).dropLast(4))
            #expect(Double(inner) == value)
            #expect(inner.count <= 6, "\(value) → \(inner)")
        }
    }
}

@Suite struct XMLStreamingTests {
    @Test func sinkReceivesTheSameBytesAsMemory() {
        func build(_ x: XMLWriter) {
            x.declaration()
            x.start("sheetData")
            for r in 1...5000 {
                x.start("row"); x.attribute("r", r)
                x.start("c"); x.attribute("t", raw: "inlineStr"); x.start("is"); x.start("t")
                x.text("Nguyễn Văn \(r) & <\(r)>"); x.end(); x.end(); x.end()
                x.end()
                x.flushIfNeeded()
            }
            x.end()
        }
        let memory = XMLWriter()
        build(memory)
        let sink = MemorySink()
        let streamed = XMLWriter(capacity: 1024, sink: sink, flushThreshold: 4096)
        build(streamed)
        streamed.finish()
        #expect(sink.bytes == memory.finish())
        #expect(streamed.pendingByteCount == 0)
        #expect(streamed.totalByteCount == sink.bytes.count)
    }
}

/// What a strict XML parser reads back from `<t>TEXT</t>` and `<a v="TEXT"/>`.
private final class Collector: NSObject, XMLParserDelegate {
    var text = ""
    var attribute: String?
    var error: Error?
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if let v = attributes["v"] { attribute = v }
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

@Suite struct XMLPropertyTests {
    /// A pool of Unicode scalars weighted towards the troublesome ones: every C0 control,
    /// ASCII, markup characters, Vietnamese letters, combining marks, non-characters,
    /// private use, astral characters and a spread over the BMP.
    static let pool: [Unicode.Scalar] = {
        var codes: [UInt32] = Array(0...0x7F)
        codes += Array("&<>\"'\t\n\r ".unicodeScalars.map(\.value))
        codes += Array("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐ".unicodeScalars.map(\.value))
        codes += [0x300, 0x301, 0x303, 0x309, 0x323, 0xFFFE, 0xFFFF, 0xFFFD, 0xE000, 0x1F600, 0x10FFFF, 0x85, 0x7F, 0x2028]
        codes += stride(from: 0xA0, to: 0xD800, by: 97).map { UInt32($0) }
        return codes.compactMap(Unicode.Scalar.init)
    }()

    static func legal(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
            || (0x10000...0x10FFFF).contains(v)
    }

    @Test func randomTextAlwaysParsesAndLegalCharactersSurvive() async {
        let indexes = Gen.int(in: 0...(Self.pool.count - 1)).array(of: 0...40)
        await propertyCheck(count: 600, input: indexes) { picks in
            let scalars = picks.map { Self.pool[$0] }
            var input = ""
            input.unicodeScalars.append(contentsOf: scalars)
            var expected = ""
            expected.unicodeScalars.append(contentsOf: scalars.filter(Self.legal))
            let x = XMLWriter()
            x.declaration()
            x.start("r")
            x.start("t"); x.text(input); x.end()
            x.start("a"); x.attribute("v", input); x.end()
            x.end()
            let bytes = x.finish()
            let collector = Collector()
            let parser = XMLParser(data: Data(bytes))
            parser.delegate = collector
            let ok = parser.parse()
            #expect(ok, "parse failed: \(String(describing: collector.error)) for \(input.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(Array(collector.text.unicodeScalars) == Array(expected.unicodeScalars))
            #expect(Array((collector.attribute ?? "").unicodeScalars) == Array(expected.unicodeScalars))
            #expect(x.removedCharacterCount == 2 * (scalars.count - scalars.filter(Self.legal).count))
        }
    }
}

@Suite struct PlainTextTests {
    /// What the escaper writes for `bytes` as text, and how many characters it removed.
    private func escaped(_ bytes: [UInt8]) -> ([UInt8], Int) {
        let x = XMLWriter()
        bytes.withUnsafeBufferPointer { x.text(utf8: $0) }
        let removed = x.removedCharacterCount
        return (x.finish(), removed)
    }

    /// Plain means unchanged; unchanged means plain unless a lead byte of U+D000–U+DFFF or
    /// U+F000–U+FFFF (ED, EF) needed a look.
    private func check(_ bytes: [UInt8], _ what: @autoclosure () -> String) -> Bool {
        let (out, removed) = escaped(bytes)
        let unchanged = out == bytes && removed == 0
        let plain = bytes.withUnsafeBufferPointer { XMLWriter.isPlainText($0) }
        let expected = plain ? unchanged : !(unchanged && !bytes.contains(0xED) && !bytes.contains(0xEF))
        #expect(expected, "\(what()): plain \(plain), unchanged \(unchanged)")
        return expected
    }

    @Test("isPlainText is true only when the escaper copies the bytes unchanged, and then always but for ED/EF lead bytes")
    func agreesWithTheEscaper() {
        // Every byte alone and at each position of an eight-byte word (the word-at-a-time scan).
        for b in 0...255 {
            for at in 0..<17 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 17)
                bytes[at] = UInt8(b)
                if !check(bytes, "byte \(b) at \(at)") { return }
            }
        }
        // Random Vietnamese-like text with the odd special byte.
        var rng = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", " ", "ư", "Đ", "ễ", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{1}", "\u{FFFE}", "\u{FFFF}", "\u{FEFF}", "ﬁ", "1"]
        for _ in 0..<2000 {
            let n = Int.random(in: 0..<40, using: &rng)
            let weights = Int.random(in: 0..<4, using: &rng)
            let s = (0..<n).map { _ in alphabet[weights == 0 ? Int.random(in: 0..<alphabet.count, using: &rng) : Int.random(in: 0..<5, using: &rng)] }.joined()
            _ = check(Array(s.utf8), s.debugDescription)
        }
    }
}
