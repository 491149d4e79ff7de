import Foundation
import Testing
import TestSupport
@testable import OfficeZip

private func contents(_ path: String) -> [UInt8] {
    (try? Array(Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
}

private func sampleArchive(_ path: String, big: Int = 3_000_000) throws {
    let zip = try ZipWriter(path: path)
    try zip.add("mimetype", text: "application/vnd.oasis.opendocument.text", method: .store)
    try zip.add("content.xml") { stream in
        var i = 0
        while i < big {
            stream.write(Array("<p n=\"\(i)\">Nguyễn Thị Hồng Nhung — \(i * 7919 % 104729)</p>\n".utf8))
            i += 60
        }
    }
    try zip.add("styles.xml", text: "<styles/>", method: .deflate(level: 1))
    try zip.add("Pictures/x.png", bytes: [0x89, 0x50, 0x4E, 0x47, 1, 2, 3], method: .store)
    try zip.close()
}

@Suite struct ZipWriterTests {
    @Test func roundTripThroughOurReader() throws {
        let dir = TemporaryDirectory("zip")
        defer { dir.remove() }
        try sampleArchive(dir.file("a.zip"))
        let reader = try ZipReader(path: dir.file("a.zip"))
        #expect(reader.entries.map(\.name) == ["mimetype", "content.xml", "styles.xml", "Pictures/x.png"])
        #expect(reader.entries[0].isStored)
        #expect(!reader.entries[1].isStored)
        #expect(try reader.read("mimetype") == Array("application/vnd.oasis.opendocument.text".utf8))
        let content = try reader.read("content.xml")
        #expect(content.count == Int(reader.entries[1].size))
        #expect(String(decoding: content.prefix(40), as: UTF8.self).hasPrefix("<p n=\"0\">Nguyễn"))
    }

    @Test func deterministicAcrossRunsAndTimeZones() throws {
        let dir = TemporaryDirectory("det")
        defer { dir.remove() }
        let saved = ProcessInfo.processInfo.environment["TZ"]
        setenv("TZ", "Asia/Ho_Chi_Minh", 1); tzset()
        try sampleArchive(dir.file("a.zip"))
        setenv("TZ", "America/Los_Angeles", 1); tzset()
        try sampleArchive(dir.file("b.zip"))
        if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
        tzset()
        let a = contents(dir.file("a.zip")), b = contents(dir.file("b.zip"))
        #expect(!a.isEmpty)
        #expect(a == b)
        // Single-threaded compression gives the same bytes as the parallel one.
        let single = try ZipWriter(path: dir.file("c.zip"), threads: 1)
        let reader = try ZipReader(path: dir.file("a.zip"))
        for e in reader.entries {
            try single.add(e.name, bytes: try reader.read(e.name),
                           method: e.isStored ? .store : (e.name == "styles.xml" ? .deflate(level: 1) : .deflate))
        }
        try single.close()
        #expect(contents(dir.file("c.zip")) == a)
    }

    @Test func unzipAndPythonAcceptWhatWeWrite() throws {
        let dir = TemporaryDirectory("accept")
        defer { dir.remove() }
        try sampleArchive(dir.file("a.zip"))
        let unzip = Shell.run("/usr/bin/unzip", ["-t", dir.file("a.zip")])
        #expect(unzip.status == 0, "\(unzip.stdout) \(unzip.stderr)")
        #expect(unzip.stdout.contains("No errors detected"))
        let script = """
        import sys, zipfile
        z = zipfile.ZipFile(sys.argv[1])
        assert z.testzip() is None
        for i in z.infolist():
            assert i.date_time == (1980, 1, 1, 0, 0, 0), i.date_time
            assert i.extra == b'', i.extra
        print(",".join(i.filename for i in z.infolist()))
        """
        let py = Shell.run("/usr/bin/python3", ["-c", script, dir.file("a.zip")])
        #expect(py.status == 0, "\(py.stderr)")
        #expect(py.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "mimetype,content.xml,styles.xml,Pictures/x.png")
    }

    @Test("an archive larger than the assembly buffer (16 MiB) goes on in the file: same entries, accepted by unzip and Python")
    func archiveLargerThanTheBuffer() throws {
        let dir = TemporaryDirectory("large")
        defer { dir.remove() }
        // Incompressible bytes, stored: 3 × 7 MiB crosses the buffer's limit inside an entry.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let parts: [[UInt8]] = (0..<3).map { _ in
            (0..<(7 << 20)).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
        }
        let zip = try ZipWriter(path: dir.file("big.zip"))
        try zip.add("a.txt", text: "đầu", method: .deflate(level: 6))
        for (k, part) in parts.enumerated() { try zip.add("part\(k).bin", bytes: part, method: .store) }
        try zip.add("z.txt", text: "cuối", method: .deflate(level: 6))
        try zip.close()
        let reader = try ZipReader(path: dir.file("big.zip"))
        for (k, part) in parts.enumerated() { #expect(try reader.read("part\(k).bin") == part) }
        #expect(try reader.read("z.txt") == Array("cuối".utf8))
        let unzip = Shell.run("/usr/bin/unzip", ["-t", dir.file("big.zip")])
        #expect(unzip.status == 0 && unzip.stdout.contains("No errors detected"), "\(unzip.stdout) \(unzip.stderr)")
        let py = Shell.run("/usr/bin/python3", ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.infolist()))", dir.file("big.zip")])
        #expect(py.status == 0 && py.stdout.hasPrefix("5"), "\(py.stderr)")
    }

    @Test func perEntryLevelAndMethodAreApplied() throws {
        let dir = TemporaryDirectory("level")
        defer { dir.remove() }
        let text = (0..<40_000).map { "dòng \($0 % 977) của danh sách \($0 % 13) " }.joined()
        let zip = try ZipWriter(path: dir.file("l.zip"))
        try zip.add("fast.txt", text: text, method: .deflate(level: 1))
        try zip.add("best.txt", text: text, method: .deflate(level: 9))
        try zip.add("raw.txt", text: text, method: .store)
        try zip.close()
        let r = try ZipReader(path: dir.file("l.zip"))
        let fast = r.info("fast.txt")!, best = r.info("best.txt")!, raw = r.info("raw.txt")!
        #expect(best.compressedSize < fast.compressedSize)
        #expect(raw.compressedSize == raw.size)
        #expect(try r.read("fast.txt") == Array(text.utf8))
        #expect(try r.read("best.txt") == Array(text.utf8))
    }

    @Test func entryFromFile() throws {
        let dir = TemporaryDirectory("file")
        defer { dir.remove() }
        let payload = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 31) }
        try Data(payload).write(to: URL(fileURLWithPath: dir.file("image.bin")))
        chmod(dir.file("image.bin"), 0o600)
        let zip = try ZipWriter(path: dir.file("f.zip"))
        try zip.add("media/image.bin", file: dir.file("image.bin"), method: .store)
        try zip.add("media/packed.bin", file: dir.file("image.bin"))
        try zip.close()
        let r = try ZipReader(path: dir.file("f.zip"))
        #expect(try r.read("media/image.bin") == payload)
        #expect(try r.read("media/packed.bin") == payload)
        #expect(r.info("media/image.bin")!.isStored)
        let py = Shell.run("/usr/bin/python3", ["-c", "import zipfile,sys; print([oct(i.external_attr>>16) for i in zipfile.ZipFile(sys.argv[1]).infolist()])", dir.file("f.zip")])
        #expect(py.stdout.contains("['0o100644', '0o100644']"), "file mode must not leak into the archive: \(py.stdout)")
    }

    @Test func copiedEntriesAreNotRecompressed() throws {
        let dir = TemporaryDirectory("copy")
        defer { dir.remove() }
        try sampleArchive(dir.file("src.zip"))
        let source = try ZipReader(path: dir.file("src.zip"))
        let zip = try ZipWriter(path: dir.file("dst.zip"))
        try zip.copy("content.xml", from: source)
        try zip.copy("styles.xml", from: source, as: "word/styles.xml")
        try zip.add("new.xml", text: "<new/>")
        try zip.close()
        let copy = try ZipReader(path: dir.file("dst.zip"))
        for (name, original) in [("content.xml", "content.xml"), ("word/styles.xml", "styles.xml")] {
            let a = copy.info(name)!, b = source.info(original)!
            #expect(a.compressedSize == b.compressedSize)
            #expect(a.crc == b.crc)
            #expect(try copy.read(name) == source.read(original))
        }
        // The compressed bytes themselves are identical: find them in both files.
        let srcBytes = contents(dir.file("src.zip")), dstBytes = contents(dir.file("dst.zip"))
        let info = source.info("content.xml")!
        let needle = Array(srcBytes[(srcBytes.count / 3)..<(srcBytes.count / 3 + 64)])
        #expect(info.compressedSize > 64)
        #expect(dstBytes.firstRange(of: needle) != nil)
    }

    @Test func refusesUnsafeAndDuplicateNamesOnWrite() throws {
        let dir = TemporaryDirectory("names")
        defer { dir.remove() }
        let zip = try ZipWriter(path: dir.file("n.zip"))
        for bad in ["", "../evil.xml", "a/../../b", "/etc/passwd", "a\\b.xml", "C:/x.xml", "x\u{0}y"] {
            #expect(throws: ZipError.self) { try zip.add(bad, text: "x") }
            do { try zip.add(bad, text: "x") } catch let e as ZipError { #expect(e.code == .unsafeEntryName) }
        }
        try zip.add("ok.xml", text: "x")
        do {
            try zip.add("ok.xml", text: "y")
            Issue.record("duplicate accepted")
        } catch let e as ZipError {
            #expect(e.code == .duplicateEntryName)
            #expect(e.entry == "ok.xml")
            #expect(e.description.contains("ok.xml"))
        }
        try zip.close()
        #expect(try ZipReader(path: dir.file("n.zip")).entries.map(\.name) == ["ok.xml"])
    }

    @Test func emptyArchiveIsRefusedAndExistingTargetKept() throws {
        let dir = TemporaryDirectory("empty")
        defer { dir.remove() }
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir.file("x.docx")))
        let zip = try ZipWriter(path: dir.file("x.docx"))
        #expect(throws: ZipError.self) { try zip.close() }
        #expect(contents(dir.file("x.docx")) == Array("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["x.docx"])
    }
}

