import Foundation
import Testing
import Vietnamese
@testable import Domain

/// The committed sample data (data/<place>/): the five plans and programmes of the seed
/// articles (../shared/seeds/), loaded with the real loader. Every fact an article gives is
/// asserted here, so an accidental edit of the data fails a test.
@Suite struct SeedDataTests {
    /// The repository root, found from this file (Tests/DomainTests/SeedDataTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let places = ["bac-lieu", "bac-ninh", "dinh-hoa", "kien-giang", "lang-son"]

    static func load(_ place: String) throws -> ProvinceData {
        try DataFolderLoader(folder: root + "/data/" + place).load()
    }

    static func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { try! CivilDate(year: y, month: m, day: d) }

    /// Every title and paragraph of a plan or programme, opening and closing included.
    static func text(_ opening: [String], _ sections: [PlanItem], _ closing: [String]) -> String {
        (opening + sections.flatMap(\.allText) + closing).joined(separator: "\n")
    }

    static func code(_ data: ProvinceData, _ unit: Int32) -> String { unit >= 0 ? data.unit(unit).code : "" }

    // MARK: Every folder

    @Test(arguments: places) func loadsWithoutWarnings(place: String) throws {
        let data = try Self.load(place)
        #expect(data.warnings.isEmpty, "\(place): \(data.warnings.map(\.message))")
        #expect(data.plans.count + data.programmes.count == 1)
    }

