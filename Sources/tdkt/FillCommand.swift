import ArgumentParser
import Dispatch
import Glibc
import Ingest
import OfficeZip
import Synchronization
import Templating
import Vietnamese

/// `tdkt fill TEMPLATE DATA -o OUT` (alias `tdkt merge`): a user's DOCX, ODT, XLSX or ODS
/// template filled from a CSV, JSON or YAML export.
struct FillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill",
        _superCommandName: "tdkt",  // lets CLI.run parse it on its own (help still reads "tdkt fill")
        abstract: "Điền mẫu DOCX, ODT, XLSX, ODS của cơ quan từ tệp CSV, JSON hoặc YAML (trộn thư).",
        discussion: """
        Thẻ trong mẫu: {ho_ten}, {don_vi.ten}, vòng lặp {#danh_sach}…{/danh_sach}, điều kiện {^x}…{/x}, \
        bộ định dạng {ngay | ngay_dai}, {so_tien | so}, {so_tien | chu}, {ten | hoa}, {x | mac_dinh:"…"}; \
        trường trộn thư MERGEFIELD của Word và trường cơ sở dữ liệu của LibreOffice. Xem docs/templating.md.
        Dữ liệu CSV (hoặc mảng JSON/YAML) là danh sách bản ghi, dùng trong mẫu qua {#rows}…{/rows} (hoặc {#dong}…{/dong}); \
        với --each mỗi bản ghi cho một tệp, tên tệp theo mẫu -o 'giay-khen/{#}-{ho_ten}.docx'. \
        Mã thoát 0: đã ghi; 65: mẫu hoặc dữ liệu có lỗi (không ghi gì); 66: không đọc được tệp vào.
        """,
        aliases: ["merge"]
    )

    @Argument(help: ArgumentHelp("Tệp mẫu (.docx, .dotx, .docm, .odt, .xlsx, .ods).", valueName: "mẫu"))
    var template: String

    @Argument(help: ArgumentHelp("Dữ liệu: CSV, JSON hoặc YAML.", valueName: "dữ-liệu"))
    var data: String?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp(
        "Tệp kết quả; với --each là mẫu tên tệp ({#} số thứ tự, {truong} giá trị của bản ghi) hoặc một thư mục.",
        valueName: "tệp-ra"))
    var output: String?

    @Flag(name: .long, help: "Mỗi bản ghi một tệp.")
    var each = false

    @Flag(name: .long, help: "Mọi bản ghi trong một tệp, mỗi bản ghi một phần riêng bắt đầu trang mới.")
    var combine = false

    @Option(name: .long, help: ArgumentHelp("Tệp JSON/YAML thêm giá trị dùng chung (có thể lặp lại).", valueName: "tệp"))
    var vars: [String] = []

    @Option(name: .long, help: ArgumentHelp("Thêm một giá trị dùng chung, ví dụ --set nam=2025 (có thể lặp lại).", valueName: "khóa=giá-trị"))
    var set: [String] = []

    @Flag(name: .long, help: "Không xóa đoạn chỉ chứa thẻ vòng lặp (mặc định: xóa và lặp các đoạn ở giữa).")
    var noParagraphLoop = false

    @Flag(name: .long, help: "Không đổi dấu xuống dòng trong giá trị thành ngắt dòng.")
    var noLinebreaks = false

    @Option(name: .long, help: ArgumentHelp("Dấu mở và đóng thẻ, cách nhau một dấu cách, ví dụ '[[ ]]' (mặc định: '{ }').", valueName: "mở đóng"))
    var delimiters: String?

    @Option(name: .long, help: ArgumentHelp("Tên tháng, thứ, SA/CH trong khóa \\@ của MERGEFIELD: vi hoặc en.", valueName: "vi|en"))
    var locale: String = "vi"

    @Flag(name: .long, help: "Thẻ không có trong dữ liệu là lỗi (mặc định).")
    var strict = false

    @Flag(name: .long, help: "Thẻ không có trong dữ liệu để trống và cảnh báo.")
    var lenient = false

    @Flag(name: .long, help: "Chỉ liệt kê thẻ và trường của mẫu (và, nếu có dữ liệu, những gì còn thiếu); không ghi gì.")
    var check = false

    @Flag(name: .long, help: "In kết quả và lỗi dạng JSON.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Chỉ dùng n bản ghi đầu.", valueName: "n"))
    var limit: Int?

    @OptionGroup var csv: CSVInputOptions

    mutating func validate() throws {
        if each && combine { throw ValidationError("Chọn một trong --each và --combine.") }
        if strict && lenient { throw ValidationError("Chọn một trong --strict và --lenient.") }
        if !check && output == nil { throw ValidationError("Thiếu tệp kết quả: -o TỆP.") }
        if !check && data == nil { throw ValidationError("Thiếu tệp dữ liệu (CSV, JSON hoặc YAML).") }
        if let limit, limit < 1 { throw ValidationError("--limit phải từ 1 trở lên.") }
        if TemplateLocale(rawValue: locale.lowercased()) == nil { throw ValidationError("--locale chỉ nhận vi hoặc en.") }
        if let delimiters, Delimiters(spec: delimiters) == nil {
            throw ValidationError("--delimiters cần dấu mở và dấu đóng cách nhau một dấu cách, ví dụ '[[ ]]'.")
        }
    }

    mutating func run() throws {
        var options = TemplateOptions()
        options.paragraphLoop = !noParagraphLoop
        options.render.linebreaks = !noLinebreaks
        options.render.locale = TemplateLocale(rawValue: locale.lowercased()) ?? .vi
        options.render.missing = lenient ? .empty : .error
        if let delimiters, let d = Delimiters(spec: delimiters) { options.delimiters = d }

        // A CSV kept in memory is read after the template: only the columns its tags name are
        // typed (the others stay null, never looked up).
        var first: Template?
        var columns: Set<String>?
        if let data, !each, StructuredFormat(path: data) == nil {
            let t = try openTemplate(options)
            first = t
            columns = t.dataNames
        }
        var dataset: FillDataset?
        if let data {
            // With --each a CSV is read again record by record (memory does not grow with the rows).
            dataset = try FillDataset.load(data, csv: try csv.csvOptions(), vars: vars, sets: set, limit: limit, keepRecords: !each,
                                           columns: columns)
        }
        // The rows of `rows` decide which table rows of MERGEFIELDs repeat: such a template is
        // compiled again knowing them.
        if let dataset, !each, !combine { options.rowKeys = dataset.rowKeys }
        let tpl: Template
        if let first, options.rowKeys.isEmpty || !first.hasMergeFields {
            tpl = first
        } else {
            tpl = try openTemplate(options)
        }
        var issues = tpl.warnings
        if let dataset { issues += dataset.checkNames(tpl, strict: !lenient) }
        if check {
            printCheck(tpl, dataset: dataset, issues: issues)
            if issues.contains(where: { $0.severity == .error }) { throw ExitCode(65) }
            return
        }
        guard let dataset, let output else { return }
        if issues.contains(where: { $0.severity == .error }) {
            try report(issues, files: [])
            throw ExitCode(65)
        }
        var inputs = [template] + vars
        if let data { inputs.append(data) }
        // Names already reported as missing (lenient) fill empty without a second warning.
        tpl.knownNames = dataset.knownNames.union(issues.filter { $0.code == .missingValue }.compactMap(\.tag).flatMap { $0.split(separator: ".").map(String.init) })

        var written: [String] = []
        var warnings = issues
        if each {
            let plan = try outputPlan(output, tpl: tpl, dataset: dataset)
            if !plan.problems.isEmpty {
                try report(plan.problems, files: [])
                throw ExitCode(65)
            }
            try checkOutputs(plan.paths, inputs: inputs)
            var progress = Progress(total: plan.paths.count, enabled: isatty(2) == 1 && !json && plan.paths.count > 1)
            var failures: [TemplateIssue] = []
            let perDocument = tpl.nextFieldCount + 1
            var staging = StagingDirectories()
            defer { staging.removeAll() }
            var made = Set<String>()
            // Document k takes records k × perDocument ..< (k + 1) × perDocument (its NEXT fields
            // move through them); the records come one at a time (`forEachRecord`).
            func fillDocument(_ k: Int, _ window: [TemplateValue]) throws {
                let path = plan.paths[k]
                let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
                if made.insert(dir).inserted { try makeDirectory(for: path) }
                let base = k * perDocument
                let record = dataset.scope(for: window[0])
                do {
                    // Each file is written (atomically) in an empty private folder beside its target and
                    // then renamed into place: the target folder, which fills up with a thousand
                    // certificates, is not swept for stale temporaries once per file.
                    let staged = try staging.path(for: path)
                    let summary = try tpl.fill(record, to: staged, records: perDocument > 1 ? window : nil, recordBase: 0,
                                               privateFolder: true)
                    guard rename(staged, path) == 0 else {
                        let why = String(cString: strerror(errno))
                        unlink(staged)
                        throw ZipError(.ioFailed, path: path, detail: "rename: \(why)")
                    }
                    warnings += summary.warnings
                    written.append(path)
                } catch let error as TemplateError {
                    failures += error.issues.map { issue in
                        var i = issue
                        i.location.file = "\(path) (bản ghi \(base + 1))"
                        return i
                    }
                }
                progress.advance()
            }
            var window: [TemplateValue] = []
            window.reserveCapacity(perDocument)
            try dataset.forEachRecord { i, record in
                window.append(record)
                if window.count == perDocument {
                    try fillDocument(i / perDocument, window)
                    window.removeAll(keepingCapacity: true)
                }
            }
            if !window.isEmpty { try fillDocument(plan.paths.count - 1, window) }
            progress.finish()
            if !failures.isEmpty {
                try report(failures + warnings, files: written)
                throw ExitCode(65)
            }
        } else {
            try OutputGuard.check(output: output, inputs: inputs)
            try makeDirectory(for: output)
            do {
                let summary: FillSummary
                if combine {
                    let perDocument = tpl.nextFieldCount + 1
                    var roots: [TemplateValue] = []
                    var bases: [Int] = []
                    var base = 0
                    while base < dataset.records.count {
                        roots.append(dataset.scope(for: dataset.records[base]))
                        bases.append(base)
                        base += perDocument
                    }
                    summary = try tpl.fillCombined(roots, to: output, records: perDocument > 1 ? dataset.records : nil, recordBases: bases)
                } else {
                    summary = try tpl.fill(dataset.root, to: output, records: tpl.nextFieldCount > 0 ? dataset.records : nil)
                }
                warnings += summary.warnings
                written.append(output)
            } catch let error as TemplateError {
                try report(error.issues + warnings, files: [])
                throw ExitCode(65)
            }
        }
        // The process ends right after: the records are left to the exit rather than freed
        // one by one (tens of thousands of values, milliseconds for nothing).
        CLI.keepUntilExit(dataset)
        try report(warnings, files: written)
    }

    func openTemplate(_ options: TemplateOptions) throws -> Template {
        let result: Result<Template, TemplateError>
        do {
            result = .success(try Template(path: template, options: options))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let t):
            return t
        case .failure(let error):
            try report(error.issues, files: [])
            throw ExitCode(65)
        }
    }

    // MARK: - Output names

    struct OutputPlan {
        var paths: [String] = []
        var problems: [TemplateIssue] = []
    }

    /// One path per document, from the pattern; collisions and unusable names are problems.
    func outputPlan(_ pattern: String, tpl: Template, dataset: FillDataset) throws -> OutputPlan {
        var plan = OutputPlan()
        let perDocument = tpl.nextFieldCount + 1
        let count = (dataset.recordCount + perDocument - 1) / perDocument
        var pattern = pattern
        var isDirectory = false
        var info = stat()
        if pattern.hasSuffix("/") || (!pattern.contains("{") && ((stat(pattern, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR)
                                                                  || TemplateFormat.extensionOf(pattern).isEmpty)) {
            isDirectory = true
        }
        if isDirectory {
            let base = (template.split(separator: "/").last.map(String.init) ?? "mau")
            let stem = base.contains(".") ? String(base[..<base.lastIndex(of: ".")!]) : base
            var ext = TemplateFormat.extensionOf(template)
            ext = ["dotx": "docx", "dotm": "docx", "docm": "docx", "ott": "odt", "xltx": "xlsx", "xlsm": "xlsx", "ots": "ods"][ext] ?? ext
            pattern = (pattern.hasSuffix("/") ? String(pattern.dropLast()) : pattern) + "/\(stem)-{#}.\(ext)"
        }
        guard TemplateFormat(outputPath: pattern) == tpl.format else {
            plan.problems.append(issue(.invalidOutputName, "tệp ra phải có đuôi của định dạng \(tpl.format.rawValue.uppercased()): \(pattern)"))
            return plan
        }
        let width = String(count).count
        var seen: [String: Int] = [:]
        var failed = false
        try dataset.forEachRecord { i, record in
            guard !failed, i % perDocument == 0 else { return }
            let k = i / perDocument
            var path = ""
            var chars = Substring(pattern)
            while let open = chars.firstIndex(of: "{") {
                path += chars[..<open]
                guard let close = chars[open...].firstIndex(of: "}") else { path += chars[open...]; chars = ""; break }
                let name = String(chars[chars.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
                chars = chars[chars.index(after: close)...]
                if name == "#" {
                    let n = String(k + 1)
                    path += String(repeating: "0", count: max(0, width - n.count)) + n
                } else if let value = record[Vietnamese.nfc(name)] ?? dataset.top[Vietnamese.nfc(name)] {
                    path += FillCommand.safeName(value.displayText(locale: .vi))
                } else {
                    plan.problems.append(issue(.invalidOutputName, "mẫu tên tệp dùng {\(name)} nhưng dữ liệu không có trường này"))
                    failed = true
                    break
                }
            }
            if failed { return }
            path += chars
            if let previous = seen[path] {
                plan.problems.append(issue(.outputNameCollision, "bản ghi \(previous + 1) và \(k + 1) cùng ra tệp «\(path)»"))
                return
            }
            seen[path] = k
            plan.paths.append(path)
        }
        return plan
    }

    func issue(_ code: TemplateIssue.Code, _ detail: String) -> TemplateIssue {
        let (message, fix) = FillCommand.issueText(code, detail)
        return TemplateIssue(code, at: TemplateLocation(file: output ?? "", part: ""), message: message, fix: fix)
    }

    static func issueText(_ code: TemplateIssue.Code, _ detail: String) -> (String, String) {
        switch code {
        case .outputNameCollision:
            return ("Hai bản ghi cho cùng một tên tệp: \(detail).",
                    "Thêm {#} hoặc một trường riêng của từng bản ghi vào mẫu tên tệp (-o), ví dụ 'giay-khen/{#}-{ho_ten}.docx'.")
        default:
            return ("Tên tệp kết quả không dùng được: \(detail).", "Sửa mẫu tên tệp (-o) hoặc dữ liệu dùng trong tên.")
        }
    }

    /// A value made safe as one file name component: no `/`, `\`, control characters or
    /// characters Windows refuses; Vietnamese kept (NFC); at most 120 characters.
    static func safeName(_ text: String) -> String {
        var out = ""
        for c in Vietnamese.nfc(text) {
            if c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) || "/\\:*?\"<>|".contains(c) {
                out.append("_")
            } else {
                out.append(c)
            }
        }
        out = out.trimmingCharacters(in: .whitespaces)
        while out.hasPrefix(".") { out.removeFirst() }
        if out.count > 120 { out = String(out.prefix(120)) }
        return out.isEmpty ? "_" : out
    }

    /// No output may be an input: an output that is an input exists, so only existing outputs
    /// are compared (by device and inode, which sees through links), and each is stat'ed once.
    func checkOutputs(_ paths: [String], inputs: [String]) throws {
        var identities = Set<[UInt64]>()
        for input in inputs {
            var info = stat()
            if stat(input, &info) == 0 { identities.insert([UInt64(info.st_dev), UInt64(info.st_ino)]) }
        }
        for path in paths {
            var info = stat()
            if stat(path, &info) == 0, identities.contains([UInt64(info.st_dev), UInt64(info.st_ino)]) {
                try OutputGuard.check(output: path, inputs: inputs)
            }
        }
    }

    func makeDirectory(for path: String) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        let dir = String(path[..<slash])
        guard !dir.isEmpty else { return }
        var current = dir.hasPrefix("/") ? "" : "."
        for piece in dir.split(separator: "/") {
            current += "/" + piece
            var info = stat()
            if stat(current, &info) == 0 { continue }
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw ZipError(.ioFailed, path: current, detail: "không tạo được thư mục: \(String(cString: strerror(errno)))")
            }
        }
    }

    // MARK: - Reports

    func report(_ issues: [TemplateIssue], files: [String]) throws {
        let errors = issues.filter { $0.severity == .error }
        let warnings = issues.filter { $0.severity == .warning }
        if json {
            var out = "{\"files\":[" + files.map(JSONText.string).joined(separator: ",") + "],"
            out += "\"errors\":[" + errors.map(JSONText.issue).joined(separator: ",") + "],"
            out += "\"warnings\":[" + warnings.map(JSONText.issue).joined(separator: ",") + "]}"
            print(out)
            return
        }
        for e in errors { writeStandardError("Lỗi [\(e.code.rawValue)] \(e.location): \(e.message)\n  Cách sửa: \(e.fix)\n") }
        for w in warnings { writeStandardError("Cảnh báo [\(w.code.rawValue)] \(w.location): \(w.message)\n") }
        if !errors.isEmpty {
            writeStandardError("Mẫu hoặc dữ liệu có \(VietnameseNumber.format(errors.count)) lỗi\(files.isEmpty ? "; không ghi tệp nào" : "; các tệp khác đã ghi đầy đủ").\n")
        }
        if !files.isEmpty {
            let place = files.count == 1 ? files[0] : commonDirectory(files)
            var line = files.count == 1 ? "Đã ghi \(place)" : "Đã ghi \(VietnameseNumber.format(files.count)) tệp vào \(place)"
            if !warnings.isEmpty { line += "; \(VietnameseNumber.format(warnings.count)) cảnh báo" }
            print(line + ".")
        }
    }

    func commonDirectory(_ files: [String]) -> String {
        let dirs = Set(files.map { $0.contains("/") ? String($0[..<$0.lastIndex(of: "/")!]) : "." })
        return dirs.count == 1 ? dirs.first! : "\(dirs.count) thư mục"
    }

    func printCheck(_ tpl: Template, dataset: FillDataset?, issues: [TemplateIssue]) {
        let names: [TagUse.Kind: String] = [.value: "thẻ", .loop: "vòng lặp", .condition: "điều kiện",
                                            .invertedCondition: "điều kiện phủ định", .mergeField: "trường trộn thư", .next: "NEXT"]
        if json {
            var out = "{\"format\":\(JSONText.string(tpl.format.rawValue)),\"tags\":["
            out += tpl.uses.map { u in
                "{\"kind\":\(JSONText.string(u.kind.rawValue)),\"name\":\(JSONText.string(u.path.joined(separator: "."))),\"source\":\(JSONText.string(u.source)),\"part\":\(JSONText.string(u.part)),\"scope\":[\(u.scope.map(JSONText.string).joined(separator: ","))]}"
            }.joined(separator: ",")
            out += "],\"errors\":[" + issues.filter { $0.severity == .error }.map(JSONText.issue).joined(separator: ",")
            out += "],\"warnings\":[" + issues.filter { $0.severity == .warning }.map(JSONText.issue).joined(separator: ",") + "]}"
            print(out)
            return
        }
        print("Mẫu: \(template) (\(tpl.format.rawValue.uppercased()))")
        if tpl.uses.isEmpty { print("Không có thẻ hay trường trộn thư nào.") }
        var lastPart = ""
        for u in tpl.uses {
            if u.part != lastPart { print("Phần \(u.part):"); lastPart = u.part }
            let indent = String(repeating: "  ", count: u.scope.count + 1)
            let shown = u.kind == .next ? "NEXT" : (u.kind == .mergeField ? "«\(u.path.joined(separator: "."))»" : "{\(u.source.trimmingCharacters(in: .whitespaces))}")
            print("\(indent)\(names[u.kind] ?? "") \(shown)")
        }
        if tpl.nextFieldCount > 0 { print("Mỗi tài liệu lấy \(tpl.nextFieldCount + 1) bản ghi (trường NEXT).") }
        if let dataset { print("Dữ liệu: \(dataset.description)") }
        for e in issues where e.severity == .error { print("Lỗi [\(e.code.rawValue)] \(e.location): \(e.message) Cách sửa: \(e.fix)") }
        for w in issues where w.severity == .warning { print("Cảnh báo [\(w.code.rawValue)] \(w.location): \(w.message)") }
        if !issues.contains(where: { $0.severity == .error }) { print(dataset == nil ? "Mẫu dùng được." : "Mẫu và dữ liệu khớp nhau.") }
    }
}

