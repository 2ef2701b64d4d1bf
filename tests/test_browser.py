"""The site as readers meet it: headless Chromium (Debian's) against the built site, served on
127.0.0.1 from a sub-path, as GitHub Pages serves a project site."""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlparse

import pytest
from conftest import ROOT

import bench
import figures

SUB_PATH = "lr-scheduler-docs"
# Debian's package first; the others are what hosted CI images ship.
BROWSERS = ["chromium", "chromium-browser", "google-chrome"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def base_url(built_site, tmp_path_factory):
    root = tmp_path_factory.mktemp("www")
    (root / SUB_PATH).symlink_to(built_site)
    server, url = bench.serve(root)  # gzip, as GitHub Pages serves it
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


def page_paths(site) -> list[str]:
    paths = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return paths


@pytest.fixture(scope="session")
def visited(browser, base_url, built_site):
    """Load every page once; record console errors, failed images and off-host requests."""
    report = {}
    context = browser.new_context()
    for path in page_paths(built_site) + ["404.html"]:
        page = context.new_page()
        errors, offsite = [], []
        page.on("console", lambda msg, errors=errors: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))

        def guard(route, offsite=offsite):
            host = urlparse(route.request.url).hostname
            if route.request.url.startswith("data:") or host == "127.0.0.1":
                route.continue_()
            else:
                offsite.append(route.request.url)
                route.abort()

        page.route("**/*", guard)
        page.goto(base_url + path, wait_until="networkidle")
        broken = page.evaluate(
            "[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
        report[path] = {"errors": errors, "offsite": offsite, "broken_images": broken,
                        "images": page.evaluate("document.images.length")}
        page.close()
    context.close()
    return report


def test_every_page_loads_cleanly(visited):
    problems = {p: r for p, r in visited.items() if r["errors"] or r["offsite"] or r["broken_images"]}
    assert not problems, problems
    assert len(visited) >= 20
    assert visited["schedulers/step_lr/"]["images"] >= 3


def test_copy_button_copies_exactly_the_snippet(browser, base_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "schedulers/step_lr/", wait_until="networkidle")
    block = page.locator("div.highlight", has=page.locator("span.filename", has_text="snippets/schedulers/step_lr/step_lr.py")).first
    block.hover()
    block.locator('button[data-md-type="copy"]').click()
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert copied.rstrip("\n") == (ROOT / "snippets" / "schedulers" / "step_lr" / "step_lr.py").read_text().rstrip("\n")


def test_search_finds_every_scheduler_by_class_name(browser, base_url, built_site):
    """The site's own search (Material's, offline) ranks each scheduler's page first."""
    from conftest import front_matter, pages

    schedulers = {front_matter(p)["scheduler"]: p.stem for p in pages() if "scheduler" in front_matter(p)}
    page = browser.new_page()
    for name, stem in schedulers.items():
        # ?q= opens the search with that query once the index is loaded (typing races the index).
        page.goto(f"{base_url}?q={name}", wait_until="networkidle")
        # Results arrive asynchronously; Material tags each result link with ?h=query.
        page.wait_for_function(
            "q => { const a = document.querySelector('.md-search-result__item a');"
            " return a && a.href.endsWith('h=' + q); }", arg=name.lower(), timeout=10_000)
        href = page.locator(".md-search-result__item a").first.get_attribute("href")
        assert f"schedulers/{stem}/" in href, f"search for {name}: first result is {href}"
    page.close()


def test_nothing_scrolls_horizontally_on_a_phone(browser, base_url, built_site):
    context = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=1)
    page = context.new_page()
    wide = {}
    for path in page_paths(built_site):
        page.goto(base_url + path, wait_until="networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            wide[path] = width
    context.close()
    assert not wide, f"pages wider than the viewport: {wide}"


def _rgb(css: str) -> str:
    r, g, b = (int(x) for x in re.findall(r"\d+", css)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


@pytest.mark.parametrize("scheme, expected", [("light", figures.LIGHT_BACKGROUND), ("dark", figures.DARK_BACKGROUND)])
def test_figures_are_drawn_for_the_backgrounds_the_site_really_has(browser, base_url, scheme, expected):
    """The figure colours are checked against these backgrounds (tests/test_figures.py)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "schedulers/step_lr/", wait_until="networkidle")
    background = page.evaluate("getComputedStyle(document.querySelector('.md-main')).backgroundColor")
    if "rgba(0, 0, 0, 0)" in background:
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    assert _rgb(background) == expected
