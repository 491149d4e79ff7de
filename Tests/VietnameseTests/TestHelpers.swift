import Foundation
@testable import Vietnamese

/// The error `body` throws, or nil when it succeeds.
func failure<T>(_ body: () throws(VietnameseTextError) -> T) -> VietnameseTextError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// Whether a string is in NFC (compares scalars, not Characters).
func isNFC(_ s: String) -> Bool {
    Array(s.unicodeScalars) == Array(s.precomposedStringWithCanonicalMapping.unicodeScalars)
}

/// A fixture file from the test bundle's Fixtures folder ("tcvn3-abc.json", "csv/dskt-vni.csv").
func fixture(_ path: String) throws -> Data {
    let parts = path.split(separator: "/")
    let name = String(parts.last ?? "")
    let folder = (["Fixtures"] + parts.dropLast().map(String.init)).joined(separator: "/")
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: folder) else {
        throw CocoaError(.fileNoSuchFile)
    }
    return try Data(contentsOf: url)
}
