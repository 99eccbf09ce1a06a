"""MkDocs hooks: the generated files, and rebuilds under ``mkdocs serve`` that redo only what changed.

``on_files`` adds what gen.build_output generates as in-memory files (MkDocs
1.6's public ``File.generated``). Problems with input files are logged as
warnings, one line each naming the file, so a plain build completes and
``mkdocs build --strict`` fails on them.

Under ``mkdocs serve`` each rebuild would be complete: the site folder
emptied, every page rendered again, ten seconds on the full corpus whatever
changed. MkDocs can build only what changed (``--dirty``), but it trusts
modification times, which every in-memory file fails, leaves removed files
behind and warns that navigation may be wrong. So the server's builder is
wrapped: when gen.engines.live_build finds that only input data changed, the rebuild
runs dirty, the generated files whose content is unchanged say so
(``is_modified``), the outputs of removed files are deleted, and the warning,
which does not apply, is dropped. ProperDocs shares these internals.

The server also watches through the platform's file events instead of MkDocs'
half-second polling, and collects garbage between rebuilds rather than during
them (each below says why).
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from jinja2 import BytecodeCache
from watchdog.events import (
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent,
    FileModifiedEvent, FileMovedEvent, FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver
from mkdocs.structure.files import File

if str(Path(__file__).resolve().parents[2]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

log = logging.getLogger("mkdocs.plugins.trajectories")
DIRTY_WARNING = "A 'dirty' build is being performed"
COLLECT_AFTER_SECONDS = 0.5
_serving = threading.Event()  # set by ``mkdocs serve``: kept here, as gen/ may be imported afresh while it runs
_this_build: dict[str, object] = {}
_building = threading.Event()


class _UnchangedFile(File):
    """A generated file with the content it had in the last build, whose output is therefore in place."""

    def is_modified(self) -> bool:
        return False


class _CompiledTemplates(BytecodeCache):
    """Templates compiled in an earlier build: MkDocs makes a new Jinja environment for every build,
    which compiles the theme's templates again, a quarter of a second. Jinja checks each template's
    source against its checksum, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _live_build():
    """The live build state: gen.engines.live_build's, kept as long as the process keeps that module."""
    from gen.engines.live_build import LIVE

    return LIVE


def _live_build_of_current_code():
    """The live build state, imported afresh (and so emptied) when gen/ changed since it was imported,
    so that edits to the generator rebuild everything with the new code. Checked once per rebuild,
    before it starts: the hooks of the build then share the state it returns."""
    imported = sys.modules.get("gen.engines.live_build")
    if imported is not None and imported.LIVE.code_changed():
        for name in [name for name in sys.modules if name == "gen" or name.startswith("gen.")]:
            del sys.modules[name]
        gc.unfreeze()
    return _live_build()


def on_startup(command: str, dirty: bool) -> None:
    """A server keeps the generator's work between builds; ``mkdocs build`` and ``gh-deploy`` build once and
    keep nothing. (``serve --clean`` says ``build``: its rebuilds are all complete.)"""
    if command == "serve":
        _serving.set()


def on_serve(server, config, builder):
    _report_changes_at_once(server, config)
    server.builder = _partial_when_possible(builder, server.observer)
    _collect_when_idle()
    return server


class _ChangeObserver(Observer):
    """The platform's file events, changes only: opening or reading a file (as every build reads every
    trajectory) is no change, though inotify reports it, and would start the next build at once.

    It also notes which paths changed, for gen.engines.live_build to tell a rebuild that only a stylesheet or
    script changed, which needs nothing generated again.
    """

    def __init__(self) -> None:
        super().__init__()
        self._changes_lock = threading.Lock()
        self._changed: set[str] = set()
        self._recorder = FileSystemEventHandler()
        self._recorder.on_any_event = self._record

    def _record(self, event) -> None:
        with self._changes_lock:
            self._changed.update(path for path in (event.src_path, getattr(event, "dest_path", "")) if path)

    def take_changes(self) -> set[str]:
        """The paths changed since the last call."""
        with self._changes_lock:
            changed, self._changed = self._changed, set()
        return changed

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        watch = super().schedule(
            event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES, follow_symlink=follow_symlink,
        )
        self.add_handler_for_watch(self._recorder, watch)
        return watch


CHANGES = [
    FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent,
]


def _report_changes_at_once(server, config) -> None:
    """Watch with the platform's file events (inotify, FSEvents, ReadDirectoryChangesW) where it has them.

    MkDocs polls what it watches every half second, which on average adds a
    quarter of a second before a rebuild starts. Its observer has not started
    when ``on_serve`` runs, so its two watches (the docs folder, the
    configuration file's folder) move to a native observer through the
    server's public ``unwatch`` and ``watch``; the configuration's ``watch``
    folders are added after this, to the new observer. Where watchdog has no
    native observer, or the theme's folders are watched too (``--watch-theme``),
    polling stays.
    """
    if Observer is PollingObserver or server.observer.is_alive() or len(server.observer.emitters) != 2:
        return
    docs, config_file = config.docs_dir, config.config_file_path
    for path in (docs, config_file):
        server.unwatch(path)
    server.observer = _ChangeObserver()
    server.watch(docs)
    server.watch(config_file, recursive=False)


