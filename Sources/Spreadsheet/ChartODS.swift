import OfficePackage
import OfficeXML
import Vietnamese

/// Native charts in ODS, as LibreOffice writes them: each chart is an embedded chart document
/// `Object N/` (its own `content.xml` holding `office:chart`, listed in the manifest with the
/// chart media type), shown on the sheet by a `draw:frame` in the table's `table:shapes`. The
/// series point at the sheet's cells; the chart's local table carries the cached values for
/// readers that do not resolve ranges.
///
/// Series names: ODF 1.3 names a series only by a cell (`chart:label-cell-address`). The cell
/// just before a series' values — above a column, left of a row, where a table's header is —
/// is watched as the rows are written; when it holds the series' name the series points at
/// it. When some name is in no such cell and every value is cached, the chart draws from its
/// local table instead (names and values as cached; LibreOffice does not follow later edits of
/// the cells); with values missing from the cache it keeps the ranges and LibreOffice names the
/// unnamed series itself ("Column B").
extension ODSBackend {
    static let chartMediaType = "application/vnd.oasis.opendocument.chart"

    /// Declares the sheet's charts: one frame each for `table:shapes` (written before the
    /// table's columns) and the chart objects, written once content.xml is finished; starts
    /// watching the sheet's cells that may hold series names. Called when the sheet begins.
    func registerCharts(_ sheet: SheetWriter) {
        let charts = sheet.setup.charts
        let labels = chartLabels
        defer { labels.begin(sheet) }
        guard !charts.isEmpty else { return }
        let first = ChartNumbering(sheet).firstChart
        let geometry = ChartFrameGeometry(sheet)
        for (i, chart) in charts.enumerated() {
            let object = ODFChartObject(chart: chart, number: first + i, frame: geometry.frame(chart.anchor),
                                        workbook: sheet.workbook)
            for candidates in object.labelCandidates { for place in candidates { labels.watch(place) } }
            shapes[sheet.index, default: []].append { w in object.writeFrame(w, zIndex: i) }
            afterContent.append { package in try object.write(into: package, labels: labels) }
        }
    }
}

/// The cells that may hold series names, and their text once written.
final class ChartLabelCells {
    struct Place: Hashable {
        /// `SheetName.key` of the sheet.
        var sheet: String
        var row: Int
        var column: Int
    }

    /// Sheet key → row → columns.
    private var watched: [String: [Int: Set<Int>]] = [:]
    /// The rows watched on the sheet being written (nil: none).
    private var current: [Int: Set<Int>]?
    private var currentKey = ""
    /// Text of the watched cells written so far (NFC).
    private(set) var text: [Place: String] = [:]

    func watch(_ place: Place) {
        watched[place.sheet, default: [:]][place.row, default: []].insert(place.column)
    }

    func begin(_ sheet: SheetWriter) {
        currentKey = SheetName.key(sheet.name)
        current = watched[currentKey]
    }

    /// Notes the text of watched cells in a row being written (cheap when nothing is watched).
    @inline(__always)
    func observe(_ row: Int, _ cells: [Cell], startColumn: Int) {
        guard let columns = current?[row] else { return }
        for c in columns where c >= startColumn && c < startColumn + cells.count {
            switch cells[c - startColumn].value {
            case .text(let s):
                text[Place(sheet: currentKey, row: row, column: c)] = Vietnamese.nfc(s)
            case .formula(let f):
                if case .text(let s)? = f.result { text[Place(sheet: currentKey, row: row, column: c)] = Vietnamese.nfc(s) }
            default:
                break
            }
        }
    }
}

/// A frame's place on the sheet, in points, from the declared column widths and the default
/// row height (rows are streamed after the shapes, so their own heights are not known yet).
struct ChartFrameGeometry {
    struct Frame { var x: Double, y: Double, width: Double, height: Double }

    let columns: [SheetColumn]
    let defaultWidth: Double
    let rowHeight: Double

    init(_ sheet: SheetWriter) {
        columns = sheet.setup.columns
        defaultWidth = sheet.setup.defaultColumnWidth ?? 64
        rowHeight = ODFChartObject.defaultRowHeight(fontSize: sheet.workbook.styles[.default].font.size)
    }

