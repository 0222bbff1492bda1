"""Vietnamese user-facing strings, kept as package data (assistant/data/strings_vi.json)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def strings() -> dict[str, Any]:
    text = resources.files("assistant").joinpath("data/strings_vi.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def gradio_strings() -> dict[str, str]:
    """Vietnamese for Gradio's own interface strings (upload area, buttons), by their keys
    in Gradio's translation files (``upload_text.drop_file`` …); for ``gr.I18n``."""
    text = resources.files("assistant").joinpath("data/gradio_vi.json").read_text(encoding="utf-8")
    return json.loads(text)


def prompt(name: str) -> str:
    """A prompt template from assistant/data/prompts/NAME.txt."""
    return resources.files("assistant").joinpath(f"data/prompts/{name}.txt").read_text(encoding="utf-8")
