import Document
import OfficePackage
import Domain
import Vietnamese

/// The report's sentences, each built from the aggregations (T1–T5, cluster rankings,
/// programme tracking, rule checks) of the year and the year before.
struct ReportFigures {
    let data: ProvinceData
    let year: Int
    let parties: Parties
    let t1: ResultTable, t1Before: ResultTable
    let t2: ResultTable, t3: ResultTable, t4: ResultTable, t5: ResultTable
    let rankings: [ClusterRanking]
    let violations: [Violation]

    init(_ data: ProvinceData, year: Int) {
        self.data = data
        self.year = year
        parties = Parties(data)
        let ix = DomainIndex(data)
        t1 = Aggregations.t1(data, year: year, index: ix)
        t1Before = Aggregations.t1(data, year: year - 1, index: ix)
        t2 = Aggregations.t2(data, year: year, index: ix)
        t3 = Aggregations.t3(data, year: year, index: ix)
        rankings = Aggregations.clusterRankings(data, year: year)
        t4 = Aggregations.t4(data, year: year, rankings: rankings)
        t5 = Aggregations.t5(data, year: year, index: ix)
        violations = RuleChecker.check(data, years: [year], index: ix).violations
    }

    var annexTables: [ResultTable] { [t1, t2, t3, t4, t5] }

    // MARK: Reading the tables

    /// An integer cell by row and column key (0 when absent).
    static func int(_ t: ResultTable, _ row: String, _ column: String) -> Int { t.value(row, column)?.integer ?? 0 }

    func total1(_ column: String) -> Int { Self.int(t1, "tong_cong", column) }
    func before1(_ column: String) -> Int { Self.int(t1Before, "tong_cong", column) }
    var n: (Int) -> String { Prose.n }
    var decimals: Int { data.settings.percentDecimals }
    func pct(_ a: Int, _ b: Int) -> String { Prose.percent(a, b, decimals: decimals) }
    func change(_ a: Int, _ b: Int) -> String { Prose.change(a, b, previousYear: year - 1, decimals: decimals) }

    // MARK: I. Đặc điểm tình hình

    var headcountUnits: Int { Set(data.unitYears.filter { $0.year == year }.map(\.unit)).count }

    var clusterMembers: Int {
        rankings.reduce(0) { $0 + $1.standings.count }
    }

    var situation: String {
        let clusters = rankings.map { data.clusters[Int($0.cluster)] }
        let cum = clusters.filter { $0.kind == .cum }.count, khoi = clusters.count - cum
        var s = "Năm \(year), toàn tỉnh có \(n(headcountUnits)) cơ quan, đơn vị, địa phương báo cáo số liệu thi đua, khen thưởng với tổng số \(n(total1("tong_so"))) cán bộ, công chức, viên chức, người lao động"
        if !clusters.isEmpty {
            s += "; \(n(clusterMembers)) cơ quan, đơn vị được tổ chức thành \(n(clusters.count)) cụm, khối thi đua (\(n(cum)) cụm, \(n(khoi)) khối)"
        }
        return s + "."
    }

    // MARK: II.1 Lãnh đạo, chỉ đạo

    var guidance: [String] {
        var out: [String] = []
        let plans = data.plans.filter { $0.date?.year == year }
        if !plans.isEmpty {
            let items = plans.map { p -> String in
                var s = "Kế hoạch số \(p.number ?? "…")"
                if let d = p.date { s += " \(d.formatted(.official))" }
                return s + " về \(p.title.prefix(1).lowercased() + p.title.dropFirst())"
            }
            out.append("Trong năm, các cơ quan có thẩm quyền đã ban hành \(n(plans.count)) kế hoạch về công tác thi đua, khen thưởng: " + items.joined(separator: "; ") + ".")
        }
        let launched = data.movements.filter { ($0.launchDate ?? $0.start).year == year }
        if !launched.isEmpty {
            out.append("Phát động \(n(launched.count)) phong trào thi đua: " + launched.map { "«\($0.name)»" }.joined(separator: "; ") + ".")
        }
        let registered = data.registrations.filter { $0.year == year }
        if !registered.isEmpty {
            var byEntry: [Int32: Set<Int32>] = [:]
            for r in registered where r.entry >= 0 { byEntry[r.entry, default: []].insert(r.unit) }
            let parts = byEntry.sorted { $0.key < $1.key }.map { "\(n($0.value.count)) đăng ký danh hiệu \(data.catalogue.entries[Int($0.key)].name)" }
            var s = "\(n(Set(registered.map(\.unit)).count)) cơ quan, đơn vị đã đăng ký thi đua năm \(year)"
            if !parts.isEmpty { s += ", trong đó " + Prose.list(parts) }
            out.append(s + ".")
        }
        if out.isEmpty { out.append("Ủy ban nhân dân tỉnh đã chỉ đạo các cơ quan, đơn vị, địa phương triển khai công tác thi đua, khen thưởng năm \(year).") }
        return out
    }

