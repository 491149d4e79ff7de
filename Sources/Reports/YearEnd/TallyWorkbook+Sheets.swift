import Domain
import Spreadsheet
import Vietnamese

/// One workbook being written: the data, the year, the aggregations computed once.
struct TallyContext {
    let data: ProvinceData
    let year: Int
    let index: DomainIndex
    let styles: TallyStyles
    let writer: WorkbookWriter
    let tables: [String: ResultTable]
    let rankings: [ClusterRanking]

    init(data: ProvinceData, year: Int, index: DomainIndex, styles: TallyStyles, writer: WorkbookWriter) {
        self.data = data
        self.year = year
        self.index = index
        self.styles = styles
        self.writer = writer
        let rankings = Aggregations.clusterRankings(data, year: year)
        self.rankings = rankings
        var t: [String: ResultTable] = [:]
        t["T1"] = Aggregations.t1(data, year: year, index: index)
        t["T2"] = Aggregations.t2(data, year: year, index: index)
        t["T3"] = Aggregations.t3(data, year: year, index: index)
        t["T4"] = Aggregations.t4(data, year: year, rankings: rankings)
        t["T5"] = Aggregations.t5(data, year: year, index: index)
        t["0601"] = Aggregations.form0601(data, year: year)
        t["0602"] = Aggregations.form0602(data, year: year, index: index)
        t["0603"] = Aggregations.form0603(data, year: year, index: index)
        t["TH"] = Aggregations.unitForms(data, year: year, rollupDepth: TallyWorkbook.summaryRollupDepth, index: index)
        t["T1-prev"] = Aggregations.t1(data, year: year - 1, index: index)
        tables = t
    }

    var province: String { data.settings.provinceName ?? "" }
    var reporter: String { province.isEmpty ? "Ủy ban nhân dân tỉnh" : "UBND tỉnh \(province)" }
    var annexLine: String {
        "(Kèm theo Báo cáo tổng kết công tác thi đua, khen thưởng năm \(year) của \(reporter))"
    }

    func writeAll() throws {
        try summarySheet()
        try chartSheet()
        try practicalSheet(TallyWorkbook.Names.t1, tables["T1"]!, label: 34)
        try practicalSheet(TallyWorkbook.Names.t2, tables["T2"]!, label: 44)
        try practicalSheet(TallyWorkbook.Names.t3, tables["T3"]!, label: 26)
        try practicalSheet(TallyWorkbook.Names.t4, tables["T4"]!, label: 30)
        try practicalSheet(TallyWorkbook.Names.t5, tables["T5"]!, label: 34)
        try formSheet(TallyWorkbook.Names.f0601, tables["0601"]!)
        try formSheet(TallyWorkbook.Names.f0602, tables["0602"]!)
        try formSheet(TallyWorkbook.Names.f0603, tables["0603"]!)
        for r in rankings { try clusterSheet(r) }
        try individualSheet()
        try ruleSheet()
        try yearOverYearSheet()
    }

    // MARK: T1–T5

    func practicalSheet(_ name: String, _ table: ResultTable, label: Double) throws {
        let w = widths(for: table, label: label)
        let h = header(for: table, widths: w)
        let titleRows = 3
        let headerRows = (titleRows)...(titleRows + h.rowCount - 1)
        let labelColumn = table.columns.firstIndex { $0.kind == .label } ?? 0
        var setup = SheetSetup(columns: w.map(chars), freeze: CellAddress(row: headerRows.upperBound + 1, column: labelColumn + 1),
                               print: landscape(repeatRows: headerRows))
        setup.showGridLines = false
        let sheet = try writer.addSheet(name, setup: setup)
        try writeTitle([(table.title, styles.title), (annexLine, styles.subtitle)], into: sheet, width: table.columns.count)
        try sheet.writeRow(sheet.nextRow, [])
        try writeTable(table, into: sheet, header: h, headerHeight: 30, widths: w)
        try writeNotes(table.notes, into: sheet)
        try sheet.finish()
    }

