"""Check a draft policy against the corpus.

A draft (a file on disk for the CLI, or bytes / pasted text from the dashboard)
goes through the same reader, parser and aligner as the five policies and is
aligned as one more document, so the corpus is never re-aligned.  Nothing is
written anywhere: drafts may be confidential.  :func:`check_report` and
:func:`check_text` return a :class:`CheckReport`; :mod:`snscompare.report` renders it.

* The report's figures come from one count: the topics the draft lacks that at
  least one other document covers (``gaps``), and among them those most of the
  others cover (``n_strong``); the summary quotes both.
* The title line of a draft is its title, not a clause the tool could not place.
* A short text (a two-article paste) gets a report with a note that it is short;
  only a text that neither matches a topic nor speaks of social media at all is
  refused as not a policy.
* ``budget_s`` bounds the time a check spends aligning: a long document is aligned
  part by part, and past the budget the report says how far it got (``partial``)
  instead of keeping the server busy.

This module never imports streamlit.
"""
from __future__ import annotations

import json
import time
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from statistics import median

import pandas as pd

from .align import Alignment, DocAlignment, align_document
from .corpus import Document, doc_id_from_name, make_document
from .errors import InputError, NotAPolicyError
from .i18n import t
from .readers import MAX_UPLOAD_BYTES, read_document, read_path
from .tables import DIRECTION_JA, gaps_for, prohibited_gaps_for

__all__ = ["CHUNK_CLAUSES", "NOTES", "CheckReport", "MatchedClause", "check_report", "check_text", "read_input"]

# A long draft is aligned in parts of about this many clauses, the clock read between parts
# (a policy has tens to a few hundred clauses: it is aligned whole, as the corpus is).
CHUNK_CLAUSES = 1000
# A draft shorter than this share of the corpus documents' median length is "short".
SHORT_SHARE = 0.25
# What a report may say about itself (rendered through the catalogue: chk_note_<code>).
NOTES = ("short", "no_topic", "partial")
# Words that make a text about social media even when no topic matched (a two-article
# paste on the city's accounts), with the names of the services the taxonomy knows.
_SOCIAL_MEDIA = ("sns", "ソーシャルメディア", "ソーシャル・メディア", "アカウント", "投稿", "フォロー", "ツイート",
                 "ポスト", "リツイート", "リポスト", "ブログ")


@dataclass(frozen=True)
class MatchedClause:
    """A clause of the draft placed under a topic (or a prohibited category)."""

    clause_id: str
    text: str  # clean text (markup removed, characters kept)
    score: float = 100.0
    reason: str = ""  # in Japanese (reports, CSV)
    why: object = None  # the aligner's Reason, for rendering in the reader's language

    def to_dict(self) -> dict:
        return {"clause_id": self.clause_id, "text": self.text, "score": self.score, "reason": self.reason}


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
    n_strong: int = 0  # gaps at least ``strong`` of the other documents cover
    strong: int = 1
    title: str = ""  # the draft's title line (not counted as a clause)
    notes: tuple[str, ...] = ()  # codes of NOTES
    n_clauses: int = 0
    n_checked: int = 0  # clauses aligned within the budget (all of them unless "partial")
    budget_s: float | None = None
    chars: int = 0
    median_chars: int = 0  # the corpus documents' median length (what "short" is measured against)

    @property
    def partial(self) -> bool:
        return "partial" in self.notes

    def note_texts(self, lang: str = "ja") -> list[str]:
        """Each note as a sentence in ``lang``."""
        return [t(f"chk_note_{n}", lang, chars=self.chars, n=self.n_clauses, median=self.median_chars,
                  checked=self.n_checked, budget=f"{self.budget_s:g}" if self.budget_s else "")
                for n in self.notes]

    def summary_in(self, lang: str = "ja") -> str:
        """The summary line in ``lang``: topics covered, topics lacked, and how many
        of those most of the others cover (the figures the page shows)."""
        return t("chk_summary", lang, name=self.name, n=self.n_topics, k=len(self.covered), others=len(self.compared_with),
                 g=len(self.gaps), strong=self.strong, s=self.n_strong)

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
            "notes": list(self.notes),
            "n_gaps": len(self.gaps),
            "n_strong": self.n_strong,
            "strong": self.strong,
            "n_clauses": self.n_clauses,
            "n_checked": self.n_checked,
            "n_topics": self.n_topics,
            "n_covered": len(self.covered),
            "compared_with": self.compared_with,
            "covered": [
                {"topic_id": t, "label_ja": self.topic_labels.get(t, t),
                 "clauses": [m.to_dict() for m in ms]}
                for t, ms in self.covered.items()
            ],
            "gaps": records(self.gaps),
            "prohibited": records(self.prohibited),
            "prohibited_gaps": records(self.prohibited_gaps),
            "unplaced": [m.to_dict() for m in self.unplaced],
        }


