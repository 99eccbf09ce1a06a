"""The maintainers' metadata files beside the trajectories, read as validated input.

``papers.yml`` says what the trajectories cannot: a paper's title, venue, link
and AblationBench task. ``leaderboard.yml`` holds the published scores of each
planner and model. Every mistake in them is one diagnostic naming the file, the
paper or system and the field, saying what is wrong and what was done; the
valid rest of an entry is still used, and no file, however broken, stops a build.
"""

from __future__ import annotations

import math
import os
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from gen.records import Diagnostic, quoted

TASKS = ("AuthorAblation", "ReviewerAblation")
PAPER_METADATA_FILE = "papers.yml"
LEADERBOARD_FILE = "leaderboard.yml"
METADATA_FILES = (PAPER_METADATA_FILE, LEADERBOARD_FILE)

PAPER_FIELDS = ("title", "venue", "link", "task")
LEADERBOARD_FIELDS = ("metric", "systems")
SYSTEM_FIELDS = ("planner", "model", "scores")
SCORE_KEYS = ("overall", *TASKS)
UNNAMED_METRIC = "score"
LINK_SCHEMES = ("https://", "http://")


@dataclass(frozen=True)
class PaperMetadata:
    """What a maintainer can say about a paper beyond its trajectories."""

    title: str | None = None
    venue: str | None = None
    link: str | None = None
    task: str | None = None


@dataclass(frozen=True)
class SystemScores:
    """One leaderboard row: a planner with a model, and its scores in file order."""

    planner: str
    model: str
    scores: tuple[tuple[str, float], ...]

    def score(self, key: str) -> float | None:
        """The score for ``overall`` or a task; None when the file gives none."""
        return dict(self.scores).get(key)


@dataclass(frozen=True)
class Leaderboard:
    metric: str
    systems: tuple[SystemScores, ...]


class _Mapping(dict):
    """A YAML mapping that remembers the lines of keys written more than once (PyYAML keeps the last silently)."""

    repeated: dict[object, tuple[int, ...]]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader, on libyaml where PyYAML has it (ten times faster on the corpus's papers.yml)."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Iterator[_Mapping]:
    mapping = _Mapping()
    yield mapping  # first, so that anchors and aliases can refer to the mapping being built
    lines: dict[object, list[int]] = {}
    for key_node, _ in node.value:  # before construct_mapping merges ``<<`` keys in
        if key_node.tag != "tag:yaml.org,2002:merge":
            key = loader.construct_object(key_node)
            if isinstance(key, (str, int, float, bool, date)) or key is None:
                lines.setdefault(key, []).append(key_node.start_mark.line + 1)
    mapping.update(loader.construct_mapping(node))
    mapping.repeated = {key: tuple(at) for key, at in lines.items() if len(at) > 1}


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


class _Unreadable(Exception):
    """Why a metadata file could not be read at all, worded for its owner."""


def _load(path: Path) -> object:
    """The file's YAML document; raises _Unreadable with the reason when there is none to read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _Unreadable(f"could not be read: {error.strerror or error}") from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _Unreadable(f"not UTF-8 text (byte 0x{data[error.start]:02x} on line {line})") from error
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = ", ".join(part for part in (error.context, error.problem) if part) or "syntax error"
        raise _Unreadable(f"not valid YAML: {problem}{where}") from error
    except yaml.YAMLError as error:
        raise _Unreadable(f"not valid YAML: {' '.join(str(error).split())}") from error
    except RecursionError as error:
        raise _Unreadable("not valid YAML: nested too deeply") from error
    except Exception as error:  # PyYAML fails on some values (the date 2024-13-45, an empty ``!!int``) with any exception
        raise _Unreadable(f"not valid YAML: a value could not be read ({quoted(str(error))})") from error


def _read(root: Path, name: str) -> tuple[object, list[Diagnostic]]:
    """The document of ``root/name`` (None when absent or empty), or a diagnostic saying why it is not used."""
    path = root / name
    if not os.path.lexists(path):
        return None, []
    try:
        return _load(path), []
    except _Unreadable as reason:
        return None, [Diagnostic(name, f"{reason}; not used")]


def _kind(value: object) -> str:
    """What a value of the wrong type is, in the file's terms."""
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "empty"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, dict):
        return "a mapping"
    return "a list" if isinstance(value, list) else "a value of another kind"


def _whole_number(value: object) -> str | None:
    """A whole number (not a boolean) written out; None for anything else, or one too long for Python to write."""
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    try:
        return str(value)
    except ValueError:  # more than sys.get_int_max_str_digits() digits
        return None


