import PropertyBased
import Testing
@testable import Spreadsheet

/// Parsing, normalized Excel text, OpenFormula translation, references, and parser robustness.
@Suite struct FormulaTests {
    // MARK: - Precedence

    @Test(arguments: [
        ("1+2*3", "(1+(2*3))"),
        ("1*2+3", "((1*2)+3)"),
        ("1-2-3", "((1-2)-3)"),
        ("8/4/2", "((8/4)/2)"),
        ("2^3^2", "((2^3)^2)"),
        ("-2^2", "((-2)^2)"),
        ("2^-2", "(2^(-2))"),
        ("2*-3", "(2*(-3))"),
        ("--A1", "(-(-A1))"),
        ("+-A1", "(+(-A1))"),
        ("-5%", "(-(5%))"),
        ("5%^2", "((5%)^2)"),
        ("5%%", "((5%)%)"),
        ("2^50%", "(2^(50%))"),
        ("1+2&3", "((1+2)&3)"),
        ("\"a\"&1*2", "(\"a\"&(1*2))"),
        ("1&2=3", "((1&2)=3)"),
        ("A1<>B1+1", "(A1<>(B1+1))"),
        ("1<2<3", "((1<2)<3)"),
        ("1=1=1", "((1=1)=1)"),
        ("A1>=1", "(A1>=1)"),
        ("A1<=-1", "(A1<=(-1))"),
        ("(1+2)*3", "((1+2)*3)"),
        ("((1))", "1"),
        ("1+2*3^4-5/6&7", "(((1+(2*(3^4)))-(5/6))&7)"),
        ("SUM(1+2,3*4)", "SUM((1+2),(3*4))"),
        ("IF(A1>0,-A1,A1%)", "IF((A1>0),(-A1),(A1%))"),
    ])
    func precedence(_ input: String, _ expected: String) throws {
        #expect(try Formula(input).root.structure == expected)
    }

    // MARK: - Normalized Excel text

    @Test(arguments: [
        ("SUM(B2:B9)", "SUM(B2:B9)"),
        ("=SUM(B2:B9)", "SUM(B2:B9)"),
        ("=sum(b2:b9)", "SUM(B2:B9)"),
        (" SUM( B2:B9 , 1 ) ", "SUM(B2:B9,1)"),
        ("ROUND(C5/D5*100,2)", "ROUND(C5/D5*100,2)"),
        ("COUNTIFS($C$2:$C$100,\"Lao động tiên tiến\",D2:D100,\">=2024\")",
         "COUNTIFS($C$2:$C$100,\"Lao động tiên tiến\",D2:D100,\">=2024\")"),
        ("'Tổng hợp'!B7+Sheet2!C3", "'Tổng hợp'!B7+Sheet2!C3"),
        ("'Tổng hợp năm 2024'!A1:B2", "'Tổng hợp năm 2024'!A1:B2"),
        ("'Sheet2'!C3", "Sheet2!C3"),
        ("sheet2!c3", "sheet2!C3"),
        ("Tổnghợp!A1", "'Tổnghợp'!A1"),
        ("'it''s'!A1", "'it''s'!A1"),
        ("'2024'!A1", "'2024'!A1"),
        ("'A1'!B2", "'A1'!B2"),
        ("'R1C1'!B2", "'R1C1'!B2"),
        ("Sheet2!A1:Sheet2!B2", "Sheet2!A1:B2"),
        ("IF(E5>0,E5/F5,\"\")", "IF(E5>0,E5/F5,\"\")"),
        ("RANK(B2,$B$2:$B$20)", "RANK(B2,$B$2:$B$20)"),
        ("rank.eq(b2,$b$2:$b$20,1)", "_xlfn.RANK.EQ(B2,$B$2:$B$20,1)"),
        ("_xlfn.RANK.EQ(B2,B2:B9)", "_xlfn.RANK.EQ(B2,B2:B9)"),
        ("_xlfn.STDEV.S(B2:B9)", "_xlfn.STDEV.S(B2:B9)"),
        ("stdev.s(B2:B9)", "_xlfn.STDEV.S(B2:B9)"),
        ("filter(A1:A9,B1:B9)", "_xlfn._xlws.FILTER(A1:A9,B1:B9)"),
        ("_xlfn.SOMETHINGNEW(1)", "_xlfn.SOMETHINGNEW(1)"),
        ("SUBTOTAL(109,B2:B50)", "SUBTOTAL(109,B2:B50)"),
        ("SUM(B:B)", "SUM(B:B)"),
        ("sum($b:$c)", "SUM($B:$C)"),
        ("SUM(2:2)", "SUM(2:2)"),
        ("SUM($2:$10)", "SUM($2:$10)"),
        ("SUM(B9:B2)", "SUM(B9:B2)"),
        ("$a$1+a$1+$a1", "$A$1+A$1+$A1"),
        ("XFD1048576", "XFD1048576"),
        ("A01", "A1"),
        ("IF(A1,,)", "IF(A1,,)"),
        ("SUM(A1:A3,,B1)", "SUM(A1:A3,,B1)"),
        ("SUM()", "SUM()"),
        ("NA()", "NA()"),
        ("true", "TRUE"),
        ("FALSE()", "FALSE()"),
        ("#n/a", "#N/A"),
        ("IFERROR(1/0,#DIV/0!)", "IFERROR(1/0,#DIV/0!)"),
        ("\"a\"\"b\"&\"\"", "\"a\"\"b\"&\"\""),
        ("1E+3+.5+1.", "1E+3+.5+1."),
        ("DanhSach", "DanhSach"),
        ("SUM(DanhSach)*2", "SUM(DanhSach)*2"),
        ("5 %", "5%"),
        ("(1 + 2) * 3", "(1+2)*3"),
        ("LOG10(100)", "LOG10(100)"),
    ])
    func excelText(_ input: String, _ expected: String) throws {
        let f = try Formula(input)
        #expect(f.excel == expected)
        let again = try Formula(f.excel)
        #expect(again == f)
        #expect(again.excel == f.excel)
    }

