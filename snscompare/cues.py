"""Finding cues in clause text: the matcher the taxonomy's settings choose, and
an index that reads a clause once for every cue list (see :class:`_CueIndex`).

:class:`CompiledTaxonomy` is the taxonomy made ready for matching: built once
per taxonomy (``Taxonomy.compiled``) and passed to the aligner, so every
document shares the compiled cue lists.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from .normalize import lemma_text, normalize_text
from .taxonomy import Cue, Taxonomy


class CueMatcher:
    """Matches cues against clause text according to the taxonomy's settings.

    ``lemma_exact`` (default): substring search on SudachiPy normalized forms.
    ``nfkc_exact``: substring search on the NFKC copy (no morphological step).
    ``either_exact``: a cue counts when it occurs in the NFKC copy or in the
    normalized forms (the written form, or a spelling variant of it).
    ``lemma_partial``: rapidfuzz ``partial_ratio`` on normalized forms, a cue
    counting when its best alignment reaches ``partial_cutoff``.
    """

    def __init__(self, taxonomy: Taxonomy):
        self.mode = taxonomy.settings.matcher
        self.cutoff = taxonomy.settings.partial_cutoff
        self._parts: dict[str, tuple] = {}
        self._regex: dict[str, re.Pattern] = {}
        self._compiled: dict[int, list] = {}
        self._keep: list = []
        self._index = _CueIndex(self, taxonomy) if self.mode in ("nfkc_exact", "lemma_exact") else None

    def _prepare(self, text: str) -> str:
        return _prepared_cue_part(self.mode, text)

    def haystack(self, norm: str) -> Hay:
        """(nfkc copy, matching copy) of an already normalized text."""
        return Hay(norm, norm if self.mode == "nfkc_exact" else lemma_text(norm).lower())

    def _compile_parts(self, cue) -> tuple:
        if self.mode == "either_exact":
            return (tuple(p for p in (_prepared_cue_part("nfkc_exact", q) for q in cue.parts) if p),
                    tuple(p for p in (_prepared_cue_part("lemma_exact", q) for q in cue.parts) if p))
        return (tuple(p for p in (self._prepare(q) for q in cue.parts) if p),)

    def score(self, cue: Cue, hay: tuple[str, str]) -> float:
        """0-100: how well ``cue`` occurs in the text."""
        norm, match = hay
        if cue.is_regex:
            rx = self._regex.get(cue.text)
            if rx is None:
                rx = self._regex[cue.text] = re.compile(cue.text[3:])
            return 100.0 if rx.search(norm) else 0.0
        parts = self._parts.get(cue.text)
        if parts is None:
            parts = self._parts[cue.text] = tuple(self._prepare(p) for p in cue.parts)
        worst = 100.0
        for p in parts:
            if not p:
                continue
            if p in match:
                continue
            if self.mode == "lemma_partial" and len(p) >= 2:
                s = fuzz.partial_ratio(p, match, score_cutoff=self.cutoff)
                if s:
                    worst = min(worst, s)
                    continue
            return 0.0
        return worst

    def best(self, cues, hay) -> tuple[float, str]:
        if self._index is not None and type(hay) is Hay:
            found = self._index.first(cues, hay)
            if found is not None:
                return found
        if self.mode != "lemma_partial":
            return self._best_exact(cues, hay)
        best, which = 0.0, ""
        for cue in cues:
            s = self.score(cue, hay)
            if s > best:
                best, which = s, cue.text
                if s >= 100:
                    break
        return best, which

    def _best_exact(self, cues, hay) -> tuple[float, str]:
        """``best`` for the exact matchers, whose scores are 0 or 100: the first
        cue that occurs wins.  Same result as the loop over ``score``, without a
        call per cue (the aligner evaluates ~10,000 cues per document)."""
        return self._best_exact_scan(cues, hay)

    def _compiled_list(self, cues) -> list:
        compiled = self._compiled.get(id(cues))
        if compiled is None:
            compiled = []
            for cue in cues:
                if cue.is_regex:
                    rx = self._regex.get(cue.text)
                    if rx is None:
                        rx = self._regex[cue.text] = re.compile(cue.text[3:])
                    compiled.append((cue.text, rx, ()))
                else:
                    compiled.append((cue.text, None, self._compile_parts(cue)))
            self._compiled[id(cues)] = compiled
            self._keep.append(cues)  # the id stays valid while this matcher lives
        return compiled

    def _best_exact_scan(self, cues, hay) -> tuple[float, str]:
        """The first cue that occurs, by trying each cue in turn."""
        compiled = self._compiled_list(cues)
        norm, match = hay
        either = self.mode == "either_exact"
        for text, rx, variants in compiled:
            if rx is not None:
                if rx.search(norm):
                    return 100.0, text
                continue
            for k, parts in enumerate(variants):
                where = norm if (either and k == 0) else match
                for p in parts:
                    if p not in where:
                        break
                else:
                    return 100.0, text
        return 0.0, ""


class Hay:
    """A clause's text as the matcher searches it: ``(nfkc copy, matching copy)``
    (unpacks like a pair), plus what :class:`_CueIndex` found in it, kept so
    that the ~60 cue lists asked about one clause share one look."""

    __slots__ = ("norm", "match", "found")

    def __init__(self, norm: str, match: str):
        self.norm, self.match = norm, match
        self.found: dict | None = None

    def __iter__(self):
        return iter((self.norm, self.match))

    def __eq__(self, other):
        return tuple(self) == tuple(other) if isinstance(other, (Hay, tuple)) else NotImplemented

    def __hash__(self):
        return hash((self.norm, self.match))

    def __repr__(self):
        return f"Hay({self.norm!r}, {self.match!r})"


def _kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u309f"


class _CueIndex:
    """Which cue of each list comes first in a text, for every list at once.

    Scanning a list cue by cue costs a substring search per cue, and almost every
    (clause, topic) pair matches nothing.  Here every cue part of the taxonomy is
    filed under one of its two-character pieces (the least common one, kanji
    before kana), so a clause is read once: its pieces select the few parts that
    can occur, a substring search confirms them, and each list's first cue whose
    parts all occur is noted.  A part can only occur if its piece does, so the
    answer is exactly the scan's.  Used for the two single-copy exact matchers;
    regular-expression cues are still tried in list order.
    """

    def __init__(self, matcher: CueMatcher, taxonomy: Taxonomy):
        lists = taxonomy.cue_lists()
        self.lists: dict[int, tuple] = {}  # id(cue list) -> (regex cues, cue texts, first always-true position)
        cue_parts: list[tuple[int, int, frozenset]] = []  # (list id, position, distinct parts)
        for cues in lists:
            if id(cues) in self.lists:
                continue
            compiled = matcher._compiled_list(cues)
            regex = [(i, text, rx) for i, (text, rx, _) in enumerate(compiled) if rx is not None]
            always = None
            for i, (text, rx, variants) in enumerate(compiled):
                if rx is None:
                    parts = frozenset(variants[0])
                    if not parts and always is None:
                        always = i  # a cue with nothing to find occurs everywhere
                    elif parts:
                        cue_parts.append((id(cues), i, parts))
            self.lists[id(cues)] = (regex, [text for text, _, _ in compiled], always)
        piece_count: dict[str, int] = {}
        all_parts = {p for _, _, parts in cue_parts for p in parts}
        for p in all_parts:
            for g in {p[k : k + 2] for k in range(len(p) - 1)}:
                piece_count[g] = piece_count.get(g, 0) + 1
        self.by_piece: dict[str, list[str]] = {}  # piece -> parts filed under it
        self.short: list[str] = []  # one-character parts: searched in every text
        for p in sorted(all_parts):
            if len(p) < 2:
                self.short.append(p)
                continue
            piece = min((p[k : k + 2] for k in range(len(p) - 1)),
                        key=lambda g: (sum(map(_kana, g)), piece_count[g], g))
            self.by_piece.setdefault(piece, []).append(p)
        self.pieces = frozenset(self.by_piece)
        self.cues_of: dict[str, list[tuple[int, int, int]]] = {}  # part -> (list id, position, parts needed)
        for lid, i, parts in cue_parts:
            for p in parts:
                self.cues_of.setdefault(p, []).append((lid, i, len(parts)))

    def _read(self, text: str) -> dict[int, int]:
        """list id -> position of its first cue whose parts all occur in ``text``."""
        present = [p for p in self.short if p in text]
        pieces = {text[k : k + 2] for k in range(len(text) - 1)}
        for g in self.pieces.intersection(pieces):
            present += [p for p in self.by_piece[g] if p in text]
        have: dict[tuple[int, int], int] = {}
        first: dict[int, int] = {}
        for p in present:
            for lid, i, need in self.cues_of[p]:
                n = have.get((lid, i), 0) + 1
                have[(lid, i)] = n
                if n == need and (lid not in first or i < first[lid]):
                    first[lid] = i
        return first

    def first(self, cues, hay: Hay) -> tuple[float, str] | None:
        """``(100, cue)`` for the first cue of ``cues`` that occurs, ``(0, "")`` if
        none does; ``None`` for a list the index was not built with."""
        entry = self.lists.get(id(cues))
        if entry is None:
            return None
        found = hay.found
        if found is None:
            found = hay.found = self._read(hay.match)
        regex, texts, always = entry
        i = found.get(id(cues))
        if not regex and always is None:  # the usual list: plain cues only
            return (100.0, texts[i]) if i is not None else _NOTHING
        if always is not None and (i is None or always < i):
            i = always
        for k, text, rx in regex:  # in list order, before the first plain cue found
            if i is not None and k > i:
                break
            if rx.search(hay.norm):
                return 100.0, text
        return (100.0, texts[i]) if i is not None else _NOTHING


_NOTHING = (0.0, "")
_MATCHERS: dict[int, tuple] = {}


@lru_cache(maxsize=8192)
def _prepared_cue_part(mode: str, text: str) -> str:
    """A cue part in the form it is searched in (shared by every document)."""
    norm = normalize_text(text)
    return norm if mode == "nfkc_exact" else lemma_text(norm).lower()


# --- exemplars -------------------------------------------------------------------


class CompiledTaxonomy:
    """A taxonomy with its cue lists compiled for the matcher its settings name."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.matcher = CueMatcher(taxonomy)

    @property
    def settings(self):
        return self.taxonomy.settings
