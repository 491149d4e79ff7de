/// Where an `XMLWriter` sends its bytes when its buffer passes the flush threshold.
///
/// A sink never throws: a sink that fails (a full disk, a closed entry) records the error
/// and reports it when its owner finishes (for example `ZipEntryStream.finish()`), so the
/// writer's hot path stays free of error plumbing.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer)
}

/// A sink that collects everything in memory (tests, small parts).
public final class MemorySink: ByteSink {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public func write(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes)
    }
}

/// A sink that only counts (benchmarks of generation alone).
public final class CountingSink: ByteSink {
    public private(set) var count: Int = 0
    public init() {}
    public func write(_ bytes: UnsafeRawBufferPointer) { count += bytes.count }
}
