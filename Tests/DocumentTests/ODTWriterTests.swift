import Foundation
import OfficeXML
import Testing
import TestSupport
@testable import Document

/// The XML one ODT content-writer call produces, and the automatic styles it registered.
private func odt(_ sheet: StyleSheet = StyleSheet(), lists: ListRegistry = ListRegistry(),
                 _ body: (ODTContentWriter) -> Void) -> (xml: String, styles: String, removed: Int) {
    let xml = XMLWriter()
    let styles = ODTAutomaticStyles(prefix: "", fonts: ODTFonts())
    let writer = ODTContentWriter(xml: xml, styles: styles, resources: ODTResources(), sheet: sheet, idPrefix: "",
                                  listLevel: { item in lists.definition(of: item.list)?.levels[item.level] },
                                  listStyle: { id in "List\(lists.instances[id.index] + 1)" })
    body(writer)
    writer.closeLists()
    let out = String(decoding: xml.finish(), as: UTF8.self)
    let s = XMLWriter()
    styles.write(s)
    return (out, String(decoding: s.finish(), as: UTF8.self), xml.removedCharacterCount)
}

@Suite("ODT elements")
struct ODTElementTests {
    @Test func lengthsAreWrittenExactly() {
        #expect(ODFValue.length(.mm(25)) == "25mm")
        #expect(ODFValue.length(.mm(12.7)) == "12.7mm")
        #expect(ODFValue.length(.cm(1)) == "10mm")
        #expect(ODFValue.length(.pt(0.75)) == "0.75pt")
        #expect(ODFValue.length(.twips(1417)) == "70.85pt")
        #expect(ODFValue.length(-Length.twips(199)) == "-9.95pt")
        #expect(ODFValue.length(.zero) == "0mm")
        #expect(ODFValue.length(Length(emu: 10)) == "0.0003mm")
        #expect(ODFValue.percent(1.15) == "115%")
        #expect(ODFValue.points(0.5) == "0.5pt")
        #expect(ODFValue.border(Border(.double, width: 0.5, color: Color(hex: "1F4E79")!)) == "1.5pt double #1F4E79")
        #expect(ODFValue.border(.none) == "none")
        #expect(ODFValue.language("vi-VN") == ("vi", "VN", nil))
    }

    @Test func styleNamesAreNCNamesAndBuiltInsKeepLibreOfficeNames() {
        #expect(ODFValue.styleName(.normal) == "Standard")
        #expect(ODFValue.styleName(.heading1) == "Heading_20_1")
        #expect(ODFValue.builtInDisplayName(.heading1) == "Heading 1")
        #expect(ODFValue.builtInDisplayName(.normal) == nil)
        #expect(ODFValue.styleName("Kiểu riêng 1") == "Ki_1ec3_u_20_ri_ea_ng_20_1")
        #expect(ODFValue.styleName("1a_b") == "_31_a_5f_b")
        #expect(ODFValue.styleName("") == "_")
    }

    /// Every space a reader would collapse or trim is written as text:s; illegal characters
    /// are dropped and counted (also inside a run of spaces).
    @Test func spacesSurviveWhiteSpaceCollapsing() {
        let r = odt { $0.writeText("  a  b c ") }
        #expect(r.xml == #"<text:s text:c="2"/>a <text:s/>b c<text:s/>"#)
        let bad = odt { $0.writeText("x \u{1} y\u{FFFE}") }
        #expect(bad.xml == "x <text:s/>y")
        #expect(bad.removed == 2)
        #expect(odt { $0.writeText("plain") }.xml == "plain")
        #expect(odt { $0.writeText(" ") }.xml == "<text:s/>")
    }

