"""Layouts that published policies use, written as short fictional texts (青葉町 and its
neighbours do not exist): each is read into the structure a reader sees, and its
prohibited list (if any) is found with its direction.  The families are those the
README of ../shared/realworld describes; the texts here are our own.
"""
from __future__ import annotations

import pytest

from snscompare.align import align_document
from snscompare.corpus import make_document

FLAT_RESTART = """青葉町公式ツイッター運用基準 (目的) 1. この基準は、青葉町が運用するツイッターについて必要な事項を定める。 (運用) 2. 運用は総務課が行う。 1. 投稿は平日に行う。 2. ! 緊急時はこの限りでない。 3. (禁止事項) 3. 次に該当するコメントは削除する。 1. 法令に違反するもの 2. 他人を誹謗中傷するもの 3. 営利を目的とするもの (免責) 4. 町は、掲載情報の正確性を保証しない。
"""

FLAT_SECTIONS = """青葉警察署ツイッター運用ポリシー  1 目的  本アカウントは、地域の安全に関する情報を発信するために運用します。  2 運用  (1) 運用は青葉警察署が行います。  (2) 投稿は原則として平日の日中に行います。  3 返信  本アカウントでは、リプライ等への返信は行いません。  4 免責  掲載した情報の正確性については保証しません。
"""

FLATTENED_NESTED = """青葉県ソーシャルメディア利用指針

はじめに
職員がソーシャルメディアを利用する際の心構えを定めます。

発信する情報
- 職員は、正確な情報を発信すること
- 次に掲げる情報は発信しないこと
- 他者の名誉を傷つける情報
- 法令に違反する情報
"""

GLUED = """青葉学園X運用方針
本方針は、青葉学園の公式アカウントの運用について定める。目的
学園の教育活動を広く知らせることを目的とする。運用体制
- 運用は教頭が管理する。
- 投稿は広報担当の教員が行う。コメントへの対応
コメントへの返信は原則として行わない。
"""

HANGING = """青葉県教育委員会公式note運用方針
                                  青葉県教育委員会教育総務課 1 目的
  この方針は、公式noteの運用に必要な事項を定める。
2 運用
  ⑴ 投稿は教育総務課の職員が行う。
  ⑵ 次の内容を含む投稿は共有しない。
      ア 公序良俗に反するもの
      イ 特定の個人を誹謗中傷す
        るもの
"""

KANJI_ARTICLES = """青葉県教員間情報共有SNS利用規約

第一条 趣旨
 この規約は、教員間情報共有SNSの利用について必要な事項を定め
 る。


第二条 利用者の遵守事項
 利用者は、次に掲げる行為をしてはならない。
 (1) 法令に違反する行為
 (2) 他の利用者を誹謗中傷する行
   為
 (3) 営利を目的とする行為
"""

LOST_HEADINGS = """この方針は、青葉市議会の公式Facebookページの運用について定めるものです。
(1) 名称 青葉市議会
(2) URL https://www.facebook.com/aoba.gikai <外部リンク>
本会議の日程や議会の活動をお知らせします。
(1) 投稿は議会事務局の職員が行います。
(2) コメントへの返信は行いません。
"""

NOSPACE_ITEMS = """青葉市LINE利用規約

青葉市LINEアカウントの利用にあたっては、以下の規約に同意のうえご利用ください。

1 目的
青葉市からのお知らせを届けるために運用します。
2 禁止事項
利用者は、次の行為を行ってはなりません。次の行為が確認された場合、投稿を削除することがあります。
(1)法令に違反する行為
(2)他人の名誉を傷つける行為
(3)営利を目的とした宣伝行為(ただし、市が認めたものを除きます。)
"""

TWO_LEVELS = """青葉市移住定住インスタグラム運用ポリシー
写真:青葉市の風景

アカウント名
aoba_life

運用者
青葉市シティセールス課

運用方法
 発信時間
原則として平日の日中に投稿します。

コメントについて
コメントへの返信は原則として行いません。

削除について
次のコメントは、予告なく削除する場合があります。
"""


INLINE = """青葉村公式インスタグラム運用方針

コメントについて
次のようなコメントは、予告なく削除することがあります。法令に違反するもの、他人を誹謗中傷するもの、営利を目的とするもの、公序良俗に反するもの。

免責事項
本村は、掲載する情報の正確性について保証しません。
"""

