import OfficePackage
import OfficeXML
import OfficeZip

/// The smallest XLSX, DOCX, ODS and ODT that every reader accepts, built by hand from the
/// packaging layer and the XML writer. They prove the foundation before the real writers
/// exist, and stay as a canary for it.
public enum MinimalPackages {
    /// The table every sample holds: a header and two rows with Vietnamese text, an
    /// XML-special string and numbers.
    public static let rows: [[Value]] = [
        [.text("Họ và tên"), .text("Đơn vị"), .text("Điểm")],
        [.text("Nguyễn Thị Hồng Nhung"), .text("Sở Nội vụ & <Ban TĐKT>"), .number(95.5)],
        [.text("Trần Văn Đức"), .text("UBND xã Phú Đình \"Định Hóa\""), .number(87)],
    ]

    public enum Value: Sendable, Equatable {
        case text(String)
        case number(Double)
    }

    public static let font = "Times New Roman"

    /// A row as the text documents show it: "Họ và tên | Đơn vị | Điểm".
    public static func line(_ row: [Value]) -> String {
        row.map { value -> String in
            switch value {
            case .text(let s): return s
            case .number(let n): return n == n.rounded() ? String(Int(n)) : String(n)
            }
        }.joined(separator: " | ")
    }

    public static func properties(_ title: String) -> DocumentProperties {
        DocumentProperties(title: title, creator: "Ban Thi đua - Khen thưởng tỉnh",
                           created: Timestamp(year: 2019, month: 4, day: 11, hour: 8))
    }

    // MARK: XLSX

    public static func writeXLSX(to path: String) throws {
        let package = try OOXMLPackage(path: path, properties: properties("Bảng tổng hợp"))
        package.relate(from: "", type: RelationshipType.officeDocument, target: "xl/workbook.xml")
        package.relate(from: "xl/workbook.xml", type: RelationshipType.worksheet, target: "worksheets/sheet1.xml")
        package.relate(from: "xl/workbook.xml", type: RelationshipType.styles, target: "styles.xml")
        try package.addXMLPart("xl/workbook.xml",
                               contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml") { x in
            x.declaration()
            x.start("workbook")
            x.attribute("xmlns", raw: "http://schemas.openxmlformats.org/spreadsheetml/2006/main")
            x.attribute("xmlns:r", raw: "http://schemas.openxmlformats.org/officeDocument/2006/relationships")
            x.start("sheets")
            x.start("sheet"); x.attribute("name", "Tổng hợp"); x.attribute("sheetId", 1); x.attribute("r:id", raw: "rId1"); x.end()
            x.end()
            x.end()
        }
        try package.addXMLPart("xl/worksheets/sheet1.xml",
                               contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
                               illegalCharacters: .spreadsheetEscape) { x in
            x.declaration()
            x.start("worksheet")
            x.attribute("xmlns", raw: "http://schemas.openxmlformats.org/spreadsheetml/2006/main")
            x.start("sheetData")
            for (r, row) in rows.enumerated() {
                x.start("row"); x.attribute("r", r + 1)
                for (c, value) in row.enumerated() {
                    x.start("c")
                    x.attribute("r", String(UnicodeScalar(UInt8(65 + c))) + String(r + 1))
                    switch value {
                    case .text(let s):
                        x.attribute("t", raw: "inlineStr")
                        x.start("is"); x.start("t"); x.preserveSpaceIfNeeded(s); x.text(s); x.end(); x.end()
                    case .number(let n):
                        x.start("v"); x.text(n); x.end()
                    }
                    x.end()
                }
                x.end()
            }
            x.end()
            x.end()
        }
        try package.addXMLPart("xl/styles.xml",
                               contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml") { x in
            x.declaration()
            x.start("styleSheet")
            x.attribute("xmlns", raw: "http://schemas.openxmlformats.org/spreadsheetml/2006/main")
            x.start("fonts"); x.attribute("count", 1)
            x.start("font")
            x.start("sz"); x.attribute("val", 12); x.end()
            x.start("name"); x.attribute("val", font); x.end()
            x.start("family"); x.attribute("val", 1); x.end()
            x.end()
            x.end()
            x.start("fills"); x.attribute("count", 2)
            x.start("fill"); x.start("patternFill"); x.attribute("patternType", raw: "none"); x.end(); x.end()
            x.start("fill"); x.start("patternFill"); x.attribute("patternType", raw: "gray125"); x.end(); x.end()
            x.end()
            x.start("borders"); x.attribute("count", 1)
            x.start("border"); x.start("left"); x.end(); x.start("right"); x.end(); x.start("top"); x.end()
            x.start("bottom"); x.end(); x.start("diagonal"); x.end(); x.end()
            x.end()
            x.start("cellStyleXfs"); x.attribute("count", 1)
            x.start("xf"); x.attribute("numFmtId", 0); x.attribute("fontId", 0); x.attribute("fillId", 0); x.attribute("borderId", 0); x.end()
            x.end()
            x.start("cellXfs"); x.attribute("count", 1)
            x.start("xf"); x.attribute("numFmtId", 0); x.attribute("fontId", 0); x.attribute("fillId", 0); x.attribute("borderId", 0)
            x.attribute("xfId", 0); x.end()
            x.end()
            x.start("cellStyles"); x.attribute("count", 1)
            x.start("cellStyle"); x.attribute("name", "Normal"); x.attribute("xfId", 0); x.attribute("builtinId", 0); x.end()
            x.end()
            x.end()
        }
        try package.close()
    }

