import Testing
import Vietnamese
@testable import Domain

/// Every aggregation on small data whose figures are computed by hand.
@Suite struct AggregationTests {
    func display(_ t: ResultTable, _ row: String, _ column: String) -> String {
        t.display(t.row(row)!, t.column(column)!)
    }

    // MARK: T1

    @Test func t1TitlesByUnit() {
        var b = Fixture.province()
        b.headcount("SNV", 2024, 30)
        b.headcount("STC", 2024, 10)
        Fixture.ldtt(&b, "SNV", 2024, count: 28)
        Fixture.cstdcs(&b, "SNV", 2024, count: 5)
        b.award("CSTD_TINH", year: 2024, person: "Người SNV 0", personCode: "SNV-0", unit: "SNV")
        b.award("TTLDTT", year: 2024, collective: true, unit: "SNV")
        Fixture.ldtt(&b, "STC", 2024, count: 6)
        b.award("TTLDTT", year: 2024, collective: true, unit: "STC")
        b.award("CO_TINH", year: 2024, collective: true, unit: "STC")
        Fixture.ldtt(&b, "SYT", 2023, count: 3)     // another year: not in T1 2024
        let data = b.build()
        let t = Aggregations.t1(data, year: 2024)
        #expect(t.rows.map(\.label) == ["Sở Nội vụ", "Sở Tài chính", "Tổng cộng"])
        #expect(t.value("don_vi:SNV", "tong_so") == .integer(30))
        #expect(t.value("don_vi:SNV", "ldtt") == .integer(28))
        #expect(display(t, "don_vi:SNV", "ldtt_ty_le") == "93,3%")
        #expect(t.value("don_vi:SNV", "cstdcs") == .integer(5))
        #expect(display(t, "don_vi:SNV", "cstdcs_ty_le") == "17,9%")
        #expect(t.value("don_vi:SNV", "vuot_ty_le") == .text("Vượt (tối đa 4)"))
        #expect(t.value("don_vi:STC", "vuot_ty_le") == .empty)
        #expect(t.value("don_vi:SNV", "cstd_tinh") == .integer(1))
        #expect(t.value("don_vi:STC", "co_tinh") == .integer(1))
        #expect(t.value("tong_cong", "tong_so") == .integer(40))
        #expect(t.value("tong_cong", "ldtt") == .integer(34))
        #expect(display(t, "tong_cong", "ldtt_ty_le") == "85,0%")
        #expect(display(t, "tong_cong", "cstdcs_ty_le") == "14,7%")
        #expect(t.value("tong_cong", "ttldtt") == .integer(2))
        #expect(t.inconsistencies().isEmpty, "\(t.inconsistencies())")
        // Sources: the LĐTT cell of SNV is its 28 award rows; the total follows the formula.
        let snv = t.row("don_vi:SNV")!, ldtt = t.column("ldtt")!
        let sources = t.sources(snv, ldtt)[.award] ?? []
        #expect(sources.count == 28)
        #expect(sources.allSatisfy { data.awards[Int($0)].unit == b.unitIndex(code: "SNV")! && data.awards[Int($0)].year == 2024 })
        #expect(t.sources(t.row("tong_cong")!, ldtt)[.award]?.count == 34)
        if case .linear(let terms) = t[t.row("tong_cong")!, ldtt].provenance {
            #expect(terms.map(\.cell.row) == [0, 1])
        } else {
            Issue.record("total is not a formula")
        }
        #expect(t[t.row("don_vi:SNV")!, t.column("ldtt_ty_le")!].provenance
                == .ratio(numerator: CellRef(row: 0, column: ldtt), denominator: CellRef(row: 0, column: t.column("tong_so")!)))
    }

    @Test func t1RollsUpToADepth() {
        var b = Fixture.province()
        b.unit("SNV_P1", "Phòng Tổ chức", parent: "SNV")
        b.headcount("SNV", 2024, 5)
        b.headcount("SNV_P1", 2024, 7)
        Fixture.ldtt(&b, "SNV", 2024, count: 4)
        Fixture.ldtt(&b, "SNV_P1", 2024, count: 6)
        let t = Aggregations.t1(b.build(), year: 2024, rollupDepth: 1)
        #expect(t.rows.map(\.label) == ["Sở Nội vụ", "Tổng cộng"])
        #expect(t.value("don_vi:SNV", "tong_so") == .integer(12))
        #expect(t.value("don_vi:SNV", "ldtt") == .integer(10))
        let flat = Aggregations.t1(b.build(), year: 2024)
        #expect(flat.rows.map(\.label) == ["Sở Nội vụ", "Phòng Tổ chức", "Tổng cộng"])
    }

    // MARK: T2, T3

    func formsData() -> ProvinceData {
        var b = Fixture.province()
        b.unit("X1", "UBND xã Một", parent: "UBND", level: .commune, type: .government)
        b.award("LDTT", year: 2024, person: "A", personCode: "A", unit: "SNV", category: .departmentLeader, female: true)
        b.award("LDTT", year: 2024, person: "B", personCode: "B", unit: "SNV", minority: true)
        b.award("LDTT", year: 2024, person: "C", personCode: "C", unit: "SNV")
        b.award("GK", year: 2024, collective: true, unit: "SNV")
        b.award("GK", year: 2024, household: "Hộ ông Nguyễn Văn D", unit: "X1", method: .thematic)
        b.award("BK_TINH", year: 2024, person: "A", personCode: "A", unit: "SNV")
        b.award("LDTT", year: 2023, person: "A", personCode: "A", unit: "SNV")
        b.award("LDTT", year: 2023, person: "B", personCode: "B", unit: "SNV")
        b.award("KNC", year: 2023, person: "C", personCode: "C", unit: "SNV", method: .dedication)
        return b.build()
    }

    @Test func t2FormsByLevelWithYearOverYear() {
        let t = Aggregations.t2(formsData(), year: 2024)
        #expect(t.rows.map(\.label) == ["Cấp Nhà nước", "Cấp tỉnh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Kỷ niệm chương",
                                        "Cấp cơ sở", "Lao động tiên tiến", "Giấy khen", "Tổng cộng"])
        let ldtt = "hinh_thuc:LDTT"
        #expect(t.value(ldtt, "ca_nhan") == .integer(3))
        #expect(t.value(ldtt, "lanh_dao") == .integer(1))
        #expect(t.value(ldtt, "truc_tiep") == .integer(2))
        #expect(t.value(ldtt, "nu") == .integer(1))
        #expect(t.value(ldtt, "dan_toc") == .integer(1))
        #expect(t.value(ldtt, "tong_so") == .integer(3))
        #expect(t.value(ldtt, "nam_truoc") == .integer(2))
        #expect(display(t, ldtt, "tang_giam") == "+1")
        #expect(display(t, ldtt, "ty_le") == "50,0%")
        #expect(t.value("hinh_thuc:GK", "tap_the") == .integer(1))
        #expect(t.value("hinh_thuc:GK", "ho_gia_dinh") == .integer(1))
        #expect(display(t, "hinh_thuc:GK", "ty_le") == "—")              // no Giấy khen in 2023
        #expect(display(t, "hinh_thuc:KNC", "tang_giam") == "-1")
        #expect(display(t, "hinh_thuc:KNC", "ty_le") == "-100,0%")
        #expect(t.value("cap:tinh", "tong_so") == .integer(1))
        #expect(t.value("cap:co_so", "tong_so") == .integer(5))
        #expect(t.value("tong_cong", "tong_so") == .integer(6))
        #expect(t.value("tong_cong", "nam_truoc") == .integer(3))
        #expect(display(t, "tong_cong", "ty_le") == "100,0%")
        #expect(t.value("cap:nha_nuoc", "tong_so") == .integer(0))
        #expect(t.inconsistencies().isEmpty, "\(t.inconsistencies())")
    }

    @Test func t2WomenColumnsAreASetting() {
        var data = formsData()
        data.settings.t2WomenAndMinorities = false
        let t = Aggregations.t2(data, year: 2024)
        #expect(t.column("nu") == nil && t.column("dan_toc") == nil)
        #expect(t.value("hinh_thuc:LDTT", "ca_nhan") == .integer(3))
    }

    @Test func t3ByMethod() {
        let t = Aggregations.t3(formsData(), year: 2024)
        #expect(t.rows.count == 8)
        #expect(t.value("loai_hinh:thuong_xuyen", "ca_nhan") == .integer(4))
        #expect(t.value("loai_hinh:thuong_xuyen", "tap_the") == .integer(1))
        #expect(t.value("loai_hinh:chuyen_de", "ho_gia_dinh") == .integer(1))
        #expect(t.value("loai_hinh:cong_hien", "nam_truoc") == .integer(1))
        #expect(display(t, "loai_hinh:cong_hien", "ty_le") == "-100,0%")
        #expect(t.value("tong_cong", "tong_so") == .integer(6))
        #expect(t.inconsistencies().isEmpty)
    }

    // MARK: Percentages

    @Test(arguments: [(1, 3, "33,3%"), (2, 3, "66,7%"), (1, 8, "12,5%"), (1, 16, "6,3%"), (-1, 16, "-6,3%"), (0, 5, "0,0%"), (3, 0, "—")])
    func percentagesUseADecimalCommaAndRoundHalfAwayFromZero(n: Int, d: Int, text: String) {
        #expect(ResultTable.display(.ratio(n, d), kind: .percent, percentDecimals: 1) == text)
    }

    // MARK: Clusters, T4

    @Test func clusterRanksTiesAndProposals() {
        var b = Fixture.province()
        b.unit("SXD", "Sở Xây dựng", parent: "UBND")
        Fixture.cluster(&b, year: 2024, members: ["SNV", "STC", "SYT", "SXD"],
                        scores: ["SNV": (45, 45, 0, 0), "STC": (40, 45, 0, 0), "SYT": (44, 41, 1, 1), "SXD": (35, 35, 0, 0)])
        let data = b.build()
        let r = Aggregations.clusterRankings(data, year: 2024)[0]
        func st(_ code: String) -> ClusterStanding { r.standing(b.unitIndex(code: code)!)! }
        #expect(st("SNV").total == 90 && st("SNV").rank == 1 && st("SNV").proposal == .flag && !st("SNV").tied)
        #expect(st("STC").total == 85 && st("STC").rank == 2 && st("STC").tied)
        #expect(st("SYT").total == 85 && st("SYT").rank == 2 && st("SYT").tied)
        #expect(st("SXD").rank == 4 && st("SXD").proposal == nil)
        // 4 ranked: 1 Cờ, then half of the other 3 rounded up = 2 Bằng khen (ranks 2–3: both tied units).
        #expect(r.certificates == 2)
        #expect(st("STC").proposal == .certificate && st("SYT").proposal == .certificate)

        let t = Aggregations.t4(data, year: 2024)
        #expect(t.rows.first?.kind == .group)
        #expect(t.value("don_vi:K1:SNV", "tong_diem") == .decimal(90))
        #expect(t.value("don_vi:K1:SNV", "de_nghi") == .text("Cờ thi đua"))
        #expect(t.value("don_vi:K1:SYT", "diem_cong") == .decimal(1))
        #expect(t.value("don_vi:K1:SYT", "diem_tru") == .decimal(1))
        #expect(t.value("don_vi:K1:SYT", "ghi_chu") == .text("Bằng điểm: cần bình xét"))
        #expect(t.value("don_vi:K1:SYT", "xep_hang") == .integer(2))
        #expect(t.inconsistencies().isEmpty, "\(t.inconsistencies())")

        // A tie-breaker separates them: fewer penalty points first.
        var settings = data.settings
        settings.tieBreakers = [.fewerPenalty]
        var broken = data
        broken.settings = settings
        let r2 = Aggregations.clusterRankings(broken, year: 2024)[0]
        #expect(r2.standing(b.unitIndex(code: "STC")!)?.rank == 2)
        #expect(r2.standing(b.unitIndex(code: "SYT")!)?.rank == 3)
        #expect(r2.standings.allSatisfy { !$0.tied })
    }

    @Test func bonusCapAndUnscoredMembers() {
        var settings = DomainSettings()
        settings.maxBonusPoints = 2
        var b = Fixture.province(settings: settings)
        Fixture.cluster(&b, year: 2024, members: ["SNV", "STC", "SYT"], scores: ["SNV": (40, 40, 5, 0), "STC": (40, 41, 0, 0)])
        let r = Aggregations.clusterRankings(b.build(), year: 2024)[0]
        #expect(r.standing(b.unitIndex(code: "SNV")!)?.total == 82)
        #expect(r.standing(b.unitIndex(code: "STC")!)?.rank == 2)
        #expect(r.standing(b.unitIndex(code: "SYT")!)?.total == nil)
        #expect(r.standing(b.unitIndex(code: "SYT")!)?.rank == nil)
        let t = Aggregations.t4(b.build(), year: 2024)
        #expect(t.value("don_vi:K1:SYT", "ghi_chu") == .text("Chưa chấm điểm"))
    }

    @Test(arguments: [(6, 3), (5, 2), (2, 1), (1, 0)])
    func certificatesAreHalfOfTheRestRoundedUp(members: Int, certificates: Int) {
        #expect(CertificateCount.halfOfRest.count(rankedUnits: members, flags: 1) == certificates)
    }

    // MARK: T5 and programme tracking

    @Test func t5Propaganda() {
        var b = Fixture.province()
        let snv = b.unitIndex(code: "SNV")!, stc = b.unitIndex(code: "STC")!
        for m in 1...2 {
            b.addPropaganda(PropagandaOutput(unit: snv, year: 2024, month: m, news: 3, articles: 1, reportages: 0,
                                             columnsPlanned: 8, columnsAired: 7, minutes: 70, origin: .none))
        }
        b.addPropaganda(PropagandaOutput(unit: stc, year: 2024, month: nil, news: 10, articles: 2, reportages: 1,
                                         columnsPlanned: 0, columnsAired: 0, minutes: 0, origin: .none))
        b.addPropaganda(PropagandaOutput(unit: stc, year: 2023, month: nil, news: 99, articles: 0, reportages: 0,
                                         columnsPlanned: 0, columnsAired: 0, minutes: 0, origin: .none))
        let t = Aggregations.t5(b.build(), year: 2024)
        #expect(t.value("don_vi:SNV", "tin") == .integer(6))
        #expect(t.value("don_vi:SNV", "cm_ke_hoach") == .integer(16))
        #expect(t.value("don_vi:SNV", "cm_da_phat") == .integer(14))
        #expect(t.value("don_vi:SNV", "thoi_luong") == .integer(140))
        #expect(display(t, "don_vi:SNV", "ty_le") == "87,5%")
        #expect(display(t, "don_vi:STC", "ty_le") == "—")
        #expect(t.value("tong_cong", "tin") == .integer(16))
        #expect(t.value("tong_cong", "phong_su") == .integer(1))
        #expect(t.sources(t.row("don_vi:SNV")!, t.column("tin")!)[.propaganda] == [0, 1])
        #expect(t.inconsistencies().isEmpty)
    }

    func programme(_ b: inout ProvinceBuilder) {
        let dp = b.unit("DPTTH", "Đài Phát thanh và Truyền hình tỉnh", parent: "UBND", type: .publicService)
        let snv = b.unitIndex(code: "SNV")!
        let start = Fixture.date(2023, 1, 1), end = Fixture.date(2025, 12, 31)
        b.addProgramme(Programme(code: "CT", name: "Thi đua yêu nước", number: nil, signedOn: nil, start: start, end: end,
                                 parties: [ProgrammeParty(unit: snv, signer: nil), ProgrammeParty(unit: dp, signer: nil)],
                                 contents: [], deliverables: [
                                    Deliverable(code: "CM", name: "Chuyên mục", kind: .column, party: dp, perPeriod: 2,
                                                frequency: .week, minutes: 10, start: start, end: end),
                                    Deliverable(code: "TD", name: "Tọa đàm", kind: .talk, party: snv, perPeriod: 1,
                                                frequency: .quarter, minutes: 30, start: start, end: end),
                                 ], origin: .none))
        for day in [2, 5, 9, 12, 16, 19, 23, 26, 30] {
            b.addDelivery(DeliveryRecord(programme: 0, deliverable: 0, date: Fixture.date(2024, 1, day), episodes: 1, minutes: nil,
                                         title: nil, origin: .none))
        }
        b.addDelivery(DeliveryRecord(programme: 0, deliverable: 1, date: Fixture.date(2024, 2, 20), episodes: 1, minutes: 45,
                                     title: nil, origin: .none))
    }

    @Test func plannedEpisodesAreWeeksTimesFrequency() {
        var b = Fixture.province()
        programme(&b)
        let d = b.build().programmes[0].deliverables[0]
        let y2023 = (1...12).reduce(0) { $0 + Aggregations.plannedEpisodes(d, year: 2023, month: $1) }
        let y2024 = (1...12).reduce(0) { $0 + Aggregations.plannedEpisodes(d, year: 2024, month: $1) }
        #expect(y2023 == 104)   // 52 Mondays × 2
        #expect(y2024 == 106)   // 2024 has 53 Mondays
        #expect(Aggregations.plannedEpisodes(d, year: 2024, month: 1) == 10)
        let q = b.build().programmes[0].deliverables[1]
        #expect((1...12).map { Aggregations.plannedEpisodes(q, year: 2024, month: $0) } == [1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0])
    }

    @Test func programmeTrackingPerPartyAndMonth() {
        var b = Fixture.province()
        programme(&b)
        let t = Aggregations.programmeTracking(b.build(), programme: 0, year: 2024)
        #expect(t.value("ben:DPTTH:2024-1", "ke_hoach") == .integer(10))
        #expect(t.value("ben:DPTTH:2024-1", "da_thuc_hien") == .integer(9))
        #expect(t.value("ben:DPTTH:2024-1", "phut_thuc_hien") == .integer(90))
        #expect(display(t, "ben:DPTTH:2024-1", "ty_le") == "90,0%")
        #expect(t.value("ben:DPTTH", "ke_hoach") == .integer(106))
        #expect(t.value("ben:DPTTH", "da_thuc_hien") == .integer(9))
        // SNV: a quarterly talk planned in January, delivered in February.
        #expect(t.value("ben:SNV:2024-1", "ke_hoach") == .integer(1))
        #expect(t.value("ben:SNV:2024-2", "ke_hoach") == .integer(0))
        #expect(t.value("ben:SNV:2024-2", "phut_thuc_hien") == .integer(45))
        #expect(t.value("ben:SNV", "ke_hoach") == .integer(4))
        #expect(t.value("tong_cong", "ke_hoach") == .integer(110))
        #expect(t.value("tong_cong", "phut_ke_hoach") == .integer(106 * 10 + 4 * 30))
        #expect(t.inconsistencies().isEmpty, "\(t.inconsistencies())")
    }

    // MARK: Forms

    @Test func form0601Movements() {
        var b = Fixture.province()
        let ubnd = b.unitIndex(code: "UBND")!, snv = b.unitIndex(code: "SNV")!
        func m(_ code: String, _ level: MovementLevel, _ scope: MovementScope, _ type: MovementType, _ s: CivilDate, _ e: CivilDate,
               by: Int32) -> Movement {
            Movement(code: code, name: code, theme: nil, launchedBy: by, launchedByText: nil, level: level, scope: scope, type: type,
                     launchDate: s, start: s, end: e, targets: [], plan: nil, origin: .none)
        }
        b.addMovement(m("M1", .provincial, .provincial, .regular, Fixture.date(2024, 1, 1), Fixture.date(2024, 12, 31), by: ubnd))
        b.addMovement(m("M2", .central, .national, .thematic, Fixture.date(2024, 1, 1), Fixture.date(2028, 12, 31), by: -1))
        b.addMovement(m("M3", .agency, .agency, .campaign, Fixture.date(2024, 2, 1), Fixture.date(2024, 6, 11), by: snv))
        b.addMovement(m("M4", .provincial, .provincial, .regular, Fixture.date(2023, 1, 1), Fixture.date(2025, 12, 31), by: ubnd))
        let data = b.build()
        #expect(data.movements.map(\.durationMonths) == [12, 60, 4, 36])
        let t = Aggregations.form0601(data, year: 2024)
        #expect(t.columns.map { $0.number ?? "" } == ["A", "B", "C", "1", "2", "3", "4"])
        #expect(t.value("ma_so:01", "tong_so") == .integer(3))
        #expect(t.value("ma_so:01", "trung_uong") == .integer(1))
        #expect(t.value("ma_so:01", "bo_nganh_tinh") == .integer(1))
        #expect(t.value("ma_so:01", "co_quan") == .integer(1))
        for (code, n) in [("02", 1), ("03", 1), ("04", 0), ("05", 1), ("06", 1), ("07", 1), ("08", 0), ("09", 0), ("10", 1), ("11", 2), ("12", 1)] {
            #expect(t.value("ma_so:\(code)", "tong_so") == .integer(n), "row \(code)")
        }
        #expect(t.inconsistencies().isEmpty, "\(t.inconsistencies())")
        var active = data
        active.settings.movementCounting = .active
        #expect(Aggregations.form0601(active, year: 2024).value("ma_so:01", "tong_so") == .integer(4))
    }

    @Test func form0602StateAwards() {
        var b = Fixture.province()
        b.unit("DN", "Công ty Cấp nước", parent: "UBND", type: .enterprise)
        b.unit("CT", "Cục Thuế tỉnh", parent: "UBND", type: .central)
        b.award("HC_LAO_DONG_3", year: 2024, collective: true, unit: "DN")
        b.award("HC_LAO_DONG_3", year: 2024, person: "A", personCode: "A", unit: "SNV", category: .provinceLeader)
        b.award("BK_TTG", year: 2024, person: "B", personCode: "B", unit: "CT", method: .dedication)
        b.award("CSTDTQ", year: 2024, person: "C", personCode: "C", unit: "SNV")
        b.award("LDTT", year: 2024, person: "D", personCode: "D", unit: "SNV")           // not state level
        let t = Aggregations.form0602(b.build(), year: 2024)
        #expect(t.title == "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC")
        #expect(t.rows.map { $0.code ?? "" } == ["01", "02", "03", "06", "07", "08", "09", "10", "11", "12", "13", "14",
                                                 "15", "16", "17", "18", "19", "20", "21"])
        #expect(t.value("ma_so:01", "tong_so") == .integer(4))
        #expect(t.value("ma_so:02", "tong_so") == .integer(1))
        #expect(t.value("ma_so:03", "tong_so") == .integer(3))
        #expect(t.value("ma_so:06", "tong_so") == .integer(1))
        #expect(t.value("ma_so:07", "tong_so") == .integer(1))
        #expect(t.value("ma_so:09", "tong_so") == .integer(3))
        #expect(t.value("ma_so:10", "tong_so") == .integer(1))
        #expect(t.value("ma_so:14", "tong_so") == .integer(2))
        #expect(t.value("ma_so:15", "tong_so") == .integer(3))
        #expect(t.value("ma_so:19", "tong_so") == .integer(1))
        #expect(t.value("ma_so:01", "Huân chương Lao động:tap_the") == .integer(1))
        #expect(t.value("ma_so:01", "Huân chương Lao động:ca_nhan") == .integer(1))
        #expect(t.value("ma_so:01", "Bằng khen của Thủ tướng Chính phủ:ca_nhan") == .integer(1))
        #expect(t.value("ma_so:01", "Chiến sĩ thi đua toàn quốc") == .integer(1))
        #expect(t.inconsistencies().isEmpty, "\(t.inconsistencies())")
        // Row 01 is a formula over 06, 08, 09; column 1 over every other column.
        let r01 = t.row(code: "01")!
        if case .linear(let terms) = t[r01, t.column("Chiến sĩ thi đua toàn quốc")!].provenance {
            #expect(terms.map { t.rows[$0.cell.row].code } == ["06", "08", "09"])
        } else {
            Issue.record("row 01 is not a formula")
        }
        if case .linear(let terms) = t[t.row(code: "09")!, 3].provenance {
            #expect(terms.count == t.columns.count - 4)
        } else {
            Issue.record("column 1 is not a formula")
        }
        #expect(t.relations.contains { $0.label == "01 = 02 + 03" })
        #expect(t.notes.first == "Biểu số: 0602.N/BNV-TĐKT")
    }

    @Test func form0603ProvincialAwards() {
        var b = Fixture.province()
        b.award("BK_TINH", year: 2024, person: "A", personCode: "A", unit: "SNV")
        b.award("BK_TINH", year: 2024, collective: true, unit: "STC")
        b.award("CSTD_TINH", year: 2024, person: "B", personCode: "B", unit: "SNV", category: .otherLeader)
        b.award("CO_TINH", year: 2024, collective: true, unit: "SNV")
        b.award("KNC", year: 2024, person: "C", personCode: "C", unit: "SYT", method: .dedication)
        b.award("TTLDXS", year: 2024, collective: true, unit: "SNV")     // provincial level, no 0603 column
        let t = Aggregations.form0603(b.build(), year: 2024)
        #expect(t.value("ma_so:01", "tong_so") == .integer(5))
        #expect(t.value("ma_so:01", "bang_khen") == .integer(2))
        #expect(t.value("ma_so:01", "cstd") == .integer(1))
        #expect(t.value("ma_so:01", "co_thi_dua") == .integer(1))
        #expect(t.value("ma_so:01", "huy_hieu") == .integer(1))
        #expect(t.value("ma_so:02", "tong_so") == .integer(2))
        #expect(t.value("ma_so:05", "tong_so") == .integer(3))
        #expect(t.value("ma_so:09", "tong_so") == .integer(1))        // lãnh đạo khác
        #expect(t.value("ma_so:10", "tong_so") == .integer(2))        // trực tiếp
        #expect(t.value("ma_so:11", "tong_so") == .integer(4))
        #expect(t.value("ma_so:15", "tong_so") == .integer(1))
        #expect(t.columns.map { $0.number ?? "" }.suffix(5) == ["1", "2", "3", "4", "5"])
        #expect(t.inconsistencies().isEmpty, "\(t.inconsistencies())")
    }

    @Test func allTablesOfAYear() {
        var b = Fixture.province()
        programme(&b)
        let tables = Aggregations.all(b.build(), year: 2024)
        #expect(tables.map(\.id) == ["T1", "T2", "T3", "T4", "T5", "0601", "0602", "0603", "CT:CT"])
    }
}
