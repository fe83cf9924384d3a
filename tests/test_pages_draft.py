"""AppTest for the two draft pages, run through app.py's navigation.

Uploads go through ``at.file_uploader`` (streamlit >= 1.56); the files are made
here (python-docx, cp932 text, broken bytes).
"""
from __future__ import annotations

import re

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402
from broken_files import docx_from_text  # noqa: E402

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
TIMEOUT = 180


@pytest.fixture(scope="module")
def komoro_text(root) -> str:
    return (root / "data" / "policies" / "komoro.txt").read_text(encoding="utf-8")


def _open(root, page: str) -> AppTest:
    at = AppTest.from_file(str(root / "app.py"), default_timeout=TIMEOUT)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _upload(at: AppTest, name: str, data: bytes) -> None:
    at.file_uploader(key="draft_upload").set_value((name, data, "application/octet-stream"))
    at.run()
    assert not at.exception, [e.message for e in at.exception]


# AppTest does not expose a dataframe's key: tables are told apart by their columns,
# in the order the page draws them.
TABLES = {
    "chk_coverage": {"topic_id", "komoro", "label_ja"},
    "chk_pro_user": {"category_id", "komoro"},  # drawn before the city-direction table
    "chk_gaps": {"topic_id", "n_docs", "model_city"},
    "bld_sources_table": {"position", "source_doc", "source_clause_id"},
}


def _frame(at: AppTest, key: str):
    for df in at.dataframe:
        value = df.value
        if TABLES[key] <= set(value.columns):
            return value
    raise AssertionError(f"no dataframe {key}")


# --- check a draft -----------------------------------------------------------------------------


def test_check_page_explains_and_waits_for_input(root):
    at = _open(root, "pages/check_draft.py")
    infos = " ".join(i.value for i in at.info)
    assert "サーバーのディスクには書き込まれず" in infos and "セッション" in infos
    assert "ファイルを選ぶか" in infos
    label = at.file_uploader(key="draft_upload").label
    assert ".docx" in label and ".pdf" in label and "MB" in label
    assert not at.error


def test_upload_docx_adds_a_draft_column_everywhere(root, komoro_text):
    at = _open(root, "pages/check_draft.py")
    at.text_input(key="draft_name").input("わが市案")
    _upload(at, "draft.docx", docx_from_text(komoro_text))
    assert not at.error, [e.value for e in at.error]
    assert at.success[0].value.startswith("わが市案は39項目中")

    cov = _frame(at, "chk_coverage")
    assert len(cov) == 39
    assert cov.columns.tolist()[-1] == "わが市案"
    # the draft is Komoro's text: its column equals Komoro's
    assert (cov["わが市案"] > 0).tolist() == (cov["komoro"] > 0).tolist()
    pro = _frame(at, "chk_pro_user")
    assert "わが市案" in pro.columns and pro["わが市案"].sum() > 5

    state = at.session_state
    assert state["draft_report"].doc_id == "わが市案"
    assert "わが市案" in state["docs"]  # the sidebar selection takes the draft
    assert "わが市案" in state["draft_alignment"].doc_ids
    labels = [b.label for b in at.get("download_button")]
    assert any(".md" in x for x in labels) and any("CSV" in x for x in labels)

    # removing the draft takes it out of the session
    at.button(key="draft_clear").click()
    at.run()
    assert not at.exception
    assert "draft_report" not in at.session_state and "draft_alignment" not in at.session_state
    assert "わが市案" not in at.session_state["docs"]


def test_other_pages_show_the_draft(root, komoro_text):
    at = _open(root, "pages/check_draft.py")
    at.text_input(key="draft_name").input("わが市案")
    _upload(at, "draft.txt", komoro_text.encode("utf-8"))
    for page in ("pages/coverage.py", "pages/prohibited.py", "pages/gaps.py"):
        at.switch_page(page)
        at.run()
        assert not at.exception, (page, [e.message for e in at.exception])
        assert "わが市案" in at.session_state["draft_alignment"].doc_ids
    at.switch_page("pages/coverage.py")
    at.run()
    assert any("わが市案" in df.value.columns for df in at.dataframe)


def test_unplaced_and_gaps_are_listed(root, komoro_text):
    at = _open(root, "pages/check_draft.py")
    text = komoro_text.replace("８　準拠法・裁判管轄について", "８　市の花と木").replace(
        "本ポリシーには日本法が準拠法として適用され、また、SNS公式アカウントに関して生じる紛争については"
        "長野地方裁判所佐久支部を第一審の専属管轄裁判所とします。",
        "本市の花はツツジ、木はケヤキとします。")
    _upload(at, "komoro_edit.txt", text.encode("cp932"))
    assert not at.error, [e.value for e in at.error]
    report = at.session_state["draft_report"]
    assert "governing_law" in set(report.gaps["topic_id"])
    gaps = _frame(at, "chk_gaps")
    assert "governing_law" in set(gaps["topic_id"])
    codes = [c.value for c in at.code]
    assert any("本市の花はツツジ" in c for c in codes)  # the new clause matched nothing


