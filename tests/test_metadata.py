"""papers.yml and leaderboard.yml as validated input: each mistake is one diagnostic, the valid rest is used."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gen.reading.corpus import Corpus, load_corpus
from gen.reading.metadata import (
    LEADERBOARD_FILE,
    PAPER_METADATA_FILE,
    TASKS,
    Leaderboard,
    PaperMetadata,
    SystemScores,
    read_leaderboard,
    read_paper_metadata,
)
from gen.papers_skeleton import papers_skeleton
from gen.records import Diagnostic, Identity, Trajectory
from tests.bad_inputs import BadFile, clean_text, write_folder
from tests.conftest import CORPUS, needs_corpus

PAPERS = ("dit", "owod")
VALID_SYSTEM = "{planner: lm-planner, model: o3-mini, scores: {overall: 0.29}}"


def written(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return folder


def papers_of(folder: Path, text: str | bytes, names=PAPERS) -> tuple[dict[str, PaperMetadata], list[Diagnostic]]:
    return read_paper_metadata(written(folder, PAPER_METADATA_FILE, text), names)


def leaderboard_of(folder: Path, text: str | bytes) -> tuple[Leaderboard | None, list[Diagnostic]]:
    return read_leaderboard(written(folder, LEADERBOARD_FILE, text))


def the_one_message(diagnostics: list[Diagnostic], source: str, *named: str) -> str:
    """The only diagnostic's message, after checking it is about ``source`` and names each of ``named``."""
    assert len(diagnostics) == 1, diagnostics
    (diagnostic,) = diagnostics
    assert diagnostic.source == source
    for part in named:
        assert part in diagnostic.message, (part, diagnostic.message)
    return diagnostic.message


# papers.yml


def test_every_field_of_a_valid_entry_is_read(tmp_path):
    papers, problems = papers_of(tmp_path, (
        "dit:\n  title: Scalable Diffusion Models with Transformers\n  venue: ICCV 2023\n"
        "  link: https://arxiv.org/abs/2212.09748\n  task: AuthorAblation\nowod: {task: ReviewerAblation}\n"
    ))
    assert problems == []
    assert papers == {
        "dit": PaperMetadata("Scalable Diffusion Models with Transformers", "ICCV 2023", "https://arxiv.org/abs/2212.09748", "AuthorAblation"),
        "owod": PaperMetadata(task="ReviewerAblation"),
    }


def test_a_paper_no_trajectory_names_is_reported_and_not_used(tmp_path):
    papers, problems = papers_of(tmp_path, "dti: {title: Misspelt}\ndit: {title: Kept}\n")
    message = the_one_message(problems, PAPER_METADATA_FILE, "paper 'dti'", "no trajectory names this paper")
    assert message.endswith("entry not used")
    assert papers == {"dit": PaperMetadata(title="Kept")}


def test_an_unknown_field_is_reported_and_the_known_ones_used(tmp_path):
    papers, problems = papers_of(tmp_path, "dit: {title: Kept, colour: red}\n")
    message = the_one_message(problems, PAPER_METADATA_FILE, "paper 'dit'", "field 'colour'", "unknown field")
    assert "title, venue, link, task" in message and message.endswith("ignored")
    assert papers == {"dit": PaperMetadata(title="Kept")}


@pytest.mark.parametrize(("value", "kind"), [
    ("[1, 2]", "a list"), ("{a: 1}", "a mapping"), ("true", "a boolean"), ("no", "a boolean"),
    ("null", "empty"), ("2023-06-01", "a date"), ("3.5", "a number"),
])
def test_a_title_of_the_wrong_type_is_reported_and_not_made_text(tmp_path, value, kind):
    papers, problems = papers_of(tmp_path, f"dit: {{title: {value}, venue: ICCV}}\n")
    message = the_one_message(problems, PAPER_METADATA_FILE, "paper 'dit'", "field 'title'", f"must be text, not {kind}")
    assert message.endswith("ignored")
    assert papers == {"dit": PaperMetadata(venue="ICCV")}


