"""Gold labels: the answer keys the aligner is measured against, and the labelled
clauses it may learn from.

* ``data/gold/<doc>.yaml`` — every clause of the five policies, labelled by
  reading it against the specification (topics; categories and directions of
  prohibited items), keyed by clause id with a quote that anchors it.
* ``tests/heldout/``, ``tests/devset/`` — fictional policies written for
  evaluation, labelled at the document level (topics with a quote).
* ``data/gold/realworld/{dev,heldout}/`` — excerpts of published policies of
  other bodies, read from ``../shared/realworld/`` (never copied here), labelled
  with character spans: topics with the passages that cover them, topics that
  could go either way (``maybe``: not scored), prohibited lists and items, and
  the headings and lists a reader sees.  Which excerpts are held out is fixed
  by a rule (:func:`realworld_split`), written down before any was opened.

The product uses this module only for the labelled clauses (exemplars); the
evaluation (:mod:`snscompare.evaluate`) uses all of it.
"""
from __future__ import annotations

import hashlib
import os
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from .align import Exemplar, exemplar_text
from .corpus import DATA_DIR, Document, make_document
from .errors import ConfigError
from .taxonomy import DIRECTIONS, Taxonomy
from .yamlio import check_keys, line_of, load_yaml

ROOT = DATA_DIR.parent
HELDOUT_DIR = ROOT / "tests" / "heldout"
DEV_DIR = ROOT / "tests" / "devset"
REALWORLD_GOLD = DATA_DIR / "gold" / "realworld"
REALWORLD_SETS = ("dev", "heldout")


@dataclass
class Gold:
    doc_id: str
    clause_topics: dict[str, set[str]]  # clause id -> topics ({} when only doc-level)
    doc_topics: set[str]
    items: dict[str, tuple[set[str], set[str]]]  # clause id -> (categories, directions)
    doc_prohibited: set[tuple[str, str]]  # (category, direction)
    maybe: set[str] = field(default_factory=set)  # topics that could go either way: not scored
    # Clause -> topics derived from labelled passages (published excerpts): partial,
    # so not scored clause by clause, but labelled clauses to learn from.
    span_topics: dict[str, set[str]] = field(default_factory=dict)

    @property
    def labelled_clauses(self) -> dict[str, set[str]]:
        return self.clause_topics or self.span_topics


def _resolve_quote(doc: Document, quote: str, path, line) -> str:
    hits = [c for c in doc.clauses if quote in c.text]
    if not hits:
        raise ConfigError(path, line, f"引用 '{quote}' が本文のどの条項にもありません / quote not found in any clause")
    # The innermost clause holding it (a quote never spans two clauses).
    return hits[0].id


def load_clause_gold(path: Path, doc: Document, taxonomy: Taxonomy) -> Gold:
    data = load_yaml(path)
    check_keys(path, data, {"doc", "clauses"}, {"doc", "clauses"}, "gold")
    topics_ok, cats_ok = set(taxonomy.topic_ids), set(taxonomy.category_ids)
    ids = {c.id: c for c in doc.clauses}
    clause_topics, items = {}, {}
    for cid, entry in data["clauses"].items():
        if cid == "__line__":
            continue
        line = line_of(entry)
        check_keys(path, entry, {"quote", "topics", "prohibited"}, {"quote"}, f"gold {cid}")
        if cid not in ids:
            raise ConfigError(path, line, f"条項 '{cid}' がありません（パーサの出力が変わった？） / no clause {cid}")
        if entry["quote"] not in ids[cid].text:
            raise ConfigError(path, line, f"{cid}: 引用 '{entry['quote']}' が条項本文にありません / quote not in clause")
        ts = set(entry.get("topics") or [])
        bad = ts - topics_ok
        if bad:
            raise ConfigError(path, line, f"{cid}: 不明なトピック {sorted(bad)}", allowed=topics_ok)
        clause_topics[cid] = ts
        if entry.get("prohibited"):
            p = entry["prohibited"]
            cats, dirs = set(p.get("categories") or []), set(p.get("directions") or [])
            if cats - cats_ok or dirs - set(DIRECTIONS):
                raise ConfigError(path, line, f"{cid}: 不明なカテゴリ/方向 {sorted((cats - cats_ok) | (dirs - set(DIRECTIONS)))}",
                                  allowed=sorted(cats_ok) + list(DIRECTIONS))
            items[cid] = (cats, dirs)
    doc_topics = set().union(*clause_topics.values()) if clause_topics else set()
    doc_prohibited = {(c, d) for cats, dirs in items.values() for c in cats for d in dirs}
    return Gold(doc.id, clause_topics, doc_topics, items, doc_prohibited)


