import Domain
import Foundation
import Testing
import TestSupport
import Vietnamese
@testable import Reports

/// The year-end tally workbook, written from the committed sample (data/bac-ninh-2025) and from
/// the fixture with one violation of each rule (Tests/Fixtures/tally-vi-pham), in XLSX and ODS,
/// read back by openpyxl (formulas and cached values), python-calamine and odfpy, and opened by
/// LibreOffice, which must load it without a question, recalculate every formula to the value
/// we cached, and print it to PDF. Every expected number comes from the Domain aggregations.
@Suite(.serialized) struct TallyWorkbookTests {
    static let year = 2025
    static let datasets = [("mau", Conformance.root + "/data/bac-ninh-2025"),
                           ("vi-pham", Conformance.root + "/Tests/Fixtures/tally-vi-pham")]

    struct Written {
        var name: String
        var data: ProvinceData
        var xlsx: String
        var ods: String
    }

    /// Both datasets written in both formats once, into one folder (kept when TDKT_TALLY_OUT is set).
    static let written: (dir: String, files: [Written]) = {
        let dir = ProcessInfo.processInfo.environment["TDKT_TALLY_OUT"] ?? TemporaryDirectory("tally").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var out: [Written] = []
        for (name, folder) in datasets {
            guard let data = try? DataFolderLoader(folder: folder).load() else { continue }
            let x = dir + "/tong-hop-\(name)-\(year).xlsx", o = dir + "/tong-hop-\(name)-\(year).ods"
            do {
                try TallyWorkbook.write(data, year: year, to: x)
                try TallyWorkbook.write(data, year: year, to: o)
            } catch {
                Issue.record("TallyWorkbook.write(\(name)) failed: \(error)")
            }
            out.append(Written(name: name, data: data, xlsx: x, ods: o))
        }
        return (dir, out)
    }()

    /// What the readers saw, per file.
    static let readBack: [String: JSON] = {
        let files = written.files.flatMap { [$0.xlsx, $0.ods] }
        let script = written.dir + "/read.py"
        try? readerScript.write(toFile: script, atomically: true, encoding: .utf8)
        let result = Shell.run(Conformance.python, [script] + files)
        var out: [String: JSON] = [:]
        for line in result.stdout.split(separator: "\n") {
            guard let json = try? JSONDecoder().decode(JSON.self, from: Data(line.utf8)), let f = json["file"]?.string else { continue }
            out[f] = json
        }
        if out.isEmpty { Issue.record("readers printed nothing: \(result.stderr.suffix(1500))") }
        return out
    }()

    // MARK: Tests

    @Test func bothDatasetsLoadAndTheSampleIsClean() throws {
        #expect(Self.written.files.count == 2)
        let sample = try #require(Self.written.files.first { $0.name == "mau" })
        #expect(sample.data.clusters.count >= 6 && sample.data.clusters.count <= 10)
        #expect(RuleChecker.check(sample.data).violations.isEmpty)
        // Every catalogue entry is awarded in the sample's two years.
        let given = Set(sample.data.awards.filter { $0.year >= 2024 }.map(\.entry))
        #expect(given.count == sample.data.catalogue.entries.count)
        let faulty = try #require(Self.written.files.first { $0.name == "vi-pham" })
        let rules = Set(RuleChecker.check(faulty.data).violations.map(\.rule))
        #expect(rules == Set(RuleID.allCases))
    }

