import Foundation
import OfficePackage
import OfficeXML
import OfficeZip
import Vietnamese

/// SpreadsheetML (ECMA-376) writer.
///
/// Each sheet is one streamed part: rows go to the compressor as they are written; the part's
/// head (`<dimension>`, panes, `<cols>` with autofit widths) is only known at the end and is
/// placed in front of the compressed rows by `ZipEntryStream.setPrefix`.
final class XLSXBackend: WorkbookBackend {
    static let mainNS: StaticString = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS: StaticString = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let sheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

    let package: OOXMLPackage
    let options: WorkbookOptions
    @exclusivity(unchecked) var strings: SharedStringTable
    private var stream: ZipEntryStream?
    private var xml: XMLWriter?
    private var removed = 0
    /// The last row written in the current sheet (-1: none yet).
    private var previousRow = -1
    /// Prepared cell start tags by style index.
    private let cellTags = XLSXCellTag.table()
    /// The markup of the row being written (see `MarkupScratch`).
    private let markup = MarkupScratch()
    private var hasFormulaWithoutResult = false
    /// Per sheet: relationships of the sheet part (drawings), filled by chart support.
    var sheetRelationshipTargets: [Int: [(type: String, target: String)]] = [:]
    /// Sheets written (names and part names).
    private var parts: [(name: String, part: String)] = []

    var removedCharacterCount: Int { removed + (xml?.removedCharacterCount ?? 0) }

    init(path: String, properties: DocumentProperties, options: WorkbookOptions) throws {
        package = try OOXMLPackage(path: path, properties: properties, threads: options.threads)
        self.options = options
        strings = SharedStringTable(capacity: options.sharedStringCandidates)
    }

    // MARK: Sheets

    func beginSheet(_ sheet: SheetWriter) throws {
        let part = "xl/worksheets/sheet\(sheet.index + 1).xml"
        parts.append((sheet.name, part))
        let s = try package.zip.beginEntry(part, method: .deflate(level: options.compressionLevel))
        package.addContentTypeOverride(part: part, contentType: XLSXBackend.sheetType)
        stream = s
        let w = XMLWriter(capacity: 1 << 20, sink: s, flushThreshold: 1 << 20, illegalCharacters: .spreadsheetRemove)
        xml = w
        previousRow = -1
        registerCharts(sheet)
    }

    /// Writes one row. Consecutive rows and cells carry no `r` reference (ECMA-376 makes it
    /// optional: a row without one follows the previous row, a cell the previous cell); a row
    /// or cell after a gap names itself. The references were over a quarter of a sheet's XML and
    /// compress badly (every one differs), so leaving them out halves what deflate pays for.
    /// Openpyxl, python-calamine and LibreOffice read both forms (XLSXReferenceTests).
    func writeRow(_ sheet: SheetWriter, _ row: Int, _ cells: [Cell], startColumn: Int, options rowOptions: RowOptions) throws {
        guard let w = xml else { return }
        // A row with nothing in it is not written; the next row then names itself.
        if rowOptions == .automatic && !cells.contains(where: { $0.value != .empty || $0.style.index != 0 }) { return }
        let r = row + 1
        w.start("row")
        if row != previousRow + 1 { w.attribute("r", r) }
        previousRow = row
        if let h = rowOptions.height {
            w.attribute("ht", h)
            w.attribute("customHeight", raw: "1")
        }
        if rowOptions.hidden { w.attribute("hidden", raw: "1") }
        var column = startColumn
        // The column the next cell may leave implicit.
        var expected = 0
        let m = markup
        for cell in cells {
            defer { column += 1 }
            let s = cell.style.index
            let named = column != expected
            switch cell.value {
            case .empty:
                if s != 0 {
                    startCell(s, XLSXCellTag.empty, named: named, column: column, row: r)
                    expected = column + 1
                }
            case .integer(let v):
                startCell(s, XLSXCellTag.number, named: named, column: column, row: r)
                m.putDecimal(v)
                m.put("</v></c>")
                expected = column + 1
            case .number(let v) where v.isFinite:
                startCell(s, XLSXCellTag.number, named: named, column: column, row: r)
                // The writer's exact shortest form of a double.
                m.flush(to: w)
                w.text(v)
                m.put("</v></c>")
                expected = column + 1
            case .text(let text):
                try writeText(w, text, sheet: sheet, row: row, column: column, style: s, named: named)
                expected = column + 1
            default:
                m.flush(to: w)
                try writeOtherCell(w, cell, sheet: sheet, row: row, column: column, named: named)
                expected = column + 1
            }
        }
        m.flush(to: w)
        w.end()
        w.flushIfNeeded()
    }

