import Foundation
import Testing
import TestSupport
@testable import Spreadsheet

/// The ODS writer makes the style most rows give a column its default cell style and leaves it
/// out of those cells. Everything else must look as before: a cell of another style (the default
/// style included), a row skipped, a short row, the rows below the table, a column with a
/// declared style.
@Suite("ODS column default styles")
struct ODSColumnDefaultTests {
    /// Rows 1–12 (0-based) bordered in A–C; row 5 has an unstyled value in B, row 7 is skipped,
    /// row 9 holds only A; column C declares a fill for its empty cells.
    static func build(_ path: String) throws {
        let wb = try WorkbookWriter(path: path)
        let header = wb.style(CellStyle(font: Font(bold: true), borders: .all()))
        let body = wb.style(CellStyle(borders: .all()))
        let number = wb.style(CellStyle(borders: .all(), numberFormat: .integer))
        let filled = wb.style(CellStyle(fill: Color(hex: "FFF2CC")))
        var setup = SheetSetup(columns: [SheetColumn(), SheetColumn(), SheetColumn(style: filled)])
        setup.print.repeatRows = 0...0
        let sheet = try wb.addSheet("Bảng", setup: setup)
        try sheet.appendRow(["STT", "Họ và tên", "Đơn vị"].map { Cell(.text($0), style: header) })
        for r in 1...12 where r != 7 {
            if r == 9 {
                try sheet.writeRow(r, [Cell(.integer(r), style: number)])
                continue
            }
            let name = r == 5 ? Cell(.text("Không viền")) : Cell(.text("Người \(r)"), style: body)
            try sheet.writeRow(r, [Cell(.integer(r), style: number), name, Cell(.text("Phòng \(r)"), style: body)])
        }
        try wb.close()
    }

    @Test func cellsKeepTheirLookAndTheTableEndsWhereItsRowsEnd() throws {
        let dir = TemporaryDirectory("ods-column-default")
        defer { dir.remove() }
        let path = dir.file("bang.ods")
        try Self.build(path)
        let content = Shell.run("/usr/bin/unzip", ["-p", path, "content.xml"]).stdout
        // The body styles became column defaults and left the cells.
        #expect(content.contains(#"table:default-cell-style-name="ce3"/>"#), "\(content.prefix(3000))")
        #expect(content.contains(#"<table:table-cell office:value-type="string"><text:p>Người 1</text:p>"#))
        // Numbers carry their value only.
        #expect(content.contains(#"<table:table-cell office:value-type="float" office:value="1"/>"#))

        let report = Conformance.check([path], pdfDirectory: dir.file("pdf"))[0]
        #expect(report.failures.isEmpty, "\(report.failures)")
        guard let sheet = report.data("odfpy-layout")?["sheets"]?[0] else {
            #expect(!Conformance.isCI, "odfpy did not read the layout")
            return
        }
        let cells = sheet["cells"]
        let bordered = { (a: String) in cells?[a]?["border-left"]?.string?.contains("solid") == true }
        #expect(bordered("A2") && bordered("B2") && bordered("C2") && bordered("B13"))
        #expect(cells?["A1"]?["font-weight"]?.string == "bold")
        // Not bordered: the unstyled value, the skipped row, the short row, the rows below.
        for a in ["B6", "A8", "B8", "C8", "B10", "C10", "A14", "B14", "C14"] {
            #expect(!bordered(a), "\(a): \(String(describing: cells?[a]))")
        }
        // Column C's empty cells keep its declared fill, in the table and below it.
        for a in ["C8", "C10", "C14"] {
            #expect(cells?[a]?["background-color"]?.string?.lowercased() == "#fff2cc", "\(a): \(String(describing: cells?[a]))")
        }
        #expect(cells?["C2"]?["background-color"] == nil)
        for reader in ["odfpy", "calamine"] {
            let read = report.data(reader)?["sheets"]?[0]
            #expect(read?["row_count"]?.number == 13, "\(reader): \(String(describing: read?["row_count"]))")
            #expect(read?["rows"]?[5]?[1]?.string == "Không viền", "\(reader)")
        }
    }
}
