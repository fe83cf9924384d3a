"""One writing style per draft: である体 or です・ます体.

A draft built from several cities' clauses mixes 「…を定める。」 with 「…を定めます。」.
A 要綱・規程・要領 is written in である体 (``plain``), a ポリシー for the public in
です・ます体 (``polite``).  :func:`convert` reads each sentence's ending with
SudachiPy (the morphological analyser the project already uses: part of speech,
conjugation type and form of every word) and rewrites the endings whose
conversion is mechanical:

* polite → plain: 定めます → 定める, します → する, とします → とする, 行いません →
  行わない, ありません → ない, できません → できない, 可能です → 可能である,
  定めております → 定めている, 対応いたします → 対応する, 行いました → 行った;
* plain → polite: 定める → 定めます, とする → とします, 行わない → 行いません,
  ならない → なりません, である → です, この限りでない → この限りではありません.

A sentence in the other style whose ending is not mechanical (「ご了承ください。」,
「…でしょう。」) is left as written and marked 【要確認: 文体】 after it, so it is
fixed by a person and never goes unseen.  Endings that belong to neither style
(「…すること。」, 「…もの」, a noun) are left alone.

This module never imports streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["REGISTERS", "STYLE_MARK", "StyleNote", "convert", "register_of", "registers_in"]

REGISTERS = ("plain", "polite")  # である体, です・ます体
STYLE_MARK = "【要確認: 文体】"

_OPEN = "「『（(［[〈《【"
_CLOSE = "」』）)］]〉》】"
_TRAILING = "。．.！？!? \t\u3000" + _CLOSE

# 五段 verbs: the kana of each conjugation row (u: 終止形, a: 未然形, i: 連用形).
_ROWS = {"う": "わい", "く": "かき", "ぐ": "がぎ", "す": "さし", "つ": "たち", "ぬ": "なに", "ぶ": "ばび",
         "む": "まみ", "る": "らり"}
_I_TO_U = {v[1]: k for k, v in _ROWS.items()}
# Humble verbs of a polite text and their plain counterparts (定めております → 定めている).
_PLAIN_OF = {"おる": ("いる", "上一段-ア行"), "いたす": ("する", "サ行変格"), "致す": ("する", "サ行変格")}


@dataclass(frozen=True)
class StyleNote:
    """A sentence whose ending was converted (``converted``) or is marked for a person."""

    before: str
    after: str
    converted: bool


@dataclass
class _Word:
    surface: str
    base: str  # dictionary form
    pos: str
    ctype: str  # conjugation type: 五段-ワア行, 下一段-マ行, サ行変格, 助動詞-マス …
    cform: str  # conjugation form: 連用形-一般, 終止形-一般 …


def _tokens(text: str) -> list[_Word]:
    from sudachipy import SplitMode

    from .normalize import _tokenizer

    out = []
    for m in _tokenizer().tokenize(text, SplitMode.C):
        pos = m.part_of_speech()
        out.append(_Word(m.surface(), m.dictionary_form(), pos[0], pos[4], pos[5]))
    return out


def _dict_form(w: _Word) -> str:
    """The word's 終止形 in its own spelling (取扱い keeps its okurigana)."""
    if w.ctype.startswith("五段") and w.surface and w.surface[-1] in _I_TO_U and w.cform.startswith("連用形-一般"):
        return w.surface[:-1] + _I_TO_U[w.surface[-1]]
    if w.base[:-1] and w.surface.startswith(w.base[:-1]):
        return w.base
    return w.base


def _conj(base: str, ctype: str, form: str) -> str | None:
    """``base`` (終止形) in ``form`` (``renyo`` before ます, ``mizen`` before ない,
    ``ta`` the past), or None for a verb this table does not know."""
    if ctype.startswith("五段"):
        last = base[-1:]
        if last not in _ROWS:
            return None
        stem = base[:-1]
        if form == "renyo":
            return stem + _ROWS[last][1]
        if form == "mizen":
            return stem + _ROWS[last][0]
        if base in ("行く", "いく"):
            return stem + "った"
        return stem + {"う": "った", "つ": "った", "る": "った", "む": "んだ", "ぶ": "んだ", "ぬ": "んだ",
                       "く": "いた", "ぐ": "いだ", "す": "した"}[last]
    if "一段" in ctype or ctype.startswith("助動詞-レル") or ctype.startswith("助動詞-ラレル") \
            or ctype.startswith("助動詞-セル") or ctype.startswith("助動詞-サセル"):
        if not base.endswith("る"):
            return None
        return base[:-1] + ("た" if form == "ta" else "")
    if ctype.startswith("サ行変格"):
        if base.endswith("する"):
            stem = base[:-2] + "し"
        elif base.endswith("ずる"):
            stem = base[:-2] + "じ"
        else:
            return None
        return stem + ("た" if form == "ta" else "")
    if ctype.startswith("カ行変格"):
        stem = base[:-1] if base.endswith("る") else None
        if stem is None:
            return None
        if stem.endswith("く"):  # くる written in kana
            stem = stem[:-1] + ("こ" if form == "mizen" else "き")
        return stem + ("た" if form == "ta" else "")
    return None


