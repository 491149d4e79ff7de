import Foundation
import Vietnamese
import Yams

/// The two formats of hand-written data files.
public enum StructuredFormat: String, Sendable, Hashable, CaseIterable {
    case yaml
    case json

    /// The format named by a path's extension (`.yaml`, `.yml`, `.json`, any case), or nil.
    public init?(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "yaml", "yml": self = .yaml
        case "json": self = .json
        default: return nil
        }
    }

    var displayName: String { self == .yaml ? "YAML" : "JSON" }
}

/// Limits that keep hostile or broken files from exhausting memory or time.
public struct StructuredLimits: Sendable, Hashable {
    /// The largest document accepted, in bytes (BOM included). Default 64 MiB.
    public var maximumBytes: Int
    /// The most nodes YAML aliases (`*name`) may add by repeating anchored values; guards
    /// against "billion laughs" documents. Default 1,000,000.
    public var maximumAliasExpansion: Int
    /// The deepest nesting of sequences and mappings. Default 512.
    public var maximumDepth: Int

    public init(maximumBytes: Int = 64 << 20, maximumAliasExpansion: Int = 1_000_000, maximumDepth: Int = 512) {
        self.maximumBytes = maximumBytes
        self.maximumAliasExpansion = maximumAliasExpansion
        self.maximumDepth = maximumDepth
    }

    public static let `default` = StructuredLimits()
}

/// Reads YAML and JSON documents into `DataNode` trees that remember lines and columns.
///
/// - Encoding: UTF-8, with or without a BOM. Invalid UTF-8 (or a UTF-16 file) is an
///   `invalidByteSequence` error giving the byte offset (BOM included) and the line.
/// - YAML goes through Yams (libyaml) with its composer — the same path as `Yams.compose`, but
///   keeping the `Yams.Parser` alive so anchors can be recognised. One document per file.
///   Anchors, aliases and merge keys (`<<: *base`) are resolved; alias expansion is counted
///   and limited (`StructuredLimits.maximumAliasExpansion`). Duplicate keys in one mapping are
///   errors naming both lines. Mapping keys must be scalars; a document that uses aliases
///   refuses complex keys (`? key`, `[a, b]: v`, `*alias : v`), whose hashing inside Yams could
///   otherwise blow up exponentially.
/// - JSON uses a strict RFC 8259 parser of our own (no comments, no trailing commas, no
///   leading zeros, no lone surrogates, control characters only as escapes, depth ≤
///   `maximumDepth`), since Foundation's gives no positions. Duplicate keys are errors.
/// - Every string (values and keys) is returned in NFC.
///
/// Every failure is an `IngestError` whose issues name the file and line, in Vietnamese.
public enum StructuredLoader {
    /// Reads the file at `path`, choosing YAML or JSON by its extension (`.yaml`, `.yml`,
    /// `.json`). The path as given is the file name in messages.
    public static func load(path: String, limits: StructuredLimits = .default) throws(IngestError) -> DataNode {
        guard let format = StructuredFormat(path: path) else {
            throw single(.unreadableFile, file: path, line: nil,
                         "Không nhận ra định dạng của tệp: cần phần mở rộng .yaml, .yml hoặc .json. Đổi tên tệp cho đúng định dạng của nội dung.")
        }
        let bytes = try readFile(path, limit: limits.maximumBytes)
        return try load(data: bytes, file: path, format: format, limits: limits)
    }

    /// Parses `data` (UTF-8 bytes, optionally with a BOM) in `format`; `file` names the
    /// document in messages.
    public static func load(data: [UInt8], file: String, format: StructuredFormat,
                            limits: StructuredLimits = .default) throws(IngestError) -> DataNode {
        try checkSize(data.count, file: file, limits: limits)
        let start = try validateUTF8(data, file: file)
        switch format {
        case .json:
            var parser = JSONParser(bytes: data, start: start, file: file, limits: limits)
            return try parser.parseDocument()
        case .yaml:
            let text = String(decoding: data[start...], as: UTF8.self)
            return try YAMLLoader.load(text, file: file, limits: limits)
        }
    }

    /// Parses `text` in `format`; `file` names the document in messages. A leading U+FEFF
    /// (BOM) is ignored.
    public static func load(text: String, file: String, format: StructuredFormat,
                            limits: StructuredLimits = .default) throws(IngestError) -> DataNode {
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        try checkSize(text.utf8.count, file: file, limits: limits)
        switch format {
        case .json:
            var parser = JSONParser(bytes: Array(text.utf8), start: 0, file: file, limits: limits)
            return try parser.parseDocument()
        case .yaml:
            return try YAMLLoader.load(text, file: file, limits: limits)
        }
    }

    // MARK: - Files and bytes

    static func single(_ kind: IngestIssue.Kind, file: String, line: Int?, byteOffset: Int? = nil,
                       value: String? = nil, _ message: String) -> IngestError {
        IngestError(file: file, issues: [
            IngestIssue(kind, at: SourceLocation(file: file, line: line, byteOffset: byteOffset),
                        value: value, message: message),
        ])
    }

    private static func checkSize(_ count: Int, file: String, limits: StructuredLimits) throws(IngestError) {
        guard count > limits.maximumBytes else { return }
        throw single(.unreadableFile, file: file, line: nil, tooLargeMessage(count, limits))
    }

    private static func tooLargeMessage(_ count: Int?, _ limits: StructuredLimits) -> String {
        let mib = limits.maximumBytes >> 20
        let limitText = mib > 0 ? "\(mib) MiB" : "\(limits.maximumBytes) byte"
        let size = count.map { " (\($0) byte)" } ?? ""
        return "Tệp quá lớn\(size): tệp dữ liệu YAML/JSON tối đa \(limitText). Hãy tách dữ liệu thành nhiều tệp nhỏ hơn."
    }