    func width(_ c: Int) -> Double {
        guard c < columns.count else { return defaultWidth }
        return columns[c].hidden ? 0 : (columns[c].width ?? defaultWidth)
    }

    func frame(_ anchor: CellRange) -> Frame {
        var x = 0.0, width = 0.0
        for c in 0..<anchor.first.column { x += self.width(c) }
        for c in anchor.first.column...anchor.last.column { width += self.width(c) }
        return Frame(x: x, y: Double(anchor.first.row) * rowHeight, width: width, height: Double(anchor.rowCount) * rowHeight)
    }
}

/// One embedded chart document and the frame that shows it.
struct ODFChartObject {
    let chart: Chart
    let number: Int
    let frame: ChartFrameGeometry.Frame
    /// Range addresses as ODF writes them (`'Tổng hợp'.A2:'Tổng hợp'.A9`), with the sheet names
    /// known so far (`write(into:labels:)` spells them again once every sheet exists).
    private(set) var categories: String
    private(set) var values: [String]

    unowned let workbook: WorkbookWriter

    init(chart: Chart, number: Int, frame: ChartFrameGeometry.Frame, workbook: WorkbookWriter) {
        self.chart = chart
        self.number = number
        self.frame = frame
        self.workbook = workbook
        categories = ""
        values = []
        resolveAddresses()
    }

    private mutating func resolveAddresses() {
        let wb = workbook
        func address(_ r: SheetRange) -> String { ODSBackend.rangeAddress(ChartSupport.sheetName(r, wb), r.range) }
        categories = address(chart.categories)
        values = chart.series.map { address($0.values) }
    }

    var path: String { "Object \(number)" }

    /// Per series, the cells that may hold its name: above a column of values, left of a row
    /// (both for a single cell).
    var labelCandidates: [[ChartLabelCells.Place]] {
        chart.series.map { s in
            let r = s.values.range, key = SheetName.key(s.values.sheet)
            var places: [ChartLabelCells.Place] = []
            if r.columnCount == 1 && r.first.row > 0 { places.append(.init(sheet: key, row: r.first.row - 1, column: r.first.column)) }
            if r.rowCount == 1 && r.first.column > 0 { places.append(.init(sheet: key, row: r.first.row, column: r.first.column - 1)) }
            return places
        }
    }

    /// How the chart finds its data, decided once every row is written.
    struct Source {
        /// The series' label cells (`'Tổng hợp'.B1`), nil where the name is in no cell.
        var labels: [String?]
        /// Draw from the local table rather than the sheet's cells.
        var local: Bool
    }

    func source(_ cells: ChartLabelCells) -> Source {
        let labels: [String?] = zip(chart.series, labelCandidates).map { s, candidates in
            let name = Vietnamese.nfc(s.name)
            guard let p = candidates.first(where: { cells.text[$0] == name }) else { return nil }
            return ODSBackend.cellAddress(ChartSupport.sheetName(s.values, workbook), CellAddress(row: p.row, column: p.column))
        }
        // A pie shows no series name: it keeps its ranges.
        let cached = chart.cachedCategories != nil && chart.series.allSatisfy { $0.cachedValues != nil }
        return Source(labels: labels, local: chart.kind != .pie && labels.contains(nil) && cached)
    }

    /// LibreOffice's optimal height of a row holding text in the default font, in points
    /// (Times New Roman 12: 15 pt; rows above a chart are mostly the data's).
    static func defaultRowHeight(fontSize: Double) -> Double {
        ((fontSize * 1.25) * 4).rounded() / 4
    }

    // MARK: The frame on the sheet

    func writeFrame(_ w: XMLWriter, zIndex: Int) {
        w.start("draw:frame")
        w.attribute("draw:name", "Biểu đồ \(number)")
        w.attribute("draw:z-index", zIndex)
        w.attribute("svg:width", ODSBackend.points(frame.width))
        w.attribute("svg:height", ODSBackend.points(frame.height))
        w.attribute("svg:x", ODSBackend.points(frame.x))
        w.attribute("svg:y", ODSBackend.points(frame.y))
        w.start("draw:object")
        // LibreOffice redraws the chart when these cells change.
        w.attribute("draw:notify-on-update-of-ranges", ([categories] + values).joined(separator: " "))
        w.attribute("xlink:href", "./" + path)
        w.attribute("xlink:type", raw: "simple")
        w.attribute("xlink:show", raw: "embed")
        w.attribute("xlink:actuate", raw: "onLoad")
        w.end()
        if let t = chart.title { w.element("svg:title", text: t) }
        w.end()
    }

