"""Build a draft: start from the topics most cities cover, pick each topic's model
clause from any city (or keep the checked draft's own text), edit, reorder, replace
other cities' names, and download .docx, Markdown and a CSV of sources.

Everything the user types stays in ``st.session_state``; the cached part is only
the five cities' model clauses (no user text in shared caches).
"""
from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # run as a page or on its own
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from pages._shared import _base_alignment, data_signature, lang, md_escape, through_app, tr  # noqa: E402
from snscompare import draft, export  # noqa: E402

through_app()

TOPICS_KEY = "bld_topics"
REPORT_KEY = "draft_report"  # set by the check page
OWN = "__own__"
BLANK = "__blank__"


def base():
    return _base_alignment(data_signature())


@st.cache_data(max_entries=128, show_spinner=False)
def _city_options(signature: tuple, topic: str) -> list[draft.DraftClause]:
    """The five cities' model clauses for a topic (no user text: safe to share)."""
    return draft.topic_options(_base_alignment(signature), topic)


def options(topic: str) -> dict[str, draft.DraftClause]:
    """Source id -> clause: the draft's own text first (if it has the topic), then
    each city's model clause, best first."""
    out: dict[str, draft.DraftClause] = {}
    report = st.session_state.get(REPORT_KEY)
    if report is not None:
        own = draft.own_clauses(report.alignment, report.doc_id, topic)
        if own is not None:
            out[OWN] = own
    for o in _city_options(data_signature(), topic):
        out[o.source_doc] = o
    return out


def _text_key(topic: str) -> str:
    return f"bld_text_{topic}"


def _src_key(topic: str) -> str:
    return f"bld_src_{topic}"


def _init_topic(topic: str) -> None:
    opts = options(topic)
    if _src_key(topic) not in st.session_state or st.session_state[_src_key(topic)] not in list(opts) + [BLANK]:
        st.session_state[_src_key(topic)] = next(iter(opts), BLANK)
    if _text_key(topic) not in st.session_state:
        src = st.session_state[_src_key(topic)]
        st.session_state[_text_key(topic)] = opts[src].text if src in opts else ""


def _reset_skeleton() -> None:
    n = st.session_state.get("bld_min_docs", 3)
    topics = draft.default_skeleton(base(), n)
    st.session_state[TOPICS_KEY] = topics
    for t in base().taxonomy.topic_ids:
        st.session_state.pop(_text_key(t), None)
        st.session_state.pop(_src_key(t), None)


def _apply_source(topic: str) -> None:
    src = st.session_state.get(_src_key(topic))
    opts = options(topic)
    st.session_state[_text_key(topic)] = opts[src].text if src in opts else ""


def _move(i: int, delta: int) -> None:
    topics = list(st.session_state[TOPICS_KEY])
    j = i + delta
    if 0 <= j < len(topics):
        topics[i], topics[j] = topics[j], topics[i]
        st.session_state[TOPICS_KEY] = topics


def _remove(i: int) -> None:
    topics = list(st.session_state[TOPICS_KEY])
    if 0 <= i < len(topics):
        del topics[i]
        st.session_state[TOPICS_KEY] = topics


def _add() -> None:
    topic = st.session_state.get("bld_add_topic")
    if topic and topic not in st.session_state[TOPICS_KEY]:
        st.session_state[TOPICS_KEY] = st.session_state[TOPICS_KEY] + [topic]


def _replace_names() -> None:
    city = (st.session_state.get("bld_city") or "").strip()
    if not city:
        st.session_state["bld_notice"] = ("warning", tr("bld_replace_need_city"))
        return
    changed = 0
    for t in st.session_state.get(TOPICS_KEY, []):
        key = _text_key(t)
        old = st.session_state.get(key, "")
        new = draft.replace_cities(old, base(), city)
        if new != old:
            st.session_state[key] = new
            changed += 1
    st.session_state["bld_notice"] = ("success", tr("bld_replaced", n=changed))


# --- page ---------------------------------------------------------------------------------

al = base()
tax = al.taxonomy
L = lang()
n_docs = len([d for d in al.docs if not d.added])


def label(topic: str) -> str:
    return tax.topic(topic).label(L)


st.title(tr("bld_title"))
st.write(tr("bld_intro"))
st.caption(tr("bld_privacy"))

if "bld_min_docs" not in st.session_state:
    st.session_state["bld_min_docs"] = min(3, n_docs)
if TOPICS_KEY not in st.session_state:
    _reset_skeleton()
if "bld_doc_title" not in st.session_state:
    st.session_state["bld_doc_title"] = tr("bld_doc_title_default")

c1, c2 = st.columns([2, 1])
c1.text_input(tr("bld_doc_title"), key="bld_doc_title", max_chars=80)
style = c2.radio(tr("bld_style"), draft.STYLES, key="bld_style", horizontal=True,
                 format_func=lambda s: tr(f"bld_style_{s}"))
