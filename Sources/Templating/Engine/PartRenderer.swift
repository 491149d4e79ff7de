import Glibc
import CKernels
import OfficeXML
import OfficeZip

/// What a placeholder whose name is in no scope shows.
public enum MissingValuePolicy: Sendable, Hashable {
    /// An error (`--strict`, the default).
    case error
    /// Empty, with a warning (`--lenient`).
    case empty
    /// This text, silently (docxtemplater shows "undefined").
    case literal(String)
}

/// What happens to characters XML 1.0 does not allow in a value.
public enum InvalidCharacterPolicy: Sendable, Hashable {
    /// Dropped and counted (a warning).
    case remove
    /// An error naming the value (docxtemplater without `stripInvalidXMLChars`).
    case error
}

/// Choices made when filling.
public struct RenderOptions: Sendable {
    public var linebreaks = true
    public var missing: MissingValuePolicy = .error
    public var invalidCharacters: InvalidCharacterPolicy = .remove
    public var locale: TemplateLocale = .vi
    /// Names present somewhere in the data: a placeholder naming one of them that is absent
    /// from the current record shows empty, silently (strict mode only refuses names that no
    /// record, column or top-level value has).
    public var knownNames: Set<String>?
    /// Loop iterations after the first may be joined into one piece (output identical; off
    /// only in tests that prove it).
    var flattenLoops = true
    /// The part will be deflated at this level as it is written (a large part, streamed): the
    /// long runs of a loop's directly written iterations are compressed while rendering goes on.
    var precompressLevel: Int?
    public init() {}
}

/// The records a document draws MERGEFIELDs from when it has NEXT fields (Word's "next
/// record"): field k after n NEXT fields shows record `base + n`.
struct RecordWindow {
    var records: [TemplateValue]
    var base: Int
}

/// One piece of output: bytes of the template or of the renderer's arena, with optional
/// markup before them (inserted by the clean-up passes).
struct Piece {
    // 16 bytes a piece (a 100,000-row table holds millions of them).
    private var start32: Int32
    private var count32: Int32
    private var prefixStart32: Int32 = 0
    private var prefixCount16: UInt16 = 0
    var arena: Bool

    init(arena: Bool, start: Int, count: Int) {
        self.arena = arena
        self.start32 = Int32(truncatingIfNeeded: start)
        self.count32 = Int32(truncatingIfNeeded: count)
    }

    var start: Int {
        get { Int(start32) }
        set { start32 = Int32(truncatingIfNeeded: newValue) }
    }
    var count: Int {
        get { Int(count32) }
        set { count32 = Int32(truncatingIfNeeded: newValue) }
    }
    var prefixStart: Int {
        get { Int(prefixStart32) }
        set { prefixStart32 = Int32(truncatingIfNeeded: newValue) }
    }
    var prefixCount: Int {
        get { Int(prefixCount16) }
        set { prefixCount16 = UInt16(clamping: newValue) }
    }
}

/// Collects rendered bytes (escaped values and inserted markup) for pieces to point into: one
/// growing buffer read through its base address (single-threaded; pieces keep offsets, so a
/// move when it grows is harmless).
final class ArenaSink: ByteSink {
    @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var count = 0
    private var capacity = 16 * 1024

    init() { base = .allocate(capacity: capacity) }
    deinit { base.deallocate() }

    func write(_ b: UnsafeRawBufferPointer) { append(b) }

    func append(_ b: UnsafeRawBufferPointer) {
        guard let from = b.baseAddress, b.count > 0 else { return }
        reserve(b.count)
        (base + count).update(from: from.assumingMemoryBound(to: UInt8.self), count: b.count)
        count += b.count
    }

    func append(_ bytes: [UInt8]) { bytes.withUnsafeBytes { append($0) } }

    func append(_ s: StaticString) {
        append(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    subscript(_ i: Int) -> UInt8 { base[i] }

    /// Appends bytes that `reserveAdditional` made room for.
    @inline(__always)
    func appendUnchecked(_ b: UnsafeRawBufferPointer) {
        guard let from = b.baseAddress else { return }
        (base + count).update(from: from.assumingMemoryBound(to: UInt8.self), count: b.count)
        count += b.count
    }

    /// Appends a copy of its own bytes `start ..< start + n`, into room `reserveAdditional` made.
    @inline(__always)
    func appendOwnUnchecked(start: Int, count n: Int) {
        (base + count).update(from: base + start, count: n)
        count += n
    }

    /// Room for `n` more bytes: exactly (a long loop's iterations: one allocation instead of
    /// doubling and copying, which holds the old buffer and the new one together), or
    /// growing the usual way.
    func reserveAdditional(_ n: Int, exact: Bool = true) {
        guard n > 0, count + n > capacity else { return }
        if !exact { reserve(n); return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: count + n)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = count + n
    }

    /// Forgets the bytes from `n` on (no piece may point there any more).
    func truncate(to n: Int) { count = min(count, n) }

    /// Bytes `start ..< start + n`.
    func slice(_ start: Int, _ n: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base + start, count: n) }

    private func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        var c = capacity * 2
        while c < count + n { c *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = c
    }
}

/// Fills one compiled part with values: walks the items, repeats loops, escapes values, then
/// applies docxtemplater's clean-up (empty `xml:space` text elements, cells without a
/// paragraph, rows without cells, tables without rows, a paragraph after a table).
final class PartRenderer {
    let part: CompiledPart
    let options: RenderOptions
    /// Line breaks turn into break elements (not in document properties).
    let breaksAllowed: Bool
    /// docx parts whose tables need a paragraph after them.
    let bodyPart: Bool
    let file: String
    var records: RecordWindow?
    var sects: [[UInt8]] = []

    @exclusivity(unchecked) private(set) var pieces: [Piece] = []
    let sink = ArenaSink()
    let escaper: XMLWriter
    var issues: [TemplateIssue] = []
    private var reportedMissing: Set<String> = []
    @exclusivity(unchecked) private var recordedRun: [UInt8] = []
    @exclusivity(unchecked) private var recordingRun = false
    @exclusivity(unchecked) private var directTexts: [String] = []
    /// Per value of `directTexts`: whether it is copied as it is (else escaped).
    @exclusivity(unchecked) private var directPlain: [Bool] = []
    /// Iterations written by `renderFlatDirect`, with the repetitions each shares with the one
    /// written just before it (markup, and values equal to the row above): the deflater takes
    /// them as back-references instead of searching for them (`RepeatDeflater`).
    struct DirectIteration {
        var start: Int32
        var count: Int32
        var hints: Range<Int32>
    }
    @exclusivity(unchecked) private var directIterations: [DirectIteration] = []
    @exclusivity(unchecked) private var directHints: [PackedHint] = []
    /// A `RepeatHint` in 12 bytes (a 100,000-row table keeps half a million).
    struct PackedHint {
        var offset: Int32
        var length: Int32
        var distance: Int32
        var hint: RepeatHint { RepeatHint(offset: Int(offset), length: Int(length), distance: Int(distance)) }
    }
    /// Repeats handed to the deflater (tests).
    var directHintCount: Int { directHints.count }

