"""A throwaway copy of the project, for tests that edit files or run git in it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import PROJECT

SKIPPED = {".git", ".venv", "site", "build", "__pycache__", ".pytest_cache", ".hypothesis"}


def _project_files() -> list[Path]:
    """The project's files as git sees them (tracked, or new and not ignored); a plain walk outside git."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT, capture_output=True,
    )
    if listed.returncode == 0 and listed.stdout:
        names = [name for name in listed.stdout.decode("utf-8").split("\0") if name]
        return [PROJECT / name for name in names if (PROJECT / name).is_file()]
    return [
        path for path in PROJECT.rglob("*")
        if path.is_file() and not SKIPPED.intersection(path.relative_to(PROJECT).parts)
        and not any(part.endswith(".egg-info") for part in path.relative_to(PROJECT).parts)
    ]


def copy_project(target: Path) -> Path:
    """Copy the project's files, bytes unchanged, into ``target`` (created) and return it."""
    target.mkdir(parents=True, exist_ok=True)
    for source in _project_files():
        destination = target / source.relative_to(PROJECT)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
    return target
