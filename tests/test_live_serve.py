"""`mkdocs serve` through a run of edits: after each, the served folder is what a clean build of the same inputs writes.

Under MkDocs and under ProperDocs, which share the internals gen/engines/mkdocs_site.py
relies on. The server builds into a temporary folder (``mkdocs_*`` under ``TMPDIR``); the
test gives it its own ``TMPDIR`` and compares that folder with a clean
``mkdocs build`` file by file and byte by byte, the live-reload script being
added only as pages are served. Pages are fetched over HTTP too, as a browser would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.test_serve import free_port
from tests.conftest import BUILD_ENV
from tests.plan_data import ablation, trajectory, write_trajectories
from tests.project_copy import copy_project

STARTUP_SECONDS = 120
REBUILD_SECONDS = 60
NEW_PAPER = "trajectories/lm-planner/o3-mini/Brand_New_Paper/"


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


class LiveServer:
    """A real ``mkdocs serve`` on 127.0.0.1 of a project copy, with the folder it builds into."""

    def __init__(self, engine: str, project: Path, trajectories: Path, scratch: Path):
        self.engine, self.project, self.trajectories, self.scratch = engine, project, trajectories, scratch
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = scratch / "serve.log"
        self.env = dict(os.environ, **BUILD_ENV, TRAJECTORIES_DIR=str(trajectories), TMPDIR=str(scratch / "tmp"))
        self.env.pop("SITE_URL", None)
        (scratch / "tmp").mkdir(parents=True)
        with open(self.log, "wb") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", engine, "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{self.port}"],
                cwd=project, env=self.env, stdout=output, stderr=subprocess.STDOUT,
            )

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, path: str, condition, what: str, seconds: float = REBUILD_SECONDS) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"mkdocs serve exited with {self.process.returncode}:\n{self.log_text()[-3000:]}")
            try:
                status, body = fetch(self.url + path)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                status, body = 0, ""
            if condition(status, body):
                return body
            time.sleep(0.1)
        pytest.fail(f"{what}: not served within {seconds}s\n{self.log_text()[-3000:]}")

    def builds(self) -> int:
        """Builds started: the first, then one for each burst of changes."""
        return self.log_text().count("Building documentation...")

    def wait_for_build(self, count: int) -> None:
        """Until ``count`` builds have started and the last has finished (each rebuild ends by reloading browsers)."""
        def finished(status: int, body: str) -> bool:
            log = self.log_text()
            started = log.count("Building documentation...")
            return status == 200 and started >= count and log.count("Reloading browsers") == started - 1

        self.wait_for("", finished, f"build {count}")

    def built_folder(self) -> Path:
        [folder] = (self.scratch / "tmp").glob(f"{self.engine}_*")
        return folder

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)

    def clean_build(self, site: Path) -> Path:
        """A clean build of the same inputs, with the address the server gives its pages."""
        shutil.rmtree(site, ignore_errors=True)
        result = subprocess.run(
            [sys.executable, "-m", self.engine, "build", "-f", "mkdocs.yml", "-d", str(site)],
            cwd=self.project, env=dict(self.env, SITE_URL=self.url), capture_output=True, text=True,
        )
        assert result.returncode == 0, result.stderr
        return site


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_served_folder_is_a_clean_build(server: LiveServer, step: str) -> None:
    served, clean = tree(server.built_folder()), tree(server.clean_build(server.scratch / "clean"))
    assert sorted(served.keys() - clean.keys()) == [], f"after {step}: files a clean build does not write"
    assert sorted(clean.keys() - served.keys()) == [], f"after {step}: files missing"
    differing = [path for path in clean if served[path] != clean[path]]
    assert differing == [], f"after {step}: files that differ from a clean build"


@pytest.fixture(params=["mkdocs", "properdocs"])
def live_server(request, tmp_path):
    project = copy_project(tmp_path / "project")
    trajectories = tmp_path / "trajectories"
    shutil.copytree(project / "trajectories", trajectories)
    write_trajectories(trajectories, *(
        trajectory(model, paper, ablation("Drop the loss"), ablation("Noise level sweep", action="ADD"))
        for paper in ("Diffusion_Transformers", "Vision_Alignment") for model in ("gpt-4o", "o3-mini")
    ))
    server = LiveServer(request.param, project, trajectories, tmp_path)
    try:
        server.wait_for("", lambda status, body: status == 200, "the first build", STARTUP_SECONDS)
        yield server
    finally:
        server.stop()


def test_served_files_equal_a_clean_build_after_every_edit(live_server):
    server = live_server
    trajectories, project = server.trajectories, server.project
    assert server.builds() == 1
    assert_served_folder_is_a_clean_build(server, "the first build")
    edited = trajectories / "lm-planner/gpt-4o/Diffusion_Transformers.md"
    page = "trajectories/lm-planner/gpt-4o/Diffusion_Transformers/"

    steps = [
        ("a trajectory edited",
         lambda: edited.write_text(edited.read_text(encoding="utf-8").replace("Drop the loss", "Keep the loss, edited"), encoding="utf-8"),
         page, lambda status, body: "Keep the loss, edited" in body),
        ("a trajectory added",
         lambda: write_trajectories(trajectories, trajectory("o3-mini", "Brand_New_Paper", ablation("Swap the optimiser"))),
         NEW_PAPER, lambda status, body: status == 200 and "Swap the optimiser" in body),
        ("a trajectory removed",
         lambda: (trajectories / "lm-planner/o3-mini/Brand_New_Paper.md").unlink(),
         NEW_PAPER, lambda status, body: status == 404),
        ("a broken file",
         lambda: (trajectories / "lm-planner/gpt-4o/Half_Written.md").write_bytes(b"# lm-planner/gpt-4o/Half\x00\xff\xfe\xfd"),
         "", lambda status, body: status == 200 and "Half_Written.md" in server.log_text()),
        ("papers.yml edited",
         lambda: (trajectories / "papers.yml").write_text("Vision_Alignment:\n  title: Aligning Vision, edited\n", encoding="utf-8"),
         "papers/Vision_Alignment/", lambda status, body: "Aligning Vision, edited" in body),
        ("the stylesheet edited",
         lambda: (project / "docs/stylesheets/trajectories.css").write_text(
             (project / "docs/stylesheets/trajectories.css").read_text(encoding="utf-8") + "\n/* edited while serving */\n", encoding="utf-8"),
         "stylesheets/trajectories.css", lambda status, body: "edited while serving" in body),
        ("the generator edited",
         lambda: (project / "gen/pages/trajectory_page.py").write_text(
             (project / "gen/pages/trajectory_page.py").read_text(encoding="utf-8").replace(
                 "All plans for this paper, side by side", "Every plan for this paper, edited"), encoding="utf-8"),
         "trajectories/lm-planner/o3-mini/Vision_Alignment/", lambda status, body: "Every plan for this paper, edited" in body),
    ]
    for step, edit, path, served in steps:
        builds = server.builds()
        assert not served(*fetch(server.url + path)), f"{step}: served before the edit, so the test would prove nothing"
        edit()
        server.wait_for(path, served, step)
        server.wait_for_build(builds + 1)
        assert_served_folder_is_a_clean_build(server, step)
    assert "Half_Written.md" in server.log_text()
    assert "Traceback" not in server.log_text()

