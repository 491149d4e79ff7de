#!/usr/bin/env python3
"""W4 of ../shared/bench/WORKLOADS.md, and a W3 variant, for `tdkt fill` against its peers.

  bench/w4.py [--runs 3] [--rows 1000] [--scale 10] [--w3-rows 10000] [--tdkt PATH] [--out bench/out/w4]
              [--skip-peers] [--order blocked|interleaved]

W4: 1,000 certificates (one .docx per CSV row) from a one-page template with six placeholders,
filled on the peers' own template files:
  tdkt fill w4_docxtpl.docx --delimiters '{{ }}'   vs  docxtpl (render + save per row)
  tdkt fill w4_mailmerge.docx (MERGEFIELD fields)   vs  docx-mailmerge (one MailMerge per row)
W3 variant: a 10,000-row table loop from a template ({#rows}…{/rows} in one table row; docxtpl's
own template uses {%tr for %}).
Scaling: tdkt alone at --scale × the rows (10,000 certificates, 100,000 table rows): the time
should grow ≈ linearly and the peak RSS stay flat.

Every process is timed whole (wall; user + sys and peak RSS of the child from wait4), after one
warm-up run; figures are medians; each tool's runs follow one another (--order blocked, the
default: on this VM a process of tens of milliseconds started right after seconds of another tool,
or of idleness, takes about twice the CPU time for the same instructions) or tools take turns run
after run (--order interleaved). Every output of the last run is
read back once with python-docx (file count, and each certificate's name — an even sample of 1,000
beyond 1,000 files — / the table's row count),
so no tool wins by writing less.

The peers run in .venv-bench (made here if missing, pinned versions as bench/setup.sh); the input
CSV is generated here with a fixed seed (the columns of WORKLOADS.md). Targets (issue 8):
tdkt ≤ 0.02 × docxtpl's wall time, ≤ 0.05 × docx-mailmerge's, peak RSS < 64 MB at any row count.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.path.join(ROOT, "bench", "peers")
VENV = os.path.join(ROOT, ".venv-bench")
VENV_PY = os.path.join(VENV, "bin", "python")
PINNED = ["python-docx==1.2.0", "docxtpl==0.20.2", "docx-mailmerge==0.5.0"]
HEADER = ["stt", "ho_ten", "don_vi", "chuc_vu", "danh_hieu", "diem", "nam", "xep_loai", "so_qd", "ghi_chu"]
LIST_TITLE = "DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG"
TARGET_DOCXTPL = 0.02
TARGET_MAILMERGE = 0.05
TARGET_RSS_MB = 64


def say(text=""):
    print(text, flush=True)


# ---------------------------------------------------------------- input

def generate_csv(path, rows, seed=20241120):
    """Deterministic Vietnamese commendation data (WORKLOADS.md's ten columns)."""
    rnd = random.Random(seed)
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
                "Hồ", "Ngô", "Dương", "Lý", "Ma", "Hà", "Nông", "Triệu"]
    middles = ["Văn", "Thị", "Hữu", "Đức", "Thanh", "Minh", "Ngọc", "Thu", "Quang", "Hồng", "Xuân", "Kim", "Thế", "Bảo"]
    givens = ["An", "Bình", "Chi", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương",
              "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nhung", "Phúc", "Phương", "Quân", "Quyên",
              "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Uyên", "Việt", "Xuân", "Yến"]
    places = ["Định Hóa", "Phú Lương", "Võ Nhai", "Đại Từ", "Đồng Hỷ", "Phú Bình", "Phổ Yên", "Sông Công"]
    kinds = ["Phòng Giáo dục và Đào tạo huyện {}", "UBND xã Phú Đình huyện {}", "Trường THCS Nguyễn Du huyện {}",
             "Phòng Nội vụ huyện {}", "Trung tâm Y tế huyện {}", "Phòng Tài chính - Kế hoạch huyện {}",
             "Hội Cựu chiến binh huyện {}", "Trường Tiểu học Kim Đồng huyện {}", "Công an huyện {}",
             "Ban Chỉ huy Quân sự huyện {}", "Phòng Nông nghiệp và PTNT huyện {}", "Hội Liên hiệp Phụ nữ huyện {}",
             "Đoàn TNCS Hồ Chí Minh huyện {}", "Trường Mầm non Hoa Sen huyện {}", "Phòng Văn hóa và Thông tin huyện {}",
             "Chi cục Thuế huyện {}", "Bảo hiểm xã hội huyện {}", "Phòng Lao động - TB&XH huyện {}",
             "Trạm Khuyến nông huyện {}", "Ban Quản lý dự án huyện {}", "Phòng Tư pháp huyện {}",
             "Trường THPT Lương Ngọc Quyến huyện {}", "Hội Nông dân huyện {}", "UBND thị trấn Chợ Chu huyện {}",
             "Phòng Tài nguyên và Môi trường huyện {}"]
    units = [k.format(p) for k in kinds for p in places]
    titles = ["Chuyên viên", "Giáo viên", "Hiệu trưởng", "Phó Hiệu trưởng", "Trưởng phòng", "Phó Trưởng phòng",
              "Chủ tịch UBND xã", "Phó Chủ tịch UBND xã", "Công chức Văn phòng - Thống kê", "Kế toán", "Bác sĩ",
              "Y sĩ", "Điều dưỡng", "Cán bộ", "Nhân viên", "Trưởng trạm", "Chánh Văn phòng", "Bí thư Đoàn",
              "Chủ tịch Hội", "Thủ quỹ"]
    awards = ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp tỉnh",
              "Bằng khen của Chủ tịch UBND tỉnh", "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ"]
    ratings = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"]
    words = ["có", "thành", "tích", "xuất", "sắc", "trong", "công", "tác", "năm", "học", "phong", "trào", "thi",
             "đua", "\"Dân vận khéo\"", "&", "<", ">", "'", "đổi", "mới", "sáng", "tạo", "cải", "cách", "hành", "chính"]
    import csv
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for i in range(1, rows + 1):
            name = f"{rnd.choice(families)} {rnd.choice(middles)} {rnd.choice(givens)}"
            note = "" if rnd.random() < 0.8 else " ".join(rnd.choice(words) for _ in range(rnd.randint(5, 20)))
            w.writerow([i, name, rnd.choice(units), rnd.choice(titles), rnd.choice(awards),
                        f"{rnd.uniform(0, 100):.2f}", rnd.randint(2018, 2025), rnd.choice(ratings),
                        f"{i + rnd.randint(0, 3)}/QĐ-UBND", note])


