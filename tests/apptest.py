"""Opening the dashboard in streamlit's AppTest, as the page tests do."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_page(page: str, *, state: dict | None = None, query: dict | None = None, from_home: bool = False,
              errors_allowed: bool = False) -> AppTest:
    """app.py run on ``page`` (a path under pages/), with a URL query and session state
    set first (or, ``from_home``, after a first run of the home page, as a user arrives);
    fails on any exception, and on any error element unless ``errors_allowed`` (a test
    that goes on to give the page a bad file)."""
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    for k, v in (state or {}).items():
        at.session_state[k] = v
    if from_home:
        at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if not errors_allowed:
        assert not at.error, [e.value for e in at.error]
    return at
