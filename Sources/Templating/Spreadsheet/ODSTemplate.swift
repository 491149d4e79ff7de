import OfficeXML
import Vietnamese

/// References of OpenDocument spreadsheets: `[.D3]`, `[.D3:.D5]`, `['Danh sách'.D4]` in
/// formulas (`of:=SUM([.D3:.D3])`), and bare addresses (`'Danh sách'.A1:'Danh sách'.F6`,
/// `$'Danh sách'.$D$3:.$D$3`) in attributes.
enum ODFReferences {
    /// One address `[$]['sheet'|sheet].[$]COL[$]ROW` starting at `i`; returns the reference
    /// (0-based) and the index after it.
    static func address(_ c: [Character], _ i: Int) -> (sheet: String?, sheetText: String, col: Int, colAbs: Bool, row: Int, rowAbs: Bool, end: Int)? {
        var j = i
        var sheet: String?
        var sheetText = ""
        // Sheet part, up to the dot.
        if j < c.count && c[j] == "$" && j + 1 < c.count && (c[j + 1] == "'" || c[j + 1].isLetter) { sheetText.append("$"); j += 1 }
        if j < c.count && c[j] == "'" {
            var k = j + 1
            var name = ""
            while k < c.count { if c[k] == "'" { if k + 1 < c.count && c[k + 1] == "'" { name.append("'"); k += 2; continue }; break }; name.append(c[k]); k += 1 }
            guard k < c.count else { return nil }
            sheetText += String(c[j...k])
            sheet = name
            j = k + 1
        } else if j < c.count && c[j] != "." {
            var k = j
            while k < c.count && c[k] != "." && c[k] != ":" && c[k] != "]" && c[k] != " " { k += 1 }
            guard k < c.count, c[k] == "." else { return nil }
            sheet = String(c[j..<k])
            sheetText += sheet!
            j = k
        }
        guard j < c.count, c[j] == "." else { return nil }
        j += 1
        var colAbs = false, rowAbs = false
        if j < c.count && c[j] == "$" { colAbs = true; j += 1 }
        let ls = j
        while j < c.count && c[j].isASCII && c[j].isLetter { j += 1 }
        guard let col = A1References.columnIndex(Substring(String(c[ls..<j]))) else { return nil }
        if j < c.count && c[j] == "$" { rowAbs = true; j += 1 }
        let ds = j
        while j < c.count && c[j].isASCII && c[j].isNumber { j += 1 }
        guard j > ds, let row = Int(String(c[ds..<j])), row >= 1 else { return nil }
        return (sheet, sheetText, col, colAbs, row - 1, rowAbs, j)
    }

    static func format(sheetText: String, col: Int, colAbs: Bool, row: Int, rowAbs: Bool) -> String {
        sheetText + "." + (colAbs ? "$" : "") + A1References.columnLetters(col) + (rowAbs ? "$" : "") + String(row + 1)
    }

    /// Rewrites the addresses of `text` (a formula with `[…]` references, or a bare address
    /// list when `bare`). `map(sheet, row, isEnd, relative)` gives the new row.
    static func rewrite(_ text: String, bare: Bool, currentSheet: String, _ map: (String, Int, Bool, Bool) -> Int) -> String {
        let c = Array(text)
        var out = ""
        var i = 0
        var inString = false
        while i < c.count {
            let ch = c[i]
            if !bare && ch == "\"" { inString.toggle(); out.append(ch); i += 1; continue }
            if inString { out.append(ch); i += 1; continue }
            let startsAddress = bare ? (i == 0 || c[i - 1] == " " || c[i - 1] == ";") : (ch == "[")
            if startsAddress {
                let s = bare ? i : i + 1
                if let a = address(c, s) {
                    var j = a.end
                    var second: (sheet: String?, sheetText: String, col: Int, colAbs: Bool, row: Int, rowAbs: Bool, end: Int)?
                    if j < c.count && c[j] == ":", let b = address(c, j + 1) { second = b; j = b.end }
                    if bare || (j < c.count && c[j] == "]") {
                        let sheetA = a.sheet ?? currentSheet
                        let newA = map(sheetA, a.row, false, !a.rowAbs)
                        var piece = (bare ? "" : "[") + format(sheetText: a.sheetText, col: a.col, colAbs: a.colAbs, row: newA, rowAbs: a.rowAbs)
                        if let b = second {
                            let sheetB = b.sheet ?? sheetA
                            let newB = map(sheetB, b.row, true, !b.rowAbs)
                            piece += ":" + format(sheetText: b.sheetText, col: b.col, colAbs: b.colAbs, row: newB, rowAbs: b.rowAbs)
                        }
                        out += piece + (bare ? "" : "]")
                        i = bare ? j : j + 1
                        continue
                    }
                }
            }
            out.append(ch)
            i += 1
        }
        return out
    }
}

