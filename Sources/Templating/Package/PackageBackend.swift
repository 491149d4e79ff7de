import OfficeZip

/// A part of the package that may hold tags, and how it is filled.
struct TemplatedPart {
    var name: String
    var profile: FormatProfile
    /// The document's main part (section breaks, NEXT fields, MERGEFIELD rows).
    var isMain = false
    /// Newlines in values become line breaks (not in document properties).
    var breaksAllowed = true
    /// A docx body part: a table must be followed by a paragraph.
    var bodyPart = false
    /// An ODS content part: cells and rows, not paragraphs, are what loops repeat.
    var spreadsheet = false
}

/// Content types of Word packages.
enum WordContentType {
    static let document = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    static let macroDocument = "application/vnd.ms-word.document.macroEnabled.main+xml"
    static let template = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    static let macroTemplate = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
    static let mains: Set<String> = [document, macroDocument, template, macroTemplate]
    static let header = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
    static let footer = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
    static let footnotes = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    static let endnotes = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
    static let comments = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
    static let core = "application/vnd.openxmlformats-package.core-properties+xml"
    static let app = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
    static let custom = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
    static let settings = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
    static let vbaProject = "application/vnd.ms-office.vbaProject"
    static let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    static let strictOfficeDocument = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
    /// Relationships of macro parts, dropped unless the output keeps macros.
    static let macroRelationships: Set<String> = [
        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
        "http://schemas.microsoft.com/office/2006/relationships/keyMapCustomizations",
        "http://schemas.microsoft.com/office/2006/relationships/attachedToolbars",
        "http://schemas.microsoft.com/office/2006/relationships/wordVbaData",
    ]
}

/// Format-specific knowledge of a package: which parts hold tags, and what changes besides
/// them when an output is written (main content type of a template, macros).
final class PackageBackend {
    let format: TemplateFormat
    let file: String
    var templatedParts: [TemplatedPart] = []
    private var byName: [String: Int] = [:]

    // OOXML
    var contentTypesBytes: [UInt8] = []
    var mainPart = ""
    var mainContentType = ""
    var macroParts: Set<String> = []
    var settingsPart: String?
    /// Cached rewritten small parts, per output kind.
    private var rewritten: [String: [String: [UInt8]]] = [:]
    var removeMailMerge = false
    /// ODF: the template's media type.
    var odfMimetype = ""

    init(format: TemplateFormat, file: String) {
        self.format = format
        self.file = file
    }

    func info(_ name: String) -> TemplatedPart? { byName[name].map { templatedParts[$0] } }

    func add(_ part: TemplatedPart) {
        guard byName[part.name] == nil else { return }
        byName[part.name] = templatedParts.count
        templatedParts.append(part)
    }

    func sectionBytes(_ part: CompiledPart) -> [[UInt8]] { part.sectionBytes }

    static func missing(_ what: String, file: String) -> TemplateError {
        TemplateError(.make(.missingPart, at: TemplateLocation(file: file, part: what), detail: what))
    }

    static func read(_ reader: ZipReader, _ name: String, file: String) throws(TemplateError) -> [UInt8] {
        do { return try reader.read(name) } catch let e as ZipError { throw TemplateError(Template.archiveIssue(e, file: file)) } catch {
            throw TemplateError(.make(.unreadableArchive, at: TemplateLocation(file: file, part: name), detail: "\(error)"))
        }
    }

    static func tree(_ reader: ZipReader, _ name: String, file: String) throws(TemplateError) -> (XMLElement, [UInt8]) {
        let bytes = try read(reader, name, file: file)
        do {
            return (try XMLTree.parse(bytes), bytes)
        } catch {
            let loc = TemplateLocation(file: file, part: name)
            switch error.reason {
            case .doctype: throw TemplateError(.make(.doctypeRefused, at: loc))
            case .undeclaredEntity(let n): throw TemplateError(.make(.entityRefused, at: loc, detail: "&\(n);"))
            default: throw TemplateError(.make(.malformedXML, at: loc, detail: name))
            }
        }
    }

