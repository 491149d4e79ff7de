import Foundation
import Ingest
import Testing
import Vietnamese
@testable import Domain

/// A hand-written data folder as an office keeps it: Excel exports (BOM, ";", Vietnamese
/// headers and numbers) and YAML.
@Suite struct LoaderTests {
    static let units = """
    Mã đơn vị;Tên đơn vị;Đơn vị cấp trên;Cấp;Loại đơn vị;Từ năm;Đến năm;Tên khác\r
    UBND;UBND tỉnh Thử Nghiệm;;Tỉnh;Ủy ban nhân dân;;;Ủy ban nhân dân tỉnh Thử Nghiệm\r
    SNV;Sở Nội vụ;UBND;Tỉnh;Cơ quan hành chính;;;\r
    STC;Sở Tài chính;UBND;Tỉnh;;;;\r
    DPTTH;Đài Phát thanh và Truyền hình tỉnh;UBND;;Đơn vị sự nghiệp;;;Đài PT-TH tỉnh\r
    SNGV;Sở Ngoại vụ;UBND;;;2010;2022;\r

    """

    static let headcount = """
    Đơn vị;Năm;Tổng số lao động;Số hoàn thành nhiệm vụ\r
    Sở Nội vụ;2024;10;10\r
    STC;2024;1.234;1.200\r

    """

    static let awards = """
    STT;Họ tên;Đơn vị;Chức vụ;Danh hiệu;Số QĐ;Ngày QĐ;Xếp loại\r
    1;Nguyễn Văn An;Sở Nội vụ;Chuyên viên;Lao động tiên tiến;12/QĐ-SNV;15/01/2025;Hoàn thành tốt nhiệm vụ\r
    2;Trần Thị Bình;SNV;Giám đốc Sở;Chiến sĩ thi đua cơ sở;13/QĐ-SNV;15/01/2025;HTXSNV\r
    3;Sở Tài chính;Sở Tài chính;;Tập thể lao động tiên tiến;14/QĐ-UBND;20/01/2025;\r
    4;Lê Văn Cường;Sở Tài chính;;Giấy khen của Giám đốc Sở Tài chính;;;\r

    """

    static let clusters = """
    cum_khoi:
      - ma: K1
        ten: Khối các cơ quan tổng hợp
        loai: khối
        nam:
          - nam: 2024
            thanh_vien: [SNV, STC]
            cum_truong: SNV
            tieu_chi:
              - ma: I
                ten: Nhiệm vụ chính trị
                tieu_chi:
                  - ma: I.1
                    ten: Chỉ tiêu
                    diem_toi_da: 60
                  - ma: I.2
                    ten: Cải cách hành chính
                    diem_toi_da: 40
                    trong_so: 0.5
    """

    static let scores = """
    Năm;Cụm, khối;Đơn vị;Tiêu chí;Điểm tự chấm;Điểm cụm chấm;Điểm cộng;Điểm trừ\r
    2024;K1;SNV;I.1;58;57,5;;\r
    2024;K1;SNV;I.2;40;38;;\r
    2024;Khối các cơ quan tổng hợp;SNV;;;;2;0,5\r
    2024;K1;STC;I.1;55;55;;\r

    """

    static let programme = """
    ma: CTPH
    ten: Tuyên truyền thi đua yêu nước
    tu_ngay: 01/01/2024
    den_ngay: 31/12/2025
    cac_ben:
      - don_vi: SNV
      - don_vi: Đài PT-TH tỉnh
        nguoi_ky:
          chuc_vu: GIÁM ĐỐC
          ho_ten: Nguyễn Đông Bắc
    san_pham:
      - ma: CM
        ten: Chuyên mục «Thi đua yêu nước»
        loai: chuyên mục
        ben_thuc_hien: DPTTH
        so_ky: 2
        moi: tuần
        thoi_luong_phut: 10
    """

