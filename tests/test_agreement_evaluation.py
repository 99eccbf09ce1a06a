"""The hand-labelled agreement set (tests/agreement_eval/labels.yml) is well-formed, and its scorer counts right."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from gen.model import agreement
from gen.model.agreement import paper_agreement
from tests.agreement_evaluation import (
    LABELS,
    SCORES_FILE,
    LabelError,
    Labels,
    Scores,
    ablation_at,
    cross_model_pairs,
    load_labels,
    load_site,
    main,
    measured_scores,
    pair_of,
    papers_by_name,
    predicted_pairs,
    score,
    score_pairs,
    stemmer,
)
from tests.conftest import CORPUS, needs_corpus
from tests.plan_data import ablation, site_of, trajectory, write_trajectories

MODELS = {"claude-3.5-sonnet", "gemini-2.5-flash", "gpt-4o", "llama-3.1-405b-instruct", "o3-mini"}
PAPER_TASKS = CORPUS.parent / "papers.yml"
PAPER_LINE = re.compile(r"^(?P<paper>[^\s#][^:]*):\s*$")
MEMBER_LINE = re.compile(r"^\s+(?:- )+(?P<id>[^\s#]+/\d+)\s+# (?P<comment>.+)$")
PAIR_LINE = re.compile(r"^\s+- pair: \[(?P<first>[^,\s]+), (?P<second>[^\]\s]+)\]\s+# (?P<comment>.+)$")


def key(text: str) -> tuple[str, int]:
    model, number = text.rsplit("/", 1)
    return model, int(number)


def name_of(paper, ablation_key) -> str:
    return " ".join(ablation_at(paper, ablation_key).name.split())


@pytest.fixture(scope="module")
def labels() -> dict[str, Labels]:
    if not CORPUS.is_dir():
        pytest.skip(f"the public corpus is not at {CORPUS}")
    return load_labels(LABELS, CORPUS)


# --- the label file ---------------------------------------------------------------------------------


@needs_corpus
def test_every_labelled_ablation_exists_and_every_paper_has_all_five_models(labels):
    papers = papers_by_name(load_site(CORPUS))
    for paper in labels:
        assert {entry.trajectory.identity.model for entry in papers[paper].entries} == MODELS, paper


@needs_corpus
def test_the_papers_mix_author_and_reviewer_ablation_tasks(labels):
    tasks = {paper: (entry or {}).get("task") for paper, entry in yaml.safe_load(PAPER_TASKS.read_text(encoding="utf-8")).items()}
    counts = Counter(tasks.get(paper) for paper in labels)
    assert len(labels) >= 8
    assert counts["AuthorAblation"] >= 3 and counts["ReviewerAblation"] >= 3, counts
    assert tasks["dit"] == "AuthorAblation" and "dit" in labels


@needs_corpus
def test_some_papers_of_each_task_are_held_out_of_tuning(labels):
    tasks = {paper: (entry or {}).get("task") for paper, entry in yaml.safe_load(PAPER_TASKS.read_text(encoding="utf-8")).items()}
    held_out = Counter(tasks.get(paper) for paper, paper_labels in labels.items() if paper_labels.held_out)
    assert held_out["AuthorAblation"] >= 2 and held_out["ReviewerAblation"] >= 2, held_out
    assert not labels["dit"].held_out and sum(not paper_labels.held_out for paper_labels in labels.values()) >= 10


@needs_corpus
def test_groups_hold_two_models_or_more_and_no_ablation_twice(labels):
    for paper, paper_labels in labels.items():
        seen: dict[tuple[str, int], int] = {}
        for number, group in enumerate(paper_labels.groups, 1):
            assert len({model for model, _ in group}) >= 2, (paper, number, group)
            assert len(set(group)) == len(group), (paper, number, "an ablation listed twice in one group")
            for member in group:
                assert member not in seen, (paper, member, f"in groups {seen[member]} and {number}")
                seen[member] = number


@needs_corpus
def test_debatable_pairs_are_of_two_models_have_reasons_and_are_not_positive(labels):
    for paper, paper_labels in labels.items():
        positive = paper_labels.positive_pairs
        for pair, reason in paper_labels.debatable.items():
            assert len({model for model, _ in pair}) == 2, (paper, sorted(pair))
            assert reason.strip(), (paper, sorted(pair))
            assert pair not in positive, (paper, sorted(pair), "both debatable and in one group")


@needs_corpus
def test_the_comments_name_the_ablations_they_follow():
    """The names beside the ids are for the reader; they must still be the names at those places."""
    papers = papers_by_name(load_site(CORPUS))
    paper, checked = None, 0
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if match := PAPER_LINE.match(line):
            paper = papers[match["paper"]]
        elif match := MEMBER_LINE.match(line):
            assert match["comment"].startswith(name_of(paper, key(match["id"]))), line
            checked += 1
        elif match := PAIR_LINE.match(line):
            first, second = name_of(paper, key(match["first"])), name_of(paper, key(match["second"]))
            assert match["comment"].startswith(first) and f" / {second}" in match["comment"], line
            checked += 1
    labels = load_labels(LABELS, CORPUS)
    assert checked == sum(len(group) for item in labels.values() for group in item.groups) + sum(
        len(item.debatable) for item in labels.values())


# --- loading ----------------------------------------------------------------------------------------


@pytest.fixture()
def tiny_corpus(tmp_path) -> Path:
    """Two models' plans of one paper: the same part worded alike, and two parts nothing alike."""
    return write_trajectories(
        tmp_path / "trajectories",
        trajectory("gpt-4o", "tiny", ablation("G1", "Number of policies"), ablation("G2", "Learning rate warmup")),
        trajectory("o3-mini", "tiny", ablation("O1", "number of policies"), ablation("O2", "Replay buffer")),
    )


