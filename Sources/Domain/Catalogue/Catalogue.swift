import Ingest
import Vietnamese

/// Danh hiệu thi đua or hình thức khen thưởng.
public enum CatalogueKind: String, VietnameseLabelled, Decodable {
    case title = "danh_hieu"
    case form = "hinh_thuc"
    public var label: String { self == .title ? "Danh hiệu thi đua" : "Hình thức khen thưởng" }
    public static var listName: String { "loại (danh hiệu hoặc hình thức)" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
}

/// The family a title or form belongs to (Art. 9 of the 2022 Law, plus the titles).
public enum CatalogueFamily: String, VietnameseLabelled, Decodable {
    case order = "huan_chuong"
    case medal = "huy_chuong"
    case honour = "danh_hieu_vinh_du"
    case prize = "giai_thuong"
    case badge = "ky_niem_chuong"
    case certificate = "bang_khen"
    case merit = "giay_khen"
    case flag = "co_thi_dua"
    case emulationFighter = "chien_si_thi_dua"
    case individualTitle = "danh_hieu_ca_nhan"
    case collectiveTitle = "danh_hieu_tap_the"
    case cultureTitle = "danh_hieu_van_hoa"

    public var label: String {
        switch self {
        case .order: return "Huân chương"
        case .medal: return "Huy chương"
        case .honour: return "Danh hiệu vinh dự nhà nước"
        case .prize: return "Giải thưởng"
        case .badge: return "Kỷ niệm chương"
        case .certificate: return "Bằng khen"
        case .merit: return "Giấy khen"
        case .flag: return "Cờ thi đua"
        case .emulationFighter: return "Chiến sĩ thi đua"
        case .individualTitle: return "Danh hiệu thi đua cá nhân"
        case .collectiveTitle: return "Danh hiệu thi đua tập thể"
        case .cultureTitle: return "Danh hiệu văn hóa"
        }
    }
    public static var listName: String { "nhóm hình thức" }
    public init(from decoder: any Decoder) throws { try self.init(decodingLabel: decoder) }
}

/// The part a catalogue entry plays in the rule checks and tables; fixed by its code.
public enum AwardRole: UInt8, Sendable, Hashable, CaseIterable {
    case none
    /// LDTT — Lao động tiên tiến.
    case ldtt
    /// CSTT — Chiến sĩ tiên tiến (armed-forces twin of LĐTT).
    case cstt
    /// CSTDCS — Chiến sĩ thi đua cơ sở.
    case cstdcs
    /// CSTD_TINH — Chiến sĩ thi đua cấp tỉnh.
    case cstdTinh
    /// CSTDTQ — Chiến sĩ thi đua toàn quốc.
    case cstdtq
    /// TTLDTT — Tập thể lao động tiên tiến.
    case ttldtt
    /// TTLDXS — Tập thể lao động xuất sắc.
    case ttldxs
    /// CO_TINH — Cờ thi đua của Ủy ban nhân dân tỉnh.
    case coTinh
    /// CO_CP — Cờ thi đua của Chính phủ.
    case coCP
    /// BK_TINH — Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh.
    case bkTinh

    /// The catalogue code of the role.
    public var code: String {
        switch self {
        case .none: return ""
        case .ldtt: return "LDTT"
        case .cstt: return "CSTT"
        case .cstdcs: return "CSTDCS"
        case .cstdTinh: return "CSTD_TINH"
        case .cstdtq: return "CSTDTQ"
        case .ttldtt: return "TTLDTT"
        case .ttldxs: return "TTLDXS"
        case .coTinh: return "CO_TINH"
        case .coCP: return "CO_CP"
        case .bkTinh: return "BK_TINH"
        }
    }

    public init(code: String) {
        self = AwardRole.allCases.first { $0 != .none && $0.code == code } ?? .none
    }

