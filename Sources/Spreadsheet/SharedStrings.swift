import Glibc

/// XLSX text cells: shared when a text repeats, inline when it is seen for the first time.
///
/// The first sighting of a text is written inline (`t="inlineStr"`) and remembered as a
/// candidate; from its second sighting on it gets an index in `xl/sharedStrings.xml` and cells
/// carry that index (`t="s"`). Unique texts (notes, names) never enter the table; repeated ones
/// (units, titles, decision numbers) are written once. The candidates are bounded: when the
/// table is full, new texts stay inline. Memory is bounded, and the sheet XML — what deflate
/// pays for — is small.
///
/// Keys are the UTF-8 bytes, hashed directly (Swift's `String` hashing normalises Unicode,
/// which a million cells should not pay for).
struct SharedStringTable {
    /// Open-addressing table of entry indexes (+1; 0 = empty).
    private var slots: [Int32]
    private var mask: Int
    /// All candidate texts, back to back.
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var hashes: [UInt64] = []
    /// Shared index of each candidate, -1 while seen once.
    private var sharedIndex: [Int32] = []
    /// Candidates in the order they were shared (what sharedStrings.xml lists).
    private(set) var shared: [Int32] = []
    /// Cells that referenced the table (for `count`).
    private(set) var references = 0
    let capacity: Int
    /// Longest text considered for sharing (long texts rarely repeat).
    let maximumLength = 512

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        var size = 16
        while size < self.capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        starts.reserveCapacity(1024)
    }

    enum Decision { case inline, shared(Int) }

    /// What to write for `text`: inline (first sighting, or table full) or a shared index.
    mutating func lookup(_ text: UnsafeBufferPointer<UInt8>) -> Decision {
        guard text.count > 0, text.count <= maximumLength else { return .inline }
        let h = SharedStringTable.hash(text)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[slot]) - 1
            if e < 0 { break }
            if hashes[e] == h && equal(e, text) {
                if sharedIndex[e] < 0 {
                    sharedIndex[e] = Int32(shared.count)
                    shared.append(Int32(e))
                }
                references += 1
                return .shared(Int(sharedIndex[e]))
            }
            slot = (slot + 1) & mask
        }
        if starts.count < capacity {
            slots[slot] = Int32(starts.count + 1)
            starts.append(bytes.count)
            bytes.append(contentsOf: text)
            hashes.append(h)
            sharedIndex.append(-1)
        }
        return .inline
    }

    /// The shared texts in index order.
    func forEachShared(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { all in
            for e in shared {
                let i = Int(e)
                let end = i + 1 < starts.count ? starts[i + 1] : all.count
                body(UnsafeBufferPointer(rebasing: all[starts[i]..<end]))
            }
        }
    }

    private func equal(_ e: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[e]
        let end = e + 1 < starts.count ? starts[e + 1] : bytes.count
        guard end - start == text.count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            memcmp(all.baseAddress! + start, text.baseAddress!, text.count) == 0
        }
    }

    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(p.count)
        guard let base = p.baseAddress else { return h }
        var i = 0
        let raw = UnsafeRawPointer(base)
        while i + 8 <= p.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h = (h << 29) | (h >> 35)
            i += 8
        }
        while i < p.count {
            h = (h ^ UInt64(base[i])) &* 0x94D0_49BB_1331_11EB
            i += 1
        }
        return h ^ (h >> 31)
    }
}