def _is(w: _Word, pos: str, base: str | tuple = ()) -> bool:
    if not w.pos.startswith(pos):
        return False
    if not base:
        return True
    return w.base in ((base,) if isinstance(base, str) else base)


def _verb(w: _Word | None) -> bool:
    """A word that conjugates like a verb (負い, and かね in 負いかねます)."""
    return w is not None and (w.pos == "動詞" or (w.pos == "接尾辞" and w.ctype not in ("*", "")))


def _ending(words: list[_Word]) -> tuple[str | None, int, str | None]:
    """(register of the ending, number of final words to replace, replacement in
    the other register or None when not mechanical)."""
    n = len(words)
    if not n:
        return None, 0, None
    w = words[-1]
    prev = words[-2] if n >= 2 else None
    prev2 = words[-3] if n >= 3 else None

    # --- polite endings ------------------------------------------------------
    if _is(w, "助動詞", "ぬ") and prev is not None and _is(prev, "助動詞", "ます") and prev2 is not None:
        # 〜ません → 〜ない
        if _verb(prev2):
            base = _dict_form(prev2)
            base, ctype = _PLAIN_OF.get(base, (base, prev2.ctype))
            if base == "ある":
                return "polite", 3, "ない"
            neg = _conj(base, ctype, "mizen")
            return "polite", 3, (neg + "ない") if neg else None
        return "polite", 2, None
    if _is(w, "助動詞", "ます") and w.cform.startswith(("終止形", "連体形")) and _verb(prev):
        base = _dict_form(prev)
        base, _ = _PLAIN_OF.get(base, (base, prev.ctype))
        return "polite", 2, base
    if _is(w, "助動詞", "た") and prev is not None and _is(prev, "助動詞", "ます") and _verb(prev2):
        base = _dict_form(prev2)
        base, ctype = _PLAIN_OF.get(base, (base, prev2.ctype))
        past = _conj(base, ctype, "ta")
        return "polite", 3, past
    if _is(w, "助動詞", "です"):
        if w.cform.startswith("終止形") and prev is not None and (prev.pos in ("名詞", "形状詞", "代名詞")
                                                                    or prev.pos.startswith("助詞")):
            return "polite", 1, "である"
        if w.cform.startswith("終止形") and prev is not None and prev.pos == "形容詞":
            return "polite", 1, ""
        return "polite", 1, None
    if any(_is(x, "助動詞", ("ます", "です")) for x in words[-3:]):
        return "polite", 0, None  # でしょう, ましょう, …
    if _is(w, "動詞", ("くださる", "下さる")) or _is(w, "動詞", "ござる"):
        return "polite", 0, None

    # --- plain endings -------------------------------------------------------
    if _is(w, "助動詞", "ない") and w.cform.startswith("終止形") and prev is not None and prev.pos == "動詞":
        # 〜ない → 〜ません
        renyo = _conj(_dict_form(prev), prev.ctype, "renyo") if prev.cform.startswith("未然形") else None
        return "plain", 2, (renyo + "ません") if renyo else None
    if _is(w, "動詞") and w.cform.startswith("終止形"):
        if _is(w, "動詞", "ある") and prev is not None and _is(prev, "助動詞", "だ"):
            return "plain", 2, "です"  # である → です
        renyo = _conj(_dict_form(w), w.ctype, "renyo")
        return "plain", 1, (renyo + "ます") if renyo else None
    if _is(w, "形容詞", "ない") and w.cform.startswith("終止形"):
        if prev is not None and _is(prev, "助詞", "は") and prev2 is not None and _is(prev2, "助動詞", "だ"):
            return "plain", 1, "ありません"  # ではない → ではありません
        if prev is not None and _is(prev, "助動詞", "だ") and prev.surface == "で":
            return "plain", 1, "はありません"  # でない → ではありません
        return "plain", 1, "ありません"
    if _is(w, "形容詞") and w.cform.startswith("終止形"):
        return "plain", 1, w.surface + "です"
    if _is(w, "助動詞", "だ") and w.cform.startswith("終止形") and w.surface == "だ":
        return "plain", 1, "です"
    if _is(w, "助動詞", "た") and w.cform.startswith("終止形") and prev is not None and prev.pos == "動詞":
        renyo = _conj(prev.base, prev.ctype, "renyo")
        return "plain", 2, (renyo + "ました") if renyo else None
    if w.pos == "助動詞" and w.base in ("れる", "られる", "せる", "させる") and w.cform.startswith("終止形"):
        return "plain", 1, w.surface[:-1] + "ます"
    if w.pos == "助動詞" and w.cform.startswith("終止形") and w.base in ("ぬ", "まい", "う", "よう"):
        return "plain", 0, None
    return None, 0, None


