"""Check a draft: upload or paste a policy, see it as one more column beside the
five cities, with its gaps and the clauses the tool could not place.

The draft stays in this browser session's memory (``st.session_state``): it is
never written to disk and never enters the shared caches.  Once checked, the
draft-extended alignment is put under ``DRAFT_KEY``, so every other page shows the
draft as an extra column too.
"""
from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # run as a page or on its own
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from pages._shared import (DRAFT_KEY, _base_alignment, clause_block, data_signature,  # noqa: E402
                           doc_column_config, lang, md_escape, selected_docs, tr)
from snscompare import draft, export, tables  # noqa: E402
from snscompare.errors import SnsCompareError  # noqa: E402
from snscompare.readers import MAX_UPLOAD_BYTES  # noqa: E402

REPORT_KEY = "draft_report"
ERROR_KEY = "draft_error"
MODES = ("upload", "paste")

# This page's words; the shared catalogue (snscompare/i18n.py) wins when it has the id.
_MSG = {
    "chk_title": {"ja": "原案チェック", "en": "Check a draft"},
    "chk_intro": {
        "ja": "お手元の原案（または現行のポリシー）を読み込むと、5市のポリシーと同じ方法で条項に分けて"
              "比較項目に当てはめ、足りない項目と他市の参考条文を示します。",
        "en": "Load your draft (or current policy): it is split into clauses and placed in the topics the same "
              "way as the five cities' policies, and the missing topics are shown with other cities' wording.",
    },
    "chk_privacy": {
        "ja": "原案はこのブラウザのセッションのメモリ上でだけ処理されます。サーバーのディスクには書き込まれず、"
              "他の利用者からは見えません。ブラウザのタブを閉じる（セッションが終わる）と消えます。",
        "en": "Your draft is processed in this browser session's memory only. It is never written to the "
              "server's disk and other users cannot see it. It is gone when the session ends (close the tab).",
    },
    "chk_mode": {"ja": "原案の渡し方", "en": "How to give the draft"},
    "chk_mode_upload": {"ja": "ファイルをアップロード", "en": "Upload a file"},
    "chk_mode_paste": {"ja": "本文を貼り付け", "en": "Paste the text"},
    "chk_upload": {
        "ja": "原案ファイル（.txt / .md / .docx / .pdf、{mb} MBまで。文字コードは UTF-8・Shift_JIS どちらでも可）",
        "en": "Draft file (.txt / .md / .docx / .pdf, up to {mb} MB; UTF-8 or Shift_JIS text)",
    },
    "chk_paste": {"ja": "原案の本文", "en": "Text of the draft"},
    "chk_paste_help": {
        "ja": "Word などから本文をそのまま貼り付けてください。条・項・号の番号もそのままで構いません。",
        "en": "Paste the text as it is, numbering included.",
    },
    "chk_name": {"ja": "表に表示する原案の名前", "en": "Name of the draft in the tables"},
    "chk_name_help": {
        "ja": "比較表の列名になります（空欄ならファイル名）。",
        "en": "Used as the column name (the file name when empty).",
    },
    "chk_run": {"ja": "チェックする", "en": "Check"},
    "chk_clear": {"ja": "原案を消去", "en": "Remove the draft"},
    "chk_need_input": {
        "ja": "原案のファイルを選ぶか、本文を貼り付けて「チェックする」を押してください。",
        "en": "Choose a file or paste the text, then press Check.",
    },
    "chk_no_file": {"ja": "ファイルが選ばれていません。", "en": "No file chosen."},
    "chk_internal": {
        "ja": "原案を処理できませんでした（内部エラー: {what}）。別の形式で保存し直すか、本文を貼り付けてお試しください。",
        "en": "The draft could not be processed (internal error: {what}). Save it in another format or paste the text.",
    },
    "chk_default_name": {"ja": "原案", "en": "draft"},
    "chk_metric_covered": {"ja": "カバーしている項目", "en": "Topics covered"},
    "chk_metric_gaps": {"ja": "欠けている項目", "en": "Missing topics"},
    "chk_metric_unplaced": {"ja": "分類できなかった条項", "en": "Unplaced clauses"},
    "chk_tab_coverage": {"ja": "項目カバー表", "en": "Coverage"},
    "chk_tab_gaps": {"ja": "欠けている項目", "en": "Gaps"},
    "chk_tab_prohibited": {"ja": "禁止事項", "en": "Prohibited content"},
    "chk_tab_matched": {"ja": "該当した条項", "en": "Matched clauses"},
    "chk_tab_unplaced": {"ja": "分類できなかった条項", "en": "Unplaced clauses"},
    "chk_draft_col": {"ja": "{name}（原案）", "en": "{name} (draft)"},
    "chk_gaps_none": {"ja": "他の文書が定めている項目はすべて含まれています。", "en": "Nothing the others cover is missing."},
    "chk_gaps_models": {"ja": "参考条文", "en": "Model clauses"},
    "chk_model_source": {"ja": "{city}（{clause_id}）", "en": "{city} ({clause_id})"},
    "chk_gap_expander": {"ja": "{topic}（{n}/{m}文書が定めています）", "en": "{topic} ({n} of {m} documents)"},
    "chk_pro_user": {"ja": "利用者の投稿で禁止・削除するもの", "en": "Users' posts banned or removed"},
    "chk_pro_city": {"ja": "市が発信してはならないもの", "en": "What the municipality must not post"},
    "chk_pro_gaps": {"ja": "他の文書にあって原案の禁止事項にない区分", "en": "Categories others list that the draft lacks"},
    "chk_pro_none": {"ja": "原案に禁止事項の一覧は見つかりませんでした。", "en": "No prohibited-content list found."},
    "chk_unplaced_intro": {
        "ja": "どの比較項目にも当てはまらなかった条項です。独自の規定か、ツールが読み取れなかった規定です。",
        "en": "Clauses that matched no topic: your own provisions, or ones the tool could not read.",
    },
    "chk_unplaced_none": {"ja": "すべての条項がいずれかの項目に当てはまりました。", "en": "Every clause was placed."},
    "chk_download_md": {"ja": "議会向けレポート (.md)", "en": "Report for the council (.md)"},
    "chk_download_csv": {"ja": "結果一覧 CSV（Excel用）", "en": "Results CSV (for Excel)"},
    "chk_download_json": {"ja": "JSON", "en": "JSON"},
    "chk_also_elsewhere": {
        "ja": "原案は他のページ（項目カバー表・禁止事項の比較・不足項目・原案づくり）にも列として表示されます。",
        "en": "The draft also appears as a column on the other pages (coverage, prohibited content, gaps, build).",
    },
}


