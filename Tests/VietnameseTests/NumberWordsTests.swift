import PropertyBased
import Testing
@testable import Vietnamese

@Suite struct NumberWordsTests {
    @Test(arguments: [
        (0, "không"), (1, "một"), (4, "bốn"), (5, "năm"), (10, "mười"), (11, "mười một"), (14, "mười bốn"), (15, "mười lăm"),
        (20, "hai mươi"), (21, "hai mươi mốt"), (24, "hai mươi tư"), (25, "hai mươi lăm"), (55, "năm mươi lăm"),
        (99, "chín mươi chín"), (100, "một trăm"), (101, "một trăm linh một"), (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"), (110, "một trăm mười"), (111, "một trăm mười một"), (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"), (999, "chín trăm chín mươi chín"), (1000, "một nghìn"),
        (1001, "một nghìn không trăm linh một"), (1010, "một nghìn không trăm mười"),
        (1021, "một nghìn không trăm hai mươi mốt"), (1100, "một nghìn một trăm"), (1105, "một nghìn một trăm linh năm"),
        (2015, "hai nghìn không trăm mười lăm"), (10_000, "mười nghìn"), (15_000, "mười lăm nghìn"),
        (21_000, "hai mươi mốt nghìn"), (100_000, "một trăm nghìn"), (105_000, "một trăm linh năm nghìn"),
        (1_000_000, "một triệu"), (1_000_005, "một triệu không trăm linh năm"),
        (1_010_000, "một triệu không trăm mười nghìn"), (1_200_000, "một triệu hai trăm nghìn"),
        (1_490_000, "một triệu bốn trăm chín mươi nghìn"), (2_000_000_000, "hai tỷ"),
        (5_000_000_005, "năm tỷ không trăm linh năm"), (1_005_000_000, "một tỷ không trăm linh năm triệu"),
        (1_000_000_000_000, "một nghìn tỷ"), (2_500_000_000_000, "hai nghìn năm trăm tỷ"),
        (1_050_000_000_000, "một nghìn không trăm năm mươi tỷ"), (1_000_050_000_000, "một nghìn tỷ không trăm năm mươi triệu"),
        (999_999_999_999_999, "chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín"),
        (-5, "âm năm"), (-1021, "âm một nghìn không trăm hai mươi mốt"),
    ])
    func words(number: Int, text: String) throws {
        #expect(try NumberWords.words(number) == text)
        #expect(NumberWords.parseWords(text) == number)
    }

    @Test func amounts() throws {
        #expect(try NumberWords.amount(1_200_000) == "Một triệu hai trăm nghìn đồng")
        #expect(try NumberWords.amount(0) == "Không đồng")
        #expect(try NumberWords.amount(745_000) == "Bảy trăm bốn mươi lăm nghìn đồng")
        #expect(try NumberWords.amount(-5, currency: "") == "Âm năm")
        #expect(try NumberWords.amount(12, currency: "USD") == "Mười hai USD")
        #expect(isNFC(try NumberWords.amount(1_490_000)))
    }

    @Test func outOfRange() {
        for n in [1_000_000_000_000_000, -1_000_000_000_000_000, Int.max, Int.min] {
            let error = failure { () throws(VietnameseTextError) in try NumberWords.words(n) }
            #expect(error?.code == .numberWordsOutOfRange)
            #expect(error?.value == String(n))
        }
    }

    @Test(arguments: [
        ("hai mươi lăm", 25), ("hai mươi năm", 25), ("hai mươi một", 21), ("hai mươi bốn", 24), ("một trăm lẻ năm", 105),
        ("một trăm linh tư", 104), ("một ngàn", 1000), ("hai tỉ", 2_000_000_000), ("Một Triệu Hai Trăm Nghìn Đồng", 1_200_000),
        ("một triệu đồng chẵn", 1_000_000), ("  mười   lăm  ", 15), ("hai nghìn mười lăm", 2015), ("một nghìn linh năm", 1005),
        ("bẩy", 7), ("mười bảy", 17), ("âm hai", -2), ("mo\u{323}\u{302}t nghi\u{300}n", 1000),
        ("một trăm nghìn tỷ", 100_000_000_000_000), ("một tỷ tỷ", 1_000_000_000_000_000_000),
    ])
    func variants(text: String, value: Int) {
        #expect(NumberWords.parseWords(text) == value)
    }