BAD = {
    "legacy.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
    "empty.txt": b"",
    "junk.txt": bytes(range(256)) * 20,
    "broken.docx": b"PK\x03\x04" + b"\x00" * 300,
    "fake.pdf": "PDFではありません".encode("utf-8"),
    "recipe.txt": "肉じゃがの作り方\n1. じゃがいもを切る。\n2. 煮る。\n".encode("cp932"),
    "sheet.xlsx": b"PK\x03\x04" + b"\x00" * 50,
}


def test_bad_files_show_japanese_errors_and_the_app_keeps_working(root, komoro_text):
    at = _open(root, "pages/check_draft.py")
    for name, data in BAD.items():
        _upload(at, name, data)
        errors = [e.value for e in at.error]
        assert len(errors) == 1, (name, errors)
        assert JAPANESE.search(errors[0]) and name in errors[0], (name, errors[0])
        assert "draft_report" not in at.session_state
    # a good file afterwards works
    _upload(at, "ok.txt", komoro_text.encode("utf-8"))
    assert not at.error
    assert at.session_state["draft_report"].doc_id == "ok"


def test_pasted_text(root, komoro_text):
    at = _open(root, "pages/check_draft.py")
    at.radio(key="draft_mode").set_value("paste")
    at.run()
    at.text_area(key="draft_paste").input(komoro_text)
    at.text_input(key="draft_name").input("貼り付け案")
    at.button(key="draft_run").click()
    at.run()
    assert not at.exception and not at.error
    assert at.session_state["draft_report"].name == "貼り付け案"
    # nothing pasted: a message, no traceback
    at.text_area(key="draft_paste").input("")
    at.button(key="draft_run").click()
    at.run()
    assert not at.exception
    assert "文字がありません" in at.error[0].value


# --- build a draft -----------------------------------------------------------------------------


def test_builder_starts_from_the_skeleton(root, alignment):
    from snscompare import build

    at = _open(root, "pages/build_draft.py")
    skeleton = build.default_skeleton(alignment, 3)
    assert at.session_state["bld_topics"] == skeleton
    areas = [a for a in at.text_area if a.key and a.key.startswith("bld_text_")]
    assert [a.key for a in areas] == [f"bld_text_{t}" for t in skeleton]
    assert "佐久市（以下「市」という。）" in at.text_area(key="bld_text_purpose").value
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Word (.docx)", "Markdown (.md)", "出典一覧 CSV（Excel用）"]
    src = _frame(at, "bld_sources_table")
    assert src["topic_id"].tolist() == skeleton

    at.slider(key="bld_min_docs").set_value(5)
    at.run()
    assert at.session_state["bld_topics"] == build.default_skeleton(alignment, 5)


def test_builder_reorders_picks_edits_and_replaces_names(root):
    at = _open(root, "pages/build_draft.py")
    first = at.session_state["bld_topics"][:3]
    at.button(key=f"bld_down_{first[0]}").click()
    at.run()
    assert at.session_state["bld_topics"][:3] == [first[1], first[0], first[2]]
    at.button(key=f"bld_rm_{first[2]}").click()
    at.run()
    assert first[2] not in at.session_state["bld_topics"]

    # choose Otaru's clause for the purpose, then edit it
    at.radio(key="bld_src_purpose").set_value("otaru")
    at.run()
    text = at.text_area(key="bld_text_purpose").value
    assert "小樽市公式 SNS" in text and not text.startswith("第1条")
    assert any("小樽市" in w.value for w in at.warning)  # flagged for replacement
    at.text_input(key="bld_city").input("伊那市")
    at.button(key="bld_replace").click()
    at.run()
    assert not at.exception
    replaced = at.text_area(key="bld_text_purpose").value
    assert "伊那市公式 SNS" in replaced and "小樽市" not in replaced
    assert not any("小樽市" in w.value for w in at.warning)

    at.text_area(key="bld_text_purpose").input("この方針は、伊那市のSNS運用について定める。")
    at.radio(key="bld_style").set_value("section")
    at.run()
    src = _frame(at, "bld_sources_table")
    row = src[src["topic_id"] == "purpose"].iloc[0]
    assert row["source_doc"] == "otaru" and row["number"].endswith(".")
    preview = at.code[-1].value
    assert "この方針は、伊那市のSNS運用について定める。" in preview


def test_builder_offers_the_checked_drafts_own_text(root, komoro_text):
    at = _open(root, "pages/check_draft.py")
    _upload(at, "wagashi.txt", komoro_text.encode("utf-8"))
    at.switch_page("pages/build_draft.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    # a topic the draft covers defaults to its own text
    assert at.session_state["bld_src_reply_policy"] == "__own__"
    assert "返信を行うことがあります" in at.text_area(key="bld_text_reply_policy").value
    # a topic it lacks offers the cities
    lacking = [t for t in at.session_state["bld_topics"] if t not in at.session_state["draft_report"].covered]
    assert lacking
    for t in lacking:
        assert at.session_state[f"bld_src_{t}"] != "__own__"
