import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import OfficeZip
import Testing
import TestSupport
@testable import Templating

/// Random values and random templates.
@Suite("Property and fuzz")
struct PropertyTests {
    static let fuzzCount = ProcessInfo.processInfo.environment["TDKT_FUZZ_COUNT"].flatMap(Int.init) ?? 400

    static let alphabet: [String] = ["a", "Z", "7", " ", "  ", "\n", "\r\n", "\t", "&", "<", ">", "\"", "'", "{", "}", "|",
                                     "ạ", "Ư", "đ", "Ễ", "ỹ", "e\u{301}", "\u{1}", "\u{1C}", "\u{FFFE}", "\u{7F}", "😀", "]]>",
                                     "&amp;", "_x0041_", "Nguyễn Thị Hồng Nhung", "\u{A0}", "\u{200B}"]

    static func randomValue(_ rng: inout SeededGenerator) -> String {
        let n = Int.random(in: 0...12, using: &rng)
        return (0..<n).map { _ in alphabet.randomElement(using: &rng)! }.joined()
    }

    /// What a reader gets back: line ends as LF, characters XML forbids removed.
    static func expected(_ v: String) -> String {
        let normalised = v.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return String(String.UnicodeScalarView(normalised.unicodeScalars.filter { XMLText.isAllowed($0.value) }))
    }

