import Foundation
import PropertyBased
import Testing
@testable import Vietnamese

private func dec(_ s: String) -> Decimal { Decimal(string: s) ?? .nan }

@Suite struct NumberFormattingTests {
    @Test(arguments: [(0, "0"), (7, "7"), (999, "999"), (1000, "1.000"), (1234567, "1.234.567"), (-1000, "-1.000"),
                      (-999, "-999"), (100_000, "100.000"), (Int.max, "9.223.372.036.854.775.807"),
                      (Int.min, "-9.223.372.036.854.775.808")])
    func integers(value: Int, text: String) {
        #expect(VietnameseNumber.format(value) == text)
    }

    @Test(arguments: [
        ("1234567.891", 2, "1.234.567,89"), ("2.675", 2, "2,68"), ("-2.675", 2, "-2,68"), ("0.125", 2, "0,13"),
        ("0.124", 2, "0,12"), ("0.005", 2, "0,01"), ("0.0049", 2, "0,00"), ("-0.001", 2, "0,00"), ("999.995", 2, "1.000,00"),
        ("9.5", 0, "10"), ("-9.5", 0, "-10"), ("8.49", 0, "8"), ("12", 3, "12,000"), ("1000000", 0, "1.000.000"),
        ("0", 2, "0,00"), ("0.5", 0, "1"), ("1e30", 0, "1.000.000.000.000.000.000.000.000.000.000"),
        ("1e-30", 2, "0,00"), ("123.456", -3, "123"),
    ])
    func decimals(value: String, digits: Int, text: String) {
        #expect(VietnameseNumber.format(dec(value), fractionDigits: digits) == text)
    }

    @Test func doublesRoundOnTheirShortestDecimalText() {
        #expect(VietnameseNumber.format(2.675, fractionDigits: 2) == "2,68")
        #expect(VietnameseNumber.format(1.005, fractionDigits: 2) == "1,01")
        #expect(VietnameseNumber.format(0.1 + 0.2, fractionDigits: 2) == "0,30")
        #expect(VietnameseNumber.format(1234567.891, fractionDigits: 1) == "1.234.567,9")
        #expect(VietnameseNumber.format(1e-5, fractionDigits: 5) == "0,00001")
        #expect(VietnameseNumber.format(1.5e20, fractionDigits: 0) == "150.000.000.000.000.000.000")
        #expect(VietnameseNumber.format(-0.0, fractionDigits: 1) == "0,0")
        #expect(VietnameseNumber.format(Double.infinity, fractionDigits: 1) == "∞")
        #expect(VietnameseNumber.format(-Double.infinity, fractionDigits: 1) == "-∞")
        #expect(VietnameseNumber.format(Double.nan, fractionDigits: 1) == "không xác định")
        #expect(VietnameseNumber.format(Decimal.nan, fractionDigits: 1) == "không xác định")
        #expect(VietnameseNumber.format(Double.greatestFiniteMagnitude, fractionDigits: 0).hasPrefix("179.769.313.486.231.570.000"))
    }

    @Test func trimmingZeros() {
        #expect(VietnameseNumber.format(dec("15.50"), fractionDigits: 2, trimZeros: true) == "15,5")
        #expect(VietnameseNumber.format(dec("15.00"), fractionDigits: 2, trimZeros: true) == "15")
        #expect(VietnameseNumber.format(dec("15.004"), fractionDigits: 2, trimZeros: true) == "15")
    }

    @Test func percentages() {
        #expect(VietnameseNumber.formatPercent(fraction: dec("0.155")) == "15,5%")
        #expect(VietnameseNumber.formatPercent(fraction: dec("0.155"), fractionDigits: 1, trimZeros: false) == "15,5%")
        #expect(VietnameseNumber.formatPercent(fraction: dec("0.15"), fractionDigits: 1, trimZeros: false) == "15,0%")
        #expect(VietnameseNumber.formatPercent(fraction: dec("1")) == "100%")
        #expect(VietnameseNumber.formatPercent(fraction: dec("0.33335"), fractionDigits: 3) == "33,335%")
        #expect(VietnameseNumber.formatPercent(fraction: dec("0.33335"), fractionDigits: 2) == "33,34%")
        #expect(VietnameseNumber.formatPercent(fraction: dec("12.5")) == "1.250%")
        #expect(VietnameseNumber.formatPercent(percent: dec("15.5")) == "15,5%")
        #expect(VietnameseNumber.formatPercent(percent: dec("-2.25"), fractionDigits: 1) == "-2,3%")
    }

    @Test func roundingMatchesIntegerArithmetic() async {
        // value = n / 1000, rounded to 2 digits half away from zero = (|n| + 5) / 10 (integer) / 100.
        await propertyCheck(count: 3000, input: Gen.int(in: -10_000_000...10_000_000)) { n in
            let value = Decimal(n) / 1000
            let cents = (n.magnitude + 5) / 10
            let sign = n < 0 && cents != 0 ? "-" : ""
            let expected = sign + VietnameseNumber.format(Int(cents / 100)) + "," + (cents % 100 < 10 ? "0" : "") + String(cents % 100)
            #expect(VietnameseNumber.format(value, fractionDigits: 2) == expected)
        }
    }
}

