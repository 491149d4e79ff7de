import Document
import OfficePackage
import Domain
import Vietnamese

/// Who is proposed for the province's awards of a year: the units the cụm, khối rankings
/// propose (Cờ thi đua for the leaders, Bằng khen for the next), and the year's award rows of
/// Cờ thi đua của UBND tỉnh, Chiến sĩ thi đua cấp tỉnh and Bằng khen của Chủ tịch UBND tỉnh
/// (a unit already proposed by its cluster is listed once).
struct ProposalList {
    struct Entry: Sendable, Hashable {
        /// Họ và tên, or the collective's name.
        var name: String
        /// Chức vụ, đơn vị (a person) or the cụm, khối / the unit above (a collective).
        var detail: String
        /// Thành tích: why.
        var reason: String
        var note: String
    }

    var flags: [Entry] = []
    var fighters: [Entry] = []
    var collectiveCertificates: [Entry] = []
    var personalCertificates: [Entry] = []

    /// The groups as the list prints them: heading, entries.
    func groups(year: Int) -> [(String, [Entry])] {
        [
            ("I. Cờ thi đua của Ủy ban nhân dân tỉnh (\(Prose.n(flags.count)) tập thể)", flags),
            ("II. Danh hiệu Chiến sĩ thi đua cấp tỉnh (\(Prose.n(fighters.count)) cá nhân)", fighters),
            ("III. Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh — tập thể (\(Prose.n(collectiveCertificates.count)) tập thể)", collectiveCertificates),
            ("IV. Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh — cá nhân (\(Prose.n(personalCertificates.count)) cá nhân)", personalCertificates),
        ]
    }

