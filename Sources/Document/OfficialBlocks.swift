import Vietnamese

/// The header of an official document (ô số 1–4, 5b): who issues it, its number, where and
/// when.
public struct OfficialHeader: Sendable, Hashable {
    /// Cơ quan chủ quản, one entry per line, upper case, not bold ("UBND TỈNH KIÊN GIANG");
    /// empty when there is none.
    public var parentAgency: [String]
    /// Cơ quan ban hành, one entry per line, upper case, bold ("SỞ NỘI VỤ").
    public var issuer: [String]
    public var number: DocumentNumber
    /// Địa danh ("Kiên Giang", "Hà Nội").
    public var place: String
    /// The signing date; nil for an unsigned draft ("ngày      tháng    năm 2024").
    public var date: CivilDate?
    /// The year printed on a draft.
    public var draftYear: Int
    /// Trích yếu of a công văn, under the number: "V/v nâng bậc lương năm 2019".
    public var subject: String?

    public init(parentAgency: [String] = [], issuer: [String], number: DocumentNumber, place: String,
                date: CivilDate?, draftYear: Int? = nil, subject: String? = nil) {
        self.parentAgency = parentAgency.map { Vietnamese.nfc($0).uppercased() }
        self.issuer = issuer.map { Vietnamese.nfc($0).uppercased() }
        self.number = number
        self.place = Vietnamese.nfc(place)
        self.date = date
        self.draftYear = draftYear ?? date?.year ?? 2025
        self.subject = subject.map(Vietnamese.nfc)
    }

    /// "Kiên Giang, ngày 11 tháng 4 năm 2019", or the draft line.
    public var placeAndDate: String {
        if let date { return date.placeLine(place) }
        return CivilDate.blankOfficialLine(year: draftYear, place: place)
    }
}

/// The header's printed lines, as they are (for templates): see `Official.header(_:layout:)`.
public struct OfficialHeaderText: Sendable, Hashable {
    public var parentAgency: [String]
    public var issuer: [String]
    /// "Số: 57/KH-UBND" (or "Số: {so}").
    public var numberLine: String
    public var subject: String?
    /// "Kiên Giang, ngày 11 tháng 4 năm 2019" (or "{dia_danh}, {ngay_dai}").
    public var dateLine: String
    /// The rule under the issuer (nil: none).
    public var issuerRuleLength: Length?

    public init(parentAgency: [String], issuer: [String], numberLine: String, subject: String? = nil, dateLine: String,
                issuerRuleLength: Length?) {
        self.parentAgency = parentAgency
        self.issuer = issuer
        self.numberLine = numberLine
        self.subject = subject
        self.dateLine = dateLine
        self.issuerRuleLength = issuerRuleLength
    }
}

/// Quyền hạn ký (ô 7a): the prefix and the collective or title it applies to.
public enum SigningAuthority: Sendable, Hashable {
    /// "TM. ỦY BAN NHÂN DÂN" — thay mặt a collective body.
    case onBehalfOf(String)
    /// "KT. CHỦ TỊCH" — ký thay: a deputy signs for the head.
    case signedFor(String)
    /// "TL. GIÁM ĐỐC" — thừa lệnh.
    case byOrder(String)
    /// "TUQ. GIÁM ĐỐC" — thừa ủy quyền.
    case byDelegation(String)
    /// "Q. GIÁM ĐỐC" — quyền (acting head).
    case acting(String)

    public var line: String {
        switch self {
        case .onBehalfOf(let s): return "TM. " + Vietnamese.nfc(s).uppercased()
        case .signedFor(let s): return "KT. " + Vietnamese.nfc(s).uppercased()
        case .byOrder(let s): return "TL. " + Vietnamese.nfc(s).uppercased()
        case .byDelegation(let s): return "TUQ. " + Vietnamese.nfc(s).uppercased()
        case .acting(let s): return "Q. " + Vietnamese.nfc(s).uppercased()
        }
    }
}

