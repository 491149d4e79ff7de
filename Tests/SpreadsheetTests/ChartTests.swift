import Foundation
import Testing
import TestSupport
import Vietnamese
@testable import Spreadsheet

/// A tally of awards by unit with four charts: a column chart (two coloured series, legend at
/// the bottom), a bar chart (no legend), a line chart drawn from a sheet added after it, and
/// a pie of a row range. Titles, axis titles and data labels in Vietnamese.
enum ChartSample {
    static let units = ["Phòng Nội vụ", "Phòng Tài chính", "Văn phòng UBND", "Phòng Giáo dục", "Trung tâm Y tế"]
    static let advanced: [Double] = [12, 9, 15, 21, 17]   // Lao động tiên tiến
    static let emulation: [Double] = [3, 2, 4, 6, 5]      // Chiến sĩ thi đua cơ sở
    static let years = ["2020", "2021", "2022", "2023", "2024"]
    static let collective: [Double] = [4, 5, 7, 6, 9]     // Tập thể lao động xuất sắc
    static let flags: [Double] = [1, 1, 2, 2, 3]          // Cờ thi đua

    static let titles = ["Khen thưởng theo đơn vị", "Tổng số danh hiệu", "Diễn biến qua các năm", "Cơ cấu danh hiệu"]
    static let axisTitles = ["Đơn vị", "Số người", "Số danh hiệu", "Năm", "Số lượng"]

