/// Column widths of a workbook whose default (Normal style) font is Times New Roman:
/// conversions between a text width in points and what XLSX and ODS store.
///
/// **XLSX** (`<col width>`, ECMA-376 Part 1 §18.3.1.13) stores a width in characters of the
/// *maximum digit width* (MDW): the widest of "0"…"9" in the Normal style's font, in whole
/// pixels at 96 dpi. The stored value includes the cell padding: 2 pixels of margin on each
/// side plus 1 pixel of gridline, 5 pixels in all. The standard's formulas:
///
///     width  = Truncate([{characters} * {MDW} + {5 pixel padding}] / {MDW} * 256) / 256
///     pixels = Truncate(((256 * {width} + Truncate(128 / {MDW})) / 256) * {MDW})
///
/// `excelWidth(pixels:)` and `pixels(excelWidth:)` are these two with the column's pixels
/// (text plus padding) in place of `characters * MDW + 5`; they are exact inverses for every
/// MDW up to 65. Office accepts widths from 0 to 255 ([MS-OI29500] 2.1.598), so larger
/// results are clamped to 255.
///
/// Times New Roman's digits are all half an em (1024 of 2048 units), so its MDW is
/// `round(size * 96 / 72 / 2)` pixels: 7 at 11 pt, 8 at 12 pt, 9 at 13 pt, 9 at 14 pt. Excel
/// measures the digit after TrueType hinting at a whole-pixel em (11 pt is a 15-pixel em, where
/// the digit is 7.5 pixels before hinting), so at 11, 13 and 14 pt its MDW may be one pixel
/// off this value; pass the measured one to `init(maximumDigitWidthPixels:)` if it is known.
///
/// **ODS** (`style:column-width` on a `style:table-column-properties`) is an absolute length
/// (cm, mm, in, pt, pc): no digit unit, no pixel rounding. The width must hold the text plus
/// the cell's margins: LibreOffice's default cell margin is 20 twips (1 pt) on each side, and
/// its own "optimal column width" adds 113 twips (0.2 cm, 5.65 pt) on top. `odfWidthPoints`
/// adds both, so a column autofitted by tdkt looks like one LibreOffice autofitted itself.
public struct ColumnMetrics: Sendable, Hashable {
    /// Pixels per inch at which Excel's column widths are defined.
    public static let pixelsPerInch = 96.0

    /// Cell padding included in an Excel column width: 2 pixels of margin each side and
    /// 1 pixel of gridline.
    public static let paddingPixels = 5

    /// Largest column width Excel accepts.
    public static let maximumExcelWidth = 255.0

    /// LibreOffice's default left and right cell margin (20 twips), in points.
    public static let odfCellMarginPoints = 1.0

    /// What LibreOffice's optimal column width adds to the text (113 twips, 0.2 cm), in points.
    public static let odfOptimalExtraPoints = 5.65

    /// Maximum digit width of the workbook's default font, in pixels at 96 dpi.
    public var maximumDigitWidthPixels: Int

    /// The metrics of a workbook whose default font is Times New Roman at `defaultFontSize`
    /// points (12 pt is the size Vietnamese administrative documents use).
    public init(defaultFontSize: Double = 12) {
        self.maximumDigitWidthPixels = Self.maximumDigitWidthPixels(fontSize: defaultFontSize)
    }

    /// The metrics for a known maximum digit width (at least 1 pixel).
    public init(maximumDigitWidthPixels: Int) {
        self.maximumDigitWidthPixels = max(1, maximumDigitWidthPixels)
    }

    /// Maximum digit width of Times New Roman at `fontSize` points: the widest digit's advance
    /// at 96 dpi, rounded to whole pixels (at least 1).
    public static func maximumDigitWidthPixels(fontSize: Double, bold: Bool = false) -> Int {
        let face = TextMeasure.Face(bold: bold, italic: false)
        var widest = 0
        for digit in UInt32(0x30)...0x39 {
            widest = max(widest, TextMeasure.advance(of: Unicode.Scalar(digit)!, face: face))
        }
        let pixels = Double(widest) * fontSize * pixelsPerInch / 72 / Double(TimesMetrics.unitsPerEm)
        return max(1, Int(pixels.rounded(.toNearestOrAwayFromZero)))
    }

    // MARK: XLSX

    /// Whole pixels (at 96 dpi) that a text `points` wide covers, rounded up.
    public static func pixels(points: Double) -> Int {
        let pixels = points * pixelsPerInch / 72
        guard pixels > 0 else { return 0 }  // also NaN
        // Absorb floating-point noise so that, say, 6.0000000001 pixels stays 6; cap absurd sizes.
        return Int(min((pixels - 1e-9).rounded(.up), 1e9))
    }

    /// Excel column width (`<col width>`) showing a text `points` wide: the text's pixels plus
    /// the 5-pixel padding, in units of the maximum digit width. At most 255.
    public func excelWidth(points: Double) -> Double {
        excelWidth(pixels: Self.pixels(points: points) + Self.paddingPixels)
    }

    /// Excel column width of a column `pixels` wide in all (padding included). At most 255.
    public func excelWidth(pixels: Int) -> Double {
        guard pixels > 0 else { return 0 }
        let mdw = Double(maximumDigitWidthPixels)
        let width = (Double(pixels) / mdw * 256).rounded(.towardZero) / 256
        return min(width, Self.maximumExcelWidth)
    }

    /// Width in pixels (padding included) of a column whose `<col width>` is `excelWidth`.
    public func pixels(excelWidth: Double) -> Int {
        guard excelWidth > 0 else { return 0 }
        let mdw = Double(maximumDigitWidthPixels)
        let rounding = (128 / mdw).rounded(.towardZero)
        return Int(((256 * excelWidth + rounding) / 256 * mdw).rounded(.towardZero))
    }

    /// Width in points of the text a column of `<col width>` `excelWidth` has room for (its
    /// pixels less the padding).
    public func points(excelWidth: Double) -> Double {
        Double(max(0, pixels(excelWidth: excelWidth) - Self.paddingPixels)) * 72 / Self.pixelsPerInch
    }

    /// The width as Excel's Column Width dialog shows it: characters of the maximum digit
    /// width, padding excluded, to two decimals
    /// (`Truncate(({pixels} - 5) / {MDW} * 100 + 0.5) / 100`).
    public func characters(excelWidth: Double) -> Double {
        let content = Double(max(0, pixels(excelWidth: excelWidth) - Self.paddingPixels))
        return (content / Double(maximumDigitWidthPixels) * 100 + 0.5).rounded(.towardZero) / 100
    }

    // MARK: ODS

    /// Column width in points for ODS showing a text `points` wide: the text plus both cell
    /// margins and LibreOffice's optimal-width extra.
    public static func odfWidthPoints(points: Double) -> Double {
        max(0, points) + 2 * odfCellMarginPoints + odfOptimalExtraPoints
    }

    /// `odfWidthPoints(points:)` in centimetres.
    public static func odfWidthCentimetres(points: Double) -> Double {
        odfWidthPoints(points: points) * 2.54 / 72
    }

    /// The `style:column-width` value for a text `points` wide, in centimetres rounded up to
    /// the thousandth: "2.258cm".
    public static func odfLength(points: Double) -> String {
        let thousandths = Int((odfWidthCentimetres(points: points) * 1000 - 1e-9).rounded(.up))
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)cm"
    }
}
