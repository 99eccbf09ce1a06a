"""The project and the edits both live-server tests put a server through (tests/test_live_serve.py under
MkDocs and ProperDocs, tests/test_zensical_serve.py under Zensical): one of each kind of input, each
with the page that shows it and what that page must then answer."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.live_server import LiveServer
from tests.plan_data import ablation, trajectory, write_trajectories
from tests.project_copy import copy_project

NEW_PAPER = "trajectories/lm-planner/o3-mini/Brand_New_Paper/"
# A step: its name, the edit, the page (from the site's root) and what that page answers once the edit is served.
Step = tuple[str, Callable[[], object], str, Callable[[int, str], bool]]


def project_with_trajectories(tmp_path: Path) -> tuple[Path, Path]:
    """A project copy and, beside it, its seed trajectories with two papers planned by two models."""
    project = copy_project(tmp_path / "project")
    trajectories = tmp_path / "trajectories"
    shutil.copytree(project / "trajectories", trajectories)
    write_trajectories(trajectories, *(
        trajectory(model, paper, ablation("Drop the loss"), ablation("Noise level sweep", action="ADD"))
        for paper in ("Diffusion_Transformers", "Vision_Alignment") for model in ("gpt-4o", "o3-mini")
    ))
    return project, trajectories


def appended(path: Path, text: str) -> Callable[[], None]:
    return lambda: path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replaced(path: Path, old: str, new: str) -> Callable[[], None]:
    def edit() -> None:
        content = path.read_text(encoding="utf-8")
        assert old in content, f"{path} no longer holds {old!r}"
        path.write_text(content.replace(old, new), encoding="utf-8")

    return edit


def edits_of_every_input(server: LiveServer) -> list[Step]:
    """A trajectory edited, added and removed, a broken file, papers.yml and the stylesheet edited."""
    trajectories, project = server.trajectories, server.project
    return [
        ("a trajectory edited", replaced(trajectories / "lm-planner/gpt-4o/Diffusion_Transformers.md", "Drop the loss", "Keep the loss, edited"),
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
        ("the stylesheet edited", appended(project / "docs/stylesheets/trajectories.css", "\n/* edited while serving */\n"),
         "stylesheets/trajectories.css", lambda status, body: "edited while serving" in body),
    ]
