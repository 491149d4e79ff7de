import CLibzip
import Glibc

/// Writes a ZIP archive through libzip, deterministically and atomically.
///
/// - Entries are written in the order they are added, each with DOS time 1980-01-01 00:00,
///   Unix mode 0644 and no extra fields, so the same input gives the same bytes in any
///   time zone, on any day, with any number of cores.
/// - Data is compressed by tdkt (zlib, 512 KiB chunks on all cores while the caller goes on
///   producing) and handed to libzip already compressed; libzip copies it raw and writes the
///   headers. Entries copied from a `ZipReader` are copied raw too.
/// - Nothing appears under `path` until `close()` succeeds; an existing file stays as it was
///   when anything fails.
public final class ZipWriter {
    public let path: String
    public let threads: Int
    private let output: AtomicOutput
    private let spool: Spool
    private var pending: [PendingEntry] = []
    private var names: Set<String> = []
    private var openStream: ZipEntryStream?
    private var closed = false

    enum Source {
        /// Compressed (or stored) bytes in the spool.
        case spooled(offset: UInt64, length: UInt64, size: UInt64, crc: UInt32, deflated: Bool, prefix: [UInt8])
        /// A file on disk, read and compressed by libzip at close.
        case file(path: String, method: ZipMethod)
        /// An entry of another archive, copied without recompressing.
        case copy(reader: ZipReader, index: UInt64)
    }

    struct PendingEntry {
        var name: String
        var source: Source
    }

    public static var defaultThreads: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Starts an archive that will be written to `path` by `close()`.
    public init(path: String, threads: Int = ZipWriter.defaultThreads) throws {
        self.path = path
        self.threads = max(1, threads)
        self.output = try AtomicOutput(target: path)
        self.spool = Spool(directory: AtomicOutput.split(output.temporaryPath).directory)
    }

    /// The names added so far, in order (for manifests).
    public var entryNames: [String] { pending.map(\.name) }

    public func contains(_ name: String) -> Bool { names.contains(name) }

    /// Puts these entries first, in this order, when the archive is written. OOXML's
    /// `[Content_Types].xml` lists every part, so it is added last but belongs first, where
    /// Office and file-type sniffers look for it.
    public func placeFirst(_ first: [String]) {
        var front: [PendingEntry] = []
        for name in first {
            if let i = pending.firstIndex(where: { $0.name == name }) {
                front.append(pending.remove(at: i))
            }
        }
        pending.insert(contentsOf: front, at: 0)
    }

    // MARK: - Adding entries

    /// An entry from bytes in memory.
    public func add(_ name: String, bytes: UnsafeRawBufferPointer, method: ZipMethod = .deflate) throws {
        let stream = try beginEntry(name, method: method)
        stream.write(bytes)
        try stream.finish()
    }

    public func add(_ name: String, bytes: [UInt8], method: ZipMethod = .deflate) throws {
        try bytes.withUnsafeBytes { try add(name, bytes: $0, method: method) }
    }

    public func add(_ name: String, text: String, method: ZipMethod = .deflate) throws {
        var text = text
        try text.withUTF8 { try add(name, bytes: UnsafeRawBufferPointer($0), method: method) }
    }

    /// An entry read from a file at `close()` (the file must stay until then).
    public func add(_ name: String, file: String, method: ZipMethod = .deflate) throws {
        try checkName(name)
        guard access(file, R_OK) == 0 else {
            throw ZipError(.ioFailed, path: file, entry: name, detail: String(cString: strerror(errno)))
        }
        register(name, .file(path: file, method: method))
    }

    /// An entry whose bytes `producer` writes in order; they are compressed as they come, so
    /// the whole part never sits in memory.
    public func add(_ name: String, method: ZipMethod = .deflate, producer: (ZipEntryStream) throws -> Void) throws {
        let stream = try beginEntry(name, method: method)
        do {
            try producer(stream)
        } catch {
            stream.abort()
            throw error
        }
        try stream.finish()
    }

