import Vietnamese

/// A date with an optional time of day, as data gives it (a CSV date column, an ISO 8601
/// string, a YAML date).
public struct TemplateDate: Sendable, Hashable {
    public var date: CivilDate?
    /// Seconds since midnight, when the value has a time.
    public var time: Int?
    /// The text the data wrote, shown by a placeholder without a formatter.
    public var text: String?

    public init(date: CivilDate?, time: Int? = nil, text: String? = nil) {
        self.date = date
        self.time = time
        self.text = text
    }

    public var hour: Int { (time ?? 0) / 3600 }
    public var minute: Int { (time ?? 0) / 60 % 60 }
    public var second: Int { (time ?? 0) % 60 }

    /// Reads "2022-03-09", "2022-03-09T17:07:08", "2022-03-09 17:07", "09/03/2022",
    /// "ngày 09 tháng 3 năm 2022" and "17:07:08"; nil for anything else (a bare number is not a
    /// date here).
    public static func parse(_ text: String) -> TemplateDate? {
        let t = text.trimmingSpaces
        guard !t.isEmpty else { return nil }
        if let time = parseTime(t) { return TemplateDate(date: nil, time: time, text: text) }
        // Date part and optional time part.
        var datePart = t
        var timePart: String?
        if let sep = t.firstIndex(where: { $0 == "T" || $0 == " " }), t.first?.isNumber == true {
            let head = String(t[..<sep])
            if head.contains("-") || head.contains("/") || head.contains(".") {
                datePart = head
                timePart = String(t[t.index(after: sep)...])
            }
        }
        if datePart.allSatisfy({ $0.isNumber }) { return nil }
        guard let date = try? CivilDate.parse(datePart) else { return nil }
        var seconds: Int?
        if let timePart {
            var core = timePart
            // Drop a zone: "Z", "+07:00", "-05:00", and fractions.
            if let z = core.firstIndex(where: { $0 == "Z" || $0 == "+" || ($0 == "-" && core.distance(from: core.startIndex, to: core.firstIndex(of: $0)!) >= 5) }) {
                core = String(core[..<z])
            }
            if let dot = core.firstIndex(of: ".") { core = String(core[..<dot]) }
            seconds = parseTime(core.trimmingSpaces)
        }
        return TemplateDate(date: date, time: seconds, text: text)
    }

    /// "17:07", "17:07:08" → seconds since midnight.
    static func parseTime(_ t: String) -> Int? {
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60 else { return nil }
        let s = parts.count == 3 ? Int(parts[2]) ?? 99 : 0
        guard s < 60 else { return nil }
        return h * 3600 + m * 60 + s
    }
}

/// A number as data gives it: its value and, when it came as text (a CSV cell, a JSON number),
/// that text, so an unformatted placeholder shows what the user typed.
public struct TemplateNumber: Sendable, Hashable {
    public var value: Double
    public var text: String?

    public init(_ value: Double, text: String? = nil) {
        self.value = value
        self.text = text
    }

    /// The value without its source text: integers without a decimal part, others in the
    /// shortest form that reads back the same.
    public var plainText: String {
        if let text { return text }
        return TemplateNumber.shortest(value)
    }

    static func shortest(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return String(v)
    }
}

/// The data a template is filled from: what JSON, YAML and CSV give, typed.
///
/// Templating does not know the ingest layer; the command line converts its values into this
/// tree. Object keys are NFC (tag names are matched in NFC).
public enum TemplateValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(TemplateNumber)
    case text(String)
    /// (Boxed: a date is 64 bytes, and every value of a 100,000-row table would carry them.)
    indirect case date(TemplateDate)
    case list([TemplateValue])
    /// Keys in document order; lookups go through `TemplateObject`'s index.
    case object(TemplateObject)

    public static func number(_ v: Double) -> TemplateValue { .number(TemplateNumber(v)) }

    /// For an object, the value of `key` (nil when absent; see `TemplateObject.value(forKey:hint:)`);
    /// nil for any other value.
    @inline(__always)
    func member(_ key: String, hint: inout Int) -> TemplateValue?? {
        guard case .object(let o) = self else { return nil }
        return .some(o.value(forKey: key, hint: &hint))
    }
    public static func integer(_ v: Int) -> TemplateValue { .number(TemplateNumber(Double(v), text: String(v))) }

    /// A list or an object.
    public var isContainer: Bool {
        switch self {
        case .list, .object: return true
        default: return false
        }
    }

    /// docxtemplater's truthiness: null, false, 0, "" and [] are false; everything else true
    /// (an empty object is true, as in JavaScript).
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .number(let n): return n.value != 0 && !n.value.isNaN
        case .text(let s): return !s.isEmpty
        case .date: return true
        case .list(let items): return !items.isEmpty
        case .object: return true
        }
    }

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The value under `key` of an object.
    public subscript(key: String) -> TemplateValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The text a placeholder shows without a formatter.
    public func displayText(locale: TemplateLocale = .vi) -> String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.plainText
        case .text(let s): return s
        case .date(let d): return d.text ?? DatePicture.defaultText(d, locale: locale)
        case .list(let items): return items.map { $0.displayText(locale: locale) }.joined(separator: ",")
        case .object: return "[object Object]"
        }
    }
}

/// An object: entries in order, looked up by NFC key.
public struct TemplateObject: Sendable, Hashable {
    /// Keys in document order, and their positions. Records of one CSV are copies of one
    /// object with the values changed, so they share these two (copy on write) and each keeps
    /// only its values: a 100,000-row file costs its values, not 100,000 hash tables.
    public private(set) var keys: [String] = []
    private var index: [String: Int] = [:]
    private var slots: [TemplateValue] = []