    static let plan = """
    so: 57/KH-UBND
    ngay: ngày 11 tháng 4 năm 2024
    co_quan_ban_hanh: UBND
    trich_yeu: Thông tin, tuyên truyền về công tác thi đua, khen thưởng năm 2024
    can_cu:
      - Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022
    muc:
      - tieu_de: MỤC ĐÍCH, YÊU CẦU
        muc:
          - tieu_de: Mục đích
            noi_dung: [Tuyên truyền sâu rộng.]
    nhiem_vu:
      - don_vi: Sở Nội vụ
        noi_dung: Chủ trì, theo dõi.
        han: 15/12/2024
    noi_nhan: [Như trên, "Lưu: VT, SNV."]
    nguoi_ky: {thay_mat: TM. ỦY BAN NHÂN DÂN, quyen_han: KT. CHỦ TỊCH, chuc_vu: PHÓ CHỦ TỊCH, ho_ten: Đỗ Thanh Bình}
    """

    func goodFolder() -> TempFolder {
        let f = TempFolder("good")
        f.write("don-vi.csv", Self.units, bom: true)
        f.write("lao-dong.csv", Self.headcount, bom: true)
        f.write("khen-thuong-2024.csv", Self.awards, bom: true)
        f.write("cum-khoi.yaml", Self.clusters)
        f.write("cham-diem.csv", Self.scores)
        f.write("chuong-trinh/ctph.yaml", Self.programme)
        f.write("ke-hoach/kh-57.yaml", Self.plan)
        f.write("thuc-hien-phoi-hop.csv", "Chương trình;Sản phẩm;Ngày;Số kỳ\nCTPH;CM;02/01/2024;1\nCTPH;CM;05/01/2024;\n")
        f.write("tuyen-truyen.csv", "Đơn vị;Năm;Tháng;Tin;Bài;Phóng sự;Chuyên mục kế hoạch;Chuyên mục đã phát;Thời lượng (phút)\nDPTTH;2024;1;5;2;1;9;8;80\n")
        f.write("thiet-lap.yaml", "tinh: Thử Nghiệm\nquy_tac:\n  r2_ty_le_cstdcs_toi_da: 20\n  r2_lam_tron: lên\ncum_khoi:\n  tieu_chi_phu: [it_diem_tru, \"nhom:I\"]\n")
        return f
    }

    @Test func readsAnOfficeFolder() throws {
        let f = goodFolder()
        defer { f.remove() }
        let data = try DataFolderLoader(folder: f.path).load()
        #expect(data.units.map(\.code) == ["UBND", "SNV", "STC", "DPTTH", "SNGV"])
        #expect(data.units[1].parent == 0)
        #expect(data.units[0].type == .government && data.units[3].type == .publicService)
        #expect(data.units[4].toYear == 2022)
        #expect(data.unitYears.map(\.headcount) == [10, 1234])
        #expect(data.unitYears[1].completed == 1200)
        // Awards: the year comes from the file name.
        #expect(data.awards.count == 4)
        #expect(data.awards.allSatisfy { $0.year == 2024 })
        let entries = data.awards.map { data.entry($0).code }
        #expect(entries == ["LDTT", "CSTDCS", "TTLDTT", "GK"])
        #expect(data.awards[0].rating == .good && data.awards[1].rating == .excellent)
        #expect(data.awards[1].category == .departmentLeader)
        #expect(data.subjects[Int(data.awards[2].subject)].isUnit)
        #expect(data.subjects[Int(data.awards[3].subject)].kind == .individual)
        #expect(data.awards[0].decisionDate == Fixture.date(2025, 1, 15))
        #expect(data.text(data.awards[0].decision) == "12/QĐ-SNV")
        #expect(data.location(data.awards[0].origin)?.line == 2)
        // Settings, clusters, scores.
        #expect(data.settings.provinceName == "Thử Nghiệm")
        #expect(data.settings.cstdcsCapPercent == 20 && data.settings.cstdcsCapRounding == .ceiling)
        #expect(data.settings.tieBreakers == [.fewerPenalty, .group("I")])
        #expect(data.clusters.first?.years.first?.groups.first?.criteria.map(\.weight) == [1, 0.5])
        let ranking = Aggregations.clusterRankings(data, year: 2024)[0]
        #expect(ranking.standing(1)?.total == 57.5 + 19 + 2 - 0.5)
        #expect(ranking.standing(1)?.selfScore == 78)
        #expect(ranking.standing(1)?.rank == 1)
        // Programme, deliveries, plan, propaganda.
        #expect(data.programmes.first?.deliverables.first?.frequency == .week)
        #expect(data.programmes.first?.parties.map(\.unit) == [1, 3])
        #expect(data.deliveries.map(\.episodes) == [1, 1])
        #expect(data.plans.first?.number == "57/KH-UBND")
        #expect(data.plans.first?.date == Fixture.date(2024, 4, 11))
        #expect(data.plans.first?.sections.first?.items.first?.paragraphs == ["Tuyên truyền sâu rộng."])
        #expect(data.plans.first?.tasks.first?.unit == 1)
        #expect(data.plans.first?.signer?.name == "Đỗ Thanh Bình")
        #expect(data.propaganda.first?.columnsAired == 8)
        #expect(data.defaultCheckedYears == [2024])
    }

