"""What a reader chose stays chosen, in Debian's chromium: a language round trip keeps the topic,
the cell and the tab; a shared link opens on the tab it names; a click on a matrix cell is
answered where the eye is; ids are folded away; downloads are headed in the reader's words.

The tests share one browser page (one session, see conftest.py), except the shared link, which
opens in a browser context of its own as a colleague's would.
"""
from __future__ import annotations

from driving import ARTIFACTS, CELL_POSITION, TIMEOUT_MS, VIEWPORT, assert_no_exception, full_screenshot, wait_ready

OTARU_REPLY = "コメント等へ個別の返信等は原則行わない"


def goto(pg, path: str) -> None:
    pg.goto(pg.base_url + path)
    wait_ready(pg)


def switch_language(pg, label: str, heading: str) -> None:
    pg.locator("[data-testid='stSidebar']").get_by_text(label, exact=True).first.click()
    pg.get_by_role("heading", name=heading).first.wait_for()
    wait_ready(pg)


def nav(pg, title: str, heading: str | None = None) -> None:
    """Another page through the sidebar, in the same session (a new URL would start a new one)."""
    pg.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    pg.get_by_role("heading", name=heading or title).first.wait_for()
    wait_ready(pg)


def open_tab(pg) -> str:
    return pg.locator("[role='tab'][aria-selected='true']").first.inner_text().strip()


def column_headers(pg, index: int = 0) -> list[str]:
    """The headers a dataframe shows (the grid draws on a canvas; its header cells are in the DOM
    for assistive technology)."""
    grid = pg.locator("[data-testid='stDataFrame']").nth(index)
    grid.locator("[role='columnheader']").first.wait_for(state="attached")
    return [h.strip() for h in grid.locator("[role='columnheader']").all_inner_texts()]


def download(pg, scope, name: str) -> bytes:
    with pg.expect_download() as info:
        scope.get_by_role("button", name=name).first.click()
    return open(info.value.path(), "rb").read()


def test_language_round_trip_keeps_topic_cell_and_tab(page):
    goto(page, "/coverage?topic=reply_policy&city=otaru")
    page.get_by_role("tab", name="表", exact=True).first.click()
    page.wait_for_url("**ctab=table**")
    wait_ready(page)
    switch_language(page, "English", "Otaru × “Replies”: the clauses")
    assert_no_exception(page)
    for part in ("lang=en", "topic=reply_policy", "city=otaru", "ctab=table"):
        assert part in page.url, page.url
    assert open_tab(page) == "Table"
    panel = page.locator(".st-key-cell_panel")
    assert "Replies" in panel.inner_text() and "返信・コメント対応" not in panel.inner_text()
    full_screenshot(page, "state_coverage_en")

    switch_language(page, "日本語", "小樽市 ×「返信・コメント対応」の条文")
    for part in ("lang=ja", "topic=reply_policy", "city=otaru", "ctab=table"):
        assert part in page.url, page.url
    assert open_tab(page) == "表"
    page.get_by_text(OTARU_REPLY).first.wait_for()

    # the prohibited page's tab, through a language round trip and a page change there and back
    nav(page, "禁止事項の比較")
    page.get_by_role("tab", name="市が発信してはならないもの").first.click()
    page.wait_for_url("**ptab=city**")
    wait_ready(page)
    switch_language(page, "English", "Prohibited content")
    assert open_tab(page) == "What the municipality may not post" and "ptab=city" in page.url
    switch_language(page, "日本語", "禁止事項の比較")
    assert open_tab(page) == "市が発信してはならないもの"
    nav(page, "項目カバー表", "小樽市 ×「返信・コメント対応」の条文")  # the cell, kept
    assert open_tab(page) == "表" and "topic=reply_policy" in page.url
    nav(page, "禁止事項の比較")
    assert open_tab(page) == "市が発信してはならないもの" and "ptab=city" in page.url


def test_a_shared_link_opens_on_the_prohibited_tab(browser, server):
    ctx = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    try:
        pg.goto(server + "/prohibited?ptab=city")
        pg.get_by_role("heading", name="禁止事項の比較").first.wait_for()
        wait_ready(pg)
        assert_no_exception(pg)
        assert open_tab(pg) == "市が発信してはならないもの"
        # the municipality's lists, not the users': Saku's list is only for its own posts
        shown = pg.locator("[role='tabpanel']:visible").first.inner_text()
        assert "情報発信に係る禁止事項" in shown and "利用者の投稿の削除" not in shown
    finally:
        ctx.close()


def test_the_chosen_cells_clause_is_in_view_after_the_click(page):
    goto(page, "/coverage")
    page.locator("[data-testid='stPlotlyChart'] .nsewdrag").first.wait_for()
    # a cell near the bottom of the matrix, scrolled to as a reader would
    page.mouse.move(600, 500)
    page.mouse.wheel(0, 1200)
    page.wait_for_timeout(800)
    pos = page.wait_for_function(CELL_POSITION, arg=["incident_escalation", "saku"]).json_value()
    assert not pos.get("missing") and 0 < pos["y"] < VIEWPORT["height"], pos
    page.mouse.click(pos["x"], pos["y"])
    page.get_by_role("heading", name="佐久市 ×「トラブルの報告」の条文").first.wait_for()
    wait_ready(page)
    assert "topic=incident_escalation" in page.url and "city=saku" in page.url
    clause = page.locator(".st-key-cell_panel [data-testid='stCode']").first
    box = clause.bounding_box()
    assert box and 0 <= box["y"] < VIEWPORT["height"] - 40, f"the clause is out of view: {box}"
    assert "重大なトラブル" in clause.inner_text()
    page.screenshot(path=str(ARTIFACTS / "state_cell_click.png"))


def test_no_id_column_is_visible_by_default(page):
    goto(page, "/")
    home = column_headers(page)
    assert "自治体" in home and "文書ID" not in home
    goto(page, "/coverage?ctab=table")
    cov = column_headers(page)
    assert cov[:3] == ["項目", "分類", "小諸市"] and "項目ID" not in cov
    goto(page, "/?ids=1")  # the sidebar's switch, from a link
    assert column_headers(page)[0] == "文書ID"


def test_csv_headers_are_japanese_in_the_japanese_ui(page):
    goto(page, "/coverage?topic=reply_policy&city=otaru")
    data = download(page, page.locator("[data-testid='stMain']"), "CSV（Excel用）")
    assert data[:3] == b"\xef\xbb\xbf"
    assert data.decode("utf-8-sig").splitlines()[0] == "項目ID,項目,分類,小諸市,小樽市,鳥取市,北見市,佐久市"
    # the clauses of the chosen cell download too
    cell = download(page, page.locator(".st-key-cell_panel"), "CSV（Excel用）").decode("utf-8-sig")
    assert cell.splitlines()[0] == "文書ID,自治体,条項ID,条文の位置,判定理由,本文" and OTARU_REPLY in cell
    switch_language(page, "English", "Otaru × “Replies”: the clauses")
    try:
        data = download(page, page.locator("[data-testid='stMain']"), "CSV (for Excel)")
        assert data.decode("utf-8-sig").splitlines()[0] == "Topic id,Topic,Group,Komoro,Otaru,Tottori,Kitami,Saku"
    finally:
        switch_language(page, "日本語", "小樽市 ×「返信・コメント対応」の条文")
