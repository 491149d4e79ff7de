import Vietnamese

/// The aggregations: each a pure function from the model to a `ResultTable` whose figures
/// keep their records (or their formula). Counts are award rows (a duplicate row is counted
/// and reported by rule R9).
public enum Aggregations {
    /// Every table for a year: T1–T5, forms 0601–0603, the programme tracking tables.
    public static func all(_ data: ProvinceData, year: Int, index: DomainIndex? = nil) -> [ResultTable] {
        let ix = index ?? DomainIndex(data)
        var tables = [
            t1(data, year: year, index: ix),
            t2(data, year: year, index: ix),
            t3(data, year: year, index: ix),
            t4(data, year: year),
            t5(data, year: year, index: ix),
            form0601(data, year: year),
            form0602(data, year: year, index: ix),
            form0603(data, year: year, index: ix),
        ]
        for p in data.programmes.indices { tables.append(programmeTracking(data, programme: p, year: year)) }
        return tables
    }

    // MARK: Helpers

    static func countCell(_ list: [Int32], _ kind: RecordKind = .award) -> ResultCell {
        ResultCell(.integer(list.count), .records(RecordSet(kind, list)))
    }

    static func sumCell(_ refs: [CellRef], in cells: [[ResultCell]], coefficients: [Double]? = nil) -> ResultCell {
        var total = 0
        for (k, r) in refs.enumerated() {
            let c = coefficients?[k] ?? 1
            total += Int(c) * (cells[r.row][r.column].value.integer ?? 0)
        }
        let terms = refs.enumerated().map { Provenance.Term($1, coefficients?[$0] ?? 1) }
        return ResultCell(.integer(total), .linear(terms))
    }

    static func ratioCell(_ n: CellRef, _ d: CellRef, in cells: [[ResultCell]]) -> ResultCell {
        let nv = cells[n.row][n.column].value.integer ?? 0
        let dv = cells[d.row][d.column].value.integer ?? 0
        return ResultCell(.ratio(nv, dv), .ratio(numerator: n, denominator: d))
    }

    // MARK: T1 — titles by unit

