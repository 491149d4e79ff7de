import Vietnamese

extension GeneratorState {
    func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { (try? CivilDate(year: y, month: m, day: d)) ?? .minimum }

    func unitIndex(_ code: String) -> Int32 { units[unitByCode[code]!].index }

    // MARK: Movements and registrations

    mutating func addMovement(_ code: String, _ name: String, theme: String? = nil, by: String?, byText: String? = nil,
                              _ level: MovementLevel, _ scope: MovementScope, _ type: MovementType, launch: CivilDate?,
                              _ start: CivilDate, _ end: CivilDate, targets: [String] = [], plan: String? = nil) {
        movementCodes[code] = Int32(builder.data.movements.count)
        builder.addMovement(Movement(code: code, name: name, theme: theme, launchedBy: by.map(unitIndex) ?? -1,
                                     launchedByText: byText, level: level, scope: scope, type: type, launchDate: launch,
                                     start: start, end: end, targets: targets, plan: plan, origin: .none))
    }

    mutating func makeMovements() {
        let p = spec.provinceName
        addMovement("NGHEO-2016", "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau", by: nil,
                    byText: "Thủ tướng Chính phủ", .central, .national, .thematic, launch: date(2016, 4, 9),
                    date(2016, 4, 9), date(2025, 12, 31))
        addMovement("VHCS-2019", "Cán bộ, công chức, viên chức tỉnh \(p) thi đua thực hiện văn hóa công sở", by: "UBND_TINH",
                    .provincial, .provincial, .thematic, launch: date(2019, 3, 1), date(2019, 3, 1), date(2025, 12, 31),
                    targets: ["100% cơ quan, đơn vị thực hiện quy chế văn hóa công sở"])
        addMovement("NTM-2021", "\(p) chung sức xây dựng nông thôn mới", by: "UBND_TINH", .provincial, .provincial, .thematic,
                    launch: date(2021, 2, 20), date(2021, 1, 1), date(2025, 12, 31),
                    targets: ["100% số xã đạt chuẩn nông thôn mới nâng cao"])
        let first = spec.years.first!
        addMovement("CDS-\(first)", "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước tỉnh \(p)", by: "UBND_TINH", .provincial,
                    .provincial, .thematic, launch: date(first, 3, 15), date(first, 3, 15), date(first + 2, 12, 31))
        for y in spec.years {
            addMovement("TD-\(y)", "Phong trào thi đua yêu nước năm \(y)",
                        theme: "Đoàn kết, kỷ cương, đổi mới, sáng tạo, hoàn thành thắng lợi nhiệm vụ năm \(y)", by: "UBND_TINH",
                        .provincial, .provincial, .regular, launch: date(y, 1, 24), date(y, 1, 1), date(y, 12, 31),
                        targets: ["Hoàn thành và vượt các chỉ tiêu kinh tế - xã hội năm \(y)"], plan: "\(y % 100)/KH-UBND")
            addMovement("TTTT-\(y)", "Ngành Thông tin và Truyền thông tỉnh \(p) thi đua lập thành tích kỷ niệm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc",
                        theme: "Hành động, phục vụ người dân và doanh nghiệp", by: "STTTT", .agency, .agency, .campaign,
                        launch: date(y, 1, 24), date(y, 2, 1), date(y, 6, 11), plan: "03/KH-STTTT")
            addMovement("K1-\(y)", "Khối các cơ quan tổng hợp thi đua thực hiện giao ước năm \(y)", by: "SNV", .agency,
                        .cluster, .regular, launch: date(y, 2, 15), date(y, 1, 1), date(y, 12, 31))
        }
    }

