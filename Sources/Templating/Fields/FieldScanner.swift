/// A field of the template replaced as a whole by its result: tokens `firstToken...lastToken`.
struct FieldRegion {
    var firstToken: Int
    var lastToken: Int
    var info: FieldInfo
    /// The merge field's name (or the field type), for messages.
    var displayName: String
    /// The instruction as written.
    var instruction: String
}

/// Byte-level helpers over a token list.
struct TokenView {
    let tokens: [XMLToken]
    let bytes: [UInt8]

    func nameIs(_ i: Int, _ name: StaticString) -> Bool {
        let t = tokens[i]
        guard t.isTag else { return false }
        let count = name.utf8CodeUnitCount
        guard t.nameEnd - t.nameStart == count else { return false }
        let p = name.utf8Start
        for k in 0..<count where bytes[t.nameStart + k] != p[k] { return false }
        return true
    }

    func isStart(_ i: Int, _ name: StaticString) -> Bool { tokens[i].kind == .startTag && nameIs(i, name) }
    func isEmpty(_ i: Int, _ name: StaticString) -> Bool { tokens[i].kind == .emptyTag && nameIs(i, name) }
    func isOpen(_ i: Int, _ name: StaticString) -> Bool { (tokens[i].kind == .startTag || tokens[i].kind == .emptyTag) && nameIs(i, name) }
    func isEnd(_ i: Int, _ name: StaticString) -> Bool { tokens[i].kind == .endTag && nameIs(i, name) }

    func attribute(_ i: Int, _ name: String) -> String? { XMLAttributes(bytes, tokens[i]).value(name) }

    /// Index of the end tag matching the start tag at `i` (or `i` for an empty tag).
    func matchingEnd(_ i: Int) -> Int? {
        if tokens[i].kind == .emptyTag { return i }
        var depth = 0
        var k = i
        while k < tokens.count {
            switch tokens[k].kind {
            case .startTag: depth += 1
            case .endTag:
                depth -= 1
                if depth == 0 { return k }
            default: break
            }
            k += 1
        }
        return nil
    }

    func slice(_ from: Int, _ through: Int) -> [UInt8] {
        Array(bytes[tokens[from].start..<tokens[through].end])
    }

    func text(_ i: Int) -> String { XMLText.decode(bytes, tokens[i].start..<tokens[i].end) }
}

/// Finds Word fields: `w:fldSimple` and complex fields (`w:fldChar` begin / separate / end with
/// the instruction in `w:instrText`, possibly split over runs and holding nested fields).
/// MERGEFIELD, IF and NEXT fields become regions the engine fills; other fields (PAGE, DATE,
/// TOC…) stay as they are.
enum WordFieldScanner {
    static let runClose: [UInt8] = Array("</w:t></w:r>".utf8)
    static let textOpen: [UInt8] = Array("<w:t xml:space=\"preserve\">".utf8)

    static func scan(tokens: [XMLToken], bytes: [UInt8]) -> [FieldRegion] {
        let v = TokenView(tokens: tokens, bytes: bytes)
        var regions: [FieldRegion] = []
        var nextCount = 0

        // Complex-field state.
        final class Open {
            var beginRun: Int
            var paragraph: Int
            var pieces: [InstructionPiece] = []
            var instruction = ""
            var inResult = false
            var resultRun: Int?
            var beginRunHasText = false
            init(beginRun: Int, paragraph: Int) {
                self.beginRun = beginRun
                self.paragraph = paragraph
            }
        }
        var open: [Open] = []
        var runStart: Int?
        var runHasText = false
        var paragraph = 0
        var i = 0
        while i < tokens.count {
            // fldSimple (outside complex fields).
            if open.isEmpty && v.isOpen(i, "w:fldSimple") {
                if let end = v.matchingEnd(i), let instr = v.attribute(i, "w:instr") {
                    let instruction = FieldInstruction(instr)
                    if let kind = fieldKind(instruction, nested: []) {
                        let runOpen = firstRunOpen(v, from: i + 1, to: end) ?? (Array("<w:r>".utf8) + textOpen)
                        let offset = nextCount
                        if case .next = kind { nextCount += 1 }
                        regions.append(FieldRegion(firstToken: i, lastToken: end,
                                                   info: FieldInfo(kind: kind, runOpen: runOpen, runClose: runClose, recordOffset: offset),
                                                   displayName: displayName(kind), instruction: instr))
                        i = end + 1
                        continue
                    }
                }
            }
            if v.isStart(i, "w:p") || v.isEmpty(i, "w:p") { paragraph += 1 }
            if v.isStart(i, "w:r") { runStart = i; runHasText = false }
            if v.isEnd(i, "w:r") { runStart = nil }
            if v.isOpen(i, "w:t") { runHasText = true }
            if v.isOpen(i, "w:fldChar"), let run = runStart {
                let type = v.attribute(i, "w:fldCharType") ?? ""
                switch type {
                case "begin":
                    let f = Open(beginRun: run, paragraph: paragraph)
                    f.beginRunHasText = runHasText
                    open.append(f)
                case "separate":
                    open.last?.inResult = true
                case "end":
                    guard let f = open.popLast(), let runEnd = endOfRun(v, from: i) else { break }
                    var pieces = f.pieces
                    if !pieces.isEmpty { pieces.append(.text(f.instruction)) }
                    let fullText = pieces.isEmpty ? f.instruction : pieces.map { piece -> String in
                        if case .text(let s) = piece { return s }
                        return " \u{1} "
                    }.joined()
                    // The end run must hold nothing after the fldChar but the run's end.
                    var clean = !f.beginRunHasText && f.paragraph == paragraph
                    for k in (i + 1)..<runEnd where v.isOpen(k, "w:t") { clean = false }
                    let instruction = FieldInstruction(fullText)
                    guard clean, let kind = fieldKind(instruction, nested: pieces.isEmpty ? [.text(f.instruction)] : pieces) else {
                        i = runEnd
                        runStart = nil
                        continue
                    }
                    if let outer = open.last {
                        // Nested: its result becomes part of the outer instruction.
                        if !outer.inResult { outer.pieces.append(.text(outer.instruction)); outer.instruction = ""; outer.pieces.append(.field(kind)) }
                        i = runEnd
                        runStart = nil
                        continue
                    }
                    var runOpen: [UInt8]
                    if let r = f.resultRun, let o = runOpenBytes(v, r) { runOpen = o } else { runOpen = runOpenBytes(v, f.beginRun) ?? (Array("<w:r>".utf8) + textOpen) }
                    if runOpen.isEmpty { runOpen = Array("<w:r>".utf8) + textOpen }
                    let offset = nextCount
                    if case .next = kind { nextCount += 1 }
                    regions.append(FieldRegion(firstToken: f.beginRun, lastToken: runEnd,
                                               info: FieldInfo(kind: kind, runOpen: runOpen, runClose: runClose, recordOffset: offset),
                                               displayName: displayName(kind), instruction: fullText))
                    i = runEnd
                    runStart = nil
                default:
                    break
                }
            } else if v.isStart(i, "w:instrText"), let f = open.last, !f.inResult {
                if i + 1 < tokens.count, tokens[i + 1].kind == .text { f.instruction += v.text(i + 1) }
            } else if v.isOpen(i, "w:t"), let f = open.last, f.inResult, f.resultRun == nil, let run = runStart {
                f.resultRun = run
            }
            i += 1
        }
        // Pieces of a field end with the text after its last nested field.
        return regions
    }

