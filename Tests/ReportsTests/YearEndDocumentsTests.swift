import Foundation
import Testing
import TestSupport
import Document
import Domain
import Vietnamese
@testable import Reports

/// The year-end documents of the generator's default province (year 2024), written once in
/// DOCX and ODT, read back by python-docx and odfpy, checked by the schemas and converted by
/// LibreOffice; the tests compare what they print with the aggregations computed here.
@Suite("Year-end documents", .serialized)
struct YearEndDocumentsTests {
    static let year = 2024

    /// Everything written and checked once for the suite.
    final class Fixture: @unchecked Sendable {
        let data: ProvinceData
        let dir: TemporaryDirectory
        let files: [String]
        let reports: [Conformance.FileReport]
        let read: [String: JSON]
        let seconds: Double

        init() throws {
            data = ProvinceGenerator.generate(ProvinceSpec()).data
            dir = TemporaryDirectory("yearend")
            let start = Date()
            files = try YearEndDocuments.writeAll(data, year: YearEndDocumentsTests.year, directory: dir.path)
            seconds = Date().timeIntervalSince(start)
            reports = Conformance.check(files, .all, pdfDirectory: dir.path)
            read = try DocumentReadBack.read(files, in: dir)
            // TDKT_DOC_OUT=folder keeps the documents and their PDFs for a human to look at.
            if let keep = ProcessInfo.processInfo.environment["TDKT_DOC_OUT"] {
                for f in files + reports.compactMap(\.pdf) {
                    let target = keep + "/" + URL(fileURLWithPath: f).lastPathComponent
                    try? FileManager.default.removeItem(atPath: target)
                    try? FileManager.default.copyItem(atPath: f, toPath: target)
                }
            }
        }

        func file(_ kind: YearEndDocuments.Kind, _ format: DocumentFormat) -> String {
            dir.file(YearEndDocuments.info(kind, data, year: YearEndDocumentsTests.year).fileName(format))
        }

        func report(_ path: String) -> Conformance.FileReport? { reports.first { $0.file == path } }
    }

    static let shared: Result<Fixture, any Error> = Result { try Fixture() }

    func fixture() throws -> Fixture { try Self.shared.get() }

    // MARK: Opening

    @Test func librOfficeOpensEveryDocumentWithoutRepairAndSchemasPass() throws {
        let f = try fixture()
        #expect(f.files.count == 6)
        for r in f.reports {
            #expect(r.failures.isEmpty, "\(r.file): \(r.failures)")
            #expect((r.pages ?? 0) >= 2, "\(r.file): \(r.pages ?? 0) pages")
        }
        // Timing of the three documents in two formats (printed for the report).
        print("year-end documents (6 files) written in \(String(format: "%.2f", f.seconds)) s")
        #expect(f.seconds < 20)
    }

    // MARK: Numbers