    // MARK: Forms 0601–0603

    /// A form of Thông tư 02/2023/TT-BNV: the header block (Biểu số, Ban hành theo, Ngày nhận
    /// báo cáo on the left; Đơn vị báo cáo, Đơn vị nhận báo cáo on the right), the title and
    /// Thời điểm báo cáo, the table with its A, B, C, 1, 2 … row (column 1 = Σ the others, a
    /// formula in every row), and the signatures.
    func formSheet(_ name: String, _ table: ResultTable) throws {
        var w = widths(for: table, label: 40)
        let many = table.columns.count > 12
        if many { for c in 4..<w.count { w[c] = 6.5 } }
        let numbers = table.columns.compactMap(\.number).filter { Int($0) != nil }
        let others = numbers.dropFirst()
        var codes = table.columns.map { $0.number ?? "" }
        if let total = table.columns.firstIndex(where: { $0.number == "1" }), let first = others.first, let last = others.last {
            codes[total] = others.count <= 4 ? "1=(" + others.joined(separator: "+") + ")" : "1=(\(first)+…+\(last))"
        }
        let h = header(for: table, codes: codes, widths: w)
        let top = 7
        let headerRows = top...(top + h.rowCount - 1)
        let n = table.columns.count
        // A form two pages wide keeps its header block, title and signatures on the first page.
        let firstPage = n > 24 ? 26 : n
        let mid = n > 24 ? 14 : max(2, n / 2)
        var setup = SheetSetup(columns: w.map(chars), freeze: CellAddress(row: headerRows.upperBound + 1, column: 3),
                               print: landscape(repeatRows: headerRows))
        if table.columns.count > 24 {
            // Biểu 0602 has a column per huân chương, huy chương and danh hiệu: two pages
            // across, Chỉ tiêu and Mã số repeated on the second.
            setup.print.fitToWidth = 2
            setup.print.repeatColumns = 0...2
        }
        setup.showGridLines = false
        let left = 0...(mid - 1), right = mid...(n - 1)
        for r in 0..<3 { setup.merges.append(CellRange(rows: r...r, columns: left)) }
        for r in 0..<2 { setup.merges.append(CellRange(rows: r...r, columns: right.lowerBound...(firstPage - 1))) }
        let sheet = try writer.addSheet(name, setup: setup)
        let headLines = Aggregations.formHeader(table.id)
        let rightLines = ["Đơn vị báo cáo: \(reporter)", "Đơn vị nhận báo cáo: Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)"]
        for r in 0..<3 {
            var cells = Array(repeating: Cell.empty, count: n)
            cells[0] = Cell(.text(headLines[r]), style: r == 0 ? styles.formLeftBold : styles.formLeft)
            if r < 2 { cells[mid] = Cell(.text(rightLines[r]), style: styles.formRight) }
            try sheet.writeRow(r, cells)
        }
        try sheet.writeRow(3, [])
        try writeTitle([(table.title, styles.title), (table.subtitle ?? "Thời điểm báo cáo: năm \(year)", styles.subtitle)],
                       into: sheet, width: firstPage)
        try sheet.writeRow(6, [])
        try writeTable(table, into: sheet, header: h, headerHeight: many ? 75 : 30, widths: w)
        try writeNotes(Array(table.notes.dropFirst(3)), into: sheet)
        try signatures(sheet, width: firstPage, mid: mid, left: "Người lập biểu", leftNote: "(Ký, họ tên)",
                       right: "Thủ trưởng đơn vị", rightNote: "(Ký, họ tên, đóng dấu)")
        try sheet.finish()
    }

