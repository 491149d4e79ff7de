import Foundation
import Testing
import TestSupport

private func tdkt(_ arguments: [String]) throws -> Shell.Result {
    guard let binary = BuiltProducts.path("tdkt") else { throw CLIError.notBuilt }
    return Shell.run(binary, arguments)
}

private func json(_ text: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
}

/// `tdkt check` and `tdkt du-lieu-mau` run as a user runs them.
@Suite struct CheckCommandTests {
    @Test func aCleanProvinceExitsZero() throws {
        let dir = TemporaryDirectory("check-clean")
        defer { dir.remove() }
        let data = dir.file("data")
        let gen = try tdkt(["du-lieu-mau", data, "--so-khen-thuong", "1500", "--hat-giong", "4"])
        #expect(gen.status == 0, "\(gen.stderr)")
        #expect(gen.stdout.hasPrefix("Đã ghi \(data): "))
        let r = try tdkt(["check", data])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Kiểm tra dữ liệu thi đua, khen thưởng: \(data) (năm 2023, 2024)"))
        #expect(r.stdout.contains("Không phát hiện vi phạm nào."))
        #expect(r.stdout.contains("Tham số chưa xác nhận đang dùng"))
        #expect(r.stdout.contains("quy_tac.r2_ty_le_cstdcs_toi_da = 15"))
        #expect(r.stdout.precomposedStringWithCanonicalMapping == r.stdout)
        // The generator refuses to overwrite the folder it wrote.
        let again = try tdkt(["du-lieu-mau", data, "--so-khen-thuong", "1500"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("không ghi đè"))
    }

    @Test func plantedViolationsAreListedByUnitAndAsJSON() throws {
        let dir = TemporaryDirectory("check-planted")
        defer { dir.remove() }
        let data = dir.file("data")
        let gen = try tdkt(["du-lieu-mau", data, "--so-khen-thuong", "3000", "--hat-giong", "8", "--cai-vi-pham", "tat-ca=2"])
        #expect(gen.status == 0, "\(gen.stderr)")
        let planted = gen.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("  R") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(planted.count == 24)

        let text = try tdkt(["check", data])
        #expect(text.status == 1)
        #expect(text.stdout.contains("Phát hiện 24 vi phạm ở"))
        #expect(text.stdout.contains("Căn cứ: Điều 23 Luật Thi đua, khen thưởng 2022."))
        #expect(text.stdout.range(of: #"CSTĐCS > 15 % × \d+ LĐTT = \d+ \(năm 2024"#, options: .regularExpression) != nil)
        #expect(text.stdout.contains("Nguồn: \(data)/khen-thuong-2024.csv, dòng "))
        #expect(text.stdout.contains("Quy tắc đã kiểm tra: R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12."))

        let r = try tdkt(["check", data, "--json"])
        #expect(r.status == 1)
        guard let object = json(r.stdout), let list = object["vi_pham"] as? [[String: Any]] else {
            Issue.record("not JSON: \(r.stdout.prefix(300))")
            return
        }
        #expect(object["so_vi_pham"] as? Int == 24)
        let keys = list.map { v in
            "\(v["quy_tac"] as? String ?? "")|\(v["nam"] as? Int ?? 0)|\(v["ma_don_vi"] as? String ?? "")|\((v["ma_ca_nhan"] as? String) ?? (v["doi_tuong"] as? String) ?? "")"
        }
        #expect(keys.sorted() == planted.sorted())
        #expect(list.allSatisfy { ($0["nguon"] as? [String])?.isEmpty == false })
        #expect(list.allSatisfy { ($0["can_cu"] as? String)?.isEmpty == false })
    }

    @Test func yearOptionAndUnknownYear() throws {
        let dir = TemporaryDirectory("check-year")
        defer { dir.remove() }
        let data = dir.file("data")
        _ = try tdkt(["du-lieu-mau", data, "--so-khen-thuong", "1200", "--nam", "2024,2025", "--cai-vi-pham", "R2=1"])
        let y2024 = try tdkt(["check", data, "--year", "2024", "--json"])
        #expect(y2024.status == 0, "\(y2024.stdout)")
        #expect((json(y2024.stdout)?["nam_kiem_tra"] as? [Int]) == [2024])
        let y2025 = try tdkt(["check", data, "--year", "2025"])
        #expect(y2025.status == 1)
        #expect(y2025.stdout.contains("(năm 2025)"))
        let none = try tdkt(["check", data, "--year", "1999"])
        #expect(none.status == 64)
        #expect(none.stderr.contains("Dữ liệu không có năm 1999"))
    }

    @Test func unreadableDataExitsTwoWithEveryLocatedError() throws {
        let dir = TemporaryDirectory("check-bad")
        defer { dir.remove() }
        let data = dir.file("data")
        _ = try tdkt(["du-lieu-mau", data, "--so-khen-thuong", "600"])
        let awards = data + "/khen-thuong-2024.csv"
        var text = try String(contentsOfFile: awards, encoding: .utf8)
        text = text.replacingOccurrences(of: ";Lao động tiên tiến;", with: ";Lao động tiên tiếnn;")
        try text.write(toFile: awards, atomically: true, encoding: .utf8)
        try "Mã đơn vị;Tên đơn vị\r\nX;Y\r\nX;Z\r\n".write(toFile: data + "/don-vi.csv", atomically: true, encoding: .utf8)
        let r = try tdkt(["check", data])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("Không đọc được dữ liệu ở \(data):"))
        #expect(r.stderr.contains("\(data)/don-vi.csv, dòng 3 (hàng dữ liệu 2), cột 1 «Mã đơn vị»: Mã đơn vị «X» trùng với dòng 2"))
        #expect(r.stderr.contains("không có trong danh sách đơn vị \(data)/don-vi.csv"))
        let j = try tdkt(["check", data, "--json"])
        #expect(j.status == 2)
        let errors = json(j.stdout)?["loi_du_lieu"] as? [[String: Any]]
        #expect((errors?.count ?? 0) > 10)
        #expect(errors?.first?["tep"] as? String == data + "/don-vi.csv")
        let missing = try tdkt(["check", dir.file("khong-co")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Không có thư mục dữ liệu này"))
    }

    @Test func helpIsVietnamese() throws {
        let r = try tdkt(["check", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("R1–R12"))
        #expect(r.stdout.contains("--json"))
        #expect(!r.stdout.contains("--benchmark"))
        let g = try tdkt(["du-lieu-mau", "--help"])
        #expect(g.stdout.contains("--cai-vi-pham"))
    }
}
