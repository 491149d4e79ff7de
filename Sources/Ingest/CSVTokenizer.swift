import CKernels

/// One record as the tokenizer saw it: fields as byte ranges of UTF-8 text, plus where the
/// record starts in the file. Valid only during the callback that receives it.
public struct CSVRecordView {
    let bytes: UnsafeBufferPointer<UInt8>
    let ends: UnsafeBufferPointer<Int>
    /// 1-based physical line where the record starts.
    public let line: Int
    /// 0-based byte offset of the record start in the UTF-8 stream.
    public let offset: Int

    public var count: Int { ends.count }

    /// The UTF-8 bytes of field `i` (quotes removed, doubled quotes undone).
    public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let start = i == 0 ? 0 : ends[i - 1]
        return UnsafeBufferPointer(rebasing: bytes[start..<ends[i]])
    }

    /// Field `i` as a String (not normalised).
    public func string(_ i: Int) -> String {
        String(decoding: field(i), as: UTF8.self)
    }

    /// True when every field is empty (a blank row: `,,,,` or an empty line).
    public var isBlank: Bool {
        ends.last.map { $0 == 0 } ?? true
    }
}

/// An RFC 4180 tokenizer over UTF-8 bytes, fed in blocks of any size.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks (kept as the file has
/// them). Lenient where Excel is: a quote inside an unquoted field is data, text after a
/// closing quote is appended. Line endings CRLF, LF and lone CR all end a record. Memory is
/// one record.
struct CSVTokenizer {
    let delimiter: UInt8
    let quote: UInt8 = 0x22

    private var field = ByteBuffer(capacity: 4096)
    private var ends: [Int] = []
    private var inQuotes = false
    private var quoteClosed = false
    private var afterCR = false
    private var quotedCR = false
    private var fieldStarted = false
    /// Physical line of the current position (1-based) and of the record start.
    private(set) var line = 1
    private var recordLine = 1
    private var recordOffset = 0
    private(set) var offset = 0

    init(delimiter: UInt8) {
        self.delimiter = delimiter
        ends.reserveCapacity(64)
    }

    /// The record being read is inside an open quote (at end of input: unterminated).
    var isInsideQuotes: Bool { inQuotes }
    var pendingRecordLine: Int { recordLine }
    var hasPendingRecord: Bool { fieldStarted || !ends.isEmpty || !field.isEmpty }
    /// Bytes held for the record being read (a guard against a runaway quoted field).
    var pendingBytes: Int { field.count }

    mutating func feed(_ block: UnsafeBufferPointer<UInt8>, _ emit: (CSVRecordView) throws -> Void) rethrows {
        guard let base = block.baseAddress else { return }
        let n = block.count
        var i = 0
        let d = delimiter, q = quote
        while i < n {
            let b = base[i]
            if afterCR {
                afterCR = false
                if b == 0x0A {
                    i += 1
                    offset += 1
                    recordOffset = offset
                    continue
                }
            }
            if inQuotes {
                // Fast copy up to the next quote.
                var j = i
                while j < n {
                    let c = base[j]
                    if c == q { break }
                    if c == 0x0A {
                        if !quotedCR { line += 1 }
                        quotedCR = false
                    } else if c == 0x0D {
                        line += 1
                        quotedCR = true
                    } else {
                        quotedCR = false
                    }
                    j += 1
                }
                if j > i { field.append(base + i, count: j - i) }
                offset += j - i
                i = j
                if i < n {
                    quotedCR = false
                    // A quote: closing, or the first of a doubled pair (decided on the next byte).
                    inQuotes = false
                    quoteClosed = true
                    i += 1
                    offset += 1
                }
                continue
            }
            if quoteClosed {
                quoteClosed = false
                if b == q {
                    // Doubled quote inside a quoted field.
                    field.append(q)
                    inQuotes = true
                    i += 1
                    offset += 1
                    continue
                }
            }
            switch b {
            case d:
                ends.append(field.count)
                fieldStarted = true
                i += 1
                offset += 1
            case 0x0A, 0x0D:
                try endRecord(emit)
                line += 1
                afterCR = b == 0x0D
                i += 1
                offset += 1
                recordLine = line
                recordOffset = offset
            case q where isFieldStart:
                inQuotes = true
                fieldStarted = true
                i += 1
                offset += 1
            default:
                // Copy a run of plain bytes, up to a delimiter or a line break (SIMD search).
                let j = i + tdkt_find_any3(base + i, n - i, d, 0x0A, 0x0D)
                field.append(base + i, count: j - i)
                fieldStarted = true
                offset += j - i
                i = j
            }
        }
    }

    /// At the start of a field: nothing of it read yet.
    private var isFieldStart: Bool {
        field.count == (ends.last ?? 0)
    }

    /// Ends input: emits the last record if the file does not end with a line break.
    mutating func finish(_ emit: (CSVRecordView) throws -> Void) rethrows {
        quoteClosed = false
        if fieldStarted || !field.isEmpty || !ends.isEmpty {
            try endRecord(emit)
        }
    }

    private mutating func endRecord(_ emit: (CSVRecordView) throws -> Void) rethrows {
        quoteClosed = false
        ends.append(field.count)
        let line = recordLine, offset = recordOffset
        try ends.withUnsafeBufferPointer { e in
            try emit(CSVRecordView(bytes: field.buffer, ends: e, line: line, offset: offset))
        }
        field.removeAll()
        ends.removeAll(keepingCapacity: true)
        fieldStarted = false
    }
}
