"""The seed site in a real browser, served from a sub-path as GitHub project pages are."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import MKDOCS_SITE_ONLY, SUB_PATH

ALIGN_VL = "Align_VL__Can_Being_Modest_Help_in_the_Alignment_of_Vision_Language_Models_"
HOME = ""
PAPER = f"papers/{ALIGN_VL}/"
PLANNER = "planners/lm-planner/claude-35-sonnet/"
TRAJECTORY = f"trajectories/lm-planner/claude-35-sonnet/{ALIGN_VL}/"
PAGES = {"home": HOME, "papers": "papers/", "planners": "planners/", "paper": PAPER, "planner": PLANNER,
         "trajectory": TRAJECTORY}
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
# Both palettes of mkdocs.yml: what a reader who prefers a dark or light scheme gets on a first visit.
SCHEMES = {"dark": "slate", "light": "default"}

# Colours as the eye gets them: every background from the root down painted over the last,
# then the text colour over that, on a 1x1 canvas; WCAG 2 contrast of the result.
CONTRAST_JS = """
([selector, minimum]) => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const paint = (colours) => {
    ctx.globalCompositeOperation = 'copy';
    ctx.fillStyle = '#ffffff'; ctx.fillRect(0, 0, 1, 1);
    ctx.globalCompositeOperation = 'source-over';
    for (const colour of colours) { ctx.fillStyle = '#ffffff'; ctx.fillStyle = colour; ctx.fillRect(0, 0, 1, 1); }
    return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
  };
  const backgrounds = (element) => {
    const chain = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      chain.unshift(getComputedStyle(node).backgroundColor);
    }
    return chain;
  };
  const luminance = ([r, g, b]) => {
    const linear = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  };
  const ratio = (a, b) => { const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };
  const boxes = Array.from(document.querySelectorAll(selector));
  const texts = [];
  for (const box of boxes) {
    for (const element of [box, ...box.querySelectorAll('*')]) {
      const ownText = Array.from(element.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
      const style = getComputedStyle(element);
      let transparent = false;
      for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
        if (getComputedStyle(node).opacity === '0') transparent = true;
      }
      if (!ownText || transparent || !element.getClientRects().length || style.visibility === 'hidden'
          || element.closest('.tv-visually-hidden')) continue;
      const chain = backgrounds(element);
      const background = paint(chain);
      const foreground = paint([...chain, style.color]);
      texts.push({text: element.textContent.trim().slice(0, 50), tag: element.tagName, foreground, background,
                  ratio: Math.round(ratio(foreground, background) * 100) / 100});
    }
  }
  return {
    boxes: boxes.map(box => ({luminance: luminance(paint(backgrounds(box))),
                              title: luminance(paint(backgrounds(box.querySelector('.admonition-title, summary') || box)))})),
    texts: texts.length,
    low: texts.filter(t => t.ratio < minimum),
  };
}
"""


def url(site_url: str, path: str) -> str:
    return site_url + path


def test_the_home_page_loads_with_its_styles(page, site_url):
    response = page.goto(site_url)
    assert response.status == 200
    assert page.title().startswith("Home")
    assert page.locator("article h1").inner_text() == "AblationBench trajectories"
    # The theme's and the site's stylesheets came from the sub-path.
    assert page.locator("header.md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    assert page.locator("ul.tv-numbers").evaluate("e => getComputedStyle(e).display") == "flex"
    assert page.locator(".tv-numbers li").first.inner_text().split() == ["5", "trajectories"]
    page.goto(url(site_url, "papers/"))
    assert page.locator(".tv-matrix table tbody tr").count() == 3


def test_every_link_of_the_paper_by_system_matrix_opens_its_page(page, site_url):
    matrix = url(site_url, "papers/")
    page.goto(matrix)
    # The header's last row names the models; "Paper" spans both header rows, so a body cell's
    # column n (from 0) sits under the models row's cell n - 1.
    links = page.locator(".tv-matrix table a").evaluate_all("""anchors => anchors.map(a => {
        const cell = a.closest('td, th');
        const row = cell.parentElement;
        const column = Array.from(row.children).indexOf(cell);
        const models = cell.closest('table').querySelectorAll('thead tr:last-child th');
        const inHead = cell.tagName === 'TH';
        return {href: a.href, inHead, column, paper: row.children[0].innerText.trim(), name: a.getAttribute('aria-label'),
                model: inHead ? cell.innerText.trim() : column > 0 ? models[column - 1].innerText.trim() : ''};
    })""")
    # Three paper rows, four model columns, five plans.
    assert sum(1 for link in links if link["inHead"]) == 4
    assert sum(1 for link in links if not link["inHead"] and link["column"] == 0) == 3
    assert sum(1 for link in links if not link["inHead"] and link["column"] > 0) == 5
    for number, link in enumerate(links):
        page.goto(matrix)
        page.locator(".tv-matrix table a").nth(number).click()
        page.wait_for_load_state()
        assert page.url == link["href"]
        assert page.url.startswith(site_url)
        heading = page.locator("article h1").inner_text()
        if link["inHead"]:
            assert link["model"] in heading
        elif link["column"] == 0:
            assert heading == link["paper"]
        else:
            assert heading == link["paper"]
            assert page.locator(".tv-breadcrumbs [aria-current=page]").inner_text() == link["model"]
            # The cell shows a number; its name says what the number counts, for screen readers.
            ablations = page.locator('article h2[id^="ablation-"]').count()
            assert link["name"] == f"{ablations} ablations by {link['model']}"


@MKDOCS_SITE_ONLY
@pytest.mark.parametrize("words", [None, 5], ids=["whole-title", "first-five-words"])
def test_searching_for_a_papers_title_lists_its_page_first(page, site_url, words):
    """The paper's page, not the pages of its plans, which also carry its title."""
    page.goto(url(site_url, PAPER))
    title = page.locator("article h1").inner_text()
    query_text = title if words is None else " ".join(title.split()[:words])
    page.goto(url(site_url, TRAJECTORY))
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query_text)  # one query, not one a keystroke: the results shown are this query's
    box.press("End")
    first = page.locator(".md-search-result__list > li").first.locator("a").first
    first.wait_for()
    assert urlsplit(first.get_attribute("href")).path.endswith("/" + PAPER)
    assert page.locator(".md-search-result__list > li a").filter(has_text=title).count() >= 3


