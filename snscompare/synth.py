"""A synthetic corpus at national scale, with its ground truth.

``write_corpus(n, seed=…, out=…)`` writes ``n`` policy texts by recombining the
labelled clauses of the five real policies (``data/gold/*.yaml``): each document
takes a subset of the real sections (a *unit*: a section or article with its items),
in a varied order, drops and reorders items, and renders them in one of the
numbering styles found in real policies (第N条 with （見出し）, ``1 ``, ``１　``,
``## 1.``; items （１） / (1) / ① / ア), with full- or half-width forms, spelling
variants (又は/または, 誹謗/ひぼう …), a synthetic municipality in place of the
source city, and a share of conversion noise (``管理 責任者``, stray tags,
``[bookmark: _GoBack]``).

Because every clause comes from a labelled clause, the ground truth is known:
``truth.yaml`` lists, per document, the topics of the clauses used and the
(category, direction) pairs of the prohibited items used.  Directions come from
the list an item came from; Otaru's list counts for users only through its
Article 12, so its items are ``user`` as well only when that article comes along
(right after the list, with its reference rewritten to the new numbering).

Everything is drawn from one ``random.Random(seed)`` over lists in a fixed
order, so a seed gives the same bytes on every run.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .corpus import DATA_DIR, PREFECTURES, load_corpus
from .normalize import clean_text
from .parser import _BRACKET_HEADING, Clause, detect_marker
from .taxonomy import load_taxonomy
from .yamlio import load_yaml

SOURCE_CITIES = ("小諸市", "小樽市", "鳥取市", "北見市", "佐久市")
# Name parts without 市町村区県都道府, so that guess_city() reads the whole name.
_NAME_A = ("東", "西", "南", "北", "上", "下", "新", "大", "高", "長", "桜", "青", "若", "白", "黒", "石",
           "森", "富士", "緑", "朝日", "八", "三", "松", "竹", "梅", "花", "風", "雲", "紅", "月", "星", "千")
_NAME_B = ("川", "山", "田", "野", "原", "島", "沢", "浜", "崎", "岡", "津", "宮", "谷", "木", "平", "瀬",
           "井", "松", "里", "丘", "橋", "江", "浦", "根")
_NAME_C = ("", "", "", "見", "ヶ丘", "台", "瀬", "郷", "代", "尾", "倉", "部")

KIND_TITLES = {
    "利用者向けポリシー": ("ソーシャルメディア運用ポリシー", "公式SNS運用ポリシー", "ソーシャルメディア利用規約"),
    "職員向けガイドライン": ("ソーシャルメディア運用ガイドライン", "SNS利用ガイドライン", "公式SNS運用指針"),
    "要綱": ("公式SNS運用要綱", "ソーシャルメディア運用要領", "SNS運用規程"),
}
KINDS = tuple(KIND_TITLES)

# (written form A, written form B): each document picks A, B or the source's own.
SPELLING_VARIANTS = (("又は", "または"), ("誹謗", "ひぼう"), ("取扱い", "取り扱い"), ("お問い合わせ", "お問合せ"),
                     ("及び", "および"), ("漏えい", "漏洩"))
OUTER_STYLES = ("article", "section_fw", "section_hw", "section_dot", "md")
ITEM_STYLES = ("paren_fw", "paren_hw", "circled", "kana")
_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))
_KANA = "アイウエオカキクケコサシスセソタチツテト"
_FW = str.maketrans("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ")
_HW = {v: k for k, v in _FW.items()}
_CJK_PAIR = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ff][\u4e00-\u9fff\u3040-\u30ff]")
_LIST_WITH_USER_REF = "otaru:11"  # Otaru's list: users too, through Article 12
_USER_REF = "otaru:12"
_KITAMI_REF = re.compile(r"「\s*[0-9０-９]+\s*[.．]\s*禁止事項\s*」")


# --- the pool of labelled units ------------------------------------------------------


@dataclass
class Part:
    """A clause of a real policy, reduced to what a new document needs."""

    source_id: str
    title: str
    body: str
    topics: tuple[str, ...]
    items: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (category, directions) when a list item
    children: list["Part"] = field(default_factory=list)
    paragraph: bool = False  # a 項 of an article (numbered 2, 3 … when the outer style is 第N条)


@dataclass
class Unit:
    """A top-level section or article of a real policy with its items: what a
    synthetic document is made of."""

    head: Part
    slot: str  # what the section is about, for ordering and for not repeating it
    final: bool = False  # 附則: always last


def _title_and_body(c: Clause) -> tuple[str, str]:
    lines = [ln for ln in clean_text(c.text).split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    if len(lines) > 1 and _BRACKET_HEADING.match(lines[0].strip()):
        lines.pop(0)
        while lines and not lines[0].strip():
            lines.pop(0)
    if not lines:
        return c.title, ""
    first = lines[0].strip(" \t\u3000")
    if c.label or c.kind in ("section", "article", "heading", "item", "paragraph", "supplement"):
        m = detect_marker(first)
        if m is not None:
            first = m.rest.strip(" \t\u3000")
        elif c.kind == "supplement":
            first = ""
    rest = lines[1:]
    if c.title and first == c.title:
        first = ""
    body_lines = [first] + [ln.strip(" \t\u3000") for ln in rest]
    body = "\n".join(ln for ln in body_lines if ln.strip())
    return c.title, body


def _part(c: Clause, by_id: dict[str, Clause], gold: dict) -> Part | None:
    if c.kind == "row":
        return None
    entry = gold.get(c.id) or {}
    title, body = _title_and_body(c)
    items = ()
    if entry.get("prohibited"):
        p = entry["prohibited"]
        items = tuple((cat, tuple(p.get("directions") or ())) for cat in p.get("categories") or ())
    part = Part(c.id, title, body, tuple(entry.get("topics") or ()), items, paragraph=c.kind == "paragraph")
    for k in c.children:
        child = _part(by_id[k], by_id, gold)
        if child is not None and (child.body or child.title or child.children):
            part.children.append(child)
    return part


def load_units(data_dir: Path | None = None) -> list[Unit]:
    """The units of the five labelled policies, in document order."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    taxonomy = load_taxonomy(data_dir / "taxonomy.yaml")
    topic_rank = {t: i for i, t in enumerate(taxonomy.topic_ids)}
    units: list[Unit] = []
    for doc in load_corpus(data_dir):
        gold_path = data_dir / "gold" / f"{doc.id}.yaml"
        if not gold_path.exists():
            continue
        gold = (load_yaml(gold_path) or {}).get("clauses") or {}
        by_id = {c.id: c for c in doc.clauses}
        tops = [c for c in doc.clauses if c.parent is None]
        # A form's sections are sections of a policy of their own (Tottori 様式1).
        expanded: list[Clause] = []
        for c in tops:
            if c.kind == "form":
                expanded += [by_id[k] for k in c.children if by_id[k].kind == "section"]
            elif c.kind != "preamble":
                expanded.append(c)
        for c in tops:
            if c.kind == "preamble" and (gold.get(c.id) or {}).get("topics"):
                title, body = _title_and_body(c)
                units.append(Unit(Part(c.id, "", body, tuple(gold[c.id]["topics"])), "preamble_date"))
        for c in expanded:
            head = _part(c, by_id, gold)
            if head is None or not (head.body or head.children):
                continue
            topics = _unit_topics(head)
            slot = min(topics, key=lambda t: (-topics[t], topic_rank.get(t, 99))) if topics else "intro"
            units.append(Unit(head, slot, final=c.kind == "supplement"))
    return units


