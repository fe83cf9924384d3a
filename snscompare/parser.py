"""Split a policy text into a tree of clauses.

Two steps, each usable alone:

1. :func:`classify_lines` reads every line for what it looks like on its own: a
   blank, a numbering marker (``第3条``, ``(2)``, ``ア``, ``①``, ``1.``, ``## 2.`` …), a
   bullet or heading symbol (``・`` ``-`` ``•`` ``●`` ``■`` …), a caption ``(目的)``, a
   bracketed heading (``【免責事項】``, ``[アカウント名]``), a short line that could be
   a heading, a table row, a contents entry (leader dots and a page number), an
   artefact (a page number, a lone ``-``, a table rule), or text.  A line that holds
   a whole flattened document (PDF or plain-text extraction: ``(趣旨) 第 1 条 … 第
   2 条 …``, ``1 目的  …  2 運用  …``, a contents page with leader dots) is cut at its
   inline markers into *virtual* lines, each still a span of the source.  So is a
   heading glued to the end of a sentence by extraction (``…定める。目的``).
2. :func:`parse` builds the tree over those lines with a stack of open blocks,
   deciding by context what a line alone cannot tell:

   - A marker continues the sequence of an open block of its style (or of the last
     closed child of one: a paragraph may interrupt a list) when its number
     follows (one more, or two for a section deleted without renumbering); a first
     number (1, ア, ①) opens a new list under the current block, whatever style is
     open higher up, so numbering restarts under a new parent and any style nests
     under any other.  Styles are told apart by their form (``1 `` / ``1.`` / ``1)``).
     Ambiguous markers (bare numbers, katakana, kanji numerals) that neither follow
     nor start a sequence count only when the rest of the line reads as a heading;
     ``25 年`` stays text.
   - 第N条 articles, 様式 forms, 附則 and markdown headings keep their fixed ranks.
   - A bullet line is an item of a list of that bullet family; a short line under a
     symbol (``●対応時間``) with a body below it and no sibling of the same symbol
     next to it is a heading.
   - A short line without 。 followed by a body (a sentence, a list, a heading) is
     a heading; a heading directly under a heading that has no body yet nests one
     level down.
   - Items belong to the block that introduces them, so a list is its lead-in (the
     heading or paragraph above) plus its items.  After a blank line, a paragraph
     at the list's indentation that does not continue an item (なお、ただし…) closes
     the list and starts a paragraph of its own, which may introduce a list of its
     own.

Each clause is a contiguous span of the source: its verbatim ``text`` is
``source[start:end]``, spans never overlap, and every non-blank character of the
source lies in exactly one clause.  Cleaning happens in the ``clean`` and ``norm``
copies only.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from .normalize import clean_text, normalize_text

# --- markers -------------------------------------------------------------------

_WS = " \t\u3000"
_D = "0-9０-９"
_KANJI_DIGITS = "一二三四五六七八九十百"
_GOJUON = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474)) + "".join(chr(c) for c in range(0x3251, 0x3260))
# ⑴ ⑵ … ⒇: parenthesized digits as single characters (PDF text).
_PAREN_CHARS = "".join(chr(c) for c in range(0x2474, 0x2488))

_PREFIX = re.compile(r"^(?:[ \t\u3000]*(?:[-*+・･•－‐–—](?=[ \t\u3000])|\*\*|__|\[bookmark:[^\]\n]*\]))*[ \t\u3000]*")
_MD = re.compile(r"^(#{1,6})[ \t]+(.*)$")
_FORM = re.compile(rf"^[（(]?\s*様式\s*第?\s*([{_D}]+)\s*号?\s*[）)]?\s*$")
_SUPPL = re.compile(r"^附[ \t\u3000]*則(?:[ \t\u3000]*[（(][^）)]*[）)])?[ \t\u3000]*$")
_CHAPTER = re.compile(rf"^第\s*([{_D}{_KANJI_DIGITS}]+)\s*章(?:[{_WS}]|$)")
_ARTICLE = re.compile(rf"^第\s*([{_D}{_KANJI_DIGITS}]+)\s*条(?:の\s*([{_D}{_KANJI_DIGITS}]+))?(?=[{_WS}(（]|$)")
# "第1." / "第１．": a top-level section numbered like an article but with a period.
_DAI_DOT = re.compile(rf"^第\s*([{_D}]+)\s*[.．](?![{_D}])[{_WS}]*(?=\S)")
_PAREN_NUM = re.compile(rf"^[（(]\s*([{_D}]+)\s*[）)]")
_PAREN_CHAR = re.compile(rf"^([{_PAREN_CHARS}])")
_PAREN_KANA = re.compile(rf"^[（(]\s*([{_GOJUON}])\s*[）)]")
_NOTE = re.compile(rf"^[（(]\s*※\s*([{_D}]+)\s*[）)]")
_CIRCLED_RE = re.compile(rf"^([{_CIRCLED}])")
_KANA = re.compile(rf"^([{_GOJUON}])[{_WS}]+(?=\S)")
_KANJI_NUM = re.compile(rf"^([{_KANJI_DIGITS}]+)[{_WS}]+(?=\S)")
_BARE_NUM = re.compile(rf"^([{_D}]{{1,3}})(?:([.．])(?![{_D}])[{_WS}]*|([)）])[{_WS}]*|[{_WS}]+)(?=\S)")
# "１－２　対象": section 2 of chapter 1, as guidelines number them under 第N章.
_DASHED_NUM = re.compile(rf"^([{_D}]{{1,2}})[{_WS}]*[-－‐―—–][{_WS}]*([{_D}]{{1,2}})[.．]?[{_WS}]+(?=\S)")
_PAREN_LATIN = re.compile(r"^[（(]\s*([a-zａ-ｚ])\s*[）)]")
_BRACKET_HEADING = re.compile(r"^[（(]([^（）()\n]{1,20})[）)][ \t\u3000]*$")
_CAPTION_PREFIX = re.compile(r"^[ \t\u3000]*[（(][^（）()\n]{1,20}[）)][ \t\u3000\n]*")


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
    style: str  # md1..md6, form, suppl, chapter, article, dai, kou, section, dashed, paren, paren_kana, paren_latin, note, circled, kana, kanji
    value: int  # ordinal within its sequence (0 if none)
    label: str  # as printed, NFKC: "第11条", "(3)", "7", "ア"
    num: str  # id component: "11", "3", "a1"…
    rest: str  # the line after the marker
    form: str = ""  # how a bare number is printed: "dot" (1.), "close" (1)), "space" (1 ); "" otherwise

    @property
    def key(self) -> str:
        """The numbering style as the tree builder tells styles apart: ``1 `` and
        ``1.`` are different lists."""
        return f"{self.style}:{self.form}" if self.form else self.style


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
    m = _DAI_DOT.match(probe)
    if m:
        n = _int(m.group(1))
        return Marker("dai", n, f"第{n}.", f"d{n}", probe[m.end():])
    m = _NOTE.match(probe)
    if m:
        n = _int(m.group(1))
        return Marker("note", n, f"(※{n})", f"n{n}", probe[m.end():])
    m = _PAREN_NUM.match(probe) or _PAREN_CHAR.match(probe)
    if m:
        g = m.group(1)
        n = _int(g) if len(g) > 1 or g not in _PAREN_CHARS else _PAREN_CHARS.index(g) + 1
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
        form = "dot" if m.group(2) else "close" if m.group(3) else "space"
        return Marker("section", n, str(n), str(n), probe[m.end():], form)
    return None


def strip_marker(line: str) -> str:
    """``line`` without its bullet and numbering (第9条, ８, (1), ①, ア …)."""
    m = detect_marker(line)
    return m.rest if m is not None else _probe(line).strip(_WS)


# Styles whose markers are plausible in running text, so they must continue a
# sequence (or start one) to count.
_AMBIGUOUS = {"section", "kou", "kana", "kanji", "paren_latin"}
_TOP = {"form", "suppl"}


# --- lines ---------------------------------------------------------------------

# Bullet and heading symbols.  Which of them is a heading and which an item is
# decided in context (see _symbol_is_heading).
_BULLETS = "-*+・･•●○◯■□◆◇▪▫►▶▷➢✓◎－‐–—"
# Symbols that only ever mark items (hyphens and dashes in either width, asterisks, dots).
_ITEM_SYMBOLS = "-*+・･•－‐–—"
_BULLET_RE = re.compile(rf"^([{re.escape(_BULLETS)}])(?:[{_WS}]+|(?=[^{re.escape(_BULLETS)}\s]))(?=\S)")
_BRACKETS = {"【": "】", "[": "]", "［": "］", "〔": "〕", "＜": "＞", "《": "》", "≪": "≫", "〈": "〉"}
_BRACKET_LINE = re.compile(r"^([【\[［〔＜《≪〈])([^】\]］〕＞》≫〉\n]{1,30})([】\]］〕＞》≫〉])[ \t\u3000]*(.*)$")
_PAGE_MARK = re.compile(rf"^[-－‐―—–][{_WS}]*[{_D}]{{1,3}}[{_WS}]*[-－‐―—–]$")
_TABLE_RULE = re.compile(r"^\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?$")
_LEADER = re.compile(rf"(?:[・･.．…‥]{{3,}}|[-－ー]{{4,}})[{_WS}]*[{_D}]{{1,3}}")
_DATE_LINE = re.compile(
    rf"^[{_WS}]*(?:(?:令和|平成|昭和)[{_WS}]*(?:[{_D}]+|元)|[{_D}]{{4}})[{_WS}]*年[{_WS}]*[{_D}]+[{_WS}]*月"
    rf"(?:[{_WS}]*[{_D}]+[{_WS}]*日)?(?:[^\n。]{{0,12}})$")
_NUMBER_LINE = re.compile(rf"^[^\n。]{{0,12}}第[{_WS}]*[{_D}{_KANJI_DIGITS}]+[{_WS}]*号$")
_URLISH = re.compile(r"(?:https?[:;]//|www\.|@[A-Za-z0-9_]{2,}|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|\d{2,4}-\d{2,4}-\d{3,4})")
# Words that continue the paragraph above rather than start a new one.
_CONNECTIVES = ("なお", "ただし", "但し", "また", "さらに", "ここで", "この場合", "※", "（", "(")
# Endings a heading never has (a particle: the line is a wrapped sentence).
_PARTICLE_END = tuple("のはがをにでともへや、，,")
# Starts a heading never has: a mark or a letter that no line may start with in Japanese
# typesetting (、。ー ん small kana, closing brackets), or a particle (の を が): the line
# continues the line above, broken by extraction.
_CONTINUATION_START = tuple("、。，．,.)）」』】ーんっッゃゅょャュョぁぃぅぇぉをのが")

INDENT_WIDTH = {" ": 1, "\u00a0": 1, "\u3000": 2, "\t": 4}


@dataclass
class Line:
    """One line of the source (or a part of a flattened line), as the classifier
    reads it alone."""

    start: int  # offset of its first non-blank character
    end: int  # offset after its last non-blank character
    indent: int  # visual indentation (full-width space = 2, tab = 4)
    kind: str  # blank, marker, bullet, caption, bracket, short, text, row, rule, contents, artefact
    text: str  # source[start:end]
    marker: Marker | None = None
    symbol: str = ""  # the bullet / heading symbol, or the opening bracket
    rest: str = ""  # what follows the marker, symbol or bracket
    virtual: bool = False  # cut out of a longer line
    blank_before: bool = False  # a blank line (or the start) comes before it
    tab_row: str = ""  # "lead" (starts with a tab) or "inner" (tabs inside)
    idx: int = 0  # its position in the list of lines
    runs_on: bool = False  # fills the page's width and runs on into the next line (a PDF's break)

    @property
    def sentence(self) -> bool:
        """Reads as running text: a sentence end, long, or broken at the page's width."""
        return self.runs_on or "。" in self.text or len(self.text) > 40


