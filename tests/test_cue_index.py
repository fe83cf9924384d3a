"""The cue index finds, for every cue list, the same first cue as trying each cue in turn."""
from __future__ import annotations

import dataclasses

import pytest

from snscompare.align import CueMatcher, Hay
from snscompare.normalize import normalize_text
from snscompare.taxonomy import Cue


@pytest.mark.parametrize("mode", ["nfkc_exact", "lemma_exact"])
def test_index_agrees_with_the_scan_on_every_clause(mode, taxonomy, corpus):
    tax = dataclasses.replace(taxonomy, settings=dataclasses.replace(taxonomy.settings, matcher=mode))
    matcher = CueMatcher(tax)
    assert matcher._index is not None
    texts = [c.norm for d in corpus for c in d.clauses] + [normalize_text(c.title) for d in corpus for c in d.clauses
                                                            if c.title]
    if mode == "lemma_exact":
        texts = texts[::5]  # SudachiPy on every clause is slow; a fifth covers every kind
    found = 0
    for text in texts:
        hay = matcher.haystack(text)
        assert isinstance(hay, Hay) and tuple(hay) == (hay.norm, hay.match)
        for cues in tax.cue_lists():
            got = matcher.best(cues, hay)
            assert got == matcher._best_exact_scan(cues, hay), (text[:40], got)
            found += got[0] > 0
    assert found > 100  # the test compares matches, not only misses


def test_regular_expressions_and_empty_cues_keep_their_place(taxonomy):
    matcher = CueMatcher(taxonomy)
    rx = Cue("re:第\\d+条")
    plain = Cue("投稿")
    cues = (plain, rx)
    hay = matcher.haystack(normalize_text("第5条 投稿を削除する"))
    # a list the index was not built with is scanned
    assert matcher.best(cues, hay) == (100.0, "投稿") == matcher._best_exact_scan(cues, hay)
    assert matcher.best((rx, plain), hay) == (100.0, "re:第\\d+条")
    # lists of the taxonomy with a regular expression: the regex found where it stands
    index = matcher._index
    with_rx = [cues for cues in taxonomy.cue_lists() if index.lists[id(cues)][0]]
    assert with_rx
    for cues in with_rx:
        for text in ("第3条に違反する投稿", "前条の規定", "本市の公式アカウント", ""):
            h = matcher.haystack(normalize_text(text))
            assert matcher.best(cues, h) == matcher._best_exact_scan(cues, h)