def _unit_topics(p: Part) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in p.topics:
        out[t] = out.get(t, 0) + 1
    for k in p.children:
        for t, n in _unit_topics(k).items():
            out[t] = out.get(t, 0) + n
    return out


# --- rendering ------------------------------------------------------------------------


@dataclass
class Style:
    outer: str
    item: str
    sub: str
    digits_fw: bool
    ascii_to: str  # "keep" | "fw" | "hw"
    spelling: tuple[tuple[str, str], ...]  # (from, to) replacements
    noise: float
    city: str
    suffix: str


def _num(n: int, fw: bool) -> str:
    return str(n).translate(_FW) if fw else str(n)


def _item_marker(style: str, n: int, fw: bool) -> str:
    if style == "paren_fw":
        return f"（{_num(n, True)}）"
    if style == "paren_hw":
        return f"({n}) "
    if style == "circled":
        return _CIRCLED[(n - 1) % len(_CIRCLED)]
    return _KANA[(n - 1) % len(_KANA)] + "\u3000"


def _rewrite(text: str, st: Style, rng: random.Random) -> str:
    for city in SOURCE_CITIES:
        text = text.replace(city, st.city)
    text = text.replace("当市", "当" + st.suffix).replace("本市", "本" + st.suffix)
    for a, b in st.spelling:
        text = text.replace(a, b)
    if st.ascii_to == "fw":
        text = text.translate(_FW)
    elif st.ascii_to == "hw":
        text = "".join(_HW.get(ch, ch) for ch in text)
    if st.noise and text and rng.random() < st.noise:
        kind = rng.randrange(3)
        if kind == 0:  # a word split by PDF extraction
            spots = [m.start() + 1 for m in _CJK_PAIR.finditer(text)]
            if spots:
                i = spots[rng.randrange(len(spots))]
                text = text[:i] + " " + text[i:]
        elif kind == 1:  # a docx artefact at the start of the text
            text = "[bookmark: _GoBack]" + text
        else:  # stray markup around a stretch of text
            i = rng.randrange(len(text))
            j = min(len(text), i + 1 + rng.randrange(8))
            if "\n" not in text[i:j]:
                text = text[:i] + "<span>" + text[i:j] + "</span>" + text[j:]
    return text


