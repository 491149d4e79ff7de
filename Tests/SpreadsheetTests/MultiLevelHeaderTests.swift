import Foundation
import Testing
import TestSupport
@testable import Spreadsheet

@Suite("Multi-level headers")
struct MultiLevelHeaderTests {
    /// A three-level header like the annex tables of a year-end report.
    static let header = MultiLevelHeader([
        HeaderColumn("STT", width: 30, code: "A"),
        HeaderColumn("Đơn vị", width: 160, code: "B"),
        .group("Danh hiệu thi đua", [
            .group("Cá nhân", [
                HeaderColumn("Lao động tiên tiến", width: 60, code: "1"),
                HeaderColumn("Chiến sĩ thi đua cơ sở", width: 60, code: "2"),
                HeaderColumn("Chiến sĩ thi đua cấp tỉnh", width: 60, code: "3"),
            ]),
            .group("Tập thể", [
                HeaderColumn("Tập thể lao động tiên tiến", width: 60, code: "4"),
                HeaderColumn("Tập thể lao động xuất sắc", width: 60, code: "5"),
            ]),
        ]),
        HeaderColumn("Tổng cộng", width: 60, code: "6 = 1 + … + 5"),
    ])

    static let expectedMerges = ["A1:A3", "B1:B3", "C1:G1", "C2:E2", "F2:G2", "H1:H3"]

    @Test func layoutSpansGroupsAndMergesShallowLeavesDown() throws {
        let h = Self.header
        #expect(h.titleRows == 3)
        #expect(h.hasCodeRow)
        #expect(h.rowCount == 4)
        #expect(h.columnCount == 8)
        let (rows, merges) = h.layout()
        #expect(merges.map(\.description).sorted() == Self.expectedMerges.sorted())
        #expect(rows[0] == ["STT", "Đơn vị", "Danh hiệu thi đua", nil, nil, nil, nil, "Tổng cộng"])
        #expect(rows[1] == [nil, nil, "Cá nhân", nil, nil, "Tập thể", nil, nil])
        #expect(rows[2] == [nil, nil, "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp tỉnh",
                            "Tập thể lao động tiên tiến", "Tập thể lao động xuất sắc", nil])
        #expect(rows[3] == ["A", "B", "1", "2", "3", "4", "5", "6 = 1 + … + 5"])
        // Placed elsewhere, every range moves with it.
        let moved = h.layout(row: 2, column: 1).merges.map(\.description).sorted()
        #expect(moved.contains("B3:B5") && moved.contains("D3:H3") && moved.contains("I3:I5"))
        // No two merges overlap (the writers refuse overlaps).
        for (i, a) in merges.enumerated() { for b in merges[..<i] { #expect(!a.intersects(b)) } }
    }

    @Test func twoLevelsWithoutCodes() {
        let h = MultiLevelHeader([HeaderColumn("Họ và tên"), .group("Kết quả", [HeaderColumn("Điểm"), HeaderColumn("Xếp loại")])])
        #expect(h.rowCount == 2 && !h.hasCodeRow)
        #expect(h.layout().merges.map(\.description).sorted() == ["A1:A2", "B1:C1"])
    }

    @Test func writtenHeadersReadBackInEveryReaderAndLibreOffice() throws {
        let dir = TemporaryDirectory("multi-header")
        defer { dir.remove() }
        var files: [String] = []
        for ext in ["xlsx", "ods"] {
            // Streaming sheet.
            let path = dir.file("tieu-de." + ext)
            let wb = try WorkbookWriter(path: path)
            let style = wb.style(CellStyle(font: Font(bold: true), borders: .all(),
                                           alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
            let code = wb.style(CellStyle(font: Font(italic: true), borders: .all(), alignment: Alignment(horizontal: .center)))
            var setup = SheetSetup(columns: Self.header.sheetColumns)
            setup.print = PrintSetup(orientation: .landscape, repeatRows: 0...3)
            let sheet = try wb.addSheet("Phụ lục 1", setup: setup)
            let rows = try Self.header.write(to: sheet, style: style, codeStyle: code)
            #expect(rows == 0...3)
            try sheet.appendRow([1, "Sở Nội vụ", 28, 4, 1, 2, 1, .formula(CellFormula("SUM(C5:G5)"))])
            // Buffered sheet, header placed below a title row.
            var buffer = SheetBuffer(name: "Phụ lục 2")
            buffer[0, 0] = "BẢNG TỔNG HỢP"
            let placed = Self.header.place(in: &buffer, row: 1, style: style, codeStyle: code)
            #expect(placed == 1...4)
            try wb.write(buffer)
            try wb.close()
            files.append(path)
        }
        let reports = Conformance.check(files, [.readers, .libreOffice])
        for report in reports {
            #expect(report.failures.isEmpty, "\(report.file): \(report.failures)")
            // calamine places covered cells of ODS merges where they are (odfpy's list skips them).
            let sheets = report.data("calamine")?["sheets"]?.array ?? []
            let first = sheets.first?["rows"]?.array ?? []
            #expect(first.first?[2]?.string == "Danh hiệu thi đua", "\(report.file)")
            #expect(first.count > 2 && first[2][3]?.string == "Chiến sĩ thi đua cơ sở", "\(report.file)")
            #expect(first.count > 3 && first[3][7]?.string == "6 = 1 + … + 5", "\(report.file)")
            let second = sheets.count > 1 ? (sheets[1]["rows"]?.array ?? []) : []
            #expect(second.count > 1 && second[1][1]?.string == "Đơn vị", "\(report.file)")
            if report.file.hasSuffix(".xlsx") {
                let merged = report.data("openpyxl")?["sheets"]?[0]?["merged"]?.array?.compactMap(\.string) ?? []
                #expect(merged == Self.expectedMerges.sorted(), "\(report.file)")
                let merged2 = report.data("openpyxl")?["sheets"]?[1]?["merged"]?.array?.compactMap(\.string) ?? []
                #expect(merged2 == ["A2:A4", "B2:B4", "C2:G2", "C3:E3", "F3:G3", "H2:H4"])
                #expect(report.data("openpyxl")?["sheets"]?[0]?["print_title_rows"]?.string == "$1:$4")
            }
            #expect(report.pages ?? 0 >= 1, "\(report.file): LibreOffice PDF")
        }
    }
}
