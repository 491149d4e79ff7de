import Document
import Domain
import Foundation
import Publishing
import Testing
import TestSupport
import Vietnamese
@testable import Reports

/// The built plans and programmes printed by LibreOffice (through `tdkt build --pdf`, one
/// batch), measured on the PDF with `pdftotext -bbox` and `pdffonts` against Nghị định 30/2020:
/// A4, margins, the header block, số/ký hiệu and date line, the centred title, body 13–14 pt
/// justified, page numbers centred at the top from page 2 only, the signature block and "Nơi
/// nhận:", Times New Roman (or its metric twin) embedded.
@Suite("tdkt build: fidelity to Nghị định 30/2020", .serialized)
struct BuildFidelityTests {
    @Test func builtDocumentsPrintAsTheDecreeLaysThemOut() throws {
        guard PDFExport.locateLibreOffice() != nil else {
            if Conformance.isCI { Issue.record("LibreOffice is not installed") }
            return
        }
        let dir = TemporaryDirectory("build-pdf")
        defer { dir.remove() }
        var o = BuildOptions()
        o.data = BuildTests.seedRoot
        o.out = dir.path
        o.documentFormats = [.docx]
        o.workbookFormats = [.xlsx]
        o.pdf = true
        o.templates = Conformance.root + "/templates"
        let result = try ReportBuild(options: o).run()
        #expect(result.outputs.count == 7)
        #expect(result.outputs.allSatisfy { $0.pdf != nil })
        if Conformance.which("pdftoppm") != nil {
            #expect(result.outputs.allSatisfy { $0.preview != nil }, "page-1 previews for index.html")
        }
        let html = try String(contentsOfFile: dir.file("index.html"), encoding: .utf8)
        #expect(html.contains(".png") && html.contains(".pdf"))

        var checked = 0
        for output in result.outputs where output.files[0].hasSuffix(".docx") {
            let pdf = dir.path + "/" + output.pdf!
            let fonts = try FontCheck.fonts(inPDF: pdf)
            #expect(!fonts.isEmpty && fonts.allSatisfy { $0.hasPrefix("LiberationSerif") || $0.hasPrefix("TimesNewRoman") },
                    "\(output.title): fonts \(fonts)")
            try checkPrint(pdf, title: output.title, isProgramme: output.title.hasPrefix("Chương trình"))
            checked += 1
        }
        #expect(checked == 5)
    }

    func checkPrint(_ pdf: String, title: String, isProgramme: Bool) throws {
        let pages = try PDFText.pages(pdf)
        let pt = PDFText.pt
        try #require(pages.count >= 2, "\(title): \(pages.count) pages")
        let first = pages[0]
        // A4 portrait.
        #expect(abs(first.width - pt(210)) < 1 && abs(first.height - pt(297)) < 1, "\(title): page size")
        // Quốc hiệu and tiêu ngữ centred over the right column (text area 30…195 mm with a
        // 30 mm left and 15 mm right margin, or 35…190: centre of the right half ≈ 150 mm).
        let nation = try #require(first.line(containing: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")?.drop { $0.text != "CỘNG" }, "\(title): quốc hiệu")
        let motto = try #require(first.line(containing: "Độc lập - Tự do - Hạnh phúc")?.drop { $0.text != "Độc" }, "\(title): tiêu ngữ")
        let nationMid = (nation.first!.xMin + nation.last!.xMax) / 2
        #expect(abs(nationMid - pt(151)) < pt(8), "\(title): quốc hiệu centre \(nationMid / pt(1)) mm")
        #expect(abs((motto.first!.xMin + motto.last!.xMax) / 2 - nationMid) < 3)
        #expect(nation.first!.yMin < pt(40), "\(title): header at the top")
        // Số, ký hiệu on the left, under the issuer; the date line on the right, italic size.
        let number = try #require(first.line(containing: "Số:"), "\(title): Số line")
        let so = number.first { $0.text == "Số:" }!
        #expect(so.xMin < pt(105), "\(title): Số on the left")
        let dateWords = number.drop { !$0.text.hasSuffix(",") && $0.xMin < pt(110) }
        let dateText = dateWords.map(\.text).joined(separator: " ")
        #expect(dateText.contains("ngày") && dateText.contains("tháng") && dateText.contains("năm"), "\(title): date line «\(dateText)»")
        #expect(abs(((dateWords.first?.xMin ?? 0) + (dateWords.last?.xMax ?? 0)) / 2 - nationMid) < pt(6), "\(title): date centred under quốc hiệu")
        // The title (tên loại) centred on the text area, under the number line.
        let typeName = isProgramme ? "CHƯƠNG TRÌNH PHỐI HỢP" : "KẾ HOẠCH"
        let heading = try #require(first.lineWords.first { $0.map(\.text).joined(separator: " ") == typeName }, "\(title): tên loại")
        #expect(abs((heading.first!.xMin + heading.last!.xMax) / 2 - pt(30 + 165 / 2)) < pt(6), "\(title): title centred")
        #expect(heading[0].yMin > so.yMax)
        // Body: 13–14 pt (a word box is 1.3 × the size in Liberation Serif), justified lines
        // reaching the right margin, starting at the left margin.
        let body = first.lineWords.filter { $0[0].yMin > heading[0].yMax + 40 && $0.count > 6 }
        try #require(!body.isEmpty, "\(title): no body lines")
        let heights = body.flatMap { $0.map { $0.yMax - $0.yMin } }.sorted()
        let median = heights[heights.count / 2] / 1.3
        #expect((12.9...14.1).contains(median), "\(title): body \(median) pt")
        let rights = body.map { $0.last!.xMax }.sorted()
        let right = rights[rights.count - 1]
        #expect((pt(185)...pt(196)).contains(right), "\(title): right edge \(right / pt(1)) mm")
        #expect(rights.filter { abs($0 - right) < 2 }.count >= body.count / 3, "\(title): lines not justified")
        let left = body.map { $0[0].xMin }.min()!
        #expect((pt(29)...pt(36)).contains(left), "\(title): left edge \(left / pt(1)) mm")
        // Page numbers: none on page 1; on every later page (of the body) centred in the top margin.
        func topNumbers(_ p: PDFText.Page) -> [PDFText.Word] { p.words.filter { $0.yMax < pt(22) && Int($0.text) != nil } }
        #expect(topNumbers(first).isEmpty, "\(title): number on page 1")
        for (i, p) in pages.enumerated().dropFirst() where p.width < p.height && !p.lines.contains(where: { $0.hasPrefix("Phụ lục") }) {
            let n = topNumbers(p)
            #expect(n.map(\.text) == [String(i + 1)], "\(title): page \(i + 1) number \(n.map(\.text))")
            if let w = n.first { #expect(abs((w.xMin + w.xMax) / 2 - pt(30 + 165 / 2)) < pt(6)) }
        }
        // "Nơi nhận:" on the left, the signer's name on the right half.
        let closing = try #require(pages.first { $0.line(containing: "Nơi nhận:") != nil }, "\(title): Nơi nhận")
        let recipients = closing.line(containing: "Nơi nhận:")!.first { $0.text == "Nơi" }!
        #expect(recipients.xMin < pt(40))
        #expect(closing.lines.contains { $0.hasPrefix("- ") }, "\(title): recipient lines")
    }
}
