"""The dashboard on a large corpus: SNSCOMPARE_ADD pointing to a synthetic corpus
(48 documents + the five), through AppTest.  The aggregated page, the sidebar's
filters, the similar documents and paging; a bad path; the five-city default."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from tests.apptest import open_page
from tests.conftest import DOC_IDS

from pages._shared import widget_key
from snscompare import pipeline, scale, views
from snscompare.i18n import t
from snscompare.synth import write_corpus
from snscompare.tables import coverage_matrix, gaps_for, prohibited_matrix

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
N_SYNTH = 48


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The synthetic corpus on disk, SNSCOMPARE_ADD set to it for the module (the
    alignment cache in a temporary directory), and the same corpus aligned here."""
    base = tmp_path_factory.mktemp("scale")
    out = write_corpus(N_SYNTH, seed=11, out=base / "corpus")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SNSCOMPARE_ADD", str(out))
        mp.setenv("SNSCOMPARE_CACHE_DIR", str(base / "cache"))
        al = pipeline.build(added=[out], cache=True)
        meta = yaml.safe_load((out / "metadata.yaml").read_text(encoding="utf-8"))
        yield out, al, meta


@pytest.fixture(autouse=True)
def fresh_caches():
    shared = sys.modules.get("pages._shared")
    if shared is not None:
        shared._cached.clear()
    yield


def rerun(at: AppTest) -> AppTest:
    """Run app.py again (sidebar, then the default page).  Left alone, AppTest runs
    the page the last run finished on by itself, without app.py: it also reads
    pages/ as a directory of pages."""
    at._page_hash = at._finished_page_script_hash = ""
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def open_app(*, state: dict | None = None, query: dict | None = None) -> AppTest:
    """app.py with its sidebar, on the default page (the documents)."""
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    for k, v in (state or {}).items():
        at.session_state[k] = v
    return rerun(at)


def frame(at: AppTest, *columns: str):
    """The first dataframe with these columns (AppTest does not expose a dataframe's key)."""
    for df in at.dataframe:
        if set(columns) <= set(df.value.columns):
            return df.value
    raise AssertionError(f"no dataframe with {columns}")


def pct(x: float) -> float:
    return round(100 * float(x), 1)


# --- the aggregated page -------------------------------------------------------------------------


def test_groups_page_by_prefecture_shows_the_shares(corpus):
    _, al, meta = corpus
    at = open_page("pages/groups.py")
    assert at.title[0].value == "都道府県・種別の集計"
    n = len(al.docs)
    assert n == N_SYNTH + 5
    sizes = frame(at, "prefecture", "n_docs", "share")
    counts: dict[str, int] = {}
    for m in meta.values():
        counts[m["prefecture"]] = counts.get(m["prefecture"], 0) + 1
    for d in DOC_IDS:
        counts[al.doc(d).prefecture] = counts.get(al.doc(d).prefecture, 0) + 1
    assert dict(zip(sizes["prefecture"], sizes["n_docs"])) == counts
    assert sizes["n_docs"].sum() == n

    topics = frame(at, "topic_id", "topic", "all")
    assert len(topics) == 39
    cm = coverage_matrix(al).set_index("topic_id")
    pref = max(counts, key=counts.get)  # the largest prefecture
    members = [d.id for d in al.docs if d.prefecture == pref]
    row = topics.set_index("topic_id")
    for topic in ("purpose", "reply_policy", "user_prohibited", "emergency_info"):
        assert row.loc[topic, pref] == pct(np.mean([cm.loc[topic, d] > 0 for d in members]))
        assert row.loc[topic, "all"] == pct(np.mean([cm.loc[topic, d] > 0 for d in al.doc_ids]))
    # the heatmaps: topics, then the prohibited categories in both directions
    assert len(at.get("plotly_chart")) == 3
    pro = frame(at, "category_id", "category", "all").set_index("category_id")
    pm = prohibited_matrix(al).set_index(["category_id", "direction"])
    assert pro.loc["defamation", "all"] == pct(pm.loc[("defamation", "user"), al.doc_ids].mean())
    assert pro.loc["defamation", pref] == pct(pm.loc[("defamation", "user"), members].mean())


def test_groups_page_by_kind_and_from_a_link(corpus):
    _, al, _ = corpus
    at = open_page("pages/groups.py", query={"by": "kind"})
    assert at.session_state["grp_by"] == "kind"
    sizes = frame(at, "kind", "n_docs")
    expected = scale.coverage_by_group(al, "kind")
    assert list(sizes["kind"]) == list(expected["kind"]) and list(sizes["n_docs"]) == list(expected["n_docs"])
    topics = frame(at, "topic_id", "all").set_index("topic_id")
    for kind, share in zip(expected["kind"], expected["purpose"]):
        assert topics.loc["purpose", kind] == pct(share)
    assert at.query_params["by"] in ("kind", ["kind"])


