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
import os
import re
import shutil
import stat
import sys
import unicodedata
from pathlib import Path

import pandas as pd

from .errors import SnsCompareError, bilingual
from .escaping import terminal_visible
from .evaluate import ALL_MODES
from .i18n import t
from .taxonomy import MATCHERS

FORMATS = ("csv", "json", "table", "md")
HEADERS = ("id", "ja", "en")  # id: the columns' ids (the public contract); ja / en: the dashboard's headers


def _width(text: str) -> int:
    """Columns a string takes in a terminal (full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, width: int) -> str:
    """``text`` on one line (runs of white space as one space, leading spaces kept),
    cut to ``width`` terminal columns (with … when cut)."""
    lead = len(text) - len(text.lstrip(" "))
    text = " " * lead + " ".join(str(text).split())
    if _width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = _width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def gap_blocks(gaps: pd.DataFrame, al, lang: str = "ja", width: int | None = None) -> str:
    """The topics a document lacks (:func:`tables.gaps_for`) as a terminal reads them: one
    block per topic, every line within ``width`` columns (default: the terminal's)."""
    width = width or shutil.get_terminal_size((100, 24)).columns
    if gaps.empty:
        return t("cli_gaps_none", lang) + "\n"
    sep = t("list_sep", lang)
    lines = []
    for g in gaps.itertuples():
        head = f"{g.n_docs}/{g.n_others}  {al.taxonomy.topic(g.topic_id).label(lang)} ({g.topic_id})"
        lines.append(_cut(head, width))
        names = sep.join(al.doc(d).name_in(lang) for d in g.covered_by.split(",") if d)
        lines.append(_cut("      " + t("cli_gap_covered_by", lang, names=names), width))
        if g.model_clause_id:
            model = t("cli_gap_model", lang, city=al.doc(g.model_doc).name_in(lang), clause_id=g.model_clause_id,
                      text=g.model_text)
            lines.append(_cut("      " + model, width))
        lines.append("")
    return "\n".join(lines)


def _headers(df: pd.DataFrame, how: str, al=None) -> pd.DataFrame:
    """The columns' ids (``id``), or the headers the dashboard shows in ``ja`` / ``en``
    (documents by name; id columns kept, headed in words)."""
    if how == "id":
        return df
    from .views import doc_names, with_headers

    docs = doc_names(al, [c for c in df.columns if c in set(al.doc_ids)], how) if al is not None else None
    return with_headers(df, how, docs=docs, extra={
        "label_ja": t("col_label_ja", how), "label_en": t("col_label_en", how), "group_ja": t("col_group_ja", how),
        "direction_ja": t("col_direction", how), "n_others": t("col_n_others", how), "scores": t("col_score", how),
        "reasons": t("col_reason", how), "categories": t("col_categories", how),
        "directions": t("col_directions", how), "kind": t("col_clause_kind", how), "label": t("col_label", how),
        "start": t("col_start", how), "end": t("col_end", how), "norm": t("col_norm", how),
        "direction": t("col_direction_id", how), "group": t("col_group_id", how)})


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
    elif df.empty:
        _print("（該当なし / none）\n")
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
    _emit(_headers(coverage_matrix(al, labels=not args.no_labels), args.headers, al), args.format, args.output,
          title="coverage")
    return 0


def cmd_prohibited(args) -> int:
    from .tables import prohibited_matrix

    al = _build(args)
    directions = (args.direction,) if args.direction else ("user", "city")
    _emit(_headers(prohibited_matrix(al, labels=not args.no_labels, directions=directions), args.headers, al),
          args.format, args.output)
    return 0


def cmd_clauses(args) -> int:
    from .tables import clause_table

    al = _build(args)
    df = clause_table(al, doc_id=args.doc, topic=args.topic)
    if not args.with_norm:
        df = df.drop(columns=["norm"])
    _emit(_headers(df, args.headers, al), args.format, args.output)
    return 0


def cmd_gaps(args) -> int:
    from .tables import gap_summary, gaps_for, prohibited_gaps_for

    al = _build(args)
    df = gaps_for(al, args.city, min_docs=args.min_docs or 1)
    pg = prohibited_gaps_for(al, args.city) if args.prohibited else None
    if args.format in ("table", "md") and not args.output:
        # the summary counts what the table lists (--min-docs), and the table fits the terminal
        _print(gap_summary(al, args.city, lang=args.lang, gaps=df, min_docs=args.min_docs) + "\n\n")
        if args.format == "table":
            _print(gap_blocks(df, al, args.lang))
            df = None
    if df is not None:
        _emit(_headers(df, args.headers, al), args.format, args.output, title="gaps")
    if pg is not None:
        print()
        _emit(_headers(pg, args.headers, al), args.format, None, title="prohibited gaps")
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

        for m in MATCHERS:
            t0 = time.perf_counter()
            # leave-one-out decides; no held-out set is looked at to choose a matcher
            es = ev.run(modes=("lodo",), matcher=m, data_dir=args.data)
            dt = time.perf_counter() - t0
            for e in es:
                rows.append({"matcher": m, "mode": e.mode, "coverage_f1": round(e.scores.coverage.f1, 3),
                             "clause_f1": round(e.scores.clauses.f1, 3) if e.scores.clauses.tp else None,
                             "prohibited_f1": round(e.scores.prohibited.f1, 3), "seconds": round(dt, 1)})
        print()
        _emit(pd.DataFrame(rows), args.format, None, title="matchers compared")
    return 0


def cmd_check(args) -> int:
    from .check import check_report
    from .report import render_check

    report = check_report(Path(args.draft), data_dir=args.data, budget_s=args.time_limit)
    _print(render_check(report, args.format), args.format)
    return 0


def _version(arg: str, al):
    """(text, name) of a version given on the command line: a file, or the id of a
    corpus document (komoro) when no such file exists."""
    from .check import read_input
    from .errors import InputError

    path = Path(arg)
    if not path.exists() and arg in al.doc_ids:
        doc = al.doc(arg)
        return doc.text, doc.name, doc.title
    if not path.exists():
        raise InputError(f"「{arg}」が見つかりません（ファイルでも文書 id でもありません）。 / '{arg}' not found "
                         f"(neither a file nor a document id).",
                         hint=f"  文書 id / document ids: {', '.join(al.doc_ids)}")
    text, shown = read_input(path)
    return text, Path(shown).stem, None


def cmd_diff(args) -> int:
    from . import revision
    from .pipeline import build

    al = build(data_dir=args.data)
    old_text, old_name, _ = _version(args.old, al)
    new_text, new_name, new_title = _version(args.new, al)
    rev = revision.compare(old_text, new_text, old_name=old_name, new_name=new_name, alignment=al, title=new_title)
    if args.output:
        path = Path(args.output)
        suffix = path.suffix.lower()
        if suffix == ".docx":
            data = revision.to_docx_bytes(rev)
        elif suffix == ".xlsx":
            data = revision.to_xlsx_bytes(rev)
        elif suffix == ".csv":
            from .export import to_csv_bytes

            data = to_csv_bytes(revision.to_frame(rev), bom=True)
        else:
            raise SnsCompareError(f"「{path.name}」: 書き出せる形式は .docx .xlsx .csv です / --output must be "
                                  f".docx, .xlsx or .csv")
        write_output(path, data)  # a regular file only (no FIFO, no device), with a message on failure
        _say(f"{path} に新旧対照表を書き出しました（{len(rev.changed)} か所の変更）/ wrote the comparison "
             f"({len(rev.changed)} changes)")
        return 0
    _print(revision.render(rev, args.format), args.format)
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


def _seconds(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        x = -1.0
    if not 0 < x <= 86400:
        raise argparse.ArgumentTypeError(f"秒数は 0 より大きく 86400 以下で / seconds must be in (0, 86400]: {value}")
    return x


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

    def common(sp, *, add=True, fmt_default="table", headers=True):
        sp.add_argument("--format", choices=FORMATS, default=fmt_default)
        sp.add_argument("--output", "-o", metavar="FILE", help="write to FILE (.csv with BOM for Excel, .xlsx, .json, .md)")
        if headers:
            sp.add_argument("--headers", choices=HEADERS, default="id",
                            help="column headers: id (default: topic_id, komoro, …), or ja / en as the dashboard shows them "
                                 "(項目ID, 小諸市, …; the id columns are kept)")
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
    sp.add_argument("--min-docs", type=bounded_int(1, 1_000_000, "--min-docs"), default=None,
                    help="only topics at least this many other documents cover (the summary counts the same)")
    sp.add_argument("--prohibited", action="store_true", help="also the prohibited categories the lists lack")
    sp.add_argument("--lang", choices=("ja", "en"), default="ja")
    sp.set_defaults(func=cmd_gaps)

    sp = sub.add_parser("evaluate", help="precision / recall / F1 against the labelled gold")
    common(sp, add=False, headers=False)
    sp.add_argument("--mode", action="append", choices=ALL_MODES)
    sp.add_argument("--matcher", choices=MATCHERS)
    sp.add_argument("--per-topic", action="store_true")
    sp.add_argument("--errors", action="store_true", help="list every disagreement with the gold (stderr)")
    sp.add_argument("--compare-matchers", action="store_true", help="also run each matcher in leave-one-out (the measure that chooses it)")
    sp.add_argument("--tune-exemplars", action="store_true",
                    help="in lodo, also tune the nearest-labelled-clause threshold (off = 101) on the training documents")
    sp.set_defaults(func=cmd_evaluate)

    sp = sub.add_parser("check", help="check a draft: covered topics, gaps, prohibited categories, unplaced clauses")
    sp.add_argument("draft", help=".txt/.md/.docx/.pdf")
    sp.add_argument("--format", choices=("table", "csv", "json", "md"), default="table")
    sp.add_argument("--time-limit", type=_seconds, default=None, metavar="SECONDS",
                    help="stop aligning after SECONDS and report the part done (a long document is aligned in parts)")
    sp.set_defaults(func=cmd_check)

    sp = sub.add_parser("diff", help="新旧対照表: two versions of a policy compared clause by clause")
    sp.add_argument("old", help="the current version: a file (.txt/.md/.docx/.pdf) or a document id (komoro …)")
    sp.add_argument("new", help="the revised version: a file or a document id")
    sp.add_argument("--format", choices=("table", "csv", "md", "json"), default="table")
    sp.add_argument("--output", "-o", metavar="FILE", help="write the table to FILE: .docx (Word), .xlsx or .csv")
    sp.set_defaults(func=cmd_diff)

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