    // MARK: II.2 Tuyên truyền

    var propaganda: [String] {
        var out: [String] = []
        let tin = Self.int(t5, "tong_cong", "tin"), bai = Self.int(t5, "tong_cong", "bai"), ps = Self.int(t5, "tong_cong", "phong_su")
        let planned = Self.int(t5, "tong_cong", "cm_ke_hoach"), aired = Self.int(t5, "tong_cong", "cm_da_phat")
        let minutes = Self.int(t5, "tong_cong", "thoi_luong")
        if t5.rows.count > 1 {
            out.append("Các cơ quan thông tin, báo chí và hệ thống thông tin cơ sở đã đăng tải \(n(tin)) tin, \(n(bai)) bài, \(n(ps)) phóng sự về công tác thi đua, khen thưởng; phát sóng \(n(aired)) trên \(n(planned)) kỳ chuyên mục theo kế hoạch, đạt \(pct(aired, planned)), tổng thời lượng \(n(minutes)) phút (chi tiết tại Phụ lục V).")
        } else {
            out.append("Năm \(year) chưa có số liệu kết quả tuyên truyền của các cơ quan, đơn vị.")
        }
        for (pi, p) in data.programmes.enumerated() where p.start.year <= year && p.end.year >= year {
            let t = Aggregations.programmeTracking(data, programme: pi, year: year)
            let plan = Self.int(t, "tong_cong", "ke_hoach"), done = Self.int(t, "tong_cong", "da_thuc_hien")
            out.append("Thực hiện Chương trình phối hợp số \(p.number ?? "…") «\(p.name)», năm \(year) các bên đã thực hiện \(n(done)) trên \(n(plan)) kỳ sản phẩm theo kế hoạch, đạt \(pct(done, plan)).")
        }
        return out
    }

    // MARK: II.3 Phong trào thi đua

    func active(_ m: Movement) -> Bool { m.start.year <= year && m.end.year >= year }

    var regularMovements: [String] {
        let list = data.movements.filter { active($0) && $0.type == .regular }
        guard !list.isEmpty else { return ["Các cơ quan, đơn vị duy trì phong trào thi đua thường xuyên gắn với nhiệm vụ chính trị năm \(year)."] }
        return ["Năm \(year) có \(n(list.count)) phong trào thi đua thường xuyên được triển khai: " + list.map { "«\($0.name)»" }.joined(separator: "; ") + "; các cơ quan, đơn vị đã cụ thể hóa thành nội dung, chỉ tiêu thi đua sát với nhiệm vụ được giao."]
    }

    var thematicMovements: [String] {
        let list = data.movements.filter { active($0) && $0.type != .regular }
        guard !list.isEmpty else { return ["Năm \(year) không có phong trào thi đua theo chuyên đề, theo đợt."] }
        return ["Tiếp tục triển khai \(n(list.count)) phong trào thi đua theo chuyên đề, theo đợt: " + list.map { "«\($0.name)»" }.joined(separator: "; ") + "."]
    }

    var flagUnits: [ClusterStanding] { rankings.flatMap { $0.standings.filter { $0.proposal == .flag } } }
    var certificateUnits: [ClusterStanding] { rankings.flatMap { $0.standings.filter { $0.proposal == .certificate } } }
    var tiedUnits: Int { rankings.reduce(0) { $0 + $1.standings.filter(\.tied).count } }

