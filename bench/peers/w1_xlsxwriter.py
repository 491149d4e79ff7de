"""W1 tally-xlsx peer: XlsxWriter (constant_memory). Usage: w1_xlsxwriter.py INPUT.csv OUTPUT.xlsx"""
import sys

import xlsxwriter

from common import HEADER_FILL, SHEET_NAME, WIDTHS, read_rows, typed

header, rows = read_rows(sys.argv[1])
convert = typed(header)
wb = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
ws = wb.add_worksheet(SHEET_NAME)
head = wb.add_format({"bold": True, "border": 1, "pattern": 1, "bg_color": "#" + HEADER_FILL})
cell = wb.add_format({"border": 1})
for c, name in enumerate(header):
    ws.set_column(c, c, WIDTHS[c] if c < len(WIDTHS) else 16)
ws.freeze_panes(1, 0)
ws.write_row(0, 0, header, head)
r = 1
for row in rows:
    for c, v in enumerate(convert(row)):
        if v == "":
            ws.write_blank(r, c, None, cell)
        elif isinstance(v, str):
            ws.write_string(r, c, v, cell)
        else:
            ws.write_number(r, c, v, cell)
    r += 1
wb.close()
