// The supported worksheet functions.
//
// Common rules (where Excel and LibreOffice agree):
// - in ranges, SUM/AVERAGE/MIN/MAX/… use numbers only (text and empty cells are skipped);
//   errors propagate; logical cells are unknowable (Excel skips them, LibreOffice counts 1/0);
// - direct arguments: numbers and logicals count; text is unknowable (Excel converts "3",
//   LibreOffice gives #VALUE!);
// - the first error in argument order wins.

extension FormulaEvaluator {
    /// Statistics shared by the plain functions and SUBTOTAL.
    enum Statistic: Int {
        case average = 1, count, countA, max, min, product, stdev, stdevP, sum, variance, varianceP
    }

    /// The function names `evaluate` understands.
    static let supported: Set<String> = [
        "SUM", "AVERAGE", "MIN", "MAX", "COUNT", "COUNTA", "COUNTBLANK", "PRODUCT", "STDEV", "STDEVP",
        "VAR", "VARP", "SUBTOTAL", "COUNTIF", "COUNTIFS", "SUMIF", "SUMIFS", "AVERAGEIF",
        "ROUND", "ROUNDUP", "ROUNDDOWN", "INT", "ABS", "IF", "IFERROR", "AND", "OR", "NOT",
        "TRUE", "FALSE", "NA", "RANK", "RANK.EQ",
    ]