    /// The repeats of a direct iteration, offsets moved by `shift` (its place in a buffer).
    /// (Built in one buffer, reused from call to call once the caller has let go of it.)
    private func repeatHints(of iteration: DirectIteration, shiftedBy shift: Int = 0) -> [RepeatHint] {
        hintScratch.removeAll(keepingCapacity: true)
        for k in Int(iteration.hints.lowerBound)..<Int(iteration.hints.upperBound) {
            var hint = directHints[k].hint
            hint.offset += shift
            hintScratch.append(hint)
        }
        return hintScratch
    }
    @exclusivity(unchecked) private var hintScratch: [RepeatHint] = []
    /// A run of consecutive direct iterations compressed while rendering (`precompressLevel`):
    /// arena bytes `start ..< end`, in `count` pieces.
    struct Segment {
        let deflater: DeflateSegment
        let start: Int
        var end: Int
        var count: Int
    }
    @exclusivity(unchecked) private var openSegment: Segment?
    @exclusivity(unchecked) private(set) var segments: [Segment] = []
    /// Iterations left in the loop being flattened (for the size a segment is worth).
    private var flatItemsLeft = 0
    /// Offsets (from the iteration's start) of each static run, and of each value with its length.
    @exclusivity(unchecked) private var layout: [Int32] = []
    @exclusivity(unchecked) private var previousLayout: [Int32] = []

    init(part: CompiledPart, options: RenderOptions, file: String, breaksAllowed: Bool, bodyPart: Bool) {
        self.part = part
        self.options = options
        self.file = file
        self.breaksAllowed = breaksAllowed && options.linebreaks
        self.bodyPart = bodyPart
        self.escaper = XMLWriter(capacity: 4096, sink: sink, flushThreshold: 1 << 30)
        pieces.reserveCapacity(part.items.count + 64)
    }

    /// Characters removed from values.
    var removedCharacters: Int { escaper.removedCharacterCount }

    /// The filled part.
    func render(_ root: TemplateValue) -> [UInt8] {
        prepare(root)
        return output()
    }

    /// Fills the part into pieces, ready for `output()` or `write(to:)`.
    func prepare(_ root: TemplateValue) {
        pieces.removeAll(keepingCapacity: true)
        renderItems(part.items, Scope(root))
        if part.profile.family == .wordprocessing { collapseEmptyPreservedText() }
        joinUncorrupt(0..<pieces.count)
    }

    /// Bytes the filled part has.
    var outputSize: Int { pieces.reduce(0) { $0 + $1.count + $1.prefixCount } }

    /// The filled part written in chunks (a large table is never held twice in memory).
    func write(to stream: ZipEntryStream) {
        let size = 256 * 1024
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { chunk.deallocate() }
        var used = 0
        var hints: [RepeatHint] = []
        func flush() {
            guard used > 0 else { return }
            stream.write(UnsafeRawBufferPointer(start: chunk, count: used), hints: hints)
            used = 0
            hints.removeAll(keepingCapacity: true)
        }
        func put(_ b: UnsafeBufferPointer<UInt8>) {
            var from = b.baseAddress!
            var left = b.count
            while left > 0 {
                let n = min(left, size - used)
                (chunk + used).update(from: from, count: n)
                used += n
                from += n
                left -= n
                if used == size { flush() }
            }
        }
        // Direct iterations by their place in the arena; their repeats hold when the piece
        // written just before is the iteration they were measured against.
        var iterationAt: [Int32: Int] = [:]
        iterationAt.reserveCapacity(directIterations.count)
        for (k, d) in directIterations.enumerated() { iterationAt[d.start] = k }
        var previousIteration = -2
        // Segments compressed while rendering, by their first piece's place in the arena; one
        // is used when its pieces are still there, in order, untouched by the clean-up passes.
        var segmentAt: [Int: Int] = [:]
        for (k, seg) in segments.enumerated() { segmentAt[seg.start] = k }
        var skip = 0
        for (index, p) in pieces.enumerated() {
            if skip > 0 { skip -= 1; continue }
            if !segments.isEmpty, p.arena, p.prefixCount == 0, let k = segmentAt[p.start], index + segments[k].count <= pieces.count {
                let seg = segments[k]
                var at = seg.start, intact = true
                for q in pieces[index..<index + seg.count] {
                    guard q.arena, q.prefixCount == 0, q.start == at else { intact = false; break }
                    at += q.count
                }
                if intact && at == seg.end {
                    flush()
                    stream.appendCompressed(seg.deflater, bytes: UnsafeRawBufferPointer(start: sink.base + seg.start, count: seg.end - seg.start))
                    skip = seg.count - 1
                    previousIteration = -2
                    continue
                }
            }
            var iteration = -2
            if p.arena, p.prefixCount == 0, !directIterations.isEmpty, let k = iterationAt[Int32(truncatingIfNeeded: p.start)],
               Int(directIterations[k].count) == p.count {
                iteration = k
            }
            if iteration >= 0 && previousIteration == iteration - 1 && !directIterations[iteration].hints.isEmpty {
                if used + p.count > size { flush() }
                if p.count > size {
                    stream.write(UnsafeRawBufferPointer(bytes(p)), hints: repeatHints(of: directIterations[iteration]))
                } else {
                    hints += repeatHints(of: directIterations[iteration], shiftedBy: used)
                    put(bytes(p))
                }
            } else {
                if p.prefixCount > 0 { put(sink.slice(p.prefixStart, p.prefixCount)) }
                if p.count > 0 { put(bytes(p)) }
            }
            previousIteration = iteration
        }
        flush()
    }

    // MARK: - Walking

    private func renderItems(_ items: [Item], _ scope: Scope) {
        // Items are read in place (no copy of each, with its references, per iteration).
        items.withUnsafeBufferPointer { buffer in
            let runID = part.ids.run, runPropertiesID = part.ids.runProperties
            for i in buffer.indices {
                let kind = buffer[i].kind
                if breaksAllowed && kind != .placeholder { recordRun(buffer, i, runID, runPropertiesID) }
                switch kind {
                case .tag, .content:
                    if let r = buffer[i].replacement {
                        appendMarkup(r)
                    } else {
                        pieces.append(Piece(arena: false, start: buffer[i].start, count: buffer[i].end - buffer[i].start))
                    }
                case .delimiter:
                    break
                case .placeholder:
                    guard let p = buffer[i].placeholder else { continue }
                    switch p.module {
                    case .value: renderValue(p, scope)
                    case .loop: renderLoop(p, scope)
                    case .field: renderField(p, scope)
                    }
                }
            }
        }
    }

