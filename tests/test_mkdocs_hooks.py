"""The fast-path hooks (gen/engines/mkdocs_hooks.py) only make the build faster: without them, every page is the same.

(gen/engines/mkdocs_site.py, the hook that adds the generated files, stays: without it there is no site.)"""

from __future__ import annotations

from pathlib import Path

from gen.pages.index_pages import PAPERS_PER_PAGE
from tests.conftest import build_site
from tests.plan_data import ablation, trajectory, write_trajectories
from tests.project_copy import copy_project

HOOKS = "  - gen/engines/mkdocs_hooks.py\n"


def build(config: Path, site: Path, trajectories: Path) -> None:
    result = build_site(site, trajectories, config=config)
    assert result.returncode == 0, result.stderr


def test_the_site_is_the_same_without_the_hooks(tmp_path):
    """Pages share their navigation only where it is exactly theirs: with more papers than one matrix page
    holds, matrix pages (papers/page/2/) and planner pages sit at one depth under different sections."""
    trajectories = write_trajectories(tmp_path / "trajectories", *(
        trajectory(model, f"Paper_{number:03d}", ablation("Drop the loss"))
        for number in range(PAPERS_PER_PAGE + 1) for model in ("gpt-4o", "o3-mini")
    ))
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert HOOKS in config
    (project / "without-hooks.yml").write_text(config.replace(HOOKS, ""), encoding="utf-8")
    with_hooks, without_hooks = tmp_path / "with", tmp_path / "without"
    build(project / "mkdocs.yml", with_hooks, trajectories)
    build(project / "without-hooks.yml", without_hooks, trajectories)

    pages = sorted(path.relative_to(with_hooks) for path in with_hooks.rglob("*.html"))
    assert Path("papers/page/2/index.html") in pages and Path("planners/lm-planner/gpt-4o/index.html") in pages
    assert pages == sorted(path.relative_to(without_hooks) for path in without_hooks.rglob("*.html"))
    differing = [str(page) for page in pages if (with_hooks / page).read_bytes() != (without_hooks / page).read_bytes()]
    assert differing == []
