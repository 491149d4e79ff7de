import Ingest
import Vietnamese

/// The rule checks of §4 of the domain reference.
public enum RuleID: String, CaseIterable, Sendable, Hashable, Comparable {
    case r1 = "R1", r2 = "R2", r3 = "R3", r4 = "R4", r5 = "R5", r6 = "R6"
    case r7 = "R7", r8 = "R8", r9 = "R9", r10 = "R10", r11 = "R11", r12 = "R12"

    public var number: Int { Int(rawValue.dropFirst())! }

    public static func < (a: RuleID, b: RuleID) -> Bool { a.number < b.number }

    /// The legal basis the violation cites.
    public var article: String {
        switch self {
        case .r1: return "Điều 23 Luật Thi đua, khen thưởng 2022"
        case .r2: return "Điều 9 Nghị định 91/2017/NĐ-CP (quy định cũ; còn áp dụng hay không: chưa xác nhận)"
        case .r3: return "Điều 22 Luật Thi đua, khen thưởng 2022"
        case .r4: return "Điều 21 Luật Thi đua, khen thưởng 2022"
        case .r5: return "Điều 27 Luật Thi đua, khen thưởng 2022 (tiêu chí theo cách viết của luật cũ)"
        case .r6: return "Điều 28 Luật Thi đua, khen thưởng 2022 (tiêu chí theo cách viết của luật cũ)"
        case .r7: return "Điều 26 Luật Thi đua, khen thưởng 2022"
        case .r8: return "Điều 25 Luật Thi đua, khen thưởng 2022"
        case .r9: return "Điều 5 Luật Thi đua, khen thưởng 2022"
        case .r10: return "Tính toàn vẹn của dữ liệu"
        case .r11: return "Quy định cũ về Bằng khen cấp tỉnh (năm 2022: chưa xác nhận)"
        case .r12: return "Điều 24 Luật Thi đua, khen thưởng 2022"
        }
    }

    /// What the rule requires, in one line.
    public var summary: String {
        switch self {
        case .r1: return "Chiến sĩ thi đua cơ sở năm Y phải đạt Lao động tiên tiến (Chiến sĩ tiên tiến) năm Y"
        case .r2: return "Số Chiến sĩ thi đua cơ sở không quá tỷ lệ quy định so với số Lao động tiên tiến của đơn vị"
        case .r3: return "Chiến sĩ thi đua cấp tỉnh năm Y phải có 3 lần liên tục Chiến sĩ thi đua cơ sở"
        case .r4: return "Chiến sĩ thi đua toàn quốc phải có 2 lần liên tục Chiến sĩ thi đua cấp tỉnh"
        case .r5: return "Tập thể lao động xuất sắc: 100% hoàn thành nhiệm vụ, đủ tỷ lệ LĐTT, có CSTĐCS, không ai bị kỷ luật từ cảnh cáo"
        case .r6: return "Tập thể lao động tiên tiến: trên tỷ lệ LĐTT quy định, không ai bị kỷ luật từ cảnh cáo"
        case .r7: return "Cờ thi đua của UBND tỉnh cho đơn vị dẫn đầu cụm, khối"
        case .r8: return "Cờ thi đua của Chính phủ cho đơn vị dẫn đầu cụm, khối"
        case .r9: return "Một thành tích chỉ khen một lần: không trùng hình thức trong năm, một quyết định hay một sáng kiến không dùng cho hai hình thức"
        case .r10: return "Người, đơn vị được khen phải có trong danh sách của năm"
        case .r11: return "Bằng khen của Chủ tịch UBND tỉnh cho cá nhân cần các năm liên tục hoàn thành xuất sắc nhiệm vụ"
        case .r12: return "Lao động tiên tiến phải được xếp loại từ hoàn thành tốt nhiệm vụ trở lên"
        }
    }
}

