import CLibzip

/// Every error of the packaging layer: a stable code, the archive and entry it concerns, and
/// for libzip failures libzip's own message. `description` is the Vietnamese text users see.
public struct ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// libzip could not open the archive.
        case openFailed
        /// libzip failed while adding an entry or writing the archive.
        case writeFailed
        /// libzip (or zlib) failed while reading an entry.
        case readFailed
        /// Reading or writing a file on disk failed.
        case ioFailed
        /// More entries than `ZipLimits.maxEntries`.
        case tooManyEntries
        /// The declared uncompressed sizes add up to more than `ZipLimits.maxTotalSize`.
        case tooLarge
        /// An entry inflates far more than any office part does (a zip bomb).
        case suspiciousCompressionRatio
        /// An entry produced more bytes than its header declares.
        case sizeMismatch
        /// An entry name with `..`, an absolute path, a backslash, a drive letter, a NUL or nothing at all.
        case unsafeEntryName
        /// Two entries with the same name.
        case duplicateEntryName
        /// No entry of that name.
        case entryNotFound
        /// An archive must hold at least one entry.
        case emptyArchive
        /// The writer was used after `close()`, or two streamed entries were open at once.
        case invalidState
        /// zlib refused (memory, bad level).
        case compressionFailed
        /// The output path is also an input of the same run.
        case outputIsInput
    }

    public var code: Code
    /// The archive on disk (target path for writing).
    public var path: String
    /// The entry concerned, when there is one.
    public var entry: String?
    /// What libzip, zlib or the system said (English, as they say it), or our own detail.
    public var detail: String

    public init(_ code: Code, path: String, entry: String? = nil, detail: String = "") {
        self.code = code
        self.path = path
        self.entry = entry
        self.detail = detail
    }

    public var description: String {
        let at = entry.map { "tệp \(path), mục \"\($0)\"" } ?? "tệp \(path)"
        let why = detail.isEmpty ? "" : " (\(detail))"
        switch code {
        case .openFailed:
            return "Không mở được gói ZIP \(at)\(why). Kiểm tra đường dẫn và chắc chắn đây là tệp DOCX/XLSX/ODT/ODS hợp lệ."
        case .writeFailed:
            return "Không ghi được gói ZIP \(at)\(why). Kiểm tra dung lượng đĩa và quyền ghi thư mục."
        case .readFailed:
            return "Không đọc được \(at)\(why). Tệp có thể bị hỏng; hãy mở và lưu lại bằng Word/LibreOffice."
        case .ioFailed:
            return "Lỗi đọc/ghi đĩa ở \(at)\(why). Kiểm tra dung lượng đĩa và quyền truy cập."
        case .tooManyEntries:
            return "Gói \(at) có quá nhiều mục\(why); tệp văn phòng bình thường không như vậy. Tệp bị từ chối."
        case .tooLarge:
            return "Gói \(at) giải nén ra quá lớn\(why). Tệp bị từ chối để bảo vệ máy."
        case .suspiciousCompressionRatio:
            return "Mục trong \(at) có tỷ lệ nén bất thường\(why) (nghi là \"bom ZIP\"). Tệp bị từ chối."
        case .sizeMismatch:
            return "Mục trong \(at) dài hơn kích thước khai báo\(why). Tệp bị hỏng hoặc bị sửa đổi; tệp bị từ chối."
        case .unsafeEntryName:
            return "Tên mục không an toàn trong \(at)\(why): không được chứa \"..\", đường dẫn tuyệt đối, dấu \\ hay để trống."
        case .duplicateEntryName:
            return "Tên mục bị trùng trong \(at)\(why). Mỗi mục của gói phải có tên riêng."
        case .entryNotFound:
            return "Không có mục cần thiết trong \(at)\(why). Tệp mẫu có thể bị hỏng hoặc không đúng định dạng."
        case .emptyArchive:
            return "Gói \(at) không có mục nào\(why); không ghi tệp rỗng."
        case .invalidState:
            return "Lỗi nội bộ khi ghi \(at)\(why)."
        case .compressionFailed:
            return "Không nén được \(at)\(why)."
        case .outputIsInput:
            return "Tệp kết quả \(path) trùng với một tệp đầu vào\(why). Hãy chọn tên tệp kết quả khác để không ghi đè dữ liệu gốc."
        }
    }

    /// The message of a libzip error object.
    static func libzipMessage(_ error: UnsafeMutablePointer<zip_error_t>) -> String {
        guard let s = zip_error_strerror(error) else { return "libzip error" }
        return String(cString: s)
    }

    /// The message of the last error of an archive.
    static func libzipMessage(archive: OpaquePointer) -> String {
        guard let e = zip_get_error(archive), let s = zip_error_strerror(e) else { return "libzip error" }
        return String(cString: s)
    }
}
