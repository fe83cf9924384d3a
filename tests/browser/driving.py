"""Driving the dashboard in chromium as a user does: waiting for a script run to finish, moving
through the sidebar navigation, full-page screenshots, where a matrix cell is on the screen."""
from __future__ import annotations

from pathlib import Path

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
