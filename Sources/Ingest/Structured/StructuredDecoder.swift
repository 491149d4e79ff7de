import Foundation
import Vietnamese

// MARK: - Key paths

/// One step of a key path: a mapping key or a 0-based sequence index.
enum PathComponent: Hashable {
    case key(String)
    case index(Int)
}

/// A key path as messages show it: `ke_hoach.noi_dung[2].tieu_de`. Indices are 0-based, as
/// YAML and JSON tools count. Keys made of anything but letters, digits, `_` and `-` are
/// written in brackets and quotes: `don_vi["Tên đơn vị"]`. The root is the empty string.
func renderPath<C: Collection>(_ components: C) -> String where C.Element == PathComponent {
    var out = ""
    for component in components {
        switch component {
        case .index(let i):
            out += "[\(i)]"
        case .key(let key):
            let simple = !key.isEmpty && key.unicodeScalars.allSatisfy {
                $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-"
            }
            if simple {
                if !out.isEmpty { out += "." }
                out += key
            } else {
                out += "[\"" + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"]"
            }
        }
    }
    return out
}

/// A persistent (shared-tail) key path: extending it is O(1).
final class NodePath {
    let parent: NodePath?
    let component: PathComponent

    init(parent: NodePath?, _ component: PathComponent) {
        self.parent = parent
        self.component = component
    }

    var components: [PathComponent] {
        var list: [PathComponent] = []
        var node: NodePath? = self
        while let current = node {
            list.append(current.component)
            node = current.parent
        }
        return list.reversed()
    }
}

private func render(_ path: NodePath?) -> String {
    path.map { renderPath($0.components) } ?? ""
}

private func pathAppending(_ path: NodePath?, key: String) -> NodePath { NodePath(parent: path, .key(key)) }
private func pathAppending(_ path: NodePath?, index: Int) -> NodePath { NodePath(parent: path, .index(index)) }

/// A coding key built from a path component (for `codingPath`).
private struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { self.stringValue = "Index \(intValue)"; self.intValue = intValue }
}

// MARK: - Public API

/// Decodes plain `Decodable` models from `DataNode` trees, reporting every problem with the
/// file, key path and line, in Vietnamese.
///
/// Collecting errors: a bad scalar, a missing key or a value of the wrong shape is recorded and
/// replaced by a placeholder (empty string, 0, `false`, empty list, the first case of a
/// `CaseIterable` enum…) so decoding goes on and every error of the document is reported at
/// once; nothing decoded with errors is ever returned. Consequently a custom `init(from:)`
/// must not probe alternatives with `try?` on leaf values (it would get the placeholder);
/// inspect the raw node through `StructuredDecoding.node` instead. Errors thrown by a custom
/// `init(from:)` are reported at that value's location. When a value's placeholder cannot be
/// built either (a custom `init(from:)` that rejects it), decoding stops there and the errors
/// found so far are reported.
///
/// Value rules:
/// - `String`: any scalar, as written (NFC); `7` and `"007"` stay text.
/// - Numbers (`Int`…`UInt64`, `Double`, `Float`, `Decimal`): a plain YAML scalar or JSON
///   number uses the YAML/JSON form — `1234`, `-12.5`, `1.5e3`, `+7` ("." is the decimal point,
///   so plain `1.234` is one point two three four). A quoted scalar (or JSON string), or any
///   scalar containing ",", is read the Vietnamese way by `VietnameseNumber.parse(_:convention:
///   .vietnamese)`: `"1.234.567"` is 1234567, `"12,5"` is 12.5, `"15%"` is 0.15. `Double` and
///   `Float` also take `.inf`, `-.inf`, `.nan`. Integers must be whole and in range.
/// - `Bool`: `true`/`false`, `yes`/`no`, `on`/`off`, `có`/`không`, any case.
/// - `CivilDate`: `2019-04-11`, `11/4/2019`, `ngày 11 tháng 4 năm 2019`… through
///   `CivilDate.parse`; a bare number (an Excel serial or a year) is refused.
/// - `URL`: any scalar `URL(string:)` accepts.
/// - Optionals: a missing key, `~`, `null` or an empty value is `nil`. For a required value
///   these are `missingKey` (key absent) or `missingValue` (key present, value empty).
/// - Enums with `String` or `Int` raw values: errors list the allowed values when the enum is
///   `CaseIterable`, with a "did you mean" suggestion.
/// - Keys are matched exactly; a key the model never asks for is an unknown key, reported
///   according to `unknownKeys`, with a suggestion when a key the model expects is close
///   (same letters ignoring case, diacritics and spacing, or a small edit distance).
/// - Key paths in issues are like `ke_hoach.noi_dung[2].tieu_de`, indices 0-based. The line is
///   the offending node's; for a missing key, the line of the mapping that lacks it. Values
///   reached through a YAML alias carry the anchor's line.
public struct StructuredDecoder: Sendable {
    /// What to do with keys the model does not use.
    public enum UnknownKeyPolicy: Sendable, Hashable {
        /// Report a warning (the default) and go on.
        case warn
        /// Report an error: the document is refused.
        case error
        /// Say nothing.
        case ignore
    }

