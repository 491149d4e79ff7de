import Document
import OfficePackage
import Domain
import Foundation
import Vietnamese

/// The year-end documents of a province, in the official format of Nghị định 30/2020/NĐ-CP:
/// the Báo cáo tổng kết (with the annex tables T1–T5 on landscape pages), the Tờ trình đề
/// nghị khen thưởng and the Quyết định khen thưởng (each with its attached list). Every
/// figure they print comes from the aggregations of `Domain`; they are drafts to be signed
/// (number and day left blank, as offices print them before signing).
public enum YearEndDocuments {
    /// Which document.
    public enum Kind: String, CaseIterable, Sendable {
        /// Báo cáo tổng kết công tác thi đua, khen thưởng năm Y và phương hướng, nhiệm vụ năm Y+1.
        case report = "bao-cao-tong-ket"
        /// Tờ trình đề nghị khen thưởng (Sở Nội vụ → Chủ tịch UBND tỉnh) with its danh sách.
        case proposal = "to-trinh-khen-thuong"
        /// Quyết định khen thưởng of the Chủ tịch UBND tỉnh with its danh sách.
        case decision = "quyet-dinh-khen-thuong"
    }

    /// What the build prints and names a document by.
    public struct Info: Sendable, Hashable {
        public var kind: Kind
        /// "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2024 và phương hướng, nhiệm vụ năm 2025".
        public var title: String
        /// Số, ký hiệu: "     /BC-UBND" (a draft: the number is written when signed).
        public var number: DocumentNumber
        /// ASCII file name without extension: "bao-cao-tong-ket-2024".
        public var fileStem: String

        /// "bao-cao-tong-ket-2024.docx".
        public func fileName(_ format: DocumentFormat) -> String { fileStem + "." + format.rawValue }
    }

    /// The metadata of one document.
    public static func info(_ kind: Kind, _ data: ProvinceData, year: Int) -> Info {
        let p = Parties(data)
        switch kind {
        case .report:
            return Info(kind: kind, title: "Báo cáo tổng kết công tác thi đua, khen thưởng năm \(year) và phương hướng, nhiệm vụ năm \(year + 1)",
                        number: p.number(.baoCao, p.provinceSymbol), fileStem: "\(kind.rawValue)-\(year)")
        case .proposal:
            return Info(kind: kind, title: "Tờ trình đề nghị tặng Cờ thi đua, danh hiệu Chiến sĩ thi đua cấp tỉnh và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm \(year)",
                        number: p.number(.toTrinh, p.departmentSymbol), fileStem: "\(kind.rawValue)-\(year)")
        case .decision:
            return Info(kind: kind, title: "Quyết định tặng Cờ thi đua, danh hiệu Chiến sĩ thi đua cấp tỉnh và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm \(year)",
                        number: p.number(.quyetDinh, p.provinceSymbol), fileStem: "\(kind.rawValue)-\(year)")
        }
    }

    /// The document of `kind`.
    public static func document(_ kind: Kind, _ data: ProvinceData, year: Int) throws -> Document {
        switch kind {
        case .report: return try report(data, year: year)
        case .proposal: return try toTrinh(data, year: year)
        case .decision: return try quyetDinh(data, year: year)
        }
    }

    /// Writes every document in every format into `directory` (created if needed); returns the
    /// paths in order (report, proposal, decision; each format in the order given).
    @discardableResult
    public static func writeAll(_ data: ProvinceData, year: Int, directory: String,
                                formats: [DocumentFormat] = [.docx, .odt]) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for kind in Kind.allCases {
            let doc = try document(kind, data, year: year)
            let name = info(kind, data, year: year)
            for f in formats {
                let path = directory + "/" + name.fileName(f)
                try doc.write(to: path, format: f)
                paths.append(path)
            }
        }
        return paths
    }
}

// MARK: - Who issues and signs

/// The issuing bodies and signers, read from the data: the province's name, the UBND tỉnh
/// (root unit) and its signer (from its latest signed plan), Sở Nội vụ and its director (from
/// the coordination programmes). Missing ones get the usual titles and a blank name.
struct Parties {
    let province: String
    /// "Ủy ban nhân dân tỉnh Bắc Ninh".
    let provinceBody: String
    /// "Sở Nội vụ tỉnh Bắc Ninh".
    let departmentBody: String
    let departmentName: String
    /// Symbols: "UBND", "SNV".
    let provinceSymbol: String
    let departmentSymbol: String
    /// The UBND tỉnh signer: quyền hạn lines, chức vụ, name.
    let provinceSigner: SignerLines
    let departmentSigner: SignerLines

