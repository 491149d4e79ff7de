import OfficeZip

/// Replacements of byte ranges, applied in one pass.
struct ByteEdits {
    var edits: [(Range<Int>, [UInt8])] = []

    mutating func replace(_ range: Range<Int>, _ bytes: [UInt8]) { edits.append((range, bytes)) }
    mutating func replace(_ range: Range<Int>, _ s: String) { edits.append((range, Array(s.utf8))) }

    func apply(_ source: [UInt8], _ range: Range<Int>? = nil) -> [UInt8] {
        let whole = range ?? 0..<source.count
        let sorted = edits.filter { whole.contains($0.0.lowerBound) || $0.0.lowerBound == whole.upperBound }
            .sorted { $0.0.lowerBound < $1.0.lowerBound }
        var out: [UInt8] = []
        out.reserveCapacity(whole.count)
        var cursor = whole.lowerBound
        for (r, b) in sorted where r.lowerBound >= cursor {
            out.append(contentsOf: source[cursor..<r.lowerBound])
            out.append(contentsOf: b)
            cursor = r.upperBound
        }
        out.append(contentsOf: source[cursor..<whole.upperBound])
        return out
    }
}

/// `--combine` for Word: every record's filled body in one document, each in its own section
/// that starts a new page, with page numbers and list numbering restarting, and headers and
/// footers that hold tags filled per record.
struct WordCombiner {
    let template: Template
    let backend: PackageBackend
    let reader: ZipReader

    static let headerType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
    static let footerType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"