/// The signature block (ô 7a, 7b, 7c).
public struct OfficialSignature: Sendable, Hashable {
    /// Quyền hạn lines, outermost first: [.onBehalfOf("ỦY BAN NHÂN DÂN"), .signedFor("CHỦ TỊCH")].
    public var authority: [SigningAuthority]
    /// Chức vụ of the signer ("PHÓ CHỦ TỊCH"); nil when the last authority line says it all.
    public var position: String?
    /// Họ tên ("Nguyễn Văn A").
    public var name: String
    /// Lines shown where the signature goes, e.g. the decree's model placeholder
    /// "(Chữ ký của người có thẩm quyền, dấu/chữ ký số của cơ quan, tổ chức)"; empty lines when nil.
    public var placeholder: String?

    public init(authority: [SigningAuthority] = [], position: String?, name: String, placeholder: String? = nil) {
        self.authority = authority
        self.position = position.map { Vietnamese.nfc($0).uppercased() }
        self.name = Vietnamese.nfc(name)
        self.placeholder = placeholder.map(Vietnamese.nfc)
    }
}

/// The official-format building blocks of Nghị định 30/2020/NĐ-CP, Phụ lục I. Each function
/// returns model blocks, so the same document is written as DOCX or ODT.
public enum Official {
    public static let nationalName = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    public static let motto = "Độc lập - Tự do - Hạnh phúc"
    /// The mark after the last sentence of the text.
    public static let endMark = "./."

    // MARK: Page

    /// A4 with the decree's margins (top 25, bottom 20, left 35, right 20 mm) and page numbers
    /// centred at the top from page 2 (13–14 pt, Arabic digits). `pageNumberStart` restarts the
    /// count (annexes are numbered separately from 1).
    public static func section(orientation: PageOrientation = .portrait, pageNumberStart: Int? = nil,
                               layout: OfficialLayout = .standard, margins: PageMargins = .decree) -> Section {
        Section(pageSize: .a4, orientation: orientation, margins: margins,
                header: .pageNumber(format: RunFormat(halfPoints: layout.pageNumberHalfPoints)),
                firstPageHeader: .empty,
                pageNumbering: PageNumbering(start: pageNumberStart, format: .decimal))
    }

    // MARK: Header block (ô 1–4, 5b)

    /// The header: a borderless two-column table. Left: cơ quan chủ quản (upper case), cơ quan
    /// ban hành (upper case, bold) and a rule under it of 1/3–1/2 of its width; then "Số: …"
    /// (and a công văn's "V/v …"). Right: quốc hiệu (bold), tiêu ngữ (bold) with a rule as long
    /// as it; then địa danh and date in italics.
    public static func header(_ h: OfficialHeader, layout: OfficialLayout = .standard) -> [Block] {
        let issuerWidth = h.issuer.map { TimesWidth.of($0, halfPoints: layout.agencyHalfPoints, bold: true) }.max() ?? .zero
        return header(OfficialHeaderText(parentAgency: h.parentAgency, issuer: h.issuer, numberLine: h.number.withPrefix,
                                         subject: h.subject, dateLine: h.placeAndDate,
                                         issuerRuleLength: issuerWidth.emu > 0 ? min(issuerWidth, layout.columns[0]) * layout.issuerRuleShare : nil),
                      layout: layout)
    }