/// One rule broken: the rule and its article, the unit and person, the numbers, the records.
public struct Violation: Sendable, Hashable {
    public var rule: RuleID
    public var year: Int
    /// Unit index (-1 when none).
    public var unit: Int32
    public var unitCode: String?
    public var unitName: String?
    /// Person or collective concerned (nil for unit-level rules like R2).
    public var subject: String?
    public var subjectCode: String?
    /// The full sentence with the numbers ("Sở X: 5 CSTĐCS > 15 % × 28 LĐTT = 4 (năm 2024)").
    public var message: String
    /// The numbers in the message, by name.
    public var numbers: [String: Int]
    /// The awards concerned.
    public var awards: [Int32]
    /// Where those records were read.
    public var locations: [SourceLocation]

    public var article: String { rule.article }

    /// A stable identity: rule, year, unit code, subject.
    public var key: String {
        "\(rule.rawValue)|\(year)|\(unitCode ?? "")|\(subjectCode ?? subject ?? "")"
    }
}

/// The outcome of a check run.
public struct CheckReport: Sendable {
    public var violations: [Violation]
    public var checkedYears: [Int]
    /// Awards a rule could not check for lack of data (e.g. R12 without a rating).
    public var notCheckable: [RuleID: Int]
    public var rulesRun: [RuleID]
    public var isClean: Bool { violations.isEmpty }
}

/// Runs R1–R12 over a model.
public enum RuleChecker {
    /// Checks `years` (default: `ProvinceData.defaultCheckedYears`); consecutive-year rules
    /// read the earlier years of the data as history.
    public static func check(_ data: ProvinceData, years: [Int]? = nil, index: DomainIndex? = nil) -> CheckReport {
        var run = CheckRun(data: data, index: index ?? DomainIndex(data), years: years ?? data.defaultCheckedYears)
        run.all()
        return run.report()
    }
}

// MARK: - The run

struct DecisionKey: Hashable, Comparable {
    var subject: Int32
    var decision: Int32
    var day: Int32
    static func < (a: DecisionKey, b: DecisionKey) -> Bool {
        (a.subject, a.decision, a.day) < (b.subject, b.decision, b.day)
    }
}

struct SubjectYearShape {
    var subjects: Int
    var minYear: Int
    var span: Int
    /// Dense (subjects × years array) when it stays under 24 M slots, else a dictionary.
    var dense: Bool
    init(subjects: Int, minYear: Int, maxYear: Int) {
        self.subjects = subjects
        self.minYear = minYear
        span = maxYear - minYear + 1
        dense = subjects * span <= 24_000_000
    }
}

/// A value per (subject, year), zero by default: an array when small enough, else a
/// dictionary (a long history of many people).
struct SubjectYearTable<T: FixedWidthInteger> {
    let shape: SubjectYearShape
    var array: [T]
    var sparse: [Int64: T] = [:]

    init(_ shape: SubjectYearShape) {
        self.shape = shape
        array = shape.dense ? Array(repeating: 0, count: shape.subjects * shape.span) : []
    }

    subscript(_ subject: Int32, _ year: Int) -> T {
        get {
            let d = year - shape.minYear
            guard d >= 0 && d < shape.span && subject >= 0 else { return 0 }
            if shape.dense { return array[Int(subject) * shape.span + d] }
            return sparse[Int64(subject) << 16 | Int64(d)] ?? 0
        }
        set {
            let d = year - shape.minYear
            guard d >= 0 && d < shape.span && subject >= 0 else { return }
            if shape.dense { array[Int(subject) * shape.span + d] = newValue } else { sparse[Int64(subject) << 16 | Int64(d)] = newValue }
        }
    }
}

struct CheckRun {
    let data: ProvinceData
    let ix: DomainIndex
    let years: [Int]
    let s: DomainSettings
    var violations: [Violation] = []
    var notCheckable: [RuleID: Int] = [:]
    var rulesRun: [RuleID] = []

    /// Role bits of each (subject, year), over all years (history included).
    var bits: SubjectYearTable<UInt32>
    /// Distinct LĐTT/CSTT and CSTĐCS persons per (unit, year), checked years only.
    var ldttCount: [Int64: Int] = [:]
    var cstdcsCount: [Int64: Int] = [:]
    /// Ratings from xep-loai.csv per (subject, year): record index + 1 (0 = none).
    var yearRating: SubjectYearTable<Int32>
    /// Best rating written on award rows per (subject, year): order + 1 (0 = none).
    var rowRating: SubjectYearTable<UInt8>
    var ratingYears = Set<Int>()
    /// From xep-loai.csv per (unit, year): people listed, disciplined ≥ cảnh cáo, not completed.
    var listedByUnit: [Int64: Int] = [:]
    var disciplinedByUnit: [Int64: Int] = [:]
    var notCompletedByUnit: [Int64: Int] = [:]
    /// CSTĐCS awards per (unit, year), checked years.
    var cstdcsAwards: [Int64: [Int32]] = [:]
    let awardYears: Set<Int>

