import OfficeXML
import OfficeZip
import Vietnamese

/// XLSX templates: tags in cells (shared or inline strings); a cell holding only `{diem}` takes
/// the value's type; a loop whose tags are in different cells or rows repeats those rows,
/// shifting the rows below and everything that refers to them (merged ranges, row heights,
/// defined names and print areas, autofilter, conditional formats, data validation,
/// hyperlinks, tables, formulas — shared formulas are written out per cell). Tags in page
/// headers and footers take top-level values. Formulas re-evaluate on open (no cached values;
/// `fullCalcOnLoad`; `calcChain.xml` dropped).
final class XLSXTemplate {
    static let sheetType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    static let sharedStringsType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    static let calcChainType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"
    static let tableType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table"

    struct Sheet {
        var name: String
        var part: String
        var compiled: CompiledSheet
        /// The sheet's tables (ListObjects, `xl/tables/tableN.xml`): part name and bytes.
        var tables: [(part: String, bytes: [UInt8])] = []
    }

    let workbookPart: String
    let workbookBytes: [UInt8]
    var sheets: [Sheet] = []
    var calcChainPart: String?
    var issues: [TemplateIssue] = []

    init(reader: ZipReader, workbook: String, options: TemplateOptions, file: String) throws(TemplateError) {
        workbookPart = workbook
        let (root, bytes) = try PackageBackend.tree(reader, workbook, file: file)
        workbookBytes = bytes
        let relsName = Relationships.relsPath(of: workbook)
        var targets: [String: String] = [:]
        var sharedStrings: [String] = []
        if reader.contains(relsName) {
            let (relsRoot, _) = try PackageBackend.tree(reader, relsName, file: file)
            for r in Relationships.read(relsRoot) where !r.external {
                let target = Relationships.resolve(r.target, from: workbook)
                targets[r.id] = target
                if r.type == XLSXTemplate.sharedStringsType, reader.contains(target) {
                    let (sst, _) = try PackageBackend.tree(reader, target, file: file)
                    sharedStrings = sst.elements.filter { $0.localName == "si" }.map { si in
                        si.elements.filter { $0.localName == "t" || $0.localName == "r" }
                            .map { $0.localName == "t" ? $0.text : ($0.first("t")?.text ?? "") }.joined()
                    }
                }
                if r.type == XLSXTemplate.calcChainType { calcChainPart = target }
            }
        }
        guard let sheetsElement = root.first("sheets") else { throw PackageBackend.missing("\(workbook): sheets", file: file) }
        for s in sheetsElement.elements where s.localName == "sheet" {
            guard let name = s[attribute: "name"], let rid = s[attribute: "r:id"], let part = targets[rid], reader.contains(part) else { continue }
            let bytes = try PackageBackend.read(reader, part, file: file)
            let (compiled, found) = CompiledSheet.compile(bytes, name: name, part: part, sharedStrings: sharedStrings, options: options, file: file)
            issues += found
            guard let compiled else { continue }
            var sheet = Sheet(name: name, part: part, compiled: compiled)
            let sheetRels = Relationships.relsPath(of: part)
            if reader.contains(sheetRels) {
                let (relsRoot, _) = try PackageBackend.tree(reader, sheetRels, file: file)
                for r in Relationships.read(relsRoot) where !r.external && r.type == XLSXTemplate.tableType {
                    let target = Relationships.resolve(r.target, from: part)
                    if reader.contains(target) { sheet.tables.append((target, try PackageBackend.read(reader, target, file: file))) }
                }
            }
            sheets.append(sheet)
        }
    }

    var uses: [TagUse] { sheets.flatMap(\.compiled.uses) }
    var hasTags: Bool { sheets.contains { $0.compiled.hasTags } }