    func errors(_ f: TempFolder) -> DomainError? {
        do {
            _ = try DataFolderLoader(folder: f.path).load()
            return nil
        } catch {
            return error
        }
    }

    @Test func unresolvedReferencesNameBothPlaces() throws {
        let f = goodFolder()
        defer { f.remove() }
        f.write("khen-thuong-2024.csv", Self.awards + "5;Phạm Văn Dũng;Sở Ngoạ vụ;;Lao động tiên tiến;;;\r\n6;Hồ Thị Em;Sở Nội vụ;;Lao động tiên tiếnn;;;\r\n", bom: true)
        f.write("cham-diem.csv", Self.scores + "2024;K1;DPTTH;I.1;10;10;;\r\n2024;K1;STC;II.9;10;10;;\r\n2024;K9;STC;I.1;1;1;;\r\n2024;K1;STC;I.2;45;45;;\r\n")
        guard let error = errors(f) else {
            Issue.record("bad folder accepted")
            return
        }
        #expect(error.code == .invalidData)
        let messages = error.errors.map(\.description)
        func has(_ parts: String...) -> Bool { messages.contains { m in parts.allSatisfy { m.contains($0) } } }
        #expect(has(f.file("khen-thuong-2024.csv") + ", dòng 6 (hàng dữ liệu 5), cột 3 «Đơn vị»",
                    "Đơn vị «Sở Ngoạ vụ» không có trong danh sách đơn vị " + f.file("don-vi.csv"), "Có phải: «Sở Ngoại vụ»"), "\(messages)")
        #expect(has("dòng 7", "«Lao động tiên tiếnn» không có trong danh mục", "Có phải: «Lao động tiên tiến»"), "\(messages)")
        #expect(has(f.file("cham-diem.csv"), "«Đài Phát thanh và Truyền hình tỉnh» không phải thành viên của «Khối các cơ quan tổng hợp» năm 2024 ("
                    + f.file("cum-khoi.yaml") + ", dòng 6"), "\(messages)")
        #expect(has("Tiêu chí «II.9» không có trong bảng tiêu chí năm 2024"), "\(messages)")
        #expect(has("Cụm, khối «K9» không có trong " + f.file("cum-khoi.yaml")), "\(messages)")
        #expect(has("Điểm 45 ngoài khoảng 0 – 40"), "\(messages)")
        #expect(error.errors.count == 6)
        // Every error of every file, grouped by file in the description.
        #expect(error.description.hasPrefix("Không đọc được dữ liệu ở \(f.path): 6 lỗi."))
    }

    @Test func everyFileIsCheckedTogether() {
        let f = goodFolder()
        defer { f.remove() }
        f.write("lao-dong.csv", "Đơn vị;Năm;Tổng số lao động\nSNV;2024;5\nSNV;2024;6\n")
        f.write("tuyen-truyen.csv", "Đơn vị;Năm;Tin\nSNV;2024;mười\n")
        f.write("cum-khoi.yaml", "cum_khoi:\n  - ma: K1\n    ten: Khối\n    loai: vùng\n    nam: []\n")
        f.write("thiet-lap.yaml", "quy_tac:\n  r2_lam_tron: tùy\n")
        guard let error = errors(f) else {
            Issue.record("accepted")
            return
        }
        let files = Set(error.errors.map(\.location.file))
        #expect(files == [f.file("lao-dong.csv"), f.file("cum-khoi.yaml"), f.file("thiet-lap.yaml"), f.file("cham-diem.csv"),
                          f.file("tuyen-truyen.csv")], "\(error.errors)")
        #expect(error.errors.contains { $0.kind == .invalidNumber && $0.location.line == 2 && $0.location.columnName == "Tin" })
        #expect(error.errors.contains { $0.message.contains("đã có số lao động năm 2024 ở dòng 2") && $0.location.line == 3 })
    }

    @Test func aMissingUnitListIsAMissingInput() {
        let f = TempFolder("empty")
        defer { f.remove() }
        let error = errors(f)
        #expect(error?.code == .missingInput)
        #expect(error?.errors.first?.message.contains("Thiếu danh sách đơn vị don-vi.csv") == true)
        let none = DataFolderLoader(folder: f.file("khong-co"))
        #expect(throws: DomainError.self) { try none.load() }
    }

    @Test func looseNamesAreAcceptedWithWarnings() throws {
        let f = goodFolder()
        defer { f.remove() }
        f.write("khen-thuong-2024.csv", "Họ và tên;Đơn vị;Danh hiệu;Năm\nA;so noi vu;Lao dong tien tien;2024\n")
        let data = try DataFolderLoader(folder: f.path).load()
        #expect(data.awards.count == 1)
        #expect(data.warnings.count == 2)
        #expect(data.warnings.contains { $0.message.contains("được hiểu là đơn vị «Sở Nội vụ»") })
        #expect(data.warnings.contains { $0.message.contains("được hiểu là «Lao động tiên tiến»") })
    }

    @Test func personCodesMustBeInThePersonsList() {
        let f = goodFolder()
        defer { f.remove() }
        f.write("ca-nhan.csv", "Mã cá nhân;Họ và tên;Đơn vị;Giới tính\nCN1;Nguyễn Văn An;SNV;Nam\nCN1;Lê Thị B;SNV;Nữ\n")
        f.write("khen-thuong-2024.csv", "Họ và tên;Mã cá nhân;Đơn vị;Danh hiệu\nNguyễn Văn An;CN1;SNV;Lao động tiên tiến\nX;CN9;SNV;Lao động tiên tiến\n")
        guard let error = errors(f) else {
            Issue.record("accepted")
            return
        }
        let messages = error.errors.map(\.description)
        #expect(messages.contains { $0.contains("Mã cá nhân «CN1» trùng với dòng 2") })
        #expect(messages.contains { $0.contains("Mã cá nhân «CN9» không có trong danh sách cá nhân " + f.file("ca-nhan.csv")) && $0.contains("cột 2 «Mã cá nhân»") })
    }

    @Test func aPersonIsFoundByNameWhenTheListHasNoCode() throws {
        let f = goodFolder()
        defer { f.remove() }
        f.write("ca-nhan.csv", "Mã cá nhân;Họ và tên;Đơn vị;Giới tính;Dân tộc;Nhóm đối tượng\nCN1;Nguyễn Thị An;SNV;Nữ;Tày;Lãnh đạo sở\n")
        f.write("khen-thuong-2024.csv", "Họ và tên;Đơn vị;Danh hiệu\nNguyễn Thị An;SNV;Lao động tiên tiến\n")
        let data = try DataFolderLoader(folder: f.path).load()
        let a = data.awards[0]
        #expect(data.subjects[Int(a.subject)].code == "CN1")
        #expect(a.female && a.minority && a.category == .departmentLeader)
    }

    @Test func theFolderOfTheGeneratorLoads() throws {
        let f = TempFolder("gen")
        defer { f.remove() }
        let g = ProvinceGenerator.generate(ProvinceSpec(seed: 7, awards: 1500))
        try g.write(to: f.path, overwrite: true)
        let data = try DataFolderLoader(folder: f.path).load()
        #expect(data.warnings.isEmpty, "\(data.warnings.prefix(3))")
        #expect(data.awards.count == g.data.awards.count)
        #expect(data.units.count == g.data.units.count)
        #expect(data.ratings.count == g.data.ratings.filter { [2023, 2024].contains($0.year) }.count)
        #expect(data.scores.count == g.data.scores.count)
        #expect(data.deliveries.count == g.data.deliveries.count)
        #expect(data.plans.count == 2 && data.programmes.count == 1)
        #expect(data.movements.map(\.code) == g.data.movements.map(\.code))
        #expect(data.exemplars.count == g.data.exemplars.count)
        #expect(data.registrations.count == g.data.registrations.count)
    }
}

