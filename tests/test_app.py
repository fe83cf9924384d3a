"""The dashboard, page by page, through streamlit's AppTest (no browser).

AppTest draws nothing, so what a user downloads is checked by calling the same
export functions on the table the page shows.
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

from snscompare import export, views
from snscompare.i18n import MESSAGES, MissingMessage, t

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DOC_IDS = ["komoro", "otaru", "tottori", "kitami", "saku"]
OTARU_REPLY = "コメント等へ個別の返信等は原則行わない"


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


# --- home ---------------------------------------------------------------------------------


def test_home_lists_the_five_documents():
    at = open_page("pages/home.py")
    assert at.title[0].value == "文書一覧"
    df = at.dataframe[0].value
    assert list(df["doc_id"]) == DOC_IDS
    assert list(df["city"]) == ["小諸市", "小樽市", "鳥取市", "北見市", "佐久市"]
    assert (df["n_clauses"] > 10).all()
    assert df["topics_covered"].between(1, 39).all()
    assert "Facebook" in df.loc[df.doc_id == "otaru", "platforms"].iloc[0]
    assert len(at.get("download_button")) == 2


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


def test_coverage_cell_selection_shows_the_clause_verbatim():
    at = open_page("pages/coverage.py", state={"cov_topic": "reply_policy", "cov_doc": "otaru"})
    assert any(OTARU_REPLY in c for c in code_texts(at))
    captions = "\n".join(c.value for c in at.caption)
    assert "otaru:13" in captions


def test_coverage_cell_from_a_shared_link():
    at = open_page("pages/coverage.py", query={"topic": "reply_policy", "city": "otaru"})
    assert any(OTARU_REPLY in c for c in code_texts(at))
    assert at.query_params["topic"] == ["reply_policy"] or at.query_params["topic"] == "reply_policy"


def test_coverage_group_filter_and_export_match_the_screen():
    at = open_page("pages/coverage.py", state={"cov_groups": ["legal"]})
    df = at.dataframe[0].value
    assert len(df) == 10 and set(df["group"]) == {"法的事項"}
    back = csv_frame(export.to_csv_bytes(df))
    assert back.shape == df.shape
    assert list(back["topic_id"]) == list(df["topic_id"])
    assert export.export_filename("coverage", DOC_IDS, "csv") == "coverage_komoro-otaru-tottori-kitami-saku.csv"
    # share of topics is computed over the rows shown
    metrics = {m.label: m.value for m in at.metric}
    assert set(metrics) == {"小諸市", "小樽市", "鳥取市", "北見市", "佐久市"}


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
    # the reason Otaru's list applies to users is shown, from the data
    text = markdown_texts(at)
    assert "otaru:12" in text
    city = at.dataframe[2].value.set_index("category_id")
    assert city.loc["defamation", "otaru"] == 1
    assert at.get("plotly_chart")  # the Jaccard heatmaps


def test_prohibited_synopsis_holds_each_citys_wording():
    at = open_page("pages/prohibited.py")
    syn = at.dataframe[1].value.set_index("category_id")
    assert "誹謗" in syn.loc["defamation", "otaru"] or "中傷" in syn.loc["defamation", "otaru"]
    back = csv_frame(export.to_csv_bytes(at.dataframe[1].value))
    assert len(back) == len(syn)


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


def test_search_finds_japanese_text_and_links_to_the_topic():
    at = open_page("pages/compare.py", state={"search_q": "返信"})
    hits = at.dataframe[-1].value
    assert "otaru:13" in list(hits["clause_id"])
    button = next(b for b in at.button if b.key.startswith("go_") and b.key.endswith("_reply_policy"))
    button.click().run()
    assert at.session_state["cmp_topic"] == "reply_policy"
    assert any(OTARU_REPLY in c for c in code_texts(at))


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
    at.selectbox(key="gap_doc").set_value("saku").run()
    saku = at.info[0].value
    assert saku.startswith("佐久市は39項目中") and saku != komoro
    gaps = at.dataframe[0].value
    assert (gaps["n_docs"].diff().dropna() <= 0).all()  # ranked by how many cities cover them
    assert at.expander and at.code  # model clauses, copyable


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
    assert at.info[0].value.startswith("小諸市 covers")


def test_every_message_id_used_in_the_ui_exists():
    used = set()
    for f in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), ROOT / "snscompare" / "views.py"]:
        src = f.read_text(encoding="utf-8")
        used |= set(re.findall(r"\b(?:tr|t)\(\s*[\"']([a-z][a-z0-9_]+)[\"']", src))
        for prefix in re.findall(r"\b(?:tr|t)\(\s*f[\"']([a-z_]+)\{", src):
            assert any(m.startswith(prefix) for m in MESSAGES), prefix
    # ids built from a prefix and a value
    used |= {f"dir_{d}" for d in ("user", "city")} | {f"pro_tab_{d}" for d in ("user", "city")}
    used |= {"match_substring", "match_fuzzy", "cmp_mode_topic", "cmp_mode_category", "lang_ja", "lang_en"}
    missing = sorted(u for u in used if u not in MESSAGES)
    assert not missing
    for entry in MESSAGES.values():
        assert set(entry) == {"ja", "en"} and all(entry.values())
    with pytest.raises(MissingMessage):
        t("no_such_message", "ja")


def test_only_the_ui_imports_streamlit():
    for f in (ROOT / "snscompare").glob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", f.read_text(encoding="utf-8"), re.M), f.name
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
    names = dict(zip(DOC_IDS, ["小諸市", "小樽市", "鳥取市", "北見市", "佐久市"]))
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
    at.segmented_control(key="grp_by").set_value(None).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["grp_by"] == "prefecture"
    assert list(at.dataframe[0].value.columns[:2]) == ["prefecture", "n_docs"]