@Suite struct NumberParsingTests {
    @Test(arguments: [
        ("1.234.567,89", "1234567.89"), ("1234567,89", "1234567.89"), ("-0,5", "-0.5"), ("15,5%", "0.155"), ("15,5 %", "0.155"),
        ("1.234", "1234"), ("0", "0"), ("-0", "0"), ("+12", "12"), ("\u{2212}12,5", "-12.5"), ("  7  ", "7"), ("100%", "1"),
        ("1 234 567,5", "1234567.5"), ("1\u{00A0}234", "1234"), ("1\u{202F}234,25", "1234.25"), ("1,23457E+11", "123457000000"),
        ("2,5e-3", "0.0025"), ("007", "7"), ("0,000", "0"), ("999.999.999.999", "999999999999"),
    ])
    func vietnamese(text: String, value: String) throws {
        #expect(try VietnameseNumber.parse(text) == dec(value))
    }

    @Test(arguments: [
        ("1,234.56", "1234.56"), ("12.5", "12.5"), ("1,234", "1234"), ("-0.5", "-0.5"), ("15.5%", "0.155"), ("1.23457E+11", "123457000000"),
    ])
    func english(text: String, value: String) throws {
        #expect(try VietnameseNumber.parse(text, convention: .english) == dec(value))
    }

    @Test(arguments: ["", " ", "-", "%", "abc", "1,2,3", "12.5", "1.23", "1.2345", "1234.567", "1..234", "1.234.", ".5", ",5", "5,",
                      "1,5,", "1.234,5.6", "1 234.567", "12a", "1e", "1e+", "--1", "1-", "0x10", "١٢", "1.234 567", "½", "1,5%%"])
    func vietnameseRejects(text: String) {
        let error = failure { () throws(VietnameseTextError) in try VietnameseNumber.parse(text) }
        #expect(error?.code == .invalidNumber, "accepted \(text)")
        #expect(error?.value == text)
        #expect(error?.message.hasPrefix("Không đọc được số") == true)
    }

    @Test func dotDecimalInVietnameseModeExplainsTheConvention() {
        let error = failure { () throws(VietnameseTextError) in try VietnameseNumber.parse("12.5") }
        #expect(error?.message.contains("dấu \",\"") == true)
        #expect(error?.message.contains("\"12.5\"") == true)
    }

    @Test(arguments: ["12,5", "1.234,56", "1,23"])
    func englishRejects(text: String) {
        #expect(failure { () throws(VietnameseTextError) in try VietnameseNumber.parse(text, convention: .english) }?.code == .invalidNumber)
    }

    @Test func limits() throws {
        let long = String(repeating: "9", count: 39)
        #expect(failure { () throws(VietnameseTextError) in try VietnameseNumber.parse(long) }?.code == .numberOutOfRange)
        #expect(failure { () throws(VietnameseTextError) in try VietnameseNumber.parse("1e999999999999") }?.code == .numberOutOfRange)
        let nines = try VietnameseNumber.parse(String(repeating: "9", count: 38))
        #expect(nines > 0)
        let big = try VietnameseNumber.parse("1" + String(repeating: "0", count: 100))
        #expect(big == dec("1e100"))
    }

    @Test func integers() throws {
        #expect(try VietnameseNumber.parseInteger("1.490.000") == 1_490_000)
        #expect(try VietnameseNumber.parseInteger("1.234,00") == 1234)
        #expect(try VietnameseNumber.parseInteger("9.223.372.036.854.775.807") == Int.max)
        #expect(try VietnameseNumber.parseInteger("-9.223.372.036.854.775.808") == Int.min)
        #expect(try VietnameseNumber.parseInteger("1,5E+3") == 1500)
        #expect(failure { () throws(VietnameseTextError) in try VietnameseNumber.parseInteger("9.223.372.036.854.775.808") }?.code == .numberOutOfRange)
        #expect(failure { () throws(VietnameseTextError) in try VietnameseNumber.parseInteger("1,5") }?.code == .invalidNumber)
        #expect(failure { () throws(VietnameseTextError) in try VietnameseNumber.parseInteger("1e400") }?.code == .numberOutOfRange)
    }

    @Test func formatThenParseRoundTrips() async {
        await propertyCheck(count: 2000, input: Gen.int(in: Int.min...Int.max), Gen.int(in: 0...6)) { n, places in
            #expect(try VietnameseNumber.parseInteger(VietnameseNumber.format(n)) == n)
            let value = Decimal(n) / 1_000_000
            let text = VietnameseNumber.format(value, fractionDigits: 6)
            #expect(try VietnameseNumber.parse(text) == value)
            let rounded = VietnameseNumber.format(value, fractionDigits: places)
            let reread = try VietnameseNumber.parse(rounded)
            #expect(VietnameseNumber.format(reread, fractionDigits: places) == rounded)
        }
    }

    @Test func neverCrashesOnRandomText() async {
        let pool: [Character] = Array("0123456789.,-+%eE \u{00A0}\u{2212}a")
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(pool.count - 1)).array(of: 0...30), Gen.bool) { picks, english in
            let text = String(picks.map { pool[$0] })
            let convention: VietnameseNumber.Convention = english ? .english : .vietnamese
            _ = try? VietnameseNumber.parse(text, convention: convention)
            _ = try? VietnameseNumber.parseInteger(text, convention: convention)
        }
    }

    @Test func sharedCSVLocaleValues() throws {
        // Values of the shared dskt-vi-locale-semicolon.csv (number_format: decimal ",", grouping ".").
        #expect(try VietnameseNumber.parse("1.490.000") == 1_490_000)
        #expect(try VietnameseNumber.parse("95,5") == dec("95.5"))
        #expect(try VietnameseNumber.parse("88,75") == dec("88.75"))
        #expect(try VietnameseNumber.parse("1,0") == 1)
        #expect(try VietnameseNumber.parse("12,5%") == dec("0.125"))
    }
}
