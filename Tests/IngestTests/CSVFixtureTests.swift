import Foundation
import Testing
import TestSupport
@testable import Ingest

/// The commendation-list dataset the fixtures imitate (the manifest's required columns, plus
/// the numeric columns of the Vietnamese-locale export).
let awardListDataset = CSVDataset(name: "danh sách khen thưởng", columns: [
    ColumnSpec("STT", aliases: ["Số TT", "TT"], type: .integer),
    ColumnSpec("Họ và tên", aliases: ["ho_ten", "Họ tên"]),
    ColumnSpec("Đơn vị", aliases: ["don_vi"]),
    ColumnSpec("Chức vụ", aliases: ["chuc_vu"]),
    ColumnSpec("Danh hiệu", aliases: ["danh_hieu", "Hình thức khen thưởng"]),
    ColumnSpec("Số quyết định", aliases: ["so_qd", "Số QĐ"]),
    ColumnSpec("Ngày", aliases: ["ngay_qd"], type: .date),
    ColumnSpec("Số tiền thưởng (đồng)", type: .integer, required: false),
    ColumnSpec("Điểm thi đua", type: .number, required: false),
    ColumnSpec("Hệ số", type: .number, required: false),
    ColumnSpec("Ghi chú", required: false),
])

func fixturePath(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/csv/" + name, withExtension: nil)!.path
}

struct FixtureManifest {
    static func files() throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixturePath("manifest.json")))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(root["files"] as? [[String: Any]])
    }
}

/// Everything a pass over one file saw: the summary and every row's fields by file column.
struct ReadResult {
    var summary: CSVSummary
    var rows: [[String]] = []
    var lines: [Int] = []
    var typed: [[CSVValue]] = []
}

func readFixture(_ name: String, dataset: CSVDataset = awardListDataset, options: CSVOptions = CSVOptions()) throws -> ReadResult {
    var rows: [[String]] = []
    var lines: [Int] = []
    var typed: [[CSVValue]] = []
    let summary = try CSVReader.inspect(path: fixturePath(name), displayName: name, dataset: dataset, options: options) { row in
        rows.append((0..<row.fileFieldCount).map { row.fileText($0) })
        lines.append(row.line)
        typed.append((0..<row.count).map { row.value($0) })
    }
    return ReadResult(summary: summary, rows: rows, lines: lines, typed: typed)
}

@Suite("CSV fixtures per manifest")
struct CSVFixtureTests {
    static let names: [String] = (try? FixtureManifest.files().compactMap { $0["file"] as? String }) ?? []

    @Test("the manifest lists all 14 fixtures")
    func manifestComplete() throws {
        #expect(Self.names.count == 14)
    }