    /// Keeps the properties of the run being written (`recordedRun`), for the runs a value's
    /// line breaks open.
    private func recordRun(_ items: UnsafeBufferPointer<Item>, _ i: Int, _ runID: Int32, _ runPropertiesID: Int32) {
        let kind = items[i].kind
        if kind == .tag && items[i].name == runID {
            recordedRun.removeAll(keepingCapacity: true)
        } else if kind == .tag && items[i].name == runPropertiesID {
            let position = items[i].position
            if position == .start {
                recordingRun = true
                appendRecorded(items, i)
            }
            if position == .end || position == .selfClosing {
                appendRecorded(items, i)
                recordingRun = false
            }
        } else if recordingRun {
            appendRecorded(items, i)
        }
    }

    private func appendRecorded(_ items: UnsafeBufferPointer<Item>, _ i: Int) {
        if let r = items[i].replacement { recordedRun += r } else { recordedRun += part.bytes[items[i].start..<items[i].end] }
    }

    // MARK: - Values

    private func location(_ offset: Int) -> TemplateLocation {
        var loc = TemplateLocation(file: file, part: part.name, offset: offset)
        if let place = part.text.place(at: offset) {
            loc.paragraph = place.paragraph
            loc.table = place.table
            loc.row = place.row
            loc.column = place.column
            loc.context = part.text.context(at: offset)
        }
        return loc
    }

    private func renderValue(_ p: Placeholder, _ scope: Scope) {
        let found = scope.lookup(p.tag.path, hint: &p.keyHint)
        var value: TemplateValue?
        do {
            value = try ValueFormatting.apply(p.tag.formatters, to: found, locale: options.locale)
        } catch {
            issues.append(.make(.formatterFailed, at: location(p.offset), tag: p.tag.source.trimmingSpaces, detail: error.detail))
            return
        }
        var text: String
        if let value {
            text = value.displayText(locale: options.locale)
        } else if let known = options.knownNames, p.tag.path.components.allSatisfy({ known.contains($0) }) || known.contains(p.tag.path.raw) {
            text = ""
        } else {
            switch options.missing {
            case .literal(let s):
                text = s
            case .empty:
                text = ""
                if reportedMissing.insert(p.tag.path.raw).inserted {
                    issues.append(.make(.missingValue, .warning, at: location(p.offset), tag: p.tag.path.raw))
                }
            case .error:
                if reportedMissing.insert(p.tag.path.raw).inserted {
                    issues.append(.make(.missingValue, at: location(p.offset), tag: p.tag.path.raw))
                }
                return
            }
        }
        if options.invalidCharacters == .error, text.unicodeScalars.contains(where: { !XMLText.isAllowed($0.value) }) {
            issues.append(.make(.invalidXMLCharacters, at: location(p.offset), tag: p.tag.path.raw, detail: TemplateIssue.shorten(text)))
            return
        }
        appendText(text)
    }

    /// A value inside the current text element: escaped, with newlines and tabs turned into
    /// the format's break and tab elements.
    private func appendText(_ value: String) {
        var text = value
        // One look at the bytes: carriage returns, line feeds, tabs.
        var hasCR = false, hasBreakOrTab = false
        text.withUTF8 { b in
            for c in b where c <= 13 {
                if c == 13 { hasCR = true } else if c == 10 || c == 9 { hasBreakOrTab = true }
            }
        }
        if hasCR {
            text = text.replacingAll("\r\n", "\n").replacingAll("\r", "\n")
            hasBreakOrTab = true
        }
        if part.profile.family == .opendocument {
            appendODFText(text)
            return
        }
        guard breaksAllowed, hasBreakOrTab else {
            appendEscaped(text)
            return
        }
        var line = ""
        for c in text {
            if c == "\n" {
                appendEscaped(line)
                line = ""
                appendMarkup(Array("</w:t></w:r><w:r><w:br/></w:r><w:r>".utf8) + recordedRun + Array("<w:t xml:space=\"preserve\">".utf8))
            } else if c == "\t" {
                appendEscaped(line)
                line = ""
                appendMarkup(Array("</w:t><w:tab/><w:t xml:space=\"preserve\">".utf8))
            } else {
                line.append(c)
            }
        }
        appendEscaped(line)
    }

    /// ODF text: runs of spaces as `text:s`, tabs as `text:tab`, newlines as `text:line-break`
    /// (ODF collapses white space in paragraphs).
    private func appendODFText(_ text: String) {
        var run = ""
        var previousSpace = true  // a leading space must be written as text:s
        var spaces = 0
        func flushSpaces() {
            guard spaces > 0 else { return }
            appendMarkup(Array((spaces == 1 ? "<text:s/>" : "<text:s text:c=\"\(spaces)\"/>").utf8))
            spaces = 0
        }
        for c in text {
            if c == " " {
                if previousSpace { spaces += 1; continue }
                run.append(c)
                previousSpace = true
                continue
            }
            if c == "\n" || c == "\t" {
                appendEscaped(run); run = ""
                flushSpaces()
                appendMarkup(Array((c == "\n" && breaksAllowed ? "<text:line-break/>" : (c == "\n" ? " " : "<text:tab/>")).utf8))
                previousSpace = c == "\n"
                continue
            }
            if spaces > 0 { appendEscaped(run); run = ""; flushSpaces() }
            run.append(c)
            previousSpace = false
        }
        appendEscaped(run)
        flushSpaces()
        // A trailing space would be collapsed by readers: written as text:s.
        if let last = pieces.last, last.arena, last.count > 0, sink[last.start + last.count - 1] == 0x20, text.hasSuffix(" ") {
            pieces[pieces.count - 1].count -= 1
            appendMarkup(Array("<text:s/>".utf8))
        }
    }

    private func appendEscaped(_ text: String) {
        guard !text.isEmpty else { return }
        let start = sink.count
        escaper.text(text)
        escaper.flush()
        pieces.append(Piece(arena: true, start: start, count: sink.count - start))
    }

    private func appendMarkup(_ bytes: [UInt8]) {
        let start = sink.count
        sink.append(bytes)
        pieces.append(Piece(arena: true, start: start, count: bytes.count))
    }

    private func appendMarkup(_ s: StaticString) {
        let start = sink.count
        sink.append(s)
        pieces.append(Piece(arena: true, start: start, count: s.utf8CodeUnitCount))
    }

    /// Bytes in the arena for a prefix.
    private func arenaRange(_ s: String) -> (Int, Int) {
        let start = sink.count
        sink.append(Array(s.utf8))
        return (start, sink.count - start)
    }

    // MARK: - Fields

