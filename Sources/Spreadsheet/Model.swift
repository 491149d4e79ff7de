import Vietnamese

/// The workbook model: what a sheet holds, independent of the file format. The XLSX and ODS
/// writers render the same model.

// MARK: - Errors

/// A workbook that cannot be written as asked. Messages are Vietnamese and name the sheet,
/// cell or setting at fault.
public struct SpreadsheetError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Code: Sendable, Equatable {
        case invalidSheetName, duplicateSheetName, rowOutOfOrder, rowLimit, columnLimit, textTooLong,
             overlappingMerge, mergeAfterRows, invalidReference, invalidFormula, invalidSetting, state
    }
    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

// MARK: - Limits and references

public enum SheetLimits {
    /// Rows and columns of a worksheet (Excel 2007+ and LibreOffice 7.4+).
    public static let rows = 1_048_576
    public static let columns = 16_384
    /// The longest text an XLSX cell holds (ODS has no limit).
    public static let xlsxTextLength = 32_767
    /// Sheet names: 31 characters, none of `[]:*?/\`, not blank, no leading/trailing quote.
    public static let sheetNameLength = 31
}

/// A cell position, 0-based.
public struct CellAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// "B7" → row 6, column 1. `$` signs are accepted and ignored.
    public init(_ a1: String) throws(SpreadsheetError) {
        var col = 0, row = 0
        var letters = 0, digits = 0
        for u in a1.utf8 {
            switch u {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                col = col * 26 + Int(u - 64); letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                col = col * 26 + Int(u - 96); letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(u - 48); digits += 1
                if digits > 7 { break }
            default:
                throw SpreadsheetError(.invalidReference, "«\(a1)» không phải là địa chỉ ô (ví dụ: B7).")
            }
            if letters > 3 { break }
        }
        guard letters > 0, letters <= 3, digits > 0, digits <= 7, row >= 1, row <= SheetLimits.rows,
              col >= 1, col <= SheetLimits.columns else {
            throw SpreadsheetError(.invalidReference, "«\(a1)» không phải là địa chỉ ô hợp lệ (cột A–XFD, hàng 1–1.048.576).")
        }
        self.row = row - 1
        self.column = col - 1
    }

    /// "A", "Z", "AA", … "XFD".
    public static func columnName(_ column: Int) -> String {
        var n = column + 1
        var out: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.append(UInt8(65 + r))
            n = (n - 1) / 26
        }
        return String(decoding: out.reversed(), as: UTF8.self)
    }

    public var a1: String { "\(CellAddress.columnName(column))\(row + 1)" }
    public var description: String { a1 }

    public static func < (l: CellAddress, r: CellAddress) -> Bool {
        l.row != r.row ? l.row < r.row : l.column < r.column
    }
}

/// A rectangle of cells, inclusive, 0-based.
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    public var first: CellAddress
    public var last: CellAddress

    public init(_ first: CellAddress, _ last: CellAddress) {
        self.first = CellAddress(row: min(first.row, last.row), column: min(first.column, last.column))
        self.last = CellAddress(row: max(first.row, last.row), column: max(first.column, last.column))
    }

    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.init(CellAddress(row: rows.lowerBound, column: columns.lowerBound),
                  CellAddress(row: rows.upperBound, column: columns.upperBound))
    }

    /// "A1:C3" or "B7".
    public init(_ a1: String) throws(SpreadsheetError) {
        let parts = a1.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else {
            throw SpreadsheetError(.invalidReference, "«\(a1)» không phải là vùng ô (ví dụ: A1:C3).")
        }
        let a = try CellAddress(String(parts[0]))
        let b = parts.count == 2 ? try CellAddress(String(parts[1])) : a
        self.init(a, b)
    }

    public var a1: String { first == last ? first.a1 : "\(first.a1):\(last.a1)" }
    public var description: String { a1 }
    public var rowCount: Int { last.row - first.row + 1 }
    public var columnCount: Int { last.column - first.column + 1 }

    public func contains(_ a: CellAddress) -> Bool {
        a.row >= first.row && a.row <= last.row && a.column >= first.column && a.column <= last.column
    }

    public func intersects(_ o: CellRange) -> Bool {
        !(o.last.row < first.row || o.first.row > last.row || o.last.column < first.column || o.first.column > last.column)
    }
}

