import Vietnamese

/// A name in a tag: `ho_ten`, `don_vi.ten`, `.` (the current item). NFC.
struct TagPath: Sendable, Hashable {
    /// The name as written (trimmed, NFC).
    var raw: String
    /// `raw` split at dots (one component when the name has no dot).
    var components: [String]

    init(_ raw: String) {
        let name = Vietnamese.nfc(raw.trimmingSpaces)
        self.raw = name
        self.components = name == "." ? [] : name.split(separator: ".", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
    }

    var isCurrent: Bool { raw == "." }
    /// The first component (the key looked up in the data).
    var head: String { components.first ?? raw }
}

/// One formatter after a pipe: `ngay_dai`, `so:2`, `mac_dinh:"không có"`.
struct TagFormatter: Sendable, Hashable {
    enum Kind: String, Sendable, Hashable, CaseIterable {
        /// "ngày 05 tháng 02 năm 2021"
        case longDate = "ngay_dai"
        /// "05/02/2021"
        case date = "ngay"
        /// "1.234.567" (argument: decimals)
        case number = "so"
        /// "một triệu hai trăm nghìn"
        case words = "chu"
        /// "Một triệu hai trăm nghìn đồng"
        case amountWords = "tien_chu"
        /// UPPER CASE
        case upper = "hoa"
        /// lower case
        case lower = "thuong"
        /// First letter upper case
        case capitalized = "hoa_dau"
        /// A default for a missing, null or empty value.
        case fallback = "mac_dinh"
    }

    var kind: Kind
    var arguments: [String]
}

/// What a tag is.
enum TagKind: Sendable, Hashable {
    /// `{name | formatters}`
    case value
    /// `{#name}` or `{^name}`; `expandTo` is set for `{-w:p name}` (the element to repeat).
    case open(inverted: Bool, expandTo: String?)
    /// `{/name}` (empty name: closes the innermost open section).
    case close
}

/// A tag as the template writes it, parsed.
struct ParsedTag: Sendable, Hashable {
    var kind: TagKind
    var path: TagPath
    var formatters: [TagFormatter]
    /// The text between the delimiters, as written.
    var source: String
}

/// Why a tag's text cannot be read.
struct TagSyntaxError: Error {
    var code: TemplateIssue.Code
    var detail: String
}

enum TagParser {
    /// Parses the text between the delimiters.
    static func parse(_ text: String) throws(TagSyntaxError) -> ParsedTag {
        let source = text
        let trimmed = text.trimmingSpaces
        guard let first = trimmed.first else { throw TagSyntaxError(code: .emptyTag, detail: "") }
        switch first {
        case "#", "^":
            let name = String(trimmed.dropFirst()).trimmingSpaces
            guard !name.isEmpty else { throw TagSyntaxError(code: .emptyTag, detail: "vòng lặp không có tên") }
            guard !name.contains("|") else { throw TagSyntaxError(code: .invalidTag, detail: "vòng lặp không dùng bộ định dạng") }
            return ParsedTag(kind: .open(inverted: first == "^", expandTo: nil), path: TagPath(name), formatters: [], source: source)
        case "/":
            let name = String(trimmed.dropFirst()).trimmingSpaces
            return ParsedTag(kind: .close, path: TagPath(name), formatters: [], source: source)
        case "-":
            // {-w:p name}, {-w:tr name}, {-w:tbl name}, {-text:p name}, {-table:table-row name}
            let body = trimmed.dropFirst()
            guard let space = body.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                throw TagSyntaxError(code: .invalidTag, detail: "cần dạng {-w:p tên}")
            }
            let element = String(body[..<space])
            let name = String(body[space...]).trimmingSpaces
            guard !element.isEmpty, !name.isEmpty else { throw TagSyntaxError(code: .invalidTag, detail: "cần dạng {-w:p tên}") }
            return ParsedTag(kind: .open(inverted: false, expandTo: element), path: TagPath(name), formatters: [], source: source)
        case "@":
            throw TagSyntaxError(code: .unsupportedTag, detail: "chèn XML thô {@…}")
        case "%":
            throw TagSyntaxError(code: .unsupportedTag, detail: "chèn ảnh {%…}")
        default:
            break
        }
        let pieces = splitPipes(trimmed)
        let name = pieces[0].trimmingSpaces
        guard !name.isEmpty else { throw TagSyntaxError(code: .emptyTag, detail: "") }
        var formatters: [TagFormatter] = []
        for piece in pieces.dropFirst() {
            formatters.append(try formatter(piece.trimmingSpaces))
        }
        return ParsedTag(kind: .value, path: TagPath(name), formatters: formatters, source: source)
    }

