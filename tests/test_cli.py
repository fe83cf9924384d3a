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