    // MARK: DOCX

    public static func writeDOCX(to path: String) throws {
        let package = try OOXMLPackage(path: path, properties: properties("Kế hoạch thử"))
        package.relate(from: "", type: RelationshipType.officeDocument, target: "word/document.xml")
        package.relate(from: "word/document.xml", type: RelationshipType.styles, target: "styles.xml")
        func runProperties(_ x: XMLWriter, bold: Bool = false) {
            x.start("w:rPr")
            x.start("w:rFonts")
            x.attribute("w:ascii", font); x.attribute("w:hAnsi", font); x.attribute("w:eastAsia", font); x.attribute("w:cs", font)
            x.end()
            if bold { x.start("w:b"); x.end() }
            x.start("w:sz"); x.attribute("w:val", 28); x.end()
            x.start("w:lang"); x.attribute("w:val", raw: "vi-VN"); x.end()
            x.end()
        }
        func paragraph(_ x: XMLWriter, _ text: String, bold: Bool = false) {
            x.start("w:p")
            x.start("w:r")
            runProperties(x, bold: bold)
            x.start("w:t"); x.attribute("xml:space", raw: "preserve"); x.text(text); x.end()
            x.end()
            x.end()
        }
        try package.addXMLPart("word/document.xml",
                               contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml") { x in
            x.declaration()
            x.start("w:document")
            x.attribute("xmlns:w", raw: "http://schemas.openxmlformats.org/wordprocessingml/2006/main")
            x.start("w:body")
            paragraph(x, "KẾ HOẠCH", bold: true)
            for row in rows { paragraph(x, line(row)) }
            x.start("w:sectPr")
            x.start("w:pgSz"); x.attribute("w:w", 11906); x.attribute("w:h", 16838); x.end()
            x.start("w:pgMar"); x.attribute("w:top", 1418); x.attribute("w:right", 1134); x.attribute("w:bottom", 1134)
            x.attribute("w:left", 1985); x.attribute("w:header", 567); x.attribute("w:footer", 567); x.attribute("w:gutter", 0)
            x.end()
            x.end()
            x.end()
            x.end()
        }
        try package.addXMLPart("word/styles.xml",
                               contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml") { x in
            x.declaration()
            x.start("w:styles")
            x.attribute("xmlns:w", raw: "http://schemas.openxmlformats.org/wordprocessingml/2006/main")
            x.start("w:docDefaults")
            x.start("w:rPrDefault")
            runProperties(x)
            x.end()
            x.end()
            x.start("w:style"); x.attribute("w:type", raw: "paragraph"); x.attribute("w:default", 1); x.attribute("w:styleId", raw: "Normal")
            x.start("w:name"); x.attribute("w:val", raw: "Normal"); x.end()
            x.end()
            x.end()
        }
        try package.close()
    }

