import Foundation
import Vietnamese

/// Choices a user can force; everything left nil is detected.
public struct CSVOptions: Sendable {
    /// Forced encoding (`--encoding`); nil = BOM, then UTF-8 validity, then legacy detection.
    public var encoding: TextEncoding?
    /// Forced delimiter (`--delimiter`); nil = detected among comma, semicolon and tab.
    public var delimiter: UInt8?
    /// How "1.234" is read when it could be either; nil = Vietnamese unless the file is
    /// comma-separated (a comma-separated file cannot use the decimal comma unquoted).
    public var numberConvention: VietnameseNumber.Convention?
    /// Errors listed before reading stops.
    public var errorLimit: Int = 100
    /// One record may hold at most this many bytes (a quote that never closes must not eat
    /// the memory of a 1 GB export).
    public var maxRecordBytes: Int = 64 << 20
    /// Bytes read per block.
    public var blockSize: Int = 1 << 20
    /// How many leading records may be a title above the header (dataset mode only).
    public var headerSearchRecords: Int = 20

    public init(encoding: TextEncoding? = nil, delimiter: UInt8? = nil,
                numberConvention: VietnameseNumber.Convention? = nil) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.numberConvention = numberConvention
    }
}

/// What the reader found out about a file before reading its rows.
public struct CSVDetection: Sendable, Hashable {
    public var encoding: TextEncoding
    /// UTF-8 whose characters are legacy bytes read as Latin-1 (TCVN3 saved through a Latin-1
    /// program): decoded twice.
    public var legacyInsideUTF8: LegacyEncoding?
    public var bom: Bool
    /// Whether the encoding was forced by the caller.
    public var encodingForced: Bool
    public var delimiter: UInt8
    public var delimiterForced: Bool
    public var numberConvention: VietnameseNumber.Convention

    /// "UTF-8 (có BOM)", "TCVN3 (ABC)", "TCVN3 (ABC) trong UTF-8 (đọc nhầm thành Latin-1)".
    public var encodingDescription: String {
        var s = encoding.legacy?.displayName ?? encoding.rawValue.uppercased()
        if let inner = legacyInsideUTF8 { s = "\(inner.displayName) trong UTF-8 (đã đọc nhầm thành Latin-1)" }
        if bom { s += " (có BOM)" }
        return s
    }

    /// "dấu phẩy (,)", "dấu chấm phẩy (;)", "tab".
    public var delimiterDescription: String { CSVDetection.describe(delimiter: delimiter) }

    public static func describe(delimiter: UInt8) -> String {
        switch delimiter {
        case UInt8(ascii: ","): return "dấu phẩy (,)"
        case UInt8(ascii: ";"): return "dấu chấm phẩy (;)"
        case 0x09: return "tab"
        case UInt8(ascii: "|"): return "gạch đứng (|)"
        default: return "«\(Character(Unicode.Scalar(delimiter)))»"
        }
    }
}

/// The outcome of reading a CSV file.
public struct CSVSummary: Sendable {
    public var file: String
    public var detection: CSVDetection
    public var columns: [CSVColumn]
    /// Line of the header record.
    public var headerLine: Int
    public var dataRows: Int
    public var blankRows: Int
    /// Text values a spreadsheet would take for a formula (kept as text).
    public var formulaLikeValues: Int
    /// Errors and warnings, in file order.
    public var issues: [IngestIssue]
    public var unlistedErrors: Int
    /// Reading stopped before the end (too many errors, a quote that never closes).
    public var stoppedEarly: Bool

    public var errors: [IngestIssue] { issues.filter { $0.severity == .error } }
    public var warnings: [IngestIssue] { issues.filter { $0.severity == .warning } }
    public var hasErrors: Bool { unlistedErrors > 0 || issues.contains { $0.severity == .error } }

    /// Throws the file's errors (and warnings) together when it has any error.
    public func check() throws(IngestError) {
        if hasErrors { throw IngestError(file: file, issues: issues, unlistedErrors: unlistedErrors) }
    }
}

/// One data row, valid only inside the callback that receives it.
///
/// Columns are addressed by their index in the dataset (`CSVDataset.columns`), or — for a
/// plain dataset — by their index in the file (0-based). Text is NFC.
public struct CSVRow {
    let record: CSVRecordView
    let reader: CSVReaderState
    /// 1-based physical line where the row starts.
    public let line: Int
    /// 1-based index among the data rows.
    public let row: Int

    init(record: CSVRecordView, reader: CSVReaderState, line: Int, row: Int) {
        self.record = record
        self.reader = reader
        self.line = line
        self.row = row
    }

    /// Number of columns the row is read against.
    public var count: Int { reader.slots.count }

    /// The UTF-8 bytes of a column (NFC; empty when the row is short or the column absent).
    public func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8> {
        reader.fieldBytes(record, reader.slots[column])
    }

    /// The text of a column (NFC, untrimmed).
    public func text(_ column: Int) -> String {
        String(decoding: bytes(column), as: UTF8.self)
    }

    /// The typed value of a column: per the dataset's type, or inferred for plain datasets.
    public func value(_ column: Int) -> CSVValue {
        reader.value(record, column)
    }

    /// Whether every column's value is inferred from its text (a plain dataset): then
    /// `value(c)` is `CSVValue.inferred(bytes(c), convention:)`, which any thread may compute.
    public var valuesAreInferred: Bool { reader.types.allSatisfy { $0 == .inferred } }

    /// The number convention values are read with.
    public var convention: VietnameseNumber.Convention { reader.convention }

