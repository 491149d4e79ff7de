/// What `EncodingDetector` decided about some bytes or text.
public enum DetectedEncoding: Hashable, Sendable, CustomStringConvertible {
    /// Only ASCII: every encoding reads it the same way; nothing is ever converted.
    case ascii
    /// UTF-8 bytes (with or without BOM), or — for `detect(text:)` — text that is already
    /// proper Unicode.
    case utf8
    /// Bytes in one of the legacy 8-bit encodings.
    case legacy(LegacyEncoding)
    /// UTF-8 whose characters are legacy bytes read as Latin-1 / Windows-1252 (a TCVN3 file
    /// opened as Latin-1 and saved as UTF-8: "Ph¹m V¨n" for "Phạm Văn"). Decode UTF-8, turn
    /// each character back into its byte and decode that with the legacy encoding.
    case legacyInLatin1(LegacyEncoding)

    public var description: String {
        switch self {
        case .ascii: return "ASCII"
        case .utf8: return "UTF-8"
        case .legacy(let e): return e.displayName
        case .legacyInLatin1(let e): return "\(e.displayName) (đọc nhầm thành Latin-1 trong UTF-8)"
        }
    }
}

/// The outcome of a detection: the chosen encoding and the score of every candidate tried
/// (higher = more like Vietnamese; useful in diagnostics and tests).
public struct EncodingDetection: Sendable, Equatable {
    public let encoding: DetectedEncoding
    public let scores: [DetectedEncoding: Int]
}

/// Guesses the encoding of Vietnamese text by decoding it every plausible way and scoring how
/// Vietnamese each result looks.
///
/// The score (`vietnameseScore`) splits the text into words and, for every word that has a
/// non-ASCII letter, checks that it is a possible Vietnamese syllable: an initial consonant
/// (b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x or none), a vowel nucleus
/// from the list of Vietnamese vowel clusters (a, oa, uyê, ươi …), a final (c ch m n ng nh p t
/// or none), at most one tone mark, placed on a vowel, and no huyền/hỏi/ngã before a final
/// p, t, c or ch. A plausible word scores +3 and an implausible one −3; Latin-1 symbols that
/// mis-decoded legacy text is full of ("¸", "¹", "µ", soft hyphen …) score −2 and control
/// characters −4. Words of plain ASCII score nothing, so English or numbers never tip the
/// balance, and text that is entirely ASCII is reported as `.ascii` and never converted.
///
/// Proper UTF-8 gets a +1 head start, so on a tie (for example "Hà Tú", which reads as
/// Vietnamese both as Unicode and as TCVN3 bytes read as Latin-1) nothing is converted.
/// Among legacy encodings ties go to TCVN3, then VNI, then Windows-1258.
///
/// Detection looks at the first `sampleLimit` bytes (or characters). For files that mix
/// encodings line by line, detect per line or per field.
public enum EncodingDetector {
    /// The default amount of input examined.
    public static let defaultSampleLimit = 65_536

    static let legacyPreference: [LegacyEncoding] = [.tcvn3, .vni, .windows1258]

    // MARK: Bytes

    /// Detects the encoding of raw file bytes.
    public static func detect<Bytes: Collection>(_ bytes: Bytes, sampleLimit: Int = defaultSampleLimit) -> EncodingDetection
        where Bytes.Element == UInt8 {
        let limit = max(sampleLimit, 16)
        var sample = Array(bytes.prefix(limit))
        if sample.count == limit && bytes.dropFirst(limit).first != nil { trimIncompleteUTF8(&sample) }
        var bom = false
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { bom = true; sample.removeFirst(3) }
        if !bom && sample.allSatisfy({ $0 < 0x80 }) { return EncodingDetection(encoding: .ascii, scores: [.ascii: 0]) }

        var scores: [DetectedEncoding: Int] = [:]
        if bom || isValidUTF8(sample) {
            let text = Vietnamese.nfc(String(decoding: sample, as: UTF8.self))
            if !bom && text.unicodeScalars.allSatisfy({ $0.value < 0x80 }) {
                return EncodingDetection(encoding: .ascii, scores: [.ascii: 0])
            }
            addLatin1Candidates(text, utf8Score: vietnameseScore(text) + 1, &scores)
        } else {
            for encoding in legacyPreference {
                if let text = try? encoding.decode(sample) { scores[.legacy(encoding)] = vietnameseScore(text) }
            }
        }
        return EncodingDetection(encoding: best(scores), scores: scores)
    }

