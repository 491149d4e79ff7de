import OfficePackage
import OfficeXML
import Vietnamese

/// Native charts in XLSX: per sheet with charts, one drawing part (`xl/drawings/drawingN.xml`,
/// one two-cell anchor per chart) and one DrawingML chart part per chart
/// (`xl/charts/chartM.xml`), related sheet → drawing → chart. Element order follows the
/// ECMA-376 schema (dml-chart.xsd, dml-spreadsheetDrawing.xsd).
extension XLSXBackend {
    static let drawingContentType = "application/vnd.openxmlformats-officedocument.drawing+xml"
    static let chartContentType = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"

    /// Declares the sheet → drawing relationship (the sheet's tail then writes `<drawing>`).
    /// Called when the sheet begins.
    func registerCharts(_ sheet: SheetWriter) {
        guard !sheet.setup.charts.isEmpty else { return }
        let n = ChartNumbering(sheet)
        sheetRelationshipTargets[sheet.index, default: []]
            .append((type: RelationshipType.drawing, target: "../drawings/drawing\(n.drawing).xml"))
    }

    /// Writes the drawing and chart parts of a sheet. Called once the sheet's part is finished
    /// (the archive takes one entry at a time).
    func writeCharts(_ sheet: SheetWriter) throws {
        let charts = sheet.setup.charts
        guard !charts.isEmpty else { return }
        let n = ChartNumbering(sheet)
        let drawingPart = "xl/drawings/drawing\(n.drawing).xml"
        var ids: [String] = []
        for (i, chart) in charts.enumerated() {
            let number = n.firstChart + i
            let part = "xl/charts/chart\(number).xml"
            ids.append(package.relate(from: drawingPart, type: RelationshipType.chart, target: "../charts/chart\(number).xml"))
            let writer = DrawingMLChart(chart: chart, number: number, workbook: sheet.workbook)
            try package.addXMLPart(part, contentType: XLSXBackend.chartContentType) { writer.write($0) }
        }
        try package.addXMLPart(drawingPart, contentType: XLSXBackend.drawingContentType) { w in
            w.declaration()
            w.start("xdr:wsDr")
            w.attribute("xmlns:xdr", raw: DrawingMLChart.spreadsheetDrawingNS)
            w.attribute("xmlns:a", raw: DrawingMLChart.drawingNS)
            for (i, chart) in charts.enumerated() {
                let a = chart.anchor
                w.start("xdr:twoCellAnchor")
                // From the top-left of the first cell to the bottom-right of the last.
                for (name, column, row) in [("xdr:from", a.first.column, a.first.row),
                                            ("xdr:to", a.last.column + 1, a.last.row + 1)] as [(StaticString, Int, Int)] {
                    w.start(name)
                    w.start("xdr:col"); w.text(column); w.end()
                    w.start("xdr:colOff"); w.text(0); w.end()
                    w.start("xdr:row"); w.text(row); w.end()
                    w.start("xdr:rowOff"); w.text(0); w.end()
                    w.end()
                }
                w.start("xdr:graphicFrame")
                w.attribute("macro", raw: "")
                w.start("xdr:nvGraphicFramePr")
                w.start("xdr:cNvPr")
                w.attribute("id", i + 2)
                w.attribute("name", "Biểu đồ \(n.firstChart + i)")
                if let t = chart.title { w.attribute("descr", t) }
                w.end()
                w.start("xdr:cNvGraphicFramePr"); w.end()
                w.end()
                w.start("xdr:xfrm")
                w.start("a:off"); w.attribute("x", raw: "0"); w.attribute("y", raw: "0"); w.end()
                w.start("a:ext"); w.attribute("cx", raw: "0"); w.attribute("cy", raw: "0"); w.end()
                w.end()
                w.start("a:graphic")
                w.start("a:graphicData")
                w.attribute("uri", raw: DrawingMLChart.chartNS)
                w.start("c:chart")
                w.attribute("xmlns:c", raw: DrawingMLChart.chartNS)
                w.attribute("xmlns:r", raw: XLSXBackend.relNS)
                w.attribute("r:id", ids[i])
                w.end()
                w.end()
                w.end()
                w.end()   // graphicFrame
                w.start("xdr:clientData"); w.end()
                w.end()   // twoCellAnchor
            }
            w.end()
        }
    }
}

