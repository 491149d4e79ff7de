import Document
import Domain
import Foundation
import Spreadsheet
import Vietnamese

/// The year-end outputs of a data folder that holds awards: the tally workbook, the Báo cáo
/// tổng kết, the Tờ trình and Quyết định khen thưởng, and the Giấy khen; the rule checks of the
/// year (the build writes everything and lists the violations).
extension ReportBuild {
    func yearEndJobs(for data: ProvinceData, out: String, group: String, result: inout BuildResult) -> [Job] {
        guard !data.awards.isEmpty else { return [] }
        let years = data.awardYears
        let year = options.year.flatMap { years.contains($0) ? $0 : nil } ?? years.last!
        if let wanted = options.year, !years.contains(wanted) {
            result.warnings.append("Thư mục «\(group)» không có khen thưởng năm \(wanted) (có: \(years.map(String.init).joined(separator: ", "))); lập báo cáo năm \(year).")
        }
        let report = RuleChecker.check(data, years: [year])
        for v in report.violations.sorted(by: { ($0.rule, $0.key) < ($1.rule, $1.key) }) {
            let at = v.locations.first.map { " (\($0))" } ?? ""
            result.violations.append("\(group), năm \(v.year), \(v.rule.rawValue) — \(v.article): \(v.message)\(at)")
        }
        var jobs: [Job] = []
        if !options.workbookFormats.isEmpty {
            jobs.append(Job(title: "Bảng tổng hợp thi đua, khen thưởng năm \(year)", group: group, folder: out,
                            stem: "bang-tong-hop-\(year)") { [unowned self] path in
                try self.options.workbookFormats.map { f in
                    let file = path + "." + f.rawValue
                    try TallyWorkbook.write(data, year: year, to: file)
                    return file
                }
            })
        }
        if !options.documentFormats.isEmpty {
            for kind in YearEndDocuments.Kind.allCases {
                let info = YearEndDocuments.info(kind, data, year: year)
                jobs.append(Job(title: info.title, group: group, folder: out, stem: info.fileStem) { [unowned self] path in
                    let document = try YearEndDocuments.document(kind, data, year: year)
                    return try self.options.documentFormats.map { f in
                        let file = path + "." + f.rawValue
                        try document.write(to: file, format: f)
                        return file
                    }
                })
            }
            let count = Certificates.values(data, year: year).count
            if count > 0 {
                jobs.append(Job(title: "Giấy khen năm \(year) (\(VietnameseNumber.format(count)) giấy, gộp để in)", group: group,
                                folder: out, stem: "giay-khen-\(year)") { [unowned self] path in
                    var files: [String] = []
                    for f in self.options.documentFormats {
                        let file = path + "." + f.rawValue
                        try Certificates.writeCombined(data, year: year, to: file, template: try self.userTemplate(.certificate, f))
                        files.append(file)
                    }
                    if self.options.each, let f = self.options.documentFormats.first {
                        let folder = path + "-tung-nguoi"
                        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                        _ = try Certificates.writeEach(data, year: year, directory: folder, format: f,
                                                       template: try self.userTemplate(.certificate, f))
                    }
                    return files
                })
            }
        }
        return jobs
    }

    /// An office's own version of a shipped template: in `options.templates`, else templates/
    /// in the working folder; nil when there is none (the shipped one is used).
    func userTemplate(_ template: ShippedTemplate, _ format: DocumentFormat) throws -> String? {
        let name = template.fileName(format)
        if let dir = options.templates {
            let path = dir + "/" + name
            guard FileManager.default.fileExists(atPath: path) else {
                throw BuildError("Thư mục mẫu «\(dir)» không có «\(name)». Hãy chép mẫu từ templates/ của tdkt (hoặc chạy: tdkt mau --out \(dir)).")
            }
            return path
        }
        return FileManager.default.fileExists(atPath: "templates/" + name) ? "templates/" + name : nil
    }
}
