import Foundation
import Testing
import TestSupport
@testable import Templating

/// The docxtemplater cases again, on ODT templates: LibreOffice (headless, private profile)
/// converts each DOCX template to ODT; the ODT is filled with the case's data and options, and
/// its text — as LibreOffice itself exports it — must equal the text of the filled DOCX; the
/// error cases must fail with the same error codes.
@Suite("docxtemplater fixtures as ODT", .serialized)
struct ODTFixtureTests {
    /// Cases whose ODT differs for a reason of the format, each with why (docs/templating.md).
    static let knownDifferences: [String: String] = [
        // LibreOffice makes Word's «Heading 1» paragraph a text:h: a loop from a heading to an
        // ordinary paragraph would repeat mismatched markup, so it is refused.
        "conditions-empty-string": "loop_position_invalid", "conditions-long": "loop_position_invalid",
        // Word's continuous section breaks become text:section containers: a loop whose tags are
        // in different sections is refused.
        "loop-continuous-section": "loop_position_invalid", "condition-missing-kept-section": "loop_position_invalid",
        // Word's page breaks (w:br w:type="page") become paragraph properties (fo:break-before);
        // docxtemplater's page-break rules for loops are Word's: empty paragraphs differ.
        "condition-pagebreak-true-std": "text", "table-inside-paragraph-loop": "text",
    ]

    /// Converts `files` with one soffice run; returns output path per input (missing: not converted).
    static func convert(_ files: [String], to filter: String, ext: String, in dir: String) -> [String: String] {
        guard let r = Soffice.convert(files, to: filter, outdir: dir) else { return [:] }
        if r.status != 0 { Issue.record("soffice: \(r.stderr)") }
        var out: [String: String] = [:]
        for f in files {
            let stem = URL(fileURLWithPath: f).deletingPathExtension().lastPathComponent
            let path = dir + "/" + stem + "." + ext
            if FileManager.default.fileExists(atPath: path) { out[f] = path }
        }
        return out
    }

    @Test("every case on the template converted to ODT: same text as the DOCX, same errors")
    func cases() throws {
        guard Conformance.which("soffice") != nil else {
            if Conformance.isCI { Issue.record("soffice is missing") }
            return
        }
        let dir = TemporaryDirectory("odt-dxt")
        defer { dir.remove() }
        let cases = DocxtemplaterFixtureTests.cases.filter { ($0["template"] as! String).hasSuffix(".docx") }
        let templates = Array(Set(cases.map { Fixtures.path("docxtemplater", $0["template"] as! String) })).sorted()
        let odts = Self.convert(templates, to: "odt", ext: "odt", in: dir.file("templates"))
        #expect(odts.count == templates.count, "LibreOffice converted \(odts.count) of \(templates.count)")

        var pairs: [(id: String, docx: String, odt: String)] = []
        var passed = 0, total = 0
        var failures: [String] = []
        var known: [String] = []
        for c in cases {
            let id = c["id"] as! String
            guard let odt = odts[Fixtures.path("docxtemplater", c["template"] as! String)] else { continue }
            total += 1
            let options = DocxtemplaterFixtureTests.options(c)
            let data = TemplateValue(json: c["data"])
            if let expectError = c["expect_error"] as? [String: Any] {
                let want = ((expectError["errors"] as? [[String: Any]]) ?? []).map { $0["id"] as! String }
                var have: [String] = []
                do {
                    try Template(path: odt, options: options).fill(data, to: dir.file("e-\(id).odt"))
                } catch let e as TemplateError {
                    have = e.errors.map(\.code.rawValue)
                }
                // LibreOffice moves header/footer tags into styles.xml; the codes must match, in any order.
                if have.sorted() == want.sorted() { passed += 1 } else { failures.append("\(id): errors \(have), expected \(want)") }
                continue
            }
            let docxOut = dir.file("d-\(id).docx"), odtOut = dir.file("o-\(id).odt")
            do {
                try Template(path: Fixtures.path("docxtemplater", c["template"] as! String), options: options).fill(data, to: docxOut)
                try Template(path: odt, options: options).fill(data, to: odtOut)
                pairs.append((id, docxOut, odtOut))
            } catch let e as TemplateError where Self.knownDifferences[id] != nil {
                // A known refusal: clean (the expected code, no file), never a broken document.
                if e.errors.allSatisfy({ $0.code.rawValue == Self.knownDifferences[id] }) && !FileManager.default.fileExists(atPath: odtOut) {
                    known.append(id)
                } else {
                    failures.append("\(id): \(e)")
                }
            } catch {
                failures.append("\(id): \(error)")
            }
        }
        for (id, difference) in try Self.textDifferences(pairs, in: dir) {
            if difference == nil {
                passed += 1
            } else if Self.knownDifferences[id] == "text" {
                known.append(id)
            } else {
                failures.append("\(id): \(difference!)")
            }
        }
        print("docxtemplater fixtures as ODT: \(passed)/\(total) pass; known differences: \(known.sorted().joined(separator: ", "))")
        #expect(passed + known.count == total && Set(known) == Set(Self.knownDifferences.keys), "known \(known)")
        for f in failures { print("  ODT case failing: \(f)") }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        // Every filled ODT opens in LibreOffice without a question and reads back in odfpy.
        let reports = Conformance.check(pairs.map(\.odt), [.readers, .libreOffice])
        for r in reports where !r.failures.isEmpty {
            print("  ODT conformance: \(r.file): \(r.failures)")
            Issue.record("\(r.file): \(r.failures)")
        }
    }

