import Ingest
import Vietnamese

/// A text value of a YAML/JSON file that remembers where it was written (for reference errors
/// that name both places).
struct LocatedText: Decodable, Hashable {
    var text: String
    var line: Int
    var keyPath: String

    init(from decoder: any Decoder) throws {
        text = Vietnamese.nfc(try decoder.singleValueContainer().decode(String.self))
        let located = decoder as? any StructuredDecoding
        line = located?.node?.line ?? 0
        keyPath = located?.keyPath ?? ""
    }
}

/// True while the decoder builds a stand-in for a value that is missing or wrong (an error
/// is already recorded): validations must not throw then, or decoding would stop and later
/// errors would go unreported.
func isPlaceholder(_ decoder: any Decoder) -> Bool {
    (decoder as? any StructuredDecoding).map { $0.node == nil } ?? false
}

/// Line and key path of the value being decoded.
struct NodePlace {
    var line: Int
    var keyPath: String
    init(_ decoder: any Decoder) {
        let located = decoder as? any StructuredDecoding
        line = located?.node?.line ?? 0
        keyPath = located?.keyPath ?? ""
    }
}

// MARK: - cum-khoi.yaml

struct ClustersFileDTO: Decodable {
    var cumKhoi: [ClusterDTO]
    enum CodingKeys: String, CodingKey { case cumKhoi = "cum_khoi" }
}

struct ClusterDTO: Decodable {
    var ma: String
    var ten: String
    var loai: ClusterKind
    var soCo: Int?
    var soBangKhen: Int?
    var nam: [ClusterYearDTO]
    var place: NodePlace

    enum CodingKeys: String, CodingKey {
        case ma, ten, loai, nam
        case soCo = "so_co"
        case soBangKhen = "so_bang_khen"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ma = try c.decode(String.self, forKey: .ma)
        ten = Vietnamese.nfc(try c.decode(String.self, forKey: .ten))
        loai = try c.decode(ClusterKind.self, forKey: .loai)
        soCo = try c.decodeIfPresent(Int.self, forKey: .soCo)
        soBangKhen = try c.decodeIfPresent(Int.self, forKey: .soBangKhen)
        nam = try c.decode([ClusterYearDTO].self, forKey: .nam)
        place = NodePlace(decoder)
    }
}

struct ClusterYearDTO: Decodable {
    var nam: Int
    var thanhVien: [LocatedText]
    var cumTruong: LocatedText?
    var cumPho: [LocatedText]?
    var tieuChi: [CriteriaGroupDTO]?
    var tieuChiNhuNam: Int?
    var diemCongToiDa: Double?
    var diemTruToiDa: Double?
    var place: NodePlace

    enum CodingKeys: String, CodingKey {
        case nam
        case thanhVien = "thanh_vien"
        case cumTruong = "cum_truong"
        case cumPho = "cum_pho"
        case tieuChi = "tieu_chi"
        case tieuChiNhuNam = "tieu_chi_nhu_nam"
        case diemCongToiDa = "diem_cong_toi_da"
        case diemTruToiDa = "diem_tru_toi_da"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        nam = try c.decode(Int.self, forKey: .nam)
        thanhVien = try c.decode([LocatedText].self, forKey: .thanhVien)
        cumTruong = try c.decodeIfPresent(LocatedText.self, forKey: .cumTruong)
        cumPho = try c.decodeIfPresent([LocatedText].self, forKey: .cumPho)
        tieuChi = try c.decodeIfPresent([CriteriaGroupDTO].self, forKey: .tieuChi)
        tieuChiNhuNam = try c.decodeIfPresent(Int.self, forKey: .tieuChiNhuNam)
        diemCongToiDa = try c.decodeIfPresent(Double.self, forKey: .diemCongToiDa)
        diemTruToiDa = try c.decodeIfPresent(Double.self, forKey: .diemTruToiDa)
        place = NodePlace(decoder)
    }
}

struct CriteriaGroupDTO: Decodable {
    var ma: String
    var ten: String
    var tieuChi: [CriterionDTO]
    enum CodingKeys: String, CodingKey {
        case ma, ten
        case tieuChi = "tieu_chi"
    }
}

struct CriterionDTO: Decodable {
    var ma: String
    var ten: String
    var diemToiDa: Double
    var trongSo: Double?
    enum CodingKeys: String, CodingKey {
        case ma, ten
        case diemToiDa = "diem_toi_da"
        case trongSo = "trong_so"
    }
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ma = try c.decode(String.self, forKey: .ma)
        ten = Vietnamese.nfc(try c.decode(String.self, forKey: .ten))
        diemToiDa = try c.decode(Double.self, forKey: .diemToiDa)
        trongSo = try c.decodeIfPresent(Double.self, forKey: .trongSo)
        if !isPlaceholder(decoder), diemToiDa <= 0 { throw LabelledError(description: "điểm tối đa phải lớn hơn 0") }
        if !isPlaceholder(decoder), let trongSo, trongSo <= 0 { throw LabelledError(description: "trọng số phải lớn hơn 0") }
    }
}

