import CKernels
import Vietnamese

/// Byte order marks and streaming Unicode conversions used by the CSV reader.
public enum TextEncoding: String, Sendable, Equatable, CaseIterable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1258 = "windows-1258"
    case tcvn3 = "tcvn3-abc"
    case vni = "vni-windows"

    /// The encoding announced by a byte order mark, and the mark's length.
    public static func fromBOM(_ p: UnsafeBufferPointer<UInt8>) -> (TextEncoding, Int)? {
        if p.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { return (.utf8, 3) }
        if p.count >= 2, p[0] == 0xFF, p[1] == 0xFE { return (.utf16LE, 2) }
        if p.count >= 2, p[0] == 0xFE, p[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }

    /// The same encoding as a legacy 8-bit one (nil for the Unicode encodings).
    public var legacy: LegacyEncoding? {
        switch self {
        case .windows1258: return .windows1258
        case .tcvn3: return .tcvn3
        case .vni: return .vni
        case .utf8, .utf16LE, .utf16BE: return nil
        }
    }

    public init(_ legacy: LegacyEncoding) {
        switch legacy {
        case .windows1258: self = .windows1258
        case .tcvn3: self = .tcvn3
        case .vni: self = .vni
        }
    }

    /// Names users may give on the command line (`--encoding`).
    public init?(name: String) {
        switch String(name.lowercased().map { $0 == "_" ? "-" : $0 }) {
        case "utf-8", "utf8": self = .utf8
        case "utf-16", "utf-16le", "utf16", "utf16le", "unicode": self = .utf16LE
        case "utf-16be", "utf16be": self = .utf16BE
        case "windows-1258", "cp1258", "1258": self = .windows1258
        case "tcvn3", "tcvn3-abc", "abc", "vn3": self = .tcvn3
        case "vni", "vni-windows": self = .vni
        default: return nil
        }
    }
}

/// Converts UTF-16 (either byte order) to UTF-8 block by block, carrying an odd byte or a
/// high surrogate over block boundaries. Unpaired surrogates become U+FFFD and are counted.
struct UTF16ToUTF8 {
    let bigEndian: Bool
    private var carryByte: UInt8?
    private var highSurrogate: UInt16?
    private(set) var replaced = 0
    /// Byte offset in the file of the next input byte, and the current line (1-based).
    private var offset: Int
    private var line = 1
    private var lastBadLine = 0
    /// Where each line's first bad sequence starts (an unpaired surrogate, a lone last byte).
    private(set) var invalid: [(offset: Int, line: Int)] = []

    init(bigEndian: Bool, startOffset: Int = 0) {
        self.bigEndian = bigEndian
        self.offset = startOffset
    }

    mutating func convert(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var i = 0
        let n = input.count
        out.reserveCapacity(out.count + n + n / 2)
        func unit(_ a: UInt8, _ b: UInt8) -> UInt16 {
            bigEndian ? UInt16(a) << 8 | UInt16(b) : UInt16(b) << 8 | UInt16(a)
        }
        if let c = carryByte, n > 0 {
            carryByte = nil
            push(unit(c, input[0]), &out)
            offset += 2
            i = 1
        }
        while i + 1 < n {
            push(unit(input[i], input[i + 1]), &out)
            offset += 2
            i += 2
        }
        if i < n { carryByte = input[i] }
    }

    mutating func finish(into out: inout [UInt8]) {
        if highSurrogate != nil { highSurrogate = nil; replacement(&out, at: offset - 2) }
        if carryByte != nil { carryByte = nil; replacement(&out, at: offset) }
    }

    private mutating func replacement(_ out: inout [UInt8], at position: Int) {
        replaced += 1
        if line != lastBadLine {
            invalid.append((position, line))
            lastBadLine = line
        }
        out += [0xEF, 0xBF, 0xBD]
    }

    private mutating func push(_ u: UInt16, _ out: inout [UInt8]) {
        if let high = highSurrogate {
            highSurrogate = nil
            if u >= 0xDC00 && u <= 0xDFFF {
                let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(u) - 0xDC00)
                appendUTF8(scalar, &out)
                return
            }
            replacement(&out, at: offset - 2)
        }
        if u >= 0xD800 && u <= 0xDBFF { highSurrogate = u; return }
        if u >= 0xDC00 && u <= 0xDFFF { replacement(&out, at: offset); return }
        if u == 0x0A { line += 1 }
        appendUTF8(UInt32(u), &out)
    }
}

@inline(__always)
func appendUTF8(_ v: UInt32, _ out: inout [UInt8]) {
    switch v {
    case 0..<0x80:
        out.append(UInt8(v))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (v & 0x3F)))
    default:
        out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
    }
}

