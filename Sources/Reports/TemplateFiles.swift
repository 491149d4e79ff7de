import Document
import Foundation

/// Writing and finding the shipped templates.
public enum TemplateFiles {
    /// templates/ beside the data, else the one next to the executable's package (development).
    public static let formats: [DocumentFormat] = [.docx, .odt]

    /// Writes every shipped template in every format into `directory`; returns the paths.
    @discardableResult
    public static func writeAll(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for t in ShippedTemplate.allCases {
            let document = t.document()
            for f in formats {
                let path = directory + "/" + t.fileName(f)
                try document.write(to: path, format: f)
                written.append(path)
            }
        }
        return written
    }
}