    /// The header from its lines as they are to be printed (no case change): for templates whose
    /// lines hold tags (`{co_quan_ban_hanh}`, `Số: {so}`).
    public static func header(_ h: OfficialHeaderText, layout: OfficialLayout = .standard) -> [Block] {
        let right = layout.columns[1]
        var agency: [Block] = []
        for line in h.parentAgency {
            agency.append(.paragraph(centred(line, RunFormat(halfPoints: layout.agencyHalfPoints, bold: false), normalize: false)))
        }
        for line in h.issuer {
            agency.append(.paragraph(centred(line, RunFormat(halfPoints: layout.agencyHalfPoints, bold: true), normalize: false)))
        }
        if let length = h.issuerRuleLength, length.emu > 0 {
            agency.append(.rule(HorizontalRule(length: length, spaceAfter: .zero)))
        }
        var nation: [Block] = [
            .paragraph(centred(layout.nationalName, RunFormat(halfPoints: layout.nationalNameHalfPoints, bold: true))),
            .paragraph(centred(layout.motto, RunFormat(halfPoints: layout.mottoHalfPoints, bold: true))),
        ]
        let mottoWidth = TimesWidth.of(layout.motto, halfPoints: layout.mottoHalfPoints, bold: true)
        nation.append(.rule(HorizontalRule(length: min(mottoWidth, right), spaceAfter: .zero)))

        var numberCell: [Block] = [
            .paragraph(centred(h.numberLine, RunFormat(halfPoints: layout.numberHalfPoints), spaceBefore: .pt(6), normalize: false)),
        ]
        if let subject = h.subject {
            numberCell.append(.paragraph(centred(subject, RunFormat(halfPoints: layout.subjectHalfPoints), spaceBefore: .pt(6), normalize: false)))
        }
        let dateCell: [Block] = [
            .paragraph(centred(h.dateLine, RunFormat(halfPoints: layout.dateHalfPoints, italic: true),
                               spaceBefore: .pt(6), normalize: false)),
        ]
        let table = Table(columns: layout.columns, borders: .none, cellMargins: .zero, alignment: .left,
                          indent: layout.tableIndent)
        return [.table(TableBlock(table, rows: [
            TableRow([TableCell(agency), TableCell(nation)], cantSplit: true),
            TableRow([TableCell(numberCell), TableCell(dateCell)], cantSplit: true),
        ]))]
    }

    // MARK: Title (ô 5a)

    /// Tên loại (upper case, bold, centred) and trích yếu (bold, centred) with a short rule
    /// under it. `textWidth` is the width of the section's text (for the rule when the trích
    /// yếu wraps).
    public static func title(_ type: String, summary: String?, textWidth: Length = Section().textWidth,
                             layout: OfficialLayout = .standard) -> [Block] {
        let format = RunFormat(halfPoints: layout.titleHalfPoints, bold: true)
        var blocks: [Block] = [
            .paragraph(Paragraph(Vietnamese.nfc(type).uppercased(), format, style: .title,
                                 paragraph: ParagraphFormat(spaceBefore: .pt(18)))),
        ]
        guard let summary, !summary.isEmpty else {
            blocks.append(.rule(HorizontalRule(length: TimesWidth.of(type.uppercased(), halfPoints: layout.titleHalfPoints, bold: true),
                                               spaceAfter: .pt(12))))
            return blocks
        }
        blocks.append(.paragraph(Paragraph(Vietnamese.nfc(summary), format, style: .title)))
        let width = min(TimesWidth.of(summary, halfPoints: layout.titleHalfPoints, bold: true), textWidth)
        blocks.append(.rule(HorizontalRule(length: width * layout.summaryRuleShare, spaceAfter: .pt(12))))
        return blocks
    }

    // MARK: Body (ô 6)

    /// A paragraph of body text: 14 pt, justified, first line indented 1.27 cm, 6 pt before.
    public static func paragraph(_ text: String, layout: OfficialLayout = .standard) -> Block {
        .paragraph(Paragraph(Vietnamese.nfc(text), RunFormat(halfPoints: layout.bodyHalfPoints), style: .bodyText))
    }

    /// A paragraph of body text made of runs (bold words inside a sentence).
    public static func paragraph(_ runs: [Run]) -> Block {
        .paragraph(Paragraph(style: .bodyText, runs.map { .run($0) }))
    }

    /// Căn cứ lines: italic, one per line; the caller ends each with ";" and the last with ".".
    public static func legalBases(_ lines: [String], layout: OfficialLayout = .standard) -> [Block] {
        lines.map { .paragraph(Paragraph(Vietnamese.nfc($0), RunFormat(halfPoints: layout.bodyHalfPoints, italic: true),
                                         style: .bodyText)) }
    }

