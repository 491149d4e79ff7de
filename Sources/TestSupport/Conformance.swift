import Foundation

/// Hands produced files to independent readers and to LibreOffice, and reports what each
/// said.
///
/// - readers: openpyxl + python-calamine (XLSX), odfpy + python-calamine (ODS), python-docx
///   (DOCX), odfpy (ODT), run by `Tests/conformance/readers.py` in the project's venv
///   (`.venv`, made by `make test`; `TDKT_PYTHON` overrides);
/// - schemas: ECMA-376 (lxml) and ODF 1.3 (jing), `Tests/conformance/schemas.py`;
/// - LibreOffice: one headless `soffice` for the whole batch, private profile, timeout,
///   every load-time question recorded and declined, each file exported to PDF
///   (`Tests/conformance/libreoffice.py`, system python3 with python3-uno).
///
/// A validator that is not installed is a failure when `CI=true`, and a noted skip otherwise.
public enum Conformance {
    public struct Checks: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let readers = Checks(rawValue: 1)
        public static let schemas = Checks(rawValue: 2)
        public static let libreOffice = Checks(rawValue: 4)
        public static let all: Checks = [.readers, .schemas, .libreOffice]
    }

    /// What the validators said about one file.
    public struct FileReport: Sendable {
        public var file: String
        /// Reader name → its JSON result (`ok`, `error`, `data`, or `missing`).
        public var readers: [String: JSON] = [:]
        public var schema: JSON?
        public var libreOffice: JSON?
        public var failures: [String] = []
        public var skipped: [String] = []

        /// What a reader saw (`data`), when it read the file.
        public func data(_ reader: String) -> JSON? { readers[reader]?["data"] }
        /// The PDF LibreOffice wrote.
        public var pdf: String? { libreOffice?["pdf"]?.string }
        public var pages: Int? { libreOffice?["pages"]?.number.map { Int($0) } }
    }

    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The package root (where Package.swift is).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var python: String {
        ProcessInfo.processInfo.environment["TDKT_PYTHON"] ?? root + "/.venv/bin/python"
    }

    public static var unoPython: String {
        ProcessInfo.processInfo.environment["TDKT_UNO_PYTHON"] ?? "/usr/bin/python3"
    }

    /// Runs the chosen checks on `files` (each kind in one process for the whole batch).
    public static func check(_ files: [String], _ checks: Checks = .all, pdfDirectory: String? = nil,
                             timeout: Int = 180) -> [FileReport] {
        var reports = files.map { FileReport(file: $0) }
        func note(_ i: Int, missing what: String) {
            if isCI { reports[i].failures.append("thiếu công cụ kiểm tra: \(what)") }
            else { reports[i].skipped.append(what) }
        }
        if checks.contains(.readers) {
            let (lines, problem) = runJSONLines(python, [root + "/Tests/conformance/readers.py"] + files)
            for i in reports.indices {
                guard let line = lines.first(where: { $0["file"]?.string == files[i] }),
                      let readers = line["readers"]?.object else {
                    note(i, missing: "readers (\(problem ?? "no output"))")
                    continue
                }
                reports[i].readers = readers
                if readers.isEmpty { reports[i].failures.append("no reader for this file type") }
                for (name, r) in readers.sorted(by: { $0.key < $1.key }) {
                    if let missing = r["missing"]?.string { note(i, missing: "\(name): \(missing)") }
                    else if r["ok"]?.bool != true {
                        reports[i].failures.append("\(name): \(r["error"]?.string ?? "?")")
                    }
                }
            }
        }
        if checks.contains(.schemas) {
            let (lines, problem) = runJSONLines(python, [root + "/Tests/conformance/schemas.py", root + "/Tests/Schemas"] + files)
            for i in reports.indices {
                guard let line = lines.first(where: { $0["file"]?.string == files[i] }) else {
                    note(i, missing: "schemas (\(problem ?? "no output"))")
                    continue
                }
                reports[i].schema = line
                if let missing = line["missing"]?.string { note(i, missing: "schema: \(missing)"); continue }
                if line["ok"]?.bool != true {
                    let errors = line["errors"]?.array?.compactMap(\.string) ?? []
                    reports[i].failures.append("schema: " + (errors.isEmpty ? "no part checked" : errors.joined(separator: " | ")))
                }
            }
        }
        if checks.contains(.libreOffice) {
            let out = pdfDirectory ?? NSTemporaryDirectory() + "tdkt-pdf-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let haveSoffice = which("soffice") != nil
            let (lines, problem) = haveSoffice
                ? runJSONLines(unoPython, [root + "/Tests/conformance/libreoffice.py", out, String(timeout)] + files)
                : ([], "soffice not installed")
            for i in reports.indices {
                guard let line = lines.first(where: { $0["file"]?.string == files[i] }) else {
                    note(i, missing: "LibreOffice (\(lines.first?["fatal"]?.string ?? problem ?? "no output"))")
                    continue
                }
                reports[i].libreOffice = line
                if line["loaded"]?.bool != true {
                    reports[i].failures.append("LibreOffice did not open it: \(line["error"]?.string ?? "?")")
                }
                if let requests = line["requests"]?.array, !requests.isEmpty {
                    reports[i].failures.append("LibreOffice asked questions (repair?): \(requests)")
                }
                if line["loaded"]?.bool == true, (line["pages"]?.number ?? 0) < 1 {
                    reports[i].failures.append("LibreOffice wrote no PDF page: \(line["error"]?.string ?? "")")
                }
            }
        }
        for r in reports where !r.skipped.isEmpty {
            FileHandle.standardError.write(Data("conformance: skipped for \(r.file): \(r.skipped)\n".utf8))
        }
        return reports
    }

    /// Runs a command whose stdout is one JSON object per line.
    static func runJSONLines(_ executable: String, _ arguments: [String]) -> ([JSON], String?) {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            return ([], "\(executable) not found")
        }
        let result = Shell.run(executable, arguments)
        let decoder = JSONDecoder()
        let lines = result.stdout.split(separator: "\n").compactMap { try? decoder.decode(JSON.self, from: Data($0.utf8)) }
        if lines.isEmpty { return ([], "exit \(result.status): \(result.stderr.suffix(600))") }
        return (lines, nil)
    }

    public static func which(_ program: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

/// Runs a program and collects its output.
public enum Shell {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           input: Data? = nil, directory: String? = nil) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        do { try process.run() } catch {
            return Result(status: -1, stdout: "", stderr: "cannot run \(executable): \(error)")
        }
        if let input { inPipe.fileHandleForWriting.write(input) }
        try? inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so neither fills up.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A fresh temporary folder per test, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(_ label: String = "test") {
        let base = NSTemporaryDirectory() + "tdkt-\(label)-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    public func file(_ name: String) -> String { path + "/" + name }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
