"""新旧対照表: two versions of a policy compared provision by provision.

A revision goes to a council with its 新旧対照表: the new text (改正後) beside the
old (改正前), the changed characters underlined.  :func:`compare` reads both
versions with the project's parser, takes their provisions (each top-level
clause with everything under it: an article with its 項 and 号, a numbered
section, a form, the 附則, a paragraph before the first number) and matches them:

1. the same text (the number aside): the provision is unchanged, even if it was
   renumbered or moved — renumbering alone is not a change;
2. the same number and heading, then the same heading;
3. the most similar remaining text (rapidfuzz ``ratio`` on the normalized text,
   at least :data:`MIN_SIMILARITY`);
4. a provision whose text now lies in two (split) or that took in another
   (merged): each part at least :data:`PART_SIMILARITY` ``partial_ratio`` of it;
5. what is left was inserted (new) or deleted (old).

A matched provision out of the old order (not in the longest run of provisions
that kept their order) was moved.  Within a changed provision the differing
characters are found with :class:`difflib.SequenceMatcher` on the text without
its number.  :func:`coverage_effect` says what the revision does to the topics and
prohibited categories (per direction) the policy covers, as the aligner reads
both versions.

Exports: :func:`to_docx_bytes` (title 「…新旧対照表」, a two-column table 改正後 /
改正前, changes underlined, unchanged provisions folded as （略）),
:func:`to_xlsx_bytes` (the same, underlines as rich text), :func:`to_frame` /
CSV, and :func:`render` for the CLI.  This module never imports streamlit.
"""
from __future__ import annotations

import difflib
import html
import io
import json
import re
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz

from .align import Alignment
from .corpus import Document, doc_id_from_name, make_document
from .errors import InputError, SnsCompareError
from .normalize import clean_text, normalize_text
from .parser import detect_marker

__all__ = [
    "DIFF_FORMATS",
    "KINDS",
    "MIN_SIMILARITY",
    "Change",
    "CoverageEffect",
    "Provision",
    "Revision",
    "compare",
    "compare_documents",
    "coverage_effect",
    "names",
    "provisions",
    "render",
    "runs_html",
    "to_docx_bytes",
    "to_frame",
    "to_xlsx_bytes",
]

DIFF_FORMATS = ("table", "csv", "md", "json")
MIN_SIMILARITY = 55  # ratio (0-100) for two provisions of different number and heading to be one
PART_SIMILARITY = 85  # partial_ratio of a part of a split or merged provision
HEADING_SIMILARITY = 35  # ratio for the same number and heading, or the same heading, to count
# change kinds, in the order a summary lists them
KINDS = ("modified", "moved", "split", "merged", "inserted", "deleted", "unchanged")
KIND_JA = {"modified": "改正", "moved": "移動", "split": "分割", "merged": "統合", "inserted": "新設",
           "deleted": "削除", "unchanged": "変更なし"}
NEW_HEADER, OLD_HEADER = "改正後", "改正前"
INSERTED_MARK, DELETED_MARK, OMITTED = "（新設）", "（削除）", "（略）"


@dataclass(frozen=True)
class Provision:
    """A top-level provision of one version, with everything under it."""

    index: int  # position in its version
    clause_id: str
    label: str  # its number as printed (NFKC): 第3条, 3, 附則; "" if none
    title: str  # its heading: 目的
    text: str  # clean text, number included: what the table shows
    body: str  # the text without its own number: what is compared and underlined
    key: str = field(repr=False, default="")  # normalized body, spaces removed: what is matched

    @property
    def name(self) -> str:
        """How a person names it: 第3条（目的）, 3 目的, 附則."""
        if self.label and self.title:
            return f"{self.label}（{self.title}）" if self.label.startswith("第") else f"{self.label} {self.title}"
        return self.label or self.title or self.body.split("\n", 1)[0][:20]