/// Private empty folders (`.tdkt-fill-PID`) beside the targets of `--each`, removed at the end;
/// one left by a killed run is removed by the next run in that folder.
struct StagingDirectories {
    private var byDirectory: [String: (path: String, uses: Int)] = [:]
    private var all: [String] = []
    private var counter = 0
    /// A folder serves this many files, then a fresh one is made: a folder's listing (which
    /// `AtomicOutput` does for every file) stays short however many files pass through.
    static let filesPerFolder = 64

    mutating func path(for target: String) throws -> String {
        let slash = target.lastIndex(of: "/")
        let dir = slash.map { String(target[..<$0]) } ?? "."
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        let key = dir.isEmpty ? "/" : dir
        if let current = byDirectory[key], current.uses < StagingDirectories.filesPerFolder {
            byDirectory[key] = (current.path, current.uses + 1)
            return current.path + "/" + name
        }
        if let old = byDirectory[key] {
            StagingDirectories.removeTree(old.path)
            all.removeAll { $0 == old.path }
        } else {
            StagingDirectories.removeStale(in: key)
        }
        counter += 1
        let staging = "\(dir.isEmpty ? "" : dir)/.tdkt-fill-\(getpid())-\(counter)"
        if mkdir(staging, 0o700) != 0 && errno != EEXIST {
            throw ZipError(.ioFailed, path: staging, detail: String(cString: strerror(errno)))
        }
        byDirectory[key] = (staging, 1)
        all.append(staging)
        return staging + "/" + name
    }

