import Testing
@testable import Spreadsheet

/// A dictionary-backed value source: keys like "Data!A1"; missing keys are empty cells.
struct FormulaGrid: FormulaValueSource {
    var cells: [String: FormulaValue] = [:]
    /// Cells whose value is not known (the source returns nil).
    var unknown: Set<String> = []
    /// Cells holding a SUBTOTAL formula.
    var subtotals: Set<String> = []
    /// Hidden rows, 1-based, per sheet ("Data!3").
    var hiddenRows: Set<String> = []
    /// Rows × columns per sheet that may hold values; nil: not told.
    var extents: [String: (rows: Int, columns: Int)] = [:]

    static func key(_ sheet: String?, _ row: Int, _ column: Int) -> String {
        (sheet.map { $0 + "!" } ?? "") + FormulaPrinter.columnLetters(column) + String(row + 1)
    }

    func cell(sheet: String?, row: Int, column: Int) -> FormulaCell? {
        let k = Self.key(sheet, row, column)
        if unknown.contains(k) { return nil }
        return FormulaCell(value: cells[k] ?? .empty, isSubtotal: subtotals.contains(k))
    }

    func isRowHidden(sheet: String?, row: Int) -> Bool {
        hiddenRows.contains((sheet ?? "") + "!" + String(row + 1))
    }

    func extent(sheet: String?) -> (rows: Int, columns: Int)? { extents[sheet ?? ""] }
}

/// The workbook the evaluation tests and the LibreOffice check share.
enum FormulaFixture {
    static let sheet = "Data"
    static let second = "Số liệu 2"

    /// Row by row, A–E (nil: empty cell). `.text("")` cells are formula results `=""`.
    static let data: [[FormulaValue?]] = [
        [.number(1), .text("4"), .text("Abc"), .bool(true), .error(.divisionByZero)],
        [.number(2.675), .number(3), .text("abc"), .number(4), .text("")],
        [.number(-5), .text("x*"), .text("a.b"), .number(45), .number(0)],
        [nil, .text("Lao động tiên tiến"), .text("LAO ĐỘNG TIÊN TIẾN"), .text("4"), .text("b")],
        [.number(10), .number(10), .text("1/2/2024"), .text("50%"), .text("~a")],
        [.text(""), .error(.notAvailable), .number(0.5), .number(5), nil],
    ]
    /// The second sheet: A1:C2.
    static let secondData: [[FormulaValue?]] = [
        [.number(100), .number(200), nil],
        [.number(1.5), .number(2.5), .text("x")],
    ]

    static var grid: FormulaGrid {
        var g = FormulaGrid()
        for (name, rows) in [(sheet, data), (second, secondData)] {
            for (r, row) in rows.enumerated() {
                for (c, v) in row.enumerated() {
                    if let v { g.cells[FormulaGrid.key(name, r, c)] = v }
                }
            }
            g.extents[name] = (rows.count, 5)
        }
        return g
    }

