"""Benchmark: the site's build and search against a plain MkDocs + Material reference.

    python tests/bench/run.py [--corpus DIR] [--scale 10] [--repeat 1] [--no-browser] [--scratch DIR]

Measures, in one run and on the same machine, side by side:
- a reference build: the raw trajectory files copied as they are into an
  otherwise empty MkDocs + Material site, search on, no navigation;
- the site's full build of the same corpus with MkDocs, ProperDocs and Zensical
  (``python -m gen zensical``), and the build hook alone;
- output size and search index size;
- time from page load to the first search result in headless Chromium, on the
  MkDocs site (Material's search box) and the Zensical site (the site's dialog);
- the same at ``--scale`` times the corpus (synthetic papers made from the real
  files: new names, same shapes), with peak memory.
- ``mkdocs serve`` on a copy of the project and corpus: its first build, and
  the seconds from writing an edit (a trajectory, the stylesheet, papers.yml)
  to the server answering with the changed file, median of ``EDITS`` edits;
- the server's resident memory through ``SOAK_EDITS`` edits of every kind
  (tests/serve_soak.py): after ``SOAK_BASELINE`` and after the last, and the
  growth per edit between them;
- the compare page's data size and its time from load to a pair's figures, at 1x and 10x;
- Lighthouse's mobile audit of each kind of page of the 1x site, served as GitHub Pages serves
  it (tests/bench/lighthouse_scores.py; ``npm ci --prefix tests/bench/lighthouse`` first);
- gen/model/agreement.py's pairwise precision and recall against the hand labels of
  tests/agreement_eval/labels.yml, overall and on its held-out papers.
Shared machines are noisy, so the table shows ratios beside the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))

from tests.agreement_evaluation import LabelError, load_labels, score  # noqa: E402
from tests.bench.lighthouse_scores import RUNS as LIGHTHOUSE_RUNS, lighthouse_scores  # noqa: E402
from tests.browser.conftest import SITE_URL as PAGES_SITE_URL  # noqa: E402
from tests.plan_data import scaled_corpus  # noqa: E402  (the project root must be on the path first)
from tests.live_server import LiveServer  # noqa: E402
from tests.project_copy import copy_project  # noqa: E402
from tests.serve_soak import soak, titled, trajectory_page  # noqa: E402

DEFAULT_CORPUS = PROJECT.parent / "shared" / "corpus" / "trajectories"
# The sites are built as the Pages workflow builds them, with the project site's address, which
# Lighthouse audits served from its sub-path (the 404 page's links start with it).
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", SITE_URL=PAGES_SITE_URL)
SEARCH_QUERY = "noise level"
TITLE_QUERY = "Scalable Diffusion Models with Transformers"  # dit's title, which its plans quote
REFERENCE_CONFIG = """site_name: Reference
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - Home: index.md
"""
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def timed_build(command: list[str], cwd: Path, env: dict[str, str], site: Path) -> tuple[float, int]:
    """Wall seconds and peak resident memory (bytes) of one build in a fresh process, into an empty ``site``.

    A repeated build would first delete the previous one's output, which costs
    as much as writing it on a slow disk and is not what a checkout's build does.
    """
    shutil.rmtree(site, ignore_errors=True)
    os.sync()  # so that no earlier build's writes are still being flushed during this one
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"build failed: {' '.join(command)}\n{process.stderr.read().decode()[-3000:]}")
    return elapsed, usage.ru_maxrss * 1024


def best_of(runs: list[tuple[float, int]]) -> tuple[float, int]:
    return min(run[0] for run in runs), max(run[1] for run in runs)


def alternately(repeat: int, *builds) -> list[tuple[float, int]]:
    """Each build's best time and peak memory, the builds taking turns so that all see the same machine."""
    runs = [[build() for build in builds] for _ in range(repeat)]
    return [best_of([turn[index] for turn in runs]) for index in range(len(builds))]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def largest_page(site: Path) -> int:
    return max(p.stat().st_size for p in site.rglob("*.html"))


def make_reference_project(corpus: Path, folder: Path) -> Path:
    docs = folder / "docs"
    shutil.copytree(corpus, docs, ignore=shutil.ignore_patterns("*.yml", "*.yaml"))
    (docs / "index.md").write_text("# Reference\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(REFERENCE_CONFIG, encoding="utf-8")
    return folder


def hook_seconds(corpus: Path) -> dict[str, float]:
    """The build hook's own work, MkDocs excluded, in a fresh interpreter: in all ("hook", imports
    included) and step by step."""
    code = (
        "import json, sys, time; from pathlib import Path; sys.path.insert(0, %r)\n"
        "start = time.perf_counter()\n"
        "from gen.build_output import generate\n"
        "imported = time.perf_counter()\n"
        "output = generate(Path(%r))\n"
        "print(json.dumps({'hook': time.perf_counter() - start, 'imports': imported - start, **output.seconds}))\n"
    ) % (str(PROJECT), str(corpus))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=ENV)
    return json.loads(result.stdout)


