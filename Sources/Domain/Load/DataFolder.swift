import Foundation
import Ingest

/// The layout of a data folder (documented in docs/domain.md). CSV files are lists exported
/// from Excel (Vietnamese headers; any encoding and delimiter the ingest reads); YAML/JSON
/// files are facts written by hand.
public enum DataFolder {
    /// Thiết lập (tỉnh, tham số quy tắc). Optional.
    public static let settings = "thiet-lap"
    /// Danh mục danh hiệu, hình thức: replaces the built-in one. Optional.
    public static let catalogue = "danh-muc"
    /// Danh sách đơn vị. Required.
    public static let units = "don-vi.csv"
    /// Số lao động theo năm.
    public static let unitYears = "lao-dong.csv"
    /// Danh sách khen thưởng: every `khen-thuong*.csv` (one file per year is usual).
    public static let awardsPrefix = "khen-thuong"
    /// Danh sách cá nhân. Optional.
    public static let persons = "ca-nhan.csv"
    /// Xếp loại cá nhân theo năm. Optional.
    public static let ratings = "xep-loai.csv"
    /// Cụm, khối thi đua (thành viên, cụm trưởng, bảng tiêu chí).
    public static let clusters = "cum-khoi"
    /// Bảng chấm điểm cụm, khối.
    public static let scores = "cham-diem.csv"
    /// Phong trào thi đua.
    public static let movements = "phong-trao"
    /// Đăng ký thi đua.
    public static let registrations = "dang-ky-thi-dua.csv"
    /// Kế hoạch: one YAML/JSON file per plan.
    public static let plansFolder = "ke-hoach"
    /// Chương trình phối hợp: one YAML/JSON file per programme.
    public static let programmesFolder = "chuong-trinh"
    /// Kết quả thực hiện chương trình phối hợp (số kỳ đã phát).
    public static let deliveries = "thuc-hien-phoi-hop.csv"
    /// Kết quả tuyên truyền theo cơ quan.
    public static let propaganda = "tuyen-truyen.csv"
    /// Điển hình tiên tiến.
    public static let exemplars = "dien-hinh.csv"

    /// The extensions a hand-written file may have, in the order looked for.
    static let structuredExtensions = ["yaml", "yml", "json"]
}

/// The columns of each CSV list. Names are what Excel exports carry; aliases cover other
/// common headers (matching ignores case, diacritics and spacing, and accepts near misses
/// with a warning).
public enum DataSchemas {
    public static let units = CSVDataset(name: "danh sách đơn vị", columns: [
        ColumnSpec("Mã đơn vị", aliases: ["Mã", "Mã ĐV", "ma_don_vi"], valueRequired: true),
        ColumnSpec("Tên đơn vị", aliases: ["Đơn vị", "Tên", "ten_don_vi"], valueRequired: true),
        ColumnSpec("Đơn vị cấp trên", aliases: ["Trực thuộc", "Mã đơn vị cấp trên", "Cấp trên"], required: false),
        ColumnSpec("Cấp", aliases: ["Cấp đơn vị", "Cấp hành chính"], required: false),
        ColumnSpec("Loại đơn vị", aliases: ["Loại", "Loại hình"], required: false),
        ColumnSpec("Từ năm", aliases: ["Năm thành lập"], type: .integer, required: false),
        ColumnSpec("Đến năm", aliases: ["Năm giải thể", "Năm sáp nhập"], type: .integer, required: false),
        ColumnSpec("Tên khác", aliases: ["Tên gọi khác", "Tên cũ"], required: false),
    ])

    public static let unitYears = CSVDataset(name: "số lao động theo năm", columns: [
        ColumnSpec("Đơn vị", aliases: ["Mã đơn vị", "Tên đơn vị"], valueRequired: true),
        ColumnSpec("Năm", type: .integer, valueRequired: true),
        ColumnSpec("Tổng số CBCCVC, NLĐ", aliases: ["Tổng số CBCCVC, người lao động", "Tổng số lao động", "Số lao động",
                                                    "Tổng số cán bộ, công chức, viên chức, người lao động", "Biên chế"],
                   type: .integer, valueRequired: true),
        ColumnSpec("Số hoàn thành nhiệm vụ trở lên", aliases: ["Số hoàn thành nhiệm vụ", "Hoàn thành nhiệm vụ trở lên"],
                   type: .integer, required: false),
        ColumnSpec("Số bị kỷ luật từ cảnh cáo trở lên", aliases: ["Kỷ luật từ cảnh cáo trở lên", "Số bị kỷ luật"],
                   type: .integer, required: false),
        ColumnSpec("Ghi chú", required: false),
    ])

