import Foundation
import TestSupport
import Testing

/// What LibreOffice computes: every sheet of every file converted to CSV by one headless
/// `soffice` (this process's private profile), formulas recalculated.
enum LibreOfficeValues {
    /// file → sheet name → rows of cell texts. Empty when soffice is missing (a failure in CI).
    static func sheets(_ files: [String]) -> [String: [String: [[String]]]] {
        guard Conformance.which("soffice") != nil else {
            if Conformance.isCI { Issue.record("soffice is missing") }
            return [:]
        }
        let out = NSTemporaryDirectory() + "tdkt-lo-csv-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: out) }
        let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
        let r = Soffice.convert(files, to: filter, outdir: out)!
        if r.status != 0 { Issue.record("soffice: \(r.stderr)") }
        var result: [String: [String: [[String]]]] = [:]
        let produced = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        for file in files {
            let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            for name in produced where name.hasPrefix(stem + "-") && name.hasSuffix(".csv") {
                let sheet = String(name.dropFirst(stem.count + 1).dropLast(4))
                let text = (try? String(contentsOfFile: out + "/" + name, encoding: .utf8)) ?? ""
                result[file, default: [:]][sheet] = parse(text)
            }
        }
        return result
    }

    /// RFC 4180 CSV.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 2; continue }
                    quoted = false
                } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { row.append(field); field = "" } else if c == "\n" || c == "\r\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else if c != "\r" { field.append(c) }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        chars.removeAll()
        return rows
    }
}
