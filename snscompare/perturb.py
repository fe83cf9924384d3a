"""The same policy in another layout: content-preserving rewrites of a labelled text.

Published policies reach the product in layouts nobody chose for it: a PDF flattened
to one line or broken every thirty characters, items numbered where another body
bullets them, headings bracketed, numbered or bare, digits full-width or folded by
NFKC.  Each rewrite here changes the layout of a labelled excerpt and nothing a
reader would call its content, so its labels (topics covered, prohibited categories
by direction) still hold.  ``evaluate --mode layouts`` aligns every rewritten
excerpt and scores it against the unchanged labels: a drop tells which layouts the
parser and the aligner still depend on.

The rewrites that touch items and headings take their places from the labelled
structure (``structure:`` in ``data/gold/realworld/``), never from the parser, so a
parser error cannot hide itself.  Evaluation only: the product never imports this.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from .parser import detect_marker

# A labelled span: (start, end) offsets into the text.
Span = tuple[int, int]


@dataclass(frozen=True)
class Structure:
    """What a reader sees, as offsets into the original text."""

    headings: tuple[Span, ...] = ()
    lists: tuple[tuple[Span | None, tuple[Span, ...]], ...] = ()

    @classmethod
    def from_labels(cls, st: dict) -> "Structure":
        """From ``gold.realworld_structure`` (spans with ``start`` and ``end``)."""
        def span(s):
            return (s.start, s.end)
        return cls(tuple(span(s) for s in st["headings"]),
                   tuple((span(lead) if lead else None, tuple(span(s) for s in items)) for lead, items in st["lists"]))


_FULL = str.maketrans({**{chr(c): chr(c + 0xFEE0) for c in range(ord("0"), ord("9") + 1)},
                       "(": "（", ")": "）", ".": "．", ":": "：", "-": "－"})
_ADDRESS = re.compile(r"(?:https?[:;]//|www\.)[^\s　]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9._-]+|@[A-Za-z0-9_.]+")
_BULLET_PREFIX = re.compile(r"^[ \t\u3000]*[-*+・･•●○◯■□◆◇▪▫►▶▷➢✓◎][ \t\u3000]*")


def _line_at(text: str, start: int) -> tuple[int, int]:
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end


def _marker_prefix(line: str) -> int:
    """Length of the numbering or bullet at the start of ``line`` (0 if none)."""
    m = detect_marker(line)
    if m is not None and m.rest and line.endswith(m.rest):
        return len(line) - len(m.rest)
    b = _BULLET_PREFIX.match(line)
    return b.end() if b else 0


def _edit(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end) replaced; edits must not overlap."""
    out, pos = [], 0
    for start, end, new in sorted(edits):
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _item_starts(st: Structure) -> list[list[int]]:
    return [[s for s, _ in items] for _, items in st.lists if items]


def _heading_starts(st: Structure) -> list[int]:
    # a heading that is also an item (a list of headed entries) stays as it is
    items = {s for starts in _item_starts(st) for s in starts}
    return [s for s, _ in st.headings if s not in items]


# --- the rewrites ------------------------------------------------------------------


def flatten(text: str, st: Structure) -> str:
    """A PDF run together into one line: every line break becomes one space."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def _columns(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def wrap(text: str, st: Structure, width: int = 60) -> str:
    """A PDF's hard line breaks: every line broken where it reaches ``width`` display columns
    (30 full-width characters; a half-width letter takes one column), mid-word."""
    out = []
    for line in text.split("\n"):
        cur, used = [], 0
        for ch in line:
            w = _columns(ch)
            if used + w > width:
                out.append("".join(cur))
                cur, used = [], 0
            cur.append(ch)
            used += w
        out.append("".join(cur))
    return "\n".join(out)


def blank_lines(text: str, st: Structure) -> str:
    """A web page copied into a file: a blank line after every line."""
    return "\n\n".join(line for line in text.split("\n") if line.strip())


def nfkc(text: str, st: Structure) -> str:
    """Text folded by NFKC, as many extractors do: ①→1, ⑴→(1), full-width → half-width."""
    return unicodedata.normalize("NFKC", text)


def full_width(text: str, st: Structure) -> str:
    """Digits and their punctuation in full width (１．, （１）), web and mail addresses left alone."""
    out, pos = [], 0
    for m in _ADDRESS.finditer(text):
        out.append(text[pos:m.start()].translate(_FULL))
        out.append(m.group())
        pos = m.end()
    out.append(text[pos:].translate(_FULL))
    return "".join(out)


def items_bulleted(text: str, st: Structure) -> str:
    """Every labelled list item with ``・`` in place of its number or bullet."""
    edits = []
    for starts in _item_starts(st):
        for s in starts:
            a, b = _line_at(text, s)
            n = _marker_prefix(text[a:b])
            edits.append((a, a + n, "・"))
    return _edit(text, edits)


def items_numbered(text: str, st: Structure) -> str:
    """Every labelled list item numbered ``(1)``, ``(2)`` … in place of its marker or none."""
    edits = []
    for starts in _item_starts(st):
        for i, s in enumerate(starts, 1):
            a, b = _line_at(text, s)
            n = _marker_prefix(text[a:b])
            edits.append((a, a + n, f"({i})"))
    return _edit(text, edits)


def _rewrite_headings(text: str, st: Structure, form: Callable[[str], str]) -> str:
    edits = []
    for s in _heading_starts(st):
        a, b = _line_at(text, s)
        line = text[a:b]
        n = _marker_prefix(line)
        rest = line[n:].strip()
        if rest and len(rest) <= 30 and "。" not in rest:
            edits.append((a, b, form(rest)))
    return _edit(text, edits)


def headings_bracketed(text: str, st: Structure) -> str:
    """Every labelled heading as ``【見出し】``, its number dropped."""
    return _rewrite_headings(text, st, lambda h: f"【{h}】")


def headings_symbol(text: str, st: Structure) -> str:
    """Every labelled heading as ``■見出し``, its number dropped."""
    return _rewrite_headings(text, st, lambda h: f"■{h}")


def headings_bare(text: str, st: Structure) -> str:
    """Every labelled heading as a short line of its own, its number dropped."""
    return _rewrite_headings(text, st, lambda h: h)


def _then(first: Callable[[str, Structure], str], second: Callable[[str, Structure], str]):
    """``second`` after ``first`` (``second`` must not need the labelled places: offsets moved)."""
    return lambda text, st: second(first(text, st), st)


REWRITES: dict[str, Callable[[str, Structure], str]] = {
    "flatten": flatten,
    "wrap": wrap,
    "blank_lines": blank_lines,
    "nfkc": nfkc,
    "full_width": full_width,
    "items_bulleted": items_bulleted,
    "items_numbered": items_numbered,
    "headings_bracketed": headings_bracketed,
    "headings_symbol": headings_symbol,
    "headings_bare": headings_bare,
    # two at once, as extraction does them: added after the single rewrites' first run
    "flatten+nfkc": _then(flatten, nfkc),
    "items_bulleted+wrap": _then(items_bulleted, wrap),
    "headings_symbol+flatten": _then(headings_symbol, flatten),
}
