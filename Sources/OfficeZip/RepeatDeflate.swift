import Glibc

/// A known repetition in a stream being deflated: the `length` bytes at `offset` equal the
/// bytes `distance` earlier. The producer knows these for free when it repeats markup (a
/// template's loop writes the same row markup around new values), so the encoder need not
/// search for them.
public struct RepeatHint: Sendable, Equatable {
    public var offset: Int
    public var length: Int
    public var distance: Int

    public init(offset: Int, length: Int, distance: Int) {
        self.offset = offset
        self.length = length
        self.distance = distance
    }
}

/// Raw deflate (RFC 1951) of one chunk whose repeated parts are given as hints.
///
/// Hinted ranges become back-references after a check that the bytes really repeat (a wrong
/// hint costs a literal, never a wrong file); the bytes between them (the new values) are
/// matched greedily through a hash of four bytes; symbols are written in blocks with dynamic
/// Huffman codes. About a tenth of zlib's work on a repeated table, for a file about half as
/// large again as zlib's level 3 (docs/templating.md).
///
/// The chunk ends byte-aligned: with an empty stored block when it is not the last (as zlib's
/// sync flush), with the final block otherwise; so it concatenates with zlib's chunks.
struct RepeatDeflater {
    static let maxDistance = 32_768
    static let blockSymbols = 1 << 16
    static let hashBits = 15

    private var symbols: UnsafeMutablePointer<UInt32>
    private var symbolCount = 0
    private var literalFrequencies = [UInt32](repeating: 0, count: 286)
    private var distanceFrequencies = [UInt32](repeating: 0, count: 30)
    private var head: UnsafeMutablePointer<Int32>
    private var bits = BitWriter()

    init() {
        symbols = .allocate(capacity: Self.blockSymbols)
        head = .allocate(capacity: 1 << Self.hashBits)
    }

    func deallocate() {
        symbols.deallocate()
        head.deallocate()
    }

    /// Upper bound of the output for `n` input bytes (literals take at most 15 bits, but an
    /// optimal code averages at most 9; blocks add headers).
    static func bound(_ n: Int) -> Int { n + n / 4 + 8 * 1024 }