def load_doc_gold(path: Path, doc: Document, taxonomy: Taxonomy) -> Gold:
    """Held-out gold: topics covered (with a quote) and prohibited items."""
    data = load_yaml(path)
    check_keys(path, data, {"doc", "topics", "prohibited", "not_covered_notes"}, {"doc", "topics"}, "held-out gold")
    topics = {t for t in data["topics"] if t != "__line__"}
    bad = topics - set(taxonomy.topic_ids)
    if bad:
        raise ConfigError(path, line_of(data["topics"]), f"不明なトピック {sorted(bad)}", allowed=taxonomy.topic_ids)
    items = {}
    for e in data.get("prohibited") or []:
        cid = _resolve_quote(doc, e["quote"], path, line_of(e))
        items[cid] = (set(e.get("categories") or []), set(e.get("directions") or []))
    doc_prohibited = {(c, d) for cats, dirs in items.values() for c in cats for d in dirs}
    return Gold(doc.id, {}, topics, items, doc_prohibited)


def exemplars_from_gold(docs: list[Document], golds: list[Gold]) -> list[Exemplar]:
    """Labelled clauses as exemplars for the nearest-neighbour signal."""
    by_doc = {d.id: d for d in docs}
    out = []
    for g in golds:
        doc = by_doc.get(g.doc_id)
        if doc is None or not g.clause_topics:
            continue
        for c in doc.clauses:
            topics = g.clause_topics.get(c.id, set())
            cats = g.items.get(c.id, (set(), set()))[0]
            if c.id in g.items:
                topics = set()  # items are matched by category cues, not as topical clauses
            if topics or cats:
                out.append(Exemplar(doc.id, c.id, exemplar_text(c.norm), frozenset(topics), frozenset(cats)))
    return out


def load_exemplars(docs: list[Document], taxonomy: Taxonomy, gold_dir: Path | None = None) -> list[Exemplar]:
    return exemplars_from_gold(docs, five_gold(docs, taxonomy, gold_dir))



def five_gold(docs: list[Document], taxonomy: Taxonomy, gold_dir: Path | None = None) -> list[Gold]:
    gold_dir = gold_dir or DATA_DIR / "gold"
    out = []
    for d in docs:
        p = gold_dir / f"{d.id}.yaml"
        if p.exists():
            out.append(load_clause_gold(p, d, taxonomy))
    return out


def heldout_docs_and_gold(taxonomy: Taxonomy, heldout_dir: Path | None = None):
    heldout_dir = heldout_dir or HELDOUT_DIR
    docs, golds = [], []
    pol = heldout_dir / "policies"
    if not pol.exists():
        return docs, golds
    for p in sorted(pol.glob("*.txt")):
        g = heldout_dir / "gold" / f"{p.stem}.yaml"
        d = make_document(p.stem, p.read_text(encoding="utf-8-sig"))
        docs.append(d)
        if g.exists():
            golds.append(load_doc_gold(g, d, taxonomy))
    return docs, golds




# --- published policies: ../shared/realworld ----------------------------------------


def realworld_dir() -> Path:
    """Where the excerpts are: ``$SNSCOMPARE_REALWORLD``, else ``../shared/realworld``
    beside the checkout."""
    env = os.environ.get("SNSCOMPARE_REALWORLD")
    return Path(env) if env else ROOT.parent / "shared" / "realworld"


def realworld_split(ids) -> dict[str, str]:
    """id -> ``dev`` | ``heldout``: sort the ids, number them from 0, and hold out
    every id whose number ``i`` has ``i % 3 == 2`` (the rule of
    ``data/gold/realworld/README.md``, fixed before any excerpt was read)."""
    return {x: ("heldout" if i % 3 == 2 else "dev") for i, x in enumerate(sorted(ids))}


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _span(path, line, value, text_len: int) -> Span:
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or not all(isinstance(v, int) for v in value) or not 0 <= value[0] < value[1] <= text_len):
        raise ConfigError(path, line, f"範囲 {value!r} が本文（{text_len}文字）の中にありません / bad span")
    return Span(value[0], value[1])


def _overlap(c, s: Span) -> int:
    return max(0, min(c.end, s.end) - max(c.start, s.start))


class _ClauseFinder:
    """The clauses a labelled span falls on (clause spans are disjoint)."""

    def __init__(self, doc: Document):
        self.clauses = sorted(doc.clauses, key=lambda c: c.start)
        self.starts = [c.start for c in self.clauses]

    def overlapping(self, s: Span):
        i = max(0, bisect_right(self.starts, s.start) - 1)
        out = []
        while i < len(self.clauses) and self.clauses[i].start < s.end:
            if _overlap(self.clauses[i], s):
                out.append(self.clauses[i])
            i += 1
        return out

    def main(self, s: Span):
        """The clause holding most of the span (an item's own clause)."""
        got = self.overlapping(s)
        return max(got, key=lambda c: _overlap(c, s)) if got else None

    def covered(self, s: Span):
        """The clauses the span really covers: at least half of the shorter of the two."""
        return [c for c in self.overlapping(s)
                if _overlap(c, s) * 2 >= min(c.end - c.start, s.end - s.start)]