    private func renderField(_ p: Placeholder, _ scope: Scope) {
        guard let field = p.field else { return }
        switch field.kind {
        case .next:
            return
        case .merge, .conditional:
            let text = fieldText(field.kind, field.recordOffset, scope)
            if !field.runOpen.isEmpty { appendMarkup(field.runOpen) }
            if part.profile.family == .opendocument {
                appendText(text)
            } else {
                var t = text
                if t.utf8.contains(13) { t = t.replacingAll("\r\n", "\n").replacingAll("\r", "\n") }
                var line = ""
                for c in t {
                    if c == "\n" || c == "\t" {
                        appendEscaped(line)
                        line = ""
                        appendMarkup(Array((c == "\n" ? "</w:t><w:br/><w:t xml:space=\"preserve\">" : "</w:t><w:tab/><w:t xml:space=\"preserve\">").utf8))
                    } else {
                        line.append(c)
                    }
                }
                appendEscaped(line)
            }
            if !field.runClose.isEmpty { appendMarkup(field.runClose) }
        }
    }

    /// The value of a merge field: from the record window when the document has NEXT fields,
    /// otherwise from the scope. Absent or null merges as empty (Word).
    func fieldValue(_ name: TagPath, _ recordOffset: Int, _ scope: Scope) -> TemplateValue? {
        if let records {
            let index = records.base + recordOffset
            guard index < records.records.count else { return nil }
            return Scope(records.records[index]).lookup(name)
        }
        return scope.lookup(name)
    }

    func fieldText(_ kind: FieldInfo.Kind, _ recordOffset: Int, _ scope: Scope) -> String {
        switch kind {
        case .next:
            return ""
        case .merge(let name, let switches):
            let value = fieldValue(name, recordOffset, scope)
            return FieldFormatting.format(value, switches: switches.map { ($0.flag, $0.argument) }, locale: options.locale)
        case .conditional(let pieces, _):
            var instruction = ""
            for piece in pieces {
                switch piece {
                case .text(let s): instruction += s
                case .field(let k): instruction += fieldText(k, recordOffset, scope)
                }
            }
            return IfField.evaluate(FieldInstruction(instruction))
        }
    }

    // MARK: - Loops

    /// Loops being rendered (1 inside a top-level loop).
    private var loopDepth = 0