    func call(_ name: String, _ args: [FormulaNode]) throws(EvaluationFailure) -> Operand {
        func arity(_ range: ClosedRange<Int>) throws(EvaluationFailure) {
            // Excel refuses such a formula; LibreOffice computes something.
            guard range.contains(args.count) else { throw .unknowable }
        }
        switch name {
        case "SUM", "AVERAGE", "MIN", "MAX", "PRODUCT", "STDEV", "STDEVP", "VAR", "VARP":
            try arity(1...255)
            let stat: Statistic = switch name {
            case "SUM": .sum
            case "AVERAGE": .average
            case "MIN": .min
            case "MAX": .max
            case "PRODUCT": .product
            case "STDEV": .stdev
            case "STDEVP": .stdevP
            case "VAR": .variance
            default: .varianceP
            }
            let values = try numbers(args, missingAsZero: stat == .sum, subtotal: nil)
            return .value(.number(try Self.statistic(stat, values)))
        case "COUNT":
            try arity(1...255)
            return .value(.number(Double(try count(args))))
        case "COUNTA":
            try arity(1...255)
            return .value(.number(Double(try countA(args))))
        case "COUNTBLANK":
            try arity(1...1)
            let b = try reference(args[0])
            var nonBlank = 0
            try forEachCell(b) { _, _, c throws(EvaluationFailure) in
                switch c.value {
                case .empty, .text(""): break
                default: nonBlank += 1
                }
            }
            return .value(.number(Double(b.count - nonBlank)))
        case "SUBTOTAL":
            try arity(2...255)
            return .value(.number(try subtotal(args)))
        case "COUNTIF", "COUNTIFS":
            try arity(name == "COUNTIF" ? 2...2 : 2...254)
            guard args.count % 2 == 0 else { throw .unknowable }
            let (ranges, criteria) = try criteriaPairs(args[...])
            var n = 0
            try conditional(ranges, criteria, target: nil) { _, times throws(EvaluationFailure) in n += times }
            return .value(.number(Double(n)))
        case "SUMIF", "AVERAGEIF":
            try arity(2...3)
            let range = try reference(args[0])
            let criterion = try criterion(args[1])
            var target = range
            if args.count == 3, args[2] != .missing {
                // Both resize the sum range to the criteria range from its top-left cell.
                let t = try reference(args[2])
                target = CellBlock(sheet: t.sheet, top: t.top, left: t.left,
                                   bottom: t.top + range.rows - 1, right: t.left + range.columns - 1)
                guard target.bottom < FormulaLimits.rows, target.right < FormulaLimits.columns else { throw .unknowable }
            }
            let (sum, n) = try conditionalSum([range], [criterion], target: target)
            if name == "SUMIF" { return .value(.number(sum)) }
            guard n > 0 else { throw .error(.divisionByZero) }
            return .value(.number(sum / Double(n)))
        case "SUMIFS":
            try arity(3...255)
            guard args.count % 2 == 1 else { throw .unknowable }
            let target = try reference(args[0])
            let (ranges, criteria) = try criteriaPairs(args[1...])
            guard ranges[0].rows == target.rows, ranges[0].columns == target.columns else { throw .unknowable }
            return .value(.number(try conditionalSum(ranges, criteria, target: target).sum))
        case "ROUND", "ROUNDUP", "ROUNDDOWN":
            try arity(2...2)
            guard args[1] != .missing else { throw .unknowable }
            let x = try number(try scalar(args[0]))
            let places = try number(try scalar(args[1]))
            let mode: FormulaDecimal.Rounding = name == "ROUND" ? .nearest : (name == "ROUNDUP" ? .up : .down)
            return .value(.number(try Self.round(x, places: places, mode: mode)))
        case "INT":
            try arity(1...1)
            let x = try number(try scalar(args[0]))
            let f = x.rounded(.down)
            // LibreOffice floors the 15-digit value (INT(2.9999999999999996) = 3).
            if let shown = FormulaMath.displayed(x)?.double, shown.rounded(.down) != f { throw .unknowable }
            return .value(.number(f))
        case "ABS":
            try arity(1...1)
            return .value(.number(try number(try scalar(args[0])).magnitude))
        case "IF":
            try arity(2...3)
            guard args[0] != .missing else { throw .unknowable }
            let condition = try truth(try scalar(args[0]))
            guard let branch = condition ? args[1] : (args.count == 3 ? args[2] : nil) else {
                return .value(.bool(false))
            }
            if branch == .missing { return .value(.number(0)) }
            return try operand(branch)
        case "IFERROR":
            try arity(2...2)
            guard args[0] != .missing else { throw .unknowable }
            let v: FormulaValue
            do {
                v = try scalar(args[0])
            } catch .error {
                return try fallback(args[1])
            }
            if case .error = v { return try fallback(args[1]) }
            return .value(v)
        case "AND", "OR":
            try arity(1...255)
            let values = try logicals(args)
            guard !values.isEmpty else { throw .error(.value) }
            return .value(.bool(name == "AND" ? values.allSatisfy { $0 } : values.contains(true)))
        case "NOT":
            try arity(1...1)
            switch try scalar(args[0]) {
            case .bool(let b): return .value(.bool(!b))
            case .number(let x): return .value(.bool(x == 0))
            case .empty: return .value(.bool(true))
            case .error(let e): throw .error(e)
            case .text: throw .unknowable
            }
        case "TRUE", "FALSE":
            try arity(0...0)
            return .value(.bool(name == "TRUE"))
        case "NA":
            try arity(0...0)
            return .value(.error(.notAvailable))
        case "RANK", "RANK.EQ":
            try arity(2...3)
            return .value(.number(try rank(args)))
        default:
            throw .unknowable
        }
    }

    private func fallback(_ node: FormulaNode) throws(EvaluationFailure) -> Operand {
        node == .missing ? .value(.number(0)) : try operand(node)
    }

    /// An argument that must be a reference.
    private func reference(_ node: FormulaNode) throws(EvaluationFailure) -> CellBlock {
        guard node != .missing, case .block(let b) = try operand(node) else { throw .unknowable }
        return b
    }

    // MARK: - Aggregates

