"""The domain errors, re-exported where the assistant's callers expect them; they are
defined in ``index.errors``, the lowest layer that raises them."""

from index.errors import (
    BackendError,
    ConfigError,
    IndexBusyError,
    IndexCorruptError,
    IndexMismatchError,
    IndexMissingError,
    InputError,
    VankienError,
)

__all__ = [
    "BackendError",
    "ConfigError",
    "IndexBusyError",
    "IndexCorruptError",
    "IndexMismatchError",
    "IndexMissingError",
    "InputError",
    "VankienError",
]
