"""Prohibited content: what users may not post and what the city may not post."""
import plotly.graph_objects as go
import streamlit as st

from pages._shared import (alignment, chart_text, clause_block, data_table, export_buttons, lang, md_escape, names,
                           require_docs, show_ids, spread_lists, table, tabs, through_app, tr, write_url)
from snscompare import tables, views

through_app()

al = alignment()
st.title(tr("pro_title"))
docs = require_docs()
L = lang()
st.caption(tr("pro_intro"))
pm = table(tables.prohibited_matrix, doc_ids=docs)


def direction_view(direction: str) -> None:
    matrix = views.prohibited_view(pm, al, docs, direction, lang=L)
    st.subheader(tr("pro_matrix_title"))
    data_table(matrix, f"pro_matrix_{direction}", docs=docs, export=("prohibited", docs, direction))

    reasons = views.list_reasons(al, docs, lang=L)
    reasons = reasons[reasons["direction_id"] == direction].reset_index(drop=True)
    st.markdown(f"**{tr('pro_lists_title')}**")
    st.caption(tr("pro_lists_intro"))
    if reasons.empty:
        st.info(tr("pro_empty"))
    for r in reasons.itertuples():
        where = md_escape(r.place) + (f"（{md_escape(r.list_id)}）" if show_ids() else "")
        st.markdown(f"- **{md_escape(r.city)}** {where}（{tr('pro_list_items', n=r.items)}）: {md_escape(r.reason)}")
    if not reasons.empty:
        export_buttons(reasons, "prohibited-lists", docs, extra=direction, key=f"pro_lists_{direction}",
                       headers=views.headers(reasons.columns, L))

    spread_lists(matrix, docs, "category_id", "category", {"all": tr("pro_shared_title"),
                                                           "only_one": tr("pro_only_title")})

    st.subheader(tr("pro_synopsis_title"))
    st.caption(tr("pro_synopsis_intro"))
    syn = views.synopsis_view(table(tables.prohibited_synopsis, direction, doc_ids=docs), al, docs, lang=L)
    # The overview (sortable, downloadable), then each category's wording read in full.
    data_table(syn, f"pro_synopsis_{direction}", docs=docs, export=("prohibited-synopsis", docs, direction))
    doc_name = names(docs)
    for r in syn.to_dict("records"):
        with st.expander(tr("pro_synopsis_row", category=md_escape(r["category"]), n=r["n_docs"], m=len(docs))):
            for d in docs:
                if r[d]:
                    clause_block(r[d], doc_name[d])

    st.subheader(tr("pro_jaccard_title"))
    st.caption(tr("pro_jaccard_intro"))
    jac = table(tables.list_similarity, direction, doc_ids=docs)
    shown = [chart_text(doc_name[d]) for d in docs]  # plotly reads labels as HTML
    # go.Heatmap rather than px.imshow: same picture, a fraction of the build time.
    z = jac.to_numpy(dtype=float)
    fig = go.Figure(go.Heatmap(z=z, x=shown, y=shown, zmin=0, zmax=1, colorscale="Blues",
                               text=[[("" if v != v else f"{100 * v:.0f}%") for v in row] for row in z],
                               texttemplate="%{text}",
                               hovertemplate=tr("pro_jaccard_hover") + "<extra></extra>",
                               colorbar={"tickformat": ".0%"}))
    fig.update_layout(yaxis={"autorange": "reversed"}, height=140 + 60 * len(docs),
                      margin={"l": 10, "r": 10, "t": 10, "b": 10})
    st.plotly_chart(fig, key=f"pro_jaccard_{direction}", width="stretch", config={"displayModeBar": False})
    shares = (100 * jac).round(1).reset_index(names="doc_id")  # a new frame: the cached one stays as it is
    shares.insert(1, "city", [doc_name[d] for d in shares["doc_id"]])
    export_buttons(shares, "prohibited-shared-share", docs, extra=direction, key=f"pro_jaccard_{direction}",
                   headers=views.headers(shares.columns, L, docs=doc_name))


shown_tabs = tabs("pro_direction", {d: tr(f"pro_tab_{d}") for d in ("user", "city")})
for direction, tab in shown_tabs.items():
    with tab:
        if tab.open is not False:  # only the open tab is computed
            direction_view(direction)
write_url("pro_direction")
