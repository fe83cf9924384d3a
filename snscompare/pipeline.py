"""The whole pipeline in one call: what the CLI and the dashboard run.

read → segment into clauses → normalize → align to the taxonomy.  The tables are
computed from the returned :class:`~snscompare.align.Alignment` by
:mod:`snscompare.tables`.
"""
from __future__ import annotations

from pathlib import Path

from .align import Alignment, align_corpus, align_document, load_overrides
from .corpus import DATA_DIR, Document, doc_id_from_name, load_corpus, make_document
from .errors import InputError, bilingual
from .taxonomy import Taxonomy, load_taxonomy


def load_added(paths) -> list[Document]:
    """Policies given on the command line (files or directories of .txt/.md/.docx/.pdf).

    A directory may carry its documents' metadata in ``metadata.yaml`` or
    ``cities.yaml`` (the format of data/cities.yaml; ``synth`` writes one)."""
    from .corpus import load_metadata
    from .readers import SUPPORTED_SUFFIXES, read_path

    files: list[tuple[Path, dict]] = []
    for p in paths or []:
        p = Path(p)
        folder = p.parent
        try:
            is_dir = p.is_dir()
            folder = p
            found = sorted(f for f in p.iterdir() if f.suffix.lower() in SUPPORTED_SUFFIXES and f.is_file()) \
                if is_dir else []
        except PermissionError:  # a folder that cannot be listed (or passed through)
            raise InputError(bilingual("cli_folder_unreadable", path=folder)) from None
        if is_dir:
            if not found:
                raise InputError(f"「{p}」: 読み込めるファイルがありません / no {', '.join(SUPPORTED_SUFFIXES)} files in the directory")
            meta_file = next((p / n for n in ("metadata.yaml", "cities.yaml") if (p / n).exists()), None)
            meta = load_metadata(meta_file) if meta_file else {}
            files += [(f, meta.get(f.stem) or meta.get(doc_id_from_name(f.name)) or {}) for f in found]
        else:
            files.append((p, {}))
    return [make_document(doc_id_from_name(f.name), read_path(f), m, added=True) for f, m in files]


def unique_ids(existing: list[str], docs: list[Document]) -> list[Document]:
    """Give added documents ids that do not clash with the corpus (komoro → komoro-2)."""
    taken = set(existing)
    for d in docs:
        base, k = d.id, 2
        while d.id in taken:
            d.id = f"{base}-{k}"
            k += 1
        if d.id != base:
            for c in d.clauses:
                c.id = d.id + c.id[len(base):]
                c.doc_id = d.id
                c.parent = (d.id + c.parent[len(base):]) if c.parent else None
                c.children = [d.id + k_[len(base):] for k_ in c.children]
        taken.add(d.id)
    return docs


def build(added=(), *, data_dir: Path | None = None, taxonomy: Taxonomy | None = None,
          use_overrides: bool = True, extra_docs: list[Document] = (), cache: bool = False,
          workers: int = 1) -> Alignment:
    """Load the corpus (plus any added paths or documents) and align it.

    ``cache=True`` keeps each document's alignment on disk, keyed by a hash of its
    text and of the taxonomy (snscompare/cache.py), so a large corpus added with
    ``--add DIR`` is aligned once and a restart reads it back; opt-in, because a
    policy under discussion should not be copied to disk without asking.
    ``workers`` aligns documents in that many processes."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    taxonomy = taxonomy or load_taxonomy(data_dir / "taxonomy.yaml")
    docs = load_corpus(data_dir)
    more = unique_ids([d.id for d in docs], load_added(added) + list(extra_docs))
    overrides = load_overrides(data_dir / "overrides.yaml", taxonomy) if use_overrides else []
    exemplars = exemplars_for(docs, taxonomy, data_dir)
    if (cache or workers > 1) and not exemplars:
        from .cache import AlignmentCache, align_documents_cached, align_many

        if cache:
            return align_documents_cached(docs + more, taxonomy, overrides, workers=workers, cache=AlignmentCache())
        everything = docs + more
        return Alignment(everything, taxonomy,
                         {d.id: a for d, a in zip(everything, align_many(everything, taxonomy, overrides, workers=workers))})
    return align_corpus(docs + more, taxonomy, overrides, exemplars)


def exemplars_for(docs: list[Document], taxonomy: Taxonomy, data_dir: Path | None = None):
    """The labelled clauses of the corpus (data/gold) when the exemplar signal is on."""
    if taxonomy.settings.exemplar_threshold > 100:
        return []
    from .gold import load_exemplars

    return load_exemplars(docs, taxonomy, (Path(data_dir) if data_dir else DATA_DIR) / "gold")


def with_document(al: Alignment, doc: Document) -> Alignment:
    """The alignment plus one more document (an uploaded draft), without re-aligning the rest."""
    unique_ids(al.doc_ids, [doc])
    per_doc = dict(al.per_doc)
    per_doc[doc.id] = align_document(doc, al.taxonomy, exemplars=exemplars_for(al.docs, al.taxonomy))
    return Alignment(al.docs + [doc], al.taxonomy, per_doc)