// MARK: - phong-trao.yaml

struct MovementsFileDTO: Decodable {
    var phongTrao: [MovementDTO]
    enum CodingKeys: String, CodingKey { case phongTrao = "phong_trao" }
}

struct MovementDTO: Decodable {
    var ma: String
    var ten: String
    var chuDe: String?
    var phatDongBoi: LocatedText?
    var cap: MovementLevel
    var phamVi: MovementScope
    var hinhThuc: MovementType
    var ngayPhatDong: CivilDate?
    var tuNgay: CivilDate
    var denNgay: CivilDate
    var keHoach: String?
    var chiTieu: [String]?
    var place: NodePlace

    enum CodingKeys: String, CodingKey {
        case ma, ten, cap
        case chuDe = "chu_de"
        case phatDongBoi = "phat_dong_boi"
        case phamVi = "pham_vi"
        case hinhThuc = "hinh_thuc"
        case ngayPhatDong = "ngay_phat_dong"
        case tuNgay = "tu_ngay"
        case denNgay = "den_ngay"
        case keHoach = "ke_hoach"
        case chiTieu = "chi_tieu"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ma = try c.decode(String.self, forKey: .ma)
        ten = Vietnamese.nfc(try c.decode(String.self, forKey: .ten))
        chuDe = try c.decodeIfPresent(String.self, forKey: .chuDe)
        phatDongBoi = try c.decodeIfPresent(LocatedText.self, forKey: .phatDongBoi)
        cap = try c.decode(MovementLevel.self, forKey: .cap)
        phamVi = try c.decode(MovementScope.self, forKey: .phamVi)
        hinhThuc = try c.decode(MovementType.self, forKey: .hinhThuc)
        ngayPhatDong = try c.decodeIfPresent(CivilDate.self, forKey: .ngayPhatDong)
        tuNgay = try c.decode(CivilDate.self, forKey: .tuNgay)
        denNgay = try c.decode(CivilDate.self, forKey: .denNgay)
        keHoach = try c.decodeIfPresent(String.self, forKey: .keHoach)
        chiTieu = try c.decodeIfPresent([String].self, forKey: .chiTieu)
        place = NodePlace(decoder)
        if !isPlaceholder(decoder), denNgay < tuNgay { throw LabelledError(description: "den_ngay (\(denNgay.formatted(.numeric))) trước tu_ngay (\(tuNgay.formatted(.numeric)))") }
    }
}

// MARK: - ke-hoach/*.yaml

/// An item of `muc` / `noi_dung` as written: the agency (`don_vi`) is resolved by the loader.
struct PlanItemDTO: Decodable {
    var tieuDe: String?
    var noiDung: [String]
    var muc: [PlanItemDTO]
    var donVi: LocatedText?
    var han: CivilDate?

    enum CodingKeys: String, CodingKey {
        case muc, han
        case tieuDe = "tieu_de"
        case noiDung = "noi_dung"
        case donVi = "don_vi"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tieuDe = try c.decodeIfPresent(String.self, forKey: .tieuDe).map(Vietnamese.nfc)
        noiDung = (try c.decodeIfPresent([String].self, forKey: .noiDung) ?? []).map(Vietnamese.nfc)
        muc = try c.decodeIfPresent([PlanItemDTO].self, forKey: .muc) ?? []
        donVi = try c.decodeIfPresent(LocatedText.self, forKey: .donVi)
        han = try c.decodeIfPresent(CivilDate.self, forKey: .han)
        if !isPlaceholder(decoder), tieuDe == nil, noiDung.isEmpty, muc.isEmpty, donVi == nil {
            throw LabelledError(description: "mục trống: cần ít nhất tieu_de, noi_dung, muc hoặc don_vi")
        }
    }
}

struct PlanTaskDTO: Decodable {
    var donVi: LocatedText
    var noiDung: String
    var han: CivilDate?
    enum CodingKeys: String, CodingKey {
        case donVi = "don_vi"
        case noiDung = "noi_dung"
        case han
    }
}

