import Document
import Domain
import Foundation
import Templating
import Testing
import TestSupport
import Vietnamese
@testable import Reports

/// `tdkt build` on the committed sample data (data/): every plan and programme of the seeds
/// written in every format, read back by independent readers, opened by LibreOffice, and
/// printed as Nghị định 30/2020 lays a document out.
@Suite("tdkt build", .serialized)
struct BuildTests {
    static let dataRoot = Conformance.root + "/data"

    /// The seed folders (plans and programmes), each built on its own.
    static let seedFolders = ["kien-giang", "dinh-hoa", "bac-lieu", "lang-son", "bac-ninh"]

    /// A data root holding only the five seed folders (links to data/<folder>).
    static let seedRoot: String = {
        let root = NSTemporaryDirectory() + "tdkt-seeds-\(getpid())"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for f in seedFolders where !FileManager.default.fileExists(atPath: root + "/" + f) {
            try? FileManager.default.createSymbolicLink(atPath: root + "/" + f, withDestinationPath: dataRoot + "/" + f)
        }
        return root
    }()

    static func build(_ out: String, formats: [DocumentFormat] = [.docx, .odt], pdf: Bool = false,
                      data: String = seedRoot, only: [String] = []) throws -> BuildResult {
        var o = BuildOptions()
        o.data = data
        o.out = out
        o.documentFormats = formats
        o.pdf = pdf
        o.only = only
        o.templates = Conformance.root + "/templates"
        return try ReportBuild(options: o).run()
    }

