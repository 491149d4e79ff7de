import Document
import Domain
import Foundation
import OfficePackage
import Templating
import Vietnamese

/// Giấy khen for every individual awarded one in a year, filled from the shipped certificate
/// template (`templates/giay-khen.docx|.odt`, ``ShippedTemplate/certificate``) by the template
/// engine: one combined document ready to print (each certificate its own page and section),
/// or one file per certificate.
///
/// The template reads: `co_quan_tang` (the awarding authority, upper case: "GIÁM ĐỐC SỞ NỘI
/// VỤ TỈNH BẮC NINH"), `danh_xung` (Ông/Bà), `ho_ten`, `chuc_vu` (may be empty), `don_vi`,
/// `thanh_tich` ("Đã có thành tích …"), `so_quyet_dinh`, `ngay_quyet_dinh`, `so_vao_so` (the
/// certificate's place in its decision), `dia_danh`, `ngay_thang` (the decision's date), and
/// `nguoi_ky` {`quyen_han` (lines), `chuc_vu`, `ho_ten`}.
public enum Certificates {
    /// The awards that get a Giấy khen: individuals' award rows of the Giấy khen family in
    /// `year`, units in hierarchy order, then names in Vietnamese order.
    static func awards(_ data: ProvinceData, year: Int) -> [Int32] {
        let ix = DomainIndex(data)
        let list = ix.awards(in: year).filter { a in
            let award = data.awards[Int(a)]
            return data.entry(award).family == .merit && data.subject(award).kind == .individual
        }
        let keyed = list.map { ($0, VietnameseCollation.sortKey(data.subject(data.awards[Int($0)]).name)) }
        return keyed.sorted { a, b in
            let ra = ix.unitRank[Int(data.awards[Int(a.0)].unit)], rb = ix.unitRank[Int(data.awards[Int(b.0)].unit)]
            if ra != rb { return ra < rb }
            if a.1 != b.1 { return a.1 < b.1 }
            return a.0 < b.0
        }.map(\.0)
    }

    /// The template values of each certificate, in print order.
    public static func values(_ data: ProvinceData, year: Int) -> [TemplateValue] {
        let parties = Parties(data)
        var personByCode: [String: Person] = [:]
        var personsByUnit: [Int32: [Person]] = [:]
        for p in data.persons {
            personByCode[p.code] = p
            personsByUnit[p.unit, default: []].append(p)
        }
        // Units by name, longest first (to find the unit an issuer text ends with).
        let unitsByName = data.units.indices.sorted { data.units[$0].name.count > data.units[$1].name.count }
        /// The authority line, quyền hạn, chức vụ and name of the signer of an issuer text.
        func signer(_ issuerText: String) -> (String, [TemplateValue], String, String) {
            // The signer: the issuer text is "<title> <unit name>"; the unit's head (a person
            // of that unit whose position begins with the title) signs.
            var title = issuerText, signerName = "", issuerUnit: Int32?
            for u in unitsByName {
                let name = data.units[u].name
                if issuerText.hasSuffix(" " + name) || issuerText.hasSuffix(" " + Self.expand(name)) {
                    title = String(issuerText.dropLast(issuerText.hasSuffix(" " + name) ? name.count : Self.expand(name).count))
                        .trimmingCharacters(in: .whitespaces)
                    issuerUnit = Int32(u)
                    break
                }
            }
            var position = title
            if let u = issuerUnit {
                let people = personsByUnit[u] ?? []
                let byTitle = people.first { p in
                    guard let pos = p.position else { return false }
                    return pos.lowercased().hasPrefix(title.lowercased()) && !pos.lowercased().hasPrefix("phó")
                }
                // Otherwise the unit's head: its first leader who is not a deputy.
                let head = byTitle ?? people.first { p in
                    guard let pos = p.position, let c = p.category else { return false }
                    return c.isLeader && c != .otherLeader && !pos.lowercased().hasPrefix("phó")
                }
                if let head {
                    signerName = head.name
                    if byTitle == nil, let pos = head.position { position = Self.headTitle(pos, unit: data.units[Int(u)].name) }
                }
            }
            var authority: [TemplateValue] = []
            if title.lowercased().hasPrefix("ban ") {
                authority = [.text("TM. " + title.uppercased())]
                position = "Chủ tịch"
            }
            var authorityText = Self.expand(issuerText)
            if authorityText.contains(" Sở "), !authorityText.contains(" tỉnh") {
                authorityText += " tỉnh \(parties.province)"
            } else if authorityText.hasSuffix(" tỉnh") {
                authorityText += " \(parties.province)"
            }
            return (authorityText, authority, position, signerName)
        }
        var signers: [String: (String, [TemplateValue], String, String)] = [:]
        var ledger: [String: Int] = [:]
        return awards(data, year: year).map { a in
            let award = data.awards[Int(a)]
            let subject = data.subject(award)
            let person = subject.code.flatMap { personByCode[$0] }
            let issuerText = data.text(award.issuer) ?? "Thủ trưởng \(data.unitName(award.unit))"
            let (authorityText, authority, position, signerName) = signers[issuerText] ?? {
                let found = signer(issuerText)
                signers[issuerText] = found
                return found
            }()
            let decision = data.text(award.decision) ?? ""
            ledger[decision, default: 0] += 1
            let decisionDate = award.decisionDate
            let achievement: String
            switch award.method {
            case .thematic:
                let movement = award.movement >= 0 && Int(award.movement) < data.movements.count ? data.movements[Int(award.movement)].name : nil
                achievement = movement.map { "Đã có thành tích xuất sắc trong phong trào thi đua «\($0)» năm \(year)" }
                    ?? "Đã có thành tích xuất sắc trong phong trào thi đua theo chuyên đề năm \(year)"
            case .extraordinary:
                achievement = "Đã có thành tích xuất sắc đột xuất năm \(year)"
            default:
                achievement = "Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm \(year)"
            }
            let female = person?.gender.map { $0 == .female } ?? award.female
            return .object(TemplateObject([
                ("co_quan_tang", .text(Vietnamese.nfc(authorityText).uppercased())),
                ("danh_xung", .text(female ? "Bà" : "Ông")),
                ("ho_ten", .text(subject.name)),
                ("chuc_vu", .text(person?.position ?? "")),
                ("don_vi", .text(data.unitName(award.unit))),
                ("thanh_tich", .text(achievement)),
                ("so_quyet_dinh", .text(decision)),
                ("ngay_quyet_dinh", .text(decisionDate?.formatted(.official) ?? CivilDate.blankOfficialLine(year: year + 1))),
                ("so_vao_so", .text(decision.isEmpty ? "" : String(ledger[decision]!))),
                ("dia_danh", .text(parties.province)),
                ("ngay_thang", .text(decisionDate?.formatted(.official) ?? CivilDate.blankOfficialLine(year: year + 1))),
                ("nguoi_ky", .object(TemplateObject([
                    ("quyen_han", .list(authority)),
                    ("chuc_vu", .text(Vietnamese.nfc(position).uppercased())),
                    ("ho_ten", .text(signerName)),
                ]))),
            ]))
        }
    }