    private func renderLoop(_ p: Placeholder, _ scope: Scope) {
        guard let sub = p.subparsed else { return }
        loopDepth += 1
        defer { loopDepth -= 1 }
        var value = scope.lookup(p.tag.path)
        if value == nil {
            if !p.synthetic, reportedMissing.insert("#" + p.tag.path.raw).inserted {
                issues.append(.make(.missingSection, .warning, at: location(p.offset), tag: p.tag.path.raw))
            }
            value = .text("")
        }
        let loopStart = pieces.count
        let insideParagraphLoop = isInsideParagraphLoop(p)
        var shown = false

        func iterate(_ item: TemplateValue, _ index: Int, _ count: Int) {
            let start = pieces.count
            let inner = scope.pushing(item, index: index)
            renderItems(sub, inner)
            if p.hasPageBreak && index == count - 1 && insideParagraphLoop { addPageBreakAtEnd(start) }
            let isNotFirst = inner.itemPath.contains { $0 != 0 }
            if isNotFirst {
                if p.sectPrCount == 1 { dropHeaderFooterReferences(start) }
                if p.addContinuousType { addContinuousType(start) }
            } else if let index = p.addNextPage, index < sects.count {
                let start0 = start
                insertMarkup(at: start0, "<w:p><w:pPr>" + String(decoding: sects[index], as: UTF8.self) + "</w:pPr></w:p>")
            }
            if p.addNextPage != nil { addPageBreakAtEnd(start) }
            if p.hasPageBreakBeginning && insideParagraphLoop {
                insertMarkup(at: start, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>")
            }
        }

        let v = value!
        if !v.isTruthy {
            if p.inverted {
                iterate(scope.frames.last ?? .null, 0, 1)
                shown = true
            }
        } else if case .list(let items) = v {
            if !p.inverted {
                // Iterations after the first may be flattened into one piece each (see
                // `canFlatten`): a 10,000-row table is then 10,000 pieces, not a million.
                var flatten = false
                var body: FlatBody?
                let candidate = options.flattenLoops && loopDepth == 1 && items.count > 2 && isFlattenCandidate(p, sub)
                for (i, item) in items.enumerated() {
                    let iterationStart = pieces.count
                    let arenaMark = sink.count
                    if let body {
                        flatItemsLeft = items.count - i
                        if renderFlatDirect(body, item: item, index: i, outer: scope) { continue }
                        let inner = scope.pushing(item, index: i)
                        closeSegment()
                        renderFlat(body, inner)
                    } else {
                        iterate(item, i, items.count)
                    }
                    if i == 0 {
                        if candidate { flatten = canFlatten(loopStart: loopStart, iteration: iterationStart..<pieces.count) }
                        if flatten { body = compileFlatBody(sub) }
                        if body != nil {
                            // The later iterations, about the size of the first, go to the arena.
                            var first = 0
                            for k in iterationStart..<pieces.count { first += pieces[k].count + pieces[k].prefixCount }
                            let estimate = first * (items.count - 1)
                            if estimate < Int(Int32.max) / 2 { sink.reserveAdditional(estimate + estimate / 8) }
                        }
                    } else if flatten {
                        flattenIteration(from: iterationStart, arenaMark: arenaMark)
                    }
                }
                closeSegment()
                shown = true
            }
        } else if case .object = v {
            if !p.inverted { iterate(v, 0, 1); shown = true }
        } else if !p.inverted {
            iterate(scope.frames.last ?? .null, 0, 1)
            shown = true
        }
        if !shown {
            if !p.lastParagraphSectPr.isEmpty {
                let sect = String(decoding: p.lastParagraphSectPr, as: UTF8.self)
                appendMarkup(Array((p.paragraphLoop ? "<w:p><w:pPr>\(sect)</w:pPr></w:p>"
                                    : "</w:t></w:r></w:p><w:p><w:pPr>\(sect)</w:pPr><w:r><w:t>").utf8))
            } else if p.hasPageBreak && insideParagraphLoop {
                appendMarkup("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>")
            }
            return
        }
        joinUncorrupt(loopStart..<pieces.count)
    }

    private func isInsideParagraphLoop(_ p: Placeholder) -> Bool {
        guard let first = p.subparsed?.first(where: { $0.kind != .content }) else { return false }
        return !(first.kind == .tag && first.name == part.ids.textElement)
    }

    private func insertMarkup(at index: Int, _ s: String) {
        let (start, count) = arenaRange(s)
        pieces.insert(Piece(arena: true, start: start, count: count), at: index)
    }

    private func addPageBreakAtEnd(_ start: Int) {
        if let lastIndex = pieces.indices.last, lastIndex >= start, isExactly(pieces[lastIndex], "</w:p>") {
            insertMarkup(at: lastIndex, "<w:r><w:br w:type=\"page\"/></w:r>")
        } else {
            appendMarkup("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>")
        }
    }

    private func dropHeaderFooterReferences(_ start: Int) {
        for i in start..<pieces.count where startsWith(pieces[i], "<w:headerReference") || startsWith(pieces[i], "<w:footerReference") {
            pieces[i].count = 0
            pieces[i].prefixCount = 0
        }
    }

    private func addContinuousType(_ start: Int) {
        var stop = false
        var inSectPr = false
        var i = start
        while i < pieces.count {
            if !stop && startsWith(pieces[i], "<w:sectPr") { inSectPr = true }
            if inSectPr {
                if startsWith(pieces[i], "<w:type") { stop = true }
                if !stop && startsWith(pieces[i], "</w:sectPr") {
                    insertMarkup(at: i, "<w:type w:val=\"continuous\"/>")
                    i += 1
                }
            }
            i += 1
        }
    }

    // MARK: - Flattened iterations

    /// A loop whose body holds only markup and values: every iteration has the same elements,
    /// values changing only text (escaped, or line break and tab markup inside a run).
    private func isFlattenCandidate(_ p: Placeholder, _ sub: [Item]) -> Bool {
        guard !p.hasPageBreak, !p.hasPageBreakBeginning, p.addNextPage == nil, p.sectPrCount == 0, !p.addContinuousType else {
            return false
        }
        return sub.allSatisfy { $0.kind != .placeholder || $0.placeholder?.module == .value }
    }

    /// Whether the iterations after the first may each become one opaque piece without changing
    /// what the clean-up passes do. The passes decide from elements, never from values, so an
    /// iteration acts as the first one did when it starts in the same state: true when the
    /// rules of joinUncorrupt are all idle after the first iteration (for the pass over the
    /// loop and the pass over the whole part), the first iteration on its own changes nothing
    /// and leaves them idle, it needs no paragraph after a table and does not end one, and
    /// empty `w:t` collapsing cannot reach across its seams.
    private func canFlatten(loopStart: Int, iteration r: Range<Int>) -> Bool {
        guard !r.isEmpty, r.upperBound == pieces.count else { return false }
        if !part.profile.mustContain.isEmpty {
            let whole = uncorruptSimulation(0..<r.upperBound)
            let loop = uncorruptSimulation(loopStart..<r.upperBound)
            let alone = uncorruptSimulation(r)
            guard !whole.collecting, !loop.collecting, !alone.collecting, !alone.changed else { return false }
        }
        if part.profile.family == .wordprocessing {
            if bodyPart {
                // The paragraph-after-table check: the iteration must end on something that is
                // not a table end, and insert nothing.
                var lastEndsTable = false
                var relevant = false
                for i in r {
                    let p = pieces[i]
                    if isWhiteSpace(p) || startsWith(p, "<w:bookmarkEnd") { continue }
                    if lastEndsTable && p.prefixCount == 0 { return false }
                    relevant = true
                    lastEndsTable = endsWith(p, "</w:tbl>")
                }
                guard relevant, !lastEndsTable else { return false }
            }
            let preserve: StaticString = "<w:t xml:space=\"preserve\">"
            guard let first = r.first(where: { pieces[$0].count > 0 || pieces[$0].prefixCount > 0 }),
                  let last = r.last(where: { pieces[$0].count > 0 || pieces[$0].prefixCount > 0 }) else { return false }
            // Both seams must be template markup: a value may begin with `</w:t>` (a line break)
            // or end with `<w:t xml:space="preserve">` in a later iteration.
            if pieces[first].arena || pieces[last].arena { return false }
            if pieces[first].prefixCount > 0 || startsWith(pieces[first], "</w:t>") || endsWith(pieces[last], preserve) { return false }
        }
        return true
    }

    /// joinUncorrupt's rules run over `range` on a copy of the pieces: whether one of them is
    /// still waiting for a child at the end, and whether anything would have changed.
    private func uncorruptSimulation(_ range: Range<Int>) -> (collecting: Bool, changed: Bool) {
        var copy = Array(pieces[range])
        return applyMustContain(&copy, copy.indices, apply: false)
    }

    /// The body of a flattened loop as its later iterations write it: static markup already
    /// joined (and placed in the arena, below every iteration), and the values with the run
    /// properties recorded where each stands.
    struct FlatBody {
        enum Segment {
            case bytes(start: Int, count: Int)
            case value(Placeholder, run: [UInt8], recording: Bool)
        }
        var segments: [Segment]
        var endRun: [UInt8]
        var endRecording: Bool
        /// The same for renderFlatDirect: the values, and the static bytes (in the arena)
        /// before each of them and after the last (`count` 0 where there are none).
        var values: [Placeholder] = []
        var statics: [(start: Int, count: Int)] = []
    }

    /// `sub` compiled for `renderFlat`, or nil when joining its markup could change the output:
    /// two items of a static run that the empty-`w:t` collapse would join, or run properties
    /// recorded at a value that differ from one iteration to the next.
    private func compileFlatBody(_ sub: [Item]) -> FlatBody? {
        let saved = (recordedRun, recordingRun)
        defer { (recordedRun, recordingRun) = saved }
        let preserve = Array("<w:t xml:space=\"preserve\">".utf8)
        let closeText = Array("</w:t>".utf8)
        func itemBytes(_ item: Item) -> [UInt8] { item.replacement ?? Array(part.bytes[item.start..<item.end]) }
        // Two passes from the state the first iteration left: the second must see what the first saw.
        var passes: [(runs: [[UInt8]], values: [(Placeholder, [UInt8], Bool)], end: [UInt8], endRecording: Bool)] = []
        for _ in 0..<2 {
            var runs: [[UInt8]] = [[]]
            var values: [(Placeholder, [UInt8], Bool)] = []
            var previous: [UInt8] = []
            let ok: Bool = sub.withUnsafeBufferPointer { buffer in
                for i in buffer.indices {
                    let item = buffer[i]
                    // As renderItems: every item but placeholders passes through recordRun.
                    if breaksAllowed && item.kind != .placeholder { recordRun(buffer, i, part.ids.run, part.ids.runProperties) }
                    switch item.kind {
                    case .delimiter:
                        continue
                    case .placeholder:
                        guard let p = item.placeholder, p.module == .value else { return false }
                        values.append((p, recordedRun, recordingRun))
                        runs.append([])
                        previous = []
                    case .tag, .content:
                        let bytes = itemBytes(item)
                        if bytes.isEmpty { continue }
                        if part.profile.family == .wordprocessing, previous.count >= preserve.count,
                           Array(previous.suffix(preserve.count)) == preserve, bytes.starts(with: closeText) {
                            return false
                        }
                        runs[runs.count - 1] += bytes
                        previous = bytes
                    }
                }
                return true
            }
            guard ok else { return nil }
            passes.append((runs, values, recordedRun, recordingRun))
        }
        let (first, second) = (passes[0], passes[1])
        // Same properties at every value, and the same state at the end of both passes: every
        // later iteration then starts, and so runs, as the second did.
        guard first.values.count == second.values.count,
              zip(first.values, second.values).allSatisfy({ $0.1 == $1.1 && $0.2 == $1.2 }),
              first.end == second.end, first.endRecording == second.endRecording else { return nil }
        let end = (second.end, second.endRecording)
        var segments: [FlatBody.Segment] = []
        var statics: [(start: Int, count: Int)] = []
        for (k, run) in first.runs.enumerated() {
            let start = sink.count
            if !run.isEmpty {
                sink.append(run)
                segments.append(.bytes(start: start, count: run.count))
            }
            statics.append((start, run.count))
            if k < first.values.count {
                let v = first.values[k]
                segments.append(.value(v.0, run: v.1, recording: v.2))
            }
        }
        for (p, _, _) in first.values where p.tag.path.components.count == 1 && !p.tag.path.isCurrent {
            p.directKey = p.tag.path.components[0]
        }
        return FlatBody(segments: segments, endRun: end.0, endRecording: end.1,
                        values: first.values.map(\.0), statics: statics)
    }

    /// One later iteration of a flattened loop written straight into the arena as one piece,
    /// when every value is plain text that renderFlat followed by flattenIteration would give
    /// the same bytes for: found, formatted without error, not empty (the empty-`w:t` collapse
    /// never applies) and free of carriage returns, line feeds and tabs (no markup). False,
    /// with nothing written, otherwise.
    private func renderFlatDirect(_ body: FlatBody, item: TemplateValue, index: Int, outer: Scope) -> Bool {
        guard part.profile.family == .wordprocessing, options.invalidCharacters == .remove else { return false }
        // Every value first, so a fallback never escapes (and counts removed characters) twice.
        directTexts.removeAll(keepingCapacity: true)
        directPlain.removeAll(keepingCapacity: true)
        var longest = 0
        // A value is first looked for in the item itself (what `Scope.lookup` does first);
        // the item's scope is only made when one is not there.
        let object: TemplateObject?
        if case .object(let o) = item { object = o } else { object = nil }
        var inner: Scope?
        for p in body.values {
            var text: String  // (withUTF8 may make it native)
            if p.tag.formatters.isEmpty, let key = p.directKey, let own = object?.ownText(forKey: key, hint: p.keyHint) {
                // The common case, read in place.
                text = own
            } else {
                var found: TemplateValue?
                if let key = p.directKey, let object, let v = object.value(forKey: key, hint: &p.keyHint), !v.isNull {
                    found = v
                } else {
                    if inner == nil { inner = outer.pushing(item, index: index) }
                    found = inner!.lookup(p.tag.path, hint: &p.keyHint)
                }
                guard let found else { return false }
                if p.tag.formatters.isEmpty {
                    text = found.displayText(locale: options.locale)
                } else {
                    // (try? flattens: nil when the formatter fails or gives nothing.)
                    guard let value = try? ValueFormatting.apply(p.tag.formatters, to: found, locale: options.locale) else { return false }
                    text = value.displayText(locale: options.locale)
                }
            }
            // Copied as it is (nothing to escape or remove), escaped, or not for this way
            // (empty, or a tab or line break that becomes markup).
            let plain: Bool? = text.withUTF8 { b in
                guard let base = b.baseAddress, !b.isEmpty else { return nil }
                switch tdkt_text_class(base, b.count) {
                case 0: return true
                case 1: return false
                default: return nil
                }
            }
            guard let plain else { return false }
            directTexts.append(text)
            directPlain.append(plain)
            longest += 6 * text.utf8.count  // "&quot;" is the longest escape of one byte
        }
        // Pieces address the arena with 32 bits: past that, the piece-by-piece way (which
        // leaves such an iteration unjoined).
        for s in body.statics { longest += s.count }
        guard sink.count + longest < Int(Int32.max) else { return false }
        let mark = sink.count
        // Room for the whole iteration at once; then static runs and plain values are copied
        // without a check each, and the layout is written in place.
        sink.reserveAdditional(max(longest, 0), exact: false)
        let layoutCount = 3 * body.statics.count - 2
        if layout.count != layoutCount { layout = [Int32](repeating: 0, count: layoutCount) }
        layout.withUnsafeMutableBufferPointer { layout in
            body.statics.withUnsafeBufferPointer { statics in
                var at = 0
                for k in statics.indices {
                    layout[at] = Int32(truncatingIfNeeded: sink.count - mark)
                    sink.appendOwnUnchecked(start: statics[k].start, count: statics[k].count)
                    guard k < directTexts.count else { break }
                    let valueStart = sink.count
                    // Most values need no escaping: copied as they are.
                    if directPlain[k] {
                        let copied: Void? = directTexts[k].utf8.withContiguousStorageIfAvailable { b in
                            sink.appendUnchecked(UnsafeRawBufferPointer(b))
                        }
                        if copied == nil { sink.append(Array(directTexts[k].utf8)) }
                    } else {
                        escaper.text(directTexts[k])
                        escaper.flush()
                    }
                    layout[at + 1] = Int32(truncatingIfNeeded: valueStart - mark)
                    layout[at + 2] = Int32(truncatingIfNeeded: sink.count - valueStart)
                    at += 3
                }
            }
        }
        let joined = pieces.last.map { $0.arena && $0.prefixCount == 0 && $0.start + $0.count == mark } ?? false
        recordRepeats(body, mark: mark)
        pieces.append(Piece(arena: true, start: mark, count: sink.count - mark))
        if let level = options.precompressLevel { precompress(mark: mark, joined: joined, level: level) }
        if breaksAllowed { recordedRun = body.endRun; recordingRun = body.endRecording }
        return true
    }

    /// Hands the direct iteration just written at `mark` to the open segment when it follows
    /// that segment's last piece; otherwise closes it and, when the iterations left make at
    /// least 1 MiB, opens one here.
    private func precompress(mark: Int, joined: Bool, level: Int) {
        let count = sink.count - mark
        let bytes = UnsafeRawBufferPointer(start: sink.base + mark, count: count)
        if var open = openSegment, joined, open.end == mark {
            let iteration = directIterations[directIterations.count - 1]
            open.deflater.write(bytes, hints: repeatHints(of: iteration))
            open.end = sink.count
            open.count += 1
            openSegment = open
            return
        }
        closeSegment()
        guard flatItemsLeft * count >= 1 << 20 else { return }
        let segment = Segment(deflater: DeflateSegment(level: level), start: mark, end: sink.count, count: 1)
        // Its first iteration's repeats point before the segment: written plain.
        segment.deflater.write(bytes, hints: [])
        openSegment = segment
    }

    private func closeSegment() {
        if let open = openSegment { segments.append(open) }
        openSegment = nil
    }

    /// Notes the iteration just written at `mark` (its `layout`) and, when the piece before it
    /// is the previous direct iteration, what it repeats of that one: every static run, and
    /// each value equal to the one above it. Adjacent repeats at the same distance merge.
    private func recordRepeats(_ body: FlatBody, mark: Int) {
        let count = sink.count - mark
        let hintStart = directHints.count
        if let previous = directIterations.last, let last = pieces.last, last.arena, last.prefixCount == 0,
           last.start == Int(previous.start), last.count == Int(previous.count), previousLayout.count == layout.count {
            let previousStart = Int(previous.start), previousCount = Int(previous.count)
            func add(_ offset: Int, _ length: Int, _ previousOffset: Int) {
                guard length > 0 else { return }
                let distance = previousCount + offset - previousOffset
                guard distance <= 32_768 else { return }
                if let h = directHints.last, directHints.count > hintStart, Int(h.offset + h.length) == offset, Int(h.distance) == distance {
                    directHints[directHints.count - 1].length += Int32(length)
                } else {
                    directHints.append(PackedHint(offset: Int32(offset), length: Int32(length), distance: Int32(distance)))
                }
            }
            var k = 0, s = 0
            while k < layout.count {
                add(Int(layout[k]), body.statics[s].count, Int(previousLayout[k]))
                s += 1
                if k + 2 < layout.count {
                    let offset = Int(layout[k + 1]), length = Int(layout[k + 2])
                    let previousOffset = Int(previousLayout[k + 1])
                    if length == Int(previousLayout[k + 2]),
                       memcmp(sink.base + mark + offset, sink.base + previousStart + previousOffset, length) == 0 {
                        add(offset, length, previousOffset)
                    }
                }
                k += 3
            }
        }
        directIterations.append(DirectIteration(start: Int32(truncatingIfNeeded: mark), count: Int32(truncatingIfNeeded: count),
                                                hints: Int32(hintStart)..<Int32(directHints.count)))
        swap(&layout, &previousLayout)
    }

    /// One later iteration of a flattened loop: its static markup as joined pieces, its values
    /// rendered as usual.
    private func renderFlat(_ body: FlatBody, _ scope: Scope) {
        for segment in body.segments {
            switch segment {
            case .bytes(let start, let count):
                pieces.append(Piece(arena: true, start: start, count: count))
            case .value(let p, let run, let recording):
                if breaksAllowed { recordedRun = run; recordingRun = recording }
                renderValue(p, scope)
            }
        }
        if breaksAllowed { recordedRun = body.endRun; recordingRun = body.endRecording }
    }

    /// Iteration pieces `start...` (after the first iteration of a flattened loop) become one
    /// piece: empty `w:t` collapsed, bytes copied together, the arena cut back to where the
    /// iteration began and the bytes appended there.
    private func flattenIteration(from start: Int, arenaMark: Int) {
        let range = start..<pieces.count
        guard !range.isEmpty else { return }
        if part.profile.family == .wordprocessing { collapseEmptyPreservedText(range) }
        var total = 0
        for i in range { total += pieces[i].count + pieces[i].prefixCount }
        // Pieces address the arena with 32 bits: past that the iteration stays as it is.
        guard arenaMark + total < Int(Int32.max) else { return }
        let joined = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, total))
        defer { joined.deallocate() }
        var at = 0
        for i in range {
            let p = pieces[i]
            if p.prefixCount > 0 {
                (joined + at).update(from: sink.base + p.prefixStart, count: p.prefixCount)
                at += p.prefixCount
            }
            if p.count > 0 {
                (joined + at).update(from: bytes(p).baseAddress!, count: p.count)
                at += p.count
            }
        }
        pieces.removeSubrange(range)
        sink.truncate(to: arenaMark)
        let s = sink.count
        sink.append(UnsafeRawBufferPointer(start: joined, count: total))
        pieces.append(Piece(arena: true, start: s, count: total))
    }

