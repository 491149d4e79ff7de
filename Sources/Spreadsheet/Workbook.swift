import Foundation
import OfficePackage
import OfficeXML
import OfficeZip
import Vietnamese

/// The file formats a workbook is written in.
public enum SpreadsheetFormat: String, Sendable, CaseIterable {
    case xlsx, ods

    /// By the output's extension (".xlsx", ".ods"), case-insensitive.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: ".") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }
}

/// Knobs of the writers, chosen by measurement (docs/benchmarks.md).
public struct WorkbookOptions: Sendable {
    /// Deflate level of the parts.
    public var compressionLevel: Int = ZipMethod.defaultLevel
    /// XLSX: texts seen twice go to the shared-string table, first sightings are written
    /// inline; the table of candidates is bounded (memory stays flat). 16,384 candidates give
    /// W1 files within 0.1 % of 131,072's, and RSS grows 6 % instead of 26 % from 100,000 to
    /// 1,000,000 rows (docs/benchmarks.md).
    public var sharedStringCandidates: Int = 1 << 14
    /// Threads for compression.
    public var threads: Int = ZipWriter.defaultThreads
    /// Compute the cached results of buffered sheets' formulas (false: leave them to the
    /// reader, which is then asked to recalculate — used to compare with LibreOffice).
    public var computeFormulaResults: Bool = true

    public init() {}
}

/// Writes one workbook, XLSX or ODS, sheet after sheet, row after row.
///
/// Streaming: a sheet's rows are written in increasing order and go straight to the
/// compressor; memory does not grow with the number of rows. Columns, merges, panes and
/// print setup are declared in `SheetSetup` before the rows (or, for a merge, before its first
/// row). For sheets built in any order use `SheetBuffer` and `write(_:)`.
///
/// Nothing appears at `path` until `close()` succeeds.
public final class WorkbookWriter {
    public let path: String
    public let format: SpreadsheetFormat
    public private(set) var styles: StyleTable
    public let options: WorkbookOptions
    public var properties: DocumentProperties
    /// Defined names (print titles and filters are added by the writer itself).
    public private(set) var definedNames: [DefinedName] = []
    /// Buffered sheets' values, for the cached results of their formulas.
    private let bufferedValues = BufferedValues()
    /// Characters illegal in XML removed from text values, over all sheets.
    public var removedCharacterCount: Int { backend.removedCharacterCount }

    let backend: WorkbookBackend
    var sheets: [SheetWriter] = []
    private var sheetKeys: Set<String> = []
    private var open: SheetWriter?
    private var closed = false
    /// Set when a format writer failed in the middle of a row (a text too long for XLSX, a
    /// formula that cannot be written): part of the row may already be in the part, so the
    /// workbook can only be discarded; every later write and `close` is refused.
    private(set) var failure: SpreadsheetError?
    /// Style variants with a date format, for date values in cells whose style has none.
    private var dateVariant: [Int: StyleID] = [:]

    public init(path: String, format: SpreadsheetFormat? = nil, properties: DocumentProperties = DocumentProperties(),
                options: WorkbookOptions = WorkbookOptions(), defaultStyle: CellStyle = .standard) throws {
        guard let f = format ?? SpreadsheetFormat(path: path) else {
            throw SpreadsheetError(.invalidSetting, "Không biết định dạng của «\(path)»: đuôi tệp phải là .xlsx hoặc .ods.")
        }
        self.path = path
        self.format = f
        self.styles = StyleTable(defaultStyle: defaultStyle)
        self.options = options
        self.properties = properties
        switch f {
        case .xlsx: backend = try XLSXBackend(path: path, properties: properties, options: options)
        case .ods: backend = try ODSBackend(path: path, properties: properties, options: options)
        }
    }

    /// Registers a style (equal styles share one record) and returns its id.
    public func style(_ style: CellStyle) -> StyleID {
        styles.register(style)
    }

    /// The style to write a date with: `id` itself when it has a date format, else a variant
    /// of it with "dd/mm/yyyy".
    func dateStyle(for id: StyleID) -> StyleID {
        if styles[id].numberFormat.isDate { return id }
        if let v = dateVariant[id.index] { return v }
        var s = styles[id]
        s.numberFormat = .date
        let v = styles.register(s)
        dateVariant[id.index] = v
        return v
    }

