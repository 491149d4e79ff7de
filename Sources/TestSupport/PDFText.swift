import Foundation

/// Words and their boxes on each page of a PDF, from poppler's `pdftotext -bbox` (points from
/// the top-left corner), and the fonts it embeds (`pdffonts`): what print-fidelity tests measure.
public enum PDFText {
    public struct Word: Sendable {
        public var text: String
        public var xMin, yMin, xMax, yMax: Double
    }

    public struct Page: Sendable {
        public var width: Double
        public var height: Double
        public var words: [Word]

        /// Words grouped into lines (same baseline within 2 pt), top to bottom, left to right.
        public var lineWords: [[Word]] {
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

        public var lines: [String] { lineWords.map { $0.map(\.text).joined(separator: " ") } }

        /// The line that starts with `prefix` (words joined by spaces).
        public func line(startingWith prefix: String) -> [Word]? {
            lineWords.first { $0.map(\.text).joined(separator: " ").hasPrefix(prefix) }
        }

        /// The first line that contains `text`.
        public func line(containing text: String) -> [Word]? {
            lineWords.first { $0.map(\.text).joined(separator: " ").contains(text) }
        }

        /// The lines whose top is above `y`.
        public func lines(above y: Double) -> [String] {
            lineWords.filter { ($0.first?.yMin ?? 0) < y }.map { $0.map(\.text).joined(separator: " ") }
        }
    }

    public enum Failure: Error { case tool(String) }

    /// Millimetres to PDF points.
    public static func pt(_ mm: Double) -> Double { mm * 72 / 25.4 }

    public static func pages(_ pdf: String) throws -> [Page] {
        guard let tool = Conformance.which("pdftotext") else { throw Failure.tool("pdftotext (poppler-utils) is not installed") }
        let r = Shell.run(tool, ["-bbox", pdf, "-"])
        guard r.status == 0 else { throw Failure.tool(r.stderr) }
        func attr(_ s: Substring, _ name: String) -> Double {
            guard let range = s.range(of: name + "=\"") else { return 0 }
            return Double(s[range.upperBound...].prefix { $0 != "\"" }) ?? 0
        }
        func unescape(_ s: Substring) -> String {
            s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        var pages: [Page] = []
        for chunk in r.stdout.components(separatedBy: "<page ").dropFirst() {
            let c = Substring(chunk)
            var page = Page(width: attr(c, "width"), height: attr(c, "height"), words: [])
            for w in c.components(separatedBy: "<word ").dropFirst() {
                let ws = Substring(w)
                guard let gt = ws.firstIndex(of: ">"), let end = ws.range(of: "</word>") else { continue }
                page.words.append(Word(text: unescape(ws[ws.index(after: gt)..<end.lowerBound]), xMin: attr(ws, "xMin"),
                                       yMin: attr(ws, "yMin"), xMax: attr(ws, "xMax"), yMax: attr(ws, "yMax")))
            }
            pages.append(page)
        }
        return pages
    }

    /// The fonts of a PDF, subset prefixes and commas removed ("LiberationSerif-Bold").
    public static func fonts(_ pdf: String) throws -> [String] {
        guard let tool = Conformance.which("pdffonts") else { throw Failure.tool("pdffonts (poppler-utils) is not installed") }
        let r = Shell.run(tool, [pdf])
        guard r.status == 0 else { throw Failure.tool(r.stderr) }
        return r.stdout.split(separator: "\n").dropFirst(2).compactMap { line in
            guard let name = line.split(separator: " ").first else { return nil }
            return (name.split(separator: "+", maxSplits: 1).last.map(String.init) ?? String(name)).replacingOccurrences(of: ",", with: "")
        }
    }
}
