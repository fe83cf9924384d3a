"""A draft clean by construction (issue 11): another body's particulars replaced by
visible placeholders and listed, one writing style, the structure of its kind, a
clause chosen twice appearing once — on drafts built from the five real policies."""
from __future__ import annotations

import io
import re

import docx
import pytest

from snscompare import build, check
from snscompare.particulars import find_particulars, placeholders_in, replace_particulars
from snscompare.readers import read_document
from snscompare.style import STYLE_MARK, convert, register_of, registers_in


def _policy(root, doc_id):
    return (root / "data" / "policies" / f"{doc_id}.txt").read_text(encoding="utf-8")


def _cities(al):
    return [d.city for d in al.docs]


# --- particulars ---------------------------------------------------------------------------


def test_particulars_of_otaru_definitions(root, alignment):
    text = alignment.clause("otaru:2.3").clean
    found = find_particulars(text, _cities(alignment))
    numbers = [p.text for p in found if p.kind == "reiki_number"]
    assert numbers == ["昭和47年小樽市規程第2号", "平成26年病院規程第9号", "平成17年企業規程第1号",
                       "昭和54年小樽市教育委員会規則第1号"]
    names = [p.text for p in found if p.kind == "reiki_name"]
    assert names == ["小樽市事務専決規程", "小樽市病院局事務分掌規程", "小樽市水道局事務分掌規程",
                     "小樽市教育委員会組織及び事務分掌規則"]
    assert "会計課" in [p.text for p in found if p.kind == "department"]


def test_particulars_of_each_kind(alignment):
    text = ("問合せは総務部広報広聴課長（電話 0267-22-1700、メール koho@city.example.lg.jp）へ。"
            "この要綱は、令和７年９月10日から施行する。2024年4月1日改定。詳しくは https://www.city.example.lg.jp/sns/ を、"
            "X は @examplecity をご覧ください。紛争は長野地方裁判所佐久支部を管轄とする。小諸市の市立小諸図書館。")
    got = {(p.kind, p.text) for p in find_particulars(text, _cities(alignment))}
    assert got == {
        ("department_head", "総務部広報広聴課長"), ("phone", "0267-22-1700"), ("email", "koho@city.example.lg.jp"),
        ("effective_date", "令和７年９月10日"), ("revised_date", "2024年4月1日"),
        ("url", "https://www.city.example.lg.jp/sns/"), ("account", "@examplecity"),
        ("court", "長野地方裁判所佐久支部"), ("city", "小諸市"), ("city", "小諸"),
    }


def test_words_that_are_not_particulars(alignment):
    text = ("各課及び担当課は、所管部署の所属長が関係法令に従い、一部又は全部を当市・本市・市の"
            "トップページ下部に掲げる。課等の長が定める。")
    assert find_particulars(text, _cities(alignment)) == []


def test_replace_with_placeholders_or_the_municipality(alignment):
    text = "小諸市（以下「当市」という。）は、市立小諸図書館の情報を「https://www.city.komoro.lg.jp/」で発信する。"
    out, listed = replace_particulars(text, _cities(alignment))
    assert out == "【要確認: 市名】（以下「当市」という。）は、市立【要確認: 市名】図書館の情報を「【要確認: URL】」で発信する。"
    assert [p.text for p in listed] == ["小諸市", "小諸", "https://www.city.komoro.lg.jp/"]
    assert placeholders_in(out) == ["市名", "市名", "URL"]
    out, listed = replace_particulars(text, _cities(alignment), own_city="伊那市")
    assert out == "伊那市（以下「当市」という。）は、市立伊那図書館の情報を「【要確認: URL】」で発信する。"
    assert [p.kind for p in listed] == ["url"]


# --- writing style -------------------------------------------------------------------------

