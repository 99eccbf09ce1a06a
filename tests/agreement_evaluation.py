"""How well gen/model/agreement.py finds the ablations that several models proposed, scored against hand labels.

The labels (``tests/agreement_eval/labels.yml``, documented at its top) say, for a few papers of the
public corpus, which ablations of different models test the same thing. The matcher's answer for a
paper is read off ``paper_agreement(paper).consensus``: every two proposals of one consensus group
that come from different models form a predicted pair. Both sides are compared pair by pair:

* a true positive is a predicted pair the labels call the same, a false positive a predicted pair
  they do not, a false negative a labelled pair the matcher did not predict;
* a pair the labels call debatable counts neither way, predicted or not;
* precision and recall pool the pairs of every labelled paper (micro average), so a paper with five
  plans of five ablations weighs more than one with five plans of two;
* the papers marked ``held_out`` were labelled before the matcher was last tuned and their errors were
  not read to tune it: they are pooled apart (``Scores.held_out``) from the tuning papers
  (``Scores.tuning``), so that the report shows how the matcher does on papers it was not fitted to.

An ablation is keyed by ``(model, number)``: the model as the trajectory's identity writes it
(``gpt-4o``), and the 1-based place of the ablation in that model's plan. The labels are about the
plans of one planner, ``lm-planner`` (``PLANNER``); plans of other planners, should the corpus hold
any, still take part in the matcher's grouping but no pair with one of them is scored.

Run ``python tests/agreement_evaluation.py [CORPUS_DIR]`` for a table per paper, the overall figures,
and every false positive and false negative with the two ablations' names and parts; with
``--write-scores``, it also writes the overall and held-out figures to ``gen/model/agreement_scores.json``,
which the statistics page quotes beside its system × system table (tests/test_agreement_evaluation.py
fails when the file and the matcher disagree). ``--stemmer snowball`` (or ``porter``) scores the matcher
with a Snowball stemmer in place of its own (``stemmer``), as issue 23 compared them; the figures written
are always the shipped matcher's.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import snowballstemmer
import yaml

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:  # run as a script: tests/ is on the path, the project is not
    sys.path.insert(0, str(PROJECT))

from gen.memo import BUILD_CACHES  # noqa: E402
from gen.model import agreement  # noqa: E402
from gen.model.agreement import Proposal, paper_agreement  # noqa: E402
from gen.model.site_model import PaperGroup, Site, TrajectoryEntry, build_site  # noqa: E402
from gen.reading.corpus import load_corpus  # noqa: E402

LABELS = Path(__file__).resolve().parent / "agreement_eval" / "labels.yml"
SCORES_FILE = PROJECT / "gen" / "model" / "agreement_scores.json"
DEFAULT_CORPUS = PROJECT.parent / "shared" / "corpus" / "trajectories"
PLANNER = "lm-planner"  # the planner whose plans the labels describe
ABLATION_ID = re.compile(r"^(?P<model>[^/\s]+)/(?P<number>[1-9][0-9]*)$")
# The stemmers ``--stemmer`` scores: the matcher's own, and the Snowball algorithms swapped in for it.
SNOWBALL_ALGORITHMS = {"snowball": "english", "porter": "porter"}
STEMMERS = ("hand", *SNOWBALL_ALGORITHMS)

AblationKey = tuple[str, int]
Pair = frozenset[AblationKey]


class LabelError(ValueError):
    """The label file does not describe ablations of the corpus."""


def ablation_id(key: AblationKey) -> str:
    return f"{key[0]}/{key[1]}"


def pair_of(first: AblationKey, second: AblationKey) -> Pair:
    return frozenset((first, second))


def cross_model_pairs(members: Iterable[AblationKey]) -> set[Pair]:
    """Every two of ``members`` from different models; one model's ablations are never paired."""
    return {pair_of(a, b) for a, b in combinations(sorted(set(members)), 2) if a[0] != b[0]}


@dataclass(frozen=True)
class Labels:
    """One paper's hand labels: groups of ablations that test the same thing, debatable pairs, and
    whether the paper is held out of tuning."""

    paper: str
    groups: tuple[tuple[AblationKey, ...], ...] = ()
    debatable: Mapping[Pair, str] = field(default_factory=dict)  # pair -> why it could go either way
    held_out: bool = False

    @property
    def positive_pairs(self) -> set[Pair]:
        return set().union(*(cross_model_pairs(group) for group in self.groups))

    @property
    def debatable_pairs(self) -> set[Pair]:
        return set(self.debatable)


