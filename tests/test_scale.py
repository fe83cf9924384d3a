"""snscompare.scale: documents grouped by prefecture and kind, found by name, and
ranked by similarity; on the real five (values worked out from the coverage and
prohibited matrices) and on a small synthetic corpus."""
from __future__ import annotations

import dataclasses
import time

import numpy as np
import pytest
import yaml

from snscompare import pipeline, scale
from snscompare.align import Alignment
from snscompare.errors import UnknownIdError
from snscompare.corpus import PREFECTURES
from snscompare.synth import write_corpus
from snscompare.tables import coverage_matrix, prohibited_matrix
from tests.conftest import DOC_IDS

# data/cities.yaml
PREFECTURE = {"komoro": "長野県", "otaru": "北海道", "tottori": "鳥取県", "kitami": "北海道", "saku": "長野県"}
KIND = {"komoro": "利用者向けポリシー", "otaru": "要綱", "tottori": "職員向けガイドライン",
        "kitami": "利用者向けポリシー", "saku": "職員向けガイドライン"}


def covered(cm, doc: str, topic: str) -> bool:
    return bool(cm.set_index("topic_id").loc[topic, doc] > 0)


# --- the real five -----------------------------------------------------------------------------


def test_coverage_by_prefecture_on_the_five(alignment):
    cm = coverage_matrix(alignment)
    df = scale.coverage_by_group(alignment, "prefecture")
    # north to south (JIS order), with the group sizes
    assert list(df["prefecture"]) == ["北海道", "長野県", "鳥取県"]
    assert list(df["n_docs"]) == [2, 2, 1]
    assert list(df.columns[2:]) == alignment.taxonomy.topic_ids
    by = df.set_index("prefecture")
    for topic in alignment.taxonomy.topic_ids:
        assert by.loc["北海道", topic] == (covered(cm, "otaru", topic) + covered(cm, "kitami", topic)) / 2
        assert by.loc["長野県", topic] == (covered(cm, "komoro", topic) + covered(cm, "saku", topic)) / 2
        assert by.loc["鳥取県", topic] == float(covered(cm, "tottori", topic))
    # Otaru answers no comment individually (its 第13条): reply_policy is covered in Hokkaido.
    assert by.loc["北海道", "reply_policy"] >= 0.5
    # every covered cell counted once: shares × sizes add up to the matrix's filled cells
    filled = int((cm[DOC_IDS] > 0).to_numpy().sum())
    assert round(float((by[alignment.taxonomy.topic_ids].to_numpy() * by[["n_docs"]].to_numpy()).sum())) == filled


def test_coverage_by_kind_and_a_subset(alignment):
    cm = coverage_matrix(alignment)
    df = scale.coverage_by_group(alignment, "kind").set_index("kind")
    assert list(df.index) == ["利用者向けポリシー", "職員向けガイドライン", "要綱"]  # corpus.KINDS order
    assert list(df["n_docs"]) == [2, 2, 1]
    for topic in ("purpose", "reply_policy", "user_prohibited", "account_list"):
        assert df.loc["要綱", topic] == float(covered(cm, "otaru", topic))
        assert df.loc["利用者向けポリシー", topic] == (covered(cm, "komoro", topic) + covered(cm, "kitami", topic)) / 2
    sub = scale.coverage_by_group(alignment, "prefecture", docs=["saku", "otaru"])
    assert list(sub["prefecture"]) == ["北海道", "長野県"] and list(sub["n_docs"]) == [1, 1]
    assert sub.set_index("prefecture").loc["長野県", "purpose"] == float(covered(cm, "saku", "purpose"))
    with pytest.raises(ValueError):
        scale.coverage_by_group(alignment, "city")