    /// The filled sheets and workbook part.
    func render(_ root: TemplateValue, options: RenderOptions, file: String) -> ([String: [UInt8]], [TemplateIssue]) {
        var plans: [String: (planned: [PlannedRow], rows: [Int], mapping: RowMapping)] = [:]
        var issues: [TemplateIssue] = []
        for s in sheets {
            let (planned, missing) = s.compiled.loops.plan(root)
            let rows = CompiledSheet.outputRows(planned)
            plans[s.name] = (planned, rows, RowMapping(planned, outputRows: rows, blocksOfRow: s.compiled.loops.blocksOfRow))
            for m in Set(missing) where !(options.knownNames?.contains(m) ?? false) {
                issues.append(.make(.missingSection, .warning, at: TemplateLocation(file: file, part: s.part, sheet: s.name), tag: m))
            }
        }
        let mappings = plans.mapValues(\.mapping)
        var out: [String: [UInt8]] = [:]
        for s in sheets {
            let p = plans[s.name]!
            let (bytes, found) = s.compiled.render(planned: p.planned, rows: p.rows, mappings: mappings, root: root, options: options, file: file)
            out[s.part] = bytes
            issues += found
            for table in s.tables {
                out[table.part] = XLSXTemplate.renderTable(table.bytes, p.mapping)
            }
        }
        out[workbookPart] = renderWorkbook(mappings)
        return (out, issues)
    }

    /// A table (ListObject) spans the rows its range spans after filling: a loop row inside it
    /// widens it, rows above it move it down (Excel repairs a file whose table range no longer
    /// sits on its header cells). Its autofilter and sort ranges follow.
    static func renderTable(_ bytes: [UInt8], _ mapping: RowMapping) -> [UInt8] {
        guard var edit = try? PackageEdit(bytes) else { return bytes }
        var elements = [edit.root]
        func walk(_ e: XMLElement) {
            for c in e.elements {
                if ["autoFilter", "sortState", "sortCondition"].contains(c.localName) { elements.append(c) }
                walk(c)
            }
        }
        walk(edit.root)
        for e in elements {
            guard let ref = e[attribute: "ref"] else { continue }
            let mapped = CompiledSheet.mapRanges(ref, mapping, planned: [], rows: [], replicate: false)
            if mapped != ref { edit.setAttribute(e, "ref", mapped) }
        }
        return edit.result()
    }

    /// Defined names (print areas too) follow their rows; formulas recalculate on open.
    func renderWorkbook(_ mappings: [String: RowMapping]) -> [UInt8] {
        guard var edit = try? PackageEdit(workbookBytes) else { return workbookBytes }
        for e in edit.root.descendants(named: "definedName") {
            guard e.lastToken > e.firstToken + 1 else { continue }
            let textToken = edit.tokens[e.firstToken + 1]
            guard textToken.kind == .text else { continue }
            let formula = XMLText.decode(edit.bytes, textToken.start..<textToken.end)
            let rewritten = A1References.rewrite(formula) { ref in
                guard let sheet = ref.sheet, let m = mappings[sheet] else { return nil }
                return CompiledSheet.mapReference(ref, m, instance: nil)
            }
            if rewritten != formula {
                var escaped = ""
                for c in rewritten { escaped += c == "&" ? "&amp;" : c == "<" ? "&lt;" : c == ">" ? "&gt;" : String(c) }
                edit.replaceRange(textToken.start..<textToken.end, escaped)
            }
        }
        if let calcPr = edit.root.first("calcPr") {
            if calcPr[attribute: "fullCalcOnLoad"] == nil {
                edit.insertRaw(at: edit.tokens[calcPr.firstToken].nameEnd, " fullCalcOnLoad=\"1\"")
            } else {
                edit.setAttribute(calcPr, "fullCalcOnLoad", "1")
            }
        } else if let sheets = edit.root.first("sheets") {
            // calcPr follows sheets, functionGroups, externalReferences and definedNames.
            let anchor = edit.root.first("definedNames") ?? edit.root.first("externalReferences") ?? sheets
            edit.insertRaw(at: edit.tokens[anchor.lastToken].end, "<calcPr fullCalcOnLoad=\"1\"/>")
        }
        return edit.result()
    }

