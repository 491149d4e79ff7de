import Foundation
import Testing
import TestSupport
@testable import Spreadsheet

/// Cached results of buffered sheets' formulas: computed by tdkt over the buffers, checked
/// against the engine's rules here and against LibreOffice's own recalculation.
@Suite("Cached formula results of buffered sheets")
struct BufferedResultsTests {
    /// "Tổng hợp" (first) reads "Chi tiết" (written after it); some formulas read other
    /// formulas; one is circular, one uses a function the engine does not compute.
    static func sheets() throws -> [SheetBuffer] {
        var detail = SheetBuffer(name: "Chi tiết")
        detail[0, 0] = "Đơn vị"; detail[0, 1] = "Danh hiệu"; detail[0, 2] = "Số người"
        let rows: [(String, String, Int)] = [
            ("Sở Nội vụ", "LĐTT", 28), ("Sở Tư pháp", "CSTĐCS", 4), ("Sở Y tế", "LĐTT", 120),
            ("Sở Nội vụ", "CSTĐCS", 5), ("UBND huyện Định Hóa", "LĐTT", 61),
        ]
        for (i, r) in rows.enumerated() {
            detail[i + 1, 0] = Cell(.text(r.0)); detail[i + 1, 1] = Cell(.text(r.1)); detail[i + 1, 2] = Cell(.integer(r.2))
        }
        // A subtotal row inside the range: SUBTOTAL skips it, SUM does not.
        detail[6, 1] = "Cộng"; detail[6, 2] = .formula(CellFormula("SUBTOTAL(9,C2:C6)"))
        // A hidden row (SUBTOTAL 109 skips it).
        detail[7, 0] = "Ẩn"; detail[7, 2] = 1000
        detail.setRow(7, options: RowOptions(hidden: true))

        var summary = SheetBuffer(name: "Tổng hợp")
        let formulas = [
            "SUM('Chi tiết'!C2:C6)",
            "COUNTIF('Chi tiết'!B2:B6,\"LĐTT\")",
            "SUMIFS('Chi tiết'!C2:C6,'Chi tiết'!A2:A6,\"Sở Nội vụ\")",
            "AVERAGE('Chi tiết'!C2:C6)",
            "ROUND(A1/3,2)",                       // reads the formula above
            "IF(A5>70,\"nhiều\",\"ít\")",          // reads a formula that reads a formula
            "RANK('Chi tiết'!C3,'Chi tiết'!C2:C6)",
            "SUBTOTAL(109,'Chi tiết'!C2:C9)",      // skips the subtotal and the hidden row
            "SUM('Chi tiết'!C2:C9)",               // counts both
            "MAX('Chi tiết'!C2:C6)-MIN('Chi tiết'!C2:C6)",
            "COUNTA('Chi tiết'!A2:A6)+COUNT('Chi tiết'!C:C)",
            "'Chi tiết'!C2*100/A1",
            "A1>200",
        ]
        for (i, f) in formulas.enumerated() { summary[i, 0] = .formula(CellFormula(f)) }
        return [summary, detail]
    }

    /// Formulas whose result is left to the reader: a cycle and a function not computed.
    static let unknown = ["B1+1", "LEN(\"abc\")"]

    static func sheetsWithUnknown() throws -> [SheetBuffer] {
        var all = try sheets()
        all[0][0, 1] = .formula(CellFormula(unknown[0]))           // B1 reads itself
        all[0][1, 1] = .formula(CellFormula(unknown[1]))
        all[0][2, 1] = .formula(CellFormula("7*6", result: .number(99)))  // the caller's result wins
        return all
    }

    static let expected: [FormulaValue] = [
        .number(218), .number(3), .number(33), .number(43.6), .number(72.67), .text("nhiều"),
        .number(5), .number(218), .number(1436), .number(116), .number(5 + 7), .number(100.0 * 28 / 218),
        .bool(true),
    ]

