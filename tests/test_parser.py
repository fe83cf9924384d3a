"""The clause parser on the five real policies, and its properties on any text."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from snscompare.normalize import clean_text, normalize_text
from snscompare.parser import parse

from tests.conftest import DOC_IDS  # noqa: E402


def _items(doc, parent_id, kind="item"):
    return [c for c in doc.clauses if c.parent == parent_id and c.kind == kind]


# (document, parent clause, expected number of items, first item's text, last item's text)
LISTS = [
    ("komoro", "komoro:7", 16, "法律、法令等に違反する内容", "その他、当市が不適切と判断した情報"),
    ("otaru", "otaru:11", 15, "法令等に違反し、又は違反するおそれのある内容", "既に投稿された内容(似通った内容を含む。) をみだりに繰り返す内容"),
    ("tottori", "tottori:form1.1", 15, "特定の個人、企業、国、地域を誹謗中傷する内容", "鳥取市が不適切と判断した内容"),
    ("kitami", "kitami:4", 9, "本人の承諾なく個人情報や特定、開示、漏えいするもの", "その他北見市が不適切と判断するもの"),
    ("saku", "saku:6", 7, "誹謗中傷する情報を発信すること。", "その他公序良俗に反する一切の情報を発信すること。"),
    ("tottori", "tottori:3.4", 8, "誹謗中傷や不敬な言い方を含む情報", "その他公序良俗に反する一切の情報"),
    ("tottori", "tottori:2", 6, "Facebook(フェイスブック)", "インターネットのサービスでアカウントを作成して"),
    ("otaru", "otaru:10", 8, "職員として自覚と責任を持って情報を発信すること", "法令等を遵守すること"),
    ("saku", "saku:3.2", 5, "ソーシャルメディアによる情報発信を行う目的", "運用時間、意見や質問への対応方法など"),
    ("saku", "saku:8", 4, "利用者権限のこと", "收拾がつかなくなる状態のこと"),
]


@pytest.mark.parametrize("doc_id,parent,n,first,last", LISTS, ids=[x[1] for x in LISTS])
def test_item_lists(docs, doc_id, parent, n, first, last):
    items = _items(docs[doc_id], parent)
    assert len(items) == n
    assert first in items[0].text
    assert last in items[-1].text


def test_otaru_articles_and_paragraphs(docs):
    doc = docs["otaru"]
    articles = [c for c in doc.clauses if c.kind == "article"]
    assert [a.label for a in articles] == [f"第{i}条" for i in range(1, 20)]
    # (目的) above 第1条 is the article's title and part of its span.
    assert articles[0].title == "目的" and articles[0].text.startswith("(目的)")
    assert doc.clause("otaru:11").title == "禁止事項"
    # 第5条 has 項 2–7 (written "- 2", "- **4**", …); 項3 and 項6 have 号.
    paras = _items(doc, "otaru:5", kind="paragraph")
    assert [p.label for p in paras] == ["2", "3", "4", "5", "6", "7"]
    assert len(_items(doc, "otaru:5.3")) == 3 and len(_items(doc, "otaru:5.6")) == 2
    assert doc.clause("otaru:15.3").text.startswith("- 3 小樽市は、利用者間")
    assert doc.clause("otaru:suppl").kind == "supplement"
    assert "令和7年9月10日" in doc.clause("otaru:suppl").text


def test_heading_paths(docs):
    assert docs["komoro"].clause("komoro:7.2").heading_path == ("7 利用者の投稿の削除、ブロック等について",)
    assert docs["otaru"].clause("otaru:11.3").heading_path == ("第11条 禁止事項",)
    assert docs["otaru"].clause("otaru:5.3.2").heading_path == ("第5条 管理責任者等の設置", "3")
    assert docs["tottori"].clause("tottori:form1.1.3").heading_path == ("様式1", "1 注意事項")
    assert docs["saku"].clause("saku:4.1.イ").title == "アカウント管理者"
    assert docs["kitami"].clause("kitami:5.1").heading_path == ("5 免責事項",)


def test_tables_and_forms(docs):
    kitami = docs["kitami"]
    rows = _items(kitami, "kitami:2.1", kind="row")
    assert [r.title for r in rows] == ["種類", "Facebook", "Twitter", "Instagram"]
    assert "https://twitter.com/kitamisiyakusyo" in rows[2].clean and "<a href" not in rows[2].clean
    tottori = docs["tottori"]
    forms = [c for c in tottori.clauses if c.kind == "form"]
    assert [f.label for f in forms] == ["様式1", "様式2"]
    reply_row = next(c for c in tottori.clauses if c.kind == "row" and c.title == "投稿者への回答")
    assert "原則として行いません" in reply_row.text and reply_row.parent == "tottori:form1"


def test_preamble_and_titles(docs):
    assert docs["komoro"].clause("komoro:pre1").clean == "小諸市ソーシャルメディア運用ポリシー"
    assert "令和３年６月30日策定" in docs["komoro"].clause("komoro:pre2").text
    assert docs["kitami"].clause("kitami:pre1").clean == "北見市ソーシャルメディア運用方針"
    assert docs["kitami"].clause("kitami:8.h1").title == "言葉の定義"
    # The conversion artefact stays in the verbatim text, never in the clean copy.
    t = docs["tottori"].clause("tottori:pre1")
    assert t.text.startswith("[bookmark: _GoBack]") and "bookmark" not in t.clean


def test_counts_per_document(docs):
    # Pinned so that a parser change that moves clauses is noticed (and the gold re-checked).
    assert {d: len(docs[d].clauses) for d in DOC_IDS} == {
        "komoro": 55, "otaru": 69, "tottori": 86, "kitami": 37, "saku": 52}


def test_pdf_split_words_are_joined_in_norm(docs):
    p6 = docs["otaru"].clause("otaru:5.6")
    assert "管理 責任者" in p6.text  # verbatim keeps the split
    assert "管理責任者" in p6.norm and "管理 責任者" not in p6.norm
    c13 = docs["otaru"].clause("otaru:13.2")
    assert "htt ps://" in c13.text and "https://www.city.otaru.lg.jp" in c13.norm


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_spans_slice_back_and_cover_everything(docs, doc_id):
    doc = docs[doc_id]
    _check_spans(doc.text, doc.clauses)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_ids_unique_and_tree_consistent(docs, doc_id):
    doc = docs[doc_id]
    ids = [c.id for c in doc.clauses]
    assert len(ids) == len(set(ids))
    by_id = {c.id: c for c in doc.clauses}
    for c in doc.clauses:
        assert c.id.startswith(doc_id + ":")
        if c.parent:
            assert c.id in by_id[c.parent].children
            assert by_id[c.parent].start < c.start


def _check_spans(text, clauses):
    last_end = 0
    for c in clauses:
        assert text[c.start:c.end] == c.text
        assert c.start >= last_end, "spans overlap"
        # Nothing between two clauses but whitespace: no character is lost.
        assert text[last_end:c.start].strip(" \t\n\r\u3000\ufeff") == ""
        last_end = c.end
    assert text[last_end:].strip(" \t\n\r\u3000\ufeff") == ""


# --- properties on any text -------------------------------------------------------

MARKERS = ["第1条 ", "第2条 ", "2 ", "3 ", "(1) ", "（２）", "①", "② ", "ア ", "イ ", "一 ", "二 ", "## 1. ", "# ",
           "- ", "**", "(目的)\n", "（様式１）\n", "附則\n", "\t", "[bookmark: _GoBack]", "<a href=\"x\">", "１　", "1. "]
TEXT = st.lists(
    st.one_of(st.sampled_from(MARKERS), st.text(min_size=0, max_size=12), st.sampled_from(["\n", "\n\n", "\r\n", "\u3000", "\x00", "\x0b"])),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_parse_any_text_loses_nothing(text):
    clauses = parse(text, "x")
    _check_spans(text, clauses)
    assert len({c.id for c in clauses}) == len(clauses)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_normalizers_never_fail(text):
    once = normalize_text(text)
    assert isinstance(clean_text(text), str)
    assert "\u3000" not in once and "\n" not in once


def test_normalize_examples():
    assert normalize_text("（１）ＳＮＳ　管理 責任者") == "(1)sns 管理責任者"
    assert normalize_text("⽤語") == "用語"  # PDF radical U+2F64
    assert normalize_text("htt ps://example.jp") == "https://example.jp"
    assert re.search("ｱ", normalize_text("ｱｶｳﾝﾄ")) is None


def test_section_numbers_with_a_gap():
    text = "1 目的\n本方針は…\n\n2 定義\n(1) 利用者とは…\n\n4 返信\n返信は行いません。\n\n25 年 9 月の改定で追加。\n"
    cs = parse(text, "d")
    assert [c.label for c in cs if c.kind == "section"] == ["1", "2", "4"]
    # "25 年" is not a section number: it continues section 4.
    assert "25 年 9 月" in cs[-1].text and cs[-1].label == "4"


# A guideline numbered the way many are printed from PDF: 第N章, sections "N－M" under each
# chapter, items ①, sub-items (a), and a page number that fell inside a list.
GUIDELINE = """ソーシャルメディア運用ガイドライン
第１章　総則
１－１　目的
　このガイドラインは、本村がソーシャルメディアを利用して情報を発信する際の基本的な事項を定めるものです。
１－２　対象
　村が運用する公式アカウントを対象とします。
第２章　投稿のルール
２－１　禁止事項
　次に掲げる内容は、発信してはなりません。
① 法令に違反するもの
② 差別を助長するもの

