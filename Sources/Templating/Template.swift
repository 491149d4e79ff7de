#if canImport(Glibc)
import Glibc
#endif
import OfficeZip

/// The kind of document a template is.
public enum TemplateFormat: String, Sendable, Hashable {
    case docx, odt, xlsx, ods

    /// The format an output path asks for, from its extension.
    public init?(outputPath: String) {
        switch TemplateFormat.extensionOf(outputPath) {
        case "docx", "docm", "dotx", "dotm": self = .docx
        case "odt", "ott": self = .odt
        case "xlsx", "xlsm", "xltx", "xltm": self = .xlsx
        case "ods", "ots": self = .ods
        default: return nil
        }
    }

    public static func extensionOf(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot > name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }
}

/// Everything that decides how a template is read and filled.
public struct TemplateOptions: Sendable {
    public var delimiters = Delimiters.standard
    public var syntax = SyntaxOptions()
    /// Loop tags alone in their paragraphs remove those paragraphs (docxtemplater's paragraphLoop).
    public var paragraphLoop = true
    public var render = RenderOptions()
    /// Keys of the items of `rows`: table rows of MERGEFIELDs naming them are repeated.
    public var rowKeys: Set<String> = []
    /// Recognise Word fields and ODF database fields.
    public var fields = true
    public var zipLimits = ZipLimits.default
    public var xmlLimits = XMLLimits.default

    public init() {}
}

/// What one filling produced besides the file.
public struct FillSummary: Sendable {
    public var warnings: [TemplateIssue] = []
    /// Characters illegal in XML removed from values.
    public var removedCharacters = 0
}

/// A template opened and compiled once, filled any number of times.
///
/// Opening reads the package with `ZipReader`'s guards (no path outside the archive, no zip
/// bomb, no duplicate names), tokenises every part that can hold tags, and compiles them;
/// every error of every part is collected and thrown together. Filling renders only the parts
/// that hold tags; every other entry is copied into the output still compressed.
public final class Template {
    public let path: String
    public let format: TemplateFormat
    public let options: TemplateOptions
    /// Warnings found while compiling.
    public private(set) var warnings: [TemplateIssue] = []
    /// Every tag and field, part by part in the order the parts are filled.
    public private(set) var uses: [TagUse] = []
    /// NEXT fields of the main part (records a document takes = this + 1).
    public private(set) var nextFieldCount = 0
    /// Names present somewhere in the data (see `RenderOptions.knownNames`).
    public var knownNames: Set<String>?

    let reader: ZipReader
    let backend: PackageBackend
    /// The template's compressed entries, for small outputs written without libzip.
    let rawEntries: RawEntries?
    /// Filled bytes up to which an output is assembled in memory (stored parts).
    static let smallArchiveLimit = 256 * 1024
    /// Deflate level of a large filled part (see `fill`).
    static let streamLevel = 3
    var parts: [String: CompiledPart] = [:]
    /// Order in which parts are filled and their errors reported.
    var order: [String] = []
    /// XLSX: the workbook's sheets.
    var workbook: XLSXTemplate?
    /// ODS: the spreadsheet content.
    var spreadsheet: ODSTemplate?

    /// Opens and compiles `path`. Throws `TemplateError` with every problem found.
    public init(path: String, options: TemplateOptions = TemplateOptions()) throws(TemplateError) {
        self.path = path
        self.options = options
        let file = path
        do {
            reader = try ZipReader(path: path, limits: options.zipLimits)
        } catch let error as ZipError {
            throw TemplateError(Template.archiveIssue(error, file: file))
        } catch {
            throw TemplateError(.make(.unreadableArchive, at: TemplateLocation(file: file, part: ""), detail: "\(error)"))
        }
        backend = try PackageBackend.detect(reader: reader, file: file, options: options)
        rawEntries = RawEntries(path: path, reader: reader)
        format = backend.format
        var issues: [TemplateIssue] = []
        if format == .xlsx {
            let book = try XLSXTemplate(reader: reader, workbook: backend.mainPart, options: options, file: file)
            issues += book.issues
            workbook = book
            uses += book.uses
            let types = backend.contentTypesBytes
            if let (changes, dropped) = try? book.packageChanges(reader: reader, contentTypes: types) {
                backend.droppedParts = dropped
                backend.extraChanges = { _, _ in changes }
            }
        }
        if format == .ods {
            let content = try PackageBackend.read(reader, "content.xml", file: file)
            let ods = try ODSTemplate(bytes: content, options: options, file: file)
            issues += ods.issues
            spreadsheet = ods
            uses += ods.uses
        }
        for part in backend.templatedParts where !(format == .ods && part.isMain) {
            let bytes: [UInt8]
            do {
                bytes = try reader.read(part.name)
            } catch let error as ZipError {
                issues.append(Template.archiveIssue(error, file: file))
                continue
            } catch {
                issues.append(.make(.unreadableArchive, at: TemplateLocation(file: file, part: part.name), detail: "\(error)"))
                continue
            }
            var compile = CompileOptions()
            compile.delimiters = options.delimiters
            compile.syntax = options.syntax
            compile.paragraphLoop = options.paragraphLoop
            compile.isMainDocument = part.isMain
            compile.fields = options.fields
            compile.rowKeys = part.isMain ? options.rowKeys : []
            compile.partName = part.name
            compile.file = file
            let (compiled, found) = PartCompiler.compile(name: part.name, bytes: bytes, profile: part.profile, options: compile,
                                                         limits: options.xmlLimits)
            issues += found
            if let compiled, compiled.hasPlaceholders {
                parts[part.name] = compiled
                order.append(part.name)
                uses += compiled.uses
                if part.isMain { nextFieldCount = compiled.nextFieldCount }
            }
        }
        let errors = issues.filter { $0.severity == .error }
        if !errors.isEmpty { throw TemplateError(issues) }
        warnings = issues
        backend.removeMailMerge = hasMergeFields
    }

