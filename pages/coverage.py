"""Coverage matrix: topics (grouped) × documents; a click on a cell shows its clauses
beside the matrix, where the eye is."""
import plotly.graph_objects as go
import streamlit as st

from pages._shared import (alignment, bind, chart_text, city, clause_block, clause_caption, data_table, ensure,
                           export_buttons, lang, md_escape, names, require_docs, spread_lists, table, tabs, through_app,
                           tr, write_url)
from snscompare import tables, views

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
ensure("cov_groups", groups, groups)
ensure("cov_topic", topic_ids)
ensure("cov_doc", docs)

# The chart and the table hold a click until they are drawn anew: each click is taken
# once, then the widget gets a new key (so a second click on the same cell counts, and
# an old click never overrides a later choice in the pickers).
CLICKS = "_cov_clicks"
n_click = st.session_state.get(CLICKS, 0)


def _take(cell) -> None:
    if cell:
        st.session_state["cov_topic"], st.session_state["cov_doc"] = cell
        st.session_state[CLICKS] = st.session_state.get(CLICKS, 0) + 1


def _chart_cell(sel):
    for p in sel.get("points") or []:
        cd = p.get("customdata")
        if cd and len(cd) >= 2 and cd[0] in topic_ids and cd[1] in docs:
            return cd[0], cd[1]
    return None


cm = table(tables.coverage_matrix)
st.multiselect(tr("cov_groups"), options=groups, format_func=lambda g: al.taxonomy.group_label(g, L),
               placeholder=tr("cov_groups_all"), **bind("cov_groups"))
view = views.coverage_view(cm, al, docs, groups=st.session_state["cov_groups"] or groups, lang=L)


def _table_cell(sel):
    rows = sel.get("rows") or []
    if not rows or rows[0] >= len(view):
        return None
    row = view.iloc[rows[0]]
    covering = [d for d in docs if row[d] > 0]
    return row["topic_id"], (covering[0] if covering else docs[0])


for key, to_cell in ((f"cov_chart_{n_click}", _chart_cell), (f"cov_table_{n_click}", _table_cell)):
    event = st.session_state.get(key)
    if event:
        _take(to_cell(event.get("selection", {})))
n_click = st.session_state.get(CLICKS, 0)
topic, doc = st.session_state.get("cov_topic"), st.session_state.get("cov_doc")

