import Ingest
import Vietnamese

/// Where a record was read: a file of the data folder and a line (compact: a file index into
/// `ProvinceData.files` and a line number), turned into a `SourceLocation` when shown.
public struct RecordOrigin: Sendable, Hashable {
    public var file: Int32
    public var line: Int32
    public init(file: Int32, line: Int32) {
        self.file = file
        self.line = line
    }
    public static let none = RecordOrigin(file: -1, line: 0)
}

// MARK: - Units

/// Đơn vị: a node of the province's hierarchy (tỉnh → sở, ngành, huyện → phòng, xã).
public struct Unit: Sendable, Hashable {
    /// Mã đơn vị, unique.
    public var code: String
    /// Tên đơn vị as documents write it ("Sở Nội vụ", "UBND xã Phú Đình").
    public var name: String
    /// Other names lists may use.
    public var otherNames: [String]
    /// Index of the parent unit in `ProvinceData.units`, or -1 for the root.
    public var parent: Int32
    public var level: UnitLevel
    public var type: UnitType
    /// First and last year the unit exists (names are valid per year; merged units end).
    public var fromYear: Int?
    public var toYear: Int?
    public var origin: RecordOrigin

    public init(code: String, name: String, otherNames: [String] = [], parent: Int32 = -1, level: UnitLevel,
                type: UnitType, fromYear: Int? = nil, toYear: Int? = nil, origin: RecordOrigin = .none) {
        self.code = code
        self.name = name
        self.otherNames = otherNames
        self.parent = parent
        self.level = level
        self.type = type
        self.fromYear = fromYear
        self.toYear = toYear
        self.origin = origin
    }

    /// Whether the unit exists in `year`.
    public func isActive(in year: Int) -> Bool {
        if let fromYear, year < fromYear { return false }
        if let toYear, year > toYear { return false }
        return true
    }
}

/// Số liệu lao động của một đơn vị trong một năm (headcount and what R5/R6 need).
public struct UnitYear: Sendable, Hashable {
    public var unit: Int32
    public var year: Int
    /// Tổng số cán bộ, công chức, viên chức, người lao động.
    public var headcount: Int
    /// Số hoàn thành nhiệm vụ trở lên (nil: not given).
    public var completed: Int?
    /// Số bị kỷ luật từ cảnh cáo trở lên (nil: not given).
    public var disciplinedWarningOrAbove: Int?
    public var origin: RecordOrigin

    public init(unit: Int32, year: Int, headcount: Int, completed: Int? = nil, disciplinedWarningOrAbove: Int? = nil,
                origin: RecordOrigin = .none) {
        self.unit = unit
        self.year = year
        self.headcount = headcount
        self.completed = completed
        self.disciplinedWarningOrAbove = disciplinedWarningOrAbove
        self.origin = origin
    }
}

// MARK: - Subjects and awards

/// Who receives awards: a person, a collective (a unit or a named group in it) or a household.
/// Subjects are identified across years by code (Mã cá nhân) or by name and unit.
public struct Subject: Sendable, Hashable {
    public var kind: SubjectKind
    /// Họ và tên, or the collective's or household's name (for a unit: the unit's name).
    public var name: String
    /// Mã cá nhân when the lists give one.
    public var code: String?
    /// The unit the subject belongs to (for a unit collective: the unit itself).
    public var unit: Int32
    /// True when the collective is the unit itself.
    public var isUnit: Bool

    public init(kind: SubjectKind, name: String, code: String? = nil, unit: Int32, isUnit: Bool = false) {
        self.kind = kind
        self.name = name
        self.code = code
        self.unit = unit
        self.isUnit = isUnit
    }
}

/// A person of the individuals list (ca-nhan.csv).
public struct Person: Sendable, Hashable {
    public var code: String
    public var name: String
    public var gender: Gender?
    public var ethnicity: String?
    public var position: String?
    public var category: PersonCategory?
    public var unit: Int32
    public var origin: RecordOrigin

