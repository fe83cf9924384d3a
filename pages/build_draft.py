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

from pages._shared import _base_alignment, data_signature, lang, tr  # noqa: E402
from snscompare import draft, export  # noqa: E402

TOPICS_KEY = "bld_topics"
REPORT_KEY = "draft_report"  # set by the check page
OWN = "__own__"
BLANK = "__blank__"

_MSG = {
    "bld_title": {"ja": "原案づくり", "en": "Build a draft"},
    "bld_intro": {
        "ja": "多くの市が定めている項目を骨子に、項目ごとに各市の条文（または点検した原案の条文）を選び、"
              "編集・並べ替えして、Word・Markdown で書き出します。条・項目の番号は自動で振り直します。",
        "en": "Start from the topics most cities cover, pick a clause per topic from any city (or your checked "
              "draft), edit and reorder, then download Word or Markdown. Numbering is redone automatically.",
    },
    "bld_privacy": {
        "ja": "入力した文案はこのブラウザのセッションのメモリ上にだけあり、サーバーには保存されません。",
        "en": "What you type stays in this browser session's memory; nothing is saved on the server.",
    },
    "bld_doc_title": {"ja": "表題", "en": "Title"},
    "bld_doc_title_default": {"ja": "SNS運用ポリシー（案）", "en": "SNS運用ポリシー（案）"},
    "bld_style": {"ja": "番号の形式", "en": "Numbering"},
    "bld_style_article": {"ja": "第N条（条文形式）", "en": "第N条 (articles)"},
    "bld_style_section": {"ja": "1. 2. …（項目形式）", "en": "1. 2. … (sections)"},
    "bld_min_docs": {"ja": "骨子: 少なくとも何市が定めている項目を入れるか", "en": "Skeleton: topics at least this many cities cover"},
    "bld_reset": {"ja": "骨子を作り直す", "en": "Reset to the skeleton"},
    "bld_add": {"ja": "項目を追加", "en": "Add a topic"},
    "bld_add_button": {"ja": "追加", "en": "Add"},
    "bld_count": {"ja": "{n} 項目を組み立てています。", "en": "{n} topics in the draft."},
    "bld_empty": {"ja": "項目がありません。骨子を作り直すか、項目を追加してください。", "en": "No topics: reset or add one."},
    "bld_source": {"ja": "使う条文", "en": "Clause to use"},
    "bld_source_own": {"ja": "原案の条文（{name}）", "en": "Your draft ({name})"},
    "bld_source_blank": {"ja": "自分で書く", "en": "Write my own"},
    "bld_compare": {"ja": "各市の条文を並べて見る", "en": "See the cities' clauses side by side"},
    "bld_text": {"ja": "条文（編集できます。番号は書かなくて構いません。号は（１）で始まる行）",
                 "en": "Text (editable; numbering not needed; items are lines starting with （１）)"},
    "bld_up": {"ja": "上へ", "en": "Up"},
    "bld_down": {"ja": "下へ", "en": "Down"},
    "bld_remove": {"ja": "外す", "en": "Remove"},
    "bld_names_found": {
        "ja": "他市の名称が含まれています: {names}。自市の名称に置き換えてください。",
        "en": "Other municipalities' names found: {names}. Replace them with yours.",
    },
    "bld_city": {"ja": "あなたの自治体名（例: 伊那市）", "en": "Your municipality (e.g. 伊那市)"},
    "bld_replace": {"ja": "他市の名称を置き換える", "en": "Replace other cities' names"},
    "bld_replace_need_city": {"ja": "先に自治体名を入力してください。", "en": "Enter your municipality first."},
    "bld_replaced": {"ja": "{n} 項目の市名を置き換えました。", "en": "Replaced names in {n} topics."},
    "bld_download": {"ja": "書き出し", "en": "Download"},
    "bld_docx": {"ja": "Word (.docx)", "en": "Word (.docx)"},
    "bld_md": {"ja": "Markdown (.md)", "en": "Markdown (.md)"},
    "bld_sources": {"ja": "出典一覧 CSV（Excel用）", "en": "Sources CSV (for Excel)"},
    "bld_preview": {"ja": "プレビュー", "en": "Preview"},
    "bld_sources_title": {"ja": "出典", "en": "Sources"},
    "bld_city_clause": {"ja": "{city}（{clause_id}）", "en": "{city} ({clause_id})"},
}


def m(msg_id: str, **fmt) -> str:
    try:
        return tr(msg_id, **fmt)
    except KeyError:
        entry = _MSG[msg_id]
        text = entry.get(lang()) or entry["ja"]
        return text.format(**fmt) if fmt else text


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
        st.session_state["bld_notice"] = ("warning", m("bld_replace_need_city"))
        return
    changed = 0
    for t in st.session_state.get(TOPICS_KEY, []):
        key = _text_key(t)
        old = st.session_state.get(key, "")
        new = draft.replace_cities(old, base(), city)
        if new != old:
            st.session_state[key] = new
            changed += 1
    st.session_state["bld_notice"] = ("success", m("bld_replaced", n=changed))


# --- page ---------------------------------------------------------------------------------

al = base()
tax = al.taxonomy
L = lang()
n_docs = len([d for d in al.docs if not d.added])


def label(topic: str) -> str:
    return tax.topic(topic).label(L)


