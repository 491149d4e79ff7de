import Glibc
import OfficeZip

/// The template's entries as compressed bytes, for writing small filled documents in one go.
///
/// Filling 1,000 certificates writes 1,000 archives of a few dozen kilobytes. Through libzip
/// each costs about two hundred system calls (a source per copied entry, headers written piece
/// by piece, temporary files, renames); here each output is assembled in memory — the
/// unchanged entries' compressed bytes as they are in the template, the filled parts stored —
/// and written with one `write` through `AtomicOutput`. Used only for small outputs of
/// ordinary archives (no zip64, no encryption); anything else goes through `ZipWriter`.
/// Headers follow `ZipWriter`'s deterministic rules (DOS time 1980-01-01 00:00, Unix mode
/// 0644, no extra fields). A candidate for OfficeZip.
final class RawEntries {
    struct Entry {
        var name: [UInt8]
        var method: UInt16
        var crc: UInt32
        var size: UInt32
        /// Range of the compressed data in `file`.
        var data: Range<Int>
    }

    let file: [UInt8]
    private(set) var entries: [String: Entry] = [:]

    /// Reads the archive's directory and checks every entry against what `reader` (libzip,
    /// with its guards) saw; nil when anything differs or is unusual.
    init?(path: String, reader: ZipReader, maxBytes: Int = 16 << 20) {
        guard let bytes = RawEntries.readFile(path, limit: maxBytes) else { return nil }
        file = bytes
        let n = bytes.count
        func u16(_ o: Int) -> Int { Int(bytes[o]) | Int(bytes[o + 1]) << 8 }
        func u32(_ o: Int) -> UInt32 { UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24 }
        // End of central directory (no archive comment expected, but allow one).
        var eocd = -1
        var o = n - 22
        while o >= max(0, n - 22 - 65_535) {
            if u32(o) == 0x0605_4B50 { eocd = o; break }
            o -= 1
        }
        guard eocd >= 0 else { return nil }
        let count = u16(eocd + 10)
        let cdSize = Int(u32(eocd + 12)), cdOffset = Int(u32(eocd + 16))
        guard count == reader.entries.count, cdOffset + cdSize <= eocd, count < 0xFFFF else { return nil }
        var p = cdOffset
        for _ in 0..<count {
            guard p + 46 <= n, u32(p) == 0x0201_4B50 else { return nil }
            let flags = u16(p + 8)
            let method = UInt16(u16(p + 10))
            let crc = u32(p + 16)
            let csize = Int(u32(p + 20)), usize = u32(p + 24)
            let nameLength = u16(p + 28), extraLength = u16(p + 30), commentLength = u16(p + 32)
            let local = Int(u32(p + 42))
            guard flags & 0x1 == 0, method == 0 || method == 8, csize != 0xFFFF_FFFF, usize != 0xFFFF_FFFF,
                  p + 46 + nameLength <= n else { return nil }
            let nameBytes = Array(bytes[(p + 46)..<(p + 46 + nameLength)])
            let name = String(decoding: nameBytes, as: UTF8.self)
            guard let info = reader.info(name), info.crc == crc, info.size == UInt64(usize), info.compressedSize == UInt64(csize),
                  info.isStored == (method == 0), local + 30 <= n, u32(local) == 0x0403_4B50 else { return nil }
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            guard dataStart + csize <= n else { return nil }
            entries[name] = Entry(name: nameBytes, method: method, crc: crc, size: usize, data: dataStart..<(dataStart + csize))
            p += 46 + nameLength + extraLength + commentLength
        }
    }

    static func readFile(_ path: String, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size <= limit else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let r = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, $0.count - done) }
            if r < 0 && errno == EINTR { continue }
            guard r > 0 else { return nil }
            done += r
        }
        return bytes
    }
}

/// One archive assembled in memory.
struct SmallArchive {
    private var out: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    init(capacity: Int) { out.reserveCapacity(capacity) }

    /// A copied entry: its compressed bytes as they are.
    mutating func copy(_ e: RawEntries.Entry, from file: [UInt8]) {
        add(name: e.name, method: e.method, crc: e.crc, size: e.size, compressed: file[e.data])
    }

    /// New bytes, stored.
    mutating func store(_ name: String, _ bytes: [UInt8]) {
        add(name: Array(name.utf8), method: 0, crc: CRC32.checksum(bytes), size: UInt32(bytes.count), compressed: bytes[...])
    }

    private mutating func add(name: [UInt8], method: UInt16, crc: UInt32, size: UInt32, compressed: ArraySlice<UInt8>) {
        let offset = UInt32(out.count)
        let utf8Flag: UInt16 = name.contains { $0 >= 0x80 } ? 0x0800 : 0
        put32(&out, 0x0403_4B50); put16(&out, 20); put16(&out, utf8Flag); put16(&out, method)
        put16(&out, 0); put16(&out, 0x21); put32(&out, crc); put32(&out, UInt32(compressed.count)); put32(&out, size)
        put16(&out, UInt16(name.count)); put16(&out, 0)
        out += name
        out += compressed
        put32(&central, 0x0201_4B50); put16(&central, 0x0314); put16(&central, 20); put16(&central, utf8Flag); put16(&central, method)
        put16(&central, 0); put16(&central, 0x21); put32(&central, crc); put32(&central, UInt32(compressed.count)); put32(&central, size)
        put16(&central, UInt16(name.count)); put16(&central, 0); put16(&central, 0); put16(&central, 0); put16(&central, 0)
        put32(&central, 0o100644 << 16); put32(&central, offset)
        central += name
        count += 1
    }

    /// The whole archive.
    mutating func finish() -> [UInt8] {
        let cdOffset = UInt32(out.count)
        out += central
        put32(&out, 0x0605_4B50); put16(&out, 0); put16(&out, 0); put16(&out, UInt16(count)); put16(&out, UInt16(count))
        put32(&out, UInt32(central.count)); put32(&out, cdOffset); put16(&out, 0)
        return out
    }

    private func put16(_ a: inout [UInt8], _ v: UInt16) { a.append(UInt8(v & 0xFF)); a.append(UInt8(v >> 8)) }
    private func put32(_ a: inout [UInt8], _ v: UInt32) {
        a.append(UInt8(v & 0xFF)); a.append(UInt8((v >> 8) & 0xFF)); a.append(UInt8((v >> 16) & 0xFF)); a.append(UInt8(v >> 24))
    }
}

/// CRC-32 (ISO-HDLC, as zip uses it).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            bytes.withUnsafeBufferPointer { b in
                for x in b { c = t[Int((c ^ UInt32(x)) & 0xFF)] ^ (c >> 8) }
            }
        }
        return c ^ 0xFFFF_FFFF
    }
}
