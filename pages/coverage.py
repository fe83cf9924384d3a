"""Coverage matrix: topics (grouped) × documents; select a cell to read its clauses."""
import plotly.graph_objects as go
import streamlit as st

from pages._shared import (alignment, chart_text, clause_block, doc_column_config, export_buttons, init_from_query, lang,
                           md_escape, require_docs, spread_lists, sync_query, table, through_app, tr, unset_index)
from snscompare import views

through_app()

al = alignment()
st.title(tr("cov_title"))
docs = require_docs()
L = lang()
groups = list(al.taxonomy.groups)
topic_ids = al.taxonomy.topic_ids

pending = st.session_state.pop("pending_cov_cell", None)  # a link from another page
if pending:
    st.session_state["cov_topic"], st.session_state["cov_doc"] = pending
init_from_query("cov_groups", options=groups, default=groups)
init_from_query("cov_topic", options=topic_ids)
init_from_query("cov_doc", options=docs)


def _take_event(key: str, to_cell) -> None:
    """A new click on the chart or the table becomes the selected cell; an old one
    (still held by the widget) does not override a later choice in the pickers."""
    event = st.session_state.get(key)
    if not event:
        return
    sel = event.get("selection", {})
    sig = repr(sel)
    if st.session_state.get(f"_seen_{key}") == sig:
        return
    st.session_state[f"_seen_{key}"] = sig
    cell = to_cell(sel)
    if cell:
        st.session_state["cov_topic"], st.session_state["cov_doc"] = cell


def _chart_cell(sel):
    for p in sel.get("points") or []:
        cd = p.get("customdata")
        if cd and len(cd) >= 2 and cd[0] in topic_ids and cd[1] in docs:
            return cd[0], cd[1]
    return None


cm = table("coverage_matrix")
st.multiselect(tr("cov_groups"), options=groups, key="cov_groups",
               format_func=lambda g: al.taxonomy.group_label(g, L))
view = views.coverage_view(cm, docs, groups=st.session_state.get("cov_groups") or groups, lang=L)


def _table_cell(sel):
    rows = sel.get("rows") or []
    if not rows or rows[0] >= len(view):
        return None
    row = view.iloc[rows[0]]
    covering = [d for d in docs if row[d] > 0]
    return row["topic_id"], (covering[0] if covering else docs[0])


_take_event("cov_chart", _chart_cell)
_take_event("cov_table", _table_cell)

st.caption(tr("cov_intro"))
tab_matrix, tab_table = st.tabs([tr("cov_matrix_tab"), tr("cov_table_tab")])
with tab_matrix:
    names = [chart_text(al.doc(d).name) for d in docs]
    ys = [f"{r.group}｜{r.topic}" for r in view.itertuples()]
    xs, yv, colors, text, custom, hover = [], [], [], [], [], []
    for r, y in zip(view.to_dict("records"), ys):
        for d, name in zip(docs, names):
            n = int(r[d])
            xs.append(name)
            yv.append(y)
            colors.append("#1f6fb2" if n else "#e6e9ef")
            text.append(str(n) if n else "")
            custom.append([r["topic_id"], d])
            hover.append(tr("hover_cell", city=name, topic=r["topic"], n=n))
    fig = go.Figure(go.Scatter(
        x=xs, y=yv, mode="markers+text", text=text, textfont={"color": "white"}, customdata=custom,
        hovertext=hover, hoverinfo="text",
        marker={"symbol": "square", "size": 22, "color": colors, "line": {"width": 0}},
    ))
    fig.update_layout(
        clickmode="event+select", dragmode=False, height=max(300, 26 * len(view) + 80),
        margin={"l": 10, "r": 10, "t": 30, "b": 10}, showlegend=False,
        xaxis={"side": "top", "fixedrange": True, "type": "category"},
        yaxis={"autorange": "reversed", "fixedrange": True, "type": "category"},
        plot_bgcolor="white",
    )
    st.plotly_chart(fig, on_select="rerun", selection_mode="points", key="cov_chart", width="stretch")
with tab_table:
    st.caption(tr("cov_table_row_hint"))
    st.dataframe(view, hide_index=True, on_select="rerun", selection_mode="single-row", key="cov_table",
                 column_config=doc_column_config(docs, topic_id=tr("col_topic_id"), topic=tr("col_topic"),
                                                 group=tr("col_group")))
export_buttons(view, "coverage", docs, key="coverage")

# --- the selected cell ------------------------------------------------------------------
c1, c2 = st.columns(2)
c1.selectbox(tr("cov_pick_topic"), options=topic_ids, key="cov_topic", format_func=lambda x: al.taxonomy.topic(x).label(L),
             placeholder=tr("choose"), **unset_index("cov_topic"))
c2.selectbox(tr("cov_pick_doc"), options=docs, key="cov_doc", format_func=lambda d: al.doc(d).name,
             placeholder=tr("choose"), **unset_index("cov_doc"))
topic, doc = st.session_state.get("cov_topic"), st.session_state.get("cov_doc")
if topic and doc:
    label = al.taxonomy.topic(topic).label(L)
    st.subheader(tr("cov_cell_title", city=md_escape(al.doc(doc).name), topic=label))
    found = table("topic_clauses", topic, doc_ids=[doc])[doc]
    if not found:
        st.info(tr("cov_cell_none", city=md_escape(al.doc(doc).name)))
    for c in found:
        clause_block(c["clean"], tr("clause_meta", clause_id=c["clause_id"],
                                    heading=c["heading_path"] or tr("no_heading"), score=c["score"],
                                    reason=c["reason"]))
else:
    st.info(tr("cov_pick_hint"))

# --- shares and spread --------------------------------------------------------------------
st.subheader(tr("cov_share_title"))
shares = views.share_table(view, al, docs)
cols = st.columns(len(docs))
for col, r in zip(cols, shares.itertuples()):
    col.metric(md_escape(r.city), f"{r.share:.0f}%", tr("cov_share_metric", k=r.covered, n=r.topics), delta_color="off")
export_buttons(shares, "coverage-share", docs, key="coverage_share")

spread_lists(view, docs, "topic_id", "topic", {"all": tr("cov_all_title"), "only_one": tr("cov_only_title"),
                                             "none": tr("cov_none_title")})

sync_query("cov_groups", "cov_topic", "cov_doc")