    mutating func makeRegistrations() {
        let catalogue = builder.data.catalogue
        let ttldtt = Int32(catalogue.index(code: "TTLDTT")!), ttldxs = Int32(catalogue.index(code: "TTLDXS")!)
        for y in spec.years {
            let m = movementCodes["TD-\(y)"] ?? -1
            for u in units where u.headcount > 0 {
                let big = u.headcount >= 10
                builder.addRegistration(Registration(year: y, unit: u.index, movement: m, entry: big ? ttldxs : ttldtt, count: 1,
                                                     targets: "Hoàn thành xuất sắc nhiệm vụ năm \(y); 100% cán bộ hoàn thành nhiệm vụ",
                                                     origin: .none))
            }
        }
    }

    // MARK: Plans

    mutating func makePlans() {
        let p = spec.provinceName
        for (k, y) in spec.years.enumerated() {
            let bases = [
                "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
                "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
                "Chỉ thị số 34-CT/TW ngày 07 tháng 4 năm 2014 của Bộ Chính trị về tiếp tục đổi mới công tác thi đua, khen thưởng",
                "Kế hoạch số \(y % 100)/KH-UBND ngày 24 tháng 01 năm \(y) của Ủy ban nhân dân tỉnh về phát động phong trào thi đua năm \(y)",
            ]
            let sections = [
                PlanItem(title: "MỤC ĐÍCH, YÊU CẦU", items: [
                    PlanItem(title: "Mục đích", paragraphs: ["Tuyên truyền sâu rộng tư tưởng thi đua ái quốc của Chủ tịch Hồ Chí Minh; chủ trương của Đảng, chính sách, pháp luật của Nhà nước về thi đua, khen thưởng."]),
                    PlanItem(title: "Yêu cầu", paragraphs: ["Công tác tuyên truyền phải thường xuyên, kịp thời, đúng định hướng; gắn với phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến."]),
                ]),
                PlanItem(title: "NỘI DUNG THÔNG TIN, TUYÊN TRUYỀN", items: [
                    PlanItem(title: nil, paragraphs: ["Tư tưởng thi đua ái quốc của Chủ tịch Hồ Chí Minh."]),
                    PlanItem(title: nil, paragraphs: ["Chính sách, pháp luật về thi đua, khen thưởng; Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn."]),
                    PlanItem(title: nil, paragraphs: ["Các phong trào thi đua do Trung ương, tỉnh phát động: «Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau», «\(p) chung sức xây dựng nông thôn mới»."]),
                    PlanItem(title: nil, paragraphs: ["Gương điển hình tiên tiến, người tốt, việc tốt trên các lĩnh vực."]),
                ]),
                PlanItem(title: "HÌNH THỨC TUYÊN TRUYỀN", paragraphs: ["Trên Báo \(p), Đài Phát thanh và Truyền hình tỉnh (chuyên trang, chuyên mục), Cổng thông tin điện tử tỉnh, trang thông tin của Hội đồng Thi đua - Khen thưởng tỉnh, đài truyền thanh cấp huyện, xã; hội nghị, hội thi."]),
                PlanItem(title: "CÁC HOẠT ĐỘNG", items: [
                    PlanItem(title: "Cấp tỉnh", paragraphs: ["Tổ chức Hội nghị biểu dương các điển hình tiên tiến cấp tỉnh năm \(y)."]),
                    PlanItem(title: "Cấp huyện", paragraphs: ["Tuyên truyền trên đài truyền thanh cấp huyện, trạm truyền thanh cấp xã."]),
                ]),
                PlanItem(title: "TỔ CHỨC THỰC HIỆN", paragraphs: ["Các cơ quan, đơn vị triển khai thực hiện; cuối năm tổng hợp kết quả báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ - Ban Thi đua - Khen thưởng)."]),
            ]
            var tasks = [
                PlanTask(unit: unitIndex("SNV"), content: "Chủ trì, hướng dẫn, theo dõi, tổng hợp kết quả thực hiện Kế hoạch; đưa công tác tuyên truyền vào tiêu chí chấm điểm cụm, khối thi đua.", deadline: date(y, 12, 15)),
                PlanTask(unit: unitIndex("STTTT"), content: "Hướng dẫn các cơ quan báo chí, hệ thống thông tin cơ sở tuyên truyền về thi đua, khen thưởng.", deadline: nil),
                PlanTask(unit: unitIndex("BAO"), content: "Duy trì chuyên trang «Thi đua yêu nước».", deadline: nil),
                PlanTask(unit: unitIndex("DPTTH"), content: "Duy trì chuyên mục «Thi đua yêu nước», 2 số/tuần, thời lượng 10 phút.", deadline: nil),
                PlanTask(unit: unitIndex("MTTQ"), content: "Phối hợp tuyên truyền trong đoàn viên, hội viên và nhân dân.", deadline: nil),
            ]
            for u in units where u.kind == .district {
                tasks.append(PlanTask(unit: u.index, content: "Xây dựng kế hoạch tuyên truyền của địa phương; báo cáo kết quả trước ngày 15 tháng 11 năm \(y).", deadline: date(y, 11, 15)))
            }
            builder.addPlan(Plan(number: "\(57 + k)/KH-UBND", date: date(y, 4, 11), issuer: unitIndex("UBND_TINH"), place: p,
                                 title: "Thông tin, tuyên truyền về công tác thi đua, khen thưởng năm \(y)", legalBases: bases,
                                 sections: sections, tasks: tasks,
                                 recipients: ["Ban Thi đua - Khen thưởng Trung ương", "TT. Tỉnh ủy, TT. HĐND tỉnh", "CT, các PCT UBND tỉnh",
                                              "UBMTTQVN tỉnh", "Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố",
                                              "Báo \(p), Đài PT-TH tỉnh", "Lưu: VT, SNV."],
                                 signer: Signer(onBehalfOf: "TM. ỦY BAN NHÂN DÂN", authority: "KT. CHỦ TỊCH", position: "PHÓ CHỦ TỊCH",
                                                name: "Nguyễn Văn Bình"),
                                 origin: .none))
        }
    }

