import Vietnamese

/// What a cụm/khối proposes for a unit from its ranking.
public enum ClusterProposal: String, Sendable, Hashable {
    /// Cờ thi đua (of the province).
    case flag = "co_thi_dua"
    /// Bằng khen của Chủ tịch UBND tỉnh.
    case certificate = "bang_khen"

    public var label: String { self == .flag ? "Cờ thi đua" : "Bằng khen" }
}

/// One unit's place in its cụm/khối for a year.
public struct ClusterStanding: Sendable, Hashable {
    public var unit: Int32
    /// Σ self score × weight.
    public var selfScore: Double
    /// Σ cluster score × weight (a criterion without a cluster score counts its self score).
    public var clusterScore: Double
    /// Bonus and penalty points after the caps.
    public var bonus: Double
    public var penalty: Double
    /// clusterScore + bonus − penalty; nil when the unit was not scored.
    public var total: Double?
    /// Competition rank (1, 1, 3 …); nil when not scored.
    public var rank: Int?
    /// Equal total (after the tie-breakers) with another unit: "cần bình xét".
    public var tied: Bool
    public var proposal: ClusterProposal?
    /// Criteria scored only by the unit itself.
    public var criteriaWithoutClusterScore: Int
    /// Criteria of the sheet with no score line at all.
    public var criteriaMissing: Int
    /// Weighted score per criteria group code.
    public var groupScores: [String: Double]
    public var votes: Int?
    /// The score records behind the figures.
    public var records: [Int32]
}

/// The ranking of one cụm/khối in one year.
public struct ClusterRanking: Sendable, Hashable {
    public var cluster: Int32
    public var year: Int
    /// Scored units by rank (ties in unit order), then units without scores.
    public var standings: [ClusterStanding]
    public var flags: Int
    public var certificates: Int

    /// The standing of a unit.
    public func standing(_ unit: Int32) -> ClusterStanding? { standings.first { $0.unit == unit } }
}

extension Aggregations {
    /// Rankings of every cụm/khối that has the year, in file order.
    public static func clusterRankings(_ data: ProvinceData, year: Int) -> [ClusterRanking] {
        var byCluster: [Int32: [Int32]] = [:]
        for (i, s) in data.scores.enumerated() where s.year == year { byCluster[s.cluster, default: []].append(Int32(i)) }
        let order = DomainIndex(data).unitRank
        var out: [ClusterRanking] = []
        for (ci, cluster) in data.clusters.enumerated() {
            guard let cy = cluster.year(year) else { continue }
            out.append(ranking(data, cluster: Int32(ci), year: cy, records: byCluster[Int32(ci)] ?? [], unitRank: order))
        }
        return out
    }

    static func ranking(_ data: ProvinceData, cluster ci: Int32, year cy: ClusterYear, records: [Int32],
                        unitRank: [Int32]) -> ClusterRanking {
        let s = data.settings
        let cluster = data.clusters[Int(ci)]
        let criteriaCount = cy.groups.reduce(0) { $0 + $1.criteria.count }
        var standings: [ClusterStanding] = []
        for u in cy.members {
            let mine = records.filter { data.scores[Int($0)].unit == u }
            var self_ = 0.0, clusterScore = 0.0, bonus = 0.0, penalty = 0.0
            var selfOnly = 0
            var scored = Set<Int>()
            var groups: [String: Double] = [:]
            var votes: Int?
            for r in mine {
                let rec = data.scores[Int(r)]
                bonus += rec.bonus
                penalty += rec.penalty
                if let v = rec.votes { votes = (votes ?? 0) + v }
                guard let ref = rec.criterion else { continue }
                let criterion = cy.groups[ref.group].criteria[ref.index]
                scored.insert(ref.group * 10_000 + ref.index)
                let own = rec.selfScore ?? 0
                let theirs: Double
                if let c = rec.clusterScore { theirs = c } else {
                    theirs = own
                    selfOnly += 1
                }
                self_ += own * criterion.weight
                clusterScore += theirs * criterion.weight
                groups[cy.groups[ref.group].code, default: 0] += theirs * criterion.weight
            }
            if let cap = cy.maxBonus ?? s.maxBonusPoints { bonus = min(bonus, cap) }
            if let cap = cy.maxPenalty ?? s.maxPenaltyPoints { penalty = min(penalty, cap) }
            let total = mine.isEmpty ? nil : Self.round4(clusterScore + bonus - penalty)
            standings.append(ClusterStanding(unit: u, selfScore: Self.round4(self_), clusterScore: Self.round4(clusterScore),
                                             bonus: bonus, penalty: penalty, total: total, rank: nil, tied: false,
                                             proposal: nil, criteriaWithoutClusterScore: selfOnly,
                                             criteriaMissing: mine.isEmpty ? criteriaCount : criteriaCount - scored.count,
                                             groupScores: groups, votes: votes, records: mine))
        }
        // Order: total descending, then the tie-breakers, then unit order (stable, for output).
        func key(_ x: ClusterStanding) -> [Double] {
            var k = [x.total ?? -Double.infinity]
            for t in s.tieBreakers {
                switch t {
                case .group(let g): k.append(Self.round4(x.groupScores[g] ?? 0))
                case .fewerPenalty: k.append(-x.penalty)
                case .votes: k.append(Double(x.votes ?? 0))
                }
            }
            return k
        }
        standings.sort { a, b in
            let ka = key(a), kb = key(b)
            if ka != kb { return ka.lexicographicallyPrecedes(kb, by: >) }
            return unitRank[Int(a.unit)] < unitRank[Int(b.unit)]
        }
        let scoredCount = standings.filter { $0.total != nil }.count
        for i in 0..<scoredCount {
            if i > 0 && key(standings[i]) == key(standings[i - 1]) {
                standings[i].rank = standings[i - 1].rank
                standings[i].tied = true
                standings[i - 1].tied = true
            } else {
                standings[i].rank = i + 1
            }
        }
        let flags = cluster.flags ?? s.flagsPerCluster
        let certificates = cluster.certificates.map { CertificateCount.fixed($0) } ?? s.certificatesPerCluster
        let certificateCount = certificates.count(rankedUnits: scoredCount, flags: flags)
        for i in 0..<scoredCount {
            let rank = standings[i].rank!
            if rank <= flags {
                standings[i].proposal = .flag
            } else if rank <= flags + certificateCount {
                standings[i].proposal = .certificate
            }
        }
        return ClusterRanking(cluster: ci, year: cy.year, standings: standings, flags: flags, certificates: certificateCount)
    }

