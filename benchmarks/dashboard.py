"""Dashboard speed: each page's library calls (first call and cached) and an AppTest
rerun per page, on the five-policy corpus.

    .venv/bin/python benchmarks/dashboard.py

A "rerun" is what a click costs: the whole page script again, with the caches warm.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from snscompare import build, check, pipeline, revision, tables, views  # noqa: E402

PAGES = ["pages/home.py", "pages/coverage.py", "pages/prohibited.py", "pages/compare.py", "pages/gaps.py",
         "pages/groups.py", "pages/check_draft.py", "pages/build_draft.py", "pages/revision.py"]


def timed(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def library_calls() -> None:
    t0 = time.perf_counter()
    al = pipeline.build()
    print(f"pipeline.build (once per server, cached): {1000 * (time.perf_counter() - t0):.0f} ms")
    docs = al.doc_ids
    komoro = al.doc("komoro").text
    otaru = al.doc("otaru").text
    revised = otaru.replace("第3条", "第3条の2", 1).replace("誤解を招かないように", "誤解を招かないよう努めて")
    rev = revision.compare(otaru, revised, alignment=al)
    calls = {
        "home: documents_table": lambda: tables.documents_table(al),
        "coverage: coverage_matrix": lambda: tables.coverage_matrix(al),
        "coverage: topic_clauses": lambda: tables.topic_clauses(al, "reply_policy", doc_ids=["otaru"]),
        "prohibited: prohibited_matrix": lambda: tables.prohibited_matrix(al, doc_ids=docs),
        "prohibited: prohibited_synopsis": lambda: tables.prohibited_synopsis(al, "user", doc_ids=docs),
        "prohibited: list_similarity": lambda: tables.list_similarity(al, "user", doc_ids=docs),
        "compare: topic_clauses": lambda: tables.topic_clauses(al, "reply_policy", doc_ids=docs),
        "compare: cross_document_alignment": lambda: tables.cross_document_alignment(al, "reply_policy", doc_ids=docs),
        "compare: search_clauses": lambda: views.search_clauses(al, "個人情報の保護", docs),
        "gaps: gaps_for": lambda: tables.gaps_for(al, "komoro", doc_ids=docs),
        "gaps: prohibited_gaps_for": lambda: tables.prohibited_gaps_for(al, "komoro", doc_ids=docs),
        "gaps: markdown report": lambda: views.gap_report_markdown(al, "komoro", docs),
        "check: check_text (komoro's text)": lambda: check.check_text(komoro, name="案", alignment=al),
        "build: options, assemble, checklist": lambda: build.checklist(build.assemble(
            [build.topic_options(al, t)[0] for t in build.default_skeleton(al, 3)], kind="yoko",
            taxonomy=al.taxonomy), al),
        "revision: compare (two versions)": lambda: revision.compare(otaru, revised, alignment=al),
        "revision: to_docx_bytes": lambda: revision.to_docx_bytes(rev),
    }
    print(f"{'library call':40s} {'first ms':>9s} {'best of 5 ms':>13s}")
    for name, fn in calls.items():
        print(f"{name:40s} {timed(fn):9.1f} {timed(fn, 5):13.1f}")


def apptest_reruns() -> None:
    from streamlit.testing.v1 import AppTest

    print(f"{'page (AppTest)':24s} {'first run ms':>13s} {'rerun median ms':>16s}")
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.switch_page(page)
        first = timed(at.run)
        reruns = [timed(at.run) for _ in range(5)]
        assert not at.exception, [e.value for e in at.exception]
        print(f"{page:24s} {first:13.0f} {statistics.median(reruns):16.0f}")


def apptest_with_input() -> None:
    """The pages that take an input, once it is given: what a click costs then."""
    from streamlit.testing.v1 import AppTest

    otaru = (ROOT / "data" / "policies" / "otaru.txt").read_text(encoding="utf-8")
    revised = otaru.replace("第3条", "第3条の2", 1).replace("誤解を招かないように", "誤解を招かないよう努めて")
    komoro = (ROOT / "data" / "policies" / "komoro.txt").read_text(encoding="utf-8")

    def checked(at):
        at.file_uploader(key="draft_upload").set_value(("komoro.txt", komoro.encode("utf-8"), "text/plain"))

    def compared(at):
        at.radio(key="rev_old_from").set_value("corpus").run()
        at.selectbox(key="rev_old_doc").set_value("otaru").run()
        at.file_uploader(key="rev_new_upload").set_value(("new.txt", revised.encode("utf-8"), "text/plain"))

    print(f"{'page with its input (AppTest)':40s} {'input ms':>9s} {'rerun median ms':>16s}")
    for page, give in (("pages/check_draft.py", checked), ("pages/revision.py", compared)):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.switch_page(page)
        at.run()
        give(at)
        first = timed(at.run)
        reruns = [timed(at.run) for _ in range(5)]
        assert not at.exception and not at.error, [e.value for e in at.exception]
        print(f"{page:40s} {first:9.0f} {statistics.median(reruns):16.0f}")


if __name__ == "__main__":
    library_calls()
    apptest_reruns()
    apptest_with_input()
