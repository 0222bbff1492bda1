"""Backends picked by name from a registry: embedders, vector stores, answerers.

A setting that names an unknown backend is refused with the list of available names; a
backend whose optional packages are missing says which extra to install. Builders
import what they need when called, never at import time. ``assistant.backends`` holds
the registries and what is registered in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from index.errors import ConfigError


@dataclass(frozen=True)
class Backend:
    name: str
    build: Callable[..., Any]
    extra: str | None = None  # the pip extra that installs its optional packages
    description: str = ""


class Registry:
    """Named backends of one kind (``kind`` is how messages call it, ``setting`` the variable)."""

    def __init__(self, kind: str, setting: str) -> None:
        self.kind = kind
        self.setting = setting
        self._backends: dict[str, Backend] = {}

    def register(self, name: str, build: Callable[..., Any], extra: str | None = None, description: str = "") -> None:
        if name in self._backends:
            raise ValueError(f"{self.kind} {name!r} is already registered")
        self._backends[name] = Backend(name, build, extra, description)

    def names(self) -> list[str]:
        return list(self._backends)

    def unknown_message(self, name: str) -> str:
        return f"unknown {self.kind} {name!r}; available: {', '.join(self.names())}"

    def check(self, name: str) -> str:
        """The name, if registered; else ValueError listing the names (for settings validators)."""
        if name not in self._backends:
            raise ValueError(self.unknown_message(name))
        return name

    def get(self, name: str) -> Backend:
        if name not in self._backends:
            raise ConfigError(f"{self.setting}: {self.unknown_message(name)}")
        return self._backends[name]

    def build(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Build the backend; a missing optional package becomes a ConfigError naming the extra."""
        backend = self.get(name)
        try:
            return backend.build(*args, **kwargs)
        except ImportError as exc:
            missing = exc.name or str(exc)
            hint = f"pip install 'vankien[{backend.extra}]'" if backend.extra else f"pip install {missing}"
            raise ConfigError(
                f"The {self.kind} {name!r} needs {missing}, which is not installed (chưa cài gói {missing}).",
                hint=f"Install it: {hint}",
            ) from exc