    static func charts() throws -> [Chart] {
        let main = "Tổng hợp", byYear = "Theo năm"
        let totals = zip(advanced, emulation).map { $0 + $1 }
        func r(_ sheet: String, _ a1: String) throws -> SheetRange { SheetRange(sheet: sheet, range: try CellRange(a1)) }
        return [
            Chart(kind: .column, title: titles[0], categories: try r(main, "A2:A6"),
                  series: [ChartSeries(name: "Lao động tiên tiến", values: try r(main, "B2:B6"), color: Color(hex: "1F4E79"), cachedValues: advanced),
                           ChartSeries(name: "Chiến sĩ thi đua cơ sở", values: try r(main, "C2:C6"), color: Color(hex: "C55A11"), cachedValues: emulation)],
                  categoryAxisTitle: axisTitles[0], valueAxisTitle: axisTitles[1], legend: .bottom, dataLabels: true,
                  anchor: try CellRange("F1:M18"), cachedCategories: units),
            Chart(kind: .bar, title: titles[1], categories: try r(main, "A2:A6"),
                  series: [ChartSeries(name: "Tổng số", values: try r(main, "D2:D6"), color: Color(hex: "548235"), cachedValues: totals)],
                  categoryAxisTitle: axisTitles[0], valueAxisTitle: axisTitles[2], legend: .none, dataLabels: true,
                  anchor: try CellRange("F20:M37"), cachedCategories: units),
            Chart(kind: .line, title: titles[2], categories: try r(byYear, "A2:A6"),
                  series: [ChartSeries(name: "Tập thể lao động xuất sắc", values: try r(byYear, "B2:B6"), cachedValues: collective),
                           ChartSeries(name: "Cờ thi đua", values: try r(byYear, "C2:C6"), color: Color(hex: "C00000"), cachedValues: flags)],
                  categoryAxisTitle: axisTitles[3], valueAxisTitle: axisTitles[4], legend: .right, dataLabels: true,
                  anchor: try CellRange("A10:D27"), cachedCategories: years),
            Chart(kind: .pie, title: titles[3], categories: try r(main, "B1:C1"),
                  series: [ChartSeries(name: "Cộng", values: try r(main, "B7:C7"),
                                       cachedValues: [advanced.reduce(0, +), emulation.reduce(0, +)])],
                  legend: .right, dataLabels: true, anchor: try CellRange("A29:D46"),
                  cachedCategories: ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"]),
        ]
    }

    static func write(_ path: String) throws {
        let wb = try WorkbookWriter(path: path)
        let header = wb.style(CellStyle(font: Font(bold: true), fill: .headerFill, borders: .all(),
                                        alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        let cell = wb.style(CellStyle(borders: .all()))
        var setup = SheetSetup(columns: [SheetColumn(width: 110), SheetColumn(width: 70), SheetColumn(width: 70), SheetColumn(width: 50)])
        setup.print = PrintSetup(orientation: .landscape, fitToWidth: 1, fitToHeight: 1)
        setup.charts = try charts()
        let sheet = try wb.addSheet("Tổng hợp", setup: setup)
        try sheet.appendRow([Cell("Đơn vị", style: header), Cell("Lao động tiên tiến", style: header),
                             Cell("Chiến sĩ thi đua cơ sở", style: header), Cell("Tổng số", style: header)])
        for (i, unit) in units.enumerated() {
            let total = advanced[i] + emulation[i]
            try sheet.appendRow([Cell(.text(unit), style: cell), Cell(.number(advanced[i]), style: cell),
                                 Cell(.number(emulation[i]), style: cell),
                                 Cell(.formula(CellFormula("B\(i + 2)+C\(i + 2)", result: .number(total))), style: cell)])
        }
        try sheet.appendRow([Cell("Cộng", style: header),
                             Cell(.formula(CellFormula("SUM(B2:B6)", result: .number(advanced.reduce(0, +)))), style: cell),
                             Cell(.formula(CellFormula("SUM(C2:C6)", result: .number(emulation.reduce(0, +)))), style: cell),
                             Cell(.formula(CellFormula("SUM(D2:D6)", result: .number(advanced.reduce(0, +) + emulation.reduce(0, +)))), style: cell)])
        let second = try wb.addSheet("Theo năm", setup: SheetSetup(columns: [SheetColumn(width: 60), SheetColumn(width: 150), SheetColumn(width: 80)]))
        try second.appendRow([Cell("Năm", style: header), Cell("Tập thể lao động xuất sắc", style: header), Cell("Cờ thi đua", style: header)])
        for (i, year) in years.enumerated() {
            try second.appendRow([Cell(.text(year), style: cell), Cell(.number(collective[i]), style: cell), Cell(.number(flags[i]), style: cell)])
        }
        try wb.close()
    }
}

@Suite("Charts")
struct ChartTests {
    @Test("four charts in XLSX and ODS pass every reader, the schemas and LibreOffice, which draws them")
    func conformance() throws {
        let dir = TemporaryDirectory("charts")
        defer { dir.remove() }
        let files = try SpreadsheetFormat.allCases.map { format -> String in
            let path = dir.file("bieu-do.\(format.rawValue)")
            try ChartSample.write(path)
            return path
        }
        let reports = Conformance.check(files, pdfDirectory: dir.file("pdf"))
        for r in reports {
            #expect(r.failures.isEmpty, "\(r.file): \(r.failures)")
            // The data is still read as cells.
            let rows = try #require(r.data("calamine")?["sheets"]?[0]?["rows"])
            #expect(rows[1]?[0]?.string == "Phòng Nội vụ")
            #expect(rows[6]?[3]?.number == 94)
            // LibreOffice drew the charts: their titles and axis titles are text in its PDF.
            guard let pdf = r.pdf else { continue }   // LibreOffice missing (skipped outside CI)
            let text = try ChartTests.pdfText(pdf)
            for t in ChartSample.titles + ChartSample.axisTitles + ["Lao động tiên tiến", "Cờ thi đua"] {
                #expect(text.contains(Vietnamese.nfc(t)), "\(r.file): «\(t)» not in LibreOffice's PDF")
            }
        }
        // openpyxl reads the charts back from the drawing.
        let sheets = try #require(reports[0].data("openpyxl")?["sheets"])
        #expect(sheets[0]?["charts"]?.array?.compactMap(\.string) == ["BarChart", "BarChart", "LineChart", "PieChart"])
        #expect(sheets[1]?["charts"]?.array?.isEmpty == true)
    }

    @Test("the parts and relationships of the XLSX, the objects and frames of the ODS")
    func structure() throws {
        let dir = TemporaryDirectory("chart-parts")
        defer { dir.remove() }
        try ChartSample.write(dir.file("a.xlsx"))
        try ChartSample.write(dir.file("a.ods"))
        let x = try ChartTests.unzip(dir.file("a.xlsx"), into: dir.file("x"))
        #expect(x.contains("xl/drawings/drawing1.xml") && !x.contains("xl/drawings/drawing2.xml"))
        #expect((1...4).allSatisfy { x.contains("xl/charts/chart\($0).xml") })
        let sheetRels = try String(contentsOfFile: dir.file("x/xl/worksheets/_rels/sheet1.xml.rels"), encoding: .utf8)
        #expect(sheetRels.contains("../drawings/drawing1.xml"))
        let types = try String(contentsOfFile: dir.file("x/[Content_Types].xml"), encoding: .utf8)
        #expect(types.contains("application/vnd.openxmlformats-officedocument.drawing+xml"))
        #expect(types.contains("application/vnd.openxmlformats-officedocument.drawingml.chart+xml"))
        let column = try String(contentsOfFile: dir.file("x/xl/charts/chart1.xml"), encoding: .utf8)
        #expect(column.contains("<c:f>'Tổng hợp'!$A$2:$A$6</c:f>"))
        #expect(column.contains("<a:latin typeface=\"Times New Roman\"/>"))
        #expect(column.contains("<c:barDir val=\"col\"/>"))
        #expect(column.contains("<c:srgbClr val=\"1F4E79\"/>") || column.contains("<a:srgbClr val=\"1F4E79\"/>"))
        let line = try String(contentsOfFile: dir.file("x/xl/charts/chart3.xml"), encoding: .utf8)
        #expect(line.contains("<c:f>'Theo năm'!$B$2:$B$6</c:f>"))

        let o = try ChartTests.unzip(dir.file("a.ods"), into: dir.file("o"))
        #expect((1...4).allSatisfy { o.contains("Object \($0)/content.xml") })
        let manifest = try String(contentsOfFile: dir.file("o/META-INF/manifest.xml"), encoding: .utf8)
        #expect(manifest.contains("manifest:full-path=\"Object 1/\" manifest:media-type=\"application/vnd.oasis.opendocument.chart\""))
        let content = try String(contentsOfFile: dir.file("o/content.xml"), encoding: .utf8)
        // Shapes before the columns of the first table; the second table has none.
        let shapes = try #require(content.range(of: "<table:shapes>"))
        let columns = try #require(content.range(of: "<table:table-column"))
        #expect(shapes.lowerBound < columns.lowerBound)
        #expect(content.components(separatedBy: "<draw:frame").count == 5)
        #expect(content.contains("xlink:href=\"./Object 4\""))
        let columnChart = try String(contentsOfFile: dir.file("o/Object 1/content.xml"), encoding: .utf8)
        #expect(columnChart.contains("chart:label-cell-address=\"'Tổng hợp'.C1\""))
        let bar = try String(contentsOfFile: dir.file("o/Object 2/content.xml"), encoding: .utf8)
        #expect(bar.contains("chart:vertical=\"true\""))
        #expect(bar.contains("chart:data-label-number=\"value\""))
        let pie = try String(contentsOfFile: dir.file("o/Object 4/content.xml"), encoding: .utf8)
        #expect(pie.contains("chart:class=\"chart:circle\""))
        #expect(pie.contains("chart:values-cell-range-address=\"'Tổng hợp'.B7:'Tổng hợp'.C7\" chart:label-cell-address=\"'Tổng hợp'.A7\""))
        // The line chart draws from a sheet written after its own: its header cells were seen.
        let line3 = try String(contentsOfFile: dir.file("o/Object 3/content.xml"), encoding: .utf8)
        #expect(line3.contains("chart:label-cell-address=\"'Theo năm'.B1\""))
    }

    @Test("ODS series are named by their header cells, else drawn from the chart's own table")
    func odsSeriesNames() throws {
        let dir = TemporaryDirectory("chart-names")
        defer { dir.remove() }
        let path = dir.file("ten.ods")
        let wb = try WorkbookWriter(path: path)
        let quarters = ["Quý I", "Quý II", "Quý III"], values: [Double] = [3, 5, 4]
        func range(_ sheet: String, _ a1: String) throws -> SheetRange { SheetRange(sheet: sheet, range: try CellRange(a1)) }
        // Written before the charts are declared: its header cell is not seen.
        let source = try wb.addSheet("Nguồn")
        try source.appendRow(["Quý", "Khen thưởng"])
        for (q, v) in zip(quarters, values) { try source.appendRow([.text(q), .number(v)]) }
        func chart(_ sheet: String, _ name: String, cached: Bool, anchor: String) throws -> Chart {
            Chart(kind: .column, categories: try range(sheet, "A2:A4"),
                  series: [ChartSeries(name: name, values: try range(sheet, "B2:B4"), cachedValues: cached ? values : nil)],
                  anchor: try CellRange(anchor), cachedCategories: cached ? quarters : nil)
        }
        var setup = SheetSetup()
        setup.charts = [
            try chart("Biểu đồ", "Số cá nhân", cached: true, anchor: "D1:I12"),         // header cell B1
            try chart("Biểu đồ", "Tổng số cá nhân", cached: true, anchor: "K1:P12"),    // in no cell, cached
            try chart("Biểu đồ", "Tổng số cá nhân", cached: false, anchor: "D14:I25"),  // in no cell, no cache
            try chart("Nguồn", "Khen thưởng", cached: true, anchor: "K14:P25"),         // earlier sheet
        ]
        let sheet = try wb.addSheet("Biểu đồ", setup: setup)
        try sheet.appendRow(["Quý", "Số cá nhân"])
        for (q, v) in zip(quarters, values) { try sheet.appendRow([.text(q), .number(v)]) }
        try wb.close()

        _ = try ChartTests.unzip(path, into: dir.file("o"))
        func object(_ n: Int) throws -> String { try String(contentsOfFile: dir.file("o/Object \(n)/content.xml"), encoding: .utf8) }
        let named = try object(1), local = try object(2), unnamed = try object(3), earlier = try object(4)
        #expect(named.contains("chart:values-cell-range-address=\"'Biểu đồ'.B2:'Biểu đồ'.B4\" chart:label-cell-address=\"'Biểu đồ'.B1\""))
        for o in [local, earlier] {
            #expect(!o.contains("cell-range-address"))
            #expect(o.contains("<table:table table:name=\"local-table\">"))
        }
        #expect(local.contains("<text:p>Tổng số cá nhân</text:p>") && local.contains("office:value=\"5\""))
        #expect(unnamed.contains("chart:values-cell-range-address") && !unnamed.contains("label-cell-address"))

        let r = Conformance.check([path], pdfDirectory: dir.file("pdf"))[0]
        #expect(r.failures.isEmpty, "\(r.failures)")
        if let pdf = r.pdf {
            // Only the legend of the second chart holds this name.
            #expect(try ChartTests.pdfText(pdf).contains("Tổng số cá nhân"))
        }
    }

    @Test("the same charts give byte-identical files")
    func deterministic() throws {
        let dir = TemporaryDirectory("chart-det")
        defer { dir.remove() }
        for format in SpreadsheetFormat.allCases {
            try ChartSample.write(dir.file("a.\(format.rawValue)"))
            try ChartSample.write(dir.file("b.\(format.rawValue)"))
            let a = try Data(contentsOf: URL(fileURLWithPath: dir.file("a.\(format.rawValue)")))
            let b = try Data(contentsOf: URL(fileURLWithPath: dir.file("b.\(format.rawValue)")))
            #expect(a == b, "\(format)")
        }
    }

    @Test("charts that cannot be drawn are refused with a Vietnamese message")
    func validation() throws {
        let dir = TemporaryDirectory("chart-bad")
        defer { dir.remove() }
        let good = try ChartSample.charts()
        func range(_ a1: String, _ sheet: String = "Tổng hợp") throws -> SheetRange {
            SheetRange(sheet: sheet, range: try CellRange(a1))
        }
        var noSeries = good[0]; noSeries.series = []
        var block = good[0]; block.series[0].values = try range("B2:C6")
        var short = good[0]; short.series[1].values = try range("C2:C5")
        var twoPies = good[3]; twoPies.series.append(twoPies.series[0])
        var badCache = good[0]; badCache.cachedCategories = ["một", "hai"]
        var badValues = good[1]; badValues.series[0].cachedValues = [1, 2, 3]
        var blockCategories = good[1]; blockCategories.categories = try range("A2:B6")
        let cases: [(Chart, SpreadsheetError.Code, String)] = [
            (noSeries, .invalidSetting, "phải có ít nhất một chuỗi số liệu"),
            (block, .invalidReference, "phải nằm trên một hàng hoặc một cột"),
            (short, .invalidReference, "hai vùng phải dài bằng nhau"),
            (twoPies, .invalidSetting, "biểu đồ tròn chỉ có một chuỗi số liệu"),
            (badCache, .invalidSetting, "có 2 nhãn danh mục lưu sẵn cho 5 ô"),
            (badValues, .invalidSetting, "có 3 giá trị lưu sẵn cho 5 ô"),
            (blockCategories, .invalidReference, "vùng nhãn danh mục A2:B6 phải nằm trên một hàng hoặc một cột"),
        ]
        for format in SpreadsheetFormat.allCases {
            for (chart, code, message) in cases {
                let wb = try WorkbookWriter(path: dir.file("bad.\(format.rawValue)"))
                defer { wb.discard() }
                var setup = SheetSetup()
                setup.charts = [good[1], chart]
                do {
                    _ = try wb.addSheet("Tổng hợp", setup: setup)
                    Issue.record("accepted: \(message)")
                } catch let e as SpreadsheetError {
                    #expect(e.code == code)
                    #expect(e.message.contains(message), "\(e.message)")
                    #expect(e.message.hasPrefix("Trang «Tổng hợp», biểu đồ 2 («"), "\(e.message)")
                }
            }
            // A range on a sheet that never comes: refused at close, nothing written.
            let path = dir.file("missing.\(format.rawValue)")
            let wb = try WorkbookWriter(path: path)
            var setup = SheetSetup()
            var chart = good[2]
            chart.series[0].values = try range("B2:B6", "Theo nam")
            chart.series[1].values = try range("C2:C6", "Theo nam")
            chart.categories = try range("A2:A6", "Theo nam")
            setup.charts = [chart]
            _ = try wb.addSheet("Tổng hợp", setup: setup)
            _ = try wb.addSheet("Theo năm")
            do {
                try wb.close()
                Issue.record("a chart on a missing sheet was written")
            } catch let e as SpreadsheetError {
                #expect(e.code == .invalidReference)
                #expect(e.message.contains("không có trang tính «Theo nam»"), "\(e.message)")
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
        // Sheet names are matched as Excel does: ignoring case.
        let path = dir.file("case.xlsx")
        let wb = try WorkbookWriter(path: path)
        var setup = SheetSetup()
        var chart = good[1]
        chart.categories.sheet = "TỔNG HỢP"
        setup.charts = [chart]
        try wb.addSheet("Tổng hợp", setup: setup).appendRow(["x"])
        try wb.close()
        #expect(FileManager.default.fileExists(atPath: path))
    }

    // MARK: Helpers

    static func pdfText(_ pdf: String) throws -> String {
        let r = Shell.run("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"])
        guard r.status == 0 else { throw SpreadsheetError(.state, "pdftotext: \(r.stderr)") }
        // One space between words, composed diacritics.
        return Vietnamese.nfc(r.stdout.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
    }

    /// Unpacks an archive and returns its entry names.
    static func unzip(_ file: String, into dir: String) throws -> [String] {
        let r = Shell.run("/usr/bin/unzip", ["-o", "-q", file, "-d", dir])
        guard r.status == 0 else { throw SpreadsheetError(.state, "unzip: \(r.stderr)") }
        let list = Shell.run("/usr/bin/unzip", ["-Z1", file])
        return list.stdout.split(separator: "\n").map(String.init)
    }
}
