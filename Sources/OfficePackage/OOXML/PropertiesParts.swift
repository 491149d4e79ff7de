import OfficeXML

/// `docProps/core.xml` (Dublin Core properties).
public struct CorePropertiesPart: Sendable {
    public static let partName = "docProps/core.xml"
    public static let contentType = "application/vnd.openxmlformats-package.core-properties+xml"
    public var properties: DocumentProperties

    public init(_ properties: DocumentProperties) { self.properties = properties }

    public func write(_ xml: XMLWriter) {
        let p = properties
        xml.declaration()
        xml.start("cp:coreProperties")
        xml.attribute("xmlns:cp", raw: "http://schemas.openxmlformats.org/package/2006/metadata/core-properties")
        xml.attribute("xmlns:dc", raw: "http://purl.org/dc/elements/1.1/")
        xml.attribute("xmlns:dcterms", raw: "http://purl.org/dc/terms/")
        xml.attribute("xmlns:dcmitype", raw: "http://purl.org/dc/dcmitype/")
        xml.attribute("xmlns:xsi", raw: "http://www.w3.org/2001/XMLSchema-instance")
        if let v = p.title { xml.element("dc:title", text: v) }
        if let v = p.subject { xml.element("dc:subject", text: v) }
        if let v = p.creator { xml.element("dc:creator", text: v) }
        if let v = p.keywords { xml.element("cp:keywords", text: v) }
        if let v = p.description { xml.element("dc:description", text: v) }
        if let v = p.lastModifiedBy ?? p.creator { xml.element("cp:lastModifiedBy", text: v) }
        if let v = p.category { xml.element("cp:category", text: v) }
        if let v = p.language { xml.element("dc:language", text: v) }
        if let v = p.effectiveCreated { writeDate("dcterms:created", v, xml) }
        if let v = p.effectiveModified { writeDate("dcterms:modified", v, xml) }
        xml.end()
    }

    private func writeDate(_ name: StaticString, _ value: Timestamp, _ xml: XMLWriter) {
        xml.start(name)
        xml.attribute("xsi:type", raw: "dcterms:W3CDTF")
        xml.text(value.iso8601)
        xml.end()
    }
}

/// `docProps/app.xml` (extended properties).
public struct AppPropertiesPart: Sendable {
    public static let partName = "docProps/app.xml"
    public static let contentType = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
    public var properties: DocumentProperties
    public var appVersion: String

    public init(_ properties: DocumentProperties, appVersion: String = "1.0") {
        self.properties = properties
        self.appVersion = appVersion
    }

    public func write(_ xml: XMLWriter) {
        xml.declaration()
        xml.start("Properties")
        xml.attribute("xmlns", raw: "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")
        xml.attribute("xmlns:vt", raw: "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes")
        xml.element("Application", text: properties.application)
        xml.element("DocSecurity", text: "0")
        xml.element("ScaleCrop", text: "false")
        if let company = properties.company { xml.element("Company", text: company) }
        xml.element("LinksUpToDate", text: "false")
        xml.element("SharedDoc", text: "false")
        xml.element("HyperlinksChanged", text: "false")
        xml.element("AppVersion", text: appVersion)
        xml.end()
    }
}