def m(msg_id: str, **fmt) -> str:
    try:
        return tr(msg_id, **fmt)
    except KeyError:
        entry = _MSG[msg_id]
        text = entry.get(lang()) or entry["ja"]
        return text.format(**fmt) if fmt else text


def base_alignment():
    """The shared corpus (never the session's draft-extended alignment)."""
    return _base_alignment(data_signature())


def _forget_draft() -> None:
    old = st.session_state.pop(REPORT_KEY, None)
    st.session_state.pop(DRAFT_KEY, None)
    if old is not None and isinstance(st.session_state.get("docs"), list):
        st.session_state["docs"] = [d for d in st.session_state["docs"] if d != old.doc_id]


def _run_check() -> None:
    """Callback (runs before the next script run, so the sidebar's document list can
    take the draft's column): read, parse, align, report; or keep the error."""
    st.session_state.pop(ERROR_KEY, None)
    mode = st.session_state.get("draft_mode", "upload")
    name = (st.session_state.get("draft_name") or "").strip() or None
    try:
        if mode == "upload":
            upload = st.session_state.get("draft_upload")
            if upload is None:
                _forget_draft()
                return
            report = draft.check_report(upload.getvalue(), filename=upload.name, name=name,
                                        alignment=base_alignment())
        else:
            text = st.session_state.get("draft_paste") or ""
            report = draft.check_text(text, name=name or m("chk_default_name"), alignment=base_alignment())
    except SnsCompareError as e:
        _forget_draft()
        st.session_state[ERROR_KEY] = str(e)
        return
    except Exception as e:  # a bug must not take the page down: say so and keep going
        _forget_draft()
        st.session_state[ERROR_KEY] = m("chk_internal", what=type(e).__name__)
        return
    _forget_draft()
    st.session_state[REPORT_KEY] = report
    st.session_state[DRAFT_KEY] = report.alignment
    docs = st.session_state.get("docs")
    if isinstance(docs, list) and report.doc_id not in docs:
        st.session_state["docs"] = docs + [report.doc_id]


def _clear() -> None:
    _forget_draft()
    st.session_state.pop(ERROR_KEY, None)
    for key in ("draft_paste",):
        st.session_state[key] = ""


# --- inputs -------------------------------------------------------------------------------

st.title(m("chk_title"))
st.write(m("chk_intro"))
st.info(m("chk_privacy"), icon=":material/lock:")

mode = st.radio(m("chk_mode"), MODES, key="draft_mode", horizontal=True,
                format_func=lambda x: m(f"chk_mode_{x}"))
mb = MAX_UPLOAD_BYTES // (1024 * 1024)
if mode == "upload":
    # No type= filter: a .doc or .xlsx must reach the reader, which says in Japanese what is wrong
    # (the filter would reject it with an English message).
    st.file_uploader(m("chk_upload", mb=mb), key="draft_upload",
                     max_upload_size=mb, on_change=_run_check)
else:
    st.text_area(m("chk_paste"), key="draft_paste", height=240, help=m("chk_paste_help"))
