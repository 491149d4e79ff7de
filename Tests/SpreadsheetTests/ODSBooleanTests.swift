import Foundation
import Testing
import TestSupport
import Vietnamese
@testable import Spreadsheet

/// Boolean cells in ODS carry a `number:boolean-style`, so LibreOffice shows its words for true
/// and false (as Excel does for XLSX) instead of 1 and 0; the readers still see booleans.
@Suite("ODS booleans")
struct ODSBooleanTests {
    static let trueWords = ["TRUE", "ĐÚNG"]
    static let falseWords = ["FALSE", "SAI"]

    static func build(_ path: String) throws {
        let wb = try WorkbookWriter(path: path)
        let border = wb.style(CellStyle(font: Font(bold: true), borders: .all()))
        let sheet = try wb.addSheet("Điểm danh")
        try sheet.appendRow(["Có mặt", .bool(true)])
        try sheet.appendRow(["Vắng", .bool(false)])
        try sheet.appendRow(["Công thức", Cell(.formula(CellFormula("B1", result: .bool(true))))])
        try sheet.appendRow(["Có viền", Cell(.bool(false), style: border)])
        try wb.close()
    }

    @Test func booleanCellsHaveABooleanDataStyle() throws {
        let dir = TemporaryDirectory("ods-bool-xml")
        defer { dir.remove() }
        let path = dir.file("b.ods")
        try Self.build(path)
        let content = Shell.run("/usr/bin/unzip", ["-p", path, "content.xml"]).stdout
        #expect(content.contains(#"<number:boolean-style style:name="NB"><number:boolean/></number:boolean-style>"#))
        // Each style a boolean cell uses has its boolean variant, keeping the style's look.
        #expect(content.contains(#"<style:style style:name="ce0b" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="NB">"#))
        let bordered = try #require(content.range(of: #"<style:style style:name="ce1b""#), "no variant of the bordered style")
        let variant = content[bordered.lowerBound...].prefix(700)
        #expect(variant.contains("fo:border-left") && variant.contains("fo:font-weight=\"bold\""))
        #expect(content.contains(#"table:style-name="ce1b" office:value-type="boolean" office:boolean-value="false""#))
        #expect(content.contains(#"table:style-name="ce0b" table:formula="#))
    }

    @Test func readersAndLibreOfficeShowBooleans() throws {
        let dir = TemporaryDirectory("ods-bool")
        defer { dir.remove() }
        let path = dir.file("diem-danh.ods")
        try Self.build(path)
        let pdfs = dir.file("pdf")
        let report = Conformance.check([path], pdfDirectory: pdfs)[0]
        #expect(report.failures.isEmpty, "\(report.failures)")
        for reader in ["odfpy", "calamine"] {
            guard let rows = report.data(reader)?["sheets"]?[0]?["rows"] else {
                #expect(!Conformance.isCI, "\(reader) did not read the sheet")
                continue
            }
            #expect(rows[0]?[1]?.bool == true, "\(reader): \(rows)")
            #expect(rows[1]?[1]?.bool == false, "\(reader): \(rows)")
            #expect(rows[2]?[1]?.bool == true, "\(reader): \(rows)")
            #expect(rows[3]?[1]?.bool == false, "\(reader): \(rows)")
        }
        guard let pdf = report.pdf else {
            #expect(!Conformance.isCI, "LibreOffice wrote no PDF")
            return
        }
        // LibreOffice prints the labels' column, then the values' column: the values, in order,
        // must be its words for true and false (never 1 or 0).
        let text = try ChartTests.pdfText(pdf)
        let labels: Set<Substring> = ["Có", "mặt", "Vắng", "Công", "thức", "viền"]
        let values = text.split(separator: " ").filter { !labels.contains($0) }
        let expected = [true, false, true, false]
        #expect(values.count == expected.count, "\(text)")
        for (value, b) in zip(values, expected) {
            #expect((b ? Self.trueWords : Self.falseWords).contains(String(value)), "\(value) for \(b): \(text)")
        }
    }
}
