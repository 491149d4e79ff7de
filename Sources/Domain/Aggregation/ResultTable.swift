import Foundation
import Vietnamese

/// Which records a figure counts.
public enum RecordKind: String, Sendable, Hashable {
    /// `ProvinceData.awards`.
    case award
    /// `ProvinceData.unitYears`.
    case unitYear
    /// `ProvinceData.scores`.
    case score
    /// `ProvinceData.propaganda`.
    case propaganda
    /// `ProvinceData.deliveries`.
    case delivery
    /// `ProvinceData.movements`.
    case movement
    /// A programme deliverable, encoded programme × 65 536 + deliverable.
    case deliverable
}

/// A set of records of one kind (indices into the model's array).
public struct RecordSet: Sendable, Hashable {
    public var kind: RecordKind
    public var indices: [Int32]
    public init(_ kind: RecordKind, _ indices: [Int32] = []) {
        self.kind = kind
        self.indices = indices
    }
}

/// A cell of a result table by position.
public struct CellRef: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// Where a figure came from: the records it counts, or the cells it is computed from — so a
/// report can list the records and a workbook can write the formula (SUM, A/B, (A−B)/B).
public enum Provenance: Sendable, Hashable {
    case none
    /// The figure counts (or sums) these records.
    case records(RecordSet)
    /// Σ coefficient × cell: totals (+1 each), differences (+1, −1), weighted totals.
    case linear([Term])
    /// numerator / denominator, shown as a percentage; "—" when the denominator is 0.
    case ratio(numerator: CellRef, denominator: CellRef)

    public struct Term: Sendable, Hashable {
        public var cell: CellRef
        public var coefficient: Double
        public init(_ cell: CellRef, _ coefficient: Double = 1) {
            self.cell = cell
            self.coefficient = coefficient
        }
    }

    /// The record set, if the figure is made of records.
    public var records: RecordSet? {
        if case .records(let r) = self { return r }
        return nil
    }
}

/// A value in a result table.
public enum ResultValue: Sendable, Hashable {
    case empty
    case text(String)
    case integer(Int)
    /// A score (cluster points).
    case decimal(Double)
    /// numerator / denominator as a percentage; the denominator 0 is shown "—".
    case ratio(Int, Int)
    /// A fractional ratio (scores); nil denominator-zero.
    case fraction(Double?)

    /// The numeric value (integer, decimal; ratio as a fraction).
    public var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .decimal(let d): return d
        case .ratio(let n, let d): return d == 0 ? nil : Double(n) / Double(d)
        case .fraction(let f): return f
        default: return nil
        }
    }

    public var integer: Int? {
        if case .integer(let i) = self { return i }
        return nil
    }
}

public struct ResultCell: Sendable, Hashable {
    public var value: ResultValue
    public var provenance: Provenance
    public init(_ value: ResultValue, _ provenance: Provenance = .none) {
        self.value = value
        self.provenance = provenance
    }
    public static let empty = ResultCell(.empty)
}

/// A column: its key, header (with the header of the group above it), number in the form
/// ("1", "2" …) and the kind of value.
public struct ResultColumn: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// STT.
        case serial
        case label, code, unit
        /// A number of records.
        case count
        /// A sum of a field over records (minutes, news items).
        case amount
        case percent, score, rank, text, change
    }
    public var key: String
    public var title: String
    /// The spanning header above ("Lao động tiên tiến" over "Số" and "Tỷ lệ %").
    public var group: String?
    /// Column number as the form prints it ("A", "B", "1", "2").
    public var number: String?
    public var kind: Kind

    public init(_ key: String, _ title: String, group: String? = nil, number: String? = nil, kind: Kind) {
        self.key = key
        self.title = title
        self.group = group
        self.number = number
        self.kind = kind
    }
}

/// A row: label, Mã số (form row code), kind, indent level.
public struct ResultRow: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case data, group, subtotal, total }
    public var key: String
    public var label: String
    /// Mã số ("01").
    public var code: String?
    public var kind: Kind
    /// 0 top level; 1 "trong đó"…
    public var level: Int

    public init(_ key: String, _ label: String, code: String? = nil, kind: Kind = .data, level: Int = 0) {
        self.key = key
        self.label = label
        self.code = code
        self.kind = kind
        self.level = level
    }
}

/// An identity a table satisfies, for checks and formulas: for the listed columns (all
/// numeric ones when nil), row `target` = Σ rows `parts`; or for the listed rows, column
/// `target` = Σ columns `parts`.
public struct TableRelation: Sendable, Hashable {
    public enum Axis: Sendable, Hashable { case rows, columns }
    public var axis: Axis
    public var target: Int
    public var parts: [Int]
    /// The columns (axis rows) or rows (axis columns) it holds in; nil = every numeric one.
    public var across: [Int]?
    /// "01 = 06 + 08 + 09", "1 = 2 + 3 + 4".
    public var label: String

    public init(axis: Axis, target: Int, parts: [Int], across: [Int]? = nil, label: String) {
        self.axis = axis
        self.target = target
        self.parts = parts
        self.across = across
        self.label = label
    }
}

/// A result table: what an aggregation returns. Pure data; writers decide the look.
public struct ResultTable: Sendable, Hashable {
    /// "T1", "0602", "CT-…".
    public var id: String
    public var title: String
    public var subtitle: String?
    public var year: Int?
    public var columns: [ResultColumn]
    public var rows: [ResultRow]
    /// Row-major: `cells[row][column]`.
    public var cells: [[ResultCell]]
    public var relations: [TableRelation]
    /// Notes printed under the table (settings used, unconfirmed values).
    public var notes: [String]

