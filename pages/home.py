"""Home: the documents at a glance, and a short guide to the pages."""
import streamlit as st

from pages._shared import alignment, export_buttons, paginate, require_docs, sync_query, table, through_app, tr

through_app()

al = alignment()
st.title(tr("home_title"))
docs = require_docs()
st.write(tr("home_intro", n=len(al.taxonomy.topics)))

overview = table("documents_table")
overview = overview[overview["doc_id"].isin(docs)].reset_index(drop=True)
st.dataframe(paginate(overview, "home_table"), hide_index=True, key="home_table", column_config={
    "doc_id": tr("col_doc_id"), "city": tr("col_city"), "prefecture": tr("col_prefecture"),
    "title": tr("col_title"), "kind": tr("col_kind"), "audience": tr("col_audience"),
    "dates": tr("col_dates"), "n_clauses": tr("col_n_clauses"), "topics_covered": tr("col_topics_covered"),
    "coverage": st.column_config.ProgressColumn(tr("col_coverage"), min_value=0, max_value=100, format="%.1f"),
    "platforms": tr("col_platforms"),
})
export_buttons(overview, "documents", docs)

st.subheader(tr("home_guide_title"))
st.markdown(tr("home_guide"))
sync_query()
