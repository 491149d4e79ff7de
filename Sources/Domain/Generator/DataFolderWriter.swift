import Foundation
import Ingest
import Vietnamese

/// Writes a model as a data folder in the layout the loader reads (docs/domain.md): CSV as
/// Excel exports them in a Vietnamese locale (UTF-8 with BOM, ";" between fields, CRLF,
/// "1.234" and "8,5", dates dd/mm/yyyy) and YAML for the hand-written facts.
///
/// Every file is written to a temporary file beside it and renamed when complete; an
/// existing data folder is never overwritten unless `overwrite` is set.
public struct DataFolderWriter {
    public var folder: String
    /// Replace files of an existing data folder.
    public var overwrite = false

    public init(folder: String, overwrite: Bool = false) {
        self.folder = folder
        self.overwrite = overwrite
    }

    /// Writes `data`. `formNames` gives, per award, the name the list writes (e.g. "Giấy
    /// khen của Giám đốc Sở Nội vụ"); by default the catalogue name.
    public func write(_ data: ProvinceData, formNames: [String]? = nil) throws(DomainError) {
        do {
            try prepareFolder()
            var w = FolderWriting(folder: folder, data: data, formNames: formNames)
            try w.writeAll()
        } catch let error as DomainError {
            throw error
        } catch {
            throw DomainError(code: .output, folder: folder, issues: [IngestIssue(
                .unreadableFile, at: SourceLocation(file: folder), message: "Không ghi được: \(error). Kiểm tra quyền ghi và dung lượng đĩa.")])
        }
    }

    func prepareFolder() throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw DomainError(code: .output, folder: folder, issues: [IngestIssue(
                    .unreadableFile, at: SourceLocation(file: folder), message: "Đã có một tệp cùng tên; chọn tên thư mục khác.")])
            }
            let existing = try fm.contentsOfDirectory(atPath: folder).filter { name in
                name == DataFolder.units || name.hasPrefix(DataFolder.awardsPrefix) || name == DataFolder.unitYears
            }
            if !existing.isEmpty && !overwrite {
                throw DomainError(code: .output, folder: folder, issues: [IngestIssue(
                    .unreadableFile, at: SourceLocation(file: (folder as NSString).appendingPathComponent(existing.sorted()[0])),
                    message: "Thư mục đã có dữ liệu (\(existing.sorted().joined(separator: ", "))); không ghi đè. Chọn thư mục trống.")])
            }
        }
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for sub in [DataFolder.plansFolder, DataFolder.programmesFolder] {
            try fm.createDirectory(atPath: (folder as NSString).appendingPathComponent(sub), withIntermediateDirectories: true)
        }
    }
}

// MARK: - Atomic file output

/// Writes bytes to `.<name>.tdkt-tmp-<pid>` beside the target and renames it on `commit`.
final class AtomicFile {
    let path: String
    let temporary: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var done = false

    init(path: String) throws {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        temporary = (dir as NSString).appendingPathComponent(".\(name).tdkt-tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw DomainError(code: .output, folder: dir, issues: [IngestIssue(
                .unreadableFile, at: SourceLocation(file: path), message: "Không tạo được tệp tạm để ghi. Kiểm tra quyền ghi.")])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if !done {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    func append(_ text: String) {
        var t = text
        t.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { flush() }
    }

    func append(bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    private func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        flush()
        try handle.close()
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw DomainError(code: .output, folder: (path as NSString).deletingLastPathComponent, issues: [IngestIssue(
                .unreadableFile, at: SourceLocation(file: path), message: "Không đổi tên được tệp tạm (\(reason)).")])
        }
        done = true
    }
}

/// A CSV in the Vietnamese Excel style.
struct CSVOut {
    let file: AtomicFile
    init(_ path: String, header: [String]) throws {
        file = try AtomicFile(path: path)
        file.append(bytes: [0xEF, 0xBB, 0xBF])
        row(header)
    }

