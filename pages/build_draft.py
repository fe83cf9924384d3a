"""Build a draft: start from the topics most cities cover, pick each topic's model
clause from any city (or keep the checked draft's own text), edit, reorder, and
download .docx, Markdown, the list of what is left to check and the sources.

Choose the kind of document first (要綱 → 第N条 in である体, ポリシー → sections in
です・ます体): the draft is put in that form.  Another city's particulars come in
as placeholders such as 【要確認: 施行日】, listed in 「要確認事項」; a clause chosen
twice appears once.  The topics are edited one group at a time.

Everything the user types stays in ``st.session_state`` (texts and choices in keys
of their own, so a group not shown keeps them); the cached part is only the
cities' model clauses (no user text in shared caches).
"""
from __future__ import annotations


import streamlit as st

from pages._shared import base_alignment, data_signature, lang, md_escape, through_app, tr
from snscompare import build, export
from snscompare.particulars import placeholders_in

through_app()

TOPICS_KEY = "bld_topics"
REPORT_KEY = "draft_report"  # set by the check page
BUILT_KEY = "bld_built"  # the last assembled draft (read by the 新旧対照表 page)
OWN = "__own__"
BLANK = "__blank__"


def base():
    return base_alignment()


# cache_resource: shared read-only (DraftClause is frozen), not copied on every rerun.
@st.cache_resource(max_entries=512, ttl=3600, show_spinner=False)
def _city_options(signature: tuple, topic: str, own_city: str) -> list[build.DraftClause]:
    """The cities' model clauses for a topic (no user text but the municipality's
    name: safe to share)."""
    return build.topic_options(base_alignment(), topic, own_city=own_city)


def options(topic: str) -> dict[str, build.DraftClause]:
    """Source id -> clause: the draft's own text first (if it has the topic), then
    each city's model clause, best first."""
    out: dict[str, build.DraftClause] = {}
    report = st.session_state.get(REPORT_KEY)
    if report is not None:
        own = build.own_clauses(report.alignment, report.doc_id, topic)
        if own is not None:
            out[OWN] = own
    for o in _city_options(data_signature(), topic, (st.session_state.get("bld_city") or "").strip()):
        out[o.source_doc] = o
    return out


# Each topic's text and choice live in keys of their own (``bld_text_*``, ``bld_src_*``);
# the widgets (``bld_edit_*``, ``bld_pick_*``) are drawn only for the group shown, and
# streamlit forgets a widget's value when it is not drawn.
def _text_key(topic: str) -> str:
    return f"bld_text_{topic}"


def _src_key(topic: str) -> str:
    return f"bld_src_{topic}"


def _edit_key(topic: str) -> str:
    return f"bld_edit_{topic}"


def _pick_key(topic: str) -> str:
    return f"bld_pick_{topic}"


def _set_text(topic: str, text: str) -> None:
    st.session_state[_text_key(topic)] = text
    st.session_state[_edit_key(topic)] = text


def _init_topic(topic: str) -> None:
    opts = options(topic)
    if _src_key(topic) not in st.session_state or st.session_state[_src_key(topic)] not in list(opts) + [BLANK]:
        st.session_state[_src_key(topic)] = next(iter(opts), BLANK)
    if _text_key(topic) not in st.session_state:
        src = st.session_state[_src_key(topic)]
        st.session_state[_text_key(topic)] = opts[src].text if src in opts else ""


def _forget_topic(topic: str) -> None:
    for key in (_text_key(topic), _src_key(topic), _edit_key(topic), _pick_key(topic)):
        st.session_state.pop(key, None)


def _reset_skeleton() -> None:
    """The topics most cities cover, and every topic of the checked draft (its own text
    is then the first choice): the current policy with its gaps filled."""
    n = st.session_state.get("bld_min_docs", 3)
    topics = set(build.default_skeleton(base(), n))
    report = st.session_state.get(REPORT_KEY)
    if report is not None:
        topics |= set(report.covered)
    st.session_state[TOPICS_KEY] = [t for t in base().taxonomy.topic_ids if t in topics]
    for t in base().taxonomy.topic_ids:
        _forget_topic(t)