    /// Every validator over `files`; fails on anything they report.
    static func conformant(_ files: [String], _ checks: Conformance.Checks, pdfDirectory: String? = nil,
                           sourceLocation: SourceLocation = #_sourceLocation) -> [Conformance.FileReport] {
        let reports = Conformance.check(files, checks, pdfDirectory: pdfDirectory)
        for r in reports { #expect(r.failures.isEmpty, "\(r.file): \(r.failures)", sourceLocation: sourceLocation) }
        return reports
    }

    /// Every string a reader reported, one per line.
    static func allText(_ json: JSON?) -> String {
        var out: [String] = []
        func walk(_ j: JSON) {
            switch j {
            case .string(let s): out.append(s)
            case .array(let a): a.forEach(walk)
            case .object(let o): o.keys.sorted().forEach { walk(o[$0]!) }
            default: break
            }
        }
        if let json { walk(json) }
        return out.joined(separator: "\n")
    }

    static func load(_ folder: String) throws -> ProvinceData {
        try DataFolderLoader(folder: dataRoot + "/" + folder).load()
    }

    @Test func everySeedDocumentIsWrittenInEveryFormat() throws {
        let dir = TemporaryDirectory("build")
        defer { dir.remove() }
        let result = try Self.build(dir.path)
        #expect(result.failures.isEmpty)
        var expected = 0
        for f in Self.seedFolders {
            let data = try Self.load(f)
            expected += data.plans.count + data.programmes.count
            expected += data.programmes.indices.filter { !DocumentValues.tracking($0, in: data).isEmpty }.count
        }
        // The five seeds: three plans, two programmes with delivery records (two workbooks).
        #expect(expected == 7)
        #expect(result.outputs.count == expected)
        for o in result.outputs {
            #expect(o.files.count == 2, "\(o.title): \(o.files)")
            for f in o.files {
                let name = (f as NSString).lastPathComponent
                #expect(name.unicodeScalars.allSatisfy { $0.isASCII && $0 != " " }, "not ASCII-safe: \(name)")
                #expect(FileManager.default.fileExists(atPath: dir.path + "/" + f))
            }
        }
        let names = result.outputs.flatMap(\.files)
        #expect(names.contains { $0.hasPrefix("kien-giang/57-KH-UBND-2019_") && $0.hasSuffix(".docx") })
        #expect(names.contains { $0.hasPrefix("dinh-hoa/40-KH-UBND-2021_") && $0.hasSuffix(".odt") })
        #expect(names.contains { $0.hasPrefix("bac-lieu/03-KH-STTTT-2018_") })
        #expect(names.contains { $0.hasPrefix("lang-son/") && $0.hasSuffix("_theo-doi.xlsx") })
        #expect(names.contains { $0.hasPrefix("bac-ninh/") && $0.hasSuffix("_theo-doi.ods") })

        // index.html: every file linked, no external resource.
        let html = try String(contentsOfFile: dir.path + "/index.html", encoding: .utf8)
        for f in names { #expect(html.contains((f as NSString).lastPathComponent.replacingOccurrences(of: " ", with: "%20"))) }
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("name=\"viewport\""))

        // Independent readers and LibreOffice open every file; the documents hold the seed facts.
        let files = names.map { dir.path + "/" + $0 }
        let reports = Self.conformant(files, [.readers, .libreOffice])
        for r in reports where r.file.hasSuffix(".docx") {
            let text = Self.allText(r.data("python-docx"))
            if r.file.contains("57-KH-UBND") {
                #expect(text.contains("Số: 57/KH-UBND"))
                #expect(text.contains("Kiên Giang, ngày 11 tháng 4 năm 2019"))
                #expect(text.contains("TỈNH KIÊN GIANG"))
            }
            if r.file.contains("40-KH-UBND") {
                #expect(text.contains("ngày 08 tháng 3 năm 2021"))
                #expect(text.contains("11/KH-UBND"))
            }
            if r.file.contains("03-KH-STTTT") {
                #expect(text.contains("ngày 24 tháng 01 năm 2018"))
                #expect(text.contains("31/12/2018"))
            }
            #expect(!text.contains("{"), "a tag left unfilled in \(r.file)")
        }
    }

    @Test func theSameDataGivesTheSameBytes() throws {
        let a = TemporaryDirectory("build-a"), b = TemporaryDirectory("build-b")
        defer { a.remove(); b.remove() }
        let ra = try Self.build(a.path, only: ["lang-son"])
        _ = try Self.build(b.path, only: ["lang-son"])
        #expect(!ra.outputs.isEmpty)
        for f in ra.outputs.flatMap(\.files) + ["index.html"] {
            let x = FileManager.default.contents(atPath: a.path + "/" + f)
            let y = FileManager.default.contents(atPath: b.path + "/" + f)
            #expect(x != nil && x == y, "\(f) differs between two builds")
        }
    }

    /// Values of the plan of Kiên Giang as the template reads them.
    @Test func planValues() throws {
        let data = try Self.load("kien-giang")
        let plan = try #require(data.plans.first { $0.number == "57/KH-UBND" })
        let v = DocumentValues.plan(plan, in: data)
        #expect(v["so"] == .text("57/KH-UBND"))
        #expect(v["ngay_thang"] == .text("ngày 11 tháng 4 năm 2019"))
        #expect(v["dia_danh"] == .text("Kiên Giang"))
        #expect(v["co_quan_ban_hanh"] == .text("ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG"))
        #expect(v["co_quan_chu_quan"] == .null)
        guard case .list(let sections)? = v["phan"] else { Issue.record("no phan"); return }
        #expect(sections.count == plan.outline(data).count)
        // Level 1 numbered I, II, … in upper case; level 2 numbered from 1 under each.
        for (i, s) in sections.enumerated() {
            #expect(s["so"] == .text(RomanNumeral.formatOrDigits(i + 1)))
            if case .text(let t)? = s["tieu_de"] { #expect(t == t.uppercased()) }
            if case .list(let muc)? = s["muc"] {
                for (k, m) in muc.enumerated() { #expect(m["so"] == .text(String(k + 1))) }
            }
        }
        guard case .list(let recipients)? = v["noi_nhan"] else { Issue.record("no noi_nhan"); return }
        #expect(recipients.count == plan.recipients.count)
        for r in recipients { if case .text(let t) = r { #expect(!t.hasPrefix("-")) } }
        #expect(v["nguoi_ky"]?["ho_ten"] == plan.signer.map { .text($0.name) })
    }

    @Test func numberingOfNestedItems() {
        let item = PlanItem(title: "tổ chức thực hiện", items: [
            PlanItem(title: "Sở Nội vụ", paragraphs: ["Chủ trì."], items: [
                PlanItem(title: "Ban Thi đua", paragraphs: ["Tham mưu."]),
                PlanItem(title: "Văn phòng", items: [PlanItem(title: nil, paragraphs: ["Lưu trữ."])]),
                PlanItem(title: nil, paragraphs: ["Báo cáo.", "Hằng quý."], items: [PlanItem(title: nil, paragraphs: ["Chi tiết."])]),
            ], deadline: try? CivilDate(year: 2025, month: 3, day: 31)),
            PlanItem(title: "Sở Tài chính", paragraphs: ["Bảo đảm kinh phí."]),
        ])
        let v = DocumentValues.sections([item])[0]
        #expect(v["so"] == .text("I"))
        #expect(v["tieu_de"] == .text("TỔ CHỨC THỰC HIỆN"))
        guard case .list(let muc)? = v["muc"] else { Issue.record("muc"); return }
        #expect(muc.count == 2)
        #expect(muc[1]["so"] == .text("2"))
        #expect(muc[0]["noi_dung"] == .list([.text("Chủ trì."), .text("Thời hạn: 31/03/2025.")]))
        guard case .list(let tiet)? = muc[0]["tiet"], case .list(let dashes)? = muc[0]["y"] else { Issue.record("tiet"); return }
        #expect(tiet.map { $0["so"] } == [.text("a"), .text("b")])
        #expect(dashes.count == 1)
        #expect(dashes[0]["tieu_de"] == .text("Báo cáo."))
        #expect(dashes[0]["noi_dung"] == .list([.text("Hằng quý."), .text("+ Chi tiết.")]))
        #expect(DocumentValues.letter(5) == "đ" && DocumentValues.letter(6) == "e")
    }

    /// The tracking rows equal the delivery records counted by quarter, and the planned
    /// episodes the weekly rate (2 a week for the Lạng Sơn column).
    @Test func trackingRowsMatchTheDeliveryRecords() throws {
        let data = try Self.load("lang-son")
        let rows = DocumentValues.tracking(0, in: data)
        #expect(!rows.isEmpty)
        let last = data.deliveries.map(\.date).max()!
        let delivered = data.deliveries.filter { $0.programme == 0 && $0.date <= last }.reduce(0) { $0 + $1.episodes }
        #expect(rows.filter(\.isTotal).reduce(0) { $0 + $1.delivered } == delivered)
        #expect(rows.filter { !$0.isTotal }.reduce(0) { $0 + $1.delivered } == delivered)
        let p = data.programmes[0]
        for (di, d) in p.deliverables.enumerated() where d.frequency == .week {
            let planned = rows.filter { $0.isTotal && $0.deliverable == d.name }.first?.planned ?? 0
            var expected = 0
            var day = max(p.start, d.start)
            while day <= min(last, d.end) {
                if ((day.daysSince1970 + 3) % 7 + 7) % 7 == 0 { expected += d.perPeriod }  // a Monday
                day = try CivilDate(daysSince1970: day.daysSince1970 + 1)
            }
            #expect(planned == expected, "deliverable \(di) \(d.name)")
        }
    }

    /// A data folder with an error: the error names the file and line; nothing is written for
    /// that folder, the others are built.
    @Test func badDataIsReportedAndNothingIsHalfWritten() throws {
        let dir = TemporaryDirectory("build-bad")
        defer { dir.remove() }
        let data = dir.file("du-lieu")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        for f in ["kien-giang", "bac-lieu"] {
            try FileManager.default.copyItem(atPath: Self.dataRoot + "/" + f, toPath: data + "/" + f)
        }
        let plan = data + "/bac-lieu/ke-hoach/03-KH-STTTT-2018.yaml"
        var text = try String(contentsOfFile: plan, encoding: .utf8)
        text = text.replacingOccurrences(of: "ngay: 24/01/2018", with: "ngay: 32/01/2018")
        try text.write(toFile: plan, atomically: true, encoding: .utf8)
        let out = dir.file("ra")
        let result = try Self.build(out, data: data)
        #expect(result.failures.count == 1)
        let message = result.failures.first?.description ?? ""
        #expect(message.contains("03-KH-STTTT-2018.yaml"), "\(message)")
        #expect(message.contains("32/01/2018") || message.contains("ngay"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: out + "/bac-lieu"))
        #expect(result.outputs.count == 1)
        let left = try FileManager.default.subpathsOfDirectory(atPath: out).filter { $0.contains("tdkt-tmp") }
        #expect(left.isEmpty)
    }

    /// A template with a broken tag gives a located error naming the template.
    @Test func aBrokenUserTemplateIsNamed() throws {
        let dir = TemporaryDirectory("build-template")
        defer { dir.remove() }
        let templates = dir.file("mau")
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        var d = ShippedTemplate.plan.document()
        d.append(.paragraph(Paragraph("{#khong_dong}")))
        try d.write(to: templates + "/ke-hoach.docx")
        var o = BuildOptions()
        o.data = Self.dataRoot
        o.out = dir.file("ra")
        o.documentFormats = [.docx]
        o.only = ["kien-giang"]
        o.templates = templates
        #expect {
            _ = try ReportBuild(options: o).run()
        } throws: { error in
            let text = "\(error)"
            return text.contains("ke-hoach.docx") && text.contains("khong_dong")
        }
    }

    /// A templates folder without the template the build needs: named, with the way to get it.
    @Test func aMissingUserTemplateIsNamed() throws {
        let dir = TemporaryDirectory("build-no-template")
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.file("mau"), withIntermediateDirectories: true)
        var o = BuildOptions()
        o.data = Self.dataRoot + "/kien-giang"
        o.out = dir.file("ra")
        o.documentFormats = [.odt]
        o.templates = dir.file("mau")
        #expect {
            _ = try ReportBuild(options: o).run()
        } throws: { error in
            "\(error)".contains("ke-hoach.odt") && "\(error)".contains("tdkt mau --out")
        }
    }

    @Test func slugsAreASCII() {
        #expect(Vietnamese.fileSlug("Đẩy mạnh công tác tuyên truyền về phong trào thi đua yêu nước") ==
                "day-manh-cong-tac-tuyen-truyen-ve-phong-trao-thi-dua-yeu-nuoc")
        #expect(Vietnamese.fileSlug("") == "tai-lieu")
        #expect(ReportBuild.stem(number: "01/CTrPH-SNV-ĐPTTH", kind: "chuong-trinh", title: "Phối hợp", year: 2022)
                == "01-CTrPH-SNV-DPTTH-2022_phoi-hop")
        #expect(ReportBuild.stem(number: nil, kind: "ke-hoach", title: "Kế hoạch", year: nil) == "ke-hoach_ke-hoach")
    }
}