    private static func readFile(_ path: String, limit: Int) throws(IngestError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw single(.unreadableFile, file: path, line: nil,
                         "Không tìm thấy tệp. Kiểm tra lại đường dẫn và tên tệp.")
        }
        if isDirectory.boolValue {
            throw single(.unreadableFile, file: path, line: nil,
                         "Đây là một thư mục, không phải tệp. Hãy chỉ ra tệp .yaml, .yml hoặc .json.")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw single(.unreadableFile, file: path, line: nil,
                         "Không mở được tệp để đọc. Kiểm tra quyền đọc tệp.")
        }
        defer { try? handle.close() }
        // Read at most one byte past the limit: enough to know the file is too large, and safe
        // for special files that never end.
        let data: Data?
        do {
            data = try handle.read(upToCount: limit + 1)
        } catch {
            throw single(.unreadableFile, file: path, line: nil,
                         "Không đọc được tệp (lỗi hệ thống: \(error.localizedDescription)). Kiểm tra tệp và thử lại.")
        }
        let bytes = data.map { [UInt8]($0) } ?? []
        if bytes.count > limit {
            throw single(.unreadableFile, file: path, line: nil,
                         tooLargeMessage(nil, StructuredLimits(maximumBytes: limit)))
        }
        return bytes
    }

    /// Checks the bytes are UTF-8 and returns where the text starts (after a BOM).
    static func validateUTF8(_ bytes: [UInt8], file: String) throws(IngestError) -> Int {
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw single(.invalidByteSequence, file: file, line: 1, byteOffset: 0,
                         "Tệp được lưu với mã hóa UTF-16; tệp YAML/JSON phải là UTF-8. Hãy lưu lại tệp với mã hóa UTF-8 (ví dụ trong Notepad: Lưu thành… → Mã hóa: UTF-8).")
        }
        let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        guard let bad = firstInvalidUTF8(bytes, from: start) else { return start }
        var line = 1
        var i = 0
        while i < bad {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) { line += 1 }
            i += 1
        }
        let hex = String(bytes[bad], radix: 16, uppercase: true)
        throw single(.invalidByteSequence, file: file, line: line, byteOffset: bad,
                     value: "0x" + (hex.count == 1 ? "0" + hex : hex),
                     "Tệp không phải UTF-8 hợp lệ: byte 0x\(hex.count == 1 ? "0" + hex : hex) ở vị trí \(bad) (dòng \(line)) không thuộc ký tự UTF-8 nào. Có thể tệp được lưu bằng mã hóa cũ (Windows-1258, TCVN3, VNI); hãy lưu lại tệp với mã hóa UTF-8.")
    }

    /// The offset of the first byte of the first invalid UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int) -> Int? {
        let n = bytes.count
        var i = start
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: return i
            }
            if i + need >= n { return i }
            let c1 = bytes[i + 1]
            if c1 < lower || c1 > upper { return i }
            var k = 2
            while k <= need {
                let c = bytes[i + k]
                if c < 0x80 || c > 0xBF { return i }
                k += 1
            }
            i += need + 1
        }
        return nil
    }
}

// MARK: - YAML

/// Line breaks as libyaml counts them: LF, CR, CR LF, NEL, LS, PS.
@inline(__always)
private func isYAMLBreak(_ v: UInt32) -> Bool {
    v == 0x0A || v == 0x0D || v == 0x85 || v == 0x2028 || v == 0x2029
}

enum YAMLLoader {
    static func load(_ text: String, file: String, limits: StructuredLimits) throws(IngestError) -> DataNode {
        try checkCharacters(text, file: file)
        try checkComplexAliasKeys(text, file: file)
        let parser: Yams.Parser
        let root: Yams.Node?
        do {
            // The basic resolver: tags are not resolved (the decoder reads plain scalars by the
            // target type), which also saves Yams a regular-expression match per key and makes
            // `1` and "1" the same key for its duplicate check.
            parser = try Yams.Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw translate(error, text: text, file: file)
        } catch {
            throw StructuredLoader.single(.syntax, file: file, line: nil,
                                          "Không đọc được tệp YAML (\(error)). Kiểm tra cú pháp của tệp.")
        }
        guard let root else { return DataNode(.null, line: 1, column: 1) }
        var converter = YAMLConverter(file: file, limits: limits)
        let converted = try converter.convert(root, depth: 0)
        // Anchors are weak references owned by the parser: keep it alive until here.
        withExtendedLifetime(parser) {}
        if !converter.issues.isEmpty {
            throw IngestError(file: file, issues: converter.issues)
        }
        return converted.node
    }

