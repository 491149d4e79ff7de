import Foundation
import Testing
import TestSupport
import Vietnamese
@testable import Document

/// The official building blocks as LibreOffice prints them: positions measured on the PDF
/// (`pdftotext -bbox`, points from the top-left corner of the page).
@Suite("Official blocks in print", .serialized)
struct OfficialBlockTests {
    @Test func planPrintsLikeTheDecreesSample() throws {
        let dir = TemporaryDirectory("official")
        defer { dir.remove() }
        let path = dir.file("plan.docx")
        try Samples.plan().write(to: path)
        let reports = expectConformant([path], .libreOffice, pdfDirectory: dir.path)
        guard let pdf = reports.first?.pdf else { Issue.record("no PDF"); return }
        // TDKT_DOC_OUT=folder keeps the document and its PDF for a human to look at.
        if let keep = ProcessInfo.processInfo.environment["TDKT_DOC_OUT"] {
            for f in [path, pdf] {
                let target = keep + "/" + URL(fileURLWithPath: f).lastPathComponent
                try? FileManager.default.removeItem(atPath: target)
                try FileManager.default.copyItem(atPath: f, toPath: target)
            }
        }
        let pages = try PDFText.pages(pdf)
        #expect(pages.count >= 3)
        guard pages.count >= 3 else { return }
        let first = pages[0]
        let pt = PDFText.pt

        // A4 portrait.
        #expect(abs(first.width - pt(210)) < 1 && abs(first.height - pt(297)) < 1)

        // Quốc hiệu on one line, centred in the right half of the text area (35…190 mm → the
        // right half is 112.5…190 mm, centre 151.25 mm), with the tiêu ngữ centred under it.
        guard let nation = first.line(startingWith: "UBND TỈNH BẮC NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")?.drop(while: { $0.text != "CỘNG" }),
              let motto = first.line(startingWith: "SỞ NỘI VỤ Độc lập")?.drop(while: { $0.text != "Độc" }) else {
            Issue.record("header lines not found: \(first.lines.prefix(6))")
            return
        }
        let nationMid = (nation.first!.xMin + nation.last!.xMax) / 2
        let mottoMid = (motto.first!.xMin + motto.last!.xMax) / 2
        #expect(abs(nationMid - pt(151.25)) < pt(5), "quốc hiệu centre at \(nationMid / pt(1)) mm")
        #expect(abs(mottoMid - nationMid) < 2)
        #expect(nation.first!.xMin > pt(35 + 155 / 2) - pt(15))
        // The issuer is centred over the left column, above "Số:" on the same axis; the date
        // line is centred under the quốc hiệu.
        guard let number = first.line(startingWith: "Số: 05/KH-SNV") else { Issue.record("Số line"); return }
        let issuer = first.line(startingWith: "SỞ NỘI VỤ")!.prefix { $0.text != "Độc" }
        let issuerMid = (issuer.first!.xMin + issuer.last!.xMax) / 2
        let numberMid = (number[0].xMin + number[1].xMax) / 2
        #expect(abs(issuerMid - numberMid) < 3)
        #expect(issuerMid < pt(35 + 155 / 2))
        let date = number.drop { $0.text != "Bắc" }
        #expect(date.map(\.text).joined(separator: " ") == "Bắc Ninh, ngày 05 tháng 02 năm 2024")
        #expect(abs((date.first!.xMin + date.last!.xMax) / 2 - nationMid) < 3)
        // The title and trích yếu centred on the text area.
        let title = first.line(startingWith: "KẾ HOẠCH")!
        #expect(abs((title.first!.xMin + title.last!.xMax) / 2 - pt(35 + 155 / 2)) < 3)
        #expect(title.first!.yMin > number[0].yMax)

        // Left margin 35 mm: body lines start there (continuation lines of justified text).
        let bodyTop = title.first!.yMax
        let bodyLefts = first.lineWords.filter { $0[0].yMin > bodyTop + 30 }.map { $0[0].xMin }
        #expect(abs((bodyLefts.min() ?? 0) - pt(35)) < 1.5, "left edge \((bodyLefts.min() ?? 0) / pt(1)) mm")
        // Right margin 20 mm: justified lines end there.
        let rights = first.lineWords.filter { $0[0].yMin > bodyTop + 30 }.map { $0.last!.xMax }
        #expect(abs((rights.max() ?? 0) - pt(190)) < 1.5)
        // First-line indent 1.27 cm on body paragraphs.
        let opening = first.line(startingWith: "Sở Nội vụ xây dựng")!
        #expect(abs(opening[0].xMin - pt(35 + 12.7)) < 1.5)

        // Page numbers: none on page 1, "2" centred in the top margin of page 2, and the
        // annex starts again (its first page unnumbered).
        func topNumbers(_ p: PDFText.Page) -> [PDFText.Word] {
            p.words.filter { $0.yMax < pt(25) && Int($0.text) != nil }
        }
        #expect(topNumbers(first).isEmpty)
        let two = topNumbers(pages[1])
        #expect(two.map(\.text) == ["2"])
        if let n = two.first {
            #expect(abs((n.xMin + n.xMax) / 2 - pt(35 + 155 / 2)) < 3)
            #expect(n.yMin > pt(10) - 2)
        }
        // The annex: landscape, numbered from 1 (so no number on its first page).
        let annex = pages[2]
        #expect(annex.width > annex.height)
        #expect(abs(annex.width - pt(297)) < 1)
        #expect(topNumbers(annex).isEmpty)
        #expect(annex.lines.contains("Phụ lục"))
        #expect(annex.lines.contains("LỊCH TUYÊN TRUYỀN NĂM 2024"))

        // The signature block: "Nơi nhận:" on the left on the same row as the first signature line.
        let closingPage = pages.first { $0.line(startingWith: "Nơi nhận:") != nil }!
        let recipients = closingPage.line(startingWith: "Nơi nhận:")!
        let authority = closingPage.words.first { $0.text == "KT." }!
        #expect(abs(recipients[0].yMin - authority.yMin) < 4, "rows: \(recipients[0].yMin) vs \(authority.yMin)")
        #expect(authority.xMin > pt(35 + 155 / 2) - pt(15))
        #expect(abs(recipients[0].xMin - pt(35 - 3.5)) < 2)
        #expect(closingPage.lines.contains("Nguyễn Văn An"))
        #expect(closingPage.lines.contains("- Lưu: VT, TĐKT."))
    }

