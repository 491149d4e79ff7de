/// The text of one spreadsheet cell as a small template: literal text, values, sections inside
/// the cell, and the row loops it opens or closes (a loop whose tags are in different cells or
/// rows repeats rows, as a loop across table cells repeats the table row in a document).
struct CellTemplate {
    indirect enum Node {
        case text(String)
        case value(ParsedTag)
        case section(ParsedTag, [Node])
    }

    var nodes: [Node] = []
    /// Row loops opened here and not closed in the cell, and closings of row loops, in order.
    var markers: [(open: Bool, tag: ParsedTag)] = []

    /// The only thing in the cell is one value tag (the cell then takes the value's type).
    var singleValue: ParsedTag? {
        let content = nodes.filter { if case .text(let t) = $0 { return !t.isEmpty } else { return true } }
        guard content.count == 1, case .value(let tag) = content[0] else { return nil }
        return tag
    }

    var hasTags: Bool { !markers.isEmpty || nodes.contains { if case .text = $0 { return false } else { return true } } }

    /// Parses `text`; problems are returned with their offset in the cell's text.
    static func parse(_ text: String, delimiters: Delimiters, syntax: SyntaxOptions) -> (CellTemplate, [(TemplateIssue.Code, Int, String?, String?)]) {
        var issues: [(TemplateIssue.Code, Int, String?, String?)] = []
        let scalars = Array(text.unicodeScalars)
        let matches = DelimiterScanner.scan(scalars, delimiters, syntax, issues: &issues)
        let kept = DelimiterScanner.check(matches, scalars, syntax, issues: &issues)
        var tokens: [(isTag: Bool, text: String, offset: Int)] = []
        var cursor = 0
        var i = 0
        func slice(_ a: Int, _ b: Int) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[max(0, a)..<min(scalars.count, max(a, b))])
            return String(v)
        }
        while i < kept.count {
            let d = kept[i]
            if d.changesDelimiters {
                if d.isStart { tokens.append((false, slice(cursor, d.offset), cursor)) } else { cursor = d.offset + d.length }
                i += 1
                continue
            }
            guard d.isStart, i + 1 < kept.count, !kept[i + 1].isStart else { i += 1; continue }
            let end = kept[i + 1]
            tokens.append((false, slice(cursor, d.offset), cursor))
            tokens.append((true, slice(d.offset + d.length, end.offset), d.offset))
            cursor = end.offset + end.length
            i += 2
        }
        tokens.append((false, slice(cursor, scalars.count), cursor))

        var template = CellTemplate()
        var stack: [(ParsedTag, [Node])] = []
        var current: [Node] = []
        for t in tokens {
            if !t.isTag {
                if !t.text.isEmpty { current.append(.text(t.text)) }
                continue
            }
            let tag: ParsedTag
            do { tag = try TagParser.parse(t.text) } catch {
                issues.append((error.code, t.offset, t.text.trimmingSpaces, error.detail))
                continue
            }
            switch tag.kind {
            case .value:
                current.append(.value(tag))
            case .open(_, let expandTo):
                if expandTo != nil {
                    issues.append((.unsupportedTag, t.offset, tag.source, "{-… } trong bảng tính; dùng {#tên}…{/tên}"))
                    continue
                }
                stack.append((tag, current))
                current = []
            case .close:
                if let (open, outer) = stack.popLast() {
                    if !tag.path.raw.isEmpty && tag.path.raw != open.path.raw {
                        issues.append((.closingTagMismatch, t.offset, open.path.raw, "mở «\(open.path.raw)», đóng «\(tag.path.raw)»"))
                    }
                    var o = outer
                    o.append(.section(open, current))
                    current = o
                } else {
                    template.markers.append((false, tag))
                }
            }
        }
        // Loops left open continue outside the cell: they repeat rows.
        var opens: [ParsedTag] = []
        while let (open, outer) = stack.popLast() {
            opens.insert(open, at: 0)
            current = outer + current
        }
        template.markers += opens.map { (true, $0) }
        template.nodes = current
        return (template, issues)
    }

    /// The cell's text for `scope`; nil (with the missing name) when a value is missing.
    func render(_ scope: Scope, _ options: RenderOptions, missing: inout [String],
                values: ((_ value: String, _ before: String) -> String)? = nil) -> String {
        var out = ""
        CellTemplate.render(nodes, scope, options, &out, &missing, values)
        return out
    }

    static func value(_ tag: ParsedTag, _ scope: Scope, _ options: RenderOptions, _ missing: inout [String]) -> TemplateValue? {
        let found = scope.lookup(tag.path)
        let value = (try? ValueFormatting.apply(tag.formatters, to: found, locale: options.locale)) ?? nil
        if value == nil {
            if let known = options.knownNames, tag.path.components.allSatisfy({ known.contains($0) }) { return .text("") }
            if case .literal(let s) = options.missing { return .text(s) }
            missing.append(tag.path.raw)
            return nil
        }
        return value
    }

    /// `values` transforms each value's text (not the template's own text), given the text
    /// written before it.
    static func render(_ nodes: [Node], _ scope: Scope, _ options: RenderOptions, _ out: inout String, _ missing: inout [String],
                       _ values: ((String, String) -> String)? = nil) {
        for node in nodes {
            switch node {
            case .text(let t): out += t
            case .value(let tag):
                let text = value(tag, scope, options, &missing)?.displayText(locale: options.locale) ?? ""
                out += values.map { $0(text, out) } ?? text
            case .section(let tag, let children):
                let v = scope.lookup(tag.path) ?? .text("")
                for s in iterations(v, inverted: tag.kind == .open(inverted: true, expandTo: nil), scope) {
                    render(children, s, options, &out, &missing, values)
                }
            }
        }
    }

    /// The scopes a section or loop is rendered in (docxtemplater's loopOverValue).
    static func iterations(_ v: TemplateValue, inverted: Bool, _ scope: Scope) -> [Scope] {
        if !v.isTruthy { return inverted ? [scope.pushing(scope.frames.last ?? .null, index: 0)] : [] }
        if inverted { return [] }
        if case .list(let items) = v { return items.enumerated().map { scope.pushing($0.element, index: $0.offset) } }
        if case .object = v { return [scope.pushing(v, index: 0)] }
        return [scope.pushing(scope.frames.last ?? .null, index: 0)]
    }
}

