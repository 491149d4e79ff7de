/// SplitMix64: the generator's deterministic random source (same seed → same province, on
/// every platform; Swift's `SystemRandomNumberGenerator` is never used).
struct GeneratorRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n (n > 0), without modulo bias worth caring about for n ≪ 2^64.
    mutating func int(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(next() % UInt64(n))
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(range.count)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// A deterministic shuffle (Fisher–Yates).
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = int(i + 1)
            if i != j { items.swapAt(i, j) }
        }
    }
}

/// Pools of Vietnamese names and words for generated data.
enum NamePools {
    static let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
                         "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Lương", "Mai", "Tạ", "Cao", "Hà"]
    static let maleMiddle = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Xuân", "Công", "Thế", "Ngọc", "Anh", "Trọng",
                             "Quang", "Tiến", "Mạnh", "Đình"]
    static let femaleMiddle = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Hồng", "Kim", "Thanh", "Minh", "Phương", "Bích", "Diệu",
                               "Mai", "Hải"]
    static let maleGiven = ["An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hiếu", "Hòa", "Hùng", "Huy", "Khánh",
                            "Khoa", "Kiên", "Long", "Lợi", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Sơn",
                            "Tâm", "Thắng", "Thành", "Toàn", "Trung", "Tuấn", "Việt", "Vinh"]
    static let femaleGiven = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hiền", "Hoa", "Hằng", "Hương", "Huyền",
                              "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh",
                              "Tâm", "Thảo", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Xuân"]
    static let minorities = ["Tày", "Nùng", "Mường", "Thái", "Dao", "Hoa", "Sán Dìu", "Sán Chay", "Khmer", "H'Mông"]
    static let communeStems = ["Tân Hưng", "Đông Phong", "Phú Lâm", "Việt Hùng", "Hòa Tiến", "Liên Bão", "Đại Đồng",
                               "Minh Đạo", "Cảnh Hưng", "Tam Sơn", "Hương Mạc", "Phù Chẩn", "Đình Bảng", "Châu Khê",
                               "Đồng Nguyên", "Tương Giang", "Vân Tương", "Yên Trung", "Dũng Liệt", "Tam Giang",
                               "Đông Thọ", "Văn Môn", "Hòa Long", "Khúc Xuyên", "Phong Khê", "Kim Chân", "Nam Sơn",
                               "Vân Dương", "Hạp Lĩnh", "Khắc Niệm", "Đại Bái", "Quỳnh Phú", "Song Giang", "Nhân Thắng",
                               "Lãng Ngâm", "Xuân Lai", "Bình Dương", "Thái Bảo", "Đông Cứu", "Giang Sơn", "Lâm Thao",
                               "Phú Hòa", "Trung Kênh", "Minh Tân", "Quảng Phú", "Lai Hạ", "Trừng Xá", "An Thịnh",
                               "Mỹ Hương", "Tân Lãng", "Phú Lương", "Trung Chính", "Bình Định", "Quang Minh", "Phù Lãng",
                               "Bằng An", "Việt Thống", "Đào Viên", "Chi Lăng", "Mộ Đạo", "Ngọc Xá", "Nhân Hòa",
                               "Phượng Mao", "Việt Đoàn", "Cảnh Thụy", "Hoàn Sơn", "Nội Duệ", "Lạc Vệ", "Minh Đức"]
    static let fields = ["Cải cách hành chính", "Chuyển đổi số", "Xây dựng nông thôn mới", "Giáo dục và đào tạo",
                         "Y tế, chăm sóc sức khỏe nhân dân", "Sản xuất, kinh doanh", "An sinh xã hội",
                         "Bảo vệ môi trường", "Văn hóa công sở", "Quốc phòng, an ninh"]
}
