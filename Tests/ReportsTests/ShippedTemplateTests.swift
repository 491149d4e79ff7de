import Foundation
import Testing
import TestSupport
import Document
@testable import Reports

@Suite("Shipped templates")
struct ShippedTemplateTests {
    /// The committed templates/ are what `tdkt mau` writes today (run it after changing a block).
    @Test func committedTemplatesAreCurrent() throws {
        let dir = TemporaryDirectory("mau")
        defer { dir.remove() }
        let written = try TemplateFiles.writeAll(to: dir.path)
        #expect(written.count == ShippedTemplate.allCases.count * 2)
        for path in written {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let fresh = try Data(contentsOf: URL(fileURLWithPath: path))
            let committed = try? Data(contentsOf: URL(fileURLWithPath: Conformance.root + "/templates/" + name))
            #expect(committed == fresh, "templates/\(name) is not current: run `tdkt mau`")
        }
    }
}
