"""How the cost of a check and of `coverage --add` grows with the input, up to 10 MB.

    .venv/bin/python benchmarks/bench_inputs.py                       # 0.1, 1, 3, 10 MB × 4 kinds × 2 commands
    .venv/bin/python benchmarks/bench_inputs.py --sizes 0.1 1 --kinds policy

Four kinds of input, each built here from the five policies of data/policies (nothing
else is read), each the size asked for in UTF-8 (within one line of it):

* ``policy``: the five policies one after another, again and again;
* ``dates``: one policy followed by a revision history of dated lines: every line with
  a 和暦 date of the five policies, each also with its era written as one character
  (㋿, ㍻), the costliest to map back to the text;
* ``items``: one prohibited-content list whose items are every numbered item of the
  five policies, renumbered (1), (2), …;
* ``line``: the policies run together into one line.

Each (kind, size, command) runs in a fresh process of its own (so that its peak memory
is its own), ``--repeat`` times (the fastest run counts: on a shared machine others'
load only adds time), and there, against a baseline taken in the same process:

* ``check``: ``snscompare.check.check_report(path)``, the function the CLI's ``check``
  calls, with the corpus alignment it builds first timed apart as the baseline; then
  the CLI's text rendering of the report (``render_check(report, "table")``), apart;
* ``coverage --add``: ``pipeline.build(added=[path])`` and ``tables.coverage_matrix``,
  what the CLI's ``coverage --add`` runs, minus ``pipeline.build()`` of the five alone
  (the baseline) timed just before in the same process.

Peak memory is the process's peak RSS (``ru_maxrss``): the whole command, as a user
would see it.  The growth exponent of each (kind, command) is the slope of
log(seconds) against log(MB) from 1 to 10 MB, least squares over the sizes measured in
that range (``time ∝ size^k``; 1 is linear); 0.1 MB is shown but left out of the fit,
its time being mostly fixed costs.  Targets (issue 14): every exponent ≤ 1.2, and at
10 MB every command within 30 s and 1 GiB.

Writes a Markdown table to stdout and the figures to ``benchmarks/out/bench_inputs.json``.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from itertools import cycle
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
POLICIES = ROOT / "data" / "policies"
MB = 1024 * 1024
SIZES = (0.1, 1, 3, 10)
KINDS = ("policy", "dates", "items", "line")
COMMANDS = ("check", "coverage --add")
TARGET_EXPONENT, TARGET_SECONDS, TARGET_MIB = 1.2, 30.0, 1024

# A 和暦 date with its event, as snscompare.corpus.extract_dates reads it.
_DATE = re.compile(r"(令和|平成|昭和)\s*([0-9０-９]+|元)\s*年\s*([0-9０-９]+)\s*月\s*([0-9０-９]+)\s*日\s*(?:から)?\s*"
                   r"(策定|制定|改定|改正|施行|適用)")
_ITEM = re.compile(r"^\s*-?\s*[（(]\s*[0-9０-９]+\s*[）)]\s*(.+)$")
_ONE_CHARACTER_ERA = {"令和": "㋿", "平成": "㍻"}


def policies() -> list[str]:
    """The five policies' texts, each ending with a newline."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(POLICIES.glob("*.txt"))]
    return [t if t.endswith("\n") else t + "\n" for t in texts]


def _fill(units, n_bytes: int, head: str = "") -> str:
    """``head`` and then units, as many as fit in ``n_bytes`` of UTF-8."""
    out, size = [head], len(head.encode("utf-8"))
    for unit in units:
        b = len(unit.encode("utf-8"))
        if size + b > n_bytes:
            break
        out.append(unit)
        size += b
    return "".join(out)


def policy_text(n_bytes: int) -> str:
    return _fill(cycle(policies()), n_bytes)


def dates_text(n_bytes: int) -> str:
    texts = policies()
    dated = [ln for t in texts for ln in t.splitlines() if _DATE.search(ln)]
    variants = dated + [ln.replace(m.group(1), _ONE_CHARACTER_ERA[m.group(1)], 1)
                        for ln in dated for m in [_DATE.search(ln)] if m.group(1) in _ONE_CHARACTER_ERA]
    return _fill(cycle(v.strip() + "\n" for v in variants), n_bytes, head=texts[0] + "\n附則\n")


def items_text(n_bytes: int) -> str:
    items = [m.group(1).strip() for t in policies() for ln in t.splitlines() for m in [_ITEM.match(ln)] if m]
    numbered = (f"({k}) {item}\n" for k, item in enumerate(cycle(items), start=1))
    return _fill(numbered, n_bytes, head="禁止事項\n次の各号のいずれかに該当する投稿は、予告なく削除します。\n")


def line_text(n_bytes: int) -> str:
    return _fill(cycle(t.replace("\n", " ") for t in policies()), n_bytes)


BUILDERS = {"policy": policy_text, "dates": dates_text, "items": items_text, "line": line_text}


def build_input(kind: str, mb: float) -> str:
    return BUILDERS[kind](int(mb * MB))


# --- one measurement, in a process of its own ---------------------------------------------------