st.title(m("bld_title"))
st.write(m("bld_intro"))
st.caption(m("bld_privacy"))

if "bld_min_docs" not in st.session_state:
    st.session_state["bld_min_docs"] = min(3, n_docs)
if TOPICS_KEY not in st.session_state:
    _reset_skeleton()
if "bld_doc_title" not in st.session_state:
    st.session_state["bld_doc_title"] = m("bld_doc_title_default")

c1, c2 = st.columns([2, 1])
c1.text_input(m("bld_doc_title"), key="bld_doc_title", max_chars=80)
style = c2.radio(m("bld_style"), draft.STYLES, key="bld_style", horizontal=True,
                 format_func=lambda s: m(f"bld_style_{s}"))
c1, c2 = st.columns([3, 1])
c1.slider(m("bld_min_docs"), 1, max(n_docs, 1), key="bld_min_docs", on_change=_reset_skeleton)
c2.button(m("bld_reset"), key="bld_reset", on_click=_reset_skeleton, icon=":material/restart_alt:")

c1, c2, c3 = st.columns([2, 1, 1])
c1.text_input(m("bld_city"), key="bld_city", max_chars=20)
c2.button(m("bld_replace"), key="bld_replace", on_click=_replace_names, icon=":material/find_replace:")
notice = st.session_state.pop("bld_notice", None)
if notice:
    getattr(st, notice[0])(notice[1])

topics: list[str] = st.session_state[TOPICS_KEY]
missing = [t for t in tax.topic_ids if t not in topics]
if missing:
    a1, a2 = st.columns([3, 1])
    a1.selectbox(m("bld_add"), missing, key="bld_add_topic", format_func=label)
    a2.button(m("bld_add_button"), key="bld_add_button", on_click=_add, icon=":material/add:")

if not topics:
    st.info(m("bld_empty"))
    st.stop()
st.caption(m("bld_count", n=len(topics)))

report = st.session_state.get(REPORT_KEY)
chosen: list[draft.DraftClause] = []
for i, topic in enumerate(topics):
    _init_topic(topic)
    opts = options(topic)
    with st.container(border=True):
        h, b1, b2, b3 = st.columns([6, 1, 1, 1])
        h.markdown(f"**{i + 1}. {label(topic)}** `{topic}`")
        b1.button(m("bld_up"), key=f"bld_up_{topic}", on_click=_move, args=(i, -1), disabled=i == 0,
                  icon=":material/arrow_upward:")
        b2.button(m("bld_down"), key=f"bld_down_{topic}", on_click=_move, args=(i, 1),
                  disabled=i == len(topics) - 1, icon=":material/arrow_downward:")
        b3.button(m("bld_remove"), key=f"bld_rm_{topic}", on_click=_remove, args=(i,), icon=":material/close:")

        def fmt(src: str, _opts=opts) -> str:
            if src == BLANK:
                return m("bld_source_blank")
            if src == OWN:
                return m("bld_source_own", name=report.name if report else "")
            return _opts[src].source_city or src

        st.radio(m("bld_source"), list(opts) + [BLANK], key=_src_key(topic), horizontal=True, format_func=fmt,
                 on_change=_apply_source, args=(topic,))
        with st.expander(m("bld_compare")):
            shown = list(opts.items())
            for start in range(0, len(shown), 3):
                cols = st.columns(3)
                for col, (src, o) in zip(cols, shown[start:start + 3]):
                    col.caption(m("bld_city_clause", city=fmt(src), clause_id=o.source_clause_id))
                    col.text(o.text)
        text = st.text_area(m("bld_text"), key=_text_key(topic), height=160)
        names = draft.city_names_in(text or "", al, generic=False)
        if names:
            st.warning(m("bld_names_found", names="、".join(names)), icon=":material/edit_note:")
    src = st.session_state.get(_src_key(topic))
    o = opts.get(src)
    chosen.append(draft.DraftClause(topic, text or "", o.source_doc if o else "", o.source_clause_id if o else "",
                                    o.source_city if o else "", tax.topic(topic).ja))

built = draft.assemble(chosen, style=style, title=st.session_state.get("bld_doc_title") or "", taxonomy=tax)
sources = draft.sources_frame(built)

st.subheader(m("bld_download"))
stem = export.export_filename("draft", [], "docx").rsplit(".", 1)[0]
d1, d2, d3, _ = st.columns([1, 1, 1, 2])
d1.download_button(m("bld_docx"), data=lambda: draft.to_docx_bytes(built), file_name=f"{stem}.docx",
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   key="bld_dl_docx", icon=":material/description:")
d2.download_button(m("bld_md"), data=draft.to_markdown(built).encode("utf-8"), file_name=f"{stem}.md",
                   mime="text/markdown", key="bld_dl_md", icon=":material/download:")
d3.download_button(m("bld_sources"), data=export.to_csv_bytes(sources),
                   file_name=export.export_filename("draft-sources", sorted({s for s in sources["source_doc"] if s}), "csv"),
                   mime="text/csv", key="bld_dl_sources", icon=":material/table_view:")

st.subheader(m("bld_sources_title"))
st.dataframe(sources, hide_index=True, key="bld_sources_table")
with st.expander(m("bld_preview"), expanded=False):
    st.code(draft.to_markdown(built), language=None, wrap_lines=True)
