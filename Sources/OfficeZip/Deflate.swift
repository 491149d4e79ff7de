import CKernels
import CZlib
import Dispatch
import Synchronization

/// The result of compressing one entry.
struct CompressedSummary {
    var crc: UInt32
    var size: UInt64
    var compressedSize: UInt64
}

/// One chunk of a part on its way through a worker.
///
/// Owned by one thread at a time: the producer fills `input` and `dictionary`, a worker sets
/// `output`, `crc` and `failure`, then signals `done`; the producer reads the result only
/// after waiting on `done`.
final class DeflateJob: @unchecked Sendable {
    /// The dictionary (the stream's bytes just before the chunk) sits right before the input,
    /// so a back-reference into it reads one contiguous buffer.
    private let storage: UnsafeMutablePointer<UInt8>
    let input: UnsafeMutablePointer<UInt8>
    let inputCapacity: Int
    var inputCount = 0
    var dictionaryCount = 0
    /// Known repetitions in the input (offsets within it); with any, the chunk goes through
    /// `RepeatDeflater` instead of zlib.
    var hints: [RepeatHint] = []
    private var repeatDeflater: RepeatDeflater?
    var output: UnsafeMutablePointer<UInt8>
    var outputCapacity: Int
    var outputCount = 0
    var crc: UInt32 = 0
    var level: Int32 = 6
    var last = false
    var failure: Int32 = Z_OK
    let done = DispatchSemaphore(value: 0)

    init(capacity: Int) {
        inputCapacity = capacity
        storage = .allocate(capacity: ChunkedDeflater.window + capacity)
        input = storage + ChunkedDeflater.window
        outputCapacity = max(Int(compressBound(uLong(capacity))) + 64, RepeatDeflater.bound(capacity))
        output = .allocate(capacity: outputCapacity)
    }

    deinit {
        storage.deallocate()
        output.deallocate()
        repeatDeflater?.deallocate()
    }

    // Jobs are shared by every deflater of the process (a part's stream and the segments
    // compressed ahead of it): each holds 2.3 MB that the kernel has to zero the first time
    // it is touched, so buffers are reused rather than allocated per stream.
    private static let pool = Mutex<[DeflateJob]>([])

    /// A job from the pool (or a new one), empty.
    static func obtain() -> DeflateJob {
        let job = pool.withLock { $0.popLast() }
        guard let job else { return DeflateJob(capacity: ChunkedDeflater.chunkSize) }
        job.inputCount = 0
        job.dictionaryCount = 0
        job.outputCount = 0
        job.failure = Z_OK
        job.last = false
        job.hints.removeAll(keepingCapacity: true)
        return job
    }

    /// Gives a job back (nothing may use it any more); a few are kept.
    static func recycle(_ job: DeflateJob) {
        guard job.inputCapacity == ChunkedDeflater.chunkSize else { return }
        pool.withLock { if $0.count < 8 { $0.append(job) } }
    }

    /// Where the dictionary's `n` bytes go.
    func dictionaryStart(_ n: Int) -> UnsafeMutablePointer<UInt8> { input - n }

    /// Raw deflate of `input`, primed with the dictionary, ending byte-aligned (sync flush) or
    /// with the final block; the CRC-32 of the input alongside.
    func run() {
        crc = tdkt_crc32(0, input, inputCount)
        if !hints.isEmpty && inputCount > 0 {
            if repeatDeflater == nil { repeatDeflater = RepeatDeflater() }
            if let n = repeatDeflater!.encode(input: input, count: inputCount, dictionaryCount: dictionaryCount, hints: hints,
                                              last: last, output: output, capacity: outputCapacity) {
                outputCount = n
                return
            }
        }
        var stream = z_stream()
        var status = tdkt_deflateInit2(&stream, level, -15, 8, Z_DEFAULT_STRATEGY)
        guard status == Z_OK else { failure = status; return }
        defer { deflateEnd(&stream) }
        if dictionaryCount > 0 {
            status = deflateSetDictionary(&stream, input - dictionaryCount, uInt(dictionaryCount))
            guard status == Z_OK else { failure = status; return }
        }
        stream.next_in = input
        stream.avail_in = uInt(inputCount)
        stream.next_out = output
        stream.avail_out = uInt(outputCapacity)
        status = deflate(&stream, last ? Z_FINISH : Z_SYNC_FLUSH)
        let expected = last ? Z_STREAM_END : Z_OK
        guard status == expected, stream.avail_in == 0 else {
            failure = status == Z_OK || status == Z_STREAM_END ? Z_BUF_ERROR : status
            return
        }
        outputCount = outputCapacity - Int(stream.avail_out)
    }
}