    /// Encodes `input[0 ..< count]`, whose preceding `dictionaryCount` bytes are readable at
    /// `input - dictionaryCount` (the stream before the chunk). Returns the bytes written to
    /// `output`, or nil when they would not fit in `capacity`.
    mutating func encode(input: UnsafePointer<UInt8>, count: Int, dictionaryCount: Int, hints: [RepeatHint],
                         last: Bool, output: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int? {
        bits.start(output, capacity: capacity)
        head.initialize(repeating: Int32.min, count: 1 << Self.hashBits)
        var at = 0
        for hint in hints {
            let start = max(hint.offset, at)
            let end = min(hint.offset + hint.length, count)
            guard end > start else { continue }
            if start > at { matchLiterals(input, at, start) }
            at = start
            // The hint, checked; a false one leaves its bytes to the literal matcher.
            let d = hint.distance
            if d >= 1, d <= Self.maxDistance, start - d >= -dictionaryCount,
               memcmp(input + start, input + start - d, end - start) == 0 {
                var left = end - start
                while left > 0 {
                    var n = min(left, 258)
                    if left - n > 0 && left - n < 3 { n = left - 3 }
                    if n < 3 {
                        for i in 0..<n { literal(input[at + i]) }
                    } else {
                        match(length: n, distance: d)
                    }
                    at += n
                    left -= n
                    if symbolCount >= Self.blockSymbols - 2 { flushBlock(final: false) }
                }
            } else {
                matchLiterals(input, start, end)
                at = end
            }
        }
        if at < count { matchLiterals(input, at, count) }
        flushBlock(final: last)
        if last {
            bits.alignToByte()
        } else {
            // An empty stored block: byte-aligned, not final (zlib's sync flush).
            bits.put(0, 3)
            bits.alignToByte()
            bits.put(0xFFFF_0000, 32)
        }
        return bits.finish()
    }

    /// Bytes `from ..< to` as literals and matches found through a hash of four bytes.
    private mutating func matchLiterals(_ input: UnsafePointer<UInt8>, _ from: Int, _ to: Int) {
        var i = from
        while i < to {
            if symbolCount >= Self.blockSymbols - 2 { flushBlock(final: false) }
            if i + 4 <= to {
                let key = UnsafeRawPointer(input + i).loadUnaligned(as: UInt32.self)
                let h = Int((key &* 2_654_435_761) >> (32 - UInt32(Self.hashBits)))
                let candidate = Int(head[h])
                head[h] = Int32(truncatingIfNeeded: i)
                if candidate >= 0, i - candidate <= Self.maxDistance,
                   UnsafeRawPointer(input + candidate).loadUnaligned(as: UInt32.self) == key {
                    var n = 4
                    let limit = min(258, to - i)
                    while n < limit && input[candidate + n] == input[i + n] { n += 1 }
                    match(length: n, distance: i - candidate)
                    // Positions inside the match are remembered too (values repeat in parts).
                    var j = i + 1
                    let end = min(i + n, to - 3)
                    while j < end {
                        let k = UnsafeRawPointer(input + j).loadUnaligned(as: UInt32.self)
                        head[Int((k &* 2_654_435_761) >> (32 - UInt32(Self.hashBits)))] = Int32(truncatingIfNeeded: j)
                        j += 1
                    }
                    i += n
                    continue
                }
            }
            literal(input[i])
            i += 1
        }
    }

    @inline(__always)
    private mutating func literal(_ b: UInt8) {
        symbols[symbolCount] = UInt32(b)
        symbolCount += 1
        literalFrequencies[Int(b)] &+= 1
    }

    @inline(__always)
    private mutating func match(length: Int, distance: Int) {
        symbols[symbolCount] = 0x8000_0000 | UInt32(length - 3) << 16 | UInt32(distance - 1)
        symbolCount += 1
        literalFrequencies[257 + Int(DeflateTables.lengthCode[length - 3])] &+= 1
        distanceFrequencies[DeflateTables.distanceCode(distance - 1)] &+= 1
    }

    /// Writes the buffered symbols as one block with dynamic codes.
    private mutating func flushBlock(final: Bool) {
        literalFrequencies[256] = 1
        // Complete codes on both alphabets: at least two symbols each.
        if literalFrequencies[0] == 0 { literalFrequencies[0] = 1 }
        if distanceFrequencies[0] == 0 { distanceFrequencies[0] = 1 }
        if distanceFrequencies[1] == 0 { distanceFrequencies[1] = 1 }
        let literalLengths = Huffman.lengths(literalFrequencies, limit: 15)
        let distanceLengths = Huffman.lengths(distanceFrequencies, limit: 15)
        let literalCodes = Huffman.codes(literalLengths)
        let distanceCodes = Huffman.codes(distanceLengths)
        var hlit = 286
        while hlit > 257 && literalLengths[hlit - 1] == 0 { hlit -= 1 }
        var hdist = 30
        while hdist > 1 && distanceLengths[hdist - 1] == 0 { hdist -= 1 }

        // The code lengths, run-length coded (16: repeat previous 3–6, 17: 3–10 zeros, 18: 11–138 zeros).
        let all = Array(literalLengths[0..<hlit]) + Array(distanceLengths[0..<hdist])
        var runs: [(symbol: Int, extra: Int)] = []
        var i = 0
        while i < all.count {
            let v = all[i]
            var n = 1
            while i + n < all.count && all[i + n] == v { n += 1 }
            var left = n
            if v == 0 {
                while left >= 11 { let k = min(left, 138); runs.append((18, k - 11)); left -= k }
                if left >= 3 { runs.append((17, left - 3)); left = 0 }
            } else {
                runs.append((Int(v), 0))
                left -= 1
                while left >= 3 { let k = min(left, 6); runs.append((16, k - 3)); left -= k }
            }
            for _ in 0..<left { runs.append((Int(v), 0)) }
            i += n
        }
        var lengthFrequencies = [UInt32](repeating: 0, count: 19)
        for r in runs { lengthFrequencies[r.symbol] += 1 }
        let lengthLengths = Huffman.lengths(lengthFrequencies, limit: 7)
        let lengthCodes = Huffman.codes(lengthLengths)
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var hclen = 19
        while hclen > 4 && lengthLengths[order[hclen - 1]] == 0 { hclen -= 1 }

        bits.put(final ? 1 : 0, 1)
        bits.put(2, 2)
        bits.put(UInt64(hlit - 257), 5)
        bits.put(UInt64(hdist - 1), 5)
        bits.put(UInt64(hclen - 4), 4)
        for k in 0..<hclen { bits.put(UInt64(lengthLengths[order[k]]), 3) }
        for r in runs {
            bits.put(UInt64(lengthCodes[r.symbol]), Int(lengthLengths[r.symbol]))
            switch r.symbol {
            case 16: bits.put(UInt64(r.extra), 2)
            case 17: bits.put(UInt64(r.extra), 3)
            case 18: bits.put(UInt64(r.extra), 7)
            default: break
            }
        }
        literalLengths.withUnsafeBufferPointer { ll in
        literalCodes.withUnsafeBufferPointer { lc in
        distanceLengths.withUnsafeBufferPointer { dl in
        distanceCodes.withUnsafeBufferPointer { dc in
            for s in 0..<symbolCount {
                let v = symbols[s]
                if v & 0x8000_0000 == 0 {
                    bits.put(UInt64(lc[Int(v)]), Int(ll[Int(v)]))
                } else {
                    let length = Int((v >> 16) & 0xFF) + 3
                    let code = Int(DeflateTables.lengthCode[length - 3])
                    let extra = Int(DeflateTables.lengthExtra[code])
                    bits.put(UInt64(lc[257 + code]) | UInt64(length - Int(DeflateTables.lengthBase[code])) << UInt64(ll[257 + code]),
                             Int(ll[257 + code]) + extra)
                    let d = Int(v & 0xFFFF)
                    let dcode = DeflateTables.distanceCode(d)
                    let dextra = dcode < 4 ? 0 : dcode / 2 - 1
                    let dbase = DeflateTables.distanceBase[dcode]
                    bits.put(UInt64(dc[dcode]) | UInt64(d + 1 - dbase) << UInt64(dl[dcode]), Int(dl[dcode]) + dextra)
                }
            }
        } } } }
        bits.put(UInt64(literalCodes[256]), Int(literalLengths[256]))
        symbolCount = 0
        for k in literalFrequencies.indices { literalFrequencies[k] = 0 }
        for k in distanceFrequencies.indices { distanceFrequencies[k] = 0 }
    }
}

/// Bits written least significant first, as deflate packs them.
struct BitWriter {
    private var buffer: UInt64 = 0
    private var count = 0
    private var out: UnsafeMutablePointer<UInt8>?
    private var used = 0
    private var capacity = 0
    private var overflow = false

