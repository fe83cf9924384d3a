"""Table shaping for the dashboard: the library's tables filtered, labelled and
reduced to what a page shows (and exports).  Pure functions, no streamlit.

Every view keeps the id columns of the library's tables (``topic_id``,
``doc_id``, ...) beside the labels, in the reader's language; :func:`headers`
gives each column the header a reader sees (ids folded away on screen unless
asked for, kept in every export), from the catalogue.
"""
from __future__ import annotations

import difflib
import html

import pandas as pd
from rapidfuzz import fuzz

from .align import Alignment
from .i18n import reason_text as render_reason
from .i18n import t
from .normalize import normalize_text
from .parser import Clause

# --- headers: the words a reader sees above each column -----------------------------------

# Column -> the catalogue message of its header.  Columns named after a document
# (one per document, in the wide tables) take the document's name instead.
HEADERS = {
    "topic_id": "col_topic_id", "topic": "col_topic", "group": "col_group",
    "category_id": "col_category_id", "category": "col_category", "direction": "col_direction",
    "direction_id": "col_direction_id", "doc_id": "col_doc_id", "city": "col_city", "name": "col_city",
    "prefecture": "col_prefecture", "title": "col_title", "kind": "col_kind", "audience": "col_audience",
    "dates": "col_dates", "n_clauses": "col_n_clauses", "topics_covered": "col_topics_covered",
    "coverage": "col_coverage", "platforms": "col_platforms", "clause_id": "col_clause_id",
    "place": "col_place", "heading_path": "col_heading", "text": "col_text", "score": "col_score",
    "reason": "col_reason", "n_docs": "col_n_docs", "covered_by": "col_covered_by",
    "model_doc": "col_model_doc", "model_city": "col_model_city", "model_clause_id": "col_model_clause",
    "model_text": "col_model_text", "covered": "col_covered", "n_topics": "col_n_topics_all",
    "share": "col_share", "list_id": "col_list", "items": "col_items", "match": "col_match",
    "topics": "col_topics", "topic_ids": "col_topic_ids", "rank": "col_rank", "similarity": "col_similarity",
    "topic_score": "col_topic_similarity", "prohibited_score": "col_prohibited_similarity",
    "n_shared": "col_n_shared", "only_chosen": "col_only_chosen", "only_other": "col_only_other",
    "shared_topics": "col_shared_topics", "doc_a": "col_doc_a", "clause_a": "col_clause_a",
    "doc_b": "col_doc_b", "clause_b": "col_clause_b", "city_a": "col_city_a", "city_b": "col_city_b",
    "place_a": "col_place_a", "place_b": "col_place_b", "text_a": "col_text_a", "text_b": "col_text_b",
}
# Columns of ids: for scripts and for joining tables, not for reading.  Shown on
# screen only when the reader asks for ids; always kept in exports.
ID_COLUMNS = frozenset({"topic_id", "category_id", "direction_id", "doc_id", "clause_id", "model_doc",
                        "model_clause_id", "list_id", "topic_ids", "doc_a", "clause_a", "doc_b", "clause_b"})


def doc_names(al: Alignment, doc_ids, lang: str = "ja") -> dict[str, str]:
    """Document id -> its name in ``lang`` (小諸市 / Komoro)."""
    return {d: al.doc(d).name_in(lang) for d in doc_ids}


def headers(columns, lang: str = "ja", *, docs: dict[str, str] | None = None,
            extra: dict[str, str] | None = None) -> dict[str, str]:
    """Column -> header in ``lang``: a document's name for its column (``docs``),
    then ``extra``, then the catalogue (:data:`HEADERS`); other columns keep their
    name.  Two columns never get the same header (the second one names its id)."""
    out, used = {}, set()
    for c in columns:
        if docs and c in docs:
            label = docs[c]
        elif extra and c in extra:
            label = extra[c]
        elif c in HEADERS:
            label = t(HEADERS[c], lang)
        else:
            label = str(c)
        if label in used:
            label = t("col_same_name", lang, label=label, id=c)
        used.add(label)
        out[c] = label
    return out


def with_headers(df: pd.DataFrame, lang: str = "ja", *, docs: dict[str, str] | None = None,
                 extra: dict[str, str] | None = None) -> pd.DataFrame:
    """``df`` with the headers a reader of ``lang`` sees (what the dashboard exports)."""
    return df.rename(columns=headers(df.columns, lang, docs=docs, extra=extra))


def shown_columns(df: pd.DataFrame, *, ids: bool = False) -> list[str]:
    """The columns shown on screen: all of them with ``ids``, otherwise all but the id columns."""
    return [c for c in df.columns if ids or c not in ID_COLUMNS]