/// ODS templates: the same rules as XLSX (typed single-tag cells, row loops, references that
/// follow their rows), in OpenDocument's XML: rows may be repeated (`number-rows-repeated`),
/// formulas are OpenFormula, ranges are addresses in attributes.
final class ODSTemplate {
    struct Cell {
        var start: Int
        var end: Int
        var startTagEnd: Int
        var template: CellTemplate?
        var formula: String?
        var name: String     // table:table-cell or table:covered-table-cell
        var attributes: String
        var column: Int
        var repeatCount: Int
        /// `table:number-rows-spanned` above 1 (a vertical merge starting here), and the byte
        /// range of its value in the start tag.
        var rowsSpanned = 1
        var rowsSpannedValue: Range<Int>?
    }

    struct Row {
        var index: Int
        var start: Int
        var end: Int
        var startTag: String
        var endTag: String
        var cells: [Cell]
        var repeatCount: Int
        var selfClosing: Bool
    }

    struct Sheet {
        var name: String
        var start: Int      // token of <table:table>
        var end: Int
        var rows: [Row]
        var loops: RowLoops
    }

    let bytes: [UInt8]
    let tokens: [XMLToken]
    var sheets: [Sheet] = []
    var issues: [TemplateIssue] = []
    var uses: [TagUse] = []
    let part = "content.xml"