    init(_ data: ProvinceData) {
        let province = data.settings.provinceName ?? Parties.guessProvince(data) ?? "…"
        self.province = province
        provinceBody = "Ủy ban nhân dân tỉnh \(province)"
        let snv = data.unitIndex(code: "SNV") ?? data.units.firstIndex { $0.name == "Sở Nội vụ" }.map { Int32($0) }
        departmentName = snv.map { data.unitName($0) } ?? "Sở Nội vụ"
        departmentBody = departmentName.contains("tỉnh") ? departmentName : "\(departmentName) tỉnh \(province)"
        provinceSymbol = "UBND"
        departmentSymbol = snv.map { data.units[Int($0)].code }.flatMap { $0.allSatisfy { $0.isLetter && $0.isUppercase } ? $0 : nil } ?? "SNV"
        let root = data.units.firstIndex { $0.parent < 0 && $0.type == .government }.map { Int32($0) }
        let plans = data.plans.filter { $0.signer != nil && (root == nil || $0.issuer == root!) }
            .sorted { ($0.date ?? .minimum) < ($1.date ?? .minimum) }
        provinceSigner = plans.last?.signer.map(SignerLines.init)
            ?? SignerLines(onBehalfOf: "TM. ỦY BAN NHÂN DÂN", authority: "KT. CHỦ TỊCH", position: "PHÓ CHỦ TỊCH", name: "")
        var director: SignerLines?
        if let snv {
            for p in data.programmes {
                if let party = p.parties.first(where: { $0.unit == snv }), let s = party.signer { director = SignerLines(s) }
            }
        }
        departmentSigner = director ?? SignerLines(onBehalfOf: nil, authority: nil, position: "GIÁM ĐỐC", name: "")
    }

    static func guessProvince(_ data: ProvinceData) -> String? {
        guard let root = data.units.first(where: { $0.parent < 0 }) else { return nil }
        for prefix in ["UBND tỉnh ", "Ủy ban nhân dân tỉnh "] where root.name.hasPrefix(prefix) {
            return String(root.name.dropFirst(prefix.count))
        }
        return nil
    }

    /// A draft number ("     /BC-UBND").
    func number(_ type: DocumentType, _ issuer: String) -> DocumentNumber {
        (try? DocumentNumber(number: nil, type: type, issuer: [issuer]))
            ?? (try! DocumentNumber(number: nil, type: type, issuer: ["UBND"]))
    }

    /// The header of a UBND tỉnh document: "ỦY BAN NHÂN DÂN" / "TỈNH BẮC NINH", both bold.
    func provinceHeader(_ number: DocumentNumber, draftYear: Int) -> OfficialHeader {
        OfficialHeader(issuer: ["Ủy ban nhân dân", "tỉnh \(province)"], number: number, place: province, date: nil,
                       draftYear: draftYear)
    }

    /// The header of a Sở Nội vụ document: "UBND TỈNH BẮC NINH" over "SỞ NỘI VỤ".
    func departmentHeader(_ number: DocumentNumber, draftYear: Int) -> OfficialHeader {
        OfficialHeader(parentAgency: ["UBND tỉnh \(province)"], issuer: [departmentName], number: number, place: province,
                       date: nil, draftYear: draftYear)
    }

}

/// A signature: thay mặt, quyền hạn, chức vụ and name (the domain's `Signer`, which this
/// layer cannot build).
struct SignerLines: Sendable, Hashable {
    var onBehalfOf: String?
    var authority: String?
    var position: String
    var name: String

    init(onBehalfOf: String?, authority: String?, position: String, name: String) {
        self.onBehalfOf = onBehalfOf
        self.authority = authority
        self.position = position
        self.name = name
    }

    init(_ s: Signer) { self.init(onBehalfOf: s.onBehalfOf, authority: s.authority, position: s.position, name: s.name) }

    /// The printed lines above the signature (upper case): thay mặt (unless dropped), quyền
    /// hạn, chức vụ.
    func lines(dropOnBehalf: Bool = false) -> [String] {
        var lines: [String] = []
        if !dropOnBehalf, let t = onBehalfOf, !t.isEmpty { lines.append(t) }
        if let a = authority, !a.isEmpty { lines.append(a) }
        lines.append(position)
        return lines.map { Vietnamese.nfc($0).uppercased() }
    }
}

// MARK: - Vietnamese prose of numbers

enum Prose {
    /// "1.234".
    static func n(_ v: Int) -> String { VietnameseNumber.format(v) }

    /// "15,5%" of n / d (one decimal, as the tables), "—" when d = 0.
    static func percent(_ n: Int, _ d: Int, decimals: Int = 1) -> String {
        ResultTable.display(.ratio(n, d), kind: .percent, percentDecimals: decimals)
    }

    /// The comparison with the year before: "tăng 5,2% so với năm 2023", "giảm 3 (1,2%) …",
    /// "bằng năm 2023", or "năm 2023 không có" when the base is 0.
    static func change(_ now: Int, _ before: Int, previousYear: Int, decimals: Int = 1) -> String {
        if now == before { return "bằng năm \(previousYear)" }
        if before == 0 { return "năm \(previousYear) chưa có" }
        let pct = ResultTable.display(.ratio(abs(now - before), before), kind: .percent, percentDecimals: decimals)
        return (now > before ? "tăng " : "giảm ") + pct + " so với năm \(previousYear)"
    }

    /// Joins "a, b và c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " và " + items.last!
        }
    }

    /// An ASCII file-name piece: "Nguyễn Văn Đức" → "nguyen-van-duc".
    static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for scalar in Vietnamese.nfc(text).replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(Int(scalar.value)) { continue }
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                out.unicodeScalars.append(scalar)
                dash = false
            } else if !dash && !out.isEmpty {
                out += "-"
                dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.lowercased()
    }
}
