"""Clauses side by side: each city's clauses on a topic (or prohibited category), two or
three documents read side by side or one per row with the others folded; the pairs of
clauses worded most alike, a character-level diff of two, and a search across all clauses."""
import streamlit as st

from pages._shared import (alignment, bind, city, clause_block, clause_caption, data_table, ensure, keep_choice, lang,
                           md_escape, names, require_docs, show_ids, table, through_app, tr, write_url)
from snscompare import tables, views

through_app()

if st.session_state.get("pending_cov_cell"):  # a search result's link to the coverage matrix
    st.switch_page("pages/coverage.py")

al = alignment()
st.title(tr("cmp_title"))
docs = require_docs()
L = lang()
topic_ids = al.taxonomy.topic_ids
cat_ids = al.taxonomy.category_ids
SIDE_BY_SIDE = 3  # more columns than this and a clause no longer reads

ensure("cmp_mode", ["topic", "category"], "topic")
ensure("cmp_topic", topic_ids, topic_ids[0])
ensure("cmp_category", cat_ids, cat_ids[0])
ensure("cmp_direction", ["user", "city"], "user")
ensure("cmp_layout", ["side", "rows"], "side")
st.session_state["search_q"] = st.session_state.get("search_q") or ""

c1, c2 = st.columns([1, 1])
c1.segmented_control(tr("cmp_mode"), options=["topic", "category"], format_func=lambda m: tr(f"cmp_mode_{m}"),
                     **bind("cmp_mode", on_change=keep_choice, args=("cmp_mode", "topic")))
mode = st.session_state["cmp_mode"]
if mode == "topic":
    st.selectbox(tr("cmp_topic"), options=topic_ids,
                 format_func=lambda x: f"{al.taxonomy.group_label(al.taxonomy.topic(x).group, L)}｜"
                                       f"{al.taxonomy.topic(x).label(L)}", **bind("cmp_topic"))
    found = table(tables.topic_clauses, st.session_state["cmp_topic"], doc_ids=docs)
    what, extra = "clauses", st.session_state["cmp_topic"]
else:
    d1, d2 = st.columns(2)
    d1.selectbox(tr("cmp_category"), options=cat_ids, format_func=lambda x: al.taxonomy.category(x).label(L),
                 **bind("cmp_category"))
    d2.selectbox(tr("cmp_direction"), options=["user", "city"], format_func=lambda x: tr(f"dir_{x}"),
                 **bind("cmp_direction"))
    found = table(tables.category_clauses, st.session_state["cmp_category"], st.session_state["cmp_direction"],
                  doc_ids=docs)
    what, extra = "clauses", f"{st.session_state['cmp_category']}-{st.session_state['cmp_direction']}"

listing = views.found_table(found, al, lang=L)
vary = views.varies(listing["score"])  # a score that is the same for every clause says nothing

# --- reading: two or three side by side, or one document per row ---------------------------------
having = [d for d in docs if found[d]]
read = ensure("cmp_read", docs, (having or docs)[:min(2, len(docs))])
if not read:
    read = st.session_state["cmp_read"] = (having or docs)[:1]
c2.segmented_control(tr("cmp_layout"), options=["side", "rows"], format_func=lambda x: tr(f"cmp_layout_{x}"),
                     help=tr("cmp_layout_help", k=SIDE_BY_SIDE),
                     **bind("cmp_layout", on_change=keep_choice, args=("cmp_layout", "side")))
layout = st.session_state["cmp_layout"]
doc_name = names(docs)
st.multiselect(tr("cmp_read", k=SIDE_BY_SIDE), options=docs, max_selections=SIDE_BY_SIDE, placeholder=tr("choose"),
               format_func=lambda d: tr("cmp_read_option", city=doc_name[d], n=len(found[d])), **bind("cmp_read"))
read = [d for d in docs if d in st.session_state["cmp_read"]]


def show_clauses(d: str) -> None:
    if not found[d]:
        st.caption(tr("cmp_none"))
    for c, row in zip(found[d], listing[listing["doc_id"] == d].itertuples()):
        clause_block(c["clean"], clause_caption(row.place, row.reason, row.score if vary else None, c["clause_id"]))


