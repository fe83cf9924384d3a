"""新旧対照表 (snscompare.revision): two versions of a real policy compared provision by
provision.  Otaru's 要綱 is revised the way a drafter would: one article edited, one
moved, one deleted, one added, every article renumbered.  The comparison must report
exactly those four, nothing for the renumbering, and underline exactly the characters
that changed in the Word file read back with python-docx."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import docx
import openpyxl
import pytest

from snscompare import revision
from snscompare.export import to_csv_bytes
from broken_files import docx_from_text

EDIT_OLD = "誤解を招かないようにしなければならない"
EDIT_NEW = "誤解を招かないよう努めなければならない"
ADDED = ("(炎上時の対応)\n\n第99条 公式アカウントに批判や苦情が殺到したときは、管理責任者等は速やかに事実を確認し、"
         "必要に応じて説明又は訂正を発信するものとする。")


def _articles(text: str) -> tuple[str, dict[str, str], list[str], str]:
    """(head, heading -> article, headings in order, 附則) of Otaru's text, cut at each （見出し）."""
    parts = re.split(r"\n(?=\([^)]+\)\n\n[-*\s]*\**第\d+条)", text)
    head, arts = parts[0], parts[1:]
    i = arts[-1].index("附則")
    arts[-1], suppl = arts[-1][:i].rstrip("\n"), arts[-1][i:]
    by = {a.split("\n")[0]: a for a in arts}
    return head, by, [a.split("\n")[0] for a in arts], suppl


def revise(text: str, *, edit=True, move=True, delete=True, add=True, renumber=True, transform=None) -> str:
    head, by, order, suppl = _articles(text)
    if edit:
        assert EDIT_OLD in by["(遵守事項)"]
        by["(遵守事項)"] = by["(遵守事項)"].replace(EDIT_OLD, EDIT_NEW)
    if delete:
        order.remove("(適用)")
    if move:
        order.remove("(アカウントのフォロー等について)")
        order.insert(order.index("(運営主体の明示)") + 1, "(アカウントのフォロー等について)")
    if add:
        by["(炎上時の対応)"] = ADDED
        order.insert(order.index("(利用者の書き込みの削除等)") + 1, "(炎上時の対応)")
    if transform:
        order = transform(by, order)
    out = []
    for n, t in enumerate(order, 1):
        out.append(re.sub(r"第\d+条", f"第{n}条", by[t], count=1) if renumber else by[t])
    return head + "\n" + "\n".join(out) + "\n\n" + suppl


