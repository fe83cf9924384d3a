"""Opening the dashboard in streamlit's AppTest, as the page tests do."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_page(page: str, *, state: dict | None = None, query: dict | None = None) -> AppTest:
    """app.py run on ``page`` (a path under pages/), with a URL query and session state
    set first; fails on any exception or error element the run shows."""
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    for k, v in (state or {}).items():
        at.session_state[k] = v
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at