    @Test("filling then reading the text gives the values back")
    func roundTrip() throws {
        let dir = TemporaryDirectory("prop")
        defer { dir.remove() }
        let body = "<w:p><w:r><w:t xml:space=\"preserve\">[</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{gi</w:t></w:r><w:r><w:t>á_trị}</w:t></w:r><w:r><w:t>]</w:t></w:r></w:p>"
            + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{#ds}{.}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>|{/ds}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        try TestDocx(body: body).write(dir.file("t.docx"))
        let template = try Template(path: dir.file("t.docx"))
        var rng = SeededGenerator(seed: 0x2024_11_20)
        for i in 0..<(Self.fuzzCount / 2) {
            let value = Self.randomValue(&rng)
            let items = (0..<Int.random(in: 0...3, using: &rng)).map { _ in Self.randomValue(&rng) }
            let out = dir.file("o\(i % 4).docx")
            try template.fill(["giá_trị": .text(value), "ds": .list(items.map { .text($0) })], to: out)
            let text = try DocxText.text(try PackageFiles.read(out, "word/document.xml"), part: "")
            let rows = items.map { Self.expected($0) + "\t|" }
            let want = (["[" + Self.expected(value) + "]"] + rows).joined(separator: "\n")
            #expect(text == want, "value \(value.debugDescription), items \(items.debugDescription)")
        }
    }

    /// Minimal ODF packages (ODT, ODS) around a body.
    static func writeODF(_ path: String, spreadsheet: Bool, body: String) throws {
        let mime = spreadsheet ? ODFBackend.spreadsheet : ODFBackend.text
        let ns = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
        let zip = try ZipWriter(path: path)
        try zip.add("mimetype", text: mime, method: .store)
        try zip.add("META-INF/manifest.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest \(ns) manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"\(mime)\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>")
        let inner = spreadsheet ? "<office:spreadsheet>\(body)</office:spreadsheet>" : "<office:text>\(body)</office:text>"
        try zip.add("content.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \(ns) office:version=\"1.3\"><office:body>\(inner)</office:body></office:document-content>")
        try zip.close()
    }

    /// The texts between « and » in a filled part, read as a reader would: ODF's text:s, text:tab,
    /// text:line-break expanded; SpreadsheetML's _xHHHH_ escapes decoded; line ends as LF.
    static func markedTexts(_ documents: [[UInt8]], spreadsheetML: Bool) -> [String] {
        final class Collector: NSObject, XMLParserDelegate {
            var text = ""
            var paragraphsInCell = 0
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                switch qualifiedName ?? name {
                case "table:table-cell": paragraphsInCell = 0
                case "text:p":
                    // The paragraphs of a spreadsheet cell are its lines.
                    if paragraphsInCell > 0 { text += "\n" }
                    paragraphsInCell += 1
                case "text:s": text += String(repeating: " ", count: Int(attributes["text:c"] ?? "1") ?? 1)
                case "text:tab": text += "\t"
                case "text:line-break": text += "\n"
                default: break
                }
            }
        }
        let collector = Collector()
        for bytes in documents {
            let parser = XMLParser(data: Data(bytes))
            parser.delegate = collector
            parser.shouldProcessNamespaces = false
            parser.parse()
        }
        var all = collector.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if spreadsheetML {
            var decoded = ""
            var rest = Substring(all)
            while let r = rest.range(of: "_x") {
                decoded += rest[..<r.lowerBound]
                let hex = rest[r.upperBound...].prefix(5)
                if hex.count == 5, hex.last == "_", let v = UInt32(hex.dropLast(), radix: 16), let u = Unicode.Scalar(v) {
                    decoded.unicodeScalars.append(u)
                    rest = rest[rest.index(r.upperBound, offsetBy: 5)...]
                } else {
                    decoded += "_x"
                    rest = rest[r.upperBound...]
                }
            }
            all = decoded + rest
        }
        var out: [String] = []
        var rest = Substring(all)
        while let a = rest.firstIndex(of: "«"), let b = rest[a...].firstIndex(of: "»") {
            out.append(String(rest[rest.index(after: a)..<b]))
            rest = rest[rest.index(after: b)...]
        }
        return out
    }

    @Test("ODT, XLSX and ODS: filling then reading the text gives the values back")
    func roundTripOtherFormats() throws {
        let dir = TemporaryDirectory("prop-odf")
        defer { dir.remove() }
        try Self.writeODF(dir.file("t.odt"), spreadsheet: false,
                          body: "<text:p>«<text:span>{gi</text:span>á_trị}»</text:p><table:table><table:table-column/><table:table-row><table:table-cell><text:p>{#ds}«{.}»{/ds}</text:p></table:table-cell></table:table-row></table:table>")
        try Self.writeODF(dir.file("t.ods"), spreadsheet: true,
                          body: "<table:table table:name=\"A\"><table:table-column/><table:table-row><table:table-cell office:value-type=\"string\"><text:p>«{giá_trị}»</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell office:value-type=\"string\"><text:p>{#ds}«{.}»{/ds}</text:p></table:table-cell></table:table-row></table:table>")
        try TestXlsx.write(dir.file("t.xlsx"), sheet: "<sheetData><row r=\"1\">\(TestXlsx.s("A1", "«{giá_trị}»"))</row><row r=\"2\">\(TestXlsx.s("A2", "{#ds}«{.}»{/ds}"))</row></sheetData>")
        let parts = ["odt": "content.xml", "ods": "content.xml", "xlsx": "xl/worksheets/sheet1.xml"]
        var rng = SeededGenerator(seed: 0x0D7_2025)
        for ext in ["odt", "ods", "xlsx"] {
            let template = try Template(path: dir.file("t.\(ext)"))
            for i in 0..<(Self.fuzzCount / 4) {
                let value = Self.randomValue(&rng).replacingOccurrences(of: "«", with: "").replacingOccurrences(of: "»", with: "")
                let items = (0..<Int.random(in: 0...3, using: &rng)).map { _ in Self.randomValue(&rng) }
                let out = dir.file("o\(i % 4).\(ext)")
                try template.fill(["giá_trị": .text(value), "ds": .list(items.map { .text($0) })], to: out)
                var documents = [try PackageFiles.read(out, parts[ext]!)]
                if ext == "xlsx", let shared = try? PackageFiles.read(out, "xl/sharedStrings.xml") { documents.append(shared) }
                let texts = Self.markedTexts(documents, spreadsheetML: ext == "xlsx")
                let want = [Self.expected(value)] + items.map(Self.expected)
                #expect(texts == want, "\(ext): value \(value.debugDescription), items \(items.debugDescription)")
            }
        }
    }

    @Test("fuzzed templates never crash: an error or a well-formed document")
    func fuzz() throws {
        let dir = TemporaryDirectory("fuzz")
        defer { dir.remove() }
        let sources = try ["tag-loop-example.docx", "tag-intelligent-loop-table.docx", "paragraph-loops.docx", "loop-with-section.docx"].map {
            try ZipReader(path: Fixtures.path("docxtemplater", "templates/" + $0)).read("word/document.xml")
        }
        let inserts: [[UInt8]] = ["{", "}", "{#a}", "{/a}", "{^b}", "{/}", "{x | so}", "{-w:tr a}", "{-w:p b}", "</w:p>", "<w:p>",
                                  "{=[[ ]]=}", "[[a]]", "&amp;", "<w:tc>", "{a.b.c}", "{x|mac_dinh:\"", "\u{1}"].map { Array($0.utf8) }
        var rng = SeededGenerator(seed: 77_2025)
        var errors = 0, filled = 0
        for i in 0..<Self.fuzzCount {
            var bytes = sources[i % sources.count]
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0...3, using: &rng) {
                case 0: bytes.insert(contentsOf: inserts.randomElement(using: &rng)!, at: at)
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...20, using: &rng)))
                case 2: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                default: bytes.insert(contentsOf: inserts.randomElement(using: &rng)!, at: bytes.count / 2)
                }
            }
            var doc = TestDocx(body: "")
            doc.body = ""
            let path = dir.file("f.docx")
            let zip = try ZipWriter(path: path)
            try zip.add("[Content_Types].xml", text: "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"\(WordContentType.document)\"/></Types>")
            try zip.add("_rels/.rels", text: HostileTemplateTests.rels)
            try zip.add("word/document.xml", bytes: bytes)
            try zip.close()
            var options = TemplateOptions()
            options.render.missing = .empty
            options.paragraphLoop = i % 2 == 0
            let data: TemplateValue = ["a": [["x": 1], ["x": "<&>"]], "b": false, "x": "1.234", "clients": [["first_name": "A"]],
                                       "offre": [["titre": "t"]], "l1": [["l2": ["a"]]], "loop1": [["loop2": [1]]], "condition": [1]]
            do {
                try Template(path: path, options: options).fill(data, to: dir.file("o.docx"))
                let out = try PackageFiles.read(dir.file("o.docx"), "word/document.xml")
                _ = try XMLTokenizer.tokenize(out)
                filled += 1
            } catch is TemplateError {
                errors += 1
            }
        }
        #expect(errors + filled == Self.fuzzCount)
        #expect(errors > 0 && filled > 0, "errors \(errors), filled \(filled)")
    }
}
