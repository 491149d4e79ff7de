import Foundation
import PropertyBased
import Testing
@testable import Vietnamese

/// Every Vietnamese letter (12 vowels × 6 tones, and đ), lower and upper case, NFC.
let allVietnameseLetters: [String] = {
    var letters: [String] = []
    for (lower, upper) in Letters.vowelForms {
        letters += lower.map(String.init)
        letters += upper.map(String.init)
    }
    return letters + ["đ", "Đ"]
}()

/// The upper-case letters TCVN3 (.VnTime) has besides ASCII.
let tcvn3Capitals: Set<String> = ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]

func tcvn3CanHold(_ letter: String) -> Bool {
    letter.unicodeScalars.allSatisfy { $0.isASCII } || letter == letter.lowercased() || tcvn3Capitals.contains(letter)
}

@Suite struct LegacyTableTests {
    private func jsonMap(_ name: String) throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: try fixture(name))
        return ((object as? [String: Any])?["map"] as? [String: String]) ?? [:]
    }

    @Test func tcvn3TableMatchesFixture() throws {
        let map = try jsonMap("tcvn3-abc.json")
        #expect(map.count == 74)
        #expect(LegacyTables.tcvn3.count == map.count)
        for (byte, scalar) in LegacyTables.tcvn3 {
            #expect(map[String(format: "%02X", byte)] == String(Character(scalar)), "byte \(byte)")
        }
    }

    @Test func vniTableMatchesFixture() throws {
        let map = try jsonMap("vni-windows.json")
        #expect(LegacyTables.vni.count == map.count)
        for (scalar, bytes) in LegacyTables.vni {
            #expect(map[String(Character(scalar))] == bytes.map { String(format: "%02X", $0) }.joined(separator: " "))
        }
    }

    @Test func windows1258HasTheCombiningToneBytes() {
        #expect(LegacyTables.windows1258[0xCC - 0x80] == 0x300)
        #expect(LegacyTables.windows1258[0xEC - 0x80] == 0x301)
        #expect(LegacyTables.windows1258[0xD2 - 0x80] == 0x309)
        #expect(LegacyTables.windows1258[0xDE - 0x80] == 0x303)
        #expect(LegacyTables.windows1258[0xF2 - 0x80] == 0x323)
        #expect(LegacyTables.windows1258[0xFE - 0x80] == 0x20AB)  // ₫
        #expect(LegacyTables.windows1258.filter { $0 == 0 }.count == 9)
    }
}

@Suite struct LegacyCodecTests {
    @Test func everyLetterWithEveryToneRoundTrips() throws {
        #expect(allVietnameseLetters.count == 146)
        for letter in allVietnameseLetters {
            #expect(isNFC(letter))
            for encoding in LegacyEncoding.allCases {
                if encoding == .tcvn3 && !tcvn3CanHold(letter) {
                    let error = failure { () throws(VietnameseTextError) in try encoding.encode(letter) }
                    #expect(error?.code == .unencodableCharacter, "TCVN3 encoded \(letter)")
                    #expect(error?.value == letter)
                    #expect(error?.position == 0)
                    continue
                }
                let bytes = try encoding.encode(letter)
                let back = try encoding.decode(bytes)
                #expect(Array(back.unicodeScalars) == Array(letter.unicodeScalars), "\(encoding) \(letter) \(bytes)")
                // Inside a word and next to every other letter too.
                let word = "x" + letter + "nh " + letter
                #expect(try encoding.decode(try encoding.encode(word)) == word)
            }
        }
        // TCVN3 holds exactly the 67 lower-case letters and the 7 capitals besides ASCII.
        let tcvn3 = allVietnameseLetters.filter { LegacyEncoding.tcvn3.canEncode($0) }
        #expect(tcvn3.count == 67 + 7 + 12)  // + the 12 plain ASCII vowels a e i o u y in both cases
    }

