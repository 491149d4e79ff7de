import ArgumentParser
import Ingest
import Vietnamese

/// Options every command reading a CSV shares (`tdkt csv`, `tdkt sheet`, `tdkt list`).
struct CSVInputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Bảng mã của tệp: utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni (mặc định: tự nhận).",
        valueName: "bảng-mã"))
    var encoding: String?

    @Option(name: .long, help: ArgumentHelp(
        "Dấu phân cách cột: , ; tab | (mặc định: tự nhận).", valueName: "dấu"))
    var delimiter: String?

    @Option(name: .long, help: ArgumentHelp(
        "Cách viết số: vi (1.234,5) hoặc en (1,234.5) (mặc định: vi, trừ tệp phân cách bằng dấu phẩy).",
        valueName: "vi|en"))
    var numbers: String?

    func csvOptions() throws -> CSVOptions {
        var options = CSVOptions()
        if let encoding {
            guard let e = TextEncoding(name: encoding) else {
                throw ValidationError("Không biết bảng mã «\(encoding)». Dùng một trong: utf-8, utf-16le, utf-16be, windows-1258, tcvn3, vni.")
            }
            options.encoding = e
        }
        if let delimiter {
            switch delimiter.lowercased() {
            case ",", "comma", "phay", "phẩy": options.delimiter = UInt8(ascii: ",")
            case ";", "semicolon", "cham-phay", "chấm-phẩy": options.delimiter = UInt8(ascii: ";")
            case "tab", "\\t", "\t": options.delimiter = 0x09
            case "|": options.delimiter = UInt8(ascii: "|")
            default:
                throw ValidationError("Dấu phân cách «\(delimiter)» không dùng được. Dùng một trong: , ; tab |")
            }
        }
        if let numbers {
            switch numbers.lowercased() {
            case "vi", "vn": options.numberConvention = .vietnamese
            case "en": options.numberConvention = .english
            default: throw ValidationError("Cách viết số «\(numbers)» không hợp lệ. Dùng vi (1.234,5) hoặc en (1,234.5).")
            }
        }
        return options
    }
}

