"""The CLI contract: columns, encodings, --add, errors without tracebacks."""
from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest

from snscompare.cli import main
from tests.conftest import DOC_IDS


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_coverage_csv_header_and_values(capsys):
    code, out, _ = run(capsys, "coverage", "--format", "csv")
    assert code == 0 and not out.startswith("\ufeff")
    df = pd.read_csv(io.StringIO(out))
    assert list(df.columns[:6]) == ["topic_id"] + DOC_IDS and len(df) == 39
    row = df.set_index("topic_id").loc["governing_law"]
    assert row["komoro"] >= 1 and row["otaru"] == 0


def test_prohibited_csv(capsys):
    code, out, _ = run(capsys, "prohibited", "--format", "csv", "--no-labels")
    df = pd.read_csv(io.StringIO(out))
    assert list(df.columns) == ["category_id", "direction"] + DOC_IDS and len(df) == 46
    assert df.set_index(["category_id", "direction"]).loc[("repetition", "user"), "otaru"] == 1


def test_headers_in_japanese_on_request(capsys, tmp_path):
    """The id headers are the CLI's contract; --headers ja gives the dashboard's (ids kept as columns)."""
    _, plain, _ = run(capsys, "coverage", "--format", "csv")
    code, out, _ = run(capsys, "coverage", "--format", "csv", "--headers", "ja")
    ids, ja = pd.read_csv(io.StringIO(plain)), pd.read_csv(io.StringIO(out))
    assert code == 0 and list(ja.columns[:6]) == ["項目ID", "小諸市", "小樽市", "鳥取市", "北見市", "佐久市"]
    assert ja.to_numpy().tolist() == ids.to_numpy().tolist()  # the same table under other headers
    xlsx = tmp_path / "gaps.xlsx"
    code, _, _ = run(capsys, "gaps", "--city", "kitami", "--headers", "en", "--output", str(xlsx))
    assert code == 0 and list(pd.read_excel(xlsx).columns[:3]) == ["Topic id", "Name (Japanese)", "Name"]


def test_gaps_summary_counts_what_the_table_lists(capsys):
    code, out, _ = run(capsys, "gaps", "--city", "komoro", "--min-docs", "4", "--format", "md")
    summary, table = out.split("\n", 1)
    assert code == 0 and "4文書以上が定めている項目のうち、0項目が欠けています" in summary
    _, out3, _ = run(capsys, "gaps", "--city", "komoro", "--min-docs", "3", "--format", "csv")
    rows = pd.read_csv(io.StringIO(out3))
    assert (rows["n_docs"] >= 3).all()
    _, md3, _ = run(capsys, "gaps", "--city", "komoro", "--min-docs", "3", "--format", "md")
    assert f"3文書以上が定めている項目のうち、{len(rows)}項目が欠けています" in md3.split("\n", 1)[0]


@pytest.mark.parametrize("width", [60, 100])
def test_gaps_in_a_terminal_fit_its_width(capsys, monkeypatch, width):
    from snscompare.cli import _width

    monkeypatch.setenv("COLUMNS", str(width))
    code, out, _ = run(capsys, "gaps", "--city", "komoro")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("小諸市は39項目中")
    body = lines[2:]
    assert max(_width(ln) for ln in body) <= width
    assert any(ln.startswith("3/4 ") and "公式アカウントの明示" in ln for ln in body)  # most documents first
    assert any("モデル条文（小樽市 otaru:4）" in ln for ln in body)


def test_output_file_has_bom(capsys, tmp_path):
    out = tmp_path / "coverage.csv"
    code, _, err = run(capsys, "coverage", "--output", str(out))
    assert code == 0 and out.read_bytes()[:3] == b"\xef\xbb\xbf" and "39" in err