def _is_title(s: str, *, limit: int = 30) -> bool:
    """A short run of words that can name a section: no sentence end, no value
    separated by a space (サイト名称 小諸市), not a date, an address or a number."""
    s = clean_text(s).strip(_WS)
    if not 2 <= len(s) <= limit or "。" in s:
        return False
    if re.search(r"\S[ \t\u3000]+\S", s) or _URLISH.search(s) or _DATE_LINE.match(s) or _NUMBER_LINE.match(s):
        return False
    if s.endswith(_PARTICLE_END) or s.startswith(_CONTINUATION_START) or re.fullmatch(rf"[{_D}\W_]+", s):
        return False
    return True


_HEADED_GAP = re.compile(rf"[{_WS}]+[^\s。、]{{1,20}}[ \u3000]{{2,}}\S")
_HEADED_ITEM = re.compile(rf"[{_WS}]+[^\s。、]{{1,12}}[{_WS}]+(?:[(（][{_WS}]*[1１][{_WS}]*[)）]|⑴|①)")
_COUNTED = re.compile(rf"[{_WS}]*[{_D}年月日時分%％]")  # "3 年", "10 %": a number in a sentence


def _flat_splits(line: str) -> list[tuple[int, str]]:
    """Where a flattened line holds the starts of several blocks: ``(offset, why)``
    for each inline marker that continues a sequence, for a contents page (leader
    dots and page numbers) and for page marks."""
    cuts: list[tuple[int, str]] = []
    # Contents: leader dots followed by page numbers, three or more.
    leaders = list(_LEADER.finditer(line))
    toc_end = -1
    if len(leaders) >= 3:
        first = leaders[0].start()
        head = line.rfind("目次", 0, first)
        toc_start = head if head >= 0 and first - head < 200 else max(0, line.rfind(" ", 0, first - 20) + 1)
        toc_end = leaders[-1].end()
        cuts += [(toc_start, "contents"), (toc_end, "after")]
    seen: dict[str, set] = {}

    def follows(style: str, v: int, first_values=(1,)) -> bool:
        """A number that starts a sequence, or follows a number seen before in this
        line (lists nest and restart: "1. … 1. 2. … 2."), one or two up."""
        got = seen.setdefault(style, set())
        ok = v in first_values or (v - 1) in got or (v - 2) in got
        if ok:
            got.add(v)
        return ok

    pat = re.compile(
        rf"(?P<page>(?<![^\s])[-－][{_WS}]?[{_D}]{{1,3}}[{_WS}]?[-－](?=\s|$))"
        rf"|(?P<cap>[(（][^()（）\s]{{1,15}}[)）][{_WS}]*(?=第[{_WS}]*[{_D}{_KANJI_DIGITS}]+[{_WS}]*条|[{_D}]{{1,2}}[.．]?[{_WS}]))"
        rf"|(?P<art>第[{_WS}]*(?P<artn>[{_D}{_KANJI_DIGITS}]+)[{_WS}]*条(?![{_WS}]*(?:第|の規定|に規定|から|まで|及び|又は|並びに|各号|中)))"
        rf"|(?P<paren>[(（][{_WS}]*(?P<pn>[{_D}]{{1,2}})[{_WS}]*[)）]|(?P<pc>[{_PAREN_CHARS}]))"
        rf"|(?P<circ>[{_CIRCLED}])"
        rf"|(?P<num>(?P<nn>[{_D}]{{1,2}})(?:[.．](?![{_D}])|(?=[{_WS}])))"
        rf"|(?P<kana>(?<=[{_WS}])[{_GOJUON[:20]}](?=[{_WS}]+[^\s{_D}]))"
        rf"|(?P<glued>(?<=[{_WS}])(?P<gn>[1-9][0-9]?)(?=[^\d\s.．,，、:：)）年月日時分秒%％〜~－\-]))"
        rf"|(?P<bul>(?<=[{_WS}])(?:[・•●○■◆](?=[{_WS}]?[^\s・•●○■◆])|[-－](?=[{_WS}]+\S)))"
        rf"|(?P<date>(?<=[{_WS}])(?:令和|平成|昭和)[{_WS}]?[元{_D}]{{1,2}}[{_WS}]?年[{_WS}]?[{_D}]{{1,2}}[{_WS}]?月"
        rf"[{_WS}]?[{_D}]{{1,2}}[{_WS}]?日(?:[{_WS}]?(?:一部改正|施行|改正|制定|策定|改訂|作成))?(?=[{_WS}]|$))"
    )
    bullets: dict[str, list[int]] = {}
    glued: list[tuple[int, int]] = []  # "1誹謗中傷…" after a space: numbers glued to words (NFKC of ①)
    lead = len(line) - len(line.lstrip())
    for m in pat.finditer(line):
        pos = m.start()
        if toc_end >= 0 and pos < toc_end:
            continue
        before = line[max(0, pos - 64):pos]  # a window: the text before is never copied whole (linear)
        boundary = pos <= lead or before.endswith(("。", "  ", "\u3000")) or re.search(r"[。)）]\s$", before) \
            or re.search(rf"[-－][{_D}]{{1,3}}[-－]\s$", before) is not None
        spaced = pos == 0 or line[pos - 1] in _WS
        if m.group("page"):
            cuts += [(pos, "page"), (m.end(), "after")]
        elif m.group("date"):
            # a date standing alone between spaces (a title's date line, run together)
            cuts += [(pos, "date"), (m.end(), "after")]
        elif m.group("bul"):
            bullets.setdefault(m.group("bul"), []).append(pos)
        elif m.group("glued"):
            glued.append((pos, int(m.group("gn"))))
        elif m.group("kana"):
            if follows("kana", _kana_ordinal(m.group("kana"))):
                cuts.append((pos, "kana"))
        elif m.group("cap"):
            if spaced or before.endswith("。"):
                cuts.append((pos, "caption"))
        elif m.group("art"):
            if (spaced or before.endswith(("。", ")", "）"))) and follows("art", _int(m.group("artn"))):
                cuts.append((pos, "article"))
                seen.pop("paren", None)
                seen.pop("num", None)
        elif m.group("paren"):
            v = _int(m.group("pn")) if m.group("pn") else _PAREN_CHARS.index(m.group("pc")) + 1
            if (spaced or before.endswith("。")) and follows("paren", v):
                cuts.append((pos, "paren"))
        elif m.group("circ"):
            if (spaced or before.endswith("。")) and follows("circ", _int(m.group("circ"))):
                cuts.append((pos, "circled"))
        elif m.group("num"):
            v = _int(m.group("nn"))
            after = line[m.end():m.end() + 1]
            dotted = line[m.end() - 1:m.end()] in (".", "．")
            # "3. 次に…" after a space is a marker; a bare "3 " needs a stronger boundary
            # (a sentence end, two spaces, a caption, a page mark): "令和 7 年" stays text.
            # Or, after a single space: "1 目的  本文" — a short title and a wide gap follow.
            # (patterns matched at a position, never on a copy of the rest of the line: linear)
            headed = spaced and _HEADED_GAP.match(line, m.end()) is not None
            # "1 運営 (1)投稿者 …": a short title and at once the first item under it
            headed = headed or (spaced and _HEADED_ITEM.match(line, m.end()) is not None)
            ok = (spaced if dotted else boundary) or headed or (before.rstrip(_WS).endswith((")", "）")) and spaced)
            if ok and after and not _COUNTED.match(line, m.end()) and follows("num", v, (1, 2)):
                cuts.append((pos, "number"))
    # glued numbers count only as a run 1, 2, 3 … in turn (alone, "1人1人が" is text)
    run: list[int] = []
    for pos, n in glued + [(len(line), 0)]:
        if run and n == len(run) + 1:
            run.append(pos)
            continue
        if len(run) >= 2:
            cuts += [(p, "glued") for p in run]
        run = [pos] if n == 1 else []
        # bullets run together: a symbol after a space, twice or more (one is a word's dot)
    cuts += [(pos, "bullet") for found in bullets.values() if len(found) >= 2 for pos in found]
    # the sentence that introduces a run of items (a bullet more than 200 characters after the
    # last one of its symbol starts a run) is a line of its own: its lead-in
    for found in bullets.values():
        if len(found) < 2:
            continue
        for k, start in enumerate(found):
            if k and start - found[k - 1] <= 200:
                continue
            end = line.rfind("。", max(0, start - 300), start)
            if end >= 0:
                sent = line.rfind("。", max(0, end - 300), end)
                cuts.append((sent + 1 if sent >= 0 else (0 if end <= 300 else end + 1), "lead"))
    numbered = sorted(p for p, w in cuts if w in ("article", "number"))
    out, seen = [], set()
    for pos, why in sorted(cuts):
        if why == "caption":
            k = bisect_right(numbered, pos)
            if k == len(numbered) or numbered[k] - pos > 20:
                continue  # a bracket that no article follows (within 20 characters) is text
        if pos not in seen and 0 < pos < len(line):
            out.append((pos, why))
            seen.add(pos)
    return out


