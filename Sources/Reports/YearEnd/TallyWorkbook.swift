import Domain
import OfficePackage
import Spreadsheet
import Vietnamese

/// Bảng tổng hợp thi đua, khen thưởng cuối năm: one workbook, XLSX or ODS (by the extension),
/// with the same content in both formats:
///
/// - `Tổng hợp` — units × titles and form families by level (`Aggregations.unitForms`, units
///   rolled up to sở, ngành, huyện) with SUM formulas for the level totals, Tổng số and the
///   Tổng cộng row;
/// - `Biểu đồ` — a native bar chart of awards by unit and a pie of awards by level, drawn from
///   the summary's cells;
/// - `T1` … `T5` — the practical tables of §8.2 (`Aggregations.t1` … `t5`);
/// - `Biểu 0601` … `Biểu 0603` — the forms of Thông tư 02/2023/TT-BNV with their header block,
///   Mã số column, column-number row and signature block;
/// - `Chấm điểm <cụm>` — each cụm/khối's scores by criteria group, total, rank and the proposed
///   Cờ thi đua / Bằng khen (`Aggregations.clusterRankings`, notes of `t4`);
/// - `Danh sách cá nhân` — individual awards of the year sorted the Vietnamese way (tên, đệm,
///   họ: `VietnameseCollation`);
/// - `Kiểm tra quy tắc` — the violations of `RuleChecker` for the year;
/// - `So sánh năm` — year Y against Y−1 with the change and its percentage as formulas.
///
/// Every figure is the aggregation's value; cells whose provenance is a formula (`.linear`,
/// `.ratio`) are written as formulas with that value cached. Headers are merged on several
/// levels, panes frozen under them, and every sheet prints on A4 landscape, fitted to the page
/// width, with its header rows repeated. Rows are streamed: the individual list of a
/// 100,000-award province is written without holding its XML in memory.
public enum TallyWorkbook {
    /// The sheets' names, in order, for a data set (cluster sheets by cluster code).
    public static func sheetNames(_ data: ProvinceData, year: Int) -> [String] {
        var names = [Names.summary, Names.charts, Names.t1, Names.t2, Names.t3, Names.t4, Names.t5, Names.f0601, Names.f0602, Names.f0603]
        for r in Aggregations.clusterRankings(data, year: year) { names.append(Names.cluster(data.clusters[Int(r.cluster)].code)) }
        names += [Names.individuals, Names.rules, Names.yearOverYear]
        return names
    }

