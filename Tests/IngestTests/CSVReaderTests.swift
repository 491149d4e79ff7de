import Foundation
import PropertyBased
import Testing
import TestSupport
import Vietnamese
@testable import Ingest

/// Writes bytes to a temporary file and reads it back with the CSV reader.
func readBytes(_ bytes: [UInt8], dataset: CSVDataset = .plain, options: CSVOptions = CSVOptions(),
               name: String = "t.csv") throws -> ReadResult {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tdkt-csv-\(getpid())-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    var rows: [[String]] = []
    var lines: [Int] = []
    var typed: [[CSVValue]] = []
    let summary = try CSVReader.inspect(path: path, displayName: name, dataset: dataset, options: options) { row in
        rows.append((0..<row.fileFieldCount).map { row.fileText($0) })
        lines.append(row.line)
        typed.append((0..<row.count).map { row.value($0) })
    }
    return ReadResult(summary: summary, rows: rows, lines: lines, typed: typed)
}

func readText(_ text: String, dataset: CSVDataset = .plain, options: CSVOptions = CSVOptions()) throws -> ReadResult {
    try readBytes(Array(text.utf8), dataset: dataset, options: options)
}

private func scan(_ s: String, _ c: VietnameseNumber.Convention = .vietnamese, strict: Bool = true) -> Double? {
    var bytes = Array(s.utf8)
    return bytes.withUnsafeMutableBufferPointer { NumberScanner.scan(UnsafeBufferPointer($0), convention: c, strict: strict)?.value }
}

@Suite("Number and date scanning")
struct ScannerTests {
    @Test func vietnameseAndEnglishNumbers() {
        #expect(scan("1.234.567") == 1_234_567)
        #expect(scan("1.234.567,89") == 1_234_567.89)
        #expect(scan("1,234,567.89", .english) == 1_234_567.89)
        #expect(scan("1,234,567.89") == 1_234_567.89)        // unambiguous whatever the convention
        #expect(scan("95,5") == 95.5)
        #expect(scan("-0,5") == -0.5)
        #expect(scan("0,125") == 0.125)                     // a leading 0 cannot group thousands
        #expect(scan("15,5%") == 0.155)
        #expect(scan("15,5 %") == 0.155)
        #expect(scan("1.234") == 1234)                      // ambiguous: the convention decides
        #expect(scan("1.234", .english) == 1.234)
        #expect(scan("1,234", .english) == 1234)
        #expect(scan(" 42 ") == 42)
        #expect(scan("12345678901234567890") == 12345678901234567890.0)
    }

    @Test func notNumbers() {
        for bad in ["", "-", "1.2.3,4,5", "12,34.5", "1..2", "1,", ",5", "abc", "1e5", "12a", "--1", "1.234,5.6", "%"] {
            #expect(scan(bad) == nil, "\(bad)")
        }
        // Inference (plain conversion): codes and phone numbers stay text.
        #expect(scan("0912345678", strict: false) == nil)
        #expect(scan("+84 912", strict: false) == nil)
        #expect(scan("+5", strict: false) == nil)
        #expect(scan("+5", strict: true) == 5)
        #expect(scan("001234567890", strict: false) == nil)
        #expect(scan("1234567890123456", strict: false) == nil)   // 16 digits: an identifier
        #expect(scan("-2", strict: false) == -2)
        #expect(scan("0", strict: false) == 0)
    }

    @Test func dates() throws {
        func d(_ s: String) -> CivilDate? {
            var b = Array(s.utf8)
            return b.withUnsafeMutableBufferPointer { DateScanner.scan(UnsafeBufferPointer($0)) }
        }
        #expect(d("15/01/2024") == (try CivilDate(year: 2024, month: 1, day: 15)))
        #expect(d("5/2/2021") == (try CivilDate(year: 2021, month: 2, day: 5)))
        #expect(d("2019-04-11") == (try CivilDate(year: 2019, month: 4, day: 11)))
        #expect(d("11.4.2019") == (try CivilDate(year: 2019, month: 4, day: 11)))
        for bad in ["31/02/2024", "1/2", "15/01/24", "2024/01/15", "15/01-2024", "a/b/c", "1/13/2020"] {
            #expect(d(bad) == nil, "\(bad)")
        }
    }
}

