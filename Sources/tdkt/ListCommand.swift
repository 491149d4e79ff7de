import ArgumentParser
import Document
import Ingest
import OfficePackage
import OfficeZip
import Vietnamese

/// `tdkt list`: a CSV export as a list document (danh sách): a title and a bordered table
/// whose header row repeats on every page, A4 with the decree's margins, page numbers from
/// page 2. DOCX or ODT by the output's extension. Rows are streamed: memory stays flat
/// whatever the number of rows.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Chuyển tệp CSV thành văn bản danh sách (DOCX hoặc ODT).",
        discussion: """
        Văn bản khổ A4, lề theo Nghị định 30/2020/NĐ-CP, chữ Times New Roman: tiêu đề in đậm ở giữa, \
        bảng có viền với dòng tiêu đề lặp lại ở đầu mỗi trang, số trang ở giữa phía trên từ trang 2. \
        Định dạng theo đuôi tệp ra (.docx hoặc .odt). Độ rộng cột theo nội dung 100 hàng đầu. \
        Tệp CSV có lỗi thì không ghi gì.
        """
    )

    @Argument(help: ArgumentHelp("Tệp CSV đầu vào.", valueName: "tệp-csv"))
    var input: String

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Tệp kết quả (.docx hoặc .odt).", valueName: "tệp-ra"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("Tiêu đề in trên bảng (mặc định: DANH SÁCH).", valueName: "tiêu-đề"))
    var title: String?

    @Option(name: .long, help: ArgumentHelp(
        "Các cột đưa vào danh sách, theo tên ở dòng tiêu đề, cách nhau bằng dấu phẩy (mặc định: mọi cột). Không phân biệt hoa thường và dấu.",
        valueName: "cột,cột,…"))
    var columns: String?

    @Flag(name: .long, help: "Khổ giấy nằm ngang (bảng nhiều cột).")
    var landscape = false

    @Option(name: .long, help: ArgumentHelp("Chỉ lấy N hàng dữ liệu đầu tiên.", valueName: "N"))
    var limit: Int?

    @OptionGroup var csv: CSVInputOptions

    /// Rows read before the column widths are fixed.
    static let sampleRows = 100

    mutating func run() throws {
        guard let format = DocumentFormat(path: output) else {
            throw ValidationError("Tệp ra «\(output)» phải có đuôi .docx hoặc .odt.")
        }
        if let limit, limit < 1 {
            throw ValidationError("--limit phải là số nguyên dương (đang là \(limit)).")
        }
        try OutputGuard.check(output: output, inputs: [input])
        let options = try csv.csvOptions()
        let wanted = columns.map { $0.split(separator: ",").map { String($0) } }
        let title = Vietnamese.nfc(self.title ?? "DANH SÁCH")
        let section = Official.section(orientation: landscape ? .landscape : .portrait)
        // The table is the document: its 13 pt text is the Normal size (the decree allows
        // 13–14 pt), so cells need no style of their own; the title sets its 14 pt.
        var base = StyleSheet.timesNewRoman14
        base.halfPoints = ListLayout.cellHalfPoints
        let styles = StyleSheet(defaultRun: base)
        var properties = DocumentProperties()
        properties.title = title
        // A list's XML is table markup repeated row after row: deflate level 3 gives files the
        // size python-docx and docxtpl write (W3, 10,000 rows: 288 KB vs 233 KB at level 6 and
        // 280–297 KB for the peers) at 40 % of level 6's cost (docs/NOTES-document-model.md).
        var documentOptions = DocumentOptions()
        documentOptions.compressionLevel = 3
        let writer = try DocumentWriter(path: output, format: format, properties: properties, styles: styles,
                                        options: documentOptions)
        let limit = self.limit ?? Int.max
        var layout: ListLayout?
        var written = 0
        do {
            try writer.beginSection(section)
            try writer.add(Paragraph(title, RunFormat(halfPoints: 28, bold: true), style: .title,
                                     paragraph: ParagraphFormat(spaceAfter: .pt(12))))
            do {
                try CSVReader.read(path: input, options: options, header: { found in
                    layout = try ListLayout(columns: found, wanted: wanted, file: input)
                }) { row in
                    guard let l = layout else { return }
                    if written >= limit { throw StopReading() }
                    try l.add(row, to: writer, width: section.textWidth)
                    written += 1
                }
            } catch is StopReading {}
            guard let layout else {
                throw ValidationError("Tệp «\(input)» không có dòng tiêu đề cột.")
            }
            try layout.finish(writer, width: section.textWidth)
            try writer.close()
        } catch {
            writer.discard()
            throw error
        }
        var line = "Đã ghi \(output): \(VietnameseNumber.format(written)) hàng, \(layout?.selected.count ?? 0) cột"
        if writer.removedCharacterCount > 0 {
            line += "; bỏ \(VietnameseNumber.format(writer.removedCharacterCount)) ký tự không hợp lệ trong XML"
        }
        print(line + ".")
    }
}

/// Thrown by the row callback to stop reading once `--limit` rows are written. Rows stop at
/// the first data error, so reaching the limit means the rows taken were all good.
private struct StopReading: Error {}

