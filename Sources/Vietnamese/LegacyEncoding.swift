/// The 8-bit Vietnamese encodings found in old spreadsheets and documents.
///
/// - `windows1258`: Windows code page 1258 exactly as Python's `cp1258` codec defines it. Some
///   toned letters are single bytes ("à" 0xE0); the others are written as the letter (with its
///   breve, circumflex or horn) followed by a combining tone-mark byte — 0xCC huyền (grave),
///   0xEC sắc (acute), 0xD2 hỏi (hook), 0xDE ngã (tilde), 0xF2 nặng (dot below). Decoding
///   composes the result to NFC. The bytes 0x81 0x8A 0x8D–0x90 0x9A 0x9D 0x9E are undefined:
///   decoding them throws `invalidByteSequence`.
/// - `tcvn3`: TCVN 5712:1993 VN3 ("ABC", the .VnTime fonts). Every Vietnamese letter is one
///   byte in 0xA1–0xFE; only 7 upper-case letters exist (Ă Â Ê Ô Ơ Ư Đ) — capitals with tone
///   marks were typed with the all-capitals .VnTimeH font using the lower-case codes, so such
///   text decodes to lower-case letters (nothing in the bytes tells the fonts apart). Bytes
///   0x80–0xFF outside the table decode as Windows-1252 (undefined ones as the C1 control of
///   the same value), so decoding never fails; the older VN1 variant, which put capitals with
///   tone marks at 0x01–0x17 and 0x80–0xA0, is not supported.
/// - `vni`: VNI-Windows (the VNI-Times fonts). A letter with marks is the base letter followed
///   by one modifier byte ("ờ" = 0xF4 0xF8); a few letters are single bytes (đ 0xF1, ơ 0xF4,
///   ư 0xF6, ì 0xEC …). Modifier bytes come in a lower-case and an upper-case set; a base
///   letter followed by a modifier of the other case is decoded too, in the base letter's case
///   (text re-cased by a spreadsheet). Other bytes decode as Windows-1252; decoding never fails.
///
/// Encoders are the exact inverse on NFC text: `decode(encode(s)) == nfc(s)` for every `s`
/// that encodes. TCVN3 and VNI encode Windows-1252 punctuation and symbols (“ ” – …) at their
/// Windows-1252 bytes when those bytes are free, but never other letters. Characters an
/// encoding lacks (for TCVN3: most upper-case toned letters, for all three: anything outside
/// Vietnamese and the code page) throw `unencodableCharacter`, listing them.
public enum LegacyEncoding: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case windows1258
    case tcvn3
    case vni

    /// The name users know: "Windows-1258", "TCVN3 (ABC)", "VNI-Windows".
    public var displayName: String {
        switch self {
        case .windows1258: return "Windows-1258"
        case .tcvn3: return "TCVN3 (ABC)"
        case .vni: return "VNI-Windows"
        }
    }

    public var description: String { displayName }

    // MARK: Decoding

    /// Decodes bytes to NFC text. Only `windows1258` can throw (undefined bytes); the error's
    /// `position` is the byte offset.
    public func decode<Bytes: Collection>(_ bytes: Bytes) throws(VietnameseTextError) -> String where Bytes.Element == UInt8 {
        let result: Result<String, VietnameseTextError>? = bytes.withContiguousStorageIfAvailable { buffer in
            decodeBuffer(buffer)
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { decodeBuffer($0) }.get()
    }

    private func decodeBuffer(_ input: UnsafeBufferPointer<UInt8>) -> Result<String, VietnameseTextError> {
        let tables = LegacyCodec.shared
        let (capacity, overflow) = input.count.multipliedReportingOverflow(by: 3)
        if overflow { return .failure(VietnameseTextError(.invalidByteSequence, value: "", message: "Dữ liệu quá lớn để giải mã.")) }
        var failure: Int?
        var combining = false
        let single: [UInt32]
        switch self {
        case .windows1258: single = tables.cp1258
        case .tcvn3: single = tables.tcvn3
        case .vni: single = tables.vniSingle
        }
        let text = String(unsafeUninitializedCapacity: max(capacity, 1)) { out -> Int in
            var o = 0
            @inline(__always) func put(_ v: UInt32) {
                if v < 0x80 {
                    out[o] = UInt8(v); o += 1
                } else if v < 0x800 {
                    out[o] = UInt8(0xC0 | (v >> 6)); out[o + 1] = UInt8(0x80 | (v & 0x3F)); o += 2
                } else {
                    out[o] = UInt8(0xE0 | (v >> 12)); out[o + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    out[o + 2] = UInt8(0x80 | (v & 0x3F)); o += 3
                }
            }
            single.withUnsafeBufferPointer { single in
                var i = 0
                let n = input.count
                switch self {
                case .windows1258:
                    // The previous scalar and where its UTF-8 starts, to compose a following
                    // tone mark in place (the common case); anything else sets `combining`
                    // and the whole text is normalised at the end.
                    var lastValue: UInt32 = 0
                    var lastStart = 0
                    while i < n {
                        let b = input[i]
                        i += 1
                        if b < 0x80 { lastValue = UInt32(b); lastStart = o; out[o] = b; o += 1; continue }
                        let v = single[Int(b)]
                        if v == 0 { failure = i - 1; return }
                        if let tone = Letters.toneOfCombining(v) {
                            if let info = Letters.info(lastValue), info.tone == 0, Letters.isVowel(info.letter),
                               let composed = Letters.compose(letter: info.letter, tone: tone, upper: info.upper) {
                                o = lastStart
                                put(composed.value)
                                lastValue = composed.value
                                continue
                            }
                            combining = true
                        }
                        lastValue = v
                        lastStart = o
                        put(v)
                    }
                case .tcvn3:
                    while i < n {
                        let b = input[i]
                        if b < 0x80 { out[o] = b; o += 1 } else { put(single[Int(b)]) }
                        i += 1
                    }
                case .vni:
                    tables.vniPairs.withUnsafeBufferPointer { pairs in
                        tables.vniPairRow.withUnsafeBufferPointer { rows in
                            while i < n {
                                let b = input[i]
                                let row = rows[Int(b)]
                                if row >= 0 && i + 1 < n {
                                    let v = pairs[Int(row) &* 256 &+ Int(input[i + 1])]
                                    if v != 0 { put(v); i += 2; continue }
                                }
                                if b < 0x80 { out[o] = b; o += 1 } else { put(single[Int(b)]) }
                                i += 1
                            }
                        }
                    }
                }
            }
            return o
        }
        if let offset = failure {
            let byte = input[offset]
            let hex = "0x" + String(byte, radix: 16, uppercase: true)
            return .failure(VietnameseTextError(.invalidByteSequence, value: hex,
                                                message: "Byte \(hex) ở vị trí \(offset) không có trong bảng mã \(displayName); tệp có thể không dùng bảng mã này.",
                                                position: offset))
        }
        return .success(combining ? Vietnamese.nfc(text) : text)
    }

    // MARK: Encoding

    /// Encodes text (normalised to NFC first). Throws `unencodableCharacter` listing every
    /// distinct character the encoding lacks; `position` is the scalar offset (in the NFC
    /// text) of the first one.
    public func encode(_ text: String) throws(VietnameseTextError) -> [UInt8] {
        let tables = LegacyCodec.shared
        let nfc = Vietnamese.nfc(text)
        var out: [UInt8] = []
        out.reserveCapacity(nfc.utf8.count)
        var missing: [Unicode.Scalar] = []
        var firstMissing: Int?
        for (offset, scalar) in nfc.unicodeScalars.enumerated() {
            let v = scalar.value
            if v < 0x80 { out.append(UInt8(v)); continue }
            let encoded: [UInt8]?
            switch self {
            case .windows1258: encoded = tables.encodeCP1258(v)
            case .tcvn3: encoded = tables.tcvn3Encode[v].map { [$0] }
            case .vni: encoded = tables.vniEncode[v]
            }
            if let encoded {
                out.append(contentsOf: encoded)
            } else {
                if firstMissing == nil { firstMissing = offset }
                if !missing.contains(scalar) && missing.count < 20 { missing.append(scalar) }
            }
        }
        if let firstMissing {
            let list = missing.map { s in
                "\"\(Character(s))\" (U+\(hex4(s.value)))"
            }.joined(separator: ", ")
            let hint = self == .tcvn3 ? " TCVN3 (.VnTime) không có phần lớn chữ hoa có dấu; hãy dùng Unicode." : ""
            throw VietnameseTextError(.unencodableCharacter, value: missing.map { String(Character($0)) }.joined(separator: ", "),
                                      message: "Không chuyển được sang bảng mã \(displayName) các ký tự: \(list).\(hint)",
                                      position: firstMissing)
        }
        return out
    }

    /// Whether every character of `text` can be encoded.
    public func canEncode(_ text: String) -> Bool {
        (try? encode(text)) != nil
    }
}

/// Upper-case hexadecimal with at least four digits ("00C1").
func hex4(_ v: UInt32) -> String {
    let h = String(v, radix: 16, uppercase: true)
    return h.count >= 4 ? h : String(repeating: "0", count: 4 - h.count) + h
}

/// Precomputed decoding and encoding tables, built once from `LegacyTables`.
final class LegacyCodec: Sendable {
    static let shared = LegacyCodec()

    /// Byte → scalar value (0 = undefined) for each single-byte view.
    let cp1258: [UInt32]
    let tcvn3: [UInt32]
    let vniSingle: [UInt32]
    /// For a VNI base byte, its row in `vniPairs` (−1 = not a base).
    let vniPairRow: [Int16]
    /// Row × 256 + modifier byte → scalar value (0 = no pair).
    let vniPairs: [UInt32]
    /// Bytes used by VNI letters (single letters and modifiers): excluded from the
    /// Windows-1252 fallback when encoding, so encoding stays the inverse of decoding.
    let vniLetterBytes: Set<UInt8>
    let cp1258Encode: [UInt32: UInt8]
    let tcvn3Encode: [UInt32: UInt8]
    let vniEncode: [UInt32: [UInt8]]
    /// Windows-1252 characters outside Latin-1 (€ … ™) → their byte.
    let cp1252Reverse: [UInt32: UInt8]

    private init() {
        // Windows-1252 view with undefined bytes as C1 controls (what Latin-1 would give).
        var cp1252 = [UInt32](repeating: 0, count: 256)
        for b in 0..<256 {
            if b < 0x80 { cp1252[b] = UInt32(b) } else {
                let v = LegacyTables.windows1252[b - 0x80]
                cp1252[b] = v == 0 ? UInt32(b) : v
            }
        }
        var reverse: [UInt32: UInt8] = [:]
        for b in 0x80..<0x100 where cp1252[b] > 0xFF { reverse[cp1252[b]] = UInt8(b) }
        cp1252Reverse = reverse
        var cp = [UInt32](repeating: 0, count: 256)
        var cpEnc: [UInt32: UInt8] = [:]
        for b in 0..<256 {
            cp[b] = b < 0x80 ? UInt32(b) : LegacyTables.windows1258[b - 0x80]
            if b >= 0x80 && cp[b] != 0 { cpEnc[cp[b]] = UInt8(b) }
        }
        cp1258 = cp
        cp1258Encode = cpEnc

        var t = cp1252
        var tEnc: [UInt32: UInt8] = [:]
        var tcvnBytes = Set<UInt8>()
        for (byte, scalar) in LegacyTables.tcvn3 {
            t[Int(byte)] = scalar.value
            tEnc[scalar.value] = byte
            tcvnBytes.insert(byte)
        }
        for b in 0x80..<256 where !tcvnBytes.contains(UInt8(b)) && tEnc[cp1252[b]] == nil && !LegacyCodec.isLetter(cp1252[b]) {
            tEnc[cp1252[b]] = UInt8(b)
        }
        tcvn3 = t
        tcvn3Encode = tEnc

        // VNI: singles and pairs from the table, then case-mismatched pairs.
        var single = cp1252
        var rowOf = [Int16](repeating: -1, count: 256)
        var pairs: [UInt32] = []
        var vEnc: [UInt32: [UInt8]] = [:]
        var letterBytes = Set<UInt8>()
        func row(_ base: UInt8) -> Int {
            if rowOf[Int(base)] < 0 {
                rowOf[Int(base)] = Int16(pairs.count / 256)
                pairs += [UInt32](repeating: 0, count: 256)
            }
            return Int(rowOf[Int(base)])
        }
        for (scalar, bytes) in LegacyTables.vni {
            vEnc[scalar.value] = bytes
            if bytes.count == 1 {
                single[Int(bytes[0])] = scalar.value
                letterBytes.insert(bytes[0])
            } else if bytes.count == 2 {
                pairs[row(bytes[0]) * 256 + Int(bytes[1])] = scalar.value
                if bytes[0] >= 0x80 { letterBytes.insert(bytes[0]) }
                letterBytes.insert(bytes[1])
            }
        }
        for (scalar, bytes) in LegacyTables.vni where bytes.count == 2 {
            // The same letter in the other case, and its encoding.
            let props = scalar.properties
            let other = (props.isUppercase ? props.lowercaseMapping : props.uppercaseMapping).unicodeScalars
            guard other.count == 1, let o = other.first, let otherBytes = vEnc[o.value], otherBytes.count == 2 else { continue }
            // Base of this case + modifier of the other case → this letter.
            let slot = row(bytes[0]) * 256 + Int(otherBytes[1])
            if pairs[slot] == 0 { pairs[slot] = scalar.value }
        }
        for b in 0x80..<256 where !letterBytes.contains(UInt8(b)) && vEnc[cp1252[b]] == nil && !LegacyCodec.isLetter(cp1252[b]) {
            vEnc[cp1252[b]] = [UInt8(b)]
        }
        vniSingle = single
        vniPairRow = rowOf
        vniPairs = pairs
        vniLetterBytes = letterBytes
        vniEncode = vEnc
    }

    /// Whether a Windows-1252 character is a letter. Letters are never encoded through the
    /// Windows-1252 fallback of TCVN3 and VNI: the fonts of those encodings do not draw
    /// "Á" or "ß" at those bytes, so writing them would produce wrong letters.
    static func isLetter(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v) else { return false }
        return scalar.properties.isAlphabetic
    }

    /// Windows-1258 bytes for one scalar: the code page's own byte, or letter + tone byte.
    func encodeCP1258(_ v: UInt32) -> [UInt8]? {
        if let b = cp1258Encode[v] { return [b] }
        guard let info = Letters.info(v), info.tone != 0,
              let base = Letters.compose(letter: info.letter, tone: 0, upper: info.upper) else { return nil }
        let baseByte: UInt8
        if base.value < 0x80 { baseByte = UInt8(base.value) } else if let b = cp1258Encode[base.value] { baseByte = b } else { return nil }
        let toneBytes: [UInt8] = [0, 0xCC, 0xD2, 0xDE, 0xEC, 0xF2]
        return [baseByte, toneBytes[Int(info.tone)]]
    }
}