    /// Recognises the package and lists the parts that may hold tags.
    static func detect(reader: ZipReader, file: String, options: TemplateOptions) throws(TemplateError) -> PackageBackend {
        if reader.contains("mimetype") {
            let mime = String(decoding: try read(reader, "mimetype", file: file), as: UTF8.self).trimmingSpaces
            return try ODFBackend.detect(reader: reader, file: file, mimetype: mime)
        }
        guard reader.contains("[Content_Types].xml") else {
            throw TemplateError(.make(.unsupportedTemplate, at: TemplateLocation(file: file, part: ""),
                                      detail: "không có [Content_Types].xml hay mimetype"))
        }
        let (typesRoot, typesBytes) = try tree(reader, "[Content_Types].xml", file: file)
        let types = ContentTypes(typesRoot)
        guard reader.contains("_rels/.rels") else { throw missing("_rels/.rels", file: file) }
        let (relsRoot, _) = try tree(reader, "_rels/.rels", file: file)
        let rels = Relationships.read(relsRoot)
        guard let main = rels.first(where: { $0.type == WordContentType.officeDocument || $0.type == WordContentType.strictOfficeDocument }) else {
            throw missing("quan hệ officeDocument trong _rels/.rels", file: file)
        }
        let mainName = Relationships.resolve(main.target, from: "")
        guard reader.contains(mainName) else { throw missing(mainName, file: file) }
        let mainType = types.type(of: mainName) ?? ""
        if WordContentType.mains.contains(mainType) {
            let backend = PackageBackend(format: .docx, file: file)
            backend.contentTypesBytes = typesBytes
            backend.mainPart = mainName
            backend.mainContentType = mainType
            try backend.listWordParts(reader: reader, types: types)
            return backend
        }
        if SpreadsheetTemplate.mainTypes.contains(mainType) {
            let backend = PackageBackend(format: .xlsx, file: file)
            backend.contentTypesBytes = typesBytes
            backend.mainPart = mainName
            backend.mainContentType = mainType
            return backend
        }
        throw TemplateError(.make(.unsupportedTemplate, at: TemplateLocation(file: file, part: mainName), detail: mainType))
    }

    private func listWordParts(reader: ZipReader, types: ContentTypes) throws(TemplateError) {
        var props: [String] = [], headers: [String] = [], footers: [String] = [], notes: [String] = [], custom: [String] = []
        for entry in reader.entries {
            let name = entry.name
            guard let type = types.type(of: name) else { continue }
            switch type {
            case WordContentType.core, WordContentType.app, WordContentType.custom: props.append(name)
            case WordContentType.header: headers.append(name)
            case WordContentType.footer: footers.append(name)
            case WordContentType.footnotes, WordContentType.endnotes, WordContentType.comments: notes.append(name)
            case WordContentType.settings: settingsPart = name
            default:
                if name.hasPrefix("customXml/item"), name.hasSuffix(".xml"), !name.contains("Props") {
                    if let bytes = try? reader.read(name),
                       String(decoding: bytes.prefix(4096), as: UTF8.self).contains("xmlns=\"http://schemas.microsoft.com/office/2006/coverPageProps\"") {
                        custom.append(name)
                    }
                }
            }
        }
        for name in props { add(TemplatedPart(name: name, profile: .docx, breaksAllowed: false)) }
        for name in custom { add(TemplatedPart(name: name, profile: .docx, breaksAllowed: false)) }
        for name in headers.sorted(by: PackageBackend.naturalOrder) { add(TemplatedPart(name: name, profile: .docx, bodyPart: true)) }
        add(TemplatedPart(name: mainPart, profile: .docx, isMain: true, bodyPart: true))
        for name in footers.sorted(by: PackageBackend.naturalOrder) { add(TemplatedPart(name: name, profile: .docx, bodyPart: true)) }
        for name in notes { add(TemplatedPart(name: name, profile: .docx, bodyPart: true)) }
        // Macro parts: targets of macro relationships of the main part, and their own parts.
        let mainRels = Relationships.relsPath(of: mainPart)
        if reader.contains(mainRels), let (root, _) = try? PackageBackend.tree(reader, mainRels, file: file) {
            for r in Relationships.read(root) where WordContentType.macroRelationships.contains(r.type) && !r.external {
                let target = Relationships.resolve(r.target, from: mainPart)
                macroParts.insert(target)
                let inner = Relationships.relsPath(of: target)
                if reader.contains(inner) {
                    macroParts.insert(inner)
                    if let (innerRoot, _) = try? PackageBackend.tree(reader, inner, file: file) {
                        for r2 in Relationships.read(innerRoot) where !r2.external {
                            macroParts.insert(Relationships.resolve(r2.target, from: target))
                        }
                    }
                }
            }
        }
    }

