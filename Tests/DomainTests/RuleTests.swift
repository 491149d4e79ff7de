import Testing
import Vietnamese
@testable import Domain

/// Each rule once passing and once broken, on hand-built data.
@Suite struct RuleTests {
    // MARK: R1

    @Test func r1CSTDCSNeedsLDTTTheSameYear() {
        var b = Fixture.province()
        Fixture.ldtt(&b, "SNV", 2024, count: 10)
        Fixture.cstdcs(&b, "SNV", 2024, count: 1)
        #expect(Fixture.violations(b.build(), .r1).isEmpty)
        // Person 20 has no LĐTT.
        Fixture.cstdcs(&b, "SNV", 2024, count: 1, from: 20)
        let v = Fixture.violations(b.build(), .r1)
        #expect(v.count == 1)
        #expect(v.first?.subjectCode == "SNV-20")
        #expect(v.first?.message == "Người SNV 20 (Sở Nội vụ): Chiến sĩ thi đua cơ sở năm 2024 nhưng không có Lao động tiên tiến (hoặc Chiến sĩ tiên tiến) năm 2024.")
        #expect(v.first?.article == "Điều 23 Luật Thi đua, khen thưởng 2022")
    }

    @Test func r1OptionallyNeedsExcellentRating() {
        var settings = DomainSettings()
        settings.cstdcsRequiresExcellent = true
        var b = Fixture.province(settings: settings)
        b.award("LDTT", year: 2024, person: "A", personCode: "A", unit: "SNV", rating: .good)
        b.award("CSTDCS", year: 2024, person: "A", personCode: "A", unit: "SNV")
        b.award("LDTT", year: 2024, person: "B", personCode: "B", unit: "SNV", rating: .excellent)
        b.award("CSTDCS", year: 2024, person: "B", personCode: "B", unit: "SNV")
        let v = Fixture.violations(b.build(), .r1)
        #expect(v.map(\.subjectCode) == ["A"])
        #expect(v.first?.message.contains("«Hoàn thành tốt nhiệm vụ»") == true)
    }

    // MARK: R2

    @Test func r2CapIsFifteenPercentOfLDTTRoundedDown() {
        var b = Fixture.province()
        b.headcount("SNV", 2024, 30)
        Fixture.ldtt(&b, "SNV", 2024, count: 28)
        Fixture.cstdcs(&b, "SNV", 2024, count: 4)
        #expect(Fixture.violations(b.build(), .r2).isEmpty)
        Fixture.cstdcs(&b, "SNV", 2024, count: 1, from: 4)
        let v = Fixture.violations(b.build(), .r2)
        #expect(v.count == 1)
        #expect(v.first?.message == "Sở Nội vụ: 5 CSTĐCS > 15 % × 28 LĐTT = 4 (năm 2024, làm tròn xuống).")
        #expect(v.first?.numbers == ["cstdcs": 5, "ldtt": 28, "toi_da": 4])
        #expect(v.first?.awards.count == 5)
    }

    @Test(arguments: [(QuotaRounding.floor, 4), (.nearest, 4), (.ceiling, 5)])
    func r2RoundingIsASetting(rounding: QuotaRounding, quota: Int) {
        var settings = DomainSettings()
        settings.cstdcsCapRounding = rounding
        var b = Fixture.province(settings: settings)
        Fixture.ldtt(&b, "SNV", 2024, count: 28)
        Fixture.cstdcs(&b, "SNV", 2024, count: 5)
        let v = Fixture.violations(b.build(), .r2)
        #expect(v.count == (5 > quota ? 1 : 0))
        #expect(rounding.quota(percent: 15, of: 28) == quota)
    }

