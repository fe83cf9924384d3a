"""Gaps: what a city's policy lacks that others have, with model clauses."""
import streamlit as st

from pages._shared import (alignment, bind, data_table, ensure, lang, md_escape, model_clause_expanders, require_docs,
                           table, through_app, tr, write_url)
from snscompare import report, tables, views
from snscompare.export import export_filename

through_app()

al = alignment()
st.title(tr("gap_title"))
docs = require_docs(2, "gap_need_two")
L = lang()

ensure("gap_doc", docs, docs[0])
doc = st.selectbox(tr("gap_city"), options=docs, format_func=lambda d: al.doc(d).name_in(L), **bind("gap_doc"))
others = [d for d in docs if d != doc]
vs = "vs-" + "-".join(others)

gaps = table(tables.gaps_for, doc, doc_ids=docs)
st.info(md_escape(tables.gap_summary(al, doc, doc_ids=docs, lang=L, gaps=gaps)), icon=":material/summarize:")

st.subheader(tr("gap_topics_title"))
gv = views.gaps_view(gaps, al, lang=L)
if gv.empty:
    st.success(tr("gap_topics_none"))
else:
    st.caption(tr("gap_topics_sorted"))
data_table(gv, "gap_table", config={"n_docs": st.column_config.NumberColumn(help=tr("gap_n_docs_help", m=len(others)))},
           export=("gaps", [doc], vs))

if not gv.empty:
    st.subheader(tr("gap_models_title"))
    model_clause_expanders(gaps, doc, title_msg="gap_expander", source_msg="gap_model_source")

st.subheader(tr("gap_prohibited_title"))
pg = views.prohibited_gaps_view(table(tables.prohibited_gaps_for, doc, doc_ids=docs), al, lang=L)
if pg.empty:
    st.success(tr("gap_prohibited_none"))
else:
    st.caption(tr("gap_topics_sorted"))
data_table(pg, "gap_prohibited", export=("prohibited-gaps", [doc], vs))

row = st.container(horizontal=True)  # each button as wide as its label
c1 = c2 = row
c1.download_button(tr("export_md"), data=lambda: views.gap_report_markdown(al, doc, docs, lang=L).encode("utf-8"),
                   file_name=export_filename("gaps-report", [doc], "md"), mime="text/markdown",
                   key="dl_md_gaps", icon=":material/article:")
c2.download_button(tr("rep_docx"), data=lambda: report.council_report(al, doc, docs, lang=L).to_docx_bytes(),
                   file_name=export_filename("gaps-report", [doc], "docx"),
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   key="dl_docx_gaps", icon=":material/description:")
write_url("gap_doc")