class _Writer:
    def __init__(self, st: Style, rng: random.Random):
        self.st, self.rng = st, rng
        self.lines: list[str] = []
        self.heading = ""  # the numbered line of the last section written (for references to it)

    def text(self, s: str) -> str:
        return _rewrite(s, self.st, self.rng)

    def unit(self, n: int, head: Part, body_override: str | None = None) -> None:
        st = self.st
        body = self.text(body_override if body_override is not None else head.body)
        title = self.text(head.title) if head.title else ""
        num = _num(n, st.digits_fw)
        if st.outer == "article":
            if title and len(title) <= 18:
                self.lines += [f"（{title}）", ""]
            first, _, rest = body.partition("\n")
            self.lines.append(f"第{num}条" + ("\u3000" + first if first else ""))
            if rest:
                self.lines.append(rest)
        else:
            sep = {"section_fw": "\u3000", "section_hw": " ", "section_dot": ". ", "md": ". "}[st.outer]
            prefix = "## " if st.outer == "md" else ""
            self.heading = f"{num}{sep}{title}"
            if title:
                self.lines.append(f"{prefix}{num}{sep}{title}")
                if st.outer == "md":
                    self.lines.append("")
                if body:
                    self.lines.append(body)
            else:
                first, _, rest = body.partition("\n")
                self.lines.append(f"{prefix}{num}{sep}{first or '規定'}")
                if rest:
                    self.lines.append(rest)
        self.children(head.children, level=2, article=st.outer == "article")
        self.lines.append("")

    def children(self, kids: list[Part], *, level: int, article: bool) -> None:
        st = self.st
        style = st.item if level == 2 else st.sub
        para = 1
        item = 0
        for k in kids:
            body = self.text(k.body)
            title = self.text(k.title) if k.title else ""
            if article and level == 2 and k.paragraph:
                para += 1
                marker = _num(para, st.digits_fw) + "\u3000"
            else:
                item += 1
                marker = _item_marker(style, item, st.digits_fw)
            if title:
                self.lines.append(f"{marker}{title}")
                if body:
                    self.lines.append(body)
            else:
                self.lines.append(f"{marker}{body}")
            if k.children:
                self.children(k.children, level=3, article=False)


# --- one document -----------------------------------------------------------------------


@dataclass
class SynthDoc:
    doc_id: str
    text: str
    meta: dict
    topics: list[str]
    prohibited: list[tuple[str, str]]
    clauses: list[str]


def _city_name(rng: random.Random, taken: set[str]) -> tuple[str, str]:
    suffix = rng.choices(("市", "町", "村"), weights=(70, 25, 5))[0]
    for _ in range(1000):
        name = rng.choice(_NAME_A) + rng.choice(_NAME_B) + rng.choice(_NAME_C)
        if name + suffix not in taken and name + suffix not in SOURCE_CITIES:
            taken.add(name + suffix)
            return name + suffix, suffix
    k = len(taken)
    name = f"{rng.choice(_NAME_A)}{rng.choice(_NAME_B)}第{k}"
    taken.add(name + suffix)
    return name + suffix, suffix


