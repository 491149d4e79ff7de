import Foundation
@testable import Document

/// A document that uses every part of the model, for the ODT tests (written in both formats
/// so the renderings can be compared).
enum ODTSamples {
    static let redPNG: [UInt8] = TinyPNG.make(width: 60, height: 30) { x, y in
        x < 30 ? (200, 30, 30) : (30, 60, 200)
    }

    /// Every feature: runs, paragraph formatting, lists, tables with spans, pictures, links,
    /// footnotes, rules, fields, three sections (portrait, landscape, portrait with roman
    /// page numbers).
    static func features() throws -> Document {
        let first = Section(margins: .decree, header: .pageNumber(format: RunFormat(halfPoints: 26)),
                            footer: HeaderFooter([.paragraph(Paragraph(style: .footer, format: ParagraphFormat(alignment: .right), [
                                .text("Trang "), .field(.page, RunFormat()), .text("/"), .field(.numberOfPages, RunFormat()),
                            ]))]),
                            firstPageHeader: .empty)
        var doc = Document(section: first)
        doc.properties.title = "Tài liệu kiểm tra ODT"
        doc.properties.creator = "tdkt"
        doc.append(Paragraph("KẾ HOẠCH KIỂM TRA ĐỊNH DẠNG", RunFormat(bold: true), style: .title))
        doc.append(.rule(HorizontalRule(length: .mm(40))))
        // Runs.
        doc.append(Paragraph(style: .bodyText, [
            .text("Đậm", .bold), .text(" và "), .text("nghiêng", .italic), .text(", "),
            .text("cỡ 13", RunFormat(halfPoints: 26)), .text(", "), .text("Arial", RunFormat(font: "Arial")), .text(", "),
            .text("gạch dưới", RunFormat(underline: .single)), .text(", "), .text("gạch đôi", RunFormat(underline: .double)), .text(", "),
            .text("gạch ngang", RunFormat(strike: true)), .text(", x"), .text("2", RunFormat(position: .superscript)),
            .text(", H"), .text("2", RunFormat(position: .subscript)), .text("O, "),
            .text("đỏ", RunFormat(color: Color(hex: "C00000"))), .text(", "), .text("tô vàng", RunFormat(highlight: .yellow)), .text(", "),
            .text("Chữ Hoa Nhỏ", RunFormat(smallCaps: true)), .text(", "), .text("chữ hoa", RunFormat(allCaps: true)), .text("."),
        ]))
        doc.append(Paragraph(style: .bodyText, [
            .text("  hai dấu cách đầu,   ba dấu cách giữa, tab:\tsau tab,\ndòng mới, ký tự lạ\u{1}bị bỏ, cuối có dấu cách  "),
        ]))
        // Paragraph formatting.
        doc.append(Paragraph("Căn giữa, cách trên 12 pt, dưới 6 pt, dòng 1,15.", paragraph: ParagraphFormat(
            alignment: .center, spaceBefore: .pt(12), spaceAfter: .pt(6), lineSpacing: .onePointFifteen)))
        doc.append(Paragraph("Căn phải, thụt phải 20 mm, dòng 1,5.", paragraph: ParagraphFormat(
            alignment: .right, rightIndent: .mm(20), lineSpacing: .onePointFive)))
        doc.append(Paragraph("Thụt treo: dòng đầu lùi ra 10 mm so với lề trái 20 mm; dòng tiếp theo bắt đầu ở 20 mm để thấy rõ thụt treo của đoạn văn này.",
                             paragraph: ParagraphFormat(alignment: .justify, leftIndent: .mm(20), firstLineIndent: .mm(-10),
                                                        lineSpacing: .exact(.pt(20)))))
        doc.append(Paragraph("Dòng tối thiểu 18 pt, giữ với đoạn sau, giữ các dòng cùng trang.",
                             paragraph: ParagraphFormat(lineSpacing: .atLeast(.pt(18)), keepWithNext: true, keepTogether: true)))
        doc.append(Paragraph(format: ParagraphFormat(tabStops: [TabStop(.mm(60), .left), TabStop(.mm(155), .right, leader: .dot)]), [
            .text("Họ và tên:"), .tab(RunFormat()), .text("Nguyễn Văn A"), .tab(RunFormat()), .text("Ký tên"),
        ]))
        // Lists: the plan's five levels, then a new dash list that restarts.
        let plan = doc.newList(.plan)
        doc.append(Official.heading("Mục đích, yêu cầu", level: 1, list: plan))
        doc.append(Official.heading("Mục đích", level: 2, list: plan))
        var a = Paragraph("Điểm a của khoản 1", style: .bodyText); a.list = ListItem(plan, level: 2); doc.append(a)
        var dash = Paragraph("Ý gạch đầu dòng", style: .bodyText); dash.list = ListItem(plan, level: 3); doc.append(dash)
        var plus = Paragraph("Ý cộng", style: .bodyText); plus.list = ListItem(plan, level: 4); doc.append(plus)
        doc.append(Official.paragraph("Đoạn văn xen giữa danh sách."))
        doc.append(Official.heading("Yêu cầu", level: 2, list: plan))
        doc.append(Official.heading("Nội dung", level: 1, list: plan))
        let again = doc.newList(.plan)
        doc.append(Official.heading("Danh sách mới bắt đầu lại", level: 1, list: again))
        // A table: header row, spans, borders, shading, alignment, a row that does not split.
        let table = Table(columns: [.mm(15), .mm(60), .mm(35), .mm(45)], borders: .all(.single),
                          cellMargins: CellMargins(top: .mm(0.5), bottom: .mm(0.5), left: .mm(1.5), right: .mm(1.5)))
        var headerCell = TableCell(text: "Họ và tên", RunFormat(bold: true), alignment: .center, rowSpan: 2, verticalAlignment: .center)
        headerCell.shading = .headerGrey
        var sttCell = TableCell(text: "STT", RunFormat(bold: true), alignment: .center, rowSpan: 2, verticalAlignment: .center)
        sttCell.shading = .headerGrey
        var result = TableCell(text: "Kết quả", RunFormat(bold: true), alignment: .center, columnSpan: 2)
        result.shading = .headerGrey
        doc.append(.table(TableBlock(table, rows: [
            TableRow([sttCell, headerCell, result], isHeader: true),
            TableRow([TableCell(text: "Điểm", RunFormat(bold: true), alignment: .center),
                      TableCell(text: "Xếp loại", RunFormat(bold: true), alignment: .center)], isHeader: true),
            TableRow([TableCell(text: "1", alignment: .center), TableCell(text: "Nguyễn Thị Hồng Nhung"),
                      TableCell(text: "95,5", alignment: .right), TableCell(text: "Xuất sắc", rowSpan: 2, verticalAlignment: .bottom)],
                     cantSplit: true, height: .atLeast(.mm(8))),
            TableRow([TableCell(text: "2", alignment: .center), TableCell(text: "Trần Văn Đức"),
                      TableCell(text: "90", alignment: .right)], cantSplit: true),
            TableRow([TableCell([.paragraph(Paragraph("Không kẻ", paragraph: ParagraphFormat(alignment: .center)))],
                                columnSpan: 4, borders: CellBorders(bottom: Border.none))], height: .exact(.mm(9))),
        ])))
        // Picture, link, footnote, inline page break.
        doc.append(Paragraph(style: .bodyText, [
            .text("Ảnh: "), .image(try InlineImage(data: redPNG, width: .mm(20), description: "Ô màu")),
            .text(" liên kết "), .hyperlink(Hyperlink(url: "https://thiduakhenthuong.gov.vn/?a=1&b=2", text: "Ban Thi đua")),
            .text(" và chú thích"), .footnote(Footnote(text: "Chú thích cuối trang thứ nhất.")), .text("."),
        ]))
        doc.append(Paragraph(style: .bodyText, [.text("Trước ngắt trang."), .pageBreak, .text("Sau ngắt trang.")]))
        doc.append(Paragraph("Ngắt trang trước đoạn này.", paragraph: ParagraphFormat(pageBreakBefore: true)))
        // Section 2: landscape, numbering restarts at 1.
        doc.newSection(Section(orientation: .landscape, margins: .decree, header: .pageNumber(), firstPageHeader: .empty,
                               pageNumbering: PageNumbering(start: 1)))
        doc.append(Paragraph("PHỤ LỤC NGANG", .bold, style: .title))
        let wide = Section(orientation: .landscape).textWidth
        var rows = [TableRow(["STT", "Đơn vị", "Danh hiệu", "Ghi chú"].map { TableCell(text: $0, .bold, alignment: .center) }, isHeader: true)]
        for i in 1...40 {
            rows.append(TableRow([TableCell(text: "\(i)", alignment: .center), TableCell(text: "Đơn vị số \(i)"),
                                  TableCell(text: "Tập thể lao động xuất sắc"), TableCell(text: "")], cantSplit: true))
        }
        doc.append(.table(TableBlock(Table(columns: Table.proportionalColumns([1, 4, 4, 3], width: wide)), rows: rows)))
        // Section 3: portrait, roman numbers, footer only.
        doc.newSection(Section(margins: .standard, footer: .pageNumber(), pageNumbering: PageNumbering(start: 3, format: .upperRoman)))
        doc.append(Paragraph("Phần ba, đánh số trang La Mã bắt đầu từ III."))
        let dashes = doc.newList(.dash)
        for t in ["một", "hai"] { var p = Paragraph(t, style: .bodyText); p.list = ListItem(dashes); doc.append(p) }
        return doc
    }
}

/// A PNG built in memory (stored deflate blocks), so the tests need no picture file.
enum TinyPNG {
    static func make(width: Int, height: Int, pixel: (Int, Int) -> (UInt8, UInt8, UInt8)) -> [UInt8] {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width { let p = pixel(x, y); raw += [p.0, p.1, p.2] }
        }
        var z: [UInt8] = [0x78, 0x01]
        var i = 0
        repeat {
            let n = min(65535, raw.count - i)
            let last: UInt8 = i + n >= raw.count ? 1 : 0
            z += [last, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            z += raw[i..<(i + n)]
            i += n
        } while i < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        z += be32(b << 16 | a)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", be32(UInt32(width)) + be32(UInt32(height)) + [8, 2, 0, 0, 0])
        png += chunk("IDAT", z)
        png += chunk("IEND", [])
        return png
    }

    private static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in body {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return be32(UInt32(data.count)) + body + be32(~crc)
    }
}
