import Foundation
import Testing
import TestSupport
import Vietnamese
@testable import Spreadsheet

/// Every style and layout feature of the model written in both formats and read back: the XLSX
/// by openpyxl, the ODS by odfpy (automatic styles resolved, page layouts); LibreOffice opens
/// both.
@Suite("Workbook features read back")
struct WorkbookFeatureTests {
    static func build(_ path: String) throws {
        let wb = try WorkbookWriter(path: path)
        let red = Color(hex: "C00000")!
        let styles: [StyleID] = [
            wb.style(CellStyle(font: Font(size: 13, bold: true, italic: true, underline: .single, color: red))),
            wb.style(CellStyle(font: Font(underline: .double), fill: Color(hex: "FFF2CC")!,
                               borders: Borders(left: Border(.thin), right: Border(.medium), top: Border(.double), bottom: Border(.dashed)))),
            wb.style(CellStyle(alignment: Alignment(horizontal: .right, vertical: .top, wrap: true))),
            wb.style(CellStyle(alignment: Alignment(horizontal: .left, vertical: .center, indent: 2))),
            wb.style(CellStyle(alignment: Alignment(horizontal: .center, rotation: 90))),
            wb.style(CellStyle(numberFormat: .thousands)),
            wb.style(CellStyle(numberFormat: .percentDecimal2)),
            wb.style(CellStyle(numberFormat: .date)),
            wb.style(CellStyle(numberFormat: .custom("#,##0.0 \"điểm\""))),
        ]
        var setup = SheetSetup(columns: [SheetColumn(width: 90), SheetColumn(width: 120), SheetColumn(width: 40, hidden: true)],
                               freeze: CellAddress(row: 1, column: 1), autoFilter: try CellRange("A1:I3"),
                               tabColor: Color(hex: "00B050"), showGridLines: false)
        setup.print = PrintSetup(orientation: .landscape, margins: Margins(left: 25, right: 20, top: 20, bottom: 15),
                                 fitToWidth: 1, fitToHeight: 0, repeatRows: 0...0, centerHorizontally: true,
                                 header: HeaderFooter(center: "Bảng tổng hợp"), footer: .pageNumbers)
        let sheet = try wb.addSheet("Đặc điểm", setup: setup)
        try sheet.appendRow([Cell("Đậm nghiêng", style: styles[0]), Cell("Viền", style: styles[1]), Cell("Phải, trên", style: styles[2]),
                             Cell("Thụt lề", style: styles[3]), Cell("Xoay", style: styles[4]), Cell(.integer(1234567), style: styles[5]),
                             Cell(.number(0.1234), style: styles[6]), Cell(.date(try CivilDate(year: 2025, month: 2, day: 5)), style: styles[7]),
                             Cell(.number(95.5), style: styles[8])],
                            options: RowOptions(height: 30))
        try sheet.appendRow(["hàng ẩn"], options: RowOptions(hidden: true))
        try sheet.appendRow(["cuối"])
        try wb.addDefinedName(DefinedName("VungIn", sheet: "Đặc điểm", range: try CellRange("A1:I3")))
        try wb.close()
    }

    /// An ODF length ("13pt", "1.058cm", "25mm", "0.5in") in millimetres.
    static func millimetres(_ s: String) -> Double? {
        for (unit, factor) in [("mm", 1.0), ("cm", 10.0), ("in", 25.4), ("pt", 25.4 / 72), ("pc", 25.4 / 6)] where s.hasSuffix(unit) {
            return Double(s.dropLast(unit.count)).map { $0 * factor }
        }
        return nil
    }

