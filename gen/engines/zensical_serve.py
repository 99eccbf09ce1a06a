"""Live preview under Zensical: ``python -m gen zensical --serve``.

``zensical serve`` watches the folder it builds from (its docs folder, template
overrides and configuration), rebuilds what changed there into that folder's
``site/`` and serves it, adding its live-reload script to pages as it sends
them, so ``site/`` holds what ``zensical build`` writes. Here that folder is a
staging folder like the build's (gen/engines/zensical_build.py), kept while the
server runs, and this module watches the project's own inputs: the trajectories
folder (with papers.yml and leaderboard.yml beside them), the docs folder
(stylesheets, scripts, template overrides) and mkdocs.yml. Each burst of
changes updates the staging folder: a kept generator (gen.build_output.Generator)
redoes only the work the changed inputs require, and nothing is generated again
when no trajectory or metadata changed; the staged files are then mirrored
(gen/engines/mirrored_folder.py), writing only the files whose bytes changed and
deleting those no longer produced, which is what Zensical rebuilds.

As ``mkdocs serve`` does, the preview's ``site_url`` is its own address (with
the path of the configured one, where Zensical then serves it), so the 404
page's addresses, written from the server's root, are right where it is
served: the build's rewriting of them, which only a site without ``site_url``
needs, does not apply. The served folder is thus what a clean build writes
with ``SITE_URL`` set to the preview's address.

Edits to the generator's code (gen/) are not picked up: restart the preview.
"""

from __future__ import annotations