    public init(code: String, name: String, gender: Gender? = nil, ethnicity: String? = nil, position: String? = nil,
                category: PersonCategory? = nil, unit: Int32, origin: RecordOrigin = .none) {
        self.code = code
        self.name = name
        self.gender = gender
        self.ethnicity = ethnicity
        self.position = position
        self.category = category
        self.unit = unit
        self.origin = origin
    }

    /// Whether an ethnicity names an ethnic minority (anything but Kinh; empty is unknown).
    public static func isMinority(_ ethnicity: String?) -> Bool {
        guard let ethnicity else { return false }
        let k = ColumnName.key(ethnicity)
        return !k.isEmpty && k != "kinh" && k != "dan toc kinh"
    }
}

/// Xếp loại một người trong một năm (xep-loai.csv): the year's personnel list.
public struct YearRating: Sendable, Hashable {
    public var subject: Int32
    public var year: Int
    public var unit: Int32
    public var rating: Rating?
    public var discipline: Discipline?
    public var origin: RecordOrigin

    public init(subject: Int32, year: Int, unit: Int32, rating: Rating?, discipline: Discipline? = nil,
                origin: RecordOrigin = .none) {
        self.subject = subject
        self.year = year
        self.unit = unit
        self.rating = rating
        self.discipline = discipline
        self.origin = origin
    }
}

/// One award given: who, what, when, by which decision. Compact (a million fit in memory):
/// texts are interned in `ProvinceData.texts`.
public struct Award: Sendable, Hashable {
    /// Catalogue entry index.
    public var entry: Int32
    /// Subject index in `ProvinceData.subjects`.
    public var subject: Int32
    /// The unit written on the row (Đơn vị).
    public var unit: Int32
    /// Năm thành tích.
    public var year: Int16
    public var method: AwardMethod
    /// Rating written on the row (Xếp loại), if any.
    public var rating: Rating?
    /// Nhóm đối tượng of an individual at the time (explicit or inferred from the position).
    public var category: PersonCategory
    public var female: Bool
    public var minority: Bool
    /// Interned texts (-1 when empty): Số quyết định, Sáng kiến, Cơ quan quyết định, Phong trào.
    public var decision: Int32
    public var initiative: Int32
    public var issuer: Int32
    public var movement: Int32
    /// Ngày quyết định as days since 1970-01-01 (Int32.min when absent).
    public var decisionDay: Int32
    public var origin: RecordOrigin

    public init(entry: Int32, subject: Int32, unit: Int32, year: Int, method: AwardMethod, rating: Rating? = nil,
                category: PersonCategory = .directWorker, female: Bool = false, minority: Bool = false,
                decision: Int32 = -1, initiative: Int32 = -1, issuer: Int32 = -1, movement: Int32 = -1,
                decisionDate: CivilDate? = nil, origin: RecordOrigin = .none) {
        self.entry = entry
        self.subject = subject
        self.unit = unit
        self.year = Int16(clamping: year)
        self.method = method
        self.rating = rating
        self.category = category
        self.female = female
        self.minority = minority
        self.decision = decision
        self.initiative = initiative
        self.issuer = issuer
        self.movement = movement
        self.decisionDay = decisionDate.map { Int32($0.daysSince1970) } ?? Int32.min
        self.origin = origin
    }

    public var decisionDate: CivilDate? {
        decisionDay == Int32.min ? nil : try? CivilDate(daysSince1970: Int(decisionDay))
    }
}

/// Điển hình tiên tiến: a person or collective held up as an example.
public struct Exemplar: Sendable, Hashable {
    public var year: Int
    public var name: String
    public var kind: SubjectKind
    public var unit: Int32
    /// Lĩnh vực.
    public var field: String?
    /// Thành tích.
    public var achievement: String?
    /// Hình thức tôn vinh, biểu dương.
    public var recognition: String?
    /// Phong trào (index in `movements`, -1 none).
    public var movement: Int32
    public var origin: RecordOrigin
}

/// Kết quả tuyên truyền of an agency in a year (or a month of it): table T5.
public struct PropagandaOutput: Sendable, Hashable {
    public var unit: Int32
    public var year: Int
    /// 1…12, or nil for a whole-year row.
    public var month: Int?
    public var news: Int
    public var articles: Int
    public var reportages: Int
    /// Chuyên mục: planned, aired, minutes aired.
    public var columnsPlanned: Int
    public var columnsAired: Int
    public var minutes: Int
    public var origin: RecordOrigin
}

