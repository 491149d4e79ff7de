import Foundation
import PropertyBased
import Testing
import TestSupport
import Vietnamese
@testable import Ingest

// MARK: - Models

private enum LoaiKhenThuong: String, Decodable, CaseIterable, Equatable {
    case caNhan = "ca_nhan"
    case tapThe = "tap_the"
}

private enum MucDo: String, Decodable, Equatable {  // not CaseIterable
    case cao, thap
}

private struct NoiDung: Decodable, Equatable {
    var tieuDe: String
    var soLuong: Int
    var ghiChu: String?

    enum CodingKeys: String, CodingKey {
        case tieuDe = "tieu_de"
        case soLuong = "so_luong"
        case ghiChu = "ghi_chu"
    }
}

private struct KeHoach: Decodable, Equatable {
    var soHieu: String
    var ngayBanHanh: CivilDate
    var loai: LoaiKhenThuong
    var kinhPhi: Decimal
    var tyLe: Double
    var coHieuLuc: Bool
    var noiDung: [NoiDung]
    var donVi: [String: Int]?
    var nguoiKy: String?

    enum CodingKeys: String, CodingKey {
        case soHieu = "so_hieu"
        case ngayBanHanh = "ngay_ban_hanh"
        case loai
        case kinhPhi = "kinh_phi"
        case tyLe = "ty_le"
        case coHieuLuc = "co_hieu_luc"
        case noiDung = "noi_dung"
        case donVi = "don_vi"
        case nguoiKy = "nguoi_ky"
    }
}

private struct TaiLieu: Decodable, Equatable {
    var keHoach: KeHoach
    enum CodingKeys: String, CodingKey { case keHoach = "ke_hoach" }
}

private struct Numbers: Decodable {
    var i: Int?
    var i8: Int8?
    var u: UInt64?
    var d: Double?
    var f: Float?
    var m: Decimal?
}

private struct Flags: Decodable { var values: [Bool] }

private struct Dates: Decodable { var ngay: CivilDate }

private struct Tree: Decodable {
    var c: [Tree]?
}

private struct Simple: Decodable, Equatable {
    var ten: String
    var tuoi: Int?
}

private struct WithLevel: Decodable { var muc: MucDo }

private struct Validated: Decodable {
    var so: Int
    struct Bad: Error, CustomStringConvertible { var description: String { "số phải dương" } }
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        so = try c.decode(Int.self, forKey: .so)
        if so < 0 { throw Bad() }
    }
    enum CodingKeys: String, CodingKey { case so }
}

private struct ValidatedList: Decodable { var items: [Validated] }

/// Reads either a number or a text, using the node (not `try?`).
private struct NumberOrText: Decodable, Equatable {
    var text: String
    init(from decoder: any Decoder) throws {
        if let d = decoder as? any StructuredDecoding, let node = d.node, case .scalar(let s, let quoted) = node.content {
            text = quoted ? "text:" + s : "plain:" + s
        } else {
            text = try decoder.singleValueContainer().decode(String.self)
        }
    }
}

// MARK: - Helpers

private func yaml(_ text: String, file: String = "kh.yaml") throws(IngestError) -> DataNode {
    try StructuredLoader.load(text: text, file: file, format: .yaml)
}

private func json(_ text: String, file: String = "kh.json") throws(IngestError) -> DataNode {
    try StructuredLoader.load(text: text, file: file, format: .json)
}