    // MARK: Programme and deliveries

    mutating func makeProgramme() {
        let p = spec.provinceName
        let start = date(2020, 11, 26), end = date(2025, 12, 31)
        let deliverables = [
            Deliverable(code: "CM_TDYN", name: "Chuyên mục «Thi đua yêu nước»", kind: .column, party: unitIndex("DPTTH"),
                        perPeriod: 2, frequency: .week, minutes: 10, start: date(2021, 1, 1), end: end),
            Deliverable(code: "PS_DHTT", name: "Phóng sự về điển hình tiên tiến", kind: .reportage, party: unitIndex("DPTTH"),
                        perPeriod: 1, frequency: .month, minutes: 15, start: date(2021, 1, 1), end: end),
            Deliverable(code: "CT_BAO", name: "Chuyên trang «Thi đua yêu nước» trên Báo \(p)", kind: .column, party: unitIndex("BAO"),
                        perPeriod: 1, frequency: .month, minutes: nil, start: date(2021, 1, 1), end: end),
            Deliverable(code: "TIN_CONG", name: "Tin, bài trên Cổng thông tin điện tử tỉnh", kind: .news, party: unitIndex("STTTT"),
                        perPeriod: 4, frequency: .month, minutes: nil, start: date(2021, 1, 1), end: end),
            Deliverable(code: "TOA_DAM", name: "Tọa đàm, giao lưu điển hình tiên tiến", kind: .talk, party: unitIndex("SNV"),
                        perPeriod: 1, frequency: .quarter, minutes: 30, start: date(2021, 1, 1), end: end),
        ]
        let signers = [
            ("SNV", Signer(onBehalfOf: nil, authority: nil, position: "GIÁM ĐỐC", name: "Trần Quốc Hùng")),
            ("STTTT", Signer(onBehalfOf: nil, authority: nil, position: "GIÁM ĐỐC", name: "Lê Thị Thu Hà")),
            ("BAO", Signer(onBehalfOf: nil, authority: nil, position: "TỔNG BIÊN TẬP", name: "Phạm Văn Long")),
            ("DPTTH", Signer(onBehalfOf: nil, authority: nil, position: "GIÁM ĐỐC", name: "Nguyễn Đông Bắc")),
        ]
        let contents = [
            PlanItem(title: "Tuyên truyền", paragraphs: ["Tuyên truyền chủ trương, chính sách, pháp luật về thi đua, khen thưởng và các phong trào thi đua."]),
            PlanItem(title: "Phát hiện, xây dựng điển hình tiên tiến, gương người tốt việc tốt", paragraphs: ["Phát hiện, bồi dưỡng, xây dựng các mô hình, điển hình tiên tiến."]),
            PlanItem(title: "Tôn vinh và khen thưởng nhân rộng điển hình", paragraphs: ["Kịp thời tôn vinh, khen thưởng và nhân rộng các điển hình tiên tiến."]),
        ]
        builder.addProgramme(Programme(
            code: "CTPH-2020", name: "Đẩy mạnh tuyên truyền công tác thi đua, khen thưởng và phát hiện, nhân rộng điển hình tiên tiến giai đoạn 2020 - 2025",
            number: "01/CTrPH-SNV-STTTT-BBN-ĐPTTH", signedOn: start, start: start, end: end,
            parties: signers.map { ProgrammeParty(unit: unitIndex($0.0), signer: $0.1) }, contents: contents,
            deliverables: deliverables, origin: .none))
        // Deliveries in the main years: most of what was planned, a few misses.
        for y in spec.years {
            for (di, d) in deliverables.enumerated() {
                for m in 1...12 {
                    let planned = Aggregations.plannedEpisodes(d, year: y, month: m)
                    guard planned > 0 else { continue }
                    let days = CivilDate.daysInMonth(year: y, month: m)!
                    for k in 0..<planned where rng.chance(0.93) {
                        let day = min(days, 1 + (k * days) / planned + rng.int(3))
                        let minutes = d.minutes.map { $0 + (rng.chance(0.2) ? rng.int(in: -2...3) : 0) }
                        builder.addDelivery(DeliveryRecord(programme: 0, deliverable: Int32(di), date: date(y, m, day), episodes: 1,
                                                           minutes: minutes, title: "\(d.name) — tháng \(m)/\(y), kỳ \(k + 1)",
                                                           origin: .none))
                    }
                }
            }
        }
    }

