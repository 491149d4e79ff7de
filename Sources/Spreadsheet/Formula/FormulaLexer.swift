// Splits Excel A1 formula text into tokens. References (with sheet names and ranges) are
// recognized here, so the parser only sees whole references.

struct FormulaToken: Equatable {
    enum Kind: Equatable {
        case number(Double, String)
        case text(String)
        case logical(Bool)
        case error(FormulaErrorValue)
        case reference(FormulaRef)
        /// A function name together with its opening parenthesis.
        case function(FormulaFunctionName)
        case name(String)
        /// `+ - * / ^ & = <> < > <= >= %`
        case op(String)
        case leftParen, rightParen, comma, end
    }

    var kind: Kind
    /// Character index of the first character (in the text after a stripped `=`).
    var start: Int
    /// Character index just past the token.
    var end: Int
    /// Whitespace comes right before the token.
    var spaceBefore: Bool
}

struct FormulaLexer {
    private let chars: [Character]
    private let fail: (FormulaError.Kind, Int) -> FormulaError
    private var i = 0

    /// `fail(kind, index)` builds the error for a character index of `chars`.
    init(_ chars: [Character], fail: @escaping (FormulaError.Kind, Int) -> FormulaError) {
        self.chars = chars
        self.fail = fail
    }

    mutating func tokenize() throws(FormulaError) -> [FormulaToken] {
        var tokens: [FormulaToken] = []
        while true {
            var space = false
            while i < chars.count, Self.isSpace(chars[i]) { i += 1; space = true }
            let start = i
            guard i < chars.count else {
                tokens.append(FormulaToken(kind: .end, start: chars.count, end: chars.count, spaceBefore: space))
                return tokens
            }
            let kind = try next()
            tokens.append(FormulaToken(kind: kind, start: start, end: i, spaceBefore: space))
        }
    }

