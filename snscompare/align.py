"""Place every clause in the taxonomy.

For each clause and topic the aligner looks for the topic's cues (see
``data/taxonomy.yaml``) in the clause's own text, its title and the headings above
it, and records a score (0-100) and the reason (which cue, which heading).  Lists of
prohibited content are found from their wording; each item gets its categories and
the list's direction (``user`` / ``city``), and a clause elsewhere that removes
users' posts by pointing at a list (前条 / 第N条 / 「4. 禁止事項」) makes that list
apply to users as well.

This module computes; it never reads files other than through its arguments, and
it is deterministic.  Results are plain dataclasses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from .corpus import DATA_DIR, Document
from .errors import ConfigError
from .normalize import lemma_text, normalize_text
from .parser import Clause
from .taxonomy import DIRECTIONS, Cue, Taxonomy
from .yamlio import check_keys, line_of, load_yaml

LIST_TOPIC = {"user": "user_prohibited", "city": "city_prohibited"}


@dataclass(frozen=True)
class Reason:
    """Why the aligner decided something, as a message code with its arguments:
    rendered in the reader's language by :func:`snscompare.i18n.reason_text`
    (``why_<code>`` in the catalogue).  An argument may itself be a Reason (a list
    item's reason names the list's), or a direction (``user`` / ``city``), which
    is rendered through the catalogue too."""

    code: str
    args: tuple = ()  # ((name, value), ...): a tuple, so the reason stays hashable

    @classmethod
    def of(cls, code: str, **args) -> "Reason":
        return cls(code, tuple(args.items()))

    def text(self, lang: str = "ja") -> str:
        from .i18n import reason_text

        return reason_text(self, lang)

    def __str__(self) -> str:
        return self.text("ja")


@dataclass(frozen=True)
class Assignment:
    """A clause placed under a topic."""

    doc_id: str
    clause_id: str
    topic: str
    score: float
    why: Reason  # why the cell is filled (``.reason`` renders it in Japanese)
    cue: str = ""  # the cue or heading that matched
    source: str = "auto"  # auto | override

    @property
    def reason(self) -> str:
        return self.why.text("ja")


@dataclass
class ProhibitedList:
    doc_id: str
    clause_id: str
    directions: list[str]
    why: dict[str, Reason]  # direction -> why

    @property
    def reasons(self) -> dict[str, str]:
        """direction -> why, in Japanese."""
        return {d: r.text("ja") for d, r in self.why.items()}
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ProhibitedItem:
    doc_id: str
    clause_id: str
    list_id: str
    categories: tuple[str, ...]
    directions: tuple[str, ...]
    cues: tuple[str, ...]  # the cue that matched, per category
    source: str = "auto"


@dataclass
class DocAlignment:
    """Everything the aligner found in one document."""

    doc_id: str
    assignments: list[Assignment]
    lists: list[ProhibitedList]
    items: list[ProhibitedItem]
    unplaced: list[str]  # clause ids with text that matched no topic


# --- matching ------------------------------------------------------------------


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


def _matcher_for(taxonomy: Taxonomy) -> CueMatcher:
    """One matcher per taxonomy object, so its compiled cue lists serve every document."""
    hit = _MATCHERS.get(id(taxonomy))
    if hit is None or hit[0] is not taxonomy:
        if len(_MATCHERS) > 32:
            _MATCHERS.clear()
        hit = _MATCHERS[id(taxonomy)] = (taxonomy, CueMatcher(taxonomy))
    return hit[1]


@lru_cache(maxsize=8192)
def _prepared_cue_part(mode: str, text: str) -> str:
    """A cue part in the form it is searched in (shared by every document)."""
    norm = normalize_text(text)
    return norm if mode == "nfkc_exact" else lemma_text(norm).lower()


# --- exemplars -------------------------------------------------------------------


@dataclass(frozen=True)
class Exemplar:
    """A labelled clause of a known document: its topics, or its categories if it
    is an item of a prohibited list."""

    doc_id: str
    clause_id: str
    text: str  # SudachiPy normalized forms, space separated
    topics: frozenset
    categories: frozenset = frozenset()


def exemplar_text(norm: str) -> str:
    """The text compared with exemplars: normalized forms separated by spaces
    (so rapidfuzz's token scorers see Japanese words)."""
    from .normalize import lemmas

    return " ".join(t.lower() for t in lemmas(norm) if t.strip() and not re.fullmatch(r"[\W_]+", t))


def _scorer(name: str):
    return getattr(fuzz, name)


# --- overrides -----------------------------------------------------------------


@dataclass(frozen=True)
class Override:
    clause_id: str
    add: tuple[str, ...]
    remove: tuple[str, ...]
    categories: tuple[str, ...] | None
    directions: tuple[str, ...] | None
    reason: str
    line: int | None


def load_overrides(path: Path | str | None = None, taxonomy: Taxonomy | None = None) -> list[Override]:
    """``data/overrides.yaml``: single corrections of the aligner, each with a reason."""
    path = Path(path) if path else DATA_DIR / "overrides.yaml"
    if not path.exists():
        return []
    data = load_yaml(path) or {}
    entries = data.get("overrides") if isinstance(data, dict) else None
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise ConfigError(path, line_of(data), "'overrides' は一覧にしてください / must be a list")
    topics = set(taxonomy.topic_ids) if taxonomy else None
    cats = set(taxonomy.category_ids) if taxonomy else None
    out = []
    for e in entries:
        if not isinstance(e, dict):
            raise ConfigError(path, None, f"override は対応表で / each override must be a mapping: {e!r}")
        check_keys(path, e, {"clause", "add", "remove", "categories", "directions", "reason"}, {"clause", "reason"}, "override")
        line = line_of(e)
        for key in ("add", "remove"):
            for t in e.get(key) or []:
                if topics is not None and t not in topics:
                    raise ConfigError(path, line, f"override {e['clause']}: 不明なトピック '{t}'", allowed=topics)
        for c in e.get("categories") or []:
            if cats is not None and c not in cats:
                raise ConfigError(path, line, f"override {e['clause']}: 不明なカテゴリ '{c}'", allowed=cats)
        for d in e.get("directions") or []:
            if d not in DIRECTIONS:
                raise ConfigError(path, line, f"override {e['clause']}: 不明な方向 '{d}'", allowed=DIRECTIONS)
        out.append(Override(
            e["clause"], tuple(e.get("add") or ()), tuple(e.get("remove") or ()),
            tuple(e["categories"]) if e.get("categories") is not None else None,
            tuple(e["directions"]) if e.get("directions") is not None else None,
            str(e["reason"]), line,
        ))
    return out


# --- the aligner ---------------------------------------------------------------

_REF_PREV_ARTICLE = re.compile(r"前条")
_REF_ARTICLE = re.compile(r"第\s*(\d+)\s*条")
_REF_PREV_PARA = re.compile(r"前項")
_REF_SECTION = re.compile(r"「\s*(\d+)\s*[.．、]?\s*[^」]{0,30}」")
# "３－２の禁止事項", "2-3に掲げる": a section numbered under a chapter (parser style "dashed").
_REF_DASHED = re.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})(?![\d-])")


