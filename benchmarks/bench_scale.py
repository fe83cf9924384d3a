"""National-scale benchmark: parse, align and tabulate N synthetic policies.

    .venv/bin/python benchmarks/bench_scale.py                 # N = 5, 50, 500, 1788
    .venv/bin/python benchmarks/bench_scale.py --quick         # N = 5, 50
    .venv/bin/python benchmarks/bench_scale.py --sizes 5,200 --workers 1

Each size runs in a fresh subprocess (so its peak memory, ``ru_maxrss`` of the
process and of its worker processes, is its own).  The corpus comes from
``snscompare.synth`` (seed 0), whose ground truth gives the accuracy.  Prints a
Markdown table and writes ``benchmarks/out/results.json`` (gitignored).
Not part of pytest.
"""
from __future__ import annotations

import argparse
import difflib
import json
import math
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"parse_align_s": 60.0, "peak_mib": 2048.0, "add_one_s": 1.0, "page_s": 1.0}
NAIVE_SIZES = (5, 50)
PAGE_LIMIT_S = 60


class _TooSlow(Exception):
    pass


def _stop(signum, frame):
    raise _TooSlow()


def _timed(fn, *args, **kw):
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t0, time.process_time() - c0


def naive_align(docs, taxonomy) -> dict[str, set[str]]:
    """The baseline: every clause against every alias of every topic with
    difflib.SequenceMatcher, in pure-Python loops."""
    from snscompare.normalize import normalize_text

    aliases = [(t.id, normalize_text(c.text)) for t in taxonomy.topics for c in t.cues if not c.is_regex]
    out: dict[str, set[str]] = {}
    for d in docs:
        got = out.setdefault(d.id, set())
        for c in d.clauses:
            sm = difflib.SequenceMatcher(None, "", c.norm, autojunk=False)  # clause indexed once
            for topic, alias in aliases:
                sm.set_seq1(alias)
                if sm.ratio() >= 0.6:
                    got.add(topic)
    return out