    public static let awards = CSVDataset(name: "danh sách khen thưởng", columns: [
        ColumnSpec("STT", aliases: ["Số thứ tự", "TT"], required: false),
        ColumnSpec("Họ và tên, tên tập thể", aliases: ["Họ và tên", "Họ tên", "Tên cá nhân, tập thể", "Tên tập thể",
                                                       "Cá nhân, tập thể", "Tên"], required: false),
        ColumnSpec("Mã cá nhân", aliases: ["Mã CN", "Mã cán bộ", "Mã số cá nhân"], required: false),
        ColumnSpec("Đối tượng", aliases: ["Đối tượng khen", "Đối tượng khen thưởng", "Cá nhân/Tập thể"], required: false),
        ColumnSpec("Giới tính", aliases: ["Nam/Nữ"], required: false),
        ColumnSpec("Dân tộc", required: false),
        ColumnSpec("Chức vụ", aliases: ["Chức vụ, chức danh", "Chức danh"], required: false),
        ColumnSpec("Nhóm đối tượng", aliases: ["Nhóm cá nhân", "Thành phần"], required: false),
        ColumnSpec("Đơn vị", aliases: ["Đơn vị công tác", "Mã đơn vị", "Tên đơn vị", "Cơ quan, đơn vị"], valueRequired: true),
        ColumnSpec("Danh hiệu, hình thức", aliases: ["Danh hiệu", "Hình thức khen thưởng", "Hình thức", "Danh hiệu thi đua",
                                                     "Danh hiệu, hình thức khen thưởng"], valueRequired: true),
        ColumnSpec("Năm", aliases: ["Năm thành tích", "Năm khen thưởng"], type: .integer, required: false),
        ColumnSpec("Số quyết định", aliases: ["Số QĐ", "Quyết định số"], required: false),
        ColumnSpec("Ngày quyết định", aliases: ["Ngày QĐ", "Ngày ký"], type: .date, required: false),
        ColumnSpec("Cơ quan quyết định", aliases: ["Cấp quyết định", "Người ký", "Cơ quan ban hành"], required: false),
        ColumnSpec("Loại hình khen thưởng", aliases: ["Loại hình", "Loại khen thưởng", "Phương thức khen thưởng"], required: false),
        ColumnSpec("Xếp loại", aliases: ["Xếp loại đánh giá", "Đánh giá", "Kết quả đánh giá", "Xếp loại năm"], required: false),
        ColumnSpec("Sáng kiến", aliases: ["Mã sáng kiến", "Sáng kiến, đề tài"], required: false),
        ColumnSpec("Phong trào", aliases: ["Mã phong trào"], required: false),
        ColumnSpec("Ghi chú", required: false),
    ])

    public static let persons = CSVDataset(name: "danh sách cá nhân", columns: [
        ColumnSpec("Mã cá nhân", aliases: ["Mã CN", "Mã cán bộ", "Mã số cá nhân"], valueRequired: true),
        ColumnSpec("Họ và tên", aliases: ["Họ tên"], valueRequired: true),
        ColumnSpec("Giới tính", aliases: ["Nam/Nữ"], required: false),
        ColumnSpec("Ngày sinh", type: .date, required: false),
        ColumnSpec("Dân tộc", required: false),
        ColumnSpec("Chức vụ", aliases: ["Chức vụ, chức danh", "Chức danh"], required: false),
        ColumnSpec("Nhóm đối tượng", aliases: ["Nhóm cá nhân", "Thành phần"], required: false),
        ColumnSpec("Đơn vị", aliases: ["Đơn vị công tác", "Mã đơn vị"], valueRequired: true),
    ])

    public static let ratings = CSVDataset(name: "xếp loại cá nhân", columns: [
        ColumnSpec("Mã cá nhân", aliases: ["Mã CN", "Mã cán bộ"], required: false),
        ColumnSpec("Họ và tên", aliases: ["Họ tên"], required: false),
        ColumnSpec("Đơn vị", aliases: ["Đơn vị công tác", "Mã đơn vị"], valueRequired: true),
        ColumnSpec("Năm", type: .integer, valueRequired: true),
        ColumnSpec("Xếp loại", aliases: ["Xếp loại đánh giá", "Kết quả đánh giá", "Đánh giá"], required: false),
        ColumnSpec("Kỷ luật", aliases: ["Hình thức kỷ luật"], required: false),
    ])

