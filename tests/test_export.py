"""Tests for snscompare.export: formula neutralisation, CSV/xlsx/Markdown output,
file names."""
from __future__ import annotations

import io
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from snscompare.export import (
    FORMULA_TRIGGERS,
    MAX_FILENAME_BYTES,
    MAX_FILENAME_CHARS,
    XLSX_MAX_CELL_CHARS,
    XLSX_TRUNCATION_MARKER,
    export_filename,
    neutralize_cell,
    neutralize_frame,
    to_csv_bytes,
    to_csv_text,
    to_markdown_table,
    to_xlsx_bytes,
    xlsx_sheet_name,
)

BOM = b"\xef\xbb\xbf"


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def expected_neutralised(s: str) -> str:
    """The specification: quote exactly when NFKC(s) -- or s itself, see
    test_combining_mark_after_equals -- starts with a trigger."""
    nfkc = unicodedata.normalize("NFKC", s)
    if nfkc[:1] in FORMULA_TRIGGERS or s[:1] in FORMULA_TRIGGERS:
        return "'" + s
    return s


def read_csv_back(data: bytes) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(data),
        encoding="utf-8-sig",
        dtype=str,
        keep_default_na=False,
        na_filter=False,
    )


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _ooxml_unescape(s: str) -> str:
    # What Excel does with shared strings: _xHHHH_ is a character, and
    # _x005F_ is a literal underscore (so "_x005F_x0041_" reads "_x0041_").
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), s)