    @Test("every fixture reads as its manifest says", arguments: names)
    func fixture(_ name: String) throws {
        let entry = try #require(try FixtureManifest.files().first { $0["file"] as? String == name })
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixturePath(name)))
        #expect(bytes.count == entry["bytes"] as? Int)
        #expect(SHA256.hex(bytes) == entry["sha256"] as? String, "fixture re-encoded by accident")

        let result = try readFixture(name)
        let s = result.summary
        // Encoding, BOM, delimiter.
        let encoding = entry["encoding"] as! String
        if entry["text_form"] as? String == "tcvn3-abc code points as Latin-1 characters" {
            #expect(s.detection.encoding == .utf8 && s.detection.legacyInsideUTF8 == .tcvn3)
        } else {
            #expect(s.detection.encoding.rawValue == encoding)
        }
        #expect(s.detection.bom == (entry["bom"] as! Bool))
        #expect(s.detection.delimiter == UInt8(ascii: Unicode.Scalar((entry["delimiter"] as! String).unicodeScalars.first!)))
        // Header and rows.
        let columns = entry["columns"] as! [String]
        #expect(s.columns.map(\.header) == columns)
        #expect(s.dataRows == entry["data_rows"] as? Int)
        #expect(result.rows.count == s.dataRows)

        // Cells.
        for cell in entry["cells"] as! [[String: Any]] {
            let row = cell["row"] as! Int
            let index: Int
            if let name = cell["column"] as? String {
                index = try #require(columns.firstIndex(of: name))
            } else {
                index = (cell["column_index"] as! Int) - 1
            }
            let fields = result.rows[row - 1]
            let value = index < fields.count ? fields[index] : ""
            if let expected = cell["value"] as? String {
                #expect(value == expected, "\(name) row \(row) column \(index + 1)")
            }
            if let length = cell["length"] as? Int {
                #expect(value.unicodeScalars.count == length)
                #expect(value.hasPrefix(cell["prefix"] as! String))
                #expect(value.hasSuffix(cell["suffix"] as! String))
                #expect(SHA256.hex(Array(value.utf8)) == cell["sha256_utf8"] as? String)
            }
            if let number = cell["number"] as? Double {
                let header = columns[index]
                let c = try #require(awardListDataset.columns.firstIndex { $0.name == header })
                let typed = result.typed[row - 1][c]
                #expect(typed.double == number, "\(name) row \(row) \(header): \(typed)")
            }
            if cell["formula_like"] as? Bool == true {
                // Kept literally as text, and recognised as formula-like for the report.
                #expect(CSVValue.looksLikeFormula(value) || value.first == "-")
                let header = columns[index]
                let c = try #require(awardListDataset.columns.firstIndex { $0.name == header })
                #expect(result.typed[row - 1][c] == .text(value))
            }
        }

        // Errors: each listed one reported at its line; no error on a good file.
        let expectedErrors = entry["errors"] as! [[String: Any]]
        for e in expectedErrors {
            let kind = e["kind"] as! String
            let line = e["line"] as! Int
            let found = s.issues.filter { $0.kind.rawValue == kind && $0.location.line == line }
            #expect(!found.isEmpty, "\(name): \(kind) at line \(line) not reported; got \(s.issues)")
            if let row = e["row"] as? Int { #expect(found.contains { $0.location.row == row }) }
            if let offset = e["byte_offset"] as? Int { #expect(found.contains { $0.location.byteOffset == offset }) }
            if let extra = e["extra_values"] as? [String], let rowIndex = e["row"] as? Int {
                let fields = result.rows[rowIndex - 1]
                #expect(Array(fields.suffix(extra.count)) == extra)
            }
            if let likely = e["likely"] as? String {
                let index = (e["column_index"] as! Int)
                #expect(s.columns[index - 1].datasetColumn.map { awardListDataset.columns[$0].name } == likely)
                #expect(found.contains { $0.message.contains(likely) })
            }
            if let indexes = e["column_indexes"] as? [Int] {
                #expect(found.contains { $0.message.contains(indexes.map(String.init).joined(separator: ", ")) })
            }
        }
        let listedKinds = Set(expectedErrors.map { $0["kind"] as! String })
        let unexpected = s.errors.filter { !listedKinds.contains($0.kind.rawValue) }
        #expect(unexpected.isEmpty, "\(name): unexpected errors \(unexpected)")
        if expectedErrors.isEmpty { #expect(!s.hasErrors) }
        if let blank = entry["blank_lines"] as? [Int] {
            // Blank lines (the empty one at the end too) are neither rows nor errors.
            #expect(s.blankRows == blank.count)
            #expect(Set(result.lines).isDisjoint(with: blank))
        }
    }

    @Test("a file with errors is refused as a whole by read")
    func refused() throws {
        var delivered = 0
        #expect(throws: IngestError.self) {
            try CSVReader.read(path: fixturePath("dskt-blank-ragged.csv"), dataset: awardListDataset) { _ in delivered += 1 }
        }
        // Rows stop at the first error (rows 1–3 come before the ragged row 4).
        #expect(delivered == 3)
        do {
            try CSVReader.read(path: fixturePath("dskt-blank-ragged.csv"), displayName: "ds.csv", dataset: awardListDataset) { _ in }
        } catch let error as IngestError {
            #expect(error.errors.count == 2)
            #expect(error.description.contains("ds.csv, dòng 7 (hàng dữ liệu 4)"))
            #expect(error.description.contains("Ghi chú thừa"))
        }
    }

    @Test("typed values of the Vietnamese-locale export")
    func typedValues() throws {
        let r = try readFixture("dskt-vi-locale-semicolon.csv")
        #expect(!r.summary.hasErrors)
        #expect(r.summary.detection.numberConvention == .vietnamese)
        #expect(r.typed[0][0] == .integer(1))
        #expect(r.typed[0][6] == .date(try .init(year: 2024, month: 1, day: 15)))
        #expect(r.typed[0][7] == .integer(1_490_000))
        #expect(r.typed[0][8] == .number(95.5))
        #expect(r.typed[5][9] == .number(1.0))
    }

    @Test("plain conversion infers types per cell and keeps formula-like text")
    func plainInference() throws {
        let r = try readFixture("dskt-formula-like.csv", dataset: .plain)
        #expect(!r.summary.hasErrors)
        #expect(r.typed[0][0] == .integer(1))
        #expect(r.typed[0][6] == .date(try .init(year: 2024, month: 1, day: 15)))
        #expect(r.typed[0][7] == .text("=SUM(A1)"))
        #expect(r.typed[1][7] == .text("+84 912 345 678"))
        #expect(r.typed[2][7] == .integer(-5))        // a plain number is a number
        #expect(r.typed[3][7] == .text("@x"))
        #expect(r.typed[5][1] == .text("-Bùi Thị Ngọc Lương"))
        #expect(r.summary.formulaLikeValues == 5)
    }

    @Test("misspelt headers are mapped with a warning; the duplicate is an error")
    func badHeader() throws {
        let r = try readFixture("dskt-bad-header.csv")
        #expect(r.summary.errors.map(\.kind) == [.duplicateColumn])
        let warned = r.summary.warnings.filter { $0.kind == .unknownColumn }.compactMap(\.location.columnIndex)
        #expect(warned == [3, 4, 5, 7])
    }
}
