"""Check a draft policy against the corpus.

A draft (a file on disk for the CLI, or bytes / pasted text from the dashboard)
goes through the same reader, parser and aligner as the five policies and is
aligned as one more document (:func:`snscompare.pipeline.with_document`), so the
corpus is never re-aligned.  Nothing is written anywhere: drafts may be
confidential.  :func:`check_report` and :func:`check_text` return a
:class:`CheckReport`; :mod:`snscompare.report` renders it.

This module never imports streamlit.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .align import Alignment
from .corpus import Document, doc_id_from_name, make_document
from .errors import InputError, NotAPolicyError
from .readers import MAX_UPLOAD_BYTES, read_document, read_path
from .tables import DIRECTION_JA, gap_summary, gaps_for, prohibited_gaps_for

__all__ = ["CheckReport", "MatchedClause", "check_report", "check_text"]


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
    doc = make_document(doc_id_from_name(label, file_name=False), str(text), {"city": label}, added=True)
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

