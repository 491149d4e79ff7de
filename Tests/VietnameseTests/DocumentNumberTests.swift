import PropertyBased
import Testing
@testable import Vietnamese

@Suite struct DocumentNumberTests {
    @Test(arguments: [
        ("57/KH-UBND", 57, ["KH", "UBND"], "KH", "57/KH-UBND"),
        ("03/KH-STTTT", 3, ["KH", "STTTT"], "KH", "03/KH-STTTT"),
        ("3/KH-STTTT", 3, ["KH", "STTTT"], "KH", "03/KH-STTTT"),
        ("123/QĐ-UBND", 123, ["QĐ", "UBND"], "QĐ", "123/QĐ-UBND"),
        ("1245/QĐ-UBND", 1245, ["QĐ", "UBND"], "QĐ", "1245/QĐ-UBND"),
        ("17/KHPH-BTĐKT-ĐPTTH", 17, ["KHPH", "BTĐKT", "ĐPTTH"], "KH", "17/KHPH-BTĐKT-ĐPTTH"),
        ("Số: 57/KH-UBND", 57, ["KH", "UBND"], "KH", "57/KH-UBND"),
        ("số 05/BNV-VP", 5, ["BNV", "VP"], nil, "05/BNV-VP"),
        ("SỐ:57/KH-UBND", 57, ["KH", "UBND"], "KH", "57/KH-UBND"),
        ("  Số:   40/KH-UBND  ", 40, ["KH", "UBND"], "KH", "40/KH-UBND"),
        ("01/TTr-SNV", 1, ["TTr", "SNV"], "TTr", "01/TTr-SNV"),
        ("02/QyĐ-UBND", 2, ["QyĐ", "UBND"], "QyĐ", "02/QyĐ-UBND"),
        ("15/CTr-UBND", 15, ["CTr", "UBND"], "CTr", "15/CTr-UBND"),
        ("15/CTrPH-SNV-ĐPTTH", 15, ["CTrPH", "SNV", "ĐPTTH"], "CTr", "15/CTrPH-SNV-ĐPTTH"),
        ("9999/BC-UBND", 9999, ["BC", "UBND"], "BC", "9999/BC-UBND"),
        ("0012/BC-UBND", 12, ["BC", "UBND"], "BC", "12/BC-UBND"),
        ("Số: 12/UBND-VX", 12, ["UBND", "VX"], nil, "12/UBND-VX"),
        ("7/BCĐ389-VP", 7, ["BCĐ389", "VP"], nil, "07/BCĐ389-VP"), ("8/CTRUONG-VP", 8, ["CTRUONG", "VP"], nil, "08/CTRUONG-VP"),
        ("Số 57/KH\u{2011}UBND".replacingOccurrences(of: "\u{2011}", with: "-"), 57, ["KH", "UBND"], "KH", "57/KH-UBND"),
    ] as [(String, Int, [String], String?, String)])
    func parses(text: String, number: Int, symbols: [String], type: String?, formatted: String) throws {
        let n = try DocumentNumber.parse(text)
        #expect(n.number == number)
        #expect(n.symbols == symbols)
        #expect(n.documentType?.abbreviation == type)
        #expect(n.isCongVan == (type == nil))
        #expect(n.formatted == formatted)
        #expect(n.withPrefix == "Số: " + formatted)
        #expect(try DocumentNumber.parse(n.withPrefix) == n)
        #expect(try DocumentNumber.parse(n.formatted) == n)
    }

    @Test func drafts() throws {
        let draft = try DocumentNumber.parse("Số:      /KH-UBND")
        #expect(draft.isDraft)
        #expect(draft.number == nil)
        #expect(draft.withPrefix == "Số:      /KH-UBND")
        #expect(draft.formatted == "     /KH-UBND")
        #expect(try DocumentNumber.parse("/KH-UBND") == draft)
        #expect(try DocumentNumber(number: nil, type: .keHoach, issuer: ["UBND"]) == draft)
    }

