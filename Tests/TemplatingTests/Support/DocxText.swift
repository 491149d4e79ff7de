import Foundation
import OfficeZip
@testable import Templating

/// The text of a Word part as the fixtures' READMEs define it ("Expected text convention"):
/// paragraphs are lines, table rows are lines of TAB-separated cells, text boxes follow their
/// paragraph, field codes never count.
enum DocxText {
    static let skipped: Set<String> = ["w:pPr", "w:rPr", "w:del", "w:moveFrom", "w:instrText", "w:delText",
                                       "w:delInstrText", "w:fldData", "mc:Fallback"]

    /// `expect.text` of a part.
    static func text(_ bytes: [UInt8], part: String) throws -> String {
        let root = try XMLTree.parse(bytes)
        var lines: [String] = []
        if root.name == "w:document" {
            if let body = root.first("w:body") { lines = self.lines(body) }
        } else if root.name == "w:footnotes" || root.name == "w:endnotes" {
            for note in root.elements where note.localName == "footnote" || note.localName == "endnote" {
                let type = note[attribute: "w:type"]
                if type == nil || type == "normal" { lines += self.lines(note) }
            }
        } else {
            lines = self.lines(root)
        }
        return lines.joined(separator: "\n")
    }

    /// `expect.full_text`: every `w:t`, concatenated.
    static func fullText(_ bytes: [UInt8]) throws -> String {
        let root = try XMLTree.parse(bytes)
        return root.descendants(named: "w:t").map(\.text).joined()
    }

    static func lines(_ container: XMLElement) -> [String] {
        var out: [String] = []
        for child in container.elements {
            switch child.name {
            case "w:p":
                out += paragraph(child)
            case "w:tbl":
                for row in rows(child) {
                    out.append(cells(row).map { lines($0).joined(separator: "\n") }.joined(separator: "\t"))
                }
            case "w:sdt":
                if let content = child.first("w:sdtContent") { out += lines(content) }
            case "w:customXml":
                out += lines(child)
            default:
                break
            }
        }
        return out
    }

    static func rows(_ table: XMLElement) -> [XMLElement] {
        var out: [XMLElement] = []
        for c in table.elements {
            if c.name == "w:tr" { out.append(c) } else if c.name == "w:sdt", let content = c.first("w:sdtContent") {
                out += rows(content)
            } else if c.name == "w:customXml" { out += rows(c) }
        }
        return out
    }

    static func cells(_ row: XMLElement) -> [XMLElement] {
        var out: [XMLElement] = []
        for c in row.elements {
            if c.name == "w:tc" { out.append(c) } else if c.name == "w:sdt", let content = c.first("w:sdtContent") {
                out += cells(content)
            } else if c.name == "w:customXml" { out += cells(c) }
        }
        return out
    }

    static func paragraph(_ p: XMLElement) -> [String] {
        var line = ""
        var boxes: [XMLElement] = []
        func walk(_ e: XMLElement) {
            for node in e.children {
                switch node {
                case .text:
                    break
                case .element(let c):
                    if skipped.contains(c.name) { continue }
                    switch c.name {
                    case "w:t": line += c.text
                    case "w:tab", "w:ptab": line += "\t"
                    case "w:br":
                        let type = c[attribute: "w:type"]
                        if type == nil || type == "textWrapping" { line += "\n" }
                    case "w:cr": line += "\n"
                    case "w:noBreakHyphen": line += "-"
                    case "w:txbxContent": boxes.append(c)
                    default: walk(c)
                    }
                }
            }
        }
        walk(p)
        var out = [line]
        for box in boxes { out += lines(box) }
        return out
    }
}

/// Reading parts of a filled package.
enum PackageFiles {
    static func read(_ path: String, _ part: String) throws -> [UInt8] {
        try ZipReader(path: path).read(part)
    }

    static func names(_ path: String) throws -> [String] {
        try ZipReader(path: path).entries.map(\.name)
    }
}

/// Test data from JSON fixtures.
extension TemplateValue {
    init(json: Any?) {
        switch json {
        case nil, is NSNull:
            self = .null
        case let n as NSNumber:
            // JSONSerialization gives booleans as a distinct NSNumber subclass.
            if String(describing: type(of: n)).contains("Boolean") { self = .bool(n.boolValue) } else { self = .number(TemplateNumber(n.doubleValue)) }
        case let s as String:
            self = .text(s)
        case let a as [Any]:
            self = .list(a.map { TemplateValue(json: $0) })
        case let d as [String: Any]:
            self = .object(TemplateObject(d.keys.sorted().map { ($0, TemplateValue(json: d[$0])) }))
        default:
            self = .null
        }
    }
}

/// Loads a fixture manifest.
enum Fixtures {
    static var root: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }

    static func manifest(_ folder: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: root.appendingPathComponent("\(folder)/manifest.json"))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return object["cases"] as! [[String: Any]]
    }

    static func path(_ folder: String, _ relative: String) -> String {
        root.appendingPathComponent("\(folder)/\(relative)").path
    }
}
