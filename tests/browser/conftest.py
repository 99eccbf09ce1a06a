"""Browser tests: Debian's Chromium, driven by Playwright, against the seed site served on 127.0.0.1.

The site is built once per session and engine, with a real `mkdocs build` and with Zensical
(`python -m gen zensical`), with the ``site_url`` a GitHub project site has, and served from that
sub-path (``/ablation-site/``) by a small server that answers missing pages with 404.html, as
GitHub Pages does. Every test runs on both sites (``engine`` says which one it has), but in
modules marked ``MKDOCS_SITE_ONLY``.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import build_site

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SUB_PATH = "/ablation-site/"
SITE_URL = f"https://example.github.io{SUB_PATH}"
TIMEOUT_MS = 15_000
BROWSER_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items) -> None:
    """Mark every test of this folder ``browser``, for the inner loop to leave out (-m 'not browser')."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright_api():
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as api:
        yield api


@pytest.fixture(scope="session")
def browser(playwright_api):
    browser = playwright_api.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session", params=["mkdocs", "zensical"])
def engine(request) -> str:
    return request.param


# For tests of Material's search box, which the MkDocs site has (the Zensical site has the site's own
# dialog), and for modules whose subject is the same on both sites: the explorer's script and data, for
# one, are byte for byte the same (tests/test_engines.py), and test_data_pages.py checks they work on both.
MKDOCS_SITE_ONLY = pytest.mark.parametrize("engine", ["mkdocs"], indirect=True)


@pytest.fixture(scope="session")
def served_root(playwright_api, tmp_path_factory, engine) -> Path:
    """The folder served as the web root; the site is built into its sub-path folder."""
    root = tmp_path_factory.mktemp(f"web-root-{engine}")
    result = build_site(root / SUB_PATH.strip("/"), engine=engine, SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stderr
    return root


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; a missing page gets the site's 404.html with status 404, as on GitHub Pages."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / SUB_PATH.strip("/") / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def serve(root: Path):
    """Serve ``root`` on 127.0.0.1, as GitHub Pages would, until the generator is closed; yields the site's URL
    (its sub-path)."""
    yield from serve_with(functools.partial(_SiteHandler, directory=str(root)))


def serve_with(handler):
    """Serve with ``handler`` (a request handler class or factory) on 127.0.0.1 until the generator is closed;
    yields the site's URL (its sub-path)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def site_url(served_root) -> str:
    """The served site's home page, ``http://127.0.0.1:<port>/ablation-site/``."""
    yield from serve(served_root)


@pytest.fixture(scope="session")
def site_dir(served_root) -> Path:
    return served_root / SUB_PATH.strip("/")


@dataclass
class PageWatch:
    """What went wrong while a page was open: console errors, uncaught exceptions, failed requests,
    error responses, and requests to any other host (those are blocked and recorded)."""

    origins: set[str]
    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    allowed_statuses: dict[str, int] = field(default_factory=dict)

    def attach(self, context) -> None:
        context.route("**/*", self._route)
        context.on("page", self._watch_page)

    def _route(self, route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and origin_of(url) not in self.origins:
            self.problems.append(f"request to another host: {url}")
            route.abort()
        else:
            route.continue_()

    def _watch_page(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught exception: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type != "error":
            return
        where = message.location.get("url", "")
        # Chromium logs every error response; one the test expects (a 404 page) is no problem.
        if message.text.startswith("Failed to load resource") and where in self.allowed_statuses:
            return
        self.problems.append(f"console error: {message.text} at {where}")

    def _failed(self, request) -> None:
        # A request cut short by leaving the page is no failure of the site; blocked ones are already recorded.
        if request.failure != "net::ERR_ABORTED" and origin_of(request.url) in self.origins:
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400 and self.allowed_statuses.get(response.url) != response.status:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def clear(self) -> None:
        self.problems.clear()
        self.requests.clear()


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def new_page(browser, site_url):
    """``new_page(**context_options)``: a page in a fresh context (no stored palette), watched for problems.

    Requests may go to the served site only (``new_page.watch.origins`` to add another local
    server). Every test ends by checking that nothing went wrong on any page it opened.
    """
    contexts = []
    watch = PageWatch({origin_of(site_url)})

    def make(**options):
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        watch.attach(context)
        contexts.append(context)
        return context.new_page()

    make.watch = watch
    yield make
    for context in contexts:
        context.close()
    assert watch.problems == [], "\n".join(watch.problems)


@pytest.fixture
def page(new_page):
    return new_page()
