"""The dashboard in Debian's chromium, as a user drives it: every page of the navigation, a click
on a matrix cell and its clause, the English switch, a CSV download, a draft upload, document
text that never becomes markup, and Japanese glyphs that render.

The tests share one browser page (see conftest.py) and run in file order: the draft checks come
last because a checked draft is added as a column to the other pages of the session.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
TIMEOUT_MS = 180_000

# Sidebar navigation titles (snscompare/i18n.py) -> the page's h1, in Japanese.
PAGES = {"文書一覧": "home", "項目カバー表": "coverage", "禁止事項の比較": "prohibited",
         "条文の並列比較": "compare", "不足項目": "gaps", "都道府県・種別の集計": "groups",
         "原案チェック": "check_draft", "原案づくり": "build_draft", "新旧対照表": "revision"}
VIEWPORT = {"width": 1400, "height": 1000}

SCRIPT_DONE = ("() => { const a = document.querySelector(\"[data-testid='stApp']\");"
               " return !!a && a.getAttribute('data-test-script-state') === 'notRunning'; }")


def wait_ready(pg) -> None:
    """The script run has finished (Streamlit marks the app element) and stays finished."""
    for _ in range(2):
        pg.wait_for_function(SCRIPT_DONE, timeout=TIMEOUT_MS)
        pg.wait_for_timeout(500)
    pg.wait_for_function(SCRIPT_DONE, timeout=TIMEOUT_MS)


def assert_no_exception(pg) -> None:
    shown = pg.locator("[data-testid='stException']")
    assert shown.count() == 0, shown.first.inner_text()


def open_page(pg, title: str, heading: str | None = None) -> None:
    """Move to a page through the sidebar navigation (the session and its state stay)."""
    if not pg.url.startswith(pg.base_url):
        pg.goto(pg.base_url + "/")
        wait_ready(pg)
    pg.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    pg.get_by_role("heading", name=heading or title).first.wait_for()
    wait_ready(pg)


def full_screenshot(pg, name: str) -> None:
    """Streamlit scrolls an inner container, so a full-page screenshot needs a viewport as tall
    as the content."""
    height = pg.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...[...document.querySelectorAll("[data-testid='stMain'], [data-testid='stAppViewContainer'],"
          + " [data-testid='stMainBlockContainer']")].map(e => e.scrollHeight))""")
    pg.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(VIEWPORT["height"], height + 80), 16000)})
    pg.wait_for_timeout(800)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    pg.set_viewport_size(VIEWPORT)


def test_every_page_renders(page):
    page.goto(page.base_url + "/")
    wait_ready(page)
    for title, name in PAGES.items():
        open_page(page, title)
        assert_no_exception(page)
        full_screenshot(page, f"page_{name}")
        assert (ARTIFACTS / f"page_{name}.png").stat().st_size > 10_000
    assert page.dialogs == []


# The position of a matrix cell on the screen, from the plotly figure's own layout
# (the cell is the scatter point whose customdata is [topic, document]).
CELL_POSITION = """([topic, doc]) => {
  const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
  if (!gd || !gd._fullLayout || !gd.data || !gd.data.length) return null;
  const t = gd.data[0], i = (t.customdata || []).findIndex(c => c[0] === topic && c[1] === doc);
  if (i < 0) return {missing: true};
  const L = gd._fullLayout, r = gd.getBoundingClientRect();
  return {x: r.left + L.xaxis._offset + L.xaxis.d2p(t.x[i]), y: r.top + L.yaxis._offset + L.yaxis.d2p(t.y[i])};
}"""


def test_click_on_a_matrix_cell_shows_its_clause(page):
    open_page(page, "項目カバー表")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": 2400})  # the whole matrix on screen
    try:
        page.locator("[data-testid='stPlotlyChart'] .nsewdrag").first.wait_for()
        pos = page.wait_for_function(CELL_POSITION, arg=["reply_policy", "otaru"]).json_value()
        assert not pos.get("missing"), "the matrix has no cell for 小樽市 × reply_policy"
        page.mouse.click(pos["x"], pos["y"])
        page.get_by_text("小樽市 ×「返信・コメント対応」の条文").first.wait_for()
        wait_ready(page)
        page.get_by_text("コメント等へ個別の返信等は原則行わない").first.wait_for()
        # The selected cell is kept in the URL, so the view can be shared as a link.
        assert "topic=reply_policy" in page.url and "city=otaru" in page.url
        assert_no_exception(page)
    finally:
        page.set_viewport_size(VIEWPORT)


def test_a_link_as_the_first_visit_after_a_server_start(browser, fresh_server):
    """A colleague's link, opened before anyone has opened the home page: Streamlit would run
    the pages/ file alone, with its own menu of file names and no sidebar."""
    ctx = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    try:
        pg.goto(f"http://127.0.0.1:{fresh_server}/coverage?topic=reply_policy&city=otaru")
        pg.get_by_text("小樽市 ×「返信・コメント対応」の条文").first.wait_for()
        wait_ready(pg)
        assert_no_exception(pg)
        nav = pg.locator("[data-testid='stSidebarNav'] a")
        assert [t.strip().split("\n")[-1] for t in nav.all_inner_texts()] == list(PAGES)  # after the icon
        assert pg.locator("[data-testid='stSidebar']").get_by_text("比較する文書").count() >= 1
        pg.get_by_text("コメント等へ個別の返信等は原則行わない").first.wait_for()
        full_screenshot(pg, "first_visit_link")
    finally:
        ctx.close()