    /// Puts a prepared start tag (`<c s="3" t="s"><v>`) into the row's markup, with `r="B12"`
    /// after `<c` when the cell does not follow the previous one.
    @inline(__always)
    private func startCell(_ style: Int, _ kind: Int, named: Bool, column: Int, row: Int) {
        let tag = cellTags.tag(style, kind)
        if named {
            markup.put("<c r=\"")
            markup.putColumnLetters(column)
            markup.putDecimal(row)
            markup.put("\"")
            markup.put(UnsafeRawBufferPointer(rebasing: tag[2...]))
        } else {
            markup.put(tag)
        }
    }

    /// Booleans, dates, formulas and non-finite numbers: the general path.
    private func writeOtherCell(_ w: XMLWriter, _ cell: Cell, sheet: SheetWriter, row: Int, column: Int, named: Bool) throws {
        let r = row + 1
        let s = cell.style.index
        switch cell.value {
        case .number:
            // NaN/∞ cannot be stored as numbers: Excel's error value instead.
            w.start("c")
            if named { w.attribute("r", column: column, row: r) }
            if s != 0 { w.attribute("s", s) }
            w.attribute("t", raw: "e")
            w.start("v"); w.raw("#NUM!"); w.end()
            w.end()
        case .bool(let b):
            w.start("c")
            if named { w.attribute("r", column: column, row: r) }
            if s != 0 { w.attribute("s", s) }
            w.attribute("t", raw: "b")
            w.start("v"); w.raw(b ? "1" : "0"); w.end()
            w.end()
        case .date(let d):
            let ds = sheet.workbook.dateStyle(for: cell.style).index
            w.start("c")
            if named { w.attribute("r", column: column, row: r) }
            w.attribute("s", ds)
            if let serial = d.excelSerial {
                w.start("v"); w.text(serial); w.end()
            } else {
                // Before 1900: Excel has no serial; keep the date as text.
                w.attribute("t", raw: "inlineStr")
                w.start("is"); w.start("t"); w.text(d.formatted(.numeric)); w.end(); w.end()
            }
            w.end()
        case .formula(let f):
            let text: String
            do { text = try FormulaSupport.excel(f.expression) } catch {
                throw SpreadsheetError(.invalidFormula, "Trang «\(sheet.name)», ô \(CellAddress(row: row, column: column)): \(error.message)")
            }
            w.start("c")
            if named { w.attribute("r", column: column, row: r) }
            if s != 0 { w.attribute("s", s) }
            let result = f.result
            switch result {
            case .text?: w.attribute("t", raw: "str")
            case .bool?: w.attribute("t", raw: "b")
            case .error?: w.attribute("t", raw: "e")
            default: break
            }
            w.start("f"); w.text(text); w.end()
            switch result {
            case .number(let v)?: w.start("v"); w.text(v); w.end()
            case .text(let t)?: w.start("v"); w.text(t); w.end()
            case .bool(let b)?: w.start("v"); w.raw(b ? "1" : "0"); w.end()
            case .error(let e)?: w.start("v"); w.text(e); w.end()
            case nil: hasFormulaWithoutResult = true
            }
            w.end()
        case .empty, .integer, .text:
            preconditionFailure("written by writeRow")
        }
    }

