import Foundation

/// reports/index.html: every output with its title, size, a link, and a picture of page 1 when
/// pdftoppm is present. One self-contained page (no external resources), readable on a phone.
public struct IndexPage {
    public struct Entry: Sendable, Hashable {
        public var title: String
        /// Group heading ("Kế hoạch", "Bảng tổng hợp", …).
        public var group: String
        /// Files of this output (paths relative to the page), e.g. the DOCX, ODT and PDF.
        public var files: [String]
        /// Page-1 picture (relative path), if made.
        public var preview: String?

        public init(title: String, group: String, files: [String], preview: String? = nil) {
            self.title = title
            self.group = group
            self.files = files
            self.preview = preview
        }
    }

    public var title: String
    public var entries: [Entry]
    /// Lines shown under the title (data folder, date, warnings).
    public var notes: [String]

    public init(title: String, entries: [Entry], notes: [String] = []) {
        self.title = title
        self.entries = entries
        self.notes = notes
    }

    /// Makes the PNG of page 1 of `pdf` at `png` (pdftoppm); nil when pdftoppm is missing or fails.
    public static func preview(pdf: String, png: String, resolution: Int = 40) -> String? {
        guard let pdftoppm = ProcessRunner.which("pdftoppm") else { return nil }
        let prefix = png.hasSuffix(".png") ? String(png.dropLast(4)) : png
        let dir = (png as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        guard let r = try? ProcessRunner.run(pdftoppm, ["-png", "-r", "\(resolution)", "-f", "1", "-l", "1", "-singlefile", pdf, prefix],
                                             timeout: 60), r.succeeded,
              FileManager.default.fileExists(atPath: prefix + ".png") else { return nil }
        return prefix + ".png"
    }

    /// The page, sizes read from `directory` (where the page is written).
    public func html(in directory: String) -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>
        body{font-family:"Times New Roman","Liberation Serif",serif;margin:0 auto;max-width:60rem;padding:1rem;line-height:1.4;color:#111}
        h1{font-size:1.4rem;text-align:center}h2{font-size:1.15rem;border-bottom:1px solid #999;margin-top:2rem}
        ul.g{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem}
        li.o{border:1px solid #ccc;border-radius:.4rem;padding:.6rem;background:#fafafa}
        li.o img{display:block;width:100%;height:auto;border:1px solid #ddd;background:#fff;margin-bottom:.4rem}
        .t{font-weight:bold}.f a{display:inline-block;margin:.2rem .5rem 0 0}.s{color:#555;font-size:.9em}
        p.n{text-align:center;color:#444;margin:.2rem}
        </style></head><body>
        <h1>\(Self.escape(title))</h1>

        """
        for n in notes { h += "<p class=\"n\">\(Self.escape(n))</p>\n" }
        var groups: [String] = []
        for e in entries where !groups.contains(e.group) { groups.append(e.group) }
        for g in groups {
            h += "<h2>\(Self.escape(g))</h2>\n<ul class=\"g\">\n"
            for e in entries where e.group == g {
                h += "<li class=\"o\">"
                if let p = e.preview, let first = e.files.first {
                    h += "<a href=\"\(Self.escapeURL(first))\"><img src=\"\(Self.escapeURL(p))\" alt=\"Trang 1: \(Self.escape(e.title))\" loading=\"lazy\"></a>"
                }
                h += "<div class=\"t\">\(Self.escape(e.title))</div><div class=\"f\">"
                for f in e.files {
                    let ext = (f as NSString).pathExtension.uppercased()
                    let size = Self.size(of: directory + "/" + f)
                    h += "<a href=\"\(Self.escapeURL(f))\">\(Self.escape(ext))</a><span class=\"s\">\(size)</span> "
                }
                h += "</div></li>\n"
            }
            h += "</ul>\n"
        }
        h += "</body></html>\n"
        return h
    }

    /// Writes the page atomically.
    public func write(to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let data = Data(html(in: directory.isEmpty ? "." : directory).utf8)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PublishingError(.output, "Không ghi được «\(path)»: \(error.localizedDescription)")
        }
    }

    /// "12 kB", "1,2 MB" (Vietnamese decimal comma).
    static func size(of path: String) -> String {
        guard let n = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else { return "" }
        if n < 1000 { return "\(n) B" }
        if n < 1_000_000 { return "\((n + 500) / 1000) kB" }
        let tenths = (n + 50_000) / 100_000
        return "\(tenths / 10),\(tenths % 10) MB"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A relative path as an attribute value: segments percent-encoded (Vietnamese kept readable
    /// by browsers), then HTML-escaped.
    static func escapeURL(_ path: String) -> String {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#"))
        return escape(path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path)
    }
}