    var bit: UInt32 { 1 << UInt32(rawValue) }
}

/// One title or form of the catalogue.
public struct CatalogueEntry: Sendable, Hashable {
    /// Stable code used by the rules ("LDTT", "HC_LAO_DONG_3").
    public var code: String
    /// The exact name ("Huân chương Lao động hạng Ba").
    public var name: String
    /// Other accepted spellings.
    public var otherNames: [String]
    /// Name beginnings that select this entry ("Giấy khen của").
    public var prefixes: [String]
    public var kind: CatalogueKind
    public var family: CatalogueFamily
    public var level: AwardLevel
    /// Who may receive it.
    public var subjects: [SubjectKind]
    /// The method used when a list does not say.
    public var defaultMethod: AwardMethod
    /// Legal basis ("Điều 23 Luật Thi đua, khen thưởng 2022").
    public var article: String?
    /// Column label in form 0602 (state level only).
    public var column0602: String?
    /// The 0602 column is split into Tập thể and Cá nhân.
    public var split0602: Bool
    /// Column number in form 0603 (2…5).
    public var column0603: Int?
    /// × mức lương cơ sở.
    public var rewardCoefficient: Double?
    /// False when the entry was not checked against a primary text.
    public var confirmed: Bool
    public var note: String?
    /// Where the entry was written.
    public var location: SourceLocation

    public var role: AwardRole { AwardRole(code: code) }
}

/// The catalogue of titles and forms: entries in file order and name lookup.
public struct Catalogue: Sendable {
    public private(set) var entries: [CatalogueEntry]
    /// The file the catalogue came from ("danh-muc.yaml", or the built-in name).
    public var source: String
    private var exact: [String: Int] = [:]
    private var folded: [String: [Int]] = [:]
    private var prefixList: [(key: String, entry: Int)] = []
    private var byCode: [String: Int] = [:]
    /// Entry index of each role (-1 when the catalogue lacks it).
    public private(set) var roleIndex: [AwardRole: Int] = [:]

    /// Builds the catalogue; throws every duplicate code or name, located.
    public init(entries: [CatalogueEntry], source: String) throws(IngestError) {
        self.entries = entries
        self.source = source
        var issues: [IngestIssue] = []
        for (i, e) in entries.enumerated() {
            if let j = byCode[e.code] {
                issues.append(IngestIssue(.invalidValue, at: e.location, value: e.code,
                                          message: "Mã «\(e.code)» đã dùng cho «\(entries[j].name)» (\(entries[j].location)). Mỗi mục phải có mã riêng."))
                continue
            }
            byCode[e.code] = i
            for name in [e.name] + e.otherNames {
                let key = Catalogue.exactKey(name)
                if let j = exact[key], j != i {
                    issues.append(IngestIssue(.invalidValue, at: e.location, value: name,
                                              message: "Tên «\(name)» đã thuộc mục «\(entries[j].code)» (\(entries[j].location)). Một tên chỉ được chỉ một mục."))
                    continue
                }
                exact[key] = i
                let f = ColumnName.key(name)
                if !(folded[f]?.contains(i) ?? false) { folded[f, default: []].append(i) }
            }
            for p in e.prefixes { prefixList.append((Catalogue.exactKey(p), i)) }
            let role = e.role
            if role != .none { roleIndex[role] = i }
        }
        prefixList.sort { $0.key.count != $1.key.count ? $0.key.count > $1.key.count : $0.key < $1.key }
        if !issues.isEmpty { throw IngestError(file: source, issues: issues) }
    }

    /// Lower case, NFC, single spaces, trimmed.
    static func exactKey(_ text: String) -> String {
        Vietnamese.collapsingWhitespace(Vietnamese.nfc(text)).lowercased()
    }

    /// The entry with `code`.
    public func entry(code: String) -> CatalogueEntry? {
        byCode[code].map { entries[$0] }
    }

    public func index(code: String) -> Int? { byCode[code] }

    public func index(of role: AwardRole) -> Int? { roleIndex[role] }