    private func writeText(_ w: XMLWriter, _ text: String, sheet: SheetWriter, row: Int, column: Int, style s: Int, named: Bool) throws {
        var text = text
        try text.withUTF8 { bytes in
            // Excel counts UTF-16 units; only texts of more UTF-8 bytes than the limit can exceed it.
            if bytes.count > SheetLimits.xlsxTextLength {
                let n = String(decoding: bytes, as: UTF8.self).utf16.count
                if n > SheetLimits.xlsxTextLength {
                    throw SpreadsheetError(.textTooLong, "Trang «\(sheet.name)», ô \(CellAddress(row: row, column: column)): văn bản dài \(VietnameseNumber.format(n)) ký tự, quá \(VietnameseNumber.format(SheetLimits.xlsxTextLength)) ký tự một ô XLSX chứa được. Hãy ghi ra ODS (không giới hạn) hoặc rút gọn.")
                }
            }
            switch strings.lookup(bytes) {
            case .shared(let index):
                startCell(s, XLSXCellTag.shared, named: named, column: column, row: row + 1)
                markup.putDecimal(index)
                markup.put("</v></c>")
            case .inline:
                let preserve = XMLWriter.needsSpacePreservation(bytes)
                startCell(s, preserve ? XLSXCellTag.inlinePreserved : XLSXCellTag.inline, named: named, column: column, row: row + 1)
                // Text goes through the writer, the only escaper.
                markup.flush(to: w)
                w.text(utf8: bytes)
                markup.put("</t></is></c>")
            }
        }
    }

    func endSheet(_ sheet: SheetWriter) throws {
        guard let w = xml, let s = stream else { return }
        w.raw("</sheetData>")   // opened by the head (the prefix)
        writeTail(w, sheet)
        w.raw("</worksheet>")
        removed += w.removedCharacterCount
        w.flush()
        s.setPrefix(head(sheet))
        xml = nil
        stream = nil
        try s.finish()
        try writeCharts(sheet)
    }

    /// Everything before `<sheetData>`.
    private func head(_ sheet: SheetWriter) -> [UInt8] {
        let w = XMLWriter(capacity: 4096)
        w.declaration()
        w.start("worksheet")
        w.attribute("xmlns", raw: XLSXBackend.mainNS)
        w.attribute("xmlns:r", raw: XLSXBackend.relNS)
        let setup = sheet.setup
        let fit = setup.print.fitToWidth != nil || setup.print.fitToHeight != nil
        if setup.tabColor != nil || fit {
            w.start("sheetPr")
            if let c = setup.tabColor {
                w.start("tabColor"); w.attribute("rgb", "FF" + c.hex); w.end()
            }
            if fit {
                w.start("pageSetUpPr"); w.attribute("fitToPage", raw: "1"); w.end()
            }
            w.end()
        }
        w.start("dimension"); w.attribute("ref", sheet.dimension.a1); w.end()
        w.start("sheetViews")
        w.start("sheetView")
        if !setup.showGridLines { w.attribute("showGridLines", raw: "0") }
        if sheet.index == 0 { w.attribute("tabSelected", raw: "1") }
        w.attribute("workbookViewId", raw: "0")
        if let f = setup.freeze, f.row > 0 || f.column > 0 {
            let pane: StaticString = f.row > 0 && f.column > 0 ? "bottomRight" : (f.row > 0 ? "bottomLeft" : "topRight")
            w.start("pane")
            if f.column > 0 { w.attribute("xSplit", f.column) }
            if f.row > 0 { w.attribute("ySplit", f.row) }
            w.attribute("topLeftCell", f.a1)
            w.attribute("activePane", raw: pane)
            w.attribute("state", raw: "frozen")
            w.end()
            w.start("selection")
            w.attribute("pane", raw: pane)
            w.attribute("activeCell", f.a1)
            w.attribute("sqref", f.a1)
            w.end()
        }
        w.end()
        w.end()
        w.start("sheetFormatPr")
        // Widths are whole columns in points (padding included): Excel stores pixels / digit width.
        let metrics = ColumnMetrics(defaultFontSize: sheet.workbook.styles[.default].font.size)
        func excelWidth(_ points: Double) -> Double { metrics.excelWidth(pixels: ColumnMetrics.pixels(points: points)) }
        if let d = setup.defaultColumnWidth { w.attribute("defaultColWidth", excelWidth(d)) }
        w.attribute("defaultRowHeight", RowUnits.defaultRowHeight(fontSize: sheet.workbook.styles[.default].font.size))
        w.end()
        let widths = sheet.columnWidths()
        var cols: [(Int, Int, Double?, Bool, Int?)] = []
        for c in 0..<max(widths.count, setup.columns.count) {
            let spec = c < setup.columns.count ? setup.columns[c] : SheetColumn()
            let width = c < widths.count ? widths[c] : nil
            if width == nil && !spec.hidden && spec.style == nil { continue }
            // Merge runs of identical columns into one <col min max>.
            if let last = cols.last, last.1 == c - 1, last.2 == width, last.3 == spec.hidden, last.4 == spec.style?.index {
                cols[cols.count - 1].1 = c
            } else {
                cols.append((c, c, width, spec.hidden, spec.style?.index))
            }
        }
        if !cols.isEmpty {
            w.start("cols")
            for (first, last, width, hidden, style) in cols {
                w.start("col")
                w.attribute("min", first + 1)
                w.attribute("max", last + 1)
                w.attribute("width", excelWidth(width ?? 48))
                if let style { w.attribute("style", style) }
                if hidden { w.attribute("hidden", raw: "1") }
                if width != nil { w.attribute("customWidth", raw: "1") }
                w.end()
            }
            w.end()
        }
        w.raw("<sheetData>")
        return w.bytes   // open elements stay open: the streamed rows close them

    }