    var clusters: [String] {
        guard !rankings.isEmpty else { return ["Năm \(year) chưa có số liệu chấm điểm của các cụm, khối thi đua."] }
        let scored = rankings.reduce(0) { $0 + $1.standings.filter { $0.total != nil }.count }
        var out = ["Các cụm, khối thi đua đã ký kết giao ước thi đua, tổ chức tự chấm điểm, chấm chéo và bình xét; \(n(scored)) trên \(n(clusterMembers)) đơn vị thành viên đã được chấm điểm. Kết quả bình xét, các cụm, khối đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho \(n(flagUnits.count)) đơn vị dẫn đầu và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho \(n(certificateUnits.count)) đơn vị (chi tiết tại Phụ lục IV)."]
        var leaders: [String] = []
        for r in rankings {
            let top = r.standings.filter { $0.rank == 1 }
            guard !top.isEmpty else { continue }
            let names = top.map { "\(data.unitName($0.unit)) (\(VietnameseNumber.format($0.total ?? 0, fractionDigits: 2, trimZeros: true)) điểm)" }
            leaders.append("\(data.clusters[Int(r.cluster)].name): " + Prose.list(names))
        }
        if !leaders.isEmpty { out.append("Đơn vị dẫn đầu các cụm, khối: " + leaders.joined(separator: "; ") + ".") }
        return out
    }

    // MARK: II.4 Điển hình tiên tiến

    var exemplars: [String] {
        let list = data.exemplars.filter { $0.year == year }
        guard !list.isEmpty else { return ["Năm \(year) chưa có số liệu điển hình tiên tiến được biểu dương."] }
        let persons = list.filter { $0.kind == .individual }.count
        let named = list.prefix(5).map { "\($0.name) (\(data.unitName($0.unit)))" }
        var kinds: [String] = []
        if persons > 0 { kinds.append("\(n(persons)) cá nhân") }
        if list.count > persons { kinds.append("\(n(list.count - persons)) tập thể, hộ gia đình") }
        return ["Năm \(year), các cấp, các ngành đã phát hiện, biểu dương \(n(list.count)) điển hình tiên tiến (\(kinds.joined(separator: ", "))), tiêu biểu như: " + named.joined(separator: "; ") + ". Các điển hình được giới thiệu trên các phương tiện thông tin đại chúng để nhân rộng."]
    }

    // MARK: II.5 Khen thưởng

    var titles: [String] {
        let ldtt = total1("ldtt"), heads = total1("tong_so"), cstdcs = total1("cstdcs")
        let first = "Năm \(year), toàn tỉnh có \(n(ldtt)) cá nhân đạt danh hiệu Lao động tiên tiến (bằng \(pct(ldtt, heads)) tổng số cán bộ, công chức, viên chức, người lao động), \(change(ldtt, before1("ldtt"))); \(n(cstdcs)) cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở (bằng \(pct(cstdcs, ldtt)) số Lao động tiên tiến), \(change(cstdcs, before1("cstdcs"))); \(n(total1("cstd_tinh"))) cá nhân đạt danh hiệu Chiến sĩ thi đua cấp tỉnh; \(n(total1("cstdtq"))) cá nhân đạt danh hiệu Chiến sĩ thi đua toàn quốc."
        let second = "Về danh hiệu tập thể: \(n(total1("ttldtt"))) tập thể đạt danh hiệu Tập thể lao động tiên tiến, \(n(total1("ttldxs"))) tập thể đạt danh hiệu Tập thể lao động xuất sắc; \(n(total1("co_tinh"))) tập thể được tặng Cờ thi đua của Ủy ban nhân dân tỉnh, \(n(total1("co_cp"))) tập thể được tặng Cờ thi đua của Chính phủ (chi tiết tại Phụ lục I)."
        return [first, second]
    }

    var overCapUnits: Int {
        guard let c = t1.column("vuot_ty_le") else { return 0 }
        return t1.rows.indices.filter { t1.rows[$0].kind == .data && t1.cells[$0][c].value != .empty }.count
    }

    var unitsWithoutHeadcount: Int {
        guard let c = t1.column("ghi_chu") else { return 0 }
        return t1.rows.indices.filter { if case .text(let s) = t1.cells[$0][c].value { return s.contains("Chưa có số lao động") }; return false }.count
    }

