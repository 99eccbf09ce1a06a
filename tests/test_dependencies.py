"""The declared dependencies are the imported ones: deptry, configured in pyproject.toml, finds every
import of gen/ and tests/ that no dependency declares, and every declared package nothing imports
(but those pyproject.toml names as used only as a theme or a command)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def deptry(folder: Path) -> tuple[int, str]:
    """deptry's exit status and its report (which it writes to standard error), without colours."""
    run = subprocess.run([sys.executable, "-m", "deptry", "."], cwd=folder, capture_output=True, text=True, timeout=120)
    return run.returncode, COLOUR.sub("", run.stdout + run.stderr)


def test_every_import_is_declared_and_every_dependency_imported():
    status, report = deptry(PROJECT)
    assert status == 0, report


def test_an_undeclared_import_and_an_unused_dependency_are_both_found(tmp_path):
    """The configuration leaves something to check: the same project, with one of each mistake."""
    shutil.copytree(PROJECT / "gen", tmp_path / "gen")
    shutil.copytree(PROJECT / "tests", tmp_path / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    pyproject = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(pyproject.replace('    "nh3>=0.3",\n', '    "nh3>=0.3",\n    "tomlkit>=0.12",\n', 1),
                                             encoding="utf-8")
    with (tmp_path / "gen" / "records.py").open("a", encoding="utf-8") as module:
        module.write("\nimport rapidfuzz  # noqa: E402,F401\n")
    status, report = deptry(tmp_path)
    assert status == 1
    assert "DEP001 'rapidfuzz' imported but missing" in report
    assert "DEP002 'tomlkit' defined as a dependency but not used" in report
    assert "Found 2 dependency issues" in report
