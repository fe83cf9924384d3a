"""Hostile and oversized input is processed in bounded time or rejected with a message."""
from __future__ import annotations

import pytest

from snscompare.align import align_document
from snscompare.corpus import make_document
from snscompare.errors import InputError
from snscompare.readers import MAX_UPLOAD_BYTES, read_document


def test_ten_thousand_list_items(taxonomy):
    text = "1 禁止事項\n次の投稿は削除します。\n" + "".join(f"({i}) 他人を誹謗中傷する内容{i}\n" for i in range(1, 10001))
    doc = make_document("big", text)
    da = align_document(doc, taxonomy)
    assert len(doc.clauses) == 10001
    assert len(da.items) == 10000 and all(it.categories == ("defamation",) for it in da.items[:5])


def test_one_megabyte_line(taxonomy, docs):
    """A policy run together into one line of a megabyte is read as flattened text (cut at
    its inline markers, every character in a clause), and the aligner finds in it every
    topic it finds in one copy of the line: length loses nothing."""
    line = docs["komoro"].text.replace("\n", " ") + " "
    one = align_document(make_document("line1", line), taxonomy)
    doc = make_document("line", line * (1_000_000 // len(line)))
    assert len(doc.text) > 990_000
    assert len(doc.clauses) > 1000 and doc.clauses[-1].end == len(doc.text.rstrip())
    assert sum(c.end - c.start for c in doc.clauses) > 0.99 * len(doc.text.replace(" ", ""))
    topics = {a.topic for a in one.assignments}
    assert {"purpose", "reply_policy", "moderation", "disclaimer_accuracy"} <= topics
    assert topics <= {a.topic for a in align_document(doc, taxonomy).assignments}


def test_nul_and_control_characters_in_text(taxonomy):
    """Control characters stay in the verbatim text and do not stop the aligner from
    reading the words around them."""
    text = "1 目的\x00\n本方針は\x0b情報発信の目的を定める。\r\n(1) 返信は行いません\x1b[31m\n"
    doc = make_document("ctl", text)
    assert [c.id for c in doc.clauses] == ["ctl:1", "ctl:1.1"]
    for c in doc.clauses:
        assert text[c.start:c.end] == c.text
    assert "\x1b[31m" in doc.clause("ctl:1.1").text
    da = align_document(doc, taxonomy)
    assert [(a.clause_id, a.topic) for a in da.assignments] == [("ctl:1", "purpose"), ("ctl:1.1", "reply_policy")]


def test_markup_in_a_policy_stays_text(taxonomy):
    text = "1 目的\n<script>alert(1)</script> **太字** [link](http://x) :red[赤] の目的とする。\n"
    doc = make_document("markup", text)
    assert "<script>alert(1)</script>" in doc.clauses[0].text
    clean = doc.clauses[0].clean
    # Conversion artefacts (links) are unwrapped; everything else a document says stays, literally.
    assert "<script>alert(1)</script>" in clean and "[link](http://x)" in clean and ":red[赤]" in clean


def test_ten_megabyte_file_is_rejected_with_the_limit():
    data = ("小諸市ソーシャルメディア運用ポリシー\n" * 400_000).encode("utf-8")
    assert len(data) > MAX_UPLOAD_BYTES
    with pytest.raises(InputError, match="MB"):
        read_document(data, "big.txt")