def _apply_source(topic: str) -> None:
    src = st.session_state.get(_pick_key(topic))
    st.session_state[_src_key(topic)] = src
    opts = options(topic)
    _set_text(topic, opts[src].text if src in opts else "")


def _save_text(topic: str) -> None:
    st.session_state[_text_key(topic)] = st.session_state.get(_edit_key(topic), "")


def _group_of(topic: str) -> str:
    return base().taxonomy.topic(topic).group


def _move(topic: str, delta: int) -> None:
    """Swap a topic with its neighbour in the same group (the group is what is shown)."""
    topics = list(st.session_state[TOPICS_KEY])
    same = [i for i, t in enumerate(topics) if _group_of(t) == _group_of(topic)]
    k = same.index(topics.index(topic))
    if 0 <= k + delta < len(same):
        i, j = same[k], same[k + delta]
        topics[i], topics[j] = topics[j], topics[i]
        st.session_state[TOPICS_KEY] = topics


def _remove(topic: str) -> None:
    st.session_state[TOPICS_KEY] = [t for t in st.session_state[TOPICS_KEY] if t != topic]


def _add() -> None:
    topic = st.session_state.get("bld_add_topic")
    if topic and topic not in st.session_state[TOPICS_KEY]:
        order = base().taxonomy.topic_ids
        topics = st.session_state[TOPICS_KEY] + [topic]
        # placed with its group, in taxonomy order
        groups = list(dict.fromkeys(base().taxonomy.topic(t).group for t in order))
        st.session_state[TOPICS_KEY] = sorted(topics, key=lambda t: groups.index(_group_of(t)))
        st.session_state["bld_group"] = _group_of(topic)


def _replace_names() -> None:
    city = (st.session_state.get("bld_city") or "").strip()
    if not city:
        st.session_state["bld_notice"] = ("warning", tr("bld_replace_need_city"))
        return
    changed = 0
    for t in st.session_state.get(TOPICS_KEY, []):
        old = st.session_state.get(_text_key(t), "")
        new = build.replace_cities(old, base(), city)
        if new != old:
            _set_text(t, new)
            changed += 1
    title = st.session_state.get("bld_doc_title") or ""
    st.session_state["bld_doc_title"] = build.replace_cities(title.replace(tr("bld_city_unknown"), city), base(), city)
    st.session_state["bld_notice"] = ("success", tr("bld_replaced", n=changed))


def _default_title(kind: str) -> str:
    city = (st.session_state.get("bld_city") or "").strip() or tr("bld_city_unknown")
    return tr("bld_title_default", city=city, word=build.DRAFT_KINDS[kind].word)


def _kind_changed() -> None:
    """A title still as proposed follows the kind (〇〇市ソーシャルメディア運用要綱（案）)."""
    previous = st.session_state.get("bld_kind_prev")
    if previous and st.session_state.get("bld_doc_title") == _default_title(previous):
        st.session_state["bld_doc_title"] = _default_title(st.session_state["bld_kind"])
    st.session_state["bld_kind_prev"] = st.session_state["bld_kind"]


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
if "bld_kind" not in st.session_state:
    st.session_state["bld_kind"] = "yoko"
    st.session_state["bld_kind_prev"] = "yoko"
if "bld_doc_title" not in st.session_state:
    st.session_state["bld_doc_title"] = _default_title(st.session_state["bld_kind"])

c1, c2 = st.columns([1, 2])
kind = c1.selectbox(tr("bld_kind"), list(build.DRAFT_KINDS), key="bld_kind", on_change=_kind_changed,
                    format_func=lambda k: tr(f"bld_kind_{k}"), help=tr("bld_kind_help"))
c2.text_input(tr("bld_doc_title"), key="bld_doc_title", max_chars=80)
c1, c2, c3 = st.columns([2, 1, 1])
c1.text_input(tr("bld_city"), key="bld_city", max_chars=20)
c2.button(tr("bld_replace"), key="bld_replace", on_click=_replace_names, icon=":material/find_replace:")
notice = st.session_state.pop("bld_notice", None)
if notice:
    getattr(st, notice[0])(notice[1])
with st.expander(tr("bld_skeleton")):
    c1, c2 = st.columns([3, 1])
    c1.slider(tr("bld_min_docs"), 1, max(n_docs, 1), key="bld_min_docs", on_change=_reset_skeleton)
    c2.button(tr("bld_reset"), key="bld_reset", on_click=_reset_skeleton, icon=":material/restart_alt:")

