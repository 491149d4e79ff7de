import PropertyBased
import Testing
@testable import Ingest

/// Tokenizes `text` fed in blocks of `block` bytes; returns (line, fields) per record.
private func tokenize(_ text: String, delimiter: Character = ",", block: Int = 1 << 16) -> [(Int, [String])] {
    var tokenizer = CSVTokenizer(delimiter: delimiter.asciiValue!)
    var out: [(Int, [String])] = []
    let bytes = Array(text.utf8)
    var start = 0
    repeat {
        let end = min(bytes.count, start + max(1, block))
        bytes[start..<end].withUnsafeBufferPointer { p in
            tokenizer.feed(p) { r in out.append((r.line, (0..<r.count).map { r.string($0) })) }
        }
        start = end
    } while start < bytes.count
    tokenizer.finish { r in out.append((r.line, (0..<r.count).map { r.string($0) })) }
    return out
}

@Suite struct CSVTokenizerTests {
    @Test func plainRecordsWithEveryLineEnding() {
        let r = tokenize("a,b,c\r\n1,2,3\n4,5,6\r7,8,9")
        #expect(r.map(\.1) == [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]])
        #expect(r.map(\.0) == [1, 2, 3, 4])
    }

    @Test func quotedFieldsKeepDelimitersQuotesAndLineBreaks() {
        let r = tokenize("STT,Ghi chú\r\n1,\"Khen \"\"xuất sắc\"\", năm 2024\"\r\n2,\"dòng 1\r\ndòng 2\"\r\n3,\"a\nb\"\r\n4,x\r\n")
        #expect(r.map(\.1) == [["STT", "Ghi chú"], ["1", "Khen \"xuất sắc\", năm 2024"], ["2", "dòng 1\r\ndòng 2"],
                               ["3", "a\nb"], ["4", "x"]])
        #expect(r.map(\.0) == [1, 2, 3, 5, 7])
    }

    @Test func emptyFieldsAndBlankLines() {
        let r = tokenize("a,b\n,\n\n\"\",x\n")
        #expect(r.map(\.1) == [["a", "b"], ["", ""], [""], ["", "x"]])
    }

    @Test func lenientQuotes() {
        #expect(tokenize("ab\"c,d\n").map(\.1) == [["ab\"c", "d"]])
        #expect(tokenize("\"ab\"c,d\n").map(\.1) == [["abc", "d"]])
    }

    @Test func semicolonAndTab() {
        #expect(tokenize("a;b;\"c;d\"\n", delimiter: ";").map(\.1) == [["a", "b", "c;d"]])
        #expect(tokenize("a\tb\t\"c\td\"\n", delimiter: "\t").map(\.1) == [["a", "b", "c\td"]])
    }

    @Test func blockBoundariesDoNotMatter() async {
        let text = "STT,Họ và tên,Ghi chú\r\n1,\"Nguyễn \"\"A\"\"\",\"x\r\ny\"\r\n2,Trần Văn B,\r\n3,\"\",\"z\"\r\n"
        let whole = tokenize(text)
        await propertyCheck(count: 200, input: Gen.int(in: 1...40)) { block in
            let split = tokenize(text, block: block)
            #expect(split.map(\.1) == whole.map(\.1))
            #expect(split.map(\.0) == whole.map(\.0))
        }
    }
}