    @Test func stylesAndLayoutReadBackInBothFormats() throws {
        let dir = TemporaryDirectory("features")
        defer { dir.remove() }
        let xlsx = dir.file("dac-diem.xlsx"), ods = dir.file("dac-diem.ods")
        try Self.build(xlsx)
        try Self.build(ods)
        let reports = Conformance.check([xlsx, ods], [.readers, .libreOffice])
        for r in reports {
            #expect(r.failures.isEmpty, "\(r.file): \(r.failures)")
            #expect(r.pages ?? 0 >= 1, "\(r.file)")
        }

        // XLSX through openpyxl.
        let x = try #require(reports[0].data("openpyxl")?["sheets"]?[0])
        let a1 = x["cells"]?["A1"], b1 = x["cells"]?["B1"]
        #expect(a1?["bold"]?.bool == true && a1?["italic"]?.bool == true)
        #expect(a1?["size"]?.number == 13)
        #expect(a1?["underline"]?.string == "single")
        #expect(a1?["color"]?.string == "FFC00000")
        #expect(a1?["font"]?.string == "Times New Roman")
        #expect(b1?["underline"]?.string == "double")
        #expect(b1?["fill"]?.string == "FFFFF2CC")
        #expect(b1?["border_left"]?.string == "thin" && b1?["border_right"]?.string == "medium")
        #expect(b1?["border_top"]?.string == "double" && b1?["border_bottom"]?.string == "dashed")
        #expect(x["cells"]?["C1"]?["h_align"]?.string == "right" && x["cells"]?["C1"]?["v_align"]?.string == "top")
        #expect(x["cells"]?["C1"]?["wrap"]?.bool == true)
        #expect(x["cells"]?["D1"]?["indent"]?.number == 2 && x["cells"]?["D1"]?["v_align"]?.string == "center")
        #expect(x["cells"]?["E1"]?["rotation"]?.number == 90)
        #expect(x["cells"]?["F1"]?["number_format"]?.string == "#,##0")
        #expect(x["cells"]?["G1"]?["number_format"]?.string == "0.00%")
        #expect(x["cells"]?["H1"]?["number_format"]?.string == "dd/mm/yyyy")
        #expect(x["cells"]?["I1"]?["number_format"]?.string == "#,##0.0 \"điểm\"")
        #expect(x["row_heights"]?["1"]?.number == 30)
        #expect(x["hidden_rows"]?.array?.compactMap(\.number) == [2])
        #expect(x["hidden_columns"]?.array?.compactMap(\.string) == ["C"])
        #expect(x["freeze"]?.string == "B2")
        #expect(x["autofilter"]?.string == "A1:I3")
        #expect(x["tab_color"]?.string == "FF00B050")
        #expect(x["grid_lines"]?.bool == false)
        #expect(x["orientation"]?.string == "landscape")
        #expect(x["fit_width"]?.number == 1 && x["fit_height"]?.number == 0)
        #expect(x["center_horizontally"]?.bool == true)
        #expect(x["print_title_rows"]?.string == "$1:$1")
        #expect(abs((x["margins_in"]?["left"]?.number ?? 0) - 25 / 25.4) < 0.001)
        #expect(abs((x["margins_in"]?["bottom"]?.number ?? 0) - 15 / 25.4) < 0.001)
        #expect(x["header_center"]?.string == "Bảng tổng hợp")
        #expect(x["footer_center"]?.string == "Trang &P/&N")
        #expect(reports[0].data("openpyxl")?["defined_names"]?.array?.compactMap(\.string).contains("VungIn") == true)

        // ODS through odfpy: automatic styles resolved per cell.
        let o = try #require(reports[1].data("odfpy-layout")?["sheets"]?[0])
        let c = o["cells"]
        #expect(c?["A1"]?["font-weight"]?.string == "bold" && c?["A1"]?["font-style"]?.string == "italic")
        #expect(c?["A1"]?["font-size"]?.string.flatMap(Self.millimetres).map { abs($0 - 13 * 25.4 / 72) < 0.01 } == true)
        #expect(c?["A1"]?["color"]?.string?.lowercased() == "#c00000")
        #expect(c?["A1"]?["text-underline-style"]?.string == "solid")
        #expect(c?["A1"]?["font-name"]?.string == "Times New Roman")
        #expect(c?["B1"]?["text-underline-type"]?.string == "double")
        #expect(c?["B1"]?["background-color"]?.string?.lowercased() == "#fff2cc")
        #expect(c?["B1"]?["border-top"]?.string?.contains("double") == true)
        #expect(c?["B1"]?["border-bottom"]?.string?.contains("dashed") == true)
        #expect(c?["C1"]?["text-align"]?.string == "end" && c?["C1"]?["vertical-align"]?.string == "top")
        #expect(c?["C1"]?["wrap-option"]?.string == "wrap")
        #expect(c?["D1"]?["margin-left"] != nil && c?["D1"]?["vertical-align"]?.string == "middle")
        #expect(c?["E1"]?["rotation-angle"]?.string.flatMap { Double($0.filter { $0.isNumber || $0 == "." }) } == 90)
        let rows = o["rows"]?.array ?? []
        #expect(rows.first?["height"]?.string.flatMap(Self.millimetres).map { abs($0 - 30 * 25.4 / 72) < 0.05 } == true,
                "\(String(describing: rows.first))")
        #expect(rows.count > 1 && rows[1]["visibility"]?.string == "collapse")
        let columns = o["columns"]?.array ?? []
        #expect(columns.count > 2 && columns[2]["visibility"]?.string == "collapse")
        let page = o["page"]
        #expect(page?["print-orientation"]?.string == "landscape")
        #expect(page?["margin-left"]?.string.flatMap(Self.millimetres).map { abs($0 - 25) < 0.05 } == true, "\(String(describing: page))")
        // ODF's page margin holds the footer area (Excel's does not): with a footer it is the
        // footer's distance from the edge (8 mm by default), the footer area reaching up to 15 mm.
        #expect(page?["margin-bottom"]?.string.flatMap(Self.millimetres).map { abs($0 - 8) < 0.05 } == true, "\(String(describing: page))")
        #expect(page?["table-centering"]?.string == "horizontal")
        #expect(page?["header"]?.string?.contains("Bảng tổng hợp") == true)
        #expect(page?["footer"]?.string?.contains("Trang") == true)
    }
}