# A date alone (「令和5年4月1日作成」 under a recipe) does not make a text a policy.
_INCIDENTAL_TOPICS = frozenset({"effective_date"})


def _base_alignment(alignment: Alignment | None, data_dir) -> Alignment:
    if alignment is not None:
        return alignment
    from .pipeline import build

    return build(data_dir=data_dir)


def _about_social_media(text: str, al: Alignment) -> bool:
    norm = unicodedata.normalize("NFKC", text).lower()
    words = list(_SOCIAL_MEDIA)
    try:  # the services the taxonomy names (facebook, x(旧, line公式 …)
        words += [c.text for c in al.taxonomy.topic("platforms").cues if not c.is_regex]
    except Exception:
        pass
    return any(w and w.lower() in norm for w in words)


def _chunks(doc: Document, size: int) -> list[list]:
    """The document's clauses in consecutive parts of about ``size``: cut before a
    top-level clause or a child of one where there is one (a list keeps its items),
    before any clause that is not an item past twice the size, anywhere past four
    times (a text nested without end)."""
    parts: list[list] = [[]]
    for c in doc.clauses:
        n = len(parts[-1])
        if (n >= size and c.depth <= 1) or (n >= 2 * size and c.kind != "item") or n >= 4 * size:
            parts.append([])
        parts[-1].append(c)
    return [p for p in parts if p]


def _align_in_time(doc: Document, al: Alignment, deadline: float | None) -> tuple[DocAlignment, int]:
    """Align ``doc`` against the corpus's taxonomy; a long document part by part,
    stopping once ``deadline`` (time.monotonic) has passed.  Returns the alignment
    of the parts done and the number of clauses aligned."""
    from .pipeline import exemplars_for

    ex = exemplars_for(al.docs, al.taxonomy)
    if deadline is None or len(doc.clauses) <= CHUNK_CLAUSES:
        return align_document(doc, al.taxonomy, exemplars=ex), len(doc.clauses)
    by_id = {c.id: c for c in doc.clauses}
    done = DocAlignment(doc.id, [], [], [], [])
    checked = 0
    for k, part in enumerate(_chunks(doc, CHUNK_CLAUSES)):
        if k and time.monotonic() > deadline:  # the first part is always done: a report says something
            break
        own = {c.id for c in part}
        context = []
        for c in part:  # the ancestors of the part, for the headings above it
            p = c.parent
            while p and p not in own and p not in {x.id for x in context}:
                context.append(by_id[p])
                p = by_id[p].parent
        members = sorted(context + part, key=lambda c: c.start)
        ids = {c.id for c in members}
        # a clause of the part keeps only the children the part has (copies: the document is not touched)
        members = [c if all(k in ids for k in c.children) else replace(c, children=[k for k in c.children if k in ids])
                   for c in members]
        sub = replace(doc, clauses=members)
        da = align_document(sub, al.taxonomy, exemplars=ex)
        done.assignments += [a for a in da.assignments if a.clause_id in own]
        done.lists += [lst for lst in da.lists if lst.clause_id in own]
        done.items += [it for it in da.items if it.clause_id in own]
        done.unplaced += [c for c in da.unplaced if c in own]
        checked += len(part)
    return done, checked