@dataclass(frozen=True)
class Change:
    """One row of the 新旧対照表: new provisions beside old ones."""

    kind: str  # modified | unchanged | split | merged | inserted | deleted
    new: tuple[Provision, ...]
    old: tuple[Provision, ...]
    similarity: float = 100.0
    moved: bool = False

    @property
    def renumbered(self) -> bool:
        return bool(self.new and self.old) and [p.label for p in self.new] != [p.label for p in self.old]

    @property
    def changed(self) -> bool:
        """Whether the row is a change a council must read (a renumbering alone is not)."""
        return self.kind != "unchanged" or self.moved

    @property
    def label(self) -> str:
        """The kind as the table names it: 改正, 移動, 改正・移動 …"""
        if self.kind == "unchanged":
            return KIND_JA["moved"] if self.moved else KIND_JA["unchanged"]
        return KIND_JA[self.kind] + ("・" + KIND_JA["moved"] if self.moved else "")

    def new_body(self) -> str:
        return "\n".join(p.body for p in self.new)

    def old_body(self) -> str:
        return "\n".join(p.body for p in self.old)

    def segments(self) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
        """(new, old) bodies as ``(text, underlined)`` runs: the characters that
        differ underlined on each side."""
        new, old = self.new_body(), self.old_body()
        if self.kind == "inserted":
            return [(new, True)], []
        if self.kind == "deleted":
            return [], [(old, True)]
        return _diff_segments(new, old)


@dataclass
class CoverageEffect:
    """What a revision does to the coverage, as the aligner reads both versions."""

    topics_gained: list[str]
    topics_lost: list[str]
    prohibited_gained: list[tuple[str, str]]  # (category, direction)
    prohibited_lost: list[tuple[str, str]]
    topic_labels: dict[str, str]
    category_labels: dict[str, str]

    def frame(self) -> pd.DataFrame:
        """One row per gain or loss: ``what`` (topic / prohibited), ``change``
        (gained / lost), the id, the direction (prohibited only) and the label."""
        rows = []
        for change, ids in (("gained", self.topics_gained), ("lost", self.topics_lost)):
            rows += [{"what": "topic", "change": change, "id": t, "direction": "",
                      "label_ja": self.topic_labels.get(t, t)} for t in ids]
        for change, pairs in (("gained", self.prohibited_gained), ("lost", self.prohibited_lost)):
            rows += [{"what": "prohibited", "change": change, "id": c, "direction": d,
                      "label_ja": self.category_labels.get(c, c)} for c, d in pairs]
        return pd.DataFrame(rows, columns=["what", "change", "id", "direction", "label_ja"])


@dataclass
class Revision:
    title: str  # 〇〇市ソーシャルメディア運用方針 新旧対照表
    old_name: str
    new_name: str
    changes: list[Change]
    coverage: CoverageEffect | None = None

    def counts(self) -> dict[str, int]:
        """How many rows of each kind; ``moved`` counts the rows moved, whatever
        else changed (a provision moved unchanged counts as moved only)."""
        out = {k: 0 for k in KINDS}
        for c in self.changes:
            if c.moved:
                out["moved"] += 1
            if c.kind != "unchanged" or not c.moved:
                out[c.kind] += 1
        return out

    @property
    def changed(self) -> list[Change]:
        return [c for c in self.changes if c.changed]


# --- provisions ----------------------------------------------------------------------