    /// Starts a sheet; the previous one is finished first.
    public func addSheet(_ name: String, setup: SheetSetup = SheetSetup()) throws -> SheetWriter {
        guard !closed else { throw SpreadsheetError(.state, "Bảng tính đã đóng; không thêm được trang «\(name)».") }
        try checkUsable()
        let name = Vietnamese.nfc(name)
        try SheetName.validate(name)
        let key = SheetName.key(name)
        guard !sheetKeys.contains(key) else {
            throw SpreadsheetError(.duplicateSheetName, "Đã có trang tính tên «\(name)» (tên trang không phân biệt hoa thường). Hãy đặt tên khác.")
        }
        try validate(setup, sheet: name)
        if let open { try open.finish() }
        sheetKeys.insert(key)
        let sheet = SheetWriter(workbook: self, name: name, index: sheets.count, setup: setup)
        sheets.append(sheet)
        open = sheet
        try backend.beginSheet(sheet)
        return sheet
    }

    /// Writes a whole buffered sheet. Formulas without a result get one computed over this
    /// sheet and the buffered sheets written before it (see `write(_:)` for several sheets that
    /// read each other).
    @discardableResult
    public func write(_ buffer: SheetBuffer) throws -> SheetWriter {
        try write([buffer])[0]
    }

    /// Writes buffered sheets in order; their formulas' results are computed over all of them
    /// and every buffered sheet written before (a summary sheet may come first and read the
    /// detail sheets after it).
    @discardableResult
    public func write(_ buffers: [SheetBuffer]) throws -> [SheetWriter] {
        for b in buffers { bufferedValues.add(b) }
        var written: [SheetWriter] = []
        for b in buffers {
            let resolved = options.computeFormulaResults ? bufferedValues.resolved(b) : b
            let sheet = try addSheet(resolved.name, setup: resolved.setup)
            try resolved.writeRows(into: sheet)
            try sheet.finish()
            written.append(sheet)
        }
        return written
    }