    @Test func sheetsAndTheirValuesEqualTheAggregations() throws {
        for w in Self.written.files {
            let index = DomainIndex(w.data)
            let y = Self.year
            let tables: [(String, ResultTable, Int)] = [
                (TallyWorkbook.Names.summary, Aggregations.unitForms(w.data, year: y, rollupDepth: TallyWorkbook.summaryRollupDepth, index: index), 3),
                (TallyWorkbook.Names.t1, Aggregations.t1(w.data, year: y, index: index), 3),
                (TallyWorkbook.Names.t2, Aggregations.t2(w.data, year: y, index: index), 3),
                (TallyWorkbook.Names.t3, Aggregations.t3(w.data, year: y, index: index), 3),
                (TallyWorkbook.Names.t4, Aggregations.t4(w.data, year: y), 3),
                (TallyWorkbook.Names.t5, Aggregations.t5(w.data, year: y, index: index), 3),
                (TallyWorkbook.Names.f0601, Aggregations.form0601(w.data, year: y), 7),
                (TallyWorkbook.Names.f0602, Aggregations.form0602(w.data, year: y, index: index), 7),
                (TallyWorkbook.Names.f0603, Aggregations.form0603(w.data, year: y, index: index), 7),
            ]
            // The summary's grand total is T2's.
            let th = tables[0].1, t2 = tables[2].1
            #expect(th.cells[th.rows.count - 1][th.column("tong_so")!].value == t2.value("tong_cong", "tong_so"))
            for t in tables.map(\.1) { #expect(t.inconsistencies().isEmpty, "\(t.id): \(t.inconsistencies())") }
            for file in [w.xlsx, w.ods] {
                let json = try #require(Self.readBack[file], "no reader output for \(file)")
                let primary = file.hasSuffix(".xlsx") ? "openpyxl" : "odfpy"
                let names = json[primary]?["order"]?.array?.compactMap(\.string) ?? []
                #expect(names == TallyWorkbook.sheetNames(w.data, year: y), "\(file)")
                for (name, table, top) in tables {
                    let h = header(for: table, codes: top == 7 ? table.columns.map { $0.number ?? "" } : nil,
                                   widths: widths(for: table))
                    let first = top + h.rowCount
                    let p = TablePlacement(firstRow: first, column: 0)
                    try checkTable(table, placement: p, sheet: name, json: json, file: file)
                }
                try checkClusters(w.data, json: json, file: file)
                try checkYearOverYear(w.data, json: json, file: file)
            }
        }
    }

    @Test func individualsAreSortedTheVietnameseWayAndRulesListed() throws {
        for w in Self.written.files {
            let y = Self.year
            let individuals = DomainIndex(w.data).awards(in: y).filter { w.data.subjects[Int(w.data.awards[Int($0)].subject)].kind == .individual }
            let report = RuleChecker.check(w.data, years: [y])
            for file in [w.xlsx, w.ods] {
                let json = try #require(Self.readBack[file])
                let primary = file.hasSuffix(".xlsx") ? "openpyxl" : "odfpy"
                let sheet = try #require(json[primary]?["sheets"]?[TallyWorkbook.Names.individuals])
                var names: [String] = []
                var r = 5
                while let n = sheet["cells"]?["B\(r)"]?[0]?.string {
                    names.append(n)
                    r += 1
                }
                #expect(names.count == individuals.count, "\(file)")
                let keys = names.map { VietnameseCollation.sortKey($0) }
                #expect(zip(keys, keys.dropFirst()).allSatisfy { !($1 < $0) }, "\(file): not in Vietnamese order")
                #expect(Set(names) == Set(individuals.map { w.data.subjects[Int(w.data.awards[Int($0)].subject)].name }))
                let rules = try #require(json[primary]?["sheets"]?[TallyWorkbook.Names.rules])
                for (k, v) in report.violations.enumerated() {
                    #expect(rules["cells"]?["B\(5 + k)"]?[0]?.string == v.rule.rawValue, "\(file) rule row \(k)")
                    #expect(rules["cells"]?["C\(5 + k)"]?[0]?.string == TallyWorkbook.severity(v.rule))
                    #expect(rules["cells"]?["G\(5 + k)"]?[0]?.string == v.message)
                }
                #expect(rules["cells"]?["B\(5 + report.violations.count)"]?[0]?.string == nil)
            }
        }
    }

    @Test func layoutMergesFreezePrintSetupAndCharts() throws {
        for w in Self.written.files {
            let t1 = Aggregations.t1(w.data, year: Self.year)
            let lastT1 = CellAddressText.column(t1.columns.count - 1)
            // XLSX: openpyxl's view of merges, panes, print titles, page setup and charts.
            let x = try #require(Self.readBack[w.xlsx]?["openpyxl"]?["sheets"])
            for name in TallyWorkbook.sheetNames(w.data, year: Self.year) where name != TallyWorkbook.Names.charts {
                let s = try #require(x[name], "\(name)")
                #expect(s["orientation"]?.string == "landscape", "\(name)")
                #expect(s["paper"]?.number == 9, "\(name)")
                #expect(s["fit_width"]?.number == (name == TallyWorkbook.Names.f0602 ? 2 : 1), "\(name)")
                #expect(s["print_rows"]?.string?.isEmpty == false, "\(name): no repeated header rows")
                #expect(s["freeze"]?.string?.isEmpty == false, "\(name): no frozen panes")
            }
            let sT1 = try #require(x[TallyWorkbook.Names.t1])
            let merged = sT1["merged"]?.array?.compactMap(\.string) ?? []
            #expect(merged.contains("A1:\(lastT1)1"), "title merge: \(merged)")
            #expect(merged.contains("D4:F4") || merged.contains("D4:E4"), "group header merge: \(merged)")
            #expect(sT1["print_rows"]?.string == "$4:$5")
            #expect(sT1["freeze"]?.string == "C6")
            #expect(x[TallyWorkbook.Names.charts]?["orientation"]?.string == "landscape")
            let summaryCharts = x[TallyWorkbook.Names.charts]?["charts"]?.array?.compactMap(\.string) ?? []
            #expect(summaryCharts.sorted() == ["BarChart", "PieChart"])
            // ODS: odfpy's view.
            let o = try #require(Self.readBack[w.ods]?["odfpy"]?["sheets"])
            for name in TallyWorkbook.sheetNames(w.data, year: Self.year) where name != TallyWorkbook.Names.charts {
                let s = try #require(o[name], "\(name)")
                #expect(s["header_rows"]?.number ?? 0 >= 1, "\(name): no repeated header rows")
                #expect(s["frozen"]?.bool == true, "\(name): no frozen panes")
            }
            #expect(o[TallyWorkbook.Names.charts]?["charts"]?.number == 2)
            let oMerged = o[TallyWorkbook.Names.t1]?["merged"]?.array?.compactMap(\.string) ?? []
            #expect(oMerged.contains("A1:\(lastT1)1"), "ODS title merge: \(oMerged)")
            #expect(Self.readBack[w.ods]?["odfpy"]?["landscape"]?.number ?? 0 >= 1)
        }
    }

    /// LibreOffice opens every file without a question, recalculates every formula to the value
    /// the file caches, and exports it to PDF.
    @Test func libreOfficeRecalculatesToTheCachedValues() throws {
        guard Conformance.which("soffice") != nil else {
            #expect(!Conformance.isCI, "thiếu LibreOffice (soffice)")
            return
        }
        let files = Self.written.files.flatMap { [$0.xlsx, $0.ods] }
        let script = Self.written.dir + "/recalc.py"
        try Self.recalcScript.write(toFile: script, atomically: true, encoding: .utf8)
        let result = Shell.run(Conformance.unoPython, [script, Conformance.root + "/Tests/conformance", Self.written.dir + "/pdf"] + files)
        var seen = 0
        for line in result.stdout.split(separator: "\n") {
            guard let json = try? JSONDecoder().decode(JSON.self, from: Data(line.utf8)), let f = json["file"]?.string else { continue }
            seen += 1
            #expect(json["loaded"]?.bool == true, "\(f): \(json["error"]?.string ?? "")")
            #expect(json["requests"]?.array?.isEmpty == true, "\(f): LibreOffice asked \(json["requests"]!)")
            #expect((json["formulas"]?.number ?? 0) > 50, "\(f): formulas \(json["formulas"]?.number ?? 0)")
            let mismatches = json["mismatches"]?.array ?? []
            #expect(mismatches.isEmpty, "\(f): recalculated values differ from the cached ones: \(mismatches.prefix(10))")
            #expect((json["pages"]?.number ?? 0) >= 10, "\(f): \(json["pages"]?.number ?? 0) PDF pages")
        }
        #expect(seen == files.count, "LibreOffice probe: \(result.stderr.suffix(1500))")
    }

    @Test func readersOpenEveryFile() throws {
        let files = Self.written.files.flatMap { [$0.xlsx, $0.ods] }
        for report in Conformance.check(files, [.readers, .schemas]) {
            #expect(report.failures.isEmpty, "\(report.file): \(report.failures)")
        }
    }

    /// Timing on demand: `TDKT_TALLY_BENCH=/tmp/tinh-100k swift test --filter TallyWorkbookTests/timing`
    /// loads the folder (made by bench/yearend-data.sh) and writes both formats, printing the
    /// times; run it under /usr/bin/time -v for the peak RSS.
    @Test func timing() throws {
        guard let folder = ProcessInfo.processInfo.environment["TDKT_TALLY_BENCH"] else { return }
        let clock = ContinuousClock()
        var data: ProvinceData!
        let load = try clock.measure { data = try DataFolderLoader(folder: folder).load() }
        let dir = TemporaryDirectory("tally-bench")
        defer { dir.remove() }
        var line = "tally bench: \(data.awards.count) award rows; load \(load)"
        for ext in ["xlsx", "ods"] {
            let path = dir.file("tong-hop.\(ext)")
            let t = try clock.measure { try TallyWorkbook.write(data, year: Self.year, to: path) }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            line += "; \(ext) \(t) (\(size / 1024) KiB)"
        }
        print(line)
    }

    // MARK: Checks

    func checkTable(_ table: ResultTable, placement p: TablePlacement, sheet: String, json: JSON, file: String) throws {
        let isXLSX = file.hasSuffix(".xlsx")
        let primary = isXLSX ? "openpyxl" : "odfpy"
        let cells = try #require(json[primary]?["sheets"]?[sheet]?["cells"], "\(file): no sheet \(sheet)")
        let calamine = json["calamine"]?[sheet]?.array ?? []
        var checked = 0
        for r in table.rows.indices where table.rows[r].kind != .group {
            for c in table.columns.indices {
                let cell = table.cells[r][c]
                let a = p.address(r, c)
                let got = cells[a]
                let where_ = "\(file) \(sheet)!\(a) (\(table.id) \(table.rows[r].label) / \(table.columns[c].title))"
                switch cell.provenance {
                case .linear(let terms) where !terms.isEmpty:
                    #expect(got?[1]?.string?.isEmpty == false, "\(where_): no formula")
                case .ratio:
                    #expect(got?[1]?.string?.isEmpty == false, "\(where_): no formula")
                default: break
                }
                let cal = calamineValue(calamine, p.firstRow + r, c)
                switch cell.value {
                case .integer, .decimal:
                    let v = cell.value.number!
                    #expect(got?[0]?.number.map { abs($0 - v) < 1e-9 } == true, "\(where_): \(String(describing: got)) ≠ \(v)")
                    #expect(cal?.number.map { abs($0 - v) < 1e-9 } == true, "\(where_) calamine: \(String(describing: cal)) ≠ \(v)")
                    checked += 1
                case .ratio, .fraction:
                    if let v = cell.value.number {
                        #expect(got?[0]?.number.map { abs($0 - v) < 1e-12 } == true, "\(where_): \(String(describing: got)) ≠ \(v)")
                    } else {
                        #expect(got?[0]?.string == "—", "\(where_): \(String(describing: got)) ≠ —")
                    }
                case .text(let t):
                    #expect(got?[0]?.string == t, "\(where_): \(String(describing: got)) ≠ \(t)")
                case .empty: break
                }
            }
        }
        #expect(checked > 0, "\(file) \(sheet): nothing checked")
    }

    func checkClusters(_ data: ProvinceData, json: JSON, file: String) throws {
        let primary = file.hasSuffix(".xlsx") ? "openpyxl" : "odfpy"
        for ranking in Aggregations.clusterRankings(data, year: Self.year) {
            let cluster = data.clusters[Int(ranking.cluster)]
            let name = TallyWorkbook.Names.cluster(cluster.code)
            let cells = try #require(json[primary]?["sheets"]?[name]?["cells"], "\(file): no sheet \(name)")
            let groups = cluster.year(Self.year)!.groups.count
            let cTotal = 2 + groups + 4, cRank = cTotal + 1, cProposal = cTotal + 2, cCluster = 2 + groups + 1
            // Title 4 rows (3 + blank), header 2 rows.
            for (k, st) in ranking.standings.enumerated() {
                let row = 6 + k
                func at(_ c: Int) -> JSON? { cells[CellAddressText.column(c) + "\(row + 1)"] }
                #expect(at(1)?[0]?.string == data.unitName(st.unit), "\(file) \(name) row \(k)")
                if let total = st.total {
                    #expect(at(cTotal)?[0]?.number.map { abs($0 - total) < 1e-9 } == true, "\(file) \(name) total \(k)")
                    #expect(at(cTotal)?[1]?.string?.isEmpty == false)
                    #expect(at(cCluster)?[0]?.number.map { abs($0 - st.clusterScore) < 1e-9 } == true)
                    #expect(at(cRank)?[0]?.number == Double(st.rank!))
                }
                #expect(at(cProposal)?[0]?.string == st.proposal?.label, "\(file) \(name) proposal \(k)")
            }
        }
    }

    func checkYearOverYear(_ data: ProvinceData, json: JSON, file: String) throws {
        let primary = file.hasSuffix(".xlsx") ? "openpyxl" : "odfpy"
        let cells = try #require(json[primary]?["sheets"]?[TallyWorkbook.Names.yearOverYear]?["cells"])
        let t1 = Aggregations.t1(data, year: Self.year), t1p = Aggregations.t1(data, year: Self.year - 1)
        // Row 6 (1-based) is the first title: Lao động tiên tiến.
        let now = t1.value("tong_cong", "ldtt")!.integer!, before = t1p.value("tong_cong", "ldtt")!.integer!
        #expect(cells["C6"]?[0]?.number == Double(before), "\(file)")
        #expect(cells["D6"]?[0]?.number == Double(now), "\(file)")
        #expect(cells["E6"]?[0]?.number == Double(now - before), "\(file)")
        #expect(cells["E6"]?[1]?.string?.isEmpty == false)
        if before > 0 {
            #expect(cells["F6"]?[0]?.number.map { abs($0 - Double(now - before) / Double(before)) < 1e-12 } == true)
        }
        let t2 = Aggregations.t2(data, year: Self.year)
        let total = t2.value("tong_cong", "tong_so")!.integer!
        var found = false
        for r in 6..<60 where cells["B\(r)"]?[0]?.string == "Tổng cộng" {
            #expect(cells["D\(r)"]?[0]?.number == Double(total))
            found = true
        }
        #expect(found, "\(file): no Tổng cộng line in the year-over-year sheet")
    }

    func calamineValue(_ rows: [JSON], _ row: Int, _ column: Int) -> JSON? {
        guard row < rows.count, let r = rows[row].array, column < r.count else { return nil }
        return r[column]
    }

    // MARK: Scripts

    /// openpyxl (formulas, then cached values), odfpy (values, formulas, merges, header rows,
    /// frozen panes, charts) and python-calamine (cached values) → one JSON line per file.
    static let readerScript = #"""
import json, re, sys, zipfile

def col(n):
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s

def plain(v):
    import datetime
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v

def xlsx(path):
    import openpyxl
    wf = openpyxl.load_workbook(path)
    wv = openpyxl.load_workbook(path, data_only=True)
    sheets = {}
    for ws in wf.worksheets:
        vs = wv[ws.title]
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                f = c.value if isinstance(c.value, str) and c.value.startswith("=") else None
                cells[c.coordinate] = [plain(vs[c.coordinate].value), f]
        sheets[ws.title] = {
            "cells": cells, "merged": sorted(str(r) for r in ws.merged_cells.ranges), "freeze": ws.freeze_panes,
            "print_rows": ws.print_title_rows, "orientation": ws.page_setup.orientation,
            "paper": int(ws.page_setup.paperSize) if ws.page_setup.paperSize else None,
            "fit_width": ws.page_setup.fitToWidth, "charts": [type(c).__name__ for c in ws._charts],
        }
    return {"order": wf.sheetnames, "sheets": sheets}

def ods(path):
    from odf.opendocument import load
    from odf.table import Table, TableRow, TableCell, CoveredTableCell, TableHeaderRows
    from odf.draw import Object
    from odf.namespaces import TABLENS, OFFICENS, TEXTNS
    from odf import teletype
    doc = load(path)
    settings = zipfile.ZipFile(path).read("settings.xml").decode("utf-8")
    styles = zipfile.ZipFile(path).read("styles.xml").decode("utf-8") + zipfile.ZipFile(path).read("content.xml").decode("utf-8")
    sheets = {}
    order = []
    for t in doc.spreadsheet.getElementsByType(Table):
        name = t.getAttrNS(TABLENS, "name")
        order.append(name)
        cells, merged = {}, []
        r = 0
        for tr in t.getElementsByType(TableRow):
            rrep = int(tr.getAttrNS(TABLENS, "number-rows-repeated") or 1)
            c = 0
            for tc in tr.childNodes:
                if tc.qname[1] not in ("table-cell", "covered-table-cell"):
                    continue
                crep = int(tc.getAttrNS(TABLENS, "number-columns-repeated") or 1)
                if tc.qname[1] == "table-cell":
                    cs = int(tc.getAttrNS(TABLENS, "number-columns-spanned") or 1)
                    rs = int(tc.getAttrNS(TABLENS, "number-rows-spanned") or 1)
                    if cs > 1 or rs > 1:
                        merged.append("%s%d:%s%d" % (col(c), r + 1, col(c + cs - 1), r + rs))
                    vt = tc.getAttrNS(OFFICENS, "value-type")
                    f = tc.getAttrNS(TABLENS, "formula")
                    if vt in ("float", "percentage", "currency"):
                        v = float(tc.getAttrNS(OFFICENS, "value"))
                    elif vt == "date":
                        v = tc.getAttrNS(OFFICENS, "date-value")
                    else:
                        ps = [teletype.extractText(p) for p in tc.childNodes if p.qname == (TEXTNS, "p")]
                        v = "\n".join(ps) if ps else None
                    if v is not None or f:
                        for k in range(min(crep, 64)):
                            cells["%s%d" % (col(c + k), r + 1)] = [v, f]
                c += crep
            r += rrep
        frozen = re.search(r'<config:config-item-map-entry config:name="%s">(.*?)</config:config-item-map-entry>' % re.escape(name), settings, re.S)
        sheets[name] = {
            "cells": cells, "merged": sorted(merged),
            "header_rows": len(t.getElementsByType(TableHeaderRows)),
            "frozen": bool(frozen and re.search(r'config:name="(Horizontal|Vertical)SplitMode" config:type="short">2<', frozen.group(1))),
            "charts": len(t.getElementsByType(Object)),
        }
    return {"order": order, "sheets": sheets, "landscape": styles.count('style:print-orientation="landscape"')}

def calamine(path):
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(path)
    out = {}
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        out[name] = [[plain(v) for v in r] for r in rows[:400]]
    return out

for path in sys.argv[1:]:
    res = {"file": path}
    try:
        if path.endswith(".xlsx"):
            res["openpyxl"] = xlsx(path)
        else:
            res["odfpy"] = ods(path)
        res["calamine"] = calamine(path)
    except Exception as e:
        import traceback
        res["error"] = traceback.format_exc()
        sys.stderr.write(res["error"])
    print(json.dumps(res, ensure_ascii=False), flush=True)
"""#

    /// LibreOffice over UNO (system python3): load each file with every question recorded and
    /// declined, read every formula cell's value, recalculate everything, read again, compare,
    /// export to PDF.
    static let recalcScript = #"""
import json, os, shutil, sys, tempfile
sys.path.insert(0, sys.argv[1])
import libreoffice as lo
import uno

def values(doc):
    out = {}
    sheets = doc.Sheets
    for i in range(sheets.Count):
        sh = sheets.getByIndex(i)
        cur = sh.createCursor()
        cur.gotoEndOfUsedArea(False)
        end = cur.RangeAddress
        rng = sh.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)
        formulas = rng.getFormulaArray()
        data = rng.getDataArray()
        for r, row in enumerate(formulas):
            for c, f in enumerate(row):
                if isinstance(f, str) and f.startswith("="):
                    out[(sh.Name, r, c)] = (data[r][c], f)
    return out

def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a))
    return a == b

