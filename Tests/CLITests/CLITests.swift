import Foundation
import Testing
import TestSupport

private func tdkt(_ arguments: [String]) throws -> Shell.Result {
    guard let binary = BuiltProducts.path("tdkt") else {
        throw CLIError.notBuilt
    }
    return Shell.run(binary, arguments)
}

enum CLIError: Error { case notBuilt }

@Suite struct CLITests {
    @Test func helpIsVietnamese() throws {
        let r = try tdkt(["--help"])
        #expect(r.status == 0)
        for word in ["CÁCH DÙNG:", "TÙY CHỌN:", "Hiện hướng dẫn này.", "Hiện phiên bản.", "thi đua, khen thưởng"] {
            #expect(r.stdout.contains(word), "missing \(word) in:\n\(r.stdout)")
        }
        for english in ["USAGE", "OPTIONS", "Show help", "Show the version", "OVERVIEW"] {
            #expect(!r.stdout.contains(english), "English left in help: \(english)")
        }
        #expect(r.stdout.precomposedStringWithCanonicalMapping == r.stdout, "help text is not NFC")
    }

    @Test func version() throws {
        let r = try tdkt(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("tdkt "))
    }

    @Test(arguments: [["--khong-co"], ["thua-tham-so"], ["-x"]])
    func badArgumentsGiveAVietnameseErrorAndNonZeroExit(arguments: [String]) throws {
        let r = try tdkt(arguments)
        #expect(r.status != 0)
        #expect(r.stderr.contains("Lỗi:"), "\(r.stderr)")
        #expect(r.stderr.contains("tdkt --help"))
        #expect(!r.stderr.contains("Error:"))
        #expect(!r.stderr.contains("Usage:"))
        #expect(r.stdout.isEmpty)
    }
}
