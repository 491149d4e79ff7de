/// How a part is compiled.
struct CompileOptions: Sendable {
    var delimiters = Delimiters.standard
    var syntax = SyntaxOptions()
    /// docxtemplater's `paragraphLoop`: loop tags alone in their paragraphs remove them.
    var paragraphLoop = true
    /// The main document part (section breaks inside loops are handled there).
    var isMainDocument = false
    /// Recognise Word fields (MERGEFIELD, IF, NEXT) and ODF database fields.
    var fields = true
    /// Keys of the items of `rows`: a table row whose fields all name such keys is repeated
    /// once per item.
    var rowKeys: Set<String> = []
    /// The number of NEXT fields met in earlier parts is not carried over: each part starts at 0.
    var partName = ""
    var file = ""
}

/// A part ready to be filled: its bytes, and the items that say what to copy and what to fill.
final class CompiledPart {
    let name: String
    let bytes: [UInt8]
    /// A copy of `bytes` at a fixed address, for the renderer's byte checks (no array
    /// access, retain or exclusivity check per look).
    let raw: UnsafeMutableBufferPointer<UInt8>
    let profile: FormatProfile
    let names: NameTable
    let ids: ProfileNames
    var items: [Item]
    let text: PartText
    /// Whether anything in the part is filled (otherwise the part is copied unchanged).
    let hasPlaceholders: Bool
    /// NEXT fields in the part.
    let nextFieldCount: Int
    /// Every tag and field of the part, in order (for `--check`).
    let uses: [TagUse]
    let isMainDocument: Bool
    /// The section properties of the main document, each as its bytes.
    var sectionBytes: [[UInt8]] = []

    init(name: String, bytes: [UInt8], profile: FormatProfile, names: NameTable, ids: ProfileNames, items: [Item],
         text: PartText, hasPlaceholders: Bool, nextFieldCount: Int, uses: [TagUse], isMainDocument: Bool) {
        self.name = name
        self.bytes = bytes
        raw = .allocate(capacity: max(1, bytes.count))
        _ = raw.initialize(from: bytes)
        self.profile = profile
        self.names = names
        self.ids = ids
        self.items = items
        self.text = text
        self.hasPlaceholders = hasPlaceholders
        self.nextFieldCount = nextFieldCount
        self.uses = uses
        self.isMainDocument = isMainDocument
    }

    deinit { raw.deallocate() }
}

/// A tag or field found in a template (for `tdkt fill --check`).
public struct TagUse: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case value, loop, condition, invertedCondition, mergeField, next
    }

    public var kind: Kind
    /// The name looked up in the data (first component of a dotted path).
    public var name: String
    /// Every component of the name (`don_vi.ten` → ["don_vi", "ten"]).
    public var path: [String] = []
    /// The tag as written.
    public var source: String
    public var part: String
    /// Names of the enclosing loops, outermost first.
    public var scope: [String]
    /// Whether a default (`mac_dinh`) makes a missing value acceptable.
    public var hasDefault: Bool
}

/// Compiles one XML part: tokens → items → delimiters → placeholders → loops and their scope.
/// The stages and their rules are docxtemplater's (es6/lexer.js, parser.js, traits.js,
/// modules/loop.js, modules/space-preserve.js), so templates written for it behave the same.
struct PartCompiler {
    let bytes: [UInt8]
    let profile: FormatProfile
    let options: CompileOptions
    let names = NameTable()
    let ids: ProfileNames
    var issues: [TemplateIssue] = []
    var text = PartText()
    /// Section properties of the main document (loops around section breaks).
    var sects: [[Item]] = []

    init(bytes: [UInt8], profile: FormatProfile, options: CompileOptions) {
        self.bytes = bytes
        self.profile = profile
        self.options = options
        self.ids = ProfileNames(profile, names)
    }

    /// Compiles the part; errors are in the returned issues (the part is unusable when any is
    /// an error).
    static func compile(name: String, bytes: [UInt8], profile: FormatProfile, options: CompileOptions,
                        limits: XMLLimits = .default) -> (CompiledPart?, [TemplateIssue]) {
        var compiler = PartCompiler(bytes: bytes, profile: profile, options: options)
        let tokens: [XMLToken]
        do {
            tokens = try XMLTokenizer.tokenize(bytes, limits: limits)
        } catch {
            return (nil, [compiler.xmlIssue(error)])
        }
        var fieldRegions: [FieldRegion] = []
        if options.fields {
            if profile.family == .wordprocessing {
                fieldRegions = WordFieldScanner.scan(tokens: tokens, bytes: bytes)
            } else {
                fieldRegions = ODFFieldScanner.scan(tokens: tokens, bytes: bytes)
            }
        }
        var items = compiler.lexXML(tokens, fieldRegions)
        if !options.rowKeys.isEmpty { items = compiler.wrapFieldRows(items) }
        items = compiler.splitDelimiters(items)
        for i in items.indices {
            items[i].lIndex = i
            if let p = items[i].placeholder, p.module == .field {
                p.lIndex = i
                p.endLindex = i
            }
        }
        if options.isMainDocument && profile.family == .wordprocessing { compiler.sects = compiler.sectionProperties(items) }
        items = compiler.parsePlaceholders(items)
        if profile.family == .opendocument { items = compiler.liftLoopTags(items) }
        let hasPlaceholders = items.contains { $0.kind == .placeholder }
        let uses = compiler.collectUses(items)
        let nextCount = uses.filter { $0.kind == .next }.count
        items = compiler.postparse(items, base: nil)
        let part = CompiledPart(name: name, bytes: bytes, profile: profile, names: compiler.names, ids: compiler.ids,
                                items: items, text: compiler.text, hasPlaceholders: hasPlaceholders,
                                nextFieldCount: nextCount, uses: uses, isMainDocument: options.isMainDocument)
        part.sectionBytes = compiler.sects.map { group in group.flatMap { compiler.value($0) } }
        return (part, compiler.issues)
    }