    func removeAll() {
        for staging in all { StagingDirectories.removeTree(staging) }
    }

    static func removeTree(_ dir: String) {
        if let d = opendir(dir) {
            while let entry = readdir(d) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name != "." && name != ".." { unlink(dir + "/" + name) }
            }
            closedir(d)
        }
        rmdir(dir)
    }

    /// Staging folders of processes that no longer run.
    static func removeStale(in dir: String) {
        guard let d = opendir(dir) else { return }
        var stale: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard name.hasPrefix(".tdkt-fill-"), let pid = Int32(name.dropFirst(11).prefix { $0 != "-" }), pid != getpid() else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH { stale.append(dir + "/" + name) }
        }
        closedir(d)
        for s in stale { removeTree(s) }
    }
}

/// A progress bar on stderr for many files.
struct Progress {
    let total: Int
    let enabled: Bool
    var done = 0
    var shown = -1

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    mutating func advance() {
        done += 1
        guard enabled else { return }
        let percent = total == 0 ? 100 : done * 100 / total
        if percent == shown { return }
        shown = percent
        let width = 30
        let filled = width * done / max(total, 1)
        writeStandardError("\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                           + "] \(VietnameseNumber.format(done))/\(VietnameseNumber.format(total)) tệp")
    }

    func finish() {
        if enabled { writeStandardError("\n") }
    }
}

