import OfficeXML

/// Excel number-format codes turned into ODF data styles (`number:number-style`,
/// `number:percentage-style`, `number:date-style`, `number:text-style`).
///
/// Covers what tally sheets use: integers and decimals with or without thousands grouping,
/// percentages, dates made of d/dd, m/mm, yy/yyyy and separators, text "@", and literal text in
/// quotes or after a backslash ("#,##0 \"đồng\""). Only the first section of a multi-section
/// code (positive;negative;zero) is used.
struct ODFDataStyle: Hashable {
    enum Kind: Hashable { case number, percentage, date, text }
    enum Token: Hashable {
        case number(decimals: Int, minIntegerDigits: Int, grouping: Bool)
        case text(String)
        case day(long: Bool), month(long: Bool), year(long: Bool)
        case textContent
    }

    var kind: Kind
    var tokens: [Token]

    /// nil for "General" (no data style).
    init?(_ format: NumberFormat) {
        let code = format.code
        if code == "General" { return nil }
        let section = ODFDataStyle.firstSection(code)
        if section == "@" {
            kind = .text
            tokens = [.textContent]
            return
        }
        if format.isDate {
            kind = .date
            tokens = ODFDataStyle.dateTokens(section)
            return
        }
        var tokens: [Token] = []
        var literal = ""
        var decimals = 0, minInt = 0, grouping = false
        var inNumber = false, afterPoint = false, percent = false, numberDone = false
        var chars = Array(section)
        var i = 0
        func flushLiteral() {
            if !literal.isEmpty { tokens.append(.text(literal)); literal = "" }
        }
        func flushNumber() {
            if inNumber && !numberDone {
                tokens.append(.number(decimals: decimals, minIntegerDigits: minInt, grouping: grouping))
                numberDone = true
                inNumber = false
            }
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\"":
                flushNumber()
                i += 1
                while i < chars.count && chars[i] != "\"" { literal.append(chars[i]); i += 1 }
            case "\\":
                flushNumber()
                if i + 1 < chars.count { literal.append(chars[i + 1]); i += 1 }
            case "0", "#", "?":
                if numberDone { break }
                flushLiteral()
                inNumber = true
                if afterPoint { decimals += 1 } else if c == "0" { minInt += 1 }
            case ",":
                if inNumber && !afterPoint { grouping = true } else { literal.append(",") }
            case ".":
                if inNumber { afterPoint = true } else { literal.append(".") }
            case "%":
                flushNumber()
                percent = true
                literal.append("%")
            case "_", "*":
                i += 1  // spacing/fill characters: skip the next character too
            case "[":
                while i < chars.count && chars[i] != "]" { i += 1 }
            default:
                flushNumber()
                literal.append(c)
            }
            i += 1
        }
        flushNumber()
        flushLiteral()
        chars.removeAll()
        if !tokens.contains(where: { if case .number = $0 { return true }; return false }) {
            tokens.insert(.number(decimals: 0, minIntegerDigits: 1, grouping: false), at: 0)
        }
        self.kind = percent ? .percentage : .number
        self.tokens = tokens
    }

    static func firstSection(_ code: String) -> String {
        var inQuote = false
        var out = ""
        for c in code {
            if c == "\"" { inQuote.toggle() }
            if c == ";" && !inQuote { break }
            out.append(c)
        }
        return out
    }

    static func dateTokens(_ code: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(code.lowercased())
        var i = 0
        var literal = ""
        func flush() { if !literal.isEmpty { tokens.append(.text(literal)); literal = "" } }
        while i < chars.count {
            let c = chars[i]
            var run = 1
            while i + run < chars.count && chars[i + run] == c { run += 1 }
            switch c {
            case "d": flush(); tokens.append(.day(long: run >= 2))
            case "m": flush(); tokens.append(.month(long: run >= 2))
            case "y": flush(); tokens.append(.year(long: run >= 3))
            case "\"":
                run = 1
                var j = i + 1
                while j < chars.count && chars[j] != "\"" { literal.append(chars[j]); j += 1 }
                run = j - i + 1
            case "\\":
                if i + 1 < chars.count { literal.append(chars[i + 1]) }
                run = 2
            default:
                literal += String(repeating: String(c), count: run)
            }
            i += run
        }
        flush()
        return tokens
    }

    /// Writes the style as `name` into automatic or common styles.
    func write(_ w: XMLWriter, name: String) {
        switch kind {
        case .number: w.start("number:number-style")
        case .percentage: w.start("number:percentage-style")
        case .date: w.start("number:date-style")
        case .text: w.start("number:text-style")
        }
        w.attribute("style:name", name)
        for t in tokens {
            switch t {
            case let .number(decimals, minInt, grouping):
                w.start("number:number")
                w.attribute("number:decimal-places", decimals)
                w.attribute("number:min-decimal-places", decimals)
                w.attribute("number:min-integer-digits", minInt)
                if grouping { w.attribute("number:grouping", raw: "true") }
                w.end()
            case .text(let s):
                w.element("number:text", text: s)
            case .day(let long):
                w.start("number:day"); if long { w.attribute("number:style", raw: "long") }; w.end()
            case .month(let long):
                w.start("number:month"); if long { w.attribute("number:style", raw: "long") }; w.end()
            case .year(let long):
                w.start("number:year"); if long { w.attribute("number:style", raw: "long") }; w.end()
            case .textContent:
                w.start("number:text-content"); w.end()
            }
        }
        w.end()
    }
}

/// The data style of boolean cells: `number:boolean-style`. Without it LibreOffice shows a
/// boolean cell (and a formula whose result is one) as 1 or 0; with it, as its words for true
/// and false (TRUE/FALSE, or the words of its interface language), as Excel does.
enum ODFBooleanStyle {
    static let name: StaticString = "NB"

    static func write(_ w: XMLWriter) {
        w.start("number:boolean-style")
        w.attribute("style:name", raw: name)
        w.start("number:boolean")
        w.end()
        w.end()
    }
}

extension CellValue {
    /// A boolean, or a formula whose cached result is one.
    var isBoolean: Bool {
        switch self {
        case .bool: return true
        case .formula(let f): if case .bool? = f.result { return true } else { return false }
        default: return false
        }
    }
}