struct PlanFileDTO: Decodable {
    var so: String?
    var ngay: CivilDate?
    var loai: PlanKind?
    var coQuanBanHanh: LocatedText
    var coQuanChuQuan: LocatedText?
    var diaDanh: String?
    var trichYeu: String
    var canCu: [String]?
    var moDau: [String]?
    var chuDe: String?
    var doiTuong: String?
    var tuNgay: CivilDate?
    var denNgay: CivilDate?
    var phongTrao: [LocatedText]?
    var thucHien: [DocumentReferenceDTO]?
    var muc: [PlanItemDTO]?
    var nhiemVu: [PlanTaskDTO]?
    var ketThuc: [String]?
    var noiNhan: [String]?
    var nguoiKy: Signer?
    var place: NodePlace

    enum CodingKeys: String, CodingKey {
        case so, ngay, loai, muc
        case coQuanBanHanh = "co_quan_ban_hanh"
        case coQuanChuQuan = "co_quan_chu_quan"
        case diaDanh = "dia_danh"
        case trichYeu = "trich_yeu"
        case canCu = "can_cu"
        case moDau = "mo_dau"
        case chuDe = "chu_de"
        case doiTuong = "doi_tuong"
        case tuNgay = "tu_ngay"
        case denNgay = "den_ngay"
        case phongTrao = "phong_trao"
        case thucHien = "thuc_hien"
        case nhiemVu = "nhiem_vu"
        case ketThuc = "ket_thuc"
        case noiNhan = "noi_nhan"
        case nguoiKy = "nguoi_ky"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func texts(_ key: CodingKeys) throws -> [String]? {
            try c.decodeIfPresent([String].self, forKey: key)?.map(Vietnamese.nfc)
        }
        so = try c.decodeIfPresent(String.self, forKey: .so).map(Vietnamese.nfc)
        ngay = try c.decodeIfPresent(CivilDate.self, forKey: .ngay)
        loai = try c.decodeIfPresent(PlanKind.self, forKey: .loai)
        coQuanBanHanh = try c.decode(LocatedText.self, forKey: .coQuanBanHanh)
        coQuanChuQuan = try c.decodeIfPresent(LocatedText.self, forKey: .coQuanChuQuan)
        diaDanh = try c.decodeIfPresent(String.self, forKey: .diaDanh).map(Vietnamese.nfc)
        trichYeu = Vietnamese.nfc(try c.decode(String.self, forKey: .trichYeu))
        canCu = try texts(.canCu)
        moDau = try texts(.moDau)
        chuDe = try c.decodeIfPresent(String.self, forKey: .chuDe).map(Vietnamese.nfc)
        doiTuong = try c.decodeIfPresent(String.self, forKey: .doiTuong).map(Vietnamese.nfc)
        tuNgay = try c.decodeIfPresent(CivilDate.self, forKey: .tuNgay)
        denNgay = try c.decodeIfPresent(CivilDate.self, forKey: .denNgay)
        phongTrao = try c.decodeIfPresent([LocatedText].self, forKey: .phongTrao)
        thucHien = try c.decodeIfPresent([DocumentReferenceDTO].self, forKey: .thucHien)
        muc = try c.decodeIfPresent([PlanItemDTO].self, forKey: .muc)
        nhiemVu = try c.decodeIfPresent([PlanTaskDTO].self, forKey: .nhiemVu)
        ketThuc = try texts(.ketThuc)
        noiNhan = try texts(.noiNhan)
        nguoiKy = try c.decodeIfPresent(Signer.self, forKey: .nguoiKy)
        place = NodePlace(decoder)
        if !isPlaceholder(decoder), let tuNgay, let denNgay, denNgay < tuNgay {
            throw LabelledError(description: "den_ngay (\(denNgay.formatted(.numeric))) trước tu_ngay (\(tuNgay.formatted(.numeric)))")
        }
    }
}

/// A document cited under `thuc_hien`: `{loai, so, ngay, co_quan, trich_yeu}`.
struct DocumentReferenceDTO: Decodable {
    var reference: DocumentReference
    var place: NodePlace

    enum CodingKeys: String, CodingKey {
        case loai, so, ngay
        case coQuan = "co_quan"
        case trichYeu = "trich_yeu"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String? {
            try c.decodeIfPresent(String.self, forKey: key).map(Vietnamese.nfc).map(Text.trim).flatMap { $0.isEmpty ? nil : $0 }
        }
        let so = try text(.so), title = try text(.trichYeu)
        reference = DocumentReference(kind: try text(.loai) ?? "Kế hoạch", number: so,
                                      date: try c.decodeIfPresent(CivilDate.self, forKey: .ngay),
                                      issuer: try text(.coQuan), title: title)
        place = NodePlace(decoder)
        if !isPlaceholder(decoder), so == nil, title == nil {
            throw LabelledError(description: "văn bản thực hiện cần số (so) hoặc tên (trich_yeu)")
        }
    }
}

// MARK: - chuong-trinh/*.yaml

