import Foundation
import Vietnamese
@testable import Document

/// Documents the tests write in both formats.
enum Samples {
    /// A short Kế hoạch made only from the official building blocks: header, title, căn cứ,
    /// numbered headings, body, Nơi nhận + signature, then a landscape annex with a table.
    static func plan() throws -> Document {
        var doc = Document(section: Official.section())
        doc.properties.title = "Kế hoạch thông tin, tuyên truyền về công tác thi đua, khen thưởng năm 2024"
        doc.properties.creator = "Sở Nội vụ tỉnh Bắc Ninh"
        let header = OfficialHeader(parentAgency: ["UBND tỉnh Bắc Ninh"], issuer: ["Sở Nội vụ"],
                                    number: try DocumentNumber(number: 5, type: .keHoach, issuer: ["SNV"]),
                                    place: "Bắc Ninh", date: try CivilDate(year: 2024, month: 2, day: 5))
        doc.append(Official.header(header))
        doc.append(Official.title("Kế hoạch", summary: "Thông tin, tuyên truyền về công tác thi đua, khen thưởng năm 2024"))
        doc.append(Official.legalBases([
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng.",
        ]))
        doc.append(Official.paragraph("Sở Nội vụ xây dựng Kế hoạch thông tin, tuyên truyền về công tác thi đua, khen thưởng năm 2024 như sau:"))
        let outline = doc.newList(.plan)
        doc.append(Official.heading("Mục đích, yêu cầu", level: 1, list: outline))
        doc.append(Official.heading("Mục đích", level: 2, list: outline))
        doc.append(Official.paragraph("Đẩy mạnh công tác tuyên truyền về tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh, chủ trương của Đảng, chính sách, pháp luật của Nhà nước về thi đua, khen thưởng; kịp thời phát hiện, bồi dưỡng, nhân rộng các mô hình, gương điển hình tiên tiến."))
        doc.append(Official.heading("Yêu cầu", level: 2, list: outline))
        doc.append(Official.paragraph("Công tác tuyên truyền phải thường xuyên, thiết thực, hiệu quả, phù hợp với tình hình thực tiễn của từng cơ quan, đơn vị."))
        doc.append(Official.heading("Nội dung tuyên truyền", level: 1, list: outline))
        let dashes = doc.newList(.dash)
        for item in ["Tuyên truyền các phong trào thi đua do Trung ương, Ủy ban nhân dân tỉnh phát động;",
                     "Xây dựng chuyên trang, chuyên mục về gương điển hình tiên tiến, người tốt, việc tốt;",
                     "Tôn vinh, khen thưởng và nhân rộng điển hình tiên tiến."] {
            var p = Paragraph(item, RunFormat(halfPoints: 28), style: .bodyText)
            p.list = ListItem(dashes)
            doc.append(p)
        }
        doc.append(Official.heading("Tổ chức thực hiện", level: 1, list: outline))
        doc.append(Official.paragraph("Giao Ban Thi đua - Khen thưởng chủ trì, phối hợp với các cơ quan, đơn vị triển khai thực hiện Kế hoạch này; định kỳ báo cáo kết quả về Sở Nội vụ trước ngày 15 tháng 12 năm 2024 (chi tiết tại Phụ lục kèm theo)" + Official.endMark))
        doc.append(Official.closing(recipients: ["Ban TĐKT Trung ương", "UBND tỉnh", "Các sở, ban, ngành tỉnh",
                                                 "UBND các huyện, thị xã, thành phố"],
                                    archive: "VT, TĐKT",
                                    signature: OfficialSignature(authority: [.signedFor("Giám đốc")], position: "Phó Giám đốc",
                                                                 name: "Nguyễn Văn An")))
        // Annex: its own page numbers from 1, landscape for the table.
        let annex = Official.section(orientation: .landscape, pageNumberStart: 1)
        doc.newSection(annex)
        doc.append(Official.annexHeading(number: nil, title: "Lịch tuyên truyền năm 2024",
                                         attachedTo: Official.citation(type: "Kế hoạch", number: header.number, date: header.date,
                                                                       issuer: "Sở Nội vụ tỉnh Bắc Ninh"),
                                         textWidth: annex.textWidth))
        let columns = Table.proportionalColumns([1, 5, 3, 3], width: annex.textWidth)
        var rows = [TableRow(["STT", "Nội dung", "Thời gian", "Đơn vị thực hiện"].map {
            TableCell(text: $0, RunFormat(bold: true), alignment: .center, verticalAlignment: .center)
        }, isHeader: true)]
        for i in 1...3 {
            rows.append(TableRow([TableCell(text: "\(i)", alignment: .center), TableCell(text: "Nội dung tuyên truyền số \(i)"),
                                  TableCell(text: "Quý \(RomanNumeral.roman(i))", alignment: .center),
                                  TableCell(text: "Ban TĐKT")], cantSplit: true))
        }
        doc.append(.table(TableBlock(Table(columns: columns), rows: rows)))
        return doc
    }
}

