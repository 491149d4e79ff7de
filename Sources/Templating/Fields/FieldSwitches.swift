import Foundation
import Glibc
import Vietnamese

/// The instruction of a Word field (`MERGEFIELD "Họ tên" \* Upper`), split into words the way
/// Word reads field codes: white space separates, double quotes group (and are removed), a
/// backslash is an ordinary character.
struct FieldInstruction: Sendable, Hashable {
    var words: [String]

    init(_ text: String) {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quoted = false
        for c in text {
            if quoted {
                if c == "\"" || c == "”" { quoted = false } else { current.append(c) }
                continue
            }
            if c == "\"" || c == "“" {
                quoted = true
                inWord = true
                continue
            }
            if c.isWhitespace {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(c)
            inWord = true
        }
        if inWord { words.append(current) }
        self.words = words
    }

    /// `MERGEFIELD`, `IF`, `NEXT`… upper-cased; empty for an empty instruction.
    var type: String { words.first?.uppercased() ?? "" }

    /// The switches after `from`: (flag, argument), e.g. ("\\#", "0.00").
    func switches(from start: Int) -> [(flag: String, argument: String)] {
        var result: [(String, String)] = []
        var i = start
        while i < words.count {
            let w = words[i]
            guard w.hasPrefix("\\"), w.count >= 2 else { i += 1; continue }
            let flag = String(w.prefix(2))
            if w.count > 2 {
                result.append((flag, String(w.dropFirst(2))))
                i += 1
            } else if flag == "\\*" || flag == "\\#" || flag == "\\@" || flag == "\\b" || flag == "\\f" {
                result.append((flag, i + 1 < words.count ? words[i + 1] : ""))
                i += 2
            } else {
                result.append((flag, ""))
                i += 1
            }
        }
        return result
    }
}

/// Word's field switches applied to a merged value, with the semantics docx-mailmerge's tests
/// assert (README of the mergefield fixtures).
enum FieldFormatting {
    /// The text a MERGEFIELD shows for `value` (nil: absent from the record).
    static func format(_ value: TemplateValue?, switches: [(flag: String, argument: String)], locale: TemplateLocale) -> String {
        var current: TemplateValue = value ?? .null
        var text: String?
        for (flag, argument) in switches {
            switch flag {
            case "\\#":
                if let t = NumberPicture.format(current, picture: argument) { text = t; current = .text(t) }
            case "\\@":
                if current.isNull { text = ""; current = .text("") } else if let t = DatePicture.format(current, picture: argument, locale: locale) {
                    text = t
                    current = .text(t)
                }
            case "\\*":
                let t = caseSwitch(text ?? display(current, locale: locale), argument)
                text = t
                current = .text(t)
            case "\\b", "\\f":
                let s = text ?? display(current, locale: locale)
                let t = s.isEmpty ? "" : (flag == "\\b" ? argument + s : s + argument)
                text = t
                current = .text(t)
            default:
                break
            }
        }
        return text ?? display(current, locale: locale)
    }

    static func display(_ value: TemplateValue, locale: TemplateLocale) -> String {
        value.displayText(locale: locale)
    }

