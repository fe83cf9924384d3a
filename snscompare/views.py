"""Table shaping for the dashboard: the library's tables filtered, labelled and
reduced to what a page shows (and exports).  Pure functions, no streamlit.
"""
from __future__ import annotations

import difflib
import html

import pandas as pd
from rapidfuzz import fuzz

from .align import Alignment
from .escaping import markdown_literal
from .i18n import t
from .normalize import normalize_text
from .tables import gap_summary, gaps_for, model_clauses, prohibited_gaps_for

# --- coverage ------------------------------------------------------------------------


def coverage_view(cm: pd.DataFrame, doc_ids: list[str], *, groups: list[str] | None = None,
                  lang: str = "ja") -> pd.DataFrame:
    """The coverage matrix as the page shows it: ``topic_id``, topic label and group
    label in ``lang``, then one count column per document; rows of ``groups`` only."""
    df = cm if not groups else cm[cm["group"].isin(groups)]
    label = "label_ja" if lang == "ja" else "label_en"
    out = pd.DataFrame({"topic_id": df["topic_id"], "topic": df[label],
                        "group": df["group_ja"] if lang == "ja" else df["group"].str.capitalize()})
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


def share_table(view: pd.DataFrame, al: Alignment, doc_ids: list[str]) -> pd.DataFrame:
    """Per document: topics covered among the rows shown, and the share."""
    n = len(view)
    rows = []
    for d in doc_ids:
        k = int(view[d].gt(0).sum())
        rows.append({"doc_id": d, "city": al.doc(d).name, "covered": k, "topics": n,
                     "share": round(100 * k / n, 1) if n else 0.0})
    return pd.DataFrame(rows, columns=["doc_id", "city", "covered", "topics", "share"])


# --- prohibited ------------------------------------------------------------------------


def prohibited_view(pm: pd.DataFrame, doc_ids: list[str], direction: str, *, lang: str = "ja") -> pd.DataFrame:
    df = pm[pm["direction"] == direction]
    out = pd.DataFrame({"category_id": df["category_id"],
                        "category": df["label_ja"] if lang == "ja" else df["label_en"]})
    for d in doc_ids:
        out[d] = df[d].astype(int)
    return out.reset_index(drop=True)


def synopsis_view(syn: pd.DataFrame, al: Alignment, doc_ids: list[str], *, lang: str = "ja") -> pd.DataFrame:
    """The synoptic table without rows no document has; labels in ``lang``."""
    df = syn[syn["n_docs"] > 0]
    labels = {c.id: c.label(lang) for c in al.taxonomy.categories}
    out = pd.DataFrame({"category_id": df["category_id"], "category": df["category_id"].map(labels)})
    for d in doc_ids:
        out[d] = df[d]
    out["n_docs"] = df["n_docs"]
    return out.reset_index(drop=True)


def list_reasons(al: Alignment, doc_ids: list[str], *, lang: str = "ja") -> pd.DataFrame:
    """Each prohibited list, each direction it applies in, and why (from the aligner)."""
    rows = []
    for lst in al.lists:
        if lst.doc_id not in doc_ids:
            continue
        for direction in lst.directions:
            rows.append({"doc_id": lst.doc_id, "city": al.doc(lst.doc_id).name, "list": lst.clause_id,
                         "direction": direction, "direction_label": t(f"dir_{direction}", lang),
                         "items": len(lst.items), "reason": lst.why[direction].text(lang) if direction in lst.why else ""})
    return pd.DataFrame(rows, columns=["doc_id", "city", "list", "direction", "direction_label", "items", "reason"])


# --- clauses ------------------------------------------------------------------------------


def found_table(found: dict[str, list[dict]], al: Alignment) -> pd.DataFrame:
    """The clauses of a topic / category view as one table (for listing and export)."""
    rows = []
    for d, cs in found.items():
        for c in cs:
            rows.append({"doc_id": d, "city": al.doc(d).name, "clause_id": c["clause_id"],
                         "heading_path": c["heading_path"], "score": c.get("score"), "reason": c.get("reason", ""),
                         "text": c["clean"]})
    return pd.DataFrame(rows, columns=["doc_id", "city", "clause_id", "heading_path", "score", "reason", "text"])


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
                   limit: int = 50) -> pd.DataFrame:
    """Clauses containing ``query`` (on the NFKC copies, so ＳＮＳ finds SNS) first, then
    clauses with a close partial match (rapidfuzz ``partial_ratio``, character level,
    which suits Japanese)."""
    q = normalize_text(query or "").strip()
    cols = ["doc_id", "city", "clause_id", "heading_path", "topics", "match", "score", "text"]
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
            rows.append({"doc_id": d, "city": al.doc(d).name, "clause_id": c.id,
                         "heading_path": " > ".join(c.heading_path), "topics": ",".join(topics.get(c.id, [])),
                         "match": kind, "score": round(float(score), 1), "text": c.clean})
    df = pd.DataFrame(rows, columns=cols)
    # Deepest clause first among equals: a list item is more specific than its article.
    df["_len"] = df["text"].str.len()
    df = df.sort_values(["score", "_len"], ascending=[False, True], kind="stable").drop(columns="_len")
    return df.head(limit).reset_index(drop=True)


