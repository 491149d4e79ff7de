import OfficeXML
import OfficeZip

/// An Open Packaging Conventions package (DOCX, XLSX) being written.
///
/// Writers add their parts; the package keeps the content types and relationships and, at
/// `close()`, writes `docProps/core.xml`, `docProps/app.xml`, every `_rels/*.rels` part and
/// `[Content_Types].xml` (placed first in the archive).
public final class OOXMLPackage {
    public let zip: ZipWriter
    public var properties: DocumentProperties
    public private(set) var contentTypes = ContentTypesPart()
    private var relationships: [String: RelationshipsPart] = [:]
    private var relationshipSources: [String] = []
    /// Characters the XML writers dropped or escaped, over all parts.
    public private(set) var removedCharacterCount = 0

    public init(path: String, properties: DocumentProperties = DocumentProperties(),
                threads: Int = ZipWriter.defaultThreads) throws {
        self.zip = try ZipWriter(path: path, threads: threads)
        self.properties = properties
    }

    /// An XML part streamed into the archive, with its content type.
    public func addXMLPart(_ name: String, contentType: String, method: ZipMethod = .deflate,
                           illegalCharacters: IllegalCharacterPolicy = .remove,
                           _ body: (XMLWriter) throws -> Void) throws {
        contentTypes.addOverride(part: name, contentType: contentType)
        removedCharacterCount += try zip.addXML(name, method: method, illegalCharacters: illegalCharacters, body)
    }

    /// Declares the content type of a part written straight to `zip` (a streamed worksheet).
    public func addContentTypeOverride(part: String, contentType: String) {
        contentTypes.addOverride(part: part, contentType: contentType)
    }

    /// A binary part (an image); its content type by extension.
    public func addPart(_ name: String, bytes: [UInt8], defaultContentType: String, method: ZipMethod = .store) throws {
        if let dot = name.lastIndex(of: ".") {
            contentTypes.addDefault(extension: name[name.index(after: dot)...].lowercased(), contentType: defaultContentType)
        } else {
            contentTypes.addOverride(part: name, contentType: defaultContentType)
        }
        try zip.add(name, bytes: bytes, method: method)
    }

    /// A relationship from `source` ("" for the package) to `target` (relative to the
    /// source's folder); returns its id.
    @discardableResult
    public func relate(from source: String, type: String, target: String, external: Bool = false) -> String {
        if relationships[source] == nil {
            relationships[source] = RelationshipsPart()
            relationshipSources.append(source)
        }
        return relationships[source]!.add(type: type, target: target, external: external)
    }

    /// Writes properties, relationships and content types, then the archive.
    public func close() throws {
        do {
            relate(from: "", type: RelationshipType.coreProperties, target: CorePropertiesPart.partName)
            relate(from: "", type: RelationshipType.extendedProperties, target: AppPropertiesPart.partName)
            try addXMLPart(CorePropertiesPart.partName, contentType: CorePropertiesPart.contentType) {
                CorePropertiesPart(properties).write($0)
            }
            try addXMLPart(AppPropertiesPart.partName, contentType: AppPropertiesPart.contentType) {
                AppPropertiesPart(properties).write($0)
            }
            for source in relationshipSources {
                let rels = relationships[source]!
                try zip.addXML(RelationshipsPart.name(forSource: source)) { rels.write($0) }
            }
            let types = contentTypes
            try zip.addXML(ContentTypesPart.partName) { types.write($0) }
            zip.placeFirst([ContentTypesPart.partName, RelationshipsPart.name(forSource: "")])
            try zip.close()
        } catch {
            zip.discard()
            throw error
        }
    }

    public func discard() { zip.discard() }
}