    /// Splits at `|` outside quotes.
    static func splitPipes(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for c in text {
            if let q = quote {
                current.append(c)
                if c == q || (q == "“" && c == "”") { quote = nil }
                continue
            }
            if c == "\"" || c == "'" || c == "“" {
                quote = c
                current.append(c)
            } else if c == "|" {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts
    }

    static func formatter(_ text: String) throws(TagSyntaxError) -> TagFormatter {
        guard !text.isEmpty else { throw TagSyntaxError(code: .unknownFormatter, detail: "trống sau dấu |") }
        var nameEnd = text.endIndex
        if let colon = text.firstIndex(of: ":") { nameEnd = colon }
        let name = Vietnamese.nfc(String(text[..<nameEnd]).trimmingSpaces)
        guard let kind = TagFormatter.Kind(rawValue: name) ?? aliases[name] else {
            throw TagSyntaxError(code: .unknownFormatter, detail: "«\(name)»")
        }
        var arguments: [String] = []
        if nameEnd < text.endIndex {
            let rest = String(text[text.index(after: nameEnd)...])
            arguments = try parseArguments(rest)
        }
        switch kind {
        case .fallback:
            guard arguments.count == 1 else { throw TagSyntaxError(code: .invalidFormatterArgument, detail: "mac_dinh cần đúng một giá trị") }
        case .number:
            guard arguments.count <= 1, arguments.allSatisfy({ Int($0).map { (0...10).contains($0) } ?? false }) else {
                throw TagSyntaxError(code: .invalidFormatterArgument, detail: "so chỉ nhận số chữ số thập phân (0–10)")
            }
        default:
            guard arguments.isEmpty else { throw TagSyntaxError(code: .invalidFormatterArgument, detail: "\(kind.rawValue) không nhận tham số") }
        }
        return TagFormatter(kind: kind, arguments: arguments)
    }

    /// Friendly spellings accepted for the formatters.
    static let aliases: [String: TagFormatter.Kind] = [
        "ngày_dài": .longDate, "ngày": .date, "số": .number, "chữ": .words, "tiền_chữ": .amountWords,
        "hoa_đầu": .capitalized, "thường": .lower, "mặc_định": .fallback, "upper": .upper, "lower": .lower,
    ]

    /// `"a b":2` → ["a b", "2"]; quotes may be "…", '…' or “…”.
    static func parseArguments(_ text: String) throws(TagSyntaxError) -> [String] {
        var args: [String] = []
        var chars = Array(text)
        var i = 0
        while i < chars.count {
            while i < chars.count && chars[i].isWhitespace { i += 1 }
            guard i < chars.count else { break }
            let c = chars[i]
            if c == "\"" || c == "'" || c == "“" {
                let close: Character = c == "“" ? "”" : c
                var j = i + 1
                var value = ""
                while j < chars.count && chars[j] != close {
                    if chars[j] == "\\" && j + 1 < chars.count { j += 1 }
                    value.append(chars[j])
                    j += 1
                }
                guard j < chars.count else { throw TagSyntaxError(code: .invalidFormatterArgument, detail: "thiếu dấu ngoặc kép đóng") }
                args.append(value)
                i = j + 1
            } else {
                var j = i
                var value = ""
                while j < chars.count && chars[j] != ":" { value.append(chars[j]); j += 1 }
                args.append(value.trimmingSpaces)
                i = j
            }
            while i < chars.count && chars[i].isWhitespace { i += 1 }
            if i < chars.count {
                guard chars[i] == ":" || chars[i] == "," else {
                    throw TagSyntaxError(code: .invalidFormatterArgument, detail: "ký tự thừa «\(chars[i])»")
                }
                i += 1
            }
        }
        chars.removeAll()
        return args
    }
}