    private func writeTail(_ w: XMLWriter, _ sheet: SheetWriter) {
        let setup = sheet.setup
        if let f = setup.autoFilter {
            w.start("autoFilter"); w.attribute("ref", f.a1); w.end()
        }
        if !setup.merges.isEmpty {
            w.start("mergeCells")
            w.attribute("count", setup.merges.count)
            for m in setup.merges {
                w.start("mergeCell"); w.attribute("ref", m.a1); w.end()
            }
            w.end()
        }
        let p = setup.print
        if p.centerHorizontally {
            w.start("printOptions"); w.attribute("horizontalCentered", raw: "1"); w.end()
        }
        w.start("pageMargins")
        w.attribute("left", p.margins.left / 25.4)
        w.attribute("right", p.margins.right / 25.4)
        w.attribute("top", p.margins.top / 25.4)
        w.attribute("bottom", p.margins.bottom / 25.4)
        w.attribute("header", p.margins.header / 25.4)
        w.attribute("footer", p.margins.footer / 25.4)
        w.end()
        w.start("pageSetup")
        w.attribute("paperSize", p.paper.xlsxCode)
        if let fw = p.fitToWidth { w.attribute("fitToWidth", fw) }
        if p.fitToWidth != nil || p.fitToHeight != nil { w.attribute("fitToHeight", p.fitToHeight ?? 0) }
        w.attribute("orientation", raw: p.orientation == .landscape ? "landscape" : "portrait")
        w.end()
        if !p.header.isEmpty || !p.footer.isEmpty {
            w.start("headerFooter")
            if !p.header.isEmpty { w.element("oddHeader", text: XLSXBackend.headerFooterCode(p.header)) }
            if !p.footer.isEmpty { w.element("oddFooter", text: XLSXBackend.headerFooterCode(p.footer)) }
            w.end()
        }
        if let rels = sheetRelationshipTargets[sheet.index], let drawing = rels.first(where: { $0.type == RelationshipType.drawing }) {
            let id = package.relate(from: "xl/worksheets/sheet\(sheet.index + 1).xml", type: drawing.type, target: drawing.target)
            w.start("drawing"); w.attribute("r:id", id); w.end()
        }
    }

    /// "&L…&C…&R…" with the fields as Excel's codes (&P, &N, &A, &F); "&" in text doubled.
    static func headerFooterCode(_ h: HeaderFooter) -> String {
        func section(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&&")
                .replacingOccurrences(of: "&&[Trang]", with: "&P").replacingOccurrences(of: "&&[Số trang]", with: "&N")
                .replacingOccurrences(of: "&&[Trang tính]", with: "&A").replacingOccurrences(of: "&&[Tệp]", with: "&F")
        }
        var out = ""
        if !h.left.isEmpty { out += "&L" + section(h.left) }
        if !h.center.isEmpty { out += "&C" + section(h.center) }
        if !h.right.isEmpty { out += "&R" + section(h.right) }
        return out
    }

