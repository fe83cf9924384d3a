"""Place every clause in the taxonomy.

For each clause and topic the aligner looks for the topic's cues (see
``data/taxonomy.yaml``) in the clause's own text, its title and the headings above
it, and records a score (0-100) and the reason (which cue, which heading).  Lists of
prohibited content are found from their wording (:mod:`snscompare.lists`); each
item gets its categories and the list's direction (``user`` / ``city``).

The parts: :mod:`snscompare.cues` (matching), :mod:`snscompare.lists` (lists and
direction), :mod:`snscompare.alignment` (the results), :mod:`snscompare.overrides`,
:mod:`snscompare.exemplars`.  This module computes; it never reads files, and it is
deterministic.
"""
from __future__ import annotations

import re

from .alignment import (LIST_TOPIC, Alignment, Assignment, DocAlignment, ProhibitedItem,  # noqa: F401  (re-exported)
                        ProhibitedList, Reason)
from .corpus import Document
from .cues import CompiledTaxonomy, CueMatcher, Hay  # noqa: F401  (re-exported)
from .exemplars import Exemplar, exemplar_text, nearest_exemplars  # noqa: F401  (re-exported)
from .lists import GLOSSARY_TOPICS, apply_references, find_glossaries, find_lists
from .normalize import normalize_text
from .overrides import Override, load_overrides  # noqa: F401  (re-exported)
from .parser import Clause
from .taxonomy import Taxonomy


