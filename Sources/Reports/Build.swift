import Document
import Domain
import Foundation
import Publishing
import Spreadsheet
import Templating
import Vietnamese

/// What `tdkt build` writes: the formats and where.
public struct BuildOptions: Sendable {
    /// The data: a data folder (with don-vi.csv), or a folder of data folders.
    public var data = "data"
    public var out = "reports"
    /// Text documents are written in these formats.
    public var documentFormats: [DocumentFormat] = [.docx, .odt]
    /// Workbooks are written in these formats.
    public var workbookFormats: [SpreadsheetFormat] = [.xlsx, .ods]
    /// Each output also as PDF (LibreOffice, one batch).
    public var pdf = false
    /// Only outputs whose folder, file name or title contains one of these (diacritics and case
    /// ignored); empty: everything.
    public var only: [String] = []
    /// The year of the year-end outputs (nil: the last year with awards).
    public var year: Int?
    /// Where the templates are (nil: templates/ in the working folder when it exists, else the
    /// shipped ones).
    public var templates: String?
    /// Giấy khen: also one file per person.
    public var each = false

    public init() {}
}

/// One output of the build: a document or workbook in its formats.
public struct BuildOutput: Sendable, Hashable {
    public var title: String
    /// Heading of the index page (the data folder's place).
    public var group: String
    /// Paths relative to the output folder, the main format first.
    public var files: [String]
    /// PDF (relative), when made.
    public var pdf: String?
    /// Page-1 picture (relative), when made.
    public var preview: String?
}

/// What a build did.
public struct BuildResult: Sendable {
    public var outputs: [BuildOutput] = []
    /// Data folders that could not be read (nothing was written for them).
    public var failures: [DomainError] = []
    /// Warnings from reading the data and filling the templates.
    public var warnings: [String] = []
    /// Rule violations found in the year-end data (the build still writes everything).
    public var violations: [String] = []
    /// Why the PDFs were not made (LibreOffice or the font missing).
    public var pdfProblem: String?
    /// The index page (relative to the output folder).
    public var index: String?

    public var fileCount: Int { outputs.reduce(0) { $0 + $1.files.count + ($1.pdf == nil ? 0 : 1) } }
}

/// `tdkt build`: every plan and programme of the data as documents (through the templates),
/// the tracking workbooks, PDFs in one LibreOffice batch, previews and reports/index.html.
public final class ReportBuild {
    public let options: BuildOptions
    /// Called before each output is written: (outputs done, outputs in all, title).
    public var progress: ((Int, Int, String) -> Void)?

    private var templateCache: [String: Template] = [:]
    private var scratch: String?

    public init(options: BuildOptions) {
        self.options = options
    }

    deinit {
        if let scratch { try? FileManager.default.removeItem(atPath: scratch) }
    }

    /// A unit of work: one output.
    struct Job {
        var title: String
        var group: String
        /// Folder (relative to the output folder) and file-name stem.
        var folder: String
        var stem: String
        var write: (_ stemPath: String) throws -> [String]
    }