    init(data: ProvinceData, index: DomainIndex, years: [Int]) {
        self.data = data
        self.ix = index
        self.years = years.sorted()
        self.s = data.settings
        awardYears = Set(data.awardYears)
        var lo = Int.max, hi = Int.min
        for y in awardYears { lo = min(lo, y); hi = max(hi, y) }
        for r in data.ratings { lo = min(lo, r.year); hi = max(hi, r.year) }
        if lo > hi { lo = 0; hi = 0 }
        let shape = SubjectYearShape(subjects: data.subjects.count, minYear: lo, maxYear: hi)
        bits = SubjectYearTable(shape)
        yearRating = SubjectYearTable(shape)
        rowRating = SubjectYearTable(shape)
    }

    static func key(_ a: Int32, _ y: Int) -> Int64 { Int64(a) << 16 | Int64(y & 0xFFFF) }

    mutating func prepare() {
        let checked = Set(years)
        // Distinct persons: a (subject, year) is counted the first time its role bit is set.
        let counted = AwardRole.ldtt.bit | AwardRole.cstt.bit
        for (i, a) in data.awards.enumerated() {
            let role = ix.roles[Int(a.entry)]
            let y = Int(a.year)
            let before = bits[a.subject, y]
            if role != .none { bits[a.subject, y] = before | role.bit }
            if let r = a.rating {
                let v = UInt8(r.order + 1)
                if v > rowRating[a.subject, y] { rowRating[a.subject, y] = v }
            }
            guard checked.contains(y) else { continue }
            if role == .ldtt || role == .cstt {
                if before & counted == 0 { ldttCount[Self.key(a.unit, y), default: 0] += 1 }
            } else if role == .cstdcs {
                if before & role.bit == 0 { cstdcsCount[Self.key(a.unit, y), default: 0] += 1 }
                cstdcsAwards[Self.key(a.unit, y), default: []].append(Int32(i))
            }
        }
        for (i, r) in data.ratings.enumerated() {
            yearRating[r.subject, r.year] = Int32(i + 1)
            ratingYears.insert(r.year)
            let uk = Self.key(r.unit, r.year)
            listedByUnit[uk, default: 0] += 1
            if let d = r.discipline, d >= .warning { disciplinedByUnit[uk, default: 0] += 1 }
            if r.rating == .notCompleted { notCompletedByUnit[uk, default: 0] += 1 }
        }
    }

    func has(_ subject: Int32, _ year: Int, _ role: AwardRole, _ other: AwardRole = .none) -> Bool {
        let b = bits[subject, year]
        return b & role.bit != 0 || (other != .none && b & other.bit != 0)
    }

    func rating(_ subject: Int32, _ year: Int) -> Rating? {
        let i = yearRating[subject, year]
        if i > 0, let r = data.ratings[Int(i - 1)].rating { return r }
        let v = rowRating[subject, year]
        return v == 0 ? nil : Rating.allCases[Int(v) - 1]
    }