    public init() {}

    public init(_ pairs: [(String, TemplateValue)]) {
        for (k, v) in pairs { self[k] = v }
    }

    public subscript(key: String) -> TemplateValue? {
        get {
            if let i = index[key] ?? index[Vietnamese.nfc(key)] { return slots[i] }
            return nil
        }
        set {
            let k = index[key] != nil ? key : Vietnamese.nfc(key)
            if let i = index[k] {
                if let newValue {
                    slots[i] = newValue
                } else {
                    keys.remove(at: i)
                    slots.remove(at: i)
                    index = [:]
                    for (j, key) in keys.enumerated() { index[key] = j }
                }
            } else if let newValue {
                index[k] = keys.count
                keys.append(k)
                slots.append(newValue)
            }
        }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The value of `key` looked up first at `hint` (a position where it was found before:
    /// records made from one prototype keep their keys in one order), then by hashing; `hint`
    /// is updated. A hit compares one key, so it can never return another key's value.
    func value(forKey key: String, hint: inout Int) -> TemplateValue? {
        if hint < keys.count, keys[hint] == key { return slots[hint] }
        guard let i = index[key] ?? index[Vietnamese.nfc(key)] else { return nil }
        hint = i
        return slots[i]
    }

    /// The text the value of `key` shows when it carries its own (text, or a number or date
    /// written with one) and sits at `hint`: read in place, without copying the value. Nil
    /// otherwise — the caller then takes `value(forKey:hint:)` and `displayText`.
    @inline(__always)
    func ownText(forKey key: String, hint: Int) -> String? {
        guard hint < keys.count, keys[hint] == key else { return nil }
        switch slots[hint] {
        case .text(let s): return s
        case .number(let n): return n.text
        case .date(let d): return d.text
        default: return nil
        }
    }

    /// An object with these keys (shared, not copied) and `values` in their order.
    public func withValues(_ values: [TemplateValue]) -> TemplateObject {
        precondition(values.count == keys.count, "one value per key")
        var o = self
        o.slots = values
        return o
    }

    /// The position of `key` among the keys (the order `withValues(_:)` takes), nil when absent.
    public func position(of key: String) -> Int? { index[key] ?? index[Vietnamese.nfc(key)] }

    public var entries: [(key: String, value: TemplateValue)] { keys.indices.map { (keys[$0], slots[$0]) } }

    public static func == (a: TemplateObject, b: TemplateObject) -> Bool { a.keys == b.keys && a.slots == b.slots }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        hasher.combine(slots)
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(TemplateNumber(Double(value))) }
    public init(floatLiteral value: Double) { self = .number(TemplateNumber(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self = .object(TemplateObject(elements)) }
    public init(nilLiteral: ()) { self = .null }
}

/// Month and day names and AM/PM of `\@` date pictures.
public enum TemplateLocale: String, Sendable, Hashable, CaseIterable {
    case vi
    case en
}

/// A chain of scopes, innermost last: names are looked up from the innermost outwards, and a
/// null or missing value falls through to the enclosing scope (docxtemplater's rule).
struct Scope {
    var frames: [TemplateValue]
    /// Indexes of the enclosing loops' current items (for "is this the first item").
    var itemPath: [Int] = []

    init(_ root: TemplateValue) { frames = [root] }

    /// The value of a dotted path, or nil when no scope has it.
    func lookup(_ path: TagPath) -> TemplateValue? {
        var hint = 0
        return lookup(path, hint: &hint)
    }

    /// `lookup(_:)` for a one-key path, trying the position the key had last time first (see
    /// `TemplateObject.value(forKey:hint:)`); longer paths take the general way.
    func lookup(_ path: TagPath, hint: inout Int) -> TemplateValue? {
        if path.isCurrent { return frames.last }
        if path.components.count == 1 {
            let key = path.components[0]
            // The innermost frame first, read in place: the hint's slot is returned without
            // copying the object around it.
            let found: TemplateValue?? = frames.withUnsafeBufferPointer { buffer in
                var i = buffer.count - 1
                while i >= 0 {
                    if let v = buffer[i].member(key, hint: &hint) {
                        if let v, !v.isNull { return .some(v) }
                    } else if let v = Scope.resolve(buffer[i], path), !v.isNull {
                        return .some(v)
                    }
                    i -= 1
                }
                return .none
            }
            if let found { return found }
        } else {
            var i = frames.count - 1
            while i >= 0 {
                if let v = Scope.resolve(frames[i], path), !v.isNull { return v }
                i -= 1
            }
        }
        // A key present with null anywhere: report null (present but empty), not missing.
        for f in frames.reversed() where Scope.resolve(f, path) != nil { return .null }
        return nil
    }

    static func resolve(_ value: TemplateValue, _ path: TagPath) -> TemplateValue? {
        var current = value
        for (n, key) in path.components.enumerated() {
            if case .object(let o) = current, let v = o[key] {
                current = v
            } else if case .list(let items) = current, let index = Int(key), index >= 0, index < items.count {
                current = items[index]
            } else if n > 0, key == "length" || key == "so_luong", case .list(let items) = current {
                current = .integer(items.count)
            } else {
                return nil
            }
        }
        return current
    }

    func pushing(_ value: TemplateValue, index: Int) -> Scope {
        var s = self
        s.frames.append(value)
        s.itemPath.append(index)
        return s
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
