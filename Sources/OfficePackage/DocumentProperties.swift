#if canImport(Glibc)
import Glibc
#endif

/// A moment in UTC, in whole seconds since 1970 (no Foundation, no time zone).
public struct Timestamp: Sendable, Equatable, Comparable {
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    /// A calendar date and time in UTC.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.secondsSince1970 = Int64(Timestamp.daysFromCivil(year, month, day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
    }

    /// `SOURCE_DATE_EPOCH` (reproducible builds) when the environment sets it.
    public static var sourceDateEpoch: Timestamp? {
        guard let raw = getenv("SOURCE_DATE_EPOCH"), let value = Int64(String(cString: raw)) else { return nil }
        return Timestamp(secondsSince1970: value)
    }

    /// `2019-04-11T08:30:00Z` (W3CDTF, as OOXML core properties and ODF meta want it).
    public var iso8601: String {
        let days = Int(secondsSince1970.floorDiv(86_400))
        let rest = Int(secondsSince1970 - Int64(days) * 86_400)
        let (y, m, d) = Timestamp.civilFromDays(days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = y < 1000 ? String(repeating: "0", count: 4 - String(y).count) + String(y) : String(y)
        return "\(year)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    // Howard Hinnant's civil calendar algorithms.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

private extension Int64 {
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}

/// Title, author and dates of a document, written to `docProps/core.xml` + `app.xml`
/// (OOXML) or `meta.xml` (ODF).
///
/// Nothing depends on the clock: dates left nil are taken from `SOURCE_DATE_EPOCH` when it
/// is set and are otherwise omitted, so the same input always gives the same file.
public struct DocumentProperties: Sendable, Equatable {
    public var title: String?
    public var subject: String?
    public var creator: String?
    public var keywords: String?
    public var description: String?
    public var lastModifiedBy: String?
    public var category: String?
    /// BCP 47 language tag of the content.
    public var language: String?
    public var company: String?
    public var created: Timestamp?
    public var modified: Timestamp?
    /// Written as the producing application.
    public var application: String

    public init(title: String? = nil, subject: String? = nil, creator: String? = nil, keywords: String? = nil,
                description: String? = nil, lastModifiedBy: String? = nil, category: String? = nil,
                language: String? = "vi-VN", company: String? = nil, created: Timestamp? = nil,
                modified: Timestamp? = nil, application: String = "tdkt") {
        self.title = title
        self.subject = subject
        self.creator = creator
        self.keywords = keywords
        self.description = description
        self.lastModifiedBy = lastModifiedBy
        self.category = category
        self.language = language
        self.company = company
        self.created = created
        self.modified = modified
        self.application = application
    }

    /// `created`, or `SOURCE_DATE_EPOCH`, or nothing.
    public var effectiveCreated: Timestamp? { created ?? Timestamp.sourceDateEpoch }
    /// `modified`, or the creation date.
    public var effectiveModified: Timestamp? { modified ?? effectiveCreated }
}
