import Foundation
import Testing
import TestSupport
@testable import OfficeZip

/// Rows of a table as a template loop writes them: the same markup around new values, with
/// the repetitions it knows (markup, and values equal to the row above) as hints.
private func table(rows: Int, seed: UInt64, wrongHints: Bool = false) -> (bytes: [UInt8], hints: [RepeatHint]) {
    var rng = SeededGenerator(seed: seed)
    let names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Minh Đức", "Hồ Thị Ê & <Lan>"]
    let units = ["Sở Nội vụ", "UBND huyện Định Hóa", "Phòng Giáo dục và Đào tạo"]
    let statics = ["<w:tr><w:tc><w:p><w:r><w:t>", "</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t xml:space=\"preserve\">",
                   "</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>", "</w:t></w:r></w:p></w:tc></w:tr>"].map { Array($0.utf8) }
    var bytes = Array("<w:document><w:body><w:tbl>".utf8)
    var hints: [RepeatHint] = []
    var previous: [(offset: Int, bytes: [UInt8])]? = nil
    for r in 0..<rows {
        let values = [String(r + 1), names.randomElement(using: &rng)!, units.randomElement(using: &rng)!].map { Array($0.utf8) }
        var pieces: [(offset: Int, bytes: [UInt8])] = []
        for (k, s) in statics.enumerated() {
            pieces.append((bytes.count, s))
            bytes += s
            if k < values.count {
                pieces.append((bytes.count, values[k]))
                bytes += values[k]
            }
        }
        if let previous {
            for (k, piece) in pieces.enumerated() where k % 2 == 0 || piece.bytes == previous[k].bytes {
                let distance = piece.offset - previous[k].offset
                if let last = hints.last, last.offset + last.length == piece.offset, last.distance == distance {
                    hints[hints.count - 1].length += piece.bytes.count
                } else {
                    hints.append(RepeatHint(offset: piece.offset, length: piece.bytes.count, distance: distance))
                }
            }
        }
        previous = pieces
    }
    bytes += Array("</w:tbl></w:body></w:document>".utf8)
    if wrongHints {
        // Off by one, too far back, before the stream: each must cost literals, not bytes.
        hints = hints.map { RepeatHint(offset: $0.offset, length: $0.length, distance: $0.distance + (Bool.random(using: &rng) ? 1 : 0)) }
        hints.insert(RepeatHint(offset: 3, length: 10, distance: 40), at: 0)
        hints.append(RepeatHint(offset: bytes.count - 20, length: 10, distance: 40_000))
    }
    return (bytes, hints)
}

private func deflated(_ bytes: [UInt8], hints: [RepeatHint], in dir: TemporaryDirectory, name: String, pieces: Int = 7) throws -> String {
    let path = dir.file(name)
    let zip = try ZipWriter(path: path)
    try zip.add("word/document.xml", method: .deflate(level: 3)) { stream in
        // Written in uneven pieces, each with its own hints (relative to the piece).
        var start = 0
        var h = 0
        for k in 1...pieces {
            let end = k == pieces ? bytes.count : bytes.count * k * k / (pieces * pieces)
            var local: [RepeatHint] = []
            while h < hints.count && hints[h].offset < end {
                // A hint cut by the piece's end goes on at the start of the next piece.
                let hint = hints[h]
                let from = max(hint.offset, start), cut = min(hint.offset + hint.length, end)
                local.append(RepeatHint(offset: from - start, length: cut - from, distance: hint.distance))
                if cut < hint.offset + hint.length { break }
                h += 1
            }
            bytes[start..<end].withUnsafeBytes { stream.write($0, hints: local) }
            start = end
        }
    }
    try zip.close()
    return path
}