    /// Opens a streamed entry; write to it, then call `finish()` before adding anything else.
    public func beginEntry(_ name: String, method: ZipMethod = .deflate) throws -> ZipEntryStream {
        try checkName(name)
        let stream = ZipEntryStream(writer: self, name: name, method: method, spool: spool, threads: threads)
        openStream = stream
        return stream
    }

    /// Copies an entry of `reader` unchanged, without decompressing it. `reader` is kept open
    /// until `close()`.
    public func copy(_ name: String, from reader: ZipReader, as newName: String? = nil) throws {
        guard let info = reader.info(name) else {
            throw ZipError(.entryNotFound, path: reader.path, entry: name)
        }
        let target = newName ?? name
        try checkName(target)
        register(target, .copy(reader: reader, index: info.index))
    }

    func streamFinished(_ stream: ZipEntryStream, source: Source) {
        precondition(openStream === stream)
        openStream = nil
        register(stream.name, source)
    }

    func streamAborted(_ stream: ZipEntryStream) {
        if openStream === stream { openStream = nil }
    }

    private func register(_ name: String, _ source: Source) {
        names.insert(name)
        pending.append(PendingEntry(name: name, source: source))
    }

    private func checkName(_ name: String) throws {
        guard !closed else { throw ZipError(.invalidState, path: path, entry: name, detail: "archive already closed") }
        guard openStream == nil else {
            throw ZipError(.invalidState, path: path, entry: name, detail: "entry \(openStream!.name) not finished")
        }
        if let problem = ZipEntryName.problem(name) {
            throw ZipError(.unsafeEntryName, path: path, entry: name, detail: problem)
        }
        if names.contains(name) {
            throw ZipError(.duplicateEntryName, path: path, entry: name)
        }
    }

    // MARK: - Closing

    /// Writes the archive and moves it to `path`.
    public func close() throws {
        guard !closed else { return }
        closed = true
        guard openStream == nil else {
            output.abandon()
            throw ZipError(.invalidState, path: path, entry: openStream?.name, detail: "entry not finished")
        }
        guard !pending.isEmpty else {
            output.abandon()
            throw ZipError(.emptyArchive, path: path)
        }
        do {
            try assemble()
            try output.commit()
        } catch {
            output.abandon()
            throw error
        }
    }

    /// Drops everything; nothing is written.
    public func discard() {
        closed = true
        openStream = nil
        output.abandon()
    }

    private func assemble() throws {
        // libzip writes the archive through `ArchiveTarget` straight into our temporary file
        // (its own file source would make a second temporary, named with its secure random
        // generator, whose start-up alone costs milliseconds).
        var ze = zip_error_t()
        zip_error_init(&ze)
        defer { zip_error_fini(&ze) }
        let target = Unmanaged.passRetained(ArchiveTarget(path: output.temporaryPath))
        defer { target.release() }
        guard let targetSource = zip_source_function_create(archiveTargetCallback, target.toOpaque(), &ze) else {
            throw ZipError(.openFailed, path: path, detail: ZipError.libzipMessage(&ze))
        }
        guard let archive = zip_open_from_source(targetSource, ZIP_CREATE | ZIP_TRUNCATE, &ze) else {
            zip_source_free(targetSource)
            throw ZipError(.openFailed, path: path, detail: ZipError.libzipMessage(&ze))
        }
        var contexts: [Unmanaged<SpoolSource>] = []
        defer { for c in contexts { c.release() } }

        func fail(_ name: String) -> ZipError {
            let message = ZipError.libzipMessage(archive: archive)
            zip_discard(archive)
            return ZipError(.writeFailed, path: path, entry: name, detail: message)
        }

        for entry in pending {
            let source: OpaquePointer?
            var compression: (Int32, UInt32)?
            switch entry.source {
            case let .spooled(offset, length, size, crc, deflated, prefix):
                let context = Unmanaged.passRetained(
                    SpoolSource(spool: spool, offset: offset, length: length, size: size, crc: crc, deflated: deflated,
                                prefix: prefix))
                contexts.append(context)
                source = zip_source_function(archive, spoolSourceCallback, context.toOpaque())
                if !deflated { compression = (ZIP_CM_STORE, 0) }
            case let .file(filePath, method):
                source = zip_source_file(archive, filePath, 0, -1)
                switch method {
                case .store: compression = (ZIP_CM_STORE, 0)
                case .deflate(let level): compression = (ZIP_CM_DEFLATE, UInt32(min(max(level, 1), 9)))
                }
            case let .copy(reader, index):
                source = zip_source_zip(archive, reader.archive, index, 0, 0, -1)
            }
            guard let source else { throw fail(entry.name) }
            let index = zip_file_add(archive, entry.name, source, zip_flags_t(ZIP_FL_ENC_UTF_8))
            guard index >= 0 else {
                zip_source_free(source)
                throw fail(entry.name)
            }
            let i = zip_uint64_t(index)
            if let (method, level) = compression, zip_set_file_compression(archive, i, method, level) != 0 {
                throw fail(entry.name)
            }
            // 1980-01-01 00:00:00, the DOS epoch: no clock, no time zone.
            guard zip_file_set_dostime(archive, i, 0, (1 << 5) | 1, 0) == 0,
                  zip_file_set_external_attributes(archive, i, 0, zip_uint8_t(ZIP_OPSYS_UNIX), 0o100644 << 16) == 0
            else { throw fail(entry.name) }
        }
        if zip_close(archive) != 0 {
            throw fail(pending.last?.name ?? "")
        }
    }
}