def _sample_children(rng: random.Random, kids: list[Part], *, is_list: bool) -> list[Part]:
    if not kids:
        return []
    keep = [k for k in kids if rng.random() >= 0.25]
    floor = min(len(kids), 3 if is_list else 1)
    while len(keep) < floor:
        missing = [k for k in kids if k not in keep]
        keep.append(missing[rng.randrange(len(missing))])
        keep.sort(key=kids.index)
    if rng.random() < 0.3 and not any(k.paragraph for k in keep):
        rng.shuffle(keep)
    out = []
    for k in keep:
        out.append(Part(k.source_id, k.title, k.body, k.topics, k.items,
                        _sample_children(rng, k.children, is_list=any(g.items for g in k.children)), k.paragraph))
    return out


def make_document(i: int, rng: random.Random, units: list[Unit], taken: set[str], taxonomy_topics: list[str]) -> SynthDoc:
    doc_id = f"synth_{i:04d}"
    kind = KINDS[rng.randrange(len(KINDS))]
    city, suffix = _city_name(rng, taken)
    prefecture = PREFECTURES[rng.randrange(len(PREFECTURES))]
    title = city + rng.choice(KIND_TITLES[kind])
    outer = "article" if kind == "要綱" and rng.random() < 0.8 else rng.choice(OUTER_STYLES)
    item_style = rng.choice(ITEM_STYLES)
    sub_style = rng.choice([s for s in ITEM_STYLES if s != item_style])
    spelling = []
    for a, b in SPELLING_VARIANTS:
        r = rng.random()
        if r < 0.35:
            spelling.append((a, b))
        elif r < 0.7:
            spelling.append((b, a))
    st = Style(outer, item_style, sub_style, digits_fw=rng.random() < 0.5,
               ascii_to=rng.choice(("keep", "keep", "fw", "hw")), spelling=tuple(spelling),
               noise=rng.choice((0.0, 0.05, 0.15)), city=city, suffix=suffix)

    # Which sections: one unit per slot, a random subset of the slots.
    slots: list[str] = []
    by_slot: dict[str, list[Unit]] = {}
    for u in units:
        if u.slot not in by_slot:
            slots.append(u.slot)
            by_slot[u.slot] = []
        by_slot[u.slot].append(u)
    share = rng.uniform(0.35, 0.85)
    chosen = [by_slot[s][rng.randrange(len(by_slot[s]))] for s in slots if rng.random() < share]
    # Order: roughly the taxonomy's order, with some sections moved.
    rank = {t: k for k, t in enumerate(taxonomy_topics)}
    chosen.sort(key=lambda u: (u.final, rank.get(u.slot, -1) + rng.uniform(-6, 6)))
    date_units = [u for u in chosen if u.slot == "preamble_date"]
    body_units = [u for u in chosen if u.slot != "preamble_date"]

    w = _Writer(st, rng)
    used: list[str] = []
    topics: set[str] = set()
    prohibited: set[tuple[str, str]] = set()
    w.lines += [title, ""]
    for u in date_units:
        w.lines += [w.text(u.head.body), ""]
        used.append(u.head.source_id)
        topics.update(u.head.topics)

    n = 0
    for u in body_units:
        head = Part(u.head.source_id, u.head.title, u.head.body, u.head.topics, u.head.items,
                    _sample_children(rng, u.head.children, is_list=any(k.items for k in u.head.children)))
        with_ref = head.source_id == _LIST_WITH_USER_REF and rng.random() < 0.7
        if u.final:
            w.lines += ["附則", "", w.text(head.body), ""]
        else:
            n += 1
            w.unit(n, head)
        _collect(head, used, topics, prohibited, user_ref=with_ref)
        if with_ref:
            ref = next(x for x in units if x.head.source_id == _USER_REF)
            n += 1
            body = ref.head.body
            if st.outer != "article":
                body = body.replace("前条各号", f"「{w.heading.strip()}」の各号")
            w.unit(n, ref.head, body_override=body)
            _collect(ref.head, used, topics, prohibited, user_ref=True)
    text = "\n".join(w.lines).rstrip("\n") + "\n"
    ordered_topics = [t for t in taxonomy_topics if t in topics]
    meta = {"city": city, "prefecture": prefecture, "title": title, "kind": kind}
    return SynthDoc(doc_id, text, meta, ordered_topics, sorted(prohibited), used)


