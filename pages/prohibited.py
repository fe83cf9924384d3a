"""Prohibited content: what users may not post and what the city may not post."""
import plotly.graph_objects as go
import streamlit as st

from pages._shared import (alignment, chart_text, doc_column_config, export_buttons, lang, md_escape, require_docs,
                           spread_lists, sync_query, table, text_column_config, through_app, tr)
from snscompare import views

through_app()

al = alignment()
st.title(tr("pro_title"))
docs = require_docs()
L = lang()
st.caption(tr("pro_intro"))
pm = table("prohibited_matrix", doc_ids=docs)


def direction_view(direction: str) -> None:
    matrix = views.prohibited_view(pm, docs, direction, lang=L)
    st.subheader(tr("pro_matrix_title"))
    st.dataframe(matrix, hide_index=True, key=f"pro_matrix_{direction}",
                 column_config=doc_column_config(docs, category_id=tr("col_category_id"),
                                                 category=tr("col_category")))
    export_buttons(matrix, "prohibited", docs, extra=direction, key=f"pro_matrix_{direction}")

    reasons = views.list_reasons(al, docs, lang=L)
    reasons = reasons[reasons["direction"] == direction].reset_index(drop=True)
    st.markdown(f"**{tr('pro_lists_title')}**")
    st.caption(tr("pro_lists_intro"))
    if reasons.empty:
        st.info(tr("pro_empty"))
    for r in reasons.itertuples():
        st.markdown(f"- **{md_escape(r.city)}** {md_escape(r.list)}（{r.items}）: {md_escape(r.reason)}")

    spread_lists(matrix, docs, "category_id", "category", {"all": tr("pro_shared_title"),
                                                           "only_one": tr("pro_only_title")})

    st.subheader(tr("pro_synopsis_title"))
    st.caption(tr("pro_synopsis_intro"))
    syn = views.synopsis_view(table("prohibited_synopsis", direction, doc_ids=docs), al, docs, lang=L)
    st.dataframe(syn, hide_index=True, key=f"pro_synopsis_{direction}", row_height=90,
                 column_config=text_column_config(docs, category_id=tr("col_category_id"),
                                                  category=tr("col_category"), n_docs=tr("col_n_docs")))
    export_buttons(syn, "prohibited-synopsis", docs, extra=direction, key=f"pro_synopsis_{direction}")

    st.subheader(tr("pro_jaccard_title"))
    st.caption(tr("pro_jaccard_intro"))
    jac = table("list_similarity", direction, doc_ids=docs)
    names = [chart_text(al.doc(d).name) for d in docs]
    # go.Heatmap rather than px.imshow: same picture, a fraction of the build time.
    z = jac.to_numpy(dtype=float)
    fig = go.Figure(go.Heatmap(z=z, x=names, y=names, zmin=0, zmax=1, colorscale="Blues",
                               text=[[("" if v != v else f"{v:.2f}") for v in row] for row in z],
                               texttemplate="%{text}", hovertemplate="%{y} × %{x}: %{z:.2f}<extra></extra>"))
    fig.update_layout(yaxis={"autorange": "reversed"}, height=140 + 60 * len(docs), margin={"l": 10, "r": 10, "t": 10, "b": 10})
    st.plotly_chart(fig, key=f"pro_jaccard_{direction}", width="stretch")
    export_buttons(jac.reset_index(names="doc_id"), "prohibited-jaccard", docs, extra=direction,
                   key=f"pro_jaccard_{direction}")


tabs = {d: tr(f"pro_tab_{d}") for d in ("user", "city")}
first = st.query_params.get("ptab", "user")
tab_user, tab_city = st.tabs(list(tabs.values()), default=tabs.get(first, tabs["user"]))
with tab_user:
    direction_view("user")
with tab_city:
    direction_view("city")
sync_query()
