import Foundation

/// Sizes and positions of the official-format blocks (Nghị định 30/2020/NĐ-CP, Phụ lục I;
/// see ../shared/domain/official-format.md). Every value the decree gives as a range is set
/// to a value inside it and can be changed.
public struct OfficialLayout: Sendable, Hashable {
    /// Header and signature tables: left column (cơ quan ban hành, số, nơi nhận) and right
    /// column (quốc hiệu, địa danh và ngày, chữ ký). The decree's model Mẫu 1.4 uses 3829 +
    /// 5670 twips (67.5 + 100 mm), a little wider than the text, shifted left by 199 twips.
    public var columns: [Length]
    public var tableIndent: Length
    /// Quốc hiệu: 12–13 pt (13 needs the 100 mm column).
    public var nationalNameHalfPoints: Int
    /// Tiêu ngữ: 13–14 pt.
    public var mottoHalfPoints: Int
    /// Cơ quan chủ quản and ban hành: 12–13 pt.
    public var agencyHalfPoints: Int
    /// Số, ký hiệu: 13 pt.
    public var numberHalfPoints: Int
    /// Địa danh, ngày: 13–14 pt.
    public var dateHalfPoints: Int
    /// Công văn trích yếu ("V/v …"): 12–13 pt.
    public var subjectHalfPoints: Int
    /// Tên loại and trích yếu: 13–14 pt.
    public var titleHalfPoints: Int
    /// Body text: 13–14 pt.
    public var bodyHalfPoints: Int
    /// "Nơi nhận:" 12 pt, its items 11 pt.
    public var recipientsTitleHalfPoints: Int
    public var recipientsHalfPoints: Int
    /// Signature lines and name: 13–14 pt.
    public var signatureHalfPoints: Int
    /// Page numbers: 13–14 pt.
    public var pageNumberHalfPoints: Int
    /// Empty lines left for the signature and seal (practice: 4–5).
    public var signatureBlankLines: Int
    /// Rule under the issuer, as a share of the issuer line's width (the decree: 1/3 to 1/2).
    public var issuerRuleShare: Double
    /// Rule under the trích yếu, as a share of its (first) line's width (1/3 to 1/2).
    public var summaryRuleShare: Double
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (the decree's text; "HOÀ" also circulates).
    public var nationalName: String
    public var motto: String

    public init(columns: [Length] = [.twips(3829), .twips(5670)], tableIndent: Length = .twips(-199),
                nationalNameHalfPoints: Int = 26, mottoHalfPoints: Int = 28, agencyHalfPoints: Int = 26,
                numberHalfPoints: Int = 26, dateHalfPoints: Int = 28, subjectHalfPoints: Int = 24,
                titleHalfPoints: Int = 28, bodyHalfPoints: Int = 28, recipientsTitleHalfPoints: Int = 24,
                recipientsHalfPoints: Int = 22, signatureHalfPoints: Int = 28, pageNumberHalfPoints: Int = 28,
                signatureBlankLines: Int = 4, issuerRuleShare: Double = 0.4, summaryRuleShare: Double = 0.4,
                nationalName: String = Official.nationalName, motto: String = Official.motto) {
        self.columns = columns
        self.tableIndent = tableIndent
        self.nationalNameHalfPoints = nationalNameHalfPoints
        self.mottoHalfPoints = mottoHalfPoints
        self.agencyHalfPoints = agencyHalfPoints
        self.numberHalfPoints = numberHalfPoints
        self.dateHalfPoints = dateHalfPoints
        self.subjectHalfPoints = subjectHalfPoints
        self.titleHalfPoints = titleHalfPoints
        self.bodyHalfPoints = bodyHalfPoints
        self.recipientsTitleHalfPoints = recipientsTitleHalfPoints
        self.recipientsHalfPoints = recipientsHalfPoints
        self.signatureHalfPoints = signatureHalfPoints
        self.pageNumberHalfPoints = pageNumberHalfPoints
        self.signatureBlankLines = signatureBlankLines
        self.issuerRuleShare = issuerRuleShare
        self.summaryRuleShare = summaryRuleShare
        self.nationalName = nationalName
        self.motto = motto
    }

    public static let standard = OfficialLayout()
}

/// Estimated width of a line set in Times New Roman, from the face's advance widths (in
/// thousandths of an em) of the base letters; Vietnamese marks do not change a letter's
/// advance. Close enough to size the decree's rules (1/3–1/2 of a line); exact metrics live
/// in the Spreadsheet target, which this layer may not import.
public enum TimesWidth {
    // Regular and bold advances for ASCII 32…126.
    private static let regular: [Int] = [
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,  // space…/
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,  // 0…?
        921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,  // @…O
        556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,  // P…_
        333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,  // `…o
        500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,       // p…~
    ]
    private static let bold: [Int] = [
        250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
        930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
        611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
        333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
        556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
    ]

    /// Base letter (ASCII) and horn of the precomposed Latin letters Vietnamese uses
    /// (U+00C0–U+024F, U+1E00–U+1EFF), decomposed once.
    private static let bases: [UInt32: (base: UInt8, horn: Bool)] = {
        var map: [UInt32: (UInt8, Bool)] = [:]
        for range in [0xC0...0x24F, 0x1E00...0x1EFF] {
            for v in range {
                guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
                let parts = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars
                guard let first = parts.first, first.isASCII else { continue }
                map[UInt32(v)] = (UInt8(first.value), parts.contains { $0.value == 0x31B })
            }
        }
        return map
    }()

    /// The width of `text` at `halfPoints`.
    public static func of(_ text: String, halfPoints: Int, bold isBold: Bool) -> Length {
        let table = isBold ? bold : regular
        var units = 0
        for scalar in text.unicodeScalars {
            let v = Int(scalar.value)
            if v >= 32 && v <= 126 {
                units += table[v - 32]
            } else if (0x300...0x36F).contains(v) {
                // A combining mark rides on its letter; the horn of ơ/ư widens it a little.
                if v == 0x31B { units += 40 }
            } else if v == 0x110 || v == 0x111 {
                units += v == 0x110 ? 722 : (isBold ? 556 : 500)   // Đ, đ
            } else if let b = bases[UInt32(v)] {
                units += table[Int(b.base) - 32] + (b.horn ? 40 : 0)
            } else {
                units += 500
            }
        }
        // units/1000 em × size in points; EMU = points × 12 700.
        return Length(emu: units * halfPoints * 12_700 / 2000)
    }
}
