"""The plan explorer's data: a manifest of facets and chunks of compact rows, read by docs/javascripts/explorer.js.

- ``explorer/data/manifest.json``: ``total`` (ablations), ``chunks`` (paths
  relative to the manifest), and the facets the filters offer: ``models``
  (the systems, ``[key, label, count]``, key ``planner/model-slug``), ``actions``
  (``[kind, count]``), ``tasks`` (``[key, label, count]``, key the task or
  ``none``), ``papers`` (``[slug, title, task]``, by title, ``task`` an index
  into ``tasks``) and ``metrics`` (``[name, count]``, most used first,
  spellings of one metric as one, see gen.model.plan_statistics.metric_key);
- ``explorer/data/<version>/<n>.json``: ``ROWS_PER_CHUNK`` ablations each, as
  ``[model, paper, number, name, part, action, replacements, metrics, systems, group]`` with
  the first two and ``action`` indices into the manifest's lists, ``systems`` how many
  systems proposed the ablation (its agreement group's, 1 when it stands alone) and
  ``group`` that group's number on the paper's page, 0 when it stands alone.

The explorer fetches the manifest, then the chunks a few at a time, showing rows
as they come, so a corpus many times this size opens as fast. The chunks' folder
is named by a hash of their content, so a browser never pairs a cached manifest
with another build's chunks.
"""

from __future__ import annotations

import hashlib
import json

from gen.model.agreement import placements
from gen.model.plan_statistics import ACTION_KINDS, metric_counts, site_metric_uses
from gen.model.site_model import PaperGroup, Site
from gen.model.tasks import task_label

EXPLORER_DATA = "explorer/data/"
MANIFEST_FILE = f"{EXPLORER_DATA}manifest.json"
ROWS_PER_CHUNK = 2000


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _compact_rows(site: Site, models: list[str], papers: list[PaperGroup]) -> list[tuple]:
    """Every ablation as ``(model, paper, number, name, part, action, replacements, metrics, systems, group)``,
    in the site's order."""
    model_index = {key: index for index, key in enumerate(models)}
    paper_index = {paper.slug: index for index, paper in enumerate(papers)}
    action_index = {kind: index for index, kind in enumerate(ACTION_KINDS)}
    other = action_index["other"]
    rows = []
    for entry in site.entries:
        model, paper = model_index[entry.system.key], paper_index[entry.paper_slug]
        rows.extend(
            (model, paper, number, ablation.name, ablation.part, action_index.get(ablation.action_kind, other),
             ablation.replacements, ablation.metrics, placement.systems, placement.group or 0)
            for number, (ablation, placement) in enumerate(zip(entry.ablations, placements(entry), strict=True), 1)
        )
    return rows


def explorer_files(site: Site) -> dict[str, str]:
    """The manifest and the chunks."""
    systems = {system.key: system for system in site.systems}
    papers = site.papers
    tasks = list(site.papers_by_task)
    task_index = {task: index for index, task in enumerate(tasks)}
    task_ablations = {task: sum(len(entry.ablations) for paper in group for entry in paper.entries) for task, group in site.papers_by_task.items()}
    compact = _compact_rows(site, list(systems), papers)
    chunks = [_json(compact[start:start + ROWS_PER_CHUNK]) for start in range(0, len(compact), ROWS_PER_CHUNK)]
    version = hashlib.sha256("\n".join(chunks).encode("utf-8")).hexdigest()[:12]
    manifest = {
        "total": len(compact),
        "chunks": [f"{version}/{number}.json" for number in range(len(chunks))],
        "models": [[key, system.label, system.ablation_count] for key, system in systems.items()],
        "actions": [[kind, site.action_counts.get(kind, 0)] for kind in ACTION_KINDS],
        "tasks": [[task or "none", task_label(task), task_ablations[task]] for task in tasks],
        "papers": [[paper.slug, paper.title, task_index[paper.task]] for paper in papers],
        "metrics": [[metric.name, metric.count] for metric in metric_counts(site_metric_uses(site))],
    }
    files = {f"{EXPLORER_DATA}{version}/{number}.json": chunk for number, chunk in enumerate(chunks)}
    files[MANIFEST_FILE] = _json(manifest)
    return files