    /// Rejects characters libyaml refuses, with a precise position (libyaml's own message
    /// gives a character offset only).
    static func checkCharacters(_ text: String, file: String) throws(IngestError) {
        var line = 1, column = 0
        var previousCR = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if isYAMLBreak(v) {
                if !(v == 0x0A && previousCR) { line += 1 }
                column = 0
                previousCR = v == 0x0D
                continue
            }
            previousCR = false
            column += 1
            let allowed = v == 0x09 || (0x20...0x7E).contains(v) || (0xA0...0xD7FF).contains(v)
                || ((0xE000...0xFFFD).contains(v) && v != 0xFEFF) || (0x10000...0x10FFFF).contains(v)
            if allowed { continue }
            let code = String(format: "U+%04X", Int(v))
            throw StructuredLoader.single(
                .syntax, file: file, line: line, value: code,
                "Lỗi cú pháp YAML ở dòng \(line), cột \(column): ký tự điều khiển \(code) không được phép trong tệp YAML. Xóa ký tự này (thường do sao chép từ phần mềm khác); nếu thật sự cần, hãy viết nó dưới dạng mã thoát trong chuỗi ngoặc kép, ví dụ \"\\x07\".")
        }
    }

    /// Finds keys that are not plain scalars in a document that uses aliases. Yams hashes
    /// every mapping key to detect duplicates; a key built from aliases (`? [*a, *a]`, `*a :`)
    /// is hashed fully expanded, which takes exponential time for an alias bomb. The scan is
    /// lexical: it skips comments and quoted scalars but not block scalars, so a line of a
    /// `|` block that looks like such a key is refused too (only when the file uses aliases).
    static func checkComplexAliasKeys(_ text: String, file: String) throws(IngestError) {
        var text = text
        let found: (line: Int, column: Int)? = text.withUTF8 { buf -> (line: Int, column: Int)? in
            let n = buf.count
            var hasAlias = false
            var suspect: (line: Int, offset: Int, lineStart: Int)?
            var line = 1, lineStart = 0
            var inDouble = false, inSingle = false, inComment = false
            var onlyIndicators = true
            var lastSignificant: UInt8 = 0x0A
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
            func isBreak(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }
            func endsToken(_ j: Int) -> Bool {
                j >= n || isSpace(buf[j]) || isBreak(buf[j]) || buf[j] == UInt8(ascii: ",")
                    || buf[j] == UInt8(ascii: "]") || buf[j] == UInt8(ascii: "}") || buf[j] == UInt8(ascii: "[")
                    || buf[j] == UInt8(ascii: "{")
            }
            func colonKeyFollows(_ from: Int) -> Bool {
                var j = from
                while j < n && isSpace(buf[j]) { j += 1 }
                return j < n && buf[j] == UInt8(ascii: ":") && endsToken(j + 1)
            }
            func isAnchorChar(_ b: UInt8) -> Bool {
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
            }
            var i = 0
            while i < n {
                let b = buf[i]
                if isBreak(b) {
                    if b == 0x0D && i + 1 < n && buf[i + 1] == 0x0A { i += 1 }
                    i += 1
                    line += 1
                    lineStart = i
                    inComment = false
                    onlyIndicators = true
                    lastSignificant = 0x0A
                    continue
                }
                if inComment { i += 1; continue }
                if inDouble {
                    if b == UInt8(ascii: "\\") && i + 1 < n && !isBreak(buf[i + 1]) { i += 2; continue }
                    if b == UInt8(ascii: "\"") { inDouble = false; lastSignificant = b }
                    i += 1
                    continue
                }
                if inSingle {
                    if b == UInt8(ascii: "'") {
                        if i + 1 < n && buf[i + 1] == UInt8(ascii: "'") { i += 2; continue }
                        inSingle = false
                        lastSignificant = b
                    }
                    i += 1
                    continue
                }
                let previous: UInt8 = i == 0 ? 0x0A : buf[i - 1]
                let tokenStart = isSpace(previous) || isBreak(previous) || previous == UInt8(ascii: "[")
                    || previous == UInt8(ascii: "{") || previous == UInt8(ascii: ",")
                switch b {
                case UInt8(ascii: "#") where isSpace(previous) || isBreak(previous):
                    inComment = true
                case UInt8(ascii: "\"") where tokenStart:
                    inDouble = true
                case UInt8(ascii: "'") where tokenStart:
                    inSingle = true
                case UInt8(ascii: "*") where tokenStart && i + 1 < n && isAnchorChar(buf[i + 1]):
                    hasAlias = true
                    var j = i + 1
                    while j < n && isAnchorChar(buf[j]) { j += 1 }
                    if suspect == nil && colonKeyFollows(j) { suspect = (line, i, lineStart) }
                    i = j
                    onlyIndicators = false
                    lastSignificant = b
                    continue
                case UInt8(ascii: "?") where tokenStart && endsToken(i + 1)
                    && (onlyIndicators || lastSignificant == UInt8(ascii: "[") || lastSignificant == UInt8(ascii: "{")
                        || lastSignificant == UInt8(ascii: ",")):
                    if suspect == nil { suspect = (line, i, lineStart) }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if suspect == nil && colonKeyFollows(i + 1) { suspect = (line, i, lineStart) }
                default:
                    break
                }
                if !(isSpace(b) || b == UInt8(ascii: "-")) { onlyIndicators = false }
                if !isSpace(b) { lastSignificant = b }
                i += 1
            }
            guard hasAlias, let suspect else { return nil }
            var column = 1
            var k = suspect.lineStart
            while k < suspect.offset {
                if buf[k] & 0xC0 != 0x80 { column += 1 }
                k += 1
            }
            return (suspect.line, column)
        }
        guard let found else { return }
        throw StructuredLoader.single(
            .syntax, file: file, line: found.line,
            "Dòng \(found.line), cột \(found.column): tệp có dùng bí danh YAML (*tên) nên không chấp nhận khóa phức hợp ở đây (khóa là bí danh, danh sách, bảng khóa hoặc khóa viết sau «? »). Hãy viết khóa là một chuỗi thông thường, ví dụ «ten_khoa: giá trị».")
    }

    // MARK: Errors

    private static func translate(_ error: YamlError, text: String, file: String) -> IngestError {
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return syntaxError(problem: problem, contextText: context?.text, contextMark: context?.mark,
                               mark: mark, text: text, file: file)
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            let first = context.mark.line
            let located = locateDuplicate(text: text, key: key, firstMark: context.mark)
            let keyPath = located?.keyPath.map { $0.isEmpty ? key : $0 + "." + key }
            if let second = located?.line {
                return IngestError(file: file, issues: [IngestIssue(
                    .syntax, at: SourceLocation(file: file, line: second, keyPath: keyPath), value: key,
                    message: "Khóa \(quoteForMessage(key)) bị lặp trong cùng một bảng khóa: \(duplicateLines(first, second)). Xóa hoặc đổi tên một trong hai.")])
            }
            return IngestError(file: file, issues: [IngestIssue(
                .syntax, at: SourceLocation(file: file, line: first, keyPath: keyPath), value: key,
                message: "Khóa \(quoteForMessage(key)) bị lặp trong cùng một bảng khóa (lần đầu ở dòng \(first)). Xóa hoặc đổi tên khóa lặp.")])
        case let .reader(problem, offset, _, _):
            var line: Int?
            if let offset {
                var count = 1
                var previousCR = false
                for (index, scalar) in text.unicodeScalars.enumerated() {
                    if index >= offset { break }
                    let v = scalar.value
                    if isYAMLBreak(v) && !(v == 0x0A && previousCR) { count += 1 }
                    previousCR = v == 0x0D
                }
                line = count
            }
            let at = line.map { " ở dòng \($0)" } ?? ""
            return StructuredLoader.single(.syntax, file: file, line: line,
                                           "Không đọc được tệp YAML\(at): \(problem == "control characters are not allowed" ? "có ký tự điều khiển không được phép" : "nội dung không hợp lệ (\(problem))"). Xóa ký tự lạ ở vị trí này rồi thử lại.")
        case .memory:
            return StructuredLoader.single(.syntax, file: file, line: nil,
                                           "Không đủ bộ nhớ để đọc tệp YAML. Hãy tách tệp thành nhiều tệp nhỏ hơn.")
        default:
            return StructuredLoader.single(.syntax, file: file, line: nil,
                                           "Không đọc được tệp YAML (\(error)). Kiểm tra cú pháp của tệp.")
        }
    }

    /// The Unicode scalar at a libyaml mark, if any.
    static func character(at mark: Mark, in text: String) -> Unicode.Scalar? {
        guard let index = index(of: mark, in: text) else { return nil }
        return index < text.unicodeScalars.endIndex ? text.unicodeScalars[index] : nil
    }

    /// The position of a libyaml mark (1-based line and column, in scalars) in `text`.
    static func index(of mark: Mark, in text: String) -> String.UnicodeScalarView.Index? {
        let scalars = text.unicodeScalars
        var line = 1, column = 1
        var previousCR = false
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if line == mark.line && column == mark.column { return index }
            if line > mark.line { return nil }
            let v = scalars[index].value
            if isYAMLBreak(v) {
                if !(v == 0x0A && previousCR) { line += 1 }
                column = 1
                previousCR = v == 0x0D
            } else {
                column += 1
                previousCR = false
            }
            scalars.formIndex(after: &index)
        }
        return line == mark.line && column == mark.column ? index : nil
    }

    /// The name of the alias written at `mark` ("*ten" → "ten"), if any.
    private static func aliasName(at mark: Mark, in text: String) -> String? {
        guard let start = index(of: mark, in: text), start < text.unicodeScalars.endIndex,
              text.unicodeScalars[start] == "*" else { return nil }
        let name = text.unicodeScalars[text.unicodeScalars.index(after: start)...].prefix {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-")
        }
        return name.isEmpty ? nil : String(String.UnicodeScalarView(name))
    }

    private static func syntaxError(problem: String, contextText: String?, contextMark: Mark?, mark: Mark,
                                    text: String, file: String) -> IngestError {
        var line = mark.line
        var column = mark.column
        let what: String
        let todo: String
        let opened = contextMark.map { "dòng \($0.line)" } ?? ""
        switch problem {
        case "mapping values are not allowed in this context":
            what = "không được có dấu «:» ở đây"
            todo = "Có thể giá trị chứa «: » (hãy đặt cả giá trị trong ngoặc kép), hoặc dòng bị thụt lề sai so với các khóa cùng cấp."
        case "could not find expected ':'":
            what = "thiếu dấu «:» sau khóa"
            todo = "Mỗi dòng của bảng khóa có dạng «khóa: giá trị» (có dấu cách sau «:»); giá trị nhiều dòng cần đặt trong ngoặc kép hoặc sau «|»."
        case "found character that cannot start any token":
            if character(at: mark, in: text) == "\t" {
                what = "dùng ký tự Tab"
                todo = "YAML chỉ cho phép thụt lề bằng dấu cách; hãy thay Tab bằng dấu cách."
            } else {
                let c = character(at: mark, in: text).map { "«\(Character($0))»" } ?? "này"
                what = "ký tự \(c) không thể đứng đầu một giá trị"
                todo = "Đặt giá trị trong ngoặc kép, ví dụ \"@abc\"."
            }
        case "found a tab character that violates indentation", "found a tab character where an indentation space is expected":
            what = "dùng ký tự Tab để thụt lề"
            todo = "YAML chỉ cho phép thụt lề bằng dấu cách; hãy thay Tab bằng dấu cách."
        case "did not find expected key":
            what = "thụt lề không khớp: dòng này không thẳng hàng với các khóa cùng cấp"
            todo = "Thụt lề các khóa cùng cấp bằng cùng một số dấu cách."
        case "did not find expected '-' indicator":
            what = "thụt lề không khớp trong danh sách"
            todo = "Mỗi phần tử danh sách bắt đầu bằng «- » và các phần tử phải thẳng hàng nhau."
        case "block sequence entries are not allowed in this context":
            what = "không được bắt đầu danh sách «- » ở đây"
            todo = "Đặt danh sách xuống dòng dưới khóa, thụt lề sâu hơn khóa đó."
        case "found unexpected end of stream":
            if let contextMark, contextText?.contains("quoted scalar") == true {
                line = contextMark.line
                column = contextMark.column
                what = "chuỗi trong ngoặc mở ở \(opened) chưa được đóng"
                todo = "Thêm dấu ngoặc đóng cho chuỗi (ngoặc kép \" hoặc ngoặc đơn ')."
            } else {
                what = "tệp kết thúc giữa chừng"
                todo = "Kiểm tra các ngoặc [ ], { } và ngoặc kép đã được đóng đủ."
            }
        case "did not find expected ',' or ']'":
            what = "thiếu «,» hoặc «]» trong danh sách viết trên một dòng" + (opened.isEmpty ? "" : " (mở ở \(opened))")
            todo = "Ngăn cách các phần tử bằng dấu phẩy và đóng danh sách bằng «]»."
        case "did not find expected ',' or '}'":
            what = "thiếu «,» hoặc «}» trong bảng khóa viết trên một dòng" + (opened.isEmpty ? "" : " (mở ở \(opened))")
            todo = "Ngăn cách các cặp bằng dấu phẩy và đóng bằng «}»."
        case "did not find expected node content":
            what = "thiếu giá trị ở đây"
            todo = "Viết giá trị sau dấu «:» hoặc «- », hoặc xóa dấu thừa."
        case "found unknown escape character":
            what = "mã thoát sau dấu «\\» không hợp lệ trong chuỗi ngoặc kép"
            todo = "Viết «\\\\» cho một dấu gạch chéo ngược, hoặc dùng ngoặc đơn '…' (không xử lý mã thoát)."
        case "found invalid Unicode character escape code":
            what = "mã ký tự \\u hoặc \\U không hợp lệ"
            todo = "Viết trực tiếp ký tự thay cho mã."
        case "found undefined alias":
            what = "bí danh \(aliasName(at: mark, in: text).map { "«*\($0)»" } ?? "(*tên)") chưa được định nghĩa"
            todo = "Định nghĩa neo «&tên» ở phía trước trong tệp, hoặc sửa tên bí danh."
        case "but found another document":
            what = "tệp có nhiều tài liệu YAML (ngăn cách bởi «---»)"
            todo = "Mỗi tệp chỉ được chứa một tài liệu: xóa «---» thừa hoặc tách thành nhiều tệp."
        case "found unexpected document indicator":
            what = "gặp «---» hoặc «...» ở giữa một giá trị"
            todo = "Đóng chuỗi đang mở, hoặc đặt giá trị có «---» trong ngoặc kép."
        case "did not find expected whitespace or line break", "did not find expected comment or line break":
            what = "sau giá trị này phải xuống dòng"
            todo = "Xóa phần thừa, hoặc thêm dấu cách trước «#» nếu đó là chú thích."
        case "did not find expected alphabetic or numeric character":
            what = "tên neo hoặc bí danh (sau «&» hoặc «*») không hợp lệ"
            todo = "Tên neo chỉ gồm chữ cái Latin không dấu, chữ số, «-» và «_»; nếu «&» hoặc «*» là một phần của giá trị, hãy đặt giá trị trong ngoặc kép."
        case "mapping keys are not allowed in this context":
            what = "không được đặt khóa «? » ở đây"
            todo = "Viết khóa dạng «khóa: giá trị»."
        case "found unexpected ':'":
            what = "dấu «:» không đúng chỗ"
            todo = "Đặt giá trị có dấu «:» trong ngoặc kép."
        case "found undefined tag handle":
            what = "nhãn kiểu (tag «!…») không xác định"
            todo = "Xóa nhãn «!…» hoặc đặt giá trị trong ngoặc kép."
        default:
            if problem.hasPrefix("Maximum nesting level reached") {
                what = "các danh sách, bảng khóa lồng nhau quá sâu"
                todo = "Giảm số cấp lồng nhau trong tệp."
            } else {
                what = "cấu trúc không hợp lệ (chi tiết kỹ thuật: \(problem))"
                todo = "Kiểm tra thụt lề, dấu «:», «- » và ngoặc kép ở dòng này và dòng trước."
            }
        }
        return StructuredLoader.single(.syntax, file: file, line: line,
                                       "Lỗi cú pháp YAML ở dòng \(line), cột \(column): \(what). \(todo)")
    }

    // MARK: Duplicate keys

    private static func sentinel(_ index: Int) -> String { "\u{E000}\(index)\u{E001}" }

    private static func stripSentinel(_ key: String) -> String {
        guard key.unicodeScalars.first == "\u{E000}", let end = key.unicodeScalars.firstIndex(of: "\u{E001}") else { return key }
        return String(key.unicodeScalars[key.unicodeScalars.index(after: end)...])
    }

    /// Yams reports a duplicate key with the position of its first occurrence only. To name
    /// the second line too, the first occurrence is renamed (a private-use prefix inserted at
    /// its position, which moves no line) and the document composed again; the renamed key's
    /// mapping then shows the other occurrence. Bounded: a few passes, error path only.
    private static func locateDuplicate(text: String, key: String, firstMark: Mark) -> (line: Int, keyPath: String?)? {
        guard var modified = insertSentinel(0, in: text, at: firstMark) else { return nil }
        let target = sentinel(0) + key
        for attempt in 1...16 {
            do {
                let parser = try Yams.Parser(yaml: modified, resolver: .basic, constructor: .default, encoding: .utf8)
                guard let root = try parser.singleRoot() else { return nil }
                var budget = 1_000_000
                let found = search(root, target: target, key: key, path: "", budget: &budget)
                withExtendedLifetime(parser) {}
                return found
            } catch YamlError.duplicatedKeysInMapping(_, let context) {
                // Another duplicate, in the same mapping or a later one: rename it too and go on;
                // the search in the final tree tells which occurrence follows the first.
                guard let next = insertSentinel(attempt, in: modified, at: context.mark) else { return nil }
                modified = next
            } catch {
                return nil
            }
        }
        return nil
    }

    private static func insertSentinel(_ number: Int, in text: String, at mark: Mark) -> String? {
        guard let index = index(of: mark, in: text), index < text.unicodeScalars.endIndex else { return nil }
        let scalars = text.unicodeScalars
        var at = index
        switch scalars[index] {
        case "\"", "'": at = scalars.index(after: index)
        case "&", "*", "!", "?", "[", "{", "|", ">", "-": return nil
        default: break
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[..<at])
        result.append(contentsOf: sentinel(number).unicodeScalars)
        result.append(contentsOf: scalars[at...])
        return String(result)
    }

    private static func search(_ node: Yams.Node, target: String, key: String, path: String,
                               budget: inout Int) -> (line: Int, keyPath: String?)? {
        budget -= 1
        if budget < 0 { return nil }
        switch node {
        case .mapping(let mapping):
            if let marked = mapping.firstIndex(where: { $0.key.scalar?.string == target }) {
                for pair in mapping[mapping.index(after: marked)...] {
                    if let s = pair.key.scalar?.string, stripSentinel(s) == key, let mark = pair.key.mark {
                        return (mark.line, path)
                    }
                }
                return nil
            }
            for pair in mapping {
                let name = pair.key.scalar.map { stripSentinel($0.string) } ?? "?"
                if let found = search(pair.value, target: target, key: key,
                                      path: path.isEmpty ? name : path + "." + name, budget: &budget) {
                    return found
                }
            }
        case .sequence(let sequence):
            for (i, item) in sequence.enumerated() {
                if let found = search(item, target: target, key: key, path: path + "[\(i)]", budget: &budget) {
                    return found
                }
            }
        default:
            break
        }
        return nil
    }
}

