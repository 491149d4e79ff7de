import Foundation
import Testing
import TestSupport
import Document
import Domain
import Templating
import Vietnamese
@testable import Reports

/// Giấy khen: the shipped template fits one landscape page; the combined document prints one
/// page per certificate with that person on it; one file each on request.
@Suite("Giấy khen", .serialized)
struct CertificatesTests {
    static let year = 2024
    /// A small province: a few dozen certificates.
    static let data = ProvinceGenerator.generate(ProvinceSpec(seed: 11, awards: 400)).data

    /// The Giấy khen award rows of individuals in the year, from the domain.
    static var expectedAwards: [Award] {
        let ix = DomainIndex(data)
        return ix.awards(in: year).map { data.awards[Int($0)] }.filter {
            data.entry($0).code == "GK" && data.subject($0).kind == .individual
        }
    }

    @Test func valuesComeFromTheAwards() throws {
        let values = Certificates.values(Self.data, year: Self.year)
        let awards = Self.expectedAwards
        #expect(values.count == awards.count)
        #expect(values.count >= 5 && values.count <= 60, "\(values.count) certificates")
        // Same people and decisions (order aside).
        func key(_ name: String, _ decision: String) -> String { name + "|" + decision }
        let want = awards.map { key(Self.data.subject($0).name, Self.data.text($0.decision) ?? "") }.sorted()
        let got = values.map { key($0["ho_ten"]?.displayText() ?? "", $0["so_quyet_dinh"]?.displayText() ?? "") }.sorted()
        #expect(got == want)
        for v in values {
            for k in ["co_quan_tang", "danh_xung", "ho_ten", "don_vi", "thanh_tich", "so_quyet_dinh", "ngay_thang", "dia_danh"] {
                let text: String = v[k]?.displayText() ?? ""
                #expect(text.count > 0, "\(k) empty")
            }
            #expect(v["co_quan_tang"]?.displayText() == v["co_quan_tang"]?.displayText().uppercased())
            #expect(["Ông", "Bà"].contains(v["danh_xung"]?.displayText() ?? ""))
        }
        // Print order: units in hierarchy order, then names in Vietnamese order.
        let ix = DomainIndex(Self.data)
        let order = Certificates.awards(Self.data, year: Self.year).map { Self.data.awards[Int($0)] }
        for (a, b) in zip(order, order.dropFirst()) {
            let ra = ix.unitRank[Int(a.unit)], rb = ix.unitRank[Int(b.unit)]
            #expect(ra < rb || (ra == rb && VietnameseCollation.compare(Self.data.subject(a).name, Self.data.subject(b).name) != .orderedDescending))
        }
    }

    /// The template holds only names the values give.
    @Test(arguments: [DocumentFormat.docx, .odt])
    func templateTagsAreAllFilled(_ format: DocumentFormat) throws {
        let path = Conformance.root + "/templates/" + ShippedTemplate.certificate.fileName(format)
        let template = try Template(path: path)
        let names = Set(template.uses.map(\.name).filter { !$0.isEmpty && $0 != "." })
        let value = try #require(Certificates.values(Self.data, year: Self.year).first)
        let top = Set(value.objectKeys + (value["nguoi_ky"]?.objectKeys ?? []))
        #expect(names.isSubset(of: top), "unknown tags: \(names.subtracting(top))")
        #expect(names.isSuperset(of: ["ho_ten", "chuc_vu", "don_vi", "thanh_tich", "so_quyet_dinh", "ngay_thang", "nguoi_ky"]))
    }

    /// The committed template prints on exactly one A4 landscape page, in both formats.
    @Test func shippedTemplateFitsOneLandscapePage() throws {
        let dir = TemporaryDirectory("gk-template")
        defer { dir.remove() }
        let files = [DocumentFormat.docx, .odt].map { Conformance.root + "/templates/" + ShippedTemplate.certificate.fileName($0) }
        let reports = Conformance.check(files, .all, pdfDirectory: dir.path)
        for r in reports {
            #expect(r.failures.isEmpty, "\(r.file): \(r.failures)")
            #expect(r.pages == 1, "\(r.file): \(r.pages ?? 0) pages")
            let reader = r.file.hasSuffix(".docx") ? "docx-detail" : "odt-detail"
            for (slot, fonts) in r.data(reader)?["font_slots"]?.object ?? [:] {
                let names = (fonts.array ?? []).compactMap(\.string).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
                #expect(Set(names) == ["Times New Roman"], "\(r.file) \(slot): \(names)")
            }
            if let pdf = r.pdf, let page = try PDFText.pages(pdf).first {
                #expect(abs(page.width - PDFText.pt(297)) < 1 && abs(page.height - PDFText.pt(210)) < 1)
                #expect(page.lines.contains("GIẤY KHEN"))
            }
        }
    }