# --- gaps -----------------------------------------------------------------------------------


def gaps_view(gaps: pd.DataFrame, al: Alignment, *, lang: str = "ja") -> pd.DataFrame:
    names = {d.id: d.name for d in al.docs}
    return pd.DataFrame({
        "topic_id": gaps["topic_id"],
        "topic": gaps["label_ja"] if lang == "ja" else gaps["label_en"],
        "n_docs": gaps["n_docs"],
        "covered_by": gaps["covered_by"].map(lambda s: "、".join(names.get(x, x) for x in s.split(",") if x)),
        "model_city": gaps["model_city"],
        "model_clause_id": gaps["model_clause_id"],
        "model_text": gaps["model_text"],
    })


def prohibited_gaps_view(pg: pd.DataFrame, al: Alignment, *, lang: str = "ja") -> pd.DataFrame:
    names = {d.id: d.name for d in al.docs}
    labels = {c.id: c.label(lang) for c in al.taxonomy.categories}
    return pd.DataFrame({
        "category_id": pg["category_id"],
        "category": pg["category_id"].map(labels),
        "direction": pg["direction"].map(lambda x: t(f"dir_{x}", lang)),
        "n_docs": pg["n_docs"],
        "covered_by": pg["covered_by"].map(lambda s: "、".join(names.get(x, x) for x in s.split(",") if x)),
    })


def gap_report_markdown(al: Alignment, doc_id: str, doc_ids: list[str], *, lang: str = "ja") -> str:
    """A Markdown report for a council: the summary, the topics lacked with model
    clauses (quoted, with their source), and the prohibited categories lacked.
    Names and clause text come from documents: shown literally (:func:`markdown_literal`)."""
    md = markdown_literal
    doc = al.doc(doc_id)
    others = [d for d in doc_ids if d != doc_id]
    lines = [f"# {t('rep_title', lang, city=md(doc.name))}", "",
             t("rep_compared", lang, cities=md("、".join(al.doc(d).name for d in others))), "",
             f"## {t('rep_summary', lang)}", "", md(gap_summary(al, doc_id, doc_ids=doc_ids, lang=lang)), ""]
    gaps = gaps_for(al, doc_id, doc_ids=doc_ids)
    lines += [f"## {t('rep_topics', lang)}", ""]
    if gaps.empty:
        lines += [t("rep_none", lang), ""]
    for _, g in gaps.iterrows():
        label = g["label_ja"] if lang == "ja" else g["label_en"]
        lines += [f"### {md(label)}（{g['n_docs']}/{g['n_others']}）", ""]
        covering = [x for x in g["covered_by"].split(",") if x]
        for m in model_clauses(al, g["topic_id"], exclude=doc_id, doc_ids=covering):
            lines += [t("rep_source", lang, city=md(m.city), clause_id=md(m.clause_id)), ""]
            lines += ["> " + md(ln) if ln.strip() else ">" for ln in m.clean.splitlines()]
            lines.append("")
    pg = prohibited_gaps_view(prohibited_gaps_for(al, doc_id, doc_ids=doc_ids), al, lang=lang)
    lines += [f"## {t('rep_prohibited', lang)}", ""]
    if pg.empty:
        lines += [t("rep_none", lang), ""]
    for _, r in pg.iterrows():
        lines.append(f"- {md(r['category'])}（{md(r['direction'])}）: {md(r['covered_by'])}")
    return "\n".join(lines).rstrip() + "\n"


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
                        "group": [al.taxonomy.group_label(x.group, lang) if lang == "ja" else x.group.capitalize()
                                  for x in topics]})
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

    sep = "、" if lang == "ja" else ", "

    def names(ids: str) -> str:
        return sep.join(labels.get(x, x) for x in ids.split(",") if x)

    return pd.DataFrame({
        "rank": range(1, len(sim) + 1),
        "doc_id": sim["doc_id"], "name": sim["name"],
        "prefecture": [group_label(v, lang) for v in sim["prefecture"]], "kind": sim["kind"],
        "score": (100 * sim["score"].astype(float)).round(1),
        "topic_score": (100 * sim["topic_score"].astype(float)).round(1),
        "prohibited_score": (100 * sim["prohibited_score"].astype(float)).round(1),
        "n_shared": sim["n_shared"],
        "only_chosen": sim["only_chosen"].map(names),
        "only_other": sim["only_other"].map(names),
        "shared_topics": sim["shared_topics"].map(names),
    })