// MARK: - Values

/// A formula in Excel's A1 syntax ("SUM(B2:B9)"), with its result when known. Writers put the
/// result in the file as the cached value; with no result, the cell carries none and the
/// workbook asks the reader to recalculate. A result is never invented.
public struct CellFormula: Sendable, Hashable {
    public var expression: String
    public var result: CellResult?

    public init(_ expression: String, result: CellResult? = nil) {
        self.expression = expression.hasPrefix("=") ? String(expression.dropFirst()) : expression
        self.result = result
    }
}

/// A formula's computed result.
public enum CellResult: Sendable, Hashable {
    case number(Double)
    case text(String)
    case bool(Bool)
    /// An error value as Excel writes it: "#DIV/0!", "#N/A", …
    case error(String)
}

/// What a cell holds. Text is always written as text — never as a formula, whatever it looks
/// like; only `.formula` makes a formula.
public enum CellValue: Sendable, Hashable {
    case empty
    case text(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case date(CivilDate)
    case formula(CellFormula)
}

extension CellValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// A cell: a value and a style (from `StyleTable.register`).
public struct Cell: Sendable, Hashable {
    public var value: CellValue
    public var style: StyleID

    public init(_ value: CellValue, style: StyleID = .default) {
        self.value = value
        self.style = style
    }

    public static let empty = Cell(.empty)
}

// MARK: - Styles

/// An sRGB colour.
public struct Color: Sendable, Hashable {
    public var red: UInt8, green: UInt8, blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// "1F4E79" or "#1F4E79".
    public init?(hex: String) {
        let h = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard h.utf8.count == 6, let v = UInt32(h, radix: 16) else { return nil }
        self.init(red: UInt8(v >> 16), green: UInt8((v >> 8) & 0xFF), blue: UInt8(v & 0xFF))
    }

    /// "1F4E79".
    public var hex: String {
        let digits = Array("0123456789ABCDEF".utf8)
        let bytes = [red >> 4, red & 15, green >> 4, green & 15, blue >> 4, blue & 15].map { digits[Int($0)] }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 255, green: 255, blue: 255)
    /// The light grey-blue of header rows in tally tables.
    public static let headerFill = Color(red: 0xDD, green: 0xEB, blue: 0xF7)
}

public enum Underline: Sendable, Hashable { case none, single, double }

public struct Font: Sendable, Hashable {
    public var name: String
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    public var underline: Underline
    public var strike: Bool
    public var color: Color?

    /// Times New Roman (the decree's font) at `size` points.
    public init(name: String = "Times New Roman", size: Double = 12, bold: Bool = false, italic: Bool = false,
                underline: Underline = .none, strike: Bool = false, color: Color? = nil) {
        self.name = name
        self.size = size
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.strike = strike
        self.color = color
    }
}

public enum BorderLine: Sendable, Hashable { case thin, medium, thick, double, dotted, dashed, hair }

public struct Border: Sendable, Hashable {
    public var line: BorderLine
    public var color: Color

    public init(_ line: BorderLine = .thin, color: Color = .black) {
        self.line = line
        self.color = color
    }
}

public struct Borders: Sendable, Hashable {
    public var left: Border?, right: Border?, top: Border?, bottom: Border?

    public init(left: Border? = nil, right: Border? = nil, top: Border? = nil, bottom: Border? = nil) {
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
    }

    /// The same border on all four sides.
    public static func all(_ line: BorderLine = .thin, color: Color = .black) -> Borders {
        let b = Border(line, color: color)
        return Borders(left: b, right: b, top: b, bottom: b)
    }

    public static let none = Borders()
    public var isEmpty: Bool { left == nil && right == nil && top == nil && bottom == nil }
}

public enum HorizontalAlignment: Sendable, Hashable { case general, left, center, right, justify, fill, centerAcrossSelection }
public enum VerticalAlignment: Sendable, Hashable { case bottom, center, top, justify }

public struct Alignment: Sendable, Hashable {
    public var horizontal: HorizontalAlignment
    public var vertical: VerticalAlignment
    public var wrap: Bool
    /// Indent level (each level ≈ 3 characters in Excel, 0.353 cm in ODS as LibreOffice maps it).
    public var indent: Int
    /// Text rotation in degrees, −90…90 (0 = horizontal).
    public var rotation: Int

