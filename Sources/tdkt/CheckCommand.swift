import ArgumentParser
import Domain
import Foundation
import Ingest
import Vietnamese

/// `tdkt check`: loads a data folder, runs the rule checks R1–R12 and lists the violations by
/// unit (or as JSON). Exit 0 clean, 1 a rule broken, 2 the data cannot be read.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Kiểm tra dữ liệu thi đua, khen thưởng theo các quy tắc R1–R12 (Luật Thi đua, khen thưởng 2022).",
        discussion: """
        Đọc cả thư mục dữ liệu (danh sách đơn vị, số lao động, danh sách khen thưởng, xếp loại, cụm, khối \
        và bảng chấm điểm…; xem docs/domain.md), rồi kiểm tra từng quy tắc: tỷ lệ Chiến sĩ thi đua cơ sở, \
        các năm liên tục, tiêu chí tập thể, Cờ thi đua theo xếp hạng cụm, khối, khen trùng… \
        Vi phạm được liệt kê theo đơn vị, kèm quy tắc, căn cứ, số liệu và dòng dữ liệu. \
        Mã thoát 0: không có vi phạm; 1: có vi phạm; 2: dữ liệu không đọc được (đã liệt kê từng lỗi kèm tệp, dòng, cột).
        """
    )

    @Argument(help: ArgumentHelp("Thư mục dữ liệu (mặc định: data).", valueName: "thư-mục"))
    var folder: String = "data"

    @Option(name: .long, help: ArgumentHelp("Chỉ kiểm tra năm này (mặc định: các năm có số lao động).", valueName: "năm"))
    var year: Int?

    @Flag(name: .long, help: "Ghi kết quả dạng JSON.")
    var json = false

    /// Benchmark: also computes every table of every checked year and reports the phases
    /// (time, peak memory) on standard error.
    @Flag(name: .customLong("benchmark"), help: ArgumentHelp(visibility: .private))
    var benchmark = false

    mutating func run() throws {
        let clock = PhaseClock()
        let data: ProvinceData
        do {
            data = try DataFolderLoader(folder: folder).load()
        } catch {
            if json { print(CheckOutput.errorJSON(error)) }
            throw error
        }
        clock.mark("nap_du_lieu")
        if let year, !data.awardYears.contains(year), !data.defaultCheckedYears.contains(year) {
            let known = data.awardYears.map(String.init).joined(separator: ", ")
            throw ValidationError("Dữ liệu không có năm \(year) (các năm có khen thưởng: \(known.isEmpty ? "không có" : known)).")
        }
        let index = DomainIndex(data)
        let years = year.map { [$0] } ?? data.defaultCheckedYears
        if benchmark {
            var cells = 0
            for y in years {
                for table in Aggregations.all(data, year: y, index: index) { cells += table.rows.count * table.columns.count }
            }
            clock.mark("tong_hop")
            _ = cells
        }
        let report = RuleChecker.check(data, years: years, index: index)
        clock.mark("kiem_tra")
        if json {
            print(CheckOutput.json(report, data: data, folder: folder))
        } else {
            print(CheckOutput.text(report, data: data, folder: folder))
            if !data.warnings.isEmpty {
                var lines = ["Cảnh báo khi đọc dữ liệu (\(VietnameseNumber.format(data.warnings.count))):"]
                lines += data.warnings.prefix(20).map { "  - \($0)" }
                if data.warnings.count > 20 { lines.append("  … và \(data.warnings.count - 20) cảnh báo khác.") }
                writeStandardError(lines.joined(separator: "\n") + "\n")
            }
        }
        if benchmark { writeStandardError(clock.summary(awards: data.awards.count) + "\n") }
        if !report.isClean { throw ExitCode(1) }
    }
}

/// Phase times and peak memory for `--benchmark`.
final class PhaseClock {
    private var last = PhaseClock.now()
    private let start = PhaseClock.now()
    private var phases: [(String, Double)] = []

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func mark(_ name: String) {
        let t = PhaseClock.now()
        phases.append((name, t - last))
        last = t
    }

    func summary(awards: Int) -> String {
        var parts = ["do_hieu_nang khen_thuong=\(awards)"]
        for (name, t) in phases { parts.append("\(name)=\(String(format: "%.3f", t))s") }
        parts.append("tong=\(String(format: "%.3f", PhaseClock.now() - start))s")
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        parts.append("rss_toi_da=\(usage.ru_maxrss)KB")
        return parts.joined(separator: " ")
    }
}

