import Foundation
import Testing
import TestSupport
@testable import Templating

/// Broken and hostile templates are refused with a clear error, and nothing is written.
@Suite("Hostile templates")
struct HostileTemplateTests {
    static let types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"\(WordContentType.document)\"/></Types>"
    static let rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"
    static let document = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>{a}</w:t></w:r></w:p></w:body></w:document>"

    static func package(_ entries: [RawZip.Entry]) -> [UInt8] { RawZip(entries).bytes() }

    static func code(_ bytes: [UInt8], in dir: TemporaryDirectory) -> TemplateIssue.Code? {
        let path = dir.file("t.docx")
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        do {
            let t = try Template(path: path)
            try t.fill(["a": "x"], to: dir.file("o.docx"))
            return nil
        } catch let e as TemplateError {
            #expect(!FileManager.default.fileExists(atPath: dir.file("o.docx")))
            return e.code
        } catch {
            return nil
        }
    }

    static func entries(_ name: String) -> [RawZip.Entry] {
        let cases: [(String, [RawZip.Entry], TemplateIssue.Code)] = [
        ("zip bomb", [RawZip.Entry("[Content_Types].xml", Array(types.utf8)), RawZip.Entry("_rels/.rels", Array(rels.utf8)),
                      RawZip.Entry("word/document.xml", Array(document.utf8) + [UInt8](repeating: 0x20, count: 8 << 20), deflate: true)],
         TemplateIssue.Code.hostileArchive),
        ("path outside the archive", [RawZip.Entry("[Content_Types].xml", Array(types.utf8)), RawZip.Entry("_rels/.rels", Array(rels.utf8)),
                                      RawZip.Entry("../../evil.xml", Array(document.utf8))], .hostileArchive),
        ("missing main part", [RawZip.Entry("[Content_Types].xml", Array(types.utf8)), RawZip.Entry("_rels/.rels", Array(rels.utf8))], .missingPart),
        ("no relationships", [RawZip.Entry("[Content_Types].xml", Array(types.utf8)), RawZip.Entry("word/document.xml", Array(document.utf8))], .missingPart),
        ("DOCTYPE with an external entity", [RawZip.Entry("[Content_Types].xml", Array(types.utf8)), RawZip.Entry("_rels/.rels", Array(rels.utf8)),
                                             RawZip.Entry("word/document.xml", Array(("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + document.replacingOccurrences(of: "{a}", with: "&x;")).utf8))],
         .doctypeRefused),
        ("undeclared entity", [RawZip.Entry("[Content_Types].xml", Array(types.utf8)), RawZip.Entry("_rels/.rels", Array(rels.utf8)),
                               RawZip.Entry("word/document.xml", Array(document.replacingOccurrences(of: "{a}", with: "&lol;").utf8))], .entityRefused),
        ("broken XML", [RawZip.Entry("[Content_Types].xml", Array(types.utf8)), RawZip.Entry("_rels/.rels", Array(rels.utf8)),
                        RawZip.Entry("word/document.xml", Array(document.dropLast(5).utf8))], .malformedXML),
        ("size that lies", [RawZip.Entry("[Content_Types].xml", Array(types.utf8)), RawZip.Entry("_rels/.rels", Array(rels.utf8)),
                            RawZip.Entry("word/document.xml", Array(document.utf8), declaredSize: 10)], .hostileArchive),
            ]
        return cases.first { $0.0 == name }!.1
    }

    @Test("cases", arguments: [("zip bomb", TemplateIssue.Code.hostileArchive), ("path outside the archive", .hostileArchive),
                               ("missing main part", .missingPart), ("no relationships", .missingPart),
                               ("DOCTYPE with an external entity", .doctypeRefused), ("undeclared entity", .entityRefused),
                               ("broken XML", .malformedXML), ("size that lies", .hostileArchive)])
    func refused(_ name: String, _ expected: TemplateIssue.Code) {
        let dir = TemporaryDirectory("hostile")
        defer { dir.remove() }
        #expect(Self.code(Self.package(Self.entries(name)), in: dir) == expected, "\(name)")
    }

    @Test("not a zip at all")
    func notZip() {
        let dir = TemporaryDirectory("notzip")
        defer { dir.remove() }
        #expect(Self.code(Array("xin chào".utf8), in: dir) == .unreadableArchive)
    }

    @Test("a well-formed package of the same shape fills")
    func control() {
        let dir = TemporaryDirectory("ok")
        defer { dir.remove() }
        let entries = [RawZip.Entry("[Content_Types].xml", Array(Self.types.utf8)), RawZip.Entry("_rels/.rels", Array(Self.rels.utf8)),
                       RawZip.Entry("word/document.xml", Array(Self.document.utf8), deflate: true)]
        #expect(Self.code(Self.package(entries), in: dir) == nil)
        #expect(FileManager.default.fileExists(atPath: dir.file("o.docx")))
    }
}