# How an item of a list (not a heading) ends: a thing, an act, a piece of content.
_LIST_ITEM_END = re.compile(r"(もの|こと|行為|内容|情報|場合|投稿|コメント)$")
_GAP_TITLE = re.compile(r"^(\S{1,20})[ \t\u3000]{2,}(\S.*)$", re.S)  # a title set off by a wide gap
_BLANK_AFTER_FIRST = re.compile(r"^[^\n]*\n[ \t\u3000\r]*\n")
_FUSED_FIRST_SECTION = re.compile(
    rf"(?:(?<=\S)[{_WS}]+|(?<=[\u3040-\u30ff\u4e00-\u9fff]))([1１][.．]?[{_WS}]+[^\s。、]{{1,12}})$")
_GLUED_HEADING = re.compile(r"。([^\s。、,，:：()（）「」]{2,15})[ \t\u3000]*$")


def _line_kind(text: str, line: str) -> tuple[str, Marker | None, str, str]:
    """(kind, marker, symbol, rest) of one stripped line."""
    if _PAGE_MARK.match(text) or text in ("-", "－", "!", "！", "|") or _TABLE_RULE.match(text):
        return "artefact", None, "", ""
    if len(_LEADER.findall(text)) >= 1 and re.search(rf"[{_D}]{{1,3}}[{_WS}]*$", text) and _LEADER.search(text):
        return "contents", None, "", ""
    if line.lstrip(" \u3000").startswith("\t"):
        return "row", None, "", "lead"
    if "\t" in text:
        return "row", None, "", "inner"
    if (text.startswith("|") and text.endswith("|") and text.count("|") >= 2) or text.count("｜") >= 2:
        return "row", None, "", "inner"  # a markdown table row, or cells separated by full-width bars
    marker = detect_marker(text)
    if marker is not None:
        return "marker", marker, "", marker.rest
    probe = text.replace("**", "")
    bm = _BRACKET_HEADING.match(probe.strip(_WS))
    if bm and "http" not in bm.group(1) and "。" not in bm.group(1):
        return "caption", None, "(", bm.group(1).strip()
    bl = _BRACKET_LINE.match(probe)
    if bl and _BRACKETS.get(bl.group(1)) == bl.group(3) and "http" not in bl.group(2) and not bl.group(2).startswith("bookmark"):
        return "bracket", None, bl.group(1), bl.group(2).strip(_WS) + ((" " + bl.group(4)) if bl.group(4) else "")
    bu = _BULLET_RE.match(probe)
    if bu and not _PAGE_MARK.match(probe):
        rest = probe[bu.end():].strip(_WS)
        if rest:
            return "bullet", None, bu.group(1), rest
    if _is_title(probe):
        return "short", None, "", probe.strip(_WS)
    return "text", None, "", probe.strip(_WS)


