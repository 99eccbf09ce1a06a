"""Small made-up plans for the tests of the explorer, downloads, statistics and agreement, and a scaled corpus."""

from __future__ import annotations

import random
import re
from pathlib import Path

from gen.model.site_model import Site, build_site
from gen.reading.corpus import Corpus
from gen.reading.trajectory_format import format_trajectory
from gen.records import Ablation, Identity, Plan, Trajectory

IDENTITY_LINE = re.compile(r"^(# [^/\n]+/[^/\n]+/)([^\n]+)$", re.MULTILINE)


def ablation(name: str, part: str = "a part", action: str = "REPLACE", replacements: tuple[str, ...] | None = ("x",),
             metrics: tuple[str, ...] = ("Accuracy",)) -> Ablation:
    return Ablation(name, part, action, replacements, metrics)


def trajectory(model: str, paper: str, *ablations: Ablation, planner: str = "lm-planner") -> Trajectory:
    return Trajectory(
        source=f"{planner}/{model}/{paper}.md",
        identity=Identity(planner, model, paper),
        reasoning="We ablate what matters.",
        plan=Plan("", ablations),
    )


def site_of(*trajectories: Trajectory) -> Site:
    return build_site(Corpus(trajectories=list(trajectories)))


def write_trajectories(folder: Path, *trajectories: Trajectory) -> Path:
    """The trajectories as files, in the published format, under ``folder/planner/model/paper.md``."""
    for item in trajectories:
        target = folder / item.source
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(format_trajectory(item), encoding="utf-8")
    return folder


def scaled_corpus(corpus: Path, folder: Path, scale: int) -> Path:
    """``scale`` copies of every trajectory, each copy a paper of its own (``<paper>_copy<n>``)."""
    for path in corpus.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(corpus)
        for copy in range(scale):
            suffix = f"_copy{copy}" if copy else ""
            target = folder / relative.parent / f"{path.stem}{suffix}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(IDENTITY_LINE.sub(lambda match: match[1] + match[2] + suffix, text, count=1), encoding="utf-8")
    return folder


SYNTHETIC_MODELS = ("gpt-4o", "o3-mini", "claude-35-sonnet", "gemini-25-flash", "llama-31-405b-instruct")
SYNTHETIC_WORDS = (
    "the of a to and in we is for that model loss layer attention training data baseline encoder decoder "
    "performance ablation remove replace component contrastive objective regularization dropout learning rate "
    "schedule warm-up pre-training fine-tuning augmentation module backbone embedding token graph diffusion "
    "noise level sampler vision language alignment retrieval memory head depth width batch size optimizer "
    "evaluate accuracy F1 BLEU perplexity robustness benchmark dataset variant effect contribution"
).split()


def synthetic_corpus(folder: Path, papers: int = 561, trajectories: int = 2071, seed: int = 19) -> Path:
    """A made-up corpus the size of the public one (561 papers, 2,071 trajectories of 5 models, about 3.3 kB
    each), with a papers.yml giving half the papers a task: for tests that need the corpus's size, not its text."""
    chooser = random.Random(seed)
    pairs = sorted(chooser.sample([(paper, model) for paper in range(papers) for model in SYNTHETIC_MODELS], trajectories))

    def sentence(length: int) -> str:
        return " ".join(chooser.choice(SYNTHETIC_WORDS) for _ in range(length)).capitalize() + "."

    for paper, model in pairs:
        ablations = tuple(
            Ablation(f"{sentence(3)[:-1]} {number}", sentence(6), chooser.choice(("REMOVE", "REPLACE", "ADD")),
                     tuple(sentence(4) for _ in range(chooser.randint(1, 3))), ("Accuracy", "F1"))
            for number in range(chooser.randint(2, 4))
        )
        reasoning = "\n\n".join(" ".join(sentence(14) for _ in range(4)) for _ in range(4))
        write_trajectories(folder, Trajectory(
            source=f"lm-planner/{model}/Synthetic_Paper_{paper:03d}.md",
            identity=Identity("lm-planner", model, f"Synthetic_Paper_{paper:03d}"),
            reasoning=reasoning, plan=Plan("", ablations),
        ))
    tasks = "".join(f"Synthetic_Paper_{paper:03d}:\n  task: {('AuthorAblation', 'ReviewerAblation')[paper % 2]}\n"
                    for paper in range(0, papers, 2))
    (folder / "papers.yml").write_text(tasks, encoding="utf-8")
    return folder
