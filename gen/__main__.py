"""Command line: lint a trajectories folder, write the site's pages without MkDocs, or draft papers.yml.

    python -m gen check DIR        one line per problem, ``path: problem``; exit 1 if any
    python -m gen write DIR OUT    the generated Markdown pages, into OUT
    python -m gen papers DIR       a papers.yml for DIR on stdout, to review
    python -m gen zensical         the site, built with Zensical into site/
    python -m gen zensical --serve a live preview with Zensical on 127.0.0.1:8000

``check`` is for benchmark maintainers' CI: it reads exactly what the build
reads (trajectories, papers.yml, leaderboard.yml) and reports exactly what the
build would warn about. ``write`` produces the same files the MkDocs hook
generates, so moving to another static-site engine is a configuration change.
``papers`` lists every paper of the trajectories with the valid fields of
DIR/papers.yml and, for papers named by an id, the title their plans quote.
``zensical`` builds the project's site with Zensical instead of MkDocs, from
the trajectories ``mkdocs build`` would read (see gen/engines/zensical_build.py);
with ``--serve`` it previews it, rebuilt on every edit to the trajectories, their
metadata, docs/ and mkdocs.yml (gen/engines/zensical_serve.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gen.build_output import generate
from gen.engines.zensical_build import build_with_zensical
from gen.engines.zensical_serve import DEFAULT_ADDRESS, serve_with_zensical
from gen.pages.trajectory_view import rendering_diagnostics
from gen.papers_skeleton import papers_skeleton
from gen.reading.corpus import load_corpus
from gen.records import Diagnostic

EXIT_PROBLEMS, EXIT_USAGE = 1, 2


def _located(diagnostic: Diagnostic, folder: Path) -> Diagnostic:
    """The diagnostic with its path as given on the command line, so editors and CI logs can open it."""
    return Diagnostic((folder / diagnostic.source).as_posix(), diagnostic.message)


def _report(diagnostics: list[Diagnostic], folder: Path, stream) -> None:
    for diagnostic in diagnostics:
        print(_located(diagnostic, folder), file=stream)


def check(folder: Path) -> int:
    corpus = load_corpus(folder)
    diagnostics = corpus.diagnostics + rendering_diagnostics(corpus.trajectories)
    _report(diagnostics, folder, sys.stdout)
    files = len({diagnostic.source for diagnostic in diagnostics})
    print(f"{len(diagnostics)} problem(s) in {files} file(s)" if diagnostics else "no problems", file=sys.stderr)
    return EXIT_PROBLEMS if diagnostics else 0


def write(folder: Path, out: Path) -> int:
    """Write the pages; problems are reported on stderr but, as in ``mkdocs build``, do not stop it."""
    output = generate(folder)
    _report(output.diagnostics, folder, sys.stderr)
    output.write_to(out)
    print(f"wrote {len(output.files)} page(s) to {out}", file=sys.stderr)
    return 0


def papers(folder: Path) -> int:
    """Print the papers.yml draft; problems with the inputs go to stderr, as ``check`` words them."""
    corpus = load_corpus(folder)
    _report(corpus.diagnostics, folder, sys.stderr)
    sys.stdout.write(papers_skeleton(corpus))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m gen", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    lint = commands.add_parser("check", help="report every problem with the trajectories in DIR")
    lint.add_argument("folder", metavar="DIR", type=Path)
    pages = commands.add_parser("write", help="write the generated Markdown pages for DIR into OUT")
    pages.add_argument("folder", metavar="DIR", type=Path)
    pages.add_argument("out", metavar="OUT", type=Path)
    draft = commands.add_parser("papers", help="print a papers.yml for DIR: every paper, its fields and quoted titles")
    draft.add_argument("folder", metavar="DIR", type=Path)
    zensical = commands.add_parser("zensical", help="build the site with Zensical, from TRAJECTORIES_DIR or mkdocs.yml's folder")
    zensical.add_argument("--site-dir", "-d", type=Path, help="where the site is written (default: site)")
    zensical.add_argument("--strict", "-s", action="store_true", help="fail on problems with the inputs and on Zensical's warnings")
    zensical.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"), help="the project's mkdocs.yml")
    zensical.add_argument("--serve", action="store_true",
                          help="serve a live preview instead, rebuilt on edits to the trajectories, their metadata, docs/ and mkdocs.yml")
    zensical.add_argument("--dev-addr", "-a", metavar="IP:PORT", help=f"where --serve listens (default: {DEFAULT_ADDRESS})")
    zensical.add_argument("--allow-remote", action="store_true", help="let --dev-addr be an address other machines can reach")
    return parser


def zensical(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    config_file = arguments.config_file.resolve()
    if not arguments.serve:
        if arguments.dev_addr or arguments.allow_remote:
            parser.error("--dev-addr and --allow-remote go with --serve")
        return build_with_zensical(config_file, (arguments.site_dir or Path("site")).resolve(), arguments.strict)
    if arguments.site_dir or arguments.strict:
        parser.error("--site-dir and --strict are for builds: --serve keeps its site in a temporary folder, and zensical serve has no strict mode")
    return serve_with_zensical(config_file, arguments.dev_addr or DEFAULT_ADDRESS, arguments.allow_remote)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.command == "zensical":
        return zensical(parser, arguments)
    if not arguments.folder.is_dir():
        parser.error(f"{arguments.folder} is not a folder")
    if arguments.command == "check":
        return check(arguments.folder)
    if arguments.command == "papers":
        return papers(arguments.folder)
    return write(arguments.folder, arguments.out)


if __name__ == "__main__":
    sys.exit(main())
