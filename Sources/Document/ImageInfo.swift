/// Reads the kind and pixel size of PNG and JPEG data (headers only, no decoding).
public enum ImageInfo {
    /// PNG or JPEG by signature; nil for anything else.
    public static func format(of data: [UInt8]) -> InlineImage.Format? {
        if data.count >= 8 && data[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if data.count >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF { return .jpeg }
        return nil
    }

    /// Width and height in pixels, when the header says.
    public static func pixelSize(of data: [UInt8], format: InlineImage.Format) -> (width: Int, height: Int)? {
        switch format {
        case .png:
            // IHDR is the first chunk: length(4) type(4) width(4) height(4).
            guard data.count >= 24, data[12..<16].elementsEqual(Array("IHDR".utf8)) else { return nil }
            func be32(_ i: Int) -> Int { Int(data[i]) << 24 | Int(data[i + 1]) << 16 | Int(data[i + 2]) << 8 | Int(data[i + 3]) }
            return (be32(16), be32(20))
        case .jpeg:
            var i = 2
            while i + 9 < data.count {
                guard data[i] == 0xFF else { return nil }
                let marker = data[i + 1]
                if marker == 0xFF { i += 1; continue }
                if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
                let length = Int(data[i + 2]) << 8 | Int(data[i + 3])
                // Start of frame: C0–CF except C4 (DHT), C8 (JPG), CC (DAC).
                if (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC {
                    let h = Int(data[i + 5]) << 8 | Int(data[i + 6])
                    let w = Int(data[i + 7]) << 8 | Int(data[i + 8])
                    return (w, h)
                }
                if marker == 0xDA || length < 2 { return nil }
                i += 2 + length
            }
            return nil
        }
    }
}
