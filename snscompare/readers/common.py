"""What every reader shares: the limits, the file name as shown in messages, the
sniffing of what bytes really are, and the messages for a file of the wrong kind.

Every message is Japanese first, an English gloss after `` / ``, and names the file.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..errors import InputError, bilingual

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # default size limit, 10 MiB
# The most characters any reader returns, the same for every format.  Ten megabytes of
# Japanese text hold 3.5 million characters in UTF-8 and 5.2 million in Shift_JIS; a
# policy holds a few tens of thousands.  Without a bound on characters, a .docx far
# under the size limit could hold three times what a 10 MB .txt can (its XML is
# compressed), and everything after reading costs in proportion to the characters.
MAX_CHARS = 5_000_000

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


@dataclass(frozen=True)
class Reader:
    """One format: the suffixes it is chosen by, its name in messages, and the function
    that turns the bytes into text (``read(data, name, max_chars)``; it checks that the
    bytes are of its kind and raises :class:`InputError` for anything a user can fix)."""

    suffixes: tuple[str, ...]
    label_ja: str
    read: Callable[[bytes, str, int], str]

    @property
    def label_en(self) -> str:
        return ", ".join(self.suffixes)


def display_name(filename) -> str:
    """The bare file name (uploads from Windows may carry a backslash path)."""
    name = str(filename).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return name or str(filename)


def suffix_of(name: str) -> str:
    base = display_name(name)
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def mb(n: int) -> str:
    """Size in MB (MiB) with at most one decimal, rounded up so that a size just
    over a limit never prints as the limit itself."""
    tenths = -(-n * 10 // (1024 * 1024))
    return f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths / 10:.1f}"


def fail(ja: str, en: str, *, hint: str | None = None) -> InputError:
    return InputError(f"{ja} / {en}", hint=hint)


def too_many_characters(name: str, max_chars: int) -> InputError:
    """The character cap of every reader (:data:`MAX_CHARS`)."""
    return InputError(bilingual("read_too_many_chars", name=name, limit=f"{max_chars:,}"),
                      hint="  " + bilingual("read_too_many_chars_hint"))


def sniff(data: bytes) -> str | None:
    """What the bytes really are, judged by magic numbers: 'zip', 'pdf', 'ole' or None."""
    if data.startswith(_ZIP_MAGICS):
        return "zip"
    if b"%PDF-" in data[:1024]:  # readers accept a header anywhere in the first 1 KiB
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    return None


def other_magic(data: bytes):
    """(Japanese, English) name of an image or archive, or None."""
    for magic, ja, en in _OTHER_MAGICS:
        if data.startswith(magic):
            return ja, en
    return None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def wrong_content(name: str, actual: str) -> InputError:
    ja, en = {
        "zip": ("Word (.docx) などの圧縮形式のファイル", "a Word (.docx) or other zip file"),
        "pdf": ("PDF ファイル", "a PDF file"),
        "ole": ("古い Word (.doc) などの Office ファイル", "a legacy Office (.doc) file"),
    }[actual]
    right = {"zip": ".docx", "pdf": ".pdf", "ole": ".docx"}[actual]
    return fail(
        f"「{name}」は拡張子と中身が合いません。中身は{ja}です。",
        f"'{name}' does not match its extension: it is {en}.",
        hint=f"  正しい拡張子（{right}）で保存し直してください。"
        f" / Save it with the right extension ({right}).",
    )


def legacy_doc(name: str, *, maybe_encrypted: bool) -> InputError:
    ja = f"「{name}」は古い Word 形式 (.doc) のファイルで、読めません。"
    en = f"'{name}' is a legacy Word (.doc) file, which cannot be read."
    if maybe_encrypted:
        ja = f"「{name}」は古い Word 形式 (.doc) か、パスワード付きの Word ファイルで、読めません。"
        en = f"'{name}' is a legacy .doc or a password-protected Word file, which cannot be read."
    return fail(
        ja,
        en,
        hint="  Word で開き、「名前を付けて保存」で「Word 文書 (*.docx)」を選んで保存してください"
        "（パスワードは外してください）。"
        " / Open it in Word and use Save As → Word Document (*.docx), without a password.",
    )