def test_a_whole_number_is_text_as_written(tmp_path):
    assert papers_of(tmp_path, "dit: {title: 1984}\n") == ({"dit": PaperMetadata(title="1984")}, [])


def test_an_empty_title_is_reported(tmp_path):
    papers, problems = papers_of(tmp_path, "dit: {title: '  ', task: AuthorAblation}\n")
    the_one_message(problems, PAPER_METADATA_FILE, "paper 'dit'", "field 'title'", "empty")
    assert papers == {"dit": PaperMetadata(task="AuthorAblation")}


def test_a_task_that_is_not_an_ablationbench_task_is_reported(tmp_path):
    papers, problems = papers_of(tmp_path, "dit: {title: Kept, task: Author}\n")
    message = the_one_message(problems, PAPER_METADATA_FILE, "paper 'dit'", "field 'task'", "'Author' is not a task")
    assert all(task in message for task in TASKS)
    assert papers == {"dit": PaperMetadata(title="Kept")}


def test_a_link_that_is_not_a_web_address_is_reported(tmp_path):
    papers, problems = papers_of(tmp_path, "dit: {title: Kept, link: 'javascript:alert(1)'}\n")
    the_one_message(problems, PAPER_METADATA_FILE, "paper 'dit'", "field 'link'", "'javascript:alert(1)'", "http(s)")
    assert papers == {"dit": PaperMetadata(title="Kept")}


def test_an_entry_that_is_not_a_mapping_is_reported_and_the_others_used(tmp_path):
    papers, problems = papers_of(tmp_path, "dit: Scalable Diffusion Models\nowod: {title: Kept}\n")
    message = the_one_message(problems, PAPER_METADATA_FILE, "paper 'dit'", "must be a mapping", "not text")
    assert message.endswith("entry not used")
    assert papers == {"owod": PaperMetadata(title="Kept")}


def test_a_paper_listed_without_fields_is_no_mistake(tmp_path):
    assert papers_of(tmp_path, "dit:\nowod: {}\n") == ({"dit": PaperMetadata(), "owod": PaperMetadata()}, [])


def test_a_paper_name_that_is_not_text_is_reported(tmp_path):
    papers, problems = papers_of(tmp_path, "true: {title: x}\ndit: {title: Kept}\n")
    the_one_message(problems, PAPER_METADATA_FILE, "paper true", "must be text, not a boolean")
    assert papers == {"dit": PaperMetadata(title="Kept")}


def test_a_paper_written_twice_is_reported_with_its_lines_and_the_last_used(tmp_path):
    papers, problems = papers_of(tmp_path, "dit: {title: First}\nowod: {}\ndit: {title: Last}\n")
    the_one_message(problems, PAPER_METADATA_FILE, "paper 'dit'", "written twice (lines 1 and 3)", "the last is used")
    assert papers["dit"] == PaperMetadata(title="Last")


def test_a_field_written_twice_is_reported(tmp_path):
    papers, problems = papers_of(tmp_path, "dit:\n  title: First\n  title: Last\n  task: AuthorAblation\n")
    the_one_message(problems, PAPER_METADATA_FILE, "paper 'dit'", "field 'title'", "written twice (lines 2 and 3)")
    assert papers == {"dit": PaperMetadata(title="Last", task="AuthorAblation")}


def test_merged_fields_are_not_mistaken_for_repeats(tmp_path):
    text = "defaults: &defaults {task: AuthorAblation}\ndit: {<<: *defaults, title: Kept}\n"
    papers, problems = papers_of(tmp_path, text, names=("dit", "defaults"))
    assert problems == [] and papers["dit"] == PaperMetadata(title="Kept", task="AuthorAblation")


def test_a_top_level_that_is_not_a_mapping_is_reported(tmp_path):
    papers, problems = papers_of(tmp_path, "- dit\n- owod\n")
    the_one_message(problems, PAPER_METADATA_FILE, "must map paper names", "not a list", "not used")
    assert papers == {}


