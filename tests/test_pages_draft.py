"""AppTest for the two draft pages, run through app.py's navigation.

Uploads go through ``at.file_uploader`` (streamlit >= 1.56); the files are made
here (python-docx, cp932 text, broken bytes).
"""
from __future__ import annotations

import re

import pytest

from pages._shared import widget_key

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402
from broken_files import docx_from_text  # noqa: E402
from apptest import open_page  # noqa: E402

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def komoro_text(root) -> str:
    return (root / "data" / "policies" / "komoro.txt").read_text(encoding="utf-8")


def _open(root, page: str) -> AppTest:
    return open_page(page, from_home=True, errors_allowed=True)


def _upload(at: AppTest, name: str, data: bytes) -> None:
    at.file_uploader(key="draft_upload").set_value((name, data, "application/octet-stream"))
    at.run()
    assert not at.exception, [e.message for e in at.exception]


# AppTest does not expose a dataframe's key: tables are told apart by their columns,
# in the order the page draws them.
TABLES = {
    "chk_coverage": {"topic_id", "komoro", "topic", "group"},
    "chk_pro_user": {"category_id", "category", "komoro"},  # drawn before the city-direction table
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
    at.switch_page("pages/coverage.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("わが市案" in df.value.columns for df in at.dataframe)
    # 禁止事項の比較: the draft is a column of the category table, with Komoro's categories
    at.switch_page("pages/prohibited.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    tables = [df.value for df in at.dataframe if "わが市案" in df.value.columns and "komoro" in df.value.columns]
    assert tables, [list(df.value.columns) for df in at.dataframe]
    assert (tables[0]["わが市案"].astype(str) == tables[0]["komoro"].astype(str)).all()
    # 不足項目: the draft can be chosen, and its gaps are Komoro's
    at.switch_page("pages/gaps.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    box = at.selectbox(key=widget_key("gap_doc", "ja"))
    assert "わが市案" in box.options
    box.set_value("わが市案").run()
    assert not at.exception
    assert at.info[0].value.startswith("わが市案は39項目中")
    gaps = at.dataframe[0].value
    assert "governing_law" not in set(gaps["topic_id"])  # Komoro's own text has it


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


def test_the_figures_agree_and_the_title_is_a_title(root, komoro_text):
    at = _open(root, "pages/check_draft.py")
    _upload(at, "komoro_draft.txt", komoro_text.encode("utf-8"))
    report = at.session_state["draft_report"]
    summary = at.success[0].value
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["欠けている項目"] == str(len(report.gaps))
    assert f"{len(report.gaps)}項目が欠けています" in summary
    assert f"うち{report.strong}文書以上が定めている項目は{report.n_strong}" in summary
    assert any(c.value == f"うち{report.strong}文書以上が定める項目: {report.n_strong}" for c in at.caption)
    assert metrics["分類できなかった条項"] == str(len(report.unplaced))
    assert any(c.value == "表題: 小諸市ソーシャルメディア運用ポリシー" for c in at.caption)
    assert all("小諸市ソーシャルメディア運用ポリシー" != c.value for c in at.code)
    # the prohibited categories others list: most widely listed first
    pg = [df.value for df in at.dataframe if {"category", "direction", "n_docs"} <= set(df.value.columns)][0]
    assert pg["n_docs"].tolist() == sorted(pg["n_docs"].tolist(), reverse=True)


def test_a_two_article_paste_gets_a_report(root):
    at = _open(root, "pages/check_draft.py")
    at.radio(key="draft_mode").set_value("paste")
    at.run()
    at.text_area(key="draft_paste").input("第1条 職員は、公式SNSを運用するときは、市民に分かりやすい言葉を使う。\n"
                                          "第2条 担当者は、毎月の発信件数を記録する。")
    at.button(key="draft_run").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.session_state["draft_report"].notes == ("short", "no_topic")
    assert any("短い文章です" in w.value for w in at.warning)
    assert at.success[0].value.startswith("原案は39項目中0項目")


def test_the_unplaced_clauses_are_paged(root, komoro_text):
    """A draft with hundreds of clauses the tool cannot place: one page of them is drawn."""
    many = "\n".join(f"{i}. 本市の花の第{i}候補は、市民の投票により選ぶものとする。" for i in range(1, 181))
    at = _open(root, "pages/check_draft.py")
    _upload(at, "many.txt", (komoro_text + "\n\n" + many).encode("utf-8"))
    report = at.session_state["draft_report"]
    assert len(report.unplaced) > 150
    drawn = [c for c in at.code if "市民の投票により選ぶ" in c.value]
    assert 0 < len(drawn) <= 50
    assert any(f"全{len(report.unplaced)}件" in c.value or str(len(report.unplaced)) in c.value for c in at.caption)
    at.number_input(key="chk_unplaced_page").set_value(2).run()
    assert not at.exception
    second = [c.value for c in at.code if "市民の投票により選ぶ" in c.value]
    assert second and second[0] not in [c.value for c in drawn]


# --- build a draft -----------------------------------------------------------------------------


def _group(alignment, topic):
    return alignment.taxonomy.topic(topic).group


def test_builder_starts_from_the_skeleton(root, alignment):
    from snscompare import build

    at = _open(root, "pages/build_draft.py")
    skeleton = build.default_skeleton(alignment, 3)
    assert at.session_state["bld_topics"] == skeleton
    # one group of topics at a time: the first group's editors only
    first = _group(alignment, skeleton[0])
    areas = [a.key for a in at.text_area if a.key and a.key.startswith("bld_edit_")]
    assert areas == [f"bld_edit_{t}" for t in skeleton if _group(alignment, t) == first]
    assert len(areas) < len(skeleton)
    # another city's name comes in as a placeholder, listed in 要確認事項
    assert at.session_state["bld_text_purpose"].startswith(at.session_state["bld_text_purpose"][:3])
    assert "【要確認: 市名】（以下「市」という。）" in at.session_state["bld_text_purpose"]
    todo = [df.value for df in at.dataframe if {"item", "found"} <= set(df.value.columns)][0]
    assert "市名" in set(todo["item"]) and "施行日" in set(todo["item"])
    labels = [b.label for b in at.get("download_button")]
    assert labels[:4] == ["Word (.docx)", "Markdown (.md)", "要確認事項 CSV（Excel用）", "出典一覧 CSV（Excel用）"]
    src = _frame(at, "bld_sources_table")
    built = at.session_state["bld_built"]
    assert src["topic_id"].tolist() == [",".join(a.topic_ids) for a in built.articles]
    assert at.session_state["bld_doc_title"] == "〇〇市ソーシャルメディア運用要綱（案）"

    at.slider(key="bld_min_docs").set_value(5)
    at.run()
    assert at.session_state["bld_topics"] == build.default_skeleton(alignment, 5)


def test_builder_keeps_the_text_of_a_group_not_shown(root, alignment):
    at = _open(root, "pages/build_draft.py")
    at.segmented_control(key="bld_group").set_value("legal").run()
    legal = [a.key for a in at.text_area if a.key and a.key.startswith("bld_edit_")]
    assert legal and all(_group(alignment, k.removeprefix("bld_edit_")) == "legal" for k in legal)
    at.text_area(key=legal[0]).input("この要綱に定める事項について、利用者に対し一切の責任を負わない。").run()
    at.segmented_control(key="bld_group").set_value("framework").run()
    assert legal[0] not in [a.key for a in at.text_area]
    at.segmented_control(key="bld_group").set_value("legal").run()
    assert at.text_area(key=legal[0]).value == "この要綱に定める事項について、利用者に対し一切の責任を負わない。"
    assert "この要綱に定める事項について、利用者に対し一切の責任を負わない。" in at.code[-1].value


def test_builder_reorders_picks_edits_and_replaces_names(root, alignment):
    at = _open(root, "pages/build_draft.py")
    topics = at.session_state["bld_topics"]
    group = [t for t in topics if _group(alignment, t) == _group(alignment, topics[0])]
    at.button(key=f"bld_down_{group[0]}").click()
    at.run()
    moved = [t for t in at.session_state["bld_topics"] if t in group]
    assert moved[:2] == [group[1], group[0]]
    at.button(key=f"bld_rm_{group[2]}").click()
    at.run()
    assert group[2] not in at.session_state["bld_topics"]

    # choose Otaru's clause for the purpose: its name comes in as a placeholder
    at.radio(key="bld_pick_purpose").set_value("otaru")
    at.run()
    text = at.text_area(key="bld_edit_purpose").value
    assert "【要確認: 市名】公式 SNS" in text and "小樽市" not in text and not text.startswith("第1条")
    at.text_input(key="bld_city").input("伊那市")
    at.button(key="bld_replace").click()
    at.run()
    assert not at.exception
    replaced = at.text_area(key="bld_edit_purpose").value
    assert "伊那市公式 SNS" in replaced and "【要確認: 市名】" not in replaced
    assert at.session_state["bld_doc_title"] == "伊那市ソーシャルメディア運用要綱（案）"

    at.text_area(key="bld_edit_purpose").input("この方針は、伊那市のSNS運用について定めます。")
    at.selectbox(key="bld_kind").set_value("policy")
    at.run()
    assert at.session_state["bld_doc_title"] == "伊那市ソーシャルメディア運用ポリシー（案）"
    src = _frame(at, "bld_sources_table")
    row = src[src["topic_id"].str.split(",").map(lambda ts: "purpose" in ts)].iloc[0]
    assert row["source_doc"] == "otaru" and row["number"].endswith(".")
    preview = at.code[-1].value
    assert "このポリシーは、伊那市のSNS運用について定めます。" in preview  # named by its kind, polite style
    at.selectbox(key="bld_kind").set_value("yoko")
    at.run()
    assert re.search(r"第[0-9]+条\u3000この要綱は、伊那市のSNS運用について定める。", at.code[-1].value)  # である体


def test_builder_puts_a_clause_chosen_twice_once(root, alignment):
    at = _open(root, "pages/build_draft.py")
    built = at.session_state["bld_built"]
    merged = [a for a in built.articles if len(a.topic_ids) > 1]
    assert merged
    later = merged[0].topic_ids[1]
    at.segmented_control(key="bld_group").set_value(_group(alignment, later)).run()
    number = merged[0].marker(built.style)
    assert any(f"{number}" in i.value and "1つの条にまとめます" in i.value for i in at.info)
    assert at.code[-1].value.count(at.session_state[f"bld_text_{later}"][:30]) <= 1


def test_builder_offers_the_checked_drafts_own_text(root, komoro_text):
    at = _open(root, "pages/check_draft.py")
    _upload(at, "wagashi.txt", komoro_text.encode("utf-8"))
    at.switch_page("pages/build_draft.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    # a topic the draft covers defaults to its own text
    assert at.session_state["bld_src_reply_policy"] == "__own__"
    assert "返信を行うことがあります" in at.session_state["bld_text_reply_policy"]
    # a topic it lacks offers the cities
    lacking = [t for t in at.session_state["bld_topics"] if t not in at.session_state["draft_report"].covered]
    assert lacking
    for t in lacking:
        assert at.session_state[f"bld_src_{t}"] != "__own__"