    /// The sentences print the aggregations' figures, the Vietnamese way.
    @Test(arguments: [DocumentFormat.docx, .odt])
    func reportSentencesEqualTheAggregations(_ format: DocumentFormat) throws {
        let f = try fixture()
        let y = Self.year, data = f.data
        guard let doc = f.read[f.file(.report, format)] else { Issue.record("not read"); return }
        let text = (doc["paragraphs"]?.array ?? []).compactMap(\.string).joined(separator: "\n")
        let t1 = Aggregations.t1(data, year: y), before = Aggregations.t1(data, year: y - 1)
        func v(_ t: ResultTable, _ c: String) -> Int { t.value("tong_cong", c)?.integer ?? -1 }
        let ldtt = v(t1, "ldtt"), heads = v(t1, "tong_so"), cstdcs = v(t1, "cstdcs")
        #expect(ldtt > 0 && heads > 0 && cstdcs > 0)
        let expected = [
            "toàn tỉnh có \(Expect.n(ldtt)) cá nhân đạt danh hiệu Lao động tiên tiến (bằng \(Expect.pct(ldtt, heads)) tổng số cán bộ, công chức, viên chức, người lao động), \(Expect.change(ldtt, v(before, "ldtt"), y - 1))",
            "\(Expect.n(cstdcs)) cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở (bằng \(Expect.pct(cstdcs, ldtt)) số Lao động tiên tiến), \(Expect.change(cstdcs, v(before, "cstdcs"), y - 1))",
            "\(Expect.n(v(t1, "cstd_tinh"))) cá nhân đạt danh hiệu Chiến sĩ thi đua cấp tỉnh",
            "\(Expect.n(v(t1, "ttldtt"))) tập thể đạt danh hiệu Tập thể lao động tiên tiến, \(Expect.n(v(t1, "ttldxs"))) tập thể đạt danh hiệu Tập thể lao động xuất sắc",
            "\(Expect.n(v(t1, "co_tinh"))) tập thể được tặng Cờ thi đua của Ủy ban nhân dân tỉnh",
            "với tổng số \(Expect.n(heads)) cán bộ, công chức, viên chức, người lao động",
        ]
        // T2: all forms by level, with the year before.
        let t2 = Aggregations.t2(data, year: y)
        let total = v(t2, "tong_so"), prev = v(t2, "nam_truoc")
        var more = ["Tổng số \(Expect.n(total)) lượt tập thể, cá nhân, hộ gia đình được khen thưởng, \(Expect.change(total, prev, y - 1))"]
        for level in AwardLevel.allCases {
            let now = t2.value("cap:\(level.rawValue)", "tong_so")?.integer ?? -1
            let was = t2.value("cap:\(level.rawValue)", "nam_truoc")?.integer ?? -1
            more.append("\(level.label.prefix(1).lowercased() + level.label.dropFirst()) \(Expect.n(now)) (\(Expect.change(now, was, y - 1)))")
        }
        more.append("trong số cá nhân được khen có \(Expect.n(v(t2, "truc_tiep"))) lượt người trực tiếp")
        // T3, T4, T5.
        let t3 = Aggregations.t3(data, year: y)
        more.append("thường xuyên \(Expect.n(t3.value("loai_hinh:thuong_xuyen", "tong_so")?.integer ?? -1)) lượt")
        let rankings = Aggregations.clusterRankings(data, year: y)
        let flags = rankings.flatMap(\.standings).filter { $0.proposal == .flag }.count
        let certs = rankings.flatMap(\.standings).filter { $0.proposal == .certificate }.count
        #expect(flags > 0 && certs > 0)
        more.append("đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho \(Expect.n(flags)) đơn vị dẫn đầu và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho \(Expect.n(certs)) đơn vị")
        more.append("thành \(Expect.n(rankings.count)) cụm, khối thi đua")
        let t5 = Aggregations.t5(data, year: y)
        let planned = v(t5, "cm_ke_hoach"), aired = v(t5, "cm_da_phat")
        more.append("đã đăng tải \(Expect.n(v(t5, "tin"))) tin, \(Expect.n(v(t5, "bai"))) bài, \(Expect.n(v(t5, "phong_su"))) phóng sự")
        more.append("phát sóng \(Expect.n(aired)) trên \(Expect.n(planned)) kỳ chuyên mục theo kế hoạch, đạt \(Expect.pct(aired, planned)), tổng thời lượng \(Expect.n(v(t5, "thoi_luong"))) phút")
        for phrase in expected + more {
            #expect(text.contains(phrase), "\(format): missing «\(phrase)»")
        }
        // The official parts.
        for phrase in ["BÁO CÁO", "Phần thứ nhất", "I. ĐẶC ĐIỂM TÌNH HÌNH", "II. KẾT QUẢ THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG",
                       "2. Tồn tại, hạn chế", "Phần thứ hai", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM \(y + 1)", "Phần thứ ba",
                       "ĐỀ XUẤT, KIẾN NGHỊ", "Phụ lục I", "Phụ lục V"] {
            #expect(text.contains(phrase), "\(format): missing «\(phrase)»")
        }
    }

