import Foundation
import Testing
import TestSupport
@testable import Ingest

func fixture(_ name: String) throws -> [UInt8] {
    let url = Bundle.module.url(forResource: "Fixtures/csv/" + name, withExtension: nil)!
    return Array(try Data(contentsOf: url))
}

/// `bytes` through a validator in blocks of `block` bytes (sequences cut at block ends), with
/// or without the SIMD kernel.
func validate(_ bytes: [UInt8], inBlocksOf block: Int, startOffset: Int = 0, kernel: Bool = true) -> UTF8Validator {
    var v = UTF8Validator(startOffset: startOffset, useKernel: kernel)
    var i = 0
    while i < bytes.count {
        let end = min(bytes.count, i + block)
        bytes[i..<end].withUnsafeBufferPointer { v.scan($0) }
        i = end
    }
    v.finish()
    return v
}

@Suite struct UnicodeStreamTests {
    @Test func byteOrderMarks() throws {
        #expect(try fixture("dskt-utf8-bom.csv").withUnsafeBufferPointer { TextEncoding.fromBOM($0)?.0 } == .utf8)
        #expect(try fixture("dskt-unicode-text.txt").withUnsafeBufferPointer { TextEncoding.fromBOM($0)?.0 } == .utf16LE)
        #expect(try fixture("dskt-utf8-nobom-lf.csv").withUnsafeBufferPointer { TextEncoding.fromBOM($0) } == nil)
    }

    @Test func utf16ToUTF8AcrossEveryBlockSize() throws {
        let bytes = try fixture("dskt-unicode-text.txt")
        let reference = String(data: Data(bytes.dropFirst(2)), encoding: .utf16LittleEndian)!
        for block in [1, 2, 3, 7, 64, 4096] {
            var converter = UTF16ToUTF8(bigEndian: false)
            var out: [UInt8] = []
            var i = 2
            while i < bytes.count {
                let end = min(bytes.count, i + block)
                bytes[i..<end].withUnsafeBufferPointer { converter.convert($0, into: &out) }
                i = end
            }
            converter.finish(into: &out)
            #expect(String(decoding: out, as: UTF8.self) == reference)
            #expect(converter.replaced == 0)
        }
        #expect(reference.contains("Bùi Thị Ngọc Lương"))
    }

    @Test func surrogatePairsAndLoneSurrogates() {
        // "a😀b" then a lone high surrogate followed by "c", big endian.
        let units: [UInt16] = [0x61, 0xD83D, 0xDE00, 0x62, 0xD800, 0x63]
        let bytes = units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        var converter = UTF16ToUTF8(bigEndian: true)
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { converter.convert($0, into: &out) }
        converter.finish(into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "a😀b\u{FFFD}c")
        #expect(converter.replaced == 1)
    }

    @Test func brokenSequencesAreReportedOncePerLineAndScanningResumes() {
        // line 1: E0 then "A" (broken); line 2: "Á" (valid); line 3: E0 broken by "Á";
        // line 4: a lone continuation byte; line 5: E0 A0 80 (valid U+0800) split over blocks.
        let bytes: [UInt8] = [0xE0, 0x41, 0x0A, 0xC3, 0x81, 0x0A, 0xE0, 0xC3, 0x81, 0x0A, 0x80, 0x0A, 0xE0, 0xA0, 0x80, 0x0A]
        for block in 1...bytes.count {
            let v = validate(bytes, inBlocksOf: block)
            #expect(v.invalid.map(\.line) == [1, 3, 4], "block \(block)")
            #expect(v.invalid.map(\.offset) == [0, 6, 10], "block \(block)")
        }
    }

    /// The whole-sequence fast paths agree with the byte-at-a-time state machine (blocks of one
    /// byte never take them) on random mixes of ASCII, Vietnamese, other scripts, four-byte
    /// characters, line feeds and broken bytes; and validity agrees with Swift's own decoder.
    @Test func fastPathsAgreeWithTheStateMachine() {
        var rng = SeededGenerator(seed: 0x5EED_0008)
        // Each piece with the offset of the character in it that may need NFC (nil: none, or
        // broken bytes, about which nothing is promised).
        let text: [(String, Int?)] = [("a", nil), ("\n", nil), ("Nguyễn Đức Thắng", nil), ("ư", nil), ("ơ", nil), ("đ", nil),
                                      ("e\u{0301}", 1), ("Ж", 0), ("—", nil), ("€", 0), ("😀", 0), ("中", 0),
                                      ("\u{2003}", nil), ("\u{FEFF}", 0), ("\u{1E9E}", nil)]
        let pieces: [([UInt8], Int?)] = text.map { (Array($0.0.utf8), $0.1) }
            + [[0xE0], [0x80], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xFF], [0xE1, 0xB8], [0xF0, 0x9F]]
                .map { ($0, nil) }
        for _ in 0..<400 {
            var bytes: [UInt8] = []
            var truth = -1
            for _ in 0..<Int.random(in: 0...40, using: &rng) {
                let (piece, suspicious) = pieces.randomElement(using: &rng)!
                if let suspicious { truth = 7 + bytes.count + suspicious }
                bytes += piece
            }
            func run(_ block: Int) -> UTF8Validator { validate(bytes, inBlocksOf: block, startOffset: 7) }
            let reference = run(1)
            #expect(reference.lastSuspicious >= truth)
            for block in [2, 3, 5, 16, bytes.count + 1] {
                let v = run(block)
                #expect(v.invalid.map(\.offset) == reference.invalid.map(\.offset), "\(bytes) block \(block)")
                #expect(v.invalid.map(\.line) == reference.invalid.map(\.line), "\(bytes) block \(block)")
                #expect(v.line == reference.line && v.offset == reference.offset)
                // Never misses a character that may need NFC; never marks more than the
                // byte-at-a-time machine (which takes every letter from U+0300 on as suspect).
                #expect(v.lastSuspicious >= truth && v.lastSuspicious <= reference.lastSuspicious, "\(bytes) block \(block)")
            }
            #expect(reference.isValid == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            #expect(reference.line == 1 + bytes.filter { $0 == 0x0A }.count)
        }
    }

    @Test func invalidUTF8IsLocatedByLineAndByteOffset() throws {
        // Manifest: dskt-mixed-encoding.csv has Windows-1258 bytes on line 4, first at byte 326.
        let bytes = try fixture("dskt-mixed-encoding.csv")
        var validator = UTF8Validator(startOffset: 0)
        bytes.withUnsafeBufferPointer { validator.scan($0) }
        validator.finish()
        #expect(validator.invalid.count == 1)
        #expect(validator.invalid.first?.line == 4)
        #expect(validator.invalid.first?.offset == 326)
        var clean = UTF8Validator(startOffset: 3)
        try fixture("dskt-utf8-bom.csv").dropFirst(3).withUnsafeBufferPointer { clean.scan($0) }
        clean.finish()
        #expect(clean.isValid)
    }
}
