import Foundation
import OfficeZip
import Testing
import TestSupport
@testable import Templating

@Suite("DOCX filling")
struct DocxEngineTests {
    static let bold = "<w:rPr><w:b/><w:color w:val=\"FF0000\"/></w:rPr>"

    @Test("a tag split over runs, proofing marks, bookmarks and revision ids keeps the first run's formatting; other bytes stay")
    func splitRuns() throws {
        let dir = TemporaryDirectory("split")
        defer { dir.remove() }
        let body = "<w:p w:rsidR=\"00AB\"><w:r><w:t xml:space=\"preserve\">Tặng: </w:t></w:r><w:r w:rsidR=\"001\">\(Self.bold)<w:t>{h</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:bookmarkStart w:id=\"3\" w:name=\"b\"/><w:r w:rsidRPr=\"002\"><w:t>ọ_t</w:t></w:r><w:bookmarkEnd w:id=\"3\"/><w:ins w:id=\"7\" w:author=\"A\"><w:r><w:t>ên}</w:t></w:r></w:ins><w:proofErr w:type=\"spellEnd\"/><w:r><w:t xml:space=\"preserve\"> (cá nhân)</w:t></w:r></w:p>"
        let doc = TestDocx(body: body)
        let xml = try doc.filledXML(["họ_tên": "Nguyễn Thị <Hồng> & \"Nhung\""], in: dir)
        #expect(xml.contains("\(Self.bold)<w:t xml:space=\"preserve\">Nguyễn Thị &lt;Hồng&gt; &amp; \"Nhung\"</w:t>"))
        #expect(!xml.contains("w:bookmarkStart"), "a bookmark inside a tag goes with it (docxtemplater)")
        // Everything outside the tag is byte for byte the template's.
        for piece in ["<w:p w:rsidR=\"00AB\"><w:r><w:t xml:space=\"preserve\">Tặng: </w:t></w:r><w:r w:rsidR=\"001\">",
                      "<w:proofErr w:type=\"spellStart\"/>", "<w:ins w:id=\"7\" w:author=\"A\">",
                      "<w:r><w:t xml:space=\"preserve\"> (cá nhân)</w:t></w:r></w:p>"] {
            #expect(xml.contains(piece), "\(piece)")
        }
        #expect(try doc.fill(["họ_tên": "A"], in: dir, name: "b") == "Tặng: A (cá nhân)")
    }

    @Test("unchanged parts are copied still compressed")
    func rawCopy() throws {
        let dir = TemporaryDirectory("raw")
        defer { dir.remove() }
        var doc = TestDocx(body: TestDocx.p("{x}"))
        let big = Array(String(repeating: "<w:style>không đổi</w:style>", count: 2000).utf8)
        doc.extraParts.append(("word/styles.xml", big, nil))
        try doc.write(dir.file("t.docx"))
        try Template(path: dir.file("t.docx")).fill(["x": "1"], to: dir.file("o.docx"))
        let a = try ZipReader(path: dir.file("t.docx")), b = try ZipReader(path: dir.file("o.docx"))
        for name in ["word/styles.xml", "_rels/.rels", "[Content_Types].xml"] {
            #expect(a.info(name)?.compressedSize == b.info(name)?.compressedSize)
            #expect(a.info(name)?.crc == b.info(name)?.crc)
        }
        #expect(try b.read("word/styles.xml") == big)
    }

    @Test("values: newline → line break, tab → tab, illegal characters dropped and counted")
    func values() throws {
        let dir = TemporaryDirectory("values")
        defer { dir.remove() }
        let doc = TestDocx(body: "<w:p><w:r>\(Self.bold)<w:t>{x}</w:t></w:r></w:p>")
        try doc.write(dir.file("t.docx"))
        let summary = try Template(path: dir.file("t.docx")).fill(["x": "dòng 1\ndòng\t2\r\n\u{1}3\u{FFFE}"], to: dir.file("o.docx"))
        #expect(summary.removedCharacters == 2)
        #expect(summary.warnings.contains { $0.code == .removedXMLCharacters })
        let xml = String(decoding: try PackageFiles.read(dir.file("o.docx"), "word/document.xml"), as: UTF8.self)
        #expect(xml.contains("<w:r><w:br/></w:r><w:r>\(Self.bold)<w:t xml:space=\"preserve\">dòng</w:t><w:tab/>"))
        #expect(try DocxText.text(Array(xml.utf8), part: "") == "dòng 1\ndòng\t2\n3")
        var options = TemplateOptions()
        options.render.linebreaks = false
        #expect(try doc.fill(["x": "a\nb"], options: options, in: dir, name: "n").contains("a\nb"))
        #expect(!(try doc.filledXML(["x": "a\nb"], options: options, in: dir, name: "n2")).contains("<w:br/>"))
    }