outdir, files = sys.argv[2], sys.argv[3:]
os.makedirs(outdir, exist_ok=True)
profile = tempfile.mkdtemp(prefix="tdkt-tally-lo-")
proc, desktop = lo.start(profile, "tdkt_tally_%d" % os.getpid())
try:
    for path in files:
        res = {"file": path, "loaded": False, "requests": [], "formulas": 0, "mismatches": [], "pages": None, "error": None}
        h = lo.QuestionRecorder()
        doc = None
        try:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
                (lo.prop("Hidden", True), lo.prop("InteractionHandler", h), lo.prop("MacroExecutionMode", 0)))
            res["requests"] = h.requests
            res["loaded"] = doc is not None
            before = values(doc)
            doc.calculateAll()
            after = values(doc)
            res["formulas"] = len(before)
            for k, (v, f) in before.items():
                w = after.get(k, (None, None))[0]
                if not same(v, w):
                    res["mismatches"].append("%s!R%dC%d %s: cached %r, recalculated %r" % (k[0], k[1] + 1, k[2] + 1, f, v, w))
            pdf = os.path.join(os.path.abspath(outdir), os.path.basename(path) + ".pdf")
            doc.storeToURL(uno.systemPathToFileUrl(pdf), (lo.prop("FilterName", "calc_pdf_Export"),))
            res["pages"] = lo.pdf_pages(pdf)
        except Exception as e:
            res["error"] = "%s: %s" % (type(e).__name__, str(e)[:300])
        finally:
            if doc is not None:
                try:
                    doc.close(True)
                except Exception:
                    pass
        print(json.dumps(res, ensure_ascii=False), flush=True)
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        proc.wait(timeout=20)
    except Exception:
        proc.kill()
    shutil.rmtree(profile, ignore_errors=True)
"""#
}

/// "A", "B", … "AA" for a 0-based column.
enum CellAddressText {
    static func column(_ c: Int) -> String {
        var n = c + 1, s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(65 + r)!) + s
            n = (n - 1) / 26
        }
        return s
    }
}