    // MARK: - Locations

    func location(offset: Int?) -> TemplateLocation {
        var loc = TemplateLocation(file: options.file, part: options.partName, offset: offset)
        if let offset, let place = text.place(at: offset) {
            loc.paragraph = place.paragraph
            loc.table = place.table
            loc.row = place.row
            loc.column = place.column
            loc.context = text.context(at: offset)
        }
        return loc
    }

    mutating func report(_ code: TemplateIssue.Code, _ severity: TemplateIssue.Severity = .error, offset: Int?,
                         tag: String? = nil, detail: String? = nil, secondOffset: Int? = nil) {
        issues.append(.make(code, severity, at: location(offset: offset), tag: tag, detail: detail, secondOffset: secondOffset))
    }

    func xmlIssue(_ error: XMLSyntaxError) -> TemplateIssue {
        let loc = TemplateLocation(file: options.file, part: options.partName)
        switch error.reason {
        case .doctype:
            return .make(.doctypeRefused, at: loc)
        case .undeclaredEntity(let name):
            return .make(.entityRefused, at: loc, detail: "&\(name);")
        case .tooDeep(let n):
            return .make(.tooDeep, at: loc, detail: String(n))
        default:
            return .make(.malformedXML, at: loc, detail: "\(options.partName) (byte \(error.offset): \(error.reason))")
        }
    }

    // MARK: - XML → items

    /// Tags the engine looks at become tag items; everything else is merged into opaque
    /// content items. Character data of text elements is "inside" content (template text).
    mutating func lexXML(_ tokens: [XMLToken], _ fields: [FieldRegion]) -> [Item] {
        var items: [Item] = []
        items.reserveCapacity(tokens.count)
        var stack: [Int32] = []
        var pending: (start: Int, end: Int)?
        var paragraph = 0
        var tables: [(ordinal: Int, row: Int, column: Int)] = []
        var tableCount = 0
        var fieldIndex = 0

        func flush() {
            if let p = pending {
                items.append(.content(inside: false, start: p.start, end: p.end))
                pending = nil
            }
        }
        func extend(_ t: XMLToken) {
            if let p = pending, p.end == t.start { pending = (p.start, t.end) } else { flush(); pending = (t.start, t.end) }
        }

        var i = 0
        while i < tokens.count {
            if fieldIndex < fields.count && fields[fieldIndex].firstToken == i {
                let region = fields[fieldIndex]
                flush()
                let tag = ParsedTag(kind: .value, path: TagPath(region.displayName), formatters: [], source: region.instruction)
                let p = Placeholder(module: .field, tag: tag, offset: text.scalars.count, lIndex: 0)
                p.field = region.info
                items.append(.placeholder(p))
                // Element starts/ends inside a region are balanced (a field's runs); the stack is
                // unaffected.
                i = region.lastToken + 1
                fieldIndex += 1
                continue
            }
            let t = tokens[i]
            switch t.kind {
            case .startTag, .emptyTag, .endTag:
                let id = names.id(bytes[t.nameStart..<t.nameEnd])
                let position: TagPosition = t.kind == .startTag ? .start : (t.kind == .endTag ? .end : .selfClosing)
                if t.kind == .startTag { stack.append(id) } else if t.kind == .endTag { stack.removeLast() }
                // Locations.
                if position != .end {
                    if ids.paragraphs.contains(id) { paragraph += 1 }
                    if id == ids.table && position == .start { tableCount += 1; tables.append((tableCount, 0, 0)) }
                    if id == ids.tableRow, !tables.isEmpty { tables[tables.count - 1].row += 1; tables[tables.count - 1].column = 0 }
                    if id == ids.tableCell || id == ids.coveredCell, !tables.isEmpty { tables[tables.count - 1].column += 1 }
                } else if id == ids.table, !tables.isEmpty {
                    tables.removeLast()
                }
                let isText = ids.text.contains(id)
                if isText || ids.structural.contains(id) {
                    flush()
                    items.append(.tag(position, name: id, isText: isText, start: t.start, end: t.end))
                } else {
                    extend(t)
                }
            case .text:
                if let top = stack.last, ids.text.contains(top) {
                    flush()
                    items.append(.content(inside: true, start: t.start, end: t.end))
                    let table = tables.last
                    text.places.append(TextPlace(offset: text.scalars.count, paragraph: paragraph, table: table?.ordinal,
                                                 row: table?.row, column: table?.column))
                    // The scalars are appended when delimiters are split (one decode per piece).
                    let decoded = bytes.withUnsafeBufferPointer { XMLText.decodeWithOffsets(UnsafeBufferPointer(rebasing: $0[t.start..<t.end])) }
                    text.scalars.append(contentsOf: decoded.scalars)
                } else {
                    extend(t)
                }
            default:
                extend(t)
            }
            i += 1
        }
        flush()
        return items
    }