    public init(id: String, title: String, subtitle: String? = nil, year: Int? = nil, columns: [ResultColumn]) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.year = year
        self.columns = columns
        self.rows = []
        self.cells = []
        self.relations = []
        self.notes = []
    }

    public func cell(_ row: Int, _ column: Int) -> ResultCell { cells[row][column] }

    public subscript(row: Int, column: Int) -> ResultCell { cells[row][column] }

    /// Index of the column with `key`.
    public func column(_ key: String) -> Int? { columns.firstIndex { $0.key == key } }

    /// Index of the row with `key`.
    public func row(_ key: String) -> Int? { rows.firstIndex { $0.key == key } }

    /// Index of the row with Mã số `code`.
    public func row(code: String) -> Int? { rows.firstIndex { $0.code == code } }

    /// The cell at (row key, column key).
    public func value(_ rowKey: String, _ columnKey: String) -> ResultValue? {
        guard let r = row(rowKey), let c = column(columnKey) else { return nil }
        return cells[r][c].value
    }

    mutating func appendRow(_ row: ResultRow, _ cells: [ResultCell]) {
        precondition(cells.count == columns.count, "row \(row.key) has \(cells.count) cells for \(columns.count) columns")
        rows.append(row)
        self.cells.append(cells)
    }

    /// The records behind a cell, following formulas down to records (duplicates removed,
    /// sorted) — what a report lists as "nguồn".
    public func sources(_ row: Int, _ column: Int) -> [RecordKind: [Int32]] {
        var out: [RecordKind: Set<Int32>] = [:]
        var seen = Set<CellRef>()
        func visit(_ ref: CellRef) {
            guard seen.insert(ref).inserted else { return }
            switch cells[ref.row][ref.column].provenance {
            case .none: break
            case .records(let r): out[r.kind, default: []].formUnion(r.indices)
            case .linear(let terms): for t in terms { visit(t.cell) }
            case .ratio(let n, let d):
                visit(n)
                visit(d)
            }
        }
        visit(CellRef(row: row, column: column))
        return out.mapValues { $0.sorted() }
    }

    /// The relations that do not hold, described ("0602: dòng 01 cột 3: 12 ≠ 11"); empty when
    /// the table is consistent. Also checks that every linear cell equals its formula.
    public func inconsistencies() -> [String] {
        var problems: [String] = []
        func num(_ r: Int, _ c: Int) -> Double { cells[r][c].value.number ?? 0 }
        let numeric = columns.indices.filter { [.count, .amount, .score, .change].contains(columns[$0].kind) }
        for rel in relations {
            switch rel.axis {
            case .rows:
                for c in rel.across ?? numeric {
                    let sum = rel.parts.reduce(0.0) { $0 + num($1, c) }
                    if abs(sum - num(rel.target, c)) > 1e-6 {
                        problems.append("\(id) \(rel.label), cột \(columns[c].title): \(num(rel.target, c)) ≠ \(sum)")
                    }
                }
            case .columns:
                for r in rel.across ?? Array(rows.indices) where rows[r].kind != .group {
                    let sum = rel.parts.reduce(0.0) { $0 + num(r, $1) }
                    if abs(sum - num(r, rel.target)) > 1e-6 {
                        problems.append("\(id) \(rel.label), dòng \(rows[r].label): \(num(r, rel.target)) ≠ \(sum)")
                    }
                }
            }
        }
        for r in rows.indices {
            for c in columns.indices {
                switch cells[r][c].provenance {
                case .linear(let terms):
                    let sum = terms.reduce(0.0) { $0 + $1.coefficient * num($1.cell.row, $1.cell.column) }
                    if abs(sum - num(r, c)) > 1e-6 {
                        problems.append("\(id) dòng \(rows[r].label), cột \(columns[c].title): \(num(r, c)) ≠ công thức \(sum)")
                    }
                case .records(let set):
                    if case .integer(let v) = cells[r][c].value, columns[c].kind == .count, v != set.indices.count {
                        problems.append("\(id) dòng \(rows[r].label), cột \(columns[c].title): \(v) ≠ \(set.indices.count) bản ghi")
                    }
                default: break
                }
            }
        }
        return problems
    }

    /// The text a cell shows: "1.234", "15,5%", "—", "+3".
    public func display(_ row: Int, _ column: Int, percentDecimals: Int = 1) -> String {
        ResultTable.display(cells[row][column].value, kind: columns[column].kind, percentDecimals: percentDecimals)
    }

    public static func display(_ value: ResultValue, kind: ResultColumn.Kind, percentDecimals: Int = 1) -> String {
        switch value {
        case .empty: return ""
        case .text(let t): return t
        case .integer(let i):
            if kind == .change { return i > 0 ? "+" + VietnameseNumber.format(i) : VietnameseNumber.format(i) }
            return VietnameseNumber.format(i)
        case .decimal(let d):
            return VietnameseNumber.format(d, fractionDigits: 2, trimZeros: true)
        case .ratio(let n, let d):
            if d == 0 { return "—" }
            let fraction = Decimal(n) / Decimal(d)
            return VietnameseNumber.formatPercent(fraction: fraction, fractionDigits: percentDecimals, trimZeros: false)
        case .fraction(let f):
            guard let f else { return "—" }
            return VietnameseNumber.format(f * 100, fractionDigits: percentDecimals) + "%"
        }
    }
}
