import Foundation
import Testing
import TestSupport
import Vietnamese
@testable import Spreadsheet

/// Random sheets (typed values, Vietnamese text, XML-special and illegal characters) written in
/// both formats and read back by independent readers: every value comes back identical, except
/// the characters XML cannot hold, which are removed.
@Suite("Random workbooks read back equal")
struct WorkbookPropertyTests {
    enum Expected: CustomStringConvertible {
        case empty, text(String), number(Double), bool(Bool), date(String)
        var description: String {
            switch self {
            case .empty: "trống"
            case .text(let s): "«\(s.debugDescription)»"
            case .number(let x): "\(x)"
            case .bool(let b): "\(b)"
            case .date(let d): d
            }
        }
    }

    static let pieces = [
        "Nguyễn Thị Hồng Nhung", "Ủy ban nhân dân", "Lao động tiên tiến", "Đắk Lắk", "Hòa", "huyện Định Hóa",
        "<b>", "&amp;", "a & b", "\"trích\"", "'đơn'", "=SUM(A1:A9)", "+84 290 3812 345", "@x", "-2",
        "=cmd|'/c calc'!A0", "  ", " ", "\t", "\n", "🏅", "1.234.567", "0123",
        "\u{1}", "\u{8}", "\u{1F}", "\u{FFFE}", "\u{FFFF}", "\r\n",
    ]

    // Literal `_xHHHH_` text is left out: the XLSX writer protects it as Excel does
    // (`_x005F_xHHHH_`, XMLWriterTests), but the readers disagree on it — openpyxl decodes it in
    // shared strings only, calamine drops a leading space before it.

    /// XML 1.0 cannot hold these; the writers drop them (ODS) or escape them as Excel does (XLSX).
    static func isIllegal(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u != "\t" && u != "\n" && u != "\r") || u.value == 0xFFFE || u.value == 0xFFFF
    }

    static func withoutIllegal(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !isIllegal($0) }))
    }

    static func randomText(_ g: inout SeededGenerator) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 1...4, using: &g) { s += pieces.randomElement(using: &g)! }
        return s
    }

    /// A random sheet: cells and what a reader must see.
    static func randomSheet(_ g: inout SeededGenerator) throws -> (cells: [[CellValue]], expected: [[Expected]]) {
        let rows = Int.random(in: 1...25, using: &g)
        let columns = Int.random(in: 1...7, using: &g)
        var cells: [[CellValue]] = []
        var expected: [[Expected]] = []
        for _ in 0..<rows {
            var line: [CellValue] = []
            var want: [Expected] = []
            for _ in 0..<columns {
                switch Int.random(in: 0..<10, using: &g) {
                case 0:
                    line.append(.empty); want.append(.empty)
                case 1, 2, 3:
                    let t = randomText(&g)
                    line.append(.text(t))
                    let kept = withoutIllegal(t)
                    want.append(kept.isEmpty ? .empty : .text(kept))
                case 4:
                    let i = Int.random(in: -9_007_199_254_740_991...9_007_199_254_740_991, using: &g) >> Int.random(in: 0...52, using: &g)
                    line.append(.integer(i)); want.append(.number(Double(i)))
                case 5, 6:
                    let x = Double.random(in: -1e6...1e6, using: &g) * (Bool.random(using: &g) ? 1 : 1e-7)
                    line.append(.number(x)); want.append(.number(x))
                case 7:
                    let b = Bool.random(using: &g)
                    line.append(.bool(b)); want.append(.bool(b))
                default:
                    let d = try CivilDate(year: Int.random(in: 1900...2099, using: &g), month: Int.random(in: 1...12, using: &g),
                                          day: Int.random(in: 1...28, using: &g))
                    line.append(.date(d))
                    want.append(.date(String(format: "%04d-%02d-%02d", d.year, d.month, d.day)))
                }
            }
            cells.append(line)
            expected.append(want)
        }
        return (cells, expected)
    }

    /// ECMA-376's `_xHHHH_` escapes decoded, as Excel and LibreOffice read cell text (openpyxl
    /// leaves them as written: its unescape serves only headers and table names).
    static func decodingEscapes(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "_x") {
            out += rest[..<r.lowerBound]
            let hex = rest[r.upperBound...].prefix(5)
            if hex.count == 5, hex.last == "_", let v = UInt32(hex.dropLast(), radix: 16), let u = Unicode.Scalar(v) {
                out.unicodeScalars.append(u)
                rest = rest[rest.index(r.upperBound, offsetBy: 5)...]
            } else {
                out += "_x"
                rest = rest[r.upperBound...]
            }
        }
        return out + rest
    }

    static func matches(_ want: Expected, _ got: JSON?, decode: Bool = false) -> Bool {
        let text = got?.string.map { decode ? decodingEscapes($0) : $0 }
        switch want {
        case .empty:
            return got == nil || got?.isNull == true || text == ""
        case .text(let s):
            return text == s
        case .number(let x): return got?.number == x
        case .bool(let b): return got?.bool == b
        case .date(let d): return got?.string.map { String($0.prefix(10)) } == d
        }
    }

    @Test func randomSheetsReadBackEqualInBothFormats() throws {
        let count = Int(ProcessInfo.processInfo.environment["TDKT_FUZZ_COUNT"] ?? "") ?? 12
        let dir = TemporaryDirectory("random-sheets")
        defer { dir.remove() }
        var files: [String] = []
        var expectations: [String: [[Expected]]] = [:]
        for seed in 0..<count {
            var g = SeededGenerator(seed: 0x7D47 &+ UInt64(seed))
            let (cells, expected) = try Self.randomSheet(&g)
            for format in SpreadsheetFormat.allCases {
                let path = dir.file("ngau-nhien-\(seed).\(format.rawValue)")
                let wb = try WorkbookWriter(path: path)
                let date = wb.style(CellStyle(numberFormat: .date))
                let sheet = try wb.addSheet("Trang \(seed)")
                for line in cells {
                    try sheet.appendRow(line.map { v in
                        if case .date = v { return Cell(v, style: date) }
                        return Cell(v)
                    })
                }
                try wb.close()
                files.append(path)
                expectations[path] = expected
            }
        }
        let reports = Conformance.check(files, .readers)
        #expect(reports.count == files.count)
        for report in reports {
            #expect(report.failures.isEmpty, "\(report.file): \(report.failures)")
            let expected = try #require(expectations[report.file])
            // Text through every reader that reads it whole (calamine drops ODF's <text:tab/>).
            let readers = report.file.hasSuffix(".xlsx") ? ["calamine", "openpyxl"] : ["calamine", "odfpy"]
            for reader in readers {
                let rows = report.data(reader)?["sheets"]?[0]?["rows"]?.array ?? []
                for (r, line) in expected.enumerated() {
                    for (c, want) in line.enumerated() {
                        var want = want
                        if report.file.hasSuffix(".ods"), case .text(let s) = want {
                            if reader == "calamine", s.contains("\t") { continue }
                            // An ODF cell holds paragraphs: CR LF ends one like LF does.
                            want = .text(s.replacingOccurrences(of: "\r\n", with: "\n"))
                        }
                        // openpyxl reads dates as datetimes and odfpy as ISO text: both start with the day.
                        let got = rows.indices.contains(r) ? rows[r][c] : nil
                        #expect(Self.matches(want, got, decode: reader == "openpyxl"),
                                "\(URL(fileURLWithPath: report.file).lastPathComponent) \(reader) \(CellAddress(row: r, column: c)): \(String(describing: got)) ≠ \(want)")
                    }
                }
            }
        }
    }
}