def test_file_text_in_messages_is_quoted_on_one_line(tmp_path):
    _, problems = papers_of(tmp_path, 'dit: {task: "Author\\nAblation"}\n"x\\ny": {}\n')
    assert len(problems) == 2
    assert all("\n" not in str(problem) for problem in problems)
    assert any("'Author\\nAblation'" in problem.message for problem in problems)


# leaderboard.yml

LEADERBOARD = """\
metric: F1
systems:
  - {planner: lm-planner, model: gpt-4o, scores: {overall: 0.31, AuthorAblation: 0.34, ReviewerAblation: 0.27}}
  - planner: agent-planner
    model: claude-3.5-sonnet
    scores: {ReviewerAblation: 0.25, overall: 1}
"""


def test_a_valid_leaderboard_is_read_in_file_order(tmp_path):
    leaderboard, problems = leaderboard_of(tmp_path, LEADERBOARD)
    assert problems == []
    assert leaderboard == Leaderboard("F1", (
        SystemScores("lm-planner", "gpt-4o", (("overall", 0.31), ("AuthorAblation", 0.34), ("ReviewerAblation", 0.27))),
        SystemScores("agent-planner", "claude-3.5-sonnet", (("ReviewerAblation", 0.25), ("overall", 1.0))),
    ))
    second = leaderboard.systems[1]
    assert second.score("overall") == 1.0 and second.score("AuthorAblation") is None


def test_an_unknown_top_level_field_is_reported(tmp_path):
    leaderboard, problems = leaderboard_of(tmp_path, "note: hello\n" + LEADERBOARD)
    message = the_one_message(problems, LEADERBOARD_FILE, "field 'note'", "unknown field (known: metric, systems)")
    assert message.endswith("ignored")
    assert leaderboard == leaderboard_of(tmp_path / "clean", LEADERBOARD)[0]


def test_an_unknown_system_field_is_reported_and_the_system_used(tmp_path):
    leaderboard, problems = leaderboard_of(tmp_path, "metric: F1\nsystems:\n  - {planner: p, model: m, rank: 1, scores: {overall: 0.3}}\n")
    the_one_message(problems, LEADERBOARD_FILE, "system 'p/m'", "field 'rank'", "unknown field")
    assert leaderboard.systems == (SystemScores("p", "m", (("overall", 0.3),)),)


def test_an_unknown_score_is_reported_and_the_others_used(tmp_path):
    leaderboard, problems = leaderboard_of(tmp_path, "metric: F1\nsystems:\n  - {planner: p, model: m, scores: {Overall: 0.3, AuthorAblation: 0.4}}\n")
    message = the_one_message(problems, LEADERBOARD_FILE, "system 'p/m'", "score 'Overall'", "unknown score")
    assert all(key in message for key in ("overall", *TASKS))
    assert leaderboard.systems[0].scores == (("AuthorAblation", 0.4),)


@pytest.mark.parametrize(("value", "shown"), [
    ("high", "'high'"), ("true", "true"), (".nan", "nan"), ("-.inf", "-inf"), ("[0.3]", "a list"), ("null", "empty"),
])
def test_a_score_that_is_not_a_number_is_reported_and_the_others_used(tmp_path, value, shown):
    text = f"metric: F1\nsystems:\n  - {{planner: lm-planner, model: gpt-4o, scores: {{overall: {value}, AuthorAblation: 0.34}}}}\n"
    leaderboard, problems = leaderboard_of(tmp_path, text)
    message = the_one_message(problems, LEADERBOARD_FILE, "system 'lm-planner/gpt-4o'", "score 'overall'", f"{shown} is not a number")
    assert message.endswith("ignored")
    assert leaderboard.systems == (SystemScores("lm-planner", "gpt-4o", (("AuthorAblation", 0.34),)),)


def test_a_system_with_no_usable_score_is_left_out(tmp_path):
    leaderboard, problems = leaderboard_of(tmp_path, f"metric: F1\nsystems:\n  - {{planner: p, model: m, scores: {{}}}}\n  - {VALID_SYSTEM}\n")
    the_one_message(problems, LEADERBOARD_FILE, "system 'p/m'", "field 'scores'", "no usable score", "system ignored")
    assert [system.model for system in leaderboard.systems] == ["o3-mini"]


