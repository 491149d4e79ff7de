/// The bridge between the writers and the formula engine: the Excel text written to XLSX,
/// the OpenFormula text written to ODS, sheet-name quoting, absolute references.
enum FormulaSupport {
    /// The expression as XLSX stores it (no leading "=").
    static func excel(_ expression: String) -> String {
        expression.hasPrefix("=") ? String(expression.dropFirst()) : expression
    }

    /// The OpenFormula text of ODS (`of:=SUM([.B2:.B9])`).
    static func openFormula(_ expression: String) -> String {
        "of:=" + excel(expression)
    }

    /// `Sheet1`, or `'Tổng hợp'` when the name needs quotes (anything but ASCII letters,
    /// digits and underscore, or a leading digit); inner quotes doubled.
    static func quotedSheet(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy {
            ($0.value < 0x80 && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_"
        } && !(("0"..."9").contains(name.unicodeScalars.first!))
        if plain { return name }
        var s = "'"
        for ch in name { s += ch == "'" ? "''" : String(ch) }
        return s + "'"
    }

    /// "$A$1:$C$9".
    static func absolute(_ r: CellRange) -> String {
        func a(_ x: CellAddress) -> String { "$\(CellAddress.columnName(x.column))$\(x.row + 1)" }
        return r.first == r.last ? a(r.first) : "\(a(r.first)):\(a(r.last))"
    }
}

/// Provisional text width from UTF-8 bytes: half an em per letter, combining marks free
/// (replaced by Times New Roman's metrics).
enum TextWidthEstimate {
    static func widestLine(_ p: UnsafeBufferPointer<UInt8>, size: Double, bold: Bool) -> Double {
        var widest = 0, current = 0
        var i = 0
        while i < p.count {
            let b = p[i]
            if b == 0x0A || b == 0x0D {
                widest = max(widest, current)
                current = 0
            } else if b < 0x80 || b >= 0xC0 {
                // A scalar starts here; U+0300–U+036F (CC 80–CD AF) take no room.
                if !(b == 0xCC || (b == 0xCD && i + 1 < p.count && p[i + 1] < 0xB0)) { current += 1 }
            }
            i += 1
        }
        widest = max(widest, current)
        return Double(widest) * size * (bold ? 0.55 : 0.5)
    }
}
