"""Read an uploaded or added policy document into plain text.

Supported: plain text (``.txt`` / ``.md``, in UTF-8, Shift_JIS/cp932, EUC-JP,
ISO-2022-JP or UTF-16/32 with a BOM), Word (``.docx``) and PDF with selectable
text (``.pdf``): one module per format (:mod:`.text`, :mod:`.word`, :mod:`.pdf`),
chosen by the suffix through :mod:`.registry`.  Everything works on bytes in
memory: drafts may be confidential, so nothing is ever written to disk.

The same bounds hold for every format: at most :data:`MAX_UPLOAD_BYTES` of input
and at most :data:`MAX_CHARS` characters of text out.  Every problem a user can
cause (empty, binary, too large, wrong type, damaged, zip bomb, scanned PDF,
legacy ``.doc``, …) raises :class:`~snscompare.errors.InputError` with a message
in Japanese first, an English gloss after `` / ``, and the file name.

The text is returned as decoded, with newlines normalised to ``\\n``; no NFKC is
applied (the parser needs the original characters such as （１） and ①), except for
the radicals that PDF extraction yields (see :mod:`.pdf`).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .common import MAX_CHARS, MAX_UPLOAD_BYTES, display_name, fail, legacy_doc, mb, suffix_of, \
    too_many_characters
from .registry import READERS, SUPPORTED_LABEL, SUPPORTED_LABEL_EN, SUPPORTED_SUFFIXES, reader_for
from .text import decode_text

__all__ = [
    "MAX_CHARS",
    "MAX_UPLOAD_BYTES",
    "READERS",
    "SUPPORTED_SUFFIXES",
    "decode_text",
    "read_document",
    "read_path",
]


def read_document(data: bytes, filename: str, *, max_bytes: int = MAX_UPLOAD_BYTES,
                  max_chars: int = MAX_CHARS) -> str:
    """Return the text of an uploaded document (``.txt``, ``.md``, ``.docx``, ``.pdf``).

    ``filename`` decides the reader (case-insensitive suffix) and appears in every
    error message; the bytes are sniffed as well, so a PDF renamed to ``.txt`` gets
    a clear message instead of garbage.  Raises :class:`InputError` for every
    problem the user can fix, including more than ``max_bytes`` of input or more
    than ``max_chars`` characters of text.
    """
    name = display_name(filename)
    suffix = suffix_of(name)
    data = bytes(data) if not isinstance(data, bytes) else data

    reader = reader_for(suffix)
    if reader is None:
        if suffix == ".doc":
            raise legacy_doc(name, maybe_encrypted=False)
        what = f"拡張子「{suffix}」" if suffix else "拡張子のないファイル"
        what_en = f"'{suffix}' files" if suffix else "files without an extension"
        raise fail(
            f"「{name}」は読めない種類のファイルです（{what}）。使えるのは {SUPPORTED_LABEL} です。",
            f"'{name}': {what_en} are not supported; use {SUPPORTED_LABEL_EN}.",
        )
    if len(data) > max_bytes:
        raise fail(
            f"「{name}」は大きすぎます（{mb(len(data))} MB、上限 {mb(max_bytes)} MB）。",
            f"'{name}' is too large ({mb(len(data))} MB; the limit is {mb(max_bytes)} MB).",
        )
    if not data:
        raise fail(f"「{name}」は空のファイルです。", f"'{name}' is empty.")
    text = reader.read(data, name, max_chars)
    if len(text) > max_chars:  # every reader checks; this holds whatever a new one does
        raise too_many_characters(name, max_chars)
    return text


def _os_error(p: Path, exc: OSError, ja_verb: str, en_verb: str) -> InputError:
    """The message for a file the system would not let us open or read."""
    if isinstance(exc, PermissionError):
        return fail(f"ファイル「{p}」を読む権限がありません。", f"no permission to read '{p}'.")
    return fail(f"ファイル「{p}」を{ja_verb}ません（{exc.strerror or exc}）。",
                f"cannot {en_verb} '{p}' ({exc.strerror or exc}).")


def read_path(path, *, max_bytes: int = MAX_UPLOAD_BYTES, max_chars: int = MAX_CHARS) -> str:
    """Read a document from disk with :func:`read_document` (the CLI's ``--add``).

    A missing file, a directory, a non-regular file or an unreadable one raises
    :class:`InputError`, never an OSError traceback.
    """
    p = Path(os.fsdecode(path)) if not isinstance(path, Path) else path
    name = p.name or str(p)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise fail(f"ファイル「{p}」が見つかりません。", f"file '{p}' not found.") from None
    except OSError as exc:
        raise _os_error(p, exc, "開け", "open") from None
    if stat.S_ISDIR(st.st_mode):
        raise fail(
            f"「{p}」はフォルダです。ファイルを指定してください。",
            f"'{p}' is a directory, not a file.",
        )
    if not stat.S_ISREG(st.st_mode):
        raise fail(f"「{p}」は通常のファイルではありません。", f"'{p}' is not a regular file.")
    if st.st_size > max_bytes:
        raise fail(
            f"「{name}」は大きすぎます（{mb(st.st_size)} MB、上限 {mb(max_bytes)} MB）。",
            f"'{name}' is too large ({mb(st.st_size)} MB; the limit is {mb(max_bytes)} MB).",
        )
    try:
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise _os_error(p, exc, "読め", "read") from None
    return read_document(data, name, max_bytes=max_bytes, max_chars=max_chars)
