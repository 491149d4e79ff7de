import Foundation
import Ingest
import Vietnamese

/// Loads a data folder (layout in `DataFolder`, docs/domain.md) into a `ProvinceData`.
///
/// Every file is read through the ingest layer, so every value keeps its file, line and
/// column. All errors of all files are collected and thrown together as one `DomainError`;
/// a reference that does not resolve (an award to a unit not in don-vi.csv, a score for a
/// criterion not in the cluster's sheet) names both places.
public struct DataFolderLoader {
    public var folder: String
    /// Errors listed per file before the rest are only counted.
    public var errorLimitPerFile = 100

    public init(folder: String) {
        self.folder = folder
    }

    public func load() throws(DomainError) -> ProvinceData {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw DomainError(code: .missingInput, folder: folder, issues: [IngestIssue(
                .unreadableFile, at: SourceLocation(file: folder),
                message: "Không có thư mục dữ liệu này. Chỉ ra thư mục chứa \(DataFolder.units) và các danh sách khen thưởng.")])
        }
        let session = LoadSession(folder: folder, limit: errorLimitPerFile)
        session.run()
        if session.issues.errorCount > 0 {
            throw DomainError(code: session.missingRequired ? .missingInput : .invalidData, folder: folder,
                              issues: session.issues.list, unlistedErrors: session.issues.unlisted)
        }
        var data = session.builder.build()
        data.warnings = session.issues.list.filter { $0.severity == .warning }
        return data
    }
}

// MARK: - Issues

/// Issues of a load, listed up to a limit per file.
struct IssueCollector {
    var list: [IngestIssue] = []
    var errorCount = 0
    var unlisted = 0
    var perFile: [String: Int] = [:]
    let limit: Int

    init(limit: Int) { self.limit = limit }

    mutating func add(_ issue: IngestIssue) {
        if issue.severity == .error {
            errorCount += 1
            let n = perFile[issue.location.file, default: 0]
            if n >= limit {
                unlisted += 1
                return
            }
            perFile[issue.location.file] = n + 1
        }
        list.append(issue)
    }

    mutating func add(_ error: IngestError) {
        for issue in error.issues { add(issue) }
        unlisted += error.unlistedErrors
        errorCount += error.unlistedErrors
    }

    mutating func error(_ kind: IngestIssue.Kind, _ at: SourceLocation, value: String? = nil, _ message: String) {
        add(IngestIssue(kind, .error, at: at, value: value, message: message))
    }

    mutating func warning(_ kind: IngestIssue.Kind, _ at: SourceLocation, value: String? = nil, _ message: String) {
        add(IngestIssue(kind, .warning, at: at, value: value, message: message))
    }
}

/// The columns of a CSV as mapped, for locating values.
struct ColumnMap {
    var file: String
    /// Dataset column → file column.
    var columns: [Int: CSVColumn] = [:]

    init(file: String) { self.file = file }

    mutating func set(_ cols: [CSVColumn]) {
        for c in cols { if let d = c.datasetColumn { columns[d] = c } }
    }

    func has(_ column: Int) -> Bool { columns[column] != nil }

    func at(line: Int, row: Int, _ column: Int) -> SourceLocation {
        let c = columns[column]
        return SourceLocation(file: file, line: line, row: row, columnIndex: c?.index, columnName: c?.header)
    }
}

// MARK: - Unit references

/// Resolves a unit written by code or by name (exact, then ignoring case and diacritics).
struct UnitResolver {
    enum Result {
        case unit(Int32, loose: Bool)
        case ambiguous([Int32])
        case missing
    }

    private var byCode: [FastKey: Int32] = [:]
    private var byKey: [String: [Int32]] = [:]
    private var byFolded: [String: [Int32]] = [:]
    private var cache: [FastKey: Result] = [:]
    private var names: [(key: String, name: String)] = []

    init(units: [Unit]) {
        for (i, u) in units.enumerated() {
            let idx = Int32(i)
            byCode[FastKey(u.code)] = idx
            for name in [u.name, u.code] + u.otherNames {
                let k = Catalogue.exactKey(name)
                if !(byKey[k]?.contains(idx) ?? false) { byKey[k, default: []].append(idx) }
                let f = ColumnName.key(name)
                if !(byFolded[f]?.contains(idx) ?? false) { byFolded[f, default: []].append(idx) }
            }
            names.append((ColumnName.key(u.name), u.name))
        }
    }

    mutating func resolve(_ text: String) -> Result {
        if let r = cache[FastKey(text)] { return r }
        let r: Result
        if let i = byCode[FastKey(text)] {
            r = .unit(i, loose: false)
        } else if let list = byKey[Catalogue.exactKey(text)] {
            r = list.count == 1 ? .unit(list[0], loose: false) : .ambiguous(list)
        } else if let list = byFolded[ColumnName.key(text)] {
            r = list.count == 1 ? .unit(list[0], loose: true) : .ambiguous(list)
        } else {
            r = .missing
        }
        cache[FastKey(text)] = r
        return r
    }

    /// Unit names close to `text`.
    func suggestions(_ text: String) -> [String] {
        let k = ColumnName.key(text)
        let limit = max(2, k.count / 5)
        var scored: [(Int, String)] = []
        for n in names {
            let d = ColumnName.editDistance(k, n.key, limit: limit)
            if d <= limit { scored.append((d, n.name)) }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return scored.prefix(3).map(\.1)
    }
}

// MARK: - The session

final class LoadSession {
    let folder: String
    var builder = ProvinceBuilder()
    var issues: IssueCollector
    var missingRequired = false
    var units = UnitResolver(units: [])
    var unitsFile = DataFolder.units
    /// Mã cá nhân → person record index, when ca-nhan.csv exists.
    /// Subject index → index in `persons` (-1: not in ca-nhan.csv).
    var subjectPerson: [Int32] = []
    var personNameKeys: [FastKey: Int32] = [:]
    var personsFile: String?
    var movementCodes: [String: Int32] = [:]
    var movementsFile: String?
    var clusterCodes: [String: Int32] = [:]
    var clusterKeys: [String: Int32] = [:]
    var clustersFile: String?
    var catalogueFile: String

    init(folder: String, limit: Int) {
        self.folder = folder
        issues = IssueCollector(limit: limit)
        catalogueFile = DefaultCatalogue.fileName
    }

    func path(_ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }

    /// Size of a file in bytes (0 when unknown), to size tables before reading.
    func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: path(name))
    }

    /// The hand-written file `base`.yaml/.yml/.json that exists, if any.
    func structuredFile(_ base: String) -> String? {
        DataFolder.structuredExtensions.map { "\(base).\($0)" }.first(where: exists)
    }

    func run() {
        loadSettings()
        loadCatalogue()
        loadUnits()
        guard !missingRequired else { return }
        loadUnitYears()
        loadPersons()
        loadMovements()
        loadRatings()
        loadAwards()
        loadClusters()
        loadScores()
        loadRegistrations()
        loadPlans()
        loadProgrammes()
        loadDeliveries()
        loadPropaganda()
        loadExemplars()
    }

    // MARK: Settings and catalogue

    func loadSettings() {
        guard let name = structuredFile(DataFolder.settings) else { return }
        do {
            let (dto, warnings) = try StructuredDecoder().decodeWithWarnings(SettingsFileDTO.self, path: path(name))
            builder.settings = DomainSettings(dto)
            for w in warnings { issues.add(w) }
        } catch {
            issues.add(error)
        }
    }

    func loadCatalogue() {
        guard let name = structuredFile(DataFolder.catalogue) else { return }
        do {
            let catalogue = try Catalogue.load(path: path(name))
            let settings = builder.settings
            builder = ProvinceBuilder(settings: settings, catalogue: catalogue)
            catalogueFile = path(name)
            for role in AwardRole.allCases where role != .none && catalogue.index(of: role) == nil {
                issues.warning(.missingKey, SourceLocation(file: path(name)), value: role.code,
                               "Danh mục không có mã «\(role.code)»; các quy tắc dùng mã này không kiểm tra được.")
            }
        } catch {
            issues.add(error)
        }
    }

    // MARK: Units

    func loadUnits() {
        let file = path(DataFolder.units)
        unitsFile = file
        guard exists(DataFolder.units) else {
            missingRequired = true
            issues.error(.unreadableFile, SourceLocation(file: file),
                         "Thiếu danh sách đơn vị \(DataFolder.units) (bắt buộc). Tạo tệp với các cột «Mã đơn vị», «Tên đơn vị», «Đơn vị cấp trên», «Cấp», «Loại đơn vị».")
            return
        }
        var map = ColumnMap(file: file)
        var parents: [(unit: Int32, text: String, at: SourceLocation)] = []
        var seenCodes: [String: Int] = [:]
        let f = builder.file(file)
        do {
            try CSVReader.read(path: file, dataset: DataSchemas.units, header: { map.set($0) }) { row in
                let code = Text.trim(row.text(0))
                let name = Vietnamese.collapsingWhitespace(row.text(1))
                if let first = seenCodes[code] {
                    issues.error(.invalidValue, map.at(line: row.line, row: row.row, 0), value: code,
                                 "Mã đơn vị «\(code)» trùng với dòng \(first). Mỗi đơn vị một mã.")
                    return
                }
                seenCodes[code] = row.line
                var level = UnitLevel.province
                let levelText = Text.trim(row.text(3))
                if !levelText.isEmpty {
                    if let l = UnitLevel.parse(levelText) { level = l } else {
                        issues.error(.invalidValue, map.at(line: row.line, row: row.row, 3), value: levelText, UnitLevel.notInList(levelText))
                    }
                }
                var type = UnitType.agency
                let typeText = Text.trim(row.text(4))
                if !typeText.isEmpty {
                    if let t = UnitType.parse(typeText) { type = t } else {
                        issues.error(.invalidValue, map.at(line: row.line, row: row.row, 4), value: typeText, UnitType.notInList(typeText))
                    }
                }
                let from: Int? = if case .integer(let y) = row.value(5) { y } else { nil }
                let to: Int? = if case .integer(let y) = row.value(6) { y } else { nil }
                let others = Self.splitList(row.text(7))
                let idx = builder.addUnit(Unit(code: code, name: name, otherNames: others, level: level, type: type,
                                               fromYear: from, toYear: to, origin: RecordOrigin(file: f, line: Int32(row.line))))
                let parentText = Text.trim(row.text(2))
                if !parentText.isEmpty { parents.append((idx, parentText, map.at(line: row.line, row: row.row, 2))) }
            }
        } catch let error as IngestError {
            issues.add(error)
        } catch {
            issues.error(.unreadableFile, SourceLocation(file: file), "\(error)")
        }
        units = UnitResolver(units: builder.data.units)
        for p in parents {
            if let parent = resolveUnit(p.text, at: p.at) {
                if parent == p.unit {
                    issues.error(.invalidValue, p.at, value: p.text, "Đơn vị không thể là cấp trên của chính nó.")
                } else {
                    builder.setParent(p.unit, parent)
                }
            }
        }
        // Cycles in the hierarchy.
        let data = builder.data
        for (i, u) in data.units.enumerated() {
            var seen = Set<Int32>([Int32(i)])
            var p = u.parent
            while p >= 0 {
                if !seen.insert(p).inserted {
                    issues.error(.invalidValue, data.location(u.origin) ?? SourceLocation(file: file), value: u.code,
                                 "Đơn vị «\(u.name)» nằm trong một vòng cấp trên – cấp dưới. Sửa cột «Đơn vị cấp trên».")
                    break
                }
                p = data.units[Int(p)].parent
            }
        }
    }

    /// Splits "A; B | C" into trimmed parts.
    static func splitList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "|" })
            .map { Vietnamese.collapsingWhitespace(String($0)) }
            .filter { !$0.isEmpty }
    }

    /// Resolves a unit reference, reporting a missing or ambiguous one at `at` (naming the
    /// units list).
    func resolveUnit(_ text: String, at location: @autoclosure () -> SourceLocation) -> Int32? {
        let t = Text.trim(text)
        switch units.resolve(t) {
        case .unit(let i, let loose):
            if loose {
                issues.warning(.unresolvedReference, location(), value: t,
                               "«\(t)» được hiểu là đơn vị «\(builder.data.units[Int(i)].name)» (\(unitsFile)) khi bỏ qua dấu; sửa cho đúng tên.")
            }
            return i
        case .ambiguous(let list):
            let shown = list.prefix(5).map { "«\(builder.data.units[Int($0)].name)» (mã \(builder.data.units[Int($0)].code))" }.joined(separator: ", ")
            issues.error(.unresolvedReference, location(), value: t,
                         "«\(t)» chỉ nhiều đơn vị trong \(unitsFile): \(shown). Ghi mã đơn vị thay cho tên.")
            return nil
        case .missing:
            var message = "Đơn vị «\(t)» không có trong danh sách đơn vị \(unitsFile). Thêm đơn vị vào \(unitsFile) hoặc sửa tên, mã cho đúng."
            let s = units.suggestions(t)
            if !s.isEmpty { message += " Có phải: \(s.map { "«\($0)»" }.joined(separator: ", "))?" }
            issues.error(.unresolvedReference, location(), value: t, message)
            return nil
        }
    }

    // MARK: CSV helper

    /// Reads one optional CSV list of the folder.
    func readCSV(_ name: String, _ dataset: CSVDataset, row: (borrowing CSVRow, ColumnMap, Int32) throws -> Void) {
        guard exists(name) else { return }
        readCSVPath(path(name), dataset, row: row)
    }

    func readCSVPath(_ file: String, _ dataset: CSVDataset, row: (borrowing CSVRow, ColumnMap, Int32) throws -> Void) {
        var map = ColumnMap(file: file)
        let f = builder.file(file)
        do {
            let summary = try CSVReader.read(path: file, dataset: dataset, header: { map.set($0) }) { r in
                try row(r, map, f)
            }
            for w in summary.warnings { issues.add(w) }
        } catch let error as IngestError {
            issues.add(error)
        } catch {
            issues.error(.unreadableFile, SourceLocation(file: file), "\(error)")
        }
    }

    /// Years tdkt works with: 1945 (the first emulation movements) to 2100.
    static let years = 1945...2100

    func checkYear(_ year: Int, _ location: @autoclosure () -> SourceLocation) -> Bool {
        if Self.years.contains(year) { return true }
        issues.error(.invalidValue, location(), value: String(year), "Năm \(year) không hợp lệ: viết năm dạng 2024 (từ 1945 đến 2100).")
        return false
    }

    static func int(_ v: CSVValue) -> Int? {
        if case .integer(let i) = v { return i }
        return nil
    }

    static func number(_ v: CSVValue) -> Double? {
        switch v {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        case .percent(let d): return d * 100
        default: return nil
        }
    }

    // MARK: Headcount

    func loadUnitYears() {
        var seen: [Int64: Int] = [:]
        readCSV(DataFolder.unitYears, DataSchemas.unitYears) { row, map, f in
            guard let u = resolveUnit(row.text(0), at: map.at(line: row.line, row: row.row, 0)) else { return }
            guard let year = Self.int(row.value(1)), let headcount = Self.int(row.value(2)) else { return }
            guard checkYear(year, map.at(line: row.line, row: row.row, 1)) else { return }
            let key = Int64(u) << 16 | Int64(year & 0xFFFF)
            if let first = seen[key] {
                issues.error(.invalidValue, map.at(line: row.line, row: row.row, 0), value: row.text(0),
                             "Đơn vị «\(builder.data.units[Int(u)].name)» đã có số lao động năm \(year) ở dòng \(first). Mỗi đơn vị một dòng mỗi năm.")
                return
            }
            seen[key] = row.line
            let completed = Self.int(row.value(3))
            let disciplined = Self.int(row.value(4))
            if headcount < 0 || (completed ?? 0) < 0 || (disciplined ?? 0) < 0 {
                issues.error(.invalidNumber, map.at(line: row.line, row: row.row, 2), "Số lao động không được âm.")
                return
            }
            if let completed, completed > headcount {
                issues.error(.invalidValue, map.at(line: row.line, row: row.row, 3), value: String(completed),
                             "Số hoàn thành nhiệm vụ (\(completed)) lớn hơn tổng số lao động (\(headcount)).")
                return
            }
            builder.addUnitYear(UnitYear(unit: u, year: year, headcount: headcount, completed: completed,
                                         disciplinedWarningOrAbove: disciplined,
                                         origin: RecordOrigin(file: f, line: Int32(row.line))))
        }
    }

    // MARK: Row-level caches

    /// Values repeat across a million rows: each is resolved once per distinct cell text
    /// (per column) and then found by the cell's bytes.
    var codeSubjects: [FastKey: Int32] = [:]
    var cellCaches: [String: AnyObject] = [:]

    /// The cache of a column of a file (`key` names both).
    func cache<V>(_ key: String, _ type: V.Type) -> CellCache<V> {
        if let c = cellCaches[key] { return unsafeDowncast(c, to: CellCache<V>.self) }
        let c = CellCache<V>()
        cellCaches[key] = c
        return c
    }

    func unitCell(_ row: borrowing CSVRow, _ c: Int, _ map: ColumnMap, _ cache: CellCache<Int32>) -> Int32? {
        let b = row.bytes(c)
        if let u = cache.lookup(b) { return u }
        guard let u = resolveUnit(row.text(c), at: map.at(line: row.line, row: row.row, c)) else { return nil }
        cache.insert(b, u)
        return u
    }

    /// A labelled value of a cell; an invalid one is reported (every time) and nil.
    func labelCell<T: VietnameseLabelled>(_ type: T.Type, _ row: borrowing CSVRow, _ c: Int, _ map: ColumnMap,
                                          _ cache: CellCache<T?>) -> T? {
        let b = row.bytes(c)
        if b.isEmpty { return nil }
        if let v = cache.lookup(b) {
            if v == nil { issues.error(.invalidValue, map.at(line: row.line, row: row.row, c), value: row.text(c), T.notInList(Text.trim(row.text(c)))) }
            return v
        }
        let t = Text.trim(row.text(c))
        if t.isEmpty { return nil }
        let v = T.parse(t)
        cache.insert(b, v)
        if v == nil { issues.error(.invalidValue, map.at(line: row.line, row: row.row, c), value: t, T.notInList(t)) }
        return v
    }

    /// The interned (trimmed) text of a cell, -1 when empty.
    func internCell(_ row: borrowing CSVRow, _ c: Int, _ cache: CellCache<Int32>, collapse: Bool = false) -> Int32 {
        let b = row.bytes(c)
        if b.isEmpty { return -1 }
        if let i = cache.lookup(b) { return i }
        let t = collapse ? Vietnamese.collapsingWhitespace(row.text(c)) : Text.trim(row.text(c))
        let i = builder.intern(t)
        cache.insert(b, i)
        return i
    }

    func minorityCell(_ row: borrowing CSVRow, _ c: Int, _ cache: CellCache<Bool>) -> Bool? {
        let b = row.bytes(c)
        if b.isEmpty { return nil }
        if let m = cache.lookup(b) { return m }
        let m = Person.isMinority(row.text(c))
        cache.insert(b, m)
        return m
    }

    // MARK: Persons and ratings

    func loadPersons() {
        guard exists(DataFolder.persons) else { return }
        personsFile = path(DataFolder.persons)
        let expected = fileSize(path(DataFolder.persons)) / 80
        codeSubjects.reserveCapacity(expected)
        subjectPerson.reserveCapacity(expected)
        builder.reserve(subjects: expected, persons: expected)
        let units = cache("p.unit", Int32.self), genders = cache("p.gender", Gender?.self)
        let categories = cache("p.category", PersonCategory?.self)
        let ethnicities = cache("p.ethnicity", String?.self), positions = cache("p.position", String?.self)
        readCSV(DataFolder.persons, DataSchemas.persons) { row, map, f in
            let code = Text.trim(row.text(0))
            let key = FastKey(code)
            if let first = codeSubjects[key] {
                let line = person(of: first).map { String($0.origin.line) } ?? "?"
                issues.error(.invalidValue, map.at(line: row.line, row: row.row, 0), value: code,
                             "Mã cá nhân «\(code)» trùng với dòng \(line). Mỗi người một mã.")
                return
            }
            guard let u = unitCell(row, 7, map, units) else { return }
            let name = Vietnamese.collapsingWhitespace(row.text(1))
            let gender = labelCell(Gender.self, row, 2, map, genders)
            let category = labelCell(PersonCategory.self, row, 6, map, categories)
            let record = Person(code: code, name: name, gender: gender, ethnicity: sharedText(row, 4, ethnicities),
                                position: sharedText(row, 5, positions), category: category, unit: u,
                                origin: RecordOrigin(file: f, line: Int32(row.line)))
            let p = Int32(builder.data.persons.count)
            builder.addPerson(record)
            let s = builder.newSubject(Subject(kind: .individual, name: name, code: code, unit: u))
            codeSubjects[key] = s
            setPerson(s, p)
        }
    }

    func setPerson(_ subject: Int32, _ person: Int32) {
        while subjectPerson.count <= Int(subject) { subjectPerson.append(-1) }
        subjectPerson[Int(subject)] = person
    }

    /// The ca-nhan.csv record of a subject.
    func person(of subject: Int32) -> Person? {
        guard Int(subject) < subjectPerson.count, subjectPerson[Int(subject)] >= 0 else { return nil }
        return builder.data.persons[Int(subjectPerson[Int(subject)])]
    }

    /// A cell's text (white space collapsed; nil when empty), one shared copy per distinct value.
    func sharedText(_ row: borrowing CSVRow, _ c: Int, _ cache: CellCache<String?>) -> String? {
        let b = row.bytes(c)
        if b.isEmpty { return nil }
        if let t = cache.lookup(b) { return t }
        let t = nonEmpty(row.text(c))
        cache.insert(b, t)
        return t
    }

    func nonEmpty(_ text: String) -> String? {
        let t = Vietnamese.collapsingWhitespace(text)
        return t.isEmpty ? nil : t
    }

    func parseOptional<T: VietnameseLabelled>(_ type: T.Type, _ text: String, _ location: @autoclosure () -> SourceLocation) -> T? {
        let t = Text.trim(text)
        if t.isEmpty { return nil }
        if let v = T.parse(t) { return v }
        issues.error(.invalidValue, location(), value: t, T.notInList(t))
        return nil
    }

    /// The subject of a person written by code and/or name in a unit; reports a code that is
    /// not in ca-nhan.csv.
    func personSubject(code: String, name: String, unit: Int32, at location: @autoclosure () -> SourceLocation,
                       codeAt codeLocation: @autoclosure () -> SourceLocation) -> Int32? {
        if !code.isEmpty {
            if let s = codeSubjects[FastKey(code)] { return s }
            if let personsFile {
                issues.error(.unresolvedReference, codeLocation(), value: code,
                             "Mã cá nhân «\(code)» không có trong danh sách cá nhân \(personsFile). Thêm người này vào \(personsFile) hoặc sửa mã.")
                return nil
            }
            let s = builder.newSubject(Subject(kind: .individual, name: name, code: code, unit: unit))
            codeSubjects[FastKey(code)] = s
            return s
        }
        if name.isEmpty {
            issues.error(.missingValue, location(), "Thiếu họ và tên (hoặc mã cá nhân).")
            return nil
        }
        if personsFile != nil && personNameKeys.isEmpty {
            for (code, s) in codeSubjects {
                _ = code
                let subject = builder.data.subjects[Int(s)]
                let key = FastKey("\(subject.unit)\u{1F}" + subject.name)
                personNameKeys[key] = personNameKeys[key] == nil ? s : -2
            }
        }
        if personsFile != nil, let s = personNameKeys[FastKey("\(unit)\u{1F}" + name)] {
            if s == -2 {
                issues.error(.unresolvedReference, location(), value: name,
                             "Có nhiều người tên «\(name)» cùng đơn vị trong \(personsFile!). Ghi «Mã cá nhân» để phân biệt.")
                return nil
            }
            return s
        }
        return builder.person(name: name, code: nil, unit: unit)
    }

    /// The subject of the person on a row: by the code cell's bytes when known, else by
    /// `personSubject`.
    /// The subject found by the previous code lookup: lists exported from the same personnel
    /// system keep its order, so the next row's code is usually one of the next subjects.
    var lastCodeSubject: Int32 = -1

    func personCell(_ row: borrowing CSVRow, codeColumn: Int, nameColumn: Int, unit: Int32, _ map: ColumnMap) -> Int32? {
        let b = row.bytes(codeColumn)
        if !b.isEmpty {
            let subjects = builder.data.subjects
            var candidate = lastCodeSubject
            for _ in 0..<4 where candidate >= 0 && Int(candidate) < subjects.count {
                if var code = subjects[Int(candidate)].code, code.utf8.count == b.count,
                   code.withUTF8({ memcmp($0.baseAddress!, b.baseAddress!, b.count) == 0 }) {
                    lastCodeSubject = candidate
                    return candidate
                }
                candidate += 1
            }
            if let s = codeSubjects[FastKey(borrowing: b)] {
                lastCodeSubject = s
                return s
            }
        }
        return personSubject(code: Text.trim(row.text(codeColumn)), name: Vietnamese.collapsingWhitespace(row.text(nameColumn)),
                             unit: unit, at: map.at(line: row.line, row: row.row, nameColumn),
                             codeAt: map.at(line: row.line, row: row.row, codeColumn))
    }

    func loadRatings() {
        // (subject, year) already listed: a bit per year 1990…2053 per subject, a set beyond.
        var seenMask: [UInt64] = []
        var seenOther = Set<Int64>()
        let expectedRatings = fileSize(path(DataFolder.ratings)) / 60
        builder.reserve(ratings: expectedRatings)
        let units = cache("r.unit", Int32.self), ratings = cache("r.rating", Rating?.self)
        let disciplines = cache("r.discipline", Discipline?.self)
        readCSV(DataFolder.ratings, DataSchemas.ratings) { row, map, f in
            guard let u = unitCell(row, 2, map, units) else { return }
            guard let year = Self.int(row.value(3)), checkYear(year, map.at(line: row.line, row: row.row, 3)) else { return }
            guard let s = personCell(row, codeColumn: 0, nameColumn: 1, unit: u, map) else { return }
            var duplicate: Bool
            if (1990..<2054).contains(year) {
                while seenMask.count <= Int(s) { seenMask.append(0) }
                let bit = UInt64(1) << UInt64(year - 1990)
                duplicate = seenMask[Int(s)] & bit != 0
                seenMask[Int(s)] |= bit
            } else {
                duplicate = !seenOther.insert(Int64(s) << 16 | Int64(year & 0xFFFF)).inserted
            }
            if duplicate {
                let first = builder.data.ratings.first { $0.subject == s && $0.year == year }?.origin.line ?? 0
                issues.error(.invalidValue, map.at(line: row.line, row: row.row, 1), value: row.text(1),
                             "«\(builder.data.subjects[Int(s)].name)» đã có xếp loại năm \(year) ở dòng \(first).")
                return
            }
            let rating = labelCell(Rating.self, row, 4, map, ratings)
            let discipline = labelCell(Discipline.self, row, 5, map, disciplines)
            builder.addRating(YearRating(subject: s, year: year, unit: u, rating: rating, discipline: discipline,
                                         origin: RecordOrigin(file: f, line: Int32(row.line))))
        }
    }

    // MARK: Movements

    func loadMovements() {
        guard let name = structuredFile(DataFolder.movements) else { return }
        let file = path(name)
        movementsFile = file
        let f = builder.file(file)
        do {
            let (dto, warnings) = try StructuredDecoder().decodeWithWarnings(MovementsFileDTO.self, path: file)
            for w in warnings { issues.add(w) }
            for m in dto.phongTrao {
                let at = SourceLocation(file: file, line: m.place.line, keyPath: m.place.keyPath)
                if movementCodes[m.ma] != nil {
                    issues.error(.invalidValue, at, value: m.ma, "Mã phong trào «\(m.ma)» bị trùng.")
                    continue
                }
                var launchedBy: Int32 = -1
                var launchedText: String?
                if let by = m.phatDongBoi {
                    let byAt = SourceLocation(file: file, line: by.line, keyPath: by.keyPath)
                    if m.cap == .central {
                        if case .unit(let i, _) = units.resolve(by.text) { launchedBy = i } else { launchedText = by.text }
                    } else if let u = resolveUnit(by.text, at: byAt) {
                        launchedBy = u
                    }
                }
                movementCodes[m.ma] = Int32(builder.data.movements.count)
                builder.addMovement(Movement(code: m.ma, name: m.ten, theme: m.chuDe, launchedBy: launchedBy,
                                             launchedByText: launchedText, level: m.cap, scope: m.phamVi, type: m.hinhThuc,
                                             launchDate: m.ngayPhatDong, start: m.tuNgay, end: m.denNgay,
                                             targets: m.chiTieu ?? [], plan: m.keHoach,
                                             origin: RecordOrigin(file: f, line: Int32(m.place.line))))
            }
        } catch {
            issues.add(error)
        }
    }

    func resolveMovement(_ text: String, at location: @autoclosure () -> SourceLocation) -> Int32? {
        let t = Text.trim(text)
        if let i = movementCodes[t] { return i }
        if let i = builder.data.movements.firstIndex(where: { Catalogue.exactKey($0.name) == Catalogue.exactKey(t) }) {
            movementCodes[t] = Int32(i)
            return Int32(i)
        }
        let where_ = movementsFile ?? path(DataFolder.movements + ".yaml")
        issues.error(.unresolvedReference, location(), value: t,
                     "Phong trào «\(t)» không có trong \(where_). Thêm phong trào vào \(where_) hoặc sửa mã.")
        return nil
    }

    // MARK: Awards

    func awardFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { n in
            let lower = n.lowercased()
            return lower.hasPrefix(DataFolder.awardsPrefix) && (lower.hasSuffix(".csv") || lower.hasSuffix(".txt"))
        }.sorted()
    }

    /// A four-digit year in a file name ("khen-thuong-2024.csv" → 2024).
    static func yearInName(_ name: String) -> Int? {
        let digits = Array(name.unicodeScalars)
        var i = 0
        while i + 4 <= digits.count {
            let window = digits[i..<(i + 4)]
            let before = i == 0 || !CharacterSet.decimalDigits.contains(digits[i - 1])
            let after = i + 4 == digits.count || !CharacterSet.decimalDigits.contains(digits[i + 4])
            if before && after && window.allSatisfy({ CharacterSet.decimalDigits.contains($0) }) {
                let y = Int(String(String.UnicodeScalarView(window)))!
                if (1945...2100).contains(y) { return y }
            }
            i += 1
        }
        return nil
    }

    func loadAwards() {
        let catalogue = builder.data.catalogue
        let units = cache("a.unit", Int32.self), entries = cache("a.entry", Int32.self)
        let kinds = cache("a.kind", SubjectKind?.self), genders = cache("a.gender", Gender?.self)
        let minorities = cache("a.minority", Bool.self), categories = cache("a.category", PersonCategory?.self)
        let methods = cache("a.method", AwardMethod?.self), ratings = cache("a.rating", Rating?.self)
        let movements = cache("a.movement", Int32.self), decisions = cache("a.decision", Int32.self)
        let initiatives = cache("a.initiative", Int32.self), issuers = cache("a.issuer", Int32.self)
        builder.reserveAwards(awardFiles().reduce(0) { $0 + fileSize(path($1)) } / 120)
        for name in awardFiles() {
            let fileYear = Self.yearInName(name)
            let file = path(name)
            readCSVPath(file, DataSchemas.awards) { row, map, f in
                func at(_ c: Int) -> SourceLocation { map.at(line: row.line, row: row.row, c) }
                // Unit
                guard let u = unitCell(row, 8, map, units) else { return }
                // Title or form
                var entry: Int32
                let entryBytes = row.bytes(9)
                if let e = entries.lookup(entryBytes) {
                    entry = e
                } else {
                    let entryText = row.text(9)
                    switch catalogue.match(entryText) {
                    case .exact(let i):
                        entry = Int32(i)
                    case .loose(let i):
                        entry = Int32(i)
                        issues.warning(.invalidValue, at(9), value: entryText,
                                       "«\(entryText)» được hiểu là «\(catalogue.entries[i].name)» (\(catalogueFile)) khi bỏ qua dấu; sửa cho đúng tên.")
                    case nil:
                        entry = -1
                    }
                    entries.insert(entryBytes, entry)
                }
                if entry < 0 {
                    let entryText = row.text(9)
                    var message = "«\(entryText)» không có trong danh mục danh hiệu, hình thức (\(catalogueFile)). Sửa tên cho đúng hoặc thêm vào danh mục (danh-muc.yaml)."
                    let s = catalogue.suggestions(for: entryText)
                    if !s.isEmpty { message += " Có phải: \(s.map { "«\($0)»" }.joined(separator: ", "))?" }
                    issues.error(.unresolvedReference, at(9), value: entryText, message)
                    return
                }
                let e = catalogue.entries[Int(entry)]
                // Year
                var year = Self.int(row.value(10))
                if year == nil { year = fileYear }
                guard let year else {
                    issues.error(.missingValue, at(10),
                                 "Không biết năm thành tích: thêm cột «Năm» hoặc đặt năm vào tên tệp (khen-thuong-2024.csv).")
                    return
                }
                guard checkYear(year, at(10)) else { return }
                // Subject kind: the column, else the only kind the entry allows, else a name
                // that is empty or the unit's own means the collective.
                var kind: SubjectKind
                if row.bytes(3).isEmpty {
                    if e.subjects.count == 1 {
                        kind = e.subjects[0]
                    } else {
                        let name = Vietnamese.collapsingWhitespace(row.text(1))
                        let unit = builder.data.units[Int(u)]
                        let k = ColumnName.key(name)
                        kind = name.isEmpty || k == ColumnName.key(unit.name) || k == ColumnName.key(unit.code) ? .collective : .individual
                    }
                } else {
                    guard let k = labelCell(SubjectKind.self, row, 3, map, kinds) else { return }
                    kind = k
                }
                if !e.subjects.contains(kind) {
                    issues.error(.invalidValue, at(3), value: kind.label,
                                 "«\(e.name)» không tặng cho \(kind.label.lowercased()) (danh mục: \(e.subjects.map { $0.label.lowercased() }.joined(separator: ", "))). Sửa cột «Đối tượng» hoặc «Danh hiệu, hình thức».")
                    return
                }
                // Subject
                var subject: Int32
                var female = false, minority = false
                var category = PersonCategory.directWorker
                switch kind {
                case .individual:
                    guard let s = personCell(row, codeColumn: 2, nameColumn: 1, unit: u, map) else { return }
                    subject = s
                    let code = builder.data.subjects[Int(s)].code
                    var registry: Person?
                    func person() -> Person? {
                        if registry == nil, code != nil { registry = self.person(of: s) }
                        return registry
                    }
                    if let g = labelCell(Gender.self, row, 4, map, genders) { female = g == .female } else { female = person()?.gender == .female }
                    if let m = minorityCell(row, 5, minorities) { minority = m } else { minority = Person.isMinority(person()?.ethnicity) }
                    if let c = labelCell(PersonCategory.self, row, 7, map, categories) {
                        category = c
                    } else if let c = person()?.category {
                        category = c
                    } else {
                        category = PersonCategory.inferred(fromPosition: nonEmpty(row.text(6)) ?? person()?.position ?? "")
                    }
                case .collective:
                    let name = Vietnamese.collapsingWhitespace(row.text(1))
                    subject = builder.collective(name: name.isEmpty ? nil : name, unit: u)
                case .household:
                    let name = Vietnamese.collapsingWhitespace(row.text(1))
                    if name.isEmpty {
                        issues.error(.missingValue, at(1), "Thiếu tên hộ gia đình.")
                        return
                    }
                    subject = builder.household(name: name, unit: u)
                }
                // Method, rating, texts
                var method = e.defaultMethod
                if !row.bytes(14).isEmpty {
                    guard let m = labelCell(AwardMethod.self, row, 14, map, methods) else { return }
                    method = m
                }
                let rating = labelCell(Rating.self, row, 15, map, ratings)
                var movement: Int32 = -1
                let mb = row.bytes(17)
                if !mb.isEmpty {
                    if let m = movements.lookup(mb) {
                        movement = m
                    } else {
                        guard let m = resolveMovement(row.text(17), at: at(17)) else { return }
                        movements.insert(mb, m)
                        movement = m
                    }
                }
                let date: CivilDate? = if case .date(let d) = row.value(12) { d } else { nil }
                builder.addAward(Award(entry: entry, subject: subject, unit: u, year: year, method: method, rating: rating,
                                       category: category, female: female, minority: minority,
                                       decision: internCell(row, 11, decisions), initiative: internCell(row, 16, initiatives),
                                       issuer: internCell(row, 13, issuers, collapse: true), movement: movement, decisionDate: date,
                                       origin: RecordOrigin(file: f, line: Int32(row.line))))
            }
        }
    }

    // MARK: Clusters and scores

    func loadClusters() {
        guard let name = structuredFile(DataFolder.clusters) else { return }
        let file = path(name)
        clustersFile = file
        let f = builder.file(file)
        do {
            let (dto, warnings) = try StructuredDecoder().decodeWithWarnings(ClustersFileDTO.self, path: file)
            for w in warnings { issues.add(w) }
            for c in dto.cumKhoi {
                let at = SourceLocation(file: file, line: c.place.line, keyPath: c.place.keyPath)
                if clusterCodes[c.ma] != nil {
                    issues.error(.invalidValue, at, value: c.ma, "Mã cụm, khối «\(c.ma)» bị trùng.")
                    continue
                }
                var years: [ClusterYear] = []
                for y in c.nam {
                    let yAt = SourceLocation(file: file, line: y.place.line, keyPath: y.place.keyPath)
                    if years.contains(where: { $0.year == y.nam }) {
                        issues.error(.invalidValue, yAt, value: String(y.nam), "Năm \(y.nam) của «\(c.ten)» được khai hai lần.")
                        continue
                    }
                    func ref(_ t: LocatedText) -> Int32? {
                        resolveUnit(t.text, at: SourceLocation(file: file, line: t.line, keyPath: t.keyPath))
                    }
                    var members: [Int32] = []
                    for m in y.thanhVien {
                        guard let u = ref(m) else { continue }
                        if members.contains(u) {
                            issues.error(.invalidValue, SourceLocation(file: file, line: m.line, keyPath: m.keyPath), value: m.text,
                                         "Đơn vị «\(m.text)» có hai lần trong thành viên năm \(y.nam).")
                            continue
                        }
                        members.append(u)
                    }
                    var leader: Int32?
                    if let t = y.cumTruong, let u = ref(t) {
                        if !members.contains(u) {
                            issues.error(.unresolvedReference, SourceLocation(file: file, line: t.line, keyPath: t.keyPath), value: t.text,
                                         "Cụm trưởng «\(t.text)» không có trong thành viên năm \(y.nam) của «\(c.ten)».")
                        }
                        leader = u
                    }
                    var deputies: [Int32] = []
                    for t in y.cumPho ?? [] {
                        guard let u = ref(t) else { continue }
                        if !members.contains(u) {
                            issues.error(.unresolvedReference, SourceLocation(file: file, line: t.line, keyPath: t.keyPath), value: t.text,
                                         "Cụm phó «\(t.text)» không có trong thành viên năm \(y.nam) của «\(c.ten)».")
                        }
                        deputies.append(u)
                    }
                    var groups: [CriteriaGroup] = []
                    if let list = y.tieuChi {
                        groups = list.map { g in
                            CriteriaGroup(code: g.ma, name: g.ten, criteria: g.tieuChi.map {
                                Criterion(code: $0.ma, name: $0.ten, maxPoints: $0.diemToiDa, weight: $0.trongSo ?? 1)
                            })
                        }
                    } else if let from = y.tieuChiNhuNam {
                        if let prior = years.first(where: { $0.year == from }) {
                            groups = prior.groups
                        } else {
                            issues.error(.unresolvedReference, yAt, value: String(from),
                                         "tieu_chi_nhu_nam: \(from) nhưng «\(c.ten)» chưa khai bảng tiêu chí năm \(from) ở phía trên.")
                        }
                    }
                    var codes = Set<String>()
                    for g in groups {
                        for cr in g.criteria where !codes.insert(cr.code).inserted {
                            issues.error(.invalidValue, yAt, value: cr.code, "Mã tiêu chí «\(cr.code)» bị trùng trong bảng tiêu chí năm \(y.nam).")
                        }
                    }
                    years.append(ClusterYear(year: y.nam, members: members, leader: leader, deputies: deputies, groups: groups,
                                             maxBonus: y.diemCongToiDa, maxPenalty: y.diemTruToiDa,
                                             origin: RecordOrigin(file: f, line: Int32(y.place.line))))
                }
                let idx = Int32(builder.data.clusters.count)
                clusterCodes[c.ma] = idx
                clusterKeys[Catalogue.exactKey(c.ten)] = idx
                clusterKeys[ColumnName.key(c.ten)] = idx
                builder.addCluster(Cluster(code: c.ma, name: c.ten, kind: c.loai, flags: c.soCo, certificates: c.soBangKhen,
                                           years: years, origin: RecordOrigin(file: f, line: Int32(c.place.line))))
            }
        } catch {
            issues.add(error)
        }
    }

    func loadScores() {
        guard exists(DataFolder.scores) else { return }
        let clustersWhere = clustersFile ?? path(DataFolder.clusters + ".yaml")
        readCSV(DataFolder.scores, DataSchemas.scores) { row, map, f in
            func at(_ c: Int) -> SourceLocation { map.at(line: row.line, row: row.row, c) }
            guard let year = Self.int(row.value(0)) else { return }
            let clusterText = Text.trim(row.text(1))
            guard let ci = clusterCodes[clusterText] ?? clusterKeys[Catalogue.exactKey(clusterText)] ?? clusterKeys[ColumnName.key(clusterText)] else {
                issues.error(.unresolvedReference, at(1), value: clusterText,
                             "Cụm, khối «\(clusterText)» không có trong \(clustersWhere). Khai cụm, khối trong \(clustersWhere) hoặc sửa mã.")
                return
            }
            let cluster = builder.data.clusters[Int(ci)]
            let clusterAt = builder.data.location(cluster.origin).map { " (\($0))" } ?? ""
            guard let cy = cluster.year(year) else {
                issues.error(.unresolvedReference, at(0), value: String(year),
                             "«\(cluster.name)» chưa khai năm \(year) trong \(clustersWhere)\(clusterAt). Thêm năm \(year) (thành viên, bảng tiêu chí).")
                return
            }
            guard let u = resolveUnit(row.text(2), at: at(2)) else { return }
            let yearAt = builder.data.location(cy.origin).map { " (\($0))" } ?? ""
            if !cy.members.contains(u) {
                issues.error(.unresolvedReference, at(2), value: row.text(2),
                             "«\(builder.data.units[Int(u)].name)» không phải thành viên của «\(cluster.name)» năm \(year)\(yearAt).")
                return
            }
            let criterionText = Text.trim(row.text(3))
            var ref: ScoreRecord.CriterionRef?
            let selfScore = Self.number(row.value(4))
            let clusterScore = Self.number(row.value(5))
            if !criterionText.isEmpty {
                guard let (g, c) = cy.criterion(code: criterionText) else {
                    issues.error(.unresolvedReference, at(3), value: criterionText,
                                 "Tiêu chí «\(criterionText)» không có trong bảng tiêu chí năm \(year) của «\(cluster.name)»\(yearAt).")
                    return
                }
                ref = ScoreRecord.CriterionRef(group: g, index: c)
                let criterion = cy.groups[g].criteria[c]
                for (col, v) in [(4, selfScore), (5, clusterScore)] {
                    if let v, v < 0 || v > criterion.maxPoints + 1e-9 {
                        issues.error(.invalidValue, at(col), value: VietnameseNumber.format(v, fractionDigits: 2, trimZeros: true),
                                     "Điểm \(VietnameseNumber.format(v, fractionDigits: 2, trimZeros: true)) ngoài khoảng 0 – \(VietnameseNumber.format(criterion.maxPoints, fractionDigits: 2, trimZeros: true)) (điểm tối đa của tiêu chí «\(criterion.code)»\(yearAt)).")
                        return
                    }
                }
            } else if selfScore != nil || clusterScore != nil {
                issues.error(.missingValue, at(3), "Có điểm tự chấm/cụm chấm nhưng thiếu mã tiêu chí. Ghi mã tiêu chí, hoặc để trống hai cột điểm ở dòng điểm cộng, điểm trừ.")
                return
            }
            let bonus = Self.number(row.value(6)) ?? 0
            let penalty = Self.number(row.value(7)) ?? 0
            if bonus < 0 || penalty < 0 {
                issues.error(.invalidNumber, at(bonus < 0 ? 6 : 7), "Điểm cộng, điểm trừ ghi số dương.")
                return
            }
            builder.addScore(ScoreRecord(cluster: ci, year: year, unit: u, criterion: ref, selfScore: selfScore,
                                         clusterScore: clusterScore, bonus: bonus, penalty: penalty,
                                         votes: Self.int(row.value(8)), origin: RecordOrigin(file: f, line: Int32(row.line))))
        }
    }

    // MARK: Registrations

    func loadRegistrations() {
        let catalogue = builder.data.catalogue
        readCSV(DataFolder.registrations, DataSchemas.registrations) { row, map, f in
            func at(_ c: Int) -> SourceLocation { map.at(line: row.line, row: row.row, c) }
            guard let year = Self.int(row.value(0)), let u = resolveUnit(row.text(1), at: at(1)) else { return }
            var movement: Int32 = -1
            let mt = Text.trim(row.text(2))
            if !mt.isEmpty {
                guard let m = resolveMovement(mt, at: at(2)) else { return }
                movement = m
            }
            var entry: Int32 = -1
            let et = Text.trim(row.text(3))
            if !et.isEmpty {
                switch catalogue.match(et) {
                case .exact(let i), .loose(let i): entry = Int32(i)
                case nil:
                    issues.error(.unresolvedReference, at(3), value: et,
                                 "«\(et)» không có trong danh mục danh hiệu, hình thức (\(catalogueFile)).")
                    return
                }
            }
            builder.addRegistration(Registration(year: year, unit: u, movement: movement, entry: entry,
                                                 count: Self.int(row.value(4)), targets: nonEmpty(row.text(5)),
                                                 origin: RecordOrigin(file: f, line: Int32(row.line))))
        }
    }

    // MARK: Plans and programmes

    func structuredFiles(in sub: String) -> [String] {
        let dir = path(sub)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { StructuredFormat(path: $0) != nil }.sorted().map { (dir as NSString).appendingPathComponent($0) }
    }

    /// Converts written items, resolving each `don_vi` (an unresolved one is reported and the
    /// item kept without an agency). An item with an agency and no title gets the unit's name.
    func planItems(_ dtos: [PlanItemDTO], file: String) -> [PlanItem] {
        dtos.map { d in
            var unit: Int32 = -1
            if let ref = d.donVi {
                unit = resolveUnit(ref.text, at: SourceLocation(file: file, line: ref.line, keyPath: ref.keyPath)) ?? -1
            }
            let title = d.tieuDe ?? (unit >= 0 ? builder.data.units[Int(unit)].name : nil)
            return PlanItem(title: title, paragraphs: d.noiDung, items: planItems(d.muc, file: file), unit: unit,
                            deadline: d.han)
        }
    }

    /// Cơ quan chủ quản of `unit`: the written key (a unit; "không" or empty for none), else the
    /// unit's parent unless the unit is an Ủy ban nhân dân (whose header carries the place).
    func supervisor(of unit: Int32, key: LocatedText?, file: String) -> Int32 {
        if let key {
            let k = ColumnName.key(key.text)
            if k.isEmpty || k == "khong" { return -1 }
            return resolveUnit(key.text, at: SourceLocation(file: file, line: key.line, keyPath: key.keyPath)) ?? -1
        }
        let u = builder.data.units[Int(unit)]
        return u.type == .government ? -1 : u.parent
    }

    /// The documents of `thuc_hien`. When the opening (or căn cứ) is written, each document's
    /// number (or name) should appear in it, else the printed text would not cite it: warned.
    func implementedDocuments(_ dtos: [DocumentReferenceDTO]?, opening: [String], file: String) -> [DocumentReference] {
        let text = opening.map(Catalogue.exactKey)
        for d in dtos ?? [] where !text.isEmpty {
            guard let key = d.reference.number ?? d.reference.title else { continue }
            if !text.contains(where: { $0.contains(Catalogue.exactKey(key)) }) {
                issues.warning(.invalidValue, SourceLocation(file: file, line: d.place.line, keyPath: d.place.keyPath), value: key,
                               "Văn bản thực hiện (thuc_hien) «\(key)» không có trong mo_dau hoặc can_cu: văn bản in ra sẽ không nêu nó. Chép câu «Thực hiện \(d.reference.citation)…» vào mo_dau.")
            }
        }
        return (dtos ?? []).map(\.reference)
    }

    /// Resolves `phong_trao` references against phong-trao.yaml.
    func movementRefs(_ refs: [LocatedText]?, file: String) -> [Int32] {
        (refs ?? []).compactMap { ref in
            resolveMovement(ref.text, at: SourceLocation(file: file, line: ref.line, keyPath: ref.keyPath))
        }
    }

    func loadPlans() {
        for file in structuredFiles(in: DataFolder.plansFolder) {
            let f = builder.file(file)
            do {
                let (p, warnings) = try StructuredDecoder().decodeWithWarnings(PlanFileDTO.self, path: file)
                for w in warnings { issues.add(w) }
                func loc(_ t: LocatedText) -> SourceLocation { SourceLocation(file: file, line: t.line, keyPath: t.keyPath) }
                guard let issuer = resolveUnit(p.coQuanBanHanh.text, at: loc(p.coQuanBanHanh)) else { continue }
                var tasks: [PlanTask] = []
                for t in p.nhiemVu ?? [] {
                    guard let u = resolveUnit(t.donVi.text, at: loc(t.donVi)) else { continue }
                    tasks.append(PlanTask(unit: u, content: Vietnamese.nfc(t.noiDung), deadline: t.han))
                }
                var plan = Plan(number: p.so, date: p.ngay, issuer: issuer, place: p.diaDanh, title: p.trichYeu,
                                legalBases: p.canCu ?? [], sections: planItems(p.muc ?? [], file: file), tasks: tasks,
                                recipients: p.noiNhan ?? [], signer: p.nguoiKy, origin: RecordOrigin(file: f, line: 1))
                plan.kind = p.loai ?? .plan
                plan.supervisor = supervisor(of: issuer, key: p.coQuanChuQuan, file: file)
                plan.opening = p.moDau ?? []
                plan.closing = p.ketThuc ?? []
                plan.theme = p.chuDe
                plan.audience = p.doiTuong
                plan.periodStart = p.tuNgay
                plan.periodEnd = p.denNgay
                plan.movements = movementRefs(p.phongTrao, file: file)
                plan.implementing = implementedDocuments(p.thucHien, opening: plan.opening, file: file)
                let at = SourceLocation(file: file, line: p.place.line)
                if plan.kind == .launch, plan.theme == nil {
                    issues.warning(.missingKey, at, "Kế hoạch phát động thi đua chưa có chu_de (chủ đề, khẩu hiệu thi đua). Thêm khóa chu_de.")
                }
                if let theme = plan.theme {
                    let text = (plan.opening + plan.sections.flatMap(\.allText)).map(Catalogue.exactKey)
                    if !text.contains(where: { $0.contains(Catalogue.exactKey(theme)) }) {
                        issues.warning(.invalidValue, SourceLocation(file: file, keyPath: "chu_de"), value: theme,
                                       "Chủ đề (chu_de) không có trong nội dung kế hoạch (muc): văn bản in ra sẽ thiếu chủ đề. Chép chủ đề vào mục «CHỦ ĐỀ, ĐỐI TƯỢNG, THỜI GIAN».")
                    }
                }
                builder.addPlan(plan)
            } catch {
                issues.add(error)
            }
        }
    }

    func loadProgrammes() {
        var codes: [String: String] = [:]
        for file in structuredFiles(in: DataFolder.programmesFolder) {
            let f = builder.file(file)
            do {
                let (p, warnings) = try StructuredDecoder().decodeWithWarnings(ProgrammeFileDTO.self, path: file)
                for w in warnings { issues.add(w) }
                if let other = codes[p.ma] {
                    issues.error(.invalidValue, SourceLocation(file: file, keyPath: "ma"), value: p.ma,
                                 "Mã chương trình «\(p.ma)» đã dùng ở \(other).")
                    continue
                }
                codes[p.ma] = file
                func loc(_ t: LocatedText) -> SourceLocation { SourceLocation(file: file, line: t.line, keyPath: t.keyPath) }
                var parties: [ProgrammeParty] = []
                for b in p.cacBen {
                    guard let u = resolveUnit(b.donVi.text, at: loc(b.donVi)) else { continue }
                    if parties.contains(where: { $0.unit == u }) {
                        issues.error(.invalidValue, loc(b.donVi), value: b.donVi.text,
                                     "Bên «\(b.donVi.text)» được ghi hai lần trong cac_ben. Mỗi bên một lần.")
                        continue
                    }
                    parties.append(ProgrammeParty(unit: u, signer: b.nguoiKy,
                                                  supervisor: supervisor(of: u, key: b.coQuanChuQuan, file: file)))
                }
                var deliverables: [Deliverable] = []
                for d in p.sanPham ?? [] {
                    guard let u = resolveUnit(d.benThucHien.text, at: loc(d.benThucHien)) else { continue }
                    if !parties.contains(where: { $0.unit == u }) {
                        issues.error(.unresolvedReference, loc(d.benThucHien), value: d.benThucHien.text,
                                     "Bên thực hiện «\(d.benThucHien.text)» không có trong cac_ben của chương trình «\(p.ten)».")
                        continue
                    }
                    if deliverables.contains(where: { $0.code == d.ma }) {
                        issues.error(.invalidValue, loc(d.benThucHien), value: d.ma, "Mã sản phẩm «\(d.ma)» bị trùng.")
                        continue
                    }
                    deliverables.append(Deliverable(code: d.ma, name: d.ten, kind: d.loai, party: u, perPeriod: d.soKy,
                                                    frequency: d.moi, minutes: d.thoiLuongPhut,
                                                    start: max(d.tuNgay ?? p.tuNgay, p.tuNgay), end: min(d.denNgay ?? p.denNgay, p.denNgay)))
                }
                let sections = planItems(p.muc ?? [], file: file)
                var contents = planItems(p.noiDung ?? [], file: file)
                if p.noiDung == nil, !sections.isEmpty {
                    if let s = sections.first(where: { ColumnName.key($0.title ?? "").hasPrefix("noi dung") }) {
                        contents = s.items
                    } else {
                        issues.warning(.missingKey, SourceLocation(file: file, keyPath: "muc"),
                                       "Chương trình không có mục «NỘI DUNG PHỐI HỢP» trong muc và không có khóa noi_dung: danh sách nội dung phối hợp sẽ trống.")
                    }
                }
                var programme = Programme(code: p.ma, name: p.ten, number: p.so, signedOn: p.ngayKy, start: p.tuNgay,
                                          end: p.denNgay, parties: parties, contents: contents,
                                          deliverables: deliverables, origin: RecordOrigin(file: f, line: 1), place: p.diaDanh)
                programme.legalBases = p.canCu ?? []
                programme.opening = p.moDau ?? []
                programme.sections = sections
                programme.closing = p.ketThuc ?? []
                programme.recipients = p.noiNhan ?? []
                programme.movements = movementRefs(p.phongTrao, file: file)
                programme.implementing = implementedDocuments(p.thucHien, opening: programme.opening + programme.legalBases,
                                                              file: file)
                builder.addProgramme(programme)
            } catch {
                issues.add(error)
            }
        }
    }

    func loadDeliveries() {
        let programmes = builder.data.programmes
        let folderName = path(DataFolder.programmesFolder)
        readCSV(DataFolder.deliveries, DataSchemas.deliveries) { row, map, f in
            func at(_ c: Int) -> SourceLocation { map.at(line: row.line, row: row.row, c) }
            let pt = Text.trim(row.text(0))
            guard let pi = programmes.firstIndex(where: { $0.code == pt || Catalogue.exactKey($0.name) == Catalogue.exactKey(pt) }) else {
                issues.error(.unresolvedReference, at(0), value: pt,
                             "Chương trình «\(pt)» không có trong thư mục \(folderName). Sửa mã chương trình (khóa «ma» của tệp chương trình).")
                return
            }
            let p = programmes[pi]
            let dt = Text.trim(row.text(1))
            guard let di = p.deliverables.firstIndex(where: { $0.code == dt || Catalogue.exactKey($0.name) == Catalogue.exactKey(dt) }) else {
                let file = builder.data.location(p.origin)?.file ?? folderName
                issues.error(.unresolvedReference, at(1), value: dt,
                             "Sản phẩm «\(dt)» không có trong san_pham của chương trình «\(p.name)» (\(file)).")
                return
            }
            guard case .date(let date) = row.value(2) else { return }
            let episodes = Self.int(row.value(3)) ?? 1
            builder.addDelivery(DeliveryRecord(programme: Int32(pi), deliverable: Int32(di), date: date, episodes: episodes,
                                               minutes: Self.int(row.value(4)), title: nonEmpty(row.text(5)),
                                               origin: RecordOrigin(file: f, line: Int32(row.line))))
        }
    }

    // MARK: Propaganda and exemplars

    func loadPropaganda() {
        readCSV(DataFolder.propaganda, DataSchemas.propaganda) { row, map, f in
            func at(_ c: Int) -> SourceLocation { map.at(line: row.line, row: row.row, c) }
            guard let u = resolveUnit(row.text(0), at: at(0)), let year = Self.int(row.value(1)) else { return }
            let month = Self.int(row.value(2))
            if let month, !(1...12).contains(month) {
                issues.error(.invalidValue, at(2), value: String(month), "Tháng phải từ 1 đến 12.")
                return
            }
            let values = (3...8).map { Self.int(row.value($0)) ?? 0 }
            if let bad = values.firstIndex(where: { $0 < 0 }) {
                issues.error(.invalidNumber, at(3 + bad), "Số lượng không được âm.")
                return
            }
            builder.addPropaganda(PropagandaOutput(unit: u, year: year, month: month, news: values[0], articles: values[1],
                                                   reportages: values[2], columnsPlanned: values[3], columnsAired: values[4],
                                                   minutes: values[5], origin: RecordOrigin(file: f, line: Int32(row.line))))
        }
    }

    func loadExemplars() {
        readCSV(DataFolder.exemplars, DataSchemas.exemplars) { row, map, f in
            func at(_ c: Int) -> SourceLocation { map.at(line: row.line, row: row.row, c) }
            guard let year = Self.int(row.value(0)), let u = resolveUnit(row.text(3), at: at(3)) else { return }
            let kind = parseOptional(SubjectKind.self, row.text(2), at(2)) ?? .individual
            var movement: Int32 = -1
            let mt = Text.trim(row.text(7))
            if !mt.isEmpty {
                guard let m = resolveMovement(mt, at: at(7)) else { return }
                movement = m
            }
            builder.addExemplar(Exemplar(year: year, name: Vietnamese.collapsingWhitespace(row.text(1)), kind: kind, unit: u,
                                         field: nonEmpty(row.text(4)), achievement: nonEmpty(row.text(5)),
                                         recognition: nonEmpty(row.text(6)), movement: movement,
                                         origin: RecordOrigin(file: f, line: Int32(row.line))))
        }
    }
}