    /// A heading of a plan or report: level 1 "I. MỤC ĐÍCH, YÊU CẦU" (upper case, bold),
    /// level 2 "1. Mục đích" (bold), level 3 "a) …" (regular). With `list` the number comes
    /// from the list's numbering (`ListDefinition.plan`, level = `level` − 1); without it the
    /// caller writes the number in `text`.
    public static func heading(_ text: String, level: Int, list: ListID? = nil, layout: OfficialLayout = .standard) -> Block {
        let style: StyleID = level <= 1 ? .heading1 : (level == 2 ? .heading2 : .heading3)
        let t = level <= 1 ? Vietnamese.nfc(text).uppercased() : Vietnamese.nfc(text)
        var p = Paragraph(t, RunFormat(halfPoints: layout.bodyHalfPoints), style: style)
        if let list { p.list = ListItem(list, level: max(0, min(level - 1, 4))) }
        return .paragraph(p)
    }

    /// "Kính gửi: …" (ô 9a): one recipient on the line, several as "- …;" lines under it, the
    /// last ending ".".
    public static func recipientsAddressed(_ recipients: [String], layout: OfficialLayout = .standard) -> [Block] {
        let f = RunFormat(halfPoints: layout.bodyHalfPoints)
        let label = "Kính gửi:"
        let base = ParagraphFormat(alignment: .center, spaceBefore: .pt(6))
        if recipients.count == 1 {
            return [.paragraph(Paragraph("\(label) \(Vietnamese.nfc(recipients[0])).", f, paragraph: base))]
        }
        // The dashes align under the text after the colon: a left indent at the label's width.
        let indent = Length.mm(45) + TimesWidth.of(label + " ", halfPoints: layout.bodyHalfPoints, bold: false)
        var blocks: [Block] = [.paragraph(Paragraph(label, f, paragraph: ParagraphFormat(alignment: .left, leftIndent: .mm(45),
                                                                                         spaceBefore: .pt(6))))]
        for (i, r) in recipients.enumerated() {
            let end = i == recipients.count - 1 ? "." : ";"
            blocks.append(.paragraph(Paragraph("- " + Vietnamese.nfc(r) + end, f,
                                               paragraph: ParagraphFormat(alignment: .left, leftIndent: indent))))
        }
        return blocks
    }

    // MARK: Nơi nhận + signature (ô 9b, 7a–7c)

    /// The closing of the document: a borderless two-column table with "Nơi nhận:" (12 pt bold
    /// italic) and its items (11 pt, "- …;", the last "- Lưu: VT, …") on the left, and the
    /// signature block (bold, upper case lines, blank space, bold name) on the right.
    /// `recipients` are the items without dash and ending; `archive` is what follows "Lưu: "
    /// ("VT, TĐKT").
    public static func closing(recipients: [String], archive: String, signature: OfficialSignature,
                               layout: OfficialLayout = .standard) -> [Block] {
        var items = recipients.map { "- " + Vietnamese.nfc($0) + ";" }
        items.append("- Lưu: " + Vietnamese.nfc(archive) + ".")
        var lines = signature.authority.map(\.line)
        if let p = signature.position { lines.append(p) }
        return closing(recipientLines: items, signatureLines: lines, placeholder: signature.placeholder,
                       name: signature.name, layout: layout)
    }

    /// The closing from its printed lines (no case change, no punctuation added): for templates
    /// whose lines hold tags. `recipientLines` are whole lines ("- Như trên;").
    public static func closing(recipientLines: [String], signatureLines: [String], placeholder: String? = nil,
                               name: String, layout: OfficialLayout = .standard) -> [Block] {
        var left: [Block] = [.paragraph(recipientsTitle(layout))]
        let item = RunFormat(halfPoints: layout.recipientsHalfPoints)
        for r in recipientLines {
            left.append(.paragraph(Paragraph(r, item, paragraph: ParagraphFormat(alignment: .left))))
        }
        return closing(left: left, right: signatureBlocks(signatureLines, placeholder: placeholder, name: name, layout: layout),
                       layout: layout)
    }