    /// A head's title without the unit's name: "Chánh Văn phòng UBND tỉnh" → "Chánh Văn phòng".
    static func headTitle(_ position: String, unit: String) -> String {
        let words = unit.split(separator: " ")
        for k in stride(from: words.count, to: 0, by: -1) {
            let piece = " " + words.prefix(k).joined(separator: " ")
            if let r = position.range(of: piece) { return String(position[..<r.lowerBound]) }
        }
        return position
    }

    /// "UBND huyện" → "Ủy ban nhân dân huyện".
    static func expand(_ s: String) -> String {
        s.replacingOccurrences(of: "UBND ", with: "Ủy ban nhân dân ")
    }

    /// Writes every certificate of `year` into one document (DOCX or ODT by the extension of
    /// `path`), each on its own page and in its own section. `template` is an office's own
    /// certificate (same format as `path`); nil uses the shipped one. Returns the number of
    /// certificates; with none, nothing is written.
    @discardableResult
    public static func writeCombined(_ data: ProvinceData, year: Int, to path: String, template: String? = nil) throws -> Int {
        let roots = values(data, year: year)
        guard !roots.isEmpty else { return 0 }
        let format = DocumentFormat(path: path) ?? .docx
        try withTemplate(template, format: format) { t in
            try t.fillCombined(roots, to: path)
        }
        return roots.count
    }

    /// Writes one file per certificate into `directory` ("giay-khen-2024-0001-nguyen-van-an.docx",
    /// in print order); returns the paths.
    public static func writeEach(_ data: ProvinceData, year: Int, directory: String, format: DocumentFormat,
                                 template: String? = nil) throws -> [String] {
        let roots = values(data, year: year)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        let digits = max(4, String(roots.count).count)
        try withTemplate(template, format: format) { t in
            for (k, root) in roots.enumerated() {
                var number = String(k + 1)
                while number.count < digits { number = "0" + number }
                let name = Prose.slug(root["ho_ten"]?.displayText() ?? "")
                let path = directory + "/giay-khen-\(year)-\(number)" + (name.isEmpty ? "" : "-" + name) + "." + format.rawValue
                try t.fill(root, to: path)
                paths.append(path)
            }
        }
        return paths
    }

    /// The file name of the combined document: "giay-khen-2024.docx".
    public static func combinedFileName(year: Int, format: DocumentFormat) -> String { "giay-khen-\(year).\(format.rawValue)" }

