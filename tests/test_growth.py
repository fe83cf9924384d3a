"""Work that grows with the input no faster than the input: the steps of the code are
counted (lines executed, attributes read), not timed, so each test holds on any machine
and fails on an algorithm that rescans what it has already read.  The times themselves,
up to 10 MB, are measured by benchmarks/bench_inputs.py."""
from __future__ import annotations

import collections
import dataclasses

import pytest

from growth import python_steps
from snscompare import align, corpus
from snscompare.corpus import extract_dates, make_document
from snscompare.parser import Clause

# Twice (or four times) the input may cost this much more than twice (four times) the work:
# what a linear algorithm's fixed parts and rounding leave.
SLACK = 1.15


def _dated_history(n: int, text: str) -> str:
    """A policy followed by a revision history of ``n`` dated lines, a third of them with
    the era written as one character (㋿, ㍻), the costliest to map back."""
    eras = ["令和", "㋿", "平成", "㍻"]
    lines = [f"{eras[i % 4]}{i % 30 + 1}年{i % 12 + 1}月{i % 28 + 1}日改定（第{i}次）" for i in range(n)]
    return text + "\n附則\n" + "\n".join(lines) + "\n"


def test_extract_dates_reads_the_text_once(docs):
    """A revision history of thousands of dated lines made the date search rescan the text
    from the start for every date (a 0.84 MiB policy took 96 s)."""
    small, large = (_dated_history(n, docs["komoro"].text) for n in (400, 1600))
    steps = [python_steps(extract_dates, t, files=[corpus]) for t in (small, large)]
    assert steps[1] / steps[0] <= 4 * SLACK, steps
    found = extract_dates(large)
    assert len(found) == 3 + 1600  # komoro's own three dates, then the history
    for d in found:  # each as written, in the text
        assert d.wareki in large
    assert found[3 + 1].wareki == "㋿2年2月2日改定" and found[3 + 1].date.isoformat() == "2020-02-02"
    assert found[3 + 3].wareki == "㍻4年4月4日改定" and found[3 + 3].date.isoformat() == "1992-04-04"


def test_clause_lookup_by_id_does_not_scan(docs):
    """The check report looks up the clause of every assignment: a scan of the clause list
    per look-up made a 10 MB policy (32,603 clauses) take minutes."""
    def look_up_all(doc):
        for c in doc.clauses:
            assert doc.clause(c.id) is c

    text = "\n".join(d.text for d in docs.values())
    small, large = make_document("s", text), make_document("l", text * 4)
    steps = [python_steps(look_up_all, d, files=[corpus]) for d in (small, large)]
    assert steps[1] / steps[0] <= 4 * SLACK * len(large.clauses) / (4 * len(small.clauses)), steps
    with pytest.raises(KeyError):
        small.clause("s:no-such-clause")


def test_clause_lookup_follows_renamed_ids(docs):
    """Documents added beside the corpus get new ids (komoro → komoro-2) after a look-up
    may have indexed the old ones."""
    from snscompare.pipeline import unique_ids

    doc = make_document("komoro", docs["komoro"].text)
    first = doc.clauses[3]
    assert doc.clause(first.id) is first
    unique_ids(["komoro"], [doc])
    assert first.id.startswith("komoro-2:") and doc.clause(first.id) is first
    with pytest.raises(KeyError):
        doc.clause("komoro" + first.id[len("komoro-2"):])


# --- the aligner ------------------------------------------------------------------------------
# Its work is counted as attribute reads of the clauses and assignments it handles: the
# cross-references (第N条, 前項, 「3. …」) once looked up their target by a scan of every
# clause, and each list clause scanned every assignment made before it.

class _CountedAssignment(align.Assignment):
    reads: collections.Counter = collections.Counter()

    def __getattribute__(self, name):
        _CountedAssignment.reads[name] += 1
        return object.__getattribute__(self, name)


class _CountedClause(Clause):
    def __getattribute__(self, name):
        _CountedAssignment.reads[name] += 1
        return object.__getattribute__(self, name)


def _aligner_reads(doc, taxonomy, monkeypatch) -> int:
    monkeypatch.setattr(align, "Assignment", _CountedAssignment)
    doc.clauses = [_CountedClause(**{f.name: getattr(c, f.name) for f in dataclasses.fields(c)}) for c in doc.clauses]
    _CountedAssignment.reads.clear()
    align.align_document(doc, taxonomy)
    return sum(_CountedAssignment.reads.values())


def _lists_with_references(n: int) -> str:
    return "".join(f"第{i}条 次の各号に該当する投稿は、第1条の規定により削除します。前項の規定も同様とする。\n"
                   "(1) 他人を誹謗中傷するもの\n(2) 法令に違反するもの\n" for i in range(1, n + 1))


@pytest.mark.parametrize("kind", ["policies", "lists"])
def test_aligner_work_grows_with_the_document(kind, docs, taxonomy, monkeypatch):
    text = "\n".join(d.text for d in docs.values())
    make = {"policies": lambda k: text * k, "lists": lambda k: _lists_with_references(150 * k)}[kind]
    small, large = make_document("s", make(1)), make_document("l", make(4))
    reads = [_aligner_reads(d, taxonomy, monkeypatch) for d in (small, large)]
    assert reads[1] / reads[0] <= 4 * SLACK * len(large.clauses) / (4 * len(small.clauses)), reads


def _flattened(docs, times: int) -> str:
    """Otaru's 要綱 (articles under their (見出し) captions) run into one line, ``times`` times
    over: a PDF flattened by extraction."""
    return " ".join(docs["otaru"].text.replace("\n", " ") for _ in range(times)) + "\n"


@pytest.mark.parametrize("shape", ["revision history", "one line"])
def test_parsing_grows_with_the_text(shape, docs):
    """A revision history of thousands of dated lines (each a short line whose neighbours the
    builder looks at) and a whole corpus flattened into one line (each inline marker checked
    against the cuts before it): four times the text, about four times the parser's work."""
    from snscompare import parser

    if shape == "revision history":
        small, large = (_dated_history(n, docs["komoro"].text) for n in (400, 1600))
    else:
        small, large = _flattened(docs, 4), _flattened(docs, 16)
    steps = [python_steps(parser.parse, t, "g", files=[parser]) for t in (small, large)]
    assert steps[1] / steps[0] <= 4 * SLACK, steps
