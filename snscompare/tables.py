"""The tables the dashboard and the CLI show, computed from an :class:`Alignment`.

Every function returns a pandas DataFrame (or plain data) whose first columns are
ids (``topic_id``, ``category_id``, ``doc_id``…), so exports and tests can rely on
them; Japanese and English labels follow.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from .align import Alignment
from .i18n import t
from .normalize import clean_text, normalize_text
from .parser import Clause, detect_marker
from .taxonomy import DIRECTIONS

DIRECTION_JA = {d: t(f"dir_{d}", "ja") for d in DIRECTIONS}  # the catalogue is the one home of the labels


# --- coverage --------------------------------------------------------------------


def coverage_matrix(al: Alignment, *, doc_ids: list[str] | None = None, labels: bool = True) -> pd.DataFrame:
    """One row per topic; one column per document: the number of that document's
    clauses placed under the topic (0 = not covered)."""
    doc_ids = doc_ids or al.doc_ids
    topic_ids = al.taxonomy.topic_ids
    t_index = {t: i for i, t in enumerate(topic_ids)}
    m = np.zeros((len(topic_ids), len(doc_ids)), dtype=np.int64)
    for j, d in enumerate(doc_ids):
        seen = set()
        for a in al.per_doc[d].assignments:
            i = t_index.get(a.topic)
            if i is not None and (a.clause_id, a.topic) not in seen:
                seen.add((a.clause_id, a.topic))
                m[i, j] += 1
    df = pd.DataFrame(m, columns=doc_ids)
    df.insert(0, "topic_id", topic_ids)
    if labels:
        df["label_ja"] = [t.ja for t in al.taxonomy.topics]
        df["label_en"] = [t.en for t in al.taxonomy.topics]
        df["group"] = [t.group for t in al.taxonomy.topics]
        df["group_ja"] = [al.taxonomy.group_label(t.group) for t in al.taxonomy.topics]
    return df


def covered_topics(al: Alignment, doc_id: str) -> set[str]:
    return set(al.covered(doc_id))


def coverage_summary(al: Alignment, *, doc_ids: list[str] | None = None,
                     topic_ids: list[str] | None = None) -> pd.DataFrame:
    """Per document: how many of ``topic_ids`` (default: every topic) it covers, and
    the share in % (one decimal)."""
    doc_ids = doc_ids or al.doc_ids
    wanted = set(al.taxonomy.topic_ids if topic_ids is None else topic_ids)
    n = len(wanted)
    rows = []
    for d in doc_ids:
        k = len(covered_topics(al, d) & wanted)
        rows.append({"doc_id": d, "covered": k, "n_topics": n, "share": round(100 * k / n, 1) if n else 0.0})
    return pd.DataFrame(rows, columns=["doc_id", "covered", "n_topics", "share"])


# --- prohibited content ------------------------------------------------------------


def prohibited_matrix(al: Alignment, *, doc_ids: list[str] | None = None, labels: bool = True,
                      directions=DIRECTIONS) -> pd.DataFrame:
    """One row per (category, direction); one column per document, 1 when a list of
    that document in that direction has an item of the category."""
    doc_ids = doc_ids or al.doc_ids
    have = set()
    for it in al.items:
        for c in it.categories:
            for d in it.directions:
                have.add((it.doc_id, c, d))
    rows = []
    for direction in directions:
        for cat in al.taxonomy.categories:
            row = {"category_id": cat.id, "direction": direction}
            for d in doc_ids:
                row[d] = int((d, cat.id, direction) in have)
            if labels:
                row.update(label_ja=cat.ja, label_en=cat.en, direction_ja=DIRECTION_JA[direction])
            rows.append(row)
    return pd.DataFrame(rows)


def prohibited_synopsis(al: Alignment, direction: str, *, doc_ids: list[str] | None = None) -> pd.DataFrame:
    """One row per category; each document's cell holds its original wording of the
    item(s) in that category (clean text, markers kept), so differences read directly."""
    doc_ids = doc_ids or al.doc_ids
    wanted = set(doc_ids)
    cells: dict[tuple[str, str], list[str]] = {}
    for it in al.items:
        if direction not in it.directions or it.doc_id not in wanted:
            continue
        text = al.clause(it.clause_id).clean
        for c in it.categories:
            cells.setdefault((c, it.doc_id), []).append(text)
    # Built column by column: one column per document, so a national corpus
    # makes 1,788 columns of 23 cells rather than 23 rows of 1,788 keys.
    cats = al.taxonomy.categories
    data: dict[str, list] = {"category_id": [c.id for c in cats], "label_ja": [c.ja for c in cats]}
    n_docs = [0] * len(cats)
    for d in doc_ids:
        column = []
        for i, cat in enumerate(cats):
            got = cells.get((cat.id, d))
            column.append("\n".join(got) if got else "")
            n_docs[i] += bool(got)
        data[d] = column
    data["n_docs"] = n_docs
    return pd.DataFrame(data)


_BYTE_BITS = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def _popcount(a: np.ndarray) -> np.ndarray:
    """Set bits of each uint64 (numpy >= 2 has it built in; 1.26 counts byte by byte)."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(a)
    return _BYTE_BITS[a.view(np.uint8)].reshape(*a.shape, 8).sum(axis=-1, dtype=np.uint8)


