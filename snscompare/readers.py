"""Read an uploaded or added policy document into plain text.

Supported: plain text (``.txt`` / ``.md``, in UTF-8, Shift_JIS/cp932, EUC-JP,
ISO-2022-JP or UTF-16/32 with a BOM), Word (``.docx``) and PDF with selectable
text (``.pdf``).  Everything works on bytes in memory: drafts may be
confidential, so nothing is ever written to disk.

Every problem a user can cause (empty, binary, too large, wrong type, damaged,
zip bomb, scanned PDF, legacy ``.doc``, …) raises :class:`~snscompare.errors.InputError`
with a message in Japanese first, an English gloss after `` / ``, and the file name.

The text is returned as decoded, with newlines normalised to ``\\n``; no NFKC is
applied (the parser needs the original characters such as （１） and ①).  The only
character repair is for PDF extraction, which often yields Kangxi radicals or CJK
compatibility ideographs (⽤ U+2F64 for 用): those code points, and only those, are
NFKC-normalised.
"""
from __future__ import annotations

import codecs
import io
import logging
import os
import re
import stat
import time
import unicodedata
import zipfile
from pathlib import Path

from .errors import InputError

__all__ = [
    "MAX_UPLOAD_BYTES",
    "SUPPORTED_SUFFIXES",
    "decode_text",
    "read_document",
    "read_path",
]

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # default size limit, 10 MiB
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")

# --- limits for .docx (checked with zipfile before python-docx opens anything) ---
DOCX_MAX_UNCOMPRESSED = 50 * 1024 * 1024  # total uncompressed size of all members
DOCX_MAX_RATIO = 200  # uncompressed / compressed, per member
DOCX_RATIO_MIN_SIZE = 1024 * 1024  # the ratio is only checked on members larger than this
DOCX_MAX_MEMBERS = 2000

# --- limits for .pdf ---
PDF_MAX_PAGES = 300
PDF_MAX_SECONDS = 60.0  # total extraction time, checked between pages
PDF_MAX_CHARS = 5_000_000  # extracted text; a policy is a few tens of thousands

# --- binary detection for text files ---
_MAX_CONTROL_SHARE = 0.02  # share of control characters above which text is "binary"