    /// Decodes a whole file: detects the encoding on a sample, then decodes everything with
    /// it and returns NFC text. UTF-8 BOMs are removed. Never throws: if the chosen
    /// Windows-1258 meets an undefined byte beyond the sample, the next best candidate is used
    /// (TCVN3 and VNI decode every byte); invalid UTF-8 beyond the sample becomes U+FFFD —
    /// callers that must report bad bytes should validate UTF-8 themselves.
    public static func decode<Bytes: Collection>(_ bytes: Bytes, sampleLimit: Int = defaultSampleLimit)
        -> (text: String, detection: EncodingDetection) where Bytes.Element == UInt8 {
        let detection = detect(bytes, sampleLimit: sampleLimit)
        var body = Array(bytes)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        switch detection.encoding {
        case .ascii:
            return (String(decoding: body, as: UTF8.self), detection)
        case .utf8:
            return (Vietnamese.nfc(String(decoding: body, as: UTF8.self)), detection)
        case .legacyInLatin1(let encoding):
            let text = Vietnamese.nfc(String(decoding: body, as: UTF8.self))
            if let latin1 = latin1Bytes(text), let decoded = try? encoding.decode(latin1) { return (decoded, detection) }
            return (text, EncodingDetection(encoding: .utf8, scores: detection.scores))
        case .legacy:
            let ranked = detection.scores.sorted { l, r in
                l.value != r.value ? l.value > r.value : rank(l.key) < rank(r.key)
            }
            for (candidate, _) in ranked {
                guard case .legacy(let encoding) = candidate, let text = try? encoding.decode(body) else { continue }
                return (text, EncodingDetection(encoding: candidate, scores: detection.scores))
            }
            // Unreachable in practice (TCVN3 decodes every byte); keep a total function.
            let text = (try? LegacyEncoding.tcvn3.decode(body)) ?? String(decoding: body, as: UTF8.self)
            return (text, EncodingDetection(encoding: .legacy(.tcvn3), scores: detection.scores))
        }
    }

    // MARK: Text

    /// Detects whether already-decoded text is proper Unicode or legacy bytes read as
    /// Latin-1 / Windows-1252 (`.legacyInLatin1`). Text that has any character outside
    /// Latin-1 and Windows-1252 (after NFC) is always `.utf8`; pure ASCII is `.ascii`.
    public static func detect(text: String, sampleLimit: Int = defaultSampleLimit) -> EncodingDetection {
        var sample = text
        if text.utf8.count > sampleLimit {
            sample = String(text.unicodeScalars.prefix(max(sampleLimit, 16)))
        }
        if sample.utf8.allSatisfy({ $0 < 0x80 }) { return EncodingDetection(encoding: .ascii, scores: [.ascii: 0]) }
        let nfc = Vietnamese.nfc(sample)
        var scores: [DetectedEncoding: Int] = [:]
        addLatin1Candidates(nfc, utf8Score: vietnameseScore(nfc) + 1, &scores)
        return EncodingDetection(encoding: best(scores), scores: scores)
    }

    /// The text converted when `detect(text:)` finds legacy bytes read as Latin-1; otherwise
    /// the text unchanged. "Ph¹m V¨n Long" → "Phạm Văn Long"; "Phạm Văn Long" stays.
    public static func repair(_ text: String) -> String {
        guard case .legacyInLatin1(let encoding) = detect(text: text).encoding,
              let bytes = latin1Bytes(Vietnamese.nfc(text)),
              let decoded = try? encoding.decode(bytes) else { return text }
        return decoded
    }

    // MARK: Scoring