    // MARK: - Delimiters

    /// Splits the text content at the delimiters (docxtemplater's parseDelimiters), reporting
    /// misplaced delimiters.
    mutating func splitDelimiters(_ items: [Item]) -> [Item] {
        var raw: [(TemplateIssue.Code, Int, String?, String?)] = []
        let matches = DelimiterScanner.scan(text.scalars, options.delimiters, options.syntax, issues: &raw)
        let kept = DelimiterScanner.check(matches, text.scalars, options.syntax, issues: &raw)
        for (code, offset, tag, context) in raw {
            var loc = location(offset: offset)
            if let context { loc.context = context }
            let detail = code == .invalidDelimiters ? context : nil
            issues.append(.make(code, at: loc, tag: tag, detail: detail))
        }
        if kept.isEmpty { return items }
        var out: [Item] = []
        out.reserveCapacity(items.count + kept.count * 2)
        var textOffset = 0
        var delimiterIndex = 0
        var cutNext = 0
        for item in items {
            guard item.kind == .content && item.inside else { out.append(item); continue }
            let (scalars, offsets) = bytes.withUnsafeBufferPointer {
                XMLText.decodeWithOffsets(UnsafeBufferPointer(rebasing: $0[item.start..<item.end]))
            }
            let length = scalars.count
            let base = textOffset
            textOffset += length
            var cursor = 0
            if cutNext > 0 { cursor = cutNext; cutNext = 0 }
            func piece(_ from: Int, _ to: Int) {
                let a = min(max(from, 0), length), b = min(max(to, a), length)
                guard b > a else { return }
                out.append(.content(inside: true, start: item.start + offsets[a], end: item.start + offsets[b]))
            }
            while delimiterIndex < kept.count && kept[delimiterIndex].offset >= base && kept[delimiterIndex].offset < base + length {
                let d = kept[delimiterIndex]
                delimiterIndex += 1
                let valueLength = d.offset - base - cursor
                if d.changesDelimiters {
                    if d.isStart {
                        if valueLength > 0 { piece(cursor, cursor + valueLength) }
                    } else {
                        cursor = d.offset - base + d.length
                    }
                    continue
                }
                if valueLength > 0 {
                    piece(cursor, cursor + valueLength)
                    cursor += valueLength
                }
                var delimiter = Item(kind: .delimiter)
                delimiter.position = d.isStart ? .start : .end
                delimiter.offset = cursor + base
                out.append(delimiter)
                cursor = d.offset - base + d.length
            }
            cutNext = cursor - length
            if cursor < length { piece(cursor, length) }
        }
        return out
    }

    // MARK: - Placeholders

    /// Groups the text between delimiters into placeholders (docxtemplater's parser.parse):
    /// markup met inside a tag is kept after it, except paragraph and break marks, which are
    /// dropped (a tag split over two paragraphs joins them).
    mutating func parsePlaceholders(_ items: [Item]) -> [Item] {
        var out: [Item] = []
        out.reserveCapacity(items.count)
        var inPlaceholder = false
        var content: [UInt8] = []
        var tail: [Item] = []
        var startOffset = 0
        for item in items {
            if item.kind == .delimiter {
                if item.position == .end {
                    if inPlaceholder {
                        let raw = XMLText.decode(content, 0..<content.count)
                        out.append(makePlaceholder(raw, offset: startOffset, lIndex: item.lIndex))
                        out.append(contentsOf: tail)
                    }
                    tail = []
                    inPlaceholder = false
                } else {
                    inPlaceholder = true
                    tail = []
                    startOffset = item.offset
                }
                content = []
                continue
            }
            if !inPlaceholder { out.append(item); continue }
            if item.kind == .content && item.inside {
                content.append(contentsOf: bytes[item.start..<item.end])
                continue
            }
            if item.kind == .tag && ids.dropped.contains(item.name) { continue }
            tail.append(item)
        }
        return out
    }

    mutating func makePlaceholder(_ raw: String, offset: Int, lIndex: Int) -> Item {
        do {
            let tag = try TagParser.parse(raw)
            let module: PlaceholderModule
            switch tag.kind {
            case .value: module = .value
            case .open, .close: module = .loop
            }
            let p = Placeholder(module: module, tag: tag, offset: offset, lIndex: lIndex)
            // A Word template's {-w:p x}/{-w:tr x}/{-w:tbl x}, saved as ODT, names the ODF element.
            if profile.family == .opendocument, let e = p.expandTo, let odf = ["w:p": "text:p", "w:tr": "table:table-row", "w:tbl": "table:table"][e] {
                p.expandTo = odf
            }
            if case .open(_, let expandTo?) = tag.kind, !isKnownElement(p.expandTo ?? expandTo) {
                report(.invalidTag, offset: offset, tag: raw, detail: "không có phần tử «\(expandTo)»; dùng \(profile.family == .wordprocessing ? "w:p, w:tr hoặc w:tbl" : "text:p, table:table-row hoặc table:table")")
            }
            return .placeholder(p)
        } catch {
            report(error.code, offset: offset, tag: raw.trimmingSpaces, detail: error.detail)
            // Keep a harmless placeholder so the structure stays as written.
            let p = Placeholder(module: .value, tag: ParsedTag(kind: .value, path: TagPath(raw), formatters: [], source: raw),
                                offset: offset, lIndex: lIndex)
            return .placeholder(p)
        }
    }

