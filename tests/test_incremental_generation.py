"""A live server's generator reuses what did not change: after any edit it writes exactly what a fresh one writes."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from gen.build_output import Generator, generate
from gen.memo import BUILD_CACHES
from gen.model.site_model import PaperGroup, Site
from tests.conftest import copy_corpus, needs_corpus
from tests.plan_data import ablation, trajectory, write_trajectories

PAPERS = ("Diffusion_Transformers", "Vision_Alignment", "Sparse_Attention")


def edits(folder: Path):
    """Edits a maintainer makes while serving, each one named, applied to ``folder`` in turn."""
    first = folder / "lm-planner/gpt-4o/Diffusion_Transformers.md"
    yield "reasoning edited", lambda: first.write_text(first.read_text(encoding="utf-8").replace("ablate", "vary"), encoding="utf-8")
    yield "ablation added", lambda: write_trajectories(folder, trajectory(
        "gpt-4o", "Diffusion_Transformers", ablation("Drop the loss"), ablation("Halve the depth", action="REMOVE"),
    ))
    yield "new paper", lambda: write_trajectories(folder, trajectory("o3-mini", "Brand_New_Paper", ablation("Swap the optimiser")))
    yield "new system", lambda: write_trajectories(folder, trajectory("claude-3", "Vision_Alignment", ablation("No captions")))
    yield "second planner", lambda: write_trajectories(
        folder, trajectory("gpt-4o", "Sparse_Attention", ablation("Dense attention"), planner="agent-planner"),
    )
    yield "broken file", lambda: (folder / "lm-planner/gpt-4o/Half_Written.md").write_bytes(b"# lm-planner/gpt-4o/Half\x00\xff\xfe")
    yield "papers.yml", lambda: (folder / "papers.yml").write_text(
        "Vision_Alignment:\n  title: Aligning Vision and Language\n  task: ReviewerAblation\n", encoding="utf-8",
    )
    yield "leaderboard.yml", lambda: (folder / "leaderboard.yml").write_text(
        "metric: F1\nsystems:\n  - {planner: lm-planner, model: gpt-4o, scores: {overall: 0.3}}\n", encoding="utf-8",
    )
    yield "trajectory removed", lambda: (folder / "lm-planner/o3-mini/Vision_Alignment.md").unlink()
    yield "planner removed", lambda: shutil.rmtree(folder / "agent-planner")
    yield "papers.yml removed", lambda: (folder / "papers.yml").unlink()


def assert_same_as_fresh(generator: Generator, folder: Path, step: str) -> None:
    kept, fresh = generator.generate(folder), generate(folder)
    assert kept.diagnostics == fresh.diagnostics, step
    assert kept.files.keys() == fresh.files.keys(), step
    differing = [path for path in fresh.files if kept.files[path] != fresh.files[path]]
    assert differing == [], f"after {step}: {differing[:5]}"


def test_each_edit_gives_what_a_fresh_generator_gives(tmp_path):
    folder = write_trajectories(tmp_path / "trajectories", *(
        trajectory(model, paper, ablation("Drop the loss"), ablation("Noise level sweep", action="ADD"))
        for paper in PAPERS for model in ("gpt-4o", "o3-mini")
    ))
    generator = Generator()
    assert_same_as_fresh(generator, folder, "first build")
    for step, edit in edits(folder):
        before = generate(folder).files
        edit()
        assert generate(folder).files != before, f"{step} must change the site, or it proves nothing"
        assert_same_as_fresh(generator, folder, step)


def test_a_generator_that_failed_starts_afresh(tmp_path, monkeypatch):
    """A failure half-way may leave its caches half updated: the next build must not trust them."""
    folder = write_trajectories(tmp_path / "trajectories", trajectory("gpt-4o", PAPERS[0], ablation("Drop the loss")))
    generator = Generator()
    generator.generate(folder)
    first = folder / f"lm-planner/gpt-4o/{PAPERS[0]}.md"
    first.write_text(first.read_text(encoding="utf-8").replace("Drop the loss", "Keep the loss"), encoding="utf-8")
    monkeypatch.setattr("gen.build_output.site_data_files", lambda *arguments: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        generator.generate(folder)
    monkeypatch.undo()
    assert_same_as_fresh(generator, folder, "after a failure")


@needs_corpus
def test_edits_to_the_corpus_give_what_a_fresh_generator_gives(tmp_path):
    """On the full corpus, with its metadata: the search index keeps its postings in place for a text edit."""
    folder = copy_corpus(tmp_path / "corpus")
    generator = Generator()
    generator.generate(folder)
    target = folder / "lm-planner/gpt-4o/dit.md"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("the", "Zorblax", 1), encoding="utf-8")
    assert_same_as_fresh(generator, folder, "one word of a trajectory")
    (folder / "papers.yml").write_text(
        (folder / "papers.yml").read_text(encoding="utf-8").replace("dit:\n", "dit:\n  title: Diffusion Transformers\n", 1),
        encoding="utf-8",
    )
    assert_same_as_fresh(generator, folder, "a title in papers.yml")
    target.unlink()
    assert_same_as_fresh(generator, folder, "a trajectory removed")



def test_no_build_keeps_its_site_model_once_it_has_ended(tmp_path):
    """A live server's idle collection frees the build's model and freezes what survives
    (gen/engines/mkdocs_site.py): a model a cache still held then would never be freed."""
    folder = write_trajectories(tmp_path / "trajectories", *(
        trajectory(model, paper, ablation("Drop the loss"), ablation("Noise level sweep", action="ADD"))
        for paper in PAPERS for model in ("gpt-4o", "o3-mini")
    ))
    def models() -> set[int]:
        gc.collect()
        return {id(kept) for kept in gc.get_objects() if isinstance(kept, (PaperGroup, Site))}

    others = models()  # what other tests' fixtures hold
    generator = Generator()
    for _ in range(2):
        output = generator.generate(folder)
        assert output.files and models() <= others


def test_a_single_build_keeps_nothing_and_a_live_generator_keeps_one_builds_worth(tmp_path):
    """A single build leaves no per-build results behind; a live generator's grow with the inputs,
    not with the edits: after many edits of one trajectory it keeps what it kept after the second (the first
still holds the leftovers of the build before it)."""
    folder = write_trajectories(tmp_path / "trajectories", *(
        trajectory(model, paper, ablation("Drop the loss"), ablation("Noise level sweep", action="ADD"))
        for paper in PAPERS for model in ("gpt-4o", "o3-mini")
    ))
    generate(folder)
    assert BUILD_CACHES.kept() == 0
    generator = Generator()
    generator.generate(folder)
    assert BUILD_CACHES.kept() > 0
    edited = folder / "lm-planner/gpt-4o/Diffusion_Transformers.md"
    kept = []
    for number in range(6):
        edited.write_text(edited.read_text(encoding="utf-8").replace("We ablate", f"We ablate (edit {number}) and"), encoding="utf-8")
        generator.generate(folder)
        kept.append(BUILD_CACHES.kept())
    assert kept[2:] == [kept[1]] * 4 and kept[1] <= kept[0]
