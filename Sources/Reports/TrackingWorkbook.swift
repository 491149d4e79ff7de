import Domain
import OfficePackage
import Spreadsheet
import Vietnamese

/// The tracking table of a coordination programme as a small workbook (XLSX or ODS by the
/// extension): per deliverable and quarter, planned and delivered episodes and the rate, the
/// totals and rates as real formulas with their cached values.
public enum TrackingWorkbook {
    public static func write(_ programme: Programme, rows: [DocumentValues.TrackingRow], data: ProvinceData,
                             to path: String) throws {
        let props = DocumentProperties(title: "Theo dõi thực hiện chương trình phối hợp", creator: "tdkt")
        let wb = try WorkbookWriter(path: path, properties: props)
        let title = wb.style(CellStyle(font: Font(size: 14, bold: true), alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        let subtitle = wb.style(CellStyle(font: Font(size: 12, italic: true), alignment: Alignment(horizontal: .center)))
        let header = wb.style(CellStyle(font: Font(size: 12, bold: true), fill: .headerFill, borders: .all(),
                                        alignment: Alignment(horizontal: .center, vertical: .center, wrap: true)))
        let text = wb.style(CellStyle(font: Font(size: 12), borders: .all(), alignment: Alignment(vertical: .center, wrap: true)))
        let centred = wb.style(CellStyle(font: Font(size: 12), borders: .all(), alignment: Alignment(horizontal: .center, vertical: .center)))
        let number = wb.style(CellStyle(font: Font(size: 12), borders: .all(), alignment: Alignment(vertical: .center), numberFormat: .thousands))
        let percent = wb.style(CellStyle(font: Font(size: 12), borders: .all(), alignment: Alignment(vertical: .center), numberFormat: .custom("0.0%")))
        let boldText = wb.style(CellStyle(font: Font(size: 12, bold: true), borders: .all(), alignment: Alignment(vertical: .center, wrap: true)))
        let boldNumber = wb.style(CellStyle(font: Font(size: 12, bold: true), borders: .all(), numberFormat: .thousands))
        let boldPercent = wb.style(CellStyle(font: Font(size: 12, bold: true), borders: .all(), numberFormat: .custom("0.0%")))

        let columns = 6
        var setup = SheetSetup(columns: [.characters(44), .characters(26), .characters(14), .characters(12), .characters(12), .characters(11)],
                               freeze: CellAddress(row: 4, column: 1))
        setup.print.orientation = .landscape
        setup.print.fitToWidth = 1
        setup.print.fitToHeight = 0
        setup.print.repeatRows = 3...3
        setup.print.centerHorizontally = true
        setup.print.footer = .pageNumbers
        var sheet = SheetBuffer(name: "Theo dõi", setup: setup)
        sheet.set(0, 0, .text("THEO DÕI THỰC HIỆN CHƯƠNG TRÌNH PHỐI HỢP"), style: title)
        sheet.merge(CellRange(rows: 0...0, columns: 0...(columns - 1)))
        sheet.setRow(0, options: RowOptions(height: 22))
        sheet.set(1, 0, .text("«\(programme.name)»"), style: subtitle)
        sheet.merge(CellRange(rows: 1...1, columns: 0...(columns - 1)))
        sheet.setRow(1, options: RowOptions(height: 34))
        let basis = (programme.number.map { "Chương trình số \($0)" } ?? "Chương trình") + (programme.signedOn.map { " ký \($0.formatted(.official))" } ?? "")
        sheet.set(2, 0, .text(basis), style: subtitle)
        sheet.merge(CellRange(rows: 2...2, columns: 0...(columns - 1)))
        let headers = ["Sản phẩm", "Bên thực hiện", "Quý", "Kế hoạch (kỳ)", "Đã thực hiện (kỳ)", "Tỷ lệ"]
        for (c, h) in headers.enumerated() { sheet.set(3, c, .text(h), style: header) }
        sheet.setRow(3, options: RowOptions(height: 32))

        var r = 4
        var firstOfGroup = r
        var totalRows: [Int] = []
        for row in rows {
            if row.isTotal {
                sheet.set(r, 0, .text("Cộng: \(row.deliverable)"), style: boldText)
                sheet.set(r, 1, .text(row.party), style: boldText)
                sheet.set(r, 2, .text(""), style: boldText)
                let range = "\(CellAddress.columnName(3))\(firstOfGroup + 1):\(CellAddress.columnName(3))\(r)"
                let range2 = "\(CellAddress.columnName(4))\(firstOfGroup + 1):\(CellAddress.columnName(4))\(r)"
                sheet.set(r, 3, .formula(CellFormula("SUM(\(range))")), style: boldNumber)
                sheet.set(r, 4, .formula(CellFormula("SUM(\(range2))")), style: boldNumber)
                sheet.set(r, 5, .formula(CellFormula("IF(D\(r + 1)>0,E\(r + 1)/D\(r + 1),\"\")")), style: boldPercent)
                totalRows.append(r)
                r += 1
                firstOfGroup = r
            } else {
                sheet.set(r, 0, .text(row.deliverable), style: text)
                sheet.set(r, 1, .text(row.party), style: text)
                sheet.set(r, 2, .text(row.quarter), style: centred)
                sheet.set(r, 3, .integer(row.planned), style: number)
                sheet.set(r, 4, .integer(row.delivered), style: number)
                sheet.set(r, 5, .formula(CellFormula("IF(D\(r + 1)>0,E\(r + 1)/D\(r + 1),\"\")")), style: percent)
                r += 1
            }
        }
        if !totalRows.isEmpty {
            sheet.set(r, 0, .text("TỔNG CỘNG"), style: boldText)
            sheet.set(r, 1, .text(""), style: boldText)
            sheet.set(r, 2, .text(""), style: boldText)
            for c in [3, 4] {
                let col = CellAddress.columnName(c)
                let terms = totalRows.map { "\(col)\($0 + 1)" }.joined(separator: "+")
                sheet.set(r, c, .formula(CellFormula(terms)), style: boldNumber)
            }
            sheet.set(r, 5, .formula(CellFormula("IF(D\(r + 1)>0,E\(r + 1)/D\(r + 1),\"\")")), style: boldPercent)
            r += 1
        }
        sheet.set(r + 1, 0, .text("Kế hoạch theo tuần = số thứ Hai trong quý × số kỳ mỗi tuần. Số liệu thực hiện: thuc-hien-phoi-hop.csv."),
                  style: wb.style(CellStyle(font: Font(size: 11, italic: true))))
        try wb.write(sheet)
        try wb.close()
    }
}