@Suite("CSV reader")
struct CSVReaderTests {
    static let dataset = CSVDataset(name: "danh sách", columns: [
        ColumnSpec("STT", type: .integer),
        ColumnSpec("Họ và tên", aliases: ["ho_ten"], valueRequired: true),
        ColumnSpec("Điểm", type: .number, required: false),
        ColumnSpec("Ngày", type: .date, required: false),
    ])

    @Test func aliasesAndLooseNamesMapToColumns() throws {
        let r = try readText("ho_ten,stt,ĐIỂM\nAn,1,\"9,5\"\n", dataset: Self.dataset)
        #expect(!r.summary.hasErrors)
        #expect(r.summary.warnings.isEmpty)                       // alias and case only: silent
        #expect(r.typed[0][0] == .integer(1))
        #expect(r.typed[0][1] == .text("An"))
        #expect(r.typed[0][2] == .number(9.5))
        #expect(r.typed[0][3] == .empty)                          // absent optional column
        let loose = try readText("Ho va ten,STT\nAn,1\n", dataset: Self.dataset)
        #expect(loose.summary.warnings.map(\.kind) == [.unknownColumn])
        #expect(loose.typed[0][1] == .text("An"))
    }

    @Test func missingColumnsAndValuesAreLocatedErrors() throws {
        let r = try readText("Họ và tên,Điểm,Ngày\n,abc,31/02/2024\n", dataset: Self.dataset)
        let kinds = r.summary.errors.map(\.kind)
        #expect(kinds.contains(.missingColumn))
        #expect(kinds.contains(.missingValue))
        let number = try #require(r.summary.errors.first { $0.kind == .invalidNumber })
        #expect(number.location.line == 2 && number.location.row == 1 && number.location.columnIndex == 2)
        #expect(number.value == "abc")
        #expect(number.description.contains("t.csv, dòng 2 (hàng dữ liệu 1), cột 2 «Điểm»"))
        let date = try #require(r.summary.errors.first { $0.kind == .invalidDate })
        #expect(date.value == "31/02/2024" && date.location.columnIndex == 3)
    }

    @Test func strictDatasetRefusesUnknownColumns() throws {
        var strict = Self.dataset
        strict.allowsUnknownColumns = false
        let r = try readText("STT,Họ và tên,Quê quán\n1,An,Huế\n", dataset: strict)
        #expect(r.summary.errors.map(\.kind) == [.unknownColumn])
        let lenient = try readText("STT,Họ và tên,Quê quán\n1,An,Huế\n", dataset: Self.dataset)
        #expect(!lenient.summary.hasErrors && lenient.summary.warnings.count == 1)
    }

    @Test func titleRowsAboveTheHeaderAreSkipped() throws {
        let r = try readText("DANH SÁCH KHEN THƯỞNG,,\nNăm 2024,,\n,,\nSTT,Họ và tên,Ngày\n1,An,05/02/2021\n", dataset: Self.dataset)
        #expect(!r.summary.hasErrors)
        #expect(r.summary.headerLine == 4)
        #expect(r.lines == [5])
        #expect(r.typed[0][3] == .date(try CivilDate(year: 2021, month: 2, day: 5)))
    }

    @Test func emptyAndHeaderOnlyFiles() throws {
        let empty = try readText("")
        #expect(empty.summary.errors.map(\.kind) == [.emptyFile])
        let header = try readText("a,b\r\n")
        #expect(!header.summary.hasErrors && header.summary.dataRows == 0 && header.summary.columns.count == 2)
    }

    @Test func unterminatedQuoteStopsAtItsLine() throws {
        let r = try readText("a,b\n1,2\n3,\"open\n4,5\n")
        #expect(r.summary.dataRows == 1)
        let e = try #require(r.summary.errors.first)
        #expect(e.kind == .unterminatedQuote && e.location.line == 3 && e.location.row == 2)
    }

    @Test func runawayRecordIsCapped() throws {
        var options = CSVOptions()
        options.maxRecordBytes = 1000
        options.blockSize = 256
        let text = "a,b\n1,\"" + String(repeating: "x", count: 5000) + "\"\n"
        let r = try readText(text, options: options)
        #expect(r.summary.errors.map(\.kind) == [.recordTooLong])
        #expect(r.summary.stoppedEarly)
    }

