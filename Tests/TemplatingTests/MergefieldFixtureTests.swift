import Foundation
import OfficeZip
import Testing
import TestSupport
@testable import Templating

/// Every case of Fixtures/mergefield (Word MERGEFIELD templates from docx-mailmerge and
/// docx_mailmerge for Dart) per its manifest.
@Suite("MERGEFIELD fixtures")
struct MergefieldFixtureTests {
    static var cases: [[String: Any]] { (try? Fixtures.manifest("mergefield")) ?? [] }
    static let ids: [String] = ((try? Fixtures.manifest("mergefield")) ?? []).map { $0["id"] as! String }

    /// A copy of `template` whose only `w:fldSimple` in word/document.xml has `instr`.
    static func overriding(_ template: String, instr: String, into path: String) throws {
        let reader = try ZipReader(path: template)
        var edit = try PackageEdit(try reader.read("word/document.xml"))
        let fields = edit.root.descendants(named: "w:fldSimple")
        try #require(fields.count == 1)
        edit.setAttribute(fields[0], "w:instr", instr)
        let zip = try ZipWriter(path: path)
        for e in reader.entries {
            if e.name == "word/document.xml" { try zip.add(e.name, bytes: edit.result()) } else { try zip.copy(e.name, from: reader) }
        }
        try zip.close()
    }

    @Test("case", arguments: ids)
    func fixture(_ id: String) throws {
        let c = try #require(Self.cases.first { $0["id"] as? String == id })
        let failures = Self.run(c)
        #expect(failures.isEmpty, "\(id): \(failures.joined(separator: "; "))")
    }

    /// The pass rate of the whole manifest, printed for the closing note (docs/templating.md).
    @Test("pass rate")
    func passRate() {
        FixtureManifest.expectPassRate("MERGEFIELD fixtures", Self.cases, expected: 24, Self.check)
    }

    /// The differences between what a case expects and what tdkt does (empty: the case passes).
    static func run(_ c: [String: Any]) -> [String] { FixtureManifest.run(c, check) }

    static func check(_ c: [String: Any]) throws -> [String] {
        let id = c["id"] as! String
        var failures: [String] = []
        let dir = TemporaryDirectory("mf")
        defer { dir.remove() }
        var template = Fixtures.path("mergefield", c["template"] as! String)
        if let instr = c["instr_override"] as? String {
            let copy = dir.file("template.docx")
            try Self.overriding(template, instr: instr, into: copy)
            template = copy
        }
        let outputs = try fill(c, template: template, ext: "docx", in: dir)
        let documents = (c["expect"] as! [String: Any])["documents"] as! [[String: String]]
        if outputs.count != documents.count { failures.append("\(outputs.count) documents, expected \(documents.count)") }
        for (i, doc) in documents.enumerated() where i < outputs.count {
            for (part, want) in doc.sorted(by: { $0.key < $1.key }) {
                let have = try DocxText.text(try PackageFiles.read(outputs[i], part), part: part)
                if have != want { failures.append("document \(i + 1) \(part): \(have.debugDescription), expected \(want.debugDescription)") }
            }
            // No merge field left behind.
            let xml = String(decoding: try PackageFiles.read(outputs[i], "word/document.xml"), as: UTF8.self)
            if xml.contains("MERGEFIELD") { failures.append("\(id): a MERGEFIELD is left") }
        }
        return failures
    }

    /// Fills `template` (DOCX, or the ODT LibreOffice made of it) as case `c` asks: one
    /// document per record, records taken by NEXT fields, or a table row repeated over rows.
    /// Returns the outputs, named `NAME-k.EXT` in `dir`.
    static func fill(_ c: [String: Any], template: String, ext: String, in dir: TemporaryDirectory, name: String = "out") throws -> [String] {
        let records = (c["records"] as! [Any]).map { TemplateValue(json: $0) }
        var options = TemplateOptions()
        options.render.locale = (c["locale"] as? String)?.hasPrefix("en") == true ? .en : .vi
        options.render.missing = .empty
        let mode = c["mode"] as! String
        var outputs: [String] = []
        switch mode {
        case "table-rows":
            let rows = (c["rows"] as! [Any]).map { TemplateValue(json: $0) }
            var keys = Set<String>()
            for case .object(let o) in rows { keys.formUnion(o.keys) }
            options.rowKeys = keys
            var root = TemplateObject()
            if case .object(let r) = records[0] { for (k, v) in r.entries { root[k] = v } }
            root["rows"] = .list(rows)
            let t = try Template(path: template, options: options)
            let out = dir.file("\(name)-0.\(ext)")
            try t.fill(.object(root), to: out)
            outputs = [out]
        case "next-record":
            let t = try Template(path: template, options: options)
            let per = t.nextFieldCount + 1
            var base = 0
            while base < records.count {
                let out = dir.file("\(name)-\(outputs.count).\(ext)")
                try t.fill(records[base], to: out, records: records, recordBase: base)
                outputs.append(out)
                base += per
            }
        default:
            let t = try Template(path: template, options: options)
            for (i, r) in records.enumerated() {
                let out = dir.file("\(name)-\(i).\(ext)")
                try t.fill(r, to: out)
                outputs.append(out)
            }
        }
        return outputs
    }
}