    public init(horizontal: HorizontalAlignment = .general, vertical: VerticalAlignment = .bottom, wrap: Bool = false,
                indent: Int = 0, rotation: Int = 0) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.wrap = wrap
        self.indent = indent
        self.rotation = rotation
    }
}

/// A number format: the built-in ones by meaning, or a custom Excel format code.
public enum NumberFormat: Sendable, Hashable {
    case general
    /// "0"
    case integer
    /// "#,##0" (shown "1.234" in a Vietnamese locale).
    case thousands
    /// "#,##0.00"
    case thousandsDecimal2
    /// "0.00"
    case decimal2
    /// "0%"
    case percent
    /// "0.00%"
    case percentDecimal2
    /// "dd/mm/yyyy" — the Vietnamese date form.
    case date
    /// "@" — text.
    case text
    /// Any Excel format code ("#,##0 \"đồng\"", "0.0").
    case custom(String)

    /// The Excel format code.
    public var code: String {
        switch self {
        case .general: return "General"
        case .integer: return "0"
        case .thousands: return "#,##0"
        case .thousandsDecimal2: return "#,##0.00"
        case .decimal2: return "0.00"
        case .percent: return "0%"
        case .percentDecimal2: return "0.00%"
        case .date: return "dd/mm/yyyy"
        case .text: return "@"
        case .custom(let c): return c
        }
    }

    /// The built-in XLSX number format id, when there is one.
    var builtinID: Int? {
        switch self {
        case .general: return 0
        case .integer: return 1
        case .decimal2: return 2
        case .thousands: return 3
        case .thousandsDecimal2: return 4
        case .percent: return 9
        case .percentDecimal2: return 10
        case .text: return 49
        default: return nil
        }
    }

    var isDate: Bool {
        if case .date = self { return true }
        if case .custom(let c) = self {
            // A date/time code: d, m, y, h, s outside quotes and brackets.
            var inQuote = false, inBracket = false
            for ch in c.lowercased() {
                if ch == "\"" { inQuote.toggle(); continue }
                if inQuote { continue }
                if ch == "[" { inBracket = true; continue }
                if ch == "]" { inBracket = false; continue }
                if !inBracket && "dmyhs".contains(ch) { return true }
            }
        }
        return false
    }
}

/// Everything a cell's look is made of. Equal styles are stored once (`StyleTable`).
public struct CellStyle: Sendable, Hashable {
    public var font: Font
    public var fill: Color?
    public var borders: Borders
    public var alignment: Alignment
    public var numberFormat: NumberFormat

    public init(font: Font = Font(), fill: Color? = nil, borders: Borders = .none, alignment: Alignment = Alignment(),
                numberFormat: NumberFormat = .general) {
        self.font = font
        self.fill = fill
        self.borders = borders
        self.alignment = alignment
        self.numberFormat = numberFormat
    }

    /// The default: Times New Roman 12, no border.
    public static let standard = CellStyle()
}

/// A registered style: an index into the workbook's style table.
public struct StyleID: Sendable, Hashable {
    public let index: Int
    init(_ index: Int) { self.index = index }
    public static let `default` = StyleID(0)
}

/// Deduplicates styles: a million cells with three styles make three style records.
public struct StyleTable: Sendable {
    public private(set) var styles: [CellStyle]
    private var index: [CellStyle: Int]

    public init(defaultStyle: CellStyle = .standard) {
        styles = [defaultStyle]
        index = [defaultStyle: 0]
    }

    public mutating func register(_ style: CellStyle) -> StyleID {
        if let i = index[style] { return StyleID(i) }
        styles.append(style)
        index[style] = styles.count - 1
        return StyleID(styles.count - 1)
    }

    public subscript(id: StyleID) -> CellStyle { styles[id.index] }
    public var count: Int { styles.count }
}

// MARK: - Sheet setup

public enum Orientation: Sendable, Hashable { case portrait, landscape }

public enum PaperSize: Sendable, Hashable {
    case a4, a3, letter

    var xlsxCode: Int {
        switch self {
        case .a4: return 9
        case .a3: return 8
        case .letter: return 1
        }
    }

