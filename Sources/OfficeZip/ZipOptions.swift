/// Limits applied when reading an archive (templates come from users).
public struct ZipLimits: Sendable, Equatable {
    /// Most entries an archive may hold.
    public var maxEntries: Int
    /// Most bytes all entries may declare together, uncompressed.
    public var maxTotalSize: UInt64
    /// Most bytes one entry may hold, uncompressed.
    public var maxEntrySize: UInt64
    /// Largest uncompressed/compressed ratio of an entry, checked for entries larger than
    /// `ratioThreshold` bytes. Office XML compresses 5–100×; deflate cannot exceed about 1032×, which bombs approach.
    public var maxCompressionRatio: UInt64
    public var ratioThreshold: UInt64

    public init(maxEntries: Int = 10_000, maxTotalSize: UInt64 = 4 << 30, maxEntrySize: UInt64 = 2 << 30,
                maxCompressionRatio: UInt64 = 500, ratioThreshold: UInt64 = 1 << 20) {
        self.maxEntries = maxEntries
        self.maxTotalSize = maxTotalSize
        self.maxEntrySize = maxEntrySize
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioThreshold = ratioThreshold
    }

    public static let `default` = ZipLimits()
}

/// How an entry's data is stored.
public enum ZipMethod: Sendable, Equatable {
    /// No compression (ODF `mimetype`, JPEG/PNG images).
    case store
    /// Deflate at a zlib level 1…9.
    case deflate(level: Int)

    /// The level chosen by measurement (docs/benchmarks.md, W1 sheet XML): 6 is the knee —
    /// level 5 saves a third of the time but grows the file 3 %, level 4 by 8 %; levels 8–9
    /// cost about 4× the time of 6 for 8 % less. libxlsxwriter and Office also use 6.
    public static let defaultLevel = 6

    /// `deflate` at the default level.
    public static var deflate: ZipMethod { .deflate(level: defaultLevel) }
}
