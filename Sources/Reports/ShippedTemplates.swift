import Document
import OfficePackage
import Vietnamese

/// The templates tdkt ships in templates/ (DOCX and ODT): the official-format blocks of
/// Nghị định 30/2020 with tags where the data goes, so an office can open one in Word or
/// LibreOffice, change its wording or fonts, save it, and tdkt still fills it.
/// `tdkt mau` regenerates them; a test checks the committed files are current.
///
/// The values they read are made by ``DocumentValues`` (the names are documented in
/// docs/templates.md).
public enum ShippedTemplate: String, CaseIterable, Sendable {
    /// Kế hoạch (generic): sections I./1./a)/-, assignments, recipients, signature.
    case plan = "ke-hoach"
    /// Kế hoạch phát động phong trào thi đua: the same, with the theme under the title.
    case campaignPlan = "ke-hoach-phat-dong"
    /// Chương trình phối hợp: one header line per party, a joint number, signatures two by two,
    /// and the tracking annex.
    case programme = "chuong-trinh-phoi-hop"
    /// Giấy khen: one certificate on an A4 landscape page (filled per person by
    /// ``Certificates``).
    case certificate = "giay-khen"

    /// The file name in templates/ for `format` ("ke-hoach.docx").
    public func fileName(_ format: DocumentFormat) -> String { rawValue + "." + format.rawValue }

    /// The template as a document.
    public func document() -> Document {
        if self == .certificate { return Certificates.templateDocument() }
        let layout = OfficialLayout.standard
        var d = Document(section: Official.section(), properties: DocumentProperties(title: title, creator: "tdkt"))
        switch self {
        case .plan, .campaignPlan:
            d.append(Official.header(OfficialHeaderText(
                parentAgency: Self.optionalLines("co_quan_chu_quan"), issuer: ["{co_quan_ban_hanh}"],
                numberLine: "Số: {so}", dateLine: "{dia_danh}, {ngay_thang}",
                issuerRuleLength: layout.columns[0] * 0.33), layout: layout))
            d.append(Self.title("KẾ HOẠCH", layout: layout))
            if self == .campaignPlan {
                d.append(Self.conditional("chu_de", [
                    Official.centred("Chủ đề: “{chu_de}”", RunFormat(halfPoints: layout.bodyHalfPoints, bold: true, italic: true),
                                     spaceBefore: .pt(6), normalize: false),
                ]))
            }
            d.append(Self.body(layout))
            d.append(Official.closing(left: Self.recipients(layout), right: Self.signature("nguoi_ky", layout), layout: layout))
        case .programme:
            var issuer: [Block] = [.paragraph(Self.paragraph("{#cac_ben}"))]
            issuer.append(.paragraph(Official.centred("{ten_in_hoa}", RunFormat(halfPoints: layout.agencyHalfPoints, bold: true),
                                                      normalize: false)))
            issuer.append(.paragraph(Self.paragraph("{/cac_ben}")))
            d.append(Self.programmeHeader(issuer, layout: layout))
            d.append(Self.title("CHƯƠNG TRÌNH PHỐI HỢP", layout: layout))
            d.append(Self.body(layout))
            d.append(Self.signatureGrid(layout))
            d.append(.paragraph(Official.recipientsTitle(layout)))
            d.append(Self.recipients(layout).dropFirst().map { $0 })
            d.append(Self.trackingAnnex(layout))
        case .certificate:
            break
        }
        return d
    }

    var title: String {
        switch self {
        case .plan: "Mẫu kế hoạch"
        case .campaignPlan: "Mẫu kế hoạch phát động phong trào thi đua"
        case .programme: "Mẫu chương trình phối hợp"
        case .certificate: "Mẫu giấy khen"
        }
    }

    // MARK: Pieces

    /// A paragraph holding only tags (removed when filled: paragraph loops).
    static func paragraph(_ tag: String) -> Paragraph {
        Paragraph(tag, RunFormat(), style: .normal, paragraph: ParagraphFormat(alignment: .center))
    }