/// Rows of a sheet grouped into loops.
indirect enum RowNode {
    case row(Int)
    case block(ParsedTag, Int, [RowNode])   // tag, block id, children
}

/// One output row: which template row it copies, in which scope, in which loop iterations.
struct PlannedRow {
    var template: Int
    var scope: Scope
    /// (block id, iteration) of the enclosing loops, outermost first.
    var instance: [(block: Int, index: Int)]
    /// A loop over an empty list keeps its rows once, emptied, so formulas over them stay valid.
    var blank = false
}

/// Builds the loop tree of a sheet and plans the output rows for some data.
struct RowLoops {
    var nodes: [RowNode] = []
    /// Block ids enclosing each template row, outermost first.
    var blocksOfRow: [Int: [Int]] = [:]
    var blockCount = 0

    /// `markers(row)` gives a row's loop markers in reading order. Problems come back with the
    /// row where they are.
    static func build(rows: [Int], markers: (Int) -> [(open: Bool, tag: ParsedTag)]) -> (RowLoops, [(TemplateIssue.Code, Int, String, String?)]) {
        var loops = RowLoops()
        var issues: [(TemplateIssue.Code, Int, String, String?)] = []
        var stack: [(tag: ParsedTag, id: Int, children: [RowNode], row: Int)] = []
        var rootChildren: [RowNode] = []
        func append(_ node: RowNode) {
            if stack.isEmpty { rootChildren.append(node) } else { stack[stack.count - 1].children.append(node) }
        }
        for r in rows {
            var openedHere: [ParsedTag] = []
            var sameRow: [ParsedTag] = []
            var closesEarlier: [ParsedTag] = []
            for m in markers(r) {
                if m.open { openedHere.append(m.tag) } else if let o = openedHere.popLast() {
                    if !m.tag.path.raw.isEmpty && m.tag.path.raw != o.path.raw {
                        issues.append((.closingTagMismatch, r, o.path.raw, "mở «\(o.path.raw)», đóng «\(m.tag.path.raw)»"))
                    }
                    sameRow.append(o)
                } else {
                    closesEarlier.append(m.tag)
                }
            }
            if !closesEarlier.isEmpty && !openedHere.isEmpty {
                issues.append((.loopPositionInvalid, r, openedHere[0].path.raw, nil))
            }
            for o in openedHere {
                stack.append((o, loops.blockCount, [], r))
                loops.blockCount += 1
            }
            var node = RowNode.row(r)
            var ids = stack.map(\.id)
            for o in sameRow.reversed() {
                let id = loops.blockCount
                loops.blockCount += 1
                node = .block(o, id, [node])
                ids.append(id)
            }
            loops.blocksOfRow[r] = ids
            append(node)
            for c in closesEarlier {
                guard let open = stack.popLast() else {
                    issues.append((.unopenedLoop, r, c.path.raw, nil))
                    continue
                }
                if !c.path.raw.isEmpty && c.path.raw != open.tag.path.raw {
                    issues.append((.closingTagMismatch, r, open.tag.path.raw, "mở «\(open.tag.path.raw)», đóng «\(c.path.raw)»"))
                }
                append(.block(open.tag, open.id, open.children))
            }
        }
        for open in stack.reversed() {
            issues.append((.unclosedLoop, open.row, open.tag.path.raw, nil))
        }
        loops.nodes = rootChildren
        return (loops, issues)
    }

