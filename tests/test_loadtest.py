"""The load test's own machinery, in small: a few sessions on a real server, every page seen,
no error.  The figures in the README come from the full run (benchmarks/loadtest.py)."""
from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import loadtest  # noqa: E402


def test_a_short_load_test_runs_every_page_without_error(tmp_path, capsys):
    argv = ["--sessions", "2", "--minutes", "0.25", "--sequential", "4", "--settle", "0", "--out", str(tmp_path),
            "--uploads", "1", "--upload-mb", "0.2"]
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in the
    # main thread for the whole test session, and the load test starts its own.
    with ThreadPoolExecutor(1) as pool:
        code = pool.submit(loadtest.main, argv).result()
    result = json.loads((tmp_path / "loadtest.json").read_text())
    phases = ("warm_up", "concurrent", "sequential_phase", "with_uploads", "uploads")
    errors = {k: result[k]["error_samples"] for k in phases}
    assert code == 0, errors
    pages = set(result["concurrent"]["per_page"])
    assert {"home", "coverage", "prohibited", "compare", "gaps", "check_draft", "build_draft"} <= pages
    assert result["sequential_phase"]["page_views"] == 8  # 4 sessions × (home + one page)
    # (c): drafts were uploaded and checked (a page run each, no error shown), others kept going
    assert result["uploads"]["page_views"] >= 1 and result["uploads"]["errors"] == 0
    assert result["with_uploads"]["page_views"] > 0 and result["p95_ratio_with_uploads"] > 0
    memory = result["memory_mib"]
    assert memory["after warm-up"]["VmRSS"] > memory["started"]["VmRSS"] > 0
    # The printed summary is the figures of loadtest.json, phase by phase.
    out = capsys.readouterr().out
    for k in phases:
        r = result[k]
        assert f"| {r['phase']} | {r['page_views']} | {r['errors']} | {r['p50_s']} | {r['p95_s']} |" in out, k
    assert f"quiet p95 (a): {result['p95_ratio_with_uploads']}" in out


def test_the_load_test_is_bounded():
    import pytest

    for argv in (["--sessions", "0"], ["--sessions", "101"], ["--minutes", "31"], ["--sequential", "5000"],
                 ["--uploads", "21"], ["--upload-mb", "11"]):
        with pytest.raises(SystemExit):
            loadtest.main(argv)