    @Test("MERGEFIELD cases on templates converted to ODT (LibreOffice's database fields): same text as the DOCX")
    func mergefieldCases() throws {
        guard Conformance.which("soffice") != nil else {
            if Conformance.isCI { Issue.record("soffice is missing") }
            return
        }
        let dir = TemporaryDirectory("odt-mf")
        defer { dir.remove() }
        // Cases that edit the DOCX's field first (instr_override) test Word's switches, not the ODT path.
        let cases = MergefieldFixtureTests.cases.filter { $0["instr_override"] == nil }
        let templates = Array(Set(cases.map { Fixtures.path("mergefield", $0["template"] as! String) })).sorted()
        let odts = Self.convert(templates, to: "odt", ext: "odt", in: dir.file("templates"))
        #expect(odts.count == templates.count, "LibreOffice converted \(odts.count) of \(templates.count)")
        var fields = 0
        for odt in odts.values {
            let content = String(decoding: try PackageFiles.read(odt, "content.xml"), as: UTF8.self)
            fields += content.components(separatedBy: "<text:database-display").count - 1
        }
        #expect(fields > 20, "the converted templates hold database fields (\(fields))")

        var pairs: [(id: String, docx: String, odt: String)] = []
        var failures: [String] = []
        for (n, c) in cases.enumerated() {
            let id = c["id"] as! String
            let docx = Fixtures.path("mergefield", c["template"] as! String)
            guard let odt = odts[docx] else { continue }
            do {
                let a = try MergefieldFixtureTests.fill(c, template: docx, ext: "docx", in: dir, name: "d\(n)")
                let b = try MergefieldFixtureTests.fill(c, template: odt, ext: "odt", in: dir, name: "o\(n)")
                if a.count != b.count { failures.append("\(id): \(b.count) ODT documents, \(a.count) DOCX") }
                for (x, y) in zip(a, b) { pairs.append((id, x, y)) }
                for y in b {
                    let content = String(decoding: try PackageFiles.read(y, "content.xml"), as: UTF8.self)
                    if content.contains("text:database-display") { failures.append("\(id): a database field is left") }
                }
            } catch {
                failures.append("\(id): \(error)")
            }
        }
        var passed = Set<String>(), differing = Set<String>()
        // No known difference: every case must give the DOCX's text.
        for (id, difference) in try Self.textDifferences(pairs, in: dir) {
            if let difference {
                differing.insert(id)
                failures.append("\(id): \(difference)")
            } else {
                passed.insert(id)
            }
        }
        passed.subtract(differing)
        print("MERGEFIELD fixtures as ODT: \(passed.count)/\(cases.count) pass")
        for f in failures { print("  ODT MERGEFIELD case failing: \(f)") }
        #expect(failures.isEmpty && passed.count == cases.count, "\(failures.joined(separator: "\n"))")
        let reports = Conformance.check(pairs.map(\.odt), [.readers, .libreOffice])
        for r in reports where !r.failures.isEmpty { Issue.record("\(r.file): \(r.failures)") }
    }

    /// LibreOffice's text of each filled DOCX and ODT (one soffice run), compared: per pair, nil
    /// when equal, otherwise what differs. The two files of a pair have different stems, so
    /// each gets its own txt.
    static func textDifferences(_ pairs: [(id: String, docx: String, odt: String)], in dir: TemporaryDirectory) throws
        -> [(id: String, difference: String?)] {
        let texts = convert(pairs.flatMap { [$0.docx, $0.odt] }, to: "txt:Text (encoded):UTF8", ext: "txt", in: dir.file("txt"))
        return try pairs.map { p in
            guard let a = texts[p.docx], let b = texts[p.odt] else { return (p.id, "LibreOffice exported no text") }
            let docxText = normalised(try String(contentsOfFile: a, encoding: .utf8))
            let odtText = normalised(try String(contentsOfFile: b, encoding: .utf8))
            return (p.id, docxText == odtText ? nil : "ODT \(odtText.debugDescription) ≠ DOCX \(docxText.debugDescription)")
        }
    }

    /// LibreOffice's text export, with the byte-order mark, trailing spaces and trailing empty lines removed.
    static func normalised(_ text: String) -> String {
        var lines = text.replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
