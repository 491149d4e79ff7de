import OfficeXML

/// `[Content_Types].xml`: a content type for every part, by extension or by name.
public struct ContentTypesPart: Sendable {
    public static let partName = "[Content_Types].xml"
    private(set) var defaults: [(String, String)] = [
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
    ]
    private(set) var overrides: [(String, String)] = []

    public init() {}

    /// A content type for every part ending in `.ext` (images: png, jpeg).
    public mutating func addDefault(extension ext: String, contentType: String) {
        guard !defaults.contains(where: { $0.0 == ext }) else { return }
        defaults.append((ext, contentType))
    }

    /// A content type for one part, by its name inside the package (no leading slash).
    public mutating func addOverride(part: String, contentType: String) {
        let name = "/" + part
        if let i = overrides.firstIndex(where: { $0.0 == name }) {
            overrides[i].1 = contentType
        } else {
            overrides.append((name, contentType))
        }
    }

    public func contentType(of part: String) -> String? {
        if let o = overrides.first(where: { $0.0 == "/" + part }) { return o.1 }
        guard let dot = part.lastIndex(of: ".") else { return nil }
        let ext = part[part.index(after: dot)...].lowercased()
        return defaults.first(where: { $0.0 == ext })?.1
    }

    public func write(_ xml: XMLWriter) {
        xml.declaration()
        xml.start("Types")
        xml.attribute("xmlns", raw: "http://schemas.openxmlformats.org/package/2006/content-types")
        for (ext, type) in defaults {
            xml.start("Default")
            xml.attribute("Extension", ext)
            xml.attribute("ContentType", type)
            xml.end()
        }
        for (part, type) in overrides {
            xml.start("Override")
            xml.attribute("PartName", part)
            xml.attribute("ContentType", type)
            xml.end()
        }
        xml.end()
    }
}
