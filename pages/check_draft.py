"""Check a draft: upload or paste a policy, see it as one more column beside the
five cities, with its gaps and the clauses the tool could not place.

The draft stays in this browser session's memory (``st.session_state``): it is
never written to disk and never enters the shared caches.  Once checked, the
draft-extended alignment is put under ``DRAFT_KEY``, so every other page shows the
draft as an extra column too.
"""
from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # run as a page or on its own
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from pages._shared import (DRAFT_KEY, _base_alignment, clause_block, data_signature, doc_column_config, lang,  # noqa: E402
                           md_escape, selected_docs, through_app, tr)
from snscompare import draft, export, tables  # noqa: E402
from snscompare.errors import SnsCompareError  # noqa: E402
from snscompare.isolation import run_isolated  # noqa: E402
from snscompare.readers import MAX_UPLOAD_BYTES  # noqa: E402

through_app()

REPORT_KEY = "draft_report"
ERROR_KEY = "draft_error"
MODES = ("upload", "paste")


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
            check = partial(draft.check_report, upload.getvalue(), filename=upload.name, name=name)
        else:
            text = st.session_state.get("draft_paste") or ""
            check = partial(draft.check_text, text, name=name or tr("chk_default_name"))
        # In a bounded process of its own, so that other sessions keep their pace.
        report = run_isolated(check, alignment=base_alignment())
    except SnsCompareError as e:
        _forget_draft()
        st.session_state[ERROR_KEY] = str(e)
        return
    except Exception as e:  # a bug must not take the page down: say so and keep going
        _forget_draft()
        st.session_state[ERROR_KEY] = tr("chk_internal", what=type(e).__name__)
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

st.title(tr("chk_title"))
st.write(tr("chk_intro"))
st.info(tr("chk_privacy"), icon=":material/lock:")

mode = st.radio(tr("chk_mode"), MODES, key="draft_mode", horizontal=True,
                format_func=lambda x: tr(f"chk_mode_{x}"))
mb = MAX_UPLOAD_BYTES // (1024 * 1024)
if mode == "upload":
    # No type= filter: a .doc or .xlsx must reach the reader, which says in Japanese what is wrong
    # (the filter would reject it with an English message).
    st.file_uploader(tr("chk_upload", mb=mb), key="draft_upload",
                     max_upload_size=mb, on_change=_run_check)
else:
    st.text_area(tr("chk_paste"), key="draft_paste", height=240, help=tr("chk_paste_help"))
st.text_input(tr("chk_name"), key="draft_name", help=tr("chk_name_help"), max_chars=40)
c1, c2, _ = st.columns([1, 1, 4])
c1.button(tr("chk_run"), key="draft_run", on_click=_run_check, type="primary", icon=":material/fact_check:")
c2.button(tr("chk_clear"), key="draft_clear", on_click=_clear, icon=":material/delete:")

if st.session_state.get(ERROR_KEY):
    st.error(md_escape(st.session_state[ERROR_KEY]), icon=":material/error:")

report: draft.CheckReport | None = st.session_state.get(REPORT_KEY)
if report is None:
    if not st.session_state.get(ERROR_KEY):
        st.info(tr("chk_need_input"))
    st.stop()

# --- results -------------------------------------------------------------------------------

al = report.alignment
did = report.doc_id
docs = [d for d in selected_docs() if d != did and d in al.doc_ids] or report.compared_with
cols = docs + [did]
draft_label = tr("chk_draft_col", name=report.name)

st.success(md_escape(report.summary), icon=":material/summarize:")
k1, k2, k3 = st.columns(3)
k1.metric(tr("chk_metric_covered"), f"{len(report.covered)} / {report.n_topics}")
k2.metric(tr("chk_metric_gaps"), len(report.gaps))
k3.metric(tr("chk_metric_unplaced"), len(report.unplaced))
st.caption(tr("chk_also_elsewhere"))

d1, d2, d3, _ = st.columns([1, 1, 1, 3])
# Files are built only when clicked: for a long draft each takes seconds of the server's time.
d1.download_button(tr("chk_download_md"), data=lambda: draft.render_check(report, "md").encode("utf-8"),
                   file_name=export.export_filename("check", [did], "md"), mime="text/markdown",
                   key="chk_dl_md", icon=":material/download:")
d2.download_button(tr("chk_download_csv"), data=lambda: export.to_csv_bytes(draft.check_frame(report)),
                   file_name=export.export_filename("check", [did], "csv"), mime="text/csv",
                   key="chk_dl_csv", icon=":material/download:")
d3.download_button(tr("chk_download_json"), data=lambda: draft.render_check(report, "json").encode("utf-8"),
                   file_name=export.export_filename("check", [did], "json"), mime="application/json",
                   key="chk_dl_json", icon=":material/download:")

L = lang()
col_cfg = doc_column_config(docs)
col_cfg[did] = st.column_config.NumberColumn(draft_label, help=md_escape(did))
tab_cov, tab_gaps, tab_pro, tab_match, tab_un = st.tabs(
    [tr("chk_tab_coverage"), tr("chk_tab_gaps"), tr("chk_tab_prohibited"), tr("chk_tab_matched"), tr("chk_tab_unplaced")])

with tab_cov:
    cm = tables.coverage_matrix(al, doc_ids=cols)
    label_col = "label_ja" if L == "ja" else "label_en"
    view = cm[["topic_id", label_col] + cols]
    st.dataframe(view, hide_index=True, key="chk_coverage", height=min(38 * (len(view) + 1), 1400),
                 column_config={**col_cfg, "topic_id": tr("col_topic_id"), label_col: tr("col_topic")})

with tab_gaps:
    if report.gaps.empty:
        st.success(tr("chk_gaps_none"))
    else:
        gv = report.gaps[["topic_id", "label_ja" if L == "ja" else "label_en", "n_docs", "covered_by",
                          "model_city", "model_clause_id"]]
        st.dataframe(gv, hide_index=True, key="chk_gaps")
        st.subheader(tr("chk_gaps_models"))
        for g in report.gaps.itertuples():
            label = g.label_ja if L == "ja" else g.label_en
            with st.expander(tr("chk_gap_expander", topic=label, n=g.n_docs, m=g.n_others)):
                covering = [x for x in g.covered_by.split(",") if x]
                for mc in tables.model_clauses(al, g.topic_id, exclude=did, doc_ids=covering):
                    clause_block(mc.clean, tr("chk_model_source", city=mc.city, clause_id=mc.clause_id))

with tab_pro:
    pm = tables.prohibited_matrix(al, doc_ids=cols)
    pcfg = {**col_cfg, "category_id": tr("col_category_id"), "label_ja": tr("col_category")}
    for direction in ("user", "city"):
        st.subheader(tr(f"chk_pro_{direction}"))
        part = pm[pm["direction"] == direction][["category_id", "label_ja"] + cols]
        st.dataframe(part, hide_index=True, key=f"chk_pro_{direction}", column_config=pcfg)
    if report.prohibited.empty:
        st.info(tr("chk_pro_none"))
    if not report.prohibited_gaps.empty:
        st.subheader(tr("chk_pro_gaps"))
        st.dataframe(report.prohibited_gaps[["category_id", "label_ja", "direction_ja", "n_docs", "covered_by"]],
                     hide_index=True, key="chk_pro_gaps")

with tab_match:
    st.dataframe(report.covered_frame(), hide_index=True, key="chk_matched")

with tab_un:
    if not report.unplaced:
        st.success(tr("chk_unplaced_none"))
    else:
        st.write(tr("chk_unplaced_intro"))
        for u in report.unplaced:
            clause_block(u.text, u.clause_id)
