"""The parser and the aligner on published policies of other bodies (../shared/realworld).

The excerpts are read from ../shared/realworld (never copied here): every assertion is
on ids, kinds, numbers, categories and labelled spans, never on their text.  Which
excerpts are held out is fixed by a rule (data/gold/realworld/README.md); the tests of
structure read the development excerpts only.
"""
from __future__ import annotations

import hashlib

import pytest
import yaml

from snscompare import evaluate as ev
from snscompare.align import align_document
from snscompare.corpus import make_document
from snscompare.gold import REALWORLD_GOLD, realworld_dir, realworld_split, realworld_structure, realworld_texts

SRC = realworld_dir()
pytestmark = pytest.mark.skipif(not SRC.is_dir(), reason=f"the published excerpts are not beside the checkout ({SRC})")


@pytest.fixture(scope="module")
def dev_texts():
    return realworld_texts("dev")


@pytest.fixture(scope="module")
def dev_docs(dev_texts):
    # with the held-out third, read after its one measurement (README: development material since)
    texts = {**dev_texts, **realworld_texts("heldout")}
    return {i: make_document(i, t) for i, t in texts.items()}


def test_every_excerpt_is_labelled_in_the_set_the_rule_gives_it():
    ids = sorted(p.stem for p in SRC.glob("*.txt"))
    split = realworld_split(ids)
    assert len(ids) == 44 and sum(v == "heldout" for v in split.values()) == 14
    for i in ids:
        label = REALWORLD_GOLD / split[i] / f"{i}.yaml"
        assert label.exists(), f"{i} should be labelled in {split[i]}/"
        other = REALWORLD_GOLD / ("dev" if split[i] == "heldout" else "heldout") / f"{i}.yaml"
        assert not other.exists(), f"{i} is labelled in the wrong set"
        data = yaml.safe_load(label.read_text(encoding="utf-8"))
        assert data["sha256"] == hashlib.sha256((SRC / f"{i}.txt").read_bytes()).hexdigest()


def test_labels_quote_no_text_of_the_excerpts():
    """Labels are ids, spans and our own words: no run of eight characters of an
    excerpt appears in its label file."""
    for split in ("dev", "heldout"):
        for label in sorted((REALWORLD_GOLD / split).glob("*.yaml")):
            text = (SRC / f"{label.stem}.txt").read_text(encoding="utf-8")
            body = label.read_text(encoding="utf-8")
            runs = {text[k:k + 8] for k in range(len(text) - 8) if not any(ch.isspace() or ch.isascii() for ch in text[k:k + 8])}
            assert not any(r in body for r in runs), label.name


# --- structure: what a reader sees, on the real text ------------------------------------

# Layout families of the development excerpts (the README of ../shared/realworld names them).
FAMILIES = {
    "第N条 with (見出し) captions": ["ageo", "mihama", "ryugasaki", "yuzawa"],
    "第N条 from PDF text, hard line breaks": ["fujioka"],
    "flattened into one line (spaced 第 1 条, contents page)": ["setouchi", "iwata"],
    "N 見出し + (1) items": ["izumo", "sukumo", "onjuku", "akitapref"],
    "N 見出し + (1) + ア イ ウ": ["chikugodenen"],
    "第1. → 1. → (1) → ア": ["chiba"],
    "N.見出し + - bullets": ["nagoyakita", "kunisaki", "shizuokaprefedu", "tokushimapref"],
    "N 見出し + - or • bullets, a markdown table": ["kawasakisenkan", "gunmapref", "toyohashibihaku"],
    "nested 1. lists, [ラベル] labels": ["neyagawa", "kasuga"],
    "circled numbers": ["hiratsukakonan", "discoverhigashihiroshima", "yazu"],
    "●ラベル headings + ・ bullets": ["osakataisho"],
    "unnumbered headings on their own lines": ["sapporo", "minabe", "konan", "saikai"],
    "definition-list rendering (- N. 見出し, bare -)": ["yazu"],
}


def _clause_at(doc, pos):
    hit = None
    for c in doc.clauses:
        if c.start <= pos < max(c.end, c.start + 1):
            hit = c
    return hit


