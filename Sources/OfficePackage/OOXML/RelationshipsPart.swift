import OfficeXML

/// A `_rels/*.rels` part: the relationships of one source part.
public struct RelationshipsPart: Sendable {
    public struct Relationship: Sendable, Equatable {
        public var id: String
        public var type: String
        public var target: String
        public var external: Bool
    }

    public private(set) var relationships: [Relationship] = []

    public init() {}

    /// Adds a relationship and returns its id (`rId1`, `rId2`, … in order of addition).
    @discardableResult
    public mutating func add(type: String, target: String, external: Bool = false) -> String {
        let id = "rId\(relationships.count + 1)"
        relationships.append(Relationship(id: id, type: type, target: target, external: external))
        return id
    }

    public var isEmpty: Bool { relationships.isEmpty }

    /// The name of the relationships part of `source` (`xl/workbook.xml` →
    /// `xl/_rels/workbook.xml.rels`; the package itself, "", → `_rels/.rels`).
    public static func name(forSource source: String) -> String {
        guard let slash = source.lastIndex(of: "/") else { return "_rels/\(source).rels" }
        let dir = source[..<slash]
        let file = source[source.index(after: slash)...]
        return "\(dir)/_rels/\(file).rels"
    }

    public func write(_ xml: XMLWriter) {
        xml.declaration()
        xml.start("Relationships")
        xml.attribute("xmlns", raw: "http://schemas.openxmlformats.org/package/2006/relationships")
        for r in relationships {
            xml.start("Relationship")
            xml.attribute("Id", r.id)
            xml.attribute("Type", r.type)
            xml.attribute("Target", r.target)
            if r.external { xml.attribute("TargetMode", raw: "External") }
            xml.end()
        }
        xml.end()
    }
}

/// Relationship types used by tdkt's writers.
public enum RelationshipType {
    static let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    public static let officeDocument = base + "officeDocument"
    public static let coreProperties = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    public static let extendedProperties = base + "extended-properties"
    public static let styles = base + "styles"
    public static let worksheet = base + "worksheet"
    public static let sharedStrings = base + "sharedStrings"
    public static let theme = base + "theme"
    public static let numbering = base + "numbering"
    public static let settings = base + "settings"
    public static let fontTable = base + "fontTable"
    public static let header = base + "header"
    public static let footer = base + "footer"
    public static let footnotes = base + "footnotes"
    public static let image = base + "image"
    public static let hyperlink = base + "hyperlink"
    public static let drawing = base + "drawing"
    public static let chart = base + "chart"
}