/// Turns a Yams node tree into `DataNode`s: NFC strings, null detection, merge keys, duplicate
/// keys, and the alias-expansion and depth limits. Anchored nodes are converted once and
/// shared (so the time stays linear); every reuse adds the anchored subtree's size to the
/// expansion count.
struct YAMLConverter {
    let file: String
    let limits: StructuredLimits
    var issues: [IngestIssue] = []
    private var expanded = 0
    private var cache: [ObjectIdentifier: Converted] = [:]
    /// Where the conversion is, for messages.
    private var path: [PathComponent] = []

    struct Converted {
        var node: DataNode
        /// Nodes in the subtree, aliases expanded.
        var count: Int
        /// Levels of sequences and mappings in the subtree (0 for a scalar).
        var height: Int
    }

    init(file: String, limits: StructuredLimits) {
        self.file = file
        self.limits = limits
    }

    private func location(_ line: Int, extra: PathComponent? = nil) -> SourceLocation {
        SourceLocation(file: file, line: line, keyPath: renderPath(path + (extra.map { [$0] } ?? [])))
    }

    private func fail(_ line: Int, _ message: String) -> IngestError {
        IngestError(file: file, issues: issues + [IngestIssue(.syntax, at: location(line), message: message)])
    }

    private func depthError(_ line: Int) -> IngestError {
        fail(line, "Dữ liệu lồng nhau quá sâu (quá \(limits.maximumDepth) cấp danh sách/bảng khóa) ở dòng \(line). Giảm số cấp lồng nhau trong tệp.")
    }