    mutating func all() {
        prepare()
        let checked = Set(years)
        var rankings: [Int: [ClusterRanking]] = [:]
        for y in years { rankings[y] = Aggregations.clusterRankings(data, year: y) }
        rulesRun = RuleID.allCases.filter { $0 != .r11 || s.r11Enabled }

        // Per-award rules, in input order. R9 keys are collected and sorted afterwards.
        var sameForm: [(key: UInt64, award: Int32)] = []
        // A decision is its number and date (numbers restart every year); without a date, the
        // award year stands in.
        var sameDecision: [(key: DecisionKey, award: Int32)] = []
        for y in years {
            for ai in ix.awards(in: y) {
                let a = data.awards[Int(ai)]
                let role = ix.roles[Int(a.entry)]
                switch role {
                case .cstdcs: r1(ai, a, y)
                case .cstdTinh: r3(ai, a, y)
                case .cstdtq: r4(ai, a, y)
                case .ttldxs: r5(ai, a, y)
                case .ttldtt: r6(ai, a, y)
                case .coTinh: r78(.r7, ai, a, y, rankings[y] ?? [])
                case .coCP: r78(.r8, ai, a, y, rankings[y] ?? [])
                case .bkTinh: if s.r11Enabled { r11(ai, a, y) }
                case .ldtt, .cstt: r12(ai, a, y)
                case .none: break
                }
                r10(ai, a, y)
                // R9 (a): same subject, same entry, same year. (b): one decision, two forms.
                sameForm.append((UInt64(UInt32(bitPattern: a.subject)) << 32 | UInt64(UInt16(a.entry)) << 16 | UInt64(UInt16(a.year)), ai))
                if a.decision >= 0 {
                    sameDecision.append((DecisionKey(subject: a.subject, decision: a.decision,
                                                     day: a.decisionDay == Int32.min ? -Int32(a.year) : a.decisionDay), ai))
                }
            }
            for (u, count) in cstdcsByUnit(y) { r2(u, y, count) }
        }
        sameForm.sort { $0.key != $1.key ? $0.key < $1.key : $0.award < $1.award }
        var k = 0
        while k < sameForm.count {
            var e = k + 1
            while e < sameForm.count && sameForm[e].key == sameForm[k].key { e += 1 }
            if e - k > 1 { r9Duplicate(sameForm[k..<e].map(\.award)) }
            k = e
        }
        sameDecision.sort { $0.key != $1.key ? $0.key < $1.key : $0.award < $1.award }
        k = 0
        while k < sameDecision.count {
            var e = k + 1
            while e < sameDecision.count && sameDecision[e].key == sameDecision[k].key { e += 1 }
            if e - k > 1 {
                let group = sameDecision[k..<e].map(\.award)
                if Set(group.map { data.awards[Int($0)].entry }).count > 1 { r9Decision(group) }
            }
            k = e
        }
        // R9 (c): one initiative for more than one award (history included; reported in the
        // year of its last use when that year is checked).
        var initiatives: [Int32: [Int32]] = [:]
        for (i, a) in data.awards.enumerated() where a.initiative >= 0 { initiatives[a.initiative, default: []].append(Int32(i)) }
        for (_, list) in initiatives where list.count > 1 {
            let last = list.max { data.awards[Int($0)].year < data.awards[Int($1)].year }!
            if checked.contains(Int(data.awards[Int(last)].year)) { r9Initiative(list) }
        }
    }

    func cstdcsByUnit(_ y: Int) -> [(Int32, Int)] {
        cstdcsCount.compactMap { k, v in Int(k & 0xFFFF) == (y & 0xFFFF) ? (Int32(k >> 16), v) : nil }
    }

    // MARK: Building violations

    func subjectName(_ a: Award) -> String { data.subjects[Int(a.subject)].name }

    func label(_ a: Award) -> String {
        let subject = data.subjects[Int(a.subject)]
        if subject.kind == .collective && subject.isUnit { return subject.name }
        return "\(subject.name) (\(data.unitName(a.unit)))"
    }

    func entryName(_ role: AwardRole, _ fallback: String) -> String {
        data.catalogue.index(of: role).map { data.catalogue.entries[$0].name } ?? fallback
    }

    mutating func add(_ rule: RuleID, year: Int, unit: Int32, subject: Int32?, message: String,
                      numbers: [String: Int] = [:], awards: [Int32]) {
        let u = unit >= 0 ? data.units[Int(unit)] : nil
        let subj = subject.map { data.subjects[Int($0)] }
        let showSubject = subj.map { !($0.kind == .collective && $0.isUnit) } ?? false
        violations.append(Violation(
            rule: rule, year: year, unit: unit, unitCode: u?.code, unitName: u?.name,
            subject: showSubject ? subj?.name : nil, subjectCode: showSubject ? subj?.code : nil,
            message: message, numbers: numbers, awards: awards,
            locations: awards.compactMap { data.location(data.awards[Int($0)].origin) }))
    }

