import Foundation
import Testing
import TestSupport
import Vietnamese
@testable import Document

/// The model: units, text pieces, table layout, list labels, rules, images, validation.
@Suite("Document model")
struct DocumentModelTests {
    @Test func lengthsAreExactInEveryUnit() {
        #expect(Length.mm(25).twips == 1417)
        #expect(Length.mm(35).twips == 1984)
        #expect(Length.mm(25).millimetres == 25)
        #expect(Length.pt(14).twips == 280)
        #expect(Length.twips(1417).twips == 1417)
        #expect(Length.cm(1.27).millimetres == 12.7)
        #expect(Length.mm(210).points.rounded() == 595)
        #expect((Length.mm(10) + Length.pt(6) - Length.pt(6)) == Length.mm(10))
    }

    @Test func colourHex() {
        #expect(Color(hex: "#1f4e79")?.hex == "1F4E79")
        #expect(Color(hex: "12345") == nil)
        #expect(Color(hex: "GG0000") == nil)
    }

    @Test func runPiecesSplitTabsAndLineBreaks() {
        #expect(Run("a\tb\nc\r\nd").pieces == [.text("a"), .tab, .text("b"), .lineBreak, .text("c"), .lineBreak, .text("d")])
        #expect(Run("  hai  ").pieces == [.text("  hai  ")])
        #expect(Run("\t").pieces == [.tab])
    }

