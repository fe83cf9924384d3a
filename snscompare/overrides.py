"""``data/overrides.yaml``: single corrections of the aligner, each with a reason."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .corpus import DATA_DIR
from .errors import ConfigError
from .taxonomy import DIRECTIONS, Taxonomy
from .yamlio import check_keys, line_of, load_yaml


@dataclass(frozen=True)
class Override:
    clause_id: str
    add: tuple[str, ...]
    remove: tuple[str, ...]
    categories: tuple[str, ...] | None
    directions: tuple[str, ...] | None
    reason: str
    line: int | None


def load_overrides(path: Path | str | None = None, taxonomy: Taxonomy | None = None) -> list[Override]:
    """``data/overrides.yaml``: single corrections of the aligner, each with a reason."""
    path = Path(path) if path else DATA_DIR / "overrides.yaml"
    if not path.exists():
        return []
    data = load_yaml(path) or {}
    entries = data.get("overrides") if isinstance(data, dict) else None
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise ConfigError(path, line_of(data), "'overrides' は一覧にしてください / must be a list")
    topics = set(taxonomy.topic_ids) if taxonomy else None
    cats = set(taxonomy.category_ids) if taxonomy else None
    out = []
    for e in entries:
        if not isinstance(e, dict):
            raise ConfigError(path, None, f"override は対応表で / each override must be a mapping: {e!r}")
        check_keys(path, e, {"clause", "add", "remove", "categories", "directions", "reason"}, {"clause", "reason"}, "override")
        line = line_of(e)
        for key in ("add", "remove"):
            for t in e.get(key) or []:
                if topics is not None and t not in topics:
                    raise ConfigError(path, line, f"override {e['clause']}: 不明なトピック '{t}'", allowed=topics)
        for c in e.get("categories") or []:
            if cats is not None and c not in cats:
                raise ConfigError(path, line, f"override {e['clause']}: 不明なカテゴリ '{c}'", allowed=cats)
        for d in e.get("directions") or []:
            if d not in DIRECTIONS:
                raise ConfigError(path, line, f"override {e['clause']}: 不明な方向 '{d}'", allowed=DIRECTIONS)
        out.append(Override(
            e["clause"], tuple(e.get("add") or ()), tuple(e.get("remove") or ()),
            tuple(e["categories"]) if e.get("categories") is not None else None,
            tuple(e["directions"]) if e.get("directions") is not None else None,
            str(e["reason"]), line,
        ))
    return out


# --- the aligner ---------------------------------------------------------------
