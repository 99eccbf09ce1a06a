"""Which ablations of a paper several systems proposed: matched on what they ablate.

Systems word one ablation differently (``Dropout as data augmentation``, ``dropout noise``,
``Dropout-based noise used to generate different embeddings ...``) and say what it ablates in its
name, its ablated part or its replacements (``transformer block architecture`` replaced by
``in-context conditioning, cross-attention, adaLN`` is a conditioning ablation). Matching the
wording of the part alone found 4 in 10 of the pairs a reader would sign. So each ablation is
read as a bag of words drawn from all three fields:

1. **Words.** Lower case; Greek letters spelled out (``ε`` is ``epsilon``); abbreviations and
   variants made one (``WORD_VARIANTS``, ``WORD_PAIR_VARIANTS``: ``MSE`` is ``mean squared error``,
   ``position encoding`` is ``positional embedding``); identifier-style names split
   (``Ablation_NumberOfSPSASamples``); a hyphenated word kept whole as well as in its pieces
   (``re-mask`` gives ``remask`` and ``mask``, so it matches ``re-masking`` and ``masking``);
   numbers, function words and the words every plan uses to say it ablates something
   (``ablation``, ``study``, ``remove``, ``module``) dropped; every word cut to its stem by
   ``stem``, a small suffix stemmer (``embeddings``, ``embedding``, ``embed``).
2. **Weights.** A word counts as much as its field says (``FIELD_WEIGHTS``): the name and the
   part fully; the words that place the part (``CONTEXT``: ``... in adversarial noise selection``)
   and the replacements by half, as they say less about what is ablated, so that ``number of
   gradient ascent steps in adversarial noise selection`` is not ``adversarial noise selection``.
   Then times how rare the word is among the paper's ablations (inverse document frequency):
   ``patch`` in five ablations of a paper about DiT says more than ``transformer`` in twenty.
3. **Similarity.** The cosine of two ablations' weighted bags, lowered (``KIND_MISMATCH``) when
   they are not the same kind of ablation: one removes the part and the other only replaces it
   (``dropout noise`` removed, ``dropout noise`` replaced by Gaussian noise), or one sweeps the
   values of a setting (``0.1, 0.5, 1.0``) and the other does not. A replacement that means
   "none" (``no masking``, ``p=0.0``) makes a replacement a removal too.
4. **Groups.** Average linkage, bottom up: the two groups whose ablations of different systems
   are the most similar on average merge while that average reaches ``SAME_ABLATION``. One
   system's two ablations are never compared, only joined through other systems' ablations, and
   a group that already holds an ablation of a system takes another of it only at a discount
   (``REPEATED_SYSTEM``): a plan rarely proposes one ablation twice, but often ablates one
   component several ways (removed, replaced, its weight swept), and only one of them is the
   other systems' ablation. Unlike chaining single matches, average linkage does not merge two
   different parts because a third resembles both.

The constants were chosen on the hand-labelled tuning papers of ``tests/agreement_eval/labels.yml``
and checked on its held-out papers (``python tests/agreement_evaluation.py``): nearby values do
about as well. The bags are built once per ablation (stems are cached per word) and only pairs of
ablations sharing a word are scored, about 13,000 pairs for the whole public corpus.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from gen.memo import Same, kept_for_this_build, kept_per_build
from gen.model.site_model import PaperGroup, TrajectoryEntry
from gen.records import Ablation

# How ablations are weighed and matched (see the module's docstring).
SAME_ABLATION = 0.22
KIND_MISMATCH = 0.6
REPEATED_SYSTEM = 0.7
FIELD_WEIGHTS = {"name": 1.0, "part": 1.0, "context": 0.5, "replacements": 0.5}
FIELDS_LIGHTEST_FIRST = sorted(FIELD_WEIGHTS, key=FIELD_WEIGHTS.__getitem__)
# Where an ablated part's own words end and the words placing it begin (``Step size in Max operation``).
CONTEXT = re.compile(r"\s(?:in|for|within|during|inside|of the)\s", re.IGNORECASE)

# How a text becomes words.
GREEK = str.maketrans({
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon", "η": "eta", "θ": "theta",
    "κ": "kappa", "λ": "lambda", "μ": "mu", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "ϕ": "phi", "ψ": "psi",
    "ω": "omega",
})
# One wording for words that name one thing: abbreviations, looked up before stemming ...
WORD_VARIANTS = {
    "mse": "mean squared error", "lr": "learning rate", "init": "initialization", "attn": "attention",
    "param": "parameter", "params": "parameter", "hyperparam": "hyperparameter", "hyperparams": "hyperparameter",
    "dim": "dimension", "dims": "dimension", "config": "configuration", "configs": "configuration", "num": "number",
}
# ... and a word after another: a position encoding is a positional embedding (stemmed below: ``STEM_VARIANTS``).
WORD_PAIR_VARIANTS = {("position", "encoding"): "embedding"}
TRAILING_QUALIFIER = re.compile(r"[-_](?:based|like|style|wise)$")  # VQ-based is VQ, not a word of its own
IGNORED_WORDS = (
    # function words
    "a an the of in on for to with and or by from as at into via using used use its their this that which is are be "
    "each both between within such e g i etc only "
    # prefixes split off by a hyphen (``re-mask``: ``remask`` and ``mask``)
    "re pre non un co "
    # words that say a part is a part, not which part
    "component module mechanism method approach strategy technique choice type design process part scheme stage "
    "setup framework based "
    # words that say a plan ablates something, not what
    "ablation ablate study analysis impact effect experiment evaluation investigation comparison compare versus vs "
    "role importance contribution influence variant variation vary alternative different various other instead "
    "remove removal replace replacement add without no none baseline current standard proposed sensitivity"
).split()
WORD = re.compile(r"[^\W_]+(?:[-_][^\W_]+)*")
POSSESSIVE = re.compile(r"['’]s\b")
CAMEL_PIECE = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
# What kind of ablation an ablation is.
VALUE = re.compile(r"^\W*(?:\S+\s*=\s*)?[-+]?\.?\d[\w.,+-]*%?\W*$")
NONE_OPTION = re.compile(r"^\W*(?:no|none|without|w/o|remove[ds]?|removing|disabled?)\b|^\W*(?:\w+\s*=\s*)?0(?:\.0*)?\W*$",
                         re.IGNORECASE)
# How a group's label is cased.
KEPT_AS_WRITTEN = re.compile(r"(\$[^$]*\$|`[^`]*`|\[[^\]]*\]\([^)]*\)|<[^>]*>)")
PLAIN_TOKEN = re.compile(r"(?<!\S)\W*(?:[a-z]+|[A-Z][a-z]+)(?:[-/'’](?:[a-z]+|[A-Z][a-z]+))*\W*(?!\S)")
# How a word is stemmed.
PLURALS = (("sses", "ss"), ("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("zes", "z"), ("ses", "s"))
DERIVATIONS = ("ization", "ation", "ator", "izer", "ize", "ion", "ive", "ity", "ment", "ness", "ate", "er", "al", "ly")  # longest first
SHORTEST_STEM = 4
BRITISH_IZE = re.compile(r"(?<=\w{5})is(ations?|e[sdr]?|ers|ing)$")  # normalised: normalized


def _inflection_removed(word: str) -> str:
    """``masks``, ``masked``, ``masking``: ``mask``; ``policies``: ``policy``; ``embeddings``: ``embed``."""
    plural = next(((suffix, singular) for suffix, singular in PLURALS if word.endswith(suffix)), None)
    if plural is not None:
        word = word[: -len(plural[0])] + plural[1]
    elif word.endswith("s") and word[-2] not in "suia":  # not loss, bias, basis, focus
        word = word[:-1]
    for suffix, shortest in (("ing", 3), ("ed", 4)):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= shortest and any(letter in "aeiouy" for letter in stem):
            if stem[-1] == stem[-2] and stem[-1] not in "sz" and (stem[-1] != "l" or len(stem) > 4):
                return stem[:-1]  # embedding: embed, modelling: model
            return stem + "e" if stem.endswith(("at", "iz", "bl")) else stem  # normalized: normalize
    return word


@cache
def stem(word: str) -> str:
    """A word's stem by its suffixes, for matching only: ``normalization``, ``normalised``, ``norm``: ``norm``.

    British ``-ise`` becomes ``-ize``; the inflection goes (``-s``, ``-ing``, ``-ed``); then up to two
    derivational suffixes (``-ization``, ``-al``, ``-er``, ...), each the first of ``DERIVATIONS``
    that leaves a stem of four letters or more; then a final ``e``. Deterministic and crude, like
    any suffix stemmer (``general`` and ``generation`` both give ``gener``): it only has to cut two
    wordings of one word alike, and the rarity weights make a rare collision cheap.

    Kept over Snowball (issue 23: ``python tests/agreement_evaluation.py --stemmer snowball``), which
    would have had to do as well on both sets of labelled papers. F1 of the pairs, tuning and held out:
    this stemmer 0.913 and 0.892, Snowball's English 0.910 and 0.881, Porter's 0.910 and 0.853, each at
    its best tuning threshold (``SAME_ABLATION`` for all three). Snowball cuts ``optimizer`` and
    ``optimization`` alike: two false pairs.
    """
    if len(word) < SHORTEST_STEM or not word.isalpha():
        return word
    word = _inflection_removed(BRITISH_IZE.sub(r"iz\1", word))
    for _ in range(2):
        suffix = next((s for s in DERIVATIONS if word.endswith(s) and len(word) - len(s) >= SHORTEST_STEM), None)
        if suffix is None:
            break
        word = word[: -len(suffix)]
    return word[:-1] if word.endswith("e") and len(word) > SHORTEST_STEM else word


class StemTables(NamedTuple):
    """The word tables keyed by stems, for a stemmer: the ignored words, and the pair variants."""

    ignored: frozenset[str]
    variants: dict[tuple[str, str], str]
    varied: frozenset[str]  # the second stems of the variants' pairs


def stem_tables(stem_word: Callable[[str], str]) -> StemTables:
    """``IGNORED_WORDS`` and ``WORD_PAIR_VARIANTS`` cut by ``stem_word`` (another stemmer can be scored with
    its own: tests/agreement_evaluation.py)."""
    variants = {(stem_word(first), stem_word(second)): stem_word(variant) for (first, second), variant in WORD_PAIR_VARIANTS.items()}
    return StemTables(frozenset(map(stem_word, IGNORED_WORDS)), variants, frozenset(second for _, second in variants))


IGNORED_STEMS, STEM_VARIANTS, VARIED_STEMS = stem_tables(stem)


def _spellings(token: str) -> list[str]:
    """A hyphenated word whole and in its pieces (``re-mask``: ``remask``, ``re``, ``mask``), other words as they are."""
    if "-" not in token and "_" not in token:
        return [token]
    pieces = TRAILING_QUALIFIER.sub("", token).replace("_", "-").split("-")
    return ["".join(pieces), *pieces] if len(pieces) > 1 else pieces


@cache
def _token_stems(token: str) -> tuple[str, ...]:
    """The stems a lower-case token stands for: none for a number or an ignored word, several for ``mse``."""
    return tuple(
        stemmed
        for spelling in _spellings(token)
        for word in WORD_VARIANTS.get(spelling, spelling).split()
        if len(word) > 1 and not word[0].isdigit() and (stemmed := stem(word)) not in IGNORED_STEMS
    )


def words(text: str, identifier: bool = False) -> list[str]:
    """The stems of a text that can tell one ablation from another; ``identifier`` splits ``NumberOfSPSASamples``."""
    if identifier:
        text = " ".join(CAMEL_PIECE.findall(text))
    text = text.lower()
    if not text.isascii():
        text = POSSESSIVE.sub("", text.translate(GREEK))
    elif "'" in text:
        text = POSSESSIVE.sub("", text)
    stems = [stemmed for token in WORD.findall(text) for stemmed in _token_stems(token)]
    if not VARIED_STEMS.isdisjoint(stems):
        stems[1:] = [STEM_VARIANTS.get(pair, pair[1]) for pair in zip(stems, stems[1:])]
    return stems


def _is_identifier(name: str) -> bool:
    """``Ablation_NumberOfSPSASamples``, ``SAPG-NoAggregate``: one token, its words run together."""
    return len(name.split()) == 1


def _head_and_context(part: str) -> tuple[str, str]:
    """``Step size (ε)``, `` in Max operation``: what is ablated, and where."""
    match = CONTEXT.search(part)
    return (part[: match.start()], part[match.start():]) if match else (part, "")


def field_words(ablation: Ablation) -> dict[str, float]:
    """Each stem of the ablation's name, part and replacements, weighed by the weightiest field it is in."""
    part_head, part_context = _head_and_context(ablation.part)
    fields = {
        "name": words(ablation.name, identifier=_is_identifier(ablation.name)),
        "context": words(part_context),
        "part": words(part_head),
        "replacements": [word for replacement in ablation.replacements or () for word in words(replacement)],
    }
    weights: dict[str, float] = {}
    for name in FIELDS_LIGHTEST_FIRST:  # the weightiest last, overwriting the others
        weights.update(dict.fromkeys(fields[name], FIELD_WEIGHTS[name]))
    return weights


