import Ingest
import Vietnamese

/// How a quota is rounded (R2: 15 % × 28 = 4,2 → 4).
public enum QuotaRounding: String, VietnameseLabelled, Decodable {
    case floor = "xuong"
    case nearest = "gan_nhat"
    case ceiling = "len"
    public var label: String {
        switch self {
        case .floor: return "làm tròn xuống"
        case .nearest: return "làm tròn gần nhất"
        case .ceiling: return "làm tròn lên"
        }
    }
    public var otherSpellings: [String] {
        switch self {
        case .floor: return ["xuống", "floor"]
        case .nearest: return ["gần nhất", "round"]
        case .ceiling: return ["lên", "ceiling"]
        }
    }
    public static var listName: String { "cách làm tròn" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }

    /// `percent` % of `count`, rounded; exact integer arithmetic (no binary fractions).
    public func quota(percent: Double, of count: Int) -> Int {
        // percent is given with at most 4 decimals in practice: scale to an integer.
        let scaled = Int((percent * 10_000).rounded())
        let numerator = scaled * count
        let denominator = 1_000_000
        switch self {
        case .floor: return numerator / denominator
        case .ceiling: return (numerator + denominator - 1) / denominator
        case .nearest: return (2 * numerator + denominator) / (2 * denominator)
        }
    }
}

/// How many Bằng khen a cụm/khối proposes after its Cờ.
public enum CertificateCount: Sendable, Hashable {
    /// Half of the remaining ranked units, rounded up (6 → 1 Cờ + 3 Bằng khen; 5 → 1 + 2).
    case halfOfRest
    case fixed(Int)

    public func count(rankedUnits n: Int, flags: Int) -> Int {
        switch self {
        case .halfOfRest: return max(0, (n - flags + 1) / 2)
        case .fixed(let k): return max(0, min(k, n - flags))
        }
    }

    public var label: String {
        switch self {
        case .halfOfRest: return "một nửa số đơn vị còn lại, làm tròn lên"
        case .fixed(let k): return "\(k) đơn vị"
        }
    }
}

/// A tie-breaker for equal cluster totals, applied in order.
public enum TieBreaker: Sendable, Hashable {
    /// Higher score in the named criteria group.
    case group(String)
    /// Fewer penalty points.
    case fewerPenalty
    /// More votes (Số phiếu bình xét).
    case votes

    public var label: String {
        switch self {
        case .group(let g): return "điểm nhóm tiêu chí \(g)"
        case .fewerPenalty: return "ít điểm trừ hơn"
        case .votes: return "nhiều phiếu bình xét hơn"
        }
    }

    /// Reads "nhom:II" / "nhóm II", "it_diem_tru" / "ít điểm trừ", "so_phieu" / "số phiếu".
    public static func parse(_ text: String) -> TieBreaker? {
        let k = ColumnName.key(text)
        if k == "it diem tru" || k == "diem tru" { return .fewerPenalty }
        if k == "so phieu" || k == "phieu" || k == "so phieu binh xet" { return .votes }
        if k.hasPrefix("nhom ") {
            // Keep the group code as written after the word (case kept).
            let raw = Vietnamese.nfc(text).trimmingCharacters(in: .whitespaces)
            if let sep = raw.firstIndex(where: { $0 == ":" || $0 == " " }) {
                let code = raw[raw.index(after: sep)...].trimmingCharacters(in: .whitespaces)
                if !code.isEmpty { return .group(code) }
            }
        }
        return nil
    }
}

/// Which movements form 0601 counts for a year.
public enum MovementCounting: String, VietnameseLabelled, Decodable {
    /// Movements launched (phát động) in the year.
    case launched = "phat_dong_trong_nam"
    /// Movements whose period overlaps the year.
    case active = "dang_dien_ra"
    public var label: String { self == .launched ? "phát động trong năm" : "đang diễn ra trong năm" }
    public static var listName: String { "cách đếm phong trào" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
}

/// The parameters of the rules and tables. Every value the domain reference marks
/// "unconfirmed" is here with the reference's default (see `unconfirmed` and docs/domain.md);
/// an office changes them in thiet-lap.yaml.
public struct DomainSettings: Sendable, Hashable {
    /// Tên tỉnh (for titles: "Cờ thi đua của Ủy ban nhân dân tỉnh Bắc Ninh").
    public var provinceName: String?