def _strip_number(text: str) -> str:
    """The text without the provision's own number: the first numbered line loses
    its marker (「第3条　…」 → 「…」; a （目的） line above it stays)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = detect_marker(line)
        if m is None:
            if re.fullmatch(r"\s*[（(][^（）()]{1,20}[）)]\s*", line):
                continue  # the heading line above an article
            break
        if m.style in ("suppl", "form"):
            break
        rest = m.rest.strip()
        lines[i] = rest
        if not rest:
            del lines[i]
        break
    return "\n".join(ln.rstrip() for ln in lines if ln.strip()).strip()


def _key(text: str) -> str:
    return re.sub(r"\s+", "", normalize_text(text))


def provisions(doc: Document) -> list[Provision]:
    """The top-level provisions of a document, in order."""
    out = []
    clauses = doc.clauses
    by_id = {c.id: c for c in clauses}
    tops = [c for c in clauses if c.parent is None]
    for c in tops:
        last = c
        while last.children:
            last = by_id[last.children[-1]]
        text = clean_text(doc.text[c.start:max(c.end, last.end)])
        body = _strip_number(text) if c.label else text
        key = _key(body)
        if key:
            out.append(Provision(len(out), c.id, c.label, c.title, text, body, key))
    return out


# --- matching ------------------------------------------------------------------------


def _lis(seq: list[int]) -> set[int]:
    """Positions (in ``seq``) of a longest strictly increasing subsequence."""
    import bisect

    tails: list[int] = []
    tails_at: list[int] = []
    prev = [-1] * len(seq)
    for i, v in enumerate(seq):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tails_at.append(i)
        else:
            tails[k] = v
            tails_at[k] = i
        prev[i] = tails_at[k - 1] if k else -1
    out, i = set(), tails_at[-1] if tails_at else -1
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


def _ratio(a: Provision, b: Provision) -> float:
    return float(fuzz.ratio(a.key, b.key))


def _match(new: list[Provision], old: list[Provision]) -> list[Change]:
    pair: dict[int, int] = {}  # new index -> old index
    sim: dict[int, float] = {}
    used_old: set[int] = set()

    def take(n: int, o: int, s: float) -> None:
        pair[n], sim[n] = o, s
        used_old.add(o)

    # 1. the same text, the number aside (unchanged, renumbered or moved)
    by_key: dict[str, list[int]] = {}
    for o in old:
        by_key.setdefault(o.key, []).append(o.index)
    for n in new:
        for o in by_key.get(n.key, []):
            if o not in used_old:
                take(n.index, o, 100.0)
                break
    # 2. the same number and heading; then the same heading
    for same in (lambda n, o: n.label == o.label and n.title == o.title and (n.label or n.title),
                 lambda n, o: n.title and n.title == o.title):
        for n in new:
            if n.index in pair:
                continue
            for o in old:
                if o.index not in used_old and same(n, o):
                    s = _ratio(n, o)
                    if s >= HEADING_SIMILARITY:
                        take(n.index, o.index, s)
                        break
    # 3. the most similar remaining text
    cands = sorted(((_ratio(n, o), n.index, o.index) for n in new if n.index not in pair
                    for o in old if o.index not in used_old), reverse=True)
    for s, ni, oi in cands:
        if s < MIN_SIMILARITY:
            break
        if ni not in pair and oi not in used_old:
            take(ni, oi, s)

    # 4. split and merged provisions
    def inside(part: Provision, whole: Provision) -> bool:
        return (10 <= len(part.key) <= len(whole.key) + 10
                and fuzz.partial_ratio(part.key, whole.key) >= PART_SIMILARITY)

    def joined(ps) -> str:
        return _key("\n".join(p.body for p in ps))

    rows: list[tuple[float, Change]] = []  # (position in the new version, change)
    done_new: set[int] = set()
    done_old: set[int] = set()
    for o in old:
        parts = [n.index for n in new if n.index not in pair and inside(n, o)]
        if not parts:
            continue
        partner = [n for n, oo in pair.items() if oo == o.index]
        group = sorted(set(parts + partner))
        if len(group) >= 2:
            ns = tuple(new[i] for i in group)
            s = float(fuzz.ratio(joined(ns), o.key))
            if s >= MIN_SIMILARITY:
                for i in partner:
                    del pair[i]
                used_old.add(o.index)
                rows.append((group[0], Change("split", ns, (o,), round(s, 1))))
                done_new.update(group)
                done_old.add(o.index)
                continue
        if not partner and o.index not in used_old and len(parts) == 1:
            take(parts[0], o.index, _ratio(new[parts[0]], o))
    for n in new:
        if n.index in done_new:
            continue
        parts = [o.index for o in old if o.index not in used_old and inside(o, n)]
        if not parts:
            continue
        partner = [pair[n.index]] if n.index in pair else []
        group = sorted(set(parts + partner))
        if len(group) >= 2:
            os_ = tuple(old[i] for i in group)
            s = float(fuzz.ratio(n.key, joined(os_)))
            if s >= MIN_SIMILARITY:
                pair.pop(n.index, None)
                used_old.update(group)
                rows.append((n.index, Change("merged", (n,), os_, round(s, 1))))
                done_new.add(n.index)
                done_old.update(group)
                continue
        if not partner and len(parts) == 1:
            take(n.index, parts[0], _ratio(n, old[parts[0]]))

    # assemble the rows, in the new version's order, deleted provisions where they stood
    for n_index, o_index in pair.items():
        if n_index in done_new or o_index in done_old:
            continue
        kind = "unchanged" if new[n_index].key == old[o_index].key else "modified"
        rows.append((n_index, Change(kind, (new[n_index],), (old[o_index],), round(sim[n_index], 1))))
        done_new.add(n_index)
        done_old.add(o_index)
    for n in new:
        if n.index not in done_new:
            rows.append((n.index, Change("inserted", (n,), (), 0.0)))
    rows.sort(key=lambda r: r[0])

    # moved: matched rows out of the old order
    matched = [i for i, (_, c) in enumerate(rows) if c.new and c.old]
    order = [rows[i][1].old[0].index for i in matched]
    keep = _lis(order)
    moved = {matched[k] for k in range(len(matched)) if k not in keep}
    changes = [Change(c.kind, c.new, c.old, c.similarity, i in moved) for i, (_, c) in enumerate(rows)]

    # deleted provisions, after the row of the provision that preceded them in the old version
    deleted = [o for o in old if o.index not in done_old and o.index not in {p.index for c in changes for p in c.old}]
    for o in deleted:
        at = 0
        for i, c in enumerate(changes):
            if c.old and max(p.index for p in c.old) < o.index:
                at = i + 1
        changes.insert(at, Change("deleted", (), (o,), 0.0))
    return changes


# --- entry points --------------------------------------------------------------------


def _document(text: str, name: str, doc_id: str) -> Document:
    if text is None or not str(text).strip():
        raise InputError(f"「{name}」には文字がありません。 / '{name}' is empty.")
    return make_document(doc_id, str(text), {"city": name}, added=True)


def compare_documents(old: Document, new: Document, *, alignment: Alignment | None = None,
                      title: str | None = None) -> Revision:
    """The 新旧対照表 of two parsed documents; with ``alignment`` (the corpus), its
    coverage effect too."""
    changes = _match(provisions(new), provisions(old))
    effect = coverage_effect(old, new, alignment) if alignment is not None else None
    name = title or (new.title or new.name)
    return Revision(f"{name} 新旧対照表", old.name, new.name, changes, effect)


def compare(old_text: str, new_text: str, *, old_name: str = "改正前", new_name: str = "改正後",
            alignment: Alignment | None = None, title: str | None = None) -> Revision:
    """The 新旧対照表 of two versions given as text (see the module docstring)."""
    old = _document(old_text, old_name, doc_id_from_name("old-" + old_name, file_name=False))
    new = _document(new_text, new_name, doc_id_from_name("new-" + new_name, file_name=False))
    return compare_documents(old, new, alignment=alignment, title=title)


def coverage_effect(old: Document, new: Document, alignment: Alignment) -> CoverageEffect:
    """Topics and prohibited categories (per direction) the new version covers and
    the old did not (gained), and the reverse (lost).  Both versions are aligned as
    added documents; the corpus is not re-aligned."""
    from .align import align_document
    from .pipeline import exemplars_for

    tax = alignment.taxonomy
    ex = exemplars_for(alignment.docs, tax)
    seen = []
    for doc in (old, new):
        da = align_document(doc, tax, exemplars=ex)
        topics = {a.topic for a in da.assignments}
        pro = {(c, d) for it in da.items for c in it.categories for d in it.directions}
        seen.append((topics, pro))
    (t_old, p_old), (t_new, p_new) = seen
    t_order = {t: i for i, t in enumerate(tax.topic_ids)}
    c_order = {c: i for i, c in enumerate(tax.category_ids)}

    def pro_sorted(pairs):
        return sorted(pairs, key=lambda p: (p[1] != "user", c_order.get(p[0], 99)))

    return CoverageEffect(
        sorted(t_new - t_old, key=t_order.get), sorted(t_old - t_new, key=t_order.get),
        pro_sorted(p_new - p_old), pro_sorted(p_old - p_new),
        {t.id: t.ja for t in tax.topics}, {c.id: c.ja for c in tax.categories})


# --- character differences --------------------------------------------------------------


def _merge_runs(runs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for text, u in runs:
        if not text:
            continue
        if out and out[-1][1] == u:
            out[-1] = (out[-1][0] + text, u)
        else:
            out.append((text, u))
    return out


def _diff_segments(new: str, old: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both texts as runs, the characters that differ underlined: inserted and
    replaced characters on the new side, deleted and replaced on the old side.
    Line breaks are never underlined (Word cannot underline them)."""
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    n_runs: list[tuple[str, bool]] = []
    o_runs: list[tuple[str, bool]] = []

    def add(runs, text, underline):
        for k, part in enumerate(text.split("\n")):
            if k:
                runs.append(("\n", False))
            runs.append((part, underline and bool(part.strip())))

    for op, i1, i2, j1, j2 in sm.get_opcodes():
        add(o_runs, old[i1:i2], op != "equal")
        add(n_runs, new[j1:j2], op != "equal")
    return _merge_runs(n_runs), _merge_runs(o_runs)