def run_one(n: int, workers: int, seed: int, work: Path) -> dict:
    import yaml

    from snscompare import tables
    from snscompare.align import Alignment
    from snscompare.cache import AlignmentCache, align_documents_cached, align_many, context_key, document_key, parse_many
    from snscompare.synth import generate, score_alignment, write_corpus
    from snscompare.taxonomy import load_taxonomy

    res: dict = {"n": n, "workers": workers}
    taxonomy = load_taxonomy()
    corpus_dir = work / f"synth_{n}"
    _, res["generate_s"], _ = _timed(write_corpus, n, seed=seed, out=corpus_dir)
    meta = yaml.safe_load((corpus_dir / "metadata.yaml").read_text(encoding="utf-8"))
    truth = yaml.safe_load((corpus_dir / "truth.yaml").read_text(encoding="utf-8"))
    items = [(p.stem, p.read_text(encoding="utf-8"), meta.get(p.stem)) for p in sorted(corpus_dir.glob("synth_*.txt"))]
    res["clauses"] = None

    docs, res["parse_s"], res["parse_cpu_s"] = _timed(parse_many, items, workers=workers)
    res["clauses"] = sum(len(d.clauses) for d in docs)
    aligned, res["align_s"], res["align_cpu_parent_s"] = _timed(align_many, docs, taxonomy, (), workers=workers)
    al = Alignment(docs, taxonomy, {d.id: a for d, a in zip(docs, aligned)})
    res["parse_align_s"] = res["parse_s"] + res["align_s"]

    city = docs[0].id
    every = al.doc_ids  # the sidebar's default: every document chosen
    topic, category = taxonomy.topic_ids[0], taxonomy.category_ids[0]

    seen = {}

    def gaps_for():
        seen["gaps"] = tables.gaps_for(al, city, doc_ids=every)
        return seen["gaps"]

    def models_of_every_gap():
        # The gaps page's expanders: the model clauses of each topic the city lacks.
        return [tables.model_clauses(al, g.topic_id, exclude=city, doc_ids=g.covered_by.split(","))
                for g in seen["gaps"].itertuples()]

    # Every library call a dashboard page makes, with the page's arguments, in the
    # order a visitor going through the pages would trigger them (the first call
    # pays for the alignment's indexes and for loading SudachiPy).
    pages = {
        "documents_table": lambda: tables.documents_table(al),
        "coverage_matrix": lambda: tables.coverage_matrix(al),
        "topic_clauses(one cell)": lambda: tables.topic_clauses(al, topic, doc_ids=[city]),
        "coverage_summary": lambda: tables.coverage_summary(al),
        "topic_clauses(all docs)": lambda: tables.topic_clauses(al, topic, doc_ids=every),
        "category_clauses": lambda: tables.category_clauses(al, category, "user", doc_ids=every),
        "prohibited_matrix": lambda: tables.prohibited_matrix(al, doc_ids=every),
        "prohibited_synopsis": lambda: tables.prohibited_synopsis(al, "user", doc_ids=every),
        "list_similarity": lambda: tables.list_similarity(al, "user", doc_ids=every),
        "gap_summary": lambda: tables.gap_summary(al, city, doc_ids=every, lang="ja"),
        "gaps_for": gaps_for,
        "gaps_for(another doc)": lambda: tables.gaps_for(al, docs[1].id, doc_ids=every),
        "model_clauses(every gap)": models_of_every_gap,
        "prohibited_gaps_for": lambda: tables.prohibited_gaps_for(al, city, doc_ids=every),
        "clause_table(one doc)": lambda: tables.clause_table(al, doc_id=city),
    }
    res["pages_s"], res["pages_cpu_s"] = {}, {}
    for name, fn in pages.items():
        signal.signal(signal.SIGALRM, _stop)
        signal.alarm(PAGE_LIMIT_S)  # a quadratic page at N = 1788 would run for many minutes
        try:
            _, wall, cpu = _timed(fn)
            res["pages_s"][name] = round(wall, 4)
            res["pages_cpu_s"][name] = round(cpu, 4)
        except _TooSlow:
            res["pages_s"][name] = f"> {PAGE_LIMIT_S} s (stopped)"
        except Exception as e:  # a page function that does not exist here
            res["pages_s"][name] = f"error: {type(e).__name__}: {e}"
        finally:
            signal.alarm(0)
    res["accuracy"] = score_alignment(al, truth)

    if n in NAIVE_SIZES:
        _, res["naive_s"], _ = _timed(naive_align, docs, taxonomy)
        serial, res["align_serial_s"], _ = _timed(align_many, docs, taxonomy, (), workers=1)
        res["naive_ratio"] = round(res["naive_s"] / max(res["align_serial_s"], 1e-9), 1)

    # The cache: store everything, then (a) restart: read the whole corpus back,
    # (b) add one new document to the built corpus.
    cache = AlignmentCache(work / f"cache_{n}")
    cache.clear()
    context = context_key(taxonomy, ())
    t0 = time.perf_counter()
    for d, a in zip(docs, aligned):
        cache.put(document_key(d.id, d.text, context), d.clauses, a)
    res["cache_write_s"] = time.perf_counter() - t0
    restart, res["cache_restart_s"], _ = _timed(align_documents_cached, docs, taxonomy, (), cache=AlignmentCache(cache.dir))
    res["cache_restart_identical"] = restart.per_doc == al.per_doc
    extra = generate(1, seed=seed + 1000)[0]  # a document the corpus does not have

    def add_one():
        from snscompare.corpus import make_document

        doc = make_document("added_0001", extra.text, extra.meta)
        one = align_documents_cached([doc], taxonomy, (), cache=AlignmentCache(cache.dir))
        return Alignment(al.docs + [doc], taxonomy, {**al.per_doc, **one.per_doc})

    _, res["add_one_s"], _ = _timed(add_one)
    _, res["add_one_again_s"], _ = _timed(add_one)  # now a cache hit
    ru_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ru_kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    res["peak_mib"] = round(max(ru_self, ru_kids) / 1024, 1)  # Linux: kB
    res["peak_mib_main"] = round(ru_self / 1024, 1)
    res["peak_mib_worker"] = round(ru_kids / 1024, 1)
    return res


def profile_align(n: int, seed: int, work: Path, top: int = 12) -> str:
    """cProfile of aligning ``n`` documents in one process (what a missed target costs)."""
    import cProfile
    import io
    import pstats

    from snscompare.cache import parse_many
    from snscompare.synth import generate
    from snscompare.align import align_corpus
    from snscompare.taxonomy import load_taxonomy

    docs = parse_many([(d.doc_id, d.text, d.meta) for d in generate(n, seed=seed)])
    taxonomy = load_taxonomy()
    prof = cProfile.Profile()
    prof.enable()
    align_corpus(docs, taxonomy)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(top)
    return buf.getvalue()


def slope(points: list[tuple[int, float]]) -> float | None:
    pts = [(math.log(n), math.log(t)) for n, t in points if t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return round(sum((x - mx) * (y - my) for x, y in pts) / den, 2) if den else None


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "python": sys.version.split()[0], "cpu": cpu,
            "loadavg_at_start": os.getloadavg()}