    /// R1: CSTĐCS also needs "Hoàn thành xuất sắc nhiệm vụ" (Art. 23 wording unconfirmed).
    public var cstdcsRequiresExcellent = false
    /// R2: CSTĐCS ≤ this % of LĐTT (NĐ 91/2017 Art. 9; kept by NĐ 98/2023: unconfirmed).
    public var cstdcsCapPercent = 15.0
    /// R2: rounding of the quota (unconfirmed; default floor).
    public var cstdcsCapRounding = QuotaRounding.floor
    /// R3: the three CSTĐCS years end at the award year (practice).
    public var cstdTinhWindowEndsAtAwardYear = true
    /// R4: most years between the two CSTĐ cấp tỉnh (allowed gap unconfirmed; default 3, the
    /// CSTĐ cấp tỉnh cycle).
    public var cstdtqMaxYearsBetween = 3
    /// R5: TTLĐXS needs at least this % of LĐTT (old-law wording; 2022 text unconfirmed).
    public var ttldxsMinLDTTPercent = 70.0
    /// R5: at least this many CSTĐCS.
    public var ttldxsMinCSTDCS = 1
    /// R5: 100 % of members complete their tasks.
    public var ttldxsRequireAllCompleted = true
    /// R6: TTLĐTT needs strictly more than this % of LĐTT (2022 threshold unconfirmed).
    public var ttldttMinLDTTPercent = 50.0
    /// R7: Cờ thi đua per cụm/khối (units ranked ≤ this).
    public var flagsPerCluster = 1
    /// Bằng khen proposed per cụm/khối after the Cờ (unconfirmed: seen 6 → 3, 5 → 2).
    public var certificatesPerCluster = CertificateCount.halfOfRest
    /// Tie-breakers for equal totals (none found in law; default none: "cần bình xét").
    public var tieBreakers: [TieBreaker] = []
    /// Caps on bonus and penalty points per unit (no national rule; default none).
    public var maxBonusPoints: Double?
    public var maxPenaltyPoints: Double?
    /// R11: Bằng khen tỉnh to a person needs consecutive years "hoàn thành xuất sắc nhiệm vụ"
    /// (old rule; 2022 unconfirmed; off by default).
    public var r11Enabled = false
    public var r11ConsecutiveYears = 2
    /// Decimals of percentages ("15,5%").
    public var percentDecimals = 1
    /// T2 shows women and ethnic-minority columns (provincial practice, unconfirmed).
    public var t2WomenAndMinorities = true
    /// Form 0601 counts movements launched in the year (or active in it).
    public var movementCounting = MovementCounting.launched

    public init() {}

    public static let `default` = DomainSettings()

    /// One setting as the docs and `tdkt check` list it.
    public struct Entry: Sendable, Hashable {
        /// Key in thiet-lap.yaml ("quy_tac.r2_ty_le_cstdcs_toi_da").
        public var key: String
        public var value: String
        /// What it is and why it is a setting, in Vietnamese.
        public var note: String
        /// Marked "unconfirmed" in the domain reference.
        public var unconfirmed: Bool
    }