def varies(values) -> bool:
    """True when a column holds more than one value (a score that is always 100 says nothing)."""
    return pd.Series(values).dropna().nunique() > 1


def joined(items, lang: str = "ja") -> str:
    """Items in one cell, with the separator of ``lang`` (、 / , )."""
    return t("list_sep", lang).join(items)


def clause_place(c: Clause) -> str:
    """Where a clause is, in its document's own words: the headings above it, then
    its number and title (第5条 管理責任者等の設置 > 3 > (2))."""
    own = " ".join(x for x in (c.label, c.title) if x)
    return " > ".join([*c.heading_path, own] if own else list(c.heading_path))


def why(reason, al: Alignment, lang: str = "ja") -> str:
    """An aligner's reason in ``lang``, the clauses it names by their place (第12条 …)."""
    def place(clause_id: str) -> str:
        try:
            return clause_place(al.clause(clause_id)) or clause_id
        except KeyError:
            return clause_id

    return render_reason(reason, lang, clause=place)


def reason_text(found: dict, al: Alignment, lang: str = "ja") -> str:
    """Why the aligner placed a clause (an entry of :func:`tables.topic_clauses`), in ``lang``."""
    reason = found.get("why")
    return why(reason, al, lang) if reason is not None else found.get("reason", "")


# --- coverage ------------------------------------------------------------------------


def coverage_view(cm: pd.DataFrame, al: Alignment, doc_ids: list[str], *, groups: list[str] | None = None,
                  lang: str = "ja") -> pd.DataFrame:
    """The coverage matrix as the page shows it: ``topic_id``, topic and group
    labels in ``lang``, then one count column per document; rows of ``groups`` only."""
    df = cm if not groups else cm[cm["group"].isin(groups)]
    tax = al.taxonomy
    out = pd.DataFrame({"topic_id": df["topic_id"], "topic": [tax.topic(x).label(lang) for x in df["topic_id"]],
                        "group": [tax.group_label(g, lang) for g in df["group"]]})
    for d in doc_ids:
        out[d] = df[d].astype(int)
    return out.reset_index(drop=True)


def spread(view: pd.DataFrame, doc_ids: list[str], id_col: str, label_col: str) -> dict[str, list[tuple]]:
    """Rows held by every document, by exactly one (with which), and by none."""
    held = view[doc_ids].gt(0).to_numpy()
    n = held.sum(axis=1)
    ids, labels = view[id_col].tolist(), view[label_col].tolist()
    every = [(i, lb) for i, lb, k in zip(ids, labels, n) if k == len(doc_ids)]
    one = [(i, lb, doc_ids[int(h.argmax())]) for i, lb, k, h in zip(ids, labels, n, held) if k == 1]
    none = [(i, lb) for i, lb, k in zip(ids, labels, n) if k == 0]
    return {"all": every, "only_one": one, "none": none}


def cell_clauses(found: list[dict], al: Alignment, doc_id: str, *, lang: str = "ja") -> pd.DataFrame:
    """The clauses of one cell of the coverage matrix (one document, one topic), as a
    table to download: where each is, why it was placed there, and its text."""
    rows = [{"doc_id": doc_id, "city": al.doc(doc_id).name_in(lang), "clause_id": c["clause_id"],
             "place": clause_place(al.clause(c["clause_id"])), "score": c["score"], "reason": reason_text(c, al, lang),
             "text": c["clean"]} for c in found]
    return pd.DataFrame(rows, columns=["doc_id", "city", "clause_id", "place", "score", "reason", "text"])


# --- prohibited ------------------------------------------------------------------------


def prohibited_view(pm: pd.DataFrame, al: Alignment, doc_ids: list[str], direction: str, *,
                    lang: str = "ja") -> pd.DataFrame:
    df = pm[pm["direction"] == direction]
    out = pd.DataFrame({"category_id": df["category_id"],
                        "category": [al.taxonomy.category(c).label(lang) for c in df["category_id"]]})
    for d in doc_ids:
        out[d] = df[d].astype(int)
    return out.reset_index(drop=True)


def synopsis_view(syn: pd.DataFrame, al: Alignment, doc_ids: list[str], *, lang: str = "ja") -> pd.DataFrame:
    """The synoptic table without rows no document has; labels in ``lang``; the
    categories most documents list first (then in the taxonomy's order)."""
    df = syn[syn["n_docs"] > 0]
    labels = {c.id: c.label(lang) for c in al.taxonomy.categories}
    out = pd.DataFrame({"category_id": df["category_id"], "category": df["category_id"].map(labels)})
    out["n_docs"] = df["n_docs"]
    for d in doc_ids:
        out[d] = df[d]
    return out.sort_values("n_docs", ascending=False, kind="stable").reset_index(drop=True)