/// Where a sheet's charts fall in the workbook-wide numbering: its drawing (sheets with charts
/// counted in order) and its first chart (charts of earlier sheets counted). Both 1-based and
/// derived from the sheets before it, so XLSX parts and ODS objects need no extra state.
struct ChartNumbering {
    let drawing: Int
    let firstChart: Int

    init(_ sheet: SheetWriter) {
        let before = sheet.workbook.sheets.prefix(sheet.index)
        drawing = before.filter { !$0.setup.charts.isEmpty }.count + 1
        firstChart = before.reduce(0) { $0 + $1.setup.charts.count } + 1
    }
}

/// What both formats share: the colours used when a series has none (and for pie slices),
/// the font of chart text, sheet names as the workbook spells them.
enum ChartSupport {
    /// Office-like colours, dark enough to print on a monochrome laser printer in distinct
    /// greys.
    static let palette: [Color] = ["1F4E79", "C55A11", "548235", "BF9000", "7030A0", "2E75B6", "C00000", "7F7F7F"]
        .map { Color(hex: $0)! }

    static let font = "Times New Roman"

    static func color(of series: ChartSeries, index: Int) -> Color {
        series.color ?? palette[index % palette.count]
    }

    /// Number of points of a chart (the length of its category range).
    static func pointCount(_ chart: Chart) -> Int {
        max(chart.categories.range.rowCount, chart.categories.range.columnCount)
    }

    /// The sheet a range names, spelled as the workbook has it when it exists yet.
    static func sheetName(_ r: SheetRange, _ workbook: WorkbookWriter) -> String {
        let key = SheetName.key(r.sheet)
        return workbook.sheets.first { SheetName.key($0.name) == key }?.name ?? Vietnamese.nfc(r.sheet)
    }
}

/// One `xl/charts/chartN.xml` part.
struct DrawingMLChart {
    static let chartNS: StaticString = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    static let drawingNS: StaticString = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let spreadsheetDrawingNS: StaticString = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"

    let chart: Chart
    let number: Int
    unowned let workbook: WorkbookWriter

    /// Axis ids: unique within the part, stable.
    private var categoryAxisID: Int { 50_000_000 + number * 10 + 1 }
    private var valueAxisID: Int { 50_000_000 + number * 10 + 2 }

    func write(_ w: XMLWriter) {
        w.declaration()
        w.start("c:chartSpace")
        w.attribute("xmlns:c", raw: DrawingMLChart.chartNS)
        w.attribute("xmlns:a", raw: DrawingMLChart.drawingNS)
        w.attribute("xmlns:r", raw: XLSXBackend.relNS)
        w.start("c:lang"); w.attribute("val", raw: "vi-VN"); w.end()
        w.start("c:roundedCorners"); w.attribute("val", raw: "0"); w.end()
        w.start("c:chart")
        if let title = chart.title {
            writeTitle(w, title, size: 1400, rotated: false)
        }
        w.start("c:autoTitleDeleted"); w.attribute("val", raw: chart.title == nil ? "1" : "0"); w.end()
        w.start("c:plotArea")
        w.start("c:layout"); w.end()
        writePlot(w)
        if chart.kind != .pie { writeAxes(w) }
        w.end()   // plotArea
        if let pos = legendPosition {
            w.start("c:legend")
            w.start("c:legendPos"); w.attribute("val", raw: pos); w.end()
            w.start("c:overlay"); w.attribute("val", raw: "0"); w.end()
            w.end()
        }
        w.start("c:plotVisOnly"); w.attribute("val", raw: "1"); w.end()
        w.start("c:dispBlanksAs"); w.attribute("val", raw: "gap"); w.end()
        w.end()   // chart
        // The chart area: white, thin grey border; text in the decree's font.
        w.start("c:spPr")
        solidFill(w, .white)
        w.start("a:ln"); w.attribute("w", raw: "9525"); solidFill(w, Color(red: 0xBF, green: 0xBF, blue: 0xBF)); w.end()
        w.end()
        w.start("c:txPr")
        w.start("a:bodyPr"); w.end()
        w.start("a:lstStyle"); w.end()
        w.start("a:p")
        w.start("a:pPr")
        w.start("a:defRPr"); w.attribute("sz", raw: "1000"); fonts(w); w.end()
        w.end()
        w.start("a:endParaRPr"); w.attribute("lang", raw: "vi-VN"); w.end()
        w.end()
        w.end()
        w.end()   // chartSpace
    }