POLITE_TO_PLAIN = [  # sentences of the five policies
    ("本市は、ユーザーにより投稿されたコンテンツ（コメント・写真・動画等）について一切責任を負いません。",
     "本市は、ユーザーにより投稿されたコンテンツ（コメント・写真・動画等）について一切責任を負わない。"),
    ("当市は、本ポリシーを予告なしに変更することがあります。", "当市は、本ポリシーを予告なしに変更することがある。"),
    ("本運用方針は、令和4年4月1日から適用します。", "本運用方針は、令和4年4月1日から適用する。"),
    ("また、出所を明記しての転載は可能です。", "また、出所を明記しての転載は可能である。"),
    ("SNS公式アカウントの運用においては、下記に記載する事項を遵守します。",
     "SNS公式アカウントの運用においては、下記に記載する事項を遵守する。"),
    ("小諸市ソーシャルメディア運用ポリシー（以下「本ポリシー」といいます。）を定めております。",
     "小諸市ソーシャルメディア運用ポリシー（以下「本ポリシー」といいます。）を定めている。"),
    ("SNS公式アカウントに対する返信及びお問合せについては、下記のとおり対応いたします。",
     "SNS公式アカウントに対する返信及びお問合せについては、下記のとおり対応する。"),
    ("投稿に係る著作権等は、当該投稿を行ったユーザー本人に帰属しますが、権利を許諾したものとします。",
     "投稿に係る著作権等は、当該投稿を行ったユーザー本人に帰属するが、権利を許諾したものとする。"),
]
PLAIN_TO_POLITE = [
    ("第1条 この要綱は、小樽市公式 SNS の運用のために、必要な事項を定める。",
     "第1条 この要綱は、小樽市公式 SNS の運用のために、必要な事項を定めます。"),
    ("次に掲げる内容を含む情報は、小樽市公式 SNS により発信してはならない。",
     "次に掲げる内容を含む情報は、小樽市公式 SNS により発信してはなりません。"),
    ("フォローやリポスト等は、原則行わない。ただし、管理責任者等が必要と認める場合は、この限りではない。",
     "フォローやリポスト等は、原則行いません。ただし、管理責任者等が必要と認める場合は、この限りではありません。"),
    ("管理責任者は、課等の長をもって充てる。", "管理責任者は、課等の長をもって充てます。"),
    ("当該利用者への予告なく、情報の削除その他必要な措置を講ずることができる。",
     "当該利用者への予告なく、情報の削除その他必要な措置を講ずることができます。"),
]


@pytest.mark.parametrize("before, after", POLITE_TO_PLAIN)
def test_polite_endings_become_plain(before, after):
    assert register_of(before) == "polite"
    got, notes = convert(before, "plain")
    assert got == after and notes and notes[0].converted
    assert convert(after, "plain")[0] == after  # already plain: unchanged


@pytest.mark.parametrize("before, after", PLAIN_TO_POLITE)
def test_plain_endings_become_polite(before, after):
    assert register_of(before) == "plain"
    assert convert(before, "polite")[0] == after


def test_endings_that_are_not_mechanical_are_marked_and_neutral_ones_left():
    text = "本アカウントをご利用ください。\n（１）個人情報の取り扱いに十分に注意すること。\n（２）誹謗中傷するもの"
    out, notes = convert(text, "plain")
    assert out == "本アカウントをご利用ください。" + STYLE_MARK + "\n（１）個人情報の取り扱いに十分に注意すること。\n（２）誹謗中傷するもの"
    assert [n.converted for n in notes] == [False]
    assert registers_in(out) == {"plain": 0, "polite": 0}  # the marked sentence is left to a person


# --- a draft built from every topic of the five ------------------------------------------------

FILL = {"施行日": "令和8年4月1日", "市名": "伊那市", "アカウント名": "@ina_city", "URL": "https://www.city.ina.example.jp/"}


def fill(text: str) -> str:
    """What a drafter does with the placeholders."""
    return re.sub(r"【要確認: ([^】]+)】", lambda m: FILL.get(m.group(1), "〇〇"), text).replace(STYLE_MARK, "")


def _every_option(al):
    """Every city's model clause for every topic: the most duplicates a user can choose."""
    return [o for t in build.default_skeleton(al, 1) for o in build.topic_options(al, t)]


def _first_options(al):
    return [build.topic_options(al, t)[0] for t in build.default_skeleton(al, 1)]


