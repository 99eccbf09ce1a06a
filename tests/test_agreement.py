"""Cross-model agreement on paper pages: ablated parts several models proposed, and those only one did."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from gen.agreement import comparable_words, group_parts, paper_agreement
from tests.conftest import needs_corpus
from tests.plan_data import ablation, site_of, trajectory
from tests.site_pages import soup_of

# Pairs worded by different models of the public corpus.
SAME_PART = [
    ("Recursive reward model (RRM) in BREM", "Recursive reward modeling in BREM model"),
    ("Perturbation scale (epsilon) in SPSA gradient estimation", "Perturbation scale (epsilon) in the SPSA gradient approximation"),
    ("Entropy regularization", "Entropy regularization for diversity"),
    ("Number of policies (M)", "Number of policies"),
    ("Language model used for generating class descriptors", "language model used for the class descriptors"),
]
DIFFERENT_PARTS = [
    ("Edge Generation component", "Attribute Generation component"),
    ("differentiable template optimization", "Differentiable label optimization for continuous label tokens"),
    ("two-step training process", "continued pre-training step"),
    ("activation function", "loss function"),
    ("Leader-follower architecture", "Off-policy updates"),
]


def test_comparable_words_drop_case_punctuation_function_words_and_plurals():
    assert comparable_words("The Number of Descriptors (k) in the Attention module") == "number descriptor k attention"
    assert comparable_words("Focal loss") == "focal loss"


def test_parts_worded_alike_by_two_models_are_one_part():
    for first, second in SAME_PART:
        assert group_parts([("model-a", first), ("model-b", second)]) == [[0, 1]], (first, second)


def test_different_parts_stay_apart():
    for first, second in DIFFERENT_PARTS:
        assert group_parts([("model-a", first), ("model-b", second)]) == [[0], [1]], (first, second)


def test_one_models_parts_are_grouped_only_through_another_model():
    assert group_parts([("a", "memory buffer size"), ("a", "memory buffer size")]) == [[0], [1]]
    assert group_parts([("a", "memory buffer size"), ("b", "Memory buffer size"), ("a", "size of the memory buffer")]) == [[0, 1, 2]]


def test_a_part_resembling_two_different_parts_does_not_chain_them():
    """Single linkage would put all three together through the middle one."""
    parts = [("a", "memory buffer"), ("b", "memory buffer temperature schedule"), ("c", "temperature schedule")]
    assert group_parts(parts) == [[0, 1], [2]]


def test_a_paper_has_consensus_most_models_first_and_outliers_in_plan_order():
    site = site_of(
        trajectory("gpt-4o", "p", ablation("G1", "Number of policies"), ablation("G2", "Entropy regularization"),
                   ablation("G3", "Learning rate warmup")),
        trajectory("o3-mini", "p", ablation("O1", "Entropy regularization for diversity"), ablation("O2", "Number of policies (M)")),
        trajectory("claude-3.5-sonnet", "p", ablation("C1", "number of policies"), ablation("C2", "Replay buffer")),
    )
    agreement = paper_agreement(site.papers[0])
    names = [[proposal.entry.ablations[proposal.number - 1].name for proposal in group] for group in agreement.consensus]
    assert names == [["C1", "G1", "O2"], ["G2", "O1"]]
    assert [(p.entry.model_slug, p.number) for p in agreement.outliers] == [("claude-35-sonnet", 2), ("gpt-4o", 3)]


def agreement_links(page: Path) -> list[tuple[Path, str]]:
    """(trajectory page, anchor) of every link in the page's agreement section."""
    section = soup_of(page).select("#agreement ~ ol.tv-agreement a, #agreement ~ ul.tv-agreement a")
    links = []
    for anchor in section:
        path, _, fragment = anchor["href"].partition("#")
        links.append(((page.parent / unquote(path) / "index.html").resolve(), fragment))
    return links


def check_agreement_links(site: Path) -> int:
    """Every link of every agreement section opens an ablation heading; returns how many there are."""
    checked = 0
    for page in sorted((site / "papers").glob("*/index.html")):
        for target, fragment in agreement_links(page):
            assert fragment.startswith("ablation-"), page
            assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), (page, target, fragment)
            checked += 1
    return checked


def test_a_seed_paper_planned_by_two_models_shows_where_they_agree(seed_site):
    paper = "Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_"
    page = soup_of(seed_site / "papers" / paper / "index.html")
    assert page.select_one("#agreement").get_text() == "Where the systems agree"
    assert page.select_one("#consensus") and page.select_one("#outliers")
    # Every ablation of both plans is listed once, as consensus or as an outlier.
    assert len(agreement_links(seed_site / "papers" / paper / "index.html")) == len(page.select(".tabbed-block section.tv-ablation"))
    assert check_agreement_links(seed_site) > 0


def test_a_paper_planned_by_one_model_has_no_agreement_section(seed_site):
    page = soup_of(seed_site / "papers/Adaptive_Vision_Encoders__Balancing_Efficiency_and_Robustness_in_Vision_Language_Models/index.html")
    assert page.select_one("#agreement") is None


@needs_corpus
def test_corpus_consensus_groups_one_part_worded_by_three_models(corpus_site):
    page = corpus_site / "papers/sapg/index.html"
    groups = soup_of(page).select("#consensus + ol > li")
    policies = [group for group in groups if "number of policies" in group.select_one("strong").get_text().lower()]
    assert len(policies) == 1
    models = [item.select_one("strong").get_text() for item in policies[0].select("li")]
    assert {"Claude 3.5 Sonnet", "Gemini 2.5 Flash", "Llama 3.1 405B Instruct"} <= set(models)
    assert "(3 of 5 systems)" in policies[0].get_text() or "(4 of 5 systems)" in policies[0].get_text()


@needs_corpus
def test_every_corpus_agreement_link_opens_an_ablation(corpus_site):
    assert check_agreement_links(corpus_site) >= 5034 - 126 * 2  # every ablation of a paper with two plans or more