    /// The end of the run holding token `i`.
    static func endOfRun(_ v: TokenView, from i: Int) -> Int? {
        var k = i
        while k < v.tokens.count {
            if v.isEnd(k, "w:r") { return k }
            k += 1
        }
        return nil
    }

    /// `<w:r …><w:rPr>…</w:rPr><w:t xml:space="preserve">` of the run starting at `run`.
    static func runOpenBytes(_ v: TokenView, _ run: Int) -> [UInt8]? {
        guard v.isStart(run, "w:r") else { return nil }
        var out = Array(v.bytes[v.tokens[run].start..<v.tokens[run].end])
        var k = run + 1
        while k < v.tokens.count && v.tokens[k].kind == .text { k += 1 }
        if k < v.tokens.count, v.isOpen(k, "w:rPr"), let end = v.matchingEnd(k) {
            out += v.slice(k, end)
        }
        return out + textOpen
    }

    static func firstRunOpen(_ v: TokenView, from: Int, to: Int) -> [UInt8]? {
        var k = from
        while k < to {
            if v.isStart(k, "w:r") { return runOpenBytes(v, k) }
            k += 1
        }
        return nil
    }

    static func displayName(_ kind: FieldInfo.Kind) -> String {
        switch kind {
        case .merge(let name, _): return name.raw
        case .conditional: return "IF"
        case .next: return "NEXT"
        }
    }

    /// The kind of a field the engine fills, or nil to leave it.
    static func fieldKind(_ instruction: FieldInstruction, nested: [InstructionPiece]) -> FieldInfo.Kind? {
        switch instruction.type {
        case "MERGEFIELD":
            guard nested.allSatisfy({ if case .text = $0 { return true } else { return false } }),
                  instruction.words.count >= 2 else { return nil }
            let name = instruction.words[1]
            guard !name.hasPrefix("\\"), !name.isEmpty else { return nil }
            let switches = instruction.switches(from: 2).map { FieldSwitch(flag: $0.flag, argument: $0.argument) }
            return .merge(name: TagPath(name), switches: switches)
        case "NEXT":
            return .next
        case "IF":
            return .conditional(pieces: nested, switches: [])
        default:
            return nil
        }
    }
}

/// Finds ODF database fields (`text:database-display`, `text:database-next`): what LibreOffice
/// writes for mail-merge fields.
enum ODFFieldScanner {
    static func scan(tokens: [XMLToken], bytes: [UInt8]) -> [FieldRegion] {
        let v = TokenView(tokens: tokens, bytes: bytes)
        var regions: [FieldRegion] = []
        var nextCount = 0
        var i = 0
        while i < tokens.count {
            if v.isOpen(i, "text:database-display"), let end = v.matchingEnd(i), let column = v.attribute(i, "text:column-name"), !column.isEmpty {
                let kind = FieldInfo.Kind.merge(name: TagPath(column), switches: [])
                regions.append(FieldRegion(firstToken: i, lastToken: end,
                                           info: FieldInfo(kind: kind, runOpen: [], runClose: [], recordOffset: nextCount),
                                           displayName: column, instruction: "database-display \(column)"))
                i = end + 1
                continue
            }
            if v.isOpen(i, "text:database-next"), let end = v.matchingEnd(i) {
                regions.append(FieldRegion(firstToken: i, lastToken: end,
                                           info: FieldInfo(kind: .next, runOpen: [], runClose: [], recordOffset: nextCount),
                                           displayName: "NEXT", instruction: "database-next"))
                nextCount += 1
                i = end + 1
                continue
            }
            i += 1
        }
        return regions
    }
}