    /// A workbook-wide (or sheet-local) name for a range.
    public func addDefinedName(_ name: DefinedName) throws {
        let valid = !name.name.isEmpty && name.name.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || $0 == "_" || $0 == "." || ("0"..."9").contains($0)
        } && !(name.name.first.map { ("0"..."9").contains($0) } ?? true)
        guard valid, (try? CellAddress(name.name)) == nil else {
            throw SpreadsheetError(.invalidSetting, "Tên vùng «\(name.name)» không hợp lệ: chỉ dùng chữ, số, dấu _ và . (không bắt đầu bằng số, không giống địa chỉ ô).")
        }
        definedNames.append(name)
    }

    func sheetFinished(_ sheet: SheetWriter) {
        if open === sheet { open = nil }
    }

    /// Finishes the open sheet and writes the archive.
    public func close() throws {
        guard !closed else { return }
        do {
            try checkUsable()
            if let open { try open.finish() }
            if sheets.isEmpty {
                throw SpreadsheetError(.state, "Bảng tính phải có ít nhất một trang tính.")
            }
            try validateChartSheets()
            closed = true
            try backend.close(self)
        } catch {
            closed = true
            backend.discard()
            throw error
        }
    }

    /// Throws once a row failed half-written (see `failure`).
    func checkUsable() throws {
        if let failure {
            throw SpreadsheetError(.state, "Bảng tính không dùng tiếp được sau lỗi: \(failure.message) Hãy bỏ bảng tính này và ghi lại từ đầu.")
        }
    }

    /// Records a format writer's failure in the middle of a row.
    func failed(_ error: Error) {
        if failure == nil {
            failure = (error as? SpreadsheetError) ?? SpreadsheetError(.state, "\(error)")
        }
    }

    /// Gives up: nothing is written.
    public func discard() {
        closed = true
        backend.discard()
    }

    private func validate(_ setup: SheetSetup, sheet: String) throws {
        for (i, m) in setup.merges.enumerated() {
            for other in setup.merges[..<i] where other.intersects(m) {
                throw SpreadsheetError(.overlappingMerge, "Trang «\(sheet)»: vùng gộp \(m) chồng lên vùng gộp \(other).")
            }
        }
        if setup.columns.count > SheetLimits.columns {
            throw SpreadsheetError(.columnLimit, "Trang «\(sheet)»: nhiều hơn \(SheetLimits.columns) cột.")
        }
        for (i, chart) in setup.charts.enumerated() {
            try validate(chart, number: i + 1, sheet: sheet)
        }
    }

    /// A chart's shape: series present, ranges in the sheet, one row or one column each and of
    /// the categories' length, caches of that length, a pie with one series. The sheets the
    /// ranges name are checked by `close()`, when every sheet is known.
    private func validate(_ chart: Chart, number: Int, sheet: String) throws {
        let what = "Trang «\(sheet)», biểu đồ \(number)" + (chart.title.map { " («\($0)»)" } ?? "")
        func inside(_ r: CellRange, _ role: String) throws {
            guard r.first.row >= 0, r.first.column >= 0, r.last.row < SheetLimits.rows, r.last.column < SheetLimits.columns else {
                throw SpreadsheetError(.invalidReference, "\(what): \(role) \(r) nằm ngoài trang tính.")
            }
        }
        func check(_ r: CellRange, _ role: String) throws -> Int {
            try inside(r, role)
            guard r.rowCount == 1 || r.columnCount == 1 else {
                throw SpreadsheetError(.invalidReference, "\(what): \(role) \(r) phải nằm trên một hàng hoặc một cột.")
            }
            return max(r.rowCount, r.columnCount)
        }
        let count = try check(chart.categories.range, "vùng nhãn danh mục")
        try inside(chart.anchor, "vị trí đặt biểu đồ")
        if let cached = chart.cachedCategories, cached.count != count {
            throw SpreadsheetError(.invalidSetting, "\(what): có \(cached.count) nhãn danh mục lưu sẵn cho \(count) ô của vùng \(chart.categories.range).")
        }
        if chart.series.isEmpty {
            throw SpreadsheetError(.invalidSetting, "\(what): phải có ít nhất một chuỗi số liệu.")
        }
        if chart.kind == .pie && chart.series.count > 1 {
            throw SpreadsheetError(.invalidSetting, "\(what): biểu đồ tròn chỉ có một chuỗi số liệu (đang có \(chart.series.count)).")
        }
        for s in chart.series {
            let n = try check(s.values.range, "chuỗi «\(s.name)»: vùng giá trị")
            if n != count {
                throw SpreadsheetError(.invalidReference, "\(what), chuỗi «\(s.name)»: vùng giá trị \(s.values.range) có \(n) ô nhưng vùng nhãn danh mục \(chart.categories.range) có \(count) ô; hai vùng phải dài bằng nhau.")
            }
            if let cached = s.cachedValues, cached.count != n {
                throw SpreadsheetError(.invalidSetting, "\(what), chuỗi «\(s.name)»: có \(cached.count) giá trị lưu sẵn cho \(n) ô của vùng \(s.values.range).")
            }
        }
    }

    /// Every sheet a chart range names exists (checked at close: a chart may draw from a sheet
    /// added after its own).
    private func validateChartSheets() throws {
        for sheet in sheets {
            for (i, chart) in sheet.setup.charts.enumerated() {
                for r in [chart.categories] + chart.series.map(\.values) where !sheetKeys.contains(SheetName.key(r.sheet)) {
                    throw SpreadsheetError(.invalidReference, "Trang «\(sheet.name)», biểu đồ \(i + 1)" + (chart.title.map { " («\($0)»)" } ?? "") + ": không có trang tính «\(r.sheet)» mà vùng \(r.range) tham chiếu.")
                }
            }
        }
    }
}

/// A sheet being written. Rows go in increasing order; cells of a row from `startColumn` on.
public final class SheetWriter {
    public let name: String
    /// Position among the workbook's sheets (0-based).
    public let index: Int
    public private(set) var setup: SheetSetup
    unowned let workbook: WorkbookWriter

    /// The next row `appendRow` writes (0-based).
    public private(set) var nextRow = 0
    /// Used range so far.
    public private(set) var maxRow = -1
    public private(set) var maxColumn = -1
    var minColumn = Int.max
    public private(set) var finished = false
    /// Merges by first row, for the ODS writer (which marks covered cells as it goes).
    private(set) var mergesByRow: [Int: [CellRange]] = [:]
    /// Autofit: widest text per column, in points.
    @exclusivity(unchecked) var autofitWidths: [Double] = []
    /// Autofit: per column, the last number sample measured (length and style), and per style
    /// index what autofit needs of it (unchecked: the writer is used from one thread, and the
    /// checks cost more than the measuring).
    @exclusivity(unchecked) private var autofitSamples: [Int] = []
    @exclusivity(unchecked) private var autofitStyles: [AutofitStyle?] = []