@MKDOCS_SITE_ONLY
def test_searching_for_an_ablation_opens_it(page, site_url):
    page.goto(url(site_url, PAPER))
    page.locator("label.md-search__icon, .md-search__input").first.click()
    query = page.locator("input.md-search__input")
    query.press_sequentially("Noise Level Ablation", delay=20)
    result = page.locator(".md-search-result__item a").filter(has_text="Noise Level Ablation").first
    result.wait_for()
    result.click()
    page.wait_for_load_state()
    assert page.url.startswith(url(site_url, TRAJECTORY))
    fragment = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert fragment, "the result should open the ablation itself, not the top of its page"
    target = page.locator(f'[id="{fragment}"]')
    assert "Noise Level Ablation" in target.inner_text()
    assert target.is_visible()
    assert target.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_per_model_tabs_of_a_paper_page_switch(new_page, site_url, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto(url(site_url, PAPER))
    labels = page.locator(".tabbed-set .tabbed-labels label")
    assert labels.all_inner_texts() == ["Claude 3.5 Sonnet", "Gemini 2.5 Flash"]
    blocks = page.locator(".tabbed-set .tabbed-content > .tabbed-block")
    assert blocks.nth(0).is_visible() and not blocks.nth(1).is_visible()
    claude_ablation = page.locator(".tabbed-block h3").filter(has_text="Noise Level Ablation")
    gemini_ablation = page.locator(".tabbed-block h3").filter(has_text="Ablation of Feature Mixing")
    assert claude_ablation.is_visible() and not gemini_ablation.is_visible()
    labels.nth(1).click()
    assert blocks.nth(1).is_visible() and not blocks.nth(0).is_visible()
    assert gemini_ablation.is_visible() and not claude_ablation.is_visible()
    labels.nth(0).click()
    assert blocks.nth(0).is_visible() and not blocks.nth(1).is_visible()


def in_view(locator) -> bool:
    return locator.evaluate("e => { const r = e.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.top < innerHeight; }")


def test_an_ablations_address_in_the_second_tab_opens_that_tab_at_the_ablation(new_page, site_url):
    """Every ¶ link of the second plan yields an address that, opened afresh, shows its ablation;
    following a link to the first plan's ablation switches back."""
    page = new_page(viewport={"width": 1280, "height": 720})
    page.goto(url(site_url, PAPER))
    blocks = page.locator(".tabbed-set .tabbed-content > .tabbed-block")
    second_links = blocks.nth(1).locator("h3 a.headerlink")
    addresses = [link.get_attribute("href") for link in second_links.all()]
    assert len(addresses) >= 2, "the second plan needs ablations of its own"
    for address in addresses:
        page.goto(url(site_url, PAPER) + address)
        heading = page.locator(f'[id="{address[1:]}"]')
        assert blocks.nth(1).is_visible() and not blocks.nth(0).is_visible(), address
        assert page.locator(".tabbed-set > input").nth(1).is_checked()
        page.wait_for_function("id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
                               arg=address[1:])
        assert in_view(heading), address
    first = blocks.nth(0).locator("h3 a.headerlink").last.get_attribute("href")
    page.evaluate("hash => { location.hash = hash; }", first)
    page.wait_for_function("() => document.querySelector('.tabbed-set > input').checked")
    assert blocks.nth(0).is_visible() and not blocks.nth(1).is_visible()
    page.wait_for_function("id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
                           arg=first[1:])


def open_all_details(page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


@pytest.mark.parametrize("path", [TRAJECTORY, PAPER], ids=["trajectory", "paper"])
@pytest.mark.parametrize("how", ["prefers-dark", "toggle"])
def test_dark_mode_keeps_the_reasoning_and_plan_readable(new_page, site_url, path, how):
    if how == "prefers-dark":
        page = new_page(color_scheme="dark")
        page.goto(url(site_url, path))
    else:
        page = new_page(color_scheme="light")
        page.goto(url(site_url, path))
        assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
        page.locator("label[title='Switch to dark mode']").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    open_all_details(page)
    for kind in ("reasoning", "plan"):
        measured = page.evaluate(CONTRAST_JS, [f"article .{kind}", 4.5])
        assert measured["boxes"], f"no {kind} admonition"
        assert measured["texts"] > 3
        # Dark boxes and dark title bars in the dark scheme, not light boxes with light text.
        assert all(box["luminance"] < 0.1 and box["title"] < 0.1 for box in measured["boxes"]), measured["boxes"]
        assert measured["low"] == [], f"{kind}: text below 4.5:1 contrast"


@pytest.mark.parametrize("path", [TRAJECTORY, PAPER], ids=["trajectory", "paper"])
def test_light_mode_keeps_the_reasoning_and_plan_readable(new_page, site_url, path):
    page = new_page(color_scheme="light")
    page.goto(url(site_url, path))
    open_all_details(page)
    for kind in ("reasoning", "plan"):
        measured = page.evaluate(CONTRAST_JS, [f"article .{kind}", 4.5])
        assert measured["boxes"] and measured["texts"] > 3
        assert measured["low"] == [], f"{kind}: text below 4.5:1 contrast"


def test_the_contrast_measure_sees_light_text_on_a_light_box(new_page, site_url):
    """The measure above can fail: a light box with light text is caught."""
    page = new_page(color_scheme="dark")
    page.goto(url(site_url, TRAJECTORY))
    page.add_style_tag(content=".md-typeset .admonition.plan { background-color: #e3f2fd !important; }")
    measured = page.evaluate(CONTRAST_JS, ["article .plan", 4.5])
    assert measured["boxes"][0]["luminance"] > 0.5
    assert measured["low"]


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("name", ["home", "papers", "paper", "planner", "trajectory"])
def test_a_phone_sized_viewport_has_no_horizontal_overflow(new_page, site_url, name, javascript):
    page = new_page(**PHONE, java_script_enabled=javascript)
    page.goto(url(site_url, PAGES[name]))
    open_all_details(page)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    # What sticks out, for the message: elements past the right edge that no scrolling box clips.
    wide = page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const clipped = (e) => {
            for (let a = e; a && a !== document.body; a = a.parentElement) {
                const style = getComputedStyle(a);
                if (style.position === 'fixed') return true;
                if (a !== e && style.overflowX !== 'visible' && a.getBoundingClientRect().right <= width + 1) return true;
            }
            return false;
        };
        return Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getBoundingClientRect().right > width + 1 && !clipped(e))
            .map(e => `${e.tagName}.${e.className} (right edge ${Math.round(e.getBoundingClientRect().right)})`).slice(0, 10);
    }""")
    assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px viewport: {wide}"


def test_pages_render_without_javascript(new_page, site_url):
    page = new_page(java_script_enabled=False)
    page.goto(url(site_url, "papers/"))
    assert page.locator(".tv-matrix table a").first.is_visible()
    page.goto(url(site_url, TRAJECTORY))
    assert page.get_by_text("Reasoning trace").is_visible()
    assert page.get_by_text("The paper presents Align-VL").is_visible()
    assert page.locator('[id="ablation-1"]').is_visible()
    assert page.get_by_text("Encoder Architecture Ablation").is_visible()
    page.goto(url(site_url, PLANNER))
    assert page.locator("article table a").first.is_visible()


def test_every_page_loads_without_console_errors_or_failed_requests(new_page, site_url, site_dir, engine):
    page = new_page()
    watch = new_page.watch
    paths = sorted(str(p.parent.relative_to(site_dir)) for p in site_dir.rglob("index.html"))
    assert len(paths) >= 15
    for path in paths:
        page.goto(url(site_url, "" if path == "." else path + "/"))
        page.wait_for_load_state("networkidle")
    assert watch.problems == []
    assert any(request.endswith(".css") for request in watch.requests)
    searched = any("/search/" in request for request in watch.requests)
    # Material's search box starts its worker on every page; the site's own dialog (Zensical) when opened.
    assert searched == (engine == "mkdocs"), "the search index is loaded when the search box needs it"
    assert all(request.startswith(site_url) for request in watch.requests), "every request stays under the sub-path"


def test_a_missing_page_gets_the_styled_404_page_under_the_sub_path(new_page, site_url):
    page = new_page()
    missing = url(site_url, "papers/no-such-paper/")
    new_page.watch.allowed_statuses[missing] = 404
    response = page.goto(missing)
    assert response.status == 404
    assert "Page not found" in page.locator("article h1").inner_text()
    assert page.locator("header.md-header").evaluate("e => getComputedStyle(e).position") != "static"
    assert page.locator("a.md-header__button.md-logo").evaluate("a => a.href") == site_url


def test_the_watch_catches_console_errors_missing_files_and_other_hosts(new_page, site_url):
    """The checks every test ends with can fail."""
    page = new_page()
    watch = new_page.watch
    page.goto(site_url)
    page.evaluate("""() => {
        console.error('broken on purpose');
        const style = document.createElement('link');
        style.rel = 'stylesheet'; style.href = 'https://fonts.googleapis.com/css?family=Roboto';
        document.head.append(style);
        const image = document.createElement('img'); image.src = 'assets/no-such-image.png';
        document.body.append(image);
    }""")
    page.wait_for_load_state("networkidle")
    problems = list(watch.problems)
    watch.problems.clear()
    assert any("broken on purpose" in problem for problem in problems)
    assert any(problem.startswith("request to another host: https://fonts.googleapis.com/") for problem in problems)
    assert any(problem.startswith("HTTP 404:") and "no-such-image.png" in problem for problem in problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["home", "paper", "planner", "trajectory"])
def test_axe_finds_no_serious_or_critical_violations(new_page, site_url, name, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page = new_page(color_scheme=scheme)
    page.goto(url(site_url, PAGES[name]))
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{SCHEMES[scheme]}'")
    results = Axe().run(page)
    violations = results.response["violations"]
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}: "
        + "; ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"]) for node in violation["nodes"][:5])
        for violation in violations if violation["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
    assert SUB_PATH in page.url


def test_axe_here_reports_serious_violations(page, site_url):
    """The accessibility check above can fail: an image without a text alternative is critical."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url)
    page.evaluate("""() => { const image = document.createElement('img');
        image.src = 'assets/images/favicon.png'; document.querySelector('article').append(image); }""")
    violations = Axe().run(page).response["violations"]
    assert any(violation["id"] == "image-alt" and violation["impact"] == "critical" for violation in violations)