    private static func anchor(of node: Yams.Node) -> Anchor? {
        switch node {
        case .scalar(let s): return s.anchor
        case .mapping(let m): return m.anchor
        case .sequence(let s): return s.anchor
        case .alias: return nil
        }
    }

    /// Converts `node`, which lies inside `depth` sequences/mappings.
    mutating func convert(_ node: Yams.Node, depth: Int) throws(IngestError) -> Converted {
        let line = node.mark?.line ?? 1
        guard let anchor = Self.anchor(of: node) else {
            return try convertFresh(node, depth: depth)
        }
        let id = ObjectIdentifier(anchor)
        if let hit = cache[id] {
            expanded += hit.count
            if expanded > limits.maximumAliasExpansion {
                throw fail(line, "Các bí danh YAML (*tên) được mở rộng thành hơn \(limits.maximumAliasExpansion) giá trị (bí danh lồng bí danh, kiểu «billion laughs»). Tệp bị từ chối; hãy viết dữ liệu trực tiếp thay vì lặp bí danh lồng nhau.")
            }
            if depth + hit.height > limits.maximumDepth { throw depthError(line) }
            return hit
        }
        let result = try convertFresh(node, depth: depth)
        cache[id] = result
        return result
    }

    private mutating func convertFresh(_ node: Yams.Node, depth: Int) throws(IngestError) -> Converted {
        let line = node.mark?.line ?? 1
        let column = node.mark?.column ?? 1
        switch node {
        case .scalar(let scalar):
            return Converted(node: Self.scalarNode(scalar, line: line, column: column), count: 1, height: 0)
        case .alias:
            throw fail(line, "Bí danh YAML không được giải ở dòng \(line). Kiểm tra neo «&tên» tương ứng.")
        case .sequence(let sequence):
            if depth + 1 > limits.maximumDepth { throw depthError(line) }
            var items: [DataNode] = []
            items.reserveCapacity(sequence.count)
            var count = 1, height = 0
            for (i, item) in sequence.enumerated() {
                path.append(.index(i))
                let c = try convert(item, depth: depth + 1)
                path.removeLast()
                items.append(c.node)
                count += c.count
                height = max(height, c.height)
            }
            return Converted(node: DataNode(.sequence(items), line: line, column: column), count: count, height: height + 1)
        case .mapping(let mapping):
            if depth + 1 > limits.maximumDepth { throw depthError(line) }
            return try convertMapping(mapping, depth: depth, line: line, column: column)
        }
    }