    // MARK: - OpenFormula

    /// What LibreOffice 7.4 wrote for these Excel formulas (XLSX → ODS conversion), or reads
    /// back correctly.
    @Test(arguments: [
        ("SUM(B2:B9)", "of:=SUM([.B2:.B9])"),
        ("ROUND(C5/D5*100,2)", "of:=ROUND([.C5]/[.D5]*100;2)"),
        ("COUNTIFS($C$2:$C$100,\"Lao động tiên tiến\",D2:D100,\">=2024\")",
         "of:=COUNTIFS([.$C$2:.$C$100];\"Lao động tiên tiến\";[.D2:.D100];\">=2024\")"),
        ("'Tổng hợp năm 2024'!B7+Sheet2!C3", "of:=[$'Tổng hợp năm 2024'.B7]+[$Sheet2.C3]"),
        ("IF(E5>0,E5/F5,\"\")", "of:=IF([.E5]>0;[.E5]/[.F5];\"\")"),
        ("RANK(B2,$B$2:$B$20)", "of:=RANK([.B2];[.$B$2:.$B$20])"),
        ("SUBTOTAL(9,B2:B50)", "of:=SUBTOTAL(9;[.B2:.B50])"),
        ("SUM(B:B)", "of:=SUM([.B:.B])"),
        ("SUM($B:$B)", "of:=SUM([.$B:.$B])"),
        ("SUM(A:C)", "of:=SUM([.A:.C])"),
        ("SUM(2:2)", "of:=SUM([.2:.2])"),
        ("SUM($2:$3)", "of:=SUM([.$2:.$3])"),
        ("SUM('Tổng hợp năm 2024'!B:B)", "of:=SUM([$'Tổng hợp năm 2024'.B:.B])"),
        ("SUM(Sheet2!A1:B2)", "of:=SUM([$Sheet2.A1:.B2])"),
        ("'Tổng hợp năm 2024'!A1:B2", "of:=[$'Tổng hợp năm 2024'.A1:.B2]"),
        ("Sheet2!$C$3", "of:=[$Sheet2.$C$3]"),
        ("'it''s'!A1", "of:=[$'it''s'.A1]"),
        ("'2024'!A1", "of:=[$'2024'.A1]"),
        ("'A1'!B2", "of:=[$A1.B2]"),
        ("Tổnghợp!A1", "of:=[$Tổnghợp.A1]"),
        ("'Sheet-2'!A1", "of:=[$'Sheet-2'.A1]"),
        ("'Sheet2'!C3", "of:=[$Sheet2.C3]"),
        ("TRUE", "of:=TRUE()"),
        ("FALSE()", "of:=FALSE()"),
        ("TRUE+1", "of:=TRUE()+1"),
        ("50%", "of:=50%"),
        ("-A1^2", "of:=-[.A1]^2"),
        ("1&\"a\"\"b\"", "of:=1&\"a\"\"b\"")
        ,
        ("A1<>2", "of:=[.A1]<>2"),
        ("A1>=B1", "of:=[.A1]>=[.B1]"),
        ("A1<=B1", "of:=[.A1]<=[.B1]"),
        ("+A1", "of:=+[.A1]"),
        ("--A1", "of:=--[.A1]"),
        ("A1^-2", "of:=[.A1]^-2"),
        ("#DIV/0!", "of:=#DIV/0!"),
        ("#N/A", "of:=#N/A"),
        ("#NAME?", "of:=#NAME?"),
        ("#NULL!", "of:=#NULL!"),
        ("#NUM!", "of:=#NUM!"),
        ("#REF!", "of:=#REF!"),
        ("#VALUE!", "of:=#VALUE!"),
        ("IF(A1,,)", "of:=IF([.A1];;)"),
        ("SUM(A1:A3,,B1)", "of:=SUM([.A1:.A3];;[.B1])"),
        ("SUM()", "of:=SUM()"),
        ("ROUND(2.675,2)", "of:=ROUND(2.675;2)"),
        ("\"it's\"", "of:=\"it's\""),
        ("IFERROR(1/0,\"x\")", "of:=IFERROR(1/0;\"x\")"),
        ("_xlfn.RANK.EQ(A1,A1:A5,1)", "of:=COM.MICROSOFT.RANK.EQ([.A1];[.A1:.A5];1)"),
        ("_xlfn.STDEV.S(A1:A5)", "of:=COM.MICROSOFT.STDEV.S([.A1:.A5])"),
        ("_xlfn.CONCAT(\"a\",\"b\")", "of:=COM.MICROSOFT.CONCAT(\"a\";\"b\")"),
        ("_xlfn.TEXTJOIN(\",\",TRUE,A1:A3)", "of:=COM.MICROSOFT.TEXTJOIN(\",\";TRUE();[.A1:.A3])"),
        ("_xlfn.IFNA(A1,2)", "of:=IFNA([.A1];2)"),
        ("_xlfn.DAYS(10,1)", "of:=DAYS(10;1)"),
        ("_xlfn.ISOWEEKNUM(100)", "of:=ISOWEEKNUM(100)"),
        ("_xlfn.FORMULATEXT(A1)", "of:=FORMULA([.A1])"),
        ("_xlfn.SKEW.P(A1:A5)", "of:=SKEWP([.A1:.A5])"),
        ("CEILING(2.5,1)", "of:=COM.MICROSOFT.CEILING(2.5;1)"),
        ("FLOOR(2.5,1)", "of:=COM.MICROSOFT.FLOOR(2.5;1)"),
        ("ERROR.TYPE(#N/A)", "of:=ERROR.TYPE(#N/A)"),
        ("SUMIFS(B1:B5,A1:A5,\">0\")", "of:=SUMIFS([.B1:.B5];[.A1:.A5];\">0\")"),
        ("AVERAGEIF(A1:A5,\">0\")", "of:=AVERAGEIF([.A1:.A5];\">0\")"),
        ("COUNTBLANK(A1:D5)", "of:=COUNTBLANK([.A1:.D5])"),
        ("1E+3", "of:=1E+3"),
        (".5", "of:=0.5"),
        ("1.", "of:=1"),
        ("1.5e-3", "of:=1.5e-3"),
        ("(1+2)*3", "of:=(1+2)*3"),
        ("N(A1)", "of:=N([.A1])"),
        ("SUM(DanhSach)", "of:=SUM(DanhSach)"),
    ])
    func openFormula(_ input: String, _ expected: String) throws {
        #expect(try Formula(input).openFormula == expected)
    }