    /// How Vietnamese the text looks (see the type's documentation); 0 for pure ASCII.
    public static func vietnameseScore(_ text: String) -> Int {
        var score = 0
        var word = WordState()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if let info = Letters.info(v) {
                word.addLetter(info, nonASCII: v >= 0x80)
                continue
            }
            if Letters.isCombining(scalar) {
                word.addMark(v)
                continue
            }
            if v >= 0x80 && scalar.properties.isAlphabetic {
                word.foreign = true
                word.nonASCII = true
                continue
            }
            score += word.finish()
            switch v {
            case 0x09, 0x0A, 0x0D: break
            case 0..<0x20, 0x7F...0x9F, 0xFFFD: score -= 4
            case 0xA1...0xBF, 0xD7, 0xF7: score -= 2
            default: break
            }
        }
        score += word.finish()
        return score
    }

    struct WordState {
        var letters: [UInt8] = []
        var tones = 0
        var tone: UInt8 = 0
        var nonASCII = false
        var foreign = false
        var misplacedMark = false

        mutating func addLetter(_ info: Letters.Info, nonASCII: Bool) {
            letters.append(info.letter)
            if info.tone != 0 { tones += 1; tone = info.tone }
            if nonASCII { self.nonASCII = true }
        }

        mutating func addMark(_ v: UInt32) {
            nonASCII = true
            guard let last = letters.last else { misplacedMark = true; return }
            if let t = Letters.toneOfCombining(v) {
                if !Letters.isVowel(last) { misplacedMark = true }
                tones += 1
                tone = t
            } else if let shaped = Letters.applyShape(v, to: last) {
                letters[letters.count - 1] = shaped
            } else {
                misplacedMark = true
            }
        }

        /// Score of the finished word, and reset.
        mutating func finish() -> Int {
            defer { self = WordState() }
            guard nonASCII else { return 0 }
            if foreign || misplacedMark || tones > 1 || letters.isEmpty { return -3 }
            return Syllable.isPlausible(letters, tone: tone) ? 3 : -3
        }
    }

    // MARK: Helpers

    /// Adds the `.utf8` candidate and, when the text is made of Latin-1 / Windows-1252
    /// characters with at least one non-ASCII, the `.legacyInLatin1` candidates.
    static func addLatin1Candidates(_ text: String, utf8Score: Int, _ scores: inout [DetectedEncoding: Int]) {
        scores[.utf8] = utf8Score
        guard let bytes = latin1Bytes(text), bytes.contains(where: { $0 >= 0x80 }) else { return }
        for encoding in legacyPreference {
            if let decoded = try? encoding.decode(bytes) { scores[.legacyInLatin1(encoding)] = vietnameseScore(decoded) }
        }
    }

    /// Each character as the byte Latin-1 (or, for the 27 extra characters, Windows-1252)
    /// gives it; nil when a character has no such byte.
    static func latin1Bytes(_ text: String) -> [UInt8]? {
        var unmapped = false
        let out = latin1Bytes(text) { _ in unmapped = true; return 0 }
        return unmapped ? nil : out
    }

    /// Each character as its Latin-1 / Windows-1252 byte; a character with no such byte
    /// becomes `replacement` (a streaming decoder cannot give up on a whole block).
    public static func latin1Bytes(_ text: String, replacingUnmappedWith replacement: UInt8) -> [UInt8] {
        latin1Bytes(text) { _ in replacement }
    }

    private static func latin1Bytes(_ text: String, unmapped: (Unicode.Scalar) -> UInt8) -> [UInt8] {
        let reverse = LegacyCodec.shared.cp1252Reverse
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v <= 0xFF { out.append(UInt8(v)) } else { out.append(reverse[v] ?? unmapped(scalar)) }
        }
        return out
    }

    static func rank(_ e: DetectedEncoding) -> Int {
        switch e {
        case .utf8: return 0
        case .ascii: return 1
        case .legacyInLatin1(let l), .legacy(let l): return 2 + (legacyPreference.firstIndex(of: l) ?? 9)
        }
    }

    static func best(_ scores: [DetectedEncoding: Int]) -> DetectedEncoding {
        var winner: (DetectedEncoding, Int)?
        for (candidate, score) in scores {
            if let w = winner, w.1 > score || (w.1 == score && rank(w.0) <= rank(candidate)) { continue }
            winner = (candidate, score)
        }
        return winner?.0 ?? .ascii
    }

    /// Drops a UTF-8 sequence cut off at the end of a sample.
    static func trimIncompleteUTF8(_ bytes: inout [UInt8]) {
        var j = bytes.count - 1
        var back = 0
        while j > 0 && bytes[j] & 0xC0 == 0x80 && back < 3 { j -= 1; back += 1 }
        guard j >= 0, j < bytes.count else { return }
        let lead = bytes[j]
        let need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        if need > bytes.count - j { bytes.removeLast(bytes.count - j) }
    }

    /// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF).
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let need: Int
            let min: UInt32
            var v: UInt32
            switch b {
            case 0xC2...0xDF: need = 1; min = 0x80; v = UInt32(b & 0x1F)
            case 0xE0...0xEF: need = 2; min = 0x800; v = UInt32(b & 0x0F)
            case 0xF0...0xF4: need = 3; min = 0x10000; v = UInt32(b & 0x07)
            default: return false
            }
            guard i + need < n else { return false }
            for k in 1...need {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return false }
                v = v << 6 | UInt32(c & 0x3F)
            }
            if v < min || v > 0x10FFFF || (0xD800...0xDFFF).contains(v) { return false }
            i += need + 1
        }
        return true
    }
}

/// Structure of a Vietnamese syllable, for detection only (not a spelling checker).
enum Syllable {
    private static func word(_ s: String) -> [UInt8] {
        s.unicodeScalars.map { scalar in UInt8(Letters.alphabet.firstIndex(of: scalar) ?? 0) }
    }

    /// Initial consonants, longest first.
    static let initials: [[UInt8]] = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
                                      "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""].map(word)
    static let finals: [[UInt8]] = ["ng", "nh", "ch", "c", "m", "n", "p", "t", ""].map(word)
    static let stopFinals: Set<[UInt8]> = Set(["c", "ch", "p", "t"].map(word))
    /// Vowel nuclei (with glides) of Vietnamese rhymes.
    static let nuclei: Set<[UInt8]> = Set([
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi",
        "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê",
        "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uyê", "uya", "uyu",
    ].map(word))

    /// Whether the base letters (lower-case alphabet indices) and tone make a possible syllable.
    static func isPlausible(_ letters: [UInt8], tone: UInt8) -> Bool {
        if letters.contains(where: { $0 >= 29 }) { return false }  // f j w z
        for initial in initials where letters.starts(with: initial) {
            let rest = letters[initial.count...]
            for final in finals where final.count <= rest.count && rest.suffix(final.count).elementsEqual(final) {
                let nucleus = Array(rest.dropLast(final.count))
                guard nuclei.contains(nucleus) else { continue }
                if tone == 1 || tone == 2 || tone == 3, stopFinals.contains(final) { continue }
                return true
            }
        }
        return false
    }
}
