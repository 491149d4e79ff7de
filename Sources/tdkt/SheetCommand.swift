import ArgumentParser
import Ingest
import OfficePackage
import OfficeZip
import Spreadsheet
import Vietnamese

/// `tdkt sheet`: a CSV export turned into a formatted table (XLSX or ODS).
struct SheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheet",
        abstract: "Chuyển tệp CSV thành bảng tính XLSX hoặc ODS đã định dạng.",
        discussion: """
        Dòng tiêu đề in đậm có viền và nền, mọi ô có viền, số ghi thành số, ngày thành ngày, \
        cột rộng vừa chữ (đo theo Times New Roman), cố định dòng tiêu đề, trang in A4 lặp lại dòng tiêu đề. \
        Định dạng theo đuôi tệp ra (.xlsx hoặc .ods). Tệp CSV có lỗi thì không ghi gì.
        """
    )

    @Argument(help: ArgumentHelp("Tệp CSV đầu vào.", valueName: "tệp-csv"))
    var input: String

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Tệp kết quả (.xlsx hoặc .ods).", valueName: "tệp-ra"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("Tên bảng in ở dòng đầu, gộp ô trên toàn bộ các cột.", valueName: "tiêu-đề"))
    var title: String?

    @Option(name: .long, help: ArgumentHelp("Tên trang tính (mặc định: tên tệp CSV, tối đa 31 ký tự).", valueName: "tên"))
    var sheetName: String?

    @Option(name: .long, help: ArgumentHelp("Hướng giấy: doc (dọc) hoặc ngang (mặc định: ngang khi có hơn 6 cột).", valueName: "doc|ngang"))
    var orientation: String?

    @OptionGroup var csv: CSVInputOptions

    mutating func run() throws {
        guard let format = SpreadsheetFormat(path: output) else {
            throw ValidationError("Tệp ra «\(output)» phải có đuôi .xlsx hoặc .ods.")
        }
        try OutputGuard.check(output: output, inputs: [input])
        let options = try csv.csvOptions()
        var chosenOrientation: Orientation?
        if let orientation {
            switch orientation.lowercased() {
            case "doc", "dọc", "portrait": chosenOrientation = .portrait
            case "ngang", "landscape": chosenOrientation = .landscape
            default: throw ValidationError("Hướng giấy «\(orientation)» không hợp lệ: dùng doc hoặc ngang.")
            }
        }
        let name = try Self.sheetName(sheetName, input: input)
        var properties = DocumentProperties()
        properties.title = title ?? name
        // A tally's sheet XML is cell markup repeated row after row: deflate level 3 costs less
        // than half of level 6 (W1, 100,000 rows: sheet1.xml 0.17 s instead of 0.36 s; W2's
        // content.xml 0.32 s instead of 0.77 s) for files 13 % (XLSX) and 29 % (ODS) larger, the
        // XLSX still under half of libxlsxwriter's (docs/benchmarks.md). As `tdkt list` does.
        var workbookOptions = WorkbookOptions()
        workbookOptions.compressionLevel = 3
        let workbook = try WorkbookWriter(path: output, format: format, properties: properties, options: workbookOptions)
        var sheet: SheetWriter?
        let styles = SheetStyles(workbook)
        var cells: [Cell] = []
        let title = self.title
        do {
            let summary = try CSVReader.read(path: input, options: options, header: { columns in
                let n = max(columns.count, 1)
                let headerRow = title == nil ? 0 : 2
                var setup = SheetSetup(columns: Array(repeating: SheetColumn(), count: n),
                                       freeze: CellAddress(row: headerRow + 1, column: 0),
                                       autoFilter: nil, autofit: true)
                setup.print = PrintSetup(orientation: chosenOrientation ?? (n > 6 ? .landscape : .portrait),
                                         fitToWidth: 1, fitToHeight: 0, repeatRows: headerRow...headerRow,
                                         centerHorizontally: true, footer: .pageNumbers)
                if title != nil, n > 1 {
                    setup.merges = [CellRange(rows: 0...0, columns: 0...(n - 1))]
                }
                let s = try workbook.addSheet(name, setup: setup)
                if let title {
                    try s.appendRow([Cell(.text(title), style: styles.title)], options: RowOptions(height: 24))
                    try s.appendRow([])
                }
                try s.appendRow(columns.map { Cell(.text($0.header), style: styles.header) })
                sheet = s
                cells = Array(repeating: Cell(.empty, style: styles.text), count: columns.count)
            }) { row in
                // The row's cells are overwritten in place (emptying and refilling the array
                // cost more than the assignments).
                if cells.count != row.count { cells = Array(repeating: Cell(.empty, style: styles.text), count: row.count) }
                for c in 0..<row.count {
                    switch row.value(c) {
                    case .empty: cells[c] = Cell(.empty, style: styles.text)
                    case .text(let s): cells[c] = Cell(.text(s), style: styles.text)
                    // Amounts get thousands separators; small integers (STT, years) do not.
                    case .integer(let i): cells[c] = Cell(.integer(i), style: i.magnitude >= 10_000 ? styles.thousands : styles.integer)
                    case .number(let d): cells[c] = Cell(.number(d), style: styles.number)
                    case .percent(let d): cells[c] = Cell(.number(d), style: styles.percent)
                    case .date(let d): cells[c] = Cell(.date(d), style: styles.date)
                    }
                }
                try sheet?.appendRow(cells)
            }
            try workbook.close()
            var line = "Đã ghi \(output): \(VietnameseNumber.format(summary.dataRows)) hàng, \(summary.columns.count) cột"
            if workbook.removedCharacterCount > 0 {
                line += "; bỏ \(VietnameseNumber.format(workbook.removedCharacterCount)) ký tự không hợp lệ trong XML"
            }
            print(line + ".")
            for warning in summary.warnings { writeStandardError("Cảnh báo: \(warning)\n") }
        } catch {
            workbook.discard()
            throw error
        }
    }

    /// The sheet name: given, or the file name without extension, cut to 31 characters and
    /// cleaned of characters sheet names cannot hold.
    static func sheetName(_ given: String?, input: String) throws -> String {
        if let given {
            do { try SheetName.validate(given) } catch { throw ValidationError(error.message) }
            return given
        }
        var base = input.split(separator: "/").last.map(String.init) ?? "Trang 1"
        if let dot = base.lastIndex(of: "."), dot > base.startIndex { base = String(base[..<dot]) }
        var name = String(base.map { "[]:*?/\\".contains($0) ? "_" : $0 })
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        if name.count > 31 { name = String(name.prefix(31)) }
        if (try? SheetName.validate(name)) == nil { name = "Trang 1" }
        return name
    }
}

/// The styles of a converted table.
struct SheetStyles {
    let title, header, text, integer, thousands, number, percent, date: StyleID

    init(_ wb: WorkbookWriter) {
        title = wb.style(CellStyle(font: Font(size: 14, bold: true), alignment: Alignment(horizontal: .center, vertical: .center)))
        header = wb.style(CellStyle(font: Font(bold: true), fill: .headerFill, borders: .all(),
                                    alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        text = wb.style(CellStyle(borders: .all(), alignment: Alignment(vertical: .center)))
        integer = wb.style(CellStyle(borders: .all(), alignment: Alignment(vertical: .center), numberFormat: .integer))
        thousands = wb.style(CellStyle(borders: .all(), alignment: Alignment(vertical: .center), numberFormat: .thousands))
        number = wb.style(CellStyle(borders: .all(), alignment: Alignment(vertical: .center), numberFormat: .custom("0.00")))
        percent = wb.style(CellStyle(borders: .all(), alignment: Alignment(vertical: .center), numberFormat: .percentDecimal2))
        date = wb.style(CellStyle(borders: .all(), alignment: Alignment(horizontal: .center, vertical: .center), numberFormat: .date))
    }
}