    /// `\* Upper|Lower|Caps|FirstCap|MERGEFORMAT|CHARFORMAT`; anything else leaves the text.
    static func caseSwitch(_ text: String, _ option: String) -> String {
        switch option.lowercased() {
        case "upper": return text.uppercased()
        case "lower": return text.lowercased()
        case "caps":
            var out = ""
            var previousLetter = false
            for c in text {
                let letter = c.isLetter
                out += letter ? (previousLetter ? c.lowercased() : c.uppercased()) : String(c)
                previousLetter = letter
            }
            return out
        case "firstcap":
            guard let first = text.first else { return text }
            return first.uppercased() + text.dropFirst().lowercased()
        default:
            return text
        }
    }
}

/// `\# picture`: numbers as docx-mailmerge formats them (Python's format rules).
enum NumberPicture {
    static func format(_ value: TemplateValue, picture: String) -> String? {
        let number: Double
        switch value {
        case .null: number = 0
        case .number(let n): number = n.value
        case .bool(let b): number = b ? 1 : 0
        case .text(let s):
            let t = s.trimmingSpaces
            if t.isEmpty { number = 0 } else if let d = Double(t) { number = d } else if let d = try? VietnameseNumber.parse(t, convention: .vietnamese) {
                number = NSDecimalToDouble(d)
            } else {
                return nil
            }
        default: return nil
        }
        guard let (prefix, body, suffix) = split(picture) else { return nil }
        if body.hasPrefix("P"), let n = Int(body.dropFirst()) {
            return prefix + fixed(number * 100, n) + "%" + suffix
        }
        if body.hasPrefix("N"), let n = Int(body.dropFirst()) {
            return prefix + fixed(number, n) + suffix
        }
        if body.hasSuffix("%") {
            return prefix + fixed(number * 100, 0) + "%" + suffix
        }
        let thousands: Character? = body.contains("'") ? "'" : (body.contains(",") ? "," : nil)
        let core = body.replacingOccurrences(of: ",", with: "")
        let parts = core.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = String(parts[0])
        let decimals = parts.count > 1 ? String(parts[1]) : ""
        let zeroDigits = digits.filter { $0 != "#" }.count
        let width = zeroDigits > 1 ? zeroDigits + (decimals.isEmpty ? 0 : decimals.count + 1) : 0
        var text = fixed(number, decimals.count)
        if let thousands { text = group(text, with: thousands) }
        if text.count < width { text = String(repeating: "0", count: width - text.count) + text }
        return prefix + text + suffix
    }

    /// prefix, number part, suffix — as docx-mailmerge's NUMBERFORMAT_RE splits a picture.
    static func split(_ picture: String) -> (String, String, String)? {
        let chars = Array(picture)
        var i = 0
        var prefix = ""
        while i < chars.count && !"0.,'#PN".contains(chars[i]) { prefix.append(chars[i]); i += 1 }
        guard i < chars.count else { return nil }
        var body = ""
        if chars[i] == "P" || chars[i] == "N" {
            var j = i + 1
            while j < chars.count && chars[j].isASCII && chars[j].isNumber { j += 1 }
            guard j > i + 1 else { return nil }
            body = String(chars[i..<j])
            i = j
        } else {
            while i < chars.count && "0.,'#".contains(chars[i]) { body.append(chars[i]); i += 1 }
            if i < chars.count && chars[i] == "%" { body.append("%"); i += 1 }
        }
        let suffix = String(chars[i...])
        if let f = suffix.first, "0.,'#%".contains(f) { return nil }
        return (prefix, body, suffix)
    }

    /// The value with exactly `decimals` decimals, rounded as C's printf rounds (the exact
    /// binary value), "." as the decimal mark.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let d = Int32(max(0, min(decimals, 20)))
        var buffer = [CChar](repeating: 0, count: 400)
        _ = withVaList([d, value]) { vsnprintf(&buffer, 400, "%.*f", $0) }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func group(_ text: String, with separator: Character) -> String {
        var negative = false
        var body = Substring(text)
        if body.first == "-" { negative = true; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(parts[0])
        var grouped = ""
        for (k, c) in integer.enumerated() {
            if k > 0 && (integer.count - k) % 3 == 0 { grouped.append(separator) }
            grouped.append(c)
        }
        if parts.count > 1 { grouped += "." + parts[1] }
        return (negative ? "-" : "") + grouped
    }
}

/// `\@ picture`: dates and times, with month and day names of the locale.
enum DatePicture {
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                "October", "November", "December"]
    static let englishDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let vietnameseMonths = ["Tháng Một", "Tháng Hai", "Tháng Ba", "Tháng Tư", "Tháng Năm", "Tháng Sáu", "Tháng Bảy",
                                   "Tháng Tám", "Tháng Chín", "Tháng Mười", "Tháng Mười Một", "Tháng Mười Hai"]
    static let vietnameseDays = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]
    static let vietnameseShortDays = ["CN", "T2", "T3", "T4", "T5", "T6", "T7"]

