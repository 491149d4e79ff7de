import PropertyBased
import Testing
@testable import Vietnamese

private func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
    // Test inputs are known-valid; a failure here is a test bug, reported as a test failure.
    (try? CivilDate(year: y, month: m, day: d)) ?? CivilDate.minimum
}

@Suite struct CivilDateTests {
    @Test func leapYears() {
        #expect(CivilDate.isLeapYear(2024))
        #expect(CivilDate.isLeapYear(2000))
        #expect(!CivilDate.isLeapYear(1900))
        #expect(!CivilDate.isLeapYear(2023))
        #expect(CivilDate.daysInMonth(year: 2024, month: 2) == 29)
        #expect(CivilDate.daysInMonth(year: 2023, month: 2) == 28)
        #expect(CivilDate.daysInMonth(year: 2023, month: 13) == nil)
    }

    @Test(arguments: [(2024, 2, 30), (2023, 2, 29), (1900, 2, 29), (2024, 4, 31), (2024, 13, 1), (2024, 0, 1),
                      (2024, 1, 0), (0, 1, 1), (10000, 1, 1), (Int.max, 1, 1), (2024, Int.min, 1)])
    func invalidDatesThrow(y: Int, m: Int, d: Int) {
        #expect(throws: VietnameseTextError.self) { try CivilDate(year: y, month: m, day: d) }
        #expect(!CivilDate.isValid(year: y, month: m, day: d))
    }

    @Test func validEdges() throws {
        #expect(try CivilDate(year: 2000, month: 2, day: 29).day == 29)
        #expect(try CivilDate(year: 1, month: 1, day: 1) == CivilDate.minimum)
        #expect(try CivilDate(year: 9999, month: 12, day: 31) == CivilDate.maximum)
    }

    @Test func daysSince1970() throws {
        #expect(date(1970, 1, 1).daysSince1970 == 0)
        #expect(date(1969, 12, 31).daysSince1970 == -1)
        #expect(date(2000, 3, 1).daysSince1970 == 11017)
        #expect(date(2024, 2, 3).daysSince1970 == 19756)
        #expect(try CivilDate(daysSince1970: 19756) == date(2024, 2, 3))
        #expect(throws: VietnameseTextError.self) { try CivilDate(daysSince1970: Int.max) }
        #expect(throws: VietnameseTextError.self) { try CivilDate(daysSince1970: Int.min) }
    }

    @Test func excelSerials() throws {
        #expect(try CivilDate(excelSerial: 1) == date(1900, 1, 1))
        #expect(try CivilDate(excelSerial: 59) == date(1900, 2, 28))
        #expect(try CivilDate(excelSerial: 61) == date(1900, 3, 1))
        #expect(try CivilDate(excelSerial: 45325) == date(2024, 2, 3))
        #expect(try CivilDate(excelSerial: 2_958_465) == date(9999, 12, 31))
        #expect(date(1900, 1, 1).excelSerial == 1)
        #expect(date(1900, 2, 28).excelSerial == 59)
        #expect(date(1900, 3, 1).excelSerial == 61)
        #expect(date(2024, 2, 3).excelSerial == 45325)
        #expect(date(1899, 12, 31).excelSerial == nil)
        for bad in [0, -1, 60, 2_958_466, Int.max, Int.min] {
            #expect(throws: VietnameseTextError.self) { try CivilDate(excelSerial: bad) }
        }
        let error = failure { () throws(VietnameseTextError) in try CivilDate(excelSerial: 60) }
        #expect(error?.code == .invalidExcelSerial)
        #expect(error?.message.contains("29/02/1900") == true)
    }

    @Test func roundTripThroughDayCountsAndSerials() async {
        await propertyCheck(count: 2000, input: Gen.int(in: CivilDate.minimum.daysSince1970...CivilDate.maximum.daysSince1970)) { days in
            let d = try CivilDate(daysSince1970: days)
            #expect(d.daysSince1970 == days)
            #expect(CivilDate.isValid(year: d.year, month: d.month, day: d.day))
            if let serial = d.excelSerial {
                #expect(try CivilDate(excelSerial: serial) == d)
            }
            #expect(try CivilDate.parse(d.formatted(.numeric)) == d)
            #expect(try CivilDate.parse(d.formatted(.iso)) == d)
            #expect(try CivilDate.parse(d.formatted(.official)) == d)
        }
    }

