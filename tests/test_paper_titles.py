"""The titles a paper's plans quote: a paper named by an id gets the title-like quote most of its plans agree on."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from gen.model.paper_titles import QuotedTitle, quoted_title, quoted_title_candidates
from gen.reading.corpus import load_corpus
from tests.conftest import CORPUS, needs_corpus

TITLE = "Scalable Diffusion Models with Transformers"


def test_a_title_two_plans_quote_is_the_papers_title():
    reasonings = [f'The paper "{TITLE}" proposes DiT.', f'Given "{TITLE}", we ablate the patch size.', "No quote here."]
    assert quoted_title("dit", reasonings) == QuotedTitle(TITLE, plans=2, of=3)


def test_a_title_one_plan_quotes_is_only_a_candidate():
    reasonings = [f'The paper "{TITLE}" proposes DiT.', "No quote here."]
    assert quoted_title("dit", reasonings) is None
    assert quoted_title_candidates("dit", reasonings) == [QuotedTitle(TITLE, plans=1, of=2)]


def test_plans_agree_whatever_the_case_and_the_first_spelling_is_kept():
    reasonings = [f'"{TITLE.upper()}" is the title.', f'"{TITLE}" again.']
    assert quoted_title("dit", reasonings) == QuotedTitle(TITLE.upper(), plans=2, of=2)


@pytest.mark.parametrize("quote", [f"{TITLE}.", f"{TITLE},", f"{TITLE} (DiT)", f"{TITLE} (DiT).", f"  {TITLE};"])
def test_trailing_punctuation_and_acronyms_are_not_part_of_the_title(quote):
    assert quoted_title("dit", [f'"{quote}"', f'"{TITLE}"']) == QuotedTitle(TITLE, plans=2, of=2)


def test_curly_quotes_count_like_straight_ones():
    assert quoted_title("dit", [f"“{TITLE}”", f'"{TITLE}"']) == QuotedTitle(TITLE, plans=2, of=2)


@pytest.mark.parametrize("quote", [
    "less is more",  # lower case
    "Patchify Layer",  # two words
    "we replace the adaLN-Zero block with cross-attention",  # a sentence
    "Short",
])
def test_quotes_that_do_not_look_like_titles_are_not_candidates(quote):
    assert quoted_title_candidates("dit", [f'"{quote}"', f'"{quote}"']) == []


def test_a_quote_is_on_one_line():
    first, second = TITLE.split(" with ")
    assert quoted_title_candidates("dit", [f'"{first} with\n{second}"'] * 2) == []


def test_a_closing_quote_does_not_open_the_next_quote():
    reasoning = f'The "x" token is embedded in "{TITLE}" as described.'
    assert quoted_title("dit", [reasoning, reasoning]) == QuotedTitle(TITLE, plans=2, of=2)


def test_a_plan_quoting_a_title_twice_counts_once():
    assert quoted_title("dit", [f'"{TITLE}" and again "{TITLE}"', None]) is None


def test_plans_without_reasoning_count_among_the_plans():
    assert quoted_title("dit", [f'"{TITLE}"', f'"{TITLE}"', None]) == QuotedTitle(TITLE, plans=2, of=3)


def test_more_plans_come_first_then_longer_titles():
    shorter, longer, most = "Diffusion Models with Transformers", f"{TITLE} at Scale", "Towards Open World Object Detection"
    reasonings = [f'"{shorter}" "{most}"', f'"{longer}" "{most}"', f'"{most}"', f'"{shorter}" "{longer}"']
    assert [(candidate.title, candidate.plans) for candidate in quoted_title_candidates("owod", reasonings)] == [
        (most, 3), (longer, 2), (shorter, 2),
    ]


def test_names_with_underscores_are_titles_already():
    reasonings = [f'"{TITLE}"'] * 3
    assert quoted_title("Scalable_Diffusion_Models_with_Transformers", reasonings) is None
    assert quoted_title_candidates("Scalable_Diffusion_Models_with_Transformers", reasonings) == []


@pytest.fixture(scope="module")
def corpus_reasonings() -> dict[str, list[str | None]]:
    if not CORPUS.is_dir():
        pytest.skip(f"the public corpus is not at {CORPUS}")
    reasonings = defaultdict(list)
    for trajectory in load_corpus(CORPUS).trajectories:
        reasonings[trajectory.identity.paper].append(trajectory.reasoning)
    return reasonings


def plans_quoting(title: str, reasonings: list[str | None]) -> int:
    """How many reasonings hold ``title`` in double quotes, however it is capitalised or punctuated at its end."""
    quote = re.compile(r'["“]' + re.escape(title) + r'[.,;:]?["”]', re.IGNORECASE)
    return sum(1 for reasoning in reasonings if reasoning and quote.search(reasoning))


@needs_corpus
@pytest.mark.parametrize(("paper", "title"), [
    ("dit", TITLE),
    ("owod", "Towards Open World Object Detection"),
    ("clipbert", "Less is More: CLIPBERT for Video-and-Language Learning via Sparse Sampling"),
])
def test_corpus_papers_get_the_title_their_plans_quote(corpus_reasonings, paper, title):
    reasonings = corpus_reasonings[paper]
    expected = plans_quoting(title, reasonings)
    assert expected >= 2
    found = quoted_title(paper, reasonings)
    assert found is not None and found.title.casefold() == title.casefold()
    assert (found.plans, found.of) == (expected, len(reasonings))


@needs_corpus
def test_a_lower_case_quote_of_the_title_is_not_taken_for_it(corpus_reasonings):
    """Two clipbert plans quote just ``less is more``; the full title wins."""
    assert plans_quoting("less is more", corpus_reasonings["clipbert"]) >= 2
    assert quoted_title("clipbert", corpus_reasonings["clipbert"]).title.startswith("Less is More: ")