struct PartyDTO: Decodable {
    var donVi: LocatedText
    var coQuanChuQuan: LocatedText?
    var nguoiKy: Signer?
    enum CodingKeys: String, CodingKey {
        case donVi = "don_vi"
        case coQuanChuQuan = "co_quan_chu_quan"
        case nguoiKy = "nguoi_ky"
    }
}

struct DeliverableDTO: Decodable {
    var ma: String
    var ten: String
    var loai: PropagandaKind
    var benThucHien: LocatedText
    var soKy: Int
    var moi: Frequency
    var thoiLuongPhut: Int?
    var tuNgay: CivilDate?
    var denNgay: CivilDate?

    enum CodingKeys: String, CodingKey {
        case ma, ten, loai, moi
        case benThucHien = "ben_thuc_hien"
        case soKy = "so_ky"
        case thoiLuongPhut = "thoi_luong_phut"
        case tuNgay = "tu_ngay"
        case denNgay = "den_ngay"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ma = try c.decode(String.self, forKey: .ma)
        ten = Vietnamese.nfc(try c.decode(String.self, forKey: .ten))
        loai = try c.decode(PropagandaKind.self, forKey: .loai)
        benThucHien = try c.decode(LocatedText.self, forKey: .benThucHien)
        soKy = try c.decode(Int.self, forKey: .soKy)
        moi = try c.decode(Frequency.self, forKey: .moi)
        thoiLuongPhut = try c.decodeIfPresent(Int.self, forKey: .thoiLuongPhut)
        tuNgay = try c.decodeIfPresent(CivilDate.self, forKey: .tuNgay)
        denNgay = try c.decodeIfPresent(CivilDate.self, forKey: .denNgay)
        if !isPlaceholder(decoder), soKy <= 0 { throw LabelledError(description: "so_ky phải lớn hơn 0") }
    }
}

struct ProgrammeFileDTO: Decodable {
    var ma: String
    var ten: String
    var so: String?
    var ngayKy: CivilDate?
    var diaDanh: String?
    var tuNgay: CivilDate
    var denNgay: CivilDate
    var cacBen: [PartyDTO]
    var canCu: [String]?
    var moDau: [String]?
    var muc: [PlanItemDTO]?
    var noiDung: [PlanItemDTO]?
    var phongTrao: [LocatedText]?
    var thucHien: [DocumentReferenceDTO]?
    var sanPham: [DeliverableDTO]?
    var ketThuc: [String]?
    var noiNhan: [String]?

    enum CodingKeys: String, CodingKey {
        case ma, ten, so, muc
        case ngayKy = "ngay_ky"
        case diaDanh = "dia_danh"
        case tuNgay = "tu_ngay"
        case denNgay = "den_ngay"
        case cacBen = "cac_ben"
        case canCu = "can_cu"
        case moDau = "mo_dau"
        case noiDung = "noi_dung"
        case phongTrao = "phong_trao"
        case thucHien = "thuc_hien"
        case sanPham = "san_pham"
        case ketThuc = "ket_thuc"
        case noiNhan = "noi_nhan"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func texts(_ key: CodingKeys) throws -> [String]? {
            try c.decodeIfPresent([String].self, forKey: key)?.map(Vietnamese.nfc)
        }
        ma = try c.decode(String.self, forKey: .ma)
        ten = Vietnamese.nfc(try c.decode(String.self, forKey: .ten))
        so = try c.decodeIfPresent(String.self, forKey: .so).map(Vietnamese.nfc)
        ngayKy = try c.decodeIfPresent(CivilDate.self, forKey: .ngayKy)
        diaDanh = try c.decodeIfPresent(String.self, forKey: .diaDanh).map(Vietnamese.nfc)
        tuNgay = try c.decode(CivilDate.self, forKey: .tuNgay)
        denNgay = try c.decode(CivilDate.self, forKey: .denNgay)
        cacBen = try c.decode([PartyDTO].self, forKey: .cacBen)
        canCu = try texts(.canCu)
        moDau = try texts(.moDau)
        muc = try c.decodeIfPresent([PlanItemDTO].self, forKey: .muc)
        noiDung = try c.decodeIfPresent([PlanItemDTO].self, forKey: .noiDung)
        phongTrao = try c.decodeIfPresent([LocatedText].self, forKey: .phongTrao)
        thucHien = try c.decodeIfPresent([DocumentReferenceDTO].self, forKey: .thucHien)
        sanPham = try c.decodeIfPresent([DeliverableDTO].self, forKey: .sanPham)
        ketThuc = try texts(.ketThuc)
        noiNhan = try texts(.noiNhan)
        if !isPlaceholder(decoder), denNgay < tuNgay { throw LabelledError(description: "den_ngay trước tu_ngay") }
    }
}
