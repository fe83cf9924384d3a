"""What every page needs: the cached alignment and tables, the language and the
document selection, the view (every choice a link carries) kept in the session and
the URL, tables with their downloads, and clause text shown as text.

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

from snscompare import export, isolation, pipeline, scale, views
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


# A session's draft and its report (hundreds of MiB for a 10 MB draft) are dropped when the
# session ends or checks another draft; the server then returns that memory once a minute
# (one thread per server).
@st.cache_resource(show_spinner=False)
def start_memory_releaser():
    return isolation.release_memory_every(RELEASE_MEMORY_SECONDS)


RELEASE_MEMORY_SECONDS = 60.0


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


def base_alignment():
    """The shared corpus, never a session's draft-extended alignment."""
    return _corpus(data_signature())[0]


def corpus_problem() -> str | None:
    """Why the documents of ``$SNSCOMPARE_ADD`` are not shown, if they are not."""
    return _corpus(data_signature())[1]


def alignment():
    """The alignment the pages read: the session's draft-extended one, if any."""
    draft = st.session_state.get(DRAFT_KEY)
    return draft if draft is not None else base_alignment()


def home_docs(al=None) -> list[str]:
    """The documents of data/policies (the five cities): the default selection."""
    al = al or alignment()
    return [d.id for d in al.docs if not d.added]


def is_large(al=None) -> bool:
    return len((al or alignment()).docs) > MANY_DOCS


# cache_resource, not cache_data: the tables are shared read-only (pages and
# snscompare.views never modify them), and skipping cache_data's pickled copy
# saves most of a rerun with pandas 3's Arrow-backed strings.
@st.cache_resource(max_entries=256, ttl=3600, show_spinner=False)
def _cached(name: str, _fn, signature: tuple, args: tuple, kwargs: tuple):
    """``_fn`` (named ``name``: the cache key; a function is not hashed) on the shared corpus."""
    return _fn(_corpus(signature)[0], *args, **{k: list(v) if isinstance(v, tuple) else v for k, v in kwargs})


def table(fn, *args, **kwargs):
    """``fn(alignment, *args, **kwargs)`` for a function of :mod:`snscompare.tables` or
    :mod:`snscompare.scale` (``table(tables.coverage_matrix, doc_ids=docs)``), cached
    for the shared corpus; a session's draft is computed for that session only."""
    if st.session_state.get(DRAFT_KEY) is not None:
        return fn(alignment(), *args, **kwargs)
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items()))
    return _cached(f"{fn.__module__}.{fn.__qualname__}", fn, data_signature(), args, frozen)


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


# --- the view: every choice a link carries -------------------------------------------------
#
# Each choice lives in session state under its key (a plain key, not a widget's: a
# page change drops the widgets of the page left, never these) and in the URL under
# its parameter (a shared link opens on it).  Widgets are bound to it (bind, tabs)
# through a widget key of their own per language: their options are ids, and a
# language switch draws new widgets from the same ids, so it changes only the labels.

VIEW = {  # URL parameter -> session-state key
    "lang": "lang", "docs": "docs", "ids": "show_ids", "pref": "flt_pref", "kind": "flt_kind", "name": "flt_name",
    "groups": "cov_groups", "topic": "cov_topic", "city": "cov_doc", "ctab": "cov_tab",
    "mode": "cmp_mode", "ctopic": "cmp_topic", "cat": "cmp_category", "dir": "cmp_direction", "q": "search_q",
    "layout": "cmp_layout", "read": "cmp_read",
    "gcity": "gap_doc", "ptab": "pro_direction",
    "by": "grp_by", "scope": "grp_scope", "sim": "sim_doc",
}
LIST_KEYS = {"docs", "cov_groups", "flt_pref", "flt_kind", "cmp_read"}
FLAG_KEYS = {"show_ids"}
SIDEBAR_KEYS = ("lang", "docs", "show_ids", "flt_pref", "flt_kind", "flt_name")  # in the URL on every page
_URL_SEEN = "_view_url"  # the query string the app last wrote or read
_DEFAULTS = "_view_defaults"  # key -> the value a link without it opens on (this run's ensure calls)


def _parse(key: str, raw: str):
    if key in LIST_KEYS:
        return [x for x in raw.split(",") if x]
    if key in FLAG_KEYS:
        return raw in ("1", "true")
    return raw


def read_url() -> None:
    """First thing in every run: the parameters of a URL the app did not write (a shared
    link, the first visit, the address bar) become the view.  A URL the app wrote is
    older than a widget's change, and a page change empties it: neither overrides."""
    st.session_state[_DEFAULTS] = {}
    now = st.query_params.to_dict()
    if now == st.session_state.get(_URL_SEEN):
        return
    st.session_state[_URL_SEEN] = now
    for param, raw in now.items():
        key = VIEW.get(param)
        if key is not None:
            st.session_state[key] = _parse(key, raw)


