extension XMLWriter {
    /// An A1-style cell reference attribute (`r="AB12"`) from zero-based column and
    /// one-based row, without building a String.
    public func attribute(_ name: StaticString, column: Int, row: Int) {
        beginAttribute(name)
        writeColumnLetters(column)
        writeDecimal(row)
        put(UInt8(ascii: "\""))
    }

    /// Column letters of a zero-based column index (0 → A, 25 → Z, 26 → AA).
    @usableFromInline
    func writeColumnLetters(_ column: Int) {
        var letters: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var n = column + 1
        var k = 0
        withUnsafeMutableBytes(of: &letters) { buf in
            while n > 0 && k < 4 {
                let r = (n - 1) % 26
                buf[3 - k] = UInt8(65 + r)
                n = (n - 1) / 26
                k += 1
            }
            reserve(k)
            for i in (4 - k)..<4 {
                storage[count] = buf[i]
                count &+= 1
            }
        }
    }
}