def test_a_system_listed_twice_is_reported_and_the_first_used(tmp_path):
    text = f"metric: F1\nsystems:\n  - {VALID_SYSTEM}\n  - {VALID_SYSTEM.replace('0.29', '0.99')}\n"
    leaderboard, problems = leaderboard_of(tmp_path, text)
    the_one_message(problems, LEADERBOARD_FILE, "system 'lm-planner/o3-mini'", "listed twice (systems 1 and 2)", "system 2 ignored")
    assert leaderboard.systems == (SystemScores("lm-planner", "o3-mini", (("overall", 0.29),)),)


@pytest.mark.parametrize(("entry", "field", "problem"), [
    ("{model: m, scores: {overall: 0.3}}", "planner", "missing"),
    ("{planner: p, scores: {overall: 0.3}}", "model", "missing"),
    ("{planner: [p], model: m, scores: {overall: 0.3}}", "planner", "must be text, not a list"),
    ("{planner: p, model: '', scores: {overall: 0.3}}", "model", "empty"),
])
def test_a_system_without_its_names_is_named_by_number_and_left_out(tmp_path, entry, field, problem):
    leaderboard, problems = leaderboard_of(tmp_path, f"metric: F1\nsystems:\n  - {VALID_SYSTEM}\n  - {entry}\n")
    the_one_message(problems, LEADERBOARD_FILE, f"system 2, field '{field}': {problem}", "system ignored")
    assert [system.model for system in leaderboard.systems] == ["o3-mini"]


@pytest.mark.parametrize(("scores", "problem"), [("", "missing"), (", scores: [0.3]", "must be a mapping of overall, AuthorAblation, ReviewerAblation, not a list")])
def test_a_system_without_a_scores_mapping_is_left_out(tmp_path, scores, problem):
    leaderboard, problems = leaderboard_of(tmp_path, f"metric: F1\nsystems:\n  - {{planner: p, model: m{scores}}}\n  - {VALID_SYSTEM}\n")
    the_one_message(problems, LEADERBOARD_FILE, "system 'p/m'", f"field 'scores': {problem}", "system ignored")
    assert len(leaderboard.systems) == 1


def test_a_system_that_is_not_a_mapping_is_reported(tmp_path):
    leaderboard, problems = leaderboard_of(tmp_path, f"metric: F1\nsystems:\n  - lm-planner/gpt-4o\n  - {VALID_SYSTEM}\n")
    the_one_message(problems, LEADERBOARD_FILE, "system 1", "must be a mapping", "not text")
    assert len(leaderboard.systems) == 1


def test_a_score_written_twice_is_reported(tmp_path):
    leaderboard, problems = leaderboard_of(tmp_path, "metric: F1\nsystems:\n  - planner: p\n    model: m\n    scores:\n      overall: 0.1\n      overall: 0.2\n")
    the_one_message(problems, LEADERBOARD_FILE, "system 'p/m'", "score 'overall'", "written twice (lines 6 and 7)")
    assert leaderboard.systems[0].scores == (("overall", 0.2),)


@pytest.mark.parametrize(("metric", "problem"), [("", "missing"), ("metric: [F1]\n", "must be text, not a list")])
def test_a_leaderboard_without_a_metric_labels_its_scores_plainly(tmp_path, metric, problem):
    leaderboard, problems = leaderboard_of(tmp_path, f"{metric}systems:\n  - {VALID_SYSTEM}\n")
    the_one_message(problems, LEADERBOARD_FILE, f"field 'metric': {problem}", "'score'")
    assert leaderboard == Leaderboard("score", (SystemScores("lm-planner", "o3-mini", (("overall", 0.29),)),))


