"""``python -m gen check DIR`` lints a trajectories folder; ``python -m gen write DIR OUT`` writes the pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gen.corpus import load_corpus
from tests.bad_inputs import ESCAPE_MARKER, BadFile, all_files, clean_text, write_folder

CLEAN_PAPERS = ("First_Paper", "Second_Paper")


def run_gen(*arguments: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gen", *map(str, arguments)], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def clean_folder(tmp_path) -> Path:
    files = [BadFile(f"lm-planner/gpt-4o/{paper}.md", clean_text(paper).encode(), None) for paper in CLEAN_PAPERS]
    return write_folder(tmp_path / "clean", files)


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> Path:
    return write_folder(tmp_path_factory.mktemp("bad") / "trajectories", all_files())


def test_check_passes_a_clean_folder_silently(clean_folder):
    result = run_gen("check", clean_folder, cwd=clean_folder.parent)
    assert result.returncode == 0
    assert result.stdout == ""


def test_check_prints_one_line_per_problem_and_fails(bad_folder):
    result = run_gen("check", "trajectories", cwd=bad_folder.parent)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    diagnostics = load_corpus(bad_folder).diagnostics
    assert sorted(lines) == sorted(f"trajectories/{d.source}: {d.message}" for d in diagnostics)
    for bad_file in all_files():
        if bad_file.problem:
            assert any(line.startswith(f"trajectories/{bad_file.path}: ") and bad_file.problem in line for line in lines)


def test_check_names_files_with_paths_that_open_from_where_it_ran(bad_folder):
    result = run_gen("check", "trajectories", cwd=bad_folder.parent)
    paths = {line.split(": ", 1)[0] for line in result.stdout.splitlines()}
    assert paths and all((bad_folder.parent / path).is_file() for path in paths)


def test_check_of_a_missing_folder_is_a_usage_error(tmp_path):
    result = run_gen("check", tmp_path / "absent", cwd=tmp_path)
    assert result.returncode == 2
    assert "absent" in result.stderr and result.stdout == ""


def test_write_produces_a_markdown_page_per_trajectory_at_its_url(clean_folder, tmp_path):
    out = tmp_path / "pages"
    result = run_gen("write", clean_folder, out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for paper in CLEAN_PAPERS:
        source = (out / "trajectories/lm-planner/gpt-4o" / paper / "index.md").read_text(encoding="utf-8")
        front, body = source.removeprefix("---\n").split("\n---\n", 1)
        assert yaml.safe_load(front)["title"]
        assert "Then the smoothing." in body
    assert (out / "papers" / CLEAN_PAPERS[0] / "index.md").is_file()


def test_write_reports_problems_on_stderr_and_writes_only_inside_out(bad_folder, tmp_path):
    out = tmp_path / "out" / "pages"
    result = run_gen("write", bad_folder, out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert all(f"{d.source}: {d.message}" in result.stderr for d in load_corpus(bad_folder).diagnostics)
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert written and all(path.is_relative_to(out) for path in written)
    assert any(ESCAPE_MARKER in str(path) for path in written)
