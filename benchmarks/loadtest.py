"""Load test of the dashboard on loopback: many sessions at once, then many in sequence.

    .venv/bin/python benchmarks/loadtest.py                      # 20 sessions for 3 min, then 200 in sequence
    .venv/bin/python benchmarks/loadtest.py --sessions 20 --minutes 1 --sequential 200

Starts its own `streamlit run app.py` on 127.0.0.1 (a free port, the repository's
.streamlit/config.toml; with ``--add DIR`` on a large corpus too, as SNSCOMPARE_ADD), then:

(a) ``--sessions`` concurrent sessions, each cycling through every page of the navigation
    (starting at a different page, pauses of ``--think`` seconds on average between views) until ``--minutes``
    have passed; every other session
    opens the pages through shared links (``SHARED_LINKS``: a selected cell, city or topic;
    a link is read on a session's first visit of a page, as in a browser);
(b) ``--sequential`` sessions one after another, each opening the app (the home page) and one
    other page in turn (every other one through its shared link), then disconnecting;
(c) with ``--uploads N``: phase (a) once more, for as long, while N more sessions upload a
    draft of ``--upload-mb`` MB on the check page, one upload after another (the draft is
    built from data/policies as benchmarks/bench_inputs.py builds its inputs, ``--upload-kind``).
    What (c) measures is the other sessions: their p95 against (a)'s, the quiet figure of
    the same run.  An upload goes as a browser sends it: a file URL asked over the
    websocket, the file PUT to /_stcore/upload_file/ (with an XSRF token as cookie and
    header), then a page run with the uploader's new value.

A session is a websocket client speaking Streamlit's own protocol (the protobuf messages the
browser sends): it asks for a page run, reads the server's messages until the run has
finished, and checks every element the page sent.  An error is any of: an exception element
on the page (what a browser shows as ``[data-testid='stException']``), a run that ended with
a compile error, a page the server did not find, a dropped connection or a run that took
longer than ``--timeout`` seconds.  The render time of a page is from the request to the
server's "script finished" message: the server's whole part of a page view (the browser's own
drawing is not included; chromium on this machine would measure itself, not the server).

Server memory is VmRSS from /proc/<pid>/status (before, after each phase, and after the
disconnected sessions have been released) and VmHWM (the peak).  Nothing but 127.0.0.1 is
contacted; every loop is bounded in time and count, and the server is stopped at the end.
Writes a Markdown summary to stdout and the figures to ``benchmarks/out/loadtest.json``.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Common_pb2 import FileUploaderState, FileURLs, FileURLsRequest, UploadedFileInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
# Every other view of a page arrives through a shared link, as a colleague's link opens it: the
# query string selects a cell, a city or a topic, so the page draws its clauses and tables too.
SHARED_LINKS = {
    "coverage": "topic=reply_policy&city=otaru",
    "prohibited": "ptab=city",
    "compare": "mode=topic&ctopic=user_prohibited",
    "gaps": "gcity=komoro",
}


# --- the server ---------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, log, env: dict | None = None) -> subprocess.Popen:
    """`streamlit run app.py` on 127.0.0.1:port with the repository's .streamlit/config.toml,
    its output to ``log``; returns once /_stcore/health answers ok (RuntimeError otherwise).
    Also used by the tests that need a real server (tests/test_server.py, tests/browser)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=dict(os.environ, PYTHONUNBUFFERED="1", **(env or {})), stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                return proc
        except OSError:
            pass
        time.sleep(0.5)
    stop_server(proc)
    raise RuntimeError("streamlit did not answer ok on /_stcore/health within 120 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def memory(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process, in MiB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) / 1024
    return out


# --- one session ---------------------------------------------------------------------------------

class PageError(Exception):
    pass


class Session:
    """A browser session as the server sees it: one websocket, page runs on request."""

    def __init__(self, port: int, timeout: float):
        self.port, self.timeout = port, timeout
        self.ws = None
        self.pages: dict[str, str] = {}  # url path ("" for home) -> page script hash
        self.session_id = ""
        self.uploader_id = ""  # the widget id of the last file uploader a page drew
        self.errors_shown: list[str] = []  # st.error messages of the last run

    async def __aenter__(self):
        self.ws = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream", subprotocols=["streamlit"],
            origin=f"http://127.0.0.1:{self.port}", max_size=None, open_timeout=self.timeout,
            # No limit on messages waiting to be read, as in a browser: with websockets' default
            # (16), a page of thousands of elements stops the client reading the socket, the
            # server's queue of 500 messages for it fills, and the server drops the session.
            max_queue=None, ping_interval=None)
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def run(self, path: str | None, query: str = "", widgets: list[WidgetState] = ()) -> tuple[float, int]:
        """Run a page (None: the default page) with a URL query string (and widget values);
        returns (seconds, elements received)."""
        state = ClientState(query_string=query, page_script_hash=self.pages.get(path, "") if path is not None else "",
                            widget_states=WidgetStates(widgets=list(widgets)))
        await self.ws.send(BackMsg(rerun_script=state).SerializeToString())
        t0 = time.perf_counter()
        elements = 0
        self.errors_shown = []
        async with asyncio.timeout(self.timeout):
            while True:
                msg = ForwardMsg()
                msg.ParseFromString(await self.ws.recv())
                kind = msg.WhichOneof("type")
                if kind == "new_session":
                    self.session_id = msg.new_session.initialize.session_id or self.session_id
                elif kind == "navigation":
                    self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    elements += 1
                    el = msg.delta.new_element
                    if el.WhichOneof("type") == "exception":
                        raise PageError(f"exception on page {path!r}: {el.exception.type}: {el.exception.message[:200]}")
                    if el.WhichOneof("type") == "file_uploader":
                        self.uploader_id = el.file_uploader.id
                    elif el.WhichOneof("type") == "alert" and el.alert.format == el.alert.ERROR:
                        self.errors_shown.append(el.alert.body[:200])
                elif kind == "page_not_found":
                    raise PageError(f"page not found: {path!r}")
                elif kind == "script_finished":
                    if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        raise PageError(f"compile error on page {path!r}")
                    if msg.script_finished in FINISHED:
                        return time.perf_counter() - t0, elements
                    # FINISHED_EARLY_FOR_RERUN: the page asked for a rerun; wait for that one.


    async def upload(self, path: str, name: str, data: bytes) -> tuple[float, int]:
        """Upload a file to the uploader the page ``path`` drew last, as a browser does, and
        run the page with it; returns (seconds of the page run, elements)."""
        if not (self.session_id and self.uploader_id):
            raise PageError("no session id or file uploader to upload to")
        request_id = f"r{time.monotonic_ns()}"
        await self.ws.send(BackMsg(file_urls_request=FileURLsRequest(
            request_id=request_id, file_names=[name], session_id=self.session_id)).SerializeToString())
        async with asyncio.timeout(self.timeout):
            while True:
                msg = ForwardMsg()
                msg.ParseFromString(await self.ws.recv())
                if msg.WhichOneof("type") == "file_urls_response" and msg.file_urls_response.response_id == request_id:
                    break
        response = msg.file_urls_response
        if response.error_msg or not response.file_urls:
            raise PageError(f"no upload URL: {response.error_msg}")
        urls = response.file_urls[0]
        await asyncio.to_thread(_put_file, self.port, urls.upload_url, name, data, self.timeout)
        value = FileUploaderState(uploaded_file_info=[UploadedFileInfo(
            name=name, size=len(data), file_id=urls.file_id,
            file_urls=FileURLs(file_id=urls.file_id, upload_url=urls.upload_url, delete_url=urls.delete_url))])
        return await self.run(path, widgets=[WidgetState(id=self.uploader_id, file_uploader_state_value=value)])


