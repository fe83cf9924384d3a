"""Home: the documents at a glance, and a short guide to the pages."""
import streamlit as st

from pages._shared import alignment, data_table, lang, require_docs, table, through_app, tr, write_url
from snscompare import tables

through_app()

al = alignment()
st.title(tr("home_title"))
docs = require_docs()
st.write(tr("home_intro", n=len(al.taxonomy.topics)))

overview = table(tables.documents_table, lang=lang())
overview = overview[overview["doc_id"].isin(docs)].reset_index(drop=True)
data_table(overview, "home_table", page=True, export=("documents", docs, None), config={
    "coverage": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.1f")})

st.subheader(tr("home_guide_title"))
st.markdown(tr("home_guide"))
write_url()
