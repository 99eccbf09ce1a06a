"""One trajectory file in, one typed record and its diagnostics out.

A trajectory is a ``<style>`` block, a ``# planner/model/paper`` heading and two
inline-styled ``<div>`` boxes, each opened by an ``<h2>`` title and holding
Markdown. The boxes are told apart by their titles' words, never by emoji or
colours. Styles are dropped; any other text that does not fit is kept in the
record's ``unstructured`` field and named in a diagnostic.

Every pattern here is linear in the line it reads, so that a file of a few
megabytes with one enormous line is read as quickly as a normal one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from gen.reading.decoding import decode_trajectory_bytes
from gen.reading.names import page_key, safe_segment
from gen.reading.plan_reader import read_plan
from gen.records import Diagnostic, Identity, Plan, Trajectory, quoted

IDENTITY_HEADING = re.compile(r"^#[ \t]+(?P<identity>\S.*)$")
STYLE_START = re.compile(r"^\s*<style\b", re.IGNORECASE)
STYLE_END = re.compile(r"</style\s*>", re.IGNORECASE)
BOX_START = re.compile(r"^\s*<div\b[^>]*>(?P<rest>.*)$", re.IGNORECASE)
BOX_TITLE = re.compile(r"^\s*<h2\b[^>]*>(?P<title>.*?)</h2\s*>(?P<rest>.*)$", re.IGNORECASE)
BOX_END = re.compile(r"^\s*</div\s*>\s*$", re.IGNORECASE)
DIV_OPEN = re.compile(r"<div\b", re.IGNORECASE)
DIV_CLOSE = re.compile(r"</div\s*>", re.IGNORECASE)
TAG = re.compile(r"<[^<>]*>")
FALLBACK_PLANNER, FALLBACK_MODEL = "unknown-planner", "unknown-model"
LARGE_FILE_BYTES = 1 << 20


@dataclass
class _Box:
    title: str
    lines: list[str] = field(default_factory=list)
    closed: bool = False
    open_divs: int = 0  # ``<div>``s opened inside the box and not yet closed

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

    def take(self, line: str) -> None:
        """Add a line, or close the box if the line is its ``</div>``."""
        if "<" not in line:  # most lines: no tag, so neither a ``</div>`` nor a nested ``<div>``
            self.lines.append(line)
            return
        if self.open_divs == 0 and BOX_END.match(line):
            self.closed = True
            return
        self.open_divs = max(0, self.open_divs + len(DIV_OPEN.findall(line)) - len(DIV_CLOSE.findall(line)))
        self.lines.append(line)


@dataclass
class _Layout:
    """The file cut into its parts, before any part is interpreted."""

    identity_line: str | None = None
    boxes: list[_Box] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)


def _box_opened_at(lines: list[str], index: int) -> tuple[_Box, int] | None:
    """The box a ``<div>`` line opens, with its ``<h2>`` title on that line or the next non-blank one.

    Returns the box and the index of the line holding the title.
    """
    start = BOX_START.match(lines[index])
    if not start:
        return None
    title = BOX_TITLE.match(start["rest"])
    if title:
        return _new_box(title, []), index
    following = index + 1
    while following < len(lines) and not lines[following].strip():
        following += 1
    title = BOX_TITLE.match(lines[following]) if following < len(lines) else None
    if not title:
        return None
    return _new_box(title, [start["rest"]] if start["rest"].strip() else []), following


def _new_box(title: re.Match, lines: list[str]) -> _Box:
    rest = title["rest"]
    return _Box(TAG.sub("", title["title"]).strip(), lines + ([rest] if rest.strip() else []))


class _LineFinder:
    """The lines matching one pattern, found in one pass, to look ahead without rescanning."""

    def __init__(self, lines: list[str], pattern: re.Pattern):
        """``pattern`` matches tags only, so lines without a ``<`` are not searched."""
        self.indices = [index for index, line in enumerate(lines) if "<" in line and pattern.search(line)]

    def first_from(self, index: int) -> int | None:
        position = bisect_left(self.indices, index)
        return self.indices[position] if position < len(self.indices) else None


def _style_block_end(lines: list[str], index: int, style_ends: _LineFinder, box_starts: _LineFinder) -> int | None:
    """The line closing the ``<style>`` block opened at ``index``.

    None when the line opens no style block, or the block is never closed
    before a box begins: then its lines are kept as text, not dropped.
    """
    if not STYLE_START.match(lines[index]):
        return None
    end = style_ends.first_from(index)
    next_box = box_starts.first_from(index)
    if end is None or (next_box is not None and next_box < end):
        return None
    return end


def _cut_layout(text: str) -> _Layout:
    layout = _Layout()
    lines = text.split("\n")
    style_ends, box_starts = _LineFinder(lines, STYLE_END), _LineFinder(lines, BOX_START)
    box: _Box | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        tagged = "<" in line  # a box or a style block opens only on a line with a tag
        opened = _box_opened_at(lines, index) if tagged else None
        style_end = _style_block_end(lines, index, style_ends, box_starts) if tagged else None
        if opened:
            box, index = opened
            layout.boxes.append(box)
        elif box is not None and not box.closed:
            box.take(line)
        elif style_end is not None:
            index = style_end
            after_style = STYLE_END.split(lines[index], maxsplit=1)[1]
            if after_style.strip():
                layout.loose.append(after_style)
        elif layout.identity_line is None and IDENTITY_HEADING.match(line):
            layout.identity_line = IDENTITY_HEADING.match(line)["identity"].rstrip(" \t")
        elif line.strip():
            layout.loose.append(line)
        index += 1
    return layout


def _identity_from_heading(heading: str) -> Identity | None:
    """``planner/model/paper``; a paper name may itself hold slashes, planner and model may not."""
    parts = [part.strip() for part in heading.split("/", 2)]
    return Identity(*parts) if len(parts) == 3 and all(parts) else None


def _identity_from_path(source: str, problems: list[str]) -> Identity:
    path = PurePosixPath(source)
    if len(path.parts) >= 3:
        return Identity(path.parts[-3], path.parts[-2], path.stem)
    problems.append(f"path {quoted(source)} is not <planner>/<model>/<paper>.md either; filed under {FALLBACK_PLANNER}/{FALLBACK_MODEL}")
    return Identity(FALLBACK_PLANNER, FALLBACK_MODEL, path.stem or "unnamed")


def _unsafe_names(identity: Identity) -> list[str]:
    names = (identity.planner, identity.model, identity.paper)
    return [
        f"{role} name {quoted(name)} holds characters unsafe in a URL; its URL uses {quoted(slug)}"
        for role, name, slug in zip(("planner", "model", "paper"), names, page_key(identity))
        if safe_segment(name) != name
    ]


def _identity(layout: _Layout, source: str, problems: list[str]) -> tuple[Identity, list[str]]:
    """The identity, and the heading line as unstructured text when it could not be used."""
    heading = layout.identity_line
    identity = _identity_from_heading(heading) if heading is not None else None
    unusable_heading = []
    if heading is None:
        problems.append("no '# planner/model/paper' heading; using the file's path")
    elif identity is None:
        problems.append(f"heading {quoted(heading)} is not planner/model/paper; using the file's path")
        unusable_heading = [f"# {heading}"]
    if identity is None:
        identity = _identity_from_path(source, problems)
    problems.extend(_unsafe_names(identity))
    return identity, unusable_heading


def _sections(layout: _Layout, problems: list[str]) -> tuple[str | None, str | None, list[str]]:
    reasoning: str | None = None
    plan: str | None = None
    unstructured = ["\n".join(layout.loose)] if layout.loose else []
    if layout.loose:
        problems.append(f"{len(layout.loose)} line(s) outside the boxes, shown as unstructured text")
    for box in layout.boxes:
        if not box.closed:
            problems.append(f"box {quoted(box.title)} is never closed with </div>")
        if box.kind == "reasoning" and reasoning is None:
            reasoning = box.text
        elif box.kind == "plan" and plan is None:
            plan = box.text
        else:
            problems.append(f"unexpected box {quoted(box.title)}, shown as unstructured text")
            unstructured.append(f"{box.title}\n{box.text}".strip("\n"))
    if reasoning is None:
        problems.append("no reasoning trace box")
    if plan is None:
        problems.append("no ablation plan box")
    return reasoning, plan, unstructured


def _plan_problems(plan: Plan) -> list[str]:
    problems = []
    if not plan.ablations:
        problems.append("the plan has no '### ' ablations")
    for number, ablation in enumerate(plan.ablations, 1):
        label = f"ablation {number} ({quoted(ablation.name)})"
        if not ablation.action.strip():
            problems.append(f"{label} has no action")
        elif ablation.action_kind is None:
            problems.append(f"{label} has unknown action {quoted(ablation.action)}")
        if ablation.unstructured:
            problems.append(f"{label} has lines that are not fields, shown as unstructured text")
    return problems


def read_trajectory(data: bytes, source: str) -> tuple[Trajectory, list[Diagnostic]]:
    """Read one file's bytes; ``source`` is its path relative to the trajectories folder."""
    decoded = decode_trajectory_bytes(data)
    problems = list(decoded.problems)
    if len(data) >= LARGE_FILE_BYTES:
        problems.append(f"very large file ({len(data):,} bytes); shown in full")
    if not decoded.text.strip():
        problems.append("empty file")
    layout = _cut_layout(decoded.text)
    identity, unusable_heading = _identity(layout, source, problems)
    reasoning, plan_text, unstructured = _sections(layout, problems)
    plan = read_plan(plan_text) if plan_text is not None else None
    if plan is not None:
        problems.extend(_plan_problems(plan))
    trajectory = Trajectory(
        source=source,
        identity=identity,
        reasoning=reasoning,
        plan=plan,
        unstructured=tuple(unusable_heading + unstructured),
        decoding_steps=decoded.steps,
    )
    return trajectory, [Diagnostic(source, problem) for problem in problems]