topics: list[str] = st.session_state[TOPICS_KEY]
report = st.session_state.get(REPORT_KEY)
chosen: list[build.DraftClause] = []
for topic in topics:
    _init_topic(topic)
    opts = options(topic)
    src = st.session_state.get(_src_key(topic))
    o = opts.get(src)
    chosen.append(build.DraftClause(topic, st.session_state.get(_text_key(topic)) or "",
                                    o.source_doc if o else "", o.source_clause_id if o else "",
                                    o.source_city if o else "", tax.topic(topic).ja,
                                    o.particulars if o else ()))

built = build.assemble(chosen, kind=kind, title=st.session_state.get("bld_doc_title") or "", taxonomy=tax)
st.session_state[BUILT_KEY] = built
todo = build.checklist(built, al)
sources = build.sources_frame(built)
stem = export.export_filename("draft", [], "docx").rsplit(".", 1)[0]


def download_buttons(where: str) -> None:
    d1, d2, d3, d4 = st.columns(4)
    d1.download_button(tr("bld_docx"), data=lambda: build.to_docx_bytes(built, checklist_frame=todo),
                       file_name=f"{stem}.docx",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       key=f"bld_dl_docx_{where}", icon=":material/description:", type="primary")
    d2.download_button(tr("bld_md"), data=lambda: build.to_markdown(built, checklist_frame=todo).encode("utf-8"),
                       file_name=f"{stem}.md", mime="text/markdown", key=f"bld_dl_md_{where}",
                       icon=":material/download:")
    d3.download_button(tr("bld_todo_csv"), data=lambda: export.to_csv_bytes(todo),
                       file_name=export.export_filename("draft-todo", [], "csv"), mime="text/csv",
                       key=f"bld_dl_todo_{where}", icon=":material/checklist:")
    d4.download_button(tr("bld_sources"), data=lambda: export.to_csv_bytes(sources),
                       file_name=export.export_filename("draft-sources",
                                                        sorted({s for s in sources["source_doc"] if s}), "csv"),
                       mime="text/csv", key=f"bld_dl_sources_{where}", icon=":material/table_view:")


# What the draft is now, and its downloads: at the top, where the user is.
n_merged = sum(len(a.topic_ids) - 1 for a in built.articles)
n_marks = int((todo["what"] == "placeholder").sum())
n_style = int((todo["what"] == "style").sum())
n_left = int((todo["what"] == "leftover").sum())
st.subheader(tr("bld_download"))
st.caption(tr("bld_state", n=len(built.articles), merged=n_merged, marks=n_marks, style=n_style,
              register=tr(f"bld_register_{built.register}"), form=tr(f"bld_style_{built.style}")))
if n_left:
    st.warning(tr("bld_leftovers", n=n_left), icon=":material/warning:")
download_buttons("top")

# --- topics, one group at a time -------------------------------------------------------------

st.subheader(tr("bld_topics_title"))
groups = list(dict.fromkeys(t.group for t in tax.topics))
in_group = {g: [t for t in topics if _group_of(t) == g] for g in groups}
if st.session_state.get("bld_group") not in groups:
    st.session_state["bld_group"] = next((g for g in groups if in_group[g]), groups[0])
group = st.segmented_control(tr("bld_group"), groups, key="bld_group", selection_mode="single",
                             format_func=lambda g: f"{tax.group_label(g, L)}（{len(in_group[g])}）") or groups[0]
article_of = {t: a for a in built.articles for t in a.topic_ids}

shown = in_group.get(group, [])
if not topics:
    st.info(tr("bld_empty"))
elif not shown:
    st.info(tr("bld_group_empty"))
