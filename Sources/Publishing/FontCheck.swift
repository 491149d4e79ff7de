import Foundation

/// Times New Roman, or its metric twin Liberation Serif, must be what LibreOffice finds: the
/// decree's font. Checked before converting (fontconfig) and after (the fonts in each PDF).
public enum FontCheck {
    /// Families whose glyph widths are Times New Roman's.
    public static let acceptedFamilies = ["Times New Roman", "Liberation Serif"]
    /// PDF font names (subset prefix removed, spaces dropped) that are those families.
    static let acceptedPDFNames = ["TimesNewRoman", "LiberationSerif"]

    /// The family fontconfig gives for Times New Roman; throws when it is another font (or
    /// fontconfig is missing).
    @discardableResult
    public static func requireTimesNewRoman() throws -> String {
        guard let fcMatch = ProcessRunner.which("fc-match") else {
            throw PublishingError(.fontMissing, "Không tìm thấy fc-match (fontconfig) để kiểm tra phông Times New Roman. Hãy cài: apt install fontconfig fonts-liberation2")
        }
        let r = try ProcessRunner.run(fcMatch, ["-f", "%{family}", "Times New Roman"], timeout: 30)
        let families = r.stdout.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard r.succeeded, let found = families.first(where: { acceptedFamilies.contains($0) }) else {
            let got = families.first ?? "(không có)"
            throw PublishingError(.fontMissing, "Máy này không có phông Times New Roman hay Liberation Serif (cùng cỡ chữ); LibreOffice sẽ thay bằng «\(got)» và văn bản sai thể thức. Hãy cài: apt install fonts-liberation2 (hoặc phông Times New Roman), rồi chạy lại.")
        }
        return found
    }

    /// The fonts used in a PDF (`pdffonts`), subset prefixes removed.
    public static func fonts(inPDF path: String) throws -> [String] {
        guard let pdffonts = ProcessRunner.which("pdffonts") else {
            throw PublishingError(.fontMissing, "Không tìm thấy pdffonts để kiểm tra phông trong «\(path)». Hãy cài: apt install poppler-utils")
        }
        let r = try ProcessRunner.run(pdffonts, [path], timeout: 60)
        guard r.succeeded else {
            throw PublishingError(.conversionFailed, "pdffonts không đọc được «\(path)»: \(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        // Two header lines, then one font per line, the name first.
        return r.stdout.split(separator: "\n").dropFirst(2).compactMap { line in
            guard let name = line.split(separator: " ").first else { return nil }
            let plain = name.split(separator: "+", maxSplits: 1).last.map(String.init) ?? String(name)
            return plain
        }
    }

    /// Throws when a PDF holds a font other than Times New Roman or Liberation Serif (bold and
    /// italic faces included); fonts in `allowed` (for example a symbol font) pass too.
    public static func requireTimesNewRoman(inPDF path: String, allowed: [String] = []) throws {
        let foreign = try fonts(inPDF: path).filter { name in
            let family = name.split(separator: "-").first.map(String.init) ?? name
            let squeezed = family.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ",", with: "")
            return !(acceptedPDFNames.contains { squeezed.hasPrefix($0) } || allowed.contains(family))
        }
        if !foreign.isEmpty {
            let list = Array(Set(foreign)).sorted().joined(separator: ", ")
            throw PublishingError(.wrongFont, "«\(path)» dùng phông \(list) thay cho Times New Roman. Hãy cài fonts-liberation2 và kiểm tra phông trong mẫu, rồi chạy lại.")
        }
    }
}
