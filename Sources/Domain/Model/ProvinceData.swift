import Ingest
import Vietnamese

/// Everything an office keeps, as loaded from a data folder (or built by the generator or a
/// test). Records refer to each other by index; `RecordOrigin` says where each was read.
public struct ProvinceData: Sendable {
    public var settings: DomainSettings
    public var catalogue: Catalogue
    /// Display names of the files records were read from (`RecordOrigin.file` indexes this).
    public var files: [String] = []
    public var units: [Unit] = []
    public var unitYears: [UnitYear] = []
    public var subjects: [Subject] = []
    public var persons: [Person] = []
    public var ratings: [YearRating] = []
    public var awards: [Award] = []
    /// Interned texts of awards (decision numbers, initiatives, issuers, movements).
    public var texts: [String] = []
    public var clusters: [Cluster] = []
    public var scores: [ScoreRecord] = []
    public var movements: [Movement] = []
    public var registrations: [Registration] = []
    public var plans: [Plan] = []
    public var programmes: [Programme] = []
    public var deliveries: [DeliveryRecord] = []
    public var propaganda: [PropagandaOutput] = []
    public var exemplars: [Exemplar] = []
    /// Warnings found while loading (unknown columns, loosely matched names…).
    public var warnings: [IngestIssue] = []

    public init(settings: DomainSettings = .default, catalogue: Catalogue = .builtIn()) {
        self.settings = settings
        self.catalogue = catalogue
    }

    // MARK: Lookups

    /// Where a record was read, as messages show it.
    public func location(_ origin: RecordOrigin) -> SourceLocation? {
        guard origin.file >= 0, Int(origin.file) < files.count else { return nil }
        return SourceLocation(file: files[Int(origin.file)], line: origin.line > 0 ? Int(origin.line) : nil)
    }

    /// An interned text, or nil for -1.
    public func text(_ index: Int32) -> String? {
        index >= 0 && Int(index) < texts.count ? texts[Int(index)] : nil
    }

    public func unit(_ index: Int32) -> Unit { units[Int(index)] }

    public func unitName(_ index: Int32) -> String {
        index >= 0 && Int(index) < units.count ? units[Int(index)].name : "(không rõ đơn vị)"
    }

    public func entry(_ award: Award) -> CatalogueEntry { catalogue.entries[Int(award.entry)] }

    public func subject(_ award: Award) -> Subject { subjects[Int(award.subject)] }

    /// Index of a unit by code.
    public func unitIndex(code: String) -> Int32? {
        units.firstIndex { $0.code == code }.map { Int32($0) }
    }

    /// The years awards were given for, ascending.
    public var awardYears: [Int] {
        var seen = Set<Int16>()
        for a in awards { seen.insert(a.year) }
        return seen.map(Int.init).sorted()
    }

    /// The years rules are checked for by default: those with headcount data (lao-dong.csv);
    /// other award years are history read by the consecutive-year rules. Without headcount
    /// data, every award year.
    public var defaultCheckedYears: [Int] {
        let years = Set(unitYears.map(\.year))
        return years.isEmpty ? awardYears : years.sorted()
    }

    /// The unit's ancestors, nearest first.
    public func ancestors(of unit: Int32) -> [Int32] {
        var list: [Int32] = []
        var p = units[Int(unit)].parent
        var guardCount = 0
        while p >= 0 && guardCount < units.count {
            list.append(p)
            p = units[Int(p)].parent
            guardCount += 1
        }
        return list
    }

    /// The depth of a unit (root = 0).
    public func depth(of unit: Int32) -> Int { ancestors(of: unit).count }
}

/// Builds a `ProvinceData` record by record, interning texts and subjects. The loader, the
/// generator and the tests use it.
public struct ProvinceBuilder {
    public private(set) var data: ProvinceData
    private var unitCodes: [String: Int32] = [:]
    private var subjectKeys: [FastKey: Int32] = [:]
    private var textIndex: [FastKey: Int32] = [:]
    private var fileIndex: [String: Int32] = [:]