def classify_lines(text: str) -> list[Line]:
    """Every line of ``text`` (flattened lines cut at their inline markers), each
    classified on its own."""
    out: list[Line] = []
    pos = 0
    blank = True
    new_paragraph: set[int] = set()
    raws = text.split("\n")
    page = _page_width(raws)
    for raw in raws:
        ls, le = pos, pos + len(raw)
        pos = le + 1
        stripped = raw.strip(" \t\u3000\r\ufeff")
        if not stripped:
            out.append(Line(ls, ls, 0, "blank", ""))
            blank = True
            continue
        lead = len(raw) - len(raw.lstrip(" \t\u3000\r\ufeff"))
        indent = sum(INDENT_WIDTH.get(ch, 0) for ch in raw[:lead])
        cs = ls + lead
        ce = ls + len(raw.rstrip(" \t\u3000\r\ufeff"))
        pieces = [(cs, ce, False)]
        body = text[cs:ce]
        # fills the page's width and does not end there: runs on into the next line
        full = bool(page) and page - WRAP_BAND <= _raw_width(raw) <= page and not body.endswith(("。", ":", "："))
        # (a tab makes a line a table row, unless the line is far longer than any row)
        cuts = _flat_splits(body) if len(body) > 80 and ("\t" not in body or len(body) > 2000) else []
        if len(cuts) >= (1 if len(body) > 150 else 2):  # a shorter line needs two inline markers to be cut
            bounds = [0] + [c for c, _ in cuts] + [len(body)]
            why = dict(cuts)
            pieces = []
            for a, b in zip(bounds, bounds[1:]):
                seg = body[a:b]
                s = a + (len(seg) - len(seg.lstrip(_WS)))
                e = a + len(seg.rstrip(_WS))
                if e > s:
                    pieces.append((cs + s, cs + e, True))
                    if why.get(a) in ("lead", "date"):
                        new_paragraph.add(cs + s)  # a lead-in or a date starts a paragraph
        elif (f := _FUSED_FIRST_SECTION.search(body)) is not None and f.start() > 0 and detect_marker(body) is None \
                and len(re.sub(r"[\W_]", "", body[:f.start()])) >= 2:
            # "…教育総務課 1 目的": the first numbered heading fused to the line above it.
            cut = f.start(1)
            pieces = [(cs, cs + len(body[:cut].rstrip(_WS)), False), (cs + cut, ce, True)]
        elif not full:  # (a line that fills the page ends where the page does: no heading is glued to it)
            g = _GLUED_HEADING.search(body)
            if g and _is_title(g.group(1), limit=15) and not g.group(1).startswith(_CONNECTIVES):
                cut = g.start(1)
                pieces = [(cs, cs + cut, False), (cs + cut, cs + len(body.rstrip(_WS)), True)]
        for k, (s, e, virtual) in enumerate(pieces):
            seg = text[s:e]
            kind, marker, symbol, rest = _line_kind(seg, raw if k == 0 else seg)
            if virtual and kind == "text" and k > 0 and _is_title(seg, limit=15):
                kind = "short"  # a heading glued to the sentence above, or cut out of a flattened line
            line = Line(s, e, indent if k == 0 else 0, kind, seg, marker, symbol, rest, virtual,
                        (blank and k == 0) or s in new_paragraph)
            line.runs_on = full and len(pieces) == 1
            if kind == "row":
                line.tab_row, line.symbol = symbol or rest, ""
                line.rest = ""
            out.append(line)
        blank = False
    _glued_numbers(out)
    _hard_wraps(out)
    for k, ln in enumerate(out):
        ln.idx = k
    return out


def _width(ln: Line) -> int:
    """Display width of a line, its indentation included (full-width characters count 2)."""
    return ln.indent + sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in ln.text)


WRAP_BAND = 4  # display columns: how far short of the page's width a broken line may stop (kinsoku, half-width)


def _raw_width(raw: str) -> int:
    body = raw.strip(" \t\u3000\r\ufeff")
    lead = raw[:len(raw) - len(raw.lstrip(" \t\u3000\r\ufeff"))]
    return sum(INDENT_WIDTH.get(ch, 0) for ch in lead) + sum(
        2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in body)


def _page_width(raws: list[str]) -> int:
    """The width at which extraction broke the text's lines (a PDF's lines), or 0.

    Found, not assumed: the widest band of WRAP_BAND + 1 display columns that holds at
    least three lines and a quarter of the long lines, with at most one line in ten
    wider (a web address, a table row).  A page written line by line has no such band:
    its long lines end where their sentences end."""
    widths = [_raw_width(r) for r in raws if r.strip(" \t\u3000\r\ufeff")]
    count = Counter(widths)
    n_long = sum(c for w, c in count.items() if w >= 24)
    if n_long < 4:
        return 0
    wider = 0  # lines wider than the band's top, as the widths go down
    for w in sorted(count, reverse=True):  # one pass over the distinct widths
        if w < 24 or wider > len(widths) // 10 + 1:
            break
        band = sum(count.get(w - k, 0) for k in range(WRAP_BAND + 1))
        if band >= 3 and band * 4 >= n_long:
            return w
        wider += count[w]
    return 0


def _hard_wraps(lines: list[Line]) -> None:
    """A line that fills the page's width (``runs_on``) runs on into the next: neither is
    a short heading."""
    for a, b in zip(lines, lines[1:]):
        if a.runs_on and b.kind != "blank":
            if a.kind == "short":
                a.kind = "text"
            if b.kind == "short" and not b.virtual:
                b.kind = "text"