def list_reasons(al: Alignment, doc_ids: list[str], *, lang: str = "ja") -> pd.DataFrame:
    """Each prohibited list, each direction it applies in, and why (from the aligner)."""
    rows = []
    for lst in al.lists:
        if lst.doc_id not in doc_ids:
            continue
        for direction in lst.directions:
            rows.append({"doc_id": lst.doc_id, "city": al.doc(lst.doc_id).name_in(lang), "list_id": lst.clause_id,
                         "place": clause_place(al.clause(lst.clause_id)), "direction_id": direction,
                         "direction": t(f"dir_{direction}", lang), "items": len(lst.items),
                         "reason": why(lst.why[direction], al, lang) if direction in lst.why else ""})
    return pd.DataFrame(rows, columns=["doc_id", "city", "list_id", "place", "direction_id", "direction", "items",
                                       "reason"])


# --- clauses ------------------------------------------------------------------------------


def found_table(found: dict[str, list[dict]], al: Alignment, *, lang: str = "ja") -> pd.DataFrame:
    """The clauses of a topic / category view as one table (for listing and export)."""
    rows = []
    for d, cs in found.items():
        for c in cs:
            rows.append({"doc_id": d, "city": al.doc(d).name_in(lang), "clause_id": c["clause_id"],
                         "place": clause_place(al.clause(c["clause_id"])), "score": c.get("score"),
                         "reason": reason_text(c, al, lang), "text": c["clean"]})
    return pd.DataFrame(rows, columns=["doc_id", "city", "clause_id", "place", "score", "reason", "text"])


def similar_pairs(pairs: pd.DataFrame, al: Alignment, *, lang: str = "ja", limit: int = 10) -> pd.DataFrame:
    """The pairs of clauses from two documents whose wording is closest
    (:func:`tables.cross_document_alignment`), with names, places and texts."""
    top = pairs.head(limit)
    rows = []
    for r in top.itertuples():
        a, b = al.clause(r.clause_a), al.clause(r.clause_b)
        rows.append({"doc_a": r.doc_a, "clause_a": r.clause_a, "doc_b": r.doc_b, "clause_b": r.clause_b,
                     "similarity": r.similarity,
                     "city_a": al.doc(r.doc_a).name_in(lang), "place_a": clause_place(a),
                     "city_b": al.doc(r.doc_b).name_in(lang), "place_b": clause_place(b),
                     "text_a": a.clean, "text_b": b.clean})
    return pd.DataFrame(rows, columns=["doc_a", "clause_a", "doc_b", "clause_b", "similarity", "city_a", "place_a",
                                       "city_b", "place_b", "text_a", "text_b"])


