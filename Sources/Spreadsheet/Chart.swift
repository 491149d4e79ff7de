/// A native chart drawn from cell ranges: the same model is written as a DrawingML chart part
/// in XLSX and as an embedded chart object in ODS.
public struct Chart: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Vertical bars side by side.
        case column
        /// Horizontal bars side by side.
        case bar
        case line
        case pie
    }

    public enum LegendPosition: Sendable, Hashable { case right, bottom, top, none }

    public var kind: Kind
    public var title: String?
    /// Category labels (the x axis, or the slices of a pie).
    public var categories: SheetRange
    public var series: [ChartSeries]
    public var categoryAxisTitle: String?
    public var valueAxisTitle: String?
    public var legend: LegendPosition
    public var dataLabels: Bool
    /// Where the chart sits: from the top-left of `anchor.first` to the bottom-right of
    /// `anchor.last`.
    public var anchor: CellRange
    /// The category labels as the cells hold them (written as the chart's cache so viewers
    /// draw it without recalculating).
    public var cachedCategories: [String]?

    public init(kind: Kind, title: String? = nil, categories: SheetRange, series: [ChartSeries],
                categoryAxisTitle: String? = nil, valueAxisTitle: String? = nil, legend: LegendPosition = .right,
                dataLabels: Bool = false, anchor: CellRange, cachedCategories: [String]? = nil) {
        self.kind = kind
        self.title = title
        self.categories = categories
        self.series = series
        self.categoryAxisTitle = categoryAxisTitle
        self.valueAxisTitle = valueAxisTitle
        self.legend = legend
        self.dataLabels = dataLabels
        self.anchor = anchor
        self.cachedCategories = cachedCategories
    }
}

/// One data series of a chart.
public struct ChartSeries: Sendable, Hashable {
    /// The series name shown in the legend.
    public var name: String
    public var values: SheetRange
    public var color: Color?
    /// The values as the cells hold them (the chart's cache).
    public var cachedValues: [Double]?

    public init(name: String, values: SheetRange, color: Color? = nil, cachedValues: [Double]? = nil) {
        self.name = name
        self.values = values
        self.color = color
        self.cachedValues = cachedValues
    }
}

/// A range on a named sheet.
public struct SheetRange: Sendable, Hashable {
    public var sheet: String
    public var range: CellRange

    public init(sheet: String, range: CellRange) {
        self.sheet = sheet
        self.range = range
    }
}
