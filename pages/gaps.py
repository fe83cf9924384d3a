"""Gaps: what a city's policy lacks that others have, with model clauses."""
import streamlit as st

from pages._shared import (alignment, clause_block, export_buttons, init_from_query, lang, md_escape, require_docs,
                           sync_query, table, through_app, tr)
from snscompare import views
from snscompare.export import export_filename

through_app()

al = alignment()
st.title(tr("gap_title"))
docs = require_docs(2, "gap_need_two")
L = lang()

init_from_query("gap_doc", options=docs, default=docs[0])
doc = st.selectbox(tr("gap_city"), options=docs, key="gap_doc", format_func=lambda d: al.doc(d).name)

st.info(md_escape(table("gap_summary", doc, doc_ids=docs, lang=L)), icon=":material/summarize:")

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
    n_others = len(docs) - 1
    for g in gaps.itertuples():
        label = g.label_ja if L == "ja" else g.label_en
        with st.expander(tr("gap_expander", topic=label, n=g.n_docs, m=n_others)):
            covering = [x for x in g.covered_by.split(",") if x]
            for m in table("model_clauses", g.topic_id, exclude=doc, doc_ids=covering):
                clause_block(m.clean, tr("gap_model_source", city=m.city, clause_id=m.clause_id))

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

st.download_button(tr("export_md"), data=lambda: views.gap_report_markdown(al, doc, docs, lang=L).encode("utf-8"),
                   file_name=export_filename("gaps-report", [doc], "md"), mime="text/markdown",
                   key="dl_md_gaps", icon=":material/article:")
sync_query("gap_doc")
