import Testing

/// What the fixture suites share: a case's differences (empty: it passes), and the pass rate of
/// a whole manifest printed for the closing note (docs/templating.md).
enum FixtureManifest {
    /// The differences `check` finds for one case; an error thrown is one difference.
    static func run(_ c: [String: Any], _ check: ([String: Any]) throws -> [String]) -> [String] {
        do {
            return try check(c)
        } catch {
            return ["\(error)"]
        }
    }

    /// Runs every case, prints "NAME: x/y pass" and expects all to pass and `expected` cases.
    static func expectPassRate(_ name: String, _ cases: [[String: Any]], expected: Int,
                               _ check: ([String: Any]) throws -> [String],
                               sourceLocation: SourceLocation = #_sourceLocation) {
        let failed = cases.filter { !run($0, check).isEmpty }.map { $0["id"] as! String }
        let line = "\(name): \(cases.count - failed.count)/\(cases.count) pass" + (failed.isEmpty ? "" : "; failing: \(failed.joined(separator: ", "))")
        print(line)
        #expect(failed.isEmpty, "\(line)", sourceLocation: sourceLocation)
        #expect(cases.count == expected, sourceLocation: sourceLocation)
    }
}