    // MARK: Workbook parts

    func close(_ workbook: WorkbookWriter) throws {
        let wbPart = "xl/workbook.xml"
        package.relate(from: "", type: RelationshipType.officeDocument, target: wbPart)
        var sheetIDs: [String] = []
        for (_, part) in parts {
            sheetIDs.append(package.relate(from: wbPart, type: RelationshipType.worksheet,
                                           target: String(part.dropFirst("xl/".count))))
        }
        package.relate(from: wbPart, type: RelationshipType.styles, target: "styles.xml")
        let stylesXML = XLSXStyles(workbook.styles)
        try package.addXMLPart("xl/styles.xml", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml") {
            stylesXML.write($0)
        }
        if !strings.shared.isEmpty {
            package.relate(from: wbPart, type: RelationshipType.sharedStrings, target: "sharedStrings.xml")
            let table = strings
            try package.addXMLPart("xl/sharedStrings.xml", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
                                   illegalCharacters: .spreadsheetRemove) { w in
                w.declaration()
                w.start("sst")
                w.attribute("xmlns", raw: XLSXBackend.mainNS)
                w.attribute("count", table.references + table.shared.count)
                w.attribute("uniqueCount", table.shared.count)
                table.forEachShared { bytes in
                    w.start("si")
                    w.start("t")
                    if XMLWriter.needsSpacePreservation(bytes) { w.attribute("xml:space", raw: "preserve") }
                    w.text(utf8: bytes)
                    w.end()
                    w.end()
                    w.flushIfNeeded()
                }
                w.end()
            }
        }
        let sheets = workbook.sheets
        let names = definedNames(workbook)
        let recalc = hasFormulaWithoutResult
        try package.addXMLPart(wbPart, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml") { w in
            w.declaration()
            w.start("workbook")
            w.attribute("xmlns", raw: XLSXBackend.mainNS)
            w.attribute("xmlns:r", raw: XLSXBackend.relNS)
            w.start("workbookPr"); w.attribute("defaultThemeVersion", raw: "124226"); w.end()
            w.start("bookViews")
            w.start("workbookView"); w.attribute("activeTab", raw: "0"); w.end()
            w.end()
            w.start("sheets")
            for (i, sheet) in sheets.enumerated() {
                w.start("sheet")
                w.attribute("name", sheet.name)
                w.attribute("sheetId", i + 1)
                w.attribute("r:id", sheetIDs[i])
                w.end()
            }
            w.end()
            if !names.isEmpty {
                w.start("definedNames")
                for n in names {
                    w.start("definedName")
                    w.attribute("name", n.name)
                    if let local = n.localSheet { w.attribute("localSheetId", local) }
                    if n.hidden { w.attribute("hidden", raw: "1") }
                    w.text(n.formula)
                    w.end()
                }
                w.end()
            }
            w.start("calcPr")
            w.attribute("calcId", raw: "191029")
            // Cached results are ours; when some are missing, readers must recalculate.
            if recalc { w.attribute("fullCalcOnLoad", raw: "1") }
            w.end()
            w.end()
        }
        try package.close()
    }

    struct Name { var name: String; var localSheet: Int?; var hidden: Bool; var formula: String }

    private func definedNames(_ workbook: WorkbookWriter) -> [Name] {
        var out: [Name] = []
        for (i, sheet) in workbook.sheets.enumerated() {
            let q = FormulaSupport.quotedSheet(sheet.name)
            let p = sheet.setup.print
            if let f = sheet.setup.autoFilter {
                out.append(Name(name: "_xlnm._FilterDatabase", localSheet: i, hidden: true, formula: "\(q)!\(FormulaSupport.absolute(f))"))
            }
            if let area = p.area {
                out.append(Name(name: "_xlnm.Print_Area", localSheet: i, hidden: false, formula: "\(q)!\(FormulaSupport.absolute(area))"))
            }
            var titles: [String] = []
            if let c = p.repeatColumns {
                titles.append("\(q)!$\(CellAddress.columnName(c.lowerBound)):$\(CellAddress.columnName(c.upperBound))")
            }
            if let r = p.repeatRows {
                titles.append("\(q)!$\(r.lowerBound + 1):$\(r.upperBound + 1)")
            }
            if !titles.isEmpty {
                out.append(Name(name: "_xlnm.Print_Titles", localSheet: i, hidden: false, formula: titles.joined(separator: ",")))
            }
        }
        for n in workbook.definedNames {
            let local = n.localToSheet ? workbook.sheets.firstIndex { $0.name == n.sheet } : nil
            out.append(Name(name: n.name, localSheet: local, hidden: false,
                            formula: "\(FormulaSupport.quotedSheet(n.sheet))!\(FormulaSupport.absolute(n.range))"))
        }
        return out
    }

