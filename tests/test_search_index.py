"""The search index files: terms, shards, postings and documents, read back as the worker reads them."""

from __future__ import annotations

import base64
import json

import pytest

from gen.data.search_documents import SearchDocument
from gen.data.search_index import (
    DOCUMENTS_PER_CHUNK,
    INDEX_FOLDER,
    MAX_WEIGHT,
    POSTINGS_PER_SHARD,
    search_index_files,
)
from gen.data.search_terms import compounds, fnv1a, shard_number, terms

DOCUMENTS = (
    SearchDocument("trajectories/a/m/diffusion/", "Diffusion paper · Model M", "We vary the noise level and the noise schedule."),
    SearchDocument("trajectories/a/m/diffusion/#ablation-1", "Noise level sweep", "Ablated part: noise level. Action: REPLACE."),
    SearchDocument("trajectories/a/m/diffusion/#ablation-2", "Remove guidance", "Ablated part: classifier-free guidance. Action: REMOVE."),
    SearchDocument("papers/diffusion/", "Diffusion paper", "Plans for this paper by Model M, side by side."),
    SearchDocument("planners/a/m/", "Model M (Planner A)", "One plan. Most used metrics: FID, IS"),
)


class Index:
    """The files of one index, decoded the way the worker decodes them."""

    def __init__(self, files: dict[str, str]):
        self.files = files
        self.manifest = json.loads(files[f"{INDEX_FOLDER}/manifest.json"])
        shard_names, chunk_names = self.manifest["shards"], self.manifest["documents"]
        assert len(shard_names) == self.manifest["shardCount"]
        self.shards = [json.loads(files[f"{INDEX_FOLDER}/shards/{n}-{shard_names[n]}.json"]) for n in range(self.manifest["shardCount"])]
        chunk_count = -(-self.manifest["documentCount"] // self.manifest["chunkSize"])
        assert len(chunk_names) == chunk_count
        self.documents = [row for n in range(chunk_count) for row in json.loads(files[f"{INDEX_FOLDER}/documents/{n}-{chunk_names[n]}.json"])]

    def postings(self, term: str) -> dict[int, int]:
        """Document number -> weight, for one term."""
        planes = base64.b64decode(self.shards[shard_number(term, self.manifest["shardCount"])].get(term, ""))
        count = len(planes) // 4
        codes = [sum(planes[plane * count + n] << (8 * plane) for plane in range(4)) for n in range(count)]
        bits = self.manifest["weightBits"]
        documents = [code >> bits for code in codes]
        assert documents == sorted(set(documents)), f"postings of {term!r} out of order or repeated"
        return {code >> bits: code & ((1 << bits) - 1) for code in codes}

    def number(self, location: str) -> int:
        return [row[0] for row in self.documents].index(location)


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(search_index_files(DOCUMENTS))


def test_terms_are_runs_of_letters_and_digits_lowercased():
    assert terms("Noise-level: σ_t=0.5, ResNet50!") == ["noise", "level", "σ", "t", "0", "5", "resnet50"]


def test_terms_split_on_non_ascii_punctuation_and_keep_non_ascii_letters():
    assert terms("Straße — naïve “ΣΑΣ” x² 日本語") == ["straße", "naïve", "σας", "x²", "日本語"]


def test_terms_are_nfc_normalised():
    assert terms("cafe\u0301") == terms("café") == ["café"]


def test_fnv1a_matches_the_published_test_vectors():
    assert [fnv1a(text) for text in ("", "a", "foobar")] == [0x811C9DC5, 0xE40C292C, 0xBF9CF968]


def test_terms_with_the_same_first_three_characters_share_a_shard():
    assert len({shard_number(term, 97) for term in ("noise", "noisy", "noi", "noiseless")}) == 1
    assert len({shard_number(term, 97) for term in ("noise", "level", "guidance", "diffusion", "schedule")}) > 1


def test_every_term_sits_in_the_shard_its_hash_names(index):
    count = index.manifest["shardCount"]
    for number, shard in enumerate(index.shards):
        assert all(shard_number(term, count) == number for term in shard)


def test_output_is_deterministic():
    assert search_index_files(DOCUMENTS) == search_index_files(list(DOCUMENTS))


def test_files_are_named_by_their_content_so_only_changed_ones_get_new_names():
    """A cached manifest never pairs with another build's files, and an unchanged file keeps its name."""
    pages = [SearchDocument(f"papers/p{n}/", f"Paper {n}", f"Plans for paper {n}.") for n in range(3 * DOCUMENTS_PER_CHUNK)]
    before = Index(search_index_files(pages))
    edited = [*pages[:-1], SearchDocument(pages[-1].location, pages[-1].title, "Plans for the last paper, edited.")]
    after = Index(search_index_files(edited))
    chunks_before, chunks_after = before.manifest["documents"], after.manifest["documents"]
    assert len(chunks_before) == 3
    assert chunks_after[:2] == chunks_before[:2] and chunks_after[2] != chunks_before[2]
    assert before.manifest["shards"] != after.manifest["shards"]  # "edited" is a new term
    new_shards = [f"{INDEX_FOLDER}/shards/{n}-{name}.json" for n, name in enumerate(after.manifest["shards"])
                  if name not in before.manifest["shards"]]
    assert sorted(set(after.files) - set(before.files)) == sorted([f"{INDEX_FOLDER}/documents/2-{chunks_after[2]}.json", *new_shards])


def test_documents_are_numbered_page_by_page_with_the_page_document_first(index):
    assert [row[0] for row in index.documents] == [document.location for document in DOCUMENTS]
    assert index.manifest["pageSizes"] == [3, 1, 1]
    assert index.manifest["documentCount"] == sum(index.manifest["pageSizes"]) == len(DOCUMENTS)


def test_sections_listed_before_their_page_still_follow_it():
    page, *sections = DOCUMENTS[:3]
    files = search_index_files((*sections, page))
    assert [row[0] for row in Index(files).documents] == [document.location for document in DOCUMENTS[:3]]


def test_a_section_without_its_page_document_is_refused():
    with pytest.raises(ValueError, match="trajectories/a/m/diffusion/"):
        search_index_files(DOCUMENTS[1:3])


def test_two_documents_with_one_location_are_refused():
    with pytest.raises(ValueError, match="papers/diffusion/"):
        search_index_files((*DOCUMENTS, DOCUMENTS[3]))


def test_every_document_is_found_by_every_word_of_its_title(index):
    for number, document in enumerate(DOCUMENTS):
        for term in terms(document.title):
            assert number in index.postings(term), (term, document.location)


def test_postings_list_each_document_of_a_term_once_with_a_weight_in_range(index):
    noise = index.postings("noise")
    assert sorted(noise) == [index.number(DOCUMENTS[0].location), index.number(DOCUMENTS[1].location)]
    assert all(1 <= weight <= MAX_WEIGHT for term_shard in index.shards for term in term_shard for weight in index.postings(term).values())


def test_a_title_word_weighs_more_than_the_same_word_in_a_longer_text(index):
    noise = index.postings("noise")
    assert noise[index.number("trajectories/a/m/diffusion/#ablation-1")] > noise[index.number("trajectories/a/m/diffusion/")]


def test_shorter_texts_weigh_a_word_more():
    short = SearchDocument("a/", "A", "dropout")
    long = SearchDocument("b/", "B", "dropout " + "filler " * 50)
    index = Index(search_index_files((short, long)))
    weights = index.postings("dropout")
    assert weights[0] > weights[1]


def test_documents_keep_location_title_and_their_whole_text_with_whitespace_collapsed(index):
    assert index.documents[1] == ["trajectories/a/m/diffusion/#ablation-1", "Noise level sweep", "Ablated part: noise level. Action: REPLACE."]
    long = SearchDocument("a/", "A", "word\n\n " * 200 + "needle")
    assert Index(search_index_files((long,))).documents[0][2] == " ".join(["word"] * 200 + ["needle"])


def test_documents_are_split_into_chunks_of_the_manifest_size():
    many = [SearchDocument(f"p{n}/", f"Page {n}", "text") for n in range(DOCUMENTS_PER_CHUNK * 2 + 1)]
    index = Index(search_index_files(many))
    assert sum("/documents/" in path for path in index.files) == 3
    assert [row[0] for row in index.documents] == [document.location for document in many]


def test_the_shard_count_grows_with_the_postings():
    def shard_count(pages: int) -> int:
        words = " ".join(f"w{n}" for n in range(200))
        documents = [SearchDocument(f"p{n}/", f"Page {n}", words) for n in range(pages)]
        return json.loads(search_index_files(documents)[f"{INDEX_FOLDER}/manifest.json"])["shardCount"]

    assert shard_count(1) == 1
    small, large = shard_count(POSTINGS_PER_SHARD // 100), shard_count(POSTINGS_PER_SHARD // 10)
    assert 1 < small < large and large >= 8 * small


def test_no_documents_make_an_empty_index():
    index = Index(search_index_files(()))
    assert index.manifest["documentCount"] == 0 and index.shards == [{}]


@pytest.mark.parametrize(("text", "pairs"), [
    ("A warm-up of pre-training and fine-tuning.", [("warm", "up"), ("pre", "training"), ("fine", "tuning")]),
    ("State-of-the-art and x-ray-like words have more than two parts.", []),
    ("Über-Schön, ÉCOLE-normale", [("über", "schön"), ("école", "normale")]),
    ("No hyphen - here, nor -leading or trailing- ones.", []),
])
def test_two_part_hyphenated_words_are_compounds(text, pairs):
    assert compounds(text) == pairs


def test_a_hyphenated_word_is_indexed_joined_and_marked_and_a_plain_word_is_not():
    files = search_index_files([
        SearchDocument("papers/a/", "A", "A linear warm-up."), SearchDocument("papers/b/", "B", "We look into it."),
    ])
    indexed = {term for path, content in files.items() if "/shards/" in path for term in json.loads(content)}
    assert {"warm", "up", "warmup", "-warm-up", "into"} <= indexed
    assert not any(term.startswith("-in") for term in indexed)
