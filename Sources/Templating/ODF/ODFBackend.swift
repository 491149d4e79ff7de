import OfficeZip

/// OpenDocument packages (ODT, ODS): `mimetype` names the kind; `content.xml`, `styles.xml`
/// (headers and footers) and `meta.xml` may hold tags.
enum ODFBackend {
    static let text = "application/vnd.oasis.opendocument.text"
    static let textTemplate = "application/vnd.oasis.opendocument.text-template"
    static let spreadsheet = "application/vnd.oasis.opendocument.spreadsheet"
    static let spreadsheetTemplate = "application/vnd.oasis.opendocument.spreadsheet-template"

    static func detect(reader: ZipReader, file: String, mimetype: String) throws(TemplateError) -> PackageBackend {
        let format: TemplateFormat
        switch mimetype {
        case text, textTemplate: format = .odt
        case spreadsheet, spreadsheetTemplate: format = .ods
        default:
            throw TemplateError(.make(.unsupportedTemplate, at: TemplateLocation(file: file, part: "mimetype"), detail: mimetype))
        }
        guard reader.contains("content.xml") else { throw PackageBackend.missing("content.xml", file: file) }
        let backend = PackageBackend(format: format, file: file)
        backend.mainPart = "content.xml"
        backend.odfMimetype = mimetype
        let profile: FormatProfile = format == .odt ? .odt : .odsText
        if reader.contains("meta.xml") { backend.add(TemplatedPart(name: "meta.xml", profile: .odt, breaksAllowed: false)) }
        if reader.contains("styles.xml") { backend.add(TemplatedPart(name: "styles.xml", profile: profile)) }
        backend.add(TemplatedPart(name: "content.xml", profile: profile, isMain: true, spreadsheet: format == .ods))
        return backend
    }

    /// `mimetype` and the manifest's root entry for the output's extension (a template
    /// `.ott` written as `.odt`).
    static func changes(reader: ZipReader, template mimetype: String, outputExtension ext: String) throws -> [String: [UInt8]] {
        let wanted: String
        switch ext {
        case "odt": wanted = text
        case "ott": wanted = textTemplate
        case "ods": wanted = spreadsheet
        case "ots": wanted = spreadsheetTemplate
        default: wanted = mimetype
        }
        guard wanted != mimetype else { return [:] }
        var changes: [String: [UInt8]] = ["mimetype": Array(wanted.utf8)]
        if reader.contains("META-INF/manifest.xml") {
            var manifest = try PackageEdit(try reader.read("META-INF/manifest.xml"))
            for e in manifest.root.elements where e[attribute: "manifest:full-path"] == "/" {
                manifest.setAttribute(e, "manifest:media-type", wanted)
            }
            if !manifest.isEmpty { changes["META-INF/manifest.xml"] = manifest.result() }
        }
        return changes
    }
}

/// `--combine` for ODT: every record's filled text in one document; each record after the
/// first starts a new page (its first paragraph takes a copy of its style with the master page
/// and page number 1), so page numbers restart; lists restart as separate lists.
struct ODFCombiner {
    let template: Template
    let backend: PackageBackend
    let reader: ZipReader