    func isKnownElement(_ name: String) -> Bool {
        profile.structuralElements.contains(name) || profile.textElements.contains(name)
    }

    // MARK: - Sections (main document)

    func sectionProperties(_ items: [Item]) -> [[Item]] {
        var result: [[Item]] = []
        var current: [Item]?
        for item in items {
            if item.isTagStart(ids.sectPr) { current = []; }
            if current != nil { current!.append(item) }
            if item.isTagEnd(ids.sectPr), let c = current { result.append(c); current = nil }
        }
        return result
    }

    /// ODF: a loop tag inside spans (`text:span`, `text:a`) is moved out of them to the paragraph
    /// level, the spans closed before it and reopened after it. Spans only carry formatting, so
    /// the text reads the same; but a loop from one paragraph to another then repeats balanced
    /// markup whether or not its other tag sits in a span (LibreOffice writes spans only where the
    /// formatting differs from the paragraph's, so the two tags of a loop often differ).
    mutating func liftLoopTags(_ items: [Item]) -> [Item] {
        guard items.contains(where: { $0.isModule(.loop) }) else { return items }
        let inline: Set<Int32> = [names.id("text:span"), names.id("text:a")]
        var out: [Item] = []
        out.reserveCapacity(items.count + 16)
        var open: [Item] = []
        for item in items {
            if item.kind == .tag && inline.contains(item.name) {
                if item.position == .start { open.append(item) } else if item.position == .end, !open.isEmpty { open.removeLast() }
                out.append(item)
                continue
            }
            guard item.isModule(.loop), !open.isEmpty else {
                if item.kind == .tag && paragraphLike(item) { open.removeAll() }
                out.append(item)
                continue
            }
            for o in open.reversed() {
                var end = Item.tag(.end, name: o.name, isText: o.isText, start: o.start, end: o.start)
                end.replacement = Array("</".utf8) + names.names[Int(o.name)] + Array(">".utf8)
                end.lIndex = item.lIndex
                end.inside = o.inside
                out.append(end)
            }
            out.append(item)
            for o in open {
                var again = o
                again.lIndex = item.lIndex
                out.append(again)
            }
        }
        return out
    }

    func paragraphLike(_ item: Item) -> Bool {
        item.name == ids.paragraph || ids.paragraphs.contains(item.name) || item.name == ids.tableCell
    }

    // MARK: - Post-parse

    /// docxtemplater's module order: loop (sections, paragraph loops), space-preserve, pairs.
    mutating func postparse(_ parts: [Item], base: Placeholder?) -> [Item] {
        var parts = parts
        if let base { parts = loopPostparse(parts, base: base) }
        if profile.family == .wordprocessing { parts = spacePreserve(parts, base: base) }
        parts = expandPairs(parts)
        return parts
    }

    func value(_ item: Item) -> ArraySlice<UInt8> {
        if let r = item.replacement { return r[...] }
        return bytes[item.start..<item.end]
    }

    func contains(_ item: Item, _ needle: String) -> Bool {
        let v = value(item)
        let n = Array(needle.utf8)
        guard v.count >= n.count, !n.isEmpty else { return false }
        var i = v.startIndex
        while i + n.count <= v.endIndex {
            if v[i] == n[0] && v[i..<(i + n.count)].elementsEqual(n) { return true }
            i += 1
        }
        return false
    }

    func isWhiteSpace(_ item: Item) -> Bool {
        guard item.kind == .content else { return false }
        let v = value(item)
        return !v.isEmpty && v.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }

    func isParagraphStart(_ item: Item) -> Bool { item.kind == .tag && item.position == .start && ids.paragraphs.contains(item.name) }
    func isParagraphEnd(_ item: Item) -> Bool { item.kind == .tag && item.position == .end && ids.paragraphs.contains(item.name) }

