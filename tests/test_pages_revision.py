"""AppTest for the 新旧対照表 page (pages/revision.py), through app.py's navigation:
a corpus document against an upload, two uploads (cp932 and .docx), the draft of
原案づくり against the current policy, and bad files."""
from __future__ import annotations

import re

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402
from broken_files import docx_from_text  # noqa: E402
from test_shinkyu import EDIT_NEW, revise  # noqa: E402
from apptest import open_page  # noqa: E402

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def otaru(root) -> str:
    return (root / "data" / "policies" / "otaru.txt").read_text(encoding="utf-8")


def _open(root, page: str = "pages/revision.py") -> AppTest:
    return open_page(page, from_home=True, errors_allowed=True)


def _upload(at: AppTest, key: str, name: str, data: bytes) -> None:
    at.file_uploader(key=key).set_value((name, data, "application/octet-stream"))
    at.run()
    assert not at.exception, [e.message for e in at.exception]


def _rows(at: AppTest) -> list[str]:
    """The underlined HTML of the page's comparison rows (the only HTML it renders)."""
    return [h.value for h in at.get("html")]


def test_the_page_waits_for_both_versions(root):
    at = _open(root)
    assert at.title[0].value == "新旧対照表"
    assert any("両方を指定" in i.value for i in at.info)
    assert at.radio(key="rev_new_from").value == "upload"  # no draft built in this session


def test_a_corpus_document_against_an_upload(root, otaru):
    at = _open(root)
    at.radio(key="rev_old_from").set_value("corpus").run()
    at.selectbox(key="rev_old_doc").set_value("otaru").run()
    _upload(at, "rev_new_upload", "改正案.docx", docx_from_text(revise(otaru)))
    assert not at.error, [e.value for e in at.error]
    assert at.header[0].value == "小樽市公式 SNS 運用要綱 新旧対照表"
    assert any("改正 1、移動 1、新設 1、削除 1" in c.value for c in at.caption)
    rows = _rows(at)
    edited = [r for r in rows if "努め" in r]
    assert edited and re.search(r"<u[^>]*>努め</u>", edited[0])
    assert any(re.search(r"<u[^>]*>にし</u>", r) for r in rows)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["新たに定める項目"] == "2"  # 炎上時の対応 and 誤りの訂正, from the added article
    labels = [b.label for b in at.get("download_button")]
    assert labels[:3] == ["新旧対照表 Word (.docx)", "Excel (.xlsx)", "CSV（Excel用）"]
    # the unchanged provisions are folded into one table
    assert any("変更のない条" in e.label for e in at.expander)


def test_two_uploads_cp932_and_docx(root, otaru):
    at = _open(root)
    at.radio(key="rev_old_from").set_value("upload").run()
    _upload(at, "rev_old_upload", "現行.txt", otaru.encode("cp932"))
    _upload(at, "rev_new_upload", "改正案.docx", docx_from_text(revise(otaru, move=False, delete=False, add=False)))
    assert not at.error
    rows = [re.sub(r"<u[^>]*>", "<u>", r) for r in _rows(at)]
    assert len(rows) == 2  # one row: 改正後 | 改正前
    assert EDIT_NEW.replace("努め", "<u>努め</u>") in rows[0]


def test_the_draft_being_built_against_the_current_policy(root):
    at = _open(root, "pages/build_draft.py")
    built = at.session_state["bld_built"]
    at.switch_page("pages/revision.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.radio(key="rev_new_from").value == "draft"  # offered first once a draft exists
    at.radio(key="rev_old_from").set_value("corpus").run()
    at.selectbox(key="rev_old_doc").set_value("kitami").run()
    assert not at.exception and not at.error
    assert at.header[0].value == f"{built.title} 新旧対照表"
    result = at.session_state["rev_result"][1]
    # a draft made of other cities' clauses has almost nothing of Kitami's text: inserted and deleted rows
    assert result.counts()["inserted"] >= len(built.articles) - 5
    assert result.coverage is not None


def test_a_bad_file_gets_a_japanese_message(root, otaru):
    at = _open(root)
    at.radio(key="rev_old_from").set_value("corpus").run()
    at.selectbox(key="rev_old_doc").set_value("otaru").run()
    _upload(at, "rev_new_upload", "改正案.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert len(at.error) == 1 and JAPANESE.search(at.error[0].value) and "改正案.doc" in at.error[0].value


def test_from_the_checked_policy_to_the_councils_table(root, alignment):
    """Issue 11's way: the current policy checked, its gaps filled on 原案づくり, the draft
    against the current policy on 新旧対照表, and a Word table whose only things to fix
    are the marked placeholders (the city's own particulars are its own)."""
    import io

    import docx

    from snscompare import revision
    from snscompare.particulars import find_particulars

    komoro = (root / "data" / "policies" / "komoro.txt").read_text(encoding="utf-8")
    at = _open(root, "pages/check_draft.py")
    at.text_input(key="draft_name").input("小諸市")
    at.file_uploader(key="draft_upload").set_value(("現行ポリシー.txt", komoro.encode("utf-8"), "text/plain"))
    at.run()
    report = at.session_state["draft_report"]
    assert any(link.label.startswith("欠けている項目を補う原案") for link in at.get("page_link"))
    at.switch_page("pages/build_draft.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert set(report.covered) <= set(at.session_state["bld_topics"])  # the policy's topics, and its gaps
    assert at.session_state["bld_src_governing_law"] == "__own__"
    at.text_input(key="bld_city").input("小諸市")
    at.selectbox(key="bld_kind").set_value("policy")
    at.button(key="bld_replace").click()
    at.run()
    built = at.session_state["bld_built"]
    at.switch_page("pages/revision.py")
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert (at.radio(key="rev_old_from").value, at.radio(key="rev_new_from").value) == ("checked", "draft")
    assert at.header[0].value == f"{built.title} 新旧対照表"
    rev = at.session_state["rev_result"][1]
    # the revision adds what most cities have and the policy lacked, and loses nothing
    strong = set(report.gaps.loc[report.gaps["n_docs"] >= report.strong, "topic_id"])
    assert strong <= set(rev.coverage.topics_gained) and rev.coverage.topics_lost == []
    table = docx.Document(io.BytesIO(revision.to_docx_bytes(rev))).tables[0]
    new_side = "\n".join(r.cells[0].text for r in table.rows[1:])
    for d in alignment.docs:
        if d.id == "komoro":
            continue
        for p in find_particulars(d.text, [x.city for x in alignment.docs if x.id != "komoro"]):
            assert p.text not in new_side, (d.id, p.kind, p.text)
    assert "【要確認: " in new_side  # what is left to fill is marked
