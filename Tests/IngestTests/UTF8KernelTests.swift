import CKernels
import Testing
import TestSupport
@testable import Ingest

/// Everything a validator tells, to compare two runs.
private struct Outcome: Equatable, CustomStringConvertible {
    var invalid: [Int]
    var invalidLines: [Int]
    var line: Int
    var offset: Int
    var lastSuspicious: Int
    var isValid: Bool

    init(_ v: UTF8Validator) {
        invalid = v.invalid.map(\.offset)
        invalidLines = v.invalid.map(\.line)
        line = v.line
        offset = v.offset
        lastSuspicious = v.lastSuspicious
        isValid = v.isValid
    }

    var description: String {
        "invalid \(invalid) lines \(invalidLines) line \(line) offset \(offset) suspicious \(lastSuspicious) valid \(isValid)"
    }
}

private let blockSizes = [1, 7, 64, 100, 4096, Int.max]

/// The kernel changes nothing that can be observed: for each block size, the outcome is the
/// one of the byte loops alone. Returns the outcome of the whole buffer in one block.
@discardableResult
private func expectSameWithAndWithoutKernel(_ bytes: [UInt8], _ comment: @autoclosure () -> String = "",
                                            sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Outcome {
    var whole: Outcome?
    for block in blockSizes {
        let size = min(block, max(bytes.count, 1))
        let with = Outcome(validate(bytes, inBlocksOf: size, startOffset: 7, kernel: true))
        let without = Outcome(validate(bytes, inBlocksOf: size, startOffset: 7, kernel: false))
        #expect(with == without, "block \(block) \(comment())", sourceLocation: sourceLocation)
        if block == Int.max { whole = with }
    }
    return whole!
}

private let vietnamese = ["Nguyễn", "Thị", "Hương", "Đặng", "Quốc", "Việt", "được", "khen", "thưởng", "năm",
                          "Ủy", "ban", "nhân", "dân", "tỉnh", "Thái", "Nguyên", "Lê", "Hoàng", "Cường", "Phạm",
                          "“Lao động tiên tiến”", "2024", "anh’s", "—", "…", ",", ";", "\"a;b\""]

private func vietnameseText(bytes count: Int, rng: inout SeededGenerator, extra: [String] = []) -> [UInt8] {
    var out: [UInt8] = []
    let words = vietnamese + extra
    while out.count < count {
        out += Array(words.randomElement(using: &rng)!.utf8)
        out.append(Int.random(in: 0..<8, using: &rng) == 0 ? 0x0A : 0x20)
    }
    return out
}

/// Byte strings that are invalid UTF-8 wherever they are put.
private let invalidSequences: [[UInt8]] = [
    [0x80], [0xBF], [0x80, 0x80],                           // stray continuation bytes
    [0xC0, 0x80], [0xC1, 0xBF], [0xC0, 0xAF],               // overlong two-byte forms
    [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],                 // overlong three-byte forms
    [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],     // overlong four-byte forms
    [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],                 // surrogates
    [0xF4, 0x90, 0x80, 0x80], [0xF7, 0xBF, 0xBF, 0xBF],     // above U+10FFFF
    [0xC3], [0xE1, 0xBB], [0xE1], [0xF0, 0x9F, 0x98], [0xF0, 0x9F], [0xF4],  // truncated
    [0xE1, 0x80, 0x80, 0x80], [0xC3, 0xA1, 0xA1],           // one continuation too many
    [0xF5, 0x80, 0x80, 0x80], [0xF8], [0xFC, 0x80], [0xFE], [0xFF], [0xFF, 0xFE],
]

@Suite struct UTF8KernelTests {
    @Test func longVietnameseText() {
        var rng = SeededGenerator(seed: 0x0FF1_CE01)
        // NFC Vietnamese and typographic punctuation: nothing suspicious.
        let plain = vietnameseText(bytes: 50_000, rng: &rng)
        let outcome = expectSameWithAndWithoutKernel(plain)
        #expect(outcome.isValid && outcome.lastSuspicious == -1)
        #expect(outcome.line == 1 + plain.filter { $0 == 0x0A }.count)
        // With now and then a character that may need NFC.
        let mixed = vietnameseText(bytes: 50_000, rng: &rng, extra: ["e\u{0301}", "中文", "😀", "Жук", "\u{2000}"])
        let m = expectSameWithAndWithoutKernel(mixed)
        #expect(m.isValid && m.lastSuspicious > 7 + 40_000)
    }

    @Test func invalidSequencesAtEveryOffset() {
        var rng = SeededGenerator(seed: 0x0FF1_CE02)
        let bases: [[UInt8]] = [
            Array(String(repeating: "abcdefghij\nklmnopqrs\n", count: 8).utf8),
            vietnameseText(bytes: 150, rng: &rng),
        ]
        for base in bases {
            for bad in invalidSequences {
                for at in 0...base.count {
                    let bytes = Array(base[..<at]) + bad + base[at...]
                    let whole = expectSameWithAndWithoutKernel(bytes, "\(bad) at \(at)")
                    #expect(!whole.isValid && !whole.invalid.isEmpty, "\(bad) at \(at)")
                }
            }
        }
    }

    @Test func randomMixesOfValidAndBrokenBytes() {
        var rng = SeededGenerator(seed: 0x0FF1_CE03)
        let valid = (vietnamese + ["\n", "e\u{0301}", "中", "😀", "\u{10FFFF}", "\u{D7FF}", "\u{E000}", "\u{0800}",
                                   "\u{2000}", "\u{2019}", "\u{1EF9}", String(repeating: "x", count: 40)]).map { Array($0.utf8) }
        for round in 0..<300 {
            var bytes: [UInt8] = []
            let count = Int.random(in: 0...400, using: &rng)
            while bytes.count < count {
                bytes += Int.random(in: 0..<30, using: &rng) == 0 ? invalidSequences.randomElement(using: &rng)!
                    : valid.randomElement(using: &rng)!
            }
            let whole = expectSameWithAndWithoutKernel(bytes, "round \(round) \(bytes)")
            #expect(whole.isValid == (String(validating: bytes, as: UTF8.self) != nil), "round \(round)")
        }
    }

    @Test func lineFeedsEverywhere() {
        var rng = SeededGenerator(seed: 0x0FF1_CE04)
        for density in [2, 5, 40] {
            var bytes: [UInt8] = []
            while bytes.count < 5_000 {
                if Int.random(in: 0..<density, using: &rng) == 0 { bytes.append(0x0A); continue }
                bytes += Array(vietnamese.randomElement(using: &rng)!.utf8)
            }
            let whole = expectSameWithAndWithoutKernel(bytes, "density \(density)")
            #expect(whole.line == 1 + bytes.filter { $0 == 0x0A }.count)
            // Line numbers of errors: a broken byte after each of many line feeds.
            var broken = bytes
            for k in stride(from: 100, to: broken.count, by: 333) where broken[k] < 0x80 { broken[k] = 0xFF }
            expectSameWithAndWithoutKernel(broken, "broken, density \(density)")
        }
        // All line feeds, and line feeds with one non-ASCII letter (the vector path).
        expectSameWithAndWithoutKernel([UInt8](repeating: 0x0A, count: 1_000))
        expectSameWithAndWithoutKernel([UInt8](repeating: 0x0A, count: 500) + Array("ư".utf8) + [UInt8](repeating: 0x0A, count: 500))
    }

    @Test func suspiciousCharactersAtEveryOffset() {
        // NFC letters the fast paths let through: ASCII, C2..CB xx, E1 B8..BB xx, E2 80 82..BF.
        let calm = ["a", "b", " ", "\n", "à", "Đ", "ư", "ơ", "ệ", "Ỷ", "ḁ", "’", "…", "\u{2002}", "\u{00A0}", "ˀ"]
        var rng = SeededGenerator(seed: 0x0FF1_CE05)
        let baseCharacters = (0..<90).map { _ in Array(calm.randomElement(using: &rng)!.utf8) }
        let base = baseCharacters.flatMap { $0 }
        #expect(expectSameWithAndWithoutKernel(base).lastSuspicious == -1)
        // Characters that may need NFC, by their first bytes: marks (CC..CF), other two-byte
        // letters (D0..DF), three-byte letters outside U+1E00–U+1EFF, E2 80 80/81, E0, ED, EE,
        // EF (BOM), four-byte ones.
        let suspects = ["\u{0300}", "\u{0345}", "Ж", "ש", "ߐ", "\u{2000}", "\u{2001}", "\u{2081}", "中", "\u{1F00}",
                        "\u{1DFF}", "ॐ", "\u{D7FF}", "\u{E000}", "\u{FEFF}", "😀", "\u{10FFFF}", "\u{10000}"]
        for suspect in suspects.map({ Array($0.utf8) }) {
            for prior in [[], Array("\u{0301}".utf8)] {
                for at in 0...baseCharacters.count {
                    let head = prior + baseCharacters[..<at].flatMap { $0 }
                    let bytes = head + suspect + baseCharacters[at...].flatMap { $0 }
                    let whole = expectSameWithAndWithoutKernel(bytes, "\(suspect) at \(head.count)")
                    #expect(whole.lastSuspicious == 7 + head.count, "\(suspect) at \(head.count)")
                    // Cut short: the suspect's last bytes missing (invalid), or the block ending
                    // inside it; the prior mark must not be lost either way.
                    for cut in 1..<suspect.count {
                        let truncated = Array(bytes[..<(head.count + cut)])
                        expectSameWithAndWithoutKernel(truncated, "\(suspect) cut \(cut) at \(head.count)")
                        expectSameWithAndWithoutKernel(truncated + Array(base.prefix(70)), "\(suspect) cut \(cut) at \(head.count)")
                    }
                }
            }
        }
    }

    /// The kernel's own contract, which the validator cannot show: a suspicious lead byte
    /// cut off with an unfinished last character is never reported (the byte loops would meet
    /// it again anyway).
    @Test func kernelContract() {
        var rng = SeededGenerator(seed: 0x0FF1_CE06)
        let pieces = (vietnamese + ["\n", "e\u{0301}", "中", "😀", "\u{2000}", "\u{2019}", "Ж", String(repeating: "x", count: 30)])
            .map { Array($0.utf8) }
        var stops = 0
        for round in 0..<3_000 {
            var bytes: [UInt8] = []
            let count = Int.random(in: 0...300, using: &rng)
            while bytes.count < count {
                // Every other buffer valid, the others with about one broken piece in 40.
                bytes += round % 2 == 1 && Int.random(in: 0..<40, using: &rng) == 0
                    ? invalidSequences.randomElement(using: &rng)! : pieces.randomElement(using: &rng)!
            }
            var lineFeeds = 5
            var last = -2
            let k = bytes.withUnsafeBufferPointer { tdkt_utf8_scan($0.baseAddress, $0.count, &lineFeeds, &last) }
            // The longest prefix of whole valid characters, and what the rule says about it.
            var valid = 0
            var expectedLast = -2
            var end = 0
            while end < k {
                guard let length = (1...4).first(where: { end + $0 <= bytes.count
                    && String(validating: bytes[end..<end + $0], as: UTF8.self) != nil }) else { break }
                let b = bytes[end]
                let exempt = (b == 0xE1 && (0xB8...0xBB).contains(bytes[end + 1]))
                    || (b == 0xE2 && bytes[end + 1] == 0x80 && bytes[end + 2] >= 0x82)
                if (length == 2 && b >= 0xCC) || (length == 3 && !exempt) || length == 4 { expectedLast = end }
                end += length
                valid = end
            }
            #expect(k <= bytes.count && valid == k, "\(bytes): k \(k), valid up to \(valid)")
            #expect(lineFeeds == 5 + bytes[..<k].filter { $0 == 0x0A }.count)
            #expect(last == expectedLast, "\(bytes): k \(k)")
            // On valid text it stops only near the end (the last vector and a character).
            if String(validating: bytes, as: UTF8.self) != nil && bytes.count >= 64 {
                #expect(k + 32 + 2 + 3 > bytes.count, "\(bytes): k \(k)")
                stops += 1
            }
        }
        #expect(stops > 1_000)
    }
}
