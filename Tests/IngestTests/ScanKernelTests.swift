import CKernels
import Testing

/// The byte searches of `CKernels` against plain loops: every length, every position of the
/// byte looked for, every alignment (the SIMD path reads 16 bytes at a time).
@Suite struct ScanKernelTests {
    /// Reference rule of `tdkt_text_class`.
    static func textClass(_ bytes: [UInt8]) -> Int32 {
        if bytes.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 }) { return 2 }
        let look = bytes.contains { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0xED || $0 == 0xEF }
        return look ? 1 : 0
    }

    @Test("find_any3 returns the first of three bytes at every position, length and alignment")
    func findAny3() {
        let filler = Array("Phòng Giáo dục huyện Định Hóa ".utf8)
        var rng = SystemRandomNumberGenerator()
        for length in 0...70 {
            for offset in 0..<16 {
                var buffer = [UInt8](repeating: 0, count: offset + length)
                for i in 0..<length { buffer[offset + i] = filler[i % filler.count] }
                let targets: [UInt8] = [0x2C, 0x0A, 0x0D]
                // No target at all, then each target at each position (with a later one too).
                var cases: [(Int, UInt8)] = [(-1, 0)]
                for p in 0..<length { cases.append((p, targets[Int.random(in: 0..<3, using: &rng)])) }
                for (p, t) in cases {
                    var b = buffer
                    if p >= 0 {
                        b[offset + p] = t
                        if p + 5 < length { b[offset + p + 5] = targets[(p + 1) % 3] }
                    }
                    let found = b.withUnsafeBufferPointer { all in
                        tdkt_find_any3(all.baseAddress! + offset, length, 0x2C, 0x0A, 0x0D)
                    }
                    #expect(found == (p >= 0 ? p : length), "length \(length), offset \(offset), at \(p)")
                }
            }
        }
    }

    @Test("text_class: tab and line breaks win, then bytes to escape or drop, at every position")
    func textClass() {
        let plain = Array("Nguyễn Văn An – Trường THPT \"Lê Quý Đôn\" 'x' ".utf8)
        let specials: [UInt8] = [0x09, 0x0A, 0x0D, 0x00, 0x01, 0x1F, 0x26, 0x3C, 0x3E, 0xED, 0xEF, 0x20, 0x22, 0x27, 0x7F, 0xE1, 0xEE]
        for length in 0...60 {
            for offset in [0, 1, 7, 15] {
                var base = [UInt8](repeating: 0x61, count: offset + length)
                for i in 0..<length { base[offset + i] = plain[i % plain.count] }
                // Keep the filler free of 0xED/0xEF bytes that plain text would not hold.
                func check(_ b: [UInt8]) {
                    let got = b.withUnsafeBufferPointer { tdkt_text_class($0.baseAddress! + offset, length) }
                    #expect(got == Self.textClass(Array(b[offset...])), "length \(length), offset \(offset)")
                }
                check(base)
                for p in 0..<length {
                    for s in specials {
                        var b = base
                        b[offset + p] = s
                        check(b)
                        // An escape first and a line break later: still 2.
                        if p + 17 < length {
                            b[offset + p + 17] = 0x0A
                            check(b)
                        }
                    }
                }
            }
        }
    }
}
