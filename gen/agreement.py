"""Which ablated parts of a paper several models proposed, matched by their wording.

Models word the same part differently (``Recursive reward model (RRM) in BREM``,
``Recursive reward modeling in BREM model``), so parts are compared with
rapidfuzz's ``token_set_ratio`` after dropping case, punctuation, function words
and words that name no part in particular (``module``, ``mechanism``). A part
that contains another's words (``Entropy regularization`` and ``Entropy
regularization for diversity``) scores 100, which is what a reader means by
"the same part" more often than not.

``SAME_PART_SCORE`` comes from reading scored pairs of the public corpus: from
90 up, nearly every pair names the same part (``Perturbation scale (epsilon) in
SPSA gradient estimation`` / ``... in the SPSA gradient approximation``, 91); from
85 to 90 about half do not (``two-step training process`` / ``continued
pre-training step``, 87; ``differentiable template optimization`` /
``Differentiable label optimization for continuous label tokens``, 86).

Parts are grouped by average linkage, in plan order: a part joins the group
whose parts from other models it matches best on average, if that average
reaches the threshold. Unlike chaining single matches, this does not merge two
different parts just because a third part resembles both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz.fuzz import token_set_ratio

from gen.site_model import PaperGroup, TrajectoryEntry

SAME_PART_SCORE = 90
WORD = re.compile(r"\w+")
PLURAL_S = re.compile(r"(?<=\w\w\w)(?<![su])s\b")
IGNORED_WORDS = frozenset(
    # function words
    "a an the of in on for to with and or by from as at into via using used use its their this that which is are be "
    "each both between within "
    # words that say a part is a part, not which part
    "component components module modules mechanism mechanisms method methods approach strategy strategies "
    "technique techniques choice type design process part parts".split()
)


def comparable_words(part: str) -> str:
    """The words of a part that tell it apart from another: lower case, singular, without function words.

    A plural names the same part (``descriptors``, ``descriptor``); ``loss`` and ``continuous`` stay as they are.
    """
    words = " ".join([word for word in WORD.findall(part.lower()) if word not in IGNORED_WORDS])
    return PLURAL_S.sub("", words)


def group_parts(parts: Sequence[tuple[str, str]], threshold: float = SAME_PART_SCORE) -> list[list[int]]:
    """Group ``(model, part)`` pairs that name the same part; returns groups of indices, in order.

    Only parts of different models are compared: one model's two ablations are
    never grouped on their own, only through parts of other models. A group
    that shares no word with a part is not scored against it: no such pair of
    the public corpus reaches the threshold, and most pairs share no word.
    """
    models = [model for model, _ in parts]
    words = [comparable_words(part) for _, part in parts]
    groups: list[tuple[list[int], set[str]]] = []
    for index, text in enumerate(words):
        model, own_words = models[index], set(text.split())
        best, best_score = None, threshold
        for group in groups:
            members, group_words = group
            if own_words.isdisjoint(group_words):
                continue
            scores = [token_set_ratio(text, words[member]) for member in members if models[member] != model]
            if scores and (score := sum(scores) / len(scores)) >= best_score:
                best, best_score = group, score
        if best is None:
            groups.append(([index], own_words))
        else:
            best[0].append(index)
            best[1].update(own_words)
    return [members for members, _ in groups]


class Proposal(NamedTuple):
    """One ablation of one trajectory: its 1-based place in the plan, who proposed it (``planner/model``) and its part."""

    entry: TrajectoryEntry
    number: int
    model: str
    part: str


def _proposals(paper: PaperGroup) -> list[Proposal]:
    """Every ablation of the paper's plans; an ablation without an ablated part stands for its name."""
    proposals = []
    for entry in paper.entries:
        model = f"{entry.planner_slug}/{entry.model_slug}"
        proposals.extend(
            Proposal(entry, number, model, ablation.part.strip() or ablation.name.strip())
            for number, ablation in enumerate(entry.ablations, 1)
        )
    return proposals


@dataclass
class PaperAgreement:
    """``consensus``: groups of proposals naming one part, from two models or more, most models first.
    ``outliers``: proposals whose part no other model proposed."""

    consensus: list[list[Proposal]] = field(default_factory=list)
    outliers: list[Proposal] = field(default_factory=list)


def system_count(proposals: Sequence[Proposal]) -> int:
    return len({proposal.model for proposal in proposals})


def paper_agreement(paper: PaperGroup) -> PaperAgreement:
    proposals = _proposals(paper)
    groups = group_parts([(proposal.model, proposal.part) for proposal in proposals])
    agreement = PaperAgreement()
    alone: list[int] = []
    for group in groups:
        members = [proposals[index] for index in group]
        if system_count(members) > 1:
            agreement.consensus.append(members)
        else:
            alone.extend(group)
    agreement.consensus.sort(key=system_count, reverse=True)
    agreement.outliers = [proposals[index] for index in sorted(alone)]
    return agreement
