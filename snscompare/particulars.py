"""Another body's particulars in a clause: found, and replaced by visible placeholders.

A model clause taken from another municipality carries that municipality's own
facts: its name, its dates (和暦 and 西暦), the URL of its web site, e-mail
addresses and telephone numbers, its departments (総務部広報広聴課), its account
names and handles, the names and numbers of its 例規 (小樽市事務専決規程,
昭和47年小樽市規程第2号) and its court (長野地方裁判所佐久支部).  None of them may
survive silently in a draft for another municipality: :func:`replace_particulars`
turns each into a placeholder such as 【要確認: 施行日】 and returns what it
replaced, so the page and the download can list every place to fill in.

The patterns are the forms these facts take in Japanese regulations, not words of
any one document; municipality names come from the corpus (the documents being
reused).  Pure functions; this module never imports streamlit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "KINDS",
    "PLACEHOLDER",
    "Particular",
    "find_particulars",
    "placeholder",
    "placeholders_in",
    "replace_particulars",
]

# kind -> the label written inside the placeholder (Japanese: it is text of the draft)
KINDS = {
    "effective_date": "施行日",
    "enacted_date": "制定日",
    "revised_date": "改定日",
    "date": "日付",
    "url": "URL",
    "email": "メールアドレス",
    "phone": "電話番号",
    "department": "担当部署",
    "department_head": "担当部署の長",
    "account": "アカウント名",
    "reiki_name": "例規名",
    "reiki_number": "例規番号",
    "court": "管轄裁判所",
    "city": "市名",
}

PLACEHOLDER = re.compile(r"【要確認: ?([^】\n]{1,20})】")

_K = "一-龥々〆ヵヶ"  # kanji
_KATA = "ァ-ヴー"
_D = "0-9０-９"
_ERA = r"(?:令和|平成|昭和)"
_SP = r"[ \t\u3000]*"

_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000、。，「」『』（）()<>\"'】]+", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_PHONE = re.compile(rf"(?<![{_D}])0[{_D}]{{1,4}}[-－‐(（][{_D}]{{1,4}}[-－‐)）][{_D}]{{3,4}}(?![{_D}])")
_HANDLE = re.compile(r"(?<![A-Za-z0-9_.])@[A-Za-z0-9_.]{2,}[A-Za-z0-9_]")
# an account id written without @: lower-case letters and digits joined by an underscore (komoro_city)
_ACCOUNT_ID = re.compile(r"(?<![A-Za-z0-9_/.@-])[a-z][a-z0-9]*_[a-z0-9_]*[a-z0-9](?![A-Za-z0-9_/.@-])")
_REIKI_NUMBER = re.compile(
    rf"(?:{_ERA}{_SP}(?:元|[{_D}]{{1,2}}){_SP}年{_SP})?[{_K}{_KATA}]*?(?:条例|規則|規程|訓令|告示|要綱|要領)"
    rf"{_SP}第{_SP}[{_D}]+{_SP}号")
_COURT = re.compile(rf"[{_K}]{{1,6}}(?:地方|簡易|家庭|高等)裁判所(?:[{_K}]{{1,6}}支部)?")
_WAREKI = re.compile(
    rf"{_ERA}{_SP}(?:元|[{_D}]{{1,2}}){_SP}年(?:{_SP}[{_D}]{{1,2}}{_SP}月(?:{_SP}[{_D}]{{1,2}}{_SP}日)?)?")
_SEIREKI = re.compile(
    rf"(?<![{_D}])(?:[{_D}]{{4}}{_SP}年{_SP}[{_D}]{{1,2}}{_SP}月(?:{_SP}[{_D}]{{1,2}}{_SP}日)?"
    rf"|[{_D}]{{4}}[/／.\-][{_D}]{{1,2}}[/／.\-][{_D}]{{1,2}})(?![{_D}])")
_DATE_EVENT = re.compile(rf"^{_SP}(?:から)?{_SP}(?:(施行|適用)|(制定|策定)|(改定|改正))")
# Departments: 〇〇部 / 〇〇局 followed by any 〇〇課・〇〇室 (市民環境部市民の声をきく課), or
# 〇〇課・〇〇室 alone; 長 after them is the head of the department.
_DEPT_WITH_BU = re.compile(
    rf"[{_K}{_KATA}]{{2,16}}(?:部|局)(?![署分品門])(?:[{_K}{_KATA}ぁ-ゖ]{{1,12}}?(?:課|室)(?!等))*(?:長(?!期))?")
_DEPT = re.compile(rf"(?:[{_K}{_KATA}]{{1,16}}(?:課|室)(?!等))+(?:長(?!期))?")
# Words before 課・室・部 that name a role or a part, not a department of one body.
_ROLES = ("担当", "所管", "当該", "主管", "所属", "関係", "各", "同", "本", "当")
_PARTS = "上下内外全一細幹頭首"  # 一部, 全部, ページ下部
_NOT_A_DEPARTMENT = {"中心", "事務", "教室", "和室", "個室", "浴室", "寝室", "居室", "茶室", "会議室"}


@dataclass(frozen=True)
class Particular:
    """A particular of another body found in a text: its kind (a key of
    :data:`KINDS`), the text as written and where."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return KINDS[self.kind]


