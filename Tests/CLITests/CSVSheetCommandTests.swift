import Foundation
import Testing
import TestSupport

private func run(_ arguments: [String]) throws -> Shell.Result {
    guard let binary = BuiltProducts.path("tdkt") else { throw CLIError.notBuilt }
    return Shell.run(binary, arguments)
}

/// The CSV fixtures of the ingest tests (same repository).
private func csvFixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("IngestTests/Fixtures/csv/\(name)").path
}

@Suite struct CSVCommandTests {
    @Test func reportsWhatWasDetected() throws {
        let r = try run(["csv", csvFixture("dskt-tcvn3.csv")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Bảng mã: TCVN3"))
        #expect(r.stdout.contains("Dấu phân cách: dấu phẩy (,)"))
        #expect(r.stdout.contains("2. Họ và tên — chữ 8"))
        #expect(r.stdout.contains("7. Ngày — ngày 8"))
        #expect(r.stdout.contains("Số hàng dữ liệu: 8"))
    }

    @Test func errorsAreLocatedAndExitIs65() throws {
        let r = try run(["csv", csvFixture("dskt-blank-ragged.csv")])
        #expect(r.status == 65)
        #expect(r.stdout.contains("dòng 7 (hàng dữ liệu 4)"))
        #expect(r.stdout.contains("dòng 8 (hàng dữ liệu 5)"))
        #expect(r.stdout.contains("bỏ qua 3 hàng trống"))
    }

    @Test func overridesAndGroupCounts() throws {
        let r = try run(["csv", csvFixture("dskt-vi-locale-semicolon.csv"), "--delimiter", ";", "--numbers", "vi",
                         "--group-by", "danh hieu"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("(theo --delimiter)"))
        #expect(r.stdout.contains("Lao động tiên tiến: 4"))
        let bad = try run(["csv", csvFixture("dskt-utf8-bom.csv"), "--encoding", "latin9"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("Không biết bảng mã «latin9»"))
        let missing = try run(["csv", "/khong/co/tep.csv"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("Không mở được tệp"))
    }
}

@Suite struct SheetCommandTests {
    @Test("every good fixture becomes an XLSX and an ODS that readers and LibreOffice open")
    func fixtures() throws {
        let dir = TemporaryDirectory("sheet")
        defer { dir.remove() }
        var outputs: [String] = []
        for name in ["dskt-utf8-bom.csv", "dskt-unicode-text.txt", "dskt-cp1258.csv", "dskt-vni.csv",
                     "dskt-vi-locale-semicolon.csv", "dskt-quoted-multiline.csv", "dskt-formula-like.csv"] {
            for ext in ["xlsx", "ods"] {
                let out = dir.file("\(name).\(ext)")
                let r = try run(["sheet", csvFixture(name), "-o", out, "--title", "DANH SÁCH KHEN THƯỞNG"])
                #expect(r.status == 0, "\(name): \(r.stderr)")
                outputs.append(out)
            }
        }
        let reports = Conformance.check(outputs)
        for r in reports {
            #expect(r.failures.isEmpty, "\(r.file): \(r.failures)")
            let rows = r.data("calamine")?["sheets"]?[0]?["rows"]
            #expect(rows?[0]?[0]?.string == "DANH SÁCH KHEN THƯỞNG")
            #expect(rows?[2]?[1]?.string == "Họ và tên")
        }
        // Formula-like text stays text in both formats.
        for r in reports where r.file.contains("formula-like") {
            let rows = r.data("calamine")?["sheets"]?[0]?["rows"]
            #expect(rows?[3]?[7]?.string == "=SUM(A1)")
            #expect(rows?[4]?[7]?.string == "+84 912 345 678")
            #expect(rows?[6]?[7]?.string == "@x")
        }
    }

    @Test func badInputWritesNothingAndInputIsNeverOverwritten() throws {
        let dir = TemporaryDirectory("sheet-bad")
        defer { dir.remove() }
        let out = dir.file("x.xlsx")
        let r = try run(["sheet", csvFixture("dskt-blank-ragged.csv"), "-o", out])
        #expect(r.status == 65)
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "temporary files left")
        // An existing output stays as it was when the input is bad.
        try Data("cũ".utf8).write(to: URL(fileURLWithPath: out))
        _ = try run(["sheet", csvFixture("dskt-mixed-encoding.csv"), "-o", out])
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "cũ")
        // Output = input is refused.
        let copy = dir.file("in.xlsx")
        try FileManager.default.copyItem(atPath: csvFixture("dskt-utf8-bom.csv"), toPath: copy)
        let same = try run(["sheet", copy, "-o", copy])
        #expect(same.status != 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data(contentsOf: URL(fileURLWithPath: csvFixture("dskt-utf8-bom.csv"))))
        let wrongExtension = try run(["sheet", csvFixture("dskt-utf8-bom.csv"), "-o", dir.file("x.pdf")])
        #expect(wrongExtension.status == 64)
        #expect(wrongExtension.stderr.contains(".xlsx hoặc .ods"))
    }
}