    init(workbook: WorkbookWriter, name: String, index: Int, setup: SheetSetup) {
        self.workbook = workbook
        self.name = name
        self.index = index
        self.setup = setup
        for m in setup.merges { mergesByRow[m.first.row, default: []].append(m) }
    }

    /// Merges a range. It must not overlap another merge, and its first row must not be
    /// written yet (ODS marks merged cells as it writes them).
    public func merge(_ range: CellRange) throws {
        guard !finished else { throw SpreadsheetError(.state, "Trang «\(name)» đã ghi xong; không gộp thêm ô được.") }
        if range.first.row < nextRow {
            throw SpreadsheetError(.mergeAfterRows, "Trang «\(name)»: phải gộp vùng \(range) trước khi ghi hàng \(range.first.row + 1).")
        }
        for m in setup.merges where m.intersects(range) {
            throw SpreadsheetError(.overlappingMerge, "Trang «\(name)»: vùng gộp \(range) chồng lên vùng gộp \(m).")
        }
        setup.merges.append(range)
        mergesByRow[range.first.row, default: []].append(range)
    }

    /// Writes the next row.
    public func appendRow(_ cells: [Cell], options: RowOptions = .automatic) throws {
        try writeRow(nextRow, cells, options: options)
    }

    /// Writes row `row` (0-based, greater than every row written before), its cells starting
    /// at `startColumn`.
    public func writeRow(_ row: Int, _ cells: [Cell], startColumn: Int = 0, options: RowOptions = .automatic) throws {
        guard !finished else { throw SpreadsheetError(.state, "Trang «\(name)» đã ghi xong; không ghi thêm hàng được.") }
        try workbook.checkUsable()
        guard row >= nextRow else {
            throw SpreadsheetError(.rowOutOfOrder, "Trang «\(name)»: hàng \(row + 1) ghi sau hàng \(nextRow); các hàng phải theo thứ tự tăng dần (dùng SheetBuffer để ghi tùy ý).")
        }
        guard row < SheetLimits.rows else {
            throw SpreadsheetError(.rowLimit, "Trang «\(name)»: vượt quá \(VietnameseNumber.format(SheetLimits.rows)) hàng. Hãy chia dữ liệu sang nhiều trang tính.")
        }
        guard startColumn >= 0, startColumn + cells.count <= SheetLimits.columns else {
            throw SpreadsheetError(.columnLimit, "Trang «\(name)», hàng \(row + 1): vượt quá \(VietnameseNumber.format(SheetLimits.columns)) cột (XFD).")
        }
        if !cells.isEmpty {
            maxRow = row
            maxColumn = max(maxColumn, startColumn + cells.count - 1)
            minColumn = min(minColumn, startColumn)
        } else if options != .automatic {
            maxRow = row
        }
        if setup.autofit { measure(cells, row: row, startColumn: startColumn) }
        do {
            try workbook.backend.writeRow(self, row, cells, startColumn: startColumn, options: options)
        } catch {
            // Part of the row may be written: the workbook can only be discarded now.
            workbook.failed(error)
            throw error
        }
        nextRow = row + 1
    }

    /// Finishes the sheet (also done by the next `addSheet` and by `close`).
    public func finish() throws {
        guard !finished else { return }
        try workbook.checkUsable()
        finished = true
        workbook.sheetFinished(self)
        try workbook.backend.endSheet(self)
    }

    /// The used range (A1 when empty).
    public var dimension: CellRange {
        maxRow < 0 || maxColumn < 0
            ? CellRange(CellAddress(row: 0, column: 0), CellAddress(row: 0, column: 0))
            : CellRange(CellAddress(row: 0, column: minColumn == Int.max ? 0 : minColumn),
                        CellAddress(row: maxRow, column: maxColumn))
    }

    /// Final column widths in points: the declared ones, widened by autofit for columns
    /// without a declared width.
    func columnWidths() -> [Double?] {
        // Autofit covers the declared columns (both formats write a column element for each).
        let n = setup.columns.count
        return (0..<n).map { c in
            if c < setup.columns.count, let w = setup.columns[c].width { return w }
            if setup.autofit, c < autofitWidths.count, autofitWidths[c] > 0 {
                // The text plus the cell's padding (Excel: 5 px; LibreOffice: 2 × 1 pt + margin).
                return min(max(autofitWidths[c] + 7, 24), 400)
            }
            return nil
        }
    }

