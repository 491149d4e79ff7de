import Foundation
import Testing
import TestSupport
import Vietnamese
@testable import Spreadsheet

/// A tally-like workbook exercising the model: a two-level merged header, typed values,
/// styles, a formula with its result, freeze, filter, print setup, names.
func buildSampleWorkbook(_ path: String) throws -> WorkbookWriter {
    let wb = try WorkbookWriter(path: path)
    let header = wb.style(CellStyle(font: Font(bold: true), fill: .headerFill, borders: .all(),
                                    alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
    let text = wb.style(CellStyle(borders: .all()))
    let number = wb.style(CellStyle(borders: .all(), numberFormat: .thousands))
    let decimal = wb.style(CellStyle(borders: .all(), numberFormat: .decimal2))
    let percent = wb.style(CellStyle(borders: .all(), numberFormat: .percentDecimal2))
    let date = wb.style(CellStyle(borders: .all(), numberFormat: .date))
    let title = wb.style(CellStyle(font: Font(size: 14, bold: true), alignment: Alignment(horizontal: .center)))
    var setup = SheetSetup(columns: [SheetColumn(width: 30), SheetColumn(width: 160), SheetColumn(width: 120),
                                     SheetColumn(width: 60), SheetColumn(width: 60), SheetColumn(width: 70),
                                     SheetColumn(width: 70, hidden: true)],
                           freeze: CellAddress(row: 3, column: 2), autoFilter: try CellRange("A3:F7"),
                           merges: [try CellRange("A1:F1"), try CellRange("A2:A3"), try CellRange("B2:B3"),
                                    try CellRange("C2:C3"), try CellRange("D2:E2"), try CellRange("F2:F3")],
                           tabColor: Color(hex: "C00000"))
    setup.print = PrintSetup(orientation: .landscape, fitToWidth: 1, fitToHeight: 0, repeatRows: 1...2,
                             centerHorizontally: true, footer: .pageNumbers)
    let sheet = try wb.addSheet("Tổng hợp 2024", setup: setup)
    try sheet.appendRow([Cell("BẢNG TỔNG HỢP DANH HIỆU THI ĐUA NĂM 2024", style: title)], options: RowOptions(height: 24))
    try sheet.appendRow([Cell("STT", style: header), Cell("Họ và tên", style: header), Cell("Đơn vị", style: header),
                         Cell("Kết quả", style: header), Cell(.empty, style: header), Cell("Ngày QĐ", style: header)])
    try sheet.appendRow([Cell(.empty, style: header), Cell(.empty, style: header), Cell(.empty, style: header),
                         Cell("Điểm", style: header), Cell("Tỷ lệ", style: header), Cell(.empty, style: header)])
    let people: [(String, String, Double, Double, CivilDate)] = [
        ("Nguyễn Thị Hồng Nhung", "Phòng Nội vụ", 95.5, 0.125, try CivilDate(year: 2024, month: 1, day: 15)),
        ("Trần Văn Đức", "Văn phòng HĐND và UBND", 90, 0.5, try CivilDate(year: 2024, month: 2, day: 3)),
        ("Lê Thị Thu Hường", "=SUM(A1) không phải công thức", 88.75, 1, try CivilDate(year: 2024, month: 12, day: 31)),
    ]
    for (i, p) in people.enumerated() {
        try sheet.appendRow([Cell(.integer(i + 1), style: number), Cell(.text(p.0), style: text), Cell(.text(p.1), style: text),
                             Cell(.number(p.2), style: decimal), Cell(.number(p.3), style: percent), Cell(.date(p.4), style: date),
                             Cell("ẩn")])
    }
    try sheet.appendRow([Cell(.empty, style: text), Cell("Cộng", style: header), Cell(.empty, style: text),
                         Cell(.formula(CellFormula("SUM(D4:D6)", result: .number(274.25))), style: decimal),
                         Cell(.formula(CellFormula("AVERAGE(E4:E6)", result: .number(0.541666666666667))), style: percent),
                         Cell(.empty, style: text)])
    try wb.addDefinedName(DefinedName("DanhSach", sheet: "Tổng hợp 2024", range: try CellRange("B4:B6")))
    let second = try wb.addSheet("Ghi chú")
    try second.appendRow(["Dòng 1\nDòng 2", "  hai khoảng trắng đầu", "tab\there", .bool(true)])
    try second.writeRow(5, ["sau khoảng trống", .integer(-2), .number(-0.5)])
    // A row of empty unstyled cells still needs one cell element in ODS (schema).
    try second.appendRow([Cell.empty, Cell.empty])
    return wb
}

@Suite("Workbook model")
struct WorkbookModelTests {
    @Test func sheetNamesAreValidated() throws {
        for bad in ["", "   ", String(repeating: "a", count: 32), "a/b", "x[1]", "'q", "History", "a:b", "t*", "?"] {
            #expect(throws: SpreadsheetError.self) { try SheetName.validate(bad) }
        }
        try SheetName.validate("Tổng hợp năm 2024 (bảng 1)")
        let dir = TemporaryDirectory("names")
        defer { dir.remove() }
        let wb = try WorkbookWriter(path: dir.file("n.xlsx"))
        defer { wb.discard() }
        _ = try wb.addSheet("Danh sách")
        do {
            _ = try wb.addSheet("DANH SÁCH")
            Issue.record("duplicate name accepted")
        } catch let e as SpreadsheetError {
            #expect(e.code == .duplicateSheetName)
            #expect(e.message.contains("DANH SÁCH"))
        }
    }

    @Test func referencesParseAndPrint() throws {
        #expect(try CellAddress("A1") == CellAddress(row: 0, column: 0))
        #expect(try CellAddress("$XFD$1048576") == CellAddress(row: 1_048_575, column: 16_383))
        #expect(try CellRange("B2:A1").a1 == "A1:B2")
        for bad in ["", "A", "1", "A0", "XFE1", "A1048577", "A1B", "AAAA1"] {
            #expect(throws: SpreadsheetError.self) { try CellAddress(bad) }
        }
        for c in [0, 25, 26, 701, 702, 16_383] {
            #expect(try CellAddress(CellAddress.columnName(c) + "1").column == c)
        }
    }

    @Test func stylesAreDeduplicated() throws {
        var table = StyleTable()
        let a = table.register(CellStyle(font: Font(bold: true)))
        let b = table.register(CellStyle(font: Font(bold: true)))
        #expect(a == b && table.count == 2)
    }

    @Test func rowOrderLimitsAndMergesAreChecked() throws {
        let dir = TemporaryDirectory("limits")
        defer { dir.remove() }
        for format in SpreadsheetFormat.allCases {
            let wb = try WorkbookWriter(path: dir.file("l.\(format.rawValue)"))
            defer { wb.discard() }
            let s = try wb.addSheet("A")
            try s.writeRow(3, ["x"])
            #expect(throws: SpreadsheetError.self) { try s.writeRow(2, ["y"]) }
            #expect(throws: SpreadsheetError.self) { try s.writeRow(SheetLimits.rows, ["y"]) }
            #expect(throws: SpreadsheetError.self) { try s.writeRow(5, ["y"], startColumn: SheetLimits.columns) }
            #expect(throws: SpreadsheetError.self) { try s.merge(try CellRange("A1:B2")) }   // rows already written
            try s.merge(try CellRange("A10:C10"))
            #expect(throws: SpreadsheetError.self) { try s.merge(try CellRange("C10:D11")) }
        }
    }

    @Test func longTextIsAnErrorInXLSXOnly() throws {
        let dir = TemporaryDirectory("long")
        defer { dir.remove() }
        let long = String(repeating: "Ệ", count: 40_000)
        let x = try WorkbookWriter(path: dir.file("l.xlsx"))
        let s = try x.addSheet("Dài")
        do {
            try s.appendRow(["ngắn", .text(long)])
            Issue.record("40,000 characters accepted in XLSX")
        } catch let e as SpreadsheetError {
            #expect(e.code == .textTooLong)
            #expect(e.message.contains("«Dài», ô B1"))
        }
        // Half a row may be in the part: the workbook refuses everything but discarding.
        for attempt in [{ try s.appendRow(["tiếp"]) }, { _ = try x.addSheet("Khác") }, { try x.close() }] {
            do {
                try attempt()
                Issue.record("a failed workbook accepted more")
            } catch let e as SpreadsheetError {
                #expect(e.code == .state && e.message.contains("ô B1"), "\(e.message)")
            }
        }
        x.discard()
        #expect(!FileManager.default.fileExists(atPath: dir.file("l.xlsx")))
        let o = try WorkbookWriter(path: dir.file("l.ods"))
        try o.addSheet("Dài").appendRow(["ngắn", .text(long)])
        try o.close()
        let r = Conformance.check([dir.file("l.ods")], .readers)[0]
        #expect(r.failures.isEmpty, "\(r.failures)")
        let read = r.data("calamine")?["sheets"]?[0]?["rows"]?[0]?[1]?.string
        #expect(read == long, "read back \(read?.count ?? -1) characters")
    }
}

@Suite("Workbook conformance")
struct WorkbookConformanceTests {
    @Test("the sample workbook opens in every reader and in LibreOffice")
    func sample() throws {
        let dir = TemporaryDirectory("sample")
        defer { dir.remove() }
        let files = try SpreadsheetFormat.allCases.map { format -> String in
            let path = dir.file("sample.\(format.rawValue)")
            try buildSampleWorkbook(path).close()
            return path
        }
        let reports = Conformance.check(files)
        for r in reports { #expect(r.failures.isEmpty, "\(r.file): \(r.failures)") }
        // Values as every reader sees them.
        for r in reports {
            let calamine = try #require(r.data("calamine")?["sheets"]?[0]?["rows"])
            #expect(calamine[0]?[0]?.string == "BẢNG TỔNG HỢP DANH HIỆU THI ĐUA NĂM 2024")
            #expect(calamine[3]?[1]?.string == "Nguyễn Thị Hồng Nhung")
            #expect(calamine[5]?[2]?.string == "=SUM(A1) không phải công thức")
            #expect(calamine[3]?[3]?.number == 95.5)
            #expect(calamine[3]?[4]?.number == 0.125)
            #expect(calamine[6]?[3]?.number == 274.25)
            let notes = try #require(r.data("calamine")?["sheets"]?[1]?["rows"])
            #expect(notes[0]?[0]?.string == "Dòng 1\nDòng 2")
            #expect(notes[0]?[1]?.string == "  hai khoảng trắng đầu")
            // calamine drops ODF's <text:tab/>; odfpy reads it (and LibreOffice shows it).
            let tabReader = r.file.hasSuffix(".ods") ? "odfpy" : "calamine"
            #expect(r.data(tabReader)?["sheets"]?[1]?["rows"]?[0]?[2]?.string == "tab\there")
            #expect(notes[5]?[1]?.number == -2)
            #expect(r.pages ?? 0 >= 1)
        }
        // openpyxl reads back the layout of the XLSX.
        let x = try #require(reports[0].data("openpyxl")?["sheets"]?[0])
        #expect(x["merged"]?.array?.compactMap(\.string) == ["A1:F1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:F3"])
        #expect(x["freeze"]?.string == "C4")
        #expect(x["print_title_rows"]?.string == "$2:$3")
        #expect(x["orientation"]?.string == "landscape")
        #expect(x["paper_size"]?.number == 9)
        #expect(x["fit_width"]?.number == 1)
        #expect(x["autofilter"]?.string == "A3:F7")
        #expect(x["rows"]?[3]?[5]?.string == "2024-01-15T00:00:00")
        #expect(x["cells"]?["B2"]?["bold"]?.bool == true)
        #expect(x["cells"]?["B2"]?["font"]?.string == "Times New Roman")
        #expect(x["cells"]?["B2"]?["fill"]?.string == "FFDDEBF7")
        #expect(x["cells"]?["D4"]?["number_format"]?.string == "0.00")
        #expect(x["cells"]?["B4"]?["border_left"]?.string == "thin")
        #expect(reports[0].data("openpyxl")?["defined_names"]?.array?.compactMap(\.string).contains("DanhSach") == true)
    }

    @Test("the same input gives byte-identical files")
    func deterministic() throws {
        let dir = TemporaryDirectory("det")
        defer { dir.remove() }
        for format in SpreadsheetFormat.allCases {
            try buildSampleWorkbook(dir.file("a.\(format.rawValue)")).close()
            try buildSampleWorkbook(dir.file("b.\(format.rawValue)")).close()
            let a = try Data(contentsOf: URL(fileURLWithPath: dir.file("a.\(format.rawValue)")))
            let b = try Data(contentsOf: URL(fileURLWithPath: dir.file("b.\(format.rawValue)")))
            #expect(a == b, "\(format)")
        }
    }
}
