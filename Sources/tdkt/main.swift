import ArgumentParser

/// tdkt — giấy tờ thi đua, khen thưởng.
struct Tdkt: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "tdkt",
        abstract: "Soạn giấy tờ thi đua, khen thưởng theo đúng thể thức Nghị định 30/2020/NĐ-CP.",
        discussion: """
        tdkt đọc dữ liệu phong trào và kết quả thi đua (YAML, JSON, CSV xuất từ Excel) \
        và viết kế hoạch, báo cáo, bảng tổng hợp (DOCX, ODT, XLSX, ODS, PDF), \
        hoặc điền mẫu của chính cơ quan từ tệp CSV (trộn thư).
        """,
        version: "tdkt \(version)",
        subcommands: [CSVCommand.self, SheetCommand.self, ListCommand.self, FillCommand.self, CheckCommand.self, SampleDataCommand.self, TemplatesCommand.self, BuildCommand.self]
    )
}

CLI.tuneMemory()
CLI.installSignalCleanup()
CLI.run(Tdkt.self, Array(CommandLine.arguments.dropFirst()))