def diff_html(a: str, b: str) -> str:
    """Character-level differences of two texts as HTML.

    Every piece of document text is passed through :func:`html.escape`; the only
    markup is the ``<del>``/``<ins>`` spans and line breaks added here, so the result
    is safe to render as HTML.
    """
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out = []

    def esc(s: str) -> str:
        return html.escape(s, quote=True).replace("\n", "<br>")

    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append(esc(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            out.append('<del style="background:#fde2e1;color:#8a1c12">' + esc(a[i1:i2]) + "</del>")
        if op in ("insert", "replace"):
            out.append('<ins style="background:#dcf5e3;color:#0f5323">' + esc(b[j1:j2]) + "</ins>")
    return '<div style="line-height:1.9;white-space:normal">' + "".join(out) + "</div>"


def diff_ratio(a: str, b: str) -> float:
    return 100 * difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def search_clauses(al: Alignment, query: str, doc_ids: list[str], *, fuzzy_cutoff: int = 80,
                   limit: int = 50, lang: str = "ja") -> pd.DataFrame:
    """Clauses containing ``query`` (on the NFKC copies, so ＳＮＳ finds SNS) first, then
    clauses with a close partial match (rapidfuzz ``partial_ratio``, character level,
    which suits Japanese).  ``topics``: the topics of each clause in ``lang``
    (``topic_ids``: the same as ids); ``match``: ``substring`` or ``fuzzy``."""
    q = normalize_text(query or "").strip()
    cols = ["doc_id", "city", "clause_id", "place", "topic_ids", "topics", "match", "score", "text"]
    if not q:
        return pd.DataFrame(columns=cols)
    topics: dict[str, list[str]] = {}
    for a in al.assignments:
        topics.setdefault(a.clause_id, []).append(a.topic)
    rows = []
    for d in doc_ids:
        for c in al.doc(d).clauses:
            if q in c.norm:
                kind, score = "substring", 100.0
            elif len(q) >= 3:
                score = fuzz.partial_ratio(q, c.norm, score_cutoff=fuzzy_cutoff)
                if not score:
                    continue
                kind = "fuzzy"
            else:
                continue
            ids = list(dict.fromkeys(topics.get(c.id, [])))
            rows.append({"doc_id": d, "city": al.doc(d).name_in(lang), "clause_id": c.id, "place": clause_place(c),
                         "topic_ids": ",".join(ids), "topics": joined((al.taxonomy.topic(x).label(lang) for x in ids), lang),
                         "match": kind, "score": round(float(score), 1), "text": c.clean})
    df = pd.DataFrame(rows, columns=cols)
    # Deepest clause first among equals: a list item is more specific than its article.
    df["_len"] = df["text"].str.len()
    df = df.sort_values(["score", "_len"], ascending=[False, True], kind="stable").drop(columns="_len")
    return df.head(limit).reset_index(drop=True)


# --- gaps -----------------------------------------------------------------------------------


def _names(ids: str, al: Alignment, lang: str) -> str:
    """Comma-separated document ids as their names in ``lang``."""
    return joined((al.doc(x).name_in(lang) for x in ids.split(",") if x), lang)


def check_matches_view(report, al: Alignment, *, lang: str = "ja") -> pd.DataFrame:
    """The clauses of a checked draft placed under each topic (:class:`snscompare.check.CheckReport`),
    as a reader of ``lang`` sees them: topic, where the clause is, why, its text."""
    rows = []
    for topic, clauses in report.covered.items():
        for m in clauses:
            c = al.clause(m.clause_id)
            rows.append({"topic_id": topic, "topic": al.taxonomy.topic(topic).label(lang), "clause_id": m.clause_id,
                         "place": clause_place(c), "score": m.score,
                         "reason": why(m.why, al, lang) if m.why is not None else m.reason, "text": m.text})
    return pd.DataFrame(rows, columns=["topic_id", "topic", "clause_id", "place", "score", "reason", "text"])


def check_unplaced_view(report, al: Alignment) -> pd.DataFrame:
    """The clauses of a checked draft that no topic took, with where each is."""
    return pd.DataFrame([{"clause_id": m.clause_id, "place": clause_place(al.clause(m.clause_id)), "text": m.text}
                         for m in report.unplaced], columns=["clause_id", "place", "text"])


def gaps_view(gaps: pd.DataFrame, al: Alignment, *, lang: str = "ja") -> pd.DataFrame:
    """The topics a document lacks (:func:`tables.gaps_for`), labelled in ``lang``."""
    return pd.DataFrame({
        "topic_id": gaps["topic_id"],
        "topic": [al.taxonomy.topic(x).label(lang) for x in gaps["topic_id"]],
        "n_docs": gaps["n_docs"],
        "covered_by": [_names(s, al, lang) for s in gaps["covered_by"]],
        "model_doc": gaps["model_doc"],
        "model_city": [al.doc(d).name_in(lang) if d else "" for d in gaps["model_doc"]],
        "model_clause_id": gaps["model_clause_id"],
        "model_text": gaps["model_text"],
    })


def prohibited_gaps_view(pg: pd.DataFrame, al: Alignment, *, lang: str = "ja") -> pd.DataFrame:
    """The prohibited categories a document's lists lack (:func:`tables.prohibited_gaps_for`)."""
    return pd.DataFrame({
        "category_id": pg["category_id"],
        "category": [al.taxonomy.category(c).label(lang) for c in pg["category_id"]],
        "direction_id": pg["direction"],
        "direction": [t(f"dir_{x}", lang) for x in pg["direction"]],
        "n_docs": pg["n_docs"],
        "covered_by": [_names(s, al, lang) for s in pg["covered_by"]],
    })


def gap_report_markdown(al: Alignment, doc_id: str, doc_ids: list[str], *, lang: str = "ja") -> str:
    """A Markdown report for a council (:func:`snscompare.report.council_report`):
    the summary, the topics lacked with a model clause each (quoted whole, with
    its source), and the prohibited categories lacked."""
    from .report import council_report

    return council_report(al, doc_id, doc_ids, lang=lang).to_markdown()


# --- groups (prefecture, kind) and similar documents --------------------------------------


def group_label(value: str, lang: str = "ja") -> str:
    """A prefecture or kind as shown; the empty value (no metadata) is 「（不明）」."""
    return value if value else t("grp_unknown", lang)


def _column_id(value: str, lang: str) -> str:
    return value if value else group_label(value, lang)


def group_columns(shares: pd.DataFrame, by: str, *, lang: str = "ja") -> dict[str, str]:
    """Column of the group views -> header with the group's size, e.g. 長野県（12）."""
    return {_column_id(v, lang): f"{group_label(v, lang)}（{n}）" for v, n in zip(shares[by], shares["n_docs"])}


def overall_shares(shares: pd.DataFrame, columns) -> pd.Series:
    """The shares over every document of the groups (each group's share weighted by its size)."""
    n = shares["n_docs"].to_numpy(dtype=float)
    counts = (shares[list(columns)].to_numpy(dtype=float) * n[:, None]).round().sum(axis=0)
    return pd.Series(counts / max(n.sum(), 1.0), index=list(columns))


def group_coverage_view(shares: pd.DataFrame, al: Alignment, by: str, *, lang: str = "ja",
                        total: pd.Series | None = None) -> pd.DataFrame:
    """The share (%, one decimal) of each group's documents covering each topic:
    ``topic_id``, topic and topic-group labels in ``lang``, then ``all`` (every
    document in scope, when ``total`` is given: the shares over all of them) and one
    column per group (prefecture or kind, as written)."""
    topics = al.taxonomy.topics
    out = pd.DataFrame({"topic_id": [x.id for x in topics], "topic": [x.label(lang) for x in topics],
                        "group": [al.taxonomy.group_label(x.group, lang) for x in topics]})
    if total is not None:
        out["all"] = [round(100 * float(total[x.id]), 1) for x in topics]
    for _, r in shares.iterrows():
        out[_column_id(r[by], lang)] = [round(100 * float(r[x.id]), 1) for x in topics]
    return out


def group_prohibited_view(shares: pd.DataFrame, al: Alignment, by: str, direction: str, *, lang: str = "ja",
                          total: pd.Series | None = None) -> pd.DataFrame:
    """The share (%) of each group's documents whose lists in ``direction`` have an
    item of each category: ``category_id``, label, ``all``, one column per group."""
    df = shares[shares["direction"] == direction]
    cats = al.taxonomy.categories
    out = pd.DataFrame({"category_id": [c.id for c in cats], "category": [c.label(lang) for c in cats]})
    if total is not None:
        out["all"] = [round(100 * float(total[c.id]), 1) for c in cats]
    for _, r in df.iterrows():
        out[_column_id(r[by], lang)] = [round(100 * float(r[c.id]), 1) for c in cats]
    return out


def group_sizes_view(shares: pd.DataFrame, by: str, *, lang: str = "ja") -> pd.DataFrame:
    """Each group and its number of documents (and share of the documents in scope)."""
    n = int(shares["n_docs"].sum())
    return pd.DataFrame({by: [group_label(v, lang) for v in shares[by]], "n_docs": shares["n_docs"].astype(int),
                         "share": [round(100 * k / n, 1) if n else 0.0 for k in shares["n_docs"]]})


def topic_names(ids: str, al: Alignment, lang: str = "ja") -> list[str]:
    """Topic labels of comma-separated topic ids."""
    return [al.taxonomy.topic(x).label(lang) for x in ids.split(",") if x]


def similar_view(sim: pd.DataFrame, al: Alignment, *, lang: str = "ja") -> pd.DataFrame:
    """The similar documents with scores in % and topic lists as labels."""
    labels = {x.id: x.label(lang) for x in al.taxonomy.topics}

    def names(ids: str) -> str:
        return joined((labels.get(x, x) for x in ids.split(",") if x), lang)

    return pd.DataFrame({
        "rank": range(1, len(sim) + 1),
        "doc_id": sim["doc_id"], "name": [al.doc(d).name_in(lang) for d in sim["doc_id"]],
        "prefecture": [group_label(v, lang) for v in sim["prefecture"]], "kind": sim["kind"],
        "score": (100 * sim["score"].astype(float)).round(1),
        "topic_score": (100 * sim["topic_score"].astype(float)).round(1),
        "prohibited_score": (100 * sim["prohibited_score"].astype(float)).round(1),
        "n_shared": sim["n_shared"],
        "only_chosen": sim["only_chosen"].map(names),
        "only_other": sim["only_other"].map(names),
        "shared_topics": sim["shared_topics"].map(names),
    })
