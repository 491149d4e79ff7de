import Foundation
import OfficeZip
import Testing
import TestSupport
@testable import Templating

/// A hand-written XLSX (for what LibreOffice never writes: shared formulas, calcChain, page breaks).
enum TestXlsx {
    static func write(_ path: String, sheet: String, workbookExtra: String = "", extraTypes: String = "",
                      extraParts: [(String, String)] = []) throws {
        let zip = try ZipWriter(path: path)
        for (name, text) in extraParts { try zip.add(name, text: text) }
        try zip.add("[Content_Types].xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/calcChain.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\(extraTypes)</Types>")
        try zip.add("_rels/.rels", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        try zip.add("xl/workbook.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Bảng 1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>\(workbookExtra)</workbook>")
        try zip.add("xl/_rels/workbook.xml.rels", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain\" Target=\"calcChain.xml\"/><Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>")
        try zip.add("xl/styles.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Times New Roman\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs><dxfs count=\"1\"><dxf><font><b/></font></dxf></dxfs></styleSheet>")
        try zip.add("xl/worksheets/sheet1.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\(sheet)</worksheet>")
        try zip.add("xl/calcChain.xml", text: "<calcChain xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><c r=\"B3\" i=\"1\"/></calcChain>")
        try zip.close()
    }

    static func s(_ ref: String, _ text: String) -> String {
        "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(TestDocx.escape(text))</t></is></c>"
    }
}

@Suite("Spreadsheet templates", .serialized)
struct SpreadsheetTemplateTests {
    static let csvRows: TemplateValue = [
        "nam": 2024, "nguoi_lap": "Ban TĐKT",
        "rows": [["stt": 1, "ho_ten": "Nguyễn Thị Hồng Nhung", "don_vi": "Phòng Nội vụ", "diem": 95.5,
                  "ngay": .date(TemplateDate(date: try! .init(year: 2024, month: 1, day: 15), text: "15/01/2024"))],
                 ["stt": 2, "ho_ten": "Trần Văn Đức", "don_vi": "UBND xã Phú Đình", "diem": 87,
                  "ngay": .date(TemplateDate(date: try! .init(year: 2024, month: 2, day: 20), text: "20/02/2024"))],
                 ["stt": 3, "ho_ten": "Lê Thị Thu Hương", "don_vi": "Trường THCS Nguyễn Du", "diem": 91.25,
                  "ngay": .date(TemplateDate(date: try! .init(year: 2024, month: 3, day: 3), text: "03/03/2024"))]],
    ]

    static let expectedValues: [[String]] = [
        ["DANH SÁCH KHEN THƯỞNG NĂM 2024", "", "", "", "", ""],
        ["STT", "Họ và tên", "Đơn vị", "Điểm", "Ngày QĐ", "Gấp đôi"],
        ["1", "Nguyễn Thị Hồng Nhung", "PHÒNG NỘI VỤ", "95.5", "01/15/2024", "191"],
        ["2", "Trần Văn Đức", "UBND XÃ PHÚ ĐÌNH", "87", "02/20/2024", "174"],
        ["3", "Lê Thị Thu Hương", "TRƯỜNG THCS NGUYỄN DU", "91.25", "03/03/2024", "182.5"],
        ["Tổng", "", "", "273.75", "", "547.5"],
        ["Trung bình", "", "", "91.25", "", ""],
        ["Người lập: Ban TĐKT", "", "", "3 người", "", ""],
    ]