def _underlined(runs: list[tuple[str, bool]]) -> str:
    """The underlined parts, for a CSV cell: 「…」 / 「…」."""
    return " / ".join(f"「{t}」" for t, u in runs if u)


# --- exports -------------------------------------------------------------------------------


def names(ps: tuple[Provision, ...]) -> str:
    """How a row's provisions are named: 第3条（目的）、第4条（定義）."""
    return "、".join(p.name for p in ps)


def runs_html(runs: list[tuple[str, bool]]) -> str:
    """``(text, underlined)`` runs as HTML: every character of the text escaped,
    the only markup the ``<u>`` of the changes and line breaks."""
    out = []
    for t, u in runs:
        s = html.escape(t, quote=True).replace("\n", "<br>")
        out.append(f'<u style="text-decoration-thickness:2px">{s}</u>' if u and t.strip() else s)
    return '<div style="line-height:1.9;white-space:normal">' + "".join(out) + "</div>"


def _cell_runs(change: Change, side: str) -> list[tuple[str, bool]]:
    """The runs of one cell: each provision's number and heading line, then its
    text with the changes underlined (the mark （新設）/（削除） on the empty side)."""
    new_runs, old_runs = change.segments()
    ps = change.new if side == "new" else change.old
    runs = new_runs if side == "new" else old_runs
    if not ps:
        return [(INSERTED_MARK if side == "old" else DELETED_MARK, False)]
    head = [(names(ps) + "\n", False)]
    return head + runs