def table(results: list[dict]) -> str:
    f = lambda x, d=1: "–" if x is None else (f"{x:.{d}f}" if isinstance(x, (int, float)) else str(x))  # noqa: E731
    rows = ["| N | clauses | parse s | align s | parse+align s | coverage+prohibited+gaps s | peak MiB | "
            "coverage F1 | prohibited F1 | naive/ours | add one doc s | restart from cache s | slowest page s |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        pages = {k: v for k, v in r["pages_s"].items() if isinstance(v, float)}
        tables_s = sum(r["pages_s"].get(k, 0) for k in ("coverage_matrix", "prohibited_matrix", "gaps_for")
                       if isinstance(r["pages_s"].get(k), float))
        stopped = [k for k in ("coverage_matrix", "prohibited_matrix", "gaps_for") if isinstance(r["pages_s"].get(k), str)]
        if stopped:
            tables_s = f"> {PAGE_LIMIT_S} ({', '.join(stopped)} stopped)"
        slowest = max(pages.items(), key=lambda kv: kv[1]) if pages else ("–", None)
        rows.append(
            f"| {r['n']} | {r['clauses']} | {f(r['parse_s'])} | {f(r['align_s'])} | {f(r['parse_align_s'])} | "
            f"{f(tables_s, 2)} | {f(r['peak_mib'], 0)} | {f(r['accuracy']['coverage']['f1'], 3)} | "
            f"{f(r['accuracy']['prohibited']['f1'], 3)} | {f(r.get('naive_ratio'))}{'×' if r.get('naive_ratio') else ''} | "
            f"{f(r['add_one_s'], 2)} | {f(r['cache_restart_s'], 2)} | {f(slowest[1], 2)} ({slowest[0]}) |")
    return "\n".join(rows)


def page_table(results: list[dict]) -> str:
    """Wall-clock (and CPU) seconds of each page computation, one column per N."""
    names = list(dict.fromkeys(k for r in results for k in r["pages_s"]))
    rows = ["| page computation | " + " | ".join(f"N = {r['n']} s (CPU s)" for r in results) + " |",
            "|---|" + "---:|" * len(results)]
    for name in names:
        cells = []
        for r in results:
            wall, cpu = r["pages_s"].get(name), r.get("pages_cpu_s", {}).get(name)
            cells.append(f"{wall:.3f} ({cpu:.3f})" if isinstance(wall, float) and cpu is not None else str(wall))
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="5,50,500,1788", help="comma-separated corpus sizes")
    ap.add_argument("--quick", action="store_true", help="only N = 5, 50")
    ap.add_argument("--workers", type=int, default=2, help="processes for parsing and aligning (default 2)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    ap.add_argument("--profile", type=int, default=200, help="documents to profile when a target is missed (0: never)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    work = args.out / "work"
    work.mkdir(exist_ok=True)
    if args.one:
        print(json.dumps(run_one(args.one, args.workers, args.seed, work)))
        return 0

    sizes = [5, 50] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    for n in sizes:
        print(f"N = {n} …", file=sys.stderr, flush=True)
        proc = subprocess.run([sys.executable, __file__, "--one", str(n), "--workers", str(args.workers),
                               "--seed", str(args.seed), "--out", str(args.out)],
                              capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "0"})
        if proc.returncode:
            sys.stderr.write(proc.stderr)
            return proc.returncode
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))

    big = [r for r in results if r["n"] >= 50]
    summary = {
        "machine": machine(),
        "workers": args.workers,
        "growth_exponent_parse_align": slope([(r["n"], r["parse_align_s"]) for r in results]),
        "growth_exponent_parse_align_n_ge_50": slope([(r["n"], r["parse_align_s"]) for r in big]),
        "targets": TARGETS,
        "results": results,
    }
    misses = []
    for r in results:
        if r["n"] < 1788:
            continue
        for key in ("parse_align_s", "peak_mib", "add_one_s"):
            if r[key] > TARGETS[key]:
                misses.append(f"N={r['n']}: {key} = {r[key]:.2f} > {TARGETS[key]} (by {r[key] / TARGETS[key]:.2f}×)")
        for page, s in r["pages_s"].items():
            if isinstance(s, float) and s > TARGETS["page_s"]:
                misses.append(f"N={r['n']}: page {page} = {s:.2f} s > 1 s (by {s:.2f}×)")
            elif isinstance(s, str):
                misses.append(f"N={r['n']}: page {page}: {s}")
    summary["missed"] = misses
    if misses and args.profile:
        summary["profile_align"] = profile_align(args.profile, args.seed, work)
    (args.out / "results.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")

    print(table(results))
    print()
    print(page_table(results))
    print()
    print(f"growth exponent (log-log slope of parse+align time vs N): {summary['growth_exponent_parse_align']} "
          f"(N ≥ 50: {summary['growth_exponent_parse_align_n_ge_50']})")
    m = summary["machine"]
    print(f"machine: nproc={m['nproc']}, Python {m['python']}, {m['cpu']}, load average at start {m['loadavg_at_start']}")
    print("targets missed:" if misses else "all targets met at N = 1788" if any(r["n"] >= 1788 for r in results)
          else "(N = 1788 not run)")
    for line in misses:
        print("  " + line)
    if summary.get("profile_align"):
        print("\nprofile of the aligner (top functions by own time):\n" + summary["profile_align"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