    @Test(arguments: ["", "đồng", "trăm", "nghìn", "một trăm năm", "một nghìn hai", "mười mười", "hai mươi mươi", "linh năm",
                      "không trăm năm", "một triệu triệu", "một nghìn một triệu", "mốt", "một mươi", "hai mười", "chín tỷ tỷ tỷ",
                      "abc", "năm năm", "một trăm linh", "một trăm linh mười", "âm", "âm không âm", "tỷ"])
    func rejects(text: String) {
        #expect(NumberWords.parseWords(text) == nil, "accepted \(text)")
    }

    @Test func wordsThenNumberRoundTripsForRandomNumbers() async {
        let maximum = NumberWords.maximum
        let numbers = Gen.oneOf(
            Gen.int(in: -maximum...maximum),
            Gen.int(in: 0...999_999),
            Gen.int(in: 0...15).map { (n: Int) in [0, 1, 4, 5, 10, 11, 14, 15, 21, 24, 25, 100, 101, 105, 1001, 1_000_005][n] }
        )
        await propertyCheck(count: 3000, input: numbers) { n in
            let text = try NumberWords.words(n)
            #expect(NumberWords.parseWords(text) == n)
            #expect(isNFC(text))
            #expect(!text.contains("  "))
            // The colloquial variants read back the same.
            let variant = text.replacingOccurrences(of: "nghìn", with: "ngàn").replacingOccurrences(of: "linh", with: "lẻ")
                .replacingOccurrences(of: "tỷ", with: "tỉ")
            #expect(NumberWords.parseWords(variant) == n)
        }
    }

    @Test func numberThenWordsRoundTripsForRandomWords() async {
        // Random token soup: whatever parses must be written back to words that parse to the same value.
        let tokens = ["không", "một", "mốt", "hai", "ba", "bốn", "tư", "năm", "lăm", "mười", "mươi", "trăm", "linh",
                      "nghìn", "triệu", "tỷ", "chín"]
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(tokens.count - 1)).array(of: 1...8)) { picks in
            let text = picks.map { tokens[$0] }.joined(separator: " ")
            if let n = NumberWords.parseWords(text), abs(n) <= NumberWords.maximum {
                let words = try NumberWords.words(n)
                #expect(NumberWords.parseWords(words) == n)
            }
        }
    }
}

@Suite struct RomanNumeralTests {
    @Test(arguments: [(1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"), (14, "XIV"), (40, "XL"), (90, "XC"),
                      (400, "CD"), (1994, "MCMXCIV"), (2024, "MMXXIV"), (3999, "MMMCMXCIX")])
    func known(value: Int, text: String) throws {
        #expect(try RomanNumeral.format(value) == text)
        #expect(try RomanNumeral.parse(text) == value)
        #expect(try RomanNumeral.parse(text.lowercased()) == value)
        #expect(try RomanNumeral.parse(text + ".") == value)
        #expect(try RomanNumeral.section(value) == text + ".")
    }

    @Test func allValuesRoundTrip() throws {
        var seen = Set<String>()
        for n in 1...3999 {
            let text = try RomanNumeral.format(n)
            #expect(try RomanNumeral.parse(text) == n)
            seen.insert(text)
        }
        #expect(seen.count == 3999)
    }

    @Test(arguments: ["", "IIII", "VV", "IC", "VX", "IL", "MMMM", "ABC", "I I", "IV..", "0", "Ⅳ", "XM", "IIX"])
    func rejects(text: String) {
        let error = failure { () throws(VietnameseTextError) in try RomanNumeral.parse(text) }
        #expect(error?.code == .invalidRomanNumeral, "accepted \(text)")
    }

    @Test func formatRange() {
        for n in [0, -1, 4000, Int.max, Int.min] {
            #expect(failure { () throws(VietnameseTextError) in try RomanNumeral.format(n) }?.code == .invalidRomanNumeral)
        }
    }
}