    public init(settings: DomainSettings = .default, catalogue: Catalogue = .builtIn()) {
        data = ProvinceData(settings: settings, catalogue: catalogue)
    }

    public var settings: DomainSettings {
        get { data.settings }
        set { data.settings = newValue }
    }

    /// The finished data.
    public func build() -> ProvinceData { data }

    // MARK: Files and texts

    public mutating func file(_ name: String) -> Int32 {
        if let i = fileIndex[name] { return i }
        let i = Int32(data.files.count)
        data.files.append(name)
        fileIndex[name] = i
        return i
    }

    /// Interns a text; empty text is -1.
    public mutating func intern(_ text: String?) -> Int32 {
        guard let text, !text.isEmpty else { return -1 }
        if let i = textIndex[FastKey(text)] { return i }
        let i = Int32(data.texts.count)
        data.texts.append(text)
        textIndex[FastKey(text)] = i
        return i
    }

    // MARK: Units

    /// Adds a unit; returns its index (an existing code returns the existing index).
    @discardableResult
    public mutating func addUnit(_ unit: Unit) -> Int32 {
        if let i = unitCodes[unit.code] { return i }
        let i = Int32(data.units.count)
        data.units.append(unit)
        unitCodes[unit.code] = i
        return i
    }

    public func unitIndex(code: String) -> Int32? { unitCodes[code] }

    /// Convenience for tests: a unit under the parent with code `parent`.
    @discardableResult
    public mutating func unit(_ code: String, _ name: String, parent: String? = nil, level: UnitLevel = .province,
                              type: UnitType = .agency, from: Int? = nil, to: Int? = nil) -> Int32 {
        let p = parent.flatMap { unitCodes[$0] } ?? -1
        return addUnit(Unit(code: code, name: name, parent: p, level: level, type: type, fromYear: from, toYear: to))
    }

    public mutating func setParent(_ unit: Int32, _ parent: Int32) {
        data.units[Int(unit)].parent = parent
    }

    public mutating func addUnitYear(_ record: UnitYear) {
        data.unitYears.append(record)
    }

    /// Convenience for tests: headcount of a unit in a year.
    public mutating func headcount(_ code: String, _ year: Int, _ headcount: Int, completed: Int? = nil,
                                   disciplined: Int? = nil) {
        data.unitYears.append(UnitYear(unit: unitCodes[code]!, year: year, headcount: headcount, completed: completed,
                                       disciplinedWarningOrAbove: disciplined))
    }

    // MARK: Subjects

    /// The subject for a person: by code when given, else by name within the unit.
    public mutating func person(name: String, code: String?, unit: Int32) -> Int32 {
        let key: String
        if let code, !code.isEmpty {
            key = "#" + code
        } else {
            key = "P\u{1F}\(unit)\u{1F}" + ColumnName.key(name)
        }
        if let i = subjectKeys[FastKey(key)] { return i }
        let i = Int32(data.subjects.count)
        data.subjects.append(Subject(kind: .individual, name: name, code: code?.isEmpty == false ? code : nil, unit: unit))
        subjectKeys[FastKey(key)] = i
        return i
    }

    /// The subject for a collective: the unit itself when `name` is nil, empty or the unit's
    /// name; otherwise a named group in the unit.
    public mutating func collective(name: String?, unit: Int32) -> Int32 {
        let u = data.units[Int(unit)]
        let isUnit: Bool
        if let name, !name.isEmpty {
            let k = ColumnName.key(name)
            isUnit = k == ColumnName.key(u.name) || k == ColumnName.key(u.code) || u.otherNames.contains { ColumnName.key($0) == k }
        } else {
            isUnit = true
        }
        let key = isUnit ? "U\u{1F}\(unit)" : "C\u{1F}\(unit)\u{1F}" + ColumnName.key(name!)
        if let i = subjectKeys[FastKey(key)] { return i }
        let i = Int32(data.subjects.count)
        data.subjects.append(Subject(kind: .collective, name: isUnit ? u.name : name!, unit: unit, isUnit: isUnit))
        subjectKeys[FastKey(key)] = i
        return i
    }

