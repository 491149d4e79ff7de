/// A calendar date (proleptic Gregorian, years 1…9999) with no time and no time zone.
///
/// Dates in tdkt's documents are civil dates ("ngày 05 tháng 02 năm 2021"), never instants,
/// so they are kept apart from `Foundation.Date` and its time zones.
///
/// Conversions:
/// - `daysSince1970` / `init(daysSince1970:)`: days relative to 1970-01-01 (negative before);
/// - `excelSerial` / `init(excelSerial:)`: the 1900 date system of Excel and LibreOffice with
///   Lotus 1-2-3's leap-year bug: serial 1 = 1900-01-01, 59 = 1900-02-28, 60 = the fictitious
///   1900-02-29 (rejected: it is not a date), 61 = 1900-03-01, 2958465 = 9999-12-31.
///
/// Forms (`formatted(_:)`):
/// - `.official`: "ngày 05 tháng 02 năm 2021" — Nghị định 30/2020, Phụ lục I II.4: a zero
///   before days 1–9 and before months 1 and 2 only ("ngày 11 tháng 4 năm 2019",
///   "ngày 05 tháng 01 năm 2020", "ngày 29 tháng 6 năm 2019");
/// - `.numeric`: "05/02/2021" (always two-digit day and month);
/// - `.iso`: "2021-02-05".
/// `placeLine(_:)` gives the header line "Kiên Giang, ngày 11 tháng 4 năm 2019".
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or throws `invalidDate` when it does not exist (31/02/2024, 29/02/2023,
    /// month 13, year 0 or 10000).
    public init(year: Int, month: Int, day: Int) throws(VietnameseTextError) {
        guard CivilDate.isValid(year: year, month: month, day: day) else {
            throw CivilDate.nonexistent(year: year, month: month, day: day,
                                        text: "\(CivilDate.twoDigits(day))/\(CivilDate.twoDigits(month))/\(year)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Unchecked initialiser for values already validated.
    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    // MARK: Calendar rules

    /// Gregorian leap year: divisible by 4, except centuries not divisible by 400.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days in the month, or nil for a month outside 1…12.
    public static func daysInMonth(year: Int, month: Int) -> Int? {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return nil
        }
    }

    /// Whether the triple names a real date in 0001-01-01…9999-12-31.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...9999).contains(year), let days = daysInMonth(year: year, month: month) else { return false }
        return (1...days).contains(day)
    }

    public static let minimum = CivilDate(unchecked: 1, 1, 1)
    public static let maximum = CivilDate(unchecked: 9999, 12, 31)

    // MARK: Day counts

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `days` days after 1970-01-01; throws `invalidDate` outside 0001…9999.
    public init(daysSince1970 days: Int) throws(VietnameseTextError) {
        guard (CivilDate.minimum.daysSince1970...CivilDate.maximum.daysSince1970).contains(days) else {
            throw VietnameseTextError(.invalidDate, value: String(days),
                                      message: "Số ngày \(days) (tính từ 01/01/1970) nằm ngoài khoảng năm 1 đến năm 9999.")
        }
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The largest Excel serial (9999-12-31).
    public static let maximumExcelSerial = 2_958_465
    private static let day1900March1 = -25508   // daysSince1970 of 1900-03-01
    private static let serialEpochAfterBug = -25569  // daysSince1970 of 1899-12-30
    private static let serialEpochBeforeBug = -25568  // daysSince1970 of 1899-12-31

    /// The date of an Excel (1900 date system) serial number. Throws `invalidExcelSerial` for
    /// serials outside 1…2958465 and for 60, the 29/02/1900 that never existed.
    public init(excelSerial serial: Int) throws(VietnameseTextError) {
        guard (1...CivilDate.maximumExcelSerial).contains(serial) else {
            throw VietnameseTextError(.invalidExcelSerial, value: String(serial),
                                      message: "Số ngày kiểu Excel \(serial) nằm ngoài khoảng 1…\(CivilDate.maximumExcelSerial) (01/01/1900 đến 31/12/9999).")
        }
        if serial == 60 {
            throw VietnameseTextError(.invalidExcelSerial, value: "60",
                                      message: "Số ngày kiểu Excel 60 là ngày 29/02/1900, ngày không có thật (lỗi năm nhuận 1900 của Excel); hãy nhập lại ngày.")
        }
        let epoch = serial < 60 ? CivilDate.serialEpochBeforeBug : CivilDate.serialEpochAfterBug
        try self.init(daysSince1970: epoch + serial)
    }

    /// The Excel serial of this date (1900 date system, with the 1900 leap-year bug), or nil
    /// for dates before 1900-01-01, which Excel cannot represent.
    public var excelSerial: Int? {
        let days = daysSince1970
        if days >= CivilDate.day1900March1 { return days - CivilDate.serialEpochAfterBug }
        let serial = days - CivilDate.serialEpochBeforeBug
        return serial >= 1 ? serial : nil
    }

    // MARK: Formatting

    /// Text forms of a date.
    public enum Style: Sendable, Hashable {
        /// "ngày 05 tháng 02 năm 2021" (the decree's leading-zero rule).
        case official
        /// "05/02/2021".
        case numeric
        /// "2021-02-05".
        case iso
    }

    /// The date written in `style`; see the type's documentation for each form.
    public func formatted(_ style: Style = .official) -> String {
        switch style {
        case .official:
            return "ngày \(CivilDate.officialDay(day)) tháng \(CivilDate.officialMonth(month)) năm \(CivilDate.fourDigits(year))"
        case .numeric:
            return "\(CivilDate.twoDigits(day))/\(CivilDate.twoDigits(month))/\(CivilDate.fourDigits(year))"
        case .iso:
            return "\(CivilDate.fourDigits(year))-\(CivilDate.twoDigits(month))-\(CivilDate.twoDigits(day))"
        }
    }

    /// The place-and-date line of a document header (ô số 4):
    /// `"Kiên Giang, ngày 11 tháng 4 năm 2019"`. The place is normalised (NFC, single spaces).
    public func placeLine(_ place: String) -> String {
        let p = Vietnamese.normalized(place)
        return p.isEmpty ? formatted(.official) : "\(p), \(formatted(.official))"
    }

    /// The date line of a draft that is not signed yet: blank runs where day and month will be
    /// written by hand, as offices print them: `"ngày      tháng    năm 2024"`, or with a place
    /// `"Kiên Giang, ngày      tháng    năm 2024"`.
    public static func blankOfficialLine(year: Int, place: String? = nil) -> String {
        let line = "ngày      tháng    năm \(fourDigits(year))"
        guard let place else { return line }
        let p = Vietnamese.normalized(place)
        return p.isEmpty ? line : "\(p), \(line)"
    }

    /// ISO form, "2021-02-05".
    public var description: String { formatted(.iso) }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func officialDay(_ d: Int) -> String { d < 10 ? "0\(d)" : "\(d)" }
    static func officialMonth(_ m: Int) -> String { m == 1 || m == 2 ? "0\(m)" : "\(m)" }
    static func twoDigits(_ n: Int) -> String { (0...9).contains(n) ? "0\(n)" : "\(n)" }
    static func fourDigits(_ n: Int) -> String {
        guard (0...999).contains(n) else { return "\(n)" }
        let s = "\(n)"
        return String(repeating: "0", count: 4 - s.count) + s
    }

    static func nonexistent(year: Int, month: Int, day: Int, text: String) -> VietnameseTextError {
        let why: String
        if !(1...9999).contains(year) {
            why = "năm phải từ 1 đến 9999"
        } else if let days = daysInMonth(year: year, month: month) {
            why = "tháng \(month) năm \(year) chỉ có \(days) ngày"
        } else {
            why = "tháng phải từ 1 đến 12"
        }
        return VietnameseTextError(.invalidDate, value: text,
                                   message: "Ngày không tồn tại: \(VietnameseTextError.quote(text)) (\(why)).")
    }
}

// MARK: - Parsing

extension CivilDate {
    /// Reads a date written in any of the forms found in Vietnamese spreadsheets and documents.
    ///
    /// Accepted (surrounding white space ignored):
    /// - day first: "05/02/2021", "5/2/2021", "05-02-2021", "05.02.2021" — day and month of one or
    ///   two digits, one separator used twice;
    /// - two-digit years "5/2/21": `yy ≤ twoDigitYearCutoff` (default 69) means 20yy, larger
    ///   means 19yy, so "21" → 2021 and "70" → 1970 (the POSIX `%y` pivot). Pass another cutoff
    ///   for columns of birth dates, e.g. 29 as Excel does, when "45" must mean 1945;
    /// - year first (ISO 8601): "2021-02-05" (also with "/" or "."), optionally followed by a
    ///   time — "2021-02-05T00:00:00", "2021-02-05 08:30", "…Z", "…+07:00" — which is ignored;
    ///   a time after a day-first date ("05/02/2021 0:00") is ignored too;
    /// - an Excel serial number written as text: "45325" or "45325.0" (a fractional part is a
    ///   time of day and is ignored); only 1…2958465, and not 60 (see `init(excelSerial:)`).
    ///   Any bare number is read as a serial, so a lone year "2024" is serial 2024 (1905-07-16):
    ///   callers that may receive bare years must check for them first;
    /// - the long form "ngày 05 tháng 02 năm 2021", "Ngày 5 tháng 2 năm 2021", in any case, with
    ///   any amount of white space, a trailing "." and any prefix before "ngày" (a place:
    ///   "Hà Nội, ngày 05 tháng 01 năm 2020"); the year must have four digits.
    ///
    /// Throws `invalidDateFormat` for text in none of these forms and `invalidDate` /
    /// `invalidExcelSerial` for dates that do not exist; messages quote the input.
    public static func parse(_ text: String, twoDigitYearCutoff: Int = 69) throws(VietnameseTextError) -> CivilDate {
        let trimmed = Vietnamese.trimmed(text)
        if trimmed.isEmpty { throw formatError(text) }
        let lower = Vietnamese.nfc(trimmed).lowercased()
        if lower.contains("ngày") || lower.contains("tháng") || lower.contains("năm") {
            return try parseLong(lower, original: text, cutoff: twoDigitYearCutoff)
        }
        return try parseNumeric(Array(trimmed.utf8), original: text, cutoff: twoDigitYearCutoff)
    }

    static func formatError(_ text: String) -> VietnameseTextError {
        VietnameseTextError(.invalidDateFormat, value: text,
                            message: "Không đọc được ngày \(VietnameseTextError.quote(text)): cần dạng dd/mm/yyyy (ví dụ 05/02/2021), yyyy-mm-dd, số ngày kiểu Excel hoặc \"ngày 05 tháng 02 năm 2021\".")
    }

    private static func parseLong(_ lower: String, original: String, cutoff: Int) throws(VietnameseTextError) -> CivilDate {
        // Tokens separated by white space and commas; a trailing full stop is dropped.
        var tokens: [Substring] = lower.split { $0.isWhitespace || $0 == "," }
        if let last = tokens.last, last.hasSuffix(".") {
            let cut = last.dropLast()
            if cut.isEmpty { tokens.removeLast() } else { tokens[tokens.count - 1] = cut }
        }
        // "ngày 05/02/2021": the long word followed by a numeric date.
        if tokens.count >= 2, tokens[tokens.count - 2] == "ngày", let last = tokens.last,
           last.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "/") }), last.contains("/") {
            return try parseNumeric(Array(last.utf8), original: original, cutoff: cutoff)
        }
        guard tokens.count >= 6 else { throw formatError(original) }
        let tail = tokens[(tokens.count - 6)...]
        let t = Array(tail)
        guard t[0] == "ngày", t[2] == "tháng", t[4] == "năm",
              let d = smallNumber(t[1], maxDigits: 2), let m = smallNumber(t[3], maxDigits: 2),
              t[5].utf8.count == 4, let y = smallNumber(t[5], maxDigits: 4)
        else { throw formatError(original) }
        return try make(year: y, month: m, day: d, original: original)
    }

    private static func parseNumeric(_ bytes: [UInt8], original: String, cutoff: Int) throws(VietnameseTextError) -> CivilDate {
        // Split off a time part: the first "T" or white space.
        var end = bytes.count
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "T") || b == UInt8(ascii: "t") || b == 0x20 || b == 0x09 {
            end = i
            break
        }
        if end < bytes.count && !isTimePart(bytes[end...]) { throw formatError(original) }
        let date = bytes[..<end]
        if date.isEmpty { throw formatError(original) }

        // Excel serial: digits, optionally "." and digits.
        if let serialEnd = serialDigitsEnd(date) {
            if end < bytes.count { throw formatError(original) }
            guard serialEnd - date.startIndex <= 7, let serial = smallNumber(date[date.startIndex..<serialEnd], maxDigits: 7) else {
                throw VietnameseTextError(.invalidExcelSerial, value: original,
                                          message: "Số ngày kiểu Excel \(VietnameseTextError.quote(original)) nằm ngoài khoảng 1…\(maximumExcelSerial) (01/01/1900 đến 31/12/9999).")
            }
            do { return try CivilDate(excelSerial: serial) } catch {
                throw VietnameseTextError(error.code, value: original, message: error.message)
            }
        }

        // Three digit groups with one separator.
        var groups: [ArraySlice<UInt8>] = []
        var separator: UInt8?
        var start = date.startIndex
        for i in date.indices {
            let b = date[i]
            if b >= 0x30 && b <= 0x39 { continue }
            guard b == UInt8(ascii: "/") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") else { throw formatError(original) }
            if let s = separator, s != b { throw formatError(original) }
            separator = b
            groups.append(date[start..<i])
            start = i + 1
        }
        groups.append(date[start..<date.endIndex])
        guard groups.count == 3, groups.allSatisfy({ !$0.isEmpty }) else { throw formatError(original) }
        let (g0, g1, g2) = (groups[0], groups[1], groups[2])
        if g0.count == 4 {
            guard g1.count <= 2, g2.count <= 2, let y = smallNumber(g0, maxDigits: 4),
                  let m = smallNumber(g1, maxDigits: 2), let d = smallNumber(g2, maxDigits: 2)
            else { throw formatError(original) }
            return try make(year: y, month: m, day: d, original: original)
        }
        guard g0.count <= 2, g1.count <= 2, g2.count == 4 || g2.count == 2,
              let d = smallNumber(g0, maxDigits: 2), let m = smallNumber(g1, maxDigits: 2),
              var y = smallNumber(g2, maxDigits: 4)
        else { throw formatError(original) }
        if g2.count == 2 { y += y <= cutoff ? 2000 : 1900 }
        return try make(year: y, month: m, day: d, original: original)
    }

    private static func make(year: Int, month: Int, day: Int, original: String) throws(VietnameseTextError) -> CivilDate {
        guard isValid(year: year, month: month, day: day) else {
            throw nonexistent(year: year, month: month, day: day, text: original)
        }
        return CivilDate(unchecked: year, month, day)
    }

    /// End index of `digits[.digits]` covering the whole slice, or nil.
    private static func serialDigitsEnd(_ s: ArraySlice<UInt8>) -> Int? {
        var i = s.startIndex
        while i < s.endIndex, s[i] >= 0x30, s[i] <= 0x39 { i += 1 }
        if i == s.startIndex { return nil }
        let intEnd = i
        if i == s.endIndex { return intEnd }
        guard s[i] == UInt8(ascii: ".") else { return nil }
        i += 1
        let fracStart = i
        while i < s.endIndex, s[i] >= 0x30, s[i] <= 0x39 { i += 1 }
        return i == s.endIndex && i > fracStart ? intEnd : nil
    }

    /// A time after a date: "T" or spaces, then H[H]:MM[:SS[.fff]], then an optional zone
    /// ("Z", "+07:00", "+0700") or AM/PM marker ("AM", "PM", "SA", "CH").
    private static func isTimePart(_ s: ArraySlice<UInt8>) -> Bool {
        var i = s.startIndex
        if s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: "t") { i += 1 } else {
            while i < s.endIndex, s[i] == 0x20 || s[i] == 0x09 { i += 1 }
        }
        func digits(_ min: Int, _ max: Int) -> Bool {
            var n = 0
            while i < s.endIndex, s[i] >= 0x30, s[i] <= 0x39, n < max { i += 1; n += 1 }
            return n >= min
        }
        guard digits(1, 2), i < s.endIndex, s[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard digits(2, 2) else { return false }
        if i < s.endIndex, s[i] == UInt8(ascii: ":") {
            i += 1
            guard digits(2, 2) else { return false }
            if i < s.endIndex, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ",") {
                i += 1
                guard digits(1, 9) else { return false }
            }
        }
        while i < s.endIndex, s[i] == 0x20 { i += 1 }
        if i == s.endIndex { return true }
        let rest = String(decoding: s[i...], as: UTF8.self).uppercased()
        if ["Z", "AM", "PM", "SA", "CH"].contains(rest) { return true }
        let r = Array(rest.utf8)
        guard r.count >= 3, r[0] == UInt8(ascii: "+") || r[0] == UInt8(ascii: "-") else { return false }
        let body = r[1...].filter { $0 != UInt8(ascii: ":") }
        return (body.count == 2 || body.count == 4) && body.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A non-negative number of at most `maxDigits` ASCII digits.
    private static func smallNumber<S: Sequence>(_ s: S, maxDigits: Int) -> Int? where S.Element == UInt8 {
        var n = 0, count = 0
        for b in s {
            guard b >= 0x30, b <= 0x39, count < maxDigits else { return nil }
            n = n * 10 + Int(b - 0x30)
            count += 1
        }
        return count > 0 ? n : nil
    }

    private static func smallNumber(_ s: Substring, maxDigits: Int) -> Int? {
        smallNumber(s.utf8, maxDigits: maxDigits)
    }
}
