#!/usr/bin/env python3
"""Independent readers for tdkt's conformance tests.

usage: readers.py FILE...   (run with the project's venv python)

For each file prints one JSON object per line:
  {"file": PATH, "readers": {NAME: {"ok": bool, "error": str, "data": {...}} | {"missing": str}}}
Readers by extension: .xlsx openpyxl + python-calamine; .ods odfpy + python-calamine;
.docx python-docx; .odt odfpy. "data" holds what the reader saw (cell values, paragraph texts,
styles) so the Swift tests can compare it with what they wrote.
"""
import datetime
import json
import sys
import traceback

MAX_ROWS = 200


def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return v
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return str(v)


def openpyxl_reader(path):
    import openpyxl
    wb = openpyxl.load_workbook(path)  # full mode: styles, merges, print setup are parsed
    sheets = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, MAX_ROWS)):
            rows.append([plain(c.value) for c in row])
        cells = {}
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 20)):
            for c in row:
                if c.value is None:
                    continue
                f = c.font
                cells[c.coordinate] = {
                    "font": f.name, "size": plain(f.sz), "bold": bool(f.b), "italic": bool(f.i),
                    "number_format": c.number_format,
                    "border_left": c.border.left.style if c.border and c.border.left else None,
                    "fill": c.fill.fgColor.rgb if c.fill and c.fill.fill_type == "solid" else None,
                    "h_align": c.alignment.horizontal, "wrap": bool(c.alignment.wrap_text),
                }
        sheets.append({
            "name": ws.title, "max_row": ws.max_row, "max_column": ws.max_column, "rows": rows,
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "print_title_rows": ws.print_title_rows,
            "orientation": ws.page_setup.orientation,
            "paper_size": plain(ws.page_setup.paperSize),
            "fit_width": plain(ws.page_setup.fitToWidth),
            "column_widths": {k: plain(v.width) for k, v in ws.column_dimensions.items() if v.width},
            "autofilter": ws.auto_filter.ref,
            # Charts openpyxl read from the sheet's drawing, by class (BarChart, LineChart, …).
            "charts": [type(c).__name__ for c in getattr(ws, "_charts", [])],
        })
    props = wb.properties
    return {"sheets": sheets, "title": props.title, "creator": props.creator,
            "defined_names": sorted(wb.defined_names.keys()) if hasattr(wb.defined_names, "keys") else []}


def calamine_reader(path):
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(path)
    sheets = []
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets.append({"name": name, "row_count": len(rows), "rows": [[plain(v) for v in r] for r in rows[:MAX_ROWS]]})
    return {"sheets": sheets}


def odfpy_ods_reader(path):
    from odf.opendocument import load
    from odf.table import Table, TableRow, TableCell
    from odf import teletype
    from odf.namespaces import TABLENS, OFFICENS, TEXTNS
    doc = load(path)
    sheets = []
    for t in doc.spreadsheet.getElementsByType(Table):
        rows = []
        count = 0
        for tr in t.getElementsByType(TableRow):
            rep = int(tr.getAttrNS(TABLENS, "number-rows-repeated") or 1)
            count += rep
            if len(rows) < MAX_ROWS:
                cells = []
                for tc in tr.getElementsByType(TableCell):
                    crep = int(tc.getAttrNS(TABLENS, "number-columns-repeated") or 1)
                    vtype = tc.getAttrNS(OFFICENS, "value-type")
                    if vtype in ("float", "percentage", "currency"):
                        v = float(tc.getAttrNS(OFFICENS, "value"))
                    elif vtype == "date":
                        v = tc.getAttrNS(OFFICENS, "date-value")
                    elif vtype == "boolean":
                        v = tc.getAttrNS(OFFICENS, "boolean-value") == "true"
                    else:
                        # One line per paragraph (teletype alone would run them together).
                        paragraphs = [teletype.extractText(p) for p in tc.childNodes if p.qname == (TEXTNS, "p")]
                        v = "\n".join(paragraphs) if paragraphs else None
                    cells.extend([plain(v)] * min(crep, 64))
                rows.append(cells)
        sheets.append({"name": t.getAttrNS(TABLENS, "name"), "row_count": count, "rows": rows})
    return {"sheets": sheets}


def docx_reader(path):
    import docx
    d = docx.Document(path)
    paragraphs = []
    for p in d.paragraphs[:MAX_ROWS]:
        runs = [{"text": r.text, "bold": r.bold, "italic": r.italic, "font": r.font.name,
                 "size": r.font.size.pt if r.font.size else None} for r in p.runs]
        paragraphs.append({"text": p.text, "style": p.style.name if p.style is not None else None,
                           "alignment": str(p.alignment) if p.alignment is not None else None, "runs": runs})
    tables = []
    for t in d.tables[:20]:
        tables.append({"rows": len(t.rows), "columns": len(t.columns),
                       "cells": [[c.text for c in r.cells] for r in t.rows[:MAX_ROWS]]})
    sections = [{"orientation": str(s.orientation), "page_width_mm": round(s.page_width.mm, 1) if s.page_width else None,
                 "page_height_mm": round(s.page_height.mm, 1) if s.page_height else None,
                 "left_mm": round(s.left_margin.mm, 1) if s.left_margin is not None else None,
                 "right_mm": round(s.right_margin.mm, 1) if s.right_margin is not None else None,
                 "top_mm": round(s.top_margin.mm, 1) if s.top_margin is not None else None,
                 "bottom_mm": round(s.bottom_margin.mm, 1) if s.bottom_margin is not None else None}
                for s in d.sections]
    cp = d.core_properties
    return {"paragraphs": paragraphs, "tables": tables, "sections": sections,
            "title": cp.title, "creator": cp.author}


def odfpy_odt_reader(path):
    from odf.opendocument import load
    from odf import text as odftext, teletype
    from odf.table import Table
    doc = load(path)
    paragraphs = [teletype.extractText(p) for p in doc.text.getElementsByType(odftext.P)][:MAX_ROWS]
    headings = [teletype.extractText(h) for h in doc.text.getElementsByType(odftext.H)][:MAX_ROWS]
    return {"paragraphs": paragraphs, "headings": headings, "tables": len(doc.text.getElementsByType(Table))}


READERS = {
    ".xlsx": [("openpyxl", "openpyxl", openpyxl_reader), ("calamine", "python_calamine", calamine_reader)],
    ".xlsm": [("openpyxl", "openpyxl", openpyxl_reader), ("calamine", "python_calamine", calamine_reader)],
    ".ods": [("odfpy", "odf", odfpy_ods_reader), ("calamine", "python_calamine", calamine_reader)],
    ".docx": [("python-docx", "docx", docx_reader)],
    ".dotx": [("python-docx", "docx", docx_reader)],
    ".odt": [("odfpy", "odf", odfpy_odt_reader)],
}


def main(paths):
    for path in paths:
        ext = path[path.rfind("."):].lower()
        out = {"file": path, "readers": {}}
        for name, module, fn in READERS.get(ext, []):
            try:
                __import__(module)
            except ImportError as e:
                out["readers"][name] = {"missing": str(e)}
                continue
            try:
                out["readers"][name] = {"ok": True, "data": fn(path)}
            except Exception as e:  # the reader refused the file: that is the finding
                out["readers"][name] = {"ok": False, "error": "%s: %s" % (type(e).__name__, e),
                                        "trace": traceback.format_exc(limit=3)[-800:]}
        print(json.dumps(out, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
