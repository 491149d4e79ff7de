// Evaluates a formula's syntax tree against a value source, the way Excel and LibreOffice
// compute it. Wherever the two differ, or a value is not known, the result is "unknowable" and
// the formula gets no cached value.

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Why evaluation stopped: a spreadsheet error value (the formula's result), or a result that
/// cannot be known exactly.
enum EvaluationFailure: Error, Equatable {
    case unknowable
    case error(FormulaErrorValue)
}

/// A rectangle of cells on one sheet, 0-based, corners ordered.
struct CellBlock: Equatable {
    var sheet: String?
    var top: Int
    var left: Int
    var bottom: Int
    var right: Int

    var rows: Int { bottom - top + 1 }
    var columns: Int { right - left + 1 }
    var count: Int { rows * columns }
}

/// A binary operator's operand: its value, or the error it evaluated to.
enum Side {
    case value(FormulaValue)
    case failed(FormulaErrorValue)

    func get() throws(EvaluationFailure) -> FormulaValue {
        switch self {
        case .value(let v):
            if case .error(let e) = v { throw .error(e) }
            return v
        case .failed(let e): throw .error(e)
        }
    }

    /// The converted value, or the error (including the value's own error, or a failed
    /// conversion).
    func map<T>(_ convert: (FormulaValue) throws(EvaluationFailure) -> T) throws(EvaluationFailure) -> Result<T, EvaluationFailure> {
        switch self {
        case .failed(let e): return .failure(.error(e))
        case .value(let v):
            if case .error(let e) = v { return .failure(.error(e)) }
            do { return .success(try convert(v)) } catch .error(let e) { return .failure(.error(e)) }
        }
    }
}

/// Both converted operands; one failure is the result, two different ones are unknowable.
func both<T, U>(_ a: Result<T, EvaluationFailure>, _ b: Result<U, EvaluationFailure>) throws(EvaluationFailure) -> (T, U) {
    switch (a, b) {
    case (.success(let x), .success(let y)): return (x, y)
    case (.failure(let e), .success), (.success, .failure(let e)): throw e
    case (.failure(let e), .failure(let f)): throw e == f ? e : .unknowable
    }
}

/// An evaluated operand: a value, or a reference still to be read.
enum Operand {
    case value(FormulaValue)
    case block(CellBlock)
}

/// Remembers the error values met in a range; two different ones make the result unknowable
/// (Excel reads ranges row by row, LibreOffice column by column).
struct ErrorSeen {
    var first: FormulaErrorValue?

    mutating func note(_ e: FormulaErrorValue) throws(EvaluationFailure) {
        if let f = first, f != e { throw .unknowable }
        first = first ?? e
    }

    func raise() throws(EvaluationFailure) {
        if let first { throw .error(first) }
    }
}

/// Numeric helpers matching LibreOffice's tolerances.
enum FormulaMath {
    /// LibreOffice's `rtl::math::approxEqual`: equal within 2⁻⁴⁸ relative.
    static func approxEqual(_ a: Double, _ b: Double) -> Bool {
        if a == b { return true }
        if a == 0 || b == 0 { return false }
        let d = (a - b).magnitude
        guard d.isFinite else { return false }
        let e48 = 1.0 / 281_474_976_710_656.0
        return d < a.magnitude * e48 && d < b.magnitude * e48
    }

    /// Close enough that Excel (15 digits) and LibreOffice (2⁻⁴⁸) might decide differently.
    static func nearlyEqual(_ a: Double, _ b: Double) -> Bool {
        let d = (a - b).magnitude
        return d <= max(a.magnitude, b.magnitude) * 1e-13
    }

    /// -1, 0, 1 comparing numbers as both do (equal when approxEqual); throws where the two
    /// may disagree.
    static func compare(_ a: Double, _ b: Double) throws(EvaluationFailure) -> Int {
        if approxEqual(a, b) { return 0 }
        if nearlyEqual(a, b) { throw .unknowable }
        return a < b ? -1 : 1
    }

    /// The 15-significant-digit value both show (and round from).
    static func displayed(_ x: Double) -> FormulaDecimal? { FormulaDecimal(x)?.rounded(significant: 15) }

    static func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }

    /// Sum of `values` as both compute it; throws when Excel's plain left-to-right sum and
    /// LibreOffice's compensated sum could show differently, or when it cancels to almost zero
    /// (LibreOffice then snaps to 0, Excel does not always).
    static func sum(_ values: [Double]) throws(EvaluationFailure) -> Double {
        var plain = 0.0
        var s = 0.0
        var c = 0.0
        var largest = 0.0
        for v in values {
            plain += v
            let t = s + v
            if s.magnitude >= v.magnitude { c += (s - t) + v } else { c += (v - t) + s }
            s = t
            largest = max(largest, v.magnitude)
        }
        let compensated = s + c
        guard compensated.isFinite, plain.isFinite else { throw .error(.number) }
        if displayed(plain) != displayed(compensated) { throw .unknowable }
        if compensated != 0, compensated.magnitude < largest * 1e-13 { throw .unknowable }
        return compensated
    }
}

