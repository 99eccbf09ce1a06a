"""Shared fixtures: the project, the public corpus where present, and real MkDocs builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
CORPUS = SHARED / "corpus" / "trajectories"
SEEDS = SHARED / "seeds"
SITECHECK = SHARED / "tools" / "sitecheck.py"
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the public corpus is not at {CORPUS}")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the original seeds are not at {SEEDS}")
needs_sitecheck = pytest.mark.skipif(not SITECHECK.is_file(), reason=f"sitecheck.py is not at {SITECHECK}")


def build_site(site: Path, trajectories: Path | None = None, strict: bool = True, config: Path | None = None) -> subprocess.CompletedProcess:
    """Run a real ``mkdocs build`` of the project into ``site``."""
    env = dict(os.environ, **BUILD_ENV)
    env.pop("TRAJECTORIES_DIR", None)
    if trajectories is not None:
        env["TRAJECTORIES_DIR"] = str(trajectories)
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)]
    if strict:
        command.append("--strict")
    if config is not None:
        command += ["-f", str(config)]
    return subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("seed-site")
    result = build_site(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the public corpus is not at {CORPUS}")
    site = tmp_path_factory.mktemp("corpus-site")
    result = build_site(site, CORPUS)
    assert result.returncode == 0, result.stderr
    return site


def run_sitecheck(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SITECHECK), *args], capture_output=True, text=True)
