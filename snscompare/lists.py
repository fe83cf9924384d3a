"""Prohibited-content lists: which lists of a document ban content, in which
direction (users' posts / the municipality's own posts), and which clauses
elsewhere extend a list to users' posts by pointing at it (前条, 第N条, 前項,
「N. 禁止事項」, ３－２)."""
from __future__ import annotations

import re

from .alignment import ProhibitedList, Reason
from .parser import Clause

_REF_PREV_ARTICLE = re.compile(r"前条")
_REF_ARTICLE = re.compile(r"第\s*(\d+)\s*条")
_REF_PREV_PARA = re.compile(r"前項")
_REF_SECTION = re.compile(r"「\s*(\d+)\s*[.．、]?\s*[^」]{0,30}」")
# "３－２の禁止事項", "2-3に掲げる": a section numbered under a chapter (parser style "dashed").
_REF_DASHED = re.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})(?![\d-])")


def find_lists(r) -> dict[str, ProhibitedList]:
    """clause id -> the prohibited-content list it heads (``r``: a :class:`~snscompare.align.Reading`)."""
    doc, matcher, kids, hays = r.doc, r.matcher, r.kids, r.hays
    rules = r.taxonomy.lists
    threshold = r.taxonomy.settings.threshold
    lists: dict[str, ProhibitedList] = {}
    for c in doc.clauses:
        items = [k for k in kids[c.id] if k.kind == "item"]
        if len(items) < 2:
            continue
        s, cue = matcher.best(rules.list_cues, hays[c.id])
        if s < threshold:
            continue
        city_s, city_cue = matcher.best(rules.city_cues, hays[c.id])
        n_city_items = sum(1 for k in items if matcher.best(rules.city_item_cues, hays[k.id])[0] >= threshold)
        user_s, user_cue = matcher.best(rules.user_cues, hays[c.id])
        if city_s >= threshold and user_s >= threshold:
            # One list stated for both: "…は、利用者の投稿にも本市の発信にも適用する".
            lists[c.id] = ProhibitedList(doc.id, c.id, ["city", "user"], {
                "city": Reason.of("list_cue", cue=city_cue), "user": Reason.of("list_cue", cue=user_cue)})
        elif city_s >= threshold:
            lists[c.id] = ProhibitedList(doc.id, c.id, ["city"], {"city": Reason.of("list_cue", cue=city_cue)})
        elif n_city_items * 2 > len(items):
            lists[c.id] = ProhibitedList(doc.id, c.id, ["city"], {"city": Reason.of("list_items_end", cue=rules.city_item_cues[0].text)})
        else:
            why = Reason.of("list_cue", cue=user_cue) if user_s >= threshold else Reason.of("list_default", cue=cue)
            lists[c.id] = ProhibitedList(doc.id, c.id, ["user"], {"user": why})
        lists[c.id].items = [k.id for k in items]
    return lists


def apply_references(r, lists: dict[str, ProhibitedList]) -> None:
    """A clause that removes posts "in violation of 前条" etc. makes the list it
    points at apply to users' posts as well."""
    doc, matcher, kids, hays = r.doc, r.matcher, r.kids, r.hays
    rules = r.taxonomy.lists
    threshold = r.taxonomy.settings.threshold
    articles = [c for c in doc.clauses if c.kind == "article"]
    for c in doc.clauses:
        if c.id in lists:
            continue
        if matcher.best(rules.moderation_cues, hays[c.id])[0] < threshold:
            continue
        targets: list[Clause] = []
        text = c.norm
        art = next((a for a in [c, *r.ancestors(c)] if a.kind == "article"), None)
        if _REF_PREV_ARTICLE.search(text) and art is not None:
            i = articles.index(art)
            if i > 0:
                targets.append(articles[i - 1])
        for m in _REF_ARTICLE.finditer(text):
            targets += [a for a in articles if a.label == f"第{int(m.group(1))}条"]
        if _REF_PREV_PARA.search(text) and c.parent:
            sibs = kids[c.parent]
            i = sibs.index(c)
            if i > 0:
                targets.append(sibs[i - 1])
        for m in _REF_DASHED.finditer(text):
            targets += [s for s in doc.clauses if s.label == f"{int(m.group(1))}-{int(m.group(2))}" and s.id != c.id]
        for m in _REF_SECTION.finditer(text):
            n = m.group(1)
            targets += [s for s in doc.clauses if s.depth == c.depth - (1 if c.parent else 0) and s.label == n and s.id != c.id]
        for t in targets:
            for lst_id in [t.id] + r.descendants(t.id):
                lst = lists.get(lst_id)
                if lst is not None and "user" not in lst.directions:
                    lst.directions.append("user")
                    lst.why["user"] = Reason.of("list_ref", clause=c.id)
