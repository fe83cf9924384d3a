"""Reading the project's YAML files safely, with line numbers for every error.

Only ``yaml.SafeLoader`` is used (no object construction from documents).  Each
mapping remembers the line it starts on under the key ``__line__`` so that a
validation error can name the file and line; duplicate keys, which YAML loaders
silently collapse, are an error.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ConfigError

LINE = "__line__"


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise ConfigError(
                loader.name,
                key_node.start_mark.line + 1,
                f"キー '{key}' が重複しています（{seen[key]}行目にもあります） / duplicate key '{key}'",
            )
        seen[key] = key_node.start_mark.line + 1
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path | str, *, text: str | None = None):
    """Load a YAML file; every mapping carries its line number under ``__line__``."""
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ConfigError(path, None, "ファイルがありません / file not found") from None
        except UnicodeDecodeError as e:
            raise ConfigError(path, None, f"UTF-8 で読めません / not UTF-8 ({e.reason})") from None
    loader = _LineLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except ConfigError:
        raise
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e)
        raise ConfigError(path, line, f"YAML の書式が正しくありません / malformed YAML: {problem}") from None
    finally:
        loader.dispose()


def line_of(obj, default: int | None = None) -> int | None:
    return obj.get(LINE, default) if isinstance(obj, dict) else default


def strip_lines(obj):
    """A copy without the ``__line__`` bookkeeping (for output)."""
    if isinstance(obj, dict):
        return {k: strip_lines(v) for k, v in obj.items() if k != LINE}
    if isinstance(obj, list):
        return [strip_lines(v) for v in obj]
    return obj


def check_keys(path, mapping: dict, allowed: set[str], required: set[str], what: str):
    line = line_of(mapping)
    for key in mapping:
        if key != LINE and key not in allowed:
            raise ConfigError(path, line, f"{what}: 不明なキー '{key}' / unknown key '{key}'", allowed=allowed)
    for key in required:
        if key not in mapping or mapping[key] in (None, "", []):
            raise ConfigError(path, line, f"{what}: '{key}' がありません / '{key}' is missing", allowed=required)
