"""Test documents, good and broken, made by code (deterministic, nothing on disk).

Each function returns the bytes of one file.  The expected texts are module
constants so that tests can compare real values.
"""
from __future__ import annotations

import functools
import io
import random
import struct
import zlib
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "policies"

# --- text used in the fixtures --------------------------------------------
JAPANESE_TEXT = (
    "小諸市ソーシャルメディア運用ポリシー\n"
    "(２) 特定の個人・団体等を誹謗中傷するもの\n"
    # NEC/IBM extensions and characters that other Shift_JIS tables map differently
    # (cp932 reads 0x8160 as ～ U+FF5E and 0x817C as － U+FF0D)
    "（１）①～⑳ Ⅰ 髙橋 﨑 － ー ｶﾀｶﾅ ㈱ №\n"
    "当市は、予告なく本ポリシーを変更することがあります。\n"
)

DOCX_PARAGRAPHS_BEFORE = [
    "小諸市ソーシャルメディア運用ポリシー",
    "１　ご利用にあたって",
    "本ポリシーをご一読いただき、内容にご同意いただいた上でご利用ください。",
]
DOCX_TABLE = [
    ["アカウントID", "@komorocity"],
    ["運用者", "小諸市　企画課"],
]
DOCX_PARAGRAPHS_AFTER = [
    "２　定義",
    "(１) 利用者とは、SNS公式アカウントの閲覧または利用する方を指します。",
]