    @Test func errorLimitStopsReading() throws {
        var options = CSVOptions()
        options.errorLimit = 5
        let text = "a,b\n" + String(repeating: "1\n", count: 100)
        let r = try readText(text, options: options)
        #expect(r.summary.errors.count == 5)
        #expect(r.summary.unlistedErrors == 1)
        #expect(r.summary.stoppedEarly)
    }

    @Test func forcedEncodingAndDelimiter() throws {
        let tcvn = try LegacyEncoding.tcvn3.encode("Họ và tên;Đơn vị\nPhạm Văn Đồng;Sở Nội vụ\n")
        var options = CSVOptions()
        options.encoding = .tcvn3
        options.delimiter = UInt8(ascii: ";")
        let r = try readBytes(tcvn, options: options)
        #expect(r.summary.detection.encodingForced && r.summary.detection.delimiterForced)
        #expect(r.rows == [["Phạm Văn Đồng", "Sở Nội vụ"]])
    }

    @Test func utf16BigEndianWithBOM() throws {
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in "STT\tHọ và tên\r\n1\tĐặng Thị Mỹ Duyên\r\n".utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let r = try readBytes(bytes)
        #expect(r.summary.detection.encoding == .utf16BE && r.summary.detection.delimiter == 0x09)
        #expect(r.rows == [["1", "Đặng Thị Mỹ Duyên"]])
    }

    @Test func brokenUTF16IsLocated() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a\tb\r\n1\t".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        bytes += [0x00, 0xD8]   // a lone high surrogate
        for unit in "x\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let r = try readBytes(bytes)
        let e = try #require(r.summary.errors.first)
        #expect(e.kind == .invalidByteSequence && e.location.line == 2 && e.location.byteOffset == 16)
    }

    @Test func windows1258UndefinedByteIsLocated() throws {
        var bytes = try LegacyEncoding.windows1258.encode("Họ và tên,Đơn vị\nPhạm Văn Đồng,Sở Nội vụ\n")
        bytes += [UInt8(ascii: "X"), 0x81, UInt8(ascii: ","), UInt8(ascii: "Y"), 0x0A]
        var options = CSVOptions()
        options.encoding = .windows1258
        let r = try readBytes(bytes, options: options)
        let e = try #require(r.summary.errors.first)
        #expect(e.kind == .invalidByteSequence && e.location.line == 3 && e.location.byteOffset == bytes.count - 4)
        #expect(r.rows.first == ["Phạm Văn Đồng", "Sở Nội vụ"])
    }

    @Test func tcvn3SavedAsUTF8IsDecodedTwice() throws {
        let tcvn = try LegacyEncoding.tcvn3.encode("Họ và tên,Đơn vị\nPhạm Văn Đồng,Phòng Nội vụ huyện Định Hóa\nNguyễn Thị Hường,Trường Tiểu học\n")
        // A Latin-1 program read the TCVN3 bytes and saved them as UTF-8.
        let utf8 = Array(String(tcvn.map { Character(Unicode.Scalar($0)) }).utf8)
        let r = try readBytes(utf8)
        #expect(r.summary.detection.legacyInsideUTF8 == .tcvn3)
        #expect(r.rows == [["Phạm Văn Đồng", "Phòng Nội vụ huyện Định Hóa"], ["Nguyễn Thị Hường", "Trường Tiểu học"]])
    }

    @Test func decomposedTextComesOutNFC() throws {
        let r = try readText("Ho\u{323} va\u{300} te\u{302}n\nNguye\u{302}\u{303}n\n")
        #expect(r.summary.columns.map(\.header) == ["Họ và tên"])
        #expect(r.rows == [["Nguyễn"]])
        #expect(r.typed[0][0] == .text("Nguyễn"))
    }

    @Test("block size never changes what is read", arguments: CSVFixtureTests.names)
    func blockSizes(_ name: String) throws {
        let whole = try readFixture(name)
        for size in [1, 2, 3, 7, 64, 1000] {
            var options = CSVOptions()
            options.blockSize = size
            let split = try readFixture(name, options: options)
            #expect(split.rows == whole.rows, "\(name) block \(size)")
            #expect(split.lines == whole.lines)
            #expect(split.summary.issues == whole.summary.issues, "\(name) block \(size)")
        }
    }

    @Test("random tables written with random quoting read back equal")
    func roundTrip() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SeededGenerator(seed: UInt64(seed))
            let alphabet: [String] = ["a", "Ư", "ệ", "Đ", " ", ",", ";", "\"", "\n", "\r\n", "=", "1", "x", "\t", "ỹ"]
            let delimiter: Character = [",", ";", "\t"][Int(rng.next() % 3)]
            let columns = 1 + Int(rng.next() % 6)
            let rows = Int(rng.next() % 8)
            func cell() -> String {
                (0..<Int(rng.next() % 6)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            }
            let header = (0..<columns).map { "cột \($0)" }
            var table: [[String]] = []
            for _ in 0..<rows {
                var r = (0..<columns).map { _ in cell() }
                // A record of only empty fields is a blank row by definition: keep one filled.
                if r.allSatisfy(\.isEmpty) { r[0] = "v" }
                table.append(r)
            }
            let ending = rng.next() % 2 == 0 ? "\n" : "\r\n"
            func encode(_ s: String) -> String {
                let must = s.contains(delimiter) || s.contains("\"") || s.contains("\n") || s.contains("\r")
                    || s.first == " " && columns == 1
                if must || rng.next() % 4 == 0 { return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                return s
            }
            let text = ([header] + table).map { $0.map(encode).joined(separator: String(delimiter)) }.joined(separator: ending) + ending
            var options = CSVOptions()
            options.delimiter = UInt8(ascii: delimiter.unicodeScalars.first!)
            options.blockSize = 1 + Int(rng.next() % 64)
            let r = try? readText(text, options: options)
            #expect(r?.rows == table)
            #expect(r?.summary.hasErrors == false)
        }
    }
}