    @Test func knownByteSequences() throws {
        #expect(try LegacyEncoding.tcvn3.encode("Nguyễn Thị Hồng Nhung") == Array("Nguy".utf8) + [0xD4] + Array("n Th".utf8) + [0xDE]
            + Array(" H".utf8) + [0xE5] + Array("ng Nhung".utf8))
        #expect(try LegacyEncoding.vni.encode("ờ") == [0xF4, 0xF8])
        #expect(try LegacyEncoding.vni.encode("ư") == [0xF6])
        #expect(try LegacyEncoding.vni.encode("đ") == [0xF1])
        #expect(try LegacyEncoding.vni.encode("Nguyễn") == Array("Nguye".utf8) + [0xE3] + Array("n".utf8))
        #expect(try LegacyEncoding.windows1258.encode("Nguyễn") == Array("Nguy".utf8) + [0xEA, 0xDE] + Array("n".utf8))
        #expect(try LegacyEncoding.windows1258.encode("à") == [0xE0])
        #expect(try LegacyEncoding.windows1258.encode("ạ") == [0x61, 0xF2])
        #expect(try LegacyEncoding.windows1258.encode("₫") == [0xFE])
        #expect(try LegacyEncoding.windows1258.decode(Array("Nguy".utf8) + [0xEA, 0xDE] + Array("n".utf8)) == "Nguyễn")
        #expect(isNFC(try LegacyEncoding.windows1258.decode([0x61, 0xF2, 0xEA, 0xEC])))
    }

    @Test func vniToleratesModifiersOfTheOtherCase() throws {
        #expect(try LegacyEncoding.vni.decode([0x41, 0xF9]) == "Á")
        #expect(try LegacyEncoding.vni.decode([0x61, 0xD9]) == "á")
        #expect(try LegacyEncoding.vni.decode([0xD4, 0xF9]) == "Ớ")
        #expect(try LegacyEncoding.vni.decode([0x4E, 0x47, 0x55, 0x59, 0x45, 0xC3, 0x4E]) == "NGUYỄN")
    }

    @Test func windows1258UndefinedBytesThrowWithOffset() {
        let error = failure { () throws(VietnameseTextError) in try LegacyEncoding.windows1258.decode([0x41, 0x42, 0x81]) }
        #expect(error?.code == .invalidByteSequence)
        #expect(error?.position == 2)
        #expect(error?.value == "0x81")
        #expect(error?.message.contains("Windows-1258") == true)
    }

    @Test func unencodableCharactersAreListed() {
        let error = failure { () throws(VietnameseTextError) in try LegacyEncoding.tcvn3.encode("Ánh Ầu Ánh 中") }
        #expect(error?.code == .unencodableCharacter)
        #expect(error?.value == "Á, Ầ, 中")
        #expect(error?.position == 0)
        #expect(error?.message.contains("U+00C1") == true)
        #expect(failure { () throws(VietnameseTextError) in try LegacyEncoding.vni.encode("a😀") }?.position == 1)
        #expect(failure { () throws(VietnameseTextError) in try LegacyEncoding.windows1258.encode("ш") }?.code == .unencodableCharacter)
    }

    @Test func emptyAndASCII() throws {
        for encoding in LegacyEncoding.allCases {
            #expect(try encoding.decode([UInt8]()) == "")
            #expect(try encoding.encode("") == [])
            let ascii = "STT,Ho va ten;1/KH-UBND\r\n\t~"
            #expect(try encoding.encode(ascii) == Array(ascii.utf8))
            #expect(try encoding.decode(Array(ascii.utf8)) == ascii)
            #expect(try encoding.decode(Array(ascii.utf8)[...]) == ascii)  // slices too
        }
    }

    static let pools: [LegacyEncoding: [String]] = {
        let extras = ["a", "b", "c", "d", "g", "h", "k", "n", "ng", "nh", "t", "T", "N", "H", " ", " ", ",", ".", "-", "/", "1", "0",
                      "\r\n", "\"", "'"]
        let common = allVietnameseLetters + extras
        return [
            .windows1258: common + ["₫", "€", "“", "”", "–", "…", "ß", "Ä"],
            .vni: common + ["“", "”", "–", "©"],
            .tcvn3: common.filter(tcvn3CanHold) + ["–", "“"],
        ]
    }()

    @Test(arguments: LegacyEncoding.allCases)
    func randomVietnameseTextRoundTrips(encoding: LegacyEncoding) async {
        let pool = Self.pools[encoding] ?? []
        await propertyCheck(count: 1500, input: Gen.int(in: 0...(pool.count - 1)).array(of: 0...30)) { picks throws in
            let text = picks.map { pool[$0] }.joined()
            let bytes = try encoding.encode(text)
            let back = try encoding.decode(bytes)
            #expect(Array(back.unicodeScalars) == Array(text.unicodeScalars))
            // Decomposed input encodes to the same bytes.
            #expect(try encoding.encode(text.decomposedStringWithCanonicalMapping) == bytes)
        }
    }

    @Test(arguments: LegacyEncoding.allCases)
    func randomBytesNeverCrash(encoding: LegacyEncoding) async {
        await propertyCheck(count: 1500, input: Gen.int(in: 0...255).array(of: 0...40)) { values in
            let bytes = values.map { UInt8($0) }
            switch Result(catching: { () throws(VietnameseTextError) in try encoding.decode(bytes) }) {
            case .success(let text):
                #expect(isNFC(text))
                // What decodes re-encodes to bytes that decode to the same text.
                if let again = try? encoding.encode(text) { #expect((try? encoding.decode(again)) == text) }
            case .failure(let error):
                #expect(encoding == .windows1258)
                #expect(error.code == .invalidByteSequence)
            }
            _ = EncodingDetector.detect(bytes)
            _ = EncodingDetector.decode(bytes)
        }
    }

    @Test func windows1258ComposesExactlyLikeNFC() async {
        // Bytes biased towards letters and tone marks, including marks in odd places.
        let interesting: [UInt8] = [0x61, 0x41, 0x65, 0x6F, 0x75, 0x79, 0x69, 0x78, 0x20, 0xE2, 0xC2, 0xEA, 0xF4, 0xF5, 0xFD, 0xE3,
                                    0xC3, 0xD5, 0xDD, 0xCC, 0xEC, 0xD2, 0xDE, 0xF2, 0xE0, 0xE1, 0xD0, 0xF0, 0x0A]
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(interesting.count - 1)).array(of: 0...30)) { picks throws in
            let bytes = picks.map { interesting[$0] }
            var raw = ""
            raw.unicodeScalars.append(contentsOf: bytes.compactMap { b in
                Unicode.Scalar(b < 0x80 ? UInt32(b) : LegacyTables.windows1258[Int(b) - 0x80])
            })
            let decoded = try LegacyEncoding.windows1258.decode(bytes)
            #expect(Array(decoded.unicodeScalars) == Array(raw.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
    }

    @Test func sharedCSVFilesDecode() throws {
        let expected = String(decoding: try fixture("csv/dskt-utf8-nobom-lf.csv"), as: UTF8.self)
        for (file, encoding) in [("csv/dskt-tcvn3.csv", LegacyEncoding.tcvn3), ("csv/dskt-vni.csv", .vni), ("csv/dskt-cp1258.csv", .windows1258)] {
            let bytes = [UInt8](try fixture(file))
            let text = try encoding.decode(bytes)
            #expect(text.replacingOccurrences(of: "\r\n", with: "\n") == expected, "\(file)")
            #expect(isNFC(text))
            let (auto, detection) = EncodingDetector.decode(bytes)
            #expect(detection.encoding == .legacy(encoding), "\(file): \(detection)")
            #expect(auto == text)
            // Line by line too (headers and single rows are short).
            for line in bytes.split(separator: 0x0A) where line.contains(where: { $0 >= 0x80 }) {
                #expect(EncodingDetector.detect(line).encoding == .legacy(encoding), "\(file): \(String(describing: try? encoding.decode(line)))")
            }
        }
        let utf8 = [UInt8](try fixture("csv/dskt-utf8-nobom-lf.csv"))
        #expect(EncodingDetector.detect(utf8).encoding == .utf8)
        #expect(EncodingDetector.decode([0xEF, 0xBB, 0xBF] + utf8).text == expected)
    }

    /// A large input decodes to exactly the repeated line (speed is measured by the
    /// benchmarks, not asserted here).
    @Test func largeInputsDecodeExactly() throws {
        let text = "Nguyễn Thị Hồng Nhung,Phòng Giáo dục và Đào tạo huyện Định Hóa,Chiến sĩ thi đua cơ sở\r\n"
        for encoding in [LegacyEncoding.vni, .windows1258] {
            let line = try encoding.encode(text)
            let bytes = [UInt8]((0..<20_000).lazy.flatMap { _ in line })
            #expect(try encoding.decode(bytes) == String(repeating: text, count: 20_000))
        }
    }
}

