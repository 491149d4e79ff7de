"""W4 merge-docx peer: docx-mailmerge (MERGEFIELD template), one document per row.
Usage: w4_mailmerge.py INPUT.csv OUTDIR LIMIT TEMPLATE.docx"""
import os
import sys

from mailmerge import MailMerge

from common import FIELDS, read_rows

header, rows = read_rows(sys.argv[1], int(sys.argv[3]))
index = [header.index(f) for f in FIELDS]
os.makedirs(sys.argv[2], exist_ok=True)
for n, row in enumerate(rows, 1):
    with MailMerge(sys.argv[4]) as doc:
        doc.merge(**{f: row[i] for f, i in zip(FIELDS, index)})
        doc.write(os.path.join(sys.argv[2], f"giay-khen-{n:04d}.docx"))