    /// The data folders under `options.data`, sorted: the folder itself when it holds
    /// don-vi.csv, else its sub-folders that do.
    public static func dataFolders(_ root: String) throws -> [String] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            throw BuildError("Không có thư mục dữ liệu «\(root)». Hãy chỉ đúng thư mục bằng --data (mặc định: data).")
        }
        if fm.fileExists(atPath: root + "/don-vi.csv") { return [root] }
        let names = (try? fm.contentsOfDirectory(atPath: root)) ?? []
        let folders = names.sorted().map { root + "/" + $0 }.filter { fm.fileExists(atPath: $0 + "/don-vi.csv") }
        if folders.isEmpty {
            throw BuildError("Thư mục «\(root)» không có dữ liệu: cần tệp don-vi.csv trong thư mục này hoặc trong các thư mục con (xem data/README.md).")
        }
        return folders
    }

    /// Runs the build.
    public func run() throws -> BuildResult {
        var result = BuildResult()
        let fm = FileManager.default
        try fm.createDirectory(atPath: options.out, withIntermediateDirectories: true)
        var jobs: [Job] = []
        var loaded: [(folder: String, data: ProvinceData)] = []
        for folder in try Self.dataFolders(options.data) {
            do {
                loaded.append((folder, try DataFolderLoader(folder: folder).load()))
            } catch {
                result.failures.append(error)
            }
        }
        // The index groups outputs by place; two folders of one province are told apart by
        // what they hold.
        var provinces: [String: Int] = [:]
        for (_, data) in loaded { if let p = data.settings.provinceName { provinces[p, default: 0] += 1 } }
        for (folder, data) in loaded {
            for w in data.warnings { result.warnings.append(w.description) }
            let folderName = (folder as NSString).lastPathComponent
            var group = data.settings.provinceName ?? folderName
            if provinces[group, default: 0] > 1 {
                group += data.awards.isEmpty ? " — kế hoạch, chương trình" : " — tổng kết năm \(data.awardYears.last!)"
            }
            let out = Vietnamese.fileSlug(folderName, maxLength: 40)
            jobs += try self.jobs(for: data, out: out, group: group)
            jobs += yearEndJobs(for: data, out: out, group: group, result: &result)
        }
        jobs = jobs.filter(selected)
        var used = Set<String>()
        for (i, job) in jobs.enumerated() {
            progress?(i, jobs.count, job.title)
            var stem = job.stem
            var n = 2
            while used.contains(job.folder + "/" + stem) { stem = job.stem + "-\(n)"; n += 1 }
            used.insert(job.folder + "/" + stem)
            try fm.createDirectory(atPath: options.out + "/" + job.folder, withIntermediateDirectories: true)
            let files = try job.write(options.out + "/" + job.folder + "/" + stem)
            let relative = files.map { String($0.dropFirst(options.out.count + 1)) }
            result.outputs.append(BuildOutput(title: job.title, group: job.group, files: relative))
        }
        progress?(jobs.count, jobs.count, "")
        if options.pdf {
            do {
                try makePDFs(&result)
            } catch {
                // The documents are written: the index lists them before the PDF error is reported.
                try? writeIndex(&result)
                throw error
            }
        }
        try writeIndex(&result)
        return result
    }

    // MARK: Jobs

    func jobs(for data: ProvinceData, out: String, group: String) throws -> [Job] {
        var jobs: [Job] = []
        for plan in data.plans {
            let template = DocumentValues.template(for: plan)
            let title = "\(plan.kind == .launch ? "Kế hoạch phát động" : "Kế hoạch") \(plan.number.map { "số \($0)" } ?? "(dự thảo)"): \(Text.titleCase(plan.title))"
            let stem = Self.stem(number: plan.number, kind: "ke-hoach", title: plan.title, year: plan.date?.year)
            jobs.append(Job(title: title, group: group, folder: out, stem: stem) { [unowned self] path in
                let values = DocumentValues.plan(plan, in: data)
                return try self.fillDocument(template, values: values, stemPath: path)
            })
        }
        for (i, p) in data.programmes.enumerated() {
            let title = "Chương trình phối hợp \(p.number.map { "số \($0)" } ?? "(dự thảo)"): \(Text.titleCase(p.name))"
            let stem = Self.stem(number: p.number, kind: "chuong-trinh", title: p.name, year: p.signedOn?.year)
            jobs.append(Job(title: title, group: group, folder: out, stem: stem) { [unowned self] path in
                try self.fillDocument(.programme, values: DocumentValues.programme(i, in: data), stemPath: path)
            })
            let rows = DocumentValues.tracking(i, in: data)
            if !rows.isEmpty {
                jobs.append(Job(title: "Theo dõi thực hiện: \(Text.titleCase(p.name))", group: group, folder: out,
                                stem: stem + "_theo-doi") { [unowned self] path in
                    try self.options.workbookFormats.map { f in
                        let file = path + "." + f.rawValue
                        try TrackingWorkbook.write(p, rows: rows, data: data, to: file)
                        return file
                    }
                })
            }
        }
        return jobs
    }

    /// "57-KH-UBND_thong-tin-tuyen-truyen-ve-cong-tac-thi-dua-khen-thuong-nam-2019": the number
    /// folded to ASCII ("/" → "-"), then the title's slug.
    static func stem(number: String?, kind: String, title: String, year: Int?) -> String {
        var head = kind
        if let number, !number.isEmpty {
            let folded = Vietnamese.asciiFolded(number).unicodeScalars.map { s -> String in
                let v = s.value
                let keep = (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
                return keep ? String(s) : "-"
            }.joined()
            head = folded.split(separator: "-").joined(separator: "-")
            if let year { head += "-\(year)" }
        }
        return head + "_" + Vietnamese.fileSlug(title, maxLength: 60)
    }

    /// Whether `--only` keeps a job.
    func selected(_ job: Job) -> Bool {
        guard !options.only.isEmpty else { return true }
        let hay = Self.key(job.folder + " " + job.stem + " " + job.title + " " + job.group)
        return options.only.contains { hay.contains(Self.key($0)) }
    }

    static func key(_ s: String) -> String { Vietnamese.asciiFolded(s).lowercased() }

    // MARK: Templates

    /// Fills `template` in every document format; returns the files.
    func fillDocument(_ template: ShippedTemplate, values: TemplateValue, stemPath: String) throws -> [String] {
        var files: [String] = []
        for f in options.documentFormats {
            let t = try compiled(template, f)
            let file = stemPath + "." + f.rawValue
            do {
                _ = try t.fill(values, to: file)
            } catch let e as TemplateError {
                throw BuildError("Mẫu «\(t.path)» không điền được cho «\(file)»:\n\(e)")
            }
            files.append(file)
        }
        return files
    }

    /// The compiled template: `options.templates` (or templates/ in the working folder) when it
    /// has the file, else the shipped one written to a private folder.
    func compiled(_ template: ShippedTemplate, _ format: DocumentFormat) throws -> Template {
        let name = template.fileName(format)
        if let t = templateCache[name] { return t }
        var path: String
        if let own = try userTemplate(template, format) {
            path = own
        } else {
            path = try scratchFolder() + "/" + name
            if !FileManager.default.fileExists(atPath: path) { try template.document().write(to: path, format: format) }
        }
        var opts = TemplateOptions()
        opts.paragraphLoop = true
        let t: Template
        do {
            t = try Template(path: path, options: opts)
        } catch {
            throw BuildError("Mẫu «\(path)» có lỗi:\n\(error)\nHãy sửa mẫu, hoặc xóa nó để dùng mẫu có sẵn của tdkt.")
        }
        templateCache[name] = t
        return t
    }

    func scratchFolder() throws -> String {
        if let scratch { return scratch }
        let dir = NSTemporaryDirectory() + "tdkt-build-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        scratch = dir
        return dir
    }

    // MARK: PDF, previews, index

    func makePDFs(_ result: inout BuildResult) throws {
        let exporter: PDFExport
        do {
            exporter = try PDFExport()
        } catch {
            result.pdfProblem = "\(error)"
            throw error
        }
        var jobs: [PDFExport.Job] = []
        var owner: [Int] = []
        for (i, o) in result.outputs.enumerated() {
            guard let first = o.files.first else { continue }
            let pdf = String(first[..<first.lastIndex(of: ".")!]) + ".pdf"
            jobs.append(PDFExport.Job(input: options.out + "/" + first, output: options.out + "/" + pdf))
            owner.append(i)
        }
        progress?(0, 1, "Xuất PDF (LibreOffice, \(jobs.count) tệp)")
        try exporter.convert(jobs)
        for (k, i) in owner.enumerated() {
            let pdf = String(jobs[k].output.dropFirst(options.out.count + 1))
            result.outputs[i].pdf = pdf
            let folder = (pdf as NSString).deletingLastPathComponent
            let name = ((pdf as NSString).lastPathComponent as NSString).deletingPathExtension
            let png = options.out + "/" + folder + "/xem-truoc/" + name + ".png"
            if let made = IndexPage.preview(pdf: options.out + "/" + pdf, png: png) {
                result.outputs[i].preview = String(made.dropFirst(options.out.count + 1))
            }
        }
    }

    func writeIndex(_ result: inout BuildResult) throws {
        let entries = result.outputs.map { o in
            IndexPage.Entry(title: o.title, group: o.group, files: o.files + (o.pdf.map { [$0] } ?? []), preview: o.preview)
        }
        var notes = ["Dữ liệu: \(options.data) — \(VietnameseNumber.format(result.outputs.count)) văn bản, bảng tính"]
        if !result.failures.isEmpty {
            notes.append("Có \(result.failures.count) thư mục dữ liệu lỗi, không được lập (xem thông báo của tdkt build).")
        }
        if !result.violations.isEmpty {
            notes.append("Có \(VietnameseNumber.format(result.violations.count)) vi phạm quy tắc khen thưởng (xem bảng kiểm tra).")
        }
        let page = IndexPage(title: "Văn bản thi đua, khen thưởng", entries: entries, notes: notes)
        try page.write(to: options.out + "/index.html")
        result.index = "index.html"
    }
}

/// A build problem that is not the data's (a template, the output folder).
public struct BuildError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
