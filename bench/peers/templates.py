"""Builds the DOCX templates of W3 and W4 with python-docx (outside the timing).
Usage: templates.py DIR  -> DIR/w3_docxtpl.docx, DIR/w4_docxtpl.docx, DIR/w4_mailmerge.docx,
DIR/w4_tdkt.docx. The W4 templates are the same one-page certificate; only the placeholder
syntax differs: {{ ho_ten }} (docxtpl), MERGEFIELD ho_ten (docx-mailmerge), {ho_ten} (tdkt)."""
import os
import sys

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from common import FIELDS, FONT, LIST_COLUMNS, LIST_HEADINGS


def new_document():
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    return doc


def w3_docxtpl(path):
    doc = new_document()
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("{{ title }}")
    r.bold = True
    table = doc.add_table(rows=4, cols=len(LIST_COLUMNS))
    table.style = "Table Grid"
    for c, h in enumerate(LIST_HEADINGS):
        table.rows[0].cells[c].text = h
    table.rows[1].cells[0].text = "{%tr for r in rows %}"
    for c, name in enumerate(LIST_COLUMNS):
        table.rows[2].cells[c].text = "{{ r.%s }}" % name
    table.rows[3].cells[0].text = "{%tr endfor %}"
    doc.save(path)


def certificate(path, placeholder):
    """One page: `placeholder(paragraph, name)` adds the field `name` to the paragraph."""
    doc = new_document()

    def line(parts, bold=False, size=None, center=True):
        p = doc.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for part in parts:
            if part in FIELDS:
                placeholder(p, part)
            else:
                r = p.add_run(part)
                r.bold = bold
                if size:
                    r.font.size = Pt(size)
        return p

    line(["ỦY BAN NHÂN DÂN HUYỆN ĐỊNH HÓA"], bold=True)
    line(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], bold=True)
    line(["Độc lập - Tự do - Hạnh phúc"], bold=True)
    line(["GIẤY KHEN"], bold=True, size=28)
    line(["CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐỊNH HÓA"], bold=True)
    line(["Tặng: ", "ho_ten"], size=18)
    line(["Chức vụ: ", "chuc_vu"])
    line(["Đơn vị: ", "don_vi"])
    line(["Đã đạt danh hiệu «", "danh_hieu", "» năm ", "nam"])
    line(["Quyết định số ", "so_qd"])
    line(["Định Hóa, ngày 30 tháng 12 năm 2025"], center=False)
    line(["CHỦ TỊCH"], bold=True)
    doc.save(path)


def docxtpl_field(p, name):
    p.add_run("{{ %s }}" % name)


def tdkt_field(p, name):
    p.add_run("{%s}" % name)


def mergefield(p, name):
    p._p.append(parse_xml(
        '<w:fldSimple %s w:instr=" MERGEFIELD %s \\* MERGEFORMAT "><w:r><w:t>«%s»</w:t></w:r></w:fldSimple>'
        % (nsdecls("w"), name, name)))


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    w3_docxtpl(os.path.join(out, "w3_docxtpl.docx"))
    certificate(os.path.join(out, "w4_docxtpl.docx"), docxtpl_field)
    certificate(os.path.join(out, "w4_mailmerge.docx"), mergefield)
    certificate(os.path.join(out, "w4_tdkt.docx"), tdkt_field)
