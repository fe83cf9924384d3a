"""Plain text (``.txt``, ``.md``): UTF-8, Shift_JIS/cp932, EUC-JP, ISO-2022-JP or
UTF-16/32 with a byte order mark.  The text is returned as decoded, newlines
normalised to ``\\n``; nothing else changes (the parser needs （１） and ① as written).
"""
from __future__ import annotations

import codecs
import re

from .common import Reader, display_name, fail, normalise_newlines, other_magic, sniff, too_many_characters, \
    wrong_content

# --- binary detection for text files ---
_MAX_CONTROL_SHARE = 0.02  # share of control characters above which text is "binary"

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
    name = display_name(source)
    if not data:
        raise fail(f"「{name}」は空のファイルです。", f"'{name}' is empty.")
    text = _decode(bytes(data))
    if text is None or _looks_binary(text):
        raise fail(
            f"「{name}」は文字として読めません（バイナリファイルか、未対応の文字コードです）。",
            f"'{name}' is not readable text (binary data or an unknown encoding).",
            hint="  UTF-8 または Shift_JIS のテキストで保存し直してください。"
            " / Save it as UTF-8 or Shift_JIS text.",
        )
    text = normalise_newlines(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise fail(
            f"「{name}」には文字がありません（空白だけです）。",
            f"'{name}' contains only whitespace.",
        )
    return text


def read_text(data: bytes, name: str, max_chars: int) -> str:
    """A ``.txt`` / ``.md`` file: refused when the bytes are a Word file, a PDF, an
    image or an archive; decoded otherwise."""
    actual = sniff(data)
    if actual is not None:
        raise wrong_content(name, actual)
    other = other_magic(data)
    if other is not None:
        raise fail(
            f"「{name}」はテキストではなく{other[0]}です。",
            f"'{name}' is not text but {other[1]}.",
        )
    text = decode_text(data, source=name)
    if len(text) > max_chars:
        raise too_many_characters(name, max_chars)
    return text


TEXT = Reader((".txt", ".md"), "テキスト (.txt)、Markdown (.md)", read_text)