def _partial_when_possible(builder, observer):
    def rebuild(config=None) -> None:
        _building.set()
        gc.disable()
        changed = observer.take_changes() if isinstance(observer, _ChangeObserver) else None
        try:
            if _live_build_of_current_code().begin_rebuild(changed):
                with _dirty_builds(builder):
                    builder(config)
            else:
                builder(config)
        finally:
            _building.clear()
            _collect_when_idle()

    return rebuild


def _collect_when_idle() -> None:
    """Collect garbage between builds, not during them.

    What a live build keeps (the generator's results, the last build's files)
    is millions of objects, which every full collection would walk again: a
    third of a second of each rebuild. So rebuilds run with the collector
    off; once the server has answered, the build's garbage is collected and
    what survives is frozen (``gc.freeze``), out of later collections' way.
    Reference counting still frees what the live build later drops, which
    holds no cycles; the build's own cycles (MkDocs' pages and files, the site
    model) are garbage by then and freed by the collection before the freeze.
    When gen/ is imported afresh, the old modules' cycles are unfrozen, to go too.
    """
    def collect() -> None:
        if not _building.is_set():
            gc.collect()
            gc.freeze()
            gc.enable()

    timer = threading.Timer(COLLECT_AFTER_SECONDS, collect)
    timer.daemon = True
    timer.start()


class _WithoutDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


@contextmanager
def _dirty_builds(builder):
    """Have the server's builder run a dirty build: it calls the ``build`` of its own module's namespace."""
    namespace = builder.__globals__
    build = namespace["build"]

    def dirty_build(config, *, serve_url=None, dirty=False):
        build(config, serve_url=serve_url, dirty=dirty or serve_url is not None)

    quiet = _WithoutDirtyWarning()
    logger = logging.getLogger(build.__module__)
    namespace["build"] = dirty_build
    logger.addFilter(quiet)
    try:
        yield
    finally:
        namespace["build"] = build
        logger.removeFilter(quiet)


def on_config(config):
    live = _live_build()
    from gen.engines.live_build import Decisive

    project = Path(config.config_file_path).resolve().parent
    # The project's template overrides; not the installed theme's 14,000 files, which serve does not watch.
    own_templates = tuple(Path(folder) for folder in config.theme.dirs if Path(folder).resolve().is_relative_to(project))
    decisive = Decisive((Path(config.config_file_path), project / "gen", *own_templates), Path(config.docs_dir))
    live.begin(decisive)
    return config


def _nav_sources(items) -> set[str]:
    """The files the configured navigation names."""
    if isinstance(items, str):
        return {items}
    if isinstance(items, dict):
        return set().union(*map(_nav_sources, items.values()))
    if isinstance(items, list):
        return set().union(*map(_nav_sources, items))
    return set()


def on_files(files, config):
    live = _live_build()
    project = Path(config.config_file_path).parent
    output, unchanged = live.generate(project / config.extra["trajectories_dir"], _serving.is_set())
    for diagnostic in output.diagnostics:
        log.warning("trajectory %s", diagnostic)
    steps = ", ".join(f"{step} {seconds:.2f} s" for step, seconds in output.seconds.items())
    log.debug("generated %d files (%d unchanged): %s", len(output.files), len(unchanged), steps)
    unchanged -= _nav_sources(config.nav)  # their titles and metadata feed every page's navigation
    taken = {file.src_uri: file for file in files}
    for path, content in output.files.items():
        if path in taken:
            files.remove(taken[path])
        kind = _UnchangedFile if path in unchanged else File
        files.append(kind.generated(config, path, content=content))
    _this_build["files"] = output.files if _serving.is_set() else {}  # what a server compares the next build with
    return files


def on_env(env, config, files):
    env.bytecode_cache = _live_build().engine_cache.setdefault("templates", _CompiledTemplates())
    _this_build["outputs"] = {file.dest_uri for file in files if not file.inclusion.is_excluded()}
    return env


def on_template_context(context, template_name, config):
    """The 404 page, built without ``site_url``: relative links, which the page's own script bases on the site's
    root wherever the site is served (docs/overrides/404.html). MkDocs would link it from the server's root,
    assuming the site is served there, which GitHub project pages are not."""
    if template_name == "404.html" and not config.site_url:
        context["base_url"] = "."
    return context


def on_post_build(config):
    stale = _live_build().finish(_this_build.pop("files"), Path(config.site_dir), _this_build.pop("outputs"))
    if stale:
        log.debug("deleted %d outputs of removed files", len(stale))


def on_build_error(error):
    _live_build().fail()
