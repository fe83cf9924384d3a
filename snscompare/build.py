"""Build a draft from model clauses, clean by construction.

:func:`default_skeleton` proposes the topics most cities cover;
:func:`topic_options` gives every city's model clause for a topic as a
:class:`DraftClause`: a whole clause (:func:`snscompare.tables.whole_clause`), its
numbering stripped, its items kept, footnote marks dropped, and every particular
of the city it came from (dates, URLs, departments, 例規, its name …) replaced by a
visible placeholder such as 【要確認: 施行日】 (:mod:`snscompare.particulars`).

:func:`assemble` makes the draft a document of its kind (:data:`DRAFT_KINDS`):

* a 要綱・規程・要領 is numbered 第N条 with a （見出し） line, 項 ２ ３ … and 号
  （１）（２）…, written in である体, and ends with a 附則 giving the effective date
  as a placeholder; a ポリシー for the public has numbered sections 1. 2. …, is
  written in です・ます体 and ends with its 附則 too;
* a clause chosen for two topics, or the same wording from two sources (or a
  clause inside another chosen one), appears once, under both topics' headings;
* sentence endings are converted to the draft's style where the conversion is
  mechanical and marked 【要確認: 文体】 where it is not (:mod:`snscompare.style`);
  the draft names itself by its kind (本ポリシー → 本要綱).

:func:`checklist` lists every placeholder and mark left, with what the source
said; :func:`to_docx_bytes` / :func:`to_markdown` / :func:`sources_frame` export
the result.  Numbers are typed text, not Word's automatic numbering, so the
exported file reads back through :func:`snscompare.readers.read_document` into the
same clauses.  Numbering is recognised by the parser's one marker grammar
(:func:`snscompare.parser.detect_marker`).

This module never imports streamlit.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz

from .align import Alignment
from .normalize import clean_text, join_split_words
from .parser import detect_marker
from .particulars import KINDS as PARTICULAR_KINDS
from .particulars import PLACEHOLDER, Particular, find_particulars, placeholder, replace_particulars
from .style import STYLE_MARK, StyleNote, convert
from .tables import covered_topics, model_clauses, whole_clause
from .taxonomy import Taxonomy

__all__ = [
    "DRAFT_KINDS",
    "GENERIC_CITY_FORMS",
    "STYLES",
    "SUPPLEMENT_TOPIC",
    "AssembledArticle",
    "AssembledDraft",
    "Block",
    "DraftClause",
    "DraftKind",
    "assemble",
    "checklist",
    "city_names",
    "city_names_in",
    "clause_draft_text",
    "default_skeleton",
    "own_clauses",
    "replace_cities",
    "replace_city",
    "sources_frame",
    "strip_marker",
    "to_docx_bytes",
    "to_markdown",
    "topic_options",
]

STYLES = ("article", "section")
# The topic whose clause becomes the 附則 (the effective date), not an article.
SUPPLEMENT_TOPIC = "effective_date"
# A heading longer than this is not read back as a heading line (（…） above 第N条): the
# headings of a clause chosen for several topics are joined up to it, then 「…等」.
MAX_HEADING = 20


@dataclass(frozen=True)
class DraftKind:
    """A kind of document and what it implies for the draft."""

    id: str
    word: str  # how the draft names itself: この要綱, 本ポリシー
    style: str  # article (第N条) | section (1. 2. …)
    register: str  # plain (である体) | polite (です・ます体)


DRAFT_KINDS = {
    "yoko": DraftKind("yoko", "要綱", "article", "plain"),
    "kitei": DraftKind("kitei", "規程", "article", "plain"),
    "yoryo": DraftKind("yoryo", "要領", "article", "plain"),
    "guideline": DraftKind("guideline", "ガイドライン", "section", "plain"),
    "policy": DraftKind("policy", "ポリシー", "section", "polite"),
}

# How a policy names itself (この要綱, 本ポリシー, 本運用方針, 本規約 …): rewritten to the draft's kind.
_SELF_NAME = re.compile(r"(この|本)(運用ポリシー|運用方針|要綱|規程|要領|ガイドライン|ポリシー|方針|規約|指針)")
# A footnote mark in running text: 成りすまし(※3) (the footnotes themselves are never reused).
_FOOTNOTE_MARK = re.compile(r"[（(]\s*※\s*[0-9０-９]+\s*[）)]|※[0-9０-９]+")

_BRACKET_LINE = re.compile(r"^[（(]([^（）()\n]{1,30})[）)]$")


def _split_marker(line: str) -> tuple[str, str]:
    """(numbering, rest) of a line, as the parser reads its marker; ("", line)
    when the line has none."""
    m = detect_marker(line)
    if m is None or m.style in ("form", "suppl") or not m.rest.strip():
        return "", line
    rest = m.rest.lstrip()
    if not line.endswith(rest):  # a marker written with markup the parser looked through
        return "", rest
    return line[: len(line) - len(rest)], rest


def strip_marker(text: str) -> str:
    """``text`` without its leading numbering (第9条, ８, (1), ①, ア …): the builder
    renumbers every clause."""
    return _split_marker(text)[1]


def _clause_lines(clause, *, keep_marker: bool = False) -> list[str]:
    """The clause's own text as clean lines: a （見出し） line and the section
    title dropped, the numbering marker removed, words split by PDF joined."""
    lines = [ln.strip() for ln in clean_text(clause.clean).split("\n")]
    lines = [ln for ln in lines if ln]
    if lines and clause.title and _BRACKET_LINE.match(lines[0]):
        lines = lines[1:]
    if not lines:
        return []
    marker, first = _split_marker(lines[0])
    # words split by PDF extraction are joined in the text, never across the marker (ア　アカウント)
    lines = [join_split_words(first).strip()] + [join_split_words(ln) for ln in lines[1:]]
    if keep_marker:
        lines[0] = marker + lines[0]
    elif lines[0] and lines[0] in (clause.title, clause.label, join_split_words(clause.title)):
        lines = lines[1:]  # the section's title line: the builder writes its own heading
    return [ln for ln in lines if ln]


def clause_draft_text(al: Alignment, clause_id: str) -> str:
    """The text of a clause and everything under it, ready to reuse: its own
    numbering stripped; its items as （１）（２）… lines (renumbered from 1); deeper
    items kept with their own markers, indented; paragraphs (項) as plain lines;
    footnote marks (※3) dropped, since footnotes are never reused."""
    root = al.clause(clause_id)
    out = _clause_lines(root)
    n_item = 0

    def walk(cid: str, depth: int):
        nonlocal n_item
        for kid_id in al.clause(cid).children:
            kid = al.clause(kid_id)
            if kid.kind == "item" and depth == 0:
                lines = _clause_lines(kid)
                if lines:
                    n_item += 1
                    out.append(f"（{_fullwidth(n_item)}）{lines[0]}")
                    out.extend("\u3000" + ln for ln in lines[1:])
            elif kid.kind == "item":
                lines = _clause_lines(kid, keep_marker=True)
                out.extend("\u3000" + ln for ln in lines)
            else:
                out.extend(_clause_lines(kid))
            walk(kid_id, depth + (1 if kid.kind == "item" else 0))

    walk(root.id, 0)
    return _FOOTNOTE_MARK.sub("", "\n".join(out))




@dataclass(frozen=True)
class DraftClause:
    """One clause chosen for the draft: the topic it stands for and its text, with
    where it came from (``source_doc`` "" for text the user wrote) and the
    particulars of its source that the text now shows as placeholders."""

    topic_id: str
    text: str
    source_doc: str = ""
    source_clause_id: str = ""
    source_city: str = ""
    heading: str = ""  # shown as （見出し） / the section title; the topic's label when empty
    particulars: tuple[Particular, ...] = ()


def default_skeleton(al: Alignment, min_docs: int = 3, *, doc_ids: list[str] | None = None) -> list[str]:
    """Topics at least ``min_docs`` documents cover, in taxonomy order.  By default
    the corpus documents count, not uploaded drafts."""
    doc_ids = doc_ids or [d.id for d in al.docs if not d.added] or al.doc_ids
    cov = {d: covered_topics(al, d) for d in doc_ids}
    return [t for t in al.taxonomy.topic_ids if sum(t in cov[d] for d in doc_ids) >= min_docs]


def topic_options(al: Alignment, topic: str, *, doc_ids: list[str] | None = None,
                  exclude: str | None = None, own_city: str = "") -> list[DraftClause]:
    """Each document's model clause for ``topic`` (best first), as reusable text:
    a whole clause, the particulars of its city replaced by placeholders (its
    name by ``own_city`` when given)."""
    doc_ids = doc_ids or [d.id for d in al.docs if not d.added] or al.doc_ids
    out = []
    for m in model_clauses(al, topic, exclude=exclude, doc_ids=doc_ids):
        text, found = replace_particulars(clause_draft_text(al, m.clause_id), city_names(al, [m.city]),
                                          own_city=own_city)
        out.append(DraftClause(topic, text, m.doc_id, m.clause_id, m.city, al.taxonomy.topic(topic).ja,
                               tuple(found)))
    if topic == SUPPLEMENT_TOPIC:
        # The 附則 says when the draft takes effect: a clause that does (「…から施行する」) comes
        # before a bare record of dates (「令和７年１月30日改定」).
        out.sort(key=lambda o: not any(p.kind == "effective_date" for p in o.particulars))
    return out


def own_clauses(al: Alignment, doc_id: str, topic: str) -> DraftClause | None:
    """The draft's own text for a topic (its whole clauses under the topic, joined),
    or None.  The draft's own particulars are its own: nothing is replaced."""
    ids = []
    for a in al.per_doc[doc_id].assignments:
        if a.topic == topic:
            root = whole_clause(al, a.clause_id, topic)
            if root is not None and root not in ids:
                ids.append(root)
    if not ids:
        return None

    # a clause already inside another chosen clause is not repeated
    def ancestors(cid):
        c = al.clause(cid)
        while c.parent:
            yield c.parent
            c = al.clause(c.parent)

    ids = [i for i in ids if not any(p in ids for p in ancestors(i))]
    text = "\n".join(clause_draft_text(al, i) for i in ids)
    return DraftClause(topic, text, doc_id, ",".join(ids), al.doc(doc_id).name, al.taxonomy.topic(topic).ja)


