"""Check a draft policy against the corpus, and assemble a draft from model clauses.

Checking: a draft (a file on disk for the CLI, or bytes / pasted text from the
dashboard) goes through the same reader, parser and aligner as the five policies
and is aligned as one more document (:func:`snscompare.pipeline.with_document`),
so the corpus is never re-aligned.  Nothing is written anywhere: drafts may be
confidential.  :func:`check_report` returns a :class:`CheckReport` and
:func:`render_check` prints it as a table, CSV, JSON or a Markdown report.

Building: :func:`default_skeleton` proposes the topics most cities cover,
:func:`topic_options` gives every city's model clause for a topic as a
:class:`DraftClause` (numbering stripped, the items of a list kept),
:func:`assemble` numbers the chosen clauses (第N条 with a （見出し） line, or
sections 1. 2. …; items （１）（２）…), and :func:`to_docx_bytes` /
:func:`to_markdown` / :func:`sources_frame` export the result.  Numbers are typed
text, not Word's automatic numbering, so the exported file reads back through
:func:`snscompare.readers.read_document` into the same clauses.

This module never imports streamlit.
"""
from __future__ import annotations

import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .align import Alignment
from .corpus import Document, make_document
from .errors import InputError, NotAPolicyError
from .normalize import clean_text, join_split_words
from .readers import MAX_UPLOAD_BYTES, read_document, read_path
from .tables import (
    DIRECTION_JA,
    covered_topics,
    gap_summary,
    gaps_for,
    model_clauses,
    prohibited_gaps_for,
)
from .taxonomy import Taxonomy

__all__ = [
    "CHECK_FORMATS",
    "GENERIC_CITY_FORMS",
    "AssembledArticle",
    "AssembledDraft",
    "Block",
    "CheckReport",
    "DraftClause",
    "MatchedClause",
    "assemble",
    "check_report",
    "check_text",
    "city_names_in",
    "default_skeleton",
    "draft_doc_id",
    "own_clauses",
    "replace_city",
    "replace_cities",
    "render_check",
    "sources_frame",
    "strip_marker",
    "to_docx_bytes",
    "to_markdown",
    "topic_options",
]

CHECK_FORMATS = ("table", "csv", "json", "md")
STYLES = ("article", "section")

# ---------------------------------------------------------------------------
# checking a draft
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchedClause:
    """A clause of the draft placed under a topic (or a prohibited category)."""

    clause_id: str
    text: str  # clean text (markup removed, characters kept)
    score: float = 100.0
    reason: str = ""


@dataclass
class CheckReport:
    """What a drafter needs to know about a draft, compared with the corpus."""

    doc_id: str
    name: str
    n_topics: int
    covered: dict[str, list[MatchedClause]]  # topic id -> the draft's clauses, taxonomy order
    topic_labels: dict[str, str]  # topic id -> Japanese label (every topic)
    gaps: pd.DataFrame  # tables.gaps_for: ranked by how many documents cover the topic
    prohibited: pd.DataFrame  # the categories the draft's lists have, by direction
    prohibited_gaps: pd.DataFrame  # tables.prohibited_gaps_for
    unplaced: list[MatchedClause]  # clauses that matched nothing
    summary: str
    compared_with: list[str]  # the other documents' ids
    alignment: Alignment = field(repr=False)  # the corpus plus the draft (for the dashboard)

    @property
    def covered_ids(self) -> list[str]:
        return list(self.covered)

    def covered_frame(self) -> pd.DataFrame:
        rows = []
        for topic, clauses in self.covered.items():
            for m in clauses:
                rows.append({"topic_id": topic, "label_ja": self.topic_labels.get(topic, topic),
                             "clause_id": m.clause_id, "score": m.score, "reason": m.reason, "text": m.text})
        return pd.DataFrame(rows, columns=["topic_id", "label_ja", "clause_id", "score", "reason", "text"])

    def unplaced_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"clause_id": m.clause_id, "text": m.text} for m in self.unplaced],
                            columns=["clause_id", "text"])

    def to_dict(self) -> dict:
        def records(df: pd.DataFrame) -> list[dict]:
            return json.loads(df.to_json(orient="records", force_ascii=False))

        return {
            "doc_id": self.doc_id,
            "name": self.name,
            "summary": self.summary,
            "n_topics": self.n_topics,
            "n_covered": len(self.covered),
            "compared_with": self.compared_with,
            "covered": [
                {"topic_id": t, "label_ja": self.topic_labels.get(t, t),
                 "clauses": [m.__dict__ for m in ms]}
                for t, ms in self.covered.items()
            ],
            "gaps": records(self.gaps),
            "prohibited": records(self.prohibited),
            "prohibited_gaps": records(self.prohibited_gaps),
            "unplaced": [m.__dict__ for m in self.unplaced],
        }


