import ArgumentParser
import Reports

/// `tdkt mau`: writes the shipped templates (DOCX and ODT) from the official-format blocks.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mau",
        abstract: "Sinh lại các mẫu văn bản (kế hoạch, kế hoạch phát động, chương trình phối hợp, giấy khen) theo thể thức Nghị định 30/2020.",
        discussion: "Mẫu là tệp DOCX và ODT có thẻ {…} chỗ điền dữ liệu; cơ quan có thể sửa chữ, phông, tên cơ quan rồi lưu lại, tdkt vẫn điền được."
    )

    @Option(name: [.short, .long], help: "Thư mục ghi mẫu.")
    var out = "templates"

    func run() throws {
        let written = try TemplateFiles.writeAll(to: out)
        for path in written { print("Đã ghi \(path)") }
    }
}