    var levels: [String] {
        func row(_ level: AwardLevel) -> String { "cap:\(level.rawValue)" }
        let total = Self.int(t2, "tong_cong", "tong_so"), before = Self.int(t2, "tong_cong", "nam_truoc")
        var parts: [String] = []
        for level in AwardLevel.allCases {
            let now = Self.int(t2, row(level), "tong_so"), prev = Self.int(t2, row(level), "nam_truoc")
            parts.append("\(level.label.prefix(1).lowercased() + level.label.dropFirst()) \(n(now)) (\(change(now, prev)))")
        }
        var out = ["Tổng số \(n(total)) lượt tập thể, cá nhân, hộ gia đình được khen thưởng, \(change(total, before)); trong đó: " + parts.joined(separator: "; ") + "."]
        let persons = Self.int(t2, "tong_cong", "ca_nhan"), direct = Self.int(t2, "tong_cong", "truc_tiep")
        let leaders = Self.int(t2, "tong_cong", "lanh_dao")
        var s = "Khen thưởng \(n(Self.int(t2, "tong_cong", "tap_the"))) lượt tập thể, \(n(persons)) lượt cá nhân và \(n(Self.int(t2, "tong_cong", "ho_gia_dinh"))) lượt hộ gia đình; trong số cá nhân được khen có \(n(direct)) lượt người trực tiếp lao động, sản xuất, công tác (\(pct(direct, persons))) và \(n(leaders)) lượt cán bộ lãnh đạo, quản lý"
        if t2.column("nu") != nil {
            let women = Self.int(t2, "tong_cong", "nu"), minority = Self.int(t2, "tong_cong", "dan_toc")
            s += "; \(n(women)) lượt nữ (\(pct(women, persons))), \(n(minority)) lượt người dân tộc thiểu số (\(pct(minority, persons)))"
        }
        out.append(s + ".")
        // The state-level forms by name.
        if let start = t2.row(row(.state)) {
            var items: [String] = []
            var r = start + 1
            while r < t2.rows.count && t2.rows[r].kind == .data {
                let v = Self.int(t2, t2.rows[r].key, "tong_so")
                if v > 0 { items.append("\(n(v)) \(t2.rows[r].label)") }
                r += 1
            }
            if !items.isEmpty {
                out.append("Khen thưởng cấp Nhà nước gồm: " + items.joined(separator: "; ") + " (chi tiết tại Phụ lục II).")
            } else {
                out.append("Chi tiết hình thức khen thưởng theo cấp tại Phụ lục II.")
            }
        }
        return out
    }

    var methods: [String] {
        var items: [String] = []
        for method in AwardMethod.allCases {
            let v = Self.int(t3, "loai_hinh:\(method.rawValue)", "tong_so")
            if v > 0 { items.append("\(method.label.lowercased()) \(n(v)) lượt") }
        }
        guard !items.isEmpty else { return ["Năm \(year) chưa có số liệu khen thưởng theo loại hình (Phụ lục III)."] }
        return ["Theo loại hình, khen thưởng " + items.joined(separator: ", ") + " (chi tiết tại Phụ lục III)."]
    }

    // MARK: II.6 Thẩm định, kiểm tra