    @Test func orderFollowsDays() async {
        let g = Gen.int(in: -800_000...2_900_000)
        await propertyCheck(count: 500, input: g, g) { a, b in
            let x = try CivilDate(daysSince1970: a), y = try CivilDate(daysSince1970: b)
            #expect((x < y) == (a < b))
        }
    }
}

@Suite struct DateFormattingTests {
    @Test(arguments: [
        (2021, 2, 5, "ngày 05 tháng 02 năm 2021"),
        (2019, 4, 11, "ngày 11 tháng 4 năm 2019"),
        (2020, 1, 5, "ngày 05 tháng 01 năm 2020"),
        (2019, 6, 29, "ngày 29 tháng 6 năm 2019"),
        (2021, 3, 8, "ngày 08 tháng 3 năm 2021"),
        (2024, 12, 31, "ngày 31 tháng 12 năm 2024"),
        (2024, 10, 1, "ngày 01 tháng 10 năm 2024"),
        (2024, 11, 10, "ngày 10 tháng 11 năm 2024"),
    ])
    func officialForm(y: Int, m: Int, d: Int, text: String) {
        #expect(date(y, m, d).formatted(.official) == text)
        #expect(date(y, m, d).formatted() == text)
    }

    @Test func leadingZeroRuleForEveryDayAndMonth() {
        for m in 1...12 {
            for d in 1...(CivilDate.daysInMonth(year: 2024, month: m) ?? 0) {
                let text = date(2024, m, d).formatted(.official)
                let dayText = d < 10 ? "0\(d)" : "\(d)"
                let monthText = m <= 2 ? "0\(m)" : "\(m)"
                #expect(text == "ngày \(dayText) tháng \(monthText) năm 2024")
            }
        }
    }

    @Test func placeLineAndShortForms() {
        #expect(date(2019, 4, 11).placeLine("Kiên Giang") == "Kiên Giang, ngày 11 tháng 4 năm 2019")
        #expect(date(2020, 1, 5).placeLine("  Hà   Nội ") == "Hà Nội, ngày 05 tháng 01 năm 2020")
        #expect(date(2019, 6, 29).placeLine("Thành phố Hồ Chí Minh") == "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019")
        #expect(date(2021, 2, 5).formatted(.numeric) == "05/02/2021")
        #expect(date(2019, 11, 4).formatted(.numeric) == "04/11/2019")
        #expect(date(2021, 2, 5).formatted(.iso) == "2021-02-05")
        #expect(date(33, 2, 5).formatted(.iso) == "0033-02-05")
        #expect(date(2021, 2, 5).description == "2021-02-05")
    }

    @Test func blankDraftLine() {
        #expect(CivilDate.blankOfficialLine(year: 2024) == "ngày      tháng    năm 2024")
        #expect(CivilDate.blankOfficialLine(year: 2024, place: "Kiên Giang") == "Kiên Giang, ngày      tháng    năm 2024")
    }

    @Test func outputIsNFC() {
        let line = date(2019, 4, 11).placeLine("Ha\u{300} Nô\u{323}i")
        #expect(Array(line.unicodeScalars) == Array(Vietnamese.nfc(line).unicodeScalars))
        #expect(line.hasPrefix("Hà Nội, "))
    }
}