st.caption(tr("cov_intro"))
left, right = st.columns([3, 2] if len(docs) <= 8 else [2, 1], gap="medium")
with left:
    shown = tabs("cov_tab", {"matrix": tr("cov_matrix_tab"), "table": tr("cov_table_tab")})
    with shown["matrix"]:
        doc_name = {d: chart_text(n) for d, n in names(docs).items()}  # plotly reads labels as HTML
        ys = [f"{r.group}｜{r.topic}" for r in view.itertuples()]
        xs, yv, colors, text, custom, hover = [], [], [], [], [], []
        for r, y in zip(view.to_dict("records"), ys):
            for d in docs:
                n = int(r[d])
                xs.append(doc_name[d])
                yv.append(y)
                colors.append("#1f6fb2" if n else "#e6e9ef")
                text.append(str(n) if n else "")
                custom.append([r["topic_id"], d])
                hover.append(tr("hover_cell", city=doc_name[d], topic=r["topic"], n=n))
        size = 22 if len(docs) <= 12 else 14
        traces = [go.Scatter(
            x=xs, y=yv, mode="markers+text", text=text, textfont={"color": "white"}, customdata=custom,
            hovertext=hover, hoverinfo="text", name="",
            marker={"symbol": "square", "size": size, "color": colors, "line": {"width": 0}},
            # plotly fades the points a click did not select and hides their numbers: not here
            selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}, "textfont": {"color": "white"}},
        )]
        if topic and doc and topic in set(view["topic_id"]):  # the chosen cell: a ring around it
            y = ys[view.index[view["topic_id"] == topic][0]]
            traces.append(go.Scatter(x=[doc_name[doc]], y=[y], mode="markers", hoverinfo="skip", name="",
                                     marker={"symbol": "square-open", "size": size + 10, "color": "#e8590c",
                                             "line": {"width": 3, "color": "#e8590c"}}))
        fig = go.Figure(traces)
        fig.update_layout(
            clickmode="event+select", dragmode=False, height=max(300, 26 * len(view) + 80),
            margin={"l": 10, "r": 10, "t": 30, "b": 10}, showlegend=False,
            xaxis={"side": "top", "fixedrange": True, "type": "category"},
            yaxis={"autorange": "reversed", "fixedrange": True, "type": "category"},
            plot_bgcolor="white",
        )
        # No toolbar: it would cover the last city's name on hover, and its buttons do nothing here.
        st.plotly_chart(fig, on_select="rerun", selection_mode="points", key=f"cov_chart_{n_click}",
                        width="stretch", config={"displayModeBar": False})
    with shown["table"]:
        st.caption(tr("cov_table_row_hint"))
        data_table(view, f"cov_table_{n_click}", docs=docs, on_select="rerun", selection_mode="single-row")
    export_buttons(view, "coverage", docs, key="coverage", headers=views.headers(view.columns, L, docs=names(docs)))

    # shares and spread, in the left column: the panel beside it stays in view down to the end
    st.subheader(tr("cov_share_title"))
    summary = table(tables.coverage_summary, doc_ids=docs, topic_ids=view["topic_id"].tolist())
    shares = summary[["doc_id"]].assign(city=[city(d) for d in summary["doc_id"]]).join(summary.drop(columns="doc_id"))
    cols = st.columns(min(len(docs), 8))
    for i, r in enumerate(shares.itertuples()):
        cols[i % len(cols)].metric(md_escape(r.city), f"{r.share:.0f}%", tr("cov_share_metric", k=r.covered, n=r.n_topics),
                                   delta_color="off")
    export_buttons(shares, "coverage-share", docs, key="coverage_share", headers=views.headers(shares.columns, L))

    spread_lists(view, docs, "topic_id", "topic", {"all": tr("cov_all_title"), "only_one": tr("cov_only_title"),
                                                 "none": tr("cov_none_title")})

# --- the chosen cell, beside the matrix --------------------------------------------------------
with right, st.container(key="cell_panel", border=True):
    c1, c2 = st.columns(2)
    c1.selectbox(tr("cov_pick_topic"), options=topic_ids, format_func=lambda x: al.taxonomy.topic(x).label(L),
                 placeholder=tr("choose"), **bind("cov_topic"))
    c2.selectbox(tr("cov_pick_doc"), options=docs, format_func=lambda d: al.doc(d).name_in(L),
                 placeholder=tr("choose"), **bind("cov_doc"))
    if topic and doc:
        label = al.taxonomy.topic(topic).label(L)
        st.subheader(tr("cov_cell_title", city=md_escape(city(doc)), topic=md_escape(label)))
        found = table(tables.topic_clauses, topic, doc_ids=[doc])[doc]
        if not found:
            st.info(tr("cov_cell_none", city=city(doc)))
        else:
            cell = views.cell_clauses(found, al, doc, lang=L)
            vary = views.varies(cell["score"])
            st.caption(tr("cov_cell_count", n=len(found)) + ("　" + tr("score_help") if vary else ""))
            for c in cell.itertuples():
                clause_block(c.text, clause_caption(c.place, c.reason, c.score if vary else None, c.clause_id))
            export_buttons(cell if vary else cell.drop(columns="score"), "cell", [doc], extra=topic, key="cell",
                           headers=views.headers(cell.columns, L))
    else:
        st.info(tr("cov_pick_hint"))

write_url("cov_groups", "cov_topic", "cov_doc", "cov_tab")