# ---------------------------------------------------------------- peers' venv and templates

def ensure_venv():
    if not os.path.exists(VENV_PY):
        say(f"Tạo {VENV} (Python của các công cụ so sánh)…")
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    probe = subprocess.run([VENV_PY, "-c", "import docx, docxtpl, mailmerge"], capture_output=True)
    if probe.returncode != 0:
        say(f"Cài {' '.join(PINNED)} vào {VENV}…")
        subprocess.run([VENV_PY, "-m", "pip", "install", "-q", "--disable-pip-version-check"] + PINNED, check=True)


MAKE_W3_TDKT = r'''
import sys
sys.path.insert(0, sys.argv[1])
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from common import FONT, LIST_COLUMNS, LIST_HEADINGS
doc = Document()
doc.styles["Normal"].font.name = FONT
doc.styles["Normal"].font.size = Pt(13)
p = doc.add_paragraph()
p.alignment = WD_ALIGN_PARAGRAPH.CENTER
p.add_run("{title}").bold = True
table = doc.add_table(rows=2, cols=len(LIST_COLUMNS))
table.style = "Table Grid"
for c, h in enumerate(LIST_HEADINGS):
    table.rows[0].cells[c].text = h
for c, name in enumerate(LIST_COLUMNS):
    text = "{%s}" % name
    if c == 0:
        text = "{#rows}" + text
    if c == len(LIST_COLUMNS) - 1:
        text += "{/rows}"
    table.rows[1].cells[c].text = text
doc.save(sys.argv[2])
'''


def make_templates(folder):
    """The peers' templates (bench/peers/templates.py) and tdkt's W3 table-loop template."""
    os.makedirs(folder, exist_ok=True)
    subprocess.run([VENV_PY, os.path.join(PEERS, "templates.py"), folder], check=True)
    subprocess.run([VENV_PY, "-c", MAKE_W3_TDKT, PEERS, os.path.join(folder, "w3_tdkt.docx")], check=True)


# ---------------------------------------------------------------- verification (python-docx, in the venv)