def removes(ablation: Ablation) -> bool:
    """Removes the part: by its action, or by a replacement that means none of it (``no masking``, ``p=0.0``)."""
    return ablation.action_kind == "REMOVE" or any(NONE_OPTION.search(option) for option in ablation.replacements or ())


def sweeps(ablation: Ablation) -> bool:
    """Tries values of a setting (``0.1``, ``M=4``, ``2x2``) rather than other parts or none."""
    return bool(ablation.replacements) and all(VALUE.match(option) for option in ablation.replacements)


class _Profile(NamedTuple):
    """What one ablation is matched on, computed once."""

    words: dict[str, float]
    kind: tuple[bool, bool] | None  # (removes, sweeps); None when its action is unknown


def _profile(ablation: Ablation) -> _Profile:
    return _Profile(field_words(ablation), (removes(ablation), sweeps(ablation)) if ablation.action_kind else None)


def _vectors(profiles: Sequence[_Profile]) -> list[tuple[dict[str, float], float]]:
    """Each ablation's words weighed by field and by rarity among the paper's ablations, with the vector's length."""
    frequency = Counter(word for profile in profiles for word in profile.words)
    count = len(profiles)
    vectors = []
    for profile in profiles:
        vector = {word: weight * math.log(1 + count / frequency[word]) for word, weight in profile.words.items()}
        vectors.append((vector, math.sqrt(sum(value * value for value in vector.values()))))
    return vectors