/// Compresses a stream of bytes as one raw deflate stream, in independent 512 KiB chunks on
/// worker threads while the producer goes on generating (the method of pigz).
///
/// Each chunk is primed with the last 32 KiB of the chunk before it, so the ratio stays
/// within a fraction of a percent of a single stream; every chunk but the last ends with a
/// sync flush so the pieces concatenate; CRCs are combined with `crc32_combine`. The output
/// depends only on the bytes, the level and the fixed chunk size — never on the number of
/// threads or their timing — so archives stay byte-identical.
final class ChunkedDeflater {
    static let chunkSize = 1 << 19
    static let window = 32 * 1024
    /// Parts smaller than this are compressed on the calling thread.
    static let inlineLimit = 64 * 1024

    private let level: Int32
    private let maxInFlight: Int
    private let emit: (UnsafeRawBufferPointer) throws -> Void
    private var current: DeflateJob
    private var pending: [DeflateJob] = []
    private var submitted = 0
    private var summary = CompressedSummary(crc: 0, size: 0, compressedSize: 0)
    private let queue = DispatchQueue.global(qos: .userInitiated)

    /// `emit` receives compressed bytes in order; it runs on the producer's thread.
    init(level: Int, threads: Int, emit: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.level = Int32(min(max(level, 1), 9))
        self.maxInFlight = max(1, threads) + 1
        self.emit = emit
        self.current = DeflateJob.obtain()
    }

    deinit {
        // Jobs still in flight (an error stopped the producer) finish before going back.
        for job in pending { job.done.wait(); DeflateJob.recycle(job) }
        DeflateJob.recycle(current)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try write(bytes, hints: [])
    }

    /// Appends bytes with the repetitions known in them (offsets relative to `bytes`, sorted,
    /// not overlapping); a hint cut by a chunk boundary continues in the next chunk.
    func write(_ bytes: UnsafeRawBufferPointer, hints: [RepeatHint]) throws {
        guard var p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var n = bytes.count
        var consumed = 0
        var h = 0
        while n > 0 {
            let job = current
            let room = job.inputCapacity - job.inputCount
            let take = min(room, n)
            (job.input + job.inputCount).update(from: p, count: take)
            // Hints (or their parts) within bytes consumed ..< consumed + take.
            hints.withUnsafeBufferPointer { hints in
                while h < hints.count {
                    let hint = hints[h]
                    let start = max(hint.offset, consumed), end = min(hint.offset + hint.length, consumed + take)
                    if start >= consumed + take { break }
                    if end > start {
                        job.hints.append(RepeatHint(offset: job.inputCount + start - consumed, length: end - start,
                                                    distance: hint.distance))
                    }
                    if hint.offset + hint.length > consumed + take { break }
                    h += 1
                }
            }
            job.inputCount += take
            consumed += take
            p += take
            n -= take
            if job.inputCount == job.inputCapacity {
                try submit(last: false)
            }
        }
    }

    /// Places bytes compressed elsewhere (`DeflateSegment`: raw deflate, byte-aligned, no
    /// final block, no reference before its own start) after everything written so far; `tail`
    /// is the end of their uncompressed bytes (up to 32 KiB), which primes the next chunk.
    func appendCompressed(_ compressed: UnsafeRawBufferPointer, crc: UInt32, size: Int, tail: UnsafeRawBufferPointer) throws {
        _ = try finishSegment()
        try emit(compressed)
        summary.crc = summary.size == 0 ? crc : UInt32(crc32_combine(uLong(summary.crc), uLong(crc), off_t(size)))
        summary.size += UInt64(size)
        summary.compressedSize += UInt64(compressed.count)
        submitted += 1
        let n = min(Self.window, tail.count)
        if n > 0, let base = tail.baseAddress {
            current.dictionaryStart(n).update(from: base.assumingMemoryBound(to: UInt8.self) + (tail.count - n), count: n)
        }
        current.dictionaryCount = n
    }

    /// Compresses what is left, sync-flushed (no final block), and returns CRC and sizes;
    /// more may follow.
    func finishSegment() throws -> CompressedSummary {
        if current.inputCount > 0 { try submit(last: false) }
        while !pending.isEmpty { try drainOldest() }
        return summary
    }

    /// Compresses what is left and returns CRC and sizes of the whole stream.
    func finish() throws -> CompressedSummary {
        if submitted == 0 && current.inputCount <= Self.inlineLimit {
            current.level = level
            current.last = true
            current.dictionaryCount = 0
            current.run()
            try collect(current)
            return summary
        }
        try submit(last: true)
        while !pending.isEmpty { try drainOldest() }
        return summary
    }

