"""A long run of edits under a real ``mkdocs serve``, as a maintainer makes them while preparing a release:
for the soak test (tests/test_serve_memory.py) and the benchmark's server-memory rows.

Most edits add a new word to one trajectory's reasoning, so every edit renders
something anew; among them, in every twenty, are an added trajectory and its
removal, a broken file and its removal, and a papers.yml title.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from gen.reading.names import page_key, paper_slug
from gen.reading.reader import read_trajectory
from tests.live_server import LiveServer

EDITED_TRAJECTORIES = 5  # the edits to one trajectory take turns among this many
PAUSE_SECONDS = 0.6  # between a served edit and the next, a little over the server's idle collection delay
ADDED, BROKEN = "Soak_Added_Paper", "Soak_Broken_File.md"
BROKEN_BYTES = b"# lm-planner/gpt-4o/Soak_Broken\x00\xff\xfe\xfd"


@dataclass(frozen=True)
class Edit:
    """One change to the inputs, and how to tell that the server shows it."""

    kind: str
    apply: Callable[[], None]
    path: str
    shown: Callable[[int, str], bool]


def trajectory_page(trajectory: Path, trajectories: Path) -> str:
    """The address of a trajectory file's page, as its heading names it: ``trajectories/<planner>/<model>/<paper>/``."""
    record, _ = read_trajectory(trajectory.read_bytes(), trajectory.relative_to(trajectories).as_posix())
    return "trajectories/{}/{}/{}/".format(*page_key(record.identity))


def _with_word(path: Path, word: str) -> None:
    """The file with ``word`` added to its reasoning, after its first " the "."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(" the ", f" the {word} ", 1), encoding="utf-8")


def titled(papers: str, paper: str, title: str) -> str:
    """papers.yml with ``paper``'s title set, as a maintainer fixes one: in its entry, or as a new one."""
    entry = f"\n{paper}:\n"
    if f"\n{papers}".count(entry):
        without_title = re.sub(rf"(\n{re.escape(paper)}:\n)  title: [^\n]*\n", r"\1", f"\n{papers}")
        return without_title.replace(entry, f"{entry}  title: {title}\n", 1)[1:]
    return f"{papers}\n{paper}:\n  title: {title}\n"


def soak_edits(trajectories: Path, server: LiveServer) -> Iterator[Edit]:
    """Edits without end: the caller takes as many as it wants. ``trajectories`` holds papers.yml."""
    files = sorted(trajectories.rglob("*.md"))
    edited = [files[index * len(files) // EDITED_TRAJECTORIES] for index in range(EDITED_TRAJECTORIES)]
    pages = [trajectory_page(path, trajectories) for path in edited]
    source = edited[0]
    source_identity = read_trajectory(source.read_bytes(), source.name)[0].identity
    added = source.parent / f"{ADDED}.md"
    added_page = "trajectories/{}/{}/{}/".format(*page_key(source_identity)[:2], ADDED)
    papers = trajectories / "papers.yml"
    titled_paper = read_trajectory(edited[1].read_bytes(), edited[1].name)[0].identity.paper
    number = 0
    while True:
        number += 1
        word = f"Soakword{number}"
        step = number % 20
        if step == 12:
            yield Edit("a trajectory added", lambda: added.write_text(
                source.read_text(encoding="utf-8").replace(f"/{source_identity.paper}\n", f"/{ADDED}\n", 1), encoding="utf-8"),
                added_page, lambda status, body: status == 200)
        elif step == 16:
            yield Edit("the added trajectory removed", added.unlink, added_page, lambda status, body: status == 404)
        elif step == 5:
            yield Edit("a broken file", lambda: (source.parent / BROKEN).write_bytes(BROKEN_BYTES), "",
                       lambda status, body: status == 200 and BROKEN in server.log_text())
        elif step == 7:
            yield Edit("the broken file removed", (source.parent / BROKEN).unlink, "", lambda status, body: status == 200)
        elif step == 19:
            yield Edit("papers.yml edited", lambda word=word: papers.write_text(
                titled(papers.read_text(encoding="utf-8") if papers.exists() else "", titled_paper, f"Title {word}"),
                encoding="utf-8"), f"papers/{paper_slug(titled_paper)}/", lambda status, body, word=word: word in body)
        else:
            turn = number % EDITED_TRAJECTORIES
            yield Edit("a trajectory edited", lambda path=edited[turn], word=word: _with_word(path, word),
                       pages[turn], lambda status, body, word=word: word in body)


@dataclass
class SoakRun:
    """What a run of edits measured: resident memory after chosen edits, and each edit's seconds to served."""

    resident: dict[int, int]
    seconds: dict[str, list[float]]


def soak(server: LiveServer, trajectories: Path, edits: int, measure_after: set[int]) -> SoakRun:
    """Make ``edits`` edits, each served and its build finished before the next; read resident memory
    (settled, the median of a few reads) after the edits numbered in ``measure_after``."""
    run = SoakRun({}, {})
    for number, edit in zip(range(1, edits + 1), soak_edits(trajectories, server)):
        builds = server.builds()
        start = time.perf_counter()
        edit.apply()
        server.wait_for(edit.path, edit.shown, f"edit {number}: {edit.kind}")
        run.seconds.setdefault(edit.kind, []).append(time.perf_counter() - start)
        server.wait_for_build(builds + 1)
        if number in measure_after:
            run.resident[number] = server.settled_resident_bytes()
        else:
            time.sleep(PAUSE_SECONDS)
    return run
