import Foundation

/// Office files to PDF through LibreOffice: one converter process for the whole batch, a
/// private profile, a time limit and one retry for the files that did not come out; every PDF
/// checked for Times New Roman (or Liberation Serif) before it is moved into place.
public struct PDFExport {
    /// One file to convert and where its PDF goes.
    public struct Job: Sendable, Hashable {
        public var input: String
        public var output: String
        public init(input: String, output: String) {
            self.input = input
            self.output = output
        }
    }

    public let soffice: String
    /// Seconds for LibreOffice to start, plus this much per file.
    public var timeoutPerFile: Double = 20
    public var startupTimeout: Double = 90
    /// Fonts other than Times New Roman allowed in the PDFs (none by default).
    public var allowedFonts: [String] = []

    /// LibreOffice's `soffice`: `TDKT_SOFFICE`, else PATH, else the Debian location.
    public static func locateLibreOffice() -> String? {
        if let forced = ProcessInfo.processInfo.environment["TDKT_SOFFICE"], !forced.isEmpty {
            return ProcessRunner.which(forced)
        }
        return ProcessRunner.which("soffice") ?? ProcessRunner.which("/usr/lib/libreoffice/program/soffice")
    }

    /// Ready to convert: LibreOffice is installed and Times New Roman (or its twin) is found.
    public init() throws {
        guard let soffice = Self.locateLibreOffice() else {
            throw PublishingError(.libreOfficeMissing, "Không tìm thấy LibreOffice (soffice) để xuất PDF. Hãy cài: apt install libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2 — hoặc bỏ --pdf.")
        }
        try FontCheck.requireTimesNewRoman()
        self.soffice = soffice
    }

    /// Converts every job; returns the PDFs written. Nothing is left half-written: PDFs are made
    /// in a private folder and renamed into place only once checked.
    @discardableResult
    public func convert(_ jobs: [Job]) throws -> [String] {
        guard !jobs.isEmpty else { return [] }
        let fm = FileManager.default
        let work = NSTemporaryDirectory() + "tdkt-pdf-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let inputs = work + "/vao", outputs = work + "/ra", profile = work + "/ho-so"
        try fm.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        try fm.createDirectory(atPath: outputs, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: work) }

        // Numbered links: two inputs with one base name (x.docx, x.odt) cannot collide.
        var staged: [(job: Job, link: String, pdf: String)] = []
        for (i, job) in jobs.enumerated() {
            guard fm.fileExists(atPath: job.input) else {
                throw PublishingError(.conversionFailed, "Không có tệp «\(job.input)» để xuất PDF.")
            }
            let ext = (job.input as NSString).pathExtension
            let name = String(format: "%05d", i)
            let link = "\(inputs)/\(name).\(ext)"
            let absolute = job.input.hasPrefix("/") ? job.input : fm.currentDirectoryPath + "/" + job.input
            try fm.createSymbolicLink(atPath: link, withDestinationPath: absolute)
            staged.append((job, link, "\(outputs)/\(name).pdf"))
        }

        var pending = staged
        var lastError = ""
        for _ in 0..<2 where !pending.isEmpty {  // one retry for what did not come out
            let outcome = try ProcessRunner.run(soffice, [
                "-env:UserInstallation=" + URL(fileURLWithPath: profile).absoluteString,
                "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
                "--convert-to", "pdf", "--outdir", outputs,
            ] + pending.map(\.link), timeout: startupTimeout + timeoutPerFile * Double(pending.count))
            if outcome.timedOut { lastError = "LibreOffice quá thời gian" }
            else if !outcome.succeeded { lastError = outcome.stderr.trimmingCharacters(in: .whitespacesAndNewlines) }
            pending = pending.filter { !fm.fileExists(atPath: $0.pdf) }
        }
        if !pending.isEmpty {
            let names = pending.map { "«\($0.job.input)»" }.joined(separator: ", ")
            throw PublishingError(.conversionFailed, "LibreOffice không xuất được PDF cho \(names)\(lastError.isEmpty ? "" : " (\(lastError))"). Hãy mở tệp bằng LibreOffice để xem lỗi.")
        }
        for s in staged { try FontCheck.requireTimesNewRoman(inPDF: s.pdf, allowed: allowedFonts) }
        var written: [String] = []
        for s in staged {
            let dir = (s.job.output as NSString).deletingLastPathComponent
            if !dir.isEmpty { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            // rename(2) replaces the target at once; across file systems copy beside it, then rename.
            if rename(s.pdf, s.job.output) != 0 {
                let temporary = s.job.output + ".tdkt-tmp-\(getpid())"
                try? fm.removeItem(atPath: temporary)
                try fm.copyItem(atPath: s.pdf, toPath: temporary)
                guard rename(temporary, s.job.output) == 0 else {
                    try? fm.removeItem(atPath: temporary)
                    throw PublishingError(.output, "Không ghi được «\(s.job.output)»: \(String(cString: strerror(errno))).")
                }
            }
            written.append(s.job.output)
        }
        return written
    }
}