// MARK: - Clusters and scoring

/// Tiêu chí chấm điểm.
public struct Criterion: Sendable, Hashable {
    public var code: String
    public var name: String
    /// Điểm tối đa.
    public var maxPoints: Double
    /// Trọng số (1 when not given).
    public var weight: Double
}

/// Nhóm tiêu chí.
public struct CriteriaGroup: Sendable, Hashable {
    public var code: String
    public var name: String
    public var criteria: [Criterion]
    /// Sum of the criteria's maximum × weight.
    public var maxPoints: Double { criteria.reduce(0) { $0 + $1.maxPoints * $1.weight } }
}

/// A cụm/khối in one year: members, leaders, the scoring sheet.
public struct ClusterYear: Sendable, Hashable {
    public var year: Int
    public var members: [Int32]
    /// Cụm trưởng (khối trưởng).
    public var leader: Int32?
    /// Cụm phó.
    public var deputies: [Int32]
    public var groups: [CriteriaGroup]
    /// Caps on bonus and penalty points (nil: the settings' caps).
    public var maxBonus: Double?
    public var maxPenalty: Double?
    public var origin: RecordOrigin

    /// (group index, criterion index) of a criterion code.
    public func criterion(code: String) -> (Int, Int)? {
        for (g, group) in groups.enumerated() {
            if let c = group.criteria.firstIndex(where: { $0.code == code }) { return (g, c) }
        }
        return nil
    }
}

/// Cụm or khối thi đua.
public struct Cluster: Sendable, Hashable {
    public var code: String
    public var name: String
    public var kind: ClusterKind
    /// Cờ thi đua and Bằng khen proposals for this cluster, when it differs from the settings.
    public var flags: Int?
    public var certificates: Int?
    public var years: [ClusterYear]
    public var origin: RecordOrigin

    public func year(_ y: Int) -> ClusterYear? { years.first { $0.year == y } }
}

/// One line of a scoring sheet (cham-diem.csv): a criterion's scores for a unit, or the unit's
/// bonus/penalty/votes line (criterion nil).
public struct ScoreRecord: Sendable, Hashable {
    public var cluster: Int32
    public var year: Int
    public var unit: Int32
    /// (group, criterion) in the cluster-year sheet; nil for a bonus/penalty line.
    public var criterion: CriterionRef?
    public var selfScore: Double?
    public var clusterScore: Double?
    public var bonus: Double
    public var penalty: Double
    /// Số phiếu bình xét (votes), a tie-breaker.
    public var votes: Int?
    public var origin: RecordOrigin

    public struct CriterionRef: Sendable, Hashable {
        public var group: Int
        public var index: Int
    }
}

// MARK: - Movements and registrations

/// Phong trào thi đua.
public struct Movement: Sendable, Hashable {
    public var code: String
    public var name: String
    /// Chủ đề, khẩu hiệu.
    public var theme: String?
    /// Phát động bởi (unit index, -1 when outside the province, e.g. the Prime Minister).
    public var launchedBy: Int32
    /// Phát động bởi, as text when not a unit ("Thủ tướng Chính phủ").
    public var launchedByText: String?
    public var level: MovementLevel
    public var scope: MovementScope
    public var type: MovementType
    public var launchDate: CivilDate?
    public var start: CivilDate
    public var end: CivilDate
    /// Chỉ tiêu.
    public var targets: [String]
    /// Kế hoạch phát động (text of the document number).
    public var plan: String?
    public var origin: RecordOrigin

    /// The period's length in whole months (a remainder of 15 days or more counts as a month).
    public var durationMonths: Int {
        let startIndex = start.year * 12 + (start.month - 1)
        guard let after = try? CivilDate(daysSince1970: end.daysSince1970 + 1) else { return 0 }
        var months = after.year * 12 + (after.month - 1) - startIndex
        var days = after.day - start.day
        if days < 0 {
            months -= 1
            days += 30
        }
        if days >= 15 { months += 1 }
        return max(0, months)
    }
}