    public var unknownKeys: UnknownKeyPolicy
    /// The most errors (and, separately, warnings) listed; further errors are only counted
    /// (`IngestError.unlistedErrors`).
    public var maximumIssues: Int
    /// Passed to `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init(unknownKeys: UnknownKeyPolicy = .warn, maximumIssues: Int = 1000,
                userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.unknownKeys = unknownKeys
        self.maximumIssues = maximumIssues
        self.userInfo = userInfo
    }

    /// Decodes `type` from `node`; `file` names the document in issues. Throws every error
    /// found (with the warnings) as one `IngestError`; warnings of a successful decode are
    /// dropped — use `decodeWithWarnings` to get them.
    public func decode<T: Decodable>(_ type: T.Type, from node: DataNode, file: String) throws(IngestError) -> T {
        try decodeWithWarnings(type, from: node, file: file).value
    }

    /// Decodes `type` from `node` and returns the warnings (unknown keys) with the value.
    public func decodeWithWarnings<T: Decodable>(_ type: T.Type, from node: DataNode,
                                                 file: String) throws(IngestError) -> (value: T, warnings: [IngestIssue]) {
        let session = DecodingSession(file: file, options: self)
        var value: T?
        do {
            value = try session.decodePresent(T.self, node: node, path: nil)
        } catch {
            if session.errorCount == 0 {
                session.record(IngestIssue(.invalidValue, at: SourceLocation(file: file, line: node.line),
                                           message: "Không đọc được dữ liệu của tệp (\(error)). Kiểm tra cấu trúc của tệp."))
            }
        }
        guard session.errorCount == 0, let value else {
            throw IngestError(file: file, issues: session.sortedIssues(), unlistedErrors: session.unlistedErrors)
        }
        return (value, session.sortedIssues())
    }

    /// Loads the file at `path` (YAML or JSON by extension) and decodes `type` from it.
    public func decode<T: Decodable>(_ type: T.Type, path: String,
                                     limits: StructuredLimits = .default) throws(IngestError) -> T {
        try decodeWithWarnings(type, path: path, limits: limits).value
    }

    /// Loads the file at `path` and decodes `type` from it, returning the warnings too.
    public func decodeWithWarnings<T: Decodable>(_ type: T.Type, path: String,
                                                 limits: StructuredLimits = .default) throws(IngestError) -> (value: T, warnings: [IngestIssue]) {
        let node = try StructuredLoader.load(path: path, limits: limits)
        return try decodeWithWarnings(type, from: node, file: path)
    }
}

/// The decoder `StructuredDecoder` hands to `init(from:)`. A custom initialiser can cast to it
/// (`decoder as? any StructuredDecoding`) to look at the raw node, e.g. to accept either a
/// number or a text without probing with `try?`.
public protocol StructuredDecoding: Decoder {
    /// The node being decoded, or nil while a placeholder is built for a missing value.
    var node: DataNode? { get }
    /// The key path of the node, e.g. `ke_hoach.noi_dung[2]` (empty at the root).
    var keyPath: String { get }
    /// The file name used in issues.
    var file: String { get }
}

// MARK: - CivilDate

extension CivilDate: Decodable {
    /// Decodes a date from text in any form `CivilDate.parse` reads, except a bare number.
    /// `StructuredDecoder` handles dates itself (with Vietnamese issues); other decoders get a
    /// `DecodingError.dataCorrupted` carrying the Vietnamese message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        switch DecodingSession.parseDate(text) {
        case .success(let date):
            self = date
        case .failure(let problem):
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: container.codingPath,
                                                                    debugDescription: problem.message))
        }
    }
}

// MARK: - Session

/// An error already recorded in the session: callers only unwind.
private struct AlreadyReported: Error {}

/// An issue found by a container call that must throw (so custom code can react); recorded
/// where it escapes a value's `init(from:)`.
private struct PendingIssue: Error {
    let issue: IngestIssue
}

private protocol OptionalMarker {}
extension Optional: OptionalMarker {}

/// A problem with a scalar, described in Vietnamese.
struct ValueProblem: Error {
    var kind: IngestIssue.Kind
    var message: String
}

/// The state of one `decode` call: options and the issues found so far.
final class DecodingSession {
    let file: String
    let policy: StructuredDecoder.UnknownKeyPolicy
    let maximumIssues: Int
    let userInfo: [CodingUserInfoKey: Any]
    private var issues: [IngestIssue] = []
    private(set) var errorCount = 0
    private var listedErrors = 0
    private var listedWarnings = 0
    private(set) var unlistedErrors = 0
    /// Suggestions cost an edit distance per candidate: only so many per document.
    private var suggestionBudget = 2000