    /// The output rows for `root`, and the loops over missing names.
    func plan(_ root: TemplateValue) -> ([PlannedRow], [String]) {
        var out: [PlannedRow] = []
        var missing: [String] = []
        func walk(_ nodes: [RowNode], _ scope: Scope, _ instance: [(block: Int, index: Int)], _ blank: Bool) {
            for n in nodes {
                switch n {
                case .row(let r):
                    out.append(PlannedRow(template: r, scope: scope, instance: instance, blank: blank))
                case .block(let tag, let id, let children):
                    let found = scope.lookup(tag.path)
                    if found == nil { missing.append(tag.path.raw) }
                    let inverted = tag.kind == .open(inverted: true, expandTo: nil)
                    let scopes = blank ? [] : CellTemplate.iterations(found ?? .text(""), inverted: inverted, scope)
                    if scopes.isEmpty {
                        walk(children, scope, instance + [(id, 0)], true)
                    } else {
                        for (i, s) in scopes.enumerated() { walk(children, s, instance + [(id, i)], blank) }
                    }
                }
            }
        }
        walk(nodes, Scope(root), [], false)
        return (out, missing)
    }
}

/// Where template rows went: for references, merges and ranges.
struct RowMapping {
    var first: [Int: Int] = [:]
    var last: [Int: Int] = [:]
    /// (template row, instance key) → output row.
    var byInstance: [String: Int] = [:]
    let blocksOfRow: [Int: [Int]]
    /// Template rows after the last planned one move by this much (rows outside sheetData).
    var tail = 0
    var lastTemplateRow = -1

    init(_ planned: [PlannedRow], outputRows: [Int], blocksOfRow: [Int: [Int]]) {
        self.blocksOfRow = blocksOfRow
        for (p, o) in zip(planned, outputRows) {
            if first[p.template] == nil { first[p.template] = o }
            last[p.template] = o
            byInstance[RowMapping.key(p.template, p.instance.map(\.index))] = o
            if p.template > lastTemplateRow { lastTemplateRow = p.template; tail = o - p.template }
        }
    }

    static func key(_ row: Int, _ indexes: [Int]) -> String { "\(row)|" + indexes.map(String.init).joined(separator: ",") }

    /// Output row of template row `t`: the copy in the same loop iteration as the referring
    /// cell when both are in the same loop and the reference moves with it; otherwise the first
    /// (or last, for the end of a range) copy.
    func map(_ t: Int, end: Bool, from instance: [(block: Int, index: Int)]?, relative: Bool) -> Int {
        let blocks = blocksOfRow[t] ?? []
        if relative, let instance, !blocks.isEmpty, instance.count >= blocks.count,
           zip(blocks, instance).allSatisfy({ $0 == $1.block }) {
            if let o = byInstance[RowMapping.key(t, instance.prefix(blocks.count).map(\.index))] { return o }
        }
        if let o = end ? last[t] : first[t] { return o }
        // A row that is not in the sheet's data (formatting only): moves with what is above it.
        var below = t
        while below >= 0 {
            if let o = last[below] { return o + (t - below) }
            below -= 1
        }
        return t
    }
}
