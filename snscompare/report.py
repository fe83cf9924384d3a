"""Reports: a checked draft as text (a terminal table, CSV, JSON or a Markdown
report a council can read: :func:`render_check`; the whole report as one table:
:func:`check_frame`), and the council report of a municipality's gaps
(:func:`council_report`) as Markdown and as Word, since councils open Word.

The council report lists the topics a policy lacks that others cover, most
widely covered first, each with one model clause quoted whole (a whole clause:
:func:`snscompare.tables.whole_clause`) and its source, and the documents that
cover the topic; then the prohibited categories its lists lack, most widely
listed first.  Document text in Markdown is escaped, so a clause is read as text.

This module never imports streamlit.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pandas as pd

from .align import Alignment
from .check import CheckReport
from .escaping import markdown_literal
from .i18n import t

__all__ = ["CHECK_FORMATS", "CouncilReport", "check_docx_bytes", "check_frame", "council_report", "render_check"]

CHECK_FORMATS = ("table", "csv", "json", "md")

_CSV_COLUMNS = ["section", "id", "label_ja", "direction", "clause_id", "score", "n_docs", "covered_by",
                "model_city", "model_clause_id", "text"]


def check_frame(report: CheckReport) -> pd.DataFrame:
    """The whole report as one table; ``section`` says which part a row belongs to:
    summary, note, covered, gap, prohibited, prohibited_gap, unplaced."""
    rows = [{"section": "summary", "id": report.doc_id, "label_ja": report.name, "text": report.summary}]
    rows += [{"section": "note", "id": code, "text": text} for code, text in zip(report.notes, report.note_texts("ja"))]
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


def md_text(text) -> str:
    """Document text for a Markdown file, shown as text (:func:`snscompare.escaping.markdown_literal`,
    the one escaping helper of the project)."""
    return markdown_literal(text if text is not None else "")


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
    notes = "".join(f"※ {n}\n" for n in report.note_texts("ja"))
    parts = [
        f"# {report.name} ({report.doc_id})\n{report.summary}\n{notes}",
        block(f"カバーしている項目 / covered topics ({len(report.covered)}/{report.n_topics})", cov),
        block(f"欠けている項目 / gaps ({len(report.gaps)})", gaps),
        block("禁止事項のカテゴリ / prohibited categories", pro),
        block("他市にある禁止事項カテゴリ / prohibited gaps", pgaps),
        block(f"分類できなかった条項 / unplaced clauses ({len(report.unplaced)})", un),
    ]
    return "\n".join(parts)


def _render_md(report: CheckReport) -> str:
    from .export import to_markdown_table

    others = md_text("、".join(report.alignment.doc(d).name for d in report.compared_with))
    out = [f"# SNS運用ポリシー案の点検結果: {md_text(report.name)}", "",
           f"> {md_text(report.summary)}", ""]
    out += [f"※ {md_text(n)}" for n in report.note_texts("ja")] + ([""] if report.notes else [])
    out += [
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
                out += [f"**{md_text(r['label_ja'])}**（{md_text(r['model_city'])} {md_text(r['model_clause_id'])}）", ""]
                out += ["> " + md_text(line) for line in str(r["model_text"]).splitlines() if line.strip()]
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


# --- the council report ---------------------------------------------------------------------


@dataclass
class GapEntry:
    topic_id: str
    label: str
    n_docs: int
    n_others: int
    covered_by: list[str]  # names of the documents that cover the topic
    model_city: str = ""
    model_clause_id: str = ""
    model_heading: str = ""
    model_text: str = ""  # the whole model clause, clean


@dataclass
class CouncilReport:
    """The gaps of one document for a council: what it lacks, with one model
    clause per topic and its source, and the prohibited categories its lists lack."""

    title: str
    compared: list[str]
    summary: str
    gaps: list[GapEntry]
    prohibited: list[tuple[str, str, int, list[str]]]  # (category, direction, n_docs, documents)
    lang: str = "ja"
    notes: list[str] = field(default_factory=list)

    def to_markdown(self) -> str:
        L = self.lang
        lines = [f"# {md_text(self.title)}", "", md_text(t("rep_compared", L, cities="、".join(self.compared))), "",
                 f"## {t('rep_summary', L)}", "", md_text(self.summary), ""]
        lines += [f"※ {md_text(n)}" for n in self.notes] + ([""] if self.notes else [])
        lines += [f"## {t('rep_topics', L)}", ""]
        if not self.gaps:
            lines += [t("rep_none", L), ""]
        for g in self.gaps:
            lines += [f"### {md_text(g.label)}（{g.n_docs}/{g.n_others}）", ""]
            if g.model_text:
                lines += [md_text(t("rep_source", L, city=g.model_city, clause_id=g.model_clause_id)), ""]
                lines += ["> " + md_text(ln) if ln.strip() else ">" for ln in g.model_text.splitlines()]
                lines.append("")
            lines += [md_text(t("rep_others", L, cities="、".join(g.covered_by))), ""]
        lines += [f"## {t('rep_prohibited', L)}", ""]
        if not self.prohibited:
            lines += [t("rep_none", L), ""]
        for category, direction, n, docs in self.prohibited:
            lines.append(f"- {md_text(category)}（{md_text(direction)}）: {md_text('、'.join(docs))}")
        return "\n".join(lines).rstrip() + "\n"

    def add_to_docx(self, document) -> None:
        """The report's sections appended to a Word document."""
        from .wordfile import add_table

        L = self.lang
        document.add_paragraph(t("rep_compared", L, cities="、".join(self.compared)))
        document.add_paragraph(t("rep_summary", L), style="Heading 1")
        document.add_paragraph(self.summary)
        for n in self.notes:
            document.add_paragraph("※ " + n)
        document.add_paragraph(t("rep_topics", L), style="Heading 1")
        if not self.gaps:
            document.add_paragraph(t("rep_none", L))
        else:
            add_table(document, [t("rep_table_topic", L), t("rep_table_docs", L), t("rep_table_model", L)],
                      [[g.label, f"{g.n_docs}/{g.n_others}（{'、'.join(g.covered_by)}）",
                        f"{g.model_city}（{g.model_clause_id}）" if g.model_clause_id else ""] for g in self.gaps],
                      widths_cm=[5, 6, 5])
            for g in self.gaps:
                document.add_paragraph(f"{g.label}（{g.n_docs}/{g.n_others}）", style="Heading 2")
                if g.model_text:
                    document.add_paragraph(t("rep_source", L, city=g.model_city, clause_id=g.model_clause_id))
                    from docx.shared import Pt

                    for ln in g.model_text.splitlines():
                        if ln.strip():
                            p = document.add_paragraph(ln.strip())
                            p.paragraph_format.left_indent = Pt(21)
                document.add_paragraph(t("rep_others", L, cities="、".join(g.covered_by)))
        document.add_paragraph(t("rep_prohibited", L), style="Heading 1")
        if not self.prohibited:
            document.add_paragraph(t("rep_none", L))
        else:
            add_table(document, [t("rep_table_category", L), t("rep_table_direction", L), t("rep_table_docs", L)],
                      [[c, d, f"{n}（{'、'.join(docs)}）"] for c, d, n, docs in self.prohibited], widths_cm=[6, 4, 6])

    def to_docx_bytes(self) -> bytes:
        from .wordfile import new_document, to_bytes

        document = new_document(self.title)
        self.add_to_docx(document)
        return to_bytes(document)