@contextmanager
def served(folder: Path):
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        line = process.stdout.readline()
        port = int(re.search(r"port (\d+)", line)[1])
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


# How a reader searches: what opens the search box, the query field, a shown result.
MATERIAL_SEARCH = ("input[data-md-component=search-query]", "input[data-md-component=search-query]", ".md-search-result__item")
SITE_SEARCH_DIALOG = ("[data-tv-search-open]", ".tv-search__input", ".tv-search__results > li")


def first_result_seconds(site: Path, page: str, search_box: tuple[str, str, str] = MATERIAL_SEARCH,
                         query: str = SEARCH_QUERY) -> float | None:
    """Seconds from navigation start to the first search result shown, in headless Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        start = time.perf_counter()
        tab.goto(base + page, wait_until="domcontentloaded")
        opener, query, result = search_box
        tab.locator(opener).click()
        box = tab.locator(query)
        box.fill(query)
        box.press("End")  # a keystroke, so the search box sees the query however early it was typed
        tab.wait_for_selector(result, timeout=120_000)
        elapsed = time.perf_counter() - start
        browser.close()
    return elapsed


SEARCH_RUNS = 5


def median_first_results(sites: dict[str, Path], query: str, search_box: tuple[str, str, str] = MATERIAL_SEARCH) -> dict[str, float] | None:
    """Each site's median seconds to the first result over ``SEARCH_RUNS`` runs, the sites taking turns,
    so that a slow moment of the machine falls on all of them."""
    runs: dict[str, list[float]] = {name: [] for name in sites}
    for _ in range(SEARCH_RUNS):
        for name, site in sites.items():
            seconds = first_result_seconds(site, "", search_box, query)
            if seconds is None:
                return None
            runs[name].append(seconds)
    return {name: statistics.median(values) for name, values in runs.items()}


def compare_seconds(site: Path) -> float | None:
    """Median seconds, over ``SEARCH_RUNS`` runs, from navigation start to the compare page's figures of a pair."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    runs = []
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(SEARCH_RUNS):
            tab = browser.new_page()
            start = time.perf_counter()
            tab.goto(base + "compare/?a=lm-planner/gpt-4o&b=lm-planner/o3-mini", wait_until="domcontentloaded")
            tab.wait_for_selector(".tv-compare__papers tbody tr", timeout=120_000)
            runs.append(time.perf_counter() - start)
            tab.close()
        browser.close()
    return statistics.median(runs)


EDITS = 3
SHARED_METADATA = ("papers.yml", "leaderboard.yml")


def _served_copies(corpus: Path, work: Path, name: str) -> tuple[Path, Path]:
    """A copy of the project and of the corpus, with its metadata beside it, for a server to edit."""
    project = copy_project(work / f"{name}-project")
    data = work / f"{name}-corpus"
    shutil.copytree(corpus, data)
    for metadata in SHARED_METADATA:
        if not (data / metadata).exists() and (corpus.parent / metadata).is_file():
            shutil.copy(corpus.parent / metadata, data / metadata)
    (work / name).mkdir()
    return project, data


def serve_seconds(corpus: Path, work: Path) -> dict[str, float]:
    """The first build of ``mkdocs serve``, then each kind of edit's median seconds from write to served."""
    project, data = _served_copies(corpus, work, "serve")
    papers = data / "papers.yml"
    trajectory = next(path for path in sorted(data.rglob("*.md")) if " the " in path.read_text(encoding="utf-8"))
    paper_page = trajectory_page(trajectory, data)
    stylesheet = project / "docs/stylesheets/trajectories.css"
    start = time.perf_counter()
    with LiveServer("mkdocs", project, data, work / "serve") as server:
        seconds = {"first build": time.perf_counter() - start}
        edits = {  # what is edited, how (the n-th edit writes the marker it adds), and where it is served
            "trajectory edited": (trajectory, lambda text, marker: text.replace(" the ", f" {marker} ", 1), paper_page),
            "stylesheet edited": (stylesheet, lambda text, marker: f"{text}\n/* {marker} */\n", "stylesheets/trajectories.css"),
            "papers.yml edited": (papers, lambda text, marker: titled(text, trajectory.stem, marker), paper_page),
        }
        for name, (path, edit, served_path) in edits.items():
            original = path.read_text(encoding="utf-8") if path.exists() else ""
            times = []
            for number in range(EDITS):
                time.sleep(1.0)  # the server settles, as between a maintainer's edits
                marker = f"Zorblax{number}"
                changed = edit(original, marker)
                start = time.perf_counter()
                path.write_text(changed, encoding="utf-8")
                server.wait_for(served_path, lambda status, body: marker in body, name)
                times.append(time.perf_counter() - start)
            path.write_text(original, encoding="utf-8")
            seconds[name] = statistics.median(times)
    return seconds


