"""Would a statistical signal help the aligner?  A leave-one-document-out experiment.

For clauses that no cue places, a character n-gram TF-IDF model with a linear
classifier (one-vs-rest logistic regression, scikit-learn), trained on every
labelled clause of the *other* documents (the five's clause labels and the clauses
that the development excerpts' labelled passages cover), proposes topics above a
probability.  Each document is left out in turn with the cues taken from its
wording (as ``evaluate --mode lodo``), and the coverage matrix is scored with the
signal off and at each probability.

scikit-learn is not a dependency of the product (the signal is off, see
README.md, "Evaluation"); install it to run this:

    .venv/bin/pip install scikit-learn
    .venv/bin/python benchmarks/statistical_signal.py [0.5 0.6 0.7 0.8 0.9]

About 6 minutes on 2 cores (35 folds).
"""
from __future__ import annotations

import copy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from snscompare import evaluate as ev  # noqa: E402
from snscompare.align import Alignment, Assignment, Reason, align_corpus  # noqa: E402
from snscompare.corpus import load_corpus  # noqa: E402
from snscompare.gold import five_gold, realworld_docs_and_gold  # noqa: E402
from snscompare.taxonomy import load_taxonomy  # noqa: E402

LIST_TOPICS = {"user_prohibited", "city_prohibited"}  # come from lists, not from a clause's wording


def training_set(docs, gold_by):
    texts, labels = [], []
    for d in docs:
        g = gold_by[d.id]
        for c in d.clauses:
            if c.kind == "contents" or not c.norm or c.id in g.items:
                continue
            texts.append(c.norm)
            labels.append(sorted(g.labelled_clauses.get(c.id, set()) - LIST_TOPICS))
    return texts, labels


def main(thresholds):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer

    taxonomy = load_taxonomy()
    docs = load_corpus()
    golds = five_gold(docs, taxonomy)
    rw_docs, rw_golds = realworld_docs_and_gold(taxonomy, "dev")
    docs, golds = docs + rw_docs, golds + rw_golds
    gold_by = {g.doc_id: g for g in golds}
    base, with_signal = {}, {p: {} for p in thresholds}
    t0 = time.perf_counter()
    for held in docs:
        da = align_corpus([held], taxonomy.without_sources(held.id)).per_doc[held.id]
        base[held.id] = da
        texts, labels = training_set([d for d in docs if d.id != held.id], gold_by)
        mlb = MultiLabelBinarizer()
        y = mlb.fit_transform(labels)
        keep = y.sum(axis=0) >= 3
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True)
        clf = OneVsRestClassifier(LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced"))
        clf.fit(vec.fit_transform(texts), y[:, keep])
        classes = np.array(mlb.classes_)[keep]
        placed = {a.clause_id for a in da.assignments} | {i.clause_id for i in da.items}
        targets = [c for c in held.clauses if c.id not in placed and c.norm and c.kind not in ("contents", "preamble")]
        probs = clf.predict_proba(vec.transform([c.norm for c in targets])) if targets else np.zeros((0, len(classes)))
        for p in thresholds:
            extra = [Assignment(held.id, c.id, str(classes[k]), float(row[k]) * 100, Reason.of("cue", cue="classifier"))
                     for c, row in zip(targets, probs) for k in np.nonzero(row >= p)[0]]
            d2 = copy.copy(da)
            d2.assignments = list(da.assignments) + extra
            with_signal[p][held.id] = d2
    print(f"# {len(docs)} documents left out in turn, {time.perf_counter() - t0:.0f} s")
    print("signal        coverage P   R      F1")
    s = ev.score(Alignment(docs, taxonomy, base), golds).coverage
    print(f"off                 {s.precision:.3f}  {s.recall:.3f}  {s.f1:.3f}")
    for p in thresholds:
        s = ev.score(Alignment(docs, taxonomy, with_signal[p]), golds).coverage
        print(f"probability ≥ {p:.2f}  {s.precision:.3f}  {s.recall:.3f}  {s.f1:.3f}")


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [0.5, 0.6, 0.7, 0.8, 0.9])