def load_span_gold(path: Path, doc: Document, taxonomy: Taxonomy) -> Gold:
    """Labels of a published excerpt (see data/gold/realworld/README.md)."""
    data = load_yaml(path)
    keys = {"doc", "sha256", "topics", "maybe", "not_covered_notes", "lists", "prohibited", "structure", "notes"}
    check_keys(path, data, keys, {"doc", "sha256", "topics"}, "real-world gold")
    digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    if data["sha256"] != digest:
        raise ConfigError(path, line_of(data), f"{doc.id}: 本文が変わっています（ラベルは別の版に付けられました） / "
                                               "the excerpt is not the one these labels were made on (sha256 differs)")
    topics_ok, cats_ok = set(taxonomy.topic_ids), set(taxonomy.category_ids)
    n = len(doc.text)
    finder = _ClauseFinder(doc)
    raw_topics = data.get("topics") or {}
    doc_topics = {t for t in raw_topics if t != "__line__"}
    maybe = {t for t in (data.get("maybe") or {}) if t != "__line__"}
    for bad in sorted((doc_topics | maybe) - topics_ok):
        raise ConfigError(path, line_of(raw_topics), f"不明なトピック '{bad}'", allowed=sorted(topics_ok))
    clause_topics: dict[str, set[str]] = {}
    for t in doc_topics:
        for value in raw_topics[t] or []:
            for c in finder.covered(_span(path, line_of(raw_topics), value, n)):
                clause_topics.setdefault(c.id, set()).add(t)
    items: dict[str, tuple[set[str], set[str]]] = {}
    for e in data.get("prohibited") or []:
        check_keys(path, e, {"span", "categories", "directions"}, {"span", "categories", "directions"}, "prohibited item")
        cats, dirs = set(e["categories"] or []), set(e["directions"] or [])
        if cats - cats_ok or dirs - set(DIRECTIONS):
            raise ConfigError(path, line_of(e), f"不明なカテゴリ/方向 {sorted((cats - cats_ok) | (dirs - set(DIRECTIONS)))}",
                              allowed=sorted(cats_ok) + list(DIRECTIONS))
        c = finder.main(_span(path, line_of(e), e["span"], n))
        if c is not None:
            old = items.get(c.id, (set(), set()))
            items[c.id] = (old[0] | cats, old[1] | dirs)
    doc_prohibited = {(c, d) for cats, dirs in items.values() for c in cats for d in dirs}
    return Gold(doc.id, {}, doc_topics, items, doc_prohibited, maybe, clause_topics)


def realworld_structure(path: Path, text: str) -> dict:
    """The headings and lists a reader sees in an excerpt, as spans:
    ``{"headings": [Span], "lists": [(lead Span | None, [item Span])]}``."""
    data = load_yaml(path)
    st = data.get("structure") or {}
    n = len(text)
    heads = [_span(path, line_of(st), v, n) for v in st.get("headings") or []]
    lists = []
    for lst in st.get("lists") or []:
        lead = _span(path, line_of(lst), lst["lead"], n) if lst.get("lead") else None
        lists.append((lead, [_span(path, line_of(lst), v, n) for v in lst.get("items") or []]))
    return {"headings": heads, "lists": lists}


def realworld_texts(which: str, source_dir: Path | None = None) -> dict[str, str]:
    """id -> text of the excerpts in one set (``dev`` or ``heldout``); {} when the
    folder of excerpts is absent (a checkout without ../shared)."""
    if which not in REALWORLD_SETS:
        raise ValueError(which)
    src = Path(source_dir) if source_dir else realworld_dir()
    if not src.is_dir():
        return {}
    files = {p.stem: p for p in src.glob("*.txt")}
    split = realworld_split(files)
    return {i: files[i].read_text(encoding="utf-8") for i in sorted(files) if split[i] == which}


def realworld_docs_and_gold(taxonomy: Taxonomy, which: str = "dev", source_dir: Path | None = None):
    """The excerpts of one set as documents, with their labels."""
    docs, golds = [], []
    for doc_id, text in realworld_texts(which, source_dir).items():
        g = REALWORLD_GOLD / which / f"{doc_id}.yaml"
        if not g.exists():
            continue
        d = make_document(doc_id, text)
        docs.append(d)
        golds.append(load_span_gold(g, d, taxonomy))
    return docs, golds