    /// `calcChain.xml` lists cells that moved: dropped with its relationship and content type.
    func packageChanges(reader: ZipReader, contentTypes: [UInt8]) throws -> (changes: [String: [UInt8]], dropped: Set<String>) {
        guard let calc = calcChainPart else { return ([:], []) }
        var changes: [String: [UInt8]] = [:]
        var types = try PackageEdit(contentTypes)
        for e in types.root.elements where e.localName == "Override" && e[attribute: "PartName"] == "/" + calc { types.remove(e) }
        if !types.isEmpty { changes["[Content_Types].xml"] = types.result() }
        let relsName = Relationships.relsPath(of: workbookPart)
        var rels = try PackageEdit(try reader.read(relsName))
        for e in rels.root.elements where e[attribute: "Type"] == XLSXTemplate.calcChainType { rels.remove(e) }
        if !rels.isEmpty { changes[relsName] = rels.result() }
        return (changes, [calc])
    }
}

extension PackageEdit {
    mutating func replaceRange(_ range: Range<Int>, _ text: String) {
        replaceRaw(range, Array(text.utf8))
    }
}

/// One worksheet, ready to be filled.
struct CompiledSheet {
    struct Cell {
        var column: Int
        /// The cell element's bytes (start..<end in the sheet).
        var start: Int
        var end: Int
        /// Byte range of the `r` attribute's value, when present.
        var refValue: Range<Int>?
        /// The start tag's attributes other than r and t (copied).
        var attributes: String
        var template: CellTemplate?
        /// The formula text (shared formulas written out), and the `<f>` attributes kept.
        var formula: String?
        var formulaAttributes: String = ""
        var arrayRef: String?
    }

    struct Row {
        var index: Int
        /// Start-tag attributes other than r and spans.
        var attributes: String
        var cells: [Cell]
        var selfClosing: Bool
    }

    var name: String
    var part: String
    var bytes: [UInt8]
    var tokens: [XMLToken]
    var rows: [Row] = []
    var loops = RowLoops()
    var sheetDataStart = 0   // token index of <sheetData> (or the empty tag)
    var sheetDataEnd = 0     // token index of </sheetData>
    var uses: [TagUse] = []
    var hasTags = false
    var hasFormulas = false
    /// Page headers and footers with tags (`<oddHeader>&C{tieu_de}</oddHeader>`): the token of
    /// the element's text and its template.
    var headerFooters: [(text: Int, element: String, template: CellTemplate)] = []
    static let headerFooterElements: [(StaticString, String)] = [("oddHeader", "oddHeader"), ("oddFooter", "oddFooter"),
        ("evenHeader", "evenHeader"), ("evenFooter", "evenFooter"), ("firstHeader", "firstHeader"), ("firstFooter", "firstFooter")]

