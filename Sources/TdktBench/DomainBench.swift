import Glibc

/// `TdktBench domain`: the TĐKT domain at scale. Generates a province with `tdkt du-lieu-mau`
/// (once per size, kept in --dir), then times `tdkt check DIR --benchmark` — load + every
/// aggregation of every checked year + every rule check — as child processes pinned to one
/// core (taskset), reading each child's own rusage (wait4): wall, user + system CPU, peak RSS,
/// and the phases tdkt reports. Goal (issue 7): 1,000,000 award rows in < 10 s on one core,
/// peak RSS < 512 MB, time growing linearly with the rows.
///
///   TdktBench domain [--awards 100000,1000000] [--runs 3] [--dir /tmp/tdkt-domain-bench] [--tdkt PATH]
///
/// TdktBench does not link the Domain target (Package.swift), so it drives the tdkt binary;
/// the figures are those of the command an office runs.
enum DomainBench {
    struct Run {
        var wall: Double
        var cpu: Double
        var maxRSSKiB: Int
        var status: Int32
        var phases: String
    }

    static func run() -> Int32 {
        let sizes = (option("--awards") ?? "100000,1000000").split(separator: ",").compactMap { Int($0) }
        let runs = max(1, Int(option("--runs") ?? "3") ?? 3)
        let dir = option("--dir") ?? "/tmp/tdkt-domain-bench"
        let here = String(CommandLine.arguments[0].split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/"))
        let tdkt = option("--tdkt") ?? (here.isEmpty ? "tdkt" : here + "/tdkt")
        guard access(tdkt, X_OK) == 0 else {
            print("error: \(tdkt) not found; build it (swift build -c release --product tdkt) or pass --tdkt PATH")
            return 2
        }
        let pin = access("/usr/bin/taskset", X_OK) == 0 ? ["/usr/bin/taskset", "-c", "0"] : []
        mkdir(dir, 0o755)
        print("TĐKT domain: tdkt check --benchmark (load + all tables + all rules), one core\(pin.isEmpty ? " (taskset missing: not pinned)" : ""), median of \(runs)")
        var medians: [(rows: Int, cpu: Double)] = []
        for n in sizes {
            let folder = "\(dir)/awards-\(n)"
            if access(folder + "/don-vi.csv", F_OK) != 0 {
                let gen = spawn([tdkt, "du-lieu-mau", folder, "--so-khen-thuong", String(n), "--hat-giong", "2024"])
                guard gen.status == 0 else {
                    print("error: generating \(folder) failed (status \(gen.status))")
                    return 1
                }
                print("  generated \(folder) in \(fmt(gen.wall, 1)) s (peak RSS \(gen.maxRSSKiB / 1024) MB)")
            }
            let awardRows = countAwardRows(folder)
            _ = spawn(pin + [tdkt, "check", folder, "--benchmark"])   // warm-up (page cache)
            var results: [Run] = []
            for _ in 0..<runs { results.append(spawn(pin + [tdkt, "check", folder, "--benchmark"])) }
            let wall = median(results.map(\.wall)), cpu = median(results.map(\.cpu))
            let rss = results.map(\.maxRSSKiB).max() ?? 0
            let status = results.last?.status ?? -1
            print("  \(awardRows) award rows: wall \(fmt(wall, 2)) s, CPU \(fmt(cpu, 2)) s, peak RSS \(rss / 1024) MB, exit \(status)")
            if let phases = results.last?.phases, !phases.isEmpty { print("    \(phases)") }
            print("    goal < 10 s CPU and < 512 MB at 1M rows: \(cpu < 10 && rss < 512 * 1024 ? "met" : (awardRows >= 900_000 ? "NOT met" : "n/a"))")
            medians.append((awardRows, cpu))
        }
        if medians.count >= 2, let a = medians.first, let b = medians.last, a.rows > 0, a.cpu > 0 {
            let rowRatio = Double(b.rows) / Double(a.rows)
            print("  scaling: \(fmt(rowRatio, 1))× rows → \(fmt(b.cpu / a.cpu, 2))× CPU time")
        }
        return 0
    }

    /// Data rows of the khen-thuong*.csv files (lines minus headers).
    static func countAwardRows(_ folder: String) -> Int {
        guard let d = opendir(folder) else { return 0 }
        defer { closedir(d) }
        var total = 0
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix("khen-thuong"), name.hasSuffix(".csv"), let f = fopen(folder + "/" + name, "r") else { continue }
            var lines = 0
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let n = fread(&buffer, 1, buffer.count, f)
                if n <= 0 { break }
                for i in 0..<n where buffer[i] == 0x0A { lines += 1 }
            }
            fclose(f)
            total += max(0, lines - 1)
        }
        return total
    }

    /// Runs a child (stdout to /dev/null, stderr captured) and reads its own rusage.
    static func spawn(_ argv: [String]) -> Run {
        var pipeFDs: [Int32] = [0, 0]
        pipe(&pipeFDs)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 2)
        posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        defer { posix_spawn_file_actions_destroy(&actions) }
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        let start = now()
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
        close(pipeFDs[1])
        guard rc == 0 else {
            close(pipeFDs[0])
            return Run(wall: 0, cpu: 0, maxRSSKiB: 0, status: -1, phases: "")
        }
        var captured: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(pipeFDs[0], &chunk, chunk.count)
            if n <= 0 { break }
            captured += chunk[0..<n]
        }
        close(pipeFDs[0])
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let wall = now() - start
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
        let text = String(decoding: captured, as: UTF8.self)
        let phases = text.split(separator: "\n").first { $0.hasPrefix("do_hieu_nang") }.map(String.init) ?? ""
        return Run(wall: wall, cpu: cpu, maxRSSKiB: usage.ru_maxrss, status: exitStatus, phases: phases)
    }
}