    // MARK: ODF

    static func fontFaces(_ x: XMLWriter) {
        x.start("office:font-face-decls")
        x.start("style:font-face")
        x.attribute("style:name", font)
        x.attribute("svg:font-family", "'Times New Roman'")
        x.attribute("style:font-family-generic", raw: "roman")
        x.end()
        x.end()
    }

    static func odfRoot(_ x: XMLWriter, _ name: StaticString) {
        x.declaration(standalone: false)
        x.start(name)
        x.attribute("xmlns:office", raw: "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
        x.attribute("xmlns:style", raw: "urn:oasis:names:tc:opendocument:xmlns:style:1.0")
        x.attribute("xmlns:text", raw: "urn:oasis:names:tc:opendocument:xmlns:text:1.0")
        x.attribute("xmlns:table", raw: "urn:oasis:names:tc:opendocument:xmlns:table:1.0")
        x.attribute("xmlns:fo", raw: "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0")
        x.attribute("xmlns:svg", raw: "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0")
        x.attribute("office:version", raw: "1.3")
        fontFaces(x)
    }

    static func odfStyles(_ package: ODFPackage, family: StaticString) throws {
        try package.addXMLPart("styles.xml") { x in
            odfRoot(x, "office:document-styles")
            x.start("office:styles")
            x.start("style:default-style"); x.attribute("style:family", raw: family)
            x.start("style:text-properties")
            x.attribute("style:font-name", font)
            x.attribute("fo:font-size", raw: "12pt")
            x.attribute("fo:language", raw: "vi")
            x.attribute("fo:country", raw: "VN")
            x.end()
            x.end()
            x.end()
            x.end()
        }
    }

    public static func writeODS(to path: String) throws {
        let package = try ODFPackage(path: path, mimeType: "application/vnd.oasis.opendocument.spreadsheet",
                                     properties: properties("Bảng tổng hợp"))
        try package.addXMLPart("content.xml") { x in
            odfRoot(x, "office:document-content")
            x.start("office:body")
            x.start("office:spreadsheet")
            x.start("table:table"); x.attribute("table:name", "Tổng hợp")
            x.start("table:table-column"); x.attribute("table:number-columns-repeated", rows[0].count); x.end()
            for row in rows {
                x.start("table:table-row")
                for value in row {
                    x.start("table:table-cell")
                    switch value {
                    case .text(let s):
                        x.attribute("office:value-type", raw: "string")
                        x.start("text:p"); x.text(s); x.end()
                    case .number(let n):
                        x.attribute("office:value-type", raw: "float")
                        x.attribute("office:value", n)
                        x.start("text:p"); x.text(n); x.end()
                    }
                    x.end()
                }
                x.end()
            }
            x.end()
            x.end()
            x.end()
            x.end()
        }
        try odfStyles(package, family: "table-cell")
        try package.close()
    }

    public static func writeODT(to path: String) throws {
        let package = try ODFPackage(path: path, mimeType: "application/vnd.oasis.opendocument.text",
                                     properties: properties("Kế hoạch thử"))
        try package.addXMLPart("content.xml") { x in
            odfRoot(x, "office:document-content")
            x.start("office:body")
            x.start("office:text")
            x.start("text:p"); x.text("KẾ HOẠCH"); x.end()
            for row in rows {
                x.element("text:p", text: line(row))
            }
            x.end()
            x.end()
            x.end()
        }
        try odfStyles(package, family: "paragraph")
        try package.close()
    }
}