def test_add_cp932_file_and_directory_with_metadata(capsys, tmp_path, root, monkeypatch):
    monkeypatch.setenv("SNSCOMPARE_CACHE_DIR", str(tmp_path / "cache"))
    text = (root / "tests/devset/policies/higashiyama.txt").read_text(encoding="utf-8")
    f = tmp_path / "東山市案.txt"
    f.write_bytes(text.encode("cp932"))
    code, out, _ = run(capsys, "coverage", "--format", "csv", "--add", str(f))
    df = pd.read_csv(io.StringIO(out))
    assert df.columns[6] == "東山市案" and df["東山市案"].gt(0).sum() >= 15
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a1.txt").write_text(text, encoding="utf-8")
    (d / "metadata.yaml").write_text("a1: {city: 東山市, title: 東山市SNS運用ポリシー, prefecture: 架空県}\n", encoding="utf-8")
    code, out, _ = run(capsys, "--cache", "coverage", "--format", "csv", "--add", str(d), "--no-labels")
    assert code == 0 and pd.read_csv(io.StringIO(out)).columns[-1] == "a1"


def test_clauses_and_gaps(capsys):
    code, out, _ = run(capsys, "clauses", "--doc", "otaru", "--topic", "reply_policy", "--format", "json")
    assert code == 0 and "コメント等へ個別の返信等は原則行わない" in out
    code, out, _ = run(capsys, "gaps", "--city", "komoro")
    assert code == 0 and out.startswith("小諸市は39項目中")