    /// The numbers SUM-like functions use. `subtotal`: skip SUBTOTAL cells, and hidden rows
    /// when true.
    func numbers(_ args: [FormulaNode], missingAsZero: Bool, subtotal skipHidden: Bool?) throws(EvaluationFailure) -> [Double] {
        var out: [Double] = []
        // LibreOffice reads range arguments last to first, Excel first to last: with two
        // different errors the result depends on who computes it.
        var errors = ErrorSeen()
        for arg in args {
            if arg == .missing {
                guard missingAsZero else { throw .unknowable }
                continue
            }
            let op: Operand
            do { op = try operand(arg) } catch .error(let e) { try errors.note(e); continue }
            switch op {
            case .block(let b):
                try forEachCell(b) { row, _, c throws(EvaluationFailure) in
                    if let skipHidden {
                        if c.isSubtotal { return }
                        if skipHidden, source.isRowHidden(sheet: b.sheet, row: row) { return }
                    }
                    switch c.value {
                    case .number(let x): out.append(x)
                    case .text, .empty: break
                    case .bool: throw .unknowable
                    case .error(let e): try errors.note(e)
                    }
                }
            case .value(let v):
                guard skipHidden == nil else { throw .unknowable }  // SUBTOTAL takes references only
                switch v {
                case .number(let x): out.append(x)
                case .bool(let b): out.append(b ? 1 : 0)
                case .error(let e): try errors.note(e)
                case .text, .empty: throw .unknowable
                }
            }
        }
        try errors.raise()
        return out
    }

    static func statistic(_ stat: Statistic, _ values: [Double]) throws(EvaluationFailure) -> Double {
        let n = Double(values.count)
        let result: Double
        switch stat {
        case .sum:
            result = try FormulaMath.sum(values)
        case .average:
            guard !values.isEmpty else { throw .error(.divisionByZero) }
            result = try FormulaMath.sum(values) / n
        case .count, .countA:
            result = n
        case .min:
            result = values.min() ?? 0
        case .max:
            result = values.max() ?? 0
        case .product:
            result = values.isEmpty ? 0 : values.reduce(1, *)
        case .stdev, .variance, .stdevP, .varianceP:
            let sample = stat == .stdev || stat == .variance
            guard values.count >= (sample ? 2 : 1) else { throw .error(.divisionByZero) }
            let mean = try FormulaMath.sum(values) / n
            var squares = 0.0
            for v in values { squares += (v - mean) * (v - mean) }
            let variance = squares / (sample ? n - 1 : n)
            result = (stat == .stdev || stat == .stdevP) ? variance.squareRoot() : variance
        }
        guard result.isFinite else { throw .error(.number) }
        return result
    }

    private func count(_ args: [FormulaNode]) throws(EvaluationFailure) -> Int {
        var n = 0
        for arg in args {
            guard arg != .missing else { throw .unknowable }
            let op: Operand
            do { op = try operand(arg) } catch .error { continue }
            switch op {
            case .block(let b):
                try forEachCell(b) { _, _, c throws(EvaluationFailure) in
                    switch c.value {
                    case .number: n += 1
                    case .bool: throw .unknowable
                    default: break
                    }
                }
            case .value(let v):
                switch v {
                case .number, .bool: n += 1
                case .error: break
                case .empty: throw .unknowable
                case .text(let s):
                    switch FormulaNumberText.parse(s) {
                    case .number: n += 1
                    case .notNumber: break
                    case .ambiguous: throw .unknowable
                    }
                }
            }
        }
        return n
    }

    private func countA(_ args: [FormulaNode]) throws(EvaluationFailure) -> Int {
        var n = 0
        for arg in args {
            guard arg != .missing else { throw .unknowable }
            let op: Operand
            do { op = try operand(arg) } catch .error { n += 1; continue }
            switch op {
            case .block(let b):
                try forEachCell(b) { _, _, c throws(EvaluationFailure) in
                    if c.value != .empty { n += 1 }
                }
            case .value(let v):
                if v == .empty { throw .unknowable }
                n += 1
            }
        }
        return n
    }

    private func subtotal(_ args: [FormulaNode]) throws(EvaluationFailure) -> Double {
        guard args[0] != .missing else { throw .unknowable }
        let code = try number(try scalar(args[0])).rounded(.towardZero)
        let skipHidden = code > 100
        guard let stat = Statistic(rawValue: Int(exactly: skipHidden ? code - 100 : code) ?? 0) else {
            throw .unknowable  // Excel #VALUE!, LibreOffice Err:502
        }
        let refs = Array(args.dropFirst())
        if stat == .countA || stat == .count {
            // Like COUNT and COUNTA: errors are not propagated.
            var n = 0
            for arg in refs {
                let b = try reference(arg)
                try forEachCell(b) { row, _, c throws(EvaluationFailure) in
                    guard !c.isSubtotal, c.value != .empty else { return }
                    if skipHidden, source.isRowHidden(sheet: b.sheet, row: row) { return }
                    switch (c.value, stat) {
                    case (_, .countA), (.number, _): n += 1
                    case (.bool, _): throw .unknowable  // a number to LibreOffice, not to Excel
                    default: break
                    }
                }
            }
            return Double(n)
        }
        for arg in refs { _ = try reference(arg) }
        return try Self.statistic(stat, try numbers(refs, missingAsZero: false, subtotal: skipHidden))
    }

