/// What to do with a character that XML 1.0 does not allow (C0 controls other than tab,
/// newline and carriage return; lone surrogates; U+FFFE and U+FFFF).
public enum IllegalCharacterPolicy: Sendable, Equatable {
    /// Drop the character and count it (`XMLWriter.removedCharacterCount`).
    case remove
    /// Write the character as SpreadsheetML's `_xHHHH_` escape, and protect a literal
    /// `_xHHHH_` in the text by escaping its underscore (`_x005F_`), as Excel does.
    case spreadsheetEscape
    /// Drop the character and count it, and protect a literal `_xHHHH_` in the text
    /// (`_x005F_xHHHH_`) so Excel and LibreOffice do not decode it: what XLSX cells use, so
    /// both formats hold the same text.
    case spreadsheetRemove
}

/// A streaming XML writer into a growable byte buffer.
///
/// The only escaper of tdkt. Element and attribute names written by tdkt's own writers are
/// `StaticString`s (no allocation, no copy); values are `String`s whose UTF-8 is copied in
/// runs between the few bytes that need escaping. When a `sink` is given, the buffer is
/// handed to it whenever it passes `flushThreshold`, so memory stays flat however long the
/// document is.
public final class XMLWriter {
    // The writer is confined to one thread; dynamic exclusivity checks on these hot fields
    // cost more than the writing itself, so they are turned off (static checks remain).
    @exclusivity(unchecked) @usableFromInline var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) @usableFromInline var count: Int = 0
    @exclusivity(unchecked) @usableFromInline var capacity: Int

    public let sink: (any ByteSink)?
    public let flushThreshold: Int
    public let illegalCharacters: IllegalCharacterPolicy

    /// Characters dropped (policy `.remove`) or escaped as `_xHHHH_` (`.spreadsheetEscape`).
    @exclusivity(unchecked) public private(set) var removedCharacterCount: Int = 0
    /// Bytes handed to the sink so far.
    @exclusivity(unchecked) public private(set) var flushedByteCount: Int = 0

    /// Open elements. A dynamic name is kept in `dynamicNames` and marked here by an empty
    /// `StaticString`, so this stack holds plain values (no reference counting per element).
    @exclusivity(unchecked) private var stack: [StaticString] = []
    @exclusivity(unchecked) private var dynamicNames: [String] = []
    /// A start tag has been written up to its attributes: `<name a="b"` without the `>`.
    @exclusivity(unchecked) private var startTagOpen = false

    private let textTable: UnsafePointer<UInt8>
    private let attributeTable: UnsafePointer<UInt8>

    public init(capacity: Int = 64 * 1024, sink: (any ByteSink)? = nil, flushThreshold: Int = 256 * 1024,
                illegalCharacters: IllegalCharacterPolicy = .remove) {
        let cap = max(capacity, 1024)
        self.storage = .allocate(capacity: cap)
        self.capacity = cap
        self.sink = sink
        self.flushThreshold = flushThreshold
        self.illegalCharacters = illegalCharacters
        self.textTable = illegalCharacters == .remove ? EscapeTables.text : EscapeTables.textSpreadsheet
        self.attributeTable = EscapeTables.attribute
        stack.reserveCapacity(16)
    }

    deinit { storage.deallocate() }

    // MARK: - Buffer

    /// Bytes written and not yet flushed to the sink.
    public var pendingByteCount: Int { count }
    /// Total bytes produced (flushed + pending).
    public var totalByteCount: Int { flushedByteCount + count }

    @inline(__always) @usableFromInline
    func reserve(_ n: Int) {
        if count &+ n > capacity { grow(n) }
    }

    @usableFromInline
    func grow(_ n: Int) {
        if let sink, count > 0 {
            sink.write(UnsafeRawBufferPointer(start: storage, count: count))
            flushedByteCount += count
            count = 0
            if n <= capacity { return }
        }
        var newCapacity = capacity * 2
        while newCapacity < count + n { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    @inline(__always) @usableFromInline
    func put(_ b: UInt8) {
        reserve(1)
        storage[count] = b
        count &+= 1
    }

    @inline(__always) @usableFromInline
    func put(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        let dst = storage + count
        if n <= 16 {
            // Names and short values: a byte loop beats a call to memcpy.
            var i = 0
            while i < n { dst[i] = p[i]; i &+= 1 }
        } else {
            dst.update(from: p, count: n)
        }
        count &+= n
    }

    @inline(__always) @usableFromInline
    func put(_ s: StaticString) {
        put(s.utf8Start, s.utf8CodeUnitCount)
    }

    /// Hands the buffer to the sink if it holds more than `flushThreshold` bytes.
    /// Part writers call this once per row; the buffer also flushes by itself when full.
    @inline(__always)
    public func flushIfNeeded() {
        if count >= flushThreshold, let sink {
            sink.write(UnsafeRawBufferPointer(start: storage, count: count))
            flushedByteCount += count
            count = 0
        }
    }

    /// Hands everything written so far to the sink.
    public func flush() {
        if let sink, count > 0 {
            sink.write(UnsafeRawBufferPointer(start: storage, count: count))
            flushedByteCount += count
            count = 0
        }
    }

    /// Closes every open element and flushes. Returns the bytes when there is no sink.
    @discardableResult
    public func finish() -> [UInt8] {
        while !stack.isEmpty { end() }
        if sink != nil {
            flush()
            return []
        }
        return bytes
    }

    /// The bytes held in the buffer (everything, when there is no sink).
    public var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: storage, count: count))
    }

    /// Discards the buffer (the writer can be reused for another part).
    public func reset() {
        count = 0
        flushedByteCount = 0
        removedCharacterCount = 0
        stack.removeAll(keepingCapacity: true)
        dynamicNames.removeAll(keepingCapacity: true)
        startTagOpen = false
    }

    // MARK: - Structure

    /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` and a newline.
    public func declaration(standalone: Bool = true) {
        if standalone {
            put("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        } else {
            put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        }
    }

    @inline(__always)
    private func closeStartTag() {
        if startTagOpen {
            put(UInt8(ascii: ">"))
            startTagOpen = false
        }
    }

    /// Opens an element: `<name`. Attributes may follow until content or `end()`.
    public func start(_ name: StaticString) {
        closeStartTag()
        reserve(name.utf8CodeUnitCount + 1)
        storage[count] = UInt8(ascii: "<")
        count &+= 1
        put(name)
        stack.append(name)
        startTagOpen = true
    }

    /// Opens an element with a name known only at run time (templates).
    public func start(dynamic name: String) {
        closeStartTag()
        put(UInt8(ascii: "<"))
        putRaw(name)
        stack.append("")
        dynamicNames.append(name)
        startTagOpen = true
    }

    /// Closes the innermost element: `/>` when it has no content, else `</name>`.
    public func end() {
        guard let name = stack.popLast() else {
            preconditionFailure("XMLWriter.end() without an open element")
        }
        let dynamic = name.utf8CodeUnitCount == 0 ? dynamicNames.popLast() : nil
        if startTagOpen {
            put("/>")
            startTagOpen = false
            return
        }
        if let dynamic {
            put("</")
            putRaw(dynamic)
            put(UInt8(ascii: ">"))
        } else {
            reserve(name.utf8CodeUnitCount + 3)
            storage[count] = UInt8(ascii: "<"); storage[count + 1] = UInt8(ascii: "/")
            count &+= 2
            put(name)
            storage[count] = UInt8(ascii: ">")
            count &+= 1
        }
    }

    /// The number of open elements.
    public var depth: Int { stack.count }

    /// `<name>text</name>` (or `<name/>` for empty text).
    public func element(_ name: StaticString, text value: String) {
        start(name)
        text(value)
        end()
    }

    /// Runs `body` between `start(name)` and `end()`.
    @inlinable
    public func element(_ name: StaticString, _ body: () throws -> Void) rethrows {
        start(name)
        try body()
        end()
    }

    // MARK: - Attributes

    /// ` name="` — the opening of every attribute; the caller writes the value and `"`.
    @inline(__always) @usableFromInline
    func beginAttribute(_ name: StaticString) {
        precondition(startTagOpen, "attribute outside a start tag")
        reserve(name.utf8CodeUnitCount + 3)
        storage[count] = UInt8(ascii: " ")
        count &+= 1
        put(name)
        storage[count] = UInt8(ascii: "=")
        storage[count + 1] = UInt8(ascii: "\"")
        count &+= 2
    }

    public func attribute(_ name: StaticString, _ value: String) {
        beginAttribute(name)
        escaped(value, table: attributeTable, inAttribute: true)
        put(UInt8(ascii: "\""))
    }

    public func attribute(_ name: StaticString, _ value: Int) {
        beginAttribute(name)
        writeDecimal(value)
        put(UInt8(ascii: "\""))
    }

    public func attribute(_ name: StaticString, _ value: Double) {
        beginAttribute(name)
        writeDecimal(value)
        put(UInt8(ascii: "\""))
    }

    /// An attribute whose value is known to need no escaping (an enumeration value).
    public func attribute(_ name: StaticString, raw value: StaticString) {
        beginAttribute(name)
        put(value)
        put(UInt8(ascii: "\""))
    }

    /// An attribute with a run-time name (templates, namespaces).
    public func attribute(dynamic name: String, _ value: String) {
        precondition(startTagOpen, "attribute outside a start tag")
        put(UInt8(ascii: " "))
        putRaw(name)
        put("=\"")
        escaped(value, table: attributeTable, inAttribute: true)
        put(UInt8(ascii: "\""))
    }

    /// A namespace declaration: `xmlns="uri"` or `xmlns:prefix="uri"`.
    public func namespace(_ prefix: String?, _ uri: String) {
        if let prefix {
            attribute(dynamic: "xmlns:" + prefix, uri)
        } else {
            attribute(dynamic: "xmlns", uri)
        }
    }

    /// `xml:space="preserve"` when `value` has spaces an XML consumer would otherwise trim or
    /// collapse (leading/trailing white space, runs of spaces, tabs, line breaks).
    public func preserveSpaceIfNeeded(_ value: String) {
        if XMLWriter.needsSpacePreservation(value) {
            attribute("xml:space", raw: "preserve")
        }
    }

    public static func needsSpacePreservation(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { needsSpacePreservation($0) }
    }

    /// Whether `p` (UTF-8) needs `xml:space="preserve"`: spaces at an end, runs of spaces,
    /// tabs or line breaks — also when they only reach an end once illegal characters are
    /// dropped ("a \u{1}"), so any control character, U+FFFE/U+FFFF or surrogate lead byte
    /// (EF, ED) answers yes; preserving is always harmless.
    public static func needsSpacePreservation(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = p.first, let last = p.last else { return false }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        if isSpace(first) || isSpace(last) { return true }
        var previousSpace = false
        for b in p {
            if b < 0x20 || b == 0xEF || b == 0xED { return true }
            let space = b == 0x20
            if space && previousSpace { return true }
            previousSpace = space
        }
        return false
    }

    // MARK: - Content

    /// Escaped character data.
    public func text(_ value: String) {
        closeStartTag()
        escaped(value, table: textTable, inAttribute: false)
    }

    /// Whether `text(utf8:)` would copy these bytes unchanged (with the `.remove` policy):
    /// nothing to escape, no character to remove.
    public static func isPlainText(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let table = EscapeTables.text
        let n = p.count
        var i = 0
        // Eight bytes at a time while none is below 0x20, '&', '<', '>', 0xED or 0xEF (the
        // bytes the table marks), with the exact "has a zero byte" test on each.
        @inline(__always) func hasZero(_ v: UInt64) -> Bool {
            (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080 != 0
        }
        while i &+ 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let control = (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080 != 0
            if control || hasZero(w ^ 0x2626_2626_2626_2626) || hasZero(w ^ 0x3C3C_3C3C_3C3C_3C3C)
                || hasZero(w ^ 0x3E3E_3E3E_3E3E_3E3E) || hasZero((w | 0x0202_0202_0202_0202) ^ 0xEFEF_EFEF_EFEF_EFEF) { break }
            i &+= 8
        }
        while i < n {
            if table[Int(base[i])] != 0 { return false }
            i &+= 1
        }
        return true
    }

    /// Escaped character data from UTF-8 bytes (invalid sequences count as illegal).
    public func text(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        closeStartTag()
        escapeBytes(bytes, table: textTable, inAttribute: false)
    }

    /// An integer as character data, without locale or Foundation.
    public func text(_ value: Int) {
        closeStartTag()
        writeDecimal(value)
    }

    /// A double as character data, shortest exact form, without locale or Foundation.
    public func text(_ value: Double) {
        closeStartTag()
        writeDecimal(value)
    }

    /// Bytes that are already well-formed XML (copied template markup).
    public func raw(_ s: StaticString) {
        closeStartTag()
        put(s)
    }

    /// Bytes that are already well-formed XML (copied template markup).
    public func raw(_ bytes: UnsafeRawBufferPointer) {
        closeStartTag()
        guard let base = bytes.baseAddress else { return }
        put(base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    /// A string that is already well-formed XML.
    public func raw(_ s: String) {
        closeStartTag()
        putRaw(s)
    }

    private func putRaw(_ s: String) {
        var s = s
        s.withUTF8 { p in
            if let base = p.baseAddress { put(base, p.count) }
        }
    }

    // MARK: - Escaping

    private func escaped(_ value: String, table: UnsafePointer<UInt8>, inAttribute: Bool) {
        var value = value
        value.withUTF8 { escapeBytes($0, table: table, inAttribute: inAttribute) }
    }

    /// Copies `p` escaped. The table marks each byte: 0 = copy, 1 = needs a look.
    private func escapeBytes(_ p: UnsafeBufferPointer<UInt8>, table: UnsafePointer<UInt8>, inAttribute: Bool) {
        guard let base = p.baseAddress else { return }
        let n = p.count
        // Worst case of the common escapes is 6× ("&quot;"); reserve for the clean case and
        // grow on demand for the rest.
        reserve(n)
        var i = 0
        var runStart = 0
        while i < n {
            // Fast scan over bytes that need nothing.
            while i < n && table[Int(base[i])] == 0 { i &+= 1 }
            if i >= n { break }
            if i > runStart { put(base + runStart, i - runStart) }
            let b = base[i]
            switch b {
            case UInt8(ascii: "&"): put("&amp;"); i &+= 1
            case UInt8(ascii: "<"): put("&lt;"); i &+= 1
            case UInt8(ascii: ">"): put("&gt;"); i &+= 1
            case UInt8(ascii: "\""): put("&quot;"); i &+= 1
            case 0x09: put(inAttribute ? "&#9;" : "\t"); i &+= 1
            case 0x0A: put(inAttribute ? "&#10;" : "\n"); i &+= 1
            case 0x0D: put("&#13;"); i &+= 1
            case UInt8(ascii: "_"):
                // Only marked under the spreadsheet policies: protect a literal _xHHHH_.
                if Self.isSpreadsheetEscape(base + i, n - i) { put("_x005F_") } else { put(b) }
                i &+= 1
            case 0xEF:
                // U+FFFE / U+FFFF are EF BF BE / EF BF BF.
                if i + 2 < n && base[i + 1] == 0xBF && (base[i + 2] == 0xBE || base[i + 2] == 0xBF) {
                    illegal(base[i + 2] == 0xBE ? 0xFFFE : 0xFFFF)
                    i &+= 3
                } else {
                    put(b); i &+= 1
                }
            case 0xED:
                // ED A0..BF xx encodes a surrogate (CESU-8 / WTF-8 input): never valid XML.
                if i + 1 < n && base[i + 1] >= 0xA0 {
                    let cp = (UInt32(b & 0x0F) << 12) | (UInt32(base[i + 1] & 0x3F) << 6)
                        | (i + 2 < n ? UInt32(base[i + 2] & 0x3F) : 0)
                    illegal(cp)
                    i &+= min(3, n - i)
                } else {
                    put(b); i &+= 1
                }
            default:
                // Any other byte below 0x20: a C0 control character.
                illegal(UInt32(b))
                i &+= 1
            }
            runStart = i
        }
        if n > runStart { put(base + runStart, n - runStart) }
    }

    private func illegal(_ codePoint: UInt32) {
        removedCharacterCount += 1
        if illegalCharacters == .spreadsheetEscape {
            put("_x")
            writeHex4(codePoint)
            put(UInt8(ascii: "_"))
        }
    }

    private func writeHex4(_ v: UInt32) {
        let digits: StaticString = "0123456789ABCDEF"
        let d = digits.utf8Start
        reserve(4)
        storage[count] = d[Int((v >> 12) & 0xF)]
        storage[count + 1] = d[Int((v >> 8) & 0xF)]
        storage[count + 2] = d[Int((v >> 4) & 0xF)]
        storage[count + 3] = d[Int(v & 0xF)]
        count &+= 4
    }

    /// `_xHHHH_` at `p` (seven bytes, H an ASCII hex digit of either case).
    static func isSpreadsheetEscape(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard n >= 7, p[0] == UInt8(ascii: "_"), p[1] == UInt8(ascii: "x"), p[6] == UInt8(ascii: "_") else {
            return false
        }
        for k in 2...5 {
            let c = p[k]
            let hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
            if !hex { return false }
        }
        return true
    }

    // MARK: - Numbers

    /// A signed integer in decimal.
    @usableFromInline
    func writeDecimal(_ value: Int) {
        reserve(20)
        count &+= Self.putDecimal(value, at: storage + count)
    }

    /// Writes `value` in decimal at `target` (room for 20 bytes needed); returns the bytes
    /// written. Shared by the writer and the spreadsheet writers' markup scratch buffers.
    @inlinable @inline(__always)
    public static func putDecimal(_ value: Int, at target: UnsafeMutablePointer<UInt8>) -> Int {
        var at = 0
        if value < 0 {
            target[0] = UInt8(ascii: "-")
            at = 1
        }
        var magnitude = value.magnitude
        var digits = 1
        var probe = magnitude
        while probe >= 10 { probe /= 10; digits &+= 1 }
        var pos = at &+ digits &- 1
        repeat {
            target[pos] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
            magnitude /= 10
            pos &-= 1
        } while magnitude > 0
        return at &+ digits
    }

    /// A double in the shortest decimal that reads back as the same double.
    ///
    /// Values with at most 9 decimals take a fast exact path: `m / 10^k == x` with `m` and
    /// `10^k` exactly representable means IEEE division (correctly rounded) maps the decimal
    /// `m·10^-k` to `x`, which is exactly what a correct parser does. Other values use Swift's
    /// shortest round-trip `description` (no locale involved).
    @usableFromInline
    func writeDecimal(_ x: Double) {
        guard x.isFinite else {
            put(x.isNaN ? "NaN" : (x < 0 ? "-INF" : "INF"))
            return
        }
        if x == x.rounded(.towardZero) && x.magnitude < 9_007_199_254_740_992 {
            writeDecimal(Int(x))
            return
        }
        var scale = 1.0
        for k in 1...9 {
            scale *= 10
            let m = (x * scale).rounded()
            if m.magnitude < 9_007_199_254_740_992 && m / scale == x {
                let mi = Int64(m)
                let mag = mi.magnitude
                var p10: UInt64 = 1
                for _ in 0..<k { p10 *= 10 }
                if mi < 0 { put(UInt8(ascii: "-")) }
                writeDecimal(Int(mag / p10))
                put(UInt8(ascii: "."))
                var frac = mag % p10
                reserve(k)
                var pos = count + k - 1
                for _ in 0..<k {
                    storage[pos] = UInt8(truncatingIfNeeded: frac % 10) + 0x30
                    frac /= 10
                    pos -= 1
                }
                count += k
                return
            }
        }
        putRaw(x.description)
    }
}

/// Byte classes for the escaping scan: 1 marks a byte that needs a look.
enum EscapeTables {
    nonisolated(unsafe) static let text: UnsafePointer<UInt8> = make(attribute: false, spreadsheet: false)
    nonisolated(unsafe) static let textSpreadsheet: UnsafePointer<UInt8> = make(attribute: false, spreadsheet: true)
    nonisolated(unsafe) static let attribute: UnsafePointer<UInt8> = make(attribute: true, spreadsheet: false)

    private static func make(attribute: Bool, spreadsheet: Bool) -> UnsafePointer<UInt8> {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        t.initialize(repeating: 0, count: 256)
        for b in 0..<0x20 where attribute || (b != 0x09 && b != 0x0A) { t[b] = 1 }
        t[Int(UInt8(ascii: "&"))] = 1
        t[Int(UInt8(ascii: "<"))] = 1
        t[Int(UInt8(ascii: ">"))] = 1
        if attribute { t[Int(UInt8(ascii: "\""))] = 1 }
        if spreadsheet { t[Int(UInt8(ascii: "_"))] = 1 }
        t[0xEF] = 1
        t[0xED] = 1
        return UnsafePointer(t)
    }
}