    /// Opens `template`, or the shipped certificate written to a temporary file.
    static func withTemplate(_ template: String?, format: DocumentFormat, _ body: (Template) throws -> Void) throws {
        if let template {
            try body(try Template(path: template))
            return
        }
        let temporary = NSTemporaryDirectory() + "tdkt-giay-khen-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).\(format.rawValue)"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        try templateDocument().write(to: temporary, format: format)
        try body(try Template(path: temporary))
    }

    // MARK: The template

    /// The certificate template: A4 landscape, one page. A double frame (one cell of a
    /// borderless-page table) holds the quốc hiệu and tiêu ngữ, the awarding authority and
    /// "TẶNG", "GIẤY KHEN" in large red capitals, the person, position and unit, the
    /// achievement, then the decision number (left) and the place, date and signature
    /// (right).
    static func templateDocument() -> Document {
        let layout = OfficialLayout.standard
        let margins = PageMargins(top: .mm(15), bottom: .mm(15), left: .mm(20), right: .mm(20), header: .mm(8), footer: .mm(8))
        let section = Section(pageSize: .a4, orientation: .landscape, margins: margins)
        var d = Document(section: section, properties: DocumentProperties(title: "Mẫu giấy khen", creator: "tdkt"))
        func centred(_ text: String, _ format: RunFormat, before: Double = 0, after: Double = 0) -> Block {
            .paragraph(Paragraph(text, format, style: .normal,
                                 paragraph: ParagraphFormat(alignment: .center, spaceBefore: .pt(before), spaceAfter: .pt(after))))
        }
        let red = Color(red: 0xC0, green: 0, blue: 0)
        var inner: [Block] = [
            centred(layout.nationalName, RunFormat(halfPoints: 26, bold: true)),
            centred(layout.motto, RunFormat(halfPoints: 28, bold: true)),
            .rule(HorizontalRule(length: TimesWidth.of(layout.motto, halfPoints: 28, bold: true), spaceAfter: .zero)),
            centred("{co_quan_tang}", RunFormat(halfPoints: 30, bold: true), before: 24),
            centred("TẶNG", RunFormat(halfPoints: 28, bold: true), before: 6),
            centred("GIẤY KHEN", RunFormat(halfPoints: 80, bold: true, color: red), before: 12, after: 12),
            centred("{danh_xung} {ho_ten}", RunFormat(halfPoints: 40, bold: true, italic: true), after: 8),
            centred("{#chuc_vu}{chuc_vu}, {/chuc_vu}{don_vi}", RunFormat(halfPoints: 30), after: 8),
            centred("{thanh_tich}.", RunFormat(halfPoints: 30, italic: true)),
        ]
        // Decision (left) and place, date, signature (right).
        let small = RunFormat(halfPoints: 26)
        let left: [Block] = [
            .paragraph(Paragraph("Quyết định số {so_quyet_dinh}", small, style: .normal, paragraph: ParagraphFormat(alignment: .left, spaceBefore: .pt(30)))),
            .paragraph(Paragraph("{ngay_quyet_dinh}", small, style: .normal, paragraph: ParagraphFormat(alignment: .left))),
            .paragraph(Paragraph("Số vào sổ: {so_vao_so}", small, style: .normal, paragraph: ParagraphFormat(alignment: .left))),
        ]
        var right: [Block] = [centred("{dia_danh}, {ngay_thang}", RunFormat(halfPoints: 28, italic: true), before: 24, after: 2)]
        right += ShippedTemplate.signature("nguoi_ky", OfficialLayout(signatureBlankLines: 4))
        let inside = Table(columns: [.mm(100), .mm(141)], borders: .none, cellMargins: .zero)
        inner.append(.table(TableBlock(inside, rows: [TableRow([TableCell(left), TableCell(right)], cantSplit: true)])))
        let frameWidth = section.textWidth
        let frame = Table(columns: [frameWidth], borders: .all(Border(.double, width: 0.75, color: red)),
                          cellMargins: CellMargins(top: .mm(5), bottom: .mm(3), left: .mm(8), right: .mm(8)))
        // A 1 pt paragraph after the frame (a section ends with a paragraph), so the page never
        // overflows. (Nothing before the frame: the ODT combine mode copies the style of the
        // first paragraph, and one that names the page style comes out invalid.)
        let tiny = Paragraph(style: .normal, format: ParagraphFormat(alignment: .left, spaceBefore: .zero, spaceAfter: .zero,
                                                                     lineSpacing: .exact(.pt(1))),
                             markFormat: RunFormat(halfPoints: 2))
        d.append(.table(TableBlock(frame, rows: [TableRow([TableCell(inner, verticalAlignment: .center)], cantSplit: true,
                                                          height: .atLeast(.mm(168)))])))
        d.append(tiny)
        return d
    }
}