    private func submit(last: Bool) throws {
        let job = current
        job.level = level
        job.last = last
        let next = DeflateJob.obtain()
        // Prime the next chunk with the tail of this one.
        let tail = min(Self.window, job.inputCount)
        next.dictionaryStart(tail).update(from: job.input + (job.inputCount - tail), count: tail)
        next.dictionaryCount = tail
        current = next
        submitted += 1
        pending.append(job)
        queue.async { job.run(); job.done.signal() }
        while pending.count >= maxInFlight { try drainOldest() }
    }

    private func drainOldest() throws {
        let job = pending.removeFirst()
        job.done.wait()
        defer { DeflateJob.recycle(job) }
        try collect(job)
    }

    private func collect(_ job: DeflateJob) throws {
        guard job.failure == Z_OK else {
            throw ZipError(.compressionFailed, path: "", detail: "zlib \(job.failure)")
        }
        try emit(UnsafeRawBufferPointer(start: job.output, count: job.outputCount))
        summary.crc = summary.size == 0 ? job.crc
            : UInt32(crc32_combine(uLong(summary.crc), uLong(job.crc), off_t(job.inputCount)))
        summary.size += UInt64(job.inputCount)
        summary.compressedSize += UInt64(job.outputCount)
    }
}

/// CRC-32 as zip uses it.
func zipCRC32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
    guard let base = bytes.baseAddress else { return crc }
    return tdkt_crc32(crc, base, bytes.count)
}

/// CRC-32 of A followed by B, from the CRCs of both and the length of B.
func combineCRC32(_ a: UInt32, _ b: UInt32, _ lengthB: UInt64) -> UInt32 {
    UInt32(crc32_combine(uLong(a), uLong(b), off_t(lengthB)))
}

/// Raw deflate of `bytes` ending with a sync flush (byte-aligned, not final): a stream that
/// another raw deflate stream may follow.
func syncFlushedDeflate(_ bytes: [UInt8], level: Int) throws -> [UInt8] {
    var stream = z_stream()
    var status = tdkt_deflateInit2(&stream, Int32(min(max(level, 1), 9)), -15, 8, Z_DEFAULT_STRATEGY)
    guard status == Z_OK else { throw ZipError(.compressionFailed, path: "", detail: "zlib \(status)") }
    defer { deflateEnd(&stream) }
    var out = [UInt8](repeating: 0, count: Int(compressBound(uLong(bytes.count))) + 64)
    var produced = 0
    var input = bytes
    status = input.withUnsafeMutableBufferPointer { inp in
        out.withUnsafeMutableBufferPointer { o in
            stream.next_in = inp.baseAddress
            stream.avail_in = uInt(inp.count)
            stream.next_out = o.baseAddress
            stream.avail_out = uInt(o.count)
            let r = deflate(&stream, Z_SYNC_FLUSH)
            produced = o.count - Int(stream.avail_out)
            return r
        }
    }
    guard status == Z_OK, stream.avail_in == 0 else { throw ZipError(.compressionFailed, path: "", detail: "zlib \(status)") }
    out.removeSubrange(produced...)
    return out
}

/// Part of a deflated entry compressed ahead of time, on the worker threads, while its
/// producer is still making the rest (a template's long loop, compressed while the renderer
/// goes on): chunks as `ChunkedDeflater` makes them, the first without a dictionary, every
/// one sync-flushed; `ZipEntryStream.appendCompressed` places the result in the entry.
public final class DeflateSegment: @unchecked Sendable {
    private var deflater: ChunkedDeflater!
    private var output: [UInt8] = []
    private var closed: CompressedSummary?
    private var failure: (any Error)?

    public init(level: Int, threads: Int = ZipWriter.defaultThreads) {
        deflater = ChunkedDeflater(level: level, threads: threads) { [unowned self] bytes in
            self.output.append(contentsOf: bytes)
        }
    }

    /// Appends bytes (and their repeats, as `ZipEntryStream.write(_:hints:)`).
    public func write(_ bytes: UnsafeRawBufferPointer, hints: [RepeatHint]) {
        guard failure == nil, closed == nil else { return }
        do { try deflater.write(bytes, hints: hints) } catch { failure = error }
    }

    /// Finishes the segment (waiting for its chunks): compressed bytes, CRC-32 and size of
    /// what was written. Throws what compression threw.
    public func close() throws -> (compressed: [UInt8], crc: UInt32, size: Int) {
        if let failure { throw failure }
        if closed == nil {
            do { closed = try deflater.finishSegment() } catch { failure = error; throw error }
        }
        return (output, closed!.crc, Int(closed!.size))
    }
}