# --- the corpus -------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def load_site(corpus_dir: Path) -> Site:
    """The site model of a trajectories folder, built once per folder."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"no trajectories folder at {corpus_dir}")
    return build_site(load_corpus(corpus_dir))


def papers_by_name(site: Site) -> dict[str, PaperGroup]:
    return {paper.name: paper for paper in site.papers}


def entries_by_model(paper: PaperGroup, planner: str = PLANNER) -> dict[str, TrajectoryEntry]:
    """The paper's plans by ``planner``, by model; two such plans of one model would make ``model/number`` ambiguous."""
    entries: dict[str, TrajectoryEntry] = {}
    for entry in paper.entries:
        identity = entry.trajectory.identity
        if identity.planner != planner:
            continue
        if identity.model in entries:
            raise LabelError(f"paper {paper.name!r} has two {planner} plans by {identity.model!r}; model/number does not say which")
        entries[identity.model] = entry
    return entries


def ablation_at(paper: PaperGroup, key: AblationKey, planner: str = PLANNER):
    """The ``Ablation`` record a key names, or None."""
    entry = entries_by_model(paper, planner).get(key[0])
    if entry is None or not 1 <= key[1] <= len(entry.ablations):
        return None
    return entry.ablations[key[1] - 1]


# --- the labels -------------------------------------------------------------------------------------


def _parse_id(value: object, where: str, problems: list[str]) -> AblationKey | None:
    match = ABLATION_ID.match(value) if isinstance(value, str) else None
    if match is None:
        problems.append(f"{where}: {value!r} is not model/number")
        return None
    return match["model"], int(match["number"])


def _parse_paper(paper: str, data: object, problems: list[str]) -> Labels:
    if not isinstance(data, dict):
        problems.append(f"{paper}: must be a mapping with groups and debatable")
        return Labels(paper)
    unknown = set(data) - {"groups", "debatable", "held_out"}
    if unknown:
        problems.append(f"{paper}: unknown keys {sorted(unknown)}")
    groups = []
    raw_groups = data.get("groups") or []
    if not isinstance(raw_groups, list):
        problems.append(f"{paper}: groups must be a list of lists")
        raw_groups = []
    for number, raw_group in enumerate(raw_groups, 1):
        if not isinstance(raw_group, list):
            problems.append(f"{paper}: group {number} must be a list of model/number")
            continue
        keys = [_parse_id(value, f"{paper}: group {number}", problems) for value in raw_group]
        groups.append(tuple(key for key in keys if key is not None))
    debatable: dict[Pair, str] = {}
    raw_debatable = data.get("debatable") or []
    if not isinstance(raw_debatable, list):
        problems.append(f"{paper}: debatable must be a list")
        raw_debatable = []
    for number, item in enumerate(raw_debatable, 1):
        where = f"{paper}: debatable {number}"
        if not isinstance(item, dict) or set(item) != {"pair", "reason"}:
            problems.append(f"{where}: must be {{pair: [model/number, model/number], reason: ...}}")
            continue
        raw_pair, reason = item["pair"], item["reason"]
        if not isinstance(raw_pair, list) or len(raw_pair) != 2:
            problems.append(f"{where}: pair must list two ablations")
            continue
        if not isinstance(reason, str) or not reason.strip():
            problems.append(f"{where}: needs a reason")
        keys = [_parse_id(value, where, problems) for value in raw_pair]
        if None in keys:
            continue
        pair = pair_of(*keys)
        if pair in debatable:
            problems.append(f"{where}: pair listed twice")
        debatable[pair] = str(reason)
    held_out = data.get("held_out", False)
    if not isinstance(held_out, bool):
        problems.append(f"{paper}: held_out must be true or false, not {held_out!r}")
    return Labels(paper, tuple(groups), debatable, held_out is True)


def _missing(labels: Labels, papers: dict[str, PaperGroup]) -> list[str]:
    """Every id of the labels that names no ablation of the corpus."""
    paper = papers.get(labels.paper)
    if paper is None:
        return [f"{labels.paper}: no such paper in the corpus"]
    entries = entries_by_model(paper)
    keys = {key for group in labels.groups for key in group} | {key for pair in labels.debatable for key in pair}
    problems = []
    for key in sorted(keys):
        entry = entries.get(key[0])
        if entry is None:
            problems.append(f"{labels.paper}: {ablation_id(key)}: no plan by {key[0]!r} (plans by {sorted(entries)})")
        elif key[1] > len(entry.ablations):
            problems.append(f"{labels.paper}: {ablation_id(key)}: the plan has {len(entry.ablations)} ablations")
    return problems