    /// Adds `xml:space="preserve"` to text elements that hold a value (docx only).
    func spacePreserve(_ parts: [Item], base: Placeholder?) -> [Item] {
        var out: [Item] = []
        out.reserveCapacity(parts.count)
        var chunk: [Item] = []
        var inText = false
        var endLindex = 0
        var lastTextTag = 0
        func preserve(_ index: Int) {
            guard index < chunk.count else { return }
            if index + 1 < chunk.count, chunk[index + 1].kind == .tag, chunk[index + 1].position == .end,
               chunk[index + 1].isText { return }
            if contains(chunk[index], "xml:space=\"preserve\"") { return }
            var v = Array(value(chunk[index]))
            guard v.last == UInt8(ascii: ">") else { return }
            v.removeLast()
            v.append(contentsOf: Array(" xml:space=\"preserve\">".utf8))
            chunk[index].replacement = v
        }
        for part in parts {
            if part.kind == .tag && part.isText && part.position == .start && part.name == ids.textElement {
                inText = true
                lastTextTag = chunk.count
            }
            if !inText { out.append(part); continue }
            chunk.append(part)
            if let base, chunk.count > 1 {
                endLindex = base.endLindex
                preserve(0)
            }
            if part.kind == .placeholder && chunk.count > 1 {
                preserve(lastTextTag)
                endLindex = part.placeholder!.endLindex
            }
            if part.kind == .tag && part.isText && part.position == .end && part.lIndex > endLindex {
                if endLindex != 0 { preserve(lastTextTag) }
                out.append(contentsOf: chunk)
                chunk = []
                inText = false
                endLindex = 0
                lastTextTag = 0
            }
        }
        out.append(contentsOf: chunk)
        return out
    }

    /// Sections and paragraph loops of a loop's content (docxtemplater's loop module postparse).
    mutating func loopPostparse(_ parsed: [Item], base: Placeholder) -> [Item] {
        if profile.family == .wordprocessing && options.isMainDocument && !parsed.isEmpty {
            base.sectPrCount = sectPrHeaderFooterChangeCount(parsed)
            for (index, sect) in sects.enumerated() {
                guard let first = sect.first else { continue }
                if base.lIndex < first.lIndex {
                    if index + 1 < sects.count && isContinuous(sects[index + 1]) { base.addContinuousType = true }
                    break
                }
                if parsed[0].lIndex < first.lIndex && first.lIndex < base.lIndex {
                    if isNextPage(sects[index]) { base.addNextPage = index }
                    break
                }
            }
            base.lastParagraphSectPr = lastSectPr(parsed)
        }
        guard base.expandTo == "auto", base.module == .loop, let first = parsed.first, let last = parsed.last,
              isParagraphStart(first), isParagraphEnd(last) else { return parsed }
        base.paragraphLoop = true
        var level = 0
        var chunks: [[Item]] = [[]]
        for p in parsed {
            var result = 0
            if isParagraphStart(p) {
                level += 1
                if level == 1 { result = 1 }
            }
            if isParagraphEnd(p) {
                level -= 1
                if level == 0 { result = 2 }
            }
            if result == 1 {
                chunks.append([p])
            } else if result == 2 {
                chunks[chunks.count - 1].append(p)
                chunks.append([])
            } else {
                chunks[chunks.count - 1].append(p)
            }
        }
        chunks.removeAll { $0.isEmpty }
        guard let firstChunk = chunks.first, let lastChunk = chunks.last else { return parsed }
        var firstOffset = firstChunk.contains(where: \.isContent) ? 0 : firstChunk.count
        var lastOffset = lastChunk.contains(where: \.isContent) ? 0 : lastChunk.count
        if firstOffset > 0, chunks.count > 1, let c = chunks[1].first, c.kind == .content, isWhiteSpace(c) { firstOffset += 1 }
        if lastOffset > 0, chunks.count > 1, let c = chunks[chunks.count - 2].last, c.kind == .content, isWhiteSpace(c) { lastOffset += 1 }
        base.hasPageBreakBeginning = hasPageBreak(firstChunk)
        base.hasPageBreak = hasPageBreak(lastChunk)
        if firstChunk.contains(where: { $0.kind == .tag && $0.name == ids.drawing }) { firstOffset = 0 }
        if lastChunk.contains(where: { $0.kind == .tag && $0.name == ids.drawing }) { lastOffset = 0 }
        guard firstOffset + lastOffset <= parsed.count else { return [] }
        return Array(parsed[firstOffset..<(parsed.count - lastOffset)])
    }

    func hasPageBreak(_ chunk: [Item]) -> Bool {
        chunk.contains { $0.kind == .tag && $0.name == ids.br && contains($0, "w:type=\"page\"") }
    }

    func isContinuous(_ sect: [Item]) -> Bool {
        sect.contains { $0.isTagStart(ids.type) && contains($0, "continuous") }
    }

    func isNextPage(_ sect: [Item]) -> Bool {
        sect.contains { $0.isTagStart(ids.type) && contains($0, "w:val=\"nextPage\"") }
    }

    func sectPrHeaderFooterChangeCount(_ parts: [Item]) -> Int {
        var collecting = false
        var count = 0
        for p in parts {
            if p.isTagStart(ids.sectPr) { collecting = true }
            if collecting && p.kind == .tag && (p.name == ids.headerReference || p.name == ids.footerReference) {
                count += 1
                collecting = false
            }
            if p.isTagEnd(ids.sectPr) { collecting = false }
        }
        return count
    }

    func lastSectPr(_ parsed: [Item]) -> [UInt8] {
        var collected: [ArraySlice<UInt8>] = []
        var inSectPr = false
        for p in parsed.reversed() {
            if p.isTagEnd(ids.sectPr) { inSectPr = true }
            if p.isTagStart(ids.sectPr) {
                collected.append(value(p))
                inSectPr = false
            }
            if inSectPr { collected.append(value(p)) }
            if isParagraphStart(p) {
                if !collected.isEmpty { return collected.reversed().flatMap { $0 } }
                break
            }
        }
        return []
    }