    /// "…, ngày … tháng … năm …" and the two signature blocks under a form.
    func signatures(_ sheet: SheetWriter, width n: Int, mid: Int, left: String, leftNote: String, right: String,
                    rightNote: String) throws {
        try sheet.writeRow(sheet.nextRow, [])
        let place = province.isEmpty ? "…" : province
        let rows: [(String?, StyleID, String, StyleID)] = [
            (nil, styles.signNote, "\(place), ngày … tháng … năm …", styles.signNote),
            (left, styles.signTitle, right, styles.signTitle),
            (leftNote, styles.signNote, rightNote, styles.signNote),
        ]
        for (l, ls, r, rs) in rows {
            let row = sheet.nextRow
            try sheet.merge(CellRange(rows: row...row, columns: 0...(mid - 1)))
            try sheet.merge(CellRange(rows: row...row, columns: mid...(n - 1)))
            var cells = Array(repeating: Cell.empty, count: n)
            if let l { cells[0] = Cell(.text(l), style: ls) }
            cells[mid] = Cell(.text(r), style: rs)
            try sheet.writeRow(row, cells)
        }
    }

    // MARK: Summary

    /// Units × titles and forms by level with its formulas (`Aggregations.unitForms`).
    func summarySheet() throws {
        let table = tables["TH"]!
        let w = widths(for: table, label: 34)
        let h = header(for: table, widths: w)
        let titleRows = 3
        let headerRows = titleRows...(titleRows + h.rowCount - 1)
        var setup = SheetSetup(columns: w.map(chars), freeze: CellAddress(row: headerRows.upperBound + 1, column: 2),
                               print: landscape(repeatRows: headerRows))
        setup.showGridLines = false
        let sheet = try writer.addSheet(TallyWorkbook.Names.summary, setup: setup)
        try writeTitle([(table.title, styles.title), (annexLine, styles.subtitle)], into: sheet, width: table.columns.count)
        try sheet.writeRow(sheet.nextRow, [])
        try writeTable(table, into: sheet, header: h, headerHeight: 62, widths: w)
        try writeNotes(table.notes, into: sheet)
        try sheet.finish()
    }

    /// A bar chart of the units' totals and a pie of the three levels' totals, both drawn from
    /// the summary sheet's cells (with the values cached), side by side on one landscape page.
    func chartSheet() throws {
        let table = tables["TH"]!
        let h = header(for: table, widths: widths(for: table, label: 34))
        let headerRows = 3...(3 + h.rowCount - 1)
        let first = headerRows.upperBound + 1
        let units = table.rows.count - 1
        let totalRow = first + units
        let cTotal = table.column("tong_so")!
        let levelColumns = AwardLevel.allCases.map { table.column("tong:\($0.rawValue)")! }
        let source = TallyWorkbook.Names.summary
        func range(_ r0: Int, _ r1: Int, _ c0: Int, _ c1: Int) -> SheetRange {
            SheetRange(sheet: source, range: CellRange(rows: r0...r1, columns: c0...c1))
        }
        let top = 3, bottom = 34
        let unitNames = (0..<units).map { table.rows[$0].label }
        let unitTotals = (0..<units).map { table.cells[$0][cTotal].value.number ?? 0 }
        let bar = Chart(kind: .bar, title: "Số lượt khen thưởng năm \(year) theo đơn vị",
                        categories: range(first, totalRow - 1, 1, 1),
                        series: [ChartSeries(name: "Tổng số", values: range(first, totalRow - 1, cTotal, cTotal),
                                             color: Color(red: 0x2E, green: 0x75, blue: 0xB6), cachedValues: unitTotals)],
                        valueAxisTitle: "Lượt", legend: .none, dataLabels: true,
                        anchor: CellRange(rows: top...bottom, columns: 0...8), cachedCategories: unitNames)
        let levelRow = headerRows.lowerBound + 1
        let pie = Chart(kind: .pie, title: "Cơ cấu khen thưởng năm \(year) theo cấp",
                        categories: range(levelRow, levelRow, levelColumns.first!, levelColumns.last!),
                        series: [ChartSeries(name: "Tổng số", values: range(totalRow, totalRow, levelColumns.first!, levelColumns.last!),
                                             cachedValues: levelColumns.map { table.cells[units][$0].value.number ?? 0 })],
                        legend: .bottom, dataLabels: true,
                        anchor: CellRange(rows: top...(top + 20), columns: 9...13),
                        cachedCategories: AwardLevel.allCases.map(\.label))
        var setup = SheetSetup(columns: Array(repeating: SheetColumn(width: 60), count: 14),
                               print: landscape(repeatRows: nil, area: CellRange(rows: 0...bottom, columns: 0...13)))
        setup.showGridLines = false
        setup.charts = [bar, pie]
        let sheet = try writer.addSheet(TallyWorkbook.Names.charts, setup: setup)
        try writeTitle([("BIỂU ĐỒ KẾT QUẢ KHEN THƯỞNG NĂM \(year)", styles.title),
                        ("(Số liệu: trang «\(source)»)", styles.subtitle)], into: sheet, width: 14)
        try sheet.writeRow(bottom + 1, [])
        try sheet.finish()
    }

