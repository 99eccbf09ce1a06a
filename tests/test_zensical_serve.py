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

import pytest

from tests.live_server import REBUILD_SECONDS, LiveServer, assert_served_folder_is_a_clean_build, fetch
from tests.serve_edits import appended, edits_of_every_input, project_with_trajectories, replaced

# A real server through a run of edits: left out of the inner loop (-m "not slow"), run by CI.
pytestmark = pytest.mark.slow

ALLOWED_GROWTH_BYTES = 12 * 1024 * 1024


@pytest.fixture
def preview(tmp_path):
    project, trajectories = project_with_trajectories(tmp_path)
    with LiveServer("zensical", project, trajectories, tmp_path) as server:
        yield server


def test_the_preview_equals_a_clean_build_after_every_edit_and_its_memory_stays_flat(preview):
    server = preview
    project = server.project
    assert_served_folder_is_a_clean_build(server, "the first build", REBUILD_SECONDS)
    steps = [
        *edits_of_every_input(server),
        ("a template override edited", appended(project / "docs/overrides/main.html",
                                                "\n{% block footer %}{{ super() }}<!-- override edited -->{% endblock %}\n"),
         "papers/", lambda status, body: "override edited" in body),
        ("mkdocs.yml edited", replaced(project / "mkdocs.yml", "site_description: How", "site_description: Edited, how"),
         "", lambda status, body: "Edited, how" in body),
    ]
    resident = {}
    for step, edit, path, served in steps:
        assert not served(*fetch(server.url + path)), f"{step}: served before the edit, so the test would prove nothing"
        edit()
        server.wait_for(path, served, step)
        assert_served_folder_is_a_clean_build(server, step, REBUILD_SECONDS)
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