    static func field(_ s: String) -> String {
        let needsQuotes = s.utf8.contains { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || s.hasPrefix(" ") || s.hasSuffix(" ")
        guard needsQuotes else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func row(_ fields: [String]) {
        file.append(fields.map(CSVOut.field).joined(separator: ";") + "\r\n")
    }

    func commit() throws { try file.commit() }

    static func int(_ v: Int?) -> String { v.map(VietnameseNumber.format) ?? "" }
    static func year(_ v: Int?) -> String { v.map(String.init) ?? "" }
    static func number(_ v: Double?) -> String { v.map { VietnameseNumber.format($0, fractionDigits: 2, trimZeros: true) } ?? "" }
    static func date(_ d: CivilDate?) -> String { d?.formatted(.numeric) ?? "" }
}

/// YAML text built line by line: every string double-quoted (escaped), numbers plain.
struct YAMLOut {
    var lines: [String] = []

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    mutating func line(_ indent: Int, _ text: String) { lines.append(String(repeating: " ", count: indent) + text) }
    mutating func comment(_ indent: Int, _ text: String) { line(indent, "# " + text) }
    mutating func key(_ indent: Int, _ k: String, _ v: String?) { if let v { line(indent, "\(k): \(YAMLOut.quote(v))") } }
    mutating func key(_ indent: Int, _ k: String, int v: Int?) { if let v { line(indent, "\(k): \(v)") } }
    mutating func key(_ indent: Int, _ k: String, number v: Double?) { if let v { line(indent, "\(k): \(YAMLOut.number(v))") } }
    mutating func key(_ indent: Int, _ k: String, bool v: Bool) { line(indent, "\(k): \(v ? "true" : "false")") }
    mutating func key(_ indent: Int, _ k: String, date v: CivilDate?) { if let v { line(indent, "\(k): \(YAMLOut.quote(v.formatted(.numeric)))") } }
    mutating func list(_ indent: Int, _ k: String, _ items: [String]) {
        guard !items.isEmpty else { return }
        line(indent, "\(k):")
        for i in items { line(indent + 2, "- " + YAMLOut.quote(i)) }
    }

    func write(to path: String) throws {
        let f = try AtomicFile(path: path)
        f.append(lines.joined(separator: "\n") + "\n")
        try f.commit()
    }
}

// MARK: - The folder

struct FolderWriting {
    let folder: String
    let data: ProvinceData
    let formNames: [String]?
    let personByCode: [String: Person]

    init(folder: String, data: ProvinceData, formNames: [String]?) {
        self.folder = folder
        self.data = data
        self.formNames = formNames
        var map: [String: Person] = [:]
        for p in data.persons { map[p.code] = p }
        personByCode = map
    }

    func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    func unitName(_ u: Int32) -> String { data.units[Int(u)].name }

    mutating func writeAll() throws {
        try writeSettings()
        try writeUnits()
        try writeUnitYears()
        try writePersons()
        try writeRatings()
        try writeAwards()
        try writeClusters()
        try writeScores()
        try writeMovements()
        try writeRegistrations()
        try writePlans()
        try writeProgrammes()
        try writeDeliveries()
        try writePropaganda()
        try writeExemplars()
    }

    // MARK: Settings

    func writeSettings() throws {
        let s = data.settings
        var y = YAMLOut()
        y.comment(0, "Thiết lập của tdkt cho thư mục dữ liệu này. Các giá trị ghi «chưa xác nhận» là tham số")
        y.comment(0, "chưa đối chiếu được với văn bản gốc: cơ quan sửa theo quy định áp dụng tại địa phương.")
        y.key(0, "tinh", s.provinceName)
        y.line(0, "quy_tac:")
        y.key(2, "r1_cstdcs_can_hoan_thanh_xuat_sac", bool: s.cstdcsRequiresExcellent)
        y.key(2, "r2_ty_le_cstdcs_toi_da", number: s.cstdcsCapPercent)
        y.key(2, "r2_lam_tron", s.cstdcsCapRounding.rawValue)
        y.key(2, "r3_tinh_den_nam_khen", bool: s.cstdTinhWindowEndsAtAwardYear)
        y.key(2, "r4_so_nam_giua_hai_lan_toi_da", int: s.cstdtqMaxYearsBetween)
        y.key(2, "r5_ty_le_ldtt_toi_thieu", number: s.ttldxsMinLDTTPercent)
        y.key(2, "r5_so_cstdcs_toi_thieu", int: s.ttldxsMinCSTDCS)
        y.key(2, "r5_toan_bo_hoan_thanh_nhiem_vu", bool: s.ttldxsRequireAllCompleted)
        y.key(2, "r6_ty_le_ldtt_tren", number: s.ttldttMinLDTTPercent)
        y.key(2, "r7_so_co_moi_cum", int: s.flagsPerCluster)
        y.key(2, "r11_bat", bool: s.r11Enabled)
        y.key(2, "r11_so_nam_lien_tuc", int: s.r11ConsecutiveYears)
        y.line(0, "cum_khoi:")
        switch s.certificatesPerCluster {
        case .halfOfRest: y.key(2, "so_bang_khen", "nua_con_lai")
        case .fixed(let k): y.key(2, "so_bang_khen", String(k))
        }
        y.list(2, "tieu_chi_phu", s.tieBreakers.map { t in
            switch t {
            case .group(let g): return "nhom:\(g)"
            case .fewerPenalty: return "it_diem_tru"
            case .votes: return "so_phieu"
            }
        })
        y.key(2, "diem_cong_toi_da", number: s.maxBonusPoints)
        y.key(2, "diem_tru_toi_da", number: s.maxPenaltyPoints)
        y.line(0, "bang:")
        y.key(2, "so_chu_so_thap_phan_ty_le", int: s.percentDecimals)
        y.key(2, "t2_cot_nu_dan_toc", bool: s.t2WomenAndMinorities)
        y.key(2, "bieu_0601_dem_phong_trao", s.movementCounting.rawValue)
        try y.write(to: path(DataFolder.settings + ".yaml"))
    }

    // MARK: Units and people

    func writeUnits() throws {
        let csv = try CSVOut(path(DataFolder.units), header: ["Mã đơn vị", "Tên đơn vị", "Đơn vị cấp trên", "Cấp", "Loại đơn vị",
                                                                 "Từ năm", "Đến năm", "Tên khác"])
        for u in data.units {
            csv.row([u.code, u.name, u.parent >= 0 ? data.units[Int(u.parent)].code : "", u.level.label, u.type.label,
                     CSVOut.year(u.fromYear), CSVOut.year(u.toYear), u.otherNames.joined(separator: "; ")])
        }
        try csv.commit()
    }

    func writeUnitYears() throws {
        guard !data.unitYears.isEmpty else { return }
        let csv = try CSVOut(path(DataFolder.unitYears), header: ["Đơn vị", "Năm", "Tổng số CBCCVC, NLĐ",
                                                                    "Số hoàn thành nhiệm vụ trở lên", "Số bị kỷ luật từ cảnh cáo trở lên", "Ghi chú"])
        for r in data.unitYears {
            csv.row([unitName(r.unit), CSVOut.year(r.year), CSVOut.int(r.headcount), CSVOut.int(r.completed),
                     CSVOut.int(r.disciplinedWarningOrAbove), ""])
        }
        try csv.commit()
    }

    static func shortCategory(_ c: PersonCategory) -> String {
        switch c {
        case .provinceLeader: return "Lãnh đạo tỉnh"
        case .departmentLeader: return "Lãnh đạo sở"
        case .businessPerson: return "Doanh nhân"
        case .otherLeader: return "Lãnh đạo khác"
        case .directWorker: return "Trực tiếp"
        }
    }

    func writePersons() throws {
        guard !data.persons.isEmpty else { return }
        let csv = try CSVOut(path(DataFolder.persons), header: ["Mã cá nhân", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc",
                                                                  "Chức vụ", "Nhóm đối tượng", "Đơn vị"])
        for p in data.persons {
            csv.row([p.code, p.name, p.gender?.label ?? "", "", p.ethnicity ?? "", p.position ?? "",
                     p.category.map(FolderWriting.shortCategory) ?? "", unitName(p.unit)])
        }
        try csv.commit()
    }

    func writeRatings() throws {
        guard !data.ratings.isEmpty else { return }
        let csv = try CSVOut(path(DataFolder.ratings), header: ["Mã cá nhân", "Họ và tên", "Đơn vị", "Năm", "Xếp loại", "Kỷ luật"])
        for r in data.ratings {
            let s = data.subjects[Int(r.subject)]
            csv.row([s.code ?? "", s.name, unitName(r.unit), CSVOut.year(r.year), r.rating?.label ?? "", r.discipline?.label ?? ""])
        }
        try csv.commit()
    }

    // MARK: Awards

    func writeAwards() throws {
        var byYear: [Int: [Int]] = [:]
        for (i, a) in data.awards.enumerated() { byYear[Int(a.year), default: []].append(i) }
        let header = ["STT", "Họ và tên, tên tập thể", "Mã cá nhân", "Đối tượng", "Giới tính", "Dân tộc", "Chức vụ",
                      "Nhóm đối tượng", "Đơn vị", "Danh hiệu, hình thức", "Năm", "Số quyết định", "Ngày quyết định",
                      "Cơ quan quyết định", "Loại hình khen thưởng", "Xếp loại", "Sáng kiến", "Phong trào", "Ghi chú"]
        for y in byYear.keys.sorted() {
            let csv = try CSVOut(path("\(DataFolder.awardsPrefix)-\(y).csv"), header: header)
            for (k, i) in byYear[y]!.enumerated() {
                let a = data.awards[i]
                let s = data.subjects[Int(a.subject)]
                let entry = data.catalogue.entries[Int(a.entry)]
                var gender = "", ethnicity = "", position = "", category = ""
                if s.kind == .individual {
                    let registry = s.code.flatMap { personByCode[$0] }
                    gender = a.female ? "Nữ" : "Nam"
                    ethnicity = registry?.ethnicity ?? (a.minority ? "Dân tộc thiểu số" : "")
                    position = registry?.position ?? ""
                    category = FolderWriting.shortCategory(a.category)
                }
                let movement = a.movement >= 0 ? data.movements[Int(a.movement)].code : ""
                csv.row([String(k + 1), s.name, s.code ?? "", s.kind.label, gender, ethnicity, position, category,
                         unitName(a.unit), formNames?[i] ?? entry.name, String(a.year), data.text(a.decision) ?? "",
                         CSVOut.date(a.decisionDate), data.text(a.issuer) ?? "", a.method.label, a.rating?.label ?? "",
                         data.text(a.initiative) ?? "", movement, ""])
            }
            try csv.commit()
        }
    }

    // MARK: Clusters

    func writeClusters() throws {
        guard !data.clusters.isEmpty else { return }
        var y = YAMLOut()
        y.comment(0, "Cụm, khối thi đua: thành viên, cụm trưởng, cụm phó và bảng tiêu chí chấm điểm theo năm.")
        y.line(0, "cum_khoi:")
        for c in data.clusters {
            y.line(2, "- ma: \(YAMLOut.quote(c.code))")
            y.key(4, "ten", c.name)
            y.key(4, "loai", c.kind.rawValue)
            y.key(4, "so_co", int: c.flags)
            y.key(4, "so_bang_khen", int: c.certificates)
            y.line(4, "nam:")
            var previous: ClusterYear?
            for cy in c.years {
                y.line(6, "- nam: \(cy.year)")
                y.list(8, "thanh_vien", cy.members.map { data.units[Int($0)].code })
                if let l = cy.leader { y.key(8, "cum_truong", data.units[Int(l)].code) }
                y.list(8, "cum_pho", cy.deputies.map { data.units[Int($0)].code })
                y.key(8, "diem_cong_toi_da", number: cy.maxBonus)
                y.key(8, "diem_tru_toi_da", number: cy.maxPenalty)
                if let p = previous, p.groups == cy.groups {
                    y.key(8, "tieu_chi_nhu_nam", int: p.year)
                } else {
                    y.line(8, "tieu_chi:")
                    for g in cy.groups {
                        y.line(10, "- ma: \(YAMLOut.quote(g.code))")
                        y.key(12, "ten", g.name)
                        y.line(12, "tieu_chi:")
                        for cr in g.criteria {
                            y.line(14, "- ma: \(YAMLOut.quote(cr.code))")
                            y.key(16, "ten", cr.name)
                            y.key(16, "diem_toi_da", number: cr.maxPoints)
                            if cr.weight != 1 { y.key(16, "trong_so", number: cr.weight) }
                        }
                    }
                }
                previous = cy
            }
        }
        try y.write(to: path(DataFolder.clusters + ".yaml"))
    }

    func writeScores() throws {
        guard !data.scores.isEmpty else { return }
        let csv = try CSVOut(path(DataFolder.scores), header: ["Năm", "Cụm, khối", "Đơn vị", "Tiêu chí", "Điểm tự chấm",
                                                                 "Điểm cụm chấm", "Điểm cộng", "Điểm trừ", "Số phiếu", "Ghi chú"])
        for s in data.scores {
            let cluster = data.clusters[Int(s.cluster)]
            var criterion = ""
            if let ref = s.criterion, let cy = cluster.year(s.year) { criterion = cy.groups[ref.group].criteria[ref.index].code }
            csv.row([CSVOut.year(s.year), cluster.code, unitName(s.unit), criterion, CSVOut.number(s.selfScore),
                     CSVOut.number(s.clusterScore), s.bonus == 0 ? "" : CSVOut.number(s.bonus),
                     s.penalty == 0 ? "" : CSVOut.number(s.penalty), CSVOut.int(s.votes), ""])
        }
        try csv.commit()
    }

    // MARK: Movements, registrations

    func writeMovements() throws {
        guard !data.movements.isEmpty else { return }
        var y = YAMLOut()
        y.comment(0, "Phong trào thi đua.")
        y.line(0, "phong_trao:")
        for m in data.movements {
            y.line(2, "- ma: \(YAMLOut.quote(m.code))")
            y.key(4, "ten", m.name)
            y.key(4, "chu_de", m.theme)
            if m.launchedBy >= 0 { y.key(4, "phat_dong_boi", data.units[Int(m.launchedBy)].code) } else { y.key(4, "phat_dong_boi", m.launchedByText) }
            y.key(4, "cap", m.level.rawValue)
            y.key(4, "pham_vi", m.scope.rawValue)
            y.key(4, "hinh_thuc", m.type.rawValue)
            y.key(4, "ngay_phat_dong", date: m.launchDate)
            y.key(4, "tu_ngay", date: m.start)
            y.key(4, "den_ngay", date: m.end)
            y.key(4, "ke_hoach", m.plan)
            y.list(4, "chi_tieu", m.targets)
        }
        try y.write(to: path(DataFolder.movements + ".yaml"))
    }

    func writeRegistrations() throws {
        guard !data.registrations.isEmpty else { return }
        let csv = try CSVOut(path(DataFolder.registrations), header: ["Năm", "Đơn vị", "Phong trào", "Danh hiệu, hình thức",
                                                                        "Số lượng", "Nội dung đăng ký"])
        for r in data.registrations {
            csv.row([CSVOut.year(r.year), unitName(r.unit), r.movement >= 0 ? data.movements[Int(r.movement)].code : "",
                     r.entry >= 0 ? data.catalogue.entries[Int(r.entry)].name : "", CSVOut.int(r.count), r.targets ?? ""])
        }
        try csv.commit()
    }

    // MARK: Plans and programmes

    static func pad(_ n: Int) -> String { String(repeating: " ", count: n) }

    /// The mapping lines of a plan item at `indent`.
    static func itemLines(_ item: PlanItem, indent: Int) -> [String] {
        var lines: [String] = []
        if let t = item.title { lines.append(pad(indent) + "tieu_de: " + YAMLOut.quote(t)) }
        if !item.paragraphs.isEmpty {
            lines.append(pad(indent) + "noi_dung:")
            for p in item.paragraphs { lines.append(pad(indent + 2) + "- " + YAMLOut.quote(p)) }
        }
        if !item.items.isEmpty {
            lines.append(pad(indent) + "muc:")
            for sub in item.items { lines += sequenceItem(sub, indent: indent + 2) }
        }
        if lines.isEmpty { lines = [pad(indent) + "noi_dung: []"] }
        return lines
    }

    /// A plan item as an element of a sequence at `indent` ("- tieu_de: …").
    static func sequenceItem(_ item: PlanItem, indent: Int) -> [String] {
        var lines = itemLines(item, indent: indent + 2)
        lines[0] = pad(indent) + "- " + lines[0].dropFirst(indent + 2)
        return lines
    }

    static func items(_ y: inout YAMLOut, _ indent: Int, _ key: String, _ items: [PlanItem]) {
        guard !items.isEmpty else { return }
        y.line(indent, "\(key):")
        for item in items { y.lines += sequenceItem(item, indent: indent + 2) }
    }

    func signer(_ y: inout YAMLOut, _ indent: Int, _ s: Signer?) {
        guard let s else { return }
        y.line(indent, "nguoi_ky:")
        y.key(indent + 2, "thay_mat", s.onBehalfOf)
        y.key(indent + 2, "quyen_han", s.authority)
        y.key(indent + 2, "chuc_vu", s.position)
        y.key(indent + 2, "ho_ten", s.name)
    }

    func writePlans() throws {
        for (k, p) in data.plans.enumerated() {
            var y = YAMLOut()
            y.comment(0, "Kế hoạch: số, ngày, cơ quan ban hành, trích yếu, căn cứ, các mục, nhiệm vụ, nơi nhận, người ký.")
            y.key(0, "so", p.number)
            y.key(0, "ngay", date: p.date)
            y.key(0, "co_quan_ban_hanh", data.units[Int(p.issuer)].code)
            y.key(0, "dia_danh", p.place)
            y.key(0, "trich_yeu", p.title)
            y.list(0, "can_cu", p.legalBases)
            FolderWriting.items(&y, 0, "muc", p.sections)
            if !p.tasks.isEmpty {
                y.line(0, "nhiem_vu:")
                for t in p.tasks {
                    y.line(2, "- don_vi: \(YAMLOut.quote(data.units[Int(t.unit)].code))")
                    y.key(4, "noi_dung", t.content)
                    y.key(4, "han", date: t.deadline)
                }
            }
            y.list(0, "noi_nhan", p.recipients)
            signer(&y, 0, p.signer)
            let name = p.date.map { "ke-hoach-\($0.year)-\(k + 1).yaml" } ?? "ke-hoach-\(k + 1).yaml"
            try y.write(to: path(DataFolder.plansFolder + "/" + name))
        }
    }

    func writeProgrammes() throws {
        for p in data.programmes {
            var y = YAMLOut()
            y.comment(0, "Chương trình phối hợp: các bên, thời gian, nội dung, sản phẩm (số kỳ mỗi tuần/tháng/quý/năm).")
            y.key(0, "ma", p.code)
            y.key(0, "ten", p.name)
            y.key(0, "so", p.number)
            y.key(0, "ngay_ky", date: p.signedOn)
            y.key(0, "tu_ngay", date: p.start)
            y.key(0, "den_ngay", date: p.end)
            y.line(0, "cac_ben:")
            for party in p.parties {
                y.line(2, "- don_vi: \(YAMLOut.quote(data.units[Int(party.unit)].code))")
                signer(&y, 4, party.signer)
            }
            FolderWriting.items(&y, 0, "noi_dung", p.contents)
            if !p.deliverables.isEmpty {
                y.line(0, "san_pham:")
                for d in p.deliverables {
                    y.line(2, "- ma: \(YAMLOut.quote(d.code))")
                    y.key(4, "ten", d.name)
                    y.key(4, "loai", d.kind.rawValue)
                    y.key(4, "ben_thuc_hien", data.units[Int(d.party)].code)
                    y.key(4, "so_ky", int: d.perPeriod)
                    y.key(4, "moi", d.frequency.rawValue)
                    y.key(4, "thoi_luong_phut", int: d.minutes)
                    y.key(4, "tu_ngay", date: d.start)
                    y.key(4, "den_ngay", date: d.end)
                }
            }
            try y.write(to: path(DataFolder.programmesFolder + "/" + p.code.lowercased() + ".yaml"))
        }
    }

    func writeDeliveries() throws {
        guard !data.deliveries.isEmpty else { return }
        let csv = try CSVOut(path(DataFolder.deliveries), header: ["Chương trình", "Sản phẩm", "Ngày", "Số kỳ", "Thời lượng (phút)",
                                                                     "Tiêu đề", "Ghi chú"])
        for d in data.deliveries {
            let p = data.programmes[Int(d.programme)]
            csv.row([p.code, p.deliverables[Int(d.deliverable)].code, CSVOut.date(d.date), CSVOut.int(d.episodes),
                     CSVOut.int(d.minutes), d.title ?? "", ""])
        }
        try csv.commit()
    }

    // MARK: Propaganda, exemplars

    func writePropaganda() throws {
        guard !data.propaganda.isEmpty else { return }
        let csv = try CSVOut(path(DataFolder.propaganda), header: ["Đơn vị", "Năm", "Tháng", "Tin", "Bài", "Phóng sự",
                                                                     "Chuyên mục kế hoạch", "Chuyên mục đã phát", "Thời lượng (phút)", "Ghi chú"])
        for p in data.propaganda {
            csv.row([unitName(p.unit), CSVOut.year(p.year), p.month.map(String.init) ?? "", CSVOut.int(p.news),
                     CSVOut.int(p.articles), CSVOut.int(p.reportages), CSVOut.int(p.columnsPlanned), CSVOut.int(p.columnsAired),
                     CSVOut.int(p.minutes), ""])
        }
        try csv.commit()
    }

    func writeExemplars() throws {
        guard !data.exemplars.isEmpty else { return }
        let csv = try CSVOut(path(DataFolder.exemplars), header: ["Năm", "Họ và tên, tên tập thể", "Đối tượng", "Đơn vị", "Lĩnh vực",
                                                                    "Thành tích", "Hình thức tôn vinh", "Phong trào"])
        for e in data.exemplars {
            csv.row([CSVOut.year(e.year), e.name, e.kind.label, unitName(e.unit), e.field ?? "", e.achievement ?? "",
                     e.recognition ?? "", e.movement >= 0 ? data.movements[Int(e.movement)].code : ""])
        }
        try csv.commit()
    }
}