    // MARK: - Piece inspection

    /// The bytes a piece shows (without its prefix). Valid until the arena grows.
    @inline(__always)
    private func bytes(_ p: Piece) -> UnsafeBufferPointer<UInt8> {
        p.arena ? sink.slice(p.start, p.count) : UnsafeBufferPointer(start: part.raw.baseAddress! + p.start, count: p.count)
    }

    @inline(__always)
    private func withBytes<R>(_ p: Piece, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(bytes(p)) }

    private func startsWith(_ p: Piece, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard p.count >= n else { return false }
        return withBytes(p) { b in
            for k in 0..<n where b[k] != prefix.utf8Start[k] { return false }
            return true
        }
    }

    private func endsWith(_ p: Piece, _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard p.count >= n else { return false }
        return withBytes(p) { b in
            let o = b.count - n
            for k in 0..<n where b[o + k] != suffix.utf8Start[k] { return false }
            return true
        }
    }

    private func isExactly(_ p: Piece, _ s: StaticString) -> Bool {
        p.count == s.utf8CodeUnitCount && p.prefixCount == 0 && startsWith(p, s)
    }

    private func isWhiteSpace(_ p: Piece) -> Bool {
        guard p.count > 0, p.prefixCount == 0 else { return false }
        return withBytes(p) { b in b.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 } }
    }

    /// docxtemplater's isStarting: `<name` followed by `>`, space or `/`.
    private func isStarting(_ p: Piece, _ name: [UInt8]) -> Bool {
        guard p.count >= name.count + 2 else { return false }
        return withBytes(p) { b in
            guard b[0] == UInt8(ascii: "<") else { return false }
            for k in 0..<name.count where b[1 + k] != name[k] { return false }
            let next = b[1 + name.count]
            return next == UInt8(ascii: ">") || next == UInt8(ascii: " ") || next == UInt8(ascii: "/")
        }
    }

    private func isEnding(_ p: Piece, _ name: [UInt8]) -> Bool {
        guard p.count == name.count + 3 else { return false }
        return withBytes(p) { b in
            guard b[0] == UInt8(ascii: "<"), b[1] == UInt8(ascii: "/"), b[b.count - 1] == UInt8(ascii: ">") else { return false }
            for k in 0..<name.count where b[2 + k] != name[k] { return false }
            return true
        }
    }

    private func hasSingleTag(_ p: Piece) -> Bool {
        withBytes(p) { b in
            var k = 1
            while k < b.count { if b[k] == UInt8(ascii: "<") { return false }; k += 1 }
            return true
        }
    }

    private func isSelfClosing(_ p: Piece) -> Bool {
        p.count >= 2 && withBytes(p) { $0[$0.count - 2] == UInt8(ascii: "/") }
    }

    // MARK: - Clean-up

    /// `<w:t xml:space="preserve">` directly followed by `</w:t>` becomes `<w:t/>`.
    private func collapseEmptyPreservedText(_ range: Range<Int>? = nil) {
        var last = -1
        let preserve: StaticString = "<w:t xml:space=\"preserve\">"
        for i in range ?? pieces.indices {
            if pieces[i].count == 0 && pieces[i].prefixCount == 0 { continue }
            if last >= 0, pieces[i].prefixCount == 0, endsWith(pieces[last], preserve), startsWith(pieces[i], "</w:t>") {
                if isExactly(pieces[last], preserve) {
                    let (s, c) = arenaRange("<w:t/>")
                    pieces[last] = Piece(arena: true, start: s, count: c)
                } else {
                    pieces[last].count -= preserve.utf8CodeUnitCount
                    let (s, c) = arenaRange("<w:t/>")
                    pieces[i].prefixStart = s
                    pieces[i].prefixCount = c
                }
                pieces[i].start += 6
                pieces[i].count -= 6
            }
            last = i
        }
    }

    /// docxtemplater's joinUncorrupt over `range`.
    private func joinUncorrupt(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if bodyPart && part.profile.family == .wordprocessing { addEmptyParagraphAfterTable(range) }
        applyMustContain(&pieces, range, apply: true)
    }

    /// docxtemplater's rules that an element must hold one of some children (a table cell a
    /// paragraph, a row a cell…) over `range` of `list`: an element closed without one is
    /// dropped or given the rule's insertion. With `apply` false (a dry run on a copy) nothing is
    /// inserted. Returns whether a rule is still waiting for a child at the end, and whether
    /// anything changed.
    @discardableResult
    private func applyMustContain(_ list: inout [Piece], _ range: Range<Int>, apply: Bool) -> (collecting: Bool, changed: Bool) {
        var changed = false
        var anyCollecting = false
        for rule in part.profile.mustContain {
            let tag = Array(rule.element.utf8)
            let children = rule.children.map { Array($0.utf8) }
            var collecting = false
            var startIndex = -1
            for i in range {
                let piece = list[i]
                if collecting {
                    if isEnding(piece, tag) {
                        collecting = false
                        changed = true
                        if rule.drop {
                            for k in startIndex...i { list[k].count = 0; list[k].prefixCount = 0 }
                        } else if apply, let insert = rule.insert {
                            if list[i].prefixCount > 0 {
                                // Keep the existing prefix before the insertion.
                                let existing = Array(sink.slice(list[i].prefixStart, list[i].prefixCount))
                                (list[i].prefixStart, list[i].prefixCount) = arenaRange(String(decoding: existing, as: UTF8.self) + insert)
                            } else {
                                (list[i].prefixStart, list[i].prefixCount) = arenaRange(insert)
                            }
                        }
                    }
                    for child in children where isStarting(piece, child) {
                        collecting = false
                        break
                    }
                }
                if !collecting && isStarting(piece, tag) && hasSingleTag(piece) {
                    if isSelfClosing(piece) {
                        list[i].count = 0
                        changed = true
                    } else {
                        startIndex = i
                        collecting = true
                    }
                }
            }
            anyCollecting = anyCollecting || collecting
        }
        return (anyCollecting, changed)
    }

    private func addEmptyParagraphAfterTable(_ range: Range<Int>) {
        var lastEndsTable = false
        for i in range {
            let p = pieces[i]
            if !lastEndsTable {
                // Only a piece ending a table matters here (white space and bookmark ends skipped).
                if endsWith(p, "</w:tbl>") && !isWhiteSpace(p) && !startsWith(p, "<w:bookmarkEnd") { lastEndsTable = true }
                continue
            }
            if isWhiteSpace(p) || startsWith(p, "<w:bookmarkEnd") { continue }
            if lastEndsTable && p.prefixCount == 0 {
                if !startsWith(p, "<w:p") && !startsWith(p, "<w:tbl") && !startsWith(p, "<w:sectPr")
                    && !startsWith(p, "</w:ftr>") && !startsWith(p, "</w:hdr>") {
                    let (s, c) = arenaRange("<w:p/>")
                    pieces[i].prefixStart = s
                    pieces[i].prefixCount = c
                }
            }
            lastEndsTable = endsWith(p, "</w:tbl>")
        }
    }

    // MARK: - Output

    func output() -> [UInt8] {
        var total = 0
        for p in pieces { total += p.count + p.prefixCount }
        return [UInt8](unsafeUninitializedCapacity: total) { out, made in
            var at = 0
            for p in pieces {
                if p.prefixCount > 0 {
                    (out.baseAddress! + at).update(from: sink.base + p.prefixStart, count: p.prefixCount)
                    at += p.prefixCount
                }
                if p.count > 0 {
                    (out.baseAddress! + at).update(from: bytes(p).baseAddress!, count: p.count)
                    at += p.count
                }
            }
            made = at
        }
    }
}

