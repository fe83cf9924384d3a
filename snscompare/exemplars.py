"""Labelled clauses of known documents as exemplars: a clause no cue places can
take the topics of the most similar labelled clause of another document
(off unless ``exemplar_threshold`` in taxonomy.yaml is 100 or less)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .corpus import Document
from .taxonomy import Taxonomy


@dataclass(frozen=True)
class Exemplar:
    """A labelled clause of a known document: its topics, or its categories if it
    is an item of a prohibited list."""

    doc_id: str
    clause_id: str
    text: str  # SudachiPy normalized forms, space separated
    topics: frozenset
    categories: frozenset = frozenset()


def exemplar_text(norm: str) -> str:
    """The text compared with exemplars: normalized forms separated by spaces
    (so rapidfuzz's token scorers see Japanese words)."""
    from .normalize import lemmas

    return " ".join(t.lower() for t in lemmas(norm) if t.strip() and not re.fullmatch(r"[\W_]+", t))


def _scorer(name: str):
    return getattr(fuzz, name)


# --- overrides -----------------------------------------------------------------


def nearest_exemplars(doc: Document, exemplars, taxonomy: Taxonomy, *, skip: set, hays=None) -> dict:
    """clause id -> topic -> (similarity, exemplar clause id), for similarities at or
    above the exemplar threshold (the best exemplar per topic)."""
    th = taxonomy.settings.exemplar_threshold
    pool = [e for e in exemplars if e.doc_id != doc.id and e.topics]
    if th > 100 or not pool:
        return {}
    import numpy as np
    from rapidfuzz import process

    targets = [c for c in doc.clauses if c.id not in skip and c.kind != "preamble"]
    if not targets:
        return {}
    queries = [exemplar_text(c.norm) for c in targets]
    m = process.cdist(queries, [e.text for e in pool], scorer=_scorer(taxonomy.settings.exemplar_scorer),
                      dtype=np.uint8, workers=1)
    out: dict = {}
    for i, c in enumerate(targets):
        if not queries[i]:
            continue
        row = m[i]
        for j in np.nonzero(row >= th)[0]:
            for t in pool[j].topics:
                cur = out.setdefault(c.id, {}).get(t)
                if cur is None or row[j] > cur[0]:
                    out[c.id][t] = (float(row[j]), pool[j].clause_id)
    return out
