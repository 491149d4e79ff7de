import Foundation
import Testing
import TestSupport
@testable import Templating

/// Every filled file of the suite opens in LibreOffice without a question (no repair) and
/// reads back in python-docx with the expected text.
@Suite("Filled files in independent readers", .serialized)
struct FilledConformanceTests {
    @Test("docxtemplater and MERGEFIELD fixtures, filled, open in LibreOffice and python-docx")
    func fixtures() throws {
        let dir = TemporaryDirectory("fill-conf")
        defer { dir.remove() }
        var files: [String] = []
        var templateOf: [String: String] = [:]
        var expectedFirstLine: [String: String] = [:]
        for c in DocxtemplaterFixtureTests.cases where c["expect"] != nil {
            let id = c["id"] as! String
            let out = dir.file("dxt-\(id).docx")
            let template = Fixtures.path("docxtemplater", c["template"] as! String)
            let t = try Template(path: template, options: DocxtemplaterFixtureTests.options(c))
            try t.fill(TemplateValue(json: c["data"]), to: out)
            files.append(out)
            if template.hasSuffix(".docx") { templateOf[out] = template }
        }
        for c in MergefieldFixtureTests.cases where c["mode"] as? String == "records" && c["instr_override"] == nil {
            let id = c["id"] as! String
            let record = TemplateValue(json: (c["records"] as! [Any])[0])
            let out = dir.file("mf-\(id).docx")
            let template = Fixtures.path("mergefield", c["template"] as! String)
            try Template(path: template).fill(record, to: out)
            files.append(out)
            templateOf[out] = template
            let docs = (c["expect"] as! [String: Any])["documents"] as! [[String: String]]
            expectedFirstLine[out] = docs[0]["word/document.xml"]?.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
        }
        // A combined document and a document of the engine's own features.
        let combined = dir.file("combined.docx")
        var doc = TestDocx(body: TestDocx.p("Giấy khen tặng {ho_ten}") + "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{don_vi}</w:t></w:r></w:p>")
        doc.numbering = "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
        doc.header = TestDocx.p("{ho_ten}") + "<w:p><w:r><w:t xml:space=\"preserve\">Trang </w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>9</w:t></w:r></w:fldSimple></w:p>"
        try doc.write(dir.file("c.docx"))
        try Template(path: dir.file("c.docx")).fillCombined([["ho_ten": "An", "don_vi": "X"], ["ho_ten": "Bình", "don_vi": "Y"], ["ho_ten": "Chi", "don_vi": "Z"]],
                                                           to: combined)
        files.append(combined)

        // The templates are read too: a reader that cannot read a template (python-docx and
        // `w:jc="start"`) is excused for the same error on its filled file, nothing else.
        let templates = Array(Set(templateOf.values)).sorted()
        let pdfs = dir.file("pdf")
        try FileManager.default.createDirectory(atPath: pdfs, withIntermediateDirectories: true)
        let all = Conformance.check(files + templates, [.readers, .libreOffice], pdfDirectory: pdfs)
        let reports = Array(all.prefix(files.count))
        let templateFailures = Dictionary(uniqueKeysWithValues: all.dropFirst(files.count).map { ($0.file, Set($0.failures)) })
        for r in reports {
            let excused = templateOf[r.file].flatMap { templateFailures[$0] } ?? []
            let failures = r.failures.filter { !excused.contains($0) }
            #expect(failures.isEmpty, "\(r.file): \(failures)")
            #expect(r.libreOffice == nil || r.libreOffice?["loaded"]?.bool == true, "\(r.file)")
        }
        for r in reports {
            guard let want = expectedFirstLine[r.file], let paragraphs = r.data("python-docx")?["paragraphs"]?.array else { continue }
            #expect(paragraphs.first?["text"]?.string == want, "\(r.file)")
        }
        let c = try #require(reports.last)
        let texts = c.data("python-docx")?["paragraphs"]?.array?.compactMap { $0["text"]?.string }.filter { !$0.isEmpty } ?? []
        #expect(texts == ["Giấy khen tặng An", "X", "Giấy khen tặng Bình", "Y", "Giấy khen tặng Chi", "Z"])
        #expect(c.data("python-docx")?["sections"]?.array?.count == 3)
        if Conformance.which("soffice") != nil || Conformance.isCI { #expect(c.pages == 3, "one page per record") }
        // Page numbers and list numbering restart with each record, as LibreOffice prints them.
        let sections = String(decoding: try PackageFiles.read(combined, "word/document.xml"), as: UTF8.self)
        #expect(sections.components(separatedBy: "<w:pgNumType w:start=\"1\"/>").count == 4, "every section restarts at 1")
        if Conformance.which("soffice") != nil { #expect(c.libreOffice?["pdf"]?.string != nil, "a PDF of the combined document") }
        if let pdf = c.libreOffice?["pdf"]?.string, Conformance.which("pdftotext") != nil {
            for (page, name) in ["An", "Bình", "Chi"].enumerated() {
                let r = Shell.run("/usr/bin/env", ["pdftotext", "-f", "\(page + 1)", "-l", "\(page + 1)", "-layout", pdf, "-"])
                let lines = r.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                #expect(lines.contains("Trang 1"), "page \(page + 1): \(lines)")
                #expect(lines.contains(name), "page \(page + 1) header: \(lines)")
                #expect(lines.contains { $0.hasPrefix("1.") }, "page \(page + 1) list restarts: \(lines)")
                #expect(!lines.contains { $0.hasPrefix("2.") || $0.hasPrefix("3.") }, "page \(page + 1): \(lines)")
            }
        }
    }
}