@Suite("CSV reader fuzzing")
struct CSVFuzzTests {
    /// Inputs per fuzz test: 1,500 by default; `TDKT_FUZZ_COUNT` raises it for a long campaign.
    static let count = ProcessInfo.processInfo.environment["TDKT_FUZZ_COUNT"].flatMap(Int.init) ?? 1500

    /// Never a crash; always rows or errors, and every error has a location.
    static func check(_ bytes: [UInt8], dataset: CSVDataset) throws {
        var options = CSVOptions()
        options.blockSize = 97
        let r = try readBytes(bytes, dataset: dataset, options: options)
        for e in r.summary.errors where e.kind != .emptyFile {
            #expect(e.location.line != nil, "error without a line: \(e)")
        }
        #expect(r.rows.count <= r.summary.dataRows)
    }

    @Test func randomBytes() throws {
        var rng = SeededGenerator(seed: 4_2024)
        let pieces: [[UInt8]] = [[0x2C], [0x3B], [0x09], [0x22], [0x0A], [0x0D], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xC3],
                                 [0xE1, 0xBB], [0x80], [0x00], Array("Họ và tên".utf8), Array("1.234,5".utf8), [0xD8]]
        for i in 0..<Self.count {
            var bytes: [UInt8] = []
            let n = Int(rng.next() % 200)
            for _ in 0..<n {
                if rng.next() % 3 == 0 { bytes += pieces[Int(rng.next() % UInt64(pieces.count))] }
                else { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
            }
            try Self.check(bytes, dataset: i % 2 == 0 ? .plain : awardListDataset)
        }
    }

    @Test func mutatedFixtures() throws {
        var rng = SeededGenerator(seed: 11_4_2019)
        let originals = try CSVFixtureTests.names.map { name in
            Array(try Data(contentsOf: URL(fileURLWithPath: fixturePath(name))))
        }
        for i in 0..<Self.count {
            var bytes = originals[i % originals.count]
            for _ in 0..<(1 + Int(rng.next() % 8)) where !bytes.isEmpty {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 4 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.remove(at: at)
                case 2: bytes.insert([0x22, 0x2C, 0x0A, 0x0D, 0xCC, 0x81][Int(rng.next() % 6)], at: at)
                default: bytes.removeSubrange(at..<min(bytes.count, at + Int(rng.next() % 50)))
                }
            }
            try Self.check(bytes, dataset: i % 3 == 0 ? .plain : awardListDataset)
        }
    }
}
