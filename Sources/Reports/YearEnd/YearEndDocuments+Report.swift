import Document
import OfficePackage
import Domain
import Vietnamese

extension YearEndDocuments {
    /// The Báo cáo tổng kết công tác thi đua, khen thưởng năm `year` và phương hướng, nhiệm
    /// vụ năm `year + 1` of the UBND tỉnh, structure (d) of the domain reference: Phần thứ
    /// nhất (I. đặc điểm tình hình; II. kết quả: lãnh đạo, chỉ đạo; tuyên truyền; phong trào
    /// thi đua and cụm, khối; điển hình tiên tiến; khen thưởng; kiểm tra; III. đánh giá
    /// chung: ưu điểm, tồn tại, hạn chế, nguyên nhân, bài học), Phần thứ hai (phương hướng,
    /// nhiệm vụ năm Y+1), Phần thứ ba (đề xuất, kiến nghị), the closing, then the annex
    /// tables T1–T5, each on landscape pages numbered from 1 with its header repeated.
    public static func report(_ data: ProvinceData, year: Int) throws -> Document {
        let f = ReportFigures(data, year: year)
        let parties = f.parties
        let layout = OfficialLayout.standard
        let meta = info(.report, data, year: year)
        var doc = Document(section: Official.section(), properties: DocumentProperties(title: meta.title, creator: "tdkt"))
        let header = parties.provinceHeader(meta.number, draftYear: year)
        doc.append(Official.header(header, layout: layout))
        doc.append(Official.title("Báo cáo", summary: "Tổng kết công tác thi đua, khen thưởng năm \(year) và phương hướng, nhiệm vụ năm \(year + 1)",
                                  layout: layout))
        var w = ReportWriter(layout: layout)
        w.text("Thực hiện Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 và các văn bản hướng dẫn thi hành, \(parties.provinceBody) báo cáo tổng kết công tác thi đua, khen thưởng năm \(year) và phương hướng, nhiệm vụ năm \(year + 1) như sau:")

        w.part("Phần thứ nhất", "Kết quả công tác thi đua, khen thưởng năm \(year)")
        w.heading1("I. Đặc điểm tình hình")
        w.text(f.situation)
        w.text("Năm \(year), các cấp, các ngành trong tỉnh tiếp tục quán triệt tư tưởng thi đua ái quốc của Chủ tịch Hồ Chí Minh, Chỉ thị số 34-CT/TW ngày 07 tháng 4 năm 2014 của Bộ Chính trị về tiếp tục đổi mới công tác thi đua, khen thưởng; công tác thi đua, khen thưởng gắn với thực hiện nhiệm vụ chính trị của từng cơ quan, đơn vị, địa phương.")

        w.heading1("II. Kết quả thực hiện")
        w.heading2("1. Công tác lãnh đạo, chỉ đạo, ban hành văn bản")
        for s in f.guidance { w.text(s) }
        w.heading2("2. Công tác thông tin, tuyên truyền")
        for s in f.propaganda { w.text(s) }
        w.heading2("3. Tổ chức các phong trào thi đua")
        w.heading3("a) Phong trào thi đua thường xuyên")
        for s in f.regularMovements { w.text(s) }
        w.heading3("b) Phong trào thi đua theo chuyên đề, theo đợt")
        for s in f.thematicMovements { w.text(s) }
        w.heading3("c) Hoạt động của các cụm, khối thi đua")
        for s in f.clusters { w.text(s) }
        w.heading2("4. Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến")
        for s in f.exemplars { w.text(s) }
        w.heading2("5. Công tác khen thưởng")
        w.heading3("a) Danh hiệu thi đua")
        for s in f.titles { w.text(s) }
        w.heading3("b) Hình thức khen thưởng theo cấp")
        for s in f.levels { w.text(s) }
        w.heading3("c) Khen thưởng theo loại hình")
        for s in f.methods { w.text(s) }
        w.heading2("6. Công tác thẩm định, kiểm tra")
        for s in f.checks { w.text(s) }

        w.heading1("III. Đánh giá chung")
        w.heading2("1. Ưu điểm")
        for s in f.strengths { w.text(s) }
        w.heading2("2. Tồn tại, hạn chế")
        for s in f.weaknesses { w.text(s) }
        w.heading2("3. Nguyên nhân")
        w.text("Một số cơ quan, đơn vị chưa quan tâm đúng mức đến công tác thi đua, khen thưởng; việc theo dõi, tổng hợp số liệu, hồ sơ đề nghị khen thưởng có nơi còn chậm, chưa đầy đủ; công tác phát hiện, bồi dưỡng điển hình tiên tiến ở cơ sở chưa thường xuyên.")
        w.heading2("4. Bài học kinh nghiệm")
        w.text("Phong trào thi đua phải có nội dung, chỉ tiêu cụ thể, gắn với nhiệm vụ chính trị; người đứng đầu cơ quan, đơn vị trực tiếp chỉ đạo; khen thưởng kịp thời, chính xác, công khai, đúng người, đúng thành tích; coi trọng khen thưởng người trực tiếp lao động, sản xuất.")

        w.part("Phần thứ hai", "Phương hướng, nhiệm vụ năm \(year + 1)")
        w.heading1("I. Phương hướng")
        w.text("Tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua yêu nước, gắn với thực hiện các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm \(year + 1) của tỉnh; nâng cao chất lượng công tác khen thưởng, bảo đảm chính xác, kịp thời, công khai, minh bạch.")
        w.heading1("II. Nhiệm vụ, giải pháp")
        for s in f.tasks { w.text(s) }

        w.part("Phần thứ ba", "Đề xuất, kiến nghị")
        for s in f.proposals { w.text(s) }
        w.text("Trên đây là báo cáo tổng kết công tác thi đua, khen thưởng năm \(year) và phương hướng, nhiệm vụ năm \(year + 1) của \(parties.provinceBody)" + Official.endMark)
        doc.append(w.blocks)
        doc.append(closing(["Ban Thi đua - Khen thưởng Trung ương", "Bộ Nội vụ", "TT. Tỉnh ủy, TT. HĐND tỉnh",
                            "CT, các PCT UBND tỉnh", "Các thành viên Hội đồng TĐKT tỉnh",
                            "Các sở, ban, ngành, đoàn thể tỉnh", "UBND các huyện, thị xã, thành phố"],
                           archive: "VT, \(parties.departmentSymbol)", signer: parties.provinceSigner.lines(),
                           name: parties.provinceSigner.name, layout: layout))

        // Annexes: one landscape section per table, numbered from 1.
        let attached = "Kèm theo Báo cáo số \(meta.number.formatted) " + CivilDate.blankOfficialLine(year: year)
            + " của \(parties.provinceBody)"
        for (k, table) in f.annexTables.enumerated() {
            let section = Official.section(orientation: .landscape, pageNumberStart: 1, layout: layout)
            doc.newSection(section)
            doc.append(Official.annexHeading(number: RomanNumeral.text(k + 1), title: table.title, attachedTo: attached,
                                             textWidth: section.textWidth, layout: layout))
            doc.append(ResultTablePrinter.blocks(table, width: section.textWidth, percentDecimals: data.settings.percentDecimals))
        }
        return doc
    }
}