extension Samples {
    /// Every feature of the model once: run and paragraph formatting, lists that restart,
    /// tables with merges, pictures, links, footnotes, fields, sections.
    static func features() throws -> Document {
        var doc = Document(section: Section(margins: PageMargins(top: .mm(20), bottom: .mm(20), left: .mm(30), right: .mm(15)),
                                            footer: HeaderFooter([.paragraph(Paragraph(style: .footer, format: ParagraphFormat(alignment: .right),
                                                [.text("Trang "), .field(.page, RunFormat()), .text(" / "), .field(.numberOfPages, RunFormat())]))])))
        doc.properties.title = "Tính năng"
        doc.append(Paragraph("Định dạng ký tự", RunFormat(bold: true), style: .heading1))
        doc.append(Paragraph(style: .bodyText, [
            .text("đậm", .bold), .text(" "), .text("nghiêng", .italic), .text(" "),
            .text("gạch chân", RunFormat(underline: .single)), .text(" "), .text("gạch đôi", RunFormat(underline: .double)), .text(" "),
            .text("gạch ngang", RunFormat(strike: true)), .text(" x"), .text("2", RunFormat(position: .superscript)),
            .text(" H"), .text("2", RunFormat(position: .subscript)), .text("O "),
            .text("màu đỏ", RunFormat(color: Color(hex: "C00000"))), .text(" "),
            .text("tô vàng", RunFormat(highlight: .yellow)), .text(" "),
            .text("Chữ Hoa Nhỏ", RunFormat(smallCaps: true)), .text(" "), .text("chữ hoa", RunFormat(allCaps: true)), .text(" "),
            .text("cỡ 13", RunFormat(font: "Times New Roman", halfPoints: 26)), .text("  hai  khoảng  trắng  "),
        ]))
        doc.append(Paragraph(style: .normal, format: ParagraphFormat(alignment: .left,
                                                                     tabStops: [TabStop(.mm(120), .right, leader: .dot)]),
                             [.text("Mục lục"), .tab(RunFormat()), .text("12"), .lineBreak, .text("dòng mới\tvà tab")]))
        doc.append(Paragraph("Căn phải, thụt trái 2 cm, cách trên 12 pt, dòng 1,5", style: .normal,
                             paragraph: ParagraphFormat(alignment: .right, leftIndent: .cm(2), spaceBefore: .pt(12), lineSpacing: .onePointFive)))
        doc.append(Paragraph("Thụt treo 1 cm: dòng đầu lùi ra, các dòng sau thụt vào; đoạn này đủ dài để xuống dòng trên trang A4 với lề thường dùng.",
                             style: .normal, paragraph: ParagraphFormat(alignment: .justify, leftIndent: .cm(1), firstLineIndent: .cm(-1),
                                                                        lineSpacing: .exact(.pt(18)), keepTogether: true)))
        doc.append(Paragraph("Dòng tối thiểu 20 pt, giữ với đoạn sau, viền và nền", style: .normal,
                             paragraph: ParagraphFormat(lineSpacing: .atLeast(.pt(20)), keepWithNext: true,
                                                        borders: ParagraphBorders(top: .single, bottom: .single), shading: .headerGrey)))
        doc.append(Paragraph("Danh sách", RunFormat(bold: true), style: .heading1,
                             paragraph: ParagraphFormat(pageBreakBefore: true)))
        let roman = doc.newList(.upperRoman), decimal = doc.newList(.decimal), letter = doc.newList(.letter)
        let dash = doc.newList(.dash), plus = doc.newList(.plus)
        for (list, texts) in [(roman, ["Mục một", "Mục hai"]), (decimal, ["Khoản một", "Khoản hai", "Khoản ba"]),
                              (letter, ["điểm một", "điểm hai"]), (dash, ["gạch"]), (plus, ["cộng"])] {
            for t in texts { doc.append(Paragraph(style: .bodyText, list: ListItem(list), [.text(t)])) }
        }
        let again = doc.newList(.decimal)
        doc.append(Paragraph(style: .bodyText, list: ListItem(again), [.text("Danh sách mới bắt đầu lại")]))
        doc.append(Paragraph(style: .bodyText, list: ListItem(again), [.text("và tiếp tục")]))
        doc.append(Paragraph(style: .bodyText, [.text("Liên kết: "), .hyperlink(Hyperlink(url: "https://thiduakhenthuong.gov.vn/", text: "Ban Thi đua - Khen thưởng Trung ương")),
                                                .text(" và chú thích"), .footnote(Footnote(text: "Chú thích cuối trang thứ nhất.")),
                                                .text(" hai"), .footnote(Footnote(text: "Chú thích thứ hai."))]))
        doc.append(Paragraph(style: .normal, format: ParagraphFormat(alignment: .center),
                             [.image(try InlineImage(data: TestImages.png, width: .mm(40), description: "Ảnh PNG")), .text(" "),
                              .image(try InlineImage(data: TestImages.jpeg, width: .mm(10), description: "Ảnh JPEG")),
                              .image(try InlineImage(data: TestImages.png, width: .mm(20)))]))
        doc.append(.rule(HorizontalRule(length: .mm(50))))
        // Merges: a two-level header, a cell over three rows, a cell with no edges, a nested table.
        let t = Table(columns: [.mm(15), .mm(60), .mm(40), .mm(40)], borders: .all(), alignment: .center)
        let nested = TableBlock(Table(columns: [.mm(15), .mm(15)], borders: .all(Border(.dotted, width: 0.5))),
                                rows: [TableRow([TableCell(text: "n1"), TableCell(text: "n2")])])
        doc.append(.table(TableBlock(t, rows: [
            TableRow([TableCell(text: "STT", .bold, alignment: .center, rowSpan: 2, verticalAlignment: .center),
                      TableCell(text: "Họ và tên", .bold, alignment: .center, rowSpan: 2, verticalAlignment: .center),
                      TableCell(text: "Kết quả", .bold, alignment: .center, columnSpan: 2)], isHeader: true),
            TableRow([TableCell(text: "Điểm", .bold, alignment: .center), TableCell(text: "Xếp loại", .bold, alignment: .center)], isHeader: true),
            TableRow([TableCell(text: "1"), TableCell(text: "Nguyễn Thị Hồng Nhung", verticalAlignment: .bottom),
                      TableCell(text: "95,5"), TableCell(text: "Xuất sắc", rowSpan: 3, verticalAlignment: .center)], cantSplit: true),
            TableRow([TableCell(text: "2"), TableCell([.paragraph(Paragraph("Trần Văn Đức")), .table(nested)], shading: Color(hex: "FFF2CC")),
                      TableCell(text: "90")], height: .atLeast(.mm(12))),
            TableRow([TableCell(text: "3"), TableCell([.paragraph(Paragraph("không viền"))], borders: .all(.none),
                                                      margins: CellMargins(top: .mm(1), bottom: .mm(1), left: .mm(3), right: .mm(3))),
                      TableCell(text: "88,75")], height: .exact(.mm(10))),
        ])))
        doc.newSection(Section(orientation: .landscape, margins: PageMargins(top: .mm(20), bottom: .mm(15), left: .mm(30), right: .mm(15)),
                               header: HeaderFooter([.paragraph(Paragraph(style: .header, [.text("Trang "), .field(.page, RunFormat())]))]),
                               pageNumbering: PageNumbering(start: 5, format: .lowerRoman)))
        doc.append(Paragraph("Phần nằm ngang, số trang La Mã từ v", style: .normal))
        return doc
    }

    /// A list table of `rows` rows (W3's shape).
    static func writeBigTable(to path: String, rows: Int) throws {
        let w = try DocumentWriter(path: path)
        try w.beginSection(Official.section())
        try w.add(Paragraph("DANH SÁCH", .bold, style: .title))
        try w.beginTable(Table(columns: Table.equalColumns(6, width: Official.section().textWidth)))
        try w.addRow(TableRow(["STT", "Họ và tên", "Đơn vị", "Chức vụ", "Danh hiệu", "Số QĐ"].map { TableCell(text: $0, .bold) }, isHeader: true))
        for i in 1...rows {
            try w.addRow(TableRow([TableCell(text: "\(i)"), TableCell(text: "Nguyễn Văn \(i)"), TableCell(text: "Phòng Nội vụ"),
                                   TableCell(text: "Chuyên viên"), TableCell(text: "Lao động tiên tiến"), TableCell(text: "\(i)/QĐ-UBND")]))
        }
        try w.endTable()
        try w.close()
    }
}

extension RomanNumeral {
    static func roman(_ n: Int) -> String { (try? RomanNumeral.format(n)) ?? String(n) }
}