    private var legendPosition: StaticString? {
        switch chart.legend {
        case .right: return "r"
        case .bottom: return "b"
        case .top: return "t"
        case .none: return nil
        }
    }

    // MARK: Plot

    private func writePlot(_ w: XMLWriter) {
        switch chart.kind {
        case .column, .bar:
            w.start("c:barChart")
            w.start("c:barDir"); w.attribute("val", raw: chart.kind == .bar ? "bar" : "col"); w.end()
            w.start("c:grouping"); w.attribute("val", raw: "clustered"); w.end()
            w.start("c:varyColors"); w.attribute("val", raw: "0"); w.end()
            for i in chart.series.indices { writeSeries(w, i) }
            w.start("c:gapWidth"); w.attribute("val", raw: "80"); w.end()
            w.start("c:axId"); w.attribute("val", categoryAxisID); w.end()
            w.start("c:axId"); w.attribute("val", valueAxisID); w.end()
            w.end()
        case .line:
            w.start("c:lineChart")
            w.start("c:grouping"); w.attribute("val", raw: "standard"); w.end()
            w.start("c:varyColors"); w.attribute("val", raw: "0"); w.end()
            for i in chart.series.indices { writeSeries(w, i) }
            w.start("c:marker"); w.attribute("val", raw: "1"); w.end()
            w.start("c:axId"); w.attribute("val", categoryAxisID); w.end()
            w.start("c:axId"); w.attribute("val", valueAxisID); w.end()
            w.end()
        case .pie:
            w.start("c:pieChart")
            w.start("c:varyColors"); w.attribute("val", raw: "1"); w.end()
            for i in chart.series.indices { writeSeries(w, i) }
            w.start("c:firstSliceAng"); w.attribute("val", raw: "0"); w.end()
            w.end()
        }
    }