def _similarities(models: Sequence[str], profiles: Sequence[_Profile]) -> dict[tuple[int, int], float]:
    """The similarity of every two ablations of different systems that share a word; the rest are 0."""
    vectors = _vectors(profiles)
    holders: dict[str, list[tuple[int, float]]] = {}
    for index, (vector, _) in enumerate(vectors):
        for word, value in vector.items():
            holders.setdefault(word, []).append((index, value))
    shared: dict[tuple[int, int], float] = {}
    for held in holders.values():
        for position, (first, first_value) in enumerate(held):
            for second, second_value in held[position + 1:]:
                if models[first] != models[second]:
                    shared[first, second] = shared.get((first, second), 0.0) + first_value * second_value
    similarities = {}
    for (first, second), dot in shared.items():
        similarity = dot / (vectors[first][1] * vectors[second][1])
        kinds = profiles[first].kind, profiles[second].kind
        if None not in kinds and kinds[0] != kinds[1]:
            similarity *= KIND_MISMATCH
        similarities[first, second] = similarity
    return similarities


class _Linkage:
    """Groups being merged by average linkage: each group's systems, and the summed similarity of every
    two groups with a pair of similar ablations between them. A group is known by its first member."""

    def __init__(self, models: Sequence[str], similarities: dict[tuple[int, int], float]):
        self.members = {index: [index] for index in range(len(models))}
        self.systems = {index: Counter({model: 1}) for index, model in enumerate(models)}
        self.sums = dict(similarities)
        self.neighbours: dict[int, set[int]] = {index: set() for index in self.members}
        for first, second in similarities:
            self.neighbours[first].add(second)
            self.neighbours[second].add(first)
        self.queue = [(-similarity, pair) for pair, similarity in similarities.items()]  # one pair of systems each
        heapq.heapify(self.queue)

    def mean(self, pair: tuple[int, int]) -> float:
        """The mean similarity of the two groups' ablations of different systems, discounted when both hold one system's."""
        first, second = self.systems[pair[0]], self.systems[pair[1]]
        crossing = first.total() * second.total() - sum(count * second[model] for model, count in first.items())
        shared = 1.0 if first.keys().isdisjoint(second) else REPEATED_SYSTEM
        return shared * self.sums[pair] / crossing if crossing else 0.0

    def closest(self) -> tuple[float, tuple[int, int]] | None:
        """The mean and the pair of the two most similar groups (the first in plan order on a tie); None when no two are similar.

        The queue keeps stale means of groups merged since; a mean is current when it is what ``mean`` says now.
        """
        while self.queue:
            negated, pair = heapq.heappop(self.queue)
            if pair in self.sums and self.mean(pair) == -negated:
                return -negated, pair
        return None

    def merge(self, kept: int, merged: int) -> None:
        """``merged`` joins ``kept``: its links add to ``kept``'s, and ``kept``'s new means join the queue."""
        self.members[kept] += self.members.pop(merged)
        self.systems[kept] += self.systems.pop(merged)
        for other in self.neighbours.pop(merged):
            self.neighbours[other].discard(merged)
            summed = self.sums.pop((min(merged, other), max(merged, other)))
            if other != kept:
                pair = (min(kept, other), max(kept, other))
                self.sums[pair] = self.sums.get(pair, 0.0) + summed
                self.neighbours[kept].add(other)
                self.neighbours[other].add(kept)
        for other in self.neighbours[kept]:
            pair = (min(kept, other), max(kept, other))
            heapq.heappush(self.queue, (-self.mean(pair), pair))


