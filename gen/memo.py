"""Results kept from one build for the next, so that a live server's rebuild recomputes only what changed.

A result is kept under a key naming everything its computation reads, and
reused by the next build only if that build asks with an equal key; results
the next build does not ask for are dropped, so memory stays that of one build.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import wraps
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

    def clear(self) -> None:
        self._previous, self._current = {}, {}

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


class BuildOnlyMemo(Memo):
    """Results kept while the build that asked runs, and dropped when it ends (``BUILD_CACHES.end_build``):
    for results that hold the build's own model objects (a paper group, the site). Kept past the build,
    they would keep its model alive into the live server's idle collection, which freezes what survives
    (gen/engines/mkdocs_site.py), so that the model, once dropped, would never be freed."""

    def next_build(self) -> None:
        self.clear()


class _BuildCaches:
    """The memos of the functions decorated with ``kept_per_build``, advanced together once per build."""

    def __init__(self) -> None:
        self.memos: list[Memo] = []

    def next_build(self) -> None:
        for memo in self.memos:
            memo.next_build()

    def end_build(self) -> None:
        """Drop what only the build that has just ended needed."""
        for memo in self.memos:
            if isinstance(memo, BuildOnlyMemo):
                memo.clear()

    def kept(self) -> int:
        """How many results are kept, this build's and the last one's."""
        return sum(len(memo._current) + len(memo._previous) for memo in self.memos)

    def forget(self) -> None:
        """Drop every result: after a single build, which has no next build to keep them for."""
        for memo in self.memos:
            memo.clear()


BUILD_CACHES = _BuildCaches()


def kept_per_build(function: Callable[..., T]) -> Callable[..., T]:
    """``function``'s results by its arguments, kept for the build that asked and, like a Memo's, for the
    next one, which drops those it does not ask for again.

    For pure functions that several pages of one build call with the same
    arguments (a trajectory's rendering, a set of plans' statistics). A
    process-wide ``functools.cache`` would keep every version of every edited
    trajectory for as long as a live server runs; this keeps what the current
    inputs need. Arguments are compared as keys are: use ``Same`` for large ones.
    """
    return _cached(function, Memo())


def kept_for_this_build(function: Callable[..., T]) -> Callable[..., T]:
    """``function``'s results by its arguments, while the build that asked runs (``BuildOnlyMemo``): for what
    several pages of one build compute from one model object (a paper's agreement groups)."""
    return _cached(function, BuildOnlyMemo())


def _cached(function: Callable[..., T], memo: Memo) -> Callable[..., T]:
    BUILD_CACHES.memos.append(memo)

    @wraps(function)
    def cached(*arguments):
        return memo.get(arguments, lambda: function(*arguments))

    return cached
