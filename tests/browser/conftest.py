"""A real server and Debian's chromium for the browser tests (no browser download).

The server (`streamlit run app.py`) and the browser are started once per test session; one
browser page is shared by the tests of a module and moves between the app's pages through the
sidebar navigation, as a user does: a fresh page load costs 20-40 s of chromium's time on a busy
2-core machine, a move inside the app a few seconds.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from loadtest import free_port, start_server, stop_server  # noqa: E402  (one way to start a server)

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# --headless and --no-sandbox (root in a container); the rest keep chromium off the network,
# which is closed here (it would otherwise try to reach update, sync and metrics services).
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 180_000  # one script run plus chromium's rendering, on a loaded 2-core machine


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The app's URL: one `streamlit run app.py` for the whole browser session."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    with open(log_path, "wb") as log:
        try:
            proc = start_server(port, log)
        except RuntimeError as e:
            pytest.fail(f"{e}:\n{log_path.read_text(errors='replace')[-3000:]}")
        yield f"http://127.0.0.1:{port}"
        stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, but .ci/run installs Debian's chromium: the install failed")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=TIMEOUT_MS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def page(browser, server):
    """One browser page for a module, opened on the home page; every JavaScript dialog is
    recorded (and dismissed) so a test can assert that none fired."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="ja-JP")
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
    pg.dialogs = dialogs
    pg.base_url = server
    yield pg
    ctx.close()