# A date alone (「令和5年4月1日作成」 under a recipe) does not make a text a policy.
_INCIDENTAL_TOPICS = frozenset({"effective_date"})


def draft_doc_id(name: str) -> str:
    """The document id (and table column) for a draft named by the user.

    Unlike :func:`snscompare.corpus.doc_id_from_name` the name is not a file name,
    so a dot stays (「案 v1.2」); ``:`` separates document and clause in clause ids
    and is replaced, like whitespace and slashes.
    """
    text = unicodedata.normalize("NFKC", str(name or "")).strip().lower()
    text = re.sub(r"[\s/\\:]+", "_", text).strip("_.")
    return text[:40] or "draft"


def _base_alignment(alignment: Alignment | None, data_dir) -> Alignment:
    if alignment is not None:
        return alignment
    from .pipeline import build

    return build(data_dir=data_dir)


def check_text(text: str, *, name: str | None = None, data_dir=None,
               alignment: Alignment | None = None, source: str | None = None) -> CheckReport:
    """Check a draft that is already text (pasted in the dashboard).

    ``alignment`` is the corpus to compare with (built from ``data_dir`` when not
    given); it is not modified.  Raises :class:`NotAPolicyError` when no clause of
    the draft matches any topic.
    """
    label = (name or "").strip() or "下書き"
    if text is None or not str(text).strip():
        raise InputError(f"「{label}」には文字がありません。 / '{label}' is empty.",
                         hint="  ファイルを選ぶか、本文を貼り付けてください。 / Upload a file or paste the text.")
    base = _base_alignment(alignment, data_dir)
    doc = make_document(draft_doc_id(label), str(text), {"city": label}, added=True)
    from .pipeline import with_document

    al = with_document(base, doc)  # gives the draft a unique id (komoro -> komoro-2)
    da = al.per_doc[doc.id]
    topic_ids = set(al.taxonomy.topic_ids) - _INCIDENTAL_TOPICS
    if not any(a.topic in topic_ids for a in da.assignments):
        where = f"「{source}」" if source else f"「{label}」"
        raise NotAPolicyError(
            f"{where}は SNS 運用ポリシーとして読み取れませんでした（どの条項も比較項目に当てはまりません）。"
            f" / {where} does not look like a social-media policy: no clause matches any topic.",
            hint="  目的・定義・禁止事項・免責事項などの条項を含む文書を指定してください。"
            " / Give a document with clauses such as purpose, definitions, prohibited content or disclaimers.",
        )
    return _report(al, doc)


def check_report(path_or_bytes, *, filename: str | None = None, name: str | None = None,
                 data_dir=None, alignment: Alignment | None = None,
                 max_bytes: int = MAX_UPLOAD_BYTES) -> CheckReport:
    """Read a draft (a path, or bytes with their ``filename``), parse it, align it
    against the corpus and report.  Bytes are read in memory; nothing is written.

    Raises :class:`InputError` (with a Japanese message) for a file that cannot be
    read and :class:`NotAPolicyError` when no clause matches any topic.
    """
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        if not filename:
            raise InputError("ファイル名が必要です（拡張子で読み方を決めます）。 / a file name is required.")
        text = read_document(bytes(path_or_bytes), filename, max_bytes=max_bytes)
        shown = filename
    else:
        path = Path(path_or_bytes)
        text = read_path(path, max_bytes=max_bytes)
        shown = filename or path.name
    stem = Path(str(shown).replace("\\", "/")).stem
    return check_text(text, name=name or stem, data_dir=data_dir, alignment=alignment, source=Path(shown).name)