    mutating func start(_ output: UnsafeMutablePointer<UInt8>, capacity: Int) {
        out = output
        self.capacity = capacity
        used = 0
        buffer = 0
        count = 0
        overflow = false
    }

    /// Appends the low `n` bits of `value` (n ≤ 32).
    @inline(__always)
    mutating func put(_ value: UInt64, _ n: Int) {
        buffer |= value << UInt64(count)
        count += n
        if count >= 32 {
            if used + 4 <= capacity {
                UnsafeMutableRawPointer(out! + used).storeBytes(of: UInt32(truncatingIfNeeded: buffer).littleEndian, as: UInt32.self)
                used += 4
            } else {
                overflow = true
            }
            buffer >>= 32
            count -= 32
        }
    }

    mutating func alignToByte() {
        if count % 8 != 0 { put(0, 8 - count % 8) }
    }

    /// The bytes written, or nil when the output was too small.
    mutating func finish() -> Int? {
        while count > 0 {
            if used < capacity { out![used] = UInt8(truncatingIfNeeded: buffer); used += 1 } else { overflow = true }
            buffer >>= 8
            count = max(0, count - 8)
        }
        return overflow ? nil : used
    }
}

/// RFC 1951's length and distance codes.
enum DeflateTables {
    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                       67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// Length − 3 → length code − 257.
    static let lengthCode: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for code in 0..<29 {
            let first = Int(lengthBase[code]) - 3
            let n = code == 28 ? 1 : 1 << Int(lengthExtra[code])
            for k in 0..<n where first + k < 256 { table[first + k] = UInt8(code) }
        }
        return table
    }()
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                      1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]

    /// Distance − 1 → distance code.
    @inline(__always)
    static func distanceCode(_ d: Int) -> Int {
        if d < 4 { return d }
        let top = Int.bitWidth - 1 - d.leadingZeroBitCount
        return 2 * top + ((d >> (top - 1)) & 1)
    }
}

