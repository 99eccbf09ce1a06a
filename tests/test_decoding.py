"""Bytes to exact text: byte-order marks, UTF-16, line ends and whole-file mojibake."""

from __future__ import annotations

import re

import pytest

from gen.reading.decoding import decode_trajectory_bytes
from gen.reading.names import model_slug
from tests.conftest import CORPUS, SEEDS, needs_corpus, needs_seeds
from tests.mangling import mojibake_bytes

SAMPLE = "Noise level σ, α = 0.5 — “quoted” café Schrödinger 🧠 📋 ≥ ∑ naïve € ‰\n"


def _original_of(text: str) -> str:
    planner, model, paper = re.search(r"^# (.+)$", text, re.M)[1].split("/")
    return (CORPUS / planner / model_slug(model) / f"{paper}.md").read_text(encoding="utf-8")


@needs_seeds
@needs_corpus
@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*")) if SEEDS.is_dir() else [])
def test_each_seed_is_repaired_to_its_clean_original_exactly(seed):
    decoded = decode_trajectory_bytes((SEEDS / seed).read_bytes())
    assert decoded.problems == ()
    assert decoded.text == _original_of(decoded.text)


@pytest.mark.parametrize(
    "codecs",
    [("cp1252",), ("mac_roman",), ("latin-1",), ("cp1252", "cp1252"), ("mac_roman", "mac_roman"), ("latin-1", "cp1252")],
)
def test_whole_file_mojibake_comes_back_exactly(codecs):
    decoded = decode_trajectory_bytes(mojibake_bytes(SAMPLE, *codecs))
    assert decoded.text == SAMPLE
    assert decoded.steps


def test_cp1252_undefined_bytes_survive_the_round_trip():
    # U+0150 is C5 90 and U+045D is D1 9D in UTF-8: both hit bytes cp1252 leaves undefined.
    text = "Ő and ѝ and Ł (C5 81) and ŏ (C5 8F) and ō (C5 8D)\n"
    assert decode_trajectory_bytes(mojibake_bytes(text, "cp1252")).text == text


def test_clean_text_is_left_alone():
    decoded = decode_trajectory_bytes(SAMPLE.encode("utf-8"))
    assert decoded.text == SAMPLE
    assert decoded.steps == ()


@pytest.mark.parametrize(
    "data, step",
    [
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8 with byte-order mark"),
        (SAMPLE.encode("utf-16"), "with byte-order mark"),
        (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16-be with byte-order mark"),
    ],
)
def test_byte_order_marks_and_utf16(data, step):
    decoded = decode_trajectory_bytes(data)
    assert decoded.text == SAMPLE
    assert any(step in s for s in decoded.steps)


def test_crlf_and_cr_line_ends_become_newlines():
    decoded = decode_trajectory_bytes(SAMPLE.replace("\n", "\r\n").encode("utf-8") + b"a\rb")
    assert decoded.text == SAMPLE + "a\nb"


def test_invalid_utf8_is_reported_and_shown_as_replacement_characters():
    decoded = decode_trajectory_bytes(b"good \xff\xfe\xfd bad")
    assert decoded.text.startswith("good ") and "\ufffd" in decoded.text and decoded.text.endswith(" bad")
    assert any("not valid utf-8" in p for p in decoded.problems)


def test_binary_data_is_reported():
    decoded = decode_trajectory_bytes(bytes(range(256)) * 4)
    assert decoded.problems


@needs_corpus
def test_no_clean_corpus_file_is_altered_by_repair():
    altered = [
        path.name
        for path in sorted(CORPUS.rglob("*.md"))
        if decode_trajectory_bytes(path.read_bytes()).text != path.read_text(encoding="utf-8")
    ]
    assert altered == []


@needs_corpus
@pytest.mark.parametrize("codec", ["cp1252", "mac_roman", "latin-1"])
def test_corpus_files_mangled_by_each_code_page_come_back_exactly(codec):
    paths = sorted(CORPUS.rglob("*.md"))[::40]
    wrong = [p.name for p in paths if decode_trajectory_bytes(mojibake_bytes(p.read_text(encoding="utf-8"), codec)).text != p.read_text(encoding="utf-8")]
    assert wrong == []