    /// The rules are really drawn: on page 1 rendered to a grey map, a line of dark pixels under
    /// the tiêu ngữ as long as it, and one under the issuer of 1/3–1/2 of its width.
    @Test func rulesAreDrawn() throws {
        guard let pdftoppm = Conformance.which("pdftoppm") else {
            if Conformance.isCI { Issue.record("pdftoppm not installed") }
            return
        }
        let dir = TemporaryDirectory("official-png")
        defer { dir.remove() }
        let path = dir.file("plan.docx")
        try Samples.plan().write(to: path)
        let reports = expectConformant([path], .libreOffice, pdfDirectory: dir.path)
        guard let pdf = reports.first?.pdf else { Issue.record("no PDF"); return }
        // Grey map of page 1 at 72 dpi (1 px = 1 pt).
        let r = Shell.run(pdftoppm, ["-gray", "-r", "72", "-f", "1", "-l", "1", pdf, dir.file("p")])
        #expect(r.status == 0)
        guard let pgm = try? Data(contentsOf: URL(fileURLWithPath: dir.file("p-1.pgm"))) else {
            Issue.record("no PGM: \(r.stderr)"); return
        }
        let image = try PGM(pgm)
        let words = try PDFText.pages(pdf)[0]
        let motto = words.line(startingWith: "SỞ NỘI VỤ Độc lập")!.drop { $0.text != "Độc" }
        let mottoLeft = motto.first!.xMin, mottoRight = motto.last!.xMax
        // The longest dark run in the 12 pt under the tiêu ngữ is the rule: as long as the line (±10 %).
        var best = 0
        var bestRange = 0..<0
        for y in Int(motto.first!.yMax)...Int(motto.first!.yMax + 12) {
            let run = image.longestDarkRun(row: y, from: Int(mottoLeft) - 40, to: Int(mottoRight) + 40)
            if run.count > best { best = run.count; bestRange = run }
        }
        let length = Double(best)
        #expect(abs(length - (mottoRight - mottoLeft)) < (mottoRight - mottoLeft) * 0.1, "rule \(length) pt, tiêu ngữ \(mottoRight - mottoLeft) pt")
        #expect(abs(Double(bestRange.lowerBound + bestRange.upperBound) / 2 - (mottoLeft + mottoRight) / 2) < 4)
        // Under the issuer: 1/3 to 1/2 of its width.
        let issuer = words.line(startingWith: "SỞ NỘI VỤ")!.prefix { $0.text != "Độc" }
        let issuerWidth = issuer.last!.xMax - issuer.first!.xMin
        var issuerRule = 0
        for y in Int(issuer.first!.yMax)...Int(issuer.first!.yMax + 12) {
            issuerRule = max(issuerRule, image.longestDarkRun(row: y, from: Int(issuer.first!.xMin) - 5, to: Int(issuer.last!.xMax) + 5).count)
        }
        #expect(Double(issuerRule) >= issuerWidth / 3 - 2 && Double(issuerRule) <= issuerWidth / 2 + 2,
                "issuer rule \(issuerRule) pt of \(issuerWidth) pt")
    }
}

/// A binary greyscale PGM (P5) as pdftoppm writes it.
struct PGM {
    let width: Int, height: Int
    let pixels: [UInt8]

    enum Failure: Error { case format }

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        var fields: [Int] = []
        var i = 2
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "5") else { throw Failure.format }
        while fields.count < 3 && i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
            var v = 0
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { v = v * 10 + Int(bytes[i] - 0x30); i += 1 }
            fields.append(v)
        }
        i += 1
        width = fields[0]
        height = fields[1]
        guard bytes.count >= i + width * height else { throw Failure.format }
        pixels = Array(bytes[i..<(i + width * height)])
    }

    /// The longest run of dark pixels (< 128) in a row between two columns.
    func longestDarkRun(row: Int, from: Int, to: Int) -> Range<Int> {
        guard row >= 0, row < height else { return 0..<0 }
        var best = 0..<0
        var start: Int?
        for x in max(0, from)...min(width - 1, to) {
            if pixels[row * width + x] < 128 {
                if start == nil { start = x }
                if x + 1 - start! > best.count { best = start!..<(x + 1) }
            } else {
                start = nil
            }
        }
        return best
    }
}