    // MARK: Clusters

    /// One cụm/khối: every member's weighted cluster score per criteria group, self score,
    /// cluster score (= Σ groups), bonus, penalty, total (= cluster + bonus − penalty), rank,
    /// proposal and the notes of T4, ranked; under it the proposals.
    func clusterSheet(_ ranking: ClusterRanking) throws {
        let cluster = data.clusters[Int(ranking.cluster)]
        guard let cy = cluster.year(ranking.year) else { return }
        let t4 = tables["T4"]!
        let groups = cy.groups
        var titles: [HeaderColumn] = [HeaderColumn("STT", width: chars(5).width), HeaderColumn("Đơn vị", width: chars(32).width)]
        titles.append(.group("Điểm cụm chấm theo nhóm tiêu chí",
                             groups.map { HeaderColumn("\($0.code). \($0.name) (tối đa \(VietnameseNumber.format($0.maxPoints, fractionDigits: 2, trimZeros: true)))", width: chars(16).width) }))
        let rest: [(String, Double)] = [("Điểm tự chấm", 9), ("Điểm cụm chấm", 9), ("Điểm cộng", 8), ("Điểm trừ", 8),
                                         ("Tổng điểm", 9), ("Xếp hạng", 7), ("Đề nghị", 12), ("Ghi chú", 30)]
        for (t, wdt) in rest { titles.append(HeaderColumn(t, width: chars(wdt).width)) }
        let h = MultiLevelHeader(titles)
        let n = h.columnCount
        let g0 = 2, gN = 2 + groups.count
        let cSelf = gN, cCluster = gN + 1, cBonus = gN + 2, cPenalty = gN + 3, cTotal = gN + 4, cRank = gN + 5
        let cProposal = gN + 6, cNote = gN + 7
        let titleRows = 4
        let headerRows = titleRows...(titleRows + h.rowCount - 1)
        var setup = SheetSetup(columns: h.sheetColumns, freeze: CellAddress(row: headerRows.upperBound + 1, column: 2),
                               print: landscape(repeatRows: headerRows))
        setup.showGridLines = false
        let sheet = try writer.addSheet(TallyWorkbook.Names.cluster(cluster.code), setup: setup)
        let kind = cluster.kind == .cum ? "cụm" : "khối"
        var lines: [(String, StyleID)] = [
            ("KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA NĂM \(year)", styles.title),
            ("\(cluster.name) (\(cy.members.count) đơn vị)", styles.title),
        ]
        var leaders: [String] = []
        if let l = cy.leader { leaders.append("\(kind.capitalizedFirst) trưởng: \(data.unitName(l))") }
        if !cy.deputies.isEmpty { leaders.append("\(kind.capitalizedFirst) phó: " + cy.deputies.map { data.unitName($0) }.joined(separator: ", ")) }
        lines.append((leaders.joined(separator: "; "), styles.subtitle))
        try writeTitle(lines, into: sheet, width: n)
        try sheet.writeRow(sheet.nextRow, [])
        try h.write(to: sheet, style: styles.header, codeStyle: styles.code, rowHeight: 60)
        let columnChars: [Double] = [5, 32] + groups.map { _ in 16.0 } + rest.map(\.1)
        for (k, st) in ranking.standings.enumerated() {
            let r = sheet.nextRow
            func a(_ c: Int) -> String { CellAddress(row: r, column: c).a1 }
            var cells = Array(repeating: Cell(.empty, style: styles.score), count: n)
            cells[0] = Cell(.integer(k + 1), style: styles.center)
            cells[1] = Cell(.text(data.unitName(st.unit)), style: styles.text)
            if let total = st.total {
                for (g, group) in groups.enumerated() {
                    cells[g0 + g] = Cell(.number(st.groupScores[group.code] ?? 0), style: styles.score)
                }
                cells[cSelf] = Cell(.number(st.selfScore), style: styles.score)
                cells[cCluster] = Cell(.formula(CellFormula("SUM(\(a(g0)):\(a(gN - 1)))", result: .number(st.clusterScore))),
                                       style: styles.score)
                cells[cBonus] = Cell(.number(st.bonus), style: styles.score)
                cells[cPenalty] = Cell(.number(st.penalty), style: styles.score)
                cells[cTotal] = Cell(.formula(CellFormula("\(a(cCluster))+\(a(cBonus))-\(a(cPenalty))", result: .number(total))),
                                     style: styles.scoreBold)
                cells[cRank] = Cell(.integer(st.rank ?? 0), style: styles.centerBold)
            }
            cells[cProposal] = Cell(st.proposal.map { .text($0.label) } ?? .empty, style: styles.center)
            let key = "don_vi:\(cluster.code):\(data.units[Int(st.unit)].code)"
            var note = ""
            if let row = t4.row(key), case .text(let t) = t4.cells[row][t4.column("ghi_chu")!].value { note = t }
            cells[cNote] = Cell(note.isEmpty ? .empty : .text(note), style: styles.text)
            try sheet.writeRow(r, cells, options: rowOptions(cells, widths: columnChars))
        }
        try sheet.writeRow(sheet.nextRow, [])
        let flags: [String] = ranking.standings.filter { $0.proposal == .flag }.map { data.unitName($0.unit) }
        let certificates: [String] = ranking.standings.filter { $0.proposal == .certificate }.map { data.unitName($0.unit) }
        let flagList: String = flags.isEmpty ? "không có" : flags.joined(separator: ", ")
        let certificateList: String = certificates.isEmpty ? "không có" : certificates.joined(separator: ", ")
        let proposals: [String] = [
            "Đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh (\(ranking.flags)): \(flagList).",
            "Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (\(ranking.certificates)): \(certificateList).",
        ]
        for p in proposals {
            let r = sheet.nextRow
            try sheet.merge(CellRange(rows: r...r, columns: 0...(n - 1)))
            try sheet.writeRow(r, [Cell(.text(p), style: styles.formLeftBold)])
        }
        try writeNotes(t4.notes, into: sheet)
        try sheet.finish()
    }

