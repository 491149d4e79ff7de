/// Where a problem of a template is: the file, the part inside the package and, when known,
/// the paragraph, the table cell or the spreadsheet cell, and the text around it.
public struct TemplateLocation: Sendable, Hashable, CustomStringConvertible {
    /// The template file (as given by the user).
    public var file: String
    /// The part inside the package (`word/document.xml`, `xl/worksheets/sheet1.xml`, `content.xml`).
    public var part: String
    /// Offset in the part's text (the characters of its text elements, concatenated), as
    /// docxtemplater reports it.
    public var offset: Int?
    /// 1-based paragraph of the part, counting every paragraph in document order.
    public var paragraph: Int?
    /// Table cell: 1-based table of the part, row and column.
    public var table: Int?
    public var row: Int?
    public var column: Int?
    /// A spreadsheet cell ("B7") and its sheet.
    public var cell: String?
    public var sheet: String?
    /// The text around the problem, as the user sees it in the document.
    public var context: String?

    public init(file: String = "", part: String, offset: Int? = nil, paragraph: Int? = nil, table: Int? = nil,
                row: Int? = nil, column: Int? = nil, cell: String? = nil, sheet: String? = nil, context: String? = nil) {
        self.file = file
        self.part = part
        self.offset = offset
        self.paragraph = paragraph
        self.table = table
        self.row = row
        self.column = column
        self.cell = cell
        self.sheet = sheet
        self.context = context
    }

    /// "word/document.xml, đoạn 3, bảng 1 hàng 2 ô 3, gần «…»".
    public var description: String {
        var parts: [String] = []
        if !file.isEmpty { parts.append(file) }
        if !part.isEmpty { parts.append("phần \(part)") }
        if let sheet { parts.append("trang tính «\(sheet)»") }
        if let cell { parts.append("ô \(cell)") }
        if let table, let row, let column {
            parts.append("bảng \(table) hàng \(row) ô \(column)")
        } else if let paragraph {
            parts.append("đoạn \(paragraph)")
        }
        if let context, !context.isEmpty { parts.append("gần «\(TemplateIssue.shorten(context))»") }
        return parts.joined(separator: ", ")
    }
}

/// One problem of a template or of its filling, with a stable code, its location, what is
/// wrong and how to fix it (both in Vietnamese).
public struct TemplateIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    /// Stable codes (used by `--json` and by tests; never renamed).
    public enum Code: String, Sendable, Hashable, CaseIterable {
        // Delimiters
        case unclosedTag = "unclosed_tag"
        case unopenedTag = "unopened_tag"
        case duplicateOpenTag = "duplicate_open_tag"
        case duplicateCloseTag = "duplicate_close_tag"
        case invalidDelimiters = "invalid_delimiters"
        // Tags and loops
        case emptyTag = "empty_tag"
        case invalidTag = "invalid_tag"
        case unknownFormatter = "unknown_formatter"
        case invalidFormatterArgument = "invalid_formatter_argument"
        case unclosedLoop = "unclosed_loop"
        case unopenedLoop = "unopened_loop"
        case closingTagMismatch = "closing_tag_does_not_match_opening_tag"
        case unbalancedLoops = "unbalanced_loop_tags"
        case loopPositionInvalid = "loop_position_invalid"
        case noEnclosingElementLeft = "no_xml_tag_found_at_left"
        case noEnclosingElementRight = "no_xml_tag_found_at_right"
        case unsupportedTag = "unsupported_tag"
        // Values
        case missingValue = "missing_value"
        case missingSection = "missing_section"
        case invalidXMLCharacters = "invalid_xml_characters"
        case removedXMLCharacters = "removed_xml_characters"
        case formatterFailed = "formatter_failed"
        case invalidFieldSwitch = "invalid_field_switch"
        // Package
        case malformedXML = "malformed_xml"
        case doctypeRefused = "doctype_refused"
        case entityRefused = "entity_refused"
        case tooDeep = "too_deep"
        case missingPart = "missing_part"
        case unsupportedTemplate = "unsupported_template"
        case hostileArchive = "hostile_archive"
        case unreadableArchive = "unreadable_archive"
        case outputNameCollision = "output_name_collision"
        case invalidOutputName = "invalid_output_name"
    }

    public var code: Code
    public var severity: Severity
    public var location: TemplateLocation
    /// What is wrong (Vietnamese).
    public var message: String
    /// How to fix it (Vietnamese).
    public var fix: String
    /// The tag concerned, as written (without delimiters), when there is one.
    public var tag: String?
    /// Second offset of a pair (closing tag of a loop).
    public var secondOffset: Int?

    public init(_ code: Code, _ severity: Severity = .error, at location: TemplateLocation, message: String,
                fix: String, tag: String? = nil, secondOffset: Int? = nil) {
        self.code = code
        self.severity = severity
        self.location = location
        self.message = message
        self.fix = fix
        self.tag = tag
        self.secondOffset = secondOffset
    }

    public var description: String {
        "\(severity == .error ? "Lỗi" : "Cảnh báo") [\(code.rawValue)] \(location): \(message) Cách sửa: \(fix)"
    }

    static func shorten(_ text: String, limit: Int = 60) -> String {
        let oneLine = String(text.map { $0 == "\n" ? "↵" : ($0 == "\t" ? "→" : $0) })
        return oneLine.count <= limit ? oneLine : String(oneLine.prefix(limit)) + "…"
    }
}