VERIFY = r'''
import csv, itertools, json, os, sys
from docx import Document
kind, path, source, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(source, encoding="utf-8", newline="") as f:
    r = csv.reader(f)
    header = next(r)
    rows = list(itertools.islice(r, n))
name = header.index("ho_ten")
problems = []
if kind == "dir":
    files = sorted(x for x in os.listdir(path) if x.endswith(".docx"))
    if len(files) != n:
        problems.append(f"{len(files)} files, expected {n}")
    # Every file up to 1,000; beyond, an even sample of 1,000 (each is opened by python-docx).
    step = max(1, len(files[:n]) // 1000)
    for k, file in list(enumerate(files[:n]))[::step]:
        text = "\n".join(p.text for p in Document(os.path.join(path, file)).paragraphs)
        if rows[k][name] not in text:
            problems.append(f"{file}: no {rows[k][name]!r}")
            if len(problems) > 5:
                break
else:
    doc = Document(path)
    t = doc.tables[0]
    if len(t.rows) != n + 1:
        problems.append(f"{len(t.rows) - 1} table rows, expected {n}")
    for k in (0, n // 2, n - 1):
        if t.rows[k + 1].cells[1].text != rows[k][name]:
            problems.append(f"row {k + 1}: {t.rows[k + 1].cells[1].text!r}, expected {rows[k][name]!r}")
print(json.dumps(problems, ensure_ascii=False))
'''


def verify(kind, path, source, n):
    r = subprocess.run([VENV_PY, "-c", VERIFY, kind, path, source, str(n)], capture_output=True, text=True)
    if r.returncode != 0:
        return [r.stderr.strip()[-300:]]
    return json.loads(r.stdout)


# ---------------------------------------------------------------- timing

def timed(cmd, log):
    """Wall seconds, CPU seconds (user + sys), peak RSS (KiB) and user seconds of the whole process."""
    with open(log + ".out", "wb") as out, open(log + ".err", "wb") as err:
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, usage.ru_utime


def tree_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


class Tool:
    def __init__(self, name, cmd, output, kind):
        self.name, self.cmd, self.output, self.kind = name, cmd, output, kind
        self.slug = os.path.basename(output)
        self.walls, self.cpus, self.rss, self.users = [], [], [], []
        self.failed = None
        self.bytes = None
        self.problems = []


def measure(title, tools, runs, source, n, logs, order="blocked"):
    say()
    say(title + (" — từng công cụ chạy liền các lần đo" if order == "blocked" else ""))
    os.makedirs(logs, exist_ok=True)
    # interleaved: tools take turns run after run (drift of the machine's load falls on all
    # alike); blocked: each tool's runs back to back (a process of a few tens of ms is then not
    # measured just after the machine sat idle or busy for seconds, which on this VM doubles
    # its CPU time; see docs/templating.md).
    if order == "blocked":
        schedule = [(run, t) for t in tools for run in range(runs + 1)]
    else:
        schedule = [(run, t) for run in range(runs + 1) for t in tools]
    for run, t in schedule:  # run 0 is the warm-up
        if t.failed:
            continue
        if os.path.isdir(t.output):
            shutil.rmtree(t.output)
        elif os.path.exists(t.output):
            os.remove(t.output)
        if t.kind == "dir":
            os.makedirs(t.output, exist_ok=True)
        # The previous run's files, just deleted, are written back now, not during this run.
        os.sync()
        rc, wall, cpu, rss, user = timed(t.cmd, os.path.join(logs, t.slug))
        if rc != 0:
            with open(os.path.join(logs, t.slug + ".err"), errors="replace") as f:
                t.failed = f"mã {rc}: {f.read().strip()[-300:]}"
            say(f"  {t.name}: lỗi {t.failed}")
            continue
        if run > 0:
            t.walls.append(wall)
            t.cpus.append(cpu)
            t.rss.append(rss)
            t.users.append(user)
        say(f"  {'khởi động' if run == 0 else f'lần {run}'}: {t.name:<34} {wall:8.3f} s  CPU {cpu:7.3f} s  RSS {rss / 1024:7.1f} MB")
    for t in tools:
        if t.failed:
            continue
        t.bytes = tree_bytes(t.output)
        t.problems = verify(t.kind, t.output, source, n)
        if t.problems:
            say(f"  {t.name}: KIỂM TRA SAI: {t.problems}")


def med(xs):
    return statistics.median(xs) if xs else None


def row(t):
    if t.failed:
        return {"tool": t.name, "error": t.failed}
    return {"tool": t.name, "wall_s": med(t.walls), "cpu_s": med(t.cpus), "user_s": med(t.users), "peak_rss_mb": max(t.rss) / 1024,
            "output_bytes": t.bytes, "checked": not t.problems, "problems": t.problems, "walls": t.walls}