@pytest.mark.parametrize(("systems", "problem"), [
    ("", "field 'systems': missing"), ("systems: []\n", "lists no systems"), ("systems: {a: 1}\n", "must be a list of systems, not a mapping"),
])
def test_a_leaderboard_without_systems_is_not_used(tmp_path, systems, problem):
    leaderboard, problems = leaderboard_of(tmp_path, f"metric: F1\n{systems}")
    the_one_message(problems, LEADERBOARD_FILE, problem, "no leaderboard")
    assert leaderboard is None


def test_a_leaderboard_that_is_not_a_mapping_is_reported(tmp_path):
    leaderboard, problems = leaderboard_of(tmp_path, f"- {VALID_SYSTEM}\n")
    the_one_message(problems, LEADERBOARD_FILE, "must be a mapping of metric, systems", "not a list", "not used")
    assert leaderboard is None


# Either file


def read_either(folder: Path, name: str):
    return read_paper_metadata(folder, PAPERS) if name == PAPER_METADATA_FILE else read_leaderboard(folder)


def nothing_read(name: str):
    return {} if name == PAPER_METADATA_FILE else None


BOTH = pytest.mark.parametrize("name", [PAPER_METADATA_FILE, LEADERBOARD_FILE])


def test_absent_files_are_no_mistake(tmp_path):
    assert read_paper_metadata(tmp_path, PAPERS) == ({}, [])
    assert read_leaderboard(tmp_path) == (None, [])


@BOTH
def test_an_empty_file_is_no_mistake(tmp_path, name):
    written(tmp_path, name, "# nothing yet\n")
    assert read_either(tmp_path, name) == (nothing_read(name), [])


@BOTH
def test_a_folder_with_the_file_name_is_reported(tmp_path, name):
    (tmp_path / name).mkdir()
    data, problems = read_either(tmp_path, name)
    the_one_message(problems, name, "could not be read", "not used")
    assert data == nothing_read(name)


@BOTH
def test_invalid_utf8_is_reported(tmp_path, name):
    text = b"# Latin-1, not UTF-8\ndit: {title: caf\xe9}\n"
    written(tmp_path, name, text)
    data, problems = read_either(tmp_path, name)
    line = text[:text.index(b"\xe9")].count(b"\n") + 1
    the_one_message(problems, name, "not UTF-8 text", "0xe9", f"line {line}", "not used")
    assert data == nothing_read(name)


@BOTH
@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not stop root from reading")
def test_a_file_without_read_permission_is_reported(tmp_path, name):
    path = written(tmp_path, name, "metric: F1\n") / name
    path.chmod(0)
    try:
        data, problems = read_either(tmp_path, name)
    finally:
        path.chmod(0o644)
    the_one_message(problems, name, "could not be read: Permission denied", "not used")
    assert data == nothing_read(name)


@BOTH
def test_a_refused_read_is_reported(tmp_path, name, monkeypatch):
    """The chmod test skips under root, who runs CI, so the refusal is also simulated."""
    written(tmp_path, name, "metric: F1\n")
    read_bytes = Path.read_bytes

    def refusing_read_bytes(path: Path) -> bytes:
        if path.name == name:
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refusing_read_bytes)
    data, problems = read_either(tmp_path, name)
    the_one_message(problems, name, "could not be read: Permission denied", "not used")
    assert data == nothing_read(name)


@BOTH
def test_a_link_that_leads_nowhere_is_reported(tmp_path, name):
    (tmp_path / name).symlink_to(tmp_path / "nowhere.yml")
    the_one_message(read_either(tmp_path, name)[1], name, "could not be read")


@BOTH
@pytest.mark.parametrize(("text", "where"), [
    ("dit: [unclosed\n", "line 2"), ("dit:\n\ttitle: x\n", "line 2, column 1"), ("dit: *nowhere\n", "undefined alias"),
    ("a: 1\n---\nb: 2\n", "another document"), ("dit: !!python/object:os.system {}\n", "line 1"), ("[" * 5000, "nest"),
    ("dit: {venue: 2024-13-45}\n", "a value could not be read ('month must be in 1..12')"),
])
def test_text_that_is_not_yaml_is_reported_where_it_goes_wrong(tmp_path, name, text, where):
    written(tmp_path, name, text)
    data, problems = read_either(tmp_path, name)
    the_one_message(problems, name, "YAML", where, "not used")
    assert data == nothing_read(name)