def test_prohibited_by_prefecture_on_the_five(alignment):
    pm = prohibited_matrix(alignment).set_index(["category_id", "direction"])
    df = scale.prohibited_by_group(alignment, "prefecture")
    assert list(zip(df["prefecture"], df["direction"])) == [
        ("北海道", "user"), ("長野県", "user"), ("鳥取県", "user"),
        ("北海道", "city"), ("長野県", "city"), ("鳥取県", "city")]
    assert list(df.columns[3:]) == alignment.taxonomy.category_ids
    by = df.set_index(["prefecture", "direction"])
    for cat in alignment.taxonomy.category_ids:
        for direction in ("user", "city"):
            row = pm.loc[(cat, direction)]
            assert by.loc[("北海道", direction), cat] == (row["otaru"] + row["kitami"]) / 2
            assert by.loc[("鳥取県", direction), cat] == row["tottori"]
    # Otaru's 第11条 list bans defamation both ways (its 第12条 applies it to users' comments).
    assert by.loc[("北海道", "city"), "defamation"] >= 0.5
    assert by.loc[("北海道", "user"), "defamation"] >= 0.5
    city_only = scale.prohibited_by_group(alignment, "kind", direction="city")
    assert set(city_only["direction"]) == {"city"} and len(city_only) == 3


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def test_similar_documents_are_ranked_by_jaccard_with_reasons(alignment):
    topic_ids = alignment.taxonomy.topic_ids
    pm = prohibited_matrix(alignment)
    feats = {}
    for d in DOC_IDS:
        topics = {t for t in topic_ids if t in alignment.covered(d)}
        pro = {(c, di) for c, di, v in zip(pm["category_id"], pm["direction"], pm[d]) if v}
        feats[d] = (topics, pro)
    sim = scale.similar_documents(alignment, "komoro", k=10)
    assert "komoro" not in set(sim["doc_id"]) and len(sim) == 4
    expected = {d: _jaccard(feats["komoro"][0] | feats["komoro"][1], feats[d][0] | feats[d][1]) for d in DOC_IDS[1:]}
    for r in sim.itertuples():
        assert r.score == pytest.approx(expected[r.doc_id])
        assert r.topic_score == pytest.approx(_jaccard(feats["komoro"][0], feats[r.doc_id][0]))
        assert r.prohibited_score == pytest.approx(_jaccard(feats["komoro"][1], feats[r.doc_id][1]))
        shared = [t for t in topic_ids if t in feats["komoro"][0] & feats[r.doc_id][0]]
        assert r.shared_topics == ",".join(shared)
        assert r.only_chosen == ",".join(t for t in topic_ids if t in feats["komoro"][0] - feats[r.doc_id][0])
        assert r.only_other == ",".join(t for t in topic_ids if t in feats[r.doc_id][0] - feats["komoro"][0])
        assert r.n_shared == len(feats["komoro"][0] & feats[r.doc_id][0]) + len(feats["komoro"][1] & feats[r.doc_id][1])
        assert r.name == alignment.doc(r.doc_id).name and r.prefecture == PREFECTURE[r.doc_id]
    assert list(sim["score"]) == sorted(sim["score"], reverse=True)
    assert len(scale.similar_documents(alignment, "komoro", k=2)) == 2
    only = scale.similar_documents(alignment, "komoro", docs=["saku", "komoro"])
    assert list(only["doc_id"]) == ["saku"]
    with pytest.raises(UnknownIdError):
        scale.similar_documents(alignment, "nowhere")


def test_find_documents_by_name_prefecture_and_kind(alignment):
    everything = scale.find_documents(alignment)
    assert list(everything["doc_id"]) == DOC_IDS
    assert list(everything.columns) == ["doc_id", "name", "prefecture", "kind", "title", "n_topics"]
    for r in everything.itertuples():
        assert r.n_topics == len(set(alignment.covered(r.doc_id)) & set(alignment.taxonomy.topic_ids))
        assert r.prefecture == PREFECTURE[r.doc_id] and r.kind == KIND[r.doc_id]
    assert list(scale.find_documents(alignment, text="小諸")["doc_id"]) == ["komoro"]
    assert "otaru" in set(scale.find_documents(alignment, text="ｓｎｓ")["doc_id"])  # 小樽市公式 SNS 運用要綱
    assert list(scale.find_documents(alignment, prefectures=["北海道"])["doc_id"]) == ["otaru", "kitami"]
    assert list(scale.find_documents(alignment, kinds=["要綱"])["doc_id"]) == ["otaru"]
    assert list(scale.find_documents(alignment, text="北海道　運用方針")["doc_id"]) == ["kitami"]  # both words
    assert scale.find_documents(alignment, prefectures=["長野県"], kinds=["要綱"]).empty
    assert list(scale.find_documents(alignment, text="市", docs=["saku", "komoro"])["doc_id"]) == ["komoro", "saku"]
    assert scale.group_values(alignment, "kind") == ["利用者向けポリシー", "職員向けガイドライン", "要綱"]