    /// Every text file of the sample data is NFC (String == compares canonically, so the
    /// scalars are compared).
    @Test(arguments: places) func filesAreNFC(place: String) throws {
        let dir = Self.root + "/data/" + place
        let files = FileManager.default.enumerator(atPath: dir)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".csv") }
        #expect(files.count >= 3)
        for f in files {
            let s = try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
            #expect(Array(s.unicodeScalars) == Array(s.precomposedStringWithCanonicalMapping.unicodeScalars), "\(place)/\(f)")
        }
    }

    // MARK: 002 — Kế hoạch 57/KH-UBND, Kiên Giang

    @Test func kienGiang() throws {
        let data = try Self.load("kien-giang")
        let p = try #require(data.plans.first)
        #expect(p.number == "57/KH-UBND")
        #expect(p.date == Self.date(2019, 4, 11))
        #expect(Self.code(data, p.issuer) == "UBND_KG")
        #expect(p.place == "Kiên Giang")
        #expect(p.kind == .propaganda)
        #expect(p.title == "Thông tin, tuyên truyền về công tác thi đua, khen thưởng năm 2019")
        #expect(p.periodEnd == Self.date(2019, 12, 31))
        #expect(data.agencyHeader(p) == AgencyHeader(supervisor: nil, issuer: ["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG"]))
        #expect(p.sections.map { $0.title ?? "" } == ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG THÔNG TIN, TUYÊN TRUYỀN",
                                                      "HÌNH THỨC TUYÊN TRUYỀN", "CÁC HOẠT ĐỘNG", "TỔ CHỨC THỰC HIỆN"])
        #expect(p.sections[0].items.map(\.title) == ["Mục đích", "Yêu cầu"])
        #expect(p.sections[3].items.map(\.title) == ["Các hoạt động ở cấp tỉnh", "Các hoạt động ở cấp huyện"])
        #expect(p.sections[3].items.map(\.items.count) == [5, 4])
        #expect(p.sections[2].items.count == 5)
        #expect(p.implementing == [DocumentReference(kind: "Chỉ thị", number: "34-CT/TW", date: Self.date(2014, 4, 7),
                                                     issuer: "Bộ Chính trị",
                                                     title: "Về tiếp tục đổi mới công tác thi đua, khen thưởng")])

        let text = Self.text(p.opening, p.sections, p.closing)
        for fact in ["Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới công tác thi đua, khen thưởng",
                     "Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành",
                     "Chỉ thị số 18/CT-TTg ngày 19/5/2016 của Thủ tướng Chính phủ",
                     "Kế hoạch 05 năm (2016 - 2020) theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XII của Đảng",
                     "Nghị quyết Trung ương 4, khóa XII",
                     "“Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” chuyên đề năm 2019",
                     "tư tưởng thi đua ái quốc của Chủ tịch Hồ Chí Minh",
                     "“Cả nước chung sức xây dựng nông thôn mới”",
                     "“Chung tay vì người nghèo, không để ai bị bỏ lại phía sau”",
                     "“Doanh nghiệp Việt Nam hội nhập và phát triển”",
                     "Phát hiện và đấu tranh với những biểu hiện tiêu cực",
                     "Báo Kiên Giang và Đài Phát thanh và Truyền hình Kiên Giang",
                     "Trang thông tin điện tử của Hội đồng Thi đua - Khen thưởng tỉnh",
                     "đài truyền thanh cấp huyện, trạm truyền thanh cấp xã",
                     "Đưa nội dung thông tin, tuyên truyền vào tiêu chí thi đua",
                     "Hội nghị “Biểu dương các điển hình tiên tiến” cấp tỉnh",
                     "Hội thi “Biểu dương các điển hình tiên tiến” toàn quốc năm 2019 (nếu có)",
                     "cuối năm tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh",
                     "tiết kiệm, tránh phô trương"] {
            #expect(text.contains(fact), "\(fact)")
        }
        #expect(p.movements.map { data.movements[Int($0)].name } == [
            "Cả nước chung sức xây dựng nông thôn mới",
            "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
            "Doanh nghiệp Việt Nam hội nhập và phát triển"])
        #expect(p.movements.allSatisfy { data.movements[Int($0)].launchedByText == "Thủ tướng Chính phủ" })

        // Tổ chức thực hiện: Sở Nội vụ (Ban TĐKT), Sở TT&TT, Báo, Đài, UBMTTQ; then two groups.
        let org = p.sections[4]
        #expect(org.items.count == 7)
        #expect(p.assignments.map { Self.code(data, $0.unit) } == ["SNV", "STTTT", "BAO_KG", "DPTTH", "MTTQ_KG"])
        #expect(org.items[0].title == "Sở Nội vụ (Ban Thi đua - Khen thưởng)")
        #expect(org.items[0].items.count == 4)
        #expect(org.items[0].deadline == Self.date(2019, 12, 15))
        #expect(org.items[1].title == "Sở Thông tin và Truyền thông")
        #expect(org.items[5...].map(\.deadline) == [Self.date(2019, 11, 30), Self.date(2019, 11, 30)])

        #expect(p.recipients.count == 10)
        #expect(p.recipients.last == "Lưu: VT, SNV.")
        #expect(p.signer == Signer(onBehalfOf: "TM. ỦY BAN NHÂN DÂN", authority: "KT. CHỦ TỊCH", position: "PHÓ CHỦ TỊCH",
                                   name: "Đỗ Thanh Bình"))
    }

    // MARK: 001 — Kế hoạch 40/KH-UBND, Định Hóa

    @Test func dinhHoa() throws {
        let data = try Self.load("dinh-hoa")
        let p = try #require(data.plans.first)
        #expect(p.number == "40/KH-UBND")
        #expect(p.date == Self.date(2021, 3, 8))
        #expect(Self.code(data, p.issuer) == "UBND_DH")
        #expect(p.place == "Định Hóa")
        #expect(p.title == "Tuyên truyền về công tác thi đua, khen thưởng, phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến giai đoạn 2021 - 2025")
        #expect(p.periodStart == Self.date(2021, 3, 8))
        #expect(p.periodEnd == Self.date(2025, 12, 31))
        #expect(data.agencyHeader(p) == AgencyHeader(supervisor: nil, issuer: ["ỦY BAN NHÂN DÂN", "HUYỆN ĐỊNH HÓA"]))

        // The implemented plan of the province.
        let upper = try #require(p.implementing.first)
        #expect(p.implementing.count == 1)
        #expect(upper.kind == "Kế hoạch")
        #expect(upper.number == "11/KH-UBND")
        #expect(upper.date == Self.date(2021, 1, 22))
        #expect(upper.issuer == "Ủy ban nhân dân tỉnh Thái Nguyên")
        #expect(upper.citation == "Kế hoạch số 11/KH-UBND ngày 22 tháng 01 năm 2021 của Ủy ban nhân dân tỉnh Thái Nguyên")
        #expect(p.opening.first?.hasPrefix("Thực hiện " + upper.citation) == true)

        #expect(p.sections.map { $0.title ?? "" } == ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG TUYÊN TRUYỀN", "HÌNH THỨC TUYÊN TRUYỀN",
                                                      "ĐỐI TƯỢNG, TIÊU CHÍ TUYÊN TRUYỀN ĐIỂN HÌNH TIÊN TIẾN",
                                                      "PHÁT HIỆN, BỒI DƯỠNG VÀ NHÂN RỘNG ĐIỂN HÌNH TIÊN TIẾN", "TỔ CHỨC THỰC HIỆN"])
        #expect(p.sections[1].items.count == 5)
        #expect(p.sections[3].items.map(\.title) == ["Đối tượng", "Tiêu chí"])
        #expect(p.sections[4].items.map(\.title) == ["Phát hiện điển hình tiên tiến", "Bồi dưỡng điển hình tiên tiến",
                                                     "Nhân rộng điển hình tiên tiến"])
        let text = Self.text(p.opening, p.sections, p.closing)
        for fact in ["Nâng cao nhận thức, trách nhiệm của các cấp, ngành và các tầng lớp nhân dân",
                     "rút ra các bài học kinh nghiệm về tổ chức phong trào thi đua và công tác khen thưởng",
                     "thường xuyên, liên tục, sâu rộng, kịp thời, có hiệu quả",
                     "Tuyên truyền tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh",
                     "do Trung ương, Ủy ban nhân dân tỉnh, Ủy ban nhân dân huyện phát động",
                     "các sự kiện chính trị trọng đại của đất nước, của tỉnh và của huyện",
                     "tác động của phong trào thi đua trong thực hiện các nhiệm vụ chính trị",
                     "phát huy vai trò nêu gương, lan tỏa trong xã hội",
                     "Cổng thông tin điện tử của huyện, Trang thông tin điện tử của các xã, thị trấn",
                     "lồng ghép qua các hội nghị sơ kết, tổng kết các phong trào thi đua",
                     "hội thao"] {
            #expect(text.contains(fact), "\(fact)")
        }
        #expect(p.assignments.map { Self.code(data, $0.unit) } == ["PNV_DH", "VP_DH", "PVHTT_DH", "MTTQ_DH"])
        #expect(p.sections[5].items.count == 6)
        #expect(p.recipients.first == "UBND tỉnh Thái Nguyên (b/c)")
        #expect(p.recipients.count == 8)
        #expect(p.signer == Signer(onBehalfOf: "TM. ỦY BAN NHÂN DÂN", authority: "KT. CHỦ TỊCH", position: "PHÓ CHỦ TỊCH",
                                   name: "Đặng Thái Bình"))
    }

    // MARK: 004 — Kế hoạch 03/KH-STTTT, Bạc Liêu

    static let bacLieuTheme = "Ngành TTTT tỉnh Bạc Liêu tiếp tục đoàn kết, đổi mới, sáng tạo, thi đua phấn đấu thực hiện thắng lợi nhiệm vụ công tác năm 2018, lập thành tích thiết thực kỷ niệm 70 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11/6/1948-11/6/2018)"

    @Test func bacLieu() throws {
        let data = try Self.load("bac-lieu")
        let p = try #require(data.plans.first)
        #expect(p.number == "03/KH-STTTT")
        #expect(p.date == Self.date(2018, 1, 24))
        #expect(p.kind == .launch)
        #expect(Self.code(data, p.issuer) == "STTTT")
        #expect(Self.code(data, p.supervisor) == "UBND_BL")
        #expect(data.agencyHeader(p) == AgencyHeader(supervisor: "UBND TỈNH BẠC LIÊU", issuer: ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"]))
        #expect(p.title == "Phát động phong trào thi đua năm 2018")
        #expect(p.theme == Self.bacLieuTheme)
        #expect(p.periodEnd == Self.date(2018, 12, 31))
        #expect(p.legalBases.count == 3)
        #expect(p.sections.map { $0.title ?? "" } == ["MỤC ĐÍCH, YÊU CẦU", "CHỦ ĐỀ, ĐỐI TƯỢNG, THỜI GIAN", "NỘI DUNG, CHỈ TIÊU THI ĐUA",
                                                      "HÌNH THỨC TỔ CHỨC", "DANH HIỆU, KHEN THƯỞNG", "TỔ CHỨC THỰC HIỆN"])
        // The six contents of the article, then the chỉ tiêu.
        let contents = p.sections[2].items
        #expect(contents.filter { $0.title == nil }.count == 6)
        #expect(contents.last?.title == "Chỉ tiêu thi đua")
        let six = contents.filter { $0.title == nil }.map { $0.paragraphs.joined() }
        for (i, start) in ["Tuyên truyền, quán triệt sâu sắc tư tưởng Hồ Chí Minh về thi đua ái quốc",
                           "Nâng cao trách nhiệm của các cấp ủy, tổ chức cơ sở Đảng",
                           "Đổi mới nội dung, phương thức tổ chức",
                           "Đẩy mạnh phong trào thi đua phát huy sáng kiến",
                           "Tiếp tục tuyên truyền, phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến",
                           "Nâng cao chất lượng, hiệu quả công tác khen thưởng"].enumerated() {
            #expect(six[i].hasPrefix(start), "\(i): \(start)")
        }
        let text = Self.text(p.opening, p.sections, p.closing)
        for fact in ["“" + Self.bacLieuTheme + "”",
                     "Phát huy những thành tích đạt được trong năm 2017",
                     "“Hành động, phục vụ người dân và doanh nghiệp”",
                     "“Cả nước chung sức xây dựng nông thôn mới”, “Doanh nghiệp Việt Nam hội nhập và phát triển”, “Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau”",
                     "theo đợt, theo chuyên đề",
                     "cách mạng công nghiệp 4.0",
                     "Các cơ quan báo chí tăng thời lượng, chuyên trang, chuyên mục",
                     "Hội đồng Thi đua - Khen thưởng các đơn vị",
                     "Phong trào thi đua được phát động từ nay đến ngày 31/12/2018."] {
            #expect(text.contains(fact), "\(fact)")
        }
        #expect(Set(p.movements.map { data.movements[Int($0)].code })
                == ["STTTT-2018", "STTTT-11-6-2018", "STTTT-SK-2018", "TTG-NTM", "TTG-DN", "TTG-GN"])
        let own = try #require(data.movements.first { $0.code == "STTTT-2018" })
        #expect(own.theme == Self.bacLieuTheme)
        #expect(own.end == Self.date(2018, 12, 31))
        #expect(own.plan == "03/KH-STTTT")
        #expect(p.assignments.map { Self.code(data, $0.unit) } == ["VP_STTTT", "P_TTBCXB", "TT_CNTTTT", "CD_STTTT"])
        #expect(p.recipients.count == 9)
        #expect(p.signer == Signer(onBehalfOf: nil, authority: nil, position: "GIÁM ĐỐC", name: "Trần Văn Bảy"))
    }

    // MARK: 003 — Chương trình phối hợp, Lạng Sơn

    @Test func langSon() throws {
        let data = try Self.load("lang-son")
        let p = try #require(data.programmes.first)
        #expect(p.code == "CTPH-LS-2022")
        #expect(p.name == "Đẩy mạnh công tác tuyên truyền về phong trào thi đua yêu nước và mô hình, gương điển hình tiên tiến giai đoạn 2022 - 2025")
        #expect(p.signedOn == Self.date(2022, 4, 15))
        #expect(p.start == Self.date(2022, 4, 15))
        #expect(p.end == Self.date(2025, 12, 31))
        #expect(p.place == "Lạng Sơn")
        #expect(p.parties.map { Self.code(data, $0.unit) } == ["SNV", "DPTTH"])
        #expect(p.parties.map { $0.signer?.name } == ["Hoàng Thị Hiền", "Nguyễn Đông Bắc"])
        #expect(p.parties.map { $0.signer?.position } == ["GIÁM ĐỐC", "GIÁM ĐỐC"])
        #expect(p.parties.allSatisfy { Self.code(data, $0.supervisor) == "UBND_LS" })
        #expect(p.implementing.map(\.citation) == ["Đề án nâng cao chất lượng công tác thi đua, khen thưởng trên địa bàn tỉnh Lạng Sơn của Ủy ban nhân dân tỉnh Lạng Sơn"])
        #expect(p.sections.map { $0.title ?? "" } == ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG PHỐI HỢP", "PHƯƠNG THỨC PHỐI HỢP",
                                                      "TRÁCH NHIỆM CỦA CÁC BÊN", "TỔ CHỨC THỰC HIỆN"])
        #expect(p.contents.count == 3)
        #expect(p.sections[3].items.map { Self.code(data, $0.unit) } == ["SNV", "DPTTH"])
        #expect(p.sections[3].items.map(\.title) == ["Sở Nội vụ", "Đài Phát thanh và Truyền hình tỉnh Lạng Sơn"])

        let text = Self.text(p.opening, p.sections, p.closing)
        for fact in ["Năm 2015", "chuyên mục “Thi đua yêu nước”", "tần suất 2 số/tuần, thời lượng 10 phút", "bắt đầu từ tháng 3/2015",
                     "Đề án nâng cao chất lượng công tác thi đua, khen thưởng trên địa bàn tỉnh Lạng Sơn",
                     "xây dựng Đảng, xây dựng hệ thống chính trị, y tế, văn hóa, giáo dục, khoa học, công nghệ, quốc phòng, an ninh",
                     "các ngày kỷ niệm, các sự kiện quan trọng của đất nước và của tỉnh",
                     "hoạt động của Hội đồng Thi đua - Khen thưởng tỉnh",
                     "Cụm thi đua 7 tỉnh miền núi biên giới phía Bắc",
                     "giao lưu, tọa đàm với các điển hình tiên tiến",
                     "Vũ Kiều Oanh, Phó Giám đốc Đài"] {
            #expect(text.contains(fact), "\(fact)")
        }

        // The column "Thi đua yêu nước": 2 episodes a week, 10 minutes each, by the Đài.
        let column = try #require(p.deliverables.first { $0.code == "CM_TDYN" })
        #expect(column.perPeriod == 2)
        #expect(column.frequency == .week)
        #expect(column.minutes == 10)
        #expect(column.kind == .column)
        #expect(Self.code(data, column.party) == "DPTTH")
        #expect(p.deliverables.map(\.code) == ["CM_TDYN", "PS_HN", "TOA_DAM", "TL_DHTT"])
        #expect(p.recipients.count == 8)

        #expect(data.deliveries.count == 451)
        // 2023 has 52 Mondays: 104 episodes planned for the column.
        let y2023 = (1...12).map { Aggregations.plannedEpisodes(column, year: 2023, month: $0) }.reduce(0, +)
        #expect(y2023 == 104)

        let q = try Self.quarters(data, programme: 0)
        #expect(q["DPTTH"]?[Quarter(2022, 2)] == [25, 22, 280, 244])
        #expect(q["DPTTH"]?[Quarter(2023, 1)] == [29, 25, 320, 273])
        #expect(q["DPTTH"]?[Quarter(2024, 3)] == [29, 26, 310, 282])
        #expect(q["DPTTH"]?[Quarter(2025, 3)] == [27, 25, 290, 251])
        #expect(q["DPTTH"]?[Quarter(2025, 4)] == [27, 28, 290, 318])
        #expect(q["SNV"]?[Quarter(2025, 1)] == [3, 2, 0, 0])
        #expect(q["DPTTH"]?.count == 15)
        #expect(Self.total(q["DPTTH"]) == [411, 390, 4450, 4235])
        #expect(Self.total(q["SNV"]) == [45, 42, 0, 0])
        #expect(Self.shortQuarters(q["DPTTH"]) == [Quarter(2022, 2), Quarter(2023, 1), Quarter(2023, 3), Quarter(2023, 4),
                                                   Quarter(2024, 1), Quarter(2024, 2), Quarter(2024, 3), Quarter(2025, 1),
                                                   Quarter(2025, 2), Quarter(2025, 3)])
    }

    // MARK: 000 — Chương trình phối hợp, Bắc Ninh

    @Test func bacNinh() throws {
        let data = try Self.load("bac-ninh")
        let p = try #require(data.programmes.first)
        #expect(p.code == "CTPH-BN-2020")
        #expect(p.name == "Đẩy mạnh tuyên truyền công tác thi đua, khen thưởng và phát hiện, nhân rộng điển hình tiên tiến giai đoạn 2020 - 2025")
        #expect(p.number == "01/CTrPH-SNV-STTTT-BBN-ĐPTTH")
        #expect(p.signedOn == Self.date(2020, 11, 26))
        #expect(p.end == Self.date(2025, 12, 31))
        #expect(p.parties.map { Self.code(data, $0.unit) } == ["SNV", "STTTT", "BBN", "DPTTH"])
        #expect(p.parties.map { data.unitName($0.unit) } == ["Sở Nội vụ", "Sở Thông tin và Truyền thông", "Báo Bắc Ninh",
                                                            "Đài Phát thanh và Truyền hình tỉnh"])
        #expect(p.parties.map { $0.signer?.titleLines.count } == [2, 2, 3, 2])
        #expect(p.parties[2].signer?.authority == "KT. TỔNG BIÊN TẬP")

        // The 3 contents agreed.
        #expect(p.contents.map(\.title) == ["Công tác tuyên truyền",
                                           "Phát hiện, xây dựng điển hình tiên tiến, gương người tốt việc tốt",
                                           "Tôn vinh và khen thưởng nhân rộng điển hình tiên tiến"])
        #expect(p.sections.map { $0.title ?? "" } == ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG PHỐI HỢP", "PHƯƠNG THỨC PHỐI HỢP",
                                                      "TRÁCH NHIỆM CỦA CÁC BÊN", "TỔ CHỨC THỰC HIỆN"])
        #expect(p.sections[3].items.map { Self.code(data, $0.unit) } == ["SNV", "STTTT", "BBN", "DPTTH"])
        // The named movements.
        #expect(p.movements.map { data.movements[Int($0)].name } == [
            "Bắc Ninh đoàn kết - đổi mới - tổ chức thành công Đại hội Đảng các cấp",
            "Cán bộ, công chức, viên chức tỉnh Bắc Ninh thi đua thực hiện văn hóa công sở",
            "Bắc Ninh chung sức xây dựng nông thôn mới"])
        let vhcs = try #require(data.movements.first { $0.code == "BN-VHCS" })
        #expect((vhcs.start.year, vhcs.end.year) == (2019, 2025))
        let ntm = try #require(data.movements.first { $0.code == "BN-NTM" })
        #expect((ntm.start.year, ntm.end.year) == (2020, 2025))
        let text = Self.text(p.opening, p.sections, p.closing)
        for fact in ["tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh",
                     "“Bắc Ninh đoàn kết - đổi mới - tổ chức thành công Đại hội Đảng các cấp”",
                     "“Cán bộ, công chức, viên chức tỉnh Bắc Ninh thi đua thực hiện văn hóa công sở” giai đoạn 2019 - 2025",
                     "“Bắc Ninh chung sức xây dựng nông thôn mới” giai đoạn 2020 - 2025",
                     "Đề án “Bảo vệ môi trường”",
                     "chuyên trang, chuyên mục tuyên truyền gương điển hình tiên tiến, người tốt, việc tốt",
                     "cụ thể hóa thành các nhiệm vụ trọng tâm, thường xuyên",
                     "tạo sự chuyển biến về nhận thức",
                     "kinh tế - xã hội, an ninh - quốc phòng"] {
            #expect(text.contains(fact), "\(fact)")
        }
        #expect(p.deliverables.map(\.code) == ["CT_BBN", "CM_DPTTH", "TOA_DAM", "TIN_CONG"])
        // Chuyên trang (Báo), chuyên mục (Đài), tọa đàm, tin bài (Cổng thông tin điện tử).
        #expect(p.deliverables.map(\.kind) == [.column, .column, .talk, .news])
        #expect(p.deliverables.map { Self.code(data, $0.party) } == ["BBN", "DPTTH", "DPTTH", "STTTT"])
        #expect(p.deliverables.map(\.perPeriod) == [1, 2, 1, 4])
        #expect(p.deliverables.map(\.frequency) == [.month, .month, .year, .month])
        #expect(p.deliverables.allSatisfy { $0.start == Self.date(2021, 1, 1) && $0.end == p.end })
        #expect(p.recipients.count == 8)

        #expect(data.deliveries.count == 245)
        let q = try Self.quarters(data, programme: 0)
        #expect(q["DPTTH"]?[Quarter(2021, 1)] == [7, 5, 135, 75])
        #expect(q["DPTTH"]?[Quarter(2021, 4)] == [6, 7, 90, 135])
        #expect(q["DPTTH"]?[Quarter(2025, 3)] == [6, 4, 90, 60])
        #expect(q["BBN"]?[Quarter(2025, 3)] == [3, 2, 0, 0])
        #expect(q["STTTT"]?[Quarter(2021, 2)] == [12, 10, 0, 0])
        #expect(q["STTTT"]?[Quarter(2025, 3)] == [12, 9, 0, 0])
        #expect(Self.total(q["BBN"]) == [60, 59, 0, 0])
        #expect(Self.total(q["DPTTH"]) == [125, 119, 2025, 1935])
        #expect(Self.total(q["STTTT"]) == [240, 269, 0, 0])
    }

    // MARK: thuc_hien

    /// The implemented document is kept whole, and an opening that does not cite it is warned
    /// (the printed plan would not say what it implements).
    @Test func implementedDocumentMustBeCited() throws {
        let f = TempFolder("thuc-hien")
        defer { f.remove() }
        f.write("don-vi.csv", "Mã đơn vị;Tên đơn vị;Loại đơn vị\nUBND_H;Ủy ban nhân dân huyện Thử;Ủy ban nhân dân\n")
        let plan = """
        so: 40/KH-UBND
        co_quan_ban_hanh: UBND_H
        trich_yeu: Thử
        thuc_hien:
          - {so: 11/KH-UBND, ngay: 22/01/2021, co_quan: Ủy ban nhân dân tỉnh Thử}
          - {loai: Đề án, trich_yeu: nâng cao chất lượng công tác thi đua}
        mo_dau: [Thực hiện Kế hoạch số 11/KH-UBND ngày 22 tháng 01 năm 2021 của Ủy ban nhân dân tỉnh Thử.]

        """
        f.write("ke-hoach/a.yaml", plan)
        let data = try DataFolderLoader(folder: f.path).load()
        let p = try #require(data.plans.first)
        #expect(p.implementing.map(\.citation) == ["Kế hoạch số 11/KH-UBND ngày 22 tháng 01 năm 2021 của Ủy ban nhân dân tỉnh Thử",
                                                   "Đề án nâng cao chất lượng công tác thi đua"])
        #expect(data.warnings.count == 1)
        #expect(data.warnings.first?.location.keyPath == "thuc_hien[1]")
        #expect(data.warnings.first?.message.contains("nâng cao chất lượng công tác thi đua") == true)

        // Neither số nor name: a located error.
        f.write("ke-hoach/a.yaml", plan.replacingOccurrences(of: "{loai: Đề án, trich_yeu: nâng cao chất lượng công tác thi đua}",
                                                             with: "{loai: Đề án}"))
        #expect(throws: DomainError.self) { try DataFolderLoader(folder: f.path).load() }
    }

    // MARK: Tracking per quarter

    struct Quarter: Hashable, CustomStringConvertible {
        var year: Int, quarter: Int
        init(_ year: Int, _ quarter: Int) { self.year = year; self.quarter = quarter }
        var description: String { "Q\(quarter)/\(year)" }
    }

    /// The programme tracking table (per party and month) summed per quarter: party code →
    /// quarter → [planned, delivered, planned minutes, delivered minutes]. Also checks the
    /// table's own sums and that it agrees with the per-year tables.
    static func quarters(_ data: ProvinceData, programme: Int) throws -> [String: [Quarter: [Int]]] {
        let table = Aggregations.programmeTracking(data, programme: programme, year: nil)
        #expect(table.inconsistencies().isEmpty, "\(table.inconsistencies())")
        var out: [String: [Quarter: [Int]]] = [:]
        for (r, row) in table.rows.enumerated() {
            let parts = row.key.split(separator: ":")
            guard parts.count == 3, parts[0] == "ben" else { continue }
            let ym = parts[2].split(separator: "-").compactMap { Int($0) }
            let q = Quarter(ym[0], (ym[1] - 1) / 3 + 1)
            let values = (1...4).map { c -> Int in
                if case .integer(let n) = table.cells[r][c].value { return n }
                return 0
            }
            out[String(parts[1]), default: [:]][q, default: [0, 0, 0, 0]] = zip(out[String(parts[1])]?[q] ?? [0, 0, 0, 0], values).map(+)
        }
        // The year tables add up to the whole-programme table.
        let p = data.programmes[programme]
        var planned = 0, delivered = 0
        for y in p.start.year...p.end.year {
            let t = Aggregations.programmeTracking(data, programme: programme, year: y)
            if case .integer(let n)? = t.value("tong_cong", "ke_hoach") { planned += n }
            if case .integer(let n)? = t.value("tong_cong", "da_thuc_hien") { delivered += n }
        }
        let all = out.values.flatMap(\.values)
        #expect(planned == all.map { $0[0] }.reduce(0, +))
        #expect(delivered == all.map { $0[1] }.reduce(0, +))
        return out
    }

    static func total(_ q: [Quarter: [Int]]?) -> [Int] {
        (q ?? [:]).values.reduce([0, 0, 0, 0]) { zip($0, $1).map(+) }
    }

    /// Quarters where fewer episodes were delivered than planned, in order.
    static func shortQuarters(_ q: [Quarter: [Int]]?) -> [Quarter] {
        (q ?? [:]).filter { $0.value[1] < $0.value[0] }.keys.sorted { ($0.year, $0.quarter) < ($1.year, $1.quarter) }
    }
}