    /// The kind of `value(column)`, without building the value (no text is copied).
    public func kind(_ column: Int) -> CSVValue.Kind {
        reader.kind(record, column)
    }

    /// The text of the file's field at `index` (0-based, NFC), whatever it maps to.
    public func fileText(_ index: Int) -> String {
        reader.fieldString(record, index)
    }

    /// Number of fields the record has in the file.
    public var fileFieldCount: Int { record.count }

    /// Extra fields beyond the header (a ragged row), as text.
    public var extraFields: [String] {
        let n = reader.fileColumnCount
        guard record.count > n else { return [] }
        return (n..<record.count).map { reader.fieldString(record, $0) }
    }
}

/// Internal state shared with `CSVRow`.
final class CSVReaderState {
    /// For each addressable column, the file field index (-1 = absent).
    var slots: [Int] = []
    var types: [ColumnType] = []
    var fileColumnCount = 0
    var convention: VietnameseNumber.Convention = .vietnamese
    /// NFC copies of the current record's fields, when some field needed normalising:
    /// one buffer owned here, fields delimited by `normalizedEnds`.
    var normalizedActive = false
    private let store = ByteBuffer(capacity: 4096)
    private var normalizedEnds: [Int] = []

    /// Replaces the record's fields by their NFC forms (for this record only).
    func normalize(_ record: CSVRecordView) {
        normalizedEnds.removeAll(keepingCapacity: true)
        store.removeAll()
        for i in 0..<record.count {
            var utf8 = Vietnamese.nfc(record.string(i))
            utf8.withUTF8 { p in
                if let b = p.baseAddress { store.append(b, count: p.count) }
            }
            normalizedEnds.append(store.count)
        }
        normalizedActive = true
    }
    /// Parsed values of typed columns for the current row.
    var parsed: [CSVValue] = []

    func fieldBytes(_ record: CSVRecordView, _ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index >= 0 && index < record.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        if normalizedActive {
            let start = index == 0 ? 0 : normalizedEnds[index - 1]
            return UnsafeBufferPointer(start: store.base + start, count: normalizedEnds[index] - start)
        }
        return record.field(index)
    }

    func fieldString(_ record: CSVRecordView, _ index: Int) -> String {
        String(decoding: fieldBytes(record, index), as: UTF8.self)
    }

    func value(_ record: CSVRecordView, _ column: Int) -> CSVValue {
        switch types[column] {
        case .text:
            let b = fieldBytes(record, slots[column])
            return b.isEmpty ? .empty : .text(String(decoding: b, as: UTF8.self))
        case .inferred:
            return CSVReaderState.infer(fieldBytes(record, slots[column]), convention: convention)
        case .integer, .number, .date:
            return parsed[column]
        }
    }

    func kind(_ record: CSVRecordView, _ column: Int) -> CSVValue.Kind {
        switch types[column] {
        case .text:
            return fieldBytes(record, slots[column]).isEmpty ? .empty : .text
        case .inferred:
            let b = fieldBytes(record, slots[column])
            if b.isEmpty { return .empty }
            let first = b[0]
            if (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: "-") || first == 0x20 {
                if let n = NumberScanner.scan(b, convention: convention, strict: false) {
                    if n.percent { return .percent }
                    return !n.hasFraction && n.integer != nil ? .integer : .number
                }
                if DateScanner.scan(b) != nil { return .date }
            }
            return .text
        case .integer, .number, .date:
            return parsed[column].kind
        }
    }

    static func infer(_ b: UnsafeBufferPointer<UInt8>, convention: VietnameseNumber.Convention) -> CSVValue {
        if b.isEmpty { return .empty }
        let first = b[0]
        if (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: "-") || first == 0x20 {
            if let n = NumberScanner.scan(b, convention: convention, strict: false) {
                if n.percent { return .percent(n.value) }
                if !n.hasFraction, let i = n.integer { return .integer(i) }
                return .number(n.value)
            }
            if let d = DateScanner.scan(b) { return .date(d) }
        }
        return .text(String(decoding: b, as: UTF8.self))
    }
}

/// Reads a CSV export in any encoding offices produce, streaming: a 1 GB file never sits in
/// memory (one block and one record at a time).
///
/// The file is checked as it is read: encoding, quoting, ragged rows, header, values. Every
/// problem is collected with its location (up to `errorLimit`); `read` hands good rows to the
/// caller as they come and throws all errors together at the end, so a caller writing output
/// must write to a temporary file and keep it only when `read` returns (`AtomicOutput` does).
public enum CSVReader {
    /// Reads every data row. `header` is called once, before the first row, with the columns
    /// of the file. Throws `IngestError` (every error of the file) when the file has errors;
    /// errors thrown by the callbacks are passed through unchanged.
    @discardableResult
    public static func read(path: String, displayName: String? = nil, dataset: CSVDataset = .plain,
                            options: CSVOptions = CSVOptions(),
                            header: ([CSVColumn]) throws -> Void = { _ in },
                            row: (borrowing CSVRow) throws -> Void) throws -> CSVSummary {
        var pass = try CSVPass(path: path, displayName: displayName, dataset: dataset, options: options)
        let summary = try pass.run(header: header, row: row)
        try summary.check()
        return summary
    }

