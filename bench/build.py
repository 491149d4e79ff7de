#!/usr/bin/env python3
"""Benchmark of `tdkt build` (issues 9 and 10).

  bench/build.py [--tdkt .build/release/tdkt] [--data data] [--runs 5] [--only a,b] [--no-pdf]
                 [--large N]

1. `tdkt build` without PDF, median of --runs (wall, user+sys CPU, peak RSS of the process).
2. `tdkt build --pdf` (one LibreOffice batch for every output) against LibreOffice's own time to
   convert the same files (the DOCX/XLSX/... that tdkt build wrote) in one batch with a private
   profile: the ratio shows what tdkt adds around the conversion.
3. With --large N: a province with N awards made by `tdkt du-lieu-mau`, built without PDF, and
   the same at N/10 (10x the awards should cost about 10x the time).

Times are medians; peak RSS from wait4() of each child. Prints one table.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd, env=None, cwd=None):
    """(wall seconds, cpu seconds, peak RSS MiB, returncode, stderr tail) of one child."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, p.returncode, err.decode(errors="replace")[-600:]


def median_run(cmd, runs, prepare=None, ok=(0,), env=None):
    walls, cpus, rss = [], [], []
    for _ in range(runs):
        if prepare:
            prepare()
        wall, cpu, peak, rc, err = run(cmd, env=env)
        if rc not in ok:
            sys.exit(f"failed ({rc}): {' '.join(cmd)}\n{err}")
        walls.append(wall)
        cpus.append(cpu)
        rss.append(peak)
    return statistics.median(walls), statistics.median(cpus), max(rss)


def soffice():
    for c in (os.environ.get("TDKT_SOFFICE"), shutil.which("soffice"), "/usr/lib/libreoffice/program/soffice"):
        if c and os.path.exists(c):
            return c
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tdkt", default=".build/release/tdkt")
    ap.add_argument("--data", default="data")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pdf-runs", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated --only filters (default: everything)")
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--large", type=int, default=0, help="also a generated province with this many awards")
    a = ap.parse_args()
    if not os.path.exists(a.tdkt):
        sys.exit(f"{a.tdkt} not found: run `swift build -c release --static-swift-stdlib --product tdkt` first")
    work = tempfile.mkdtemp(prefix="tdkt-build-bench-")
    out = os.path.join(work, "out")
    only = [x for x in a.only.split(",") if x]
    base = [a.tdkt, "build", "--data", a.data, "--out", out, "--quiet"] + sum((["--only", o] for o in only), [])
    rows = []

    def clean():
        shutil.rmtree(out, ignore_errors=True)

    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; medians of {a.runs} runs", flush=True)
    wall, cpu, rss = median_run(base, a.runs, prepare=clean, ok=(0, 1))
    files = [os.path.join(dp, f) for dp, _, fs in os.walk(out) for f in fs if not f.endswith(".html")]
    rows.append((f"tdkt build (no PDF) — {len(files)} files", wall, cpu, rss, "target < 1 s (plans) / < 2 s (with year-end)"))

    if not a.no_pdf and soffice():
        wall_pdf, cpu_pdf, rss_pdf = median_run(base + ["--pdf"], a.pdf_runs, prepare=clean, ok=(0, 1))
        # LibreOffice alone on the same inputs, one batch, a private profile (created once,
        # as tdkt's private profile is created each run: both pay the start-up).
        clean()
        run(base)
        inputs = []
        for dp, _, fs in os.walk(out):
            for f in sorted(fs):
                stem, ext = os.path.splitext(f)
                # tdkt converts the first format of each output: .docx for documents, .xlsx for workbooks.
                if ext in (".docx", ".xlsx"):
                    inputs.append(os.path.join(dp, f))
        lo_out = os.path.join(work, "lo")

        def lo_prepare():
            shutil.rmtree(lo_out, ignore_errors=True)
            shutil.rmtree(os.path.join(work, "profile"), ignore_errors=True)
            os.makedirs(lo_out)

        lo_cmd = [soffice(), "-env:UserInstallation=file://" + os.path.join(work, "profile"), "--headless", "--invisible",
                  "--nologo", "--norestore", "--nodefault", "--nolockcheck", "--convert-to", "pdf", "--outdir", lo_out] + inputs
        wall_lo, cpu_lo, rss_lo = median_run(lo_cmd, a.pdf_runs, prepare=lo_prepare)
        rows.append((f"tdkt build --pdf ({len(inputs)} PDFs, previews)", wall_pdf, cpu_pdf, rss_pdf,
                     f"{wall_pdf / wall_lo:.2f}× LibreOffice alone (target ≤ 1.2×)"))
        rows.append((f"LibreOffice batch, same {len(inputs)} files", wall_lo, cpu_lo, rss_lo, "reference"))
    elif not a.no_pdf:
        rows.append(("tdkt build --pdf", None, None, None, "LibreOffice not installed: skipped"))

    if a.large:
        times = {}
        for n in (a.large // 10, a.large):
            data = os.path.join(work, f"tinh-{n}")
            wall_g, _, _, rc, err = run([a.tdkt, "du-lieu-mau", data, "--so-khen-thuong", str(n), "--hat-giong", "7"])
            if rc != 0:
                sys.exit(f"du-lieu-mau failed: {err}")
            cmd = [a.tdkt, "build", "--data", data, "--out", os.path.join(work, f"out-{n}"), "--quiet",
                   "--formats", "docx,odt,xlsx,ods"]
            w, c, r = median_run(cmd, 3, prepare=lambda: shutil.rmtree(os.path.join(work, f"out-{n}"), ignore_errors=True), ok=(0, 1))
            times[n] = w
            rows.append((f"tdkt build, province of {n:,} awards".replace(",", "."), w, c, r,
                         "target < 15 s, < 256 MB" if n == a.large else ""))
        small, large = sorted(times)
        rows.append((f"time ratio {large:,} / {small:,} awards".replace(",", "."), None, None, None,
                     f"{times[large] / times[small]:.1f}× for 10× the awards"))

    print(f"{'run':58} {'wall s':>8} {'cpu s':>8} {'RSS MB':>8}  note")
    for name, w, c, r, note in rows:
        f = lambda v, d=2: "" if v is None else f"{v:.{d}f}"
        print(f"{name:58} {f(w):>8} {f(c):>8} {f(r, 1):>8}  {note}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
