"""Checks one benchmark output with an independent reader, so no tool wins by writing less.
Usage: check.py KIND OUTPUT INPUT.csv ROWS
  KIND: xlsx | ods (python-calamine; openpyxl read_only / odfpy if calamine is missing),
        docx (python-docx: the first table), docxdir (one .docx per row, python-docx)
Prints one line of JSON: {"ok": bool, "rows": n, "message": "..."}."""
import glob
import json
import os
import sys

from common import FIELDS, LIST_COLUMNS, read_rows

kind, output, source, expected = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def last_row(limit):
    header, rows = read_rows(source, limit)
    last = None
    for last in rows:
        pass
    return header, last


def done(ok, rows, message=""):
    print(json.dumps({"ok": ok, "rows": rows, "message": message}, ensure_ascii=False))
    sys.exit(0)


def sheet_rows(path):
    try:
        from python_calamine import CalamineWorkbook
        sheet = CalamineWorkbook.from_path(path).get_sheet_by_index(0)
        for row in sheet.iter_rows():
            yield row
        return
    except ImportError:
        pass
    if path.endswith(".xlsx"):
        from openpyxl import load_workbook
        wb = load_workbook(path, read_only=True)
        for row in wb.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    else:
        raise SystemExit("python-calamine is needed to read ODS quickly")


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


if kind in ("xlsx", "ods"):
    header, last = last_row(expected)
    n = 0
    first = final = None
    for row in sheet_rows(output):
        if not any(v not in ("", None) for v in row):
            continue
        n += 1
        if n == 2:
            first = row
        final = row
    data = n - 1
    if data != expected:
        done(False, data, f"{data} hàng dữ liệu, cần {expected}")
    numeric = [header.index(c) for c in ("stt", "diem", "nam")]
    for row in (first, final):
        bad = [header[c] for c in numeric if not is_number(row[c])]
        if bad:
            done(False, data, "cột " + ", ".join(bad) + " không phải số")
    if int(final[0]) != int(last[0]) or final[1] != last[1]:
        done(False, data, f"hàng cuối khác dữ liệu vào: {final[:2]} ≠ {last[:2]}")
    done(True, data)

if kind == "docx":
    from docx import Document
    header, last = last_row(expected)
    doc = Document(output)
    if not doc.tables:
        done(False, 0, "không có bảng")
    table = doc.tables[0]
    rows = table.rows
    data = len(rows) - 1
    if data != expected:
        done(False, data, f"{data} hàng dữ liệu, cần {expected}")
    cells = [c.text for c in rows[-1].cells]
    want = [last[header.index(c)] for c in LIST_COLUMNS]
    if cells != want:
        done(False, data, f"hàng cuối khác dữ liệu vào: {cells} ≠ {want}")
    done(True, data)

if kind == "docxdir":
    from docx import Document
    files = sorted(glob.glob(os.path.join(output, "*.docx")))
    if len(files) != expected:
        done(False, len(files), f"{len(files)} tệp, cần {expected}")
    header, rows = read_rows(source, expected)
    index = [header.index(f) for f in FIELDS]
    known = {(r[index[0]], r[index[4]]) for r in rows}
    for path in (files[0], files[len(files) // 2], files[-1]):
        doc = Document(path)
        text = "\n".join(p.text for p in doc.paragraphs)
        for t in doc.tables:
            text += "\n" + "\n".join(c.text for row in t.rows for c in row.cells)
        if any(f in text for f in FIELDS if "_" in f) or "{" in text or "}" in text or "MERGEFIELD" in text:
            done(False, len(files), f"{os.path.basename(path)}: còn chỗ trống chưa điền")
        if not any(name in text and qd in text for name, qd in known):
            done(False, len(files), f"{os.path.basename(path)}: không thấy họ tên và số quyết định của hàng nào")
    done(True, len(files))

raise SystemExit(f"unknown kind {kind}")
