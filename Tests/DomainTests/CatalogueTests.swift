import Foundation
import Ingest
import Testing
@testable import Domain

@Suite struct CatalogueTests {
    @Test func catalogueTemplateMatchesTheEmbeddedCopy() throws {
        let url = repositoryRoot.appendingPathComponent("templates/danh-muc/danh-hieu-hinh-thuc.yaml")
        let file = try String(contentsOf: url, encoding: .utf8)
        #expect(file == DefaultCatalogue.yaml + "\n", "regenerate Sources/Domain/Catalogue/DefaultCatalogue.swift from the template")
        // The shipped file reads the same through the file path.
        let loaded = try Catalogue.load(path: url.path)
        #expect(loaded.entries == Catalogue.builtIn().entries.map { e in
            var e = e
            e.location.file = url.path
            return e
        })
    }

    @Test func builtInHasEveryRoleAndTheRanks() {
        let c = Catalogue.builtIn()
        for role in AwardRole.allCases where role != .none {
            #expect(c.index(of: role) != nil, "\(role.code)")
        }
        #expect(c.entry(code: "HC_LAO_DONG_3")?.name == "Huân chương Lao động hạng Ba")
        #expect(c.entry(code: "HC_DOC_LAP_1")?.name == "Huân chương Độc lập hạng Nhất")
        #expect(c.entry(code: "HC_LAO_DONG_3")?.column0602 == "Huân chương Lao động")
        #expect(c.entry(code: "CSTDCS")?.level == .grassroots)
        #expect(c.entry(code: "BK_TTG")?.level == .state)
        #expect(c.entry(code: "CO_TINH")?.column0603 == 4)
        #expect(c.entry(code: "HCH_TNXP")?.confirmed == false)
        #expect(c.entry(code: "GDVH")?.subjects == [.household])
        #expect(c.entry(code: "HC_HUU_NGHI")?.defaultMethod == .foreign)
    }

    @Test(arguments: [
        ("Lao động tiên tiến", "LDTT", false),
        ("  lao động   TIÊN TIẾN ", "LDTT", false),
        ("LĐTT", "LDTT", false),
        ("Đơn vị quyết thắng", "TTLDXS", false),
        ("Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH", false),
        ("Bằng khen của Chủ tịch UBND tỉnh Bắc Ninh", "BK_TINH", false),
        ("Giấy khen của Giám đốc Sở Nội vụ", "GK", false),
        ("Bằng khen của Bộ trưởng Bộ Nội vụ", "BK_BO", false),
        ("Kỷ niệm chương Vì sự nghiệp thi đua, khen thưởng", "KNC", false),
        ("Huân chương Lao động hạng Ba", "HC_LAO_DONG_3", false),
        ("Lao dong tien tien", "LDTT", true),
    ])
    func namesMatchTheirEntry(text: String, code: String, loose: Bool) {
        let c = Catalogue.builtIn()
        switch c.match(text) {
        case .exact(let i): #expect(!loose && c.entries[i].code == code)
        case .loose(let i): #expect(loose && c.entries[i].code == code)
        case nil: Issue.record("«\(text)» not matched")
        }
    }

    @Test func unknownNamesDoNotMatchAndGetSuggestions() {
        let c = Catalogue.builtIn()
        #expect(c.match("Giấy chứng nhận") == nil)
        #expect(c.match("Giấy khenn") == nil)
        #expect(c.suggestions(for: "Lao động tiên tiếnn").first == "Lao động tiên tiến")
    }

    @Test func anEditedCatalogueIsCheckedWithLocations() {
        let yaml = """
        danh_muc:
          - ma: LDTT
            ten: Lao động tiên tiến
            loai: danh_hieu
            nhom: danh_hieu_ca_nhan
            cap: co_so
            doi_tuong: [ca_nhan]
          - ma: LDTT
            ten: Lao động giỏi
            loai: danh_hieu
            nhom: danh_hieu_ca_nhan
            cap: cơ sở
            doi_tuong: [cá nhân]
          - ma: gk
            ten: Giấy khen
            loai: hình thức
            nhom: giay_khen
            cap: co_so
            doi_tuong: [ca_nhan]
          - ma: GK2
            ten: Giấy khen xã
            loai: hinh_thuc
            nhom: giay_khen
            cap: xã
            doi_tuong: [ca_nhan]
        """
        do {
            _ = try Catalogue.parse(text: yaml, file: "danh-muc.yaml")
            Issue.record("accepted")
        } catch {
            let messages = error.issues.map(\.description)
            #expect(messages.contains { $0.contains("danh-muc.yaml, dòng 14") && $0.contains("«gk»") }, "\(messages)")
            #expect(messages.contains { $0.contains("«xã»") && $0.contains("danh_muc[3].cap") }, "\(messages)")
            #expect(!messages.contains { $0.contains("danh_muc[1]") }, "Vietnamese labels are accepted: \(messages)")
        }
        let fixed = yaml.replacingOccurrences(of: "ma: gk", with: "ma: GK").replacingOccurrences(of: "cap: xã", with: "cap: Cấp cơ sở")
        do {
            _ = try Catalogue.parse(text: fixed, file: "danh-muc.yaml")
            Issue.record("duplicate code accepted")
        } catch {
            #expect(error.issues.first?.description.contains("Mã «LDTT» đã dùng cho «Lao động tiên tiến» (danh-muc.yaml, dòng 2") == true,
                    "\(error.issues)")
        }
    }

    @Test func labelsParseIgnoringCaseAndDiacritics() {
        #expect(Rating.parse("HTXSNV") == .excellent)
        #expect(Rating.parse("hoan thanh tot nhiem vu") == .good)
        #expect(AwardMethod.parse("Theo đợt") == .thematic)
        #expect(SubjectKind.parse("Hộ gia đình") == .household)
        #expect(Gender.parse("Nữ") == .female)
        #expect(Discipline.parse("Cảnh cáo")! >= .warning)
        #expect(Rating.parse("Giỏi") == nil)
        #expect(Rating.notInList("Giỏi").hasPrefix("«Giỏi» không phải xếp loại hợp lệ. Dùng một trong: «Không hoàn thành nhiệm vụ»"))
        #expect(PersonCategory.inferred(fromPosition: "Phó Giám đốc Sở") == .departmentLeader)
        #expect(PersonCategory.inferred(fromPosition: "Trưởng phòng") == .otherLeader)
        #expect(PersonCategory.inferred(fromPosition: "Giáo viên") == .directWorker)
        #expect(PersonCategory.inferred(fromPosition: "Phó Chủ tịch UBND tỉnh") == .provinceLeader)
    }
}