@Suite struct EncodingDetectionTests {
    static let lines = [
        "Nguyễn Thị Hồng Nhung", "Phòng Giáo dục và Đào tạo huyện Định Hóa", "Trần Văn Đức", "Lê Thị Thu Hường",
        "Chiến sĩ thi đua cơ sở", "Bằng khen của Chủ tịch UBND tỉnh", "Đặng Thị Mỹ Duyên", "Võ Văn Thưởng", "Phạm Quốc Việt",
        "Lao động tiên tiến", "Trường Tiểu học Kim Đồng", "Phó Trưởng phòng", "Kế hoạch số 57/KH-UBND ngày 11 tháng 4 năm 2019",
        "Điều dưỡng", "Bùi Thị Ngọc Lương", "Sở Nội vụ tỉnh Lạng Sơn", "Hội đồng Thi đua - Khen thưởng", "Nguyễn Văn Hùng, Giám đốc",
        "Huỳnh Thị Xuân Quỳnh", "Nghị quyết", "Võ Thị Ánh Tuyết", "Ủy ban nhân dân xã Phú Đình",
    ]

    @Test(arguments: LegacyEncoding.allCases)
    func legacyLinesAreRecognised(encoding: LegacyEncoding) throws {
        for line in Self.lines {
            guard let bytes = try? encoding.encode(line) else {
                #expect(encoding == .tcvn3, "\(encoding) cannot hold \(line)")
                continue
            }
            let detection = EncodingDetector.detect(bytes)
            #expect(detection.encoding == .legacy(encoding), "\(line) in \(encoding): \(detection.scores)")
            #expect(EncodingDetector.decode(bytes).text == line)
        }
    }