@Suite struct LayoutDocumentationTests {
    @Test("docs/domain.md names every file and every column the loader reads")
    func everyColumnIsDocumented() throws {
        let doc = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/domain.md"), encoding: .utf8)
        for file in [DataFolder.units, DataFolder.unitYears, DataFolder.persons, DataFolder.ratings, DataFolder.scores,
                     DataFolder.registrations, DataFolder.deliveries, DataFolder.propaganda, DataFolder.exemplars,
                     DataFolder.clusters + ".yaml", DataFolder.movements + ".yaml", DataFolder.settings + ".yaml",
                     DataFolder.catalogue + ".yaml", DataFolder.plansFolder + "/", DataFolder.programmesFolder + "/"] {
            #expect(doc.contains("`\(file)"), "\(file)")
        }
        for dataset in [DataSchemas.units, DataSchemas.unitYears, DataSchemas.awards, DataSchemas.persons, DataSchemas.ratings,
                        DataSchemas.scores, DataSchemas.registrations, DataSchemas.deliveries, DataSchemas.propaganda,
                        DataSchemas.exemplars] {
            for column in dataset.columns {
                #expect(doc.contains("`\(column.name)`"), "\(dataset.name): \(column.name)")
            }
        }
        for entry in DomainSettings().entries { #expect(doc.contains("`\(entry.key)`"), "\(entry.key)") }
    }
}

@Suite struct LoaderYearTests {
    @Test func yearsOutsideTheRangeAreLocatedErrors() {
        let f = TempFolder("years")
        defer { f.remove() }
        f.write("don-vi.csv", "Mã đơn vị;Tên đơn vị\nSNV;Sở Nội vụ\n")
        f.write("khen-thuong.csv", "Họ và tên;Đơn vị;Danh hiệu;Năm\nA;SNV;Lao động tiên tiến;20245\nB;SNV;Lao động tiên tiến;2024\n")
        do {
            _ = try DataFolderLoader(folder: f.path).load()
            Issue.record("accepted")
        } catch {
            #expect(error.errors.count == 1)
            #expect(error.errors.first?.description == f.file("khen-thuong.csv") + ", dòng 2 (hàng dữ liệu 1), cột 4 «Năm»: Năm 20245 không hợp lệ: viết năm dạng 2024 (từ 1945 đến 2100).")
        }
    }
}
