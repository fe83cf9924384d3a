"""What every page needs: the cached alignment and tables, the language and the
document selection, export buttons, and the view kept in the URL query string.

Library results are cached here (the library itself is not cache-aware).  The
alignment is keyed by the data files' modification times, so editing
``data/`` is picked up without a restart.  A draft that another page puts in
``st.session_state[DRAFT_KEY]`` (an :class:`Alignment` that includes it) is used
instead of the shared one and never enters the shared caches: drafts stay in the
browser session.
"""
from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import streamlit as st

from snscompare import export, pipeline, tables
from snscompare.corpus import DATA_DIR
from snscompare.i18n import DEFAULT_LANG, LANGS, t

DRAFT_KEY = "draft_alignment"
ROOT = Path(__file__).resolve().parent.parent

# Query-string parameter -> session-state key, for every piece of view state a
# shared link carries.  The page itself is in the URL path.
QUERY_KEYS = {
    "lang": "lang", "docs": "docs",
    "groups": "cov_groups", "topic": "cov_topic", "city": "cov_doc",
    "mode": "cmp_mode", "ctopic": "cmp_topic", "cat": "cmp_category", "dir": "cmp_direction", "q": "search_q",
    "gcity": "gap_doc", "ptab": "pro_direction",
}
LIST_KEYS = {"docs", "cov_groups"}


_SIGNATURE: list = [0.0, ()]


def data_signature() -> tuple:
    """(name, mtime) of every data file: the cache key of the alignment.  Looked up
    at most once a second (a page asks for it for every table it draws)."""
    now = time.monotonic()
    if now - _SIGNATURE[0] > 1.0:
        files = sorted(p for p in DATA_DIR.rglob("*") if p.is_file())
        _SIGNATURE[:] = [now, tuple((str(p.relative_to(DATA_DIR)), p.stat().st_mtime_ns) for p in files)]
    return _SIGNATURE[1]


@st.cache_resource(max_entries=2, show_spinner=False)
def _base_alignment(signature: tuple):
    return pipeline.build()


def alignment():
    """The alignment the pages read: the session's draft-extended one, if any."""
    draft = st.session_state.get(DRAFT_KEY)
    return draft if draft is not None else _base_alignment(data_signature())


# cache_resource, not cache_data: the tables are shared read-only (pages and
# snscompare.views never modify them), and skipping cache_data's pickled copy
# saves most of a rerun with pandas 3's Arrow-backed strings.
@st.cache_resource(max_entries=256, ttl=3600, show_spinner=False)
def _cached(name: str, signature: tuple, args: tuple, kwargs: tuple):
    al = _base_alignment(signature)
    return getattr(tables, name)(al, *args, **{k: list(v) if isinstance(v, tuple) else v for k, v in kwargs})


def table(name: str, *args, **kwargs):
    """``snscompare.tables.<name>(alignment, *args, **kwargs)``, cached for the shared corpus."""
    if st.session_state.get(DRAFT_KEY) is not None:
        return getattr(tables, name)(alignment(), *args, **kwargs)
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items()))
    return _cached(name, data_signature(), args, frozen)


def clear_caches() -> None:
    _cached.clear()
    _base_alignment.clear()


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
    if chosen is None:
        return al.doc_ids
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
    cfg = {d: st.column_config.NumberColumn(f"{city(d)}", help=d) for d in doc_ids}
    cfg.update(extra)
    return cfg


def text_column_config(doc_ids: list[str], **extra) -> dict:
    cfg = {d: st.column_config.TextColumn(f"{city(d)}", help=d, width="medium") for d in doc_ids}
    cfg.update(extra)
    return cfg


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


def unset_index(key: str) -> dict:
    """``index=None`` for a selectbox that starts empty, unless its value is already
    in session state (passing both makes streamlit warn)."""
    return {} if key in st.session_state else {"index": None}


def sync_query(*keys: str) -> None:
    """Write the language, the documents and the page's own ``keys`` to the URL."""
    wanted = {}
    for param, key in QUERY_KEYS.items():
        if key not in ("lang", "docs") + keys:
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


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#|<>~$"})


def md_escape(text: str) -> str:
    """Text that Markdown shows literally (headings, reasons and other document text)."""
    return str(text).translate(_MD_SPECIAL)


def clause_block(text: str, caption: str) -> None:
    """Document text shown as text, never as markup, in a copyable box."""
    st.caption(md_escape(caption))
    st.code(text, language=None, wrap_lines=True)
