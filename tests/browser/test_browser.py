"""The dashboard in Debian's chromium: every page, a cell's clauses, language, CSV download, upload,
Japanese glyphs, and document text that never becomes markup."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"


def wait_ready(pg) -> None:
    """The script has run to the end (Streamlit marks the app element)."""
    pg.wait_for_selector("[data-testid='stApp']", timeout=90_000)
    pg.wait_for_function(
        "() => { const a = document.querySelector(\"[data-testid='stApp']\");"
        " return a && a.getAttribute('data-test-script-state') === 'notRunning'; }", timeout=120_000)
    pg.wait_for_timeout(700)

PAGES = {"": "文書一覧", "coverage": "項目カバー表", "prohibited": "禁止事項の比較", "compare": "条文の並列比較",
         "gaps": "不足項目", "check_draft": "原案チェック", "build_draft": "原案づくり"}


def _no_exception(pg):
    assert pg.locator("[data-testid='stException']").count() == 0


@pytest.mark.parametrize("path,title", list(PAGES.items()), ids=[p or "home" for p in PAGES])
def test_every_page_renders(server, page, path, title):
    page.goto(f"{server}/{path}")
    wait_ready(page)
    page.get_by_role("heading", name=title).first.wait_for()
    _no_exception(page)
    page.screenshot(path=str(ARTIFACTS / f"page_{path or 'home'}.png"), full_page=True)


def test_coverage_cell_shows_the_clause(server, page):
    # A shared link to the cell 小樽市 × 返信 (the same state a click on the matrix sets).
    page.goto(f"{server}/coverage?topic=reply_policy&city=otaru")
    wait_ready(page)
    page.get_by_text("コメント等へ個別の返信等は原則行わない").first.wait_for()
    _no_exception(page)


def test_matrix_click_selects_a_cell(server, page):
    page.goto(f"{server}/coverage")
    wait_ready(page)
    plot = page.locator("[data-testid='stPlotlyChart'] .nsewdrag").first
    plot.wait_for()
    box = plot.bounding_box()
    # The first document column, a row near the top: any cell with a clause answers with clause text.
    page.mouse.click(box["x"] + box["width"] * 0.08, box["y"] + 8)
    wait_ready(page)
    _no_exception(page)


def test_english_switch(server, page):
    page.goto(f"{server}/coverage?lang=en")
    wait_ready(page)
    page.get_by_role("heading", name="Coverage matrix").first.wait_for()


def test_csv_download_has_bom_and_39_rows(server, page):
    page.goto(f"{server}/coverage")
    wait_ready(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV（Excel用）").first.click()
    data = open(info.value.path(), "rb").read()
    assert data[:3] == b"\xef\xbb\xbf"
    lines = data.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("topic_id,") and len(lines) == 40
    assert info.value.suggested_filename.startswith("coverage_")


def test_upload_a_draft(server, page, tmp_path):
    text = (ROOT / "data/policies/komoro.txt").read_text(encoding="utf-8")
    start, end = text.index("８　準拠法"), text.index("９　当市が運用する")
    draft = tmp_path / "draft.txt"
    draft.write_bytes(text[:start].replace("９　当市", "８　当市").encode("cp932", errors="replace") + text[end:].encode("cp932", errors="replace"))
    page.goto(f"{server}/check_draft")
    wait_ready(page)
    page.locator("input[type='file']").first.set_input_files(str(draft))
    wait_ready(page)
    run = page.get_by_role("button", name="チェックする")
    if run.count():
        run.first.click()
        wait_ready(page)
    # The report: its metrics, and 準拠法 (the topic removed from the draft) among the gaps.
    page.get_by_text("欠けている項目").first.wait_for(timeout=60_000)
    assert "governing_law" in page.content() or "準拠法" in page.content()
    _no_exception(page)
    page.screenshot(path=str(ARTIFACTS / "check_draft_uploaded.png"), full_page=True)


def test_document_text_is_never_markup(server, page):
    hostile = "1 目的\n<script>alert(1)</script> <b>太字</b> [link](http://x) :red[赤] を目的とする。\n(1) 返信は行いません。\n"
    page.goto(f"{server}/check_draft")
    wait_ready(page)
    page.locator("label").filter(has_text="本文を貼り付け").first.click()
    wait_ready(page)
    page.locator("textarea").first.fill(hostile, timeout=30_000)
    page.locator("textarea").first.press("Control+Enter")
    wait_ready(page)
    page.get_by_role("button", name="チェックする").first.click()
    wait_ready(page)
    page.get_by_text("<script>alert(1)</script>", exact=False).first.wait_for()
    assert page.dialogs == []
    assert page.locator("b", has_text="太字").count() == 0
    _no_exception(page)


def test_japanese_font_installed_and_used(server, page):
    fonts = subprocess.run(["fc-list", ":lang=ja"], capture_output=True, text=True).stdout
    assert "Noto" in fonts, "fonts-noto-cjk is not installed: Japanese would render as boxes"
    page.goto(server)
    wait_ready(page)
    # A Japanese glyph is as wide as its em box, not a narrow fallback box.
    w = page.evaluate("""() => { const s = document.createElement('span'); s.style.fontSize = '40px';
        s.textContent = '小諸市禁止事項'; document.body.appendChild(s); const w = s.getBoundingClientRect().width;
        s.remove(); return w; }""")
    assert w > 7 * 40 * 0.8