    /// `c:ser`: idx, order, tx, spPr, (marker | dPt…), dLbls, cat, val, (smooth).
    private func writeSeries(_ w: XMLWriter, _ i: Int) {
        let s = chart.series[i]
        let color = ChartSupport.color(of: s, index: i)
        w.start("c:ser")
        w.start("c:idx"); w.attribute("val", i); w.end()
        w.start("c:order"); w.attribute("val", i); w.end()
        w.start("c:tx")
        w.element("c:v", text: s.name)
        w.end()
        switch chart.kind {
        case .column, .bar:
            w.start("c:spPr"); solidFill(w, color); w.end()
            w.start("c:invertIfNegative"); w.attribute("val", raw: "0"); w.end()
        case .line:
            w.start("c:spPr")
            w.start("a:ln"); w.attribute("w", raw: "28575"); w.attribute("cap", raw: "rnd")
            solidFill(w, color)
            w.start("a:round"); w.end()
            w.end()
            w.end()
            w.start("c:marker")
            w.start("c:symbol"); w.attribute("val", raw: "circle"); w.end()
            w.start("c:size"); w.attribute("val", raw: "6"); w.end()
            w.start("c:spPr"); solidFill(w, color); w.start("a:ln"); solidFill(w, color); w.end(); w.end()
            w.end()
        case .pie:
            // Slices take the palette, separated by white lines.
            for p in 0..<ChartSupport.pointCount(chart) {
                w.start("c:dPt")
                w.start("c:idx"); w.attribute("val", p); w.end()
                w.start("c:bubble3D"); w.attribute("val", raw: "0"); w.end()
                w.start("c:spPr")
                solidFill(w, ChartSupport.palette[p % ChartSupport.palette.count])
                w.start("a:ln"); w.attribute("w", raw: "12700"); solidFill(w, .white); w.end()
                w.end()
                w.end()
            }
        }
        if chart.dataLabels {
            w.start("c:dLbls")
            w.start("c:spPr")
            w.start("a:noFill"); w.end()
            w.start("a:ln"); w.start("a:noFill"); w.end(); w.end()
            w.end()
            let position: StaticString
            switch chart.kind {
            case .column, .bar: position = "outEnd"
            case .line: position = "t"
            case .pie: position = "bestFit"
            }
            w.start("c:dLblPos"); w.attribute("val", raw: position); w.end()
            for (name, on) in [("c:showLegendKey", false), ("c:showVal", true), ("c:showCatName", false),
                               ("c:showSerName", false), ("c:showPercent", false), ("c:showBubbleSize", false)] as [(StaticString, Bool)] {
                w.start(name); w.attribute("val", raw: on ? "1" : "0"); w.end()
            }
            if chart.kind == .pie { w.start("c:showLeaderLines"); w.attribute("val", raw: "1"); w.end() }
            w.end()
        }
        w.start("c:cat")
        w.start("c:strRef")
        w.element("c:f", text: formula(chart.categories))
        if let cached = chart.cachedCategories {
            w.start("c:strCache")
            w.start("c:ptCount"); w.attribute("val", cached.count); w.end()
            for (p, v) in cached.enumerated() {
                w.start("c:pt"); w.attribute("idx", p)
                w.element("c:v", text: v)
                w.end()
            }
            w.end()
        }
        w.end()
        w.end()
        w.start("c:val")
        w.start("c:numRef")
        w.element("c:f", text: formula(s.values))
        if let cached = s.cachedValues {
            w.start("c:numCache")
            w.element("c:formatCode", text: "General")
            w.start("c:ptCount"); w.attribute("val", cached.count); w.end()
            // Non-finite values are gaps.
            for (p, v) in cached.enumerated() where v.isFinite {
                w.start("c:pt"); w.attribute("idx", p)
                w.start("c:v"); w.text(v); w.end()
                w.end()
            }
            w.end()
        }
        w.end()
        w.end()
        if chart.kind == .line { w.start("c:smooth"); w.attribute("val", raw: "0"); w.end() }
        w.end()   // ser
    }

    // MARK: Axes

    /// The category axis and the value axis. Columns and lines: categories along the bottom,
    /// values up the left; bars: the other way round.
    private func writeAxes(_ w: XMLWriter) {
        let horizontalBars = chart.kind == .bar
        // Category axis.
        w.start("c:catAx")
        w.start("c:axId"); w.attribute("val", categoryAxisID); w.end()
        writeScaling(w)
        w.start("c:delete"); w.attribute("val", raw: "0"); w.end()
        w.start("c:axPos"); w.attribute("val", raw: horizontalBars ? "l" : "b"); w.end()
        if let t = chart.categoryAxisTitle { writeTitle(w, t, size: 1100, rotated: horizontalBars) }
        w.start("c:numFmt"); w.attribute("formatCode", raw: "General"); w.attribute("sourceLinked", raw: "1"); w.end()
        w.start("c:majorTickMark"); w.attribute("val", raw: "out"); w.end()
        w.start("c:minorTickMark"); w.attribute("val", raw: "none"); w.end()
        w.start("c:tickLblPos"); w.attribute("val", raw: "nextTo"); w.end()
        axisLine(w)
        w.start("c:crossAx"); w.attribute("val", valueAxisID); w.end()
        w.start("c:crosses"); w.attribute("val", raw: "autoZero"); w.end()
        w.start("c:auto"); w.attribute("val", raw: "1"); w.end()
        w.start("c:lblAlgn"); w.attribute("val", raw: "ctr"); w.end()
        w.start("c:lblOffset"); w.attribute("val", raw: "100"); w.end()
        w.start("c:noMultiLvlLbl"); w.attribute("val", raw: "0"); w.end()
        w.end()
        // Value axis, with major gridlines.
        w.start("c:valAx")
        w.start("c:axId"); w.attribute("val", valueAxisID); w.end()
        writeScaling(w)
        w.start("c:delete"); w.attribute("val", raw: "0"); w.end()
        w.start("c:axPos"); w.attribute("val", raw: horizontalBars ? "b" : "l"); w.end()
        w.start("c:majorGridlines")
        w.start("c:spPr")
        w.start("a:ln"); w.attribute("w", raw: "9525"); solidFill(w, Color(red: 0xD9, green: 0xD9, blue: 0xD9)); w.end()
        w.end()
        w.end()
        if let t = chart.valueAxisTitle { writeTitle(w, t, size: 1100, rotated: !horizontalBars) }
        w.start("c:numFmt"); w.attribute("formatCode", raw: "General"); w.attribute("sourceLinked", raw: "1"); w.end()
        w.start("c:majorTickMark"); w.attribute("val", raw: "out"); w.end()
        w.start("c:minorTickMark"); w.attribute("val", raw: "none"); w.end()
        w.start("c:tickLblPos"); w.attribute("val", raw: "nextTo"); w.end()
        axisLine(w)
        w.start("c:crossAx"); w.attribute("val", categoryAxisID); w.end()
        w.start("c:crosses"); w.attribute("val", raw: "autoZero"); w.end()
        w.start("c:crossBetween"); w.attribute("val", raw: "between"); w.end()
        w.end()
    }