/// Đăng ký thi đua of a unit for a year.
public struct Registration: Sendable, Hashable {
    public var year: Int
    public var unit: Int32
    /// Phong trào (index, -1 none).
    public var movement: Int32
    /// Catalogue entry registered for (-1 when only targets are given).
    public var entry: Int32
    /// Số lượng (collectives or individuals proposed).
    public var count: Int?
    /// Chỉ tiêu, nội dung đăng ký.
    public var targets: String?
    public var origin: RecordOrigin
}

// MARK: - Plans and programmes

/// Người ký (signature block).
public struct Signer: Sendable, Hashable, Decodable {
    /// "TM. ỦY BAN NHÂN DÂN".
    public var onBehalfOf: String?
    /// "KT. CHỦ TỊCH".
    public var authority: String?
    /// "PHÓ CHỦ TỊCH".
    public var position: String
    public var name: String

    enum CodingKeys: String, CodingKey {
        case onBehalfOf = "thay_mat"
        case authority = "quyen_han"
        case position = "chuc_vu"
        case name = "ho_ten"
    }
}

/// A numbered item of a plan: title, paragraphs, sub-items (I. → 1. → a)).
public struct PlanItem: Sendable, Hashable, Decodable {
    public var title: String?
    public var paragraphs: [String]
    public var items: [PlanItem]

    enum CodingKeys: String, CodingKey {
        case title = "tieu_de"
        case paragraphs = "noi_dung"
        case items = "muc"
    }

    public init(title: String?, paragraphs: [String] = [], items: [PlanItem] = []) {
        self.title = title
        self.paragraphs = paragraphs
        self.items = items
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        paragraphs = try c.decodeIfPresent([String].self, forKey: .paragraphs) ?? []
        items = try c.decodeIfPresent([PlanItem].self, forKey: .items) ?? []
    }
}

/// A task of a plan assigned to an agency.
public struct PlanTask: Sendable, Hashable {
    public var unit: Int32
    public var content: String
    public var deadline: CivilDate?
}

/// Kế hoạch: number, date, issuer, title, legal bases, sections, tasks, recipients, signer.
public struct Plan: Sendable, Hashable {
    /// Số, ký hiệu ("57/KH-UBND"; nil for an unsigned draft).
    public var number: String?
    public var date: CivilDate?
    public var issuer: Int32
    /// Địa danh of the date line.
    public var place: String?
    /// Trích yếu.
    public var title: String
    /// Căn cứ.
    public var legalBases: [String]
    public var sections: [PlanItem]
    public var tasks: [PlanTask]
    /// Nơi nhận.
    public var recipients: [String]
    public var signer: Signer?
    /// The file (ke-hoach/…yaml).
    public var origin: RecordOrigin
}

/// A party of a coordination programme.
public struct ProgrammeParty: Sendable, Hashable {
    public var unit: Int32
    public var signer: Signer?
}

/// A deliverable of a programme: "Chuyên mục «Thi đua yêu nước», 2 số/tuần, 10 phút".
public struct Deliverable: Sendable, Hashable {
    public var code: String
    public var name: String
    public var kind: PropagandaKind
    /// The party that delivers it (unit index).
    public var party: Int32
    /// Số kỳ per period.
    public var perPeriod: Int
    public var frequency: Frequency
    /// Thời lượng of one episode, in minutes.
    public var minutes: Int?
    public var start: CivilDate
    public var end: CivilDate
}

/// Chương trình phối hợp.
public struct Programme: Sendable, Hashable {
    public var code: String
    public var name: String
    public var number: String?
    public var signedOn: CivilDate?
    public var start: CivilDate
    public var end: CivilDate
    public var parties: [ProgrammeParty]
    public var contents: [PlanItem]
    public var deliverables: [Deliverable]
    public var origin: RecordOrigin
}

/// What was delivered (thuc-hien-phoi-hop.csv): episodes of a deliverable on a date.
public struct DeliveryRecord: Sendable, Hashable {
    public var programme: Int32
    public var deliverable: Int32
    public var date: CivilDate
    public var episodes: Int
    public var minutes: Int?
    public var title: String?
    public var origin: RecordOrigin
}