def _report(al: Alignment, doc: Document) -> CheckReport:
    tax = al.taxonomy
    da = al.per_doc[doc.id]
    covered: dict[str, list[MatchedClause]] = {}
    by_topic: dict[str, list] = {}
    for a in da.assignments:
        by_topic.setdefault(a.topic, []).append(a)
    for t in tax.topics:
        seen = set()
        for a in by_topic.get(t.id, []):
            if a.clause_id in seen:
                continue
            seen.add(a.clause_id)
            covered.setdefault(t.id, []).append(
                MatchedClause(a.clause_id, doc.clause(a.clause_id).clean, a.score, a.reason))

    rows = []
    for direction in ("user", "city"):
        for cat in tax.categories:
            ids = [it.clause_id for it in da.items if cat.id in it.categories and direction in it.directions]
            if ids:
                rows.append({"direction": direction, "direction_ja": DIRECTION_JA[direction],
                             "category_id": cat.id, "label_ja": cat.ja, "clause_ids": ",".join(ids),
                             "text": "\n".join(doc.clause(i).clean for i in ids)})
    prohibited = pd.DataFrame(rows, columns=["direction", "direction_ja", "category_id", "label_ja",
                                             "clause_ids", "text"])
    return CheckReport(
        doc_id=doc.id,
        name=doc.name,
        n_topics=len(tax.topics),
        covered=covered,
        topic_labels={t.id: t.ja for t in tax.topics},
        gaps=gaps_for(al, doc.id),
        prohibited=prohibited,
        prohibited_gaps=prohibited_gaps_for(al, doc.id),
        unplaced=[MatchedClause(cid, doc.clause(cid).clean, 0.0, "") for cid in da.unplaced],
        summary=gap_summary(al, doc.id),
        compared_with=[d for d in al.doc_ids if d != doc.id],
        alignment=al,
    )


# --- rendering ----------------------------------------------------------------------

_CSV_COLUMNS = ["section", "id", "label_ja", "direction", "clause_id", "score", "n_docs", "covered_by",
                "model_city", "model_clause_id", "text"]


def check_frame(report: CheckReport) -> pd.DataFrame:
    """The whole report as one table; ``section`` says which part a row belongs to:
    summary, covered, gap, prohibited, prohibited_gap, unplaced."""
    rows = [{"section": "summary", "id": report.doc_id, "label_ja": report.name, "text": report.summary}]
    for topic, ms in report.covered.items():
        for m in ms:
            rows.append({"section": "covered", "id": topic, "label_ja": report.topic_labels.get(topic, topic),
                         "clause_id": m.clause_id, "score": m.score, "text": m.text})
    for g in report.gaps.to_dict("records"):
        rows.append({"section": "gap", "id": g["topic_id"], "label_ja": g["label_ja"], "n_docs": g["n_docs"],
                     "covered_by": g["covered_by"], "model_city": g["model_city"],
                     "model_clause_id": g["model_clause_id"], "text": g["model_text"]})
    for p in report.prohibited.to_dict("records"):
        rows.append({"section": "prohibited", "id": p["category_id"], "label_ja": p["label_ja"],
                     "direction": p["direction"], "clause_id": p["clause_ids"], "text": p["text"]})
    for p in report.prohibited_gaps.to_dict("records"):
        rows.append({"section": "prohibited_gap", "id": p["category_id"], "label_ja": p["label_ja"],
                     "direction": p["direction"], "n_docs": p["n_docs"], "covered_by": p["covered_by"]})
    for m in report.unplaced:
        rows.append({"section": "unplaced", "id": m.clause_id, "clause_id": m.clause_id, "text": m.text})
    df = pd.DataFrame(rows, columns=_CSV_COLUMNS)
    for col in ("score", "n_docs"):
        df[col] = df[col].astype("Float64" if col == "score" else "Int64")
    return df


def _one_line(text: str, limit: int = 0) -> str:
    s = re.sub(r"\s*\n\s*", " ", str(text or "")).strip()
    return s[: limit - 1] + "…" if limit and len(s) > limit else s