    var violationsByRule: [(RuleID, Int)] {
        var counts: [RuleID: Int] = [:]
        for v in violations { counts[v.rule, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    var checks: [String] {
        if violations.isEmpty {
            return ["Qua rà soát danh sách khen thưởng năm \(year) theo các điều kiện, tiêu chuẩn của Luật Thi đua, khen thưởng, không phát hiện trường hợp nào chưa bảo đảm quy định."]
        }
        let parts = violationsByRule.map { "\(n($0.1)) trường hợp: \($0.0.summary.prefix(1).lowercased() + $0.0.summary.dropFirst()) (\($0.0.article))" }
        return ["Qua rà soát danh sách khen thưởng năm \(year), phát hiện \(n(violations.count)) trường hợp chưa bảo đảm điều kiện, tiêu chuẩn, gồm: " + parts.joined(separator: "; ") + ". Các trường hợp này đã được đề nghị cơ quan, đơn vị rà soát, hoàn chỉnh hồ sơ."]
    }

    // MARK: III. Đánh giá chung

    var strengths: [String] {
        let total = Self.int(t2, "tong_cong", "tong_so"), before = Self.int(t2, "tong_cong", "nam_truoc")
        return ["Các phong trào thi đua được triển khai sâu rộng, có nội dung, chỉ tiêu cụ thể; công tác khen thưởng cơ bản kịp thời, đúng đối tượng. Số lượt khen thưởng \(change(total, before)), số cá nhân đạt danh hiệu Lao động tiên tiến \(change(total1("ldtt"), before1("ldtt"))); khen thưởng người trực tiếp lao động, sản xuất, công tác chiếm \(pct(Self.int(t2, "tong_cong", "truc_tiep"), Self.int(t2, "tong_cong", "ca_nhan"))) số lượt cá nhân được khen."]
    }

    var weaknesses: [String] {
        var out: [String] = []
        let planned = Self.int(t5, "tong_cong", "cm_ke_hoach"), aired = Self.int(t5, "tong_cong", "cm_da_phat")
        if planned > 0 && aired < planned {
            out.append("Chuyên mục tuyên truyền về thi đua, khen thưởng mới phát sóng \(n(aired)) trên \(n(planned)) kỳ theo kế hoạch (đạt \(pct(aired, planned))).")
        }
        if overCapUnits > 0 {
            out.append("Có \(n(overCapUnits)) cơ quan, đơn vị đề nghị số Chiến sĩ thi đua cơ sở vượt tỷ lệ quy định so với số Lao động tiên tiến.")
        }
        if !violations.isEmpty {
            out.append("Còn \(n(violations.count)) trường hợp đề nghị khen thưởng chưa bảo đảm điều kiện, tiêu chuẩn (mục II.6).")
        }
        if tiedUnits > 0 {
            out.append("Có \(n(tiedUnits)) đơn vị trong các cụm, khối thi đua bằng điểm, cần Hội đồng Thi đua - Khen thưởng tỉnh bình xét.")
        }
        if unitsWithoutHeadcount > 0 {
            out.append("Có \(n(unitsWithoutHeadcount)) cơ quan, đơn vị có danh sách khen thưởng nhưng chưa báo cáo số lao động.")
        }
        out.append("Việc phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến ở một số nơi chưa thường xuyên; hồ sơ đề nghị khen thưởng có nơi còn chậm.")
        return out
    }

    // MARK: Phần thứ hai, thứ ba

    var tasks: [String] {
        let next = year + 1
        return [
            "1. Phát động và tổ chức thực hiện phong trào thi đua yêu nước năm \(next) với nội dung, chỉ tiêu cụ thể, gắn với nhiệm vụ phát triển kinh tế - xã hội của tỉnh; hướng dẫn các cơ quan, đơn vị đăng ký thi đua ngay từ đầu năm.",
            "2. Chỉ đạo \(n(rankings.count)) cụm, khối thi đua ký kết giao ước thi đua năm \(next), hoàn thiện bảng tiêu chí chấm điểm, tổ chức chấm điểm, bình xét công khai, khách quan.",
            "3. Đẩy mạnh thông tin, tuyên truyền về thi đua, khen thưởng; duy trì chuyên trang, chuyên mục «Thi đua yêu nước» và thực hiện đầy đủ kế hoạch phát sóng.",
            "4. Nâng cao chất lượng khen thưởng: đúng người, đúng thành tích, kịp thời; chú trọng khen thưởng người trực tiếp lao động, sản xuất, công tác; thẩm định chặt chẽ điều kiện, tiêu chuẩn trước khi trình khen thưởng.",
            "5. Tiếp tục phát hiện, bồi dưỡng, tôn vinh và nhân rộng các điển hình tiên tiến; kiện toàn Hội đồng Thi đua - Khen thưởng các cấp.",
        ]
    }

    var proposals: [String] {
        [
            "1. Đề nghị Ban Thi đua - Khen thưởng Trung ương, Bộ Nội vụ tiếp tục hướng dẫn thống nhất việc thực hiện Luật Thi đua, khen thưởng năm 2022 và các văn bản quy định chi tiết.",
            "2. Ủy ban nhân dân tỉnh xem xét tặng Cờ thi đua cho \(n(flagUnits.count)) tập thể dẫn đầu các cụm, khối thi đua và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho \(n(certificateUnits.count)) tập thể theo kết quả bình xét năm \(year) (có Tờ trình riêng).",
        ]
    }
}