    /// T1: danh hiệu thi đua theo đơn vị, year Y: headcount, LĐTT (number, % of headcount),
    /// CSTĐCS (number, % of LĐTT, cap flag), CSTĐ cấp tỉnh, CSTĐTQ, TTLĐTT, TTLĐXS, Cờ tỉnh,
    /// Cờ CP; last row Tổng cộng. LĐTT counts CSTT (its armed-forces twin). With `rollupDepth`
    /// every unit deeper than that depth is counted in its ancestor at that depth.
    public static func t1(_ data: ProvinceData, year: Int, rollupDepth: Int? = nil, index: DomainIndex? = nil) -> ResultTable {
        let ix = index ?? DomainIndex(data)
        let s = data.settings
        var table = ResultTable(id: "T1", title: "KẾT QUẢ DANH HIỆU THI ĐUA NĂM \(year)", year: year, columns: [
            ResultColumn("stt", "STT", kind: .serial),
            ResultColumn("don_vi", "Đơn vị", kind: .label),
            ResultColumn("tong_so", "Tổng số CBCCVC, NLĐ", kind: .amount),
            ResultColumn("ldtt", "Số", group: "Lao động tiên tiến", kind: .count),
            ResultColumn("ldtt_ty_le", "Tỷ lệ %", group: "Lao động tiên tiến", kind: .percent),
            ResultColumn("cstdcs", "Số", group: "Chiến sĩ thi đua cơ sở", kind: .count),
            ResultColumn("cstdcs_ty_le", "% so với LĐTT", group: "Chiến sĩ thi đua cơ sở", kind: .percent),
            ResultColumn("vuot_ty_le", "Vượt \(VietnameseNumber.format(s.cstdcsCapPercent, fractionDigits: 2, trimZeros: true))%", group: "Chiến sĩ thi đua cơ sở", kind: .text),
            ResultColumn("cstd_tinh", "Chiến sĩ thi đua cấp tỉnh", kind: .count),
            ResultColumn("cstdtq", "Chiến sĩ thi đua toàn quốc", kind: .count),
            ResultColumn("ttldtt", "Tập thể lao động tiên tiến", kind: .count),
            ResultColumn("ttldxs", "Tập thể lao động xuất sắc", kind: .count),
            ResultColumn("co_tinh", "Cờ thi đua của UBND tỉnh", kind: .count),
            ResultColumn("co_cp", "Cờ thi đua của Chính phủ", kind: .count),
            ResultColumn("ghi_chu", "Ghi chú", kind: .text),
        ])
        let roleSlot: [AwardRole: Int] = [.ldtt: 0, .cstt: 0, .cstdcs: 1, .cstdTinh: 2, .cstdtq: 3, .ttldtt: 4,
                                          .ttldxs: 5, .coTinh: 6, .coCP: 7]
        let slotColumn = [3, 5, 8, 9, 10, 11, 12, 13]
        func rowUnit(_ u: Int32) -> Int32 {
            guard let d = rollupDepth else { return u }
            let chain = [u] + data.ancestors(of: u)
            return chain.count - 1 > d ? chain[chain.count - 1 - d] : u
        }
        var lists: [Int32: [[Int32]]] = [:]
        for a in ix.awards(in: year) {
            let award = data.awards[Int(a)]
            guard let slot = roleSlot[ix.role(award)] else { continue }
            lists[rowUnit(award.unit), default: Array(repeating: [], count: 8)][slot].append(a)
        }
        var heads: [Int32: [Int32]] = [:]
        for (i, r) in data.unitYears.enumerated() where r.year == year {
            heads[rowUnit(r.unit), default: []].append(Int32(i))
        }
        var dataRows: [Int] = []
        var serial = 0
        for u in ix.unitOrder where lists[u] != nil || heads[u] != nil {
            let r = table.rows.count
            serial += 1
            var cells = Array(repeating: ResultCell.empty, count: table.columns.count)
            cells[0] = ResultCell(.integer(serial))
            cells[1] = ResultCell(.text(data.unitName(u)))
            var notes: [String] = []
            if let h = heads[u] {
                let total = h.reduce(0) { $0 + data.unitYears[Int($1)].headcount }
                cells[2] = ResultCell(.integer(total), .records(RecordSet(.unitYear, h)))
            } else {
                cells[2] = ResultCell(.integer(0), .records(RecordSet(.unitYear, [])))
                notes.append("Chưa có số lao động")
            }
            let l = lists[u] ?? Array(repeating: [], count: 8)
            for (slot, col) in slotColumn.enumerated() { cells[col] = countCell(l[slot]) }
            table.cells.append(cells)
            table.cells[r][4] = ratioCell(CellRef(row: r, column: 3), CellRef(row: r, column: 2), in: table.cells)
            table.cells[r][6] = ratioCell(CellRef(row: r, column: 5), CellRef(row: r, column: 3), in: table.cells)
            let quota = s.cstdcsCapRounding.quota(percent: s.cstdcsCapPercent, of: l[0].count)
            if l[1].count > quota {
                table.cells[r][7] = ResultCell(.text("Vượt (tối đa \(quota))"))
            }
            table.cells[r][14] = ResultCell(.text(notes.joined(separator: "; ")))
            if notes.isEmpty { table.cells[r][14] = .empty }
            table.rows.append(ResultRow("don_vi:\(data.units[Int(u)].code)", data.unitName(u)))
            dataRows.append(r)
        }
        let t = table.rows.count
        var total = Array(repeating: ResultCell.empty, count: table.columns.count)
        table.cells.append(total)
        for col in [2] + slotColumn {
            total[col] = sumCell(dataRows.map { CellRef(row: $0, column: col) }, in: table.cells)
        }
        total[1] = ResultCell(.text("Tổng cộng"))
        table.cells[t] = total
        table.cells[t][4] = ratioCell(CellRef(row: t, column: 3), CellRef(row: t, column: 2), in: table.cells)
        table.cells[t][6] = ratioCell(CellRef(row: t, column: 5), CellRef(row: t, column: 3), in: table.cells)
        table.rows.append(ResultRow("tong_cong", "Tổng cộng", kind: .total))
        table.relations.append(TableRelation(axis: .rows, target: t, parts: dataRows, across: [2] + slotColumn,
                                             label: "Tổng cộng = Σ đơn vị"))
        table.notes.append("Chỉ tiêu CSTĐCS: \(VietnameseNumber.format(s.cstdcsCapPercent, fractionDigits: 2, trimZeros: true))% số LĐTT, \(s.cstdcsCapRounding.label) (tham số chưa xác nhận).")
        return table
    }

    // MARK: T2 — forms by level

