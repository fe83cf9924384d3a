"""The per-document alignment cache: a hit is the same result; a changed text misses."""
from __future__ import annotations

from snscompare.align import align_corpus
from snscompare.cache import AlignmentCache, align_documents_cached, cache_dir, make_document_cached
from snscompare.corpus import make_document
from snscompare.synth import generate
from snscompare.tables import coverage_matrix, prohibited_matrix


def _docs(n=6, seed=2):
    return [make_document(d.doc_id, d.text, d.meta) for d in generate(n, seed=seed)]


def test_hit_returns_identical_results(tmp_path, taxonomy):
    docs = _docs()
    cold_cache = AlignmentCache(tmp_path)
    cold = align_documents_cached(docs, taxonomy, cache=cold_cache)
    assert cold_cache.stats.misses == len(docs) and cold_cache.stats.written == len(docs)
    warm_cache = AlignmentCache(tmp_path)  # a restart: a new object on the same directory
    warm = align_documents_cached(docs, taxonomy, cache=warm_cache)
    assert warm_cache.stats.hits == len(docs) and warm_cache.stats.misses == 0
    fresh = align_corpus(docs, taxonomy)
    assert warm.per_doc == fresh.per_doc == cold.per_doc
    assert coverage_matrix(warm).equals(coverage_matrix(fresh))
    assert prohibited_matrix(warm).equals(prohibited_matrix(fresh))
    again = make_document_cached(docs[0].id, docs[0].text, docs[0].__dict__ | {}, taxonomy, cache=AlignmentCache(tmp_path))
    assert [c.to_dict() for c in again.clauses] == [c.to_dict() for c in docs[0].clauses]


def test_changed_text_is_invalidated(tmp_path, taxonomy):
    docs = _docs(3)
    align_documents_cached(docs, taxonomy, cache_dir=tmp_path)
    changed = make_document(docs[1].id, docs[1].text.replace("削除", "消去"), None)
    cache = AlignmentCache(tmp_path)
    al = align_documents_cached([docs[0], changed, docs[2]], taxonomy, cache=cache)
    assert (cache.stats.hits, cache.stats.misses) == (2, 1)
    assert al.per_doc[changed.id] == align_corpus([changed], taxonomy).per_doc[changed.id]


def test_changed_taxonomy_is_invalidated(tmp_path, taxonomy):
    from dataclasses import replace

    docs = _docs(2)
    align_documents_cached(docs, taxonomy, cache_dir=tmp_path)
    other = replace(taxonomy, topics=taxonomy.topics[:-1])
    cache = AlignmentCache(tmp_path)
    align_documents_cached(docs, other, cache=cache)
    assert cache.stats.hits == 0


def test_bounded_and_configurable(tmp_path, taxonomy, monkeypatch):
    monkeypatch.setenv("SNSCOMPARE_CACHE_DIR", str(tmp_path / "env"))
    assert cache_dir() == tmp_path / "env"
    cache = AlignmentCache(tmp_path / "small", max_entries=3)
    align_documents_cached(_docs(5), taxonomy, cache=cache)
    assert len(cache.entries()) == 3


def test_the_cache_key_covers_every_module_the_aligner_imports():
    """An entry is keyed by the code that computed it: a module the aligner imports
    but the key leaves out would let a changed aligner read stale alignments."""
    import ast
    from pathlib import Path

    from snscompare import cache

    pkg = Path(cache.__file__).resolve().parent
    seen, todo = set(), ["align.py"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if not (pkg / name).exists():
            continue  # a package (readers/): it reads files, it decides nothing
        for node in ast.walk(ast.parse((pkg / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                todo.append(node.module.split(".")[0] + ".py")
    computing = seen - {"corpus.py", "errors.py", "yamlio.py", "i18n.py", "readers.py", "paths.py"}  # read or report, never decide
    assert computing <= set(cache._CODE_FILES), sorted(computing - set(cache._CODE_FILES))


def test_a_cached_document_is_the_document_with_its_metadata(tmp_path, taxonomy):
    """A hit fills metadata where an uncached document does (corpus.make_document), so
    nothing differs, the ``added`` flag included."""
    d = generate(1, seed=5)[0]
    meta = {k: v for k, v in d.meta.items() if k not in ("title", "dates")}  # filled from the text
    align_documents_cached([make_document(d.doc_id, d.text, meta)], taxonomy, cache_dir=tmp_path)
    cache = AlignmentCache(tmp_path)
    for added in (False, True):
        hit = make_document_cached(d.doc_id, d.text, meta, taxonomy, cache=cache, added=added)
        assert hit == make_document(d.doc_id, d.text, meta, added=added)
        assert hit.added is added and hit.title and hit.kind
    assert cache.stats.hits == 2
