"""Heavy work of one dashboard session in a process of its own, within bounds.

The dashboard is one server process.  Python runs one thread at a time in it, so a
session that parses and aligns a 10 MB draft for half a minute in its upload
callback holds every other session's page views back for that long (a load test
with four such uploads made other sessions' pages 20× slower).  :func:`run_isolated`
runs such a call in a child process instead:

* forked from the server, so the child already holds the shared corpus (nothing is
  copied in), and an :class:`~snscompare.align.Alignment` passed to the call comes
  back *by reference*: its documents, clauses and per-document alignments are
  named in the result, not copied, so the result holds only what the call made;
* at a lower priority (``nice`` +10), so the server's own thread comes first;
* at most :data:`SLOTS` at a time (one core is left to the server); others wait
  for a slot, within the same deadline;
* bounded in time (:data:`MAX_SECONDS`: the child is killed and the caller gets a
  message) and in memory (:data:`MAX_EXTRA_BYTES` of address space beyond the
  server's; past it the call fails with a message, the server is untouched);
* killed with the server (``PR_SET_PDEATHSIG``).

The calling thread waits in ``select`` (without holding the interpreter), so the
other sessions' threads run meanwhile.  Errors the user can fix
(:class:`~snscompare.errors.SnsCompareError`) come back as they were raised.
Where there is no ``fork`` (Windows), inside a child already, or with
``SNSCOMPARE_IN_PROCESS=1`` in the environment (to measure what isolation changes,
``benchmarks/loadtest.py --in-process``, or to debug), the call runs in the calling
process.

The library never imports streamlit; the page calls this once, where it calls the
heavy library function.
"""
from __future__ import annotations

import ctypes
import gc
import io
import os
import pickle
import select
import signal
import threading
import time

from .errors import SnsCompareError, bilingual

MAX_SECONDS = 180.0  # parse, align and report a 10 MB draft: ~20 s on 2 shared cores
MAX_EXTRA_BYTES = 2 << 30  # address space a child may add to the server's
SLOTS = max(1, (os.cpu_count() or 2) - 1)
IN_PROCESS_ENV = "SNSCOMPARE_IN_PROCESS"

_slots = threading.BoundedSemaphore(SLOTS)
_IN_CHILD = False


class IsolatedCallFailed(SnsCompareError):
    """The child process ran out of time or memory, or died: the message says which."""


def run_isolated(fn, *args, **kwargs):
    """``fn(*args, **kwargs)``, computed in a bounded child process (see the module's
    documentation); returns its result or raises its error."""
    if not hasattr(os, "fork") or _IN_CHILD or os.environ.get(IN_PROCESS_ENV) == "1":
        return fn(*args, **kwargs)
    deadline = time.monotonic() + MAX_SECONDS
    if not _slots.acquire(timeout=MAX_SECONDS):
        raise IsolatedCallFailed(bilingual("iso_busy"))
    try:
        return _run_in_child(fn, args, kwargs, deadline)
    finally:
        _slots.release()


def release_memory() -> int:
    """Give memory that sessions have let go of back to the system: a full collection (the
    server runs none after each script: ``runner.postScriptGC``), then glibc's
    ``malloc_trim``, without which freed memory stays with the process.  Measured in a
    process that checked a 9.5 MB draft through :func:`run_isolated`: the report held
    351 MiB; dropped, 108 MiB stayed; with this, 27 MiB.  Returns the number of objects
    the collection freed."""
    freed = gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the collection alone
        pass
    return freed


def release_memory_every(seconds: float, stop: threading.Event | None = None) -> threading.Thread:
    """A daemon thread calling :func:`release_memory` every ``seconds`` until ``stop`` is set."""
    stop = stop or threading.Event()

    def loop() -> None:
        while not stop.wait(seconds):
            release_memory()

    thread = threading.Thread(target=loop, name="snscompare-release-memory", daemon=True)
    thread.start()
    return thread


# --- objects the child shares with its parent -----------------------------------------------


def _shared(values) -> list:
    """The objects of an :class:`~snscompare.align.Alignment` among ``values`` (and the
    alignment itself): what a result may refer to without copying."""
    from .align import Alignment

    out: list = []
    for v in values:
        if not isinstance(v, Alignment):
            continue
        out += [v, v.taxonomy, v.docs, v.per_doc]
        for d in v.docs:
            out += [d, d.clauses, *d.clauses]
        for da in v.per_doc.values():
            out += [da, da.assignments, *da.assignments, da.items, *da.items, da.lists, *da.lists]
    return out


