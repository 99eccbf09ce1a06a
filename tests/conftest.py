"""Shared fixtures: the project, the public corpus where present, and real MkDocs builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
CORPUS = SHARED / "corpus" / "trajectories"
SEEDS = SHARED / "seeds"
SITECHECK = SHARED / "tools" / "sitecheck.py"
PAPERS_YML = SHARED / "corpus" / "papers.yml"
LEADERBOARD_YML = SHARED / "corpus" / "leaderboard.yml"
SECOND_PLANNER = "agent-planner"
SECOND_PLANNER_MODELS = ("gpt-4o", "claude-35-sonnet")  # model folders, as the corpus names them
SECOND_PLANNER_PAPERS = 40  # the first papers of each model, by file name, and always dit
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the public corpus is not at {CORPUS}")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the original seeds are not at {SEEDS}")
needs_sitecheck = pytest.mark.skipif(not SITECHECK.is_file(), reason=f"sitecheck.py is not at {SITECHECK}")


# How each engine builds the project: a real build, into the folder given after ``-d``.
ENGINE_BUILDS = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "build"],
    "properdocs": [sys.executable, "-m", "properdocs", "build"],
    "zensical": [sys.executable, "-m", "gen", "zensical"],
}


def build_site(site: Path, trajectories: Path | None = None, strict: bool = True, config: Path | None = None,
               engine: str = "mkdocs", **environment: str) -> subprocess.CompletedProcess:
    """Run a real build of the project into ``site`` (``mkdocs build`` unless ``engine`` says otherwise),
    with ``environment`` added to the variables it sees."""
    env = dict(os.environ, **BUILD_ENV, **environment)
    env.pop("TRAJECTORIES_DIR", None)
    if trajectories is not None:
        env["TRAJECTORIES_DIR"] = str(trajectories)
    command = [*ENGINE_BUILDS[engine], "-d", str(site)]
    if strict:
        command.append("--strict")
    if config is not None:
        command += ["-f", str(config)]
    return subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True)


def copy_corpus(target: Path, metadata: bool = True) -> Path:
    """The public corpus copied into ``target``, with papers.yml and leaderboard.yml beside it, as a maintainer keeps them."""
    shutil.copytree(CORPUS, target)
    if metadata:
        shutil.copy(PAPERS_YML, target / "papers.yml")
        shutil.copy(LEADERBOARD_YML, target / "leaderboard.yml")
    return target


def second_planner_files(corpus: Path) -> list[Path]:
    """Corpus files copied as the second planner's: some papers of two models, their heading's planner renamed."""
    written = []
    for model in SECOND_PLANNER_MODELS:
        sources = sorted((CORPUS / "lm-planner" / model).glob("*.md"))
        chosen = {*sources[:SECOND_PLANNER_PAPERS], CORPUS / "lm-planner" / model / "dit.md"}
        for source in sorted(chosen):
            text = source.read_text(encoding="utf-8")
            assert text.count("# lm-planner/") == 1, source
            target = corpus / SECOND_PLANNER / model / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text.replace("# lm-planner/", f"# {SECOND_PLANNER}/"), encoding="utf-8")
            written.append(target)
    return written


def strict_site(tmp_path_factory, name: str, trajectories: Path | None = None) -> Path:
    """A strict build into a fresh folder named after ``name``, which must succeed."""
    site = tmp_path_factory.mktemp(name)
    result = build_site(site, trajectories)
    assert result.returncode == 0, result.stderr
    return site


def skip_without_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the public corpus is not at {CORPUS}")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    return strict_site(tmp_path_factory, "seed-site")


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> Path:
    """The corpus with papers.yml and leaderboard.yml beside it."""
    skip_without_corpus()
    return strict_site(tmp_path_factory, "corpus-site", copy_corpus(tmp_path_factory.mktemp("corpus") / "trajectories"))


@pytest.fixture(scope="session")
def two_planner_corpus(tmp_path_factory) -> Path:
    """The corpus with its metadata and a second planner's trajectories."""
    skip_without_corpus()
    corpus = copy_corpus(tmp_path_factory.mktemp("two-planners") / "trajectories")
    second_planner_files(corpus)
    return corpus


@pytest.fixture(scope="session")
def two_planner_site(tmp_path_factory, two_planner_corpus) -> Path:
    return strict_site(tmp_path_factory, "two-planner-site", two_planner_corpus)


def run_sitecheck(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SITECHECK), *args], capture_output=True, text=True)