def test_groups_page_counts_the_chosen_documents_only(corpus):
    _, al, _ = corpus
    at = open_page("pages/groups.py", state={"grp_scope": "selected"})
    sizes = frame(at, "prefecture", "n_docs")
    assert sizes["n_docs"].sum() == 5  # the five cities, the default selection
    assert dict(zip(sizes["prefecture"], sizes["n_docs"])) == {"北海道": 2, "長野県": 2, "鳥取県": 1}


def test_similar_documents_section(corpus):
    _, al, meta = corpus
    target = sorted(meta)[3]
    at = open_page("pages/groups.py", state={"sim_doc": target, "sim_k": 5})
    shown = frame(at, "rank", "score", "only_chosen")
    expected = scale.similar_documents(al, target, k=5)
    assert list(shown["doc_id"]) == list(expected["doc_id"])
    assert list(shown["score"]) == [pct(x) for x in expected["score"]]
    assert list(shown["rank"]) == [1, 2, 3, 4, 5]
    # why: the first one's shared and differing topics, as labels
    labels = "、".join(views.topic_names(expected["shared_topics"].iloc[0], al))
    why = [m.value for m in at.markdown if m.value.startswith("**共通して定めている項目")]
    assert why and labels.replace("・", "") in why[0].replace("\\", "").replace("・", "")
    assert len(at.expander) >= 3
    # choosing it and the top 5 for the other pages
    at.button(key="sim_compare").click().run()
    assert at.session_state["docs"] == [target] + list(expected["doc_id"])
    assert at.sidebar.multiselect(key=widget_key("docs", "ja")).value == [target] + list(expected["doc_id"])


# --- the sidebar ------------------------------------------------------------------------------------


def test_sidebar_filters_and_the_five_city_default(corpus):
    _, al, meta = corpus
    at = open_app()
    assert at.title[0].value == "文書一覧"
    assert at.session_state["docs"] == DOC_IDS  # the default stays the five cities
    assert list(at.dataframe[0].value["doc_id"]) == DOC_IDS
    labels = [w.label for w in at.sidebar.multiselect]
    assert labels == ["都道府県で絞り込む", "文書の種別で絞り込む", "比較する文書"]
    assert t("flt_corpus", "ja", n=N_SYNTH + 5, home=5, added=N_SYNTH) in [c.value for c in at.sidebar.caption]

    pref = al.doc(sorted(meta)[0]).prefecture
    in_pref = [d.id for d in al.docs if d.prefecture == pref]
    at.sidebar.multiselect(key=widget_key("flt_pref", "ja")).set_value([pref])
    rerun(at)
    docs_widget = at.sidebar.multiselect(key=widget_key("docs", "ja"))
    # listed by name (each synthetic name is unique), the ids folded away
    assert list(docs_widget.options) == [al.doc(d).name for d in dict.fromkeys(DOC_IDS + in_pref)]
    assert t("flt_found", "ja", n=len(in_pref), k=5) in [c.value for c in at.sidebar.caption]
    at.sidebar.button(key="flt_select_all").click()
    rerun(at)
    assert at.session_state["docs"] == [d for d in al.doc_ids if d in set(DOC_IDS + in_pref)]
    assert set(at.dataframe[0].value["doc_id"]) == set(DOC_IDS + in_pref)
    assert at.query_params["pref"] in (pref, [pref])

    name = meta[sorted(meta)[1]]["city"]
    at.sidebar.multiselect(key=widget_key("flt_pref", "ja")).set_value([])
    rerun(at)
    at.sidebar.text_input(key=widget_key("flt_name", "ja")).set_value(name)
    rerun(at)
    found = scale.find_documents(al, text=name)
    assert sorted(meta)[1] in set(found["doc_id"])
    k = len(at.session_state["docs"])
    assert t("flt_found", "ja", n=len(found), k=k) in [c.value for c in at.sidebar.caption]
    at.sidebar.button(key="flt_home").click()
    rerun(at)
    assert at.session_state["docs"] == DOC_IDS


def test_filters_from_a_shared_link(corpus):
    _, al, _ = corpus
    kinds = scale.group_values(al, "kind")
    n_kind = sum(d.kind == kinds[0] for d in al.docs)
    at = open_app(query={"kind": kinds[0]})
    assert at.session_state["flt_kind"] == [kinds[0]]
    assert t("flt_found", "ja", n=n_kind, k=5) in [c.value for c in at.sidebar.caption]
    assert at.query_params["kind"] in (kinds[0], [kinds[0]])
    # the aggregated page counts what the filters leave
    at = open_page("pages/groups.py", state={"flt_kind": [kinds[0]], "grp_scope": "filtered"})
    sizes = frame(at, "prefecture", "n_docs")
    assert sizes["n_docs"].sum() == n_kind