def _children(doc: Document) -> dict[str, list[Clause]]:
    by_id = {c.id: c for c in doc.clauses}
    return {c.id: [by_id[k] for k in c.children] for c in doc.clauses}


def _ancestor_titles(clause: Clause, by_id: dict[str, Clause]) -> list[Clause]:
    out = []
    p = clause.parent
    while p:
        a = by_id[p]
        out.append(a)
        p = a.parent
    return out


def align_document(doc: Document, taxonomy: Taxonomy, overrides: list[Override] = (),
                   exemplars: list[Exemplar] = ()) -> DocAlignment:
    """Align one document (pure: depends only on its arguments).

    ``exemplars`` are labelled clauses of *other* documents; those of ``doc``
    itself are ignored, so a document is never aligned by its own labels."""
    matcher = _matcher_for(taxonomy)
    by_id = {c.id: c for c in doc.clauses}
    kids = _children(doc)
    hays = {c.id: matcher.haystack(c.norm) for c in doc.clauses}
    title_hays = {c.id: matcher.haystack(normalize_text(c.title)) for c in doc.clauses if c.title}
    rules = taxonomy.lists

    # 1. Prohibited-content lists, their direction and items.
    lists: dict[str, ProhibitedList] = {}
    for c in doc.clauses:
        items = [k for k in kids[c.id] if k.kind == "item"]
        if len(items) < 2:
            continue
        s, cue = matcher.best(rules.list_cues, hays[c.id])
        if s < taxonomy.settings.threshold:
            continue
        city_s, city_cue = matcher.best(rules.city_cues, hays[c.id])
        n_city_items = sum(1 for k in items if matcher.best(rules.city_item_cues, hays[k.id])[0] >= taxonomy.settings.threshold)
        user_s, user_cue = matcher.best(rules.user_cues, hays[c.id])
        if city_s >= taxonomy.settings.threshold and user_s >= taxonomy.settings.threshold:
            # One list stated for both: "…は、利用者の投稿にも本市の発信にも適用する".
            lists[c.id] = ProhibitedList(doc.id, c.id, ["city", "user"], {
                "city": Reason.of("list_cue", cue=city_cue), "user": Reason.of("list_cue", cue=user_cue)})
        elif city_s >= taxonomy.settings.threshold:
            lists[c.id] = ProhibitedList(doc.id, c.id, ["city"], {"city": Reason.of("list_cue", cue=city_cue)})
        elif n_city_items * 2 > len(items):
            lists[c.id] = ProhibitedList(doc.id, c.id, ["city"], {"city": Reason.of("list_items_end", cue=rules.city_item_cues[0].text)})
        else:
            why = Reason.of("list_cue", cue=user_cue) if user_s >= taxonomy.settings.threshold else Reason.of("list_default", cue=cue)
            lists[c.id] = ProhibitedList(doc.id, c.id, ["user"], {"user": why})
        lists[c.id].items = [k.id for k in items]

    # 2. Cross-references: a clause that removes posts "in violation of 前条" etc.
    articles = [c for c in doc.clauses if c.kind == "article"]
    # Look-ups by position and label, so that a long text full of references stays linear.
    article_at = {a.id: i for i, a in enumerate(articles)}
    articles_by_label: dict[str, list[Clause]] = {}
    for a in articles:
        articles_by_label.setdefault(a.label, []).append(a)
    by_label: dict[str, list[Clause]] = {}
    for s_ in doc.clauses:
        by_label.setdefault(s_.label, []).append(s_)
    sibling_at = {k.id: i for sibs in kids.values() for i, k in enumerate(sibs)}
    for c in doc.clauses:
        if c.id in lists:
            continue
        if matcher.best(rules.moderation_cues, hays[c.id])[0] < taxonomy.settings.threshold:
            continue
        targets: list[Clause] = []
        text = c.norm
        art = next((a for a in [c, *_ancestor_titles(c, by_id)] if a.kind == "article"), None)
        if _REF_PREV_ARTICLE.search(text) and art is not None:
            i = article_at[art.id]
            if i > 0:
                targets.append(articles[i - 1])
        for m in _REF_ARTICLE.finditer(text):
            targets += articles_by_label.get(f"第{int(m.group(1))}条", [])
        if _REF_PREV_PARA.search(text) and c.parent:
            sibs = kids[c.parent]
            i = sibling_at[c.id]
            if i > 0:
                targets.append(sibs[i - 1])
        for m in _REF_DASHED.finditer(text):
            targets += [s for s in by_label.get(f"{int(m.group(1))}-{int(m.group(2))}", []) if s.id != c.id]
        for m in _REF_SECTION.finditer(text):
            n = m.group(1)
            targets += [s for s in by_label.get(n, []) if s.depth == c.depth - (1 if c.parent else 0) and s.id != c.id]
        for t in targets:
            for lst_id in [t.id] + _descendants(t.id, kids):
                lst = lists.get(lst_id)
                if lst is not None and "user" not in lst.directions:
                    lst.directions.append("user")
                    lst.why["user"] = Reason.of("list_ref", clause=c.id)

    item_of = {i: lst for lst in lists.values() for i in lst.items}

    # 3. Topics.
    knn = _nearest_exemplars(doc, exemplars, taxonomy, skip=set(item_of), hays=None)
    assignments: list[Assignment] = []
    threshold = taxonomy.settings.threshold
    for c in doc.clauses:
        if c.id in item_of:
            lst = item_of[c.id]
            for d in lst.directions:
                assignments.append(Assignment(doc.id, c.id, LIST_TOPIC[d], 100.0,
                                              Reason.of("list_item", list=lst.clause_id, direction=d), lst.clause_id))
            continue
        ancestors = _ancestor_titles(c, by_id)
        own = len(assignments)  # this clause's assignments start here
        for topic in taxonomy.topics:
            if topic.unless and matcher.best(topic.unless, hays[c.id])[0] >= threshold:
                continue
            score, cue = matcher.best(topic.cues, hays[c.id])
            reason = Reason.of("cue", cue=cue) if score else None
            if score < 100 and topic.title_cues and c.id in title_hays:
                s, cu = matcher.best(topic.title_cues, title_hays[c.id])
                if s > score:
                    score, cue, reason = s, cu, Reason.of("title", title=c.title)
            if score < threshold and topic.section_cues:
                for a in ancestors:
                    if a.id in title_hays:
                        s, cu = matcher.best(topic.section_cues, title_hays[a.id])
                        if s:
                            s = s * taxonomy.settings.section_score / 100
                            if s > score:
                                score, cue, reason = s, cu, Reason.of("section", title=a.title, clause=a.id)
                            break
            if score < threshold and topic.id in knn.get(c.id, {}):
                s, ex = knn[c.id][topic.id]
                score, cue, reason = s, ex, Reason.of("exemplar", clause=ex, score=f"{s:.0f}")
            if score >= threshold:
                assignments.append(Assignment(doc.id, c.id, topic.id, round(score, 1), reason, cue))
        if c.id in lists:
            lst = lists[c.id]
            for d in lst.directions:
                if not any(a.topic == LIST_TOPIC[d] for a in assignments[own:]):
                    assignments.append(Assignment(doc.id, c.id, LIST_TOPIC[d], 100.0,
                                                  Reason.of("list", direction=d, detail=lst.why[d]), ""))

    # 4. Categories of the items.
    items: list[ProhibitedItem] = []
    for lst in lists.values():
        for iid in lst.items:
            cats, cues = [], []
            for cat in taxonomy.categories:
                if cat.unless and matcher.best(cat.unless, hays[iid])[0] >= threshold:
                    continue
                s, cue = matcher.best(cat.cues, hays[iid])
                if s >= threshold:
                    cats.append(cat.id)
                    cues.append(cue)
            items.append(ProhibitedItem(doc.id, iid, lst.clause_id, tuple(cats), tuple(lst.directions), tuple(cues)))

    # 5. Overrides (single corrections with a reason).
    for o in overrides:
        if o.clause_id not in by_id:
            continue
        if o.remove:
            assignments = [a for a in assignments if not (a.clause_id == o.clause_id and a.topic in o.remove)]
        for t in o.add:
            assignments = [a for a in assignments if not (a.clause_id == o.clause_id and a.topic == t)]
            assignments.append(Assignment(doc.id, o.clause_id, t, 100.0, Reason.of("override", reason=o.reason), "", "override"))
        if o.categories is not None or o.directions is not None:
            for k, it in enumerate(items):
                if it.clause_id == o.clause_id:
                    items[k] = ProhibitedItem(it.doc_id, it.clause_id, it.list_id,
                                              o.categories if o.categories is not None else it.categories,
                                              o.directions if o.directions is not None else it.directions,
                                              it.cues, "override")

    placed = {a.clause_id for a in assignments}
    unplaced = [c.id for c in doc.clauses if c.id not in placed and _has_content(c)]
    order = {c.id: c.order for c in doc.clauses}
    topic_order = {t: i for i, t in enumerate(taxonomy.topic_ids)}
    assignments.sort(key=lambda a: (order[a.clause_id], topic_order.get(a.topic, 99)))
    return DocAlignment(doc.id, assignments, list(lists.values()), items, unplaced)



