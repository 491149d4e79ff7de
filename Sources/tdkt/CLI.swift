import ArgumentParser
import CMalloc
import Dispatch
import Domain
import Glibc
import Ingest
import Spreadsheet
import OfficeZip
import Templating

/// The only place that prints errors and chooses exit codes.
enum CLI {
    /// Parses, runs, and turns every error into a Vietnamese message and an exit code.
    static func run(_ root: any ParsableCommand.Type, _ arguments: [String]) -> Never {
        do {
            var command = try parse(root, arguments)
            try command.run()
            exit(0)
        } catch let error as ZipError {
            fail(error.description, code: 1)
        } catch let error as SpreadsheetError {
            fail("Lỗi: \(error.message)", code: 1)
        } catch let error as TemplateError {
            fail(error.description, code: 65)
        } catch let error as DomainError {
            fail(error.description, code: error.code == .output ? 1 : 2)
        } catch let error as IngestError {
            // 66: the input cannot be opened; 65: it has data errors.
            let unreadable = error.issues.contains { $0.kind == .unreadableFile }
            fail(error.description, code: unreadable ? 66 : 65)
        } catch {
            let code = root.exitCode(for: error)
            let message = localize(root.fullMessage(for: error))
            if code == .success {
                print(message)
                exit(0)
            }
            fail(message, code: code.rawValue)
        }
    }

    /// `tdkt fill …` is parsed by the subcommand alone when it names tdkt as its super command:
    /// ArgumentParser then skips the root's argument set and its completion-script check,
    /// about a fifth of a small fill's start-up. Anything that does not parse that way (help,
    /// a mistake, no arguments: ArgumentParser answers help with a command of its own) is
    /// parsed again from the root, so messages are the same.
    static func parse(_ root: any ParsableCommand.Type, _ arguments: [String]) throws -> any ParsableCommand {
        if arguments.count >= 2, let sub = root.configuration.subcommands.first(where: { $0._commandName == arguments[0] }),
           sub.configuration._superCommandName == root._commandName,
           let command = try? sub.parseAsRoot(Array(arguments.dropFirst())), type(of: command) == sub {
            return command
        }
        return try root.parseAsRoot(arguments)
    }

    static func fail(_ message: String, code: Int32) -> Never {
        var text = message
        if !text.hasSuffix("\n") { text += "\n" }
        writeStandardError(text)
        exit(code)
    }

    /// ArgumentParser writes its help and errors in English; tdkt's users read Vietnamese.
    static let translations: [(String, String)] = [
        ("OVERVIEW:", "TỔNG QUAN:"),
        ("USAGE:", "CÁCH DÙNG:"),
        ("ARGUMENTS:", "THAM SỐ:"),
        ("OPTIONS:", "TÙY CHỌN:"),
        ("SUBCOMMANDS:", "LỆNH:"),
        ("Show help information.", "Hiện hướng dẫn này."),
        ("Show the version.", "Hiện phiên bản."),
        ("See 'tdkt help <subcommand>' for detailed help.", "Gõ 'tdkt help <lệnh>' để xem hướng dẫn của từng lệnh."),
        ("<subcommand>", "<lệnh>"),
        ("<options>", "<tùy chọn>"),
        ("(default: ", "(mặc định: "),
        ("Error: ", "Lỗi: "),
        ("Usage: ", "Cách dùng: "),
        ("Unknown option", "Không có tùy chọn"),
        ("Unexpected argument", "Tham số không mong đợi"),
        ("Unexpected arguments", "Các tham số không mong đợi"),
        ("unexpected arguments", "tham số không mong đợi"),
        ("unexpected argument", "tham số không mong đợi"),
        ("Missing expected argument", "Thiếu tham số bắt buộc"),
        ("Missing value for", "Thiếu giá trị cho"),
        ("The value", "Giá trị"),
        ("is invalid for", "không hợp lệ cho"),
        ("Unknown subcommand", "Không có lệnh"),
        ("Help:", "Trợ giúp:"),
        ("  See '", "  Gõ '"),
        ("' for more information.", "' để xem hướng dẫn."),
    ]

    static func localize(_ text: String) -> String {
        var out = text
        for (english, vietnamese) in translations {
            out = out.replacingAll(english, with: vietnamese)
        }
        return out
    }

    /// On Ctrl-C or SIGTERM, remove this run's temporary files before leaving, so no
    /// partial output remains (a SIGKILL leaves them to the next run's clean-up).
    static func installSignalCleanup() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                TemporaryFiles.removeAll()
                writeStandardError("\nĐã dừng; không có tệp nào bị ghi dở.\n")
                exit(128 + sig)
            }
            source.resume()
            signalSources.append(source)
        }
    }

    nonisolated(unsafe) static var signalSources: [any DispatchSourceSignal] = []
    nonisolated(unsafe) static var memoryProbe: UnsafeMutableRawPointer?
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `value` until the process exits: a command's large data is not freed piece by
    /// piece just before the exit frees it all at once.
    static func keepUntilExit(_ value: Any) { kept.append(value) }

    /// Memory as a batch job wants it: freed blocks stay in the heap for the next part (no
    /// unmapping and faulting in again), the heap grows in large steps, and the region it
    /// grows into is backed by transparent huge pages where the kernel allows it (`madvise`
    /// mode): a 10,000-row fill touches tens of megabytes, and 4 KiB page faults were a
    /// quarter of its time (docs/templating.md).
    static func tuneMemory() {
        let hugePage = 2 << 20
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)  // the largest glibc takes
        _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
        _ = mallopt(M_TOP_PAD, 512 << 20)
        // Worker threads (deflate, CSV typing) allocate from the same heap, not from arenas of
        // their own that would start with fresh pages.
        _ = mallopt(M_ARENA_MAX, 1)
        let before = Int(bitPattern: sbrk(0))
        // One allocation grows the heap by the top pad; then the region is advised.
        // (Kept in a global so the compiler cannot drop the allocation.)
        memoryProbe = malloc(hugePage)
        let after = Int(bitPattern: sbrk(0))
        free(memoryProbe)
        memoryProbe = nil
        let start = (before + hugePage - 1) & ~(hugePage - 1)
        if after > start + hugePage, let p = UnsafeMutableRawPointer(bitPattern: start) {
            _ = madvise(p, (after - start) & ~(hugePage - 1), MADV_HUGEPAGE)
        }
    }
}

/// Writes to file descriptor 2 (no shared `FILE*` state).
func writeStandardError(_ text: String) {
    var text = text
    text.withUTF8 { p in
        var done = 0
        while done < p.count {
            let r = write(2, p.baseAddress! + done, p.count - done)
            if r <= 0 { break }
            done += r
        }
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
