import OfficeXML
import OfficeZip

/// A streamed ZIP entry is where an XML part's bytes go.
extension ZipEntryStream: ByteSink {}

extension ZipWriter {
    /// Writes an XML part streamed through an `XMLWriter` straight into the archive.
    /// Returns the number of characters the writer had to drop or escape (illegal in XML).
    @discardableResult
    public func addXML(_ name: String, method: ZipMethod = .deflate,
                       illegalCharacters: IllegalCharacterPolicy = .remove,
                       _ body: (XMLWriter) throws -> Void) throws -> Int {
        var removed = 0
        try add(name, method: method) { stream in
            let xml = XMLWriter(sink: stream, illegalCharacters: illegalCharacters)
            try body(xml)
            xml.finish()
            removed = xml.removedCharacterCount
        }
        return removed
    }
}
