"""A checked draft as text: a terminal table, CSV, JSON or a Markdown report a
council can read (:func:`render_check`), and the whole report as one table
(:func:`check_frame`).

This module never imports streamlit.
"""
from __future__ import annotations

import json
import re

import pandas as pd

from .check import CheckReport

__all__ = ["CHECK_FORMATS", "check_frame", "render_check"]

CHECK_FORMATS = ("table", "csv", "json", "md")

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
    from .export import to_markdown_table

    others = "、".join(report.alignment.doc(d).name for d in report.compared_with)
    out = [f"# SNS運用ポリシー案の点検結果: {report.name}", "",
           f"> {report.summary}", "",
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
                out += [f"**{r['label_ja']}**（{r['model_city']} {r['model_clause_id']}）", ""]
                out += ["> " + line for line in str(r["model_text"]).splitlines() if line.strip()]
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