c1, c2 = st.columns([3, 1])
c1.slider(tr("bld_min_docs"), 1, max(n_docs, 1), key="bld_min_docs", on_change=_reset_skeleton)
c2.button(tr("bld_reset"), key="bld_reset", on_click=_reset_skeleton, icon=":material/restart_alt:")

c1, c2, c3 = st.columns([2, 1, 1])
c1.text_input(tr("bld_city"), key="bld_city", max_chars=20)
c2.button(tr("bld_replace"), key="bld_replace", on_click=_replace_names, icon=":material/find_replace:")
notice = st.session_state.pop("bld_notice", None)
if notice:
    getattr(st, notice[0])(notice[1])

topics: list[str] = st.session_state[TOPICS_KEY]
missing = [t for t in tax.topic_ids if t not in topics]
if missing:
    a1, a2 = st.columns([3, 1])
    a1.selectbox(tr("bld_add"), missing, key="bld_add_topic", format_func=label)
    a2.button(tr("bld_add_button"), key="bld_add_button", on_click=_add, icon=":material/add:")

if not topics:
    st.info(tr("bld_empty"))
    st.stop()
st.caption(tr("bld_count", n=len(topics)))

report = st.session_state.get(REPORT_KEY)
chosen: list[draft.DraftClause] = []
for i, topic in enumerate(topics):
    _init_topic(topic)
    opts = options(topic)
    with st.container(border=True):
        h, b1, b2, b3 = st.columns([6, 1, 1, 1])
        h.markdown(f"**{i + 1}. {label(topic)}** `{topic}`")
        b1.button(tr("bld_up"), key=f"bld_up_{topic}", on_click=_move, args=(i, -1), disabled=i == 0,
                  icon=":material/arrow_upward:")
        b2.button(tr("bld_down"), key=f"bld_down_{topic}", on_click=_move, args=(i, 1),
                  disabled=i == len(topics) - 1, icon=":material/arrow_downward:")
        b3.button(tr("bld_remove"), key=f"bld_rm_{topic}", on_click=_remove, args=(i,), icon=":material/close:")

        def fmt(src: str, _opts=opts) -> str:
            if src == BLANK:
                return tr("bld_source_blank")
            if src == OWN:
                return tr("bld_source_own", name=md_escape(report.name if report else ""))
            return md_escape(_opts[src].source_city or src)

        st.radio(tr("bld_source"), list(opts) + [BLANK], key=_src_key(topic), horizontal=True, format_func=fmt,
                 on_change=_apply_source, args=(topic,))
        with st.expander(tr("bld_compare")):
            shown = list(opts.items())
            for start in range(0, len(shown), 3):
                cols = st.columns(3)
                for col, (src, o) in zip(cols, shown[start:start + 3]):
                    col.caption(tr("bld_city_clause", city=fmt(src), clause_id=md_escape(o.source_clause_id)))
                    col.text(o.text)
        text = st.text_area(tr("bld_text"), key=_text_key(topic), height=160)
        names = draft.city_names_in(text or "", al, generic=False)
        if names:
            st.warning(tr("bld_names_found", names=md_escape("、".join(names))), icon=":material/edit_note:")
    src = st.session_state.get(_src_key(topic))
    o = opts.get(src)
    chosen.append(draft.DraftClause(topic, text or "", o.source_doc if o else "", o.source_clause_id if o else "",
                                    o.source_city if o else "", tax.topic(topic).ja))

built = draft.assemble(chosen, style=style, title=st.session_state.get("bld_doc_title") or "", taxonomy=tax)
sources = draft.sources_frame(built)

st.subheader(tr("bld_download"))
stem = export.export_filename("draft", [], "docx").rsplit(".", 1)[0]
d1, d2, d3, _ = st.columns([1, 1, 1, 2])
d1.download_button(tr("bld_docx"), data=lambda: draft.to_docx_bytes(built), file_name=f"{stem}.docx",
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   key="bld_dl_docx", icon=":material/description:")
d2.download_button(tr("bld_md"), data=draft.to_markdown(built).encode("utf-8"), file_name=f"{stem}.md",
                   mime="text/markdown", key="bld_dl_md", icon=":material/download:")
d3.download_button(tr("bld_sources"), data=export.to_csv_bytes(sources),
                   file_name=export.export_filename("draft-sources", sorted({s for s in sources["source_doc"] if s}), "csv"),
                   mime="text/csv", key="bld_dl_sources", icon=":material/table_view:")

st.subheader(tr("bld_sources_title"))
st.dataframe(sources, hide_index=True, key="bld_sources_table")
with st.expander(tr("bld_preview"), expanded=False):
    st.code(draft.to_markdown(built), language=None, wrap_lines=True)
