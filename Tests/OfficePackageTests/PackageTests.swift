import Foundation
import Testing
import TestSupport
@testable import OfficePackage
import OfficeXML
import OfficeZip

private func text(_ reader: ZipReader, _ name: String) throws -> String {
    String(decoding: try reader.read(name), as: UTF8.self)
}

@Suite struct PackageConventionTests {
    @Test func timestampsAreUTCAndCalendarCorrect() {
        #expect(Timestamp(year: 2019, month: 4, day: 11, hour: 8, minute: 30).iso8601 == "2019-04-11T08:30:00Z")
        #expect(Timestamp(secondsSince1970: 0).iso8601 == "1970-01-01T00:00:00Z")
        #expect(Timestamp(year: 2024, month: 2, day: 29).iso8601 == "2024-02-29T00:00:00Z")
        #expect(Timestamp(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59).secondsSince1970 == -1)
        #expect(Timestamp(year: 2000, month: 3, day: 1).secondsSince1970 == 951_868_800)
    }

    @Test func relationshipPartNames() {
        #expect(RelationshipsPart.name(forSource: "") == "_rels/.rels")
        #expect(RelationshipsPart.name(forSource: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
        #expect(RelationshipsPart.name(forSource: "word/document.xml") == "word/_rels/document.xml.rels")
    }

    @Test func contentTypesPart() {
        var types = ContentTypesPart()
        types.addDefault(extension: "png", contentType: "image/png")
        types.addOverride(part: "word/document.xml", contentType: "application/x-doc")
        let x = XMLWriter()
        types.write(x)
        let xml = String(decoding: x.finish(), as: UTF8.self)
        #expect(xml.contains(#"<Default Extension="png" ContentType="image/png"/>"#))
        #expect(xml.contains(#"<Override PartName="/word/document.xml" ContentType="application/x-doc"/>"#))
        #expect(types.contentType(of: "word/media/a.PNG") == "image/png")
        #expect(types.contentType(of: "word/document.xml") == "application/x-doc")
        #expect(types.contentType(of: "x.bin") == nil)
    }

    @Test func ooxmlPackageListsEveryPartAndPutsContentTypesFirst() throws {
        let dir = TemporaryDirectory("opc")
        defer { dir.remove() }
        try MinimalPackages.writeXLSX(to: dir.file("a.xlsx"))
        let r = try ZipReader(path: dir.file("a.xlsx"))
        #expect(r.entries.first?.name == "[Content_Types].xml")
        #expect(r.entries.dropFirst().first?.name == "_rels/.rels")
        let types = try text(r, "[Content_Types].xml")
        for entry in r.entries where entry.name.hasSuffix(".xml") && entry.name != "[Content_Types].xml" {
            #expect(types.contains("PartName=\"/\(entry.name)\""), "\(entry.name) has no content type")
        }
        let rels = try text(r, "_rels/.rels")
        #expect(rels.contains(#"Target="xl/workbook.xml""#))
        #expect(rels.contains(#"Target="docProps/core.xml""#))
        #expect(rels.contains(#"Target="docProps/app.xml""#))
        let core = try text(r, "docProps/core.xml")
        #expect(core.contains("<dc:title>Bảng tổng hợp</dc:title>"))
        #expect(core.contains(#"<dcterms:created xsi:type="dcterms:W3CDTF">2019-04-11T08:00:00Z</dcterms:created>"#))
    }

    @Test func odfPackageHasMimetypeFirstStoredAndAFullManifest() throws {
        let dir = TemporaryDirectory("odf")
        defer { dir.remove() }
        try MinimalPackages.writeODT(to: dir.file("a.odt"))
        let r = try ZipReader(path: dir.file("a.odt"))
        #expect(r.entries.first?.name == "mimetype")
        #expect(r.entries.first?.isStored == true)
        #expect(try r.read("mimetype") == Array("application/vnd.oasis.opendocument.text".utf8))
        // The ODF rule: "mimetype" at offset 30 of the file, uncompressed, no extra field.
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dir.file("a.odt"))).prefix(38))
        #expect(String(decoding: bytes[30..<38], as: UTF8.self) == "mimetype")
        let manifest = try text(r, "META-INF/manifest.xml")
        for entry in r.entries where entry.name != "mimetype" && entry.name != "META-INF/manifest.xml" {
            #expect(manifest.contains("manifest:full-path=\"\(entry.name)\""), "\(entry.name) not in the manifest")
        }
        #expect(manifest.contains(#"manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text""#))
        let meta = try text(r, "meta.xml")
        #expect(meta.contains("<meta:creation-date>2019-04-11T08:00:00Z</meta:creation-date>"))
        #expect(meta.contains("<dc:title>Kế hoạch thử</dc:title>"))
    }

    @Test func propertiesWithoutDatesAreDeterministic() throws {
        let dir = TemporaryDirectory("props")
        defer { dir.remove() }
        func write(_ path: String) throws {
            let p = try OOXMLPackage(path: path, properties: DocumentProperties(title: "Báo cáo"))
            p.relate(from: "", type: RelationshipType.officeDocument, target: "word/document.xml")
            try p.addXMLPart("word/document.xml", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml") { x in
                x.declaration(); x.start("w:document"); x.attribute("xmlns:w", raw: "http://schemas.openxmlformats.org/wordprocessingml/2006/main")
                x.start("w:body"); x.end(); x.end()
            }
            try p.close()
        }
        unsetenv("SOURCE_DATE_EPOCH")
        try write(dir.file("a.docx"))
        sleep(1)
        try write(dir.file("b.docx"))
        let a = try Data(contentsOf: URL(fileURLWithPath: dir.file("a.docx")))
        let b = try Data(contentsOf: URL(fileURLWithPath: dir.file("b.docx")))
        #expect(a == b)
        let core = try text(try ZipReader(path: dir.file("a.docx")), "docProps/core.xml")
        #expect(!core.contains("dcterms:created"))
        #expect(core.contains("<dc:language>vi-VN</dc:language>"))
    }
}