/// The error thrown by `body`, or nil (and a recorded failure) if it did not throw.
private func ingestError<T>(_ body: () throws -> T, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> IngestError? {
    do {
        _ = try body()
        Issue.record("expected an IngestError", sourceLocation: sourceLocation)
        return nil
    } catch let error as IngestError {
        return error
    } catch {
        Issue.record("expected an IngestError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

private func decodeYAML<T: Decodable>(_ type: T.Type, _ text: String,
                                      decoder: StructuredDecoder = StructuredDecoder()) throws(IngestError) -> (value: T, warnings: [IngestIssue]) {
    let node = try yaml(text)
    return try decoder.decodeWithWarnings(type, from: node, file: "kh.yaml")
}

private func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdkt-structured-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}

private func remove(_ url: URL) {
    try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
}

private let sampleYAML = """
# Kế hoạch thi đua năm 2019
ke_hoach:
  so_hieu: "57/KH-UBND"
  ngay_ban_hanh: ngày 11 tháng 4 năm 2019
  loai: tap_the
  kinh_phi: "1.234.567,5"
  ty_le: 12.5
  co_hieu_luc: có
  noi_dung:
    - tieu_de: Phong trào "Thi đua yêu nước"
      so_luong: 3
    - tieu_de: 'Khen thưởng đột xuất'
      so_luong: 1
      ghi_chu: ~
  don_vi:
    Sở Nội vụ: 2
    UBND huyện Châu Thành: 5

"""

private let sampleJSON = """
{
  "ke_hoach": {
    "so_hieu": "57/KH-UBND",
    "ngay_ban_hanh": "11/4/2019",
    "loai": "tap_the",
    "kinh_phi": "1.234.567,5",
    "ty_le": 12.5,
    "co_hieu_luc": true,
    "noi_dung": [
      {"tieu_de": "Phong trào \\"Thi đua yêu nước\\"", "so_luong": 3},
      {"tieu_de": "Khen thưởng đột xuất", "so_luong": 1, "ghi_chu": null}
    ],
    "don_vi": {"Sở Nội vụ": 2, "UBND huyện Châu Thành": 5}
  }
}
"""

private let expectedPlan = KeHoach(
    soHieu: "57/KH-UBND",
    ngayBanHanh: CivilDate.parseOrFail("2019-04-11"),
    loai: .tapThe,
    kinhPhi: Decimal(string: "1234567.5")!,
    tyLe: 12.5,
    coHieuLuc: true,
    noiDung: [NoiDung(tieuDe: "Phong trào \"Thi đua yêu nước\"", soLuong: 3, ghiChu: nil),
              NoiDung(tieuDe: "Khen thưởng đột xuất", soLuong: 1, ghiChu: nil)],
    donVi: ["Sở Nội vụ": 2, "UBND huyện Châu Thành": 5],
    nguoiKy: nil)

extension CivilDate {
    fileprivate static func parseOrFail(_ text: String) -> CivilDate {
        (try? CivilDate.parse(text)) ?? CivilDate.minimum
    }
}

/// Every issue message is NFC and says where (line) — used by many tests.
private func checkIssues(_ error: IngestError, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(!error.issues.isEmpty, sourceLocation: sourceLocation)
    for issue in error.issues {
        #expect(issue.message == Vietnamese.nfc(issue.message), sourceLocation: sourceLocation)
        #expect(!issue.message.isEmpty, sourceLocation: sourceLocation)
    }
}

// MARK: - Tests

@Suite struct StructuredTests {
    // MARK: Decoding

    @Test func yamlDecodesNestedStructs() throws {
        let (doc, warnings) = try decodeYAML(TaiLieu.self, sampleYAML)
        #expect(doc.keHoach == expectedPlan)
        #expect(warnings.isEmpty)
    }

    @Test func jsonDecodesToTheSameModel() throws {
        let node = try json(sampleJSON)
        let doc = try StructuredDecoder().decode(TaiLieu.self, from: node, file: "kh.json")
        #expect(doc.keHoach == expectedPlan)
    }

    @Test func dataNodeKeepsLinesColumnsAndQuoting() throws {
        let node = try yaml(sampleYAML)
        let plan = try #require(node["ke_hoach"])
        #expect(plan.line == 3 && plan.column == 3)
        #expect(plan["so_hieu"]?.content == .scalar("57/KH-UBND", quoted: true))
        #expect(plan["ty_le"]?.content == .scalar("12.5", quoted: false))
        #expect(plan["noi_dung"]?[1]?["ghi_chu"]?.isNull == true)
        #expect(plan["noi_dung"]?[1]?.line == 12)
        #expect(plan.entries?.map(\.key) == ["so_hieu", "ngay_ban_hanh", "loai", "kinh_phi", "ty_le", "co_hieu_luc", "noi_dung", "don_vi"])
        let tagged = try yaml("a: !!str 12\nb: 12\nc: |\n  12\nd: !!null x\ne: ''\nf: null\ng: 'null'\n")
        #expect(tagged["a"]?.content == .scalar("12", quoted: true))
        #expect(tagged["b"]?.content == .scalar("12", quoted: false))
        #expect(tagged["c"]?.content == .scalar("12\n", quoted: true))
        #expect(tagged["d"]?.isNull == true)
        #expect(tagged["e"]?.content == .scalar("", quoted: true))
        #expect(tagged["f"]?.isNull == true)
        #expect(tagged["g"]?.content == .scalar("null", quoted: true))
        let j = try json(sampleJSON)
        #expect(j["ke_hoach"]?.line == 2 && j["ke_hoach"]?.column == 15)
        #expect(j["ke_hoach"]?["noi_dung"]?[1]?.line == 11)
        #expect(j["ke_hoach"]?["ty_le"]?.content == .scalar("12.5", quoted: false))
    }

    @Test func optionalsAcceptMissingNullTildeAndEmpty() throws {
        for text in ["ten: An\n", "ten: An\ntuoi: ~\n", "ten: An\ntuoi: null\n", "ten: An\ntuoi:\n"] {
            let (value, warnings) = try decodeYAML(Simple.self, text)
            #expect(value == Simple(ten: "An", tuoi: nil))
            #expect(warnings.isEmpty)
        }
        let value = try decodeYAML([Simple?].self, "- ten: A\n- ~\n- ten: B\n  tuoi: 3\n").value
        #expect(value == [Simple(ten: "A"), nil, Simple(ten: "B", tuoi: 3)])
    }

    @Test func topLevelArraysDictionariesAndScalars() throws {
        #expect(try decodeYAML([String: [Int]].self, "a: [1, 2]\nb: []\n").value == ["a": [1, 2], "b": []])
        #expect(try decodeYAML([String].self, "- 007\n- '1.5'\n- true\n").value == ["007", "1.5", "true"])
        #expect(try decodeYAML(Int.self, "42\n").value == 42)
        #expect(try decodeYAML([Int: String].self, "1: một\n2: hai\n").value == [1: "một", 2: "hai"])
    }

    @Test func numbersFollowTheDocumentedRule() throws {
        func read(_ text: String) throws(IngestError) -> Numbers { try decodeYAML(Numbers.self, text).value }
        #expect(try read("i: 1234").i == 1234)
        #expect(try read("i: +7").i == 7)
        #expect(try read("i: 12.0").i == 12)
        #expect(try read("i: 1.5e3").i == 1500)
        #expect(try read("i: \"1.234\"").i == 1234)
        #expect(try read("i: '1.234.567'").i == 1_234_567)
        #expect(try read("i: 1.234.567,00").i == 1_234_567)
        #expect(try read("u: 18446744073709551615").u == UInt64.max)
        #expect(try read("d: 12.5").d == 12.5)
        #expect(try read("d: -1.5E-3").d == -0.0015)
        #expect(try read("d: 12,5").d == 12.5)
        #expect(try read("d: \"12,5\"").d == 12.5)
        #expect(try read("d: .inf").d == .infinity)
        #expect(try read("f: 0.25").f == 0.25)
        #expect(try read("m: \"1.234.567,89\"").m == Decimal(string: "1234567.89"))
        #expect(try read("m: 0.1").m == Decimal(string: "0.1"))

        // Plain 1.234 is one point two three four: not an integer, and the message says how.
        let e1 = try #require(ingestError { try read("i: 1.234") })
        #expect(e1.issues.first?.kind == .invalidNumber)
        #expect(e1.issues.first?.message.contains("ngoặc kép") == true)
        let half = try #require(ingestError { try read("i: 1.5") })
        #expect(half.issues.first?.message.contains("không phải số nguyên") == true)
        #expect(half.issues.first?.message.contains("ngoặc kép") == false)
        // Plain Vietnamese grouping must be quoted.
        let e2 = try #require(ingestError { try read("i: 1.234.567") })
        #expect(e2.issues.first?.message.contains("\"1.234.567\"") == true)
        // Quoted values are Vietnamese: "12.5" is not a number there.
        let e3 = try #require(ingestError { try read("d: \"12.5\"") })
        #expect(e3.issues.first?.kind == .invalidNumber)
        #expect(e3.issues.first?.message.contains("kiểu Việt Nam") == true)
        // Ranges.
        let e4 = try #require(ingestError { try read("i8: 300") })
        #expect(e4.issues.first?.message.contains("-128…127") == true)
        #expect(ingestError { try read("i: 99999999999999999999999") } != nil)
        #expect(ingestError { try read("u: -1") } != nil)
        #expect(ingestError { try read("d: 1e400") } != nil)
        #expect(ingestError { try read("i: abc") }?.issues.first?.value == "abc")
        #expect(ingestError { try read("i: 0x1F") } != nil)
    }

    @Test func booleansInEveryAcceptedForm() throws {
        let value = try decodeYAML(Flags.self, "values: [true, false, yes, no, On, OFF, có, Không, \"TRUE\"]").value
        #expect(value.values == [true, false, true, false, true, false, true, false, true])
        let error = try #require(ingestError { try decodeYAML(Flags.self, "values: [true, maybe]") })
        #expect(error.issues.count == 1)
        #expect(error.issues.first?.location.keyPath == "values[1]")
        #expect(error.issues.first?.message.contains("có/không") == true)
    }

    @Test func datesInEveryAcceptedForm() throws {
        let expected = CivilDate.parseOrFail("2019-04-11")
        for form in ["2019-04-11", "11/4/2019", "11/04/2019", "ngày 11 tháng 4 năm 2019", "\"Kiên Giang, ngày 11 tháng 4 năm 2019\""] {
            #expect(try decodeYAML(Dates.self, "ngay: \(form)").value.ngay == expected)
        }
        #expect(try StructuredDecoder().decode(Dates.self, from: json("{\"ngay\": \"2019-04-11\"}"), file: "d.json").ngay == expected)
    }

    @Test func badDateIsNamed() throws {
        let error = try #require(ingestError { try decodeYAML(Dates.self, "# x\nngay: 31/02/2024\n") })
        let issue = try #require(error.issues.first)
        #expect(issue.kind == .invalidDate)
        #expect(issue.value == "31/02/2024")
        #expect(issue.message.contains("31/02/2024"))
        #expect(issue.location.line == 2)
        #expect(issue.location.keyPath == "ngay")
        // A bare number is refused (it would be an Excel serial or a year).
        let bare = try #require(ingestError { try decodeYAML(Dates.self, "ngay: 2024\n") })
        #expect(bare.issues.first?.kind == .invalidDate)
        #expect(bare.issues.first?.message.contains("2024") == true)
        let garbage = try #require(ingestError { try decodeYAML(Dates.self, "ngay: hôm qua\n") })
        #expect(garbage.issues.first?.message.contains("hôm qua") == true)
    }

    @Test func civilDateDecodesWithFoundationsJSONDecoder() throws {
        let data = Data("{\"ngay\": \"ngày 05 tháng 02 năm 2021\"}".utf8)
        let value = try JSONDecoder().decode(Dates.self, from: data)
        #expect(value.ngay == CivilDate.parseOrFail("2021-02-05"))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Dates.self, from: Data("{\"ngay\": \"45325\"}".utf8)) }
    }

    // MARK: Schema errors

    @Test func missingKeyNamesPathAndMappingLine() throws {
        let text = """
        ke_hoach:
          ngay_ban_hanh: 2019-04-11
          loai: ca_nhan
          kinh_phi: 0
          ty_le: 1
          co_hieu_luc: no
          noi_dung: []

        """
        let error = try #require(ingestError { try decodeYAML(TaiLieu.self, text) })
        checkIssues(error)
        #expect(error.errors.count == 1)
        let issue = try #require(error.errors.first)
        #expect(issue.kind == .missingKey)
        #expect(issue.location.keyPath == "ke_hoach.so_hieu")
        #expect(issue.location.line == 2)
        #expect(issue.location.file == "kh.yaml")
        #expect(issue.message == "Thiếu khóa «so_hieu» (bắt buộc) trong «ke_hoach». Thêm khóa này vào tệp.")
        #expect(error.description.contains("kh.yaml, dòng 2, khóa ke_hoach.so_hieu"))
    }

    @Test func missingKeySuggestsTheMisspeltKey() throws {
        let error = try #require(ingestError { try decodeYAML(Simple.self, "Tên: An\n") })
        let missing = try #require(error.errors.first)
        #expect(missing.kind == .missingKey)
        #expect(missing.message.contains("«Tên» ở dòng 1"))
        let unknown = try #require(error.warnings.first)
        #expect(unknown.kind == .unknownKey)
        #expect(unknown.message.contains("Có phải ý bạn là «ten»?"))
    }

    @Test func wrongTypeNamesPathAndLine() throws {
        let text = sampleYAML.replacingOccurrences(of: "      so_luong: 1\n", with: "      so_luong: [1]\n")
        let error = try #require(ingestError { try decodeYAML(TaiLieu.self, text) })
        let issue = try #require(error.errors.first)
        #expect(issue.kind == .wrongType)
        #expect(issue.location.keyPath == "ke_hoach.noi_dung[1].so_luong")
        #expect(issue.location.line == 13)
        #expect(issue.message.contains("một số nguyên"))
        #expect(issue.message.contains("danh sách"))

        let shape = sampleYAML.replacingOccurrences(of: "  noi_dung:\n", with: "  noi_dung: không có\n  cu:\n")
        let e2 = try #require(ingestError { try decodeYAML(TaiLieu.self, shape) })
        let list = try #require(e2.errors.first { $0.location.keyPath == "ke_hoach.noi_dung" })
        #expect(list.kind == .wrongType)
        #expect(list.location.line == 9)
        #expect(list.message.contains("phải là một danh sách"))
        #expect(list.message.contains("«không có»"))
    }

    @Test func everyErrorOfTheDocumentIsCollectedInOrder() throws {
        let text = """
        ke_hoach:
          so_hieu: [1]
          ngay_ban_hanh: 30/02/2019
          loai: tap-the
          kinh_phi: nhiều
          ty_le: 1
          co_hieu_luc: có
          noi_dung:
            - tieu_de: A
              so_luong: x
            - so_luong: 2
            - tieu_de: C
              so_luong: 3
              ghi_chu: [a]
          thua: 1

        """
        let error = try #require(ingestError { try decodeYAML(TaiLieu.self, text) })
        checkIssues(error)
        let summary = error.issues.map { "\($0.location.line ?? 0) \($0.kind.rawValue) \($0.location.keyPath ?? "")" }
        #expect(summary == [
            "2 wrong_type ke_hoach.so_hieu",
            "3 invalid_date ke_hoach.ngay_ban_hanh",
            "4 invalid_value ke_hoach.loai",
            "5 invalid_number ke_hoach.kinh_phi",
            "10 invalid_number ke_hoach.noi_dung[0].so_luong",
            "11 missing_key ke_hoach.noi_dung[1].tieu_de",
            "14 wrong_type ke_hoach.noi_dung[2].ghi_chu",
            "15 unknown_key ke_hoach.thua",
        ])
        let loai = try #require(error.issues.first { $0.location.keyPath == "ke_hoach.loai" })
        #expect(loai.message.contains("«ca_nhan», «tap_the»"))
        #expect(loai.message.contains("Có phải ý bạn là «tap_the»?"))
        #expect(error.errors.count == 7 && error.warnings.count == 1)
    }

    @Test func enumWithoutCaseIterableStillNamesTheValue() throws {
        let error = try #require(ingestError { try decodeYAML(WithLevel.self, "muc: vừa\n") })
        let issue = try #require(error.issues.first)
        #expect(issue.kind == .invalidValue)
        #expect(issue.value == "vừa")
        #expect(issue.location.keyPath == "muc")
        #expect(try decodeYAML(WithLevel.self, "muc: cao").value.muc == .cao)
    }

    @Test func errorsThrownByCustomInitialisersAreLocated() throws {
        let error = try #require(ingestError { try decodeYAML(ValidatedList.self, "items:\n  - so: 1\n  - so: -2\n  - so: -3\n") })
        #expect(error.issues.map(\.location.keyPath) == ["items[1]", "items[2]"])
        #expect(error.issues.map(\.location.line) == [3, 4])
        #expect(error.issues.first?.message.contains("số phải dương") == true)
    }

    @Test func customDecodersCanInspectTheNode() throws {
        let value = try decodeYAML([NumberOrText].self, "- 12\n- \"12\"\n").value
        #expect(value.map(\.text) == ["plain:12", "text:12"])
    }

    @Test func unknownKeysFollowThePolicy() throws {
        let text = "ten: An\ntuoii: 3\nghi_chu: x\n"
        let (value, warnings) = try decodeYAML(Simple.self, text)
        #expect(value == Simple(ten: "An", tuoi: nil))
        #expect(warnings.count == 2)
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.kind == .unknownKey })
        #expect(warnings.map(\.location.keyPath) == ["tuoii", "ghi_chu"])
        #expect(warnings.map(\.location.line) == [2, 3])
        #expect(warnings.first?.message.contains("Có phải ý bạn là «tuoi»?") == true)
        #expect(warnings.last?.message.contains("Có phải") == false)

        let strict = StructuredDecoder(unknownKeys: .error)
        let error = try #require(ingestError { try decodeYAML(Simple.self, text, decoder: strict) })
        #expect(error.errors.count == 2)

        let quiet = StructuredDecoder(unknownKeys: .ignore)
        #expect(try decodeYAML(Simple.self, text, decoder: quiet).warnings.isEmpty)

        // Diacritics and case: "Tuổi" is the key "tuoi" written the Vietnamese way.
        let accents = try decodeYAML(Simple.self, "ten: An\nTuổi: 3\n").warnings
        #expect(accents.first?.message.contains("«tuoi»") == true)
    }

    @Test func nullForARequiredValueIsMissingValue() throws {
        let error = try #require(ingestError { try decodeYAML(Simple.self, "ten:\ntuoi: 2\n") })
        let issue = try #require(error.issues.first)
        #expect(issue.kind == .missingValue)
        #expect(issue.location.line == 1)
        #expect(issue.location.keyPath == "ten")
    }

    @Test func issueLimitCountsTheRest() throws {
        let text = (0..<30).map { "- \($0 % 2 == 0 ? "x" : "1")" }.joined(separator: "\n")
        let error = try #require(ingestError { try decodeYAML([Int].self, text, decoder: StructuredDecoder(maximumIssues: 5)) })
        #expect(error.errors.count == 5)
        #expect(error.unlistedErrors == 10)
    }

    // MARK: Syntax

    @Test func yamlSyntaxErrorGivesLineAndWhatToDo() throws {
        let error = try #require(ingestError { try yaml("ten: An\ntuoi: 3\n  ghi_chu: x\n") })
        let issue = try #require(error.issues.first)
        #expect(issue.kind == .syntax)
        #expect(issue.location.line == 3)
        #expect(issue.message.hasPrefix("Lỗi cú pháp YAML ở dòng 3, cột"))
        checkIssues(error)

        let tab = try #require(ingestError { try yaml("a:\n\tb: 1\n") })
        #expect(tab.issues.first?.location.line == 2)
        #expect(tab.issues.first?.message.contains("Tab") == true)

        let quote = try #require(ingestError { try yaml("a: 1\nb: \"chưa đóng\nc: 2\n") })
        #expect(quote.issues.first?.location.line == 2)
        #expect(quote.issues.first?.message.contains("chưa được đóng") == true)

        let two = try #require(ingestError { try yaml("a: 1\n---\nb: 2\n") })
        #expect(two.issues.first?.message.contains("nhiều tài liệu") == true)

        let alias = try #require(ingestError { try yaml("a: 1\nb: *khong_co\n") })
        #expect(alias.issues.first?.location.line == 2)
        #expect(alias.issues.first?.message.contains("«*khong_co»") == true)

        let control = try #require(ingestError { try yaml("a: 1\nb: x\u{07}y\n") })
        #expect(control.issues.first?.location.line == 2)
        #expect(control.issues.first?.message.contains("U+0007") == true)
    }

    @Test func duplicateYAMLKeysNameBothLines() throws {
        let error = try #require(ingestError { try yaml("ten: A\ntuoi: 1\nten: B\n") })
        let issue = try #require(error.issues.first)
        #expect(issue.kind == .syntax)
        #expect(issue.location.line == 3)
        #expect(issue.message.contains("dòng 1 và dòng 3"))
        #expect(issue.value == "ten")

        let nested = """
        a:
          b:
            x: 1
            y: 2
            x: 3
        c:
          x: 1
          x: 2

        """
        let e2 = try #require(ingestError { try yaml(nested) })
        #expect(e2.issues.first?.message.contains("dòng 3 và dòng 5") == true)
        #expect(e2.issues.first?.location.keyPath == "a.b.x")

        let triple = try #require(ingestError { try yaml("k: 1\nk: 2\nk: 3\n") })
        #expect(triple.issues.first?.message.contains("dòng 1 và dòng 2") == true)

        let flow = try #require(ingestError { try yaml("m: {a: 1,\n  a: 2}\n") })
        #expect(flow.issues.first?.message.contains("dòng 1 và dòng 2") == true)

        // 1 and "1" are different YAML values but the same key for us.
        let mixed = try #require(ingestError { try yaml("1: a\n\"1\": b\n") })
        #expect(mixed.issues.first?.message.contains("dòng 1 và dòng 2") == true)
    }

    @Test func duplicateJSONKeysNameBothLines() throws {
        let error = try #require(ingestError { try json("{\n \"a\": {\"x\": 1,\n  \"x\": 2},\n \"b\": 1,\n \"b\": 2\n}") })
        #expect(error.issues.count == 2)
        #expect(error.issues[0].message.contains("dòng 2 và dòng 3"))
        #expect(error.issues[0].location.keyPath == "a.x")
        #expect(error.issues[1].message.contains("dòng 4 và dòng 5"))
        #expect(error.issues[1].location.line == 5)
        let sameLine = try #require(ingestError { try json("{\"a\": 1, \"a\": 2}") })
        #expect(sameLine.issues.first?.message.contains("hai lần ở dòng 1") == true)
    }

    @Test func anchorsAliasesAndMergeKeysWork() throws {
        let text = """
        mac_dinh: &md
          tuoi: 30
          ten: Mặc định
        a:
          <<: *md
          ten: An
        b: *md
        ds: [*md, *md]

        """
        let node = try yaml(text)
        #expect(node["a"]?["ten"]?.scalar == "An")
        #expect(node["a"]?["tuoi"]?.scalar == "30")
        #expect(node["a"]?.entries?.map(\.key) == ["tuoi", "ten"])
        let defaults = try #require(node["mac_dinh"])
        #expect(node["b"]?.hasSameContent(as: defaults) == true)
        #expect(node["ds"]?.elements?.count == 2)
    }

    @Test func aliasBombIsRefused() throws {
        var text = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"]
        var previous = "a"
        for name in names {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(ingestError { try yaml(text) })
        #expect(clock.now - start < .seconds(10))
        #expect(error.issues.first?.message.contains("bí danh") == true)
        #expect(error.issues.first?.location.line != nil)
        // The same shape, small, is fine.
        #expect(throws: Never.self) { try yaml("a: &a [1, 2]\nb: &b [*a, *a]\nc: [*b, *b]\n") }
    }

    @Test func complexKeysBuiltFromAliasesAreRefused() throws {
        let error = try #require(ingestError { try yaml("a: &a [1, 2]\n? [*a, *a]\n: x\n") })
        #expect(error.issues.first?.location.line == 2)
        let aliasKey = try #require(ingestError { try yaml("a: &a k\n*a : x\n") })
        #expect(aliasKey.issues.first?.location.line == 2)
        // Without aliases a complex key is only refused by the converter (keys must be text).
        let plain = try #require(ingestError { try yaml("? [1, 2]\n: x\n") })
        #expect(plain.issues.first?.message.contains("khóa phải là một chuỗi") == true)
    }

    @Test func deepNestingIsLimited() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try json(ok) }
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = try #require(ingestError { try json(deep) })
        #expect(error.issues.first?.message.contains("512") == true)
        #expect(error.issues.first?.location.line == 1)
        let hostile = String(repeating: "{\"a\":[", count: 100_000)
        #expect(ingestError { try json(hostile) } != nil)

        let yamlDeep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let yamlError = try #require(ingestError { try yaml(yamlDeep) })
        #expect(yamlError.issues.first?.message.contains("sâu") == true)
        let yamlHostile = String(repeating: "[", count: 100_000)
        #expect(ingestError { try yaml(yamlHostile) } != nil)
        // Depth built through aliases is limited too.
        var chain = "a0: &a0 " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n"
        for i in 1...3 { chain += "a\(i): &a\(i) [[*a\(i - 1)]]\n" }
        chain += "z: " + String(repeating: "[", count: 250) + "*a3" + String(repeating: "]", count: 250) + "\n"
        #expect(ingestError { try yaml(chain) } != nil)
    }

    @Test func recursiveModelsDecodeUpToTheDepthLimit() throws {
        // 256 levels of {"c": [ … ]} = 512 nested containers, the limit.
        let text = String(repeating: "{\"c\":[", count: 255) + "{}" + String(repeating: "]}", count: 255)
        let node = try json("[" + text + "]")
        let trees = try StructuredDecoder().decode([Tree].self, from: node, file: "t.json")
        var depth = 0
        var current = trees.first
        while let tree = current {
            depth += 1
            current = tree.c?.first
        }
        #expect(depth == 256)
    }

    // MARK: Encoding

    @Test func invalidUTF8GivesByteOffsetAndLine() throws {
        var bytes = Array("a: b\nc: ".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        for format in StructuredFormat.allCases {
            let error = try #require(ingestError { try StructuredLoader.load(data: bytes, file: "x", format: format) })
            let issue = try #require(error.issues.first)
            #expect(issue.kind == .invalidByteSequence)
            #expect(issue.location.byteOffset == 8)
            #expect(issue.location.line == 2)
            #expect(issue.value == "0xC3")
        }
        bytes = [0xEF, 0xBB, 0xBF] + bytes
        let withBOM = try #require(ingestError { try StructuredLoader.load(data: bytes, file: "x", format: .yaml) })
        #expect(withBOM.issues.first?.location.byteOffset == 11)
        // Overlong, surrogate and truncated sequences.
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xFF]] {
            let e = try #require(ingestError { try StructuredLoader.load(data: [0x61, 0x3A, 0x20] + bad, file: "x", format: .yaml) })
            #expect(e.issues.first?.location.byteOffset == 3)
        }
        let utf16 = try #require(ingestError { try StructuredLoader.load(data: [0xFF, 0xFE, 0x61, 0x00], file: "x", format: .json) })
        #expect(utf16.issues.first?.message.contains("UTF-16") == true)
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let y = try StructuredLoader.load(data: bom + Array("ten: Ánh\n".utf8), file: "x.yaml", format: .yaml)
        #expect(y["ten"]?.scalar == "Ánh")
        #expect(y.line == 1 && y.column == 1)
        let j = try StructuredLoader.load(data: bom + Array("{\"ten\": \"Ánh\"}".utf8), file: "x.json", format: .json)
        #expect(j["ten"]?.scalar == "Ánh")
        #expect(j["ten"]?.column == 9)
        #expect(try yaml("\u{FEFF}a: 1")["a"]?.scalar == "1")
    }

    @Test func decomposedInputComesOutComposed() throws {
        let nfd = "Nguye\u{0302}\u{0303}n Va\u{0306}n A\u{0301}nh"
        let nfc = "Nguyễn Văn Ánh"
        #expect(Array(nfd.unicodeScalars) != Array(nfc.unicodeScalars))
        let keyNFD = "ho\u{0323}_te\u{0302}n"
        for node in [try yaml("\(keyNFD): \(nfd)\nb: '\(nfd)'\n"), try json("{\"\(keyNFD)\": \"\(nfd)\", \"b\": \"\(nfd)\"}")] {
            let entries = try #require(node.entries)
            #expect(Array(entries[0].key.unicodeScalars) == Array("họ_tên".unicodeScalars))
            #expect(Array((entries[0].value.scalar ?? "").unicodeScalars) == Array(nfc.unicodeScalars))
            #expect(Array((entries[1].value.scalar ?? "").unicodeScalars) == Array(nfc.unicodeScalars))
        }
        // Escaped decomposed text too.
        let escaped = try json("\"A\\u0301\"")
        #expect(Array((escaped.scalar ?? "").unicodeScalars) == ["\u{C1}"])
    }

    // MARK: JSON corner cases

    @Test func jsonEscapes() throws {
        let node = try json(#"["a\"b\\c\/d\b\f\n\r\t\u00e9\u0000", "\ud83d\ude00", "\uD83D\uDE00x", "😀"]"#)
        let values = try #require(node.elements).map { $0.scalar }
        #expect(values == ["a\"b\\c/d\u{8}\u{C}\n\r\té\u{0}", "😀", "😀x", "😀"])
    }

    @Test(arguments: [
        (#"["\ud83d"]"#, "surrogate"),
        (#"["\ude00"]"#, "surrogate"),
        (#"["\ud83d\u0041"]"#, "surrogate"),
        (#"["\ud83dx"]"#, "surrogate"),
        (#"["\u12G4"]"#, "4 chữ số"),
        (#"["\x41"]"#, "mã thoát"),
        ("[01]", "số 0 ở đầu"),
        ("[-01]", "số 0 ở đầu"),
        ("[1.]", "không phải số JSON"),
        ("[.5]", "không bắt đầu"),
        ("[+1]", "không có dấu + ở đầu"),
        ("[-]", "không phải số JSON"),
        ("[1e]", "không phải số JSON"),
        ("[12abc]", "không phải số JSON"),
        ("[1,]", "dấu phẩy thừa"),
        ("{\"a\": 1,}", "dấu phẩy thừa"),
        ("[1 2]", "cần «,» hoặc «]»"),
        ("{\"a\" 1}", "thiếu dấu «:»"),
        ("{a: 1}", "ngoặc kép"),
        ("{'a': 1}", "ngoặc kép"),
        ("[\"a\tb\"]", "U+0009"),
        ("[\"a\nb\"]", "xuống dòng"),
        ("[\"abc", "chưa có ngoặc kép đóng"),
        ("[1, 2", "chưa được đóng"),
        ("{\"a\": [1}", "cần «,» hoặc «]»"),
        ("", "rỗng"),
        ("   \n ", "rỗng"),
        ("{} {}", "nội dung thừa"),
        ("[tru]", "«tru»"),
        ("[True]", "«True»"),
        ("[NaN]", "NaN"),
        ("// chú thích\n{}", "chú thích"),
        ("[1]\u{0}", "nội dung thừa"),
    ])
    func jsonRejects(_ text: String, _ fragment: String) throws {
        let error = try #require(ingestError { try json(text) })
        checkIssues(error)
        let issue = try #require(error.issues.first)
        #expect(issue.kind == .syntax)
        #expect(issue.location.line != nil)
        #expect(issue.message.contains(fragment), "\(issue.message)")
    }

    @Test func jsonNumbersAndLiterals() throws {
        let node = try json("[0, -0, 12, -3.25, 1e5, 1E+5, -2.5e-3, 0.0, true, false, null]")
        let items = try #require(node.elements)
        #expect(items.prefix(8).map(\.scalar) == ["0", "-0", "12", "-3.25", "1e5", "1E+5", "-2.5e-3", "0.0"])
        #expect(items[8].content == .scalar("true", quoted: false))
        #expect(items[10].isNull)
        let numbers = try json("[0, -0, 12, -3.25, 1e5, 1E+5, -2.5e-3, 0.0, null]")
        let decoded = try StructuredDecoder().decode([Double?].self, from: numbers, file: "n.json")
        #expect(decoded == [0, -0.0, 12, -3.25, 100_000, 100_000, -0.0025, 0, nil])
    }

    @Test func jsonErrorPositions() throws {
        let error = try #require(ingestError { try json("{\n  \"tên\": \"Ánh\",\n  \"b\": 01\n}") })
        let issue = try #require(error.issues.first)
        #expect(issue.location.line == 3)
        #expect(issue.message.contains("dòng 3, cột 8"))
        // Columns count characters, not bytes.
        let e2 = try #require(ingestError { try json("[\"Đồng Tháp\" x]") })
        #expect(e2.issues.first?.message.contains("dòng 1, cột 14") == true)
        let crlf = try #require(ingestError { try json("{\r\n\"a\": 1\r\n\"b\": 2}") })
        #expect(crlf.issues.first?.location.line == 3)
    }

    // MARK: Files

    @Test func loadsFilesByExtension() throws {
        let y = try temporaryFile("ke_hoach.YML", Array(sampleYAML.utf8))
        defer { remove(y) }
        let j = try temporaryFile("ke_hoach.json", [0xEF, 0xBB, 0xBF] + Array(sampleJSON.utf8))
        defer { remove(j) }
        let fromYAML = try StructuredDecoder().decode(TaiLieu.self, path: y.path)
        let fromJSON = try StructuredDecoder().decode(TaiLieu.self, path: j.path)
        #expect(fromYAML == fromJSON)
        #expect(fromYAML.keHoach == expectedPlan)

        let bad = try temporaryFile("sai.yaml", Array("a: [1\n".utf8))
        defer { remove(bad) }
        let error = try #require(ingestError { try StructuredLoader.load(path: bad.path) })
        #expect(error.file == bad.path)
        #expect(error.issues.first?.location.file == bad.path)

        let text = try temporaryFile("ds.txt", Array("a: 1".utf8))
        defer { remove(text) }
        let unknown = try #require(ingestError { try StructuredLoader.load(path: text.path) })
        #expect(unknown.issues.first?.kind == .unreadableFile)
        #expect(unknown.issues.first?.message.contains(".yaml") == true)

        let missing = try #require(ingestError { try StructuredLoader.load(path: "/khong/co/tep.yaml") })
        #expect(missing.issues.first?.kind == .unreadableFile)
        let directory = try #require(ingestError { try StructuredLoader.load(path: y.deletingLastPathComponent().appendingPathComponent("x.json").path + "/..") })
        #expect(directory.issues.first?.kind == .unreadableFile)

        let big = try temporaryFile("lon.json", Array(repeating: 0x20, count: 2048) + Array("{}".utf8))
        defer { remove(big) }
        let tooLarge = try #require(ingestError { try StructuredLoader.load(path: big.path, limits: StructuredLimits(maximumBytes: 1024)) })
        #expect(tooLarge.issues.first?.message.contains("quá lớn") == true)
        #expect(StructuredFormat(path: "a/b.Yaml") == .yaml)
        #expect(StructuredFormat(path: "a/b.json.bak") == nil)
    }

    // MARK: Property and fuzz tests

    @Test func randomValuesRoundTripThroughJSON() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000).array(of: 0...120)) { ops in
            var builder = ValueBuilder(ops: ops)
            let value = builder.value(depth: 0)
            let text = builder.serialize(value, yamlSafe: false)
            do {
                let node = try json(text)
                #expect(value.matches(node), "\(text)")
            } catch {
                Issue.record("\(error) for \(text)")
            }
            // JSON written without JSON-only escapes is also YAML (flow style).
            let yamlText = builder.serialize(value, yamlSafe: true)
            do {
                let node = try yaml(yamlText)
                #expect(value.matches(node), "\(yamlText)")
            } catch {
                Issue.record("\(error) for \(yamlText)")
            }
        }
    }

    @Test func parsersNeverCrashOnRandomOrMutatedInput() {
        var rng = SeededGenerator(seed: 20_190_411)
        let alphabet = Array("{}[]\",:-#&*!|>'? \n\t\\0123456789.eE+atrufnlsẠđ~%@`<=".utf8) + [0x00, 0x0D, 0xC3, 0xFF, 0x80, 0xE2]
        let seeds: [(StructuredFormat, [UInt8])] = [(.yaml, Array(sampleYAML.utf8)), (.json, Array(sampleJSON.utf8)),
                                                    (.yaml, Array("a: &a [1, {b: *a}]\nc: <<\nd: |\n  x\n  y\n".utf8))]
        var outcomes = (nodes: 0, errors: 0)
        func check(_ bytes: [UInt8], _ format: StructuredFormat) {
            do {
                let node = try StructuredLoader.load(data: bytes, file: "fuzz", format: format)
                #expect(node.line >= 1)
                outcomes.nodes += 1
            } catch {
                outcomes.errors += 1
                #expect(!error.issues.isEmpty)
                for issue in error.issues {
                    #expect(issue.location.line != nil, "\(issue) for \(bytes)")
                    #expect(!issue.message.isEmpty)
                }
            }
        }
        for _ in 0..<2000 {
            let count = Int.random(in: 0...48, using: &rng)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &rng) ?? 0 }
            check(bytes, .yaml)
            check(bytes, .json)
        }
        for _ in 0..<1500 {
            let (format, seed) = seeds.randomElement(using: &rng) ?? seeds[0]
            var bytes = seed
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(alphabet.randomElement(using: &rng) ?? 0, at: at)
                default: bytes[at] = alphabet.randomElement(using: &rng) ?? 0
                }
            }
            check(bytes, format)
        }
        // YAML token soup: reaches anchors, aliases, merges, duplicates and complex keys.
        let tokens = ["a", "b", "k", ": ", ":", "- ", "\n", "\n  ", "\n    ", "&x ", "*x", "&y ", "*y", "? ", "<<: ",
                      "[", "]", "{", "}", ", ", "\"q\"", "'s'", "|\n  t", "~", "1", " #c", "---\n", "\t", "!!str ", "Đ"]
        for _ in 0..<3000 {
            let count = Int.random(in: 1...30, using: &rng)
            let text = (0..<count).map { _ in tokens.randomElement(using: &rng) ?? "" }.joined()
            check(Array(text.utf8), .yaml)
        }
        #expect(outcomes.nodes > 100 && outcomes.errors > 100)
    }
}