    private mutating func convertMapping(_ mapping: Yams.Node.Mapping, depth: Int, line: Int, column: Int) throws(IngestError) -> Converted {
        enum Item {
            case entry(DataNode.Entry)
            case merge([DataNode.Entry])
        }
        var items: [Item] = []
        items.reserveCapacity(mapping.count)
        var seen: [String: Int] = [:]
        var count = 1, height = 0
        for pair in mapping {
            let keyLine = pair.key.mark?.line ?? line
            let keyColumn = pair.key.mark?.column ?? column
            guard case .scalar(let keyScalar) = pair.key else {
                issues.append(IngestIssue(.syntax, at: location(keyLine),
                                          message: "Khóa ở dòng \(keyLine) là một danh sách hoặc bảng khóa; khóa phải là một chuỗi. Viết khóa dạng «ten_khoa: giá trị»."))
                continue
            }
            let key = Vietnamese.nfc(keyScalar.string)
            let tag = keyScalar.tag.rawValue
            // Yams resolves the tags of keys in place while checking duplicates (to `str` with
            // the basic resolver), so a resolved `str` is still an untagged `<<`.
            if keyScalar.style == .plain && key == "<<"
                && (tag.isEmpty || tag == Tag.Name.str.rawValue || tag == Tag.Name.merge.rawValue) {
                path.append(.key("<<"))
                let merged = try convert(pair.value, depth: depth + 1)
                path.removeLast()
                count += merged.count
                height = max(height, merged.height)
                var list: [DataNode.Entry] = []
                var valid = true
                for source in merged.node.elements ?? [merged.node] {
                    if let entries = source.entries { list += entries } else { valid = false }
                }
                if !valid {
                    issues.append(IngestIssue(.syntax, at: location(keyLine, extra: .key("<<")),
                                              message: "Khóa gộp «<<» ở dòng \(keyLine) cần một bảng khóa (thường là bí danh «*tên») hoặc danh sách các bảng khóa. Sửa giá trị sau «<<:»."))
                }
                items.append(.merge(list))
                continue
            }
            if key.isEmpty && keyScalar.style == .plain {
                issues.append(IngestIssue(.syntax, at: location(keyLine),
                                          message: "Khóa rỗng ở dòng \(keyLine). Viết tên khóa trước dấu «:»."))
                continue
            }
            if let first = seen[key] {
                issues.append(IngestIssue(.syntax, at: location(keyLine, extra: .key(key)), value: key,
                                          message: "Khóa \(quoteForMessage(key)) bị lặp trong cùng một bảng khóa: \(duplicateLines(first, keyLine)). Xóa hoặc đổi tên một trong hai."))
                continue
            }
            seen[key] = keyLine
            path.append(.key(key))
            var value = try convert(pair.value, depth: depth + 1)
            path.removeLast()
            // An empty value ("tieu_de:") gets the key's position: libyaml places it at the
            // next token, often on the following line.
            if case .scalar(let s) = pair.value, s.style == .plain, s.string.isEmpty, value.node.isNull {
                value.node.line = keyLine
                value.node.column = keyColumn
            }
            count += value.count
            height = max(height, value.height)
            items.append(.entry(DataNode.Entry(key: key, line: keyLine, column: keyColumn, value: value.node)))
        }
        // Merge keys: explicit keys win, then earlier merged mappings over later ones.
        var entries: [DataNode.Entry] = []
        entries.reserveCapacity(items.count)
        var present = Set(seen.keys)
        for item in items {
            switch item {
            case .entry(let entry):
                entries.append(entry)
            case .merge(let list):
                for entry in list where !present.contains(entry.key) {
                    present.insert(entry.key)
                    entries.append(entry)
                }
            }
        }
        return Converted(node: DataNode(.mapping(entries), line: line, column: column), count: count, height: height + 1)
    }

    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

    private static func scalarNode(_ scalar: Yams.Node.Scalar, line: Int, column: Int) -> DataNode {
        let tag = scalar.tag.rawValue
        if tag == Tag.Name.null.rawValue || (scalar.style == .plain && tag.isEmpty && nullWords.contains(scalar.string)) {
            return DataNode(.null, line: line, column: column)
        }
        let quoted = scalar.style != .plain || tag == Tag.Name.str.rawValue || tag == "!"
        return DataNode(.scalar(Vietnamese.nfc(scalar.string), quoted: quoted), line: line, column: column)
    }
}

// MARK: - JSON

/// A strict RFC 8259 parser over validated UTF-8 bytes. Linear time: columns are computed
/// incrementally (positions asked for only move forward on a line).
struct JSONParser {
    private let bytes: [UInt8]
    private let file: String
    private let limits: StructuredLimits
    private var pos: Int
    private var line = 1
    private var lineStart: Int
    private var columnPos: Int
    private var columnValue = 1
    private var duplicates: [IngestIssue] = []
    /// Where the parser is, for duplicate-key messages.
    private var path: [PathComponent] = []

    init(bytes: [UInt8], start: Int, file: String, limits: StructuredLimits) {
        self.bytes = bytes
        self.file = file
        self.limits = limits
        self.pos = start
        self.lineStart = start
        self.columnPos = start
    }

    mutating func parseDocument() throws(IngestError) -> DataNode {
        skipWhitespace()
        if pos >= bytes.count {
            throw StructuredLoader.single(.syntax, file: file, line: line,
                                          "Tệp JSON rỗng: cần ít nhất một giá trị, ví dụ { }. Điền nội dung vào tệp.")
        }
        let root = try parseValue(depth: 0)
        skipWhitespace()
        if pos < bytes.count {
            throw error("Lỗi cú pháp JSON ở \(here()): có nội dung thừa sau giá trị chính của tệp (\(describeByte(at: pos))). Tệp JSON chỉ chứa một giá trị; xóa phần thừa hoặc bọc các giá trị trong [ ].")
        }
        if !duplicates.isEmpty { throw IngestError(file: file, issues: duplicates) }
        return root
    }

    // MARK: Positions

    private mutating func column(at p: Int) -> Int {
        if columnPos < lineStart || p < columnPos {
            columnPos = lineStart
            columnValue = 1
        }
        var i = columnPos
        while i < p {
            if bytes[i] & 0xC0 != 0x80 { columnValue += 1 }
            i += 1
        }
        columnPos = p
        return columnValue
    }

    private mutating func here(_ p: Int? = nil) -> String {
        "dòng \(line), cột \(column(at: p ?? pos))"
    }

    private func error(_ message: String, value: String? = nil) -> IngestError {
        StructuredLoader.single(.syntax, file: file, line: line, value: value, message)
    }

    private func describeByte(at p: Int) -> String {
        guard p < bytes.count else { return "hết tệp" }
        let b = bytes[p]
        if b >= 0x21 && b < 0x7F { return "ký tự «\(Character(Unicode.Scalar(b)))»" }
        if b < 0x80 { return "ký tự U+" + String(format: "%04X", Int(b)) }
        // A multi-byte character: decode it for the message.
        var end = p + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "ký tự «\(String(decoding: bytes[p..<end], as: UTF8.self))»"
    }