    // MARK: R1

    mutating func r1(_ ai: Int32, _ a: Award, _ y: Int) {
        let cstdcs = entryName(.cstdcs, "Chiến sĩ thi đua cơ sở")
        if !has(a.subject, y, .ldtt, .cstt) {
            add(.r1, year: y, unit: a.unit, subject: a.subject,
                message: "\(label(a)): \(cstdcs) năm \(y) nhưng không có \(entryName(.ldtt, "Lao động tiên tiến")) (hoặc Chiến sĩ tiên tiến) năm \(y).",
                awards: [ai])
        } else if s.cstdcsRequiresExcellent {
            let r = rating(a.subject, y)
            if r != .excellent {
                add(.r1, year: y, unit: a.unit, subject: a.subject,
                    message: "\(label(a)): \(cstdcs) năm \(y) nhưng xếp loại năm \(y) là \(r.map { "«\($0.label)»" } ?? "(không có)"), chưa «Hoàn thành xuất sắc nhiệm vụ».",
                    awards: [ai])
            }
        }
    }

    // MARK: R2

    mutating func r2(_ u: Int32, _ y: Int, _ count: Int) {
        let ldtt = ldttCount[Self.key(u, y)] ?? 0
        let quota = s.cstdcsCapRounding.quota(percent: s.cstdcsCapPercent, of: ldtt)
        guard count > quota else { return }
        let pct = VietnameseNumber.format(s.cstdcsCapPercent, fractionDigits: 2, trimZeros: true)
        let awards = cstdcsAwards[Self.key(u, y)] ?? []
        add(.r2, year: y, unit: u, subject: nil,
            message: "\(data.unitName(u)): \(count) CSTĐCS > \(pct) % × \(ldtt) LĐTT = \(quota) (năm \(y), \(s.cstdcsCapRounding.label)).",
            numbers: ["cstdcs": count, "ldtt": ldtt, "toi_da": quota], awards: awards)
    }

    // MARK: R3, R4

    mutating func r3(_ ai: Int32, _ a: Award, _ y: Int) {
        let end = s.cstdTinhWindowEndsAtAwardYear ? y : y - 1
        let window = [end - 2, end - 1, end]
        let missing = window.filter { !has(a.subject, $0, .cstdcs) }
        guard !missing.isEmpty else { return }
        let noData = missing.filter { !awardYears.contains($0) }
        var message = "\(label(a)): \(entryName(.cstdTinh, "Chiến sĩ thi đua cấp tỉnh")) năm \(y) nhưng không có Chiến sĩ thi đua cơ sở năm \(missing.map(String.init).joined(separator: ", ")) (cần 3 năm liên tục \(window[0])–\(window[2]))."
        if !noData.isEmpty { message += " Dữ liệu không có khen thưởng năm \(noData.map(String.init).joined(separator: ", ")): thêm danh sách các năm trước để kiểm tra." }
        add(.r3, year: y, unit: a.unit, subject: a.subject, message: message,
            numbers: ["so_nam_thieu": missing.count], awards: [ai])
    }

    mutating func r4(_ ai: Int32, _ a: Award, _ y: Int) {
        var held: [Int] = []
        for year in stride(from: y, through: y - 40, by: -1) where has(a.subject, year, .cstdTinh) { held.append(year) }
        held.sort()
        var ok = false
        for i in held.indices.dropFirst() where held[i] - held[i - 1] <= s.cstdtqMaxYearsBetween { ok = true }
        guard !ok else { return }
        let found = held.isEmpty ? "không có lần nào" : "chỉ có năm \(held.map(String.init).joined(separator: ", "))"
        add(.r4, year: y, unit: a.unit, subject: a.subject,
            message: "\(label(a)): \(entryName(.cstdtq, "Chiến sĩ thi đua toàn quốc")) năm \(y) nhưng \(entryName(.cstdTinh, "Chiến sĩ thi đua cấp tỉnh")) \(found) — cần 2 lần liên tục (cách nhau không quá \(s.cstdtqMaxYearsBetween) năm) đến năm \(y).",
            numbers: ["so_lan": held.count], awards: [ai])
    }

