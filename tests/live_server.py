"""A real ``mkdocs serve`` (``properdocs serve``, ``python -m gen zensical --serve``) of a project copy on 127.0.0.1,
for the live-serve tests and the benchmark.

The server builds into a temporary folder (``mkdocs_*`` under ``TMPDIR``, or the
``site`` of Zensical's ``zensical-serve-*`` staging folder); it is given its own
``TMPDIR``, so that folder can be compared with a clean build file by file and
byte by byte. Failures raise ``AssertionError`` with the end of the server's
log, so the same class serves pytest and the benchmark. The server runs in its
own process group, which stopping it ends, children and all.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import BUILD_ENV, ENGINE_BUILDS

STARTUP_SECONDS = 180
REBUILD_SECONDS = 60
STARTED, FINISHED = "Building documentation...", "Reloading browsers"
# How each engine serves the project, and where under TMPDIR it keeps what it serves.
SERVE_COMMANDS = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "serve"],
    "properdocs": [sys.executable, "-m", "properdocs", "serve"],
    "zensical": [sys.executable, "-m", "gen", "zensical", "--serve"],
}
BUILT_FOLDERS = {"mkdocs": "mkdocs_*", "properdocs": "properdocs_*", "zensical": "zensical-serve-*/site"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


class LiveServer:
    """A real ``<engine> serve`` on 127.0.0.1 of a project copy, with the folder it builds into."""

    def __init__(self, engine: str, project: Path, trajectories: Path, scratch: Path):
        self.engine, self.project, self.trajectories, self.scratch = engine, project, trajectories, scratch
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = scratch / "serve.log"
        self.env = dict(os.environ, **BUILD_ENV, TRAJECTORIES_DIR=str(trajectories), TMPDIR=str(scratch / "tmp"))
        self.env.pop("SITE_URL", None)
        (scratch / "tmp").mkdir(parents=True)
        with open(self.log, "wb") as output:
            self.process = subprocess.Popen(
                [*SERVE_COMMANDS[engine], "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{self.port}"],
                cwd=project, env=self.env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
            )

    def __enter__(self) -> LiveServer:
        try:
            self.wait_for("", lambda status, body: status == 200, "the first build", STARTUP_SECONDS)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, path: str, condition, what: str, seconds: float = REBUILD_SECONDS) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"{self.engine} serve exited with {self.process.returncode}:\n{self.log_text()[-3000:]}")
            try:
                status, body = fetch(self.url + path)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                status, body = 0, ""
            if condition(status, body):
                return body
            time.sleep(0.02)
        raise AssertionError(f"{what}: not served within {seconds}s\n{self.log_text()[-3000:]}")

    def builds(self) -> int:
        """Builds started: the first, then one for each burst of changes."""
        return self.log_text().count(STARTED)

    def wait_for_build(self, count: int) -> None:
        """Until ``count`` builds have started and the last has finished (each rebuild ends by reloading browsers)."""
        def finished(status: int, body: str) -> bool:
            log = self.log_text()
            started = log.count(STARTED)
            return status == 200 and started >= count and log.count(FINISHED) == started - 1

        self.wait_for("", finished, f"build {count}")

    def resident_bytes(self) -> int:
        """Resident memory of the server and its child processes."""
        return sum(_resident_bytes(pid) for pid in _process_tree(self.process.pid))

    def settled_resident_bytes(self, reads: int = 3, pause: float = 0.3) -> int:
        """The median of a few reads of resident memory, once the server is idle: it collects a build's
        garbage half a second after the build (gen/engines/mkdocs_site.py)."""
        time.sleep(1.0)
        samples = []
        for _ in range(reads):
            samples.append(self.resident_bytes())
            time.sleep(pause)
        return int(statistics.median(samples))

    def built_folder(self) -> Path:
        [folder] = (self.scratch / "tmp").glob(BUILT_FOLDERS[self.engine])
        return folder

    def stop(self) -> None:
        """Stop the server as a user would (SIGTERM), then whatever it left of its process group."""
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def clean_build(self, site: Path) -> Path:
        """A clean build of the same inputs, with the address the server gives its pages."""
        shutil.rmtree(site, ignore_errors=True)
        result = subprocess.run(
            [*ENGINE_BUILDS[self.engine], "-f", "mkdocs.yml", "-d", str(site)],
            cwd=self.project, env=dict(self.env, SITE_URL=self.url), capture_output=True, text=True,
        )
        assert result.returncode == 0, result.stderr
        return site


def _process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants, as /proc lists them."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            pending += [int(child) for child in task.read_text().split()]
    return found


def _resident_bytes(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1]) * 1024


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_served_folder_is_a_clean_build(server: LiveServer, step: str, wait_seconds: float = 0) -> None:
    """The server's folder holds what a clean build of the same inputs writes, byte for byte; for a server
    that says nowhere when its rebuild has ended (Zensical), compared again until it does, up to ``wait_seconds``."""
    clean = tree(server.clean_build(server.scratch / "clean"))
    deadline = time.monotonic() + wait_seconds
    while True:
        served = tree(server.built_folder())
        extra, missing = sorted(served.keys() - clean.keys()), sorted(clean.keys() - served.keys())
        differing = sorted(path for path in clean.keys() & served.keys() if served[path] != clean[path])
        if not (extra or missing or differing):
            return
        assert time.monotonic() < deadline, (
            f"after {step}: not a clean build{f' within {wait_seconds}s' if wait_seconds else ''}: files a clean build "
            f"does not write {extra}, files missing {missing}, files that differ {differing}\n{server.log_text()[-3000:]}"
        )
        time.sleep(0.1)
