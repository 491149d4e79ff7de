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
                    "underline": f.u, "color": f.color.rgb if f.color is not None and f.color.type == "rgb" else None,
                    "number_format": c.number_format,
                    "border_left": c.border.left.style if c.border and c.border.left else None,
                    "border_right": c.border.right.style if c.border and c.border.right else None,
                    "border_top": c.border.top.style if c.border and c.border.top else None,
                    "border_bottom": c.border.bottom.style if c.border and c.border.bottom else None,
                    "fill": c.fill.fgColor.rgb if c.fill and c.fill.fill_type == "solid" else None,
                    "h_align": c.alignment.horizontal, "v_align": c.alignment.vertical,
                    "wrap": bool(c.alignment.wrap_text), "rotation": plain(c.alignment.textRotation),
                    "indent": plain(c.alignment.indent),
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
            "row_heights": {str(k): plain(v.height) for k, v in ws.row_dimensions.items() if v.height},
            "hidden_rows": sorted(k for k, v in ws.row_dimensions.items() if v.hidden),
            "hidden_columns": sorted(k for k, v in ws.column_dimensions.items() if v.hidden),
            "tab_color": ws.sheet_properties.tabColor.rgb if ws.sheet_properties.tabColor is not None else None,
            "grid_lines": ws.sheet_view.showGridLines,
            "center_horizontally": bool(ws.print_options.horizontalCentered),
            "margins_in": {k: plain(getattr(ws.page_margins, k)) for k in ("left", "right", "top", "bottom")},
            "header_center": ws.oddHeader.center.text, "footer_center": ws.oddFooter.center.text,
            "fit_height": plain(ws.page_setup.fitToHeight),
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


def odfpy_ods_layout(path):
    """Styles and page layout of an ODS as odfpy reads them: each cell's automatic style
    resolved to its properties, row heights and visibility, column widths and visibility,
    and the page layout of each table's master page."""
    from odf.opendocument import load
    from odf.table import Table, TableRow, TableCell, TableColumn, CoveredTableCell
    from odf.namespaces import TABLENS, STYLENS, FONS, TEXTNS
    from odf import teletype
    doc = load(path)

    def props(style):
        out = {}
        for child in style.childNodes:
            for (ns, name), value in child.attributes.items():
                out[name] = value
        return out

    auto = {}
    for st in doc.automaticstyles.childNodes:
        name = st.getAttrNS(STYLENS, "name")
        if name:
            auto[name] = st
    layouts = {}
    for st in doc.automaticstyles.childNodes:
        if st.qname[1] == "page-layout":
            layouts[st.getAttrNS(STYLENS, "name")] = st
    masters = {}
    for mp in doc.masterstyles.childNodes:
        if mp.qname[1] != "master-page":
            continue
        info = {}
        pl = layouts.get(mp.getAttrNS(STYLENS, "page-layout-name"))
        if pl is not None:
            info.update({k: v for k, v in props(pl).items()
                         if k in ("print-orientation", "page-width", "page-height", "margin-left", "margin-right",
                                  "margin-top", "margin-bottom", "scale-to-X", "scale-to-Y", "table-centering")})
        for part in mp.childNodes:
            if part.qname[1] in ("header", "footer"):
                info[part.qname[1]] = teletype.extractText(part)
        masters[mp.getAttrNS(STYLENS, "name")] = info

    sheets = []
    for t in doc.spreadsheet.getElementsByType(Table):
        table_style = auto.get(t.getAttrNS(TABLENS, "style-name"))
        master = table_style.getAttrNS(STYLENS, "master-page-name") if table_style is not None else None
        columns = []
        for col in t.getElementsByType(TableColumn):
            rep = int(col.getAttrNS(TABLENS, "number-columns-repeated") or 1)
            st = auto.get(col.getAttrNS(TABLENS, "style-name"))
            entry = {"width": props(st).get("column-width") if st is not None else None,
                     "visibility": col.getAttrNS(TABLENS, "visibility") or "visible"}
            columns.extend([entry] * min(rep, 64))
        rows = []
        cells = {}
        r = 0
        for tr in t.getElementsByType(TableRow):
            rep = int(tr.getAttrNS(TABLENS, "number-rows-repeated") or 1)
            st = auto.get(tr.getAttrNS(TABLENS, "style-name"))
            p = props(st) if st is not None else {}
            if r < 40:
                rows.append({"height": p.get("row-height"), "use_optimal": p.get("use-optimal-row-height"),
                             "visibility": tr.getAttrNS(TABLENS, "visibility") or "visible"})
                c = 0
                for tc in tr.childNodes:
                    if tc.qname[1] not in ("table-cell", "covered-table-cell"):
                        continue
                    crep = int(tc.getAttrNS(TABLENS, "number-columns-repeated") or 1)
                    name = tc.getAttrNS(TABLENS, "style-name")
                    if name and r < 20 and c < 26 and tc.qname[1] == "table-cell":
                        cs = auto.get(name)
                        if cs is not None:
                            letters = ""
                            n = c + 1
                            while n:
                                n, rem = divmod(n - 1, 26)
                                letters = chr(65 + rem) + letters
                            cells["%s%d" % (letters, r + 1)] = props(cs)
                    c += crep
            r += rep
        sheets.append({"name": t.getAttrNS(TABLENS, "name"), "columns": columns, "rows": rows, "cells": cells,
                       "page": masters.get(master, {})})
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
    ".ods": [("odfpy", "odf", odfpy_ods_reader), ("calamine", "python_calamine", calamine_reader),
             ("odfpy-layout", "odf", odfpy_ods_layout)],
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
