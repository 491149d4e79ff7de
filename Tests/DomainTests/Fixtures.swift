import Foundation
import Ingest
import Vietnamese
@testable import Domain

/// Small hand-built provinces for rule and aggregation tests.
enum Fixture {
    /// UBND tỉnh with three sở.
    static func province(settings: DomainSettings = .default) -> ProvinceBuilder {
        var b = ProvinceBuilder(settings: settings)
        b.unit("UBND", "UBND tỉnh Thử Nghiệm", level: .province, type: .government)
        b.unit("SNV", "Sở Nội vụ", parent: "UBND")
        b.unit("STC", "Sở Tài chính", parent: "UBND")
        b.unit("SYT", "Sở Y tế", parent: "UBND")
        return b
    }

    /// `count` people of `unit` with LĐTT in `year` (codes "\(unit)-\(k)"), rated `rating`.
    static func ldtt(_ b: inout ProvinceBuilder, _ unit: String, _ year: Int, count: Int, from: Int = 0,
                     rating: Rating = .good) {
        for k in from..<(from + count) {
            b.award("LDTT", year: year, person: "Người \(unit) \(k)", personCode: "\(unit)-\(k)", unit: unit, rating: rating)
        }
    }

    /// CSTĐCS for people `from..<from+count` of `unit` (each with a fresh initiative).
    static func cstdcs(_ b: inout ProvinceBuilder, _ unit: String, _ year: Int, count: Int, from: Int = 0) {
        for k in from..<(from + count) {
            b.award("CSTDCS", year: year, person: "Người \(unit) \(k)", personCode: "\(unit)-\(k)", unit: unit,
                    initiative: "SK-\(unit)-\(year)-\(k)")
        }
    }

    static func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { try! CivilDate(year: y, month: m, day: d) }

    /// A cluster of the given units with one criterion group (I.1 max 50, I.2 max 50) and the
    /// given (I.1, I.2, bonus, penalty) scores per unit.
    static func cluster(_ b: inout ProvinceBuilder, code: String = "K1", year: Int, members: [String],
                        scores: [String: (Double, Double, Double, Double)], flags: Int? = nil, certificates: Int? = nil) {
        let ids = members.map { b.unitIndex(code: $0)! }
        let groups = [
            CriteriaGroup(code: "I", name: "Nhiệm vụ", criteria: [
                Criterion(code: "I.1", name: "Chỉ tiêu", maxPoints: 50, weight: 1),
            ]),
            CriteriaGroup(code: "II", name: "Thi đua", criteria: [
                Criterion(code: "II.1", name: "Phong trào", maxPoints: 50, weight: 1),
            ]),
        ]
        let ci = Int32(b.data.clusters.count)
        b.addCluster(Cluster(code: code, name: "Khối \(code)", kind: .khoi, flags: flags, certificates: certificates,
                             years: [ClusterYear(year: year, members: ids, leader: ids.first, deputies: [], groups: groups,
                                                 maxBonus: nil, maxPenalty: nil, origin: .none)], origin: .none))
        for (unit, s) in scores.sorted(by: { $0.key < $1.key }) {
            let u = b.unitIndex(code: unit)!
            b.addScore(ScoreRecord(cluster: ci, year: year, unit: u, criterion: .init(group: 0, index: 0), selfScore: s.0,
                                   clusterScore: s.0, bonus: 0, penalty: 0, votes: nil, origin: .none))
            b.addScore(ScoreRecord(cluster: ci, year: year, unit: u, criterion: .init(group: 1, index: 0), selfScore: s.1,
                                   clusterScore: s.1, bonus: 0, penalty: 0, votes: nil, origin: .none))
            b.addScore(ScoreRecord(cluster: ci, year: year, unit: u, criterion: nil, selfScore: nil, clusterScore: nil,
                                   bonus: s.2, penalty: s.3, votes: nil, origin: .none))
        }
    }

    /// The violations of one rule.
    static func violations(_ data: ProvinceData, _ rule: RuleID, years: [Int]? = nil) -> [Violation] {
        RuleChecker.check(data, years: years).violations.filter { $0.rule == rule }
    }
}

/// A temporary folder removed by `remove()`.
struct TempFolder {
    let path: String
    init(_ name: String) {
        path = NSTemporaryDirectory() + "tdkt-domain-\(name)-\(getpid())-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    /// Writes `text` (with a BOM when asked) to `name`.
    func write(_ name: String, _ text: String, bom: Bool = false) {
        let url = URL(fileURLWithPath: file(name))
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var data = Data(bom ? [0xEF, 0xBB, 0xBF] : [])
        data.append(Data(text.utf8))
        try! data.write(to: url)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The repository root (for the shipped catalogue file).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
