"""By prefecture and kind of document: the share of documents covering each topic
and listing each prohibited category, the documents most similar to a chosen one,
and the documents of a group, page by page."""
import plotly.graph_objects as go
import streamlit as st

from pages._shared import (MAX_SIDE_BY_SIDE, alignment, bind, chart_text, data_table, doc_labeler, ensure,
                           filtered_docs, group_labeler, is_large, keep_choice, lang, md_escape, selected_docs,
                           show_ids, table, through_app, tr, write_url)
from snscompare import scale, views

through_app()

al = alignment()
st.title(tr("grp_title"))
L = lang()
st.caption(tr("grp_intro"))

scopes = {"all": None}
if is_large(al):
    scopes["filtered"] = filtered_docs()
scopes["selected"] = selected_docs()
ensure("grp_by", ["prefecture", "kind"], "prefecture")
ensure("grp_scope", list(scopes), "all")
c1, c2 = st.columns([2, 3])
by_labels = {b: tr(f"grp_by_{b}") for b in ("prefecture", "kind")}
scope_labels = {s: tr(f"grp_scope_{s}", n=len(al.docs if ids is None else ids)) for s, ids in scopes.items()}
c1.segmented_control(tr("grp_by"), options=list(by_labels), format_func=by_labels.get,
                     **bind("grp_by", on_change=keep_choice, args=("grp_by", "prefecture")))
c2.segmented_control(tr("grp_scope"), options=list(scopes), format_func=scope_labels.get, help=tr("grp_scope_help"),
                     **bind("grp_scope", on_change=keep_choice, args=("grp_scope", "all")))
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
    st.plotly_chart(fig, key=key, width="stretch", config={"displayModeBar": False})


def share_config(headers: dict[str, str]) -> dict:
    return {c: st.column_config.NumberColumn(format="%.1f") for c in headers}


# --- group sizes and topics ----------------------------------------------------------------------
cov = table(scale.coverage_by_group, by, **kw)
headers = {"all": tr("grp_all", n=n_scope)} | views.group_columns(cov, by, lang=L)
what = "" if scope == "all" else scope

st.subheader(tr("grp_sizes_title"))
sizes = views.group_sizes_view(cov, by, lang=L)
data_table(sizes, "grp_sizes", extra={by: tr(f"grp_by_{by}"), "n_docs": tr("col_group_n"), "share": tr("col_share_pct")},
           export=(f"documents-by-{by}", [], what or None))

st.subheader(tr("grp_topics_title"))
topic_view = views.group_coverage_view(cov, al, by, lang=L, total=views.overall_shares(cov, al.taxonomy.topic_ids))
tab_heat, tab_table = st.tabs([tr("cov_matrix_tab"), tr("cov_table_tab")])
with tab_heat:
    heatmap(topic_view.assign(_y=topic_view["group"] + "｜" + topic_view["topic"]), headers, "_y", "grp_topics_heat")
with tab_table:
    data_table(topic_view, "grp_topics", extra=headers, config=share_config(headers),
               export=(f"coverage-by-{by}", [], what or None))

# --- prohibited categories ------------------------------------------------------------------------
st.subheader(tr("grp_pro_title"))
pro = table(scale.prohibited_by_group, by, **kw)
for direction, tab in zip(("user", "city"), st.tabs([tr("pro_tab_user"), tr("pro_tab_city")])):
    with tab:
        part = pro[pro["direction"] == direction]
        pv = views.group_prohibited_view(pro, al, by, direction, lang=L,
                                         total=views.overall_shares(part, al.taxonomy.category_ids))
        heatmap(pv, headers, "category", f"grp_pro_heat_{direction}")
        data_table(pv, f"grp_pro_{direction}", extra=headers, config=share_config(headers),
                   export=(f"prohibited-by-{by}", [], "-".join(x for x in (direction, what) if x)))

# --- the most similar documents ----------------------------------------------------------------------
st.subheader(tr("sim_title"))
st.caption(tr("sim_intro"))
chosen = selected_docs()
ensure("sim_doc", al.doc_ids, (chosen or al.doc_ids)[0])
c1, c2 = st.columns([3, 1])
doc = c1.selectbox(tr("sim_doc"), options=al.doc_ids, format_func=doc_labeler(al, L, show_ids()), **bind("sim_doc"))
k = int(c2.number_input(tr("sim_k"), min_value=1, max_value=50, value=10, step=1, key="sim_k"))
sim = table(scale.similar_documents, doc, k=k, **kw)
if sim.empty:
    st.info(tr("sim_none"))
else:
    sv = views.similar_view(sim, al, lang=L)
    data_table(sv, "sim_table", extra={"score": tr("col_similarity")}, config={
        "score": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.1f"),
        "topic_score": st.column_config.NumberColumn(format="%.1f"),
        "prohibited_score": st.column_config.NumberColumn(format="%.1f")}, export=("similar", [doc], None))
    name = al.doc(doc).name_in(L)
    for r, v in zip(sim.head(3).itertuples(), sv.itertuples()):
        with st.expander(tr("sim_why", rank=v.rank, name=md_escape(v.name), score=v.score)):
            for msg_id, who, ids in (("sim_shared", "", r.shared_topics), ("sim_only_chosen", name, r.only_chosen),
                                     ("sim_only_chosen", r.name, r.only_other)):
                labels = views.topic_names(ids, al, L)
                title = tr(msg_id, n=len(labels), name=who) if who else tr(msg_id, n=len(labels))
                st.markdown(f"**{md_escape(title)}**: {md_escape(views.joined(labels, L)) or tr('cov_nothing')}")
    top = [doc] + sim["doc_id"].head(MAX_SIDE_BY_SIDE - 1).tolist()

    def _choose(ids=tuple(top)) -> None:
        st.session_state["docs"] = list(ids)

    st.button(tr("sim_compare", n=len(top) - 1), key="sim_compare", on_click=_choose, icon=":material/checklist:")

# --- the documents, page by page ---------------------------------------------------------------------
st.subheader(tr("grp_docs_title"))
groups = list(cov[by])
ensure("grp_docs_group", ["*"] + groups, "*")
every, label = tr("grp_docs_every"), group_labeler(L)
g = st.selectbox(tr("grp_docs_group"), options=["*"] + groups, format_func=lambda v: every if v == "*" else label(v),
                 **bind("grp_docs_group"))
filt = {} if g == "*" else ({"prefectures": (g,)} if by == "prefecture" else {"kinds": (g,)})
found = table(scale.find_documents, **filt, **kw)
found = found.assign(prefecture=[label(v) for v in found["prefecture"]],
                     name=[al.doc(d).name_in(L) for d in found["doc_id"]])
data_table(found, "grp_docs", page=True, extra={"n_topics": tr("col_n_topics")},
           export=(f"documents-{by}", [], None if g == "*" else g))

write_url("grp_by", "grp_scope", "sim_doc")
