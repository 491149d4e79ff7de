import CKernels
import CZlib
import Testing
import TestSupport
@testable import OfficeZip

/// zlib's CRC-32, the reference.
private func zlibCRC(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
    UInt32(crc32(uLong(crc), bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), uInt(bytes.count)))
}

private func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
}

/// `tdkt_crc32` (carry-less multiplication where the CPU has it) and its table-only fallback
/// give zlib's CRC-32 bit for bit.
@Suite struct CRC32KernelTests {
    @Test func checkValue() {
        let digits = Array("123456789".utf8)
        #expect(tdkt_crc32(0, digits, digits.count) == 0xCBF4_3926)
        #expect(tdkt_crc32_portable(0, digits, digits.count) == 0xCBF4_3926)
        #expect(tdkt_crc32(0, nil, 0) == 0)   // zlib's "initial value" call
        #expect(tdkt_crc32(0x1234_5678, digits, 0) == 0x1234_5678)
    }

    @Test func everyLengthAtEveryAlignment() {
        let bytes = randomBytes(600 + 16, seed: 0xC4C3_2001)
        bytes.withUnsafeBytes { all in
            var mismatches: [(length: Int, alignment: Int)] = []
            for alignment in 0...15 {
                for length in 0...600 {
                    let slice = UnsafeRawBufferPointer(rebasing: all[alignment..<alignment + length])
                    let expected = zlibCRC(0, slice)
                    // A nonzero start value too: the register is folded into the first lane.
                    let seed = UInt32(truncatingIfNeeded: length &* 0x9E37_79B9 ^ alignment)
                    if tdkt_crc32(0, slice.baseAddress, length) != expected
                        || tdkt_crc32_portable(0, slice.baseAddress, length) != expected
                        || tdkt_crc32(seed, slice.baseAddress, length) != zlibCRC(seed, slice)
                        || zipCRC32(0, slice) != expected {
                        mismatches.append((length, alignment))
                    }
                }
            }
            #expect(mismatches.isEmpty, "first: \(mismatches.prefix(5))")
        }
    }

    @Test func chainedCallsAtRandomSplits() {
        var rng = SeededGenerator(seed: 0xC4C3_2002)
        let bytes = randomBytes(20_000, seed: 0xC4C3_2003)
        bytes.withUnsafeBytes { all in
            let expected = zlibCRC(0, all)
            for _ in 0..<200 {
                var cuts = (0..<Int.random(in: 1...8, using: &rng)).map { _ in Int.random(in: 0...all.count, using: &rng) }
                cuts = [0] + cuts.sorted() + [all.count]
                var crc: UInt32 = 0
                var portable: UInt32 = 0
                for (a, b) in zip(cuts, cuts.dropFirst()) {
                    let piece = UnsafeRawBufferPointer(rebasing: all[a..<b])
                    crc = tdkt_crc32(crc, piece.baseAddress, piece.count)
                    portable = tdkt_crc32_portable(portable, piece.baseAddress, piece.count)
                }
                #expect(crc == expected, "cuts \(cuts)")
                #expect(portable == expected, "cuts \(cuts)")
            }
        }
    }

    @Test func severalMegabytes() {
        var bytes = randomBytes(5 << 20, seed: 0xC4C3_2004)
        // Long runs of one byte too (zeros and ones fold differently from noise).
        for i in 1_000_000..<1_300_000 { bytes[i] = 0 }
        for i in 2_000_000..<2_100_000 { bytes[i] = 0xFF }
        bytes.withUnsafeBytes { all in
            let expected = zlibCRC(0, all)
            #expect(tdkt_crc32(0, all.baseAddress, all.count) == expected)
            #expect(tdkt_crc32_portable(0, all.baseAddress, all.count) == expected)
            let odd = UnsafeRawBufferPointer(rebasing: all[3..<all.count - 5])
            #expect(tdkt_crc32(0, odd.baseAddress, odd.count) == zlibCRC(0, odd))
        }
    }
}