/// How `tdkt check` writes its findings.
enum CheckOutput {
    /// The readable list: violations grouped by unit (hierarchy order), then the settings
    /// marked unconfirmed.
    static func text(_ report: CheckReport, data: ProvinceData, folder: String) -> String {
        var lines: [String] = []
        let years = report.checkedYears.map(String.init).joined(separator: ", ")
        lines.append("Kiểm tra dữ liệu thi đua, khen thưởng: \(folder) (năm \(years.isEmpty ? "—" : years))")
        let allYears = data.awardYears
        let span = allYears.isEmpty ? "" : " (năm \(allYears.first!)\(allYears.count > 1 ? "–\(allYears.last!)" : ""))"
        let people = data.subjects.reduce(0) { $0 + ($1.kind == .individual ? 1 : 0) }
        lines.append("Đã đọc: \(VietnameseNumber.format(data.units.count)) đơn vị, \(VietnameseNumber.format(people)) cá nhân, "
                     + "\(VietnameseNumber.format(data.awards.count)) lượt khen thưởng\(span), \(VietnameseNumber.format(data.clusters.count)) cụm, khối thi đua.")
        let off = RuleID.allCases.filter { !report.rulesRun.contains($0) }
        lines.append("Quy tắc đã kiểm tra: \(report.rulesRun.map(\.rawValue).joined(separator: ", "))"
                     + (off.isEmpty ? "." : " (\(off.map(\.rawValue).joined(separator: ", ")) tắt trong thiết lập)."))
        lines.append("")
        if report.violations.isEmpty {
            lines.append("Không phát hiện vi phạm nào.")
        } else {
            let units = Set(report.violations.map(\.unit)).count
            lines.append("Phát hiện \(VietnameseNumber.format(report.violations.count)) vi phạm ở \(VietnameseNumber.format(units)) đơn vị:")
            var current: Int32? = nil
            for v in report.violations {
                if v.unit != current {
                    current = v.unit
                    lines.append("")
                    lines.append(v.unitName.map { "\($0)" + (v.unitCode.map { " (mã \($0))" } ?? "") } ?? "(không rõ đơn vị)")
                }
                lines.append("  - [\(v.rule.rawValue)] \(v.message)")
                lines.append("    Căn cứ: \(v.article).")
                if !v.locations.isEmpty { lines.append("    Nguồn: \(sources(v.locations)).") }
            }
        }
        for (rule, n) in report.notCheckable.sorted(by: { $0.key < $1.key }) {
            lines.append("")
            lines.append("\(rule.rawValue): \(VietnameseNumber.format(n)) lượt khen thưởng không có xếp loại nên không kiểm tra được.")
        }
        let unconfirmed = data.settings.unconfirmed
        if !unconfirmed.isEmpty {
            lines.append("")
            lines.append("Tham số chưa xác nhận đang dùng (sửa trong thiet-lap.yaml nếu địa phương quy định khác):")
            for e in unconfirmed { lines.append("  - \(e.key) = \(e.value): \(e.note)") }
        }
        return lines.joined(separator: "\n")
    }

    /// "khen-thuong-2024.csv, dòng 609, 610, 2449 (và 3 dòng khác)" — lines grouped by file.
    static func sources(_ locations: [SourceLocation], limit: Int = 8) -> String {
        var files: [String] = []
        var lines: [String: [Int]] = [:]
        for l in locations {
            if lines[l.file] == nil { files.append(l.file) }
            lines[l.file, default: []].append(l.line ?? 0)
        }
        return files.map { f in
            let list = lines[f]!
            let shown = list.prefix(limit).map(String.init).joined(separator: ", ")
            let more = list.count > limit ? " (và \(list.count - limit) dòng khác)" : ""
            return "\(f), dòng \(shown)\(more)"
        }.joined(separator: "; ")
    }

    struct ViolationJSON: Encodable {
        var quy_tac: String
        var can_cu: String
        var nam: Int
        var ma_don_vi: String?
        var don_vi: String?
        var doi_tuong: String?
        var ma_ca_nhan: String?
        var noi_dung: String
        var so_lieu: [String: Int]
        var nguon: [String]
    }

    struct SettingJSON: Encodable {
        var khoa: String
        var gia_tri: String
        var ghi_chu: String
    }

    struct ReportJSON: Encodable {
        var thu_muc: String
        var nam_kiem_tra: [Int]
        var quy_tac: [String]
        var so_vi_pham: Int
        var vi_pham: [ViolationJSON]
        var khong_kiem_tra_duoc: [String: Int]
        var tham_so_chua_xac_nhan: [SettingJSON]
    }

    struct IssueJSON: Encodable {
        var tep: String
        var dong: Int?
        var cot: String?
        var khoa: String?
        var loai: String
        var gia_tri: String?
        var noi_dung: String
    }

    struct ErrorJSON: Encodable {
        var loi_du_lieu: [IssueJSON]
        var so_loi_khong_liet_ke: Int
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func json(_ report: CheckReport, data: ProvinceData, folder: String) -> String {
        let violations = report.violations.map { v in
            ViolationJSON(quy_tac: v.rule.rawValue, can_cu: v.article, nam: v.year, ma_don_vi: v.unitCode, don_vi: v.unitName,
                          doi_tuong: v.subject, ma_ca_nhan: v.subjectCode, noi_dung: v.message, so_lieu: v.numbers,
                          nguon: v.locations.map(\.description))
        }
        var notCheckable: [String: Int] = [:]
        for (r, n) in report.notCheckable { notCheckable[r.rawValue] = n }
        return encode(ReportJSON(thu_muc: folder, nam_kiem_tra: report.checkedYears, quy_tac: report.rulesRun.map(\.rawValue),
                                 so_vi_pham: violations.count, vi_pham: violations, khong_kiem_tra_duoc: notCheckable,
                                 tham_so_chua_xac_nhan: data.settings.unconfirmed.map {
                                     SettingJSON(khoa: $0.key, gia_tri: $0.value, ghi_chu: $0.note)
                                 }))
    }