YAML_PIECES = [
    "dit", "owod", "title", "task", "venue", "link", "metric", "systems", "planner", "model", "scores", "overall",
    *TASKS, ":", ": ", "\n", "\n  ", "\n    ", "- ", "[", "]", "{", "}", ",", "? ", "&a ", "*a", "<<: ", "!!binary ", "!!set ",
    "!!int ", "!!float ", "!!timestamp ", "!!omap ", "!!python/name:os.system ", "2024-13-45", "1" * 5000, "0b" + "1" * 20000,
    ".nan", ".inf", "1e400", "true", "null", "~", "'", '"', "#", "|", ">", "---", "...", "\t", "\ufeff", "\x00", "\udcff", "0.3",
]
yaml_like_text = st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=yaml_like_text)
def test_no_text_makes_reading_fail(tmp_path, text):
    """Whatever a metadata file holds, reading it gives metadata and one-line diagnostics, never an exception."""
    for name in (PAPER_METADATA_FILE, LEADERBOARD_FILE):
        written(tmp_path, name, text.encode("utf-8", "surrogateescape"))
        _, problems = read_either(tmp_path, name)
        assert all(problem.source == name and "\n" not in str(problem) for problem in problems)


# In the corpus


def trajectory_file(model: str, paper: str) -> BadFile:
    return BadFile(f"lm-planner/{model}/{paper}.md", clean_text(paper).encode(), None)


def test_load_corpus_reads_both_files_with_the_papers_of_its_trajectories(tmp_path):
    folder = write_folder(tmp_path / "in", [trajectory_file("gpt-4o", "dit")])
    written(folder, PAPER_METADATA_FILE, "dit: {task: AuthorAblation}\nowod: {task: AuthorAblation}\n")
    written(folder, LEADERBOARD_FILE, f"metric: F1\nsystems:\n  - {VALID_SYSTEM}\n")
    corpus = load_corpus(folder)
    assert corpus.papers == {"dit": PaperMetadata(task="AuthorAblation")}
    assert corpus.leaderboard == Leaderboard("F1", (SystemScores("lm-planner", "o3-mini", (("overall", 0.29),)),))
    assert [str(d) for d in corpus.diagnostics] == ["papers.yml: paper 'owod': no trajectory names this paper; entry not used"]


def test_the_leaderboard_beside_the_trajectories_is_read_not_reported(tmp_path):
    folder = write_folder(tmp_path / "in", [trajectory_file("gpt-4o", "dit")])
    written(folder, LEADERBOARD_FILE, f"metric: F1\nsystems:\n  - {VALID_SYSTEM}\n")
    written(folder / "lm-planner", LEADERBOARD_FILE, "metric: F1\n")
    corpus = load_corpus(folder)
    assert [str(d) for d in corpus.diagnostics] == ["lm-planner/leaderboard.yml: not read: trajectories are .md or .txt files"]
    assert corpus.leaderboard is not None


def test_a_folder_named_like_the_leaderboard_is_read_and_reported(tmp_path):
    folder = write_folder(tmp_path / "in", [BadFile(f"{LEADERBOARD_FILE}/p/m/Paper.md", clean_text("Paper").encode(), None)])
    corpus = load_corpus(folder)
    assert [t.source for t in corpus.trajectories] == [f"{LEADERBOARD_FILE}/p/m/Paper.md"]
    the_one_message(corpus.diagnostics, LEADERBOARD_FILE, "could not be read")


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory) -> Path:
    """The public corpus's trajectories with its two metadata files beside them, as a benchmark would lay them out."""
    if not CORPUS.is_dir():
        pytest.skip(f"the public corpus is not at {CORPUS}")
    folder = tmp_path_factory.mktemp("corpus") / "trajectories"
    shutil.copytree(CORPUS, folder)
    for name in (PAPER_METADATA_FILE, LEADERBOARD_FILE):
        shutil.copy(CORPUS.parent / name, folder / name)
    return folder