    // MARK: - Loop pairs (expand-pair-trait)

    struct Trait {
        var placeholder: Placeholder
        var index: Int
    }

    mutating func expandPairs(_ parts: [Item]) -> [Item] {
        var traits: [Trait] = []
        for (i, p) in parts.enumerated() where p.kind == .placeholder {
            if let ph = p.placeholder, ph.module == .loop, ph.subparsed == nil { traits.append(Trait(placeholder: ph, index: i)) }
        }
        if traits.isEmpty { return parts }
        let (pairs, pairErrors) = getPairs(traits)
        var errorCount = pairErrors
        var lastRight = 0
        var lastPair: (Trait, Trait)?
        var expanded: [(Int, Int)] = []
        for pair in pairs {
            var expandTo = pair.0.placeholder.expandTo
            if expandTo == "auto" {
                let (value, failed) = expandToDefault(parts, pair)
                if failed { errorCount += 1 }
                expandTo = value
            }
            guard let element = expandTo else {
                let left = pair.0.index, right = pair.1.index
                if left < lastRight && !options.syntax.allowUnbalancedLoops {
                    report(.unbalancedLoops, offset: lastPair?.0.placeholder.offset, tag: pair.0.placeholder.tag.path.raw,
                           detail: "«\(lastPair?.0.placeholder.tag.path.raw ?? "")» và «\(pair.0.placeholder.tag.path.raw)»",
                           secondOffset: pair.1.placeholder.offset)
                    errorCount += 1
                }
                lastPair = pair
                lastRight = right
                expanded.append((left, right))
                continue
            }
            let nameID = names.id(element)
            let left = getLeft(parts, nameID, pair.0.index)
            let right = getRight(parts, nameID, pair.1.index)
            if left == nil {
                report(.noEnclosingElementLeft, offset: pair.0.placeholder.offset, tag: pair.0.placeholder.tag.path.raw, detail: element)
                errorCount += 1
            }
            if right == nil {
                report(.noEnclosingElementRight, offset: pair.1.placeholder.offset, tag: pair.1.placeholder.tag.path.raw, detail: element)
                errorCount += 1
            }
            var l = left ?? pair.0.index, r = right ?? pair.1.index
            // ODF: {-text:p x} on a paragraph alone in a list item repeats the item (and its bullet).
            if profile.family == .opendocument, pair.0.placeholder.expandTo != "auto", nameID == ids.paragraph, left != nil, right != nil {
                let listItem = names.id("text:list-item")
                while l > 0, r + 1 < parts.count, parts[l - 1].kind == .tag, parts[l - 1].name == listItem, parts[l - 1].position == .start,
                      parts[r + 1].isTagEnd(listItem) {
                    l -= 1
                    r += 1
                }
            }
            if left != nil && right != nil && !isBalanced(parts, l, r) {
                report(.loopPositionInvalid, offset: pair.0.placeholder.offset, tag: pair.0.placeholder.tag.path.raw,
                       secondOffset: pair.1.placeholder.offset)
                errorCount += 1
            }
            if l < lastRight && !options.syntax.allowUnbalancedLoops {
                report(.unbalancedLoops, offset: lastPair?.0.placeholder.offset, tag: pair.0.placeholder.tag.path.raw,
                       detail: "«\(lastPair?.0.placeholder.tag.path.raw ?? "")» và «\(pair.0.placeholder.tag.path.raw)»",
                       secondOffset: pair.1.placeholder.offset)
                errorCount += 1
            }
            pair.0.placeholder.expanded = true
            lastRight = r
            lastPair = pair
            expanded.append((l, r))
        }
        if errorCount > 0 { return parts }
        var result: [Item] = []
        result.reserveCapacity(parts.count)
        var current = 0
        var inner: [Item] = []
        for (i, part) in parts.enumerated() {
            let inPair = current < pairs.count && expanded[current].0 <= i && i <= expanded[current].1
            if !inPair { result.append(part); continue }
            let pair = pairs[current]
            if expanded[current].0 == i { inner = [] }
            if pair.0.index != i && pair.1.index != i { inner.append(part) }
            if expanded[current].1 == i {
                let base = pair.0.placeholder
                base.subparsed = postparse(inner, base: base)
                base.endLindex = pair.1.placeholder.lIndex
                base.expandTo = nil
                var item = parts[pair.0.index]
                item.placeholder = base
                result.append(item)
                current += 1
                while current < expanded.count && expanded[current].0 < i { current += 1 }
            }
        }
        return result
    }