SOAK_EDITS, SOAK_BASELINE = 100, 10


def serve_memory(corpus: Path, work: Path) -> tuple[int, int, float]:
    """``mkdocs serve``'s resident memory after ``SOAK_BASELINE`` and after ``SOAK_EDITS`` edits of every kind
    (tests/serve_soak.py), and the median seconds from a trajectory's edit to its page served."""
    project, data = _served_copies(corpus, work, "soak")
    with LiveServer("mkdocs", project, data, work / "soak") as server:
        run = soak(server, data, SOAK_EDITS, {SOAK_BASELINE, SOAK_EDITS})
    return run.resident[SOAK_BASELINE], run.resident[SOAK_EDITS], statistics.median(run.seconds["a trajectory edited"])


def site_build(corpus: Path, site: Path, engine: str = "mkdocs"):
    env = dict(ENV, TRAJECTORIES_DIR=str(corpus))
    return lambda: timed_build([sys.executable, "-m", engine, "build", "-q", "-f", "mkdocs.yml", "-d", str(site)], PROJECT, env, site)


def zensical_build(corpus: Path, site: Path):
    """``python -m gen zensical``, staging in the scratch folder beside ``site``, so the site is moved, not copied."""
    env = dict(ENV, TRAJECTORIES_DIR=str(corpus), TMPDIR=str(site.parent))
    return lambda: timed_build([sys.executable, "-m", "gen", "zensical", "-d", str(site)], PROJECT, env, site)


def reference_build(project: Path, site: Path):
    return lambda: timed_build([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], project, ENV, site)