    /// Lines shown only when `key` has a value: `{#key}` / line / `{/key}` paragraphs.
    static func optionalLines(_ key: String) -> [String] { ["{#\(key)}", "{\(key)}", "{/\(key)}"] }

    /// `blocks` shown only when `key` is truthy.
    static func conditional(_ key: String, _ paragraphs: [Paragraph]) -> [Block] {
        [.paragraph(paragraph("{#\(key)}"))] + paragraphs.map { .paragraph($0) } + [.paragraph(paragraph("{/\(key)}"))]
    }

    /// Tên loại and trích yếu (bold, centred) with the short rule under them.
    static func title(_ type: String, layout: OfficialLayout) -> [Block] {
        let bold = RunFormat(halfPoints: layout.titleHalfPoints, bold: true)
        return [
            .paragraph(Paragraph(type, bold, style: .title, paragraph: ParagraphFormat(spaceBefore: .pt(18)))),
            .paragraph(Paragraph("{trich_yeu}", bold, style: .title)),
            // NĐ 30/2020: 1/3–1/2 of the trích yếu line; 45 mm is both for lines of 90–135 mm.
            .rule(HorizontalRule(length: .mm(45), spaceBefore: .pt(3), spaceAfter: .pt(12))),
        ]
    }

    /// Căn cứ, opening paragraphs, then sections I. → 1. → a) → -, each with its paragraphs.
    static func body(_ layout: OfficialLayout) -> [Block] {
        func text(_ s: String) -> Block { Official.paragraph(s, layout: layout) }
        func loop(_ key: String, _ inner: [Block]) -> [Block] { [text("{#\(key)}")] + inner + [text("{/\(key)}")] }
        let contents = loop("noi_dung", [text("{.}")])
        let dash = loop("y", [text("- {tieu_de}")] + contents)
        let letter = loop("tiet", [Official.heading("{so}) {tieu_de}", level: 3, layout: layout)] + contents + dash)
        let number = loop("muc", [Official.heading("{so}. {tieu_de}", level: 2, layout: layout)] + contents + letter + dash)
        // Level 1 keeps the data's case: the values are upper case already.
        var roman = Official.heading("{so}. {tieu_de}", level: 2, layout: layout)
        if case .paragraph(var p) = roman {
            p.style = .heading1
            roman = .paragraph(p)
        }
        let sections = loop("phan", [roman] + contents + number + letter + dash)
        return loop("can_cu", [text("{.}")]) + loop("mo_dau", [text("{.}")]) + sections + loop("ket_thuc", [text("{.}")])
    }

    /// "Nơi nhận:" and its lines (`- {.}`), the first block being the title.
    static func recipients(_ layout: OfficialLayout) -> [Block] {
        let item = RunFormat(halfPoints: layout.recipientsHalfPoints)
        let left = ParagraphFormat(alignment: .left)
        return [
            .paragraph(Official.recipientsTitle(layout)),
            .paragraph(Paragraph("{#noi_nhan}", item, paragraph: left)),
            .paragraph(Paragraph("- {.}", item, paragraph: left)),
            .paragraph(Paragraph("{/noi_nhan}", item, paragraph: left)),
        ]
    }

    /// A signature block reading `key.quyen_han` (lines), `key.chuc_vu`, `key.ho_ten`.
    static func signature(_ key: String, _ layout: OfficialLayout) -> [Block] {
        let bold = RunFormat(halfPoints: layout.signatureHalfPoints, bold: true)
        var blocks: [Block] = [.paragraph(Official.centred("{#\(key)}", bold, normalize: false))]
        blocks.append(.paragraph(Official.centred("{#quyen_han}", bold, normalize: false)))
        blocks.append(.paragraph(Official.centred("{.}", bold, normalize: false)))
        blocks.append(.paragraph(Official.centred("{/quyen_han}", bold, normalize: false)))
        blocks += Official.signatureBlocks(["{chuc_vu}"], name: "{ho_ten}", layout: layout)
        blocks.append(.paragraph(Official.centred("{/\(key)}", bold, normalize: false)))
        return blocks
    }

