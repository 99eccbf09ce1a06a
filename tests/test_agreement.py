"""Cross-system agreement on paper pages: the ablations several systems proposed, and those only one did."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from gen.model.agreement import group_ablations, group_label, paper_agreement, removes, sentence_case, stem, sweeps, words
from tests.agreement_evaluation import load_site
from tests.conftest import CORPUS, needs_corpus
from tests.plan_data import ablation, site_of, trajectory
from tests.site_pages import soup_of


def removal(part: str):
    return ablation("A removal", part, "REMOVE", None)


def replacement(part: str, *options: str):
    return ablation("A replacement", part, "REPLACE", options or None)


# Two systems' ablations of one part, worded differently (most from the public corpus), and what makes them one.
SAME_ABLATION = {
    "plural and case": (replacement("Positional Embeddings"), replacement("positional embedding")),
    "inflection": (removal("Masking of input node features"), removal("Input feature masking")),
    "british spelling": (replacement("Layer normalisation"), replacement("layer normalization")),
    "position encoding is positional embedding": (replacement("position encoding"), replacement("Positional embeddings of input tokens")),
    "hyphenated word whole": (removal("Re-mask decoding strategy"), removal("Re-masking of encoder output before decoding")),
    "greek letter spelled out": (replacement("Perturbation scale ε"), replacement("perturbation scale (epsilon)")),
    "abbreviation": (replacement("MSE reconstruction loss"), replacement("mean squared error reconstruction loss")),
    "identifier-style name": (ablation("Ablation_NumberOfSPSASamples", "n"), ablation("SPSA Sample Size", "number of SPSA samples")),
    "name says what the part does not": (ablation("Patch Size Ablation", "Size of patches used to tokenize the latent input"),
                                          ablation("Ablation 2", "Patch Size")),
    "same replacements": (
        replacement("transformer block architecture", "in-context conditioning", "cross-attention", "adaLN", "adaLN-Zero"),
        replacement("Conditioning mechanism", "In-context conditioning", "Cross-attention block", "adaLN block"),
    ),
    "a 'none' option removes the part": (
        replacement("Frequency-based positional embeddings", "learned positional embeddings", "no positional embeddings"),
        removal("Positional embeddings"),
    ),
    "a part contained in another": (replacement("Entropy regularization"), replacement("Entropy regularization for diversity")),
}


def test_words_drop_case_punctuation_numbers_function_words_and_plan_words():
    assert words("The Number of Descriptors (k) in the Attention module, 3 of them") == ["numb", "descriptor", "attent", "them"]
    assert words("Ablation study: remove the focal loss") == ["focal", "loss"]


def test_words_split_hyphenated_words_identifiers_and_possessives():
    assert words("Re-mask decoding") == ["remask", "mask", "decod"]
    assert words("VQ-based bottleneck") == ["vq", "bottleneck"]
    assert words("Ablation_NumberOfSPSASamples", identifier=True) == ["numb", "spsa", "sampl"]
    assert words("Number of sampled z's") == ["numb", "sampl"]


def test_words_make_variants_one():
    assert words("MSE") == words("mean squared error")
    assert words("τ") == ["tau"]
    assert words("position encodings") == words("positional embedding") == ["posit", "embed"]


def test_the_stemmer_cuts_wordings_of_one_word_alike():
    for variants in (("normalization", "normalisation", "normalized", "normalize", "norm"), ("embeddings", "embedding", "embed"),
                     ("masking", "masked", "masks", "mask"), ("policies", "policy"), ("patches", "patch"), ("losses", "loss"),
                     ("modelling", "modeling", "model"), ("positional", "position"), ("aggregation", "aggregate"),
                     ("schedulers", "scheduler", "schedule"), ("perturbation", "perturb"), ("sampled", "sampling", "samples", "sample")):
        assert len({stem(word) for word in variants}) == 1, variants


def test_the_stemmer_leaves_words_it_has_no_suffix_of():
    for word in ("loss", "bias", "basis", "layer", "mlp", "fsq", "dropout"):
        assert stem(word) == word


def test_a_removal_is_an_action_or_a_none_option_and_a_sweep_tries_values():
    assert removes(removal("dropout")) and removes(replacement("dropout", "p=0.0", "p=0.1"))
    assert removes(replacement("masking", "No masking"))
    assert not removes(replacement("dropout", "Gaussian noise")) and not removes(replacement("policy", "off-policy updates"))
    assert sweeps(replacement("patch size", "2x2", "4x4")) and sweeps(replacement("M", "M=2", "M=4"))
    assert sweeps(replacement("rate", "1e-3", "10%"))
    assert not sweeps(replacement("model size", "DiT-S", "DiT-B")) and not sweeps(removal("dropout"))


def test_ablations_of_one_part_worded_differently_by_two_systems_are_one():
    for reason, (first, second) in SAME_ABLATION.items():
        assert group_ablations([("model-a", first), ("model-b", second)]) == [[0, 1]], reason


def test_parts_sharing_no_word_stay_apart():
    assert group_ablations([("a", replacement("Leader-follower architecture")), ("b", removal("Off-policy updates"))]) == [[0], [1]]


def test_a_word_most_of_a_papers_parts_share_does_not_make_two_parts_one():
    """``function`` is in every part: the rarer word decides."""
    plans = [("a", replacement("activation function")), ("a", replacement("loss function")), ("b", replacement("Activation function")),
             ("b", replacement("reward function")), ("c", replacement("loss function")), ("c", replacement("scoring function"))]
    assert group_ablations(plans) == [[0, 2], [1, 4], [3], [5]]


def test_two_parts_differing_in_their_rarest_word_stay_apart():
    plans = [("a", removal("Edge Generation component")), ("b", removal("Attribute Generation component")),
             ("b", removal("Edge generation")), ("a", removal("Attribute generation"))]
    assert group_ablations(plans) == [[0, 2], [1, 3]]


def test_sweeping_a_weight_and_removing_what_it_weighs_are_two_ablations():
    plans = [("a", removal("Memory regularization loss")),
             ("a", replacement("weight of the memory regularization loss", "0.01", "0.1", "1.0")),
             ("b", removal("Memory regularization")), ("c", replacement("Memory regularization weight", "0.05", "0.2"))]
    assert group_ablations(plans) == [[0, 2], [1, 3]]


def test_the_words_placing_a_part_count_less_than_the_part():
    """``number of gradient ascent steps in adversarial noise selection`` ablates the steps, not the selection."""
    plans = [("a", removal("Adversarial noise selection")),
             ("b", replacement("Number of gradient ascent steps in adversarial noise selection", "1", "3", "5")),
             ("c", replacement("adversarial noise selection mechanism", "random noise")),
             ("c", replacement("inner gradient ascent steps", "1", "10"))]
    assert group_ablations(plans) == [[0, 2], [1, 3]]


def test_one_systems_parts_are_grouped_only_through_another_system():
    assert group_ablations([("a", replacement("memory buffer size")), ("a", replacement("memory buffer size"))]) == [[0], [1]]
    plans = [("a", replacement("memory buffer size")), ("b", replacement("Memory buffer size")), ("a", replacement("size of the memory buffer"))]
    assert group_ablations(plans) == [[0, 1, 2]]


def test_a_part_resembling_two_different_parts_does_not_chain_them():
    """The last part shares words with the middle one only: chaining single matches would put all three
    together through the middle one; on average the last part resembles the group of the first two too little."""
    first, middle = replacement("replay memory buffer size"), replacement("memory buffer temperature")
    last = replacement("temperature schedule annealing")
    assert group_ablations([("a", first), ("b", middle), ("c", last)]) == [[0, 1], [2]]


def test_sentence_case_lowers_plain_words_and_keeps_acronyms_symbols_and_markup():
    assert sentence_case("Reversible Instance Normalization (RevIN)") == "Reversible instance normalization (RevIN)"
    assert sentence_case("adaLN-Zero Blocks") == "adaLN-Zero blocks"
    assert sentence_case("number of Policies (M)") == "Number of policies (M)"
    assert sentence_case("The $\\Delta$ Term of `Foo` Code") == "The $\\Delta$ term of `Foo` code"


def test_a_group_is_labelled_by_the_wording_most_of_its_parts_share_in_sentence_case():
    site = site_of(
        trajectory("gpt-4o", "p", ablation("G1", "Patch Size")),
        trajectory("o3-mini", "p", ablation("O1", "Size of patches used to tokenize the latent input")),
        trajectory("claude-3.5-sonnet", "p", ablation("C1", "patch size")),
        trajectory("gemini-2.5-flash", "p", ablation("M1", "Input patch size")),
    )
    [group] = paper_agreement(site.papers[0]).consensus
    assert group_label(group) == "Patch size"


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
    assert page.select_one("#consensus").get_text() == "Proposed by several systems"
    assert page.select_one("#outliers").get_text() == "Proposed by one system only"
    # Every ablation of both plans is listed once, as consensus or as an outlier.
    assert len(agreement_links(seed_site / "papers" / paper / "index.html")) == len(page.select(".tabbed-block section.tv-ablation"))
    assert check_agreement_links(seed_site) > 0


def test_a_paper_planned_by_one_model_has_no_agreement_section(seed_site):
    page = soup_of(seed_site / "papers/Adaptive_Vision_Encoders__Balancing_Efficiency_and_Robustness_in_Vision_Language_Models/index.html")
    assert page.select_one("#agreement") is None


def corpus_groups(corpus_paper: str) -> list[set[str]]:
    """The consensus groups of a paper of the public corpus, each as its ablations' ``model/number``."""
    paper = next(paper for paper in load_site(CORPUS).papers if paper.name == corpus_paper)
    return [{f"{p.entry.trajectory.identity.model}/{p.number}" for p in group} for group in paper_agreement(paper).consensus]


def together(groups: list[set[str]], *ablations: str) -> bool:
    return any(set(ablations) <= group for group in groups)


@needs_corpus
def test_corpus_removing_a_part_and_replacing_it_are_two_ablations():
    """simcse: llama removes its dropout noise in one ablation and replaces it by Gaussian noise in another."""
    groups = corpus_groups("simcse")
    assert together(groups, "llama-3.1-405b-instruct/1", "o3-mini/1")  # removed, removed
    assert together(groups, "llama-3.1-405b-instruct/2", "gemini-2.5-flash/2")  # replaced by Gaussian noise, both
    assert not together(groups, "llama-3.1-405b-instruct/1", "llama-3.1-405b-instruct/2")


@needs_corpus
def test_corpus_sweeping_a_setting_and_removing_what_it_sets_are_two_ablations():
    """graphmae: Gemini sweeps the mask ratio (0.1 to 0.7); gpt-4o and o3-mini remove the masking."""
    groups = corpus_groups("graphmae")
    assert together(groups, "gpt-4o/1", "o3-mini/2")
    assert not together(groups, "gemini-2.5-flash/5", "gpt-4o/1")


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
