"""The README's screenshots: pages of the seed site in light and dark, rewritten in .github/screenshots/.

    python tests/bench/screenshots.py [--out DIR]

Builds the seed trajectories (``trajectories/``) with ``mkdocs build --strict`` into a temporary
folder, serves it on 127.0.0.1 (a free port, from a sub-path, as GitHub Pages serves a project
site; the server stops at the end) and opens each page in Debian's Chromium (``/usr/bin/chromium``,
driven by Playwright) at 1280 x 800, once with the light and once with the dark colour scheme.
Each PNG is the viewport, not the full page. Run it after a change to how these pages look, look
at the images, and commit them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
if str(PROJECT) not in sys.path:  # run as a script: the project is not on the path
    sys.path.insert(0, str(PROJECT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SUB_PATH, serve  # noqa: E402
from tests.conftest import build_site  # noqa: E402
from tests.site_pages import SEED_PAGE_KINDS  # noqa: E402

OUT = PROJECT / ".github" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}
# File name stem -> the page's address from the site root: a paper's page, its plans (the tabs and the
# reasoning and plan admonitions), and the home page.
PAGES = {
    "paper": SEED_PAGE_KINDS["paper"],
    "plans": SEED_PAGE_KINDS["paper"] + "#plans",
    "home": SEED_PAGE_KINDS["home"],
}
SCHEMES = ("light", "dark")
SETTLE_MS = 1000


def screenshots(out: Path) -> list[Path]:
    """Build, serve and photograph the seed site; returns the files written."""
    from playwright.sync_api import sync_playwright

    written = []
    with tempfile.TemporaryDirectory(prefix="screenshots-") as folder:
        root = Path(folder)
        result = build_site(root / SUB_PATH.strip("/"), trajectories=PROJECT / "trajectories")
        if result.returncode != 0:
            sys.exit(f"mkdocs build failed:\n{result.stderr[-3000:]}")
        server = serve(root)
        site_url = next(server)
        try:
            with sync_playwright() as api:
                browser = api.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                for scheme in SCHEMES:
                    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
                    page = context.new_page()
                    for name, address in PAGES.items():
                        page.goto(site_url + address, wait_until="networkidle")
                        page.wait_for_timeout(SETTLE_MS)  # the header swaps in the page's title once scrolled
                        target = out / f"{name}-{scheme}.png"
                        page.screenshot(path=str(target), animations="disabled")
                        written.append(target)
                    context.close()
                browser.close()
        finally:
            server.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the PNGs are written (default: {OUT})")
    arguments = parser.parse_args(argv)
    if not CHROMIUM.is_file():
        print(f"no Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    arguments.out.mkdir(parents=True, exist_ok=True)
    for path in screenshots(arguments.out):
        print(path.relative_to(PROJECT) if path.is_relative_to(PROJECT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