def _peak_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_one(kind: str, mb: float, command: str, workdir: Path) -> dict:
    """Run in the child process: build the input, time the baseline and the command."""
    sys.path.insert(0, str(ROOT))
    from snscompare import pipeline, tables
    from snscompare.check import check_report
    from snscompare.report import render_check

    text = build_input(kind, mb)
    path = workdir / f"{kind}-{mb:g}MB.txt"
    path.write_text(text, encoding="utf-8")
    row = {"kind": kind, "mb": mb, "command": command, "bytes": path.stat().st_size, "chars": len(text)}
    t0 = time.perf_counter()
    base = pipeline.build()
    row["baseline_s"] = time.perf_counter() - t0
    if command == "check":
        t0 = time.perf_counter()
        report = check_report(path, alignment=base)
        row["seconds"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        rendered = render_check(report, "table")
        row["render_s"] = time.perf_counter() - t0
        row["clauses"] = len(report.alignment.doc(report.doc_id).clauses)
        row["output_chars"] = len(rendered)
    else:
        pipeline.build()  # the baseline once more, now warm, as the measured run will be
        t0 = time.perf_counter()
        pipeline.build()
        baseline = time.perf_counter() - t0
        t0 = time.perf_counter()
        al = pipeline.build(added=[path])
        cm = tables.coverage_matrix(al)
        row["seconds"] = max(0.0, time.perf_counter() - t0 - baseline)
        row["baseline_s"] = baseline
        row["clauses"] = len(al.docs[-1].clauses)
        row["topics_covered"] = int((cm[al.docs[-1].id] > 0).sum())
    row["peak_mib"] = _peak_mib()
    return row


def run_one(kind: str, mb: float, command: str, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench_inputs_") as tmp:
        code = ("import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
                "import bench_inputs as b; "
                "print(json.dumps(b.measure_one(sys.argv[2], float(sys.argv[3]), sys.argv[4], Path(sys.argv[5]))))")
        done = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), kind, str(mb), command, tmp],
                              cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} {mb} MB {command}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- growth -------------------------------------------------------------------------------------


def exponent(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(seconds) on log(MB)."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else None


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"load average at start {os.getloadavg()[0]:.1f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=list(SIZES), help="MB (MiB) of input [0.1 1 3 10]")
    ap.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    ap.add_argument("--commands", nargs="+", choices=COMMANDS, default=list(COMMANDS))
    ap.add_argument("--repeat", type=int, default=2,
                    help="runs of each measurement, in fresh processes; the fastest counts (others' load on a "
                         "shared machine only adds time) and the highest peak memory [2]")
    ap.add_argument("--timeout", type=float, default=600, help="seconds one measurement may take [600]")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not all(0 < s <= 10 for s in args.sizes) or not 1 <= args.repeat <= 10:
        ap.error("sizes from above 0 to 10 MB (the upload limit); 1-10 repeats")

    rows, started = [], time.time()
    for kind in args.kinds:
        for command in args.commands:
            for mb in sorted(args.sizes):
                runs = [run_one(kind, mb, command, args.timeout) for _ in range(args.repeat)]
                row = min(runs, key=lambda r: r["seconds"] + r.get("render_s", 0))
                row["peak_mib"] = max(r["peak_mib"] for r in runs)
                row["runs_s"] = [round(r["seconds"], 3) for r in runs]
                rows.append(row)
                print(f"  {kind:6} {command:14} {mb:>5g} MB: {row['seconds']:7.2f} s"
                      + (f" (+ text {row['render_s']:.2f} s)" if "render_s" in row else "")
                      + f", peak {row['peak_mib']:.0f} MiB", file=sys.stderr, flush=True)

    growth = {}
    for kind in args.kinds:
        for command in args.commands:
            mine = [r for r in rows if r["kind"] == kind and r["command"] == command]
            fit = [(r["mb"], r["seconds"]) for r in mine if r["mb"] >= 1]
            growth[f"{kind} / {command}"] = exponent(fit)
            if command == "check":
                growth[f"{kind} / check + text"] = exponent([(r["mb"], r["seconds"] + r["render_s"])
                                                            for r in mine if r["mb"] >= 1])
    result = {"command": " ".join(["benchmarks/bench_inputs.py"] + (argv or sys.argv[1:])),
              "machine": machine(), "minutes": round((time.time() - started) / 60, 1), "rows": rows, "growth": growth}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_inputs.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))

    print(f"Machine: {result['machine']}\n")
    sizes = sorted(args.sizes)
    print("| input | command | " + " | ".join(f"{s:g} MB" for s in sizes) + " | exponent (1-10 MB) | peak at max |")
    print("|---|---|" + "---:|" * len(sizes) + "---:|---:|")
    for kind in args.kinds:
        for command in args.commands:
            mine = {r["mb"]: r for r in rows if r["kind"] == kind and r["command"] == command}
            cells = [f"{mine[s]['seconds']:.2f} s" for s in sizes]
            k = growth[f"{kind} / {command}"]
            print(f"| {kind} | {command} | " + " | ".join(cells)
                  + f" | {'' if k is None else f'{k:.2f}'} | {mine[sizes[-1]]['peak_mib']:.0f} MiB |")
            if command == "check":
                cells = [f"{mine[s]['seconds'] + mine[s]['render_s']:.2f} s" for s in sizes]
                k = growth[f"{kind} / check + text"]
                print(f"| {kind} | check + its text (CLI) | " + " | ".join(cells)
                      + f" | {'' if k is None else f'{k:.2f}'} | |")
    top = [r for r in rows if r["mb"] == max(sizes)]
    print(f"\nAt {max(sizes):g} MB: the baseline (the five policies' alignment) {top[0]['baseline_s']:.2f} s; "
          f"characters per input: " + ", ".join(f"{r['kind']} {r['chars']:,}" for r in top if r["command"] == "check"))
    fails = [k for k, v in growth.items() if v is not None and v > TARGET_EXPONENT and "text" not in k]
    fails += [f"{r['kind']} / {r['command']} at {r['mb']:g} MB: {r['seconds'] + r.get('render_s', 0):.1f} s, "
              f"{r['peak_mib']:.0f} MiB" for r in top if max(sizes) == 10
              and (r["seconds"] + r.get("render_s", 0) > TARGET_SECONDS or r["peak_mib"] > TARGET_MIB)]
    for f in fails:
        print("over the target:", f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