def _shown(value: object) -> str:
    """A value as a message shows it: text quoted, numbers and booleans as written, anything else by its kind."""
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return repr(value)
    return _whole_number(value) or _kind(value)


def _text(value: object) -> str | None:
    """Text as written; a whole number (``1984``) is text too. None for any other type."""
    return value if isinstance(value, str) else _whole_number(value)


def _number(value: object) -> float | None:
    """A finite number; booleans, text, ``.nan`` and ``.inf`` are not."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _known(names: tuple[str, ...]) -> str:
    return ", ".join(names)


def _repeats(mapping: object, subject: str) -> Iterator[str]:
    """A message for each key of ``mapping`` written more than once; ``subject`` words the key."""
    for key, lines in getattr(mapping, "repeated", {}).items():
        times = "twice" if len(lines) == 2 else f"{len(lines)} times"
        listed = ", ".join(map(str, lines[:-1])) + f" and {lines[-1]}"
        yield f"{subject.format(_shown(key))}: written {times} (lines {listed}); the last is used"


def _paper_field(key: str, value: object) -> tuple[str | None, str | None]:
    """The field's value, or why it is ignored."""
    text = _text(value)
    if text is None:
        return None, f"must be text, not {_kind(value)}"
    if not text.strip():
        return None, "empty"
    if key == "task" and text not in TASKS:
        return None, f"{quoted(text)} is not a task ({' or '.join(TASKS)})"
    if key == "link" and not text.startswith(LINK_SCHEMES):
        return None, f"{quoted(text)} is not an http(s) address"
    return text, None


def _paper_entry(name: str, entry: object) -> tuple[PaperMetadata | None, list[str]]:
    """One paper's metadata from its entry, and a message for each mistake in it."""
    subject = f"paper {quoted(name)}"
    if entry is None:
        return PaperMetadata(), []  # a paper listed with no fields yet, as ``python -m gen papers`` writes it
    if not isinstance(entry, dict):
        return None, [f"{subject}: must be a mapping of {_known(PAPER_FIELDS)}, not {_kind(entry)}; entry not used"]
    problems = list(_repeats(entry, subject + ", field {}"))
    fields = {}
    for key, value in entry.items():
        if key not in PAPER_FIELDS:
            problems.append(f"{subject}, field {_shown(key)}: unknown field (known: {_known(PAPER_FIELDS)}); ignored")
            continue
        fields[key], problem = _paper_field(key, value)
        if problem:
            problems.append(f"{subject}, field {_shown(key)}: {problem}; ignored")
    return PaperMetadata(**{key: value for key, value in fields.items() if value is not None}), problems


def read_paper_metadata(root: Path, paper_names: Collection[str]) -> tuple[dict[str, PaperMetadata], list[Diagnostic]]:
    """``papers.yml`` beside the trajectories: ``<paper>: {title, venue, link, task}`` for papers in ``paper_names``."""
    data, problems = _read(root, PAPER_METADATA_FILE)
    if data is None:
        return {}, problems
    if not isinstance(data, dict):
        return {}, [Diagnostic(PAPER_METADATA_FILE, f"must map paper names to their fields, not {_kind(data)}; not used")]
    messages = list(_repeats(data, "paper {}"))
    papers = {}
    for key, entry in data.items():
        name = _text(key)
        if name is None:
            messages.append(f"paper {_shown(key)}: a paper's name must be text, not {_kind(key)}; entry not used")
        elif name not in paper_names:
            messages.append(f"paper {quoted(name)}: no trajectory names this paper; entry not used")
        else:
            metadata, entry_problems = _paper_entry(name, entry)
            messages.extend(entry_problems)
            if metadata is not None:
                papers[name] = metadata
    return papers, [Diagnostic(PAPER_METADATA_FILE, message) for message in messages]


def _metric(data: dict) -> tuple[str, list[str]]:
    if "metric" not in data:
        return UNNAMED_METRIC, [f"field 'metric': missing; the scores are labelled {UNNAMED_METRIC!r}"]
    metric = _text(data["metric"])
    if metric is None or not metric.strip():
        wrong = f"must be text, not {_kind(data['metric'])}" if metric is None else "empty"
        return UNNAMED_METRIC, [f"field 'metric': {wrong}; the scores are labelled {UNNAMED_METRIC!r}"]
    return metric, []


def _score(subject: str, key: object, value: object) -> tuple[float | None, str | None]:
    """One score, or the message saying why it is ignored."""
    if key not in SCORE_KEYS:
        return None, f"{subject}, score {_shown(key)}: unknown score (known: {_known(SCORE_KEYS)}); ignored"
    number = _number(value)
    if number is None:
        return None, f"{subject}, score {_shown(key)}: {_shown(value)} is not a number; ignored"
    return number, None