def check_text(text: str, *, name: str | None = None, data_dir=None,
               alignment: Alignment | None = None, source: str | None = None,
               budget_s: float | None = None) -> CheckReport:
    """Check a draft that is already text (pasted in the dashboard).

    ``alignment`` is the corpus to compare with (built from ``data_dir`` when not
    given); it is not modified.  ``budget_s``: past this many seconds of aligning,
    the report covers the clauses aligned so far (note ``partial``).  Raises
    :class:`NotAPolicyError` when no clause of the draft matches any topic and
    the text does not speak of social media at all.
    """
    started = time.monotonic()
    label = (name or "").strip() or "下書き"
    if text is None or not str(text).strip():
        raise InputError(f"「{label}」には文字がありません。 / '{label}' is empty.",
                         hint="  ファイルを選ぶか、本文を貼り付けてください。 / Upload a file or paste the text.")
    base = _base_alignment(alignment, data_dir)
    doc = make_document(doc_id_from_name(label, file_name=False), str(text), {"city": label}, added=True)
    from .pipeline import unique_ids

    unique_ids(base.doc_ids, [doc])  # komoro -> komoro-2
    deadline = started + budget_s if budget_s else None
    da, checked = _align_in_time(doc, base, deadline)
    al = Alignment(base.docs + [doc], base.taxonomy, {**base.per_doc, doc.id: da})
    topic_ids = set(al.taxonomy.topic_ids) - _INCIDENTAL_TOPICS
    notes = []
    if not any(a.topic in topic_ids for a in da.assignments):
        if checked == len(doc.clauses) and not _about_social_media(str(text), base):
            where = f"「{source}」" if source else f"「{label}」"
            raise NotAPolicyError(
                f"{where}は SNS 運用ポリシーとして読み取れませんでした（どの条項も比較項目に当てはまらず、"
                f"SNS・アカウント・投稿などの言葉もありません）。"
                f" / {where} does not look like a social-media policy: no clause matches any topic.",
                hint="  目的・定義・禁止事項・免責事項などの条項を含む文書を指定してください。"
                " / Give a document with clauses such as purpose, definitions, prohibited content or disclaimers.",
            )
        notes.append("no_topic")
    corpus_lengths = [len(d.text) for d in base.docs if not d.added] or [len(d.text) for d in base.docs]
    med = int(median(corpus_lengths)) if corpus_lengths else 0
    if med and len(str(text).strip()) < SHORT_SHARE * med:
        notes.insert(0, "short")
    if checked < len(doc.clauses):
        notes.append("partial")
    return _report(al, doc, notes=tuple(notes), checked=checked, budget_s=budget_s, median_chars=med)


def read_input(path_or_bytes, *, filename: str | None = None, max_bytes: int = MAX_UPLOAD_BYTES) -> tuple[str, str]:
    """(text, file name shown to the user) of a draft given as a path, or as bytes
    with their ``filename`` (read in memory; nothing is written)."""
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        if not filename:
            raise InputError("ファイル名が必要です（拡張子で読み方を決めます）。 / a file name is required.")
        return read_document(bytes(path_or_bytes), filename, max_bytes=max_bytes), filename
    path = Path(path_or_bytes)
    return read_path(path, max_bytes=max_bytes), filename or path.name


def check_report(path_or_bytes, *, filename: str | None = None, name: str | None = None,
                 data_dir=None, alignment: Alignment | None = None,
                 max_bytes: int = MAX_UPLOAD_BYTES, budget_s: float | None = None) -> CheckReport:
    """Read a draft (a path, or bytes with their ``filename``), parse it, align it
    against the corpus and report.  Bytes are read in memory; nothing is written.

    Raises :class:`InputError` (with a Japanese message) for a file that cannot be
    read and :class:`NotAPolicyError` when no clause matches any topic.
    """
    text, shown = read_input(path_or_bytes, filename=filename, max_bytes=max_bytes)
    stem = Path(str(shown).replace("\\", "/")).stem
    return check_text(text, name=name or stem, data_dir=data_dir, alignment=alignment,
                      source=Path(str(shown).replace("\\", "/")).name, budget_s=budget_s)