    @Test func r2CountsPeopleNotRows() {
        var b = Fixture.province()
        Fixture.ldtt(&b, "SNV", 2024, count: 7)        // quota 1
        Fixture.cstdcs(&b, "SNV", 2024, count: 1)
        Fixture.cstdcs(&b, "SNV", 2024, count: 1)      // the same person twice: R9, not R2
        let data = b.build()
        #expect(Fixture.violations(data, .r2).isEmpty)
        // Twice the same title, and the same initiative used twice.
        let r9 = Fixture.violations(data, .r9).map(\.message)
        #expect(r9.count == 2)
        #expect(r9.contains { $0.contains("«Chiến sĩ thi đua cơ sở» năm 2024 có 2 lần") })
        #expect(r9.contains { $0.contains("Sáng kiến «SK-SNV-2024-0» được dùng 2 lần") })
    }

    // MARK: R3, R4

    @Test func r3NeedsThreeConsecutiveCSTDCS() {
        var b = Fixture.province()
        for y in [2022, 2023, 2024] {
            b.award("LDTT", year: y, person: "A", personCode: "A", unit: "SNV")
            b.award("CSTDCS", year: y, person: "A", personCode: "A", unit: "SNV", initiative: "SK-\(y)")
        }
        b.award("CSTD_TINH", year: 2024, person: "A", personCode: "A", unit: "SNV")
        // B lacks 2022 (and the data has awards for 2022, so history is there).
        for y in [2023, 2024] {
            b.award("LDTT", year: y, person: "B", personCode: "B", unit: "SNV")
            b.award("CSTDCS", year: y, person: "B", personCode: "B", unit: "SNV", initiative: "SK-B-\(y)")
        }
        b.award("CSTD_TINH", year: 2024, person: "B", personCode: "B", unit: "SNV")
        let v = Fixture.violations(b.build(), .r3, years: [2024])
        #expect(v.map(\.subjectCode) == ["B"])
        #expect(v.first?.message == "B (Sở Nội vụ): Chiến sĩ thi đua cấp tỉnh năm 2024 nhưng không có Chiến sĩ thi đua cơ sở năm 2022 (cần 3 năm liên tục 2022–2024).")
    }

    @Test func r3SaysWhenHistoryIsMissing() {
        var b = Fixture.province()
        b.award("CSTD_TINH", year: 2024, person: "C", personCode: "C", unit: "SNV")
        let v = Fixture.violations(b.build(), .r3)
        #expect(v.count == 1)
        #expect(v.first?.message.contains("không có Chiến sĩ thi đua cơ sở năm 2022, 2023, 2024") == true)
        #expect(v.first?.message.contains("Dữ liệu không có khen thưởng năm 2022, 2023") == true)
    }

    @Test func r4NeedsTwoConsecutiveCSTDTinh() {
        var b = Fixture.province()
        b.award("CSTD_TINH", year: 2021, person: "A", personCode: "A", unit: "SNV")
        b.award("CSTD_TINH", year: 2024, person: "A", personCode: "A", unit: "SNV")
        b.award("CSTDTQ", year: 2024, person: "A", personCode: "A", unit: "SNV")
        b.award("CSTD_TINH", year: 2024, person: "B", personCode: "B", unit: "SNV")
        b.award("CSTDTQ", year: 2024, person: "B", personCode: "B", unit: "SNV")
        b.award("CSTD_TINH", year: 2019, person: "C", personCode: "C", unit: "SNV")
        b.award("CSTD_TINH", year: 2024, person: "C", personCode: "C", unit: "SNV")
        b.award("CSTDTQ", year: 2024, person: "C", personCode: "C", unit: "SNV")
        let v = Fixture.violations(b.build(), .r4, years: [2024])
        #expect(v.map(\.subjectCode) == ["B", "C"])
        #expect(v[0].message.contains("chỉ có năm 2024"))
        #expect(v[1].message.contains("chỉ có năm 2019, 2024"))
        #expect(v[1].message.contains("cách nhau không quá 3 năm"))
    }

    // MARK: R5, R6