class _Pickler(pickle.Pickler):
    def __init__(self, file, shared_ids: dict[int, int]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._ids = shared_ids

    def persistent_id(self, obj):
        return self._ids.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, shared: list):
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid):
        return self._shared[pid]


def _warm_imports() -> None:
    """Import, in the server, what a check imports lazily: a child must not wait on a
    module another thread of the server was importing at the moment of the fork."""
    from . import build, check, pipeline, readers, report, revision, tables  # noqa: F401
    from .readers import pdf, text, word  # noqa: F401

    for name in ("docx", "pypdf", "charset_normalizer"):
        try:
            __import__(name)
        except ImportError:  # pragma: no cover - declared dependencies
            pass


def _limit_child() -> None:
    global _IN_CHILD
    _IN_CHILD = True
    # What the child inherited is the server's: the collector leaves it alone (walking
    # it would cost time and copy every page of it into the child).
    gc.freeze()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: die with the server
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    try:
        os.nice(10)
    except OSError:  # pragma: no cover
        pass
    try:
        import resource

        with open("/proc/self/statm") as fh:
            size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (size + MAX_EXTRA_BYTES, size + MAX_EXTRA_BYTES))
    except (OSError, ValueError, ImportError):  # pragma: no cover - no /proc: no memory bound
        pass


def _portable_error(e: BaseException):
    """An error as the parent can rebuild it: the library's own errors by class and
    text (their constructors differ), others as they pickle, or as a RuntimeError."""
    if isinstance(e, SnsCompareError):
        return ("user_error", (type(e).__name__, str(e)))
    try:
        pickle.loads(pickle.dumps(e))
        return ("error", e)
    except Exception:
        return ("error", RuntimeError(f"{type(e).__name__}: {e}"))


def _child(fn, args, kwargs, ids: dict[int, int], wfd: int) -> None:
    """Runs in the child: call, pickle (shared objects by reference), write, exit."""
    try:
        _limit_child()
        try:
            outcome = ("ok", fn(*args, **kwargs))
        except MemoryError:
            outcome = ("memory", None)
        except BaseException as e:  # noqa: BLE001 - every error goes back to the caller
            outcome = _portable_error(e)
        buf = io.BytesIO()
        try:
            _Pickler(buf, ids).dump(outcome)
        except MemoryError:
            buf = io.BytesIO()
            _Pickler(buf, ids).dump(("memory", None))
        except Exception as e:  # a result that cannot be pickled
            buf = io.BytesIO()
            _Pickler(buf, ids).dump(("error", RuntimeError(f"{type(e).__name__}: {e}")))
        data = buf.getbuffer()
        with os.fdopen(wfd, "wb") as out:
            out.write(len(data).to_bytes(8, "little"))
            out.write(data)
    finally:
        os._exit(0)


def _user_error(name: str, text: str) -> SnsCompareError:
    from . import errors

    cls = getattr(errors, name, None)
    if not (isinstance(cls, type) and issubclass(cls, SnsCompareError)):
        cls = SnsCompareError
    e = cls.__new__(cls)
    Exception.__init__(e, text)
    e.message, e.hint = text, None
    return e


def _run_in_child(fn, args, kwargs, deadline: float):
    _warm_imports()
    shared = _shared([*args, *kwargs.values()])
    ids = {id(o): k for k, o in enumerate(shared)}
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(rfd)
        _child(fn, args, kwargs, ids, wfd)
    os.close(wfd)
    chunks: list[bytes] = []
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                os.kill(pid, signal.SIGKILL)
                raise IsolatedCallFailed(bilingual("iso_too_long", seconds=int(MAX_SECONDS)))
            ready, _, _ = select.select([rfd], [], [], min(remaining, 1.0))
            if ready:
                chunk = os.read(rfd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(rfd)
        _reap(pid)
    data = b"".join(chunks)
    if len(data) < 8 or int.from_bytes(data[:8], "little") != len(data) - 8:
        raise IsolatedCallFailed(bilingual("iso_died"))  # killed (out of memory) or crashed
    # Without the collector while the result's objects are made: it would walk the whole
    # server's heap again and again meanwhile (a 3 MB draft's result: 0.85 s → 0.19 s).
    collecting = gc.isenabled()
    gc.disable()
    try:
        kind, value = _Unpickler(io.BytesIO(data[8:]), shared).load()
    finally:
        if collecting:
            gc.enable()
    if kind == "ok":
        return value
    if kind == "memory":
        raise IsolatedCallFailed(bilingual("iso_too_much_memory", gib=MAX_EXTRA_BYTES >> 30))
    if kind == "user_error":
        raise _user_error(*value)
    raise value


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:  # pragma: no cover
        pass
