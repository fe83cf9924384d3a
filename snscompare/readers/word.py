"""Word (``.docx``): paragraphs and tables of the body, in document order; a table row
becomes one line with its cells separated by tabs.

The archive is checked with :mod:`zipfile` before python-docx opens anything (damage,
zip bombs, too many members), and the characters of the body are counted while
streaming through it, so a document over the character cap is refused before a
tree of its XML is built.
"""
from __future__ import annotations

import io
import zipfile
from xml.etree.ElementTree import iterparse

from .common import Reader, fail, legacy_doc, mb, normalise_newlines, sniff, too_many_characters, wrong_content

# --- limits (checked before python-docx opens anything) ---
DOCX_MAX_UNCOMPRESSED = 50 * 1024 * 1024  # total uncompressed size of all members
DOCX_MAX_RATIO = 200  # uncompressed / compressed, per member
DOCX_RATIO_MIN_SIZE = 1024 * 1024  # the ratio is only checked on members larger than this
DOCX_MAX_MEMBERS = 2000

_BODY = "word/document.xml"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_damaged(name: str):
    return fail(
        f"「{name}」は壊れているか、Word (.docx) ファイルではありません。",
        f"'{name}' is damaged or not a Word (.docx) file.",
        hint="  Word で開いて保存し直してください。 / Open it in Word and save it again.",
    )


def _check_docx_zip(data: bytes, name: str) -> None:
    """Reject damaged archives and zip bombs before python-docx decompresses anything.

    The sizes checked are the ones declared in the central directory; zipfile
    never inflates a member beyond its declared size (it fails the CRC instead),
    so they bound what python-docx can be made to read.
    """
    from ..errors import InputError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > DOCX_MAX_MEMBERS:
                raise fail(
                    f"「{name}」は中のファイル数が多すぎます（{len(infos)} 個、上限 {DOCX_MAX_MEMBERS} 個）。",
                    f"'{name}' has too many archive members ({len(infos)} > {DOCX_MAX_MEMBERS}).",
                )
            total = 0
            for info in infos:
                total += info.file_size
                if (
                    info.file_size > DOCX_RATIO_MIN_SIZE
                    and info.file_size > DOCX_MAX_RATIO * max(info.compress_size, 1)
                ):
                    raise fail(
                        f"「{name}」は異常に高い圧縮率のデータを含むため開けません（zip 爆弾の疑い）。",
                        f"'{name}' contains a member with an abnormal compression ratio "
                        "(suspected zip bomb).",
                    )
            if total > DOCX_MAX_UNCOMPRESSED:
                raise fail(
                    f"「{name}」は展開後のサイズが大きすぎます"
                    f"（{mb(total)} MB、上限 {mb(DOCX_MAX_UNCOMPRESSED)} MB）。",
                    f"'{name}' is too large when uncompressed "
                    f"({mb(total)} MB > {mb(DOCX_MAX_UNCOMPRESSED)} MB).",
                )
            if _BODY not in zf.namelist():
                raise _docx_damaged(name)
            if zf.testzip() is not None:  # CRC of every member
                raise _docx_damaged(name)
    except InputError:
        raise
    except Exception:  # BadZipFile, zlib.error, EOFError, NotImplementedError (method), …
        raise _docx_damaged(name) from None


def _body_characters(data: bytes, limit: int) -> int:
    """The characters of the body's text runs (``w:t``), counted while streaming
    through ``word/document.xml`` (each paragraph is dropped once read, so memory
    stays flat); stops as soon as ``limit`` is passed.  The text read later adds
    tabs and line ends to these, so a count over the limit means a text over it."""
    n = 0
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(_BODY) as fh:
        for _, el in iterparse(fh, events=("end",)):
            if el.tag == _W + "t":
                n += len(el.text or "")
                if n > limit:
                    break
            elif el.tag == _W + "p":
                el.clear()
    return n


def _cell_text(cell) -> str:
    parts = [p.text for p in cell.paragraphs]
    return " ".join(part.strip() for part in parts if part.strip())


def _table_lines(table) -> list[str]:
    from docx.table import _Cell

    lines = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:  # one w:tc per (horizontally merged) cell
            if tc.vMerge == "continue":  # below a vertically merged cell: already shown
                cells.append("")
            else:
                cells.append(_cell_text(_Cell(tc, table)))
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def _read_docx(data: bytes, name: str, max_chars: int) -> str:
    _check_docx_zip(data, name)
    try:
        over = _body_characters(data, max_chars) > max_chars
    except Exception:  # XML that is not well formed
        raise _docx_damaged(name) from None
    if over:
        raise too_many_characters(name, max_chars)
    try:
        import docx
        from docx.table import Table

        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.append(block.text)
    except Exception:
        raise _docx_damaged(name) from None
    text = normalise_newlines("\n".join(lines))
    if not text.strip():
        raise fail(
            f"「{name}」には本文の文字がありません。",
            f"'{name}' contains no text.",
            hint="  文字が画像やテキストボックスだけにある場合は読めません。"
            " / Text inside images or text boxes cannot be read.",
        )
    if len(text) > max_chars:
        raise too_many_characters(name, max_chars)
    return text


def read_docx(data: bytes, name: str, max_chars: int) -> str:
    """A ``.docx``: refused when the bytes are a legacy .doc (or an encrypted Word
    file, which is an OLE container too), a PDF or not a zip archive."""
    actual = sniff(data)
    if actual == "ole":
        raise legacy_doc(name, maybe_encrypted=True)
    if actual == "pdf":
        raise wrong_content(name, "pdf")
    if actual != "zip":
        raise _docx_damaged(name)
    return _read_docx(data, name, max_chars)


WORD = Reader((".docx",), "Word (.docx)", read_docx)