    /// The programme's header: the parties (one line each, bold) over the joint number; quốc
    /// hiệu and date on the right.
    static func programmeHeader(_ parties: [Block], layout: OfficialLayout) -> [Block] {
        var blocks = Official.header(OfficialHeaderText(parentAgency: [], issuer: [], numberLine: "Số: {so}",
                                                        dateLine: "{dia_danh}, {ngay_thang}", issuerRuleLength: nil), layout: layout)
        guard case .table(var t) = blocks[0] else { return blocks }
        let rule: Block = .rule(HorizontalRule(length: layout.columns[0] * 0.33, spaceAfter: .zero))
        t.rows[0].cells[0] = TableCell(parties + [rule])
        blocks[0] = .table(t)
        return blocks
    }

    /// Signatures two by two: a borderless table whose row repeats per pair of parties.
    static func signatureGrid(_ layout: OfficialLayout) -> [Block] {
        let bold = RunFormat(halfPoints: layout.signatureHalfPoints, bold: true)
        func cell(_ side: String, first: String = "", last: String = "") -> TableCell {
            var blocks: [Block] = [
                .paragraph(Official.centred("\(first){\(side).co_quan}", bold, spaceBefore: .pt(12), normalize: false)),
                .paragraph(Official.centred("{\(side).chuc_vu}", bold, normalize: false)),
            ]
            for _ in 0..<max(0, layout.signatureBlankLines) {
                blocks.append(.paragraph(Paragraph(markFormat: bold)))
            }
            blocks.append(.paragraph(Official.centred("{\(side).ho_ten}\(last)", bold, normalize: false)))
            return TableCell(blocks)
        }
        let half = Section().textWidth * 0.5
        let table = Table(columns: [half, half], borders: .none, cellMargins: .zero, alignment: .left)
        return [
            .paragraph(Paragraph(markFormat: RunFormat(halfPoints: 12))),
            .table(TableBlock(table, rows: [TableRow([cell("trai", first: "{#cap_ky}"), cell("phai", last: "{/cap_ky}")], cantSplit: true)])),
        ]
    }

    /// "Phụ lục: THEO DÕI THỰC HIỆN" with a table row per deliverable and quarter, shown when
    /// the programme has tracking rows.
    static func trackingAnnex(_ layout: OfficialLayout) -> [Block] {
        let bold = RunFormat(halfPoints: 26, bold: true)
        let cellText = RunFormat(halfPoints: 24)
        var heading = Official.annexHeading(number: nil, title: "Theo dõi thực hiện sản phẩm phối hợp",
                                            attachedTo: "Kèm theo Chương trình phối hợp số {so}", layout: layout)
        if case .paragraph(var p) = heading[0] {
            p.format.pageBreakBefore = true
            heading[0] = .paragraph(p)
        }
        let widths = Table.proportionalColumns([34, 12, 14, 14, 12], width: Section().textWidth)
        let headers = ["Sản phẩm", "Quý", "Kế hoạch (kỳ)", "Đã thực hiện (kỳ)", "Tỷ lệ"]
        let header = TableRow(headers.map { TableCell(text: $0, bold, alignment: .center) }, isHeader: true, cantSplit: true)
        let fields = ["{#theo_doi}{san_pham}", "{quy}", "{ke_hoach}", "{thuc_hien}", "{ty_le}{/theo_doi}"]
        let row = TableRow(fields.enumerated().map { i, f in TableCell(text: f, cellText, alignment: i == 0 ? .left : .center) },
                           cantSplit: true)
        let table = Table(columns: widths)
        var blocks: [Block] = [.paragraph(Official.centred("{#co_theo_doi}", RunFormat(), normalize: false))]
        blocks += heading
        blocks.append(.table(TableBlock(table, rows: [header, row])))
        blocks.append(.paragraph(Official.centred("{/co_theo_doi}", RunFormat(), normalize: false)))
        return blocks
    }
}
