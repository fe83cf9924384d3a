"""Prohibited-content lists: which lists of a document ban content, in which
direction (users' posts / the municipality's own posts), and which clauses
elsewhere extend a list to users' posts by pointing at it (前条, 第N条, 前項,
「N. 禁止事項」, ３－２)."""
from __future__ import annotations

import re

from .alignment import ProhibitedList, Reason
from .parser import Clause, strip_marker

_REF_PREV_ARTICLE = re.compile(r"前条")
_REF_ARTICLE = re.compile(r"第\s*(\d+)\s*条")
_REF_PREV_PARA = re.compile(r"前項")
_REF_SECTION = re.compile(r"「\s*(\d+)\s*[.．、]?\s*[^」]{0,30}」")
# "３－２の禁止事項", "2-3に掲げる": a section numbered under a chapter (parser style "dashed").
_REF_DASHED = re.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})(?![\d-])")


def find_lists(r) -> dict[str, ProhibitedList]:
    """clause id -> the prohibited-content list it heads (``r``: a :class:`~snscompare.align.Reading`).

    A list is a lead-in (a heading, or the paragraph or item above the items) plus
    at least two items, whatever their markers.  It bans content when its items
    read as prohibited content (at least two of them, and half, fall under a
    category) and its lead-in says that they are banned, removed or not to be
    posted (``list_cues``).  The direction comes from what the lead-in says
    (:func:`list_directions`)."""
    doc, matcher, kids, hays = r.doc, r.matcher, r.kids, r.hays
    rules = r.taxonomy.lists
    threshold = r.taxonomy.settings.threshold
    lists: dict[str, ProhibitedList] = {}
    adopted = _flattened_sublists(r)
    for c in doc.clauses:
        items = [k for k in kids[c.id] if k.kind == "item"] or adopted.get(c.id, [])
        if len(items) < 2:
            continue
        s, cue = matcher.best(rules.list_cues, hays[c.id])
        if s < threshold:
            continue
        categorised = sum(1 for k in items if r.categories_of(k.id)[0])
        if categorised < 2 or categorised * 2 < len(items):
            continue  # notes, principles or account details under a 注意事項-like heading
        lists[c.id] = list_directions(r, c, items, cue)
    # A list written inside a sentence: 「次のようなコメントは削除します。法令に違反するもの、
    # 他人を誹謗中傷するもの、…」 — one clause, its items separated by 、.
    in_lists = {k for lst in lists.values() for k in lst.items}
    for c in doc.clauses:
        if c.id in lists or c.id in in_lists or c.kind == "item" or any(k.kind == "item" for k in kids[c.id]):
            continue
        if not _INLINE_ITEMS.search(c.norm) or len(r.categories_of(c.id)[0]) < 2:
            continue
        s, cue = matcher.best(rules.list_cues, hays[c.id])
        if s >= threshold:
            lst = list_directions(r, c, [], cue)
            lst.inline = True
            lists[c.id] = lst
    return lists


_INLINE_ITEMS = re.compile(r"[^。、]{2,40}(もの|こと|内容|行為|情報)、[^。、]{2,40}(もの|こと|内容|行為|情報)")


# An item that introduces items of its own: 「次に掲げる情報は発信しないこと」, 「以下のもの：」.
_LEAD_ITEM = re.compile(r"((次|以下|下記)(に掲げる|の)[^。]{0,30}|[:：])[。.]?$")


def _flattened_sublists(r) -> dict[str, list[Clause]]:
    """Lists whose nesting was flattened (a web page rendered a nested list at one
    level): an item that introduces items (「- 次に掲げる情報は発信しないこと」)
    followed by siblings adopts them, up to the next item that introduces."""
    out: dict[str, list[Clause]] = {}
    for parent, sibs in r.kids.items():
        for i, c in enumerate(sibs):
            if c.kind != "item" or any(k.kind == "item" for k in r.kids[c.id]):
                continue
            if not _LEAD_ITEM.search(strip_marker(c.clean.replace("\n", "")).rstrip("。. ")):
                continue
            run = []
            for k in sibs[i + 1:]:
                if k.kind != "item" or _LEAD_ITEM.search(strip_marker(k.clean.replace("\n", "")).rstrip("。. ")):
                    break
                run.append(k)
            if run:
                out[c.id] = run
    return out


def list_directions(r, c: Clause, items: list[Clause], list_cue: str) -> ProhibitedList:
    """Whose posts a list bans, from its lead-in: the municipality's own
    (``city_cues``: 発信してはならない, 掲載しない…), users' (``user_cues``: posts,
    comments or replies that are removed, hidden, blocked or to be refrained
    from), or both; items that each say 「…を発信すること」 make a city list."""
    matcher, hays = r.matcher, r.hays
    rules = r.taxonomy.lists
    threshold = r.taxonomy.settings.threshold
    city_s, city_cue = matcher.best(rules.city_cues, hays[c.id])
    user_s, user_cue = matcher.best(rules.user_cues, hays[c.id])
    doc_id = r.doc.id
    if city_s >= threshold and user_s >= threshold:
        # One list stated for both: "…は、利用者の投稿にも本市の発信にも適用する".
        lst = ProhibitedList(doc_id, c.id, ["city", "user"], {
            "city": Reason.of("list_cue", cue=city_cue), "user": Reason.of("list_cue", cue=user_cue)})
    elif city_s >= threshold:
        lst = ProhibitedList(doc_id, c.id, ["city"], {"city": Reason.of("list_cue", cue=city_cue)})
    elif sum(1 for k in items if matcher.best(rules.city_item_cues, hays[k.id])[0] >= threshold) * 2 > len(items):
        lst = ProhibitedList(doc_id, c.id, ["city"], {"city": Reason.of("list_items_end", cue=rules.city_item_cues[0].text)})
    elif user_s >= threshold:
        lst = ProhibitedList(doc_id, c.id, ["user"], {"user": Reason.of("list_cue", cue=user_cue)})
    else:
        lst = ProhibitedList(doc_id, c.id, ["user"], {"user": Reason.of("list_default", cue=list_cue)})
    lst.items = [k.id for k in items]
    return lst