def group_ablations(ablations: Sequence[tuple[str, Ablation]], threshold: float = SAME_ABLATION) -> list[list[int]]:
    """Group ``(system, ablation)`` pairs that ablate the same thing; returns groups of indices, in order.

    Average linkage over the pairs of different systems: the two groups with the highest mean
    similarity merge while it reaches ``threshold``.
    """
    models = [model for model, _ in ablations]
    linkage = _Linkage(models, _similarities(models, [_profile(ablation) for _, ablation in ablations]))
    while (closest := linkage.closest()) is not None and closest[0] >= threshold:
        linkage.merge(*closest[1])
    return [sorted(members) for _, members in sorted(linkage.members.items())]


class Proposal(NamedTuple):
    """One ablation of one trajectory: its 1-based place in the plan, who proposed it (``planner/model``) and its part."""

    entry: TrajectoryEntry
    number: int
    model: str
    part: str

    @property
    def ablation(self) -> Ablation:
        return self.entry.ablations[self.number - 1]


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


class Placement(NamedTuple):
    """Where one ablation stands among the paper's plans: ``group``, its group's number among the paper's
    consensus groups (from 1, in their order), or None when no other system proposed it; ``systems``, how
    many systems its group holds, its own included."""

    group: int | None
    systems: int


ALONE = Placement(None, 1)