    public static let scores = CSVDataset(name: "bảng chấm điểm cụm, khối", columns: [
        ColumnSpec("Năm", type: .integer, valueRequired: true),
        ColumnSpec("Cụm, khối", aliases: ["Cụm, khối thi đua", "Mã cụm, khối", "Cụm", "Khối"], valueRequired: true),
        ColumnSpec("Đơn vị", aliases: ["Mã đơn vị", "Tên đơn vị"], valueRequired: true),
        ColumnSpec("Tiêu chí", aliases: ["Mã tiêu chí"], required: false),
        ColumnSpec("Điểm tự chấm", type: .number, required: false),
        ColumnSpec("Điểm cụm chấm", aliases: ["Điểm khối chấm", "Điểm cụm, khối chấm", "Điểm thẩm định"], type: .number, required: false),
        ColumnSpec("Điểm cộng", aliases: ["Điểm thưởng"], type: .number, required: false),
        ColumnSpec("Điểm trừ", type: .number, required: false),
        ColumnSpec("Số phiếu", aliases: ["Số phiếu bình xét", "Phiếu bầu"], type: .integer, required: false),
        ColumnSpec("Ghi chú", required: false),
    ])

    public static let registrations = CSVDataset(name: "danh sách đăng ký thi đua", columns: [
        ColumnSpec("Năm", type: .integer, valueRequired: true),
        ColumnSpec("Đơn vị", aliases: ["Mã đơn vị", "Tên đơn vị"], valueRequired: true),
        ColumnSpec("Phong trào", aliases: ["Mã phong trào"], required: false),
        ColumnSpec("Danh hiệu, hình thức", aliases: ["Danh hiệu đăng ký", "Danh hiệu", "Hình thức"], required: false),
        ColumnSpec("Số lượng", aliases: ["Số lượng đăng ký"], type: .integer, required: false),
        ColumnSpec("Nội dung đăng ký", aliases: ["Chỉ tiêu", "Nội dung"], required: false),
    ])

    public static let deliveries = CSVDataset(name: "kết quả thực hiện chương trình phối hợp", columns: [
        ColumnSpec("Chương trình", aliases: ["Mã chương trình"], valueRequired: true),
        ColumnSpec("Sản phẩm", aliases: ["Mã sản phẩm", "Chuyên mục"], valueRequired: true),
        ColumnSpec("Ngày", aliases: ["Ngày phát", "Ngày đăng", "Ngày thực hiện"], type: .date, valueRequired: true),
        ColumnSpec("Số kỳ", aliases: ["Số số", "Số lượng"], type: .integer, required: false),
        ColumnSpec("Thời lượng (phút)", aliases: ["Thời lượng", "Số phút"], type: .integer, required: false),
        ColumnSpec("Tiêu đề", aliases: ["Nội dung", "Tên bài"], required: false),
        ColumnSpec("Ghi chú", required: false),
    ])

    public static let propaganda = CSVDataset(name: "kết quả tuyên truyền", columns: [
        ColumnSpec("Đơn vị", aliases: ["Cơ quan", "Mã đơn vị"], valueRequired: true),
        ColumnSpec("Năm", type: .integer, valueRequired: true),
        ColumnSpec("Tháng", type: .integer, required: false),
        ColumnSpec("Tin", aliases: ["Số tin"], type: .integer, required: false),
        ColumnSpec("Bài", aliases: ["Số bài"], type: .integer, required: false),
        ColumnSpec("Phóng sự", aliases: ["Số phóng sự"], type: .integer, required: false),
        ColumnSpec("Chuyên mục kế hoạch", aliases: ["Chuyên mục theo kế hoạch", "Kế hoạch chuyên mục"], type: .integer, required: false),
        ColumnSpec("Chuyên mục đã phát", aliases: ["Chuyên mục đã thực hiện", "Đã phát"], type: .integer, required: false),
        ColumnSpec("Thời lượng (phút)", aliases: ["Thời lượng", "Số phút"], type: .integer, required: false),
        ColumnSpec("Ghi chú", required: false),
    ])

