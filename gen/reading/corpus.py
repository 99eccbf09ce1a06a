"""A trajectories folder read in one pass: records, paper metadata, leaderboard and diagnostics.

Every file ends up either as a record or in a diagnostic that names it; only
hidden files and folders (``.git``, ``.DS_Store``) are passed over. Two files
with the same identity are both kept when their content differs (the second
gets a distinct identity and a warning); identical copies are built once and
reported once, by one line standing for all of the copy's own problems.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from gen.reading.metadata import METADATA_FILES, Leaderboard, PaperMetadata, read_leaderboard, read_paper_metadata
from gen.reading.names import page_key
from gen.reading.reader import read_trajectory
from gen.records import Diagnostic, Trajectory, quoted

TRAJECTORY_SUFFIXES = (".md", ".txt")


@dataclass
class Corpus:
    trajectories: list[Trajectory] = field(default_factory=list)
    papers: dict[str, PaperMetadata] = field(default_factory=dict)
    leaderboard: Leaderboard | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _kind(entry: os.DirEntry) -> str:
    """``folder``, ``file`` or ``other``: a link that loops or leads nowhere is ``other``, as pathlib reads it."""
    try:
        if entry.is_dir():
            return "folder"
        return "file" if entry.is_file() else "other"
    except OSError:
        return "other"


def _not_a_trajectory(entry: os.DirEntry, kind: str) -> str | None:
    """Why a non-hidden entry is not read as a trajectory; None if it is one or a folder to read."""
    if kind == "folder":
        return "link to a folder, not followed" if entry.is_symlink() else None
    if os.path.splitext(entry.name)[1].lower() not in TRAJECTORY_SUFFIXES:
        return f"not read: trajectories are {' or '.join(TRAJECTORY_SUFFIXES)} files"
    if kind != "file":
        return "not read: not a regular file"
    return None


def find_trajectory_files(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """The trajectory files under ``root`` in path order, and a diagnostic for each other entry passed over.

    ``os.scandir`` entries know whether they are folders or files without a
    ``stat`` call per entry, which a pathlib walk makes two or three times.
    """
    files: list[Path] = []
    problems: list[Diagnostic] = []

    def walk(folder: Path, prefix: str) -> None:
        try:
            with os.scandir(folder) as scan:
                entries = sorted((entry for entry in scan if not entry.name.startswith(".")), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(Diagnostic(prefix.rstrip("/") or str(folder), f"folder could not be read: {error.strerror or error}"))
            return
        for entry in entries:
            kind = _kind(entry)
            if not prefix and entry.name in METADATA_FILES and kind != "folder":
                continue  # read by gen.reading.metadata
            reason = _not_a_trajectory(entry, kind)
            if reason is not None:
                problems.append(Diagnostic(prefix + entry.name, reason))
            elif kind == "folder":
                walk(folder / entry.name, f"{prefix}{entry.name}/")
            else:
                files.append(folder / entry.name)

    walk(root, "")
    return files, problems


def _deduplicate(read: list[tuple[Trajectory, list[Diagnostic]]]) -> tuple[list[Trajectory], list[Diagnostic]]:
    """Keep one record per page; an identical copy's own problems are those of the record it copies."""
    built: dict[tuple[str, str, str], Trajectory] = {}
    claims: dict[tuple[str, str, str], list[Trajectory]] = {}  # the distinct records claiming each identity
    problems = []
    for trajectory, own_problems in read:
        key = page_key(trajectory.identity)
        original = next((claim for claim in claims.get(key, ()) if claim == trajectory), None)
        if original is not None:
            problems.append(Diagnostic(trajectory.source, f"identical copy of {original.source}; built once"))
            continue
        problems.extend(own_problems)
        page = trajectory if key not in built else _distinct_identity(trajectory, built)
        if page is not trajectory:
            problems.append(Diagnostic(
                trajectory.source,
                f"claims {quoted(_label(trajectory.identity))} like {claims[key][0].source} but differs; built as paper {quoted(page.identity.paper)}",
            ))
        claims.setdefault(key, []).append(trajectory)
        built[page_key(page.identity)] = page
    return list(built.values()), problems


def _distinct_identity(trajectory: Trajectory, taken: dict[tuple[str, str, str], Trajectory]) -> Trajectory:
    """The same identity with a numbered paper name whose page is still free."""
    number = 2
    while True:
        identity = replace(trajectory.identity, paper=f"{trajectory.identity.paper}--{number}")
        if page_key(identity) not in taken:
            return replace(trajectory, identity=identity)
        number += 1


def _label(identity) -> str:
    return f"{identity.planner}/{identity.model}/{identity.paper}"


TrajectoryReader = Callable[[bytes, str], tuple[Trajectory, list[Diagnostic]]]


def load_corpus(root: Path, read_file: TrajectoryReader = read_trajectory) -> Corpus:
    """Read every trajectory under ``root`` (recursively, ``.md`` and ``.txt``), then the metadata files beside them.

    ``read_file`` reads one file's bytes (``gen.reading.reader.read_trajectory``, or a live server's memo of it).
    """
    corpus = Corpus()
    if not root.is_dir():
        corpus.diagnostics.append(Diagnostic(str(root), "trajectories folder not found"))
        return corpus
    paths, passed_over = find_trajectory_files(root)
    corpus.diagnostics.extend(passed_over)
    read = []
    for path in paths:
        source = path.relative_to(root).as_posix()
        try:
            data = path.read_bytes()
        except OSError as error:
            corpus.diagnostics.append(Diagnostic(source, f"could not be read: {error.strerror or error}"))
            continue
        read.append(read_file(data, source))
    corpus.trajectories, problems = _deduplicate(read)
    corpus.diagnostics.extend(problems)
    corpus.papers, paper_problems = read_paper_metadata(root, {trajectory.identity.paper for trajectory in corpus.trajectories})
    corpus.leaderboard, leaderboard_problems = read_leaderboard(root)
    corpus.diagnostics += paper_problems + leaderboard_problems
    return corpus
