"""PDF with selectable text (``.pdf``), read with pypdf page by page within bounds
(pages, seconds, characters).

PDF extraction breaks lines where the page did, not where the author did, and often
yields Kangxi radicals or CJK compatibility ideographs (⽤ U+2F64 for 用): lines broken
in the middle of a Japanese sentence are joined again, and those code points, and
only those, are NFKC-normalised.  A scanned PDF (no text) gets a message saying so.
"""
from __future__ import annotations

import io
import logging
import re
import time
import unicodedata

from ..errors import InputError
from .common import Reader, fail, normalise_newlines, sniff, too_many_characters, wrong_content

PDF_MAX_PAGES = 300
PDF_MAX_SECONDS = 60.0  # total extraction time, checked between pages

logging.getLogger("pypdf").setLevel(logging.ERROR)

def _is_japanese(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3000 <= o <= 0x30FF  # CJK punctuation, hiragana, katakana
        or 0x3400 <= o <= 0x4DBF  # CJK extension A
        or 0x4E00 <= o <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= o <= 0xFAFF  # CJK compatibility ideographs
        or 0xFF01 <= o <= 0xFF9F  # full-width forms, half-width katakana
        or 0x20000 <= o <= 0x3FFFF  # CJK extensions B…
        or 0x2E80 <= o <= 0x2FDF  # radicals (before repair)
        or 0x31F0 <= o <= 0x31FF  # katakana phonetic extensions
    ) and ch not in "\u3000"


_SENTENCE_END = frozenset("。．！？｡!?")

_LIST_MARKER = re.compile(
    r"""^[ \t\u3000]*(?:
        [（(][0-9０-９a-zA-Zａ-ｚＡ-Ｚ一二三四五六七八九十百ア-ンｱ-ﾝ]{1,4}[）)]   # （１） (1) (a) (ア) (一)
      | [\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]   # ① ⑴ ⒈ ❶ ㉑ ㊱
      | [\u2160-\u217f]                                          # Ⅰ ⅰ
      | 第[0-9０-９一二三四五六七八九十百千]+[条章節](?:の[0-9０-９一二三四五六七八九十]+)?
        (?=[ \t\u3000（(]|$)                                       # 第3条　 第2章 (not 第3条の規定)
      | [0-9０-９]{1,3}(?:[.．、)）:：]|[ \t\u3000])               # 1. ２） ３　
      | [a-zA-Zａ-ｚＡ-Ｚ][.．)）]                                 # a. ｂ）
      | [ア-ンｱ-ﾝ](?:[.．、)）]|[ \t\u3000])                       # ア　 イ．
      | [一二三四五六七八九十]{1,3}(?:[.．、]|[ \t\u3000])           # 一　 二、
      | [・●○◯〇◆◇■□※★☆▶►▸•\-－―＊*＜<【〔]                     # bullets, notes, headings
    )""",
    re.VERBOSE,
)


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)


# Two or more spaces inside a line: columns of a table or a form (「年　　月　　日」),
# which running text never has.
_COLUMN_GAP = re.compile("[ \u3000\t]{2,}")


def _mostly_japanese(text: str) -> bool:
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return wide * 2 >= len(text)


