import Foundation
import Testing
import TestSupport
@testable import Spreadsheet

/// The XLSX writer leaves out the `r` reference of a row that follows the previous row and of
/// a cell that follows the previous cell (ECMA-376 makes both optional), and writes it after a
/// gap. Every reader must still find each value where it was written: openpyxl, python-calamine
/// and LibreOffice (exported to CSV).
@Suite("XLSX implicit references")
struct XLSXReferenceTests {
    /// A sheet with every kind of gap: leading columns, a hole in a row, skipped rows, an empty
    /// row, a row with only a height, a two-letter column. Returns what each cell shows, by row.
    static func build(_ path: String) throws -> [[String]] {
        let wb = try WorkbookWriter(path: path)
        let border = wb.style(CellStyle(borders: .all()))
        let sheet = try wb.addSheet("Khoảng trống")
        try sheet.appendRow(["a1", .integer(2), .number(3.5)])                       // row 1: A B C
        try sheet.writeRow(1, ["c2", "d2"], startColumn: 2)                          // row 2: C D
        try sheet.appendRow(["a3", Cell.empty, "c3", Cell(.empty, style: border), .integer(-7)]) // row 3: A C (D) E
        try sheet.writeRow(5, ["a6"])                                                // rows 4–5 skipped
        try sheet.appendRow([])                                                      // row 7: nothing
        try sheet.appendRow([], options: RowOptions(height: 30))                     // row 8: a height only
        try sheet.appendRow(["a9", "b9"])                                            // row 9
        try sheet.writeRow(9, ["ab10"], startColumn: 27)                             // row 10: AB
        try wb.addSheet("Trang 2").appendRow(["x", "y"])
        try wb.close()
        var grid = Array(repeating: Array(repeating: "", count: 28), count: 10)
        grid[0][0] = "a1"; grid[0][1] = "2"; grid[0][2] = "3.5"
        grid[1][2] = "c2"; grid[1][3] = "d2"
        grid[2][0] = "a3"; grid[2][2] = "c3"; grid[2][4] = "-7"
        grid[5][0] = "a6"
        grid[8][0] = "a9"; grid[8][1] = "b9"
        grid[9][27] = "ab10"
        return grid
    }

    /// Rows without trailing empty cells, without trailing empty rows.
    static func trimmed(_ rows: [[String]]) -> [[String]] {
        var out = rows.map { row -> [String] in
            var r = row
            while r.last == "" { r.removeLast() }
            return r
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out
    }

    /// A reader's value as the grid's text.
    static func text(_ v: JSON?) -> String {
        switch v {
        case .number(let n)?: return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .string(let s)?: return s
        case .bool(let b)?: return b ? "TRUE" : "FALSE"
        default: return ""
        }
    }

    @Test func onlyCellsAfterAGapNameThemselves() throws {
        let dir = TemporaryDirectory("xlsx-refs")
        defer { dir.remove() }
        let path = dir.file("refs.xlsx")
        _ = try Self.build(path)
        let xml = Shell.run("/usr/bin/unzip", ["-p", path, "xl/worksheets/sheet1.xml"]).stdout
        let start = try #require(xml.range(of: "<sheetData>"), "no sheetData in \(xml.prefix(200))")
        let body = String(xml[start.upperBound...])
        func values(_ pattern: String) throws -> [String] {
            let re = try NSRegularExpression(pattern: pattern)
            return re.matches(in: body, range: NSRange(body.startIndex..., in: body)).map {
                Range($0.range(at: 1), in: body).map { String(body[$0]) } ?? ""
            }
        }
        #expect(try values(#"<c r="([A-Z]+[0-9]+)""#) == ["C2", "C3", "AB10"])
        #expect(try values(#"<row r="([0-9]+)""#) == ["6", "8"])
        // A row holding nothing is not written; the row with a height is.
        #expect(try values(#"<row( [^>]*)?>"#).count == 7)
    }

    @Test func everyReaderPlacesEveryValue() throws {
        let dir = TemporaryDirectory("xlsx-refs-read")
        defer { dir.remove() }
        let path = dir.file("refs.xlsx")
        let expected = Self.trimmed(try Self.build(path))

        let report = Conformance.check([path])[0]
        #expect(report.failures.isEmpty, "\(report.failures)")
        for reader in ["openpyxl", "calamine"] {
            guard let rows = report.data(reader)?["sheets"]?[0]?["rows"]?.array else {
                #expect(!Conformance.isCI, "\(reader) did not read the sheet")
                continue
            }
            let got = Self.trimmed(rows.map { ($0.array ?? []).map(Self.text) })
            #expect(got == expected, "\(reader)")
            #expect(Self.text(report.data(reader)?["sheets"]?[1]?["rows"]?[0]?[1]) == "y", "\(reader)")
        }
        if let heights = report.data("openpyxl")?["sheets"]?[0]?["row_heights"] {
            #expect(heights["8"]?.number == 30)
        }

        guard let soffice = Conformance.which("soffice") else {
            #expect(!Conformance.isCI, "thiếu LibreOffice (soffice)")
            return
        }
        let result = Shell.run(soffice, [
            "--headless", "--norestore", "-env:UserInstallation=file://" + dir.path + "/profile",
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", dir.path, path,
        ])
        let csv = try #require(FormulaLibreOfficeTests.read(dir.file("refs.csv")),
                               "LibreOffice không xuất CSV: \(result.stdout) \(result.stderr)")
        let got = Self.trimmed(FormulaLibreOfficeTests.parseCSV(csv).map { $0.map(\.text) })
        #expect(got == expected, "LibreOffice")
    }
}