st.text_input(m("chk_name"), key="draft_name", help=m("chk_name_help"), max_chars=40)
c1, c2, _ = st.columns([1, 1, 4])
c1.button(m("chk_run"), key="draft_run", on_click=_run_check, type="primary", icon=":material/fact_check:")
c2.button(m("chk_clear"), key="draft_clear", on_click=_clear, icon=":material/delete:")

if st.session_state.get(ERROR_KEY):
    st.error(st.session_state[ERROR_KEY], icon=":material/error:")

report: draft.CheckReport | None = st.session_state.get(REPORT_KEY)
if report is None:
    if not st.session_state.get(ERROR_KEY):
        st.info(m("chk_need_input"))
    st.stop()

# --- results -------------------------------------------------------------------------------

al = report.alignment
did = report.doc_id
docs = [d for d in selected_docs() if d != did and d in al.doc_ids] or report.compared_with
cols = docs + [did]
draft_label = m("chk_draft_col", name=report.name)

st.success(md_escape(report.summary), icon=":material/summarize:")
k1, k2, k3 = st.columns(3)
k1.metric(m("chk_metric_covered"), f"{len(report.covered)} / {report.n_topics}")
k2.metric(m("chk_metric_gaps"), len(report.gaps))
k3.metric(m("chk_metric_unplaced"), len(report.unplaced))
st.caption(m("chk_also_elsewhere"))

d1, d2, d3, _ = st.columns([1, 1, 1, 3])
d1.download_button(m("chk_download_md"), data=draft.render_check(report, "md").encode("utf-8"),
                   file_name=export.export_filename("check", [did], "md"), mime="text/markdown",
                   key="chk_dl_md", icon=":material/download:")
d2.download_button(m("chk_download_csv"), data=export.to_csv_bytes(draft.check_frame(report)),
                   file_name=export.export_filename("check", [did], "csv"), mime="text/csv",
                   key="chk_dl_csv", icon=":material/download:")
d3.download_button(m("chk_download_json"), data=draft.render_check(report, "json").encode("utf-8"),
                   file_name=export.export_filename("check", [did], "json"), mime="application/json",
                   key="chk_dl_json", icon=":material/download:")

L = lang()
col_cfg = doc_column_config(docs)
col_cfg[did] = st.column_config.NumberColumn(draft_label, help=did)
tab_cov, tab_gaps, tab_pro, tab_match, tab_un = st.tabs(
    [m("chk_tab_coverage"), m("chk_tab_gaps"), m("chk_tab_prohibited"), m("chk_tab_matched"), m("chk_tab_unplaced")])

with tab_cov:
    cm = tables.coverage_matrix(al, doc_ids=cols)
    label_col = "label_ja" if L == "ja" else "label_en"
    view = cm[["topic_id", label_col] + cols]
    st.dataframe(view, hide_index=True, key="chk_coverage", height=min(38 * (len(view) + 1), 1400),
                 column_config={**col_cfg, "topic_id": tr("col_topic_id"), label_col: tr("col_topic")})

with tab_gaps:
    if report.gaps.empty:
        st.success(m("chk_gaps_none"))
    else:
        gv = report.gaps[["topic_id", "label_ja" if L == "ja" else "label_en", "n_docs", "covered_by",
                          "model_city", "model_clause_id"]]
        st.dataframe(gv, hide_index=True, key="chk_gaps")
        st.subheader(m("chk_gaps_models"))
        for g in report.gaps.itertuples():
            label = g.label_ja if L == "ja" else g.label_en
            with st.expander(m("chk_gap_expander", topic=label, n=g.n_docs, m=g.n_others)):
                covering = [x for x in g.covered_by.split(",") if x]
                for mc in tables.model_clauses(al, g.topic_id, exclude=did, doc_ids=covering):
                    clause_block(mc.clean, m("chk_model_source", city=mc.city, clause_id=mc.clause_id))

with tab_pro:
    pm = tables.prohibited_matrix(al, doc_ids=cols)
    pcfg = {**col_cfg, "category_id": tr("col_category_id"), "label_ja": tr("col_category")}
    for direction in ("user", "city"):
        st.subheader(m(f"chk_pro_{direction}"))
        part = pm[pm["direction"] == direction][["category_id", "label_ja"] + cols]
        st.dataframe(part, hide_index=True, key=f"chk_pro_{direction}", column_config=pcfg)
    if report.prohibited.empty:
        st.info(m("chk_pro_none"))
    if not report.prohibited_gaps.empty:
        st.subheader(m("chk_pro_gaps"))
        st.dataframe(report.prohibited_gaps[["category_id", "label_ja", "direction_ja", "n_docs", "covered_by"]],
                     hide_index=True, key="chk_pro_gaps")

with tab_match:
    st.dataframe(report.covered_frame(), hide_index=True, key="chk_matched")

with tab_un:
    if not report.unplaced:
        st.success(m("chk_unplaced_none"))
    else:
        st.write(m("chk_unplaced_intro"))
        for u in report.unplaced:
            clause_block(u.text, u.clause_id)
