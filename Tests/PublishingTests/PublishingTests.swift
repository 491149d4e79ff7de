import Foundation
import Testing
import TestSupport
import Spreadsheet
@testable import Publishing

@Suite("PDF export, font check, index page")
struct PublishingTests {
    static func workbook(_ path: String, font: String = "Times New Roman", text: String = "Bảng tổng hợp khen thưởng") throws {
        let wb = try WorkbookWriter(path: path, defaultStyle: CellStyle(font: Font(name: font, size: 12)))
        let sheet = try wb.addSheet("Trang 1")
        try sheet.appendRow([Cell(.text(text))])
        try sheet.appendRow([2024])
        try wb.close()
    }

    /// LibreOffice is needed; without it the test is skipped, except on CI.
    static func available() -> Bool {
        if PDFExport.locateLibreOffice() != nil && ProcessRunner.which("pdffonts") != nil { return true }
        #expect(!Conformance.isCI, "thiếu LibreOffice hoặc poppler-utils")
        return false
    }

    @Test func oneBatchConvertsFilesWithTheSameBaseNameAndChecksFonts() throws {
        guard Self.available() else { return }
        let dir = TemporaryDirectory("pdf")
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.file("a"), withIntermediateDirectories: true)
        try Self.workbook(dir.file("a/bang.xlsx"))
        try Self.workbook(dir.file("bang.xlsx"), text: "Bảng thứ hai")
        try Self.workbook(dir.file("bang.ods"), text: "Bảng thứ ba")
        let export = try PDFExport()
        let jobs = [("a/bang.xlsx", "ra/bang-1.pdf"), ("bang.xlsx", "ra/bang-2.pdf"), ("bang.ods", "ra/bang-3.pdf")]
            .map { PDFExport.Job(input: dir.file($0.0), output: dir.file($0.1)) }
        let written = try export.convert(jobs)
        #expect(written == jobs.map(\.output))
        for (i, job) in jobs.enumerated() {
            let fonts = try FontCheck.fonts(inPDF: job.output)
            #expect(!fonts.isEmpty && fonts.allSatisfy { $0.hasPrefix("LiberationSerif") || $0.hasPrefix("TimesNewRoman") }, "\(fonts)")
            let text = Shell.run("/usr/bin/pdftotext", [job.output, "-"]).stdout
            #expect(text.contains(["Bảng tổng hợp khen thưởng", "Bảng thứ hai", "Bảng thứ ba"][i]), "\(job.output): \(text)")
        }
        // Only the PDFs in the output folder: no temporary left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("ra")).sorted() == ["bang-1.pdf", "bang-2.pdf", "bang-3.pdf"])
    }

    @Test func aPDFWithAnotherFontIsRefusedAndNotWritten() throws {
        guard Self.available() else { return }
        let dir = TemporaryDirectory("pdf-font")
        defer { dir.remove() }
        try Self.workbook(dir.file("sai-phong.xlsx"), font: "Liberation Sans")
        let export = try PDFExport()
        #expect {
            try export.convert([PDFExport.Job(input: dir.file("sai-phong.xlsx"), output: dir.file("sai-phong.pdf"))])
        } throws: { error in
            guard let e = error as? PublishingError else { return false }
            return e.code == .wrongFont && e.message.contains("LiberationSans") && e.message.contains("Times New Roman")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("sai-phong.pdf")))
    }

    @Test func aMissingInputIsNamed() throws {
        guard Self.available() else { return }
        let export = try PDFExport()
        #expect {
            try export.convert([PDFExport.Job(input: "/khong/co/tep.docx", output: "/tmp/x.pdf")])
        } throws: { error in
            (error as? PublishingError)?.message.contains("/khong/co/tep.docx") == true
        }
    }

    @Test func fontconfigFindsTimesNewRomanOrItsTwin() throws {
        guard ProcessRunner.which("fc-match") != nil else {
            #expect(!Conformance.isCI, "thiếu fontconfig")
            return
        }
        #expect(FontCheck.acceptedFamilies.contains(try FontCheck.requireTimesNewRoman()))
    }

    @Test func aProgramThatRunsTooLongIsStopped() throws {
        let r = try ProcessRunner.run("/bin/sleep", ["30"], timeout: 0.3)
        #expect(r.timedOut && !r.succeeded)
        let ok = try ProcessRunner.run("/bin/echo", ["xin chào"], timeout: 30)
        #expect(ok.succeeded && ok.stdout == "xin chào\n")
    }

    @Test func indexPageListsEveryOutputWithPreviewAndEscapes() throws {
        let dir = TemporaryDirectory("index")
        defer { dir.remove() }
        try Data(repeating: 65, count: 1234).write(to: URL(fileURLWithPath: dir.file("ke-hoach 57.docx")))
        try Data(repeating: 65, count: 2_345_678).write(to: URL(fileURLWithPath: dir.file("bang.xlsx")))
        var preview: String?
        if Self.available() {
            try Self.workbook(dir.file("bang.ods"))
            try PDFExport().convert([PDFExport.Job(input: dir.file("bang.ods"), output: dir.file("bang.pdf"))])
            preview = IndexPage.preview(pdf: dir.file("bang.pdf"), png: dir.file("xem-truoc/bang.png"))
            if ProcessRunner.which("pdftoppm") != nil {
                #expect(preview != nil && FileManager.default.fileExists(atPath: dir.file("xem-truoc/bang.png")))
            }
        }
        let page = IndexPage(title: "Kết quả <2024>", entries: [
            IndexPage.Entry(title: "Kế hoạch 57/KH-UBND", group: "Kế hoạch", files: ["ke-hoach 57.docx"]),
            IndexPage.Entry(title: "Bảng \"tổng hợp\" & xếp hạng", group: "Bảng tính", files: ["bang.xlsx"],
                            preview: preview.map { _ in "xem-truoc/bang.png" }),
        ], notes: ["Dữ liệu: data/"])
        try page.write(to: dir.file("index.html"))
        let html = try String(contentsOfFile: dir.file("index.html"), encoding: .utf8)
        #expect(html.contains("<title>Kết quả &lt;2024&gt;</title>"))
        #expect(html.contains("Bảng &quot;tổng hợp&quot; &amp; xếp hạng"))
        #expect(html.contains("href=\"ke-hoach%2057.docx\""))
        #expect(html.contains("1 kB") && html.contains("2,3 MB"))
        #expect(html.contains("name=\"viewport\""))
        #expect(!html.contains("http://") && !html.contains("https://"), "no external resources")
        #expect(html.components(separatedBy: "<h2>").count == 3)
        if preview != nil { #expect(html.contains("<img src=\"xem-truoc/bang.png\"")) }
    }
}