    init(file: String, options: StructuredDecoder) {
        self.file = file
        self.policy = options.unknownKeys
        self.maximumIssues = max(1, options.maximumIssues)
        var info: [CodingUserInfoKey: Any] = [:]
        for (key, value) in options.userInfo { info[key] = value }
        self.userInfo = info
    }

    func record(_ issue: IngestIssue) {
        if issue.severity == .error {
            errorCount += 1
            if listedErrors < maximumIssues {
                listedErrors += 1
                issues.append(issue)
            } else {
                unlistedErrors += 1
            }
        } else if listedWarnings < maximumIssues {
            listedWarnings += 1
            issues.append(issue)
        }
    }

    /// Issues in document order (by line; equal lines keep the order found).
    func sortedIssues() -> [IngestIssue] {
        issues.enumerated().sorted { a, b in
            let la = a.element.location.line ?? Int.max, lb = b.element.location.line ?? Int.max
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
    }

    func location(_ path: NodePath?, line: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, keyPath: render(path))
    }

    /// "«ke_hoach.so_hieu»", or "phần gốc của tệp" for the root.
    static func place(_ path: NodePath?) -> String {
        let text = render(path)
        return text.isEmpty ? "phần gốc của tệp" : "«\(text)»"
    }

    // MARK: Decoding values

    /// Decodes a value that is present in the document.
    func decodePresent<T: Decodable>(_ type: T.Type, node: DataNode, path: NodePath?) throws -> T {
        if let leaf = try decodeLeaf(T.self, node: node, path: path) { return leaf }
        let decoder = NodeDecoder(session: self, node: node, path: path, line: node.line)
        let errorsBefore = errorCount
        do {
            let value = try T(from: decoder)
            reportUnknownKeys(of: decoder)
            return value
        } catch {
            if errorCount == errorsBefore {
                record(issue(for: error, type: T.self, node: node, path: path))
            }
            return try placeholder(T.self, path: path, line: node.line)
        }
    }

    /// A value standing in for one that is missing or wrong (an error was recorded, or the
    /// key is optional): nothing is recorded while building it.
    func placeholder<T: Decodable>(_ type: T.Type, path: NodePath?, line: Int) throws -> T {
        if let value = Self.leafPlaceholder(T.self) { return value }
        if let cases = T.self as? any CaseIterable.Type, let first = Self.firstCase(cases) as? T { return first }
        let decoder = NodeDecoder(session: self, node: nil, path: path, line: line)
        do {
            return try T(from: decoder)
        } catch {
            throw AlreadyReported()
        }
    }

    private static func firstCase<E: CaseIterable>(_ type: E.Type) -> Any? { type.allCases.first }

