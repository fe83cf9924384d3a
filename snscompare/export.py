"""Export tables as CSV, xlsx and Markdown, safely for Japanese Excel users.

Everything here is a pure function from a :class:`pandas.DataFrame` to ``bytes``
or ``str``; the CLI writes the result to a file or stdout and the dashboard hands
it to a download button.  This module never imports streamlit.

Two rules hold for every spreadsheet export:

* **Formula injection is neutralised** (OWASP "CSV injection", CWE-1236).  A text
  cell whose first character is one of :data:`FORMULA_TRIGGERS` -- checked after
  NFKC, so the full-width ``＝＋－＠`` that Japanese documents often contain count
  too -- gets a leading apostrophe.  Only the check uses NFKC; the cell keeps its
  original characters (full-width forms, 〜, −, 𠮷, emoji ...).  Non-text values
  (numbers, including negative ones, dates, booleans, missing values) are never
  touched.
* **Japanese Excel opens the file correctly.**  CSV is UTF-8 with a BOM and CRLF
  row terminators (without the BOM Excel assumes Shift_JIS and shows mojibake).
  xlsx is written with xlsxwriter with automatic string conversion switched off,
  so no string ever becomes a formula, URL or number.
"""
from __future__ import annotations

import csv
import datetime as _dt
import decimal
import io
import math
import numbers
import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from .escaping import markdown_literal

__all__ = [
    "FORMULA_TRIGGERS",
    "XLSX_MAX_CELL_CHARS",
    "XLSX_TRUNCATION_MARKER",
    "neutralize_cell",
    "neutralize_frame",
    "to_csv_bytes",
    "to_csv_text",
    "to_xlsx_bytes",
    "to_markdown_table",
    "export_filename",
    "xlsx_sheet_name",
]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")

#: Excel's limit for the text in one cell (counted in UTF-16 code units).
XLSX_MAX_CELL_CHARS = 32_767
#: Appended to a cell that had to be cut to fit :data:`XLSX_MAX_CELL_CHARS`.
XLSX_TRUNCATION_MARKER = "…(以下省略)"
#: Column widths (in Excel "characters"; a full-width character counts as 2).
XLSX_MIN_COL_WIDTH = 8
XLSX_MAX_COL_WIDTH = 60

_SHEET_NAME_MAX = 31
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_DEFAULT_SHEET = "snscompare"

_XLSX_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

# Integers beyond this lose digits as an Excel number (15 significant digits);
# they are written as text instead so that ids and codes stay exact.
_EXCEL_EXACT_INT = 10**15


# --------------------------------------------------------------------------
# Formula-injection neutralisation
# --------------------------------------------------------------------------
def _is_formula_like(value: str) -> bool:
    if not value:
        return False
    # The raw first character is checked too: NFKC can compose a trigger with
    # a following combining mark ("=" + U+0338 becomes "≠"), while Excel still
    # sees the "=".
    return (
        value[0] in FORMULA_TRIGGERS
        or unicodedata.normalize("NFKC", value)[:1] in FORMULA_TRIGGERS
    )


def neutralize_cell(value):
    """Return ``"'" + value`` if *value* is text that a spreadsheet would read
    as a formula, otherwise *value* unchanged.

    The test is ``NFKC(value)`` starting with one of :data:`FORMULA_TRIGGERS`
    (so ``"＝1+1"`` and ``"－5"`` are caught), or the raw value starting with one.
    Non-``str`` values -- numbers (a negative number is not a formula), dates,
    ``None``, ``NaN`` -- are returned as they are.
    """
    if isinstance(value, str) and _is_formula_like(value):
        return "'" + value
    return value


def _neutralize_label(label):
    if isinstance(label, str):
        return neutralize_cell(label)
    if isinstance(label, tuple):  # MultiIndex entries
        return tuple(_neutralize_label(x) for x in label)
    return label


def _is_text_like_dtype(dtype) -> bool:
    return (
        dtype == object
        or isinstance(dtype, pd.StringDtype)
        or isinstance(dtype, pd.CategoricalDtype)
        or pd.api.types.is_string_dtype(dtype)
    )