    static func compile(_ bytes: [UInt8], name: String, part: String, sharedStrings: [String], options: TemplateOptions,
                        file: String) -> (CompiledSheet?, [TemplateIssue]) {
        let tokens: [XMLToken]
        do { tokens = try XMLTokenizer.tokenize(bytes, limits: options.xmlLimits) } catch {
            let loc = TemplateLocation(file: file, part: part, sheet: name)
            switch error.reason {
            case .doctype: return (nil, [.make(.doctypeRefused, at: loc)])
            case .undeclaredEntity(let n): return (nil, [.make(.entityRefused, at: loc, detail: "&\(n);")])
            default: return (nil, [.make(.malformedXML, at: loc, detail: part)])
            }
        }
        var sheet = CompiledSheet(name: name, part: part, bytes: bytes, tokens: tokens)
        var issues: [TemplateIssue] = []
        let v = TokenView(tokens: tokens, bytes: bytes)
        guard let dataStart = tokens.indices.first(where: { v.isOpen($0, "sheetData") }) else {
            return (sheet, [])
        }
        sheet.sheetDataStart = dataStart
        sheet.sheetDataEnd = v.matchingEnd(dataStart) ?? dataStart
        var sharedMasters: [String: (formula: String, row: Int, column: Int)] = [:]
        var i = dataStart + 1
        var nextRow = 0
        while i < sheet.sheetDataEnd {
            guard v.isOpen(i, "row"), let rowEnd = v.matchingEnd(i) else { i += 1; continue }
            let rowIndex = v.attribute(i, "r").flatMap(Int.init).map { $0 - 1 } ?? nextRow
            nextRow = rowIndex + 1
            var row = Row(index: rowIndex, attributes: attributes(bytes, tokens[i], except: ["r", "spans"]), cells: [],
                          selfClosing: tokens[i].kind == .emptyTag)
            var k = i + 1
            var nextColumn = 0
            while k < rowEnd {
                guard v.isOpen(k, "c"), let cellEnd = v.matchingEnd(k) else { k += 1; continue }
                let ref = v.attribute(k, "r")
                let column = ref.flatMap { A1References.cell(Substring($0))?.column } ?? nextColumn
                nextColumn = column + 1
                var cell = Cell(column: column, start: tokens[k].start, end: tokens[cellEnd].end,
                                refValue: XMLAttributes(bytes, tokens[k]).valueRange("r"),
                                attributes: attributes(bytes, tokens[k], except: ["r", "t"]))
                let type = v.attribute(k, "t")
                var text: String?
                var m = k + 1
                while m < cellEnd {
                    if v.isOpen(m, "f") {
                        let end = v.matchingEnd(m) ?? m
                        var formula = end > m + 1 && tokens[m + 1].kind == .text ? v.text(m + 1) : ""
                        let fType = v.attribute(m, "t")
                        if fType == "shared", let si = v.attribute(m, "si") {
                            if !formula.isEmpty {
                                sharedMasters[si] = (formula, rowIndex, column)
                            } else if let master = sharedMasters[si] {
                                formula = A1References.translate(master.formula, rows: rowIndex - master.row, columns: column - master.column)
                            }
                            cell.formulaAttributes = attributes(bytes, tokens[m], except: ["t", "ref", "si"])
                        } else {
                            cell.formulaAttributes = attributes(bytes, tokens[m], except: ["ref", "t"])
                            if fType == "array" {
                                cell.arrayRef = v.attribute(m, "ref")
                                cell.formulaAttributes += " t=\"array\""
                            }
                        }
                        cell.formula = formula
                        sheet.hasFormulas = true
                        m = end + 1
                        continue
                    }
                    if type == "s", v.isOpen(m, "v"), m + 1 < cellEnd, tokens[m + 1].kind == .text, let index = Int(v.text(m + 1)),
                       index >= 0, index < sharedStrings.count {
                        text = sharedStrings[index]
                    }
                    if type == "inlineStr", v.isOpen(m, "is"), let end = v.matchingEnd(m) {
                        var s = ""
                        for q in m..<end where v.isStart(q, "t") && q + 1 < end && tokens[q + 1].kind == .text { s += v.text(q + 1) }
                        text = s
                    }
                    m += 1
                }
                if let text, text.contains(options.delimiters.start) {
                    let (template, found) = CellTemplate.parse(text, delimiters: options.delimiters, syntax: options.syntax)
                    let cellName = A1References.cellName(row: rowIndex, column: column)
                    for (code, offset, tag, detail) in found {
                        issues.append(.make(code, at: TemplateLocation(file: file, part: part, offset: offset, cell: cellName, sheet: name,
                                                                       context: text), tag: tag, detail: detail))
                    }
                    if template.hasTags {
                        cell.template = template
                        sheet.hasTags = true
                        sheet.collectUses(template)
                    }
                }
                row.cells.append(cell)
                k = cellEnd + 1
            }
            sheet.rows.append(row)
            i = rowEnd + 1
        }
        let byIndex = Dictionary(sheet.rows.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
        let (loops, found) = RowLoops.build(rows: sheet.rows.map(\.index)) { r in
            byIndex[r]?.cells.flatMap { $0.template?.markers ?? [] } ?? []
        }
        for (code, row, tag, detail) in found {
            issues.append(.make(code, at: TemplateLocation(file: file, part: part, cell: "hàng \(row + 1)", sheet: name), tag: tag, detail: detail))
        }
        sheet.loops = loops
        // Tags in page headers and footers (after sheetData), filled from the top-level values.
        var h = sheet.sheetDataEnd + 1
        while h + 1 < tokens.count {
            if tokens[h].kind == .startTag, tokens[h + 1].kind == .text,
               let element = headerFooterElements.first(where: { v.nameIs(h, $0.0) })?.1 {
                let text = v.text(h + 1)
                if text.contains(options.delimiters.start) {
                    let (template, found) = CellTemplate.parse(text, delimiters: options.delimiters, syntax: options.syntax)
                    for (code, offset, tag, detail) in found {
                        issues.append(.make(code, at: TemplateLocation(file: file, part: part, offset: offset, cell: element, sheet: name,
                                                                       context: text), tag: tag, detail: detail))
                    }
                    if !template.markers.isEmpty {
                        // A page header has no rows to repeat.
                        issues.append(.make(.loopPositionInvalid, at: TemplateLocation(file: file, part: part, cell: element, sheet: name, context: text),
                                            tag: template.markers[0].tag.source, detail: "đầu trang/chân trang"))
                    } else if template.hasTags {
                        sheet.headerFooters.append((h + 1, element, template))
                        sheet.hasTags = true
                        sheet.collectUses(template)
                    }
                }
            }
            h += 1
        }
        return (sheet, issues)
    }

    mutating func collectUses(_ t: CellTemplate) {
        for m in t.markers where m.open {
            uses.append(TagUse(kind: m.tag.kind == .open(inverted: true, expandTo: nil) ? .invertedCondition : .loop, name: m.tag.path.head,
                               path: m.tag.path.components, source: m.tag.source, part: part, scope: [], hasDefault: false))
        }
        func walk(_ nodes: [CellTemplate.Node], _ scope: [String]) {
            for n in nodes {
                switch n {
                case .text: break
                case .value(let tag):
                    uses.append(TagUse(kind: .value, name: tag.path.head, path: tag.path.components, source: tag.source, part: part,
                                       scope: scope, hasDefault: tag.formatters.contains { $0.kind == .fallback }))
                case .section(let tag, let children):
                    uses.append(TagUse(kind: .condition, name: tag.path.head, path: tag.path.components, source: tag.source, part: part,
                                       scope: scope, hasDefault: false))
                    walk(children, scope + [tag.path.raw])
                }
            }
        }
        walk(t.nodes, [])
    }

    static func attributes(_ bytes: [UInt8], _ token: XMLToken, except: Set<String>) -> String {
        var out = ""
        for a in XMLAttributes(bytes, token) {
            let name = String(decoding: bytes[a.nameStart..<a.nameEnd], as: UTF8.self)
            if except.contains(name) { continue }
            out += " " + String(decoding: bytes[a.nameStart...a.valueEnd], as: UTF8.self)
        }
        return out
    }

    /// Output row numbers: template gaps kept, repeated rows one after another.
    static func outputRows(_ planned: [PlannedRow]) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(planned.count)
        var previous: (template: Int, output: Int)?
        for p in planned {
            let o: Int
            if let previous {
                o = previous.output + (p.template > previous.template ? p.template - previous.template : 1)
            } else {
                o = p.template
            }
            out.append(o)
            previous = (p.template, o)
        }
        return out
    }

