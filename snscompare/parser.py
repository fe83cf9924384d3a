"""Split a policy text into a tree of clauses.

The parser is a line scanner with a stack of open numbering styles, the way a
reader follows a Japanese regulation: a new marker of a style already open closes
everything below it and starts a sibling; a marker of a new style opens a child.
A few styles have a fixed rank (様式 forms and 附則 close everything; markdown
headings rank by their ``#`` count; 第N条 articles close everything below a
heading or form), and bare numbers are read as 項 inside an article and as
section numbers elsewhere.

Ambiguous markers (``1 `` bare numbers, ``ア `` katakana, ``一 `` kanji numerals)
count only when they continue a sequence (1, 2, 3 … / ア, イ, ウ …), so a line that
happens to start with ``25 年`` stays text.

Each clause is a contiguous span of the source: its verbatim ``text`` is
``source[start:end]``, spans never overlap, and every non-blank character of the
source lies in exactly one clause.  Cleaning happens in the ``clean`` and ``norm``
copies only.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .normalize import clean_text, normalize_text

# --- markers -------------------------------------------------------------------

_WS = " \t\u3000"
_D = "0-9０-９"
_KANJI_DIGITS = "一二三四五六七八九十百"
_GOJUON = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474)) + "".join(chr(c) for c in range(0x3251, 0x3260))

_PREFIX = re.compile(r"^(?:[ \t\u3000]*(?:[-*+・](?=[ \t\u3000])|\*\*|__|\[bookmark:[^\]\n]*\]))*[ \t\u3000]*")
_MD = re.compile(r"^(#{1,6})[ \t]+(.*)$")
_FORM = re.compile(rf"^[（(]?\s*様式\s*第?\s*([{_D}]+)\s*号?\s*[）)]?\s*$")
_SUPPL = re.compile(r"^附[ \t\u3000]*則(?:[ \t\u3000]*[（(][^）)]*[）)])?[ \t\u3000]*$")
_CHAPTER = re.compile(rf"^第\s*([{_D}{_KANJI_DIGITS}]+)\s*章(?:[{_WS}]|$)")
_ARTICLE = re.compile(rf"^第\s*([{_D}{_KANJI_DIGITS}]+)\s*条(?:の\s*([{_D}{_KANJI_DIGITS}]+))?(?=[{_WS}(（]|$)")
_PAREN_NUM = re.compile(rf"^[（(]\s*([{_D}]+)\s*[）)]")
_PAREN_KANA = re.compile(rf"^[（(]\s*([{_GOJUON}])\s*[）)]")
_NOTE = re.compile(rf"^[（(]\s*※\s*([{_D}]+)\s*[）)]")
_CIRCLED_RE = re.compile(rf"^([{_CIRCLED}])")
_KANA = re.compile(rf"^([{_GOJUON}])[{_WS}]+(?=\S)")
_KANJI_NUM = re.compile(rf"^([{_KANJI_DIGITS}]+)[{_WS}]+(?=\S)")
_BARE_NUM = re.compile(rf"^([{_D}]{{1,3}})(?:[.．](?![{_D}])[{_WS}]*|[{_WS}]+)(?=\S)")
# "１－２　対象": section 2 of chapter 1, as guidelines number them under 第N章.
_DASHED_NUM = re.compile(rf"^([{_D}]{{1,2}})[{_WS}]*[-－‐―—–][{_WS}]*([{_D}]{{1,2}})[.．]?[{_WS}]+(?=\S)")
_PAREN_LATIN = re.compile(r"^[（(]\s*([a-zａ-ｚ])\s*[）)]")
_BRACKET_HEADING = re.compile(r"^[（(]([^（）()\n]{1,20})[）)][ \t\u3000]*$")


def _int(s: str) -> int:
    s = unicodedata.normalize("NFKC", s)
    if s.isdigit():
        return int(s)
    return _kanji_int(s)


def _kanji_int(s: str) -> int:
    values = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    total, current = 0, 0
    for ch in s:
        if ch in values:
            current = values[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


@dataclass
class Marker:
    style: str  # md1..md6, form, suppl, chapter, article, kou, section, dashed, paren, paren_kana, paren_latin, note, circled, kana, kanji
    value: int  # ordinal within its sequence (0 if none)
    label: str  # as printed, NFKC: "第11条", "(3)", "7", "ア"
    num: str  # id component: "11", "3", "a1"…
    rest: str  # the line after the marker


def _kana_ordinal(ch: str) -> int:
    return _GOJUON.index(ch) + 1


def detect_marker(line: str) -> Marker | None:
    """The numbering marker at the start of a line (bullets and bold marks are
    looked through): the one marker grammar of the project (the draft builder and
    the synthetic corpus use it too)."""
    probe = _probe(line)
    m = _MD.match(probe)
    if m:
        level = len(m.group(1))
        inner = m.group(2).strip().rstrip("#").strip()
        num = ""
        n = re.match(rf"^(?:第\s*)?([{_D}]+)(?:[.．章条]|[{_WS}])[{_WS}]*", inner)
        if n:
            num = str(_int(n.group(1)))
            inner = inner[n.end():]
        return Marker(f"md{level}", _int(num) if num else 0, num, num, inner.strip())
    m = _FORM.match(probe)
    if m:
        n = _int(m.group(1))
        return Marker("form", n, f"様式{n}", f"form{n}", "")
    if _SUPPL.match(probe):
        return Marker("suppl", 0, "附則", "suppl", "")
    m = _CHAPTER.match(probe)
    if m:
        n = _int(m.group(1))
        return Marker("chapter", n, f"第{n}章", f"ch{n}", probe[m.end():])
    m = _ARTICLE.match(probe)
    if m:
        n = _int(m.group(1))
        sub = m.group(2)
        label = f"第{n}条" + (f"の{_int(sub)}" if sub else "")
        num = f"{n}" + (f"-{_int(sub)}" if sub else "")
        return Marker("article", n, label, num, probe[m.end():])
    m = _NOTE.match(probe)
    if m:
        n = _int(m.group(1))
        return Marker("note", n, f"(※{n})", f"n{n}", probe[m.end():])
    m = _PAREN_NUM.match(probe)
    if m:
        n = _int(m.group(1))
        return Marker("paren", n, f"({n})", str(n), probe[m.end():])
    m = _PAREN_KANA.match(probe)
    if m:
        ch = m.group(1)
        return Marker("paren_kana", _kana_ordinal(ch), f"({ch})", ch, probe[m.end():])
    m = _PAREN_LATIN.match(probe)
    if m:
        ch = unicodedata.normalize("NFKC", m.group(1))
        return Marker("paren_latin", ord(ch) - ord("a") + 1, f"({ch})", ch, probe[m.end():])
    m = _DASHED_NUM.match(probe)
    if m:
        major, minor = _int(m.group(1)), _int(m.group(2))
        return Marker("dashed", minor, f"{major}-{minor}", f"{major}-{minor}", probe[m.end():])
    m = _CIRCLED_RE.match(probe)
    if m:
        n = _int(m.group(1))
        return Marker("circled", n, m.group(1), f"c{n}", probe[m.end():])
    m = _KANA.match(probe)
    if m:
        ch = m.group(1)
        return Marker("kana", _kana_ordinal(ch), ch, ch, probe[m.end():])
    m = _KANJI_NUM.match(probe)
    if m:
        n = _kanji_int(m.group(1))
        return Marker("kanji", n, m.group(1), str(n), probe[m.end():])
    m = _BARE_NUM.match(probe)
    if m:
        n = _int(m.group(1))
        return Marker("section", n, str(n), str(n), probe[m.end():])
    return None


# Styles whose markers are plausible in running text, so they must continue a
# sequence to count.
_AMBIGUOUS = {"section", "kou", "kana", "kanji", "paren_latin"}
_TOP = {"form", "suppl"}


# --- the clause ----------------------------------------------------------------


@dataclass
class Clause:
    """One clause of a policy: a contiguous span of the source text."""

    doc_id: str
    id: str  # stable id, e.g. "otaru:11.3"
    kind: str  # preamble, heading, section, article, paragraph, item, row, text, form, supplement
    label: str  # its number as printed (NFKC): "第11条", "(3)", "7", "ア"; "" if none
    title: str  # heading of the clause ("禁止事項"), "" if none
    heading_path: tuple[str, ...]  # headings of its ancestors, outermost first
    text: str  # verbatim: source[start:end]
    start: int
    end: int
    clean: str  # text without artefacts or markup, original characters (for display and copying)
    norm: str  # normalized body (marker removed) for matching
    parent: str | None
    depth: int
    order: int
    children: list[str] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """How the clause is named in a heading path: "第11条 禁止事項", "7 利用者の投稿の削除…"."""
        return " ".join(p for p in (self.label, self.title) if p)

    @property
    def local_id(self) -> str:
        return self.id.split(":", 1)[1]

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "clause_id": self.id,
            "kind": self.kind,
            "label": self.label,
            "title": self.title,
            "heading_path": " > ".join(self.heading_path),
            "text": self.text,
            "clean": self.clean,
            "start": self.start,
            "end": self.end,
            "parent": self.parent or "",
            "depth": self.depth,
        }


_KIND_OF_STYLE = {
    "form": "form",
    "suppl": "supplement",
    "chapter": "heading",
    "article": "article",
    "kou": "paragraph",
    "section": "section",
    "dashed": "section",
}


@dataclass
class _Node:
    style: str
    marker: Marker | None
    value: int
    start: int  # offset of the first character of the block
    lines: list[tuple[int, int]]  # (start, end) of each line, end excluding "\n"
    title: str = ""
    bracket: str = ""  # a "(目的)" line that opens the block
    kind: str = "text"
    clause: Clause | None = None
    parent: "_Node | None" = None
    children: list["_Node"] = field(default_factory=list)
    counters: dict = field(default_factory=dict)  # per kind counters for unnumbered children


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def _blank(line: str) -> bool:
    return not line.strip(" \t\u3000\r\ufeff")


def _probe(line: str) -> str:
    """The line as the marker detector sees it: bullets, bold marks and
    conversion artefacts removed (detection only; the text keeps them)."""
    return _PREFIX.sub("", line, count=1).replace("**", "").replace("__", "")


def _is_title_line(rest: str) -> bool:
    rest = clean_text(rest).strip()
    return bool(rest) and len(rest) <= 30 and "。" not in rest


def parse(text: str, doc_id: str) -> list[Clause]:
    """Parse ``text`` into clauses in document order (a flat list; the tree is in
    ``parent`` / ``children``)."""
    lines = list(_lines(text))
    root = _Node("root", None, 0, 0, [])
    stack: list[_Node] = [root]
    blocks: list[_Node] = []
    current: _Node | None = None  # the block that takes continuation lines
    in_row = False  # current block is a leading-tab table row: ends at a blank line
    after_row = False  # a row just ended: the next paragraph is a clause of its own
    pending_heading: tuple[int, str] | None = None  # (offset, title) of a "(目的)" line

    first_content = next((i for i, (_, _, ln) in enumerate(lines) if not _blank(ln)), None)
    md_title_line = None
    if first_content is not None:
        probe = _probe(lines[first_content][2])
        m = _MD.match(probe)
        if m:
            level = len(m.group(1))
            same_or_higher = sum(
                1 for _, _, ln in lines if (mm := _MD.match(_probe(ln))) and len(mm.group(1)) <= level
            )
            if same_or_higher == 1:
                md_title_line = first_content

    def open_block(node: _Node, parent: _Node):
        node.parent = parent
        parent.children.append(node)
        blocks.append(node)

    def next_nonblank(i: int):
        for j in range(i + 1, len(lines)):
            if not _blank(lines[j][2]):
                return j
        return None

    def accepts(marker: Marker, style: str) -> bool:
        """Whether an ambiguous marker continues (or starts) its sequence."""
        for node in reversed(stack):
            if node.style == style:
                # The next number, or one further: a draft where a section was
                # deleted without renumbering (7, 9) still reads as sections.
                return node.value < marker.value <= node.value + 2
        if style == "kou":
            return marker.value in (1, 2)
        return marker.value == 1

    def place(marker: Marker, style: str) -> _Node:
        """Pop the stack to where a marker of ``style`` belongs; return its parent."""
        if style in _TOP:
            del stack[1:]
        elif style.startswith("md"):
            level = int(style[2:])
            while len(stack) > 1 and not (stack[-1].style.startswith("md") and int(stack[-1].style[2:]) < level):
                if stack[-1].style == "form":
                    break
                stack.pop()
        elif style in ("chapter", "article"):
            keep = {"form"} | ({"chapter"} if style == "article" else set())
            while len(stack) > 1 and not (stack[-1].style in keep or stack[-1].style.startswith("md")):
                stack.pop()
        else:
            for i in range(len(stack) - 1, 0, -1):
                if stack[i].style == style:
                    del stack[i:]
                    break
        return stack[-1]

    for i, (ls, le, line) in enumerate(lines):
        if _blank(line):
            if in_row:
                in_row = False
                after_row = True
                current = None
            continue
        content_start = ls + (len(line) - len(line.lstrip(" \t\u3000\r\ufeff")))

        if in_row:
            current.lines.append((content_start, le))
            continue

        # --- table rows ---------------------------------------------------------
        leading_tab = line.lstrip(" \u3000").startswith("\t")
        if leading_tab or "\t" in line.strip():
            parent = stack[-1]
            row_start = content_start
            if pending_heading:
                row_start = pending_heading[0]
                pending_heading = None
            node = _Node("row", None, 0, row_start, [(row_start, le)], kind="row")
            open_block(node, parent)
            current = node
            in_row = leading_tab
            after_row = not leading_tab
            continue

        probe = _probe(line)
        marker = None if i == md_title_line else detect_marker(probe)
        style = marker.style if marker else None
        if style == "section" and any(n.style == "article" for n in stack):
            style = "kou"
        if marker and style in _AMBIGUOUS and not accepts(marker, style):
            marker, style = None, None

        # --- "(目的)" above an article --------------------------------------------
        if marker is None:
            bh = _BRACKET_HEADING.match(probe.strip())
            if bh and "http" not in bh.group(1) and "。" not in bh.group(1):
                j = next_nonblank(i)
                if j is not None:
                    nprobe = _probe(lines[j][2])
                    nm = detect_marker(nprobe)
                    if nm is not None and nm.style in ("article", "section", "paren", "chapter") or (
                        nm is not None and nm.style.startswith("md")
                    ):
                        pending_heading = (content_start, bh.group(1).strip())
                        continue

        if marker is not None:
            parent = place(marker, style)
            start = pending_heading[0] if pending_heading else content_start
            node = _Node(style, marker, marker.value, start, [(start, le)] if pending_heading else [(content_start, le)])
            if pending_heading:
                node.lines = [(pending_heading[0], le)]
                node.bracket = pending_heading[1]
                if style == "article":
                    node.title = pending_heading[1]
            node.kind = _KIND_OF_STYLE.get(style, "heading" if style.startswith("md") else "item")
            pending_heading = None
            open_block(node, parent)
            stack.append(node)
            current = node
            after_row = False
            continue

        if pending_heading:
            # The "(…)" line was not followed by a marker after all: plain text.
            ps = pending_heading[0]
            pending_heading = None
            if current is not None and not after_row:
                current.lines.append((ps, le))
                continue
            content_start = ps

        # --- plain text: continues the current block, or starts a paragraph -------
        if current is None or after_row:
            parent = stack[-1]
            kind = "preamble" if parent is root else "text"
            node = _Node("text", None, 0, content_start, [(content_start, le)], kind=kind)
            open_block(node, parent)
            current = node
            after_row = False
            continue
        if current.kind == "preamble" and _blank(lines[i - 1][2]):
            # Before the first marker, each paragraph is a clause of its own
            # (the title, the dates, an unnumbered draft's paragraphs).
            node = _Node("text", None, 0, content_start, [(content_start, le)], kind="preamble")
            open_block(node, root)
            current = node
            continue
        current.lines.append((content_start, le))

    return _build(text, doc_id, root)


def _block_span(text: str, node: _Node) -> tuple[int, int]:
    start = node.lines[0][0]
    end = max(e for _, e in node.lines)
    while end > start and text[end - 1] in " \t\u3000\r\ufeff":
        end -= 1
    return start, end


def _build(text: str, doc_id: str, root: _Node) -> list[Clause]:
    clauses: list[Clause] = []
    used: set[str] = set()

    def walk(node: _Node, id_path: list[str], heading_path: tuple[str, ...], depth: int):
        for child in node.children:
            start, end = _block_span(text, child)
            verbatim = text[start:end]
            m = child.marker
            if child.kind == "preamble":
                node.counters["pre"] = node.counters.get("pre", 0) + 1
                num = f"pre{node.counters['pre']}"
            elif child.kind in ("row", "text"):
                key = "r" if child.kind == "row" else "p"
                node.counters[key] = node.counters.get(key, 0) + 1
                num = f"{key}{node.counters[key]}"
            elif m is not None and m.num:
                num = m.num
            else:
                node.counters["h"] = node.counters.get("h", 0) + 1
                num = f"h{node.counters['h']}"
            path = id_path + [num]
            cid = f"{doc_id}:{'.'.join(path)}"
            if cid in used:
                k = 2
                while f"{cid}-{k}" in used:
                    k += 1
                cid = f"{cid}-{k}"
            used.add(cid)

            # Body: the text after the marker (and after a "(目的)" heading line).
            body_src = verbatim
            if child.bracket:  # drop the bracket heading line
                body_src = verbatim.split("\n", 1)[1].lstrip(" \t\u3000\n") if "\n" in verbatim else ""
            probe = _PREFIX.sub("", body_src, count=1)
            first, _, after = probe.partition("\n")
            first = first.replace("**", "")
            if m is not None:
                bm = detect_marker(first)
                first = bm.rest if bm is not None else first
            body = first + ("\n" + after if after else "")
            title = child.title
            if not title and m is not None:
                if m.style.startswith("md"):
                    title = clean_text(first).strip()
                    body = after
                elif m.style in ("form", "suppl"):
                    title = ""
                elif (clean_text(after) or m.style in ("section", "dashed", "chapter")) and _is_title_line(first):
                    title = clean_text(first).strip()
                    body = after
            if child.kind == "row":
                title = clean_text(verbatim.split("\t")[0] if not verbatim.startswith("\t") else verbatim.strip().split("\n")[0]).strip()
                body = verbatim
            norm_source = (title + "\n" + body) if title and child.kind not in ("row",) else body
            clause = Clause(
                doc_id=doc_id,
                id=cid,
                kind=child.kind,
                label=m.label if m is not None else "",
                title=title,
                heading_path=heading_path,
                text=verbatim,
                start=start,
                end=end,
                clean=clean_text(verbatim),
                norm=normalize_text(norm_source),
                parent=node.clause.id if node.clause is not None else None,
                depth=depth,
                order=len(clauses),
            )
            child.clause = clause
            if node.clause is not None:
                node.clause.children.append(cid)
            clauses.append(clause)
            hp = heading_path + ((clause.heading,) if clause.heading and child.kind not in ("row", "text", "preamble") else ())
            walk(child, path if child.kind not in ("preamble",) else id_path, hp, depth + 1)

    walk(root, [], (), 0)
    clauses.sort(key=lambda c: c.start)
    for i, c in enumerate(clauses):
        c.order = i
    return clauses