# --- municipality names ------------------------------------------------------------

GENERIC_CITY_FORMS = ("当市", "本市")


def _stem(city: str) -> str:
    return city[:-1] if len(city) >= 3 and city[-1] in "市町村区" else ""


def city_names(al: Alignment, extra=()) -> list[str]:
    """The municipality names of the corpus (documents of data/, not drafts) and
    ``extra`` (a source document's municipality)."""
    return list(dict.fromkeys([d.city for d in al.docs if not d.added and d.city] + [c for c in extra if c]))


def _city_forms(al: Alignment) -> list[str]:
    names = []
    for city in city_names(al):
        names.append(city)
        if _stem(city):
            names.append(_stem(city))  # 小諸 in 市立小諸図書館, 小樽 in 小樽市公式 SNS
    return names


def city_names_in(text: str, al: Alignment, *, generic: bool = True) -> list[str]:
    """The municipality names of the corpus found in ``text`` (full names such as
    小諸市, and the bare stem such as 小諸), in order of first appearance; with
    ``generic``, the forms 当市 / 本市 too (they may stay, but the user should see them)."""
    forms = sorted(set(_city_forms(al)) | (set(GENERIC_CITY_FORMS) if generic else set()), key=len, reverse=True)
    if not forms or not text:
        return []
    rx = re.compile("|".join(re.escape(f) for f in forms))
    found: list[str] = []
    for m in rx.finditer(text):
        if m.group(0) not in found:
            found.append(m.group(0))
    return found


