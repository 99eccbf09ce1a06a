"""A trajectories folder read in one pass: records, paper metadata and diagnostics.

Every file ends up either as a record or in a diagnostic that names it. Two
files with the same identity are both kept when their content differs (the
second gets a distinct identity and a warning); identical copies are built once
and reported once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from gen.names import page_key
from gen.records import Diagnostic, Trajectory
from gen.reader import read_trajectory

TRAJECTORY_SUFFIXES = (".md", ".txt")
PAPER_METADATA_FILE = "papers.yml"
PAPER_METADATA_KEYS = ("title", "venue", "link", "task")


@dataclass(frozen=True)
class PaperMetadata:
    """What a maintainer can say about a paper beyond its trajectories."""

    title: str | None = None
    venue: str | None = None
    link: str | None = None
    task: str | None = None


@dataclass
class Corpus:
    trajectories: list[Trajectory] = field(default_factory=list)
    papers: dict[str, PaperMetadata] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def find_trajectory_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in TRAJECTORY_SUFFIXES and p.is_file())


def read_paper_metadata(root: Path) -> tuple[dict[str, PaperMetadata], list[Diagnostic]]:
    """``papers.yml`` beside the trajectories: ``<paper>: {title, venue, link, task}``."""
    path = root / PAPER_METADATA_FILE
    if not path.is_file():
        return {}, []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return {}, [Diagnostic(PAPER_METADATA_FILE, f"not readable YAML: {error}")]
    if not isinstance(data, dict):
        return {}, [Diagnostic(PAPER_METADATA_FILE, "must map paper names to their metadata")]
    papers, problems = {}, []
    for paper, entry in data.items():
        if not isinstance(entry, dict):
            problems.append(Diagnostic(PAPER_METADATA_FILE, f"entry {paper!r} is not a mapping"))
            continue
        papers[str(paper)] = PaperMetadata(**{key: str(entry[key]) for key in PAPER_METADATA_KEYS if entry.get(key)})
    return papers, problems


def _deduplicate(trajectories: list[Trajectory]) -> tuple[list[Trajectory], list[Diagnostic]]:
    kept: dict[tuple[str, str, str], Trajectory] = {}
    problems = []
    for trajectory in trajectories:
        first = kept.get(page_key(trajectory.identity))
        if first is None:
            kept[page_key(trajectory.identity)] = trajectory
        elif first == trajectory:
            problems.append(Diagnostic(trajectory.source, f"identical copy of {first.source}; built once"))
        else:
            renamed = _distinct_identity(trajectory, kept)
            kept[page_key(renamed.identity)] = renamed
            problems.append(Diagnostic(
                trajectory.source,
                f"claims {_label(trajectory.identity)} like {first.source} but differs; built as paper {renamed.identity.paper!r}",
            ))
    return list(kept.values()), problems


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


def load_corpus(root: Path) -> Corpus:
    """Read every trajectory under ``root`` (recursively, ``.md`` and ``.txt``)."""
    corpus = Corpus()
    if not root.is_dir():
        corpus.diagnostics.append(Diagnostic(str(root), "trajectories folder not found"))
        return corpus
    read = []
    for path in find_trajectory_files(root):
        trajectory, problems = read_trajectory(path.read_bytes(), path.relative_to(root).as_posix())
        read.append(trajectory)
        corpus.diagnostics.extend(problems)
    corpus.trajectories, duplicates = _deduplicate(read)
    corpus.diagnostics.extend(duplicates)
    corpus.papers, metadata_problems = read_paper_metadata(root)
    corpus.diagnostics.extend(metadata_problems)
    return corpus