def write_url(*keys: str) -> None:
    """Last thing on every page: the sidebar's choices and the page's ``keys`` into the URL."""
    wanted = {}
    for param, key in VIEW.items():
        if key not in SIDEBAR_KEYS + keys:
            continue
        value = st.session_state.get(key)
        if value is None or value == [] or value == "" or value is False:
            continue
        if key != "lang" and value == st.session_state[_DEFAULTS].get(key, ...):
            continue  # a link without it opens on the same (a shorter link to share)
        wanted[param] = ",".join(value) if isinstance(value, list) else ("1" if value is True else str(value))
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[_URL_SEEN] = wanted
    st.session_state[URL_WRITTEN] = True


URL_WRITTEN = "_view_url_written"  # set by write_url in a run; app.py writes the sidebar's part otherwise


def ensure(key: str, options, default=None):
    """The view's ``key``, made one of ``options`` (``default`` otherwise; for a list,
    those of its values that are options, ``default`` when it has none yet)."""
    value = st.session_state.get(key)
    if key in LIST_KEYS:
        keep = set(options)
        value = list(default or []) if value is None else [v for v in value if v in keep]
    elif value not in options:
        value = default
    st.session_state[key] = value
    st.session_state.setdefault(_DEFAULTS, {})[key] = list(default) if key in LIST_KEYS and default else default
    return value


def widget_key(key: str, lang_: str | None = None) -> str:
    """The key of the widget bound to the view's ``key`` in a language."""
    return f"w_{key}_{lang_ or lang()}"


def _from_widget(key: str, wkey: str, then, args) -> None:
    st.session_state[key] = st.session_state.get(wkey)
    if then is not None:
        then(*args)


def bind(key: str, *, on_change=None, args: tuple = ()) -> dict:
    """Keyword arguments that bind a widget to the view's ``key``: its widget key, its
    value set from the view before it is drawn, and a change copied back (then
    ``on_change(*args)``).  The widget gets no default of its own."""
    wkey = widget_key(key)
    if key in st.session_state and st.session_state.get(wkey, ...) != st.session_state[key]:
        st.session_state[wkey] = st.session_state[key]
    return {"key": wkey, "on_change": _from_widget, "args": (key, wkey, on_change, args)}


def _tab_from_widget(key: str, wkey: str, ids: dict) -> None:
    st.session_state[key] = ids.get(st.session_state.get(wkey), st.session_state.get(key))


def tabs(key: str, labels: dict[str, str]) -> dict:
    """Tabs bound to the view's ``key`` (tab id -> label): id -> tab container.  The open
    tab is in the URL; a hidden tab's ``.open`` is False, so its content can be skipped."""
    current = ensure(key, list(labels), next(iter(labels)))
    wkey = widget_key(key)
    if st.session_state.get(wkey) != labels[current]:
        st.session_state[wkey] = labels[current]
    containers = st.tabs(list(labels.values()), key=wkey, on_change=_tab_from_widget,
                         args=(key, wkey, {v: k for k, v in labels.items()}))
    return dict(zip(labels, containers))


def keep_choice(key: str, default: str) -> None:
    """After a change of a segmented control bound to ``key``: a click on the selected
    option clears it; keep ``default`` instead (in a callback: a drawn widget's key
    cannot be set)."""
    if not st.session_state.get(key):
        st.session_state[key] = default


def show_ids() -> bool:
    """Whether the reader asked for ids (the sidebar's switch): id columns, clause ids."""
    return bool(st.session_state.get("show_ids"))


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
    """A document's name in the reader's language (小諸市 / Komoro)."""
    return alignment().doc(doc_id).name_in(lang())


def names(doc_ids) -> dict[str, str]:
    """Document id -> name in the reader's language."""
    return views.doc_names(alignment(), doc_ids, lang())


def doc_column_config(doc_ids: list[str], **extra) -> dict:
    """Document columns keep their ids (the export contract); the header shows the name."""
    cfg = {d: st.column_config.NumberColumn(city(d), help=md_escape(d)) for d in doc_ids}
    cfg.update(extra)
    return cfg