    func discard() {
        stream?.abort()
        stream = nil
        package.discard()
    }
}

/// `xl/styles.xml` from the style table: fonts, fills, borders and number formats each
/// deduplicated, one `xf` per registered style (its index is the cell's `s`).
struct XLSXStyles {
    let table: StyleTable
    init(_ table: StyleTable) { self.table = table }

    func write(_ w: XMLWriter) {
        var fonts: [Font] = [], fontIndex: [Font: Int] = [:]
        var fills: [Color?] = [nil], fillIndex: [Color?: Int] = [:]
        var borders: [Borders] = [.none], borderIndex: [Borders: Int] = [Borders.none: 0]
        var customFormats: [String] = [], formatIndex: [String: Int] = [:]
        struct XF { var font: Int, fill: Int, border: Int, numFmt: Int, alignment: Alignment }
        var xfs: [XF] = []
        for style in table.styles {
            let font = fontIndex[style.font] ?? { fonts.append(style.font); fontIndex[style.font] = fonts.count - 1; return fonts.count - 1 }()
            var fill = 0
            if let c = style.fill {
                // 0 = none and 1 = gray125 are reserved by the format.
                fill = fillIndex[c] ?? { fills.append(c); fillIndex[c] = fills.count; return fills.count }()
            }
            let border = borderIndex[style.borders] ?? { borders.append(style.borders); borderIndex[style.borders] = borders.count - 1; return borders.count - 1 }()
            var numFmt = style.numberFormat.builtinID ?? -1
            if numFmt < 0 {
                let code = style.numberFormat.code
                numFmt = formatIndex[code] ?? { customFormats.append(code); formatIndex[code] = 163 + customFormats.count; return 163 + customFormats.count }()
            }
            xfs.append(XF(font: font, fill: fill, border: border, numFmt: numFmt, alignment: style.alignment))
        }

        w.declaration()
        w.start("styleSheet")
        w.attribute("xmlns", raw: XLSXBackend.mainNS)
        if !customFormats.isEmpty {
            w.start("numFmts")
            w.attribute("count", customFormats.count)
            for (i, code) in customFormats.enumerated() {
                w.start("numFmt"); w.attribute("numFmtId", 164 + i); w.attribute("formatCode", code); w.end()
            }
            w.end()
        }
        w.start("fonts")
        w.attribute("count", fonts.count)
        for f in fonts {
            w.start("font")
            if f.bold { w.start("b"); w.end() }
            if f.italic { w.start("i"); w.end() }
            if f.strike { w.start("strike"); w.end() }
            switch f.underline {
            case .single: w.start("u"); w.end()
            case .double: w.start("u"); w.attribute("val", raw: "double"); w.end()
            case .none: break
            }
            w.start("sz"); w.attribute("val", f.size); w.end()
            if let c = f.color { w.start("color"); w.attribute("rgb", "FF" + c.hex); w.end() }
            w.start("name"); w.attribute("val", f.name); w.end()
            w.start("family"); w.attribute("val", raw: "1"); w.end()
            w.start("charset"); w.attribute("val", raw: "163"); w.end()   // Vietnamese
            w.end()
        }
        w.end()
        w.start("fills")
        w.attribute("count", fills.count + 1)
        w.raw("<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>")
        for c in fills.dropFirst() {
            w.start("fill")
            w.start("patternFill")
            w.attribute("patternType", raw: "solid")
            w.start("fgColor"); w.attribute("rgb", "FF" + c!.hex); w.end()
            w.start("bgColor"); w.attribute("indexed", raw: "64"); w.end()
            w.end()
            w.end()
        }
        w.end()
        w.start("borders")
        w.attribute("count", borders.count)
        for b in borders {
            w.start("border")
            for (name, side) in [("left", b.left), ("right", b.right), ("top", b.top), ("bottom", b.bottom)] as [(StaticString, Border?)] {
                w.start(name)
                if let side {
                    w.attribute("style", raw: XLSXStyles.borderStyle(side.line))
                    w.start("color"); w.attribute("rgb", "FF" + side.color.hex); w.end()
                }
                w.end()
            }
            w.start("diagonal"); w.end()
            w.end()
        }
        w.end()
        w.raw("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
        w.start("cellXfs")
        w.attribute("count", xfs.count)
        for x in xfs {
            w.start("xf")
            w.attribute("numFmtId", x.numFmt)
            w.attribute("fontId", x.font)
            w.attribute("fillId", x.fill)
            w.attribute("borderId", x.border)
            w.attribute("xfId", raw: "0")
            if x.numFmt != 0 { w.attribute("applyNumberFormat", raw: "1") }
            if x.font != 0 { w.attribute("applyFont", raw: "1") }
            if x.fill != 0 { w.attribute("applyFill", raw: "1") }
            if x.border != 0 { w.attribute("applyBorder", raw: "1") }
            let a = x.alignment
            if a != Alignment() {
                w.attribute("applyAlignment", raw: "1")
                w.start("alignment")
                switch a.horizontal {
                case .general: break
                case .left: w.attribute("horizontal", raw: "left")
                case .center: w.attribute("horizontal", raw: "center")
                case .right: w.attribute("horizontal", raw: "right")
                case .justify: w.attribute("horizontal", raw: "justify")
                case .fill: w.attribute("horizontal", raw: "fill")
                case .centerAcrossSelection: w.attribute("horizontal", raw: "centerContinuous")
                }
                switch a.vertical {
                case .bottom: break
                case .center: w.attribute("vertical", raw: "center")
                case .top: w.attribute("vertical", raw: "top")
                case .justify: w.attribute("vertical", raw: "justify")
                }
                if a.rotation != 0 {
                    let r = max(-90, min(90, a.rotation))
                    w.attribute("textRotation", r >= 0 ? r : 90 - r)
                }
                if a.wrap { w.attribute("wrapText", raw: "1") }
                if a.indent > 0 { w.attribute("indent", a.indent) }
                w.end()
            }
            w.end()
        }
        w.end()
        w.raw("<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles><dxfs count=\"0\"/><tableStyles count=\"0\"/>")
        w.end()
    }

    static func borderStyle(_ line: BorderLine) -> StaticString {
        switch line {
        case .thin: return "thin"
        case .medium: return "medium"
        case .thick: return "thick"
        case .double: return "double"
        case .dotted: return "dotted"
        case .dashed: return "dashed"
        case .hair: return "hair"
        }
    }
}

/// The start tags of the cells of each style, prepared once (by both writers): the hot cells
/// are then a copy of these bytes, the value and a fixed end tag (`<c s="3" t="s"><v>` 12
/// `</v></c>`). Kept in raw memory so the writers touch no reference counts per cell.
final class CellTagTable {
    /// Tags per style.
    let kinds: Int
    /// The tags of one style, `kinds` of them, built when the style is first met.
    private let build: (Int) -> [String]
    private var bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1024)
    private var capacity = 1024
    private var used = 0
    /// Per style, `kinds + 1` offsets into `bytes`: tag k is `[k, k + 1)`; -1 = not built yet.
    private var spans: UnsafeMutablePointer<Int>
    private var styles = 16