/// Every error of a template (or of one filling), thrown together. Warnings found on the way
/// are carried too, so a caller can show them next to the errors.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var issues: [TemplateIssue]

    public init(_ issues: [TemplateIssue]) { self.issues = issues }

    public init(_ issue: TemplateIssue) { self.issues = [issue] }

    public var errors: [TemplateIssue] { issues.filter { $0.severity == .error } }
    public var warnings: [TemplateIssue] { issues.filter { $0.severity == .warning } }
    /// The code of the first error.
    public var code: TemplateIssue.Code? { errors.first?.code }

    public var description: String {
        let errors = self.errors
        var lines = ["Mẫu có \(errors.count) lỗi:"]
        for e in errors { lines.append("  - \(e)") }
        return lines.joined(separator: "\n")
    }
}

// MARK: - Messages

extension TemplateIssue {
    /// The Vietnamese message and fix of each code.
    static func text(_ code: Code, tag: String? = nil, detail: String? = nil) -> (message: String, fix: String) {
        let t = tag.map { "«\($0)»" } ?? ""
        let d = detail ?? ""
        switch code {
        case .unclosedTag:
            return ("Thẻ \(t) mở mà không đóng (thiếu dấu đóng).", "Thêm dấu đóng thẻ ngay sau tên thẻ, ví dụ {ho_ten}.")
        case .unopenedTag:
            return ("Có dấu đóng thẻ \(t) mà không có dấu mở tương ứng.", "Xóa dấu đóng thừa hoặc thêm dấu mở trước tên thẻ.")
        case .duplicateOpenTag:
            return ("Thẻ \(t) có hai dấu mở liền nhau.", "Xóa dấu mở thừa, ví dụ sửa {{ho_ten} thành {ho_ten}.")
        case .duplicateCloseTag:
            return ("Thẻ \(t) có hai dấu đóng liền nhau.", "Xóa dấu đóng thừa, ví dụ sửa {ho_ten}} thành {ho_ten}.")
        case .invalidDelimiters:
            return ("Dấu mở/đóng thẻ không dùng được: \(d).", "Ghi dấu mở và dấu đóng cách nhau một dấu cách, ví dụ «[[ ]]».")
        case .emptyTag:
            return ("Thẻ rỗng (không có tên).", "Ghi tên trường giữa hai dấu, ví dụ {ho_ten}, hoặc xóa cặp dấu thừa.")
        case .invalidTag:
            return ("Thẻ \(t) viết sai: \(d).", "Xem cú pháp thẻ trong docs/templating.md.")
        case .unknownFormatter:
            return ("Thẻ \(t) dùng bộ định dạng không có: \(d).",
                    "Dùng một trong: ngay_dai, ngay, so, chu, tien_chu, hoa, thuong, hoa_dau, mac_dinh:\"…\".")
        case .invalidFormatterArgument:
            return ("Thẻ \(t): tham số của bộ định dạng không hợp lệ: \(d).", "Viết tham số trong ngoặc kép, ví dụ {x | mac_dinh:\"không có\"}.")
        case .unclosedLoop:
            return ("Vòng lặp/điều kiện \(t) mở mà không đóng.", "Thêm thẻ đóng {/\(tag ?? "…")} ở cuối đoạn cần lặp.")
        case .unopenedLoop:
            return ("Thẻ đóng \(t) không có thẻ mở tương ứng.", "Thêm thẻ mở {#\(tag ?? "…")} trước đoạn cần lặp, hoặc xóa thẻ đóng thừa.")
        case .closingTagMismatch:
            return ("Thẻ mở và thẻ đóng không cùng tên: \(d).", "Sửa để thẻ đóng trùng tên với thẻ mở gần nhất, ví dụ {#ds}…{/ds}.")
        case .unbalancedLoops:
            return ("Hai vòng lặp đan chéo nhau: \(d).", "Đóng vòng lặp trong trước khi đóng vòng lặp ngoài.")
        case .loopPositionInvalid:
            return ("Vòng lặp \(t) sẽ làm vỡ bảng: thẻ mở và thẻ đóng nằm ở vị trí không cùng cấp (ví dụ một thẻ trong bảng, một thẻ ngoài bảng).",
                    "Đặt cả thẻ mở và thẻ đóng trong cùng một hàng của bảng (để lặp hàng), hoặc cả hai ngoài bảng (để lặp cả bảng).")
        case .noEnclosingElementLeft:
            return ("Không tìm thấy phần tử \(d) bao quanh thẻ mở \(t).", "Đặt thẻ {-\(d) …} bên trong một \(d == "w:p" ? "đoạn văn" : d == "w:tr" ? "hàng bảng" : "phần tử") thật sự.")
        case .noEnclosingElementRight:
            return ("Không tìm thấy phần tử \(d) bao quanh thẻ đóng \(t).", "Đặt thẻ đóng bên trong cùng loại phần tử với thẻ mở.")
        case .unsupportedTag:
            return ("Thẻ \(t) dùng cú pháp tdkt không hỗ trợ: \(d).", "Dùng thẻ thường {ten}, vòng lặp {#ds}…{/ds} hoặc điều kiện {^x}…{/x}.")
        case .missingValue:
            return ("Dữ liệu không có trường \(t).", "Thêm cột/khóa \(t) vào dữ liệu, sửa tên thẻ cho đúng tên cột, dùng {\(tag ?? "x") | mac_dinh:\"…\"}, hoặc chạy với --lenient để để trống.")
        case .missingSection:
            return ("Dữ liệu không có trường \(t) của vòng lặp/điều kiện; coi như rỗng.", "Thêm khóa \(t) vào dữ liệu nếu cần hiện phần này.")
        case .invalidXMLCharacters:
            return ("Giá trị của \(t) chứa ký tự điều khiển không được phép trong XML: \(d).", "Xóa các ký tự điều khiển khỏi dữ liệu (thường do sao chép từ phần mềm khác).")
        case .removedXMLCharacters:
            return ("Đã bỏ \(d) ký tự điều khiển không được phép trong XML khỏi giá trị điền vào.", "Kiểm tra dữ liệu nguồn nếu các ký tự này có ý nghĩa.")
        case .formatterFailed:
            return ("Không định dạng được giá trị của \(t): \(d).", "Kiểm tra giá trị trong dữ liệu (ngày dạng dd/mm/yyyy, số dạng 1.234,5).")
        case .invalidFieldSwitch:
            return ("Trường trộn thư \(t) có khóa định dạng không hiểu được: \(d).", "Sửa mã trường trong Word (Alt+F9), ví dụ { MERGEFIELD so_tien \\# \"#,##0\" }.")
        case .malformedXML:
            return ("Phần \(d) của tệp mẫu không phải XML hợp lệ.", "Mở tệp mẫu bằng Word hoặc LibreOffice rồi lưu lại.")
        case .doctypeRefused:
            return ("Tệp mẫu có khai báo DOCTYPE; tdkt từ chối để không bao giờ mở rộng thực thể XML.", "Lưu lại tệp bằng Word hoặc LibreOffice; tệp văn phòng bình thường không có DOCTYPE.")
        case .entityRefused:
            return ("Tệp mẫu dùng thực thể XML không khai báo: \(d); tdkt không mở rộng thực thể.", "Lưu lại tệp bằng Word hoặc LibreOffice.")
        case .tooDeep:
            return ("Phần tử XML lồng nhau quá sâu (\(d) cấp).", "Tệp có thể bị hỏng hoặc cố ý gây hại; hãy lưu lại bằng Word hoặc LibreOffice.")
        case .missingPart:
            return ("Tệp mẫu thiếu phần bắt buộc: \(d).", "Tệp có thể bị hỏng; mở và lưu lại bằng Word hoặc LibreOffice.")
        case .unsupportedTemplate:
            return ("Không nhận ra loại tệp mẫu: \(d).", "Dùng tệp .docx, .dotx, .docm, .dotm, .odt, .ott, .xlsx, .xltx, .ods hoặc .ots.")
        case .hostileArchive:
            return ("Tệp mẫu bị từ chối: \(d).", "Dùng tệp gốc do Word, Excel hoặc LibreOffice lưu.")
        case .unreadableArchive:
            return ("Không đọc được tệp mẫu: \(d).", "Kiểm tra đường dẫn; tệp phải là DOCX/XLSX/ODT/ODS (một gói ZIP).")
        case .outputNameCollision:
            return ("Hai bản ghi cho cùng một tên tệp kết quả: \(d).", "Thêm {#} hoặc một trường riêng của từng bản ghi vào mẫu tên tệp (-o), ví dụ 'giay-khen/{#}-{ho_ten}.docx'.")
        case .invalidOutputName:
            return ("Tên tệp kết quả không dùng được: \(d).", "Sửa mẫu tên tệp (-o) hoặc dữ liệu dùng trong tên.")
        }
    }

    /// An issue with the standard message and fix of its code.
    static func make(_ code: Code, _ severity: Severity = .error, at location: TemplateLocation, tag: String? = nil,
                     detail: String? = nil, secondOffset: Int? = nil) -> TemplateIssue {
        let (message, fix) = text(code, tag: tag, detail: detail)
        return TemplateIssue(code, severity, at: location, message: message, fix: fix, tag: tag, secondOffset: secondOffset)
    }
}