    private func measure(_ cells: [Cell], row: Int, startColumn: Int) {
        if autofitWidths.count < startColumn + cells.count {
            let extra = startColumn + cells.count - autofitWidths.count
            autofitWidths += Array(repeating: 0, count: extra)
            autofitSamples += Array(repeating: -1, count: extra)
        }
        let merges = mergesByRow[row]
        var styleIndex = -1
        var style = AutofitStyle(size: 0, bold: false, italic: false, wrap: false, thousands: false, percent: false)
        for (i, cell) in cells.enumerated() {
            let c = startColumn + i
            // Merged cells span several columns: they do not size one.
            if let merges, merges.contains(where: { $0.first.column == c && $0.columnCount > 1 }) { continue }
            if cell.style.index != styleIndex {
                styleIndex = cell.style.index
                style = autofitStyle(cell.style)
            }
            // Numbers, dates and booleans measure as a sample ("0000", "00/00/0000") that only
            // depends on the style and the sample's length: one already measured in this
            // column with the same style needs no new measurement.
            var sample = -1
            switch cell.value {
            case .empty: continue
            case .text(let s):
                let w = CellTextWidth.points(s, size: style.size, bold: style.bold, italic: style.italic, wrap: style.wrap)
                if w > autofitWidths[c] { autofitWidths[c] = w }
                continue
            case .integer(let v):
                // Digits (and the sign) and, with grouping, one separator per three digits.
                var digits = v < 0 ? 2 : 1
                var m = v.magnitude
                while m >= 10 { m /= 10; digits += 1 }
                sample = style.thousands ? digits + (digits - 1) / 3 : digits
            case .number(let v): sample = NumberDisplay.length(v, decimals: style.decimals, percent: style.percent)
            case .bool(let b): sample = b ? 1001 : 1002
            case .date: sample = 1000
            case .formula(let f):
                switch f.result {
                case .number(let v)?: sample = NumberDisplay.length(v, decimals: style.decimals, percent: style.percent)
                case .text(let s)?:
                    let w = CellTextWidth.points(s, size: style.size, bold: style.bold, italic: style.italic, wrap: style.wrap)
                    if w > autofitWidths[c] { autofitWidths[c] = w }
                    continue
                default: continue
                }
            }
            let key = sample << 20 | cell.style.index
            if autofitSamples[c] == key { continue }
            autofitSamples[c] = key
            let text: String
            switch sample {
            case 1000: text = "00/00/0000"
            case 1001: text = "TRUE"
            case 1002: text = "FALSE"
            default: text = String(repeating: "0", count: sample)
            }
            let w = CellTextWidth.points(text, size: style.size, bold: style.bold, italic: style.italic, wrap: style.wrap)
            if w > autofitWidths[c] { autofitWidths[c] = w }
        }
    }

    /// What autofit needs of a style, kept per style index (a `CellStyle` copy per cell costs
    /// more than the measuring).
    struct AutofitStyle {
        var size: Double
        var bold, italic, wrap, thousands, percent: Bool
        /// Decimals shown by the number format, nil when they depend on the value.
        var decimals: Int?
    }

    private func autofitStyle(_ id: StyleID) -> AutofitStyle {
        if id.index < autofitStyles.count, let s = autofitStyles[id.index] { return s }
        let style = workbook.styles[id]
        let s = AutofitStyle(size: style.font.size, bold: style.font.bold, italic: style.font.italic,
                             wrap: style.alignment.wrap, thousands: style.numberFormat == .thousands,
                             percent: NumberDisplay.isPercent(style.numberFormat), decimals: NumberDisplay.decimals(style.numberFormat))
        if autofitStyles.count <= id.index { autofitStyles += Array(repeating: nil, count: id.index + 1 - autofitStyles.count) }
        autofitStyles[id.index] = s
        return s
    }
}

/// What a format writer implements.
protocol WorkbookBackend: AnyObject {
    var removedCharacterCount: Int { get }
    func beginSheet(_ sheet: SheetWriter) throws
    func writeRow(_ sheet: SheetWriter, _ row: Int, _ cells: [Cell], startColumn: Int, options: RowOptions) throws
    func endSheet(_ sheet: SheetWriter) throws
    func close(_ workbook: WorkbookWriter) throws
    func discard()
}

/// A sheet built in memory in any order, then written in row order (small sheets: summaries,
/// rankings, forms).
public struct SheetBuffer: Sendable {
    public var name: String
    public var setup: SheetSetup
    private var rows: [Int: [Int: Cell]] = [:]
    private var rowOptions: [Int: RowOptions] = [:]