def load_labels(path: Path = LABELS, corpus_dir: Path = DEFAULT_CORPUS) -> dict[str, Labels]:
    """The labels of every paper of the file, each id checked against the corpus; raises LabelError listing every problem."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise LabelError(f"{path}: not readable YAML: {error}") from error
    if not isinstance(data, dict) or not data:
        raise LabelError(f"{path}: must map paper names to their labels")
    problems: list[str] = []
    labels = {str(paper): _parse_paper(str(paper), value, problems) for paper, value in data.items()}
    papers = papers_by_name(load_site(Path(corpus_dir)))
    for paper_labels in labels.values():
        problems.extend(_missing(paper_labels, papers))
    if problems:
        raise LabelError(f"{path}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    return labels


# --- the matcher's answer and its score -------------------------------------------------------------


def _set_stemming(values: Mapping[str, object]) -> None:
    """Set ``agreement``'s stemmer and tables, and drop what was matched with the previous ones."""
    for name, value in values.items():
        setattr(agreement, name, value)
    agreement._token_stems.cache_clear()
    BUILD_CACHES.forget()


@contextmanager
def stemmer(name: str) -> Iterator[None]:
    """The matcher with the stemmer ``name`` of ``STEMMERS`` in place of ``agreement.stem`` (``hand`` leaves it).

    Only the stemming function changes; the tables keyed by stems (``IGNORED_STEMS``, ``STEM_VARIANTS``)
    are stemmed again from their words, so that the same words are still ignored or made one.
    """
    if name == "hand":
        yield
        return
    stem = snowballstemmer.stemmer(SNOWBALL_ALGORITHMS[name]).stemWord
    tables = agreement.stem_tables(stem)
    swapped = {"stem": stem, "IGNORED_STEMS": tables.ignored, "STEM_VARIANTS": tables.variants, "VARIED_STEMS": tables.varied}
    kept = {attribute: getattr(agreement, attribute) for attribute in swapped}
    _set_stemming(swapped)
    try:
        yield
    finally:
        _set_stemming(kept)


def proposal_key(proposal: Proposal) -> AblationKey:
    return proposal.entry.trajectory.identity.model, proposal.number


def predicted_pairs(paper_group: PaperGroup, planner: str = PLANNER) -> set[Pair]:
    """Pairs of proposals of one consensus group of ``paper_agreement``, from different models of ``planner``."""
    entries_by_model(paper_group, planner)  # fails loudly when model/number would be ambiguous
    pairs: set[Pair] = set()
    for group in paper_agreement(paper_group).consensus:
        own = [proposal for proposal in group if proposal.entry.trajectory.identity.planner == planner]
        pairs |= cross_model_pairs(proposal_key(proposal) for proposal in own)
    return pairs


def _ratio(numerator: int, denominator: int) -> float:
    """1.0 when there is nothing to divide: no prediction is wrong when none is made, no pair is missed when none exists."""
    return numerator / denominator if denominator else 1.0


class _Rates:
    true_positive_count: int
    false_positive_count: int
    false_negative_count: int
    labelled_count: int  # labelled pairs compared, debatable pairs left out
    predicted_count: int  # likewise
    debatable_predicted_count: int  # predicted pairs the labels call debatable

    @property
    def precision(self) -> float:
        return _ratio(self.true_positive_count, self.true_positive_count + self.false_positive_count)

    @property
    def recall(self) -> float:
        return _ratio(self.true_positive_count, self.true_positive_count + self.false_negative_count)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class PaperScore(_Rates):
    """One paper's pairs, debatable pairs left out: ``predicted`` and ``labelled`` are what was compared."""

    paper: str
    predicted: frozenset[Pair]
    labelled: frozenset[Pair]
    debatable_predicted: frozenset[Pair] = frozenset()  # predicted, but the labels call them debatable

    @property
    def true_positives(self) -> frozenset[Pair]:
        return self.predicted & self.labelled

    @property
    def false_positives(self) -> frozenset[Pair]:
        return self.predicted - self.labelled

    @property
    def false_negatives(self) -> frozenset[Pair]:
        return self.labelled - self.predicted

    @property
    def true_positive_count(self) -> int:
        return len(self.true_positives)

    @property
    def false_positive_count(self) -> int:
        return len(self.false_positives)

    @property
    def false_negative_count(self) -> int:
        return len(self.false_negatives)

    @property
    def labelled_count(self) -> int:
        return len(self.labelled)

    @property
    def predicted_count(self) -> int:
        return len(self.predicted)

    @property
    def debatable_predicted_count(self) -> int:
        return len(self.debatable_predicted)


