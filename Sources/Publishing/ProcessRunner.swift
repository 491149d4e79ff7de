import Foundation

/// Runs a program with a time limit and collects its output (the one place tdkt starts other
/// programs: LibreOffice, fc-match, pdffonts, pdftoppm).
public enum ProcessRunner {
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
        public var succeeded: Bool { status == 0 && !timedOut }
    }

    /// The program's full path: `name` if it holds a slash, else the first match in PATH.
    public static func which(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments`; after `timeout` seconds it is terminated (then killed).
    public static func run(_ executable: String, _ arguments: [String], timeout: Double = 60,
                           environment: [String: String]? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        // Read both pipes while the process runs (a full pipe would block it).
        let collected = Collected()
        let group = DispatchGroup()
        for (pipe, isOut) in [(out, true), (err, false)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.set(data, stdout: isOut)
                group.leave()
            }
        }
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        group.wait()
        return Outcome(status: process.terminationStatus, stdout: collected.text(stdout: true),
                       stderr: collected.text(stdout: false), timedOut: timedOut)
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data(), err = Data()
        func set(_ d: Data, stdout: Bool) {
            lock.lock(); defer { lock.unlock() }
            if stdout { out = d } else { err = d }
        }
        func text(stdout: Bool) -> String {
            lock.lock(); defer { lock.unlock() }
            return String(decoding: stdout ? out : err, as: UTF8.self)
        }
    }
}
