import CZlib
import Foundation

/// Builds ZIP archives byte by byte, including the broken and hostile ones libzip and tdkt's
/// writer refuse to make: unsafe names, duplicates, sizes that lie, bombs.
public struct RawZip {
    public struct Entry {
        public var name: String
        public var data: [UInt8]
        public var deflate: Bool
        /// Declared uncompressed size; nil = the true size.
        public var declaredSize: UInt32?

        public init(_ name: String, _ data: [UInt8], deflate: Bool = false, declaredSize: UInt32? = nil) {
            self.name = name
            self.data = data
            self.deflate = deflate
            self.declaredSize = declaredSize
        }
    }

    public var entries: [Entry] = []
    public init(_ entries: [Entry] = []) { self.entries = entries }

    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32, _ a: inout [UInt8]) { for k in 0..<4 { a.append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
        for e in entries {
            let crc = e.data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            let payload = e.deflate ? RawZip.deflateRaw(e.data) : e.data
            let name = Array(e.name.utf8)
            let offset = UInt32(out.count)
            let size = e.declaredSize ?? UInt32(e.data.count)
            // Local header.
            u32(0x0403_4B50, &out); u16(20, &out); u16(0x0800, &out); u16(e.deflate ? 8 : 0, &out)
            u16(0, &out); u16(0x21, &out); u32(crc, &out); u32(UInt32(payload.count), &out); u32(size, &out)
            u16(name.count, &out); u16(0, &out); out += name; out += payload
            // Central directory record.
            u32(0x0201_4B50, &central); u16(0x031E, &central); u16(20, &central); u16(0x0800, &central)
            u16(e.deflate ? 8 : 0, &central); u16(0, &central); u16(0x21, &central); u32(crc, &central)
            u32(UInt32(payload.count), &central); u32(size, &central); u16(name.count, &central)
            u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central); u32(0o100644 << 16, &central)
            u32(offset, &central); central += name
        }
        let cdOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(central.count), &out); u32(cdOffset, &out); u16(0, &out)
        return out
    }

    public func write(to path: String) throws {
        try Data(bytes()).write(to: URL(fileURLWithPath: path))
    }

    static func deflateRaw(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        _ = tdkt_deflateInit2(&stream, 9, -15, 9, Z_DEFAULT_STRATEGY)
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 16)
        var input = data
        let produced: Int = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { outp in
                stream.next_in = inp.baseAddress
                stream.avail_in = uInt(inp.count)
                stream.next_out = outp.baseAddress
                stream.avail_out = uInt(outp.count)
                _ = deflate(&stream, Z_FINISH)
                return outp.count - Int(stream.avail_out)
            }
        }
        deflateEnd(&stream)
        return Array(out[0..<produced])
    }
}