def score_pairs(paper: str, predicted: set[Pair], positive: set[Pair], debatable: set[Pair] = frozenset()) -> PaperScore:
    """Compare one paper's predicted pairs with its labelled pairs; debatable pairs count neither way."""
    return PaperScore(
        paper,
        predicted=frozenset(predicted - debatable),
        labelled=frozenset(positive - debatable),
        debatable_predicted=frozenset(predicted & debatable),
    )


@dataclass(frozen=True)
class Scores(_Rates):
    """The scores of every labelled paper and, pooled over them, precision and recall; ``held_out_papers``
    names the papers kept out of tuning."""

    papers: dict[str, PaperScore]
    held_out_papers: frozenset[str] = frozenset()

    def of(self, papers: Iterable[str]) -> Scores:
        """The scores of ``papers`` alone, pooled over them."""
        chosen = set(papers)
        return Scores({paper: score for paper, score in self.papers.items() if paper in chosen},
                      self.held_out_papers & chosen)

    @property
    def tuning(self) -> Scores:
        return self.of(set(self.papers) - self.held_out_papers)

    @property
    def held_out(self) -> Scores:
        return self.of(self.held_out_papers)

    @property
    def true_positive_count(self) -> int:
        return sum(score.true_positive_count for score in self.papers.values())

    @property
    def false_positive_count(self) -> int:
        return sum(score.false_positive_count for score in self.papers.values())

    @property
    def false_negative_count(self) -> int:
        return sum(score.false_negative_count for score in self.papers.values())

    @property
    def labelled_count(self) -> int:
        return sum(score.labelled_count for score in self.papers.values())

    @property
    def predicted_count(self) -> int:
        return sum(score.predicted_count for score in self.papers.values())

    @property
    def debatable_predicted_count(self) -> int:
        return sum(score.debatable_predicted_count for score in self.papers.values())

    def _pooled(self, attribute: str) -> frozenset[tuple[str, Pair]]:
        return frozenset((paper, pair) for paper, score in self.papers.items() for pair in getattr(score, attribute))

    @property
    def true_positives(self) -> frozenset[tuple[str, Pair]]:
        """``(paper, pair)`` of every paper's true positives."""
        return self._pooled("true_positives")

    @property
    def false_positives(self) -> frozenset[tuple[str, Pair]]:
        return self._pooled("false_positives")

    @property
    def false_negatives(self) -> frozenset[tuple[str, Pair]]:
        return self._pooled("false_negatives")


def score(labels: Mapping[str, Labels], corpus_dir: Path = DEFAULT_CORPUS) -> Scores:
    """Score gen/model/agreement.py on every labelled paper of the corpus."""
    papers = papers_by_name(load_site(Path(corpus_dir)))
    missing = [paper for paper in labels if paper not in papers]
    if missing:
        raise LabelError(f"labelled papers not in the corpus at {corpus_dir}: {missing}")
    return Scores(
        {
            paper: score_pairs(paper, predicted_pairs(papers[paper]), paper_labels.positive_pairs, paper_labels.debatable_pairs)
            for paper, paper_labels in labels.items()
        },
        held_out_papers=frozenset(paper for paper, paper_labels in labels.items() if paper_labels.held_out),
    )


def measured_scores(scores: Scores) -> dict[str, object]:
    """What the site quotes of the scores: pooled over every labelled paper, and over the held-out ones."""
    def figures(of: Scores) -> dict[str, object]:
        return {"papers": len(of.papers), "labelled_pairs": of.labelled_count,
                "precision": round(of.precision, 3), "recall": round(of.recall, 3)}
    return {"overall": figures(scores), "held_out": figures(scores.held_out)}


# --- the report -------------------------------------------------------------------------------------