    private mutating func skipWhitespace() {
        let n = bytes.count
        while pos < n {
            switch bytes[pos] {
            case 0x20, 0x09:
                pos += 1
            case 0x0A:
                pos += 1
                line += 1
                lineStart = pos
            case 0x0D:
                pos += 1
                if pos < n && bytes[pos] == 0x0A { pos += 1 }
                line += 1
                lineStart = pos
            default:
                return
            }
        }
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(IngestError) -> DataNode {
        skipWhitespace()
        guard pos < bytes.count else {
            throw error("Lỗi cú pháp JSON ở \(here()): tệp kết thúc khi đang chờ một giá trị. Kiểm tra các ngoặc { } và [ ] đã được đóng đủ và không thiếu giá trị sau «:» hoặc «,».")
        }
        let startLine = line
        let startColumn = column(at: pos)
        switch bytes[pos] {
        case UInt8(ascii: "{"):
            if depth >= limits.maximumDepth { throw depthError() }
            return try parseObject(depth: depth + 1, line: startLine, column: startColumn)
        case UInt8(ascii: "["):
            if depth >= limits.maximumDepth { throw depthError() }
            return try parseArray(depth: depth + 1, line: startLine, column: startColumn)
        case UInt8(ascii: "\""):
            let text = try parseString()
            return DataNode(.scalar(text, quoted: true), line: startLine, column: startColumn)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let text = try parseNumber()
            return DataNode(.scalar(text, quoted: false), line: startLine, column: startColumn)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return try parseLiteral(line: startLine, column: startColumn)
        default:
            throw unexpectedValue()
        }
    }

    private mutating func depthError() -> IngestError {
        error("Lỗi cấu trúc JSON ở \(here()): dữ liệu lồng nhau quá sâu (quá \(limits.maximumDepth) cấp đối tượng/mảng). Giảm số cấp lồng nhau trong tệp.")
    }

    private mutating func unexpectedValue() -> IngestError {
        let b = bytes[pos]
        let what = describeByte(at: pos)
        let hint: String
        switch b {
        case UInt8(ascii: "'"):
            hint = "JSON không dùng ngoặc đơn; hãy viết chuỗi trong ngoặc kép \"…\"."
        case UInt8(ascii: "/"), UInt8(ascii: "#"):
            hint = "JSON không cho phép chú thích; xóa chú thích hoặc dùng tệp YAML nếu cần ghi chú."
        case UInt8(ascii: "+"), UInt8(ascii: "."):
            hint = "Số JSON viết như 12, -3, 12.5 hoặc 1.5e3 (không có dấu + ở đầu, có chữ số trước dấu chấm)."
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            hint = "Có thể thừa dấu phẩy trước ký tự này hoặc thiếu giá trị; xóa dấu phẩy thừa hoặc điền giá trị."
        default:
            hint = "Giá trị phải là chuỗi trong ngoặc kép \"…\", số, true, false, null, đối tượng { } hoặc mảng [ ]; chuỗi chữ cần đặt trong ngoặc kép."
        }
        return error("Lỗi cú pháp JSON ở \(here()): \(what) không bắt đầu được một giá trị. \(hint)")
    }

    private mutating func parseObject(depth: Int, line openLine: Int, column openColumn: Int) throws(IngestError) -> DataNode {
        pos += 1  // {
        var entries: [DataNode.Entry] = []
        var seen: [String: Int] = [:]
        skipWhitespace()
        if pos < bytes.count && bytes[pos] == UInt8(ascii: "}") {
            pos += 1
            return DataNode(.mapping([]), line: openLine, column: openColumn)
        }
        var afterComma = false
        while true {
            skipWhitespace()
            guard pos < bytes.count else {
                throw error("Lỗi cú pháp JSON ở \(here()): tệp kết thúc trong khi đối tượng mở ở dòng \(openLine) chưa được đóng. Thêm «}» để đóng đối tượng.")
            }
            guard bytes[pos] == UInt8(ascii: "\"") else {
                if afterComma && bytes[pos] == UInt8(ascii: "}") {
                    throw error("Lỗi cú pháp JSON ở \(here()): dấu phẩy thừa trước «}». Xóa dấu phẩy sau cặp khóa–giá trị cuối cùng.")
                }
                throw error("Lỗi cú pháp JSON ở \(here()): cần một khóa trong ngoặc kép nhưng gặp \(describeByte(at: pos)). Khóa của đối tượng JSON phải viết trong ngoặc kép: \"khoa\": giá trị.")
            }
            let keyLine = line
            let keyColumn = column(at: pos)
            let key = try parseString()
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
                throw error("Lỗi cú pháp JSON ở \(here()): thiếu dấu «:» sau khóa \(quoteForMessage(key)). Viết \"khoa\": giá trị.")
            }
            pos += 1
            path.append(.key(key))
            let value = try parseValue(depth: depth)
            path.removeLast()
            if let first = seen[key] {
                duplicates.append(IngestIssue(.syntax, at: SourceLocation(file: file, line: keyLine, keyPath: renderPath(path + [.key(key)])), value: key,
                                              message: "Khóa \(quoteForMessage(key)) bị lặp trong cùng một đối tượng: \(duplicateLines(first, keyLine)). Xóa hoặc đổi tên một trong hai."))
            } else {
                seen[key] = keyLine
                entries.append(DataNode.Entry(key: key, line: keyLine, column: keyColumn, value: value))
            }
            skipWhitespace()
            guard pos < bytes.count else {
                throw error("Lỗi cú pháp JSON ở \(here()): tệp kết thúc trong khi đối tượng mở ở dòng \(openLine) chưa được đóng. Thêm «}» để đóng đối tượng.")
            }
            if bytes[pos] == UInt8(ascii: ",") {
                pos += 1
                afterComma = true
                continue
            }
            if bytes[pos] == UInt8(ascii: "}") {
                pos += 1
                return DataNode(.mapping(entries), line: openLine, column: openColumn)
            }
            throw error("Lỗi cú pháp JSON ở \(here()): cần «,» hoặc «}» sau giá trị nhưng gặp \(describeByte(at: pos)). Ngăn cách các cặp khóa–giá trị bằng dấu phẩy và đóng đối tượng bằng «}».")
        }
    }

    private mutating func parseArray(depth: Int, line openLine: Int, column openColumn: Int) throws(IngestError) -> DataNode {
        pos += 1  // [
        var items: [DataNode] = []
        skipWhitespace()
        if pos < bytes.count && bytes[pos] == UInt8(ascii: "]") {
            pos += 1
            return DataNode(.sequence([]), line: openLine, column: openColumn)
        }
        while true {
            skipWhitespace()
            if pos < bytes.count && bytes[pos] == UInt8(ascii: "]") && !items.isEmpty {
                throw error("Lỗi cú pháp JSON ở \(here()): dấu phẩy thừa trước «]». Xóa dấu phẩy sau phần tử cuối cùng.")
            }
            path.append(.index(items.count))
            items.append(try parseValue(depth: depth))
            path.removeLast()
            skipWhitespace()
            guard pos < bytes.count else {
                throw error("Lỗi cú pháp JSON ở \(here()): tệp kết thúc trong khi mảng mở ở dòng \(openLine) chưa được đóng. Thêm «]» để đóng mảng.")
            }
            if bytes[pos] == UInt8(ascii: ",") {
                pos += 1
                continue
            }
            if bytes[pos] == UInt8(ascii: "]") {
                pos += 1
                return DataNode(.sequence(items), line: openLine, column: openColumn)
            }
            throw error("Lỗi cú pháp JSON ở \(here()): cần «,» hoặc «]» sau phần tử nhưng gặp \(describeByte(at: pos)). Ngăn cách các phần tử bằng dấu phẩy và đóng mảng bằng «]».")
        }
    }

    private mutating func parseLiteral(line startLine: Int, column startColumn: Int) throws(IngestError) -> DataNode {
        let start = pos
        var end = pos
        while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
        let word = String(decoding: bytes[start..<end], as: UTF8.self)
        switch word {
        case "true", "false":
            pos = end
            return DataNode(.scalar(word, quoted: false), line: startLine, column: startColumn)
        case "null":
            pos = end
            return DataNode(.null, line: startLine, column: startColumn)
        case "NaN", "Infinity", "inf", "nan":
            throw error("Lỗi cú pháp JSON ở \(here()): \(quoteForMessage(word)) không phải giá trị JSON: JSON không có NaN hay Infinity. Hãy dùng null hoặc một số.", value: word)
        default:
            throw error("Lỗi cú pháp JSON ở \(here()): \(quoteForMessage(word)) không phải giá trị JSON. Chỉ có true, false, null viết thường; chuỗi chữ phải đặt trong ngoặc kép.", value: word)
        }
    }