    /// How a name matched.
    public enum Match: Sendable, Hashable {
        /// The name or another spelling (case and spacing ignored), or a prefix.
        case exact(Int)
        /// Only once diacritics were ignored: accepted with a warning.
        case loose(Int)
    }

    /// The entry a name written in a list refers to: exact name or other spelling, then the
    /// longest prefix, then (with a warning) the same letters without diacritics; nil when
    /// nothing or several entries match.
    public func match(_ text: String) -> Match? {
        let key = Catalogue.exactKey(text)
        if key.isEmpty { return nil }
        if let i = exact[key] { return .exact(i) }
        for p in prefixList where key.hasPrefix(p.key) {
            let rest = key.dropFirst(p.key.count)
            if rest.isEmpty || rest.first == " " || p.key.hasSuffix(" ") { return .exact(p.entry) }
        }
        if let list = folded[ColumnName.key(text)], list.count == 1 { return .loose(list[0]) }
        return nil
    }

    /// Names close to `text` for a "did you mean" hint.
    public func suggestions(for text: String, limit: Int = 3) -> [String] {
        let key = ColumnName.key(text)
        var scored: [(Int, String)] = []
        for e in entries {
            for name in [e.name] + e.otherNames {
                let d = ColumnName.editDistance(key, ColumnName.key(name), limit: max(3, key.count / 4))
                if d <= max(3, key.count / 4) { scored.append((d, name)) }
            }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var seen = Set<String>()
        return scored.compactMap { seen.insert($0.1).inserted ? $0.1 : nil }.prefix(limit).map { $0 }
    }
}

// MARK: - Reading the YAML

/// One entry as written in the catalogue file.
struct CatalogueEntryDTO: Decodable {
    var ma: String
    var ten: String
    var tenKhac: [String]?
    var batDauBang: [String]?
    var hang: [String]?
    var loai: CatalogueKind
    var nhom: CatalogueFamily
    var cap: AwardLevel
    var doiTuong: [SubjectKind]
    var loaiHinh: AwardMethod?
    var dieu: String?
    var cot0602: String?
    var tach0602: Bool?
    var cot0603: Int?
    var heSoThuong: Double?
    var xacNhan: Bool?
    var ghiChu: String?
    var line: Int
    var keyPath: String

