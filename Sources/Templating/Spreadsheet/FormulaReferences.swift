import Spreadsheet

/// A reference found in formula text: a cell, a range of cells, whole rows or whole columns,
/// optionally on a named sheet. Rows and columns are 0-based; nil for the open side of whole
/// rows / columns.
struct SheetReference: Equatable {
    var sheet: String?
    var startRow: Int?
    var startColumn: Int?
    var endRow: Int?
    var endColumn: Int?
    var startRowAbsolute = false, startColumnAbsolute = false, endRowAbsolute = false, endColumnAbsolute = false
    var isRange = false
}

/// Finds and rewrites the references of Excel A1 formulas (`SUM(E5:E5)`, `'Danh sách'!$B$2`,
/// `A:A`, `3:3`) without touching strings, function names or defined names. The result is
/// checked with Spreadsheet's `Formula` parser: a rewrite that no longer parses (or changes
/// the number of references) is refused and the formula kept.
enum A1References {
    static func columnIndex(_ letters: Substring) -> Int? {
        guard !letters.isEmpty, letters.count <= 3 else { return nil }
        var n = 0
        for c in letters.utf8 {
            let u = c & ~0x20
            guard u >= 65 && u <= 90 else { return nil }
            n = n * 26 + Int(u - 64)
        }
        return n <= 16_384 ? n - 1 : nil
    }

    static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// `B7` → (row 6, column 1).
    static func cell(_ text: Substring) -> (row: Int, column: Int)? {
        var i = text.startIndex
        while i < text.endIndex && text[i].isLetter && text[i].isASCII { i = text.index(after: i) }
        guard let column = columnIndex(text[..<i]), let row = Int(text[i...]), row >= 1, row <= 1_048_576 else { return nil }
        return (row - 1, column)
    }

    static func cellName(row: Int, column: Int) -> String { columnLetters(column) + String(row + 1) }