    /// Writes the combined document of `count` records; `render(k)` fills record k's parts.
    func write(count: Int, render: (Int) throws -> [String: [UInt8]], to zip: ZipWriter, output: String) throws {
        let main = backend.mainPart
        guard count > 0 else { return }
        let first = try render(0)
        // Relationships of the main part: header/footer targets holding tags get a copy per record.
        let relsName = Relationships.relsPath(of: main)
        var relsEdit: PackageEdit?
        var templatedRefs: [String: String] = [:]   // rId → part name
        if reader.contains(relsName) {
            let edit = try PackageEdit(try reader.read(relsName))
            for r in Relationships.read(edit.root) where (r.type == Self.headerType || r.type == Self.footerType) && !r.external {
                let target = Relationships.resolve(r.target, from: main)
                if first[target] != nil { templatedRefs[r.id] = target }
            }
            relsEdit = edit
        }
        // Numbering.
        let numberingName = "word/numbering.xml"
        var numbering: (edit: PackageEdit, nums: [String: String], next: Int)?
        if reader.contains(numberingName) {
            let edit = try PackageEdit(try reader.read(numberingName))
            var nums: [String: String] = [:]
            var maxID = 0
            for e in edit.root.elements where e.name == "w:num" {
                if let id = e[attribute: "w:numId"], let abstract = e.first("w:abstractNumId")?[attribute: "w:val"] {
                    nums[id] = abstract
                    maxID = max(maxID, Int(id) ?? 0)
                }
            }
            numbering = (edit, nums, maxID + 1)
        }
        var newNums = ""
        var newRels = ""
        var newOverrides = ""
        var newParts: [(String, [UInt8])] = []
        var finalSect: [UInt8] = []
        var suffix: [UInt8] = []
        let stream = try zip.beginEntry(main)

        for k in 0..<count {
            let rendered = k == 0 ? first : try render(k)
            let bytes = try rendered[main] ?? reader.read(main)
            let tokens = try XMLTokenizer.tokenize(bytes)
            let v = TokenView(tokens: tokens, bytes: bytes)
            guard let bodyStart = tokens.indices.first(where: { v.isStart($0, "w:body") }), let bodyEnd = v.matchingEnd(bodyStart) else { continue }
            // The body's own sectPr: its last child.
            var sectStart: Int?
            var depth = 0
            for i in (bodyStart + 1)..<bodyEnd {
                let t = tokens[i]
                if depth == 0 && v.isOpen(i, "w:sectPr") { sectStart = i }
                if t.kind == .startTag { depth += 1 } else if t.kind == .endTag { depth -= 1 }
            }
            let contentEnd = sectStart.map { tokens[$0].start } ?? tokens[bodyEnd].start
            let sectRange = sectStart.map { tokens[$0].start..<tokens[v.matchingEnd($0)!].end } ?? contentEnd..<contentEnd
            if k == 0 {
                stream.write(Array(bytes[0..<tokens[bodyStart].end]))
                suffix = Array(bytes[tokens[bodyEnd].start...])
            }
            var edits = ByteEdits()
            // Header/footer references to parts with tags: this record's copies.
            var remap: [String: String] = [:]
            if k > 0 {
                for (rid, target) in templatedRefs.sorted(by: { $0.key < $1.key }) {
                    let copyName = Self.copyName(target, k)
                    let newID = "rIdTdkt\(k)x\(rid)"
                    remap[rid] = newID
                    let relTarget = Self.relativeTarget(copyName, from: main)
                    let type = target.contains("footer") ? Self.footerType : Self.headerType
                    newRels += "<Relationship Id=\"\(newID)\" Type=\"\(type)\" Target=\"\(relTarget)\"/>"
                    let contentType = target.contains("footer") ? WordContentType.footer : WordContentType.header
                    newOverrides += "<Override PartName=\"/\(copyName)\" ContentType=\"\(contentType)\"/>"
                    if let b = rendered[target] { newParts.append((copyName, b)) }
                }
            }
            var numMap: [String: String] = [:]
            for i in (bodyStart + 1)..<bodyEnd where tokens[i].kind != .text {
                if !remap.isEmpty, v.isOpen(i, "w:headerReference") || v.isOpen(i, "w:footerReference"),
                   let range = XMLAttributes(bytes, tokens[i]).valueRange("r:id"),
                   let id = v.attribute(i, "r:id"), let replacement = remap[id] {
                    edits.replace(range, replacement)
                }
                if k > 0, numbering != nil, v.isOpen(i, "w:numId"), let range = XMLAttributes(bytes, tokens[i]).valueRange("w:val"),
                   let id = v.attribute(i, "w:val"), id != "0", let abstract = numbering!.nums[id] {
                    if numMap[id] == nil {
                        let newID = String(numbering!.next)
                        numbering!.next += 1
                        numMap[id] = newID
                        newNums += "<w:num w:numId=\"\(newID)\"><w:abstractNumId w:val=\"\(abstract)\"/>"
                        for level in 0..<9 { newNums += "<w:lvlOverride w:ilvl=\"\(level)\"><w:startOverride w:val=\"1\"/></w:lvlOverride>" }
                        newNums += "</w:num>"
                    }
                    edits.replace(range, numMap[id]!)
                }
                if k > 0, v.isOpen(i, "w:bookmarkStart") || v.isOpen(i, "w:bookmarkEnd"),
                   let range = XMLAttributes(bytes, tokens[i]).valueRange("w:id"), let id = Int(v.attribute(i, "w:id") ?? "") {
                    edits.replace(range, String(id + k * 100_000))
                }
                if k > 0, v.isOpen(i, "wp:docPr"), let range = XMLAttributes(bytes, tokens[i]).valueRange("id"),
                   let id = Int(v.attribute(i, "id") ?? "") {
                    edits.replace(range, String(id + k * 100_000))
                }
            }
            let content = edits.apply(bytes, tokens[bodyStart].end..<contentEnd)
            let sect = edits.apply(bytes, sectRange)
            let restarted = Self.sectionProperties(sect, nextPage: k > 0)
            if k > 0 {
                // The previous record's section ends here with its own properties.
                stream.write(Array("<w:p><w:pPr>".utf8) + finalSect + Array("</w:pPr></w:p>".utf8))
            }
            stream.write(content)
            finalSect = restarted
        }
        stream.write(finalSect + suffix)
        try stream.finish()

        var changes: [String: [UInt8]] = [:]
        if var rels = relsEdit, !newRels.isEmpty {
            rels.insert(newRels, beforeEndOf: rels.root)
            changes[relsName] = rels.result()
        }
        if var n = numbering, !newNums.isEmpty {
            // w:num elements follow the abstract numbering definitions, before w:numIdMacAtCleanup.
            if let cleanup = n.edit.root.first("w:numIdMacAtCleanup") {
                n.edit.insertBefore(newNums, cleanup)
            } else {
                n.edit.insert(newNums, beforeEndOf: n.edit.root)
            }
            changes[numberingName] = n.edit.result()
        }
        var contentTypes: [UInt8]?
        if !newOverrides.isEmpty {
            var types = try PackageEdit(backend.contentTypesBytes)
            types.insert(newOverrides, beforeEndOf: types.root)
            contentTypes = types.result()
        }
        for (name, bytes) in first where name != main { changes[name] = bytes }
        try backend.writeWordEntries(zip: zip, reader: reader, rendered: changes, output: output, contentTypes: contentTypes,
                                     skipping: [main])
        for (name, bytes) in newParts { try zip.add(name, bytes: bytes) }
        zip.placeFirst(["[Content_Types].xml"])
    }

