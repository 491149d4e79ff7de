import Foundation
import OfficeXML
import Testing
import TestSupport
@testable import Document

/// Resources for element tests: ids in order, nothing stored.
final class FakeResources: DOCXResources {
    var fonts: [String] = []
    var links: [String] = []
    func hyperlinkID(_ url: String, from part: String) -> String { links.append(url); return "rId\(links.count)" }
    func imageID(_ image: InlineImage, from part: String) -> String { "rIdImg" }
    func footnoteID(_ footnote: Footnote) -> Int { 1 }
    func nextDrawingID() -> Int { 1 }
    func noteFont(_ name: String) { if !fonts.contains(name) { fonts.append(name) } }
}

/// The XML one content-writer call produces.
private func xmlOf(_ body: (DOCXContentWriter) -> Void) -> String {
    let xml = XMLWriter()
    let resources = FakeResources()
    body(DOCXContentWriter(xml: xml, part: "word/document.xml", resources: resources))
    return String(decoding: xml.finish(), as: UTF8.self)
}

@Suite("DOCX elements")
struct DOCXElementTests {
    @Test func runSetsTheFontInEverySlotAndPreservesSpaces() {
        let s = xmlOf { $0.writeRun(Run(" a  b ", RunFormat(font: "Times New Roman", halfPoints: 26, bold: true, italic: false))) }
        #expect(s == """
            <w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>\
            <w:b/><w:bCs/><w:i w:val="0"/><w:iCs w:val="0"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>\
            <w:t xml:space="preserve"> a  b </w:t></w:r>
            """)
        // Even a plain word keeps xml:space (every text run preserves spaces).
        #expect(xmlOf { $0.writeRun(Run("x")) } == #"<w:r><w:t xml:space="preserve">x</w:t></w:r>"#)
        #expect(xmlOf { $0.writeRun(Run("a\tb\nc")) }
            == #"<w:r><w:t xml:space="preserve">a</w:t><w:tab/><w:t xml:space="preserve">b</w:t><w:br/><w:t xml:space="preserve">c</w:t></w:r>"#)
    }

    @Test func runPropertiesComeInSchemaOrder() {
        let f = RunFormat(style: .hyperlink, underline: .double, strike: true, position: .superscript, color: Color(hex: "C00000"),
                          highlight: .yellow, smallCaps: true, allCaps: true, language: "vi-VN")
        #expect(xmlOf { $0.writeRunFormat(f) } == """
            <w:rStyle w:val="Hyperlink"/><w:caps/><w:smallCaps/><w:strike/><w:color w:val="C00000"/>\
            <w:highlight w:val="yellow"/><w:u w:val="double"/><w:vertAlign w:val="superscript"/>\
            <w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="vi-VN"/>
            """)
    }

    @Test func paragraphProperties() {
        var f = ParagraphFormat(alignment: .justify, leftIndent: .cm(1), rightIndent: .zero, firstLineIndent: .cm(-1),
                                spaceBefore: .pt(6), spaceAfter: .pt(3), lineSpacing: .onePointFifteen, keepWithNext: true,
                                keepTogether: false, pageBreakBefore: true, tabStops: [TabStop(.mm(100), .right, leader: .dot)],
                                outlineLevel: 2)
        f.borders = ParagraphBorders(bottom: .rule, bottomSpace: 0)
        let s = xmlOf { $0.writeParagraph(Paragraph(style: .bodyText, format: f, list: ListItem(ListID(index: 2), level: 1),
                                                    [.text("x")])) }
        #expect(s == """
            <w:p><w:pPr><w:pStyle w:val="BodyText"/><w:keepNext/><w:keepLines w:val="0"/><w:pageBreakBefore/>\
            <w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr>\
            <w:pBdr><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr>\
            <w:tabs><w:tab w:val="right" w:leader="dot" w:pos="5669"/></w:tabs>\
            <w:spacing w:before="120" w:after="60" w:line="276" w:lineRule="auto"/>\
            <w:ind w:left="567" w:right="0" w:hanging="567"/><w:jc w:val="both"/><w:outlineLvl w:val="1"/></w:pPr>\
            <w:r><w:t xml:space="preserve">x</w:t></w:r></w:p>
            """)
        #expect(xmlOf { $0.writeParagraphFormat(ParagraphFormat(lineSpacing: .exact(.pt(18)))) }
            == #"<w:spacing w:line="360" w:lineRule="exact"/>"#)
        #expect(xmlOf { $0.writeParagraphFormat(ParagraphFormat(lineSpacing: .atLeast(.pt(15)))) }
            == #"<w:spacing w:line="300" w:lineRule="atLeast"/>"#)
        // Nothing to say: no pPr at all.
        #expect(xmlOf { $0.writeParagraph(Paragraph(style: nil, [])) } == "<w:p/>")
    }

    @Test func fieldsBreaksAndLinks() {
        #expect(xmlOf { $0.writeInline(.field(.page, RunFormat())) } == """
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">1</w:t></w:r>\
            <w:r><w:fldChar w:fldCharType="end"/></w:r>
            """)
        #expect(xmlOf { $0.writeInline(.pageBreak) } == #"<w:r><w:br w:type="page"/></w:r>"#)
        #expect(xmlOf { $0.writeInline(.hyperlink(Hyperlink(url: "https://a.vn/?q=1&r=2", runs: [Run("a")]))) }
            == #"<w:hyperlink r:id="rId1" w:history="1"><w:r><w:t xml:space="preserve">a</w:t></w:r></w:hyperlink>"#)
        #expect(xmlOf { $0.writeInline(.footnote(Footnote(text: "n"))) }
            == #"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>"#)
    }

    @Test func mergedCellsBecomeGridSpanAndVMerge() throws {
        let table = Table(columns: [.twips(1000), .twips(2000), .twips(3000)], borders: .none, cellMargins: .zero)
        let block = TableBlock(table, rows: [
            TableRow([TableCell(text: "a", columnSpan: 2, rowSpan: 2), TableCell([.paragraph(Paragraph("b"))], borders: .all(.none))], isHeader: true),
            TableRow([TableCell(text: "c")]),
        ])
        var rows = ""
        _ = xmlOf { w in
            w.writeTable(block)
            rows = String(decoding: w.xml.bytes, as: UTF8.self)
        }
        #expect(rows.contains(#"<w:gridCol w:w="1000"/><w:gridCol w:w="2000"/><w:gridCol w:w="3000"/>"#))
        #expect(rows.contains(#"<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>"#))
        #expect(rows.contains(#"<w:tcBorders><w:top w:val="nil" w:sz="0" w:space="0" w:color="auto"/>"#))
        #expect(rows.contains(#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc>"#))
        // A plain cell has no tcPr at all (the grid gives its width).
        #expect(rows.contains(#"<w:tc><w:p><w:r><w:t xml:space="preserve">c</w:t></w:r></w:p></w:tc></w:tr>"#))
        #expect(rows.contains(#"<w:top w:val="none" w:sz="0" w:space="0" w:color="auto"/>"#))
    }
}

/// Runs every validator over `files` and fails on anything they report.
func expectConformant(_ files: [String], _ checks: Conformance.Checks = .all, pdfDirectory: String? = nil,
                      sourceLocation: SourceLocation = #_sourceLocation) -> [Conformance.FileReport] {
    let reports = Conformance.check(files, checks, pdfDirectory: pdfDirectory)
    for r in reports {
        #expect(r.failures.isEmpty, "\(r.file): \(r.failures)", sourceLocation: sourceLocation)
    }
    return reports
}

@Suite("DOCX writer", .serialized)
struct DOCXWriterTests {
    /// The plan and the feature document through python-docx, the schemas and LibreOffice.
    @Test func documentsAreValidAndReadBack() throws {
        let dir = TemporaryDirectory("docx")
        defer { dir.remove() }
        let plan = dir.file("plan.docx"), features = dir.file("features.docx")
        let planDoc = try Samples.plan(), featureDoc = try Samples.features()
        try planDoc.write(to: plan)
        try featureDoc.write(to: features)
        let reports = expectConformant([plan, features], pdfDirectory: dir.path)
        guard reports.count == 2, let p = reports[0].data("docx-detail"), let f = reports[1].data("docx-detail") else {
            Issue.record("no docx-detail data: \(reports.map(\.readers))")
            return
        }
        for d in [p, f] {
            // Times New Roman in every slot, vi-VN, 14 pt; every w:t preserves spaces.
            for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
                #expect(d["font_slots"]?[slot]?.array?.compactMap(\.string) == ["Times New Roman"], "\(slot)")
            }
            #expect(d["unpreserved_text"]?.number == 0)
            #expect(d["defaults"]?["lang"]?.string == "vi-VN")
            #expect(d["defaults"]?["size_half_points"]?.number == 28)
            #expect(d["normal"]?["font"]?.string == "Times New Roman")
            #expect(d["normal"]?["size"]?.number == 14)
        }
        try checkPlan(planDoc, p)
        try checkFeatures(featureDoc, f)
    }

    private func bodyParagraphs(_ doc: Document) -> [Paragraph] {
        doc.parts.flatMap(\.blocks).compactMap { if case .paragraph(let p) = $0 { return p }; return nil }
    }

    private func checkPlan(_ doc: Document, _ d: JSON) throws {
        // Texts of the body paragraphs (rules and section carriers are empty) in order.
        let read = d["paragraphs"]?.array?.compactMap { $0["text"]?.string }.filter { !$0.isEmpty } ?? []
        let wrote = bodyParagraphs(doc).map(\.plainText).filter { !$0.isEmpty }
        #expect(read == wrote)
        let paragraphs = d["paragraphs"]?.array ?? []
        let labels = paragraphs.compactMap { p -> String? in p["label"]?.string.map { "\($0) \(p["text"]?.string ?? "")" } }
        #expect(labels == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. NỘI DUNG TUYÊN TRUYỀN",
                           "- Tuyên truyền các phong trào thi đua do Trung ương, Ủy ban nhân dân tỉnh phát động;",
                           "- Xây dựng chuyên trang, chuyên mục về gương điển hình tiên tiến, người tốt, việc tốt;",
                           "- Tôn vinh, khen thưởng và nhân rộng điển hình tiên tiến.", "III. TỔ CHỨC THỰC HIỆN"])
        // Runs: the căn cứ italic 14 pt, the title bold 14 pt, headings bold.
        func run(_ text: String) -> JSON? {
            paragraphs.first { $0["text"]?.string == text }?["runs"]?[0]
        }
        #expect(run("KẾ HOẠCH")?["bold"]?.bool == true)
        #expect(run("KẾ HOẠCH")?["size"]?.number == 14)
        let basis = run("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
        #expect(basis?["italic"]?.bool == true && basis?["bold"]?.bool == false && basis?["size"]?.number == 14)
        #expect(run("MỤC ĐÍCH, YÊU CẦU")?["bold"]?.bool == true)
        #expect(paragraphs.first { $0["text"]?.string?.hasPrefix("Sở Nội vụ xây dựng") == true }?["alignment"]?.string?.hasPrefix("JUSTIFY") == true)
        // Header and signature tables: borderless layout tables, two columns.
        let tables = d["tables"]?.array ?? []
        #expect(tables.count == 3)
        #expect(tables[0]["rows"]?[0]?["cells"]?[1]?["text"]?.string?.hasPrefix("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc") == true)
        #expect(tables[0]["rows"]?[1]?["cells"]?[1]?["text"]?.string == "Bắc Ninh, ngày 05 tháng 02 năm 2024")
        #expect(tables[0]["rows"]?[1]?["cells"]?[0]?["text"]?.string == "Số: 05/KH-SNV")
        #expect(tables[1]["rows"]?[0]?["cells"]?[0]?["text"]?.string?.hasSuffix("- Lưu: VT, TĐKT.") == true)
        #expect(tables[2]["rows"]?[0]?["header"]?.bool == true)
        // Sections: decree margins, portrait then a landscape annex numbered from 1; page numbers
        // in the header from page 2.
        let sections = d["sections"]?.array ?? []
        #expect(sections.count == 2)
        for (i, s) in sections.enumerated() {
            #expect(s["left_mm"]?.number == 35 && s["right_mm"]?.number == 20 && s["top_mm"]?.number == 25 && s["bottom_mm"]?.number == 20)
            #expect(s["different_first_page"]?.bool == true)
            #expect(s["header"]?["fields"]?.array?.compactMap(\.string) == ["PAGE"])
            #expect(s["first_page_header"]?["fields"]?.array?.isEmpty == true)
            #expect(s["orientation"]?.string?.hasPrefix(i == 0 ? "PORTRAIT" : "LANDSCAPE") == true)
        }
        #expect(sections[1]["page_width_mm"]?.number == 297 && sections[1]["page_height_mm"]?.number == 210)
        #expect(sections[1]["page_number_start"]?.number == 1)
    }

    private func checkFeatures(_ doc: Document, _ d: JSON) throws {
        let paragraphs = d["paragraphs"]?.array ?? []
        let runs = paragraphs.first { $0["text"]?.string?.hasPrefix("đậm nghiêng") == true }?["runs"]?.array ?? []
        func run(_ text: String) -> JSON? { runs.first { $0["text"]?.string == text } }
        #expect(run("đậm")?["bold"]?.bool == true && run("đậm")?["italic"]?.bool == false)
        #expect(run("nghiêng")?["italic"]?.bool == true)
        #expect(run("gạch chân")?["underline"]?.string == "True")   // python-docx: single = True
        #expect(run("gạch đôi")?["underline"]?.string?.hasPrefix("DOUBLE") == true)
        #expect(run("gạch ngang")?["strike"]?.bool == true)
        #expect(runs.filter { $0["superscript"]?.bool == true }.count == 1)
        #expect(runs.filter { $0["subscript"]?.bool == true }.count == 1)
        #expect(run("màu đỏ")?["color"]?.string == "C00000")
        #expect(run("tô vàng")?["highlight"]?.string?.hasPrefix("YELLOW") == true)
        #expect(run("Chữ Hoa Nhỏ")?["small_caps"]?.bool == true)
        #expect(run("chữ hoa")?["all_caps"]?.bool == true)
        #expect(run("cỡ 13")?["size"]?.number == 13 && run("cỡ 13")?["font"]?.string == "Times New Roman")
        #expect(run("  hai  khoảng  trắng  ") != nil)
        let hanging = paragraphs.first { $0["text"]?.string?.hasPrefix("Thụt treo") == true }
        #expect(hanging?["first_line_indent_mm"]?.number == -10 && hanging?["left_indent_mm"]?.number == 10)
        #expect(paragraphs.first { $0["text"]?.string == "Danh sách" }?["page_break_before"]?.bool == true)
        // Lists: every kind, and the second decimal list restarts at 1.
        let labels = paragraphs.compactMap { $0["label"]?.string }
        #expect(labels == ["I.", "II.", "1.", "2.", "3.", "a)", "b)", "-", "+", "1.", "2."])
        // Links, footnotes, pictures.
        #expect(d["links"]?[0]?["url"]?.string == "https://thiduakhenthuong.gov.vn/")
        #expect(d["links"]?[0]?["text"]?.string == "Ban Thi đua - Khen thưởng Trung ương")
        #expect(d["footnotes"]?["1"]?.string == "Chú thích cuối trang thứ nhất.")
        #expect(d["footnotes"]?["2"]?.string == "Chú thích thứ hai.")
        #expect(d["footnote_references"]?.array?.compactMap(\.number) == [1, 2])
        let pictures = d["pictures"]?.array ?? []
        #expect(pictures.count == 3)
        #expect(pictures.first?["width_mm"]?.number == 40 && pictures.first?["height_mm"]?.number == 20)
        #expect(pictures.first?["content_type"]?.string == "image/png")
        #expect(pictures.dropFirst().first?["content_type"]?.string == "image/jpeg")
        #expect(pictures.dropFirst().first?["height_mm"]?.number == 20)
        // The merged table: spans, vertical merges, header rows, nested table.
        let tables = d["tables"]?.array ?? []
        #expect(tables.count == 1)
        let rows = tables.first?["rows"]?.array ?? []
        func shape(_ r: Int) -> [String] {
            rows[r]["cells"]?.array?.map { c in "\(c["text"]?.string ?? "")/\(Int(c["span"]?.number ?? 0))/\(c["vmerge"]?.string ?? "-")" } ?? []
        }
        #expect(shape(0) == ["STT/1/restart", "Họ và tên/1/restart", "Kết quả/2/-"])
        #expect(shape(1) == ["/1/continue", "/1/continue", "Điểm/1/-", "Xếp loại/1/-"])
        #expect(shape(2) == ["1/1/-", "Nguyễn Thị Hồng Nhung/1/-", "95,5/1/-", "Xuất sắc/1/restart"])
        // The nested table's text is not the cell's own; the cell ends with an empty paragraph after it.
        #expect(shape(3) == ["2/1/-", "Trần Văn Đức\n/1/-", "90/1/-", "/1/continue"])
        #expect(shape(4) == ["3/1/-", "không viền/1/-", "88,75/1/-", "/1/continue"])
        #expect(rows[0]["header"]?.bool == true && rows[1]["header"]?.bool == true && rows[2]["header"]?.bool == false)
        #expect(rows[2]["cant_split"]?.bool == true)
        #expect(tables.first?["grid_twips"]?.array?.compactMap(\.number) == [850, 3402, 2268, 2268])
        // Sections: margins, the landscape one numbered in lower Roman from v.
        let sections = d["sections"]?.array ?? []
        #expect(sections.count == 2)
        #expect(sections[0]["left_mm"]?.number == 30 && sections[0]["right_mm"]?.number == 15)
        #expect(sections[0]["footer"]?["fields"]?.array?.compactMap(\.string) == ["PAGE", "NUMPAGES"])
        #expect(sections[1]["orientation"]?.string?.hasPrefix("LANDSCAPE") == true && sections[1]["bottom_mm"]?.number == 15)
        #expect(sections[1]["page_number_start"]?.number == 5)
        // The second section has no footer of its own: an empty one stops Word carrying the first's over.
        #expect(sections[1]["footer"]?["linked"]?.bool == false)
        #expect(sections[1]["footer"]?["texts"]?.array?.compactMap(\.string) == [""])
    }

    /// What LibreOffice prints: list numbers (restarts), page fields, Roman page numbers.
    @Test func libreOfficeRendersNumbersAndFields() throws {
        let dir = TemporaryDirectory("docx-pdf")
        defer { dir.remove() }
        let path = dir.file("features.docx")
        try Samples.features().write(to: path)
        let reports = expectConformant([path], .libreOffice, pdfDirectory: dir.path)
        guard let pdf = reports.first?.pdf else { Issue.record("no PDF"); return }
        let pages = try PDFText.pages(pdf)
        #expect(pages.count == 3)
        let all = pages.map { $0.lines.joined(separator: "\n") }
        #expect(all[0].contains("Trang 1 / 3"))
        #expect(all[1].contains("I. Mục một") && all[1].contains("II. Mục hai"))
        #expect(all[1].contains("3. Khoản ba") && all[1].contains("b) điểm hai"))
        #expect(all[1].contains("1. Danh sách mới bắt đầu lại") && all[1].contains("2. và tiếp tục"))
        #expect(all[1].contains("Trang 2 / 3"))
        #expect(all[2].contains("Trang v"))
        #expect(pages[2].width > pages[2].height)
    }

    @Test func sameInputGivesTheSameBytes() throws {
        let dir = TemporaryDirectory("docx-det")
        defer { dir.remove() }
        try Samples.features().write(to: dir.file("a.docx"))
        try Samples.features().write(to: dir.file("b.docx"))
        let a = try Data(contentsOf: URL(fileURLWithPath: dir.file("a.docx")))
        let b = try Data(contentsOf: URL(fileURLWithPath: dir.file("b.docx")))
        #expect(a == b)
        var one = DocumentOptions()
        one.threads = 1
        try Samples.features().write(to: dir.file("c.docx"), options: one)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.file("c.docx"))) == a)
    }

    /// Streaming: a long table is written row by row; the XML buffer never holds more than its
    /// flush threshold, and readers see every row.
    @Test func longTablesStream() throws {
        let dir = TemporaryDirectory("docx-stream")
        defer { dir.remove() }
        let path = dir.file("big.docx")
        try Samples.writeBigTable(to: path, rows: 20_000)
        let reports = expectConformant([path], .readers)
        let table = reports.first?.data("docx-detail")?["tables"]?[0]
        #expect(table?["row_count"]?.number == 20_001)
        #expect(table?["rows"]?[0]?["header"]?.bool == true)
        #expect(table?["rows"]?[1]?["cells"]?[1]?["text"]?.string == "Nguyễn Văn 1")
    }

    /// `addTextRow` writes what `addRow` with text cells writes; under a cell spanning from
    /// above it takes the general path; ODT gets it through the default implementation.
    @Test func textRowsMatchCellRows() throws {
        let dir = TemporaryDirectory("docx-textrow")
        defer { dir.remove() }
        var files: [String] = []
        for ext in ["docx", "odt"] {
            let path = dir.file("t.\(ext)")
            let w = try DocumentWriter(path: path)
            try w.beginTable(Table(columns: [.mm(30), .mm(30), .mm(30)]))
            try w.addTextRow(["a", "b\tc", ""], alignments: [.right, nil], cantSplit: true)
            try w.addRow(TableRow([TableCell(text: "d"), TableCell(text: "e", rowSpan: 2), TableCell(text: "f")]))
            try w.addTextRow(["g", "h"])                      // column 2 is covered: general path
            #expect(throws: DocumentError.self) { try w.addTextRow(["too", "few"]) }
            w.discard()
            let w2 = try DocumentWriter(path: path)
            try w2.beginTable(Table(columns: [.mm(30), .mm(30), .mm(30)]))
            try w2.addTextRow(["a", "b\tc", ""], alignments: [.right, nil], cantSplit: true)
            try w2.addRow(TableRow([TableCell(text: "d"), TableCell(text: "e", rowSpan: 2), TableCell(text: "f")]))
            try w2.addTextRow(["g", "h"])
            try w2.endTable()
            try w2.close()
            files.append(path)
        }
        let reports = expectConformant(files, [.readers, .schemas])
        let rows = reports[0].data("docx-detail")?["tables"]?[0]?["rows"]?.array ?? []
        #expect(rows.map { $0["cells"]?.array?.map { "\($0["text"]?.string ?? "")/\($0["vmerge"]?.string ?? "-")" } ?? [] }
            == [["a/-", "bc/-", "/-"], ["d/-", "e/restart", "f/-"], ["g/-", "/continue", "h/-"]])
        #expect(rows.first?["cant_split"]?.bool == true)
        #expect(reports[1].data("odfpy")?["tables"]?.number == 1)
    }

    @Test func failedWritesLeaveNoFile() throws {
        let dir = TemporaryDirectory("docx-fail")
        defer { dir.remove() }
        let path = dir.file("x.docx")
        let w = try DocumentWriter(path: path)
        try w.add(Paragraph("ok"))
        try w.beginTable(Table(columns: [.mm(20), .mm(20)]))
        try w.addRow(TableRow([TableCell(text: "a"), TableCell(text: "b")]))
        #expect(throws: DocumentError.self) { try w.addRow(TableRow([TableCell(text: "only one")])) }
        w.discard()
        #expect(!FileManager.default.fileExists(atPath: path))
        // A cell spanning past the last row fails at close: nothing appears either.
        let w2 = try DocumentWriter(path: path)
        try w2.beginTable(Table(columns: [.mm(20)]))
        try w2.addRow(TableRow([TableCell(text: "a", rowSpan: 2)]))
        #expect(throws: DocumentError.self) { try w2.close() }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.isEmpty == true)
    }

    /// Random text (controls, decomposed Vietnamese, markup characters, long runs) survives:
    /// the XML parses and python-docx reads back the text minus the characters XML cannot hold.
    @Test func randomTextRoundTrips() throws {
        let dir = TemporaryDirectory("docx-prop")
        defer { dir.remove() }
        var rng = SeededGenerator(seed: 0x7D6C_2024)
        let alphabet: [String] = ["a", "Ă", "ệ", "ư", "Đ", "e\u{301}", "o\u{31B}\u{300}", "<", ">", "&", "\"", "'", " ", "  ",
                                  "\u{0}", "\u{1}", "\u{B}", "\u{1F}", "\u{FFFE}", "\u{FFFF}", "😀", "中", "_x0041_", "]]>", "\u{A0}"]
        var files: [String] = [], expected: [[String]] = []
        for n in 0..<6 {
            var doc = Document()
            var texts: [String] = []
            for _ in 0..<20 {
                var s = ""
                for _ in 0..<Int.random(in: 1...40, using: &rng) { s += alphabet.randomElement(using: &rng)! }
                doc.append(Paragraph(s, RunFormat(bold: Bool.random(using: &rng))))
                texts.append(String(s.unicodeScalars.filter { v in
                    !(v.value < 0x20) && v.value != 0xFFFE && v.value != 0xFFFF
                }.map(Character.init)))
            }
            let path = dir.file("p\(n).docx")
            try doc.write(to: path)
            files.append(path)
            expected.append(texts)
        }
        let reports = expectConformant(files, [.readers, .schemas])
        for (r, texts) in zip(reports, expected) {
            let read = r.data("python-docx")?["paragraphs"]?.array?.compactMap { $0["text"]?.string } ?? []
            #expect(read.map { Array($0.unicodeScalars) } == texts.map { Array($0.unicodeScalars) })
        }
    }
}
