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

    /// The lines of the block above the signature, in order: thay mặt, quyền hạn, chức vụ
    /// ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH").
    public var titleLines: [String] { [onBehalfOf, authority, position].compactMap { $0 }.filter { !$0.isEmpty } }
}

extension Signer {
    /// Decodes the YAML keys, NFC-normalised (in an extension, so the memberwise initialiser stays).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(onBehalfOf: try c.decodeIfPresent(String.self, forKey: .onBehalfOf).map(Vietnamese.nfc),
                  authority: try c.decodeIfPresent(String.self, forKey: .authority).map(Vietnamese.nfc),
                  position: Vietnamese.nfc(try c.decode(String.self, forKey: .position)),
                  name: Vietnamese.nfc(try c.decode(String.self, forKey: .name)))
    }
}

/// A numbered item of a plan or programme: title, paragraphs, sub-items (I. → 1. → a) → -).
/// An item may be assigned to an agency (`don_vi`): "1. Sở Nội vụ (Ban Thi đua - Khen
/// thưởng)" under TỔ CHỨC THỰC HIỆN, or a party's duties under TRÁCH NHIỆM CỦA CÁC BÊN.
public struct PlanItem: Sendable, Hashable, Decodable {
    public var title: String?
    public var paragraphs: [String]
    public var items: [PlanItem]
    /// The agency the item assigns work to (unit index, -1 none). The loader sets the title
    /// to the unit's name when the item has none.
    public var unit: Int32
    /// Thời hạn of the assigned work.
    public var deadline: CivilDate?

    enum CodingKeys: String, CodingKey {
        case title = "tieu_de"
        case paragraphs = "noi_dung"
        case items = "muc"
        case deadline = "han"
    }

    public init(title: String?, paragraphs: [String] = [], items: [PlanItem] = [], unit: Int32 = -1,
                deadline: CivilDate? = nil) {
        self.title = title
        self.paragraphs = paragraphs
        self.items = items
        self.unit = unit
        self.deadline = deadline
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title).map(Vietnamese.nfc)
        paragraphs = (try c.decodeIfPresent([String].self, forKey: .paragraphs) ?? []).map(Vietnamese.nfc)
        items = try c.decodeIfPresent([PlanItem].self, forKey: .items) ?? []
        unit = -1
        deadline = try c.decodeIfPresent(CivilDate.self, forKey: .deadline)
    }

    /// This item and every item below it, depth first, with their depth (0 = this item).
    public func flattened(depth: Int = 0) -> [(depth: Int, item: PlanItem)] {
        [(depth, self)] + items.flatMap { $0.flattened(depth: depth + 1) }
    }

    /// Every paragraph and title of the item and its sub-items (for searching the text).
    public var allText: [String] {
        flattened().flatMap { pair in (pair.item.title.map { [$0] } ?? []) + pair.item.paragraphs }
    }
}

/// A task of a plan assigned to an agency.
public struct PlanTask: Sendable, Hashable {
    public var unit: Int32
    public var content: String
    public var deadline: CivilDate?

    public init(unit: Int32, content: String, deadline: CivilDate? = nil) {
        self.unit = unit
        self.content = content
        self.deadline = deadline
    }
}

/// Loại kế hoạch: the structure a plan follows (§7 of the domain reference) and the template
/// that prints it.
public enum PlanKind: String, VietnameseLabelled, Decodable {
    /// Kế hoạch (generic: I./1./a)/- sections, assignments, recipients, signature).
    case plan = "ke_hoach"
    /// Kế hoạch thông tin, tuyên truyền (structure (a)); printed with the generic template.
    case propaganda = "tuyen_truyen"
    /// Kế hoạch phát động phong trào thi đua (structure (b)): chủ đề, đối tượng, thời gian.
    case launch = "phat_dong"