def table(tools, reference=None):
    say(f"  {'công cụ':<34} {'wall (trung vị)':>15} {'CPU':>8} {'RSS đỉnh':>9} {'tệp ra':>10}")
    for t in tools:
        if t.failed:
            say(f"  {t.name:<34} lỗi")
            continue
        say(f"  {t.name:<34} {med(t.walls):13.3f} s {med(t.cpus):6.2f} s {max(t.rss) / 1024:6.1f} MB {t.bytes / 1e6:7.1f} MB")


def ratio(a, b):
    if a.failed or b.failed or not a.walls or not b.walls:
        return None
    return med(a.walls) / med(b.walls)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rows", type=int, default=1000, help="certificates (W4)")
    ap.add_argument("--w3-rows", type=int, default=10000, help="table rows (W3 variant)")
    ap.add_argument("--scale", type=int, default=10, help="tdkt alone at this many times the rows")
    ap.add_argument("--tdkt", default=None)
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "out", "w4"))
    ap.add_argument("--skip-peers", action="store_true", help="tdkt only (no docxtpl / docx-mailmerge runs)")
    ap.add_argument("--order", choices=["interleaved", "blocked"], default="blocked",
                    help="tools take turns run after run, or each tool's runs back to back")
    args = ap.parse_args()

    tdkt = args.tdkt
    if tdkt is None:
        for candidate in (".build/release/tdkt", ".build-release/release/tdkt"):
            if os.path.exists(os.path.join(ROOT, candidate)):
                tdkt = os.path.join(ROOT, candidate)
                break
    if tdkt is None or not os.path.exists(tdkt):
        raise SystemExit("Không thấy tdkt bản release: swift build -c release --static-swift-stdlib --product tdkt (hoặc --tdkt ĐƯỜNG-DẪN).")
    ensure_venv()
    out = os.path.abspath(args.out)
    templates = os.path.join(out, "templates")
    make_templates(templates)
    # As bench/run.py: the smallest generated size (10,000, 100,000, …) that holds the rows used.
    def input_csv(rows):
        size = 10_000
        while size < rows:
            size *= 10
        path = os.path.join(out, "input", f"w4-{size}.csv")
        if not os.path.exists(path):
            say(f"Tạo dữ liệu vào: {size:,} hàng → {path}")
            generate_csv(path, size)
        return path
    py = VENV_PY
    tpl = lambda name: os.path.join(templates, name)  # noqa: E731
    o = lambda name: os.path.join(out, "o", name)  # noqa: E731
    logs = os.path.join(out, "logs")
    results = {"tdkt": tdkt, "runs": args.runs, "cores": os.cpu_count(), "load": os.getloadavg()}

    def tdkt_each(name, folder, template, n, extra=()):
        source = input_csv(n)
        return Tool(name, [tdkt, "fill", template, source, "--each", "-o", os.path.join(o(folder), "giay-khen-{#}.docx"),
                           "--limit", str(n)] + list(extra), o(folder), "dir")

    # W4: 1,000 certificates.
    n = args.rows
    source = input_csv(n)
    w4 = [tdkt_each("tdkt {{ }} (mẫu docxtpl)", "tdkt-jinja", tpl("w4_docxtpl.docx"), n, ["--delimiters", "{{ }}"]),
          tdkt_each("tdkt MERGEFIELD (mẫu mailmerge)", "tdkt-mergefield", tpl("w4_mailmerge.docx"), n)]
    if not args.skip_peers:
        w4 += [Tool("docxtpl", [py, os.path.join(PEERS, "w4_docxtpl.py"), source, o("docxtpl"), str(n), tpl("w4_docxtpl.docx")],
                    o("docxtpl"), "dir"),
               Tool("docx-mailmerge", [py, os.path.join(PEERS, "w4_mailmerge.py"), source, o("mailmerge"), str(n),
                                       tpl("w4_mailmerge.docx")], o("mailmerge"), "dir")]
    measure(f"W4 — {n:,} giấy khen, mỗi hàng một tệp", w4, args.runs, source, n, logs, args.order)
    # tdkt alone at scale × the certificates.
    ns = n * args.scale
    source = input_csv(ns)
    w4s = [tdkt_each(f"tdkt {{{{ }}}} ×{args.scale}", "tdkt-jinja-big", tpl("w4_docxtpl.docx"), ns, ["--delimiters", "{{ }}"]),
           tdkt_each(f"tdkt MERGEFIELD ×{args.scale}", "tdkt-mergefield-big", tpl("w4_mailmerge.docx"), ns)]
    measure(f"W4 — {ns:,} giấy khen (chỉ tdkt: thời gian ≈ ×{args.scale}, bộ nhớ phẳng)", w4s, args.runs, source, ns, logs, args.order)

    # W3 variant: a table-row loop from a template.
    m = args.w3_rows
    source = input_csv(m)
    w3 = [Tool("tdkt {#rows} (bảng)", [tdkt, "fill", tpl("w3_tdkt.docx"), source, "-o", o("w3-tdkt.docx"), "--limit", str(m),
                                       "--set", f"title={LIST_TITLE}"], o("w3-tdkt.docx"), "table")]
    if not args.skip_peers:
        w3.append(Tool("docxtpl {%tr for %}", [py, os.path.join(PEERS, "w3_docxtpl.py"), source, o("w3-docxtpl.docx"), str(m),
                                               tpl("w3_docxtpl.docx")], o("w3-docxtpl.docx"), "table"))
    measure(f"W3 (biến thể) — bảng {m:,} hàng từ mẫu có vòng lặp hàng", w3, args.runs, source, m, logs, args.order)
    ms = m * args.scale
    source = input_csv(ms)
    w3s = [Tool(f"tdkt {{#rows}} ×{args.scale}", [tdkt, "fill", tpl("w3_tdkt.docx"), source, "-o", o("w3-tdkt-big.docx"),
                                                  "--limit", str(ms), "--set", f"title={LIST_TITLE}"],
                o("w3-tdkt-big.docx"), "table")]
    measure(f"W3 (biến thể) — bảng {ms:,} hàng (chỉ tdkt)", w3s, args.runs, source, ms, logs, args.order)

    # Report.
    say()
    say("Kết quả (trung vị của các lần đo, sau 1 lần khởi động)")
    table(w4 + w4s + w3 + w3s)
    by = {t.name: t for t in w4 + w4s + w3 + w3s}
    checks = []

    def target(label, value, limit, unit=""):
        ok = value is not None and value <= limit
        checks.append({"check": label, "value": value, "limit": limit, "ok": ok})
        shown = "—" if value is None else (f"{value:.4f}" if not unit else f"{value:.1f}{unit}")
        say(f"  {'ĐẠT ' if ok else 'CHƯA'} {label}: {shown} (mục tiêu ≤ {limit}{unit})")

    say()
    if not args.skip_peers:
        target("W4 tdkt / docxtpl (wall)", ratio(w4[0], by["docxtpl"]), TARGET_DOCXTPL)
        target("W4 tdkt / docx-mailmerge (wall)", ratio(w4[1], by["docx-mailmerge"]), TARGET_MAILMERGE)
        target("W3 tdkt / docxtpl (wall)", ratio(w3[0], w3[1]), TARGET_DOCXTPL)
    for a, b in ((w4[0], w4s[0]), (w4[1], w4s[1]), (w3[0], w3s[0])):
        r = ratio(b, a)
        # Writing thousands of files costs kernel time that grows with what the disk holds dirty
        # (Python writing the same files shows it too), so user CPU is printed beside wall.
        u = med(b.users) / med(a.users) if a.users and b.users and med(a.users) else None
        checks.append({"check": f"{b.name} / {a.name}", "value": r, "user_cpu": u})
        say(f"  ×{args.scale} hàng: {b.name} / {a.name} = {'—' if r is None else f'{r:.1f}'} wall, "
            f"{'—' if u is None else f'{u:.1f}'} CPU người dùng (≈ {args.scale} là tuyến tính)")
    # The memory target is W4's (one certificate per record); the W3 table is held whole.
    rss = max((max(t.rss) for t in w4 + w4s if t.name.startswith("tdkt") and t.rss), default=None)
    target("W4: RSS đỉnh của tdkt (mọi số giấy khen)", None if rss is None else rss / 1024, TARGET_RSS_MB, " MB")
    w3rss = max((max(t.rss) for t in w3 + w3s if t.name.startswith("tdkt") and t.rss), default=None)
    if w3rss is not None:
        say(f"  W3: RSS đỉnh của tdkt: {w3rss / 1024:.1f} MB (không có mục tiêu; bảng được giữ cả trong bộ nhớ)")
    bad = [t.name for t in w4 + w4s + w3 + w3s if t.problems or t.failed]
    if bad:
        say(f"  Đầu ra sai hoặc lỗi: {', '.join(bad)}")
    results["order"] = args.order
    results["tools"] = [row(t) for t in w4 + w4s + w3 + w3s]
    results["checks"] = checks
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, ensure_ascii=False, indent=1)
    say(f"\nKết quả (JSON): {os.path.join(out, 'results.json')}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
