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
        used = 0  # rows up to the last one holding a value (the rows below are formatting only)
        for tr in t.getElementsByType(TableRow):
            rep = int(tr.getAttrNS(TABLENS, "number-rows-repeated") or 1)
            count += rep
            if any(tc.getAttrNS(OFFICENS, "value-type") or tc.childNodes for tc in tr.getElementsByType(TableCell)):
                used = count
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
        sheets.append({"name": t.getAttrNS(TABLENS, "name"), "row_count": used, "rows": rows[:used]})
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
        column_cell_styles = []  # a cell without table:style-name takes its column's default
        for col in t.getElementsByType(TableColumn):
            rep = int(col.getAttrNS(TABLENS, "number-columns-repeated") or 1)
            st = auto.get(col.getAttrNS(TABLENS, "style-name"))
            entry = {"width": props(st).get("column-width") if st is not None else None,
                     "visibility": col.getAttrNS(TABLENS, "visibility") or "visible"}
            columns.extend([entry] * min(rep, 64))
            column_cell_styles.extend([col.getAttrNS(TABLENS, "default-cell-style-name")] * min(rep, 64))
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
                    name = tc.getAttrNS(TABLENS, "style-name") or (
                        column_cell_styles[c] if c < len(column_cell_styles) else None)
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


def docx_detail_reader(path):
    """What python-docx and the package's XML say about a DOCX beyond text: resolved run
    formatting and fonts in every slot, spans and merges, header rows, sections with their
    headers, numbering labels, footnotes, links, pictures, xml:space on text."""
    import zipfile
    import docx
    from lxml import etree
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ns = {"w": W, "r": R}

    def wa(el, name):
        return el.get("{%s}%s" % (W, name))

    d = docx.Document(path)
    z = zipfile.ZipFile(path)
    parts = {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")}

    # Fonts in every slot, everywhere; text elements without xml:space="preserve".
    slots = {}
    unpreserved = 0
    for name, root in parts.items():
        for f in root.iter("{%s}rFonts" % W):
            for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                slots.setdefault(slot, set()).add(wa(f, slot))
        for t in root.iter("{%s}t" % W):
            if t.get("{http://www.w3.org/XML/1998/namespace}space") != "preserve":
                unpreserved += 1
    styles = parts.get("word/styles.xml")
    defaults = {}
    if styles is not None:
        rpr = styles.find("w:docDefaults/w:rPrDefault/w:rPr", ns)
        if rpr is not None:
            lang = rpr.find("w:lang", ns)
            sz = rpr.find("w:sz", ns)
            defaults = {"lang": wa(lang, "val") if lang is not None else None,
                        "size_half_points": int(wa(sz, "val")) if sz is not None else None}
    normal = d.styles["Normal"]

    def eff(run, para, attr):
        v = getattr(run.font, attr)
        if v is None and run.style is not None:
            v = getattr(run.style.font, attr)
        s = para.style
        while v is None and s is not None:
            v = getattr(s.font, attr)
            s = s.base_style
        return v

    def runs_of(para):
        out = []
        for r in para.runs:
            size = eff(r, para, "size")
            out.append({"text": r.text, "bold": bool(eff(r, para, "bold")), "italic": bool(eff(r, para, "italic")),
                        "font": eff(r, para, "name") or normal.font.name,
                        "size": size.pt if size is not None else (defaults.get("size_half_points") or 20) / 2,
                        "underline": str(r.font.underline) if r.font.underline is not None else None,
                        "strike": bool(r.font.strike), "superscript": bool(r.font.superscript),
                        "subscript": bool(r.font.subscript), "small_caps": bool(r.font.small_caps),
                        "all_caps": bool(r.font.all_caps),
                        "color": str(r.font.color.rgb) if r.font.color is not None and r.font.color.type is not None else None,
                        "highlight": str(r.font.highlight_color) if r.font.highlight_color is not None else None})
        return out

    # Numbering: the label each numbered paragraph shows (Word's rules: counters per
    # abstract definition, reset by a num's startOverride when that num is first used).
    numbering = parts.get("word/numbering.xml")
    nums, abstracts = {}, {}
    if numbering is not None:
        for a in numbering.findall("w:abstractNum", ns):
            levels = {}
            for lvl in a.findall("w:lvl", ns):
                levels[int(wa(lvl, "ilvl"))] = {"start": int(wa(lvl.find("w:start", ns), "val")),
                                                "fmt": wa(lvl.find("w:numFmt", ns), "val"),
                                                "text": wa(lvl.find("w:lvlText", ns), "val")}
            abstracts[wa(a, "abstractNumId")] = levels
        for n in numbering.findall("w:num", ns):
            overrides = {int(wa(o, "ilvl")): int(wa(o.find("w:startOverride", ns), "val"))
                         for o in n.findall("w:lvlOverride", ns) if o.find("w:startOverride", ns) is not None}
            nums[wa(n, "numId")] = (wa(n.find("w:abstractNumId", ns), "val"), overrides)

    def roman(v):
        out = ""
        for value, text in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
            while v >= value:
                out += text
                v -= value
        return out

    def fmt(v, f):
        if f == "decimal":
            return str(v)
        if f == "upperRoman":
            return roman(v)
        if f == "lowerRoman":
            return roman(v).lower()
        if f == "lowerLetter":
            return chr(97 + (v - 1) % 26) * ((v - 1) // 26 + 1)
        if f == "upperLetter":
            return chr(65 + (v - 1) % 26) * ((v - 1) // 26 + 1)
        return ""

    counters, used = {}, set()

    def label(p):
        numPr = p._p.find("w:pPr/w:numPr", ns)
        if numPr is None:
            return None
        num = wa(numPr.find("w:numId", ns), "val")
        lvl = int(wa(numPr.find("w:ilvl", ns), "val"))
        abstract, overrides = nums[num]
        levels = abstracts[abstract]
        c = counters.setdefault(abstract, {})
        if num not in used:
            used.add(num)
            for l, s in overrides.items():
                c[l] = s - 1
        c[lvl] = c.get(lvl, levels[lvl]["start"] - 1) + 1
        for deeper in [k for k in c if k > lvl]:
            del c[deeper]
        text = levels[lvl]["text"]
        if levels[lvl]["fmt"] == "bullet":
            return text
        for l in range(lvl, -1, -1):
            text = text.replace("%%%d" % (l + 1), fmt(c.get(l, levels[l]["start"]), levels[l]["fmt"]))
        return text

    def resolved_alignment(p):
        a = p.alignment
        s = p.style
        while a is None and s is not None:
            a = s.paragraph_format.alignment
            s = s.base_style
        return str(a) if a is not None else None

    paragraphs = []
    for p in d.paragraphs[:MAX_ROWS]:
        pf = p.paragraph_format
        paragraphs.append({"text": p.text, "style": p.style.name if p.style is not None else None,
                           "label": label(p), "runs": runs_of(p),
                           "alignment": resolved_alignment(p),
                           "first_line_indent_mm": round(pf.first_line_indent.mm, 1) if pf.first_line_indent is not None else None,
                           "left_indent_mm": round(pf.left_indent.mm, 1) if pf.left_indent is not None else None,
                           "space_before_pt": pf.space_before.pt if pf.space_before is not None else None,
                           "keep_with_next": pf.keep_with_next, "page_break_before": pf.page_break_before})

    tables = []
    for t in d.tables[:20]:
        rows = []
        for tr in t._tbl.tr_lst[:MAX_ROWS]:
            cells = []
            for tc in tr.tc_lst:
                vm = tc.find("w:tcPr/w:vMerge", ns)
                cells.append({"text": "\n".join("".join(x.text or "" for x in p.iter("{%s}t" % W)) for p in tc.findall("w:p", ns)),
                              "span": tc.grid_span,
                              "vmerge": None if vm is None else (wa(vm, "val") or "continue")})
            rows.append({"cells": cells, "header": tr.find("w:trPr/w:tblHeader", ns) is not None,
                         "cant_split": tr.find("w:trPr/w:cantSplit", ns) is not None})
        widths = [int(wa(g, "w")) for g in t._tbl.findall("w:tblGrid/w:gridCol", ns)]
        tables.append({"rows": rows, "row_count": len(t._tbl.tr_lst), "grid_twips": widths})

    def hf_text(hf):
        texts = [p.text for p in hf.paragraphs]
        fields = [x.text.strip() for p in hf._element.iter("{%s}instrText" % W) for x in [p]]
        return {"linked": hf.is_linked_to_previous, "texts": texts, "fields": fields}

    sections = []
    for s in d.sections:
        pg = s._sectPr.find("w:pgNumType", ns)
        sections.append({"orientation": str(s.orientation), "page_width_mm": round(s.page_width.mm, 1),
                         "page_height_mm": round(s.page_height.mm, 1), "left_mm": round(s.left_margin.mm, 1),
                         "right_mm": round(s.right_margin.mm, 1), "top_mm": round(s.top_margin.mm, 1),
                         "bottom_mm": round(s.bottom_margin.mm, 1), "header_mm": round(s.header_distance.mm, 1),
                         "different_first_page": s.different_first_page_header_footer,
                         "header": hf_text(s.header), "first_page_header": hf_text(s.first_page_header),
                         "footer": hf_text(s.footer),
                         "page_number_start": int(wa(pg, "start")) if pg is not None and wa(pg, "start") else None})

    footnotes = {}
    fn = parts.get("word/footnotes.xml")
    if fn is not None:
        for note in fn.findall("w:footnote", ns):
            i = int(wa(note, "id"))
            if i > 0:
                footnotes[str(i)] = "".join(t.text or "" for t in note.iter("{%s}t" % W)).strip()
    body = parts["word/document.xml"]
    references = [int(wa(r, "id")) for r in body.iter("{%s}footnoteReference" % W)]
    links = []
    rels = d.part.rels
    for h in body.iter("{%s}hyperlink" % W):
        rid = h.get("{%s}id" % R)
        links.append({"text": "".join(t.text or "" for t in h.iter("{%s}t" % W)),
                      "url": rels[rid].target_ref if rid in rels else None})
    pictures = [{"width_mm": round(s.width.mm, 2), "height_mm": round(s.height.mm, 2),
                 "content_type": d.part.related_parts[s._inline.graphic.graphicData.pic.blipFill.blip.embed].content_type}
                for s in d.inline_shapes]
    return {"paragraphs": paragraphs, "tables": tables, "sections": sections,
            "font_slots": {k: sorted(x or "" for x in v) for k, v in slots.items()},
            "unpreserved_text": unpreserved, "defaults": defaults,
            "normal": {"font": normal.font.name, "size": normal.font.size.pt if normal.font.size else None},
            "footnotes": footnotes, "footnote_references": references, "links": links, "pictures": pictures}


READERS[".docx"].append(("docx-detail", "docx", docx_detail_reader))


def odt_detail_reader(path):
    """What odfpy reads from an ODT beyond text, with ODF's style inheritance resolved (a
    span's automatic style, its parent character style, the paragraph's automatic and named
    styles, the default style): runs' formatting, the labels lists show (ODF's numbering
    rules: continued lists, levels, restarts), tables with spans and header rows, sections
    (master pages in the order the body starts them, with their page layouts, headers and
    first-page variants), footnotes, links, pictures, fonts in every slot."""
    import zipfile
    from odf.opendocument import load
    from odf.namespaces import (STYLENS, TEXTNS, TABLENS, FONS, DRAWNS, XLINKNS, SVGNS, OFFICENS)
    XMLNS = "http://www.w3.org/XML/1998/namespace"
    prefixes = {STYLENS: "style", TEXTNS: "text", FONS: "fo", TABLENS: "table", DRAWNS: "draw", SVGNS: "svg"}
    doc = load(path)

    def elements(node):
        """Child elements (text nodes between them have no qname)."""
        return [c for c in node.childNodes if getattr(c, "qname", None) is not None]

    def attrs(el):
        return {"%s:%s" % (prefixes.get(k[0], k[0]), k[1]): v for k, v in el.attributes.items()}

    def props(style_el):
        out = {"attrs": attrs(style_el), "text": {}, "paragraph": {}, "tabs": [], "other": {}}
        for c in elements(style_el):
            if c.qname == (STYLENS, "text-properties"):
                out["text"] = attrs(c)
            elif c.qname == (STYLENS, "paragraph-properties"):
                out["paragraph"] = attrs(c)
                for t in elements(c):
                    if t.qname == (STYLENS, "tab-stops"):
                        out["tabs"] = [attrs(x) for x in elements(t) if x.qname == (STYLENS, "tab-stop")]
            elif c.qname[0] == STYLENS and c.qname[1].endswith("-properties"):
                out["other"].update(attrs(c))
        return out

    styles, defaults, list_styles, automatic = {}, {}, {}, set()
    for container in (doc.styles, doc.automaticstyles):
        for s in elements(container):
            if s.qname == (STYLENS, "style"):
                a = attrs(s)
                styles[(a.get("style:family"), a.get("style:name"))] = props(s)
                if container is doc.automaticstyles:
                    automatic.add((a.get("style:family"), a.get("style:name")))
            elif s.qname == (STYLENS, "default-style"):
                defaults[attrs(s).get("style:family")] = props(s)
            elif s.qname == (TEXTNS, "list-style"):
                levels = {}
                for lv in elements(s):
                    if lv.qname[0] != TEXTNS:
                        continue
                    la = attrs(lv)
                    levels[int(la.get("text:level", "1"))] = {"kind": lv.qname[1], **la}
                list_styles[attrs(s).get("style:name")] = levels

    def chain(family, name):
        out, seen = [], set()
        while name and (family, name) not in seen and (family, name) in styles:
            seen.add((family, name))
            s = styles[(family, name)]
            out.append(s)
            name = s["attrs"].get("style:parent-style-name")
        return out

    def lookup(key, text_style, para_style, kind="text"):
        for s in (chain("text", text_style) if text_style else []):
            if key in s[kind]:
                return s[kind][key]
        for s in chain("paragraph", para_style):
            if key in s[kind]:
                return s[kind][key]
        return defaults.get("paragraph", {}).get(kind, {}).get(key)

    def pt(v):
        if v is None:
            return None
        units = {"pt": 1, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72, "pc": 12, "px": 0.75}
        for u, k in units.items():
            if v.endswith(u):
                return float(v[:-len(u)]) * k
        return None

    def mm(v):
        p = pt(v)
        return None if p is None else round(p * 25.4 / 72, 2)

    def fmt(ts, ps):
        g = lambda k: lookup(k, ts, ps)
        size = pt(g("fo:font-size"))
        underline = g("style:text-underline-style")
        position = g("style:text-position") or ""
        return {"bold": g("fo:font-weight") == "bold", "italic": g("fo:font-style") == "italic",
                "font": g("style:font-name") or (g("fo:font-family") or "").strip("'\""),
                "font_asian": g("style:font-name-asian"), "font_complex": g("style:font-name-complex"),
                "size": size,
                "underline": None if underline in (None, "none") else (g("style:text-underline-type") or "single"),
                "strike": g("style:text-line-through-style") not in (None, "none"),
                "superscript": position.startswith("super"), "subscript": position.startswith("sub"),
                "small_caps": g("fo:font-variant") == "small-caps", "all_caps": g("fo:text-transform") == "uppercase",
                "color": g("fo:color"), "highlight": g("fo:background-color"),
                "language": g("fo:language"), "country": g("fo:country")}

    def text_of(el, out, ts, ps, runs, extras):
        for c in el.childNodes:
            if c.nodeType == c.TEXT_NODE:
                # ODF white space: runs of spaces collapse (the writer uses text:s instead).
                t = c.data.replace("\n", " ").replace("\t", " ")
                out.append(t)
                runs.append({"text": t, **fmt(ts, ps)})
                continue
            q = c.qname
            if q == (TEXTNS, "span"):
                text_of(c, out, c.getAttrNS(TEXTNS, "style-name") or ts, ps, runs, extras)
            elif q == (TEXTNS, "a"):
                before, first_run = len(out), len(runs)
                text_of(c, out, ts, ps, runs, extras)
                for r in runs[first_run:]:
                    r["link"] = True
                extras["links"].append({"text": "".join(out[before:]), "url": c.getAttrNS(XLINKNS, "href")})
            elif q == (TEXTNS, "s"):
                n = int(c.getAttrNS(TEXTNS, "c") or 1)
                out.append(" " * n)
                runs.append({"text": " " * n, **fmt(ts, ps)})
            elif q == (TEXTNS, "tab"):
                out.append("\t")
            elif q == (TEXTNS, "line-break"):
                out.append("\n")
            elif q in ((TEXTNS, "page-number"), (TEXTNS, "page-count")):
                extras["fields"].append(q[1])
                text_of(c, out, ts, ps, runs, extras)
            elif q == (TEXTNS, "note"):
                body = [x for x in elements(c) if x.qname == (TEXTNS, "note-body")]
                cite = [x for x in elements(c) if x.qname == (TEXTNS, "note-citation")]
                texts = []
                for b in body:
                    for p in elements(b):
                        if p.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
                            o = []
                            text_of(p, o, None, p.getAttrNS(TEXTNS, "style-name"), [], extras)
                            texts.append("".join(o))
                extras["footnotes"].append({"citation": "".join(x.firstChild.data for x in cite if x.firstChild),
                                            "text": "\n".join(texts)})
            elif q == (DRAWNS, "frame"):
                img = [x for x in elements(c) if x.qname == (DRAWNS, "image")]
                extras["pictures"].append({"width_mm": mm(c.getAttrNS(SVGNS, "width")),
                                           "height_mm": mm(c.getAttrNS(SVGNS, "height")),
                                           "anchor": c.getAttrNS(TEXTNS, "anchor-type"),
                                           "href": img[0].getAttrNS(XLINKNS, "href") if img else None})
            else:
                text_of(c, out, ts, ps, runs, extras)

    def roman(v):
        out = ""
        for value, t in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                         (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
            while v >= value:
                out += t
                v -= value
        return out

    def number(v, f, sync):
        if f == "1":
            return str(v)
        if f in ("I", "i"):
            return roman(v) if f == "I" else roman(v).lower()
        if f in ("a", "A"):
            base = 97 if f == "a" else 65
            return chr(base + (v - 1) % 26) * ((v - 1) // 26 + 1) if sync == "true" else chr(base + (v - 1) % 26)
        return ""

    # ODF numbering: a text:list without continue-list / continue-numbering starts a list
    # (all counters fresh); continue-list joins the list with that xml:id. A list item counts at
    # its level when it holds a paragraph; deeper counters restart after it.
    lists = {}   # list key -> {"counters": {level: n}}
    ids = {}
    last_list = {}  # style name -> key (for continue-numbering)

    def label_for(key, level, style_name):
        st = list_styles.get(style_name, {})
        c = lists[key]
        lv = st.get(level, {})
        start = int(lv.get("text:start-value", "1"))
        c[level] = c.get(level, start - 1) + 1
        for deeper in [k for k in c if k > level]:
            del c[deeper]
        if lv.get("kind") == "list-level-style-bullet":
            return lv.get("style:num-prefix", "") + lv.get("text:bullet-char", "") + lv.get("style:num-suffix", "")
        shown = int(lv.get("text:display-levels", "1"))
        parts = []
        for l in range(level - shown + 1, level + 1):
            lvl = st.get(l, {})
            parts.append(number(c.get(l, int(lvl.get("text:start-value", "1"))), lvl.get("style:num-format", "1"),
                                lvl.get("style:num-letter-sync")))
        return lv.get("style:num-prefix", "") + ".".join(parts) + lv.get("style:num-suffix", "")

    extras = {"links": [], "fields": [], "footnotes": [], "pictures": []}
    paragraphs, tables, starts = [], [], []

    def paragraph(p, list_ctx, out_list):
        ps = p.getAttrNS(TEXTNS, "style-name")
        o, runs = [], []
        text_of(p, o, None, ps, runs, extras)
        label = None
        if list_ctx is not None:
            key, level, style_name, counts = list_ctx
            if counts:
                label = label_for(key, level, style_name)
        named = [s["attrs"].get("style:name") for s in chain("paragraph", ps)
                 if ("paragraph", s["attrs"].get("style:name")) not in automatic]
        auto = styles.get(("paragraph", ps), {"attrs": {}, "paragraph": {}})
        master = auto["attrs"].get("style:master-page-name")
        if master:
            starts.append({"master": master, "page_number": auto["paragraph"].get("style:page-number")})
        g = lambda k: lookup(k, None, ps, "paragraph")
        out_list.append({"text": "".join(o), "element": p.qname[1], "style": named[0] if named else None,
                         "styles": named, "outline_level": p.getAttrNS(TEXTNS, "outline-level"),
                         "label": label, "runs": runs,
                         "alignment": g("fo:text-align"), "left_indent_mm": mm(g("fo:margin-left")),
                         "first_line_indent_mm": mm(g("fo:text-indent")), "space_before_pt": pt(g("fo:margin-top")),
                         "space_after_pt": pt(g("fo:margin-bottom")), "line_height": g("fo:line-height"),
                         "line_height_at_least": g("style:line-height-at-least"),
                         "keep_with_next": g("fo:keep-with-next"), "keep_together": g("fo:keep-together"),
                         "break_before": g("fo:break-before"),
                         "tabs": next((s["tabs"] for s in chain("paragraph", ps) if s["tabs"]), []),
                         "border_bottom": g("fo:border-bottom")})

    def walk(el, out_list, list_ctx=None, top=False):
        for c in elements(el):
            q = c.qname
            if q in ((TEXTNS, "p"), (TEXTNS, "h")):
                paragraph(c, list_ctx, out_list)
                if list_ctx is not None:
                    list_ctx = list_ctx[:3] + (False,)   # later paragraphs of the item: no label
            elif q == (TEXTNS, "list"):
                style_name = c.getAttrNS(TEXTNS, "style-name") or (list_ctx[2] if list_ctx else None)
                if list_ctx is not None:
                    key, level = list_ctx[0], list_ctx[1] + 1
                else:
                    cont = c.getAttrNS(TEXTNS, "continue-list")
                    if cont and cont in ids:
                        key = ids[cont]
                    elif c.getAttrNS(TEXTNS, "continue-numbering") == "true" and style_name in last_list:
                        key = last_list[style_name]
                    else:
                        key = len(lists)
                        lists[key] = {}
                    xid = c.getAttrNS(XMLNS, "id")
                    if xid:
                        ids[xid] = key
                    last_list[style_name] = key
                    level = 1
                for item in elements(c):
                    if item.qname in ((TEXTNS, "list-item"), (TEXTNS, "list-header")):
                        counts = item.qname[1] == "list-item"
                        walk(item, out_list, (key, level, style_name, counts))
            elif q == (TABLENS, "table"):
                ta = styles.get(("table", c.getAttrNS(TABLENS, "style-name")), {"attrs": {}, "other": {}})
                if top and ta["attrs"].get("style:master-page-name"):
                    starts.append({"master": ta["attrs"]["style:master-page-name"],
                                   "page_number": ta["other"].get("style:page-number")})
                index = len(tables)
                tables.append(None)   # nested tables come after their outer table
                tables[index] = table(c, ta)
                out_list.append({"table": index})
            elif q in ((TEXTNS, "section"), (TEXTNS, "soft-page-break")):
                walk(c, out_list, list_ctx, top)

    def table(t, ta):
        rows, header_rows = [], 0
        cols = []
        for c in elements(t):
            if c.qname == (TABLENS, "table-column"):
                cs = styles.get(("table-column", c.getAttrNS(TABLENS, "style-name")), {"other": {}})
                for _ in range(int(c.getAttrNS(TABLENS, "number-columns-repeated") or 1)):
                    cols.append(mm(cs["other"].get("style:column-width")))

        def row(tr, header):
            cells = []
            rs = styles.get(("table-row", tr.getAttrNS(TABLENS, "style-name")), {"other": {}})
            for tc in elements(tr):
                if tc.qname == (TABLENS, "table-cell"):
                    inner = []
                    walk(tc, inner)
                    cst = styles.get(("table-cell", tc.getAttrNS(TABLENS, "style-name")), {"other": {}})
                    cells.append({"text": "\n".join(p.get("text", "") for p in inner if "text" in p),
                                  "paragraphs": [p for p in inner if "text" in p][:5],
                                  "columns_spanned": int(tc.getAttrNS(TABLENS, "number-columns-spanned") or 1),
                                  "rows_spanned": int(tc.getAttrNS(TABLENS, "number-rows-spanned") or 1),
                                  "borders": {k: cst["other"].get("fo:border-" + k) for k in ("top", "bottom", "left", "right")},
                                  "background": cst["other"].get("fo:background-color"),
                                  "vertical_align": cst["other"].get("style:vertical-align")})
                elif tc.qname == (TABLENS, "covered-table-cell"):
                    cells.append({"covered": True})
            return {"cells": cells, "header": header, "keep_together": rs["other"].get("fo:keep-together")}

        count = 0
        for c in elements(t):
            if c.qname == (TABLENS, "table-header-rows"):
                for tr in elements(c):
                    if tr.qname == (TABLENS, "table-row"):
                        header_rows += 1
                        count += 1
                        if len(rows) < MAX_ROWS:
                            rows.append(row(tr, True))
            elif c.qname == (TABLENS, "table-row"):
                count += 1
                if len(rows) < MAX_ROWS:
                    rows.append(row(c, False))
        return {"name": t.getAttrNS(TABLENS, "name"), "rows": rows, "row_count": count, "header_rows": header_rows,
                "columns_mm": cols, "width_mm": mm(ta["other"].get("style:width")),
                "margin_left_mm": mm(ta["other"].get("fo:margin-left"))}

    walk(doc.text, paragraphs, top=True)

    # Master pages and page layouts.
    layouts = {}
    for s in elements(doc.automaticstyles):
        if s.qname == (STYLENS, "page-layout"):
            lp = {"page": {}, "header": {}, "footer": {}}
            for c in elements(s):
                if c.qname == (STYLENS, "page-layout-properties"):
                    lp["page"] = attrs(c)
                elif c.qname in ((STYLENS, "header-style"), (STYLENS, "footer-style")):
                    for x in elements(c):
                        if x.qname == (STYLENS, "header-footer-properties"):
                            lp["header" if c.qname[1] == "header-style" else "footer"] = attrs(x)
            layouts[attrs(s).get("style:name")] = lp
    masters = {}
    for m in elements(doc.masterstyles):
        if m.qname != (STYLENS, "master-page"):
            continue
        ma = attrs(m)
        parts = {}
        for c in elements(m):
            if c.qname[0] == STYLENS:
                inner = []
                walk(c, inner)
                parts[c.qname[1]] = {"texts": [p["text"] for p in inner if "text" in p],
                                     "display": c.getAttrNS(STYLENS, "display")}
        masters[ma.get("style:name")] = {"layout": ma.get("style:page-layout-name"), "parts": parts}

    def h(v):
        return mm(v) or 0

    sections = []
    for st in starts:
        m = masters.get(st["master"], {"layout": None, "parts": {}})
        lp = layouts.get(m["layout"], {"page": {}, "header": {}, "footer": {}})
        p = lp["page"]
        hd, ft = lp["header"], lp["footer"]
        # The body's top: the page margin, plus the header area when there is one (its height,
        # which in LibreOffice's reading includes the spacing to the body): where DOCX's top
        # margin is. The same at the bottom.
        top = h(p.get("fo:margin-top")) + (h(hd.get("fo:min-height") or hd.get("svg:height")) if hd else 0)
        bottom = h(p.get("fo:margin-bottom")) + (h(ft.get("fo:min-height") or ft.get("svg:height")) if ft else 0)
        sections.append({"master": st["master"], "page_number_start": st["page_number"],
                         "orientation": p.get("style:print-orientation"),
                         "page_width_mm": mm(p.get("fo:page-width")), "page_height_mm": mm(p.get("fo:page-height")),
                         "left_mm": mm(p.get("fo:margin-left")), "right_mm": mm(p.get("fo:margin-right")),
                         "top_mm": round(top, 2), "bottom_mm": round(bottom, 2),
                         "header_mm": mm(p.get("fo:margin-top")) if hd else None,
                         "num_format": p.get("style:num-format"),
                         "header": m["parts"].get("header"), "first_page_header": m["parts"].get("header-first"),
                         "footer": m["parts"].get("footer"), "first_page_footer": m["parts"].get("footer-first")})

    slots = {}
    for s in list(styles.values()) + list(defaults.values()):
        for k in ("style:font-name", "fo:font-family", "style:font-name-asian", "style:font-name-complex"):
            if k in s["text"]:
                slots.setdefault(k, set()).add(s["text"][k])
    d = defaults.get("paragraph", {"text": {}, "paragraph": {}})
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    return {"paragraphs": [p for p in paragraphs if "text" in p][:400], "blocks": len(paragraphs),
            "tables": tables, "sections": sections,
            "defaults": {"font": d["text"].get("style:font-name"), "size": pt(d["text"].get("fo:font-size")),
                         "language": d["text"].get("fo:language"), "country": d["text"].get("fo:country"),
                         "language_asian": d["text"].get("style:language-asian"),
                         "language_complex": d["text"].get("style:language-complex"),
                         "tab_distance_mm": mm(d["paragraph"].get("style:tab-stop-distance"))},
            "named_styles": sorted(n for (f, n) in styles if f in ("paragraph", "text") and (f, n) in styles),
            "font_slots": {k: sorted(v) for k, v in slots.items()},
            "list_styles": {k: {str(l): v for l, v in lv.items()} for k, lv in list_styles.items()},
            "footnotes": extras["footnotes"], "links": extras["links"], "fields": extras["fields"],
            "pictures": extras["pictures"], "package": names}


READERS[".odt"].append(("odt-detail", "odf", odt_detail_reader))


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
