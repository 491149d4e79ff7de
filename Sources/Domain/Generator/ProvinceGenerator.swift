import Vietnamese

/// What to generate.
public struct ProvinceSpec: Sendable, Hashable {
    /// The seed: the same spec gives the same province, byte for byte once written.
    public var seed: UInt64
    public var provinceName: String
    /// The years with full data (headcount, ratings, awards); earlier years hold only the
    /// history the consecutive-year rules need.
    public var years: [Int]
    /// About how many award rows the main years hold (history rows come on top).
    public var awards: Int
    /// How many violations of each rule to plant (R11 planting turns R11 on in the settings).
    public var planted: [RuleID: Int]

    public init(seed: UInt64 = 2024, provinceName: String = "Bắc Ninh", years: [Int] = [2023, 2024], awards: Int = 5000,
                planted: [RuleID: Int] = [:]) {
        self.seed = seed
        self.provinceName = provinceName
        self.years = years.sorted()
        self.awards = awards
        self.planted = planted
    }
}

/// A generated province: the model and the keys (`Violation.key`) of the planted violations.
public struct GeneratedProvince: Sendable {
    public var data: ProvinceData
    /// Sorted.
    public var planted: [String]
    /// Planting that could not be done (not enough candidates), by rule.
    public var shortfall: [RuleID: Int]
    /// The name each award's list writes ("Giấy khen của Giám đốc Sở Nội vụ").
    public var formNames: [String]

    /// Writes the province as a data folder (see `DataFolderWriter`).
    public func write(to folder: String, overwrite: Bool = false) throws(DomainError) {
        try DataFolderWriter(folder: folder, overwrite: overwrite).write(data, formNames: formNames)
    }
}

/// A deterministic province: units (tỉnh → sở, ngành, đoàn thể, doanh nghiệp, cơ quan Trung
/// ương, huyện → phòng, xã), people and their ratings, clusters with scoring sheets and
/// scores, awards over the main years (and the history streaks they need), movements,
/// registrations, a propaganda plan per year, a coordination programme with its deliveries,
/// propaganda outputs and exemplars. The background breaks no rule; `planted` adds exactly
/// the requested violations.
public enum ProvinceGenerator {
    public static func generate(_ spec: ProvinceSpec) -> GeneratedProvince {
        var g = GeneratorState(spec: spec)
        g.run()
        return GeneratedProvince(data: g.builder.build(), planted: g.plantedKeys.sorted(), shortfall: g.shortfall, formNames: g.formNames)
    }
}

// MARK: - State

struct GeneratorState {
    enum Kind { case root, department, mass, enterprise, central, armed, school, hospital, district, office, commune, dissolved }

    struct GUnit {
        var index: Int32
        var code: String
        var name: String
        var kind: Kind
        /// The unit whose head signs its Giấy khen and LĐTT decisions.
        var issuer: Int
        var headcount = 0
        var persons: [Int] = []
    }

    struct GPerson {
        var subject: Int32 = -1
        var unit: Int
        var code: String
        var name: String
        var female: Bool
        var ethnicity: String
        var position: String
        var category: PersonCategory
    }

    /// One person in one year.
    struct PersonYear {
        var rating: Rating = .completed
        var discipline: Discipline?
        var ldtt = false
        var cstdcs = false
        var forced = false
        var taken = false
    }

    enum Profile { case excellent, good, weak, disciplined }

    let spec: ProvinceSpec
    var rng: GeneratorRandom
    var builder: ProvinceBuilder
    var units: [GUnit] = []
    var persons: [GPerson] = []
    var unitByCode: [String: Int] = [:]
    /// Main years and the year before (ratings only).
    var ratingYears: [Int]
    var py: [Int: [PersonYear]] = [:]
    var profile: [Int: [Profile]] = [:]
    var plantedKeys: [String] = []
    var shortfall: [RuleID: Int] = [:]
    var decisionCounter: [Int: Int] = [:]
    var decisionCache: [String: String] = [:]
    var initiativeCounter = 0
    var clusterUnits: [(code: String, name: String, kind: ClusterKind, members: [Int])] = []
    var rankings: [Int: [ClusterRanking]] = [:]
    var touchedUnits = Set<Int>()
    var touchedPersons = Set<Int>()
    var streakUnits = Set<Int>()
    var cstdTinh: [Int: [Int]] = [:]
    var cstdtq: [Int: [Int]] = [:]
    var movementCodes: [String: Int32] = [:]
    var lastYear: Int { spec.years.last! }

    init(spec: ProvinceSpec) {
        self.spec = spec
        rng = GeneratorRandom(seed: spec.seed)
        var settings = DomainSettings()
        settings.provinceName = spec.provinceName
        if (spec.planted[.r11] ?? 0) > 0 { settings.r11Enabled = true }
        builder = ProvinceBuilder(settings: settings)
        ratingYears = [spec.years.first! - 1] + spec.years
    }

