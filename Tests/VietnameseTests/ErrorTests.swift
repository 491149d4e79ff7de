import Testing
@testable import Vietnamese

@Suite struct ErrorMessageTests {
    /// One failing call per error path, with the value the message must quote.
    static let failures: [(VietnameseTextError?, String)] = [
        (failure { () throws(VietnameseTextError) in try CivilDate.parse("31/02/2024") }, "31/02/2024"),
        (failure { () throws(VietnameseTextError) in try CivilDate.parse("hôm qua") }, "hôm qua"),
        (failure { () throws(VietnameseTextError) in try CivilDate.parse("60") }, "29/02/1900"),
        (failure { () throws(VietnameseTextError) in try CivilDate(excelSerial: 0) }, "0"),
        (failure { () throws(VietnameseTextError) in try CivilDate(year: 2023, month: 2, day: 29) }, "29/02/2023"),
        (failure { () throws(VietnameseTextError) in try CivilDate(daysSince1970: 10_000_000) }, "10000000"),
        (failure { () throws(VietnameseTextError) in try VietnameseNumber.parse("12.5") }, "12.5"),
        (failure { () throws(VietnameseTextError) in try VietnameseNumber.parse("") }, "ô trống"),
        (failure { () throws(VietnameseTextError) in try VietnameseNumber.parseInteger("1,5") }, "1,5"),
        (failure { () throws(VietnameseTextError) in try VietnameseNumber.parse(String(repeating: "9", count: 50)) }, "999"),
        (failure { () throws(VietnameseTextError) in try NumberWords.words(Int.max) }, "9.223.372.036.854.775.807"),
        (failure { () throws(VietnameseTextError) in try RomanNumeral.parse("IIII") }, "IIII"),
        (failure { () throws(VietnameseTextError) in try RomanNumeral.format(4000) }, "4000"),
        (failure { () throws(VietnameseTextError) in try DocumentNumber.parse("57/kh-UBND") }, "57/kh-UBND"),
        (failure { () throws(VietnameseTextError) in try DocumentNumber.parse("57/XYZ") }, "57/XYZ"),
        (failure { () throws(VietnameseTextError) in try LegacyEncoding.tcvn3.encode("Ánh") }, "Á"),
        (failure { () throws(VietnameseTextError) in try LegacyEncoding.windows1258.decode([0x8A]) }, "0x8A"),
    ]

    @Test func messagesAreVietnameseNFCAndNameTheValue() {
        for (error, quoted) in Self.failures {
            guard let error else {
                Issue.record("a call expected to fail succeeded (\(quoted))")
                continue
            }
            #expect(!error.message.isEmpty)
            #expect(error.description == error.message)
            #expect(isNFC(error.message), "\(error.message)")
            #expect(error.message.contains(quoted), "\(error.message)")
            // Vietnamese: every message has at least one letter with a diacritic.
            #expect(error.message.unicodeScalars.contains { $0.value >= 0xC0 && $0.properties.isAlphabetic }, "\(error.message)")
        }
    }

    @Test func longValuesAreShortenedInMessages() {
        let long = String(repeating: "x", count: 500)
        let error = failure { () throws(VietnameseTextError) in try CivilDate.parse(long) }
        #expect(error?.value == long)
        #expect((error?.message.count ?? 0) < 300)
    }
}
