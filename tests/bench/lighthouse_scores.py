"""Google's Lighthouse on each kind of page of a built site, served as GitHub Pages serves it.

The server gzips text, sends ``Cache-Control: max-age=600`` (GitHub Pages' header) and answers a
missing path with the site's 404.html and status 404, from a sub-path. Lighthouse 12.2.3
(``tests/bench/lighthouse/package.json``; ``npm ci --prefix tests/bench/lighthouse``) runs its
default mobile audit: an emulated phone, simulated slow 4G and a 4x slower CPU. Each page's row is
the best of ``RUNS`` runs by performance, with the four scores, total blocking time and element count.

``python tests/bench/lighthouse_scores.py SITE`` prints the table for a site built as the Pages
workflow builds it: with ``SITE_URL=https://example.github.io/ablation-site/`` (tests/browser/conftest.py's
``SITE_URL``), whose sub-path the server serves it from. The 404 page's best practices cannot reach 100:
its own answer, status 404, is the console error Lighthouse counts.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
if str(PROJECT) not in sys.path:  # run as a script: the project is not on the path
    sys.path.insert(0, str(PROJECT))

from tests.browser.conftest import SUB_PATH, serve_with  # noqa: E402

LIGHTHOUSE = Path(__file__).resolve().parent / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
RUNS = 3
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".jsonl", ".csv"}
PAGE_KINDS = {
    "home": "",
    "papers matrix": "papers/",
    "a paper": "papers/dit/",
    "a trajectory": "trajectories/lm-planner/gpt-4o/dit/",
    "a system": "planners/lm-planner/gpt-4o/",
    "explorer": "explorer/",
    "statistics": "statistics/",
    "downloads": "downloads/",
    "compare": "compare/?a=lm-planner/gpt-4o&b=lm-planner/o3-mini",
    "404": "no/such/page/",
}


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Files from the site under SUB_PATH, gzipped where GitHub Pages gzips, with its cache header."""

    site: Path

    def do_GET(self) -> None:  # noqa: N802 (http.server's names)
        self._answer(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        self.with_body = with_body
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(SUB_PATH):
            return self._send(404, self.site / "404.html")
        target = self.site / path[len(SUB_PATH):]
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return self._send(404, self.site / "404.html")
        self._send(200, target)

    def _send(self, status: int, file: Path) -> None:
        body = file.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Cache-Control", "max-age=600")
        if file.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.with_body:
            self.wfile.write(body)

    def log_message(self, format, *args) -> None:
        pass


@contextmanager
def pages_server(site: Path):
    """Serve ``site`` on 127.0.0.1 as GitHub Pages would; yields the site's address."""
    handler = type("SiteHandler", (_PagesHandler,), {"site": site})
    yield from serve_with(functools.partial(handler, directory=str(site)))


def _audit(url: str, report: Path) -> dict:
    subprocess.run(
        [str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}", f"--chrome-flags={CHROME_FLAGS}",
         f"--only-categories={','.join(CATEGORIES)}", "--output=json", f"--output-path={report}", "--quiet",
         "--ignore-status-code"],  # the 404 page answers 404, as it should
        check=True, capture_output=True, text=True, timeout=300,
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    return {
        **{name: round(100 * (result["categories"][name]["score"] or 0)) for name in CATEGORIES},
        "blocking ms": round(result["audits"]["total-blocking-time"]["numericValue"]),
        "elements": round(result["audits"]["dom-size"].get("numericValue") or 0),
    }


def lighthouse_scores(site: Path, runs: int = RUNS) -> dict[str, dict] | None:
    """Each kind of page's best run by performance; None without Lighthouse or Chromium."""
    if not LIGHTHOUSE.exists() or not Path(CHROMIUM).exists():
        return None
    scores = {}
    with pages_server(site) as base, tempfile.TemporaryDirectory() as folder:
        for kind, path in PAGE_KINDS.items():
            results = [_audit(base + path, Path(folder) / f"{number}.json") for number in range(runs)]
            scores[kind] = max(results, key=lambda result: result["performance"])
    return scores


def score_rows(scores: dict[str, dict]) -> list[str]:
    """One line per kind of page: performance / accessibility / best practices / SEO, blocking time, elements."""
    return [
        f"| Lighthouse, {kind} | {s['performance']} / {s['accessibility']} / {s['best-practices']} / {s['seo']} "
        f"| {s['blocking ms']} ms blocking, {s['elements']:,} elements |"
        for kind, s in scores.items()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site (its folder)")
    parser.add_argument("--runs", type=int, default=RUNS)
    arguments = parser.parse_args(argv)
    scores = lighthouse_scores(arguments.site, arguments.runs)
    if scores is None:
        print(f"Lighthouse is not installed at {LIGHTHOUSE} (npm ci --prefix tests/bench/lighthouse)", file=sys.stderr)
        return 2
    print("\n".join(score_rows(scores)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
