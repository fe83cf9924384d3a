"""By prefecture and kind of document: the share of documents covering each topic
and listing each prohibited category, the documents most similar to a chosen one,
and the documents of a group, page by page."""
import plotly.graph_objects as go
import streamlit as st

from pages._shared import (MAX_SIDE_BY_SIDE, alignment, chart_text, doc_labeler, export_buttons, filtered_docs, group_labeler,
                           init_from_query, is_large, keep_choice, lang, md_escape, paginate, scaled, selected_docs,
                           sync_query, through_app, tr)
from snscompare import views

through_app()

al = alignment()
st.title(tr("grp_title"))
L = lang()
st.caption(tr("grp_intro"))

scopes = {"all": None}
if is_large(al):
    scopes["filtered"] = filtered_docs()
scopes["selected"] = selected_docs()
init_from_query("grp_by", options=["prefecture", "kind"], default="prefecture")
init_from_query("grp_scope", options=list(scopes), default="all")
c1, c2 = st.columns([2, 3])
by_labels = {b: tr(f"grp_by_{b}") for b in ("prefecture", "kind")}
scope_labels = {s: tr(f"grp_scope_{s}", n=len(al.docs if ids is None else ids)) for s, ids in scopes.items()}
c1.segmented_control(tr("grp_by"), options=list(by_labels), key="grp_by", format_func=by_labels.get,
                     on_change=keep_choice, args=("grp_by", "prefecture"))
c2.segmented_control(tr("grp_scope"), options=list(scopes), key="grp_scope", format_func=scope_labels.get,
                     on_change=keep_choice, args=("grp_scope", "all"), help=tr("grp_scope_help"))
by = st.session_state.get("grp_by") or "prefecture"
scope = st.session_state.get("grp_scope") or "all"
ids = scopes[scope]
if ids is not None and not ids:
    st.info(tr("grp_none"))
    st.stop()
kw = {} if ids is None else {"docs": tuple(ids)}
n_scope = len(al.docs) if ids is None else len(ids)


def heatmap(view, headers: dict[str, str], y_col: str, key: str) -> None:
    cols = list(headers)
    z = view[cols].to_numpy(dtype=float)
    fig = go.Figure(go.Heatmap(
        z=z, x=[chart_text(headers[c]) for c in cols], y=[chart_text(v) for v in view[y_col]], zmin=0, zmax=100,
        colorscale="Blues",
        text=[[f"{v:.0f}" for v in row] for row in z], texttemplate="%{text}",
        hovertemplate="%{x}<br>%{y}<br>%{z:.1f}%<extra></extra>"))
    fig.update_layout(height=120 + 24 * len(view), margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      xaxis={"side": "top", "fixedrange": True, "type": "category"},
                      yaxis={"autorange": "reversed", "fixedrange": True, "type": "category"})
    st.plotly_chart(fig, key=key, width="stretch")


def share_config(headers: dict[str, str], **extra) -> dict:
    cfg = {c: st.column_config.NumberColumn(h, format="%.1f") for c, h in headers.items()}
    cfg.update(extra)
    return cfg


# --- group sizes and topics ----------------------------------------------------------------------
cov = scaled("coverage_by_group", by, **kw)
headers = {"all": tr("grp_all", n=n_scope)} | views.group_columns(cov, by, lang=L)
what = "" if scope == "all" else scope

st.subheader(tr("grp_sizes_title"))
sizes = views.group_sizes_view(cov, by, lang=L)
st.dataframe(sizes, hide_index=True, key="grp_sizes", column_config={
    by: tr(f"grp_by_{by}"), "n_docs": tr("col_group_n"), "share": tr("col_share_pct")})
export_buttons(sizes, f"documents-by-{by}", [], extra=what or None, key="grp_sizes")

st.subheader(tr("grp_topics_title"))
topic_view = views.group_coverage_view(cov, al, by, lang=L, total=views.overall_shares(cov, al.taxonomy.topic_ids))
tab_heat, tab_table = st.tabs([tr("cov_matrix_tab"), tr("cov_table_tab")])
with tab_heat:
    heatmap(topic_view.assign(_y=topic_view["group"] + "｜" + topic_view["topic"]), headers, "_y", "grp_topics_heat")
with tab_table:
    st.dataframe(topic_view, hide_index=True, key="grp_topics", column_config=share_config(
        headers, topic_id=tr("col_topic_id"), topic=tr("col_topic"), group=tr("col_group")))
export_buttons(topic_view, f"coverage-by-{by}", [], extra=what or None, key="grp_topics")

