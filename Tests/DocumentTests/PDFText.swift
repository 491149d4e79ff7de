import Foundation
import TestSupport

/// Words and their boxes on each page of a PDF, from poppler's `pdftotext -bbox`.
struct PDFText {
    struct Word {
        var text: String
        var xMin, yMin, xMax, yMax: Double
    }

    struct Page {
        var width: Double
        var height: Double
        var words: [Word]

        /// Words grouped into lines (same baseline within 2 pt), top to bottom, left to right.
        var lineWords: [[Word]] {
            var lines: [[Word]] = []
            for w in words.sorted(by: { ($0.yMax, $0.xMin) < ($1.yMax, $1.xMin) }) {
                if let last = lines.last?.last, abs(last.yMax - w.yMax) < 2 {
                    lines[lines.count - 1].append(w)
                } else {
                    lines.append([w])
                }
            }
            return lines.map { $0.sorted { $0.xMin < $1.xMin } }
        }

        var lines: [String] { lineWords.map { $0.map(\.text).joined(separator: " ") } }

        /// The line that starts with `prefix` (words joined by spaces).
        func line(startingWith prefix: String) -> [Word]? {
            lineWords.first { $0.map(\.text).joined(separator: " ").hasPrefix(prefix) }
        }
    }

    enum Failure: Error { case pdftotext(String) }

    /// Millimetres to PDF points.
    static func pt(_ mm: Double) -> Double { mm * 72 / 25.4 }

    static func pages(_ pdf: String) throws -> [Page] {
        guard let tool = Conformance.which("pdftotext") else {
            throw Failure.pdftotext("pdftotext (poppler-utils) is not installed")
        }
        let r = Shell.run(tool, ["-bbox", pdf, "-"])
        guard r.status == 0 else { throw Failure.pdftotext(r.stderr) }
        var pages: [Page] = []
        let html = r.stdout
        func attr(_ s: Substring, _ name: String) -> Double {
            guard let range = s.range(of: name + "=\"") else { return 0 }
            let rest = s[range.upperBound...]
            return Double(rest.prefix { $0 != "\"" }) ?? 0
        }
        func unescape(_ s: Substring) -> String {
            s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        for chunk in html.components(separatedBy: "<page ").dropFirst() {
            let c = Substring(chunk)
            var page = Page(width: attr(c, "width"), height: attr(c, "height"), words: [])
            for w in c.components(separatedBy: "<word ").dropFirst() {
                let ws = Substring(w)
                guard let gt = ws.firstIndex(of: ">"), let end = ws.range(of: "</word>") else { continue }
                let text = unescape(ws[ws.index(after: gt)..<end.lowerBound])
                page.words.append(Word(text: text, xMin: attr(ws, "xMin"), yMin: attr(ws, "yMin"),
                                       xMax: attr(ws, "xMax"), yMax: attr(ws, "yMax")))
            }
            pages.append(page)
        }
        return pages
    }
}