    @Test func runsGetAutomaticStylesWithTheFontInEverySlot() {
        let r = odt { w in
            w.writeParagraph(Paragraph(style: .bodyText, [
                .text("a", RunFormat(font: "Times New Roman", halfPoints: 27, bold: true, italic: false)),
                .text("b"), .text("c", RunFormat(halfPoints: 27, bold: true, italic: false)),
                .tab(RunFormat()), .lineBreak, .field(.page, RunFormat()), .field(.numberOfPages, RunFormat()),
                .hyperlink(Hyperlink(url: "https://a.vn/?x=1&y=2", text: "liên kết")),
            ]))
        }
        #expect(r.xml == """
            <text:p text:style-name="Text_20_body"><text:span text:style-name="T1">a</text:span>b\
            <text:span text:style-name="T2">c</text:span><text:tab/><text:line-break/>\
            <text:page-number text:select-page="current">1</text:page-number>\
            <text:page-count style:num-format="1">1</text:page-count>\
            <text:a xlink:type="simple" xlink:href="https://a.vn/?x=1&amp;y=2"><text:span text:style-name="Internet_20_link">liên kết</text:span></text:a></text:p>
            """)
        #expect(r.styles.contains("""
            <style:style style:name="T1" style:family="text"><style:text-properties style:font-name="Times New Roman" \
            fo:font-family="'Times New Roman'" style:font-name-asian="Times New Roman" style:font-name-complex="Times New Roman" \
            fo:font-size="13.5pt" style:font-size-asian="13.5pt" style:font-size-complex="13.5pt" fo:font-style="normal" \
            style:font-style-asian="normal" style:font-style-complex="normal" fo:font-weight="bold" style:font-weight-asian="bold" \
            style:font-weight-complex="bold"/></style:style>
            """))
        let all = odt { w in
            w.writeParagraph(Paragraph(style: nil, [.text("x", RunFormat(underline: .double, strike: true, position: .superscript,
                                                                          color: Color(hex: "C00000"), highlight: .yellow,
                                                                          smallCaps: true, allCaps: true, language: "en-US"))]))
        }
        #expect(all.styles.contains("""
            <style:text-properties fo:text-transform="uppercase" fo:font-variant="small-caps" fo:color="#C00000" \
            fo:language="en" fo:country="US" style:language-asian="en" style:country-asian="US" style:language-complex="en" \
            style:country-complex="US" style:text-underline-type="double" style:text-underline-style="solid" \
            style:text-underline-width="auto" style:text-underline-color="font-color" style:text-line-through-style="solid" \
            style:text-line-through-type="single" style:text-position="super 58%" fo:background-color="#FFFF00"/>
            """))
    }

    /// The paragraph mark's formatting covers the whole paragraph in ODF: runs that leave a
    /// property unset get the style's value back (DOCX keeps it on the mark only).
    @Test func markFormattingDoesNotLeakIntoRuns() {
        let r = odt { w in
            w.writeParagraph(Paragraph(markFormat: RunFormat(halfPoints: 20, bold: true), [.text("x"), .text("y", .bold)]))
        }
        #expect(r.xml == #"<text:p text:style-name="P1"><text:span text:style-name="T1">x</text:span><text:span text:style-name="T2">y</text:span></text:p>"#)
        #expect(r.styles.contains(#"<style:style style:name="T1" style:family="text"><style:text-properties fo:font-size="14pt" style:font-size-asian="14pt" style:font-size-complex="14pt" fo:font-weight="normal""#))
        #expect(r.styles.contains(#"<style:style style:name="T2" style:family="text"><style:text-properties fo:font-size="14pt" style:font-size-asian="14pt" style:font-size-complex="14pt" fo:font-weight="bold""#))
        #expect(r.styles.contains(#"<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="10pt""#))
        // A highlighted mark: a run without highlight gets no background.
        let h = odt { $0.writeParagraph(Paragraph(markFormat: RunFormat(highlight: .yellow), [.text("x")])) }
        #expect(h.styles.contains(#"<style:style style:name="T1" style:family="text"><style:text-properties fo:background-color="transparent"/></style:style>"#))
    }

    @Test func paragraphProperties() {
        var f = ParagraphFormat(alignment: .justify, leftIndent: .cm(1), firstLineIndent: .cm(-1), spaceAfter: .pt(3),
                                lineSpacing: .onePointFifteen, keepWithNext: true, keepTogether: false, pageBreakBefore: true,
                                widowControl: true, tabStops: [TabStop(.mm(100), .right, leader: .dot), TabStop(.mm(30), .decimal)],
                                shading: .headerGrey)
        f.borders = ParagraphBorders(bottom: .rule, bottomSpace: 0)
        let r = odt { $0.writeParagraph(Paragraph(style: .bodyText, format: f, [.text("x")])) }
        #expect(r.xml == #"<text:p text:style-name="P1">x</text:p>"#)
        // Spacing and indents are completed from the style (BodyText: 6 pt before, first line
        // 12.7 mm): LibreOffice would reset the members not written to 0. Tab stops are from
        // the margin in the model, from the indent in ODF.
        #expect(r.styles == """
            <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Text_20_body">\
            <style:paragraph-properties fo:margin-left="10mm" fo:margin-right="0mm" fo:text-indent="-10mm" fo:margin-top="6pt" \
            fo:margin-bottom="3pt" fo:line-height="115%" fo:text-align="justify" fo:break-before="page" fo:keep-with-next="always" \
            fo:keep-together="auto" fo:widows="2" fo:orphans="2" fo:background-color="#D9D9D9" fo:border-bottom="0.75pt solid #000000" \
            fo:padding-bottom="0pt" style:join-border="false"><style:tab-stops>\
            <style:tab-stop style:position="20mm" style:type="char" style:char=","/>\
            <style:tab-stop style:position="90mm" style:type="right" style:leader-style="dotted" style:leader-text="."/>\
            </style:tab-stops></style:paragraph-properties></style:style>
            """)
        let exact = odt { $0.writeParagraph(Paragraph("e", paragraph: ParagraphFormat(lineSpacing: .exact(.pt(18))))) }
        #expect(exact.styles.contains(#"fo:line-height="6.35mm""#))   // 18 pt, in the exact unit
        let least = odt { $0.writeParagraph(Paragraph("l", paragraph: ParagraphFormat(lineSpacing: .atLeast(.pt(15))))) }
        #expect(least.styles.contains(#"style:line-height-at-least="15pt""#))
        // Nothing to say: the named style itself.
        #expect(odt { $0.writeParagraph(Paragraph(style: nil, [])) }.xml == #"<text:p text:style-name="Standard"/>"#)
        // Headings are text:h with their outline level.
        #expect(odt { $0.writeParagraph(Paragraph("H", style: .heading2)) }.xml
            == #"<text:h text:style-name="Heading_20_2" text:outline-level="2">H</text:h>"#)
    }

    /// Lists nest by level, close for other paragraphs and continue by id; a new instance of
    /// the same definition starts a fresh list (its numbering restarts).
    @Test func listsNestAndContinue() {
        var lists = ListRegistry()
        let a = lists.newList(.plan), b = lists.newList(.plan)
        let r = odt(lists: lists) { w in
            for (list, level, text) in [(a, 0, "I"), (a, 1, "1"), (a, 1, "2"), (a, 0, "II")] {
                w.writeParagraph(Paragraph(style: .bodyText, list: ListItem(list, level: level), [.text(text)]))
            }
            w.writeParagraph(Paragraph("giữa"))
            w.writeParagraph(Paragraph(style: .bodyText, list: ListItem(a, level: 2), [.text("a")]))
            w.writeParagraph(Paragraph(style: .bodyText, list: ListItem(b, level: 0), [.text("I again")]))
        }
        let p = #"<text:p text:style-name="Text_20_body">"#
        #expect(r.xml == """
            <text:list xml:id="list1" text:style-name="List1"><text:list-item>\(p)I</text:p>\
            <text:list><text:list-item>\(p)1</text:p></text:list-item><text:list-item>\(p)2</text:p></text:list-item></text:list>\
            </text:list-item><text:list-item>\(p)II</text:p></text:list-item></text:list>\
            <text:p text:style-name="Standard">giữa</text:p>\
            <text:list text:continue-list="list1" text:style-name="List1"><text:list-item><text:list><text:list-item><text:list>\
            <text:list-item>\(p)a</text:p></text:list-item></text:list></text:list-item></text:list></text:list-item></text:list>\
            <text:list xml:id="list2" text:style-name="List1"><text:list-item>\(p)I again</text:p></text:list-item></text:list>
            """)
    }

    /// An inline page break splits the paragraph; the part after it starts a page with no
    /// space above and no first-line indent (it continues the same DOCX paragraph).
    @Test func pageBreakSplitsTheParagraph() {
        let r = odt { $0.writeParagraph(Paragraph(style: .bodyText, [.text("a"), .pageBreak, .text("b")])) }
        #expect(r.xml == #"<text:p text:style-name="P1">a</text:p><text:p text:style-name="P2">b</text:p>"#)
        #expect(r.styles.contains(#"<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Text_20_body"><style:paragraph-properties fo:margin-left="0mm" fo:margin-right="0mm" fo:text-indent="0mm" fo:margin-top="0mm" fo:margin-bottom="0mm" fo:break-before="page"/>"#))
    }

    /// Spans become number-columns/rows-spanned plus covered cells; header rows are wrapped;
    /// every cell carries its four settled edges (overrides win where they are stronger).
    @Test func tablesSpansHeadersAndBorders() {
        let t = Table(columns: [.mm(10), .mm(20), .mm(30)], borders: .all(.single), cellMargins: .zero)
        var off = TableCell(text: "off")
        off.borders = CellBorders(top: Border.none, right: Border(.double, width: 1))
        let block = TableBlock(t, rows: [
            TableRow([TableCell(text: "AB", columnSpan: 2, rowSpan: 2), TableCell(text: "C")], isHeader: true),
            TableRow([off], cantSplit: true),
            TableRow([TableCell(text: "x"), TableCell(text: "y"), TableCell(text: "z")], height: .exact(.mm(8))),
        ])
        let r = odt { $0.writeTable(block) }
        #expect(r.xml.hasPrefix("""
            <table:table table:name="Bảng 1" table:style-name="Tbl1"><table:table-column table:style-name="co1"/>\
            <table:table-column table:style-name="co2"/><table:table-column table:style-name="co3"/>\
            <table:table-header-rows><table:table-row><table:table-cell table:style-name="ce1" \
            table:number-columns-spanned="2" table:number-rows-spanned="2"><text:p text:style-name="Standard">AB</text:p>\
            </table:table-cell><table:covered-table-cell/><table:table-cell table:style-name="ce2">
            """))
        #expect(r.xml.contains("</table:table-row></table:table-header-rows><table:table-row table:style-name=\"ro1\"><table:covered-table-cell/><table:covered-table-cell/><table:table-cell table:style-name=\"ce3\">"))
        #expect(r.xml.hasSuffix("</table:table-row></table:table>"))
        // The cell under "C" switches its top edge off; C's bottom agrees (the stronger claim
        // is "none" against nothing: the override wins). Its right edge is a double line.
        #expect(r.styles.contains(#"fo:border-top="0.5pt solid #000000" fo:border-bottom="none" fo:border-left="0.5pt solid #000000" fo:border-right="0.5pt solid #000000"/></style:style>"#))
        #expect(r.styles.contains(#"fo:border-top="none" fo:border-bottom="0.5pt solid #000000" fo:border-left="0.5pt solid #000000" fo:border-right="3pt double #000000" style:border-line-width-right="1pt 1pt 1pt"/>"#))
        #expect(r.styles.contains(#"<style:table-row-properties fo:keep-together="always"/>"#))
        #expect(r.styles.contains(#"<style:table-row-properties style:row-height="8mm" fo:keep-together="auto"/>"#))
        #expect(r.styles.contains(#"<style:table-properties style:width="60mm" table:align="left" fo:margin-left="0mm""#))
    }
}

/// The same documents the DOCX tests build, written as ODT.
@Suite("ODT writer", .serialized)
struct ODTWriterTests {
    private static func detail(_ r: Conformance.FileReport) -> JSON? { r.data("odt-detail") }

    /// Plan, the shared feature document and the ODT feature document through odfpy, the
    /// ODF 1.3 schema and LibreOffice.
    @Test func documentsAreValidAndReadBack() throws {
        let dir = TemporaryDirectory("odt")
        defer { dir.remove() }
        let planDoc = try Samples.plan(), featureDoc = try Samples.features(), oddDoc = try ODTSamples.features()
        let files = [dir.file("plan.odt"), dir.file("features.odt"), dir.file("odtfeatures.odt")]
        try planDoc.write(to: files[0])
        try featureDoc.write(to: files[1])
        try oddDoc.write(to: files[2])
        let reports = expectConformant(files, pdfDirectory: dir.path)
        guard reports.count == 3, let p = Self.detail(reports[0]), let f = Self.detail(reports[1]),
              let o = Self.detail(reports[2]) else {
            Issue.record("no odt-detail data: \(reports.map(\.readers))")
            return
        }
        for d in [p, f, o] {
            // Times New Roman (Arial only where asked) in every slot; vi-VN and 14 pt by default.
            for slot in ["style:font-name", "style:font-name-asian", "style:font-name-complex"] {
                #expect(d["font_slots"]?[slot]?.array?.compactMap(\.string).filter { $0 != "Arial" } == ["Times New Roman"], "\(slot)")
            }
            #expect(d["defaults"]?["font"]?.string == "Times New Roman" && d["defaults"]?["size"]?.number == 14)
            #expect(d["defaults"]?["language"]?.string == "vi" && d["defaults"]?["country"]?.string == "VN")
            #expect(d["defaults"]?["language_asian"]?.string == "vi" && d["defaults"]?["language_complex"]?.string == "vi")
            #expect(d["package"]?.array?.compactMap(\.string).first == "mimetype")
        }
        checkPlan(planDoc, p)
        checkFeatures(f)
        checkODTFeatures(o)
    }

    private func bodyParagraphs(_ doc: Document) -> [Paragraph] {
        doc.parts.flatMap(\.blocks).compactMap { if case .paragraph(let p) = $0 { return p }; return nil }
    }

    private func checkPlan(_ doc: Document, _ d: JSON) {
        let paragraphs = d["paragraphs"]?.array ?? []
        let read = paragraphs.compactMap { $0["text"]?.string }.filter { !$0.isEmpty }
        #expect(read == bodyParagraphs(doc).map(\.plainText).filter { !$0.isEmpty })
        let labels = paragraphs.compactMap { p -> String? in p["label"]?.string.map { "\($0) \(p["text"]?.string ?? "")" } }
        #expect(labels == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. NỘI DUNG TUYÊN TRUYỀN",
                           "- Tuyên truyền các phong trào thi đua do Trung ương, Ủy ban nhân dân tỉnh phát động;",
                           "- Xây dựng chuyên trang, chuyên mục về gương điển hình tiên tiến, người tốt, việc tốt;",
                           "- Tôn vinh, khen thưởng và nhân rộng điển hình tiên tiến.", "III. TỔ CHỨC THỰC HIỆN"])
        func run(_ text: String) -> JSON? { paragraphs.first { $0["text"]?.string == text }?["runs"]?[0] }
        #expect(run("KẾ HOẠCH")?["bold"]?.bool == true && run("KẾ HOẠCH")?["size"]?.number == 14)
        let basis = run("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
        #expect(basis?["italic"]?.bool == true && basis?["bold"]?.bool == false && basis?["size"]?.number == 14)
        #expect(basis?["font"]?.string == "Times New Roman")
        #expect(run("MỤC ĐÍCH, YÊU CẦU")?["bold"]?.bool == true)
        #expect(paragraphs.first { $0["text"]?.string == "MỤC ĐÍCH, YÊU CẦU" }?["element"]?.string == "h")
        #expect(paragraphs.first { $0["text"]?.string?.hasPrefix("Sở Nội vụ xây dựng") == true }?["alignment"]?.string == "justify")
        let tables = d["tables"]?.array ?? []
        #expect(tables.count == 3)
        #expect(tables[0]["rows"]?[0]?["cells"]?[1]?["text"]?.string?.hasPrefix("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc") == true)
        #expect(tables[0]["rows"]?[1]?["cells"]?[1]?["text"]?.string == "Bắc Ninh, ngày 05 tháng 02 năm 2024")
        #expect(tables[0]["rows"]?[1]?["cells"]?[0]?["text"]?.string == "Số: 05/KH-SNV")
        #expect(tables[0]["margin_left_mm"]?.number == -3.51)   // −199 twips
        #expect(tables[0]["rows"]?[0]?["cells"]?[0]?["borders"]?["top"]?.string == "none")
        #expect(tables[1]["rows"]?[0]?["cells"]?[0]?["text"]?.string?.hasSuffix("- Lưu: VT, TĐKT.") == true)
        #expect(tables[2]["header_rows"]?.number == 1 && tables[2]["rows"]?[0]?["header"]?.bool == true)
        #expect(tables[2]["rows"]?[1]?["keep_together"]?.string == "always")
        let sections = d["sections"]?.array ?? []
        #expect(sections.count == 2)
        for (i, s) in sections.enumerated() {
            #expect(s["left_mm"]?.number == 35 && s["right_mm"]?.number == 20 && s["top_mm"]?.number == 25 && s["bottom_mm"]?.number == 20)
            #expect(s["header_mm"]?.number == 10)
            #expect(s["header"]?["texts"]?.array?.compactMap(\.string) == ["1"])
            #expect(s["first_page_header"]?["texts"]?.array?.compactMap(\.string) == [""])
            #expect(s["orientation"]?.string == (i == 0 ? "portrait" : "landscape"))
        }
        #expect(sections[0]["page_width_mm"]?.number == 210 && sections[0]["page_height_mm"]?.number == 297)
        #expect(sections[1]["page_width_mm"]?.number == 297 && sections[1]["page_height_mm"]?.number == 210)
        #expect(sections[0]["page_number_start"]?.isNull != false)
        #expect(sections[1]["page_number_start"]?.string == "1")
    }

    private func checkFeatures(_ d: JSON) {
        let paragraphs = d["paragraphs"]?.array ?? []
        let runs = paragraphs.first { $0["text"]?.string?.hasPrefix("đậm nghiêng") == true }?["runs"]?.array ?? []
        func run(_ text: String) -> JSON? { runs.first { $0["text"]?.string == text } }
        #expect(run("đậm")?["bold"]?.bool == true && run("đậm")?["italic"]?.bool == false)
        #expect(run("nghiêng")?["italic"]?.bool == true)
        #expect(run("gạch chân")?["underline"]?.string == "single")
        #expect(run("gạch đôi")?["underline"]?.string == "double")
        #expect(run("gạch ngang")?["strike"]?.bool == true)
        #expect(runs.filter { $0["superscript"]?.bool == true }.count == 1)
        #expect(runs.filter { $0["subscript"]?.bool == true }.count == 1)
        #expect(run("màu đỏ")?["color"]?.string == "#C00000")
        #expect(run("tô vàng")?["highlight"]?.string == "#FFFF00")
        #expect(run("Chữ Hoa Nhỏ")?["small_caps"]?.bool == true)
        #expect(run("chữ hoa")?["all_caps"]?.bool == true)
        #expect(run("cỡ 13")?["size"]?.number == 13 && run("cỡ 13")?["font"]?.string == "Times New Roman")
        // Runs of spaces come back exactly (text:s), so the paragraph's text ends with them.
        #expect(paragraphs.first { $0["text"]?.string?.hasPrefix("đậm nghiêng") == true }?["text"]?.string?.hasSuffix(" cỡ 13  hai  khoảng  trắng  ") == true)
        let hanging = paragraphs.first { $0["text"]?.string?.hasPrefix("Thụt treo") == true }
        #expect(hanging?["first_line_indent_mm"]?.number == -10 && hanging?["left_indent_mm"]?.number == 10)
        #expect(hanging?["line_height"]?.string == "6.35mm" && hanging?["keep_together"]?.string == "always")   // exactly 18 pt
        let tabs = paragraphs.first { $0["text"]?.string?.hasPrefix("Mục lục") == true }?["tabs"]?.array ?? []
        #expect(tabs.first?["style:position"]?.string == "120mm" && tabs.first?["style:leader-text"]?.string == ".")
        #expect(paragraphs.first { $0["text"]?.string == "Danh sách" }?["break_before"]?.string == "page")
        let labels = paragraphs.compactMap { $0["label"]?.string }
        #expect(labels == ["I.", "II.", "1.", "2.", "3.", "a)", "b)", "-", "+", "1.", "2."])
        #expect(d["links"]?[0]?["url"]?.string == "https://thiduakhenthuong.gov.vn/")
        #expect(d["links"]?[0]?["text"]?.string == "Ban Thi đua - Khen thưởng Trung ương")
        let notes = d["footnotes"]?.array ?? []
        #expect(notes.map { $0["citation"]?.string } == ["1", "2"])
        #expect(notes.map { $0["text"]?.string?.trimmingCharacters(in: .whitespaces) } == ["Chú thích cuối trang thứ nhất.", "Chú thích thứ hai."])
        let pictures = d["pictures"]?.array ?? []
        #expect(pictures.count == 3)
        #expect(pictures.first?["width_mm"]?.number == 40 && pictures.first?["height_mm"]?.number == 20)
        #expect(pictures.first?["anchor"]?.string == "as-char")
        #expect(pictures.map { $0["href"]?.string } == ["Pictures/image1.png", "Pictures/image2.jpeg", "Pictures/image1.png"])
        let package = d["package"]?.array?.compactMap(\.string) ?? []
        #expect(package.filter { $0.hasPrefix("Pictures/") } == ["Pictures/image1.png", "Pictures/image2.jpeg"])
        // The merged table: spans and covered cells, header rows, a nested table.
        let tables = d["tables"]?.array ?? []
        #expect(tables.count == 2)
        let rows = tables.first?["rows"]?.array ?? []
        func shape(_ r: Int) -> [String] {
            rows[r]["cells"]?.array?.map { c in
                c["covered"]?.bool == true ? "×" : "\(c["text"]?.string ?? "")/\(Int(c["columns_spanned"]?.number ?? 0))/\(Int(c["rows_spanned"]?.number ?? 0))"
            } ?? []
        }
        #expect(shape(0) == ["STT/1/2", "Họ và tên/1/2", "Kết quả/2/1", "×"])
        #expect(shape(1) == ["×", "×", "Điểm/1/1", "Xếp loại/1/1"])
        #expect(shape(2) == ["1/1/1", "Nguyễn Thị Hồng Nhung/1/1", "95,5/1/1", "Xuất sắc/1/3"])
        #expect(shape(3) == ["2/1/1", "Trần Văn Đức\n/1/1", "90/1/1", "×"])
        #expect(shape(4) == ["3/1/1", "không viền/1/1", "88,75/1/1", "×"])
        #expect(tables.first?["header_rows"]?.number == 2)
        #expect(rows[2]["keep_together"]?.string == "always")
        #expect(rows[2]["cells"]?[3]?["vertical_align"]?.string == "middle")
        #expect(rows[3]["cells"]?[1]?["background"]?.string == "#FFF2CC")
        #expect(rows[4]["cells"]?[1]?["borders"]?["left"]?.string == "none")
        #expect(tables.first?["columns_mm"]?.array?.compactMap(\.number) == [15, 60, 40, 40])
        #expect(tables[1]["rows"]?[0]?["cells"]?[0]?["borders"]?["top"]?.string == "0.5pt dotted #000000")
        let sections = d["sections"]?.array ?? []
        #expect(sections.count == 2)
        #expect(sections[0]["left_mm"]?.number == 30 && sections[0]["right_mm"]?.number == 15)
        #expect(sections[0]["footer"]?["texts"]?.array?.compactMap(\.string) == ["Trang 1 / 1"])
        #expect(d["fields"]?.array?.compactMap(\.string) == ["page-number", "page-count", "page-number"])
        #expect(sections[1]["orientation"]?.string == "landscape" && sections[1]["bottom_mm"]?.number == 15)
        #expect(sections[1]["page_number_start"]?.string == "5" && sections[1]["num_format"]?.string == "i")
        // The second section has no footer of its own: none at all.
        #expect(sections[1]["footer"]?.isNull != false)
    }

    private func checkODTFeatures(_ d: JSON) {
        let paragraphs = d["paragraphs"]?.array ?? []
        // Illegal characters dropped, every space kept (leading, doubled, trailing).
        #expect(paragraphs.contains { $0["text"]?.string == "  hai dấu cách đầu,   ba dấu cách giữa, tab:\tsau tab,\ndòng mới, ký tự lạbị bỏ, cuối có dấu cách  " })
        let labels = paragraphs.compactMap { p -> String? in p["label"]?.string.map { "\($0) \(p["text"]?.string ?? "")" } }
        #expect(labels == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "a) Điểm a của khoản 1", "- Ý gạch đầu dòng", "+ Ý cộng",
                           "2. Yêu cầu", "II. NỘI DUNG", "I. DANH SÁCH MỚI BẮT ĐẦU LẠI", "- một", "- hai"])
        // The inline page break: two paragraphs, the second starts a page.
        let after = paragraphs.first { $0["text"]?.string == "Sau ngắt trang." }
        #expect(after?["break_before"]?.string == "page" && after?["first_line_indent_mm"]?.number == 0)
        let rule = paragraphs.first { $0["border_bottom"]?.string == "0.75pt solid #000000" }
        #expect(rule?["line_height"]?.string == "2pt")
        let sections = d["sections"]?.array ?? []
        #expect(sections.count == 3)
        #expect(sections.map { $0["orientation"]?.string } == ["portrait", "landscape", "portrait"])
        #expect(sections[2]["num_format"]?.string == "I" && sections[2]["page_number_start"]?.string == "3")
        #expect(sections[2]["left_mm"]?.number == 20 && sections[2]["top_mm"]?.number == 20)
        #expect(sections[2]["header"]?.isNull != false && sections[2]["footer"]?["texts"]?.array?.compactMap(\.string) == ["1"])
        let table = d["tables"]?[0]
        #expect(table?["rows"]?[4]?["cells"]?[0]?["borders"]?["bottom"]?.string == "none")
        #expect(table?["rows"]?[4]?["cells"]?[0]?["columns_spanned"]?.number == 4)
    }

    /// The same documents as DOCX and ODT read the same: paragraph texts, list labels,
    /// every character's bold/italic/size/font, table cells with spans, section pages.
    @Test func bothFormatsReadTheSame() throws {
        let dir = TemporaryDirectory("odt-docx")
        defer { dir.remove() }
        var files: [String] = []
        for (name, doc) in [("plan", try Samples.plan()), ("features", try Samples.features()), ("odtfeatures", try ODTSamples.features())] {
            for ext in ["docx", "odt"] {
                files.append(dir.file("\(name).\(ext)"))
                try doc.write(to: files[files.count - 1])
            }
        }
        let reports = expectConformant(files, .readers)
        guard reports.count == 6 else { return }
        for k in stride(from: 0, to: 6, by: 2) {
            guard let docx = reports[k].data("docx-detail"), let odt = reports[k + 1].data("odt-detail") else {
                Issue.record("no data for \(files[k])")
                continue
            }
            let name = files[k]
            // Paragraphs: the ODT splits a paragraph at an inline page break; compare the text
            // that is not white space, character by character with its formatting.
            func characters(_ paragraphs: [JSON]) -> [String] {
                paragraphs.flatMap { p -> [String] in
                    // python-docx leaves out the runs inside links.
                    (p["runs"]?.array ?? []).filter { $0["link"]?.bool != true }.flatMap { r -> [String] in
                        let f = "\(r["bold"]?.bool ?? false)|\(r["italic"]?.bool ?? false)|\(r["size"]?.number ?? 0)|\(r["font"]?.string ?? "")"
                        return (r["text"]?.string ?? "").filter { !$0.isWhitespace }.map { "\($0)\(f)" }
                    }
                }
            }
            let dp = docx["paragraphs"]?.array ?? [], op = odt["paragraphs"]?.array ?? []
            let dc = characters(dp), oc = characters(op)
            #expect(dc == oc, "\(name): \(zip(dc, oc).first { $0 != $1 }.map { "\($0) ≠ \($1)" } ?? "lengths \(dc.count) \(oc.count)")")
            #expect(dp.compactMap { $0["label"]?.string } == op.compactMap { $0["label"]?.string }, "\(name)")
            // Tables: the cells that are not covered (DOCX: not a vMerge continuation), with
            // their column span; text without white space (nested tables differ in layout).
            func cells(_ tables: [JSON], covered: (JSON) -> Bool, span: String) -> [[String]] {
                tables.flatMap { t in
                    (t["rows"]?.array ?? []).map { r in
                        (r["cells"]?.array ?? []).filter { !covered($0) }.map {
                            String(($0["text"]?.string ?? "").filter { !$0.isWhitespace }) + "/\(Int($0[span]?.number ?? 1))"
                        }
                    }
                }
            }
            let dt = cells(docx["tables"]?.array ?? [], covered: { $0["vmerge"]?.string == "continue" }, span: "span")
            let ot = cells(odt["tables"]?.array ?? [], covered: { $0["covered"]?.bool == true }, span: "columns_spanned")
            // python-docx lists nested tables' cells inside the outer cell's text only.
            #expect(Array(dt.prefix(ot.count)) == Array(ot.prefix(dt.count)), "\(name)")
            let ds = docx["sections"]?.array ?? [], os = odt["sections"]?.array ?? []
            #expect(ds.count == os.count, "\(name)")
            for (a, b) in zip(ds, os) {
                for key in ["page_width_mm", "page_height_mm", "left_mm", "right_mm", "top_mm", "bottom_mm"] {
                    #expect(a[key]?.number == b[key]?.number, "\(name) \(key)")
                }
                #expect(a["orientation"]?.string?.lowercased().contains(b["orientation"]?.string ?? "?") == true, "\(name)")
                #expect(a["page_number_start"]?.number.map { String(Int($0)) } == b["page_number_start"]?.string, "\(name)")
            }
        }
    }

    /// LibreOffice prints the ODT like the DOCX: every word within 1 pt of its place in the
    /// DOCX rendering, the same pages; and the layout itself: left margin, a landscape
    /// section, page numbers from page 2 only.
    @Test func libreOfficePrintsLikeTheDOCX() throws {
        let dir = TemporaryDirectory("odt-pdf")
        defer { dir.remove() }
        var files: [String] = []
        for (name, doc) in [("plan", try Samples.plan()), ("features", try Samples.features()), ("odtfeatures", try ODTSamples.features())] {
            for ext in ["odt", "docx"] {
                files.append(dir.file("\(name).\(ext)"))
                try doc.write(to: files[files.count - 1])
            }
        }
        let reports = expectConformant(files, .libreOffice, pdfDirectory: dir.path)
        var rendered: [[PDFText.Page]] = []
        for r in reports {
            guard let pdf = r.pdf else { Issue.record("no PDF for \(r.file)"); return }
            rendered.append(try PDFText.pages(pdf))
        }
        for k in stride(from: 0, to: rendered.count, by: 2) {
            let odt = rendered[k], docx = rendered[k + 1]
            #expect(odt.count == docx.count, "\(files[k]): \(odt.count) pages, DOCX \(docx.count)")
            for (n, (a, b)) in zip(odt, docx).enumerated() {
                #expect(a.width == b.width && a.height == b.height, "\(files[k]) page \(n + 1)")
                var seen: [String: [PDFText.Word]] = [:]
                for w in b.words { seen[w.text, default: []].append(w) }
                var used: [String: Int] = [:]
                var far: [String] = []
                for w in a.words {
                    let i = used[w.text, default: 0]
                    used[w.text] = i + 1
                    guard let list = seen[w.text], i < list.count else { far.append("\(w.text): not in DOCX"); continue }
                    let d = list[i]
                    if abs(d.xMin - w.xMin) > 1 || abs(d.yMin - w.yMin) > 1 {
                        far.append("\(w.text): (\(w.xMin), \(w.yMin)) vs (\(d.xMin), \(d.yMin))")
                    }
                }
                #expect(far.isEmpty, "\(files[k]) page \(n + 1): \(far.prefix(5))")
                #expect(a.words.count == b.words.count, "\(files[k]) page \(n + 1)")
            }
        }
        // The plan: left margin 35 mm, page numbers centred at the top from page 2 only, a
        // landscape annex whose first page has no number.
        let plan = rendered[0]
        let pt = PDFText.pt
        guard plan.count == 3 else { return }
        let bodyLeft = plan[0].lineWords.compactMap(\.first).filter { $0.yMin > pt(60) }.map(\.xMin).min() ?? 0
        #expect(abs(bodyLeft - pt(35)) < 1, "left edge of the body \(bodyLeft)")
        func topNumbers(_ p: PDFText.Page) -> [String] {
            p.words.filter { $0.yMax < pt(25) && Int($0.text) != nil }.map(\.text)
        }
        #expect(topNumbers(plan[0]).isEmpty)
        #expect(topNumbers(plan[1]) == ["2"])
        let two = plan[1].words.first { $0.text == "2" && $0.yMax < pt(25) }
        #expect(two.map { abs(($0.xMin + $0.xMax) / 2 - (pt(35) + (plan[1].width - pt(55)) / 2)) < 2 } == true)
        #expect(plan[2].width > plan[2].height && topNumbers(plan[2]).isEmpty)
        // The ODT feature document: "Trang 2/7" footers, Roman III in the last section, a
        // landscape middle section.
        let odd = rendered[4]
        #expect(odd.count == 6)
        if odd.count == 6 {
            #expect(odd[1].lines.contains("Trang 2/7") && topNumbers(odd[1]) == ["2"])
            #expect(topNumbers(odd[0]).isEmpty)
            #expect(odd[3].width > odd[3].height && topNumbers(odd[3]).isEmpty && topNumbers(odd[4]) == ["2"])
            #expect(odd[5].lines.last == "III")
            #expect(odd[5].lines.contains("- một") && odd[0].lines.contains("I. DANH SÁCH MỚI BẮT ĐẦU LẠI"))
        }
    }

    @Test func sameInputGivesTheSameBytes() throws {
        let dir = TemporaryDirectory("odt-det")
        defer { dir.remove() }
        try ODTSamples.features().write(to: dir.file("a.odt"))
        try ODTSamples.features().write(to: dir.file("b.odt"))
        let a = try Data(contentsOf: URL(fileURLWithPath: dir.file("a.odt")))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: dir.file("b.odt")))))
        var one = DocumentOptions()
        one.threads = 1
        try ODTSamples.features().write(to: dir.file("c.odt"), options: one)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.file("c.odt"))) == a)
    }

    /// 100,000 rows: after every row the content writer holds less than its flush threshold
    /// and at most one row (no cell spans rows); the file has every row.
    @Test func longTablesStreamWithFlatMemory() throws {
        let dir = TemporaryDirectory("odt-stream")
        defer { dir.remove() }
        let path = dir.file("big.odt")
        let w = try DocumentWriter(path: path)
        let backend = try #require(w.backend as? ODTBackend)
        try w.beginSection(Official.section())
        try w.beginTable(Table(columns: Table.equalColumns(2, width: Official.section().textWidth)))
        try w.addRow(TableRow([TableCell(text: "STT", .bold), TableCell(text: "Họ và tên", .bold)], isHeader: true))
        var most = 0, held = 0
        for i in 1...100_000 {
            try w.addRow(TableRow([TableCell(text: "\(i)"), TableCell(text: "Nguyễn Văn \(i)")]))
            most = max(most, backend.bufferedByteCount)
            held = max(held, backend.heldRowCount)
        }
        try w.endTable()
        try w.close()
        #expect(most < 1 << 20 + 4096)
        #expect(held == 1)
        let count = Shell.run("/bin/sh", ["-c", "unzip -p '\(path)' content.xml | grep -o '<table:table-row' | wc -l"])
        #expect(Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == 100_001)
        // A smaller one through odfpy and the schema.
        let small = dir.file("small.odt")
        try Samples.writeBigTable(to: small, rows: 2_000)
        let reports = expectConformant([small], [.readers, .schemas])
        let table = reports.first?.data("odt-detail")?["tables"]?[0]
        #expect(table?["row_count"]?.number == 2_001 && table?["header_rows"]?.number == 1)
        #expect(table?["rows"]?[1]?["cells"]?[1]?["text"]?.string == "Nguyễn Văn 1")
    }

    /// Sections start where their first block names their master page: a table can start
    /// one, and a section with no block gets an empty paragraph to start its page.
    @Test func sectionsStartAtTheirFirstBlock() throws {
        let dir = TemporaryDirectory("odt-sections")
        defer { dir.remove() }
        let path = dir.file("s.odt")
        var doc = Document(section: Section(margins: .standard))
        doc.append(.table(TableBlock(Table(columns: [.mm(50)]), rows: [TableRow([TableCell(text: "bảng đầu")])])))
        doc.newSection(Section(orientation: .landscape, pageNumbering: PageNumbering(start: 7)))
        doc.newSection(Section(margins: .standard, pageNumbering: PageNumbering(format: .lowerLetter)))
        doc.append(Paragraph("cuối"))
        try doc.write(to: path)
        let reports = expectConformant([path])
        let sections = reports.first?.data("odt-detail")?["sections"]?.array ?? []
        #expect(sections.map { $0["master"]?.string } == ["Section1", "Section2", "Section3"])
        #expect(sections.map { $0["orientation"]?.string } == ["portrait", "landscape", "portrait"])
        #expect(sections[1]["page_number_start"]?.string == "7" && sections[2]["num_format"]?.string == "a")
        #expect(reports.first?.pages == 3)
    }

    @Test func failedWritesLeaveNoFile() throws {
        let dir = TemporaryDirectory("odt-fail")
        defer { dir.remove() }
        let path = dir.file("x.odt")
        let w = try DocumentWriter(path: path)
        try w.add(Paragraph("ok"))
        try w.beginTable(Table(columns: [.mm(20), .mm(20)]))
        try w.addRow(TableRow([TableCell(text: "a"), TableCell(text: "b")]))
        #expect(throws: DocumentError.self) { try w.addRow(TableRow([TableCell(text: "only one")])) }
        w.discard()
        #expect(!FileManager.default.fileExists(atPath: path))
        let w2 = try DocumentWriter(path: path)
        try w2.beginTable(Table(columns: [.mm(20)]))
        try w2.addRow(TableRow([TableCell(text: "a", rowSpan: 2)]))
        #expect(throws: DocumentError.self) { try w2.close() }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.isEmpty == true)
    }

    /// Random text (controls, decomposed Vietnamese, markup characters, runs of spaces, tabs)
    /// survives: odfpy reads back exactly the text minus the characters XML cannot hold, and
    /// the writer counts what it dropped.
    @Test func randomTextRoundTrips() throws {
        let dir = TemporaryDirectory("odt-prop")
        defer { dir.remove() }
        var rng = SeededGenerator(seed: 0x0D7_2024)
        let alphabet: [String] = ["a", "Ă", "ệ", "ư", "Đ", "e\u{301}", "o\u{31B}\u{300}", "<", ">", "&", "\"", "'", " ", "  ", "   ",
                                  "\t", "\u{0}", "\u{1}", "\u{B}", "\u{1F}", "\u{FFFE}", "\u{FFFF}", "😀", "中", "_x0041_", "]]>", "\u{A0}"]
        var files: [String] = [], expected: [[String]] = [], removed: [Int] = [], counted: [Int] = []
        for n in 0..<6 {
            let path = dir.file("p\(n).odt")
            let w = try DocumentWriter(path: path)
            var texts: [String] = []
            var illegal = 0
            for _ in 0..<20 {
                var s = ""
                for _ in 0..<Int.random(in: 1...40, using: &rng) { s += alphabet.randomElement(using: &rng)! }
                try w.add(Paragraph(s, RunFormat(bold: Bool.random(using: &rng))))
                let kept = s.unicodeScalars.filter { v in v.value == 9 || (v.value >= 0x20 && v.value != 0xFFFE && v.value != 0xFFFF) }
                illegal += s.unicodeScalars.count - kept.count
                texts.append(String(String.UnicodeScalarView(kept)))
            }
            try w.close()
            files.append(path)
            expected.append(texts)
            removed.append(illegal)
            counted.append(w.removedCharacterCount)
        }
        #expect(removed == counted)
        let reports = expectConformant(files, [.readers, .schemas])
        for (r, texts) in zip(reports, expected) {
            let read = r.data("odfpy")?["paragraphs"]?.array?.compactMap(\.string) ?? []
            #expect(read.map { Array($0.unicodeScalars) } == texts.map { Array($0.unicodeScalars) })
        }
    }
}