    @Test("a loop over a table row repeats the row, keeping vertical merges")
    func tableRows() throws {
        let dir = TemporaryDirectory("rows")
        defer { dir.remove() }
        let cell = { (text: String, extra: String) in "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/>\(extra)</w:tcPr>\(TestDocx.p(text))</w:tc>" }
        let body = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"
            + "<w:tr>\(cell("STT", ""))\(cell("Họ tên", ""))\(cell("Đơn vị", ""))</w:tr>"
            + "<w:tr>\(cell("{#ds}{stt}", ""))\(cell("{ho_ten}", ""))\(cell("{don_vi}{/ds}", "<w:vMerge w:val=\"restart\"/>"))</w:tr>"
            + "</w:tbl>"
        let data: TemplateValue = ["ds": [["stt": 1, "ho_ten": "A", "don_vi": "X"], ["stt": 2, "ho_ten": "B", "don_vi": "Y"], ["stt": 3, "ho_ten": "C", "don_vi": "Z"]]]
        let doc = TestDocx(body: body)
        #expect(try doc.fill(data, in: dir) == "STT\tHọ tên\tĐơn vị\n1\tA\tX\n2\tB\tY\n3\tC\tZ")
        let xml = try doc.filledXML(data, in: dir, name: "x")
        #expect(xml.components(separatedBy: "<w:vMerge w:val=\"restart\"/>").count == 4)
        #expect(try doc.fill(["ds": []], in: dir, name: "e") == "STT\tHọ tên\tĐơn vị")
    }

    @Test("a large filled part is streamed into the archive and reads back whole")
    func largeOutput() throws {
        let dir = TemporaryDirectory("large")
        defer { dir.remove() }
        let body = "<w:tbl><w:tr><w:tc>\(TestDocx.p("{#ds}{stt}"))</w:tc><w:tc>\(TestDocx.p("{ten}{/ds}"))</w:tc></w:tr></w:tbl>"
        let items: [TemplateValue] = (1...6000).map { ["stt": .integer($0), "ten": .text("Người thứ \($0) — Nguyễn Văn An")] }
        let text = try TestDocx(body: body).fill(["ds": .list(items)], in: dir)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 6000)
        #expect(lines.last == "6000\tNgười thứ 6000 — Nguyễn Văn An")
        let info = try ZipReader(path: dir.file("t-out.docx")).info("word/document.xml")
        #expect((info?.size ?? 0) > UInt64(Template.smallArchiveLimit))
        #expect(info?.isStored == false, "written through ZipWriter, compressed")
    }

    @Test("paragraph loops, inverted sections, nested loops, dotted paths")
    func loops() throws {
        let dir = TemporaryDirectory("loops")
        defer { dir.remove() }
        let body = TestDocx.p("{#don_vi}") + TestDocx.p("Đơn vị: {ten} ({ds.length} người)") + TestDocx.p("{#ds}- {ho_ten}, {chuc_vu.ten}; {/ds}")
            + TestDocx.p("{/don_vi}") + TestDocx.p("{^trong}Không trống{/trong}") + TestDocx.p("{#co}Có{/co}{^co}Không{/co}")
        let data: TemplateValue = ["don_vi": [["ten": "Phòng A", "ds": [["ho_ten": "An", "chuc_vu": ["ten": "TP"]], ["ho_ten": "Bình", "chuc_vu": ["ten": "NV"]]]],
                                              ["ten": "Phòng B", "ds": []]],
                                   "trong": [], "co": false]
        #expect(try TestDocx(body: body).fill(data, in: dir) == "Đơn vị: Phòng A (2 người)\n- An, TP; - Bình, NV; \nĐơn vị: Phòng B (0 người)\n\nKhông trống\nKhông")
        var options = TemplateOptions()
        options.paragraphLoop = false
        #expect(try TestDocx(body: TestDocx.p("{#a}") + TestDocx.p("x") + TestDocx.p("{/a}")).fill(["a": [1, 2]], options: options, in: dir, name: "p")
            == "\nx\n\nx\n")
    }

