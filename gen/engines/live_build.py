"""What a live server keeps between builds, so that a rebuild redoes only what its change requires.

A rebuild is partial when nothing but input data changed since the last
complete build: the trajectories and metadata, which the generator compares
file by file and output by output, and the theme's static files, which the
engine compares by modification time. Any change to what turns data into HTML
(the configuration, templates, the theme, this package) makes the next build
complete. So does a build that failed.

A partial build writes only the outputs that changed; the outputs of files
that no longer exist are deleted here, so that a removed trajectory's pages
answer 404 and the folder holds what a clean build would write.

Nothing here knows about MkDocs: the engine glue (gen/engines/mkdocs_site.py) says
which folders decide, and what it wrote.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from gen.build_output import BuildOutput, Generator, generate
from gen.engines.mirrored_folder import delete_output

Stamp = frozenset[tuple[str, int, int]]


@dataclass(frozen=True)
class Decisive:
    """The files whose change makes the next build complete: all under ``paths``, and the Markdown pages
    under ``page_folder`` (its other files, stylesheets and scripts, are copied by modification time)."""

    paths: tuple[Path, ...] = ()
    page_folder: Path | None = None

    def stamp(self) -> Stamp:
        seen: set[tuple[str, int, int]] = set()
        for path in self.paths:
            _visit(str(path), seen, None)
        if self.page_folder is not None:
            _visit(str(self.page_folder), seen, PAGE_SUFFIXES)
        return frozenset(seen)


PAGE_SUFFIXES = (".md", ".markdown")


def _visit(path: str, seen: set[tuple[str, int, int]], suffixes: tuple[str, ...] | None) -> None:
    """Add every file at or under ``path`` (with one of ``suffixes``, if given) with its modification time
    and size, hidden ones and ``__pycache__`` aside."""
    try:
        info = os.stat(path)
    except OSError:
        return
    if os.path.isdir(path):
        with os.scandir(path) as entries:
            for entry in entries:
                if not entry.name.startswith(".") and entry.name != "__pycache__":
                    _visit(entry.path, seen, suffixes)
    elif suffixes is None or path.endswith(suffixes):
        seen.add((path, info.st_mtime_ns, info.st_size))


class LiveBuild:
    """The last complete build's inputs and outputs, and the generator's caches."""

    def __init__(self) -> None:
        self.generator = Generator()
        self.engine_cache: dict[str, object] = {}  # what the engine glue keeps between builds
        self.code_stamp = CODE.stamp()
        self.partial = False
        self._decisive = Decisive()
        self._stamp: Stamp | None = None
        self._pending_stamp: Stamp | None = None
        self._contents: dict[str, str] = {}
        self._outputs: set[str] = set()
        self._changed: set[str] | None = None
        self._last: tuple[Path, BuildOutput] | None = None

    def code_changed(self) -> bool:
        """Whether this package changed since it was imported: then it must be imported afresh."""
        return CODE.stamp() != self.code_stamp

    def begin_rebuild(self, changed: set[str] | None = None) -> bool:
        """Decide, before a rebuild starts, whether it may be partial; ``changed`` are the paths changed
        since the last build, where the engine knows them."""
        self.partial = self._stamp is not None and self._decisive.stamp() == self._stamp
        self._changed = changed
        return self.partial

    def begin(self, decisive: Decisive) -> None:
        """A build starts, with the configuration as it is now."""
        self._decisive = decisive
        self._pending_stamp = decisive.stamp()

    def generate(self, trajectories: Path, serving: bool = True) -> tuple[BuildOutput, set[str]]:
        """The generated files, and those of them unchanged since the last build (none unless it is partial).

        Only a server (``serving``) has a next build to keep the generator's work for: a single
        build keeps nothing, so its memory is that of one generation, freed once its files are made.
        """
        if not serving:
            self._last = None
            return generate(trajectories), set()
        if self.partial and self._last is not None and self._last[0] == trajectories and self._only_assets_changed(trajectories):
            return self._last[1], set(self._last[1].files)
        output = self.generator.generate(trajectories)
        self._last = (trajectories, output)
        if not self.partial:
            return output, set()
        previous = self._contents
        return output, {path for path, content in output.files.items() if previous.get(path) == content}

    def _only_assets_changed(self, trajectories: Path) -> bool:
        """Whether every path that changed is a stylesheet, script or other file of the docs folder
        that is no page, which nothing generated reads."""
        if self._changed is None or self._decisive.page_folder is None:
            return False
        folder, data = str(self._decisive.page_folder.resolve()), str(trajectories.resolve())
        return all(
            _inside(path, folder) and not _inside(path, data) and not path.endswith(PAGE_SUFFIXES)
            for path in map(os.path.abspath, self._changed)
        )

    def finish(self, files: dict[str, str], site_dir: Path, outputs: set[str]) -> list[str]:
        """The build completed, writing ``outputs`` (paths under ``site_dir``): delete what earlier builds wrote and
        this one did not, and return those paths."""
        stale = sorted(self._outputs - outputs)
        for relative in stale:
            delete_output(site_dir, relative)
        self._contents, self._outputs, self._stamp = files, outputs, self._pending_stamp
        self.partial = False
        return stale

    def fail(self) -> None:
        """The build failed: what the folder holds is unknown, so the next build is complete."""
        self._stamp = None
        self._last = None
        self.partial = False


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


CODE = Decisive((Path(__file__).parents[1],))
LIVE = LiveBuild()