    // MARK: Propaganda and exemplars

    mutating func makePropaganda() {
        let agencies = ["SNV", "STTTT", "BAO", "DPTTH", "MTTQ"].map { unitByCode[$0]! } + units.indices.filter { units[$0].kind == .district }
        for y in spec.years {
            for u in agencies {
                for m in 1...12 {
                    let planned = units[u].code == "DPTTH" ? 8 + (m % 3 == 0 ? 1 : 0) : rng.int(3)
                    let aired = max(0, planned - (rng.chance(0.15) ? 1 : 0))
                    builder.addPropaganda(PropagandaOutput(unit: units[u].index, year: y, month: m, news: rng.int(in: 2...10),
                                                           articles: rng.int(in: 0...5), reportages: rng.int(in: 0...2),
                                                           columnsPlanned: planned, columnsAired: aired, minutes: aired * 10,
                                                           origin: .none))
                }
            }
        }
    }

    mutating func makeExemplars() {
        for y in spec.years {
            let list = py[y]!
            var people = persons.indices.filter { list[$0].cstdcs }
            rng.shuffle(&people)
            for p in people.prefix(max(3, people.count / 20)) {
                builder.addExemplar(Exemplar(year: y, name: persons[p].name, kind: .individual, unit: units[persons[p].unit].index,
                                             field: rng.pick(NamePools.fields),
                                             achievement: "Có sáng kiến được công nhận, hoàn thành xuất sắc nhiệm vụ năm \(y)",
                                             recognition: "Biểu dương tại Hội nghị điển hình tiên tiến năm \(y)",
                                             movement: movementCodes["TD-\(y)"] ?? -1, origin: .none))
            }
        }
    }
}