    // MARK: R5, R6

    /// Headcount facts of a unit-year: headcount, LĐTT, CSTĐCS, disciplined, completed-all.
    func unitFacts(_ u: Int32, _ y: Int) -> (head: Int?, ldtt: Int, cstdcs: Int, disciplined: Int?, allCompleted: Bool?) {
        let k = Self.key(u, y)
        let record = ix.unitYear(u, y).map { data.unitYears[Int($0)] }
        var disciplined = record?.disciplinedWarningOrAbove
        var allCompleted: Bool? = record.flatMap { r in r.completed.map { $0 >= r.headcount } }
        if (listedByUnit[k] ?? 0) > 0 {
            if disciplined == nil { disciplined = disciplinedByUnit[k] ?? 0 }
            if allCompleted == nil { allCompleted = (notCompletedByUnit[k] ?? 0) == 0 }
        }
        return (record?.headcount, ldttCount[k] ?? 0, cstdcsCount[k] ?? 0, disciplined, allCompleted)
    }

    func percentText(_ n: Int, _ d: Int) -> String {
        d == 0 ? "—" : ResultTable.display(.ratio(n, d), kind: .percent, percentDecimals: s.percentDecimals)
    }

    mutating func r5(_ ai: Int32, _ a: Award, _ y: Int) {
        let f = unitFacts(a.unit, y)
        let name = entryName(.ttldxs, "Tập thể lao động xuất sắc")
        guard let head = f.head else {
            add(.r5, year: y, unit: a.unit, subject: a.subject,
                message: "\(label(a)): \(name) năm \(y) nhưng không có số lao động năm \(y) trong \(DataFolder.unitYears) để kiểm tra tiêu chí.",
                awards: [ai])
            return
        }
        var problems: [String] = []
        let minPct = VietnameseNumber.format(s.ttldxsMinLDTTPercent, fractionDigits: 2, trimZeros: true)
        // ldtt / head ≥ min%  ⇔  ldtt × 10000 ≥ min × 100 × head (exact).
        if Double(f.ldtt) * 100 < s.ttldxsMinLDTTPercent * Double(head) - 1e-9 {
            problems.append("\(f.ldtt) LĐTT / \(head) người = \(percentText(f.ldtt, head)) < \(minPct) %")
        }
        if f.cstdcs < s.ttldxsMinCSTDCS { problems.append("\(f.cstdcs) CSTĐCS < \(s.ttldxsMinCSTDCS)") }
        if let d = f.disciplined, d > 0 { problems.append("\(d) người bị kỷ luật từ cảnh cáo trở lên") }
        if s.ttldxsRequireAllCompleted, f.allCompleted == false { problems.append("không phải 100 % hoàn thành nhiệm vụ") }
        guard !problems.isEmpty else { return }
        add(.r5, year: y, unit: a.unit, subject: a.subject,
            message: "\(label(a)): \(name) năm \(y) nhưng \(problems.joined(separator: "; ")).",
            numbers: ["lao_dong": head, "ldtt": f.ldtt, "cstdcs": f.cstdcs, "ky_luat": f.disciplined ?? 0], awards: [ai])
    }

    mutating func r6(_ ai: Int32, _ a: Award, _ y: Int) {
        let f = unitFacts(a.unit, y)
        let name = entryName(.ttldtt, "Tập thể lao động tiên tiến")
        guard let head = f.head else {
            add(.r6, year: y, unit: a.unit, subject: a.subject,
                message: "\(label(a)): \(name) năm \(y) nhưng không có số lao động năm \(y) trong \(DataFolder.unitYears) để kiểm tra tiêu chí.",
                awards: [ai])
            return
        }
        var problems: [String] = []
        let minPct = VietnameseNumber.format(s.ttldttMinLDTTPercent, fractionDigits: 2, trimZeros: true)
        if !(Double(f.ldtt) * 100 > s.ttldttMinLDTTPercent * Double(head) + 1e-9) {
            problems.append("\(f.ldtt) LĐTT / \(head) người = \(percentText(f.ldtt, head)), không trên \(minPct) %")
        }
        if let d = f.disciplined, d > 0 { problems.append("\(d) người bị kỷ luật từ cảnh cáo trở lên") }
        guard !problems.isEmpty else { return }
        add(.r6, year: y, unit: a.unit, subject: a.subject,
            message: "\(label(a)): \(name) năm \(y) nhưng \(problems.joined(separator: "; ")).",
            numbers: ["lao_dong": head, "ldtt": f.ldtt, "ky_luat": f.disciplined ?? 0], awards: [ai])
    }