/// JSON text for `--json`.
enum JSONText {
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    static func issue(_ i: TemplateIssue) -> String {
        var fields = ["\"code\":\(string(i.code.rawValue))", "\"severity\":\(string(i.severity.rawValue))",
                      "\"file\":\(string(i.location.file))", "\"part\":\(string(i.location.part))",
                      "\"message\":\(string(i.message))", "\"fix\":\(string(i.fix))"]
        if let o = i.location.offset { fields.append("\"offset\":\(o)") }
        if let p = i.location.paragraph { fields.append("\"paragraph\":\(p)") }
        if let t = i.location.table, let r = i.location.row, let c = i.location.column {
            fields.append("\"table\":\(t),\"row\":\(r),\"column\":\(c)")
        }
        if let cell = i.location.cell { fields.append("\"cell\":\(string(cell))") }
        if let sheet = i.location.sheet { fields.append("\"sheet\":\(string(sheet))") }
        if let context = i.location.context { fields.append("\"context\":\(string(context))") }
        if let tag = i.tag { fields.append("\"tag\":\(string(tag))") }
        return "{" + fields.joined(separator: ",") + "}"
    }
}

/// The data of a filling: records (CSV rows, a JSON/YAML array) and top-level values (a
/// JSON/YAML object, --vars, --set).
struct FillDataset: CustomStringConvertible {
    /// The records, unless `streamed` (then empty: see `forEachRecord`).
    var records: [TemplateValue] = []
    /// A CSV whose records are not kept in memory (`tdkt fill --each`): read again, a record at
    /// a time, by `forEachRecord`, so memory does not grow with the rows.
    var streamed: StreamedCSV?
    struct StreamedCSV {
        let path: String
        let options: CSVOptions
        let limit: Int?
        let count: Int
    }
    /// Number of records.
    var recordCount: Int { streamed?.count ?? records.count }
    var top = TemplateObject()
    /// Every key anywhere in the data.
    var knownNames: Set<String> = []
    var rowKeys: Set<String> = []
    var description: String