    @Test func r5TTLDXSCriteria() {
        var b = Fixture.province()
        b.headcount("SNV", 2024, 10, completed: 10, disciplined: 0)
        Fixture.ldtt(&b, "SNV", 2024, count: 7)
        Fixture.cstdcs(&b, "SNV", 2024, count: 1)
        b.award("TTLDXS", year: 2024, collective: true, unit: "SNV")
        #expect(Fixture.violations(b.build(), .r5).isEmpty)

        b.headcount("STC", 2024, 10, completed: 9, disciplined: 1)
        Fixture.ldtt(&b, "STC", 2024, count: 6)
        b.award("TTLDXS", year: 2024, collective: true, unit: "STC")
        let v = Fixture.violations(b.build(), .r5)
        #expect(v.count == 1)
        #expect(v.first?.unitCode == "STC")
        #expect(v.first?.subject == nil)
        #expect(v.first?.message == "Sở Tài chính: Tập thể lao động xuất sắc năm 2024 nhưng 6 LĐTT / 10 người = 60,0% < 70 %; 0 CSTĐCS < 1; 1 người bị kỷ luật từ cảnh cáo trở lên; không phải 100 % hoàn thành nhiệm vụ.")
    }

    @Test func r5WithoutHeadcountIsReported() {
        var b = Fixture.province()
        b.award("TTLDXS", year: 2024, collective: true, unit: "SYT")
        let v = Fixture.violations(b.build(), .r5)
        #expect(v.count == 1)
        #expect(v.first?.message.contains("không có số lao động năm 2024") == true)
    }

    @Test func r6TTLDTTNeedsMoreThanHalf() {
        var b = Fixture.province()
        b.headcount("SNV", 2024, 10, disciplined: 0)
        Fixture.ldtt(&b, "SNV", 2024, count: 6)
        b.award("TTLDTT", year: 2024, collective: true, unit: "SNV")
        b.headcount("STC", 2024, 10)
        Fixture.ldtt(&b, "STC", 2024, count: 5)
        b.award("TTLDTT", year: 2024, collective: true, unit: "STC")
        b.headcount("SYT", 2024, 10, disciplined: 2)
        Fixture.ldtt(&b, "SYT", 2024, count: 9)
        b.award("TTLDTT", year: 2024, collective: true, unit: "SYT")
        let v = Fixture.violations(b.build(), .r6)
        #expect(v.map(\.unitCode) == ["STC", "SYT"])
        #expect(v[0].message == "Sở Tài chính: Tập thể lao động tiên tiến năm 2024 nhưng 5 LĐTT / 10 người = 50,0%, không trên 50 %.")
        #expect(v[1].message.contains("2 người bị kỷ luật từ cảnh cáo trở lên"))
    }

    // MARK: R7, R8

    @Test func r7FlagGoesToTheClusterLeader() {
        var b = Fixture.province()
        Fixture.cluster(&b, year: 2024, members: ["SNV", "STC", "SYT"],
                        scores: ["SNV": (45, 45, 1, 0), "STC": (40, 40, 0, 0), "SYT": (30, 30, 0, 0)])
        b.award("CO_TINH", year: 2024, collective: true, unit: "SNV")
        #expect(Fixture.violations(b.build(), .r7).isEmpty)
        b.award("CO_TINH", year: 2024, collective: true, unit: "STC")
        let v = Fixture.violations(b.build(), .r7)
        #expect(v.count == 1)
        #expect(v.first?.message == "Sở Tài chính: Cờ thi đua của Ủy ban nhân dân tỉnh năm 2024 nhưng xếp hạng 2/3 trong «Khối K1» (chỉ đơn vị xếp hạng 1 được đề nghị).")
    }

    @Test func r7OutsideAnyClusterIsReported() {
        var b = Fixture.province()
        b.award("CO_TINH", year: 2024, collective: true, unit: "SYT")
        let v = Fixture.violations(b.build(), .r7)
        #expect(v.first?.message.contains("không thuộc cụm, khối thi đua nào năm 2024") == true)
    }