def _render_table(report: CheckReport) -> str:
    def block(title: str, df: pd.DataFrame) -> str:
        if df.empty:
            return f"## {title}\n(なし / none)\n"
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                               "display.max_colwidth", 60, "display.unicode.east_asian_width", True):
            return f"## {title}\n{df.to_string(index=False)}\n"

    cov = report.covered_frame()
    cov = cov.assign(text=cov["text"].map(lambda s: _one_line(s, 50)))[["topic_id", "label_ja", "clause_id", "score", "text"]]
    gaps = report.gaps[["topic_id", "label_ja", "n_docs", "covered_by", "model_city", "model_clause_id"]]
    pro = report.prohibited[["direction", "category_id", "label_ja", "clause_ids"]]
    pgaps = report.prohibited_gaps[["direction", "category_id", "label_ja", "n_docs", "covered_by"]]
    un = report.unplaced_frame()
    un = un.assign(text=un["text"].map(lambda s: _one_line(s, 60)))
    parts = [
        f"# {report.name} ({report.doc_id})\n{report.summary}\n",
        block(f"カバーしている項目 / covered topics ({len(report.covered)}/{report.n_topics})", cov),
        block(f"欠けている項目 / gaps ({len(report.gaps)})", gaps),
        block("禁止事項のカテゴリ / prohibited categories", pro),
        block("他市にある禁止事項カテゴリ / prohibited gaps", pgaps),
        block(f"分類できなかった条項 / unplaced clauses ({len(report.unplaced)})", un),
    ]
    return "\n".join(parts)


def _render_md(report: CheckReport) -> str:
    from .escaping import markdown_literal as md
    from .export import to_markdown_table

    others = md("、".join(report.alignment.doc(d).name for d in report.compared_with))
    out = [f"# SNS運用ポリシー案の点検結果: {md(report.name)}", "",
           f"> {md(report.summary)}", "",
           f"比較対象: {others}（{len(report.compared_with)}文書）。"
           "比較項目は共通分類の全{}項目です。".format(report.n_topics), ""]

    out += [f"## 1. 欠けている項目（{len(report.gaps)}項目）", ""]
    if report.gaps.empty:
        out += ["他の文書が定めている項目はすべて含まれています。", ""]
    else:
        out += ["他の文書が定めているのに、この案にない項目です。定めている文書が多い順に並べています。", ""]
        g = report.gaps.assign(
            定めている文書数=report.gaps["n_docs"].astype(str) + "/" + report.gaps["n_others"].astype(str),
            参考条文=report.gaps["model_city"] + "（" + report.gaps["model_clause_id"] + "）",
        )
        out += [to_markdown_table(g[["label_ja", "topic_id", "定めている文書数", "参考条文"]]
                                  .rename(columns={"label_ja": "項目", "topic_id": "ID"})), ""]
        out += ["### 参考条文", ""]
        for r in report.gaps.to_dict("records"):
            if r["model_text"]:
                out += [f"**{md(r['label_ja'])}**（{md(r['model_city'])} {md(r['model_clause_id'])}）", ""]
                out += ["> " + md(line) for line in str(r["model_text"]).splitlines() if line.strip()]
                out += [""]

    out += [f"## 2. カバーしている項目（{len(report.covered)}/{report.n_topics}）", ""]
    cov = report.covered_frame()
    if cov.empty:
        out += ["なし", ""]
    else:
        cov = cov.assign(text=cov["text"].map(lambda s: _one_line(s, 80)))
        out += [to_markdown_table(cov[["label_ja", "clause_id", "score", "text"]].rename(
            columns={"label_ja": "項目", "clause_id": "条項", "score": "一致度", "text": "本文"})), ""]

    out += ["## 3. 禁止事項", ""]
    if report.prohibited.empty:
        out += ["禁止事項の一覧は見つかりませんでした。", ""]
    else:
        out += [to_markdown_table(report.prohibited[["direction_ja", "label_ja", "clause_ids"]].rename(
            columns={"direction_ja": "対象", "label_ja": "カテゴリ", "clause_ids": "条項"})), ""]
    if not report.prohibited_gaps.empty:
        out += ["他の文書の禁止事項にあって、この案にないカテゴリ:", ""]
        out += [to_markdown_table(report.prohibited_gaps[["direction_ja", "label_ja", "n_docs", "covered_by"]].rename(
            columns={"direction_ja": "対象", "label_ja": "カテゴリ", "n_docs": "文書数", "covered_by": "定めている文書"})), ""]

    out += [f"## 4. 分類できなかった条項（{len(report.unplaced)}件）", ""]
    if not report.unplaced:
        out += ["なし", ""]
    else:
        out += ["どの比較項目にも当てはまらなかった条項です。内容を確認してください。", ""]
        out += [to_markdown_table(report.unplaced_frame().assign(
            text=lambda d: d["text"].map(lambda s: _one_line(s, 120))).rename(
            columns={"clause_id": "条項", "text": "本文"})), ""]
    return "\n".join(out).rstrip() + "\n"


