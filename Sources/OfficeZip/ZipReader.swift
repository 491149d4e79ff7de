import CLibzip

/// One entry of an archive being read.
public struct ZipEntryInfo: Sendable, Equatable {
    public var name: String
    public var index: UInt64
    /// Declared uncompressed size.
    public var size: UInt64
    public var compressedSize: UInt64
    public var crc: UInt32
    /// True when stored without compression.
    public var isStored: Bool
}

/// Reads an archive (a user's template) through libzip, with the guards libzip lacks.
///
/// Opening checks every entry name (no `..`, absolute paths, backslashes, drive letters,
/// empty names or duplicates), the entry count, the declared total size and each entry's
/// compression ratio against `ZipLimits`; reading enforces the declared size, which libzip
/// does not. The archive stays open while the reader lives, so entries can be copied raw
/// into a `ZipWriter`.
public final class ZipReader {
    public let path: String
    public let limits: ZipLimits
    public let entries: [ZipEntryInfo]
    let archive: OpaquePointer
    private let byName: [String: Int]

    public init(path: String, limits: ZipLimits = .default) throws {
        self.path = path
        self.limits = limits
        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_RDONLY, &code) else {
            var ze = zip_error_t()
            zip_error_init_with_code(&ze, code)
            defer { zip_error_fini(&ze) }
            throw ZipError(.openFailed, path: path, detail: ZipError.libzipMessage(&ze))
        }
        var ok = false
        defer { if !ok { zip_discard(archive) } }

        let count = zip_get_num_entries(archive, 0)
        guard count >= 0 else { throw ZipError(.openFailed, path: path, detail: ZipError.libzipMessage(archive: archive)) }
        guard count <= limits.maxEntries else {
            throw ZipError(.tooManyEntries, path: path, detail: "\(count) mục, tối đa \(limits.maxEntries)")
        }
        var entries: [ZipEntryInfo] = []
        var byName: [String: Int] = [:]
        var total: UInt64 = 0
        entries.reserveCapacity(Int(count))
        for i in 0..<zip_uint64_t(count) {
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat_index(archive, i, 0, &st) == 0, let cname = st.name else {
                throw ZipError(.readFailed, path: path, detail: "mục số \(i): \(ZipError.libzipMessage(archive: archive))")
            }
            let name = String(cString: cname)
            if let problem = ZipEntryName.problem(name) {
                throw ZipError(.unsafeEntryName, path: path, entry: name, detail: problem)
            }
            guard byName[name] == nil else {
                throw ZipError(.duplicateEntryName, path: path, entry: name)
            }
            guard st.size <= limits.maxEntrySize else {
                throw ZipError(.tooLarge, path: path, entry: name, detail: "\(st.size) byte, tối đa \(limits.maxEntrySize)")
            }
            total += st.size
            guard total <= limits.maxTotalSize else {
                throw ZipError(.tooLarge, path: path, entry: name, detail: "tổng \(total) byte, tối đa \(limits.maxTotalSize)")
            }
            if st.size > limits.ratioThreshold {
                let ratio = st.comp_size == 0 ? UInt64.max : st.size / st.comp_size
                guard ratio <= limits.maxCompressionRatio else {
                    throw ZipError(.suspiciousCompressionRatio, path: path, entry: name,
                                   detail: "\(st.comp_size) → \(st.size) byte, tỷ lệ \(ratio):1, tối đa \(limits.maxCompressionRatio):1")
                }
            }
            byName[name] = entries.count
            entries.append(ZipEntryInfo(name: name, index: i, size: st.size, compressedSize: st.comp_size,
                                        crc: st.crc, isStored: st.comp_method == ZIP_CM_STORE))
        }
        self.archive = archive
        self.entries = entries
        self.byName = byName
        ok = true
    }

    deinit { zip_discard(archive) }

    public func info(_ name: String) -> ZipEntryInfo? {
        byName[name].map { entries[$0] }
    }

    public func contains(_ name: String) -> Bool { byName[name] != nil }

    /// Opens an entry for reading in pieces.
    public func open(_ name: String) throws -> ZipEntryReadStream {
        guard let info = info(name) else { throw ZipError(.entryNotFound, path: path, entry: name) }
        guard let file = zip_fopen_index(archive, info.index, 0) else {
            throw ZipError(.readFailed, path: path, entry: name, detail: ZipError.libzipMessage(archive: archive))
        }
        return ZipEntryReadStream(reader: self, info: info, file: file)
    }

    /// The whole entry.
    public func read(_ name: String) throws -> [UInt8] {
        let stream = try open(name)
        return try stream.readAll()
    }
}

/// An entry being read; never yields more than its declared size.
public final class ZipEntryReadStream {
    public let info: ZipEntryInfo
    private let reader: ZipReader
    private let file: OpaquePointer
    public private(set) var bytesRead: UInt64 = 0
    private var closed = false

    init(reader: ZipReader, info: ZipEntryInfo, file: OpaquePointer) {
        self.reader = reader
        self.info = info
        self.file = file
    }

    deinit { if !closed { zip_fclose(file) } }

    /// Reads into `buffer`; 0 at the end of the entry.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !closed, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let n = zip_fread(file, base, zip_uint64_t(buffer.count))
        if n < 0 {
            let message = zip_file_get_error(file).flatMap { zip_error_strerror($0) }.map { String(cString: $0) } ?? ""
            throw ZipError(.readFailed, path: reader.path, entry: info.name, detail: message)
        }
        bytesRead += UInt64(n)
        if bytesRead > info.size {
            throw ZipError(.sizeMismatch, path: reader.path, entry: info.name,
                           detail: "khai báo \(info.size) byte, đã đọc hơn \(bytesRead) byte")
        }
        if n == 0 {
            closed = true
            zip_fclose(file)
            if bytesRead != info.size {
                throw ZipError(.sizeMismatch, path: reader.path, entry: info.name,
                               detail: "khai báo \(info.size) byte, chỉ có \(bytesRead) byte")
            }
        }
        return Int(n)
    }

    /// The rest of the entry.
    public func readAll() throws -> [UInt8] {
        var result = [UInt8]()
        result.reserveCapacity(Int(min(info.size, 1 << 26)))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }
}