struct FormulaEvaluator {
    let source: any FormulaValueSource
    let sheet: String?

    /// Largest number of cells one range may make us read when the sheet's extent is unknown.
    static let cellBudget = 4_000_000

    func result(_ root: FormulaNode) -> FormulaValue? {
        // An unknown function or a defined name anywhere makes LibreOffice reject the whole
        // formula (#NAME?), even in a branch IF does not take.
        guard Self.isSupported(root) else { return nil }
        do {
            switch try operand(root) {
            case .value(let v):
                return Self.normalized(v)
            case .block(let b):
                guard b.count == 1 else { return nil }
                return Self.normalized(try cell(b.sheet, b.top, b.left).value)
            }
        } catch .error(let e) {
            return .error(e)
        } catch {
            return nil
        }
    }

    static func isSupported(_ node: FormulaNode) -> Bool {
        switch node {
        case .number, .text, .logical, .error, .reference, .missing: return true
        case .name: return false
        case .group(let n), .prefix(_, let n), .percent(let n, _): return isSupported(n)
        case .call(let f, let args): return supported.contains(f.name) && args.allSatisfy(isSupported)
        case .chain(let first, let links): return isSupported(first) && links.allSatisfy { isSupported($0.operand) }
        }
    }

    private static func normalized(_ v: FormulaValue) -> FormulaValue? {
        switch v {
        case .empty: return .number(0)
        case .number(let x):
            guard x.isFinite else { return nil }
            return .number(x == 0 ? 0 : x)
        default: return v
        }
    }

    // MARK: - Cells

    func block(_ r: FormulaRef) -> CellBlock {
        let ref = r.reference
        return CellBlock(sheet: r.sheet ?? sheet, top: ref.firstRow, left: ref.firstColumn,
                         bottom: ref.lastRow, right: ref.lastColumn)
    }

    func cell(_ sheet: String?, _ row: Int, _ column: Int) throws(EvaluationFailure) -> FormulaCell {
        if let e = source.extent(sheet: sheet), row >= e.rows || column >= e.columns {
            return FormulaCell(value: .empty)
        }
        guard let c = source.cell(sheet: sheet, row: row, column: column) else { throw .unknowable }
        return c
    }

    /// The part of `b` that may hold values: rows and columns (counted from the block's
    /// corner) beyond the sheet's extent are empty.
    func visibleSize(_ b: CellBlock) -> (rows: Int, columns: Int) {
        guard let e = source.extent(sheet: b.sheet) else { return (b.rows, b.columns) }
        return (max(0, min(b.rows, e.rows - b.top)), max(0, min(b.columns, e.columns - b.left)))
    }

    /// Visits the cells of `b` that may hold values, row by row.
    func forEachCell(_ b: CellBlock,
                     _ body: (_ row: Int, _ column: Int, FormulaCell) throws(EvaluationFailure) -> Void) throws(EvaluationFailure) {
        let size = visibleSize(b)
        guard size.rows * size.columns <= Self.cellBudget else { throw .unknowable }
        for i in 0..<size.rows {
            for j in 0..<size.columns {
                try body(b.top + i, b.left + j, try cell(b.sheet, b.top + i, b.left + j))
            }
        }
    }

    // MARK: - Operands