    @Test func unicodeLinesStayUnicode() {
        for line in Self.lines {
            #expect(EncodingDetector.detect(Array(line.utf8)).encoding == .utf8, "\(line)")
            #expect(EncodingDetector.detect(text: line).encoding == .utf8)
            #expect(EncodingDetector.repair(line) == line)
            let nfd = line.decomposedStringWithCanonicalMapping
            #expect(EncodingDetector.detect(text: nfd).encoding == .utf8)
            #expect(EncodingDetector.repair(nfd) == nfd)
        }
    }

    @Test(arguments: LegacyEncoding.allCases)
    func legacyTextReadAsLatin1IsCaughtAndRepaired(encoding: LegacyEncoding) throws {
        for line in Self.lines {
            guard let bytes = try? encoding.encode(line) else { continue }
            // What a program that read the bytes as Windows-1252 / Latin-1 and saved UTF-8 leaves behind.
            let mojibake = String(decoding: bytes.map { b -> UInt32 in
                b < 0x80 ? UInt32(b) : (LegacyTables.windows1252[Int(b) - 0x80] == 0 ? UInt32(b) : LegacyTables.windows1252[Int(b) - 0x80])
            }.compactMap(Unicode.Scalar.init).map { Character($0) }.map(String.init).joined().utf8, as: UTF8.self)
            let latin1 = String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
            for text in [mojibake, latin1] {
                #expect(EncodingDetector.detect(text: text).encoding == .legacyInLatin1(encoding), "\(line) → \(text)")
                #expect(EncodingDetector.repair(text) == line)
                let utf8Bytes = Array(text.utf8)
                #expect(EncodingDetector.detect(utf8Bytes).encoding == .legacyInLatin1(encoding))
                #expect(EncodingDetector.decode(utf8Bytes).text == line)
            }
        }
        // The example from the fixture README: TCVN3 in a UTF-8 file.
        #expect(EncodingDetector.repair("Ph¹m V¨n Long") == "Phạm Văn Long")
    }