FULLWIDTH_ITEMS = """青葉市Facebookページ運用ポリシー

◆削除の対象
以下に該当する投稿は削除させていただきます。
１．特定の個人を誹謗中傷するもの
２．個人情報を含むもの
３．広告・宣伝を目的とするもの
◆著作権
掲載している写真等の著作権は青葉市に帰属します。
"""

COLON_HEAD = """青葉町LINE公式アカウント利用規約

１．禁止事項
　利用者は、本アカウントの利用にあたり、次の行為をしてはなりません。
　（１）他の利用者又は第三者を誹謗中傷する行為
　（２）公序良俗に反する行為
　（３）営利を目的とする行為
２．免責事項
　町は、利用者が本アカウントを利用したことにより生じた損害について、一切の責任を負いません。
"""


def _tree(text):
    doc = make_document("t", text)
    return doc, {c.local_id: c for c in doc.clauses}


def test_flattened_articles_numbered_1_with_captions_and_restarting_items(taxonomy):
    """One line from a PDF: (見出し) captions before "1." articles, sub-items numbered
    "1." again, an empty item and a "!" left by a lost glyph."""
    doc, c = _tree(FLAT_RESTART)
    assert [(k, c[k].title) for k in ("1", "2", "3", "4")] == [("1", "目的"), ("2", "運用"), ("3", "禁止事項"), ("4", "免責")]
    assert [k for k in c if k.startswith("3.")] == ["3.1", "3.2", "3.3"]
    assert all(c[k].kind == "item" for k in ("2.1", "3.1", "3.2", "3.3"))
    da = align_document(doc, taxonomy)
    [lst] = da.lists
    assert lst.clause_id == "t:3" and lst.directions == ["user"]
    assert [it.categories for it in da.items] == [("illegal",), ("defamation",), ("commercial",)]


def test_flattened_sections_separated_by_two_spaces():
    """A plain-text file on one line: "N 見出し  本文  (1) …  (2) …"."""
    _, c = _tree(FLAT_SECTIONS)
    assert [(k, c[k].kind, c[k].title) for k in ("1", "2", "3", "4")] == [
        ("1", "section", "目的"), ("2", "section", "運用"), ("3", "section", "返信"), ("4", "section", "免責")]
    assert [c[k].kind for k in ("2.1", "2.2")] == ["item", "item"]


def test_headings_glued_to_the_sentence_above():
    _, c = _tree(GLUED)
    assert [c[k].title for k in ("h1", "h2", "h3")] == ["目的", "運用体制", "コメントへの対応"]
    assert [k for k in c if k.startswith("h2.")] == ["h2.b1", "h2.b2"]
    assert c["pre2"].text.endswith("定める。")  # the sentence keeps its end; the heading is its own clause


def test_hanging_indentation_and_a_department_line_fused_with_the_first_heading():
    _, c = _tree(HANGING)
    assert c["pre2"].kind == "preamble" and c["1"].title == "目的" and c["2"].title == "運用"
    assert [k for k in c if k.startswith("2.")] == ["2.1", "2.2", "2.2.ア", "2.2.イ"]
    assert c["2.2.イ"].title == ""  # a wrapped line ("…す / るもの") is not a title
    assert "誹謗中傷するもの" in c["2.2.イ"].norm


def test_kanji_article_numbers_with_the_caption_on_the_same_line(taxonomy):
    doc, c = _tree(KANJI_ARTICLES)
    assert [(k, c[k].label, c[k].title) for k in ("1", "2")] == [("1", "第1条", "趣旨"), ("2", "第2条", "利用者の遵守事項")]
    da = align_document(doc, taxonomy)
    assert [(lst.clause_id, lst.directions) for lst in da.lists] == [("t:2", ["user"])]
    assert "誹謗中傷する行為" in c["2.2"].norm  # a hanging-indent line joined in the matching copy


def test_items_without_a_space_after_the_marker(taxonomy):
    doc, c = _tree(NOSPACE_ITEMS)
    assert [c[k].kind for k in ("2.1", "2.2", "2.3")] == ["item"] * 3
    da = align_document(doc, taxonomy)
    [lst] = da.lists
    assert lst.directions == ["user"] and [it.categories for it in da.items] == [("illegal",), ("defamation",), ("commercial",)]


