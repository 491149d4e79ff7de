import Glibc

/// Append-only storage for the compressed data of an archive between `add` and `close`.
///
/// libzip asks for an entry's CRC and sizes before it reads the data, so a part generated
/// on the fly is compressed first and kept here. It lives in memory up to `memoryLimit`
/// bytes and then moves to an unlinked temporary file beside the output, so a 500 MB part
/// costs a few megabytes of memory and leaves nothing behind, whatever happens to the
/// process.
final class Spool {
    private let directory: String
    private let memoryLimit: Int
    private var memory: UnsafeMutablePointer<UInt8>?
    private var memoryCapacity = 0
    private var fd: Int32 = -1
    private(set) var size: UInt64 = 0

    init(directory: String, memoryLimit: Int = 8 << 20) {
        self.directory = directory
        self.memoryLimit = memoryLimit
    }

    deinit {
        memory?.deallocate()
        if fd >= 0 { close(fd) }
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0, let base = bytes.baseAddress else { return }
        if fd < 0 && Int(size) + bytes.count > memoryLimit {
            try moveToFile()
        }
        if fd >= 0 {
            try writeAll(base, bytes.count)
        } else {
            let needed = Int(size) + bytes.count
            if needed > memoryCapacity {
                var cap = max(memoryCapacity * 2, 64 * 1024)
                while cap < needed { cap *= 2 }
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
                if let memory {
                    grown.update(from: memory, count: Int(size))
                    memory.deallocate()
                }
                memory = grown
                memoryCapacity = cap
            }
            UnsafeMutableRawPointer(memory! + Int(size)).copyMemory(from: base, byteCount: bytes.count)
        }
        size += UInt64(bytes.count)
    }

    /// Copies up to `buffer.count` bytes from `offset`; returns how many.
    func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard offset < size, let dst = buffer.baseAddress else { return 0 }
        let n = Int(min(UInt64(buffer.count), size - offset))
        if fd >= 0 {
            var done = 0
            while done < n {
                let r = pread(fd, dst + done, n - done, off_t(offset) + off_t(done))
                if r < 0 && errno == EINTR { continue }
                if r <= 0 { return r < 0 ? -1 : done }
                done += r
            }
            return done
        }
        dst.copyMemory(from: memory! + Int(offset), byteCount: n)
        return n
    }

    private func moveToFile() throws {
        var template = Array((directory + "/.tdkt-spool-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw ZipError(.ioFailed, path: directory, detail: "mkstemp: \(String(cString: strerror(errno)))")
        }
        // Unlinked at once: the data lives as long as the descriptor, nothing is left behind.
        let name = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        unlink(name)
        fd = descriptor
        if let memory, size > 0 {
            try writeAll(UnsafeRawPointer(memory), Int(size))
        }
        memory?.deallocate()
        memory = nil
        memoryCapacity = 0
    }

    private func writeAll(_ p: UnsafeRawPointer, _ n: Int) throws {
        var done = 0
        while done < n {
            let r = Glibc.write(fd, p + done, n - done)
            if r < 0 && errno == EINTR { continue }
            guard r > 0 else {
                throw ZipError(.ioFailed, path: directory, detail: "write: \(String(cString: strerror(errno)))")
            }
            done += r
        }
    }
}
