/// A length on the page.
///
/// Stored in English Metric Units (EMU: 914,400 per inch), the one integer unit in which
/// millimetres (36,000), points (12,700) and twips (635) are all exact: 25 mm stays 25 mm in
/// ODT (`2.5cm`) and becomes the nearest twip in DOCX (1417), with no drift between formats.
public struct Length: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var emu: Int

    public init(emu: Int) { self.emu = emu }

    public static func mm(_ value: Double) -> Length { Length(emu: Int((value * 36_000).rounded())) }
    public static func cm(_ value: Double) -> Length { Length(emu: Int((value * 360_000).rounded())) }
    public static func pt(_ value: Double) -> Length { Length(emu: Int((value * 12_700).rounded())) }
    public static func inch(_ value: Double) -> Length { Length(emu: Int((value * 914_400).rounded())) }
    public static func twips(_ value: Int) -> Length { Length(emu: value * 635) }
    public static let zero = Length(emu: 0)

    public var millimetres: Double { Double(emu) / 36_000 }
    public var points: Double { Double(emu) / 12_700 }
    /// Nearest whole twip (1/20 pt, 1/1440 inch): DOCX's page and paragraph unit.
    public var twips: Int { Int((Double(emu) / 635).rounded()) }

    public static func + (a: Length, b: Length) -> Length { Length(emu: a.emu + b.emu) }
    public static func - (a: Length, b: Length) -> Length { Length(emu: a.emu - b.emu) }
    public static func * (a: Length, k: Int) -> Length { Length(emu: a.emu * k) }
    public static func * (a: Length, k: Double) -> Length { Length(emu: Int((Double(a.emu) * k).rounded())) }
    public static func / (a: Length, k: Int) -> Length { Length(emu: a.emu / k) }
    public static func < (a: Length, b: Length) -> Bool { a.emu < b.emu }
    public static prefix func - (a: Length) -> Length { Length(emu: -a.emu) }

    public var description: String {
        emu % 36_000 == 0 ? "\(emu / 36_000) mm" : "\(millimetres) mm"
    }
}

/// An sRGB colour.
public struct Color: Sendable, Hashable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// "1F4E79" or "#1F4E79"; nil when not six hex digits.
    public init?(hex: String) {
        var s = Substring(hex)
        if s.hasPrefix("#") { s = s.dropFirst() }
        guard s.utf8.count == 6, let v = UInt32(s, radix: 16) else { return nil }
        red = UInt8(v >> 16 & 0xFF)
        green = UInt8(v >> 8 & 0xFF)
        blue = UInt8(v & 0xFF)
    }

    /// Six upper-case hex digits, no "#": "1F4E79".
    public var hex: String {
        let digits = Array("0123456789ABCDEF")
        var s = ""
        for b in [red, green, blue] {
            s.append(digits[Int(b >> 4)])
            s.append(digits[Int(b & 0xF)])
        }
        return s
    }

    public var description: String { "#" + hex }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 255, green: 255, blue: 255)
    /// The light grey of table header rows (D9D9D9, "White, Background 1, Darker 15%").
    public static let headerGrey = Color(red: 0xD9, green: 0xD9, blue: 0xD9)
    /// Hyperlink blue (0563C1).
    public static let hyperlinkBlue = Color(red: 0x05, green: 0x63, blue: 0xC1)
}

/// A line: a table or cell edge, a paragraph border, a horizontal rule.
public struct Border: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        /// No line: an edge explicitly switched off (layout tables).
        case none
        case single, double, dotted, dashed, thick
    }

    public var style: Style
    /// Line width in points (DOCX rounds to eighths of a point, 0.25–12 pt).
    public var width: Double
    public var color: Color

    public init(_ style: Style = .single, width: Double = 0.5, color: Color = .black) {
        self.style = style
        self.width = width
        self.color = color
    }

    public static let none = Border(.none, width: 0)
    public static let single = Border(.single, width: 0.5)
    /// The "đường kẻ ngang, nét liền" of the decree's header block.
    public static let rule = Border(.single, width: 0.75)
}