    private func writeScaling(_ w: XMLWriter) {
        w.start("c:scaling")
        w.start("c:orientation"); w.attribute("val", raw: "minMax"); w.end()
        w.end()
    }

    private func axisLine(_ w: XMLWriter) {
        w.start("c:spPr")
        w.start("a:ln"); w.attribute("w", raw: "9525"); solidFill(w, Color(red: 0x86, green: 0x86, blue: 0x86)); w.end()
        w.end()
    }

    // MARK: Text and fills

    /// `c:title` with rich text in Times New Roman, bold; `size` in hundredths of a point.
    /// A rotated title reads bottom to top (a vertical axis).
    private func writeTitle(_ w: XMLWriter, _ text: String, size: Int, rotated: Bool) {
        w.start("c:title")
        w.start("c:tx")
        w.start("c:rich")
        w.start("a:bodyPr")
        if rotated {
            w.attribute("rot", raw: "-5400000")
            w.attribute("vert", raw: "horz")
        }
        w.end()
        w.start("a:lstStyle"); w.end()
        for line in lines(text) {
            w.start("a:p")
            w.start("a:pPr")
            w.start("a:defRPr"); w.attribute("sz", size); w.attribute("b", raw: "1"); fonts(w); w.end()
            w.end()
            w.start("a:r")
            w.start("a:rPr"); w.attribute("lang", raw: "vi-VN"); w.attribute("sz", size); w.attribute("b", raw: "1"); fonts(w); w.end()
            w.element("a:t", text: line)
            w.end()
            w.end()
        }
        w.end()
        w.end()
        w.start("c:overlay"); w.attribute("val", raw: "0"); w.end()
        w.end()
    }

    private func lines(_ text: String) -> [String] {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        return parts.map(String.init)
    }

    /// Latin, East Asian and complex-script faces: Times New Roman for all (Vietnamese is
    /// Latin; the others keep every script in the same face).
    private func fonts(_ w: XMLWriter) {
        for name in ["a:latin", "a:ea", "a:cs"] as [StaticString] {
            w.start(name); w.attribute("typeface", ChartSupport.font); w.end()
        }
    }

    private func solidFill(_ w: XMLWriter, _ c: Color) {
        w.start("a:solidFill")
        w.start("a:srgbClr"); w.attribute("val", c.hex); w.end()
        w.end()
    }

    /// `'Tổng hợp'!$A$2:$A$9`.
    private func formula(_ r: SheetRange) -> String {
        FormulaSupport.quotedSheet(ChartSupport.sheetName(r, workbook)) + "!" + FormulaSupport.absolute(r.range)
    }
}
