"""Normalized copies of clause text, for matching only.

The verbatim text of a clause is never changed (see :mod:`snscompare.parser`);
everything here makes *copies*:

* :func:`clean_text` removes conversion artefacts (``[bookmark: _GoBack]``, HTML
  anchors, markdown bullets and bold marks) but keeps the original characters and
  widths: this is the text a drafter copies.
* :func:`normalize_text` is what the aligner compares: NFKC (full-width digits and
  brackets, half-width kana, PDF radicals such as ⽤ → 用), words split by PDF
  extraction joined again (``管理 責任者`` → ``管理責任者``, ``htt ps://`` →
  ``https://``), whitespace collapsed, ASCII lower-cased.
* :func:`lemma_text` goes one step further with SudachiPy's normalized forms, which
  merge spelling variants (誹謗/ひぼう, 又は/または, 漏洩/漏えい, 取扱い/取り扱い):
  clause similarity works on this form; the cue matcher can (``matcher`` in
  ``data/taxonomy.yaml``, where the measured choice is explained).
"""
from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
_ANCHOR = re.compile(r"<a\s[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
# Only the markup that conversion to text leaves behind (links); any other tag a
# document contains is its text and is shown literally.
_TAG = re.compile(r"</?(?:a|span|font)(?:\s[^>\n]{0,200})?>", re.IGNORECASE)
_BOLD = re.compile(r"\*\*|__")
_BULLET = re.compile(r"(?m)^[ \t\u3000]*(?:[-*+・][ \t\u3000]+)+")
_MD_HEADING = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+")
# A page number line left by PDF extraction: "－ ３ －", "- 12 -", "— 3 —".
_PAGE_MARK = re.compile(r"(?m)^[ \t\u3000]*[-－‐―—–][ \t\u3000]*[0-9０-９]{1,3}[ \t\u3000]*[-－‐―—–][ \t\u3000]*$")

# A CJK character: kanji, kana, full-width punctuation and the iteration marks.
_CJK = r"\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60々〆ヵヶ"
_SPLIT_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+(?=[{_CJK}])")
_SPLIT_URL = re.compile(r"h\s?t\s?t\s?p(\s?s)?\s?:\s?/\s?/", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u3000\r\n]+")


def clean_text(text: str) -> str:
    """Text as a reader sees it: artefacts and markup removed, characters kept."""
    # Each pattern is tried only when a character it needs is there: most
    # clauses have no markup, and the parser cleans every clause and title.
    if "[bookmark:" in text:
        text = _BOOKMARK.sub("", text)
    if "<" in text:
        text = _ANCHOR.sub(lambda m: m.group(1), text)
        text = _TAG.sub("", text)
    if "**" in text or "__" in text:
        text = _BOLD.sub("", text)
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    text = _PAGE_MARK.sub("", text)  # before bullets: "- 12 -" is not a bullet
    if "-" in text or "*" in text or "+" in text or "・" in text:
        text = _BULLET.sub("", text)
    return text.strip()


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def join_split_words(text: str) -> str:
    """Undo the spaces PDF extraction puts inside words (``管理 責任者``)."""
    text = _SPLIT_URL.sub(lambda m: "https://" if m.group(1) else "http://", text)
    return _SPLIT_CJK.sub("", text)


def normalize_text(text: str) -> str:
    """The matching copy of a text (see module docstring)."""
    text = nfkc(clean_text(text))
    text = join_split_words(text)
    text = _SPACES.sub(" ", text).strip()
    # A second pass: NFKC turned full-width spaces into ASCII ones, which may
    # now separate two CJK characters.
    text = _SPLIT_CJK.sub("", text)
    return text.lower()


# --- SudachiPy -----------------------------------------------------------------

_local = threading.local()


@lru_cache(maxsize=1)
def _dictionary():
    from sudachipy import Dictionary  # imported lazily: ~0.8 s to load

    return Dictionary(dict="core")


def _tokenizer():
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        tok = _dictionary().create()
        _local.tokenizer = tok
    return tok


# Sudachi refuses inputs over 49,149 bytes; clauses are far shorter, but a
# pasted draft without any structure may not be.
_SUDACHI_CHUNK = 4000


def lemmas(text: str) -> list[str]:
    """Sudachi normalized forms of the tokens of an already normalized text."""
    from sudachipy import SplitMode

    tok = _tokenizer()
    out: list[str] = []
    for i in range(0, len(text), _SUDACHI_CHUNK):
        chunk = text[i : i + _SUDACHI_CHUNK]
        out.extend(m.normalized_form() for m in tok.tokenize(chunk, SplitMode.C))
    return [t for t in out if t.strip()]


@lru_cache(maxsize=65536)
def lemma_text(text: str) -> str:
    """Normalized forms joined without spaces: the cue matcher's haystack.

    ``text`` must already be :func:`normalize_text` output.  Joined without
    separators so that a cue is found by plain substring search whatever the
    tokenizer did at its edges.
    """
    if not text:
        return ""
    return "".join(lemmas(text))