    func operand(_ node: FormulaNode) throws(EvaluationFailure) -> Operand {
        switch node {
        case .number(let v, _): return .value(.number(v))
        case .text(let s): return .value(.text(s))
        case .logical(let b): return .value(.bool(b))
        case .error(let e): return .value(.error(e))
        case .reference(let r): return .block(block(r))
        case .name, .missing: throw .unknowable
        case .group(let n): return try operand(n)
        case .call(let f, let args): return try call(f.name, args)
        case .prefix(let ops, let n):
            var v = try scalar(n)
            for op in ops.reversed() where op == .minus {
                v = .number(-(try number(v)))
            }
            return .value(v)
        case .percent(let n, let count):
            var x = try number(try scalar(n))
            for _ in 0..<count { x /= 100 }
            return .value(.number(x))
        case .chain(let first, let links):
            var acc = try side { () throws(EvaluationFailure) in try scalar(first) }
            for l in links {
                let right = try side { () throws(EvaluationFailure) in try scalar(l.operand) }
                acc = try side { () throws(EvaluationFailure) in try apply(l.op, acc, right) }
            }
            return .value(try acc.get())
        }
    }

    /// The value of one operand, or the error it evaluates to (an unknowable result still
    /// ends the evaluation).
    private func side(_ body: () throws(EvaluationFailure) -> FormulaValue) throws(EvaluationFailure) -> Side {
        do { return .value(try body()) } catch .error(let e) { return .failed(e) }
    }

    /// One value: a reference must be a single cell (a range would need the formula's own
    /// position for Excel's implicit intersection).
    func scalar(_ node: FormulaNode) throws(EvaluationFailure) -> FormulaValue {
        switch try operand(node) {
        case .value(let v): return v
        case .block(let b):
            guard b.count == 1 else { throw .unknowable }
            return try cell(b.sheet, b.top, b.left).value
        }
    }

    // MARK: - Coercions

    /// A value used as a number: empty is 0, TRUE is 1, plain numeric text converts.
    func number(_ v: FormulaValue) throws(EvaluationFailure) -> Double {
        switch v {
        case .number(let x): return x
        case .empty: return 0
        case .bool(let b): return b ? 1 : 0
        case .error(let e): throw .error(e)
        case .text(let s):
            switch FormulaNumberText.parse(s) {
            case .number(let x): return x
            case .notNumber: throw .error(.value)
            case .ambiguous: throw .unknowable
            }
        }
    }

    /// A value used as text (`&`). Logical values differ (Excel "TRUE", LibreOffice "1").
    func text(_ v: FormulaValue) throws(EvaluationFailure) -> String {
        switch v {
        case .text(let s): return s
        case .empty: return ""
        case .number(let x):
            guard let s = FormulaNumberText.format(x) else { throw .unknowable }
            return s
        case .bool: throw .unknowable
        case .error(let e): throw .error(e)
        }
    }

    /// A value used as a condition (IF).
    func truth(_ v: FormulaValue) throws(EvaluationFailure) -> Bool {
        switch v {
        case .bool(let b): return b
        case .number(let x): return x != 0
        case .empty: return false
        case .error(let e): throw .error(e)
        case .text(let s):
            switch s.lowercased() {
            case "true": return true
            case "false": return false
            default:
                // LibreOffice reads numeric text ("4") as a number here.
                if FormulaNumberText.parse(s) != .notNumber { throw .unknowable }
                throw .error(.value)
            }
        }
    }

    // MARK: - Operators