    /// Width × height in millimetres (portrait).
    var millimetres: (Double, Double) {
        switch self {
        case .a4: return (210, 297)
        case .a3: return (297, 420)
        case .letter: return (215.9, 279.4)
        }
    }
}

/// Page margins in millimetres.
public struct Margins: Sendable, Hashable {
    public var left: Double, right: Double, top: Double, bottom: Double, header: Double, footer: Double

    public init(left: Double = 20, right: Double = 15, top: Double = 20, bottom: Double = 20,
                header: Double = 8, footer: Double = 8) {
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
        self.header = header
        self.footer = footer
    }
}

/// Page header/footer text with fields. Sections left/centre/right; fields are written in the
/// text as `&[Trang]` (page number), `&[Số trang]` (page count), `&[Trang tính]` (sheet name),
/// `&[Tệp]` (file name).
public struct HeaderFooter: Sendable, Hashable {
    public var left: String, center: String, right: String

    public init(left: String = "", center: String = "", right: String = "") {
        self.left = left
        self.center = center
        self.right = right
    }

    public var isEmpty: Bool { left.isEmpty && center.isEmpty && right.isEmpty }

    /// "Trang 1/3" in the centre.
    public static let pageNumbers = HeaderFooter(center: "Trang &[Trang]/&[Số trang]")
}

public struct PrintSetup: Sendable, Hashable {
    public var paper: PaperSize
    public var orientation: Orientation
    public var margins: Margins
    /// Fit the printout to this many pages across (nil: natural size).
    public var fitToWidth: Int?
    /// …and this many pages down (nil or 0: as many as needed).
    public var fitToHeight: Int?
    /// Rows repeated at the top of every printed page (0-based, inclusive).
    public var repeatRows: ClosedRange<Int>?
    /// Columns repeated at the left of every printed page.
    public var repeatColumns: ClosedRange<Int>?
    public var centerHorizontally: Bool
    public var header: HeaderFooter
    public var footer: HeaderFooter
    /// Print area (nil: the used range).
    public var area: CellRange?

    public init(paper: PaperSize = .a4, orientation: Orientation = .portrait, margins: Margins = Margins(),
                fitToWidth: Int? = nil, fitToHeight: Int? = nil, repeatRows: ClosedRange<Int>? = nil,
                repeatColumns: ClosedRange<Int>? = nil, centerHorizontally: Bool = false,
                header: HeaderFooter = HeaderFooter(), footer: HeaderFooter = HeaderFooter(), area: CellRange? = nil) {
        self.paper = paper
        self.orientation = orientation
        self.margins = margins
        self.fitToWidth = fitToWidth
        self.fitToHeight = fitToHeight
        self.repeatRows = repeatRows
        self.repeatColumns = repeatColumns
        self.centerHorizontally = centerHorizontally
        self.header = header
        self.footer = footer
        self.area = area
    }
}

/// Width and visibility of a column (or of a run of columns).
public struct SheetColumn: Sendable, Hashable {
    /// Width in points (1/72 inch). nil: the default width.
    public var width: Double?
    public var hidden: Bool
    /// The style of empty cells in the column.
    public var style: StyleID?

    public init(width: Double? = nil, hidden: Bool = false, style: StyleID? = nil) {
        self.width = width
        self.hidden = hidden
        self.style = style
    }

    /// A width given in characters of "0" as Excel shows it (Times New Roman 12: 1 char ≈ 6 pt).
    public static func characters(_ n: Double) -> SheetColumn { SheetColumn(width: n * 6 + 3.75) }
}

/// Options of a row.
public struct RowOptions: Sendable, Hashable {
    /// Height in points (nil: automatic).
    public var height: Double?
    public var hidden: Bool

    public init(height: Double? = nil, hidden: Bool = false) {
        self.height = height
        self.hidden = hidden
    }

    public static let automatic = RowOptions()
}

/// A name for a range or a constant ("DanhSach" = 'Danh sách'!$A$1:$F$200).
public struct DefinedName: Sendable, Hashable {
    public var name: String
    /// Sheet that owns the range.
    public var sheet: String
    public var range: CellRange
    /// Visible only on that sheet.
    public var localToSheet: Bool