    init(kinds: Int, build: @escaping (Int) -> [String]) {
        self.kinds = kinds
        self.build = build
        spans = .allocate(capacity: styles * (kinds + 1))
        spans.initialize(repeating: -1, count: styles * (kinds + 1))
    }

    deinit {
        bytes.deallocate()
        spans.deallocate()
    }

    /// Tag `kind` of style `style`.
    @inline(__always)
    func tag(_ style: Int, _ kind: Int) -> UnsafeRawBufferPointer {
        let base = style &* (kinds &+ 1)
        if style >= styles || spans[base] < 0 { prepare(style) }
        let start = spans[base &+ kind]
        return UnsafeRawBufferPointer(start: bytes + start, count: spans[base &+ kind &+ 1] &- start)
    }

    private func prepare(_ style: Int) {
        let stride = kinds + 1
        if style >= styles {
            var n = styles
            while n <= style { n *= 2 }
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: n * stride)
            grown.update(from: spans, count: styles * stride)
            (grown + styles * stride).initialize(repeating: -1, count: (n - styles) * stride)
            spans.deallocate()
            spans = grown
            styles = n
        }
        let tags = build(style)
        precondition(tags.count == kinds)
        spans[style * stride] = used
        for (k, tag) in tags.enumerated() {
            append(Array(tag.utf8))
            spans[style * stride + 1 + k] = used
        }
    }

    private func append(_ b: [UInt8]) {
        if used + b.count > capacity {
            var n = capacity * 2
            while n < used + b.count { n *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
            grown.update(from: bytes, count: used)
            bytes.deallocate()
            bytes = grown
            capacity = n
        }
        (bytes + used).update(from: b, count: b.count)
        used += b.count
    }
}