/// A streamed entry: bytes are compressed as they arrive.
public final class ZipEntryStream {
    public let name: String
    public let method: ZipMethod
    private unowned let writer: ZipWriter
    private let spool: Spool
    private let startOffset: UInt64
    private var deflater: ChunkedDeflater?
    private var crc: UInt32 = 0
    private var size: UInt64 = 0
    private var failure: (any Error)?
    private var finished = false
    /// Bytes placed before the streamed ones (compressed on their own, sync-flushed).
    private var prefix: [UInt8] = []
    private var prefixCRC: UInt32 = 0
    private var prefixSize: UInt64 = 0

    init(writer: ZipWriter, name: String, method: ZipMethod, spool: Spool, threads: Int) {
        self.writer = writer
        self.name = name
        self.method = method
        self.spool = spool
        self.startOffset = spool.size
        if case .deflate(let level) = method {
            deflater = ChunkedDeflater(level: level, threads: threads) { [spool] bytes in
                try spool.append(bytes)
            }
        }
    }

    /// Appends bytes. Errors (a full disk) are kept and thrown by `finish()`.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, !finished else { return }
        do {
            if let deflater {
                try deflater.write(bytes)
            } else {
                crc = zipCRC32(crc, bytes)
                size += UInt64(bytes.count)
                try spool.append(bytes)
            }
        } catch {
            failure = error
        }
    }

    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Appends bytes with the repetitions known in them (offsets relative to `bytes`, sorted,
    /// not overlapping; distances may reach into bytes written before): deflated entries encode
    /// them as back-references without searching (`RepeatDeflater`). The bytes are the same
    /// as with `write(_:)`; only the compressed form differs.
    public func write(_ bytes: UnsafeRawBufferPointer, hints: [RepeatHint]) {
        guard let deflater, !hints.isEmpty else { return write(bytes) }
        guard failure == nil, !finished else { return }
        do {
            try deflater.write(bytes, hints: hints)
        } catch {
            failure = error
        }
    }

    /// Appends bytes compressed ahead of time by `segment`; `bytes` are the same bytes
    /// uncompressed (written as they are to a stored entry; their end primes what follows).
    public func appendCompressed(_ segment: DeflateSegment, bytes: UnsafeRawBufferPointer) {
        guard failure == nil, !finished else { return }
        guard let deflater else { return write(bytes) }
        do {
            let done = try segment.close()
            guard done.size == bytes.count else {
                throw ZipError(.compressionFailed, path: "", detail: "segment of \(done.size) bytes for \(bytes.count)")
            }
            try done.compressed.withUnsafeBytes { try deflater.appendCompressed($0, crc: done.crc, size: done.size, tail: bytes) }
        } catch {
            failure = error
        }
    }

    /// Places `bytes` before everything written to this entry, for a header that is only known
    /// at the end (a worksheet's used range, an ODS document's automatic styles). Call it at
    /// most once, before `finish()`.
    ///
    /// The prefix is deflated on its own and ends byte-aligned (sync flush, no final block);
    /// the streamed chunks follow it unchanged: the first chunk has no preset dictionary, so
    /// the concatenation is one valid deflate stream. CRCs are combined, not recomputed.
    public func setPrefix(_ bytes: [UInt8]) {
        guard failure == nil, !finished, prefixSize == 0, !bytes.isEmpty else { return }
        prefixCRC = bytes.withUnsafeBytes { zipCRC32(0, $0) }
        prefixSize = UInt64(bytes.count)
        if case .deflate(let level) = method {
            do {
                prefix = try syncFlushedDeflate(bytes, level: level)
            } catch {
                failure = error
            }
        } else {
            prefix = bytes
        }
    }

    /// Completes the entry; it is then part of the archive.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        if let failure {
            writer.streamAborted(self)
            throw located(failure)
        }
        do {
            if let deflater {
                let summary = try deflater.finish()
                crc = summary.crc
                size = summary.size
            }
        } catch {
            writer.streamAborted(self)
            throw located(error)
        }
        if prefixSize > 0 {
            crc = size == 0 ? prefixCRC : combineCRC32(prefixCRC, crc, size)
            size += prefixSize
        }
        let length = spool.size - startOffset
        writer.streamFinished(self, source: .spooled(offset: startOffset, length: length, size: size, crc: crc,
                                                     deflated: deflater != nil, prefix: prefix))
    }

    /// Gives up this entry (the producer failed).
    public func abort() {
        finished = true
        writer.streamAborted(self)
    }

    private func located(_ error: any Error) -> any Error {
        guard var z = error as? ZipError else { return error }
        if z.entry == nil { z.entry = name }
        if z.path.isEmpty { z.path = writer.path }
        return z
    }
}

