"""W3 list-docx peer: python-docx, building the table directly.
Usage: w3_python_docx.py INPUT.csv OUTPUT.docx LIMIT"""
import sys

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from common import FONT, LIST_COLUMNS, LIST_HEADINGS, LIST_TITLE, read_rows

header, rows = read_rows(sys.argv[1], int(sys.argv[3]))
index = [header.index(c) for c in LIST_COLUMNS]
doc = Document()
doc.styles["Normal"].font.name = FONT
doc.styles["Normal"].font.size = Pt(13)
p = doc.add_paragraph()
p.alignment = WD_ALIGN_PARAGRAPH.CENTER
p.add_run(LIST_TITLE).bold = True
table = doc.add_table(rows=1, cols=len(LIST_COLUMNS))
table.style = "Table Grid"
for cell, h in zip(table.rows[0].cells, LIST_HEADINGS):
    cell.text = h
for row in rows:
    for cell, i in zip(table.add_row().cells, index):
        cell.text = row[i]
doc.save(sys.argv[2])
