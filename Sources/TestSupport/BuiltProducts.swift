import Foundation

/// The package's executables as `swift build` left them (tests run `tdkt` and the bench
/// helper as child processes; `make test` builds them first).
public enum BuiltProducts {
    public static func path(_ name: String) -> String? {
        var candidates: [String] = []
        if let dir = ProcessInfo.processInfo.environment["TDKT_BUILD_DIR"] { candidates.append(dir + "/" + name) }
        // Beside the running test bundle, then the usual build folders.
        let me = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().path
        candidates.append(me + "/" + name)
        for config in ["debug", "release"] { candidates.append(Conformance.root + "/.build/\(config)/\(name)") }
        let fm = FileManager.default
        return candidates.filter { fm.isExecutableFile(atPath: $0) }
            .max { (modified($0) ?? .distantPast) < (modified($1) ?? .distantPast) }
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