    static func errorJSON(_ error: any Error) -> String {
        var issues: [IngestIssue] = []
        var unlisted = 0
        if let e = error as? DomainError {
            issues = e.errors
            unlisted = e.unlistedErrors
        } else if let e = error as? IngestError {
            issues = e.errors
            unlisted = e.unlistedErrors
        }
        return encode(ErrorJSON(loi_du_lieu: issues.map { i in
            IssueJSON(tep: i.location.file, dong: i.location.line,
                      cot: i.location.columnName ?? i.location.columnIndex.map(String.init), khoa: i.location.keyPath,
                      loai: i.kind.rawValue, gia_tri: i.value, noi_dung: i.message)
        }, so_loi_khong_liet_ke: unlisted))
    }
}

/// `tdkt du-lieu-mau`: writes a generated province as a data folder (sample data, tests,
/// benchmarks).
struct SampleDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "du-lieu-mau",
        abstract: "Tạo thư mục dữ liệu mẫu của một tỉnh (đơn vị, cụm, khối, chấm điểm, khen thưởng, tuyên truyền…).",
        discussion: """
        Dữ liệu sinh theo hạt giống (--hat-giong): cùng tham số cho cùng từng byte. Mặc định không có vi phạm nào; \
        --cai-vi-pham R2=3,R7=1 cài đúng số vi phạm của từng quy tắc để thử «tdkt check». \
        Không ghi đè thư mục đã có dữ liệu (trừ khi có --ghi-de).
        """
    )

    @Argument(help: ArgumentHelp("Thư mục sẽ ghi (tạo mới nếu chưa có).", valueName: "thư-mục"))
    var folder: String

    @Option(name: .customLong("hat-giong"), help: ArgumentHelp("Hạt giống của bộ sinh số.", valueName: "n"))
    var seed: UInt64 = 2024

    @Option(name: .customLong("so-khen-thuong"), help: ArgumentHelp("Số lượt khen thưởng khoảng bao nhiêu (các năm chính).", valueName: "n"))
    var awards: Int = 5000

    @Option(name: .customLong("nam"), help: ArgumentHelp("Các năm có đủ dữ liệu, cách nhau bằng dấu phẩy.", valueName: "năm,năm"))
    var years: String = "2023,2024"

    @Option(name: .customLong("tinh"), help: ArgumentHelp("Tên tỉnh.", valueName: "tên"))
    var province: String = "Bắc Ninh"

    @Option(name: .customLong("cai-vi-pham"), help: ArgumentHelp("Số vi phạm cài vào, ví dụ R1=2,R9=1 (hoặc tat-ca=2).", valueName: "quy-tắc=n"))
    var planted: String?

    @Flag(name: .customLong("ghi-de"), help: "Ghi đè thư mục đã có dữ liệu.")
    var overwrite = false

    mutating func run() throws {
        let yearList = years.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !yearList.isEmpty, yearList.count == years.split(separator: ",").count, yearList.allSatisfy({ (1990...2100).contains($0) }) else {
            throw ValidationError("--nam «\(years)» không hợp lệ: viết các năm cách nhau bằng dấu phẩy, ví dụ 2023,2024.")
        }
        guard awards > 0, awards <= 20_000_000 else {
            throw ValidationError("--so-khen-thuong phải từ 1 đến 20.000.000.")
        }
        var plant: [RuleID: Int] = [:]
        if let planted {
            for part in planted.split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, let n = Int(kv[1]), n >= 0 else {
                    throw ValidationError("--cai-vi-pham: «\(part)» không hợp lệ; viết dạng R2=3.")
                }
                if kv[0].lowercased() == "tat-ca" || kv[0].lowercased() == "tất-cả" {
                    for r in RuleID.allCases { plant[r] = n }
                } else if let r = RuleID(rawValue: kv[0].uppercased()) {
                    plant[r] = n
                } else {
                    throw ValidationError("--cai-vi-pham: không có quy tắc «\(kv[0])»; dùng R1 … R12.")
                }
            }
        }
        let generated = ProvinceGenerator.generate(ProvinceSpec(seed: seed, provinceName: province, years: yearList,
                                                                awards: awards, planted: plant))
        try generated.write(to: folder, overwrite: overwrite)
        print("Đã ghi \(folder): \(VietnameseNumber.format(generated.data.units.count)) đơn vị, "
              + "\(VietnameseNumber.format(generated.data.persons.count)) cá nhân, "
              + "\(VietnameseNumber.format(generated.data.awards.count)) lượt khen thưởng.")
        if !generated.planted.isEmpty {
            print("Vi phạm đã cài (\(generated.planted.count)):")
            for key in generated.planted { print("  \(key)") }
        }
        for (rule, n) in generated.shortfall.sorted(by: { $0.key < $1.key }) {
            writeStandardError("Không đủ chỗ để cài \(n) vi phạm \(rule.rawValue) (dữ liệu quá nhỏ).\n")
        }
    }
}