def render_check(report: CheckReport, fmt: str = "table") -> str:
    """The report as text: ``table`` (for a terminal), ``csv`` (one table with a
    ``section`` column, no BOM), ``json`` or ``md`` (a report a council can read)."""
    if fmt == "table":
        return _render_table(report)
    if fmt == "csv":
        from .export import to_csv_text

        return to_csv_text(check_frame(report))
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return _render_md(report)
    from .errors import SnsCompareError

    raise SnsCompareError(f"形式 '{fmt}' はありません / no format '{fmt}'.",
                          hint=f"  使用できる値 / available: {', '.join(CHECK_FORMATS)}")


# ---------------------------------------------------------------------------
# building a draft
# ---------------------------------------------------------------------------

_WS = " \t\u3000"
_DIGITS = "0-9０-９"
_KANJI_DIGITS = "一二三四五六七八九十百"
_KATAKANA = "ア-ン"
_CIRCLED = "\u2460-\u2473\u3251-\u325f"

# A clause's own numbering at the start of its first line.
_LEAD_MARKER = re.compile(
    rf"""^[{_WS}]*(?:
        第[{_WS}]*[{_DIGITS}{_KANJI_DIGITS}]+[{_WS}]*条(?:の[{_DIGITS}{_KANJI_DIGITS}]+)?[{_WS}]*
      | [（(][{_WS}]*[{_DIGITS}]+[{_WS}]*[）)][{_WS}]*
      | [（(][{_KATAKANA}][）)][{_WS}]*
      | [{_CIRCLED}][{_WS}]*
      | [{_DIGITS}]{{1,3}}(?:[.．](?![{_DIGITS}])|[、）)])[{_WS}]*
      | [{_DIGITS}]{{1,3}}[{_WS}]+
      | [{_KATAKANA}][{_WS}]+
      | [{_KANJI_DIGITS}]{{1,3}}[{_WS}]+
    )""",
    re.VERBOSE,
)
# An item line inside a clause's text (what the builder renumbers （１）（２）…).
_ITEM_MARKER = re.compile(
    rf"^(?:[（(][{_WS}]*[{_DIGITS}]+[{_WS}]*[）)]|[{_CIRCLED}])[{_WS}]*"
)
_SUBITEM_MARKER = re.compile(rf"^(?:[（(][{_KATAKANA}][）)]|[{_KATAKANA}](?=[{_WS}]))")
_PARAGRAPH_MARKER = re.compile(rf"^[{_DIGITS}]{{1,2}}[{_WS}]+(?=\S)")
_BRACKET_LINE = re.compile(r"^[（(]([^（）()\n]{1,30})[）)]$")


def strip_marker(text: str) -> str:
    """``text`` without its leading numbering (第9条, ８, (1), ①, ア …): the builder
    renumbers every clause."""
    return _LEAD_MARKER.sub("", text, count=1)


def _clause_lines(clause, *, keep_marker: bool = False) -> list[str]:
    """The clause's own text as clean lines: a （見出し） line and the section
    title dropped, the numbering marker removed, words split by PDF joined."""
    lines = [ln.strip(_WS) for ln in clean_text(clause.clean).split("\n")]
    lines = [ln for ln in lines if ln]
    if lines and clause.title and _BRACKET_LINE.match(lines[0]):
        lines = lines[1:]
    if not lines:
        return []
    m = _LEAD_MARKER.match(lines[0])
    marker, first = (lines[0][: m.end()], lines[0][m.end():]) if m else ("", lines[0])
    # words split by PDF extraction are joined in the text, never across the marker (ア　アカウント)
    lines = [join_split_words(first).strip(_WS)] + [join_split_words(ln) for ln in lines[1:]]
    if keep_marker:
        lines[0] = marker + lines[0]
    elif lines[0] and lines[0] in (clause.title, clause.label, join_split_words(clause.title)):
        lines = lines[1:]  # the section's title line: the builder writes its own heading
    return [ln for ln in lines if ln]


def _own_topic_root(al: Alignment, clause_id: str, topic: str) -> str:
    """Climb from a clause to the outermost ancestor that carries the same topic:
    an item of a prohibited list becomes the whole list."""
    doc_id = clause_id.split(":", 1)[0]
    topics_of: dict[str, set[str]] = {}
    for a in al.per_doc[doc_id].assignments:
        topics_of.setdefault(a.clause_id, set()).add(a.topic)
    c = al.clause(clause_id)
    while c.parent and topic in topics_of.get(c.parent, set()):
        c = al.clause(c.parent)
    return c.id


