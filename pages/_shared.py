"""What every page needs: the cached alignment and tables, the language and the
document selection, export buttons, and the view kept in the URL query string.

Library results are cached here (the library itself is not cache-aware).  The
alignment is keyed by the data files' modification times, so editing
``data/`` is picked up without a restart.  ``SNSCOMPARE_ADD`` (paths separated by
``os.pathsep``: policy files or directories such as ``python -m snscompare synth``
writes) adds documents to the corpus; their modification times are part of the key,
and they are aligned through the on-disk cache, so a restart is fast.  A draft that another page puts in
``st.session_state[DRAFT_KEY]`` (an :class:`Alignment` that includes it) is used
instead of the shared one and never enters the shared caches: drafts stay in the
browser session.
"""
from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from snscompare import export, pipeline, scale, tables, views
from snscompare.corpus import DATA_DIR
from snscompare.errors import SnsCompareError
from snscompare.escaping import html_literal, markdown_literal
from snscompare.i18n import DEFAULT_LANG, LANGS, t

DRAFT_KEY = "draft_alignment"
ROOT = Path(__file__).resolve().parent.parent
ADD_ENV = "SNSCOMPARE_ADD"
# Up to this many documents the sidebar lists them all in one multiselect (the
# five cities plus a few drafts or added files read well as a list).  Beyond it, a
# list of names stops being readable: the sidebar shows filters (prefecture, kind,
# name) first and the multiselect over what they leave.
MANY_DOCS = 12
# Selecting every filtered document at once is offered up to this many: the pages
# that put documents side by side (columns, matrix squares) stop being readable
# beyond it; the aggregated page reads any number.
MAX_SIDE_BY_SIDE = 30
PAGE_SIZES = (50, 100, 200, 500)
log = logging.getLogger(__name__)

# Query-string parameter -> session-state key, for every piece of view state a
# shared link carries.  The page itself is in the URL path.
QUERY_KEYS = {
    "lang": "lang", "docs": "docs",
    "groups": "cov_groups", "topic": "cov_topic", "city": "cov_doc",
    "mode": "cmp_mode", "ctopic": "cmp_topic", "cat": "cmp_category", "dir": "cmp_direction", "q": "search_q",
    "gcity": "gap_doc", "ptab": "pro_direction",
    "pref": "flt_pref", "kind": "flt_kind", "name": "flt_name",
    "by": "grp_by", "scope": "grp_scope", "sim": "sim_doc",
}
LIST_KEYS = {"docs", "cov_groups", "flt_pref", "flt_kind"}
SIDEBAR_KEYS = ("lang", "docs", "flt_pref", "flt_kind", "flt_name")  # in the URL on every page


def added_paths() -> list[str]:
    """The paths in ``$SNSCOMPARE_ADD`` (empty: the documents of data/ only)."""
    return [p for p in os.environ.get(ADD_ENV, "").split(os.pathsep) if p.strip()]


def _mtimes(path: str) -> tuple:
    """(path, mtime) of an added path and, for a directory, of each file in it
    (editing a file does not change its directory's mtime)."""
    try:
        if os.path.isdir(path):
            with os.scandir(path) as entries:  # file types come with the listing: one stat per file
                files = sorted((e.name, e.stat().st_mtime_ns) for e in entries if e.is_file())
            return (path, os.stat(path).st_mtime_ns, tuple(files))
        return (path, os.stat(path).st_mtime_ns)
    except OSError:
        return (path, "missing")


_SIGNATURE: list = [0.0, (), None]
_SIGNATURE_LOCK = threading.Lock()
# How often the files are looked at again: data/ every second; an added corpus of
# thousands of files every 5 s (a load test at 1,788 documents found every session's
# thread listing them at once, three quarters of the server's time).
_RECHECK_S, _RECHECK_ADDED_S = 1.0, 5.0