def _collect(p: Part, used: list[str], topics: set[str], prohibited: set, *, user_ref: bool) -> None:
    used.append(p.source_id)
    own = set(p.topics)
    for cat, dirs in p.items:
        ds = set(dirs)
        if p.source_id.startswith(_LIST_WITH_USER_REF + ".") and not user_ref:
            ds.discard("user")
            own.discard("user_prohibited")
        for d in sorted(ds):
            prohibited.add((cat, d))
    if p.source_id.startswith(_LIST_WITH_USER_REF + ".") and not user_ref:
        own.discard("user_prohibited")
    topics.update(own)
    for k in p.children:
        _collect(k, used, topics, prohibited, user_ref=user_ref)


# --- the corpus ------------------------------------------------------------------------------


def generate(n: int, *, seed: int, data_dir: Path | None = None) -> list[SynthDoc]:
    """``n`` synthetic documents (in memory)."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    units = load_pool(data_dir)
    taxonomy = load_taxonomy(data_dir / "taxonomy.yaml")
    rng = random.Random(seed)
    taken: set[str] = set()
    return [make_document(i + 1, rng, units, taken, list(taxonomy.topic_ids)) for i in range(n)]


def load_pool(data_dir: Path) -> list[Unit]:
    units = load_units(data_dir)
    for u in units:  # Kitami's pointer to its own list would point elsewhere here
        for k in u.head.children:
            if _KITAMI_REF.search(k.body):
                k.body = _KITAMI_REF.sub("「禁止事項」", k.body)
    return units


def write_corpus(n: int, *, seed: int, out: Path, data_dir: Path | None = None) -> Path:
    """Write ``out/synth_0001.txt`` …, ``out/metadata.yaml`` and ``out/truth.yaml``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    docs = generate(n, seed=seed, data_dir=data_dir)
    meta, truth = {}, {}
    for d in docs:
        (out / f"{d.doc_id}.txt").write_text(d.text, encoding="utf-8")
        meta[d.doc_id] = d.meta
        truth[d.doc_id] = {"topics": d.topics, "prohibited": [list(x) for x in d.prohibited], "clauses": d.clauses}
    header = f"# snscompare synth --docs {n} --seed {seed}: recombined from the labelled clauses of data/gold/\n"
    (out / "metadata.yaml").write_text(header + _dump(meta), encoding="utf-8")
    (out / "truth.yaml").write_text(header + _dump(truth), encoding="utf-8")
    return out


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)


# --- reading it back and scoring -----------------------------------------------------------------


def load_synth(out_dir: Path):
    """(documents, truth) of a written synthetic corpus, in file order."""
    from .corpus import make_document as make_doc

    out_dir = Path(out_dir)
    meta = yaml.safe_load((out_dir / "metadata.yaml").read_text(encoding="utf-8")) or {}
    truth = yaml.safe_load((out_dir / "truth.yaml").read_text(encoding="utf-8")) or {}
    docs = [make_doc(p.stem, p.read_text(encoding="utf-8"), meta.get(p.stem)) for p in sorted(out_dir.glob("synth_*.txt"))]
    return docs, truth


def truth_golds(truth: dict):
    from .gold import Gold

    return [Gold(doc_id, {}, set(t["topics"]), {}, {tuple(x) for x in t["prohibited"]}) for doc_id, t in truth.items()]


def score_alignment(al, truth: dict) -> dict:
    """Coverage and prohibited precision / recall / F1 of an alignment against truth."""
    from .evaluate import score

    s = score(al, [g for g in truth_golds(truth) if g.doc_id in al.per_doc])
    r = lambda x: round(x, 4)  # noqa: E731
    return {
        "docs": len(al.docs),
        "coverage": {"precision": r(s.coverage.precision), "recall": r(s.coverage.recall), "f1": r(s.coverage.f1)},
        "prohibited": {"precision": r(s.prohibited.precision), "recall": r(s.prohibited.recall), "f1": r(s.prohibited.f1)},
    }

