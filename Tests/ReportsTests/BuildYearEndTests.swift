import Document
import Domain
import Foundation
import Testing
import TestSupport
@testable import Reports

/// `tdkt build` on a data folder with a year of results: the tally workbook, the Báo cáo tổng
/// kết, Tờ trình, Quyết định and Giấy khen are written beside the plans; the rule violations of
/// the year are listed and everything is still written.
@Suite("tdkt build: year-end", .serialized)
struct BuildYearEndTests {
    static let sample = "bac-ninh-2025"

    @Test func theCommittedProvinceGetsItsWholeYearEndFile() throws {
        let dir = TemporaryDirectory("build-yearend")
        defer { dir.remove() }
        var o = BuildOptions()
        o.data = BuildTests.dataRoot + "/" + Self.sample
        o.out = dir.path
        o.templates = Conformance.root + "/templates"
        o.each = true
        let result = try ReportBuild(options: o).run()
        #expect(result.failures.isEmpty)
        #expect(result.violations.isEmpty, "the committed sample breaks no rule: \(result.violations.prefix(3))")
        let data = try DataFolderLoader(folder: o.data).load()
        let year = try #require(data.awardYears.last)
        let files = Set(result.outputs.flatMap(\.files))
        for name in ["bang-tong-hop-\(year).xlsx", "bang-tong-hop-\(year).ods",
                     "bao-cao-tong-ket-\(year).docx", "bao-cao-tong-ket-\(year).odt",
                     "to-trinh-khen-thuong-\(year).docx", "quyet-dinh-khen-thuong-\(year).odt",
                     "giay-khen-\(year).docx", "giay-khen-\(year).odt"] {
            #expect(files.contains(Self.sample + "/" + name), "missing \(name)")
        }
        // --each: one certificate per person awarded a Giấy khen.
        let each = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/\(Self.sample)/giay-khen-\(year)-tung-nguoi")
        #expect(each.count == Certificates.values(data, year: year).count)
        #expect(each.allSatisfy { $0.hasSuffix(".docx") && $0.unicodeScalars.allSatisfy(\.isASCII) })
        // The plans and the programme of the folder are built too, and all listed in the index.
        #expect(result.outputs.count == data.plans.count + data.programmes.count + 1 + 3 + 1
                + data.programmes.indices.filter { !DocumentValues.tracking($0, in: data).isEmpty }.count)
        let html = try String(contentsOfFile: dir.file("index.html"), encoding: .utf8)
        #expect(html.contains("bang-tong-hop-\(year).xlsx") && html.contains("giay-khen-\(year).docx"))
        // The year can be chosen; a year without awards is reported and the last one used.
        var earlier = o
        earlier.out = dir.file("truoc")
        earlier.year = year - 1
        earlier.only = ["tong-hop"]
        let r2 = try ReportBuild(options: earlier).run()
        #expect(r2.outputs.map(\.files).flatMap { $0 }.contains(Self.sample + "/bang-tong-hop-\(year - 1).xlsx"))
        earlier.year = 1999
        let r3 = try ReportBuild(options: earlier).run()
        #expect(r3.warnings.contains { $0.contains("không có khen thưởng năm 1999") })
    }

    /// The violations dataset: every output is still written; each broken rule is listed once
    /// with its rule number and the data line.
    @Test func violationsAreListedAndNothingIsSkipped() throws {
        let dir = TemporaryDirectory("build-violations")
        defer { dir.remove() }
        var o = BuildOptions()
        o.data = Conformance.root + "/Tests/Fixtures/tally-vi-pham"
        o.out = dir.path
        o.documentFormats = [.docx]
        o.workbookFormats = [.xlsx]
        o.templates = Conformance.root + "/templates"
        let result = try ReportBuild(options: o).run()
        let data = try DataFolderLoader(folder: o.data).load()
        let year = data.awardYears.last!
        let report = RuleChecker.check(data, years: [year])
        #expect(!report.violations.isEmpty)
        #expect(result.violations.count == report.violations.count)
        for rule in Set(report.violations.map(\.rule)) {
            #expect(result.violations.contains { $0.contains(", \(rule.rawValue) — ") }, "\(rule.rawValue) not listed")
        }
        #expect(result.violations.allSatisfy { $0.contains("khen-thuong-") && $0.contains("dòng") })
        let names = result.outputs.flatMap(\.files).map { ($0 as NSString).lastPathComponent }
        #expect(names.contains("bang-tong-hop-\(year).xlsx") && names.contains("bao-cao-tong-ket-\(year).docx"))
    }

    /// The same data gives byte-identical year-end files (workbooks with charts, the report,
    /// the combined certificates).
    @Test func yearEndFilesAreDeterministic() throws {
        let a = TemporaryDirectory("build-yearend-a"), b = TemporaryDirectory("build-yearend-b")
        defer { a.remove(); b.remove() }
        var o = BuildOptions()
        o.data = BuildTests.dataRoot + "/" + Self.sample
        o.templates = Conformance.root + "/templates"
        o.only = ["tong-hop", "bao-cao", "giay-khen"]
        o.out = a.path
        let ra = try ReportBuild(options: o).run()
        o.out = b.path
        _ = try ReportBuild(options: o).run()
        let files = ra.outputs.flatMap(\.files)
        #expect(files.count == 6)
        for f in files {
            let x = FileManager.default.contents(atPath: a.path + "/" + f)
            let y = FileManager.default.contents(atPath: b.path + "/" + f)
            #expect(x != nil && x == y, "\(f) differs between two builds")
        }
    }
}