def test_a_nested_list_flattened_to_one_level(taxonomy):
    """「- 次に掲げる情報は発信しないこと」 followed by its items at the same level."""
    doc, c = _tree(FLATTENED_NESTED)
    da = align_document(doc, taxonomy)
    [lst] = da.lists
    assert lst.clause_id == "t:h1.b2" and lst.directions == ["city"] and lst.items == ["t:h1.b3", "t:h1.b4"]
    assert {it.categories for it in da.items} == {("defamation",), ("illegal",)}
    # the bullet before the lead-in is not part of the list
    assert "t:h1.b1" not in lst.items


def test_headings_lost_items_remain():
    _, c = _tree(LOST_HEADINGS)
    assert c["pre1"].kind == "preamble" and [c[k].kind for k in ("1", "2")] == ["item", "item"]


def test_labels_and_values_are_not_headings_two_levels_of_unnumbered_headings():
    _, c = _tree(TWO_LEVELS)
    assert [c[k].kind for k in ("pre3", "pre4", "pre5", "pre6")] == ["preamble"] * 4
    assert c["h1"].title == "運用方法"
    assert [(k, c[k].title) for k in c if k.startswith("h1.")] == [
        ("h1.h1", "発信時間"), ("h1.h2", "コメントについて"), ("h1.h3", "削除について")]


def test_a_list_written_inside_a_sentence(taxonomy):
    """「次のようなコメントは…削除…。法令に違反するもの、他人を誹謗中傷するもの、…」: one
    clause, its items separated by 、; the clause keeps its own topics (moderation)."""
    doc, c = _tree(INLINE)
    da = align_document(doc, taxonomy)
    [lst] = da.lists
    assert lst.clause_id == "t:h1" and lst.inline and lst.directions == ["user"]
    assert set(da.items[0].categories) == {"illegal", "defamation", "commercial", "public_order"}
    assert {a.topic for a in da.assignments if a.clause_id == "t:h1"} >= {"moderation", "user_prohibited"}
    assert "purpose" not in {a.topic for a in da.assignments}  # 営利を目的とするもの is no purpose


def test_full_width_numbered_items_under_a_symbol_heading(taxonomy):
    """「１．…もの」 under 「◆削除の対象」 and its lead-in are items of a list, not sections."""
    doc, c = _tree(FULLWIDTH_ITEMS)
    assert [c[k].kind for k in ("h1.1", "h1.2", "h1.3")] == ["item"] * 3
    da = align_document(doc, taxonomy)
    [lst] = da.lists
    assert lst.clause_id == "t:h1" and lst.directions == ["user"]
    assert [it.categories for it in da.items] == [("defamation",), ("privacy",), ("commercial",)]


def test_numbered_articles_of_terms_of_use_with_full_width_items(taxonomy):
    doc, c = _tree(COLON_HEAD)
    da = align_document(doc, taxonomy)
    [lst] = da.lists
    assert lst.clause_id == "t:1" and lst.directions == ["user"] and len(lst.items) == 3
    assert "disclaimer_damages" in {a.topic for a in da.assignments if a.clause_id == "t:2"}


# --- the same content in the layouts extraction gives it (evaluate --mode layouts) ---------

NFKC_CIRCLED = """青葉町フェイスブック運用要領
1. 運用
(1) 運用は総務課が行う。
(2) 次に掲げる情報は発信してはならない。
1他者を誹謗中傷する情報
2違法行為を助長する情報
3人種、信条等による差別を助長する情報
2. 免責
町は、掲載した情報の正確性を保証しない。
"""

DASH_BULLETS = """青葉村公式インスタグラム運用方針
１．運営者
青葉村総務課
２．禁止事項
利用者は、次の事項に該当する行為をしてはなりません。
－ 公序良俗に反する内容
－ 他者を誹謗中傷する内容
－ 営利を目的とする内容
"""

SYMBOL_HEAD_SHORT_BODY = """青葉市公式LINE運用方針
■運営者
青葉市広報課
■発信時間
原則として開庁時間内に発信します。
■コメント
コメントへの個別の返信は行いません。
"""

# A page of a PDF whose lines were broken every 28 columns (14 full-width characters).
HARD_WRAPPED = """青葉町公式X運用ポリシー
１　目的
この方針は、青葉町が運用するＸ
の公式アカウントについて必要な
事項を定めるものとします。町の
魅力を町内外に広く発信します。
２　コメント
利用者からのコメントには原則と
して返信いたしません。お問い合
わせは町の窓口へお寄せください
ますようお願いいたします。以上
"""

