"""W4 merge-docx peer: docxtpl, one render per row (the template is reloaded by each render).
Usage: w4_docxtpl.py INPUT.csv OUTDIR LIMIT TEMPLATE.docx"""
import os
import sys

from docxtpl import DocxTemplate

from common import FIELDS, read_rows

header, rows = read_rows(sys.argv[1], int(sys.argv[3]))
index = [header.index(f) for f in FIELDS]
os.makedirs(sys.argv[2], exist_ok=True)
tpl = DocxTemplate(sys.argv[4])
for n, row in enumerate(rows, 1):
    tpl.render({f: row[i] for f, i in zip(FIELDS, index)})
    tpl.save(os.path.join(sys.argv[2], f"giay-khen-{n:04d}.docx"))