    /// T2: hình thức khen thưởng theo cấp (Cấp Nhà nước, Cấp tỉnh, Cấp cơ sở; one row per
    /// catalogue entry awarded in Y or Y−1): Tập thể · Cá nhân (tổng; lãnh đạo, quản lý;
    /// người trực tiếp; nữ; dân tộc thiểu số) · Hộ gia đình · Tổng số · Năm Y−1 · Tăng, giảm ·
    /// Tỷ lệ %.
    public static func t2(_ data: ProvinceData, year: Int, index: DomainIndex? = nil) -> ResultTable {
        let ix = index ?? DomainIndex(data)
        let showExtra = data.settings.t2WomenAndMinorities
        var columns = [
            ResultColumn("hinh_thuc", "Danh hiệu, hình thức", kind: .label),
            ResultColumn("tap_the", "Tập thể", kind: .count),
            ResultColumn("ca_nhan", "Tổng", group: "Cá nhân", kind: .count),
            ResultColumn("lanh_dao", "Lãnh đạo, quản lý", group: "Cá nhân", kind: .count),
            ResultColumn("truc_tiep", "Người trực tiếp lao động, sản xuất", group: "Cá nhân", kind: .count),
        ]
        if showExtra {
            columns.append(ResultColumn("nu", "Nữ", group: "Cá nhân", kind: .count))
            columns.append(ResultColumn("dan_toc", "Dân tộc thiểu số", group: "Cá nhân", kind: .count))
        }
        columns += [
            ResultColumn("ho_gia_dinh", "Hộ gia đình", kind: .count),
            ResultColumn("tong_so", "Tổng số", kind: .count),
            ResultColumn("nam_truoc", "Năm \(year - 1)", kind: .count),
            ResultColumn("tang_giam", "Tăng (+), giảm (−)", kind: .change),
            ResultColumn("ty_le", "Tỷ lệ %", kind: .percent),
        ]
        var table = ResultTable(id: "T2", title: "KẾT QUẢ KHEN THƯỞNG THEO CẤP NĂM \(year)", year: year, columns: columns)
        let cTT = 1, cCN = 2, cLD = 3, cTrT = 4
        let cNu = showExtra ? 5 : -1, cDT = showExtra ? 6 : -1
        let cHo = table.column("ho_gia_dinh")!, cTong = table.column("tong_so")!, cPrev = table.column("nam_truoc")!
        let cChange = table.column("tang_giam")!, cPct = table.column("ty_le")!
        let countColumns = [cTT, cCN, cLD, cTrT] + (showExtra ? [cNu, cDT] : []) + [cHo, cPrev]

        // Lists per entry: current-year categories and previous-year total.
        let n = data.catalogue.entries.count
        var current = Array(repeating: Array(repeating: [Int32](), count: 7), count: n)
        var previous = Array(repeating: [Int32](), count: n)
        for a in ix.awards(in: year) {
            let award = data.awards[Int(a)]
            let e = Int(award.entry)
            switch data.subjects[Int(award.subject)].kind {
            case .collective: current[e][0].append(a)
            case .household: current[e][6].append(a)
            case .individual:
                current[e][1].append(a)
                current[e][award.category.isLeader ? 2 : 3].append(a)
                if award.female { current[e][4].append(a) }
                if award.minority { current[e][5].append(a) }
            }
        }
        for a in ix.awards(in: year - 1) { previous[Int(data.awards[Int(a)].entry)].append(a) }

        func finishRow(_ r: Int) {
            table.cells[r][cTong] = sumCell([cTT, cCN, cHo].map { CellRef(row: r, column: $0) }, in: table.cells)
            table.cells[r][cChange] = sumCell([CellRef(row: r, column: cTong), CellRef(row: r, column: cPrev)],
                                              in: table.cells, coefficients: [1, -1])
            table.cells[r][cPct] = ratioCell(CellRef(row: r, column: cChange), CellRef(row: r, column: cPrev), in: table.cells)
        }

        var subtotalRows: [Int] = []
        for level in AwardLevel.allCases {
            let groupRow = table.rows.count
            table.rows.append(ResultRow("cap:\(level.rawValue)", level.label, kind: .subtotal))
            table.cells.append(Array(repeating: ResultCell.empty, count: columns.count))
            table.cells[groupRow][0] = ResultCell(.text(level.label))
            subtotalRows.append(groupRow)
            var members: [Int] = []
            for (e, entry) in data.catalogue.entries.enumerated() where entry.level == level {
                let any = current[e].contains { !$0.isEmpty } || !previous[e].isEmpty
                guard any else { continue }
                let r = table.rows.count
                var cells = Array(repeating: ResultCell.empty, count: columns.count)
                cells[0] = ResultCell(.text(entry.name))
                cells[cTT] = countCell(current[e][0])
                cells[cCN] = countCell(current[e][1])
                cells[cLD] = countCell(current[e][2])
                cells[cTrT] = countCell(current[e][3])
                if showExtra {
                    cells[cNu] = countCell(current[e][4])
                    cells[cDT] = countCell(current[e][5])
                }
                cells[cHo] = countCell(current[e][6])
                cells[cPrev] = countCell(previous[e])
                table.cells.append(cells)
                table.rows.append(ResultRow("hinh_thuc:\(entry.code)", entry.name, level: 1))
                finishRow(r)
                members.append(r)
            }
            for c in countColumns {
                table.cells[groupRow][c] = sumCell(members.map { CellRef(row: $0, column: c) }, in: table.cells)
            }
            finishRow(groupRow)
            if !members.isEmpty {
                table.relations.append(TableRelation(axis: .rows, target: groupRow, parts: members,
                                                     label: "\(level.label) = Σ hình thức"))
            }
        }
        let t = table.rows.count
        table.rows.append(ResultRow("tong_cong", "Tổng cộng", kind: .total))
        table.cells.append(Array(repeating: ResultCell.empty, count: columns.count))
        table.cells[t][0] = ResultCell(.text("Tổng cộng"))
        for c in countColumns {
            table.cells[t][c] = sumCell(subtotalRows.map { CellRef(row: $0, column: c) }, in: table.cells)
        }
        finishRow(t)
        table.relations.append(TableRelation(axis: .rows, target: t, parts: subtotalRows, label: "Tổng cộng = Σ cấp"))
        table.relations.append(TableRelation(axis: .columns, target: cCN, parts: [cLD, cTrT], label: "Cá nhân = lãnh đạo + trực tiếp"))
        table.relations.append(TableRelation(axis: .columns, target: cTong, parts: [cTT, cCN, cHo], label: "Tổng số = tập thể + cá nhân + hộ"))
        if showExtra { table.notes.append("Cột nữ, dân tộc thiểu số: thực tiễn cấp tỉnh, không có trong biểu TT 02/2023 (chưa xác nhận).") }
        return table
    }

