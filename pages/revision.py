"""新旧対照表: two versions of a policy side by side, provision by provision, the
changed characters underlined (改正後 | 改正前), unchanged provisions folded, with
what the revision does to the coverage.  The current version is a document of the
corpus or an upload; the new one an upload or the draft of 原案づくり.

Uploaded files and the draft stay in this browser session's memory; nothing is
written to disk or shared.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from pages._shared import (base_alignment, doc_labeler, lang, md_escape, paginate, show_ids,
                           through_app, tr)
from snscompare import build, export, revision
from snscompare.check import read_input
from snscompare.errors import SnsCompareError
from snscompare.readers import MAX_UPLOAD_BYTES

through_app()

BUILT_KEY = "bld_built"  # the draft of 原案づくり (pages/build_draft.py)
CHECKED_KEY = "draft_report"  # the document checked on 原案チェック (pages/check_draft.py)
CACHE_KEY = "rev_result"
OLD_FROM = ("checked", "corpus", "upload")
NEW_FROM = ("upload", "draft", "corpus")


def base():
    return base_alignment()


def _version(side: str):
    """(text, name, title) of one side, or None while it is not given."""
    source = st.session_state.get(f"rev_{side}_from")
    if source == "checked":
        report = st.session_state.get(CHECKED_KEY)
        if report is None:
            return None
        doc = report.alignment.doc(report.doc_id)
        return doc.text, report.name, doc.title
    if source == "corpus":
        doc_id = st.session_state.get(f"rev_{side}_doc")
        if not doc_id:
            return None
        doc = base().doc(doc_id)
        return doc.text, doc.name, doc.title
    if source == "draft":
        built = st.session_state.get(BUILT_KEY)
        if built is None:
            return None
        return build.to_markdown(built), built.title, built.title
    upload = st.session_state.get(f"rev_{side}_upload")
    if upload is None:
        return None
    text, shown = read_input(upload.getvalue(), filename=upload.name)
    return text, Path(shown).stem, None


def _compare():
    """The comparison of the two versions given, computed once per pair of inputs
    (kept in the session, never in a shared cache)."""
    old, new = _version("old"), _version("new")
    if old is None or new is None:
        return None
    key = hashlib.sha256(repr((old, new)).encode("utf-8")).hexdigest()
    got = st.session_state.get(CACHE_KEY)
    if got is not None and got[0] == key:
        return got[1]
    rev = revision.compare(old[0], new[0], old_name=old[1], new_name=new[1], alignment=base(),
                           title=new[2] or None)
    st.session_state[CACHE_KEY] = (key, rev)
    return rev


# --- inputs -------------------------------------------------------------------------------

al = base()
L = lang()
corpus_ids = [d.id for d in al.docs]
st.title(tr("rev_title"))
st.write(tr("rev_intro"))
st.caption(tr("rev_privacy"))
mb = MAX_UPLOAD_BYTES // (1024 * 1024)
has_draft = st.session_state.get(BUILT_KEY) is not None
checked = st.session_state.get(CHECKED_KEY)
if "rev_new_from" not in st.session_state:
    st.session_state["rev_new_from"] = "draft" if has_draft else "upload"
if "rev_old_from" not in st.session_state:
    st.session_state["rev_old_from"] = "checked" if checked is not None else "corpus"


def _picker(side: str, sources, own: str | None, way_there: tuple[str, str, str, str]) -> None:
    """One version's choice: an upload, a corpus document, or the page's own source (the
    draft being built, or the policy checked), whose caption is ``own``; when there is none
    yet, a note and a link to the page that makes it (``way_there``: message, page, label, icon)."""
    st.subheader(tr(f"rev_{side}"))
    source = st.radio(tr("rev_from"), sources, key=f"rev_{side}_from", horizontal=True,
                      format_func=lambda x: tr(f"rev_from_{x}"))
    if source == "upload":
        st.file_uploader(tr("rev_upload", mb=mb), key=f"rev_{side}_upload", max_upload_size=mb)
    elif source == "corpus":
        st.selectbox(tr("rev_doc"), corpus_ids, key=f"rev_{side}_doc", format_func=doc_labeler(al, lang(), show_ids()),
                     index=None)
    elif own is None:
        message, page, label, icon = way_there
        st.info(tr(message))
        st.page_link(page, label=tr(label), icon=icon)
    else:
        st.caption(md_escape(own))


c_new, c_old = st.columns(2)
with c_new:
    _picker("new", NEW_FROM, tr("rev_draft_is", title=st.session_state[BUILT_KEY].title) if has_draft else None,
            ("rev_no_draft", "pages/build_draft.py", "page_build_draft", ":material/edit_document:"))
with c_old:
    _picker("old", OLD_FROM, tr("rev_checked_is", name=checked.name) if checked is not None else None,
            ("rev_no_checked", "pages/check_draft.py", "page_check_draft", ":material/fact_check:"))

try:
    rev = _compare()
except SnsCompareError as e:
    st.error(md_escape(str(e)), icon=":material/error:")
    st.stop()
if rev is None:
    st.info(tr("rev_need_both"))
    st.stop()

# --- the result ---------------------------------------------------------------------------------

st.header(md_escape(rev.title))
counts = rev.counts()
st.caption(md_escape(tr("rev_counts", summary="、".join(f"{tr(f'rev_kind_{k}')} {counts[k]}"
                                                        for k in revision.KINDS if counts[k]))))

stem = export.export_filename("shinkyu", [], "docx").rsplit(".", 1)[0]
frame = revision.to_frame(rev)
d1, d2, d3, _ = st.columns([2, 1, 1, 1])
d1.download_button(tr("rev_docx"), data=lambda: revision.to_docx_bytes(rev), file_name=f"{stem}.docx",
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   key="rev_dl_docx", icon=":material/description:", type="primary")
d2.download_button(tr("export_xlsx"), data=lambda: revision.to_xlsx_bytes(rev), file_name=f"{stem}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="rev_dl_xlsx",
                   icon=":material/table_view:")
d3.download_button(tr("export_csv"), data=lambda: export.to_csv_bytes(frame), file_name=f"{stem}.csv",
                   mime="text/csv", key="rev_dl_csv", icon=":material/download:")

cov = rev.coverage
if cov is not None:
    st.subheader(tr("rev_coverage"))
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(tr("rev_topics_gained"), len(cov.topics_gained))
    m2.metric(tr("rev_topics_lost"), len(cov.topics_lost))
    m3.metric(tr("rev_pro_gained"), len(cov.prohibited_gained))
    m4.metric(tr("rev_pro_lost"), len(cov.prohibited_lost))
    tax = al.taxonomy

    def topic_names(ids):
        return "、".join(tax.topic(t).label(L) for t in ids) or tr("rev_none")

    def pro_names(pairs):
        return "、".join(f"{tax.category(c).label(L)}（{tr(f'dir_{d}')}）" for c, d in pairs) or tr("rev_none")

    st.markdown("\n".join([
        f"- **{tr('rev_topics_gained')}**: {md_escape(topic_names(cov.topics_gained))}",
        f"- **{tr('rev_topics_lost')}**: {md_escape(topic_names(cov.topics_lost))}",
        f"- **{tr('rev_pro_gained')}**: {md_escape(pro_names(cov.prohibited_gained))}",
        f"- **{tr('rev_pro_lost')}**: {md_escape(pro_names(cov.prohibited_lost))}",
    ]))

st.subheader(tr("rev_table"))
st.caption(tr("rev_table_help"))
changed = [c for c in rev.changes if c.changed]
if not changed:
    st.success(tr("rev_no_changes"))
rows = paginate(pd.DataFrame({"i": range(len(changed))}), "rev_rows")
for i in rows["i"].tolist():
    c = changed[i]
    with st.container(border=True):
        kind = "moved" if c.kind == "unchanged" and c.moved else c.kind
        line = f"**{tr(f'rev_kind_{kind}')}**"
        if c.moved and c.kind != "unchanged":
            line += " " + tr("rev_also_moved")
        if c.kind in ("modified", "split", "merged"):
            line += " ・ " + tr("rev_similarity", s=round(c.similarity))
        st.markdown(line)
        left, right = st.columns(2)
        new_runs, old_runs = c.segments()
        left.caption(md_escape(f"{tr('rev_new')}: {revision.names(c.new) or '—'}"))
        right.caption(md_escape(f"{tr('rev_old')}: {revision.names(c.old) or '—'}"))
        # Underlines need HTML: revision.runs_html escapes every character of the document
        # text (its only markup is <u> and <br>), and st.html renders no Markdown and
        # sanitises what it is given.
        with left:
            st.html(revision.runs_html(new_runs if c.new else [(revision.DELETED_MARK, False)]))
        with right:
            st.html(revision.runs_html(old_runs if c.old else [(revision.INSERTED_MARK, False)]))

same = [c for c in rev.changes if not c.changed]
with st.expander(tr("rev_unchanged", n=len(same), k=sum(1 for c in same if c.renumbered))):
    listing = pd.DataFrame({"new_number": [revision.names(c.new) for c in same],
                            "old_number": [revision.names(c.old) for c in same],
                            "text": [c.new_body() for c in same]})
    st.dataframe(paginate(listing, "rev_same"), hide_index=True, key="rev_same_table", column_config={
        "new_number": tr("rev_new"), "old_number": tr("rev_old"), "text": tr("col_text")})
