import Foundation
import OfficeZip
import Testing
import TestSupport

private func run(_ arguments: [String]) throws -> Shell.Result {
    guard let binary = BuiltProducts.path("tdkt") else { throw CLIError.notBuilt }
    return Shell.run(binary, arguments)
}

/// Templates of the templating tests (same repository).
private func fixture(_ folder: String, _ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TemplatingTests/Fixtures/\(folder)/templates/\(name)").path
}

/// Paragraph texts python-docx reads in each file.
private func paragraphs(_ files: [String]) -> [String: [String]] {
    var out: [String: [String]] = [:]
    for r in Conformance.check(files, .readers) {
        #expect(r.failures.isEmpty, "\(r.file): \(r.failures)")
        out[r.file] = r.data("python-docx")?["paragraphs"]?.array?.compactMap { $0["text"]?.string } ?? []
    }
    return out
}

private func write(_ text: String, _ path: String, encoding: String.Encoding = .utf8, bom: [UInt8] = []) throws {
    var data = Data(bom)
    data.append(text.data(using: encoding)!)
    try data.write(to: URL(fileURLWithPath: path))
}

@Suite("tdkt fill", .serialized)
struct FillCommandTests {
    @Test func eachRecordOneFileNamedFromItsFieldsFromAUTF16CSV() throws {
        let dir = TemporaryDirectory("fill-each")
        defer { dir.remove() }
        let csv = dir.file("ds.csv")
        try write("first_name;last_name;phone;description\r\nNhung;Nguyễn Thị Hồng;0912 345 678;Giáo viên & <chủ nhiệm>\r\nĐức;Trần Văn;0987 000 111;Phó phòng Nội vụ\r\n",
                  csv, encoding: .utf16LittleEndian, bom: [0xFF, 0xFE])
        let r = try run(["fill", fixture("docxtemplater", "tag-example.docx"), csv, "--each", "-o", dir.file("ra/{#}-{last_name} {first_name}.docx")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Đã ghi 2 tệp vào \(dir.file("ra"))"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.file("ra")).sorted()
        #expect(names == ["1-Nguyễn Thị Hồng Nhung.docx", "2-Trần Văn Đức.docx"])
        let texts = paragraphs(names.map { dir.file("ra/" + $0) })
        #expect(texts[dir.file("ra/1-Nguyễn Thị Hồng Nhung.docx")]?.first == "Nguyễn Thị Hồng Nhung")
        #expect(texts[dir.file("ra/2-Trần Văn Đức.docx")]?.first == "Trần Văn Đức")
    }

    @Test func manyFilesPassThroughFreshStagingFoldersNoneLeft() throws {
        let dir = TemporaryDirectory("fill-many")
        defer { dir.remove() }
        let csv = dir.file("ds.csv")
        var text = "fieldname\n"
        for i in 1...150 { text += "Đơn vị số \(i)\n" }
        try write(text, csv)
        let r = try run(["fill", fixture("mergefield", "test_merge_templates_simple.docx"), csv, "--each", "-o", dir.file("ra/{#}.docx")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Đã ghi 150 tệp"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.file("ra"))
        #expect(names.count == 150)
        #expect(names.contains("001.docx") && names.contains("150.docx"))
        #expect(!names.contains { $0.hasPrefix(".") }, "staging folders or temporaries left: \(names.filter { $0.hasPrefix(".") })")
        #expect(paragraphs([dir.file("ra/150.docx")])[dir.file("ra/150.docx")]?.first == "Merge : Đơn vị số 150")
    }

    /// A label sheet: each document takes as many records as its NEXT fields ask, the last
    /// slots left empty; the records come from the CSV read a second time, one at a time.
    @Test func nextFieldsWithEachTakeRecordsInGroups() throws {
        let dir = TemporaryDirectory("fill-next")
        defer { dir.remove() }
        let field = { (instr: String, shown: String) in
            "<w:fldSimple w:instr=\" \(instr) \"><w:r><w:t>\(shown)</w:t></w:r></w:fldSimple>"
        }
        let body = "<w:p>" + field("MERGEFIELD ten", "«ten»") + "</w:p><w:p>" + field("NEXT", "")
            + field("MERGEFIELD ten", "«ten»") + "</w:p>"
        let template = dir.file("nhan.docx")
        let make = """
        import sys, zipfile
        w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        with zipfile.ZipFile(sys.argv[1], "w") as z:
            z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
            z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
            z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document ' + w + '><w:body>' + sys.argv[2] + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>')
        """
        let made = Shell.run("/usr/bin/env", ["python3", "-c", make, template, body])
        #expect(made.status == 0, "\(made.stderr)")
        let csv = dir.file("ds.csv")
        try write("ten\nAn\nBình\nChi\nDũng\nEm\n", csv)
        let r = try run(["fill", template, csv, "--each", "-o", dir.file("ra/{#}.docx")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Đã ghi 3 tệp"), "\(r.stdout)")
        let files = ["1", "2", "3"].map { dir.file("ra/\($0).docx") }
        let texts = paragraphs(files)
        #expect(texts[files[0]] == ["An", "Bình"])
        #expect(texts[files[1]] == ["Chi", "Dũng"])
        #expect(texts[files[2]] == ["Em", ""])
    }

    @Test func progressBarOnATerminalOnlySummaryAlways() throws {
        guard let binary = BuiltProducts.path("tdkt") else { throw CLIError.notBuilt }
        let dir = TemporaryDirectory("fill-progress")
        defer { dir.remove() }
        let csv = dir.file("ds.csv")
        var text = "fieldname,thua\n"
        for i in 1...40 { text += "Đơn vị \(i),x\n" }
        try write(text, csv)
        let template = fixture("mergefield", "test_merge_templates_simple.docx")
        // stderr is a terminal (script(1) gives the process a pseudo-terminal): a progress bar.
        if Conformance.which("script") != nil {
            let command = [binary, "fill", template, csv, "--each", "-o", dir.file("tty/{#}.docx")].map { "'\($0)'" }.joined(separator: " ")
            let r = Shell.run("/usr/bin/env", ["script", "-qec", command, "/dev/null"])
            #expect(r.status == 0, "\(r.stdout)")
            #expect(r.stdout.contains("] 40/40 tệp"), "\(r.stdout)")
            #expect(r.stdout.contains("[###############"), "\(r.stdout)")
            #expect(r.stdout.contains("Đã ghi 40 tệp vào \(dir.file("tty"))"), "\(r.stdout)")
        }
        // Not a terminal: no bar, only the summary.
        let plain = try run(["fill", template, csv, "--each", "-o", dir.file("pipe/{#}.docx")])
        #expect(plain.status == 0)
        #expect(!plain.stderr.contains("tệp\r") && !plain.stderr.contains("[#"), "\(plain.stderr)")
        #expect(plain.stdout == "Đã ghi 40 tệp vào \(dir.file("pipe")).\n")
    }

    @Test func mergeAliasLimitAndADirectoryAsOutput() throws {
        let dir = TemporaryDirectory("fill-merge")
        defer { dir.remove() }
        let csv = dir.file("ds.csv")
        try write("stt,fieldname\n1,Phòng Nội vụ\n2,UBND xã Phú Đình\n3,Trường THCS Nguyễn Du\n", csv)
        try FileManager.default.createDirectory(atPath: dir.file("ra"), withIntermediateDirectories: true)
        let r = try run(["merge", fixture("mergefield", "test_merge_templates_simple.docx"), csv, "-o", dir.file("ra"), "--each", "--limit", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.file("ra")).sorted()
        #expect(names == ["test_merge_templates_simple-1.docx", "test_merge_templates_simple-2.docx"])
        let texts = paragraphs(names.map { dir.file("ra/" + $0) })
        #expect(texts[dir.file("ra/test_merge_templates_simple-2.docx")]?.first == "Merge : UBND xã Phú Đình")
    }

    /// Only the columns the template names are typed: one named by its snake_case alias
    /// («First Name» → first_name) is among them; the others are not shown anyway.
    @Test func columnsNamedByAliasAreFilled() throws {
        let dir = TemporaryDirectory("fill-alias")
        defer { dir.remove() }
        let csv = dir.file("ds.csv")
        try write("First Name,last_name,phone,description,Ghi chú\nÁnh,Lê,0912,Bằng khen,05/02/2021\n", csv)
        let out = dir.file("o.docx")
        let r = try run(["fill", fixture("docxtemplater", "tag-example.docx"), csv, "--combine", "-o", out, "--lenient"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = (paragraphs([out])[out] ?? []).joined(separator: "\n")
        #expect(text.contains("Lê Ánh"), "\(text)")
    }

    /// A CSV of several batches (the values are typed on another core, in batches of rows):
    /// every record comes out in order with the text of the file (numbers and dates as
    /// written, NFD made NFC, quoted commas and line breaks kept), unused columns ignored.
    @Test func everyRowInOrderAcrossBatches() throws {
        let dir = TemporaryDirectory("fill-batches")
        defer { dir.remove() }
        let template = dir.file("t.docx")
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        let p = { (t: String) in "<w:p><w:r><w:t xml:space=\"preserve\">\(t)</w:t></w:r></w:p>" }
        let package = try ZipWriter(path: template)
        try package.add("[Content_Types].xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
        try package.add("_rels/.rels", text: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>")
        try package.add("word/document.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \(w)><w:body>"
                    + p("{#rows}") + p("{STT}|{ho_va_ten}|{Điểm}|{Ngày}") + p("{/rows}")
                    + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>")
        try package.close()
        var csv = "STT,Họ và tên,Điểm,Ngày,Ghi chú\n"
        var expected: [String] = []
        for k in 1...1_300 {
            let name: (file: String, shown: String) = switch k % 4 {
            case 0: ("Nguye\u{0302}\u{0303}n Va\u{0306}n \(k)", "Nguyễn Văn \(k)")        // NFD in the file
            case 1: ("\"Lê, Thị\nHoa \(k)\"", "Lê, Thị\nHoa \(k)")                       // quoted comma and line break
            default: ("Trần Đức \(k)", "Trần Đức \(k)")
            }
            let score = k % 3 == 0 ? "\"8,5\"" : k % 3 == 1 ? "\"1.234,75\"" : "10"
            let date = String(format: "%02d/%02d/2025", k % 28 + 1, k % 12 + 1)
            csv += "\(k),\(name.file),\(score),\(date),ghi chú \(k % 9 == 0 ? "" : "x")\n"
            expected.append("\(k)|\(name.shown)|\(score.replacingOccurrences(of: "\"", with: ""))|\(date)")
        }
        try write(csv, dir.file("ds.csv"))
        let out = dir.file("o.docx")
        let r = try run(["fill", template, dir.file("ds.csv"), "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        // python-docx reads the first rows; all of them are read from the XML (paragraph
        // texts, a break as a line feed).
        let first = (paragraphs([out])[out] ?? []).filter { $0.contains("|") }
        #expect(!first.isEmpty && first == Array(expected.prefix(first.count)))
        let xml = String(decoding: try ZipReader(path: out).read("word/document.xml"), as: UTF8.self)
        let texts = xml.components(separatedBy: "<w:p>").dropFirst().map { p in
            p.replacingOccurrences(of: "<w:br/>", with: "\n")
                .replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
                .replacingOccurrences(of: "&amp;", with: "&")
        }.filter { $0.contains("|") }
        #expect(texts.count == expected.count)
        for (k, (got, want)) in zip(texts, expected).enumerated() where got != want {
            Issue.record("row \(k + 1): \(got) ≠ \(want)")
            break
        }
    }

    @Test func collidingNamesWriteNothing() throws {
        let dir = TemporaryDirectory("fill-collide")
        defer { dir.remove() }
        let csv = dir.file("ds.csv")
        try write("first_name,last_name,phone,description\nAn,Lê,1,x\nAn,Lê,2,y\n", csv)
        let r = try run(["fill", fixture("docxtemplater", "tag-example.docx"), csv, "--each", "-o", dir.file("ra/{last_name} {first_name}.docx")])
        #expect(r.status == 65)
        #expect(r.stderr.contains("[output_name_collision]"))
        #expect(r.stderr.contains("bản ghi 1 và 2"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("ra")))
    }

    @Test func fileNamePatternWithAMissingFieldIsReportedOnce() throws {
        let dir = TemporaryDirectory("fill-pattern")
        defer { dir.remove() }
        let csv = dir.file("ds.csv")
        try write("first_name,last_name,phone,description\nAn,Lê,1,x\nBình,Trần,2,y\nChi,Võ,3,z\n", csv)
        let r = try run(["fill", fixture("docxtemplater", "tag-example.docx"), csv, "--each", "-o", dir.file("ra/{#}-{ho_ten}.docx")])
        #expect(r.status == 65)
        #expect(r.stderr.components(separatedBy: "không có trường này").count == 2, "one report, not one per record: \(r.stderr)")
        #expect(r.stderr.contains("[invalid_output_name]"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("ra")))
    }

    @Test func strictMissingNameIsAnErrorWithASuggestionLenientWarns() throws {
        let dir = TemporaryDirectory("fill-strict")
        defer { dir.remove() }
        let json = dir.file("d.json")
        try write("{\"first_name\": \"An\", \"last_nme\": \"Lê\", \"phone\": \"1\"}", json)
        let out = dir.file("o.docx")
        let strict = try run(["fill", fixture("docxtemplater", "tag-example.docx"), json, "-o", out])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("Lỗi [missing_value]"))
        #expect(strict.stderr.contains("«last_name» (có phải «last_nme»?)"))
        #expect(strict.stderr.contains("Cách sửa:"))
        #expect(strict.stderr.contains("«description»"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let lenient = try run(["fill", fixture("docxtemplater", "tag-example.docx"), json, "-o", out, "--lenient", "--set", "description=Bằng khen"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("Cảnh báo [missing_value]"))
        #expect(lenient.stdout.contains("Đã ghi \(out); 1 cảnh báo."))
        #expect(paragraphs([out])[out]?.first == " An")
    }

    @Test func templateErrorsAreLocatedAndJSONIsAvailable() throws {
        let dir = TemporaryDirectory("fill-err")
        defer { dir.remove() }
        let json = dir.file("d.json")
        try write("{}", json)
        let r = try run(["fill", fixture("docxtemplater", "multiple-unclosed.docx"), json, "-o", dir.file("o.docx")])
        #expect(r.status == 65)
        #expect(r.stderr.components(separatedBy: "Lỗi [unclosed_tag]").count == 4, "\(r.stderr)")
        #expect(r.stderr.contains("phần word/document.xml, đoạn 1"))
        let j = try run(["fill", fixture("docxtemplater", "multiple-unclosed.docx"), json, "-o", dir.file("o.docx"), "--json"])
        #expect(j.status == 65)
        let report = try JSONDecoder().decode(JSON.self, from: Data(j.stdout.utf8))
        #expect(report["errors"]?.array?.count == 3)
        #expect(report["errors"]?[1]?["code"]?.string == "unclosed_tag")
        #expect(report["errors"]?[1]?["offset"]?.number == 10)
        #expect(report["errors"]?[1]?["part"]?.string == "word/document.xml")
        #expect(!FileManager.default.fileExists(atPath: dir.file("o.docx")))
    }

    @Test func checkListsTagsAndWhatIsMissing() throws {
        let dir = TemporaryDirectory("fill-check")
        defer { dir.remove() }
        let json = dir.file("d.json")
        try write("{\"clients\": [{\"first_name\": \"An\"}]}", json)
        let r = try run(["fill", "--check", fixture("docxtemplater", "tag-intelligent-loop-table.docx"), json])
        #expect(r.status == 65)
        #expect(r.stdout.contains("vòng lặp {#clients}"))
        #expect(r.stdout.contains("    thẻ {last_name}"))
        #expect(r.stdout.contains("[missing_value]"))
        let noData = try run(["fill", "--check", fixture("mergefield", "test_merge_table_rows.docx")])
        #expect(noData.status == 0)
        #expect(noData.stdout.contains("trường trộn thư «class_code»"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["d.json"])
    }

    @Test func combineDelimitersAndInputsNeverOverwritten() throws {
        let dir = TemporaryDirectory("fill-combine")
        defer { dir.remove() }
        let yaml = dir.file("d.yaml")
        try write("- fieldname: Một\n- fieldname: Hai\n- fieldname: Ba\n", yaml)
        let out = dir.file("tat-ca.docx")
        let r = try run(["fill", fixture("mergefield", "test_merge_templates_simple.docx"), yaml, "--combine", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let texts = paragraphs([out])[out] ?? []
        #expect(texts.filter { $0.hasPrefix("Merge : ") } == ["Merge : Một", "Merge : Hai", "Merge : Ba"])
        // The data file itself as output: refused, untouched.
        let before = try Data(contentsOf: URL(fileURLWithPath: yaml))
        let same = try run(["fill", fixture("mergefield", "test_merge_templates_simple.docx"), yaml, "-o", yaml])
        #expect(same.status != 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: yaml)) == before)
        let bad = try run(["fill", fixture("mergefield", "test_merge_templates_simple.docx"), yaml, "-o", out, "--delimiters", "[["])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--delimiters"))
    }

    @Test func helpIsVietnamese() throws {
        let r = try run(["fill", "--help"])
        #expect(r.status == 0)
        for word in ["--each", "--combine", "--lenient", "Điền mẫu", "mẫu", "--no-paragraph-loop"] {
            #expect(r.stdout.contains(word), "\(word)")
        }
        #expect(r.stdout.precomposedStringWithCanonicalMapping == r.stdout)
    }
}
