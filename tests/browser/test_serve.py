"""`mkdocs serve` on a loopback port, as a user runs it: an edited trajectory shows up in the open page."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import MKDOCS_SITE_ONLY
from tests.conftest import BUILD_ENV, PROJECT
from tests.live_server import free_port
from tests.project_copy import copy_project

pytestmark = MKDOCS_SITE_ONLY

TRAJECTORY_FILE = Path("trajectories/lm-planner/claude-35-sonnet/"
                       "Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models.md")
TRAJECTORY_PAGE = ("trajectories/lm-planner/claude-35-sonnet/"
                   "Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_/")
STARTUP_SECONDS = 90
REBUILD_MS = 60_000


def wait_until_serving(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"mkdocs serve exited with {server.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"mkdocs serve did not answer {url} within {STARTUP_SECONDS}s:\n{log.read_text(errors='replace')}")


@pytest.fixture
def served_copy(tmp_path, playwright_api):
    """A copy of the project served by `mkdocs serve` on 127.0.0.1; stopped when the test ends."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    env = dict(os.environ, **BUILD_ENV)
    env.pop("TRAJECTORIES_DIR", None)
    env.pop("SITE_URL", None)
    log = tmp_path / "serve.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/", server, log)
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def digest(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_mkdocs_serve_picks_up_an_edited_trajectory(served_copy, new_page):
    repo_trajectories = digest(PROJECT / "trajectories")
    project, home = served_copy
    new_page.watch.origins.add(home.rstrip("/"))
    page = new_page()
    page.goto(home + TRAJECTORY_PAGE)
    first = page.locator("article .tv-ablation :is(h2, h3)").first
    marker = first.locator(".tv-proposed").inner_text()
    assert first.inner_text().rstrip("¶").strip().removesuffix(marker).strip() == "Noise Level Ablation"

    source = project / TRAJECTORY_FILE
    original = source.read_bytes()
    assert original.count(b"### Noise Level Ablation") == 1
    source.write_bytes(original.replace(b"### Noise Level Ablation", b"### Noise Level Sweep, edited while serving"))

    # The open page reloads by itself once the site is rebuilt (MkDocs' live reload).
    page.locator("article .tv-ablation :is(h2, h3)").filter(has_text="Noise Level Sweep, edited while serving").wait_for(timeout=REBUILD_MS)
    assert page.url == home + TRAJECTORY_PAGE
    assert "Noise Level Ablation" not in page.locator("article").inner_text()
    # A fresh request gets the new page too.
    with urllib.request.urlopen(home + TRAJECTORY_PAGE, timeout=10) as response:
        assert "Noise Level Sweep, edited while serving" in response.read().decode("utf-8")
    assert digest(PROJECT / "trajectories") == repo_trajectories, "the repository's trajectories must not change"