    mutating func run() {
        makeUnits()
        makePersons()
        makeMovements()
        for y in ratingYears { chooseProfiles(y) }
        chooseStreaks()
        for y in ratingYears { assignRatings(y) }
        addPersonRecords()
        makeClusters()
        for y in spec.years { awardsOfYear(y) }
        historyRows()
        plant()
        for y in spec.years { everyForm(y) }
        addUnitYears()
        makeRegistrations()
        makePlans()
        makeProgramme()
        makePropaganda()
        makeExemplars()
    }

    // MARK: Units

    @discardableResult
    mutating func addUnit(_ code: String, _ name: String, _ kind: Kind, parent: Int?, level: UnitLevel, type: UnitType,
                          issuer: Int? = nil, from: Int? = nil, to: Int? = nil, otherNames: [String] = []) -> Int {
        let idx = builder.addUnit(Unit(code: code, name: name, otherNames: otherNames, parent: parent.map { units[$0].index } ?? -1,
                                       level: level, type: type, fromYear: from, toYear: to))
        let i = units.count
        units.append(GUnit(index: idx, code: code, name: name, kind: kind, issuer: issuer ?? i))
        unitByCode[code] = i
        return i
    }

    mutating func makeUnits() {
        let p = spec.provinceName
        let root = addUnit("UBND_TINH", "UBND tỉnh \(p)", .root, parent: nil, level: .province, type: .government,
                           otherNames: ["Ủy ban nhân dân tỉnh \(p)"])
        let departments: [(String, String, UnitType)] = [
            ("VP_UBND", "Văn phòng UBND tỉnh", .agency), ("SNV", "Sở Nội vụ", .agency), ("STC", "Sở Tài chính", .agency),
            ("SKHDT", "Sở Kế hoạch và Đầu tư", .agency), ("STP", "Sở Tư pháp", .agency), ("TTRA", "Thanh tra tỉnh", .agency),
            ("BDT", "Ban Dân tộc tỉnh", .agency), ("SCT", "Sở Công Thương", .agency),
            ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", .agency), ("SGTVT", "Sở Giao thông vận tải", .agency),
            ("SXD", "Sở Xây dựng", .agency), ("STNMT", "Sở Tài nguyên và Môi trường", .agency),
            ("BQLKCN", "Ban Quản lý các khu công nghiệp tỉnh", .agency), ("STTTT", "Sở Thông tin và Truyền thông", .agency),
            ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", .agency), ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", .agency),
            ("SKHCN", "Sở Khoa học và Công nghệ", .agency), ("SGDDT", "Sở Giáo dục và Đào tạo", .agency),
            ("SYT", "Sở Y tế", .agency), ("BAO", "Báo \(p)", .publicService),
            ("DPTTH", "Đài Phát thanh và Truyền hình tỉnh", .publicService),
        ]
        for (code, name, type) in departments {
            addUnit(code, name, .department, parent: root, level: .province, type: type)
        }
        addUnit("SNGV", "Sở Ngoại vụ", .dissolved, parent: root, level: .province, type: .agency, to: spec.years.first! - 1)
        let sgd = unitByCode["SGDDT"]!, syt = unitByCode["SYT"]!
        for (k, school) in ["Trường THPT Chuyên \(p)", "Trường THPT Hàn Thuyên", "Trường THPT Lý Thái Tổ"].enumerated() {
            addUnit("THPT\(k + 1)", school, .school, parent: sgd, level: .province, type: .publicService, issuer: sgd)
        }
        for (k, hospital) in ["Bệnh viện Đa khoa tỉnh", "Bệnh viện Sản - Nhi tỉnh", "Trung tâm Kiểm soát bệnh tật tỉnh"].enumerated() {
            addUnit("BV\(k + 1)", hospital, .hospital, parent: syt, level: .province, type: .publicService, issuer: syt)
        }
        let mass: [(String, String)] = [
            ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"), ("TDOAN", "Tỉnh đoàn"), ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh"),
            ("HND", "Hội Nông dân tỉnh"), ("HCCB", "Hội Cựu chiến binh tỉnh"), ("LDLD", "Liên đoàn Lao động tỉnh"),
        ]
        for (code, name) in mass { addUnit(code, name, .mass, parent: root, level: .province, type: .massOrganisation) }
        let enterprises: [(String, String)] = [
            ("DN_NUOC", "Công ty TNHH MTV Cấp thoát nước \(p)"), ("DN_MT", "Công ty Cổ phần Môi trường và Công trình đô thị \(p)"),
            ("DN_XS", "Công ty TNHH MTV Xổ số kiến thiết \(p)"), ("DN_TL", "Công ty TNHH MTV Khai thác công trình thủy lợi \(p)"),
        ]
        for (code, name) in enterprises { addUnit(code, name, .enterprise, parent: root, level: .province, type: .enterprise) }
        let central: [(String, String)] = [
            ("CUCTHUE", "Cục Thuế tỉnh"), ("KBNN", "Kho bạc Nhà nước tỉnh"), ("BHXH", "Bảo hiểm xã hội tỉnh"),
            ("NHNN", "Ngân hàng Nhà nước Chi nhánh tỉnh"),
        ]
        for (code, name) in central { addUnit(code, name, .central, parent: root, level: .province, type: .central) }
        // Lực lượng vũ trang: their people get "Chiến sĩ tiên tiến" where others get LĐTT.
        for (code, name) in [("CA_TINH", "Công an tỉnh"), ("BCHQS", "Bộ Chỉ huy Quân sự tỉnh")] {
            addUnit(code, name, .armed, parent: root, level: .province, type: .armedForces)
        }
        let districts = ["thành phố \(p)", "thành phố Từ Sơn", "thị xã Quế Võ", "thị xã Thuận Thành", "huyện Tiên Du",
                         "huyện Yên Phong", "huyện Gia Bình", "huyện Lương Tài"]
        let offices = ["Phòng Nội vụ", "Phòng Tài chính - Kế hoạch", "Phòng Giáo dục và Đào tạo", "Phòng Văn hóa và Thông tin",
                       "Phòng Tư pháp", "Phòng Y tế"]
        var stems = NamePools.communeStems
        rng.shuffle(&stems)
        var stemIndex = 0
        for (d, district) in districts.enumerated() {
            let dcode = "H\(d + 1)"
            let h = addUnit(dcode, "UBND \(district)", .district, parent: root, level: .district, type: .government,
                            otherNames: ["Ủy ban nhân dân \(district)"])
            let place = String(district.split(separator: " ", maxSplits: district.hasPrefix("huyện") ? 1 : 2).last ?? "")
            for (k, office) in offices.enumerated() {
                addUnit("\(dcode)_P\(k + 1)", "\(office) \(district)", .office, parent: h, level: .district, type: .agency, issuer: h)
            }
            _ = place
            let communeWord = district.hasPrefix("huyện") ? "xã" : "phường"
            for k in 0..<8 {
                let stem = stems[stemIndex % stems.count] + (stemIndex >= stems.count ? " \(stemIndex / stems.count + 1)" : "")
                stemIndex += 1
                addUnit("\(dcode)_X\(k + 1)", "UBND \(communeWord) \(stem)", .commune, parent: h, level: .commune,
                        type: .government, issuer: h)
            }
        }
    }

    func baseHeadcount(_ kind: Kind) -> Double {
        switch kind {
        case .root, .dissolved: return 0
        case .department: return 90
        case .mass: return 30
        case .enterprise: return 150
        case .central: return 80
        case .armed: return 120
        case .school: return 70
        case .hospital: return 300
        case .district: return 40
        case .office: return 12
        case .commune: return 25
        }
    }

    // MARK: Persons

    mutating func personName(female: Bool) -> String {
        let family = rng.pick(NamePools.family)
        let middle = rng.pick(female ? NamePools.femaleMiddle : NamePools.maleMiddle)
        let given = rng.pick(female ? NamePools.femaleGiven : NamePools.maleGiven)
        return "\(family) \(middle) \(given)"
    }

    func positions(_ kind: Kind) -> (head: String, deputy: String, staff: [String]) {
        switch kind {
        case .department: return ("Giám đốc Sở", "Phó Giám đốc Sở", ["Chuyên viên", "Chuyên viên chính", "Kế toán", "Văn thư", "Thanh tra viên"])
        case .mass: return ("Chủ tịch", "Phó Chủ tịch", ["Chuyên viên", "Cán bộ", "Kế toán"])
        case .enterprise: return ("Giám đốc Công ty", "Phó Giám đốc Công ty", ["Công nhân", "Kỹ sư", "Kế toán", "Nhân viên kỹ thuật"])
        case .central: return ("Cục trưởng", "Phó Cục trưởng", ["Chuyên viên", "Kiểm soát viên", "Kế toán"])
        case .armed: return ("Chỉ huy trưởng", "Phó Chỉ huy trưởng", ["Trợ lý", "Cán bộ", "Chiến sĩ", "Chiến sĩ"])
        case .school: return ("Hiệu trưởng", "Phó Hiệu trưởng", ["Giáo viên", "Giáo viên", "Giáo viên", "Nhân viên thư viện"])
        case .hospital: return ("Giám đốc", "Phó Giám đốc", ["Bác sĩ", "Điều dưỡng", "Điều dưỡng", "Dược sĩ", "Kỹ thuật viên"])
        case .district: return ("Chủ tịch UBND huyện", "Phó Chủ tịch UBND huyện", ["Chuyên viên", "Văn thư", "Lái xe"])
        case .office: return ("Trưởng phòng", "Phó Trưởng phòng", ["Chuyên viên", "Chuyên viên"])
        case .commune: return ("Chủ tịch UBND xã", "Phó Chủ tịch UBND xã", ["Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch", "Công chức Địa chính", "Cán bộ"])
        case .root, .dissolved: return ("", "", [])
        }
    }

    mutating func makePersons() {
        let totalBase = units.reduce(0.0) { $0 + baseHeadcount($1.kind) }
        let perPersonYear = 0.82
        let factor = max(0.05, Double(spec.awards) / (Double(spec.years.count) * perPersonYear * totalBase))
        var categories: [String: PersonCategory] = [:]
        for u in units.indices {
            let base = baseHeadcount(units[u].kind)
            guard base > 0 else { continue }
            let h = max(3, Int((base * factor * (0.85 + 0.3 * rng.unit())).rounded()))
            units[u].headcount = h
            let pos = positions(units[u].kind)
            for k in 0..<h {
                let female = rng.chance(0.48)
                let position = k == 0 ? pos.head : (k <= max(1, h / 15) ? pos.deputy : rng.pick(pos.staff))
                let category = categories[position] ?? PersonCategory.inferred(fromPosition: position)
                categories[position] = category
                let ethnicity = rng.chance(0.07) ? rng.pick(NamePools.minorities) : "Kinh"
                let code = "CN" + String(persons.count + 1).leftPadded(to: 7)
                persons.append(GPerson(unit: u, code: code, name: personName(female: female), female: female,
                                       ethnicity: ethnicity, position: position, category: category))
                units[u].persons.append(persons.count - 1)
            }
        }
        for i in persons.indices {
            let p = persons[i]
            persons[i].subject = builder.person(name: p.name, code: p.code, unit: units[p.unit].index)
        }
    }

    mutating func addPersonRecords() {
        for p in persons {
            builder.addPerson(Person(code: p.code, name: p.name, gender: p.female ? .female : .male, ethnicity: p.ethnicity,
                                     position: p.position, category: p.category, unit: units[p.unit].index))
        }
        // The year before the first is rated for R11 (Bằng khen needs two excellent years); it is
        // written only when R11 is on.
        for y in ratingYears where spec.years.contains(y) || builder.data.settings.r11Enabled {
            let list = py[y]!
            for (i, p) in persons.enumerated() {
                builder.addRating(YearRating(subject: p.subject, year: y, unit: units[p.unit].index, rating: list[i].rating,
                                             discipline: list[i].discipline))
            }
        }
    }

    // MARK: Ratings

    mutating func chooseProfiles(_ y: Int) {
        var list: [Profile] = []
        for u in units {
            let r = rng.unit()
            if u.headcount >= 10 && r < 0.3 { list.append(.excellent) }
            else if r < 0.8 { list.append(.good) }
            else if r < 0.95 { list.append(.weak) }
            else { list.append(.disciplined) }
        }
        profile[y] = list
    }

    func quota(_ ldtt: Int) -> Int {
        builder.data.settings.cstdcsCapRounding.quota(percent: builder.data.settings.cstdcsCapPercent, of: ldtt)
    }

    /// LĐTT count a unit's profile gives in a year.
    func plannedLDTT(_ u: Int, _ y: Int) -> Int {
        let h = units[u].headcount
        let share: Double
        switch profile[y]![u] {
        case .excellent: share = 0.78 + 0.17 * unitHash(u, y)
        case .good: share = 0.56 + 0.12 * unitHash(u, y)
        case .weak: share = 0.3 + 0.18 * unitHash(u, y)
        case .disciplined: share = 0.6 + 0.2 * unitHash(u, y)
        }
        return min(h, max(0, Int((share * Double(h)).rounded(.down))))
    }

    /// A per-(unit, year) number in [0, 1) independent of the draw order.
    func unitHash(_ u: Int, _ y: Int) -> Double {
        var r = GeneratorRandom(seed: spec.seed &* 31 &+ UInt64(u) &* 1_000_003 &+ UInt64(y))
        return r.unit()
    }

    /// Persons forced to be CSTĐCS (and so excellent LĐTT) in a year, per unit.
    var forced: [Int: [Int: [Int]]] = [:]

    mutating func chooseStreaks() {
        // CSTĐ cấp tỉnh in each main year: one person in each of a few big units whose quota
        // leaves a CSTĐCS slot in every main year of the three-year window.
        let staff = persons.count
        for y in spec.years {
            var want = max(2, staff / 500)
            if y == lastYear { want += (spec.planted[.r4] ?? 0) + 1 }
            var candidates = units.indices.filter { units[$0].headcount >= 12 && !streakUnits.contains($0) }
            rng.shuffle(&candidates)
            for u in candidates where (cstdTinh[y]?.count ?? 0) < want {
                let window = [y - 2, y - 1, y]
                let ok = window.allSatisfy { wy in
                    guard spec.years.contains(wy) else { return true }
                    return quota(plannedLDTT(u, wy)) >= 2 && (forced[wy]?[u]?.count ?? 0) == 0
                }
                guard ok else { continue }
                let person = units[u].persons[1 + rng.int(units[u].persons.count - 1)]
                for wy in window where spec.years.contains(wy) { forced[wy, default: [:]][u, default: []].append(person) }
                streakUnits.insert(u)
                cstdTinh[y, default: []].append(person)
            }
        }
        // CSTĐTQ in the last year: a CSTĐ cấp tỉnh of that year who also had it three years
        // before (history).
        if let list = cstdTinh[lastYear], let first = list.first {
            cstdtq[lastYear] = [first]
        }
    }

    mutating func assignRatings(_ y: Int) {
        var list = Array(repeating: PersonYear(), count: persons.count)
        for u in units.indices where units[u].headcount > 0 {
            var members = units[u].persons
            rng.shuffle(&members)
            let must = forced[y]?[u] ?? []
            members.removeAll { must.contains($0) }
            members = must + members
            let h = members.count
            let l = plannedLDTT(u, y)
            let prof = profile[y]![u]
            let excellent = max(must.count, min(l, Int((Double(l) * (0.18 + 0.12 * rng.unit())).rounded()) + (prof == .excellent ? 1 : 0)))
            for (k, p) in members.enumerated() {
                if k < l {
                    list[p].rating = k < excellent ? .excellent : .good
                    list[p].ldtt = true
                    list[p].forced = must.contains(p)
                } else {
                    var notDone = false
                    if prof != .excellent && rng.chance(0.12) { notDone = true }
                    list[p].rating = notDone ? .notCompleted : .completed
                }
            }
            if prof == .disciplined, h > l, let p = members.last {
                list[p].discipline = .warning
                list[p].rating = .notCompleted
            }
            if prof != .excellent && h > l + 1 && rng.chance(0.1) {
                let p = members[l]
                if list[p].discipline == nil { list[p].discipline = .reprimand }
            }
        }
        py[y] = list
    }

    // MARK: Awards

    /// A decision number, one per (issuer, form, year): numbers run per year across issuers.
    mutating func decision(_ issuer: Int, _ form: String, _ y: Int) -> String {
        let key = "\(issuer)|\(form)|\(y)"
        if let d = decisionCache[key] { return d }
        let n = decisionCounter[y, default: 0] + 1
        decisionCounter[y] = n
        let abbreviation: String
        switch units[issuer].kind {
        case .root, .district, .commune: abbreviation = "UBND"
        case .mass, .enterprise, .central, .armed, .school, .hospital: abbreviation = units[issuer].code.replacingOccurrences(of: "_", with: "")
        default: abbreviation = units[issuer].code
        }
        let d = "\(n)/QĐ-\(abbreviation)"
        decisionCache[key] = d
        return d
    }

    func decisionDate(_ y: Int, _ level: AwardLevel, _ salt: Int) -> CivilDate {
        let month = level == .grassroots ? 1 : (level == .province ? 2 : 4)
        return (try? CivilDate(year: y + 1, month: month, day: 10 + salt % 15)) ?? CivilDate.minimum
    }

    func issuerTitle(_ issuer: Int) -> String {
        let u = units[issuer]
        switch u.kind {
        case .root: return "Chủ tịch UBND tỉnh \(spec.provinceName)"
        case .district, .commune: return "Chủ tịch \(u.name)"
        case .department: return u.name.hasPrefix("Sở") ? "Giám đốc \(u.name)" : "Thủ trưởng \(u.name)"
        case .mass: return "Ban Thường vụ \(u.name)"
        case .armed: return u.code == "CA_TINH" ? "Giám đốc \(u.name)" : "Chỉ huy trưởng \(u.name)"
        default: return "Giám đốc \(u.name)"
        }
    }

    mutating func initiative(_ y: Int) -> String {
        initiativeCounter += 1
        return "SK-\(y)-" + String(initiativeCounter).leftPadded(to: 6)
    }

    @discardableResult
    mutating func award(_ code: String, y: Int, person p: Int? = nil, collectiveUnit: Int? = nil, household: (String, Int)? = nil,
                        method: AwardMethod? = nil, rating: Rating? = nil, initiative: String? = nil, movement: String? = nil,
                        formName: String? = nil, issuer issuerOverride: Int? = nil, subjectOverride: Int32? = nil,
                        unitOverride: Int? = nil, groupName: String? = nil) -> Int {
        let catalogue = builder.data.catalogue
        let e = catalogue.index(code: code)!
        let entry = catalogue.entries[e]
        let subject: Int32
        let u: Int
        var female = false, minority = false
        var category = PersonCategory.directWorker
        if let p {
            let person = persons[p]
            u = unitOverride ?? person.unit
            subject = subjectOverride ?? person.subject
            female = person.female
            minority = Person.isMinority(person.ethnicity)
            category = person.category
        } else if let cu = collectiveUnit {
            u = cu
            subject = builder.collective(name: groupName, unit: units[cu].index)
        } else {
            let (name, hu) = household!
            u = hu
            subject = builder.household(name: name, unit: units[hu].index)
        }
        let issuer: Int
        switch entry.level {
        case .grassroots: issuer = issuerOverride ?? units[u].issuer
        case .province, .state: issuer = unitByCode["UBND_TINH"]!
        }
        let form = formName ?? entry.name
        let d = decision(issuer, form, y)
        let issuerText = entry.level == .state ? (code == "BK_TTG" ? "Thủ tướng Chính phủ" : "Chủ tịch nước") : issuerTitle(issuer)
        builder.addAward(Award(entry: Int32(e), subject: subject, unit: units[u].index, year: y, method: method ?? entry.defaultMethod,
                               rating: rating, category: category, female: female, minority: minority,
                               decision: builder.intern(d), initiative: builder.intern(initiative), issuer: builder.intern(issuerText),
                               movement: movement.flatMap { movementCodes[$0] } ?? -1,
                               decisionDate: decisionDate(y, entry.level, Int(subject) % 7)))
        formNames.append(form)
        return builder.data.awards.count - 1
    }

    /// "Hộ ông Nguyễn Văn An", not yet in `used`.
    mutating func householdName(_ used: inout Set<String>) -> String {
        while true {
            let female = rng.chance(0.3)
            let name = "Hộ \(female ? "bà" : "ông") \(personName(female: female))"
            if used.insert(name).inserted { return name }
        }
    }

    /// The name written in the list for each award (Giấy khen carries its issuer).
    var formNames: [String] = []

    mutating func awardsOfYear(_ y: Int) {
        var list = py[y]!
        let thematic = "NTM-2021"
        // LĐTT and CSTĐCS, unit by unit.
        for u in units.indices where units[u].headcount > 0 {
            let members = units[u].persons
            let ldtt = members.filter { list[$0].ldtt }
            let title = units[u].kind == .armed ? "CSTT" : "LDTT"
            for p in ldtt { award(title, y: y, person: p, rating: list[p].rating) }
            let q = quota(ldtt.count)
            let target = q >= 2 ? q - 1 : q
            var chosen = members.filter { list[$0].forced }
            for p in ldtt where chosen.count < target && list[p].rating == .excellent && !list[p].forced { chosen.append(p) }
            for p in chosen {
                list[p].cstdcs = true
                award("CSTDCS", y: y, person: p, rating: list[p].rating, initiative: initiative(y))
            }
        }
        // Collective titles, exactly when the rules allow them.
        let s = builder.data.settings
        for u in units.indices where units[u].headcount > 0 {
            let members = units[u].persons
            let h = members.count
            let l = members.filter { list[$0].ldtt }.count
            let c = members.filter { list[$0].cstdcs }.count
            let disciplined = members.filter { (list[$0].discipline ?? .reprimand) >= .warning && list[$0].discipline != nil }.count
            let notDone = members.filter { list[$0].rating == .notCompleted }.count
            if Double(l) * 100 > s.ttldttMinLDTTPercent * Double(h) + 1e-9 && disciplined == 0 {
                award("TTLDTT", y: y, collectiveUnit: u)
                if profile[y]![u] == .excellent && Double(l) * 100 >= s.ttldxsMinLDTTPercent * Double(h) && c >= s.ttldxsMinCSTDCS
                    && notDone == 0 {
                    award("TTLDXS", y: y, collectiveUnit: u)
                }
            }
        }
        // Giấy khen: individuals, collectives, households.
        for u in units.indices where units[u].headcount > 0 {
            let form = "Giấy khen của \(issuerTitle(units[u].issuer))"
            for p in units[u].persons where list[p].ldtt && !list[p].cstdcs && rng.chance(0.06) {
                let r = rng.unit()
                let method: AwardMethod = r < 0.8 ? .regular : (r < 0.95 ? .thematic : .extraordinary)
                award("GK", y: y, person: p, method: method, movement: method == .thematic ? thematic : nil, formName: form)
                list[p].taken = true
            }
            if (units[u].kind == .office || units[u].kind == .commune) && rng.chance(0.2) {
                award("GK", y: y, collectiveUnit: u, formName: form)
            }
            if units[u].kind == .commune {
                var used = Set<String>()
                for _ in 0..<rng.int(in: 0...2) {
                    let name = householdName(&used)
                    award("GK", y: y, household: (name, u), method: .thematic,
                          movement: thematic, formName: "Giấy khen của Chủ tịch \(units[u].name)", issuer: u)
                }
                used.removeAll()
                for _ in 0..<rng.int(in: 1...3) {
                    award("GDVH", y: y, household: (householdName(&used), u))
                }
            }
        }
        // Provincial and state forms to individuals.
        let prior = py[y - 1]
        for p in persons.indices {
            guard list[p].ldtt else { continue }
            if let prior, prior[p].rating == .excellent, list[p].rating == .excellent, rng.chance(0.08) {
                award("BK_TINH", y: y, person: p)
                list[p].taken = true
            } else if rng.chance(0.005) {
                award("KNC", y: y, person: p, formName: "Kỷ niệm chương Vì sự nghiệp thi đua, khen thưởng")
            } else if rng.chance(0.0012) {
                award("BK_TTG", y: y, person: p)
            } else if rng.chance(0.0004) {
                award("HC_LAO_DONG_3", y: y, person: p)
            }
        }
        for p in cstdTinh[y] ?? [] { award("CSTD_TINH", y: y, person: p) }
        for p in cstdtq[y] ?? [] { award("CSTDTQ", y: y, person: p) }
        py[y] = list
        clusterAwards(y)
    }

    // MARK: Clusters

    mutating func makeClusters() {
        func codes(_ list: [String]) -> [Int] { list.compactMap { unitByCode[$0] } }
        clusterUnits = [
            ("K1", "Khối các cơ quan tổng hợp", .khoi, codes(["VP_UBND", "SNV", "STC", "SKHDT", "BDT"])),
            ("K2", "Khối các cơ quan kinh tế", .khoi, codes(["SCT", "SNNPTNT", "SGTVT", "SXD", "STNMT", "BQLKCN"])),
            ("K3", "Khối các cơ quan văn hóa - xã hội", .khoi, codes(["STTTT", "SLDTBXH", "SVHTTDL", "SKHCN", "SGDDT", "SYT", "BAO", "DPTTH"])),
            ("K4", "Khối các tổ chức chính trị - xã hội", .khoi, codes(["MTTQ", "TDOAN", "HLHPN", "HND", "HCCB", "LDLD"])),
            ("K5", "Khối doanh nghiệp", .khoi, codes(["DN_NUOC", "DN_MT", "DN_XS", "DN_TL"])),
            ("K6", "Khối các cơ quan Trung ương", .khoi, codes(["CUCTHUE", "KBNN", "BHXH", "NHNN"])),
            ("K7", "Khối Nội chính", .khoi, codes(["CA_TINH", "BCHQS", "STP", "TTRA"])),
            ("C1", "Cụm thi đua số 1", .cum, codes(["H1", "H2", "H3", "H4"])),
            ("C2", "Cụm thi đua số 2", .cum, codes(["H5", "H6", "H7", "H8"])),
        ]
        let groups = [
            CriteriaGroup(code: "I", name: "Thực hiện nhiệm vụ chính trị được giao", criteria: [
                Criterion(code: "I.1", name: "Hoàn thành các chỉ tiêu, nhiệm vụ được giao", maxPoints: 15, weight: 1),
                Criterion(code: "I.2", name: "Cải cách hành chính, chuyển đổi số", maxPoints: 10, weight: 1),
                Criterion(code: "I.3", name: "Thực hành tiết kiệm, chống lãng phí", maxPoints: 10, weight: 1),
                Criterion(code: "I.4", name: "Chấp hành chế độ thông tin, báo cáo", maxPoints: 5, weight: 1),
            ]),
            CriteriaGroup(code: "II", name: "Công tác thi đua, khen thưởng", criteria: [
                Criterion(code: "II.1", name: "Tổ chức phong trào thi đua", maxPoints: 10, weight: 1),
                Criterion(code: "II.2", name: "Công tác tuyên truyền, nhân rộng điển hình tiên tiến", maxPoints: 10, weight: 1),
                Criterion(code: "II.3", name: "Công tác khen thưởng", maxPoints: 10, weight: 1),
            ]),
            CriteriaGroup(code: "III", name: "Xây dựng Đảng, đoàn thể", criteria: [
                Criterion(code: "III.1", name: "Xây dựng tổ chức đảng trong sạch, vững mạnh", maxPoints: 10, weight: 1),
                Criterion(code: "III.2", name: "Hoạt động của các đoàn thể", maxPoints: 10, weight: 1),
            ]),
            CriteriaGroup(code: "IV", name: "Hoạt động chung của cụm, khối", criteria: [
                Criterion(code: "IV.1", name: "Tham gia hoạt động chung", maxPoints: 5, weight: 1),
                Criterion(code: "IV.2", name: "Thực hiện giao ước thi đua", maxPoints: 5, weight: 1),
            ]),
        ]
        for (c, cluster) in clusterUnits.enumerated() {
            var years: [ClusterYear] = []
            for (k, y) in spec.years.enumerated() {
                let members = cluster.members.map { units[$0].index }
                let leader = members[(c + k) % members.count]
                let deputy = members[(c + k + 1) % members.count]
                years.append(ClusterYear(year: y, members: members, leader: leader, deputies: [deputy], groups: groups,
                                         maxBonus: nil, maxPenalty: nil, origin: .none))
            }
            builder.addCluster(Cluster(code: cluster.code, name: cluster.name, kind: cluster.kind, flags: nil,
                                       certificates: nil, years: years, origin: .none))
        }
    }

    mutating func clusterAwards(_ y: Int) {
        // Scores: per criterion, self and cluster scores in half points; the cluster's best
        // unit is made unique so the Cờ goes to one unit.
        for (c, cluster) in clusterUnits.enumerated() {
            let cy = builder.data.clusters[c].year(y)!
            var totals: [(Int, Double)] = []
            for u in cluster.members {
                var total = 0.0
                for (g, group) in cy.groups.enumerated() {
                    for (k, criterion) in group.criteria.enumerated() {
                        let own = ((criterion.maxPoints * (0.8 + 0.2 * rng.unit())) * 2).rounded(.down) / 2
                        let theirs = max(0, own - Double(rng.int(3)) * 0.5)
                        builder.addScore(ScoreRecord(cluster: Int32(c), year: y, unit: units[u].index,
                                                     criterion: ScoreRecord.CriterionRef(group: g, index: k), selfScore: own,
                                                     clusterScore: theirs, bonus: 0, penalty: 0, votes: nil, origin: .none))
                        total += theirs
                    }
                }
                let bonus = Double(rng.int(5)) * 0.5, penalty = Double(rng.int(3)) * 0.5
                builder.addScore(ScoreRecord(cluster: Int32(c), year: y, unit: units[u].index, criterion: nil, selfScore: nil,
                                             clusterScore: nil, bonus: bonus, penalty: penalty, votes: rng.int(in: 5...20), origin: .none))
                totals.append((u, total + bonus - penalty))
            }
            totals.sort { $0.1 > $1.1 }
            if totals.count > 1 && abs(totals[0].1 - totals[1].1) < 1e-9 {
                builder.addScore(ScoreRecord(cluster: Int32(c), year: y, unit: units[totals[0].0].index, criterion: nil,
                                             selfScore: nil, clusterScore: nil, bonus: 0.5, penalty: 0, votes: nil, origin: .none))
            }
        }
        let ranking = Aggregations.clusterRankings(builder.data, year: y)
        rankings[y] = ranking
        for (c, r) in ranking.enumerated() {
            for st in r.standings {
                guard let p = st.proposal, let u = unitByCode[builder.data.units[Int(st.unit)].code] else { continue }
                if p == .flag {
                    award("CO_TINH", y: y, collectiveUnit: u)
                    if y == lastYear && c < 2 { award("CO_CP", y: y, collectiveUnit: u) }
                } else {
                    award("BK_TINH", y: y, collectiveUnit: u)
                }
            }
        }
        if y == lastYear, let first = ranking.first, let top = first.standings.first,
           let u = unitByCode[builder.data.units[Int(top.unit)].code] {
            award("HC_LAO_DONG_3", y: y, collectiveUnit: u)
            award("BK_TTG", y: y, collectiveUnit: u)
        }
    }

    // MARK: History

    mutating func historyRows() {
        let first = spec.years.first!
        for y in spec.years {
            for p in cstdTinh[y] ?? [] {
                for hy in [y - 2, y - 1] where hy < first {
                    award("LDTT", y: hy, person: p, rating: .excellent)
                    award("CSTDCS", y: hy, person: p, rating: .excellent, initiative: initiative(hy))
                }
            }
            for p in cstdtq[y] ?? [] {
                let hy = y - 3
                award("CSTD_TINH", y: hy, person: p)
                if hy < first - 2 {
                    // Its own streak (history is not checked, but keep it coherent).
                    for sy in [hy - 2, hy - 1, hy] where sy < first - 2 {
                        award("LDTT", y: sy, person: p, rating: .excellent)
                        award("CSTDCS", y: sy, person: p, rating: .excellent, initiative: initiative(sy))
                    }
                }
            }
        }
    }

    // MARK: Headcount records

    mutating func addUnitYears() {
        for y in spec.years {
            let list = py[y]!
            for u in units where u.headcount > 0 {
                let completed = u.persons.filter { list[$0].rating >= .completed }.count
                let disciplined = u.persons.filter { list[$0].discipline.map { $0 >= .warning } ?? false }.count
                builder.addUnitYear(UnitYear(unit: u.index, year: y, headcount: u.persons.count, completed: completed,
                                             disciplinedWarningOrAbove: disciplined))
            }
        }
    }
}

extension String {
    /// "42" → "0000042".
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