    /// Every cell of the annex tables T1–T5 shows the aggregation's value.
    @Test(arguments: [DocumentFormat.docx, .odt])
    func annexTablesEqualTheAggregations(_ format: DocumentFormat) throws {
        let f = try fixture()
        guard let doc = f.read[f.file(.report, format)], let tables = doc["tables"]?.array else { Issue.record("not read"); return }
        let y = Self.year
        let expected = [Aggregations.t1(f.data, year: y), Aggregations.t2(f.data, year: y), Aggregations.t3(f.data, year: y),
                        Aggregations.t4(f.data, year: y), Aggregations.t5(f.data, year: y)]
        // Tables: header, closing, then one per annex.
        let annexes = Array(tables.suffix(5))
        #expect(tables.count == 7)
        for (t, table) in zip(expected, annexes) {
            let rows = table["rows"]?.array ?? []
            let headerCount = t.columns.contains { $0.group != nil } ? 2 : 1
            #expect(rows.count == t.rows.count + headerCount, "\(t.id): \(rows.count) rows")
            guard rows.count == t.rows.count + headerCount else { continue }
            for (k, row) in rows.enumerated() {
                #expect(row["header"]?.bool == (k < headerCount), "\(t.id) row \(k): header flag")
                if k >= headerCount { #expect(row["cant_split"]?.bool == true, "\(t.id) row \(k) may split") }
            }
            var mismatches: [String] = []
            for r in t.rows.indices {
                let cells = (rows[r + headerCount]["cells"]?.array ?? []).compactMap(\.string)
                let want = t.rows[r].kind == .group ? [t.rows[r].label] : t.columns.indices.map { t.display(r, $0) }
                if cells != want { mismatches.append("\(t.id) \(t.rows[r].label): \(cells) ≠ \(want)") }
            }
            #expect(mismatches.isEmpty, "\(format): \(mismatches.prefix(5))")
        }
    }

    /// Tờ trình and Quyết định: the counts in the text equal their lists, and the lists hold
    /// what the cluster rankings propose and the year's provincial award rows.
    @Test(arguments: [DocumentFormat.docx, .odt])
    func proposalAndDecisionCountsEqualTheirLists(_ format: DocumentFormat) throws {
        let f = try fixture()
        let y = Self.year, data = f.data
        let ix = DomainIndex(data)
        func individuals(_ role: AwardRole) -> Int {
            ix.awards(in: y).filter { ix.role(data.awards[Int($0)]) == role && data.subject(data.awards[Int($0)]).kind == .individual }.count
        }
        let flagged = Aggregations.clusterRankings(data, year: y).flatMap(\.standings).filter { $0.proposal == .flag }.map { data.unitName($0.unit) }
        for kind in [YearEndDocuments.Kind.proposal, .decision] {
            guard let doc = f.read[f.file(kind, format)], let tables = doc["tables"]?.array, let list = tables.last else {
                Issue.record("not read"); continue
            }
            // Lower case: the decision writes its clauses as one sentence ("…; tặng …").
            let text = (doc["paragraphs"]?.array ?? []).compactMap(\.string).joined(separator: "\n").lowercased()
            let rows = (list["rows"]?.array ?? []).map { ($0["cells"]?.array ?? []).compactMap(\.string) }
            #expect(list["rows"]?.array?.first?["header"]?.bool == true)
            // Group rows (one cell) and the entries under each.
            var groups: [(String, [[String]])] = []
            for r in rows.dropFirst() {
                if r.count == 1 { groups.append((r[0], [])) } else if !groups.isEmpty { groups[groups.count - 1].1.append(r) }
            }
            #expect(groups.count == 4)
            guard groups.count == 4 else { continue }
            for (_, entries) in groups { #expect(entries.map { $0[0] } == (1...max(1, entries.count)).prefix(entries.count).map { Expect.n($0) }) }
            let counts = groups.map(\.1.count)
            #expect(text.contains("tặng cờ thi đua của ủy ban nhân dân tỉnh cho \(Expect.n(counts[0])) tập thể"), "\(kind) \(format)")
            #expect(text.contains("tặng danh hiệu chiến sĩ thi đua cấp tỉnh cho \(Expect.n(counts[1])) cá nhân"), "\(kind) \(format)")
            #expect(text.contains("tặng bằng khen của chủ tịch ủy ban nhân dân tỉnh cho \(Expect.n(counts[2])) tập thể và \(Expect.n(counts[3])) cá nhân"),
                    "\(kind) \(format)")
            // Against the domain.
            #expect(counts[1] == individuals(.cstdTinh))
            #expect(counts[3] == individuals(.bkTinh))
            let flagNames = Set(groups[0].1.map { $0[1] })
            #expect(Set(flagged).isSubset(of: flagNames), "\(kind): cluster leaders missing from the Cờ list")
            #expect(groups[0].0.contains("(\(Expect.n(counts[0])) tập thể)"))
        }
        if let decision = f.read[f.file(.decision, format)] {
            let text = (decision["paragraphs"]?.array ?? []).compactMap(\.string).joined(separator: "\n")
            for phrase in ["QUYẾT ĐỊNH", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                           "Căn cứ Nghị định số 98/2023/NĐ-CP", "QUYẾT ĐỊNH:", "Điều 1. Tặng Cờ thi đua", "Điều 2.", "Điều 3.",
                           "- Như Điều 3;"] {
                #expect(text.contains(phrase), "decision \(format): missing «\(phrase)»")
            }
        }
    }

    // MARK: Layout

    /// The report is portrait; each annex is its own landscape section (DOCX w:orient, ODF page
    /// layout) numbered from 1; the lists of the Tờ trình and Quyết định are portrait.
    @Test(arguments: [DocumentFormat.docx, .odt])
    func annexSectionsAreLandscape(_ format: DocumentFormat) throws {
        let f = try fixture()
        guard let sections = f.read[f.file(.report, format)]?["sections"]?.array else { Issue.record("no sections"); return }
        #expect(sections.count == 6)
        for (k, s) in sections.enumerated() {
            let w = s["width_mm"]?.number ?? 0, h = s["height_mm"]?.number ?? 0
            if k == 0 {
                #expect(abs(w - 210) < 0.5 && abs(h - 297) < 0.5 && s["orientation"]?.string == "portrait")
            } else {
                #expect(abs(w - 297) < 0.5 && abs(h - 210) < 0.5 && s["orientation"]?.string == "landscape", "section \(k): \(s)")
            }
        }
        for kind in [YearEndDocuments.Kind.proposal, .decision] {
            let s = f.read[f.file(kind, format)]?["sections"]?.array ?? []
            #expect(s.count == 2 && s.allSatisfy { $0["orientation"]?.string == "portrait" })
        }
    }

    /// In print: portrait A4 pages, then the annexes on landscape A4, every page of an annex
    /// table starting with the table's header (repeated), Times New Roman (or its metric twin)
    /// the only font.
    @Test(arguments: [DocumentFormat.docx, .odt])
    func printedAnnexesAreLandscapeWithHeadersOnEveryPage(_ format: DocumentFormat) throws {
        let f = try fixture()
        guard let pdf = f.report(f.file(.report, format))?.pdf else { Issue.record("no PDF"); return }
        let pages = try PDFText.pages(pdf)
        let pt = PDFText.pt
        guard let firstAnnex = pages.firstIndex(where: { $0.lines.contains("Phụ lục I") }) else {
            Issue.record("no annex page"); return
        }
        for (k, p) in pages.enumerated() {
            if k < firstAnnex {
                #expect(abs(p.width - pt(210)) < 1 && abs(p.height - pt(297)) < 1, "page \(k + 1) not portrait A4")
            } else {
                #expect(abs(p.width - pt(297)) < 1 && abs(p.height - pt(210)) < 1, "page \(k + 1) not landscape A4")
            }
        }
        // Each annex page shows its table's header near the top: the (first word of the) title
        // of its label column, which only the header holds.
        let lastTitles = ["Đơn vị", "Danh", "Loại", "Cụm,", "Đơn vị"]
        var annex = -1, pageInAnnex = 0
        for p in pages[firstAnnex...] {
            if let n = ["Phụ lục I", "Phụ lục II", "Phụ lục III", "Phụ lục IV", "Phụ lục V"].firstIndex(where: { p.lines.contains($0) }) {
                annex = n
                pageInAnnex = 0
            }
            pageInAnnex += 1
            guard annex >= 0 else { continue }
            // Page numbers: each annex from 1, none on its first page, centred in the top margin.
            let numbers = p.words.filter { $0.yMax < pt(20) && Int($0.text) != nil }.map(\.text)
            #expect(numbers == (pageInAnnex == 1 ? [] : [String(pageInAnnex)]), "\(format) annex \(annex + 1) page \(pageInAnnex): \(numbers)")
            let top = p.lines(above: p.height * 0.5).joined(separator: " ")
            #expect(top.contains(lastTitles[annex]), "\(format) annex \(annex + 1): page without the table header: \(top.prefix(200))")
        }
        #expect(annex == 4)
        // Fonts.
        let fonts = try PDFText.fonts(pdf)
        #expect(!fonts.isEmpty)
        #expect(fonts.allSatisfy { $0.hasPrefix("TimesNewRoman") || $0.hasPrefix("LiberationSerif") }, "\(fonts)")
    }

    /// The attached lists repeat their header on every page of the list.
    @Test(arguments: [DocumentFormat.docx, .odt])
    func printedListsRepeatTheirHeader(_ format: DocumentFormat) throws {
        let f = try fixture()
        for kind in [YearEndDocuments.Kind.proposal, .decision] {
            guard let pdf = f.report(f.file(kind, format))?.pdf else { Issue.record("no PDF"); continue }
            let pages = try PDFText.pages(pdf)
            guard let start = pages.firstIndex(where: { $0.lines.contains("DANH SÁCH") }) else { Issue.record("no list"); continue }
            #expect(pages.count - start >= 2, "\(kind): list on one page, nothing to repeat")
            for p in pages[start...] {
                #expect(p.lines(above: p.height * 0.5).joined(separator: " ").contains("Họ và tên, tên"), "\(kind) \(format): page without header")
            }
        }
    }

    /// Times New Roman in every font slot (DOCX ascii/hAnsi/eastAsia/cs; ODT western, asian,
    /// complex), read by the conformance readers.
    @Test func timesNewRomanInEveryFontSlot() throws {
        let f = try fixture()
        for r in f.reports {
            let reader = r.file.hasSuffix(".docx") ? "docx-detail" : "odt-detail"
            guard let slots = r.data(reader)?["font_slots"]?.object else { Issue.record("\(r.file): no font slots"); continue }
            #expect(!slots.isEmpty)
            for (slot, fonts) in slots {
                // ODF quotes family names with spaces ('Times New Roman').
                let names = (fonts.array ?? []).compactMap(\.string).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")) }
                #expect(Set(names) == ["Times New Roman"], "\(r.file) \(slot): \(fonts)")
            }
        }
    }

    @Test func namesAndNumbers() throws {
        let f = try fixture()
        for kind in YearEndDocuments.Kind.allCases {
            let info = YearEndDocuments.info(kind, f.data, year: Self.year)
            #expect(info.fileStem.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            #expect(info.number.isDraft)
            #expect(info.fileName(.odt).hasSuffix("-2024.odt"))
        }
        #expect(YearEndDocuments.info(.report, f.data, year: Self.year).number.formatted.hasSuffix("/BC-UBND"))
        #expect(YearEndDocuments.info(.proposal, f.data, year: Self.year).number.formatted.hasSuffix("/TTr-SNV"))
        #expect(YearEndDocuments.info(.decision, f.data, year: Self.year).number.formatted.hasSuffix("/QĐ-UBND"))
        #expect(Prose.slug("Nguyễn Thị Đào Hương") == "nguyen-thi-dao-huong")
    }
}

/// Numbers written as the tests expect them, computed here (not by Reports).
enum Expect {
    static func n(_ v: Int) -> String { VietnameseNumber.format(v) }

