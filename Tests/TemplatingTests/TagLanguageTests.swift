import Testing
import Vietnamese
@testable import Templating

@Suite("Tag language")
struct TagLanguageTests {
    @Test("tag kinds")
    func kinds() throws {
        #expect(try TagParser.parse("ho_ten").kind == .value)
        #expect(try TagParser.parse("#ds").kind == .open(inverted: false, expandTo: nil))
        #expect(try TagParser.parse("^ds").kind == .open(inverted: true, expandTo: nil))
        #expect(try TagParser.parse("/ds").kind == .close)
        #expect(try TagParser.parse("/").path.raw == "")
        #expect(try TagParser.parse("-w:tr ds").kind == .open(inverted: false, expandTo: "w:tr"))
        #expect(try TagParser.parse(" don_vi.ten ").path.components == ["don_vi", "ten"])
        #expect(try TagParser.parse(".").path.isCurrent)
    }

    @Test("formatters after a pipe")
    func formatters() throws {
        let t = try TagParser.parse("so_tien | so:2 | mac_dinh:\"không | có\"")
        #expect(t.path.raw == "so_tien")
        #expect(t.formatters == [TagFormatter(kind: .number, arguments: ["2"]), TagFormatter(kind: .fallback, arguments: ["không | có"])])
        #expect(try TagParser.parse("x|ngày_dài").formatters.first?.kind == .longDate)
    }