    /// `word/header1.xml` → `word/header1-tdkt3.xml`.
    static func copyName(_ part: String, _ k: Int) -> String {
        guard let dot = part.lastIndex(of: ".") else { return part + "-tdkt\(k)" }
        return String(part[..<dot]) + "-tdkt\(k)" + String(part[dot...])
    }

    static func relativeTarget(_ part: String, from source: String) -> String {
        let dir = source.contains("/") ? String(source[..<source.lastIndex(of: "/")!]) + "/" : ""
        return part.hasPrefix(dir) ? String(part.dropFirst(dir.count)) : "/" + part
    }

    /// The section's properties with numbering of pages restarting at 1 and, for a section
    /// after the first, starting on a new page. Children keep the schema's order.
    static func sectionProperties(_ sect: [UInt8], nextPage: Bool) -> [UInt8] {
        guard !sect.isEmpty, let tokens = try? XMLTokenizer.tokenize(sect) else {
            return Array("<w:sectPr><w:type w:val=\"nextPage\"/><w:pgNumType w:start=\"1\"/></w:sectPr>".utf8)
        }
        let v = TokenView(tokens: tokens, bytes: sect)
        if tokens[0].kind == .emptyTag {
            let start = Array(sect[tokens[0].start..<(tokens[0].end - 2)])
            return start + Array("><w:type w:val=\"nextPage\"/><w:pgNumType w:start=\"1\"/></w:sectPr>".utf8)
        }
        let order = ["w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar",
                     "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign",
                     "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
                     "w:sectPrChange"]
        var children: [(name: String, bytes: [UInt8])] = []
        var i = 1
        let last = tokens.count - 1
        while i < last {
            let t = tokens[i]
            if t.kind == .startTag || t.kind == .emptyTag, let end = v.matchingEnd(i) {
                let name = String(decoding: sect[t.nameStart..<t.nameEnd], as: UTF8.self)
                children.append((name, v.slice(i, end)))
                i = end + 1
            } else {
                i += 1
            }
        }
        var pgNum = "<w:pgNumType w:start=\"1\"/>"
        if let existing = children.first(where: { $0.name == "w:pgNumType" }), let et = try? XMLTokenizer.tokenize(existing.bytes) {
            let attrs = XMLAttributes(existing.bytes, et[0]).filter {
                String(decoding: existing.bytes[$0.nameStart..<$0.nameEnd], as: UTF8.self) != "w:start"
            }.map { " " + String(decoding: existing.bytes[$0.nameStart...$0.valueEnd], as: UTF8.self) }
            pgNum = "<w:pgNumType" + attrs.joined() + " w:start=\"1\"/>"
        }
        children.removeAll { $0.name == "w:pgNumType" || (nextPage && $0.name == "w:type") }
        children.append(("w:pgNumType", Array(pgNum.utf8)))
        if nextPage { children.append(("w:type", Array("<w:type w:val=\"nextPage\"/>".utf8))) }
        let rank = { (n: String) in order.firstIndex(of: n) ?? order.count }
        let sorted = children.enumerated().sorted { (rank($0.element.name), $0.offset) < (rank($1.element.name), $1.offset) }.map(\.element)
        var out = Array(sect[tokens[0].start..<tokens[0].end])
        for c in sorted { out += c.bytes }
        out += Array(sect[tokens[last].start..<tokens[last].end])
        return out
    }
}

extension PackageEdit {
    /// Inserts `markup` before the element `e`.
    mutating func insertBefore(_ markup: String, _ e: XMLElement) {
        insertRaw(at: tokens[e.firstToken].start, markup)
    }
}
