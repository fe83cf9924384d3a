"""Build a draft from model clauses.

:func:`default_skeleton` proposes the topics most cities cover,
:func:`topic_options` gives every city's model clause for a topic as a
:class:`DraftClause` (numbering stripped, the items of a list kept),
:func:`assemble` numbers the chosen clauses (第N条 with a （見出し） line, or
sections 1. 2. …; items （１）（２）…), and :func:`to_docx_bytes` /
:func:`to_markdown` / :func:`sources_frame` export the result.  Numbers are typed
text, not Word's automatic numbering, so the exported file reads back through
:func:`snscompare.readers.read_document` into the same clauses.  Numbering is
recognised by the parser's one marker grammar (:func:`snscompare.parser.detect_marker`).

This module never imports streamlit.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pandas as pd

from .align import Alignment
from .normalize import clean_text, join_split_words
from .parser import detect_marker
from .tables import covered_topics, model_clauses
from .taxonomy import Taxonomy

__all__ = [
    "GENERIC_CITY_FORMS",
    "STYLES",
    "AssembledArticle",
    "AssembledDraft",
    "Block",
    "DraftClause",
    "assemble",
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


def _own_topic_root(al: Alignment, clause_id: str, topic: str) -> str:
    """Climb from a clause to the outermost ancestor that carries the same topic:
    an item of a prohibited list becomes the whole list."""
    doc_id = clause_id.split(":", 1)[0]
    topics_of: dict[str, set[str]] = {}
    for a in al.per_doc[doc_id].assignments:
        topics_of.setdefault(a.clause_id, set()).add(a.topic)
    c = al.clause(clause_id)
    while c.parent and topic in topics_of.get(c.parent, set()):
        c = al.clause(c.parent)
    return c.id


def clause_draft_text(al: Alignment, clause_id: str) -> str:
    """The text of a clause and everything under it, ready to reuse: its own
    numbering stripped; its items as （１）（２）… lines (renumbered from 1); deeper
    items kept with their own markers, indented; paragraphs (項) as plain lines."""
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
    return "\n".join(out)


@dataclass(frozen=True)
class DraftClause:
    """One clause chosen for the draft: the topic it stands for and its text, with
    where it came from (``source_doc`` "" for text the user wrote)."""

    topic_id: str
    text: str
    source_doc: str = ""
    source_clause_id: str = ""
    source_city: str = ""
    heading: str = ""  # shown as （見出し） / the section title; the topic's label when empty


def default_skeleton(al: Alignment, min_docs: int = 3, *, doc_ids: list[str] | None = None) -> list[str]:
    """Topics at least ``min_docs`` documents cover, in taxonomy order.  By default
    the corpus documents count, not uploaded drafts."""
    doc_ids = doc_ids or [d.id for d in al.docs if not d.added] or al.doc_ids
    cov = {d: covered_topics(al, d) for d in doc_ids}
    return [t for t in al.taxonomy.topic_ids if sum(t in cov[d] for d in doc_ids) >= min_docs]


def topic_options(al: Alignment, topic: str, *, doc_ids: list[str] | None = None,
                  exclude: str | None = None) -> list[DraftClause]:
    """Each document's model clause for ``topic`` (best first), as reusable text."""
    doc_ids = doc_ids or [d.id for d in al.docs if not d.added] or al.doc_ids
    out = []
    for m in model_clauses(al, topic, exclude=exclude, doc_ids=doc_ids):
        cid = _own_topic_root(al, m.clause_id, topic)
        out.append(DraftClause(topic, clause_draft_text(al, cid), m.doc_id, cid, m.city,
                               al.taxonomy.topic(topic).ja))
    return out


def own_clauses(al: Alignment, doc_id: str, topic: str) -> DraftClause | None:
    """The draft's own text for a topic (its clauses under the topic, joined), or None."""
    ids = []
    for a in al.per_doc[doc_id].assignments:
        if a.topic == topic:
            root = _own_topic_root(al, a.clause_id, topic)
            if root not in ids:
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


# --- city names --------------------------------------------------------------------

GENERIC_CITY_FORMS = ("当市", "本市")