/// What libzip's callback source reads: one range of the spool.
final class SpoolSource {
    let spool: Spool
    let offset: UInt64
    let length: UInt64
    let size: UInt64
    let crc: UInt32
    let deflated: Bool
    /// Bytes served before the spool range.
    let prefix: [UInt8]
    var position: UInt64 = 0
    var error = zip_error_t()

    init(spool: Spool, offset: UInt64, length: UInt64, size: UInt64, crc: UInt32, deflated: Bool, prefix: [UInt8]) {
        self.spool = spool
        self.offset = offset
        self.prefix = prefix
        self.length = length + UInt64(prefix.count)
        self.size = size
        self.crc = crc
        self.deflated = deflated
        zip_error_init(&error)
    }

    deinit { zip_error_fini(&error) }
}

private func bit(_ cmd: zip_source_cmd_t) -> zip_int64_t { zip_int64_t(1) << zip_int64_t(cmd.rawValue) }

/// Where libzip writes an archive: one file, created by BEGIN_WRITE (the archive is always
/// new: its STAT says the file does not exist).
final class ArchiveTarget {
    let path: String
    var fd: Int32 = -1
    var error = zip_error_t()
    /// Up to `bufferLimit` bytes the archive is assembled in memory (libzip writes a few
    /// hundred small pieces and asks where it is after each) and reaches the file in one
    /// write; a larger archive goes on in the file from where the buffer ended.
    static let bufferLimit = 16 << 20
    private var buffer: UnsafeMutablePointer<UInt8>?
    private var capacity = 0
    private var count = 0
    private var position = 0
    private var buffering = false

    init(path: String) {
        self.path = path
        zip_error_init(&error)
    }

    deinit {
        buffer?.deallocate()
        if fd >= 0 { close(fd) }
        zip_error_fini(&error)
    }

    func fail(_ code: Int32, _ system: Int32 = errno) -> zip_int64_t {
        zip_error_set(&error, code, system)
        return -1
    }