    /// Whether the template holds Word merge fields (or ODF database fields).
    public var hasMergeFields: Bool { uses.contains { $0.kind == .mergeField || $0.kind == .next } }

    /// Every name the template looks up in the data (the first component of each tag's path),
    /// or nil when some tag shows a whole item (`{.}`), which reads every key.
    public var dataNames: Set<String>? {
        var names = Set<String>()
        for u in uses where u.kind != .next {
            let first = u.path.first ?? u.name
            if first == "." || first.isEmpty { return nil }
            names.insert(first)
        }
        return names
    }

    /// Fills the template from `data` into `output` (atomically: nothing appears unless the
    /// whole file is written). `records` and `recordBase` feed MERGEFIELDs after NEXT fields.
    /// Throws `TemplateError` for template or data errors, `ZipError` for I/O.
    ///
    /// `privateFolder`: `output` is in a folder only this process uses and the caller moves it
    /// into place itself (`tdkt fill --each`), so a small output is written straight to it
    /// (one create and one write, no temporary of its own and no rename).
    @discardableResult
    public func fill(_ data: TemplateValue, to output: String, records: [TemplateValue]? = nil, recordBase: Int = 0,
                     privateFolder: Bool = false) throws -> FillSummary {
        let outputFormat = TemplateFormat(outputPath: output) ?? format
        guard outputFormat == format else {
            throw TemplateError(.make(.invalidOutputName, at: TemplateLocation(file: output, part: ""),
                                      detail: "mẫu \(format.rawValue.uppercased()) không ghi được thành \(outputFormat.rawValue.uppercased())"))
        }
        let rendered = try renderParts(data, records: records.map { RecordWindow(records: $0, base: recordBase) }, output: output,
                                       streamLarge: true)
        var parts = rendered.parts
        for name in rendered.streams.keys { parts[name] = [] }
        let actions = try backend.plan(reader: reader, rendered: parts, output: output)
        var newBytes = 0
        for case (_, .bytes(let b)) in actions { newBytes += b.count }
        if let raw = rawEntries, rendered.streams.isEmpty, newBytes <= Template.smallArchiveLimit,
           actions.allSatisfy({ if case .copy = $0.1 { return raw.entries[$0.0] != nil } else { return true } }) {
            var archive = SmallArchive(capacity: raw.file.count + newBytes + 4096)
            for (name, action) in actions {
                switch action {
                case .bytes(let b): archive.store(name, b)
                case .copy: archive.copy(raw.entries[name]!, from: raw.file)
                }
            }
            if privateFolder { try Template.writeFile(archive.finish(), to: output) } else { try AtomicOutput.write(archive.finish(), to: output) }
            return rendered.summary
        }
        let zip = try ZipWriter(path: output)
        do {
            for (name, action) in actions {
                if let renderer = rendered.streams[name] {
                    // A large filled part is a loop's markup repeated row after row: deflate
                    // level 3, as `tdkt list` and `tdkt sheet` (less than half of level 6's
                    // work for a file about 15 % larger; docs/templating.md).
                    try zip.add(name, method: .deflate(level: Template.streamLevel)) { renderer.write(to: $0) }
                } else {
                    try PackageBackend.write([(name, action)], zip: zip, reader: reader)
                }
            }
            try zip.close()
        } catch {
            zip.discard()
            throw error
        }
        return rendered.summary
    }