    // MARK: Individuals

    /// Individual awards of the year, sorted by name the Vietnamese way (tên, đệm, họ), then by
    /// unit order and catalogue order.
    func individualSheet() throws {
        let awards = index.awards(in: year).filter { data.subjects[Int(data.awards[Int($0)].subject)].kind == .individual }
        // One collation key per person, then a plain sort of (key, unit order, entry, row).
        var keyOf: [Int32: Int] = [:]
        var keys: [VietnameseSortKey] = []
        var order: [(key: Int, unit: Int32, entry: Int32, award: Int32)] = []
        order.reserveCapacity(awards.count)
        for a in awards {
            let award = data.awards[Int(a)]
            let k: Int
            if let known = keyOf[award.subject] {
                k = known
            } else {
                k = keys.count
                keys.append(VietnameseCollation.sortKey(data.subjects[Int(award.subject)].name))
                keyOf[award.subject] = k
            }
            order.append((k, index.unitRank[Int(award.unit)], award.entry, a))
        }
        // Rank the distinct keys once, so the big sort compares integers.
        let ranked = keys.indices.sorted { keys[$0] < keys[$1] }
        var rank = Array(repeating: 0, count: keys.count)
        for (r, k) in ranked.enumerated() {
            // Equal names (two people called the same) share a rank: unit order decides.
            rank[k] = r > 0 && !(keys[ranked[r - 1]] < keys[k]) ? rank[ranked[r - 1]] : r
        }
        order.sort { x, y in
            let rx = rank[x.key], ry = rank[y.key]
            if rx != ry { return rx < ry }
            if x.unit != y.unit { return x.unit < y.unit }
            if x.entry != y.entry { return x.entry < y.entry }
            return x.award < y.award
        }
        let sorted = order.map(\.award)
        var personByCode: [String: Int] = [:]
        personByCode.reserveCapacity(data.persons.count)
        for (i, p) in data.persons.enumerated() { personByCode[p.code] = i }
        let titles: [(String, Double)] = [("STT", 6), ("Họ và tên", 24), ("Mã cá nhân", 11), ("Giới tính", 7), ("Chức vụ", 28),
                                           ("Đơn vị", 44), ("Danh hiệu, hình thức", 40), ("Loại hình", 12),
                                           ("Số quyết định", 16), ("Ngày quyết định", 11)]
        let columnChars = titles.map(\.1)
        let h = MultiLevelHeader(titles.map { HeaderColumn($0.0, width: chars($0.1).width) })
        let titleRows = 3
        let headerRow = titleRows
        var setup = SheetSetup(columns: h.sheetColumns, freeze: CellAddress(row: headerRow + 1, column: 2),
                               autoFilter: CellRange(rows: headerRow...(headerRow + max(1, sorted.count)), columns: 0...(titles.count - 1)),
                               print: landscape(repeatRows: headerRow...headerRow))
        setup.showGridLines = false
        let sheet = try writer.addSheet(TallyWorkbook.Names.individuals, setup: setup)
        try writeTitle([("DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM \(year)", styles.title),
                        ("(Xếp theo tên, tên đệm, họ; \(VietnameseNumber.format(sorted.count)) lượt)", styles.subtitle)],
                       into: sheet, width: titles.count)
        try sheet.writeRow(sheet.nextRow, [])
        try h.write(to: sheet, style: styles.header, rowHeight: 30)
        var cells = Array(repeating: Cell.empty, count: titles.count)
        var row = sheet.nextRow
        for (k, a) in sorted.enumerated() {
            let award = data.awards[Int(a)]
            let subject = data.subjects[Int(award.subject)]
            let person = subject.code.flatMap { personByCode[$0] }.map { data.persons[$0] }
            cells[0] = Cell(.integer(k + 1), style: styles.center)
            cells[1] = Cell(.text(subject.name), style: styles.text)
            cells[2] = Cell(subject.code.map(CellValue.text) ?? .empty, style: styles.center)
            cells[3] = Cell(.text(award.female ? "Nữ" : "Nam"), style: styles.center)
            cells[4] = Cell(person?.position.map(CellValue.text) ?? .empty, style: styles.text)
            cells[5] = Cell(.text(data.unitName(award.unit)), style: styles.text)
            cells[6] = Cell(.text(data.entry(award).name), style: styles.text)
            cells[7] = Cell(.text(award.method.label), style: styles.center)
            cells[8] = Cell(data.text(award.decision).map(CellValue.text) ?? .empty, style: styles.center)
            cells[9] = Cell(award.decisionDate.map(CellValue.date) ?? .empty, style: styles.date)
            try sheet.writeRow(row, cells, options: rowOptions(cells, widths: columnChars))
            row += 1
        }
        try sheet.finish()
    }