    // MARK: T3 — by method

    /// T3: khen thưởng theo loại hình (thường xuyên … kháng chiến) × tập thể, cá nhân, hộ,
    /// with the previous year and the change.
    public static func t3(_ data: ProvinceData, year: Int, index: DomainIndex? = nil) -> ResultTable {
        let ix = index ?? DomainIndex(data)
        var table = ResultTable(id: "T3", title: "KẾT QUẢ KHEN THƯỞNG THEO LOẠI HÌNH NĂM \(year)", year: year, columns: [
            ResultColumn("loai_hinh", "Loại hình khen thưởng", kind: .label),
            ResultColumn("tap_the", "Tập thể", kind: .count),
            ResultColumn("ca_nhan", "Cá nhân", kind: .count),
            ResultColumn("ho_gia_dinh", "Hộ gia đình", kind: .count),
            ResultColumn("tong_so", "Tổng số", kind: .count),
            ResultColumn("nam_truoc", "Năm \(year - 1)", kind: .count),
            ResultColumn("tang_giam", "Tăng (+), giảm (−)", kind: .change),
            ResultColumn("ty_le", "Tỷ lệ %", kind: .percent),
        ])
        let methods = AwardMethod.allCases
        var current = Array(repeating: Array(repeating: [Int32](), count: 3), count: methods.count)
        var previous = Array(repeating: [Int32](), count: methods.count)
        let methodIndex = Dictionary(uniqueKeysWithValues: methods.enumerated().map { ($1, $0) })
        for a in ix.awards(in: year) {
            let award = data.awards[Int(a)]
            let k: Int
            switch data.subjects[Int(award.subject)].kind {
            case .collective: k = 0
            case .individual: k = 1
            case .household: k = 2
            }
            current[methodIndex[award.method]!][k].append(a)
        }
        for a in ix.awards(in: year - 1) { previous[methodIndex[data.awards[Int(a)].method]!].append(a) }
        func finish(_ r: Int) {
            table.cells[r][4] = sumCell([1, 2, 3].map { CellRef(row: r, column: $0) }, in: table.cells)
            table.cells[r][6] = sumCell([CellRef(row: r, column: 4), CellRef(row: r, column: 5)], in: table.cells, coefficients: [1, -1])
            table.cells[r][7] = ratioCell(CellRef(row: r, column: 6), CellRef(row: r, column: 5), in: table.cells)
        }
        for (m, method) in methods.enumerated() {
            let r = table.rows.count
            table.rows.append(ResultRow("loai_hinh:\(method.rawValue)", method.label))
            var cells = Array(repeating: ResultCell.empty, count: 8)
            cells[0] = ResultCell(.text(method.label))
            for k in 0..<3 { cells[1 + k] = countCell(current[m][k]) }
            cells[5] = countCell(previous[m])
            table.cells.append(cells)
            finish(r)
        }
        let t = table.rows.count
        table.rows.append(ResultRow("tong_cong", "Tổng cộng", kind: .total))
        table.cells.append(Array(repeating: ResultCell.empty, count: 8))
        table.cells[t][0] = ResultCell(.text("Tổng cộng"))
        for c in [1, 2, 3, 5] { table.cells[t][c] = sumCell((0..<t).map { CellRef(row: $0, column: c) }, in: table.cells) }
        finish(t)
        table.relations.append(TableRelation(axis: .rows, target: t, parts: Array(0..<t), label: "Tổng cộng = Σ loại hình"))
        table.relations.append(TableRelation(axis: .columns, target: 4, parts: [1, 2, 3], label: "Tổng số = tập thể + cá nhân + hộ"))
        return table
    }
}
