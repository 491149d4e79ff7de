import Testing
@testable import Ingest

@Suite struct ColumnNameTests {
    @Test(arguments: ["Họ và tên", "HỌ VÀ TÊN", "Ho va ten", "ho_va_ten", "  Họ  và   tên ", "Ho\u{0323} va\u{0300} te\u{0302}n"])
    func sameKey(name: String) {
        #expect(ColumnName.key(name) == "ho va ten")
    }

    @Test func dStrokeAndDigits() {
        #expect(ColumnName.key("Đơn vị") == "don vi")
        #expect(ColumnName.key("Số quyết định (QĐ)") == "so quyet dinh qd")
        #expect(ColumnName.key("Năm 2024") == "nam 2024")
        #expect(ColumnName.key("Danh hiêu") == ColumnName.key("Danh hiệu"))
    }

    private func detect(_ s: String) -> Character {
        let d = Array(s.utf8).withUnsafeBufferPointer { DelimiterDetector.detect($0) }
        return Character(Unicode.Scalar(d))
    }

    @Test func delimiters() throws {
        #expect(detect("a,b,c\n1,2,3\n") == ",")
        #expect(detect("a;b;c\r\n1;\"2,5\";3\r\n") == ";")
        #expect(detect("a\tb\tc\n1\t2\t3\n") == "\t")
        #expect(detect("\"x,y\";b\n1;2\n") == ";")
        #expect(detect("single\nvalue\n") == ",")
        // Title lines above the header (as Excel exports a sheet with a title) do not decide.
        #expect(detect("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG\nNăm 2024, đợt 1\nSTT;Họ tên;Đơn vị\n1;An;Sở Y tế\n2;Bình;Sở Nội vụ\n") == ";")
        #expect(detect("BẢNG ĐIỂM;;\nTên;Điểm;Hệ số\nA;1,5;2,5\nB;7,25;1\nC;8;1,5\n") == ";")
        #expect(detect("Tiêu đề\n\nma,ten,diem\n1,An,9\n2,Bình,8\n") == ",")
        for (file, expected) in [("dskt-utf8-bom.csv", ","), ("dskt-vi-locale-semicolon.csv", ";")] {
            let bytes = try fixture(file)
            let d = bytes.withUnsafeBufferPointer { DelimiterDetector.detect($0) }
            #expect(Character(Unicode.Scalar(d)) == Character(expected), "\(file)")
        }
    }
}
