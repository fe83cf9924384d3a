"""Check a draft: upload or paste a policy, see it as one more column beside the
five cities, with its gaps and the clauses the tool could not place.

The draft stays in this browser session's memory (``st.session_state``): it is
never written to disk and never enters the shared caches.  Once checked, the
draft-extended alignment is put under ``DRAFT_KEY``, so every other page shows the
draft as an extra column too.
"""
from __future__ import annotations

from functools import partial

import streamlit as st

from pages._shared import (DRAFT_KEY, base_alignment, clause_block, data_table, lang,
                           md_escape, model_clause_expanders, paginate, selected_docs, table, through_app, tr)
from snscompare import check, export, report, tables, views
from snscompare.errors import SnsCompareError
from snscompare.isolation import run_isolated
from snscompare.readers import MAX_UPLOAD_BYTES

through_app()

REPORT_KEY = "draft_report"
ERROR_KEY = "draft_error"
MODES = ("upload", "paste")
# Seconds a check may spend aligning a draft: past it the page shows the part done
# and says so, and the server is free for the others.
CHECK_BUDGET_S = 20.0


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
            fn = partial(check.check_report, upload.getvalue(), filename=upload.name, name=name,
                         budget_s=CHECK_BUDGET_S)
        else:
            text = st.session_state.get("draft_paste") or ""
            fn = partial(check.check_text, text, name=name or tr("chk_default_name"), budget_s=CHECK_BUDGET_S)
        # In a bounded process of its own (snscompare.isolation), so that other sessions keep their pace.
        result = run_isolated(fn, alignment=base_alignment())
    except SnsCompareError as e:
        _forget_draft()
        st.session_state[ERROR_KEY] = str(e)  # escaped once, where it is shown
        return
    except Exception as e:  # a bug must not take the page down: say so and keep going
        _forget_draft()
        st.session_state[ERROR_KEY] = tr("chk_internal", what=type(e).__name__)
        return
    _forget_draft()
    st.session_state[REPORT_KEY] = result
    st.session_state[DRAFT_KEY] = result.alignment
    docs = st.session_state.get("docs")
    if isinstance(docs, list) and result.doc_id not in docs:
        st.session_state["docs"] = docs + [result.doc_id]


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

result: check.CheckReport | None = st.session_state.get(REPORT_KEY)
if result is None:
    if not st.session_state.get(ERROR_KEY):
        st.info(tr("chk_need_input"))
    st.stop()

# --- results -------------------------------------------------------------------------------

al = result.alignment
did = result.doc_id
docs = [d for d in selected_docs() if d != did and d in al.doc_ids] or result.compared_with
cols = docs + [did]
draft_label = tr("chk_draft_col", name=result.name)
L = lang()

# One count behind every figure: the topics the draft lacks that another document covers.
st.success(md_escape(result.summary_in(L)), icon=":material/summarize:")
for note in result.note_texts(L):
    st.warning(md_escape(note), icon=":material/info:")
if result.title:
    st.caption(md_escape(tr("chk_title_line", title=result.title)))
k1, k2, k3 = st.columns(3)
k1.metric(tr("chk_metric_covered"), f"{len(result.covered)} / {result.n_topics}")
k2.metric(tr("chk_metric_gaps"), len(result.gaps))
k2.caption(tr("chk_metric_strong", strong=result.strong, s=result.n_strong))
k3.metric(tr("chk_metric_unplaced"), len(result.unplaced))
st.caption(tr("chk_also_elsewhere"))

# In a row that gives each button its label's width (narrow columns cut 「議会向けレポート」).
row = st.container(horizontal=True)
d1 = d2 = d3 = d4 = row
d1.download_button(tr("chk_download_docx"), data=lambda: report.check_docx_bytes(result, L),
                   file_name=export.export_filename("check", [did], "docx"),
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   key="chk_dl_docx", icon=":material/description:", type="primary")
d2.download_button(tr("chk_download_md"), data=lambda: report.render_check(result, "md").encode("utf-8"),
                   file_name=export.export_filename("check", [did], "md"), mime="text/markdown",
                   key="chk_dl_md", icon=":material/download:")
d3.download_button(tr("chk_download_csv"), data=lambda: export.to_csv_bytes(report.check_frame(result)),
                   file_name=export.export_filename("check", [did], "csv"), mime="text/csv",
                   key="chk_dl_csv", icon=":material/download:")
d4.download_button(tr("chk_download_json"), data=lambda: report.render_check(result, "json").encode("utf-8"),
                   file_name=export.export_filename("check", [did], "json"), mime="application/json",
                   key="chk_dl_json", icon=":material/download:")

tab_cov, tab_gaps, tab_pro, tab_match, tab_un = st.tabs(
    [tr("chk_tab_coverage"), tr("chk_tab_gaps"), tr("chk_tab_prohibited"), tr("chk_tab_matched"),
     tr("chk_unplaced_page", n=len(result.unplaced))])

with tab_cov:
    view = views.coverage_view(table(tables.coverage_matrix, doc_ids=cols), al, cols, lang=L)
    data_table(view, "chk_coverage", docs=docs, extra={did: draft_label}, export=("check-coverage", [did], None))

with tab_gaps:
    if result.gaps.empty:
        st.success(tr("chk_gaps_none"))
    else:
        data_table(views.gaps_view(result.gaps, al, lang=L), "chk_gaps", export=("check-gaps", [did], None))
        st.page_link("pages/build_draft.py", label=tr("chk_to_builder"), icon=":material/edit_document:")
        st.subheader(tr("chk_gaps_models"))
        model_clause_expanders(result.gaps, did, title_msg="chk_gap_expander", source_msg="chk_model_source")

with tab_pro:
    pm = table(tables.prohibited_matrix, doc_ids=cols)
    for direction in ("user", "city"):
        st.subheader(tr(f"chk_pro_{direction}"))
        data_table(views.prohibited_view(pm, al, cols, direction, lang=L), f"chk_pro_{direction}", docs=docs,
                   extra={did: draft_label},
                   export=("check-prohibited", [did], direction))
    if result.prohibited.empty:
        st.info(tr("chk_pro_none"))
    if not result.prohibited_gaps.empty:
        st.subheader(tr("chk_pro_gaps"))
        # most widely listed first (the report's order)
        data_table(views.prohibited_gaps_view(result.prohibited_gaps, al, lang=L), "chk_pro_gaps",
                   export=("check-prohibited-gaps", [did], None))

with tab_match:
    data_table(views.check_matches_view(result, al, lang=L), "chk_matched", page=True,
               export=("check-matched", [did], None))

with tab_un:
    if not result.unplaced:
        st.success(tr("chk_unplaced_none"))
    else:
        st.write(tr("chk_unplaced_intro"))
        # paged: a long document has thousands of clauses, one element each
        for u in paginate(views.check_unplaced_view(result, al), "chk_unplaced").itertuples():
            clause_block(u.text, u.place or u.clause_id)