    public init(_ name: String, sheet: String, range: CellRange, localToSheet: Bool = false) {
        self.name = name
        self.sheet = sheet
        self.range = range
        self.localToSheet = localToSheet
    }
}

/// Everything about a sheet that is not its cells. Columns, merges, panes and print setup
/// come first (a streaming writer needs them before the rows it writes).
public struct SheetSetup: Sendable, Hashable {
    /// Column specs from column 0 on; missing ones use the default width.
    public var columns: [SheetColumn]
    /// Default width of other columns, in points.
    public var defaultColumnWidth: Double?
    /// Freeze the rows above and the columns left of this cell (e.g. B2: row 1 and column A).
    public var freeze: CellAddress?
    public var autoFilter: CellRange?
    public var merges: [CellRange]
    public var print: PrintSetup
    public var tabColor: Color?
    public var showGridLines: Bool
    /// Measure text as rows are written and size the declared columns (`columns`) that have
    /// no width to fit their widest text (Times New Roman's real character widths).
    public var autofit: Bool
    /// Charts drawn on this sheet (declared up front: ODS places shapes before the rows).
    public var charts: [Chart] = []

    public init(columns: [SheetColumn] = [], defaultColumnWidth: Double? = nil, freeze: CellAddress? = nil,
                autoFilter: CellRange? = nil, merges: [CellRange] = [], print: PrintSetup = PrintSetup(),
                tabColor: Color? = nil, showGridLines: Bool = true, autofit: Bool = false) {
        self.columns = columns
        self.defaultColumnWidth = defaultColumnWidth
        self.freeze = freeze
        self.autoFilter = autoFilter
        self.merges = merges
        self.print = print
        self.tabColor = tabColor
        self.showGridLines = showGridLines
        self.autofit = autofit
    }
}

// MARK: - Sheet names

public enum SheetName {
    /// Checks a sheet name: not blank, ≤ 31 characters, none of `[ ] : * ? / \`, no leading
    /// or trailing apostrophe, not "History" (reserved by Excel).
    public static func validate(_ name: String) throws(SpreadsheetError) {
        let n = name.count
        if name.trimmingCharacters(in: " ").isEmpty {
            throw SpreadsheetError(.invalidSheetName, "Tên trang tính không được để trống.")
        }
        if n > SheetLimits.sheetNameLength {
            throw SpreadsheetError(.invalidSheetName, "Tên trang tính «\(name)» dài \(n) ký tự; tối đa \(SheetLimits.sheetNameLength) ký tự. Hãy rút gọn tên.")
        }
        if let bad = name.first(where: { "[]:*?/\\".contains($0) }) {
            throw SpreadsheetError(.invalidSheetName, "Tên trang tính «\(name)» có ký tự «\(bad)» không được phép (không dùng [ ] : * ? / \\).")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            throw SpreadsheetError(.invalidSheetName, "Tên trang tính «\(name)» không được bắt đầu hay kết thúc bằng dấu nháy đơn (').")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw SpreadsheetError(.invalidSheetName, "Tên trang tính «\(name)» có ký tự điều khiển.")
        }
        if name.lowercased() == "history" {
            throw SpreadsheetError(.invalidSheetName, "«History» là tên dành riêng của Excel; hãy chọn tên khác.")
        }
    }

    /// Case-insensitive key for uniqueness (Excel compares sheet names ignoring case).
    static func key(_ name: String) -> String { Vietnamese.nfc(name).lowercased() }
}

extension String {
    func trimmingCharacters(in set: String) -> Substring {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}

extension Cell: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self.init(.text(value)) }
    public init(integerLiteral value: Int) { self.init(.integer(value)) }
    public init(floatLiteral value: Double) { self.init(.number(value)) }

    /// Unstyled cells, for short literals: `[.text("x"), .integer(2)]`.
    public static func text(_ s: String) -> Cell { Cell(.text(s)) }
    public static func integer(_ v: Int) -> Cell { Cell(.integer(v)) }
    public static func number(_ v: Double) -> Cell { Cell(.number(v)) }
    public static func bool(_ v: Bool) -> Cell { Cell(.bool(v)) }
    public static func date(_ v: CivilDate) -> Cell { Cell(.date(v)) }
    public static func formula(_ f: CellFormula) -> Cell { Cell(.formula(f)) }
}
