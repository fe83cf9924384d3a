"""Clauses side by side: each city's clauses on a topic (or prohibited category) in
columns, a character-level diff of two, and a search across all clauses."""
import streamlit as st

from pages._shared import (alignment, clause_block, export_buttons, init_from_query, lang, md_escape, paginate,
                           require_docs, sync_query, table, through_app, tr, unset_index)
from snscompare import views

through_app()

if st.session_state.get("pending_cov_cell"):  # a search result's link to the coverage matrix
    st.switch_page("pages/coverage.py")

al = alignment()
st.title(tr("cmp_title"))
docs = require_docs()
L = lang()
topic_ids = al.taxonomy.topic_ids
cat_ids = al.taxonomy.category_ids

init_from_query("cmp_mode", options=["topic", "category"], default="topic")
init_from_query("cmp_topic", options=topic_ids, default=topic_ids[0])
init_from_query("cmp_category", options=cat_ids, default=cat_ids[0])
init_from_query("cmp_direction", options=["user", "city"], default="user")
init_from_query("search_q")

st.segmented_control(tr("cmp_mode"), options=["topic", "category"], key="cmp_mode",
                     format_func=lambda m: tr(f"cmp_mode_{m}"))
mode = st.session_state.get("cmp_mode") or "topic"
if mode == "topic":
    st.selectbox(tr("cmp_topic"), options=topic_ids, key="cmp_topic",
                 format_func=lambda x: f"{al.taxonomy.group_label(al.taxonomy.topic(x).group, L)}｜"
                                       f"{al.taxonomy.topic(x).label(L)}")
    found = table("topic_clauses", st.session_state["cmp_topic"], doc_ids=docs)
    what, extra = "clauses", st.session_state["cmp_topic"]
else:
    c1, c2 = st.columns(2)
    c1.selectbox(tr("cmp_category"), options=cat_ids, key="cmp_category",
                 format_func=lambda x: al.taxonomy.category(x).label(L))
    c2.selectbox(tr("cmp_direction"), options=["user", "city"], key="cmp_direction",
                 format_func=lambda x: tr(f"dir_{x}"))
    found = table("category_clauses", st.session_state["cmp_category"], st.session_state["cmp_direction"],
                  doc_ids=docs)
    what, extra = "clauses", f"{st.session_state['cmp_category']}-{st.session_state['cmp_direction']}"

cols = st.columns(len(docs))
for col, d in zip(cols, docs):
    with col:
        st.markdown(f"**{md_escape(al.doc(d).name)}**")
        if not found[d]:
            st.caption(tr("cmp_none"))
        for c in found[d]:
            meta = (tr("clause_meta", clause_id=c["clause_id"], heading=c["heading_path"] or tr("no_heading"),
                       score=c["score"], reason=c["reason"]) if "score" in c
                    else tr("clause_meta_short", clause_id=c["clause_id"], heading=c["heading_path"] or tr("no_heading")))
            clause_block(c["clean"], meta)

listing = views.found_table(found, al)
with st.expander(tr("cmp_clauses_title")):
    st.dataframe(paginate(listing, "cmp_listing"), hide_index=True, key="cmp_listing")
    export_buttons(listing, what, docs, extra=extra, key="cmp_listing")

# --- diff of two clauses ---------------------------------------------------------------------
st.subheader(tr("cmp_diff_title"))
choices = {c["clause_id"]: c["clean"] for d in docs for c in found[d]}
if len(choices) < 2:
    st.info(tr("cmp_diff_need_two"))
else:
    ids = list(choices)
    by_doc = [c["clause_id"] for d in docs for c in found[d][:1]]
    default_b = by_doc[1] if len(by_doc) > 1 else ids[1]
    for key, default in (("cmp_a", ids[0]), ("cmp_b", default_b)):
        if st.session_state.get(key) not in choices:
            st.session_state[key] = default
    label = {cid: f"{al.doc(cid.split(':', 1)[0]).name}（{cid}）" for cid in ids}
    c1, c2 = st.columns(2)
    a = c1.selectbox(tr("cmp_diff_a"), options=ids, key="cmp_a", format_func=label.get)
    b = c2.selectbox(tr("cmp_diff_b"), options=ids, key="cmp_b", format_func=label.get)
    st.markdown(tr("cmp_diff_legend", ratio=views.diff_ratio(choices[a], choices[b])), unsafe_allow_html=True)
    # The only HTML built from document text: every character escaped in views.diff_html.
    st.markdown(views.diff_html(choices[a], choices[b]), unsafe_allow_html=True)

# --- search -------------------------------------------------------------------------------------


def _go_topic(topic: str) -> None:
    st.session_state["cmp_mode"] = "topic"
    st.session_state["cmp_topic"] = topic


def _go_coverage(topic: str, doc: str) -> None:
    # Read by the coverage page before its widgets are drawn.
    st.session_state["pending_cov_cell"] = (topic, doc)


st.subheader(tr("cmp_search_title"))
q = st.text_input(tr("cmp_search_label"), key="search_q")
if q and q.strip():
    hits = views.search_clauses(al, q, docs)
    if hits.empty:
        st.info(tr("cmp_search_none", q=md_escape(q)))
    else:
        st.caption(tr("cmp_search_count", n=len(hits)))
        shown = hits.assign(match=hits["match"].map(lambda m: tr(f"match_{m}")))
        st.dataframe(shown, hide_index=True, key="search_table", column_config={
            "doc_id": tr("col_doc_id"), "city": tr("col_city"), "clause_id": tr("col_clause_id"),
            "heading_path": tr("col_heading"), "topics": tr("col_topics"), "match": tr("col_match"),
            "score": tr("col_score"), "text": tr("col_text")})
        export_buttons(shown, "search", docs, key="search")
        for i, h in enumerate(hits.head(10).itertuples()):
            st.caption(md_escape(f"{h.city}（{h.clause_id}）"))
            st.text(h.text[:160] + ("…" if len(h.text) > 160 else ""))
            topics = list(dict.fromkeys(x for x in h.topics.split(",") if x))[:4]
            bcols = st.columns(len(topics) + 1)
            for j, tp in enumerate(topics):
                bcols[j].button(tr("cmp_search_goto", topic=al.taxonomy.topic(tp).label(L)), key=f"go_{i}_{tp}",
                                on_click=_go_topic, args=(tp,), icon=":material/view_column:")
            if topics:
                bcols[-1].button(tr("cmp_search_coverage"), key=f"cov_{i}", on_click=_go_coverage,
                                 args=(topics[0], h.doc_id), icon=":material/grid_on:")
            else:
                st.caption(tr("cmp_unplaced"))

sync_query("cmp_mode", "cmp_topic", "cmp_category", "cmp_direction", "search_q")