    @Test("XLSX and ODS saved by LibreOffice: typed cells, a row loop, everything below follows; LibreOffice recomputes")
    func fixtures() throws {
        let dir = TemporaryDirectory("sheet-tpl")
        defer { dir.remove() }
        var outputs: [String] = []
        for ext in ["xlsx", "ods"] {
            let out = dir.file("ra-\(ext).\(ext)")
            try Template(path: Fixtures.path("own", "danh-sach.\(ext)")).fill(Self.csvRows, to: out)
            outputs.append(out)
        }
        let values = LibreOfficeValues.sheets(outputs)
        for out in outputs where !values.isEmpty {
            #expect(values[out]?["Danh sách"] == Self.expectedValues, "\(out)")
            #expect(values[out]?["Tổng hợp"] == [["Tổng điểm", "273.75"], ["Số người", "3"]], "\(out)")
        }
        let reports = Conformance.check(outputs, [.readers, .libreOffice])
        for r in reports { #expect(r.failures.isEmpty, "\(r.file): \(r.failures)") }
        let x = try #require(reports.first?.data("openpyxl")?["sheets"]?[0])
        #expect(x["merged"]?.array?.compactMap(\.string) == ["A1:F1", "A8:C8"])
        #expect(x["autofilter"]?.string == "A2:F5")
        #expect(x["row_heights"]?["4"]?.number == 22.7 && x["row_heights"]?["5"]?.number == 22.7)
        #expect(x["rows"]?[2]?[3]?.number == 95.5, "a cell holding only {diem} is a number")
        #expect(x["rows"]?[2]?[4]?.string == "2024-01-15T00:00:00", "a date keeps the cell's date format")
        #expect(x["rows"]?[3]?[5]?.string == "=D4*2")
        #expect(x["rows"]?[5]?[3]?.string == "=SUM(D3:D5)")
        let workbook = String(decoding: try PackageFiles.read(outputs[0], "xl/workbook.xml"), as: UTF8.self)
        #expect(workbook.contains("'Danh sách'!$A$1:$F$8") && workbook.contains("'Danh sách'!$D$3:$D$5"))
        #expect(workbook.contains("fullCalcOnLoad=\"1\""))
        let content = String(decoding: try PackageFiles.read(outputs[1], "content.xml"), as: UTF8.self)
        #expect(content.contains("table:print-ranges=\"'Danh sách'.A1:'Danh sách'.F8\""))
        #expect(content.contains("table:cell-range-address=\"$'Danh sách'.$D$3:.$D$5\""))
        #expect(content.contains("table:target-range-address=\"'Danh sách'.A2:'Danh sách'.F5\""))
    }

    @Test("shared formulas, merges, links, validation, conditional formats, page breaks and calcChain follow the rows")
    func handWritten() throws {
        let dir = TemporaryDirectory("xlsx-hand")
        defer { dir.remove() }
        let sheet = "<dimension ref=\"A1:D7\"/><sheetData>"
            + "<row r=\"1\">\(TestXlsx.s("A1", "Tiêu đề {tieu_de}"))</row>"
            + "<row r=\"2\" ht=\"30\" customHeight=\"1\">\(TestXlsx.s("A2", "{#ds}{x}"))\(TestXlsx.s("B2", "{co}"))\(TestXlsx.s("C2", "{ghi_chu}{/ds}"))<c r=\"D2\"><f>A2+1</f><v>1</v></c></row>"
            + "<row r=\"3\"><c r=\"A3\"><v>10</v></c><c r=\"B3\"><f t=\"shared\" ref=\"B3:B5\" si=\"0\">A3*2</f><v>20</v></c></row>"
            + "<row r=\"4\"><c r=\"A4\"><v>20</v></c><c r=\"B4\"><f t=\"shared\" si=\"0\"/><v>40</v></c></row>"
            + "<row r=\"5\"><c r=\"A5\"><f>SUM(A2:A4)</f></c><c r=\"B5\"><f t=\"shared\" si=\"0\"/></c></row>"
            + "</sheetData><conditionalFormatting sqref=\"A2:B2\"><cfRule type=\"expression\" priority=\"1\" dxfId=\"0\"><formula>$A2&gt;$A$3</formula></cfRule></conditionalFormatting>"
            + "<dataValidations count=\"1\"><dataValidation type=\"whole\" sqref=\"A2\"><formula1>0</formula1><formula2>A3</formula2></dataValidation></dataValidations>"
            + "<hyperlinks><hyperlink ref=\"C2\" location=\"'Bảng 1'!A1\"/></hyperlinks>"
            + "<rowBreaks count=\"1\" manualBreakCount=\"1\"><brk id=\"4\" max=\"16383\" man=\"1\"/></rowBreaks>"
        let merged = sheet.replacingOccurrences(of: "</sheetData>", with: "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"C2:D2\"/></mergeCells>")
        try TestXlsx.write(dir.file("t.xlsx"), sheet: merged, workbookExtra: "<definedNames><definedName name=\"Vung\">'Bảng 1'!$A$2:$B$4</definedName></definedNames>")
        let data: TemplateValue = ["tieu_de": "Khen thưởng", "ds": [["x": 1, "co": true, "ghi_chu": "dòng 1\ndòng 2"], ["x": 2, "co": false, "ghi_chu": ""], ["x": 3, "co": true, "ghi_chu": "a & <b>"]]]
        try Template(path: dir.file("t.xlsx")).fill(data, to: dir.file("o.xlsx"))
        let xml = String(decoding: try PackageFiles.read(dir.file("o.xlsx"), "xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(xml.contains("<dimension ref=\"A1:D7\"/>"))
        #expect(xml.contains("<c r=\"B2\" t=\"b\"><v>1</v></c>") && xml.contains("<c r=\"B3\" t=\"b\"><v>0</v></c>"))
        #expect(xml.contains("<c r=\"D3\"><f>A3+1</f></c>") && xml.contains("<c r=\"D4\"><f>A4+1</f></c>"))
        #expect(xml.contains("<c r=\"B5\"><f>A5*2</f></c>") && xml.contains("<c r=\"B6\"><f>A6*2</f></c>") && xml.contains("<c r=\"B7\"><f>A7*2</f></c>"))
        #expect(xml.contains("<c r=\"A7\"><f>SUM(A2:A6)</f></c>"))
        #expect(xml.contains("<row r=\"4\" ht=\"30\" customHeight=\"1\">"))
        #expect(xml.contains("<mergeCells count=\"3\"><mergeCell ref=\"C2:D2\"/><mergeCell ref=\"C3:D3\"/><mergeCell ref=\"C4:D4\"/></mergeCells>"))
        #expect(xml.contains("sqref=\"A2:B4\"") && xml.contains("<formula>$A2&gt;$A$5</formula>"))
        #expect(xml.contains("sqref=\"A2:A4\"") && xml.contains("<formula2>A5</formula2>"))
        #expect(xml.contains("<hyperlink ref=\"C2\" location=\"'Bảng 1'!A1\"/><hyperlink ref=\"C3\"") && xml.contains("<hyperlink ref=\"C4\""))
        #expect(xml.contains("<brk id=\"6\""))
        #expect(!xml.contains("t=\"shared\""))
        let workbook = String(decoding: try PackageFiles.read(dir.file("o.xlsx"), "xl/workbook.xml"), as: UTF8.self)
        #expect(workbook.contains("'Bảng 1'!$A$2:$B$6") && workbook.contains("<calcPr fullCalcOnLoad=\"1\"/>"))
        #expect(!(try PackageFiles.names(dir.file("o.xlsx"))).contains("xl/calcChain.xml"))
        #expect(!String(decoding: try PackageFiles.read(dir.file("o.xlsx"), "xl/_rels/workbook.xml.rels"), as: UTF8.self).contains("calcChain"))
        #expect(!String(decoding: try PackageFiles.read(dir.file("o.xlsx"), "[Content_Types].xml"), as: UTF8.self).contains("calcChain"))
        let r = Conformance.check([dir.file("o.xlsx")], [.readers, .libreOffice])[0]
        #expect(r.failures.isEmpty, "\(r.failures)")
        #expect(r.data("openpyxl")?["sheets"]?[0]?["rows"]?[1]?[2]?.string == "dòng 1\ndòng 2")
        #expect(r.data("openpyxl")?["sheets"]?[0]?["rows"]?[3]?[2]?.string == "a & <b>")
    }

    @Test("Excel tables (ListObjects) widen over a loop row and move down below it, autofilter and sort ranges with them")
    func tables() throws {
        let dir = TemporaryDirectory("xlsx-tables")
        defer { dir.remove() }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let sheet = "<dimension ref=\"A1:B6\"/><sheetData>"
            + "<row r=\"1\">\(TestXlsx.s("A1", "Danh sách {nam}"))</row>"
            + "<row r=\"2\">\(TestXlsx.s("A2", "STT"))\(TestXlsx.s("B2", "Họ tên"))</row>"
            + "<row r=\"3\">\(TestXlsx.s("A3", "{#ds}{stt}"))\(TestXlsx.s("B3", "{ho_ten}{/ds}"))</row>"
            + "<row r=\"5\">\(TestXlsx.s("A5", "Mã"))\(TestXlsx.s("B5", "Tên"))</row>"
            + "<row r=\"6\">\(TestXlsx.s("A6", "TĐ"))\(TestXlsx.s("B6", "Thi đua"))</row>"
            + "</sheetData><tableParts count=\"2\"><tablePart r:id=\"rId1\"/><tablePart r:id=\"rId2\"/></tableParts>"
        let table = { (id: Int, name: String, ref: String, columns: [String], sort: Bool) in
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<table xmlns=\"\(main)\" id=\"\(id)\" name=\"\(name)\" displayName=\"\(name)\" ref=\"\(ref)\">"
                + "<autoFilter ref=\"\(ref)\"/>"
                + (sort ? "<sortState ref=\"A3:B3\"><sortCondition ref=\"B3:B3\"/></sortState>" : "")
                + "<tableColumns count=\"\(columns.count)\">"
                + columns.enumerated().map { "<tableColumn id=\"\($0.offset + 1)\" name=\"\($0.element)\"/>" }.joined()
                + "</tableColumns><tableStyleInfo name=\"TableStyleMedium2\" showFirstColumn=\"0\" showLastColumn=\"0\" showRowStripes=\"1\" showColumnStripes=\"0\"/></table>"
        }
        let tableType = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
        try TestXlsx.write(dir.file("t.xlsx"), sheet: sheet,
                           extraTypes: "<Override PartName=\"/xl/tables/table1.xml\" ContentType=\"\(tableType)\"/><Override PartName=\"/xl/tables/table2.xml\" ContentType=\"\(tableType)\"/>",
                           extraParts: [
                               ("xl/worksheets/_rels/sheet1.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/table\" Target=\"../tables/table1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/table\" Target=\"../tables/table2.xml\"/></Relationships>"),
                               ("xl/tables/table1.xml", table(1, "DanhSach", "A2:B3", ["STT", "Họ tên"], true)),
                               ("xl/tables/table2.xml", table(2, "Ma", "A5:B6", ["Mã", "Tên"], false)),
                           ])
        let data: TemplateValue = ["nam": 2024, "ds": [["stt": 1, "ho_ten": "An"], ["stt": 2, "ho_ten": "Bình"], ["stt": 3, "ho_ten": "Chi"]]]
        try Template(path: dir.file("t.xlsx")).fill(data, to: dir.file("o.xlsx"))
        let t1 = String(decoding: try PackageFiles.read(dir.file("o.xlsx"), "xl/tables/table1.xml"), as: UTF8.self)
        let t2 = String(decoding: try PackageFiles.read(dir.file("o.xlsx"), "xl/tables/table2.xml"), as: UTF8.self)
        #expect(t1.contains("ref=\"A2:B5\"><autoFilter ref=\"A2:B5\"/><sortState ref=\"A3:B5\"><sortCondition ref=\"B3:B5\"/>"))
        #expect(t1.contains("<tableColumn id=\"2\" name=\"Họ tên\"/>"), "the rest of the part is kept")
        #expect(t2.contains("ref=\"A7:B8\"><autoFilter ref=\"A7:B8\"/>"))
        let xml = String(decoding: try PackageFiles.read(dir.file("o.xlsx"), "xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(xml.contains("<row r=\"7\">") && xml.contains("<tablePart r:id=\"rId2\"/>"))
        let r = Conformance.check([dir.file("o.xlsx")], [.readers, .libreOffice])[0]
        #expect(r.failures.isEmpty, "\(r.failures)")
        #expect(r.data("openpyxl")?["sheets"]?[0]?["rows"]?[4]?[1]?.string == "Chi")
        #expect(r.data("openpyxl")?["sheets"]?[0]?["rows"]?[6]?[1]?.string == "Tên")
    }

    @Test("XLSX page header and footer tags are filled from the top-level values, & doubled; a missing one is located")
    func headerFooter() throws {
        let dir = TemporaryDirectory("xlsx-header")
        defer { dir.remove() }
        let sheet = "<sheetData><row r=\"1\">\(TestXlsx.s("A1", "{#ds}{x}{/ds}"))</row></sheetData>"
            + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
            + "<headerFooter><oddHeader>&amp;C{tieu_de | hoa}</oddHeader><oddFooter>&amp;C{don_vi} – trang &amp;P</oddFooter>"
            + "<evenHeader>&amp;L&amp;14{so}&amp;R&amp;&amp;{so}</evenHeader></headerFooter>"
        try TestXlsx.write(dir.file("t.xlsx"), sheet: sheet)
        let data: TemplateValue = ["tieu_de": "Khen thưởng & kỷ luật", "don_vi": "Sở Nội vụ", "so": "57/KH", "ds": [["x": 1], ["x": 2]]]
        try Template(path: dir.file("t.xlsx")).fill(data, to: dir.file("o.xlsx"))
        let xml = String(decoding: try PackageFiles.read(dir.file("o.xlsx"), "xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(xml.contains("<oddHeader>&amp;CKHEN THƯỞNG &amp;&amp; KỶ LUẬT</oddHeader><oddFooter>&amp;CSở Nội vụ – trang &amp;P</oddFooter>"))
        // A value starting with a digit after a font size code (&14) is kept apart; after a literal && it is not.
        #expect(xml.contains("<evenHeader>&amp;L&amp;14 57/KH&amp;R&amp;&amp;57/KH</evenHeader>"))
        let r = Conformance.check([dir.file("o.xlsx")], [.readers, .libreOffice])[0]
        #expect(r.failures.isEmpty, "\(r.failures)")
        #expect(r.data("openpyxl")?["sheets"]?[0]?["header_center"]?.string == "KHEN THƯỞNG && KỶ LUẬT")
        let uses = try Template(path: dir.file("t.xlsx")).uses.map(\.name)
        #expect(uses.contains("tieu_de") && uses.contains("don_vi"), "--check lists them: \(uses)")
        do {
            try Template(path: dir.file("t.xlsx")).fill(["tieu_de": "x", "ds": []], to: dir.file("m.xlsx"))
            Issue.record("filled without don_vi")
        } catch let e as TemplateError {
            #expect(e.errors.first?.location.cell == "oddFooter", "\(e.errors)")
        }
        // A row loop (opened, not closed in the text) has no rows to repeat in a page header: refused, located.
        try TestXlsx.write(dir.file("l.xlsx"), sheet: "<sheetData/><headerFooter><oddHeader>&amp;C{#ds}{x}</oddHeader></headerFooter>")
        let refused = #expect(throws: TemplateError.self) { _ = try Template(path: dir.file("l.xlsx")) }
        #expect(refused?.errors.first?.code == .loopPositionInvalid && refused?.errors.first?.location.cell == "oddHeader",
                "\(refused?.errors ?? [])")
    }

    @Test("ODS: a vertical merge over a loop row grows with its copies; LibreOffice reads the merged range")
    func odsVerticalMerge() throws {
        let dir = TemporaryDirectory("ods-vmerge")
        defer { dir.remove() }
        let header = "<table:table-cell table:style-name=\"ce6\" office:value-type=\"string\" calcext:value-type=\"string\"><text:p>Gấp đôi</text:p></table:table-cell>"
        let loopCell = "<table:table-cell table:formula=\"of:=[.D3]*2\" office:value-type=\"float\" office:value=\"0\" calcext:value-type=\"float\"><text:p>0.00</text:p></table:table-cell></table:table-row>"
        try Self.edited("ods", [(header, header.replacingOccurrences(of: "calcext:value-type=\"string\">", with: "calcext:value-type=\"string\" table:number-columns-spanned=\"1\" table:number-rows-spanned=\"2\">")),
                                (loopCell, "<table:covered-table-cell/></table:table-row>")], to: dir.file("t.ods"))
        try Template(path: dir.file("t.ods")).fill(Self.csvRows, to: dir.file("o.ods"))
        let xml = String(decoding: try PackageFiles.read(dir.file("o.ods"), "content.xml"), as: UTF8.self)
        #expect(xml.contains("table:number-rows-spanned=\"4\"><text:p>Gấp đôi</text:p>"))
        #expect(xml.components(separatedBy: "<table:covered-table-cell/></table:table-row>").count == 4, "one covered cell per copy")
        let r = Conformance.check([dir.file("o.ods")], [.readers, .libreOffice])[0]
        #expect(r.failures.isEmpty, "\(r.failures)")
        // LibreOffice's own reading of the merge: saved as XLSX, read by openpyxl.
        guard let run = Soffice.convert([dir.file("o.ods")], to: "xlsx", outdir: dir.file("lo")) else {
            if Conformance.isCI { Issue.record("soffice is missing") }
            return
        }
        #expect(run.status == 0, "\(run.stderr)")
        let x = Conformance.check([dir.file("lo/o.xlsx")], [.readers])[0]
        let merged = x.data("openpyxl")?["sheets"]?[0]?["merged"]?.array?.compactMap(\.string) ?? []
        #expect(merged.contains("F2:F5"), "\(merged)")
    }

    @Test("an empty loop keeps one blank row so formulas stay valid; a missing value is located by sheet and cell")
    func emptyAndMissing() throws {
        let dir = TemporaryDirectory("sheet-empty")
        defer { dir.remove() }
        var data = Self.csvRows
        if case .object(var o) = data { o["rows"] = []; data = .object(o) }
        for ext in ["xlsx", "ods"] {
            try Template(path: Fixtures.path("own", "danh-sach.\(ext)")).fill(data, to: dir.file("e.\(ext)"))
        }
        let values = LibreOfficeValues.sheets([dir.file("e.xlsx"), dir.file("e.ods")])
        for ext in ["xlsx", "ods"] where !values.isEmpty {
            let rows = values[dir.file("e.\(ext)")]?["Danh sách"] ?? []
            #expect(rows.count == 6, "\(ext): \(rows)")
            #expect(rows.dropFirst(2).first == ["", "", "", "", "", "0"], "\(ext)")
            #expect(rows.dropFirst(3).first?.prefix(4) == ["Tổng", "", "", "0"], "\(ext)")
        }
        if case .object(var o) = data { o["nguoi_lap"] = nil; data = .object(o) }
        for ext in ["xlsx", "ods"] {
            do {
                try Template(path: Fixtures.path("own", "danh-sach.\(ext)")).fill(data, to: dir.file("m.\(ext)"))
                Issue.record("\(ext): filled without nguoi_lap")
            } catch let e as TemplateError {
                let issue = try #require(e.errors.first)
                #expect(issue.code == .missingValue)
                #expect(issue.location.sheet == "Danh sách" && issue.location.cell == "A6", "\(issue.location)")
            }
            #expect(!FileManager.default.fileExists(atPath: dir.file("m.\(ext)")))
        }
    }

    /// A copy of a LibreOffice-saved fixture with texts of its cells replaced (shared strings of
    /// the XLSX, content.xml of the ODS).
    static func edited(_ ext: String, _ replacements: [(String, String)], to path: String) throws {
        let reader = try ZipReader(path: Fixtures.path("own", "danh-sach.\(ext)"))
        let part = ext == "xlsx" ? "xl/sharedStrings.xml" : "content.xml"
        var text = String(decoding: try reader.read(part), as: UTF8.self)
        for (a, b) in replacements {
            #expect(text.contains(a), "\(ext): \(a)")
            text = text.replacingOccurrences(of: a, with: b)
        }
        let zip = try ZipWriter(path: path)
        for e in reader.entries {
            if e.name == part { try zip.add(e.name, text: text) }
            else if e.name == "mimetype" { try zip.add(e.name, bytes: try reader.read(e.name), method: .store) }
            else { try zip.copy(e.name, from: reader) }
        }
        try zip.close()
    }

    @Test("formatters, conditions and text loops in cells; syntax errors located by sheet and cell, all reported together")
    func formattersAndErrors() throws {
        let dir = TemporaryDirectory("sheet-fmt")
        defer { dir.remove() }
        var data = Self.csvRows
        if case .object(var o) = data {
            o["so_tien"] = 1_200_000
            o["ky"] = ["A", "B"]
            o["co_dau"] = true
            o["ngay_ky"] = .date(TemplateDate(date: try! .init(year: 2021, month: 2, day: 5), text: "05/02/2021"))
            data = .object(o)
        }
        var outputs: [String] = []
        for ext in ["xlsx", "ods"] {
            try Self.edited(ext, [("Người lập: {nguoi_lap}", "{nguoi_lap | hoa}{#co_dau} ✓{/co_dau}{^co_dau} ✗{/co_dau}, {ngay_ky | ngay_dai}, {so_tien | so} đồng ({so_tien | tien_chu}), ký: {#ky}[{.}]{/ky}"),
                                  ("{ho_ten}", "{ho_ten | hoa}")], to: dir.file("t.\(ext)"))
            let out = dir.file("f.\(ext)")
            try Template(path: dir.file("t.\(ext)")).fill(data, to: out)
            outputs.append(out)
        }
        let values = LibreOfficeValues.sheets(outputs)
        for out in outputs where !values.isEmpty {
            let rows = values[out]?["Danh sách"] ?? []
            #expect(rows.last?.first == "BAN TĐKT ✓, ngày 05 tháng 02 năm 2021, 1.200.000 đồng (Một triệu hai trăm nghìn đồng), ký: [A][B]", "\(out): \(rows)")
            #expect(rows.dropFirst(2).first?.dropFirst().first == "NGUYỄN THỊ HỒNG NHUNG", "\(out)")
        }
        for r in Conformance.check(outputs, [.readers, .libreOffice]) { #expect(r.failures.isEmpty, "\(r.file): \(r.failures)") }

        // Errors: an unclosed row loop (located at the row it opens), an unknown formatter, a tag left open — all at once.
        for ext in ["xlsx", "ods"] {
            try Self.edited(ext, [("{ngay}{/rows}", "{ngay}"), ("NĂM {nam}", "NĂM {nam | khong_co}"), ("Người lập: {nguoi_lap}", "Người lập: {nguoi_lap")],
                            to: dir.file("e.\(ext)"))
            do {
                try Template(path: dir.file("e.\(ext)")).fill(data, to: dir.file("e-out.\(ext)"))
                Issue.record("\(ext): filled a broken template")
            } catch let e as TemplateError {
                let found = e.errors.map { "\($0.code.rawValue)@\($0.location.sheet ?? "?")!\($0.location.cell ?? "?")" }.sorted()
                #expect(found == ["unclosed_loop@Danh sách!hàng 3", "unclosed_tag@Danh sách!A6", "unknown_formatter@Danh sách!A1"], "\(ext): \(found)")
            }
            #expect(!FileManager.default.fileExists(atPath: dir.file("e-out.\(ext)")))
        }
    }

    @Test("A1 references: found and rewritten outside strings, names and functions")
    func references() {
        let shifted = A1References.rewrite("SUM(A1:B2)+'Bảng X'!$C$3+LOG10(A1)&\"A1\"+Ten_1+A:A+2:3") { ref in
            var r = ref
            r.startRow = ref.startRow.map { $0 + 10 }
            r.endRow = ref.endRow.map { $0 + 10 }
            return r
        }
        #expect(shifted == "SUM(A11:B12)+'Bảng X'!$C$13+LOG10(A11)&\"A1\"+Ten_1+A:A+12:13")
        #expect(A1References.translate("A3*$B$1+C$2", rows: 2, columns: 1) == "B5*$B$1+D$2")
        let odf = ODFReferences.rewrite("of:=SUM([.D3:.D3])+['Danh sách'.$D$4]", bare: false, currentSheet: "X") { _, row, end, _ in end ? row + 5 : row }
        #expect(odf == "of:=SUM([.D3:.D8])+['Danh sách'.$D$4]")
    }
}

@Suite("ODT templates", .serialized)
struct ODTTemplateTests {
    @Test("tags in text, headers and table rows of ODT files saved by LibreOffice; .ott gives .odt; combine")
    func odt() throws {
        let dir = TemporaryDirectory("odt")
        defer { dir.remove() }
        let data: TemplateValue = ["first_name": "Nhung", "last_name": "Nguyễn Thị Hồng", "phone": "0912", "description": "Giáo viên\nchủ nhiệm",
                                   "clients": [["first_name": "An", "last_name": "Lê", "phone": "1"], ["first_name": "Bình", "last_name": "Trần", "phone": "2"]]]
        var options = TemplateOptions()
        options.render.missing = .empty
        try Template(path: Fixtures.path("own", "dau-trang.odt"), options: options).fill(data, to: dir.file("a.odt"))
        try Template(path: Fixtures.path("own", "bang-lap.odt"), options: options).fill(data, to: dir.file("b.odt"))
        let styles = String(decoding: try PackageFiles.read(dir.file("a.odt"), "styles.xml"), as: UTF8.self)
        #expect(styles.contains("Giáo viên<text:line-break/>chủ nhiệm"))
        // A template (.ott) written as .odt.
        let reader = try ZipReader(path: Fixtures.path("own", "dau-trang.odt"))
        let zip = try ZipWriter(path: dir.file("t.ott"))
        for e in reader.entries {
            if e.name == "mimetype" { try zip.add("mimetype", text: ODFBackend.textTemplate, method: .store) } else { try zip.copy(e.name, from: reader) }
        }
        try zip.close()
        try Template(path: dir.file("t.ott"), options: options).fill(data, to: dir.file("c.odt"))
        #expect(try PackageFiles.read(dir.file("c.odt"), "mimetype") == Array(ODFBackend.text.utf8))
        #expect(try PackageFiles.names(dir.file("c.odt")).first == "mimetype")
        try Template(path: Fixtures.path("own", "dau-trang.odt"), options: options)
            .fillCombined([["last_name": "A", "first_name": "1"], ["last_name": "B", "first_name": "2"], ["last_name": "C", "first_name": "3"]],
                          to: dir.file("d.odt"))
        let reports = Conformance.check([dir.file("a.odt"), dir.file("b.odt"), dir.file("c.odt"), dir.file("d.odt")], [.readers, .libreOffice])
        for r in reports { #expect(r.failures.isEmpty, "\(r.file): \(r.failures)") }
        #expect(reports[0].data("odfpy")?["paragraphs"]?.array?.compactMap(\.string).contains("Nguyễn Thị Hồng Nhung") == true)
        let b = reports[1].data("odfpy")?["paragraphs"]?.array?.compactMap(\.string) ?? []
        #expect(b.contains("An") && b.contains("Trần") && b.contains("2"))
        let d = reports[3].data("odfpy")?["paragraphs"]?.array?.compactMap(\.string) ?? []
        #expect(d.filter { ["A 1", "B 2", "C 3"].contains($0) } == ["A 1", "B 2", "C 3"])
        if Conformance.which("soffice") != nil { #expect(reports[3].pages == 3) }
    }
}