/// Length-limited Huffman codes, canonical, bit-reversed for deflate's bit order.
enum Huffman {
    /// Code lengths for `frequencies` (0 for unused symbols), none longer than `limit`: the
    /// optimal code, with frequencies flattened until it fits.
    static func lengths(_ frequencies: [UInt32], limit: Int) -> [UInt8] {
        var f = frequencies
        while true {
            let l = unlimited(f)
            if l.max() ?? 0 <= UInt8(limit) { return l }
            for k in f.indices where f[k] > 0 { f[k] = max(1, f[k] / 2) }
        }
    }

    /// Optimal code lengths (two queues over leaves sorted by frequency).
    private static func unlimited(_ f: [UInt32]) -> [UInt8] {
        var lengths = [UInt8](repeating: 0, count: f.count)
        let used = f.indices.filter { f[$0] > 0 }.sorted { f[$0] != f[$1] ? f[$0] < f[$1] : $0 < $1 }
        if used.count == 1 { lengths[used[0]] = 1; return lengths }
        if used.isEmpty { return lengths }
        // Nodes: leaves 0..<n, internal nodes after; parent links give the depths.
        let n = used.count
        var weight = used.map { UInt64(f[$0]) } + [UInt64](repeating: 0, count: n - 1)
        var parent = [Int](repeating: -1, count: 2 * n - 1)
        var leaf = 0, inner = n, made = n
        func smallest() -> Int {
            if leaf < n && (inner >= made || weight[leaf] <= weight[inner]) { leaf += 1; return leaf - 1 }
            inner += 1
            return inner - 1
        }
        while made < 2 * n - 1 {
            let a = smallest(), b = smallest()
            weight[made] = weight[a] + weight[b]
            parent[a] = made
            parent[b] = made
            made += 1
        }
        var depth = [Int](repeating: 0, count: 2 * n - 1)
        for node in stride(from: 2 * n - 3, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
        for k in 0..<n { lengths[used[k]] = UInt8(min(depth[k], 255)) }
        return lengths
    }

    /// Canonical codes for `lengths`, bits reversed (deflate sends codes most significant bit first).
    static func codes(_ lengths: [UInt8]) -> [UInt16] {
        var count = [Int](repeating: 0, count: 16)
        for l in lengths where l > 0 { count[Int(l)] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for bitsUsed in 1..<16 {
            code = (code + count[bitsUsed - 1]) << 1
            next[bitsUsed] = code
        }
        var codes = [UInt16](repeating: 0, count: lengths.count)
        for k in lengths.indices where lengths[k] > 0 {
            let l = Int(lengths[k])
            var c = next[l]
            next[l] += 1
            var r = 0
            for _ in 0..<l { r = (r << 1) | (c & 1); c >>= 1 }
            codes[k] = UInt16(r)
        }
        return codes
    }
}