def _put_file(port: int, upload_url: str, name: str, data: bytes, timeout: float) -> None:
    """The multipart PUT a browser sends, with an XSRF token as cookie and header (the
    server compares the two)."""
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    token = generate_xsrf_token_string()
    boundary = f"----snscompare{time.monotonic_ns()}"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: text/plain\r\n\r\n").encode("utf-8") + data + f"\r\n--{boundary}--\r\n".encode()
    url = upload_url if upload_url.startswith("http") else f"http://127.0.0.1:{port}{upload_url}"
    req = urllib.request.Request(url, data=body, method="PUT", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "X-Xsrftoken": token,
        "Cookie": f"_streamlit_xsrf={token}", "Origin": f"http://127.0.0.1:{port}"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        if r.status not in (200, 204):
            raise PageError(f"upload answered {r.status}")


# --- the phases ----------------------------------------------------------------------------------

class Stats:
    def __init__(self):
        self.times: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.views = 0

    def add(self, path: str, seconds: float) -> None:
        self.times.setdefault(path, []).append(seconds)
        self.views += 1

    def all_times(self) -> list[float]:
        return [t for ts in self.times.values() for t in ts]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


async def one_view(session: Session, path: str | None, stats: Stats, *, link: bool = False) -> None:
    try:
        seconds, _ = await session.run(path, SHARED_LINKS.get(path or "", "") if link else "")
        stats.add(path or "", seconds)
    except (PageError, TimeoutError, websockets.ConnectionClosed, OSError) as e:
        stats.errors.append(f"{path!r}: {type(e).__name__}: {e}")


async def cycling_session(i: int, port: int, deadline: float, args, stats: Stats) -> None:
    rng = random.Random(i)
    try:
        async with Session(port, args.timeout) as s:
            await one_view(s, None, stats)  # opening the app: the home page
            order = sorted(s.pages)
            if not order:
                stats.errors.append(f"session {i}: no navigation received")
                return
            k = i
            while time.monotonic() < deadline:
                await one_view(s, order[k % len(order)], stats, link=i % 2 == 1)
                k += 1
                if args.think:  # people do not click in step: each pause is drawn around the mean
                    await asyncio.sleep(args.think * rng.uniform(0.5, 1.5))
    except (TimeoutError, websockets.ConnectionClosed, OSError) as e:
        stats.errors.append(f"session {i}: {type(e).__name__}: {e}")


async def concurrent_phase(port: int, args) -> Stats:
    stats = Stats()
    deadline = time.monotonic() + args.minutes * 60
    tasks = [cycling_session(i, port, deadline, args, stats) for i in range(args.sessions)]
    await asyncio.gather(*tasks)
    return stats


def upload_draft(mb: float, kind: str = "policy") -> bytes:
    """A draft of ``mb`` MB built from the five policies as benchmarks/bench_inputs.py builds
    its inputs (``policy``: the policies again and again; ``dates``: a policy with a long
    revision history; ``items``: one long prohibited list; ``line``: one line)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_inputs

    return bench_inputs.build_input(kind, mb).encode("utf-8")


async def uploading_session(i: int, port: int, deadline: float, args, stats: Stats, data: bytes) -> None:
    """Open the check page and upload the draft, again and again, until the deadline."""
    try:
        async with Session(port, args.upload_timeout) as s:
            await s.run(None)
            check = next((p for p in s.pages if "check" in p), None)
            if check is None:
                stats.errors.append(f"upload session {i}: no check page")
                return
            await s.run(check)
            k = 0
            while time.monotonic() < deadline:
                k += 1
                try:
                    seconds, _ = await s.upload(check, f"draft-{i}-{k}.txt", data)
                    if s.errors_shown:
                        stats.errors.append(f"upload {i}-{k}: the page said: {s.errors_shown[0]}")
                    else:
                        stats.add("upload", seconds)
                except (PageError, TimeoutError, OSError) as e:
                    stats.errors.append(f"upload {i}-{k}: {type(e).__name__}: {e}")
    except (TimeoutError, websockets.ConnectionClosed, OSError, PageError) as e:
        stats.errors.append(f"upload session {i}: {type(e).__name__}: {e}")


async def uploads_phase(port: int, args, data: bytes) -> tuple[Stats, Stats]:
    """(a) again, while ``args.uploads`` sessions upload: (the others' stats, the uploads')."""
    others, uploads = Stats(), Stats()
    deadline = time.monotonic() + args.minutes * 60
    tasks = [cycling_session(i, port, deadline, args, others) for i in range(args.sessions)]
    tasks += [uploading_session(i, port, deadline, args, uploads, data) for i in range(args.uploads)]
    await asyncio.gather(*tasks)
    return others, uploads


async def sequential_phase(port: int, args, pid: int | None = None) -> Stats:
    """Sessions one after another; the server's RSS every 50 sessions (``stats.rss``): flat if
    what a session leaves behind is released."""
    stats = Stats()
    stats.rss = []
    for i in range(args.sequential):
        if pid and i % 50 == 0:
            stats.rss.append((i, round(memory(pid)["VmRSS"], 1)))
        try:
            async with Session(port, args.timeout) as s:
                await one_view(s, None, stats)
                order = sorted(p for p in s.pages if p)
                if order:
                    await one_view(s, order[i % len(order)], stats, link=i % 2 == 1)
        except (TimeoutError, websockets.ConnectionClosed, OSError) as e:
            stats.errors.append(f"session {i}: {type(e).__name__}: {e}")
    return stats


def summary(name: str, stats: Stats, wall: float) -> dict:
    ts = stats.all_times()
    return {
        "phase": name, "page_views": stats.views, "errors": len(stats.errors), "error_samples": stats.errors[:10],
        "wall_s": round(wall, 1), "views_per_s": round(stats.views / wall, 2) if wall else None,
        "p50_s": round(pct(ts, 50), 3), "p95_s": round(pct(ts, 95), 3), "max_s": round(max(ts), 3) if ts else None,
        "per_page": {p or "home": {"n": len(v), "p50_s": round(pct(v, 50), 3), "p95_s": round(pct(v, 95), 3)}
                     for p, v in sorted(stats.times.items())},
    }


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    mem = int(next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")))
    return (f"{os.cpu_count()} cores ({cpu}), {mem / 1024 ** 2:.0f} GiB, Python {platform.python_version()}, "
            f"load average at start {os.getloadavg()[0]:.1f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sessions", type=int, default=20, help="concurrent sessions in phase (a) [20]")
    ap.add_argument("--minutes", type=float, default=3.0, help="duration of phase (a) [3]")
    ap.add_argument("--sequential", type=int, default=200, help="sessions in sequence in phase (b) [200]")
    ap.add_argument("--think", type=float, default=0.0,
                    help="mean seconds a session waits between two page views in (a), each pause drawn "
                         "uniformly from 0.5-1.5 times it [0: back to back, the worst case]")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds one page run may take [120]")
    ap.add_argument("--settle", type=float, default=15.0, help="seconds to wait before the last memory reading [15]")
    ap.add_argument("--out", type=Path, default=OUT, help="where loadtest.json and the server log go [benchmarks/out]")
    ap.add_argument("--uploads", type=int, default=0,
                    help="(c): sessions uploading a draft, one upload after another, during a second run of (a) [0: no (c)]")
    ap.add_argument("--upload-mb", type=float, default=9.5,
                    help="size of the uploaded draft in MB [9.5: a browser sends at most 10,000,000 bytes]")
    ap.add_argument("--upload-kind", choices=("policy", "dates", "items", "line"), default="policy",
                    help="what the draft holds, as benchmarks/bench_inputs.py builds it [policy]")
    ap.add_argument("--upload-timeout", type=float, default=600.0, help="seconds one upload's page run may take [600]")
    ap.add_argument("--in-process", action="store_true",
                    help="the server checks uploads in its own process, as before snscompare/isolation.py "
                         "(SNSCOMPARE_IN_PROCESS=1): the figure to compare (c) with")
    ap.add_argument("--add", type=Path, action="append", default=[],
                    help="a corpus the dashboard opens as well (SNSCOMPARE_ADD), e.g. one written by "
                         "`python -m snscompare synth`; repeatable")
    args = ap.parse_args(argv)
    if not (1 <= args.sessions <= 100 and 0 < args.minutes <= 30 and 0 <= args.sequential <= 2000 and args.settle >= 0
            and 0 <= args.think <= 60 and 0 <= args.uploads <= 20 and 0 < args.upload_mb <= 10):
        ap.error("bounded on purpose: 1-100 sessions, up to 30 minutes, up to 2000 sequential sessions, "
                 "up to 20 uploading sessions of up to 10 MB")

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    result: dict = {"command": " ".join([Path(sys.argv[0]).as_posix()] + (argv or sys.argv[1:])),
                    "machine": machine(), "sessions": args.sessions, "minutes": args.minutes,
                    "sequential": args.sequential, "think_s": args.think, "added": [str(a) for a in args.add],
                    "uploads": args.uploads, "upload_mb": args.upload_mb if args.uploads else None,
                    "upload_kind": args.upload_kind if args.uploads else None,
                    "checks_in_server_process": args.in_process}
    with open(out / "loadtest-server.log", "wb") as log:
        try:
            env = {"SNSCOMPARE_ADD": os.pathsep.join(str(a.resolve()) for a in args.add)} if args.add else {}
            if args.in_process:
                env["SNSCOMPARE_IN_PROCESS"] = "1"
            proc = start_server(port, log, env or None)
        except RuntimeError as e:
            raise SystemExit(f"{e} (log: {out / 'loadtest-server.log'})") from None
        try:
            mem = {"started": memory(proc.pid)}
            # Warm-up: one session through every page (builds the shared alignment and caches).
            warm = Stats()

            async def warm_up():
                async with Session(port, args.timeout) as s:
                    await one_view(s, None, warm)
                    for p in sorted(s.pages):
                        await one_view(s, p, warm)
            t = time.monotonic()
            asyncio.run(warm_up())
            result["warm_up"] = summary("warm-up (1 session, every page once)", warm, time.monotonic() - t)
            mem["after warm-up"] = memory(proc.pid)

            t = time.monotonic()
            a = asyncio.run(concurrent_phase(port, args))
            result["concurrent"] = summary(f"(a) {args.sessions} concurrent sessions, {args.minutes:g} min, think {args.think:g} s",
                                           a, time.monotonic() - t)
            mem["after (a)"] = memory(proc.pid)

            t = time.monotonic()
            b = asyncio.run(sequential_phase(port, args, proc.pid))
            result["sequential_phase"] = summary(f"(b) {args.sequential} sessions in sequence", b, time.monotonic() - t)
            result["sequential_phase"]["rss_mib_every_50_sessions"] = b.rss + [(args.sequential, round(memory(proc.pid)["VmRSS"], 1))]
            mem["after (b)"] = memory(proc.pid)

            if args.uploads:
                data = upload_draft(args.upload_mb, args.upload_kind)
                t = time.monotonic()
                others, ups = asyncio.run(uploads_phase(port, args, data))
                wall = time.monotonic() - t
                result["with_uploads"] = summary(
                    f"(c) (a) again while {args.uploads} sessions upload {len(data) / 2 ** 20:.1f} MB drafts "
                    f"({args.upload_kind})",
                    others, wall)
                result["uploads"] = summary(f"(c) the uploads ({args.upload_mb:g} MB each)", ups, wall)
                quiet, loaded = result["concurrent"]["p95_s"], result["with_uploads"]["p95_s"]
                result["p95_ratio_with_uploads"] = round(loaded / quiet, 2) if quiet else None
                mem["after (c)"] = memory(proc.pid)
            time.sleep(args.settle)
            mem[f"{args.settle:g} s later"] = memory(proc.pid)
            if args.uploads and args.settle >= 120:
                # Streamlit drops a disconnected session's state (the uploads' drafts) only
                # when its session store is next used, 120 s after the disconnect: one more
                # visitor, then a minute for the server's memory release (pages/_shared.py).
                asyncio.run(sequential_phase(port, argparse.Namespace(sequential=1, timeout=args.timeout)))
                time.sleep(65)
                mem["a visitor later, then 65 s"] = memory(proc.pid)
            result["memory_mib"] = {k: {kk: round(vv, 1) for kk, vv in v.items()} for k, v in mem.items()}
        finally:
            stop_server(proc)

    (out / "loadtest.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(f"Machine: {result['machine']}\n")
    print("| phase | page views | errors | p50 s | p95 s | max s | views/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for key in ("warm_up", "concurrent", "sequential_phase"):
        r = result[key]
        print(f"| {r['phase']} | {r['page_views']} | {r['errors']} | {r['p50_s']} | {r['p95_s']} | {r['max_s']} "
              f"| {r['views_per_s']} |")
    print("\nPer page in (a), p50 / p95 s: " + ", ".join(
        f"{p} {v['p50_s']} / {v['p95_s']}" for p, v in result["concurrent"]["per_page"].items()))
    print("\nServer RSS during (b), MiB after N sessions: " + ", ".join(
        f"{n}: {v:.0f}" for n, v in result["sequential_phase"]["rss_mib_every_50_sessions"]))
    print("\nServer memory (MiB): " + "; ".join(
        f"{k}: RSS {v['VmRSS']:.0f}, peak {v['VmHWM']:.0f}" for k, v in result["memory_mib"].items()))
    phases = ("warm_up", "concurrent", "sequential_phase") + (("with_uploads", "uploads") if args.uploads else ())
    if args.uploads:
        for key in ("with_uploads", "uploads"):
            r = result[key]
            print(f"| {r['phase']} | {r['page_views']} | {r['errors']} | {r['p50_s']} | {r['p95_s']} | {r['max_s']} "
                  f"| {r['views_per_s']} |")
        print(f"\nOther sessions' p95 while uploads run / quiet p95 (a): {result['p95_ratio_with_uploads']}")
    errors = sum(result[k]["errors"] for k in phases)
    for k in phases:
        for e in result[k]["error_samples"]:
            print("error:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
