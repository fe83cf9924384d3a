"""The dashboard on a closed network (LGWAN), as deployed: behind nginx with the README's
configuration (deploy/nginx.conf), opened in Debian's chromium.

Every request the browser makes is recorded: opening every page, a shared link whose
search text is a remote image and a phishing link, a corpus whose city name and headings
carry links, images and HTML, and an upload whose file name does.  All of them must go to
the app's own origin.  The proxy's headers are checked too (no framing, no sniffing, no
metrics for users), and a nested path must not leave a blank page.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from loadtest import free_port, start_server, stop_server  # noqa: E402

from test_browser import PAGES, TIMEOUT_MS, assert_no_exception, open_page, wait_ready  # noqa: E402

CANARY = "canary.invalid"
HOSTILE = (f"![](http://{CANARY}/x.png)[再ログイン](http://{CANARY}/login)"
           f"<img src=http://{CANARY}/i.png> http://{CANARY}/bare :red[赤]")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """`streamlit run app.py` with a policy whose city name, title and a heading carry
    markup added to the corpus (SNSCOMPARE_ADD)."""
    base = tmp_path_factory.mktemp("closed_network")
    corpus = base / "corpus"
    corpus.mkdir()
    text = (ROOT / "data" / "policies" / "komoro.txt").read_text(encoding="utf-8")
    (corpus / "hostile.txt").write_text(f"{HOSTILE}\n" + text.replace("ご利用にあたって", HOSTILE, 1), encoding="utf-8")
    (corpus / "metadata.yaml").write_text(yaml.safe_dump({"hostile": {"city": HOSTILE, "title": HOSTILE}},
                                                         allow_unicode=True), encoding="utf-8")
    port = free_port()
    with open(base / "server.log", "wb") as log:
        try:
            proc = start_server(port, log, {"SNSCOMPARE_ADD": str(corpus), "SNSCOMPARE_CACHE_DIR": str(base / "cache")})
        except RuntimeError as e:
            pytest.fail(f"{e}:\n{(base / 'server.log').read_text(errors='replace')[-3000:]}")
        yield port
        stop_server(proc)


@pytest.fixture(scope="module")
def proxy(hostile_server, tmp_path_factory):
    """nginx with deploy/nginx.conf (its listening port and upstream set for the test),
    in front of the server; its URL."""
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed, but .ci/run installs it: the install failed")
        pytest.skip("nginx is not installed (apt-get install -y nginx)")
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    site = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "listen 80;" in site and "proxy_pass http://127.0.0.1:8501;" in site
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};").replace(
        "proxy_pass http://127.0.0.1:8501;", f"proxy_pass http://127.0.0.1:{hostile_server};")
    (work / "site.conf").write_text(site, encoding="utf-8")
    temp = " ".join(f"{k}_temp_path {work / k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        f"daemon off; master_process off; worker_processes 1; pid {work / 'nginx.pid'}; error_log {work / 'error.log'};\n"
        f"events {{ worker_connections 256; }}\n"
        f"http {{ access_log {work / 'access.log'}; {temp} include {work / 'site.conf'}; }}\n", encoding="utf-8")
    proc = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"nginx exited: {(work / 'error.log').read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def net_page(browser, proxy):
    """One browser page for the module; every request it makes is recorded."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.requests = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.base_url = proxy
    yield pg
    ctx.close()


def elsewhere(pg) -> list[str]:
    """Recorded requests that did not go to the app's own origin (data: and blob: URLs are
    the page's own memory)."""
    own = urlsplit(pg.base_url).netloc
    return [u for u in pg.requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != own]


def no_markup_from_the_canary(pg) -> None:
    for selector in (f"a[href*='{CANARY}']", f"img[src*='{CANARY}']", f"[style*='{CANARY}']"):
        assert pg.locator(selector).count() == 0, selector


def test_every_page_requests_only_the_app(net_page):
    pg = net_page
    pg.goto(pg.base_url + "/")
    wait_ready(pg)
    for title in PAGES:
        open_page(pg, title)
        assert_no_exception(pg)
    assert len(pg.requests) > 20 and elsewhere(pg) == []
    icon = pg.locator("link[rel*='icon']").first.get_attribute("href")  # shipped with the app
    assert icon and (icon.startswith("/") or icon.startswith(pg.base_url) or icon.startswith("./")), icon


def test_hostile_names_are_shown_as_text(net_page):
    pg = net_page
    docs = "komoro,otaru,hostile"
    pg.goto(f"{pg.base_url}/coverage?docs={docs}&topic=reply_policy&city=hostile")
    wait_ready(pg)
    pg.get_by_text("[再ログイン](http://canary.invalid/login)", exact=False).first.wait_for()
    no_markup_from_the_canary(pg)
    for path in ("compare", "gaps?gcity=hostile", "prohibited", "groups"):
        pg.goto(f"{pg.base_url}/{path}{'&' if '?' in path else '?'}docs={docs}")
        wait_ready(pg)
        assert_no_exception(pg)
        no_markup_from_the_canary(pg)
    assert elsewhere(pg) == [] and pg.dialogs == []


def test_a_shared_link_makes_the_browser_fetch_nothing_but_the_app(net_page):
    pg = net_page
    pg.goto(f"{pg.base_url}/compare?q={quote(HOSTILE)}")
    wait_ready(pg)
    box = pg.locator("[data-testid='stAlert']", has_text="一致する条文はありません").first
    box.wait_for()
    assert HOSTILE in box.inner_text().replace("\u2060", "")  # the link's text, shown as it is (word joiners unseen)
    no_markup_from_the_canary(pg)
    assert elsewhere(pg) == [] and pg.dialogs == []


def test_an_uploaded_file_name_is_shown_as_text(net_page, tmp_path):
    pg = net_page
    open_page(pg, "原案チェック")
    odd = tmp_path / f"[再ログイン](http：{CANARY})<img src=x onerror=alert(1)>.doc"
    odd.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    pg.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(odd))
    error = pg.locator("[data-testid='stAlert']", has_text="古い Word 形式").first
    error.wait_for()
    assert odd.name in error.inner_text().replace("\u2060", "")
    no_markup_from_the_canary(pg)
    assert pg.locator("[data-testid='stAlert'] img").count() == 0
    assert elsewhere(pg) == [] and pg.dialogs == []


def test_a_nested_path_does_not_leave_a_blank_page(net_page):
    pg = net_page
    pg.goto(pg.base_url + "/coverage/anything/deeper?topic=reply_policy")
    wait_ready(pg)
    pg.get_by_role("heading", name="項目カバー表").first.wait_for()
    assert urlsplit(pg.url).path == "/coverage"


def _get(url: str):
    try:
        return urllib.request.urlopen(url, timeout=30)
    except urllib.error.HTTPError as e:
        return e


def test_the_proxy_forbids_framing_and_sniffing_and_closes_the_metrics(proxy, hostile_server):
    page = _get(proxy + "/")
    assert page.status == 200
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert _get(proxy + "/_stcore/metrics").status == 404
    assert _get(f"http://127.0.0.1:{hostile_server}/_stcore/metrics").status == 200  # the proxy closes it


def test_another_site_cannot_frame_the_app(browser, proxy):
    ctx = browser.new_context()
    pg = ctx.new_page()
    try:
        pg.set_content(f"<iframe id='app' src='{proxy}/' width='800' height='600'></iframe>")
        pg.wait_for_timeout(3000)
        frame = pg.frame_locator("#app")
        assert frame.locator("[data-testid='stApp']").count() == 0
    finally:
        ctx.close()
