"""Which reader reads which file: one entry per format, chosen by the file name's
suffix (case-insensitive).  Adding a format is one module with a
:class:`~snscompare.readers.common.Reader` and one line here."""
from __future__ import annotations

from .common import Reader
from .pdf import PDF
from .text import TEXT
from .word import WORD

READERS: tuple[Reader, ...] = (TEXT, WORD, PDF)
BY_SUFFIX: dict[str, Reader] = {s: r for r in READERS for s in r.suffixes}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(BY_SUFFIX)
SUPPORTED_LABEL = "、".join(r.label_ja for r in READERS)
SUPPORTED_LABEL_EN = ", ".join(SUPPORTED_SUFFIXES)


def reader_for(suffix: str) -> Reader | None:
    return BY_SUFFIX.get(suffix.lower())
