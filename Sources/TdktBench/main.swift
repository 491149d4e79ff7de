import CZlib
import Dispatch
import Glibc
import OfficeXML
import OfficeZip

/// tdkt's benchmarks. `make bench` runs them next to the peers; see docs/benchmarks.md.
///
///   TdktBench xml [--rows N] [--runs K] [--levels]   W1 sheet XML: generation, deflate, archive
///   TdktBench stream --mb N --out PATH [--slow]      one streamed entry of N MB; prints peak RSS
///   TdktBench w1csv --rows N --out PATH              the W1 input CSV (bench/run.py makes its inputs)
///   TdktBench csvswift FILE                          ingest peer: CSV.swift, count per (don_vi, danh_hieu)
let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func peakRSSKiB() -> Int {
    guard let f = fopen("/proc/self/status", "r") else { return -1 }
    defer { fclose(f) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, f) != nil {
        let s = String(cString: line)
        if s.hasPrefix("VmHWM:") {
            return Int(s.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
        }
    }
    return -1
}

func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
}

func median(_ v: [Double]) -> Double {
    let s = v.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func fmt(_ v: Double, _ digits: Int = 3) -> String {
    var p = 1.0
    for _ in 0..<digits { p *= 10 }
    let r = (v * p).rounded() / p
    return String(r)
}

/// Single-stream zlib deflate of `bytes` (the baseline a C writer pays on one core).
func zlibDeflate(_ bytes: [UInt8], level: Int32) -> Int {
    var stream = z_stream()
    _ = tdkt_deflateInit2(&stream, level, -15, 8, Z_DEFAULT_STRATEGY)
    defer { deflateEnd(&stream) }
    var out = [UInt8](repeating: 0, count: 1 << 20)
    var total = 0
    var input = bytes
    input.withUnsafeMutableBufferPointer { inp in
        stream.next_in = inp.baseAddress
        stream.avail_in = uInt(inp.count)
        var status: Int32 = Z_OK
        repeat {
            out.withUnsafeMutableBufferPointer { o in
                stream.next_out = o.baseAddress
                stream.avail_out = uInt(o.count)
                status = deflate(&stream, Z_FINISH)
                total += o.count - Int(stream.avail_out)
            }
        } while status == Z_OK
    }
    return total
}

func xmlBenchmark() throws {
    let n = Int(option("--rows") ?? "100000") ?? 100_000
    let runs = Int(option("--runs") ?? "5") ?? 5
    let rows = W1Data.rows(n)
    let dir = "/tmp/tdkt-bench-\(getpid())"
    mkdir(dir, 0o755)
    defer { _ = system("rm -rf \(dir)") }

    // 1. XML generation alone.
    var genTimes: [Double] = []
    var xmlBytes = 0
    for _ in 0..<runs {
        let sink = CountingSink()
        let x = XMLWriter(sink: sink)
        let t0 = now()
        SheetXML.write(rows, to: x)
        x.finish()
        genTimes.append(now() - t0)
        xmlBytes = sink.count
    }
    let mb = Double(xmlBytes) / 1e6
    let gen = median(genTimes)

    // The same bytes in memory, for the baselines.
    let x = XMLWriter(capacity: xmlBytes + 1024)
    SheetXML.write(rows, to: x)
    let bytes = x.finish()
    let xmlPath = dir + "/sheet1.xml"
    let f = fopen(xmlPath, "w")!
    fwrite(bytes, 1, bytes.count, f)
    fclose(f)

    // 2. Single-threaded zlib level 6 on the same bytes, in-process.
    var zlibTimes: [Double] = []
    var zlibSize = 0
    for _ in 0..<max(3, runs / 2) {
        let t0 = now()
        zlibSize = zlibDeflate(bytes, level: 6)
        zlibTimes.append(now() - t0)
    }
    let zlib6 = median(zlibTimes)

    // 3. gzip -6 on the same file.
    var gzipTimes: [Double] = []
    for _ in 0..<3 {
        let t0 = now()
        _ = system("gzip -6 -c \(xmlPath) > \(dir)/sheet1.xml.gz")
        gzipTimes.append(now() - t0)
    }
    let gzip6 = median(gzipTimes)

    // 4. XML + deflate + archive through the ZIP layer (level 6, all cores).
    var archiveTimes: [Double] = []
    var archiveCPU: [Double] = []
    var archiveSize = 0
    for _ in 0..<runs {
        let path = dir + "/w1.zip"
        let c0 = cpuSeconds()
        let t0 = now()
        try writeArchive(rows, to: path)
        archiveTimes.append(now() - t0)
        archiveCPU.append(cpuSeconds() - c0)
        var st = stat()
        stat(path, &st)
        archiveSize = Int(st.st_size)
    }
    let archive = median(archiveTimes)

    print("W1 sheet XML, \(n) rows, \(fmt(mb, 1)) MB, \(ZipWriter.defaultThreads) cores, median of \(runs)")
    print("  XML generation alone      \(fmt(gen)) s   \(fmt(mb / gen, 0)) MB/s")
    print("  zlib -6, one core         \(fmt(zlib6)) s   \(fmt(mb / zlib6, 0)) MB/s   \(zlibSize) bytes")
    print("  gzip -6 (process)         \(fmt(gzip6)) s")
    print("  tdkt XML+deflate+archive  \(fmt(archive)) s   \(archiveSize) bytes   CPU \(fmt(median(archiveCPU))) s")
    print("  ratio generation/zlib-6 speed: \(fmt((mb / gen) / (mb / zlib6), 2))× (goal ≥ 5×, ≥ 350 MB/s)")
    print("  ratio archive/zlib-6 time:     \(fmt(archive / zlib6, 2)) (goal < 0.6; medians)")
    var pairRatios: [Double] = []
    for _ in 0..<runs {
        let t0 = now()
        _ = zlibDeflate(bytes, level: 6)
        let z = now() - t0
        let path = dir + "/pair.zip"
        let t1 = now()
        try writeArchive(rows, to: path)
        pairRatios.append((now() - t1) / z)
    }
    print("  ratio archive/zlib-6, paired:  \(fmt(median(pairRatios), 2)) (median of \(runs) back-to-back pairs)")
    print("  ratio archive/gzip-6 time:     \(fmt(archive / gzip6, 2))")
    print("  size archive/zlib-6:           \(fmt(Double(archiveSize) / Double(zlibSize), 3))")

    if arguments.contains("--levels") {
        print("Deflate level sweep (chunked, all cores), same XML:")
        for level in 1...9 {
            let path = dir + "/l\(level).zip"
            let t0 = now()
            let zip = try ZipWriter(path: path)
            try bytes.withUnsafeBytes { try zip.add("sheet1.xml", bytes: $0, method: .deflate(level: level)) }
            try zip.close()
            let t = now() - t0
            var st = stat()
            stat(path, &st)
            let t1 = now()
            let single = zlibDeflate(bytes, level: Int32(level))
            let ts = now() - t1
            print("  level \(level): \(st.st_size) bytes in \(fmt(t)) s (one-core zlib: \(single) bytes in \(fmt(ts)) s)")
        }
    }
}

/// The W1 sheet written through the XML writer into a ZIP entry (XML + deflate + archive).
func writeArchive(_ rows: [W1Row], to path: String) throws {
    let zip = try ZipWriter(path: path)
    try zip.add("xl/worksheets/sheet1.xml") { stream in
        let w = XMLWriter(sink: BenchSink(stream))
        SheetXML.write(rows, to: w)
        w.finish()
    }
    try zip.close()
}

final class BenchSink: ByteSink {
    let stream: ZipEntryStream
    init(_ stream: ZipEntryStream) { self.stream = stream }
    func write(_ bytes: UnsafeRawBufferPointer) { stream.write(bytes) }
}

/// A streamed entry of N MB of varied text; prints the peak RSS. With --slow it pauses so a
/// test can kill it half-way.
func streamEntry() throws {
    let megabytes = Int(option("--mb") ?? "300") ?? 300
    guard let out = option("--out") else { fatalError("--out PATH") }
    let slow = arguments.contains("--slow")
    let zip = try ZipWriter(path: out)
    try zip.add("content.xml") { stream in
        var rng = SplitMix64(state: 42)
        var line = [UInt8](repeating: 0, count: 1 << 16)
        let total = megabytes << 20
        var written = 0
        while written < total {
            for i in 0..<line.count { line[i] = 0x61 + UInt8(rng.next() % 16) }
            line[line.count - 1] = 0x0A
            stream.write(line)
            written += line.count
            if slow && written % (4 << 20) == 0 {
                print("progress \(written >> 20)")
                fflush(nil)
                usleep(200_000)
            }
        }
    }
    try zip.close()
    print("peak_rss_kib=\(peakRSSKiB())")
}

do {
    switch arguments.first {
    case "xml": try xmlBenchmark()
    case "stream": try streamEntry()
    case "w1csv":
        guard let out = option("--out"), let n = Int(option("--rows") ?? "") else {
            print("usage: TdktBench w1csv --rows N --out PATH")
            exit(2)
        }
        exit(W1Data.writeCSV(rows: n, to: out) ? 0 : 1)
    case "domain": exit(DomainBench.run())
    case "csvswift":
        guard arguments.count == 2 else {
            print("usage: TdktBench csvswift FILE")
            exit(2)
        }
        exit(CSVSwiftPeer.run(path: arguments[1]))
    default:
        print("usage: TdktBench xml [--rows N] [--runs K] [--levels] | stream --mb N --out PATH [--slow] | w1csv --rows N --out PATH | csvswift FILE | domain [--awards 100000,1000000] [--runs K] [--dir D] [--tdkt PATH]")
        exit(2)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