/// `tdkt csv`: what tdkt understands of an export — encoding, delimiter, columns and the type
/// of their values, rows, and every problem with its location.
struct CSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Kiểm tra một tệp CSV xuất từ Excel: bảng mã, dấu phân cách, cột, số hàng, lỗi.",
        discussion: """
        Đọc hết tệp (kể cả tệp rất lớn, không nạp cả tệp vào bộ nhớ) và cho biết tdkt hiểu tệp ra sao. \
        Mã thoát 0: tệp dùng được; 65: tệp có lỗi (đã liệt kê kèm dòng, cột).
        """
    )

    @Argument(help: ArgumentHelp("Tệp CSV hoặc TXT cần kiểm tra.", valueName: "tệp"))
    var input: String

    @OptionGroup var csv: CSVInputOptions

    @Option(name: .long, help: ArgumentHelp(
        "Đếm số hàng theo các cột này (tên cột hoặc số thứ tự, cách nhau bằng dấu phẩy), ví dụ «Đơn vị,Danh hiệu».",
        valueName: "cột"))
    var groupBy: String?

    @Option(name: .long, help: ArgumentHelp("Số lỗi tối đa được liệt kê.", valueName: "n"))
    var errorLimit: Int = 100

    mutating func run() throws {
        var options = try csv.csvOptions()
        options.errorLimit = max(1, errorLimit)
        var typeCounts: [[Int]] = []    // per column: empty, text, integer, number, percent, date
        var groupColumns: [Int]? = nil
        var groups = GroupCounter()
        var groupError: String?
        let wanted = groupBy.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }

        let summary = try CSVReader.inspect(path: input, options: options) { row in
            if typeCounts.isEmpty {
                typeCounts = Array(repeating: Array(repeating: 0, count: 6), count: row.count)
            }
            for c in 0..<row.count {
                typeCounts[c][row.kind(c).rawValue] += 1
            }
            if let groupColumns {
                groups.add(groupColumns.map { row.bytes($0) })
            }
        } header: { columns in
            guard let wanted else { return }
            var indexes: [Int] = []
            for name in wanted {
                if let n = Int(name), n >= 1, n <= columns.count { indexes.append(n - 1); continue }
                let key = ColumnName.key(name)
                if let c = columns.firstIndex(where: { ColumnName.key($0.header) == key }) {
                    indexes.append(c)
                } else {
                    groupError = "Không có cột «\(name)» để đếm (--group-by). Các cột: \(columns.map { "«\($0.header)»" }.joined(separator: ", "))."
                }
            }
            if groupError == nil { groupColumns = indexes }
        }
        print(Self.report(summary, typeCounts: typeCounts))
        if let groupError {
            writeStandardError(groupError + "\n")
            throw ExitCode(64)
        }
        if let wanted, !summary.hasErrors {
            print("")
            print("Số hàng theo \(wanted.map { "«\($0)»" }.joined(separator: ", ")) (\(VietnameseNumber.format(groups.count)) nhóm):")
            let keyed = groups.groups.map { (key: $0.key, count: $0.count, sort: $0.key.map { VietnameseCollation.sortKey($0, order: .text) }) }
            let sorted = keyed.sorted { $0.sort.lexicographicallyPrecedes($1.sort) }
            for g in sorted {
                print("  \(g.key.joined(separator: " | ")): \(VietnameseNumber.format(g.count))")
            }
        }
        if summary.hasErrors { throw ExitCode(65) }
    }

    static func report(_ s: CSVSummary, typeCounts: [[Int]]) -> String {
        var out: [String] = []
        out.append("Tệp: \(s.file)")
        out.append("Bảng mã: \(s.detection.encodingDescription)\(s.detection.encodingForced ? " (theo --encoding)" : " (tự nhận)")")
        out.append("Dấu phân cách: \(s.detection.delimiterDescription)\(s.detection.delimiterForced ? " (theo --delimiter)" : " (tự nhận)")")
        out.append("Cách viết số: \(s.detection.numberConvention == .vietnamese ? "1.234,5 (dấu phẩy thập phân)" : "1,234.5 (dấu chấm thập phân)")")
        if s.headerLine > 0 {
            out.append("Dòng tiêu đề: dòng \(s.headerLine), \(s.columns.count) cột")
            let names = ["trống", "chữ", "số nguyên", "số thập phân", "phần trăm", "ngày"]
            for (i, column) in s.columns.enumerated() {
                var kinds: [String] = []
                if i < typeCounts.count {
                    for k in [1, 2, 3, 4, 5, 0] where typeCounts[i][k] > 0 {  // CSVValue.Kind raw values
                        kinds.append("\(names[k]) \(VietnameseNumber.format(typeCounts[i][k]))")
                    }
                }
                let header = column.header.isEmpty ? "(không tên)" : column.header
                out.append("  \(column.index). \(header)\(kinds.isEmpty ? "" : " — " + kinds.joined(separator: ", "))")
            }
        }
        var rows = "Số hàng dữ liệu: \(VietnameseNumber.format(s.dataRows))"
        if s.blankRows > 0 { rows += " (bỏ qua \(VietnameseNumber.format(s.blankRows)) hàng trống)" }
        out.append(rows)
        if s.formulaLikeValues > 0 {
            out.append("Ô trông như công thức (=, +, -, @), được giữ nguyên là chữ: \(VietnameseNumber.format(s.formulaLikeValues))")
        }
        let errors = s.errors, warnings = s.warnings
        if !errors.isEmpty {
            out.append("Lỗi (\(VietnameseNumber.format(errors.count + s.unlistedErrors))):")
            out += errors.map { "  - \($0.location): \($0.message)" }
            if s.unlistedErrors > 0 { out.append("  … đã dừng đọc sau \(errors.count) lỗi.") }
        }
        if !warnings.isEmpty {
            out.append("Cảnh báo (\(VietnameseNumber.format(warnings.count))):")
            out += warnings.map { "  - \($0.location): \($0.message)" }
        }
        out.append(s.hasErrors
                   ? "Kết quả: tệp có lỗi — tdkt sẽ không ghi gì từ tệp này cho đến khi sửa xong."
                   : "Kết quả: tệp dùng được.")
        return out.joined(separator: "\n")
    }
}

/// Counts rows per combination of field values, hashing the UTF-8 bytes directly (no String
/// per row: Swift's String hashing normalises, which a million rows should not pay for).
struct GroupCounter {
    private struct Entry { var key: [UInt8]; var count: Int }
    private var table: [UInt64: [Int]] = [:]
    private var entries: [Entry] = []
    private var scratch: [UInt8] = []

    mutating func add(_ fields: [UnsafeBufferPointer<UInt8>]) {
        scratch.removeAll(keepingCapacity: true)
        for (i, f) in fields.enumerated() {
            if i > 0 { scratch.append(0x1F) }
            scratch.append(contentsOf: f)
        }
        // Eight bytes per step (multiply-rotate), then the tail.
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(scratch.count)
        scratch.withUnsafeBytes { p in
            var i = 0
            while i + 8 <= p.count {
                h = ((h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9)
                h = (h << 29) | (h >> 35)
                i += 8
            }
            while i < p.count {
                h = (h ^ UInt64(p[i])) &* 0x94D0_49BB_1331_11EB
                i += 1
            }
        }
        if let bucket = table[h] {
            for index in bucket where entries[index].key == scratch {
                entries[index].count += 1
                return
            }
        }
        table[h, default: []].append(entries.count)
        entries.append(Entry(key: scratch, count: 1))
    }

    var count: Int { entries.count }

    var groups: [(key: [String], count: Int)] {
        entries.map { e in
            (e.key.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }, e.count)
        }
    }
}