def row(label: str, value: str, ratio: str = "") -> str:
    return f"| {label:<44} | {value:>14} | {ratio:>24} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--scratch", type=Path, default=None,
                        help="where the projects and sites are written (default: the system's temporary folder); "
                             "a RAM-backed folder such as /dev/shm keeps a noisy disk out of the timings")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}; pass --corpus")
    with tempfile.TemporaryDirectory(prefix="bench-", dir=args.scratch) as scratch:
        work = Path(scratch)
        reference = make_reference_project(args.corpus, work / "reference")
        (ref_time, ref_memory), (site_time, site_memory), (properdocs_time, _), (zensical_time, _) = alternately(
            args.repeat, reference_build(reference, work / "reference-site"), site_build(args.corpus, work / "site"),
            site_build(args.corpus, work / "properdocs-site", "properdocs"), zensical_build(args.corpus, work / "zensical-site"))
        hook = min((hook_seconds(args.corpus) for _ in range(args.repeat)), key=lambda seconds: seconds["hook"])
        site, ref_site = work / "site", work / "reference-site"
        lines = [
            row("measure", "value", "ratio"),
            row("-" * 44, "-" * 14, "-" * 24),
            row("reference build (raw files, search, no nav)", f"{ref_time:.2f} s"),
            row("site build, 1x corpus", f"{site_time:.2f} s", f"{site_time / ref_time:.2f} x reference"),
            row("site build with ProperDocs, 1x", f"{properdocs_time:.2f} s", f"{properdocs_time / ref_time:.2f} x reference"),
            row("site build with Zensical 0.0.73, 1x", f"{zensical_time:.2f} s", f"{zensical_time / ref_time:.2f} x reference"),
            row("build hook alone, 1x", f"{hook['hook']:.2f} s", f"{hook['hook'] / site_time:.0%} of site build"),
            *(row(f"  of which {step}", f"{seconds:.2f} s") for step, seconds in hook.items() if step != "hook"),
            row("site size, 1x", f"{folder_size(site) / 1e6:.1f} MB", f"{folder_size(site) / folder_size(ref_site):.1f} x reference"),
            row("search index size, 1x", f"{folder_size(site / 'search') / 1e6:.1f} MB",
                f"{folder_size(site / 'search') / max(1, folder_size(ref_site / 'search')):.2f} x reference"),
            row("largest page, 1x", f"{largest_page(site) / 1e3:.0f} kB"),
            row("peak memory, 1x build", f"{site_memory / 1e6:.0f} MB"),
        ]
        reference_search: dict[str, float | None] = {}
        if not args.no_browser:
            for label, query in ((f"'{SEARCH_QUERY}'", SEARCH_QUERY), ("a paper's title", TITLE_QUERY)):
                medians = median_first_results({"ours": site, "reference": ref_site}, query)
                if medians is None:
                    break
                ours, theirs = medians["ours"], medians["reference"]
                reference_search[query] = theirs
                lines.append(row(f"first search result {label}, 1x (median of {SEARCH_RUNS})", f"{ours:.2f} s",
                                 f"{ours / theirs:.2f} x reference {theirs:.2f} s"))
            compare_1x = compare_seconds(site)
            if compare_1x is not None:
                lines.append(row(f"compare page: load to a pair's figures, 1x (median of {SEARCH_RUNS})", f"{compare_1x:.2f} s",
                                 f"data {folder_size(site / 'compare' / 'data') / 1e3:.0f} kB"))
            zensical = median_first_results({"zensical": work / "zensical-site"}, SEARCH_QUERY, SITE_SEARCH_DIALOG)
            if zensical is not None and reference_search:
                lines.append(row("  the same on the Zensical site, 1x", f"{zensical['zensical']:.2f} s",
                                 f"reference {reference_search[SEARCH_QUERY]:.2f} s"))
            lighthouse = lighthouse_scores(site)
            if lighthouse is not None:
                lines += [row(f"Lighthouse (mobile, best of {LIGHTHOUSE_RUNS}), {kind}",
                              f"{s['performance']}/{s['accessibility']}/{s['best-practices']}/{s['seo']}",
                              f"TBT {s['blocking ms']} ms, {s['elements']:,} elements")
                          for kind, s in lighthouse.items()]
        served = serve_seconds(args.corpus, work)
        lines.append(row("mkdocs serve: first build", f"{served.pop('first build'):.2f} s"))
        lines += [row(f"mkdocs serve: {name} to served (median of {EDITS})", f"{value:.2f} s", "target ≤ 1.0 s")
                  for name, value in served.items()]
        baseline, last, edit_seconds = serve_memory(args.corpus, work)
        lines += [
            row(f"mkdocs serve: memory after {SOAK_BASELINE} edits", f"{baseline / 1e6:.0f} MB"),
            row(f"mkdocs serve: memory after {SOAK_EDITS} edits", f"{last / 1e6:.0f} MB",
                f"{(last - baseline) / (SOAK_EDITS - SOAK_BASELINE) / 1e6:+.2f} MB per edit"),
            row("  trajectory edit to served in that run (median)", f"{edit_seconds:.2f} s"),
        ]
        if args.scale > 1:
            scaled = scaled_corpus(args.corpus, work / "scaled", args.scale)
            scaled_time, scaled_memory = best_of([site_build(scaled, work / "scaled-site")() for _ in range(args.repeat)])
            scaled_site = work / "scaled-site"
            lines += [
                row(f"site build, {args.scale}x corpus", f"{scaled_time:.2f} s", f"{scaled_time / site_time:.2f} x the 1x build"),
                row(f"peak memory, {args.scale}x build", f"{scaled_memory / 1e6:.0f} MB"),
                row(f"largest page, {args.scale}x", f"{largest_page(scaled_site) / 1e3:.0f} kB",
                    f"{largest_page(scaled_site) / largest_page(site):.2f} x the 1x page"),
                row(f"search index size, {args.scale}x", f"{folder_size(scaled_site / 'search') / 1e6:.1f} MB"),
            ]
            if not args.no_browser:
                scaled_compare = compare_seconds(scaled_site)
                if scaled_compare is not None:
                    lines.append(row(f"compare page: load to a pair's figures, {args.scale}x", f"{scaled_compare:.2f} s",
                                     f"data {folder_size(scaled_site / 'compare' / 'data') / 1e3:.0f} kB"))
                for label, query in ((f"'{SEARCH_QUERY}'", SEARCH_QUERY), ("a paper's title", TITLE_QUERY)):
                    scaled_search = median_first_results({"scaled": scaled_site}, query)
                    if scaled_search is not None and reference_search.get(query):
                        lines.append(row(f"first search result {label}, {args.scale}x (median of {SEARCH_RUNS})",
                                         f"{scaled_search['scaled']:.2f} s",
                                         f"{scaled_search['scaled'] / reference_search[query]:.2f} x the 1x reference"))
        lines += agreement_rows(args.corpus)
        print("\n".join(lines))


def agreement_rows(corpus: Path) -> list[str]:
    """gen/model/agreement.py's pairwise precision and recall against the hand labels, overall and on the held-out
    papers; none for a corpus the labels do not describe."""
    try:
        scores = score(load_labels(corpus_dir=corpus), corpus)
    except (LabelError, FileNotFoundError):
        return []
    held_out = scores.held_out
    return [
        row(f"agreement precision {scores.precision:.3f}, recall {scores.recall:.3f}", "", f"({scores.labelled_count} labelled pairs)"),
        row(f"agreement, held-out papers: P {held_out.precision:.3f}, R {held_out.recall:.3f}", "",
            f"({held_out.labelled_count} labelled pairs)"),
    ]


if __name__ == "__main__":
    main()