def _scores(subject: str, entry: dict) -> tuple[tuple[tuple[str, float], ...], list[str]]:
    if "scores" not in entry:
        return (), [f"{subject}, field 'scores': missing; system ignored"]
    given = entry["scores"]
    if not isinstance(given, dict):
        return (), [f"{subject}, field 'scores': must be a mapping of {_known(SCORE_KEYS)}, not {_kind(given)}; system ignored"]
    problems = list(_repeats(given, subject + ", score {}"))
    scores = []
    for key, value in given.items():
        score, problem = _score(subject, key, value)
        if problem:
            problems.append(problem)
        else:
            scores.append((key, score))
    if not scores:
        problems.append(f"{subject}, field 'scores': no usable score; system ignored")
    return tuple(scores), problems


def _system_names(number: int, entry: dict) -> tuple[str, tuple[str, str] | None, list[str]]:
    """How messages name the system, its planner and model (None unless both are text), and their mistakes."""
    names, mistakes = [], []
    for key in ("planner", "model"):
        name = _text(entry.get(key))
        if key not in entry:
            mistakes.append(f"field {key!r}: missing")
        elif name is None:
            mistakes.append(f"field {key!r}: must be text, not {_kind(entry[key])}")
        elif not name.strip():
            mistakes.append(f"field {key!r}: empty")
        names.append(name)
    if mistakes:
        subject = f"system {number}"
        return subject, None, [f"{subject}, {mistake}; system ignored" for mistake in mistakes]
    return f"system {quoted('/'.join(names))}", (names[0], names[1]), []


def _system(number: int, entry: object) -> tuple[str, SystemScores | None, list[str]]:
    """One leaderboard row from the ``number``-th entry of ``systems``: how messages name it, the row, and its mistakes."""
    if not isinstance(entry, dict):
        subject = f"system {number}"
        return subject, None, [f"{subject}: must be a mapping of {_known(SYSTEM_FIELDS)}, not {_kind(entry)}; ignored"]
    subject, names, name_problems = _system_names(number, entry)
    problems = [*_repeats(entry, subject + ", field {}"), *name_problems]
    problems.extend(
        f"{subject}, field {_shown(key)}: unknown field (known: {_known(SYSTEM_FIELDS)}); ignored"
        for key in entry if key not in SYSTEM_FIELDS
    )
    scores, score_problems = _scores(subject, entry)
    problems.extend(score_problems)
    if names is None or not scores:
        return subject, None, problems
    return subject, SystemScores(names[0], names[1], scores), problems


def _systems(data: dict) -> tuple[tuple[SystemScores, ...], list[str]]:
    given = data.get("systems")
    if not isinstance(given, list) or not given:
        wrong = "missing" if "systems" not in data else "lists no systems" if given == [] else f"must be a list of systems, not {_kind(given)}"
        return (), [f"field 'systems': {wrong}; no leaderboard"]
    systems: dict[tuple[str, str], int] = {}  # each row's planner and model, and the system number it had in the file
    rows, problems = [], []
    for number, entry in enumerate(given, start=1):
        subject, row, entry_problems = _system(number, entry)
        problems.extend(entry_problems)
        if row is None:
            continue
        first = systems.setdefault((row.planner, row.model), number)
        if first != number:
            problems.append(f"{subject}: listed twice (systems {first} and {number}); system {number} ignored")
        else:
            rows.append(row)
    return tuple(rows), problems


def read_leaderboard(root: Path) -> tuple[Leaderboard | None, list[Diagnostic]]:
    """``leaderboard.yml`` beside the trajectories: ``metric`` and ``systems: [{planner, model, scores}]``.

    None when the file is absent, empty or leaves no usable system.
    """
    data, problems = _read(root, LEADERBOARD_FILE)
    if data is None:
        return None, problems
    if not isinstance(data, dict):
        return None, [Diagnostic(LEADERBOARD_FILE, f"must be a mapping of {_known(LEADERBOARD_FIELDS)}, not {_kind(data)}; not used")]
    messages = list(_repeats(data, "field {}"))
    messages.extend(
        f"field {_shown(key)}: unknown field (known: {_known(LEADERBOARD_FIELDS)}); ignored"
        for key in data if key not in LEADERBOARD_FIELDS
    )
    metric, metric_problems = _metric(data)
    systems, system_problems = _systems(data)
    messages += metric_problems + system_problems
    leaderboard = Leaderboard(metric, systems) if systems else None
    return leaderboard, [Diagnostic(LEADERBOARD_FILE, message) for message in messages]