def _describe(paper: PaperGroup, key: AblationKey) -> str:
    ablation = ablation_at(paper, key)
    if ablation is None:
        return f"{ablation_id(key)} (missing)"
    return f'{ablation_id(key)} "{" ".join(ablation.name.split())}" [part: {" ".join(ablation.part.split())}]'


def _sorted_pairs(pairs: Iterable[Pair]) -> list[tuple[AblationKey, AblationKey]]:
    return sorted(tuple(sorted(pair)) for pair in pairs)


def _figures(name: str, scores: Scores) -> str:
    return (f"{name}: precision {scores.precision:.3f}, recall {scores.recall:.3f}, F1 {scores.f1:.3f} "
            f"({scores.labelled_count} labelled pairs, {len(scores.papers)} papers)")


def report(scores: Scores, corpus_dir: Path = DEFAULT_CORPUS) -> str:
    """A table per paper, tuning papers then held-out ones, each set pooled, then the overall figures and
    every false positive and false negative."""
    papers = papers_by_name(load_site(Path(corpus_dir)))
    width = max(len("overall"), *(min(len(paper), 40) for paper in scores.papers))
    header = f"{'paper':<{width}}  {'labelled':>8}  {'predicted':>9}  {'TP':>4}  {'FP':>4}  {'FN':>4}  {'debatable*':>10}  {'precision':>9}  {'recall':>6}"
    rule = "-" * len(header)

    def row(name: str, rates: _Rates) -> str:
        return (
            f"{name[:width]:<{width}}  {rates.labelled_count:>8}  {rates.predicted_count:>9}  {rates.true_positive_count:>4}  "
            f"{rates.false_positive_count:>4}  {rates.false_negative_count:>4}  {rates.debatable_predicted_count:>10}  "
            f"{rates.precision:>9.3f}  {rates.recall:>6.3f}"
        )

    sets = [(name, part) for name, part in (("tuning", scores.tuning), ("held out", scores.held_out)) if part.papers]
    lines = [header, rule]
    for name, part in sets:
        lines += [row(paper, paper_score) for paper, paper_score in part.papers.items()]
        lines += [row(name, part), rule]
    lines.append(row("overall", scores))
    lines.append("labelled/predicted: pairs, debatable pairs left out; debatable*: predicted pairs the labels call debatable")
    lines += [_figures(name, part) for name, part in sets]
    lines.append(_figures("overall", scores))
    for title, attribute in (("False positives (grouped by the matcher, different by the labels)", "false_positives"),
                             ("False negatives (the same by the labels, not grouped by the matcher)", "false_negatives")):
        lines += ["", f"{title}:"]
        for paper, paper_score in scores.papers.items():
            pairs = _sorted_pairs(getattr(paper_score, attribute))
            if not pairs:
                continue
            lines.append(f"  {paper}{' (held out)' if paper in scores.held_out_papers else ''}")
            for first, second in pairs:
                lines.append(f"    {_describe(papers[paper], first)}")
                lines.append(f"      ~ {_describe(papers[paper], second)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Pairwise precision and recall of gen/model/agreement.py against hand labels.")
    parser.add_argument("corpus_dir", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help=f"the trajectories folder (default: {DEFAULT_CORPUS})")
    parser.add_argument("--labels", type=Path, default=LABELS, help=f"the label file (default: {LABELS})")
    parser.add_argument("--write-scores", action="store_true", help=f"write the figures the site quotes to {SCORES_FILE}")
    parser.add_argument("--stemmer", choices=STEMMERS, default="hand",
                        help="score the matcher with this stemmer in place of its own (default: hand, its own)")
    arguments = parser.parse_args(argv)
    if arguments.write_scores and arguments.stemmer != "hand":
        parser.error("--write-scores writes the shipped matcher's figures: only with --stemmer hand")
    try:
        labels = load_labels(arguments.labels, arguments.corpus_dir)
        with stemmer(arguments.stemmer):
            scores = score(labels, arguments.corpus_dir)
    except (LabelError, FileNotFoundError) as error:
        print(error, file=sys.stderr)
        return 2
    print(f"gen/model/agreement.py, {arguments.stemmer} stemmer, against {arguments.labels} "
          f"({len(labels)} papers, corpus {arguments.corpus_dir})\n")
    print(report(scores, arguments.corpus_dir))
    if arguments.write_scores:
        SCORES_FILE.write_text(json.dumps(measured_scores(scores), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
