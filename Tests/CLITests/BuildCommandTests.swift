import Foundation
import Testing
import TestSupport

private func tdkt(_ arguments: [String], in directory: String? = nil) throws -> Shell.Result {
    guard let binary = BuiltProducts.path("tdkt") else { throw CLIError.notBuilt }
    guard let directory else { return Shell.run(binary, arguments) }
    return Shell.run("/bin/sh", ["-c", "cd \"$0\" && exec \"$@\"", directory, binary] + arguments)
}

/// `tdkt build` as a user runs it.
@Suite struct BuildCommandTests {
    @Test func buildsTheSeedsWithASummary() throws {
        let dir = TemporaryDirectory("build-cli")
        defer { dir.remove() }
        let r = try tdkt(["build", "--data", Conformance.root + "/data", "--out", dir.path, "--formats", "docx,xlsx",
                          "--only", "lang-son", "--templates", Conformance.root + "/templates"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Đã lập 2 văn bản, bảng tính (2 tệp)"), "\(r.stdout)")
        #expect(r.stdout.contains("Mục lục: \(dir.path)/index.html"))
        let files = try FileManager.default.subpathsOfDirectory(atPath: dir.path).sorted()
        #expect(files.contains { $0.hasPrefix("lang-son/") && $0.hasSuffix(".docx") })
        #expect(files.contains { $0.hasSuffix("_theo-doi.xlsx") })
        #expect(!files.contains { $0.hasSuffix(".odt") || $0.hasSuffix(".ods") })
    }

    /// Without templates/ in the working folder the shipped templates are used.
    @Test func worksWithoutATemplatesFolder() throws {
        let dir = TemporaryDirectory("build-cli-shipped")
        defer { dir.remove() }
        let r = try tdkt(["build", "--data", Conformance.root + "/data", "--out", "ra", "--formats", "odt", "--only", "kien-giang"],
                         in: dir.path)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: dir.file("ra"))
        #expect(files.contains { $0.hasPrefix("kien-giang/57-KH-UBND-2019_") && $0.hasSuffix(".odt") })
    }

    @Test func badOptionsAndDataAreExplainedInVietnamese() throws {
        let dir = TemporaryDirectory("build-cli-bad")
        defer { dir.remove() }
        let format = try tdkt(["build", "--formats", "docx,pdf", "--out", dir.path])
        #expect(format.status != 0)
        #expect(format.stderr.contains("Không biết định dạng «pdf»"), "\(format.stderr)")
        let missing = try tdkt(["build", "--data", dir.file("khong-co"), "--out", dir.file("ra")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Không có thư mục dữ liệu"), "\(missing.stderr)")
        // A broken data folder: exit 2, the error located, nothing written for it.
        let data = dir.file("du-lieu/kien-giang")
        try FileManager.default.createDirectory(atPath: dir.file("du-lieu"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Conformance.root + "/data/kien-giang", toPath: data)
        let units = data + "/don-vi.csv"
        var text = try String(contentsOfFile: units, encoding: .utf8)
        text += "SNV;Sở trùng mã;UBND_KG;Tỉnh;Cơ quan hành chính;;;\n"
        try text.write(toFile: units, atomically: true, encoding: .utf8)
        let r = try tdkt(["build", "--data", dir.file("du-lieu"), "--out", dir.file("ra")])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("don-vi.csv"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("ra/kien-giang")))
    }
}

/// Exit status 1 when the year's data breaks a rule; the violations are listed after the summary.
@Suite struct BuildCommandViolationTests {
    @Test func aBrokenRuleExitsOneAfterWritingEverything() throws {
        guard let binary = BuiltProducts.path("tdkt") else { throw CLIError.notBuilt }
        let dir = TemporaryDirectory("build-cli-rules")
        defer { dir.remove() }
        let r = Shell.run(binary, ["build", "--data", Conformance.root + "/Tests/Fixtures/tally-vi-pham", "--out", dir.path,
                                   "--formats", "docx,xlsx", "--templates", Conformance.root + "/templates"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Vi phạm quy tắc khen thưởng (12):"), "\(r.stdout)")
        #expect(r.stdout.contains("R1 — ") && r.stdout.contains("R12 — "))
        #expect(FileManager.default.fileExists(atPath: dir.path + "/index.html"))
        let files = try FileManager.default.subpathsOfDirectory(atPath: dir.path)
        #expect(files.contains { $0.hasSuffix("bang-tong-hop-2025.xlsx") })
    }
}

/// `--pdf` without LibreOffice: a clear message, the documents and the index still written.
@Suite struct BuildCommandPDFTests {
    @Test func missingLibreOfficeIsExplained() throws {
        guard let binary = BuiltProducts.path("tdkt") else { throw CLIError.notBuilt }
        let dir = TemporaryDirectory("build-cli-nopdf")
        defer { dir.remove() }
        var env = ProcessInfo.processInfo.environment
        env["TDKT_SOFFICE"] = "/khong/co/soffice"
        let r = Shell.run(binary, ["build", "--data", Conformance.root + "/data/kien-giang", "--out", dir.path, "--pdf",
                                   "--formats", "docx", "--templates", Conformance.root + "/templates"], environment: env)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("Không tìm thấy LibreOffice"), "\(r.stderr)")
        #expect(r.stderr.contains("đã ghi xong"))
        let files = try FileManager.default.subpathsOfDirectory(atPath: dir.path)
        #expect(files.contains { $0.hasSuffix(".docx") })
        #expect(files.contains("index.html"))
        #expect(!files.contains { $0.hasSuffix(".pdf") })
    }
}
