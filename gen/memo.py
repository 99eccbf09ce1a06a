"""Results kept from one build for the next, so that a live server's rebuild recomputes only what changed.

A result is kept under a key naming everything its computation reads, and
reused by the next build only if that build asks with an equal key; results
the next build does not ask for are dropped, so memory stays that of one build.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Same:
    """A key part equal only to the very same object: cheap to hash however large the object is.

    The key holds the object, so its ``id`` cannot be reused while the result is kept.
    """

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.value is self.value


class Memo:
    """Results by key: those of the current build, and those of the previous one still to be claimed."""

    def __init__(self) -> None:
        self._previous: dict[Hashable, Any] = {}
        self._current: dict[Hashable, Any] = {}

    def next_build(self) -> None:
        self._previous, self._current = self._current, {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        current = self._current
        if key in current:
            return current[key]
        value = self._previous.pop(key) if key in self._previous else compute()
        current[key] = value
        return value

    def of(self, kind: str, source: object, compute: Callable[[], T]) -> T:
        """The result computed from the very object ``source``, under ``kind``.

        Like ``get(Same(source))``, without a Python-level hash per lookup, which
        for the tens of thousands of search documents was a tenth of a rebuild:
        the key is the object's ``id``, and the entry keeps the object, so that
        the ``id`` cannot name another object while the entry lives.
        """
        key = (kind, id(source))
        entry = self._current.get(key) or self._previous.pop(key, None) or (source, compute())
        self._current[key] = entry
        return entry[1]


class NoMemo(Memo):
    """Computes everything: for a single build, which has nothing to reuse."""

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        return compute()

    def of(self, kind: str, source: object, compute: Callable[[], T]) -> T:
        return compute()