    public init(name: String, setup: SheetSetup = SheetSetup()) {
        self.name = name
        self.setup = setup
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { rows[row]?[column] ?? .empty }
        set { rows[row, default: [:]][column] = newValue }
    }

    public subscript(a1: String) -> Cell {
        get { (try? CellAddress(a1)).map { self[$0.row, $0.column] } ?? .empty }
        set { if let a = try? CellAddress(a1) { self[a.row, a.column] = newValue } }
    }

    public mutating func set(_ row: Int, _ column: Int, _ value: CellValue, style: StyleID = .default) {
        self[row, column] = Cell(value, style: style)
    }

    public mutating func setRow(_ row: Int, options: RowOptions) {
        rowOptions[row] = options
    }

    public mutating func merge(_ range: CellRange) {
        setup.merges.append(range)
    }

    /// Rows that hold cells.
    public var rowIndexes: [Int] { Array(Set(rows.keys).union(rowOptions.keys)).sorted() }

    /// The value of a cell (for formula evaluation).
    public func value(_ row: Int, _ column: Int) -> CellValue { rows[row]?[column]?.value ?? .empty }

    /// Every non-empty cell, in no particular order.
    var cells: [(row: Int, column: Int, cell: Cell)] {
        rows.flatMap { r, line in line.map { (r, $0.key, $0.value) } }
    }

    func options(_ row: Int) -> RowOptions { rowOptions[row] ?? .automatic }

    /// Rows and columns up to the last cell that holds something.
    var extent: (rows: Int, columns: Int) {
        let lastRow = rows.keys.max() ?? -1
        let lastColumn = rows.values.compactMap { $0.keys.max() }.max() ?? -1
        return (lastRow + 1, lastColumn + 1)
    }

    func writeRows(into sheet: SheetWriter) throws {
        for r in rowIndexes {
            let cells = rows[r] ?? [:]
            let options = rowOptions[r] ?? .automatic
            guard let first = cells.keys.min(), let last = cells.keys.max() else {
                try sheet.writeRow(r, [], options: options)
                continue
            }
            var line = [Cell](repeating: .empty, count: last - first + 1)
            for (c, cell) in cells { line[c - first] = cell }
            try sheet.writeRow(r, line, startColumn: first, options: options)
        }
    }
}

/// Text width for autofit: the widest line, measured with Times New Roman's advance widths.
enum CellTextWidth {
    static func points(_ text: String, font: Font, wrap: Bool) -> Double {
        points(text, size: font.size, bold: font.bold, italic: font.italic, wrap: wrap)
    }

    static func points(_ text: String, size: Double, bold: Bool, italic: Bool, wrap: Bool) -> Double {
        let widest = TextMeasure.widestLineWidth(text, size: size, bold: bold, italic: italic)
        // A wrapped cell need not be wider than a comfortable line.
        return wrap ? min(widest, size * 25) : widest
    }
}

/// What a number looks like on screen, for autofit (digits matter, not their exact value).
enum NumberDisplay {
    static func sample(_ v: Double, _ format: NumberFormat) -> String {
        String(repeating: "0", count: length(v, decimals: decimals(format), percent: isPercent(format)))
    }

    static func isPercent(_ format: NumberFormat) -> Bool {
        format == .percent || format == .percentDecimal2
    }

    /// Decimals a format shows, nil when they depend on the value (General and the like).
    static func decimals(_ format: NumberFormat) -> Int? {
        switch format {
        case .decimal2, .thousandsDecimal2, .percentDecimal2: return 2
        case .integer, .thousands, .percent: return 0
        case .custom(let c): return c.split(separator: ".").dropFirst().first.map { $0.prefix { $0 == "0" || $0 == "#" }.count } ?? 0
        default: return nil
        }
    }

    /// The length of `sample(v, format)`, given `decimals(format)` and `isPercent(format)`.
    static func length(_ v: Double, decimals: Int?, percent: Bool) -> Int {
        let decimals = decimals ?? (String(v).split(separator: ".").dropFirst().first.map { min($0.count, 9) } ?? 0)
        let magnitude = abs(v) < 1 ? 1 : Int(log10(abs(v))) + 1
        var n = magnitude + (decimals > 0 ? decimals + 1 : 0) + (v < 0 ? 1 : 0)
        if percent { n += 3 }
        return max(1, min(n, 40))
    }
}
