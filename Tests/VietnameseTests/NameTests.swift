import Foundation
import PropertyBased
import Testing
import TestSupport
@testable import Vietnamese

@Suite struct NormalisationTests {
    @Test func nfcComposesDecomposedText() {
        let nfd = "Nguye\u{302}\u{303}n Thi\u{323} Ho\u{302}\u{300}ng Nhung"
        #expect(Array(Vietnamese.nfc(nfd).unicodeScalars) == Array("Nguyễn Thị Hồng Nhung".unicodeScalars))
        // Windows-1258 order: letter + combining tone mark.
        #expect(Array(Vietnamese.nfc("Vie\u{302}\u{323}t").unicodeScalars) == Array("Việt".unicodeScalars))
        #expect(Vietnamese.nfc("") == "")
        #expect(Vietnamese.nfc("ASCII only") == "ASCII only")
    }

    @Test func fastPathAgreesWithFoundation() async {
        let pool: [Unicode.Scalar] = ["a", "e", "o", "u", "A", "Đ", "đ", "ư", "ơ", "ă", "â", "ê", "ô", "à", "ế", "ự", "Ỹ", "\u{300}",
                                      "\u{301}", "\u{303}", "\u{309}", "\u{323}", "\u{302}", "\u{306}", "\u{31B}", " ", "“", "”", "–",
                                      "…", "₫", "€", "™", "\u{2000}", "\u{212B}", "Å", "\u{1100}", "\u{1161}", "\u{FB01}", "x", "\u{0340}",
                                      "\u{0344}", "\u{1F600}"]
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(pool.count - 1)).array(of: 0...12)) { picks in
            var s = ""
            s.unicodeScalars.append(contentsOf: picks.map { pool[$0] })
            #expect(Array(Vietnamese.nfc(s).unicodeScalars) == Array(s.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
    }

    @Test func longTextsAreNormalisedExactly() {
        let line = "Nguye\u{302}\u{303}n Thi\u{323} Ho\u{302}\u{300}ng Nhung,Vie\u{302}\u{323}t\r\n"
        let text = String(repeating: line, count: 40_000)  // ≈ 1.4 MB, decomposed
        let nfc = Vietnamese.nfc(text)
        #expect(nfc == String(repeating: line.precomposedStringWithCanonicalMapping, count: 40_000))
        #expect(isNFC(String(nfc.prefix(5000))))
        // Marks right after a chunk boundary still compose with their base.
        let tricky = String(repeating: "x", count: 4095) + "e\u{302}\u{301}" + String(repeating: "y", count: 5000) + "\u{301}"
        #expect(Array(Vietnamese.nfc(tricky).unicodeScalars) == Array(tricky.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test func chunkedNormalisationAgreesWithFoundation() async {
        let pool: [String] = ["a", "e\u{302}", "\u{301}", "\u{323}", "o\u{31B}", " ", "\n", "Đ", "x", "\u{300}", "ư"]
        await propertyCheck(count: 200, input: Gen.int(in: 0...(pool.count - 1)).array(of: 1000...3000)) { picks in
            let text = picks.map { pool[$0] }.joined()
            #expect(Array(Vietnamese.nfc(text).unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
    }

    @Test(arguments: [
        ("  Nguyễn   Văn\tAn  ", "Nguyễn Văn An"), ("Nguyễn\u{00A0}Văn\u{2003}An", "Nguyễn Văn An"), ("Lê\nThị\r\nHoa", "Lê Thị Hoa"),
        ("Trần\u{200B}Bình", "TrầnBình"), ("\u{FEFF}An", "An"), ("", ""), ("   ", ""), ("An", "An"), ("A B", "A B"),
    ])
    func collapsing(input: String, output: String) {
        #expect(Vietnamese.collapsingWhitespace(input) == output)
    }

    @Test func normalizedIsNFCAndCollapsed() {
        let s = Vietnamese.normalized("  Nguye\u{302}\u{303}n   Văn  ")
        #expect(Array(s.unicodeScalars) == Array("Nguyễn Văn".unicodeScalars))
    }
}