@Suite struct ZipReaderGuardTests {
    func expectRefused(_ zip: RawZip, _ code: ZipError.Code, limits: ZipLimits = .default,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = TemporaryDirectory("guard")
        defer { dir.remove() }
        try zip.write(to: dir.file("bad.zip"))
        do {
            _ = try ZipReader(path: dir.file("bad.zip"), limits: limits)
            Issue.record("accepted an archive that must be refused (\(code))", sourceLocation: sourceLocation)
        } catch let e as ZipError {
            #expect(e.code == code, "\(e)", sourceLocation: sourceLocation)
            #expect(e.path == dir.file("bad.zip"), sourceLocation: sourceLocation)
        }
    }

    @Test func craftedArchiveIsReadableWhenHonest() throws {
        let dir = TemporaryDirectory("raw")
        defer { dir.remove() }
        try RawZip([.init("word/document.xml", Array("<w:document/>".utf8), deflate: true)]).write(to: dir.file("ok.zip"))
        #expect(try ZipReader(path: dir.file("ok.zip")).read("word/document.xml") == Array("<w:document/>".utf8))
    }

    @Test(arguments: ["../x.xml", "a/../../x.xml", "/abs.xml", "dir\\x.xml", "", "C:/x.xml"])
    func unsafeNames(name: String) throws {
        try expectRefused(RawZip([.init("ok.xml", [1]), .init(name, [2])]), .unsafeEntryName)
    }