if layout == "side" and read:
    for col, d in zip(st.columns(len(read)), read):
        with col:
            st.markdown(f"**{md_escape(doc_name[d])}**")
            show_clauses(d)
    folded = [d for d in docs if d not in read]
else:
    folded = docs
if folded:
    if layout == "side":
        st.caption(tr("cmp_others"))
    for d in folded:
        with st.expander(tr("cmp_doc_row", city=md_escape(doc_name[d]), n=len(found[d])),
                         expanded=layout == "rows" and d in read):
            show_clauses(d)

with st.expander(tr("cmp_clauses_title")):
    data_table(listing if vary else listing.drop(columns="score"), "cmp_listing", page=True,
               export=(what, docs, extra))

# --- the clauses worded most alike, and the differences of two ---------------------------------------
choices = {c["clause_id"]: c["clean"] for d in docs for c in found[d]}
if mode == "topic" and len(having) >= 2:
    st.subheader(tr("cmp_pairs_title"))
    st.caption(tr("cmp_pairs_intro"))
    pairs = views.similar_pairs(table(tables.cross_document_alignment, st.session_state["cmp_topic"], doc_ids=docs),
                                al, lang=L)
    data_table(pairs, "cmp_pairs", config={"similarity": st.column_config.ProgressColumn(
        min_value=0, max_value=100, format="%d", help=tr("cmp_pairs_help"))},
        export=("similar-clauses", docs, st.session_state["cmp_topic"]))
    best = (pairs["clause_a"].iloc[0], pairs["clause_b"].iloc[0]) if len(pairs) else None
else:
    best = None

st.subheader(tr("cmp_diff_title"))
if len(choices) < 2:
    st.info(tr("cmp_diff_need_two"))
else:
    ids = list(choices)
    by_doc = [c["clause_id"] for d in docs for c in found[d][:1]]
    default_a, default_b = best or (ids[0], by_doc[1] if len(by_doc) > 1 else ids[1])
    for key, default in (("cmp_a", default_a), ("cmp_b", default_b)):
        if st.session_state.get(key) not in choices:
            st.session_state[key] = default
    place = {cid: views.clause_place(al.clause(cid)) for cid in ids}

    def label(cid: str) -> str:
        where = place[cid] + (f" {cid}" if show_ids() else "")
        return tr("cmp_diff_option", city=city(al.clause(cid).doc_id), place=where)

    e1, e2 = st.columns(2)
    a = e1.selectbox(tr("cmp_diff_a"), options=ids, format_func=label, **bind("cmp_a"))
    b = e2.selectbox(tr("cmp_diff_b"), options=ids, format_func=label, **bind("cmp_b"))
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
q = st.text_input(tr("cmp_search_label"), **bind("search_q"))
if q and q.strip():
    hits = views.search_clauses(al, q, docs, lang=L)
    if hits.empty:
        st.info(tr("cmp_search_none", q=md_escape(q)))  # the words come from the URL too: shown as typed
    else:
        st.caption(tr("cmp_search_count", n=len(hits)))
        shown = hits.assign(match=hits["match"].map(lambda m: tr(f"match_{m}")))
        data_table(shown, "search_table", config={"score": st.column_config.NumberColumn(help=tr("search_score_help"))},
                   export=("search", docs, None))
        for i, h in enumerate(hits.head(10).itertuples()):
            st.caption(md_escape(f"{h.city}｜{h.place}" + (f"（{h.clause_id}）" if show_ids() else "")))
            st.text(h.text[:160] + ("…" if len(h.text) > 160 else ""))
            topics = [x for x in h.topic_ids.split(",") if x][:4]
            bcols = st.columns(len(topics) + 1)
            for j, tp in enumerate(topics):
                bcols[j].button(tr("cmp_search_goto", topic=al.taxonomy.topic(tp).label(L)), key=f"go_{i}_{tp}",
                                on_click=_go_topic, args=(tp,), icon=":material/view_column:")
            if topics:
                bcols[-1].button(tr("cmp_search_coverage"), key=f"cov_{i}", on_click=_go_coverage,
                                 args=(topics[0], h.doc_id), icon=":material/grid_on:")
            else:
                st.caption(tr("cmp_unplaced"))

write_url("cmp_mode", "cmp_topic", "cmp_category", "cmp_direction", "cmp_layout", "cmp_read", "search_q")