    // MARK: - References

    @Test func referencesInOrderWithoutRepeats() throws {
        let f = try Formula("SUM(B2:B9)+'Tổng hợp'!$A$1+B:B+2:3+B9:B2+C1+IF(C1>0,Sheet2!A1:Sheet2!B2,0)+B2:B9")
        #expect(f.references == [
            FormulaReference(sheet: nil, firstRow: 1, firstColumn: 1, lastRow: 8, lastColumn: 1),
            FormulaReference(sheet: "Tổng hợp", firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 0),
            FormulaReference(sheet: nil, firstRow: 0, firstColumn: 1, lastRow: 1_048_575, lastColumn: 1),
            FormulaReference(sheet: nil, firstRow: 1, firstColumn: 0, lastRow: 2, lastColumn: 16_383),
            FormulaReference(sheet: nil, firstRow: 0, firstColumn: 2, lastRow: 0, lastColumn: 2),
            FormulaReference(sheet: "Sheet2", firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 1),
        ])
        #expect(f.references[0].isSingleCell == false)
        #expect(f.references[1].isSingleCell)
        #expect(f.references[0].contains(row: 5, column: 1))
        #expect(!f.references[0].contains(row: 9, column: 1))
        #expect(try Formula("1+2").references.isEmpty)
        #expect(try Formula("XFD1048576").references == [
            FormulaReference(sheet: nil, firstRow: 1_048_575, firstColumn: 16_383, lastRow: 1_048_575, lastColumn: 16_383),
        ])
    }

    // MARK: - Errors

    @Test(arguments: [
        ("SUM(B2:B9", FormulaError.Kind.unclosedParenthesis, 9),
        ("=SUM(B2:B9", .unclosedParenthesis, 10),
        ("IF(A1>0,(1+2,3)", .unexpectedToken(","), 13),
        ("SUM(1))", .unmatchedParenthesis, 7),
        (")", .unexpectedToken(")"), 1),
        ("1+", .unexpectedEnd, 2),
        ("1+*2", .unexpectedToken("*"), 3),
        ("=", .empty, 1),
        ("", .empty, 1),
        ("   ", .empty, 1),
        ("\"abc", .unclosedString, 1),
        ("1&\"a\"\"", .unclosedString, 3),
        ("'Tổng hợp!A1", .unclosedSheetName, 1),
        ("'Tổng hợp'A1", .invalidSheetReference, 11),
        ("Sheet1!", .invalidSheetReference, 7),
        ("Sheet1!Tên", .invalidSheetReference, 8),
        ("''!A1", .invalidSheetReference, 3),
        ("XFE1", .referenceOutOfRange("XFE1"), 1),
        ("A1048577", .referenceOutOfRange("A1048577"), 1),
        ("SUM(A0)", .referenceOutOfRange("A0"), 5),
        ("SUM(A1:XFE2)", .referenceOutOfRange("XFE2"), 8),
        ("SUM(0:1)", .referenceOutOfRange("0:1"), 5),
        ("SUM(A:XFE)", .referenceOutOfRange("A:XFE"), 5),
        ("$A", .invalidReference("$A"), 1),
        ("A$", .invalidReference("A$"), 1),
        ("1E", .invalidNumber("1E"), 1),
        ("1E999", .invalidNumber("1E999"), 1),
        ("#FOO!", .unknownErrorLiteral("#FOO!"), 1),
        ("{1,2}", .unsupported("hằng mảng {…}"), 1),
        ("Bảng[Cột]", .unsupported("tham chiếu có cấu trúc […]"), 5),
        ("@A1", .unsupported("toán tử @"), 1),
        ("A1:", .unsupported("toán tử : với thứ không phải ô"), 3),
        ("A1:Sheet2!B2", .unsupported("tham chiếu qua nhiều trang tính"), 4),
        ("SUM(A1:B2 C1:D2)", .unsupported("phép giao vùng (dấu cách giữa hai tham chiếu)"), 11),
        ("A1 B1", .unsupported("phép giao vùng (dấu cách giữa hai tham chiếu)"), 4),
        ("Sheet1!#REF!", .unsupported("tham chiếu hỏng (…!#REF!)"), 8),
        ("1,2", .misplacedComma, 2),
        ("SUM(1;2)", .unexpectedCharacter(";"), 6),
        ("1 2", .unexpectedToken("2"), 3),
        ("A1 1", .unexpectedToken("1"), 4),
        ("1+2)", .unmatchedParenthesis, 4),
    ])
    func parseErrors(_ input: String, _ kind: FormulaError.Kind, _ position: Int) {
        #expect(throws: FormulaError(kind: kind, formula: input, position: position)) { try Formula(input) }
    }

    @Test func errorMessagesAreVietnameseWithPosition() {
        func message(_ s: String) -> String {
            do { _ = try Formula(s); return "" } catch { return error.message }
        }
        #expect(message("SUM(B2:B9") == "Công thức «SUM(B2:B9» thiếu dấu ) đóng ở vị trí 9.")
        #expect(message("SUM(1))") == "Công thức «SUM(1))» thừa dấu ) ở vị trí 7.")
        #expect(message("1+") == "Công thức «1+» kết thúc khi còn thiếu toán hạng ở vị trí 2.")
        #expect(message("\"abc") == "Công thức «\"abc» có chuỗi chưa đóng dấu \" (mở ở vị trí 1).")
        #expect(message("XFE1") == "Công thức «XFE1» tham chiếu «XFE1» vượt giới hạn bảng tính (cột A–XFD, dòng 1–1048576) ở vị trí 1.")
        #expect(message("SUM(1;2)") == "Công thức «SUM(1;2)» có ký tự không hợp lệ «;» ở vị trí 6.")
        #expect(message("#FOO!").contains("mã lỗi «#FOO!» không hợp lệ ở vị trí 1"))
        #expect(message("{1}") == "Công thức «{1}» dùng hằng mảng {…} ở vị trí 1: chưa được hỗ trợ.")
        #expect(message("=") == "Công thức rỗng: sau dấu = không có gì.")
        #expect(message("'Tổng hợp!A1") == "Công thức «'Tổng hợp!A1» có tên trang tính chưa đóng dấu ' (mở ở vị trí 1).")
        // Positions count characters, not bytes: "ộ" is one.
        #expect(message("\"Lao động\"+") == "Công thức «\"Lao động\"+» kết thúc khi còn thiếu toán hạng ở vị trí 11.")
        do {
            _ = try Formula("SUM(B2:B9")
        } catch {
            #expect("\(error)" == error.message)
        }
    }

    @Test func limits() throws {
        let nested = String(repeating: "(", count: 64) + "1" + String(repeating: ")", count: 64)
        #expect(try Formula(nested).excel == nested)
        let tooDeep = String(repeating: "(", count: 65) + "1" + String(repeating: ")", count: 65)
        #expect(throws: FormulaError(kind: .tooDeep, formula: tooDeep, position: 65)) { try Formula(tooDeep) }
        let calls = String(repeating: "ABS(", count: 65) + "1" + String(repeating: ")", count: 65)
        #expect(throws: FormulaError(kind: .tooDeep, formula: calls, position: 257)) { try Formula(calls) }

        let long = "1" + String(repeating: "+1", count: 4_095)  // 8 191 characters
        #expect(try Formula(long).excel == long)
        let tooLong = "=" + long + "+1"
        #expect(throws: FormulaError(kind: .tooLong, formula: tooLong, position: 1)) { try Formula(tooLong) }

        let manyArgs = "SUM(" + Array(repeating: "1", count: 255).joined(separator: ",") + ")"
        #expect(try Formula(manyArgs).references.isEmpty)
        let tooMany = "SUM(" + Array(repeating: "1", count: 256).joined(separator: ",") + ")"
        #expect(throws: FormulaError(kind: .tooManyArguments("SUM"), formula: tooMany, position: 1)) { try Formula(tooMany) }

        // Long flat chains and sign runs do not nest deeply.
        let signs = String(repeating: "-", count: 5_000) + "1"
        #expect(try Formula(signs).excel == signs)
    }

    // MARK: - Properties

    /// A random arithmetic expression over small numbers: its Excel text (minimal parentheses
    /// plus random blanks), the same without blanks, and its value computed directly.
    struct Expression: Sendable, CustomStringConvertible {
        var text: String
        var plain: String
        var value: Double
        var description: String { text }
    }

    private indirect enum Tree {
        case literal(Int)
        case negate(Tree)
        case binary(Character, Tree, Tree)
        case group(Tree)

        var precedence: Int {
            switch self {
            case .literal, .group: return 9
            case .negate: return 8
            case .binary(let op, _, _): return op == "^" ? 4 : (op == "*" || op == "/") ? 3 : 2
            }
        }

        var value: Double? {
            switch self {
            case .literal(let n): return Double(n)
            case .negate(let t): return t.value.map { -$0 }
            case .group(let t): return t.value
            case .binary(let op, let l, let r):
                guard let a = l.value, let b = r.value else { return nil }
                let v: Double
                switch op {
                case "+": v = a + b
                case "-": v = a - b
                case "*": v = a * b
                case "/": v = a / b
                default: v = b == 1 ? a : a * a
                }
                // Keep values where binary arithmetic is exact, so nothing nearly cancels.
                return v.magnitude < 1_000_000 ? v : nil
            }
        }

        func text(_ blank: () -> String) -> String {
            switch self {
            case .literal(let n): return String(n)
            case .group(let t): return "(" + blank() + t.text(blank) + blank() + ")"
            case .negate(let t):
                let inner = t.text(blank)
                return "-" + blank() + (t.precedence < 8 ? "(" + inner + ")" : inner)
            case .binary(let op, let l, let r):
                var left = l.text(blank), right = r.text(blank)
                if l.precedence < precedence { left = "(" + left + ")" }
                if r.precedence <= precedence { right = "(" + right + ")" }
                return left + blank() + String(op) + blank() + right
            }
        }
    }

    private static func tree(_ depth: Int, _ rng: inout any SeededRandomNumberGenerator) -> Tree {
        if depth == 0 || Int.random(in: 0..<4, using: &rng) == 0 { return .literal(Int.random(in: 0...20, using: &rng)) }
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return .negate(tree(depth - 1, &rng))
        case 1: return .group(tree(depth - 1, &rng))
        case 2: return .binary("/", tree(depth - 1, &rng), .literal([1, 2, 4, 8].randomElement(using: &rng) ?? 1))
        case 3: return .binary("^", .literal(Int.random(in: 0...20, using: &rng)), .literal(Int.random(in: 1...2, using: &rng)))
        default:
            let op: Character = ["+", "-", "*"].randomElement(using: &rng) ?? "+"
            return .binary(op, tree(depth - 1, &rng), tree(depth - 1, &rng))
        }
    }

    static let expressions = Generator<Expression?, Shrink.None<Expression?>> { rng in
        let t = tree(4, &rng)
        guard let value = t.value else { return nil }
        var blanks: [Bool] = (0..<200).map { _ in Int.random(in: 0..<4, using: &rng) == 0 }
        let spaced = t.text { blanks.isEmpty ? "" : (blanks.removeLast() ? " " : "") }
        return Expression(text: spaced, plain: t.text { "" }, value: value)
    }

    private struct NoCells: FormulaValueSource {
        func cell(sheet: String?, row: Int, column: Int) -> FormulaCell? { nil }
    }

    @Test func arithmeticMatchesDirectComputationAndReparses() async throws {
        await propertyCheck(count: 500, input: Self.expressions) { e in
            guard let e else { return }
            let f = try Formula(e.text)
            #expect(f.evaluate(in: NoCells(), sheet: nil) == .number(e.value == 0 ? 0 : e.value), "\(e.text)")
            #expect(f.excel == e.plain)
            let again = try Formula(f.excel)
            #expect(again.excel == f.excel)
            #expect(again == f)
            #expect(f.openFormula == "of:=" + e.plain)
        }
    }

    static let alphabet: [Character] = Array("AaBbZz019$:!'\"#/?,;()+-*^&%=<> .,_{}[]@~ \tXFDSUMIFĐđộ\u{301}") + ["\r\n"]

    /// Random text never crashes the parser: it gives a Formula that prints and re-parses the
    /// same, or an error with a position inside the text.
    @Test func randomTextNeverCrashesTheParser() async {
        let words = ["SUM(", "IF(", "A1", "$B$2", ":", "Sheet2!", "'Tổng hợp'!", "\"x\"", "#N/A", "1.5", "E+", "B:B", "2:3",
                     "TRUE", ",", ")", "(", "%", "^", "-", "XFD1048576", "_xlfn.", "'", "!", "&", "<>", " "]
        let pieces = words + Self.alphabet.map(String.init)
        let texts = Generator<String, Shrink.None<String>> { rng in
            (0..<Int.random(in: 0...24, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
        }
        await propertyCheck(count: 3_000, input: texts) { text in
            do {
                let f = try Formula(text)
                let again = try Formula(f.excel)
                #expect(again == f, "\(text)")
                #expect(again.excel == f.excel)
                #expect(f.openFormula.hasPrefix("of:="))
                _ = f.evaluate(in: NoCells(), sheet: nil)
            } catch let error as FormulaError {
                #expect(!error.message.isEmpty)
                #expect(error.position >= 1 && error.position <= max(1, text.count), "\(text) → \(error.position)")
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}