/// The four minimal packages pass every independent reader, the schemas and LibreOffice.
@Suite struct MinimalPackageConformanceTests {
    @Test func everyReaderSchemaAndLibreOfficeAcceptTheMinimalPackages() throws {
        let dir = TemporaryDirectory("conformance")
        defer { dir.remove() }
        let files = ["xlsx", "docx", "ods", "odt"].map { dir.file("mau.\($0)") }
        try MinimalPackages.writeXLSX(to: files[0])
        try MinimalPackages.writeDOCX(to: files[1])
        try MinimalPackages.writeODS(to: files[2])
        try MinimalPackages.writeODT(to: files[3])
        let reports = Conformance.check(files, pdfDirectory: dir.file("pdf"))
        for report in reports {
            #expect(report.failures.isEmpty, "\(report.file): \(report.failures)")
        }
        let xlsx = reports[0], docx = reports[1], ods = reports[2], odt = reports[3]

        // What the readers saw is what we wrote.
        let expectedRows: [[JSON]] = MinimalPackages.rows.map { row in
            row.map { v -> JSON in
                switch v {
                case .text(let s): return .string(s)
                case .number(let n): return .number(n)
                }
            }
        }
        if let rows = xlsx.data("openpyxl")?["sheets"]?[0]?["rows"]?.array {
            #expect(rows.map { $0.array ?? [] } == expectedRows)
            #expect(xlsx.data("openpyxl")?["sheets"]?[0]?["name"]?.string == "Tổng hợp")
            #expect(xlsx.data("openpyxl")?["sheets"]?[0]?["cells"]?["A1"]?["font"]?.string == "Times New Roman")
            #expect(xlsx.data("openpyxl")?["title"]?.string == "Bảng tổng hợp")
        } else if Conformance.isCI { Issue.record("openpyxl gave no rows") }
        if let rows = xlsx.data("calamine")?["sheets"]?[0]?["rows"]?.array {
            #expect(rows.map { $0.array ?? [] } == expectedRows)
        } else if Conformance.isCI { Issue.record("calamine gave no rows (xlsx)") }
        if let rows = ods.data("calamine")?["sheets"]?[0]?["rows"]?.array {
            #expect(rows.map { $0.array ?? [] } == expectedRows)
        } else if Conformance.isCI { Issue.record("calamine gave no rows (ods)") }
        if let rows = ods.data("odfpy")?["sheets"]?[0]?["rows"]?.array {
            #expect(rows.map { $0.array ?? [] } == expectedRows)
        } else if Conformance.isCI { Issue.record("odfpy gave no rows") }
        if let paragraphs = docx.data("python-docx")?["paragraphs"]?.array {
            #expect(paragraphs.first?["text"]?.string == "KẾ HOẠCH")
            #expect(paragraphs.first?["runs"]?[0]?["bold"]?.bool == true)
            #expect(paragraphs.first?["runs"]?[0]?["font"]?.string == "Times New Roman")
            #expect(paragraphs.first?["runs"]?[0]?["size"]?.number == 14)
            #expect(paragraphs.dropFirst().first?["text"]?.string == "Họ và tên | Đơn vị | Điểm")
            #expect(docx.data("python-docx")?["sections"]?[0]?["left_mm"]?.number == 35)
        } else if Conformance.isCI { Issue.record("python-docx gave no paragraphs") }
        if let paragraphs = odt.data("odfpy")?["paragraphs"]?.array {
            #expect(paragraphs.map { $0.string ?? "" }.contains("Nguyễn Thị Hồng Nhung | Sở Nội vụ & <Ban TĐKT> | 95.5"))
        } else if Conformance.isCI { Issue.record("odfpy gave no paragraphs") }
        for report in reports where report.libreOffice != nil {
            #expect(report.pages == 1, "\(report.file): \(report.pages ?? -1) pages")
        }
    }

    @Test func theHarnessCatchesBrokenAndInvalidPackages() throws {
        // The harness must be able to fail: a DOCX whose main part is not well-formed, and
        // one that is well-formed but not valid WordprocessingML.
        let dir = TemporaryDirectory("broken")
        defer { dir.remove() }
        func docx(_ name: String, _ body: String) throws -> String {
            let p = try OOXMLPackage(path: dir.file(name))
            p.relate(from: "", type: RelationshipType.officeDocument, target: "word/document.xml")
            try p.zip.add("word/document.xml", text: "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">" + body)
            try p.close()
            return dir.file(name)
        }
        let broken = try docx("broken.docx", "<w:body><w:p>")
        let invalid = try docx("invalid.docx", "<w:body><w:p><w:bogus/></w:p></w:body></w:document>")
        let reports = Conformance.check([broken, invalid], [.readers, .schemas])
        if reports[0].skipped.isEmpty {
            #expect(reports[0].failures.contains { $0.hasPrefix("python-docx") }, "\(reports[0].failures)")
        }
        if reports[1].skipped.isEmpty {
            #expect(reports[1].failures.contains { $0.contains("bogus") && $0.hasPrefix("schema") }, "\(reports[1].failures)")
        }
    }
}