    // MARK: R7, R8

    mutating func r78(_ rule: RuleID, _ ai: Int32, _ a: Award, _ y: Int, _ rankings: [ClusterRanking]) {
        let name = rule == .r7 ? entryName(.coTinh, "Cờ thi đua của Ủy ban nhân dân tỉnh") : entryName(.coCP, "Cờ thi đua của Chính phủ")
        let mine = rankings.filter { r in data.clusters[Int(r.cluster)].year(y)?.members.contains(a.unit) ?? false }
        if mine.isEmpty {
            add(rule, year: y, unit: a.unit, subject: a.subject,
                message: "\(label(a)): \(name) năm \(y) nhưng đơn vị không thuộc cụm, khối thi đua nào năm \(y) (\(DataFolder.clusters).yaml).",
                awards: [ai])
            return
        }
        var details: [String] = []
        for r in mine {
            let cluster = data.clusters[Int(r.cluster)]
            let st = r.standing(a.unit)
            let limit = rule == .r7 ? r.flags : 1
            if let rank = st?.rank {
                if rank <= limit { return }
                let scored = r.standings.filter { $0.rank != nil }.count
                details.append("xếp hạng \(rank)/\(scored) trong «\(cluster.name)»")
            } else {
                details.append("chưa có điểm chấm trong «\(cluster.name)»")
            }
        }
        let need = rule == .r7 ? "chỉ đơn vị xếp hạng 1" + (mine.first.map { $0.flags > 1 ? " đến \($0.flags)" : "" } ?? "") + " được đề nghị" : "phải là đơn vị dẫn đầu cụm, khối"
        add(rule, year: y, unit: a.unit, subject: a.subject,
            message: "\(label(a)): \(name) năm \(y) nhưng \(details.joined(separator: "; ")) (\(need)).",
            numbers: ["xep_hang": mine.compactMap { $0.standing(a.unit)?.rank }.min() ?? 0], awards: [ai])
    }

    // MARK: R9

    mutating func r9Duplicate(_ group: [Int32]) {
        let a = data.awards[Int(group[0])]
        let y = Int(a.year)
        let lines = group.compactMap { data.location(data.awards[Int($0)].origin)?.line }.map(String.init)
        add(.r9, year: y, unit: a.unit, subject: a.subject,
            message: "\(label(a)): «\(data.entry(a).name)» năm \(y) có \(group.count) lần" + (lines.isEmpty ? "" : " (dòng \(lines.joined(separator: ", ")))") + " — một thành tích chỉ khen một lần.",
            numbers: ["so_lan": group.count], awards: group)
    }

    mutating func r9Decision(_ group: [Int32]) {
        let a = data.awards[Int(group[0])]
        let y = Int(a.year)
        let forms = Array(Set(group.map { data.entry(data.awards[Int($0)]).name })).sorted()
        add(.r9, year: y, unit: a.unit, subject: a.subject,
            message: "\(label(a)): quyết định \(data.text(a.decision) ?? "") dùng cho \(forms.count) hình thức (\(forms.map { "«\($0)»" }.joined(separator: ", "))).",
            numbers: ["so_hinh_thuc": forms.count], awards: group)
    }

    mutating func r9Initiative(_ list: [Int32]) {
        let sorted = list.sorted { (data.awards[Int($0)].year, $0) < (data.awards[Int($1)].year, $1) }
        let last = data.awards[Int(sorted.last!)]
        let uses = sorted.map { i -> String in
            let a = data.awards[Int(i)]
            return "«\(data.entry(a).name)» năm \(a.year) cho \(data.subjects[Int(a.subject)].name)"
        }
        add(.r9, year: Int(last.year), unit: last.unit, subject: last.subject,
            message: "Sáng kiến «\(data.text(last.initiative) ?? "")» được dùng \(list.count) lần: \(uses.joined(separator: "; ")) — một sáng kiến chỉ dùng một lần.",
            numbers: ["so_lan": list.count], awards: sorted)
    }