    /// Pairs opening and closing loop tags (docxtemplater's transformer, which tolerates one
    /// misnamed tag by looking up to 50 tags around); returns the outermost pairs and the
    /// number of errors reported.
    mutating func getPairs(_ traits: [Trait]) -> ([(Trait, Trait)], Int) {
        func matches(_ start: Trait?, _ end: Trait?) -> Bool {
            guard let start, let end else { return false }
            return (start.placeholder.isLoopStart && end.placeholder.isLoopEnd && start.placeholder.tag.path.raw == end.placeholder.tag.path.raw)
                || end.placeholder.tag.path.raw.isEmpty
        }
        var work = traits
        var errors = 0
        while !work.isEmpty {
            var i = 0
            var handled = false
            while i < work.count {
                let part = work[i].placeholder
                if part.isLoopEnd {
                    handled = true
                    if i == 0 {
                        report(.unopenedLoop, offset: part.offset, tag: part.tag.path.raw)
                        errors += 1
                        work.remove(at: 0)
                        break
                    }
                    let endIndex = i, startIndex = i - 1
                    if matches(work[startIndex], work[endIndex]) {
                        work.remove(at: endIndex)
                        work.remove(at: startIndex)
                        break
                    }
                    var offseter = 1
                    var done = false
                    while offseter < 50 {
                        let startCandidate = startIndex - offseter >= 0 ? work[startIndex - offseter] : nil
                        let endCandidate = endIndex + offseter < work.count ? work[endIndex + offseter] : nil
                        if matches(startCandidate, work[endIndex]) {
                            work.remove(at: endIndex)
                            work.remove(at: startIndex - offseter)
                            done = true
                            break
                        }
                        if matches(work[startIndex], endCandidate) {
                            work.remove(at: endIndex + offseter)
                            work.remove(at: startIndex)
                            done = true
                            break
                        }
                        offseter += 1
                    }
                    if !done {
                        let a = work[startIndex].placeholder, b = work[endIndex].placeholder
                        report(.closingTagMismatch, offset: a.offset, tag: a.tag.path.raw,
                               detail: "mở «\(a.tag.path.raw)», đóng «\(b.tag.path.raw)»", secondOffset: b.offset)
                        errors += 1
                        work.remove(at: endIndex)
                        work.remove(at: startIndex)
                    }
                    break
                }
                i += 1
            }
            if !handled {
                for t in work {
                    report(t.placeholder.isLoopStart ? .unclosedLoop : .unopenedLoop, offset: t.placeholder.offset,
                           tag: t.placeholder.tag.path.raw)
                    errors += 1
                }
                work = []
            }
        }
        if errors > 0 { return ([], errors) }
        var pairs: [(Trait, Trait)] = []
        var level: [Int: Trait] = [:]
        var open = 0
        for t in traits {
            if t.placeholder.isLoopStart {
                open += 1
                level[open] = t
            } else {
                if let start = level[open], open == 1 { pairs.append((start, t)) }
                open -= 1
            }
            open = max(open, 0)
        }
        return (pairs, 0)
    }

    /// The element a loop repeats when its tags do not name one (docxtemplater's
    /// getExpandToDefault): a table row when the tags are in different cells, paragraphs when
    /// paragraph loops are on and each tag is alone in its paragraph, otherwise nothing (the
    /// content between the tags).
    mutating func expandToDefault(_ parts: [Item], _ pair: (Trait, Trait)) -> (String?, Bool) {
        let elements = unbalancedElements(parts, pair.0.index, pair.1.index)
        var rules = profile.widenRules.map { ($0.contains, $0.expand, false) }
        if options.paragraphLoop { rules.append((profile.paragraph, profile.paragraph, true)) }
        for (containsName, expand, onlyText) in rules {
            let containsID = names.id(containsName)
            guard elements.contains(where: { $0.name == containsID && $0.position == .start }) else { continue }
            if onlyText {
                guard let left = getLeft(parts, containsID, pair.0.index), let right = getRight(parts, containsID, pair.1.index) else { continue }
                var chunks: [[Item]] = [[]]
                for p in parts[left..<right] {
                    if p.isTagStart(containsID) {
                        chunks.append([p])
                    } else if p.isTagEnd(containsID) {
                        chunks[chunks.count - 1].append(p)
                        chunks.append([])
                    } else {
                        chunks[chunks.count - 1].append(p)
                    }
                }
                chunks.removeAll { $0.isEmpty }
                let firstContent = chunks.first?.filter(\.isContent).count ?? 0
                let lastContent = chunks.last?.filter(\.isContent).count ?? 0
                if firstContent != 1 || lastContent != 1 { continue }
            }
            let expandID = names.id(expand)
            var open = 0
            for e in elements where e.name == expandID { open += e.position == .start ? 1 : -1 }
            if open != 0 {
                report(.loopPositionInvalid, offset: pair.0.placeholder.offset, tag: pair.0.placeholder.tag.path.raw,
                       secondOffset: pair.1.placeholder.offset)
                return (nil, true)
            }
            return (expand, false)
        }
        if !checkStartEnd(elements) {
            report(.loopPositionInvalid, offset: pair.0.placeholder.offset, tag: pair.0.placeholder.tag.path.raw,
                   secondOffset: pair.1.placeholder.offset)
            return (nil, true)
        }
        return (nil, false)
    }

    /// The tags between two items that are not closed between them (docxtemplater's
    /// getListXmlElements).
    func unbalancedElements(_ parts: [Item], _ from: Int, _ to: Int) -> [(name: Int32, position: TagPosition)] {
        var result: [(name: Int32, position: TagPosition)] = []
        guard from < to else { return result }
        for p in parts[from..<to] where p.kind == .tag {
            switch p.position {
            case .end:
                if let last = result.last, last.position == .start, last.name == p.name { result.removeLast() } else { result.append((p.name, .end)) }
            case .start:
                result.append((p.name, .start))
            default:
                break
            }
        }
        return result
    }