    public static let exemplars = CSVDataset(name: "danh sách điển hình tiên tiến", columns: [
        ColumnSpec("Năm", type: .integer, valueRequired: true),
        ColumnSpec("Họ và tên, tên tập thể", aliases: ["Họ và tên", "Tên điển hình", "Tên tập thể"], valueRequired: true),
        ColumnSpec("Đối tượng", required: false),
        ColumnSpec("Đơn vị", aliases: ["Mã đơn vị"], valueRequired: true),
        ColumnSpec("Lĩnh vực", required: false),
        ColumnSpec("Thành tích", aliases: ["Thành tích tiêu biểu"], required: false),
        ColumnSpec("Hình thức tôn vinh", aliases: ["Hình thức biểu dương"], required: false),
        ColumnSpec("Phong trào", aliases: ["Mã phong trào"], required: false),
    ])
}

/// Cheap text clean-up for values read a million times.
enum Text {
    /// The text without ASCII spaces and tabs at either end; free (no copy) when there are none.
    @inline(__always)
    static func trim(_ s: String) -> String {
        let u = s.utf8
        guard let f = u.first, let l = u.last else { return s }
        if f != 0x20 && f != 0x09 && l != 0x20 && l != 0x09 { return s }
        var lo = u.startIndex, hi = u.endIndex
        while lo < hi, u[lo] == 0x20 || u[lo] == 0x09 { lo = u.index(after: lo) }
        while hi > lo {
            let p = u.index(before: hi)
            if u[p] == 0x20 || u[p] == 0x09 { hi = p } else { break }
        }
        return String(Substring(u[lo..<hi]))
    }
}

/// A dictionary key over UTF-8 bytes. `String`'s own hashing normalises every non-ASCII
/// string first (Unicode canonical equivalence), which dominated loading a million rows; every
/// text the loader keys on is NFC already, so byte equality is the same thing. A key made
/// with `borrowing:` points into a CSV row's buffer and is only for lookups (no allocation);
/// stored keys own their text.
struct FastKey: Hashable {
    private let owned: String?
    private let borrowed: UnsafeBufferPointer<UInt8>

    @inline(__always) init(_ text: String) {
        owned = text
        borrowed = UnsafeBufferPointer(start: nil, count: 0)
    }

    /// A lookup key over bytes that must outlive the lookup (never store it).
    @inline(__always) init(borrowing bytes: UnsafeBufferPointer<UInt8>) {
        owned = nil
        borrowed = bytes
    }

    /// A stored key holding a copy of the bytes.
    init(copying bytes: UnsafeBufferPointer<UInt8>) {
        owned = String(decoding: bytes, as: UTF8.self)
        borrowed = UnsafeBufferPointer(start: nil, count: 0)
    }

    @inline(__always) func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if var s = owned { return s.withUTF8(body) }
        return body(borrowed)
    }

    func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: FastKey, b: FastKey) -> Bool {
        a.withBytes { x in
            b.withBytes { y in
                x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
    }
}

/// Values of one CSV column, resolved once per distinct cell text and found again by the
/// cell's bytes: the previous row's cell first (exports are sorted by unit and form), then a
/// short list scanned with memcmp (columns like "Giới tính" have a handful of values), then a
/// dictionary. No string is made on a hit.
final class CellCache<V> {
    private var lastKey: [UInt8] = []
    private var lastValue: V?
    private var hasLast = false
    private var small: [(key: [UInt8], value: V)] = []
    private var large: [FastKey: V] = [:]

    @inline(__always)
    private static func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { memcmp($0.baseAddress!, b.baseAddress!, a.count) == 0 }
    }

    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> V? {
        if hasLast && CellCache.equal(lastKey, bytes) { return lastValue }
        for entry in small where CellCache.equal(entry.key, bytes) {
            remember(entry.key, entry.value)
            return entry.value
        }
        if !large.isEmpty, let v = large[FastKey(borrowing: bytes)] {
            remember(Array(bytes), v)
            return v
        }
        return nil
    }

    func insert(_ bytes: UnsafeBufferPointer<UInt8>, _ value: V) {
        let key = Array(bytes)
        if small.count < 16 { small.append((key, value)) } else { large[FastKey(copying: bytes)] = value }
        remember(key, value)
    }

    @inline(__always)
    private func remember(_ key: [UInt8], _ value: V) {
        lastKey = key
        lastValue = value
        hasLast = true
    }
}