    public var label: String {
        switch self {
        case .plan: return "Kế hoạch"
        case .propaganda: return "Kế hoạch thông tin, tuyên truyền"
        case .launch: return "Kế hoạch phát động phong trào thi đua"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .plan: return ["Kế hoạch chung"]
        case .propaganda: return ["Tuyên truyền", "Kế hoạch tuyên truyền"]
        case .launch: return ["Phát động", "Phát động thi đua", "Phát động phong trào thi đua"]
        }
    }
    public static var listName: String { "loại kế hoạch" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
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
    /// Assignments written apart from the sections (`nhiem_vu`); `outline` prints them as a
    /// last section TỔ CHỨC THỰC HIỆN. Items of `sections` may carry assignments too.
    public var tasks: [PlanTask]
    /// Nơi nhận.
    public var recipients: [String]
    public var signer: Signer?
    /// The file (ke-hoach/…yaml).
    public var origin: RecordOrigin
    /// Loại kế hoạch (`loai`).
    public var kind: PlanKind = .plan
    /// Cơ quan chủ quản printed above the issuer (unit index, -1 none): the key
    /// `co_quan_chu_quan`, else the issuer's parent unless the issuer is an Ủy ban nhân dân.
    public var supervisor: Int32 = -1
    /// Opening paragraphs before section I. (`mo_dau`: "Thực hiện Kế hoạch số 11/KH-UBND …").
    public var opening: [String] = []
    /// Closing paragraphs after the last section (`ket_thuc`: "Trên đây là Kế hoạch …").
    public var closing: [String] = []
    /// Chủ đề (khẩu hiệu) of a launch plan.
    public var theme: String?
    /// Đối tượng thi đua.
    public var audience: String?
    /// Thời gian (from, to) the plan or the movement it launches runs.
    public var periodStart: CivilDate?
    public var periodEnd: CivilDate?
    /// Phong trào thi đua the plan launches or names (indexes into `ProvinceData.movements`).
    public var movements: [Int32] = []
    /// The upper-level documents the plan implements (`thuc_hien`): "Thực hiện Kế hoạch số
    /// 11/KH-UBND ngày 22/01/2021 của Ủy ban nhân dân tỉnh Thái Nguyên".
    public var implementing: [DocumentReference] = []

    /// Tên loại as printed: "KẾ HOẠCH".
    public var documentType: String { "KẾ HOẠCH" }

    /// The sections to print: `sections`, then the `nhiem_vu` tasks as a last section
    /// "TỔ CHỨC THỰC HIỆN" (one item per agency) when there are any.
    public func outline(_ data: ProvinceData) -> [PlanItem] {
        guard !tasks.isEmpty else { return sections }
        let items = tasks.map { t in
            PlanItem(title: data.unitName(t.unit), paragraphs: [t.content], unit: t.unit, deadline: t.deadline)
        }
        return sections + [PlanItem(title: "TỔ CHỨC THỰC HIỆN", items: items)]
    }

    /// Every assignment: the items of the sections that name an agency, then `tasks`.
    public var assignments: [PlanTask] {
        sections.flatMap { $0.flattened() }.filter { $0.item.unit >= 0 }.map {
            PlanTask(unit: $0.item.unit, content: $0.item.paragraphs.joined(separator: "\n"), deadline: $0.item.deadline)
        } + tasks
    }
}

/// A document cited by another (`thuc_hien`): the upper-level plan a plan implements, the
/// Đề án a programme is based on. Written as text: the issuer need not be in don-vi.csv.
public struct DocumentReference: Sendable, Hashable {
    /// Tên loại: "Kế hoạch", "Chỉ thị", "Đề án".
    public var kind: String
    /// Số, ký hiệu ("11/KH-UBND"); nil for a document cited without one (an Đề án).
    public var number: String?
    public var date: CivilDate?
    /// Cơ quan ban hành as written in the text ("Ủy ban nhân dân tỉnh Thái Nguyên").
    public var issuer: String?
    /// Trích yếu.
    public var title: String?

    public init(kind: String, number: String? = nil, date: CivilDate? = nil, issuer: String? = nil, title: String? = nil) {
        self.kind = kind
        self.number = number
        self.date = date
        self.issuer = issuer
        self.title = title
    }

    /// As cited in a sentence, from the parts that are given: "Kế hoạch số 11/KH-UBND ngày 22
    /// tháng 01 năm 2021 của Ủy ban nhân dân tỉnh Thái Nguyên"; a document without a number is
    /// cited by its name: "Đề án nâng cao chất lượng … của Ủy ban nhân dân tỉnh".
    public var citation: String {
        var s = kind
        if let number {
            s += " số " + number
        } else if let title {
            s += " " + title
        }
        if let date { s += " " + date.formatted(.official) }
        if let issuer { s += " của " + issuer }
        return s
    }
}

public struct ProgrammeParty: Sendable, Hashable {
    public var unit: Int32
    public var signer: Signer?
    /// Cơ quan chủ quản printed above the party's name (unit index, -1 none); same rule as
    /// `Plan.supervisor`.
    public var supervisor: Int32 = -1