    private func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
            || b == UInt8(ascii: ".") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b >= 0x80
    }

    private mutating func parseNumber() throws(IngestError) -> String {
        let start = pos
        let n = bytes.count
        func isDigit(_ p: Int) -> Bool { p < n && bytes[p] >= 0x30 && bytes[p] <= 0x39 }
        var valid = true
        var leadingZero = false
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        if !isDigit(pos) {
            valid = false
        } else if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            if isDigit(pos) { valid = false; leadingZero = true }
        } else {
            while isDigit(pos) { pos += 1 }
        }
        if valid && pos < n && bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            if !isDigit(pos) { valid = false }
            while isDigit(pos) { pos += 1 }
        }
        if valid && pos < n && (bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E")) {
            pos += 1
            if pos < n && (bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-")) { pos += 1 }
            if !isDigit(pos) { valid = false }
            while isDigit(pos) { pos += 1 }
        }
        if valid && pos < n && isWordByte(bytes[pos]) { valid = false }
        if valid { return String(decoding: bytes[start..<pos], as: UTF8.self) }
        var end = pos
        while end < n, isWordByte(bytes[end]) { end += 1 }
        let token = String(decoding: bytes[start..<max(end, start + 1)], as: UTF8.self)
        let place = here(start)
        if leadingZero {
            throw error("Lỗi cú pháp JSON ở \(place): số \(quoteForMessage(token)) có chữ số 0 ở đầu, JSON không cho phép. Viết số không có số 0 ở đầu, hoặc đặt trong ngoặc kép nếu đó là một mã, ví dụ \"\(token)\".", value: token)
        }
        throw error("Lỗi cú pháp JSON ở \(place): \(quoteForMessage(token)) không phải số JSON hợp lệ. Số JSON viết như 12, -3, 12.5 hoặc 1.5e3; chữ cần đặt trong ngoặc kép.", value: token)
    }

    private mutating func parseString() throws(IngestError) -> String {
        let open = pos
        pos += 1  // "
        let n = bytes.count
        var buffer: [UInt8] = []
        var escaped = false
        var segment = pos
        while true {
            guard pos < n else {
                throw error("Lỗi cú pháp JSON ở \(here(open)): chuỗi bắt đầu ở đây chưa có ngoặc kép đóng «\"». Thêm ngoặc kép đóng ở cuối chuỗi.")
            }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                let text: String
                if escaped {
                    buffer.append(contentsOf: bytes[segment..<pos])
                    text = String(decoding: buffer, as: UTF8.self)
                } else {
                    text = String(decoding: bytes[segment..<pos], as: UTF8.self)
                }
                pos += 1
                return Vietnamese.nfc(text)
            }
            if b == UInt8(ascii: "\\") {
                if !escaped { buffer.reserveCapacity(pos - segment + 16) }
                escaped = true
                buffer.append(contentsOf: bytes[segment..<pos])
                let escapeStart = pos
                pos += 1
                guard pos < n else {
                    throw error("Lỗi cú pháp JSON ở \(here(open)): chuỗi bắt đầu ở đây chưa có ngoặc kép đóng «\"». Thêm ngoặc kép đóng ở cuối chuỗi.")
                }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""): buffer.append(0x22)
                case UInt8(ascii: "\\"): buffer.append(0x5C)
                case UInt8(ascii: "/"): buffer.append(0x2F)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    let unit = try hex4(escapeStart: escapeStart)
                    var scalar = UInt32(unit)
                    if (0xD800...0xDBFF).contains(unit) {
                        guard pos + 1 < n, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                            throw loneSurrogate(escapeStart)
                        }
                        let lowStart = pos
                        pos += 2
                        let low = try hex4(escapeStart: lowStart)
                        guard (0xDC00...0xDFFF).contains(low) else { throw loneSurrogate(escapeStart) }
                        scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(unit) {
                        throw loneSurrogate(escapeStart)
                    }
                    appendScalarUTF8(scalar, to: &buffer)
                default:
                    let shown = describeByte(at: pos - 1)
                    throw error("Lỗi cú pháp JSON ở \(here(escapeStart)): mã thoát «\\» + \(shown) không hợp lệ trong chuỗi. Các mã hợp lệ: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; viết «\\\\» cho một dấu gạch chéo ngược.")
                }
                segment = pos
                continue
            }
            if b < 0x20 {
                let code = "U+" + String(format: "%04X", Int(b))
                let hint = b == 0x0A || b == 0x0D
                    ? "Chuỗi JSON không được xuống dòng trực tiếp: viết \\n, hoặc có thể thiếu ngoặc kép đóng ở cuối dòng."
                    : "Viết ký tự này dưới dạng mã thoát (\\t cho Tab, \\uXXXX cho ký tự khác) hoặc xóa nó."
                throw error("Lỗi cú pháp JSON ở \(here()): ký tự điều khiển \(code) trong chuỗi. \(hint)", value: code)
            }
            pos += 1
        }
    }

    private mutating func hex4(escapeStart: Int) throws(IngestError) -> UInt16 {
        var value: UInt16 = 0
        for k in 0..<4 {
            guard pos + k < bytes.count else { throw badUnicodeEscape(escapeStart) }
            let b = bytes[pos + k]
            let digit: UInt16
            switch b {
            case 0x30...0x39: digit = UInt16(b - 0x30)
            case 0x41...0x46: digit = UInt16(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt16(b - 0x61 + 10)
            default: throw badUnicodeEscape(escapeStart)
            }
            value = value << 4 | digit
        }
        pos += 4
        return value
    }

    private mutating func badUnicodeEscape(_ escapeStart: Int) -> IngestError {
        error("Lỗi cú pháp JSON ở \(here(escapeStart)): mã thoát «\\u» cần đúng 4 chữ số thập lục phân (0–9, A–F), ví dụ \\u00E9. Sửa mã hoặc viết trực tiếp ký tự.")
    }

    private mutating func loneSurrogate(_ escapeStart: Int) -> IngestError {
        let end = min(escapeStart + 6, bytes.count)
        let text = String(decoding: bytes[escapeStart..<end], as: UTF8.self)
        return error("Lỗi cú pháp JSON ở \(here(escapeStart)): \(quoteForMessage(text)) là nửa cặp thay thế (surrogate) UTF-16 đứng một mình, không phải ký tự. Viết đủ cặp (ví dụ \\ud83d\\ude00) hoặc viết trực tiếp ký tự.", value: text)
    }
}

/// "dòng 3 và dòng 7", or "hai lần ở dòng 3" when both are on one line.
func duplicateLines(_ first: Int, _ second: Int) -> String {
    first == second ? "hai lần ở dòng \(first)" : "dòng \(first) và dòng \(second)"
}

/// Appends the UTF-8 encoding of a scalar value (already known to be valid).
private func appendScalarUTF8(_ v: UInt32, to out: inout [UInt8]) {
    switch v {
    case 0..<0x80:
        out.append(UInt8(v))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | (v >> 6)))
        out.append(UInt8(0x80 | (v & 0x3F)))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | (v >> 12)))
        out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (v & 0x3F)))
    default:
        out.append(UInt8(0xF0 | (v >> 18)))
        out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (v & 0x3F)))
    }
}
