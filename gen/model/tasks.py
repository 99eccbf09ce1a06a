"""How the site names and explains the benchmark's tasks, and the group of papers without one (plain text)."""

from __future__ import annotations

TASK_DESCRIPTIONS = {
    "AuthorAblation": "The planner reads a paper's method section and proposes the ablations its authors should run; "
    "plans are judged against the authors' own ablations.",
    "ReviewerAblation": "The planner reads a full ICLR submission and proposes the ablations it is missing; "
    "plans are judged against the ablations its reviewers asked for.",
}
NO_TASK_LABEL = "No task"
NO_TASK_PAPERS = "papers the published AblationBench trajectory table does not list"
NO_TASK_DESCRIPTION = f"{NO_TASK_PAPERS[0].upper()}{NO_TASK_PAPERS[1:]}: papers.yml gives them no task, and no published score covers them."


def task_label(task: str | None) -> str:
    return task or NO_TASK_LABEL


def task_anchor(task: str | None) -> str:
    """An id for the task's section: ``task-authorablation``, ``task-none``."""
    return f"task-{task.lower()}" if task else "task-none"


def task_description(task: str | None) -> str:
    """What the task asks of a planner; an unknown task (never one from a checked papers.yml) has no description."""
    return NO_TASK_DESCRIPTION if task is None else TASK_DESCRIPTIONS.get(task, "")
