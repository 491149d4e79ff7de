import Ingest

/// A data folder that cannot be used: every error found in every file (each located; a
/// reference that does not resolve names both places), plus the warnings. The domain's one
/// error type.
public struct DomainError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The folder or a required file is missing.
        case missingInput = "missing_input"
        /// Some file has errors (see `issues`).
        case invalidData = "invalid_data"
        /// Writing the generated folder failed.
        case output = "output"
    }

    public var code: Code
    /// The data folder as the user named it.
    public var folder: String
    public var issues: [IngestIssue]
    /// Errors found beyond the listing limit.
    public var unlistedErrors: Int

    public init(code: Code, folder: String, issues: [IngestIssue], unlistedErrors: Int = 0) {
        self.code = code
        self.folder = folder
        self.issues = issues
        self.unlistedErrors = unlistedErrors
    }

    public var errors: [IngestIssue] { issues.filter { $0.severity == .error } }
    public var warnings: [IngestIssue] { issues.filter { $0.severity == .warning } }

    /// Every error, grouped by file, in Vietnamese.
    public var description: String {
        let errs = errors
        var lines: [String]
        switch code {
        case .output:
            lines = ["Không ghi được thư mục dữ liệu \(folder):"]
        default:
            lines = ["Không đọc được dữ liệu ở \(folder): \(errs.count + unlistedErrors) lỗi. Sửa các lỗi dưới đây rồi chạy lại."]
        }
        var files: [String] = []
        var byFile: [String: [IngestIssue]] = [:]
        for issue in errs {
            if byFile[issue.location.file] == nil { files.append(issue.location.file) }
            byFile[issue.location.file, default: []].append(issue)
        }
        for file in files {
            lines.append("\(file):")
            for issue in byFile[file]! { lines.append("  - \(issue)") }
        }
        if unlistedErrors > 0 { lines.append("… và \(unlistedErrors) lỗi khác (không liệt kê).") }
        return lines.joined(separator: "\n")
    }
}