    /// A reference mapped through `m` (from a cell in loop iteration `instance`).
    static func mapReference(_ ref: SheetReference, _ m: RowMapping, instance: [(block: Int, index: Int)]?) -> SheetReference {
        var r = ref
        if let s = ref.startRow {
            r.startRow = m.map(s, end: false, from: instance, relative: !ref.startRowAbsolute)
        }
        if let e = ref.endRow {
            r.endRow = ref.isRange ? m.map(e, end: true, from: instance, relative: !ref.endRowAbsolute) : r.startRow
        }
        return r
    }

    /// A range list (`sqref`, `ref`) mapped: ranges inside one loop iteration's rows become one
    /// range per iteration when `replicate`, otherwise a range from first to last copy.
    static func mapRanges(_ text: String, _ m: RowMapping, planned: [PlannedRow], rows: [Int], replicate: Bool) -> String {
        var out: [String] = []
        for piece in text.split(separator: " ") {
            guard let ref = A1References.parse(String(piece), sheet: nil) else { out.append(String(piece)); continue }
            if replicate, let s = ref.startRow, let e = ref.endRow, let blocks = m.blocksOfRow[s], !blocks.isEmpty,
               m.blocksOfRow[e] == blocks {
                var seen = Set<String>()
                for (p, o) in zip(planned, rows) where p.template == s {
                    var r = ref
                    r.startRow = o
                    r.endRow = m.map(e, end: true, from: p.instance, relative: true)
                    let f = A1References.format(r)
                    if seen.insert(f).inserted { out.append(f) }
                }
                continue
            }
            var r = mapReference(ref, m, instance: nil)
            // A single cell in a loop row covers every copy (validation, conditional format).
            if !ref.isRange, let s = ref.startRow, !(m.blocksOfRow[s] ?? []).isEmpty {
                r.isRange = true
                r.endRow = m.map(s, end: true, from: nil, relative: false)
                r.endColumn = ref.startColumn
                r.endRowAbsolute = ref.startRowAbsolute
                r.endColumnAbsolute = ref.startColumnAbsolute
            }
            out.append(A1References.format(r))
        }
        return out.joined(separator: " ")
    }

