"""Bad input at the reader: every file ends up as a record or in a diagnostic naming it, no text is lost."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import gen.reading.corpus as corpus_module
from gen.reading.corpus import load_corpus
from gen.reading.names import page_key
from gen.reading.reader import read_trajectory
from gen.records import Diagnostic
from tests.bad_inputs import (
    CLEAN,
    DIFFERING_DUPLICATES,
    DUPLICATED,
    IDENTICAL_COPIES,
    TRAVERSAL_FILES,
    BadFile,
    clean_text,
    malformed_files,
    markup_file,
    well_encoded_files,
    write_folder,
)


def record_text(value: object) -> str:
    """Every piece of text a record holds, one per line."""
    if isinstance(value, str):
        return value
    if dataclasses.is_dataclass(value):
        return "\n".join(record_text(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, tuple):
        return "\n".join(record_text(item) for item in value)
    return ""


def problems_of(corpus, path: str) -> list[str]:
    return [d.message for d in corpus.diagnostics if d.source == path]


@pytest.mark.parametrize("bad_file", malformed_files() + well_encoded_files(), ids=lambda f: f.path)
def test_each_file_gives_a_record_and_a_diagnostic_naming_it(tmp_path, bad_file: BadFile):
    corpus = load_corpus(write_folder(tmp_path, [bad_file]))
    assert all(d.source == bad_file.path for d in corpus.diagnostics)
    problems = problems_of(corpus, bad_file.path)
    if bad_file.problem is None:
        assert problems == []
    else:
        assert any(bad_file.problem in problem for problem in problems), problems
    [trajectory] = corpus.trajectories
    missing = [text for text in bad_file.shown if text not in record_text(trajectory)]
    assert missing == []


@pytest.mark.parametrize("bad_file", well_encoded_files(), ids=lambda f: f.path)
def test_every_supported_encoding_reads_to_the_clean_record(bad_file: BadFile):
    paper = bad_file.path.rsplit("/", 1)[1].removesuffix(".md")
    clean, _ = read_trajectory(clean_text(paper).encode("utf-8"), bad_file.path)
    repaired, problems = read_trajectory(bad_file.data, bad_file.path)
    assert problems == []
    assert repaired == clean


def test_differing_duplicates_are_both_kept_on_distinct_pages(tmp_path):
    corpus = load_corpus(write_folder(tmp_path, list(DIFFERING_DUPLICATES)))
    keys = {page_key(t.identity) for t in corpus.trajectories}
    assert len(corpus.trajectories) == 2 and len(keys) == 2
    assert {t.reasoning for t in corpus.trajectories} == {"The first version.", "The second version."}
    first, second = DIFFERING_DUPLICATES
    assert problems_of(corpus, first.path) == []
    [problem] = problems_of(corpus, second.path)
    assert "but differs" in problem and first.path in problem


def test_identical_copies_are_built_once_and_reported_once(tmp_path):
    corpus = load_corpus(write_folder(tmp_path, list(IDENTICAL_COPIES)))
    original, copy = IDENTICAL_COPIES
    [trajectory] = corpus.trajectories
    assert trajectory.source == original.path
    assert problems_of(corpus, copy.path) == [f"identical copy of {original.path}; built once"]
    assert sum("unknown action" in d.message for d in corpus.diagnostics) == 1


def test_a_copy_of_the_second_version_is_a_copy_not_a_third_version(tmp_path):
    first, second = DIFFERING_DUPLICATES
    copy_of_second = BadFile(f"lm-planner/gpt-4o/{DUPLICATED}.zz.md", second.data, None)
    corpus = load_corpus(write_folder(tmp_path, [first, second, copy_of_second]))
    assert len(corpus.trajectories) == 2
    assert problems_of(corpus, copy_of_second.path) == [f"identical copy of {second.path}; built once"]


def test_differing_duplicates_with_very_long_names_get_distinct_pages(tmp_path):
    paper = "A_Very_Long_Paper_Name_" * 12
    files = [BadFile(f"p/m/{n}.md", clean_text(paper, reasoning=f"Version {n}.").encode(), None) for n in range(3)]
    corpus = load_corpus(write_folder(tmp_path, files))
    keys = {page_key(t.identity) for t in corpus.trajectories}
    assert len(keys) == 3
    assert all(len(segment.encode()) <= 150 for key in keys for segment in key)


@pytest.mark.parametrize("bad_file", [markup_file(), *TRAVERSAL_FILES], ids=lambda f: f.path)
def test_unsafe_names_are_reported_and_made_safe_path_segments(tmp_path, bad_file: BadFile):
    corpus = load_corpus(write_folder(tmp_path, [bad_file]))
    assert any("unsafe in a URL" in problem for problem in problems_of(corpus, bad_file.path))
    [trajectory] = corpus.trajectories
    for segment in page_key(trajectory.identity):
        assert segment not in {"", ".", ".."}
        assert not set(segment) & set("/\\<>\"'%&:")


def test_identity_keeps_markup_and_slashes_of_the_paper_name():
    trajectory, _ = read_trajectory(markup_file().data, "markup/everywhere.md")
    assert trajectory.identity.paper.startswith("</title><script>")


def test_text_anywhere_outside_the_format_is_kept():
    reasoning_box = '<div style="x" class="trajectory-box"> on the div line\n\n<h2>Reasoning Trace</h2> after the title\nReasoning.\n'
    text = "\n".join(
        [
            "<style>p { color: red; }</style> after the style",
            "# lm-planner/gpt-4o/Paper",
            reasoning_box + "<div class=inner>\nnested div text\n</div>\nafter the nested div\n</div>",
            "between the boxes",
            "<div>\n<h2>Ablation Plan</h2>\n### Name\n- **Action**: ADD\n</div>",
            "<div>\n<h2>Notes</h2>\nan unexpected box\n</div>",
            "<style>",
            "an unclosed style",
            "# a second heading",
            "after everything",
        ]
    )
    trajectory, problems = read_trajectory(text.encode(), "lm-planner/gpt-4o/Paper.md")
    kept = record_text(trajectory)
    for piece in ("after the style", "on the div line", "after the title", "nested div text", "after the nested div",
                  "between the boxes", "Notes", "an unexpected box", "an unclosed style", "# a second heading", "after everything"):
        assert piece in kept
    assert "nested div text" in trajectory.reasoning and "after the nested div" in trajectory.reasoning
    assert [a.name for a in trajectory.ablations] == ["Name"]
    assert any("unexpected box 'Notes'" in p.message for p in problems)


def test_an_unusable_identity_heading_is_kept_as_unstructured_text():
    trajectory, problems = read_trajectory(clean_text("P").replace("# lm-planner/gpt-4o/P", "# Just a title").encode(), "p/m/P.md")
    assert "# Just a title" in trajectory.unstructured
    assert (trajectory.identity.planner, trajectory.identity.model, trajectory.identity.paper) == ("p", "m", "P")
    assert any("'Just a title'" in p.message for p in problems)


@pytest.mark.parametrize("heading, name", [("### C#", "C#"), ("### Name ###", "Name"), ("### F# vs C# ##  ", "F# vs C#"), ("### ###", "")])
def test_ablation_names_keep_their_own_hashes(heading, name):
    text = clean_text("P").replace("### Noise level", heading)
    trajectory, _ = read_trajectory(text.encode(), "p/m/P.md")
    assert trajectory.ablations[0].name == name


def test_control_characters_are_reported_and_replaced():
    text = clean_text("P").replace("Then the smoothing.", "Then \x1b[31mthe\x07 smoothing.")
    trajectory, problems = read_trajectory(text.encode(), "p/m/P.md")
    assert "Then \ufffd[31mthe\ufffd smoothing." in trajectory.reasoning
    assert any("2 control character(s)" in p.message for p in problems)


def test_a_very_long_line_is_quoted_briefly_and_every_diagnostic_is_one_line():
    heading = "not an identity " + "x" * 5000 + " tail-of-the-heading"
    text = clean_text("P").replace("# lm-planner/gpt-4o/P", f"# {heading}").replace("### Noise level", "### Noise\tlevel\x0b")
    _, problems = read_trajectory(text.encode(), "odd\nname.md")
    lines = [str(problem) for problem in problems]
    assert lines and all("\n" not in line and len(line) < 300 for line in lines)
    assert any("tail-of-the-heading" in line for line in lines)
    assert str(Diagnostic("odd\nname.md", "problem")) == "'odd\\nname.md': problem"


def test_files_the_build_does_not_read_are_named(tmp_path):
    folder = write_folder(tmp_path / "in", [BadFile("p/m/Paper.md", clean_text("Paper").encode(), None)])
    (folder / "p/m/Paper.json").write_text("{}")
    (folder / "p/m/Upper.MD").write_bytes(clean_text("Upper").encode())
    (folder / "p/m/.hidden.md").write_text("editor swap file")
    (folder / ".git").mkdir()
    (folder / ".git/HEAD.md").write_text("not a trajectory")
    (folder / "p/m/dangling.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "elsewhere").mkdir()
    (folder / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (folder / "papers.yml").write_text("paper: [unclosed\n  title: x\n")
    corpus = load_corpus(folder)
    assert {t.identity.paper for t in corpus.trajectories} == {"Paper", "Upper"}
    named = {d.source for d in corpus.diagnostics}
    assert named == {"p/m/Paper.json", "p/m/dangling.md", "linked", "papers.yml"}
    assert all("\n" not in str(d) for d in corpus.diagnostics)


def test_links_that_loop_are_named_not_followed(tmp_path):
    folder = write_folder(tmp_path / "in", [BadFile("p/m/Paper.md", clean_text("Paper").encode(), None)])
    (folder / "p/m/loop").symlink_to(folder / "p/m/loop")
    (folder / "p/m/loop.md").symlink_to(folder / "p/m/loop.md")
    corpus = load_corpus(folder)
    assert [t.identity.paper for t in corpus.trajectories] == ["Paper"]
    reasons = {d.source: d.message for d in corpus.diagnostics}
    assert reasons == {"p/m/loop": "not read: trajectories are .md or .txt files", "p/m/loop.md": "not read: not a regular file"}


def test_a_folder_that_cannot_be_read_is_named(tmp_path, monkeypatch):
    """Permissions do not stop root, who runs CI, so the refusal is simulated."""
    folder = write_folder(tmp_path / "in", [BadFile("p/m/Paper.md", clean_text("Paper").encode(), None),
                                            BadFile("p/locked/Other.md", clean_text("Other").encode(), None)])
    scandir = corpus_module.os.scandir

    def refusing_scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(corpus_module.os, "scandir", refusing_scandir)
    corpus = load_corpus(folder)
    assert [t.identity.paper for t in corpus.trajectories] == ["Paper"]
    assert [str(d) for d in corpus.diagnostics] == ["p/locked: folder could not be read: Permission denied"]


def test_a_folder_named_like_the_metadata_file_is_read(tmp_path):
    folder = write_folder(tmp_path / "in", [BadFile("papers.yml/p/m/Paper.md", clean_text("Paper").encode(), None)])
    corpus = load_corpus(folder)
    assert [t.source for t in corpus.trajectories] == ["papers.yml/p/m/Paper.md"]


def test_a_missing_folder_is_a_diagnostic(tmp_path):
    corpus = load_corpus(tmp_path / "absent")
    assert corpus.trajectories == [] and len(corpus.diagnostics) == 1


def test_a_clean_trajectory_has_no_problems():
    trajectory, problems = read_trajectory(clean_text(CLEAN.identity.paper).encode(), "x.md")
    assert problems == []
    assert trajectory == CLEAN



def test_unsafe_names_taken_from_the_path_are_reported_too(tmp_path):
    bad_file = BadFile("lm-planner/gpt-4o/<img src=x> paper.md", b"", "unsafe in a URL")
    corpus = load_corpus(write_folder(tmp_path, [bad_file]))
    assert any("paper name '<img src=x> paper'" in problem for problem in problems_of(corpus, bad_file.path))
