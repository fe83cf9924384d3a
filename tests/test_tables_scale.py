"""The tables' indexes and shortcuts give the same answers as the plain definitions."""
from __future__ import annotations

import math

import pytest
import yaml

from snscompare import pipeline
from snscompare import tables as T
from snscompare.normalize import lemma_text
from snscompare.synth import write_corpus
from tests.conftest import DOC_IDS


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    # 70 documents: more than the 60 sampled for model clauses.
    out = write_corpus(65, seed=3, out=tmp_path_factory.mktemp("synth65"))
    assert yaml.safe_load((out / "metadata.yaml").read_text(encoding="utf-8"))
    return pipeline.build(added=[out])


def test_opening_lemmas_are_the_lemma_text_of_the_opening(alignment):
    clauses = [c for d in alignment.docs for c in d.clauses]
    for c in clauses[::7]:
        got = alignment.opening_lemmas(c.id, 200)
        assert got == lemma_text(c.norm[:200])
        assert alignment.opening_lemmas(c.id, 200) is got  # kept, not computed again
    long = max(clauses, key=lambda c: len(c.norm))
    assert len(long.norm) > 200
    assert alignment.opening_lemmas(long.id, 200) != lemma_text(long.norm)


def test_gaps_for_komoro_from_the_coverage_matrix(alignment):
    """Komoro's gaps, worked out from the coverage matrix (another table) rather than pinned:
    each topic Komoro has no clause on that another city has, with the cities that have it,
    most cities first (then the taxonomy's order), and a model clause that is one of the best
    scored clauses of a covering city on the topic."""
    cm = T.coverage_matrix(alignment).set_index("topic_id")
    others = [d for d in DOC_IDS if d != "komoro"]
    order = alignment.taxonomy.topic_ids
    expected = []
    for topic in order:
        covering = [d for d in others if cm.loc[topic, d] > 0]
        if cm.loc[topic, "komoro"] == 0 and covering:
            expected.append((topic, len(covering), ",".join(covering)))
    expected.sort(key=lambda e: (-e[1], order.index(e[0])))
    gaps = T.gaps_for(alignment, "komoro")
    assert list(zip(gaps.topic_id, gaps.n_docs, gaps.covered_by)) == expected
    assert len(expected) >= 10 and expected[0][1] == 3  # Komoro lacks nothing all four others have
    assert (gaps.n_others == 4).all()
    for g in gaps.itertuples():
        doc = g.model_clause_id.split(":")[0]
        assert doc in g.covered_by.split(",") and g.model_doc == doc
        # the model is the whole clause (tables.whole_clause) around a clause of that city on the topic
        whole = {T.whole_clause(alignment, a.clause_id, g.topic_id) for a in alignment.assignments_in(g.topic_id, doc)}
        assert g.model_clause_id in whole
    # the summary counts the same table: topics at least 3 of the 4 others have
    n_strong = sum(n >= 3 for _, n, _ in expected)
    covered = int((cm["komoro"] > 0).sum())
    assert T.gap_summary(alignment, "komoro") == (
        f"小諸市は39項目中{covered}項目をカバーしています。他の4文書のうち3文書以上が定めている項目のうち、"
        f"{n_strong}項目が欠けています。他の4文書すべてが定めている項目で欠けているものはありません。")
    # with --min-docs, the summary counts what the table lists
    four = T.gaps_for(alignment, "komoro", min_docs=4)
    assert four.empty and "4文書以上が定めている項目のうち、0項目" in T.gap_summary(alignment, "komoro", gaps=four, min_docs=4)


@pytest.mark.parametrize("which", ["real", "synth"])
def test_gaps_table_model_is_the_first_model_clause(which, alignment, synth):
    al = alignment if which == "real" else synth
    for doc_id in al.doc_ids[:3] + al.doc_ids[-2:]:
        gaps = T.gaps_for(al, doc_id)
        assert T.gap_summary(al, doc_id) == T.gap_summary(al, doc_id, gaps=gaps)
        for g in gaps.itertuples():
            covering = g.covered_by.split(",")
            models = T.model_clauses(al, g.topic_id, exclude=doc_id, doc_ids=covering)
            assert (g.model_clause_id, g.model_text) == (models[0].clause_id, models[0].clean)
            assert covering == [d for d in al.doc_ids if d != doc_id and g.topic_id in al.covered(d)]


def test_topic_clauses_follow_the_assignments(synth):
    for topic in synth.taxonomy.topic_ids:
        got = T.topic_clauses(synth, topic)
        expected = {d: [] for d in synth.doc_ids}
        for a in synth.assignments:
            if a.topic == topic:
                expected[a.doc_id].append(a.clause_id)
        assert {d: [c["clause_id"] for c in cs] for d, cs in got.items()} == expected


def _jaccard(al, direction, doc_ids):
    sets = {d: set() for d in doc_ids}
    for it in al.items:
        if it.doc_id in sets and direction in it.directions:
            sets[it.doc_id].update(it.categories)
    return {(a, b): (round(len(sets[a] & sets[b]) / len(sets[a] | sets[b]), 3) if sets[a] | sets[b] else None)
            for a in doc_ids for b in doc_ids}


def test_list_similarity_on_the_five(alignment):
    """The share of categories in common, worked out from the prohibited matrix (another table):
    |both| ÷ |either| of the categories each city lists for users' posts."""
    pm = T.prohibited_matrix(alignment)
    user = pm[pm["direction"] == "user"].set_index("category_id")
    sets = {d: set(user.index[user[d] == 1]) for d in DOC_IDS}
    j = T.list_similarity(alignment, "user")
    for a in DOC_IDS:
        for b in DOC_IDS:
            either = sets[a] | sets[b]
            if either:
                assert j.loc[a, b] == round(len(sets[a] & sets[b]) / len(either), 3), (a, b)
            else:
                assert math.isnan(j.loc[a, b]), (a, b)
    # Saku's policy addresses its staff only: no list for users' posts, so nothing in common
    # with anyone (0) and undefined with itself
    assert not sets["saku"] and j.loc["komoro", "saku"] == 0.0 and math.isnan(j.loc["saku", "saku"])
    assert 0 < j.loc["tottori", "kitami"] < 1


@pytest.mark.parametrize("direction", ["user", "city"])
def test_list_similarity_is_pairwise_jaccard(direction, synth):
    for doc_ids in (synth.doc_ids, synth.doc_ids[::9]):
        j = T.list_similarity(synth, direction, doc_ids=doc_ids)
        assert list(j.index) == list(j.columns) == doc_ids
        for (a, b), want in _jaccard(synth, direction, doc_ids).items():
            got = j.loc[a, b]
            assert (math.isnan(got) if want is None else got == want), (a, b, got, want)