    init(bytes: [UInt8], options: TemplateOptions, file: String) throws(TemplateError) {
        self.bytes = bytes
        do { tokens = try XMLTokenizer.tokenize(bytes, limits: options.xmlLimits) } catch {
            let loc = TemplateLocation(file: file, part: "content.xml")
            switch error.reason {
            case .doctype: throw TemplateError(.make(.doctypeRefused, at: loc))
            case .undeclaredEntity(let n): throw TemplateError(.make(.entityRefused, at: loc, detail: "&\(n);"))
            default: throw TemplateError(.make(.malformedXML, at: loc, detail: "content.xml"))
            }
        }
        let v = TokenView(tokens: tokens, bytes: bytes)
        var i = 0
        while i < tokens.count {
            guard v.isStart(i, "table:table"), let end = v.matchingEnd(i) else { i += 1; continue }
            let name = v.attribute(i, "table:name") ?? ""
            var rows: [Row] = []
            var rowIndex = 0
            var k = i + 1
            while k < end {
                if v.isStart(k, "table:table") { k = v.matchingEnd(k).map { $0 + 1 } ?? k + 1; continue }  // nested: skipped
                guard v.isOpen(k, "table:table-row"), let rowEnd = v.matchingEnd(k) else { k += 1; continue }
                let repeatCount = v.attribute(k, "table:number-rows-repeated").flatMap(Int.init) ?? 1
                var row = Row(index: rowIndex, start: tokens[k].start, end: tokens[rowEnd].end,
                              startTag: String(decoding: bytes[tokens[k].start..<tokens[k].end], as: UTF8.self),
                              endTag: "</table:table-row>", cells: [], repeatCount: repeatCount, selfClosing: tokens[k].kind == .emptyTag)
                var column = 0
                var m = k + 1
                while m < rowEnd {
                    let isCell = v.isOpen(m, "table:table-cell"), isCovered = v.isOpen(m, "table:covered-table-cell")
                    guard isCell || isCovered, let cellEnd = v.matchingEnd(m) else { m += 1; continue }
                    let cRepeat = v.attribute(m, "table:number-columns-repeated").flatMap(Int.init) ?? 1
                    var cell = Cell(start: tokens[m].start, end: tokens[cellEnd].end, startTagEnd: tokens[m].end, template: nil,
                                    formula: v.attribute(m, "table:formula"), name: isCell ? "table:table-cell" : "table:covered-table-cell",
                                    attributes: CompiledSheet.attributes(bytes, tokens[m], except: ["office:value-type", "office:value", "office:date-value",
                                        "office:boolean-value", "office:string-value", "office:time-value", "calcext:value-type", "table:formula",
                                        "table:number-rows-spanned"]),
                                    column: column, repeatCount: cRepeat)
                    if isCell, let span = v.attribute(m, "table:number-rows-spanned").flatMap(Int.init), span > 1 {
                        cell.rowsSpanned = span
                        cell.rowsSpannedValue = XMLAttributes(bytes, tokens[m]).valueRange("table:number-rows-spanned")
                    }
                    if isCell, cell.formula == nil, v.attribute(m, "office:value-type") ?? "string" == "string" {
                        var paragraphs: [String] = []
                        for q in m..<cellEnd where v.isOpen(q, "text:p") {
                            if let pe = v.matchingEnd(q) { paragraphs.append(ODSTemplate.text(v, q, pe)) }
                        }
                        let text = paragraphs.joined(separator: "\n")
                        if text.contains(options.delimiters.start) {
                            let (template, found) = CellTemplate.parse(text, delimiters: options.delimiters, syntax: options.syntax)
                            let cellName = A1References.cellName(row: rowIndex, column: column)
                            for (code, offset, tag, detail) in found {
                                issues.append(.make(code, at: TemplateLocation(file: file, part: part, offset: offset, cell: cellName, sheet: name,
                                                                               context: text), tag: tag, detail: detail))
                            }
                            if template.hasTags {
                                cell.template = template
                                var sheetUses = CompiledSheet(name: name, part: part, bytes: [], tokens: [])
                                sheetUses.collectUses(template)
                                uses += sheetUses.uses
                            }
                        }
                    }
                    row.cells.append(cell)
                    column += cRepeat
                    m = cellEnd + 1
                }
                rows.append(row)
                rowIndex += repeatCount
                k = rowEnd + 1
            }
            let byIndex = Dictionary(rows.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
            let (loops, found) = RowLoops.build(rows: rows.map(\.index)) { r in byIndex[r]?.cells.flatMap { $0.template?.markers ?? [] } ?? [] }
            for (code, row, tag, detail) in found {
                issues.append(.make(code, at: TemplateLocation(file: file, part: part, cell: "hàng \(row + 1)", sheet: name), tag: tag, detail: detail))
            }
            sheets.append(Sheet(name: name, start: i, end: end, rows: rows, loops: loops))
            i = end + 1
        }
    }

    var hasTags: Bool { sheets.contains { s in s.rows.contains { r in r.cells.contains { $0.template != nil } } } || !uses.isEmpty }

    /// Character data of a paragraph, with `text:s`, `text:tab` and `text:line-break` read.
    static func text(_ v: TokenView, _ from: Int, _ to: Int) -> String {
        var s = ""
        var q = from + 1
        while q < to {
            let t = v.tokens[q]
            if t.kind == .text { s += v.text(q) } else if v.isOpen(q, "text:s") {
                s += String(repeating: " ", count: v.attribute(q, "text:c").flatMap(Int.init) ?? 1)
            } else if v.isOpen(q, "text:tab") { s += "\t" } else if v.isOpen(q, "text:line-break") { s += "\n" }
            q += 1
        }
        return s
    }

    func render(_ root: TemplateValue, options: RenderOptions, file: String) -> ([UInt8], [TemplateIssue]) {
        var plans: [String: (planned: [PlannedRow], rows: [Int], mapping: RowMapping)] = [:]
        var issues: [TemplateIssue] = []
        for s in sheets {
            let (planned, missing) = s.loops.plan(root)
            let rows = CompiledSheet.outputRows(planned)
            plans[s.name] = (planned, rows, RowMapping(planned, outputRows: rows, blocksOfRow: s.loops.blocksOfRow))
            for m in Set(missing) where !(options.knownNames?.contains(m) ?? false) {
                issues.append(.make(.missingSection, .warning, at: TemplateLocation(file: file, part: part, sheet: s.name), tag: m))
            }
        }
        func mapRow(_ sheet: String, _ row: Int, _ end: Bool, _ relative: Bool, _ instance: [(block: Int, index: Int)]?) -> Int {
            guard let m = plans[sheet]?.mapping else { return row }
            return m.map(row, end: end, from: instance, relative: relative)
        }
        let xml = XMLWriter(capacity: bytes.count * 2, illegalCharacters: .remove)
        func rawBytes(_ r: Range<Int>) { bytes.withUnsafeBytes { xml.raw(UnsafeRawBufferPointer(rebasing: $0[r])) } }
        var reported = Set<String>()
        var cursor = 0
        let v = TokenView(tokens: tokens, bytes: bytes)
        // Attributes holding addresses, outside the tables' rows.
        let addressAttributes = ["table:cell-range-address", "table:target-range-address", "table:print-ranges",
                                 "calcext:target-range-address"]
        let formulaAttributes = ["table:expression", "calcext:value"]
        var sheetIndex = 0
        var t = 0
        while t < tokens.count {
            if sheetIndex < sheets.count && t == sheets[sheetIndex].start {
                let s = sheets[sheetIndex]
                let plan = plans[s.name]!
                // The table's start tag (print ranges) and everything up to the first row.
                let firstRowStart = s.rows.first?.start ?? tokens[s.end].start
                rawBytes(cursor..<tokens[t].start)
                var tableTag = String(decoding: bytes[tokens[t].start..<tokens[t].end], as: UTF8.self)
                if let r = XMLAttributes(bytes, tokens[t]).valueRange("table:print-ranges") {
                    let value = XMLText.decode(bytes, r)
                    let mapped = ODFReferences.rewrite(value, bare: true, currentSheet: s.name) { sheet, row, end, _ in mapRow(sheet, row, end, false, nil) }
                    tableTag = String(decoding: bytes[tokens[t].start..<r.lowerBound], as: UTF8.self) + escape(mapped)
                        + String(decoding: bytes[r.upperBound..<tokens[t].end], as: UTF8.self)
                }
                xml.raw(tableTag)
                rawBytes(tokens[t].end..<firstRowStart)
                var ptr = 0
                var previousEnd = firstRowStart
                var blocksDone = Set<Int>()
                for row in s.rows {
                    rawBytes(previousEnd..<row.start)
                    previousEnd = row.end
                    let top = s.loops.blocksOfRow[row.index]?.first
                    if let top {
                        // All copies of a loop's rows are written where its first row was.
                        guard blocksDone.insert(top).inserted else { continue }
                    }
                    while ptr < plan.planned.count {
                        let p = plan.planned[ptr]
                        if let top {
                            guard s.loops.blocksOfRow[p.template]?.first == top else { break }
                        } else {
                            guard p.template == row.index else { break }
                        }
                        if let templateRow = s.rows.first(where: { $0.index == p.template }) {
                            emitRow(templateRow, p, plan.rows[ptr], s.name, xml, options, file, &issues, &reported) { sheet, row, end, relative in
                                mapRow(sheet, row, end, relative, p.instance)
                            }
                        }
                        ptr += 1
                    }
                }
                rawBytes(previousEnd..<tokens[s.end].start)
                cursor = tokens[s.end].start
                t = s.end
                sheetIndex += 1
                continue
            }
            let token = tokens[t]
            if token.kind == .startTag || token.kind == .emptyTag {
                for attr in addressAttributes + formulaAttributes {
                    guard let r = XMLAttributes(bytes, token).valueRange(attr) else { continue }
                    let value = XMLText.decode(bytes, r)
                    let bare = addressAttributes.contains(attr)
                    let mapped = ODFReferences.rewrite(value, bare: bare, currentSheet: v.attribute(t, "table:name") ?? sheets.first?.name ?? "") {
                        sheet, row, end, _ in mapRow(sheet, row, end, false, nil)
                    }
                    if mapped != value {
                        rawBytes(cursor..<r.lowerBound)
                        xml.raw(escape(mapped))
                        cursor = r.upperBound
                    }
                }
            }
            t += 1
        }
        rawBytes(cursor..<bytes.count)
        return (xml.finish(), issues)
    }

    func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    func emitRow(_ row: Row, _ p: PlannedRow, _ outRow: Int, _ sheet: String, _ xml: XMLWriter, _ options: RenderOptions, _ file: String,
                 _ issues: inout [TemplateIssue], _ reported: inout Set<String>, _ map: @escaping (String, Int, Bool, Bool) -> Int) {
        // A vertical merge spans the rows its last row maps to: it grows over the copies of a
        // loop row inside it (their covered cells are copied with them) and keeps its size when
        // it lies within one iteration.
        func span(_ cell: Cell) -> Int {
            guard cell.rowsSpanned > 1 else { return cell.rowsSpanned }
            return max(1, map(sheet, row.index + cell.rowsSpanned - 1, true, true) - outRow + 1)
        }
        guard row.cells.contains(where: { $0.template != nil || $0.formula != nil || span($0) != $0.rowsSpanned }) else {
            bytes.withUnsafeBytes { xml.raw(UnsafeRawBufferPointer(rebasing: $0[row.start..<row.end])) }
            return
        }
        xml.raw(row.startTag)
        for cell in row.cells {
            let rows = span(cell)
            // Cells written here carry the (new) span themselves; copied cells keep theirs or
            // have its value replaced.
            let attributes = rows > 1 ? cell.attributes + " table:number-rows-spanned=\"\(rows)\"" : cell.attributes
            if let template = cell.template {
                var missing: [String] = []
                xml.raw("<\(cell.name)\(attributes)")
                if p.blank {
                    xml.raw("/>")
                } else if let tag = template.singleValue {
                    writeTyped(CellTemplate.value(tag, p.scope, options, &missing), xml, options)
                } else {
                    writeString(template.render(p.scope, options, missing: &missing), xml)
                }
                let ref = A1References.cellName(row: outRow, column: cell.column)
                for m in missing where reported.insert(m).inserted {
                    let severity: TemplateIssue.Severity = options.missing == .error ? .error : .warning
                    issues.append(.make(.missingValue, severity, at: TemplateLocation(file: file, part: part, cell: ref, sheet: sheet), tag: m))
                }
                continue
            }
            if let formula = cell.formula {
                let mapped = ODFReferences.rewrite(formula, bare: false, currentSheet: sheet, map)
                xml.raw("<\(cell.name)\(attributes) table:formula=\"\(escape(mapped))\"/>")
                continue
            }
            if rows != cell.rowsSpanned, let r = cell.rowsSpannedValue {
                bytes.withUnsafeBytes { xml.raw(UnsafeRawBufferPointer(rebasing: $0[cell.start..<r.lowerBound])) }
                xml.raw(String(rows))
                bytes.withUnsafeBytes { xml.raw(UnsafeRawBufferPointer(rebasing: $0[r.upperBound..<cell.end])) }
                continue
            }
            bytes.withUnsafeBytes { xml.raw(UnsafeRawBufferPointer(rebasing: $0[cell.start..<cell.end])) }
        }
        xml.raw(row.endTag)
    }

    func writeTyped(_ value: TemplateValue?, _ xml: XMLWriter, _ options: RenderOptions) {
        switch value {
        case .number(let n)?:
            xml.raw(" office:value-type=\"float\" calcext:value-type=\"float\" office:value=\"")
            xml.text(n.value)
            xml.raw("\"><text:p>")
            xml.text(n.plainText)
            xml.raw("</text:p></table:table-cell>")
        case .bool(let b)?:
            xml.raw(" office:value-type=\"boolean\" calcext:value-type=\"boolean\" office:boolean-value=\"\(b)\"><text:p>\(b ? "TRUE" : "FALSE")</text:p></table:table-cell>")
        case .date(let d)? where d.date != nil:
            let date = d.date!
            var iso = date.formatted(.iso)
            if d.time != nil { iso += "T" + DatePicture.two(d.hour) + ":" + DatePicture.two(d.minute) + ":" + DatePicture.two(d.second) }
            xml.raw(" office:value-type=\"date\" calcext:value-type=\"date\" office:date-value=\"\(iso)\"><text:p>")
            xml.text(d.text ?? date.formatted(.numeric))
            xml.raw("</text:p></table:table-cell>")
        case nil, .null?:
            xml.raw("/>")
        case .text(let s)? where s.isEmpty:
            xml.raw("/>")
        case let v?:
            writeString(v.displayText(locale: options.locale), xml)
        }
    }

    func writeString(_ text: String, _ xml: XMLWriter) {
        guard !text.isEmpty else { xml.raw("/>"); return }
        xml.raw(" office:value-type=\"string\" calcext:value-type=\"string\">")
        // One paragraph per line, as LibreOffice writes a multi-line cell (LF, CR LF or CR).
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            xml.raw("<text:p>")
            var spaces = 0
            var run = ""
            var first = true
            func flush() {
                if !run.isEmpty { xml.text(run); run = "" }
                if spaces > 0 { xml.raw(spaces == 1 ? "<text:s/>" : "<text:s text:c=\"\(spaces)\"/>"); spaces = 0 }
            }
            for c in line {
                if c == " " {
                    if first || run.last == " " || spaces > 0 { if !run.isEmpty { xml.text(run); run = "" }; spaces += 1 } else { run.append(c) }
                } else if c == "\t" {
                    flush()
                    xml.raw("<text:tab/>")
                } else {
                    if spaces > 0 { flush() }
                    run.append(c)
                }
                first = false
            }
            if run.hasSuffix(" ") { run.removeLast(); spaces += 1 }
            flush()
            xml.raw("</text:p>")
        }
        xml.raw("</table:table-cell>")
    }
}
