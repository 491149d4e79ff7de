import Ingest
import Vietnamese

/// A closed list of values an office writes in words ("Thường xuyên", "Hoàn thành tốt nhiệm
/// vụ"). Each case has a display label and other accepted spellings; parsing ignores case,
/// diacritics and spacing (`ColumnName.key`), so "hoan thanh tot nhiem vu" and "HTTNV" work.
public protocol VietnameseLabelled: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
    /// The official wording, as documents print it.
    var label: String { get }
    /// Other spellings accepted on input (abbreviations, old-law names).
    var otherSpellings: [String] { get }
    /// The list's name in messages ("loại hình khen thưởng").
    static var listName: String { get }
}

extension VietnameseLabelled {
    public var otherSpellings: [String] { [] }

    /// The case written as `text` (label, raw value or another spelling), or nil.
    public static func parse(_ text: String) -> Self? {
        let key = ColumnName.key(text)
        if key.isEmpty { return nil }
        for value in allCases {
            if ColumnName.key(value.label) == key || ColumnName.key(value.rawValue) == key { return value }
            if value.otherSpellings.contains(where: { ColumnName.key($0) == key }) { return value }
        }
        return nil
    }

    /// "«Thường xuyên», «Chuyên đề», …" for messages.
    public static var acceptedList: String {
        allCases.map { "«\($0.label)»" }.joined(separator: ", ")
    }

    /// The Vietnamese message for a value not in the list.
    public static func notInList(_ text: String) -> String {
        "«\(text)» không phải \(listName) hợp lệ. Dùng một trong: \(acceptedList)."
    }
}

/// Decodes a labelled value from YAML/JSON by its label, raw value or another spelling.
struct LabelledError: Error, CustomStringConvertible {
    var description: String
}

extension VietnameseLabelled where Self: Decodable {
    init(decodingLabel decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self.parse(text) else { throw LabelledError(description: Self.notInList(text)) }
        self = value
    }
}

/// Cấp khen thưởng, as the tallies group them (§3 of the domain reference).
public enum AwardLevel: String, VietnameseLabelled, Decodable, Comparable {
    /// Cấp Nhà nước: huân chương, huy chương, danh hiệu vinh dự, giải thưởng, Bằng khen của Thủ
    /// tướng, Cờ thi đua của Chính phủ, Chiến sĩ thi đua toàn quốc.
    case state = "nha_nuoc"
    /// Cấp Bộ/tỉnh: Bằng khen, Cờ thi đua, Chiến sĩ thi đua cấp tỉnh, kỷ niệm chương.
    case province = "tinh"
    /// Cấp cơ sở: Giấy khen, Chiến sĩ thi đua cơ sở, Lao động tiên tiến, Tập thể lao động tiên tiến.
    case grassroots = "co_so"

