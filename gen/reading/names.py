"""URL slugs and display names for planners, models and papers.

URLs follow the published AblationBench pages, so existing links keep their
meaning: ``trajectories/<planner>/<model-slug>/<paper-slug>/`` with the model
lowercased and its dots dropped, and the paper as written in the identity.
Every slug is also a safe path segment: no separators, no ``..``, no markup.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import yaml

DISPLAY_NAMES_FILE = Path(__file__).with_name("display_names.yml")
UNSAFE_IN_SEGMENT = re.compile(r"[^\w.\-]+")
UNSAFE_IN_MODEL_SLUG = re.compile(r"[^a-z0-9\-]+")
MAX_SEGMENT_BYTES = 150  # file systems allow 255 bytes per name


def _shortened(segment: str, name: str) -> str:
    """Long segments are cut, with a digest of the whole name so that two long names stay apart."""
    encoded = segment.encode("utf-8")
    if len(encoded) <= MAX_SEGMENT_BYTES:
        return segment
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    kept = encoded[: MAX_SEGMENT_BYTES - len(digest) - 1].decode("utf-8", "ignore")
    return f"{kept}-{digest}"


PAPER_ID = re.compile(r"[a-z0-9]+(?:[-_]+[a-z0-9]+)*")


@cache  # names repeat across a corpus: every trajectory names its planner and model
def safe_segment(name: str, fallback: str = "unnamed") -> str:
    """A URL path segment made of letters, digits, ``_``, ``-`` and inner dots."""
    segment = UNSAFE_IN_SEGMENT.sub("_", name).strip(".") or fallback
    return _shortened(segment, name)


@cache
def model_slug(model: str) -> str:
    """``claude-3.5-sonnet`` -> ``claude-35-sonnet``, as the published site spells it."""
    slug = UNSAFE_IN_MODEL_SLUG.sub("-", model.lower().replace(".", "")).strip("-")
    return _shortened(slug, model) if slug else "unknown-model"


def paper_slug(paper: str) -> str:
    return safe_segment(paper)


def planner_slug(planner: str) -> str:
    return safe_segment(planner, "unknown-planner")


@cache
def _display_names() -> dict[str, dict[str, str]]:
    return yaml.safe_load(DISPLAY_NAMES_FILE.read_text(encoding="utf-8"))


def model_display_name(model: str) -> str:
    known = _display_names()["models"].get(model_slug(model))
    return known or " ".join(word[:1].upper() + word[1:] for word in model.split("-"))


def planner_display_name(planner: str) -> str:
    known = _display_names()["planners"].get(planner_slug(planner))
    return known or planner


def is_paper_id(name: str) -> bool:
    """Lower case letters and digits, maybe in parts joined by hyphens or underscores: ``dit``, ``hdnet_tiktok``."""
    return PAPER_ID.fullmatch(name) is not None


def readable_paper_title(paper: str) -> str:
    """``Align_VL__Can_Being_Modest_Help_`` -> ``Align VL: Can Being Modest Help``.

    A double underscore stood for a colon in the paper's title, single ones for
    spaces. Repository-style ids (``dit``, ``bbox-adapter``, ``curriculum_learning``)
    are shown as written: guessing their capitalisation would be wrong more often than not.
    """
    if is_paper_id(paper) or "_" not in paper:
        return paper
    title = paper.strip("_").replace("__", ": ").replace("_", " ")
    return re.sub(r"\s+", " ", title)


def page_key(identity) -> tuple[str, str, str]:
    """Where a trajectory's page lives: two identities with one key would share a page."""
    return planner_slug(identity.planner), model_slug(identity.model), paper_slug(identity.paper)
