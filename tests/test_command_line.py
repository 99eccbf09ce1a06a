"""``python -m gen check DIR`` lints a trajectories folder; ``write DIR OUT`` writes the pages; ``papers DIR`` drafts papers.yml."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from gen.reading.corpus import load_corpus
from gen.reading.metadata import PaperMetadata
from gen.reading.trajectory_format import format_trajectory
from gen.records import Identity
from tests.bad_inputs import CLEAN, ESCAPE_MARKER, BadFile, all_files, clean_text, write_folder

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


# ``python -m gen papers DIR`` prints a papers.yml to review; ``check`` reports the metadata files' mistakes too.

QUOTED = "Scalable Diffusion Models with Transformers"
QUOTING_MODELS = ("gpt-4o", "o3-mini")


def planned(model: str, paper: str, reasoning: str) -> BadFile:
    trajectory = replace(CLEAN, identity=Identity("lm-planner", model, paper), reasoning=reasoning)
    return BadFile(f"lm-planner/{model}/{paper}.md", format_trajectory(trajectory).encode(), None)


@pytest.fixture
def titled_folder(tmp_path) -> Path:
    """``dit``, whose two plans quote its title, beside the clean papers; papers.yml has a good and a bad field."""
    files = [planned(model, "dit", f'The paper "{QUOTED}" replaces the U-Net.') for model in QUOTING_MODELS]
    files += [BadFile(f"lm-planner/gpt-4o/{paper}.md", clean_text(paper).encode(), None) for paper in CLEAN_PAPERS]
    folder = write_folder(tmp_path / "trajectories", files)
    (folder / "papers.yml").write_text("dit: {task: AuthorAblation, colour: red}\n", encoding="utf-8")
    return folder


def test_papers_prints_every_paper_with_its_fields_and_the_quoted_title(titled_folder):
    result = run_gen("papers", "trajectories", cwd=titled_folder.parent)
    assert result.returncode == 0, result.stderr
    document = yaml.safe_load(result.stdout)
    papers = sorted({*CLEAN_PAPERS, "dit"})
    assert list(document) == papers
    assert document["dit"] == {"title": QUOTED, "task": "AuthorAblation"}
    assert f"  title: {QUOTED}  # quoted by {len(QUOTING_MODELS)} of {len(QUOTING_MODELS)} plans' reasoning; review\n" in result.stdout
    assert all(document[paper] is None for paper in CLEAN_PAPERS)


def test_papers_reports_the_inputs_problems_on_stderr_as_check_does(titled_folder):
    result = run_gen("papers", "trajectories", cwd=titled_folder.parent)
    check = run_gen("check", "trajectories", cwd=titled_folder.parent)
    assert result.stderr.splitlines() == check.stdout.splitlines()
    assert check.stdout == "trajectories/papers.yml: paper 'dit', field 'colour': unknown field (known: title, venue, link, task); ignored\n"


def test_what_papers_prints_reads_back_without_problems(titled_folder):
    printed = run_gen("papers", titled_folder, cwd=titled_folder.parent).stdout
    (titled_folder / "papers.yml").write_text(printed, encoding="utf-8")
    corpus = load_corpus(titled_folder)
    assert corpus.diagnostics == []
    assert corpus.papers["dit"] == PaperMetadata(title=QUOTED, task="AuthorAblation")
    reviewed = printed.replace(f"  # quoted by {len(QUOTING_MODELS)} of {len(QUOTING_MODELS)} plans' reasoning; review", "")
    assert run_gen("papers", titled_folder, cwd=titled_folder.parent).stdout == reviewed  # a title in papers.yml is the maintainers'


def test_a_single_plans_quote_is_only_suggested_in_a_comment(tmp_path):
    folder = write_folder(tmp_path / "trajectories", [planned("gpt-4o", "dit", f'Given "{QUOTED}".'), planned("o3-mini", "dit", "No quote.")])
    printed = run_gen("papers", folder, cwd=tmp_path).stdout
    assert yaml.safe_load(printed) == {"dit": None}
    assert f"dit:\n  # title: {QUOTED}  # quoted by 1 of 2 plans' reasoning\n" in printed


@pytest.mark.parametrize(("name", "text", "problem"), [
    ("papers.yml", "Frist_Paper: {title: Typo}\n", "paper 'Frist_Paper': no trajectory names this paper"),
    ("leaderboard.yml", "metric: F1\nsystems:\n  - {planner: lm-planner, model: gpt-4o, scores: {overall: high}}\n", "score 'overall'"),
    ("leaderboard.yml", b"metric: \xff\n", "not UTF-8 text"),
])
def test_check_fails_on_mistakes_in_the_metadata_files(clean_folder, name, text, problem):
    (clean_folder / name).write_bytes(text.encode() if isinstance(text, str) else text)
    result = run_gen("check", clean_folder.name, cwd=clean_folder.parent)
    assert result.returncode == 1
    assert any(line.startswith(f"{clean_folder.name}/{name}: ") and problem in line for line in result.stdout.splitlines())


def test_check_passes_valid_metadata_files(clean_folder):
    (clean_folder / "papers.yml").write_text(f"{CLEAN_PAPERS[0]}: {{task: ReviewerAblation}}\n", encoding="utf-8")
    (clean_folder / "leaderboard.yml").write_text("metric: F1\nsystems:\n  - {planner: lm-planner, model: gpt-4o, scores: {overall: 0.31}}\n")
    result = run_gen("check", clean_folder, cwd=clean_folder.parent)
    assert (result.returncode, result.stdout) == (0, "")