    /// "Nơi nhận:" (12 pt bold italic, left).
    public static func recipientsTitle(_ layout: OfficialLayout = .standard) -> Paragraph {
        Paragraph("Nơi nhận:", RunFormat(halfPoints: layout.recipientsTitleHalfPoints, bold: true, italic: true),
                  paragraph: ParagraphFormat(alignment: .left))
    }

    /// A signature block: quyền hạn and chức vụ lines (bold), the placeholder or blank lines,
    /// the name (bold), centred.
    public static func signatureBlocks(_ lines: [String], placeholder: String? = nil, name: String,
                                       layout: OfficialLayout = .standard) -> [Block] {
        let bold = RunFormat(halfPoints: layout.signatureHalfPoints, bold: true)
        var right: [Block] = []
        for line in lines { right.append(.paragraph(centred(line, bold, normalize: false))) }
        if let placeholder {
            right.append(.paragraph(centred(placeholder, RunFormat(halfPoints: layout.signatureHalfPoints, italic: true))))
        }
        for _ in 0..<max(0, layout.signatureBlankLines) {
            right.append(.paragraph(Paragraph(markFormat: RunFormat(halfPoints: layout.signatureHalfPoints))))
        }
        right.append(.paragraph(centred(name, bold, normalize: false)))
        return right
    }

    /// The closing table: a borderless two-column table, recipients left, signature right.
    public static func closing(left: [Block], right: [Block], layout: OfficialLayout = .standard) -> [Block] {
        let table = Table(columns: layout.columns, borders: .none, cellMargins: .zero, alignment: .left,
                          indent: layout.tableIndent)
        return [
            .paragraph(Paragraph(markFormat: RunFormat(halfPoints: 12))),
            .table(TableBlock(table, rows: [TableRow([TableCell(left), TableCell(right)], cantSplit: true)])),
        ]
    }

    // MARK: Annex (Phụ lục)

    /// An annex heading: "Phụ lục I" (bold 14, centred), the title (upper case, bold), the
    /// "(Kèm theo …)" line in italics, a short rule. `number` is the Roman numeral when there
    /// are two or more annexes (nil for a single annex: "Phụ lục").
    public static func annexHeading(number: String?, title: String, attachedTo: String?,
                                    textWidth: Length = Section().textWidth, layout: OfficialLayout = .standard) -> [Block] {
        let bold = RunFormat(halfPoints: layout.titleHalfPoints, bold: true)
        var blocks: [Block] = [
            .paragraph(Paragraph(number.map { "Phụ lục \($0)" } ?? "Phụ lục", bold, style: .title)),
            .paragraph(Paragraph(Vietnamese.nfc(title).uppercased(), bold, style: .title)),
        ]
        if let attachedTo {
            blocks.append(.paragraph(Paragraph("(" + Vietnamese.nfc(attachedTo) + ")",
                                               RunFormat(halfPoints: layout.numberHalfPoints, bold: false, italic: true), style: .title)))
        }
        let width = min(TimesWidth.of(title.uppercased(), halfPoints: layout.titleHalfPoints, bold: true), textWidth)
        blocks.append(.rule(HorizontalRule(length: width * layout.summaryRuleShare, spaceAfter: .pt(12))))
        return blocks
    }

    /// "Kế hoạch số 57/KH-UBND ngày 11 tháng 4 năm 2019 của Ủy ban nhân dân tỉnh Kiên Giang"
    /// (for the annex's "kèm theo" line and for citations).
    public static func citation(type: String, number: DocumentNumber, date: CivilDate?, issuer: String) -> String {
        var s = "Kèm theo \(type) số \(number.formatted)"
        if let date { s += " \(date.formatted(.official))" }
        return s + " của \(issuer)"
    }

    // MARK: Helpers

    /// A centred paragraph in the Normal style (`normalize`: text to NFC first).
    public static func centred(_ text: String, _ format: RunFormat, spaceBefore: Length? = nil, normalize: Bool = true) -> Paragraph {
        Paragraph(normalize ? Vietnamese.nfc(text) : text, format, style: .normal,
                  paragraph: ParagraphFormat(alignment: .center, spaceBefore: spaceBefore))
    }
}