－ ３ －

③ 政治活動又は宗教活動に関するもの
　(a) 選挙運動
　(b) 特定の宗教の勧誘
④ その他不適切と判断されるもの
２－２　コメントへの対応
① 利用者のコメントが２－１の禁止事項に該当するときは、削除します。
"""


def test_dashed_sections_under_chapters_and_latin_sub_items():
    clauses = {c.local_id: c for c in parse(GUIDELINE, "g")}
    assert [c for c in clauses if c.count(".") == 1 and c.startswith("ch")] == ["ch1.1-1", "ch1.1-2", "ch2.2-1", "ch2.2-2"]
    assert clauses["ch1.1-1"].kind == "section" and clauses["ch1.1-1"].title == "目的"
    assert clauses["ch2.2-1"].label == "2-1" and clauses["ch2.2-1"].title == "禁止事項"
    assert [k for k in clauses if k.startswith("ch2.2-1.")] == [
        "ch2.2-1.c1", "ch2.2-1.c2", "ch2.2-1.c3", "ch2.2-1.c3.a", "ch2.2-1.c3.b", "ch2.2-1.c4"]
    assert clauses["ch2.2-1.c3.b"].norm == "特定の宗教の勧誘"
    # The page number stays in the verbatim text (and its span), not in the clean and matching copies.
    item = clauses["ch2.2-1.c2"]
    assert "－ ３ －" in item.text and GUIDELINE[item.start:item.end] == item.text
    assert item.clean == "② 差別を助長するもの" and item.norm == "差別を助長するもの" and item.title == ""


def test_page_marks_only_whole_lines():
    assert clean_text("本文\n－ ３ －\n続き") == "本文\n\n続き"
    assert clean_text("- 12 -") == ""
    assert clean_text("第３条 １－２の規定") == "第３条 １－２の規定"


# --- the line classifier alone ------------------------------------------------------

from snscompare.parser import classify_lines  # noqa: E402


@pytest.mark.parametrize("line,kind,detail", [
    ("第3条 管理責任者", "marker", "article"),
    ("第一条 趣旨", "marker", "article"),
    ("(1)法令に違反するもの", "marker", "paren"),
    ("⑵ 投稿は職員が行う。", "marker", "paren"),
    ("1. 目的", "marker", "section:dot"),
    ("1 目的", "marker", "section:space"),
    ("1) 法令に違反するもの", "marker", "section:close"),
    ("第1.共通事項", "marker", "dai"),
    ("ア 千葉市公式アカウント", "marker", "kana"),
    ("① Facebook公式", "marker", "circled"),
    ("- 1. このガイドラインについて", "marker", "section:dot"),
    ("・法令等に違反するもの", "bullet", "・"),
    ("  • 県の魅力を伝える情報", "bullet", "•"),
    ("●対応時間", "bullet", "●"),
    ("- このTwitterアカウントは、町が運用しています。", "bullet", "-"),
    ("【免責事項】", "bracket", "【"),
    ("[アカウント名]", "bracket", "["),
    ("(目的)", "caption", "("),
    ("禁止事項", "short", ""),
    ("コメント等への対応", "short", ""),
    ("サイト名称 小諸市", "text", ""),  # a label and its value, not a heading
    ("平成27年10月1日", "text", ""),  # a date under the title
    ("利用者の投稿は削除することがあります。", "text", ""),
    ("目的・・・・・・・・・・2", "contents", ""),
    ("-1-", "artefact", ""),
    ("---|---|", "artefact", ""),
    ("| ユーザー名 | aoba_city |", "row", ""),
    ("X｜青葉町役場｜@aoba｜総務課", "row", ""),
])
def test_each_line_is_classified_on_its_own(line, kind, detail):
    [ln] = [x for x in classify_lines(line) if x.kind != "blank"]
    assert ln.kind == kind
    if kind == "marker":
        assert ln.marker.key == detail
    elif detail:
        assert ln.symbol == detail


def test_a_flattened_line_is_cut_into_virtual_lines_that_stay_spans_of_the_source():
    text = "要綱 (趣旨) 第 1 条 この要綱は、必要な事項を定める。 (定義) 第 2 条 用語の意義は次のとおり。 (1) 公式アカウント 市が運用するアカウントをいう。 (2) 炎上 批判が殺到する状態をいう。"
    lines = [ln for ln in classify_lines(text) if ln.kind != "blank"]
    assert [ln.kind for ln in lines] == ["short", "caption", "marker", "caption", "marker", "marker", "marker"]
    assert all(ln.virtual for ln in lines[1:]) and all(text[ln.start:ln.end] == ln.text for ln in lines)
    assert [ln.marker.label for ln in lines if ln.kind == "marker"] == ["第1条", "第2条", "(1)", "(2)"]
