"""Bad input through a real ``mkdocs build``: the site stays up, shows everything, runs nothing.

One trajectories folder holds every bad file of tests/bad_inputs.py. It is built
twice: plainly (must complete, with a page per file) and with ``--strict`` (must
fail, with one warning line per problem naming the file).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gen.reading.corpus import load_corpus
from tests.bad_inputs import (
    DIFFERING_DUPLICATES,
    DUPLICATED,
    COPIED,
    ESCAPE_MARKER,
    IDENTICAL_COPIES,
    MARKUP_IDENTITY,
    MARKUP_LITERALS,
    PRINTABLE_ASCII_RUN,
    TRAVERSAL_FILES,
    all_files,
    malformed_files,
    markup_file,
    well_encoded_files,
    write_folder,
    XSS_PAPER,
)
from tests.conftest import BUILD_ENV, PROJECT
from tests.site_pages import soup_of

EXECUTABLE_ELEMENTS = ("iframe", "object", "embed", "frame", "frameset", "applet", "base", "form", "img", "script", "style", "link", "meta")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href")


def mkdocs_build(site: Path, trajectories: Path, strict: bool) -> subprocess.CompletedProcess:
    """A real build, not quiet: ``-q`` silences warnings, and ``--strict`` then has none to count."""
    env = dict(os.environ, **BUILD_ENV, TRAJECTORIES_DIR=str(trajectories))
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)] + (["--strict"] if strict else [])
    return subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bad-input")
    write_folder(root / "trajectories", all_files())
    return root


@pytest.fixture(scope="module")
def plain_build(workspace) -> subprocess.CompletedProcess:
    return mkdocs_build(workspace / "out" / "site", workspace / "trajectories", strict=False)


@pytest.fixture(scope="module")
def site(workspace, plain_build) -> Path:
    assert plain_build.returncode == 0, plain_build.stderr
    return workspace / "out" / "site"


@pytest.fixture(scope="module")
def strict_build(workspace) -> subprocess.CompletedProcess:
    return mkdocs_build(workspace / "strict-site", workspace / "trajectories", strict=True)


def warning_lines(build: subprocess.CompletedProcess) -> list[str]:
    return [line for line in build.stderr.splitlines() if line.startswith("WARNING")]


def trajectory_pages(site: Path) -> list[Path]:
    return sorted((site / "trajectories").rglob("index.html"))


def article(page: Path):
    return soup_of(page).select_one("article")


def page_showing(site: Path, text: str) -> list[Path]:
    return [page for page in trajectory_pages(site) if text in article(page).get_text()]


def test_a_plain_build_completes(plain_build, site):
    assert (site / "index.html").is_file()


def test_a_strict_build_fails_with_one_warning_line_per_problem(workspace, strict_build):
    diagnostics = load_corpus(workspace / "trajectories").diagnostics
    assert strict_build.returncode != 0
    warnings = warning_lines(strict_build)
    assert len(warnings) == len(diagnostics)
    unmatched = list(warnings)
    for diagnostic in diagnostics:
        match = next((line for line in unmatched if line.endswith(str(diagnostic))), None)
        assert match is not None, diagnostic
        unmatched.remove(match)
    assert f"Aborted with {len(diagnostics)} warnings" in strict_build.stdout + strict_build.stderr


@pytest.mark.parametrize("bad_file", [f for f in all_files() if f.problem], ids=lambda f: f.path)
def test_each_bad_file_is_named_in_a_warning_saying_what_is_wrong(strict_build, bad_file):
    assert any(bad_file.path in line and bad_file.problem in line for line in warning_lines(strict_build))


@pytest.mark.parametrize("bad_file", malformed_files() + well_encoded_files(), ids=lambda f: f.path)
def test_each_file_has_its_page_at_the_published_url_showing_what_was_read(site, bad_file):
    page = site / bad_file.url / "index.html"
    assert page.is_file()
    text = article(page).get_text()
    missing = [shown for shown in bad_file.shown if shown not in text]
    assert missing == []
    if bad_file.problem:
        assert bad_file.problem in article(page).select_one(".admonition.warning").get_text()


@pytest.mark.parametrize(
    "bad_file",
    [f for f in malformed_files() if any(word in f.problem for word in ("outside the boxes", "not fields", "control character"))],
    ids=lambda f: f.path,
)
def test_raw_text_that_could_not_be_structured_is_in_a_marked_admonition(site, bad_file):
    raw = "\n".join(block.get_text() for block in article(site / bad_file.url / "index.html").select(".admonition.unstructured pre"))
    assert all(shown in raw for shown in bad_file.shown)


def test_a_binary_file_shows_its_readable_bytes_as_text(site):
    [binary] = [f for f in malformed_files() if f.path.endswith("Binary_File.md")]
    raw = article(site / binary.url / "index.html").select_one(".admonition.unstructured pre").get_text()
    assert PRINTABLE_ASCII_RUN in raw and "\ufffd" in raw


def test_differing_duplicates_get_two_pages(site):
    pages = [p for p in trajectory_pages(site) if p.parent.name.startswith(DUPLICATED)]
    assert len(pages) == 2
    shown = {version for version in ("The first version.", "The second version.") for p in pages if version in article(p).get_text()}
    assert len(shown) == 2
    assert all(len(page_showing(site, f.shown[0])) == 1 for f in DIFFERING_DUPLICATES)


def test_identical_copies_get_one_page(site):
    assert [p.parent.name for p in trajectory_pages(site) if p.parent.name.startswith(COPIED)] == [COPIED]
    assert len(page_showing(site, IDENTICAL_COPIES[0].shown[0])) == 1


def _executable_markup(page: Path) -> list[str]:
    """Anything in a page that a browser would run or load because a trajectory said so."""
    found = []
    soup = soup_of(page)
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}>")
            if name.lower() in URL_ATTRIBUTES and re.sub(r"\s", "", str(value)).lower().startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"<{element.name} {name}={value}>")
        if element.name == "script" and "XSS" in element.decode():  # every payload's marker
            found.append(element.decode()[:80])
    content = soup.select_one("article")
    found += [f"<{element.name}> in the article" for element in content.find_all(EXECUTABLE_ELEMENTS)]
    found += [f"style on <{element.name}> in the article" for element in content.select("[style]")]
    return found


def test_no_markup_from_any_trajectory_is_executable_on_any_page(site):
    executable = {str(page.relative_to(site)): found for page in sorted(site.rglob("*.html")) if (found := _executable_markup(page))}
    assert executable == {}


def markup_page(site: Path) -> Path:
    [page] = page_showing(site, "XSSPAPER()")
    return page


def test_markup_tokens_are_shown_as_written(site):
    page = markup_page(site)
    text = article(page).get_text()
    missing = [literal for literal in MARKUP_LITERALS if literal not in text]
    assert missing == []


def test_bare_inline_tags_on_the_allowlist_are_applied(site):
    body = article(markup_page(site))
    assert "2" in [sub.get_text() for sub in body.select("sub")]
    assert "bold" in [b.get_text() for b in body.select("b")]


def test_markup_in_the_identity_is_shown_as_text_in_the_title_and_headings(site):
    soup = soup_of(markup_page(site))
    assert f"# {MARKUP_IDENTITY.planner}/{MARKUP_IDENTITY.model}/{XSS_PAPER}\n" in markup_file().data.decode()
    assert XSS_PAPER in soup.title.get_text()
    assert XSS_PAPER in soup.select_one("article h1").get_text()
    assert MARKUP_IDENTITY.planner in soup.select_one("article").get_text()


def test_no_file_is_written_outside_the_site_folder(workspace, site):
    written = [path for path in workspace.rglob(f"*{ESCAPE_MARKER}*") if not path.is_relative_to(workspace / "trajectories")]
    assert written and all(path.is_relative_to(site) or path.is_relative_to(workspace / "strict-site") for path in written)
    assert list(PROJECT.glob(f"**/*{ESCAPE_MARKER}*")) == []
    assert sorted(p.name for p in (workspace / "out").iterdir()) == ["site"]


@pytest.mark.parametrize("bad_file", TRAVERSAL_FILES, ids=lambda f: f.path)
def test_a_traversing_identity_still_gets_its_page_inside_the_site(site, bad_file):
    [page] = page_showing(site, bad_file.shown[0])
    assert page.resolve().is_relative_to((site / "trajectories").resolve())