def _folded(changes: list[Change]):
    """Rows as the table prints them: changed rows, and each run of unchanged
    provisions folded into one row 「第3条～第5条　（略）」."""
    run: list[Change] = []

    def flush():
        if run:
            first, last = run[0], run[-1]
            span = first.new[0].label or first.new[0].name
            if len(run) > 1:
                span += "～" + (last.new[0].label or last.new[0].name)
            old_span = first.old[0].label or first.old[0].name
            if len(run) > 1:
                old_span += "～" + (last.old[0].label or last.old[0].name)
            yield None, f"{span}\u3000{OMITTED}", f"{old_span}\u3000{OMITTED}"
            run.clear()

    for c in changes:
        if c.changed:
            yield from flush()
            yield c, None, None
        else:
            run.append(c)
    yield from flush()


def to_docx_bytes(rev: Revision, *, font: str = "ＭＳ 明朝") -> bytes:
    """The 新旧対照表 as Word: the title, a note, and a two-column table 改正後 /
    改正前 with the changed characters underlined; unchanged provisions folded."""
    from docx.shared import Pt

    from .wordfile import add_table, new_document, to_bytes

    document = new_document(rev.title, font=font, landscape=True)
    note = document.add_paragraph("（下線部分は改正部分）")
    note.paragraph_format.space_after = Pt(6)
    rows = []
    for change, new_text, old_text in _folded(rev.changes):
        if change is None:
            rows.append([new_text, old_text])
        else:
            rows.append([_cell_runs(change, "new"), _cell_runs(change, "old")])
    add_table(document, [NEW_HEADER, OLD_HEADER], rows, widths_cm=[12.5, 12.5])
    return to_bytes(document)