def write_labels(folder: Path, data: dict) -> Path:
    path = folder / "labels.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_unknown_ablations_models_and_papers_fail_loudly(tiny_corpus, tmp_path):
    path = write_labels(tmp_path, {
        "tiny": {"groups": [["gpt-4o/1", "o3-mini/3"], ["claude-3.5-sonnet/1", "gpt-4o/2"]],
                 "debatable": [{"pair": ["gpt-4o/9", "o3-mini/1"], "reason": "r"}]},
        "no-such-paper": {"groups": [["gpt-4o/1", "o3-mini/1"]]},
    })
    with pytest.raises(LabelError) as error:
        load_labels(path, tiny_corpus)
    message = str(error.value)
    for expected in ("o3-mini/3", "claude-3.5-sonnet/1", "gpt-4o/9", "no-such-paper"):
        assert expected in message


def test_held_out_is_read_and_must_be_true_or_false(tiny_corpus, tmp_path):
    groups = [["gpt-4o/1", "o3-mini/1"]]
    path = write_labels(tmp_path, {"tiny": {"groups": groups, "held_out": True}})
    assert load_labels(path, tiny_corpus)["tiny"].held_out
    path = write_labels(tmp_path, {"tiny": {"groups": groups}})
    assert not load_labels(path, tiny_corpus)["tiny"].held_out
    path = write_labels(tmp_path, {"tiny": {"groups": groups, "held_out": "yes"}})
    with pytest.raises(LabelError, match="held_out must be true or false"):
        load_labels(path, tiny_corpus)


def test_ids_that_are_not_model_slash_number_fail_loudly(tiny_corpus, tmp_path):
    path = write_labels(tmp_path, {"tiny": {"groups": [["gpt-4o/1", "o3-mini"], ["gpt-4o/0", "o3-mini/2"]]}})
    with pytest.raises(LabelError, match="not model/number"):
        load_labels(path, tiny_corpus)


def test_a_tiny_corpus_is_scored_end_to_end(tiny_corpus, tmp_path):
    path = write_labels(tmp_path, {"tiny": {"groups": [["gpt-4o/1", "o3-mini/1"], ["gpt-4o/2", "o3-mini/2"]]}})
    scores = score(load_labels(path, tiny_corpus), tiny_corpus)
    paper = scores.papers["tiny"]
    one, two = pair_of(("gpt-4o", 1), ("o3-mini", 1)), pair_of(("gpt-4o", 2), ("o3-mini", 2))
    assert paper.true_positives == {one} and paper.false_negatives == {two} and not paper.false_positives
    assert (scores.precision, scores.recall) == (1 / 1, 1 / 2)


# --- the scorer's arithmetic ------------------------------------------------------------------------

