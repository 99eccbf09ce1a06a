"""``python -m gen zensical --serve`` through a run of edits: after each, the served folder is what a clean build writes.

A real preview of a project copy with the seed trajectories, on 127.0.0.1
(gen/engines/zensical_serve.py). Zensical builds into the ``site`` of its
staging folder (under the ``TMPDIR`` the test gives it) and adds its
live-reload script only to the pages it sends, so that folder is compared
with a clean ``python -m gen zensical`` build, with ``SITE_URL`` set to the
preview's address as the preview sets it, file by file and byte by byte, with
no normalisation. Zensical says nowhere when a rebuild has ended (a stylesheet
is copied without a word), so after each edit is served the comparison is
repeated until the folders agree, up to REBUILD_SECONDS. Pages are fetched
over HTTP too, as a browser would.

Memory: the resident memory of the preview's processes (the generator's and
Zensical's) after the last edit must be within ALLOWED_GROWTH_BYTES of its value
after the first. A seed build's generated files weigh under 1 MB and Zensical's
own rebuild of them a few MB, so a rebuild that kept its build's work would
add several MB an edit, 20 MB or more over the run; the settled reads of an idle
preview differ by about a MB between edits that keep nothing.
"""

from __future__ import annotations

import shutil
import time

import pytest

from tests.live_server import REBUILD_SECONDS, LiveServer, fetch, tree
from tests.plan_data import ablation, trajectory, write_trajectories
from tests.project_copy import copy_project

# A real server through a run of edits: left out of the inner loop (-m "not slow"), run by CI.
pytestmark = pytest.mark.slow

NEW_PAPER = "trajectories/lm-planner/o3-mini/Brand_New_Paper/"
ALLOWED_GROWTH_BYTES = 12 * 1024 * 1024


@pytest.fixture
def preview(tmp_path):
    project = copy_project(tmp_path / "project")
    trajectories = tmp_path / "trajectories"
    shutil.copytree(project / "trajectories", trajectories)
    write_trajectories(trajectories, *(
        trajectory(model, paper, ablation("Drop the loss"), ablation("Noise level sweep", action="ADD"))
        for paper in ("Diffusion_Transformers", "Vision_Alignment") for model in ("gpt-4o", "o3-mini")
    ))
    with LiveServer("zensical", project, trajectories, tmp_path) as server:
        yield server


def appended(path, text: str):
    return lambda: path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replaced(path, old: str, new: str):
    def edit() -> None:
        content = path.read_text(encoding="utf-8")
        assert old in content, f"{path} no longer holds {old!r}"
        path.write_text(content.replace(old, new), encoding="utf-8")

    return edit


def assert_served_folder_becomes_a_clean_build(server: LiveServer, step: str) -> None:
    clean = tree(server.clean_build(server.scratch / "clean"))
    deadline = time.monotonic() + REBUILD_SECONDS
    while True:
        served = tree(server.built_folder())
        extra, missing = sorted(served.keys() - clean.keys()), sorted(clean.keys() - served.keys())
        differing = sorted(path for path in clean.keys() & served.keys() if served[path] != clean[path])
        if not (extra or missing or differing):
            return
        assert time.monotonic() < deadline, (
            f"after {step}: not a clean build within {REBUILD_SECONDS}s: files a clean build does not write {extra}, "
            f"files missing {missing}, files that differ {differing}\n{server.log_text()[-3000:]}"
        )
        time.sleep(0.1)


def test_the_preview_equals_a_clean_build_after_every_edit_and_its_memory_stays_flat(preview):
    server = preview
    trajectories, project = server.trajectories, server.project
    assert_served_folder_becomes_a_clean_build(server, "the first build")
    edited = trajectories / "lm-planner/gpt-4o/Diffusion_Transformers.md"
    stylesheet, override = project / "docs/stylesheets/trajectories.css", project / "docs/overrides/main.html"

    steps = [
        ("a trajectory edited", replaced(edited, "Drop the loss", "Keep the loss, edited"),
         "trajectories/lm-planner/gpt-4o/Diffusion_Transformers/", lambda status, body: "Keep the loss, edited" in body),
        ("a trajectory added",
         lambda: write_trajectories(trajectories, trajectory("o3-mini", "Brand_New_Paper", ablation("Swap the optimiser"))),
         NEW_PAPER, lambda status, body: status == 200 and "Swap the optimiser" in body),
        ("a trajectory removed", (trajectories / "lm-planner/o3-mini/Brand_New_Paper.md").unlink,
         NEW_PAPER, lambda status, body: status == 404),
        ("a broken file",
         lambda: (trajectories / "lm-planner/gpt-4o/Half_Written.md").write_bytes(b"# lm-planner/gpt-4o/Half\x00\xff\xfe\xfd"),
         "", lambda status, body: status == 200 and "Half_Written.md" in server.log_text()),
        ("papers.yml edited",
         lambda: (trajectories / "papers.yml").write_text("Vision_Alignment:\n  title: Aligning Vision, edited\n", encoding="utf-8"),
         "papers/Vision_Alignment/", lambda status, body: "Aligning Vision, edited" in body),
        ("the stylesheet edited", appended(stylesheet, "\n/* edited while serving */\n"),
         "stylesheets/trajectories.css", lambda status, body: "edited while serving" in body),
        ("a template override edited", appended(override, "\n{% block footer %}{{ super() }}<!-- override edited -->{% endblock %}\n"),
         "papers/", lambda status, body: "override edited" in body),
        ("mkdocs.yml edited", replaced(project / "mkdocs.yml", "site_description: How", "site_description: Edited, how"),
         "", lambda status, body: "Edited, how" in body),
    ]
    resident = {}
    for step, edit, path, served in steps:
        assert not served(*fetch(server.url + path)), f"{step}: served before the edit, so the test would prove nothing"
        edit()
        server.wait_for(path, served, step)
        assert_served_folder_becomes_a_clean_build(server, step)
        if not resident:
            resident["first"] = server.settled_resident_bytes()
    resident["last"] = server.settled_resident_bytes()
    growth = resident["last"] - resident["first"]
    assert growth <= ALLOWED_GROWTH_BYTES, (
        f"resident memory grew {growth / 2**20:.1f} MB from the first edit ({resident['first'] / 2**20:.0f} MB) "
        f"to the last ({resident['last'] / 2**20:.0f} MB)"
    )
    log = server.log_text()
    assert "Half_Written.md" in log and "Traceback" not in log and "preview not updated" not in log