    /// Formulas on sheet Data and the value both Excel and LibreOffice compute (nil: the
    /// engine must decline). Every non-nil value is checked against LibreOffice.
    static let cases: [(String, FormulaValue?)] = [
        // Arithmetic
        ("1+2*3", .number(7)),
        ("-2^2", .number(4)),
        ("2^3^2", .number(64)),
        ("2^-1", .number(0.5)),
        ("5%%", .number(0.0005)),
        ("50%*A5", .number(5)),
        ("(1+2)*3", .number(9)),
        ("A4+1", .number(1)),
        ("B1+1", .number(5)),
        ("B3+1", .error(.value)),
        ("1/0", .error(.divisionByZero)),
        ("A1/E3", .error(.divisionByZero)),
        ("E1+1", .error(.divisionByZero)),
        ("1/0+NA()", nil),  // two errors: which wins depends on the program
        ("1/0+1/0", .error(.divisionByZero)),
        ("B3+E1", nil),
        ("B6&E1", nil),
        ("E1&B6", nil),
        ("B3+\"y\"", .error(.value)),
        ("E1+C6", .error(.divisionByZero)),
        ("C6+E1", .error(.divisionByZero)),
        ("IF(B1,1,2)", nil),  // LibreOffice reads the text "4" as a number here
        ("IF(C1,1,2)", .error(.value)),
        ("NA()+1/0", nil),
        ("0.1+0.2", .number(0.1 + 0.2)),
        ("A2*100", .number(2.675 * 100)),
        ("0.3-0.1-0.2", nil),
        ("1E+308*10", .error(.number)),
        ("0^0", nil),
        ("0^-1", nil),
        ("(-8)^(1/3)", nil),
        ("(-2)^3", .number(-8)),
        ("\"1,000\"+1", nil),
        ("\" 4 \"+1", .number(5)),
        ("\"\"+1", .error(.value)),
        ("TRUE+1", .number(2)),
        ("-B3", .error(.value)),
        ("+C1", .text("Abc")),
        ("A5%", .number(0.1)),
        // Concatenation
        ("\"a\"&1", .text("a1")),
        ("\"x\"&1/3", .text("x0.333333333333333")),
        ("A4&\"x\"", .text("x")),
        ("\"a\"&TRUE", nil),
        ("\"\"&1E+15", nil),
        ("\"\"&0.0001", .text("0.0001")),
        ("\"\"&(0.1+0.2)", .text("0.3")),
        ("\"\"&-2.5", .text("-2.5")),
        ("\"\"&A2*100", .text("267.5")),
        ("C1&E1", .error(.divisionByZero)),
        ("\"a\"\"b\"&\"c\"", .text("a\"bc")),
        ("B4&\" \"&A5", .text("Lao động tiên tiến 10")),
        // Comparison
        ("C1=C2", .bool(true)),
        ("B4=C4", .bool(true)),
        ("\"a\"<\"B\"", .bool(true)),
        ("1<\"a\"", .bool(true)),
        ("A4=\"\"", .bool(true)),
        ("A4=0", .bool(true)),
        ("A4=FALSE", .bool(true)),
        ("E2=A4", .bool(true)),
        ("TRUE=1", nil),
        ("1=1=1", nil),
        ("0.1+0.2=0.3", .bool(true)),
        ("D2>=4", .bool(true)),
        ("\"abc\"<\"abd\"", .bool(true)),
        ("\"ả\"<\"b\"", nil),
        ("\"ả\"=\"Ả\"", .bool(true)),
        ("E1=1", .error(.divisionByZero)),
        ("B1=4", .bool(false)),
        ("FALSE<TRUE", .bool(true)),
        ("C1<>C3", .bool(true)),
        ("\"Lao động tiên tiến\"=B4", .bool(true)),
        // SUM and other aggregates
        ("SUM(A1:A5)", .number(8.675)),
        ("SUM(A:A)", .number(8.675)),
        ("SUM(A1:A5,10,TRUE)", .number(19.675)),
        ("SUM(B1:B5)", .number(13)),
        ("SUM(\"3\")", nil),
        ("SUM(D1:D2)", nil),
        ("SUM(E1:E3)", .error(.divisionByZero)),
        ("SUM(E1,B6)", nil),  // Excel #DIV/0!, LibreOffice #N/A
        ("SUM(E1,E1:E2)", .error(.divisionByZero)),
        ("SUM(NA(),1/0)", nil),
        ("SUM(B6:E6,E1)", nil),
        ("SUM(B6:E6)", .error(.notAvailable)),
        ("AND(B6,E1)", nil),
        ("SUM(A1:A3,,B2)", .number(1.675)),
        ("SUM()", nil),
        ("SUM(0.1,0.2,-0.3)", nil),
        ("SUM(1E+20,1,-1E+20)", nil),
        ("AVERAGE(A1:A5)", .number(2.16875)),
        ("AVERAGE(C1:C2)", .error(.divisionByZero)),
        ("AVERAGE(\"3\")", nil),
        ("MIN(A1:A5)", .number(-5)),
        ("MAX(A1:C5)", .number(10)),
        ("MAX(A1:E5)", nil),
        ("MAX(C1:C2)", .number(0)),
        ("MIN(C6,D6)", .number(0.5)),
        ("COUNT(A1:C6)", .number(7)),
        ("COUNT(A1:E6)", nil),
        ("COUNT(\"3\",\"x\",TRUE,1/0)", .number(2)),
        ("COUNTA(A1:E6)", .number(28)),
        ("COUNTA(1,\"\",1/0)", .number(3)),
        ("COUNTBLANK(A1:E6)", .number(4)),
        ("COUNTBLANK(A:A)", .number(1_048_572)),
        ("PRODUCT(A1:B3)", .number(-40.125)),
        ("STDEV(A1:A5)", .number(6.17364610663747)),
        ("STDEVP(A1:A5)", .number(5.34653436232294)),
        ("VAR(A1:A5)", .number(38.11390625)),
        ("VARP(A1:A5)", .number(28.5854296875)),
        ("STDEV(1)", .error(.divisionByZero)),
        ("SUM(A1:A5)/COUNT(A1:A5)", .number(2.16875)),
        // SUBTOTAL
        ("SUBTOTAL(9,A1:A5)", .number(8.675)),
        ("SUBTOTAL(109,A1:A5)", .number(8.675)),
        ("SUBTOTAL(1,A1:A5)", .number(2.16875)),
        ("SUBTOTAL(3,A1:E6)", .number(28)),
        ("SUBTOTAL(2,A1:E6)", nil),
        ("SUBTOTAL(2,A1:C6)", .number(7)),
        ("SUBTOTAL(9,A1:A5,B1:B5)", .number(21.675)),
        ("SUBTOTAL(4,A1:A5)", .number(10)),
        ("SUBTOTAL(5,A1:A5)", .number(-5)),
        ("SUBTOTAL(6,A1:A5)", .number(-133.75)),
        ("SUBTOTAL(7,A1:A5)", .number(6.17364610663747)),
        ("SUBTOTAL(8,A1:A5)", .number(5.34653436232294)),
        ("SUBTOTAL(10,A1:A5)", .number(38.11390625)),
        ("SUBTOTAL(11,A1:A5)", .number(28.5854296875)),
        ("SUBTOTAL(12,A1:A5)", nil),
        ("SUBTOTAL(9,1)", nil),
        // COUNTIF family
        ("COUNTIF(B1:B5,\"4\")", .number(1)),
        ("COUNTIF(B1:B5,4)", nil),
        ("COUNTIF(A1:A5,10)", .number(1)),
        ("COUNTIF(A1:E6,\"=4\")", .number(3)),
        ("COUNTIF(A1:E6,\"=abc\")", .number(2)),
        ("COUNTIF(A1:E6,\"\")", .number(4)),
        ("COUNTIF(A1:E6,\"=\")", .number(2)),
        ("COUNTIF(A1:E6,\"<>\")", nil),
        ("COUNTIF(A1:D5,\"<>\")", .number(19)),
        ("COUNTIF(A1:D5,\"<>abc\")", .number(18)),
        ("COUNTIF(A1:D5,\"<>4\")", .number(17)),
        ("COUNTIF(C1:C5,\"a.b\")", .number(1)),
        ("COUNTIF(B3:E5,\"x~*\")", .number(1)),
        ("COUNTIF(E4:E5,\"~~a\")", .number(1)),
        ("COUNTIF(E4:E5,\"~a\")", nil),
        ("COUNTIF(C1:C2,\">ab\")", .number(2)),
        ("COUNTIF(A1:C2,\">ab\")", .number(2)),
        ("COUNTIF(C1:C2,\"<=ABC\")", .number(2)),
        ("COUNTIF(E4,\"<c\")", .number(1)),
        ("COUNTIF(C1:C5,\">b\")", nil),
        ("COUNTIF(B4:C4,\"lao động tiên tiến\")", .number(2)),
        ("COUNTIF(A1:E6,\">=10\")", .number(3)),
        ("COUNTIF(A1:E6,\">0\")", nil),
        ("COUNTIF(A1:E6,TRUE)", nil),
        ("COUNTIF(A1:E6,\"50%\")", nil),
        ("COUNTIF(A1:E6,\"*\")", nil),
        ("COUNTIF(B3:C4,\"*\")", .number(4)),
        ("COUNTIF(B2:C4,\"*\")", nil),
        ("COUNTIF(B3:C4,\"?.?\")", .number(1)),
        ("COUNTIF(C1:C4,\"a?c\")", .number(2)),
        ("COUNTIF(B4:C4,\"*T*\")", .number(2)),
        ("COUNTIF(A1:E6,\"TRUE\")", nil),
        ("COUNTIF(A1:E6,A4)", nil),
        ("COUNTIF(A1:E6,\" 4\")", nil),
        ("COUNTIF(A1:E6,\"#DIV/0!\")", nil),
        ("COUNTIF(A1:E6,E1)", nil),
        ("COUNTIF(A1:E6,1/0)", nil),
        ("COUNTIF(A:A,\"\")", .number(1_048_572)),
        ("COUNTIF(A:A,\">0\")", .number(3)),
        ("COUNTIF(A:A,\"<>\")", .number(5)),
        ("COUNTIF(A:B,\"<>\")", nil),
        ("COUNTIFS(A1:A5,\">0\",B1:B5,\">0\")", .number(2)),
        ("COUNTIFS(A1:A5,\">0\",B1:B4,\">0\")", nil),
        ("COUNTIFS(A:A,\"\",B:B,\"\")", .number(1_048_570)),
        ("SUMIF(A1:A5,\">0\",B1)", .number(13)),
        ("SUMIF(A1:A5,\">0\")", .number(13.675)),
        ("SUMIF(A1:E1,\"<>x\")", nil),
        ("SUMIF(A1:A3,\"<0\",E1:E3)", .number(0)),
        ("SUMIF(A1:A3,\">0\",E1:E3)", .error(.divisionByZero)),
        ("SUMIF(B1:B5,\"x*\",A1:A5)", .number(-5)),
        ("SUMIF(B4:B5,\"lao*\",A4:A5)", .number(0)),
        ("SUMIF(C:C,\"abc\",A:A)", .number(3.675)),
        ("SUMIFS(A1:A5,A1:A5,\">0\",B1:B5,\"<>x*\")", .number(13.675)),
        ("SUMIFS(A:A,C:C,\"a*\",A:A,\"<2\")", .number(-4)),
        ("AVERAGEIF(A1:A5,\">0\",B1:B5)", .number(6.5)),
        ("AVERAGEIF(A1:A5,\">100\")", .error(.divisionByZero)),
        ("AVERAGEIF(C1:C5,\"abc\",A1:A5)", .number(1.8375)),
        // Rounding
        ("ROUND(2.675,2)", .number(2.68)),
        ("ROUND(A2,2)", .number(2.68)),
        ("ROUND(-2.5,0)", .number(-3)),
        ("ROUND(1234.5678,-2)", .number(1200)),
        ("ROUND(0.285,2)", .number(0.29)),
        ("ROUND(-0.285,2)", .number(-0.29)),
        ("ROUND(1.005,2)", .number(1.01)),
        ("ROUND(1.5,0.9)", .number(2)),
        ("ROUND(1.55,1.9)", .number(1.6)),
        ("ROUND(15,-1.5)", .number(20)),
        ("ROUND(0.004,2)", .number(0)),
        ("ROUND(0.005,2)", .number(0.01)),
        ("ROUND(499,-3)", .number(0)),
        ("ROUND(500,-3)", .number(1000)),
        ("ROUND(2.5,15)", .number(2.5)),
        ("ROUND(0.1+0.2,15)", .number(0.3)),
        ("ROUND(2.5)", nil),
        ("ROUND(\"2.5\",0)", .number(3)),
        ("ROUND(1/0,2)", .error(.divisionByZero)),
        ("ROUND(C5/D5*100,2)", nil),
        ("ROUND(A2/A5*100,2)", .number(26.75)),
        ("ROUNDUP(1.21,1)", .number(1.3)),
        ("ROUNDUP(-1.21,1)", .number(-1.3)),
        ("ROUNDUP(0.0004,2)", .number(0.01)),
        ("ROUNDUP(1.0000000000001,0)", nil),
        ("ROUNDDOWN(1.29,1)", .number(1.2)),
        ("ROUNDDOWN(-1.29,1)", .number(-1.2)),
        ("ROUNDDOWN(0.3-0.1,1)", .number(0.2)),
        ("ROUNDDOWN(12345,-2)", .number(12300)),
        ("INT(-1.5)", .number(-2)),
        ("INT(7.9)", .number(7)),
        ("INT(2.9999999999999996)", nil),
        ("ABS(-B1)", .number(4)),
        ("ABS(A3)", .number(5)),
        // Logic
        ("IF(1,)", .number(0)),
        ("IF(0,1)", .bool(false)),
        ("IF(A4,1,2)", .number(2)),
        ("IF(B6,1,2)", .error(.notAvailable)),
        ("IF(\"TRUE\",1,2)", .number(1)),
        ("IF(\"abc\",1,2)", .error(.value)),
        ("IF(A1>0,\"có\",\"không\")", .text("có")),
        ("IF(TRUE,A4)", .number(0)),
        ("IF(E5>0,E5/F5,\"\")", .error(.value)),
        ("IF(E3>0,E3/A1,\"\")", .text("")),
        ("IF(FALSE,1/0,2)", .number(2)),
        ("IF(TRUE,1,KHONGCO())", nil),
        ("IF(A1>0,SUM(A1:A5),0)", .number(8.675)),
        ("IFERROR(1/0,\"x\")", .text("x")),
        ("IFERROR(1/0,)", .number(0)),
        ("IFERROR(B6,\"e\")", .text("e")),
        ("IFERROR(A4,\"e\")", .number(0)),
        ("IFERROR(A1,\"e\")", .number(1)),
        ("IFERROR(A1:A2,\"e\")", nil),
        ("AND(C1:C2)", .error(.value)),
        ("AND(D1:D2)", .bool(true)),
        ("AND(\"TRUE\")", nil),
        ("AND(A1:A3)", .bool(true)),
        ("AND(1,E1)", .error(.divisionByZero)),
        ("OR(A4,0)", .bool(false)),
        ("OR(A4:A4)", .error(.value)),
        ("OR(E3,A4)", .bool(false)),
        ("OR(A1>5,A5>5)", .bool(true)),
        ("NOT(A4)", .bool(true)),
        ("NOT(\"\")", nil),
        ("NOT(E3)", .bool(true)),
        ("NOT(A1)", .bool(false)),
        ("TRUE()", .bool(true)),
        ("NA()", .error(.notAvailable)),
        ("E1", .error(.divisionByZero)),
        ("A4", .number(0)),
        ("C1", .text("Abc")),
        ("D1", .bool(true)),
        // RANK
        ("RANK(4,B2:D5)", .number(3)),
        ("RANK(4,B1:D5)", nil),
        ("RANK(10,A1:B5,1)", .number(5)),
        ("RANK(10,A1:B5,0)", .number(1)),
        ("RANK(10,A1:B5,-1)", .number(5)),
        ("RANK(5,B2:D5)", nil),
        ("RANK.EQ(A2,A1:A5)", .number(2)),
        ("RANK(A5,A1:B5,-1)", .number(5)),
        ("RANK(A1,$A$1:$A$5)", .number(3)),
        // Other sheets
        ("'Số liệu 2'!A1+'Số liệu 2'!B1", .number(300)),
        ("SUM('Số liệu 2'!2:2)", .number(4)),
        ("SUM('Số liệu 2'!A:B)", .number(304)),
        ("COUNTA('Số liệu 2'!1:2)", .number(5)),
        ("'Số liệu 2'!C1", .number(0)),
        // Declined
        ("A1:A3", nil),
        ("SUM(A1:A3+1)", nil),
        ("DanhSach", nil),
        ("SUM(DanhSach)", nil),
        ("VLOOKUP(1,A1:B5,2,FALSE)", nil),
    ]
}

