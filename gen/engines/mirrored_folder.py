"""A folder kept equal to a set of files, rewriting only what changed: for an engine that reads its pages from disk.

Zensical's build and its live preview (gen/engines/zensical_build.py,
gen/engines/zensical_serve.py) stage the project's static files and the
generated pages into such a folder. An engine watching it rebuilds what was
written, so a file whose bytes are unchanged is not written again, and a file
no longer wanted is deleted, with the folders it leaves empty, so that its
page answers 404 as after a clean build. ``delete_output`` is also how the
MkDocs live build removes the outputs of removed files (gen/engines/live_build.py).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# What goes at a path: generated text, or a file whose bytes are copied.
Source = str | Path


@dataclass(frozen=True)
class Changes:
    """The paths an update wrote and deleted."""

    written: list[str]
    deleted: list[str]


class MirroredFolder:
    """``folder``, holding exactly the files of its last update, each rewritten only when its bytes change."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # Per path, what was last written there: the text itself, or the copied file's (path, mtime, size).
        self._written: dict[str, object] = {}

    def update(self, files: Mapping[str, Source]) -> Changes:
        """Make the folder hold ``files`` (path relative to it -> source) and nothing else it wrote before."""
        written = [relative for relative, source in files.items() if self._put(relative, source)]
        deleted = sorted(self._written.keys() - files.keys())
        for relative in deleted:
            delete_output(self.folder, relative)
            del self._written[relative]
        return Changes(written, deleted)

    def _put(self, relative: str, source: Source) -> bool:
        """Write one file unless it holds these bytes already; whether it was written."""
        stamp = source if isinstance(source, str) else _file_stamp(source)
        if self._written.get(relative) == stamp:
            return False
        target = self._target(relative)
        data = source.encode("utf-8") if isinstance(source, str) else source.read_bytes()
        changed = not (target.is_file() and target.read_bytes() == data)
        if changed:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        self._written[relative] = stamp
        return changed

    def _target(self, relative: str) -> Path:
        root = self.folder.resolve()
        target = (root / relative).resolve()
        if not target.is_relative_to(root):
            raise ValueError(f"page path {relative!r} lies outside {self.folder}")
        return target


def _file_stamp(path: Path) -> tuple[str, int, int]:
    info = path.stat()
    return str(path), info.st_mtime_ns, info.st_size


def files_under(folder: Path, skipped: Path | None = None) -> dict[str, Path]:
    """Every file under ``folder`` by its path relative to it, hidden ones included, as ``shutil.copytree``
    copies them; the folder ``skipped`` (and what it holds) left out."""
    skipped_path = None if skipped is None else str(skipped.resolve())
    found: dict[str, Path] = {}
    for root, folders, names in os.walk(folder, followlinks=True):
        folders[:] = sorted(name for name in folders if str(Path(root, name).resolve()) != skipped_path)
        for name in sorted(names):
            path = Path(root, name)
            if path.is_file():
                found[path.relative_to(folder).as_posix()] = path
    return found


def delete_output(folder: Path, relative: str) -> None:
    """Delete one file under ``folder`` and the folders it leaves empty."""
    path = folder / relative
    try:
        path.unlink()
    except FileNotFoundError:
        return
    parent = path.parent
    while parent != folder and parent.is_relative_to(folder) and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