_SUPPORTED_LABEL = "テキスト (.txt)、Markdown (.md)、Word (.docx)、PDF (.pdf)"
_SUPPORTED_LABEL_EN = ".txt, .md, .docx, .pdf"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OTHER_MAGICS = (  # (magic, Japanese name, English name)
    (b"\x89PNG\r\n\x1a\n", "PNG 画像", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 画像", "a JPEG image"),
    (b"GIF87a", "GIF 画像", "a GIF image"),
    (b"GIF89a", "GIF 画像", "a GIF image"),
    (b"{\\rtf", "リッチテキスト (RTF)", "an RTF document"),
    (b"\x1f\x8b", "gzip 圧縮ファイル", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z 圧縮ファイル", "a 7z archive"),
    (b"Rar!\x1a\x07", "RAR 圧縮ファイル", "a RAR archive"),
)

logging.getLogger("pypdf").setLevel(logging.ERROR)


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------
def _display_name(filename) -> str:
    """The bare file name (uploads from Windows may carry a backslash path)."""
    name = str(filename).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return name or str(filename)


def _suffix(name: str) -> str:
    base = _display_name(name)
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def _mb(n: int) -> str:
    """Size in MB (MiB) with at most one decimal, rounded up so that a size just
    over a limit never prints as the limit itself."""
    tenths = -(-n * 10 // (1024 * 1024))
    return f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths / 10:.1f}"


def _fail(ja: str, en: str, *, hint: str | None = None) -> InputError:
    return InputError(f"{ja} / {en}", hint=hint)


def _sniff(data: bytes) -> str | None:
    """What the bytes really are, judged by magic numbers: 'zip', 'pdf', 'ole' or None."""
    if data.startswith(_ZIP_MAGICS):
        return "zip"
    if b"%PDF-" in data[:1024]:  # readers accept a header anywhere in the first 1 KiB
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    return None


def _other_magic(data: bytes):
    for magic, ja, en in _OTHER_MAGICS:
        if data.startswith(magic):
            return ja, en
    return None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------
# plain text
# ---------------------------------------------------------------------------
# C0/C1 control characters other than tab, newlines, form feed and the DOS
# end-of-file marker (\x1a), plus the replacement character.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f-\x9f\ufffd]")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    if not text:
        return False
    controls = sum(1 for _ in _CONTROL_CHARS.finditer(text))
    return controls > _MAX_CONTROL_SHARE * len(text)


def _mojibake_score(text: str) -> float:
    """Share of non-ASCII characters that are half-width katakana or private use:
    high when EUC-JP bytes were decoded as cp932.  (A sample of 100,000 characters
    decides.)"""
    non_ascii = 0
    odd = 0
    for ch in text[:100_000]:
        o = ord(ch)
        if o < 0x80:
            continue
        non_ascii += 1
        if 0xFF61 <= o <= 0xFF9F or 0xE000 <= o <= 0xF8FF:
            odd += 1
    return odd / non_ascii if non_ascii else 0.0


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode(data: bytes) -> str | None:
    # 1. byte order marks (UTF-32 first: its LE BOM starts with the UTF-16 LE BOM)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = _strict(data, "utf-32")
        if text is not None:
            return text
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16")
        if text is not None:
            return text
    if b"\x00" in data:
        return None  # NUL bytes without a UTF-16/32 BOM: binary
    # 2. ISO-2022-JP is 7-bit, so it would pass as UTF-8 with escape codes in it
    if b"\x1b$" in data or b"\x1b(" in data:
        for enc in ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2004", "iso2022_jp_2"):
            text = _strict(data, enc)
            if text is not None:
                return text
    # 3. strict UTF-8 (with or without BOM)
    text = _strict(data, "utf-8-sig")
    if text is not None:
        return text
    # 4. strict cp932, unless the result looks like EUC-JP decoded as cp932
    text = _strict(data, "cp932")
    if text is not None:
        if _mojibake_score(text) < 0.3:
            return text
        euc = _strict(data, "euc_jp") or _strict(data, "euc_jis_2004")
        if euc is not None and _mojibake_score(euc) < _mojibake_score(text):
            return euc
    # 5. let charset-normalizer guess (EUC-JP, UTF-16 without BOM, …)
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a declared dependency
        best = None
    else:
        best = from_bytes(data).best()
    if best is not None:
        try:
            return str(best)
        except (UnicodeDecodeError, LookupError):
            pass
    return text  # the cp932 reading if there was one, else None


def decode_text(data: bytes, *, source: str = "入力") -> str:
    """Decode the bytes of a text file.

    Order: a UTF-16/32 byte order mark; ISO-2022-JP when the bytes hold its escape
    sequences (being 7-bit, it would otherwise pass as UTF-8 with escape codes in
    it); strict UTF-8 (BOM allowed); strict cp932, unless the result is full of
    half-width katakana / private-use characters, the sign of EUC-JP read as cp932,
    and strict EUC-JP reads better; then charset-normalizer.  Raises InputError for empty or
    whitespace-only input and for binary data (NUL bytes, many control
    characters, undecodable bytes).  Newlines become ``\\n``; nothing else changes.
    """
    name = _display_name(source)
    if not data:
        raise _fail(f"「{name}」は空のファイルです。", f"'{name}' is empty.")
    text = _decode(bytes(data))
    if text is None or _looks_binary(text):
        raise _fail(
            f"「{name}」は文字として読めません（バイナリファイルか、未対応の文字コードです）。",
            f"'{name}' is not readable text (binary data or an unknown encoding).",
            hint="  UTF-8 または Shift_JIS のテキストで保存し直してください。"
            " / Save it as UTF-8 or Shift_JIS text.",
        )
    text = _normalise_newlines(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise _fail(
            f"「{name}」には文字がありません（空白だけです）。",
            f"'{name}' contains only whitespace.",
        )
    return text


# ---------------------------------------------------------------------------
# .docx
# ---------------------------------------------------------------------------
def _docx_damaged(name: str) -> InputError:
    return _fail(
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
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > DOCX_MAX_MEMBERS:
                raise _fail(
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
                    raise _fail(
                        f"「{name}」は異常に高い圧縮率のデータを含むため開けません（zip 爆弾の疑い）。",
                        f"'{name}' contains a member with an abnormal compression ratio "
                        "(suspected zip bomb).",
                    )
            if total > DOCX_MAX_UNCOMPRESSED:
                raise _fail(
                    f"「{name}」は展開後のサイズが大きすぎます"
                    f"（{_mb(total)} MB、上限 {_mb(DOCX_MAX_UNCOMPRESSED)} MB）。",
                    f"'{name}' is too large when uncompressed "
                    f"({_mb(total)} MB > {_mb(DOCX_MAX_UNCOMPRESSED)} MB).",
                )
            if "word/document.xml" not in zf.namelist():
                raise _docx_damaged(name)
            if zf.testzip() is not None:  # CRC of every member
                raise _docx_damaged(name)
    except InputError:
        raise
    except Exception:  # BadZipFile, zlib.error, EOFError, NotImplementedError (method), …
        raise _docx_damaged(name) from None


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


def _read_docx(data: bytes, name: str) -> str:
    _check_docx_zip(data, name)
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
    text = _normalise_newlines("\n".join(lines))
    if not text.strip():
        raise _fail(
            f"「{name}」には本文の文字がありません。",
            f"'{name}' contains no text.",
            hint="  文字が画像やテキストボックスだけにある場合は読めません。"
            " / Text inside images or text boxes cannot be read.",
        )
    return text


# ---------------------------------------------------------------------------
# .pdf
# ---------------------------------------------------------------------------
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
    text = _normalise_newlines(raw)
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
    return _fail(
        f"「{name}」は壊れているか、PDF として読めません。",
        f"'{name}' is damaged or not a readable PDF.",
    )


def _read_pdf(data: bytes, name: str) -> str:
    import warnings

    try:
        import pypdf
    except ImportError:  # pragma: no cover - declared dependency
        raise _fail("PDF を読むための pypdf がありません。", "pypdf is not installed.") from None

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
                    raise _fail(
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
            raise _fail(
                f"「{name}」はページ数が多すぎます（{n_pages} ページ、上限 {PDF_MAX_PAGES} ページ）。",
                f"'{name}' has too many pages ({n_pages} > {PDF_MAX_PAGES}).",
            )

        pages: list[str] = []
        total_chars = 0
        for i in range(n_pages):
            if time.monotonic() - started > PDF_MAX_SECONDS:
                raise _fail(
                    f"「{name}」の文字の取り出しに時間がかかりすぎたため中止しました。",
                    f"Reading '{name}' took too long and was stopped.",
                )
            try:
                raw = reader.pages[i].extract_text() or ""
            except Exception:
                raise _fail(
                    f"「{name}」の {i + 1} ページ目が壊れていて読めません。",
                    f"Page {i + 1} of '{name}' is damaged.",
                ) from None
            total_chars += len(raw)
            if total_chars > PDF_MAX_CHARS:
                raise _fail(
                    f"「{name}」の文字数が多すぎます。",
                    f"'{name}' contains too much text.",
                )
            pages.append(_clean_pdf_page(raw))

    # Join over the whole document, so that a sentence that runs over a page
    # break is joined too (a page number in a footer ends no sentence and stops it).
    lines = "\n".join(p for p in pages if p.strip()).split("\n")
    text = "\n".join(_join_broken_lines(lines))
    if not text.strip():
        raise _fail(
            f"「{name}」から文字を取り出せません。スキャンした画像の PDF のようです。",
            f"No text could be extracted from '{name}'; it looks like a scanned PDF.",
            hint="  文字を選択できる PDF（OCR 済み）か、Word・テキストのファイルを使ってください。"
            " / Use a PDF with selectable text (OCR), or a Word or text file.",
        )
    return text


# ---------------------------------------------------------------------------
# dispatch
# ---------------------------------------------------------------------------
def _wrong_content(name: str, actual: str) -> InputError:
    ja, en = {
        "zip": ("Word (.docx) などの圧縮形式のファイル", "a Word (.docx) or other zip file"),
        "pdf": ("PDF ファイル", "a PDF file"),
        "ole": ("古い Word (.doc) などの Office ファイル", "a legacy Office (.doc) file"),
    }[actual]
    right = {"zip": ".docx", "pdf": ".pdf", "ole": ".docx"}[actual]
    return _fail(
        f"「{name}」は拡張子と中身が合いません。中身は{ja}です。",
        f"'{name}' does not match its extension: it is {en}.",
        hint=f"  正しい拡張子（{right}）で保存し直してください。"
        f" / Save it with the right extension ({right}).",
    )


def _legacy_doc(name: str, *, maybe_encrypted: bool) -> InputError:
    ja = f"「{name}」は古い Word 形式 (.doc) のファイルで、読めません。"
    en = f"'{name}' is a legacy Word (.doc) file, which cannot be read."
    if maybe_encrypted:
        ja = f"「{name}」は古い Word 形式 (.doc) か、パスワード付きの Word ファイルで、読めません。"
        en = f"'{name}' is a legacy .doc or a password-protected Word file, which cannot be read."
    return _fail(
        ja,
        en,
        hint="  Word で開き、「名前を付けて保存」で「Word 文書 (*.docx)」を選んで保存してください"
        "（パスワードは外してください）。"
        " / Open it in Word and use Save As → Word Document (*.docx), without a password.",
    )


def read_document(data: bytes, filename: str, *, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """Return the text of an uploaded document (``.txt``, ``.md``, ``.docx``, ``.pdf``).

    ``filename`` decides the reader (case-insensitive suffix) and appears in every
    error message; the bytes are sniffed as well, so a PDF renamed to ``.txt`` gets
    a clear message instead of garbage.  Raises :class:`InputError` for every
    problem the user can fix.
    """
    name = _display_name(filename)
    suffix = _suffix(name)
    data = bytes(data) if not isinstance(data, bytes) else data

    if suffix not in SUPPORTED_SUFFIXES:
        if suffix == ".doc":
            raise _legacy_doc(name, maybe_encrypted=False)
        what = f"拡張子「{suffix}」" if suffix else "拡張子のないファイル"
        what_en = f"'{suffix}' files" if suffix else "files without an extension"
        raise _fail(
            f"「{name}」は読めない種類のファイルです（{what}）。使えるのは {_SUPPORTED_LABEL} です。",
            f"'{name}': {what_en} are not supported; use {_SUPPORTED_LABEL_EN}.",
        )
    if len(data) > max_bytes:
        raise _fail(
            f"「{name}」は大きすぎます（{_mb(len(data))} MB、上限 {_mb(max_bytes)} MB）。",
            f"'{name}' is too large ({_mb(len(data))} MB; the limit is {_mb(max_bytes)} MB).",
        )
    if not data:
        raise _fail(f"「{name}」は空のファイルです。", f"'{name}' is empty.")

    actual = _sniff(data)
    if suffix == ".docx":
        if actual == "ole":
            raise _legacy_doc(name, maybe_encrypted=True)
        if actual == "pdf":
            raise _wrong_content(name, "pdf")
        if actual != "zip":
            raise _docx_damaged(name)
        return _read_docx(data, name)
    if suffix == ".pdf":
        if actual == "pdf":
            return _read_pdf(data, name)
        if actual is not None:
            raise _wrong_content(name, actual)
        raise _fail(
            f"「{name}」は PDF ファイルではありません（PDF の先頭の印 %PDF- がありません）。",
            f"'{name}' is not a PDF file (no %PDF- header).",
        )
    # .txt / .md
    if actual is not None:
        raise _wrong_content(name, actual)
    other = _other_magic(data)
    if other is not None:
        raise _fail(
            f"「{name}」はテキストではなく{other[0]}です。",
            f"'{name}' is not text but {other[1]}.",
        )
    return decode_text(data, source=name)


def read_path(path, *, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """Read a document from disk with :func:`read_document` (the CLI's ``--add``).

    A missing file, a directory, a non-regular file or an unreadable one raises
    :class:`InputError`, never an OSError traceback.
    """
    p = Path(os.fsdecode(path)) if not isinstance(path, Path) else path
    name = p.name or str(p)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise _fail(f"ファイル「{p}」が見つかりません。", f"file '{p}' not found.") from None
    except PermissionError:
        raise _fail(
            f"ファイル「{p}」を読む権限がありません。", f"no permission to read '{p}'."
        ) from None
    except OSError as exc:
        raise _fail(
            f"ファイル「{p}」を開けません（{exc.strerror or exc}）。",
            f"cannot open '{p}' ({exc.strerror or exc}).",
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise _fail(
            f"「{p}」はフォルダです。ファイルを指定してください。",
            f"'{p}' is a directory, not a file.",
        )
    if not stat.S_ISREG(st.st_mode):
        raise _fail(f"「{p}」は通常のファイルではありません。", f"'{p}' is not a regular file.")
    if st.st_size > max_bytes:
        raise _fail(
            f"「{name}」は大きすぎます（{_mb(st.st_size)} MB、上限 {_mb(max_bytes)} MB）。",
            f"'{name}' is too large ({_mb(st.st_size)} MB; the limit is {_mb(max_bytes)} MB).",
        )
    try:
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise _fail(
            f"ファイル「{p}」を読む権限がありません。", f"no permission to read '{p}'."
        ) from None
    except OSError as exc:
        raise _fail(
            f"ファイル「{p}」を読めません（{exc.strerror or exc}）。",
            f"cannot read '{p}' ({exc.strerror or exc}).",
        ) from None
    return read_document(data, name, max_bytes=max_bytes)