A1, A2, A3, A4 = ("a", 1), ("a", 2), ("a", 3), ("a", 4)
B1, B2, B3 = ("b", 1), ("b", 2), ("b", 3)
C1, C2 = ("c", 1), ("c", 2)


def test_positive_pairs_are_every_two_members_of_a_group_from_different_models():
    labels = Labels("p", groups=((A1, A2, B1), (B2, C2)))
    assert labels.positive_pairs == {pair_of(A1, B1), pair_of(A2, B1), pair_of(B2, C2)}
    assert cross_model_pairs([A1, A2]) == set()


def test_precision_and_recall_count_pairs_and_leave_debatable_ones_out():
    labels = Labels("p", groups=((A1, B1, C1), (A2, B2)), debatable={pair_of(A3, B3): "either way", pair_of(A4, C2): "either way"})
    positive = {pair_of(A1, B1), pair_of(A1, C1), pair_of(B1, C1), pair_of(A2, B2)}
    assert labels.positive_pairs == positive
    predicted = {
        pair_of(A1, B1), pair_of(A1, C1),  # right
        pair_of(A2, C2),                   # wrong
        pair_of(A3, B3),                   # debatable: counts neither way
    }
    # A4-C2 is debatable and not predicted: not a miss either.
    true_positives = {pair_of(A1, B1), pair_of(A1, C1)}
    false_positives = {pair_of(A2, C2)}
    false_negatives = {pair_of(B1, C1), pair_of(A2, B2)}

    result = score_pairs("p", predicted, labels.positive_pairs, labels.debatable_pairs)

    assert result.true_positives == true_positives
    assert result.false_positives == false_positives
    assert result.false_negatives == false_negatives
    assert result.debatable_predicted == {pair_of(A3, B3)}
    assert result.precision == len(true_positives) / (len(true_positives) + len(false_positives))
    assert result.recall == len(true_positives) / (len(true_positives) + len(false_negatives))
    assert result.f1 == pytest.approx(2 * result.precision * result.recall / (result.precision + result.recall))


def test_a_debatable_pair_is_left_out_even_when_it_is_also_labelled_positive():
    result = score_pairs("p", {pair_of(A1, B1)}, {pair_of(A1, B1), pair_of(A2, B2)}, {pair_of(A1, B1)})
    assert (result.true_positive_count, result.false_positive_count, result.false_negative_count) == (0, 0, 1)


def test_overall_figures_pool_the_pairs_of_every_paper():
    first = score_pairs("p", {pair_of(A1, B1), pair_of(A2, B2)}, {pair_of(A1, B1)})  # 1 TP, 1 FP
    second = score_pairs("q", {pair_of(A1, B1)}, {pair_of(A1, B1), pair_of(A2, B2), pair_of(A3, B3)})  # 1 TP, 2 FN
    scores = Scores({"p": first, "q": second})
    assert scores.true_positives == {("p", pair_of(A1, B1)), ("q", pair_of(A1, B1))}
    assert scores.false_positives == {("p", pair_of(A2, B2))}
    assert scores.false_negatives == {("q", pair_of(A2, B2)), ("q", pair_of(A3, B3))}
    assert scores.precision == 2 / (2 + 1)
    assert scores.recall == 2 / (2 + 2)


def test_tuning_and_held_out_papers_are_pooled_apart():
    tuned = score_pairs("p", {pair_of(A1, B1), pair_of(A2, B2)}, {pair_of(A1, B1)})  # 1 TP, 1 FP
    held = score_pairs("q", {pair_of(A1, B1)}, {pair_of(A1, B1), pair_of(A2, B2)})  # 1 TP, 1 FN
    scores = Scores({"p": tuned, "q": held}, held_out_papers=frozenset({"q"}))
    assert set(scores.tuning.papers) == {"p"} and set(scores.held_out.papers) == {"q"}
    assert (scores.tuning.precision, scores.tuning.recall) == (1 / 2, 1.0)
    assert (scores.held_out.precision, scores.held_out.recall) == (1.0, 1 / 2)
    assert (scores.precision, scores.recall) == (2 / 3, 2 / 3)
    assert (scores.tuning.labelled_count, scores.held_out.labelled_count, scores.labelled_count) == (1, 2, 3)