# --- prohibited categories ------------------------------------------------------------------------
st.subheader(tr("grp_pro_title"))
pro = scaled("prohibited_by_group", by, **kw)
for direction, tab in zip(("user", "city"), st.tabs([tr("pro_tab_user"), tr("pro_tab_city")])):
    with tab:
        part = pro[pro["direction"] == direction]
        pv = views.group_prohibited_view(pro, al, by, direction, lang=L,
                                         total=views.overall_shares(part, al.taxonomy.category_ids))
        heatmap(pv, headers, "category", f"grp_pro_heat_{direction}")
        st.dataframe(pv, hide_index=True, key=f"grp_pro_{direction}", column_config=share_config(
            headers, category_id=tr("col_category_id"), category=tr("col_category")))
        export_buttons(pv, f"prohibited-by-{by}", [], extra="-".join(x for x in (direction, what) if x),
                       key=f"grp_pro_{direction}")

# --- the most similar documents ----------------------------------------------------------------------
st.subheader(tr("sim_title"))
st.caption(tr("sim_intro"))
chosen = selected_docs()
init_from_query("sim_doc", options=al.doc_ids, default=(chosen or al.doc_ids)[0])
c1, c2 = st.columns([3, 1])
doc = c1.selectbox(tr("sim_doc"), options=al.doc_ids, key="sim_doc", format_func=doc_labeler(al))
k = int(c2.number_input(tr("sim_k"), min_value=1, max_value=50, value=10, step=1, key="sim_k"))
sim = scaled("similar_documents", doc, k=k, **kw)
if sim.empty:
    st.info(tr("sim_none"))
else:
    sv = views.similar_view(sim, al, lang=L)
    st.dataframe(sv, hide_index=True, key="sim_table", column_config={
        "rank": tr("col_rank"), "doc_id": tr("col_doc_id"), "name": tr("col_city"),
        "prefecture": tr("col_prefecture"), "kind": tr("col_kind"),
        "score": st.column_config.ProgressColumn(tr("col_similarity"), min_value=0, max_value=100, format="%.1f"),
        "topic_score": st.column_config.NumberColumn(tr("col_topic_similarity"), format="%.1f"),
        "prohibited_score": st.column_config.NumberColumn(tr("col_prohibited_similarity"), format="%.1f"),
        "n_shared": tr("col_n_shared"), "only_chosen": tr("col_only_chosen"), "only_other": tr("col_only_other"),
        "shared_topics": tr("col_shared_topics")})
    export_buttons(sv, "similar", [doc], key="sim_table")
    name, sep = al.doc(doc).name, ("、" if L == "ja" else ", ")
    for r, v in zip(sim.head(3).itertuples(), sv.itertuples()):
        with st.expander(tr("sim_why", rank=v.rank, name=md_escape(r.name), score=v.score)):
            for msg_id, who, ids in (("sim_shared", "", r.shared_topics), ("sim_only_chosen", name, r.only_chosen),
                                     ("sim_only_chosen", r.name, r.only_other)):
                labels = views.topic_names(ids, al, L)
                title = tr(msg_id, n=len(labels), name=who) if who else tr(msg_id, n=len(labels))
                st.markdown(f"**{md_escape(title)}**: {md_escape(sep.join(labels)) or tr('cov_nothing')}")
    top = [doc] + sim["doc_id"].head(MAX_SIDE_BY_SIDE - 1).tolist()

    def _choose(ids=tuple(top)) -> None:
        st.session_state["docs"] = list(ids)

    st.button(tr("sim_compare", n=len(top) - 1), key="sim_compare", on_click=_choose, icon=":material/checklist:")

# --- the documents, page by page ---------------------------------------------------------------------
st.subheader(tr("grp_docs_title"))
groups = list(cov[by])
init_from_query("grp_docs_group", options=["*"] + groups, default="*")
every, label = tr("grp_docs_every"), group_labeler(L)
g = st.selectbox(tr("grp_docs_group"), options=["*"] + groups, key="grp_docs_group",
                 format_func=lambda v: every if v == "*" else label(v))
filt = {} if g == "*" else ({"prefectures": (g,)} if by == "prefecture" else {"kinds": (g,)})
found = scaled("find_documents", **filt, **kw)
found = found.assign(prefecture=[label(v) for v in found["prefecture"]])
st.dataframe(paginate(found, "grp_docs"), hide_index=True, key="grp_docs", column_config={
    "doc_id": tr("col_doc_id"), "name": tr("col_city"), "prefecture": tr("col_prefecture"), "kind": tr("col_kind"),
    "title": tr("col_title"), "n_topics": tr("col_n_topics")})
export_buttons(found, f"documents-{by}", [], extra=None if g == "*" else g, key="grp_docs")

sync_query("grp_by", "grp_scope", "sim_doc")