@Suite struct DateParsingTests {
    @Test(arguments: [
        ("05/02/2021", 2021, 2, 5), ("5/2/2021", 2021, 2, 5), ("05-02-2021", 2021, 2, 5), ("05.02.2021", 2021, 2, 5),
        ("5/2/21", 2021, 2, 5), ("5/2/69", 2069, 2, 5), ("5/2/70", 1970, 2, 5), ("31/12/99", 1999, 12, 31), ("1/1/00", 2000, 1, 1),
        ("2024-02-03", 2024, 2, 3), ("2024-02-03T00:00:00", 2024, 2, 3), ("2024-02-03 00:00:00", 2024, 2, 3),
        ("2024-02-03T08:30", 2024, 2, 3), ("2024-02-03T08:30:15.250Z", 2024, 2, 3), ("2024-02-03T08:30:15+07:00", 2024, 2, 3),
        ("03/02/2024 0:00", 2024, 2, 3), ("03/02/2024 8:05 SA", 2024, 2, 3), ("2024/2/3", 2024, 2, 3),
        ("45325", 2024, 2, 3), ("45325.0", 2024, 2, 3), ("45325.75", 2024, 2, 3), ("1", 1900, 1, 1), ("61", 1900, 3, 1),
        ("2958465", 9999, 12, 31),
        ("ngày 05 tháng 02 năm 2021", 2021, 2, 5), ("Ngày 5 tháng 2 năm 2021", 2021, 2, 5),
        ("NGÀY 5 THÁNG 2 NĂM 2021", 2021, 2, 5), ("  ngày   05  tháng 02\tnăm 2021. ", 2021, 2, 5),
        ("Hà Nội, ngày 05 tháng 01 năm 2020", 2020, 1, 5), ("Kiên Giang, ngày 11 tháng 4 năm 2019", 2019, 4, 11),
        ("Thành phố Hồ Chí Minh,ngày 29 tháng 6 năm 2019", 2019, 6, 29),
        ("Nga\u{300}y 5 tha\u{301}ng 2 năm 2021", 2021, 2, 5),  // NFD
        ("ngày 05/02/2021", 2021, 2, 5),
        ("\u{00A0}05/02/2021\u{00A0}", 2021, 2, 5),
    ])
    func accepted(text: String, y: Int, m: Int, d: Int) throws {
        #expect(try CivilDate.parse(text) == date(y, m, d))
    }

    @Test func twoDigitYearCutoffIsAParameter() throws {
        #expect(try CivilDate.parse("15/03/45").year == 2045)
        #expect(try CivilDate.parse("15/03/45", twoDigitYearCutoff: 29).year == 1945)
        #expect(try CivilDate.parse("15/03/29", twoDigitYearCutoff: 29).year == 2029)
    }

    @Test(arguments: ["31/02/2024", "29/02/2023", "32/01/2024", "00/01/2024", "01/13/2024", "2024-02-30", "ngày 31 tháng 4 năm 2024"])
    func nonexistentDates(text: String) {
        let error = failure { () throws(VietnameseTextError) in try CivilDate.parse(text) }
        #expect(error != nil, "accepted \(text)")
        #expect(error?.code == .invalidDate)
        #expect(error?.value == text)
        #expect(error?.message.contains(text) == true)
        #expect(error?.message.hasPrefix("Ngày không tồn tại") == true)
    }

    @Test(arguments: ["", "   ", "abc", "05/02", "05/02/2021/1", "05/02-2021", "5/2/021", "5/2/20211", "123/2/2021",
                      "2024-02-03X", "2024-02-03T", "2024-02-03T25", "2024-02-03 hello", "ngày tháng năm 2024",
                      "ngày 05 tháng 02 năm 21", "ngày 5 tháng 2", "05/02/2021 0:00 xyz", "45325.", ".5", "-5", "١/٢/٢٠٢١",
                      "ngày      tháng    năm 2024", "0x45325", "05 / 02 / 2021"])
    func badFormats(text: String) {
        let error = failure { () throws(VietnameseTextError) in try CivilDate.parse(text) }
        #expect(error != nil, "accepted \(text)")
        #expect(error?.code == .invalidDateFormat)
        #expect(error?.value == text)
        #expect(error?.message.hasPrefix("Không đọc được ngày") == true)
    }

    @Test(arguments: ["0", "60", "2958466", "99999999", "99999999999999999999999999"])
    func badSerials(text: String) {
        let error = failure { () throws(VietnameseTextError) in try CivilDate.parse(text) }
        #expect(error != nil, "accepted \(text)")
        #expect(error?.code == .invalidExcelSerial)
        #expect(error?.value == text)
    }

    @Test func neverCrashesOnRandomText() async {
        let pool: [Character] = Array("0123456789/-.: Tngàyhálong,NGÀY\u{0}\u{300}é9") + ["\u{1F600}", "\u{FFFD}"]
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(pool.count - 1)).array(of: 0...24)) { picks in
            let text = String(picks.map { pool[$0] })
            switch Result(catching: { () throws(VietnameseTextError) in try CivilDate.parse(text) }) {
            case .success(let d): #expect(CivilDate.isValid(year: d.year, month: d.month, day: d.day))
            case .failure(let error): #expect(!error.message.isEmpty)
            }
        }
    }
}
