"""A long ``mkdocs serve`` keeps only what its current inputs need (issue 19).

A real server of the corpus (or, without ../shared, of a synthetic corpus of the
same size) goes through 40 edits of every kind (tests/serve_soak.py). From edit
10, by which time every cache has seen every kind of edit once, resident memory
is read after every third edit, and the line fitted through those reads may
rise by at most 30 MB over the last 30 edits: a rebuild that kept a build's
worth of objects would add tens of MB an edit. The trend, not two single reads:
one read varies by about 10 MB from the next with no leak (the allocator returns
memory to the system when it will), so two reads 30 MB apart happen by chance.
Then the served folder must still be what a clean build of the same inputs writes.
"""

from __future__ import annotations

import statistics

import pytest

from tests.conftest import CORPUS, copy_corpus
from tests.live_server import LiveServer, assert_served_folder_is_a_clean_build
from tests.plan_data import synthetic_corpus
from tests.project_copy import copy_project
from tests.serve_soak import soak

EDITS = 40
BASELINE_EDIT = 10
MEASURED_EDITS = range(BASELINE_EDIT, EDITS + 1, 3)
ALLOWED_GROWTH_BYTES = 30 * 1024 * 1024  # over the edits from BASELINE_EDIT to EDITS

pytestmark = pytest.mark.slow


@pytest.fixture
def soak_corpus(tmp_path):
    if CORPUS.is_dir():
        return copy_corpus(tmp_path / "trajectories")
    return synthetic_corpus(tmp_path / "trajectories")


def test_memory_stays_flat_through_forty_edits(tmp_path, soak_corpus):
    project = copy_project(tmp_path / "project")
    with LiveServer("mkdocs", project, soak_corpus, tmp_path) as server:
        run = soak(server, soak_corpus, EDITS, set(MEASURED_EDITS))
        per_edit = statistics.linear_regression(list(MEASURED_EDITS), [run.resident[edit] for edit in MEASURED_EDITS]).slope
        growth = per_edit * (EDITS - BASELINE_EDIT)
        reads = ", ".join(f"{edit}: {run.resident[edit] / 2**20:.0f}" for edit in MEASURED_EDITS)
        assert growth <= ALLOWED_GROWTH_BYTES, (
            f"resident memory rose {per_edit / 2**20:.2f} MB an edit, {growth / 2**20:.1f} MB from edit {BASELINE_EDIT} "
            f"to edit {EDITS} (MB after each edit measured: {reads})"
        )
        assert set(run.seconds) == {
            "a trajectory edited", "a trajectory added", "the added trajectory removed", "a broken file",
            "the broken file removed", "papers.yml edited",
        }
        assert "Traceback" not in server.log_text()
        assert_served_folder_is_a_clean_build(server, f"{EDITS} edits")
