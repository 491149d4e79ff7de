import Foundation
import Testing
@testable import Domain

@Suite struct GeneratorTests {
    static func allRules(_ n: Int) -> [RuleID: Int] {
        Dictionary(uniqueKeysWithValues: RuleID.allCases.map { ($0, n) })
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func theBackgroundBreaksNoRule(seed: UInt64) {
        let g = ProvinceGenerator.generate(ProvinceSpec(seed: seed, awards: 3000))
        let report = RuleChecker.check(g.data)
        #expect(report.violations.isEmpty, "\(report.violations.prefix(3).map(\.message))")
        #expect(g.planted.isEmpty)
        #expect(report.checkedYears == [2023, 2024])
        // Several thousand awards over two years, every kind of record present.
        let main = g.data.awards.filter { $0.year >= 2023 }.count
        #expect((2500...3500).contains(main), "\(main)")
        #expect(!g.data.clusters.isEmpty && !g.data.scores.isEmpty && !g.data.propaganda.isEmpty)
        #expect(!g.data.movements.isEmpty && !g.data.registrations.isEmpty && !g.data.exemplars.isEmpty)
        #expect(g.data.plans.count == 2 && g.data.programmes.count == 1 && !g.data.deliveries.isEmpty)
        for code in ["LDTT", "CSTDCS", "CSTD_TINH", "CSTDTQ", "TTLDTT", "TTLDXS", "CO_TINH", "CO_CP", "BK_TINH", "GK", "HC_LAO_DONG_3", "BK_TTG"] {
            let e = Int32(g.data.catalogue.index(code: code)!)
            #expect(g.data.awards.contains { $0.entry == e && $0.year == 2024 }, "no \(code)")
        }
    }

    @Test func plantedViolationsAreFoundExactly() throws {
        let g = ProvinceGenerator.generate(ProvinceSpec(seed: 5, awards: 4000, planted: Self.allRules(2)))
        #expect(g.shortfall.isEmpty)
        #expect(g.planted.count == 24)
        #expect(Set(g.planted.map { String($0.split(separator: "|")[0]) }) == Set(RuleID.allCases.map(\.rawValue)))
        #expect(g.data.settings.r11Enabled)
        let found = RuleChecker.check(g.data).violations.map(\.key).sorted()
        #expect(found == g.planted)
        // Through the data folder: written, read back, checked.
        let f = TempFolder("planted")
        defer { f.remove() }
        try g.write(to: f.path, overwrite: true)
        let loaded = try DataFolderLoader(folder: f.path).load()
        #expect(loaded.settings.r11Enabled)
        #expect(RuleChecker.check(loaded).violations.map(\.key).sorted() == g.planted)
    }

    @Test(arguments: RuleID.allCases)
    func eachRuleCanBePlantedAlone(rule: RuleID) {
        let g = ProvinceGenerator.generate(ProvinceSpec(seed: 9, awards: 2500, planted: [rule: 3]))
        #expect(g.shortfall.isEmpty)
        #expect(g.planted.count == 3)
        let found = RuleChecker.check(g.data).violations
        #expect(found.map(\.key).sorted() == g.planted)
        #expect(found.allSatisfy { $0.rule == rule })
    }

    @Test func sameSeedSameBytesOtherSeedOtherData() throws {
        let a = TempFolder("seed-a"), b = TempFolder("seed-b"), c = TempFolder("seed-c")
        defer { a.remove(); b.remove(); c.remove() }
        try ProvinceGenerator.generate(ProvinceSpec(seed: 42, awards: 1500, planted: [.r7: 1])).write(to: a.path, overwrite: true)
        try ProvinceGenerator.generate(ProvinceSpec(seed: 42, awards: 1500, planted: [.r7: 1])).write(to: b.path, overwrite: true)
        try ProvinceGenerator.generate(ProvinceSpec(seed: 43, awards: 1500, planted: [.r7: 1])).write(to: c.path, overwrite: true)
        let files = try FileManager.default.subpathsOfDirectory(atPath: a.path).filter { !$0.hasSuffix("ke-hoach") && !$0.hasSuffix("chuong-trinh") }.sorted()
        #expect(files.contains("khen-thuong-2024.csv") && files.contains("cum-khoi.yaml") && files.contains("chuong-trinh/ctph-2020.yaml"))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: b.path).sorted() == FileManager.default.subpathsOfDirectory(atPath: a.path).sorted())
        for name in files {
            let x = try Data(contentsOf: URL(fileURLWithPath: a.file(name)))
            let y = try Data(contentsOf: URL(fileURLWithPath: b.file(name)))
            #expect(x == y, "\(name) differs between two runs with the same seed")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.file("khen-thuong-2024.csv")))
                != Data(contentsOf: URL(fileURLWithPath: c.file("khen-thuong-2024.csv"))))
        // No temporary file is left behind.
        #expect(!files.contains { $0.contains("tdkt-tmp") })
    }

    @Test func writtenListsLookLikeVietnameseExcelExports() throws {
        let f = TempFolder("format")
        defer { f.remove() }
        try ProvinceGenerator.generate(ProvinceSpec(seed: 3, awards: 800)).write(to: f.path, overwrite: true)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: f.file("khen-thuong-2024.csv")))
        #expect(bytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let header = text.components(separatedBy: "\r\n")[0]
        #expect(header == "STT;Họ và tên, tên tập thể;Mã cá nhân;Đối tượng;Giới tính;Dân tộc;Chức vụ;Nhóm đối tượng;Đơn vị;Danh hiệu, hình thức;Năm;Số quyết định;Ngày quyết định;Cơ quan quyết định;Loại hình khen thưởng;Xếp loại;Sáng kiến;Phong trào;Ghi chú")
        #expect(text.contains(";Lao động tiên tiến;2024;"))
        #expect(text.contains(";Giấy khen của "))
        #expect(text.range(of: #";\d\d/\d\d/2025;"#, options: .regularExpression) != nil)
        let scores = try String(contentsOfFile: f.file("cham-diem.csv"), encoding: .utf8)
        #expect(scores.range(of: #";\d+,5;"#, options: .regularExpression) != nil)
        #expect(text.precomposedStringWithCanonicalMapping == text)
    }

    @Test func anExistingDataFolderIsNotOverwritten() throws {
        let f = TempFolder("keep")
        defer { f.remove() }
        f.write("don-vi.csv", "Mã đơn vị;Tên đơn vị\nA;B\n")
        #expect(throws: DomainError.self) {
            try ProvinceGenerator.generate(ProvinceSpec(seed: 1, awards: 300)).write(to: f.path)
        }
        #expect(try String(contentsOfFile: f.file("don-vi.csv"), encoding: .utf8) == "Mã đơn vị;Tên đơn vị\nA;B\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.path) == ["don-vi.csv"])
    }

    @Test func tablesFromTheModelEqualTablesFromTheFolder() throws {
        let g = ProvinceGenerator.generate(ProvinceSpec(seed: 21, awards: 1500))
        let f = TempFolder("tables")
        defer { f.remove() }
        try g.write(to: f.path, overwrite: true)
        let loaded = try DataFolderLoader(folder: f.path).load()
        for year in [2023, 2024] {
            let a = Aggregations.all(g.data, year: year), b = Aggregations.all(loaded, year: year)
            #expect(a.map(\.id) == b.map(\.id))
            for (x, y) in zip(a, b) {
                #expect(x.rows.map(\.key) == y.rows.map(\.key), "\(x.id)")
                #expect(x.cells.map { $0.map(\.value) } == y.cells.map { $0.map(\.value) }, "\(x.id) \(year)")
                #expect(y.inconsistencies().isEmpty, "\(y.id): \(y.inconsistencies().prefix(3))")
            }
        }
    }
}