class Reading:
    """One document as the aligner reads it: its clauses by id, their children and
    ancestors, and the matching copies of their text and titles."""

    def __init__(self, doc: Document, compiled: CompiledTaxonomy):
        self.doc = doc
        self.taxonomy = compiled.taxonomy
        self.matcher = compiled.matcher
        self.by_id = {c.id: c for c in doc.clauses}
        self.kids = {c.id: [self.by_id[k] for k in c.children] for c in doc.clauses}
        self.hays = {c.id: self.matcher.haystack(c.norm) for c in doc.clauses}
        self.title_hays = {c.id: self.matcher.haystack(normalize_text(c.title)) for c in doc.clauses if c.title}
        self.threshold = self.taxonomy.settings.threshold
        self._categories: dict[str, tuple] = {}

    def categories_of(self, clause_id: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(category ids, the cue of each) that an item's text falls under; computed
        once per clause (the list finder asks, then the item table)."""
        got = self._categories.get(clause_id)
        if got is None:
            cats, cues = [], []
            hay = self.hays[clause_id]
            for cat in self.taxonomy.categories:
                if cat.unless and self.matcher.best(cat.unless, hay)[0] >= self.threshold:
                    continue
                s, cue = self.matcher.best(cat.cues, hay)
                if s >= self.threshold:
                    cats.append(cat.id)
                    cues.append(cue)
            got = self._categories[clause_id] = (tuple(cats), tuple(cues))
        return got

    def ancestors(self, clause: Clause) -> list[Clause]:
        out = []
        p = clause.parent
        while p:
            a = self.by_id[p]
            out.append(a)
            p = a.parent
        return out

    def descendants(self, cid: str) -> list[str]:
        out = []
        for k in self.kids[cid]:
            out.append(k.id)
            out += self.descendants(k.id)
        return out


def document_titles(doc: Document) -> set[str]:
    """The clauses that are the document's title: its first line, when that is a
    short line of its own, and the same line repeated (web pages print the title
    twice).  A title names the policy; it states no rule (data/gold/README.md)."""
    first = doc.clauses[0] if doc.clauses else None
    if first is None or first.kind != "preamble" or len(doc.clauses) < 2:
        return set()
    title = first.clean.strip()
    if "。" in title or "\n" in title or len(title) > 80:
        return set()
    return {c.id for c in doc.clauses if c.kind == "preamble" and c.clean.strip() == title}


def compiled(taxonomy: Taxonomy | CompiledTaxonomy) -> CompiledTaxonomy:
    return taxonomy if isinstance(taxonomy, CompiledTaxonomy) else taxonomy.compiled


def align_document(doc: Document, taxonomy: Taxonomy | CompiledTaxonomy, overrides: list[Override] = (),
                   exemplars: list[Exemplar] = ()) -> DocAlignment:
    """Align one document (pure: depends only on its arguments).

    ``taxonomy`` may be given compiled (:attr:`Taxonomy.compiled`), as
    :func:`align_corpus` does, so that the cue lists are compiled once.
    ``exemplars`` are labelled clauses of *other* documents; those of ``doc``
    itself are ignored, so a document is never aligned by its own labels."""
    ct = compiled(taxonomy)
    taxonomy = ct.taxonomy
    r = Reading(doc, ct)
    matcher, by_id, hays, title_hays = r.matcher, r.by_id, r.hays, r.title_hays

    # 1. Prohibited-content lists, their direction and items; 2. lists that other
    # clauses extend to users' posts.
    lists = find_lists(r)
    apply_references(r, lists)

    item_of = {i: lst for lst in lists.values() for i in lst.items}

    # 3. Topics.  Items of a prohibited list get the list's topic only; items of a
    # glossary only what a definition can state (the spec: defining なりすまし is
    # not a measure against impersonation); the document's title states no rule.
    glossary = find_glossaries(r, skip=set(item_of))
    titles = document_titles(doc)
    knn = nearest_exemplars(doc, exemplars, taxonomy, skip=set(item_of), hays=None)
    assignments: list[Assignment] = []
    threshold = taxonomy.settings.threshold
    for c in doc.clauses:
        if c.id in item_of:
            lst = item_of[c.id]
            for d in lst.directions:
                assignments.append(Assignment(doc.id, c.id, LIST_TOPIC[d], 100.0,
                                              Reason.of("list_item", list=lst.clause_id, direction=d), lst.clause_id))
            continue
        if c.id in titles:
            continue
        ancestors = r.ancestors(c)
        own = len(assignments)  # this clause's assignments start here
        for topic in taxonomy.topics:
            if c.id in glossary and topic.id not in GLOSSARY_TOPICS:
                continue
            if topic.unless and matcher.best(topic.unless, hays[c.id])[0] >= threshold \
                    and not _said_apart_from_the_exception(matcher, topic, c, threshold):
                continue
            score, cue = matcher.best(topic.cues, hays[c.id])
            reason = Reason.of("cue", cue=cue) if score else None
            if score < 100 and topic.title_cues and c.id in title_hays:
                s, cu = matcher.best(topic.title_cues, title_hays[c.id])
                if s > score:
                    score, cue, reason = s, cu, Reason.of("title", title=c.title)
            if score < threshold and topic.section_cues:
                for a in ancestors:
                    if a.id in title_hays:
                        s, cu = matcher.best(topic.section_cues, title_hays[a.id])
                        if s:
                            s = s * taxonomy.settings.section_score / 100
                            if s > score:
                                score, cue, reason = s, cu, Reason.of("section", title=a.title, clause=a.id)
                            break
            if score < threshold and topic.id in knn.get(c.id, {}):
                s, ex = knn[c.id][topic.id]
                score, cue, reason = s, ex, Reason.of("exemplar", clause=ex, score=f"{s:.0f}")
            if score < threshold and c.id in glossary and topic.id == "definitions":
                score, cue, reason = 100.0, "", Reason.of("glossary_item", list=glossary[c.id])
            if score >= threshold:
                assignments.append(Assignment(doc.id, c.id, topic.id, round(score, 1), reason, cue))
        if c.id in lists:
            lst = lists[c.id]
            for d in lst.directions:
                if not any(a.topic == LIST_TOPIC[d] for a in assignments[own:]):
                    assignments.append(Assignment(doc.id, c.id, LIST_TOPIC[d], 100.0,
                                                  Reason.of("list", direction=d, detail=lst.why[d]), ""))

    # 4. Categories of the items.
    items: list[ProhibitedItem] = []
    for lst in lists.values():
        for iid in lst.items or ([lst.clause_id] if lst.inline else []):
            cats, cues = r.categories_of(iid)
            items.append(ProhibitedItem(doc.id, iid, lst.clause_id, cats, tuple(lst.directions), cues))

    # 5. Overrides (single corrections with a reason).
    for o in overrides:
        if o.clause_id not in by_id:
            continue
        if o.remove:
            assignments = [a for a in assignments if not (a.clause_id == o.clause_id and a.topic in o.remove)]
        for t in o.add:
            assignments = [a for a in assignments if not (a.clause_id == o.clause_id and a.topic == t)]
            assignments.append(Assignment(doc.id, o.clause_id, t, 100.0, Reason.of("override", reason=o.reason), "", "override"))
        if o.categories is not None or o.directions is not None:
            for k, it in enumerate(items):
                if it.clause_id == o.clause_id:
                    items[k] = ProhibitedItem(it.doc_id, it.clause_id, it.list_id,
                                              o.categories if o.categories is not None else it.categories,
                                              o.directions if o.directions is not None else it.directions,
                                              it.cues, "override")

    placed = {a.clause_id for a in assignments}
    unplaced = [c.id for c in doc.clauses if c.id not in placed and _has_content(c)]
    order = {c.id: c.order for c in doc.clauses}
    topic_order = {t: i for i, t in enumerate(taxonomy.topic_ids)}
    assignments.sort(key=lambda a: (order[a.clause_id], topic_order.get(a.topic, 99)))
    return DocAlignment(doc.id, assignments, list(lists.values()), items, unplaced)



def _has_content(c: Clause) -> bool:
    """A clause worth reporting as unplaced: it says something (not an empty form row)."""
    body = c.norm.replace(normalize_text(c.title), "", 1) if c.title else c.norm
    return len(re.sub(r"[\s\W_]", "", body)) >= 6




def _said_apart_from_the_exception(matcher: CueMatcher, topic, c: Clause, threshold: float) -> bool:
    """An exception (``unless``) vetoes the sentence it is in, not the whole clause: a
    preamble that says what the city posts (「…行政情報…を積極的に発信するため」) and, in the
    next sentence, that it wants no 誤解 still states what is posted."""
    sentences = [s for s in c.norm.split("。") if s.strip()]
    if len(sentences) < 2:
        return False
    for sentence in sentences:
        hay = matcher.haystack(sentence)
        if matcher.best(topic.cues, hay)[0] >= threshold and matcher.best(topic.unless, hay)[0] < threshold:
            return True
    return False


# --- the corpus ------------------------------------------------------------------


def align_corpus(docs: list[Document], taxonomy: Taxonomy, overrides: list[Override] = (),
                 exemplars: list[Exemplar] = ()) -> Alignment:
    ct = compiled(taxonomy)
    return Alignment(list(docs), ct.taxonomy, {d.id: align_document(d, ct, overrides, exemplars) for d in docs})