@needs_corpus
def test_the_corpus_metadata_reads_without_mistakes(corpus_copy):
    corpus = load_corpus(corpus_copy)
    assert corpus.diagnostics == []
    listed = yaml.safe_load((corpus_copy / PAPER_METADATA_FILE).read_text(encoding="utf-8"))
    assert {name: metadata.task for name, metadata in corpus.papers.items()} == {name: entry["task"] for name, entry in listed.items()}
    assert Counter(metadata.task for metadata in corpus.papers.values()) == {"AuthorAblation": 62, "ReviewerAblation": 300}
    published = yaml.safe_load((corpus_copy / LEADERBOARD_FILE).read_text(encoding="utf-8"))
    assert corpus.leaderboard.metric == published["metric"] == "F1"
    assert [(s.planner, s.model, dict(s.scores)) for s in corpus.leaderboard.systems] == [
        (system["planner"], system["model"], system["scores"]) for system in published["systems"]
    ]
    assert len(corpus.leaderboard.systems) == 8


# The skeleton ``python -m gen papers`` prints


@needs_corpus
def test_the_skeleton_of_the_corpus_reads_back_with_every_field_kept(corpus_copy):
    corpus = load_corpus(corpus_copy)
    skeleton = papers_skeleton(corpus)
    papers, problems = read_paper_metadata(written(corpus_copy.parent / "skeleton", PAPER_METADATA_FILE, skeleton), {t.identity.paper for t in corpus.trajectories})
    assert problems == []
    assert set(papers) == {t.identity.paper for t in corpus.trajectories}
    assert all(papers[name].task == metadata.task for name, metadata in corpus.papers.items())
    assert papers["dit"].title == "Scalable Diffusion Models with Transformers"
    assert "dit:\n  title: Scalable Diffusion Models with Transformers  # quoted by 3 of 5 plans' reasoning; review\n" in skeleton
    graphmae = "GraphMAE: Self-Supervised Masked Graph Autoencoders"
    assert papers["graphmae"].title == graphmae
    assert f"graphmae:\n  title: '{graphmae}'  # quoted by 1 of 5 plans' reasoning, opening with the paper's id; review\n" in skeleton
    align = "Align-VL: Can Being Modest Help in the Alignment of Vision-Language Models?"
    assert papers["Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_"].title == align
    assert f"  title: '{align}'  # the trajectory name, spelled as 3 of 5 plans' reasoning quote it; review\n" in skeleton
    assert papers["ipg"].title is None


def _no_surrogates(text: str) -> bool:
    return not any("\ud800" <= character <= "\udfff" for character in text)


paper_names = st.text(min_size=1, max_size=40).filter(_no_surrogates)
field_texts = st.text(min_size=1, max_size=60).filter(lambda text: text.strip() and _no_surrogates(text))
valid_metadata = st.builds(
    PaperMetadata,
    title=st.none() | field_texts, venue=st.none() | field_texts,
    link=st.none() | field_texts.map(lambda text: "https://" + text), task=st.none() | st.sampled_from(TASKS),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(paper_names, valid_metadata, min_size=1, max_size=5), st.data())
def test_the_skeleton_reads_back_as_the_metadata_it_was_given(tmp_path_factory, papers, data):
    """Whatever the names and values, the printed YAML reads back to the same metadata, without diagnostics."""
    trajectories = [Trajectory("", Identity("p", "m", name), None, None) for name in papers]
    described = {name: value for name, value in papers.items() if data.draw(st.booleans())}
    skeleton = papers_skeleton(Corpus(trajectories=trajectories, papers=described))
    folder = written(tmp_path_factory.mktemp("skeleton"), PAPER_METADATA_FILE, skeleton)
    assert read_paper_metadata(folder, set(papers)) == ({name: described.get(name, PaperMetadata()) for name in papers}, [])