/// Word's IF field: `IF expr1 op expr2 "true text" "false text"`.
enum IfField {
    static func evaluate(_ instruction: FieldInstruction) -> String {
        var words = instruction.words
        guard !words.isEmpty, words[0].uppercased() == "IF" else { return "" }
        words.removeFirst()
        // Drop switches (\* MERGEFORMAT).
        if let s = words.firstIndex(where: { $0.hasPrefix("\\") }) { words = Array(words[..<s]) }
        let operators = ["=", "<>", "<", "<=", ">", ">="]
        if words.count >= 3, operators.contains(words[1]) {
            let result = compare(words[0], words[1], words[2])
            let trueText = words.count > 3 ? words[3] : ""
            let falseText = words.count > 4 ? words[4] : ""
            return result ? trueText : falseText
        }
        guard let first = words.first else { return "" }
        let truthy = !(first.isEmpty || first == "0")
        return truthy ? (words.count > 1 ? words[1] : "") : (words.count > 2 ? words[2] : "")
    }

    static func number(_ s: String) -> Double? {
        let t = s.trimmingSpaces
        if let d = Double(t) { return d }
        return Double(t.replacingAll(".", "").replacingAll(",", "."))
    }

    static func compare(_ a: String, _ op: String, _ b: String) -> Bool {
        if let x = number(a), let y = number(b) {
            switch op {
            case "=": return x == y
            case "<>": return x != y
            case "<": return x < y
            case "<=": return x <= y
            case ">": return x > y
            default: return x >= y
            }
        }
        switch op {
        case "=": return wildcard(a, b)
        case "<>": return !wildcard(a, b)
        case "<": return a < b
        case "<=": return a <= b
        case ">": return a > b
        default: return a >= b
        }
    }

    /// `?` one character, `*` any run (Word's comparison wildcards).
    static func wildcard(_ text: String, _ pattern: String) -> Bool {
        guard pattern.contains("*") || pattern.contains("?") else { return text == pattern }
        let t = Array(text), p = Array(pattern)
        var memo = [Int: Bool]()
        func match(_ i: Int, _ j: Int) -> Bool {
            let key = i * (p.count + 1) + j
            if let m = memo[key] { return m }
            let r: Bool
            if j == p.count { r = i == t.count } else if p[j] == "*" { r = match(i, j + 1) || (i < t.count && match(i + 1, j)) } else {
                r = i < t.count && (p[j] == "?" || p[j] == t[i]) && match(i + 1, j + 1)
            }
            memo[key] = r
            return r
        }
        return match(0, 0)
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
