/// Where a value came from: the file, and inside it a line, a data row, a column or a key path.
/// Every problem the ingest reports carries one, so a user can go straight to the bad cell.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// 1-based physical line (the header of a CSV is line 1).
    public var line: Int?
    /// 1-based index among the data rows of a CSV (blank rows not counted).
    public var row: Int?
    /// 1-based column index in the file.
    public var columnIndex: Int?
    /// The column's name as the file writes it (NFC).
    public var columnName: String?
    /// The key path in a YAML/JSON document, e.g. `ke_hoach.noi_dung[2].tieu_de`.
    public var keyPath: String?
    /// 0-based byte offset in the file (BOM included), for encoding problems.
    public var byteOffset: Int?

    public init(file: String, line: Int? = nil, row: Int? = nil, columnIndex: Int? = nil,
                columnName: String? = nil, keyPath: String? = nil, byteOffset: Int? = nil) {
        self.file = file
        self.line = line
        self.row = row
        self.columnIndex = columnIndex
        self.columnName = columnName
        self.keyPath = keyPath
        self.byteOffset = byteOffset
    }

    /// "ds.csv, dòng 7 (hàng dữ liệu 4), cột 3 «Đơn vị»" — Vietnamese, as messages show it.
    public var description: String {
        var parts = [file]
        if let line {
            var s = "dòng \(line)"
            if let row { s += " (hàng dữ liệu \(row))" }
            parts.append(s)
        } else if let row {
            parts.append("hàng dữ liệu \(row)")
        }
        if let columnIndex {
            var s = "cột \(columnIndex)"
            if let columnName, !columnName.isEmpty { s += " «\(columnName)»" }
            parts.append(s)
        } else if let columnName {
            parts.append("cột «\(columnName)»")
        }
        if let keyPath, !keyPath.isEmpty { parts.append("khóa \(keyPath)") }
        if let byteOffset { parts.append("byte \(byteOffset)") }
        return parts.joined(separator: ", ")
    }
}

/// One problem found while reading input. Errors make the file unusable (nothing is written
/// from it); warnings are reported and reading goes on.
public struct IngestIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: Sendable, Hashable { case error, warning }

    public enum Kind: String, Sendable, Hashable {
        // CSV structure
        case tooFewFields = "too_few_fields"
        case tooManyFields = "too_many_fields"
        case unterminatedQuote = "unterminated_quote"
        case recordTooLong = "record_too_long"
        case emptyFile = "empty_file"
        // Encoding
        case invalidByteSequence = "invalid_byte_sequence"
        // Header
        case duplicateColumn = "duplicate_column"
        case unknownColumn = "unknown_column"
        case missingColumn = "missing_column"
        // Values
        case invalidNumber = "invalid_number"
        case invalidDate = "invalid_date"
        case invalidValue = "invalid_value"
        case missingValue = "missing_value"
        // Files and structured documents (YAML/JSON)
        case unreadableFile = "unreadable_file"
        case syntax = "syntax"
        case missingKey = "missing_key"
        case unknownKey = "unknown_key"
        case wrongType = "wrong_type"
        case unresolvedReference = "unresolved_reference"
    }

    public var kind: Kind
    public var severity: Severity
    public var location: SourceLocation
    /// The offending value as read (NFC), when there is one.
    public var value: String?
    /// What is wrong and what to do, in Vietnamese.
    public var message: String

    public init(_ kind: Kind, _ severity: Severity = .error, at location: SourceLocation,
                value: String? = nil, message: String) {
        self.kind = kind
        self.severity = severity
        self.location = location
        self.value = value
        self.message = message
    }

    /// "ds.csv, dòng 7 (hàng dữ liệu 4): Hàng có 5 ô, tiêu đề có 7 cột. …"
    public var description: String {
        let label = severity == .error ? "" : "cảnh báo: "
        return "\(location): \(label)\(message)"
    }
}

/// A file that cannot be used: every error found in it (up to the reader's limit), plus the
/// warnings. Nothing may be written from such a file.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var issues: [IngestIssue]
    /// Errors found beyond the limit and not listed.
    public var unlistedErrors: Int

    public init(file: String, issues: [IngestIssue], unlistedErrors: Int = 0) {
        self.file = file
        self.issues = issues
        self.unlistedErrors = unlistedErrors
    }

    public var errors: [IngestIssue] { issues.filter { $0.severity == .error } }
    public var warnings: [IngestIssue] { issues.filter { $0.severity == .warning } }

    public var description: String {
        let errs = errors
        var lines = ["Không dùng được tệp \(file): \(errs.count + unlistedErrors) lỗi, không có gì được ghi từ tệp này."]
        lines += issues.map { "  - \($0)" }
        if unlistedErrors > 0 { lines.append("  … và \(unlistedErrors) lỗi khác (không liệt kê).") }
        return lines.joined(separator: "\n")
    }
}