def komoro_section7() -> list[str]:
    """Section 7 of Komoro's policy (heading, intro, items (１)–(16)), blank lines dropped."""
    lines = (DATA / "komoro.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("７　"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("８　"))
    return [ln for ln in lines[start:end] if ln.strip()]


# PDF fonts often map 用 and 行 to Kangxi radicals; the reader must repair them.
PDF_RADICALS = {"用": "\u2f64", "行": "\u2f8f"}  # ⽤ ⾏
PDF_WRAP = 36  # characters per drawn line: longer lines are broken like a page would


# --- .docx ----------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def docx_from_text(text: str) -> bytes:
    """A Word file with one paragraph per line of ``text`` (drafts made from the real policies)."""
    import docx

    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_valid() -> bytes:
    import docx

    document = docx.Document()
    for text in DOCX_PARAGRAPHS_BEFORE:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate(DOCX_TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for text in DOCX_PARAGRAPHS_AFTER:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return _deterministic_zip(buf.getvalue())


DOCX_MERGED_LINES = ["見出し\t縦に結合", "左\t中\t"]


@functools.lru_cache(maxsize=None)
def docx_merged_cells() -> bytes:
    """A 2×3 table: row 0 has cells 0–1 merged; column 2 is merged over both rows."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "見出し"
    table.cell(0, 2).merge(table.cell(1, 2)).text = "縦に結合"
    table.cell(1, 0).text = "左"
    table.cell(1, 1).text = "中"
    buf = io.BytesIO()
    document.save(buf)
    return _deterministic_zip(buf.getvalue())


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so the bytes are the same on every run."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def docx_truncated() -> bytes:
    data = docx_valid()
    return data[: len(data) // 2]


def docx_corrupted() -> bytes:
    data = bytearray(docx_valid())
    mid = len(data) // 2
    for i in range(mid - 32, mid + 32):
        data[i] ^= 0xFF
    return bytes(data)


def docx_without_document_xml() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("[Content_Types].xml", (2024, 1, 1, 0, 0, 0)), "<Types/>")
        zf.writestr(zipfile.ZipInfo("word/other.xml", (2024, 1, 1, 0, 0, 0)), "<x/>")
    return out.getvalue()


def docx_too_many_members(n: int = 2001) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(zipfile.ZipInfo("word/document.xml", (2024, 1, 1, 0, 0, 0)), "<x/>")
        for i in range(n):
            zf.writestr(zipfile.ZipInfo(f"word/media/f{i}.bin", (2024, 1, 1, 0, 0, 0)), b"")
    return out.getvalue()


ZIP_BOMB_SIZE = 1 << 30  # 1 GiB of zeros once inflated


def _zip_entry(name: str, method: int, crc: int, csize: int, usize: int, offset: int):
    """Local header and central-directory record for one member (no zip64 needed < 4 GiB)."""
    fname = name.encode("ascii")
    dos_time, dos_date = 0, (2024 - 1980) << 9 | 1 << 5 | 1
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, method, dos_time, dos_date,
        crc, csize, usize, len(fname), 0,
    ) + fname
    central = struct.pack(
        "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, dos_time, dos_date,
        crc, csize, usize, len(fname), 0, 0, 0, 0, 0, offset,
    ) + fname
    return local, central


@functools.lru_cache(maxsize=None)
def docx_zip_bomb() -> bytes:
    """A .docx-looking zip whose media member inflates to 1 GiB of zeros (~1 MB on disk).

    The deflate stream is built without ever holding a gigabyte: one 1 MiB block
    of zeros is compressed with a full flush (a self-contained, byte-aligned run of
    non-final blocks), repeated 1024 times, and closed with an empty final block.
    """
    chunk = 1 << 20
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = co.compress(bytes(chunk)) + co.flush(zlib.Z_FULL_FLUSH)
    repeats = ZIP_BOMB_SIZE // chunk
    stream = segment * repeats + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    zeros = bytes(chunk)
    for _ in range(repeats):
        crc = zlib.crc32(zeros, crc)

    doc_xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>bomb</w:t></w:r></w:p></w:body></w:document>"
    )
    members = [
        ("word/document.xml", 0, zlib.crc32(doc_xml), doc_xml, len(doc_xml)),
        ("word/media/image1.bin", 8, crc, stream, ZIP_BOMB_SIZE),
    ]
    out = io.BytesIO()
    centrals = []
    for name, method, mcrc, payload, usize in members:
        local, central = _zip_entry(name, method, mcrc, len(payload), usize, out.tell())
        out.write(local)
        out.write(payload)
        centrals.append(central)
    cd_offset = out.tell()
    for central in centrals:
        out.write(central)
    cd_size = out.tell() - cd_offset
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                          cd_size, cd_offset, 0))
    return out.getvalue()


def doc_ole_header() -> bytes:
    """The start of a legacy Word .doc (OLE2 compound file)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\xec\xa5\xc1\x00" * 16


# --- .pdf -----------------------------------------------------------------
def _canvas():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    return buf, canvas.Canvas(buf, invariant=1)


def _wrap(line: str, width: int) -> list[str]:
    return [line[i : i + width] for i in range(0, len(line), width)] or [""]


def pdf_drawn_lines(radicals: bool = True) -> list[str]:
    """The lines as drawn in :func:`pdf_policy`: section 7 broken every PDF_WRAP characters."""
    drawn = []
    for line in komoro_section7():
        if radicals:
            for normal, radical in PDF_RADICALS.items():
                line = line.replace(normal, radical)
        drawn.extend(_wrap(line, PDF_WRAP))
    return drawn


@functools.lru_cache(maxsize=None)
def pdf_policy(radicals: bool = True) -> bytes:
    """Japanese PDF (CID font HeiseiMin-W3) with section 7 of Komoro's policy.

    Long lines are broken mid-sentence as a page would; 用 and 行 are drawn as Kangxi
    radicals (as many PDF fonts extract) when ``radicals``.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    buf, c = _canvas()
    c.setFont("HeiseiMin-W3", 10.5)
    y = 800
    for line in pdf_drawn_lines(radicals):
        c.drawString(50, y, line)
        y -= 16
        if y < 60:
            c.showPage()
            c.setFont("HeiseiMin-W3", 10.5)
            y = 800
    c.showPage()
    c.save()
    return buf.getvalue()


PAGE_BREAK_LINES = [  # one sentence of Komoro's section 7 running over a page break
    "利用者がSNS公式アカウントに関して以下に該当する、またはその恐れのある行為を含む",
    "投稿を行った場合、当市は利用者への事前または事後の通知を行うことなく、利用者の",
    # ---- page break, with 「- 1 -」 at the foot of page 1 and 「2/2」 at the top of page 2
    "投稿を削除したり、利用者のアカウントを一時的または永続的にブロックしたりするなど",
    "適当な措置を行う場合があります。",
    "(１) 法律、法令等に違反する内容、または違反するおそれがあるもの",
]


@functools.lru_cache(maxsize=None)
def pdf_page_break() -> bytes:
    """Two pages with page numbers; a sentence runs from page 1 onto page 2."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    buf, c = _canvas()
    for number, lines in ((1, PAGE_BREAK_LINES[:2]), (2, PAGE_BREAK_LINES[2:])):
        c.setFont("HeiseiMin-W3", 10.5)
        if number == 2:
            c.drawString(500, 820, "2/2")
        y = 780
        for line in lines:
            c.drawString(50, y, line)
            y -= 16
        if number == 1:
            c.drawString(290, 30, "- 1 -")
        c.showPage()
    c.save()
    return buf.getvalue()


def _pdf_encrypted(user_password: str) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    buf = io.BytesIO()
    encryption = StandardEncryption(user_password, ownerPassword="owner-secret", canModify=0)
    c = canvas.Canvas(buf, invariant=1, encrypt=encryption)
    c.setFont("HeiseiMin-W3", 10.5)
    c.drawString(50, 800, ENCRYPTED_PDF_LINE)
    c.showPage()
    c.save()
    return buf.getvalue()


ENCRYPTED_PDF_LINE = "(２) 特定の個人・団体等を誹謗中傷するもの"


def pdf_password_protected() -> bytes:
    """Opening needs a password."""
    return _pdf_encrypted("open-secret")


def pdf_owner_password_only() -> bytes:
    """Encrypted with permissions only: opens without a password, as in any viewer."""
    return _pdf_encrypted("")


@functools.lru_cache(maxsize=None)
def pdf_no_text() -> bytes:
    """A PDF like a scanned page: a drawing and no text at all."""
    buf, c = _canvas()
    c.rect(100, 400, 300, 200, stroke=1, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def pdf_not_really() -> bytes:
    """Plain text saved with a .pdf suffix."""
    return "これは PDF ではありません。\n".encode("utf-8")


def pdf_truncated() -> bytes:
    data = pdf_policy()
    return data[: len(data) // 3]


# --- text -----------------------------------------------------------------
def empty() -> bytes:
    return b""


def whitespace_only() -> bytes:
    return " \n\t\u3000\r\n".encode("utf-8")


def random_binary(n: int = 4096) -> bytes:
    rng = random.Random(42)
    return bytes(rng.randrange(256) for _ in range(n))


def random_binary_without_nul(n: int = 4096) -> bytes:
    rng = random.Random(42)
    return bytes(rng.randrange(1, 256) for _ in range(n))


def text_cp932() -> bytes:
    return JAPANESE_TEXT.replace("\n", "\r\n").encode("cp932")


def text_utf8_bom() -> bytes:
    return b"\xef\xbb\xbf" + JAPANESE_TEXT.encode("utf-8")


def text_utf16() -> bytes:
    return JAPANESE_TEXT.encode("utf-16")  # with a BOM


EUC_TEXT = "小諸市ソーシャルメディア運用ポリシー\n特定の個人・団体等を誹謗中傷するもの\n"


def text_euc_jp() -> bytes:
    return EUC_TEXT.encode("euc_jp")


def text_iso2022_jp() -> bytes:
    return EUC_TEXT.encode("iso2022_jp")


def text_oversized(size: int = 10 * 1024 * 1024 + 1) -> bytes:
    line = "当市は、本ポリシーを予告なしに変更することがあります。\n".encode("utf-8")
    return (line * (size // len(line) + 1))[:size]


def text_with_nul() -> bytes:
    return "利用者の投稿\x00について\n".encode("utf-8") + b"\x00\x00\x00"


LONG_LINE_SENTENCE = "利用者の投稿を削除することがあります。"
LONG_LINE_BYTES = 1024 * 1024  # one line of at least 1 MiB


def long_line_text() -> str:
    unit = len(LONG_LINE_SENTENCE.encode("utf-8"))
    return LONG_LINE_SENTENCE * (LONG_LINE_BYTES // unit + 1)


def text_long_line() -> bytes:
    return long_line_text().encode("utf-8")


def docx_with_characters(n_chars: int) -> bytes:
    """A well-formed Word file whose body holds more than ``n_chars`` characters of the
    real policies' lines (each numbered, so the text does not repeat exactly and
    compresses like a long document, far below the zip-bomb ratio)."""
    import zipfile
    from xml.sax.saxutils import escape

    lines = [ln for p in sorted(DATA.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()
             if ln.strip()]
    paragraphs, n, k = [], 0, 0
    while n <= n_chars:
        line = f"{k} {lines[k % len(lines)]}"
        paragraphs.append(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(line)}</w:t></w:r></w:p>")
        n += len(line) + 1
        k += 1
    body = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + "".join(paragraphs) + "</w:body></w:document>").encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_valid())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, body if info.filename == "word/document.xml" else src.read(info.filename))
    return out.getvalue()