    @Test func r8GovernmentFlagNeedsFirstPlace() {
        var b = Fixture.province()
        Fixture.cluster(&b, year: 2024, members: ["SNV", "STC"], scores: ["SNV": (45, 45, 0, 0), "STC": (40, 40, 0, 0)],
                        flags: 2)
        b.award("CO_CP", year: 2024, collective: true, unit: "SNV")
        b.award("CO_CP", year: 2024, collective: true, unit: "STC")
        b.award("CO_TINH", year: 2024, collective: true, unit: "STC")   // allowed: this cluster gives 2 flags
        let data = b.build()
        #expect(Fixture.violations(data, .r7).isEmpty)
        let v = Fixture.violations(data, .r8)
        #expect(v.map(\.unitCode) == ["STC"])
        #expect(v.first?.article == "Điều 25 Luật Thi đua, khen thưởng 2022")
    }

    // MARK: R9

    @Test func r9SameFormTwiceInAYear() {
        var b = Fixture.province()
        b.award("GK", year: 2024, person: "A", personCode: "A", unit: "SNV", decision: "1/QĐ-SNV", line: 5)
        b.award("GK", year: 2023, person: "A", personCode: "A", unit: "SNV", decision: "1/QĐ-SNV", line: 6)
        #expect(Fixture.violations(b.build(), .r9, years: [2023, 2024]).isEmpty)
        b.award("GK", year: 2024, person: "A", personCode: "A", unit: "SNV", decision: "9/QĐ-SNV", line: 9)
        let v = Fixture.violations(b.build(), .r9, years: [2023, 2024])
        #expect(v.count == 1)
        #expect(v.first?.message == "A (Sở Nội vụ): «Giấy khen» năm 2024 có 2 lần (dòng 5, 9) — một thành tích chỉ khen một lần.")
    }

    @Test func r9OneDecisionForTwoForms() {
        var b = Fixture.province()
        b.award("LDTT", year: 2024, person: "A", personCode: "A", unit: "SNV", decision: "5/QĐ-SNV")
        b.award("GK", year: 2024, person: "A", personCode: "A", unit: "SNV", decision: "6/QĐ-SNV")
        #expect(Fixture.violations(b.build(), .r9).isEmpty)
        b.award("CSTDCS", year: 2024, person: "A", personCode: "A", unit: "SNV", decision: "5/QĐ-SNV", initiative: "X")
        let v = Fixture.violations(b.build(), .r9)
        #expect(v.count == 1)
        #expect(v.first?.message.contains("quyết định 5/QĐ-SNV dùng cho 2 hình thức") == true)
    }

    @Test func r9OneInitiativeUsedTwice() {
        var b = Fixture.province()
        b.award("LDTT", year: 2023, person: "A", personCode: "A", unit: "SNV")
        b.award("CSTDCS", year: 2023, person: "A", personCode: "A", unit: "SNV", initiative: "SK-01")
        b.award("LDTT", year: 2024, person: "A", personCode: "A", unit: "SNV")
        b.award("CSTDCS", year: 2024, person: "A", personCode: "A", unit: "SNV", initiative: "SK-02")
        #expect(Fixture.violations(b.build(), .r9, years: [2024]).isEmpty)
        b.award("LDTT", year: 2024, person: "B", personCode: "B", unit: "SNV")
        b.award("CSTDCS", year: 2024, person: "B", personCode: "B", unit: "SNV", initiative: "SK-01")
        let v = Fixture.violations(b.build(), .r9, years: [2024])
        #expect(v.count == 1)
        #expect(v.first?.subjectCode == "B")
        #expect(v.first?.message.contains("Sáng kiến «SK-01» được dùng 2 lần") == true)
    }

    // MARK: R10