def placeholder(kind: str) -> str:
    """The visible placeholder for a kind: 【要確認: 施行日】."""
    return f"【要確認: {KINDS.get(kind, kind)}】"


def placeholders_in(text: str) -> list[str]:
    """The labels of the placeholders left in ``text``, in order."""
    return [m.group(1).strip() for m in PLACEHOLDER.finditer(text or "")]


def _city_stem(city: str) -> str:
    return city[:-1] if len(city) >= 3 and city[-1] in "市町村区" else ""


def _date_kind(text: str, end: int) -> str:
    m = _DATE_EVENT.match(text[end:end + 12])
    if not m:
        return "date"
    return "effective_date" if m.group(1) else "enacted_date" if m.group(2) else "revised_date"


def _is_department(match: str) -> bool:
    """Whether a 〇〇部・〇〇課・〇〇室 match names a department (総務部, 広報室) rather
    than a role or a part (担当課, 各課, 一部, ページ下部)."""
    head = re.split(r"部|局|課|室", match, maxsplit=1)[0]
    if not head or head in _NOT_A_DEPARTMENT or head[-1] in _PARTS:
        return False
    return not head.endswith(_ROLES)


def find_particulars(text: str, cities=()) -> list[Particular]:
    """Every particular of another body in ``text``, in order, not overlapping.

    ``cities``: municipality names whose mentions count (小諸市, and its stem 小諸
    in 市立小諸図書館); 当市・本市・市 are the draft's own words and stay."""
    text = text or ""
    taken: list[tuple[int, int]] = []
    found: list[Particular] = []

    def add(kind: str, start: int, end: int) -> None:
        if start >= end or any(start < e and s < end for s, e in taken):
            return
        if PLACEHOLDER.search(text[max(0, start - 8):end + 1]) and "【" in text[start:end]:
            return
        taken.append((start, end))
        found.append(Particular(kind, text[start:end], start, end))

    for m in PLACEHOLDER.finditer(text):  # placeholders already there are not particulars
        taken.append(m.span())
    for rx, kind in ((_URL, "url"), (_EMAIL, "email")):
        for m in rx.finditer(text):
            add(kind, m.start(), m.end())
    names = sorted({c for c in cities if c}, key=len, reverse=True)
    if names:
        # the name of another body's 例規: 小樽市事務専決規程, 北見市個人情報の保護に関する条例
        rx = re.compile("(?:" + "|".join(map(re.escape, names)) +
                        r")[^\s\u3000、。，,「」『』（）()【】]{0,30}?(?:条例|規則|規程|要綱|要領)")
        for m in rx.finditer(text):
            if not re.match(rf"{_SP}第", text[m.end():m.end() + 4]):
                add("reiki_name", m.start(), m.end())
    for m in _REIKI_NUMBER.finditer(text):
        add("reiki_number", m.start(), m.end())
    for m in _COURT.finditer(text):
        add("court", m.start(), m.end())
    for rx in (_WAREKI, _SEIREKI):
        for m in rx.finditer(text):
            add(_date_kind(text, m.end()), m.start(), m.end())
    for m in _PHONE.finditer(text):
        add("phone", m.start(), m.end())
    for rx in (_HANDLE, _ACCOUNT_ID):
        for m in rx.finditer(text):
            add("account", m.start(), m.end())
    for rx in (_DEPT_WITH_BU, _DEPT):
        for m in rx.finditer(text):
            if _is_department(m.group(0)):
                add("department_head" if m.group(0).endswith("長") else "department", m.start(), m.end())
    if names:
        stems = sorted({s for c in names if (s := _city_stem(c))}, key=len, reverse=True)
        rx = re.compile("|".join(map(re.escape, names + [s for s in stems if s not in names])))
        for m in rx.finditer(text):
            add("city", m.start(), m.end())
    found.sort(key=lambda p: p.start)
    return found


def replace_particulars(text: str, cities=(), *, own_city: str = "") -> tuple[str, list[Particular]]:
    """``text`` with every particular of another body replaced by its placeholder,
    and the particulars replaced (their ``start``/``end`` refer to ``text``).

    With ``own_city`` (伊那市), a municipality name becomes that name (and its
    stem, 伊那) instead of 【要確認: 市名】; it is not listed then."""
    own_city = (own_city or "").strip()
    own_stem = _city_stem(own_city) or own_city
    found = find_particulars(text, [c for c in cities if c and c != own_city])
    out, pos, listed = [], 0, []
    for p in found:
        out.append(text[pos:p.start])
        if p.kind == "city" and own_city:
            out.append(own_city if p.text in cities else own_stem)
        else:
            out.append(placeholder(p.kind))
            listed.append(p)
        pos = p.end
    out.append(text[pos:])
    return "".join(out), listed