/// The kinds of XLSX cell start tags.
enum XLSXCellTag {
    /// `<c s="N"><v>` (numbers).
    static let number = 0
    /// `<c s="N" t="s"><v>` (shared strings).
    static let shared = 1
    /// `<c s="N" t="inlineStr"><is><t>`.
    static let inline = 2
    /// `<c s="N" t="inlineStr"><is><t xml:space="preserve">`.
    static let inlinePreserved = 3
    /// `<c s="N"/>` (an empty cell that keeps its style).
    static let empty = 4

    static func table() -> CellTagTable {
        CellTagTable(kinds: 5) { style in
            let head = style == 0 ? "<c" : "<c s=\"\(style)\""
            return [head + "><v>", head + " t=\"s\"><v>", head + " t=\"inlineStr\"><is><t>",
                    head + " t=\"inlineStr\"><is><t xml:space=\"preserve\">", head + "/>"]
        }
    }
}

/// The markup of the row being written — tags, references, numbers — gathered here and
/// handed to the XML writer in one piece, or just before a text the writer escapes: a call
/// into the writer per tag cost more than the tags themselves.
final class MarkupScratch {
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(capacity: Int = 1 << 14) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit { base.deallocate() }

    @inline(__always)
    private func reserve(_ n: Int) {
        if count &+ n > capacity { grow(n) }
    }

    private func grow(_ n: Int) {
        var c = capacity * 2
        while c < count + n { c *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = c
    }

    @inline(__always)
    func put(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        reserve(n)
        let src = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        if n <= 16 {
            var i = 0
            while i < n { base[count &+ i] = src[i]; i &+= 1 }
        } else {
            (base + count).update(from: src, count: n)
        }
        count &+= n
    }

    @inline(__always)
    func put(_ s: StaticString) {
        put(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// A non-negative integer in decimal (style and string indexes, row numbers, integers of
    /// either sign).
    @inline(__always)
    func putDecimal(_ value: Int) {
        reserve(20)
        count &+= XMLWriter.putDecimal(value, at: base + count)
    }

    /// Column letters of a zero-based column (0 → A, 26 → AA).
    func putColumnLetters(_ column: Int) {
        var letters: [UInt8] = []
        var n = column + 1
        while n > 0 {
            letters.append(UInt8(65 + (n - 1) % 26))
            n = (n - 1) / 26
        }
        letters.reverse()
        letters.withUnsafeBytes { put($0) }
    }

    /// Hands the gathered markup to `w`.
    @inline(__always)
    func flush(to w: XMLWriter) {
        if count > 0 {
            w.raw(UnsafeRawBufferPointer(start: base, count: count))
            count = 0
        }
    }
}

/// Row heights in Excel's units.
enum RowUnits {
    /// Excel's default row height for a default font of `size` points (15.75 for 12 pt).
    static func defaultRowHeight(fontSize: Double) -> Double {
        ((fontSize * 1.3125) * 4).rounded() / 4
    }
}