    /// The subject for a household (by name within the unit).
    public mutating func household(name: String, unit: Int32) -> Int32 {
        let key = "H\u{1F}\(unit)\u{1F}" + ColumnName.key(name)
        if let i = subjectKeys[FastKey(key)] { return i }
        let i = Int32(data.subjects.count)
        data.subjects.append(Subject(kind: .household, name: name, unit: unit))
        subjectKeys[FastKey(key)] = i
        return i
    }

    /// Appends a subject without indexing it (the loader keeps its own index by code).
    public mutating func newSubject(_ subject: Subject) -> Int32 {
        data.subjects.append(subject)
        return Int32(data.subjects.count - 1)
    }

    public func subjectIndex(personCode code: String) -> Int32? { subjectKeys[FastKey("#" + code)] }

    // MARK: Records

    public mutating func addPerson(_ p: Person) { data.persons.append(p) }
    public mutating func addRating(_ r: YearRating) { data.ratings.append(r) }
    public mutating func addAward(_ a: Award) { data.awards.append(a) }
    public mutating func reserveAwards(_ n: Int) { data.awards.reserveCapacity(n) }
    public mutating func reserve(subjects: Int = 0, persons: Int = 0, ratings: Int = 0) {
        if subjects > 0 { data.subjects.reserveCapacity(subjects) }
        if persons > 0 { data.persons.reserveCapacity(persons) }
        if ratings > 0 { data.ratings.reserveCapacity(ratings) }
    }
    public mutating func addCluster(_ c: Cluster) { data.clusters.append(c) }
    public mutating func addScore(_ s: ScoreRecord) { data.scores.append(s) }
    public mutating func addMovement(_ m: Movement) { data.movements.append(m) }
    public mutating func addRegistration(_ r: Registration) { data.registrations.append(r) }
    public mutating func addPlan(_ p: Plan) { data.plans.append(p) }
    public mutating func addProgramme(_ p: Programme) { data.programmes.append(p) }
    public mutating func addDelivery(_ d: DeliveryRecord) { data.deliveries.append(d) }
    public mutating func addPropaganda(_ p: PropagandaOutput) { data.propaganda.append(p) }
    public mutating func addExemplar(_ e: Exemplar) { data.exemplars.append(e) }
    public mutating func addWarning(_ w: IngestIssue) { data.warnings.append(w) }

    /// Convenience for tests: an award by catalogue code.
    @discardableResult
    public mutating func award(_ code: String, year: Int, person name: String? = nil, personCode: String? = nil,
                               collective: Bool = false, household: String? = nil, unit unitCode: String,
                               rating: Rating? = nil, category: PersonCategory = .directWorker, female: Bool = false,
                               minority: Bool = false, method: AwardMethod? = nil, decision: String? = nil,
                               initiative: String? = nil, line: Int = 0) -> Int {
        let u = unitCodes[unitCode]!
        let entryIndex = data.catalogue.index(code: code)!
        let s: Int32
        if let household {
            s = self.household(name: household, unit: u)
        } else if collective || name == nil {
            s = self.collective(name: name, unit: u)
        } else {
            s = person(name: name!, code: personCode, unit: u)
        }
        let f = file("test.csv")
        let award = Award(entry: Int32(entryIndex), subject: s, unit: u, year: year,
                          method: method ?? data.catalogue.entries[entryIndex].defaultMethod, rating: rating,
                          category: category, female: female, minority: minority, decision: intern(decision),
                          initiative: intern(initiative), origin: RecordOrigin(file: f, line: Int32(line)))
        data.awards.append(award)
        return data.awards.count - 1
    }
}