    /// Every setting with its current value.
    public var entries: [Entry] {
        func yn(_ b: Bool) -> String { b ? "có" : "không" }
        func num(_ d: Double) -> String { VietnameseNumber.format(d, fractionDigits: 4, trimZeros: true) }
        var list: [Entry] = [
            Entry(key: "quy_tac.r1_cstdcs_can_hoan_thanh_xuat_sac", value: yn(cstdcsRequiresExcellent),
                  note: "R1: CSTĐCS còn phải «Hoàn thành xuất sắc nhiệm vụ» (câu chữ Điều 23 chưa xác nhận)", unconfirmed: true),
            Entry(key: "quy_tac.r2_ty_le_cstdcs_toi_da", value: num(cstdcsCapPercent),
                  note: "R2: tỷ lệ CSTĐCS tối đa so với số LĐTT, % (NĐ 91/2017 Điều 9; NĐ 98/2023 còn giữ hay không: chưa xác nhận)", unconfirmed: true),
            Entry(key: "quy_tac.r2_lam_tron", value: cstdcsCapRounding.rawValue,
                  note: "R2: cách làm tròn chỉ tiêu (chưa xác nhận; mặc định làm tròn xuống)", unconfirmed: true),
            Entry(key: "quy_tac.r3_tinh_den_nam_khen", value: yn(cstdTinhWindowEndsAtAwardYear),
                  note: "R3: ba năm CSTĐCS liên tục tính đến năm được tặng CSTĐ cấp tỉnh (thực tiễn)", unconfirmed: false),
            Entry(key: "quy_tac.r4_so_nam_giua_hai_lan_toi_da", value: String(cstdtqMaxYearsBetween),
                  note: "R4: khoảng cách tối đa (năm) giữa hai lần CSTĐ cấp tỉnh liên tục (chưa xác nhận)", unconfirmed: true),
            Entry(key: "quy_tac.r5_ty_le_ldtt_toi_thieu", value: num(ttldxsMinLDTTPercent),
                  note: "R5: TTLĐXS cần tối thiểu % LĐTT (cách viết luật cũ; văn bản 2022 chưa xác nhận)", unconfirmed: true),
            Entry(key: "quy_tac.r5_so_cstdcs_toi_thieu", value: String(ttldxsMinCSTDCS),
                  note: "R5: TTLĐXS cần tối thiểu số CSTĐCS (luật cũ; chưa xác nhận)", unconfirmed: true),
            Entry(key: "quy_tac.r5_toan_bo_hoan_thanh_nhiem_vu", value: yn(ttldxsRequireAllCompleted),
                  note: "R5: 100 % thành viên hoàn thành nhiệm vụ (luật cũ; chưa xác nhận)", unconfirmed: true),
            Entry(key: "quy_tac.r6_ty_le_ldtt_tren", value: num(ttldttMinLDTTPercent),
                  note: "R6: TTLĐTT cần trên % LĐTT (luật cũ; ngưỡng 2022 chưa xác nhận)", unconfirmed: true),
            Entry(key: "quy_tac.r7_so_co_moi_cum", value: String(flagsPerCluster),
                  note: "R7: số Cờ thi đua mỗi cụm, khối (đơn vị xếp hạng trong số này)", unconfirmed: false),
            Entry(key: "quy_tac.r11_bat", value: yn(r11Enabled),
                  note: "R11: Bằng khen tỉnh cho cá nhân cần các năm liên tục hoàn thành xuất sắc nhiệm vụ (quy định cũ; 2022 chưa xác nhận; mặc định tắt)", unconfirmed: true),
            Entry(key: "quy_tac.r11_so_nam_lien_tuc", value: String(r11ConsecutiveYears),
                  note: "R11: số năm liên tục hoàn thành xuất sắc nhiệm vụ", unconfirmed: true),
            Entry(key: "cum_khoi.so_bang_khen", value: { if case .fixed(let k) = certificatesPerCluster { return String(k) } else { return "nua_con_lai" } }(),
                  note: "Số Bằng khen đề nghị mỗi cụm, khối sau Cờ (chưa xác nhận; mặc định: một nửa số còn lại, làm tròn lên — cụm 6 → 3, cụm 5 → 2)", unconfirmed: true),
            Entry(key: "cum_khoi.tieu_chi_phu", value: tieBreakers.isEmpty ? "(không)" : tieBreakers.map(\.label).joined(separator: "; "),
                  note: "Tiêu chí phụ khi bằng điểm (không thấy quy định; mặc định không có: bằng điểm thì cùng hạng, «cần bình xét»)", unconfirmed: true),
            Entry(key: "cum_khoi.diem_cong_toi_da", value: maxBonusPoints.map(num) ?? "(không giới hạn)",
                  note: "Điểm cộng tối đa mỗi đơn vị (không có công thức quốc gia)", unconfirmed: true),
            Entry(key: "cum_khoi.diem_tru_toi_da", value: maxPenaltyPoints.map(num) ?? "(không giới hạn)",
                  note: "Điểm trừ tối đa mỗi đơn vị (không có công thức quốc gia)", unconfirmed: true),
            Entry(key: "bang.so_chu_so_thap_phan_ty_le", value: String(percentDecimals),
                  note: "Số chữ số thập phân của tỷ lệ % (ví dụ 15,5%)", unconfirmed: false),
            Entry(key: "bang.t2_cot_nu_dan_toc", value: yn(t2WomenAndMinorities),
                  note: "Bảng T2 có cột nữ và dân tộc thiểu số (thực tiễn cấp tỉnh; không có trong biểu TT 02/2023; chưa xác nhận)", unconfirmed: true),
            Entry(key: "bang.bieu_0601_dem_phong_trao", value: movementCounting.rawValue,
                  note: "Biểu 0601 đếm phong trào phát động trong năm hay đang diễn ra", unconfirmed: false),
        ]
        if let provinceName { list.insert(Entry(key: "tinh", value: provinceName, note: "Tên tỉnh", unconfirmed: false), at: 0) }
        return list
    }

    /// The settings marked unconfirmed.
    public var unconfirmed: [Entry] { entries.filter(\.unconfirmed) }
}

// MARK: - thiet-lap.yaml

struct SettingsFileDTO: Decodable {
    var tinh: String?
    var quyTac: Rules?
    var cumKhoi: Clusters?
    var bang: Tables?

