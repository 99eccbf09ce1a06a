"""Math in trajectories: typeset as MathML at build time, no math script or CDN; a lone dollar stays a dollar."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from gen.records import Ablation, Identity, Plan, Trajectory
from tests.conftest import PROJECT, build_site, needs_corpus
from tests.plan_data import write_trajectories
from tests.site_pages import soup_of

MATH_TRAJECTORY = Trajectory(
    source="lm-planner/gpt-4o/Math_Paper.md",
    identity=Identity("lm-planner", "gpt-4o", "Math_Paper"),
    reasoning="The loss is\n\n$$\\frac{a}{b}$$\n\nand a run costs $5 at most.",
    plan=Plan("", (Ablation("Temperature sweep", "Temperature $\\tau$ of the softmax", "REPLACE", ("$\\tau = 0.5$",),
                            ("Accuracy", "Training Cost ($)")),)),
)
# Markup that loads a script, style or frame (a math renderer, say) from another host.
REMOTE_RESOURCE = re.compile(
    r"<(?:script|img|iframe)\b[^>]*\bsrc=[\"']?(?:https?:)?//|<link\b(?=[^>]*\brel=[\"']?stylesheet)[^>]*\bhref=[\"']?(?:https?:)?//",
    re.IGNORECASE,
)
MATH_RENDERER = re.compile(r"mathjax|katex", re.IGNORECASE)


@pytest.fixture(scope="module")
def math_site(tmp_path_factory) -> Path:
    trajectories = write_trajectories(tmp_path_factory.mktemp("math-trajectories"), MATH_TRAJECTORY)
    site = tmp_path_factory.mktemp("math-site")
    result = build_site(site, trajectories)
    assert result.returncode == 0, result.stderr
    return site


def fields_of(page, ablation_id: str) -> dict[str, object]:
    section = page.select_one(f'[id="{ablation_id}"]').find_parent("section")
    return {dt.get_text(): dd for dt, dd in zip(section.select("dt"), section.select("dd"))}


def test_inline_and_display_math_are_mathml(math_site):
    page = soup_of(math_site / "trajectories/lm-planner/gpt-4o/Math_Paper/index.html")
    display = page.select_one(".reasoning math")
    assert display["display"] == "block" and display.select_one("mfrac") is not None
    part = fields_of(page, "ablation-1")["Ablated part"]
    assert part.select_one('math[display="inline"] mi').get_text() == "τ"
    assert "$" not in part.get_text()
    assert fields_of(page, "ablation-1")["Replacement"].select_one("math") is not None


def test_a_lone_dollar_stays_a_dollar(math_site):
    page = soup_of(math_site / "trajectories/lm-planner/gpt-4o/Math_Paper/index.html")
    assert "a run costs $5 at most." in page.select_one(".reasoning").get_text()
    metrics = [chip.get_text() for chip in fields_of(page, "ablation-1")["Metrics"].select("li")]
    assert metrics == ["Accuracy", "Training Cost ($)"]


def check_no_page_loads_a_math_renderer(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not REMOTE_RESOURCE.search(html), page
        scripts = re.findall(r"<script\b[^>]*>", html, re.IGNORECASE)
        assert not any(MATH_RENDERER.search(tag) for tag in scripts), page
    assert not [path for path in site.rglob("*") if MATH_RENDERER.search(path.name)]


def test_no_page_of_the_math_site_loads_a_math_renderer(math_site):
    check_no_page_loads_a_math_renderer(math_site)


def test_the_check_for_remote_resources_can_fail():
    assert REMOTE_RESOURCE.search('<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js">')
    assert REMOTE_RESOURCE.search("<link rel=stylesheet href=//cdn.example/katex.css>")
    assert not REMOTE_RESOURCE.search('<script src="../assets/javascripts/bundle.js">')
    assert not REMOTE_RESOURCE.search('<link rel="canonical" href="https://example.github.io/site/">')


@needs_corpus
def test_corpus_math_in_a_plan_field_is_typeset(corpus_site):
    page = soup_of(corpus_site / "trajectories/lm-planner/gemini-25-flash/backgroundmattingv2/index.html")
    parts = [dd for dd in page.select("section.tv-ablation dd") if "Refinement network" in dd.get_text()]
    assert parts and parts[0].select_one("math msub mi").get_text() == "G"
    assert "$" not in parts[0].get_text()


@needs_corpus
def test_corpus_cost_in_dollars_keeps_its_dollar_sign(corpus_site):
    page = soup_of(corpus_site / "trajectories/lm-planner/claude-35-sonnet/bbox-adapter/index.html")
    chips = [li for li in page.select("section.tv-ablation dd ul.tv-chips li") if "Cost" in li.get_text()]
    assert {li.get_text() for li in chips} >= {"Training Cost ($)", "Inference Cost ($)"}
    assert not any(li.select("math") for li in chips)


@needs_corpus
def test_no_corpus_page_loads_a_math_renderer(corpus_site):
    check_no_page_loads_a_math_renderer(corpus_site)


BROKEN_FORMULA = r"\left( x"  # an unclosed \left, which latex2mathml refuses
BROKEN_MATH_TRAJECTORY = Trajectory(
    source="lm-planner/gpt-4o/Broken_Math.md",
    identity=Identity("lm-planner", "gpt-4o", "Broken_Math"),
    reasoning=f"We bound it by ${BROKEN_FORMULA}$ here.",
    plan=Plan("", (Ablation("Sweep", "a part", "REPLACE", ("x",), ("Accuracy",)),)),
)


def test_a_formula_that_cannot_be_converted_shows_its_source_and_is_named_in_a_warning(tmp_path):
    trajectories = write_trajectories(tmp_path / "trajectories", BROKEN_MATH_TRAJECTORY)
    result = build_site(tmp_path / "site", trajectories)
    assert result.returncode != 0, "a strict build must fail on the warning"
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert len(warnings) == 1 and BROKEN_MATH_TRAJECTORY.source in warnings[0] and BROKEN_FORMULA in warnings[0]
    assert build_site(tmp_path / "site", trajectories, strict=False).returncode == 0
    page = soup_of(tmp_path / "site/trajectories/lm-planner/gpt-4o/Broken_Math/index.html")
    assert page.select_one("code.math-source").get_text() == BROKEN_FORMULA
    assert BROKEN_FORMULA in page.select_one(".admonition.warning").get_text()


def test_check_names_a_formula_that_cannot_be_converted(tmp_path):
    trajectories = write_trajectories(tmp_path / "trajectories", BROKEN_MATH_TRAJECTORY)
    result = subprocess.run([sys.executable, "-m", "gen", "check", str(trajectories)], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if BROKEN_FORMULA in line and "Broken_Math.md" in line]