# "1誹謗中傷…" / "2違法行為…": a list numbered ①②③ after NFKC folding (which many text
# extractors apply) keeps its numbers glued to the words.  Alone such a line is text
# ("1人1人が…"); a run of two or more lines numbered 1, 2, 3 … in turn is a list.
_GLUED_NUM = re.compile(r"^([1-9][0-9]?)(?=[^\d\s.．,，、:：)）年月日時分秒%％〜~－-])")
# what a counted thing looks like ("1人1人が", "2件目"): no first item of a list
_COUNTER = tuple("人件回つ条項号か歳")


def _glued_numbers(lines: list[Line]) -> None:
    run: list[tuple[Line, re.Match]] = []

    def close() -> None:
        if len(run) >= 2:
            for ln, m in run:
                n = int(m.group(1))
                ln.kind, ln.rest = "marker", ln.text[m.end():].strip(_WS)
                ln.marker = Marker("section", n, str(n), str(n), ln.rest, "glued")
        run.clear()

    for ln in lines:
        m = _GLUED_NUM.match(ln.text) if ln.kind in ("text", "short") else None
        if m and run and int(m.group(1)) == len(run) + 1:
            run.append((ln, m))
        elif m and int(m.group(1)) == 1 and not ln.text[m.end():].startswith(_COUNTER):
            close()
            run.append((ln, m))
        elif ln.kind != "blank":
            close()
    close()


# --- the clause ----------------------------------------------------------------


@dataclass
class Clause:
    """One clause of a policy: a contiguous span of the source text."""

    doc_id: str
    id: str  # stable id, e.g. "otaru:11.3"
    kind: str  # preamble, heading, section, article, paragraph, item, row, text, form, supplement, contents
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
    "dai": "section",
}
# Blocks that head a part of the document (never children of a list item).
_HEADING_KINDS = {"heading", "section", "article", "form", "supplement"}


@dataclass
class _Node:
    style: str  # the stack key: a marker's key, "bullet:・", "sym:●", "bracket:【", "uh1", "para", "text", …
    marker: Marker | None
    value: int
    start: int  # offset of the first character of the block
    lines: list[tuple[int, int]]  # (start, end) of each line
    title: str = ""
    bracket: str = ""  # a "(目的)" line that opens the block
    kind: str = "text"
    indent: int = 0
    title_only: bool = False  # its first line is a title: the body is still to come
    has_body: bool = False
    clause: Clause | None = None
    parent: "_Node | None" = None
    children: list["_Node"] = field(default_factory=list)
    counters: dict = field(default_factory=dict)  # per kind counters for unnumbered children
    last_of: dict = field(default_factory=dict)  # style -> last child of that style


def _opens_list(marker: Marker) -> bool:
    """The first number of its sequence: 1, ア, ①, 一, (a)."""
    return marker.value == 1 or (marker.style == "section" and marker.value == 0)


def _probe(line: str) -> str:
    """The line as the marker detector sees it: bullets, bold marks and
    conversion artefacts removed (detection only; the text keeps them)."""
    return _PREFIX.sub("", line, count=1).replace("**", "").replace("__", "")


def _is_title_line(rest: str) -> bool:
    rest = clean_text(rest).strip()
    return bool(rest) and len(rest) <= 30 and "。" not in rest


# How deep blocks nest: deeper than any policy goes (第1章 > 第1条 > 1 > (1) > ア > (ア) > ・ …
# is seven), shallow enough that nothing a file holds can exhaust the recursion of _build.
MAX_DEPTH = 40
# Unnumbered headings, each a short line above the next, nest at most this deep; more
# such lines in a row are a run of siblings (a list of dates or names, not an outline).
MAX_UNNUMBERED_LEVELS = 3


