"""``python -m snscompare …``: the same tables as the dashboard, from the shell.

Each command parses its options, calls one library function and prints the result.
CSV goes to stdout as UTF-8 (no BOM, for pipes); ``--output FILE.csv`` writes UTF-8
with BOM so that Japanese Excel opens it correctly, and only to a regular file
(never a pipe or a device, which could block).  Errors, the argument parser's
included, go to stderr in Japanese with an English gloss, with a non-zero exit
status and no traceback.

Text meant for reading (``table`` and ``md``, messages) never carries a document's
control characters to the terminal: escape sequences and bidirectional controls
are shown as visible marks (``\x1b`` → ``␛``, U+202E → ``<U+202E>``); CSV and JSON
are left as they are when they go to a pipe or a file, and shown the same way when
they go to a terminal.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import stat
import sys
from pathlib import Path

import pandas as pd

from .errors import SnsCompareError, bilingual
from .escaping import terminal_visible

FORMATS = ("csv", "json", "table", "md")


def _print(text: str, fmt: str = "table") -> None:
    """Text to stdout: with control characters made visible when it is for reading
    (``table``, ``md``) or when stdout is a terminal."""
    if fmt in ("table", "md") or sys.stdout.isatty():
        text = terminal_visible(text)
    sys.stdout.write(text)


def _say(text: str) -> None:
    """A message to stderr (file names in it may carry control characters)."""
    print(terminal_visible(text), file=sys.stderr)


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, a regular file (created if missing).  The file is
    opened without blocking and checked before anything is written: a named pipe
    would otherwise wait for a reader forever, and a device or directory is refused."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as e:
        if e.errno in (6, 21):  # ENXIO: a pipe with no reader; EISDIR: a directory
            raise SnsCompareError(bilingual("cli_output_not_file", path=path)) from None
        raise SnsCompareError(bilingual("cli_cannot_write", path=path, reason=e.strerror or e)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise SnsCompareError(bilingual("cli_output_not_file", path=path))
        os.set_blocking(fd, True)
        os.ftruncate(fd, 0)
        with os.fdopen(fd, "wb", closefd=False) as fh:
            fh.write(data)
    except OSError as e:
        raise SnsCompareError(bilingual("cli_cannot_write", path=path, reason=e.strerror or e)) from None
    finally:
        os.close(fd)


def _emit(df: pd.DataFrame, fmt: str, output: str | None, *, title: str | None = None) -> None:
    from . import export

    if output:
        path = Path(output)
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            data = export.to_xlsx_bytes(df)
        elif suffix == ".json":
            data = df.to_json(orient="records", force_ascii=False, indent=2).encode("utf-8")
        elif suffix == ".md":
            data = export.to_markdown_table(df).encode("utf-8")
        else:
            data = export.to_csv_bytes(df, bom=True)
        write_output(path, data)
        _say(f"{path} に {len(df)} 行を書き出しました / wrote {len(df)} rows")
        return
    if fmt == "csv":
        _print(export.to_csv_text(df), fmt)
    elif fmt == "json":
        _print(df.to_json(orient="records", force_ascii=False, indent=2) + "\n", fmt)
    elif fmt == "md":
        _print((f"## {title}\n\n" if title else "") + export.to_markdown_table(df) + "\n", fmt)
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                               "display.max_colwidth", 60, "display.unicode.east_asian_width", True):
            _print(df.to_string(index=False) + "\n", fmt)


def _build(args):
    from .pipeline import build

    return build(args.add or (), data_dir=args.data, cache=args.cache, workers=args.workers)


def cmd_coverage(args) -> int:
    from .tables import coverage_matrix

    al = _build(args)
    _emit(coverage_matrix(al, labels=not args.no_labels), args.format, args.output, title="coverage")
    return 0


def cmd_prohibited(args) -> int:
    from .tables import prohibited_matrix

    al = _build(args)
    directions = (args.direction,) if args.direction else ("user", "city")
    _emit(prohibited_matrix(al, labels=not args.no_labels, directions=directions), args.format, args.output)
    return 0


def cmd_clauses(args) -> int:
    from .tables import clause_table

    al = _build(args)
    df = clause_table(al, doc_id=args.doc, topic=args.topic)
    if not args.with_norm:
        df = df.drop(columns=["norm"])
    _emit(df, args.format, args.output)
    return 0


def cmd_gaps(args) -> int:
    from .tables import gap_summary, gaps_for, prohibited_gaps_for

    al = _build(args)
    df = gaps_for(al, args.city, min_docs=args.min_docs)
    if args.format in ("table", "md") and not args.output:
        _print(gap_summary(al, args.city, lang=args.lang) + "\n\n")
    _emit(df, args.format, args.output, title="gaps")
    if args.prohibited:
        print()
        _emit(prohibited_gaps_for(al, args.city), args.format, None, title="prohibited gaps")
    return 0


def cmd_evaluate(args) -> int:
    from . import evaluate as ev

    modes = tuple(args.mode) if args.mode else ev.MODES
    evals = ev.run(modes=modes, matcher=args.matcher, data_dir=args.data, tune_exemplars=args.tune_exemplars)
    summary = ev.summary_frame(evals)
    _emit(summary, args.format, args.output, title="evaluation")
    if args.per_topic:
        print()
        _emit(ev.per_topic_frame(evals), args.format, None, title="per topic (coverage matrix)")
    for e in evals:
        if e.mode == "lodo":
            print(f"\nleave-one-document-out thresholds: {e.thresholds}", file=sys.stderr)
        if args.errors:
            print(f"\n# {e.mode}: disagreements with the gold", file=sys.stderr)
            for line in e.scores.errors:
                print("  " + line, file=sys.stderr)
    if args.compare_matchers:
        rows = []
        import time

        for m in ("lemma_exact", "nfkc_exact", "either_exact", "lemma_partial"):
            t0 = time.perf_counter()
            es = ev.run(modes=("lodo", "heldout"), matcher=m, data_dir=args.data)
            dt = time.perf_counter() - t0
            for e in es:
                rows.append({"matcher": m, "mode": e.mode, "coverage_f1": round(e.scores.coverage.f1, 3),
                             "clause_f1": round(e.scores.clauses.f1, 3) if e.scores.clauses.tp else None,
                             "prohibited_f1": round(e.scores.prohibited.f1, 3), "seconds": round(dt, 1)})
        print()
        _emit(pd.DataFrame(rows), args.format, None, title="matchers compared")
    return 0


def cmd_check(args) -> int:
    from .draft import check_report, render_check

    report = check_report(Path(args.draft), data_dir=args.data)
    _print(render_check(report, args.format), args.format)
    return 0


def cmd_synth(args) -> int:
    from .synth import write_corpus

    try:
        out = write_corpus(args.docs, seed=args.seed, out=Path(args.out), data_dir=args.data)
    except OSError as e:
        raise SnsCompareError(bilingual("cli_cannot_write", path=e.filename or args.out,
                                        reason=e.strerror or e)) from None
    _say(f"{args.docs} 文書を {out} に書き出しました / wrote {args.docs} documents to {out}")
    return 0


# argparse's own messages (Python 3.11), each with its Japanese message
_ARGPARSE_MESSAGES = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "cli_required"),
    (re.compile(r"unrecognized arguments: (?P<names>.+)"), "cli_unknown"),
    (re.compile(r"argument (?P<arg>\S+): invalid choice: '?(?P<value>.*?)'? \(choose from (?P<choices>.+)\)"), "cli_choice"),
    (re.compile(r"argument (?P<arg>\S+): invalid int value: '?(?P<value>.*?)'?$"), "cli_not_int"),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), "cli_one_value"),
    (re.compile(r"ambiguous option: (?P<arg>\S+) could match (?P<matches>.+)"), "cli_ambiguous"),
)


class ArgumentParser(argparse.ArgumentParser):
    """argparse with its errors in Japanese first (and English after), like every other
    error of the CLI; a file name that starts with ``-`` gets a hint on how to write it."""

    option_like_files: list[str] = []  # set by main() from the command line

    def error(self, message: str):
        for pattern, msg_id in _ARGPARSE_MESSAGES:
            m = pattern.fullmatch(message)
            if m:
                text = bilingual(msg_id, **m.groupdict())
                break
        else:  # a type check's own message (already bilingual), or one this table does not know
            own = re.fullmatch(r"argument \S+: (.*)", message, re.S)
            if own and " / " in own.group(1):
                text = own.group(1)
            else:
                text = message if " / " in message else f"{bilingual('cli_bad_argument')}: {message}"
        for name in self.option_like_files:
            text += "\n  " + bilingual("cli_option_like_file", name=name)
        self.print_usage(sys.stderr)
        self.exit(2, terminal_visible(f"エラー / error: {text}") + "\n")


def bounded_int(low: int, high: int, arg: str):
    """An argparse type: an integer from ``low`` to ``high``, or a bilingual message."""
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            n = None
        if n is None or not low <= n <= high:
            raise argparse.ArgumentTypeError(bilingual("cli_range", arg=arg, low=f"{low:,}", high=f"{high:,}",
                                                       value=value))
        return n
    return parse


MAX_SYNTH_DOCS = 100_000
MAX_WORKERS = 64


def make_parser() -> argparse.ArgumentParser:
    p = ArgumentParser(prog="python -m snscompare",
                       description="自治体SNS運用ポリシーを条項単位で比較します / compare municipal SNS policies clause by clause")
    p.add_argument("--data", type=Path, default=None, help="data directory (default: the project's data/)")
    p.add_argument("--cache", action="store_true",
                   help="keep each document's alignment on disk (.cache/snscompare/, keyed by content hash)")
    p.add_argument("--workers", type=bounded_int(1, MAX_WORKERS, "--workers"), default=1,
                   help=f"align in this many processes (large --add corpora; 1-{MAX_WORKERS})")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp, *, add=True, fmt_default="table"):
        sp.add_argument("--format", choices=FORMATS, default=fmt_default)
        sp.add_argument("--output", "-o", metavar="FILE", help="write to FILE (.csv with BOM for Excel, .xlsx, .json, .md)")
        if add:
            sp.add_argument("--add", action="append", metavar="PATH",
                            help="a policy not in data/ (file or directory; UTF-8, UTF-8 with BOM, cp932, .docx, .pdf); repeatable")

    sp = sub.add_parser("coverage", help="topics × documents: number of clauses per topic")
    common(sp)
    sp.add_argument("--no-labels", action="store_true", help="only topic_id and the document columns")
    sp.set_defaults(func=cmd_coverage)

    sp = sub.add_parser("prohibited", help="(category, direction) × documents: 1/0")
    common(sp)
    sp.add_argument("--direction", choices=("user", "city"))
    sp.add_argument("--no-labels", action="store_true")
    sp.set_defaults(func=cmd_prohibited)

    sp = sub.add_parser("clauses", help="the clause table (ids, heading path, verbatim text, topics with scores)")
    common(sp)
    sp.add_argument("--doc")
    sp.add_argument("--topic")
    sp.add_argument("--with-norm", action="store_true", help="include the normalized matching copy")
    sp.set_defaults(func=cmd_clauses)

    sp = sub.add_parser("gaps", help="topics a city lacks that others have, with model clauses")
    common(sp)
    sp.add_argument("--city", required=True, help="document id (komoro, otaru, …)")
    sp.add_argument("--min-docs", type=bounded_int(1, 1_000_000, "--min-docs"), default=1,
                    help="only topics at least this many other documents cover")
    sp.add_argument("--prohibited", action="store_true", help="also the prohibited categories the lists lack")
    sp.add_argument("--lang", choices=("ja", "en"), default="ja")
    sp.set_defaults(func=cmd_gaps)

    sp = sub.add_parser("evaluate", help="precision / recall / F1 against the labelled gold")
    common(sp, add=False)
    sp.add_argument("--mode", action="append", choices=("all", "lodo", "heldout", "dev"))
    sp.add_argument("--matcher", choices=("lemma_exact", "nfkc_exact", "either_exact", "lemma_partial"))
    sp.add_argument("--per-topic", action="store_true")
    sp.add_argument("--errors", action="store_true", help="list every disagreement with the gold (stderr)")
    sp.add_argument("--compare-matchers", action="store_true", help="also run each matcher (lodo and held-out)")
    sp.add_argument("--tune-exemplars", action="store_true",
                    help="in lodo, also tune the nearest-labelled-clause threshold (off = 101) on the training documents")
    sp.set_defaults(func=cmd_evaluate)

    sp = sub.add_parser("check", help="check a draft: covered topics, gaps, prohibited categories, unplaced clauses")
    sp.add_argument("draft", help=".txt/.md/.docx/.pdf")
    sp.add_argument("--format", choices=("table", "csv", "json", "md"), default="table")
    sp.set_defaults(func=cmd_check)

    sp = sub.add_parser("synth", help="write a synthetic corpus recombining the real policies' clauses")
    sp.add_argument("--docs", type=bounded_int(1, MAX_SYNTH_DOCS, "--docs"), required=True,
                    help=f"number of documents (1-{MAX_SYNTH_DOCS:,})")
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--out", required=True)
    sp.set_defaults(func=cmd_synth)
    return p


def _option_like_files(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """Arguments that start with ``-``, are no option of any command and look like a
    file name (they have a suffix, or exist): ``check -x.txt``."""
    known = set()
    for action in parser._actions:
        known.update(action.option_strings)
        for sub in getattr(action, "choices", None) or {}:
            sub_parser = action.choices[sub]
            if isinstance(sub_parser, argparse.ArgumentParser):
                for a in sub_parser._actions:
                    known.update(a.option_strings)
    out = []
    for a in argv:
        if a.startswith("-") and a != "--" and a.split("=", 1)[0] not in known and not a.lstrip("-").isdigit():
            if "." in a or os.path.exists(a):
                out.append(a)
    return out


def main(argv=None) -> int:
    parser = make_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    ArgumentParser.option_like_files = _option_like_files(parser, argv)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SnsCompareError as e:
        _say(f"エラー / error: {e}")
        return e.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except MemoryError:
        print("エラー / error: メモリが足りません / out of memory", file=sys.stderr)
        return 1
    except Exception as e:  # a bug: still no traceback for the user, but say what happened
        if "SNSCOMPARE_DEBUG" in __import__("os").environ:
            raise
        _say(f"内部エラー / internal error: {type(e).__name__}: {e}\n(SNSCOMPARE_DEBUG=1 で詳細を表示)")
        return 1