def _key(text: str) -> str:
    return re.sub(r"\s|（[０-９]+）|【要確認: [^】]+】", "", text)


@pytest.mark.parametrize("choose", [_first_options, _every_option], ids=["first", "every"])
@pytest.mark.parametrize("kind", ["yoko", "policy"])
def test_a_draft_of_every_topic_is_clean(choose, kind, alignment):
    choices = choose(alignment)
    built = build.assemble(choices, kind=kind, title="伊那市ソーシャルメディア運用（案）", taxonomy=alignment.taxonomy)
    md = build.to_markdown(built)
    # every topic chosen is in the draft, and no clause twice (nor one inside another)
    assert {t for a in built.articles for t in a.topic_ids} | {build.SUPPLEMENT_TOPIC} == {c.topic_id for c in choices}
    keys = [_key("\n".join(b.text for b in a.blocks)) for a in built.articles]
    for i, a in enumerate(keys):
        for j, b in enumerate(keys):
            if i != j and len(a) > 15:
                assert a not in b, (built.articles[i].heading, built.articles[j].heading)
    # nothing of another city left unflagged: no date, URL, telephone, e-mail, name … of theirs
    for d in alignment.docs:
        for p in find_particulars(d.text, _cities(alignment)):
            assert p.text not in md, (d.id, p.kind, p.text)
    assert build.city_names_in(md, alignment, generic=False) == []
    assert build.checklist(built, alignment).query("what == 'leftover'").empty
    # one writing style
    counts = registers_in(md)
    other = "polite" if built.register == "plain" else "plain"
    assert counts[other] == 0 and counts[built.register] > 20
    # the structure of its kind
    if kind == "yoko":
        assert [a.marker("article") for a in built.articles][:3] == ["第1条", "第2条", "第3条"]
        assert "\n附　則\n\nこの要綱は、【要確認: 施行日】から適用する。" in md
    else:
        assert "## 1. " in md and "\n附　則\n\nこのポリシーは、【要確認: 施行日】から適用します。" in md


@pytest.mark.parametrize("kind", ["yoko", "policy"])
def test_the_docx_reparses_to_the_chosen_clauses(kind, alignment):
    choices = _first_options(alignment)
    built = build.assemble(choices, kind=kind, title="伊那市ソーシャルメディア運用（案）", taxonomy=alignment.taxonomy)
    data = build.to_docx_bytes(built)
    text = fill(read_document(data, "draft.docx"))
    report = check.check_text(text, name="伊那市案", alignment=alignment)
    doc = report.alignment.doc(report.doc_id)
    top = [c for c in doc.clauses if c.depth == 0 and c.kind not in ("preamble", "supplement")]
    assert [c.title for c in top] == [a.heading for a in built.articles]
    assert [c.label for c in top] == ([f"第{i}条" for i in range(1, len(top) + 1)] if kind == "yoko"
                                      else [str(i) for i in range(1, len(top) + 1)])
    assert [c.kind for c in doc.clauses if c.depth == 0][-1] == "supplement"
    # the placeholders filled, the aligner finds every topic chosen again
    assert {c.topic_id for c in choices} <= set(report.covered)


def test_a_clause_chosen_twice_appears_once_under_both_headings(alignment):
    purpose = build.topic_options(alignment, "purpose")[0]
    twice = build.DraftClause("content_scope", purpose.text, purpose.source_doc, purpose.source_clause_id,
                              purpose.source_city, "発信内容")
    # Tottori's section 3 holds its item (4) on what may be posted: the item is inside the section
    opening = next(o for o in build.topic_options(alignment, "opening_procedure") if o.source_clause_id == "tottori:3")
    item, _ = replace_particulars(build.clause_draft_text(alignment, "tottori:3.4"), _cities(alignment))
    inside = build.DraftClause("city_prohibited", item, "tottori", "tottori:3.4", "鳥取市", "発信禁止事項")
    built = build.assemble([purpose, twice, opening, inside], kind="yoko", taxonomy=alignment.taxonomy)
    assert [a.topic_ids for a in built.articles] == [("purpose", "content_scope"), ("opening_procedure", "city_prohibited")]
    assert [a.heading for a in built.articles] == ["目的・発信内容", "開設手続き・発信禁止事項"]
    src = build.sources_frame(built)
    assert src["topic_id"].tolist() == ["purpose,content_scope", "opening_procedure,city_prohibited"]