def doc_labeler(al, lang_: str, ids: bool = False):
    """format_func for a widget listing documents: 小諸市 (with its id, 小諸市（komoro）,
    when ids are shown or another document has the same name).  It holds ``al`` and reads
    no session state (AppTest calls format functions outside a script run)."""
    counts: dict[str, int] = {}
    for d in al.docs:
        counts[d.name_in(lang_)] = counts.get(d.name_in(lang_), 0) + 1

    def label(doc_id: str) -> str:
        name = al.doc(doc_id).name_in(lang_)
        return t("col_same_name", lang_, label=name, id=doc_id) if ids or counts[name] > 1 else name

    return label


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
    ensure("docs", al.doc_ids, home_docs(al))
    label = doc_labeler(al, lang(), show_ids())
    if not is_large(al):
        st.multiselect(tr("docs_label"), options=al.doc_ids, format_func=label, placeholder=tr("choose"),
                       **bind("docs"))
        return
    prefectures = table(scale.group_values, "prefecture")
    kinds = table(scale.group_values, "kind")
    ensure("flt_pref", prefectures)
    ensure("flt_kind", kinds)
    st.session_state["flt_name"] = st.session_state.get("flt_name") or ""
    n_added = sum(d.added for d in al.docs)
    st.caption(tr("flt_corpus", n=len(al.docs), home=len(al.docs) - n_added, added=n_added))
    glabel = group_labeler(lang())
    st.multiselect(tr("flt_pref"), options=prefectures, format_func=glabel, placeholder=tr("flt_any"),
                   **bind("flt_pref"))
    st.multiselect(tr("flt_kind"), options=kinds, format_func=glabel, placeholder=tr("flt_any"), **bind("flt_kind"))
    st.text_input(tr("flt_name"), placeholder=tr("flt_name_hint"), **bind("flt_name"))
    found = filtered_docs()
    chosen = st.session_state["docs"]
    if len(chosen) > MAX_SIDE_BY_SIDE:  # a link may name more than the side-by-side pages can show
        st.warning(tr("flt_docs_trimmed", n=len(chosen), k=MAX_SIDE_BY_SIDE), icon=":material/warning:")
        chosen = st.session_state["docs"] = chosen[:MAX_SIDE_BY_SIDE]
    options = list(dict.fromkeys(chosen + found))
    st.multiselect(tr("docs_label"), options=options, format_func=label, help=tr("flt_docs_help", k=MAX_SIDE_BY_SIDE),
                   placeholder=tr("choose"),
                   max_selections=MAX_SIDE_BY_SIDE, **bind("docs"))
    st.caption(tr("flt_found", n=len(found), k=len(chosen)))
    st.button(tr("flt_select_all", n=len(found)), key="flt_select_all", on_click=_select_filtered, args=(found,),
              disabled=not found or len(found) > MAX_SIDE_BY_SIDE,
              help=tr("flt_select_all_help", n=MAX_SIDE_BY_SIDE), icon=":material/library_add_check:")
    st.button(tr("flt_home", n=len(home_docs(al))), key="flt_home", on_click=_select_home, icon=":material/restart_alt:")


