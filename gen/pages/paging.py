"""Listings split by task into pages of a bounded size, as the published AblationBench table groups papers.

Each task's items fill their own pages, numbered on through the tasks, so no
page grows with the corpus and no page mixes tasks. The papers matrix and each
system's trajectory listing are paged this way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True)
class TaskPage(Generic[Item]):
    """One page of a listing: its number over all pages, its task, and its items."""

    number: int
    task: str | None
    items: Sequence[Item]


def pages_by_task(groups: Mapping[str | None, Sequence[Item]], per_page: int) -> list[TaskPage[Item]]:
    """``groups`` in their order, each cut into pages of at most ``per_page``; one empty page when there is nothing."""
    pages: list[TaskPage[Item]] = []
    for task, items in groups.items():
        for start in range(0, len(items), per_page):
            pages.append(TaskPage(len(pages) + 1, task, items[start:start + per_page]))
    return pages or [TaskPage(1, None, [])]


def pages_of_task(pages: Sequence[TaskPage[Item]], task: str | None) -> list[TaskPage[Item]]:
    return [page for page in pages if page.task == task]
