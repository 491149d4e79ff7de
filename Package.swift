// swift-tools-version: 6.1
// tdkt — giấy tờ thi đua, khen thưởng (DOCX, ODT, XLSX, ODS).
// One target per layer; arrows point down only (see docs/ARCHITECTURE.md).
import PackageDescription

let package = Package(
    name: "tdkt",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tdkt", targets: ["tdkt"]),
        .library(name: "OfficeZip", targets: ["OfficeZip"]),
        .library(name: "OfficeXML", targets: ["OfficeXML"]),
        .library(name: "OfficePackage", targets: ["OfficePackage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Benchmark only: the CSV library measured against our tokenizer (docs/benchmarks.md).
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // System libraries (apt: libzip-dev, zlib1g-dev).
        .systemLibrary(name: "CLibzip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMalloc"),
        // Byte kernels in C: CRC-32 (PCLMULQDQ) and UTF-8 validation (AVX2), chosen at run time.
        .target(name: "CKernels"),

        // Packaging: ZIP over libzip, parallel deflate, atomic output. Knows no office format.
        .target(name: "OfficeZip", dependencies: ["CLibzip", "CZlib", "CKernels"]),
        // Vietnamese text rules: dates, numbers, words, names, document numbers, legacy
        // encodings. Pure: imports nothing of ours.
        .target(name: "Vietnamese"),
        // Ingest: CSV in every encoding offices export, YAML/JSON; values keep their location.
        .target(name: "Ingest", dependencies: ["Vietnamese", "CKernels", .product(name: "Yams", package: "Yams")]),
        // Streaming XML writer: the only escaper.
        .target(name: "OfficeXML"),
        // OOXML/ODF package conventions: content types, relationships, manifest, properties.
        .target(name: "OfficePackage", dependencies: ["OfficeXML", "OfficeZip"]),
        // Workbooks: one model, written as XLSX and ODS (streaming), formulas and their results.
        .target(name: "Spreadsheet", dependencies: ["OfficePackage", "OfficeXML", "OfficeZip", "Vietnamese"]),
        // Text documents: one model, written as DOCX and ODT, and the official-format blocks of
        // Nghị định 30/2020/NĐ-CP.
        .target(name: "Document", dependencies: ["OfficePackage", "OfficeXML", "OfficeZip", "Vietnamese"]),
        // Template filling: a user's DOCX/ODT/XLSX/ODS template filled from a value tree (tags,
        // loops, MERGEFIELDs), token by token; unchanged parts copied still compressed.
        .target(name: "Templating", dependencies: ["OfficePackage", "OfficeXML", "OfficeZip", "Vietnamese", "Spreadsheet", "CKernels"]),
        // Publishing: PDF through LibreOffice (batch, font check), page-1 previews, index.html.
        .target(name: "Publishing"),
        // Reports: the domain's plans, programmes and year-end results turned into documents
        // and workbooks (through the shipped templates), PDFs and the index page: `tdkt build`.
        .target(name: "Reports", dependencies: ["Domain", "Document", "Templating", "Publishing", "Spreadsheet",
                                                "OfficePackage", "Vietnamese"]),
        // The TĐKT domain: units, clusters, movements, awards; aggregations and rule checks.
        // Pure: no writer.
        .target(name: "Domain", dependencies: ["Ingest", "Vietnamese"]),

        // The command line: the only code that prints or exits.
        .executableTarget(name: "tdkt", dependencies: [
            "OfficeZip", "OfficeXML", "OfficePackage", "Ingest", "Vietnamese", "Spreadsheet",
            "Document", "Domain", "Templating", "Publishing", "Reports", "CMalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: [
            // A position-dependent executable: the dynamic loader has no 85,000 relative
            // relocations to apply (and no 1.7 MB of pages to copy) at every start-up.
            .unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release)),
        ]),
        // Benchmarks (run by `make bench`, never by the tests).
        .executableTarget(name: "TdktBench", dependencies: [
            "OfficeZip", "OfficeXML", "CZlib", "Ingest",
            .product(name: "CSV", package: "CSV.swift"),
        ]),

        // Test helpers: conformance harness (independent readers, LibreOffice, schemas).
        .target(name: "TestSupport", dependencies: ["OfficeZip", "OfficeXML", "OfficePackage", "CZlib"]),

        .testTarget(name: "OfficeZipTests", dependencies: [
            "OfficeZip", "TestSupport", "CKernels", "CZlib",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "OfficeXMLTests", dependencies: [
            "OfficeXML", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "OfficePackageTests", dependencies: [
            "OfficePackage", "OfficeXML", "OfficeZip", "TestSupport",
        ]),
        .testTarget(name: "VietnameseTests", dependencies: [
            "Vietnamese", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "IngestTests", dependencies: [
            "Ingest", "TestSupport", "CKernels",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "SpreadsheetTests", dependencies: [
            "Spreadsheet", "TestSupport", "Vietnamese",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "DocumentTests", dependencies: [
            "Document", "TestSupport", "Vietnamese",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "TemplatingTests", dependencies: [
            "Templating", "TestSupport", "Vietnamese", "OfficeZip",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "PublishingTests", dependencies: ["Publishing", "Spreadsheet", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Domain", "Document", "Templating", "TestSupport"]),
        .testTarget(name: "DomainTests", dependencies: [
            "Domain", "Ingest", "TestSupport", "Vietnamese",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "OfficeZip"]),
    ],
    swiftLanguageModes: [.v6]
)

// Release builds drop the run-time exclusivity checks (the compile-time ones stay): in the
// writers' hot loops they cost about a tenth of the instructions. (Not for the C target.)
for target in package.targets where (target.type == .regular || target.type == .executable) && target.name != "CKernels" {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
    ]
}
