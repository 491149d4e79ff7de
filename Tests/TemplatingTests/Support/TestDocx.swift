import Foundation
import OfficeZip
import TestSupport
@testable import Templating

/// Small Word packages written by the tests: a body (and optionally headers, numbering,
/// extra parts) wrapped in the minimum a reader needs.
struct TestDocx {
    static let ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""

    var body: String
    var header: String?
    var numbering: String?
    var mainContentType = WordContentType.document
    var extraParts: [(String, [UInt8], String?)] = []  // name, bytes, content type override
    var extraRelationships: [(String, String)] = []      // type, target
    var sectPr = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr>"

    init(body: String) { self.body = body }

    /// A paragraph of runs: `p("{ho", "_ten}")` splits the text over two runs.
    static func p(_ runs: String...) -> String {
        "<w:p>" + runs.map { "<w:r><w:t xml:space=\"preserve\">\(escape($0))</w:t></w:r>" }.joined() + "</w:p>"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    var documentXML: String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \(TestDocx.ns)><w:body>\(body)\(sectPr.replacingOccurrences(of: "<w:sectPr>", with: header == nil ? "<w:sectPr>" : "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdH\"/>"))</w:body></w:document>"
    }

    func write(_ path: String) throws {
        let zip = try ZipWriter(path: path)
        var overrides = "<Override PartName=\"/word/document.xml\" ContentType=\"\(mainContentType)\"/>"
        var rels = ""
        if header != nil {
            overrides += "<Override PartName=\"/word/header1.xml\" ContentType=\"\(WordContentType.header)\"/>"
            rels += "<Relationship Id=\"rIdH\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
        }
        if numbering != nil {
            overrides += "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
            rels += "<Relationship Id=\"rIdN\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>"
        }
        for (i, e) in extraParts.enumerated() {
            if let type = e.2 { overrides += "<Override PartName=\"/\(e.0)\" ContentType=\"\(type)\"/>" }
            _ = i
        }
        for (i, r) in extraRelationships.enumerated() {
            rels += "<Relationship Id=\"rIdX\(i)\" Type=\"\(r.0)\" Target=\"\(r.1)\"/>"
        }
        try zip.add("[Content_Types].xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>\(overrides)</Types>")
        try zip.add("_rels/.rels", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>")
        try zip.add("word/document.xml", text: documentXML)
        try zip.add("word/_rels/document.xml.rels", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>")
        if let header {
            try zip.add("word/header1.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr \(TestDocx.ns)>\(header)</w:hdr>")
        }
        if let numbering {
            try zip.add("word/numbering.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering \(TestDocx.ns)>\(numbering)</w:numbering>")
        }
        for e in extraParts { try zip.add(e.0, bytes: e.1) }
        try zip.close()
    }

    /// Writes, fills with `data`, returns the filled document's text (README convention).
    func fill(_ data: TemplateValue, options: TemplateOptions = TemplateOptions(), in dir: TemporaryDirectory,
              name: String = "t") throws -> String {
        let template = dir.file("\(name).docx")
        try write(template)
        let output = dir.file("\(name)-out.docx")
        try Template(path: template, options: options).fill(data, to: output)
        return try DocxText.text(try PackageFiles.read(output, "word/document.xml"), part: "word/document.xml")
    }

    /// The filled document.xml.
    func filledXML(_ data: TemplateValue, options: TemplateOptions = TemplateOptions(), in dir: TemporaryDirectory,
                   name: String = "t") throws -> String {
        let template = dir.file("\(name).docx")
        try write(template)
        let output = dir.file("\(name)-out.docx")
        try Template(path: template, options: options).fill(data, to: output)
        return String(decoding: try PackageFiles.read(output, "word/document.xml"), as: UTF8.self)
    }
}
