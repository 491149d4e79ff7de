import Foundation
import Vietnamese

/// Why a formatter could not format a value (shown with the tag's location).
struct FormatFailure: Error {
    var detail: String
}

/// The formatters after a pipe, applied left to right.
enum ValueFormatting {
    /// The text of `value` after `formatters`; nil when the value is missing and no
    /// `mac_dinh` gave one.
    static func apply(_ formatters: [TagFormatter], to value: TemplateValue?, locale: TemplateLocale) throws(FormatFailure) -> TemplateValue? {
        var current = value
        for f in formatters {
            current = try apply(f, current, locale: locale)
        }
        return current
    }

    static func isEmpty(_ v: TemplateValue?) -> Bool {
        switch v {
        case nil, .null?: return true
        case .text(let s)?: return s.isEmpty
        default: return false
        }
    }

    static func apply(_ f: TagFormatter, _ value: TemplateValue?, locale: TemplateLocale) throws(FormatFailure) -> TemplateValue? {
        if f.kind == .fallback {
            return isEmpty(value) ? .text(f.arguments.first ?? "") : value
        }
        guard let value, !value.isNull else { return value }
        if case .text(let s) = value, s.trimmingSpaces.isEmpty, f.kind != .upper, f.kind != .lower, f.kind != .capitalized {
            return value
        }
        switch f.kind {
        case .longDate, .date:
            guard let d = date(value) else { throw FormatFailure(detail: "«\(value.displayText())» không phải ngày") }
            return .text(d.formatted(f.kind == .longDate ? .official : .numeric))
        case .number:
            guard let n = number(value) else { throw FormatFailure(detail: "«\(value.displayText())» không phải số") }
            if let digits = f.arguments.first.flatMap(Int.init) {
                return .text(VietnameseNumber.format(n, fractionDigits: digits))
            }
            return .text(VietnameseNumber.format(n, fractionDigits: 10, trimZeros: true))
        case .words, .amountWords:
            guard let n = number(value) else { throw FormatFailure(detail: "«\(value.displayText())» không phải số") }
            guard n == n.rounded(), abs(n) <= Double(NumberWords.maximum) else {
                throw FormatFailure(detail: "chỉ đọc được số nguyên đến 999.999.999.999.999")
            }
            do {
                return .text(f.kind == .words ? try NumberWords.words(Int(n)) : try NumberWords.amount(Int(n)))
            } catch {
                throw FormatFailure(detail: error.message)
            }
        case .upper:
            return .text(value.displayText(locale: locale).uppercased())
        case .lower:
            return .text(value.displayText(locale: locale).lowercased())
        case .capitalized:
            let s = value.displayText(locale: locale)
            guard let first = s.first else { return .text(s) }
            return .text(first.uppercased() + s.dropFirst())
        case .fallback:
            return value
        }
    }

    static func date(_ value: TemplateValue) -> CivilDate? {
        switch value {
        case .date(let d): return d.date
        case .text(let s): return TemplateDate.parse(s)?.date
        case .number(let n):
            // A year alone is not a date; an Excel serial is.
            guard n.value == n.value.rounded(), n.value > 3000 else { return nil }
            return try? CivilDate(excelSerial: Int(n.value))
        default: return nil
        }
    }

    static func number(_ value: TemplateValue) -> Double? {
        switch value {
        case .number(let n): return n.value
        case .bool(let b): return b ? 1 : 0
        case .text(let s):
            let t = s.trimmingSpaces
            if let d = try? VietnameseNumber.parse(t, convention: .vietnamese) { return NSDecimalToDouble(d) }
            if let d = try? VietnameseNumber.parse(t, convention: .english) { return NSDecimalToDouble(d) }
            return Double(t)
        default: return nil
        }
    }
}

@inline(__always) func NSDecimalToDouble(_ d: Decimal) -> Double { NSDecimalNumber(decimal: d).doubleValue }