    func checkStartEnd(_ elements: [(name: Int32, position: TagPosition)]) -> Bool {
        if elements.count % 2 == 1 { return false }
        for i in 0..<(elements.count / 2) where elements[i].name != elements[elements.count - 1 - i].name {
            return false
        }
        return true
    }

    /// Whether the items from `l` to `r` (inclusive) open and close the same tags: repeating
    /// them keeps the XML well formed.
    func isBalanced(_ parts: [Item], _ l: Int, _ r: Int) -> Bool {
        var stack: [Int32] = []
        for p in parts[l...r] where p.kind == .tag {
            if p.position == .start { stack.append(p.name) } else if p.position == .end {
                guard stack.last == p.name else { return false }
                stack.removeLast()
            }
        }
        return stack.isEmpty
    }

    func getLeft(_ parts: [Item], _ element: Int32, _ index: Int) -> Int? {
        var level = 1
        var i = index
        while i >= 0 {
            let p = parts[i]
            if p.isTagStart(element) { level -= 1 }
            if p.isTagEnd(element) { level += 1 }
            if level == 0 { return i }
            i -= 1
        }
        return nil
    }

    func getRight(_ parts: [Item], _ element: Int32, _ index: Int) -> Int? {
        var level = 1
        var i = index
        while i < parts.count {
            let p = parts[i]
            if p.isTagEnd(element) { level -= 1 }
            if p.isTagStart(element) { level += 1 }
            if level == 0 { return i }
            i += 1
        }
        return nil
    }

    // MARK: - Rows of MERGEFIELDs repeated over `rows`

    /// A table row whose merge fields all name keys of the `rows` items becomes a loop over
    /// `rows` (docx-mailmerge's row repetition).
    mutating func wrapFieldRows(_ items: [Item]) -> [Item] {
        let rowID = ids.tableRow
        var out: [Item] = []
        out.reserveCapacity(items.count + 8)
        var i = 0
        while i < items.count {
            let item = items[i]
            guard item.isTagStart(rowID), item.position == .start, let end = getRight(items, rowID, i + 1) else {
                out.append(item)
                i += 1
                continue
            }
            // Fields directly in this row (not in a nested table's rows).
            var fieldNames: [String] = []
            var nestedRow = false
            for k in (i + 1)..<end {
                if items[k].isTagStart(rowID) { nestedRow = true; break }
                if let p = items[k].placeholder, p.module == .field, case .merge(let name, _)? = p.field?.kind {
                    fieldNames.append(name.raw)
                }
            }
            guard !nestedRow, !fieldNames.isEmpty, fieldNames.contains(where: { options.rowKeys.contains($0) }) else {
                out.append(item)
                i += 1
                continue
            }
            let open = Placeholder(module: .loop, tag: ParsedTag(kind: .open(inverted: false, expandTo: profile.tableRow),
                                                                path: TagPath("rows"), formatters: [], source: "#rows"),
                                   offset: 0, lIndex: 0)
            open.synthetic = true
            let close = Placeholder(module: .loop, tag: ParsedTag(kind: .close, path: TagPath("rows"), formatters: [], source: "/rows"),
                                    offset: 0, lIndex: 0)
            close.synthetic = true
            out.append(item)
            out.append(.placeholder(open))
            out.append(contentsOf: items[(i + 1)..<end])
            out.append(.placeholder(close))
            out.append(items[end])
            i = end + 1
        }
        return out
    }

    // MARK: - Uses (for --check)

    func collectUses(_ items: [Item]) -> [TagUse] {
        var uses: [TagUse] = []
        var scope: [String] = []
        for item in items {
            guard item.kind == .placeholder, let p = item.placeholder else { continue }
            switch p.module {
            case .value:
                uses.append(TagUse(kind: .value, name: p.tag.path.head, path: p.tag.path.components, source: p.tag.source,
                                   part: options.partName, scope: scope, hasDefault: p.tag.formatters.contains { $0.kind == .fallback }))
            case .loop:
                if p.synthetic { continue }
                if p.isLoopStart {
                    uses.append(TagUse(kind: p.inverted ? .invertedCondition : .loop, name: p.tag.path.head, path: p.tag.path.components, source: p.tag.source,
                                       part: options.partName, scope: scope, hasDefault: false))
                    scope.append(p.tag.path.raw)
                } else if !scope.isEmpty {
                    scope.removeLast()
                }
            case .field:
                guard let f = p.field else { continue }
                switch f.kind {
                case .merge(let name, _):
                    uses.append(TagUse(kind: .mergeField, name: name.head, path: name.components, source: p.tag.source, part: options.partName, scope: scope, hasDefault: false))
                case .conditional(let pieces, _):
                    for case .field(.merge(let name, _)) in pieces {
                        uses.append(TagUse(kind: .mergeField, name: name.head, path: name.components, source: p.tag.source, part: options.partName, scope: scope, hasDefault: false))
                    }
                case .next:
                    uses.append(TagUse(kind: .next, name: "", path: [], source: "NEXT", part: options.partName, scope: scope, hasDefault: false))
                }
            }
        }
        return uses
    }
}