def clause_draft_text(al: Alignment, clause_id: str) -> str:
    """The text of a clause and everything under it, ready to reuse: its own
    numbering stripped; its items as （１）（２）… lines (renumbered from 1); deeper
    items kept with their own markers, indented; paragraphs (項) as plain lines."""
    root = al.clause(clause_id)
    out = _clause_lines(root)
    n_item = 0

    def walk(cid: str, depth: int):
        nonlocal n_item
        for kid_id in al.clause(cid).children:
            kid = al.clause(kid_id)
            if kid.kind == "item" and depth == 0:
                lines = _clause_lines(kid)
                if lines:
                    n_item += 1
                    out.append(f"（{_fullwidth(n_item)}）{lines[0]}")
                    out.extend("\u3000" + ln for ln in lines[1:])
            elif kid.kind == "item":
                lines = _clause_lines(kid, keep_marker=True)
                out.extend("\u3000" + ln for ln in lines)
            else:
                out.extend(_clause_lines(kid))
            walk(kid_id, depth + (1 if kid.kind == "item" else 0))

    walk(root.id, 0)
    return "\n".join(out)


@dataclass(frozen=True)
class DraftClause:
    """One clause chosen for the draft: the topic it stands for and its text, with
    where it came from (``source_doc`` "" for text the user wrote)."""

    topic_id: str
    text: str
    source_doc: str = ""
    source_clause_id: str = ""
    source_city: str = ""
    heading: str = ""  # shown as （見出し） / the section title; the topic's label when empty


def default_skeleton(al: Alignment, min_docs: int = 3, *, doc_ids: list[str] | None = None) -> list[str]:
    """Topics at least ``min_docs`` documents cover, in taxonomy order.  By default
    the corpus documents count, not uploaded drafts."""
    doc_ids = doc_ids or [d.id for d in al.docs if not d.added] or al.doc_ids
    cov = {d: covered_topics(al, d) for d in doc_ids}
    return [t for t in al.taxonomy.topic_ids if sum(t in cov[d] for d in doc_ids) >= min_docs]


def topic_options(al: Alignment, topic: str, *, doc_ids: list[str] | None = None,
                  exclude: str | None = None) -> list[DraftClause]:
    """Each document's model clause for ``topic`` (best first), as reusable text."""
    doc_ids = doc_ids or [d.id for d in al.docs if not d.added] or al.doc_ids
    out = []
    for m in model_clauses(al, topic, exclude=exclude, doc_ids=doc_ids):
        cid = _own_topic_root(al, m.clause_id, topic)
        out.append(DraftClause(topic, clause_draft_text(al, cid), m.doc_id, cid, m.city,
                               al.taxonomy.topic(topic).ja))
    return out


def own_clauses(al: Alignment, doc_id: str, topic: str) -> DraftClause | None:
    """The draft's own text for a topic (its clauses under the topic, joined), or None."""
    ids = []
    for a in al.per_doc[doc_id].assignments:
        if a.topic == topic:
            root = _own_topic_root(al, a.clause_id, topic)
            if root not in ids:
                ids.append(root)
    if not ids:
        return None
    # a clause already inside another chosen clause is not repeated
    def ancestors(cid):
        c = al.clause(cid)
        while c.parent:
            yield c.parent
            c = al.clause(c.parent)

    ids = [i for i in ids if not any(p in ids for p in ancestors(i))]
    text = "\n".join(clause_draft_text(al, i) for i in ids)
    return DraftClause(topic, text, doc_id, ",".join(ids), al.doc(doc_id).name, al.taxonomy.topic(topic).ja)


# --- city names --------------------------------------------------------------------

GENERIC_CITY_FORMS = ("当市", "本市")


def _city_forms(al: Alignment) -> list[str]:
    names = []
    for d in al.docs:
        if d.added or not d.city:
            continue
        names.append(d.city)
        if d.city[-1] in "市町村区" and len(d.city) >= 3:
            names.append(d.city[:-1])  # 小諸 in 市立小諸図書館, 小樽 in 小樽市公式 SNS
    return names