    /// One DOCX: as many pages as certificates, each landscape, each with its person (in
    /// order), no tag left, Times New Roman only; opened by LibreOffice without repair.
    @Test func combinedDocxPrintsOnePagePerCertificate() throws {
        let dir = TemporaryDirectory("gk-docx")
        defer { dir.remove() }
        let path = dir.file(Certificates.combinedFileName(year: Self.year, format: .docx))
        let start = Date()
        let count = try Certificates.writeCombined(Self.data, year: Self.year, to: path)
        print("combined DOCX of \(count) certificates in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        let values = Certificates.values(Self.data, year: Self.year)
        #expect(count == values.count)
        let reports = Conformance.check([path], .all, pdfDirectory: dir.path)
        #expect(reports[0].failures.isEmpty, "\(reports[0].failures)")
        #expect(reports[0].pages == count)
        guard let pdf = reports[0].pdf else { Issue.record("no PDF"); return }
        let pages = try PDFText.pages(pdf)
        #expect(pages.count == count)
        for (k, (page, value)) in zip(pages, values).enumerated() {
            #expect(page.width > page.height, "page \(k + 1) not landscape")
            let text = page.lines.joined(separator: " ")
            #expect(text.contains((value["danh_xung"]?.displayText() ?? "") + " " + (value["ho_ten"]?.displayText() ?? "")), "page \(k + 1)")
            #expect(text.contains(value["so_quyet_dinh"]?.displayText() ?? "?"), "page \(k + 1)")
            #expect(!text.contains("{"), "page \(k + 1): a tag is left: \(text)")
        }
        let fonts = try PDFText.fonts(pdf)
        #expect(fonts.allSatisfy { $0.hasPrefix("TimesNewRoman") || $0.hasPrefix("LiberationSerif") }, "\(fonts)")
        // Each certificate in its own section.
        let read = try DocumentReadBack.read([path], in: dir)
        #expect(read[path]?["sections"]?.array?.count == count)
    }

    /// One ODT: valid and opened without repair. The template engine's ODT combine mode breaks
    /// the page twice when a record starts with a table (its break paragraph, then the
    /// table's own page style), so LibreOffice prints a blank page after each certificate.
    @Test func combinedOdtOpensWithoutRepair() throws {
        let dir = TemporaryDirectory("gk-odt")
        defer { dir.remove() }
        let path = dir.file(Certificates.combinedFileName(year: Self.year, format: .odt))
        let count = try Certificates.writeCombined(Self.data, year: Self.year, to: path)
        let reports = Conformance.check([path], .all, pdfDirectory: dir.path)
        #expect(reports[0].failures.isEmpty, "\(reports[0].failures)")
        let pdf = try #require(reports[0].pdf)
        let pages = try PDFText.pages(pdf)
        let printed = pages.filter { !$0.words.isEmpty }
        #expect(printed.count == count)
        #expect(printed.allSatisfy { $0.width > $0.height && $0.lines.contains("GIẤY KHEN") })
        #expect(pages.count == count, "one page per certificate, no blank page between records")
    }

    /// One file per certificate, ASCII names in print order, each one page.
    @Test func eachCertificateIsOneFileOfOnePage() throws {
        let dir = TemporaryDirectory("gk-each")
        defer { dir.remove() }
        let start = Date()
        let docx = try Certificates.writeEach(Self.data, year: Self.year, directory: dir.file("docx"), format: .docx)
        let odt = try Certificates.writeEach(Self.data, year: Self.year, directory: dir.file("odt"), format: .odt)
        print("\(docx.count) + \(odt.count) single certificates in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        let values = Certificates.values(Self.data, year: Self.year)
        #expect(docx.count == values.count && odt.count == values.count)
        for (k, path) in docx.enumerated() {
            let name = URL(fileURLWithPath: path).lastPathComponent
            #expect(name.allSatisfy { $0.isASCII }, "\(name)")
            #expect(name.hasPrefix(String(format: "giay-khen-2024-%04d-", k + 1)))
        }
        // LibreOffice on a sample of them (the first and last three of each format).
        let sample = Array(docx.prefix(3) + docx.suffix(3) + odt.prefix(3) + odt.suffix(3))
        for r in Conformance.check(sample, [.libreOffice], pdfDirectory: dir.path) {
            #expect(r.failures.isEmpty, "\(r.file): \(r.failures)")
            #expect(r.pages == 1, "\(r.file): \(r.pages ?? 0) pages")
        }
    }
}

/// The generator's default province (5,000 award rows over two years): how long the
/// certificates take (printed for the benchmark notes).
@Suite("Giấy khen, default province")
struct CertificatesTimingTests {
    @Test func defaultProvince() throws {
        let data = ProvinceGenerator.generate(ProvinceSpec()).data
        let dir = TemporaryDirectory("gk-default")
        defer { dir.remove() }
        var start = Date()
        let n = try Certificates.writeCombined(data, year: 2024, to: dir.file("giay-khen-2024.docx"))
        let docx = Date().timeIntervalSince(start)
        start = Date()
        try Certificates.writeCombined(data, year: 2024, to: dir.file("giay-khen-2024.odt"))
        let odt = Date().timeIntervalSince(start)
        start = Date()
        let each = try Certificates.writeEach(data, year: 2024, directory: dir.file("each"), format: .docx)
        let eachTime = Date().timeIntervalSince(start)
        print("default province: \(n) certificates, combined DOCX \(String(format: "%.2f", docx)) s, ODT \(String(format: "%.2f", odt)) s, \(each.count) single DOCX \(String(format: "%.2f", eachTime)) s")
        #expect(n == each.count && n > 50)
        #expect(docx + odt + eachTime < 60)
    }
}

extension TemplateValue {
    /// The keys of an object value.
    var objectKeys: [String] {
        if case .object(let o) = self { return o.keys }
        return []
    }
}