    static func parts(_ value: TemplateValue) -> TemplateDate? {
        switch value {
        case .date(let d): return d
        case .text(let s): return TemplateDate.parse(s)
        case .number(let n):
            guard n.value > 3000, let date = try? CivilDate(excelSerial: Int(n.value.rounded(.down))) else { return nil }
            let seconds = Int(((n.value - n.value.rounded(.down)) * 86400).rounded())
            return TemplateDate(date: date, time: seconds == 0 ? nil : seconds)
        default: return nil
        }
    }

    /// The text of the value through the picture; the value's own text when it is no date.
    static func format(_ value: TemplateValue, picture: String, locale: TemplateLocale) -> String? {
        guard let d = parts(value) else { return value.displayText(locale: locale) }
        let chars = Array(picture)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                var j = i + 1
                while j < chars.count && chars[j] != "'" { out.append(chars[j]); j += 1 }
                i = j + 1
                continue
            }
            if (c == "a" || c == "A"), i + 4 < chars.count + 0, String(chars[i..<min(i + 5, chars.count)]).lowercased() == "am/pm" {
                let pm = d.hour >= 12
                out += locale == .vi ? (pm ? "CH" : "SA") : (pm ? "PM" : "AM")
                i += 5
                continue
            }
            guard "MdDyYhHms".contains(c) else { out.append(c); i += 1; continue }
            var j = i
            while j < chars.count && chars[j] == c { j += 1 }
            let run = j - i
            i = j
            let date = d.date
            switch c {
            case "M":
                guard let date else { continue }
                switch run {
                case 1: out += String(date.month)
                case 2: out += two(date.month)
                case 3: out += monthName(date.month, short: true, locale: locale)
                default: out += monthName(date.month, short: false, locale: locale)
                }
            case "d", "D":
                guard let date else { continue }
                switch run {
                case 1: out += String(date.day)
                case 2: out += two(date.day)
                case 3: out += dayName(date, short: true, locale: locale)
                default: out += dayName(date, short: false, locale: locale)
                }
            case "y", "Y":
                guard let date else { continue }
                out += run <= 2 ? two(date.year % 100) : String(date.year)
            case "h":
                let h12 = d.hour % 12 == 0 ? 12 : d.hour % 12
                out += run == 1 ? String(h12) : two(h12)
            case "H":
                out += run == 1 ? String(d.hour) : two(d.hour)
            case "m":
                out += run == 1 ? String(d.minute) : two(d.minute)
            case "s":
                out += run == 1 ? String(d.second) : two(d.second)
            default:
                break
            }
        }
        return out
    }

    /// A date without a picture: dd/MM/yyyy (vi) or MM/dd/yyyy (en), then HH:mm:ss when it has
    /// a time.
    static func defaultText(_ d: TemplateDate, locale: TemplateLocale) -> String {
        var pieces: [String] = []
        if let date = d.date {
            pieces.append(locale == .vi ? "\(two(date.day))/\(two(date.month))/\(four(date.year))"
                          : "\(two(date.month))/\(two(date.day))/\(four(date.year))")
        }
        if d.time != nil { pieces.append("\(two(d.hour)):\(two(d.minute)):\(two(d.second))") }
        return pieces.joined(separator: " ")
    }

    static func two(_ n: Int) -> String { n < 10 && n >= 0 ? "0\(n)" : String(n) }
    static func four(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }

    static func monthName(_ m: Int, short: Bool, locale: TemplateLocale) -> String {
        guard (1...12).contains(m) else { return String(m) }
        if locale == .vi { return short ? "Thg\(m)" : vietnameseMonths[m - 1] }
        let name = englishMonths[m - 1]
        return short ? String(name.prefix(3)) : name
    }

    static func dayName(_ date: CivilDate, short: Bool, locale: TemplateLocale) -> String {
        // 1970-01-01 was a Thursday (index 4, Sunday = 0).
        let weekday = ((date.daysSince1970 % 7) + 7 + 4) % 7
        if locale == .vi { return short ? vietnameseShortDays[weekday] : vietnameseDays[weekday] }
        let name = englishDays[weekday]
        return short ? String(name.prefix(3)) : name
    }
}
