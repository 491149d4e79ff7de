import CSV
import Foundation

/// The ingest peer written with yaslab/CSV.swift: reads FILE (UTF-8, header row) and counts
/// rows per (don_vi, danh_hieu), the same work as `tdkt csv FILE --group-by don_vi,danh_hieu`
/// minus tdkt's typing and report. It is the "measure a well-kept library before deciding"
/// comparison for our own tokenizer (docs/benchmarks.md, "Ingest").
///
/// Prints `groups=N rows=M` (bench/run.py checks both against the input).
enum CSVSwiftPeer {
    struct Key: Hashable {
        var donVi: String
        var danhHieu: String
    }

    static func run(path: String) -> Int32 {
        guard let stream = InputStream(fileAtPath: path) else {
            print("error: cannot open \(path)")
            return 66
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true)
        } catch {
            print("error: \(error)")
            return 65
        }
        guard let header = reader.headerRow,
              let donVi = header.firstIndex(of: "don_vi"),
              let danhHieu = header.firstIndex(of: "danh_hieu") else {
            print("error: no don_vi/danh_hieu columns")
            return 65
        }
        var counts: [Key: Int] = [:]
        var rows = 0
        while let row = reader.next() {
            guard row.count > max(donVi, danhHieu) else { continue }
            counts[Key(donVi: row[donVi], danhHieu: row[danhHieu]), default: 0] += 1
            rows += 1
        }
        // On Linux, Foundation's InputStream still reports bytes available at end of file, so
        // CSV.swift's last read fails with `cannotReadFile` after the final row. That is the end
        // of input, not an error (the row count is checked by bench/run.py); any other error is.
        if let error = reader.error {
            if case CSVError.cannotReadFile = error {} else {
                print("error: \(error)")
                return 65
            }
        }
        print("groups=\(counts.count) rows=\(rows)")
        return 0
    }
}