    /// 1 decimal, half away from zero, decimal comma: "62,5%".
    static func pct(_ a: Int, _ b: Int) -> String {
        guard b != 0 else { return "—" }
        let tenths = (Double(a) * 1000 / Double(b)).rounded(.toNearestOrAwayFromZero)
        let v = Int(tenths)
        return "\(n(v / 10)),\(v % 10)%"
    }

    static func change(_ now: Int, _ before: Int, _ year: Int) -> String {
        if now == before { return "bằng năm \(year)" }
        if before == 0 { return "năm \(year) chưa có" }
        return (now > before ? "tăng " : "giảm ") + pct(abs(now - before), before) + " so với năm \(year)"
    }
}

/// Reads DOCX files with python-docx and ODT files with odfpy (the project's venv): body
/// paragraphs in order, top-level tables (cells as printed, header and keep-together flags
/// per row), sections (page size and orientation, in order).
enum DocumentReadBack {
    static let script = #"""
import json, sys

def docx_read(path):
    import docx
    from docx.oxml.ns import qn
    d = docx.Document(path)
    body = d.element.body
    paragraphs, tables = [], []
    for el in body.iterchildren():
        if el.tag == qn("w:p"):
            paragraphs.append("".join(t.text or "" for t in el.iter(qn("w:t"))))
        elif el.tag == qn("w:tbl"):
            rows = []
            for tr in el.iterchildren(qn("w:tr")):
                trpr = tr.find(qn("w:trPr"))
                cells = []
                for tc in tr.iterchildren(qn("w:tc")):
                    vm = tc.find(qn("w:tcPr") + "/" + qn("w:vMerge"))
                    if vm is not None and vm.get(qn("w:val")) in (None, "continue"):
                        continue
                    cells.append("\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iterchildren(qn("w:p"))))
                rows.append({"cells": cells,
                             "header": trpr is not None and trpr.find(qn("w:tblHeader")) is not None,
                             "cant_split": trpr is not None and trpr.find(qn("w:cantSplit")) is not None})
            tables.append({"rows": rows})
            for p in el.iter(qn("w:p")):
                paragraphs.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    sections = []
    for s in d.sections:
        sections.append({"width_mm": round(s.page_width.mm, 1), "height_mm": round(s.page_height.mm, 1),
                         "orientation": "landscape" if "LANDSCAPE" in str(s.orientation) else "portrait"})
    return {"paragraphs": paragraphs, "tables": tables, "sections": sections}

def odt_read(path):
    from odf.opendocument import load
    from odf import teletype
    from odf.namespaces import TEXTNS, TABLENS, STYLENS, FONS
    doc = load(path)
    def attr(el, ns, name):
        return el.attributes.get((ns, name))
    styles = {}
    for container in (doc.automaticstyles, doc.styles):
        for st in container.childNodes:
            if st.qname == (STYLENS, "style"):
                styles[attr(st, STYLENS, "name")] = st
    layouts = {}
    for container in (doc.automaticstyles,):
        for pl in container.childNodes:
            if pl.qname == (STYLENS, "page-layout"):
                for c in pl.childNodes:
                    if c.qname == (STYLENS, "page-layout-properties"):
                        layouts[attr(pl, STYLENS, "name")] = c
    masters = {}
    for m in doc.masterstyles.childNodes:
        if m.qname == (STYLENS, "master-page"):
            masters[attr(m, STYLENS, "name")] = attr(m, STYLENS, "page-layout-name")
    def mm(v):
        v = v or "0mm"
        if v.endswith("mm"): return float(v[:-2])
        if v.endswith("cm"): return float(v[:-2]) * 10
        if v.endswith("in"): return float(v[:-2]) * 25.4
        if v.endswith("pt"): return float(v[:-2]) * 25.4 / 72
        return float(v)
    def text(el):
        return teletype.extractText(el)
    paragraphs, tables, sections = [], [], []
    def section_of(el):
        st = styles.get(attr(el, TEXTNS, "style-name") or attr(el, TABLENS, "style-name"))
        master = attr(st, STYLENS, "master-page-name") if st is not None else None
        if master:
            props = layouts.get(masters.get(master))
            if props is not None:
                sections.append({"width_mm": round(mm(attr(props, FONS, "page-width")), 1),
                                 "height_mm": round(mm(attr(props, FONS, "page-height")), 1),
                                 "orientation": attr(props, STYLENS, "print-orientation") or "portrait"})
    for el in doc.text.childNodes:
        if el.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
            section_of(el)
            paragraphs.append(text(el))
        elif el.qname == (TABLENS, "table"):
            section_of(el)
            rows = []
            def add_rows(parent, header):
                for r in parent.childNodes:
                    if r.qname == (TABLENS, "table-header-rows"):
                        add_rows(r, True)
                    elif r.qname == (TABLENS, "table-rows"):
                        add_rows(r, header)
                    elif r.qname == (TABLENS, "table-row"):
                        rst = styles.get(attr(r, TABLENS, "style-name"))
                        keep = False
                        if rst is not None:
                            for c in rst.childNodes:
                                if c.qname == (STYLENS, "table-row-properties") and attr(c, FONS, "keep-together") == "always":
                                    keep = True
                        cells = []
                        for c in r.childNodes:
                            if c.qname == (TABLENS, "table-cell"):
                                cells.append("\n".join(text(p) for p in c.childNodes if p.qname in ((TEXTNS, "p"), (TEXTNS, "h"))))
                        rows.append({"cells": cells, "header": header, "cant_split": keep})
            add_rows(el, False)
            tables.append({"rows": rows})
            for p in el.getElementsByType(__import__("odf.text", fromlist=["P"]).P):
                paragraphs.append(text(p))
    return {"paragraphs": paragraphs, "tables": tables, "sections": sections}

for path in sys.argv[1:]:
    try:
        data = docx_read(path) if path.endswith(".docx") else odt_read(path)
        print(json.dumps({"file": path, "data": data}, ensure_ascii=False), flush=True)
    except Exception as e:
        import traceback
        print(json.dumps({"file": path, "error": "%s: %s %s" % (type(e).__name__, e, traceback.format_exc()[-600:])}), flush=True)
"""#

    enum Failure: Error { case python(String) }

    /// path → data.
    static func read(_ files: [String], in dir: TemporaryDirectory) throws -> [String: JSON] {
        let scriptPath = dir.file("read_back.py")
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let r = Shell.run(Conformance.python, [scriptPath] + files)
        var out: [String: JSON] = [:]
        for line in r.stdout.split(separator: "\n") {
            guard let json = try? JSONDecoder().decode(JSON.self, from: Data(line.utf8)), let file = json["file"]?.string else { continue }
            if let error = json["error"]?.string { throw Failure.python("\(file): \(error)") }
            out[file] = json["data"]
        }
        if out.isEmpty { throw Failure.python("no output: \(r.stderr.suffix(800))") }
        return out
    }
}


/// A province with almost nothing (no clusters, plans, propaganda, persons list): every
/// document is still written and says what is missing.
@Suite("Year-end documents, sparse data")
struct YearEndSparseTests {
    @Test func sparseProvinceStillWritesEverything() throws {
        var b = ProvinceBuilder()
        b.unit("UBND_TINH", "UBND tỉnh Hà Giang", type: .government)
        b.unit("SNV", "Sở Nội vụ", parent: "UBND_TINH")
        b.headcount("SNV", 2024, 10)
        b.award("LDTT", year: 2024, person: "Nguyễn Văn An", unit: "SNV")
        b.award("GK", year: 2024, person: "Nguyễn Văn An", unit: "SNV", decision: "5/QĐ-SNV")
        let data = b.build()
        let dir = TemporaryDirectory("yearend-sparse")
        defer { dir.remove() }
        let paths = try YearEndDocuments.writeAll(data, year: 2024, directory: dir.path)
        #expect(paths.count == 6 && paths.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        let read = try DocumentReadBack.read(paths.filter { $0.hasSuffix(".docx") }, in: dir)
        let text = (read[paths[0]]?["paragraphs"]?.array ?? []).compactMap(\.string).joined(separator: "\n")
        #expect(text.contains("toàn tỉnh có 1 cá nhân đạt danh hiệu Lao động tiên tiến (bằng 10,0% tổng số"))
        #expect(text.contains("chưa có số liệu chấm điểm của các cụm, khối thi đua"))
        #expect(text.contains("Hà Giang"))
        #expect(try Certificates.writeCombined(data, year: 2024, to: dir.file("gk.docx")) == 1)
        #expect(try Certificates.writeCombined(data, year: 2023, to: dir.file("none.docx")) == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.file("none.docx")))
    }
}
