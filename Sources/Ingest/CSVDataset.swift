import Vietnamese

/// The type a column's values must have. Numbers and dates are read with the Vietnamese rules
/// ("1.234.567,89", "15,5%", dd/mm/yyyy, Excel serials); a value that does not parse is a
/// located error.
public enum ColumnType: Sendable, Hashable {
    /// Kept exactly as written (NFC): names, decision numbers, notes. Never a formula.
    case text
    /// A whole number ("1.234" in the Vietnamese convention).
    case integer
    /// A decimal number or a percentage.
    case number
    /// A calendar date.
    case date
    /// Typed per cell for plain conversions: numbers, percentages and dates are recognised,
    /// everything else (including anything a spreadsheet would run as a formula) is text.
    case inferred
}

/// One column a dataset expects.
public struct ColumnSpec: Sendable, Hashable {
    /// The canonical name, as documents and messages write it ("Họ và tên").
    public var name: String
    /// Other names exports use for it ("ho_ten", "Họ tên").
    public var aliases: [String]
    public var type: ColumnType
    /// A missing required column is an error.
    public var required: Bool
    /// An empty cell in a required-value column is an error.
    public var valueRequired: Bool

    public init(_ name: String, aliases: [String] = [], type: ColumnType = .text, required: Bool = true,
                valueRequired: Bool = false) {
        self.name = Vietnamese.nfc(name)
        self.aliases = aliases.map(Vietnamese.nfc)
        self.type = type
        self.required = required
        self.valueRequired = valueRequired
    }
}

/// What a reader expects of a CSV: its columns, how strictly unknown columns are treated.
/// `plain` (the default) expects nothing: every header cell becomes a column typed per cell.
public struct CSVDataset: Sendable, Hashable {
    /// The dataset's name in messages ("danh sách khen thưởng").
    public var name: String
    public var columns: [ColumnSpec]
    /// Columns not in `columns` are kept (with a warning) rather than refused.
    public var allowsUnknownColumns: Bool

    public init(name: String, columns: [ColumnSpec], allowsUnknownColumns: Bool = true) {
        self.name = name
        self.columns = columns
        self.allowsUnknownColumns = allowsUnknownColumns
    }

    /// No expectations: a plain conversion (`tdkt csv`, `tdkt sheet`, `tdkt list`).
    public static let plain = CSVDataset(name: "bảng", columns: [])

    public var isPlain: Bool { columns.isEmpty }
}

/// How a header cell was matched to a dataset column.
public enum ColumnMatch: Sendable, Hashable {
    /// The name or an alias, ignoring case only.
    case exact
    /// Only after ignoring diacritics and spacing ("Ho va ten", "Chức  vụ"): mapped, with a
    /// warning, since a misspelt header may also be a different column.
    case loose
    /// A near miss (one or two letters wrong): mapped, with a warning.
    case likely
}

/// One column of the file as read: where it is, what it was called, what it maps to.
public struct CSVColumn: Sendable, Hashable {
    /// 1-based position in the file.
    public var index: Int
    /// The header cell (NFC, untrimmed).
    public var header: String
    /// The dataset column it maps to (index in `CSVDataset.columns`), if any.
    public var datasetColumn: Int?
    public var match: ColumnMatch?
    public var type: ColumnType
}