def to_frame(rev: Revision) -> pd.DataFrame:
    """One row per provision row of the table (unchanged ones included): the kind,
    moved, renumbered, each side's numbers, text and underlined parts, similarity."""
    rows = []
    for c in rev.changes:
        new_runs, old_runs = c.segments()
        rows.append({
            "change": c.kind, "change_ja": c.label, "moved": c.moved, "renumbered": c.renumbered,
            "new_number": names(c.new), "new_text": "\n".join(p.text for p in c.new),
            "new_changes": _underlined(new_runs) if c.kind not in ("unchanged", "inserted") else "",
            "old_number": names(c.old), "old_text": "\n".join(p.text for p in c.old),
            "old_changes": _underlined(old_runs) if c.kind not in ("unchanged", "deleted") else "",
            "similarity": c.similarity,
            "new_clause_ids": ",".join(p.clause_id for p in c.new), "old_clause_ids": ",".join(p.clause_id for p in c.old),
        })
    return pd.DataFrame(rows, columns=["change", "change_ja", "moved", "renumbered", "new_number", "new_text",
                                       "new_changes", "old_number", "old_text", "old_changes", "similarity",
                                       "new_clause_ids", "old_clause_ids"])


def to_xlsx_bytes(rev: Revision) -> bytes:
    """The 新旧対照表 as Excel: 種別, 改正後, 改正前 with the changed characters
    underlined (rich text), unchanged provisions folded; no cell is ever a formula."""
    import xlsxwriter

    from .export import neutralize_cell

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False})
    try:
        ws = wb.add_worksheet("新旧対照表")
        wrap = wb.add_format({"text_wrap": True, "valign": "top", "font_name": "ＭＳ 明朝"})
        head = wb.add_format({"bold": True, "border": 1, "align": "center", "font_name": "ＭＳ 明朝"})
        under = wb.add_format({"underline": 1, "font_name": "ＭＳ 明朝"})
        plain = wb.add_format({"font_name": "ＭＳ 明朝"})
        ws.write_string(0, 0, rev.title, wb.add_format({"bold": True, "font_size": 14}))
        for j, h in enumerate(("種別", NEW_HEADER, OLD_HEADER)):
            ws.write_string(2, j, h, head)
        ws.set_column(0, 0, 10)
        ws.set_column(1, 2, 60)
        r = 3
        for change, new_text, old_text in _folded(rev.changes):
            if change is None:
                ws.write_string(r, 0, KIND_JA["unchanged"], wrap)
                ws.write_string(r, 1, new_text, wrap)
                ws.write_string(r, 2, old_text, wrap)
            else:
                ws.write_string(r, 0, change.label, wrap)
                for col, side in ((1, "new"), (2, "old")):
                    runs = [(t, u) for t, u in _cell_runs(change, side) if t]
                    if runs:
                        runs[0] = (str(neutralize_cell(runs[0][0])), runs[0][1])
                    if len(runs) == 1 or not any(u for _, u in runs):
                        ws.write_string(r, col, "".join(t for t, _ in runs), wrap)
                    else:
                        parts = []
                        for t, u in runs:
                            parts += [under if u else plain, t]
                        ws.write_rich_string(r, col, *parts, wrap)
            r += 1
        ws.freeze_panes(3, 0)
    finally:
        wb.close()
    return buf.getvalue()