    @Test func resultsAreComputedInDependencyOrderAcrossSheets() throws {
        let values = BufferedValues()
        let buffers = try Self.sheetsWithUnknown()
        for b in buffers { values.add(b) }
        let summary = values.resolved(buffers[0])
        for (i, want) in Self.expected.enumerated() {
            guard case .formula(let f) = summary[i, 0].value else { Issue.record("A\(i + 1) not a formula"); continue }
            #expect(f.result.map(\.formulaValue) == want, "A\(i + 1) = \(f.expression)")
        }
        for r in 0..<2 {
            guard case .formula(let f) = summary[r, 1].value else { Issue.record("B\(r + 1)"); continue }
            #expect(f.result == nil, "\(f.expression) must be left to the reader")
        }
        guard case .formula(let given) = summary[2, 1].value else { Issue.record("B3"); return }
        #expect(given.result == .number(99))
        // The detail sheet's own SUBTOTAL.
        let detail = values.resolved(buffers[1])
        guard case .formula(let sub) = detail[6, 2].value else { Issue.record("C7"); return }
        #expect(sub.result == .number(218))
    }

    @Test func readersSeeTheCachedValuesAndLibreOfficeAgrees() throws {
        let dir = TemporaryDirectory("buffered-results")
        defer { dir.remove() }
        var computed: [String] = []
        var recalculated: [String] = []
        for ext in ["xlsx", "ods"] {
            for compute in [true, false] {
                var options = WorkbookOptions()
                options.computeFormulaResults = compute
                let path = dir.file((compute ? "tinh-san-" : "de-tinh-lai-") + ext + "." + ext)
                let wb = try WorkbookWriter(path: path, options: options)
                try wb.write(try Self.sheets())
                try wb.close()
                if compute { computed.append(path) } else { recalculated.append(path) }
            }
        }
        // python-calamine reads the cached values, never computing anything itself.
        let reports = Conformance.check(computed, .readers)
        for report in reports {
            #expect(report.failures.isEmpty, "\(report.file): \(report.failures)")
            guard let rows = report.data("calamine")?["sheets"]?[0]?["rows"]?.array else {
                Issue.record("\(report.file): calamine read nothing"); continue
            }
            for (i, want) in Self.expected.enumerated() {
                let got = rows.indices.contains(i) ? rows[i].array?.first : nil
                #expect(Self.same(want, got), "\(report.file) A\(i + 1): \(String(describing: got)) ≠ \(want)")
            }
        }

        // LibreOffice recalculates the files written without results; its values must be ours.
        guard let soffice = Conformance.which("soffice") else {
            #expect(!Conformance.isCI, "thiếu LibreOffice (soffice) để so kết quả công thức")
            return
        }
        let result = Shell.run(soffice, [
            "--headless", "--norestore", "-env:UserInstallation=file://" + dir.path + "/profile",
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,true,true,false,false",
            "--outdir", dir.path + "/csv",
        ] + recalculated)
        for path in recalculated {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let csvPath = dir.path + "/csv/" + name + ".csv"
            let csv = try #require(FormulaLibreOfficeTests.read(csvPath), "LibreOffice không xuất CSV: \(result.stderr)")
            let lines = FormulaLibreOfficeTests.parseCSV(csv)
            for (i, want) in Self.expected.enumerated() {
                let field = try #require(lines.indices.contains(i) ? lines[i].first : nil, "\(name) row \(i + 1)")
                #expect(FormulaLibreOfficeTests.same(want, field), "LibreOffice \(name) A\(i + 1): \(field) ≠ \(want)")
            }
        }
    }

    static func same(_ want: FormulaValue, _ got: JSON?) -> Bool {
        switch want {
        case .number(let x):
            guard let y = got?.number else { return false }
            return abs(x - y) <= 1e-9 * max(1, abs(x))
        case .text(let s): return got?.string == s
        case .bool(let b): return got?.bool == b
        default: return false
        }
    }
}
