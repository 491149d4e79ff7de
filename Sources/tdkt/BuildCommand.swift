import ArgumentParser
import Document
import Domain
import Foundation
import Glibc
import Publishing
import Reports
import Spreadsheet
import Vietnamese

/// `tdkt build`: the data folder's plans, programmes (and year-end results) as documents and
/// workbooks, PDFs through LibreOffice, and reports/index.html.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Lập toàn bộ văn bản từ thư mục dữ liệu: kế hoạch, chương trình phối hợp, bảng theo dõi (DOCX, ODT, XLSX, ODS, PDF) và trang mục lục index.html.",
        discussion: """
        Mỗi thư mục con của thư mục dữ liệu có tệp don-vi.csv là dữ liệu của một cơ quan, địa phương \
        (xem data/README.md). Văn bản được điền từ các mẫu trong templates/ (sửa được bằng Word, LibreOffice); \
        thiếu mẫu thì dùng mẫu có sẵn của tdkt. Tên tệp không dấu, nội dung văn bản giữ nguyên tiếng Việt. \
        Dữ liệu lỗi được báo kèm tệp, dòng, cột; không có tệp nào bị ghi dở.
        Mã thoát 0: xong; 1: có vi phạm quy tắc khen thưởng hoặc lỗi ghi tệp; 2: có thư mục dữ liệu không đọc được.
        """
    )

    @Option(name: .long, help: ArgumentHelp("Thư mục dữ liệu.", valueName: "thư-mục"))
    var data = "data"

    @Option(name: .long, help: ArgumentHelp("Thư mục kết quả.", valueName: "thư-mục"))
    var out = "reports"

    @Option(name: .long, help: ArgumentHelp("Các định dạng, cách nhau bằng dấu phẩy: docx, odt (văn bản), xlsx, ods (bảng tính).", valueName: "định-dạng"))
    var formats = "docx,odt,xlsx,ods"

    @Flag(name: .long, help: "Xuất thêm PDF qua LibreOffice (một lần khởi động cho cả loạt) và ảnh trang 1 cho index.html.")
    var pdf = false

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("Chỉ lập các văn bản có tên (thư mục, tên tệp hoặc tiêu đề) chứa chuỗi này; lặp lại được.", valueName: "tên"))
    var only: [String] = []

    @Option(name: .long, help: ArgumentHelp("Năm của báo cáo tổng kết (mặc định: năm cuối cùng có khen thưởng).", valueName: "năm"))
    var year: Int?

    @Option(name: .long, help: ArgumentHelp("Thư mục mẫu (mặc định: templates/ nếu có, nếu không dùng mẫu có sẵn).", valueName: "thư-mục"))
    var templates: String?

    @Flag(name: .long, help: "Giấy khen: ghi thêm mỗi người một tệp (ngoài tệp gộp để in).")
    var each = false

    @Flag(name: .long, help: "Không hiện tiến độ.")
    var quiet = false

    func validate() throws {
        _ = try parsedFormats()
        if let year, !(1945...2100).contains(year) {
            throw ValidationError("Năm \(year) không hợp lệ.")
        }
    }

    func parsedFormats() throws -> ([DocumentFormat], [SpreadsheetFormat]) {
        var documents: [DocumentFormat] = [], workbooks: [SpreadsheetFormat] = []
        for raw in formats.split(separator: ",") {
            let f = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if let d = DocumentFormat(rawValue: f) { if !documents.contains(d) { documents.append(d) }; continue }
            if let s = SpreadsheetFormat(rawValue: f) { if !workbooks.contains(s) { workbooks.append(s) }; continue }
            throw ValidationError("Không biết định dạng «\(f)» trong --formats. Dùng: docx, odt, xlsx, ods (cách nhau bằng dấu phẩy).")
        }
        if documents.isEmpty && workbooks.isEmpty {
            throw ValidationError("--formats trống: hãy ghi ít nhất một trong docx, odt, xlsx, ods.")
        }
        return (documents, workbooks)
    }

    mutating func run() throws {
        var options = BuildOptions()
        options.data = data
        options.out = out
        (options.documentFormats, options.workbookFormats) = try parsedFormats()
        options.pdf = pdf
        options.only = only
        options.year = year
        options.templates = templates
        options.each = each
        let build = ReportBuild(options: options)
        let terminal = isatty(2) == 1 && !quiet
        let started = Date()
        if terminal {
            build.progress = { done, total, title in
                guard total > 0 else { return }
                let width = 24
                let filled = width * done / total
                var name = title
                if name.count > 48 { name = String(name.prefix(47)) + "…" }
                writeStandardError("\r\u{1B}[K[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                                   + "] \(done)/\(total) \(name)")
            }
        }
        let result: BuildResult
        do {
            result = try build.run()
        } catch let error as PublishingError {
            if terminal { writeStandardError("\n") }
            CLI.fail("Lỗi khi xuất PDF: \(error)\nCác tệp DOCX, ODT, XLSX, ODS đã ghi xong trong «\(out)».", code: 1)
        } catch let error as BuildError {
            if terminal { writeStandardError("\n") }
            CLI.fail("Lỗi: \(error)", code: 1)
        }
        if terminal { writeStandardError("\r\u{1B}[K") }
        let seconds = Date().timeIntervalSince(started)
        var lines: [String] = []
        for f in result.failures {
            writeStandardError(f.description + "\nKhông lập văn bản nào cho thư mục này; hãy sửa dữ liệu rồi chạy lại.\n")
        }
        let pdfs = result.outputs.filter { $0.pdf != nil }.count
        lines.append("Đã lập \(VietnameseNumber.format(result.outputs.count)) văn bản, bảng tính (\(VietnameseNumber.format(result.fileCount)) tệp\(pdfs > 0 ? ", có \(pdfs) PDF" : "")) trong «\(out)» — \(VietnameseNumber.format(seconds, fractionDigits: 1)) giây.")
        if let index = result.index { lines.append("Mục lục: \(out)/\(index)") }
        if !result.warnings.isEmpty {
            lines.append("Cảnh báo (\(VietnameseNumber.format(result.warnings.count))):")
            lines += result.warnings.prefix(20).map { "  - \($0)" }
            if result.warnings.count > 20 { lines.append("  … và \(result.warnings.count - 20) cảnh báo khác.") }
        }
        if !result.violations.isEmpty {
            lines.append("Vi phạm quy tắc khen thưởng (\(VietnameseNumber.format(result.violations.count))):")
            lines += result.violations.map { "  - \($0)" }
        }
        print(lines.joined(separator: "\n"))
        if !result.failures.isEmpty { throw ExitCode(2) }
        if !result.violations.isEmpty { throw ExitCode(1) }
    }
}