/// Body paragraphs and headings of a report, in order.
struct ReportWriter {
    let layout: OfficialLayout
    var blocks: [Block] = []

    mutating func text(_ s: String) { blocks.append(Official.paragraph(s, layout: layout)) }

    /// "Phần thứ nhất" (bold, centred) and its title (upper case, bold, centred).
    mutating func part(_ label: String, _ title: String) {
        let bold = RunFormat(halfPoints: layout.bodyHalfPoints, bold: true)
        blocks.append(.paragraph(Paragraph(label, bold, style: .title, paragraph: ParagraphFormat(spaceBefore: .pt(12)))))
        blocks.append(.paragraph(Paragraph(Vietnamese.nfc(title).uppercased(), bold, style: .title,
                                           paragraph: ParagraphFormat(spaceAfter: .pt(6)))))
    }

    mutating func heading1(_ s: String) { blocks.append(Official.heading(s, level: 1, layout: layout)) }
    mutating func heading2(_ s: String) { blocks.append(Official.heading(s, level: 2, layout: layout)) }
    mutating func heading3(_ s: String) { blocks.append(Official.heading(s, level: 3, layout: layout)) }
}

extension RomanNumeral {
    /// "I", "II", … (the number itself when out of range).
    static func text(_ n: Int) -> String { (try? RomanNumeral.format(n)) ?? String(n) }
}

extension YearEndDocuments {
    /// Nơi nhận ("- …;" lines, the last "- Lưu: …") and the signature's printed lines.
    static func closing(_ recipients: [String], archive: String, signer: [String], name: String,
                        layout: OfficialLayout) -> [Block] {
        let lines = recipients.map { "- " + Vietnamese.nfc($0) + ";" } + ["- Lưu: " + archive + "."]
        return Official.closing(recipientLines: lines, signatureLines: signer, name: Vietnamese.nfc(name), layout: layout)
    }
}