def _city_forms(al: Alignment) -> list[str]:
    names = []
    for d in al.docs:
        if d.added or not d.city:
            continue
        names.append(d.city)
        if d.city[-1] in "市町村区" and len(d.city) >= 3:
            names.append(d.city[:-1])  # 小諸 in 市立小諸図書館, 小樽 in 小樽市公式 SNS
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
    """Replace every corpus municipality name in ``text`` by ``new_city``: full
    names by the full name (小諸市 → 佐久市), then stems by its stem (小諸 → 佐久).
    当市 / 本市 are left alone."""
    new_city = (new_city or "").strip()
    if not new_city:
        return text
    stem = new_city[:-1] if new_city[-1] in "市町村区" and len(new_city) >= 2 else new_city
    for d in al.docs:
        if d.added or not d.city or d.city == new_city:
            continue
        text = replace_city(text, d.city, new_city)
        if d.city[-1] in "市町村区" and len(d.city) >= 3:
            text = replace_city(text, d.city[:-1], stem)
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
    topic_id: str
    heading: str
    blocks: tuple[Block, ...]
    source: DraftClause

    def marker(self, style: str) -> str:
        return f"第{self.number}条" if style == "article" else f"{self.number}."


@dataclass(frozen=True)
class AssembledDraft:
    title: str
    style: str  # article | section
    articles: tuple[AssembledArticle, ...]


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


def assemble(choices, *, style: str = "article", title: str = "SNS運用ポリシー（案）",
             taxonomy: Taxonomy | None = None) -> AssembledDraft:
    """Number the chosen clauses, in the given order.

    ``style="article"``: 第1条, 第2条 … each with a （見出し） line above it, and
    further paragraphs numbered ２, ３ …; ``style="section"``: 1. 見出し, 2. 見出し
    ….  Items are （１）（２）… in both; a clause's own numbering is stripped.
    Clauses with no text are left out.
    """
    if style not in STYLES:
        from .errors import SnsCompareError

        raise SnsCompareError(f"形式 '{style}' はありません / no style '{style}'.",
                              hint=f"  使用できる値 / available: {', '.join(STYLES)}")
    articles = []
    for ch in choices:
        blocks = _blocks(ch.text, style)
        if not blocks:
            continue
        heading = ch.heading
        if not heading:
            if taxonomy is None:
                from .taxonomy import load_taxonomy

                taxonomy = load_taxonomy()
            try:
                heading = taxonomy.topic(ch.topic_id).ja
            except Exception:
                heading = ch.topic_id
        articles.append(AssembledArticle(len(articles) + 1, ch.topic_id, heading, tuple(blocks), ch))
    return AssembledDraft(str(title or "").strip() or "SNS運用ポリシー（案）", style, tuple(articles))


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


def to_markdown(draft: AssembledDraft) -> str:
    """The draft as Markdown; every paragraph and item on its own line (blank
    lines between), so it renders and re-parses the same way."""
    out = [f"# {draft.title}", ""]
    for art in draft.articles:
        for kind, text in _article_lines(draft, art):
            if kind == "heading" and draft.style == "section":
                out += [f"## {text}", ""]
            elif kind == "subitem":
                out += ["\u3000\u3000" + text, ""]
            else:
                out += [text, ""]
    return "\n".join(out).rstrip() + "\n"


def to_docx_bytes(draft: AssembledDraft, *, font: str = "ＭＳ 明朝") -> bytes:
    """The draft as a Word file (python-docx): a title, then each article with its
    heading line; numbering is typed text, so it survives copying and re-reading."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    for style_name in ("Normal", "Title", "Heading 2"):
        st = document.styles[style_name]
        st.font.name = font if style_name == "Normal" else st.font.name
        rpr = st.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), font)
    document.styles["Normal"].font.size = Pt(10.5)
    core = document.core_properties
    core.title = draft.title
    core.author = ""
    core.comments = ""

    t = document.add_paragraph(draft.title, style="Title")
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for art in draft.articles:
        for kind, text in _article_lines(draft, art):
            if kind == "heading":
                if draft.style == "section":
                    document.add_paragraph(text, style="Heading 2")
                else:
                    p = document.add_paragraph()
                    p.add_run(text).bold = True
                    p.paragraph_format.space_before = Pt(6)
                    p.paragraph_format.space_after = Pt(0)
            elif kind == "first":
                p = document.add_paragraph(text)
                p.paragraph_format.first_line_indent = Pt(-10.5)
                p.paragraph_format.left_indent = Pt(10.5)
            elif kind == "para":
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
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def sources_frame(draft: AssembledDraft) -> pd.DataFrame:
    """Where each clause of the draft came from: one row per article."""
    rows = []
    for art in draft.articles:
        s = art.source
        rows.append({
            "position": art.number,
            "number": art.marker(draft.style),
            "topic_id": art.topic_id,
            "label_ja": art.heading,
            "source_doc": s.source_doc,
            "source_city": s.source_city or ("（独自の文案）" if not s.source_doc else s.source_doc),
            "source_clause_id": s.source_clause_id,
        })
    return pd.DataFrame(rows, columns=["position", "number", "topic_id", "label_ja", "source_doc", "source_city",
                                       "source_clause_id"])