# --- a synthetic corpus --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def synth_alignment(tmp_path_factory, docs):
    out = write_corpus(40, seed=5, out=tmp_path_factory.mktemp("synth40"))
    meta = yaml.safe_load((out / "metadata.yaml").read_text(encoding="utf-8"))
    # one more: a copy of Komoro's text without metadata (no prefecture; same coverage as Komoro)
    from snscompare.corpus import make_document

    copy = make_document("komoro_copy", docs["komoro"].text, added=True)
    return pipeline.build(added=[out], extra_docs=[copy]), meta


def test_groups_on_a_synthetic_corpus(synth_alignment):
    al, meta = synth_alignment
    assert len(al.docs) == 46
    df = scale.coverage_by_group(al, "prefecture")
    expected = {}
    for d, m in meta.items():
        expected[m["prefecture"]] = expected.get(m["prefecture"], 0) + 1
    for d in DOC_IDS:
        expected[PREFECTURE[d]] = expected.get(PREFECTURE[d], 0) + 1
    expected[""] = 1  # komoro_copy
    assert dict(zip(df["prefecture"], df["n_docs"])) == expected
    assert df["n_docs"].sum() == 46
    order = [p for p in df["prefecture"] if p]
    assert order == sorted(order, key=PREFECTURES.index) and df["prefecture"].iloc[-1] == ""
    cm = coverage_matrix(al).set_index("topic_id")
    for pref in df["prefecture"]:
        members = [d.id for d in al.docs if d.prefecture == pref]
        row = df.set_index("prefecture").loc[pref]
        for topic in ("purpose", "reply_policy", "emergency_info", "privacy_handling"):
            assert row[topic] == pytest.approx(np.mean([cm.loc[topic, d] > 0 for d in members]))
    kinds = scale.coverage_by_group(al, "kind")
    assert kinds["n_docs"].sum() == 46


def test_similar_and_find_on_a_synthetic_corpus(synth_alignment):
    al, meta = synth_alignment
    sim = scale.similar_documents(al, "komoro", k=5)
    top = sim.iloc[0]
    assert top["doc_id"] == "komoro_copy" and top["score"] == 1.0
    assert top["only_chosen"] == "" and top["only_other"] == ""
    assert list(sim["score"]) == sorted(sim["score"], reverse=True)
    some, m = next(iter(meta.items()))
    found = scale.find_documents(al, text=m["city"])
    assert some in set(found["doc_id"])
    pref = scale.find_documents(al, prefectures=[m["prefecture"]])
    assert set(pref["doc_id"]) == {d.id for d in al.docs if d.prefecture == m["prefecture"]}
    assert list(scale.find_documents(al, prefectures=[""])["doc_id"]) == ["komoro_copy"]


def test_each_function_stays_under_a_second_at_national_scale(synth_alignment):
    """1,788 documents made by reusing the synthetic ones' alignments under new ids
    (aligning 1,788 texts takes a minute; the functions only read the alignments)."""
    al, _ = synth_alignment
    base = [d for d in al.docs]
    docs, per_doc = [], {}
    for i in range(1788):
        src = base[i % len(base)]
        d = dataclasses.replace(src, id=f"n{i:04d}")
        docs.append(d)
        per_doc[d.id] = al.per_doc[src.id]
    big = Alignment(docs, al.taxonomy, per_doc)
    timings = {}
    for name, call in {
        "features": lambda: scale.features(big),
        "coverage_by_group": lambda: scale.coverage_by_group(big, "prefecture"),
        "prohibited_by_group": lambda: scale.prohibited_by_group(big, "kind"),
        "similar_documents": lambda: scale.similar_documents(big, "n0007", k=10),
        "find_documents": lambda: scale.find_documents(big, text="市", prefectures=["北海道"]),
    }.items():
        t0 = time.perf_counter()
        call()
        timings[name] = time.perf_counter() - t0
    assert max(timings.values()) < 1.0, timings
    assert scale.coverage_by_group(big, "prefecture")["n_docs"].sum() == 1788