    /// The root scope of a single document: top-level values, with the records as `rows`
    /// (alias `dong`).
    var root: TemplateValue {
        var o = top
        if o["rows"] == nil { o["rows"] = .list(records) }
        if o["dong"] == nil { o["dong"] = .list(records) }
        return .object(o)
    }

    /// The scope of one record's document: the record over the top-level values.
    func scope(for record: TemplateValue) -> TemplateValue {
        guard !top.isEmpty else { return record }
        var o = top
        if case .object(let r) = record { for (k, v) in r.entries { o[k] = v } } else { o["."] = record }
        return .object(o)
    }

    static func load(_ path: String, csv: CSVOptions, vars: [String], sets: [String], limit: Int?,
                     keepRecords: Bool = true, columns: Set<String>? = nil) throws -> FillDataset {
        var d = FillDataset(description: "")
        if StructuredFormat(path: path) != nil {
            let node = try StructuredLoader.load(path: path)
            let value = convert(node)
            switch value {
            case .list(let items):
                d.records = items
                d.description = "\(path): \(VietnameseNumber.format(items.count)) bản ghi"
            case .object(let o):
                d.top = o
                if case .list(let items)? = o["rows"] ?? o["dong"] { d.records = items }
                d.description = "\(path): \(VietnameseNumber.format(o.count)) khóa"
            default:
                throw ValidationError("Tệp \(path) phải chứa một bảng khóa–giá trị hoặc một danh sách bản ghi.")
            }
        } else if keepRecords {
            var read: CSVSummary?
            d.records = try readCSVRecords(path, csv: csv, limit: limit, columns: columns, summary: &read)
            let summary = read!
            d.description = "\(path): \(VietnameseNumber.format(summary.dataRows)) hàng, \(summary.columns.count) cột (\(summary.detection.encodingDescription))"
            for w in summary.warnings { writeStandardError("Cảnh báo: \(w)\n") }
        } else {
            // Read once to check the file and learn its columns; `forEachRecord` reads it again.
            var first: TemplateValue?
            var count = 0
            let summary = try readCSV(path, csv: csv, limit: limit) { record in
                if first == nil { first = record }
                count += 1
            }
            d.streamed = StreamedCSV(path: path, options: csv, limit: limit, count: count)
            if let first { d.records = [first] }
            d.description = "\(path): \(VietnameseNumber.format(summary.dataRows)) hàng, \(summary.columns.count) cột (\(summary.detection.encodingDescription))"
            for w in summary.warnings { writeStandardError("Cảnh báo: \(w)\n") }
        }
        if let limit, d.records.count > limit { d.records = Array(d.records[..<limit]) }
        for file in vars {
            let node = try StructuredLoader.load(path: file)
            guard case .object(let o) = convert(node) else {
                throw ValidationError("Tệp --vars \(file) phải là một bảng khóa–giá trị.")
            }
            for (k, v) in o.entries { d.top[k] = v }
        }
        for s in sets {
            guard let eq = s.firstIndex(of: "="), eq > s.startIndex else {
                throw ValidationError("--set cần dạng khóa=giá-trị: «\(s)».")
            }
            d.top[String(s[..<eq]).trimmingCharacters(in: .whitespaces)] = .text(String(s[s.index(after: eq)...]))
        }
        var names = Set<String>(["rows", "dong"])
        func collect(_ v: TemplateValue) {
            switch v {
            case .object(let o): for (k, x) in o.entries { names.insert(k); collect(x) }
            case .list(let items): for x in items { collect(x) }
            default: break
            }
        }
        collect(.object(d.top))
        // Records of a CSV share their keys and hold no lists or objects: their keys once.
        var seenKeys: [String] = []
        for r in d.records {
            if case .object(let o) = r, o.keys == seenKeys, !o.keys.isEmpty {
                continue
            }
            collect(r)
            if case .object(let o) = r {
                d.rowKeys.formUnion(o.keys)
                if o.entries.allSatisfy({ !$0.value.isContainer }) { seenKeys = o.keys }
            }
        }
        d.knownNames = names
        if d.streamed != nil { d.records = [] }
        return d
    }