def _gap_entries(al: Alignment, gaps: pd.DataFrame, lang: str) -> list[GapEntry]:
    names = {d.id: d.name_in(lang) for d in al.docs}
    out = []
    for g in gaps.to_dict("records"):
        heading = ""
        if g["model_clause_id"]:
            c = al.clause(g["model_clause_id"])
            heading = " > ".join(c.heading_path + ((c.heading,) if c.heading else ()))
        out.append(GapEntry(g["topic_id"], al.taxonomy.topic(g["topic_id"]).label(lang), int(g["n_docs"]),
                            int(g["n_others"]), [names.get(x, x) for x in str(g["covered_by"]).split(",") if x],
                            g["model_city"], g["model_clause_id"], heading, g["model_text"]))
    return out


def _prohibited_entries(al: Alignment, pg: pd.DataFrame, lang: str) -> list[tuple[str, str, int, list[str]]]:
    names = {d.id: d.name_in(lang) for d in al.docs}
    labels = {c.id: c.label(lang) for c in al.taxonomy.categories}
    order = {c: i for i, c in enumerate(al.taxonomy.category_ids)}
    rows = sorted(pg.to_dict("records"), key=lambda r: (-int(r["n_docs"]), r["direction"] != "user",
                                                        order.get(r["category_id"], 99)))
    return [(labels.get(r["category_id"], r["category_id"]), t(f"dir_{r['direction']}", lang), int(r["n_docs"]),
             [names.get(x, x) for x in str(r["covered_by"]).split(",") if x]) for r in rows]