/// The list's table: chosen columns, widths from the first rows, streamed rows.
final class ListLayout {
    static let cellHalfPoints = 26
    let headers: [String]
    /// File column index of each table column.
    let selected: [Int]
    private var sampleTexts: [[String]] = []
    private var sampleAlignments: [[ParagraphAlignment?]] = []
    private var started = false

    init(columns: [CSVColumn], wanted: [String]?, file: String) throws {
        if let wanted {
            var picked: [Int] = []
            for name in wanted {
                let key = ColumnName.key(name)
                guard !key.isEmpty else {
                    throw ValidationError("--columns có tên cột trống; viết các tên cách nhau bằng dấu phẩy, ví dụ: stt,ho_ten,don_vi.")
                }
                guard let i = columns.firstIndex(where: { ColumnName.key($0.header) == key }) else {
                    let available = columns.map { "«\($0.header)»" }.joined(separator: ", ")
                    throw ValidationError("Tệp «\(file)» không có cột «\(name)» (ghi trong --columns). Các cột có: \(available).")
                }
                picked.append(i)
            }
            selected = picked
        } else {
            selected = Array(columns.indices)
        }
        guard !selected.isEmpty else {
            throw ValidationError("Tệp «\(file)» không có cột nào để đưa vào danh sách.")
        }
        guard selected.count <= 63 else {
            throw ValidationError("Danh sách có \(selected.count) cột; văn bản chỉ chứa được bảng tối đa 63 cột. Hãy chọn bớt bằng --columns.")
        }
        headers = selected.map { columns[$0].header }
    }

    func add(_ row: borrowing CSVRow, to writer: DocumentWriter, width: Length) throws {
        var texts: [String] = [], alignments: [ParagraphAlignment?] = []
        texts.reserveCapacity(selected.count)
        alignments.reserveCapacity(selected.count)
        for c in selected {
            texts.append(c < row.count ? row.text(c) : "")
            switch c < row.count ? row.kind(c) : .empty {
            case .integer, .number, .percent: alignments.append(.right)
            case .date: alignments.append(.center)
            default: alignments.append(nil)
            }
        }
        if started {
            try writer.addTextRow(texts, alignments: alignments, cantSplit: true)
        } else {
            sampleTexts.append(texts)
            sampleAlignments.append(alignments)
            if sampleTexts.count >= ListCommand.sampleRows { try start(writer, width: width) }
        }
    }

    func finish(_ writer: DocumentWriter, width: Length) throws {
        if !started { try start(writer, width: width) }
        try writer.endTable()
    }

    /// Fixes the column widths from the header and the sampled rows, writes the header row
    /// and the sample.
    private func start(_ writer: DocumentWriter, width: Length) throws {
        started = true
        let columns = Self.columnWidths(headers: headers, samples: sampleTexts, width: width)
        try writer.beginTable(Table(columns: columns, borders: .all(), cellMargins: .standard))
        let header = headers.map { h in
            TableCell([.paragraph(Paragraph(h, RunFormat(bold: true), style: nil,
                                            paragraph: ParagraphFormat(alignment: .center)))],
                      verticalAlignment: .center, shading: .headerGrey)
        }
        try writer.addRow(TableRow(header, isHeader: true, cantSplit: true))
        for (t, a) in zip(sampleTexts, sampleAlignments) { try writer.addTextRow(t, alignments: a, cantSplit: true) }
        sampleTexts = []
        sampleAlignments = []
    }

    /// Column widths: every column at least as wide as its longest word (header or sampled
    /// cell, so no word is broken), the rest of the width shared by what the columns' longest
    /// texts (up to 70 mm) still want.
    static func columnWidths(headers: [String], samples: [[String]], width: Length) -> [Length] {
        let padding = Length.twips(216 + 60)
        func words(_ s: String) -> [Substring] { s.split(whereSeparator: { $0 == " " || $0 == "\n" }) }
        var least: [Double] = [], wants: [Double] = []
        for (i, h) in headers.enumerated() {
            var word = words(h).map { TimesWidth.of(String($0), halfPoints: cellHalfPoints, bold: true) }.max() ?? .zero
            var text = TimesWidth.of(h, halfPoints: cellHalfPoints, bold: true)
            for row in samples {
                let t = row[i]
                text = max(text, min(TimesWidth.of(t, halfPoints: cellHalfPoints, bold: false), .mm(70)))
                for w in words(t) { word = max(word, min(TimesWidth.of(String(w), halfPoints: cellHalfPoints, bold: false), .mm(40))) }
            }
            least.append(Double((word + padding).emu))
            wants.append(Double((max(text, word) + padding).emu))
        }
        let total = Double(width.emu)
        let leastSum = least.reduce(0, +), wantSum = wants.reduce(0, +)
        if wantSum <= total { return Table.proportionalColumns(wants, width: width) }
        if leastSum >= total { return Table.proportionalColumns(least, width: width) }
        let spare = total - leastSum, extra = wantSum - leastSum
        return Table.proportionalColumns(zip(least, wants).map { $0 + ($1 - $0) * spare / extra }, width: width)
    }
}
