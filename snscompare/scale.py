"""The corpus at national scale: documents grouped by prefecture or kind, found
by name, and compared by what they cover.  Pure pandas / numpy, no streamlit.

Everything here reads two boolean matrices built once per :class:`Alignment`:

* topics: document × topic, True when the document has a clause placed under
  the topic (the coverage matrix of :mod:`snscompare.tables`, as 0/1);
* prohibited: document × (category, direction), True when a prohibited list of
  the document in that direction has an item of the category.

Both are vectorised, so every function stays well under a second at 1,788
documents (benchmarks in README.md, "Dashboard at scale").
"""
from __future__ import annotations

import unicodedata
import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .align import Alignment
from .corpus import KINDS, PREFECTURES
from .taxonomy import DIRECTIONS

GROUP_BY = ("prefecture", "kind")
UNKNOWN = ""  # the group of documents without a prefecture (an added file without metadata)


@dataclass(frozen=True)
class Features:
    """The per-document matrices, rows in corpus order."""

    doc_ids: tuple[str, ...]
    topic_ids: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]  # (category_id, direction), directions outer
    topics: np.ndarray  # bool, len(doc_ids) × len(topic_ids)
    prohibited: np.ndarray  # bool, len(doc_ids) × len(pairs)
    meta: pd.DataFrame  # doc_id, name, prefecture, kind, title, added (index: doc_id)

    def rows(self, docs) -> np.ndarray:
        """Row numbers of ``docs`` (all rows when None), in corpus order."""
        if docs is None:
            return np.arange(len(self.doc_ids))
        wanted = set(docs)
        return np.array([i for i, d in enumerate(self.doc_ids) if d in wanted], dtype=np.int64)


_MEMO: dict[int, tuple] = {}


def features(al: Alignment) -> Features:
    """The matrices of ``al``, computed once per Alignment object (alignments are
    not modified after they are made)."""
    key = id(al)
    hit = _MEMO.get(key)
    if hit is not None and hit[0]() is al:
        return hit[1]
    f = _compute(al)
    _MEMO[key] = (weakref.ref(al, lambda _, k=key: _MEMO.pop(k, None)), f)
    return f


def _compute(al: Alignment) -> Features:
    doc_ids = tuple(al.doc_ids)
    topic_ids = tuple(al.taxonomy.topic_ids)
    pairs = tuple((c, d) for d in DIRECTIONS for c in al.taxonomy.category_ids)
    t_index = {t: i for i, t in enumerate(topic_ids)}
    p_index = {p: i for i, p in enumerate(pairs)}
    topics = np.zeros((len(doc_ids), len(topic_ids)), dtype=bool)
    prohibited = np.zeros((len(doc_ids), len(pairs)), dtype=bool)
    for r, d in enumerate(doc_ids):
        da = al.per_doc[d]
        for a in da.assignments:
            i = t_index.get(a.topic)
            if i is not None:
                topics[r, i] = True
        for it in da.items:
            for c in it.categories:
                for direction in it.directions:
                    j = p_index.get((c, direction))
                    if j is not None:
                        prohibited[r, j] = True
    meta = pd.DataFrame({
        "doc_id": list(doc_ids),
        "name": [al.doc(d).name for d in doc_ids],
        "prefecture": [al.doc(d).prefecture or UNKNOWN for d in doc_ids],
        "kind": [al.doc(d).kind or "その他" for d in doc_ids],
        "title": [al.doc(d).title for d in doc_ids],
        "added": [al.doc(d).added for d in doc_ids],
    })
    return Features(doc_ids, topic_ids, pairs, topics, prohibited, meta)


# --- groups ---------------------------------------------------------------------------


def _check_by(by: str) -> None:
    if by not in GROUP_BY:
        raise ValueError(f"by must be one of {GROUP_BY}, not {by!r}")


def group_values(al: Alignment, by: str = "prefecture", docs=None) -> list[str]:
    """The values of ``by`` among ``docs``, in the usual order: prefectures north to
    south (JIS code order), kinds as in :data:`snscompare.corpus.KINDS`; others by
    name, the unknown prefecture ("") last."""
    _check_by(by)
    f = features(al)
    present = set(f.meta[by].iloc[f.rows(docs)])
    order = PREFECTURES if by == "prefecture" else KINDS
    known = [v for v in order if v in present]
    rest = sorted(v for v in present if v not in order and v != UNKNOWN)
    return known + rest + ([UNKNOWN] if UNKNOWN in present else [])


def _grouped_shares(al: Alignment, matrix: np.ndarray, by: str, docs) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(groups, sizes, shares): shares[g, j] = share of the group's documents with column j."""
    f = features(al)
    rows = f.rows(docs)
    groups = group_values(al, by, docs)
    codes = pd.Categorical(f.meta[by].iloc[rows], categories=groups).codes
    sizes = np.bincount(codes, minlength=len(groups)).astype(np.int64)
    counts = np.zeros((len(groups), matrix.shape[1]), dtype=np.int64)
    np.add.at(counts, codes, matrix[rows].astype(np.int64))
    shares = counts / np.maximum(sizes, 1)[:, None]
    return groups, sizes, shares


def coverage_by_group(al: Alignment, by: str = "prefecture", docs=None) -> pd.DataFrame:
    """One row per group (prefecture or kind) of ``docs`` (default: every document):
    the group, its number of documents ``n_docs``, then one column per topic id with
    the share (0-1) of the group's documents that cover the topic."""
    f = features(al)
    groups, sizes, shares = _grouped_shares(al, f.topics, by, docs)
    out = pd.DataFrame(shares, columns=list(f.topic_ids))
    out.insert(0, "n_docs", sizes)
    out.insert(0, by, groups)
    return out