def _title_clause(doc: Document) -> str | None:
    """The clause that is the draft's title line: its first paragraph, one line,
    before any numbered clause (what make_document takes as the title)."""
    first = next((c for c in doc.clauses if c.clean.strip()), None)
    if first is None or first.kind != "preamble":
        return None
    line = first.clean.strip()
    if "\n" in line or len(line) > 80 or line.endswith("。") or line != doc.title.strip():
        return None
    return first.id


def _report(al: Alignment, doc: Document, *, notes: tuple[str, ...] = (), checked: int | None = None,
            budget_s: float | None = None, median_chars: int = 0) -> CheckReport:
    tax = al.taxonomy
    da = al.per_doc[doc.id]
    by_id = {c.id: c for c in doc.clauses}  # one look-up per clause, not a scan per assignment
    covered: dict[str, list[MatchedClause]] = {}
    by_topic: dict[str, list] = {}
    for a in da.assignments:
        by_topic.setdefault(a.topic, []).append(a)
    for tp in tax.topics:
        seen = set()
        for a in by_topic.get(tp.id, []):
            if a.clause_id in seen:
                continue
            seen.add(a.clause_id)
            covered.setdefault(tp.id, []).append(MatchedClause(a.clause_id, by_id[a.clause_id].clean, a.score, a.reason, a.why))

    rows = []
    for direction in ("user", "city"):
        for cat in tax.categories:
            ids = [it.clause_id for it in da.items if cat.id in it.categories and direction in it.directions]
            if ids:
                rows.append({"direction": direction, "direction_ja": DIRECTION_JA[direction],
                             "category_id": cat.id, "label_ja": cat.ja, "clause_ids": ",".join(ids),
                             "text": "\n".join(by_id[i].clean for i in ids)})
    prohibited = pd.DataFrame(rows, columns=["direction", "direction_ja", "category_id", "label_ja",
                                             "clause_ids", "text"])
    gaps = gaps_for(al, doc.id)
    others = len(al.doc_ids) - 1
    strong = max(1, others - 1) if others >= 2 else 1
    n_strong = int((gaps["n_docs"] >= strong).sum()) if len(gaps) else 0
    # The prohibited categories others have: most widely held first (then users' posts before the city's own).
    pgaps = prohibited_gaps_for(al, doc.id)
    cat_order = {c: i for i, c in enumerate(tax.category_ids)}
    pgaps = pgaps.assign(_o=pgaps["category_id"].map(cat_order), _d=pgaps["direction"].ne("user")) \
        .sort_values(["n_docs", "_d", "_o"], ascending=[False, True, True]).drop(columns=["_o", "_d"]) \
        .reset_index(drop=True)
    title_id = _title_clause(doc)
    report = CheckReport(
        doc_id=doc.id,
        name=doc.name,
        n_topics=len(tax.topics),
        covered=covered,
        topic_labels={tp.id: tp.ja for tp in tax.topics},
        gaps=gaps,
        prohibited=prohibited,
        prohibited_gaps=pgaps,
        unplaced=[MatchedClause(cid, by_id[cid].clean, 0.0, "") for cid in da.unplaced if cid != title_id],
        summary="",
        compared_with=[d for d in al.doc_ids if d != doc.id],
        alignment=al,
        n_strong=n_strong,
        strong=strong,
        title=by_id[title_id].clean.strip() if title_id else "",
        notes=notes,
        n_clauses=len(doc.clauses),
        n_checked=len(doc.clauses) if checked is None else checked,
        budget_s=budget_s,
        chars=len(doc.text.strip()),
        median_chars=median_chars,
    )
    report.summary = report.summary_in("ja")
    return report
