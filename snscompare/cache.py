"""A per-document cache of parsed clauses and alignments, on disk.

At national scale (1,788 documents) aligning everything again because one
document was added costs a minute; aligning only what changed costs a fraction
of a second.  Each document's clauses and :class:`~snscompare.align.DocAlignment`
are stored under a key that hashes everything the result depends on:

* the document id and text (clause ids carry the document id),
* the taxonomy (its file bytes and its in-memory content, so a taxonomy edited in
  memory, as leave-one-out evaluation does, never reuses a stale entry),
* the overrides,
* the package version and the source of the modules that compute the result
  (parser, normalize, align), so a code change invalidates the cache too.

Entries are pickles in ``.cache/snscompare/`` at the project root (gitignored), or
in ``$SNSCOMPARE_CACHE_DIR``; they survive a restart.  Writes are atomic (temporary
file + rename), and the directory is pruned to ``max_entries`` / ``max_bytes``,
least recently used first.  The cache is a pure speed-up: a hit returns exactly
what aligning the document again would return.

The library stays deterministic: the cache never changes a result, only whether
it is computed.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .align import Alignment, DocAlignment, align_document
from .corpus import DATA_DIR, Document, make_document
from .errors import SnsCompareError, bilingual
from .parser import Clause

CACHE_ENV = "SNSCOMPARE_CACHE_DIR"
DEFAULT_CACHE_DIR = DATA_DIR.parent / ".cache" / "snscompare"
MAX_ENTRIES = 20_000  # ~11 entries per municipality at national scale
MAX_BYTES = 1 << 30  # 1 GiB; an entry is ~30-80 kB
_SUFFIX = ".pkl"
# The modules whose code decides an alignment (tests/test_cache.py checks that every
# module the aligner imports is here).
_CODE_FILES = ("parser.py", "normalize.py", "taxonomy.py", "align.py", "alignment.py", "cues.py", "lists.py",
               "exemplars.py", "overrides.py")


def cache_dir(path: Path | str | None = None) -> Path:
    """The cache directory: ``path``, else ``$SNSCOMPARE_CACHE_DIR``, else
    ``.cache/snscompare/`` at the project root."""
    if path:
        return Path(path)
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else DEFAULT_CACHE_DIR


_code_hash: str | None = None


def _code_fingerprint() -> str:
    global _code_hash
    if _code_hash is None:
        h = hashlib.sha256(__version__.encode())
        here = Path(__file__).resolve().parent
        for name in _CODE_FILES:
            h.update(b"\0" + name.encode() + b"\0" + (here / name).read_bytes())
        _code_hash = h.hexdigest()
    return _code_hash


def context_key(taxonomy, overrides=()) -> str:
    """What every entry of one run shares: taxonomy, overrides, code."""
    h = hashlib.sha256(_code_fingerprint().encode())
    path = Path(taxonomy.path) if getattr(taxonomy, "path", "") else None
    h.update(b"\0taxonomy-file\0" + (path.read_bytes() if path is not None and path.is_file() else b""))
    h.update(b"\0taxonomy\0" + repr(taxonomy).encode())
    h.update(b"\0overrides\0" + repr(list(overrides)).encode())
    return h.hexdigest()


def document_key(doc_id: str, text: str, context: str) -> str:
    h = hashlib.sha256(context.encode())
    h.update(b"\0" + doc_id.encode() + b"\0" + text.encode("utf-8"))
    return h.hexdigest()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    written: int = 0
    pruned: int = 0


class AlignmentCache:
    """The on-disk store: ``get`` / ``put`` of (clauses, DocAlignment) by key."""

    def __init__(self, path: Path | str | None = None, *, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        self.dir = cache_dir(path)
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.stats = CacheStats()

    def _file(self, key: str) -> Path:
        return self.dir / key[:2] / (key + _SUFFIX)

    def get(self, key: str) -> tuple[list[Clause], DocAlignment] | None:
        f = self._file(key)
        try:
            with open(f, "rb") as fh:
                entry = pickle.load(fh)
        except FileNotFoundError:
            self.stats.misses += 1
            return None
        except Exception:  # a truncated or foreign file: recompute and overwrite
            self.stats.misses += 1
            return None
        try:
            os.utime(f)  # least recently used goes first when pruning
        except OSError:
            pass
        self.stats.hits += 1
        return entry["clauses"], entry["alignment"]

    def _unwritable(self, e: OSError) -> SnsCompareError:
        return SnsCompareError(bilingual("cli_cache_unwritable", path=self.dir, reason=e.strerror or e))

    def check_writable(self) -> None:
        """Raise a message saying how to proceed if entries cannot be stored (before
        anything is aligned, so that nobody waits minutes to learn it)."""
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            probe = self.dir / f".probe.{os.getpid()}.tmp"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as e:
            raise self._unwritable(e) from None

    def put(self, key: str, clauses: list[Clause], alignment: DocAlignment) -> None:
        f = self._file(key)
        tmp = f.with_suffix(f".{os.getpid()}.tmp")
        try:
            f.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                pickle.dump({"clauses": clauses, "alignment": alignment}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, f)
        except OSError as e:
            raise self._unwritable(e) from None
        self.stats.written += 1

    def entries(self) -> list[Path]:
        if not self.dir.exists():
            return []
        return sorted(self.dir.glob(f"*/*{_SUFFIX}"))

    def prune(self) -> int:
        """Delete least recently used entries beyond the bounds; return how many."""
        files = []
        for f in self.entries():
            try:
                st = f.stat()
            except FileNotFoundError:
                continue
            files.append((st.st_mtime, f.name, st.st_size, f))
        files.sort(reverse=True)  # newest first
        total, removed = 0, 0
        for k, (_, _, size, f) in enumerate(files):
            total += size
            if k >= self.max_entries or total > self.max_bytes:
                try:
                    f.unlink()
                    removed += 1
                except FileNotFoundError:
                    pass
                except OSError as e:
                    raise self._unwritable(e) from None
        self.stats.pruned += removed
        return removed

    def clear(self) -> None:
        for f in self.entries():
            f.unlink(missing_ok=True)


# --- computing what is missing, on several cores ---------------------------------------------

_WORKER_STATE: dict = {}


def _init_worker(taxonomy, overrides) -> None:
    _WORKER_STATE["taxonomy"] = taxonomy
    _WORKER_STATE["overrides"] = overrides


def _align_chunk(docs: list[Document]) -> list[DocAlignment]:
    return [align_document(d, _WORKER_STATE["taxonomy"], _WORKER_STATE["overrides"]) for d in docs]


def _parse_chunk(items: list[tuple[str, str, dict | None]]) -> list[Document]:
    return [make_document(doc_id, text, meta) for doc_id, text, meta in items]


def _chunks(seq: list, workers: int) -> list[list]:
    size = max(1, min(64, -(-len(seq) // (workers * 4))))
    return [seq[i : i + size] for i in range(0, len(seq), size)]


def align_many(docs: list[Document], taxonomy, overrides=(), *, workers: int = 1) -> list[DocAlignment]:
    """``align_document`` for each document, in order, on ``workers`` processes.
    The result does not depend on ``workers``."""
    if workers <= 1 or len(docs) < 8:
        return [align_document(d, taxonomy, overrides) for d in docs]
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(taxonomy, list(overrides))) as pool:
        return [a for part in pool.map(_align_chunk, _chunks(list(docs), workers)) for a in part]


def parse_many(items: list[tuple[str, str, dict | None]], *, workers: int = 1) -> list[Document]:
    """``make_document`` for each (id, text, metadata), in order, on ``workers`` processes."""
    if workers <= 1 or len(items) < 8:
        return _parse_chunk(items)
    with ProcessPoolExecutor(workers) as pool:
        return [d for part in pool.map(_parse_chunk, _chunks(list(items), workers)) for d in part]


# --- the public entry points -----------------------------------------------------------------


def align_documents_cached(docs: list[Document], taxonomy, overrides=(), cache_dir: Path | str | None = None, *,
                           workers: int = 1, cache: AlignmentCache | None = None) -> Alignment:
    """The alignment of ``docs``, reading each document's result from the cache when
    its key is there and aligning (and storing) the others.  Same result as
    ``align_corpus(docs, taxonomy, overrides)``."""
    cache = cache or AlignmentCache(cache_dir)
    context = context_key(taxonomy, overrides)
    per_doc: dict[str, DocAlignment] = {}
    missing: list[tuple[str, Document]] = []
    for d in docs:
        key = document_key(d.id, d.text, context)
        hit = cache.get(key)
        if hit is not None:
            per_doc[d.id] = hit[1]
        else:
            missing.append((key, d))
    if missing:
        cache.check_writable()
        aligned = align_many([d for _, d in missing], taxonomy, overrides, workers=workers)
        for (key, d), a in zip(missing, aligned):
            per_doc[d.id] = a
            cache.put(key, d.clauses, a)
        cache.prune()
    return Alignment(list(docs), taxonomy, {d.id: per_doc[d.id] for d in docs})


def make_document_cached(doc_id: str, text: str, meta: dict | None, taxonomy, overrides=(), *,
                         cache: AlignmentCache | None = None, cache_dir: Path | str | None = None,
                         added: bool = False) -> Document:
    """:func:`~snscompare.corpus.make_document`, with the clauses taken from the cache
    when this text was aligned before (so a restart does not parse again)."""
    cache = cache or AlignmentCache(cache_dir)
    hit = cache.get(document_key(doc_id, text, context_key(taxonomy, overrides)))
    return make_document(doc_id, text, meta, added=added, clauses=hit[0] if hit is not None else None)
