"""W1 tally-xlsx peer: openpyxl (write_only). Usage: w1_openpyxl.py INPUT.csv OUTPUT.xlsx"""
import sys

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from common import HEADER_FILL, SHEET_NAME, WIDTHS, read_rows, typed

header, rows = read_rows(sys.argv[1])
convert = typed(header)
wb = Workbook(write_only=True)
ws = wb.create_sheet(SHEET_NAME)
thin = Side(style="thin")
border = Border(left=thin, right=thin, top=thin, bottom=thin)
bold = Font(bold=True)
fill = PatternFill("solid", fgColor=HEADER_FILL)
for c in range(len(header)):
    ws.column_dimensions[get_column_letter(c + 1)].width = WIDTHS[c] if c < len(WIDTHS) else 16
ws.freeze_panes = "A2"


def head_cell(v):
    cell = WriteOnlyCell(ws, value=v)
    cell.font = bold
    cell.border = border
    cell.fill = fill
    return cell


ws.append([head_cell(v) for v in header])
for row in rows:
    out = []
    for v in convert(row):
        cell = WriteOnlyCell(ws, value=None if v == "" else v)
        cell.border = border
        out.append(cell)
    ws.append(out)
wb.save(sys.argv[2])