    /// "header2.xml" before "header10.xml".
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        a.count != b.count ? a.count < b.count : a < b
    }

    // MARK: - Writing

    /// What becomes of one entry of the template in an output.
    enum EntryAction {
        case bytes([UInt8])
        case copy
    }

    /// Every entry of the output in order: rendered parts, rewritten package parts, the rest
    /// copied as they are.
    func plan(reader: ZipReader, rendered: [String: [UInt8]], output: String, contentTypes: [UInt8]? = nil,
              skipping: Set<String> = []) throws -> [(String, EntryAction)] {
        var actions: [(String, EntryAction)] = []
        actions.reserveCapacity(reader.entries.count)
        guard format == .docx else {
            var changes: [String: [UInt8]] = [:]
            if format == .odt || format == .ods {
                changes = try ODFBackend.changes(reader: reader, template: odfMimetype, outputExtension: TemplateFormat.extensionOf(output))
            } else {
                changes = try extraChanges(reader, output)
            }
            for entry in reader.entries where !skipping.contains(entry.name) && !droppedParts.contains(entry.name) {
                if let b = rendered[entry.name] ?? changes[entry.name] { actions.append((entry.name, .bytes(b))) } else { actions.append((entry.name, .copy)) }
            }
            return actions
        }
        let ext = TemplateFormat.extensionOf(output)
        let keepMacros = ext == "docm" || ext == "dotm"
        let key = "\(ext)|\(removeMailMerge)"
        let changes: [String: [UInt8]]
        if let contentTypes {
            changes = try wordPackageChanges(reader: reader, outputExtension: ext, keepMacros: keepMacros, contentTypes: contentTypes)
        } else if let cached = rewritten[key] { changes = cached } else {
            changes = try wordPackageChanges(reader: reader, outputExtension: ext, keepMacros: keepMacros, contentTypes: contentTypesBytes)
            rewritten[key] = changes
        }
        let dropped = keepMacros ? [] : macroParts
        for entry in reader.entries {
            let name = entry.name
            if dropped.contains(name) || skipping.contains(name) { continue }
            if name == "[Content_Types].xml", let bytes = changes[name] {
                actions.append((name, .bytes(bytes)))
            } else if let bytes = rendered[name] ?? changes[name] {
                actions.append((name, .bytes(bytes)))
            } else {
                actions.append((name, .copy))
            }
        }
        return actions
    }

    /// Writes `actions` through a `ZipWriter`.
    static func write(_ actions: [(String, EntryAction)], zip: ZipWriter, reader: ZipReader) throws {
        for (name, action) in actions {
            switch action {
            case .bytes(let b): try zip.add(name, bytes: b, method: name == "mimetype" ? .store : .deflate)
            case .copy: try zip.copy(name, from: reader)
            }
        }
    }

    /// Package changes of spreadsheets (set by the XLSX support), and entries left out.
    var extraChanges: (ZipReader, String) throws -> [String: [UInt8]] = { _, _ in [:] }
    var droppedParts: Set<String> = []

    /// Every entry of a Word package into `zip` (used by `--combine`, which adds parts).
    func writeWordEntries(zip: ZipWriter, reader: ZipReader, rendered: [String: [UInt8]], output: String,
                          contentTypes: [UInt8]?, skipping: Set<String>) throws {
        try PackageBackend.write(try plan(reader: reader, rendered: rendered, output: output, contentTypes: contentTypes, skipping: skipping),
                                 zip: zip, reader: reader)
    }

    /// Content types (main part type for the output's extension, macros), main part
    /// relationships (macros), settings (mail-merge data source).
    private func wordPackageChanges(reader: ZipReader, outputExtension ext: String, keepMacros: Bool,
                                    contentTypes: [UInt8]) throws -> [String: [UInt8]] {
        var changes: [String: [UInt8]] = [:]
        let wantedType: String
        switch ext {
        case "docm": wantedType = WordContentType.macroDocument
        case "dotx": wantedType = WordContentType.template
        case "dotm": wantedType = WordContentType.macroTemplate
        default: wantedType = WordContentType.document
        }
        var types = try PackageEdit(contentTypes)
        for e in types.root.elements {
            if e.localName == "Override", let part = e[attribute: "PartName"] {
                let name = String(part.drop { $0 == "/" })
                if name == mainPart && e[attribute: "ContentType"] != wantedType { types.setAttribute(e, "ContentType", wantedType) }
                if !keepMacros && macroParts.contains(name) { types.remove(e) }
            }
            if !keepMacros, !macroParts.isEmpty, e.localName == "Default", e[attribute: "ContentType"] == WordContentType.vbaProject { types.remove(e) }
        }
        if !types.isEmpty { changes["[Content_Types].xml"] = types.result() } else if contentTypes != contentTypesBytes {
            changes["[Content_Types].xml"] = contentTypes
        }
        if !keepMacros && !macroParts.isEmpty {
            let relsName = Relationships.relsPath(of: mainPart)
            if reader.contains(relsName) {
                var rels = try PackageEdit(try reader.read(relsName))
                for e in rels.root.elements where WordContentType.macroRelationships.contains(e[attribute: "Type"] ?? "") {
                    rels.remove(e)
                }
                if !rels.isEmpty { changes[relsName] = rels.result() }
            }
        }
        if removeMailMerge, let settingsPart, reader.contains(settingsPart) {
            var settings = try PackageEdit(try reader.read(settingsPart))
            for e in settings.root.elements where e.name == "w:mailMerge" { settings.remove(e) }
            if !settings.isEmpty { changes[settingsPart] = settings.result() }
        }
        return changes
    }
}
