"""One trajectory file in, one typed record and its diagnostics out.

A trajectory is a ``<style>`` block, a ``# planner/model/paper`` heading and two
inline-styled ``<div>`` boxes, each opened by an ``<h2>`` title and holding
Markdown. The boxes are told apart by their titles' words, never by emoji or
colours. Styles are dropped; any other text that does not fit is kept in the
record's ``unstructured`` field and named in a diagnostic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from gen.decoding import decode_trajectory_bytes
from gen.plan_reader import read_plan
from gen.records import Diagnostic, Identity, Trajectory

IDENTITY_HEADING = re.compile(r"^#[ \t]+(?P<identity>\S.*?)[ \t]*$")
STYLE_START = re.compile(r"^\s*<style\b", re.IGNORECASE)
STYLE_END = re.compile(r"</style\s*>", re.IGNORECASE)
BOX_START = re.compile(r"^\s*<div\b[^>]*>(?P<rest>.*)$", re.IGNORECASE)
BOX_TITLE = re.compile(r"^\s*<h2\b[^>]*>(?P<title>.*?)</h2\s*>(?P<rest>.*)$", re.IGNORECASE)
BOX_END = re.compile(r"^\s*</div\s*>\s*$", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
FALLBACK_PLANNER, FALLBACK_MODEL = "unknown-planner", "unknown-model"


@dataclass
class _Box:
    title: str
    lines: list[str] = field(default_factory=list)
    closed: bool = False

    @property
    def kind(self) -> str:
        words = self.title.lower()
        if "reasoning" in words:
            return "reasoning"
        if "plan" in words:
            return "plan"
        return "other"

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip("\n")


@dataclass
class _Layout:
    """The file cut into its parts, before any part is interpreted."""

    identity_line: str | None = None
    boxes: list[_Box] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)


def _title_after_div(lines: list[str], index: int, rest: str) -> tuple[str, str, int] | None:
    """The ``<h2>`` title that opens a box, on the ``<div>`` line or the next non-blank one."""
    candidates = [(rest, index)]
    following = index + 1
    while following < len(lines) and not lines[following].strip():
        following += 1
    if following < len(lines):
        candidates.append((lines[following], following))
    for text, line_index in candidates:
        title = BOX_TITLE.match(text)
        if title:
            return TAG.sub("", title["title"]).strip(), title["rest"], line_index
    return None


def _style_end(lines: list[str], index: int) -> int | None:
    """The line that closes the ``<style>`` block opened at ``index``; None if it is never closed."""
    return next((end for end in range(index, len(lines)) if STYLE_END.search(lines[end])), None)


def _cut_layout(text: str) -> _Layout:
    layout = _Layout()
    lines = text.split("\n")
    box: _Box | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        start = BOX_START.match(line)
        opened = _title_after_div(lines, index, start["rest"]) if start else None
        if opened:
            title, rest, index = opened
            box = _Box(title, [rest] if rest.strip() else [])
            layout.boxes.append(box)
        elif box is not None and not box.closed:
            if BOX_END.match(line):
                box.closed = True
            else:
                box.lines.append(line)
        elif STYLE_START.match(line) and _style_end(lines, index) is not None:
            index = _style_end(lines, index)
        elif layout.identity_line is None and IDENTITY_HEADING.match(line):
            layout.identity_line = IDENTITY_HEADING.match(line)["identity"]
        elif line.strip():
            layout.loose.append(line)
        index += 1
    return layout


def _identity(layout: _Layout, source: str, problems: list[str]) -> Identity:
    if layout.identity_line is not None:
        parts = [part.strip() for part in layout.identity_line.split("/")]
        if len(parts) == 3 and all(parts):
            return Identity(*parts)
        problems.append(f"identity heading {layout.identity_line!r} is not planner/model/paper; using the file's path")
    else:
        problems.append("no '# planner/model/paper' heading; using the file's path")
    path = PurePosixPath(source)
    if len(path.parts) >= 3:
        return Identity(path.parts[-3], path.parts[-2], path.stem)
    problems.append(f"path {source!r} is not <planner>/<model>/<paper>.md either; filed under {FALLBACK_PLANNER}/{FALLBACK_MODEL}")
    return Identity(FALLBACK_PLANNER, FALLBACK_MODEL, path.stem or "unnamed")


def _sections(layout: _Layout, problems: list[str]) -> tuple[str | None, str | None, list[str]]:
    reasoning: str | None = None
    plan: str | None = None
    unstructured = ["\n".join(layout.loose)] if layout.loose else []
    if layout.loose:
        problems.append(f"{len(layout.loose)} line(s) outside the boxes, shown as unstructured text")
    for box in layout.boxes:
        if not box.closed:
            problems.append(f"box {box.title!r} is never closed with </div>")
        if box.kind == "reasoning" and reasoning is None:
            reasoning = box.text
        elif box.kind == "plan" and plan is None:
            plan = box.text
        else:
            problems.append(f"unexpected box {box.title!r}, shown as unstructured text")
            unstructured.append(box.text)
    if reasoning is None:
        problems.append("no reasoning trace box")
    if plan is None:
        problems.append("no ablation plan box")
    return reasoning, plan, unstructured


def read_trajectory(data: bytes, source: str) -> tuple[Trajectory, list[Diagnostic]]:
    """Read one file's bytes; ``source`` is its path relative to the trajectories folder."""
    decoded = decode_trajectory_bytes(data)
    problems = list(decoded.problems)
    if not decoded.text.strip():
        problems.append("empty file")
    layout = _cut_layout(decoded.text)
    identity = _identity(layout, source, problems)
    reasoning, plan_text, unstructured = _sections(layout, problems)
    plan = read_plan(plan_text) if plan_text is not None else None
    if plan is not None:
        problems.extend(_plan_problems(plan))
    trajectory = Trajectory(
        source=source,
        identity=identity,
        reasoning=reasoning,
        plan=plan,
        unstructured=tuple(unstructured),
        decoding_steps=decoded.steps,
    )
    return trajectory, [Diagnostic(source, problem) for problem in problems]


def _plan_problems(plan) -> list[str]:
    problems = []
    if not plan.ablations:
        problems.append("the plan has no '### ' ablations")
    for number, ablation in enumerate(plan.ablations, 1):
        label = f"ablation {number} ({ablation.name!r})"
        if not ablation.action.strip():
            problems.append(f"{label} has no action")
        elif ablation.action_kind is None:
            problems.append(f"{label} has unknown action {ablation.action!r}")
        if ablation.unstructured:
            problems.append(f"{label} has lines that are not fields, shown as unstructured text")
    return problems
