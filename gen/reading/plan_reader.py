"""The ablation plan's Markdown as data.

A plan is a run of ``### name`` blocks, each a list of ``- **Field**: value``
lines; Replacement items are nested one level deeper. Whatever else a block
holds is kept verbatim in ``unstructured`` so that no text is lost.
"""

from __future__ import annotations

import re

from gen.records import Ablation, Plan

ABLATION_HEADING = re.compile(r"^###[ \t]+(?P<name>.*)$")
FIELD_LINE = re.compile(r"^[-*][ \t]+\*\*(?P<key>[^*]+?)\*\*[ \t]*:[ \t]?(?P<value>.*)$")
ITEM_LINE = re.compile(r"^[ \t]+[-*][ \t]+(?P<item>.*)$")

PART, ACTION, REPLACEMENT, METRICS = "ablated part", "action", "replacement", "metrics"
BRACKETS = {"(": ")", "[": "]", "{": "}"}
BRACKET_CHARACTERS = re.compile(r"[()\[\]{}]")


def split_metrics(value: str) -> tuple[str, ...]:
    """Split on commas outside brackets: ``Acc (top-1, top-5), FID`` is two metrics."""
    if not BRACKET_CHARACTERS.search(value):
        return tuple(metric.strip() for metric in value.split(",") if metric.strip())
    metrics, depth, current = [], 0, []
    for char in value:
        if char in BRACKETS:
            depth += 1
        elif char in BRACKETS.values():
            depth = max(0, depth - 1)
        if char == "," and depth == 0:
            metrics.append("".join(current))
            current = []
        else:
            current.append(char)
    metrics.append("".join(current))
    return tuple(metric.strip() for metric in metrics if metric.strip())


def _read_ablation(name: str, lines: list[str]) -> Ablation:
    fields: dict[str, str] = {}
    items: dict[str, list[str]] = {}
    other: list[tuple[str, str]] = []
    leftover: list[str] = []
    last_key: str | None = None
    for line in lines:
        field_match = FIELD_LINE.match(line)
        item_match = None if field_match else ITEM_LINE.match(line)
        if field_match:
            key, value = field_match["key"].strip(), field_match["value"].strip()
            last_key = key.lower()
            if last_key in (PART, ACTION, REPLACEMENT, METRICS) and last_key not in fields:
                fields[last_key] = value
            else:
                other.append((key, value))
                last_key = None
        elif item_match and last_key is not None:
            items.setdefault(last_key, []).append(item_match["item"].rstrip())
        elif line.strip():
            leftover.append(line)
            last_key = None
    return Ablation(
        name=name,
        part=fields.get(PART, ""),
        action=fields.get(ACTION, ""),
        replacements=_replacements(fields, items),
        metrics=split_metrics(fields.get(METRICS, "")) + tuple(items.get(METRICS, ())),
        other_fields=tuple(other) + tuple((key, "\n".join(values)) for key, values in items.items() if key not in (REPLACEMENT, METRICS)),
        unstructured="\n".join(leftover),
    )


def _replacements(fields: dict[str, str], items: dict[str, list[str]]) -> tuple[str, ...] | None:
    if REPLACEMENT not in fields:
        return None
    inline = fields[REPLACEMENT]
    return ((inline,) if inline else ()) + tuple(items.get(REPLACEMENT, ()))


def _ablation_name(heading: str) -> str:
    """The heading's text without trailing blanks or a closing run of ``#``, as CommonMark reads it."""
    name = heading.rstrip(" \t")
    unclosed = name.rstrip("#")
    if unclosed != name and (not unclosed or unclosed[-1] in " \t"):  # ``### C#`` keeps its hash
        return unclosed.rstrip(" \t")
    return name


def read_plan(markdown: str) -> Plan:
    """Split a plan box into its preamble and its ablations."""
    preamble: list[str] = []
    blocks: list[tuple[str, list[str]]] = []
    for line in markdown.split("\n"):
        heading = ABLATION_HEADING.match(line)
        if heading:
            blocks.append((_ablation_name(heading["name"]), []))
        elif blocks:
            blocks[-1][1].append(line)
        else:
            preamble.append(line)
    return Plan(
        preamble="\n".join(preamble).strip(),
        ablations=tuple(_read_ablation(name, lines) for name, lines in blocks),
    )