class _Builder:
    """The tree over classified lines (see the module docstring)."""

    def __init__(self, text: str, lines: list[Line]):
        self.text = text
        self.lines = lines
        self.root = _Node("root", None, 0, 0, [], kind="root")
        self.stack: list[_Node] = [self.root]
        self.current: _Node | None = None
        self.in_row = False
        self.after_row = False
        self.pending: tuple[int, str] | None = None  # a "(目的)" caption waiting for its marker
        self.structured = False  # a marker or heading has been seen (the preamble is over)
        self.nonblank = [i for i, ln in enumerate(lines) if ln.kind != "blank"]
        self.pos_of = {i: k for k, i in enumerate(self.nonblank)}

    # --- neighbours ---
    def _next(self, i: int, skip_artefacts: bool = True) -> Line | None:
        # (by index, not by slicing: a slice copies the rest of the document on every call)
        k = self.pos_of.get(i)
        if k is None:
            k = bisect_right(self.nonblank, i) - 1
        for p in range(k + 1, len(self.nonblank)):
            j = self.nonblank[p]
            if skip_artefacts and self.lines[j].kind == "artefact":
                continue
            return self.lines[j]
        return None

    def _prev(self, i: int) -> Line | None:
        k = self.pos_of.get(i)
        for p in range(k - 1 if k is not None else -1, -1, -1):
            j = self.nonblank[p]
            if self.lines[j].kind != "artefact":
                return self.lines[j]
        return None

    # --- the stack ---
    def open(self, node: _Node, parent: _Node):
        depth, p = 0, parent
        while p is not None and p is not self.root:
            depth, p = depth + 1, p.parent
        if depth >= MAX_DEPTH:
            # A text whose lines each open a level below the last (a broken extraction, a
            # hostile file) would nest without end: past MAX_DEPTH a block is the sibling
            # of the block above it.
            while depth >= MAX_DEPTH:
                parent, depth = parent.parent, depth - 1
            if any(n is parent for n in self.stack):
                self.pop_to(parent)
        node.parent = parent
        parent.children.append(node)
        parent.last_of[node.style] = node
        if parent is not self.root:
            parent.has_body = True
        self.stack.append(node)
        self.current = node
        self.after_row = False

    def pop_to(self, node: _Node):
        while self.stack[-1] is not node:
            self.stack.pop()

    def pop_items(self):
        """Headings never nest under list items or the paragraphs that introduce them."""
        while len(self.stack) > 1 and (self.stack[-1].kind in ("item", "text") or self.stack[-1].style.startswith("bullet")):
            self.stack.pop()

    def top(self) -> _Node:
        return self.stack[-1]

    # --- markers ---
    def place_marker(self, marker: Marker, style: str, *, caption: bool, indent: int = 0) -> _Node | None:
        """The parent of a numbered block, popping the stack to it; None when an
        ambiguous marker neither continues nor starts a sequence."""
        if style in _TOP:
            del self.stack[1:]
            return self.root
        if style.startswith("md"):
            level = int(style[2:])
            while len(self.stack) > 1 and not (self.top().style.startswith("md") and int(self.top().style[2:]) < level):
                if self.top().style == "form":
                    break
                self.stack.pop()
            return self.top()
        if style in ("chapter", "article"):
            keep = {"form"} | ({"chapter"} if style == "article" else set())
            while len(self.stack) > 1 and not (
                    self.top().style in keep or self.top().style.startswith(("md", "uh", "sym:", "bracket:", "caption"))):
                self.stack.pop()
            return self.top()
        v = marker.value
        matches = []  # stack positions of the parents it could continue under
        for k in range(len(self.stack) - 1, -1, -1):
            node = self.stack[k]
            if k > 0 and node.style == style and node.value < v <= node.value + 2:
                matches.append(k - 1)  # a sibling of an open block
            last = node.last_of.get(style)
            on_stack = self.stack[k + 1] if k + 1 < len(self.stack) else None
            if last is not None and last is not on_stack and last.value < v <= last.value + 2:
                matches.append(k)  # a sibling of a closed one (a paragraph came between)
        if matches:
            # Innermost, unless a caption "(見出し)" says it is a top-level block.
            k = min(matches) if caption else max(matches)
            del self.stack[k + 1:]
            return self.stack[k]
        first = (1, 2) if style == "kou" else (1,)
        # A numbered block does not nest under a bullet item at its own indentation
        # ("- YouTube" then "1.アカウント情報": a list before a section, not its parent).
        while len(self.stack) > 1 and self.top().style.startswith("bullet") and self.top().indent >= indent:
            self.stack.pop()
        if v in first or marker.style not in _AMBIGUOUS:
            return self.top()
        if _is_title(marker.rest) and v <= 30:
            return self.top()
        return None

    # --- the walk ---
    def build(self) -> _Node:
        lines = self.lines
        for i, ln in enumerate(lines):
            if ln.kind == "blank":
                if self.in_row:
                    self.in_row = False
                    self.after_row = True
                    self.current = None
                continue
            if self.in_row:
                self.current.lines.append((ln.start, ln.end))
                continue
            if self.current is None and not self.structured and ln.kind in ("bullet", "bracket", "short", "caption"):
                self._paragraph(ln)  # the first line is the title, whatever symbol it starts with (○…要綱)
                continue
            handler = getattr(self, f"_on_{ln.kind}")
            handler(i, ln)
        return self.root

    def _paragraph(self, ln: Line, kind: str | None = None):
        parent = self.top()
        start = ln.start
        if self.pending:
            start = self.pending[0]
            self.pending = None
        kind = kind or ("preamble" if parent is self.root and not self.structured else "text")
        node = _Node("para" if kind == "text" else "text", None, 0, start, [(start, ln.end)], kind=kind, indent=ln.indent)
        node.parent = parent
        parent.children.append(node)
        if parent is not self.root:
            parent.has_body = True
        if kind == "text":
            self.stack.append(node)
        self.current = node
        self.after_row = False

    def _on_artefact(self, i: int, ln: Line):
        if self.current is not None and not self.after_row:
            self.current.lines.append((ln.start, ln.end))
        else:
            self._paragraph(ln)

    def _on_contents(self, i: int, ln: Line):
        cur = self.current
        if cur is not None and cur.kind == "contents":
            cur.lines.append((ln.start, ln.end))
            return
        parent = self.top() if self.structured else self.root
        node = _Node("contents", None, 0, ln.start, [(ln.start, ln.end)], kind="contents")
        node.parent = parent
        parent.children.append(node)
        self.current = node
        self.after_row = False

    def _on_row(self, i: int, ln: Line):
        while self.top().kind == "text" and len(self.stack) > 1:
            self.stack.pop()  # a table belongs to its section, not to the paragraph above it
        parent = self.top()
        start = ln.start
        if self.pending:
            start = self.pending[0]
            self.pending = None
        node = _Node("row", None, 0, start, [(start, ln.end)], kind="row")
        node.parent = parent
        parent.children.append(node)
        self.current = node
        self.in_row = ln.tab_row == "lead"
        self.after_row = not self.in_row

    def _on_caption(self, i: int, ln: Line):
        nxt = self._next(i)
        if nxt is not None and nxt.kind == "marker":
            self.pending = (ln.start, ln.rest)
            return
        if nxt is not None and nxt.kind in ("text", "short") and self.structured and _is_title(ln.text[1:-1]) \
                and not re.search(r"[ \t\u3000]", ln.text):
            # "(目的)" above a paragraph whose article number was lost: a heading.
            self._heading(ln, "caption", ln.rest)
            return
        self._on_text(i, ln)

    def _on_marker(self, i: int, ln: Line):
        marker = ln.marker
        style = marker.key
        if marker.style == "section" and any(n.style == "article" for n in self.stack):
            style = "kou"
            marker = Marker("kou", marker.value, marker.label, marker.num, marker.rest)
        if self.current is None and not self.structured and marker.style in _AMBIGUOUS and marker.value != 1 \
                and not _is_title(marker.rest):
            self._on_text(i, ln)
            return
        caption = self.pending is not None
        parent = self.place_marker(marker, style, caption=caption, indent=ln.indent)
        if parent is None:
            self._on_text(i, ln)
            return
        start = self.pending[0] if self.pending else ln.start
        node = _Node(style, marker, marker.value, start, [(start, ln.end)], indent=ln.indent)
        if self.pending:
            node.bracket = self.pending[1]
            if marker.style == "article" or not _is_title_line(marker.rest):
                node.title = self.pending[1]  # "(目的)" above 第1条 (or before "1. 本文…" in flattened text)
            self.pending = None
        node.kind = _KIND_OF_STYLE.get(marker.style, "heading" if marker.style.startswith("md") else "item")
        node.title_only = _is_title_line(marker.rest) or not marker.rest.strip()
        if marker.style == "section" and (marker.form == "close" or (
                parent is not self.root and parent.kind != "heading")):
            # "1) …もの", or a number inside a section: an item of a list (a section
            # again if it turns out to have a body or items of its own, see _build)
            node.kind = "item"
        self.structured = True
        self.open(node, parent)

    def _heading(self, ln: Line, style: str, title: str):
        """An unnumbered heading: a symbol, a bracket, a caption or a short line."""
        self.pop_items()
        if style == "uh":
            top = self.top()
            uh_depth = sum(1 for n in self.stack if n.style.startswith("uh"))
            if top is not self.root and top.kind in _HEADING_KINDS and not top.has_body and top.title_only \
                    and uh_depth < MAX_UNNUMBERED_LEVELS:
                style = f"uh{uh_depth + 1}"
            else:
                found = next((k for k in range(len(self.stack) - 1, 0, -1) if self.stack[k].style.startswith("uh")), None)
                if found is not None:
                    style = self.stack[found].style
                    del self.stack[found:]
                else:
                    style = "uh1"
        else:
            found = next((k for k in range(len(self.stack) - 1, 0, -1) if self.stack[k].style == style), None)
            if found is not None:
                del self.stack[found:]
        parent = self.top()
        start = self.pending[0] if self.pending else ln.start
        self.pending = None
        node = _Node(style, None, 0, start, [(start, ln.end)], title=title, kind="heading", indent=ln.indent,
                     title_only=True)
        self.structured = True
        self.open(node, parent)
        node.has_body = False
        if style.startswith(("bracket:",)) and " " in title and not _is_title(title):
            node.has_body = True

    def _symbol_is_heading(self, i: int, ln: Line) -> bool:
        if not _is_title(ln.rest, limit=25):
            return False
        prev, nxt = self._prev(i), self._next(i)
        for other in (prev, nxt):
            if other is not None and other.kind == "bullet" and other.symbol == ln.symbol:
                return False
        if nxt is None:
            return False
        # "■投稿者" over "広報課職員": a heading with a one-line body (its neighbours are no
        # items of its symbol, checked above)
        return nxt.sentence or nxt.kind in ("bullet", "marker", "row", "short")

    def _on_bullet(self, i: int, ln: Line):
        heading_style = f"sym:{ln.symbol}"
        if ln.virtual and ln.symbol not in _ITEM_SYMBOLS and (tm := _TITLE_THEN_BODY.match(ln.rest)) \
                and _is_title(tm.group(1), limit=15):
            # "■禁止事項 下記事項に該当する…" cut out of a line run together: the heading and its body
            self._heading(ln, heading_style, tm.group(1))
            self.current.has_body = True
            return
        if ln.symbol not in _ITEM_SYMBOLS and (self._symbol_is_heading(i, ln) or any(n.style == heading_style for n in self.stack)):
            self._heading(ln, heading_style, ln.rest)
            return
        style = f"bullet:{ln.symbol}"
        parent = None
        for k in range(len(self.stack) - 1, 0, -1):
            node = self.stack[k]
            if node.style == style and abs(node.indent - ln.indent) <= 1:
                parent = self.stack[k - 1]
                del self.stack[k:]
                break
            if node.kind in _HEADING_KINDS or node.kind == "text":
                break
        if parent is None:
            # The bullet's own family is not open: a new list under the block above.
            parent = self.top()
        start = self.pending[0] if self.pending else ln.start
        self.pending = None
        node = _Node(style, None, 0, start, [(start, ln.end)], kind="item", indent=ln.indent,
                     title_only=_is_title(ln.rest, limit=25) and not ln.rest.endswith(("もの", "こと", "情報")))
        self.structured = True
        self.open(node, parent)

    def _on_bracket(self, i: int, ln: Line):
        self._heading(ln, f"bracket:{ln.symbol}", ln.rest)

    def _short_is_heading(self, i: int, ln: Line, depth: int = 0) -> bool:
        nxt = self._next(i)
        if nxt is None:
            return False
        prev = self._prev(i)
        if prev is not None and not ln.blank_before and prev.kind in ("bullet", "marker") \
                and _LIST_ITEM_END.search(ln.text) and not _LIST_ITEM_END.search(prev.rest) \
                and not prev.rest.endswith(("。", ":", "：")) and ("、" in prev.rest or len(prev.rest) >= 15):
            return False  # 「・…違反するお」「それがある内容」: an item broken mid-word, and its end
        if not self.structured and nxt.kind in ("marker", "caption", "contents") and depth == 0:
            return False  # under the title: a date, a department, a number line
        if nxt.kind == "short":
            # A heading directly above a heading: two in a row at most (three short
            # lines in a row are labels and values: 運用者 / 青葉市企画課 / …).
            return depth == 0 and self._short_is_heading(nxt.idx, nxt, depth + 1)
        cur = self.current
        if cur is not None and cur.kind == "heading" and not cur.has_body and nxt.kind in ("bullet", "bracket") \
                and cur.style in (f"sym:{nxt.symbol}", f"bracket:{nxt.symbol}"):
            return False  # 「■運営者」「青葉市広報課」「■発信時間」: the body of the heading above
        if nxt.kind in ("bullet", "caption") or (nxt.kind == "marker" and self.structured and _opens_list(nxt.marker)):
            return True
        return nxt.sentence

    def _on_short(self, i: int, ln: Line):
        cur = self.current
        prev = self._prev(i)
        if prev is not None and prev.kind == "short" and not self.structured and cur is not None \
                and clean_text(prev.text) == clean_text(ln.text):
            self._paragraph(ln)  # the title repeated
            return
        if self._short_is_heading(i, ln) and not any(n.style == "form" for n in self.stack):
            # (a 様式 form's own title line is part of the form, not a section of it)
            self._heading(ln, "uh", ln.rest)
            return
        self._on_text(i, ln)

    def _on_text(self, i: int, ln: Line):
        if self.pending:
            ps = self.pending[0]
            self.pending = None
            if self.current is not None and not self.after_row:
                self.current.lines.append((ps, ln.end))
                return
            self._paragraph(Line(ps, ln.end, ln.indent, "text", ""))
            return
        cur = self.current
        if cur is None or self.after_row:
            self._paragraph(ln)
            return
        if cur.kind == "preamble" and (ln.blank_before or self._preamble_line(cur) or self._preamble_line_text(ln)):
            # Before the first heading, each paragraph is a clause of its own (the
            # title, the dates, an unnumbered draft's paragraphs); so is each short
            # line under the title (a date, a number, a department).
            self._paragraph(ln, "preamble")
            return
        if cur.kind == "item" and ln.blank_before and not cur.title_only and ln.indent <= cur.indent \
                and not clean_text(ln.text).startswith(_CONNECTIVES):
            # A paragraph after a list: the list is over.
            if cur.parent in self.stack:
                self.pop_to(cur.parent)
            self._paragraph(ln)
            return
        cur.lines.append((ln.start, ln.end))
        cur.has_body = True

    def _preamble_line(self, node: _Node) -> bool:
        s, e = node.lines[0][0], node.lines[-1][1]
        return len(node.lines) == 1 and (_is_title(self.text[s:e], limit=60) or _DATE_LINE.match(self.text[s:e]) is not None)

    def _preamble_line_text(self, ln: Line) -> bool:
        return _DATE_LINE.match(ln.text) is not None or _NUMBER_LINE.match(ln.text) is not None


