import Glibc
import Synchronization

/// A file that appears under its name only when complete.
///
/// Data goes to `.NAME.tdkt-tmp-PID-N` beside the target and is renamed over the target by
/// `commit()`; `abandon()` (or deinit without commit) removes it. A run that is killed
/// leaves its temporary file behind: the next `AtomicOutput` in that folder removes every
/// temporary file whose process is gone. An existing target is untouched until the rename.
public final class AtomicOutput {
    public let target: String
    public let temporaryPath: String
    public private(set) var committed = false

    private static let counter = Atomic<Int>(0)
    static let marker = ".tdkt-tmp-"

    public init(target: String) throws {
        guard !target.isEmpty, !target.hasSuffix("/") else {
            throw ZipError(.ioFailed, path: target, detail: "đường dẫn không hợp lệ")
        }
        self.target = target
        let (dir, base) = AtomicOutput.split(target)
        var info = stat()
        guard stat(dir, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw ZipError(.ioFailed, path: target, detail: "thư mục \(dir) không tồn tại")
        }
        AtomicOutput.removeStaleTemporaries(in: dir)
        let n = AtomicOutput.counter.add(1, ordering: .relaxed).newValue
        temporaryPath = "\(dir)/.\(base)\(AtomicOutput.marker)\(getpid())-\(n)"
        TemporaryFiles.register(temporaryPath)
    }

    deinit {
        if !committed { abandon() }
    }

    /// Renames the finished temporary file over the target.
    public func commit() throws {
        guard !committed else { return }
        // rename(2) is atomic: a reader or a kill sees the old file or the new one, never a
        // part. No fsync: it would cost a disk flush per file (1,000 certificates = 1,000
        // flushes) and guards only against power loss, which the old file survives anyway.
        guard rename(temporaryPath, target) == 0 else {
            let why = String(cString: strerror(errno))
            abandon()
            throw ZipError(.ioFailed, path: target, detail: "rename: \(why)")
        }
        committed = true
        TemporaryFiles.unregister(temporaryPath)
    }

    /// Removes the temporary file (and libzip's own temporaries of it, `PATH.XXXXXX`).
    public func abandon() {
        AtomicOutput.remove(temporaryPath)
        TemporaryFiles.unregister(temporaryPath)
    }

    /// Removes `path` and libzip's temporaries of it (`PATH.XXXXXX`).
    static func remove(_ path: String) {
        unlink(path)
        let (dir, base) = split(path)
        for name in listDirectory(dir) where name.hasPrefix(base + ".") {
            unlink(dir + "/" + name)
        }
    }

    /// Writes `bytes` to `target` atomically.
    public static func write(_ bytes: [UInt8], to target: String) throws {
        let output = try AtomicOutput(target: target)
        let fd = open(output.temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ZipError(.ioFailed, path: target, detail: String(cString: strerror(errno)))
        }
        if let why = writeAll(fd, bytes) {
            close(fd)
            output.abandon()
            throw ZipError(.ioFailed, path: target, detail: why)
        }
        close(fd)
        try output.commit()
    }

    /// Writes every byte to `fd` (short writes and EINTR retried); the error text on failure.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
        var done = 0
        while done < bytes.count {
            let r = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if r < 0 && errno == EINTR { continue }
            guard r > 0 else { return String(cString: strerror(errno)) }
            done += r
        }
        return nil
    }

    // MARK: - Helpers

    static func split(_ path: String) -> (directory: String, name: String) {
        if let slash = path.lastIndex(of: "/") {
            let dir = String(path[..<slash])
            return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
        }
        return (".", path)
    }

    static func listDirectory(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            names.append(name)
        }
        return names
    }

    /// Removes `.*.tdkt-tmp-PID-*` files of processes that no longer run.
    public static func removeStaleTemporaries(in dir: String) {
        for name in listDirectory(dir) where name.hasPrefix(".") {
            guard let range = name.firstRange(of: marker) else { continue }
            let digits = name[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            guard let pid = Int32(digits), pid != getpid() else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH {
                unlink(dir + "/" + name)
            }
        }
    }
}

/// Temporary files of this process, removed by the CLI on SIGINT/SIGTERM.
public enum TemporaryFiles {
    private static let paths = Mutex<Set<String>>([])

    static func register(_ path: String) { _ = paths.withLock { $0.insert(path) } }
    static func unregister(_ path: String) { _ = paths.withLock { $0.remove(path) } }

    /// Removes every registered temporary file (and libzip's temporaries of them).
    public static func removeAll() {
        let all = paths.withLock { set -> Set<String> in
            let copy = set
            set.removeAll()
            return copy
        }
        for path in all { AtomicOutput.remove(path) }
    }
}

/// Refuses an output that would overwrite one of the run's inputs.
public enum OutputGuard {
    /// Throws `.outputIsInput` when `output` names the same file as one of `inputs`
    /// (same path after resolving links, or the same inode).
    public static func check(output: String, inputs: [String]) throws {
        let out = canonical(output)
        var outInfo = stat()
        let outExists = stat(output, &outInfo) == 0
        for input in inputs {
            var inInfo = stat()
            let same: Bool
            if outExists && stat(input, &inInfo) == 0 {
                same = inInfo.st_dev == outInfo.st_dev && inInfo.st_ino == outInfo.st_ino
            } else {
                same = canonical(input) == out
            }
            if same {
                throw ZipError(.outputIsInput, path: output, detail: "đầu vào: \(input)")
            }
        }
    }

    static func canonical(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let (dir, name) = AtomicOutput.split(path)
        if let resolved = realpath(dir, nil) {
            defer { free(resolved) }
            return String(cString: resolved) + "/" + name
        }
        return path
    }
}