def list_similarity(al: Alignment, direction: str, *, doc_ids: list[str] | None = None) -> pd.DataFrame:
    """Jaccard similarity between the documents' category sets in one direction."""
    doc_ids = doc_ids or al.doc_ids
    sets = {d: set() for d in doc_ids}
    for it in al.items:
        if it.doc_id in sets and direction in it.directions:
            sets[it.doc_id].update(it.categories)
    # Each document's categories as a bit set: the intersection and union of
    # every pair are then two popcounts over an n × n array (a pair-by-pair loop
    # in Python takes minutes at 1,788 documents).
    cats = sorted(set().union(*sets.values()))
    bit = {c: j for j, c in enumerate(cats)}
    words = max(1, -(-len(cats) // 64))
    masks = np.zeros((len(doc_ids), words), dtype=np.uint64)
    for i, d in enumerate(doc_ids):
        for c in sets[d]:
            masks[i, bit[c] // 64] |= np.uint64(1 << (bit[c] % 64))
    inter = np.zeros((len(doc_ids), len(doc_ids)), dtype=np.intp)
    union = np.zeros_like(inter)
    for w in range(words):
        col = masks[:, w]
        inter += _popcount(col[:, None] & col[None, :])
        union += _popcount(col[:, None] | col[None, :])
    # Every (intersection, union) pair rounded once by Python's round, as a
    # look-up table: the same floats as rounding each cell.
    k = len(cats)
    ratio = np.full((k + 1) * (k + 1), np.nan)
    for u in range(1, k + 1):
        for n in range(u + 1):
            ratio[n * (k + 1) + u] = round(n / u, 3)
    return pd.DataFrame(np.take(ratio, inter * (k + 1) + union), index=doc_ids, columns=doc_ids)


# --- clauses -----------------------------------------------------------------------


def clause_table(al: Alignment, *, doc_id: str | None = None, topic: str | None = None,
                 doc_ids: list[str] | None = None) -> pd.DataFrame:
    """The normalized clause table: one row per clause, with its topics and scores."""
    if doc_id:
        al.doc(doc_id)
    if topic:
        al.taxonomy.topic(topic)
    doc_ids = [doc_id] if doc_id else (doc_ids or al.doc_ids)
    by_clause: dict[str, list] = {}
    items = {}
    for d in doc_ids:
        for a in al.per_doc[d].assignments:
            by_clause.setdefault(a.clause_id, []).append(a)
        items.update((it.clause_id, it) for it in al.per_doc[d].items)
    rows = []
    for d in doc_ids:
        for c in al.doc(d).clauses:
            assigned = by_clause.get(c.id, [])
            if topic and not any(a.topic == topic for a in assigned):
                continue
            it = items.get(c.id)
            rows.append({
                "doc_id": d, "clause_id": c.id, "kind": c.kind, "heading_path": " > ".join(c.heading_path),
                "label": c.label, "title": c.title, "text": c.text, "start": c.start, "end": c.end,
                "topics": ",".join(a.topic for a in assigned),
                "scores": ",".join(f"{a.score:g}" for a in assigned),
                "reasons": " / ".join(f"{a.topic}: {a.reason}" for a in assigned),
                "categories": ",".join(it.categories) if it else "",
                "directions": ",".join(it.directions) if it else "",
                "norm": c.norm,
            })
    return pd.DataFrame(rows, columns=["doc_id", "clause_id", "kind", "heading_path", "label", "title", "text", "start",
                                       "end", "topics", "scores", "reasons", "categories", "directions", "norm"])


def topic_clauses(al: Alignment, topic: str, *, doc_ids: list[str] | None = None) -> dict[str, list[dict]]:
    """For one topic: each document's matching clauses (with score and reason: ``why``
    is the aligner's :class:`~snscompare.align.Reason`, ``reason`` its Japanese text)."""
    al.taxonomy.topic(topic)
    doc_ids = doc_ids or al.doc_ids
    out = {}
    for d in doc_ids:
        found = []
        for a in al.assignments_in(topic, d):
            c = al.clause(a.clause_id)
            found.append({"clause_id": c.id, "heading_path": " > ".join(c.heading_path), "text": c.text,
                          "clean": c.clean, "score": a.score, "reason": a.reason, "why": a.why, "source": a.source})
        out[d] = found
    return out


def category_clauses(al: Alignment, category: str, direction: str | None = None, *,
                     doc_ids: list[str] | None = None) -> dict[str, list[dict]]:
    al.taxonomy.category(category)
    doc_ids = doc_ids or al.doc_ids
    out = {d: [] for d in doc_ids}
    for it in al.items:
        if category in it.categories and it.doc_id in out and (direction is None or direction in it.directions):
            c = al.clause(it.clause_id)
            out[it.doc_id].append({"clause_id": c.id, "heading_path": " > ".join(c.heading_path), "text": c.text,
                                   "clean": c.clean, "directions": ",".join(it.directions), "list_id": it.list_id})
    return out


def similarity_scorer(al: Alignment):
    """The rapidfuzz scorer that compares clauses' wording (``similarity_scorer`` in
    data/taxonomy.yaml; ``ratio`` by the measurement the file records)."""
    return getattr(fuzz, al.taxonomy.settings.similarity_scorer)


def cross_document_alignment(al: Alignment, topic: str, *, doc_ids: list[str] | None = None) -> pd.DataFrame:
    """For a topic: every pair of clauses from different documents, with how alike
    their wording is (0-100, rapidfuzz ratio on the SudachiPy normalized forms of each
    clause's opening 200 characters, as model clauses are compared), closest first."""
    columns = ["topic_id", "doc_a", "clause_a", "doc_b", "clause_b", "similarity"]
    tc = topic_clauses(al, topic, doc_ids=doc_ids)
    ids = [(d, c["clause_id"]) for d, cs in tc.items() for c in cs]
    if len({d for d, _ in ids}) < 2:
        return pd.DataFrame(columns=columns)
    texts = [al.opening_lemmas(c, 200) for _, c in ids]
    m = process.cdist(texts, texts, scorer=similarity_scorer(al), dtype=np.uint8, workers=1)
    docs = np.array([d for d, _ in ids], dtype=object)
    clauses = np.array([c for _, c in ids], dtype=object)
    a, b = np.triu_indices(len(ids), 1)
    keep = docs[a] != docs[b]
    a, b = a[keep], b[keep]
    out = pd.DataFrame({"topic_id": topic, "doc_a": docs[a], "clause_a": clauses[a], "doc_b": docs[b],
                        "clause_b": clauses[b], "similarity": m[a, b].astype(int)}, columns=columns)
    return out.sort_values("similarity", ascending=False, kind="stable", ignore_index=True)


# --- gaps --------------------------------------------------------------------------


@dataclass
class ModelClause:
    doc_id: str
    city: str
    clause_id: str  # the whole clause (see whole_clause)
    heading_path: str
    text: str  # verbatim: the clause's own span
    clean: str  # the clause and everything under it (its 項 and 号), as a reader sees them
    score: float
    centrality: float  # mean similarity to the other documents' clauses on the topic
    lifted: bool = False  # the topic was found in one of its items, not in the clause itself


# --- whole clauses -------------------------------------------------------------------


def _says_something(c: Clause) -> bool:
    """Whether a clause has words of its own beyond its number and title: a lead-in
    sentence such as 「管理責任者の掌握業務は、次のとおりとする。」."""
    body = c.norm
    if c.title:
        title = normalize_text(c.title)
        if body.startswith(title):
            body = body[len(title):]
    return len(_NOT_WORDS.sub("", body)) >= 6


_NOT_WORDS = re.compile(r"[\s\W_]")


def is_footnote(c: Clause) -> bool:
    """A note that explains a word of another clause (「(※4) 炎上状態とは…」)."""
    m = detect_marker(c.text.split("\n", 1)[0])
    return m is not None and m.style == "note"


def whole_clause(al: Alignment, clause_id: str, topic: str | None = None) -> str | None:
    """The clause a reader can take on its own, for ``clause_id``: an item or a
    table row that completes its parent's lead-in sentence (「次のとおりとする。」,
    「次に掲げる事項に留意…」) climbs to that parent, and so on up; with ``topic``,
    a clause also climbs to a parent on the same topic (an item of a prohibited
    list becomes the list).  A table row is never whole on its own: it climbs to
    the clause that holds the table, and a row of a blank form (様式) or of no
    clause at all is not a clause to reuse; nor is a footnote: None.

    The one rule for model clauses everywhere (不足項目, the council report, the
    check page, the draft builder)."""
    c = al.clause(clause_id)
    if is_footnote(c):
        return None
    if c.kind == "row":
        parent = al.clause(c.parent) if c.parent else None
        if parent is None or parent.kind == "form":
            return None
        c = parent
    on_topic = {a.clause_id for a in al.assignments_in(topic, c.doc_id)} if topic else set()
    while c.parent:
        parent = al.clause(c.parent)
        if (c.kind in ("item", "row") and _says_something(parent)) or parent.id in on_topic:
            c = parent
        else:
            break
    return c.id


def whole_span(al: Alignment, clause_id: str) -> tuple[int, int]:
    """(start, end) in its document's text of a clause and everything under it."""
    c = last = al.clause(clause_id)
    while last.children:
        last = al.clause(last.children[-1])
    return c.start, max(c.end, last.end)


def whole_text(al: Alignment, clause_id: str) -> str:
    """A clause and everything under it, verbatim (``clean_text`` gives the reader's copy)."""
    start, end = whole_span(al, clause_id)
    return al.doc(clause_id.split(":", 1)[0]).text[start:end]


def model_clauses(al: Alignment, topic: str, *, exclude: str | None = None,
                  doc_ids: list[str] | None = None, sample: int = 400, many_docs: int = 60) -> list[ModelClause]:
    """The best clause of each document for a topic, best first.

    Every candidate is a whole clause (:func:`whole_clause`): never a footnote, a
    row of a table or an item without its lead-in.  Within a document a clause
    that is itself on the topic comes before one reached from its items (the
    account table reached from a row that mentions 災害), then the highest score,
    ties going to the one most similar to the other documents' wording (the most
    typical phrasing), then to the shorter.  Across documents, the same order.
    With many documents the typicality is measured against a fixed, evenly spread
    sample of ``sample`` clauses, so the cost stays linear.
    """
    return _models(al, topic, exclude=exclude, doc_ids=doc_ids, sample=sample, many_docs=many_docs)


def _candidates(al: Alignment, topic: str, doc_ids: list[str]) -> list[tuple[str, dict]]:
    """(document, candidate) for every whole clause reached from a clause on the topic."""
    flat = []
    for d in doc_ids:
        found = al.assignments_in(topic, d)
        on_topic = {a.clause_id for a in found}
        best: dict[str, dict] = {}
        for a in found:
            wid = whole_clause(al, a.clause_id, topic)
            if wid is None:
                continue
            own = wid in on_topic
            got = best.get(wid)
            if got is None:
                c = al.clause(wid)
                best[wid] = {"clause_id": wid, "heading_path": " > ".join(c.heading_path), "text": c.text,
                             "score": a.score, "own": own}
            elif a.score > got["score"]:
                got["score"] = a.score
        for c in best.values():
            c["clean"] = clean_text(whole_text(al, c["clause_id"]))
            flat.append((d, c))
    return flat


def _models(al: Alignment, topic: str, *, exclude: str | None, doc_ids: list[str] | None, sample: int = 400,
            many_docs: int = 60, first_only: bool = False) -> list[ModelClause]:
    """:func:`model_clauses`; with ``first_only``, only its first element (what a
    gaps table shows), computing typicality only for the clauses that can be first."""
    al.taxonomy.topic(topic)
    wanted = set(doc_ids or al.doc_ids) - {exclude}
    covering = [d for d in al.covering(topic) if d in wanted]
    if len(covering) > many_docs:
        # Many documents: the model is chosen among an evenly spread sample of
        # ``many_docs`` of them, so a page's cost does not grow with the corpus.
        step = len(covering) / many_docs
        covering = [covering[int(i * step)] for i in range(many_docs)]
    flat = _candidates(al, topic, covering)
    if not flat:
        return []
    # Rank decides first, typicality only breaks ties: a clause below the best
    # rank of its document (or, for ``first_only``, of all documents) can never
    # be chosen, so its typicality is not computed (it stays 0 and is not shown).
    def rank(c: dict) -> tuple:
        return (c["own"], c["score"])

    if first_only:
        top = max(rank(c) for _, c in flat)
        rows = [i for i, (_, c) in enumerate(flat) if rank(c) == top]
    else:
        top_of: dict[str, tuple] = {}
        for d, c in flat:
            top_of[d] = max(top_of.get(d, rank(c)), rank(c))
        rows = [i for i, (d, c) in enumerate(flat) if rank(c) == top_of[d]]
    cen = np.zeros(len(flat))
    if len({d for d, _ in flat}) > 1:
        # Typicality: the opening of a clause carries its wording; comparing the
        # first 200 characters keeps long clauses (account tables) from dominating the cost.
        n_cols = sample
        step = max(1, len(flat) // n_cols)
        cols = list(range(0, len(flat), step))[:n_cols]
        texts = {i: al.opening_lemmas(flat[i][1]["clause_id"], 200) for i in dict.fromkeys(rows + cols)}
        m = process.cdist([texts[i] for i in rows], [texts[j] for j in cols], scorer=similarity_scorer(al), dtype=np.uint8,
                          workers=1).astype(float)
        flat_doc = np.array([d for d, _ in flat], dtype=object)
        other = flat_doc[rows][:, None] != flat_doc[cols][None, :]
        counts = other.sum(axis=1)
        cen[rows] = np.where(counts > 0, (m * other).sum(axis=1) / np.maximum(counts, 1), 0.0)
    cen = [round(float(x), 1) for x in cen.tolist()]
    best: dict[str, tuple] = {}
    for i in rows:
        d, c = flat[i]
        key = (*rank(c), cen[i], -len(c["clean"]))
        if d not in best or key > best[d][0]:
            best[d] = (key, c, cen[i])
    out = [(key, ModelClause(d, al.doc(d).name, c["clause_id"], c["heading_path"], c["text"], c["clean"],
                             c["score"], ce, not c["own"])) for d, (key, c, ce) in best.items()]
    out.sort(key=lambda x: x[0], reverse=True)
    return [m for _, m in out[:1]] if first_only else [m for _, m in out]


def _topic_gaps(al: Alignment, doc_id: str, doc_ids: list[str] | None, min_docs: int):
    """(topic, covering documents, number of others) for each topic ``doc_id``
    lacks and at least ``min_docs`` of the other documents cover."""
    al.doc(doc_id)
    doc_ids = doc_ids or al.doc_ids
    others = [d for d in doc_ids if d != doc_id]
    have = covered_topics(al, doc_id)
    out = []
    for t in al.taxonomy.topics:
        if t.id in have:
            continue
        covers = al.covering(t.id)
        covering = [d for d in others if d in covers]
        if len(covering) >= min_docs:
            out.append((t, covering, len(others)))
    return out


def gaps_for(al: Alignment, doc_id: str, *, doc_ids: list[str] | None = None, min_docs: int = 1) -> pd.DataFrame:
    """Topics ``doc_id`` lacks that other documents cover, ranked by how many cover
    them, each with the best model clause from another document."""
    rows = []
    for t, covering, n_others in _topic_gaps(al, doc_id, doc_ids, min_docs):
        models = _models(al, t.id, exclude=doc_id, doc_ids=covering, first_only=True)
        best = models[0] if models else None
        rows.append({
            "topic_id": t.id, "label_ja": t.ja, "label_en": t.en, "group": t.group,
            "n_docs": len(covering), "n_others": n_others, "covered_by": ",".join(covering),
            "model_doc": best.doc_id if best else "", "model_city": best.city if best else "",
            "model_clause_id": best.clause_id if best else "", "model_text": best.clean if best else "",
        })
    df = pd.DataFrame(rows, columns=["topic_id", "label_ja", "label_en", "group", "n_docs", "n_others", "covered_by",
                                     "model_doc", "model_city", "model_clause_id", "model_text"])
    order = {t: i for i, t in enumerate(al.taxonomy.topic_ids)}
    df["_o"] = df["topic_id"].map(order)
    return df.sort_values(["n_docs", "_o"], ascending=[False, True]).drop(columns="_o").reset_index(drop=True)


def prohibited_gaps_for(al: Alignment, doc_id: str, *, doc_ids: list[str] | None = None) -> pd.DataFrame:
    """Prohibited categories (per direction) the document's lists lack that others have."""
    doc_ids = doc_ids or al.doc_ids
    pm = prohibited_matrix(al, doc_ids=doc_ids)
    others = [d for d in doc_ids if d != doc_id]
    pm["n_docs"] = pm[others].sum(axis=1)
    keep = (pm[doc_id] == 0) & (pm["n_docs"] > 0)
    out = pm[keep][["category_id", "direction", "label_ja", "direction_ja", "n_docs"]]
    have = pm.loc[keep, others].to_numpy(dtype=bool)
    names = np.array(others, dtype=object)
    out = out.assign(covered_by=[",".join(names[row]) for row in have])
    # What most of the others have first, whatever its direction (users' posts before the
    # municipality's among equals, then the taxonomy's order: the matrix's row order).
    return out.sort_values("n_docs", ascending=False, kind="stable").reset_index(drop=True)


def gap_summary(al: Alignment, doc_id: str, *, doc_ids: list[str] | None = None, lang: str = "ja",
                gaps: pd.DataFrame | None = None, min_docs: int | None = None) -> str:
    """A line a council member can quote: topics covered, and how many of the topics
    at least ``min_docs`` of the other documents cover it lacks (default: all the others
    but one), saying too whether any topic every other document covers is among them.
    ``gaps``: the result of :func:`gaps_for`, if already computed."""
    doc_ids = doc_ids or al.doc_ids
    n = len(al.taxonomy.topics)
    k = len(covered_topics(al, doc_id) & set(al.taxonomy.topic_ids))
    others = len([d for d in doc_ids if d != doc_id])
    strong = min_docs if min_docs else (max(1, others - 1) if others >= 2 else 1)
    if gaps is None:
        # Only the counts are quoted: the model clauses of gaps_for are not needed.
        counts = [len(covering) for _, covering, _ in _topic_gaps(al, doc_id, doc_ids, 1)]
    else:
        counts = gaps["n_docs"].tolist()
    n_strong = sum(c >= strong for c in counts)
    n_all = sum(c >= others for c in counts) if others else 0
    name = al.doc(doc_id).name_in(lang)
    line = t("gap_summary", lang, name=name, n=n, k=k, others=others, strong=strong, lacking=n_strong)
    if strong < others:  # is anything every other document has among them?
        line += t("gap_summary_all", lang, others=others, n=n_all) if n_all else t("gap_summary_all_none", lang, others=others)
    return line


# The Latin name a cue of the topic ``platforms`` starts with ("line(" -> line,
# "x(旧" -> x, "lineアカウント" -> line); cues that are phrases (snsの種類) name no service.
_SERVICE_NAME = re.compile(r"([a-z][a-z ]*?)(?=$|[(（、]|[ァ-ヶー一-龥])")


def named_platforms(al: Alignment, doc_id: str) -> list[str]:
    """The services a document names.  Their names are those the cues of the
    taxonomy's topic ``platforms`` start with (the aligner's vocabulary is the one list
    of them: facebook, x, line, …); a document names one when the name stands as a
    word of its own (LINE, not online), spelled as the document spells it (Facebook, X,
    LINE); in the order of the cues."""
    names: list[str] = []
    for cue in al.taxonomy.topic("platforms").cues:
        m = None if cue.is_regex else _SERVICE_NAME.match(cue.text)
        if m and m.group(1).replace(" ", "") not in names:
            names.append(m.group(1).replace(" ", ""))
    text = unicodedata.normalize("NFKC", al.doc(doc_id).text)
    found = []
    for name in names:
        word = r"\s?".join(re.escape(ch) for ch in name)
        hit = re.search(rf"(?<![a-z0-9]){word}(?![a-z0-9])", text, re.IGNORECASE)
        if hit:
            found.append(re.sub(r"\s", "", hit.group(0)))
    return found


def documents_table(al: Alignment, *, lang: str = "ja") -> pd.DataFrame:
    """The documents at a glance (home page)."""
    n = len(al.taxonomy.topics)
    topic_ids = set(al.taxonomy.topic_ids)
    rows = []
    for d in al.docs:
        k = len(covered_topics(al, d.id) & topic_ids)
        rows.append({
            "doc_id": d.id, "city": d.name_in(lang), "prefecture": d.prefecture, "title": d.title, "kind": d.kind,
            "audience": d.audience,
            "dates": t("list_sep", lang).join(x.wareki for x in d.dates),
            "n_clauses": len(d.clauses), "topics_covered": k, "coverage": round(100 * k / n, 1),
            "platforms": t("list_sep", lang).join(named_platforms(al, d.id)),
        })
    return pd.DataFrame(rows, columns=["doc_id", "city", "prefecture", "title", "kind", "audience", "dates", "n_clauses",
                                       "topics_covered", "coverage", "platforms"])
