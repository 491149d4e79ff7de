/// Lookups computed once per model and shared by the aggregations and the rule checks: the
/// role of each catalogue entry, awards by year, units in hierarchy order, headcount by
/// unit and year.
public struct DomainIndex: Sendable {
    /// Role of each catalogue entry.
    public let roles: [AwardRole]
    /// Award indices of each year, in input order.
    public let awardsByYear: [Int: [Int32]]
    /// Units in hierarchy order (depth first, siblings in file order).
    public let unitOrder: [Int32]
    /// Position of each unit in `unitOrder`.
    public let unitRank: [Int32]
    private let unitYearIndex: [Int64: Int32]

    public init(_ data: ProvinceData) {
        roles = data.catalogue.entries.map(\.role)
        var byYear: [Int: [Int32]] = [:]
        for (i, a) in data.awards.enumerated() { byYear[Int(a.year), default: []].append(Int32(i)) }
        awardsByYear = byYear
        var children = Array(repeating: [Int32](), count: data.units.count)
        var roots: [Int32] = []
        for (i, u) in data.units.enumerated() {
            if u.parent >= 0 { children[Int(u.parent)].append(Int32(i)) } else { roots.append(Int32(i)) }
        }
        var order: [Int32] = []
        order.reserveCapacity(data.units.count)
        var visited = Array(repeating: false, count: data.units.count)
        var stack = roots.reversed().map { $0 }
        while let u = stack.popLast() {
            if visited[Int(u)] { continue }
            visited[Int(u)] = true
            order.append(u)
            stack.append(contentsOf: children[Int(u)].reversed())
        }
        // Units inside a parent cycle (reported by the loader) still get a place.
        for i in data.units.indices where !visited[i] { order.append(Int32(i)) }
        unitOrder = order
        var rank = Array(repeating: Int32(0), count: data.units.count)
        for (k, u) in order.enumerated() { rank[Int(u)] = Int32(k) }
        unitRank = rank
        var uy: [Int64: Int32] = [:]
        for (i, r) in data.unitYears.enumerated() { uy[DomainIndex.key(r.unit, r.year)] = Int32(i) }
        unitYearIndex = uy
    }

    static func key(_ a: Int32, _ year: Int) -> Int64 { Int64(a) << 16 | Int64(year & 0xFFFF) }

    /// Index of the headcount record of a unit in a year.
    public func unitYear(_ unit: Int32, _ year: Int) -> Int32? { unitYearIndex[DomainIndex.key(unit, year)] }

    public func awards(in year: Int) -> [Int32] { awardsByYear[year] ?? [] }

    public func role(_ award: Award) -> AwardRole { roles[Int(award.entry)] }
}