def parse(text: str, doc_id: str) -> list[Clause]:
    """Parse ``text`` into clauses in document order (a flat list; the tree is in
    ``parent`` / ``children``)."""
    lines = classify_lines(text)
    # A markdown title: the only heading of its level or higher.
    first = next((ln for ln in lines if ln.kind != "blank"), None)
    if first is not None and first.kind == "marker" and first.marker.style.startswith("md"):
        level = int(first.marker.style[2:])
        if sum(1 for ln in lines if ln.kind == "marker" and ln.marker.style.startswith("md")
               and int(ln.marker.style[2:]) <= level) == 1:
            first.kind, first.marker = "short", None
    root = _Builder(text, lines).build()
    _lead_ins_before_the_first_heading(text, root)
    return _build(text, doc_id, root)


_TITLE_THEN_BODY = re.compile(r"^([^\s。、]{2,15})[ \u3000]+(\S.{10,})$", re.S)

# A sentence that announces what follows: 「次の…」「以下の…」「下記…」, or a colon at its end.
_ANNOUNCES = re.compile(r"(?:次の|次に|以下の|以下に|下記の?|左記の?)[^。]*。?$|[:：]$")


def _lead_ins_before_the_first_heading(text: str, root: _Node) -> None:
    """A page without headings (「…次のようなコメントは削除します。」 then ・ items): the items
    belong to the paragraph that announces them, as they would under a heading."""
    kids, out, k = root.children, [], 0
    while k < len(kids):
        node = kids[k]
        out.append(node)
        k += 1
        if node.kind != "preamble" or not node.lines:
            continue
        s, e = node.lines[-1]
        if not _ANNOUNCES.search(clean_text(text[s:e]).strip()):
            continue
        while k < len(kids) and kids[k].kind == "item":
            kids[k].parent = node
            node.children.append(kids[k])
            k += 1
    root.children[:] = out


