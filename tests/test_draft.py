"""Checking a draft and building one (snscompare.check, .report, .build), on files made here.

The drafts are the real policies turned into .docx (python-docx), .pdf (reportlab's
HeiseiMin-W3 CID font) and cp932 text; the bad inputs are made the same way.
"""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import pandas as pd
import pytest

from snscompare import build, check
from snscompare.report import CHECK_FORMATS, render_check
from snscompare.errors import InputError, NotAPolicyError
from snscompare.export import to_csv_bytes
from snscompare.readers import read_document
from snscompare.tables import covered_topics, gaps_for
from broken_files import docx_from_text

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


# --- files made by code --------------------------------------------------------------


def policy_text(root, doc_id: str) -> str:
    return (root / "data" / "policies" / f"{doc_id}.txt").read_text(encoding="utf-8")


def pdf_bytes(text: str | None, *, width: int = 38) -> bytes:
    """A text PDF in HeiseiMin-W3 (lines wrapped mid-sentence), or, with ``text``
    None, a page holding only a drawn box: what a scan looks like to a reader."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    if text is None:
        c.setFillGray(0.3)
        c.rect(60, 300, 400, 400, fill=1)
        c.showPage()
        c.save()
        return buf.getvalue()
    y = 800
    c.setFont("HeiseiMin-W3", 10)
    for para in text.split("\n"):
        chunks = [para[i:i + width] for i in range(0, len(para), width)] or [""]
        for chunk in chunks:
            if y < 50:
                c.showPage()
                c.setFont("HeiseiMin-W3", 10)
                y = 800
            c.drawString(40, y, chunk)
            y -= 14
    c.showPage()
    c.save()
    return buf.getvalue()


RECIPE = """肉じゃがの作り方

材料（4人分）
・じゃがいも　3個
・玉ねぎ　1個
・牛肉　200g

作り方
1. じゃがいもは皮をむいて一口大に切る。
2. 玉ねぎはくし形に切る。
3. 鍋に油を熱し、牛肉を炒める。
4. 野菜を加えて水と調味料を入れ、20分煮る。

令和5年4月1日作成
"""


@pytest.fixture(scope="module")
def komoro_report(root, alignment):
    return check.check_text(policy_text(root, "komoro"), name="小諸案", alignment=alignment)


# --- reading drafts in every format --------------------------------------------------


def test_docx_draft_covers_what_the_policy_covers(root, alignment):
    data = docx_from_text(policy_text(root, "komoro"))
    report = check.check_report(data, filename="わが市案.docx", alignment=alignment)
    assert report.name == "わが市案"
    assert report.doc_id == "わが市案"
    assert set(report.covered) == covered_topics(alignment, "komoro")
    # the corpus is untouched: the draft lives in the report's own alignment
    assert report.doc_id not in alignment.doc_ids
    assert report.alignment.doc_ids == alignment.doc_ids + [report.doc_id]


def test_pdf_draft_in_heiseimin(root, alignment):
    data = pdf_bytes(policy_text(root, "otaru"))
    report = check.check_report(data, filename="otaru_draft.pdf", alignment=alignment)
    want = covered_topics(alignment, "otaru")
    got = set(report.covered)
    # lines broken mid-sentence every 38 characters are joined again by the reader
    assert len(got & want) >= 0.9 * len(want), sorted(want - got)
    assert {"purpose", "definitions", "city_prohibited", "user_prohibited", "moderation"} <= got


def test_cp932_text_file(root, alignment, tmp_path):
    path = tmp_path / "kitami_sjis.txt"
    path.write_bytes(policy_text(root, "kitami").encode("cp932", errors="strict"))
    report = check.check_report(path, alignment=alignment)
    assert report.name == "kitami_sjis"
    assert set(report.covered) == covered_topics(alignment, "kitami")


def _files(*roots) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file under ``roots`` (the virtualenv, git and bytecode aside)."""
    out = {}
    for r in roots:
        for dirpath, dirnames, filenames in os.walk(r):
            dirnames[:] = [d for d in dirnames if d not in (".venv", ".git", "__pycache__", ".pytest_cache")]
            for f in filenames:
                path = os.path.join(dirpath, f)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                out[path] = (st.st_size, st.st_mtime_ns)
    return out