    private func issue(for error: any Error, type: Any.Type, node: DataNode, path: NodePath?) -> IngestIssue {
        if let pending = error as? PendingIssue { return pending.issue }
        let at = location(path, line: node.line)
        if let allowed = Self.allowedRawValues(type) {
            if case .scalar(let text, _) = node.content {
                var message = "Giá trị \(quoteForMessage(text)) ở \(Self.place(path)) không hợp lệ."
                let shown = allowed.prefix(30).map { "«\($0)»" }.joined(separator: ", ")
                message += " Các giá trị được phép: \(shown)\(allowed.count > 30 ? ", …" : "")."
                if let guess = suggestion(for: text, among: allowed) { message += " Có phải ý bạn là «\(guess)»?" }
                return IngestIssue(.invalidValue, at: at, value: text, message: message)
            }
            return typeIssue(node: node, path: path, expected: "một giá trị trong danh sách cho phép",
                             hint: "Viết một trong các giá trị: \(allowed.prefix(30).map { "«\($0)»" }.joined(separator: ", ")).")
        }
        let value = node.scalar
        let detail: String
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
             DecodingError.valueNotFound(_, let context):
            detail = context.debugDescription
        case DecodingError.keyNotFound(let key, _):
            return IngestIssue(.missingKey, at: location(pathAppending(path, key: key.stringValue), line: node.line),
                               message: "Thiếu khóa «\(key.stringValue)» (bắt buộc) trong \(Self.place(path)). Thêm khóa này vào tệp.")
        default:
            detail = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        }
        let shown = value.map { "Giá trị \(quoteForMessage($0))" } ?? "Giá trị"
        return IngestIssue(.invalidValue, at: at, value: value,
                           message: "\(shown) ở \(Self.place(path)) không hợp lệ: \(detail). Sửa giá trị này trong tệp.")
    }

    private static func stringCases<E: CaseIterable & RawRepresentable<String>>(_ type: E.Type) -> [String] {
        type.allCases.map(\.rawValue)
    }

    private static func intCases<E: CaseIterable & RawRepresentable<Int>>(_ type: E.Type) -> [String] {
        type.allCases.map { String($0.rawValue) }
    }

    private static func allowedRawValues(_ type: Any.Type) -> [String]? {
        if let t = type as? any (CaseIterable & RawRepresentable<String>).Type { return stringCases(t) }
        if let t = type as? any (CaseIterable & RawRepresentable<Int>).Type { return intCases(t) }
        return nil
    }

    /// An issue for a node of the wrong shape: `missingValue` when it is null.
    func typeIssue(node: DataNode, path: NodePath?, expected: String, hint: String) -> IngestIssue {
        let at = location(path, line: node.line)
        if node.isNull {
            return IngestIssue(.missingValue, at: at,
                               message: "Giá trị ở \(Self.place(path)) để trống nhưng cần \(expected). Điền giá trị vào tệp. \(hint)")
        }
        return IngestIssue(.wrongType, at: at, value: node.scalar,
                           message: "Giá trị ở \(Self.place(path)) phải là \(expected) nhưng tệp ghi \(node.foundDescription). \(hint)")
    }

    // MARK: Leaves

    private static func leafPlaceholder<T>(_ type: T.Type) -> T? {
        if T.self == String.self { return "" as? T }
        if T.self == Bool.self { return false as? T }
        if T.self == Double.self { return Double(0) as? T }
        if T.self == Float.self { return Float(0) as? T }
        if T.self == Decimal.self { return Decimal(0) as? T }
        if T.self == CivilDate.self { return CivilDate.minimum as? T }
        if T.self == URL.self { return URL(fileURLWithPath: "/") as? T }
        if let integer = T.self as? any FixedWidthInteger.Type { return zero(integer) as? T }
        return nil
    }

    private static func zero<I: FixedWidthInteger>(_ type: I.Type) -> Any { I.zero }

    /// The scalar types the decoder reads itself.
    private enum Leaf {
        case string, bool, double, float, decimal, date, url
        case integer(any FixedWidthInteger.Type)

        init?(_ type: Any.Type) {
            if type == String.self { self = .string }
            else if type == Int.self { self = .integer(Int.self) }
            else if type == Bool.self { self = .bool }
            else if type == Double.self { self = .double }
            else if type == CivilDate.self { self = .date }
            else if type == Decimal.self { self = .decimal }
            else if type == Float.self { self = .float }
            else if type == URL.self { self = .url }
            else if let integer = type as? any FixedWidthInteger.Type { self = .integer(integer) }
            else { return nil }
        }

        /// What the value must be, and how to write it, for messages.
        var expectation: (expected: String, hint: String) {
            switch self {
            case .string: return ("một chuỗi", "Viết một giá trị đơn, ví dụ một chuỗi trong ngoặc kép.")
            case .bool: return ("một giá trị đúng/sai", "Viết true hoặc false (hoặc có/không).")
            case .double, .float, .decimal: return ("một số", "Viết một số, ví dụ 12.5.")
            case .date: return ("một ngày", "Viết ngày dạng 11/04/2019, 2019-04-11 hoặc «ngày 11 tháng 4 năm 2019».")
            case .url: return ("một địa chỉ (URL)", "Viết địa chỉ đầy đủ, ví dụ https://example.gov.vn/van-ban.")
            case .integer: return ("một số nguyên", "Viết một số nguyên, ví dụ 12.")
            }
        }

        func read(_ text: String, quoted: Bool) -> Result<Any, ValueProblem> {
            switch self {
            case .string:
                return .success(text)
            case .bool:
                return DecodingSession.parseBool(text).map { $0 as Any }
            case .double:
                return DecodingSession.parseDouble(text, quoted: quoted).map { $0 as Any }
            case .float:
                return DecodingSession.parseDouble(text, quoted: quoted).flatMap { d -> Result<Any, ValueProblem> in
                    let f = Float(d)
                    if f.isInfinite && !d.isInfinite { return .failure(DecodingSession.outOfRange(text, "số thực Float")) }
                    return .success(f)
                }
            case .decimal:
                return DecodingSession.parseDecimal(text, quoted: quoted).map { $0 as Any }
            case .date:
                return DecodingSession.parseDate(text).map { $0 as Any }
            case .url:
                if !text.isEmpty, let url = URL(string: text) { return .success(url) }
                return .failure(ValueProblem(kind: .invalidValue, message: "\(quoteForMessage(text)) không phải địa chỉ (URL) hợp lệ. Viết địa chỉ đầy đủ, ví dụ https://example.gov.vn/van-ban."))
            case .integer(let type):
                return DecodingSession.parseIntegerOpened(type, text, quoted: quoted)
            }
        }
    }

    /// Decodes the scalar types the decoder knows itself; nil when `T` is not one of them.
    /// A problem is recorded and the placeholder returned.
    private func decodeLeaf<T>(_ type: T.Type, node: DataNode, path: NodePath?) throws -> T? {
        guard let leaf = Leaf(T.self) else { return nil }
        guard case .scalar(let text, let quoted) = node.content else {
            let (expected, hint) = leaf.expectation
            record(typeIssue(node: node, path: path, expected: expected, hint: hint))
            return Self.leafPlaceholder(T.self)
        }
        switch leaf.read(text, quoted: quoted) {
        case .success(let value):
            if let typed = value as? T { return typed }
            return Self.leafPlaceholder(T.self)
        case .failure(let problem):
            record(IngestIssue(problem.kind, at: location(path, line: node.line), value: text,
                               message: "Giá trị ở \(Self.place(path)): \(problem.message)"))
            return Self.leafPlaceholder(T.self)
        }
    }

    // MARK: Scalar parsing

    private static let trueWords: Set<String> = ["true", "yes", "on", "có"]
    private static let falseWords: Set<String> = ["false", "no", "off", "không"]

    static func parseBool(_ text: String) -> Result<Bool, ValueProblem> {
        let word = Vietnamese.nfc(trimSpaces(text)).lowercased()
        if trueWords.contains(word) { return .success(true) }
        if falseWords.contains(word) { return .success(false) }
        return .failure(ValueProblem(kind: .invalidValue,
                                     message: "\(quoteForMessage(text)) không phải giá trị đúng/sai. Dùng true/false, yes/no hoặc có/không."))
    }

    /// Whether `text` is a plain YAML/JSON number: `[+-]?digits(.digits)?([eE][+-]?digits)?`.
    static func isPlainNumber(_ text: String) -> (valid: Bool, integer: Bool) {
        // 0 start, 1 sign, 2 integer digits, 3 ".", 4 fraction digits, 5 "e", 6 exponent sign,
        // 7 exponent digits.
        var state = 0
        for b in text.utf8 {
            let digit = b >= 0x30 && b <= 0x39
            switch (state, b) {
            case (0, UInt8(ascii: "+")), (0, UInt8(ascii: "-")): state = 1
            case (0, _) where digit, (1, _) where digit, (2, _) where digit: state = 2
            case (2, UInt8(ascii: ".")): state = 3
            case (3, _) where digit, (4, _) where digit: state = 4
            case (2, UInt8(ascii: "e")), (2, UInt8(ascii: "E")), (4, UInt8(ascii: "e")), (4, UInt8(ascii: "E")): state = 5
            case (5, UInt8(ascii: "+")), (5, UInt8(ascii: "-")): state = 6
            case (5, _) where digit, (6, _) where digit, (7, _) where digit: state = 7
            default: return (false, false)
            }
        }
        return (state == 2 || state == 4 || state == 7, state == 2)
    }

    /// `text` without surrounding spaces and tabs; free when there are none.
    static func trimSpaces(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return text }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
    }

    /// Whether a number is read the Vietnamese way (see `StructuredDecoder`).
    private static func isVietnamese(_ text: String, quoted: Bool) -> Bool {
        quoted || text.utf8.contains(UInt8(ascii: ","))
    }

    private static func notANumber(_ text: String, quoted: Bool, vietnameseError: VietnameseTextError?) -> ValueProblem {
        if let vietnameseError {
            let note = quoted
                ? " (giá trị trong ngoặc kép được đọc theo kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân; bỏ ngoặc kép để viết số kiểu 12.5)"
                : ""
            return ValueProblem(kind: .invalidNumber, message: vietnameseError.message + note)
        }
        let dots = text.filter { $0 == "." }.count
        if dots > 1 && text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) {
            let joined = text.replacingOccurrences(of: ".", with: "")
            return ValueProblem(kind: .invalidNumber,
                                message: "\(quoteForMessage(text)) không phải số. Số viết kiểu Việt Nam có dấu chấm ngăn cách hàng nghìn phải đặt trong ngoặc kép, ví dụ \"\(text)\"; hoặc viết liền không dấu: \(joined).")
        }
        return ValueProblem(kind: .invalidNumber,
                            message: "\(quoteForMessage(text)) không phải số. Viết số như 1234 hoặc 12.5; số viết kiểu Việt Nam («1.234.567», «12,5») cần đặt trong ngoặc kép.")
    }

    static func outOfRange(_ text: String, _ range: String) -> ValueProblem {
        ValueProblem(kind: .invalidNumber, message: "số \(quoteForMessage(text)) nằm ngoài giới hạn cho phép (\(range)). Sửa lại số này.")
    }

    static func parseDecimal(_ text: String, quoted: Bool) -> Result<Decimal, ValueProblem> {
        let trimmed = trimSpaces(text)
        if isVietnamese(trimmed, quoted: quoted) {
            do {
                return .success(try VietnameseNumber.parse(trimmed, convention: .vietnamese))
            } catch {
                return .failure(notANumber(text, quoted: quoted, vietnameseError: error))
            }
        }
        guard isPlainNumber(trimmed).valid else { return .failure(notANumber(text, quoted: quoted, vietnameseError: nil)) }
        do {
            return .success(try VietnameseNumber.parse(trimmed, convention: .english))
        } catch {
            return .failure(notANumber(text, quoted: quoted, vietnameseError: error))
        }
    }

    static func parseDouble(_ text: String, quoted: Bool) -> Result<Double, ValueProblem> {
        let trimmed = trimSpaces(text)
        if !quoted {
            switch trimmed {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .success(.infinity)
            case "-.inf", "-.Inf", "-.INF": return .success(-.infinity)
            case ".nan", ".NaN", ".NAN": return .success(.nan)
            default: break
            }
            if isPlainNumber(trimmed).valid {
                guard let value = Double(trimmed) else { return .failure(notANumber(text, quoted: quoted, vietnameseError: nil)) }
                if value.isInfinite { return .failure(outOfRange(text, "số thực Double")) }
                return .success(value)
            }
        }
        return parseDecimal(text, quoted: quoted).flatMap { decimal in
            guard let value = Double("\(decimal)"), value.isFinite else { return .failure(outOfRange(text, "số thực Double")) }
            return .success(value)
        }
    }

    static func parseIntegerOpened<I: FixedWidthInteger>(_ type: I.Type, _ text: String, quoted: Bool) -> Result<Any, ValueProblem> {
        parseInteger(I.self, text, quoted: quoted).map { $0 as Any }
    }

    static func parseInteger<I: FixedWidthInteger>(_ type: I.Type, _ text: String, quoted: Bool) -> Result<I, ValueProblem> {
        let trimmed = trimSpaces(text)
        let range = "\(I.min)…\(I.max)"
        if !isVietnamese(trimmed, quoted: quoted) {
            let form = isPlainNumber(trimmed)
            guard form.valid else { return .failure(notANumber(text, quoted: quoted, vietnameseError: nil)) }
            if form.integer {
                guard let value = I(trimmed, radix: 10) else { return .failure(outOfRange(text, range)) }
                return .success(value)
            }
        }
        return parseDecimal(text, quoted: quoted).flatMap { decimal in
            var value = decimal
            var rounded = Decimal()
            NSDecimalRound(&rounded, &value, 0, .plain)
            guard rounded == decimal else {
                var message = "\(quoteForMessage(text)) không phải số nguyên. Viết một số nguyên, ví dụ 12."
                if !quoted, let dot = trimmed.utf8.firstIndex(of: UInt8(ascii: ".")),
                   trimmed.utf8[trimmed.utf8.index(after: dot)...].count == 3 {
                    message += " Trong YAML/JSON dấu chấm là dấu thập phân; nếu muốn viết số có dấu chấm ngăn cách hàng nghìn, hãy đặt trong ngoặc kép (\"\(trimmed)\") hoặc viết liền không dấu."
                }
                return .failure(ValueProblem(kind: .invalidNumber, message: message))
            }
            guard let value = I("\(rounded)", radix: 10) else { return .failure(outOfRange(text, range)) }
            return .success(value)
        }
    }

    static func parseDate(_ text: String) -> Result<CivilDate, ValueProblem> {
        let trimmed = trimSpaces(text)
        if !trimmed.isEmpty && trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            return .failure(ValueProblem(kind: .invalidDate,
                                         message: "\(quoteForMessage(text)) không phải ngày: một số đứng riêng không được hiểu là ngày. Viết ngày dạng 11/04/2019, 2019-04-11 hoặc «ngày 11 tháng 4 năm 2019»."))
        }
        do {
            return .success(try CivilDate.parse(trimmed))
        } catch {
            return .failure(ValueProblem(kind: .invalidDate, message: "ngày \(quoteForMessage(text)) không hợp lệ. \(error.message)"))
        }
    }

    // MARK: Unknown keys and suggestions

    func reportUnknownKeys(of decoder: NodeDecoder) {
        for child in decoder.children { reportUnknownKeys(of: child) }
        guard policy != .ignore else { return }
        for usage in decoder.usages {
            var absent: [String]?
            for entry in usage.entries where !usage.requested.contains(entry.key) {
                if absent == nil { absent = usage.requestedOrder.filter { usage.lookup($0) == nil } }
                var message: String
                if policy == .warn {
                    message = "Khóa \(quoteForMessage(entry.key)) không được dùng ở \(Self.place(decoder.path)) nên bị bỏ qua."
                } else {
                    message = "Khóa \(quoteForMessage(entry.key)) không được phép ở \(Self.place(decoder.path))."
                }
                if let guess = suggestion(for: entry.key, among: absent ?? []) {
                    message += " Có phải ý bạn là «\(guess)»? Sửa tên khóa cho đúng."
                } else {
                    message += policy == .warn ? " Xóa khóa này nếu không cần, hoặc kiểm tra tên khóa." : " Xóa khóa này hoặc sửa tên khóa."
                }
                record(IngestIssue(.unknownKey, policy == .warn ? .warning : .error,
                                   at: location(pathAppending(decoder.path, key: entry.key), line: entry.line),
                                   value: entry.key, message: message))
            }
        }
    }

    /// The candidate closest to `text`: equal ignoring case, diacritics and spacing
    /// (`ColumnName.key`), or within a small edit distance of that form.
    func suggestion(for text: String, among candidates: [String]) -> String? {
        guard !candidates.isEmpty, suggestionBudget > 0 else { return nil }
        suggestionBudget -= 1
        let target = Array(ColumnName.key(String(text.prefix(64))).unicodeScalars)
        guard !target.isEmpty else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates.prefix(200) {
            let key = Array(ColumnName.key(String(candidate.prefix(64))).unicodeScalars)
            if key == target { return candidate }
            let longest = max(key.count, target.count)
            let limit = longest <= 2 ? 0 : longest <= 4 ? 1 : longest <= 8 ? 2 : 3
            guard limit > 0, abs(key.count - target.count) <= limit else { continue }
            let d = Self.editDistance(target, key)
            if d <= limit && d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        return best?.candidate
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Records a missing required key, suggesting a similar key the mapping has.
    func recordMissingKey(_ name: String, usage: KeyUsage, path: NodePath?) {
        var message = "Thiếu khóa «\(name)» (bắt buộc) trong \(Self.place(path)). Thêm khóa này vào tệp."
        if usage.entries.count <= 200 {
            let unused = usage.entries.map(\.key).filter { !usage.requested.contains($0) }
            if let guess = suggestion(for: name, among: unused), let entry = usage.entries.first(where: { $0.key == guess }) {
                message += " Tệp có khóa «\(guess)» ở dòng \(entry.line): có phải là khóa này viết sai tên?"
            }
        }
        record(IngestIssue(.missingKey, at: location(pathAppending(path, key: name), line: usage.node.line), message: message))
    }
}

// MARK: - Decoder

/// The keys of one mapping and which of them the model asked for.
final class KeyUsage {
    let node: DataNode
    let entries: [DataNode.Entry]
    private(set) var requested: Set<String> = []
    private(set) var requestedOrder: [String] = []
    private var index: [String: Int]?

    init(node: DataNode, entries: [DataNode.Entry]) {
        self.node = node
        self.entries = entries
    }

    func request(_ key: String) {
        if requested.insert(key).inserted { requestedOrder.append(key) }
    }

    func lookup(_ key: String) -> DataNode.Entry? {
        if entries.count <= 8 { return entries.first { $0.key == key } }
        if index == nil {
            var built: [String: Int] = [:]
            built.reserveCapacity(entries.count)
            for (i, entry) in entries.enumerated() where built[entry.key] == nil { built[entry.key] = i }
            index = built
        }
        return index?[key].map { entries[$0] }
    }
}

final class NodeDecoder: StructuredDecoding {
    let session: DecodingSession
    let node: DataNode?
    let path: NodePath?
    /// The line for issues about this value when it is missing (the parent's).
    let line: Int
    var usages: [KeyUsage] = []
    var children: [NodeDecoder] = []

    init(session: DecodingSession, node: DataNode?, path: NodePath?, line: Int) {
        self.session = session
        self.node = node
        self.path = path
        self.line = line
    }

    var keyPath: String { render(path) }
    var file: String { session.file }

    var codingPath: [any CodingKey] {
        (path?.components ?? []).map { component -> any CodingKey in
            switch component {
            case .key(let key): return AnyCodingKey(stringValue: key)
            case .index(let i): return AnyCodingKey(intValue: i)
            }
        }
    }

    var userInfo: [CodingUserInfoKey: Any] { session.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let node else { return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, usage: nil)) }
        guard case .mapping(let entries) = node.content else {
            throw PendingIssue(issue: session.typeIssue(
                node: node, path: path, expected: "một bảng khóa–giá trị",
                hint: "Viết các cặp «khóa: giá trị» thụt lề bên dưới (JSON: { \"khoa\": giá trị })."))
        }
        let usage = KeyUsage(node: node, entries: entries)
        usages.append(usage)
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, usage: usage))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let node else { return UnkeyedContainer(decoder: self, elements: []) }
        guard case .sequence(let items) = node.content else {
            throw PendingIssue(issue: session.typeIssue(
                node: node, path: path, expected: "một danh sách",
                hint: "Viết mỗi phần tử trên một dòng bắt đầu bằng «- » (JSON: [ … ]); viết [] cho danh sách rỗng."))
        }
        return UnkeyedContainer(decoder: self, elements: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(decoder: self)
    }

    /// Decodes `T` from `node` (present) or builds its placeholder (absent).
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        guard let node else { return try session.placeholder(T.self, path: path, line: line) }
        return try session.decodePresent(T.self, node: node, path: path)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    /// nil while building a placeholder: every key is absent, nothing is reported.
    let usage: KeyUsage?

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        guard let usage else { return [] }
        return usage.entries.compactMap { entry in
            guard let key = Key(stringValue: entry.key) else { return nil }
            usage.request(entry.key)
            return key
        }
    }

    private var session: DecodingSession { decoder.session }

    private func entry(_ key: Key) -> DataNode.Entry? {
        guard let usage else { return nil }
        usage.request(key.stringValue)
        return usage.lookup(key.stringValue)
    }

    func contains(_ key: Key) -> Bool { entry(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let entry = entry(key) else { return true }
        return entry.value.isNull
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let path = pathAppending(decoder.path, key: key.stringValue)
        guard let usage else { return try session.placeholder(T.self, path: path, line: decoder.line) }
        guard let entry = entry(key) else {
            if !(T.self is any OptionalMarker.Type) {
                session.recordMissingKey(key.stringValue, usage: usage, path: decoder.path)
            }
            return try session.placeholder(T.self, path: path, line: usage.node.line)
        }
        return try session.decodePresent(T.self, node: entry.value, path: path)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let entry = entry(key), !entry.value.isNull else { return nil }
        return try session.decodePresent(T.self, node: entry.value, path: pathAppending(decoder.path, key: key.stringValue))
    }

    private func childDecoder(_ key: Key) -> NodeDecoder {
        let path = pathAppending(decoder.path, key: key.stringValue)
        let found = entry(key)
        if found == nil, let usage {
            session.recordMissingKey(key.stringValue, usage: usage, path: decoder.path)
        }
        let sub = NodeDecoder(session: session, node: found?.value, path: path, line: found?.line ?? usage?.node.line ?? decoder.line)
        decoder.children.append(sub)
        return sub
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try childDecoder(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try childDecoder(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        let sub = NodeDecoder(session: session, node: usage?.node, path: decoder.path, line: decoder.line)
        decoder.children.append(sub)
        return sub
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { childDecoder(key) }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeGeneric(type as Bool.Type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeGeneric(type as String.Type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeGeneric(type as Double.Type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decodeGeneric(type as Float.Type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeGeneric(type as Int.Type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeGeneric(type as Int8.Type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeGeneric(type as Int16.Type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeGeneric(type as Int32.Type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeGeneric(type as Int64.Type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeGeneric(type as UInt.Type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeGeneric(type as UInt8.Type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeGeneric(type as UInt16.Type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeGeneric(type as UInt32.Type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeGeneric(type as UInt64.Type, key) }

    private func decodeGeneric<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try decode(type, forKey: key)
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let elements: [DataNode]
    private(set) var currentIndex = 0

    init(decoder: NodeDecoder, elements: [DataNode]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private var session: DecodingSession { decoder.session }

    private func endIssue() -> PendingIssue {
        let node = decoder.node
        return PendingIssue(issue: IngestIssue(
            .missingValue, at: session.location(decoder.path, line: node?.line ?? decoder.line),
            message: "Danh sách ở \(DecodingSession.place(decoder.path)) thiếu phần tử: có \(elements.count) phần tử nhưng cần nhiều hơn. Thêm phần tử còn thiếu."))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else {
            if decoder.node == nil { return true }
            throw endIssue()
        }
        if elements[currentIndex].isNull {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let index = currentIndex
        let path = pathAppending(decoder.path, index: index)
        guard !isAtEnd else {
            if decoder.node == nil { return try session.placeholder(T.self, path: path, line: decoder.line) }
            throw endIssue()
        }
        currentIndex += 1
        return try session.decodePresent(T.self, node: elements[index], path: path)
    }

    private mutating func nextDecoder() throws -> NodeDecoder {
        let index = currentIndex
        guard !isAtEnd else {
            if decoder.node == nil {
                return NodeDecoder(session: session, node: nil, path: pathAppending(decoder.path, index: index), line: decoder.line)
            }
            throw endIssue()
        }
        currentIndex += 1
        let sub = NodeDecoder(session: session, node: elements[index], path: pathAppending(decoder.path, index: index), line: elements[index].line)
        decoder.children.append(sub)
        return sub
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try nextDecoder().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try nextDecoder().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try nextDecoder() }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try decodeGeneric(type) }
    mutating func decode(_ type: String.Type) throws -> String { try decodeGeneric(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try decodeGeneric(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try decodeGeneric(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try decodeGeneric(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try decodeGeneric(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try decodeGeneric(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try decodeGeneric(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try decodeGeneric(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try decodeGeneric(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeGeneric(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeGeneric(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeGeneric(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeGeneric(type) }

    private mutating func decodeGeneric<T: Decodable>(_ type: T.Type) throws -> T { try decode(type) }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.node?.isNull ?? true }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }

    func decode(_ type: Bool.Type) throws -> Bool { try decoder.decodeValue(type) }
    func decode(_ type: String.Type) throws -> String { try decoder.decodeValue(type) }
    func decode(_ type: Double.Type) throws -> Double { try decoder.decodeValue(type) }
    func decode(_ type: Float.Type) throws -> Float { try decoder.decodeValue(type) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.decodeValue(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.decodeValue(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.decodeValue(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.decodeValue(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.decodeValue(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.decodeValue(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.decodeValue(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.decodeValue(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.decodeValue(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.decodeValue(type) }
}