def _wrapped_first_line(verbatim: str, indent: int) -> bool:
    """Whether the second line of a block continues its first, cut by extraction:
    it starts with a kana or a mark no sentence starts with (るもの, 、), or it is a
    short stub indented well past the marker (hanging indentation: "行 / 為")."""
    if _BLANK_AFTER_FIRST.match(verbatim):
        return False
    nl = verbatim.find("\n")
    if nl < 0:
        return False
    rest = verbatim[nl + 1:].split("\n", 1)[0]
    body = rest.lstrip(" \t\u3000")
    if not body:
        return False
    deeper = sum(INDENT_WIDTH.get(ch, 0) for ch in rest[: len(rest) - len(body)]) - indent
    return "\u3041" <= body[0] <= "\u309f" or body[0] in "、。）)」』ー" or (deeper >= 2 and len(body.strip()) < 10)


def _block_span(text: str, node: _Node) -> tuple[int, int]:
    start = node.lines[0][0]
    end = max(e for _, e in node.lines)
    while end > start and text[end - 1] in " \t\u3000\r\ufeff":
        end -= 1
    return start, end


def _build(text: str, doc_id: str, root: _Node) -> list[Clause]:
    clauses: list[Clause] = []
    used: set[str] = set()
    next_suffix: dict[str, int] = {}

    def walk(node: _Node, id_path: list[str], heading_path: tuple[str, ...], depth: int, owner: _Node):
        """``owner``: the block whose id path the children extend (a paragraph that
        introduces a list is transparent in ids: its items are numbered as the
        parent's, and count with the parent's counters)."""
        for child in node.children:
            start, end = _block_span(text, child)
            verbatim = text[start:end]
            m = child.marker
            if child.kind == "preamble":
                owner.counters["pre"] = owner.counters.get("pre", 0) + 1
                num = f"pre{owner.counters['pre']}"
            elif child.kind in ("row", "text", "contents"):
                key = {"row": "r", "text": "p", "contents": "toc"}[child.kind]
                owner.counters[key] = owner.counters.get(key, 0) + 1
                num = f"{key}{owner.counters[key]}"
            elif child.style.startswith("bullet"):
                owner.counters["b"] = owner.counters.get("b", 0) + 1
                num = f"b{owner.counters['b']}"
            elif m is not None and m.num:
                num = m.num
            else:
                owner.counters["h"] = owner.counters.get("h", 0) + 1
                num = f"h{owner.counters['h']}"
            # A paragraph that introduces a list is transparent in ids: its items
            # are numbered as the parent's (a clash gets a suffix).
            path = id_path + [num]
            cid = f"{doc_id}:{'.'.join(path)}"
            if cid in used:
                # the next free suffix for this id, remembered: a text whose numbering repeats
                # thousands of times stays linear
                k = next_suffix.get(cid, 2)
                while f"{cid}-{k}" in used:
                    k += 1
                next_suffix[cid] = k + 1
                cid = f"{cid}-{k}"
            used.add(cid)

            # Body: the text after the marker (and after a "(目的)" heading line).
            if child.kind == "item" and m is not None and m.style == "section" and (
                    child.children or len(child.lines) > 1) and m.form != "close":
                child.kind = "section"
            elif child.kind == "section" and m is not None and m.style == "section" and not child.children \
                    and len(child.lines) == 1 and _LIST_ITEM_END.search(clean_text(verbatim).rstrip("。. ")):
                # "１．特定の個人を誹謗中傷するもの" under a heading and its lead-in: an item, not a section
                child.kind = "item"
            body_src = verbatim
            if child.bracket:  # drop the "(目的)" caption (its own line, or the same line when flattened)
                cm = _CAPTION_PREFIX.match(verbatim)
                body_src = verbatim[cm.end():] if cm else verbatim
            probe = _PREFIX.sub("", body_src, count=1)
            first, _, after = probe.partition("\n")
            first = first.replace("**", "")
            title = child.title
            if m is not None:
                bm = detect_marker(first)
                first = bm.rest if bm is not None else first
            elif child.style.startswith(("bullet", "sym:")):
                bu = _BULLET_RE.match(first.strip(_WS))
                first = first.strip(_WS)[bu.end():] if bu else first
            elif child.style.startswith("bracket:"):
                bl = _BRACKET_LINE.match(first.strip(_WS))
                first = bl.group(4) if bl else first
            elif child.style in ("caption",) or child.style.startswith("uh"):
                first = ""
            body = first + ("\n" + after if after else "")
            if not title and m is not None:
                if m.style.startswith("md"):
                    title = clean_text(first).strip()
                    body = after
                elif m.style in ("form", "suppl"):
                    title = ""
                elif child.kind == "section" and (gm := _GAP_TITLE.match(clean_text(first).strip())):
                    title, body = gm.group(1), gm.group(2) + ("\n" + after if after else "")  # "目的  本文"
                elif _is_title_line(first) and (child.kind in ("section", "heading") or child.children or (
                        clean_text(after) and (child.kind != "item" or not _wrapped_first_line(verbatim, child.indent)))):
                    # (an item's short first line is no title when the next line continues
                    # it, wrapped by extraction: "イ 特定の個人を誹謗中傷す / るもの")
                    title = clean_text(first).strip()
                    body = after
                elif child.children and not clean_text(after) and len(clean_text(first)) <= 60 and "。" not in first:
                    title = clean_text(first).strip()  # a long heading line above its items
                    body = after
                elif m.style in ("section", "dai", "chapter") and child.lines and len(child.lines) == 1:
                    # "1 目的 本方針は…" on one line (flattened text): a short first word is the title.
                    # a title set off by a wide gap (plain text flattened: "目的  本文"), else a short first word
                    tm = re.match(r"^(\S{1,20})[ \t\u3000]{2,}(\S.*)$", clean_text(first).strip(), re.S) or \
                        re.match(r"^(\S{1,12})[ \t\u3000]{1,3}(\S.{15,})$", clean_text(first).strip(), re.S)
                    if tm and "。" not in tm.group(1):
                        title, body = tm.group(1), tm.group(2)
                elif m.style in ("paren", "circled") and child.lines and len(child.lines) == 1:
                    # "(1)投稿者 筑後田園都市…" (a sub-heading and its body run into one line by
                    # flattening): a short first word, no punctuation in it, then a sentence.
                    tm = re.match(r"^([^\s、。,，:：()（）「」]{2,10})[ \t\u3000]{1,3}(\S.{15,})$", clean_text(first).strip(), re.S)
                    # (「…に反する内容 …」 is an item's phrase; 「投稿内容」 a compound noun, a title)
                    if tm and not tm.group(1).endswith(_PARTICLE_END) and not (
                            _LIST_ITEM_END.search(tm.group(1)) and re.search(r"[ぁ-ゖ]", tm.group(1))):
                        title, body = tm.group(1), tm.group(2)
            if child.kind == "row":
                title = clean_text(verbatim.split("\t")[0] if not verbatim.startswith("\t") else verbatim.strip().split("\n")[0]).strip()
                body = verbatim
            # The title and the body are two sentences: "。" keeps a cue from reading across
            # them (情報発信 + 情報発信は… would otherwise read 発信情報).
            norm_source = (title + "。" + body) if title and child.kind not in ("row",) else body
            if child.kind == "contents":
                norm_source = ""
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
            transparent = child.kind == "text"
            walk(child, id_path if child.kind in ("preamble",) or transparent else path, hp, depth + 1,
                 owner if transparent else child)

    walk(root, [], (), 0, root)
    clauses.sort(key=lambda c: c.start)
    for i, c in enumerate(clauses):
        c.order = i
    return clauses