def test_csv_download_has_bom_and_one_row_per_topic(page):
    open_page(page, "項目カバー表")
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV（Excel用）").first.click()
    download = info.value
    data = open(download.path(), "rb").read()
    assert data[:3] == b"\xef\xbb\xbf", "no UTF-8 BOM: Japanese Excel would show mojibake"
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("topic_id,")
    assert len([ln for ln in lines[1:] if ln.strip()]) == 39
    assert download.suggested_filename == "coverage_komoro-otaru-tottori-kitami-saku.csv"


def test_english_switch(page):
    open_page(page, "項目カバー表")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("English", exact=True).first.click()
    try:
        page.get_by_role("heading", name="Coverage matrix").first.wait_for()
        wait_ready(page)
        page.locator("[data-testid='stSidebarNav'] a", has_text="Prohibited").first.wait_for()
        assert "lang=en" in page.url
        assert_no_exception(page)
        full_screenshot(page, "page_coverage_en")
    finally:
        sidebar.get_by_text("日本語", exact=True).first.click()
        page.get_by_role("heading", name="項目カバー表").first.wait_for()
        wait_ready(page)


def test_upload_a_draft_reports_the_missing_section(page, tmp_path):
    # Komoro's policy without its section 8 (準拠法・裁判管轄), in Shift_JIS as many offices save it.
    text = (ROOT / "data/policies/komoro.txt").read_text(encoding="utf-8")
    start, end = text.index("８　準拠法"), text.index("９　当市が運用する")
    draft = tmp_path / "komoro_without_8.txt"
    draft.write_bytes((text[:start] + text[end:].replace("９　当市", "８　当市", 1)).encode("cp932"))

    open_page(page, "原案チェック")
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(draft))
    page.locator("[data-testid='stMetric']", has_text="欠けている項目").first.wait_for()
    wait_ready(page)
    assert_no_exception(page)
    page.get_by_role("tab", name="欠けている項目").first.click()
    page.locator("[data-testid='stExpander']", has_text="準拠法").first.wait_for()
    full_screenshot(page, "check_draft_uploaded")


# Each long enough to be reported as a clause that matched no topic (align._has_content).
HOSTILE = ["<script>alert(1)</script>", "<b>太字の見出しです</b>", "[リンクの文字列](http://x)", ":red[赤い文字の注意書き]"]


def test_pasted_markup_is_shown_as_text(page):
    draft = ("第1条 この要綱は、本市のソーシャルメディアの運用に関し必要な事項を定めることを目的とする。\n"
             + "".join(f"第{i}条 {h}\n" for i, h in enumerate(HOSTILE, start=2)))
    open_page(page, "原案チェック")
    page.get_by_text("本文を貼り付け", exact=True).first.click()
    wait_ready(page)
    box = page.locator("[data-testid='stTextArea'] textarea").first
    box.fill(draft)
    box.press("Control+Enter")
    wait_ready(page)
    page.get_by_role("button", name="チェックする").first.click()
    page.locator("[data-testid='stMetric']", has_text="欠けている項目").first.wait_for()
    wait_ready(page)
    assert_no_exception(page)
    page.get_by_role("tab", name="分類できなかった条項").first.click()
    panel = page.locator("[role='tabpanel']:visible").first
    panel.locator("[data-testid='stCode']").first.wait_for()
    shown = panel.inner_text()
    for h in HOSTILE:
        assert h in shown, f"{h!r} is not shown literally"
    main = page.locator("[data-testid='stMain']")
    assert main.locator("script", has_text="alert(1)").count() == 0
    assert main.locator("b", has_text="太字の見出し").count() == 0
    assert main.locator("a[href='http://x']").count() == 0
    page.wait_for_timeout(1000)  # a script that ran would have opened its dialog by now
    assert page.dialogs == [], f"a document opened a dialog: {page.dialogs}"
    full_screenshot(page, "check_draft_markup")


def test_japanese_glyphs_render(page):
    fonts = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True).stdout
    if "Noto Sans CJK JP" not in fonts:
        pytest.fail("fonts-noto-cjk is not installed: Japanese would render as boxes (apt-get install fonts-noto-cjk)")
    open_page(page, "文書一覧")
    # Drawn on a canvas with the page's font stack, two different kanji give different pixels;
    # missing glyphs (tofu) would all be the same box.  And each takes its full em width.
    check = page.evaluate("""() => {
        const font = '40px ' + getComputedStyle(document.querySelector('h1')).fontFamily;
        const draw = ch => { const c = document.createElement('canvas'); c.width = c.height = 60;
            const x = c.getContext('2d'); x.font = font; x.fillStyle = '#000'; x.textBaseline = 'top';
            x.fillText(ch, 5, 5); return {px: Array.from(x.getImageData(0, 0, 60, 60).data).join(','),
                                             w: x.measureText(ch).width}; };
        const a = draw('小'), b = draw('諸'), c = draw('禁');
        return {differ: a.px !== b.px && b.px !== c.px, inked: /[1-9]/.test(a.px), width: a.w}; }""")
    assert check["inked"] and check["differ"], f"Japanese glyphs render as identical boxes: {check}"
    assert check["width"] > 40 * 0.9, check