@pytest.mark.parametrize("family,ids", FAMILIES.items(), ids=list(FAMILIES))
def test_each_layout_family_parses_into_its_headings_and_items(dev_docs, family, ids):
    """Every labelled heading starts a clause that has a title (or is the title), and
    every labelled item of a list is an item of its own — except the entries of a
    contents page, which is one clause the aligner skips."""
    for doc_id in ids:
        doc = dev_docs[doc_id]
        st = realworld_structure(REALWORLD_GOLD / "dev" / f"{doc_id}.yaml", doc.text)
        for h in st["headings"]:
            c = _clause_at(doc, h.start)
            assert c is not None and (c.kind in ("preamble", "contents") or c.title), (doc_id, h, c and c.local_id)
        for lead, items in st["lists"]:
            for it in items:
                c = _clause_at(doc, it.start)
                if c.kind == "contents":
                    continue
                labelled_value = not doc.text[it.start:it.end].lstrip()[:1].isalnum() or "\n" in doc.text[it.start:it.end]
                assert c is not None and (c.kind == "item" or (c.start == it.start and labelled_value)), \
                    (doc_id, it, c and c.local_id, c and c.kind)


def test_structure_recall_on_the_development_excerpts(dev_docs):
    """Headings and list items against the labels, all 44 excerpts (0.996 and 0.89 when this
    was written; the misses are label/value blocks read as headings, contents entries)."""
    heads = head_ok = items = item_ok = 0
    split = realworld_split(dev_docs)
    for doc_id, doc in dev_docs.items():
        st = realworld_structure(REALWORLD_GOLD / split[doc_id] / f"{doc_id}.yaml", doc.text)
        for h in st["headings"]:
            c = _clause_at(doc, h.start)
            heads += 1
            head_ok += c is not None and (c.kind in ("preamble", "heading", "section", "article") or bool(c.title))
        for _, its in st["lists"]:
            for it in its:
                c = _clause_at(doc, it.start)
                items += 1
                item_ok += c is not None and c.kind == "item" and abs(c.start - it.start) <= 2
    assert head_ok / heads >= 0.95
    assert item_ok / items >= 0.85


def test_flattened_articles_keep_their_captions_and_definitions(dev_docs):
    doc = dev_docs["setouchi"]
    arts = [c for c in doc.clauses if c.kind == "article"]
    assert [a.label for a in arts] == ["第1条", "第2条", "第3条"]
    assert all(a.title for a in arts) and all(doc.text[a.start] in "(（" for a in arts)
    assert len([c for c in doc.clauses if c.parent == arts[1].id and c.kind == "item"]) == 8
    assert [c.kind for c in doc.clauses if c.parent == arts[2].id] == ["paragraph"]


def test_a_contents_page_is_one_clause_and_places_nothing(dev_docs):
    doc = dev_docs["iwata"]
    toc = [c for c in doc.clauses if c.kind == "contents"]
    assert len(toc) == 1 and toc[0].norm == ""
    al = align_document(doc, ev.load_taxonomy())
    assert not [a for a in al.assignments if a.clause_id == toc[0].id]


@pytest.mark.parametrize("doc_id,items,direction,min_categorised", [
    ("chikugodenen", 4, ["user"], 4),   # ア–エ under a deletion rule (非表示・削除)
    ("onjuku", 6, ["user"], 6),         # (1)–(6) under 禁止事項 (the cut "(7" is no marker)
    ("sapporo", 3, ["user"], 3),        # ・ bullets separated by blank lines (ご遠慮 / ブロック)
    ("osakataisho", 3, ["user"], 2),    # ・ bullets under ●禁止事項等 (ご遠慮 / 削除)
    ("yazu", 5, ["city"], 5),           # ①–⑤ under (5) 発信してはならない
    ("mihama", 13, ["city"], 12),       # (1)–(13) under 発信できない情報 (item 13 cut)
    # the held-out third, read after its one measurement (README): now development material
    ("daisen", 5, ["user"], 4),         # - bullets under 6.禁止行為 (禁じます / 削除), after a "- YouTube" bullet
    ("fukushimaprefedu", 2, ["city"], 2),  # ア イ under ⑶ …発信しません (wrapped mid-word)
    ("okegawa", 3, ["user"], 3),        # (1)–(3) without a space after the marker (禁止します / 削除)
    ("toyokawa", 3, ["user"], 3),       # ・ bullets under an unnumbered 禁止事項 heading (削除)
])
def test_every_visible_prohibited_list_is_found_with_its_direction(dev_docs, doc_id, items, direction, min_categorised):
    al = align_document(dev_docs[doc_id], ev.load_taxonomy())
    [lst] = al.lists
    assert len(lst.items) == items and sorted(lst.directions) == direction
    assert sum(1 for it in al.items if it.categories) >= min_categorised


@pytest.mark.parametrize("doc_id", ["konan", "nagoyakita", "ryugasaki", "yuzawa", "kasuga"])
def test_notes_principles_and_account_details_are_not_prohibited_lists(dev_docs, doc_id):
    """Lists under 注意事項, 遵守事項 or 留意 headings whose items are not prohibited content."""
    assert align_document(dev_docs[doc_id], ev.load_taxonomy()).lists == []