    // MARK: R10

    mutating func r10(_ ai: Int32, _ a: Award, _ y: Int) {
        let unit = data.units[Int(a.unit)]
        if !unit.isActive(in: y) {
            let range = "\(unit.fromYear.map(String.init) ?? "…")–\(unit.toYear.map(String.init) ?? "…")"
            add(.r10, year: y, unit: a.unit, subject: a.subject,
                message: "\(label(a)): được khen năm \(y) nhưng đơn vị «\(unit.name)» chỉ có trong danh sách đơn vị các năm \(range).",
                awards: [ai])
            return
        }
        let subject = data.subjects[Int(a.subject)]
        guard subject.kind == .individual, ratingYears.contains(y) else { return }
        let ri = yearRating[a.subject, y]
        if ri > 0 {
            let listed = data.ratings[Int(ri - 1)]
            if listed.unit != a.unit {
                add(.r10, year: y, unit: a.unit, subject: a.subject,
                    message: "\(label(a)): được khen tại «\(data.unitName(a.unit))» năm \(y) nhưng danh sách năm \(y) (\(DataFolder.ratings)) ghi thuộc «\(data.unitName(listed.unit))».",
                    awards: [ai])
            }
        } else {
            add(.r10, year: y, unit: a.unit, subject: a.subject,
                message: "\(label(a)): được khen năm \(y) nhưng không có trong danh sách cán bộ, người lao động năm \(y) (\(DataFolder.ratings)).",
                awards: [ai])
        }
    }

    // MARK: R11, R12

    mutating func r11(_ ai: Int32, _ a: Award, _ y: Int) {
        guard data.subjects[Int(a.subject)].kind == .individual else { return }
        let n = max(1, s.r11ConsecutiveYears)
        let window = ((y - n + 1)...y).map { $0 }
        let bad = window.filter { rating(a.subject, $0) != .excellent }
        guard !bad.isEmpty else { return }
        let shown = bad.map { year in "\(year): \(rating(a.subject, year).map { "«\($0.label)»" } ?? "không có xếp loại")" }
        add(.r11, year: y, unit: a.unit, subject: a.subject,
            message: "\(label(a)): \(entryName(.bkTinh, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")) năm \(y) nhưng chưa \(n) năm liên tục hoàn thành xuất sắc nhiệm vụ (\(shown.joined(separator: "; "))).",
            awards: [ai])
    }

    mutating func r12(_ ai: Int32, _ a: Award, _ y: Int) {
        guard let r = a.rating ?? rating(a.subject, y) else {
            notCheckable[.r12, default: 0] += 1
            return
        }
        guard r < .good else { return }
        add(.r12, year: y, unit: a.unit, subject: a.subject,
            message: "\(label(a)): \(data.entry(a).name) năm \(y) nhưng xếp loại «\(r.label)», chưa đạt «Hoàn thành tốt nhiệm vụ».",
            awards: [ai])
    }

    // MARK: Report

    func report() -> CheckReport {
        let rank = ix.unitRank
        let sortKeys = violations.map { VietnameseCollation.sortKey($0.subject ?? "", order: .vietnamese) }
        let order = violations.indices.sorted { i, j in
            let a = violations[i], b = violations[j]
            let ua = a.unit >= 0 ? Int(rank[Int(a.unit)]) : Int.max, ub = b.unit >= 0 ? Int(rank[Int(b.unit)]) : Int.max
            if ua != ub { return ua < ub }
            if a.rule != b.rule { return a.rule < b.rule }
            if a.year != b.year { return a.year < b.year }
            if sortKeys[i] != sortKeys[j] { return sortKeys[i] < sortKeys[j] }
            return (a.awards.first ?? -1, a.message) < (b.awards.first ?? -1, b.message)
        }
        return CheckReport(violations: order.map { violations[$0] }, checkedYears: years, notCheckable: notCheckable,
                           rulesRun: rulesRun)
    }
}
