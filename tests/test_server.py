"""The real server, spoken to over its websocket as a browser does (benchmarks/loadtest.py's
client): what only a running `streamlit run app.py` shows."""
from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import loadtest  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ClientState_pb2 import ClientState  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

def run(coro):
    """``asyncio.run`` in a thread of its own: the browser tests' Playwright keeps an event
    loop running in the main thread for the whole test session."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


APP_PAGES = ["", "coverage", "prohibited", "compare", "gaps", "groups", "check_draft", "build_draft", "revision"]


async def open_link(port: int, page: str, query: str = "") -> tuple[list[list[str]], list[str], list[str]]:
    """A browser opening http://127.0.0.1:port/<page>?<query>: the menus the server sent,
    the headings of the page, the labels of the sidebar's widgets."""
    async with loadtest.Session(port, 120) as s:
        await s.ws.send(BackMsg(rerun_script=ClientState(query_string=query, page_name=page)).SerializeToString())
        menus, headings, widgets = [], [], []
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await s.ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "navigation":
                menus.append([p.url_pathname for p in msg.navigation.app_pages])
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                el = msg.delta.new_element
                what = el.WhichOneof("type")
                assert what != "exception", el.exception.message
                if what == "heading":
                    headings.append(el.heading.body)
                elif what in ("button_group", "multiselect"):
                    widgets.append(getattr(el, what).label)
            elif kind == "script_finished":
                return menus, headings, widgets


def test_a_link_is_the_first_visit_after_a_server_start(fresh_server):
    # Streamlit would run pages/coverage.py alone (its own menu of file names, no sidebar) until
    # app.py has run once; the page hands over to app.py (pages/_shared.through_app).
    menus, headings, widgets = run(open_link(fresh_server, "coverage", "topic=reply_policy&city=otaru"))
    assert menus[-1] == APP_PAGES
    assert headings[0] == "項目カバー表" and "小樽市 ×「返信・コメント対応」の条文" in headings
    assert widgets[:2] == ["表示言語 / Language", "比較する文書"]
    # and the next visitor's link, too
    menus, headings, _ = run(open_link(fresh_server, "gaps", "gcity=saku"))
    assert menus == [APP_PAGES] and headings[0] == "不足項目"


async def language_cleared(port: int) -> tuple[list[str], list[str]]:
    """Open the app, then run the home page again with no value for the language control (a
    cleared segmented control: what a click on its selected option sends): the exceptions and
    the headings of that run."""
    async with loadtest.Session(port, 120) as s:
        await s.run(None)
        await s.ws.send(BackMsg(rerun_script=ClientState(page_script_hash=s.pages[""])).SerializeToString())
        errors, headings = [], []
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await s.ws.recv())
            if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
                el = msg.delta.new_element
                if el.WhichOneof("type") == "exception":
                    errors.append(el.exception.type)
                elif el.WhichOneof("type") == "heading":
                    headings.append(el.heading.body)
            elif msg.WhichOneof("type") == "script_finished":
                return errors, headings


def test_a_cleared_language_control_keeps_japanese(fresh_server):
    # Setting the control's key after it is drawn raised StreamlitWidgetAlreadyInstantiatedError
    # (found by the load test); app.py restores the language in the control's on_change callback.
    errors, headings = run(language_cleared(fresh_server))
    assert errors == []
    assert headings[:2] == ["文書一覧", "使い方"]  # the page is still in Japanese, not English nor blank


def test_the_server_settings_streamlit_reads(monkeypatch):
    """.streamlit/config.toml as streamlit itself reads it from the repository."""
    from streamlit import config

    monkeypatch.chdir(ROOT)
    config.get_config_options(force_reparse=True)
    try:
        expected = {"server.maxUploadSize": 10, "server.enableXsrfProtection": True, "server.headless": True,
                    "server.fileWatcherType": "none", "server.runOnSave": False, "runner.postScriptGC": False,
                    "browser.gatherUsageStats": False, "client.showErrorDetails": False}
        assert {k: config.get_option(k) for k in expected} == expected
    finally:
        monkeypatch.undo()
        config.get_config_options(force_reparse=True)