    /// Reads the whole file and reports what was found, without throwing for data errors
    /// (`tdkt csv`). Only an unreadable file throws.
    public static func inspect(path: String, displayName: String? = nil, dataset: CSVDataset = .plain,
                               options: CSVOptions = CSVOptions(),
                               row: (borrowing CSVRow) throws -> Void = { _ in },
                               header: ([CSVColumn]) throws -> Void = { _ in }) throws -> CSVSummary {
        var pass = try CSVPass(path: path, displayName: displayName, dataset: dataset, options: options)
        pass.deliverAfterErrors = true
        return try pass.run(header: header, row: row)
    }

    /// A small file read whole into typed rows (unit lists, catalogues). Throws on any error.
    public static func table(path: String, displayName: String? = nil, dataset: CSVDataset = .plain,
                             options: CSVOptions = CSVOptions()) throws -> CSVTable {
        var rows: [[CSVValue]] = []
        var lines: [Int] = []
        let summary = try read(path: path, displayName: displayName, dataset: dataset, options: options) { r in
            rows.append((0..<r.count).map { r.value($0) })
            lines.append(r.line)
        }
        return CSVTable(summary: summary, rows: rows, lines: lines)
    }
}

/// A whole file of typed rows.
public struct CSVTable: Sendable {
    public var summary: CSVSummary
    public var rows: [[CSVValue]]
    /// The physical line of each row.
    public var lines: [Int]
}

// MARK: - One pass over a file

struct CSVPass {
    let path: String
    let file: String
    let dataset: CSVDataset
    let options: CSVOptions
    let fd: Int32
    var detection: CSVDetection
    let state = CSVReaderState()

    var issues: [IngestIssue] = []
    var errorCount = 0
    var unlisted = 0
    var stopped = false
    var columns: [CSVColumn] = []
    var headerLine = 0
    var headerDone = false
    var recordsBeforeHeader: [[String]] = []
    var firstRecord: (fields: [String], line: Int)?
    var dataRows = 0
    var blankRows = 0
    var formulaLike = 0
    var textColumnsForFormulaCount: [Int] = []
    /// Hand rows to the caller even after an error (inspection); otherwise rows stop at the
    /// first error, since nothing will be written from the file anyway.
    var deliverAfterErrors = false
    /// Stream offset of the last character that may not be NFC (-1: none; legacy decoders
    /// produce NFC). Records starting after it skip the NFC check.
    var suspicious = -1

    private var firstBlock: [UInt8] = []