    @Test func r10AwardeeMustBeOnTheYearsList() {
        var b = Fixture.province()
        b.unit("SNGV", "Sở Ngoại vụ", parent: "UBND", to: 2022)
        let on = b.award("GK", year: 2024, person: "A", personCode: "A", unit: "SNV")
        let snv = b.unitIndex(code: "SNV")!, stc = b.unitIndex(code: "STC")!
        b.addRating(YearRating(subject: b.build().awards[on].subject, year: 2024, unit: snv, rating: .good))
        #expect(Fixture.violations(b.build(), .r10).isEmpty)
        b.award("GK", year: 2024, person: "B", personCode: "B", unit: "SNV")                 // not listed
        let moved = b.award("GK", year: 2024, person: "C", personCode: "C", unit: "SNV")     // listed elsewhere
        b.addRating(YearRating(subject: b.build().awards[moved].subject, year: 2024, unit: stc, rating: .good))
        b.award("GK", year: 2024, collective: true, unit: "SNGV")                             // unit gone
        let v = Fixture.violations(b.build(), .r10)
        #expect(v.count == 3)
        let byCode = Dictionary(grouping: v, by: { $0.subjectCode ?? $0.unitCode ?? "" })
        #expect(byCode["B"]?.first?.message.contains("không có trong danh sách cán bộ, người lao động năm 2024") == true)
        #expect(byCode["C"]?.first?.message.contains("ghi thuộc «Sở Tài chính»") == true)
        #expect(byCode["SNGV"]?.first?.message.contains("chỉ có trong danh sách đơn vị các năm …–2022") == true)
    }

    // MARK: R11, R12

    @Test func r11IsOffByDefaultAndChecksTwoExcellentYears() {
        func build(_ enabled: Bool) -> ProvinceData {
            var settings = DomainSettings()
            settings.r11Enabled = enabled
            var b = Fixture.province(settings: settings)
            for (code, r2023) in [("A", Rating.excellent), ("B", Rating.good)] {
                b.award("LDTT", year: 2023, person: code, personCode: code, unit: "SNV", rating: r2023)
                b.award("LDTT", year: 2024, person: code, personCode: code, unit: "SNV", rating: .excellent)
                b.award("BK_TINH", year: 2024, person: code, personCode: code, unit: "SNV")
            }
            return b.build()
        }
        #expect(Fixture.violations(build(false), .r11, years: [2024]).isEmpty)
        let v = Fixture.violations(build(true), .r11, years: [2024])
        #expect(v.map(\.subjectCode) == ["B"])
        #expect(v.first?.message.contains("2023: «Hoàn thành tốt nhiệm vụ»") == true)
    }

    @Test func r12LDTTNeedsAGoodRating() {
        var b = Fixture.province()
        b.award("LDTT", year: 2024, person: "A", personCode: "A", unit: "SNV", rating: .good)
        b.award("LDTT", year: 2024, person: "B", personCode: "B", unit: "SNV", rating: .completed)
        b.award("LDTT", year: 2024, person: "C", personCode: "C", unit: "SNV")
        let report = RuleChecker.check(b.build())
        let v = report.violations.filter { $0.rule == .r12 }
        #expect(v.map(\.subjectCode) == ["B"])
        #expect(v.first?.message == "B (Sở Nội vụ): Lao động tiên tiến năm 2024 nhưng xếp loại «Hoàn thành nhiệm vụ», chưa đạt «Hoàn thành tốt nhiệm vụ».")
        #expect(report.notCheckable[.r12] == 1)
    }

    // MARK: Report

    @Test func violationsAreGroupedByUnitInHierarchyOrder() {
        var b = Fixture.province()
        b.award("LDTT", year: 2024, person: "Z", personCode: "Z", unit: "SYT", rating: .completed)
        b.award("LDTT", year: 2024, person: "Y", personCode: "Y", unit: "SNV", rating: .completed)
        b.award("CSTDCS", year: 2024, person: "X", personCode: "X", unit: "SNV", initiative: "i")
        let report = RuleChecker.check(b.build())
        #expect(report.violations.map(\.unitCode) == ["SNV", "SNV", "SNV", "SYT"])
        #expect(report.violations.prefix(3).map(\.rule) == [.r1, .r2, .r12])
        #expect(report.checkedYears == [2024])
        #expect(!report.rulesRun.contains(.r11))
    }
}
