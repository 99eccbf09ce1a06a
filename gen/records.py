"""Typed records the reader produces and the page writers consume."""

from __future__ import annotations

from dataclasses import dataclass, field

KNOWN_ACTIONS = ("REPLACE", "REMOVE", "ADD")
QUOTED_LENGTH = 80


def quoted(value: str) -> str:
    """A piece of the file as a diagnostic quotes it: on one line, and short, keeping both ends."""
    if len(value) > QUOTED_LENGTH:
        half = QUOTED_LENGTH // 2
        value = value[:half] + "…" + value[-half + 1:]
    return repr(value)


@dataclass(frozen=True)
class Diagnostic:
    """One problem with one input file, worded for the person who owns the file.

    ``str()`` gives one line, ``path: problem``, even for a path holding a newline.
    """

    source: str
    message: str

    def __str__(self) -> str:
        source = self.source if self.source.isprintable() else repr(self.source)
        return f"{source}: {self.message}"


@dataclass(frozen=True)
class Identity:
    """Who planned for which paper, as written in the trajectory."""

    planner: str
    model: str
    paper: str


@dataclass(frozen=True)
class Ablation:
    """One proposed ablation, every field verbatim."""

    name: str
    part: str
    action: str
    replacements: tuple[str, ...] | None
    metrics: tuple[str, ...]
    other_fields: tuple[tuple[str, str], ...] = ()
    unstructured: str = ""

    @property
    def action_kind(self) -> str | None:
        """The action as one of KNOWN_ACTIONS, or None when it is missing or unknown."""
        kind = self.action.strip().upper()
        return kind if kind in KNOWN_ACTIONS else None


@dataclass(frozen=True)
class Plan:
    """The ablation plan box: any text before the first ablation, then the ablations."""

    preamble: str
    ablations: tuple[Ablation, ...]


@dataclass(frozen=True)
class Trajectory:
    """One planner's reasoning and ablation plan for one paper.

    ``unstructured`` holds, verbatim, any text of the file that did not fit the
    format, so that a page can show it instead of losing it.
    """

    source: str = field(compare=False)
    identity: Identity
    reasoning: str | None
    plan: Plan | None
    unstructured: tuple[str, ...] = ()
    decoding_steps: tuple[str, ...] = field(default=(), compare=False)

    @property
    def ablations(self) -> tuple[Ablation, ...]:
        return self.plan.ablations if self.plan else ()
