import Foundation

/// Command-line conversions with LibreOffice for tests that need LibreOffice's own reading of a
/// file (its CSV of a sheet, its ODT of a DOCX). Each test process has its own profile folder, so
/// two test runs at once, or a stale lock left by a killed run, cannot block a conversion;
/// conversions within a process take turns on it (suites run in parallel); and every run has
/// a hard time limit (GNU `timeout` kills soffice and the processes it starts).
public enum Soffice {
    static var profilePath: String { NSTemporaryDirectory() + "tdkt-soffice-profile-\(getpid())" }

    /// `file://` URL of this process's private LibreOffice profile (created on first use by soffice).
    public static let profileURL: String = {
        let dir = profilePath
        try? FileManager.default.removeItem(atPath: dir)
        atexit { try? FileManager.default.removeItem(atPath: Soffice.profilePath) }
        return URL(fileURLWithPath: dir).absoluteString
    }()

    /// One conversion at a time per process: two soffice on one profile would wait on each other.
    private static let lock = NSLock()

    /// Runs `soffice --headless --convert-to FILTER --outdir DIR FILES…` in one process.
    /// Returns nil when soffice is not installed.
    public static func convert(_ files: [String], to filter: String, outdir: String,
                               timeoutSeconds: Int = 600) -> Shell.Result? {
        guard let soffice = Conformance.which("soffice") else { return nil }
        lock.lock()
        defer { lock.unlock() }
        try? FileManager.default.createDirectory(atPath: outdir, withIntermediateDirectories: true)
        let arguments = ["-env:UserInstallation=" + profileURL, "--headless", "--norestore",
                         "--convert-to", filter, "--outdir", outdir] + files
        if let timeout = Conformance.which("timeout") {
            return Shell.run(timeout, ["-k", "10", String(timeoutSeconds), soffice] + arguments)
        }
        return Shell.run(soffice, arguments)
    }
}