    /// Fills one document per root (`--combine`): each in its own section starting a new page,
    /// page numbers and list numbering restarting. `recordBases[k]` is the first record of
    /// document k for MERGEFIELDs after NEXT fields.
    @discardableResult
    public func fillCombined(_ roots: [TemplateValue], to output: String, records: [TemplateValue]? = nil,
                             recordBases: [Int] = []) throws -> FillSummary {
        guard format == .docx || format == .odt else {
            throw TemplateError(.make(.unsupportedTemplate, at: TemplateLocation(file: path, part: ""),
                                      detail: "--combine chỉ dùng cho văn bản (DOCX, ODT); với bảng tính hãy dùng vòng lặp {#rows}"))
        }
        var summary = FillSummary()
        let zip = try ZipWriter(path: output)
        do {
            let render = { (k: Int) throws -> [String: [UInt8]] in
                let window = records.map { RecordWindow(records: $0, base: k < recordBases.count ? recordBases[k] : 0) }
                let r = try self.renderParts(roots[k], records: window, output: output)
                summary.warnings += r.summary.warnings
                summary.removedCharacters += r.summary.removedCharacters
                return r.parts
            }
            if format == .docx {
                try WordCombiner(template: self, backend: backend, reader: reader).write(count: roots.count, render: render, to: zip, output: output)
            } else {
                try ODFCombiner(template: self, backend: backend, reader: reader).write(count: roots.count, render: render, to: zip, output: output)
            }
            try zip.close()
        } catch {
            zip.discard()
            throw error
        }
        return summary
    }

    /// The filled bytes of every part that holds tags.
    func renderParts(_ data: TemplateValue, records: RecordWindow?, output: String, streamLarge: Bool = false) throws(TemplateError)
        -> (parts: [String: [UInt8]], streams: [String: PartRenderer], summary: FillSummary) {
        var streams: [String: PartRenderer] = [:]
        var out: [String: [UInt8]] = [:]
        var summary = FillSummary()
        var issues: [TemplateIssue] = []
        if let workbook {
            var renderOptions = options.render
            if let knownNames { renderOptions.knownNames = knownNames }
            let (parts, found) = workbook.render(data, options: renderOptions, file: path)
            out = parts
            issues += found
        }
        if let spreadsheet {
            var renderOptions = options.render
            if let knownNames { renderOptions.knownNames = knownNames }
            let (bytes, found) = spreadsheet.render(data, options: renderOptions, file: path)
            out["content.xml"] = bytes
            issues += found
        }
        for name in order {
            guard let part = parts[name], let info = backend.info(name) else { continue }
            var renderOptions = options.render
            if let knownNames { renderOptions.knownNames = knownNames }
            if streamLarge { renderOptions.precompressLevel = Template.streamLevel }
            let renderer = PartRenderer(part: part, options: renderOptions, file: path, breaksAllowed: info.breaksAllowed,
                                        bodyPart: info.bodyPart)
            renderer.records = records
            renderer.sects = backend.sectionBytes(part)
            renderer.prepare(data)
            if streamLarge && renderer.outputSize > Template.smallArchiveLimit {
                streams[name] = renderer
            } else {
                out[name] = renderer.output()
            }
            issues += renderer.issues
            summary.removedCharacters += renderer.removedCharacters
        }
        let errors = issues.filter { $0.severity == .error }
        if !errors.isEmpty { throw TemplateError(issues) }
        summary.warnings = issues
        if summary.removedCharacters > 0 {
            summary.warnings.append(.make(.removedXMLCharacters, .warning, at: TemplateLocation(file: output, part: ""),
                                          detail: String(summary.removedCharacters)))
        }
        return (out, streams, summary)
    }

    /// Writes `bytes` as a new file `path` (which must not exist); removed again on error.
    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ZipError(.ioFailed, path: path, detail: String(cString: strerror(errno))) }
        if let why = AtomicOutput.writeAll(fd, bytes) {
            close(fd)
            unlink(path)
            throw ZipError(.ioFailed, path: path, detail: why)
        }
        guard close(fd) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(path)
            throw ZipError(.ioFailed, path: path, detail: why)
        }
    }

    static func archiveIssue(_ error: ZipError, file: String) -> TemplateIssue {
        let loc = TemplateLocation(file: file, part: error.entry ?? "")
        switch error.code {
        case .unsafeEntryName, .duplicateEntryName, .tooManyEntries, .tooLarge, .suspiciousCompressionRatio, .sizeMismatch:
            return .make(.hostileArchive, at: loc, detail: error.description)
        case .entryNotFound:
            return .make(.missingPart, at: loc, detail: error.entry ?? "")
        default:
            return .make(.unreadableArchive, at: loc, detail: error.description)
        }
    }
}