def data_signature() -> tuple:
    """(name, mtime) of every data file and added path: the cache key of the
    alignment.  Looked up again at most once a second (every 5 s with an added
    corpus) by one thread at a time, others meanwhile reading the last one; and at
    once when ``$SNSCOMPARE_ADD`` changes."""
    now = time.monotonic()
    env = os.environ.get(ADD_ENV, "")
    due = now - _SIGNATURE[0] > (_RECHECK_ADDED_S if env else _RECHECK_S)
    if (due or _SIGNATURE[2] != env) and _SIGNATURE_LOCK.acquire(blocking=_SIGNATURE[2] != env):
        try:
            files = sorted(p for p in DATA_DIR.rglob("*") if p.is_file())
            sig = tuple((str(p.relative_to(DATA_DIR)), p.stat().st_mtime_ns) for p in files)
            added = tuple(_mtimes(p) for p in added_paths())
            if added:
                # Thousands of (file, mtime) pairs: hashed once here, so that the caches
                # keyed by the signature (every table() call) hash a short string.
                sig = ("added", hashlib.sha1(repr((sig, added)).encode("utf-8")).hexdigest())
            _SIGNATURE[:] = [time.monotonic(), sig, env]
        finally:
            _SIGNATURE_LOCK.release()
    return _SIGNATURE[1]


# One entry: at national scale an alignment holds several hundred MiB, and an old
# signature (data edited since) is never asked for again.
@st.cache_resource(max_entries=1, show_spinner=False)
def _corpus(signature: tuple) -> tuple:
    """(alignment, problem): the corpus of data/ plus ``$SNSCOMPARE_ADD``; when the
    added paths cannot be read, the corpus of data/ and the reason, in Japanese."""
    paths = added_paths()
    if not paths:
        return pipeline.build(), None
    missing = [p for p in paths if not Path(p).exists()]
    try:
        if missing:
            raise SnsCompareError(t("add_missing", "ja", paths="、".join(missing)))
        return pipeline.build(added=paths, cache=True), None
    except SnsCompareError as e:
        problem = str(e)
    except Exception as e:  # a bug must not take every page down: say so, show the five
        log.exception("reading %s=%s", ADD_ENV, os.environ.get(ADD_ENV))
        problem = t("add_internal", "ja", what=type(e).__name__)
    return pipeline.build(), problem


def _base_alignment(signature: tuple):
    return _corpus(signature)[0]


def corpus_problem() -> str | None:
    """Why the documents of ``$SNSCOMPARE_ADD`` are not shown, if they are not."""
    return _corpus(data_signature())[1]


def alignment():
    """The alignment the pages read: the session's draft-extended one, if any."""
    draft = st.session_state.get(DRAFT_KEY)
    return draft if draft is not None else _base_alignment(data_signature())


def home_docs(al=None) -> list[str]:
    """The documents of data/policies (the five cities): the default selection."""
    al = al or alignment()
    return [d.id for d in al.docs if not d.added]


def is_large(al=None) -> bool:
    return len((al or alignment()).docs) > MANY_DOCS


# cache_resource, not cache_data: the tables are shared read-only (pages and
# snscompare.views never modify them), and skipping cache_data's pickled copy
# saves most of a rerun with pandas 3's Arrow-backed strings.
_MODULES = {"tables": tables, "scale": scale}


@st.cache_resource(max_entries=256, ttl=3600, show_spinner=False)
def _cached(name: str, signature: tuple, args: tuple, kwargs: tuple, module: str = "tables"):
    al = _base_alignment(signature)
    fn = getattr(_MODULES[module], name)
    return fn(al, *args, **{k: list(v) if isinstance(v, tuple) else v for k, v in kwargs})


def table(name: str, *args, module: str = "tables", **kwargs):
    """``snscompare.tables.<name>(alignment, *args, **kwargs)`` (or ``snscompare.scale``
    with ``module="scale"``), cached for the shared corpus."""
    if st.session_state.get(DRAFT_KEY) is not None:
        return getattr(_MODULES[module], name)(alignment(), *args, **kwargs)
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items()))
    return _cached(name, data_signature(), args, frozen, module)


