"""A long ``mkdocs serve`` keeps only what its current inputs need (issue 19).

A real server of the corpus (or, without ../shared, of a synthetic corpus of the
same size) goes through 40 edits of every kind (tests/serve_soak.py). Resident
memory after the last edit must be within 30 MB of its value after edit 10, by
which time every cache has seen every kind of edit once; a rebuild that kept a
build's worth of objects would add tens of MB an edit. Then the served folder
must still be what a clean build of the same inputs writes.
"""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS, copy_corpus
from tests.live_server import LiveServer, assert_served_folder_is_a_clean_build
from tests.plan_data import synthetic_corpus
from tests.project_copy import copy_project
from tests.serve_soak import soak

EDITS = 40
BASELINE_EDIT = 10
ALLOWED_GROWTH_BYTES = 30 * 1024 * 1024

pytestmark = pytest.mark.slow


@pytest.fixture
def soak_corpus(tmp_path):
    if CORPUS.is_dir():
        return copy_corpus(tmp_path / "trajectories")
    return synthetic_corpus(tmp_path / "trajectories")


def test_memory_stays_flat_through_forty_edits(tmp_path, soak_corpus):
    project = copy_project(tmp_path / "project")
    with LiveServer("mkdocs", project, soak_corpus, tmp_path) as server:
        run = soak(server, soak_corpus, EDITS, {BASELINE_EDIT, EDITS})
        growth = run.resident[EDITS] - run.resident[BASELINE_EDIT]
        assert growth <= ALLOWED_GROWTH_BYTES, (
            f"resident memory grew {growth / 2**20:.1f} MB from edit {BASELINE_EDIT} "
            f"({run.resident[BASELINE_EDIT] / 2**20:.0f} MB) to edit {EDITS} ({run.resident[EDITS] / 2**20:.0f} MB)"
        )
        assert set(run.seconds) == {
            "a trajectory edited", "a trajectory added", "the added trajectory removed", "a broken file",
            "the broken file removed", "papers.yml edited",
        }
        assert "Traceback" not in server.log_text()
        assert_served_folder_is_a_clean_build(server, f"{EDITS} edits")
