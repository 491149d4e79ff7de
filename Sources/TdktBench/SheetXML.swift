import OfficeXML

/// The W1 sheet XML as the XLSX writer will shape it: inline strings, a style per cell.
enum SheetXML {
    static func write(_ rows: [W1Row], to x: XMLWriter) {
        x.declaration()
        x.start("worksheet")
        x.attribute("xmlns", raw: "http://schemas.openxmlformats.org/spreadsheetml/2006/main")
        x.start("sheetData")
        for (i, row) in rows.enumerated() {
            let r = i + 2
            x.start("row")
            x.attribute("r", r)
            x.attribute("spans", raw: "1:10")
            number(x, 0, r, row.stt)
            text(x, 1, r, row.hoTen)
            text(x, 2, r, row.donVi)
            text(x, 3, r, row.chucVu)
            text(x, 4, r, row.danhHieu)
            x.start("c"); x.attribute("r", column: 5, row: r); x.attribute("s", raw: "2")
            x.start("v"); x.text(row.diem); x.end(); x.end()
            number(x, 6, r, row.nam)
            text(x, 7, r, row.xepLoai)
            text(x, 8, r, row.soQD)
            if !row.ghiChu.isEmpty { text(x, 9, r, row.ghiChu) }
            x.end()
            x.flushIfNeeded()
        }
        x.end()
        x.end()
    }

    @inline(__always)
    static func number(_ x: XMLWriter, _ c: Int, _ r: Int, _ v: Int) {
        x.start("c"); x.attribute("r", column: c, row: r); x.attribute("s", raw: "1")
        x.start("v"); x.text(v); x.end(); x.end()
    }

    @inline(__always)
    static func text(_ x: XMLWriter, _ c: Int, _ r: Int, _ v: String) {
        x.start("c"); x.attribute("r", column: c, row: r); x.attribute("s", raw: "1"); x.attribute("t", raw: "inlineStr")
        x.start("is"); x.start("t"); x.text(v); x.end(); x.end(); x.end()
    }
}