/// Validates UTF-8 as it streams by and reports where the first invalid sequence of each
/// line starts (0-based byte offset in the file, BOM included, and 1-based line).
struct UTF8Validator {
    private var need = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private var sequenceStart = 0
    private(set) var offset = 0
    private(set) var line = 1
    private var lastBadLine = 0
    private(set) var invalid: [(offset: Int, line: Int)] = []
    /// File offset of the last character that may not be NFC (a combining mark, a letter
    /// outside Latin and U+1E00–U+1EFF, …); -1 when none was seen. Records starting after it
    /// skip the NFC check.
    private(set) var lastSuspicious = -1
    /// Whether long runs go through the SIMD kernel (`tdkt_utf8_scan`); tests compare with
    /// the byte loops alone.
    private let useKernel: Bool

    init(startOffset: Int, useKernel: Bool = true) {
        offset = startOffset
        self.useKernel = useKernel
    }

    mutating func scan(_ p: UnsafeBufferPointer<UInt8>) {
        guard let base = p.baseAddress else { return }
        let n = p.count
        let origin = offset
        var i = 0
        // The hot loop keeps its state in locals; anything unusual (a sequence cut by the
        // block's end, a four-byte character, an invalid byte) goes through `step`.
        var line = self.line
        var suspicious = lastSuspicious
        // The kernel is not called again before this position: after it stopped at an invalid
        // sequence or near the block's end, the byte loops take over for a while.
        var kernelFrom = useKernel ? 0 : n
        while i < n {
            if need > 0 {
                self.line = line
                lastSuspicious = suspicious
                offset = origin + i
                step(base[i])
                line = self.line
                suspicious = lastSuspicious
                i += 1
                continue
            }
            // Long runs: the SIMD kernel checks a prefix of whole, valid characters with the
            // same rule for suspicious ones as the fast paths below.
            if i >= kernelFrom && n - i >= 64 {
                var lineFeeds = 0
                var last = -1
                let k = tdkt_utf8_scan(base + i, n - i, &lineFeeds, &last)
                line &+= lineFeeds
                if last >= 0 { suspicious = origin + i + last }
                i += k
                kernelFrom = i + 64
                continue
            }
            // ASCII runs eight bytes at a time, counting line feeds exactly (SWAR).
            while i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 != 0 { break }
                let x = w ^ 0x0A0A_0A0A_0A0A_0A0A
                let y = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
                line &+= y.nonzeroBitCount
                i += 8
            }
            if i >= n { break }
            let b = base[i]
            if b < 0x80 {
                if b == 0x0A { line &+= 1 }
                i += 1
                continue
            }
            // Whole two- and three-byte sequences of Vietnamese text in one step:
            // ư ơ đ ă (C4/C6 xx) and the precomposed letters U+1E00–U+1EFF (E1 B8–BB xx).
            if b >= 0xC2 && b <= 0xDF {
                if i + 1 < n && base[i + 1] & 0xC0 == 0x80 {
                    if b >= 0xCC { suspicious = origin + i }
                    i += 2
                    continue
                }
            } else if b >= 0xE1 && b <= 0xEC {
                if i + 2 < n && base[i + 1] & 0xC0 == 0x80 && base[i + 2] & 0xC0 == 0x80 {
                    if !(b == 0xE1 && base[i + 1] >= 0xB8 && base[i + 1] <= 0xBB)
                        && !(b == 0xE2 && base[i + 1] == 0x80 && base[i + 2] >= 0x82) {
                        suspicious = origin + i
                    }
                    i += 3
                    continue
                }
            }
            self.line = line
            lastSuspicious = suspicious
            offset = origin + i
            step(b)
            line = self.line
            suspicious = lastSuspicious
            i += 1
        }
        self.line = line
        lastSuspicious = suspicious
        offset = origin + n
    }

    /// One byte through the state machine, `offset` being its position.
    private mutating func step(_ b: UInt8) {
        if need > 0 {
            if b >= lower && b <= upper {
                need -= 1
                lower = 0x80
                upper = 0xBF
                return
            }
            // A broken sequence: report it and look at this byte afresh.
            need = 0
            bad(at: sequenceStart)
        }
        begin(b)
    }

    /// A byte outside any sequence: ASCII, or the lead byte of a sequence (with the range
    /// its first continuation byte must fall in, per RFC 3629), or invalid.
    private mutating func begin(_ b: UInt8) {
        lower = 0x80
        upper = 0xBF
        switch b {
        case 0x0A: line += 1
        case 0x00..<0x80: break
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED: need = 2; upper = 0x9F
        case 0xF0: need = 3; lower = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; upper = 0x8F
        default: bad(at: offset)
        }
        if need > 0 {
            sequenceStart = offset
            // Anything outside the fast path may need NFC (marks, other scripts, compatibility).
            if b >= 0xCC { lastSuspicious = offset }
        }
    }

    mutating func finish() {
        if need > 0 { need = 0; bad(at: sequenceStart) }
    }

    private mutating func bad(at position: Int) {
        if line != lastBadLine {
            invalid.append((position, line))
            lastBadLine = line
        }
    }

    var isValid: Bool { invalid.isEmpty && need == 0 }
}
