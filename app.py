"""snscompare dashboard: `streamlit run app.py`.

The sidebar (language, documents) lives here so its values hold on every page;
the pages are listed explicitly with st.navigation.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from pages._shared import (URL_WRITTEN, VIA_APP, added_paths, alignment, bind, corpus_problem,
                           document_picker, ensure, home_docs, lang, md_escape, read_url, start_memory_releaser, style,
                           tr, write_url)
from snscompare.i18n import DEFAULT_LANG, LANGS, t

# The icon ships with the app: a material or emoji icon makes every page load fetch it from a CDN,
# which an office network without internet (LGWAN) cannot reach.
st.set_page_config(page_title=t("app_title", "ja") + " / " + t("app_title", "en"), layout="wide",
                   page_icon=str(Path(__file__).resolve().parent / "assets" / "icon.png"))


def _keep_a_language() -> None:
    """A click on the selected option clears a segmented control; keep a language.
    (In a callback: a widget's key cannot be set once the widget is drawn.)"""
    if st.session_state.get("lang") not in LANGS:
        st.session_state["lang"] = DEFAULT_LANG


start_memory_releaser()  # started once per server
read_url()  # a shared link, or the first visit: the view it names
ensure("lang", LANGS, DEFAULT_LANG)
style()
with st.sidebar:
    st.segmented_control(t("lang_label", lang()), options=list(LANGS), key="lang", on_change=_keep_a_language,
                         format_func=lambda x: t(f"lang_{x}", x), selection_mode="single")

if added_paths():  # a large corpus takes a while the first time: say so
    with st.spinner(tr("add_loading")):
        al = alignment()
else:
    al = alignment()
problem = corpus_problem()
if problem:
    st.error(tr("add_failed", n=len(home_docs(al)), detail=md_escape(problem)), icon=":material/error:")
with st.sidebar:
    document_picker()
    ensure("show_ids", (True, False), False)
    st.toggle(tr("show_ids"), help=tr("show_ids_help"), **bind("show_ids"))

pages = [
    st.Page("pages/home.py", title=tr("page_home"), icon=":material/description:", default=True),
    st.Page("pages/coverage.py", title=tr("page_coverage"), icon=":material/grid_on:"),
    st.Page("pages/prohibited.py", title=tr("page_prohibited"), icon=":material/block:"),
    st.Page("pages/compare.py", title=tr("page_compare"), icon=":material/compare_arrows:"),
    st.Page("pages/gaps.py", title=tr("page_gaps"), icon=":material/playlist_remove:"),
    st.Page("pages/groups.py", title=tr("page_groups"), icon=":material/map:"),
    st.Page("pages/check_draft.py", title=tr("page_check_draft"), icon=":material/fact_check:"),
    st.Page("pages/build_draft.py", title=tr("page_build_draft"), icon=":material/edit_document:"),
    st.Page("pages/revision.py", title=tr("page_revision"), icon=":material/difference:"),
]

with st.sidebar:
    st.caption(tr("app_caption"))

page = st.navigation(pages)
st.session_state[VIA_APP] = True
st.session_state[URL_WRITTEN] = False
try:
    page.run()
finally:
    st.session_state[VIA_APP] = False
    if not st.session_state.get(URL_WRITTEN):  # a page that stopped early, or keeps no view of its own
        write_url()