    public init(unit: Int32, signer: Signer?, supervisor: Int32 = -1) {
        self.unit = unit
        self.signer = signer
        self.supervisor = supervisor
    }
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
    /// Số, ký hiệu — one joint number for all parties ("01/CTrPH-SNV-ĐPTTH").
    public var number: String?
    public var signedOn: CivilDate?
    public var start: CivilDate
    public var end: CivilDate
    public var parties: [ProgrammeParty]
    /// Nội dung phối hợp: `noi_dung`, else the sub-items of the section of `muc` whose title
    /// begins with "NỘI DUNG" (structure (c): 1. tuyên truyền; 2. phát hiện, xây dựng điển
    /// hình; 3. tôn vinh, khen thưởng, nhân rộng).
    public var contents: [PlanItem]
    public var deliverables: [Deliverable]
    public var origin: RecordOrigin
    /// Địa danh of the date line.
    public var place: String?
    /// Căn cứ.
    public var legalBases: [String] = []
    /// Opening paragraphs (`mo_dau`).
    public var opening: [String] = []
    /// The whole body, I. MỤC ĐÍCH, YÊU CẦU … V. TỔ CHỨC THỰC HIỆN (`muc`); empty when only
    /// the contents are written.
    public var sections: [PlanItem] = []
    /// Closing paragraphs (`ket_thuc`).
    public var closing: [String] = []
    /// Nơi nhận.
    public var recipients: [String] = []
    /// Phong trào thi đua the programme names (indexes into `ProvinceData.movements`).
    public var movements: [Int32] = []
    /// The documents the programme implements or is based on (`thuc_hien`): an Đề án, a plan.
    public var implementing: [DocumentReference] = []

    /// Tên loại as printed: "CHƯƠNG TRÌNH PHỐI HỢP".
    public var documentType: String { "CHƯƠNG TRÌNH PHỐI HỢP" }

    /// The sections to print: `sections`, or the contents under "NỘI DUNG PHỐI HỢP".
    public var outline: [PlanItem] {
        sections.isEmpty ? [PlanItem(title: "NỘI DUNG PHỐI HỢP", items: contents)] : sections
    }
}

/// The agency block of a document's header (ô 2 of NĐ 30/2020): the cơ quan chủ quản line
/// (regular) and the issuer's lines (bold).
public struct AgencyHeader: Sendable, Hashable {
    /// "UBND TỈNH BẠC LIÊU" (nil: no chủ quản line).
    public var supervisor: String?
    /// ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"], or ["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG"] for an Ủy ban
    /// nhân dân (no separate chủ quản line).
    public var issuer: [String]
}

extension ProvinceData {
    /// The header block of a document issued by `unit` under `supervisor` (-1: none).
    public func agencyHeader(unit: Int32, supervisor: Int32 = -1) -> AgencyHeader {
        let u = self.unit(unit)
        var issuer: [String]
        if u.type == .government, let rest = Self.afterCouncilPrefix(u.name) {
            issuer = ["ỦY BAN NHÂN DÂN", Self.upper(rest)]
        } else {
            issuer = [Self.upper(u.name)]
        }
        issuer = issuer.filter { !$0.isEmpty }
        var sup: String?
        if supervisor >= 0 {
            let s = self.unit(supervisor)
            sup = Self.afterCouncilPrefix(s.name).map { "UBND " + Self.upper($0) } ?? Self.upper(s.name)
        }
        return AgencyHeader(supervisor: sup, issuer: issuer)
    }

    /// The header block of a plan.
    public func agencyHeader(_ plan: Plan) -> AgencyHeader {
        agencyHeader(unit: plan.issuer, supervisor: plan.supervisor)
    }

    /// "tỉnh Kiên Giang" of "Ủy ban nhân dân tỉnh Kiên Giang" / "UBND tỉnh Kiên Giang".
    static func afterCouncilPrefix(_ name: String) -> String? {
        for prefix in ["ủy ban nhân dân ", "uỷ ban nhân dân ", "ubnd "] {
            if name.lowercased().hasPrefix(prefix) {
                return Text.trim(String(name.dropFirst(prefix.count)))
            }
        }
        return nil
    }

    static func upper(_ text: String) -> String { Vietnamese.nfc(text.uppercased()) }
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
