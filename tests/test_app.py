"""The dashboard, page by page, through streamlit's AppTest (no browser).

AppTest draws nothing: what a user downloads is read from the download buttons
themselves (the ``downloads`` fixture, tests/conftest.py).
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import open_page
from tests.conftest import DOC_IDS

from pages._shared import widget_key
from snscompare import export, views
from snscompare.i18n import MESSAGES, MissingMessage, t

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
OTARU_REPLY = "コメント等へ個別の返信等は原則行わない"
CITIES = ["小諸市", "小樽市", "鳥取市", "北見市", "佐久市"]


@pytest.fixture(autouse=True)
def fresh_caches():
    import sys

    import streamlit as st

    st.cache_data.clear()
    shared = sys.modules.get("pages._shared")
    if shared is not None:  # the table cache; the aligned corpus itself is kept (read-only, slow to build)
        shared._cached.clear()
    yield


def code_texts(at: AppTest) -> list[str]:
    return [c.value for c in at.code]


def markdown_texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def csv_frame(data: bytes) -> pd.DataFrame:
    assert data.startswith(b"\xef\xbb\xbf")
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")


def shown_columns(df_element) -> list[str]:
    """The columns a dataframe shows (its column order; all of them when it sets none)."""
    order = list(df_element.proto.column_order)
    return order or list(df_element.value.columns)


# --- home ---------------------------------------------------------------------------------


def test_home_lists_the_five_documents():
    at = open_page("pages/home.py")
    assert at.title[0].value == "文書一覧"
    df = at.dataframe[0].value
    assert list(df["doc_id"]) == DOC_IDS
    assert list(df["city"]) == CITIES
    assert (df["n_clauses"] > 10).all()
    assert df["topics_covered"].between(1, 39).all()
    assert "Facebook" in df.loc[df.doc_id == "otaru", "platforms"].iloc[0]
    assert len(at.get("download_button")) == 2
    # ids are folded away on screen, kept in the data (and the downloads)
    assert "doc_id" not in shown_columns(at.dataframe[0]) and "city" in shown_columns(at.dataframe[0])
    at = open_page("pages/home.py", query={"ids": "1"})
    assert "doc_id" in shown_columns(at.dataframe[0])
    # the guide names every page of the navigation, the draft pages too
    guide = markdown_texts(at)
    for page in ("page_coverage", "page_prohibited", "page_compare", "page_gaps", "page_groups", "page_check_draft",
                 "page_build_draft"):
        assert f"**{t(page, 'ja')}**" in guide, page


def test_unselecting_every_document_says_so():
    at = open_page("pages/home.py", state={"docs": []})
    assert at.info and at.info[0].value == t("docs_none", "ja")
    assert not at.dataframe


# --- coverage -----------------------------------------------------------------------------


def test_coverage_table_has_39_topics_and_5_city_columns():
    at = open_page("pages/coverage.py")
    df = at.dataframe[0].value
    assert len(df) == 39
    assert [c for c in df.columns if c in DOC_IDS] == DOC_IDS
    assert list(df.columns[:3]) == ["topic_id", "topic", "group"]
    assert df.set_index("topic_id").loc["reply_policy", "otaru"] >= 1
    # The matrix is a scatter of square markers whose points carry (topic, document).
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    trace = spec["data"][0]
    assert trace["type"] == "scatter" and trace["marker"]["symbol"] == "square"
    assert spec["layout"]["clickmode"] == "event+select"
    assert len(trace["customdata"]) == 39 * 5
    assert ["reply_policy", "otaru"] in trace["customdata"]
    # a click must not fade the other cells nor hide their numbers; no toolbar over the headers
    assert trace["unselected"]["marker"]["opacity"] == 1 and trace["unselected"]["textfont"]["color"] == "white"
    assert json.loads(at.get("plotly_chart")[0].proto.config)["displayModeBar"] is False


def test_coverage_cell_selection_shows_the_clause_verbatim():
    at = open_page("pages/coverage.py", state={"cov_topic": "reply_policy", "cov_doc": "otaru"})
    assert any(OTARU_REPLY in c for c in code_texts(at))
    captions = "\n".join(c.value for c in at.caption)
    # where the clause is, in the document's words; why it is there; no id, no score that never varies
    assert "第13条" in captions and "返信" in captions and "otaru:13" not in captions and "一致度" not in captions
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    ring = spec["data"][1]  # the chosen cell, marked by a ring of its own
    assert ring["marker"]["symbol"] == "square-open" and ring["x"] == ["小樽市"]
    assert ring["y"][0].endswith("返信・コメント対応")
    at = open_page("pages/coverage.py", state={"cov_topic": "reply_policy", "cov_doc": "otaru", "show_ids": True})
    assert "otaru:13" in "\n".join(c.value for c in at.caption)


def test_the_chosen_cells_clauses_download(downloads):
    at = open_page("pages/coverage.py", query={"topic": "user_prohibited", "city": "otaru"})
    back = csv_frame(downloads.data(at, "dl_csv_cell"))
    from snscompare.pipeline import build

    al = build()
    expected = [a.clause_id for a in al.assignments_in("user_prohibited", "otaru")]
    assert list(back["条項ID"]) == expected and len(expected) > 5
    assert list(back.columns[:4]) == ["文書ID", "自治体", "条項ID", "条文の位置"]
    assert back["本文"].iloc[0] == al.clause(expected[0]).clean


def test_coverage_cell_from_a_shared_link():
    at = open_page("pages/coverage.py", query={"topic": "reply_policy", "city": "otaru"})
    assert any(OTARU_REPLY in c for c in code_texts(at))
    assert at.query_params["topic"] == ["reply_policy"] or at.query_params["topic"] == "reply_policy"


def test_coverage_group_filter_and_export_match_the_screen(downloads):
    at = open_page("pages/coverage.py", query={"groups": "legal"})
    df = at.dataframe[0].value
    assert len(df) == 10 and set(df["group"]) == {"法的事項"}
    # what the CSV button hands over: the rows on screen, headed as on screen, ids kept
    back = csv_frame(downloads.data(at, "dl_csv_coverage"))
    assert list(back.columns) == ["項目ID", "項目", "分類"] + CITIES
    assert list(back["項目ID"]) == list(df["topic_id"])
    assert back[CITIES].to_numpy().tolist() == df[DOC_IDS].to_numpy().tolist()
    xlsx = pd.read_excel(io.BytesIO(downloads.data(at, "dl_xlsx_coverage")))
    assert list(xlsx.columns) == list(back.columns) and len(xlsx) == 10
    # share of topics is computed over the rows shown
    metrics = {m.label: m.value for m in at.metric}
    assert set(metrics) == set(CITIES)
    komoro = int(df["komoro"].gt(0).sum())
    assert metrics["小諸市"] == f"{100 * komoro / 10:.0f}%"
    # with ids shown, the download is headed by the ids, as the CLI writes it
    at = open_page("pages/coverage.py", query={"groups": "legal", "ids": "1"})
    assert list(csv_frame(downloads.data(at, "dl_csv_coverage")).columns) == ["topic_id", "topic", "group"] + DOC_IDS


def test_coverage_follows_the_document_selection():
    at = open_page("pages/coverage.py", state={"docs": ["komoro", "saku"]})
    df = at.dataframe[0].value
    assert [c for c in df.columns if c in DOC_IDS] == ["komoro", "saku"]


# --- prohibited ---------------------------------------------------------------------------


def test_prohibited_user_matrix_counts_otaru_via_article_12():
    at = open_page("pages/prohibited.py")
    user = at.dataframe[0].value.set_index("category_id")
    assert user.loc["defamation", "otaru"] == 1
    assert user.loc["defamation"][DOC_IDS].sum() >= 4
    # the reason Otaru's list applies to users is shown, from the data, naming the article
    text = markdown_texts(at)
    assert "第12条" in text and "第11条" in text
    # the open tab is in the view: a link opens on the municipality's tab
    at = open_page("pages/prohibited.py", query={"ptab": "city"})
    city = at.dataframe[0].value.set_index("category_id")
    assert city.loc["defamation", "otaru"] == 1 and city.loc["deliberation", "saku"] == 1
    assert at.query_params["ptab"] in ("city", ["city"])
    # the share of categories in common, named by what it means
    assert t("pro_jaccard_title", "ja") == "共通する区分の割合"
    assert any(h.value == "共通する区分の割合" for h in at.subheader)
    assert at.get("plotly_chart")


def test_prohibited_synopsis_holds_each_citys_wording(downloads):
    at = open_page("pages/prohibited.py")
    syn = at.dataframe[1].value.set_index("category_id")
    assert "誹謗" in syn.loc["defamation", "otaru"] or "中傷" in syn.loc["defamation", "otaru"]
    assert (syn["n_docs"].diff().dropna() <= 0).all()  # what most cities list first
    back = csv_frame(downloads.data(at, "dl_csv_pro_synopsis_user"))
    assert len(back) == len(syn) and list(back["区分ID"]) == list(syn.index)
    assert back.set_index("区分ID").loc["defamation", "小樽市"] == syn.loc["defamation", "otaru"]
    # each category's wording read in full below the table, not in a cell four lines high
    assert any(syn.loc["defamation", "otaru"] == c for c in code_texts(at))


# --- compare ------------------------------------------------------------------------------


def test_compare_shows_each_citys_clauses_and_a_diff():
    at = open_page("pages/compare.py", state={"cmp_topic": "reply_policy"})
    assert any(OTARU_REPLY in c for c in code_texts(at))
    diff = [m.value for m in at.markdown if "<del" in m.value or "<ins" in m.value]
    assert diff, "no diff rendered"


def test_compare_by_category_and_direction():
    at = open_page("pages/compare.py", state={"cmp_mode": "category", "cmp_category": "defamation",
                                              "cmp_direction": "user"})
    assert any(c.startswith("otaru:11") for c in at.dataframe[0].value["clause_id"])


def test_compare_reads_two_or_three_side_by_side_the_others_folded():
    at = open_page("pages/compare.py", query={"ctopic": "reply_policy", "read": "otaru,kitami"})
    assert at.session_state["cmp_read"] == ["otaru", "kitami"]
    assert at.multiselect(key=widget_key("cmp_read", "ja")).max_selections == 3
    # the others are folded, one row each, with how many clauses they hold
    folded = [e.label for e in at.expander]
    for city in ("小諸市", "鳥取市", "佐久市"):
        assert any(label.startswith(city + "（") for label in folded), folded
    assert not any(label.startswith("小樽市（") for label in folded)
    at = open_page("pages/compare.py", query={"ctopic": "reply_policy", "layout": "rows"})
    rows = [e.label.split("（")[0] for e in at.expander if not e.label.startswith("全文を表示")]
    assert rows[:5] == CITIES  # one per row
    # a long clause (Komoro's list of accounts) is folded: its opening shown, the whole text one click away
    at = open_page("pages/compare.py", query={"ctopic": "account_list", "read": "komoro"})
    assert any(label.startswith("全文を表示") for label in (e.label for e in at.expander))
    # the pairs of clauses worded most alike, and the diff starts from the closest
    at = open_page("pages/compare.py", query={"ctopic": "disclaimer_user_disputes"})
    pairs = at.dataframe[1].value
    assert (pairs["doc_a"] != pairs["doc_b"]).all() and (pairs["similarity"].diff().dropna() <= 0).all()
    assert at.session_state["cmp_a"] == pairs["clause_a"].iloc[0] and at.session_state["cmp_b"] == pairs["clause_b"].iloc[0]


def test_search_finds_japanese_text_and_links_to_the_topic():
    at = open_page("pages/compare.py", state={"search_q": "返信"})
    hits = at.dataframe[-1].value
    assert "otaru:13" in list(hits["clause_id"])
    button = next(b for b in at.button if b.key.startswith("go_") and b.key.endswith("_reply_policy"))
    button.click().run()
    assert at.session_state["cmp_topic"] == "reply_policy"
    assert any(OTARU_REPLY in c for c in code_texts(at))


def test_search_words_from_a_link_are_shown_as_typed():
    at = open_page("pages/compare.py", query={"q": "[どこにもない](http://x) **語句**"})
    shown = at.info[-1].value
    assert "\\[どこにもない\\]" in shown and "\\*\\*語句\\*\\*" in shown  # markup escaped (snscompare.escaping)


def test_diff_html_escapes_document_text():
    html_out = views.diff_html("<script>alert(1)</script>A", "<b>B</b>")
    assert "<script>" not in html_out and "<b>" not in html_out
    same = views.diff_html("<script>x</script>", "<script>x</script>")
    assert "&lt;script&gt;x&lt;/script&gt;" in same
    assert re.sub(r"<(/?)(del|ins|div|br)[^>]*>", "", html_out).count("<") == 0


# --- gaps ---------------------------------------------------------------------------------


def test_gaps_summary_changes_with_the_city():
    at = open_page("pages/gaps.py", state={"gap_doc": "komoro"})
    komoro = at.info[0].value
    assert komoro.startswith("小諸市は39項目中")
    # no topic every other document covers is missing from Komoro's: it says so
    assert komoro.endswith("他の4文書すべてが定めている項目で欠けているものはありません。")
    at.selectbox(key=widget_key("gap_doc", "ja")).set_value("saku").run()
    saku = at.info[0].value
    assert saku.startswith("佐久市は39項目中") and saku != komoro
    gaps = at.dataframe[0].value
    assert (gaps["n_docs"].diff().dropna() <= 0).all()  # ranked by how many cities cover them
    assert at.expander and at.code  # model clauses, copyable
    pro = at.dataframe[1].value
    assert (pro["n_docs"].diff().dropna() <= 0).all()  # most documents first, whichever the direction


def test_gaps_markdown_report():
    from snscompare.pipeline import build

    al = build()
    md = views.gap_report_markdown(al, "komoro", DOC_IDS)
    assert md.startswith("# 小諸市")
    assert "小諸市は39項目中" in md and "出典:" in md


# --- language, i18n, the import rule --------------------------------------------------------


def test_english_switch_changes_headings():
    at = open_page("pages/coverage.py", state={"lang": "en"})
    assert at.title[0].value == "Coverage matrix"
    at = open_page("pages/gaps.py", state={"lang": "en", "gap_doc": "komoro"})
    assert at.info[0].value.startswith("Komoro covers")
    assert at.dataframe[0].value["covered_by"].iloc[0].split(", ")[0] in {"Otaru", "Tottori", "Kitami", "Saku"}


def test_english_names_cities_and_reasons_in_english():
    at = open_page("pages/coverage.py", query={"lang": "en", "topic": "reply_policy", "city": "otaru"})
    assert "Otaru × “Replies”: the clauses" in [h.value for h in at.subheader]
    captions = "\n".join(c.value for c in at.caption)
    assert "why: wording in the text: “返信”" in captions  # the reason in English, the cue as the text has it
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert sorted(set(spec["data"][0]["x"])) == ["Kitami", "Komoro", "Otaru", "Saku", "Tottori"]
    at = open_page("pages/prohibited.py", query={"lang": "en"})
    assert "refers to it and applies it to users' posts" in markdown_texts(at)
    assert not re.search(r"[ぁ-ん]{2}", at.dataframe[0].value["category"].str.cat())


def test_language_switch_keeps_the_view():
    at = open_page("pages/coverage.py", query={"topic": "reply_policy", "city": "otaru", "ctab": "table"})
    at.segmented_control(key="lang").set_value("en").run()
    # the widgets of the English page start from the same ids, showing English labels
    assert at.selectbox(key=widget_key("cov_topic", "en")).value == "reply_policy"
    assert at.selectbox(key=widget_key("cov_doc", "en")).value == "otaru"
    assert at.query_params["topic"] in ("reply_policy", ["reply_policy"])
    assert at.query_params["ctab"] in ("table", ["table"])
    at.segmented_control(key="lang").set_value("ja").run()
    assert at.selectbox(key=widget_key("cov_topic", "ja")).value == "reply_policy"
    assert any(OTARU_REPLY in c for c in code_texts(at))


def test_a_page_change_keeps_the_view():
    at = open_page("pages/coverage.py", query={"topic": "reply_policy", "city": "otaru"})
    at.switch_page("pages/gaps.py").run()
    assert "topic" not in at.query_params  # the gaps page carries its own view
    at.switch_page("pages/coverage.py").run()
    assert at.selectbox(key=widget_key("cov_topic", "ja")).value == "reply_policy"
    assert at.query_params["city"] in ("otaru", ["otaru"])


def test_every_message_id_used_in_the_ui_exists():
    used = set()
    for f in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")),
              *(ROOT / "snscompare" / m for m in ("views.py", "tables.py", "cli.py"))]:
        src = f.read_text(encoding="utf-8")
        used |= set(re.findall(r"\b(?:tr|t)\(\s*[\"']([a-z][a-z0-9_]+)[\"']", src))
        for prefix in re.findall(r"\b(?:tr|t)\(\s*f[\"']([a-z_]+)\{", src):
            assert any(m.startswith(prefix) for m in MESSAGES), prefix
    # ids built from a prefix and a value
    used |= {f"dir_{d}" for d in ("user", "city")} | {f"pro_tab_{d}" for d in ("user", "city")}
    used |= {"match_substring", "match_fuzzy", "cmp_mode_topic", "cmp_mode_category", "lang_ja", "lang_en"}
    used |= set(views.HEADERS.values())
    missing = sorted(u for u in used if u not in MESSAGES)
    assert not missing
    for entry in MESSAGES.values():
        assert set(entry) == {"ja", "en"} and all(entry.values())
    with pytest.raises(MissingMessage):
        t("no_such_message", "ja")


def test_only_the_side_by_side_page_renders_html():
    for f in (ROOT / "pages").glob("*.py"):
        src = f.read_text(encoding="utf-8")
        assert "unsafe_allow_html=True" not in src or f.name == "compare.py", f.name


def test_export_bytes_have_bom_and_neutralised_formulas():
    df = pd.DataFrame({"topic_id": ["a", "b"], "text": ["=HYPERLINK(\"x\")", "＋1"]})
    data = export.to_csv_bytes(df)
    back = csv_frame(data)
    assert len(back) == 2
    assert back["text"].tolist() == ["'=HYPERLINK(\"x\")", "'＋1"]


# --- lists shared by every document / held by one (one helper for coverage and prohibited) ----


def test_coverage_and_prohibited_list_what_every_and_only_one_document_has():
    at = open_page("pages/coverage.py")
    view = at.dataframe[0].value
    sp = views.spread(view, DOC_IDS, "topic_id", "topic")
    text = markdown_texts(at)
    names = dict(zip(DOC_IDS, CITIES))
    assert f"**{t('cov_all_title', 'ja')}**" in text and f"**{t('cov_none_title', 'ja')}**" in text
    for _, label in sp["all"]:
        assert f"- {label}" in text
    for _, label, d in sp["only_one"]:
        assert f"- {label}（{names[d]}）" in text
    assert sp["all"] and sp["only_one"]  # the five share some topics and differ on others
    at = open_page("pages/prohibited.py")
    text = markdown_texts(at)
    user = views.spread(at.dataframe[0].value, DOC_IDS, "category_id", "category")
    assert f"**{t('pro_shared_title', 'ja')}**" in text
    for _, label in user["all"]:
        assert f"- {label}" in text


# --- by prefecture and kind, on the five -------------------------------------------------------


def test_groups_page_on_the_five():
    at = open_page("pages/groups.py")
    assert at.title[0].value == "都道府県・種別の集計"
    sizes = at.dataframe[0].value
    assert dict(zip(sizes["prefecture"], sizes["n_docs"])) == {"北海道": 2, "長野県": 2, "鳥取県": 1}
    topics = at.dataframe[1].value.set_index("topic_id")
    from snscompare.pipeline import build
    from snscompare.tables import coverage_matrix

    m = coverage_matrix(build()).set_index("topic_id")
    for topic in ("purpose", "reply_policy", "account_list"):
        assert topics.loc[topic, "北海道"] == 50.0 * (int(m.loc[topic, "otaru"] > 0) + int(m.loc[topic, "kitami"] > 0))
        assert topics.loc[topic, "all"] == round(100 * float((m.loc[topic, DOC_IDS] > 0).mean()), 1)
    assert not at.sidebar.text_input  # five documents: no filters


def test_groups_page_keeps_a_grouping_when_the_selected_one_is_clicked():
    at = open_page("pages/groups.py", state={"grp_by": "kind"})
    assert list(at.dataframe[0].value.columns[:2]) == ["kind", "n_docs"]
    at.segmented_control(key=widget_key("grp_by", "ja")).set_value(None).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["grp_by"] == "prefecture"
    assert list(at.dataframe[0].value.columns[:2]) == ["prefecture", "n_docs"]