@dataclass
class PaperAgreement:
    """``consensus``: groups of proposals ablating one thing, from two systems or more, most systems first.
    ``outliers``: proposals no other system matched."""

    consensus: list[list[Proposal]] = field(default_factory=list)
    outliers: list[Proposal] = field(default_factory=list)

    def placements(self, entry: TrajectoryEntry) -> tuple[Placement, ...]:
        """Each ablation of ``entry``'s plan, in order: its group and how many systems that group holds."""
        placed = [ALONE] * len(entry.ablations)
        for number, proposals in enumerate(self.consensus, 1):
            placement = Placement(number, system_count(proposals))
            for proposal in proposals:
                if proposal.entry is entry:
                    placed[proposal.number - 1] = placement
        return tuple(placed)


def system_count(proposals: Sequence[Proposal]) -> int:
    return len({proposal.model for proposal in proposals})


def sentence_case(text: str) -> str:
    """``Reversible Instance Normalization (RevIN)``: ``Reversible instance normalization (RevIN)``.

    Words written in lower case or with a capital first letter only are lower-cased; acronyms and
    symbols (``GNN``, ``adaLN-Zero``, ``M``) and formulas, code and links are kept as written. The
    first word gets a capital if it is lower case.
    """
    pieces = KEPT_AS_WRITTEN.split(text)  # the odd pieces are formulas, code, links and tags
    for index in range(0, len(pieces), 2):
        pieces[index] = PLAIN_TOKEN.sub(lambda match: match[0].lower(), pieces[index])
    cased = "".join(pieces)
    first = re.match(r"\W*([a-z]+)\b", cased)
    return cased[: first.start(1)] + cased[first.start(1)].upper() + cased[first.start(1) + 1 :] if first else cased


