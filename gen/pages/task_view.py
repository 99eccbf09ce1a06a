"""How pages name and explain the benchmark's tasks, and the group of papers without one."""

from __future__ import annotations

from gen.pages.markup import text

TASK_DESCRIPTIONS = {
    "AuthorAblation": "The planner reads a paper's method section and proposes the ablations its authors should run; "
    "plans are judged against the authors' own ablations.",
    "ReviewerAblation": "The planner reads a full ICLR submission and proposes the ablations it is missing; "
    "plans are judged against the ablations its reviewers asked for.",
}
NO_TASK_LABEL = "No task"
NO_TASK_DESCRIPTION = "Papers that papers.yml gives no AblationBench task."


def task_label(task: str | None) -> str:
    return task or NO_TASK_LABEL


def task_anchor(task: str | None) -> str:
    """An id for the task's section: ``task-authorablation``, ``task-none``."""
    return f"task-{task.lower()}" if task else "task-none"


def task_description(task: str | None) -> str:
    """The task's meaning as escaped HTML; an unknown task (never from a checked papers.yml) gets none."""
    if task is None:
        return text(NO_TASK_DESCRIPTION)
    return text(TASK_DESCRIPTIONS.get(task, ""))