def city_names_in(text: str, al: Alignment, *, generic: bool = True) -> list[str]:
    """The municipality names of the corpus found in ``text`` (full names such as
    小諸市, and the bare stem such as 小諸), in order of first appearance; with
    ``generic``, the forms 当市 / 本市 too (they may stay, but the user should see them)."""
    forms = sorted(set(_city_forms(al)) | (set(GENERIC_CITY_FORMS) if generic else set()), key=len, reverse=True)
    if not forms or not text:
        return []
    rx = re.compile("|".join(re.escape(f) for f in forms))
    found: list[str] = []
    for m in rx.finditer(text):
        if m.group(0) not in found:
            found.append(m.group(0))
    return found


def replace_city(text: str, old: str, new: str) -> str:
    """``text`` with every ``old`` replaced by ``new`` (exact, literal)."""
    if not old:
        return text
    return text.replace(old, new)


def replace_cities(text: str, al: Alignment, new_city: str) -> str:
    """Replace every corpus municipality name in ``text`` by ``new_city``: full
    names by the full name (小諸市 → 佐久市), then stems by its stem (小諸 → 佐久).
    当市 / 本市 are left alone."""
    new_city = (new_city or "").strip()
    if not new_city:
        return text
    stem = new_city[:-1] if new_city[-1] in "市町村区" and len(new_city) >= 2 else new_city
    for d in al.docs:
        if d.added or not d.city or d.city == new_city:
            continue
        text = replace_city(text, d.city, new_city)
        if d.city[-1] in "市町村区" and len(d.city) >= 3:
            text = replace_city(text, d.city[:-1], stem)
    return text


# --- assembling --------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    kind: str  # para | item | subitem
    marker: str  # ２ / （１） / "" (typed numbering, already final)
    text: str


@dataclass(frozen=True)
class AssembledArticle:
    number: int
    topic_id: str
    heading: str
    blocks: tuple[Block, ...]
    source: DraftClause

    def marker(self, style: str) -> str:
        return f"第{self.number}条" if style == "article" else f"{self.number}."


@dataclass(frozen=True)
class AssembledDraft:
    title: str
    style: str  # article | section
    articles: tuple[AssembledArticle, ...]


