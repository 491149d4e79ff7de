/// A document type of Nghị định 30/2020/NĐ-CP (Phụ lục III, Mục I) and its abbreviation.
public struct DocumentType: Hashable, Sendable, CustomStringConvertible {
    /// The abbreviation used in the symbol ("KH", "QĐ", "QyĐ", "TTr").
    public let abbreviation: String
    /// The full name with a capital first letter ("Kế hoạch").
    public let name: String

    init(_ abbreviation: String, _ name: String) {
        self.abbreviation = abbreviation
        self.name = name
    }

    public var description: String { "\(name) (\(abbreviation))" }

    /// The decree's table, in the decree's order. Nghị quyết and Quyết định here are the
    /// individual ("cá biệt") kinds. Công văn and thư công have no abbreviation.
    public static let all: [DocumentType] = [
        DocumentType("NQ", "Nghị quyết"),
        DocumentType("QĐ", "Quyết định"),
        DocumentType("CT", "Chỉ thị"),
        DocumentType("QC", "Quy chế"),
        DocumentType("QyĐ", "Quy định"),
        DocumentType("TC", "Thông cáo"),
        DocumentType("TB", "Thông báo"),
        DocumentType("HD", "Hướng dẫn"),
        DocumentType("CTr", "Chương trình"),
        DocumentType("KH", "Kế hoạch"),
        DocumentType("PA", "Phương án"),
        DocumentType("ĐA", "Đề án"),
        DocumentType("DA", "Dự án"),
        DocumentType("BC", "Báo cáo"),
        DocumentType("BB", "Biên bản"),
        DocumentType("TTr", "Tờ trình"),
        DocumentType("HĐ", "Hợp đồng"),
        DocumentType("CĐ", "Công điện"),
        DocumentType("BGN", "Bản ghi nhớ"),
        DocumentType("BTT", "Bản thỏa thuận"),
        DocumentType("GUQ", "Giấy ủy quyền"),
        DocumentType("GM", "Giấy mời"),
        DocumentType("GGT", "Giấy giới thiệu"),
        DocumentType("GNP", "Giấy nghỉ phép"),
        DocumentType("PG", "Phiếu gửi"),
        DocumentType("PC", "Phiếu chuyển"),
        DocumentType("PB", "Phiếu báo"),
        DocumentType("SY", "Bản sao y"),
        DocumentType("TrS", "Bản trích sao"),
        DocumentType("SL", "Bản sao lục"),
    ]

    private static let byAbbreviation: [String: DocumentType] = {
        var map: [String: DocumentType] = [:]
        for type in all { map[type.abbreviation] = type }
        return map
    }()

    /// The abbreviations written in mixed case by the decree itself.
    static let mixedCase: [String] = ["QyĐ", "CTr", "TTr", "TrS"]

    /// The type with exactly this abbreviation (case-sensitive: "Tb" is not "TB"), or nil.
    public init?(abbreviation: String) {
        guard let type = DocumentType.byAbbreviation[Vietnamese.nfc(abbreviation)] else { return nil }
        self = type
    }

    // Named constants for the types tdkt writes.
    public static let keHoach = DocumentType("KH", "Kế hoạch")
    public static let baoCao = DocumentType("BC", "Báo cáo")
    public static let chuongTrinh = DocumentType("CTr", "Chương trình")
    public static let quyetDinh = DocumentType("QĐ", "Quyết định")
    public static let toTrinh = DocumentType("TTr", "Tờ trình")
}