    // MARK: The chart document

    func write(into package: ODFPackage, labels: ChartLabelCells) throws {
        var object = self
        object.resolveAddresses()
        let source = object.source(labels)
        try package.addXMLPart(path + "/content.xml") { object.content($0, source) }
        package.declareDirectory(path + "/", mediaType: ODSBackend.chartMediaType)
    }

    private static let namespaces: [(StaticString, StaticString)] = [
        ("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
        ("xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
        ("xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
        ("xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
        ("xmlns:draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"),
        ("xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
        ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
        ("xmlns:svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"),
        ("xmlns:chart", "urn:oasis:names:tc:opendocument:xmlns:chart:1.0"),
    ]

    private var chartClass: StaticString {
        switch chart.kind {
        case .column, .bar: return "chart:bar"
        case .line: return "chart:line"
        case .pie: return "chart:circle"
        }
    }

    private func content(_ w: XMLWriter, _ source: Source) {
        w.declaration()
        w.start("office:document-content")
        for (prefix, uri) in ODFChartObject.namespaces { w.attribute(prefix, raw: uri) }
        w.attribute("office:version", raw: "1.3")
        writeStyles(w)
        w.start("office:body")
        w.start("office:chart")
        w.start("chart:chart")
        w.attribute("svg:width", ODSBackend.points(frame.width))
        w.attribute("svg:height", ODSBackend.points(frame.height))
        w.attribute("chart:class", raw: chartClass)
        w.attribute("chart:style-name", raw: "chart")
        if let t = chart.title {
            w.start("chart:title")
            w.attribute("chart:style-name", raw: "title")
            paragraph(w, t)
            w.end()
        }
        if let position = legendPosition {
            w.start("chart:legend")
            w.attribute("chart:legend-position", raw: position)
            w.attribute("style:legend-expansion", raw: chart.legend == .right ? "high" : "wide")
            w.attribute("chart:style-name", raw: "legend")
            w.end()
        }
        w.start("chart:plot-area")
        w.attribute("chart:style-name", raw: "plot")
        if !source.local {
            w.attribute("table:cell-range-address", ([categories] + values).joined(separator: " "))
        }
        w.attribute("chart:data-source-has-labels", raw: "none")
        writeAxis(w, x: true, local: source.local)
        writeAxis(w, x: false, local: source.local)
        for i in chart.series.indices {
            w.start("chart:series")
            w.attribute("chart:style-name", "series\(i + 1)")
            if !source.local {
                w.attribute("chart:values-cell-range-address", values[i])
                if let label = source.labels[i] { w.attribute("chart:label-cell-address", label) }
            }
            w.attribute("chart:class", raw: chartClass)
            if chart.kind == .pie {
                for p in 0..<ChartSupport.pointCount(chart) {
                    w.start("chart:data-point"); w.attribute("chart:style-name", "point\(p + 1)"); w.end()
                }
            }
            w.end()
        }
        w.start("chart:wall"); w.attribute("chart:style-name", raw: "wall"); w.end()
        w.end()   // plot-area
        writeLocalTable(w)
        w.end()   // chart:chart
        w.end()
        w.end()
        w.end()
    }

    private var legendPosition: StaticString? {
        switch chart.legend {
        case .right: return "end"
        case .bottom: return "bottom"
        case .top: return "top"
        case .none: return nil
        }
    }

    /// The x axis carries the categories (drawn vertically for horizontal bars), the y axis
    /// the values and the major grid. A pie has no visible axes but keeps its categories on x.
    private func writeAxis(_ w: XMLWriter, x: Bool, local: Bool) {
        w.start("chart:axis")
        w.attribute("chart:dimension", raw: x ? "x" : "y")
        w.attribute("chart:name", raw: x ? "primary-x" : "primary-y")
        w.attribute("chart:style-name", raw: x ? "axis-x" : "axis-y")
        if chart.kind != .pie, let t = x ? chart.categoryAxisTitle : chart.valueAxisTitle {
            w.start("chart:title")
            w.attribute("chart:style-name", raw: x ? "axis-title-x" : "axis-title-y")
            paragraph(w, t)
            w.end()
        }
        if x {
            w.start("chart:categories")
            if !local { w.attribute("table:cell-range-address", categories) }
            w.end()
        } else if chart.kind != .pie {
            w.start("chart:grid"); w.attribute("chart:style-name", raw: "grid"); w.attribute("chart:class", raw: "major"); w.end()
        }
        w.end()
    }

    /// The cached data as a table: a header row of series names, one row per category.
    private func writeLocalTable(_ w: XMLWriter) {
        w.start("table:table")
        w.attribute("table:name", raw: "local-table")
        w.start("table:table-header-columns"); w.start("table:table-column"); w.end(); w.end()
        w.start("table:table-columns")
        w.start("table:table-column"); w.attribute("table:number-columns-repeated", chart.series.count); w.end()
        w.end()
        w.start("table:table-header-rows")
        w.start("table:table-row")
        w.start("table:table-cell"); w.start("text:p"); w.end(); w.end()
        for s in chart.series {
            w.start("table:table-cell")
            w.attribute("office:value-type", raw: "string")
            paragraph(w, s.name)
            w.end()
        }
        w.end()
        w.end()
        w.start("table:table-rows")
        for p in 0..<ChartSupport.pointCount(chart) {
            w.start("table:table-row")
            w.start("table:table-cell")
            if let c = chart.cachedCategories?[p] {
                w.attribute("office:value-type", raw: "string")
                paragraph(w, c)
            } else {
                w.start("text:p"); w.end()
            }
            w.end()
            for s in chart.series {
                w.start("table:table-cell")
                if let v = s.cachedValues?[p], v.isFinite {
                    w.attribute("office:value-type", raw: "float")
                    w.attribute("office:value", v)
                    w.start("text:p"); w.text(v); w.end()
                } else {
                    w.start("text:p"); w.end()
                }
                w.end()
            }
            w.end()
        }
        w.end()
        w.end()
    }

    /// One paragraph; line breaks inside it (a title holds a single `text:p`).
    private func paragraph(_ w: XMLWriter, _ text: String) {
        w.start("text:p")
        var first = true
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            if !first { w.start("text:line-break"); w.end() }
            if !line.isEmpty { w.text(String(line)) }
            first = false
        }
        w.end()
    }

    // MARK: Styles

    private func writeStyles(_ w: XMLWriter) {
        w.start("office:automatic-styles")
        style(w, "chart") {
            w.start("style:graphic-properties")
            w.attribute("draw:fill", raw: "solid")
            w.attribute("draw:fill-color", raw: "#ffffff")
            w.attribute("draw:stroke", raw: "solid")
            w.attribute("svg:stroke-color", raw: "#bfbfbf")
            w.attribute("svg:stroke-width", raw: "0.75pt")
            w.end()
            text(w, size: 10, bold: false)
        }
        style(w, "title") { text(w, size: 14, bold: true) }
        style(w, "legend") { text(w, size: 10, bold: false) }
        style(w, "plot") {
            w.start("style:chart-properties")
            if chart.kind == .bar || chart.kind == .column {
                w.attribute("chart:vertical", raw: chart.kind == .bar ? "true" : "false")
                w.attribute("chart:gap-width", raw: "80")
            }
            w.attribute("chart:treat-empty-cells", raw: "leave-gap")
            w.end()
        }
        for x in [true, false] {
            style(w, x ? "axis-x" : "axis-y") {
                w.start("style:chart-properties")
                w.attribute("chart:display-label", raw: "true")
                w.end()
                w.start("style:graphic-properties")
                w.attribute("svg:stroke-color", raw: "#868686")
                w.end()
                text(w, size: 10, bold: false)
            }
            // The title of the axis drawn vertically reads bottom to top.
            let vertical = x == (chart.kind == .bar)
            style(w, x ? "axis-title-x" : "axis-title-y") {
                w.start("style:chart-properties")
                w.attribute("style:rotation-angle", raw: vertical ? "90" : "0")
                w.end()
                text(w, size: 11, bold: true)
            }
        }
        style(w, "grid") {
            w.start("style:graphic-properties")
            w.attribute("svg:stroke-color", raw: "#d9d9d9")
            w.end()
        }
        for (i, s) in chart.series.enumerated() {
            let color = "#" + ChartSupport.color(of: s, index: i).hex
            style(w, "series\(i + 1)") {
                w.start("style:chart-properties")
                if chart.dataLabels {
                    w.attribute("chart:data-label-number", raw: "value")
                    w.attribute("chart:label-position", raw: chart.kind == .line ? "top" : "outside")
                }
                if chart.kind == .line {
                    w.attribute("chart:symbol-type", raw: "named-symbol")
                    w.attribute("chart:symbol-name", raw: "circle")
                    w.attribute("chart:symbol-width", raw: "6pt")
                    w.attribute("chart:symbol-height", raw: "6pt")
                }
                w.end()
                w.start("style:graphic-properties")
                switch chart.kind {
                case .line:
                    w.attribute("draw:stroke", raw: "solid")
                    w.attribute("svg:stroke-width", raw: "2.25pt")
                    w.attribute("svg:stroke-color", color)
                    w.attribute("draw:fill-color", color)
                case .column, .bar:
                    w.attribute("draw:stroke", raw: "none")
                    w.attribute("draw:fill", raw: "solid")
                    w.attribute("draw:fill-color", color)
                case .pie:
                    w.attribute("draw:stroke", raw: "solid")
                    w.attribute("svg:stroke-color", raw: "#ffffff")
                }
                w.end()
                text(w, size: 10, bold: false)
            }
        }
        if chart.kind == .pie {
            for p in 0..<ChartSupport.pointCount(chart) {
                style(w, "point\(p + 1)") {
                    w.start("style:graphic-properties")
                    w.attribute("draw:fill", raw: "solid")
                    w.attribute("draw:fill-color", "#" + ChartSupport.palette[p % ChartSupport.palette.count].hex)
                    w.attribute("draw:stroke", raw: "solid")
                    w.attribute("svg:stroke-color", raw: "#ffffff")
                    w.end()
                }
            }
        }
        style(w, "wall") {
            w.start("style:graphic-properties")
            w.attribute("draw:fill", raw: "none")
            w.attribute("draw:stroke", raw: "none")
            w.end()
        }
        w.end()
    }

    private func style(_ w: XMLWriter, _ name: String, _ body: () -> Void) {
        w.start("style:style")
        w.attribute("style:name", name)
        w.attribute("style:family", raw: "chart")
        body()
        w.end()
    }

    /// Times New Roman for every script, Vietnamese language.
    private func text(_ w: XMLWriter, size: Double, bold: Bool) {
        w.start("style:text-properties")
        let family = "'\(ChartSupport.font)'"
        w.attribute("fo:font-family", family)
        w.attribute("style:font-family-generic", raw: "roman")
        w.attribute("style:font-pitch", raw: "variable")
        w.attribute("style:font-family-asian", family)
        w.attribute("style:font-family-generic-asian", raw: "roman")
        w.attribute("style:font-pitch-asian", raw: "variable")
        w.attribute("style:font-family-complex", family)
        w.attribute("style:font-family-generic-complex", raw: "roman")
        w.attribute("style:font-pitch-complex", raw: "variable")
        w.attribute("fo:font-size", ODSBackend.points(size))
        w.attribute("style:font-size-asian", ODSBackend.points(size))
        w.attribute("style:font-size-complex", ODSBackend.points(size))
        if bold {
            w.attribute("fo:font-weight", raw: "bold")
            w.attribute("style:font-weight-asian", raw: "bold")
            w.attribute("style:font-weight-complex", raw: "bold")
        }
        w.attribute("fo:language", raw: "vi")
        w.attribute("fo:country", raw: "VN")
        w.end()
    }
}