    init(_ data: ProvinceData, year: Int) {
        let ix = DomainIndex(data)
        let rankings = Aggregations.clusterRankings(data, year: year)
        var personByCode: [String: Person] = [:]
        for p in data.persons { personByCode[p.code] = p }
        var rating: [Int64: Rating] = [:]
        for r in data.ratings { if let v = r.rating { rating[Int64(r.subject) << 16 | Int64(r.year & 0xFFFF)] = v } }
        func rated(_ subject: Int32, _ y: Int) -> Rating? { rating[Int64(subject) << 16 | Int64(y & 0xFFFF)] }
        func parentName(_ u: Int32) -> String {
            let p = data.units[Int(u)].parent
            return p >= 0 ? data.unitName(p) : ""
        }
        func score(_ x: Double?) -> String { VietnameseNumber.format(x ?? 0, fractionDigits: 2, trimZeros: true) }

        // Cluster proposals.
        var flagUnits = Set<Int32>(), certificateUnits = Set<Int32>()
        var flags: [(Int32, Entry)] = [], collectiveCertificates: [(Int32, Entry)] = []
        for r in rankings {
            let cluster = data.clusters[Int(r.cluster)]
            for s in r.standings {
                guard let proposal = s.proposal else { continue }
                let entry = Entry(name: data.unitName(s.unit), detail: cluster.name,
                                  reason: proposal == .flag
                                    ? "Dẫn đầu \(cluster.name) năm \(year) (xếp hạng \(s.rank ?? 0), \(score(s.total)) điểm)"
                                    : "Xếp hạng \(s.rank ?? 0) \(cluster.name) năm \(year) (\(score(s.total)) điểm)",
                                  note: s.tied ? "Bằng điểm: cần bình xét" : "")
                if proposal == .flag {
                    flagUnits.insert(s.unit)
                    flags.append((s.unit, entry))
                } else {
                    certificateUnits.insert(s.unit)
                    collectiveCertificates.append((s.unit, entry))
                }
            }
        }
        // Who was Chiến sĩ thi đua cơ sở in each of the three years up to `year`.
        var grassrootsFighters: [Set<Int32>] = []
        for k in 0..<3 {
            grassrootsFighters.append(Set(ix.awards(in: year - k).compactMap { i -> Int32? in
                let b = data.awards[Int(i)]
                return ix.role(b) == .cstdcs ? b.subject : nil
            }))
        }
        // The year's award rows.
        var fighters: [(Int32, String, Entry)] = [], persons: [(Int32, String, Entry)] = []
        for a in ix.awards(in: year) {
            let award = data.awards[Int(a)]
            let subject = data.subjects[Int(award.subject)]
            let role = ix.role(award)
            switch (role, subject.kind) {
            case (.coTinh, .collective) where !flagUnits.contains(subject.unit) || !subject.isUnit:
                if subject.isUnit { flagUnits.insert(subject.unit) }
                flags.append((subject.unit, Entry(name: subject.name, detail: subject.isUnit ? parentName(subject.unit) : data.unitName(subject.unit),
                                                  reason: "Theo danh sách đề nghị khen thưởng năm \(year)", note: "")))
            case (.bkTinh, .collective) where !certificateUnits.contains(subject.unit) || !subject.isUnit:
                if subject.isUnit { certificateUnits.insert(subject.unit) }
                collectiveCertificates.append((subject.unit, Entry(name: subject.name,
                                                                   detail: subject.isUnit ? parentName(subject.unit) : data.unitName(subject.unit),
                                                                   reason: "Theo danh sách đề nghị khen thưởng năm \(year)", note: "")))
            case (.cstdTinh, .individual), (.bkTinh, .individual):
                let person = subject.code.flatMap { personByCode[$0] }
                let position = person?.position.map { $0 + ", " } ?? ""
                let detail = position + data.unitName(award.unit)
                let reason: String
                if role == .cstdTinh {
                    let streak = grassrootsFighters.allSatisfy { $0.contains(award.subject) }
                    reason = streak ? "Ba lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (\(year - 2) – \(year))"
                                    : "Thành tích tiêu biểu xuất sắc năm \(year)"
                } else {
                    let both = rated(award.subject, year) == .excellent && rated(award.subject, year - 1) == .excellent
                    reason = both ? "Hai năm liên tục hoàn thành xuất sắc nhiệm vụ (\(year - 1), \(year))"
                                  : "Có thành tích xuất sắc năm \(year)"
                }
                let entry = Entry(name: subject.name, detail: detail, reason: reason, note: "")
                if role == .cstdTinh { fighters.append((award.unit, subject.name, entry)) } else { persons.append((award.unit, subject.name, entry)) }
            default:
                break
            }
        }
        // Order: units in hierarchy order; people by unit, then the Vietnamese order of names.
        func byUnit(_ list: [(Int32, Entry)]) -> [Entry] {
            list.enumerated().sorted { (ix.unitRank[Int($0.element.0)], $0.offset) < (ix.unitRank[Int($1.element.0)], $1.offset) }.map(\.element.1)
        }
        func byPerson(_ list: [(Int32, String, Entry)]) -> [Entry] {
            let keyed = list.map { ($0, VietnameseCollation.sortKey($0.1)) }
            return keyed.sorted { a, b in
                let ra = ix.unitRank[Int(a.0.0)], rb = ix.unitRank[Int(b.0.0)]
                if ra != rb { return ra < rb }
                return a.1 < b.1
            }.map(\.0.2)
        }
        self.flags = byUnit(flags)
        self.collectiveCertificates = byUnit(collectiveCertificates)
        self.fighters = byPerson(fighters)
        self.personalCertificates = byPerson(persons)
    }

    /// The list as a table: STT · Họ và tên, tên tập thể · Chức vụ, đơn vị · Thành tích ·
    /// Ghi chú; one spanning row per group; header repeated on every page.
    func table(width: Length, year: Int) -> Block {
        let size = 24
        let bold = RunFormat(halfPoints: size, bold: true), plain = RunFormat(halfPoints: size)
        let table = Table(columns: Table.proportionalColumns([10, 36, 42, 44, 20], width: width),
                          cellMargins: CellMargins(top: .pt(1), bottom: .pt(1), left: .mm(1), right: .mm(1)))
        var rows = [TableRow(["STT", "Họ và tên, tên tập thể", "Chức vụ, đơn vị", "Thành tích", "Ghi chú"].map {
            TableCell(text: $0, bold, alignment: .center, verticalAlignment: .center)
        }, isHeader: true, cantSplit: true)]
        for (heading, entries) in groups(year: year) {
            rows.append(TableRow([TableCell(text: heading, bold, alignment: .left, columnSpan: 5)], cantSplit: true))
            for (k, e) in entries.enumerated() {
                rows.append(TableRow([
                    TableCell(text: Prose.n(k + 1), plain, alignment: .center),
                    TableCell(text: e.name, plain, alignment: .left),
                    TableCell(text: e.detail, plain, alignment: .left),
                    TableCell(text: e.reason, plain, alignment: .left),
                    TableCell(text: e.note, plain, alignment: .left),
                ], cantSplit: true))
            }
        }
        return .table(TableBlock(table, rows: rows))
    }
}