def test_nothing_predicted_and_nothing_labelled_is_neither_imprecise_nor_incomplete():
    result = score_pairs("p", set(), set())
    assert (result.precision, result.recall) == (1.0, 1.0)
    assert score_pairs("p", set(), {pair_of(A1, B1)}).recall == 0.0


def test_predicted_pairs_come_from_consensus_groups_keyed_by_model_and_place():
    site = site_of(
        trajectory("gpt-4o", "p", ablation("G1", "Memory buffer size"), ablation("G2", "Learning rate warmup")),
        trajectory("o3-mini", "p", ablation("O1", "Replay ratio"), ablation("O2", "memory buffer size"),
                   ablation("O3", "size of the memory buffer")),
    )
    [group] = paper_agreement(site.papers[0]).consensus
    assert [(proposal.entry.trajectory.identity.model, proposal.number) for proposal in group] == [
        ("gpt-4o", 1), ("o3-mini", 2), ("o3-mini", 3)]
    # o3-mini's two ablations share a group but are not a pair; the ablations in no group are in no pair.
    assert predicted_pairs(site.papers[0]) == {pair_of(("gpt-4o", 1), ("o3-mini", 2)), pair_of(("gpt-4o", 1), ("o3-mini", 3))}


def test_only_the_labelled_planners_plans_are_paired():
    site = site_of(
        trajectory("gpt-4o", "p", ablation("G1", "Memory buffer size")),
        trajectory("o3-mini", "p", ablation("O1", "memory buffer size")),
        trajectory("gpt-4o", "p", ablation("A1", "Memory buffer size"), planner="agent-planner"),
    )
    assert predicted_pairs(site.papers[0]) == {pair_of(("gpt-4o", 1), ("o3-mini", 1))}


def test_a_snowball_stemmer_is_swapped_in_with_the_tables_keyed_by_stems_and_then_out():
    text = "Study of the component: position encodings, normalization"  # study, component: ignored, as Snowball cuts them too
    with stemmer("snowball"):
        assert agreement.words(text) == ["posit", "embed", "normal"]
        assert agreement.words("positional embedding") == agreement.words("position encoding")
    assert agreement.words(text) == ["posit", "embed", "norm"]


@needs_corpus
def test_the_hand_stemmer_is_kept_as_snowball_is_not_at_least_as_good_on_both_sets(labels):
    """Issue 23's rule, by F1 of the pairs (the figures are in ``agreement.stem``'s docstring)."""
    hand = score(labels, CORPUS)
    for name in ("snowball", "porter"):
        with stemmer(name):
            other = score(labels, CORPUS)
        assert other.tuning.f1 < hand.tuning.f1 or other.held_out.f1 < hand.held_out.f1, name


# --- the report -------------------------------------------------------------------------------------


@needs_corpus
def test_the_report_lists_every_paper_and_every_miss_and_false_match(labels, capsys):
    assert main([str(CORPUS)]) == 0
    output = capsys.readouterr().out
    scores = score(labels, CORPUS)
    assert all(paper[:40] in output for paper in labels) and "overall" in output
    assert f"overall: precision {scores.precision:.3f}, recall {scores.recall:.3f}" in output
    assert f"tuning: precision {scores.tuning.precision:.3f}, recall {scores.tuning.recall:.3f}" in output
    assert f"held out: precision {scores.held_out.precision:.3f}, recall {scores.held_out.recall:.3f}" in output
    papers = papers_by_name(load_site(CORPUS))
    for paper, pair in scores.false_positives | scores.false_negatives:
        for member in pair:
            assert f'{member[0]}/{member[1]} "{name_of(papers[paper], member)}"' in output
    assert json.loads(SCORES_FILE.read_text(encoding="utf-8")) == measured_scores(scores), (
        f"{SCORES_FILE} no longer says how the matcher scores: run python tests/agreement_evaluation.py --write-scores")


@needs_corpus
def test_the_report_names_the_stemmer_and_only_the_shipped_ones_figures_are_written(capsys):
    assert main([str(CORPUS), "--stemmer", "snowball"]) == 0
    assert "snowball stemmer" in capsys.readouterr().out
    assert agreement.stem("normalization") == "norm"
    with pytest.raises(SystemExit):
        main([str(CORPUS), "--stemmer", "snowball", "--write-scores"])