def test_bytes_are_never_written_to_disk(root, alignment, tmp_path, monkeypatch):
    """Checking an upload leaves every file where a write could land as it was: the
    repository (data/, .cache/ …), the working directory and the temporary directory."""
    import tempfile

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    canary = "カナリア検査用の文字列ZQ7"
    data = docx_from_text(policy_text(root, "saku") + "\n\n9 その他\n" + canary + "はこのとおりとする。")
    before = _files(root, tmp_path)
    report = check.check_report(data, filename="saku.docx", alignment=alignment)
    assert report.doc_id == "saku-2"  # an id that clashes with the corpus is made unique
    assert report.covered and any(canary in u.text for u in report.unplaced)
    after = _files(root, tmp_path)
    assert after == before, sorted(set(after.items()) ^ set(before.items()))[:5]


# --- bad input ----------------------------------------------------------------------------


def _corrupted_docx(root) -> bytes:
    data = bytearray(docx_from_text(policy_text(root, "komoro")))
    mid = len(data) // 2
    data[mid:mid + 200] = b"\x00" * 200
    return bytes(data)


BAD_INPUTS = {
    "empty": lambda root: ("draft.txt", b"", InputError),
    "whitespace": lambda root: ("draft.txt", "　\n \n".encode("utf-8"), InputError),
    "binary": lambda root: ("draft.txt", bytes(range(256)) * 40, InputError),
    "legacy_doc": lambda root: ("draft.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, InputError),
    "unsupported": lambda root: ("draft.xlsx", b"PK\x03\x04whatever", InputError),
    "corrupted_docx": lambda root: ("draft.docx", _corrupted_docx(root), InputError),
    "truncated_docx": lambda root: ("draft.docx", docx_from_text("第1条 目的")[:900], InputError),
    "not_a_pdf": lambda root: ("draft.pdf", "これはPDFではありません".encode("utf-8"), InputError),
    "scanned_pdf": lambda root: ("scan.pdf", pdf_bytes(None), InputError),
    "recipe": lambda root: ("recipe.txt", RECIPE.encode("utf-8"), NotAPolicyError),
    "recipe_docx": lambda root: ("recipe.docx", docx_from_text(RECIPE), NotAPolicyError),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gets_a_japanese_message(case, root, alignment):
    filename, data, error = BAD_INPUTS[case](root)
    with pytest.raises(error) as exc:
        check.check_report(data, filename=filename, alignment=alignment)
    message = str(exc.value)
    ja, _, en = message.partition(" / ")
    assert filename in ja and JAPANESE.search(ja), message  # names the file, in Japanese …
    assert re.search(r"[A-Za-z]{2,} [a-z]{2,}", en), message  # … with an English gloss
    assert exc.value.message.strip() and "File \"" not in message and "line " not in en


def test_oversize_file(alignment, tmp_path):
    from snscompare.readers import MAX_UPLOAD_BYTES

    big = ("第1条 この要綱は、SNSの運用に関し必要な事項を定める。\n" * 400_000).encode("utf-8")
    assert len(big) > MAX_UPLOAD_BYTES
    with pytest.raises(InputError, match="大きすぎます"):
        check.check_report(big, filename="big.txt", alignment=alignment)
    path = tmp_path / "big.txt"
    path.write_bytes(big)
    with pytest.raises(InputError, match="大きすぎます"):
        check.check_report(path, alignment=alignment)
    with pytest.raises(InputError, match="大きすぎます"):
        check.check_report(b"x" * 2000, filename="small.txt", alignment=alignment, max_bytes=1000)


def test_missing_file_and_pasted_nothing(alignment, tmp_path):
    with pytest.raises(InputError, match="見つかりません"):
        check.check_report(tmp_path / "none.docx", alignment=alignment)
    with pytest.raises(InputError, match="文字がありません"):
        check.check_text("  \n", name="貼り付け", alignment=alignment)
    with pytest.raises(NotAPolicyError, match="SNS 運用ポリシー"):
        check.check_text(RECIPE, name="レシピ", alignment=alignment)


# --- the report --------------------------------------------------------------------------


def test_a_removed_section_is_exactly_the_new_gap(root, alignment):
    """Komoro without its section 8 (準拠法・裁判管轄), the next section renumbered the
    way a drafter would: governing_law becomes a gap, everything else stays."""
    text = policy_text(root, "komoro")
    start = text.index("８　準拠法")
    end = text.index("９　当市が運用")
    edited = text[:start] + "８" + text[end + 1:]
    report = check.check_text(edited, name="小諸改", alignment=alignment)

    own = covered_topics(alignment, "komoro")
    assert set(report.covered) == own - {"governing_law"}
    gaps = set(report.gaps["topic_id"])
    assert "governing_law" in gaps
    assert gaps == set(gaps_for(alignment, "komoro")["topic_id"]) | {"governing_law"}
    row = report.gaps.set_index("topic_id").loc["governing_law"]
    assert "komoro" in row["covered_by"].split(",") and row["model_text"]


def test_report_contents(komoro_report, alignment):
    r = komoro_report
    assert r.n_topics == len(alignment.taxonomy.topics)
    assert r.summary.startswith("小諸案は39項目中")
    m = r.covered["governing_law"][0]
    assert "長野地方裁判所" in m.text and m.score > 0 and m.reason
    # Komoro's section 7 list is a list of users' posts
    user = r.prohibited[r.prohibited["direction"] == "user"]
    assert {"illegal", "defamation", "political_religious", "commercial"} <= set(user["category_id"])
    assert r.prohibited_gaps.columns[:2].tolist() == ["category_id", "direction"]
    own_unplaced = [c.replace("komoro:", "小諸案:", 1) for c in alignment.per_doc["komoro"].unplaced
                    if c != "komoro:pre1"]  # its title line is its title
    assert [u.clause_id for u in r.unplaced] == own_unplaced
    assert all(u.text for u in r.unplaced)


def test_the_figures_agree(komoro_report):
    """One count behind the summary, the metric and the strong-gap caption (「8項目が欠けています」
    beside a figure of 31 was two counts)."""
    r = komoro_report
    strong = len(r.compared_with) - 1
    assert r.strong == strong == 4
    assert r.n_strong == int((r.gaps["n_docs"] >= strong).sum())
    assert f"{len(r.gaps)}項目が欠けています" in r.summary
    assert f"うち{strong}文書以上が定めている項目は{r.n_strong}" in r.summary
    assert r.summary.startswith(f"小諸案は39項目中{len(r.covered)}項目をカバー")
    assert r.summary_in("en").startswith(f"小諸案 covers {len(r.covered)} of 39 topics. It lacks {len(r.gaps)}")
    data = json.loads(render_check(r, "json"))
    assert (data["n_gaps"], data["n_strong"]) == (len(r.gaps), r.n_strong)


def test_the_title_line_is_a_title(komoro_report, alignment):
    assert komoro_report.title == "小諸市ソーシャルメディア運用ポリシー"
    assert "komoro:pre1" in alignment.per_doc["komoro"].unplaced  # the aligner places no topic on it …
    assert "小諸案:pre1" not in {u.clause_id for u in komoro_report.unplaced}  # … and it is no unplaced clause
    assert all(u.text != komoro_report.title for u in komoro_report.unplaced)


TWO_ARTICLES = ("第1条 職員は、公式SNSを運用するときは、市民に分かりやすい言葉を使う。\n"
                "第2条 担当者は、毎月の発信件数を記録する。")


def test_a_two_article_paste_gets_a_report_that_says_it_is_short(root, alignment):
    r = check.check_text(TWO_ARTICLES, name="貼り付け", alignment=alignment)
    assert r.notes == ("short", "no_topic")
    short, no_topic = r.note_texts("ja")
    assert f"{len(TWO_ARTICLES)}文字" in short and "2条項" in short and "中央値" in short
    assert len(r.gaps) == len([t for t in alignment.taxonomy.topic_ids if alignment.covering(t)])
    assert "短い文章です" in render_check(r, "md") and "short" in render_check(r, "json")
    long = check.check_text(policy_text(root, "komoro"), name="長い", alignment=alignment)
    assert "short" not in long.notes


def test_prohibited_gaps_most_widely_listed_first(alignment):
    r = check.check_text(TWO_ARTICLES + "\n第3条 次の投稿は削除する。\n(1) 誹謗中傷するもの\n(2) 広告",
                         name="短い案", alignment=alignment)
    n = r.prohibited_gaps["n_docs"].tolist()
    assert n == sorted(n, reverse=True) and n[0] > n[-1]
    # a category in four documents' lists comes before one in a single document's, whatever the direction
    first_city = r.prohibited_gaps.index[r.prohibited_gaps["direction"] == "city"][0]
    assert r.prohibited_gaps.loc[first_city, "n_docs"] >= r.prohibited_gaps["n_docs"].iloc[-1]


def test_a_check_past_its_time_budget_reports_the_part_done(root, alignment):
    one = policy_text(root, "komoro")  # 54 clauses
    text = "\n\n".join(one for _ in range(2 * check.CHUNK_CLAUSES // 50))  # more than two parts
    full = check.check_text(text, name="長い案", alignment=alignment)
    part = check.check_text(text, name="長い案", alignment=alignment, budget_s=1e-6)
    assert full.n_checked == full.n_clauses > check.CHUNK_CLAUSES and "partial" not in full.notes
    assert "partial" in part.notes and 0 < part.n_checked < part.n_clauses
    assert check.CHUNK_CLAUSES <= part.n_checked <= 4 * check.CHUNK_CLAUSES  # the first part only
    message = part.note_texts("ja")[-1]
    assert f"{part.n_clauses}条項のうち先頭から{part.n_checked}条項" in message and "秒" in message
    # the part done is checked as the whole would be
    done = {c.id for c in part.alignment.doc(part.doc_id).clauses[: part.n_checked]}
    full_own = {(t, m.clause_id) for t, ms in full.covered.items() for m in ms if m.clause_id in done}
    part_own = {(t, m.clause_id) for t, ms in part.covered.items() for m in ms}
    assert part_own == full_own
    assert "時間の上限" in render_check(part, "md")


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_render_check_formats(fmt, komoro_report):
    out = render_check(komoro_report, fmt)
    assert isinstance(out, str) and out.strip()
    if fmt == "csv":
        df = pd.read_csv(io.StringIO(out))
        assert df.columns[0] == "section"
        assert set(df["section"]) == {"summary", "covered", "gap", "prohibited", "prohibited_gap", "unplaced"}
        assert set(df.loc[df["section"] == "covered", "id"]) == set(komoro_report.covered)
    elif fmt == "json":
        data = json.loads(out)
        assert data["n_covered"] == len(komoro_report.covered)
        assert {g["topic_id"] for g in data["gaps"]} == set(komoro_report.gaps["topic_id"])
    elif fmt == "md":
        assert out.startswith("# SNS運用ポリシー案の点検結果: 小諸案")
        for heading in ("## 1. 欠けている項目", "## 2. カバーしている項目", "## 3. 禁止事項", "## 4. 分類できなかった条項"):
            assert heading in out
    else:
        assert "カバーしている項目" in out and "欠けている項目" in out


def test_render_check_rejects_unknown_format(komoro_report):
    from snscompare.errors import SnsCompareError

    with pytest.raises(SnsCompareError, match="table, csv, json, md"):
        render_check(komoro_report, "xml")


# --- building a draft ---------------------------------------------------------------------


STRIP_CASES = [
    ("第9条 小樽市公式 SNS を通じて", "小樽市公式 SNS を通じて"),
    ("第１２条　削除", "削除"),
    ("８　準拠法・裁判管轄について", "準拠法・裁判管轄について"),
    ("(１) 常に利用者に敬意を表し", "常に利用者に敬意を表し"),
    ("（３）情報発信機関は", "情報発信機関は"),
    ("①誹謗中傷や不敬な言い方を含む情報", "誹謗中傷や不敬な言い方を含む情報"),
    ("ア　アカウント責任者", "アカウント責任者"),
    ("1. 目的", "目的"),
    ("この要綱は、令和7年から適用する。", "この要綱は、令和7年から適用する。"),
    ("25年の経験", "25年の経験"),
]


@pytest.mark.parametrize("text, expected", STRIP_CASES)
def test_strip_marker(text, expected):
    assert build.strip_marker(text) == expected


def test_default_skeleton(alignment):
    for n in range(1, 6):
        sk = build.default_skeleton(alignment, n)
        order = alignment.taxonomy.topic_ids
        assert sk == sorted(sk, key=order.index)
        for t in sk:
            assert sum(t in covered_topics(alignment, d) for d in alignment.doc_ids) >= n
    assert set(build.default_skeleton(alignment, 5)) <= set(build.default_skeleton(alignment, 3))
    assert "purpose" in build.default_skeleton(alignment, 5)


def test_topic_options_reuse_whole_lists(alignment):
    opts = {o.source_doc: o for o in build.topic_options(alignment, "user_prohibited")}
    komoro = opts["komoro"]
    assert komoro.source_clause_id == "komoro:7"  # the list, not one of its items
    lines = komoro.text.split("\n")
    assert lines[0].startswith("利用者がSNS公式アカウントに関して")  # number and title stripped
    assert [ln[:5] for ln in lines[1:4]] == ["（１）法律", "（２）特定", "（３）政治"]
    assert sum(ln.startswith("（") for ln in lines) == 16
    assert komoro.source_city == "小諸市"


def _choices(al, n=3):
    return [build.topic_options(al, t)[0] for t in build.default_skeleton(al, n)]


@pytest.mark.parametrize("style", build.STYLES)
def test_built_docx_reparses_to_the_chosen_clauses(style, alignment):
    choices = _choices(alignment)
    built = build.assemble(choices, style=style, title="テスト市SNS運用ポリシー（案）")
    data = build.to_docx_bytes(built)
    text = read_document(data, "built.docx")
    assert text.split("\n")[0] == "テスト市SNS運用ポリシー（案）"
    report = check.check_text(text, name="built", alignment=alignment)
    doc = report.alignment.doc(report.doc_id)
    top = [c for c in doc.clauses if c.depth == 0 and c.kind not in ("preamble", "supplement")]
    assert len(top) == len(built.articles)
    # every topic chosen is an article, the 附則 (the effective date), or merged into another's clause
    assert {t for a in built.articles for t in a.topic_ids} | {build.SUPPLEMENT_TOPIC} == {c.topic_id for c in choices}
    assert [c.title for c in top] == [a.heading for a in built.articles]
    assert {c.topic_id for c in choices} - {build.SUPPLEMENT_TOPIC} <= set(report.covered)
    assert [c.kind for c in doc.clauses if c.depth == 0][-1] == "supplement"
    if style == "article":
        assert [c.label for c in top] == [f"第{i}条" for i in range(1, len(top) + 1)]
        assert "第1条　" in text and text.index("（目的") < text.index("第1条　")
    else:
        assert "\n1. 目的" in text
    assert "（１）" in text and "（２）" in text
    # typed numbers, not Word's list numbering (which would vanish from the text)
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "<w:numPr>" not in xml


@pytest.mark.parametrize("style", build.STYLES)
def test_markdown_reparses_too(style, alignment):
    choices = _choices(alignment, 4)
    built = build.assemble(choices, style=style, title="案")
    md = build.to_markdown(built)
    report = check.check_text(md, name="md", alignment=alignment)
    doc = report.alignment.doc(report.doc_id)
    top = [c for c in doc.clauses if c.depth == 0 and c.kind not in ("preamble", "supplement")]
    assert len(top) == len(built.articles)
    assert {c.topic_id for c in choices} - {build.SUPPLEMENT_TOPIC} <= set(report.covered)


def test_assemble_renumbers_edited_text(alignment):
    choices = [
        build.DraftClause("purpose", "第5条　この方針は、市の情報発信について定める。", heading="目的"),
        build.DraftClause("user_prohibited", "次の投稿は削除する。\n(1) 誹謗中傷\n③ わいせつな表現\n（９）広告", "", ""),
        build.DraftClause("policy_changes", ""),  # empty: left out
    ]
    built = build.assemble(choices, style="article", taxonomy=alignment.taxonomy)
    assert len(built.articles) == 2
    text = build.to_markdown(built)
    assert "第1条　この要綱は" in text and "第5条" not in text  # numbered afresh, named by its kind
    assert "（１）誹謗中傷" in text and "（２）わいせつな表現" in text and "（３）広告" in text
    assert "（利用者の禁止事項）" in text  # the topic's label when no heading is given
    src = build.sources_frame(built)
    assert src.columns.tolist()[:4] == ["position", "number", "topic_id", "label_ja"]
    assert src["source_city"].tolist() == ["（独自の文案）", "（独自の文案）"]
    assert to_csv_bytes(src).startswith(b"\xef\xbb\xbf")


def test_sources_frame_names_cities(alignment):
    built = build.assemble(_choices(alignment, 5), style="section")
    src = build.sources_frame(built)
    assert src["position"].tolist() == list(range(1, len(src) + 1))
    assert set(src["source_city"]) <= {d.name for d in alignment.docs}
    for cid, doc in zip(src["source_clause_id"], src["source_doc"]):
        assert cid.startswith(doc + ":")


def test_city_names_flagged_and_replaced(alignment):
    text = "小諸市（以下「当市」という。）は、市立小諸図書館と小樽市公式 SNS を運用する。"
    assert build.city_names_in(text, alignment) == ["小諸市", "当市", "小諸", "小樽市"]
    assert build.city_names_in(text, alignment, generic=False) == ["小諸市", "小諸", "小樽市"]
    assert build.replace_city(text, "小諸市", "佐久市").startswith("佐久市（以下")
    out = build.replace_cities(text, alignment, "伊那市")
    assert out == "伊那市（以下「当市」という。）は、市立伊那図書館と伊那市公式 SNS を運用する。"
    assert build.city_names_in(out, alignment, generic=False) == []
    assert build.replace_cities(text, alignment, "") == text


def test_own_clauses_of_a_checked_draft(komoro_report):
    al = komoro_report.alignment
    own = build.own_clauses(al, komoro_report.doc_id, "governing_law")
    assert own is not None and "日本法が準拠法" in own.text
    assert build.own_clauses(al, komoro_report.doc_id, "flaming_response") is None


# --- CLI ---------------------------------------------------------------------------------------


def _cli(root, *args):
    return subprocess.run([sys.executable, "-m", "snscompare", *args], cwd=root, capture_output=True,
                          text=True, encoding="utf-8", timeout=180)


@pytest.mark.parametrize("fmt", ["md", "csv"])  # table and json: test_render_check_formats
def test_cli_check_good_file(fmt, root, tmp_path):
    path = tmp_path / "draft.docx"
    path.write_bytes(docx_from_text(policy_text(root, "komoro")))
    res = _cli(root, "check", str(path), "--format", fmt)
    assert res.returncode == 0, res.stderr
    assert "governing_law" in res.stdout or "準拠法" in res.stdout
    if fmt == "csv":
        assert res.stdout.startswith("section,")
    else:
        assert res.stdout.startswith("# SNS運用ポリシー案の点検結果: draft")


@pytest.mark.parametrize("name, data", [("draft.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
                                        ("recipe.txt", RECIPE.encode("cp932")),
                                        ("empty.txt", b"")])
def test_cli_check_bad_file(name, data, root, tmp_path):
    path = tmp_path / name
    path.write_bytes(data)
    res = _cli(root, "check", str(path))
    assert res.returncode != 0
    assert JAPANESE.search(res.stderr) and "Traceback" not in res.stderr
    assert res.stdout == ""