FLAT_BULLETS = ("青葉区公式ツイッター運用ポリシー 令和5年4月1日制定 1 運用 本アカウントは青葉区広報課が運用します。 "
                "2 削除 次の事項に該当するコメントは削除する場合があります。 ・法令に違反する内容 ・他者を誹謗中傷する内容 "
                "・営利を目的とする内容 3 免責 区は、掲載した情報の正確性を保証しません。\n")

FLAT_KANA = ("青葉町公式アカウント運用方針  1 削除  下記事項に該当すると判断したコメントは、投稿者に断りなく削除する場合があります。 "
             "ア 法令に違反するもの イ 公序良俗に反するもの ウ 特定の個人を誹謗中傷するもの  2 免責  町は責任を負いません。\n")


def test_circled_numbers_folded_by_nfkc_stay_a_list(taxonomy):
    """①②③ folded to 1 2 3 glued to the words (many extractors apply NFKC): a run numbered
    in turn is a list ("3人種" included), its direction the lead-in's."""
    doc, c = _tree(NFKC_CIRCLED)
    assert [c[k].kind for k in ("1.2.1", "1.2.2", "1.2.3")] == ["item"] * 3
    da = align_document(doc, taxonomy)
    [lst] = da.lists
    assert lst.clause_id == "t:1.2" and lst.directions == ["city"]
    assert [it.categories for it in da.items] == [("defamation",), ("illegal",), ("discrimination",)]


def test_a_lone_glued_number_is_text():
    _, c = _tree("青葉町運用方針\n1. 運用\n1人1人が責任をもって運用する。\n")
    assert c["1"].kind == "section" and not [k for k in c if k.startswith("1.")]


def test_full_width_dashes_are_bullets(taxonomy):
    doc, c = _tree(DASH_BULLETS)
    assert [k for k in c if k.startswith("2.")] == ["2.b1", "2.b2", "2.b3"]
    da = align_document(doc, taxonomy)
    [lst] = da.lists
    assert lst.directions == ["user"]
    assert [it.categories for it in da.items] == [("public_order",), ("defamation",), ("commercial",)]


def test_a_symbol_heading_over_a_one_line_body():
    """「■運営者」 over 「青葉市広報課」: a heading with its body, not an item."""
    _, c = _tree(SYMBOL_HEAD_SHORT_BODY)
    assert [(c[k].kind, c[k].title) for k in ("h1", "h2", "h3")] == [
        ("heading", "運営者"), ("heading", "発信時間"), ("heading", "コメント")]
    assert "青葉市広報課" in c["h1"].text


def test_lines_broken_at_a_fixed_width_are_no_headings():
    """Lines that fill the page's width run on: 「の公式アカウントについて必要な」 is no heading."""
    doc, c = _tree(HARD_WRAPPED)
    assert [c[k].title for k in ("1", "2")] == ["目的", "コメント"]
    assert not [k for k in c if ".h" in k or k.startswith("h")]
    assert "魅力を町内外" in c["1"].text and "返信いたしません" in c["2"].text


LINE_BY_LINE = """青葉市公式LINE運用方針
目的
この方針は、青葉市が運用するLINE公式アカウントについて、必要な事項を定めるものです。
発信時間
原則として開庁時間内に発信します。
コメント
コメントへの個別の返信は行いません。お問い合わせは、各担当課へお寄せください。
免責事項
市は、掲載した情報の正確性を保証しません。
"""


def test_a_page_written_line_by_line_keeps_its_short_headings():
    """No fixed width, no run-on: short lines of their own stay headings."""
    _, c = _tree(LINE_BY_LINE)
    assert [c[k].title for k in ("h1", "h2", "h3", "h4")] == ["目的", "発信時間", "コメント", "免責事項"]


@pytest.mark.parametrize("text, lead_id, categories", [
    (FLAT_BULLETS, "t:2", [("illegal",), ("defamation",), ("commercial",)]),
    (FLAT_KANA, "t:1", [("illegal",), ("public_order",), ("defamation",)]),
])
def test_bullets_and_kana_items_run_into_one_line(taxonomy, text, lead_id, categories):
    doc, c = _tree(text)
    da = align_document(doc, taxonomy)
    [lst] = da.lists
    assert lst.clause_id == lead_id and lst.directions == ["user"]
    assert [it.categories for it in da.items] == categories


def test_a_date_run_into_the_title_line_is_its_own_clause(taxonomy):
    doc, c = _tree(FLAT_BULLETS)
    dated = [k for k in c if c[k].text.startswith("令和5年4月1日")]
    assert dated and c[dated[0]].kind == "preamble"
    da = align_document(doc, taxonomy)
    assert "effective_date" in {a.topic for a in da.assignments}