extension YearEndDocuments {
    static let lawBasis = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
    static let decreeBasis = "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"

    /// Điều 1's counts: "Tặng Cờ thi đua … cho 8 tập thể; …".
    static func awardSentences(_ list: ProposalList, year: Int) -> [String] {
        [
            "Tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho \(Prose.n(list.flags.count)) tập thể đã có thành tích xuất sắc, dẫn đầu phong trào thi đua của các cụm, khối thi đua năm \(year);",
            "Tặng danh hiệu Chiến sĩ thi đua cấp tỉnh cho \(Prose.n(list.fighters.count)) cá nhân;",
            "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho \(Prose.n(list.collectiveCertificates.count)) tập thể và \(Prose.n(list.personalCertificates.count)) cá nhân đã có thành tích xuất sắc trong phong trào thi đua yêu nước năm \(year).",
        ]
    }

    /// The Tờ trình đề nghị khen thưởng of Sở Nội vụ to the Chủ tịch UBND tỉnh, with its
    /// danh sách (on its own pages, numbered from 1).
    public static func toTrinh(_ data: ProvinceData, year: Int) throws -> Document {
        let parties = Parties(data)
        let layout = OfficialLayout.standard
        let meta = info(.proposal, data, year: year)
        let list = ProposalList(data, year: year)
        let summary = "Về việc đề nghị tặng Cờ thi đua, danh hiệu Chiến sĩ thi đua cấp tỉnh và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm \(year)"
        var doc = Document(section: Official.section(), properties: DocumentProperties(title: meta.title, creator: "tdkt"))
        doc.append(Official.header(parties.departmentHeader(meta.number, draftYear: year + 1), layout: layout))
        doc.append(Official.title("Tờ trình", summary: summary, layout: layout))
        doc.append(Official.recipientsAddressed(["Chủ tịch \(parties.provinceBody)"], layout: layout))
        var w = ReportWriter(layout: layout)
        w.text(lawBasis.replacingOccurrences(of: ";", with: ","))
        w.text(decreeBasis.replacingOccurrences(of: ";", with: ","))
        let clusters = Aggregations.clusterRankings(data, year: year).count
        w.text("Căn cứ kết quả chấm điểm, bình xét thi đua năm \(year) của \(Prose.n(clusters)) cụm, khối thi đua và đề nghị của các cơ quan, đơn vị, địa phương,")
        w.text("\(parties.departmentName) (cơ quan thường trực Hội đồng Thi đua - Khen thưởng tỉnh) đã thẩm định hồ sơ và kính trình Chủ tịch \(parties.provinceBody) xem xét, quyết định khen thưởng như sau:")
        for (k, s) in awardSentences(list, year: year).enumerated() { w.text("\(k + 1). " + s) }
        w.text("(Có danh sách kèm theo)")
        w.text("Hồ sơ kèm theo gồm: biên bản họp bình xét của các cụm, khối thi đua; báo cáo thành tích của các tập thể, cá nhân; kết quả thẩm định của \(parties.departmentName).")
        w.text("\(parties.departmentName) kính trình Chủ tịch \(parties.provinceBody) xem xét, quyết định" + Official.endMark)
        doc.append(w.blocks)
        doc.append(closing(["Như trên", "Hội đồng Thi đua - Khen thưởng tỉnh"], archive: "VT, TĐKT",
                           signer: parties.departmentSigner.lines(), name: parties.departmentSigner.name, layout: layout))
        appendList(&doc, list, year: year,
                   attachedTo: "Kèm theo Tờ trình số \(meta.number.formatted) " + CivilDate.blankOfficialLine(year: year + 1)
                       + " của \(parties.departmentBody)",
                   title: "Đề nghị tặng Cờ thi đua, danh hiệu Chiến sĩ thi đua cấp tỉnh và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm \(year)", layout: layout)
        return doc
    }