    /// Writes the workbook of `year` to `path` (.xlsx or .ods); nothing appears at `path`
    /// unless the whole workbook is written.
    public static func write(_ data: ProvinceData, year: Int, to path: String) throws {
        let index = DomainIndex(data)
        let province = data.settings.provinceName ?? ""
        let properties = DocumentProperties(
            title: "Tổng hợp thi đua, khen thưởng năm \(year)",
            subject: "Bảng tổng hợp kết quả thi đua, khen thưởng năm \(year) và biểu thống kê theo Thông tư 02/2023/TT-BNV",
            creator: province.isEmpty ? nil : "UBND tỉnh \(province)", keywords: "thi đua, khen thưởng, \(year)",
            category: "Báo cáo tổng kết")
        var options = WorkbookOptions()
        options.computeFormulaResults = false
        let writer = try WorkbookWriter(path: path, properties: properties, options: options,
                                        defaultStyle: CellStyle(font: Font(size: 11)))
        do {
            let styles = TallyStyles(writer)
            let ctx = TallyContext(data: data, year: year, index: index, styles: styles, writer: writer)
            try ctx.writeAll()
            try writer.close()
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Sheet names.
    public enum Names {
        public static let summary = "Tổng hợp"
        public static let charts = "Biểu đồ"
        public static let t1 = "T1 Danh hiệu"
        public static let t2 = "T2 Theo cấp"
        public static let t3 = "T3 Theo loại hình"
        public static let t4 = "T4 Cụm, khối"
        public static let t5 = "T5 Tuyên truyền"
        public static let f0601 = "Biểu 0601"
        public static let f0602 = "Biểu 0602"
        public static let f0603 = "Biểu 0603"
        public static let individuals = "Danh sách cá nhân"
        public static let rules = "Kiểm tra quy tắc"
        public static let yearOverYear = "So sánh năm"
        public static func cluster(_ code: String) -> String { String("Chấm điểm \(code)".prefix(31)) }
    }

    /// The rollup depth of the summary sheet (1: UBND tỉnh, sở, ngành, huyện).
    public static let summaryRollupDepth = 1

    /// The severity the rule sheet gives a rule: rules whose basis the reference leaves
    /// unconfirmed (R2, R5, R6, R11) are "Cần xem xét", the others "Vi phạm".
    public static func severity(_ rule: RuleID) -> String {
        switch rule {
        case .r2, .r5, .r6, .r11: return "Cần xem xét"
        default: return "Vi phạm"
        }
    }
}

/// The styles of the workbook, registered once.
struct TallyStyles {
    let title, subtitle, formLeft, formLeftBold, formRight, header, code, text, textBold, center, centerBold: StyleID
    let integer, integerBold, score, scoreBold, percent, percentBold, change, changeBold, note, signTitle, signNote: StyleID
    let group, date: StyleID

    init(_ w: WorkbookWriter) {
        let border = Borders.all(.thin)
        let body = Font(size: 11)
        let bold = Font(size: 11, bold: true)
        func s(_ font: Font = body, fill: Color? = nil, borders: Borders = border, h: HorizontalAlignment = .general,
               v: VerticalAlignment = .center, wrap: Bool = false, format: NumberFormat = .general) -> StyleID {
            w.style(CellStyle(font: font, fill: fill, borders: borders,
                              alignment: Alignment(horizontal: h, vertical: v, wrap: wrap), numberFormat: format))
        }
        title = s(Font(size: 13, bold: true), borders: .none, h: .center, wrap: true)
        subtitle = s(Font(size: 11, italic: true), borders: .none, h: .center, wrap: true)
        formLeft = s(Font(size: 10), borders: .none, h: .left)
        formLeftBold = s(Font(size: 10, bold: true), borders: .none, h: .left)
        formRight = s(Font(size: 10), borders: .none, h: .left)
        header = s(bold, fill: Color.headerFill, h: .center, wrap: true)
        code = s(Font(size: 10, italic: true), h: .center)
        text = s(wrap: true)
        textBold = s(bold, wrap: true)
        center = s(h: .center)
        centerBold = s(bold, h: .center)
        let thousands = NumberFormat.custom("#,##0")
        integer = s(format: thousands)
        integerBold = s(bold, format: thousands)
        let points = NumberFormat.custom("#,##0.0#")
        score = s(format: points)
        scoreBold = s(bold, format: points)
        let pct = NumberFormat.custom("0.0%")
        percent = s(h: .right, format: pct)
        percentBold = s(bold, h: .right, format: pct)
        let sign = NumberFormat.custom("+#,##0;-#,##0;0")
        change = s(format: sign)
        changeBold = s(bold, format: sign)
        note = s(Font(size: 10, italic: true), borders: .none, h: .left)
        signTitle = s(bold, borders: .none, h: .center)
        signNote = s(Font(size: 11, italic: true), borders: .none, h: .center)
        group = s(bold, fill: Color(red: 0xF2, green: 0xF2, blue: 0xF2), h: .left)
        date = s(h: .center, format: .date)
    }
}

/// A4 landscape, fitted to the page width, header rows repeated, page numbers in the footer.
func landscape(repeatRows: ClosedRange<Int>?, area: CellRange? = nil) -> PrintSetup {
    PrintSetup(paper: .a4, orientation: .landscape,
               margins: Margins(left: 15, right: 10, top: 15, bottom: 15, header: 6, footer: 6),
               fitToWidth: 1, fitToHeight: 0, repeatRows: repeatRows, centerHorizontally: true,
               footer: HeaderFooter.pageNumbers, area: area)
}

/// Width in points of `n` characters of Times New Roman 11.
func chars(_ n: Double) -> SheetColumn { SheetColumn(width: n * 5.6 + 4) }
