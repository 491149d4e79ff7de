"""W2 tally-ods peer: pyexcel-ods3 (values only: the library writes no styles, widths or panes).
Usage: w2_pyexcel_ods3.py INPUT.csv OUTPUT.ods"""
import sys

from pyexcel_ods3 import save_data

from common import SHEET_NAME, read_rows, typed

header, rows = read_rows(sys.argv[1])
convert = typed(header)
save_data(sys.argv[2], {SHEET_NAME: [header] + [convert(r) for r in rows]})