    @Test func duplicateNames() throws {
        try expectRefused(RawZip([.init("word/document.xml", [1]), .init("word/document.xml", [2])]), .duplicateEntryName)
    }

    @Test func tooManyEntries() throws {
        let entries = (0..<12).map { RawZip.Entry("e\($0).xml", [UInt8($0)]) }
        try expectRefused(RawZip(entries), .tooManyEntries, limits: ZipLimits(maxEntries: 10))
    }

    @Test func totalSizeLimit() throws {
        let entries = (0..<4).map { RawZip.Entry("e\($0).xml", [UInt8](repeating: UInt8($0), count: 400)) }
        try expectRefused(RawZip(entries), .tooLarge, limits: ZipLimits(maxTotalSize: 1000))
    }

    @Test func zipBombRatio() throws {
        // 8 MB of zeros deflate to about 8 KB: a ratio near 1000:1.
        try expectRefused(RawZip([.init("bomb.xml", [UInt8](repeating: 0, count: 8 << 20), deflate: true)]),
                          .suspiciousCompressionRatio)
    }

    @Test func declaredSizeIsEnforcedWhileReading() throws {
        let dir = TemporaryDirectory("lie")
        defer { dir.remove() }
        let real = [UInt8](repeating: 65, count: 50_000)
        try RawZip([.init("lie.xml", real, deflate: true, declaredSize: 1000)]).write(to: dir.file("lie.zip"))
        let reader = try ZipReader(path: dir.file("lie.zip"))
        do {
            _ = try reader.read("lie.xml")
            Issue.record("read past the declared size")
        } catch let e as ZipError {
            #expect(e.code == .sizeMismatch || e.code == .readFailed, "\(e)")
            #expect(e.entry == "lie.xml")
        }
    }

