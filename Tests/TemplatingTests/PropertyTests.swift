import Foundation
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