@Suite struct RepeatDeflateTests {
    @Test(arguments: [(3, UInt64(1)), (40, UInt64(2)), (9_000, UInt64(3)), (30_000, UInt64(4))])
    func hintedTablesInflateToTheSameBytes(rows: Int, seed: UInt64) throws {
        let dir = TemporaryDirectory("repeat")
        defer { dir.remove() }
        let (bytes, hints) = table(rows: rows, seed: seed)
        let path = try deflated(bytes, hints: hints, in: dir, name: "h.zip")
        let reader = try ZipReader(path: path)
        #expect(try reader.read("word/document.xml") == bytes)
        // The same bytes without hints (zlib alone): the hinted form is within 2.5 times its size.
        let plain = try deflated(bytes, hints: [], in: dir, name: "p.zip")
        let hinted = reader.info("word/document.xml")!.compressedSize
        let zlib = try ZipReader(path: plain).info("word/document.xml")!.compressedSize
        if rows >= 9_000 {
            #expect(bytes.count > 1 << 20, "crosses chunk boundaries")
            #expect(Double(hinted) < 2.5 * Double(zlib), "\(hinted) vs zlib \(zlib)")
            #expect(Double(hinted) < 0.12 * Double(bytes.count), "\(hinted) of \(bytes.count)")
        }
        // Python's zlib agrees, and the archive is byte-identical when written again.
        let py = Shell.run("/usr/bin/python3", ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.read('word/document.xml')))", path])
        #expect(py.status == 0, "\(py.stderr)")
        #expect(py.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(bytes.count))
        let again = try deflated(bytes, hints: hints, in: dir, name: "h2.zip")
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test("a segment compressed ahead of time joins the entry between bytes written before and after it")
    func precompressedSegment() throws {
        let dir = TemporaryDirectory("segment")
        defer { dir.remove() }
        let (table, hints) = table(rows: 6_000, seed: 11)
        let before = Array("<w:document><w:body>".utf8) + Array(repeating: UInt8(ascii: "a"), count: 70_000)
        let after = Array("</w:body></w:document>".utf8)
        let segment = DeflateSegment(level: 3)
        table.withUnsafeBytes { segment.write($0, hints: hints) }
        let path = dir.file("s.zip")
        let zip = try ZipWriter(path: path)
        try zip.add("word/document.xml", method: .deflate(level: 3)) { stream in
            stream.write(before)
            table.withUnsafeBytes { stream.appendCompressed(segment, bytes: $0) }
            stream.write(after)
        }
        try zip.add("empty-after.xml", method: .deflate(level: 3)) { stream in
            let s = DeflateSegment(level: 3)
            Array("<x/>".utf8).withUnsafeBytes { s.write($0, hints: []) }
            Array("<x/>".utf8).withUnsafeBytes { stream.appendCompressed(s, bytes: $0) }
        }
        try zip.close()
        let reader = try ZipReader(path: path)
        #expect(try reader.read("word/document.xml") == before + table + after)
        #expect(try reader.read("empty-after.xml") == Array("<x/>".utf8))
        let py = Shell.run("/usr/bin/python3", ["-c", "import sys, zipfile; assert zipfile.ZipFile(sys.argv[1]).testzip() is None", path])
        #expect(py.status == 0, "\(py.stderr)")

        // Bytes that are not the segment's: refused, nothing written.
        let wrong = DeflateSegment(level: 3)
        Array("abc".utf8).withUnsafeBytes { wrong.write($0, hints: []) }
        let bad = try ZipWriter(path: dir.file("bad.zip"))
        #expect(throws: ZipError.self) {
            try bad.add("x.xml") { stream in Array("abcd".utf8).withUnsafeBytes { stream.appendCompressed(wrong, bytes: $0) } }
        }
    }

    @Test func wrongHintsCostLiteralsNotBytes() throws {
        let dir = TemporaryDirectory("repeat-wrong")
        defer { dir.remove() }
        let (bytes, hints) = table(rows: 5_000, seed: 9, wrongHints: true)
        let path = try deflated(bytes, hints: hints, in: dir, name: "w.zip")
        #expect(try ZipReader(path: path).read("word/document.xml") == bytes)
    }

    @Test func randomBytesWithRandomHintsRoundTrip() throws {
        let dir = TemporaryDirectory("repeat-random")
        defer { dir.remove() }
        var rng = SeededGenerator(seed: 77)
        for round in 0..<12 {
            let n = [0, 1, 5, 300, 70_000, 1_200_000][round % 6]
            let alphabet: [UInt8] = round % 2 == 0 ? Array(0...255) : Array("ab<>".utf8)
            var bytes = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            // Some true repetitions, some false hints.
            var hints: [RepeatHint] = []
            var at = 0
            while at + 600 < n {
                let length = Int.random(in: 1...500, using: &rng), distance = Int.random(in: 1...min(at + 1, 40_000), using: &rng)
                if Bool.random(using: &rng), at - distance >= 0 {
                    for i in 0..<length { bytes[at + i] = bytes[at + i - distance] }
                }
                hints.append(RepeatHint(offset: at, length: length, distance: distance))
                at += length + Int.random(in: 0...50, using: &rng)
            }
            let path = try deflated(bytes, hints: hints, in: dir, name: "r\(round).zip", pieces: 3)
            #expect(try ZipReader(path: path).read("word/document.xml") == bytes, "round \(round)")
        }
    }

    @Test func huffmanLengthsAreCompleteAndLimited() {
        var rng = SeededGenerator(seed: 5)
        // Fibonacci frequencies force depths past the limit without it.
        var fib: [UInt32] = [1, 1]
        while fib.count < 30 { fib.append(fib[fib.count - 1] + fib[fib.count - 2]) }
        let cases: [([UInt32], Int)] = [(fib, 15), (fib.prefix(19).map { $0 }, 7), ([0, 0, 5, 0], 15), ([3, 0, 9], 15)]
            + (0..<50).map { _ in ((0..<286).map { _ in Bool.random(using: &rng) ? UInt32.random(in: 0...100_000, using: &rng) : 0 }, 15) }
        for (f, limit) in cases {
            let lengths = Huffman.lengths(f, limit: limit)
            #expect(lengths.allSatisfy { $0 <= limit })
            for k in f.indices { #expect((f[k] > 0) == (lengths[k] > 0)) }
            let used = lengths.filter { $0 > 0 }
            if used.count >= 2 {
                // Kraft: a complete prefix code.
                let kraft = used.reduce(0.0) { $0 + pow(2.0, -Double($1)) }
                #expect(abs(kraft - 1) < 1e-9, "\(f)")
            }
            let codes = Huffman.codes(lengths)
            var seen = Set<String>()
            for k in f.indices where lengths[k] > 0 {
                let bits = (0..<Int(lengths[k])).map { (codes[k] >> $0) & 1 == 1 ? "1" : "0" }.joined()
                #expect(seen.insert(bits).inserted)
            }
        }
    }
}
