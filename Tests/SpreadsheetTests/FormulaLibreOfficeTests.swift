import Foundation
import Testing
import TestSupport
@testable import Spreadsheet

/// The engine against LibreOffice itself: every formula of ``FormulaFixture/cases`` that the
/// engine evaluates goes into a flat ODS (as `openFormula`, without cached results, so
/// LibreOffice computes them on load); LibreOffice exports the sheet as CSV and each value must
/// equal `evaluate`'s.
@Suite struct FormulaLibreOfficeTests {
    @Test func resultsEqualLibreOffice() throws {
        guard let soffice = Conformance.which("soffice") else {
            // Without LibreOffice this check is skipped, except on CI where it must run.
            #expect(!Conformance.isCI, "thiếu LibreOffice (soffice) để kiểm tra kết quả công thức")
            return
        }
        let grid = FormulaFixture.grid
        var formulas: [(Formula, FormulaValue)] = []
        for (text, expected) in FormulaFixture.cases where expected != nil {
            let f = try Formula(text)
            let value = try #require(f.evaluate(in: grid, sheet: FormulaFixture.sheet), "\(text)")
            formulas.append((f, value))
        }
        #expect(formulas.count >= 40)

        let dir = TemporaryDirectory("formula-lo")
        defer { dir.remove() }
        let input = dir.file("cong-thuc.fods")
        let document = Self.flatODS(formulas.map(\.0))
        try Self.write(document, to: input)
        let result = Shell.run(soffice, [
            "--headless", "--norestore", "-env:UserInstallation=file://" + dir.path + "/profile",
            // Comma, UTF-8, text (and error) cells quoted, numbers bare, first sheet only.
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,true,true,false,false",
            "--outdir", dir.path, input,
        ])
        let csvPath = dir.file("cong-thuc.csv")
        let csv = try #require(Self.read(csvPath), "LibreOffice không xuất CSV: \(result.stdout) \(result.stderr)")
        let rows = Self.parseCSV(csv)

        for (i, (formula, value)) in formulas.enumerated() {
            // Formulas are in column H (index 7) of row i + 1.
            let field = rows.indices.contains(i) && rows[i].count > 7 ? rows[i][7] : nil
            let got = try #require(field, "no LibreOffice value for \(formula.excel)")
            #expect(Self.same(value, got), "\(formula.excel): engine \(value), LibreOffice \(got)")
        }
    }

    // MARK: - Document

    /// Sheet "Data" with the fixture's values in A1:E6 and the formulas in H1…; sheet
    /// "Số liệu 2" with its values. Calculation settings as LibreOffice writes for Excel files.
    static func flatODS(_ formulas: [Formula]) -> String {
        func cell(_ v: FormulaValue?) -> String {
            switch v {
            case nil, .empty?: return "<table:table-cell/>"
            case .number(let x)?: return "<table:table-cell office:value-type=\"float\" office:value=\"\(x)\"/>"
            case .bool(let b)?:
                // With a boolean data style, as LibreOffice writes them (without it a logical
                // cell, and a formula referring to it, shows 1/0).
                return "<table:table-cell table:style-name=\"logical\" office:value-type=\"boolean\" office:boolean-value=\"\(b)\"/>"
            case .text("")?: return "<table:table-cell table:formula=\"of:=&quot;&quot;\"/>"
            case .text(let s)?: return "<table:table-cell office:value-type=\"string\"><text:p>\(escape(s))</text:p></table:table-cell>"
            case .error(let e)?:
                let f = e == .divisionByZero ? "1/0" : "NA()"
                return "<table:table-cell table:formula=\"of:=\(f)\"/>"
            }
        }
        var data = ""
        let rowCount = max(FormulaFixture.data.count, formulas.count)
        for r in 0..<rowCount {
            data += "<table:table-row>"
            let values = r < FormulaFixture.data.count ? FormulaFixture.data[r] : []
            for c in 0..<5 { data += cell(c < values.count ? values[c] : nil) }
            data += "<table:table-cell table:number-columns-repeated=\"2\"/>"
            if r < formulas.count {
                data += "<table:table-cell table:formula=\"\(escape(formulas[r].openFormula))\"/>"
            }
            data += "</table:table-row>"
        }
        var second = ""
        for row in FormulaFixture.secondData {
            second += "<table:table-row>" + row.map(cell).joined() + "</table:table-row>"
        }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3" \
        office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
        <office:automatic-styles><number:boolean-style style:name="N99"><number:boolean/></number:boolean-style>
        <style:style style:name="logical" style:family="table-cell" style:data-style-name="N99"/></office:automatic-styles>
        <office:body><office:spreadsheet>
        <table:calculation-settings table:case-sensitive="false" table:automatic-find-labels="false" \
        table:use-regular-expressions="false" table:use-wildcards="true"/>
        <table:table table:name="\(FormulaFixture.sheet)">\(data)</table:table>
        <table:table table:name="\(escape(FormulaFixture.second))">\(second)</table:table>
        </office:spreadsheet></office:body></office:document>
        """
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    // MARK: - Comparing

    /// Whether LibreOffice's CSV field shows `value`: numbers to 15 significant digits (a
    /// result LibreOffice formats as percent keeps its `%`), text and errors quoted, logical
    /// values as TRUE/FALSE.
    static func same(_ value: FormulaValue, _ field: CSVField) -> Bool {
        switch value {
        case .number(let x):
            guard !field.quoted else { return false }
            var text = Substring(field.text)
            var scale = 1.0
            if text.hasSuffix("%") { text.removeLast(); scale = 100 }
            guard let y = Double(text).map({ $0 / scale }) else { return false }
            if FormulaMath.displayed(x) == FormulaMath.displayed(y) { return true }
            // LibreOffice prints at most 20 decimals (0.00000027206492835644).
            if scale == 1, !text.contains("E"), let dot = text.firstIndex(of: ".") {
                let decimals = text.distance(from: dot, to: text.endIndex) - 1
                if decimals >= 20, let d = FormulaDecimal(x) {
                    return d.rounded(places: decimals, mode: .nearest).double == y
                }
            }
            return false
        case .text(let s): return field.quoted && field.text == s
        case .bool(let b): return !field.quoted && field.text == (b ? "TRUE" : "FALSE")
        case .error(let e): return field.text == e.rawValue
        case .empty: return field.text.isEmpty
        }
    }

    struct CSVField: CustomStringConvertible {
        var text: String
        var quoted: Bool
        var description: String { quoted ? "\"\(text)\"" : text }
    }

    static func parseCSV(_ text: String) -> [[CSVField]] {
        var rows: [[CSVField]] = []
        var row: [CSVField] = []
        var field = ""
        var quoted = false
        var inQuotes = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { inQuotes = false }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"": inQuotes = true; quoted = true
            case ",":
                row.append(CSVField(text: field, quoted: quoted)); field = ""; quoted = false
            case "\n", "\r\n", "\r":
                row.append(CSVField(text: field, quoted: quoted)); field = ""; quoted = false
                rows.append(row); row = []
            default: field.append(c)
            }
        }
        if !field.isEmpty || quoted || !row.isEmpty {
            row.append(CSVField(text: field, quoted: quoted))
            rows.append(row)
        }
        return rows
    }

    // MARK: - Files

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
}