    /// `a op b`. When both sides fail (an error value, or text that does not convert) with
    /// different errors, the result is unknowable: which one wins depends on the operator and
    /// on where the errors come from in LibreOffice (`[.B6]&[.E1]` gives the right one,
    /// `[.B6]+[.E1]` the left one, `[.E1]+NA()` the computed one), Excel takes the left one.
    func apply(_ op: FormulaInfixOperator, _ a: Side, _ b: Side) throws(EvaluationFailure) -> FormulaValue {
        switch op {
        case .add, .subtract, .multiply, .divide, .power:
            let (x, y) = try both(a.map { (v) throws(EvaluationFailure) in try number(v) },
                                  b.map { (v) throws(EvaluationFailure) in try number(v) })
            let r: Double
            switch op {
            case .add, .subtract:
                let yy = op == .add ? y : -y
                r = x + yy
                // LibreOffice snaps x + y to 0 when they almost cancel; Excel only sometimes.
                if r != 0, r.magnitude < max(x.magnitude, yy.magnitude) * 1e-13 { throw .unknowable }
            case .multiply:
                r = x * y
            case .divide:
                guard y != 0 else { throw .error(.divisionByZero) }
                r = x / y
            default:
                if x == 0 && y == 0 { throw .unknowable }  // Excel #NUM!, LibreOffice 1
                if x == 0 && y < 0 { throw .unknowable }  // Excel #DIV/0!, LibreOffice #NUM!
                if x < 0 && y != y.rounded(.towardZero) { throw .unknowable }  // LibreOffice takes odd roots
                r = FormulaMath.power(x, y)
            }
            guard r.isFinite else { throw .error(.number) }
            return .number(r)
        case .concatenate:
            let (s, t) = try both(a.map { (v) throws(EvaluationFailure) in try text(v) },
                                  b.map { (v) throws(EvaluationFailure) in try text(v) })
            return .text(s + t)
        case .equal, .notEqual, .less, .greater, .lessOrEqual, .greaterOrEqual:
            let (p, q) = try both(a.map { (v) throws(EvaluationFailure) in v }, b.map { (v) throws(EvaluationFailure) in v })
            let ordering = try compare(p, q, needOrder: op != .equal && op != .notEqual)
            switch op {
            case .equal: return .bool(ordering == 0)
            case .notEqual: return .bool(ordering != 0)
            case .less: return .bool(ordering < 0)
            case .greater: return .bool(ordering > 0)
            case .lessOrEqual: return .bool(ordering <= 0)
            default: return .bool(ordering >= 0)
            }
        }
    }

    /// Compares as Excel and LibreOffice do: empty takes the other side's type, numbers <
    /// text, text case-insensitively. When only equality matters, unequal text gives 1.
    func compare(_ a: FormulaValue, _ b: FormulaValue, needOrder: Bool) throws(EvaluationFailure) -> Int {
        switch (a, b) {
        case (.empty, .empty): return 0
        case (.empty, .number): return try compare(.number(0), b, needOrder: needOrder)
        case (.empty, .text): return try compare(.text(""), b, needOrder: needOrder)
        case (.empty, .bool): return try compare(.bool(false), b, needOrder: needOrder)
        case (.number, .empty), (.text, .empty), (.bool, .empty): return -(try compare(b, a, needOrder: needOrder))
        case (.number(let x), .number(let y)): return try FormulaMath.compare(x, y)
        case (.number, .text): return -1
        case (.text, .number): return 1
        case (.text(let s), .text(let t)):
            if FormulaText.caselessEqual(s, t) { return 0 }
            guard needOrder else { return 1 }
            return try FormulaText.order(s, t)
        case (.bool(let p), .bool(let q)): return p == q ? 0 : (p ? 1 : -1)
        // Excel ranks TRUE above every number and text; LibreOffice's TRUE is the number 1.
        default: throw .unknowable
        }
    }
}

/// Text comparison rules shared by operators and criteria.
enum FormulaText {
    /// Lower-cased Unicode scalars: case-insensitive, but (like both programs) not treating
    /// composed and decomposed letters as equal.
    static func folded(_ s: String) -> [Unicode.Scalar] { Array(s.lowercased().unicodeScalars) }

    static func caselessEqual(_ s: String, _ t: String) -> Bool { folded(s) == folded(t) }

    /// Text that sorts the same in Excel and in LibreOffice's collator: ASCII letters, digits
    /// and spaces.
    static func isSimplyOrdered(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { c in
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == " "
        }
    }

    /// Case-insensitive order of two texts; throws when the collations could differ.
    static func order(_ s: String, _ t: String) throws(EvaluationFailure) -> Int {
        guard isSimplyOrdered(s), isSimplyOrdered(t) else { throw .unknowable }
        let a = folded(s), b = folded(t)
        for (x, y) in zip(a, b) where x != y { return x.value < y.value ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
