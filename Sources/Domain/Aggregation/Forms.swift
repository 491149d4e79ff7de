import Vietnamese

/// The official statistical forms of Thông tư 02/2023/TT-BNV (biểu 0601–0603), with their
/// row codes (Mã số) and column numbers. Column 1 (Tổng số) is a formula over the other
/// columns and the aggregate rows are formulas over their parts, so a workbook can write
/// them as formulas; every other cell counts records.
extension Aggregations {
    /// Header lines every form carries.
    public static func formHeader(_ code: String) -> [String] {
        ["Biểu số: \(code).N/BNV-TĐKT",
         "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023",
         "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo"]
    }

    struct FormRow {
        var code: String
        var label: String
        var level: Int
        var test: (Int32) -> Bool
    }

    struct FormColumn {
        var key: String
        var title: String
        var group: String?
        var test: (Int32) -> Bool
    }

    /// Builds a form: every record in `scope` is counted in each (row, column) whose tests it
    /// passes; column 1 becomes Σ other columns, `formulaRows` become Σ of their parts.
    static func form(id: String, title: String, year: Int, kind: RecordKind, scope: [Int32], rows: [FormRow],
                     columns: [FormColumn], formulaRows: [(target: String, parts: [String])],
                     relations: [(target: String, parts: [String])]) -> ResultTable {
        var cols = [
            ResultColumn("chi_tieu", "Chỉ tiêu", number: "A", kind: .label),
            ResultColumn("ma_so", "Mã số", number: "B", kind: .code),
            ResultColumn("don_vi_tinh", "Đơn vị tính", number: "C", kind: .unit),
            ResultColumn("tong_so", "Tổng số", number: "1", kind: .count),
        ]
        for (k, c) in columns.enumerated() {
            cols.append(ResultColumn(c.key, c.title, group: c.group, number: String(k + 2), kind: .count))
        }
        var table = ResultTable(id: id, title: title, year: year, columns: cols)
        table.subtitle = "Thời điểm báo cáo: năm \(year)"
        var lists = Array(repeating: Array(repeating: [Int32](), count: columns.count), count: rows.count)
        for record in scope {
            for (r, row) in rows.enumerated() where row.test(record) {
                for (c, col) in columns.enumerated() where col.test(record) { lists[r][c].append(record) }
            }
        }
        let unit = kind == .movement ? "Phong trào" : "Lượt"
        for (r, row) in rows.enumerated() {
            var cells = [ResultCell(.text(row.label)), ResultCell(.text(row.code)), ResultCell(.text(unit)), .empty]
            for c in columns.indices { cells.append(countCell(lists[r][c], kind)) }
            table.rows.append(ResultRow("ma_so:\(row.code)", row.label, code: row.code, level: row.level))
            table.cells.append(cells)
        }
        let rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.code, $0) })
        let dataColumns = Array(4..<cols.count)
        // Aggregate rows: formulas over their parts (the values are the same counts).
        for f in formulaRows {
            let t = rowIndex[f.target]!
            let parts = f.parts.map { rowIndex[$0]! }
            for c in dataColumns {
                table.cells[t][c] = sumCell(parts.map { CellRef(row: $0, column: c) }, in: table.cells)
            }
            table.relations.append(TableRelation(axis: .rows, target: t, parts: parts,
                                                 label: "\(f.target) = \(f.parts.joined(separator: " + "))"))
        }
        for rel in relations {
            table.relations.append(TableRelation(axis: .rows, target: rowIndex[rel.target]!, parts: rel.parts.map { rowIndex[$0]! },
                                                 label: "\(rel.target) = \(rel.parts.joined(separator: " + "))"))
        }
        // Column 1 = 2 + 3 + … in every row.
        for r in rows.indices {
            table.cells[r][3] = sumCell(dataColumns.map { CellRef(row: r, column: $0) }, in: table.cells)
        }
        let numbers = (2..<(columns.count + 2)).map(String.init).joined(separator: " + ")
        table.relations.append(TableRelation(axis: .columns, target: 3, parts: dataColumns, label: "1 = \(numbers)"))
        return table
    }

    // MARK: 0601

    /// Biểu 0601.N/BNV-TĐKT — SỐ PHONG TRÀO THI ĐUA: columns 1 Tổng số = 2 Cấp Trung ương +
    /// 3 Cấp bộ, ngành, tỉnh + 4 Cơ quan, tổ chức, đơn vị; rows 01 total, 02–05 scope, 06–10
    /// duration, 11–12 type. Which movements count is a setting (launched in the year by
    /// default).
    public static func form0601(_ data: ProvinceData, year: Int) -> ResultTable {
        let counting = data.settings.movementCounting
        let scope: [Int32] = data.movements.indices.compactMap { i in
            let m = data.movements[i]
            switch counting {
            case .launched:
                return (m.launchDate ?? m.start).year == year ? Int32(i) : nil
            case .active:
                return m.start.year <= year && m.end.year >= year ? Int32(i) : nil
            }
        }
        func m(_ i: Int32) -> Movement { data.movements[Int(i)] }
        let rows: [FormRow] = [
            FormRow(code: "01", label: "Tổng số phong trào thi đua", level: 0) { _ in true },
            FormRow(code: "02", label: "Phạm vi toàn quốc", level: 1) { m($0).scope == .national },
            FormRow(code: "03", label: "Phạm vi bộ, ngành, địa phương", level: 1) { m($0).scope == .provincial },
            FormRow(code: "04", label: "Phạm vi cụm, khối thi đua", level: 1) { m($0).scope == .cluster },
            FormRow(code: "05", label: "Phạm vi cơ quan, tổ chức, đơn vị", level: 1) { m($0).scope == .agency },
            FormRow(code: "06", label: "Thời gian dưới 1 năm", level: 1) { m($0).durationMonths < 12 },
            FormRow(code: "07", label: "Thời gian 1 năm", level: 1) { m($0).durationMonths == 12 },
            FormRow(code: "08", label: "Thời gian trên 1 năm đến dưới 3 năm", level: 1) { (13..<36).contains(m($0).durationMonths) },
            FormRow(code: "09", label: "Thời gian từ 3 năm đến dưới 5 năm", level: 1) { (36..<60).contains(m($0).durationMonths) },
            FormRow(code: "10", label: "Thời gian từ 5 năm trở lên", level: 1) { m($0).durationMonths >= 60 },
            FormRow(code: "11", label: "Thi đua theo chuyên đề", level: 1) { m($0).type.isThematicIn0601 },
            FormRow(code: "12", label: "Thi đua thường xuyên", level: 1) { !m($0).type.isThematicIn0601 },
        ]
        let columns: [FormColumn] = [
            FormColumn(key: "trung_uong", title: "Cấp Trung ương") { m($0).level == .central },
            FormColumn(key: "bo_nganh_tinh", title: "Cấp bộ, ngành, tỉnh") { m($0).level == .provincial },
            FormColumn(key: "co_quan", title: "Cơ quan, tổ chức, đơn vị") { m($0).level == .agency },
        ]
        var table = form(id: "0601", title: "SỐ PHONG TRÀO THI ĐUA", year: year, kind: .movement, scope: scope,
                         rows: rows, columns: columns,
                         formulaRows: [("01", ["02", "03", "04", "05"])],
                         relations: [("01", ["06", "07", "08", "09", "10"]), ("01", ["11", "12"])])
        table.notes = formHeader("0601")
        table.notes.append("Phong trào được đếm: \(counting.label). «Theo đợt» tính vào dòng 11 (chuyên đề).")
        return table
    }

    // MARK: 0602

    /// Biểu 0602.N/BNV-TĐKT — SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC: columns from the catalogue
    /// (`cot_0602`, split Tập thể/Cá nhân when `tach_0602`), rows 01 total; 02–03 by who
    /// submitted (units of type "Cơ quan Trung ương" through their ministry, others through
    /// the province); 06 Tập thể (07 Doanh nghiệp), 08 Hộ gia đình, 09 Cá nhân (10–14); 15–21
    /// by method. Households are counted in the "Tập thể" half of a split column.
    public static func form0602(_ data: ProvinceData, year: Int, index: DomainIndex? = nil) -> ResultTable {
        let ix = index ?? DomainIndex(data)
        let entries = data.catalogue.entries
        let scope = ix.awards(in: year).filter { entries[Int(data.awards[Int($0)].entry)].level == .state }
        func a(_ i: Int32) -> Award { data.awards[Int(i)] }
        func kind(_ i: Int32) -> SubjectKind { data.subjects[Int(a(i).subject)].kind }
        // Columns: each cot_0602 label once, in catalogue order.
        var labels: [String] = []
        var split: [String: Bool] = [:]
        var other = false
        for e in entries where e.level == .state {
            if let c = e.column0602 {
                if split[c] == nil { labels.append(c) }
                split[c] = (split[c] ?? false) || e.split0602
            } else {
                other = true
            }
        }
        var columns: [FormColumn] = []
        for label in labels {
            let codes = Set(entries.indices.filter { entries[$0].column0602 == label }.map { Int32($0) })
            if split[label]! {
                columns.append(FormColumn(key: label + ":tap_the", title: "Tập thể", group: label) {
                    codes.contains(a($0).entry) && kind($0) != .individual
                })
                columns.append(FormColumn(key: label + ":ca_nhan", title: "Cá nhân", group: label) {
                    codes.contains(a($0).entry) && kind($0) == .individual
                })
            } else {
                columns.append(FormColumn(key: label, title: label) { codes.contains(a($0).entry) })
            }
        }
        if other {
            let codes = Set(entries.indices.filter { entries[$0].level == .state && entries[$0].column0602 == nil }.map { Int32($0) })
            columns.append(FormColumn(key: "khac", title: "Hình thức khác") { codes.contains(a($0).entry) })
        }
        func unitType(_ i: Int32) -> UnitType { data.units[Int(a(i).unit)].type }
        var rows: [FormRow] = [
            FormRow(code: "01", label: "Tổng số", level: 0) { _ in true },
            FormRow(code: "02", label: "Bộ, ban, ngành, đoàn thể Trung ương trình", level: 1) { unitType($0) == .central },
            FormRow(code: "03", label: "Tỉnh, thành phố trực thuộc Trung ương trình", level: 1) { unitType($0) != .central },
            FormRow(code: "06", label: "Tập thể", level: 1) { kind($0) == .collective },
            FormRow(code: "07", label: "Trong đó: Doanh nghiệp", level: 2) { kind($0) == .collective && unitType($0) == .enterprise },
            FormRow(code: "08", label: "Hộ gia đình", level: 1) { kind($0) == .household },
            FormRow(code: "09", label: "Cá nhân", level: 1) { kind($0) == .individual },
        ]
        for c in PersonCategory.allCases {
            rows.append(FormRow(code: rowCode(c.code0602), label: c.label, level: 2) { kind($0) == .individual && a($0).category == c })
        }
        for (k, method) in AwardMethod.allCases.enumerated() {
            rows.append(FormRow(code: rowCode(15 + k), label: "Khen thưởng \(method.label.lowercased())", level: 1) { a($0).method == method })
        }
        var table = form(id: "0602", title: "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC", year: year, kind: .award, scope: scope,
                         rows: rows, columns: columns,
                         formulaRows: [("01", ["06", "08", "09"]), ("09", ["10", "11", "12", "13", "14"])],
                         relations: [("01", ["02", "03"]), ("01", (15...21).map { rowCode($0) })])
        table.notes = formHeader("0602")
        table.notes.append("Mã số 04, 05 không có trong tài liệu tham chiếu nên không lập.")
        return table
    }

    // MARK: 0603

    /// Biểu 0603.N/BNV-TĐKT — SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ
    /// TỈNH: columns 1 Tổng số = 2 Bằng khen + 3 Chiến sĩ thi đua cấp bộ, tỉnh + 4 Cờ thi đua +
    /// 5 Huy hiệu (kỷ niệm chương) (from the catalogue's `cot_0603`); rows 01 total, 02 Tập
    /// thể (03 Doanh nghiệp), 04 Hộ, 05 Cá nhân (06–10), 11–17 by method.
    public static func form0603(_ data: ProvinceData, year: Int, index: DomainIndex? = nil) -> ResultTable {
        let ix = index ?? DomainIndex(data)
        let entries = data.catalogue.entries
        let scope = ix.awards(in: year).filter { entries[Int(data.awards[Int($0)].entry)].column0603 != nil }
        func a(_ i: Int32) -> Award { data.awards[Int(i)] }
        func kind(_ i: Int32) -> SubjectKind { data.subjects[Int(a(i).subject)].kind }
        func col(_ i: Int32) -> Int { entries[Int(a(i).entry)].column0603 ?? 0 }
        let columns: [FormColumn] = [
            FormColumn(key: "bang_khen", title: "Bằng khen") { col($0) == 2 },
            FormColumn(key: "cstd", title: "Chiến sĩ thi đua cấp bộ, cấp tỉnh") { col($0) == 3 },
            FormColumn(key: "co_thi_dua", title: "Cờ thi đua") { col($0) == 4 },
            FormColumn(key: "huy_hieu", title: "Huy hiệu (kỷ niệm chương)") { col($0) == 5 },
        ]
        var rows: [FormRow] = [
            FormRow(code: "01", label: "Tổng số", level: 0) { _ in true },
            FormRow(code: "02", label: "Tập thể", level: 1) { kind($0) == .collective },
            FormRow(code: "03", label: "Trong đó: Doanh nghiệp", level: 2) {
                kind($0) == .collective && data.units[Int(a($0).unit)].type == .enterprise
            },
            FormRow(code: "04", label: "Hộ gia đình", level: 1) { kind($0) == .household },
            FormRow(code: "05", label: "Cá nhân", level: 1) { kind($0) == .individual },
        ]
        for (k, c) in PersonCategory.allCases.enumerated() {
            rows.append(FormRow(code: rowCode(6 + k), label: c.label, level: 2) { kind($0) == .individual && a($0).category == c })
        }
        for (k, method) in AwardMethod.allCases.enumerated() {
            rows.append(FormRow(code: rowCode(11 + k), label: "Khen thưởng \(method.label.lowercased())", level: 1) { a($0).method == method })
        }
        var table = form(id: "0603",
                         title: "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
                         year: year, kind: .award, scope: scope, rows: rows, columns: columns,
                         formulaRows: [("01", ["02", "04", "05"]), ("05", ["06", "07", "08", "09", "10"])],
                         relations: [("01", (11...17).map { rowCode($0) })])
        table.notes = formHeader("0603")
        return table
    }
}

/// Two-digit row code: 6 → "06".
func rowCode(_ value: Int) -> String {
    value < 10 ? "0\(value)" : String(value)
}