def _nearest_exemplars(doc: Document, exemplars, taxonomy: Taxonomy, *, skip: set, hays=None) -> dict:
    """clause id -> topic -> (similarity, exemplar clause id), for similarities at or
    above the exemplar threshold (the best exemplar per topic)."""
    th = taxonomy.settings.exemplar_threshold
    pool = [e for e in exemplars if e.doc_id != doc.id and e.topics]
    if th > 100 or not pool:
        return {}
    import numpy as np
    from rapidfuzz import process

    targets = [c for c in doc.clauses if c.id not in skip and c.kind != "preamble"]
    if not targets:
        return {}
    queries = [exemplar_text(c.norm) for c in targets]
    m = process.cdist(queries, [e.text for e in pool], scorer=_scorer(taxonomy.settings.exemplar_scorer),
                      dtype=np.uint8, workers=1)
    out: dict = {}
    for i, c in enumerate(targets):
        if not queries[i]:
            continue
        row = m[i]
        for j in np.nonzero(row >= th)[0]:
            for t in pool[j].topics:
                cur = out.setdefault(c.id, {}).get(t)
                if cur is None or row[j] > cur[0]:
                    out[c.id][t] = (float(row[j]), pool[j].clause_id)
    return out


def _has_content(c: Clause) -> bool:
    """A clause worth reporting as unplaced: it says something (not an empty form row)."""
    body = c.norm.replace(normalize_text(c.title), "", 1) if c.title else c.norm
    return len(re.sub(r"[\s\W_]", "", body)) >= 6


