"""Model clauses are whole clauses, everywhere they are offered (issue 11): never a
footnote, a row of an account table, or a list item without its lead-in — in
tables.model_clauses and gaps_for (不足項目), the council report, the check page's
report and the draft builder's options.  Checked on the five real policies."""
from __future__ import annotations

import io
import re

import docx
import pytest

from snscompare import build, check, report, tables, views
from snscompare.parser import detect_marker

LEAD_IN = re.compile(r"次のとおり|次に掲げる|次の各号|以下に該当|次の点|下記")


def _is_fragment(al, clause_id: str) -> str | None:
    """Why a clause is not whole (read from the text itself), or None."""
    c = al.clause(clause_id)
    first = c.text.split("\n", 1)[0]
    m = detect_marker(first)
    if m is not None and m.style == "note":
        return "a footnote"
    if c.kind == "row":
        return "a table row"
    if c.kind == "item" and c.parent:
        parent = al.clause(c.parent)
        if LEAD_IN.search(parent.clean):
            return f"an item whose lead-in is {parent.id}"
    return None


def _policy(root, doc_id):
    return (root / "data" / "policies" / f"{doc_id}.txt").read_text(encoding="utf-8")


def test_every_model_clause_of_every_topic_is_whole(alignment):
    seen = 0
    for topic in alignment.taxonomy.topic_ids:
        for m in tables.model_clauses(alignment, topic):
            assert _is_fragment(alignment, m.clause_id) is None, (topic, m.clause_id, _is_fragment(alignment, m.clause_id))
            seen += 1
    assert seen > 100


def test_the_three_fragments_of_the_issue_are_gone(alignment):
    flaming = {m.doc_id: m for m in tables.model_clauses(alignment, "flaming_response")}
    assert flaming["saku"].clause_id == "saku:7.4"  # not its footnote (※4)
    assert "炎上状態" in flaming["saku"].clean and "(※4) 投稿に対し" not in flaming["saku"].clean
    emergency = tables.model_clauses(alignment, "emergency_info")
    assert all(alignment.clause(m.clause_id).kind != "row" for m in emergency)
    assert not any(m.clean.startswith("Twitter") for m in emergency)
    security = {m.doc_id: m for m in tables.model_clauses(alignment, "account_security")}
    otaru = security["otaru"]
    assert otaru.clause_id == "otaru:5.3" and otaru.lifted  # the item climbs to its lead-in
    assert otaru.clean.startswith("3 管理責任者の掌握業務は、次のとおりとする。")
    assert "(2) アカウントの ID 及びパスワードの管理に関すること" in otaru.clean
    # a clause found on the topic itself comes before one reached from an item
    assert tables.model_clauses(alignment, "account_security")[-1].doc_id == "otaru"


def test_a_model_clause_holds_everything_under_it(alignment):
    m = {x.doc_id: x for x in tables.model_clauses(alignment, "city_prohibited")}["otaru"]
    assert m.clause_id == "otaru:11"
    assert m.clean.count("\n(") == 15 and "(15) 既に投稿された内容" in m.clean
    assert m.text == alignment.clause("otaru:11").text  # the verbatim span stays the clause's own
    start, end = tables.whole_span(alignment, "otaru:11")
    assert alignment.doc("otaru").text[start:end].endswith("をみだりに繰り返す内容")


@pytest.mark.parametrize("doc_id", ["komoro", "otaru", "tottori", "kitami", "saku"])
def test_gaps_tables_offer_whole_clauses(doc_id, alignment):
    gaps = tables.gaps_for(alignment, doc_id)
    assert len(gaps)
    for g in gaps.itertuples():
        if g.model_clause_id:
            assert _is_fragment(alignment, g.model_clause_id) is None, (g.topic_id, g.model_clause_id)


def test_the_council_report_cites_whole_clauses_and_only_the_first_model(alignment):
    gaps = tables.gaps_for(alignment, "komoro")
    md = views.gap_report_markdown(alignment, "komoro", alignment.doc_ids)
    cited = re.findall(r"出典: [^（]+（([a-z]+:[^）]+)）", md)
    assert cited == [x for x in gaps["model_clause_id"] if x]
    for bad in ("saku:8.n4", "kitami:2.1.r3", "otaru:5.3.2"):
        assert bad not in md
    # under 公式アカウントの明示 only its model is quoted: not Tottori's article on closing accounts
    section = md.split("### 公式アカウントの明示", 1)[1].split("\n### ", 1)[0]
    assert "otaru:4" in section and "tottori:6" not in section and "アカウントの廃止" not in section
    # the same in Word
    data = report.council_report(alignment, "komoro").to_docx_bytes()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert re.findall(r"出典: [^（]+（([a-z]+:[^）]+)）", text) == cited


def test_the_check_report_and_the_builder_use_the_same_rule(root, alignment):
    r = check.check_text(_policy(root, "komoro"), name="小諸案", alignment=alignment)
    assert set(r.gaps["model_clause_id"]) == set(tables.gaps_for(alignment, "komoro")["model_clause_id"])
    for cid in r.gaps["model_clause_id"]:
        assert _is_fragment(alignment, cid) is None
    for topic in ("flaming_response", "emergency_info", "account_security"):
        options = build.topic_options(alignment, topic)
        assert [o.source_clause_id for o in options] == [m.clause_id for m in tables.model_clauses(alignment, topic)]
        for o in options:
            assert "(※" not in o.text and "※4" not in o.text  # footnote marks dropped too