    /// The records of a CSV file, made one at a time (the first `limit` rows; every row is read,
    /// so a file with errors gives nothing). Each record is a copy of one object with every
    /// column (empty): the records share its keys and index and keep only their values.
    /// `columns`: the names a template uses; a column named by neither its header nor its
    /// alias holds null instead of its typed value (nil: every column is typed).
    static func readCSV(_ path: String, csv: CSVOptions, limit: Int?, columns: Set<String>? = nil,
                        record: (TemplateValue) throws -> Void) throws -> CSVSummary {
        var shape = CSVRecordShape(wanted: columns)
        var made = 0
        return try CSVReader.read(path: path, options: csv, header: { shape.setColumns($0) }) { row in
            if let limit, made >= limit { return }
            made += 1
            try record(shape.record(count: row.count) { c in CSVRecordShape.value(row.value(c), bytes: row.bytes(c)) })
        }
    }

    /// All the records of a CSV file, as `readCSV` makes them, with the typing of values done
    /// on another core while this one reads on: rows are copied in batches (the bytes of the
    /// columns wanted) and each batch becomes records on a worker; the batches are joined in
    /// order at the end.
    static func readCSVRecords(_ path: String, csv: CSVOptions, limit: Int?, columns: Set<String>? = nil,
                               summary: inout CSVSummary?) throws -> [TemplateValue] {
        var shape = CSVRecordShape(wanted: columns)
        var made = 0
        var batches: [RecordBatch] = []
        var batch = RecordBatch()
        var direct: [TemplateValue] = []
        var parallel: Bool?
        var convention = VietnameseNumber.Convention.vietnamese
        let group = DispatchGroup()
        let queue = DispatchQueue.global(qos: .userInitiated)
        func submit() {
            let b = batch, s = shape, conv = convention
            batches.append(b)
            batch = RecordBatch()
            queue.async(group: group) { if b.claim() { b.makeRecords(s, convention: conv) } }
        }
        do {
            // (The wanted columns apart: a row copies a flag array, not the whole shape.)
            var needed: [Bool] = []
            summary = try CSVReader.read(path: path, options: csv, header: { shape.setColumns($0); needed = shape.needed }) { row in
                if let limit, made >= limit { return }
                made += 1
                if parallel == nil {
                    parallel = row.valuesAreInferred
                    convention = row.convention
                }
                guard parallel == true else {
                    direct.append(shape.record(count: row.count) { c in CSVRecordShape.value(row.value(c), bytes: row.bytes(c)) })
                    return
                }
                batch.add(row, needed: needed)
                if batch.rows == RecordBatch.size { submit() }
            }
        } catch {
            group.wait()
            throw error
        }
        if batch.rows > 0 { submit() }
        // The batches still waiting are typed here too (from the last), not only waited for.
        if parallel == true {
            for b in batches.reversed() where b.claim() { b.makeRecords(shape, convention: convention) }
        }
        group.wait()
        guard parallel == true else { return direct }
        var records: [TemplateValue] = []
        records.reserveCapacity(made)
        for b in batches { records += b.records }
        return records
    }

    /// Every record in order with its index: from memory, or read again from the CSV file.
    func forEachRecord(_ body: (Int, TemplateValue) throws -> Void) throws {
        if let streamed {
            var k = 0
            _ = try FillDataset.readCSV(streamed.path, csv: streamed.options, limit: streamed.limit) { record in
                try body(k, record)
                k += 1
            }
        } else {
            for (k, r) in records.enumerated() { try body(k, r) }
        }
    }

    /// UTF-8 bytes as a string without the spaces, tabs and no-break spaces at either end.
    static func trimmedText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var lo = 0, hi = bytes.count
        while true {
            if lo < hi && (bytes[lo] == 0x20 || bytes[lo] == 0x09) { lo += 1; continue }
            if hi - lo >= 2 && bytes[lo] == 0xC2 && bytes[lo + 1] == 0xA0 { lo += 2; continue }
            break
        }
        while true {
            if hi > lo && (bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09) { hi -= 1; continue }
            if hi - lo >= 2 && bytes[hi - 2] == 0xC2 && bytes[hi - 1] == 0xA0 { hi -= 2; continue }
            break
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
    }