    func render(planned: [PlannedRow], rows outputRows: [Int], mappings: [String: RowMapping], root: TemplateValue,
                options: RenderOptions, file: String) -> ([UInt8], [TemplateIssue]) {
        guard let mapping = mappings[name] else { return (bytes, []) }
        let v = TokenView(tokens: tokens, bytes: bytes)
        let xml = XMLWriter(capacity: bytes.count + planned.count * 256, illegalCharacters: .spreadsheetRemove)
        var issues: [TemplateIssue] = []
        var reportedMissing = Set<String>()
        let byIndex = Dictionary(rows.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
        var maxColumn = 0
        for r in rows { for c in r.cells { maxColumn = max(maxColumn, c.column) } }

        func rewriteFormula(_ f: String, _ instance: [(block: Int, index: Int)]) -> String {
            A1References.rewrite(f) { ref in
                if let s = ref.sheet, s != name {
                    guard let other = mappings[s] else { return nil }
                    return CompiledSheet.mapReference(ref, other, instance: nil)
                }
                return CompiledSheet.mapReference(ref, mapping, instance: instance)
            }
        }
        func raw(_ s: String) { xml.raw(s) }
        func rawBytes(_ r: Range<Int>) { bytes.withUnsafeBytes { xml.raw(UnsafeRawBufferPointer(rebasing: $0[r])) } }

        // Everything before sheetData, with the used range recomputed.
        var lastOutput = outputRows.last ?? 0
        if let last = rows.last, planned.isEmpty { lastOutput = last.index }
        var cursor = 0
        for i in 0..<sheetDataStart where v.isOpen(i, "dimension") {
            if let r = XMLAttributes(bytes, tokens[i]).valueRange("ref") {
                rawBytes(cursor..<r.lowerBound)
                raw("A1:" + A1References.cellName(row: max(lastOutput, 0), column: maxColumn))
                cursor = r.upperBound
            }
        }
        rawBytes(cursor..<tokens[sheetDataStart].start)
        raw("<sheetData>")
        for (p, outRow) in zip(planned, outputRows) {
            guard let row = byIndex[p.template] else { continue }
            raw("<row r=\"\(outRow + 1)\"\(row.attributes)>")
            for cell in row.cells {
                let ref = A1References.cellName(row: outRow, column: cell.column)
                if let template = cell.template {
                    var missing: [String] = []
                    if p.blank {
                        raw("<c r=\"\(ref)\"\(cell.attributes)/>")
                        continue
                    }
                    if let tag = template.singleValue {
                        let value = CellTemplate.value(tag, p.scope, options, &missing)
                        writeTyped(value, ref: ref, attributes: cell.attributes, xml)
                    } else {
                        let text = template.render(p.scope, options, missing: &missing)
                        writeText(text, ref: ref, attributes: cell.attributes, xml)
                    }
                    for m in missing where reportedMissing.insert(m).inserted {
                        let severity: TemplateIssue.Severity = options.missing == .error ? .error : .warning
                        issues.append(.make(.missingValue, severity, at: TemplateLocation(file: file, part: part, cell: ref, sheet: name), tag: m))
                    }
                    continue
                }
                if let formula = cell.formula {
                    var attrs = " r=\"\(ref)\"\(cell.attributes)"
                    var fAttrs = cell.formulaAttributes
                    if let arrayRef = cell.arrayRef {
                        fAttrs += " ref=\"\(CompiledSheet.mapRanges(arrayRef, mapping, planned: planned, rows: outputRows, replicate: false))\""
                    }
                    attrs = attrs.replacingAll(" t=\"str\"", "")
                    raw("<c\(attrs)><f\(fAttrs)>")
                    xml.text(rewriteFormula(formula, p.instance))
                    raw("</f></c>")
                    continue
                }
                if let r = cell.refValue {
                    rawBytes(cell.start..<r.lowerBound)
                    raw(ref)
                    rawBytes(r.upperBound..<cell.end)
                } else {
                    rawBytes(cell.start..<cell.end)
                }
            }
            raw("</row>")
        }
        raw("</sheetData>")
        // After sheetData: ranges and formulas that refer to rows.
        var k = sheetDataEnd + 1
        cursor = tokens[sheetDataEnd].end
        var merges: [String] = []
        while k < tokens.count {
            let t = tokens[k]
            if v.isStart(k, "mergeCells"), let end = v.matchingEnd(k) {
                rawBytes(cursor..<t.start)
                for m in k..<end where v.isOpen(m, "mergeCell") {
                    if let ref = v.attribute(m, "ref") { merges.append(CompiledSheet.mapRanges(ref, mapping, planned: planned, rows: outputRows, replicate: true)) }
                }
                let all = merges.flatMap { $0.split(separator: " ").map(String.init) }
                raw("<mergeCells count=\"\(all.count)\">" + all.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>")
                cursor = tokens[end].end
                k = end + 1
                continue
            }
            if v.isStart(k, "hyperlinks"), let end = v.matchingEnd(k) {
                rawBytes(cursor..<t.start)
                raw("<hyperlinks>")
                for m in k..<end where v.isOpen(m, "hyperlink") {
                    guard let ref = v.attribute(m, "ref") else { continue }
                    let attrs = CompiledSheet.attributes(bytes, tokens[m], except: ["ref"])
                    for r in CompiledSheet.mapRanges(ref, mapping, planned: planned, rows: outputRows, replicate: true).split(separator: " ") {
                        raw("<hyperlink ref=\"\(r)\"\(attrs)/>")
                    }
                }
                raw("</hyperlinks>")
                cursor = tokens[end].end
                k = end + 1
                continue
            }
            if t.kind == .startTag || t.kind == .emptyTag {
                // sqref / ref attributes of autofilter, conditional formats, validations, selections.
                for attr in ["sqref", "ref"] {
                    guard let r = XMLAttributes(bytes, t).valueRange(attr) else { continue }
                    let value = XMLText.decode(bytes, r)
                    let mapped = CompiledSheet.mapRanges(value, mapping, planned: planned, rows: outputRows, replicate: false)
                    if mapped != value {
                        rawBytes(cursor..<r.lowerBound)
                        raw(mapped)
                        cursor = r.upperBound
                    }
                }
                if v.isStart(k, "formula") || v.isStart(k, "formula1") || v.isStart(k, "formula2"), k + 1 < tokens.count, tokens[k + 1].kind == .text {
                    let text = tokens[k + 1]
                    let f = XMLText.decode(bytes, text.start..<text.end)
                    let mapped = rewriteFormula(f, [])
                    if mapped != f {
                        rawBytes(cursor..<text.start)
                        xml.text(mapped)
                        cursor = text.end
                    }
                }
                // A page header or footer with tags: its text filled, `&` in values doubled (a
                // single `&` starts one of Excel's header codes, as `&P` the page number).
                if let hf = headerFooters.first(where: { $0.text == k + 1 }) {
                    var missing: [String] = []
                    let filled = hf.template.render(Scope(root), options, missing: &missing) { value, before in
                        var v = value.replacingAll("&", "&&")
                        // `&14` sets a font size: a value starting with a digit right after it
                        // is kept apart by a space, as Excel's own editor does.
                        if let first = v.utf8.first, first >= 0x30, first <= 0x39, CompiledSheet.endsWithFontSize(before) { v = " " + v }
                        return v
                    }
                    rawBytes(cursor..<tokens[k + 1].start)
                    xml.text(filled)
                    cursor = tokens[k + 1].end
                    for m in missing where reportedMissing.insert(m).inserted {
                        let severity: TemplateIssue.Severity = options.missing == .error ? .error : .warning
                        issues.append(.make(.missingValue, severity, at: TemplateLocation(file: file, part: part, cell: hf.element, sheet: name), tag: m))
                    }
                }
                // Row page breaks follow their row (only rowBreaks hold rows).
                if v.isOpen(k, "brk"), let r = XMLAttributes(bytes, t).valueRange("id"), let row = Int(XMLText.decode(bytes, r)), isRowBreak(k) {
                    rawBytes(cursor..<r.lowerBound)
                    raw(String(mapping.map(row - 1, end: true, from: nil, relative: false) + 1))
                    cursor = r.upperBound
                }
            }
            k += 1
        }
        rawBytes(cursor..<bytes.count)
        return (xml.finish(), issues)
    }

    /// Whether `text` (page header code) ends in a font size code: an unescaped `&` and digits.
    static func endsWithFontSize(_ text: String) -> Bool {
        let u = Array(text.utf8)
        var i = u.count
        while i > 0, u[i - 1] >= 0x30, u[i - 1] <= 0x39 { i -= 1 }
        guard i < u.count else { return false }
        var ampersands = 0
        while i > 0, u[i - 1] == UInt8(ascii: "&") { ampersands += 1; i -= 1 }
        return ampersands % 2 == 1
    }

    func isRowBreak(_ k: Int) -> Bool {
        let v = TokenView(tokens: tokens, bytes: bytes)
        var i = k
        while i > 0 {
            i -= 1
            if v.isStart(i, "rowBreaks") { return true }
            if v.isStart(i, "colBreaks") { return false }
        }
        return false
    }

    func writeTyped(_ value: TemplateValue?, ref: String, attributes: String, _ xml: XMLWriter) {
        switch value {
        case .number(let n)?:
            xml.raw("<c r=\"\(ref)\"\(attributes)><v>")
            xml.text(n.value)
            xml.raw("</v></c>")
        case .bool(let b)?:
            xml.raw("<c r=\"\(ref)\"\(attributes) t=\"b\"><v>\(b ? 1 : 0)</v></c>")
        case .date(let d)?:
            var serial = Double(d.date?.excelSerial ?? 0)
            if let t = d.time { serial += Double(t) / 86_400 }
            if d.date != nil && d.date?.excelSerial == nil {
                writeText(d.text ?? DatePicture.defaultText(d, locale: .vi), ref: ref, attributes: attributes, xml)
                return
            }
            xml.raw("<c r=\"\(ref)\"\(attributes)><v>")
            xml.text(serial)
            xml.raw("</v></c>")
        case nil, .null?:
            xml.raw("<c r=\"\(ref)\"\(attributes)/>")
        case .text(let s)? where s.isEmpty:
            xml.raw("<c r=\"\(ref)\"\(attributes)/>")
        case let v?:
            writeText(v.displayText(), ref: ref, attributes: attributes, xml)
        }
    }

    func writeText(_ text: String, ref: String, attributes: String, _ xml: XMLWriter) {
        guard !text.isEmpty else {
            xml.raw("<c r=\"\(ref)\"\(attributes)/>")
            return
        }
        xml.raw("<c r=\"\(ref)\"\(attributes) t=\"inlineStr\"><is><t xml:space=\"preserve\">")
        xml.text(text)
        xml.raw("</t></is></c>")
    }
}
