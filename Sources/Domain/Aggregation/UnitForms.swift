import Vietnamese

extension Aggregations {
    /// The year-end summary: awards of year Y by unit × title or form, grouped by level (Cấp
    /// Nhà nước, Cấp tỉnh, Cấp cơ sở). Each danh hiệu thi đua has its own column; hình thức
    /// khen thưởng are counted by family within a level (Huân chương, Huy chương, Bằng khen…).
    /// Then a total per level (Σ of its columns), Tổng số (Σ of the level totals), and the last
    /// row Tổng cộng (Σ of the units). Counts are award rows of every subject kind, as in T2, so
    /// Tổng cộng × Tổng số equals T2's Tổng cộng × Tổng số. With `rollupDepth` deeper units are
    /// counted in their ancestor at that depth (1: sở, ngành, huyện with their phòng and xã).
    public static func unitForms(_ data: ProvinceData, year: Int, rollupDepth: Int? = nil, index: DomainIndex? = nil) -> ResultTable {
        let ix = index ?? DomainIndex(data)
        let entries = data.catalogue.entries
        func label(_ e: CatalogueEntry) -> String { e.kind == .title ? e.name : e.family.label }
        // Columns present in the year, per level in catalogue order of first appearance.
        var present = Array(repeating: false, count: entries.count)
        let awards = ix.awards(in: year)
        for a in awards { present[Int(data.awards[Int(a)].entry)] = true }
        var columns = [ResultColumn("stt", "STT", kind: .serial), ResultColumn("don_vi", "Đơn vị", kind: .label)]
        var columnOfEntry = Array(repeating: -1, count: entries.count)
        var levelColumns: [AwardLevel: [Int]] = [:]
        for level in AwardLevel.allCases {
            var keys: [String: Int] = [:]
            for (e, entry) in entries.enumerated() where entry.level == level && present[e] {
                let l = label(entry)
                if let c = keys[l] {
                    columnOfEntry[e] = c
                    continue
                }
                let c = columns.count
                columns.append(ResultColumn("\(level.rawValue):\(l)", l, group: level.label, kind: .count))
                keys[l] = c
                columnOfEntry[e] = c
                levelColumns[level, default: []].append(c)
            }
        }
        var levelTotal: [AwardLevel: Int] = [:]
        for level in AwardLevel.allCases {
            levelTotal[level] = columns.count
            columns.append(ResultColumn("tong:\(level.rawValue)", level.label, group: "Tổng số theo cấp", kind: .count))
        }
        let cTotal = columns.count
        columns.append(ResultColumn("tong_so", "Tổng số", kind: .count))
        var table = ResultTable(id: "TH", title: "TỔNG HỢP DANH HIỆU THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG NĂM \(year)",
                                year: year, columns: columns)
        table.subtitle = "Theo đơn vị, cấp khen thưởng"

        func rowUnit(_ u: Int32) -> Int32 {
            guard let d = rollupDepth else { return u }
            let chain = [u] + data.ancestors(of: u)
            return chain.count - 1 > d ? chain[chain.count - 1 - d] : u
        }
        var lists: [Int32: [[Int32]]] = [:]
        for a in awards {
            let award = data.awards[Int(a)]
            let c = columnOfEntry[Int(award.entry)]
            lists[rowUnit(award.unit), default: Array(repeating: [], count: columns.count)][c].append(a)
        }
        let countColumns = AwardLevel.allCases.flatMap { levelColumns[$0] ?? [] }
        var dataRows: [Int] = []
        for u in ix.unitOrder {
            guard let l = lists[u] else { continue }
            let r = table.rows.count
            var cells = Array(repeating: ResultCell.empty, count: columns.count)
            cells[0] = ResultCell(.integer(dataRows.count + 1))
            cells[1] = ResultCell(.text(data.unitName(u)))
            for c in countColumns { cells[c] = countCell(l[c]) }
            table.cells.append(cells)
            table.rows.append(ResultRow("don_vi:\(data.units[Int(u)].code)", data.unitName(u)))
            finishTotals(&table, row: r, levelColumns: levelColumns, levelTotal: levelTotal, total: cTotal)
            dataRows.append(r)
        }
        let t = table.rows.count
        table.rows.append(ResultRow("tong_cong", "Tổng cộng", kind: .total))
        table.cells.append(Array(repeating: ResultCell.empty, count: columns.count))
        table.cells[t][1] = ResultCell(.text("Tổng cộng"))
        for c in countColumns {
            table.cells[t][c] = sumCell(dataRows.map { CellRef(row: $0, column: c) }, in: table.cells)
        }
        finishTotals(&table, row: t, levelColumns: levelColumns, levelTotal: levelTotal, total: cTotal)
        table.relations.append(TableRelation(axis: .rows, target: t, parts: dataRows, label: "Tổng cộng = Σ đơn vị"))
        for level in AwardLevel.allCases {
            table.relations.append(TableRelation(axis: .columns, target: levelTotal[level]!, parts: levelColumns[level] ?? [],
                                                 label: "\(level.label) = Σ hình thức"))
        }
        table.relations.append(TableRelation(axis: .columns, target: cTotal, parts: AwardLevel.allCases.map { levelTotal[$0]! },
                                             label: "Tổng số = Σ cấp"))
        if let d = rollupDepth { table.notes.append("Đơn vị cấp dưới tính vào đơn vị cấp \(d) chứa nó.") }
        table.notes.append("Danh hiệu thi đua: mỗi danh hiệu một cột; hình thức khen thưởng: theo nhóm trong từng cấp.")
        return table
    }

    private static func finishTotals(_ table: inout ResultTable, row r: Int, levelColumns: [AwardLevel: [Int]],
                                     levelTotal: [AwardLevel: Int], total: Int) {
        for level in AwardLevel.allCases {
            table.cells[r][levelTotal[level]!] = sumCell((levelColumns[level] ?? []).map { CellRef(row: r, column: $0) }, in: table.cells)
        }
        table.cells[r][total] = sumCell(AwardLevel.allCases.map { CellRef(row: r, column: levelTotal[$0]!) }, in: table.cells)
    }
}