    /// Strict mode: a placeholder naming something no record, column or top-level value has is
    /// an error; a section over a missing key and a merge field naming no column are warnings.
    func checkNames(_ tpl: Template, strict: Bool) -> [TemplateIssue] {
        var issues: [TemplateIssue] = []
        var reported = Set<String>()
        for u in tpl.uses where u.kind != .next {
            let path = u.path.isEmpty ? [u.name] : u.path
            if path == ["."] || path.isEmpty { continue }
            // A name inside a loop may be a property of the loop's items.
            if path.allSatisfy({ knownNames.contains($0) }) || u.hasDefault { continue }
            let key = u.kind.rawValue + path.joined(separator: ".")
            guard reported.insert(key).inserted else { continue }
            let loc = TemplateLocation(file: tpl.path, part: u.part, context: u.source)
            let name = path.joined(separator: ".")
            switch u.kind {
            case .value:
                let issue = TemplateIssue(.missingValue, strict ? .error : .warning, at: loc,
                                          message: "Dữ liệu không có trường «\(name)»\(suggestion(name)).",
                                          fix: "Thêm cột/khóa «\(name)» vào dữ liệu, sửa tên thẻ, dùng {\(name) | mac_dinh:\"…\"}, hoặc chạy với --lenient để để trống.",
                                          tag: name)
                issues.append(issue)
            case .mergeField:
                issues.append(TemplateIssue(.missingValue, .warning, at: loc,
                                            message: "Dữ liệu không có cột «\(name)» của trường trộn thư\(suggestion(name)); trường sẽ để trống.",
                                            fix: "Sửa tên trường trong Word (Alt+F9) hoặc tên cột trong dữ liệu cho khớp.", tag: name))
            default:
                issues.append(TemplateIssue(.missingSection, .warning, at: loc,
                                            message: "Dữ liệu không có «\(name)» của vòng lặp/điều kiện; phần này coi như rỗng.",
                                            fix: "Thêm khóa «\(name)» vào dữ liệu nếu cần hiện phần này.", tag: name))
            }
        }
        return issues
    }

    func suggestion(_ name: String) -> String {
        let key = ColumnName.key(name)
        var best: (name: String, distance: Int)?
        for candidate in knownNames {
            let d = ColumnName.editDistance(ColumnName.key(candidate), key, limit: 3)
            guard d <= 3 else { continue }
            if let b = best, b.distance < d || (b.distance == d && b.name < candidate) { continue }
            best = (candidate, d)
        }
        guard let best else { return "" }
        return " (có phải «\(best.name)»?)"
    }

    /// A CSV value; `text` is the field as the file has it, trimmed (`trimmedText`).
    static func convert(_ v: CSVValue, text: String) -> TemplateValue {
        switch v {
        case .empty: return .text("")
        case .text(let s): return .text(s)
        case .integer(let i): return .number(TemplateNumber(Double(i), text: text))
        case .number(let d), .percent(let d): return .number(TemplateNumber(d, text: text))
        case .date(let d): return .date(TemplateDate(date: d, text: text))
        }
    }

    static func convert(_ node: DataNode) -> TemplateValue {
        switch node.content {
        case .null: return .null
        case .scalar(let text, let quoted):
            if quoted { return .text(text) }
            switch text {
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: break
            }
            if let d = Double(text), text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true {
                return .number(TemplateNumber(d, text: text))
            }
            if text.count >= 8, text.first?.isNumber == true, let date = TemplateDate.parse(text), date.date != nil {
                return .date(date)
            }
            return .text(text)
        case .sequence(let items): return .list(items.map(convert))
        case .mapping(let entries): return .object(TemplateObject(entries.map { ($0.key, convert($0.value)) }))
        }
    }
}

/// How the rows of a CSV become records: one object with every column's key (and its
/// snake_case alias), copied per record with the row's values.
struct CSVRecordShape: @unchecked Sendable {
    let wanted: Set<String>?
    /// Header and alias of each column.
    private(set) var headers: [(String, String?)] = []
    /// Whether the template names the column (by header or alias).
    private(set) var needed: [Bool] = []
    private var prototype = TemplateObject()
    /// Per column, the positions of its name and alias in `prototype`.
    private var positions: [(Int, Int?)] = []
    /// Each column's key, then its alias, in order (distinct headers): values simply append.
    private var sequential = false

    init(wanted: Set<String>?) { self.wanted = wanted }

    mutating func setColumns(_ columns: [CSVColumn]) {
        var used = Set<String>()
        headers = columns.map { column in
            let name = Vietnamese.nfc(column.header.trimmingCharacters(in: .whitespaces))
            used.insert(name)
            return (name, nil)
        }
        // A snake_case alias of each header ("Họ và tên" → ho_va_ten) unless taken.
        for i in headers.indices {
            let alias = ColumnName.key(headers[i].0).replacingOccurrences(of: " ", with: "_")
            if !alias.isEmpty, alias != headers[i].0, !used.contains(alias) {
                headers[i].1 = alias
                used.insert(alias)
            }
        }
        needed = headers.map { h in wanted.map { $0.contains(h.0) || h.1.map($0.contains) == true } ?? true }
        for (name, alias) in headers {
            prototype[name] = .text("")
            if let alias { prototype[alias] = .text("") }
        }
        positions = headers.map { (prototype.position(of: $0.0)!, $0.1.flatMap { prototype.position(of: $0) }) }
        var next = 0
        sequential = positions.allSatisfy { p in
            guard p.0 == next else { return false }
            next += 1
            if let a = p.1 { guard a == next else { return false }; next += 1 }
            return true
        } && next == prototype.count
    }

    /// The record of a row with `count` columns; `value(c)` is asked for wanted columns only,
    /// in increasing order.
    func record(count: Int, _ value: (Int) -> TemplateValue) -> TemplateValue {
        func at(_ c: Int) -> TemplateValue {
            guard c < count else { return .text("") }
            guard needed[c] else { return .null }
            return value(c)
        }
        // The record's values in the prototype's key order (empty text where the file has
        // nothing); keys and index are shared with the prototype.
        var slots: [TemplateValue] = []
        if sequential {
            slots.reserveCapacity(prototype.count)
            for c in positions.indices {
                if positions[c].1 != nil {
                    let v = at(c)
                    slots.append(v)
                    slots.append(consume v)
                } else {
                    slots.append(at(c))
                }
            }
        } else {
            slots = [TemplateValue](repeating: .text(""), count: prototype.count)
            for c in 0..<min(positions.count, count) {
                let v = at(c)
                slots[positions[c].0] = v
                if let a = positions[c].1 { slots[a] = v }
            }
        }
        return .object(prototype.withValues(slots))
    }