# A definition item (its marker removed): a term, a separator (space, colon,
# ellipsis, 「とは」), and what it is.
_TERM_DESC = re.compile(r"^「?([^\s:：…「」()（）、。,]{2,20}?)」?(?P<sep>[ \t\u3000]*(?:[:：…‥]+|\.{2,}|とは[、,]?)|[ \t\u3000]+)[ \t\u3000]*(\S.{7,})$", re.S)
_URLISH = re.compile(r"https?[:;]//|www\.|@[A-Za-z0-9_]{2,}")
_PARTICLE = re.compile(r"[のはがをにでとも]$|[をはが]")
_DEFINING = re.compile(r"(をいう|をいいます|のこと|を指す|を指します|を意味する)(です|とする)?[。.]?$")
# What an item of a glossary can state besides the definition itself: a defined
# service is a platform the policy covers ("(2) ツイッター …が運営するサービスをいう").
GLOSSARY_TOPICS = frozenset({"definitions", "platforms"})


def find_glossaries(r, skip=()) -> dict[str, str]:
    """item id -> the clause heading its glossary: lists whose lead-in speaks of
    definitions (定義, 用語, 言葉の意義) or whose items read as definitions
    (「term␣what it is」, 「term:…をいう」), at least two of them and two thirds."""
    out: dict[str, str] = {}
    rules = r.taxonomy.lists
    threshold = r.taxonomy.settings.threshold
    for c in r.doc.clauses:
        items = [k for k in r.kids[c.id] if k.kind == "item" and k.id not in skip]
        if len(items) < 2:
            continue
        lead = r.matcher.best(rules.glossary_cues, r.hays[c.id])[0] >= threshold if rules.glossary_cues else False
        shaped = spaced = defining = 0
        for k in items:
            first = strip_marker(k.clean.split("\n", 1)[0]).strip()
            body = strip_marker(k.clean.replace("\n", " ")).strip()
            m = _TERM_DESC.match(first)
            if m and not _URLISH.search(m.group(3)):
                shaped += 1
                # 「ソーシャルメディア　インターネットを利用して…手段」: a term and a description
                # on one line, separated by a space only (an article line lost above them).
                spaced += bool(not m.group("sep").strip() and len(m.group(3)) >= 15 and not _PARTICLE.search(m.group(1)))
            defining += bool(_DEFINING.search(body))
        # Shape alone (term␣description) makes a glossary where the article line that named it
        # was lost; two such items under a titled heading (「1 運営」: 「(1)投稿者 …」「(2)投稿内容
        # …」) are as likely labels and their values, so there it takes three.
        if (lead and (shaped or defining)) or (defining >= 2 and defining * 3 >= len(items) * 2) or \
                (spaced >= (3 if c.title else 2) and spaced * 3 >= len(items) * 2):
            for k in items:
                out[k.id] = c.id
    return out


def apply_references(r, lists: dict[str, ProhibitedList]) -> None:
    """A clause that removes posts "in violation of 前条" etc. makes the list it
    points at apply to users' posts as well."""
    doc, matcher, kids, hays = r.doc, r.matcher, r.kids, r.hays
    rules = r.taxonomy.lists
    threshold = r.taxonomy.settings.threshold
    articles = [c for c in doc.clauses if c.kind == "article"]
    # Look-ups by position and label, so that a long text full of references stays linear.
    article_at = {a.id: i for i, a in enumerate(articles)}
    articles_by_label: dict[str, list[Clause]] = {}
    for a in articles:
        articles_by_label.setdefault(a.label, []).append(a)
    by_label: dict[str, list[Clause]] = {}
    for s_ in doc.clauses:
        by_label.setdefault(s_.label, []).append(s_)
    sibling_at = {k.id: i for sibs in kids.values() for i, k in enumerate(sibs)}
    for c in doc.clauses:
        if c.id in lists:
            continue
        if matcher.best(rules.moderation_cues, hays[c.id])[0] < threshold:
            continue
        targets: list[Clause] = []
        text = c.norm
        art = next((a for a in [c, *r.ancestors(c)] if a.kind == "article"), None)
        if _REF_PREV_ARTICLE.search(text) and art is not None:
            i = article_at[art.id]
            if i > 0:
                targets.append(articles[i - 1])
        for m in _REF_ARTICLE.finditer(text):
            targets += articles_by_label.get(f"第{int(m.group(1))}条", [])
        if _REF_PREV_PARA.search(text) and c.parent:
            sibs = kids[c.parent]
            i = sibling_at[c.id]
            if i > 0:
                targets.append(sibs[i - 1])
        for m in _REF_DASHED.finditer(text):
            targets += [s for s in by_label.get(f"{int(m.group(1))}-{int(m.group(2))}", []) if s.id != c.id]
        for m in _REF_SECTION.finditer(text):
            n = m.group(1)
            targets += [s for s in by_label.get(n, []) if s.depth == c.depth - (1 if c.parent else 0) and s.id != c.id]
        for t in targets:
            for lst_id in [t.id] + r.descendants(t.id):
                lst = lists.get(lst_id)
                if lst is not None and "user" not in lst.directions:
                    lst.directions.append("user")
                    lst.why["user"] = Reason.of("list_ref", clause=c.id)
