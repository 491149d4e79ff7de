"""W2 tally-ods peer: odfpy. Usage: w2_odfpy.py INPUT.csv OUTPUT.ods
The same sheet as W1: bold, bordered, filled header; bordered data cells; stt, diem, nam as
numbers; column widths; panes frozen below the header (view settings)."""
import sys

from odf.config import ConfigItem, ConfigItemMapEntry, ConfigItemMapIndexed, ConfigItemMapNamed, ConfigItemSet
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableCellProperties, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P

from common import HEADER_FILL, SHEET_NAME, WIDTHS, read_rows, typed

header, rows = read_rows(sys.argv[1])
convert = typed(header)
doc = OpenDocumentSpreadsheet()

head = Style(name="head", family="table-cell")
head.addElement(TableCellProperties(border="0.5pt solid #000000", backgroundcolor="#" + HEADER_FILL))
head.addElement(TextProperties(fontweight="bold"))
cell = Style(name="cell", family="table-cell")
cell.addElement(TableCellProperties(border="0.5pt solid #000000"))
doc.automaticstyles.addElement(head)
doc.automaticstyles.addElement(cell)

table = Table(name=SHEET_NAME)
for c in range(len(header)):
    col = Style(name=f"co{c + 1}", family="table-column")
    col.addElement(TableColumnProperties(columnwidth=f"{(WIDTHS[c] if c < len(WIDTHS) else 16) * 0.19:.2f}cm"))
    doc.automaticstyles.addElement(col)
    table.addElement(TableColumn(stylename=col))

tr = TableRow()
for v in header:
    tc = TableCell(valuetype="string", stylename=head)
    tc.addElement(P(text=v))
    tr.addElement(tc)
table.addElement(tr)
for row in rows:
    tr = TableRow()
    for v in convert(row):
        if v == "":
            tc = TableCell(stylename=cell)
        elif isinstance(v, str):
            tc = TableCell(valuetype="string", stylename=cell)
            tc.addElement(P(text=v))
        else:
            tc = TableCell(valuetype="float", value=v, stylename=cell)
            tc.addElement(P(text=str(v)))
        tr.addElement(tc)
    table.addElement(tr)
doc.spreadsheet.addElement(table)

# Frozen panes: LibreOffice's view settings (split at row 1, mode 2 = frozen).
view = ConfigItemSet(name="ooo:view-settings")
views = ConfigItemMapIndexed(name="Views")
entry = ConfigItemMapEntry()
entry.addElement(ConfigItem(name="ViewId", type="string", text="view1"))
tables = ConfigItemMapNamed(name="Tables")
t = ConfigItemMapEntry(name=SHEET_NAME)
for name, kind, value in [("HorizontalSplitMode", "short", "0"), ("VerticalSplitMode", "short", "2"),
                          ("HorizontalSplitPosition", "int", "0"), ("VerticalSplitPosition", "int", "1"),
                          ("ActiveSplitRange", "short", "2"), ("PositionLeft", "int", "0"),
                          ("PositionRight", "int", "0"), ("PositionTop", "int", "0"), ("PositionBottom", "int", "1")]:
    t.addElement(ConfigItem(name=name, type=kind, text=value))
tables.addElement(t)
entry.addElement(tables)
views.addElement(entry)
view.addElement(views)
doc.settings.addElement(view)
doc.save(sys.argv[2])
