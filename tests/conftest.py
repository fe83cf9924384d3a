"""Shared fixtures: the real corpus, parsed and aligned once per test session."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DOC_IDS = ["komoro", "otaru", "tottori", "kitami", "saku"]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def taxonomy():
    from snscompare.taxonomy import load_taxonomy

    return load_taxonomy()


@pytest.fixture(scope="session")
def corpus():
    from snscompare.corpus import load_corpus

    return load_corpus()


@pytest.fixture(scope="session")
def docs(corpus):
    return {d.id: d for d in corpus}


@pytest.fixture(scope="session")
def alignment():
    from snscompare.pipeline import build

    return build()


@pytest.fixture
def fresh_server(tmp_path):
    """A `streamlit run app.py` of its own (port), started for one test: what a first visitor
    after a server start meets."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import loadtest

    port = loadtest.free_port()
    with open(tmp_path / "server.log", "wb") as log:
        proc = loadtest.start_server(port, log)
        yield port
        loadtest.stop_server(proc)