    func begin() -> zip_int64_t {
        if fd >= 0 { close(fd) }
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return fail(ZIP_ER_OPEN) }
        count = 0
        position = 0
        buffering = true
        return 0
    }

    func write(_ data: UnsafeRawPointer, _ n: Int) -> zip_int64_t {
        guard fd >= 0 else { return fail(ZIP_ER_INTERNAL, 0) }
        if buffering && position + n > Self.bufferLimit {
            // Too large to hold: what is buffered goes out, the file takes over.
            guard flushBuffer(), lseek(fd, off_t(position), SEEK_SET) >= 0 else { return fail(ZIP_ER_WRITE) }
            buffering = false
        }
        if buffering {
            if position + n > capacity {
                var grown = max(capacity * 2, 256 << 10)
                while grown < position + n { grown *= 2 }
                let p = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
                if let buffer { p.update(from: buffer, count: count); buffer.deallocate() }
                buffer = p
                capacity = grown
            }
            (buffer! + position).update(from: data.assumingMemoryBound(to: UInt8.self), count: n)
            position += n
            count = max(count, position)
            return zip_int64_t(n)
        }
        return writeAll(data, n) ? zip_int64_t(n) : fail(ZIP_ER_WRITE)
    }

    func seek(_ offset: Int64, _ whence: Int32) -> zip_int64_t {
        guard fd >= 0 else { return fail(ZIP_ER_INTERNAL, 0) }
        guard buffering else { return lseek(fd, off_t(offset), whence) < 0 ? fail(ZIP_ER_SEEK) : 0 }
        let base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? position : whence == SEEK_END ? count : -1
        let to = base + Int(offset)
        guard base >= 0, to >= 0, to <= count else { return fail(ZIP_ER_SEEK, EINVAL) }
        position = to
        return 0
    }

    func tell() -> zip_int64_t {
        guard fd >= 0 else { return fail(ZIP_ER_INTERNAL, 0) }
        if buffering { return zip_int64_t(position) }
        let at = lseek(fd, 0, SEEK_CUR)
        return at < 0 ? fail(ZIP_ER_TELL) : zip_int64_t(at)
    }

    func commit() -> zip_int64_t {
        guard fd >= 0 else { return fail(ZIP_ER_INTERNAL, 0) }
        if buffering {
            guard flushBuffer() else { return fail(ZIP_ER_WRITE) }
            buffering = false
        }
        let r = close(fd)
        fd = -1
        return r == 0 ? 0 : fail(ZIP_ER_CLOSE)
    }

    func rollback() {
        if fd >= 0 { close(fd); fd = -1 }
        buffering = false
        unlink(path)
    }

    /// The buffered bytes to the start of the file.
    private func flushBuffer() -> Bool {
        guard count > 0, let buffer else { return true }
        guard lseek(fd, 0, SEEK_SET) >= 0 else { return false }
        return writeAll(buffer, count)
    }

    private func writeAll(_ data: UnsafeRawPointer, _ n: Int) -> Bool {
        var done = 0
        while done < n {
            let r = Glibc.write(fd, data + done, n - done)
            if r < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += r
        }
        return true
    }
}