    @Test func tcvn3InsideAUTF8FileWithBOM() throws {
        // The held-out fixture shape: a UTF-8 file (with BOM) whose characters are TCVN3 bytes read as Latin-1.
        let tcvn3 = [UInt8](try fixture("csv/dskt-tcvn3.csv"))
        let latin1Text = String(String.UnicodeScalarView(tcvn3.map { Unicode.Scalar($0) }))
        let file = [0xEF, 0xBB, 0xBF] + Array(latin1Text.utf8)
        let (text, detection) = EncodingDetector.decode(file)
        #expect(detection.encoding == .legacyInLatin1(.tcvn3), "\(detection.scores)")
        let expected = String(decoding: try fixture("csv/dskt-utf8-nobom-lf.csv"), as: UTF8.self)
        #expect(text.replacingOccurrences(of: "\r\n", with: "\n") == expected)
    }

    @Test func asciiIsNeverConverted() async {
        #expect(EncodingDetector.detect(Array("Nguyen Van An".utf8)).encoding == .ascii)
        #expect(EncodingDetector.detect(text: "Nguyen Van An").encoding == .ascii)
        #expect(EncodingDetector.detect([UInt8]()).encoding == .ascii)
        await propertyCheck(count: 1000, input: Gen.int(in: 0...127).array(of: 0...60)) { values in
            let bytes = values.map { UInt8($0) }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(EncodingDetector.detect(bytes).encoding == .ascii)
            #expect(EncodingDetector.decode(bytes).text == text)
            #expect(EncodingDetector.repair(text) == text)
        }
    }

    @Test func genuineUnicodeIsNeverRepaired() async {
        let pool = allVietnameseLetters + ["n", "g", "h", "t", "c", "m", " ", " ", ",", "1", "Ph", "Tr", "Ng"]
        await propertyCheck(count: 2000, input: Gen.int(in: 0...(pool.count - 1)).array(of: 0...20)) { picks in
            let text = picks.map { pool[$0] }.joined()
            let repaired = EncodingDetector.repair(text)
            // Either untouched, or the text was pure Latin-1 and reads at least as well as Vietnamese after repair
            // (random letter soup can look like mis-decoded legacy text).
            if repaired != text {
                #expect(text.unicodeScalars.allSatisfy { $0.value <= 0xFF })
            }
        }
    }

    @Test func shortLatin1NamesStayUnicode() {
        for name in ["Hà Tú", "Tú", "Hà", "Lý", "Hà Thái Tú", "Võ Tá Hòa"] {
            #expect(EncodingDetector.repair(name) == name, "\(name)")
        }
    }

    @Test func scores() {
        #expect(EncodingDetector.vietnameseScore("Nguyễn Thị Hồng Nhung") > 0)
        #expect(EncodingDetector.vietnameseScore("Nguyen Van An") == 0)
        #expect(EncodingDetector.vietnameseScore("NguyÔn Th\u{303} Hång") < 0)
        #expect(EncodingDetector.vietnameseScore("Ph¹m V¨n") < 0)
        #expect(EncodingDetector.vietnameseScore("học sinh giỏi, quyết tâm, giường, khuya, rượu, ngoẹo, thuở") == 24)
        #expect(EncodingDetector.vietnameseScore("hòọ") < 0)     // two tones
        #expect(EncodingDetector.vietnameseScore("hàt") < 0)     // huyền before a stop final
        #expect(EncodingDetector.vietnameseScore("c\u{301}") < 0) // tone mark on a consonant
    }

    @Test func truncatedSamplesDoNotBreakUTF8() {
        let text = String(repeating: "Nguyễn Thị Hồng Nhung, ", count: 200)
        for limit in 16...40 {
            #expect(EncodingDetector.detect(Array(text.utf8), sampleLimit: limit).encoding == .utf8, "limit \(limit)")
        }
    }

    @Test func invalidUTF8IsNotUTF8() {
        #expect(!EncodingDetector.isValidUTF8([0xC0, 0x80]))            // overlong
        #expect(!EncodingDetector.isValidUTF8([0xED, 0xA0, 0x80]))      // surrogate
        #expect(!EncodingDetector.isValidUTF8([0xF4, 0x90, 0x80, 0x80])) // > U+10FFFF
        #expect(!EncodingDetector.isValidUTF8([0xE1, 0xBB]))            // cut
        #expect(EncodingDetector.isValidUTF8(Array("Nguyễn 😀".utf8)))
    }
}
