"""Documents: a policy text, its metadata and its clauses.

``load_corpus()`` reads every ``data/policies/*.txt`` (plus ``*.md``) in the order
of ``data/cities.yaml`` (documents without an entry follow, by name).  Metadata
missing from cities.yaml is read from the text itself: the title from the first
paragraph, the municipality from the title, the kind from the title's wording and
the dates from 和暦 expressions such as 「令和4年4月1日から適用」.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import ConfigError, InputError
from .normalize import clean_text
from .parser import Clause, parse
from .paths import DATA_DIR  # noqa: F401  (re-exported: modules import it from here)
from .yamlio import check_keys, line_of, load_yaml

POLICY_SUFFIXES = (".txt", ".md")
KINDS = ("利用者向けポリシー", "職員向けガイドライン", "要綱", "その他")
# The 47 prefectures in their official (JIS X 0401) order: how tables by prefecture are sorted.
PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class PolicyDate:
    event: str  # 策定 / 制定 / 改定 / 適用 / 施行
    date: date | None
    wareki: str  # as written in the text

    def to_dict(self) -> dict:
        return {"event": self.event, "date": self.date.isoformat() if self.date else "", "wareki": self.wareki}


@dataclass
class Document:
    id: str
    text: str
    clauses: list[Clause]
    city: str = ""
    city_en: str = ""  # the municipality's name in English (cities.yaml); empty: the Japanese name is shown
    prefecture: str = ""
    title: str = ""
    kind: str = "その他"
    audience: str = ""
    dates: list[PolicyDate] = field(default_factory=list)
    source: str = ""
    added: bool = False  # not from data/ (an upload or --add)
    # Clause by id, built on first use: a check report looks up every assignment's clause,
    # and a scan of the list each time made a 10 MB policy (32,603 clauses) take minutes.
    _by_id: dict | None = field(default=None, init=False, repr=False, compare=False)
    _indexed: list | None = field(default=None, init=False, repr=False, compare=False)

    def clause(self, clause_id: str) -> Clause:
        """The clause with this id (KeyError if there is none), through a dict that is
        rebuilt when the clause list or a clause's id has changed since (documents
        added beside a corpus get their ids renamed: komoro → komoro-2)."""
        index = self._by_id
        c = index.get(clause_id) if index is not None and self._indexed is self.clauses else None
        if c is None or c.id != clause_id:
            self._by_id = index = {c.id: c for c in self.clauses}
            self._indexed = self.clauses
            c = index.get(clause_id)
            if c is None:
                raise KeyError(clause_id)
        return c

    @property
    def name(self) -> str:
        return self.city or self.id

    def name_in(self, lang: str) -> str:
        """The name a reader of ``lang`` reads: the English name when there is one
        (小諸市 → Komoro), otherwise the Japanese name (an added document without metadata)."""
        return {"en": self.city_en}.get(lang) or self.name


# --- dates ---------------------------------------------------------------------

_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_DATE = re.compile(
    r"(令和|平成|昭和)\s*(\d+|元)\s*年\s*(\d+)\s*月\s*(\d+)\s*日\s*(?:から)?\s*(策定|制定|改定|改正|施行|適用)"
)


def extract_dates(text: str) -> list[PolicyDate]:
    """和暦 dates of enactment / revision / application, in order of appearance, each
    with its wording as written (``wareki``).

    The pattern is matched on the NFKC copy (full-width digits, ㋿ → 令和, ㍻ → 平成),
    normalized line by line: a newline never combines with its neighbours, so the
    copy is the same as normalizing the whole text, and each match is mapped back to
    the original characters within its own lines.  One pass over the text: a policy
    with thousands of dated revisions costs what its length costs.
    """
    lines = text.split("\n")
    norm_lines = [unicodedata.normalize("NFKC", ln) for ln in lines]
    nf = "\n".join(norm_lines)
    if not _DATE.search(nf):
        return []
    starts_nf, starts_text = [], []  # where each line begins, in the copy and in the text
    a = b = 0
    for ln, nl in zip(lines, norm_lines):
        starts_text.append(a)
        starts_nf.append(b)
        a += len(ln) + 1
        b += len(nl) + 1
    maps: dict[int, list[tuple[int, int]] | str | None] = {}

    def to_text(pos: int, *, end: bool) -> int | None:
        """The offset in ``text`` of an offset in the normalized copy (None: unknown)."""
        k = bisect_right(starts_nf, pos) - 1
        local = pos - starts_nf[k]
        if k not in maps:
            maps[k] = _segment_map(lines[k], norm_lines[k])
        seg = maps[k]
        if seg is None:
            return None
        if seg == _SAME:
            return starts_text[k] + local
        # A boundary inside an expanded character (㋿ → 令和) goes to its edge, outwards.
        i = bisect_right(seg, (local, len(lines[k]))) - 1
        nf_at, text_at = seg[i]
        if nf_at != local and end:
            text_at = seg[i + 1][1] if i + 1 < len(seg) else len(lines[k])
        return starts_text[k] + text_at

    out = []
    for m in _DATE.finditer(nf):
        era, y, mo, d, event = m.groups()
        year = _ERAS[era] + (1 if y == "元" else int(y))
        try:
            iso = date(year, int(mo), int(d))
        except ValueError:
            iso = None
        a, b = to_text(m.start(), end=False), to_text(m.end(), end=True)
        wareki = text[a:b] if a is not None and b is not None else m.group(0)
        out.append(PolicyDate(event, iso, wareki))
    return out


_SAME = "same"


def _segment_map(line: str, normalized: str) -> list[tuple[int, int]] | str | None:
    """(offset in ``normalized``, offset in ``line``) where each character of ``line``
    (with the combining marks after it) begins once normalized; ``_SAME`` when the
    line was already normalized; None in the rare case that normalizing character by
    character does not give ``normalized`` (a composition across characters), where
    the caller keeps the normalized wording."""
    if line == normalized:
        return _SAME
    seg: list[tuple[int, int]] = []
    pieces: list[str] = []
    memo: dict[str, str] = {}
    at = start = 0
    for i in range(1, len(line) + 1):
        if i < len(line) and unicodedata.combining(line[i]):
            continue
        chunk = line[start:i]
        piece = memo.get(chunk)
        if piece is None:
            piece = memo[chunk] = unicodedata.normalize("NFKC", chunk)
        seg.append((at, start))
        pieces.append(piece)
        at += len(piece)
        start = i
    return seg if "".join(pieces) == normalized else None


def guess_kind(title: str) -> str:
    if "要綱" in title or "要領" in title or "規程" in title:
        return "要綱"
    if "ガイドライン" in title or "指針" in title:
        return "職員向けガイドライン"
    if "ポリシー" in title or "方針" in title or "規約" in title:
        return "利用者向けポリシー"
    return "その他"


_CITY = re.compile(r"([一-龥ぁ-んァ-ヶ]{1,10}?(?:市|町|村|区|県|都|道|府))")


def guess_city(title: str) -> str:
    m = _CITY.search(title)
    return m.group(1) if m else ""


# --- metadata ------------------------------------------------------------------

_META_KEYS = {"city", "city_en", "prefecture", "title", "kind", "audience", "dates", "source"}


def load_metadata(path: Path | None = None) -> dict[str, dict]:
    path = path or DATA_DIR / "cities.yaml"
    if not path.exists():
        return {}
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise ConfigError(path, 1, "文書 id をキーとする対応表にしてください / must map document ids to metadata")
    out = {}
    for doc_id, meta in data.items():
        if doc_id == "__line__":
            continue
        if not isinstance(meta, dict):
            raise ConfigError(path, line_of(data), f"'{doc_id}': 対応表にしてください / must be a mapping", allowed=_META_KEYS)
        if not _ID.match(str(doc_id)):
            raise ConfigError(path, line_of(meta), f"文書 id '{doc_id}' は英小文字・数字・_-で / bad document id")
        check_keys(path, meta, _META_KEYS, {"city", "title"}, f"document '{doc_id}'")
        if meta.get("kind") and meta["kind"] not in KINDS:
            raise ConfigError(path, line_of(meta), f"'{doc_id}': kind '{meta['kind']}' は使えません", allowed=KINDS)
        dates = []
        for d in meta.get("dates") or []:
            if not isinstance(d, dict):
                raise ConfigError(path, line_of(meta), f"'{doc_id}': dates の各項目は {{event, date, wareki}} で")
            check_keys(path, d, {"event", "date", "wareki"}, {"event", "wareki"}, f"date of '{doc_id}'")
            value = d.get("date")
            if isinstance(value, str):
                try:
                    value = date.fromisoformat(value)
                except ValueError:
                    raise ConfigError(path, line_of(d), f"'{doc_id}': 日付 '{value}' は YYYY-MM-DD で / date must be ISO") from None
            dates.append(PolicyDate(d["event"], value, d["wareki"]))
        out[str(doc_id)] = {**{k: v for k, v in meta.items() if k in _META_KEYS}, "dates": dates}
    return out


MAX_ID_CHARS = 64  # as _ID allows


def doc_id_from_name(name: str, *, file_name: bool = True) -> str:
    """The document id (and table column) for a name: a file's stem
    (``file_name=True``: わが市案.docx → わが市案) or a name the user typed
    (``file_name=False``: a dot stays, 「案 v1.2」), NFKC and lower-cased; ``:``
    separates document and clause in clause ids and is replaced, like whitespace
    and slashes.  Non-ASCII names keep their characters, since ids only need to
    be unique."""
    text = str(name or "")
    if file_name:
        text = Path(text.replace("\\", "/")).stem
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = re.sub(r"[\s/\\:]+", "_", text).strip("_.")
    return text[:MAX_ID_CHARS] or "draft"


def make_document(doc_id: str, text: str, meta: dict | None = None, *, added: bool = False,
                  clauses: list[Clause] | None = None) -> Document:
    """Parse ``text`` into a :class:`Document` (unless its ``clauses`` are already
    known, as the cache knows them), filling metadata missing from ``meta`` from the
    text: the one place where a document's metadata is filled."""
    if not text or not text.strip():
        raise InputError(f"「{doc_id}」: 本文が空です / the document is empty")
    if clauses is None:
        clauses = parse(text, doc_id)
    meta = dict(meta or {})
    first = next((c for c in clauses if c.kind == "preamble"), None)
    title = meta.get("title") or (clean_text(first.text).split("\n")[0][:80] if first else doc_id)
    return Document(
        id=doc_id,
        text=text,
        clauses=clauses,
        city=meta.get("city") or guess_city(title),
        city_en=meta.get("city_en", ""),
        prefecture=meta.get("prefecture", ""),
        title=title,
        kind=meta.get("kind") or guess_kind(title),
        audience=meta.get("audience", ""),
        dates=meta.get("dates") if meta.get("dates") is not None else extract_dates(text),
        source=meta.get("source", ""),
        added=added,
    )


def load_corpus(data_dir: Path | None = None) -> list[Document]:
    """Every policy in ``data/policies/``, in cities.yaml order."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    meta = load_metadata(data_dir / "cities.yaml")
    files = {p.stem: p for p in sorted((data_dir / "policies").iterdir()) if p.suffix in POLICY_SUFFIXES}
    order = [d for d in meta if d in files] + sorted(d for d in files if d not in meta)
    docs = []
    for doc_id in order:
        path = files[doc_id]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            from .readers import read_path

            text = read_path(path)
        docs.append(make_document(doc_id, text, meta.get(doc_id)))
    return docs