    private func logicals(_ args: [FormulaNode]) throws(EvaluationFailure) -> [Bool] {
        var out: [Bool] = []
        var errors = ErrorSeen()
        for arg in args {
            guard arg != .missing else { throw .unknowable }
            let op: Operand
            do { op = try operand(arg) } catch .error(let e) { try errors.note(e); continue }
            switch op {
            case .block(let b):
                try forEachCell(b) { _, _, c throws(EvaluationFailure) in
                    switch c.value {
                    case .bool(let v): out.append(v)
                    case .number(let x): out.append(x != 0)
                    case .text, .empty: break
                    case .error(let e): try errors.note(e)
                    }
                }
            case .value(let v):
                switch v {
                case .bool(let b): out.append(b)
                case .number(let x): out.append(x != 0)
                case .error(let e): try errors.note(e)
                case .text, .empty: throw .unknowable
                }
            }
        }
        try errors.raise()
        return out
    }

    // MARK: - Criteria

    /// A criterion argument. An error there (Excel then counts the cells holding that error)
    /// is unknowable, like an omitted one.
    private func criterion(_ node: FormulaNode) throws(EvaluationFailure) -> FormulaCriterion {
        guard node != .missing else { throw .unknowable }
        do { return try FormulaCriterion(try scalar(node)) } catch .error { throw .unknowable }
    }

    private func criteriaPairs(_ args: ArraySlice<FormulaNode>) throws(EvaluationFailure) -> ([CellBlock], [FormulaCriterion]) {
        var ranges: [CellBlock] = []
        var criteria: [FormulaCriterion] = []
        var i = args.startIndex
        while i + 1 < args.endIndex {
            ranges.append(try reference(args[i]))
            criteria.append(try criterion(args[i + 1]))
            i += 2
        }
        guard let first = ranges.first,
              ranges.allSatisfy({ $0.rows == first.rows && $0.columns == first.columns }) else {
            throw .unknowable  // Excel #VALUE!, LibreOffice Err:502
        }
        return (ranges, criteria)
    }

    /// Calls `visit(target value, times)` for every position where all criteria hold. Positions
    /// beyond the sheets' extents are empty in every range and visited once with their count.
    private func conditional(_ ranges: [CellBlock], _ criteria: [FormulaCriterion], target: CellBlock?,
                             _ visit: (FormulaValue, Int) throws(EvaluationFailure) -> Void) throws(EvaluationFailure) {
        let rows = ranges[0].rows, columns = ranges[0].columns
        var liveRows = 0, liveColumns = 0
        for b in ranges + (target.map { [$0] } ?? []) {
            let size = visibleSize(b)
            liveRows = max(liveRows, size.rows)
            liveColumns = max(liveColumns, size.columns)
        }
        guard liveRows * liveColumns <= Self.cellBudget else { throw .unknowable }
        for i in 0..<liveRows {
            for j in 0..<liveColumns {
                var all = true
                for (b, c) in zip(ranges, criteria) {
                    if !(try c.matches(try cell(b.sheet, b.top + i, b.left + j).value)) { all = false; break }
                }
                guard all else { continue }
                let v = try target.map { (t) throws(EvaluationFailure) in try cell(t.sheet, t.top + i, t.left + j).value } ?? .empty
                try visit(v, 1)
            }
        }
        let rest = rows * columns - liveRows * liveColumns
        if rest > 0 {
            for c in criteria where !(try c.matches(.empty)) { return }
            try visit(.empty, rest)
        }
    }