def _descendants(cid: str, kids: dict[str, list[Clause]]) -> list[str]:
    out = []
    for k in kids[cid]:
        out.append(k.id)
        out += _descendants(k.id, kids)
    return out


# --- the corpus ------------------------------------------------------------------


@dataclass
class Alignment:
    """The aligned corpus: what the tables, the CLI and the dashboard read."""

    docs: list[Document]
    taxonomy: Taxonomy
    per_doc: dict[str, DocAlignment]
    # Look-up indexes, built on first use (an Alignment is not modified after it is made).
    _docs_by_id: dict | None = field(default=None, init=False, repr=False, compare=False)
    _clauses_by_id: dict | None = field(default=None, init=False, repr=False, compare=False)
    _covered: dict | None = field(default=None, init=False, repr=False, compare=False)
    _by_topic: dict | None = field(default=None, init=False, repr=False, compare=False)
    _by_topic_doc: dict | None = field(default=None, init=False, repr=False, compare=False)
    _opening_lemmas: dict | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def doc_ids(self) -> list[str]:
        return [d.id for d in self.docs]

    def doc(self, doc_id: str) -> Document:
        if self._docs_by_id is None or len(self._docs_by_id) != len(self.docs):
            self._docs_by_id = {d.id: d for d in self.docs}
        d = self._docs_by_id.get(doc_id)
        if d is None:
            from .errors import UnknownIdError

            raise UnknownIdError("document", doc_id, self.doc_ids)
        return d

    def assignments_for(self, topic: str) -> list[Assignment]:
        """Every assignment to one topic, in document order."""
        if self._by_topic is None:
            by_topic: dict[str, list[Assignment]] = {}
            for a in self.assignments:
                by_topic.setdefault(a.topic, []).append(a)
            self._by_topic = by_topic
        return self._by_topic.get(topic, [])

    def covering(self, topic: str) -> dict[str, range]:
        """The documents with a clause on ``topic``, in corpus order, each with the
        positions of its assignments in :meth:`assignments_for` (a document's are
        adjacent, documents being in order).  A page asks "who covers this topic"
        for many topics; reading the answer off an index keeps that independent of
        the corpus size.  Built per topic on first use, so a page about one topic
        pays for one; ranges rather than lists, so the index adds no objects for
        the garbage collector to walk."""
        if self._by_topic_doc is None:
            self._by_topic_doc = {}
        got = self._by_topic_doc.get(topic)
        if got is None:
            got = self._by_topic_doc[topic] = {}
            found = self.assignments_for(topic)
            start = 0
            for k in range(1, len(found) + 1):
                if k == len(found) or found[k].doc_id != found[start].doc_id:
                    got[found[start].doc_id] = range(start, k)
                    start = k
        return got

    def assignments_in(self, topic: str, doc_id: str) -> list[Assignment]:
        """One document's assignments to one topic, in clause order."""
        where = self.covering(topic).get(doc_id)
        return self.assignments_for(topic)[where.start : where.stop] if where is not None else []

    def opening_lemmas(self, clause_id: str, chars: int = 200) -> str:
        """SudachiPy normalized forms of the first ``chars`` characters of a clause's
        matching copy: what model clauses are compared on.  Computed on first use
        and kept for the life of the alignment (SudachiPy is the costly step of a
        gaps page; a clause sampled for one topic is usually sampled again for the
        next document).  Not computed at alignment time: only the few thousand
        clauses a gaps page samples ever need it, against ~100,000 in a national corpus."""
        if self._opening_lemmas is None:
            self._opening_lemmas = {}
        key = (clause_id, chars)
        got = self._opening_lemmas.get(key)
        if got is None:
            got = self._opening_lemmas[key] = lemma_text(self.clause(clause_id).norm[:chars])
        return got

    def covered(self, doc_id: str) -> frozenset:
        """The topics a document covers."""
        if self._covered is None:
            self._covered = {}
        got = self._covered.get(doc_id)
        if got is None:
            got = self._covered[doc_id] = frozenset(a.topic for a in self.per_doc[doc_id].assignments)
        return got

    @property
    def assignments(self) -> list[Assignment]:
        return [a for d in self.docs for a in self.per_doc[d.id].assignments]

    @property
    def items(self) -> list[ProhibitedItem]:
        return [i for d in self.docs for i in self.per_doc[d.id].items]

    @property
    def lists(self) -> list[ProhibitedList]:
        return [lst for d in self.docs for lst in self.per_doc[d.id].lists]

    def clause(self, clause_id: str) -> Clause:
        if self._clauses_by_id is None:
            self._clauses_by_id = {c.id: c for d in self.docs for c in d.clauses}
        c = self._clauses_by_id.get(clause_id)
        if c is None:
            doc_id = clause_id.split(":", 1)[0]
            return self.doc(doc_id).clause(clause_id)  # raises for an unknown document
        return c


def align_corpus(docs: list[Document], taxonomy: Taxonomy, overrides: list[Override] = (),
                 exemplars: list[Exemplar] = ()) -> Alignment:
    return Alignment(list(docs), taxonomy, {d.id: align_document(d, taxonomy, overrides, exemplars) for d in docs})