private let archiveTargetCallback: zip_source_callback = { userdata, data, length, command in
    let target = Unmanaged<ArchiveTarget>.fromOpaque(userdata!).takeUnretainedValue()
    switch command {
    case ZIP_SOURCE_SUPPORTS:
        return bit(ZIP_SOURCE_OPEN) | bit(ZIP_SOURCE_READ) | bit(ZIP_SOURCE_CLOSE) | bit(ZIP_SOURCE_STAT)
            | bit(ZIP_SOURCE_ERROR) | bit(ZIP_SOURCE_FREE) | bit(ZIP_SOURCE_SEEK) | bit(ZIP_SOURCE_TELL)
            | bit(ZIP_SOURCE_SUPPORTS) | bit(ZIP_SOURCE_BEGIN_WRITE) | bit(ZIP_SOURCE_COMMIT_WRITE)
            | bit(ZIP_SOURCE_ROLLBACK_WRITE) | bit(ZIP_SOURCE_WRITE) | bit(ZIP_SOURCE_SEEK_WRITE)
            | bit(ZIP_SOURCE_TELL_WRITE) | bit(ZIP_SOURCE_REMOVE)
    case ZIP_SOURCE_STAT:
        // No archive yet: libzip starts a new one.
        return target.fail(ZIP_ER_READ, ENOENT)
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&target.error, data, length)
    case ZIP_SOURCE_BEGIN_WRITE:
        return target.begin()
    case ZIP_SOURCE_WRITE:
        guard let data else { return target.fail(ZIP_ER_INTERNAL, 0) }
        return target.write(data, Int(length))
    case ZIP_SOURCE_SEEK_WRITE:
        guard let data, length >= MemoryLayout<zip_source_args_seek_t>.size else {
            return target.fail(ZIP_ER_INVAL, 0)
        }
        let args = data.load(as: zip_source_args_seek_t.self)
        return target.seek(args.offset, args.whence)
    case ZIP_SOURCE_TELL_WRITE:
        return target.tell()
    case ZIP_SOURCE_COMMIT_WRITE:
        return target.commit()
    case ZIP_SOURCE_ROLLBACK_WRITE:
        target.rollback()
        return 0
    case ZIP_SOURCE_REMOVE:
        unlink(target.path)
        return 0
    case ZIP_SOURCE_FREE:
        return 0
    default:
        // Nothing to read: the archive is always new.
        return target.fail(ZIP_ER_OPNOTSUPP, 0)
    }
}

/// The C callback: no captures; the context comes through `userdata`.
private let spoolSourceCallback: zip_source_callback = { userdata, data, length, command in
    let source = Unmanaged<SpoolSource>.fromOpaque(userdata!).takeUnretainedValue()
    switch command {
    case ZIP_SOURCE_OPEN:
        source.position = 0
        return 0
    case ZIP_SOURCE_READ:
        let want = Int(min(length, source.length - source.position))
        if want == 0 { return 0 }
        let prefixCount = UInt64(source.prefix.count)
        if source.position < prefixCount {
            let n = min(want, Int(prefixCount - source.position))
            source.prefix.withUnsafeBytes { p in
                UnsafeMutableRawBufferPointer(start: data, count: n)
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: p[Int(source.position)..<(Int(source.position) + n)]))
            }
            source.position += UInt64(n)
            return zip_int64_t(n)
        }
        let n = source.spool.read(at: source.offset + source.position - prefixCount,
                                  into: UnsafeMutableRawBufferPointer(start: data, count: want))
        if n < 0 {
            zip_error_set(&source.error, ZIP_ER_READ, errno)
            return -1
        }
        source.position += UInt64(n)
        return zip_int64_t(n)
    case ZIP_SOURCE_CLOSE, ZIP_SOURCE_FREE:
        return 0
    case ZIP_SOURCE_STAT:
        guard let data, length >= MemoryLayout<zip_stat_t>.size else {
            zip_error_set(&source.error, ZIP_ER_INVAL, 0)
            return -1
        }
        let st = data.assumingMemoryBound(to: zip_stat_t.self)
        zip_stat_init(st)
        st.pointee.size = source.size
        st.pointee.comp_size = source.length
        st.pointee.crc = source.crc
        st.pointee.comp_method = zip_uint16_t(source.deflated ? ZIP_CM_DEFLATE : ZIP_CM_STORE)
        st.pointee.valid = zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD)
        return zip_int64_t(MemoryLayout<zip_stat_t>.size)
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&source.error, data, length)
    case ZIP_SOURCE_SUPPORTS:
        return bit(ZIP_SOURCE_OPEN) | bit(ZIP_SOURCE_READ) | bit(ZIP_SOURCE_CLOSE) | bit(ZIP_SOURCE_STAT)
            | bit(ZIP_SOURCE_ERROR) | bit(ZIP_SOURCE_FREE) | bit(ZIP_SOURCE_SUPPORTS)
    default:
        zip_error_set(&source.error, ZIP_ER_OPNOTSUPP, 0)
        return -1
    }
}