    init(path: String, displayName: String?, dataset: CSVDataset, options: CSVOptions) throws(IngestError) {
        self.path = path
        self.file = displayName ?? path
        self.dataset = dataset
        self.options = options
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let reason = String(cString: strerror(errno))
            throw IngestError(file: displayName ?? path, issues: [IngestIssue(
                .unreadableFile, at: SourceLocation(file: displayName ?? path),
                message: "Không mở được tệp (\(reason)). Kiểm tra đường dẫn và quyền đọc.")])
        }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw IngestError(file: displayName ?? path, issues: [IngestIssue(
                .unreadableFile, at: SourceLocation(file: displayName ?? path),
                message: "Đây là một thư mục, không phải tệp CSV. Hãy chỉ ra một tệp .csv hoặc .txt.")])
        }
        self.fd = fd
        // Placeholder; replaced by detect().
        detection = CSVDetection(encoding: .utf8, legacyInsideUTF8: nil, bom: false, encodingForced: false,
                                 delimiter: 0x2C, delimiterForced: false, numberConvention: .vietnamese)
        firstBlock = try readBlock(max: max(options.blockSize, 1 << 16))
        detect()
    }

    // MARK: Reading

    private func readBlock(max: Int) throws(IngestError) -> [UInt8] {
        // Read straight into the array's storage: no zero-filling of a megabyte first.
        var failure: Int32 = 0
        let buffer = [UInt8](unsafeUninitializedCapacity: max) { p, count in
            var filled = 0
            while filled < max {
                let n = Foundation.read(fd, p.baseAddress! + filled, max - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                filled += n
            }
            count = filled
        }
        if failure != 0 {
            let reason = String(cString: strerror(failure))
            throw IngestError(file: file, issues: [IngestIssue(
                .unreadableFile, at: SourceLocation(file: file),
                message: "Lỗi khi đọc tệp (\(reason)).")])
        }
        return buffer
    }

    // MARK: Detection

    private mutating func detect() {
        var encoding = options.encoding
        var bom = false
        var bomLength = 0
        firstBlock.withUnsafeBufferPointer { p in
            if let (e, n) = TextEncoding.fromBOM(p) {
                bom = true
                bomLength = n
                if encoding == nil { encoding = e }
            }
        }
        var inner: LegacyEncoding?
        // (The first block itself when it has no BOM: shared, not copied.)
        let sample = bomLength == 0 && firstBlock.count <= 1 << 20 ? firstBlock : Array(firstBlock[bomLength...].prefix(1 << 20))
        if encoding == nil {
            (encoding, inner) = CSVPass.guessEncoding(sample)
        } else if encoding == .utf8, options.encoding == nil {
            inner = CSVPass.latin1Wrapped(sample)
        }
        let enc = encoding ?? .utf8
        // The delimiter is looked for in the first lines, as UTF-8.
        var utf8Sample: [UInt8] = []
        switch enc {
        case .utf8: utf8Sample = Array(sample.prefix(65_536))
        case .utf16LE, .utf16BE:
            var conv = UTF16ToUTF8(bigEndian: enc == .utf16BE)
            sample.prefix(131_072).withUnsafeBufferPointer { conv.convert($0, into: &utf8Sample) }
        case .windows1258, .tcvn3, .vni:
            // ASCII delimiters are the same bytes in every legacy encoding.
            utf8Sample = Array(sample.prefix(65_536))
        }
        let delimiter = options.delimiter ?? utf8Sample.withUnsafeBufferPointer { DelimiterDetector.detect($0) }
        let convention = options.numberConvention ?? (delimiter == UInt8(ascii: ",") ? .english : .vietnamese)
        detection = CSVDetection(encoding: enc, legacyInsideUTF8: inner, bom: bom,
                                 encodingForced: options.encoding != nil, delimiter: delimiter,
                                 delimiterForced: options.delimiter != nil, numberConvention: convention)
        state.convention = convention
    }

    /// No BOM: UTF-8 when the multi-byte sequences are mostly valid (a UTF-8 file with a pasted
    /// legacy line stays UTF-8 and the line is reported); otherwise the legacy encoding whose
    /// decoding looks most Vietnamese. Pure ASCII is UTF-8.
    static func guessEncoding(_ sample: [UInt8]) -> (TextEncoding, LegacyEncoding?) {
        var valid = 0, invalid = 0
        sample.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            let n = p.count
            var i = 0
            while i < n {
                // A clear verdict early (many valid sequences, none broken) is the verdict of
                // the whole sample; a mixed file goes on to be weighed in full.
                if i >= 65_536 && invalid == 0 && valid >= 64 { break }
                // ASCII eight bytes at a time.
                while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                guard i < n else { break }
                let b = base[i]
                if b < 0x80 { i += 1; continue }
                let len = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
                if len == 0 { invalid += 1; i += 1; continue }
                if i + len > n { break }  // cut by the sample's end
                let ok = switch len {
                case 2: base[i + 1] & 0xC0 == 0x80
                case 3: base[i + 1] & 0xC0 == 0x80 && base[i + 2] & 0xC0 == 0x80
                default: base[i + 1] & 0xC0 == 0x80 && base[i + 2] & 0xC0 == 0x80 && base[i + 3] & 0xC0 == 0x80
                }
                if ok { valid += 1; i += len } else { invalid += 1; i += 1 }
            }
        }
        if invalid == 0 { return (.utf8, latin1Wrapped(sample)) }
        if valid >= invalid { return (.utf8, nil) }
        switch EncodingDetector.detect(sample).encoding {
        case .legacy(let e): return (TextEncoding(e), nil)
        default: return (.windows1258, nil)
        }
    }

    static func latin1Wrapped(_ sample: [UInt8]) -> LegacyEncoding? {
        guard sample.contains(where: { $0 >= 0x80 }) else { return nil }
        // A letter of Latin Extended Additional (U+1E00–U+1EFF: ạ ả ấ … ỹ, bytes E1 B8–BB) has
        // no Latin-1 or Windows-1252 byte, before or after NFC, so legacy text read as Latin-1
        // cannot hold one: genuine Vietnamese Unicode is known at the first such letter within
        // the part of the sample the detector reads (its first `defaultSampleLimit` characters,
        // which span at least as many bytes).
        let scanned = min(sample.count, EncodingDetector.defaultSampleLimit)
        var i = 0
        while i + 1 < scanned {
            if sample[i] == 0xE1, sample[i + 1] >= 0xB8, sample[i + 1] <= 0xBB { return nil }
            i += 1
        }
        // The detector reads at most `defaultSampleLimit` characters: 4 bytes each at most.
        let needed = EncodingDetector.defaultSampleLimit * 4 + 4
        var end = min(sample.count, needed)
        if end < sample.count {
            while end > 0 && sample[end] & 0xC0 == 0x80 { end -= 1 }   // a character's first byte
        }
        let text = String(decoding: sample[..<end], as: UTF8.self)
        if case .legacyInLatin1(let e) = EncodingDetector.detect(text: text).encoding { return e }
        return nil
    }

    // MARK: The pass

    mutating func run(header: ([CSVColumn]) throws -> Void,
                      row: (borrowing CSVRow) throws -> Void) throws -> CSVSummary {
        let fd = self.fd
        defer { close(fd) }
        var tokenizer = CSVTokenizer(delimiter: detection.delimiter)
        let bomLength = detection.bom ? (detection.encoding == .utf8 ? 3 : 2) : 0
        var validator = UTF8Validator(startOffset: bomLength)
        var utf16 = UTF16ToUTF8(bigEndian: detection.encoding == .utf16BE, startOffset: bomLength)
        var legacyCarry: [UInt8] = []
        var legacyOffset = bomLength     // file offset of legacyCarry[0]
        var legacyLine = 1
        var converted: [UInt8] = []
        converted.reserveCapacity(options.blockSize * 2)

        var block = firstBlock
        firstBlock = []
        if bomLength > 0 { block.removeFirst(bomLength) }
        var atEnd = false
        while !stopped {
            if block.isEmpty {
                block = try readBlock(max: options.blockSize)
                if block.isEmpty { atEnd = true }
            }
            // Transcode the block to UTF-8 (or pass it through).
            switch detection.encoding {
            case .utf8 where detection.legacyInsideUTF8 == nil:
                block.withUnsafeBufferPointer { validator.scan($0) }
                if atEnd { validator.finish() }
                suspicious = validator.lastSuspicious < 0 ? -1 : validator.lastSuspicious - bomLength
                try feed(&tokenizer, block, header: header, row: row)
            case .utf16LE, .utf16BE:
                suspicious = Int.max
                converted.removeAll(keepingCapacity: true)
                block.withUnsafeBufferPointer { utf16.convert($0, into: &converted) }
                if atEnd { utf16.finish(into: &converted) }
                try feed(&tokenizer, converted, header: header, row: row)
            default:
                legacyCarry += block
                // Decode up to the last ASCII byte below "A" (never inside a letter in any of
                // the encodings), keep the rest for the next block.
                var cut = legacyCarry.count
                if !atEnd {
                    cut = 0
                    var k = legacyCarry.count - 1
                    while k >= 0 { if legacyCarry[k] < 0x41 { cut = k + 1; break }; k -= 1 }
                    if cut == 0 && legacyCarry.count > options.maxRecordBytes { cut = legacyCarry.count }
                }
                if cut > 0 {
                    converted.removeAll(keepingCapacity: true)
                    decodeLegacy(legacyCarry[..<cut], offset: legacyOffset, line: &legacyLine, validator: &validator,
                                 into: &converted)
                    legacyOffset += cut
                    legacyCarry.removeSubrange(..<cut)
                    try feed(&tokenizer, converted, header: header, row: row)
                }
            }
            block.removeAll(keepingCapacity: true)
            if tokenizer.pendingBytes > options.maxRecordBytes {
                addError(.recordTooLong, SourceLocation(file: file, line: tokenizer.pendingRecordLine, row: dataRows + 1),
                         message: "Một hàng dài hơn \(CSVPass.describeSize(options.maxRecordBytes)) — thường là một dấu ngoặc kép (\") mở mà không đóng. Kiểm tra dấu ngoặc kép ở dòng này.")
                stopped = true
            }
            if atEnd { break }
        }
        for (k, bad) in validator.invalid.enumerated() {
            let hint = k < 10 ? legacyHint(offset: bad.offset) : ""
            addError(.invalidByteSequence, SourceLocation(file: file, line: bad.line, byteOffset: bad.offset),
                     message: "Dòng \(bad.line) có byte không hợp lệ trong \(encodingName) (byte \(bad.offset))\(hint). Lưu lại tệp dưới dạng CSV UTF-8 hoặc sửa dòng này.")
        }
        for bad in utf16.invalid {
            addError(.invalidByteSequence, SourceLocation(file: file, line: bad.line, byteOffset: bad.offset),
                     message: "Dòng \(bad.line) có mã UTF-16 hỏng (byte \(bad.offset)). Lưu lại tệp từ Excel dưới dạng «Unicode Text» hoặc CSV UTF-8.")
        }
        if !stopped {
            if tokenizer.isInsideQuotes {
                addError(.unterminatedQuote, SourceLocation(file: file, line: tokenizer.pendingRecordLine, row: headerDone ? dataRows + 1 : nil),
                         message: "Dấu ngoặc kép (\") mở ở hàng bắt đầu từ dòng \(tokenizer.pendingRecordLine) không bao giờ đóng; các dòng từ đây đến cuối tệp không đọc được. Thêm dấu \" đóng hoặc bỏ dấu \" thừa.")
            } else {
                try tokenizer.finish { record in try handle(record, header: header, row: row) }
            }
        }
        if !headerDone {
            if let first = firstRecord {
                try finishHeader(first.fields, line: first.line, header: header)
            } else if issues.isEmpty {
                addError(.emptyFile, SourceLocation(file: file),
                         message: "Tệp trống: không có dòng tiêu đề và không có dữ liệu.")
            }
        }
        issues.sort { ($0.location.line ?? 0) < ($1.location.line ?? 0) }
        return CSVSummary(file: file, detection: detection, columns: columns, headerLine: headerLine,
                          dataRows: dataRows, blankRows: blankRows, formulaLikeValues: formulaLike,
                          issues: issues, unlistedErrors: unlisted, stoppedEarly: stopped)
    }

    private var encodingName: String {
        detection.encodingDescription
    }

    /// For a bad UTF-8 line: what the line would read as in the legacy encoding that looks
    /// most Vietnamese ("đọc theo Windows-1258: «4,Phạm Quốc Việt,…»").
    private func legacyHint(offset: Int) -> String {
        guard detection.encoding == .utf8, detection.legacyInsideUTF8 == nil else { return "" }
        let from = max(0, offset - 300)
        var buffer = [UInt8](repeating: 0, count: 600)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 600, off_t(from)) }
        guard n > 0 else { return "" }
        let bytes = buffer[..<n]
        let at = offset - from
        let start = bytes[..<min(at, n)].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let end = bytes[min(at, n)...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) ?? n
        guard start < end else { return "" }
        let line = Array(bytes[start..<end])
        guard case .legacy(let e) = EncodingDetector.detect(line).encoding, let text = try? e.decode(line) else {
            return " — có thể dòng này được dán vào từ một tệp mã Windows-1258/TCVN3/VNI"
        }
        let shown = text.count > 80 ? String(text.prefix(80)) + "…" : text
        return " — có vẻ dòng này được dán vào từ tệp mã \(e.displayName); đọc theo mã đó là: «\(shown)»"
    }

    private mutating func decodeLegacy(_ chunk: ArraySlice<UInt8>, offset: Int, line: inout Int,
                                       validator: inout UTF8Validator, into out: inout [UInt8]) {
        var bytes = Array(chunk)
        if let inner = detection.legacyInsideUTF8 {
            // UTF-8 first (validated), then each character back to its Latin-1 byte.
            bytes.withUnsafeBufferPointer { validator.scan($0) }
            let text = String(decoding: bytes, as: UTF8.self)
            let latin1 = EncodingDetector.latin1Bytes(text, replacingUnmappedWith: 0x3F)
            if let decoded = try? inner.decode(latin1) { out.append(contentsOf: decoded.utf8) }
            else { out.append(contentsOf: bytes) }
            return
        }
        guard let enc = detection.encoding.legacy else { return }
        while true {
            do {
                let text = try enc.decode(bytes)
                out.append(contentsOf: text.utf8)
                break
            } catch {
                // Windows-1258 has undefined bytes: report, replace, go on.
                let position = error.position ?? 0
                let safe = min(max(position, 0), bytes.count - 1)
                let badLine = line + bytes[..<safe].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                addError(.invalidByteSequence, SourceLocation(file: file, line: badLine, byteOffset: offset + safe),
                         message: "Byte 0x\(String(bytes[safe], radix: 16, uppercase: true)) không có trong bảng mã \(enc.displayName). Kiểm tra bảng mã của tệp (--encoding) hoặc sửa dòng này.")
                bytes[safe] = 0x3F
            }
        }
        line += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    static func describeSize(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(VietnameseNumber.format(bytes)) byte"
    }

    private mutating func feed(_ tokenizer: inout CSVTokenizer, _ bytes: [UInt8],
                               header: ([CSVColumn]) throws -> Void,
                               row: (borrowing CSVRow) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { p in
            try tokenizer.feed(p) { record in
                if !stopped { try handle(record, header: header, row: row) }
            }
        }
    }

    // MARK: Records

    private mutating func handle(_ record: CSVRecordView, header: ([CSVColumn]) throws -> Void,
                                 row: (borrowing CSVRow) throws -> Void) throws {
        if record.bytes.count > options.maxRecordBytes {
            addError(.recordTooLong, SourceLocation(file: file, line: record.line, row: headerDone ? dataRows + 1 : nil),
                     message: "Một hàng dài hơn \(CSVPass.describeSize(options.maxRecordBytes)) — thường là một dấu ngoặc kép (\") mở mà không đóng. Kiểm tra dấu ngoặc kép ở dòng này.")
            stopped = true
            return
        }
        if !headerDone {
            if record.isBlank { return }
            let fields = (0..<record.count).map { Vietnamese.nfc(record.string($0)) }
            if dataset.isPlain || matchesDataset(fields) {
                if let first = firstRecord {
                    addIssue(IngestIssue(.unknownColumn, .warning, at: SourceLocation(file: file, line: first.line),
                                         message: "Bỏ qua \(recordsBeforeHeader.count) dòng trước dòng tiêu đề (dòng \(record.line)), coi là dòng tên bảng."))
                }
                try finishHeader(fields, line: record.line, header: header)
                return
            }
            // Maybe a title above the header: remember the first record, look further.
            if firstRecord == nil { firstRecord = (fields, record.line) }
            recordsBeforeHeader.append(fields)
            if recordsBeforeHeader.count >= options.headerSearchRecords {
                // No header found: the first record is the header, the rest were data we
                // cannot recover in a stream. Report it.
                let first = firstRecord!
                try finishHeader(first.fields, line: first.line, header: header)
                addError(.missingColumn, SourceLocation(file: file, line: first.line),
                         message: "Không tìm thấy dòng tiêu đề trong \(options.headerSearchRecords) dòng đầu. Dòng tiêu đề phải có các cột: \(dataset.columns.filter(\.required).map { "«\($0.name)»" }.joined(separator: ", ")).")
                stopped = true
            }
            return
        }
        if record.isBlank {
            blankRows += 1
            return
        }
        dataRows += 1
        let rowIndex = dataRows
        let n = state.fileColumnCount
        if record.count < n {
            addError(.tooFewFields, SourceLocation(file: file, line: record.line, row: rowIndex),
                     message: "Hàng có \(record.count) ô nhưng tiêu đề có \(n) cột; các ô thiếu ở cuối được coi là trống. Kiểm tra dấu phân cách (\(detection.delimiterDescription)) trong hàng này.")
        } else if record.count > n {
            let extras = (n..<record.count).map { Vietnamese.nfc(record.string($0)) }
            let shown = extras.map { "«\($0)»" }.joined(separator: ", ")
            if extras.allSatisfy({ $0.isEmpty }) {
                addIssue(IngestIssue(.tooManyFields, .warning, at: SourceLocation(file: file, line: record.line, row: rowIndex),
                                     message: "Hàng có \(record.count) ô nhưng tiêu đề có \(n) cột; các ô thừa đều trống nên được bỏ qua."))
            } else {
                addError(.tooManyFields, SourceLocation(file: file, line: record.line, row: rowIndex),
                         value: extras.joined(separator: "\u{1F}"),
                         message: "Hàng có \(record.count) ô nhưng tiêu đề có \(n) cột; ô thừa: \(shown). Có thể một giá trị chứa dấu phân cách (\(detection.delimiterDescription)) mà không nằm trong ngoặc kép.")
            }
        }
        if suspicious >= record.offset && CSVPass.needsNFC(record) { state.normalize(record) }
        defer { state.normalizedActive = false }
        try parseTyped(record, rowIndex)
        countFormulaLike(record)
        if errorCount == 0 || deliverAfterErrors {
            try row(CSVRow(record: record, reader: state, line: record.line, row: rowIndex))
        }
    }

    /// True when some field may not be NFC: a combining mark, or a character outside the
    /// ranges Vietnamese precomposed text lives in (below U+0300, U+1E00–U+1EFF).
    static func needsNFC(_ record: CSVRecordView) -> Bool {
        let bytes = record.bytes
        guard let base = bytes.baseAddress else { return false }
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            break
        }
        while i < n {
            let b = base[i]
            if b < 0x80 { i += 1; continue }
            if b < 0xCC { i += 2; continue }                  // U+0080–U+02FF
            if b < 0xE0 { return true }                       // U+0300–U+07FF: combining marks and more
            if b == 0xE1 && i + 1 < n && base[i + 1] >= 0xB8 && base[i + 1] <= 0xBB { i += 3; continue }
            if b == 0xE2 && i + 2 < n && base[i + 1] == 0x80 && base[i + 2] >= 0x82 { i += 3; continue } // U+2002–U+203F
            return true
        }
        return false
    }

    private mutating func parseTyped(_ record: CSVRecordView, _ rowIndex: Int) throws {
        // A plain dataset (every column inferred, none required) has nothing to check here.
        if dataset.isPlain { return }
        for c in 0..<state.types.count {
            let type = state.types[c]
            let slot = state.slots[c]
            let b = state.fieldBytes(record, slot)
            if b.isEmpty || b.allSatisfy({ $0 == 0x20 }) {
                if type != .text && type != .inferred { state.parsed[c] = .empty }
                if c < dataset.columns.count, dataset.columns[c].valueRequired, slot >= 0 {
                    addError(.missingValue, location(record, rowIndex, c),
                             message: "Ô «\(dataset.columns[c].name)» không được để trống. Điền giá trị cho hàng này.")
                }
                continue
            }
            switch type {
            case .text, .inferred:
                continue
            case .integer:
                if let n = NumberScanner.scan(b, convention: state.convention, strict: true), !n.percent, let i = n.integer {
                    state.parsed[c] = .integer(i)
                } else {
                    let v = String(decoding: b, as: UTF8.self)
                    addError(.invalidNumber, location(record, rowIndex, c), value: v,
                             message: "«\(v)» không phải là số nguyên. Viết số như 1.234 hoặc 25.")
                    state.parsed[c] = .empty
                }
            case .number:
                if let n = NumberScanner.scan(b, convention: state.convention, strict: true) {
                    state.parsed[c] = n.percent ? .percent(n.value) : .number(n.value)
                } else {
                    let v = String(decoding: b, as: UTF8.self)
                    let example = state.convention == .vietnamese ? "1.234,5 hoặc 15,5%" : "1,234.5 hoặc 15.5%"
                    addError(.invalidNumber, location(record, rowIndex, c), value: v,
                             message: "«\(v)» không phải là số. Viết số như \(example) (hoặc chọn quy ước số khác).")
                    state.parsed[c] = .empty
                }
            case .date:
                if let d = DateScanner.scan(b) {
                    state.parsed[c] = .date(d)
                } else {
                    let v = String(decoding: b, as: UTF8.self)
                    do {
                        state.parsed[c] = .date(try CivilDate.parse(v))
                    } catch {
                        addError(.invalidDate, location(record, rowIndex, c), value: v,
                                 message: "«\(v)» không phải là ngày hợp lệ (\(error.message)). Viết ngày dạng 05/02/2021.")
                        state.parsed[c] = .empty
                    }
                }
            }
        }
    }

    private mutating func countFormulaLike(_ record: CSVRecordView) {
        for c in textColumnsForFormulaCount {
            let b = state.fieldBytes(record, c)
            guard let first = b.first else { continue }
            if first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@") {
                if CSVValue.looksLikeFormula(String(decoding: b, as: UTF8.self)) { formulaLike += 1 }
            }
        }
    }

    private func location(_ record: CSVRecordView, _ rowIndex: Int, _ column: Int) -> SourceLocation {
        let slot = state.slots[column]
        return SourceLocation(file: file, line: record.line, row: rowIndex,
                              columnIndex: slot >= 0 ? slot + 1 : nil,
                              columnName: slot >= 0 && slot < columns.count ? columns[slot].header : dataset.columns[column].name)
    }

    // MARK: Issues

    private mutating func addError(_ kind: IngestIssue.Kind, _ location: SourceLocation, value: String? = nil,
                                   message: String) {
        addIssue(IngestIssue(kind, .error, at: location, value: value, message: message))
    }

    private mutating func addIssue(_ issue: IngestIssue) {
        if issue.severity == .error {
            errorCount += 1
            if errorCount > options.errorLimit {
                unlisted += 1
                stopped = true
                return
            }
        }
        issues.append(issue)
    }

    // MARK: Header

    private func matchesDataset(_ fields: [String]) -> Bool {
        let keys = Set(fields.map(ColumnName.key))
        let required = dataset.columns.filter(\.required)
        let wanted = required.isEmpty ? dataset.columns : required
        let hits = wanted.filter { spec in
            keys.contains(ColumnName.key(spec.name)) || spec.aliases.contains { keys.contains(ColumnName.key($0)) }
        }.count
        return hits * 2 >= wanted.count && hits > 0
    }

    private mutating func finishHeader(_ fields: [String], line: Int, header: ([CSVColumn]) throws -> Void) throws {
        headerDone = true
        headerLine = line
        state.fileColumnCount = fields.count
        columns = fields.enumerated().map { i, name in
            CSVColumn(index: i + 1, header: name, datasetColumn: nil, match: nil, type: .inferred)
        }
        // Duplicates: the same name (after trimming) twice.
        var seen: [String: [Int]] = [:]
        var order: [String] = []
        for (i, name) in fields.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces)
            if key.isEmpty { continue }
            if seen[key] == nil { order.append(key) }
            seen[key, default: []].append(i + 1)
        }
        for key in order where seen[key]!.count > 1 {
            let at = seen[key]!
            addError(.duplicateColumn, SourceLocation(file: file, line: line, columnIndex: at[1], columnName: key),
                     value: key,
                     message: "Cột «\(key)» xuất hiện \(at.count) lần (các cột \(at.map(String.init).joined(separator: ", "))). Đổi tên hoặc xóa cột trùng.")
        }
        if dataset.isPlain {
            state.slots = Array(0..<fields.count)
            state.types = Array(repeating: .inferred, count: fields.count)
            textColumnsForFormulaCount = Array(0..<fields.count)
        } else {
            mapColumns(fields, line: line)
        }
        state.parsed = Array(repeating: .empty, count: state.types.count)
        try header(columns)
    }

    private mutating func mapColumns(_ fields: [String], line: Int) {
        let specs = dataset.columns
        var slots = Array(repeating: -1, count: specs.count)
        func exactKey(_ s: String) -> String {
            s.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let exact = specs.map { spec in Set(([spec.name] + spec.aliases).map(exactKey)) }
        let loose = specs.map { spec in Set(([spec.name] + spec.aliases).map(ColumnName.key)) }
        var unmatched: [Int] = []
        // Pass 1: exact names and aliases. Pass 2: loose keys. Pass 3: near misses.
        for (i, name) in fields.enumerated() {
            let k = exactKey(name)
            if k.isEmpty { continue }
            if let c = specs.indices.first(where: { exact[$0].contains(k) }) {
                assign(c, i, .exact, &slots, line: line)
            } else {
                unmatched.append(i)
            }
        }
        var still: [Int] = []
        for i in unmatched {
            let k = ColumnName.key(fields[i])
            if let c = specs.indices.first(where: { loose[$0].contains(k) }) {
                assign(c, i, .loose, &slots, line: line)
            } else {
                still.append(i)
            }
        }
        for i in still {
            let k = ColumnName.key(fields[i])
            var best: (c: Int, d: Int)?
            var tie = false
            if k.count >= 4 {
                for c in specs.indices where slots[c] < 0 {
                    for candidate in loose[c] {
                        let d = ColumnName.editDistance(k, candidate, limit: 2)
                        let allowed = candidate.count >= 8 ? 2 : 1
                        guard d <= allowed else { continue }
                        if best == nil || d < best!.d { best = (c, d); tie = false }
                        else if d == best!.d && c != best!.c { tie = true }
                    }
                }
            }
            if let best, !tie {
                assign(best.c, i, .likely, &slots, line: line)
            } else if dataset.allowsUnknownColumns {
                addIssue(IngestIssue(.unknownColumn, .warning, at: SourceLocation(file: file, line: line, columnIndex: i + 1, columnName: fields[i]),
                                     value: fields[i],
                                     message: "Cột «\(fields[i])» không thuộc \(dataset.name); được giữ nguyên nhưng không dùng."))
            } else {
                addError(.unknownColumn, SourceLocation(file: file, line: line, columnIndex: i + 1, columnName: fields[i]),
                         value: fields[i],
                         message: "Cột «\(fields[i])» không thuộc \(dataset.name). Các cột được chấp nhận: \(specs.map { "«\($0.name)»" }.joined(separator: ", ")).")
            }
        }
        for (c, spec) in specs.enumerated() where slots[c] < 0 && spec.required {
            let aka = spec.aliases.isEmpty ? "" : " (hoặc \(spec.aliases.map { "«\($0)»" }.joined(separator: ", ")))"
            addError(.missingColumn, SourceLocation(file: file, line: line, columnName: spec.name), value: spec.name,
                     message: "Thiếu cột bắt buộc «\(spec.name)»\(aka) trong dòng tiêu đề. Thêm cột này vào tệp.")
        }
        state.slots = slots
        state.types = specs.map(\.type)
        textColumnsForFormulaCount = specs.indices.filter { specs[$0].type == .text || specs[$0].type == .inferred }
            .compactMap { slots[$0] >= 0 ? slots[$0] : nil }
    }

    private mutating func assign(_ c: Int, _ i: Int, _ match: ColumnMatch, _ slots: inout [Int], line: Int) {
        let spec = dataset.columns[c]
        let name = columns[i].header
        if slots[c] >= 0 {
            let first = slots[c] + 1
            // The same name twice is already reported as a duplicate header.
            if columns[slots[c]].header.trimmingCharacters(in: .whitespaces) == name.trimmingCharacters(in: .whitespaces) { return }
            addError(.duplicateColumn, SourceLocation(file: file, line: line, columnIndex: i + 1, columnName: name),
                     value: spec.name,
                     message: "Cột \(first) «\(columns[slots[c]].header)» và cột \(i + 1) «\(name)» cùng là «\(spec.name)». Xóa hoặc đổi tên một trong hai cột.")
            return
        }
        slots[c] = i
        columns[i].datasetColumn = c
        columns[i].match = match
        columns[i].type = spec.type
        if match != .exact {
            addIssue(IngestIssue(.unknownColumn, .warning, at: SourceLocation(file: file, line: line, columnIndex: i + 1, columnName: name),
                                 value: name,
                                 message: "Tên cột «\(name)» không đúng; đã hiểu là «\(spec.name)». Sửa tiêu đề nếu đây là cột khác."))
        }
    }
}