    @Test("syntax errors", arguments: [("", TemplateIssue.Code.emptyTag), ("x | khong_co", .unknownFormatter),
                                       ("x | mac_dinh", .invalidFormatterArgument), ("x | so:abc", .invalidFormatterArgument),
                                       ("x | hoa:1", .invalidFormatterArgument), ("@raw", .unsupportedTag), ("#", .emptyTag),
                                       ("x | mac_dinh:\"a", .invalidFormatterArgument)])
    func errors(_ text: String, _ code: TemplateIssue.Code) {
        #expect(throws: TagSyntaxError.self) { try TagParser.parse(text) }
        do { _ = try TagParser.parse(text) } catch { #expect(error.code == code, "\(text)") }
    }

    @Test("Vietnamese names are matched in NFC")
    func nfc() throws {
        let decomposed = "ho\u{323}_te\u{302}n"  // họ_tên written with combining marks
        let t = try TagParser.parse(decomposed)
        #expect(t.path.raw == "họ_tên")
        let data: TemplateValue = ["họ_tên": "Nguyễn Văn A"]
        #expect(Scope(data).lookup(t.path) == .text("Nguyễn Văn A"))
    }

    @Test("formatter results", arguments: [
        ("ngay_dai", TemplateValue.text("05/02/2021"), "ngày 05 tháng 02 năm 2021"),
        ("ngay_dai", .text("2021-11-20"), "ngày 20 tháng 11 năm 2021"),
        ("ngay", .text("2021-02-05"), "05/02/2021"),
        ("so", .number(TemplateNumber(1234567)), "1.234.567"),
        ("so", .text("1234567,5"), "1.234.567,5"),
        ("so:2", .number(TemplateNumber(95.5)), "95,50"),
        ("chu", .number(TemplateNumber(1_200_000)), "một triệu hai trăm nghìn"),
        ("tien_chu", .text("1.200.000"), "Một triệu hai trăm nghìn đồng"),
        ("hoa", .text("Nguyễn Thị Hồng Nhung"), "NGUYỄN THỊ HỒNG NHUNG"),
        ("thuong", .text("ĐỨC"), "đức"),
        ("hoa_dau", .text("đơn vị"), "Đơn vị"),
        ("mac_dinh:\"không có\"", .text(""), "không có"),
        ("mac_dinh:\"không có\"", .null, "không có"),
        ("mac_dinh:\"không có\"", .text("có"), "có"),
    ])
    func formatterResults(_ formatter: String, _ value: TemplateValue, _ expected: String) throws {
        let t = try TagParser.parse("x | " + formatter)
        let result = try ValueFormatting.apply(t.formatters, to: value, locale: .vi)
        #expect(result?.displayText() == expected)
    }

    @Test("a formatter that cannot read the value fails")
    func formatterFailure() throws {
        let t = try TagParser.parse("x | chu")
        #expect(throws: FormatFailure.self) { try ValueFormatting.apply(t.formatters, to: .text("mười"), locale: .vi) }
        #expect(throws: FormatFailure.self) { try ValueFormatting.apply(try TagParser.parse("x | ngay_dai").formatters, to: .text("hôm qua"), locale: .vi) }
    }

    @Test("truthiness (docxtemplater's)")
    func truthiness() {
        let falsy: [TemplateValue] = [.null, false, 0, "", []]
        let truthy: [TemplateValue] = [true, 1, "0", " ", [1], .object(TemplateObject()), .date(TemplateDate(date: nil))]
        for v in falsy { #expect(!v.isTruthy, "\(v)") }
        for v in truthy { #expect(v.isTruthy, "\(v)") }
    }

    @Test("scopes: a name missing or null in the item is looked up outside")
    func scopes() {
        let root: TemplateValue = ["ten": "ngoài", "a": ["b": ["c": "sâu"]]]
        let scope = Scope(root).pushing(["x": 1, "ten": nil], index: 0)
        #expect(scope.lookup(TagPath("ten")) == .text("ngoài"))
        #expect(scope.lookup(TagPath("a.b.c")) == .text("sâu"))
        #expect(scope.lookup(TagPath("khong")) == nil)
        #expect(Scope(["n": nil]).lookup(TagPath("n")) == .null)
    }
}

@Suite("Word field switches")
struct FieldSwitchTests {
    static let value = TemplateValue.text("2022-03-09T17:07:08")

    /// docx-mailmerge's tests/test_formatting.py date and time cases (en-US).
    @Test("\\@ date pictures", arguments: [("M", "3"), ("MM", "03"), ("MMM", "Mar"), ("MMMM", "March"), ("d", "9"), ("dd", "09"),
                                          ("ddd", "Wed"), ("dddd", "Wednesday"), ("DDDD", "Wednesday"), ("yy", "22"), ("yyyy", "2022"),
                                          ("YYYYMMDD", "20220309"), ("h", "5"), ("hh", "05"), ("H", "17"), ("HH", "17"), ("m", "7"),
                                          ("mm", "07"), ("s", "8"), ("ss", "08"), ("am/pm", "PM"), ("AM/PM", "PM"),
                                          ("dd/MM/yyyy 'lúc' HH:mm", "09/03/2022 lúc 17:07")])
    func datePictures(_ picture: String, _ expected: String) {
        #expect(FieldFormatting.format(Self.value, switches: [("\\@", picture)], locale: .en) == expected)
    }

    @Test("\\@ in Vietnamese")
    func vietnameseDates() {
        #expect(FieldFormatting.format(Self.value, switches: [("\\@", "dddd, 'ngày' dd MMMM yyyy")], locale: .vi) == "Thứ Tư, ngày 09 Tháng Ba 2022")
        #expect(FieldFormatting.format(Self.value, switches: [("\\@", "h:mm am/pm")], locale: .vi) == "5:07 CH")
        #expect(FieldFormatting.format(.null, switches: [("\\@", "MMM")], locale: .en) == "")
        #expect(FieldFormatting.format(.text("không phải ngày"), switches: [("\\@", "MMM")], locale: .en) == "không phải ngày")
    }

    @Test("no picture: the locale's form")
    func defaults() {
        #expect(FieldFormatting.format(Self.value, switches: [], locale: .en) == "2022-03-09T17:07:08")
        #expect(FieldFormatting.format(.date(TemplateDate(date: try! CivilDate(year: 2022, month: 3, day: 9), time: 61628)), switches: [], locale: .en) == "03/09/2022 17:07:08")
        #expect(FieldFormatting.format(.date(TemplateDate(date: try! CivilDate(year: 2022, month: 3, day: 9))), switches: [], locale: .vi) == "09/03/2022")
    }

    @Test("\\b and \\f add text around a non-empty value")
    func beforeAfter() {
        #expect(FieldFormatting.format("handsome law group", switches: [("\\b", " - ")], locale: .en) == " - handsome law group")
        #expect(FieldFormatting.format("", switches: [("\\b", " - ")], locale: .en) == "")
        #expect(FieldFormatting.format("x", switches: [("\\f", " - ")], locale: .en) == "x - ")
    }

    @Test("instruction words")
    func words() {
        let i = FieldInstruction(" MERGEFIELD  \"Họ tên\"  \\* Upper \\# \"#,##0\" \\@\"dd/MM\" ")
        #expect(i.type == "MERGEFIELD")
        #expect(i.words[1] == "Họ tên")
        #expect(i.switches(from: 2).map { "\($0.flag)=\($0.argument)" } == ["\\*=Upper", "\\#=#,##0", "\\@=dd/MM"])
    }

    @Test("IF fields", arguments: [("IF 1 < 2 \"đúng\" \"sai\"", "đúng"), ("IF Nam = \"Nam\" \"Ông\" \"Bà\"", "Ông"),
                                   ("IF Nữ = \"Nam\" \"Ông\" \"Bà\"", "Bà"), ("IF \"Nguyễn Văn A\" = \"Nguyễn*\" có không", "có"),
                                   ("IF 10,5 >= 9 a b", "a"), ("IF x <> x a b", "b"), ("IF \"\" \"có\" \"không\"", "không")])
    func ifFields(_ instruction: String, _ expected: String) {
        #expect(IfField.evaluate(FieldInstruction(instruction)) == expected)
    }
}