    @Test func libzipErrorsCarryItsMessage() throws {
        let dir = TemporaryDirectory("notzip")
        defer { dir.remove() }
        try Data("this is not a zip".utf8).write(to: URL(fileURLWithPath: dir.file("x.docx")))
        do {
            _ = try ZipReader(path: dir.file("x.docx"))
            Issue.record("opened a non-archive")
        } catch let e as ZipError {
            #expect(e.code == .openFailed)
            #expect(e.detail.lowercased().contains("zip"), "\(e.detail)")
            #expect(e.description.contains(dir.file("x.docx")))
        }
        do {
            _ = try ZipReader(path: dir.file("missing.docx"))
            Issue.record("opened a missing file")
        } catch let e as ZipError {
            #expect(e.code == .openFailed)
            #expect(e.detail.contains("No such file"), "\(e.detail)")
        }
        let reader = try ZipReader(path: {
            try RawZip([.init("a.xml", [1])]).write(to: dir.file("a.zip")); return dir.file("a.zip")
        }())
        #expect(throws: ZipError.self) { try reader.read("b.xml") }
    }
}

@Suite struct AtomicOutputTests {
    @Test func failingProducerLeavesNoFileAndKeepsTheOldOne() throws {
        struct Boom: Error {}
        let dir = TemporaryDirectory("atomic")
        defer { dir.remove() }
        // No previous file: nothing appears.
        do {
            let zip = try ZipWriter(path: dir.file("new.xlsx"))
            try zip.add("xl/a.xml", text: "<a/>")
            try zip.add("xl/b.xml") { stream in
                stream.write(Array(repeating: 65, count: 3 << 20))
                throw Boom()
            }
            Issue.record("the producer's error was swallowed")
        } catch is Boom {}
        // An existing file is untouched.
        try Data("version 1".utf8).write(to: URL(fileURLWithPath: dir.file("old.xlsx")))
        do {
            let zip = try ZipWriter(path: dir.file("old.xlsx"))
            try zip.add("xl/b.xml") { _ in throw Boom() }
        } catch is Boom {}
        #expect(contents(dir.file("old.xlsx")) == Array("version 1".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["old.xlsx"])
    }

    @Test func atomicWriteOfPlainBytes() throws {
        let dir = TemporaryDirectory("plain")
        defer { dir.remove() }
        try AtomicOutput.write(Array("xin chào".utf8), to: dir.file("a.txt"))
        try AtomicOutput.write(Array("tạm biệt".utf8), to: dir.file("a.txt"))
        #expect(contents(dir.file("a.txt")) == Array("tạm biệt".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a.txt"])
    }

