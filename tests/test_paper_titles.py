"""The titles a paper's plans quote: a paper named by an id gets the title-like quote most of its plans agree on."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from gen.data.explorer_data import MANIFEST_FILE, explorer_files
from gen.model.paper_titles import NAMES_THE_ID, RESPELLED_NAME, QuotedTitle, quoted_title, quoted_title_candidates
from gen.model.site_model import build_site
from gen.reading.corpus import Corpus, load_corpus
from gen.reading.metadata import PaperMetadata
from gen.reading.names import is_paper_id, readable_paper_title
from tests.conftest import CORPUS, needs_corpus
from tests.plan_data import ablation, trajectory

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


def test_a_name_that_reads_as_a_title_takes_the_spelling_two_plans_quote():
    name = "Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_"
    quoted = "Align-VL: Can Being Modest Help in the Alignment of Vision-Language Models?"
    found = quoted_title(name, [f'The paper "{quoted}" asks.', f'"{quoted}"', f'"{quoted.upper()}"', None])
    assert found == QuotedTitle(quoted, plans=3, of=4, rule=RESPELLED_NAME)
    assert found.source == "the trajectory name, spelled as 3 of 4 plans' reasoning quote it"


def test_a_name_is_respelled_only_by_a_quote_equal_to_it():
    """Every plan quoting another title, or one plan quoting the name's own, leaves the name as it reads."""
    name = "Scalable_Diffusion_Models_with_Transformers"
    assert quoted_title(name, ['"Towards Open World Object Detection"'] * 3) is None
    assert quoted_title(name, [f'"{TITLE}"', "None here."]) is None


def test_the_spelling_most_plans_use_is_shown():
    mixed = "Scalable Diffusion Models With Transformers"
    found = quoted_title("dit", [f'"{mixed}"', f'"{TITLE}"', f'"{TITLE}"'])
    assert found == QuotedTitle(TITLE, plans=3, of=3)


@pytest.mark.parametrize("name", ["dit", "bbox-adapter", "curriculum_learning", "hdnet_tiktok", "ddm2"])
def test_lower_case_names_with_or_without_hyphens_and_underscores_are_ids(name):
    assert is_paper_id(name)
    assert readable_paper_title(name) == name


@pytest.mark.parametrize("name", ["DiT", "Align_VL__Can_Being_Modest", "Scalable_Diffusion_Models_with_Transformers"])
def test_names_with_capitals_are_not_ids(name):
    assert not is_paper_id(name)


def test_an_id_with_underscores_gets_the_title_its_plans_agree_on():
    title = "On Curriculum Learning for Commonsense Reasoning"
    assert quoted_title("curriculum_learning", [f'"{title}"', f'"{title}"']) == QuotedTitle(title, plans=2, of=2)


@pytest.mark.parametrize(("paper_id", "quote"), [
    ("graphmae", "GraphMAE: Self-Supervised Masked Graph Autoencoders"),
    ("deviant", "DEVIANT: Depth EquiVarIAnt NeTwork for Monocular 3D Object Detection"),
    ("bbox-adapter", "BBox-Adapter: Lightweight Adapting for Black-Box Large Language Models"),
    ("hdnet_tiktok", "HDNet TikTok: Learning High Fidelity Depths of Dressed Humans"),
])
def test_one_quote_opening_with_the_id_names_the_paper(paper_id, quote):
    found = quoted_title(paper_id, [f'We study "{quote}".', "No quote.", None])
    assert found == QuotedTitle(quote, plans=1, of=3, rule=NAMES_THE_ID)
    assert found.source == "quoted by 1 of 3 plans' reasoning, opening with the paper's id"


@pytest.mark.parametrize(("paper_id", "quote"), [
    ("graphmae", "GraphMAEs Are Strong Self-Supervised Learners"),  # the id is not a whole word
    ("graphmae", "Self-Supervised GraphMAE Autoencoders"),  # it does not open the quote
    ("smm", "SMM: Self-Supervised Multi-Illumination Color Constancy Model"),  # four letters or fewer prove nothing
    ("ipg", "Image Processing GNN: Breaking Rigidity in Super-Resolution"),
])
def test_one_quote_that_does_not_open_with_a_long_enough_id_is_not_taken(paper_id, quote):
    assert quoted_title(paper_id, [f'"{quote}"', None]) is None
    assert quoted_title(paper_id, [f'"{quote}"', f'"{quote}"']) == QuotedTitle(quote, plans=2, of=2)