@Suite struct NameSplitTests {
    @Test(arguments: [
        ("Nguyễn Thị Hồng Nhung", "Nguyễn", "Thị Hồng", "Nhung"), ("Trần Văn Đức", "Trần", "Văn", "Đức"), ("Lê An", "Lê", "", "An"),
        ("An", "", "", "An"), ("", "", "", ""), ("  Phạm   Quốc\tViệt ", "Phạm", "Quốc", "Việt"),
        ("Tôn Nữ Thị Ninh", "Tôn", "Nữ Thị", "Ninh"), ("Nguye\u{302}\u{303}n Văn A", "Nguyễn", "Văn", "A"),
    ])
    func split(full: String, family: String, middle: String, given: String) {
        let name = VietnameseName(full)
        #expect(name.familyName == family)
        #expect(name.middleName == middle)
        #expect(name.givenName == given)
        #expect(isNFC(name.familyName) && isNFC(name.middleName) && isNFC(name.givenName))
        #expect(name.fullName == Vietnamese.normalized(full))
    }

    @Test func fromParts() {
        let name = VietnameseName(familyName: " Nguyễn ", middleName: "Thị  Hồng", givenName: "Nhung")
        #expect(name.fullName == "Nguyễn Thị Hồng Nhung")
        #expect(VietnameseName(familyName: "", middleName: "", givenName: "An").fullName == "An")
        #expect(VietnameseName("Nguyễn Văn An") == VietnameseName(familyName: "Nguyễn", middleName: "Văn", givenName: "An"))
    }
}

@Suite struct CollationTests {
    @Test func handMadeListOfGivenNames() {
        let expected = [
            "An", "Anh", "Ánh", "Ân", "Bình", "Chi", "Dũng", "Duy", "Đào", "Đức",
            "Ha", "hà", "Hà", "HÀ", "Hả", "Hã", "Há", "Hạ", "Hải", "Hân", "Hoa", "Hoà", "Hòa", "Hùng", "Hưng",
            "Khánh", "Oanh", "Ông", "Ơn", "Phúc", "Quân", "Tâm", "Thảo", "Trâm", "Uyên", "Ưng", "Vân", "Xuân", "Yến",
            "Fanny", "John", "Wendy", "Zoe",
        ]
        for seed in 0..<20 {
            var g = SeededGenerator(seed: UInt64(seed))
            let shuffled = expected.shuffled(using: &g)
            #expect(VietnameseCollation.sorted(shuffled) == expected)
        }
    }

    @Test func fullNamesSortByGivenThenMiddleThenFamily() {
        let expected = [
            "Trần An", "Lê Thị An", "Nguyễn Văn An", "Phan Văn Anh", "Dương Văn Nam", "Đỗ Văn Nam",
            "Nguyễn Thị Nhung", "Nguyễn Thị Hồng Nhung", "Võ Thị Thu Nhung", "Phạm Quốc Việt",
        ]
        var g = SeededGenerator(seed: 7)
        #expect(VietnameseCollation.sorted(expected.shuffled(using: &g)) == expected)
    }

    @Test func compareBasics() {
        #expect(VietnameseCollation.compare("Dũng", "Đức") == .orderedAscending)
        #expect(VietnameseCollation.compare("Đức", "Dũng") == .orderedDescending)
        #expect(VietnameseCollation.compare("Hà", "Hà") == .orderedSame)
        #expect(VietnameseCollation.compare("Hà", "Ha\u{300}") == .orderedSame)  // canonically equivalent
        #expect(VietnameseCollation.compare("Hòa", "Hoà") != .orderedSame)      // different spellings stay distinct
        #expect(VietnameseCollation.compare("An", "An ") == .orderedAscending)    // total: differs only in the original text
        #expect(VietnameseCollation.compare("y", "f") == .orderedAscending)       // f j w z after y: not ICU's order
        #expect(VietnameseCollation.compare("d", "đ") == .orderedAscending)
        #expect(VietnameseCollation.compare("Nguyễn An", "Lê Bình") == .orderedAscending)
        #expect(VietnameseCollation.compare("An 2", "An 10") == .orderedDescending)  // digits compare as text
    }