    // MARK: - Character classes

    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\r\n" }
    static func isDigit(_ c: Character) -> Bool { c.isASCII && c >= "0" && c <= "9" }
    static func isASCIILetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }
    /// Characters of function names, defined names and unquoted sheet names.
    static func isNameCharacter(_ c: Character) -> Bool {
        c.isLetter || isDigit(c) || c == "_" || c == "." || c == "\\"
    }
    static func isNameStart(_ c: Character) -> Bool { c.isLetter || c == "_" || c == "\\" }

    private func at(_ j: Int) -> Character? { j < chars.count ? chars[j] : nil }

    // MARK: - Tokens

    private mutating func next() throws(FormulaError) -> FormulaToken.Kind {
        let c = chars[i]
        switch c {
        case "\"": return try string()
        case "#": return try errorLiteral()
        case "'":
            guard let (sheet, after) = try sheetPrefix(at: i) else { throw fail(.unclosedSheetName, i) }
            return try qualifiedReference(sheet: sheet, at: after)
        case "(": i += 1; return .leftParen
        case ")": i += 1; return .rightParen
        case ",": i += 1; return .comma
        case "+", "-", "*", "/", "^", "&", "%", "=":
            i += 1; return .op(String(c))
        case "<":
            if at(i + 1) == "=" || at(i + 1) == ">" { i += 2; return .op("<" + String(chars[i - 1])) }
            i += 1; return .op("<")
        case ">":
            if at(i + 1) == "=" { i += 2; return .op(">=") }
            i += 1; return .op(">")
        case "{": throw fail(.unsupported("hằng mảng {…}"), i)
        case "[": throw fail(.unsupported("tham chiếu có cấu trúc […]"), i)
        case "@": throw fail(.unsupported("toán tử @"), i)
        case ":": throw fail(.unsupported("toán tử : ngoài một vùng ô"), i)
        case "$":
            if let (area, end) = try referenceBody(at: i, sheet: nil) {
                i = end
                return .reference(FormulaRef(sheet: nil, area: area))
            }
            throw fail(.invalidReference(word(from: i)), i)
        default: break
        }
        if Self.isDigit(c) {
            if let (area, end) = try referenceBody(at: i, sheet: nil) {
                i = end
                return .reference(FormulaRef(sheet: nil, area: area))
            }
            return try number()
        }
        if c == ".", let d = at(i + 1), Self.isDigit(d) { return try number() }
        if Self.isNameStart(c) { return try identifier() }
        throw fail(.unexpectedCharacter(c), i)
    }

    /// Text up to the next delimiter, for messages.
    private func word(from j: Int) -> String {
        var k = j + 1
        while k < chars.count, k - j < 16, Self.isNameCharacter(chars[k]) || chars[k] == "$" || chars[k] == ":" { k += 1 }
        return String(chars[j..<min(k, chars.count)])
    }

    private mutating func string() throws(FormulaError) -> FormulaToken.Kind {
        let open = i
        var s = ""
        var k = i + 1
        while k < chars.count {
            if chars[k] == "\"" {
                if at(k + 1) == "\"" { s.append("\""); k += 2; continue }
                i = k + 1
                return .text(s)
            }
            s.append(chars[k])
            k += 1
        }
        throw fail(.unclosedString, open)
    }

    private mutating func errorLiteral() throws(FormulaError) -> FormulaToken.Kind {
        let byLength = FormulaErrorValue.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
        for e in byLength {
            let lit = Array(e.rawValue)
            guard i + lit.count <= chars.count else { continue }
            if zip(chars[i..<(i + lit.count)], lit).allSatisfy({ $0.uppercased() == String($1) }) {
                i += lit.count
                return .error(e)
            }
        }
        var k = i + 1
        while k < chars.count, k - i < 12, !Self.isSpace(chars[k]), !"(),;+-*&^=<>".contains(chars[k]) { k += 1 }
        throw fail(.unknownErrorLiteral(String(chars[i..<k])), i)
    }

    private mutating func number() throws(FormulaError) -> FormulaToken.Kind {
        let start = i
        var k = i
        while let c = at(k), Self.isDigit(c) { k += 1 }
        if at(k) == "." {
            k += 1
            while let c = at(k), Self.isDigit(c) { k += 1 }
        }
        if let e = at(k), e == "e" || e == "E" {
            var m = k + 1
            if at(m) == "+" || at(m) == "-" { m += 1 }
            let digits = m
            while let c = at(m), Self.isDigit(c) { m += 1 }
            guard m > digits else { throw fail(.invalidNumber(String(chars[start..<m])), start) }
            k = m
        }
        let lexeme = String(chars[start..<k])
        guard let value = Double(FormulaPrinter.plainNumber(lexeme)), value.isFinite else {
            throw fail(.invalidNumber(lexeme), start)
        }
        i = k
        return .number(value, lexeme)
    }

    private mutating func identifier() throws(FormulaError) -> FormulaToken.Kind {
        var k = i
        while let c = at(k), Self.isNameCharacter(c) { k += 1 }
        let w = String(chars[i..<k])
        if at(k) == "(" {
            i = k + 1
            return .function(Self.functionName(w))
        }
        if at(k) == "!" {
            return try qualifiedReference(sheet: w, at: k + 1)
        }
        if let (area, end) = try referenceBody(at: i, sheet: nil) {
            i = end
            return .reference(FormulaRef(sheet: nil, area: area))
        }
        if at(k) == "$" || at(k) == ":" { throw fail(.invalidReference(word(from: i)), i) }
        i = k
        switch w.uppercased() {
        case "TRUE": return .logical(true)
        case "FALSE": return .logical(false)
        default: return .name(w)
        }
    }

    /// Upper-cased name without `_xlfn.` / `_xlws.`, with the prefix Excel needs in files.
    static func functionName(_ written: String) -> FormulaFunctionName {
        var name = written.uppercased()
        var writtenPrefix = ""
        while true {
            if name.hasPrefix("_XLFN.") { name.removeFirst(6); writtenPrefix += "_xlfn." }
            else if name.hasPrefix("_XLWS.") { name.removeFirst(6); writtenPrefix += "_xlws." }
            else { break }
        }
        return FormulaFunctionName(name: name, prefix: FormulaFunctions.xlsxPrefix(name) ?? writtenPrefix)
    }

    // MARK: - References

    /// `'quoted name'!` or `Name!` at `j`: the unescaped name and the index after `!`; nil when
    /// there is no sheet prefix at `j`.
    private func sheetPrefix(at j: Int) throws(FormulaError) -> (String, Int)? {
        if at(j) == "'" {
            var name = ""
            var k = j + 1
            while true {
                guard let c = at(k) else { throw fail(.unclosedSheetName, j) }
                if c == "'" {
                    if at(k + 1) == "'" { name.append("'"); k += 2; continue }
                    break
                }
                name.append(c)
                k += 1
            }
            guard at(k + 1) == "!", !name.isEmpty else { throw fail(.invalidSheetReference, k + 1) }
            return (name, k + 2)
        }
        guard let c = at(j), Self.isNameCharacter(c) else { return nil }
        var k = j
        while let c = at(k), Self.isNameCharacter(c) { k += 1 }
        guard at(k) == "!" else { return nil }
        return (String(chars[j..<k]), k + 1)
    }

    private mutating func qualifiedReference(sheet: String, at j: Int) throws(FormulaError) -> FormulaToken.Kind {
        guard let (area, end) = try referenceBody(at: j, sheet: sheet) else {
            if at(j) == "#" { throw fail(.unsupported("tham chiếu hỏng (…!#REF!)"), j) }
            throw fail(.invalidSheetReference, j)
        }
        i = end
        return .reference(FormulaRef(sheet: sheet, area: area))
    }

    /// A cell, range, whole-column or whole-row reference starting at `j` (after any sheet
    /// prefix). nil when the text there is not a reference; throws when it is one beyond the
    /// sheet limits.
    private func referenceBody(at j: Int, sheet: String?) throws(FormulaError) -> (FormulaArea, Int)? {
        if let (a, k) = try cellAddress(at: j) {
            guard at(k) == ":" else { return (.cell(a), k) }
            var m = k + 1
            if let (second, after) = try sheetPrefix(at: m) {
                guard let sheet, second.lowercased() == sheet.lowercased() else {
                    throw fail(.unsupported("tham chiếu qua nhiều trang tính"), m)
                }
                m = after
            }
            guard let (b, end) = try cellAddress(at: m) else {
                throw fail(.unsupported("toán tử : với thứ không phải ô"), k)
            }
            return (.range(a, b), end)
        }
        let c1 = letters(at: j)
        if c1.end > c1.start, c1.end - c1.start <= 3, at(c1.end) == ":" {
            let c2 = letters(at: c1.end + 1)
            if c2.end > c2.start, c2.end - c2.start <= 3, endsReference(at: c2.end) {
                let text = { String(self.chars[j..<c2.end]) }
                let first = try columnIndex(c1.start, c1.end, reportAt: j, text: text)
                let last = try columnIndex(c2.start, c2.end, reportAt: j, text: text)
                return (.columns(FormulaAxis(index: first, absolute: c1.absolute),
                                 FormulaAxis(index: last, absolute: c2.absolute)), c2.end)
            }
        }
        let r1 = digits(at: j)
        if r1.end > r1.start, at(r1.end) == ":" {
            let r2 = digits(at: r1.end + 1)
            if r2.end > r2.start, endsReference(at: r2.end) {
                let text = { String(self.chars[j..<r2.end]) }
                let first = try rowIndex(r1.start, r1.end, reportAt: j, text: text)
                let last = try rowIndex(r2.start, r2.end, reportAt: j, text: text)
                return (.rows(FormulaAxis(index: first, absolute: r1.absolute),
                              FormulaAxis(index: last, absolute: r2.absolute)), r2.end)
            }
        }
        return nil
    }

    /// Whether the reference text ends at `k` (no name character or `(`/`$` glued to it).
    private func endsReference(at k: Int) -> Bool {
        guard let c = at(k) else { return true }
        return !(Self.isNameCharacter(c) || c == "(" || c == "$" || c == "!")
    }

    private func letters(at j: Int) -> (absolute: Bool, start: Int, end: Int) {
        var k = j
        let absolute = at(k) == "$"
        if absolute { k += 1 }
        let start = k
        while let c = at(k), Self.isASCIILetter(c) { k += 1 }
        return (absolute, start, k)
    }

    private func digits(at j: Int) -> (absolute: Bool, start: Int, end: Int) {
        var k = j
        let absolute = at(k) == "$"
        if absolute { k += 1 }
        let start = k
        while let c = at(k), Self.isDigit(c) { k += 1 }
        return (absolute, start, k)
    }

    private func columnIndex(_ s: Int, _ e: Int, reportAt j: Int, text: () -> String) throws(FormulaError) -> Int {
        var n = 0
        for c in chars[s..<e] {
            guard let v = c.uppercased().unicodeScalars.first?.value else { continue }
            n = n * 26 + Int(v) - 64
        }
        guard n <= FormulaLimits.columns else { throw fail(.referenceOutOfRange(text()), j) }
        return n - 1
    }

    private func rowIndex(_ s: Int, _ e: Int, reportAt j: Int, text: () -> String) throws(FormulaError) -> Int {
        var n = 0
        for c in chars[s..<e] {
            n = n * 10 + (c.wholeNumberValue ?? 0)
            if n > FormulaLimits.rows { throw fail(.referenceOutOfRange(text()), j) }
        }
        guard n >= 1 else { throw fail(.referenceOutOfRange(text()), j) }
        return n - 1
    }

    private func cellAddress(at j: Int) throws(FormulaError) -> (FormulaCellAddress, Int)? {
        let l = letters(at: j)
        guard l.end > l.start, l.end - l.start <= 3 else { return nil }
        let d = digits(at: l.end)
        guard d.end > d.start, endsReference(at: d.end) else { return nil }
        let text = { String(self.chars[j..<d.end]) }
        let column = try columnIndex(l.start, l.end, reportAt: j, text: text)
        let row = try rowIndex(d.start, d.end, reportAt: j, text: text)
        return (FormulaCellAddress(column: FormulaAxis(index: column, absolute: l.absolute),
                                   row: FormulaAxis(index: row, absolute: d.absolute)), d.end)
    }
}