// MARK: - Random values

private indirect enum TestValue {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([TestValue])
    case object([(String, TestValue)])

    func matches(_ node: DataNode) -> Bool {
        switch (self, node.content) {
        case (.null, .null):
            return true
        case let (.bool(b), .scalar(text, quoted)):
            return !quoted && text == (b ? "true" : "false")
        case let (.number(n), .scalar(text, quoted)):
            return !quoted && text == n
        case let (.string(s), .scalar(text, quoted)):
            return quoted && Array(text.unicodeScalars) == Array(Vietnamese.nfc(s).unicodeScalars)
        case let (.array(items), .sequence(nodes)):
            return items.count == nodes.count && zip(items, nodes).allSatisfy { $0.matches($1) }
        case let (.object(pairs), .mapping(entries)):
            return pairs.count == entries.count && zip(pairs, entries).allSatisfy {
                Array(Vietnamese.nfc($0.0).unicodeScalars) == Array($1.key.unicodeScalars) && $0.1.matches($1.value)
            }
        default:
            return false
        }
    }
}

/// Builds a value and its JSON text from a list of integers (so the property library can
/// shrink a failing case by shortening the list).
private struct ValueBuilder {
    let ops: [Int]
    var index = 0

    init(ops: [Int]) { self.ops = ops }

