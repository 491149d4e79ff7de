// Prints the syntax tree back as Excel A1 text (for XLSX `<f>`) and as ODF OpenFormula (for ODS
// `table:formula`), the way LibreOffice 7.x writes it.

enum FormulaPrinter {
    // MARK: - Excel

    static func excel(_ node: FormulaNode) -> String {
        var out = ""
        excel(node, into: &out)
        return out
    }

    private static func excel(_ node: FormulaNode, into out: inout String) {
        switch node {
        case .number(_, let lexeme): out += lexeme
        case .text(let s): out += quoted(s)
        case .logical(let b): out += b ? "TRUE" : "FALSE"
        case .error(let e): out += e.rawValue
        case .reference(let r): out += excel(r)
        case .name(let n): out += n
        case .missing: break
        case .group(let n):
            out += "("
            excel(n, into: &out)
            out += ")"
        case .call(let f, let args):
            out += f.prefix + f.name + "("
            for (i, a) in args.enumerated() {
                if i > 0 { out += "," }
                excel(a, into: &out)
            }
            out += ")"
        case .prefix(let ops, let n):
            for op in ops { out += op.rawValue }
            excel(n, into: &out)
        case .percent(let n, let count):
            excel(n, into: &out)
            out += String(repeating: "%", count: count)
        case .chain(let first, let links):
            excel(first, into: &out)
            for l in links {
                out += l.op.rawValue
                excel(l.operand, into: &out)
            }
        }
    }

    static func excel(_ r: FormulaRef) -> String {
        var out = ""
        if let sheet = r.sheet { out += excelSheet(sheet) + "!" }
        switch r.area {
        case .cell(let a): out += excel(a)
        case .range(let a, let b): out += excel(a) + ":" + excel(b)
        case .columns(let a, let b): out += column(a) + ":" + column(b)
        case .rows(let a, let b): out += row(a) + ":" + row(b)
        }
        return out
    }

    static func excel(_ a: FormulaCellAddress) -> String { column(a.column) + row(a.row) }

    static func column(_ a: FormulaAxis) -> String { (a.absolute ? "$" : "") + columnLetters(a.index) }

    static func row(_ a: FormulaAxis) -> String { (a.absolute ? "$" : "") + String(a.index + 1) }

    /// `0` → `A`, `25` → `Z`, `26` → `AA`, `16383` → `XFD`.
    static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var scalars: [Unicode.Scalar] = []
        while n > 0 {
            let r = (n - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + r)))
            n = (n - 1) / 26
        }
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars.reversed())
        return s
    }

    /// A string literal: double quotes, inner quotes doubled (the same in both syntaxes).
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }

    /// The sheet name as Excel wants it before `!`: bare only when it is a plain ASCII
    /// identifier that cannot be mistaken for a cell (A1 or R1C1) or a number.
    static func excelSheet(_ name: String) -> String {
        let bare = !name.isEmpty
            && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }
            && !(name.first.map(FormulaLexer.isDigit) ?? true)
            && !looksLikeCell(name) && !looksLikeR1C1(name)
            && name.uppercased() != "TRUE" && name.uppercased() != "FALSE"
        return bare ? name : "'" + name.replacingAll("'", with: "''") + "'"
    }

    private static func looksLikeCell(_ s: String) -> Bool {
        let letters = s.prefix { FormulaLexer.isASCIILetter($0) }
        let rest = s.dropFirst(letters.count)
        return (1...3).contains(letters.count) && !rest.isEmpty && rest.allSatisfy(FormulaLexer.isDigit)
    }

    private static func looksLikeR1C1(_ s: String) -> Bool {
        var rest = Substring(s.uppercased())
        var matched = false
        if rest.first == "R" {
            rest = rest.dropFirst().drop { FormulaLexer.isDigit($0) }
            matched = true
        }
        if rest.first == "C" {
            rest = rest.dropFirst().drop { FormulaLexer.isDigit($0) }
            matched = true
        }
        return matched && rest.isEmpty
    }

    // MARK: - OpenFormula

    static func openFormula(_ node: FormulaNode) -> String {
        var out = "of:="
        openFormula(node, into: &out)
        return out
    }

    private static func openFormula(_ node: FormulaNode, into out: inout String) {
        switch node {
        case .number(_, let lexeme): out += plainNumber(lexeme)
        case .text(let s): out += quoted(s)
        case .logical(let b): out += b ? "TRUE()" : "FALSE()"
        case .error(let e): out += e.rawValue
        case .reference(let r): out += openFormula(r)
        case .name(let n): out += n
        case .missing: break
        case .group(let n):
            out += "("
            openFormula(n, into: &out)
            out += ")"
        case .call(let f, let args):
            out += FormulaFunctions.openFormulaName(f.name) + "("
            for (i, a) in args.enumerated() {
                if i > 0 { out += ";" }
                openFormula(a, into: &out)
            }
            out += ")"
        case .prefix(let ops, let n):
            for op in ops { out += op.rawValue }
            openFormula(n, into: &out)
        case .percent(let n, let count):
            openFormula(n, into: &out)
            out += String(repeating: "%", count: count)
        case .chain(let first, let links):
            openFormula(first, into: &out)
            for l in links {
                out += l.op.rawValue
                openFormula(l.operand, into: &out)
            }
        }
    }

    /// `[.A1]`, `[.$A$1:.B9]`, `[$'Tổng hợp'.B:.B]`, `[$Sheet2.2:.2]`: LibreOffice's form. References
    /// to another sheet get an absolute sheet (`$`), as LibreOffice writes Excel's.
    static func openFormula(_ r: FormulaRef) -> String {
        var out = "["
        if let sheet = r.sheet { out += "$" + odfSheet(sheet) }
        out += "."
        switch r.area {
        case .cell(let a): out += excel(a)
        case .range(let a, let b): out += excel(a) + ":." + excel(b)
        case .columns(let a, let b): out += column(a) + ":." + column(b)
        case .rows(let a, let b): out += row(a) + ":." + row(b)
        }
        return out + "]"
    }

    /// The sheet name in OpenFormula: bare when it is letters, digits and `_` not starting with a
    /// digit (LibreOffice writes `[$Tổnghợp.A1]`, `[$'2024'.A1]`, `[$'Sheet-2'.A1]`).
    static func odfSheet(_ name: String) -> String {
        let bare = !name.isEmpty
            && name.allSatisfy { $0.isLetter || FormulaLexer.isDigit($0) || $0 == "_" }
            && !(name.first.map(FormulaLexer.isDigit) ?? true)
        return bare ? name : "'" + name.replacingAll("'", with: "''") + "'"
    }

    /// A number literal in the form OpenFormula requires: a digit before the point, none
    /// after a bare point (`.5` → `0.5`, `1.` → `1`, `1.E3` → `1E3`).
    static func plainNumber(_ lexeme: String) -> String {
        var s = lexeme
        if s.first == "." { s = "0" + s }
        if let dot = s.firstIndex(of: ".") {
            let after = s.index(after: dot)
            if after == s.endIndex || !FormulaLexer.isDigit(s[after]) { s.remove(at: dot) }
        }
        return s
    }
}

extension String {
    /// Every occurrence of `target` replaced (without Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        out.reserveCapacity(count + 8)
        for c in self {
            if c == target { out += replacement } else { out.append(c) }
        }
        return out
    }
}