def _md_cell(runs: list[tuple[str, bool]]) -> str:
    out = []
    for t, u in runs:
        s = html.escape(t, quote=True).replace("|", "&#124;").replace("\n", "<br>")
        out.append(f"<u>{s}</u>" if u and t.strip() else s)
    return "".join(out)


def render(rev: Revision, fmt: str = "table") -> str:
    """The comparison as text: ``table`` (a terminal), ``csv`` (every row, no BOM),
    ``md`` (the 新旧対照表, underlines as <u>, document text escaped) or ``json``."""
    if fmt == "csv":
        from .export import to_csv_text

        return to_csv_text(to_frame(rev))
    if fmt == "json":
        data = {"title": rev.title, "old": rev.old_name, "new": rev.new_name, "counts": rev.counts(),
                "changes": json.loads(to_frame(rev).to_json(orient="records", force_ascii=False)),
                "coverage": (json.loads(rev.coverage.frame().to_json(orient="records", force_ascii=False))
                             if rev.coverage else None)}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    counts = rev.counts()
    summary = "、".join(f"{KIND_JA[k]} {counts[k]}" for k in KINDS if counts[k])
    effect = []
    if rev.coverage is not None:
        cov = rev.coverage
        effect = [f"項目: 追加 {len(cov.topics_gained)}（{'、'.join(cov.topic_labels[t] for t in cov.topics_gained) or 'なし'}）"
                  f" / 削除 {len(cov.topics_lost)}（{'、'.join(cov.topic_labels[t] for t in cov.topics_lost) or 'なし'}）",
                  f"禁止事項の区分: 追加 {len(cov.prohibited_gained)} / 削除 {len(cov.prohibited_lost)}"]
    if fmt == "md":
        esc = lambda s: html.escape(str(s), quote=True)  # noqa: E731
        out = [f"# {esc(rev.title)}", "", f"{esc(rev.new_name)}（{NEW_HEADER}）と {esc(rev.old_name)}（{OLD_HEADER}）。"
               f"{summary}。", ""]
        out += [f"- {esc(line)}" for line in effect] + ([""] if effect else [])
        out += [f"| {NEW_HEADER} | {OLD_HEADER} |", "| --- | --- |"]
        for change, new_text, old_text in _folded(rev.changes):
            if change is None:
                out.append(f"| {esc(new_text)} | {esc(old_text)} |")
            else:
                out.append(f"| {_md_cell(_cell_runs(change, 'new'))} | {_md_cell(_cell_runs(change, 'old'))} |")
        return "\n".join(out) + "\n"
    if fmt == "table":
        out = [rev.title, f"{NEW_HEADER}: {rev.new_name} / {OLD_HEADER}: {rev.old_name}", summary] + effect + [""]
        for c in rev.changed:
            out.append(f"[{c.label}] {names(c.new) or '-'} ← {names(c.old) or '-'}"
                       + (f"（類似度 {c.similarity:.0f}）" if c.kind in ("modified", "split", "merged") else ""))
            new_runs, old_runs = c.segments()
            if c.kind != "deleted":
                out.append(f"  {NEW_HEADER}: " + "".join(f"［{t}］" if u else t for t, u in new_runs).replace("\n", " "))
            if c.kind != "inserted":
                out.append(f"  {OLD_HEADER}: " + "".join(f"［{t}］" if u else t for t, u in old_runs).replace("\n", " "))
        n_same = sum(1 for c in rev.changes if not c.changed)
        out.append(f"\n変更のない条項 / unchanged: {n_same}（うち番号のみ変更 {sum(1 for c in rev.changes if not c.changed and c.renumbered)}）")
        return "\n".join(out) + "\n"
    raise SnsCompareError(f"形式 '{fmt}' はありません / no format '{fmt}'.",
                          hint=f"  使用できる値 / available: {', '.join(DIFF_FORMATS)}")