def test_a_link_naming_more_documents_than_fit_side_by_side(corpus):
    _, al, _ = corpus
    from pages._shared import MAX_SIDE_BY_SIDE

    many = al.doc_ids[: MAX_SIDE_BY_SIDE + 10]
    at = open_app(query={"docs": ",".join(many)})
    assert at.session_state["docs"] == many[:MAX_SIDE_BY_SIDE]
    assert [w.value for w in at.sidebar.warning] == [
        t("flt_docs_trimmed", "ja", n=MAX_SIDE_BY_SIDE + 10, k=MAX_SIDE_BY_SIDE)]
    assert at.sidebar.multiselect(key=widget_key("docs", "ja")).max_selections == MAX_SIDE_BY_SIDE


# --- paging --------------------------------------------------------------------------------------


def test_long_tables_are_paged(corpus):
    _, al, _ = corpus
    at = open_page("pages/groups.py")
    docs = frame(at, "doc_id", "name", "n_topics")
    assert len(docs) == 50  # the first page of 53
    assert list(docs["doc_id"]) == al.doc_ids[:50]
    at.number_input(key="grp_docs_page").set_value(2).run()
    docs = frame(at, "doc_id", "name", "n_topics")
    assert list(docs["doc_id"]) == al.doc_ids[50:]
    assert t("page_rows", "ja", total=len(al.docs), a=51, b=len(al.docs)) in [c.value for c in at.caption]
    at.selectbox(key="grp_docs_size").set_value(100).run()
    assert len(frame(at, "doc_id", "name", "n_topics")) == len(al.docs)
    assert at.number_input(key="grp_docs_page").value == 1

    # the clause list of the side-by-side page, over as many documents as it takes (30)
    from pages._shared import MAX_SIDE_BY_SIDE

    chosen = al.doc_ids[:MAX_SIDE_BY_SIDE]
    at = open_page("pages/compare.py", state={"docs": chosen, "cmp_mode": "topic", "cmp_topic": "user_prohibited"})
    n = sum(a.topic == "user_prohibited" for d in chosen for a in al.per_doc[d].assignments)
    assert n > 50
    assert len(at.dataframe[0].value) == 50
    assert t("page_rows", "ja", total=n, a=1, b=50) in [c.value for c in at.caption]


def test_every_page_renders_with_the_large_corpus(corpus):
    """With 53 documents, each page shows the five chosen by default, and its numbers are the
    library's for them (worked out here from the alignment, not read back from the page)."""
    _, al, _ = corpus
    cm = coverage_matrix(al).set_index("topic_id")
    at = open_page("pages/coverage.py")
    shown = at.dataframe[0].value.set_index("topic_id")
    assert [c for c in shown.columns if c in set(al.doc_ids)] == DOC_IDS and len(shown) == 39
    assert shown[DOC_IDS].equals(cm[DOC_IDS].astype(int))

    at = open_page("pages/prohibited.py")
    pm = prohibited_matrix(al, doc_ids=DOC_IDS)
    user = pm[pm["direction"] == "user"].set_index("category_id")[DOC_IDS]
    assert at.dataframe[0].value.set_index("category_id")[DOC_IDS].equals(user.astype(int))

    at = open_page("pages/compare.py", query={"ctopic": "reply_policy"})
    listed = at.dataframe[0].value
    expected = [a.clause_id for d in DOC_IDS for a in al.assignments_in("reply_policy", d)]
    assert list(listed["clause_id"]) == expected and expected

    at = open_page("pages/gaps.py", query={"gcity": "saku"})
    assert list(at.dataframe[0].value["topic_id"]) == list(gaps_for(al, "saku", doc_ids=DOC_IDS)["topic_id"])
    assert at.info[0].value.startswith("佐久市は39項目中")


# --- a bad path --------------------------------------------------------------------------------------


def test_a_bad_path_says_so_in_japanese_and_shows_the_five(monkeypatch, tmp_path):
    monkeypatch.setenv("SNSCOMPARE_ADD", str(tmp_path / "nowhere"))
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert not at.exception
    assert at.error and "SNSCOMPARE_ADD" in at.error[0].value and "nowhere" in at.error[0].value
    assert at.error[0].value.startswith("追加の文書")
    assert list(at.dataframe[0].value["doc_id"]) == DOC_IDS
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("SNSCOMPARE_ADD", str(tmp_path / "empty"))
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert not at.exception and "読み込めるファイルがありません" in at.error[0].value


def test_groups_page_in_english(corpus):
    _, al, _ = corpus
    at = open_page("pages/groups.py", state={"lang": "en", "sim_doc": "komoro"})
    assert at.title[0].value == "By prefecture and kind of document"
    why = [m.value for m in at.markdown if m.value.startswith("**Topics both cover")]
    assert why and "、" not in why[0]
    assert frame(at, "rank", "score")["name"].iloc[0] in {d.name_in("en") for d in al.docs}  # names as the English page shows them
