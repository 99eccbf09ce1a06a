"""`mkdocs serve` through a run of edits: after each, the served folder is what a clean build of the same inputs writes.

Under MkDocs and under ProperDocs, which share the internals gen/engines/mkdocs_site.py
relies on. The server builds into a temporary folder (``mkdocs_*`` under ``TMPDIR``); the
test gives it its own ``TMPDIR`` and compares that folder with a clean
``mkdocs build`` file by file and byte by byte, the live-reload script being
added only as pages are served (tests/live_server.py). Pages are fetched over HTTP too, as a browser would.
"""

from __future__ import annotations

import pytest

from tests.live_server import LiveServer, assert_served_folder_is_a_clean_build, fetch
from tests.serve_edits import edits_of_every_input, project_with_trajectories, replaced

# A real server through a run of edits: left out of the inner loop (-m "not slow"), run by CI.
pytestmark = pytest.mark.slow


@pytest.fixture(params=["mkdocs", "properdocs"])
def live_server(request, tmp_path):
    project, trajectories = project_with_trajectories(tmp_path)
    with LiveServer(request.param, project, trajectories, tmp_path) as server:
        yield server


def test_served_files_equal_a_clean_build_after_every_edit(live_server):
    server = live_server
    assert server.builds() == 1
    assert_served_folder_is_a_clean_build(server, "the first build")
    steps = [
        *edits_of_every_input(server),
        ("the generator edited",
         replaced(server.project / "gen/pages/trajectory_page.py", "All plans for this paper, side by side", "Every plan for this paper, edited"),
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

