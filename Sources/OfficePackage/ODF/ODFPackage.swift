import OfficeXML
import OfficeZip

/// An OpenDocument package (ODT, ODS) being written.
///
/// `mimetype` is the first entry, stored; parts are listed in `META-INF/manifest.xml`, and
/// `meta.xml` carries the document properties, both written by `close()`.
public final class ODFPackage {
    public static let version = "1.3"
    public let zip: ZipWriter
    public let mimeType: String
    public var properties: DocumentProperties
    private var manifest: [(path: String, mediaType: String)] = []
    public private(set) var removedCharacterCount = 0

    public init(path: String, mimeType: String, properties: DocumentProperties = DocumentProperties(),
                threads: Int = ZipWriter.defaultThreads) throws {
        self.zip = try ZipWriter(path: path, threads: threads)
        self.mimeType = mimeType
        self.properties = properties
        try zip.add("mimetype", text: mimeType, method: .store)
    }

    /// An XML part (`content.xml`, `styles.xml`, `settings.xml`, an object's parts).
    public func addXMLPart(_ name: String, mediaType: String = "text/xml", method: ZipMethod = .deflate,
                           _ body: (XMLWriter) throws -> Void) throws {
        manifest.append((name, mediaType))
        removedCharacterCount += try zip.addXML(name, method: method, body)
    }

    /// A binary part (an image) with its media type.
    public func addPart(_ name: String, bytes: [UInt8], mediaType: String, method: ZipMethod = .store) throws {
        manifest.append((name, mediaType))
        try zip.add(name, bytes: bytes, method: method)
    }

    /// Lists a part written straight to `zip` (a streamed `content.xml`) in the manifest.
    public func declarePart(_ name: String, mediaType: String = "text/xml") {
        manifest.append((name, mediaType))
    }

    /// A folder entry in the manifest (an embedded object such as a chart: `Object 1/`).
    public func declareDirectory(_ path: String, mediaType: String) {
        manifest.append((path.hasSuffix("/") ? path : path + "/", mediaType))
    }

    public func close() throws {
        do {
            let properties = self.properties
            try addXMLPart("meta.xml") { ODFMetaPart(properties).write($0) }
            let entries = manifest
            let root = mimeType
            try zip.addXML("META-INF/manifest.xml") { xml in
                xml.declaration(standalone: false)
                xml.start("manifest:manifest")
                xml.attribute("xmlns:manifest", raw: "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0")
                xml.attribute("manifest:version", raw: "1.3")
                xml.start("manifest:file-entry")
                xml.attribute("manifest:full-path", raw: "/")
                xml.attribute("manifest:version", raw: "1.3")
                xml.attribute("manifest:media-type", root)
                xml.end()
                for entry in entries {
                    xml.start("manifest:file-entry")
                    xml.attribute("manifest:full-path", entry.path)
                    xml.attribute("manifest:media-type", entry.mediaType)
                    xml.end()
                }
                xml.end()
            }
            try zip.close()
        } catch {
            zip.discard()
            throw error
        }
    }

    public func discard() { zip.discard() }
}

/// `meta.xml`.
public struct ODFMetaPart: Sendable {
    public var properties: DocumentProperties
    public init(_ properties: DocumentProperties) { self.properties = properties }

    public func write(_ xml: XMLWriter) {
        let p = properties
        xml.declaration(standalone: false)
        xml.start("office:document-meta")
        xml.attribute("xmlns:office", raw: "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
        xml.attribute("xmlns:meta", raw: "urn:oasis:names:tc:opendocument:xmlns:meta:1.0")
        xml.attribute("xmlns:dc", raw: "http://purl.org/dc/elements/1.1/")
        xml.attribute("office:version", raw: "1.3")
        xml.start("office:meta")
        xml.element("meta:generator", text: p.application)
        if let v = p.title { xml.element("dc:title", text: v) }
        if let v = p.description { xml.element("dc:description", text: v) }
        if let v = p.subject { xml.element("dc:subject", text: v) }
        if let v = p.keywords { xml.element("meta:keyword", text: v) }
        if let v = p.creator { xml.element("meta:initial-creator", text: v) }
        if let v = p.lastModifiedBy ?? p.creator { xml.element("dc:creator", text: v) }
        if let v = p.effectiveCreated { xml.element("meta:creation-date", text: v.iso8601) }
        if let v = p.effectiveModified { xml.element("dc:date", text: v.iso8601) }
        if let v = p.language { xml.element("dc:language", text: v) }
        xml.end()
        xml.end()
    }
}
