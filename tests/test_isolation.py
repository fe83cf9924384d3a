"""Heavy work of one dashboard session runs in a bounded process of its own
(snscompare/isolation.py), so other sessions keep their pace; benchmarks/loadtest.py
--uploads measures the pace.  Here: the same result as in the server, in another
process, sharing the corpus by reference, within its bounds of time, memory and
concurrency, with the library's errors as they were raised."""
from __future__ import annotations

import os
import threading
import time
from functools import partial

import pytest

from snscompare import check, isolation, report
from snscompare.errors import ConfigError, InputError, NotAPolicyError
from snscompare.isolation import IsolatedCallFailed, run_isolated

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork: the call runs in the calling process")


def _whoami():
    return os.getpid(), os.nice(0)


def test_the_call_runs_in_another_process_at_a_lower_priority():
    pid, niceness = run_isolated(_whoami)
    assert pid != os.getpid()
    assert niceness >= os.nice(0) + 10 or niceness == 19


def test_a_check_is_the_same_and_shares_the_corpus(alignment, docs):
    data = docs["komoro"].text.replace("小諸市", "わが市").encode("cp932")
    here = check.check_report(data, filename="わが市案.txt", alignment=alignment)
    there = run_isolated(partial(check.check_report, data, filename="わが市案.txt"), alignment=alignment)
    assert report.render_check(there, "json") == report.render_check(here, "json")
    assert report.render_check(there, "md") == report.render_check(here, "md")
    # The corpus comes back by reference, not as a copy: only the draft's part was sent.
    assert there.alignment.taxonomy is alignment.taxonomy
    assert all(a is b for a, b in zip(there.alignment.docs, alignment.docs))
    assert all(there.alignment.per_doc[d] is alignment.per_doc[d] for d in alignment.doc_ids)
    assert there.alignment.doc(there.doc_id).clauses[0].id == here.alignment.doc(here.doc_id).clauses[0].id


def _raise(exc):
    raise exc


@pytest.mark.parametrize("exc", [
    InputError("「x.docx」は壊れています。 / 'x.docx' is damaged.", hint="  保存し直してください。 / Save it again."),
    NotAPolicyError("ポリシーではありません / not a policy"),
    ConfigError("data/taxonomy.yaml", 3, "値が違います / bad value", allowed=["a", "b"]),
])
def test_the_librarys_errors_come_back_as_raised(exc):
    with pytest.raises(type(exc)) as info:
        run_isolated(_raise, exc)
    assert str(info.value) == str(exc)


def test_a_bug_comes_back_as_itself():
    with pytest.raises(ZeroDivisionError):
        run_isolated(lambda: 1 / 0)


def _sleep_and_say(path, seconds):
    path.write_text(str(os.getpid()))
    time.sleep(seconds)
    return "woke"


def test_past_the_time_bound_the_child_is_killed_and_the_caller_told(tmp_path, monkeypatch):
    monkeypatch.setattr(isolation, "MAX_SECONDS", 1.0)
    started = time.monotonic()
    with pytest.raises(IsolatedCallFailed) as info:
        run_isolated(_sleep_and_say, tmp_path / "pid", 60)
    assert time.monotonic() - started < 30
    assert "時間" in str(info.value) and "too long" in str(info.value)
    pid = int((tmp_path / "pid").read_text())
    with pytest.raises(ProcessLookupError):  # killed and reaped: no such process any more
        os.kill(pid, 0)


def _allocate(n_bytes):
    return len(bytearray(n_bytes))


def test_past_the_memory_bound_the_call_fails_and_the_server_is_untouched(monkeypatch):
    monkeypatch.setattr(isolation, "MAX_EXTRA_BYTES", 256 << 20)
    with pytest.raises(IsolatedCallFailed) as info:
        run_isolated(_allocate, 1 << 30)
    assert "メモリ" in str(info.value) and "memory" in str(info.value)
    assert run_isolated(_allocate, 16 << 20) == 16 << 20  # within the bound it works


def _interval(path, k):
    start = time.monotonic()
    time.sleep(0.5)
    (path / f"{k}").write_text(f"{start} {time.monotonic()}")


def test_at_most_the_slots_run_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr(isolation, "_slots", threading.BoundedSemaphore(1))
    threads = [threading.Thread(target=run_isolated, args=(_interval, tmp_path, k)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    spans = sorted(tuple(map(float, (tmp_path / f"{k}").read_text().split())) for k in range(3))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), spans  # one after another, never two at once


def test_the_check_page_checks_in_another_process(root, docs, tmp_path, monkeypatch):
    """The upload callback of the check page goes through run_isolated: the library call
    records the process it ran in."""
    from streamlit.testing.v1 import AppTest

    real = check.check_report
    where = tmp_path / "pid"

    def recording(*args, **kwargs):
        where.write_text(str(os.getpid()))
        return real(*args, **kwargs)

    monkeypatch.setattr(check, "check_report", recording)
    at = AppTest.from_file(str(root / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/check_draft.py")
    at.run()
    at.file_uploader(key="draft_upload").set_value(("案.txt", docs["saku"].text.encode("utf-8"), "text/plain"))
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.session_state["draft_report"].doc_id == "案"
    assert int(where.read_text()) != os.getpid()


def _rss_mib() -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) // 1024 for line in f if line.startswith("VmRSS"))


def test_memory_a_session_let_go_of_goes_back_to_the_system():
    """Objects in reference cycles (a report's clauses and their parents) are freed only by a
    full collection, which the server does not run after each script; and glibc keeps freed
    memory until trimmed.  release_memory does both."""
    import gc

    from snscompare.isolation import release_memory

    gc.collect()
    collecting = gc.isenabled()
    gc.disable()
    try:
        before = _rss_mib()
        blocks = []
        for i in range(200_000):
            node = {"text": "条" * 400 + str(i), "parent": None}
            node["self"] = node  # a cycle: reference counting alone never frees it
            blocks.append(node)
        held = _rss_mib()
        del blocks, node
        assert _rss_mib() > before + (held - before) // 2  # still held: nothing collected it
        assert release_memory() >= 200_000
        assert _rss_mib() < before + (held - before) // 4, (before, held, _rss_mib())
    finally:
        if collecting:
            gc.enable()


def test_the_releaser_runs_until_stopped():
    import threading

    from snscompare import isolation

    calls = []
    stop = threading.Event()
    real = isolation.release_memory
    isolation.release_memory = lambda: calls.append(1) or 0
    try:
        thread = isolation.release_memory_every(0.01, stop)
        deadline = time.monotonic() + 5
        while len(calls) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        stop.set()
        thread.join(2)
    finally:
        isolation.release_memory = real
    assert len(calls) >= 3 and not thread.is_alive()