for k, topic in enumerate(shown):
    opts = options(topic)
    with st.container(border=True):
        art = article_of.get(topic)
        number = art.marker(built.style) if art else (tr("bld_supplement") if topic == build.SUPPLEMENT_TOPIC else "")
        h, b1, b2, b3 = st.columns([6, 1, 1, 1])
        h.markdown(f"**{md_escape(number)} {md_escape(label(topic))}**")
        b1.button(tr("bld_up"), key=f"bld_up_{topic}", on_click=_move, args=(topic, -1), disabled=k == 0,
                  icon=":material/arrow_upward:")
        b2.button(tr("bld_down"), key=f"bld_down_{topic}", on_click=_move, args=(topic, 1),
                  disabled=k == len(shown) - 1, icon=":material/arrow_downward:")
        b3.button(tr("bld_remove"), key=f"bld_rm_{topic}", on_click=_remove, args=(topic,), icon=":material/close:")

        def fmt(src: str, _opts=opts) -> str:
            """A choice's label (radio labels are Markdown: the draft's name is escaped)."""
            if src == BLANK:
                return tr("bld_source_blank")
            if src == OWN:
                return tr("bld_source_own", name=md_escape(report.name if report else ""))
            return md_escape(_opts[src].source_city or src)

        if _pick_key(topic) not in st.session_state:
            st.session_state[_pick_key(topic)] = st.session_state[_src_key(topic)]
        st.radio(tr("bld_source"), list(opts) + [BLANK], key=_pick_key(topic), horizontal=True, format_func=fmt,
                 on_change=_apply_source, args=(topic,))
        with st.expander(tr("bld_compare")):
            listed = list(opts.items())
            for start in range(0, len(listed), 3):
                cols = st.columns(3)
                for col, (s, o) in zip(cols, listed[start:start + 3]):
                    city = o.source_city or (report.name if s == OWN and report else s)
                    col.caption(md_escape(tr("bld_city_clause", city=city, clause_id=o.source_clause_id)))
                    col.text(o.text)
        if _edit_key(topic) not in st.session_state:
            st.session_state[_edit_key(topic)] = st.session_state[_text_key(topic)]
        text = st.text_area(tr("bld_text"), key=_edit_key(topic), height=160, on_change=_save_text, args=(topic,))
        marks = placeholders_in(text or "")
        if marks:
            st.caption(md_escape(tr("bld_marks", n=len(marks), labels="、".join(dict.fromkeys(marks)))))
        names = build.city_names_in(text or "", al, generic=False)
        if names:
            st.warning(md_escape(tr("bld_names_found", names="、".join(names))), icon=":material/edit_note:")
        if art is not None and art.topic_ids[0] != topic:
            first = art.topic_ids[0]
            st.info(md_escape(tr("bld_merged", number=art.marker(built.style), topic=label(first))),
                    icon=":material/merge:")
        elif topic == build.SUPPLEMENT_TOPIC:
            st.caption(tr("bld_supplement_note"))

missing = [t for t in tax.topic_ids if t not in topics]
if missing:
    a1, a2 = st.columns([3, 1])
    a1.selectbox(tr("bld_add"), missing, key="bld_add_topic",
                 format_func=lambda t: f"{tax.group_label(_group_of(t), L)}｜{label(t)}")
    a2.button(tr("bld_add_button"), key="bld_add_button", on_click=_add, icon=":material/add:")
st.caption(tr("bld_count", n=len(topics)))

# --- what is left, the preview and the sources ----------------------------------------------

st.subheader(tr("bld_todo_title"))
if todo.empty:
    st.success(tr("bld_todo_none"))
else:
    st.caption(tr("bld_todo_intro"))
    shown_todo = todo.assign(what=todo["what"].map(lambda w: tr(f"bld_todo_{w}")))
    st.dataframe(shown_todo[["number", "heading", "item", "found", "source_city", "source_clause_id", "what"]],
                 hide_index=True, key="bld_todo_table", column_config={
                     "number": tr("bld_col_number"), "heading": tr("bld_col_heading"), "item": tr("bld_col_item"),
                     "found": tr("bld_col_found"), "source_city": tr("col_model_city"),
                     "source_clause_id": tr("col_model_clause"), "what": tr("bld_col_what")})

with st.expander(tr("bld_preview"), expanded=False):
    download_buttons("preview")
    st.code(build.to_markdown(built), language=None, wrap_lines=True)

st.subheader(tr("bld_sources_title"))
st.dataframe(sources, hide_index=True, key="bld_sources_table")
st.page_link("pages/revision.py", label=tr("bld_to_revision"), icon=":material/difference:")
