import PropertyBased
import Testing
import TestSupport
@testable import Domain

/// Tallies do not depend on the order of the input rows, and totals are sums of their rows.
@Suite struct PropertyTests {
    static let base = ProvinceGenerator.generate(ProvinceSpec(seed: 11, awards: 1200, planted: [.r2: 1, .r9: 1, .r5: 1])).data

    static func tables(_ data: ProvinceData) -> [ResultTable] {
        [2023, 2024].flatMap { Aggregations.all(data, year: $0) }
    }

    /// Every cell's value and, for record cells, its records mapped to a stable identity.
    static func fingerprint(_ tables: [ResultTable], identity: (RecordKind, Int32) -> Int32) -> [[String]] {
        tables.map { t in
            var out: [String] = [t.id] + t.rows.map(\.key)
            for r in t.rows.indices {
                for c in t.columns.indices {
                    var s = "\(t.cells[r][c].value)"
                    if let set = t.cells[r][c].provenance.records {
                        let ids = set.indices.map { identity(set.kind, $0) }.sorted()
                        s += " \(set.kind) \(ids)"
                    }
                    out.append(s)
                }
            }
            return out
        }
    }

    @Test("tallies, sources and findings are the same whatever the order of the award rows")
    func invariantToRowOrder() async {
        let base = Self.base
        let reference = Self.fingerprint(Self.tables(base)) { $1 }
        let findings = Set(RuleChecker.check(base).violations.map(\.key))
        #expect(findings.count == 3)
        await propertyCheck(count: 12, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SeededGenerator(seed: UInt64(seed))
            func permutation(_ n: Int) -> [Int] {
                var order = Array(0..<n)
                order.shuffle(using: &rng)
                return order
            }
            let awards = permutation(base.awards.count), heads = permutation(base.unitYears.count)
            let scores = permutation(base.scores.count), outputs = permutation(base.propaganda.count)
            var shuffled = base
            shuffled.awards = awards.map { base.awards[$0] }
            shuffled.unitYears = heads.map { base.unitYears[$0] }
            shuffled.scores = scores.map { base.scores[$0] }
            shuffled.propaganda = outputs.map { base.propaganda[$0] }
            shuffled.ratings.shuffle(using: &rng)
            // Position in a shuffled list → index in the original list.
            let fingerprint = Self.fingerprint(Self.tables(shuffled)) { kind, i in
                switch kind {
                case .award: return Int32(awards[Int(i)])
                case .unitYear: return Int32(heads[Int(i)])
                case .score: return Int32(scores[Int(i)])
                case .propaganda: return Int32(outputs[Int(i)])
                default: return i
                }
            }
            #expect(fingerprint == reference)
            #expect(Set(RuleChecker.check(shuffled).violations.map(\.key)) == findings)
        }
    }

    @Test("the total row equals the sum of the unit rows")
    func totalsAreSums() async {
        await propertyCheck(count: 6, input: Gen.int(in: 1...1_000_000)) { seed in
            let data = ProvinceGenerator.generate(ProvinceSpec(seed: UInt64(seed), awards: 600)).data
            for year in [2023, 2024] {
                let t1 = Aggregations.t1(data, year: year)
                let total = t1.row("tong_cong")!
                let units = t1.rows.indices.filter { t1.rows[$0].kind == .data }
                #expect(units.count == total)
                for key in ["tong_so", "ldtt", "cstdcs", "cstd_tinh", "cstdtq", "ttldtt", "ttldxs", "co_tinh", "co_cp"] {
                    let c = t1.column(key)!
                    let sum = units.reduce(0) { $0 + (t1[$1, c].value.integer ?? 0) }
                    #expect(t1[total, c].value.integer == sum, "T1 \(key) \(year)")
                }
                // Every LĐTT award of the year is in exactly one unit row.
                let ldtt = t1.column("ldtt")!
                let counted = units.flatMap { t1[$0, ldtt].provenance.records?.indices ?? [] }
                #expect(Set(counted).count == counted.count)
                #expect(counted.count == data.awards.filter { Int($0.year) == year && ["LDTT", "CSTT"].contains(data.entry($0).code) }.count)

                let t5 = Aggregations.t5(data, year: year)
                let t5Total = t5.row("tong_cong")!
                for c in 2...7 {
                    let sum = (0..<t5Total).reduce(0) { $0 + (t5[$1, c].value.integer ?? 0) }
                    #expect(t5[t5Total, c].value.integer == sum)
                }
                let t2 = Aggregations.t2(data, year: year)
                let t2Total = t2.row("tong_cong")!
                let cTotal = t2.column("tong_so")!
                let levels = t2.rows.indices.filter { t2.rows[$0].kind == .subtotal }
                #expect(t2[t2Total, cTotal].value.integer == levels.reduce(0) { $0 + (t2[$1, cTotal].value.integer ?? 0) })
                #expect(t2[t2Total, cTotal].value.integer == data.awards.filter { Int($0.year) == year }.count)
                for t in Aggregations.all(data, year: year) { #expect(t.inconsistencies().isEmpty, "\(t.id): \(t.inconsistencies().prefix(3))") }
            }
        }
    }
}