    @Test func decomposedInputGivesTheSameWeights() {
        for (nfc, nfd) in [("Nguyễn Thị Hồng Nhung", "Nguye\u{302}\u{303}n Thi\u{323} Ho\u{302}\u{300}ng Nhung"),
                           ("Ưng Ắt Ợ", "U\u{31B}ng A\u{306}\u{301}t O\u{31B}\u{323}")] {
            #expect(VietnameseCollation.sortKey(nfc).weights == VietnameseCollation.sortKey(nfd).weights)
        }
    }

    @Test func textOrderIsWordByWordInWrittenOrder() {
        let units = ["UBND xã Phú Đình", "Phòng Tài chính - Kế hoạch", "Phòng Nội vụ", "Ủy ban MTTQ", "Phòng Giáo dục",
                     "Đài Phát thanh", "Dân vận", "Ban Thi đua", "Bảo hiểm xã hội", "Bạc Liêu"]
        let sorted = VietnameseCollation.sorted(units, order: .text)
        #expect(sorted == ["Bạc Liêu", "Ban Thi đua", "Bảo hiểm xã hội", "Dân vận", "Đài Phát thanh", "Phòng Giáo dục",
                           "Phòng Nội vụ", "Phòng Tài chính - Kế hoạch", "UBND xã Phú Đình", "Ủy ban MTTQ"])
        // By name order, the last word leads instead.
        #expect(VietnameseCollation.compare("Nguyễn An", "Trần Bình", order: .text) == .orderedAscending)
        #expect(VietnameseCollation.compare("Trần An", "Nguyễn Bình", order: .text) == .orderedDescending)
    }

    @Test func codePointOrder() {
        let names = ["Đức", "An", "Ánh", "Bình", "an", "Zoe", "Ân", "Nguye\u{302}\u{303}n"]
        let sorted = VietnameseCollation.sorted(names, order: .codePoint)
        let expected = names.sorted { a, b in
            Array(Vietnamese.nfc(a).unicodeScalars.map(\.value)).lexicographicallyPrecedes(Vietnamese.nfc(b).unicodeScalars.map(\.value))
        }
        #expect(sorted == expected)
        #expect(sorted.first == "An")
        #expect(VietnameseCollation.compare("Zoe", "Ánh", order: .codePoint) == .orderedAscending)
    }

    @Test func collationSourceUsesNoFoundationOrICUCollation() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Vietnamese/VietnameseCollation.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        for forbidden in ["localizedCompare", "localizedStandardCompare", "localizedCaseInsensitiveCompare", "compare(_:options",
                          "options:", "Locale", "Collator", "ICU", "NSString", "caseInsensitiveCompare", "folding(",
                          "precomposedString", "decomposedString", "Vietnamese.nfc"] {
            let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("///") && !$0.contains("// ") }
            #expect(!code.joined(separator: "\n").contains(forbidden), "VietnameseCollation.swift uses \(forbidden)")
        }
    }

    static let syllables = ["An", "an", "AN", "Ánh", "Anh", "Ân", "Hà", "Ha\u{300}", "hà", "Hạ", "Hoà", "Hòa", "Đức", "Dũng", "Nguyễn",
                            "Nguye\u{302}\u{303}n", "Thị", "Văn", "Lê", "Trần", "Bình", "y", "f", "Z", "1", "A-B", "O'Neil", "Ỹ", "ÿ", "Ö",
                            "ç", "中", "\u{1F600}", "x\u{308}", "\u{301}", ""]
    static let separators = [" ", "  ", "\t", "\u{00A0}"]
    static let names = zip(Gen.int(in: 0...(syllables.count - 1)).array(of: 0...4), Gen.int(in: 0...(separators.count - 1)))
        .map { (picks: [Int], sep: Int) in picks.map { syllables[$0] }.joined(separator: separators[sep]) }

    @Test func antisymmetryAndEquality() async {
        await propertyCheck(count: 3000, input: Self.names, Self.names) { a, b in
            let ab = VietnameseCollation.compare(a, b), ba = VietnameseCollation.compare(b, a)
            #expect(ab.rawValue == -ba.rawValue)
            #expect((ab == .orderedSame) == (a == b))
            #expect(VietnameseCollation.compare(a, a) == .orderedSame)
            let ka = VietnameseCollation.sortKey(a), kb = VietnameseCollation.sortKey(b)
            #expect((ka == kb) == (a == b))
            if ka == kb { #expect(ka.hashValue == kb.hashValue) }
        }
    }

    @Test func transitivity() async {
        await propertyCheck(count: 3000, input: Self.names, Self.names, Self.names) { a, b, c in
            let sorted = [a, b, c].sorted { VietnameseCollation.sortKey($0) < VietnameseCollation.sortKey($1) }
            let (x, y, z) = (sorted[0], sorted[1], sorted[2])
            #expect(VietnameseCollation.compare(x, y) != .orderedDescending)
            #expect(VietnameseCollation.compare(y, z) != .orderedDescending)
            #expect(VietnameseCollation.compare(x, z) != .orderedDescending)
            for (p, q, r) in [(a, b, c), (a, c, b), (b, a, c), (b, c, a), (c, a, b), (c, b, a)] {
                if VietnameseCollation.compare(p, q) != .orderedDescending && VietnameseCollation.compare(q, r) != .orderedDescending {
                    #expect(VietnameseCollation.compare(p, r) != .orderedDescending)
                }
            }
        }
    }

    @Test func sortIsStableForEqualNames() async {
        let pool = ["Nguyễn Văn An", "Trần An", "Hà", "Ha\u{300}", "hà", "Lê Thị Hồng", "An"]
        await propertyCheck(count: 500, input: Gen.int(in: 0...(pool.count - 1)).array(of: 0...40)) { picks in
            let records = picks.enumerated().map { (index: $0.offset, name: pool[$0.element]) }
            let sorted = VietnameseCollation.sorted(records) { $0.name }
            #expect(sorted.count == records.count)
            for (l, r) in zip(sorted, sorted.dropFirst()) {
                let order = VietnameseCollation.compare(l.name, r.name)
                #expect(order != .orderedDescending)
                if order == .orderedSame { #expect(l.index < r.index) }
            }
        }
    }

    @Test func sortedMatchesComparator() async {
        await propertyCheck(count: 300, input: Self.names.array(of: 0...30)) { names in
            let sorted = VietnameseCollation.sorted(names)
            #expect(sorted.count == names.count)
            #expect(zip(sorted, sorted.dropFirst()).allSatisfy { VietnameseCollation.compare($0, $1) != .orderedDescending })
            #expect(Set(sorted) == Set(names))
        }
    }

    @Test func largeListSortsQuickly() {
        var g = SeededGenerator(seed: 42)
        let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
        let middle = ["Văn", "Thị", "Hữu", "Đức", "Thị Hồng", "Minh", "Quốc", "Ngọc", "Thanh"]
        let given = ["An", "Anh", "Ánh", "Bình", "Chi", "Dũng", "Đức", "Hà", "Hạ", "Hải", "Hùng", "Hưng", "Lan", "Nhung", "Việt", "Yến"]
        let names = (0..<100_000).map { _ in
            "\(family.randomElement(using: &g) ?? "")  \(middle.randomElement(using: &g) ?? "") \(given.randomElement(using: &g) ?? "")"
        }
        let sorted = VietnameseCollation.sorted(names)
        #expect(sorted.count == names.count)
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            #expect(VietnameseCollation.compare(a, b) != .orderedDescending)
        }
    }
}

@Suite struct WhiteSpaceTableTests {
    @Test func matchesUnicodeWhiteSpaceProperty() {
        for v in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            #expect(Vietnamese.isSpace(scalar) == scalar.properties.isWhitespace, "U+\(String(v, radix: 16))")
        }
    }
}
