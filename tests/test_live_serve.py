"""`mkdocs serve` through a run of edits: after each, the served folder is what a clean build of the same inputs writes.

Under MkDocs and under ProperDocs, which share the internals gen/engines/mkdocs_site.py
relies on. The server builds into a temporary folder (``mkdocs_*`` under ``TMPDIR``); the
test gives it its own ``TMPDIR`` and compares that folder with a clean
``mkdocs build`` file by file and byte by byte, the live-reload script being
added only as pages are served (tests/live_server.py). Pages are fetched over HTTP too, as a browser would.
"""

from __future__ import annotations

import shutil

import pytest

from tests.live_server import LiveServer, assert_served_folder_is_a_clean_build, fetch
from tests.plan_data import ablation, trajectory, write_trajectories
from tests.project_copy import copy_project

# A real server through a run of edits: left out of the inner loop (-m "not slow"), run by CI.
pytestmark = pytest.mark.slow

NEW_PAPER = "trajectories/lm-planner/o3-mini/Brand_New_Paper/"


@pytest.fixture(params=["mkdocs", "properdocs"])
def live_server(request, tmp_path):
    project = copy_project(tmp_path / "project")
    trajectories = tmp_path / "trajectories"
    shutil.copytree(project / "trajectories", trajectories)
    write_trajectories(trajectories, *(
        trajectory(model, paper, ablation("Drop the loss"), ablation("Noise level sweep", action="ADD"))
        for paper in ("Diffusion_Transformers", "Vision_Alignment") for model in ("gpt-4o", "o3-mini")
    ))
    with LiveServer(request.param, project, trajectories, tmp_path) as server:
        yield server


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