def council_report(al: Alignment, doc_id: str, doc_ids: list[str] | None = None, *, lang: str = "ja") -> CouncilReport:
    """The council report of ``doc_id`` compared with ``doc_ids`` (every document
    by default): :func:`tables.gaps_for` and :func:`tables.prohibited_gaps_for`,
    each gap with its first model clause, quoted whole."""
    from .tables import gap_summary, gaps_for, prohibited_gaps_for

    doc_ids = doc_ids or al.doc_ids
    doc = al.doc(doc_id)
    gaps = gaps_for(al, doc_id, doc_ids=doc_ids)
    return CouncilReport(
        t("rep_title", lang, city=doc.name_in(lang)), [al.doc(d).name_in(lang) for d in doc_ids if d != doc_id],
        gap_summary(al, doc_id, doc_ids=doc_ids, lang=lang, gaps=gaps), _gap_entries(al, gaps, lang),
        _prohibited_entries(al, prohibited_gaps_for(al, doc_id, doc_ids=doc_ids), lang), lang)


def check_council_report(report: CheckReport, lang: str = "ja") -> CouncilReport:
    """The council part of a checked draft's report (its own figures and notes)."""
    al = report.alignment
    return CouncilReport(
        t("rep_title", lang, city=report.name), [al.doc(d).name_in(lang) for d in report.compared_with],
        report.summary_in(lang), _gap_entries(al, report.gaps, lang),
        _prohibited_entries(al, report.prohibited_gaps, lang), lang, report.note_texts(lang))


def check_docx_bytes(report: CheckReport, lang: str = "ja") -> bytes:
    """A checked draft's report as Word: the council report (summary, gaps with
    model clauses and sources, prohibited categories lacked), then the topics the
    draft covers with its clauses, and the clauses the tool could not place."""
    from .wordfile import add_table, new_document, to_bytes

    cr = check_council_report(report, lang)
    document = new_document(t("rep_check_title", lang, name=report.name))
    cr.add_to_docx(document)
    document.add_paragraph(t("rep_check_covered", lang, k=len(report.covered), n=report.n_topics), style="Heading 1")
    labels = {tp.id: tp.label(lang) for tp in report.alignment.taxonomy.topics}
    add_table(document, [t("rep_table_topic", lang), t("rep_table_clause", lang), t("rep_table_text", lang)],
              [[labels.get(tp, tp), m.clause_id, _one_line(m.text, 120)]
               for tp, ms in report.covered.items() for m in ms[:1]], widths_cm=[4, 3, 9])
    document.add_paragraph(t("rep_check_unplaced", lang, n=len(report.unplaced)), style="Heading 1")
    for m in report.unplaced[:200]:
        document.add_paragraph(f"{m.clause_id}　{_one_line(m.text, 200)}")
    if len(report.unplaced) > 200:
        document.add_paragraph(t("rep_check_more", lang, n=len(report.unplaced) - 200))
    return to_bytes(document)
