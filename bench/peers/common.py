"""Shared by the benchmark's Python peers: reading the W1 CSV, the sheet's layout."""
import csv
import itertools

HEADER = ["stt", "ho_ten", "don_vi", "chuc_vu", "danh_hieu", "diem", "nam", "xep_loai", "so_qd", "ghi_chu"]
NUMERIC = {"stt", "diem", "nam"}
# Column widths in characters (the same in every W1/W2 peer).
WIDTHS = [7, 24, 40, 26, 32, 8, 7, 28, 14, 50]
SHEET_NAME = "Tổng hợp"
HEADER_FILL = "D9E1F2"
LIST_COLUMNS = ["stt", "ho_ten", "don_vi", "chuc_vu", "danh_hieu", "so_qd"]
LIST_HEADINGS = ["STT", "Họ và tên", "Đơn vị", "Chức vụ", "Danh hiệu", "Số quyết định"]
LIST_TITLE = "DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG"
FONT = "Times New Roman"
# The W4 certificate's placeholders.
FIELDS = ["ho_ten", "chuc_vu", "don_vi", "danh_hieu", "so_qd", "nam"]


def read_rows(path, limit=None):
    """Yields (header, rows) where rows is an iterator of lists of strings."""
    f = open(path, encoding="utf-8", newline="")
    reader = csv.reader(f)
    header = next(reader)
    rows = reader if limit is None else itertools.islice(reader, limit)
    return header, rows


def typed(header):
    """A function turning a row of strings into typed values (numbers for stt, diem, nam)."""
    kinds = []
    for name in header:
        if name == "diem":
            kinds.append(float)
        elif name in NUMERIC:
            kinds.append(int)
        else:
            kinds.append(None)

    def convert(row):
        out = []
        for kind, value in zip(kinds, row):
            if kind is not None and value != "":
                out.append(kind(value))
            else:
                out.append(value)
        return out
    return convert