def _fullwidth(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def _blocks(text: str, style: str) -> list[Block]:
    """Lines of a clause text → paragraphs and items, numbered afresh."""
    lines = [ln.rstrip() for ln in str(text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln.strip(_WS)]
    blocks: list[Block] = []
    n_item = 0
    n_para = 0
    for i, raw in enumerate(lines):
        indented = raw[:1] in (" ", "\t", "\u3000")
        line = raw.strip(_WS)
        if i == 0 and not _ITEM_MARKER.match(line):
            line = strip_marker(line).strip(_WS) or line
        if indented and n_item and blocks[-1].kind in ("item", "subitem"):
            # an indented line under an item: a deeper item or a continuation, kept as typed
            blocks.append(Block("subitem", "", line))
            continue
        m = _ITEM_MARKER.match(line)
        if m and line[m.end():].strip(_WS):
            n_item += 1
            blocks.append(Block("item", f"（{_fullwidth(n_item)}）", line[m.end():].strip(_WS)))
            continue
        if _SUBITEM_MARKER.match(line) and n_item:
            blocks.append(Block("subitem", "", line))
            continue
        m = _PARAGRAPH_MARKER.match(line)
        if m and i > 0:
            line = line[m.end():]
        if blocks and style == "article":
            n_para += 1
            # a new 項 restarts the numbering of its 号
            n_item = 0
            blocks.append(Block("para", _fullwidth(n_para + 1), line))
        else:
            if blocks and blocks[-1].kind != "para":
                n_item = 0
            blocks.append(Block("para", "", line))
    return blocks


def assemble(choices, *, style: str = "article", title: str = "SNS運用ポリシー（案）",
             taxonomy: Taxonomy | None = None) -> AssembledDraft:
    """Number the chosen clauses, in the given order.

    ``style="article"``: 第1条, 第2条 … each with a （見出し） line above it, and
    further paragraphs numbered ２, ３ …; ``style="section"``: 1. 見出し, 2. 見出し
    ….  Items are （１）（２）… in both; a clause's own numbering is stripped.
    Clauses with no text are left out.
    """
    if style not in STYLES:
        from .errors import SnsCompareError

        raise SnsCompareError(f"形式 '{style}' はありません / no style '{style}'.",
                              hint=f"  使用できる値 / available: {', '.join(STYLES)}")
    articles = []
    for ch in choices:
        blocks = _blocks(ch.text, style)
        if not blocks:
            continue
        heading = ch.heading
        if not heading:
            if taxonomy is None:
                from .taxonomy import load_taxonomy

                taxonomy = load_taxonomy()
            try:
                heading = taxonomy.topic(ch.topic_id).ja
            except Exception:
                heading = ch.topic_id
        articles.append(AssembledArticle(len(articles) + 1, ch.topic_id, heading, tuple(blocks), ch))
    return AssembledDraft(str(title or "").strip() or "SNS運用ポリシー（案）", style, tuple(articles))


def _article_lines(draft: AssembledDraft, art: AssembledArticle) -> list[tuple[str, str]]:
    """(kind, text) lines of one article: heading, first, para, item, subitem."""
    out: list[tuple[str, str]] = []
    if draft.style == "article":
        out.append(("heading", f"（{art.heading}）"))
    else:
        out.append(("heading", f"{art.number}. {art.heading}"))
    for k, b in enumerate(art.blocks):
        if k == 0 and draft.style == "article":
            if b.kind == "para":
                out.append(("first", f"{art.marker('article')}\u3000{b.text}"))
                continue
            out.append(("first", art.marker("article")))
        if b.kind == "para":
            out.append(("para", f"{b.marker}\u3000{b.text}" if b.marker else b.text))
        elif b.kind == "item":
            out.append(("item", f"{b.marker}{b.text}"))
        else:
            out.append(("subitem", b.text))
    return out


def to_markdown(draft: AssembledDraft) -> str:
    """The draft as Markdown; every paragraph and item on its own line (blank
    lines between), so it renders and re-parses the same way."""
    out = [f"# {draft.title}", ""]
    for art in draft.articles:
        for kind, text in _article_lines(draft, art):
            if kind == "heading" and draft.style == "section":
                out += [f"## {text}", ""]
            elif kind == "subitem":
                out += ["\u3000\u3000" + text, ""]
            else:
                out += [text, ""]
    return "\n".join(out).rstrip() + "\n"


def to_docx_bytes(draft: AssembledDraft, *, font: str = "ＭＳ 明朝") -> bytes:
    """The draft as a Word file (python-docx): a title, then each article with its
    heading line; numbering is typed text, so it survives copying and re-reading."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    for style_name in ("Normal", "Title", "Heading 2"):
        st = document.styles[style_name]
        st.font.name = font if style_name == "Normal" else st.font.name
        rpr = st.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), font)
    document.styles["Normal"].font.size = Pt(10.5)
    core = document.core_properties
    core.title = draft.title
    core.author = ""
    core.comments = ""

    t = document.add_paragraph(draft.title, style="Title")
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for art in draft.articles:
        for kind, text in _article_lines(draft, art):
            if kind == "heading":
                if draft.style == "section":
                    document.add_paragraph(text, style="Heading 2")
                else:
                    p = document.add_paragraph()
                    p.add_run(text).bold = True
                    p.paragraph_format.space_before = Pt(6)
                    p.paragraph_format.space_after = Pt(0)
            elif kind == "first":
                p = document.add_paragraph(text)
                p.paragraph_format.first_line_indent = Pt(-10.5)
                p.paragraph_format.left_indent = Pt(10.5)
            elif kind == "para":
                p = document.add_paragraph(text)
                if draft.style == "article":
                    p.paragraph_format.first_line_indent = Pt(-10.5)
                    p.paragraph_format.left_indent = Pt(10.5)
            elif kind == "item":
                p = document.add_paragraph(text)
                p.paragraph_format.left_indent = Pt(31.5)
                p.paragraph_format.first_line_indent = Pt(-21)
            else:
                p = document.add_paragraph(text)
                p.paragraph_format.left_indent = Pt(42)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def sources_frame(draft: AssembledDraft) -> pd.DataFrame:
    """Where each clause of the draft came from: one row per article."""
    rows = []
    for art in draft.articles:
        s = art.source
        rows.append({
            "position": art.number,
            "number": art.marker(draft.style),
            "topic_id": art.topic_id,
            "label_ja": art.heading,
            "source_doc": s.source_doc,
            "source_city": s.source_city or ("（独自の文案）" if not s.source_doc else s.source_doc),
            "source_clause_id": s.source_clause_id,
        })
    return pd.DataFrame(rows, columns=["position", "number", "topic_id", "label_ja", "source_doc", "source_city",
                                       "source_clause_id"])