    mutating func next() -> Int {
        defer { index += 1 }
        return index < ops.count ? ops[index] : 0
    }

    static let pieces = ["a", "Z", "0", " ", "Đ", "ệ", "ữ", "\"", "\\", "/", "\n", "\t", "\r", "\u{1}", "\u{1F}",
                         "\u{7F}", "😀", "€", "\u{2028}", "e\u{0301}", "A\u{0323}\u{0302}", ":", "#", "- ", "'", "&", "*", "é"]

    mutating func string() -> String {
        let length = next() % 6
        return (0..<length).map { _ in Self.pieces[next() % Self.pieces.count] }.joined()
    }

    mutating func value(depth: Int) -> TestValue {
        let k = next()
        switch k % (depth >= 5 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(k / 6 % 2 == 0)
        case 2:
            let n = k / 6
            switch n % 5 {
            case 0: return .number("\(n)")
            case 1: return .number("-\(n % 1000).\(n % 97)")
            case 2: return .number("\(n % 100)e\(n % 7 == 0 ? "-" : "")\(n % 20)")
            case 3: return .number("0")
            default: return .number("-\(n % 10).5E+\(n % 3)")
            }
        case 3: return .string(string())
        case 4: return .array((0..<(next() % 4)).map { _ in value(depth: depth + 1) })
        default:
            let count = next() % 4
            return .object((0..<count).map { i in ("k\(i)" + string(), value(depth: depth + 1)) })
        }
    }

