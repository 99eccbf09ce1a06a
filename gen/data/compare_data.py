"""The compare page's data: each paper's plans and agreement groups, from which docs/javascripts/compare.js
computes the figures of any pair of systems. One file for every pair, not a page per pair.

``compare/data/<version>.json`` holds
- ``systems``: ``[key, label]`` per system, ``key`` the ``planner/model`` slugs of its pages;
- ``tasks``: ``[key, label]``, ``key`` the task or ``none``;
- ``papers``: one ``[slug, title, task, plans, groups]`` per paper two systems or more planned (no
  other paper is in any pair), by title: ``task`` an index into ``tasks``; ``plans`` one
  ``[system, names]`` per plan, ``system`` an index into ``systems`` and ``names`` its ablations'
  names in order; ``groups`` the paper's consensus groups in their page order (``#agreement-1`` on),
  each a flat ``[system, number, system, number, …]`` list of its ablations, ``number`` from 1.

The file is named by a hash of its content, so that a cached page never reads another build's data.
"""

from __future__ import annotations

import hashlib
import json

from gen.memo import Same, kept_for_this_build
from gen.model.agreement import paper_agreement
from gen.model.site_model import PaperGroup, Site
from gen.model.tasks import task_label

COMPARE_DATA = "compare/data/"


def _paper(paper: PaperGroup, system_index: dict[str, int], task_index: dict[str | None, int]) -> list:
    plans = [[system_index[entry.system.key], [ablation.name for ablation in entry.ablations]] for entry in paper.entries]
    groups = [
        [value for proposal in proposals for value in (system_index[proposal.entry.system.key], proposal.number)]
        for proposals in paper_agreement(paper).consensus
    ]
    return [paper.slug, paper.title, task_index[paper.task], plans, groups]


def compare_data(site: Site) -> tuple[str, str]:
    """The data file's path from the site root, and its text: made once a build for the page that names
    the file and for the file itself."""
    return _compare_data(Same(site))


@kept_for_this_build
def _compare_data(same: Same) -> tuple[str, str]:
    site: Site = same.value
    system_index = {system.key: index for index, system in enumerate(site.systems)}
    tasks = list(site.papers_by_task)
    task_index = {task: index for index, task in enumerate(tasks)}
    data = {
        "systems": [[system.key, system.label] for system in site.systems],
        "tasks": [[task or "none", task_label(task)] for task in tasks],
        "papers": [_paper(paper, system_index, task_index) for paper in site.papers if len(paper.entries) > 1],
    }
    content = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"{COMPARE_DATA}{hashlib.sha256(content.encode('utf-8')).hexdigest()[:12]}.json", content