import ctypes
import gc
import ipaddress
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from watchdog.events import (
    EVENT_TYPE_CLOSED, EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from gen.build_output import Generator
from gen.engines.mirrored_folder import MirroredFolder
from gen.engines.zensical_build import (
    docs_folder, mkdocs_config, print_warnings, staged_files, trajectories_folder,
)

DEFAULT_ADDRESS = "127.0.0.1:8000"
# Events that change a file; opening or reading one (generation reads every trajectory) is none.
CHANGES = {EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED}
QUIET_SECONDS = 0.1  # a burst of events (an editor's save, a checkout) has ended after this long without one
POLL_SECONDS = 0.5  # how often the loop checks that Zensical still runs
STOP_SECONDS = 10
PR_SET_PDEATHSIG = 1


def listen_address(dev_addr: str, remote: bool = False) -> tuple[str, int]:
    """The host and port of ``IP:PORT``. A host that is no loopback address would serve the preview
    to the network, so it is refused unless ``remote``."""
    host, _, port = dev_addr.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit():
        raise SystemExit(f"--dev-addr {dev_addr!r}: expected IP:PORT, e.g. {DEFAULT_ADDRESS}")
    if not remote and not _is_loopback(host):
        raise SystemExit(f"--dev-addr {dev_addr!r} is not a loopback address: other machines could reach the preview. "
                         "Pass --allow-remote to serve it there anyway")
    return host, int(port)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def served_url(host: str, port: int, site_url: str | None) -> str:
    """The preview's address, as ``mkdocs serve`` makes it: the server's, with the configured site's path."""
    path = urlsplit(site_url or "/").path or "/"
    return f"http://{f'[{host}]' if ':' in host else host}:{port}{path if path.endswith('/') else path + '/'}"


class Preview:
    """The staging folder Zensical serves, kept equal to what a build of the project's current inputs stages."""

    def __init__(self, config_file: Path, staging: Path, host: str, port: int) -> None:
        self.config_file, self.project = config_file, config_file.parent
        self.folder, self.host, self.port = staging, host, port
        self.watched: frozenset[Path] = frozenset()
        self._generator = Generator()
        self._staged = MirroredFolder(staging)
        self._generated: tuple[Path, dict[str, str]] | None = None

    def update(self, changed: set[str] | None) -> bool:
        """Bring the staging folder up to date; ``changed`` are the paths changed since the last update
        (``None``: unknown). Inputs that cannot be read (a broken mkdocs.yml) are reported and leave the
        staging folder as it was, for the server to go on serving; returns whether it was updated."""
        start = time.perf_counter()
        try:
            config = mkdocs_config(self.config_file)
            trajectories = trajectories_folder(config, self.project).resolve()
            generated = self._generate(trajectories, changed)
            files = staged_files(config, self.project, generated, served_url(self.host, self.port, config.get("site_url")))
            changes = self._staged.update(files)
        except Exception:  # whatever the inputs hold, the server goes on
            print(f"WARNING -  preview not updated: {traceback.format_exc(limit=0).strip()}", file=sys.stderr)
            return False
        self.watched = frozenset(
            path for path in (trajectories, docs_folder(config, self.project).resolve(),
                              (self.project / config["theme"]["custom_dir"]).resolve(), self.project.resolve())
            if path.is_dir()
        )
        print(f"INFO    -  Staged in {time.perf_counter() - start:.2f} s: {len(changes.written)} file(s) written, "
              f"{len(changes.deleted)} deleted", file=sys.stderr)
        return True

    def _generate(self, trajectories: Path, changed: set[str] | None) -> dict[str, str]:
        """The generated files: made again only when something changed in the trajectories folder or it is
        another one; the docs folder and mkdocs.yml feed none of them."""
        if self._generated is not None and self._generated[0] == trajectories and changed is not None \
                and not any(Path(path).is_relative_to(trajectories) for path in changed):
            return self._generated[1]
        self._generated = None
        output = self._generator.generate(trajectories)
        print_warnings(trajectories, output.diagnostics)
        self._generated = (trajectories, output.files)
        return output.files


class _InputChanges(FileSystemEventHandler):
    """The paths changed under the watched folders, taken a burst at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._changed: set[str] = set()
        self._arrived = threading.Event()

    def on_any_event(self, event) -> None:
        if event.event_type not in CHANGES or (event.is_directory and event.event_type == EVENT_TYPE_MODIFIED):
            return
        with self._lock:
            self._changed.update(path for path in (event.src_path, getattr(event, "dest_path", "")) if path)
        self._arrived.set()

    def next_burst(self, timeout: float) -> set[str]:
        """The paths changed in the next burst of events, once it has ended; none if no event comes within ``timeout``."""
        if not self._arrived.wait(timeout):
            return set()
        while self._arrived.is_set():
            self._arrived.clear()
            self._arrived.wait(QUIET_SECONDS)
        with self._lock:
            changed, self._changed = self._changed, set()
        return {os.fsdecode(path) for path in changed}


class _Watcher:
    """The platform's file events for a set of folders: recursively, but the project's own folder
    (for mkdocs.yml) only at its top, so that a build's site/ or .git stays unwatched."""

    def __init__(self, project: Path) -> None:
        self.changes = _InputChanges()
        self._project = project.resolve()
        self._observer = Observer()
        self._watched: frozenset[Path] = frozenset()

    def watch(self, folders: frozenset[Path]) -> None:
        if folders == self._watched:
            return
        self._observer.unschedule_all()
        for folder in sorted(folders):
            self._observer.schedule(self.changes, str(folder), recursive=folder != self._project)
        self._watched = folders

    @contextmanager
    def running(self) -> Iterator[_Watcher]:
        self._observer.start()
        try:
            yield self
        finally:
            self._observer.stop()
            self._observer.join()


def serve_with_zensical(config_file: Path, dev_addr: str = DEFAULT_ADDRESS, remote: bool = False) -> int:
    """Serve a live preview of the project of ``config_file`` with ``zensical serve`` on ``dev_addr`` until
    interrupted (Ctrl+C, SIGTERM); Zensical is stopped too. Returns Zensical's exit status should it stop first."""
    host, port = listen_address(dev_addr, remote)
    signal.signal(signal.SIGTERM, _exit_on_terminate)
    with tempfile.TemporaryDirectory(prefix="zensical-serve-") as folder:
        preview, watcher = Preview(config_file, Path(folder), host, port), _Watcher(config_file.parent)
        try:
            with watcher.running():
                if not preview.update(None):
                    return 1
                watcher.watch(preview.watched)
                with _zensical_server(preview.folder, host, port) as server:
                    while server.poll() is None:
                        changed = watcher.changes.next_burst(POLL_SECONDS)
                        if changed and preview.update(changed):
                            watcher.watch(preview.watched)
                        if changed:
                            gc.collect()  # generation runs without the cycle collector: its cycles go here, while Zensical rebuilds
                    return server.returncode
        except KeyboardInterrupt:
            return 0


def _exit_on_terminate(signum, frame) -> None:
    """SIGTERM ends the preview as Ctrl+C does, stopping Zensical and deleting the staging folder."""
    raise KeyboardInterrupt


@contextmanager
def _zensical_server(staging: Path, host: str, port: int) -> Iterator[subprocess.Popen]:
    command = [sys.executable, "-m", "zensical", "serve", "-f", "mkdocs.yml", "-a", f"{host}:{port}"]
    server = subprocess.Popen(command, cwd=staging, preexec_fn=_stop_with_parent if sys.platform == "linux" else None)
    try:
        yield server
    finally:
        _stop(server)


_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def _stop_with_parent() -> None:
    """Run in the child before Zensical starts: should this process die without stopping it (``kill -9``),
    Linux sends it SIGTERM, so no server is left behind holding the port."""
    _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _stop(server: subprocess.Popen) -> None:
    """Stop Zensical as Ctrl+C stops it; kill it should it not exit within STOP_SECONDS."""
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGINT)
    try:
        server.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