def test_nesting_is_bounded_whatever_the_text():
    """Thousands of short lines, each of which could open a level below the last: the tree
    stays shallow and every character is still in exactly one clause."""
    from snscompare.parser import MAX_DEPTH, parse

    text = "青葉町運用方針\n" + "".join(f"㋿{i % 9 + 1}年{i % 12 + 1}月改定\n" for i in range(3000))
    text += "".join(f"{' ' * i}・項目{i}\n" for i in range(200))
    clauses = parse(text, "t")
    assert max(c.local_id.count(".") for c in clauses) < MAX_DEPTH
    covered = sorted((c.start, c.end) for c in clauses)
    assert all(a[1] <= b[0] for a, b in zip(covered, covered[1:]))
    assert all(text[c.start:c.end] == c.text for c in clauses)


NO_HEADINGS = """青葉市公式Xについて
本アカウントは青葉市が運用します。
次のようなコメントは削除する場合があります。
・法令に違反するもの
・他人を誹謗中傷するもの
"""


def test_a_page_without_headings_keeps_its_list_under_the_sentence_that_announces_it(taxonomy):
    doc, c = _tree(NO_HEADINGS)
    assert c["b1"].parent == "t:pre2" and c["b2"].parent == "t:pre2"
    da = align_document(doc, taxonomy)
    [lst] = da.lists
    assert lst.clause_id == "t:pre2" and lst.directions == ["user"]
    assert [it.categories for it in da.items] == [("illegal",), ("defamation",)]


def test_items_after_a_sentence_that_announces_nothing_stay_where_they_are():
    _, c = _tree(NO_HEADINGS.replace("次のようなコメントは削除する場合があります。", "コメントは歓迎します。"))
    assert c["b1"].parent is None


FLAT_SUBHEADINGS = ("青葉町ソーシャルメディア運用ポリシー 1 運営 (1)投稿者 青葉町役場総務課及び町の関連団体の職員 "
                    "(2)投稿内容 町の施策や業務、それらに関連する情報 2 コメント管理 (1)コメントへの返信 "
                    "コメントに対しては原則として返信はいたしません。 (2)コメントの削除 次に該当するコメントは削除します。"
                    " ア 法令に違反するもの イ 公序良俗に反するもの\n")


def test_flattened_sub_headings_keep_their_titles_and_are_no_glossary(taxonomy):
    """「1 運営 (1)投稿者 …」 run into one line: 1 and 2 are sections, each (n) an item titled
    by its first word, and two 「label␣value」 items under a titled heading are no glossary."""
    doc, c = _tree(FLAT_SUBHEADINGS)
    assert [(k, c[k].title) for k in ("1", "1.1", "1.2", "2", "2.1", "2.2")] == [
        ("1", "運営"), ("1.1", "投稿者"), ("1.2", "投稿内容"), ("2", "コメント管理"), ("2.1", "コメントへの返信"),
        ("2.2", "コメントの削除")]
    da = align_document(doc, taxonomy)
    topics = {a.topic for a in da.assignments}
    assert "definitions" not in topics and {"responsible_roles", "reply_policy"} <= topics
    [lst] = da.lists
    assert lst.clause_id == "t:2.2" and lst.directions == ["user"]


def test_a_line_that_starts_with_a_particle_is_no_heading():
    from snscompare.parser import classify_lines

    kinds = [ln.kind for ln in classify_lines("青葉町運用方針\nの教育に関する情報を\nを発信する\n、町の\n目的\n")]
    assert kinds[1:4] == ["text", "text", "text"] and kinds[4] == "short"


def test_two_runs_of_bullets_in_one_line_each_keep_their_lead_in(taxonomy):
    filler = "本アカウントでは、町の行事、防災、子育て、観光などの情報を、わかりやすく、できるだけ早く発信するよう努めます。" * 5  # far more than 200 characters
    text = ("青葉町公式X運用方針 次のようなコメントは削除する場合があります。 ・法令に違反するもの ・他人を誹謗中傷するもの "
            + filler + " 町は、次の情報を発信しません。 ・個人情報を含む情報 ・他者を誹謗中傷する情報\n")
    doc, c = _tree(text)
    da = align_document(doc, taxonomy)
    assert [(len(lst.items), lst.directions) for lst in da.lists] == [(2, ["user"]), (2, ["city"])]