def prohibited_by_group(al: Alignment, by: str = "prefecture", docs=None, *,
                        direction: str | None = None) -> pd.DataFrame:
    """One row per (group, direction): the group, ``direction``, ``n_docs``, then one
    column per prohibited category with the share (0-1) of the group's documents
    whose lists in that direction have an item of the category."""
    f = features(al)
    directions = [direction] if direction else list(DIRECTIONS)
    groups, sizes, shares = _grouped_shares(al, f.prohibited, by, docs)
    cats = [c for c, d in f.pairs if d == DIRECTIONS[0]]
    frames = []
    for d in directions:
        cols = [j for j, (_, dd) in enumerate(f.pairs) if dd == d]
        part = pd.DataFrame(shares[:, cols], columns=cats)
        part.insert(0, "n_docs", sizes)
        part.insert(0, "direction", d)
        part.insert(0, by, groups)
        frames.append(part)
    return pd.concat(frames, ignore_index=True)


# --- similar documents ------------------------------------------------------------------


def similar_documents(al: Alignment, doc_id: str, k: int = 10, docs=None) -> pd.DataFrame:
    """The ``k`` documents (among ``docs``, default all) whose coverage is closest to
    ``doc_id``'s, best first.

    ``score`` is the Jaccard similarity of the two documents' features: the topics
    they cover and the (prohibited category, direction) pairs their lists have,
    i.e. features both have ÷ features either has (1 = the same coverage).  The
    topic-only and prohibited-only Jaccard follow, then the reasons: the topics both
    cover, the topics only the chosen document covers and the topics only the other
    covers (ids, comma-separated, taxonomy order).  Ties: more shared features
    first, then corpus order."""
    al.doc(doc_id)  # an unknown id raises UnknownIdError
    f = features(al)
    me = f.doc_ids.index(doc_id)
    rows = f.rows(docs)
    rows = rows[rows != me]
    cols = ["doc_id", "name", "prefecture", "kind", "score", "topic_score", "prohibited_score",
            "n_shared", "shared_topics", "only_chosen", "only_other"]
    if not len(rows) or k <= 0:
        return pd.DataFrame(columns=cols)
    x = np.concatenate([f.topics, f.prohibited], axis=1)

    def jaccard(mat: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        inter = mat.astype(np.int32) @ v.astype(np.int32)
        union = mat.sum(axis=1) + v.sum() - inter
        return np.where(union > 0, inter / np.maximum(union, 1), 1.0), inter

    score, inter = jaccard(x[rows], x[me])
    t_score, _ = jaccard(f.topics[rows], f.topics[me])
    p_score, _ = jaccard(f.prohibited[rows], f.prohibited[me])
    # lexsort: last key first; negate for descending; row number keeps corpus order.
    order = np.lexsort((rows, -inter, -score))[:k]
    mine = f.topics[me]
    out = []
    for i in order:
        other = f.topics[rows[i]]
        r = rows[i]
        out.append({
            "doc_id": f.doc_ids[r], "name": f.meta["name"].iat[r], "prefecture": f.meta["prefecture"].iat[r],
            "kind": f.meta["kind"].iat[r], "score": float(score[i]), "topic_score": float(t_score[i]),
            "prohibited_score": float(p_score[i]), "n_shared": int(inter[i]),
            "shared_topics": ",".join(t for t, a, b in zip(f.topic_ids, mine, other) if a and b),
            "only_chosen": ",".join(t for t, a, b in zip(f.topic_ids, mine, other) if a and not b),
            "only_other": ",".join(t for t, a, b in zip(f.topic_ids, mine, other) if b and not a),
        })
    return pd.DataFrame(out, columns=cols)


# --- finding documents ---------------------------------------------------------------------


def _fold(s: str) -> str:
    """NFKC and lower case: ＳＮＳ finds sns, 全角 digits find 半角 ones."""
    return unicodedata.normalize("NFKC", s or "").lower()


_FOLDED: dict[int, tuple] = {}


def find_documents(al: Alignment, text: str = "", prefectures=(), kinds=(), docs=None) -> pd.DataFrame:
    """The documents (among ``docs``, default all) whose id, name, title,
    prefecture or kind contains ``text`` (full-/half-width and case ignored; several words
    separated by spaces must all occur), in one of ``prefectures`` and one of
    ``kinds`` (an empty filter lets everything through).  Columns: ``doc_id``,
    ``name``, ``prefecture``, ``kind``, ``title``, ``n_topics``; corpus order."""
    f = features(al)
    meta = f.meta
    keep = np.zeros(len(meta), dtype=bool)
    keep[f.rows(docs)] = True
    if prefectures:
        keep &= meta["prefecture"].isin(list(prefectures)).to_numpy()
    if kinds:
        keep &= meta["kind"].isin(list(kinds)).to_numpy()
    words = _fold(text).split()
    if words:
        key = id(al)
        hit = _FOLDED.get(key)
        if hit is None or hit[0]() is not al:
            hay = [_fold(" ".join(parts)) for parts in
                   zip(meta["doc_id"], meta["name"], meta["title"], meta["prefecture"], meta["kind"])]
            hit = _FOLDED[key] = (weakref.ref(al, lambda _, k=key: _FOLDED.pop(k, None)), hay)
        hay = hit[1]
        keep &= np.array([all(w in h for w in words) for h in hay], dtype=bool)
    out = meta.loc[keep, ["doc_id", "name", "prefecture", "kind", "title"]].copy()
    out["n_topics"] = f.topics[keep].sum(axis=1).astype(np.int64)
    return out.reset_index(drop=True)