    // MARK: Rules

    /// The violations of the year's rule check: rule, severity, year, unit, subject, message,
    /// legal basis, where in the data; then the awards no rule could check.
    func ruleSheet() throws {
        let report = RuleChecker.check(data, years: [year], index: index)
        let titles: [(String, Double)] = [("STT", 5), ("Quy tắc", 7), ("Mức độ", 11), ("Năm", 6), ("Đơn vị", 26),
                                           ("Đối tượng", 20), ("Nội dung", 60), ("Căn cứ", 30), ("Vị trí trong dữ liệu", 26)]
        let h = MultiLevelHeader(titles.map { HeaderColumn($0.0, width: chars($0.1).width) })
        let headerRow = 3
        var setup = SheetSetup(columns: h.sheetColumns, freeze: CellAddress(row: headerRow + 1, column: 0),
                               print: landscape(repeatRows: headerRow...headerRow))
        setup.showGridLines = false
        if !report.violations.isEmpty {
            setup.autoFilter = CellRange(rows: headerRow...(headerRow + report.violations.count), columns: 0...(titles.count - 1))
        }
        let sheet = try writer.addSheet(TallyWorkbook.Names.rules, setup: setup)
        let summary = report.violations.isEmpty
            ? "Không phát hiện vi phạm (quy tắc đã kiểm tra: \(report.rulesRun.map(\.rawValue).joined(separator: ", ")))."
            : "\(VietnameseNumber.format(report.violations.count)) vi phạm (quy tắc đã kiểm tra: \(report.rulesRun.map(\.rawValue).joined(separator: ", ")))."
        try writeTitle([("KẾT QUẢ KIỂM TRA ĐIỀU KIỆN, TIÊU CHUẨN KHEN THƯỞNG NĂM \(year)", styles.title), (summary, styles.subtitle)],
                       into: sheet, width: titles.count)
        try sheet.writeRow(sheet.nextRow, [])
        try h.write(to: sheet, style: styles.header, rowHeight: 30)
        let columnChars = titles.map(\.1)
        for (k, v) in report.violations.enumerated() {
            // The file's name inside the data folder and the line, as an officer opens it.
            let where_ = v.locations.map { loc -> String in
                let file = loc.file.split(separator: "/").last.map(String.init) ?? loc.file
                if let l = loc.line { return "\(file), dòng \(l)" }
                return file
            }.joined(separator: "; ")
            let cells = [
                Cell(.integer(k + 1), style: styles.center), Cell(.text(v.rule.rawValue), style: styles.center),
                Cell(.text(TallyWorkbook.severity(v.rule)), style: styles.center), Cell(.integer(v.year), style: styles.center),
                Cell(v.unitName.map(CellValue.text) ?? .empty, style: styles.text),
                Cell(v.subject.map(CellValue.text) ?? .empty, style: styles.text),
                Cell(.text(v.message), style: styles.text), Cell(.text(v.article), style: styles.text),
                Cell(where_.isEmpty ? .empty : .text(where_), style: styles.text),
            ]
            try sheet.writeRow(sheet.nextRow, cells, options: rowOptions(cells, widths: columnChars))
        }
        var notes: [String] = []
        for (rule, count) in report.notCheckable.sorted(by: { $0.key < $1.key }) where count > 0 {
            notes.append("\(rule.rawValue): \(VietnameseNumber.format(count)) lượt không kiểm tra được (thiếu dữ liệu).")
        }
        try writeNotes(notes, into: sheet)
        try sheet.finish()
    }

