import Foundation
import Testing
import TestSupport

private func run(_ arguments: [String]) throws -> Shell.Result {
    guard let binary = BuiltProducts.path("tdkt") else { throw CLIError.notBuilt }
    return Shell.run(binary, arguments)
}

private func csvFixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("IngestTests/Fixtures/csv/\(name)").path
}

/// The rows of a CSV fixture as python-docx should see them (header, then data), read here
/// with the fixture's known layout (UTF-8, comma, no quoting in the columns used).
private func fixtureRows(_ name: String) throws -> [[String]] {
    var text = try String(contentsOfFile: csvFixture(name), encoding: .utf8)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

@Suite(.serialized) struct ListCommandTests {
    @Test("a CSV becomes a DOCX list: title, header row repeated, every row, decree page setup")
    func listDocument() throws {
        let dir = TemporaryDirectory("list")
        defer { dir.remove() }
        let out = dir.file("ds.docx")
        let r = try run(["list", csvFixture("dskt-utf8-bom.csv"), "-o", out, "--title", "DANH SÁCH KHEN THƯỞNG NĂM 2024"])
        #expect(r.status == 0, "\(r.stderr)")
        let expected = try fixtureRows("dskt-utf8-bom.csv")
        #expect(r.stdout == "Đã ghi \(out): \(expected.count - 1) hàng, \(expected[0].count) cột.\n")
        let reports = Conformance.check([out], pdfDirectory: dir.path)
        #expect(reports[0].failures.isEmpty, "\(reports[0].failures)")
        guard let d = reports[0].data("docx-detail") else { Issue.record("not read"); return }
        #expect(d["paragraphs"]?[0]?["text"]?.string == "DANH SÁCH KHEN THƯỞNG NĂM 2024")
        #expect(d["paragraphs"]?[0]?["runs"]?[0]?["bold"]?.bool == true)
        #expect(d["paragraphs"]?[0]?["runs"]?[0]?["size"]?.number == 14)
        let rows = d["tables"]?[0]?["rows"]?.array ?? []
        #expect(rows.count == expected.count)
        #expect(rows.map { $0["cells"]?.array?.compactMap { $0["text"]?.string } ?? [] } == expected)
        #expect(rows.first?["header"]?.bool == true && rows.dropFirst().allSatisfy { $0["header"]?.bool == false })
        #expect(rows.dropFirst().allSatisfy { $0["cant_split"]?.bool == true })
        let s = d["sections"]?[0]
        #expect(s?["orientation"]?.string?.hasPrefix("PORTRAIT") == true)
        #expect(s?["left_mm"]?.number == 35 && s?["top_mm"]?.number == 25 && s?["right_mm"]?.number == 20)
        #expect(s?["header"]?["fields"]?.array?.compactMap(\.string) == ["PAGE"])
        #expect(s?["different_first_page"]?.bool == true)
        for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
            #expect(d["font_slots"]?[slot]?.array?.compactMap(\.string) == ["Times New Roman"])
        }
        // The grid fills the text width (155 mm = 8787 twips, ±1 per column from rounding).
        let grid = d["tables"]?[0]?["grid_twips"]?.array?.compactMap(\.number) ?? []
        #expect(abs(grid.reduce(0, +) - 8787) <= Double(grid.count))
    }

    @Test("--columns picks and orders columns by name, ignoring case and marks; --landscape; --limit")
    func columnsLandscapeLimit() throws {
        let dir = TemporaryDirectory("list-cols")
        defer { dir.remove() }
        let out = dir.file("ds.docx")
        let r = try run(["list", csvFixture("dskt-utf8-bom.csv"), "-o", out, "--columns", "ho va ten,STT, Số quyết định",
                         "--landscape", "--limit", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(": 3 hàng, 3 cột."))
        let expected = try fixtureRows("dskt-utf8-bom.csv").prefix(4).map { [$0[1], $0[0], $0[5]] }
        let reports = Conformance.check([out], .readers)
        #expect(reports[0].failures.isEmpty, "\(reports[0].failures)")
        let d = reports[0].data("docx-detail")
        let rows = d?["tables"]?[0]?["rows"]?.array ?? []
        #expect(rows.map { $0["cells"]?.array?.compactMap { $0["text"]?.string } ?? [] } == Array(expected))
        #expect(d?["sections"]?[0]?["orientation"]?.string?.hasPrefix("LANDSCAPE") == true)
        #expect(d?["sections"]?[0]?["page_width_mm"]?.number == 297)
        // The default title.
        #expect(d?["paragraphs"]?[0]?["text"]?.string == "DANH SÁCH")
    }

    @Test("the same list as ODT, by the extension")
    func odt() throws {
        let dir = TemporaryDirectory("list-odt")
        defer { dir.remove() }
        let out = dir.file("ds.odt")
        let r = try run(["list", csvFixture("dskt-utf8-bom.csv"), "-o", out, "--columns", "stt,ho va ten", "--title", "DANH SÁCH"])
        #expect(r.status == 0, "\(r.stderr)")
        let reports = Conformance.check([out], pdfDirectory: dir.path)
        #expect(reports[0].failures.isEmpty, "\(reports[0].failures)")
        let d = reports[0].data("odfpy")
        #expect(d?["tables"]?.number == 1)
        let texts = d?["paragraphs"]?.array?.compactMap(\.string) ?? []
        let expected = try fixtureRows("dskt-utf8-bom.csv")
        #expect(texts == ["DANH SÁCH"] + expected.flatMap { [$0[0], $0[1]] })
    }

    @Test("mistakes are explained in Vietnamese and write nothing")
    func errors() throws {
        let dir = TemporaryDirectory("list-bad")
        defer { dir.remove() }
        let out = dir.file("x.docx")
        let unknown = try run(["list", csvFixture("dskt-utf8-bom.csv"), "-o", out, "--columns", "stt,xyz"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("không có cột «xyz»"))
        #expect(unknown.stderr.contains("«Họ và tên»"))
        let data = try run(["list", csvFixture("dskt-blank-ragged.csv"), "-o", out])
        #expect(data.status == 65)
        let pdf = try run(["list", csvFixture("dskt-utf8-bom.csv"), "-o", dir.file("x.pdf")])
        #expect(pdf.status == 64)
        #expect(pdf.stderr.contains(".docx hoặc .odt"))
        let limit = try run(["list", csvFixture("dskt-utf8-bom.csv"), "-o", out, "--limit", "0"])
        #expect(limit.status == 64)
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "temporary files left")
        // Output = input is refused and the input is untouched.
        let copy = dir.file("in.docx")
        try FileManager.default.copyItem(atPath: csvFixture("dskt-utf8-bom.csv"), toPath: copy)
        let same = try run(["list", copy, "-o", copy])
        #expect(same.status != 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data(contentsOf: URL(fileURLWithPath: csvFixture("dskt-utf8-bom.csv"))))
    }

    /// Rows stream: 100,000 rows need no more memory than 10,000 (peak RSS of the child
    /// process, measured by the kernel), and every row is in the file.
    @Test func memoryStaysFlat() throws {
        guard let binary = BuiltProducts.path("tdkt") else { throw CLIError.notBuilt }
        let dir = TemporaryDirectory("list-big")
        defer { dir.remove() }
        func csv(_ n: Int) throws -> String {
            let path = dir.file("in-\(n).csv")
            var s = "stt,ho_ten,don_vi,chuc_vu,danh_hieu,so_qd\n"
            s.reserveCapacity(n * 100)
            for i in 1...n {
                s += "\(i),Nguyễn Văn Hùng \(i),Trường Tiểu học Nguyễn Du,Giáo viên,Lao động tiên tiến,\(i % 900 + 1)/QĐ-UBND\n"
            }
            try s.write(toFile: path, atomically: false, encoding: .utf8)
            return path
        }
        // Peak RSS of one child, in KB (python's getrusage over just that child).
        func peak(_ n: Int) throws -> Double {
            let out = dir.file("out-\(n).docx")
            let script = "import resource,subprocess,sys; r=subprocess.run(sys.argv[1:], capture_output=True); print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
            let r = Shell.run("/usr/bin/python3", ["-c", script, binary, "list", try csv(n), "-o", out])
            let parts = r.stdout.split(separator: " ").map { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
            #expect(parts.first == 0, "\(r.stdout) \(r.stderr)")
            return parts.last ?? 0
        }
        let small = try peak(10_000), big = try peak(100_000)
        #expect(big < small * 1.25 + 4096, "10,000 rows: \(small) KB, 100,000 rows: \(big) KB")
        let reports = Conformance.check([dir.file("out-100000.docx")], .readers)
        #expect(reports[0].data("docx-detail")?["tables"]?[0]?["row_count"]?.number == 100_001)
    }
}