def test_glossary_items_state_definitions_only(dev_docs):
    """A definitions list whose article line was lost (its items read 「term␣what it is」)."""
    al = align_document(dev_docs["yuzawa"], ev.load_taxonomy())
    doc = dev_docs["yuzawa"]
    first = [c for c in doc.clauses if c.kind == "article"][0]
    items = [c.id for c in doc.clauses if c.parent == first.id and c.kind == "item"]
    assert len(items) == 4
    for cid in items:
        assert {a.topic for a in al.assignments if a.clause_id == cid} <= {"definitions", "platforms"}
        assert "definitions" in {a.topic for a in al.assignments if a.clause_id == cid}


# --- the vocabulary is honest ---------------------------------------------------------------


def test_every_cue_that_only_one_labelled_document_uses_says_why(corpus, taxonomy):
    """A cue that occurs in exactly one labelled document was probably taken from its
    wording: it carries from: (held out with that document in leave-one-out) or why:
    (a stated reason it is ordinary vocabulary)."""
    from snscompare.gold import DEV_DIR, heldout_docs_and_gold, realworld_docs_and_gold

    docs = (corpus + realworld_docs_and_gold(taxonomy, "dev")[0] + realworld_docs_and_gold(taxonomy, "heldout")[0]
            + heldout_docs_and_gold(taxonomy, DEV_DIR)[0])
    assert ev.unexplained_single_document_cues(taxonomy, docs) == []


# --- the same excerpts in other layouts (snscompare/perturb.py) ---------------------------------

# Floors a little under the figures of 2026-11-30 (README, Evaluation): as published 0.988 / 0.989;
# broken at 60 columns 0.977 / 0.957; flattened and NFKC-folded 0.971 / 0.979; every other rewrite
# ≥ 0.97 / 0.989.
LAYOUT_FLOORS = {"as_is": (0.97, 0.97), "wrap": (0.95, 0.93), "flatten+nfkc": (0.95, 0.95)}
OTHER_LAYOUTS_FLOOR = (0.96, 0.97)


@pytest.fixture(scope="module")
def layout_scores(taxonomy, corpus):
    golds = ev.five_gold(corpus, taxonomy)
    return {e.mode.split(":", 1)[1]: e.scores for e in ev.evaluate_layouts(taxonomy, ev.exemplars_from_gold(corpus, golds))}


def test_every_layout_rewrite_is_measured(layout_scores):
    from snscompare.perturb import REWRITES

    assert set(layout_scores) == {"as_is", *REWRITES}


@pytest.mark.parametrize("rewrite", ["as_is", "flatten", "wrap", "blank_lines", "nfkc", "full_width", "items_bulleted",
                                     "items_numbered", "headings_bracketed", "headings_symbol", "headings_bare",
                                     "flatten+nfkc", "items_bulleted+wrap", "headings_symbol+flatten"])
def test_the_same_content_in_another_layout_is_read_as_well(layout_scores, rewrite):
    """The 44 excerpts, their layout rewritten and nothing else: the document-level tables
    stay near the figures of the excerpts as published."""
    cov_floor, pro_floor = LAYOUT_FLOORS.get(rewrite, OTHER_LAYOUTS_FLOOR)
    s = layout_scores[rewrite]
    assert s.coverage.f1 >= cov_floor, (rewrite, s.coverage.f1)
    assert s.prohibited.f1 >= pro_floor, (rewrite, s.prohibited.f1)


def test_rewrites_change_layout_only():
    """Each rewrite keeps every character a reader reads (markers and spacing aside)."""
    import re
    import unicodedata

    from snscompare.perturb import REWRITES, Structure

    text = (SRC / "chikugodenen.txt").read_text(encoding="utf-8")
    which = realworld_split({p.stem: p for p in SRC.glob("*.txt")})["chikugodenen"]
    structure = Structure.from_labels(realworld_structure(REALWORLD_GOLD / which / "chikugodenen.yaml", text))

    def words(t):
        t = unicodedata.normalize("NFKC", t)
        return re.sub(r"[\s()【】■・\-\dアイウエ.]", "", t)

    for name, rewrite in REWRITES.items():
        out = rewrite(text, structure)
        if name == "flatten+nfkc":
            text_nfkc = unicodedata.normalize("NFKC", text)
            assert words(out) == words(text_nfkc), name
            continue
        assert out != text or name == "nfkc", name  # this excerpt has nothing NFKC folds
        assert words(out) == words(text), name