def test_the_same_wording_from_two_cities_appears_once(alignment):
    a, _ = replace_particulars("小樽市は、利用者間のトラブルについて一切の責任を負わないものとする。", _cities(alignment))
    b, _ = replace_particulars("鳥取市は、利用者間のトラブルについて一切の責任を負わないものとする。", _cities(alignment))
    built = build.assemble([build.DraftClause("disclaimer_user_disputes", a, "otaru", "otaru:x", "小樽市"),
                            build.DraftClause("disclaimer_damages", b, "tottori", "tottori:y", "鳥取市")],
                           kind="yoko", taxonomy=alignment.taxonomy)
    assert len(built.articles) == 1 and built.articles[0].topic_ids == ("disclaimer_user_disputes", "disclaimer_damages")


def test_the_draft_names_itself_by_its_kind_and_drops_footnote_marks(alignment):
    definitions = {o.source_doc: o for o in build.topic_options(alignment, "definitions")}["komoro"]
    assert "本規約における用語" in definitions.text
    impersonation = {o.source_doc: o for o in build.topic_options(alignment, "impersonation")}["saku"]
    assert "成りすまし(※3)" not in impersonation.text and "成りすましの事例" in impersonation.text
    for kind, word in (("yoko", "本要綱における用語"), ("policy", "本ポリシーにおける用語")):
        md = build.to_markdown(build.assemble([definitions, impersonation], kind=kind, taxonomy=alignment.taxonomy))
        assert word in md and "本規約" not in md


def test_a_supplement_is_written_when_no_date_is_chosen(alignment):
    purpose = build.topic_options(alignment, "purpose")[0]
    for kind, line in (("yoko", "この要綱は、【要確認: 施行日】から施行する。"),
                       ("kitei", "この規程は、【要確認: 施行日】から施行する。"),
                       ("policy", "このポリシーは、【要確認: 施行日】から施行します。")):
        md = build.to_markdown(build.assemble([purpose], kind=kind, taxonomy=alignment.taxonomy))
        assert md.rstrip().endswith("附　則\n\n" + line)


def test_the_checklist_lists_every_placeholder_with_what_the_source_said(alignment):
    choices = [build.topic_options(alignment, t)[0] for t in ("purpose", "supplementary_rules", "governing_law",
                                                                "effective_date")]
    built = build.assemble(choices, kind="yoko", taxonomy=alignment.taxonomy)
    todo = build.checklist(built, alignment)
    md = build.to_markdown(built)
    assert len(todo.query("what == 'placeholder'")) == len(placeholders_in(md))
    rows = {(r.number, r.item): r for r in todo.itertuples()}
    assert rows[("第2条", "担当部署の長")].found == "総務部広報広聴課長"
    assert rows[("第2条", "担当部署の長")].source_clause_id == "otaru:19"
    assert rows[("第3条", "管轄裁判所")].found == "長野地方裁判所佐久支部"
    assert rows[("附則", "施行日")].found == "令和7年9月10日" and rows[("附則", "施行日")].source_city == "小樽市"
    # in the download: the same table after the draft, on a page of its own
    document = docx.Document(io.BytesIO(build.to_docx_bytes(built, checklist_frame=todo)))
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["条", "見出し", "確認すること", "元の記載", "出典"]
    assert len(table.rows) == len(todo) + 1
    assert any(r.cells[3].text == "総務部広報広聴課長" for r in table.rows)
    # typed in by hand, another city's text is caught as well
    edited = [build.DraftClause("purpose", "この要綱は、小樽市公式 SNS の運用について定める。URL は https://www.city.otaru.lg.jp/ とする。")]
    todo = build.checklist(build.assemble(edited, kind="yoko", taxonomy=alignment.taxonomy), alignment)
    assert set(todo.query("what == 'leftover'")["found"]) == {"小樽市", "https://www.city.otaru.lg.jp/"}