    /// The Quyết định khen thưởng of the Chủ tịch UBND tỉnh (căn cứ the 2022 Law and Nghị định
    /// 98/2023; Điều 1 the awards with their counts, Điều 2 the reward, Điều 3 execution) with
    /// the attached list.
    public static func quyetDinh(_ data: ProvinceData, year: Int) throws -> Document {
        let parties = Parties(data)
        let layout = OfficialLayout.standard
        let meta = info(.decision, data, year: year)
        let proposal = info(.proposal, data, year: year)
        let list = ProposalList(data, year: year)
        var doc = Document(section: Official.section(), properties: DocumentProperties(title: meta.title, creator: "tdkt"))
        doc.append(Official.header(parties.provinceHeader(meta.number, draftYear: year + 1), layout: layout))
        doc.append(Official.title("Quyết định", summary: "Về việc tặng Cờ thi đua, danh hiệu Chiến sĩ thi đua cấp tỉnh và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm \(year)",
                                  layout: layout))
        let bold = RunFormat(halfPoints: layout.bodyHalfPoints, bold: true)
        doc.append(Paragraph("CHỦ TỊCH " + parties.provinceBody.uppercased(), bold, style: .title,
                             paragraph: ParagraphFormat(spaceAfter: .pt(6))))
        doc.append(Official.legalBases([
            "Căn cứ Luật Tổ chức chính quyền địa phương;",
            lawBasis,
            decreeBasis,
            "Theo đề nghị của Giám đốc \(parties.departmentName) tại Tờ trình số \(proposal.number.formatted) " + CivilDate.blankOfficialLine(year: year + 1) + ".",
        ], layout: layout))
        doc.append(Paragraph("QUYẾT ĐỊNH:", bold, style: .title, paragraph: ParagraphFormat(spaceBefore: .pt(12), spaceAfter: .pt(6))))
        let article = { (label: String, text: String) -> Block in
            Official.paragraph([Run(label + " ", bold), Run(text, RunFormat(halfPoints: layout.bodyHalfPoints))])
        }
        // One sentence: the later clauses start lower case.
        let clauses = awardSentences(list, year: year).enumerated().map { k, s in k == 0 ? s : "t" + s.dropFirst() }
        doc.append(article("Điều 1.", clauses.joined(separator: " ") + " (Có danh sách kèm theo)"))
        doc.append(article("Điều 2.", "Các tập thể, cá nhân có tên tại Điều 1 được khen thưởng theo quy định hiện hành; kinh phí khen thưởng chi từ Quỹ thi đua, khen thưởng của tỉnh."))
        doc.append(article("Điều 3.", "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng \(parties.provinceBody), Giám đốc \(parties.departmentName), Giám đốc Sở Tài chính, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này" + Official.endMark))
        doc.append(closing(["Như Điều 3", "Ban Thi đua - Khen thưởng Trung ương", "CT, các PCT UBND tỉnh",
                            "Hội đồng Thi đua - Khen thưởng tỉnh"], archive: "VT, \(parties.departmentSymbol)",
                           signer: parties.provinceSigner.lines(dropOnBehalf: true), name: parties.provinceSigner.name, layout: layout))
        appendList(&doc, list, year: year,
                   attachedTo: "Kèm theo Quyết định số \(meta.number.formatted) " + CivilDate.blankOfficialLine(year: year + 1)
                       + " của Chủ tịch \(parties.provinceBody)",
                   title: "Tặng Cờ thi đua, danh hiệu Chiến sĩ thi đua cấp tỉnh và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm \(year)", layout: layout)
        return doc
    }

    /// The attached list on its own portrait pages, numbered from 1.
    static func appendList(_ doc: inout Document, _ list: ProposalList, year: Int, attachedTo: String, title: String,
                           layout: OfficialLayout) {
        let section = Official.section(pageNumberStart: 1, layout: layout)
        doc.newSection(section)
        // "DANH SÁCH" (bold), what it lists (bold), "(Kèm theo …)" in italics, a short rule.
        let bold = RunFormat(halfPoints: layout.titleHalfPoints, bold: true)
        doc.append(Paragraph("DANH SÁCH", bold, style: .title))
        doc.append(Paragraph(Vietnamese.nfc(title), bold, style: .title))
        doc.append(Paragraph("(" + Vietnamese.nfc(attachedTo) + ")", RunFormat(halfPoints: layout.numberHalfPoints, bold: false, italic: true),
                             style: .title))
        doc.append(.rule(HorizontalRule(length: .mm(40), spaceAfter: .pt(12))))
        doc.append(list.table(width: section.textWidth, year: year))
    }
}