@pytest.mark.parametrize("argv,needle", [
    (["clauses", "--doc", "nagano"], "komoro"),
    (["gaps", "--city", "x"], "komoro"),
    (["clauses", "--topic", "nothing"], "governing_law"),
    (["coverage", "--add", "/no/such/file.txt"], "見つかりません"),
])
def test_errors_name_the_allowed_values(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code != 0 and out == "" and needle in err and "Traceback" not in err


def test_bad_file_exits_nonzero_without_traceback(tmp_path, root):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    r = subprocess.run([sys.executable, "-m", "snscompare", "coverage", "--add", str(bad)], cwd=root,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "Traceback" not in r.stderr and "broken.docx" in r.stderr


# --- every error has its message (issue 14) --------------------------------------------------

JAPANESE = __import__("re").compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.mark.parametrize("argv, needle", [
    (["check", "-x.txt"], "./-x.txt"),  # a file named like an option
    (["coverage", "--bogus"], "知らない引数"),
    (["coverage", "--format", "xml"], "使えません"),
    (["gaps"], "必要です"),
    (["synth", "--docs", "-1", "--out", "/nonexistent-snscompare/x"], "100,000"),
    (["synth", "--docs", "0", "--out", "/nonexistent-snscompare/x"], "100,000"),
    (["synth", "--docs", "100001", "--out", "/nonexistent-snscompare/x"], "100,000"),
    (["synth", "--docs", "many", "--out", "/nonexistent-snscompare/x"], "100,000"),
    (["--workers", "0", "coverage"], "--workers"),
    (["gaps", "--city", "komoro", "--min-docs", "-3"], "--min-docs"),
])
def test_argument_errors_are_in_japanese(capsys, argv, needle):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    _, err = capsys.readouterr()
    assert exit_.value.code == 2
    message = err.strip().splitlines()[-1] if needle != "./-x.txt" else err
    assert "エラー / error:" in err and JAPANESE.search(message) and " / " in message, err
    assert needle in err and "Traceback" not in err


def test_the_bounds_of_synth_docs_are_inclusive():
    from snscompare.cli import make_parser

    for n in ("1", "100000"):
        assert make_parser().parse_args(["synth", "--docs", n, "--out", "/nonexistent-snscompare/x"]).docs == int(n)


def test_a_file_named_like_an_option_can_be_checked(tmp_path, root):
    (tmp_path / "-x.txt").write_text((root / "data/policies/saku.txt").read_text(encoding="utf-8"), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "snscompare", "check", "--format", "json", "--", "-x.txt"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=300,
                       env=dict(__import__("os").environ, PYTHONPATH=str(root)))
    assert r.returncode == 0, r.stderr
    assert '"doc_id": "-x"' in r.stdout


def test_output_to_a_named_pipe_is_refused_without_waiting(tmp_path, root):
    import os

    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    # Before, the write waited for a reader that never came: the timeout would fail this test.
    r = subprocess.run([sys.executable, "-m", "snscompare", "coverage", "--output", str(fifo)], cwd=root,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "通常のファイルではない" in r.stderr and "not a regular file" in r.stderr
    for target in (tmp_path, "/dev/null"):
        r = subprocess.run([sys.executable, "-m", "snscompare", "coverage", "--output", str(target)], cwd=root,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 2 and "通常のファイルではない" in r.stderr, r.stderr


def test_an_unreadable_directory_for_add(tmp_path, root):
    from unprivileged import run_unprivileged

    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.txt").write_text((root / "data/policies/saku.txt").read_text(encoding="utf-8"), encoding="utf-8")
    folder.chmod(0)
    try:
        r = run_unprivileged(["-m", "snscompare", "coverage", "--add", str(folder)])
    finally:
        folder.chmod(0o700)
    assert r.returncode == 2, r.stderr
    assert "権限" in r.stderr and "permission" in r.stderr and "locked" in r.stderr and "内部エラー" not in r.stderr


def test_an_unwritable_cache(tmp_path, root):
    from unprivileged import run_unprivileged

    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    try:
        r = run_unprivileged(["-m", "snscompare", "--cache", "coverage", "--add", str(root / "data/policies/saku.txt")],
                             env={"SNSCOMPARE_CACHE_DIR": str(cache)})
    finally:
        cache.chmod(0o700)
    assert r.returncode == 2, r.stderr
    assert "キャッシュ" in r.stderr and "SNSCOMPARE_CACHE_DIR" in r.stderr and "内部エラー" not in r.stderr


# --- nothing a document says reaches the terminal as a command -----------------------------

TERMINAL_TRICKS = ("\x1b]0;偽のタイトル\x07", "\x1b[2J", "\x1b]52;c;ZWNobyBoaQ==\x07",
                   "\x1b]8;;http://x.invalid\x1b\\link\x1b]8;;\x1b\\", "\u202etxt.exe")


def test_control_characters_of_a_document_are_shown_as_marks(capsys, tmp_path, root, monkeypatch):
    monkeypatch.setenv("SNSCOMPARE_CACHE_DIR", str(tmp_path / "cache"))
    text = (root / "data/policies/saku.txt").read_text(encoding="utf-8")
    policy = tmp_path / "tricks.txt"
    tricks = "".join(TERMINAL_TRICKS)
    policy.write_text(f"{tricks} SNS運用方針\n{text}\n附則\n{tricks}この方針は、令和7年4月1日から施行する。\n", encoding="utf-8")
    for argv in (["clauses", "--doc", "tricks", "--add", str(policy)],
                 ["clauses", "--doc", "tricks", "--format", "md", "--add", str(policy)],
                 ["check", str(policy)]):
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
        assert "␛]0;偽のタイトル␇" in out or "␛\\]0;偽のタイトル␇" in out  # (md escapes the ])
        assert "<U+202E>" in out or argv[0] == "check"  # the check's table cuts text at 50 characters
    # data for programs is left as it is when it goes to a pipe (stdout is not a terminal here)
    code, out, _ = run(capsys, "clauses", "--doc", "tricks", "--format", "csv", "--add", str(policy))
    assert code == 0 and "\x1b]52;c;" in out


def test_a_file_name_with_escape_sequences_in_an_error(capsys, tmp_path):
    code, out, err = run(capsys, "check", str(tmp_path / "\x1b[2Jmissing.txt"))
    assert code == 2 and "\x1b" not in err and "␛[2Jmissing.txt" in err