def _full_line_width(lines: list[str]) -> int:
    """Width of a full line of body text: the 3rd-widest mostly-Japanese line
    (the widest in a text of under 10 lines).

    Mostly-Japanese lines only, so that URLs and English do not count; the 3rd
    widest, so that one or two overlong lines (a title, a table row run together)
    do not switch joining off for the whole document.  If a document has many
    overlong lines the reference is too wide and lines stay as extracted, which is
    the safe way to fail.
    """
    widths = []
    for ln in lines:
        stripped = ln.strip()
        if not stripped:
            continue
        if _mostly_japanese(stripped):
            widths.append(_width(stripped))
    if not widths:
        widths = [_width(ln.strip()) for ln in lines if ln.strip()]
    if not widths:
        return 0
    widths.sort(reverse=True)
    return widths[min(2, len(widths) // 5)]


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Join lines that PDF extraction broke in the middle of a Japanese sentence.

    A line is joined to the next one (without a newline) when

    * it ends with a Japanese character other than a sentence end (。！？), or it
      is mostly Japanese and ends with an ASCII letter or digit (「…公式 SNS」),
    * the next line starts with a Japanese character (or, after a Japanese
      character, an ASCII letter, digit or opening bracket) and does not start with
      a list marker such as （１） (1) 1. ① 第3条 ア　・, and
    * the line is at least 90 % as wide as a full line of body text: a shorter line
      ended where the author ended it (a heading such as 「…について」, a row of an
      account list), not where the page did; and
    * the line has no run of two or more spaces inside (table or form columns).

    Leading indentation of a joined continuation line and trailing spaces are dropped.
    """
    lines = [ln.rstrip() for ln in lines]
    min_width = 0.9 * _full_line_width(lines)

    out: list[str] = []
    prev_last = ""  # last character of out[-1] if out[-1] may be continued, else ""
    for ln in lines:
        stripped = ln.strip()
        if not stripped:
            out.append("")
            prev_last = ""
            continue
        first = stripped[0]
        if prev_last and not _LIST_MARKER.match(stripped):
            if _is_japanese(prev_last):
                continues = _is_japanese(first) or (first.isascii() and (first.isalnum() or first in "(["))
            else:  # an ASCII letter or digit: only a Japanese character continues it
                continues = _is_japanese(first)
        else:
            continues = False
        if continues:
            out[-1] += stripped
        else:
            out.append(ln)
        last = stripped[-1]
        if _is_japanese(last):
            may_continue = last not in _SENTENCE_END
        else:  # 「…公式 SNS」 continues, a URL on a line of its own does not
            may_continue = last.isascii() and last.isalnum() and _mostly_japanese(stripped)
        prev_last = (
            last
            if may_continue
            and _width(stripped) >= min_width
            and not _COLUMN_GAP.search(stripped)
            else ""
        )
    return out


_RADICALS = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


def _repair_pdf_chars(text: str) -> str:
    """NFKC only the radicals / compatibility ideographs that PDF fonts produce."""
    return _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


_BAD_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


_PAGE_NUMBER = re.compile(
    r"^[ \t\u3000]*[-－‐―—–~〜～]?[ \t\u3000]*(?:[pPｐＰ][.．]?[ \t\u3000]*)?"
    r"[0-9０-９]{1,4}(?:[ \t\u3000]*[/／][ \t\u3000]*[0-9０-９]{1,4}|[ \t\u3000]*ページ)?"
    r"[ \t\u3000]*[-－‐―—–~〜～]?[ \t\u3000]*$"
)


def _clean_pdf_page(raw: str) -> str:
    """Control characters out, radicals repaired, and a page number (「- 3 -」, 「3/12」)
    on the first or last line of the page dropped, so that a sentence running over
    the page break can be joined."""
    text = normalise_newlines(raw)
    text = _BAD_CONTROLS.sub("", text)
    lines = _repair_pdf_chars(text).split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and _PAGE_NUMBER.match(lines[-1]):
        lines.pop()
    if lines and _PAGE_NUMBER.match(lines[0]):
        lines.pop(0)
    return "\n".join(lines)


def _pdf_damaged(name: str) -> InputError:
    return fail(
        f"「{name}」は壊れているか、PDF として読めません。",
        f"'{name}' is damaged or not a readable PDF.",
    )


def _read_pdf(data: bytes, name: str, max_chars: int) -> str:
    import warnings

    try:
        import pypdf
    except ImportError:  # pragma: no cover - declared dependency
        raise fail("PDF を読むための pypdf がありません。", "pypdf is not installed.") from None

    started = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    ok = reader.decrypt("")
                except Exception:
                    ok = 0
                if not ok:
                    raise fail(
                        f"「{name}」はパスワードで保護されています。",
                        f"'{name}' is password-protected.",
                        hint="  パスワードを外した PDF を使ってください。"
                        " / Remove the password and try again.",
                    )
            n_pages = len(reader.pages)
        except InputError:
            raise
        except Exception:
            raise _pdf_damaged(name) from None

        if n_pages == 0:
            raise _pdf_damaged(name)
        if n_pages > PDF_MAX_PAGES:
            raise fail(
                f"「{name}」はページ数が多すぎます（{n_pages} ページ、上限 {PDF_MAX_PAGES} ページ）。",
                f"'{name}' has too many pages ({n_pages} > {PDF_MAX_PAGES}).",
            )

        pages: list[str] = []
        total_chars = 0
        for i in range(n_pages):
            if time.monotonic() - started > PDF_MAX_SECONDS:
                raise fail(
                    f"「{name}」の文字の取り出しに時間がかかりすぎたため中止しました。",
                    f"Reading '{name}' took too long and was stopped.",
                )
            try:
                raw = reader.pages[i].extract_text() or ""
            except Exception:
                raise fail(
                    f"「{name}」の {i + 1} ページ目が壊れていて読めません。",
                    f"Page {i + 1} of '{name}' is damaged.",
                ) from None
            total_chars += len(raw)
            # Extraction yields line ends and page numbers that joining removes: stop
            # reading at twice the cap, and hold the text itself to the cap below.
            if total_chars > 2 * max_chars:
                raise too_many_characters(name, max_chars)
            pages.append(_clean_pdf_page(raw))

    # Join over the whole document, so that a sentence that runs over a page
    # break is joined too (a page number in a footer ends no sentence and stops it).
    lines = "\n".join(p for p in pages if p.strip()).split("\n")
    text = "\n".join(_join_broken_lines(lines))
    if not text.strip():
        raise fail(
            f"「{name}」から文字を取り出せません。スキャンした画像の PDF のようです。",
            f"No text could be extracted from '{name}'; it looks like a scanned PDF.",
            hint="  文字を選択できる PDF（OCR 済み）か、Word・テキストのファイルを使ってください。"
            " / Use a PDF with selectable text (OCR), or a Word or text file.",
        )
    if len(text) > max_chars:
        raise too_many_characters(name, max_chars)
    return text


def read_pdf(data: bytes, name: str, max_chars: int) -> str:
    """A ``.pdf``: refused when the bytes are another kind of file (a Word file renamed,
    for instance) or carry no ``%PDF-`` header."""
    actual = sniff(data)
    if actual == "pdf":
        return _read_pdf(data, name, max_chars)
    if actual is not None:
        raise wrong_content(name, actual)
    raise fail(
        f"「{name}」は PDF ファイルではありません（PDF の先頭の印 %PDF- がありません）。",
        f"'{name}' is not a PDF file (no %PDF- header).",
    )


PDF = Reader((".pdf",), "PDF (.pdf)", read_pdf)