def _cell_coords(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + (ord(ch) - 64)
    return int(m.group(2)), col


def xlsx_strings_as_excel_sees_them(data: bytes) -> dict[tuple[int, int], str]:
    """Read the text cells of sheet1 straight from the XML, decoding the OOXML
    _xHHHH_ escapes the way Excel does (openpyxl leaves control characters
    escaped).  Keys are 1-based (row, column)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        shared: list[str] = []
        if "xl/sharedStrings.xml" in names:
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            for si in root.findall("m:si", _NS):
                text = "".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t"))
                shared.append(_ooxml_unescape(text))
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    out = {}
    for c in sheet.iter(f"{{{_NS['m']}}}c"):
        assert c.find("m:f", _NS) is None, "formula element in sheet XML"
        if c.get("t") == "s":
            out[_cell_coords(c.get("r"))] = shared[int(c.find("m:v", _NS).text)]
        elif c.get("t") == "inlineStr":
            t = "".join(x.text or "" for x in c.iter(f"{{{_NS['m']}}}t"))
            out[_cell_coords(c.get("r"))] = _ooxml_unescape(t)
    return out


def load_xlsx(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def assert_no_formulas(ws) -> None:
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)


# --------------------------------------------------------------------------
# neutralize_cell
# --------------------------------------------------------------------------
QUOTED = [
    "=SUM(A1)",
    "＝1+1",
    "＋81",
    "－5",
    "@cmd",
    "\tx",
    "\rx",
    "-1 (1) 法律に違反するもの",
    "+81-267-22-1700",
    "=HYPERLINK(\"http://example.com\",\"x\")",
    "\0x",
    "﹦1",  # small form variant of "=" (NFKC → "=")
    "＠メンション",
]
UNCHANGED = [
    "小諸市",
    "（１）法令違反",
    "𠮷野家",
    "〜",
    "",
    "−5",  # U+2212 MINUS SIGN is not a trigger, neither before nor after NFKC
    "ー",
    "a=b",
    " =1",
    "'=already quoted",
    "😀=1",
    "１２３",
]


@pytest.mark.parametrize("value", QUOTED)
def test_neutralize_cell_quotes_formula_like_text(value):
    assert neutralize_cell(value) == "'" + value


@pytest.mark.parametrize("value", UNCHANGED)
def test_neutralize_cell_leaves_ordinary_text(value):
    assert neutralize_cell(value) == value


def test_neutralize_cell_keeps_original_characters():
    # Only the check uses NFKC; the full-width characters themselves are kept.
    assert neutralize_cell("＝１＋１〜−𠮷😀") == "'＝１＋１〜−𠮷😀"


def test_combining_mark_after_equals():
    # NFKC composes "=" + U+0338 into "≠", but Excel still sees a leading "=".
    assert neutralize_cell("=\u0338SUM(A1)") == "'=\u0338SUM(A1)"


@pytest.mark.parametrize("value", [-1, -1.5, 0, None, True, pd.Timestamp("2024-01-01")])
def test_neutralize_cell_leaves_non_text(value):
    assert neutralize_cell(value) is value


def test_neutralize_cell_nan():
    assert math.isnan(neutralize_cell(float("nan")))


def test_neutralize_frame_copies_and_neutralises_labels():
    df = pd.DataFrame(
        {"=label": ["=1", "ok", None], "n": [-1, 2, 3], "obj": ["-x", 5, None]},
        index=pd.Index(["+i", "j", "k"], name="@name"),
    )
    original = df.copy()
    out = neutralize_frame(df)
    pd.testing.assert_frame_equal(df, original)  # input untouched
    assert list(out.columns) == ["'=label", "n", "obj"]
    assert list(out.index) == ["'+i", "j", "k"]
    assert out.index.name == "'@name"
    assert list(out["'=label"][:2]) == ["'=1", "ok"]
    assert pd.isna(out["'=label"].iloc[2])
    assert list(out["n"]) == [-1, 2, 3]
    assert out["n"].dtype == df["n"].dtype
    assert out["obj"].tolist()[:2] == ["'-x", 5]


def test_neutralize_frame_multiindex_and_categorical():
    cols = pd.MultiIndex.from_tuples([("=a", "b"), ("c", "-d")])
    df = pd.DataFrame([["=x", "y"]], columns=cols)
    df[("c", "-d")] = pd.Categorical(["+z"])
    out = neutralize_frame(df)
    assert list(out.columns) == [("'=a", "b"), ("c", "'-d")]
    assert out.iloc[0].tolist() == ["'=x", "'+z"]


# --------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------
def sample_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "自治体": ["小諸市", "小樽市", "=SUM(A1)", "＋81"],
            "条項": ["-1 (1) 法律に違反するもの", "（１）法令違反", "𠮷野家〜−", "改行\nあり, カンマ"],
            "件数": [1, -2, 3, 4],
        }
    )


def test_csv_has_bom_and_crlf():
    b = to_csv_bytes(sample_frame())
    assert b[:3] == BOM
    assert b[3:6] != BOM
    text = b[3:].decode("utf-8")
    # every row terminator is CRLF; the only bare LF is the one inside a cell
    assert text.endswith("\r\n")
    assert text.count("\r\n") == 5
    assert text.replace("\r\n", "").count("\n") == 1


def test_csv_without_bom():
    b = to_csv_bytes(sample_frame(), bom=False)
    assert not b.startswith(BOM)
    assert b.decode("utf-8").startswith("自治体,")


def test_csv_round_trip():
    df = sample_frame()
    back = read_csv_back(to_csv_bytes(df))
    assert list(back.columns) == list(df.columns)
    assert back["自治体"].tolist() == ["小諸市", "小樽市", "'=SUM(A1)", "'＋81"]
    assert back["条項"].tolist() == [
        "'-1 (1) 法律に違反するもの",
        "（１）法令違反",
        "𠮷野家〜−",
        "改行\nあり, カンマ",
    ]
    # numbers stay numbers: a negative count is not quoted
    assert back["件数"].tolist() == ["1", "-2", "3", "4"]


def test_csv_neutralises_header():
    b = to_csv_bytes(pd.DataFrame({"=cmd": ["x"]}))
    assert read_csv_back(b).columns.tolist() == ["'=cmd"]


def test_csv_index_option():
    df = pd.DataFrame({"a": ["x"]}, index=pd.Index(["=i"], name="id"))
    back = read_csv_back(to_csv_bytes(df, index=True))
    assert back.columns.tolist() == ["id", "a"]
    assert back.iloc[0].tolist() == ["'=i", "x"]


def test_csv_text_has_no_bom_and_is_neutralised():
    text = to_csv_text(sample_frame())
    assert isinstance(text, str)
    assert not text.startswith("\ufeff")
    assert "\r\n" not in text
    assert "'=SUM(A1)" in text
    back = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert back["条項"].iloc[3] == "改行\nあり, カンマ"


def test_csv_keeps_characters_cp932_cannot_hold():
    b = to_csv_bytes(pd.DataFrame({"c": ["𠮷", "〜", "−", "😀", "髙"]}))
    assert read_csv_back(b)["c"].tolist() == ["𠮷", "〜", "−", "😀", "髙"]


def test_csv_odd_objects_are_stringified_and_neutralised():
    class Weird:
        def __str__(self):
            return "=1+1"

    b = to_csv_bytes(pd.DataFrame({"c": [Weird(), -3, None]}))
    assert read_csv_back(b)["c"].tolist() == ["'=1+1", "-3", ""]


def test_input_frame_not_modified_by_exports():
    df = sample_frame()
    original = df.copy()
    to_csv_bytes(df)
    to_xlsx_bytes(df)
    pd.testing.assert_frame_equal(df, original)


# --------------------------------------------------------------------------
# Hypothesis: arbitrary text round-trips through CSV and xlsx
# --------------------------------------------------------------------------
_TRIGGER_PREFIXES = list(FORMULA_TRIGGERS) + ["＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫", "−", "〜"]
_japanese = st.characters(
    codec="utf-8",
    categories=("Lo", "Lm", "Nd", "Pd", "Ps", "Pe", "Sm", "Zs"),
    min_codepoint=0x3000,
    max_codepoint=0x3134F,
)
cell_text = st.one_of(
    st.text(),
    st.text(alphabet=_japanese),
    st.builds(lambda p, s: p + s, st.sampled_from(_TRIGGER_PREFIXES), st.text()),
    st.text(alphabet=st.sampled_from(list("=+-@\t\r\n\0,\"'＝＋－＠ 　|_x0D5F"))),
)
text_rows = st.integers(min_value=1, max_value=6).flatmap(
    lambda n: st.lists(st.tuples(cell_text, cell_text), min_size=n, max_size=n)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_rows)
def test_property_csv_round_trip(rows):
    df = pd.DataFrame(rows, columns=["a", "b"])
    back = read_csv_back(to_csv_bytes(df))
    assert back.shape == df.shape
    for col in ("a", "b"):
        for original, got in zip(df[col], back[col]):
            assert got == expected_neutralised(original)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.tuples(cell_text, cell_text), text_rows)
def test_property_xlsx_round_trip_and_no_formulas(header, rows):
    if header[0] == header[1]:
        header = (header[0], header[1] + "_2")
    df = pd.DataFrame(rows, columns=list(header))
    data = to_xlsx_bytes(df)

    ws = load_xlsx(data)
    assert_no_formulas(ws)

    seen = xlsx_strings_as_excel_sees_them(data)
    grid = [list(header)] + [list(r) for r in rows]
    for r, values in enumerate(grid, start=1):
        for c, original in enumerate(values, start=1):
            expected = expected_neutralised(original)
            if expected == "":
                assert (r, c) not in seen or seen[(r, c)] == ""
            else:
                assert seen[(r, c)] == expected


# --------------------------------------------------------------------------
# xlsx
# --------------------------------------------------------------------------
def test_xlsx_opens_with_bold_frozen_header_and_values():
    df = sample_frame()
    data = to_xlsx_bytes(df)
    assert data[:2] == b"PK"
    ws = load_xlsx(data)
    assert ws.title == "snscompare"
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header == list(df.columns)
    assert all(c.font.b for c in ws[1])
    assert not any(c.font.b for c in ws[2])
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert rows == [
        ["小諸市", "'-1 (1) 法律に違反するもの", 1],
        ["小樽市", "（１）法令違反", -2],
        ["'=SUM(A1)", "𠮷野家〜−", 3],
        ["'＋81", "改行\nあり, カンマ", 4],
    ]
    # negative number is a real number, not text
    assert ws["C3"].data_type == "n"
    assert_no_formulas(ws)
    # multi-line cell wraps
    assert ws["B5"].alignment.wrap_text


def test_xlsx_column_widths_are_capped():
    df = pd.DataFrame({"短": ["a"], "長": ["あ" * 500], "複数行": ["短い\n" + "x" * 30]})
    ws = load_xlsx(to_xlsx_bytes(df))
    widths = {k: ws.column_dimensions[k].width for k in "ABC"}
    assert all(w <= 61 for w in widths.values())
    assert widths["B"] >= 59
    assert widths["A"] < widths["C"] < widths["B"]
    assert ws["B2"].alignment.wrap_text


def test_xlsx_truncates_huge_cell():
    big = "あ" * 40_000
    ws = load_xlsx(to_xlsx_bytes(pd.DataFrame({"本文": [big, "short"]})))
    value = ws["A2"].value
    assert len(value) <= XLSX_MAX_CELL_CHARS
    assert value.endswith(XLSX_TRUNCATION_MARKER)
    assert value.startswith("あ" * 30_000)
    assert ws["A3"].value == "short"


def test_xlsx_truncation_counts_utf16_and_keeps_surrogate_pairs():
    big = "𠮷" * 20_000  # 40,000 UTF-16 code units
    data = to_xlsx_bytes(pd.DataFrame({"c": [big]}))
    value = xlsx_strings_as_excel_sees_them(data)[(2, 1)]
    assert value.endswith(XLSX_TRUNCATION_MARKER)
    assert len(value.encode("utf-16-le")) // 2 <= XLSX_MAX_CELL_CHARS
    assert set(value[: -len(XLSX_TRUNCATION_MARKER)]) == {"𠮷"}


def test_xlsx_exactly_at_limit_not_truncated():
    s = "a" * XLSX_MAX_CELL_CHARS
    ws = load_xlsx(to_xlsx_bytes(pd.DataFrame({"c": [s]})))
    assert ws["A2"].value == s


def test_xlsx_non_text_values():
    df = pd.DataFrame(
        {
            "int": [-1, 2],
            "float": [-1.5, float("nan")],
            "bool": [True, False],
            "date": pd.to_datetime(["2024-04-01", None]),
            "big": [12345678901234567, 1],
            "mixed": ["=x", None],
        }
    )
    ws = load_xlsx(to_xlsx_bytes(df))
    assert [c.value for c in ws[2]][:3] == [-1, -1.5, True]
    assert ws["B3"].value is None
    assert ws["D2"].is_date and ws["D2"].value.year == 2024
    assert ws["D3"].value is None
    assert ws["E2"].value == "12345678901234567"  # kept exact as text
    assert ws["F2"].value == "'=x"
    assert_no_formulas(ws)


def test_xlsx_edge_values_never_become_formulas():
    import datetime as dt
    import decimal

    df = pd.DataFrame(
        {
            "inf": [float("inf"), float("-inf")],
            "dec": [decimal.Decimal("-1.5"), decimal.Decimal("2")],
            "old": [dt.datetime(1800, 1, 1), dt.datetime(2024, 1, 1)],
            "tz": pd.to_datetime(["2024-01-01T00:00Z", "2024-01-02T00:00Z"]),
            "obj": [[1, 2], {"=a": 1}],
        }
    )
    ws = load_xlsx(to_xlsx_bytes(df))
    assert_no_formulas(ws)
    assert [ws["A2"].value, ws["A3"].value] == ["inf", "'-inf"]
    assert [ws["B2"].value, ws["B3"].value] == [-1.5, 2]
    assert ws["C2"].value == "1800-01-01T00:00:00"  # before Excel's calendar: text
    assert ws["C3"].is_date
    assert ws["D2"].value == "2024-01-01T00:00:00+00:00"
    assert ws["E2"].value == "[1, 2]"


def test_xlsx_index_option():
    df = pd.DataFrame({"a": ["x", "y"]}, index=pd.Index(["=i", "j"], name="id"))
    ws = load_xlsx(to_xlsx_bytes(df, index=True))
    assert [[c.value for c in r] for r in ws.iter_rows()] == [
        ["id", "a"],
        ["'=i", "x"],
        ["j", "y"],
    ]
    assert ws.freeze_panes == "B2"


def test_xlsx_empty_frames():
    ws = load_xlsx(to_xlsx_bytes(pd.DataFrame()))
    assert ws.max_row == 1 and ws["A1"].value is None
    ws = load_xlsx(to_xlsx_bytes(pd.DataFrame({"a": []})))
    assert ws["A1"].value == "a"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("比較", "比較"),
        ("a[b]:c*d?e/f\\g", "a_b__c_d_e_f_g"),
        ("x" * 40, "x" * 31),
        ("", "snscompare"),
        ("'quoted'", "quoted"),
        ("History", "History_"),
    ],
)
def test_sheet_names(name, expected):
    assert xlsx_sheet_name(name) == expected
    ws = load_xlsx(to_xlsx_bytes(pd.DataFrame({"a": [1]}), sheet_name=name))
    assert ws.title == expected


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------
def test_markdown_table():
    df = pd.DataFrame({"自治体": ["小諸市", "a|b"], "本文": ["一行目\n二行目", None]})
    md = to_markdown_table(df)
    assert md.splitlines() == [
        "| 自治体 | 本文 |",
        "| --- | --- |",
        "| 小諸市 | 一行目<br>二行目 |",
        "| a\\|b |  |",
    ]
    assert not md.endswith("\n")


def test_markdown_escapes_backslash_before_pipe_and_crlf():
    md = to_markdown_table(pd.DataFrame({"c": ["x\\|y", "a\r\nb\rc"]}))
    lines = md.splitlines()
    assert lines[2] == "| x\\\\\\|y |"
    assert lines[3] == "| a<br>b<br>c |"
    assert len(lines) == 4


@settings(max_examples=100, deadline=None)
@given(st.lists(cell_text, min_size=1, max_size=5))
def test_property_markdown_one_line_per_row(cells):
    md = to_markdown_table(pd.DataFrame({"c": cells}))
    lines = md.rstrip("\n").split("\n")
    assert len(lines) == len(cells) + 2
    for line in lines:
        assert "\r" not in line
        # exactly two unescaped pipes: the outer borders of a one-column table
        assert len(re.findall(r"(?<!\\)(?:\\\\)*\|", line)) == 2


# --------------------------------------------------------------------------
# File names
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args, kwargs, expected",
    [
        (("coverage", ["komoro", "otaru"], "csv"), {}, "coverage_komoro-otaru.csv"),
        (("coverage", ["komoro", "otaru"], "csv"), {"extra": "user"}, "coverage_komoro-otaru_user.csv"),
        (("coverage", ["komoro", "otaru"], ".xlsx"), {}, "coverage_komoro-otaru.xlsx"),
        (("compare", ["komoro", "「わが市案」"], "csv"), {}, "compare_komoro-わが市案.csv"),
        (("compare", ["komoro"], "csv"), {"extra": "わが市案（第2版）"}, "compare_komoro_わが市案_第2版.csv"),
        (("coverage", ["../../etc/passwd"], "csv"), {}, "coverage_etc_passwd.csv"),
        (("coverage", ["a b", "Ｋｏｍｏｒｏ"], "md"), {}, "coverage_a_b-Komoro.md"),
        (("coverage", [], "csv"), {}, "coverage.csv"),
        (("coverage", "komoro", "csv"), {}, "coverage_komoro.csv"),
        (("", ["x"], "csv"), {}, "snscompare_x.csv"),
        (("con", [], "csv"), {}, "con_.csv"),
        (("coverage", ["𠮷野", "ｶﾀｶﾅ"], "csv"), {}, "coverage_𠮷野-カタカナ.csv"),
    ],
)
def test_export_filename(args, kwargs, expected):
    assert export_filename(*args, **kwargs) == expected


def test_export_filename_many_ids():
    ids = [f"city{i:03d}" for i in range(40)]
    name = export_filename("coverage", ids, "csv", extra="user")
    assert name == "coverage_city000-city001-city002-city003-city004-and-35-more_user.csv"


def test_export_filename_few_ids_all_kept():
    ids = ["komoro", "otaru", "sapporo", "nagano", "ueda", "saku", "tomi"]
    assert export_filename("coverage", ids, "csv") == "coverage_" + "-".join(ids) + ".csv"


@settings(max_examples=200, deadline=None)
@given(st.text(), st.lists(st.text(), max_size=60), st.text(max_size=8), st.none() | st.text())
def test_property_export_filename_is_safe(what, ids, ext, extra):
    name = export_filename(what, ids, ext, extra=extra)
    assert name
    assert len(name) <= MAX_FILENAME_CHARS
    assert len(name.encode("utf-8")) <= MAX_FILENAME_BYTES
    assert not name.startswith((".", "-"))
    assert "/" not in name and "\\" not in name and ".." not in name.split(".")[0]
    for ch in name:
        assert re.fullmatch(r"[A-Za-z0-9_.\-]", ch) or unicodedata.category(ch) in ("Lo", "Lm", "Nl", "Mn")


def test_export_filename_long_japanese_fits_byte_limit():
    name = export_filename("比較", ["漢字" * 100, "かな" * 100], "xlsx", extra="利用者" * 30)
    assert name.endswith(".xlsx")
    assert len(name.encode("utf-8")) <= MAX_FILENAME_BYTES
    assert name.startswith("比較_漢字")
