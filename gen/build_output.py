"""Everything the build hook generates from a trajectories folder, as files in memory.

One entry point for the MkDocs hook (gen/engines/mkdocs_site.py), the command line's
``write`` and the benchmark, so all three produce exactly the same site.
"""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from gen.data.search_documents import SearchDocument
from gen.data.search_index import SearchIndex
from gen.data.site_data import site_data_files
from gen.memo import BUILD_CACHES, Memo, NoMemo
from gen.model.site_model import build_site
from gen.pages import site_pages
from gen.pages.page_files import page_markdown
from gen.pages.trajectory_view import rendering_diagnostics
from gen.reading.corpus import load_corpus
from gen.reading.reader import read_trajectory
from gen.records import Diagnostic


@dataclass(frozen=True)
class BuildOutput:
    """Generated files (path relative to the docs folder -> text), the input's problems,
    and the seconds each step took (reading, pages, search index, data files)."""

    files: dict[str, str]
    diagnostics: list[Diagnostic]
    seconds: dict[str, float] = field(default_factory=dict)

    def write_to(self, folder: Path) -> None:
        """Write the files under ``folder``, for an engine that reads pages from disk; a path that would
        land outside it is refused."""
        root = folder.resolve()
        for relative, content in self.files.items():
            target = (root / relative).resolve()
            if not target.is_relative_to(root):
                raise ValueError(f"page path {relative!r} lies outside {folder}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")


class _Laps:
    """Seconds between marks, by the name of the step that just ended."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def mark(self, step: str) -> None:
        now = time.perf_counter()
        self.seconds[step] = now - self._last
        self._last = now


@contextmanager
def _without_cycle_collection():
    """Generation allocates millions of short-lived objects and frees no cycles worth
    collecting until it ends; pausing the cycle collector saves about a tenth of its time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Generator:
    """Generates the site's files. A live server keeps one between builds: it reuses what it read,
    rendered and wrote for inputs that did not change (``gen.memo``); a single build uses ``generate``,
    which keeps nothing once the files are made."""

    def __init__(self, memo: Memo | None = None) -> None:
        self._start_afresh(Memo() if memo is None else memo)

    def _start_afresh(self, memo: Memo) -> None:
        self.memo = memo
        self.search_index = SearchIndex(memo)
        BUILD_CACHES.forget()

    def generate(self, trajectories: Path) -> BuildOutput:
        """The files for the trajectories as they are now. Should generation fail, nothing is kept
        for the next: what the caches hold may be half updated."""
        self.memo.next_build()
        BUILD_CACHES.next_build()
        try:
            with _without_cycle_collection():
                return _generate(trajectories, self.memo, self.search_index)
        except BaseException:
            self._start_afresh(type(self.memo)())
            raise
        finally:
            BUILD_CACHES.end_build()


def generate(trajectories: Path) -> BuildOutput:
    """The files of a single build: nothing is kept for a next one."""
    try:
        with _without_cycle_collection():
            return _generate(trajectories, NoMemo(), None)
    finally:
        BUILD_CACHES.forget()


def _generate(trajectories: Path, memo: Memo, search_index: SearchIndex | None) -> BuildOutput:
    """The files, made in one pass: each page's Markdown and search documents are taken as the page is
    written, so that a single build (no ``memo`` to keep pages in, no ``search_index`` to keep postings
    in) holds no page's body and no posting longer than it needs them."""
    laps = _Laps()
    corpus = load_corpus(trajectories, lambda data, source: memo.get(("read", source, data), lambda: read_trajectory(data, source)))
    site = build_site(corpus)
    laps.mark("reading")
    files: dict[str, str] = {}
    documents: list[SearchDocument] = []
    for page in site_pages(site, memo):
        files[page.source_file] = memo.of("page markdown", page, lambda: page_markdown(page))
        documents += page.search_documents
    diagnostics = corpus.diagnostics + [
        diagnostic for trajectory in corpus.trajectories
        for diagnostic in memo.of("rendering", trajectory, lambda: rendering_diagnostics([trajectory]))
    ]
    laps.mark("pages")
    files.update((search_index or SearchIndex(memo)).files(documents))
    del documents
    laps.mark("search index")
    files.update(site_data_files(site, memo))
    laps.mark("data files")
    return BuildOutput(files, diagnostics, laps.seconds)