    /// Rewrites every reference with `transform` (nil keeps it). `#REF!` may be returned by
    /// `replacement` instead of a reference.
    static func rewrite(_ formula: String, _ transform: (SheetReference) -> SheetReference?) -> String {
        let chars = Array(formula)
        var out = ""
        var i = 0
        var changed = false
        func isNameChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "." || c == "\\" }
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                var j = i + 1
                while j < chars.count { if chars[j] == "\"" { if j + 1 < chars.count && chars[j + 1] == "\"" { j += 2; continue }; break }; j += 1 }
                out += String(chars[i...min(j, chars.count - 1)])
                i = j + 1
                continue
            }
            if c == "[" {  // structured references and external workbook indexes: copied
                var j = i
                var depth = 0
                while j < chars.count { if chars[j] == "[" { depth += 1 } else if chars[j] == "]" { depth -= 1; if depth == 0 { break } }; j += 1 }
                out += String(chars[i...min(j, chars.count - 1)])
                i = j + 1
                continue
            }
            // A token: optional sheet, then a reference.
            if c == "'" || c == "$" || c.isLetter || c.isNumber || c == "_" {
                let previous = i > 0 ? chars[i - 1] : " "
                if isNameChar(previous) && c != "'" { out.append(c); i += 1; continue }
                var j = i
                var sheet: String?
                if c == "'" {
                    var k = i + 1
                    var name = ""
                    while k < chars.count { if chars[k] == "'" { if k + 1 < chars.count && chars[k + 1] == "'" { name.append("'"); k += 2; continue }; break }; name.append(chars[k]); k += 1 }
                    if k + 1 < chars.count && chars[k + 1] == "!" { sheet = name; j = k + 2 } else { out.append(c); i += 1; continue }
                } else {
                    var k = i
                    while k < chars.count && (isNameChar(chars[k])) { k += 1 }
                    if k < chars.count && chars[k] == "!" && k > i { sheet = String(chars[i..<k]); j = k + 1 }
                }
                // The reference body: [$]col[$]row[:[$]col[$]row] or col:col or row:row.
                var k = j
                while k < chars.count && (chars[k].isLetter || chars[k].isNumber || chars[k] == "$" || chars[k] == ":") { k += 1 }
                let body = String(chars[j..<k])
                let nextIsParen = k < chars.count && chars[k] == "("
                if !nextIsParen, k < chars.count ? !(isNameChar(chars[k]) || chars[k] == "!") : true, let ref = parse(body, sheet: sheet),
                   let new = transform(ref) {
                    out += (sheet != nil ? String(chars[i..<j]) : "") + format(new)
                    changed = true
                } else {
                    out += String(chars[i..<k])
                    if k == i { out.append(c); k = i + 1 }
                }
                i = k
                continue
            }
            out.append(c)
            i += 1
        }
        guard changed else { return formula }
        // Checked with the formula engine: what parsed still parses.
        if (try? Formula(formula)) != nil, (try? Formula(out)) == nil { return formula }
        return out
    }

    static func parse(_ body: String, sheet: String?) -> SheetReference? {
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        func side(_ s: Substring) -> (row: Int?, rowAbs: Bool, col: Int?, colAbs: Bool)? {
            var i = s.startIndex
            var colAbs = false, rowAbs = false
            if i < s.endIndex && s[i] == "$" { colAbs = true; i = s.index(after: i) }
            let lettersStart = i
            while i < s.endIndex && s[i].isASCII && s[i].isLetter { i = s.index(after: i) }
            let letters = s[lettersStart..<i]
            if i < s.endIndex && s[i] == "$" { rowAbs = true; i = s.index(after: i) }
            let digits = s[i...]
            guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            let col = letters.isEmpty ? nil : columnIndex(letters)
            if !letters.isEmpty && col == nil { return nil }
            let row = digits.isEmpty ? nil : Int(digits).map { $0 - 1 }
            if let r = row, r < 0 || r >= 1_048_576 { return nil }
            if col == nil && row == nil { return nil }
            if letters.isEmpty { rowAbs = colAbs; colAbs = false }
            return (row, rowAbs, col, colAbs)
        }
        guard let a = side(parts[0]) else { return nil }
        if parts.count == 1 {
            guard a.row != nil, a.col != nil else { return nil }
            return SheetReference(sheet: sheet, startRow: a.row, startColumn: a.col, endRow: a.row, endColumn: a.col,
                                  startRowAbsolute: a.rowAbs, startColumnAbsolute: a.colAbs, endRowAbsolute: a.rowAbs, endColumnAbsolute: a.colAbs)
        }
        guard let b = side(parts[1]) else { return nil }
        // Both sides the same kind: cells, whole columns or whole rows.
        guard (a.row == nil) == (b.row == nil), (a.col == nil) == (b.col == nil) else { return nil }
        return SheetReference(sheet: sheet, startRow: a.row, startColumn: a.col, endRow: b.row, endColumn: b.col,
                              startRowAbsolute: a.rowAbs, startColumnAbsolute: a.colAbs, endRowAbsolute: b.rowAbs,
                              endColumnAbsolute: b.colAbs, isRange: true)
    }

    static func format(_ r: SheetReference) -> String {
        func side(_ row: Int?, _ rowAbs: Bool, _ col: Int?, _ colAbs: Bool) -> String {
            var s = ""
            if let col { s += (colAbs ? "$" : "") + columnLetters(col) }
            if let row { s += (rowAbs ? "$" : "") + String(row + 1) }
            return s
        }
        let a = side(r.startRow, r.startRowAbsolute, r.startColumn, r.startColumnAbsolute)
        guard r.isRange else { return a }
        return a + ":" + side(r.endRow, r.endRowAbsolute, r.endColumn, r.endColumnAbsolute)
    }

    /// A shared formula's text for a cell `rows`/`columns` away from its anchor: relative
    /// parts move, absolute ones stay (Excel's rule).
    static func translate(_ formula: String, rows: Int, columns: Int) -> String {
        rewrite(formula) { ref in
            var r = ref
            if let v = r.startRow, !r.startRowAbsolute { r.startRow = v + rows }
            if let v = r.endRow, !r.endRowAbsolute { r.endRow = v + rows }
            if let v = r.startColumn, !r.startColumnAbsolute { r.startColumn = v + columns }
            if let v = r.endColumn, !r.endColumnAbsolute { r.endColumn = v + columns }
            if [r.startRow, r.endRow, r.startColumn, r.endColumn].contains(where: { ($0 ?? 0) < 0 }) { return nil }
            return r
        }
    }
}
