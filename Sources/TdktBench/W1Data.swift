import Glibc

/// W1-shaped rows (../shared/bench/WORKLOADS.md): stt, ho_ten, don_vi, chuc_vu, danh_hieu,
/// diem, nam, xep_loai, so_qd, ghi_chu — deterministic from a seed.
struct W1Row {
    var stt: Int
    var hoTen: String
    var donVi: String
    var chucVu: String
    var danhHieu: String
    var diem: Double
    var nam: Int
    var xepLoai: String
    var soQD: String
    var ghiChu: String
}

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ a: [T]) -> T { a[Int(next() % UInt64(a.count))] }
}

enum W1Data {
    static let ho = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
    static let dem = ["Văn", "Thị", "Hữu", "Đức", "Thu", "Ngọc", "Minh", "Quang", "Thanh", "Xuân", "Hồng", "Kim"]
    static let ten = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan",
                      "Linh", "Long", "Mai", "Nam", "Nga", "Nhung", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm",
                      "Thảo", "Thắng", "Trang", "Tuấn", "Uyên", "Việt", "Yến", "Đạt"]
    static let donViKinds = ["Phòng Giáo dục và Đào tạo huyện", "UBND xã", "Trường THCS", "Trạm Y tế xã",
                             "Phòng Tài chính - Kế hoạch huyện", "Trường Tiểu học", "Hội Nông dân xã", "Công an xã"]
    static let places = ["Định Hóa", "Phú Đình", "Bảo Linh", "Kim Phượng", "Tân Dương", "Phượng Tiến", "Trung Hội",
                         "Bình Yên", "Sơn Phú", "Điềm Mặc", "Thanh Định", "Quy Kỳ", "Lam Vỹ", "Tân Thịnh",
                         "Phúc Chu", "Bộc Nhiêu", "Đồng Thịnh", "Trung Lương", "Kim Sơn", "Định Biên", "Bình Thành",
                         "Phú Tiến", "Phú Lương", "Yên Trạch", "Hợp Thành"]
    static let chucVu = ["Chuyên viên", "Giáo viên", "Trưởng phòng", "Phó Trưởng phòng", "Hiệu trưởng", "Phó Hiệu trưởng",
                         "Kế toán", "Văn thư", "Bác sĩ", "Điều dưỡng", "Chủ tịch UBND xã", "Phó Chủ tịch UBND xã",
                         "Công chức Văn hóa - Xã hội", "Công chức Tư pháp - Hộ tịch", "Nhân viên", "Cán sự",
                         "Chánh Văn phòng", "Phó Chánh Văn phòng", "Thanh tra viên", "Kỹ thuật viên"]
    static let danhHieu = ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp tỉnh",
                           "Bằng khen của Chủ tịch UBND tỉnh", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"]
    static let xepLoai = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
                          "Không hoàn thành nhiệm vụ"]
    static let words = ["đã", "có", "thành", "tích", "xuất", "sắc", "trong", "phong", "trào", "thi", "đua", "năm",
                        "học", "công", "tác", "chuyên", "môn", "được", "tập", "thể", "đề", "nghị", "khen", "thưởng",
                        "&", "<", ">", "\"trích\"", "'dẫn'"]

    static func rows(_ n: Int, seed: UInt64 = 20_190_411) -> [W1Row] {
        var generator = Generator(seed: seed)
        return (0..<n).map { _ in generator.next() }
    }

    /// The same sequence as `rows`, one row at a time (for inputs too large to hold).
    struct Generator {
        var rng: SplitMix64
        var index = 0
        let units = (0..<200).map { i in "\(donViKinds[i % donViKinds.count]) \(places[i % places.count])" }

        init(seed: UInt64 = 20_190_411) { rng = SplitMix64(state: seed) }

        mutating func next() -> W1Row {
            let note: String
            if rng.next() % 5 == 0 {
                let len = 5 + Int(rng.next() % 16)
                note = (0..<len).map { _ in rng.pick(words) }.joined(separator: " ")
            } else {
                note = ""
            }
            index += 1
            return W1Row(stt: index, hoTen: "\(rng.pick(ho)) \(rng.pick(dem)) \(rng.pick(ten))",
                         donVi: rng.pick(units), chucVu: rng.pick(chucVu), danhHieu: rng.pick(danhHieu),
                         diem: Double(rng.next() % 10_001) / 100, nam: 2018 + Int(rng.next() % 8),
                         xepLoai: rng.pick(xepLoai), soQD: "\(1 + rng.next() % 999)/QĐ-UBND", ghiChu: note)
        }
    }

    static let csvHeader = "stt,ho_ten,don_vi,chuc_vu,danh_hieu,diem,nam,xep_loai,so_qd,ghi_chu"

    /// Writes the first `n` rows as the benchmark's input CSV: UTF-8 without BOM, LF, RFC 4180
    /// quoting (a field with `,` `"` CR or LF is quoted, quotes doubled), diem with 2 decimals.
    static func writeCSV(rows n: Int, to path: String, seed: UInt64 = 20_190_411) -> Bool {
        guard let file = fopen(path, "w") else { return false }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        func field(_ s: String) {
            var needsQuotes = false
            for b in s.utf8 where b == 0x2C || b == 0x22 || b == 0x0D || b == 0x0A { needsQuotes = true; break }
            if !needsQuotes { buffer.append(contentsOf: s.utf8); return }
            buffer.append(0x22)
            for b in s.utf8 {
                if b == 0x22 { buffer.append(0x22) }
                buffer.append(b)
            }
            buffer.append(0x22)
        }
        func flush() {
            buffer.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, file) }
            buffer.removeAll(keepingCapacity: true)
        }
        buffer.append(contentsOf: csvHeader.utf8)
        buffer.append(0x0A)
        var generator = Generator(seed: seed)
        for _ in 0..<n {
            let r = generator.next()
            let hundredths = Int((r.diem * 100).rounded())
            let cents = hundredths % 100
            let fields = [String(r.stt), r.hoTen, r.donVi, r.chucVu, r.danhHieu,
                          "\(hundredths / 100).\(cents < 10 ? "0" : "")\(cents)", String(r.nam),
                          r.xepLoai, r.soQD, r.ghiChu]
            for (i, f) in fields.enumerated() {
                if i > 0 { buffer.append(0x2C) }
                field(f)
            }
            buffer.append(0x0A)
            if buffer.count >= 1 << 20 { flush() }
        }
        flush()
        return fclose(file) == 0
    }
}