    @Test func building() throws {
        #expect(try DocumentNumber(number: 57, type: .keHoach, issuer: ["UBND"]).formatted == "57/KH-UBND")
        #expect(try DocumentNumber(number: 3, type: .keHoach, issuer: ["STTTT"]).withPrefix == "Số: 03/KH-STTTT")
        #expect(try DocumentNumber(number: 12, symbols: ["UBND", "VX"]).formatted == "12/UBND-VX")
        let unknown = failure { () throws(VietnameseTextError) in
            try DocumentNumber(number: 1, type: DocumentType("XYZ", "Không rõ"), issuer: ["UBND"])
        }
        #expect(unknown?.code == .unknownDocumentType)
        #expect(unknown?.value == "XYZ")
        for bad in [0, -1, 10_000, Int.max, Int.min] {
            #expect(failure { () throws(VietnameseTextError) in try DocumentNumber(number: bad, type: .baoCao, issuer: ["UBND"]) }?.code
                == .invalidDocumentNumber)
        }
        #expect(failure { () throws(VietnameseTextError) in try DocumentNumber(number: 1, symbols: ["KH", "ubnd"]) }?.code
            == .invalidDocumentNumber)
    }

    @Test(arguments: [
        "", "57", "57/", "/", "KH-UBND", "0/KH-UBND", "10000/KH-UBND", "57 /KH-UBND", "57/ KH-UBND", "57/KH - UBND", "57/KH-",
        "57/-UBND", "57/KH--UBND", "57/kh-UBND", "57/Kh-UBND", "57/KH-Ubnd", "57/TTR-SNV", "57/Ttr-SNV", "57/KH–UBND",
        "57/KH_UBND", "a7/KH-UBND", "５７/KH-UBND", "30/2020/NĐ-CP", "34-CT/TW", "57/KH", "57/QĐ", "57/KH-UBND.", "57/UBND", "57/XYZ",
        "99999999999999999999999/KH-UBND", "57/UBND-CTr", "57/CTRPH-SNV",
    ])
    func rejects(text: String) {
        let error = failure { () throws(VietnameseTextError) in try DocumentNumber.parse(text) }
        #expect(error?.code == .invalidDocumentNumber, "accepted \(text)")
        #expect(error?.value == text)
        #expect(error?.message.hasPrefix("Số, ký hiệu văn bản") == true)
    }

    @Test func messagesExplain() {
        let dash = failure { () throws(VietnameseTextError) in try DocumentNumber.parse("57/KH–UBND") }
        #expect(dash?.message.contains("dấu gạch nối") == true)
        let casing = failure { () throws(VietnameseTextError) in try DocumentNumber.parse("57/Ttr-SNV") }
        #expect(casing?.message.contains("\"TTr\"") == true)
        let space = failure { () throws(VietnameseTextError) in try DocumentNumber.parse("57 /KH-UBND") }
        #expect(space?.message.contains("dấu cách") == true)
    }

    @Test func decreeTable() {
        let abbreviations = DocumentType.all.map(\.abbreviation)
        #expect(abbreviations == ["NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTr",
                                  "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS", "SL"])
        #expect(Set(abbreviations).count == abbreviations.count)
        #expect(DocumentType.all.allSatisfy { isNFC($0.name) && isNFC($0.abbreviation) && !$0.name.isEmpty })
        #expect(DocumentType(abbreviation: "KH")?.name == "Kế hoạch")
        #expect(DocumentType(abbreviation: "TTr")?.name == "Tờ trình")
        #expect(DocumentType(abbreviation: "Q\u{110}")?.name == "Quyết định")
        #expect(DocumentType(abbreviation: "TTR") == nil)
        #expect(DocumentType(abbreviation: "CV") == nil)
        #expect(DocumentType.keHoach == DocumentType(abbreviation: "KH"))
        #expect(DocumentType.quyetDinh == DocumentType(abbreviation: "QĐ"))
        #expect(DocumentType.toTrinh == DocumentType(abbreviation: "TTr"))
        #expect(DocumentType.baoCao == DocumentType(abbreviation: "BC"))
        #expect(DocumentType.chuongTrinh == DocumentType(abbreviation: "CTr"))
    }

    @Test func randomRoundTrip() async {
        let types = DocumentType.all
        let issuers = ["UBND", "SNV", "STTTT", "BTĐKT", "ĐPTTH", "VP", "TĐKT", "HĐND", "BCĐ389"]
        let gen = zip(Gen.int(in: 0...9999), Gen.int(in: 0...(types.count - 1)), Gen.int(in: 0...(issuers.count - 1)).array(of: 1...3))
        await propertyCheck(count: 1000, input: gen) { n, t, picks in
            let number = n == 0 ? nil : n
            let doc = try DocumentNumber(number: number, type: types[t], issuer: picks.map { issuers[$0] })
            #expect(try DocumentNumber.parse(doc.withPrefix) == doc)
            #expect(doc.documentType == types[t])
            if let number, number < 10 { #expect(doc.formatted.hasPrefix("0\(number)/")) }
        }
    }

    @Test func neverCrashesOnRandomText() async {
        let pool: [Character] = Array("0123456789/-: SốKHUBNDĐđTrQyCtr–\u{00A0}a")
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(pool.count - 1)).array(of: 0...20)) { picks throws in
            let text = String(picks.map { pool[$0] })
            if let doc = try? DocumentNumber.parse(text) {
                #expect(try DocumentNumber.parse(doc.withPrefix) == doc)
            }
        }
    }
}