# Conjunctive particles after which a polite verb inside a sentence is converted
# too (帰属しますが → 帰属するが, ありませんので → ないので).
_JOINS = ("が", "ので", "から", "けれど", "けれども")


def _inner(text: str, words: list[_Word]) -> str:
    """Polite verbs inside a sentence, before が・ので・から, in the plain style."""
    ends = []
    pos = 0
    for w in words:
        pos += len(w.surface)
        ends.append(pos)
    if pos != len(text):  # the words do not spell the text: leave it
        return text
    out = text
    for j in range(len(words) - 2, -1, -1):
        nxt = words[j + 1]
        after = words[j + 2] if j + 2 < len(words) else None
        node = _is(nxt, "助詞", "の") and after is not None and _is(after, "助動詞", "だ") and after.surface == "で"
        if not (_is(nxt, "助詞", _JOINS) or node):
            continue
        found, n, replacement = _ending(words[: j + 1])
        if found == "polite" and replacement and n:
            start = ends[j - n] if j - n >= 0 else 0
            out = out[:start] + replacement + out[ends[j]:]
    return out


def _sentences(line: str):
    """(start, end) of each sentence of a line: up to a 。 outside brackets, or the line's end."""
    depth, start = 0, 0
    for i, ch in enumerate(line):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in "。．" and depth == 0:
            yield start, i + 1
            start = i + 1
    if line[start:].strip():
        yield start, len(line)


def _core(sentence: str) -> str:
    """The sentence without its final punctuation and a final parenthesis
    (「…すること(市が…を除く。)」 ends with すること)."""
    s = sentence.rstrip(_TRAILING.replace(")", "").replace("）", "").replace("」", "").replace("』", ""))
    while s and s[-1] in ")）":
        depth, i = 0, len(s) - 1
        while i >= 0:
            if s[i] in ")）":
                depth += 1
            elif s[i] in "(（":
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        if i <= 0:
            break
        s = s[:i].rstrip(_TRAILING.replace(")", "").replace("）", ""))
    return s


def register_of(sentence: str) -> str | None:
    """``plain``, ``polite`` or None (an ending of neither: 「…すること。」, a noun)."""
    core = _core(sentence)
    if not core or core[-1] in "」』":
        return None
    return _ending(_tokens(core))[0]


def registers_in(text: str) -> dict[str, int]:
    """How many sentences of ``text`` end in each register (marked sentences left out)."""
    counts = {"plain": 0, "polite": 0}
    for line in (text or "").split("\n"):
        for s, e in _sentences(line):
            sentence = line[s:e]
            if STYLE_MARK in sentence or line[e:e + len(STYLE_MARK)] == STYLE_MARK:
                continue
            r = register_of(sentence)
            if r:
                counts[r] += 1
    return counts


def convert(text: str, register: str) -> tuple[str, list[StyleNote]]:
    """``text`` with every sentence ending in ``register`` (plain: である体, polite:
    です・ます体) where the conversion is mechanical; other sentences in the other
    register are marked :data:`STYLE_MARK`.  Returns the text and a note per
    sentence converted or marked."""
    if register not in REGISTERS:
        raise ValueError(f"register must be one of {REGISTERS}")
    out, notes = _convert(text or "", register)
    return out, list(notes)


@lru_cache(maxsize=4096)
def _convert(text: str, register: str) -> tuple[str, tuple[StyleNote, ...]]:
    """:func:`convert`, kept: the builder converts every clause of a draft on each
    rerun of its page, and most clauses have not changed since the last one."""
    notes: list[StyleNote] = []
    out_lines = []
    for line in (text or "").split("\n"):
        pieces, pos = [], 0
        for s, e in _sentences(line):
            sentence = line[s:e]
            pieces.append(line[pos:s])
            pos = e
            if STYLE_MARK in sentence or line[e:e + len(STYLE_MARK)] == STYLE_MARK:
                pieces.append(sentence)
                continue
            core = _core(sentence)
            if not core or core[-1] in "」』":
                pieces.append(sentence)
                continue
            words = _tokens(core)
            inner = _inner(core, words) if register == "plain" else core
            found, n, replacement = _ending(words)
            if found is None or found == register:
                new = inner + sentence[len(core):]
                if new != sentence:
                    notes.append(StyleNote(sentence, new, True))
                pieces.append(new)
                continue
            if replacement is None or n == 0:
                new = inner + sentence[len(core):] + STYLE_MARK
                pieces.append(new)
                notes.append(StyleNote(sentence, new, False))
                continue
            cut = len("".join(w.surface for w in words[-n:]))
            head = _inner(core[: len(core) - cut], words[:-n]) if register == "plain" else core[: len(core) - cut]
            new = head + replacement + sentence[len(core):]
            pieces.append(new)
            notes.append(StyleNote(sentence, new, True))
        pieces.append(line[pos:])
        out_lines.append("".join(pieces))
    return "\n".join(out_lines), tuple(notes)