@Suite struct FormulaEvaluationTests {
    static let grid = FormulaFixture.grid

    private func evaluate(_ formula: String, _ source: FormulaGrid = grid, sheet: String? = FormulaFixture.sheet) throws -> FormulaValue? {
        try Formula(formula).evaluate(in: source, sheet: sheet)
    }

    @Test(arguments: FormulaFixture.cases)
    func standardWorkbook(_ formula: String, _ expected: FormulaValue?) throws {
        let value = try evaluate(formula)
        switch (value, expected) {
        case (.number(let x)?, .number(let y)?):
            // Expected values written with 15 significant digits (as LibreOffice shows them).
            #expect(FormulaMath.displayed(x) == FormulaMath.displayed(y), "\(formula): \(x) ≠ \(y)")
        default:
            #expect(value == expected, "\(formula)")
        }
    }

    @Test func exactNumbers() throws {
        #expect(try evaluate("ROUND(2.675,2)") == .number(2.68))
        #expect(try evaluate("0.1+0.2") == .number(0.30000000000000004))
        #expect(try evaluate("SUM(A1:A5)") == .number(8.675))
        #expect(try evaluate("-0") == .number(0))
        if case .number(let z)? = try evaluate("-0*1") { #expect(z.sign == .plus) }
    }

    @Test func unknownValuesGiveNil() throws {
        var g = Self.grid
        g.unknown = ["Data!A3"]
        #expect(try evaluate("A3", g) == nil)
        #expect(try evaluate("A3+1", g) == nil)
        #expect(try evaluate("SUM(A1:A5)", g) == nil)
        #expect(try evaluate("SUM(A:A)", g) == nil)
        #expect(try evaluate("COUNTIF(A1:A5,\">0\")", g) == nil)
        #expect(try evaluate("SUM(A4:A5)", g) == .number(10))
        // Lazy branches and early errors do not read the unknown cell.
        #expect(try evaluate("IF(TRUE,1,A3)", g) == .number(1))
        #expect(try evaluate("IF(FALSE,A3,2)", g) == .number(2))
        #expect(try evaluate("IF(1/0,A3,1)", g) == .error(.divisionByZero))
        #expect(try evaluate("A3+1/0", g) == nil)
        #expect(try evaluate("1/0+A3", g) == nil)  // both operands are read
        // Unknown sheet cells too.
        g.unknown = ["Số liệu 2!B2"]
        #expect(try evaluate("SUM('Số liệu 2'!2:2)", g) == nil)
        #expect(try evaluate("'Số liệu 2'!A2", g) == .number(1.5))
    }

    @Test func unsupportedFunctionsAndNamesGiveNil() throws {
        for f in ["VLOOKUP(1,A1:B5,2,FALSE)", "TODAY()", "IF(TRUE,1,KHONGCO())", "SUM(DanhSach)", "DanhSach+1",
                  "_xlfn.STDEV.S(A1:A5)", "LEN(C1)", "SUM(A1:A5)+MEDIAN(A1:A5)"] {
            #expect(try evaluate(f) == nil, "\(f)")
        }
        // Wrong argument counts: Excel refuses the formula.
        for f in ["ROUND(1)", "ROUND(1,2,3)", "IF(1)", "NOT(1,2)", "ABS()", "COUNTIF(A1:A5)", "SUMIFS(A1:A5,B1:B5)",
                  "COUNTIFS(A1:A5,1,B1:B5)", "RANK(1)", "SUBTOTAL(9)", "TRUE(1)"] {
            #expect(try evaluate(f) == nil, "\(f)")
        }
    }

    @Test func subtotalSkipsNestedSubtotalsAndHiddenRows() throws {
        var g = FormulaGrid()
        for (r, v) in [1.0, 2, 3, 6, 10].enumerated() { g.cells[FormulaGrid.key("S", r, 0)] = .number(v) }
        g.subtotals = ["S!A4"]  // A4 = SUBTOTAL(9,A1:A3) = 6
        g.cells[FormulaGrid.key("S", 0, 1)] = .text("x")
        g.cells[FormulaGrid.key("S", 3, 1)] = .text("tổng")
        g.subtotals.insert("S!B4")
        let s = "S"
        #expect(try evaluate("SUBTOTAL(9,A1:A5)", g, sheet: s) == .number(16))
        #expect(try evaluate("SUM(A1:A5)", g, sheet: s) == .number(22))
        #expect(try evaluate("SUBTOTAL(3,A1:B5)", g, sheet: s) == .number(5))
        #expect(try evaluate("SUBTOTAL(2,A1:A5)", g, sheet: s) == .number(4))
        #expect(try evaluate("SUBTOTAL(109,A1:A5)", g, sheet: s) == .number(16))
        g.hiddenRows = ["S!2"]
        #expect(try evaluate("SUBTOTAL(9,A1:A5)", g, sheet: s) == .number(16))
        #expect(try evaluate("SUBTOTAL(109,A1:A5)", g, sheet: s) == .number(14))
        #expect(try evaluate("SUBTOTAL(101,A1:A5)", g, sheet: s) == .number(14.0 / 3))
        #expect(try evaluate("SUBTOTAL(103,A1:B5)", g, sheet: s) == .number(4))
        #expect(try evaluate("SUBTOTAL(104,A1:A5)", g, sheet: s) == .number(10))
        #expect(try evaluate("SUBTOTAL(105,A1:A5)", g, sheet: s) == .number(1))
        #expect(try evaluate("SUBTOTAL(102,A:A)", g, sheet: s) == .number(3))
    }

    @Test func wholeColumnsWithoutExtentReadEveryCell() throws {
        var g = FormulaGrid()
        g.cells["A1"] = .number(1)
        g.cells["A1048576"] = .number(2)
        g.cells["B3"] = .text("x")
        #expect(try evaluate("SUM(A:A)", g, sheet: nil) == .number(3))
        #expect(try evaluate("COUNTIF(B:B,\"<>x\")", g, sheet: nil) == .number(1_048_575))
        // Too many cells to read without knowing the extent.
        #expect(try evaluate("SUM(A:Z)", g, sheet: nil) == nil)
        // With the extent, only the cells that may hold values are read.
        var small = FormulaGrid()
        small.cells["A1"] = .number(1)
        small.cells["A2"] = .number(2)
        small.cells["B3"] = .text("x")
        small.extents[""] = (3, 2)
        small.unknown = ["C1", "A4"]  // outside the extent: never asked for
        #expect(try evaluate("SUM(A:Z)", small, sheet: nil) == .number(3))
        #expect(try evaluate("COUNTBLANK(A:Z)", small, sheet: nil) == .number(26 * 1_048_576 - 3))
        #expect(try evaluate("COUNTIF(A:Z,\"<>x\")", small, sheet: nil) == .number(26 * 1_048_576 - 1))
        #expect(try evaluate("COUNTIFS(A:A,\"\",B:B,\"\")", small, sheet: nil) == .number(1_048_576 - 3))
        #expect(try evaluate("SUMIF(B:B,\"\",A:A)", small, sheet: nil) == .number(3))
        #expect(try evaluate("C1", small, sheet: nil) == .number(0))
    }

    @Test func criteriaEdgeCases() throws {
        var g = FormulaGrid()
        let column: [FormulaValue] = [.number(1), .number(2), .text("2"), .text("Đạt"), .text("đạt"), .text("ĐẠT yêu cầu"),
                                      .text(""), .empty, .number(2.0000000000000004), .text("a*b"), .text("a?b"),
                                      .text("ab"), .text("Lớp 10A")]
        for (r, v) in column.enumerated() { g.cells[FormulaGrid.key(nil, r, 0)] = v; g.cells[FormulaGrid.key(nil, r, 1)] = .number(Double(r + 1)) }
        g.extents[""] = (column.count, 2)
        func count(_ criterion: String) throws -> FormulaValue? { try evaluate("COUNTIF(A:A,\(criterion))", g, sheet: nil) }
        #expect(try count("\"đạt\"") == .number(2))
        #expect(try count("\"đạt*\"") == .number(3))
        #expect(try count("\"=Đạt\"") == .number(2))
        #expect(try count("\"<>đạt\"") == .number(1_048_574))
        #expect(try count("\">1\"") == .number(2))  // 2 and 2.0000000000000004; text "2" is not a number here
        #expect(try count("\"2\"") == .number(3))   // numbers within 2⁻⁴⁸, and the text "2"
        #expect(try count("2") == nil)              // Excel would also count the text "2"
        #expect(try count("\"a~*b\"") == .number(1))
        #expect(try count("\"a~?b\"") == .number(1))
        #expect(try count("\"a?b\"") == .number(2))
        #expect(try count("\"a*b\"") == .number(3))
        #expect(try count("\"Lớp 10A\"") == .number(1))
        #expect(try count("\"lớp*\"") == .number(1))
        #expect(try count("\"\"") == .number(1_048_576 - 11))
        #expect(try count("\"=\"") == .number(1_048_576 - 12))
        #expect(try count("\"<>\"") == .number(12))
        #expect(try evaluate("SUMIF(A:A,\"đạt\",B:B)", g, sheet: nil) == .number(9))
        #expect(try evaluate("SUMIFS(B:B,A:A,\"<>\",A:A,\"<>*t*\")", g, sheet: nil) == .number(68))
        #expect(try evaluate("SUMIFS(B1:B8,A1:A8,\"<>\",A1:A8,\"<>*t*\")", g, sheet: nil) == .number(13))
        #expect(try evaluate("COUNTIF(A1:A2,\"<>2*\")", g, sheet: nil) == nil)  // LibreOffice matches the number 2 against 2*
        #expect(try evaluate("SUMIFS(B4:B8,A4:A8,\"<>\",A4:A8,\"<>*t*\")", g, sheet: nil) == .number(7))
        #expect(try evaluate("AVERAGEIF(A:A,\"đạt\",B:B)", g, sheet: nil) == .number(4.5))
        #expect(try evaluate("COUNTIFS(A:A,\"đạt\",B:B,\">4\")", g, sheet: nil) == .number(1))
        // A sum range of another size is resized to the criteria range.
        #expect(try evaluate("SUMIF(A1:A5,\"đạt\",B1)", g, sheet: nil) == .number(9))
        #expect(try evaluate("SUMIF(A1:A5,\"đạt\",B1:B2)", g, sheet: nil) == .number(9))
    }

    @Test func textComparisonIsCaseInsensitiveButNotNormalizing() throws {
        let g = FormulaGrid()
        #expect(try evaluate("\"ĐẠT\"=\"đạt\"", g, sheet: nil) == .bool(true))
        // Composed "ạ" (U+1EA1) and decomposed "a" + U+0323 differ in Excel and LibreOffice.
        #expect(try evaluate("\"\u{1EA1}\"=\"a\u{0323}\"", g, sheet: nil) == .bool(false))
        #expect(try evaluate("\"abc\"<\"ABD\"", g, sheet: nil) == .bool(true))
        #expect(try evaluate("\"a b\"<\"ab\"", g, sheet: nil) == .bool(true))
        #expect(try evaluate("\"10\"<\"9\"", g, sheet: nil) == .bool(true))
        #expect(try evaluate("\"a-b\"<\"ab\"", g, sheet: nil) == nil)
    }

    @Test func roundingOnTheShownDecimal() throws {
        for (x, places, mode, expected) in [
            (2.675, 2, FormulaDecimal.Rounding.nearest, 2.68), (1.005, 2, .nearest, 1.01), (-1.005, 2, .nearest, -1.01),
            (0.5, 0, .nearest, 1), (1.5, 0, .nearest, 2), (2.5, 0, .nearest, 3), (-0.5, 0, .nearest, -1),
            (1234.5, -1, .nearest, 1230), (1235, -1, .nearest, 1240), (9.995, 2, .nearest, 10), (99.5, 0, .nearest, 100),
            (0.1 + 0.7, 1, .down, 0.8), (1.1, 1, .up, 1.1), (1.11, 1, .up, 1.2), (-1.11, 1, .down, -1.1),
            (123.456, -5, .up, 100_000), (123.456, -5, .down, 0), (123.456, -5, .nearest, 0),
            (1e-20, 2, .up, 0.01), (5, 0, .nearest, 5),
        ] {
            #expect(try FormulaEvaluator.round(x, places: Double(places), mode: mode) == expected, "\(x) \(places) \(mode)")
        }
        #expect(FormulaNumberText.format(1.0 / 3) == "0.333333333333333")
        #expect(FormulaNumberText.format(2.0 / 3) == "0.666666666666667")
        #expect(FormulaNumberText.format(123_456_789_012_345) == "123456789012345")
        #expect(FormulaNumberText.format(-0.00015) == "-0.00015")
        #expect(FormulaNumberText.format(1e15) == nil)
        #expect(FormulaNumberText.format(0.00001) == nil)
    }

    @Test func numericTextConversion() {
        #expect(FormulaNumberText.parse("4") == .number(4))
        #expect(FormulaNumberText.parse(" -4.5e1 ") == .number(-45))
        #expect(FormulaNumberText.parse("abc") == .notNumber)
        #expect(FormulaNumberText.parse("Lớp 10A") == .notNumber)
        #expect(FormulaNumberText.parse("") == .notNumber)
        for s in ["1,000", "50%", "1/2/2024", "$5", "10:30", "+4", ".5", "4.", "(4)", "1e999"] {
            #expect(FormulaNumberText.parse(s) == .ambiguous, "\(s)")
        }
    }
}
