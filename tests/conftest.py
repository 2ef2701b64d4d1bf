"""Shared fixtures: snippets run in-process once per session, the site is built once."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402
import runner  # noqa: E402

DOCS = ROOT / "docs"


@cache
def result(name: str) -> runner.Result:
    """Run the snippet NAME (``snippets/<page>/NAME.py``) in this process and return what it recorded."""
    return runner.run(snippet(name))


@pytest.fixture(scope="session", autouse=True)
def snippets_run_first():
    """Every snippet runs in this process before any test, in the build's order, so nothing a test did
    earlier (a torch.compile, a warning torch gives once per process) can change what a snippet prints."""
    for s in runner.all_snippets():
        try:
            result(s.name)
        except runner.SnippetError:
            pass  # reported by the tests that use it (a failure is not cached)


@cache
def snippet(name: str) -> runner.Snippet:
    return runner.find(name)


def lrs(name: str, label: str = "") -> list[float]:
    """The learning-rate trace a snippet recorded (one curve, picked by label if several)."""
    series = result(name).traces["lrs"]
    return series[label] if label or len(series) > 1 else series[""]


def lrs_used_by_group(optimizer, scheduler, steps: int) -> list[list[float]]:
    """Every group's LR at each of `steps` steps, stepping as the snippets do (optimizer first).

    `scheduler` may be a list: its schedulers step in that order after each optimizer.step()."""
    schedulers = scheduler if isinstance(scheduler, (list, tuple)) else [scheduler]
    used = []
    for _ in range(steps):
        used.append([group["lr"] for group in optimizer.param_groups])
        optimizer.step()
        for each in schedulers:
            each.step()
    return used


def lrs_used(optimizer, scheduler, steps: int) -> list[float]:
    """The LR of group 0 at each of `steps` steps (see lrs_used_by_group)."""
    return [row[0] for row in lrs_used_by_group(optimizer, scheduler, steps)]


def trace(name: str, kind: str, label: str = "") -> list[float]:
    return result(name).traces[kind][label]


def pages() -> list[Path]:
    """The English pages (docs/**/x.md); their Japanese twins x.ja.md are ja_pages()."""
    return sorted(p for p in DOCS.rglob("*.md") if ".ja." not in p.name)


def ja_pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.ja.md"))


def front_matter(page: Path) -> dict[str, str]:
    text = page.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not match:
        return {}
    return dict(line.split(": ", 1) for line in match[1].splitlines() if ": " in line)


@pytest.fixture(scope="session")
def generated() -> Path:
    """docs/generated brought up to date the way the build does it (incrementally)."""
    runner.build(runner.all_snippets(), log=lambda *_: None)
    return runner.GENERATED


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as `mkdocs build --strict` produces it (which also runs the runner)."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    before = git_status()
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr
    assert git_status() == before, "building the site changed files git tracks or sees"
    return out


def git_status() -> str:
    """What git sees as changed or new (generated files are ignored, so a build changes nothing)."""
    run = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                         capture_output=True, text=True)
    return run.stdout if run.returncode == 0 else "not a git checkout"


# --- the built site in a real browser (shared by every browser test module) ---

# Not the path of site_url: every page (the 404 page included) must work wherever it is served.
SUB_PATH = "served/elsewhere"
# Debian's package first; the others are what hosted CI images ship.
BROWSERS = ["chromium", "chromium-browser", "google-chrome"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def base_url(built_site, tmp_path_factory):
    root = tmp_path_factory.mktemp("www")
    (root / "served").mkdir()
    (root / SUB_PATH).symlink_to(built_site)
    # gzip, and 404.html for a missing path, as GitHub Pages serves a project site
    server, url = bench.serve(root, not_found=built_site / "404.html")
    yield f"{url}{SUB_PATH}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    executable = next(filter(None, map(shutil.which, BROWSERS)), None)
    assert executable, "no Chromium found: `make test` installs Debian's chromium package"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