def replace_city(text: str, old: str, new: str) -> str:
    """``text`` with every ``old`` replaced by ``new`` (exact, literal)."""
    if not old:
        return text
    return text.replace(old, new)


def replace_cities(text: str, al: Alignment, new_city: str) -> str:
    """Replace every corpus municipality name in ``text``, and the placeholder
    【要確認: 市名】, by ``new_city``: full names by the full name (小諸市 → 佐久市),
    then stems by its stem (小諸 → 佐久).  当市 / 本市 are left alone."""
    new_city = (new_city or "").strip()
    if not new_city:
        return text
    stem = _stem(new_city) or new_city
    text = replace_city(text, placeholder("city"), new_city)
    for city in city_names(al):
        if city == new_city:
            continue
        text = replace_city(text, city, new_city)
        if _stem(city):
            text = replace_city(text, _stem(city), stem)
    return text


# --- assembling --------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    kind: str  # para | item | subitem
    marker: str  # ２ / （１） / "" (typed numbering, already final)
    text: str


@dataclass(frozen=True)
class AssembledArticle:
    number: int
    topic_id: str  # the first topic it stands for
    heading: str
    blocks: tuple[Block, ...]
    source: DraftClause  # the clause whose text it holds
    topic_ids: tuple[str, ...] = ()  # every topic it stands for (a clause chosen twice appears once)
    sources: tuple[DraftClause, ...] = ()  # every choice merged into it
    style_notes: tuple[StyleNote, ...] = ()

    def marker(self, style: str) -> str:
        return f"第{self.number}条" if style == "article" else f"{self.number}."


