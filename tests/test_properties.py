"""Properties over generated input: the reader never raises, the writer is its inverse, output is safe."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gen.pages.rendering import ALLOWED_ATTRIBUTES, BLOCK_TAGS, INLINE_TAGS, LINK_SCHEMES, MATHML_TAGS, render_field, render_markdown
from gen.reading.decoding import repair_mojibake
from gen.reading.names import model_slug, page_key, paper_slug, planner_slug
from gen.reading.reader import read_trajectory
from gen.reading.trajectory_format import format_trajectory
from gen.records import KNOWN_ACTIONS, Ablation, Identity, Plan, Trajectory

FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of the trajectory format, so that generated text reaches every branch of the reader.
FORMAT_PIECES = [
    "<style>", "</style>", ".box { color: red; }", "# lm-planner/gpt-4o/Paper", "# a/b", "# ", "<div>",
    '<div style="x" class="trajectory-box">', "</div>", "<h2>🧠 Reasoning Trace</h2>", "<h2>📋 Ablation Plan</h2>",
    "<h2>Notes</h2>", "<h2>", "### ", "### Name", "### C# ##", "- **Ablated Part**: x", "- **Action**: REPLACE",
    "- **Action**: ", "- **Replacement**: ", "  - item", "- **Metrics**: a, (b, c)", "- **Other**: y", "* **Action**:",
    "\ufeff", "\r", "\x00", "\x1b", "\u00c3\u00a9", "\u2028", "<script>", "```",
]
format_like_text = st.lists(st.one_of(st.sampled_from(FORMAT_PIECES), st.text(max_size=12)), max_size=30).map("\n".join)

# Pieces of hostile Markdown and HTML for the renderer.
MARKUP_PIECES = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=//x>", "<a href='javascript:x'>a</a>",
    "[a](javascript:alert(1))", "[a](&#106;avascript:x)", "<javascript:x>", "<https://ok.example>", "![i](https://x/i.png)",
    "<style>b{}</style>", '<span style="x">s</span>', "<sub>", "</sub>", "<b>", "</b>", "<CLS>", "$x$", "$$\\href{javascript:x}{y}$$",
    "`c`", "**", "_", "[", "]", "(", ")", "<", ">", "&", "&amp;", "\n", "\n\n", "  ", "- ", "1. ", "> ", "|", "---", "<div>", "</div>",
    "<svg onload=x>", "<math><mi href=javascript:x>m</mi></math>", '"', "'", "=", "on", "x",
]
markup_text = st.lists(st.sampled_from(MARKUP_PIECES), max_size=25).map("".join)


def _one_line_diagnostics(problems, source: str) -> bool:
    return all(p.source == source and "\n" not in str(p) for p in problems)


@FEW
@given(st.binary(max_size=3000))
def test_the_reader_never_raises_on_bytes(data):
    trajectory, problems = read_trajectory(data, "p/m/x.md")
    assert isinstance(trajectory, Trajectory)
    assert _one_line_diagnostics(problems, "p/m/x.md")


@FEW
@given(st.text(max_size=2000))
def test_the_reader_never_raises_on_text(text):
    for encoding in ("utf-8", "utf-16"):
        trajectory, problems = read_trajectory(text.encode(encoding, "surrogatepass"), "x.md")
        assert isinstance(trajectory, Trajectory)
        assert _one_line_diagnostics(problems, "x.md")


@FEW
@given(format_like_text)
def test_the_reader_never_raises_on_text_shaped_like_a_trajectory(text):
    trajectory, problems = read_trajectory(text.encode("utf-8"), "p/m/x.md")
    assert isinstance(trajectory, Trajectory)
    assert _one_line_diagnostics(problems, "p/m/x.md")


# A well-formed trajectory: what the published format can hold without ambiguity. A line
# that is itself the exact mojibake of another text (``Â¡`` for ``¡``) is repaired by design.
DIV_TAG = re.compile(r"</?div\b", re.IGNORECASE)
FIELD_KEYS = {"ablated part", "action", "replacement", "metrics"}
line = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=25).filter(
    lambda s: not DIV_TAG.search(s) and repair_mojibake(s)[0] == s
)
stripped_line = line.map(str.strip)
name = st.from_regex(r"[A-Za-z0-9_\-]([A-Za-z0-9_.\-]{0,20}[A-Za-z0-9_\-])?", fullmatch=True)
ablation_name = line.map(lambda s: s.strip(" \t").rstrip("#").rstrip(" \t"))
item = line.map(lambda s: s.rstrip().lstrip(" \t"))
metric = stripped_line.filter(lambda s: s and not set(s) & set(",()[]{}"))
field_key = stripped_line.filter(lambda s: s and "*" not in s and s.lower() not in FIELD_KEYS)
preamble = st.lists(line.filter(lambda s: not re.match(r"###[ \t]", s)), max_size=3).map(lambda lines: "\n".join(lines).strip())

ablations = st.builds(
    Ablation,
    name=ablation_name,
    part=stripped_line,
    action=st.sampled_from(KNOWN_ACTIONS),
    replacements=st.none() | st.lists(item, max_size=3).map(tuple),
    metrics=st.lists(metric, max_size=3).map(tuple),
    other_fields=st.lists(st.tuples(field_key, stripped_line), max_size=2).map(tuple),
)
well_formed = st.builds(
    Trajectory,
    source=st.just(""),
    identity=st.builds(Identity, name, name, name),
    reasoning=st.lists(line, max_size=5).map(lambda lines: "\n".join(lines).strip("\n")),
    plan=st.builds(Plan, preamble=preamble, ablations=st.lists(ablations, min_size=1, max_size=3).map(tuple)),
)


@settings(max_examples=80, deadline=None)
@given(well_formed)
def test_a_well_formed_trajectory_written_and_read_is_the_same_record(trajectory):
    text = format_trajectory(trajectory)
    read, problems = read_trajectory(text.encode("utf-8"), "p/m/x.md")
    assert problems == []
    assert read == trajectory
    assert format_trajectory(read) == text


@FEW
@given(st.text(max_size=300))
def test_every_name_becomes_one_safe_path_segment(value):
    identity = Identity(value, value, value)
    for segment in (*page_key(identity), planner_slug(value), model_slug(value), paper_slug(value)):
        assert segment not in {"", ".", ".."}
        assert re.fullmatch(r"[\w.\-]+", segment)
        assert len(segment.encode("utf-8")) <= 150


def _unsafe_parts(fragment: str) -> list[str]:
    """Elements, attributes and link schemes outside the renderer's allowlist."""
    allowed_tags = INLINE_TAGS | BLOCK_TAGS | MATHML_TAGS
    found = []
    for element in BeautifulSoup(fragment, "html.parser").find_all(True):
        if element.name not in allowed_tags:
            found.append(element.name)
        allowed = ALLOWED_ATTRIBUTES.get(element.name, set()) | {"class", "rel"}
        found += [f"{element.name}[{attribute}]" for attribute in element.attrs if attribute not in allowed]
        href = element.get("href")
        if href is not None and href.split(":", 1)[0].lower() not in LINK_SCHEMES:
            found.append(f"href={href}")
    return found


@FEW
@given(st.one_of(markup_text, st.text(max_size=200)))
def test_rendered_trajectory_text_holds_only_allowlisted_markup(text):
    assert _unsafe_parts(render_markdown(text)) == []
    assert _unsafe_parts(render_field(text.replace("\n", " "))) == []


@FEW
@given(st.sampled_from(["<CLS>", "<EOS>", "<pad>", "<mask>", "<unk>", "</s>", "<|endoftext|>"]), st.text("abc ", max_size=10))
def test_model_tokens_stay_visible_as_written(token, words):
    for rendered in (render_markdown(f"{words} {token} {words}"), render_field(f"{words} {token}")):
        assert token in BeautifulSoup(rendered, "html.parser").get_text()
