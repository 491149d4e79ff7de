import Foundation
import Testing
import TestSupport
@testable import Templating

/// Every case of Fixtures/docxtemplater (docxtemplater 3.69.0's own examples and tests) per its
/// manifest: the filled parts' text, or the errors.
@Suite("docxtemplater fixtures")
struct DocxtemplaterFixtureTests {
    static var cases: [[String: Any]] { (try? Fixtures.manifest("docxtemplater")) ?? [] }
    static let ids: [String] = cases.map { $0["id"] as! String }

    /// The options of a case, mapped to tdkt's (docxtemplater's defaults where the case says
    /// nothing; a missing placeholder shows "undefined", as docxtemplater's nullGetter).
    static func options(_ c: [String: Any]) -> TemplateOptions {
        let o = c["options"] as? [String: Any] ?? [:]
        var options = TemplateOptions()
        options.paragraphLoop = o["paragraphLoop"] as? Bool ?? false
        options.render.linebreaks = o["linebreaks"] as? Bool ?? false
        options.render.missing = .literal("undefined")
        options.render.invalidCharacters = (o["stripInvalidXMLChars"] as? Bool ?? false) ? .remove : .error
        if let d = o["delimiters"] as? [String: String] {
            options.delimiters = Delimiters(start: d["start"] ?? "{", end: d["end"] ?? "}")
        }
        if let s = o["syntax"] as? [String: Any] {
            options.syntax.allowUnbalancedLoops = s["allowUnbalancedLoops"] as? Bool ?? false
            options.syntax.allowUnopenedTag = s["allowUnopenedTag"] as? Bool ?? false
        }
        options.fields = false
        return options
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
        FixtureManifest.expectPassRate("docxtemplater fixtures", Self.cases, expected: 50, Self.check)
    }

    /// The differences between what a case expects and what tdkt does (empty: the case passes).
    static func run(_ c: [String: Any]) -> [String] { FixtureManifest.run(c, check) }

    static func check(_ c: [String: Any]) throws -> [String] {
        let id = c["id"] as! String
        var failures: [String] = []
        let template = Fixtures.path("docxtemplater", c["template"] as! String)
        let data = TemplateValue(json: c["data"])
        let dir = TemporaryDirectory("dxt")
        defer { dir.remove() }
        let ext = TemplateFormat.extensionOf(template)
        let output = dir.file("out." + (ext == "dotx" ? "docx" : ext == "dotm" ? "docm" : ext))
        if let expectError = c["expect_error"] as? [String: Any] {
            let expected = (expectError["errors"] as? [[String: Any]]) ?? []
            var got: [TemplateIssue] = []
            do {
                let t = try Template(path: template, options: Self.options(c))
                try t.fill(data, to: output)
                failures.append("filled without the expected errors \(expected.map { $0["id"]! })")
            } catch let e as TemplateError {
                got = e.errors
            }
            if FileManager.default.fileExists(atPath: output) { failures.append("output written despite errors") }
            let want = expected.map { e -> String in
                let offset: String
                if let o = e["offset"] as? [Int] { offset = o.map(String.init).joined(separator: ",") } else { offset = "\(e["offset"] as? Int ?? -1)" }
                return "\(e["id"]!)@\(e["file"]!):\(offset)"
            }
            let have = got.map { i -> String in
                let offset = [i.location.offset, i.secondOffset].compactMap { $0 }.map(String.init).joined(separator: ",")
                return "\(i.code.rawValue)@\(i.location.part):\(offset)"
            }
            if have != want { failures.append("errors \(have), expected \(want)") }
            return failures
        }
        let t = try Template(path: template, options: Self.options(c))
        try t.fill(data, to: output)
        let expect = c["expect"] as! [String: Any]
        let texts = expect["text"] as! [String: String]
        for (part, want) in texts.sorted(by: { $0.key < $1.key }) {
            let have = try DocxText.text(try PackageFiles.read(output, part), part: part)
            if have != want { failures.append("\(id) \(part): text \(have.debugDescription), expected \(want.debugDescription)") }
        }
        if let full = expect["full_text"] as? [String: String] {
            for (part, want) in full.sorted(by: { $0.key < $1.key }) {
                let have = try DocxText.fullText(try PackageFiles.read(output, part))
                if have != want { failures.append("\(id) \(part): full text \(have.debugDescription), expected \(want.debugDescription)") }
            }
        }
        return failures
    }
}
