"""The synthetic corpus: deterministic, and its ground truth backed by the labels."""
from __future__ import annotations

import pytest
import yaml

from snscompare.align import Alignment, align_corpus, align_document
from snscompare.corpus import DATA_DIR
from snscompare.corpus import PREFECTURES
from snscompare.synth import generate, load_synth, write_corpus
from snscompare.tables import coverage_matrix, prohibited_matrix
from snscompare.yamlio import load_yaml


def _bytes(d):
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def test_same_seed_same_bytes_different_seed_different(tmp_path):
    a = write_corpus(12, seed=7, out=tmp_path / "a")
    b = write_corpus(12, seed=7, out=tmp_path / "b")
    c = write_corpus(12, seed=8, out=tmp_path / "c")
    assert _bytes(a) == _bytes(b)
    assert _bytes(a) != _bytes(c)
    assert sorted(_bytes(a)) == sorted(["metadata.yaml", "truth.yaml"] + [f"synth_{i:04d}.txt" for i in range(1, 13)])


@pytest.fixture(scope="module")
def gold_labels():
    labels = {}
    for path in sorted((DATA_DIR / "gold").glob("*.yaml")):
        for cid, entry in (load_yaml(path).get("clauses") or {}).items():
            if cid != "__line__":
                labels[cid] = entry
    return labels


def test_truth_backed_by_labels_of_the_clauses_used(gold_labels):
    for doc in generate(60, seed=3):
        used = [gold_labels.get(cid) or {} for cid in doc.clauses]
        labelled_topics = {t for e in used for t in e.get("topics") or ()}
        assert set(doc.topics) <= labelled_topics, doc.doc_id
        for cat, direction in doc.prohibited:
            assert any(cat in (e.get("prohibited") or {}).get("categories", ()) and
                       direction in (e.get("prohibited") or {}).get("directions", ()) for e in used), (doc.doc_id, cat)
        if doc.prohibited:
            assert {"user_prohibited", "city_prohibited"} & set(doc.topics)
        assert doc.meta["prefecture"] in PREFECTURES
        assert doc.meta["city"] in doc.text


def test_otaru_list_counts_for_users_only_with_its_article_12():
    user_lists = ("komoro:7.", "kitami:4.", "tottori:form1.1.")
    seen = 0
    for doc in generate(80, seed=5):
        if not any(c.startswith("otaru:11.") for c in doc.clauses):
            continue
        if "otaru:12" in doc.clauses or any(c.startswith(user_lists) for c in doc.clauses):
            continue
        seen += 1
        assert "user" not in {d for _, d in doc.prohibited}, doc.doc_id
    assert seen


@pytest.fixture(scope="module")
def synth200(tmp_path_factory, taxonomy):
    out = write_corpus(200, seed=11, out=tmp_path_factory.mktemp("synth200"))
    docs, truth = load_synth(out)
    return docs, truth, align_corpus(docs, taxonomy)


def test_tables_do_not_depend_on_how_the_corpus_was_aligned(synth200, taxonomy):
    """One process sharing one compiled taxonomy, two worker processes (the taxonomy
    pickled and compiled again in each), and every document aligned with a taxonomy
    of its own in reverse order: the same tables.  State left behind by one document
    in the shared matcher (compiled cue lists, the cue index) would break this."""
    from snscompare.cache import align_many
    from snscompare.taxonomy import load_taxonomy

    docs, _, al = synth200
    workers = Alignment(docs, taxonomy, dict(zip([d.id for d in docs], align_many(docs, taxonomy, workers=2))))
    fresh = Alignment(docs, taxonomy, {d.id: align_document(d, load_taxonomy()) for d in reversed(docs)})
    for other in (workers, fresh):
        assert coverage_matrix(al).equals(coverage_matrix(other))
        assert prohibited_matrix(al).equals(prohibited_matrix(other))
    assert coverage_matrix(al).iloc[:, 1:-4].to_numpy().sum() > 0  # a table with something in it


def test_metadata_and_truth_cover_every_document(synth200):
    docs, truth, al = synth200
    assert [d.id for d in docs] == list(truth)
    assert all(t["topics"] for t in truth.values())
    assert all(d.prefecture in PREFECTURES and d.city for d in docs)


def test_accuracy_on_synthetic_corpus_is_measured(synth200):
    from snscompare.synth import score_alignment

    _, truth, al = synth200
    s = score_alignment(al, truth)
    assert s["docs"] == 200
    assert s["coverage"]["f1"] > 0.8 and s["prohibited"]["f1"] > 0.8
