import Domain
import Foundation
import Spreadsheet
import Templating
import Vietnamese

/// The values the shipped templates read (names in docs/templates.md), made from the domain's
/// plans and programmes. Pure: no file is touched.
///
/// Sections are printed the official way: level 1 "I." (upper case), level 2 "1.", level 3
/// "a)"; an item without a title is a "-" line (its first paragraph after the dash), and what
/// lies below a "-" line is written as "+" lines.
public enum DocumentValues {
    /// The letters of level-3 items, in the order legal documents use (a, b, c, d, đ, e, g …).
    static let letters = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s",
                          "t", "u", "v", "x", "y"]

    // MARK: Plans

    /// The values of a plan (templates ke-hoach and ke-hoach-phat-dong).
    public static func plan(_ plan: Plan, in data: ProvinceData) -> TemplateValue {
        let header = data.agencyHeader(plan)
        var o: [(String, TemplateValue)] = []
        o.append(("co_quan_chu_quan", header.supervisor.map { .text(wrapped($0, width: headerWidth, bold: false)) } ?? .null))
        o.append(("co_quan_ban_hanh", .text(header.issuer.map { wrapped($0, width: headerWidth) }.joined(separator: "\n"))))
        o += numberAndDate(number: plan.number, date: plan.date, place: plan.place ?? defaultPlace(data),
                           fallbackYear: plan.periodStart?.year)
        o.append(("trich_yeu", .text(Text.titleCase(plan.title))))
        o.append(("chu_de", plan.theme.map { .text($0) } ?? .null))
        o.append(("can_cu", .list(plan.legalBases.map { .text(legalBasis($0)) })))
        o.append(("mo_dau", .list(plan.opening.map { .text($0) })))
        o.append(("phan", .list(sections(plan.outline(data)))))
        o.append(("ket_thuc", .list(plan.closing.map { .text($0) })))
        o.append(("noi_nhan", .list(plan.recipients.map { .text(recipient($0)) })))
        o.append(("nguoi_ky", signer(plan.signer)))
        return .object(TemplateObject(o))
    }

    /// The shipped template a plan is printed with.
    public static func template(for plan: Plan) -> ShippedTemplate {
        plan.kind == .launch ? .campaignPlan : .plan
    }

    // MARK: Programmes

    /// The values of a coordination programme (template chuong-trinh-phoi-hop), its tracking
    /// rows counted up to `asOf` (nil: the last delivery recorded).
    public static func programme(_ index: Int, in data: ProvinceData, asOf: CivilDate? = nil) -> TemplateValue {
        let p = data.programmes[index]
        var o: [(String, TemplateValue)] = []
        o.append(("cac_ben", .list(p.parties.map { party in
            .object(TemplateObject([("ten_in_hoa", .text(wrapped(data.agencyHeader(unit: party.unit).issuer.joined(separator: " "),
                                                                 width: headerWidth)))]))
        })))
        o += numberAndDate(number: p.number, date: p.signedOn, place: p.place ?? defaultPlace(data), fallbackYear: p.start.year)
        o.append(("trich_yeu", .text(Text.titleCase(p.name))))
        o.append(("can_cu", .list(p.legalBases.map { .text(legalBasis($0)) })))
        o.append(("mo_dau", .list(p.opening.map { .text($0) })))
        o.append(("phan", .list(sections(p.outline))))
        o.append(("ket_thuc", .list(p.closing.map { .text($0) })))
        o.append(("noi_nhan", .list(p.recipients.map { .text(recipient($0)) })))
        var pairs: [TemplateValue] = []
        var i = 0
        while i < p.parties.count {
            var left = partySignature(p.parties[i], data)
            var right = i + 1 < p.parties.count ? partySignature(p.parties[i + 1], data) : emptySignature
            // The same number of lines above both names, so the names stand on one line.
            let lines = { (v: TemplateValue) -> Int in
                ["co_quan", "chuc_vu"].reduce(0) { n, k in
                    if case .text(let t)? = v[k], !t.isEmpty { return n + t.split(separator: "\n", omittingEmptySubsequences: false).count }
                    return n
                }
            }
            let (l, r) = (lines(left), lines(right))
            if l < r { left = padded(left, r - l) } else if r < l, i + 1 < p.parties.count { right = padded(right, l - r) }
            pairs.append(.object(TemplateObject([("trai", left), ("phai", right)])))
            i += 2
        }
        o.append(("cap_ky", .list(pairs)))
        let rows = tracking(index, in: data, asOf: asOf)
        o.append(("co_theo_doi", .bool(!rows.isEmpty)))
        o.append(("theo_doi", .list(rows.map(\.value))))
        return .object(TemplateObject(o))
    }

    /// A row of the programme tracking table: one deliverable in one quarter (or its total).
    public struct TrackingRow: Sendable, Hashable {
        public var deliverable: String
        public var party: String
        /// "II/2022" (quarter II of 2022), or "Cộng" for the deliverable's total.
        public var quarter: String
        public var isTotal: Bool
        public var planned: Int
        public var delivered: Int

        /// Delivered ÷ planned in percent (nil when nothing was planned).
        public var rate: Double? { planned > 0 ? Double(delivered) * 100 / Double(planned) : nil }

        var value: TemplateValue {
            .object(TemplateObject([
                ("san_pham", .text(isTotal ? "Cộng: \(deliverable)" : deliverable)),
                ("quy", .text(quarter)),
                ("ke_hoach", .integer(planned)),
                ("thuc_hien", .integer(delivered)),
                ("ty_le", .text(rate.map { VietnameseNumber.format($0, fractionDigits: 1) + "%" } ?? "")),
            ]))
        }
    }

    /// Planned against delivered episodes per deliverable and quarter, from the programme's
    /// start to `asOf` (nil: the date of the last delivery recorded; no delivery: no rows).
    public static func tracking(_ index: Int, in data: ProvinceData, asOf: CivilDate? = nil) -> [TrackingRow] {
        let p = data.programmes[index]
        let records = data.deliveries.filter { Int($0.programme) == index }
        guard let until = asOf ?? records.map(\.date).max() else { return [] }
        let last = min(until, p.end)
        var rows: [TrackingRow] = []
        for (di, d) in p.deliverables.enumerated() {
            let name = d.name
            let party = data.unitName(d.party)
            var total = TrackingRow(deliverable: name, party: party, quarter: "Cộng", isTotal: true, planned: 0, delivered: 0)
            var y = max(p.start.year, d.start.year), q = (max(p.start, d.start).month - 1) / 3 + 1
            while (y, q) <= (last.year, (last.month - 1) / 3 + 1) {
                var planned = 0, delivered = 0
                for m in (q - 1) * 3 + 1...q * 3 {
                    if (y, m) > (last.year, last.month) { break }
                    planned += Aggregations.plannedEpisodes(d, year: y, month: m)
                }
                for r in records where Int(r.deliverable) == di && r.date.year == y && (r.date.month - 1) / 3 + 1 == q
                    && r.date <= last {
                    delivered += r.episodes
                }
                if planned > 0 || delivered > 0 {
                    rows.append(TrackingRow(deliverable: name, party: party, quarter: "\(RomanNumeral.formatOrDigits(q))/\(y)",
                                            isTotal: false, planned: planned, delivered: delivered))
                    total.planned += planned
                    total.delivered += delivered
                }
                q += 1
                if q > 4 { q = 1; y += 1 }
            }
            if total.planned > 0 || total.delivered > 0 { rows.append(total) }
        }
        return rows
    }

    // MARK: Pieces

    /// `so`, `dia_danh`, `ngay_thang`: "57/KH-UBND", "Kiên Giang", "ngày 11 tháng 4 năm 2019"; an
    /// unsigned draft gets blank day and month ("ngày      tháng    năm 2024") and "Số:     /…".
    static func numberAndDate(number: String?, date: CivilDate?, place: String, fallbackYear: Int?) -> [(String, TemplateValue)] {
        let line: String
        if let date {
            line = date.formatted(.official)
        } else {
            line = CivilDate.blankOfficialLine(year: fallbackYear ?? 2000)
        }
        return [("so", .text(number ?? "      ")), ("dia_danh", .text(place)), ("ngay_thang", .text(line))]
    }

    /// The place of the date line when the data gives none: the province's name.
    static func defaultPlace(_ data: ProvinceData) -> String {
        data.settings.provinceName ?? ""
    }

    /// "Căn cứ Luật …;" — each basis on its own line, starting with "Căn cứ" and ending with ";".
    static func legalBasis(_ text: String) -> String {
        var t = Text.trim(text)
        if !t.lowercased().hasPrefix("căn cứ") { t = "Căn cứ " + t }
        if let last = t.last, !";.:".contains(last) { t += ";" }
        return t
    }

    /// A recipient line without its leading dash (the template adds "- ").
    static func recipient(_ text: String) -> String {
        var t = Text.trim(text)
        while let first = t.first, first == "-" || first == "–" || first == "+" { t = Text.trim(String(t.dropFirst())) }
        return t
    }

    /// `nguoi_ky`: quyền hạn lines (TM., KT., Q.), chức vụ, họ tên.
    static func signer(_ s: Signer?) -> TemplateValue {
        guard let s else { return .null }
        let authority = [s.onBehalfOf, s.authority].compactMap { $0 }.filter { !$0.isEmpty }
        return .object(TemplateObject([
            ("quyen_han", .list(authority.map { .text($0) })),
            ("chuc_vu", .text(s.position)),
            ("ho_ten", .text(s.name)),
        ]))
    }

    static let emptySignature: TemplateValue = .object(TemplateObject([("co_quan", ""), ("chuc_vu", ""), ("ho_ten", "")]))

    /// One party's block of a programme: the party (or the signer's TM. line), the signer's
    /// position lines, the name.
    static func partySignature(_ party: ProgrammeParty, _ data: ProvinceData) -> TemplateValue {
        let agency = data.agencyHeader(unit: party.unit).issuer.joined(separator: " ")
        guard let s = party.signer else {
            return .object(TemplateObject([("co_quan", .text(wrapped(agency, width: signatureWidth, size: 14))), ("chuc_vu", ""), ("ho_ten", "")]))
        }
        let lines = [s.authority, s.position].compactMap { $0 }.filter { !$0.isEmpty }
        return .object(TemplateObject([
            ("co_quan", .text(wrapped(s.onBehalfOf.flatMap { $0.isEmpty ? nil : $0 } ?? agency, width: signatureWidth, size: 14))),
            ("chuc_vu", .text(lines.joined(separator: "\n"))),
            ("ho_ten", .text(s.name)),
        ]))
    }

    /// `chuc_vu` of a signature block with `n` more empty lines at its end.
    static func padded(_ v: TemplateValue, _ n: Int) -> TemplateValue {
        guard case .object(var o) = v, case .text(let t)? = o["chuc_vu"] else { return v }
        o["chuc_vu"] = .text(t + String(repeating: "\n", count: n))
        return .object(o)
    }

    /// Usable width of the header's left column (3,829 twips less the cell margins), points.
    static let headerWidth = 3829.0 / 20 - 11
    /// Usable width of one signature column (half the 155 mm text area), points.
    static let signatureWidth = 155 / 25.4 * 72 / 2 - 6

    /// An upper-case agency name that does not fit `width` at 13 pt split into balanced lines at
    /// word boundaries ("SỞ THÔNG TIN" ⏎ "VÀ TRUYỀN THÔNG"), rather than left to wrap with one word
    /// alone on the last line.
    static func wrapped(_ text: String, width: Double, size: Double = 13, bold: Bool = true) -> String {
        func w(_ s: String) -> Double { TextMeasure.width(s, size: size, bold: bold) }
        let words = text.split(separator: " ").map(String.init)
        guard w(text) > width, words.count > 1 else { return text }
        for count in 2...min(4, words.count) {
            // Every cut into `count` lines (agency names are a few words) that fits; a cut
            // before "VÀ" reads best ("SỞ THÔNG TIN" ⏎ "VÀ TRUYỀN THÔNG"), else the narrowest.
            var fitting: [(lines: [String], widest: Double)] = []
            func search(_ start: Int, _ left: Int, _ acc: [String]) {
                if left == 1 {
                    let lines = acc + [words[start...].joined(separator: " ")]
                    let widest = lines.map(w).max()!
                    if widest <= width { fitting.append((lines, widest)) }
                    return
                }
                guard words.count - start > left - 1 else { return }
                for end in (start + 1)...(words.count - (left - 1)) {
                    search(end, left - 1, acc + [words[start..<end].joined(separator: " ")])
                }
            }
            search(0, count, [])
            let atAnd = fitting.filter { $0.lines.dropFirst().contains { $0.hasPrefix("VÀ ") } }
            if let best = (atAnd.isEmpty ? fitting : atAnd).min(by: { $0.widest < $1.widest }) {
                return best.lines.joined(separator: "\n")
            }
        }
        return text
    }

    /// The level-1 sections ("I.") with everything below them.
    static func sections(_ items: [PlanItem]) -> [TemplateValue] {
        var n = 0
        return items.map { item in
            if item.title == nil || item.title!.isEmpty {
                return numbered(item, number: "", level: 1)
            }
            n += 1
            return numbered(item, number: RomanNumeral.formatOrDigits(n), level: 1)
        }
    }

    /// An item of level 1 ("I."), 2 ("1.") or 3 ("a)"): every key present (the template's
    /// loops read `noi_dung`, `muc`, `tiet`, `y` at every level).
    static func numbered(_ item: PlanItem, number: String, level: Int) -> TemplateValue {
        var title = item.title.map(Text.trim) ?? ""
        if level == 1 { title = Vietnamese.nfc(title.uppercased()) }
        var paragraphs = item.paragraphs
        if let deadline = item.deadline { paragraphs.append("Thời hạn: \(deadline.formatted(.numeric)).") }
        var muc: [TemplateValue] = [], tiet: [TemplateValue] = [], y: [TemplateValue] = []
        var k = 0
        for child in item.items {
            guard let t = child.title, !Text.trim(t).isEmpty, level < 3 else {
                y.append(dash(child))
                continue
            }
            k += 1
            if level == 1 {
                muc.append(numbered(child, number: String(k), level: 2))
            } else {
                tiet.append(numbered(child, number: letter(k), level: 3))
            }
        }
        return .object(TemplateObject([
            ("so", .text(number)), ("tieu_de", .text(title)),
            ("noi_dung", .list(paragraphs.map { .text($0) })),
            ("muc", .list(muc)), ("tiet", .list(tiet)), ("y", .list(y)),
        ]))
    }

    /// A "-" line: the title (or first paragraph) after the dash, then the rest, and the items
    /// below as "+" lines.
    static func dash(_ item: PlanItem) -> TemplateValue {
        var lines = item.paragraphs
        var head: String
        if let t = item.title, !Text.trim(t).isEmpty {
            head = Text.trim(t)
        } else {
            head = lines.isEmpty ? "" : lines.removeFirst()
        }
        if let deadline = item.deadline { lines.append("Thời hạn: \(deadline.formatted(.numeric)).") }
        for (depth, sub) in item.items.flatMap({ $0.flattened() }) {
            let indent = String(repeating: "  ", count: depth)
            let texts = (sub.title.map { [Text.trim($0)] } ?? []).filter { !$0.isEmpty } + sub.paragraphs
            for (i, t) in texts.enumerated() { lines.append(i == 0 ? indent + "+ " + t : indent + t) }
        }
        if head.isEmpty, !lines.isEmpty { head = lines.removeFirst() }
        return .object(TemplateObject([
            ("so", ""), ("tieu_de", .text(head)), ("noi_dung", .list(lines.map { .text($0) })),
            ("muc", .list([])), ("tiet", .list([])), ("y", .list([])),
        ]))
    }

    static func letter(_ k: Int) -> String {
        k <= letters.count ? letters[k - 1] : letters[(k - 1) % letters.count] + String((k - 1) / letters.count)
    }
}

extension RomanNumeral {
    /// "IV" for 4; digits when out of the numerals' range.
    static func formatOrDigits(_ n: Int) -> String { (try? format(n)) ?? String(n) }
}

/// Small text helpers.
enum Text {
    static func trim(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// A trích yếu as printed: the first letter upper case, the rest as written.
    static func titleCase(_ s: String) -> String {
        let t = trim(s)
        guard let first = t.first else { return t }
        return Vietnamese.nfc(first.uppercased() + t.dropFirst())
    }
}
