"""A ``papers.yml`` for maintainers to review: every paper, its known fields, and the titles its plans quote.

``python -m gen papers DIR`` prints it. Every valid field of DIR/papers.yml is
kept; a paper named by an id and without a title gets the title its plans
agree on (``gen.model.paper_titles``), marked for review, and the other titles
quoted, by a single plan or fewer, as commented-out lines. Comments of the
existing file are not kept.
"""

from __future__ import annotations

import math
from collections import defaultdict

import yaml

from gen.model.paper_titles import chosen_title, quoted_title_candidates
from gen.reading.corpus import Corpus
from gen.reading.metadata import PAPER_FIELDS, PAPER_METADATA_FILE, TASKS, PaperMetadata

MAX_IMPLICIT_KEY = 1000  # YAML reads a longer key only when it is marked with ``? ``
INDENT = "  "

HEADER = f"""\
# {PAPER_METADATA_FILE}: what the trajectories do not say about their papers, one entry a paper.
# Written by `python -m gen papers`: fields of the existing {PAPER_METADATA_FILE} are kept; a title
# marked "review" is the one the planners' reasoning quotes most. Check it before publishing.
# Fields (all optional): title, venue, link (an http(s) address), task ({" or ".join(TASKS)}).
"""


def _yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar on one line: plain or single-quoted where it can be, else double-quoted with escapes."""
    style = None if text.isprintable() else '"'
    dumped = yaml.safe_dump(text, default_style=style, allow_unicode=True, width=math.inf)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def _key_line(name: str) -> str:
    key = _yaml_scalar(name)
    return f"{key}:" if len(key) <= MAX_IMPLICIT_KEY else f"? {key}\n:"


def _title_lines(name: str, title: str | None, reasonings: list[str | None]) -> list[str]:
    """The paper's title; without one, the title its plans agree on and, commented out, the other titles they quote."""
    if title is not None:
        return [f"{INDENT}title: {_yaml_scalar(title)}"]
    quotes = quoted_title_candidates(name, reasonings)
    suggested = chosen_title(quotes)
    lines = [f"{INDENT}title: {_yaml_scalar(suggested.title)}  # {suggested.source}; review"] if suggested else []
    lines += [f"{INDENT}# title: {_yaml_scalar(quote.title)}  # {quote.source}" for quote in quotes if quote != suggested]
    return lines


def _paper_lines(name: str, metadata: PaperMetadata, reasonings: list[str | None]) -> list[str]:
    lines = [_key_line(name), *_title_lines(name, metadata.title, reasonings)]
    for field in PAPER_FIELDS:
        value = getattr(metadata, field)
        if field != "title" and value is not None:
            lines.append(f"{INDENT}{field}: {_yaml_scalar(value)}")
    return lines


def papers_skeleton(corpus: Corpus) -> str:
    """The ``papers.yml`` text for every paper of ``corpus``'s trajectories, sorted by name."""
    reasonings: dict[str, list[str | None]] = defaultdict(list)
    for trajectory in corpus.trajectories:
        reasonings[trajectory.identity.paper].append(trajectory.reasoning)
    lines = [HEADER.rstrip("\n")]
    for name in sorted(reasonings):
        lines += _paper_lines(name, corpus.papers.get(name, PaperMetadata()), reasonings[name])
    return "\n".join(lines) + "\n"