def group_label(proposals: Sequence[Proposal]) -> str:
    """What a group ablates, in one wording for the page: of its parts, the wording most of them share once
    their words are normalised (the shortest on a tie), in sentence case."""
    wordings = [frozenset(words(proposal.part)) for proposal in proposals]
    shared = Counter(wordings)
    chosen = min(range(len(proposals)), key=lambda index: (-shared[wordings[index]], len(proposals[index].part), index))
    return sentence_case(" ".join(proposals[chosen].part.split()))


def paper_agreement(paper: PaperGroup) -> PaperAgreement:
    """The paper's groups, made once per build for its paper page, its trajectory pages and the site's data;
    the matching itself is kept for the next build while the paper's ablations are the same."""
    return _paper_agreement(Same(paper))


@kept_for_this_build
def _paper_agreement(same: Same) -> PaperAgreement:
    paper: PaperGroup = same.value
    proposals = _proposals(paper)
    groups = _groups(tuple(Same(proposal.ablation) for proposal in proposals), tuple(proposal.model for proposal in proposals))
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


@kept_per_build
def _groups(ablations: tuple[Same, ...], models: tuple[str, ...]) -> list[list[int]]:
    """The groups of ``group_ablations``, kept by the very ablations matched: the proposals name the
    build's own entries, which a rebuild replaces, so only the indices are kept."""
    return group_ablations([(model, same.value) for model, same in zip(models, ablations, strict=True)])


def placements(entry: TrajectoryEntry) -> tuple[Placement, ...]:
    """Each ablation's place among the paper's groups: every one alone on a paper only one system planned."""
    if len(entry.paper.entries) < 2:
        return (ALONE,) * len(entry.ablations)
    return paper_agreement(entry.paper).placements(entry)