def scaled(name: str, *args, **kwargs):
    """``snscompare.scale.<name>(alignment, *args, **kwargs)``, cached like :func:`table`."""
    return table(name, *args, module="scale", **kwargs)


def clear_caches() -> None:
    _cached.clear()
    _corpus.clear()


# --- entering through app.py ------------------------------------------------------------

VIA_APP = "_via_app"  # set by app.py while it runs the chosen page


def through_app() -> None:
    """Every page's first call.  Right after a server start, until app.py has run once,
    Streamlit serves a link to a page (``/coverage?topic=…``) the old way: it runs the
    file from ``pages/`` alone, without app.py — no sidebar, Streamlit's own menu of file
    names — and keeps doing so for every session until someone opens the home page.
    Such a run hands over to app.py, which draws the sidebar and runs the same page
    (the URL names it), then stops; from then on every run goes through app.py."""
    if st.session_state.get(VIA_APP):
        return
    import runpy

    runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
    st.stop()


# --- language and documents ----------------------------------------------------------


def lang() -> str:
    value = st.session_state.get("lang", DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def tr(msg_id: str, **fmt) -> str:
    return t(msg_id, lang(), **fmt)


def selected_docs() -> list[str]:
    """The documents chosen in the sidebar, in corpus order."""
    al = alignment()
    chosen = st.session_state.get("docs")
    if chosen is None:  # not chosen yet: every document, or the five cities of a large corpus
        return home_docs(al) if is_large(al) else al.doc_ids
    return [d for d in al.doc_ids if d in chosen]


def require_docs(minimum: int = 1, msg_id: str = "docs_none") -> list[str]:
    docs = selected_docs()
    if len(docs) < minimum:
        st.info(tr(msg_id))
        st.stop()
    return docs


def city(doc_id: str) -> str:
    return alignment().doc(doc_id).name


def doc_column_config(doc_ids: list[str], **extra) -> dict:
    """Document columns keep their ids (the export contract); the header shows the city."""
    cfg = {d: st.column_config.NumberColumn(f"{city(d)}", help=md_escape(d)) for d in doc_ids}
    cfg.update(extra)
    return cfg


def text_column_config(doc_ids: list[str], **extra) -> dict:
    cfg = {d: st.column_config.TextColumn(f"{city(d)}", help=md_escape(d), width="medium") for d in doc_ids}
    cfg.update(extra)
    return cfg


def doc_labeler(al):
    """format_func for a widget listing documents: 小諸市（komoro）.  It holds ``al``
    and reads no session state (AppTest calls format functions outside a script run)."""
    return lambda doc_id: f"{al.doc(doc_id).name}（{doc_id}）"


def group_labeler(lang_: str):
    """format_func for prefectures and kinds; documents without one are 「（不明）」."""
    return lambda value: views.group_label(value, lang_)


def _select_filtered(ids: list[str]) -> None:
    st.session_state["docs"] = list(dict.fromkeys((st.session_state.get("docs") or []) + ids))


def _select_home() -> None:
    st.session_state["docs"] = home_docs()


def document_picker() -> None:
    """The sidebar's document selection.  With a handful of documents, one
    multiselect over all of them (as always); with more (:data:`MANY_DOCS`),
    filters by prefecture, kind and name first, and the multiselect over the
    documents they leave (plus those already chosen).  The default selection is
    the documents of data/policies either way."""
    al = alignment()
    init_from_query("docs", options=al.doc_ids, default=home_docs(al))
    if not is_large(al):
        st.multiselect(tr("docs_label"), options=al.doc_ids, key="docs", format_func=doc_labeler(al))
        return
    prefectures = scaled("group_values", "prefecture")
    kinds = scaled("group_values", "kind")
    init_from_query("flt_pref", options=prefectures)
    init_from_query("flt_kind", options=kinds)
    init_from_query("flt_name")
    n_added = sum(d.added for d in al.docs)
    st.caption(tr("flt_corpus", n=len(al.docs), home=len(al.docs) - n_added, added=n_added))
    label = group_labeler(lang())
    st.multiselect(tr("flt_pref"), options=prefectures, key="flt_pref", format_func=label, placeholder=tr("flt_any"))
    st.multiselect(tr("flt_kind"), options=kinds, key="flt_kind", format_func=label, placeholder=tr("flt_any"))
    st.text_input(tr("flt_name"), key="flt_name", placeholder=tr("flt_name_hint"))
    found = filtered_docs()
    chosen = [d for d in (st.session_state.get("docs") or []) if d in set(al.doc_ids)]
    if len(chosen) > MAX_SIDE_BY_SIDE:  # a link may name more than the side-by-side pages can show
        st.warning(tr("flt_docs_trimmed", n=len(chosen), k=MAX_SIDE_BY_SIDE), icon=":material/warning:")
        chosen = st.session_state["docs"] = chosen[:MAX_SIDE_BY_SIDE]
    options = list(dict.fromkeys(chosen + found))
    st.multiselect(tr("docs_label"), options=options, key="docs", format_func=doc_labeler(al),
                   help=tr("flt_docs_help", k=MAX_SIDE_BY_SIDE), max_selections=MAX_SIDE_BY_SIDE)
    st.caption(tr("flt_found", n=len(found), k=len(chosen)))
    st.button(tr("flt_select_all", n=len(found)), key="flt_select_all", on_click=_select_filtered, args=(found,),
              disabled=not found or len(found) > MAX_SIDE_BY_SIDE,
              help=tr("flt_select_all_help", n=MAX_SIDE_BY_SIDE), icon=":material/library_add_check:")
    st.button(tr("flt_home", n=len(home_docs(al))), key="flt_home", on_click=_select_home, icon=":material/restart_alt:")


def filtered_docs() -> list[str]:
    """The documents the sidebar's filters leave (all of them without filters)."""
    return scaled("find_documents", text=st.session_state.get("flt_name") or "",
                  prefectures=tuple(st.session_state.get("flt_pref") or ()),
                  kinds=tuple(st.session_state.get("flt_kind") or ()))["doc_id"].tolist()


# --- long tables and repeated lists --------------------------------------------------------


def paginate(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """The rows of ``df`` on the current page.  Tables longer than the smallest page
    size get a page size and a page number (and say which rows are shown); shorter
    ones are returned whole, with no widgets."""
    if len(df) <= PAGE_SIZES[0]:
        return df
    c1, c2, c3 = st.columns([1, 1, 3])
    size = c1.selectbox(tr("page_size"), options=PAGE_SIZES, key=f"{key}_size")
    n_pages = -(-len(df) // size)
    if st.session_state.get(f"{key}_page", 1) > n_pages:  # fewer rows than before
        st.session_state[f"{key}_page"] = n_pages
    page = c2.number_input(tr("page_number", n=n_pages), min_value=1, max_value=n_pages, step=1, key=f"{key}_page")
    first = (int(page) - 1) * size
    last = min(first + size, len(df))
    c3.caption(tr("page_rows", total=len(df), a=first + 1, b=last))
    return df.iloc[first:last]


def spread_lists(view: pd.DataFrame, doc_ids: list[str], id_col: str, label_col: str, titles: dict[str, str]) -> None:
    """Side by side, the rows every document has (``all``), exactly one has
    (``only_one``, with which) and none has (``none``): one column per entry of
    ``titles`` (kind -> heading), in its order."""
    sp = views.spread(view, doc_ids, id_col, label_col)
    for col, (kind, title) in zip(st.columns(len(titles)), titles.items()):
        with col:
            st.markdown(f"**{title}**")
            if kind == "only_one":
                lines = [f"- {md_escape(lbl)}（{md_escape(city(d))}）" for _, lbl, d in sp[kind]]
            else:
                lines = [f"- {md_escape(lbl)}" for _, lbl in sp[kind]]
            st.markdown("\n".join(lines) or tr("cov_nothing"))


# --- query string ----------------------------------------------------------------------


def init_from_query(key: str, *, options=None, default=None) -> None:
    """Before a widget with ``key`` is drawn: take its value from the URL the first
    time, or ``default``; drop values that are no longer valid options."""
    param = next((p for p, k in QUERY_KEYS.items() if k == key), key)
    if key not in st.session_state:
        raw = st.query_params.get(param)
        if raw is not None:
            value = [x for x in raw.split(",") if x] if key in LIST_KEYS else raw
            st.session_state[key] = value
        elif default is not None:
            st.session_state[key] = default
    if options is not None and key in st.session_state:
        value = st.session_state[key]
        if key in LIST_KEYS:
            st.session_state[key] = [v for v in (value or []) if v in options]
        elif value not in options:
            if default is not None:
                st.session_state[key] = default
            else:
                del st.session_state[key]


def keep_choice(key: str, default: str) -> None:
    """on_change of a segmented control: a click on the selected option clears it;
    keep ``default`` instead (in a callback: a drawn widget's key cannot be set)."""
    if not st.session_state.get(key):
        st.session_state[key] = default


def unset_index(key: str) -> dict:
    """``index=None`` for a selectbox that starts empty, unless its value is already
    in session state (passing both makes streamlit warn)."""
    return {} if key in st.session_state else {"index": None}


def sync_query(*keys: str) -> None:
    """Write the language, the documents (and the sidebar's filters) and the page's
    own ``keys`` to the URL."""
    wanted = {}
    for param, key in QUERY_KEYS.items():
        if key not in SIDEBAR_KEYS + keys:
            continue
        value = st.session_state.get(key)
        if value is None or value == [] or value == "":
            continue
        wanted[param] = ",".join(value) if isinstance(value, list) else str(value)
    if dict(st.query_params.to_dict()) != wanted:
        st.query_params.from_dict(wanted)


# --- export ---------------------------------------------------------------------------------


def export_buttons(df: pd.DataFrame, what: str, doc_ids: list[str], *, extra: str | None = None,
                   key: str | None = None) -> None:
    """CSV (UTF-8 with BOM, formulas neutralised) and .xlsx of exactly ``df``."""
    key = key or f"{what}_{extra or ''}"
    c1, c2, _ = st.columns([1, 1, 4])
    # Files are built only when clicked (data=callable): a rerun costs nothing.
    c1.download_button(tr("export_csv"), data=lambda: export.to_csv_bytes(df),
                       file_name=export.export_filename(what, doc_ids, "csv", extra=extra),
                       mime="text/csv", key=f"dl_csv_{key}", help=tr("export_help"),
                       icon=":material/download:")
    c2.download_button(tr("export_xlsx"), data=lambda: export.to_xlsx_bytes(df),
                       file_name=export.export_filename(what, doc_ids, "xlsx", extra=extra),
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"dl_xlsx_{key}", icon=":material/table_view:")


def md_escape(text: str) -> str:
    """Text from a document, a file name, a draft name or a URL, shown literally wherever
    Streamlit reads Markdown (markdown, info/error boxes, captions, labels, metric labels,
    radio and segmented-control options, tooltips): :func:`snscompare.escaping.markdown_literal`."""
    return markdown_literal(text)


def chart_text(text: str) -> str:
    """The same for plotly's labels and hover texts (:func:`snscompare.escaping.html_literal`)."""
    return html_literal(text)


def clause_block(text: str, caption: str) -> None:
    """Document text shown as text, never as markup, in a copyable box."""
    st.caption(md_escape(caption))
    st.code(text, language=None, wrap_lines=True)
