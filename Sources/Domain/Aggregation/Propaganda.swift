import Vietnamese

extension Aggregations {
    // MARK: T5 — propaganda

    /// T5: kết quả tuyên truyền theo cơ quan, year Y: Tin · Bài · Phóng sự · Chuyên mục (kế
    /// hoạch; đã phát; thời lượng phút) · Tỷ lệ hoàn thành % (đã phát / kế hoạch); last row
    /// Tổng cộng. Values are sums over the records (monthly or yearly lines).
    public static func t5(_ data: ProvinceData, year: Int, index: DomainIndex? = nil) -> ResultTable {
        let ix = index ?? DomainIndex(data)
        var table = ResultTable(id: "T5", title: "KẾT QUẢ THÔNG TIN, TUYÊN TRUYỀN VỀ THI ĐUA, KHEN THƯỞNG NĂM \(year)", year: year, columns: [
            ResultColumn("stt", "STT", kind: .serial),
            ResultColumn("don_vi", "Đơn vị", kind: .label),
            ResultColumn("tin", "Tin", kind: .amount),
            ResultColumn("bai", "Bài", kind: .amount),
            ResultColumn("phong_su", "Phóng sự", kind: .amount),
            ResultColumn("cm_ke_hoach", "Kế hoạch", group: "Chuyên mục", kind: .amount),
            ResultColumn("cm_da_phat", "Đã phát", group: "Chuyên mục", kind: .amount),
            ResultColumn("thoi_luong", "Thời lượng (phút)", group: "Chuyên mục", kind: .amount),
            ResultColumn("ty_le", "Tỷ lệ hoàn thành %", kind: .percent),
        ])
        var byUnit: [Int32: [Int32]] = [:]
        for (i, p) in data.propaganda.enumerated() where p.year == year { byUnit[p.unit, default: []].append(Int32(i)) }
        let fields: [(PropagandaOutput) -> Int] = [\.news, \.articles, \.reportages, \.columnsPlanned, \.columnsAired, \.minutes]
        var dataRows: [Int] = []
        for u in ix.unitOrder {
            guard let list = byUnit[u] else { continue }
            let r = table.rows.count
            var cells = Array(repeating: ResultCell.empty, count: 9)
            cells[0] = ResultCell(.integer(dataRows.count + 1))
            cells[1] = ResultCell(.text(data.unitName(u)))
            for (k, f) in fields.enumerated() {
                let sum = list.reduce(0) { $0 + f(data.propaganda[Int($1)]) }
                cells[2 + k] = ResultCell(.integer(sum), .records(RecordSet(.propaganda, list)))
            }
            table.cells.append(cells)
            table.cells[r][8] = ratioCell(CellRef(row: r, column: 6), CellRef(row: r, column: 5), in: table.cells)
            table.rows.append(ResultRow("don_vi:\(data.units[Int(u)].code)", data.unitName(u)))
            dataRows.append(r)
        }
        let t = table.rows.count
        table.rows.append(ResultRow("tong_cong", "Tổng cộng", kind: .total))
        table.cells.append(Array(repeating: ResultCell.empty, count: 9))
        table.cells[t][1] = ResultCell(.text("Tổng cộng"))
        for c in 2...7 { table.cells[t][c] = sumCell(dataRows.map { CellRef(row: $0, column: c) }, in: table.cells) }
        table.cells[t][8] = ratioCell(CellRef(row: t, column: 6), CellRef(row: t, column: 5), in: table.cells)
        table.relations.append(TableRelation(axis: .rows, target: t, parts: dataRows, across: Array(2...7), label: "Tổng cộng = Σ đơn vị"))
        return table
    }

    // MARK: Programme tracking

    /// The months a period covers, as (year, month), intersected with `year` when given.
    static func months(from start: CivilDate, to end: CivilDate, year: Int?) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var y = start.year, m = start.month
        while (y, m) <= (end.year, end.month) {
            if year == nil || year == y { out.append((y, m)) }
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return out
    }

    /// Episodes of a deliverable due in a month: weekly ones × the Mondays of the month inside
    /// the deliverable's period (a year has 52 or 53); monthly ones × 1 when the period touches
    /// the month; quarterly and yearly ones in the first month of each quarter or year inside
    /// the period.
    public static func plannedEpisodes(_ d: Deliverable, year: Int, month: Int) -> Int {
        guard let first = try? CivilDate(year: year, month: month, day: 1),
              let days = CivilDate.daysInMonth(year: year, month: month),
              let last = try? CivilDate(year: year, month: month, day: days) else { return 0 }
        let lo = max(first, d.start), hi = min(last, d.end)
        guard lo <= hi else { return 0 }
        switch d.frequency {
        case .week:
            // 1970-01-01 was a Thursday: Monday ⇔ (days + 3) % 7 == 0.
            var count = 0
            var day = lo.daysSince1970
            while day <= hi.daysSince1970 {
                if ((day + 3) % 7 + 7) % 7 == 0 { count += 1 }
                day += 1
            }
            return count * d.perPeriod
        case .month:
            return d.perPeriod
        case .quarter:
            let quarterStartMonth = ((month - 1) / 3) * 3 + 1
            let startsHere = month == quarterStartMonth || (d.start.year == year && d.start.month == month)
            let earlierInQuarter = d.start.year == year && d.start.month < month && d.start.month >= quarterStartMonth
            return startsHere && !earlierInQuarter ? d.perPeriod : 0
        case .year:
            let startsHere = month == 1 || (d.start.year == year && d.start.month == month)
            let earlierInYear = d.start.year == year && d.start.month < month
            return startsHere && !earlierInYear ? d.perPeriod : 0
        }
    }