def filtered_docs() -> list[str]:
    """The documents the sidebar's filters leave (all of them without filters)."""
    return table(scale.find_documents, text=st.session_state.get("flt_name") or "",
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


# --- tables and their downloads ----------------------------------------------------------------


def headers(df: pd.DataFrame, docs=(), extra: dict[str, str] | None = None) -> dict[str, str]:
    """Column -> the header the reader sees (documents by name, ids in words)."""
    return views.headers(df.columns, lang(), docs=names(docs), extra=extra)


def data_table(df: pd.DataFrame, key: str, *, docs=(), extra: dict[str, str] | None = None,
               config: dict | None = None, export: tuple | None = None, page: bool = False, **kwargs):
    """``df`` on screen, headed in the reader's language, the id columns folded away
    unless the reader shows ids; ``docs``: the columns named after documents; ``config``:
    column configs whose labels are filled in here.  ``export`` = (what, doc_ids, extra):
    its downloads below, every row and column under the same headers.  ``page``: long
    tables paged.  Returns what ``st.dataframe`` returns (a selection, if any)."""
    names_ = headers(df, docs, extra)
    cfg = {}
    for c in df.columns:
        given = (config or {}).get(c)
        if given is not None:
            cfg[c] = {**given, "label": names_[c]}
        elif c in docs:
            cfg[c] = st.column_config.NumberColumn(names_[c]) if pd.api.types.is_numeric_dtype(df[c]) else \
                st.column_config.TextColumn(names_[c], width="medium")
        else:
            cfg[c] = names_[c]
    shown = paginate(df, key) if page else df
    kwargs.setdefault("height", "content")  # every row on the page, no box to scroll inside
    out = st.dataframe(shown, hide_index=True, key=key, column_config=cfg,
                       column_order=views.shown_columns(df, ids=show_ids()), **kwargs)
    if export is not None:
        what, doc_ids, name_extra = export
        export_buttons(df, what, doc_ids, extra=name_extra, key=key, headers=names_)
    return out


def export_buttons(df: pd.DataFrame, what: str, doc_ids: list[str], *, extra: str | None = None,
                   key: str | None = None, headers: dict[str, str] | None = None) -> None:
    """CSV (UTF-8 with BOM, formulas neutralised) and .xlsx of exactly ``df``: headed as
    on screen (``headers``), id columns kept; with ids shown, headed by the columns' ids
    (as the CLI writes them, for scripts)."""
    key = key or f"{what}_{extra or ''}"
    out = df if show_ids() or headers is None else df.rename(columns=headers)
    # Files are built only when clicked (data=callable): a rerun costs nothing.
    with st.container(horizontal=True, gap="small"):
        st.download_button(tr("export_csv"), data=lambda: export.to_csv_bytes(out),
                           file_name=export.export_filename(what, doc_ids, "csv", extra=extra),
                           mime="text/csv", key=f"dl_csv_{key}", help=tr("export_help"),
                           icon=":material/download:")
        st.download_button(tr("export_xlsx"), data=lambda: export.to_xlsx_bytes(out),
                           file_name=export.export_filename(what, doc_ids, "xlsx", extra=extra),
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key=f"dl_xlsx_{key}", help=tr("export_help"), icon=":material/table_view:")


def md_escape(text: str) -> str:
    """Text from a document, a file name, a draft name or a URL, shown literally wherever
    Streamlit reads Markdown (markdown, info/error boxes, captions, labels, metric labels,
    radio and segmented-control options, tooltips): :func:`snscompare.escaping.markdown_literal`."""
    return markdown_literal(text)


def chart_text(text: str) -> str:
    """The same for plotly's labels and hover texts (:func:`snscompare.escaping.html_literal`)."""
    return html_literal(text)


# A clause longer than this (characters or lines) is folded: its opening lines shown,
# the whole text (copyable) one click away.  Account lists and long articles are the ones.
FOLD_CHARS, FOLD_LINES, PREVIEW_LINES = 400, 10, 3


def clause_block(text: str, caption: str) -> None:
    """Document text shown as text, never as markup, in a copyable box; a long one folded."""
    st.caption(md_escape(caption))
    lines = text.splitlines()
    if len(text) <= FOLD_CHARS and len(lines) <= FOLD_LINES:
        st.code(text, language=None, wrap_lines=True)
        return
    preview = "\n".join(lines[:PREVIEW_LINES])[:FOLD_CHARS // 2]
    st.text(preview + " …")
    with st.expander(tr("clause_full", n=len(text), k=len(lines)), icon=":material/unfold_more:"):
        st.code(text, language=None, wrap_lines=True)


def clause_caption(place: str, reason: str = "", score=None, clause_id: str = "") -> str:
    """Where a clause is and why it is there; its score only when it says something
    (``score`` None when the clauses around it all score the same); its id when ids are shown."""
    parts = [place or tr("no_heading")]
    if score is not None:
        parts.append(tr("clause_score", score=score))
    if reason:
        parts.append(tr("clause_reason", reason=reason))
    if clause_id and show_ids():
        parts.append(clause_id)
    return tr("clause_sep").join(parts)


# --- the page's look: one style sheet, no document text in it ------------------------------

_STYLE = """<style>
/* the clauses of the chosen cell stay in view beside the matrix while it scrolls */
[data-testid="stLayoutWrapper"]:has(> .st-key-cell_panel) { position: sticky; top: 3.75rem; z-index: 2; }
.st-key-cell_panel { max-height: calc(100vh - 5rem); overflow-y: auto; }
/* the sidebar's document box grows with the documents chosen instead of scrolling */
[data-testid="stSidebar"] [data-baseweb="select"] > div { max-height: none; }
</style>"""


def style() -> None:
    """The app's few style rules (a constant: nothing from a document or a URL)."""
    st.html(_STYLE)


def model_clause_expanders(gaps: pd.DataFrame, doc_id: str, *, title_msg: str, source_msg: str) -> None:
    """One expander per row of a gaps table (:func:`snscompare.tables.gaps_for`): the
    topic and how many documents cover it, then each covering document's model
    clause (whole clauses: :func:`snscompare.tables.whole_clause`), copyable, with
    its source and place.  The gaps page and the check page both show gaps this way."""
    from snscompare import tables

    al = alignment()
    L = lang()
    for g in gaps.itertuples():
        label = al.taxonomy.topic(g.topic_id).label(L)
        with st.expander(tr(title_msg, topic=md_escape(label), n=g.n_docs, m=g.n_others)):
            covering = [x for x in g.covered_by.split(",") if x]
            for m in table(tables.model_clauses, g.topic_id, exclude=doc_id, doc_ids=covering):
                place = clause_caption(views.clause_place(al.clause(m.clause_id)), clause_id=m.clause_id)
                clause_block(m.clean, tr(source_msg, city=city(m.doc_id), place=place))