    /// A field's template value: text as it is; numbers and dates keep the file's text
    /// (trimmed) for display.
    static func value(_ cell: CSVValue, bytes: UnsafeBufferPointer<UInt8>) -> TemplateValue {
        switch cell {
        case .empty: return .text("")
        case .text(let s): return .text(s)
        default: return FillDataset.convert(cell, text: FillDataset.trimmedText(bytes))
        }
    }
}

/// Rows of a CSV on their way to a worker: the bytes of the wanted columns, then the records.
final class RecordBatch: @unchecked Sendable {
    static let size = 512
    /// The wanted columns' bytes, one after the other.
    private var bytes = ByteBuffer(capacity: 64 * 1024)
    /// Per row and column: the end of its bytes, or -2 for a column not wanted or past the
    /// row's end (never asked for by `CSVRecordShape.record`).
    var ends: [Int32] = []
    var counts: [Int32] = []
    var rows = 0
    var records: [TemplateValue] = []
    /// Taken by the worker it was handed to, or by the reader once it has read everything
    /// (it then types the batches no worker has started, from the last).
    private let claimed = Atomic<Bool>(false)

    /// True for the one caller that gets to type this batch.
    func claim() -> Bool {
        claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }


    func add(_ row: borrowing CSVRow, needed: [Bool]) {
        let count = row.count
        needed.withUnsafeBufferPointer { needed in
            if ends.isEmpty { ends.reserveCapacity(Self.size * needed.count) }
            for c in needed.indices {
                if c < count && needed[c] {
                    let b = row.bytes(c)
                    if let source = b.baseAddress { bytes.append(source, count: b.count) }
                    ends.append(Int32(bytes.count))
                } else {
                    ends.append(-2)
                }
            }
        }
        counts.append(Int32(count))
        rows += 1
    }

    /// The records (on a worker): the values inferred from the bytes, as `CSVRow.value` does
    /// for a plain dataset.
    func makeRecords(_ shape: CSVRecordShape, convention: VietnameseNumber.Convention) {
        let n = shape.needed.count
        records.reserveCapacity(rows)
        let all = bytes.buffer
        var start = 0
        // A value met before in the same column (a unit, a title, a grade: most columns of an
        // office list repeat) is taken from the cache, not decoded and typed again.
        var cache = RepeatedValues(bytes: bytes.base)
        for r in 0..<rows {
            let base = r * n
            records.append(shape.record(count: Int(counts[r])) { c in
                let end = Int(ends[base + c])
                let b = UnsafeBufferPointer(rebasing: all[start..<end])
                defer { start = end }
                let hash = RepeatedValues.hash(b, column: c)
                if let v = cache.value(start: start, count: end - start, column: c, hash: hash) { return v }
                let v = CSVRecordShape.value(CSVValue.inferred(b, convention: convention), bytes: b)
                cache.insert(v, start: start, count: end - start, column: c, hash: hash)
                return v
            })
        }
        // Only the records are kept.
        bytes = ByteBuffer(capacity: 16)
        ends = []
        counts = []
    }
}

/// Values already made from a batch's bytes, by column and exact bytes: an open-addressing
/// table over the batch buffer (no key is copied). It stops taking new values when half full.
struct RepeatedValues {
    private struct Slot {
        var hash: UInt64 = 0
        var start: Int32 = 0
        var count: Int32 = -1  // -1: empty
        var column: Int32 = 0
        var value: Int32 = 0
    }
    private static let size = 2048
    private let bytes: UnsafeMutablePointer<UInt8>
    private var slots = [Slot](repeating: Slot(), count: RepeatedValues.size)
    private var values: [TemplateValue] = []

    init(bytes: UnsafeMutablePointer<UInt8>) { self.bytes = bytes }

    /// FNV-1a over the column and the bytes, eight at a time.
    static func hash(_ b: UnsafeBufferPointer<UInt8>, column: Int) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(column)
        guard let p = b.baseAddress else { return h }
        var i = 0
        while i + 8 <= b.count {
            h = (h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) &* 0x0000_0100_0000_01B3
            i += 8
        }
        while i < b.count {
            h = (h ^ UInt64(p[i])) &* 0x0000_0100_0000_01B3
            i += 1
        }
        return h ^ (h >> 29) ^ UInt64(b.count)
    }

    func value(start: Int, count: Int, column: Int, hash: UInt64) -> TemplateValue? {
        var k = Int(truncatingIfNeeded: hash) & (Self.size - 1)
        while true {
            let slot = slots[k]
            if slot.count < 0 { return nil }
            if slot.hash == hash, Int(slot.count) == count, Int(slot.column) == column,
               memcmp(bytes + Int(slot.start), bytes + start, count) == 0 {
                return values[Int(slot.value)]
            }
            k = (k + 1) & (Self.size - 1)
        }
    }

    mutating func insert(_ value: TemplateValue, start: Int, count: Int, column: Int, hash: UInt64) {
        guard values.count < Self.size / 2 else { return }
        var k = Int(truncatingIfNeeded: hash) & (Self.size - 1)
        while slots[k].count >= 0 { k = (k + 1) & (Self.size - 1) }
        slots[k] = Slot(hash: hash, start: Int32(start), count: Int32(count), column: Int32(column), value: Int32(values.count))
        values.append(value)
    }
}
