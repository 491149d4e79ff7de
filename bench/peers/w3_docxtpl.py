"""W3 list-docx peer: docxtpl (template with a table-row loop, built by templates.py).
Usage: w3_docxtpl.py INPUT.csv OUTPUT.docx LIMIT TEMPLATE.docx"""
import sys

from docxtpl import DocxTemplate

from common import LIST_COLUMNS, LIST_TITLE, read_rows

header, rows = read_rows(sys.argv[1], int(sys.argv[3]))
index = [header.index(c) for c in LIST_COLUMNS]
records = [{name: row[i] for name, i in zip(LIST_COLUMNS, index)} for row in rows]
tpl = DocxTemplate(sys.argv[4])
tpl.render({"title": LIST_TITLE, "rows": records})
tpl.save(sys.argv[2])