    /// Sum and count of the numbers in `target` where the criteria hold.
    private func conditionalSum(_ ranges: [CellBlock], _ criteria: [FormulaCriterion],
                                target: CellBlock) throws(EvaluationFailure) -> (sum: Double, count: Int) {
        var values: [Double] = []
        var errors = ErrorSeen()
        try conditional(ranges, criteria, target: target) { v, _ throws(EvaluationFailure) in
            switch v {
            case .number(let x): values.append(x)
            case .text, .empty: break
            case .bool: throw .unknowable
            case .error(let e): try errors.note(e)
            }
        }
        try errors.raise()
        return (try FormulaMath.sum(values), values.count)
    }

    // MARK: - Rounding and ranking

    /// ROUND / ROUNDUP / ROUNDDOWN as Excel computes them, on the 15-digit decimal value
    /// (ROUND(2.675, 2) = 2.68); throws where LibreOffice's arithmetic gives another result.
    ///
    /// LibreOffice (rtl::math::round) scales by 10^places and snaps the scaled value to 15
    /// digits only while it is below 2⁴¹, that is while at most 12 digits are kept; beyond, it
    /// rounds the binary product. ROUNDUP/ROUNDDOWN with fewer than 12 places first round the
    /// argument to 12 significant digits.
    static func round(_ x: Double, places: Double, mode: FormulaDecimal.Rounding) throws(EvaluationFailure) -> Double {
        let p = places.rounded(.towardZero)
        guard p.magnitude <= 15, let exact = FormulaDecimal(x) else { throw .unknowable }
        if exact.isZero { return 0 }
        let places = Int(p)
        let kept = exact.exponent + places  // significant digits kept
        if mode != .nearest && kept >= 13 { throw .unknowable }
        let excel: Double
        if kept >= exact.digits.count {
            excel = x
        } else {
            excel = exact.rounded(significant: 15).rounded(places: places, mode: mode).double
        }
        if mode == .nearest {
            if kept >= 13, libreOfficeBinaryRound(x, places: places) != excel { throw .unknowable }
        } else if places < 12 {
            let coarse = exact.rounded(significant: 12)
            let libreOffice = kept >= coarse.digits.count ? coarse.double : coarse.rounded(places: places, mode: mode).double
            if libreOffice != excel { throw .unknowable }
        }
        return excel
    }

    /// LibreOffice's ROUND where the scaled value is at least 2⁴¹: floor(|x|·10^places + 0.5).
    private static func libreOfficeBinaryRound(_ x: Double, places: Int) -> Double {
        let m = x.magnitude
        if places >= 0 && (m >= 0x1p52 || m == m.rounded(.towardZero)) { return x }
        var places = places
        if places > 0 {
            let representable = 52 - Int(m.exponent)
            if representable <= 0 { return x }
            places = min(places, representable)
        }
        var factor = 1.0
        for _ in 0..<places.magnitude { factor *= 10 }
        var v = places < 0 ? m / factor : m * factor
        guard v.isFinite else { return x }
        if v < 0x1p52 { v = (v + 0.5).rounded(.down) }
        let r = places < 0 ? v * factor : v / factor
        guard r.isFinite else { return x }
        return x < 0 ? -r : r
    }

    private func rank(_ args: [FormulaNode]) throws(EvaluationFailure) -> Double {
        guard args[0] != .missing else { throw .unknowable }
        let x: Double
        switch try scalar(args[0]) {
        case .number(let v): x = v
        case .error(let e): throw .error(e)
        default: throw .unknowable
        }
        let b = try reference(args[1])
        var ascending = false
        if args.count == 3, args[2] != .missing {
            ascending = try number(try scalar(args[2])) != 0
        }
        var values: [Double] = []
        try forEachCell(b) { _, _, c throws(EvaluationFailure) in
            switch c.value {
            case .number(let v): values.append(v)
            case .text, .empty: break
            case .bool, .error: throw .unknowable
            }
        }
        // Not found: Excel #N/A, LibreOffice a rank anyway.
        guard values.contains(x) else { throw .unknowable }
        var ahead = 0
        for v in values where v != x {
            if FormulaMath.nearlyEqual(v, x) { throw .unknowable }
            if ascending ? v < x : v > x { ahead += 1 }
        }
        return Double(ahead + 1)
    }
}