@pytest.fixture(scope="module")
def otaru(root) -> str:
    return (root / "data" / "policies" / "otaru.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rev(otaru, alignment):
    return revision.compare(otaru, revise(otaru), old_name="現行", new_name="改正案", alignment=alignment)


def _by_kind(rev):
    return sorted((c.label, revision.names(c.new), revision.names(c.old)) for c in rev.changed)


def test_exactly_the_four_changes_and_nothing_for_the_renumbering(rev):
    assert _by_kind(rev) == sorted([
        ("削除", "", "第3条（適用）"),
        ("移動", "第4条（アカウントのフォロー等について）", "第14条（アカウントのフォロー等について）"),
        ("改正", "第9条（遵守事項）", "第9条（遵守事項）"),
        ("新設", "第13条（炎上時の対応）", ""),
    ])
    same = [c for c in rev.changes if not c.changed]
    renumbered = [(revision.names(c.new), revision.names(c.old)) for c in same if c.renumbered]
    # 第3条 deleted and 第14条 moved up: 第4条 becomes 第3条; the new 第13条 pushes 第13条 to 第14条
    assert renumbered == [("第3条（運営主体の明示）", "第4条（運営主体の明示）"),
                          ("第14条（コメント等への返信等について）", "第13条（コメント等への返信等について）")]
    assert all(c.kind == "unchanged" for c in same)
    assert rev.counts() == {"modified": 1, "moved": 1, "split": 0, "merged": 0, "inserted": 1, "deleted": 1,
                            "unchanged": len(same)}
    assert rev.title == "小樽市公式 SNS 運用要綱 新旧対照表"


def test_renumbering_alone_is_no_change(otaru, alignment):
    renumbered = revise(otaru, edit=False, move=False, add=False, delete=True)
    rev = revision.compare(otaru, renumbered, alignment=alignment)
    assert [c.label for c in rev.changed] == ["削除"]
    assert sum(c.renumbered for c in rev.changes) == 16  # 第4条 … 第19条 are now 第3条 … 第18条


def test_the_changed_characters_are_exactly_the_edit(rev):
    (c,) = [c for c in rev.changed if c.kind == "modified"]
    new, old = c.segments()
    assert [t for t, u in new if u] == ["努め"] and [t for t, u in old if u] == ["にし"]
    assert "".join(t for t, _ in new) == c.new_body() and "".join(t for t, _ in old) == c.old_body()


def _cell_runs(cell):
    return [(r.text, bool(r.underline)) for p in cell.paragraphs for r in p.runs]


def test_the_docx_underlines_exactly_the_changed_characters(rev):
    d = docx.Document(io.BytesIO(revision.to_docx_bytes(rev)))
    assert d.paragraphs[0].text == "小樽市公式 SNS 運用要綱 新旧対照表"
    assert d.core_properties.title == "小樽市公式 SNS 運用要綱 新旧対照表"
    (table,) = d.tables
    assert [c.text for c in table.rows[0].cells] == ["改正後", "改正前"]
    rows = {row.cells[0].text.split("\n")[0]: row for row in table.rows[1:]}
    edited = rows["第9条（遵守事項）"]
    assert [t for t, u in _cell_runs(edited.cells[0]) if u] == ["努め"]
    assert [t for t, u in _cell_runs(edited.cells[1]) if u] == ["にし"]
    added = rows["第13条（炎上時の対応）"]
    underlined = "".join(t for t, u in _cell_runs(added.cells[0]) if u)
    assert underlined.replace("(炎上時の対応)", "") == ADDED.split("第99条 ", 1)[1]
    assert added.cells[1].text == "（新設）"
    deleted = [r for r in table.rows if r.cells[0].text == "（削除）"]
    assert len(deleted) == 1 and "職務の一環として" in "".join(t for t, u in _cell_runs(deleted[0].cells[1]) if u)
    moved = rows["第4条（アカウントのフォロー等について）"]
    assert not any(u for _, u in _cell_runs(moved.cells[0]) + _cell_runs(moved.cells[1]))  # moved, not changed
    # unchanged provisions are folded: 「第5条～第8条　（略）」
    folded = [r.cells[0].text for r in table.rows if r.cells[0].text.endswith("（略）")]
    assert "第5条～第8条\u3000（略）" in folded
    assert not any(u for r in table.rows if r.cells[0].text.endswith("（略）") for _, u in _cell_runs(r.cells[0]))


def test_xlsx_and_csv(rev):
    wb = openpyxl.load_workbook(io.BytesIO(revision.to_xlsx_bytes(rev)), rich_text=True)
    ws = wb.active
    assert ws["A1"].value == "小樽市公式 SNS 運用要綱 新旧対照表"
    assert [ws.cell(3, j).value for j in (1, 2, 3)] == ["種別", "改正後", "改正前"]
    rows = {str(ws.cell(r, 2).value).split("\n")[0]: r for r in range(4, ws.max_row + 1)}
    cell = ws.cell(rows["第9条（遵守事項）"], 2).value
    blocks = [(b.text, b.font.u) for b in cell if hasattr(b, "font")]
    assert [t for t, u in blocks if u] == ["努め"]
    frame = revision.to_frame(rev)
    data = to_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    edited = frame[frame["change"] == "modified"].iloc[0]
    assert edited["new_changes"] == "「努め」" and edited["old_changes"] == "「にし」"
    assert set(frame["change"]) == {"modified", "inserted", "deleted", "unchanged"}
    assert frame["moved"].sum() == 1


def test_split_and_merged_articles(otaru, alignment):
    def split_and_merge(by, order):
        exempt = by["(免責事項)"]
        first, second = exempt.split("- 3 ", 1)
        by["(免責事項)"] = first.rstrip()
        by["(利用者間の紛争)"] = "(利用者間の紛争)\n\n第99条 " + second.replace("- 4 ", "2 ")
        order.insert(order.index("(免責事項)") + 1, "(利用者間の紛争)")
        merged = by["(委任)"] + "\n\n2 " + by["(その他)"].split("第19条", 1)[1].strip()
        by["(委任)"] = merged
        order.remove("(その他)")
        return order

    new = revise(otaru, edit=False, move=False, delete=False, add=False, transform=split_and_merge)
    rev = revision.compare(otaru, new, alignment=alignment)
    kinds = {c.kind: c for c in rev.changed}
    assert set(kinds) == {"split", "merged"}
    split = kinds["split"]
    assert [p.label for p in split.old] == ["第15条"] and [p.label for p in split.new] == ["第15条", "第16条"]
    merged = kinds["merged"]
    assert [p.label for p in merged.old] == ["第17条", "第19条"] and [p.label for p in merged.new] == ["第18条"]


def test_coverage_effect_of_deleting_the_prohibited_list(otaru, alignment):
    def drop_list(by, order):
        order.remove("(禁止事項)")
        return order

    new = revise(otaru, edit=False, move=False, delete=False, add=False, transform=drop_list)
    rev = revision.compare(otaru, new, alignment=alignment)
    cov = rev.coverage
    assert "city_prohibited" in cov.topics_lost and not cov.topics_gained
    assert ("defamation", "city") in cov.prohibited_lost and ("defamation", "user") in cov.prohibited_lost
    assert not cov.prohibited_gained
    frame = cov.frame()
    assert set(frame.loc[frame["what"] == "topic", "change"]) == {"lost"}


def test_the_markdown_table_escapes_document_text(otaru, alignment):
    new = otaru.replace(EDIT_OLD, "誤解を招かないよう<script>alert(1)</script>![x](http://example.com/x.png)しなければならない")
    md = revision.render(revision.compare(otaru, new, alignment=alignment), "md")
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "<u>" in md


# --- the CLI --------------------------------------------------------------------------------


def _cli(root, *args):
    return subprocess.run([sys.executable, "-m", "snscompare", *args], cwd=root, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


@pytest.fixture(scope="module")
def versions(otaru, tmp_path_factory):
    d = tmp_path_factory.mktemp("versions")
    old = d / "現行.txt"
    old.write_bytes(otaru.encode("cp932"))  # Shift_JIS, as many offices still save
    new = d / "改正案.docx"
    new.write_bytes(docx_from_text(revise(otaru)))
    return old, new


def test_cli_diff_formats(root, versions):
    old, new = versions
    res = _cli(root, "diff", str(old), str(new))
    assert res.returncode == 0, res.stderr
    assert "改正 1、移動 1、新設 1、削除 1" in res.stdout and "［努め］" in res.stdout
    res = _cli(root, "diff", "otaru", str(new), "--format", "json")
    data = json.loads(res.stdout)
    assert data["counts"]["modified"] == 1 and data["title"] == "小樽市公式 SNS 運用要綱 新旧対照表"
    res = _cli(root, "diff", str(old), str(new), "--format", "csv")
    assert res.stdout.startswith("change,") and "「努め」" in res.stdout
    res = _cli(root, "diff", str(old), str(new), "--format", "md")
    assert "| 改正後 | 改正前 |" in res.stdout and "<u>努め</u>" in res.stdout


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".csv"])
def test_cli_diff_output(suffix, root, versions, tmp_path):
    old, new = versions
    out = tmp_path / f"新旧対照表{suffix}"
    res = _cli(root, "diff", str(old), str(new), "--output", str(out))
    assert res.returncode == 0, res.stderr
    data = out.read_bytes()
    if suffix == ".docx":
        table = docx.Document(io.BytesIO(data)).tables[0]
        assert [c.text for c in table.rows[0].cells] == ["改正後", "改正前"]
    elif suffix == ".csv":
        assert data.startswith(b"\xef\xbb\xbf")
    else:
        assert data[:2] == b"PK"


def test_cli_diff_errors(root, versions, tmp_path):
    old, new = versions
    for args in (["diff", str(tmp_path / "none.txt"), str(new)], ["diff", str(old), str(new), "-o", str(tmp_path / "x.pdf")]):
        res = _cli(root, *args)
        assert res.returncode != 0 and res.stdout == ""
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", res.stderr) and "Traceback" not in res.stderr
