import Vietnamese

extension GeneratorState {
    /// Gives one or two awards of every catalogue entry the year has none of yet — the
    /// huân chương and huy chương of each hạng, the danh hiệu vinh dự, the giải thưởng, the
    /// Bằng khen of a ministry, "Xã, phường, thị trấn tiêu biểu", "Thôn, tổ dân phố văn hóa"…
    /// — so the lists and the tally forms show every row. Only entries no rule reads (role
    /// `.none`) are swept, each to a subject no planting touched and who holds no other swept
    /// award that year, so the background stays clean and planted violations stay exact.
    mutating func everyForm(_ y: Int) {
        let catalogue = builder.data.catalogue
        var given = Set<Int32>()
        for a in builder.data.awards where Int(a.year) == y { given.insert(a.entry) }
        let list = py[y]!
        var usedPersons = Set<Int>()
        var usedCollectives = Set<String>()
        func free(_ u: Int) -> Bool { !touchedUnits.contains(u) && units[u].kind != .dissolved }
        func people(_ kinds: Set<Kind>?, female: Bool = false) -> [Int] {
            var out: [Int] = []
            for u in units.indices where free(u) && (kinds?.contains(units[u].kind) ?? true) {
                for p in units[u].persons where list[p].ldtt && !touchedPersons.contains(p) && !usedPersons.contains(p)
                    && (!female || persons[p].female) {
                    out.append(p)
                }
            }
            return out
        }
        func unitsOf(_ kinds: Set<Kind>) -> [Int] { units.indices.filter { free($0) && kinds.contains(units[$0].kind) } }
        let culture: Set<String> = ["SVHTTDL", "DPTTH", "BAO"]
        for (e, entry) in catalogue.entries.enumerated() where !given.contains(Int32(e)) && entry.role == .none {
            let code = entry.code
            let count = 1 + rng.int(2)
            for _ in 0..<count {
                // Household entries to a household of a commune.
                if entry.subjects == [.household] {
                    let communes = unitsOf([.commune])
                    guard !communes.isEmpty else { break }
                    var used = Set<String>()
                    award(code, y: y, household: (householdName(&used), rng.pick(communes)))
                    continue
                }
                let collectiveOnly = !entry.subjects.contains(.individual)
                let toCollective = entry.subjects.contains(.collective) && (collectiveOnly || rng.chance(0.35))
                if toCollective {
                    var candidates: [Int]
                    var group: String?
                    switch code {
                    case "VD_TINH_AH": candidates = unitsOf([.root])
                    case "VD_TP_AH": candidates = unitsOf([.district]).filter { units[$0].name.contains("thành phố") }
                    case "XA_TB": candidates = unitsOf([.commune])
                    case "THON_VH":
                        candidates = unitsOf([.commune])
                        group = "Thôn \(rng.pick(NamePools.communeStems))"
                    default: candidates = unitsOf([.department, .mass, .enterprise, .school, .hospital, .district, .commune, .armed])
                    }
                    candidates.removeAll { usedCollectives.contains("\(code)|\($0)|\(group ?? "")") }
                    guard !candidates.isEmpty else { break }
                    let u = rng.pick(candidates)
                    usedCollectives.insert("\(code)|\(u)|\(group ?? "")")
                    award(code, y: y, collectiveUnit: u, groupName: group)
                    continue
                }
                let kinds: Set<Kind>?
                var female = false
                var method: AwardMethod?
                switch code {
                case "VD_NGND", "VD_NGUT": kinds = [.school]
                case "VD_TTND", "VD_TTUT": kinds = [.hospital]
                case "VD_BMVNAH":
                    kinds = [.commune]
                    female = true
                    method = .resistance
                case _ where code.hasPrefix("HCH_QKQT") || code.hasPrefix("HCH_VANTQ") || code.hasPrefix("HCH_CSVV")
                    || code.hasPrefix("HC_QUAN_CONG") || code.hasPrefix("HC_BVTQ") || code.hasPrefix("HC_CHIEN_CONG")
                    || code == "VD_AHLLVT" || code == "HC_DUNG_CAM":
                    kinds = [.armed]
                default: kinds = nil
                }
                var candidates = people(kinds, female: female)
                if code.hasPrefix("VD_NS") || code.hasPrefix("VD_NN") {
                    candidates = candidates.filter { culture.contains(units[persons[$0].unit].code) }
                }
                if candidates.isEmpty { candidates = people(nil) }
                guard !candidates.isEmpty else { break }
                let p = rng.pick(candidates)
                usedPersons.insert(p)
                award(code, y: y, person: p, method: method,
                      formName: code == "KNC" ? "Kỷ niệm chương Vì sự nghiệp thi đua, khen thưởng" : nil)
            }
        }
    }
}