def _neutralize_series(s: pd.Series) -> pd.Series:
    if isinstance(s.dtype, pd.CategoricalDtype):
        s = s.astype(object)
    mapped = s.map(neutralize_cell, na_action="ignore")
    if isinstance(s.dtype, pd.StringDtype):
        mapped = mapped.astype(s.dtype)
    return mapped


def _neutralize_index(index: pd.Index) -> pd.Index:
    new = index.map(_neutralize_label)
    names = [_neutralize_label(n) for n in index.names]
    if isinstance(new, pd.MultiIndex):
        return new.set_names(names)
    return new.rename(names[0])


def neutralize_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of *df* in which every ``str`` cell, column label and index
    label is passed through :func:`neutralize_cell`.  *df* is not modified."""
    out = df.copy()
    for pos in range(out.shape[1]):
        col = out.iloc[:, pos]
        if _is_text_like_dtype(col.dtype):
            out.isetitem(pos, _neutralize_series(col))
    out.columns = _neutralize_index(out.columns)
    out.index = _neutralize_index(out.index)
    return out


def _is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (str, bytes)) else False
    except (TypeError, ValueError):  # lists, arrays ...
        return False


def _is_plain_scalar(value) -> bool:
    return isinstance(
        value,
        (str, numbers.Number, _dt.date, _dt.time, _dt.timedelta, pd.Timedelta),
    ) or _is_missing(value)


def _stringify_objects(df: pd.DataFrame) -> pd.DataFrame:
    """Turn unusual objects (lists, dicts, custom classes) in object columns into
    neutralised text, so that their ``str()`` cannot smuggle a formula into a
    text export.  Plain scalars are left alone."""
    out = df
    for pos in range(df.shape[1]):
        col = df.iloc[:, pos]
        if col.dtype != object:
            continue
        odd = ~col.map(_is_plain_scalar).astype(bool)
        if odd.any():
            if out is df:
                out = df.copy()
            fixed = col.copy()
            fixed[odd] = [neutralize_cell(str(v)) for v in col[odd]]
            out.isetitem(pos, fixed)
    return out


def _prepare(df: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(df).__name__}")
    return _stringify_objects(neutralize_frame(df))


# --------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------
def _csv_string(df: pd.DataFrame, *, index: bool, lineterminator: str) -> str:
    buf = io.StringIO()
    _prepare(df).to_csv(
        buf,
        index=index,
        lineterminator=lineterminator,
        quoting=csv.QUOTE_MINIMAL,  # quotes cells containing , " CR or LF
        doublequote=True,
    )
    return buf.getvalue()


def to_csv_bytes(df: pd.DataFrame, *, bom: bool = True, index: bool = False) -> bytes:
    """CSV for download: UTF-8 (with a BOM unless ``bom=False``), CRLF row
    terminators, cells with commas/quotes/newlines quoted, formulas neutralised.

    Line breaks inside a cell are kept as they are (inside quotes), so they
    round-trip through Excel and :func:`pandas.read_csv`.
    """
    text = _csv_string(df, index=index, lineterminator="\r\n")
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def to_csv_text(df: pd.DataFrame, *, index: bool = False) -> str:
    """CSV as ``str`` for printing to stdout: no BOM, ``\\n`` row terminators
    (a text-mode stream converts them for the platform), formulas neutralised."""
    return _csv_string(df, index=index, lineterminator="\n")


# --------------------------------------------------------------------------
# xlsx
# --------------------------------------------------------------------------
def xlsx_sheet_name(name) -> str:
    """A valid Excel sheet name: at most 31 characters, none of ``[]:*?/\\``,
    not starting or ending with an apostrophe, not empty, not "History"."""
    name = "" if name is None else str(name)
    name = _SHEET_NAME_FORBIDDEN.sub("_", name)
    name = "".join(ch if ch.isprintable() else "_" for ch in name)
    name = name[:_SHEET_NAME_MAX].strip("'").strip()
    if not name:
        name = _DEFAULT_SHEET
    if name.lower() == "history":  # reserved by Excel
        name = name + "_"
    return name


def _utf16_len(s: str) -> int:
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


def _truncate_for_excel(s: str) -> str:
    if len(s) <= XLSX_MAX_CELL_CHARS // 2 or _utf16_len(s) <= XLSX_MAX_CELL_CHARS:
        return s
    budget = XLSX_MAX_CELL_CHARS - _utf16_len(XLSX_TRUNCATION_MARKER)
    units = s.encode("utf-16-le")[: 2 * budget]
    if len(units) >= 2 and 0xD800 <= int.from_bytes(units[-2:], "little") <= 0xDBFF:
        units = units[:-2]  # do not split a surrogate pair
    return units.decode("utf-16-le") + XLSX_TRUNCATION_MARKER


def _display_width(s: str, cap: int = XLSX_MAX_COL_WIDTH) -> int:
    """Widest line of *s* in half-width units (full-width = 2), stopping at *cap*."""
    widest = 0
    for line in s.splitlines() or [""]:
        if len(line) >= cap:
            return cap
        w = sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)
        if w >= cap:
            return cap
        widest = max(widest, w)
    return widest


def _label_text(label) -> object:
    if isinstance(label, tuple):
        parts = [str(x) for x in label if not _is_missing(x) and str(x) != ""]
        return neutralize_cell(" / ".join(parts))
    return label


class _XlsxCellWriter:
    def __init__(self, workbook, worksheet):
        self.ws = worksheet
        self.fmt_text = workbook.add_format({"valign": "top"})
        self.fmt_wrap = workbook.add_format({"valign": "top", "text_wrap": True})
        self.fmt_header = workbook.add_format(
            {"bold": True, "valign": "top", "text_wrap": True, "bottom": 1}
        )
        self.fmt_datetime = workbook.add_format(
            {"valign": "top", "num_format": "yyyy-mm-dd hh:mm:ss"}
        )
        self.fmt_date = workbook.add_format({"valign": "top", "num_format": "yyyy-mm-dd"})
        self.fmt_time = workbook.add_format({"valign": "top", "num_format": "hh:mm:ss"})

    def text_of(self, value):
        """What will be shown, for column-width estimation (None for blanks)."""
        if _is_missing(value):
            return None
        return value if isinstance(value, str) else str(value)

    def write(self, row: int, col: int, value, *, header: bool, wrap: bool) -> None:
        ws = self.ws
        fmt = self.fmt_header if header else (self.fmt_wrap if wrap else self.fmt_text)
        if _is_missing(value):
            if header:
                ws.write_blank(row, col, None, fmt)
            return
        if isinstance(value, str):
            ws.write_string(row, col, _truncate_for_excel(value), fmt)
        elif isinstance(value, bool) or type(value).__name__ == "bool_":
            ws.write_boolean(row, col, bool(value), fmt)
        elif isinstance(value, numbers.Integral):
            if abs(int(value)) >= _EXCEL_EXACT_INT:
                ws.write_string(row, col, str(int(value)), fmt)
            else:
                ws.write_number(row, col, int(value), fmt)
        elif isinstance(value, (numbers.Real, decimal.Decimal)):
            number = float(value)
            if math.isfinite(number):
                ws.write_number(row, col, number, fmt)
            else:  # Excel has no infinity; an error value would be a formula
                ws.write_string(row, col, neutralize_cell(str(number)), fmt)
        elif isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
            self._write_temporal(row, col, value, fmt, header)
        else:
            text = _truncate_for_excel(neutralize_cell(str(value)))
            ws.write_string(row, col, text, fmt)

    def _write_temporal(self, row, col, value, fmt, header):
        if isinstance(value, _dt.datetime):
            if value.tzinfo is not None:  # Excel has no time zones
                self.ws.write_string(row, col, value.isoformat(), fmt)
                return
            num = self.fmt_datetime
        elif isinstance(value, _dt.date):
            num = self.fmt_date
        else:
            num = self.fmt_time
        if isinstance(value, _dt.date) and (value.year, value.month, value.day) < (1900, 3, 1):
            # Excel serial dates do not reach before 1900 (and 1900-02-29 exists
            # in Excel), so early dates are written as ISO text.
            self.ws.write_string(row, col, value.isoformat(), fmt)
            return
        try:
            self.ws.write_datetime(row, col, value, fmt if header else num)
        except (TypeError, ValueError, OverflowError):
            self.ws.write_string(row, col, value.isoformat(), fmt)


def to_xlsx_bytes(
    df: pd.DataFrame, *, sheet_name: str = _DEFAULT_SHEET, index: bool = False
) -> bytes:
    """One-sheet xlsx workbook of *df*.

    Strings are written as strings only (never formulas, URLs or numbers) and are
    neutralised first.  Cells longer than Excel's 32,767-character limit are cut
    and end with :data:`XLSX_TRUNCATION_MARKER`.  The header row is bold and
    frozen, has an autofilter, and column widths follow the content (capped at
    :data:`XLSX_MAX_COL_WIDTH`); long or multi-line cells wrap.
    """
    import xlsxwriter  # local import: CSV-only users do not need it

    prepared = _prepare(df)

    # Header labels and row values, with index columns first if requested.
    n_index = prepared.index.nlevels if index else 0
    headers: list = []
    if index:
        headers.extend(_label_text(n) for n in prepared.index.names)
    headers.extend(_label_text(c) for c in prepared.columns)

    def rows() -> Iterable[tuple]:
        body = prepared.itertuples(index=False, name=None)
        if not index:
            yield from body
            return
        for idx, rest in zip(prepared.index, body):
            idx = idx if isinstance(idx, tuple) else (idx,)
            yield tuple(idx) + tuple(rest)

    buf = io.BytesIO()
    workbook = xlsxwriter.Workbook(buf, _XLSX_OPTIONS)
    try:
        ws = workbook.add_worksheet(xlsx_sheet_name(sheet_name))
        writer = _XlsxCellWriter(workbook, ws)
        ncols = len(headers)

        widths = [XLSX_MIN_COL_WIDTH] * ncols
        for c, label in enumerate(headers):
            text = writer.text_of(label)
            if text is not None:
                widths[c] = max(widths[c], min(_display_width(text) + 2, XLSX_MAX_COL_WIDTH))
        materialised = list(rows())
        for values in materialised:
            for c, value in enumerate(values):
                text = writer.text_of(value)
                if text is not None and widths[c] < XLSX_MAX_COL_WIDTH:
                    widths[c] = max(widths[c], min(_display_width(text) + 2, XLSX_MAX_COL_WIDTH))
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)

        for c, label in enumerate(headers):
            writer.write(0, c, label, header=True, wrap=True)
        for r, values in enumerate(materialised, start=1):
            for c, value in enumerate(values):
                wrap = isinstance(value, str) and (
                    "\n" in value or "\r" in value or _display_width(value) + 2 > widths[c]
                )
                writer.write(r, c, value, header=False, wrap=wrap)

        if ncols:
            ws.freeze_panes(1, n_index)
            ws.autofilter(0, 0, len(materialised), ncols - 1)
    finally:
        workbook.close()
    return buf.getvalue()


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------
_NEWLINES = re.compile(r"\r\n|\r|\n")


def _md_cell(value) -> str:
    if isinstance(value, tuple):
        value = " / ".join(str(x) for x in value)
    if _is_missing(value):
        return ""
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return str(value)
    # Text may come from a document, a file name or a draft's name: shown literally
    # (no link, image, HTML or emphasis), each line break a <br> of our own.
    text = markdown_literal(str(value).strip())
    return _NEWLINES.sub("<br>", text)


def to_markdown_table(df: pd.DataFrame) -> str:
    """GitHub-flavoured Markdown pipe table: header, ``---`` row, one line per
    row, no trailing newline (like :meth:`pandas.DataFrame.to_markdown`).
    ``|`` and backslashes are escaped and line breaks become ``<br>``, so every
    row stays on one line.  Text is shown literally: every ASCII punctuation
    character is backslash-escaped (:func:`snscompare.escaping.markdown_literal`),
    so a document's ``<script>``, links and images stay text.  The index is not
    included.  Cells are not formula-neutralised: Markdown is meant to be read,
    not opened in Excel."""
    if df.shape[1] == 0:
        return ""
    header = [_md_cell(c) for c in df.columns]
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    for values in df.itertuples(index=False, name=None):
        lines.append("| " + " | ".join(_md_cell(v) for v in values) + " |")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# File names
# --------------------------------------------------------------------------
MAX_FILENAME_CHARS = 150
#: Most file systems limit a name to 255 bytes; Japanese characters take 3.
MAX_FILENAME_BYTES = 240
_MAX_IDS_WHEN_SHORTENED = 5
_MAX_EXT = 10
_MAX_EXTRA = 40
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {
    f"LPT{i}" for i in range(1, 10)
}


def _is_japanese(ch: str) -> bool:
    """Kana and kanji that are letters (or marks) in this Python's Unicode
    database; unassigned code points and punctuation such as 「」・ are not."""
    cat = unicodedata.category(ch)
    if not (cat[0] in "LN" or cat == "Mn"):
        return False
    cp = ord(ch)
    return (
        0x3040 <= cp <= 0x30FF  # hiragana, katakana (incl. ー)
        or 0x31F0 <= cp <= 0x31FF  # katakana phonetic extensions
        or 0x3005 <= cp <= 0x3007  # 々 〆 〇
        or 0x3400 <= cp <= 0x4DBF  # CJK extension A
        or 0x4E00 <= cp <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= cp <= 0xFAFF  # CJK compatibility ideographs
        or 0x20000 <= cp <= 0x3134F  # CJK extensions B-G (𠮷 ...)
    )


def _clean_part(text, *, allow: str = "_.-") -> str:
    text = unicodedata.normalize("NFKC", "" if text is None else str(text))
    out = []
    for ch in text:
        if ("a" <= ch <= "z") or ("A" <= ch <= "Z") or ("0" <= ch <= "9") or ch in allow:
            out.append(ch)
        elif _is_japanese(ch):
            out.append(ch)
        else:
            out.append("_")
    cleaned = re.sub(r"_{2,}", "_", "".join(out))
    return cleaned.strip("_.-")


def _fits(name: str) -> bool:
    return len(name) <= MAX_FILENAME_CHARS and len(name.encode("utf-8")) <= MAX_FILENAME_BYTES


def _cut(text: str, max_chars: int, max_bytes: int) -> str:
    text = text[: max(max_chars, 0)]
    while text and len(text.encode("utf-8")) > max_bytes:
        text = text[:-1]
    return text.rstrip("_.-")


def export_filename(what: str, doc_ids, ext: str, *, extra: str | None = None) -> str:
    """A safe, readable download file name: ``{what}_{id1-id2-...}[_{extra}].{ext}``.

    >>> export_filename("coverage", ["komoro", "otaru"], "csv")
    'coverage_komoro-otaru.csv'
    >>> export_filename("coverage", ["komoro", "otaru"], "csv", extra="user")
    'coverage_komoro-otaru_user.csv'

    Only ASCII letters, digits, ``_ . -`` and Japanese characters (kana, kanji)
    are kept; anything else becomes ``_`` (after NFKC, so full-width letters
    become ASCII and 「わが市案」 becomes ``わが市案``).  The name is at most
    :data:`MAX_FILENAME_CHARS` characters / :data:`MAX_FILENAME_BYTES` bytes: if
    the ids do not fit, the first five are kept followed by ``-and-N-more``, and
    if even that is too long the name is cut (the extension is always kept).
    """
    what_s = _clean_part(what) or _DEFAULT_SHEET
    if isinstance(doc_ids, str):
        doc_ids = [doc_ids]
    ids = [p for p in (_clean_part(i) for i in (doc_ids or [])) if p]
    extra_s = _clean_part(extra)[:_MAX_EXTRA].rstrip("_.-") if extra is not None else ""
    ext_s = re.sub(r"[^A-Za-z0-9]", "", unicodedata.normalize("NFKC", str(ext or "")))[:_MAX_EXT]

    tail = (f"_{extra_s}" if extra_s else "") + (f".{ext_s}" if ext_s else "")

    def build(ids_part: str) -> str:
        return what_s + (f"_{ids_part}" if ids_part else "") + tail

    name = build("-".join(ids))
    if not _fits(name) and len(ids) > _MAX_IDS_WHEN_SHORTENED:
        rest = len(ids) - _MAX_IDS_WHEN_SHORTENED
        name = build("-".join(ids[:_MAX_IDS_WHEN_SHORTENED]) + f"-and-{rest}-more")
    if not _fits(name):
        head = name[: len(name) - len(tail)]
        head = _cut(
            head,
            MAX_FILENAME_CHARS - len(tail),
            MAX_FILENAME_BYTES - len(tail.encode("utf-8")),
        ) or _DEFAULT_SHEET
        name = head + tail

    stem = name.split(".", 1)[0]
    if stem.upper() in _WINDOWS_RESERVED:
        name = stem + "_" + name[len(stem):]
    return name