@dataclass(frozen=True)
class AssembledDraft:
    title: str
    style: str  # article | section
    articles: tuple[AssembledArticle, ...]
    kind: DraftKind = DRAFT_KINDS["yoko"]
    register: str = "plain"
    supplement: tuple[Block, ...] = ()  # the 附則
    supplement_source: DraftClause | None = None
    supplement_notes: tuple[StyleNote, ...] = field(default=())

    def text_of(self, art: AssembledArticle | None) -> str:
        """The text of an article (None: of the 附則), numbering included."""
        lines = _article_lines(self, art) if art is not None else _supplement_lines(self)
        return "\n".join(t for _, t in lines)


def _fullwidth(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


# How the builder reads the numbering a user typed (styles of parser.Marker):
_ITEM_STYLES = ("paren", "circled")  # （１） ① : 号, renumbered （１）（２）…
_SUBITEM_STYLES = ("paren_kana", "kana")  # （ア） ア : under a 号, kept as typed
_PARAGRAPH_STYLES = ("section",)  # ２ : a 項, renumbered


def _marker_style(line: str) -> str | None:
    m = detect_marker(line)
    return m.style if m is not None and m.rest.strip() else None


def _blocks(text: str, style: str) -> list[Block]:
    """Lines of a clause text → paragraphs and items, numbered afresh."""
    lines = [ln.rstrip() for ln in str(text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln.strip()]
    blocks: list[Block] = []
    n_item = 0
    n_para = 0
    for i, raw in enumerate(lines):
        indented = raw[:1] in (" ", "\t", "\u3000")
        line = raw.strip()
        kind = _marker_style(line)
        if i == 0 and kind not in _ITEM_STYLES:
            line = strip_marker(line).strip() or line
            kind = None
        if indented and n_item and blocks[-1].kind in ("item", "subitem"):
            # an indented line under an item: a deeper item or a continuation, kept as typed
            blocks.append(Block("subitem", "", line))
            continue
        if kind in _ITEM_STYLES:
            n_item += 1
            blocks.append(Block("item", f"（{_fullwidth(n_item)}）", strip_marker(line).strip()))
            continue
        if kind in _SUBITEM_STYLES and n_item:
            blocks.append(Block("subitem", "", line))
            continue
        if kind in _PARAGRAPH_STYLES and i > 0:
            line = strip_marker(line).strip()
        if blocks and style == "article":
            n_para += 1
            # a new 項 restarts the numbering of its 号
            n_item = 0
            blocks.append(Block("para", _fullwidth(n_para + 1), line))
        else:
            if blocks and blocks[-1].kind != "para":
                n_item = 0
            blocks.append(Block("para", "", line))
    return blocks


def _key(text: str) -> str:
    """A comparison copy of a clause text: NFKC, each line's numbering and every
    space removed (the same clause renumbered, or copied from two cities whose
    names are now the same placeholder, gives the same key)."""
    lines = [strip_marker(ln.strip()) for ln in (text or "").split("\n")]
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", "".join(lines)))


def _same_or_inside(a: str, b: str) -> int:
    """1 when ``a`` is the same wording as ``b`` or inside it; -1 when ``b`` is
    inside ``a``; 0 otherwise."""
    if not a or not b:
        return 0
    if a == b or a in b:
        return 1
    if b in a:
        return -1
    if min(len(a), len(b)) >= 20 and fuzz.ratio(a, b) >= 95:
        return 1
    return 0


def _self_named(text: str, kind: DraftKind) -> str:
    return _SELF_NAME.sub(lambda m: m.group(1) + kind.word, text)


def _default_supplement(kind: DraftKind) -> str:
    return f"この{kind.word}は、{placeholder('effective_date')}から施行する。"


def assemble(choices, *, kind: str | None = None, style: str | None = None, register: str | None = None,
             title: str = "SNS運用ポリシー（案）", taxonomy: Taxonomy | None = None) -> AssembledDraft:
    """Number the chosen clauses, in the given order, as a document of ``kind``
    (a key of :data:`DRAFT_KINDS`; without one, a 要綱 for ``style="article"`` and
    a ポリシー for ``style="section"``).

    ``style="article"``: 第1条, 第2条 … each with a （見出し） line above it, and
    further paragraphs numbered ２, ３ …; ``style="section"``: 1. 見出し, 2. 見出し
    ….  Items are （１）（２）… in both; a clause's own numbering is stripped.
    Clauses with no text are left out; a clause the same as (or inside) an
    earlier one is merged into it.  The clause for the effective date becomes
    the 附則 (a placeholder for the date when none is chosen).  Every text is put
    in the kind's writing style (``register`` overrides it).
    """
    from .errors import SnsCompareError

    if style is not None and style not in STYLES:
        raise SnsCompareError(f"形式 '{style}' はありません / no style '{style}'.",
                              hint=f"  使用できる値 / available: {', '.join(STYLES)}")
    if kind is None:
        kind = "yoko" if style in (None, "article") else "policy"
    if kind not in DRAFT_KINDS:
        raise SnsCompareError(f"種類 '{kind}' はありません / no kind '{kind}'.",
                              hint=f"  使用できる値 / available: {', '.join(DRAFT_KINDS)}")
    dk = DRAFT_KINDS[kind]
    style = style or dk.style
    register = register or dk.register

    def heading_of(ch: DraftClause) -> str:
        nonlocal taxonomy
        if ch.heading:
            return ch.heading
        if taxonomy is None:
            from .taxonomy import load_taxonomy

            taxonomy = load_taxonomy()
        try:
            return taxonomy.topic(ch.topic_id).ja
        except Exception:
            return ch.topic_id

    choices = list(choices)
    supplement_choice = next((ch for ch in choices if ch.topic_id == SUPPLEMENT_TOPIC and (ch.text or "").strip()),
                             None)
    groups: list[list[DraftClause]] = []
    keys: list[str] = []
    for ch in choices:
        if ch.topic_id == SUPPLEMENT_TOPIC:
            continue
        k = _key(ch.text)
        if not k:
            continue
        related = [i for i, gk in enumerate(keys) if _same_or_inside(k, gk)]
        if not related:
            groups.append([ch])
            keys.append(k)
            continue
        # one clause for all of them, where the first of them stood: the largest text leads
        first = related[0]
        members = [ch] + [g for i in related for g in groups[i]]
        for i in reversed(related[1:]):
            del groups[i], keys[i]
        lead = max(members, key=lambda g: len(_key(g.text)))
        groups[first] = [lead] + [g for g in members if g is not lead]
        keys[first] = _key(lead.text)

    articles = []
    for group in groups:
        lead = group[0]
        ordered = [ch for ch in choices if any(ch is g for g in group)]
        headings = list(dict.fromkeys(heading_of(ch) for ch in ordered))
        heading = "・".join(headings)
        if len(heading) > MAX_HEADING:  # a heading stays a heading line: 「（公式アカウントの明示等）」
            heading = headings[0] + "等"
        text, notes = convert(_self_named(lead.text, dk), register)
        blocks = _blocks(text, style)
        if not blocks:
            continue
        articles.append(AssembledArticle(len(articles) + 1, ordered[0].topic_id, heading, tuple(blocks),
                                         lead, tuple(dict.fromkeys(ch.topic_id for ch in ordered)), tuple(ordered),
                                         tuple(notes)))
    supp_text = _self_named(supplement_choice.text, dk) if supplement_choice else _default_supplement(dk)
    supp_text, supp_notes = convert(supp_text, register)
    supplement = tuple(Block("para", "", strip_marker(ln.strip()) or ln.strip())
                       for ln in supp_text.split("\n") if ln.strip())
    return AssembledDraft(str(title or "").strip() or "SNS運用ポリシー（案）", style, tuple(articles), dk, register,
                          supplement, supplement_choice, tuple(supp_notes))


SUPPLEMENT_HEADING = "附　則"


def _article_lines(draft: AssembledDraft, art: AssembledArticle) -> list[tuple[str, str]]:
    """(kind, text) lines of one article: heading, first, para, item, subitem."""
    out: list[tuple[str, str]] = []
    if draft.style == "article":
        out.append(("heading", f"（{art.heading}）"))
    else:
        out.append(("heading", f"{art.number}. {art.heading}"))
    for k, b in enumerate(art.blocks):
        if k == 0 and draft.style == "article":
            if b.kind == "para":
                out.append(("first", f"{art.marker('article')}\u3000{b.text}"))
                continue
            out.append(("first", art.marker("article")))
        if b.kind == "para":
            out.append(("para", f"{b.marker}\u3000{b.text}" if b.marker else b.text))
        elif b.kind == "item":
            out.append(("item", f"{b.marker}{b.text}"))
        else:
            out.append(("subitem", b.text))
    return out


def _supplement_lines(draft: AssembledDraft) -> list[tuple[str, str]]:
    if not draft.supplement:
        return []
    return [("suppl_heading", SUPPLEMENT_HEADING)] + [("suppl", b.text) for b in draft.supplement]


def _all_lines(draft: AssembledDraft) -> list[tuple[str, str]]:
    out = []
    for art in draft.articles:
        out += _article_lines(draft, art)
    return out + _supplement_lines(draft)


# --- what is left to check -----------------------------------------------------------

CHECKLIST_COLUMNS = ["position", "number", "heading", "item", "found", "source_city", "source_clause_id", "what"]


def checklist(draft: AssembledDraft, al: Alignment | None = None) -> pd.DataFrame:
    """Everything in the draft a person must still settle, one row each, in order:

    * ``placeholder``: a 【要確認: …】 left in the text, with what the source said
      there (``found``) and the source;
    * ``style``: a sentence marked 【要確認: 文体】 (not convertible mechanically);
    * ``leftover`` (with ``al``): a particular of another body still in the text
      (a date, URL, name … that a corpus document contains), e.g. typed in by hand.
    """
    rows = []
    units = [(a.number, a.marker(draft.style), a.heading, a.sources or (a.source,), a.style_notes,
              draft.text_of(a)) for a in draft.articles]
    if draft.supplement:
        units.append((len(draft.articles) + 1, SUPPLEMENT_HEADING.replace("\u3000", ""), "",
                      (draft.supplement_source,) if draft.supplement_source else (), draft.supplement_notes,
                      draft.text_of(None)))
    corpus_texts = [join_split_words(d.text) for d in al.docs if not d.added] if al is not None else []
    cities = city_names(al) if al is not None else []
    by_label = {v: k for k, v in PARTICULAR_KINDS.items()}
    for position, number, heading, sources, notes, text in units:
        pending: dict[str, list[tuple[Particular, DraftClause]]] = {}
        for src in sources:
            for p in src.particulars:
                pending.setdefault(p.kind, []).append((p, src))
        for m in PLACEHOLDER.finditer(text):
            label = m.group(1).strip()
            if m.group(0) == STYLE_MARK:
                continue
            got = pending.get(by_label.get(label, ""), [])
            p, src = got.pop(0) if got else (None, None)
            rows.append({"position": position, "number": number, "heading": heading, "item": label,
                         "found": p.text if p else "", "source_city": src.source_city if src else "",
                         "source_clause_id": src.source_clause_id if src else "", "what": "placeholder"})
        for n in notes:
            if not n.converted:
                rows.append({"position": position, "number": number, "heading": heading, "item": "文体",
                             "found": n.before.strip(), "source_city": "", "source_clause_id": "", "what": "style"})
        if al is not None:
            for p in find_particulars(text, cities):
                if any(p.text in t for t in corpus_texts):
                    rows.append({"position": position, "number": number, "heading": heading, "item": p.label,
                                 "found": p.text, "source_city": "", "source_clause_id": "", "what": "leftover"})
    return pd.DataFrame(rows, columns=CHECKLIST_COLUMNS)


_CHECKLIST_HEADER = ["条", "見出し", "確認すること", "元の記載", "出典"]
CHECKLIST_TITLE = "要確認事項（作業用・提出前に削除）"


def _checklist_rows(cl: pd.DataFrame) -> list[list[str]]:
    what = {"placeholder": "【要確認: {item}】を記入", "style": "文体をそろえる（{item}）",
            "leftover": "他市の記載が残っています（{item}）"}
    return [[r.number, r.heading, what[r.what].format(item=r.item), r.found,
             f"{r.source_city}（{r.source_clause_id}）" if r.source_city else ""] for r in cl.itertuples()]


# --- exports -----------------------------------------------------------------------


def to_markdown(draft: AssembledDraft, *, checklist_frame: pd.DataFrame | None = None) -> str:
    """The draft as Markdown; every paragraph and item on its own line (blank
    lines between), so it renders and re-parses the same way.  With a non-empty
    ``checklist_frame``, the list of what is left to settle follows the draft."""
    from .export import to_markdown_table

    out = [f"# {draft.title}", ""]
    for kind, text in _all_lines(draft):
        if kind == "heading" and draft.style == "section":
            out += [f"## {text}", ""]
        elif kind == "subitem":
            out += ["\u3000\u3000" + text, ""]
        else:
            out += [text, ""]
    if checklist_frame is not None and not checklist_frame.empty:
        table = pd.DataFrame(_checklist_rows(checklist_frame), columns=_CHECKLIST_HEADER)
        out += ["---", "", f"## {CHECKLIST_TITLE}", "", to_markdown_table(table), ""]
    return "\n".join(out).rstrip() + "\n"


def to_docx_bytes(draft: AssembledDraft, *, font: str = "ＭＳ 明朝",
                  checklist_frame: pd.DataFrame | None = None) -> bytes:
    """The draft as a Word file (python-docx): a title, then each article with its
    heading line and the 附則; numbering is typed text, so it survives copying
    and re-reading.  With a non-empty ``checklist_frame``, the list of what is
    left to settle follows on a page of its own."""
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    from .wordfile import add_table, new_document, to_bytes

    document = new_document(draft.title, font=font)
    for kind, text in _all_lines(draft):
        if kind == "heading":
            if draft.style == "section":
                document.add_paragraph(text, style="Heading 2")
            else:
                p = document.add_paragraph()
                p.add_run(text).bold = True
                p.paragraph_format.space_before = Pt(6)
                p.paragraph_format.space_after = Pt(0)
        elif kind == "suppl_heading":
            p = document.add_paragraph(text)
            p.paragraph_format.space_before = Pt(12)
            p.paragraph_format.left_indent = Pt(31.5)
        elif kind == "first":
            p = document.add_paragraph(text)
            p.paragraph_format.first_line_indent = Pt(-10.5)
            p.paragraph_format.left_indent = Pt(10.5)
        elif kind in ("para", "suppl"):
            p = document.add_paragraph(text)
            if draft.style == "article":
                p.paragraph_format.first_line_indent = Pt(-10.5)
                p.paragraph_format.left_indent = Pt(10.5)
        elif kind == "item":
            p = document.add_paragraph(text)
            p.paragraph_format.left_indent = Pt(31.5)
            p.paragraph_format.first_line_indent = Pt(-21)
        else:
            p = document.add_paragraph(text)
            p.paragraph_format.left_indent = Pt(42)
    if checklist_frame is not None and not checklist_frame.empty:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_paragraph(CHECKLIST_TITLE, style="Heading 2")
        add_table(document, _CHECKLIST_HEADER, _checklist_rows(checklist_frame), widths_cm=[2, 3.5, 4, 4, 3])
    return to_bytes(document)


def sources_frame(draft: AssembledDraft) -> pd.DataFrame:
    """Where each clause of the draft came from: one row per article (the topics
    it stands for, comma-separated when a clause was chosen for several)."""
    rows = []
    for art in draft.articles:
        s = art.source
        rows.append({
            "position": art.number,
            "number": art.marker(draft.style),
            "topic_id": ",".join(art.topic_ids or (art.topic_id,)),
            "label_ja": art.heading,
            "source_doc": s.source_doc,
            "source_city": s.source_city or ("（独自の文案）" if not s.source_doc else s.source_doc),
            "source_clause_id": s.source_clause_id,
        })
    return pd.DataFrame(rows, columns=["position", "number", "topic_id", "label_ja", "source_doc", "source_city",
                                       "source_clause_id"])
