"""The common taxonomy (``data/taxonomy.yaml``): topics, prohibited-content
categories and the aligner's settings, validated on load.

The topic and category ids are the public contract of the product specification
(``../shared/spec/taxonomy.md``); :data:`SPEC_TOPIC_IDS` and
:data:`SPEC_CATEGORY_IDS` hold them so that a taxonomy file missing one of them
fails to load.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import ConfigError, UnknownIdError
from .paths import DATA_DIR  # noqa: F401  (re-exported: modules import it from here)
from .yamlio import check_keys, line_of, load_yaml


SPEC_TOPIC_IDS = (
    "purpose definitions platforms effective_date account_list official_disclosure responsible_roles "
    "opening_procedure closure_procedure outsourcing account_security operating_hours supplementary_rules "
    "content_scope emergency_info staff_conduct correction permanence privacy_handling city_prohibited "
    "reply_policy inquiry_channel follow_policy user_prohibited moderation disclaimer_accuracy "
    "disclaimer_damages disclaimer_user_disputes disclaimer_user_posts disclaimer_platform copyright_city "
    "copyright_user_posts damages_claim policy_changes governing_law flaming_response impersonation "
    "misinformation_response incident_escalation"
).split()
SPEC_CATEGORY_IDS = (
    "illegal defamation discrimination political_religious commercial public_order false_info privacy "
    "impersonating_others rights_infringement malware obscene alteration off_topic harm_to_city tos_violation "
    "harmful_links repetition secrets security_threat staff_personal deliberation catch_all"
).split()
GROUPS = ("framework", "governance", "posting", "interaction", "legal", "incident")
DIRECTIONS = ("user", "city")
MATCHERS = ("lemma_exact", "nfkc_exact", "either_exact", "lemma_partial")
SIMILARITY_SCORERS = ("ratio", "partial_ratio", "token_set_ratio", "token_sort_ratio", "WRatio", "QRatio")


@dataclass(frozen=True)
class Cue:
    """A phrase (or ``re:`` pattern, or ``A+B`` conjunction) that signals a topic."""

    text: str
    sources: tuple[str, ...] = ()  # documents whose own wording this cue was taken from
    why: str = ""  # why a cue that only one labelled document uses is general vocabulary nonetheless

    @property
    def is_regex(self) -> bool:
        return self.text.startswith("re:")

    @property
    def parts(self) -> tuple[str, ...]:
        return (self.text,) if self.is_regex else tuple(p for p in self.text.split("+") if p)


@dataclass(frozen=True)
class Topic:
    id: str
    group: str
    ja: str
    en: str
    definition: str
    cues: tuple[Cue, ...] = ()
    title_cues: tuple[Cue, ...] = ()
    section_cues: tuple[Cue, ...] = ()
    unless: tuple[Cue, ...] = ()
    why: str = ""

    def label(self, lang: str = "ja") -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Category:
    id: str
    ja: str
    en: str
    cues: tuple[Cue, ...] = ()
    unless: tuple[Cue, ...] = ()
    why: str = ""

    def label(self, lang: str = "ja") -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Settings:
    matcher: str = "nfkc_exact"
    partial_cutoff: int = 90
    section_score: int = 80
    threshold: int = 70
    similarity_scorer: str = "ratio"
    # Labelled clauses of other documents as exemplars (k-nearest neighbour).
    exemplar_scorer: str = "token_set_ratio"
    exemplar_threshold: int = 101  # > 100: off


@dataclass(frozen=True)
class ListRules:
    list_cues: tuple[Cue, ...] = ()
    city_cues: tuple[Cue, ...] = ()
    user_cues: tuple[Cue, ...] = ()
    city_item_cues: tuple[Cue, ...] = ()
    moderation_cues: tuple[Cue, ...] = ()
    glossary_cues: tuple[Cue, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    categories: tuple[Category, ...]
    groups: dict = field(default_factory=dict)  # id -> {"ja": …, "en": …}
    settings: Settings = Settings()
    lists: ListRules = ListRules()
    path: str = ""

    def topic(self, topic_id: str) -> Topic:
        for t in self.topics:
            if t.id == topic_id:
                return t
        raise UnknownIdError("topic", topic_id, [t.id for t in self.topics])

    def category(self, category_id: str) -> Category:
        for c in self.categories:
            if c.id == category_id:
                return c
        raise UnknownIdError("category", category_id, [c.id for c in self.categories])

    @property
    def topic_ids(self) -> list[str]:
        return [t.id for t in self.topics]

    @property
    def category_ids(self) -> list[str]:
        return [c.id for c in self.categories]

    def cue_lists(self) -> list[list[Cue]]:
        """Every cue list the aligner reads: the prohibited-list rules, then each
        topic's and each category's."""
        r = self.lists
        out = [r.list_cues, r.city_cues, r.user_cues, r.city_item_cues, r.moderation_cues, r.glossary_cues]
        for t in self.topics:
            out += [t.cues, t.unless, t.title_cues, t.section_cues]
        for c in self.categories:
            out += [c.cues, c.unless]
        return out

    def group_label(self, group: str, lang: str = "ja") -> str:
        g = self.groups.get(group, {})
        return g.get(lang, group)

    def without_sources(self, held_out: str) -> "Taxonomy":
        """The taxonomy as it would be had ``held_out`` never been read: every cue
        taken only from that document's wording (``from:``) is dropped, from every
        cue list — topics, categories, their ``unless`` lists and the prohibited-list
        rules alike (leave-one-document-out)."""

        def keep(cues):
            return tuple(c for c in cues if not c.sources or set(c.sources) - {held_out})

        topics = tuple(
            Topic(t.id, t.group, t.ja, t.en, t.definition, keep(t.cues), keep(t.title_cues), keep(t.section_cues),
                  keep(t.unless), t.why)
            for t in self.topics
        )
        cats = tuple(Category(c.id, c.ja, c.en, keep(c.cues), keep(c.unless), c.why) for c in self.categories)
        lists = ListRules(**{k: keep(getattr(self.lists, k)) for k in _LIST_KEYS})
        return Taxonomy(topics, cats, self.groups, self.settings, lists, self.path)

    @cached_property
    def compiled(self):
        """This taxonomy made ready for matching (:class:`~snscompare.cues.CompiledTaxonomy`),
        built on first use and kept with it: every document aligned with this
        taxonomy shares the compiled cue lists."""
        from .cues import CompiledTaxonomy

        return CompiledTaxonomy(self)

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("compiled", None)  # rebuilt on first use in the process that unpickles it
        return state

    def with_settings(self, **changes) -> "Taxonomy":
        s = self.settings
        new = Settings(**{**s.__dict__, **changes})
        return Taxonomy(self.topics, self.categories, self.groups, new, self.lists, self.path)


_TOPIC_KEYS = {"id", "group", "ja", "en", "definition", "cues", "title_cues", "section_cues", "unless", "why"}
_CATEGORY_KEYS = {"id", "ja", "en", "cues", "unless", "why"}
_LIST_KEYS = {"list_cues", "city_cues", "user_cues", "city_item_cues", "moderation_cues", "glossary_cues"}


def _cues(path, owner: dict, key: str, *, required: bool = False) -> tuple[Cue, ...]:
    raw = owner.get(key) or []
    line = line_of(owner)
    if not isinstance(raw, list):
        raise ConfigError(path, line, f"'{key}' は一覧にしてください / '{key}' must be a list")
    if required and not raw:
        raise ConfigError(path, line, f"'{owner.get('id')}': '{key}' が空です / '{key}' is empty")
    out = []
    for item in raw:
        if isinstance(item, dict):
            check_keys(path, item, {"text", "from", "why"}, {"text"}, f"cue of '{owner.get('id')}'")
            text, sources, why = item["text"], item.get("from") or [], str(item.get("why") or "")
            if isinstance(sources, str):
                sources = [sources]
        else:
            text, sources, why = item, [], ""
        if not isinstance(text, str) or not text.strip():
            raise ConfigError(path, line, f"'{owner.get('id')}': 空の{key}があります / empty cue in '{key}'")
        text = str(text).strip()
        if text.startswith("re:"):
            try:
                re.compile(text[3:])
            except re.error as e:
                raise ConfigError(path, line, f"正規表現が正しくありません / bad regular expression {text!r}: {e}") from None
        out.append(Cue(text, tuple(sources), why))
    return tuple(out)


def load_taxonomy(path: Path | str | None = None, *, text: str | None = None) -> Taxonomy:
    path = Path(path) if path else DATA_DIR / "taxonomy.yaml"
    data = load_yaml(path, text=text)
    if not isinstance(data, dict):
        raise ConfigError(path, 1, "トップレベルは対応表にしてください / top level must be a mapping",
                          allowed=["settings", "prohibited_lists", "groups", "topics", "categories"])
    check_keys(path, data, {"settings", "prohibited_lists", "groups", "topics", "categories"}, {"topics", "categories"}, "taxonomy")

    raw_settings = data.get("settings") or {}
    check_keys(path, raw_settings, set(Settings.__dataclass_fields__), set(), "settings")
    settings = Settings(**{k: v for k, v in raw_settings.items() if k != "__line__"})
    if settings.matcher not in MATCHERS:
        raise ConfigError(path, line_of(raw_settings), f"matcher '{settings.matcher}' は使えません / unknown matcher", allowed=MATCHERS)
    if settings.similarity_scorer not in SIMILARITY_SCORERS:
        raise ConfigError(path, line_of(raw_settings), f"similarity_scorer '{settings.similarity_scorer}' は使えません",
                          allowed=SIMILARITY_SCORERS)
    if settings.exemplar_scorer not in SIMILARITY_SCORERS:
        raise ConfigError(path, line_of(raw_settings), f"exemplar_scorer '{settings.exemplar_scorer}' は使えません",
                          allowed=SIMILARITY_SCORERS)
    for key in ("partial_cutoff", "section_score", "threshold", "exemplar_threshold"):
        v = getattr(settings, key)
        if not isinstance(v, (int, float)) or not 0 <= v <= 101:
            raise ConfigError(path, line_of(raw_settings), f"'{key}' は 0〜100 の数にしてください / '{key}' must be 0-100")

    raw_lists = data.get("prohibited_lists") or {}
    check_keys(path, raw_lists, _LIST_KEYS, set(), "prohibited_lists")
    lists = ListRules(**{k: _cues(path, raw_lists, k) for k in _LIST_KEYS})

    groups = {}
    for gid, g in (data.get("groups") or {}).items():
        if gid == "__line__":
            continue
        if gid not in GROUPS:
            raise ConfigError(path, line_of(data.get("groups")), f"不明なグループ '{gid}' / unknown group", allowed=GROUPS)
        groups[gid] = {"ja": g.get("ja", gid), "en": g.get("en", gid)}

    topics, seen = [], {}
    for raw in data.get("topics") or []:
        if not isinstance(raw, dict):
            raise ConfigError(path, None, f"topics の各項目は対応表にしてください / each topic must be a mapping: {raw!r}")
        check_keys(path, raw, _TOPIC_KEYS, {"id", "group", "ja", "en", "definition"}, f"topic '{raw.get('id')}'")
        tid = raw["id"]
        if tid in seen:
            raise ConfigError(path, line_of(raw), f"トピック '{tid}' が重複しています（{seen[tid]}行目） / duplicate topic id")
        seen[tid] = line_of(raw)
        if raw["group"] not in GROUPS:
            raise ConfigError(path, line_of(raw), f"topic '{tid}': 不明なグループ '{raw['group']}'", allowed=GROUPS)
        cues = _cues(path, raw, "cues")
        title_cues = _cues(path, raw, "title_cues")
        section_cues = _cues(path, raw, "section_cues")
        if not (cues or title_cues or section_cues) and tid not in ("city_prohibited", "user_prohibited"):
            raise ConfigError(path, line_of(raw), f"topic '{tid}': cues が空です / no cues: the aligner could never find it")
        topics.append(Topic(tid, raw["group"], raw["ja"], raw["en"], raw["definition"], cues, title_cues, section_cues,
                            _cues(path, raw, "unless"), raw.get("why", "")))
    missing = [t for t in SPEC_TOPIC_IDS if t not in seen]
    if missing:
        raise ConfigError(path, None, f"仕様のトピックがありません / topics missing from the file: {', '.join(missing)}",
                          allowed=SPEC_TOPIC_IDS)

    categories, seen = [], {}
    for raw in data.get("categories") or []:
        if not isinstance(raw, dict):
            raise ConfigError(path, None, f"categories の各項目は対応表にしてください: {raw!r}")
        check_keys(path, raw, _CATEGORY_KEYS, {"id", "ja", "en"}, f"category '{raw.get('id')}'")
        cid = raw["id"]
        if cid in seen:
            raise ConfigError(path, line_of(raw), f"カテゴリ '{cid}' が重複しています（{seen[cid]}行目） / duplicate category id")
        seen[cid] = line_of(raw)
        categories.append(Category(cid, raw["ja"], raw["en"], _cues(path, raw, "cues", required=True),
                                   _cues(path, raw, "unless"), raw.get("why", "")))
    missing = [c for c in SPEC_CATEGORY_IDS if c not in seen]
    if missing:
        raise ConfigError(path, None, f"仕様のカテゴリがありません / categories missing: {', '.join(missing)}",
                          allowed=SPEC_CATEGORY_IDS)
    return Taxonomy(tuple(topics), tuple(categories), groups, settings, lists, str(path))