    func write(count: Int, render: (Int) throws -> [String: [UInt8]], to zip: ZipWriter, output: String) throws {
        guard count > 0 else { return }
        let main = "content.xml"
        let first = try render(0)
        let firstBytes = try first[main] ?? reader.read(main)
        let tokens = try XMLTokenizer.tokenize(firstBytes)
        let v = TokenView(tokens: tokens, bytes: firstBytes)
        guard let textStart = tokens.indices.first(where: { v.isStart($0, "office:text") }), let textEnd = v.matchingEnd(textStart),
              let stylesEnd = tokens.indices.first(where: { v.isEnd($0, "office:automatic-styles") }) ?? tokens.indices.first(where: { v.isStart($0, "office:body") })
        else { throw PackageBackend.missing("office:text trong content.xml", file: template.path) }
        // The style given to the first paragraph of records after the first.
        let root = XMLTree.build(firstBytes, tokens)
        let automatic = root.first("office:automatic-styles")
        let firstParagraph = root.first("office:body")?.first("office:text")?.elements.first { $0.name == "text:p" || $0.name == "text:h" }
        let styleName = firstParagraph?[attribute: "text:style-name"] ?? "Standard"
        var master = "Standard"
        if let m = automatic?.descendants(named: "style:style").compactMap({ $0[attribute: "style:master-page-name"] }).first(where: { !$0.isEmpty }) {
            master = m
        }
        let breakStyle = "TdktBanGhi"
        var styleXML: String
        if let auto = automatic?.elements.first(where: { $0.name == "style:style" && $0[attribute: "style:name"] == styleName }) {
            // A copy of the automatic style, named anew, with the master page and page number.
            var copy = String(decoding: firstBytes[tokens[auto.firstToken].start..<tokens[auto.lastToken].end], as: UTF8.self)
            // A style that names its page style already keeps one attribute (two are invalid XML).
            copy = Self.removingAttribute("style:master-page-name", from: copy)
            copy = copy.replacingAll("style:name=\"\(styleName)\"", "style:name=\"\(breakStyle)\" style:master-page-name=\"\(master)\"")
            if copy.contains("<style:paragraph-properties") {
                copy = copy.replacingAll("<style:paragraph-properties", "<style:paragraph-properties style:page-number=\"1\"")
            } else if copy.hasSuffix("/>") {
                copy = String(copy.dropLast(2)) + "><style:paragraph-properties style:page-number=\"1\"/></style:style>"
            } else {
                copy = copy.replacingAll("</style:style>", "<style:paragraph-properties style:page-number=\"1\"/></style:style>")
            }
            styleXML = copy
        } else {
            styleXML = "<style:style style:name=\"\(breakStyle)\" style:family=\"paragraph\" style:parent-style-name=\"\(styleName)\" style:master-page-name=\"\(master)\"><style:paragraph-properties style:page-number=\"1\"/></style:style>"
        }
        // A body that starts with a table whose style names a page style starts each record on a
        // new page by itself: records after the first take a copy of that table style restarting
        // the page numbers, and no break paragraph (which would leave a blank page).
        let firstElement = root.first("office:body")?.first("office:text")?.elements.first { !$0.name.hasSuffix("-decls") }
        var tableBreak: (name: String, copy: String)?
        if let table = firstElement, table.name == "table:table", let tableStyle = table[attribute: "table:style-name"],
           let auto = automatic?.elements.first(where: { $0.name == "style:style" && $0[attribute: "style:name"] == tableStyle }),
           let m = auto[attribute: "style:master-page-name"], !m.isEmpty {
            var copy = String(decoding: firstBytes[tokens[auto.firstToken].start..<tokens[auto.lastToken].end], as: UTF8.self)
            copy = copy.replacingAll("style:name=\"\(tableStyle)\"", "style:name=\"TdktBanGhiBang\"")
            if copy.contains("<style:table-properties") {
                copy = Self.removingAttribute("style:page-number", from: copy)
                copy = copy.replacingAll("<style:table-properties", "<style:table-properties style:page-number=\"1\"")
            }
            tableBreak = (tableStyle, copy)
            styleXML += copy
        }
        let stream = try zip.beginEntry(main)
        if v.isEnd(stylesEnd, "office:automatic-styles") {
            stream.write(Array(firstBytes[0..<tokens[stylesEnd].start]))
            stream.write(Array(styleXML.utf8))
            stream.write(Array(firstBytes[tokens[stylesEnd].start..<tokens[textStart].end]))
        } else {
            stream.write(Array(firstBytes[0..<tokens[stylesEnd].start]))
            stream.write(Array("<office:automatic-styles>\(styleXML)</office:automatic-styles>".utf8))
            stream.write(Array(firstBytes[tokens[stylesEnd].start..<tokens[textStart].end]))
        }
        let suffix = Array(firstBytes[tokens[textEnd].start...])
        for k in 0..<count {
            let rendered = k == 0 ? first : try render(k)
            let bytes = k == 0 ? firstBytes : try rendered[main] ?? reader.read(main)
            let t = k == 0 ? tokens : try XMLTokenizer.tokenize(bytes)
            let view = TokenView(tokens: t, bytes: bytes)
            guard let s = t.indices.first(where: { view.isStart($0, "office:text") }), let e = view.matchingEnd(s) else { continue }
            var edits = ByteEdits()
            var firstDone = false
            var depth = 0
            var i = s + 1
            while i < e {
                let token = t[i]
                if depth == 0 && token.isTag && token.kind != .endTag {
                    let name = String(decoding: bytes[token.nameStart..<token.nameEnd], as: UTF8.self)
                    // Declarations come once, from the first record.
                    if k > 0, ["text:sequence-decls", "text:variable-decls", "text:user-field-decls", "text:dde-connection-decls",
                               "table:calculation-settings", "table:content-validations", "table:label-ranges", "office:forms"].contains(name),
                       let end = view.matchingEnd(i) {
                        edits.replace(token.start..<t[end].end, [])
                        i = end + 1
                        continue
                    }
                    if k > 0 && !firstDone && name == "table:table", let tableBreak,
                       view.attribute(i, "table:style-name") == tableBreak.name,
                       let r = XMLAttributes(bytes, token).valueRange("table:style-name") {
                        firstDone = true
                        edits.replace(r, "TdktBanGhiBang")
                    } else if k > 0 && !firstDone && (name == "text:p" || name == "text:h") {
                        firstDone = true
                        if view.attribute(i, "text:style-name") == styleName || (view.attribute(i, "text:style-name") == nil && styleName == "Standard") {
                            if let r = XMLAttributes(bytes, token).valueRange("text:style-name") {
                                edits.replace(r, breakStyle)
                            } else {
                                edits.replace(token.nameEnd..<token.nameEnd, " text:style-name=\"\(breakStyle)\"")
                            }
                        } else {
                            edits.replace(token.start..<token.start, "<text:p text:style-name=\"\(breakStyle)\"/>")
                        }
                    } else if k > 0 && !firstDone && !name.hasSuffix("-decls") {
                        firstDone = true
                        edits.replace(token.start..<token.start, "<text:p text:style-name=\"\(breakStyle)\"/>")
                    }
                }
                if k > 0 && token.isTag && token.kind != .endTag {
                    for attr in ["xml:id", "text:continue-list"] {
                        if let r = XMLAttributes(bytes, token).valueRange(attr) {
                            edits.replace(r, String(decoding: bytes[r], as: UTF8.self) + "-tdkt\(k)")
                        }
                    }
                }
                if token.kind == .startTag { depth += 1 } else if token.kind == .endTag { depth -= 1 }
                i += 1
            }
            stream.write(edits.apply(bytes, t[s].end..<t[e].start))
        }
        stream.write(suffix)
        try stream.finish()
        var others: [String: [UInt8]] = [:]
        for (name, b) in first where name != main { others[name] = b }
        try PackageBackend.write(try backend.plan(reader: reader, rendered: others, output: output, skipping: [main]), zip: zip, reader: reader)
        zip.placeFirst(["mimetype"])
    }

    /// `xml` (one element's text) without the attribute `name` on any of its tags.
    static func removingAttribute(_ name: String, from xml: String) -> String {
        var out = xml
        let marker = " \(name)=\""
        while let start = out.range(of: marker) {
            guard let end = out[start.upperBound...].firstIndex(of: "\"") else { break }
            out.removeSubrange(start.lowerBound...end)
        }
        return out
    }
}
