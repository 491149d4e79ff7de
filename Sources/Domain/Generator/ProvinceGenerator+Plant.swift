import Vietnamese

extension GeneratorState {
    /// Plants the requested violations in the last main year, each in a unit or person no
    /// other planting touches, so each is found exactly once and nothing else changes.
    mutating func plant() {
        let y = lastYear
        let list = py[y]!
        func want(_ r: RuleID) -> Int { spec.planted[r] ?? 0 }
        func key(_ r: RuleID, _ u: Int, _ subject: String = "") -> String { "\(r.rawValue)|\(y)|\(units[u].code)|\(subject)" }
        var order = self.units.indices.filter { units[$0].headcount > 0 }
        rng.shuffle(&order)
        let catalogue = builder.data.catalogue
        func awarded(_ code: String) -> Set<Int32> {
            let e = Int32(catalogue.index(code: code)!)
            return Set(builder.data.awards.filter { $0.entry == e && Int($0.year) == y }.map(\.subject))
        }
        func ldtt(_ u: Int) -> [Int] { units[u].persons.filter { list[$0].ldtt } }
        func cstdcsCount(_ u: Int) -> Int { units[u].persons.filter { list[$0].cstdcs }.count }
        func record(_ r: RuleID, _ done: Int) { if done < want(r) { shortfall[r] = want(r) - done } }

        // R1: CSTĐCS to someone without LĐTT, in a unit with room under the quota.
        var done = 0
        for u in order where done < want(.r1) && !touchedUnits.contains(u) {
            guard cstdcsCount(u) < quota(ldtt(u).count),
                  let p = units[u].persons.first(where: { !list[$0].ldtt && list[$0].rating == .completed && !touchedPersons.contains($0) })
            else { continue }
            award("CSTDCS", y: y, person: p, rating: list[p].rating, initiative: initiative(y))
            touchedUnits.insert(u); touchedPersons.insert(p)
            plantedKeys.append(key(.r1, u, persons[p].code))
            done += 1
        }
        record(.r1, done)

        // R2: CSTĐCS up to quota + 1 among the LĐTT.
        done = 0
        for u in order where done < want(.r2) && !touchedUnits.contains(u) {
            let l = ldtt(u)
            let need = quota(l.count) + 1 - cstdcsCount(u)
            let free = l.filter { !list[$0].cstdcs && !touchedPersons.contains($0) }
            guard need > 0, free.count >= need else { continue }
            for p in free.prefix(need) {
                award("CSTDCS", y: y, person: p, rating: list[p].rating, initiative: initiative(y))
                touchedPersons.insert(p)
            }
            touchedUnits.insert(u)
            plantedKeys.append(key(.r2, u))
            done += 1
        }
        record(.r2, done)

        // R5: TTLĐXS to a unit that has TTLĐTT but fails the TTLĐXS criteria.
        let s = builder.data.settings
        let ttldtt = awarded("TTLDTT"), ttldxs = awarded("TTLDXS")
        done = 0
        for u in order where done < want(.r5) && !touchedUnits.contains(u) {
            let subject = builder.collective(name: nil, unit: units[u].index)
            guard ttldtt.contains(subject), !ttldxs.contains(subject) else { continue }
            let h = units[u].persons.count
            let fails = Double(ldtt(u).count) * 100 < s.ttldxsMinLDTTPercent * Double(h) || cstdcsCount(u) < s.ttldxsMinCSTDCS
                || units[u].persons.contains { list[$0].rating == .notCompleted }
            guard fails else { continue }
            award("TTLDXS", y: y, collectiveUnit: u)
            touchedUnits.insert(u)
            plantedKeys.append(key(.r5, u))
            done += 1
        }
        record(.r5, done)

        // R6: TTLĐTT to a unit that did not earn it.
        done = 0
        for u in order where done < want(.r6) && !touchedUnits.contains(u) {
            let subject = builder.collective(name: nil, unit: units[u].index)
            guard !ttldtt.contains(subject) else { continue }
            award("TTLDTT", y: y, collectiveUnit: u)
            touchedUnits.insert(u)
            plantedKeys.append(key(.r6, u))
            done += 1
        }
        record(.r6, done)

        // R12: LĐTT to someone rated "Hoàn thành nhiệm vụ".
        done = 0
        for u in order where done < want(.r12) && !touchedUnits.contains(u) {
            guard let p = units[u].persons.first(where: { !list[$0].ldtt && list[$0].rating == .completed && !touchedPersons.contains($0) })
            else { continue }
            award("LDTT", y: y, person: p, rating: .completed)
            touchedUnits.insert(u); touchedPersons.insert(p)
            plantedKeys.append(key(.r12, u, persons[p].code))
            done += 1
        }
        record(.r12, done)

        // R3: CSTĐ cấp tỉnh without the CSTĐCS streak.
        var people = persons.indices.filter { list[$0].ldtt && !list[$0].cstdcs }
        rng.shuffle(&people)
        done = 0
        for p in people where done < want(.r3) && !touchedPersons.contains(p) {
            award("CSTD_TINH", y: y, person: p)
            touchedPersons.insert(p)
            plantedKeys.append(key(.r3, persons[p].unit, persons[p].code))
            done += 1
        }
        record(.r3, done)

        // R4: CSTĐTQ to a CSTĐ cấp tỉnh of the year with no earlier one.
        done = 0
        for p in cstdTinh[y] ?? [] where done < want(.r4) && !(cstdtq[y] ?? []).contains(p) && !touchedPersons.contains(p) {
            award("CSTDTQ", y: y, person: p)
            touchedPersons.insert(p)
            plantedKeys.append(key(.r4, persons[p].unit, persons[p].code))
            done += 1
        }
        record(.r4, done)

        // R7, R8: Cờ to units ranked below the first place.
        let coTinh = awarded("CO_TINH"), coCP = awarded("CO_CP")
        var flagUnits = Set<Int>()
        for (rule, code, had) in [(RuleID.r7, "CO_TINH", coTinh), (.r8, "CO_CP", coCP)] {
            done = 0
            for r in rankings[y] ?? [] {
                for st in r.standings where done < want(rule) {
                    guard let rank = st.rank, rank > 1, let u = unitByCode[builder.data.units[Int(st.unit)].code],
                          !flagUnits.contains(u) else { continue }
                    let subject = builder.collective(name: nil, unit: st.unit)
                    guard !had.contains(subject) else { continue }
                    award(code, y: y, collectiveUnit: u)
                    flagUnits.insert(u)
                    plantedKeys.append(key(rule, u))
                    done += 1
                }
            }
            record(rule, done)
        }

        // R9: a Giấy khen row given twice.
        let gk = Int32(catalogue.index(code: "GK")!)
        done = 0
        let count = builder.data.awards.count
        for i in 0..<count where done < want(.r9) {
            let a = builder.data.awards[i]
            guard a.entry == gk, Int(a.year) == y, builder.data.subjects[Int(a.subject)].kind == .individual,
                  let p = persons.firstIndex(where: { $0.subject == a.subject }), !touchedPersons.contains(p) else { continue }
            builder.addAward(a)
            formNames.append(formNames[i])
            touchedPersons.insert(p)
            plantedKeys.append(key(.r9, persons[p].unit, persons[p].code))
            done += 1
        }
        record(.r9, done)

        // R10: a Giấy khen to someone not on the year's list, or in a unit that no longer exists.
        done = 0
        let dissolved = unitByCode["SNGV"]!
        var used = Set(persons.map(\.name))
        let reserved = ["Khải", "Lộc", "Thiện", "Bảo", "Nhân", "Đoan", "Uyên", "Diệp", "Thái", "Ân"]
        for (k, u) in order.enumerated() where done < want(.r10) {
            var name = ""
            var n = k
            repeat {
                name = "\(NamePools.family[n % NamePools.family.count]) \(n % 2 == 0 ? "Văn" : "Thị") \(reserved[(n / 7) % reserved.count])"
                if n >= NamePools.family.count * reserved.count { name += " \(n)" }
                n += 1
            } while used.contains(name)
            used.insert(name)
            let target = done % 2 == 0 ? u : dissolved
            let subject = builder.person(name: name, code: nil, unit: units[target].index)
            award("GK", y: y, person: units[u].persons[0], formName: "Giấy khen của \(issuerTitle(target))",
                  issuer: target, subjectOverride: subject, unitOverride: target)
            plantedKeys.append(key(.r10, target, name))
            done += 1
        }
        record(.r10, done)

        // R11: Bằng khen tỉnh to a person not "hoàn thành xuất sắc" two years running.
        let bk = awarded("BK_TINH")
        done = 0
        for p in people where done < want(.r11) && !touchedPersons.contains(p) {
            guard list[p].rating == .good, !bk.contains(persons[p].subject) else { continue }
            award("BK_TINH", y: y, person: p)
            touchedPersons.insert(p)
            plantedKeys.append(key(.r11, persons[p].unit, persons[p].code))
            done += 1
        }
        record(.r11, done)
    }
}