    @Test func staleTemporariesOfDeadProcessesAreRemoved() throws {
        let dir = TemporaryDirectory("stale")
        defer { dir.remove() }
        // PID 4194304 is above Linux's pid_max: certainly not running.
        let stale = dir.file(".report.xlsx.tdkt-tmp-4194304-1")
        let staleLibzip = stale + ".aB3xYz"
        for path in [stale, staleLibzip] { try Data("partial".utf8).write(to: URL(fileURLWithPath: path)) }
        let mine = dir.file(".other.xlsx.tdkt-tmp-\(getpid())-99")
        try Data("mine".utf8).write(to: URL(fileURLWithPath: mine))
        try AtomicOutput.write([1], to: dir.file("report.xlsx"))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == [".other.xlsx.tdkt-tmp-\(getpid())-99", "report.xlsx"])
    }

    @Test func outputEqualToAnInputIsRefused() throws {
        let dir = TemporaryDirectory("same")
        defer { dir.remove() }
        try Data("a,b".utf8).write(to: URL(fileURLWithPath: dir.file("in.csv")))
        symlink(dir.file("in.csv"), dir.file("link.csv"))
        for output in [dir.file("in.csv"), dir.path + "/./in.csv", dir.file("link.csv")] {
            #expect(throws: ZipError.self) { try OutputGuard.check(output: output, inputs: [dir.file("in.csv")]) }
        }
        try OutputGuard.check(output: dir.file("out.xlsx"), inputs: [dir.file("in.csv")])
    }

    /// The bench binary writes a big streamed entry slowly; we kill it half-way.
    @Test func killedWriteLeavesTargetUntouched() throws {
        guard let bench = BuiltProducts.path("TdktBench") else {
            Issue.record("TdktBench is not built: run `swift build` first")
            return
        }
        let dir = TemporaryDirectory("kill")
        defer { dir.remove() }
        try Data("signed copy".utf8).write(to: URL(fileURLWithPath: dir.file("plan.docx")))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bench)
        process.arguments = ["stream", "--mb", "64", "--out", dir.file("plan.docx"), "--slow"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        // Wait until it has written something, then SIGKILL it.
        let handle = pipe.fileHandleForReading
        var seen = ""
        while !seen.contains("progress 8") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(seen.contains("progress"))
        #expect(contents(dir.file("plan.docx")) == Array("signed copy".utf8))
        // The next run in that folder removes the dead run's leftovers.
        try AtomicOutput.write([1], to: dir.file("other.bin"))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == ["other.bin", "plan.docx"])
    }

    @Test func streamedEntryOf300MBHasFlatMemory() throws {
        guard let bench = BuiltProducts.path("TdktBench") else {
            Issue.record("TdktBench is not built: run `swift build` first")
            return
        }
        let dir = TemporaryDirectory("rss")
        defer { dir.remove() }
        let result = Shell.run(bench, ["stream", "--mb", "300", "--out", dir.file("big.zip")])
        #expect(result.status == 0, "\(result.stderr)")
        let rss = result.stdout.split(separator: "\n").first { $0.hasPrefix("peak_rss_kib=") }
            .flatMap { Int($0.dropFirst("peak_rss_kib=".count)) } ?? -1
        #expect(rss > 0)
        #expect(rss < 64 * 1024, "peak RSS \(rss) KiB for a 300 MB entry")
        let reader = try ZipReader(path: dir.file("big.zip"))
        #expect(reader.info("content.xml")?.size == 300 << 20)
        let unzip = Shell.run("/usr/bin/unzip", ["-tq", dir.file("big.zip")])
        #expect(unzip.status == 0, "\(unzip.stdout)")
    }

    @Test("a prefix set at the end is read back before the streamed bytes", arguments: [0, 1, 100, 3 << 20])
    func prefixAfterTheFact(_ bodySize: Int) throws {
        let dir = TemporaryDirectory("prefix")
        defer { dir.remove() }
        var body = [UInt8]()
        body.reserveCapacity(bodySize)
        var x: UInt32 = 7
        for i in 0..<bodySize {
            x = x &* 1_103_515_245 &+ 12_345
            body.append(i % 7 == 0 ? UInt8(truncatingIfNeeded: x >> 16) : UInt8(ascii: "a") + UInt8(i % 26))
        }
        let head = Array("<?xml version=\"1.0\"?><root dimension=\"A1:J\(bodySize)\">".utf8)
        for method in [ZipMethod.deflate(level: 6), .store] {
            let path = dir.file("p-\(bodySize)-\(method == .store ? "s" : "d").zip")
            let zip = try ZipWriter(path: path)
            let stream = try zip.beginEntry("x.xml", method: method)
            stream.write(body)
            stream.setPrefix(head)
            try stream.finish()
            try zip.add("after.txt", text: "sau")
            try zip.close()
            let reader = try ZipReader(path: path)
            #expect(try reader.read("x.xml") == head + body)
            #expect(try reader.read("after.txt") == Array("sau".utf8))
            let unzip = Shell.run("/usr/bin/unzip", ["-tq", path])
            #expect(unzip.status == 0, "\(unzip.stdout)")
        }
    }
}