    @Test func gridFollowsRowAndColumnSpans() throws {
        var grid = TableGrid(Table(columns: Array(repeating: .mm(20), count: 4)), number: 1)
        // A | B B | C       (B spans 2 columns, C spans 3 rows)
        // D | E   | F | (C)
        // G G G   | (C)
        let r0 = try grid.layout(TableRow([TableCell(text: "A"), TableCell(text: "B", columnSpan: 2), TableCell(text: "C", rowSpan: 3)]))
        #expect(r0.slots == [.cell(index: 0, column: 0, columnSpan: 1, rowSpan: 1), .cell(index: 1, column: 1, columnSpan: 2, rowSpan: 1),
                             .cell(index: 2, column: 3, columnSpan: 1, rowSpan: 3)])
        let r1 = try grid.layout(TableRow([TableCell(text: "D"), TableCell(text: "E"), TableCell(text: "F")]))
        #expect(r1.slots.count == 4)
        guard case .covered(3, 1, let origin, false) = r1.slots[3] else { Issue.record("\(r1.slots[3])"); return }
        #expect(origin.blocks == [.paragraph(Paragraph("C"))])
        let r2 = try grid.layout(TableRow([TableCell(text: "G", columnSpan: 3)]))
        guard case .covered(3, 1, _, true) = r2.slots[1] else { Issue.record("\(r2.slots)"); return }
        try grid.finish()
        #expect(grid.width(column: 1, span: 2) == .mm(40))
    }

    @Test func gridErrorsNameTableRowAndCell() throws {
        var grid = TableGrid(Table(columns: [.mm(10), .mm(10)]), number: 3)
        #expect(throws: DocumentError.self) { try grid.layout(TableRow([TableCell(text: "x")])) }
        do {
            _ = try grid.layout(TableRow([TableCell(text: "a"), TableCell(text: "b"), TableCell(text: "c")]))
            Issue.record("no error")
        } catch {
            #expect(error.message.hasPrefix("Bảng 3, hàng 1"))
            #expect(error.message.contains("thừa 1 ô"))
        }
        var g2 = TableGrid(Table(columns: [.mm(10), .mm(10)]), number: 1)
        do {
            _ = try g2.layout(TableRow([TableCell(text: "a", columnSpan: 3)]))
            Issue.record("no error")
        } catch {
            #expect(error.message == "Bảng 1, hàng 1, ô 1: ô gộp 3 cột từ cột 1 vượt quá 2 cột của bảng.")
        }
        var g3 = TableGrid(Table(columns: [.mm(10)]), number: 2)
        _ = try g3.layout(TableRow([TableCell(text: "a", rowSpan: 3)]))
        _ = try g3.layout(TableRow([]))
        #expect(throws: DocumentError.self) { try g3.finish() }
        var g4 = TableGrid(Table(columns: [.mm(10)]), number: 1)
        _ = try g4.layout(TableRow([TableCell(text: "data")]))
        #expect(throws: DocumentError.self) { try g4.layout(TableRow([TableCell(text: "late header")], isHeader: true)) }
    }

    @Test func listLabels() {
        let plan = ListDefinition.plan
        #expect(plan.levels[0].label(4) == "IV.")
        #expect(plan.levels[1].label(12) == "12.")
        #expect(plan.levels[2].label(3) == "c)")
        #expect(plan.levels[2].label(27) == "aa)")
        #expect(plan.levels[3].label(9) == "-")
        #expect(plan.levels[4].label(1) == "+")
        #expect(ListLevel(.decimal, suffix: ".", displayLevels: 2).label(3, parents: [2]) == "2.3.")
        #expect(ListLevel(.lowerRoman, prefix: "(", suffix: ")").label(14) == "(xiv)")
    }

    @Test func everyNewListIsAnInstanceOfItsDefinition() {
        var lists = ListRegistry()
        let a = lists.newList(.decimal)
        let b = lists.newList(.dash)
        let c = lists.newList(.decimal)
        #expect(lists.definitions.count == 2)
        #expect(lists.instances == [0, 1, 0])
        #expect(lists.isFirstInstance(a) && lists.isFirstInstance(b) && !lists.isFirstInstance(c))
        #expect(lists.definition(of: ListID(index: 9)) == nil)
    }

    @Test func ruleIsPlacedByIndents() {
        let p = HorizontalRule(length: .mm(60)).paragraph(within: .mm(100))
        #expect(p.format.leftIndent == .mm(20))
        #expect(p.format.rightIndent == .mm(20))
        #expect(p.format.borders?.bottom == .rule)
        let right = HorizontalRule(length: .mm(30), alignment: .right).paragraph(within: .mm(100))
        #expect(right.format.leftIndent == .mm(70) && right.format.rightIndent == .zero)
        let wide = HorizontalRule(length: .mm(300)).paragraph(within: .mm(100))
        #expect(wide.format.leftIndent == .zero && wide.format.rightIndent == .zero)
    }

    @Test func imagesAreRecognisedAndSized() throws {
        let png = try InlineImage(data: TestImages.png, width: .mm(40))
        #expect(png.format == .png)
        #expect(png.height == .mm(20))       // 4 × 2 pixels
        let jpeg = try InlineImage(data: TestImages.jpeg, width: .mm(10))
        #expect(jpeg.format == .jpeg)
        #expect(jpeg.height == .mm(20))      // 8 × 16 pixels
        #expect(throws: DocumentError.self) { try InlineImage(data: Array("GIF89a".utf8), width: .mm(10)) }
        #expect(throws: DocumentError.self) { try InlineImage(data: TestImages.png, width: .zero) }
    }

    @Test func stylesResolveThroughBasedOn() throws {
        let sheet = StyleSheet()
        #expect(sheet.resolvedRun(.heading1).bold == true)
        #expect(sheet.resolvedRun(.heading1).font == "Times New Roman")
        #expect(sheet.resolvedRun(nil).halfPoints == 28)
        #expect(sheet.resolvedParagraph(.bodyText).alignment == .justify)
        #expect(sheet.resolvedParagraph(.bodyText).firstLineIndent == .mm(12.7))
        var bad = StyleSheet()
        bad.set(NamedStyle("Loop", name: "loop", basedOn: "Loop2"))
        bad.set(NamedStyle("Loop2", name: "loop 2", basedOn: "Loop"))
        #expect(throws: DocumentError.self) { try bad.validate() }
        var missing = StyleSheet()
        missing.set(NamedStyle("X", name: "x", basedOn: "Nope"))
        #expect(throws: DocumentError.self) { try missing.validate() }
    }

    @Test func officialWidthsMatchTheMeasuredOnes() {
        // official-format.md: measured with Liberation Serif (Times New Roman metrics).
        #expect(abs(TimesWidth.of("ỦY BAN NHÂN DÂN", halfPoints: 26, bold: true).millimetres - 43.2) < 0.5)
        #expect(abs(TimesWidth.of(Official.motto, halfPoints: 28, bold: true).millimetres - 60.5) < 1)
        #expect(abs(TimesWidth.of(Official.nationalName, halfPoints: 26, bold: true).millimetres - 95.7) < 1.5)
        #expect(abs(TimesWidth.of("SỞ NỘI VỤ", halfPoints: 26, bold: true).millimetres - 23.7) < 0.5)
    }

    @Test func officialLinesFollowTheDecree() throws {
        let h = OfficialHeader(parentAgency: ["ubnd tỉnh kiên giang"], issuer: ["Sở Nội vụ"],
                               number: try DocumentNumber(number: 3, type: .keHoach, issuer: ["SNV"]),
                               place: "Kiên Giang", date: try CivilDate(year: 2019, month: 4, day: 11))
        #expect(h.parentAgency == ["UBND TỈNH KIÊN GIANG"])
        #expect(h.number.withPrefix == "Số: 03/KH-SNV")
        #expect(h.placeAndDate == "Kiên Giang, ngày 11 tháng 4 năm 2019")
        let draft = OfficialHeader(issuer: ["Sở Nội vụ"], number: try DocumentNumber(number: nil, type: .keHoach, issuer: ["SNV"]),
                                   place: "Hà Nội", date: nil, draftYear: 2024)
        #expect(draft.placeAndDate == "Hà Nội, ngày      tháng    năm 2024")
        let sig = OfficialSignature(authority: [.onBehalfOf("Ủy ban nhân dân"), .signedFor("Chủ tịch")], position: "Phó Chủ tịch",
                                    name: "Nguyễn Văn A")
        #expect(sig.authority.map(\.line) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"])
        #expect(SigningAuthority.byOrder("giám đốc").line == "TL. GIÁM ĐỐC")
        #expect(SigningAuthority.byDelegation("giám đốc").line == "TUQ. GIÁM ĐỐC")
        #expect(SigningAuthority.acting("giám đốc").line == "Q. GIÁM ĐỐC")
        let section = Official.section()
        #expect(section.margins == .decree && section.hasDifferentFirstPage && section.firstPageHeader == .empty)
        #expect(section.textWidth == .mm(155))
    }

    @Test func writerValidatesBeforeWriting() throws {
        let dir = TemporaryDirectory("docmodel")
        defer { dir.remove() }
        let path = dir.file("bad.docx")
        let w = try DocumentWriter(path: path)
        let ghost = ListItem(ListID(index: 4))
        do {
            try w.add(Paragraph(style: nil, list: ghost, [.text("x")]))
            Issue.record("no error")
        } catch let e as DocumentError {
            #expect(e.code == .invalidList)
        }
        #expect(throws: DocumentError.self) { try w.add(Paragraph("x", style: "NoSuchStyle")) }
        #expect(throws: DocumentError.self) { try w.add(Paragraph(style: nil, [.hyperlink(Hyperlink(url: "not a url", text: "x"))])) }
        #expect(throws: DocumentError.self) {
            try w.add(Paragraph(style: nil, [.footnote(Footnote([Paragraph(style: nil, [.footnote(Footnote(text: "nested"))])]))]))
        }
        #expect(throws: DocumentError.self) { try w.addRow(TableRow([])) }
        #expect(throws: DocumentError.self) { try w.beginTable(Table(columns: [])) }
        #expect(throws: DocumentError.self) { try w.beginSection(Section(margins: PageMargins(top: .mm(10), bottom: .mm(10), left: .mm(150), right: .mm(50)))) }
        w.discard()
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: DocumentError.self) { try DocumentWriter(path: dir.file("x.pdf")) }
    }

    @Test func formatByExtension() {
        #expect(DocumentFormat(path: "a/b.DOCX") == .docx)
        #expect(DocumentFormat(path: "b.odt") == .odt)
        #expect(DocumentFormat(path: "dir.docx/file") == nil)
        #expect(DocumentFormat(path: "noext") == nil)
    }
}

/// Tiny pictures for the tests (made for them: a 4 × 2 red PNG and an 8 × 16 grey baseline JPEG).
enum TestImages {
    static let png: [UInt8] = [
        137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 2, 8, 2, 0, 0, 0, 240, 202,
        234, 52, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 56, 33, 39, 7, 71, 12, 200, 28, 0, 111, 10, 8, 33, 6, 165,
        210, 118, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
    ]
    static let jpeg: [UInt8] = {
        var b: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
                          0x00, 0x01, 0x00, 0x00, 0xFF, 0xDB, 0x00, 0x43, 0x00]
        b += Array(repeating: 0x01, count: 64)                                   // quantisation: all 1
        b += [0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x10, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]  // 8 × 16, grey
        for table: UInt8 in [0x00, 0x10] {                                      // DC and AC: one 1-bit code, symbol 0
            b += [0xFF, 0xC4, 0x00, 0x14, table, 0x01] + Array(repeating: 0, count: 15) + [0x00]
        }
        b += [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]
        b += [0x0F, 0xFF, 0xD9]                                                 // two blocks: DC 0, EOB; end
        return b
    }()
}