    public var label: String {
        switch self {
        case .state: return "Cấp Nhà nước"
        case .province: return "Cấp tỉnh"
        case .grassroots: return "Cấp cơ sở"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .state: return ["Nhà nước"]
        case .province: return ["Tỉnh", "Cấp Bộ, tỉnh", "Cấp bộ, ngành, tỉnh", "Bộ, ngành, tỉnh"]
        case .grassroots: return ["Cơ sở"]
        }
    }
    public static var listName: String { "cấp khen thưởng" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
    public static func < (a: AwardLevel, b: AwardLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Đối tượng khen thưởng.
public enum SubjectKind: String, VietnameseLabelled, Decodable {
    case individual = "ca_nhan"
    case collective = "tap_the"
    case household = "ho_gia_dinh"

    public var label: String {
        switch self {
        case .individual: return "Cá nhân"
        case .collective: return "Tập thể"
        case .household: return "Hộ gia đình"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .individual: return ["CN"]
        case .collective: return ["TT", "Đơn vị"]
        case .household: return ["Hộ", "Gia đình"]
        }
    }
    public static var listName: String { "đối tượng khen thưởng" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
}

/// Loại hình khen thưởng (Luật 2022, Điều 8; rows 15–21 of form 0602, 11–17 of form 0603).
public enum AwardMethod: String, VietnameseLabelled, Decodable {
    case regular = "thuong_xuyen"
    case thematic = "chuyen_de"
    case extraordinary = "dot_xuat"
    case foreign = "doi_ngoai"
    case dedication = "cong_hien"
    case seniority = "nien_han"
    case resistance = "khang_chien"

    public var label: String {
        switch self {
        case .regular: return "Thường xuyên"
        case .thematic: return "Chuyên đề"
        case .extraordinary: return "Đột xuất"
        case .foreign: return "Đối ngoại"
        case .dedication: return "Cống hiến"
        case .seniority: return "Niên hạn"
        case .resistance: return "Kháng chiến"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .regular: return ["Theo công trạng và thành tích", "Công trạng và thành tích", "Tổng kết năm"]
        case .thematic: return ["Theo chuyên đề", "Theo đợt", "Theo phong trào thi đua", "Phong trào thi đua"]
        case .extraordinary: return ["Khen đột xuất"]
        case .foreign: return []
        case .dedication: return ["Theo quá trình cống hiến", "Quá trình cống hiến"]
        case .seniority: return ["Theo niên hạn"]
        case .resistance: return ["Thành tích kháng chiến"]
        }
    }
    public static var listName: String { "loại hình khen thưởng" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
}

/// Kết quả xếp loại, đánh giá cuối năm (for LĐTT, Art. 24; R11, R12). Ordered.
public enum Rating: String, VietnameseLabelled, Comparable {
    case notCompleted = "khong_hoan_thanh"
    case completed = "hoan_thanh"
    case good = "hoan_thanh_tot"
    case excellent = "hoan_thanh_xuat_sac"

    public var label: String {
        switch self {
        case .notCompleted: return "Không hoàn thành nhiệm vụ"
        case .completed: return "Hoàn thành nhiệm vụ"
        case .good: return "Hoàn thành tốt nhiệm vụ"
        case .excellent: return "Hoàn thành xuất sắc nhiệm vụ"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .notCompleted: return ["KHTNV", "Không hoàn thành"]
        case .completed: return ["HTNV", "Hoàn thành"]
        case .good: return ["HTTNV", "Hoàn thành tốt"]
        case .excellent: return ["HTXSNV", "Hoàn thành xuất sắc"]
        }
    }
    public static var listName: String { "xếp loại" }
    var order: Int { Rating.allCases.firstIndex(of: self)! }
    public static func < (a: Rating, b: Rating) -> Bool { a.order < b.order }
}

/// Hình thức kỷ luật, mildest first ("từ cảnh cáo trở lên" in R5/R6).
public enum Discipline: String, VietnameseLabelled, Comparable {
    case reprimand = "khien_trach"
    case warning = "canh_cao"
    case demotion = "ha_bac_luong"
    case downgrade = "giang_chuc"
    case removal = "cach_chuc"
    case dismissal = "buoc_thoi_viec"

    public var label: String {
        switch self {
        case .reprimand: return "Khiển trách"
        case .warning: return "Cảnh cáo"
        case .demotion: return "Hạ bậc lương"
        case .downgrade: return "Giáng chức"
        case .removal: return "Cách chức"
        case .dismissal: return "Buộc thôi việc"
        }
    }
    public static var listName: String { "hình thức kỷ luật" }
    var order: Int { Discipline.allCases.firstIndex(of: self)! }
    public static func < (a: Discipline, b: Discipline) -> Bool { a.order < b.order }
}

/// Nhóm đối tượng cá nhân, rows 10–14 of form 0602 (06–10 of 0603).
public enum PersonCategory: String, VietnameseLabelled {
    case provinceLeader = "lanh_dao_tinh"
    case departmentLeader = "lanh_dao_so"
    case businessPerson = "doanh_nhan"
    case otherLeader = "lanh_dao_khac"
    case directWorker = "truc_tiep"

    public var label: String {
        switch self {
        case .provinceLeader: return "Lãnh đạo cấp bộ, tỉnh trở lên"
        case .departmentLeader: return "Lãnh đạo cấp vụ, sở, ngành"
        case .businessPerson: return "Doanh nhân"
        case .otherLeader: return "Lãnh đạo khác (từ phó phòng trở lên)"
        case .directWorker: return "Người trực tiếp công tác, lao động, học tập, chiến đấu"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .provinceLeader: return ["Lãnh đạo tỉnh", "Lãnh đạo cấp tỉnh", "Lãnh đạo cấp bộ, tỉnh"]
        case .departmentLeader: return ["Lãnh đạo sở", "Lãnh đạo cấp sở", "Lãnh đạo sở, ngành", "Lãnh đạo cấp vụ, sở"]
        case .businessPerson: return []
        case .otherLeader: return ["Lãnh đạo khác", "Lãnh đạo phòng", "Lãnh đạo khác từ phó phòng"]
        case .directWorker: return ["Trực tiếp", "Người trực tiếp", "Người trực tiếp lao động", "Công nhân, nông dân"]
        }
    }
    public static var listName: String { "nhóm đối tượng" }

    /// The form rows' code: 10…14 in 0602.
    public var code0602: Int {
        switch self {
        case .provinceLeader: return 10
        case .departmentLeader: return 11
        case .businessPerson: return 12
        case .otherLeader: return 13
        case .directWorker: return 14
        }
    }

    /// Counted as "lãnh đạo, quản lý" in table T2 (every category but direct workers).
    public var isLeader: Bool { self != .directWorker }

    /// The category a position implies when the list has no "Nhóm đối tượng" column: a small
    /// keyword table (documented in docs/domain.md); anything else is a direct worker.
    public static func inferred(fromPosition position: String) -> PersonCategory {
        let k = " " + ColumnName.key(position) + " "
        if k.trimmingCharacters(in: .whitespaces).isEmpty { return .directWorker }
        let provinceWords = [" chu tich ubnd tinh ", " pho chu tich ubnd tinh ", " chu tich uy ban nhan dan tinh ",
                             " pho chu tich uy ban nhan dan tinh ", " bi thu tinh uy ", " pho bi thu tinh uy ",
                             " chu tich hdnd tinh ", " pho chu tich hdnd tinh ", " bo truong ", " thu truong "]
        if provinceWords.contains(where: { k.contains($0) }) { return .provinceLeader }
        let business = [" giam doc cong ty ", " tong giam doc ", " chu tich hoi dong quan tri ", " giam doc doanh nghiep ",
                        " chu doanh nghiep "]
        if business.contains(where: { k.contains($0) }) { return .businessPerson }
        let department = [" giam doc so ", " pho giam doc so ", " chu tich ubnd huyen ", " pho chu tich ubnd huyen ",
                          " chu tich uy ban nhan dan huyen ", " pho chu tich uy ban nhan dan huyen ",
                          " truong ban ", " pho truong ban ", " chanh van phong ", " chanh thanh tra "]
        if department.contains(where: { k.contains($0) }) { return .departmentLeader }
        let other = [" truong phong ", " pho truong phong ", " chu tich ubnd xa ", " pho chu tich ubnd xa ",
                     " hieu truong ", " pho hieu truong ", " to truong ", " truong khoa ", " pho truong khoa ",
                     " chu tich ubnd ", " pho chu tich ubnd "]
        if other.contains(where: { k.contains($0) }) { return .otherLeader }
        return .directWorker
    }
}

/// Giới tính.
public enum Gender: String, VietnameseLabelled {
    case male = "nam"
    case female = "nu"
    public var label: String { self == .male ? "Nam" : "Nữ" }
    public var otherSpellings: [String] { self == .male ? ["M", "Male"] : ["F", "Female"] }
    public static var listName: String { "giới tính" }
}

/// Cấp hành chính của đơn vị. Optional district level (two-level local government since
/// 01/7/2025 has none).
public enum UnitLevel: String, VietnameseLabelled, Decodable {
    case province = "tinh"
    case district = "huyen"
    case commune = "xa"
    public var label: String {
        switch self {
        case .province: return "Tỉnh"
        case .district: return "Huyện"
        case .commune: return "Xã"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .province: return ["Cấp tỉnh", "Sở, ban, ngành", "Sở", "Thành phố trực thuộc trung ương"]
        case .district: return ["Cấp huyện", "Quận", "Thị xã", "Thành phố thuộc tỉnh", "Phòng, ban"]
        case .commune: return ["Cấp xã", "Phường", "Thị trấn", "Xã, phường, thị trấn"]
        }
    }
    public static var listName: String { "cấp đơn vị" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
}

/// Loại đơn vị.
public enum UnitType: String, VietnameseLabelled, Decodable {
    case government = "uy_ban_nhan_dan"
    case agency = "co_quan_hanh_chinh"
    case publicService = "don_vi_su_nghiep"
    case enterprise = "doanh_nghiep"
    case massOrganisation = "doan_the"
    case armedForces = "luc_luong_vu_trang"
    case central = "co_quan_trung_uong"
    case village = "thon_to_dan_pho"
    case other = "khac"

    public var label: String {
        switch self {
        case .government: return "Ủy ban nhân dân"
        case .agency: return "Cơ quan hành chính"
        case .publicService: return "Đơn vị sự nghiệp"
        case .enterprise: return "Doanh nghiệp"
        case .massOrganisation: return "Đoàn thể"
        case .armedForces: return "Lực lượng vũ trang"
        case .central: return "Cơ quan Trung ương trên địa bàn"
        case .village: return "Thôn, tổ dân phố"
        case .other: return "Khác"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .government: return ["UBND"]
        case .agency: return ["Sở, ban, ngành", "Sở", "Phòng, ban", "Cơ quan"]
        case .publicService: return ["Sự nghiệp", "Trường học", "Bệnh viện"]
        case .enterprise: return ["Công ty"]
        case .massOrganisation: return ["Tổ chức chính trị - xã hội", "Hội"]
        case .armedForces: return ["Quân đội", "Công an"]
        case .central: return ["Trung ương", "Cơ quan Trung ương"]
        case .village: return ["Thôn", "Tổ dân phố"]
        case .other: return []
        }
    }
    public static var listName: String { "loại đơn vị" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
}

/// Cụm or khối thi đua.
public enum ClusterKind: String, VietnameseLabelled, Decodable {
    case cum = "cum"
    case khoi = "khoi"
    public var label: String { self == .cum ? "Cụm thi đua" : "Khối thi đua" }
    public var otherSpellings: [String] { self == .cum ? ["Cụm"] : ["Khối"] }
    public static var listName: String { "loại cụm, khối" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
}

/// Hình thức tổ chức phong trào (Art. 16; "theo đợt" is the old law's name, still used).
public enum MovementType: String, VietnameseLabelled, Decodable {
    case regular = "thuong_xuyen"
    case campaign = "theo_dot"
    case thematic = "chuyen_de"
    public var label: String {
        switch self {
        case .regular: return "Thường xuyên"
        case .campaign: return "Theo đợt"
        case .thematic: return "Theo chuyên đề"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .regular: return ["Thi đua thường xuyên"]
        case .campaign: return ["Đợt", "Thi đua theo đợt"]
        case .thematic: return ["Chuyên đề", "Thi đua theo chuyên đề"]
        }
    }
    public static var listName: String { "hình thức phong trào" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
    /// Form 0601 has two rows: 11 chuyên đề, 12 thường xuyên. "Theo đợt" counts as chuyên đề
    /// (the 2022 Law merged it into "theo chuyên đề").
    public var isThematicIn0601: Bool { self != .regular }
}

/// Phạm vi phong trào (form 0601 rows 02–05).
public enum MovementScope: String, VietnameseLabelled, Decodable {
    case national = "toan_quoc"
    case provincial = "bo_nganh_dia_phuong"
    case cluster = "cum_khoi"
    case agency = "co_quan"
    public var label: String {
        switch self {
        case .national: return "Toàn quốc"
        case .provincial: return "Bộ, ngành, địa phương"
        case .cluster: return "Cụm, khối thi đua"
        case .agency: return "Cơ quan, tổ chức, đơn vị"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .national: return []
        case .provincial: return ["Tỉnh", "Toàn tỉnh", "Địa phương", "Bộ, ngành"]
        case .cluster: return ["Cụm, khối", "Cụm", "Khối"]
        case .agency: return ["Cơ quan", "Đơn vị"]
        }
    }
    public static var listName: String { "phạm vi phong trào" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
}

/// Cấp phát động (form 0601 columns 2–4).
public enum MovementLevel: String, VietnameseLabelled, Decodable {
    case central = "trung_uong"
    case provincial = "bo_nganh_tinh"
    case agency = "co_quan_don_vi"
    public var label: String {
        switch self {
        case .central: return "Cấp Trung ương"
        case .provincial: return "Cấp bộ, ngành, tỉnh"
        case .agency: return "Cơ quan, tổ chức, đơn vị"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .central: return ["Trung ương", "Thủ tướng", "Chính phủ"]
        case .provincial: return ["Tỉnh", "Cấp tỉnh", "Bộ, ngành, tỉnh"]
        case .agency: return ["Cơ quan", "Đơn vị", "Cấp cơ sở"]
        }
    }
    public static var listName: String { "cấp phát động" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
}

/// How often a programme deliverable is due.
public enum Frequency: String, VietnameseLabelled, Decodable {
    case week = "tuan"
    case month = "thang"
    case quarter = "quy"
    case year = "nam"
    public var label: String {
        switch self {
        case .week: return "tuần"
        case .month: return "tháng"
        case .quarter: return "quý"
        case .year: return "năm"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .week: return ["mỗi tuần", "hằng tuần", "hàng tuần"]
        case .month: return ["mỗi tháng", "hằng tháng", "hàng tháng"]
        case .quarter: return ["mỗi quý", "hằng quý"]
        case .year: return ["mỗi năm", "hằng năm"]
        }
    }
    public static var listName: String { "chu kỳ" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
}

/// Loại tin, bài tuyên truyền (table T5).
public enum PropagandaKind: String, VietnameseLabelled, Decodable {
    case news = "tin"
    case article = "bai"
    case reportage = "phong_su"
    case column = "chuyen_muc"
    case talk = "toa_dam"
    case other = "khac"
    public var label: String {
        switch self {
        case .news: return "Tin"
        case .article: return "Bài"
        case .reportage: return "Phóng sự"
        case .column: return "Chuyên mục"
        case .talk: return "Tọa đàm, giao lưu"
        case .other: return "Khác"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .news: return []
        case .article: return ["Bài viết"]
        case .reportage: return []
        case .column: return ["Chuyên trang", "Chuyên trang, chuyên mục"]
        case .talk: return ["Tọa đàm", "Giao lưu", "Talk show"]
        case .other: return []
        }
    }
    public static var listName: String { "loại sản phẩm tuyên truyền" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
}