    static func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    // MARK: T4

    /// T4: kết quả chấm điểm, xếp hạng cụm, khối thi đua: STT · Cụm, khối · Đơn vị · Điểm tự
    /// chấm · Điểm cụm chấm · Điểm cộng · Điểm trừ · Tổng điểm · Xếp hạng · Đề nghị · Ghi chú.
    public static func t4(_ data: ProvinceData, year: Int, rankings: [ClusterRanking]? = nil) -> ResultTable {
        let list = rankings ?? clusterRankings(data, year: year)
        var table = ResultTable(id: "T4", title: "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG CỤM, KHỐI THI ĐUA NĂM \(year)", year: year, columns: [
            ResultColumn("stt", "STT", kind: .serial),
            ResultColumn("cum_khoi", "Cụm, khối", kind: .label),
            ResultColumn("don_vi", "Đơn vị", kind: .label),
            ResultColumn("tu_cham", "Điểm tự chấm", kind: .score),
            ResultColumn("cum_cham", "Điểm cụm chấm", kind: .score),
            ResultColumn("diem_cong", "Điểm cộng", kind: .score),
            ResultColumn("diem_tru", "Điểm trừ", kind: .score),
            ResultColumn("tong_diem", "Tổng điểm", kind: .score),
            ResultColumn("xep_hang", "Xếp hạng", kind: .rank),
            ResultColumn("de_nghi", "Đề nghị", kind: .text),
            ResultColumn("ghi_chu", "Ghi chú", kind: .text),
        ])
        for ranking in list {
            let cluster = data.clusters[Int(ranking.cluster)]
            let cy = cluster.year(year)
            table.rows.append(ResultRow("cum_khoi:\(cluster.code)", cluster.name, kind: .group))
            var groupCells = Array(repeating: ResultCell.empty, count: table.columns.count)
            groupCells[1] = ResultCell(.text(cluster.name))
            table.cells.append(groupCells)
            var serial = 0
            for st in ranking.standings {
                serial += 1
                let r = table.rows.count
                let set = RecordSet(.score, st.records)
                var cells = Array(repeating: ResultCell.empty, count: table.columns.count)
                cells[0] = ResultCell(.integer(serial))
                cells[1] = ResultCell(.text(cluster.name))
                cells[2] = ResultCell(.text(data.unitName(st.unit)))
                var notes: [String] = []
                if st.total != nil {
                    cells[3] = ResultCell(.decimal(st.selfScore), .records(set))
                    cells[4] = ResultCell(.decimal(st.clusterScore), .records(set))
                    cells[5] = ResultCell(.decimal(st.bonus), .records(set))
                    cells[6] = ResultCell(.decimal(st.penalty), .records(set))
                    cells[7] = ResultCell(.decimal(st.total!), .linear([
                        Provenance.Term(CellRef(row: r, column: 4)), Provenance.Term(CellRef(row: r, column: 5)),
                        Provenance.Term(CellRef(row: r, column: 6), -1),
                    ]))
                    cells[8] = ResultCell(.integer(st.rank!))
                } else {
                    notes.append("Chưa chấm điểm")
                }
                if let p = st.proposal { cells[9] = ResultCell(.text(p.label)) }
                if st.tied { notes.append("Bằng điểm: cần bình xét") }
                if cy?.leader == st.unit { notes.append(cluster.kind == .cum ? "Cụm trưởng" : "Khối trưởng") }
                if cy?.deputies.contains(st.unit) == true { notes.append(cluster.kind == .cum ? "Cụm phó" : "Khối phó") }
                if st.criteriaWithoutClusterScore > 0 { notes.append("\(st.criteriaWithoutClusterScore) tiêu chí chưa có điểm cụm chấm (tính điểm tự chấm)") }
                if st.total != nil && st.criteriaMissing > 0 { notes.append("\(st.criteriaMissing) tiêu chí chưa chấm") }
                if !notes.isEmpty { cells[10] = ResultCell(.text(notes.joined(separator: "; "))) }
                table.rows.append(ResultRow("don_vi:\(cluster.code):\(data.units[Int(st.unit)].code)", data.unitName(st.unit), level: 1))
                table.cells.append(cells)
            }
        }
        let s = data.settings
        table.notes.append("Cờ thi đua: \(s.flagsPerCluster) đơn vị mỗi cụm, khối; Bằng khen: \(s.certificatesPerCluster.label) (chưa xác nhận).")
        table.notes.append("Bằng điểm: " + (s.tieBreakers.isEmpty ? "cùng hạng, cần bình xét." : "xét lần lượt " + s.tieBreakers.map(\.label).joined(separator: ", ") + "; còn bằng thì cùng hạng."))
        return table
    }
}