    // MARK: Year over year

    /// Năm Y−1 and năm Y side by side — the titles of T1 (totals of both years), the levels of
    /// T2 and the methods of T3 (which carry Y−1) — with Tăng, giảm = Y − (Y−1) and Tỷ lệ % =
    /// (Y − (Y−1)) / (Y−1) as formulas.
    func yearOverYearSheet() throws {
        let t1 = tables["T1"]!, t1p = tables["T1-prev"]!, t2 = tables["T2"]!, t3 = tables["T3"]!
        var lines: [(label: String, previous: Int, current: Int, section: Bool)] = []
        func total(_ t: ResultTable, _ key: String) -> Int {
            guard let r = t.row("tong_cong"), let c = t.column(key) else { return 0 }
            return t.cells[r][c].value.integer ?? 0
        }
        lines.append(("I. Danh hiệu thi đua", 0, 0, true))
        for key in ["ldtt", "cstdcs", "cstd_tinh", "cstdtq", "ttldtt", "ttldxs", "co_tinh", "co_cp"] {
            let c = t1.column(key)!
            let title = t1.columns[c].group ?? t1.columns[c].title
            lines.append((title, total(t1p, key), total(t1, key), false))
        }
        lines.append(("II. Khen thưởng theo cấp", 0, 0, true))
        let cNow = t2.column("tong_so")!, cPrev = t2.column("nam_truoc")!
        for (r, row) in t2.rows.enumerated() where row.kind == .subtotal || row.kind == .total {
            lines.append((row.label, t2.cells[r][cPrev].value.integer ?? 0, t2.cells[r][cNow].value.integer ?? 0, false))
        }
        lines.append(("III. Khen thưởng theo loại hình", 0, 0, true))
        let c3Now = t3.column("tong_so")!, c3Prev = t3.column("nam_truoc")!
        for (r, row) in t3.rows.enumerated() where row.kind == .data {
            lines.append((row.label, t3.cells[r][c3Prev].value.integer ?? 0, t3.cells[r][c3Now].value.integer ?? 0, false))
        }
        let titles: [(String, Double)] = [("STT", 5), ("Chỉ tiêu", 40), ("Năm \(year - 1)", 11), ("Năm \(year)", 11),
                                           ("Tăng (+), giảm (−)", 12), ("Tỷ lệ %", 10)]
        let h = MultiLevelHeader(titles.map { HeaderColumn($0.0, width: chars($0.1).width) })
        let headerRow = 3
        var setup = SheetSetup(columns: h.sheetColumns, freeze: CellAddress(row: headerRow + 1, column: 2),
                               print: landscape(repeatRows: headerRow...headerRow))
        setup.showGridLines = false
        let sheet = try writer.addSheet(TallyWorkbook.Names.yearOverYear, setup: setup)
        try writeTitle([("SO SÁNH KẾT QUẢ THI ĐUA, KHEN THƯỞNG NĂM \(year) VỚI NĂM \(year - 1)", styles.title), (annexLine, styles.subtitle)],
                       into: sheet, width: titles.count)
        try sheet.writeRow(sheet.nextRow, [])
        try h.write(to: sheet, style: styles.header, rowHeight: 30)
        var serial = 0
        for line in lines {
            let r = sheet.nextRow
            if line.section {
                try sheet.merge(CellRange(rows: r...r, columns: 0...(titles.count - 1)))
                var cells = Array(repeating: Cell(.empty, style: styles.group), count: titles.count)
                cells[0] = Cell(.text(line.label), style: styles.group)
                try sheet.writeRow(r, cells)
                serial = 0
                continue
            }
            serial += 1
            let b = CellAddress(row: r, column: 2).a1, c = CellAddress(row: r, column: 3).a1, d = CellAddress(row: r, column: 4).a1
            let bold = line.label == "Tổng cộng"
            let change = line.current - line.previous
            let pct: CellResult = line.previous == 0 ? .text("—") : .number(Double(change) / Double(line.previous))
            try sheet.writeRow(r, [
                Cell(.integer(serial), style: styles.center),
                Cell(.text(line.label), style: bold ? styles.textBold : styles.text),
                Cell(.integer(line.previous), style: bold ? styles.integerBold : styles.integer),
                Cell(.integer(line.current), style: bold ? styles.integerBold : styles.integer),
                Cell(.formula(CellFormula("\(c)-\(b)", result: .number(Double(change)))), style: bold ? styles.changeBold : styles.change),
                Cell(.formula(CellFormula(ratioFormula(d, b), result: pct)), style: bold ? styles.percentBold : styles.percent),
            ])
        }
        try writeNotes(["Tỷ lệ % = (năm \(year) − năm \(year - 1)) / năm \(year - 1); «—» khi năm \(year - 1) bằng 0.",
                        "Lao động tiên tiến gồm cả Chiến sĩ tiên tiến (bảng T1)."], into: sheet)
        try sheet.finish()
    }
}

extension String {
    /// "khối" → "Khối".
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
