// Cached formula results for sheets built in memory (`SheetBuffer`): every formula without a
// caller-supplied result is evaluated over the buffers written so far, formulas that read
// other formulas included (in dependency order, cycles left unknown).

/// The values of the buffered sheets of one workbook, as the formula engine reads them.
final class BufferedValues: FormulaValueSource {
    private struct Key: Hashable {
        var sheet: Int
        var row: Int
        var column: Int
    }

    private var buffers: [SheetBuffer] = []
    private var extents: [(rows: Int, columns: Int)] = []
    /// Lower-cased sheet name → index in `buffers` (sheet names are unique ignoring case).
    private var indexByName: [String: Int] = [:]
    /// Results already computed (nil: evaluated, not computable).
    private var results: [Key: FormulaValue?] = [:]
    /// Formulas being evaluated: meeting one again is a circular reference.
    private var inProgress: Set<Key> = []
    /// The sheet whose formulas are being evaluated (references without a sheet name).
    private var current = 0

    /// Makes `buffer`'s cells readable by formulas (its own and later sheets').
    func add(_ buffer: SheetBuffer) {
        indexByName[buffer.name.lowercased()] = buffers.count
        buffers.append(buffer)
        extents.append(buffer.extent)
    }

    /// `buffer` with a cached result for every formula that had none and whose result can be
    /// computed; the others keep none (the writer then asks readers to recalculate).
    func resolved(_ buffer: SheetBuffer) -> SheetBuffer {
        guard let index = indexByName[buffer.name.lowercased()] else { return buffer }
        var out = buffer
        for (row, column, cell) in buffer.cells {
            guard case .formula(var f) = cell.value, f.result == nil else { continue }
            guard let value = value(Key(sheet: index, row: row, column: column)) else { continue }
            f.result = CellResult(value)
            out[row, column] = Cell(.formula(f), style: cell.style)
        }
        return out
    }

    // MARK: FormulaValueSource

    func cell(sheet: String?, row: Int, column: Int) -> FormulaCell? {
        guard let index = sheetIndex(sheet) else { return nil }
        let cell = buffers[index][row, column]
        switch cell.value {
        case .empty: return FormulaCell(value: .empty)
        case .text(let s): return FormulaCell(value: .text(s))
        case .integer(let i): return FormulaCell(value: .number(Double(i)))
        case .number(let d): return FormulaCell(value: .number(d))
        case .bool(let b): return FormulaCell(value: .bool(b))
        case .date(let d):
            guard let serial = d.excelSerial else { return nil }
            return FormulaCell(value: .number(Double(serial)))
        case .formula(let f):
            let subtotal = Self.isSubtotal(f.expression)
            if let r = f.result { return FormulaCell(value: r.formulaValue, isSubtotal: subtotal) }
            guard let v = value(Key(sheet: index, row: row, column: column)) else { return nil }
            return FormulaCell(value: v, isSubtotal: subtotal)
        }
    }

    func isRowHidden(sheet: String?, row: Int) -> Bool {
        guard let index = sheetIndex(sheet) else { return false }
        return buffers[index].options(row).hidden
    }

    func extent(sheet: String?) -> (rows: Int, columns: Int)? {
        guard let index = sheetIndex(sheet) else { return nil }
        return extents[index]
    }

    // MARK: Evaluation

    private func sheetIndex(_ name: String?) -> Int? {
        guard let name else { return current }
        return indexByName[name.lowercased()]
    }

    private func value(_ key: Key) -> FormulaValue? {
        if let known = results[key] { return known }
        guard !inProgress.contains(key) else { return nil }
        guard case .formula(let f) = buffers[key.sheet][key.row, key.column].value,
              let formula = try? Formula(f.expression) else {
            results[key] = .some(nil)
            return nil
        }
        inProgress.insert(key)
        let saved = current
        current = key.sheet
        let v = formula.evaluate(in: self, sheet: buffers[key.sheet].name)
        current = saved
        inProgress.remove(key)
        results[key] = .some(v)
        return v
    }

    private static func isSubtotal(_ expression: String) -> Bool {
        expression.drop { $0 == " " || $0 == "=" }.uppercased().hasPrefix("SUBTOTAL(")
    }
}

extension CellResult {
    init(_ value: FormulaValue) {
        switch value {
        case .empty: self = .number(0)
        case .number(let d): self = .number(d)
        case .text(let s): self = .text(s)
        case .bool(let b): self = .bool(b)
        case .error(let e): self = .error(e.rawValue)
        }
    }

    var formulaValue: FormulaValue {
        switch self {
        case .number(let d): return .number(d)
        case .text(let s): return .text(s)
        case .bool(let b): return .bool(b)
        case .error(let e): return FormulaErrorValue(literal: e).map { .error($0) } ?? .text(e)
        }
    }
}
