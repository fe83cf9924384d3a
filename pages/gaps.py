"""Gaps: what a city's policy lacks that others have, with model clauses."""
import streamlit as st

from pages._shared import (alignment, export_buttons, init_from_query, lang, model_clause_expanders, require_docs,
                           sync_query, table, through_app, tr)
from snscompare import report, views
from snscompare.export import export_filename

through_app()

al = alignment()
st.title(tr("gap_title"))
docs = require_docs(2, "gap_need_two")
L = lang()

init_from_query("gap_doc", options=docs, default=docs[0])
doc = st.selectbox(tr("gap_city"), options=docs, key="gap_doc", format_func=lambda d: al.doc(d).name)

st.info(table("gap_summary", doc, doc_ids=docs, lang=L), icon=":material/summarize:")

st.subheader(tr("gap_topics_title"))
gaps = table("gaps_for", doc, doc_ids=docs)
gv = views.gaps_view(gaps, al, lang=L)
if gv.empty:
    st.success(tr("gap_topics_none"))
else:
    st.dataframe(gv, hide_index=True, key="gap_table", column_config={
        "topic_id": tr("col_topic_id"), "topic": tr("col_topic"), "n_docs": tr("col_n_docs"),
        "covered_by": tr("col_covered_by"), "model_city": tr("col_model_city"),
        "model_clause_id": tr("col_model_clause"), "model_text": tr("col_model_text")})
export_buttons(gv, "gaps", [doc], extra="vs-" + "-".join(d for d in docs if d != doc), key="gaps")

if not gv.empty:
    st.subheader(tr("gap_models_title"))
    model_clause_expanders(gaps, doc, title_msg="gap_expander", source_msg="gap_model_source")

st.subheader(tr("gap_prohibited_title"))
pg = views.prohibited_gaps_view(table("prohibited_gaps_for", doc, doc_ids=docs), al, lang=L)
if pg.empty:
    st.success(tr("gap_prohibited_none"))
else:
    st.dataframe(pg, hide_index=True, key="gap_prohibited", column_config={
        "category_id": tr("col_category_id"), "category": tr("col_category"), "direction": tr("col_direction"),
        "n_docs": tr("col_n_docs"), "covered_by": tr("col_covered_by")})
export_buttons(pg, "prohibited-gaps", [doc], extra="vs-" + "-".join(d for d in docs if d != doc),
               key="prohibited_gaps")

c1, c2, _ = st.columns([1, 1, 3])
c1.download_button(tr("export_md"), data=lambda: views.gap_report_markdown(al, doc, docs, lang=L).encode("utf-8"),
                   file_name=export_filename("gaps-report", [doc], "md"), mime="text/markdown",
                   key="dl_md_gaps", icon=":material/article:")
c2.download_button(tr("rep_docx"), data=lambda: report.council_report(al, doc, docs, lang=L).to_docx_bytes(),
                   file_name=export_filename("gaps-report", [doc], "docx"),
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   key="dl_docx_gaps", icon=":material/description:")
sync_query("gap_doc")
