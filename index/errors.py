"""Domain errors, in one place, in the lowest layer that raises them (``index/``: the
corpus and index layers never import the assistant). The CLI and the UI turn them into
messages: ``message`` is shown to users, ``hint`` says what to do about it.
``assistant.errors`` re-exports them all."""

from __future__ import annotations


class VankienError(Exception):
    """Base of every error the product reports to a user (never shown as a traceback)."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class ConfigError(VankienError):
    """Settings that cannot work (bad value, missing optional package)."""

    exit_code = 2


class InputError(VankienError):
    """A question or file the product refuses (empty, too long, wrong format)."""

    exit_code = 2


class IndexMissingError(VankienError):
    """Nothing has been indexed yet."""

    exit_code = 3


class IndexMismatchError(VankienError):
    """The index was built by another embedder (or another chunking version)."""

    exit_code = 3


class IndexCorruptError(VankienError):
    """A damaged keyword index or manifest."""

    exit_code = 3


class StoreDamagedError(IndexCorruptError):
    """The store file itself cannot be read: ``vankien index`` moves it aside (kept) and
    rebuilds it from the source files."""


class IndexBusyError(VankienError):
    """Another indexing run holds the index lock."""

    exit_code = 4


class BackendError(VankienError):
    """A backend (Chroma server, LLM server) cannot be reached or failed."""

    exit_code = 5