    @Test("custom delimiters and the {=[[ ]]=} switch")
    func delimiters() throws {
        let dir = TemporaryDirectory("delims")
        defer { dir.remove() }
        var options = TemplateOptions()
        options.delimiters = Delimiters(spec: "[[ ]]")!
        #expect(try TestDocx(body: TestDocx.p("[[a]] {a}")).fill(["a": "1"], options: options, in: dir) == "1 {a}")
        #expect(try TestDocx(body: TestDocx.p("{a} {=<< >>=}<<a>> {a}")).fill(["a": "1"], in: dir, name: "s") == "1 1 {a}")
    }

    @Test("errors are collected with code, location and fix, and nothing is written")
    func errors() throws {
        let dir = TemporaryDirectory("errors")
        defer { dir.remove() }
        let body = TestDocx.p("Mở {#ds} không đóng") + TestDocx.p("{ho_ten | la}") + TestDocx.p("{x")
        try TestDocx(body: body).write(dir.file("t.docx"))
        do {
            _ = try Template(path: dir.file("t.docx"))
            Issue.record("compiled")
        } catch {
            let codes = error.errors.map(\.code)
            #expect(Set(codes) == [.unknownFormatter, .unclosedTag, .unclosedLoop], "\(codes)")
            let formatter = try #require(error.errors.first { $0.code == .unknownFormatter })
            #expect(formatter.location.part == "word/document.xml")
            #expect(formatter.location.paragraph == 2)
            #expect(formatter.location.context?.contains("ho_ten") == true)
            #expect(formatter.message.contains("«la»"))
            #expect(!formatter.fix.isEmpty)
        }
        // A loop that would break a table.
        try TestDocx(body: "<w:tbl><w:tr><w:tc>\(TestDocx.p("{#a}"))</w:tc></w:tr></w:tbl>" + TestDocx.p("{/a}")).write(dir.file("l.docx"))
        #expect(throws: TemplateError.self) { try Template(path: dir.file("l.docx")) }
        do { _ = try Template(path: dir.file("l.docx")) } catch {
            #expect(error.errors.map(\.code) == [.loopPositionInvalid])
            #expect(error.errors.first?.location.table == 1)
        }
        // Missing value (strict) at fill time: no file.
        try TestDocx(body: "<w:tbl><w:tr><w:tc>\(TestDocx.p("a"))</w:tc><w:tc>\(TestDocx.p("{khong_co}"))</w:tc></w:tr></w:tbl>").write(dir.file("m.docx"))
        let t = try Template(path: dir.file("m.docx"))
        #expect(throws: TemplateError.self) { try t.fill(["x": 1], to: dir.file("m-out.docx")) }
        #expect(!FileManager.default.fileExists(atPath: dir.file("m-out.docx")))
        do { try t.fill(["x": 1], to: dir.file("m-out.docx")) } catch let e as TemplateError {
            let issue = try #require(e.errors.first)
            #expect(issue.code == .missingValue)
            #expect(issue.location.table == 1 && issue.location.row == 1 && issue.location.column == 2)
        }
        var lenient = TemplateOptions()
        lenient.render.missing = .empty
        let summary = try Template(path: dir.file("m.docx"), options: lenient).fill(["x": 1], to: dir.file("m-out.docx"))
        #expect(summary.warnings.map(\.code) == [.missingValue])
    }

    @Test("tags in headers and document properties")
    func headersAndProperties() throws {
        let dir = TemporaryDirectory("hdr")
        defer { dir.remove() }
        var doc = TestDocx(body: TestDocx.p("{a}"))
        doc.header = TestDocx.p("Đầu trang {a}")
        let core = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Giấy khen {a}</dc:title></cp:coreProperties>"
        doc.extraParts.append(("docProps/core.xml", Array(core.utf8), WordContentType.core))
        try doc.write(dir.file("t.docx"))
        try Template(path: dir.file("t.docx")).fill(["a": "Bình\nAn"], to: dir.file("o.docx"))
        #expect(try DocxText.text(try PackageFiles.read(dir.file("o.docx"), "word/header1.xml"), part: "") == "Đầu trang Bình\nAn")
        let props = String(decoding: try PackageFiles.read(dir.file("o.docx"), "docProps/core.xml"), as: UTF8.self)
        #expect(props.contains("<dc:title>Giấy khen Bình\nAn</dc:title>"))
    }

    @Test("a .dotx gives a .docx; macros of a .docm are dropped unless the output is .docm")
    func templateExtensions() throws {
        let dir = TemporaryDirectory("ext")
        defer { dir.remove() }
        var doc = TestDocx(body: TestDocx.p("{a}"))
        doc.mainContentType = WordContentType.macroTemplate
        doc.extraParts.append(("word/vbaProject.bin", [1, 2, 3], nil))
        doc.extraRelationships.append(("http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin"))
        try doc.write(dir.file("t.dotm"))
        let t = try Template(path: dir.file("t.dotm"))
        try t.fill(["a": "1"], to: dir.file("o.docx"))
        let types = String(decoding: try PackageFiles.read(dir.file("o.docx"), "[Content_Types].xml"), as: UTF8.self)
        #expect(types.contains(WordContentType.document))
        #expect(!types.contains("macroEnabled") && !types.contains("vbaProject"))
        #expect(!(try PackageFiles.names(dir.file("o.docx"))).contains("word/vbaProject.bin"))
        let rels = String(decoding: try PackageFiles.read(dir.file("o.docx"), "word/_rels/document.xml.rels"), as: UTF8.self)
        #expect(!rels.contains("vbaProject"))
        try t.fill(["a": "1"], to: dir.file("o.docm"))
        #expect(try PackageFiles.names(dir.file("o.docm")).contains("word/vbaProject.bin"))
        #expect(String(decoding: try PackageFiles.read(dir.file("o.docm"), "[Content_Types].xml"), as: UTF8.self).contains(WordContentType.macroDocument))
    }
}

@Suite("MERGEFIELD filling")
struct MergeFieldEngineTests {
    static func simple(_ instr: String, _ shown: String) -> String {
        "<w:fldSimple w:instr=\"\(instr)\"><w:r><w:rPr><w:b/></w:rPr><w:t>\(shown)</w:t></w:r></w:fldSimple>"
    }

    static func complex(_ instr: [String], _ shown: String) -> String {
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>" + instr.map { "<w:r><w:instrText xml:space=\"preserve\">\($0)</w:instrText></w:r>" }.joined()
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>\(shown)</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    }

    @Test("NEXT fields take the next record; the last slots are left empty")
    func next() throws {
        let dir = TemporaryDirectory("next")
        defer { dir.remove() }
        let body = "<w:p>" + Self.simple(" MERGEFIELD ten ", "«ten»") + "</w:p><w:p>" + Self.simple(" NEXT ", "")
            + Self.complex([" MERGE", "FIELD ten \\* Upper "], "«ten»") + "</w:p><w:p>" + Self.complex([" NEXT "], "") + Self.simple(" MERGEFIELD ten ", "«ten»") + "</w:p>"
        try TestDocx(body: body).write(dir.file("t.docx"))
        let t = try Template(path: dir.file("t.docx"))
        #expect(t.nextFieldCount == 2)
        let records: [TemplateValue] = [["ten": "an"], ["ten": "bình"], ["ten": "chi"], ["ten": "dũng"]]
        var texts: [String] = []
        for base in stride(from: 0, to: records.count, by: 3) {
            let out = dir.file("o\(base).docx")
            try t.fill(records[base], to: out, records: records, recordBase: base)
            texts.append(try DocxText.text(try PackageFiles.read(out, "word/document.xml"), part: ""))
        }
        #expect(texts == ["an\nBÌNH\nchi", "dũng\n\n"])
    }

    @Test("IF with a nested MERGEFIELD is evaluated after it; the run's formatting is the result's")
    func nestedIf() throws {
        let dir = TemporaryDirectory("if")
        defer { dir.remove() }
        let nested = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> IF \"</w:instrText></w:r>"
            + Self.complex([" MERGEFIELD gioi_tinh "], "«gioi_tinh»")
            + "<w:r><w:instrText xml:space=\"preserve\">\" = \"Nam\" \"Ông\" \"Bà\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>Ông</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        let doc = TestDocx(body: "<w:p>\(nested)<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>\(Self.complex([" MERGEFIELD ho_ten "], "«ho_ten»"))</w:p>")
        #expect(try doc.fill(["gioi_tinh": "Nữ", "ho_ten": "Lan"], in: dir) == "Bà Lan")
        #expect(try doc.fill(["gioi_tinh": "Nam", "ho_ten": "Hùng"], in: dir, name: "b") == "Ông Hùng")
        let xml = try doc.filledXML(["gioi_tinh": "Nam", "ho_ten": "Hùng"], in: dir, name: "c")
        #expect(xml.contains("<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">Hùng</w:t></w:r>"))
        #expect(!xml.contains("fldChar"))
    }

    @Test("a MERGEFIELD absent from the record or null merges as empty; no mail-merge data source is left")
    func absent() throws {
        let dir = TemporaryDirectory("absent")
        defer { dir.remove() }
        var doc = TestDocx(body: "<w:p>" + Self.simple(" MERGEFIELD a ", "«a»") + "-" + Self.simple(" MERGEFIELD b ", "«b»") + "</w:p>")
        let settings = "<?xml version=\"1.0\"?><w:settings \(TestDocx.ns)><w:zoom w:percent=\"100\"/><w:mailMerge><w:mainDocumentType w:val=\"formLetters\"/><w:query w:val=\"SELECT * FROM x\"/></w:mailMerge></w:settings>"
        doc.extraParts.append(("word/settings.xml", Array(settings.utf8), WordContentType.settings))
        doc.body = "<w:p>" + Self.simple(" MERGEFIELD a ", "«a»") + "<w:r><w:t>-</w:t></w:r>" + Self.simple(" MERGEFIELD b ", "«b»") + "</w:p>"
        #expect(try doc.fill(["a": nil], in: dir) == "-")
        let out = String(decoding: try PackageFiles.read(dir.file("t-out.docx"), "word/settings.xml"), as: UTF8.self)
        #expect(!out.contains("mailMerge") && out.contains("<w:zoom w:percent=\"100\"/>"))
    }

    @Test("long loops joined into one piece per iteration (markup compiled once) give exactly the bytes of the piece-by-piece rendering")
    func flattenedLoopsAreIdentical() throws {
        let dir = TemporaryDirectory("flatten")
        defer { dir.remove() }
        let cell = { (text: String) in "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>\(TestDocx.p(text))</w:tc>" }
        let table = { (row: String) in "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>\(row)</w:tbl>" }
        let bodies = [
            table("<w:tr>\(cell("{#ds}{a}"))\(cell("{b}{/ds}"))</w:tr>"),                        // a table row
            TestDocx.p("{#ds}") + TestDocx.p("{a} – {b}") + TestDocx.p("{/ds}"),                 // paragraphs
            TestDocx.p("Danh sách: {#ds}{a}{/ds}."),                                              // text inside a run
            TestDocx.p("{#ds}{a}{b}{/ds}"),                                                       // values at both seams
            TestDocx.p("{#ds}") + table("<w:tr>\(cell("{a}"))\(cell("{b}"))</w:tr>") + TestDocx.p("{/ds}"), // a table per item
            table("<w:tr>\(cell("{#ds}"))\(cell("{a}"))</w:tr><w:tr>\(cell("{b}"))\(cell("{/ds}"))</w:tr>"), // two rows
            TestDocx.p("{#ds}") + TestDocx.p("") + TestDocx.p("{/ds}"),                         // an empty body
            table("<w:tr><w:tc>" + TestDocx.p("{#ds}") + table("<w:tr>\(cell("{a}"))\(cell("{b}"))</w:tr>")
                  + TestDocx.p("{/ds}") + "</w:tc></w:tr>"),                                       // tables in a cell
            table("<w:tr><w:tc>" + TestDocx.p("{#ds}{a}") + table("<w:tr>\(cell("{b}"))</w:tr>")
                  + TestDocx.p("{/ds}") + "</w:tc></w:tr>"),                                       // ends on a nested table
            table("<w:tr>\(cell("{#ds}{a}"))<w:tc><w:tcPr/></w:tc>\(cell("{b}{/ds}"))</w:tr>"),   // a cell without a paragraph
            // Tags split over runs, an empty preserved text between values, formatted runs.
            "<w:p><w:r><w:t>{#ds}{a</w:t></w:r><w:r><w:t>}</w:t></w:r><w:r><w:t xml:space=\"preserve\"></w:t></w:r>"
                + "<w:r><w:rPr><w:b/></w:rPr><w:t>{b}{/ds}</w:t></w:r></w:p>",
            // Run properties at a value differ between the first iteration and the later ones.
            "<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>{#ds}{a}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{b}{/ds}</w:t></w:r></w:p>",
            // Each value in its own formatted run, the body ending in a third (inline, then over paragraphs).
            "<w:p><w:r><w:t>{#ds}{a}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{b}</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>.{/ds}</w:t></w:r></w:p>",
            TestDocx.p("{#ds}") + "<w:p><w:r><w:t>{a}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{b}</w:t></w:r>"
                + "<w:r><w:rPr><w:i/></w:rPr><w:t>.</w:t></w:r></w:p>" + TestDocx.p("{/ds}"),
            // Split tags and empty preserved texts, over paragraphs.
            TestDocx.p("{#ds}") + "<w:p><w:r><w:t>{a</w:t></w:r><w:r><w:t>}</w:t></w:r><w:r><w:t xml:space=\"preserve\"></w:t></w:r>"
                + "<w:r><w:rPr><w:b/></w:rPr><w:t>{b}</w:t></w:r></w:p>" + TestDocx.p("{/ds}"),
            TestDocx.p("{#ds}") + "<w:p><w:r><w:t>{a}</w:t></w:r><w:r><w:t xml:space=\"preserve\"></w:t></w:r>"
                + "<w:r><w:t xml:space=\"preserve\"></w:t></w:r><w:r><w:t>{b}</w:t></w:r></w:p>" + TestDocx.p("{/ds}"),
            // Two empty preserved texts in a row inside the body.
            "<w:p><w:r><w:t>{#ds}{a}</w:t></w:r><w:r><w:t xml:space=\"preserve\"></w:t></w:r><w:r><w:t xml:space=\"preserve\"></w:t></w:r>"
                + "<w:r><w:t>{b}{/ds}</w:t></w:r></w:p>",
        ]
        let edges = ["", "\n", "x\n", "\ny", "a\tb", "<&>", " ", "Nguyễn\r\nVăn"]
        // Then items whose values are all plain text (written straight into one piece): to
        // escape, with a character XML forbids, Vietnamese, a number, long and short.
        let plainPairs: [(TemplateValue, TemplateValue)] = [
            (.text("a&b<c>d"), .text("Nguyễn Văn An")), (.text("x\u{1}y"), .number(TemplateNumber(1234.5, text: "1.234,5"))),
            (.text("\u{FFFE}z"), .text("Phòng Giáo dục và Đào tạo huyện Định Hóa \"Một\" 'hai'")), (.text("Ư"), .text("a>b")),
        ]
        let items: [TemplateValue] = (0..<12).map { i -> TemplateValue in
            ["a": .text(edges[i % edges.count]), "b": .text(edges[(i * 5 + 3) % edges.count])]
        } + plainPairs.map { ["a": $0.0, "b": $0.1] }
        var plain = TemplateOptions()
        plain.render.flattenLoops = false
        for (n, body) in bodies.enumerated() {
            let doc = TestDocx(body: body)
            for count in [0, 1, 3, 12, items.count] {
                let data: TemplateValue = ["ds": .list(Array(items.prefix(count)))]
                let joined = try doc.filledXML(data, in: dir, name: "j\(n)-\(count)")
                let pieceByPiece = try doc.filledXML(data, options: plain, in: dir, name: "p\(n)-\(count)")
                #expect(joined == pieceByPiece, "body \(n), \(count) items")
            }
        }
    }

    @Test("a long table loop is deflated with the repeats the renderer knows: same XML as piece by piece, read by LibreOffice and python-docx")
    func longLoopWithRepeatHints() throws {
        let dir = TemporaryDirectory("repeat-hints")
        defer { dir.remove() }
        let cell = { (text: String) in "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>\(TestDocx.p(text))</w:tc>" }
        let doc = TestDocx(body: TestDocx.p("DANH SÁCH {title}")
            + "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"
            + "<w:tr>\(cell("{#rows}{stt}"))\(cell("{ho_ten}"))\(cell("{don_vi}{/rows}"))</w:tr></w:tbl>" + TestDocx.p("Tổng: {n} người"))
        // Plain values, values equal to the row above, values to escape, and now and then a
        // line break (an iteration written piece by piece, which breaks the chain of repeats).
        let rows: [TemplateValue] = (0..<4_000).map { i in
            ["stt": .integer(i + 1), "ho_ten": .text(i % 3 == 0 ? "Nguyễn Văn An" : "Trần Thị \(i)"),
             "don_vi": .text(i % 97 == 0 ? "Phòng\nNội vụ" : i % 5 == 0 ? "Sở <Tài chính> & \"KH\"" : "UBND huyện Định Hóa")]
        }
        let data: TemplateValue = ["title": "NĂM 2025", "n": .integer(rows.count), "rows": .list(rows)]
        var plain = TemplateOptions()
        plain.render.flattenLoops = false
        let hinted = try doc.filledXML(data, in: dir, name: "h")
        #expect(hinted == (try doc.filledXML(data, options: plain, in: dir, name: "p")))
        let escaped = (0..<4_000).filter { $0 % 97 != 0 && $0 % 5 == 0 }.count
        #expect(hinted.components(separatedBy: ">Sở &lt;Tài chính&gt; &amp; \"KH\"</w:t>").count - 1 == escaped)
        let rendered = try Template(path: dir.file("h.docx")).renderParts(data, records: nil, output: dir.file("x.docx"), streamLarge: true)
        let renderer = try #require(rendered.streams["word/document.xml"], "a large part is streamed")
        #expect(renderer.directHintCount > 3_000, "the repeats reach the deflater")
        #expect(!renderer.segments.isEmpty, "long runs of iterations are compressed while rendering")
        let info = try #require(try ZipReader(path: dir.file("h-out.docx")).info("word/document.xml"))
        #expect(info.compressedSize * 8 < info.size, "\(info.compressedSize) of \(info.size)")
        let report = Conformance.check([dir.file("h-out.docx")], [.readers, .libreOffice])[0]
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.libreOffice == nil || report.libreOffice?["loaded"]?.bool == true)
    }

    @Test("the names a template reads from the data: first components of its tags; none known when it shows a whole item")
    func dataNames() throws {
        let dir = TemporaryDirectory("data-names")
        defer { dir.remove() }
        let named = TestDocx(body: TestDocx.p("{#rows}{don_vi.ten} {họ_tên}{/rows} {^trong}x{/trong} {ghi_chu | mac_dinh:\"—\"}"))
        try named.write(dir.file("a.docx"))
        #expect(try Template(path: dir.file("a.docx")).dataNames == ["rows", "don_vi", "họ_tên", "trong", "ghi_chu"])
        let whole = TestDocx(body: TestDocx.p("{#rows}{.}{/rows}"))
        try whole.write(dir.file("b.docx"))
        #expect(try Template(path: dir.file("b.docx")).dataNames == nil)
    }

    @Test("records with their keys in different orders each show their own values (the remembered key position is checked)")
    func keyOrderDiffers() throws {
        let dir = TemporaryDirectory("order")
        defer { dir.remove() }
        let items: [TemplateValue] = [
            .object(TemplateObject([("a", "1"), ("b", "2")])),
            .object(TemplateObject([("b", "3"), ("a", "4")])),
            .object(TemplateObject([("c", "x"), ("b", "5"), ("a", "6")])),
            .object(TemplateObject([("a", "7"), ("b", "8")])),
            .object(TemplateObject([("b", "9")])),              // a from the enclosing scope
        ]
        let data: TemplateValue = .object(TemplateObject([("a", "ngoài"), ("ds", .list(items))]))
        let text = try TestDocx(body: TestDocx.p("{#ds}{a}-{b};{/ds}")).fill(data, in: dir)
        #expect(text == "1-2;4-3;6-5;7-8;ngoài-9;")
    }
}
