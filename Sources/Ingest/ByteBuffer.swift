/// A growable byte buffer without `Array`'s per-append overhead (a tokenizer appends every
/// field; a batch of CSV rows every wanted value). Shared by reference.
public final class ByteBuffer {
    public private(set) var base: UnsafeMutablePointer<UInt8>
    public private(set) var count = 0
    private var capacity: Int

    public init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    public var isEmpty: Bool { count == 0 }
    public var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    public func append(_ bytes: UnsafePointer<UInt8>, count n: Int) {
        if count &+ n > capacity { grow(count + n) }
        (base + count).update(from: bytes, count: n)
        count &+= n
    }

    @inline(__always)
    public func append(_ byte: UInt8) {
        if count == capacity { grow(count + 1) }
        base[count] = byte
        count &+= 1
    }

    public func removeAll() { count = 0 }

    private func grow(_ needed: Int) {
        var cap = capacity * 2
        while cap < needed { cap *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = cap
    }
}
