"""Shared fixtures: the real corpus, parsed and aligned once per test session."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The five documents of data/policies, in data/cities.yaml's order: the one list the tests
# share (`from tests.conftest import DOC_IDS`).
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


class Downloads:
    """What the download buttons of an AppTest run would hand the browser.  The buttons
    build their files when clicked (``data=`` a function): the functions are recorded as
    the buttons register them, and :meth:`data` calls the one of a button."""

    def __init__(self):
        self.made: dict[str, object] = {}

    def data(self, at, key: str) -> bytes:
        """The bytes of the download button whose key is ``key``."""
        buttons = [b for b in at.get("download_button") if b.proto.id.endswith("-" + key)]
        assert buttons, f"no download button {key}: {[b.proto.id for b in at.get('download_button')]}"
        made = self.made[buttons[-1].proto.deferred_file_id]()
        return made.encode("utf-8") if isinstance(made, str) else made


@pytest.fixture
def downloads(monkeypatch) -> Downloads:
    from streamlit.runtime.media_file_manager import MediaFileManager

    rec = Downloads()
    register = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = register(self, data_callable, *args, **kwargs)
        rec.made[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return rec