    enum CodingKeys: String, CodingKey {
        case tinh
        case quyTac = "quy_tac"
        case cumKhoi = "cum_khoi"
        case bang
    }

    struct Rules: Decodable {
        var r1: Bool?
        var r2Percent: Double?
        var r2Rounding: QuotaRounding?
        var r3: Bool?
        var r4: Int?
        var r5Percent: Double?
        var r5Count: Int?
        var r5All: Bool?
        var r6Percent: Double?
        var r7: Int?
        var r11: Bool?
        var r11Years: Int?
        enum CodingKeys: String, CodingKey {
            case r1 = "r1_cstdcs_can_hoan_thanh_xuat_sac"
            case r2Percent = "r2_ty_le_cstdcs_toi_da"
            case r2Rounding = "r2_lam_tron"
            case r3 = "r3_tinh_den_nam_khen"
            case r4 = "r4_so_nam_giua_hai_lan_toi_da"
            case r5Percent = "r5_ty_le_ldtt_toi_thieu"
            case r5Count = "r5_so_cstdcs_toi_thieu"
            case r5All = "r5_toan_bo_hoan_thanh_nhiem_vu"
            case r6Percent = "r6_ty_le_ldtt_tren"
            case r7 = "r7_so_co_moi_cum"
            case r11 = "r11_bat"
            case r11Years = "r11_so_nam_lien_tuc"
        }
    }

    struct Clusters: Decodable {
        var certificates: CertificateSetting?
        var tieBreakers: [TieBreakerSetting]?
        var maxBonus: Double?
        var maxPenalty: Double?
        enum CodingKeys: String, CodingKey {
            case certificates = "so_bang_khen"
            case tieBreakers = "tieu_chi_phu"
            case maxBonus = "diem_cong_toi_da"
            case maxPenalty = "diem_tru_toi_da"
        }
    }

    struct Tables: Decodable {
        var decimals: Int?
        var t2: Bool?
        var movements: MovementCounting?
        enum CodingKeys: String, CodingKey {
            case decimals = "so_chu_so_thap_phan_ty_le"
            case t2 = "t2_cot_nu_dan_toc"
            case movements = "bieu_0601_dem_phong_trao"
        }
    }
}

struct CertificateSetting: Decodable {
    var value: CertificateCount
    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let k = ColumnName.key(text)
        if k == "nua con lai" || k == "mot nua con lai" || k == "mot nua so con lai" {
            value = .halfOfRest
        } else if let n = Int(k), n >= 0 {
            value = .fixed(n)
        } else {
            throw LabelledError(description: "«\(text)» không hợp lệ: viết nua_con_lai hoặc một số nguyên (ví dụ 2)")
        }
    }
}

struct TieBreakerSetting: Decodable {
    var value: TieBreaker
    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let v = TieBreaker.parse(text) else {
            throw LabelledError(description: "«\(text)» không phải tiêu chí phụ: dùng «nhom:<mã nhóm>», «it_diem_tru» hoặc «so_phieu»")
        }
        value = v
    }
}

extension DomainSettings {
    /// The defaults overridden by the values a settings file gives.
    init(_ dto: SettingsFileDTO) {
        self.init()
        provinceName = dto.tinh
        if let r = dto.quyTac {
            if let v = r.r1 { cstdcsRequiresExcellent = v }
            if let v = r.r2Percent { cstdcsCapPercent = v }
            if let v = r.r2Rounding { cstdcsCapRounding = v }
            if let v = r.r3 { cstdTinhWindowEndsAtAwardYear = v }
            if let v = r.r4 { cstdtqMaxYearsBetween = v }
            if let v = r.r5Percent { ttldxsMinLDTTPercent = v }
            if let v = r.r5Count { ttldxsMinCSTDCS = v }
            if let v = r.r5All { ttldxsRequireAllCompleted = v }
            if let v = r.r6Percent { ttldttMinLDTTPercent = v }
            if let v = r.r7 { flagsPerCluster = v }
            if let v = r.r11 { r11Enabled = v }
            if let v = r.r11Years { r11ConsecutiveYears = v }
        }
        if let c = dto.cumKhoi {
            if let v = c.certificates { certificatesPerCluster = v.value }
            if let v = c.tieBreakers { tieBreakers = v.map(\.value) }
            maxBonusPoints = c.maxBonus
            maxPenaltyPoints = c.maxPenalty
        }
        if let t = dto.bang {
            if let v = t.decimals { percentDecimals = max(0, min(4, v)) }
            if let v = t.t2 { t2WomenAndMinorities = v }
            if let v = t.movements { movementCounting = v }
        }
    }
}