def test_titles_sort_without_case_and_leading_punctuation():
    titles = {"p1": "“Zeta” Is Last", "p2": "beta Comes Second", "p3": "(Alpha) Comes First", "p4": "Gamma Is Third"}
    corpus = Corpus(
        trajectories=[trajectory(model, paper, ablation("Drop")) for paper in titles for model in ("gpt-4o", "o3-mini")],
        papers={paper: PaperMetadata(title=title) for paper, title in titles.items()},
    )
    site = build_site(corpus)
    expected = ["(Alpha) Comes First", "beta Comes Second", "Gamma Is Third", "“Zeta” Is Last"]
    assert [paper.title for paper in site.papers] == expected
    assert [paper[1] for paper in json.loads(explorer_files(site)[MANIFEST_FILE])["papers"]] == expected
    for system in site.systems:
        assert [entry.paper.title for entry in system.entries] == expected
        assert [entry.next.paper.title for entry in system.entries[:-1]] == expected[1:]


@pytest.fixture(scope="module")
def corpus_reasonings() -> dict[str, list[str | None]]:
    if not CORPUS.is_dir():
        pytest.skip(f"the public corpus is not at {CORPUS}")
    reasonings = defaultdict(list)
    for item in load_corpus(CORPUS).trajectories:
        reasonings[item.identity.paper].append(item.reasoning)
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


def files_quoting(quote: str, paper: str) -> list[Path]:
    """The corpus files of ``paper`` (by the name in their heading) whose text holds ``quote`` in double quotes,
    maybe with a full stop or comma before the closing quote."""
    heading = re.compile(rf"^# [^/\n]+/[^/\n]+/{re.escape(paper)}$", re.MULTILINE)
    quoted = re.compile(rf'"{re.escape(quote)}[.,;:]?"')
    return [path for path in CORPUS.rglob("*.md")
            if heading.search(text := path.read_text(encoding="utf-8")) and quoted.search(text)]


@needs_corpus
@pytest.mark.parametrize(("paper", "quote"), [
    ("Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_",
     "Align-VL: Can Being Modest Help in the Alignment of Vision-Language Models?"),
    ("BrGANs__Stabilizing_GANs__Training_Process_with_Brownian_Motion_Control",
     "BrGANs: Stabilizing GANs' Training Process with Brownian Motion Control"),
])
def test_corpus_names_take_the_punctuation_their_plans_quote(corpus_reasonings, paper, quote):
    quoting = files_quoting(quote, paper)
    assert len(quoting) >= 2
    assert quoted_title(paper, corpus_reasonings[paper]) == QuotedTitle(quote, len(quoting), len(corpus_reasonings[paper]), RESPELLED_NAME)


@needs_corpus
@pytest.mark.parametrize(("paper", "quote"), [
    ("curriculum_learning", "On Curriculum Learning for Commonsense Reasoning"),
    ("hdnet_tiktok", "Learning High Fidelity Depths of Dressed Humans by Watching Social Media Dance Videos"),
])
def test_corpus_ids_with_underscores_get_their_quoted_title(corpus_reasonings, paper, quote):
    assert len(files_quoting(quote, paper)) >= 2
    assert quoted_title(paper, corpus_reasonings[paper]).title == quote


@needs_corpus
@pytest.mark.parametrize(("paper", "quote"), [
    ("graphmae", "GraphMAE: Self-Supervised Masked Graph Autoencoders"),
    ("deviant", "DEVIANT: Depth EquiVarIAnt NeTwork for Monocular 3D Object Detection"),
])
def test_corpus_ids_named_by_one_quote(corpus_reasonings, paper, quote):
    assert len(files_quoting(quote, paper)) == 1
    assert quoted_title(paper, corpus_reasonings[paper]) == QuotedTitle(quote, 1, len(corpus_reasonings[paper]), NAMES_THE_ID)


@needs_corpus
def test_a_corpus_quote_one_plan_makes_without_naming_the_id_is_not_taken(corpus_reasonings):
    quote = "Image Processing GNN: Breaking Rigidity in Super-Resolution"
    assert len(files_quoting(quote, "ipg")) == 1
    assert not quote.casefold().startswith("ipg")
    assert quoted_title("ipg", corpus_reasonings["ipg"]) is None