    mutating func space() -> String {
        ["", " ", "\n", "\t", "\r\n", "  "][next() % 6]
    }

    /// JSON text; with `yamlSafe`, every character outside printable ASCII is escaped as
    /// \uXXXX or \UXXXXXXXX (YAML treats U+2028, U+0085… as line breaks and knows no
    /// surrogate pairs), "/" is never escaped and ":" follows a key on the same line (YAML
    /// implicit keys are one line).
    mutating func serialize(_ value: TestValue, yamlSafe: Bool) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return quote(s, yamlSafe: yamlSafe)
        case .array(let items):
            return "[" + space() + items.map { serialize($0, yamlSafe: yamlSafe) + space() }.joined(separator: "," + space()) + "]"
        case .object(let pairs):
            return "{" + space() + pairs.map { quote($0.0, yamlSafe: yamlSafe) + (yamlSafe ? "" : space()) + ":" + " " + serialize($0.1, yamlSafe: yamlSafe) + space() }
                .joined(separator: "," + space()) + "}"
        }
    }

    mutating func quote(_ s: String, yamlSafe: Bool) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += (!yamlSafe && next() % 2 == 0) ? "\\/" : "/"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let v = scalar.value
                if v < 0x20 || (yamlSafe && v > 0x7E) || (!yamlSafe && v > 0x7E && next() % 2 == 0) {
                    if v > 0xFFFF && yamlSafe {
                        out += String(format: "\\U%08X", v)
                    } else if v > 0xFFFF {
                        let u = v - 0x10000
                        out += String(format: "\\u%04x\\u%04X", 0xD800 + (u >> 10), 0xDC00 + (u & 0x3FF))
                    } else {
                        out += String(format: "\\u%04X", v)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