    /// Programme tracking: planned episodes (weeks × frequency, months, …) against delivered,
    /// per party and per month, with minutes and the completion rate. `year` limits it to one
    /// year (nil: the whole programme).
    public static func programmeTracking(_ data: ProvinceData, programme pi: Int, year: Int?) -> ResultTable {
        let p = data.programmes[pi]
        var table = ResultTable(id: "CT:\(p.code)", title: "THEO DÕI THỰC HIỆN CHƯƠNG TRÌNH PHỐI HỢP «\(p.name)»"
                                    + (year.map { " NĂM \($0)" } ?? ""), year: year, columns: [
            ResultColumn("ky", "Bên thực hiện, tháng", kind: .label),
            ResultColumn("ke_hoach", "Kế hoạch (kỳ)", kind: .amount),
            ResultColumn("da_thuc_hien", "Đã thực hiện (kỳ)", kind: .amount),
            ResultColumn("phut_ke_hoach", "Thời lượng kế hoạch (phút)", kind: .amount),
            ResultColumn("phut_thuc_hien", "Thời lượng đã thực hiện (phút)", kind: .amount),
            ResultColumn("ty_le", "Tỷ lệ hoàn thành %", kind: .percent),
        ])
        // Deliveries by (deliverable, year, month).
        var delivered: [Int: [Int32]] = [:]
        for (i, d) in data.deliveries.enumerated() where Int(d.programme) == pi {
            if let year, d.date.year != year { continue }
            delivered[Int(d.deliverable) << 20 | d.date.year << 4 | d.date.month, default: []].append(Int32(i))
        }
        let months = months(from: p.start, to: p.end, year: year)
        var partyRows: [Int] = []
        for party in p.parties {
            let mine = p.deliverables.indices.filter { p.deliverables[$0].party == party.unit }
            guard !mine.isEmpty else { continue }
            let header = table.rows.count
            table.rows.append(ResultRow("ben:\(data.units[Int(party.unit)].code)", data.unitName(party.unit), kind: .subtotal))
            table.cells.append(Array(repeating: ResultCell.empty, count: 6))
            table.cells[header][0] = ResultCell(.text(data.unitName(party.unit)))
            partyRows.append(header)
            var monthRows: [Int] = []
            for (y, m) in months {
                var planned = 0, plannedMinutes = 0, done = 0, doneMinutes = 0
                var records: [Int32] = []
                var plannedFrom: [Int32] = []
                for di in mine {
                    let d = p.deliverables[di]
                    let n = plannedEpisodes(d, year: y, month: m)
                    if n > 0 {
                        planned += n
                        plannedMinutes += n * (d.minutes ?? 0)
                        plannedFrom.append(Int32(pi << 16 | di))
                    }
                    for r in delivered[di << 20 | y << 4 | m] ?? [] {
                        let rec = data.deliveries[Int(r)]
                        done += rec.episodes
                        doneMinutes += rec.minutes ?? rec.episodes * (d.minutes ?? 0)
                        records.append(r)
                    }
                }
                if planned == 0 && records.isEmpty { continue }
                let r = table.rows.count
                table.rows.append(ResultRow("ben:\(data.units[Int(party.unit)].code):\(y)-\(m)", "Tháng \(m)/\(y)", level: 1))
                let plannedSet = RecordSet(.deliverable, plannedFrom)
                let doneSet = RecordSet(.delivery, records)
                table.cells.append([ResultCell(.text("Tháng \(m)/\(y)")),
                                    ResultCell(.integer(planned), .records(plannedSet)),
                                    ResultCell(.integer(done), .records(doneSet)),
                                    ResultCell(.integer(plannedMinutes), .records(plannedSet)),
                                    ResultCell(.integer(doneMinutes), .records(doneSet)),
                                    .empty])
                table.cells[r][5] = ratioCell(CellRef(row: r, column: 2), CellRef(row: r, column: 1), in: table.cells)
                monthRows.append(r)
            }
            for c in 1...4 { table.cells[header][c] = sumCell(monthRows.map { CellRef(row: $0, column: c) }, in: table.cells) }
            table.cells[header][5] = ratioCell(CellRef(row: header, column: 2), CellRef(row: header, column: 1), in: table.cells)
            table.relations.append(TableRelation(axis: .rows, target: header, parts: monthRows, across: [1, 2, 3, 4],
                                                 label: "\(data.unitName(party.unit)) = Σ tháng"))
        }
        let t = table.rows.count
        table.rows.append(ResultRow("tong_cong", "Tổng cộng", kind: .total))
        table.cells.append(Array(repeating: ResultCell.empty, count: 6))
        table.cells[t][0] = ResultCell(.text("Tổng cộng"))
        for c in 1...4 { table.cells[t][c] = sumCell(partyRows.map { CellRef(row: $0, column: c) }, in: table.cells) }
        table.cells[t][5] = ratioCell(CellRef(row: t, column: 2), CellRef(row: t, column: 1), in: table.cells)
        table.relations.append(TableRelation(axis: .rows, target: t, parts: partyRows, across: [1, 2, 3, 4], label: "Tổng cộng = Σ bên"))
        table.notes.append("Kế hoạch theo tuần = số thứ Hai trong tháng × số kỳ mỗi tuần (một năm có 52 hoặc 53 tuần).")
        return table
    }
}
