"""Reading a built site the way a visitor's browser would: only its HTML files."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from functools import cache

from bs4 import BeautifulSoup, SoupStrainer

from gen.reading.decoding import decode_trajectory_bytes


def soup_of(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def article_text(page: Path) -> str:
    """The article's text with math left out (it is typeset, not written out) and spaces collapsed."""
    article = soup_of(page).select_one("article")
    for math in article.select("math"):
        math.replace_with(" ")
    for tag in article.select("sub, sup"):
        tag.unwrap()
    article.smooth()
    return re.sub(r"\s+", " ", article.get_text(" "))


@cache
def page_links(page: Path, site: Path) -> frozenset[Path]:
    """The HTML files a page links to, resolved on disk (parsed once per page)."""
    targets = set()
    anchors = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser", parse_only=SoupStrainer("a"))
    for anchor in anchors.find_all("a", href=True):
        ref = urlsplit(anchor["href"])
        if ref.scheme or ref.netloc or not ref.path:
            continue
        target = (page.parent / unquote(ref.path)).resolve()
        targets.add(target / "index.html" if target.is_dir() else target)
    return frozenset(targets)


def plan_fields(original: str) -> list[str]:
    """Every plan field of a clean trajectory, read with plain regular expressions."""
    plan = original.split("Ablation Plan</h2>", 1)[1]
    fields = []
    for block in re.split(r"^### ", plan, flags=re.M)[1:]:
        name, _, body = block.partition("\n")
        fields.append(name.strip())
        for key, value in re.findall(r"^- \*\*([^*]+)\*\*: *(.*)$", body, re.M):
            if key == "Metrics":
                fields += [m.strip() for m in value.split(",")]
            elif value.strip():
                fields.append(value.strip())
        fields += [item.strip() for item in re.findall(r"^  - (.*)$", body, re.M)]
    return [f for f in fields if f]


def ablation_headings(path: Path) -> int:
    """The ablations of a clean trajectory file: its plan box's ``###`` headings, counted without the site's reader."""
    return path.read_text(encoding="utf-8").split("Ablation Plan</h2>", 1)[1].count("\n### ")


def original_text(path: Path) -> str:
    return decode_trajectory_bytes(path.read_bytes()).text


def visible(field: str) -> str:
    """A field as it reads once rendered: math typeset, bare sub/sup tags applied, code marks gone."""
    field = re.sub(r"\$[^$\n]+\$", " ", field)
    field = re.sub(r"</?(sub|sup)>", "", field).replace("`", "")
    return re.sub(r"\s+", " ", field).strip()


ALIGN_VL = "Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_"
# One page of each kind of the seed site, by its address from the site root; "404" names no page.
SEED_PAGE_KINDS = {
    "home": "",
    "papers matrix": "papers/",
    "paper": f"papers/{ALIGN_VL}/",
    "trajectory": f"trajectories/lm-planner/gemini-25-flash/{ALIGN_VL}/",
    "system": "planners/lm-planner/claude-35-sonnet/",
    "planners": "planners/",
    "explorer": "explorer/",
    "statistics": "statistics/",
    "downloads": "downloads/",
    "compare": "compare/",
    "404": "no/such/page/",
}


def seed_page_file(kind: str) -> str:
    """The file of a kind of page in the built site: its folder's index.html, or 404.html."""
    return "404.html" if kind == "404" else SEED_PAGE_KINDS[kind] + "index.html"