    enum CodingKeys: String, CodingKey {
        case ma, ten, hang, loai, nhom, cap, dieu
        case tenKhac = "ten_khac"
        case batDauBang = "bat_dau_bang"
        case doiTuong = "doi_tuong"
        case loaiHinh = "loai_hinh"
        case cot0602 = "cot_0602"
        case tach0602 = "tach_0602"
        case cot0603 = "cot_0603"
        case heSoThuong = "he_so_thuong"
        case xacNhan = "xac_nhan"
        case ghiChu = "ghi_chu"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ma = try c.decode(String.self, forKey: .ma)
        ten = try c.decode(String.self, forKey: .ten)
        tenKhac = try c.decodeIfPresent([String].self, forKey: .tenKhac)
        batDauBang = try c.decodeIfPresent([String].self, forKey: .batDauBang)
        hang = try c.decodeIfPresent([String].self, forKey: .hang)
        loai = try c.decode(CatalogueKind.self, forKey: .loai)
        nhom = try c.decode(CatalogueFamily.self, forKey: .nhom)
        cap = try c.decode(AwardLevel.self, forKey: .cap)
        doiTuong = try c.decode([SubjectKind].self, forKey: .doiTuong)
        loaiHinh = try c.decodeIfPresent(AwardMethod.self, forKey: .loaiHinh)
        dieu = try c.decodeIfPresent(String.self, forKey: .dieu)
        cot0602 = try c.decodeIfPresent(String.self, forKey: .cot0602)
        tach0602 = try c.decodeIfPresent(Bool.self, forKey: .tach0602)
        cot0603 = try c.decodeIfPresent(Int.self, forKey: .cot0603)
        heSoThuong = try c.decodeIfPresent(Double.self, forKey: .heSoThuong)
        xacNhan = try c.decodeIfPresent(Bool.self, forKey: .xacNhan)
        ghiChu = try c.decodeIfPresent(String.self, forKey: .ghiChu)
        let located = decoder as? any StructuredDecoding
        line = located?.node?.line ?? 0
        keyPath = located?.keyPath ?? ""
        if !isPlaceholder(decoder), let cot0603, !(2...5).contains(cot0603) {
            throw LabelledError(description: "cot_0603 phải là 2, 3, 4 hoặc 5 (Bằng khen, Chiến sĩ thi đua cấp bộ/tỉnh, Cờ thi đua, Huy hiệu)")
        }
        if !isPlaceholder(decoder), doiTuong.isEmpty { throw LabelledError(description: "doi_tuong phải có ít nhất một đối tượng") }
        let codeOK = !ma.isEmpty && ma.unicodeScalars.allSatisfy { ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
        if !isPlaceholder(decoder), !codeOK { throw LabelledError(description: "mã «\(ma)» chỉ được gồm chữ in hoa không dấu, chữ số và dấu gạch dưới") }
    }
}

struct CatalogueFileDTO: Decodable {
    var phienBan: Int?
    var danhMuc: [CatalogueEntryDTO]
    enum CodingKeys: String, CodingKey {
        case phienBan = "phien_ban"
        case danhMuc = "danh_muc"
    }
}

extension Catalogue {
    /// The built-in catalogue (templates/danh-muc/danh-hieu-hinh-thuc.yaml, embedded).
    public static func builtIn() -> Catalogue {
        // The embedded text is tested; a failure here is a programming error.
        do {
            return try parse(text: DefaultCatalogue.yaml, file: DefaultCatalogue.fileName)
        } catch {
            fatalError("danh mục mặc định không đọc được: \(error)")
        }
    }

    /// Reads a catalogue file (YAML or JSON).
    public static func load(path: String, displayName: String? = nil) throws(IngestError) -> Catalogue {
        let node = try StructuredLoader.load(path: path)
        return try decode(node, file: displayName ?? path)
    }

    /// Reads catalogue text.
    public static func parse(text: String, file: String) throws(IngestError) -> Catalogue {
        let node = try StructuredLoader.load(text: text, file: file, format: .yaml)
        return try decode(node, file: file)
    }

    static func decode(_ node: DataNode, file: String) throws(IngestError) -> Catalogue {
        let dto = try StructuredDecoder(unknownKeys: .error).decode(CatalogueFileDTO.self, from: node, file: file)
        var entries: [CatalogueEntry] = []
        for d in dto.danhMuc {
            let location = SourceLocation(file: file, line: d.line, keyPath: d.keyPath)
            let base = CatalogueEntry(
                code: d.ma, name: Vietnamese.nfc(d.ten), otherNames: (d.tenKhac ?? []).map(Vietnamese.nfc),
                prefixes: (d.batDauBang ?? []).map(Vietnamese.nfc), kind: d.loai, family: d.nhom, level: d.cap,
                subjects: d.doiTuong, defaultMethod: d.loaiHinh ?? .regular, article: d.dieu,
                column0602: d.cot0602, split0602: d.tach0602 ?? false, column0603: d.cot0603,
                rewardCoefficient: d.heSoThuong, confirmed: d.xacNhan ?? true, note: d.ghiChu, location: location)
            if let ranks = d.hang, !ranks.isEmpty {
                for (k, rank) in ranks.enumerated() {
                    var e = base
                    e.code = "\(d.ma)_\(k + 1)"
                    e.name = "\(base.name) hạng \(rank)"
                    e.otherNames = base.otherNames.map { "\($0) hạng \(rank)" }
                    e.prefixes = []
                    entries.append(e)
                }
            } else {
                entries.append(base)
            }
        }
        return try Catalogue(entries: entries, source: file)
    }
}