def test_an_exception_vetoes_its_own_sentence_not_the_whole_paragraph(taxonomy):
    """content_scope has the exception 誤解 (「誤解を与えないよう正確に発信する」 is a principle, not
    what is posted); a preamble that names what is posted and, in its next sentence, wants no
    誤解 still states what is posted.  In one sentence the exception holds."""
    two = "青葉町運用方針\n町の行政情報や観光情報を発信します。利用者に誤解を与えないよう、この方針を定めます。\n"
    one = "青葉町運用方針\n行政情報は、利用者に誤解を与えないよう正確に発信します。\n"
    topics = [{a.topic for a in align_document(make_document("t", text), taxonomy).assignments} for text in (two, one)]
    assert "content_scope" in topics[0] and "content_scope" not in topics[1]


def test_posting_various_information_states_what_is_posted(taxonomy):
    doc = make_document("t", "青葉町公式X\n本アカウントは、町の様々な活動や魅力を積極的に発信することを目的とします。\n")
    assert "content_scope" in {a.topic for a in align_document(doc, taxonomy).assignments}


# A PDF broken at 60 columns: a heading above a broken line that is neither long nor ended.
WRAPPED_UNDER_HEADINGS = """青葉町公式X運用ポリシー

目的

本アカウントは、町の行事や防災に関する情報を町内外に広く迅速に
発信し、町政への関心を高めることを目的として運用します。

対応時間

原則、勤務時間内(月曜日~金曜日の8時30分から17時15分まで)にお
いて不定期の更新としますが、この時間帯以外に更新することもあ
ります。また、町の行事や防災に関する情報は休日にも発信します。

禁止事項

次の事項に該当するコメントは、投稿者に断りなく削除します。
・法令などに違反する内容、または違反するおそれがある内容
・特定の個人、企業、団体などを誹謗中傷し、または名誉もしくは
信用を傷つける内容
"""


def test_a_heading_above_a_line_broken_at_the_page_width_stays_a_heading(taxonomy):
    doc, c = _tree(WRAPPED_UNDER_HEADINGS)
    assert [c[k].title for k in ("h1", "h2", "h3")] == ["目的", "対応時間", "禁止事項"]
    assert [k for k in c if k.startswith("h3.")] == ["h3.b1", "h3.b2"]
    assert c["h3.b2"].text.endswith("信用を傷つける内容")  # the item's broken end is the item's
    da = align_document(doc, taxonomy)
    [lst] = da.lists
    assert [it.categories for it in da.items] == [("illegal",), ("defamation",)]


def test_the_end_of_an_item_broken_mid_word_is_no_heading():
    text = "青葉町運用方針\n禁止事項\n次のコメントは削除します。\n・法律、法令等に違反する内容、または違反するお\nそれがある内容\n・他者を誹謗中傷するもの\n"
    _, c = _tree(text)
    assert [k for k in c if k.startswith("h1.")] == ["h1.b1", "h1.b2"]
    assert c["h1.b1"].text.endswith("それがある内容")


def test_symbol_headings_run_into_one_line_keep_their_titles_and_lists(taxonomy):
    text = ("■青葉町公式X運用ポリシー 町の情報を発信するため、この方針を定めます。 ■運用時間 原則として開庁時間内に発信します。 "
            "■禁止事項 次の事項に該当するコメントは削除する場合があります。 (1) 法令に違反するもの (2) 他人を誹謗中傷するもの\n")
    doc, c = _tree(text)
    assert [(k, c[k].kind, c[k].title) for k in ("h1", "h2")] == [("h1", "heading", "運用時間"), ("h2", "heading", "禁止事項")]
    da = align_document(doc, taxonomy)
    [lst] = da.lists
    assert lst.clause_id == "t:h2" and lst.directions == ["user"]
    assert [it.categories for it in da.items] == [("illegal",), ("defamation",)]


def test_nfkc_folded_circled_numbers_run_into_one_line_are_a_list(taxonomy):
    text = ("青葉町フェイスブック運用要領 1. 運用 (1) 運用は総務課が行う。 (2) 次に掲げる情報は発信してはならない。 "
            "1他者を誹謗中傷する情報 2違法行為を助長する情報 3人種、信条等による差別を助長する情報 2. 免責 町は責任を負わない。\n")
    doc, c = _tree(text)
    da = align_document(doc, taxonomy)
    [lst] = da.lists
    assert lst.directions == ["city"]
    assert [it.categories for it in da.items] == [("defamation",), ("illegal",), ("discrimination",)]