/// "Số và ký hiệu" of an administrative document (Nghị định 30/2020, Phụ lục I II.3, Điều 15).
///
/// Forms: `{number}/{TYPE}-{ISSUER}` ("57/KH-UBND", "03/KH-STTTT", "123/QĐ-UBND"), joint
/// documents with more groups ("17/KHPH-BTĐKT-ĐPTTH"), and công văn, which have no type:
/// `{number}/{ISSUER}-{DRAFTING UNIT}` ("12/UBND-VX").
///
/// Rules enforced by `parse` and `init`:
/// - the number is Arabic digits with value 1…9999 (leading zeros allowed on input); it is
///   written with a leading zero below 10 ("03"); a draft not yet signed has no number and is
///   written with a blank run: "Số:      /KH-UBND";
/// - "/" then at least two symbol groups joined by "-" (type and issuer, or for a công văn
///   issuer and drafting unit), no spaces anywhere;
/// - a group is letters (Vietnamese letters included: "BTĐKT") and digits, in upper case —
///   except the decree's own mixed-case type abbreviations QyĐ, CTr, TTr, TrS in first
///   position (also with a suffix such as "CTrPH" for a joint programme);
/// - a first group that is a mixed-case abbreviation written in capitals ("TTR", "CTRPH") is
///   refused with the right spelling;
/// - the first group is the document type when it is one of the decree's abbreviations, or
///   such an abbreviation followed by "PH" (phối hợp, joint: "KHPH", "CTrPH"); any other first
///   group makes a công văn–style number whose first group is the issuer. A type given
///   explicitly to `init` must be in the table.
///
/// The legal-document form with a year ("30/2020/NĐ-CP") and party documents ("34-CT/TW")
/// are not this form and are refused.
public struct DocumentNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number, or nil for an unsigned draft.
    public let number: Int?
    /// The symbol groups in order: ["KH", "UBND"], ["UBND", "VX"], ["KHPH", "BTĐKT", "ĐPTTH"].
    public let symbols: [String]

    public static let numberRange = 1...9999

    /// Builds and validates a document number. `symbols` are the groups after "/".
    public init(number: Int?, symbols: [String]) throws(VietnameseTextError) {
        let groups = symbols.map { Vietnamese.nfc($0) }
        let text = DocumentNumber.render(number: number, symbols: groups)
        if let number, !DocumentNumber.numberRange.contains(number) {
            throw DocumentNumber.error(text, "số văn bản phải từ 1 đến 9999, không phải \(number)")
        }
        try DocumentNumber.validate(groups, text: text)
        self.number = number
        self.symbols = groups
    }

    /// Builds a number from a document type and the issuer's groups:
    /// `(57, .keHoach, ["UBND"])` → "57/KH-UBND". Throws `unknownDocumentType` for a type not in
    /// the decree's table.
    public init(number: Int?, type: DocumentType, issuer: [String]) throws(VietnameseTextError) {
        guard DocumentType(abbreviation: type.abbreviation) != nil else {
            throw VietnameseTextError(.unknownDocumentType, value: type.abbreviation,
                                      message: "Loại văn bản \(VietnameseTextError.quote(type.abbreviation)) không có trong bảng chữ viết tắt của Nghị định 30/2020/NĐ-CP.")
        }
        try self.init(number: number, symbols: [type.abbreviation] + issuer)
    }

    /// The document type, when the first group is one (or a joint "…PH" form of one).
    public var documentType: DocumentType? {
        guard symbols.count >= 2, let first = symbols.first else { return nil }
        return DocumentNumber.type(of: first)
    }

    /// Whether the number is in công văn form (no document type).
    public var isCongVan: Bool { documentType == nil }

    /// Whether this is an unsigned draft (no number yet).
    public var isDraft: Bool { number == nil }

    /// "57/KH-UBND", "03/KH-STTTT", or for a draft "     /KH-UBND" (five spaces).
    public var formatted: String { DocumentNumber.render(number: number, symbols: symbols) }

    /// "Số: 57/KH-UBND"; a draft gives "Số:      /KH-UBND".
    public var withPrefix: String { "Số: " + formatted }

    public var description: String { formatted }

    /// Reads "57/KH-UBND", "Số: 57/KH-UBND", "số 03/KH-STTTT", "12/UBND-VX",
    /// "Số:      /KH-UBND" (a draft). The prefix "Số" may carry a colon, any case and spaces;
    /// leading and trailing white space is ignored. Throws `invalidDocumentNumber` (or
    /// `unknownDocumentType`) with the reason in Vietnamese.
    public static func parse(_ text: String) throws(VietnameseTextError) -> DocumentNumber {
        var s = Substring(Vietnamese.nfc(Vietnamese.trimmed(text)))
        if s.isEmpty { throw error(text, "ô trống") }
        // Optional "Số" / "Số:" prefix.
        if s.count >= 2, s.prefix(2).lowercased() == "số" {
            var rest = s.dropFirst(2)
            if rest.first == ":" { rest = rest.dropFirst() }
            s = rest.drop { $0.isWhitespace }
        }
        guard let slash = s.firstIndex(of: "/") else {
            throw error(text, "thiếu dấu \"/\" giữa số và ký hiệu (ví dụ 57/KH-UBND)")
        }
        let numberPart = s[s.startIndex..<slash]
        let symbolPart = s[s.index(after: slash)...]
        var number: Int?
        if numberPart.allSatisfy({ $0.isWhitespace }) {
            number = nil  // unsigned draft: blank before "/"
        } else {
            guard numberPart.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                if numberPart.contains(where: { $0.isWhitespace }) {
                    throw error(text, "không được có dấu cách trong số và ký hiệu")
                }
                throw error(text, "số văn bản chỉ gồm chữ số Ả Rập, không phải \(VietnameseTextError.quote(String(numberPart)))")
            }
            let digits = numberPart.drop { $0 == "0" }
            guard digits.count <= 4, let n = Int(digits.isEmpty ? "0" : String(digits)), numberRange.contains(n) else {
                throw error(text, "số văn bản phải từ 1 đến 9999, không phải \(numberPart)")
            }
            number = n
        }
        if symbolPart.contains(where: { $0.isWhitespace }) {
            throw error(text, "không được có dấu cách trong số và ký hiệu")
        }
        if symbolPart.contains("/") {
            throw error(text, "chỉ có một dấu \"/\" giữa số và ký hiệu (dạng có năm như 30/2020/NĐ-CP là văn bản quy phạm pháp luật, không thuộc dạng này)")
        }
        let groups = symbolPart.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        try validate(groups, text: text)
        return try DocumentNumber(number: number, symbols: groups)
    }

    // MARK: Internals

    static func type(of group: String) -> DocumentType? {
        if let type = DocumentType(abbreviation: group) { return type }
        if group.hasSuffix("PH"), let type = DocumentType(abbreviation: String(group.dropLast(2))) { return type }
        return nil
    }

    static func render(number: Int?, symbols: [String]) -> String {
        let n: String
        if let number { n = number >= 0 && number < 10 ? "0\(number)" : "\(number)" } else { n = "     " }
        return n + "/" + symbols.joined(separator: "-")
    }

    static func error(_ text: String, _ why: String) -> VietnameseTextError {
        VietnameseTextError(.invalidDocumentNumber, value: text,
                            message: "Số, ký hiệu văn bản \(VietnameseTextError.quote(text)) không hợp lệ: \(why).")
    }

    static func validate(_ groups: [String], text: String) throws(VietnameseTextError) {
        guard !groups.isEmpty, !(groups.count == 1 && groups[0].isEmpty) else {
            throw error(text, "thiếu ký hiệu sau dấu \"/\"")
        }
        if groups.count == 1, let type = type(of: groups[0]) {
            throw error(text, "thiếu ký hiệu cơ quan ban hành sau \"\(type.abbreviation)-\"")
        }
        for (index, group) in groups.enumerated() {
            if group.isEmpty {
                throw error(text, "có nhóm ký hiệu rỗng (hai dấu \"-\" liền nhau hoặc \"-\" ở đầu/cuối)")
            }
            if group.contains(where: { $0.isWhitespace }) {
                throw error(text, "không được có dấu cách trong số và ký hiệu")
            }
            if let bad = group.first(where: { !($0.isLetter || ($0.isASCII && $0.isNumber)) }) {
                let hint = bad == "–" || bad == "—" ? " (dùng dấu gạch nối \"-\")" : ""
                throw error(text, "ký tự \"\(bad)\" không được dùng trong ký hiệu\(hint)")
            }
            if index == 0, groups.count >= 2, type(of: group) == nil,
               let known = DocumentType.mixedCase.first(where: { [$0.uppercased(), $0.uppercased() + "PH"].contains(group) }),
               isUpper(group) {
                // "TTR-SNV": a mixed-case type written all in capitals.
                throw error(text, "viết sai chữ hoa, chữ thường của loại văn bản \"\(group)\"; viết đúng là \"\(known)\"")
            }
            if isUpper(group) { continue }
            if index == 0, groups.count >= 2, allowsMixedCase(group) { continue }
            if let known = DocumentType.all.first(where: { $0.abbreviation.lowercased() == group.lowercased() }) {
                throw error(text, "viết sai chữ hoa, chữ thường của ký hiệu \"\(group)\"; viết đúng là \"\(known.abbreviation)\"")
            }
            throw error(text, "ký hiệu \"\(group)\" phải viết chữ in hoa")
        }
        if groups.count == 1 {
            throw error(text, "ký hiệu phải có ít nhất hai nhóm nối bằng dấu \"-\" (ví dụ KH-UBND, hoặc UBND-VX cho công văn)")
        }
    }

    /// Letters all upper case (digits allowed).
    static func isUpper(_ group: String) -> Bool {
        group.allSatisfy { !$0.isLetter || $0.isUppercase }
    }

    /// One of the decree's mixed-case abbreviations, possibly followed by an upper-case suffix.
    static func allowsMixedCase(_ group: String) -> Bool {
        DocumentType.mixedCase.contains { abbr in
            group.hasPrefix(abbr) && isUpper(String(group.dropFirst(abbr.count)))
        }
    }
}
