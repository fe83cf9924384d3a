"""The 新旧対照表 in Debian's chromium, as a drafter uses it: upload the current policy
(Shift_JIS text) and the revision (Word), read the underlined changes, download the
Word table; then the whole way of issue 11: 原案づくり (download buttons in view at
the top) → the draft against the current policy → its Word 新旧対照表.

One browser page for the module (tests/browser/conftest.py), moving through the
sidebar navigation; the tests run in file order.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from broken_files import docx_from_text  # noqa: E402
from test_browser import ARTIFACTS, assert_no_exception, full_screenshot, open_page, wait_ready  # noqa: E402
from test_shinkyu import revise  # noqa: E402

TITLE = "小樽市公式 SNS 運用要綱 新旧対照表"


def _underlined(cell) -> list[str]:
    return [r.text for p in cell.paragraphs for r in p.runs if r.underline]


def _download(page, label: str, path: Path) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).first.click()
    info.value.save_as(str(path))
    return path.read_bytes()


def test_two_versions_uploaded_and_the_word_table_downloaded(page, tmp_path):
    import docx

    otaru = (ROOT / "data" / "policies" / "otaru.txt").read_text(encoding="utf-8")
    old = tmp_path / "現行.txt"
    old.write_bytes(otaru.encode("cp932"))
    new = tmp_path / "改正案.docx"
    new.write_bytes(docx_from_text(revise(otaru)))

    open_page(page, "新旧対照表")
    radios = page.locator("[data-testid='stRadio']")
    radios.nth(1).get_by_text("ファイルをアップロード").click()  # 改正前: an upload too
    wait_ready(page)
    inputs = page.locator("[data-testid='stFileUploader'] input[type='file']")
    inputs.nth(0).set_input_files(str(new))  # 改正後 (left)
    wait_ready(page)
    inputs.nth(1).set_input_files(str(old))  # 改正前 (right)
    page.get_by_role("heading", name=TITLE).first.wait_for()
    wait_ready(page)
    assert_no_exception(page)
    # the changed characters underlined on the screen, each side
    assert page.locator("u", has_text="努め").count() == 1
    assert page.locator("u", has_text="にし").count() == 1
    full_screenshot(page, "revision_two_uploads")

    data = _download(page, "新旧対照表 Word (.docx)", tmp_path / "download.docx")
    d = docx.Document(io.BytesIO(data))
    assert d.paragraphs[0].text == TITLE
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["改正後", "改正前"]
    edited = next(r for r in table.rows if r.cells[0].text.startswith("第9条（遵守事項）"))
    assert _underlined(edited.cells[0]) == ["努め"] and _underlined(edited.cells[1]) == ["にし"]
    assert any(r.cells[1].text == "（新設）" for r in table.rows)
    assert any(r.cells[0].text == "（削除）" for r in table.rows)
    assert page.dialogs == []


def test_from_the_builder_to_the_councils_word_file(page, tmp_path):
    import docx

    open_page(page, "原案づくり")
    assert_no_exception(page)
    # the downloads are where the user is: at the top, in view without scrolling
    button = page.get_by_role("button", name="Word (.docx)").first
    box = button.bounding_box()
    assert box is not None and box["y"] + box["height"] < page.viewport_size["height"], box
    page.get_by_label("あなたの自治体名（例: 伊那市）").fill("伊那市")
    page.get_by_label("あなたの自治体名（例: 伊那市）").press("Enter")
    wait_ready(page)
    page.get_by_role("button", name="他市の名称を置き換える").click()
    wait_ready(page)
    draft = docx.Document(io.BytesIO(_download(page, "Word (.docx)", tmp_path / "draft.docx")))
    text = "\n".join(p.text for p in draft.paragraphs)
    assert draft.paragraphs[0].text == "伊那市ソーシャルメディア運用要綱（案）"
    assert "第1条" in text and "附　則" in text and "【要確認: 施行日】" in text
    for other in ("小諸市", "小樽市", "鳥取市", "北見市", "佐久市"):
        assert other not in text

    open_page(page, "新旧対照表")
    radios = page.locator("[data-testid='stRadio']")
    assert radios.nth(0).locator("input[type='radio']").nth(1).is_checked()  # 原案づくりの原案, chosen for the user
    radios.nth(1).get_by_text("文書一覧の文書").click()
    wait_ready(page)
    page.locator("[data-testid='stSelectbox']").last.click()
    page.get_by_role("option", name="佐久市", exact=True).click()
    page.get_by_role("heading", name="伊那市ソーシャルメディア運用要綱（案） 新旧対照表").first.wait_for()
    wait_ready(page)
    assert_no_exception(page)
    full_screenshot(page, "revision_draft_against_saku")
    d = docx.Document(io.BytesIO(_download(page, "新旧対照表 Word (.docx)", tmp_path / "shinkyu.docx")))
    assert d.paragraphs[0].text == "伊那市ソーシャルメディア運用要綱（案） 新旧対照表"
    rows = d.tables[0].rows
    assert [c.text for c in rows[0].cells] == ["改正後", "改正前"]
    assert len(rows) > 10 and any(_underlined(r.cells[0]) for r in rows[1:])
    assert (ARTIFACTS / "revision_draft_against_saku.png").exists()
    assert page.dialogs == []
