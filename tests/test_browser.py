"""The site as readers meet it: headless Chromium (Debian's) against the built site, served on
127.0.0.1 from a sub-path, as GitHub Pages serves a project site."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest
from conftest import ROOT, SUB_PATH  # the browser and base_url fixtures live in conftest.py

import bench
import figures

def page_paths(site) -> list[str]:
    paths = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return paths


PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 720}
LOAD_IMAGES = """() => Promise.all([...document.images].map(i => {
      i.loading = 'eager';
      return i.decode().catch(() => null);
    })).then(() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src))"""
# What loads only when the reader scrolls to it (code blocks' buttons, the Try it panel) is brought in as a
# reader brings it, one screen at a time, so that the checks below see the page as read to its end.
READ_TO_THE_END = """async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) { scrollTo(0, y); await frame(); }
  scrollTo(0, 0);
  await frame();
}"""
SETTLED = ("() => document.documentElement.hasAttribute('data-scrollers-checked') && "
           "[...document.querySelectorAll('[data-explorer]')].every(e => e.hasAttribute('data-state'))")


@pytest.fixture(scope="session")
def tour(browser, base_url, built_site):
    """Every page of both editions (and the 404 page), loaded once, as a reader's browser shows it.

    On each load: console errors, failed images and off-host requests are recorded; every figure (lazy
    below the first) is loaded and decoded; axe-core runs in the palette the page opened in, the reader's
    palette toggle is clicked and the colour rules run again in the other one (so pages alternate which
    palette comes first, and each is checked in both); then the viewport narrows to a phone's and the
    page's width is measured. One load per page instead of one per check."""
    axe = AXE.read_text(encoding="utf-8")
    report = {"pages": {}, "axe": {"schemes": {}, "violations": [], "samples": {}}}
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors, offsite = [], []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def guard(route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            offsite.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    for path in page_paths(built_site) + ["404.html"]:
        errors.clear()
        offsite.clear()
        page.set_viewport_size(DESKTOP)
        page.goto(base_url + path, wait_until="load")
        broken = page.evaluate(LOAD_IMAGES)
        page.evaluate(READ_TO_THE_END)
        page.wait_for_function(SETTLED)
        first = page.evaluate("document.body.dataset.mdColorScheme")
        for scheme in (first, "slate" if first == "default" else "default"):
            _switch_palette(page, scheme)
            _axe(page, axe, report["axe"], scheme, path, structural=scheme == "default")
        page.set_viewport_size(PHONE)
        width = page.evaluate("new Promise(r => requestAnimationFrame(() => r(document.documentElement.scrollWidth)))")
        page.wait_for_load_state("networkidle")  # requests started late (search index, explorer) have ended
        report["pages"][path] = {"errors": list(errors), "offsite": list(offsite), "broken_images": broken,
                                 "images": page.evaluate("document.images.length"), "phone_width": width}
    context.close()
    return report


def _axe(page, axe: str, report: dict, scheme: str, path: str, structural: bool) -> None:
    report["schemes"][scheme, path] = page.evaluate("document.body.dataset.mdColorScheme")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe)
    report["samples"][scheme, path] = page.evaluate(MARK_SAMPLES)
    runs = [("samples", {"runOnly": COLOUR_RULES, "resultTypes": ["violations"]})]
    if structural:
        rules = page.evaluate(STRUCTURAL_RULES % json.dumps(COLOUR_RULES))
        report["structural_rules"] = rules
        runs.append(("document", {"runOnly": rules, "resultTypes": ["violations"]}))
    for run in runs:
        for violation in page.evaluate(RUN, list(run)):
            report["violations"].append({"palette": scheme, "page": path, **violation})


def test_every_page_loads_cleanly(tour, built_site):
    visited = tour["pages"]
    assert set(visited) == set(page_paths(built_site) + ["404.html"])
    problems = {p: r for p, r in visited.items() if r["errors"] or r["offsite"] or r["broken_images"]}
    assert not problems, problems
    assert len(visited) >= 70
    assert visited["schedulers/step_lr/"]["images"] >= 3 and visited["ja/schedulers/step_lr/"]["images"] >= 3


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


def search(page, url: str, query: str) -> list[str]:
    """The result links of the site's own search (Material's, offline) for `query`, best first."""
    # ?q= opens the search with that query once the index is loaded (typing races the index).
    page.goto(f"{url}?q={query}", wait_until="networkidle")
    # Results arrive asynchronously; Material tags each result link with ?h=query.
    page.wait_for_function(
        "q => { const a = document.querySelector('.md-search-result__item a');"
        " const h = a && new URL(a.href).searchParams.get('h');"
        # the highlighted terms: the query itself, or for Japanese its first segment (学習率 -> 学習)
        " return h && q.startsWith(h); }", arg=query.lower(), timeout=10_000)
    return page.evaluate("[...document.querySelectorAll('.md-search-result__item a')].map(a => a.href)")


@pytest.mark.parametrize("edition", ["", "ja/"], ids=["English", "Japanese"])
def test_search_finds_every_scheduler_by_class_name(browser, base_url, edition):
    """In each edition, a class name finds that scheduler's page first, in the same edition."""
    from conftest import front_matter, pages

    schedulers = {front_matter(p)["scheduler"]: p.stem for p in pages() if "scheduler" in front_matter(p)}
    page = browser.new_page()
    for name, stem in schedulers.items():
        results = search(page, base_url + edition, name)
        assert results[0].startswith(f"{base_url}{edition}schedulers/{stem}/"), f"search for {name}: first result is {results[0]}"
        assert all(r.startswith(base_url + "ja/") == bool(edition) for r in results), f"{name}: a result from the other edition"
    page.close()


# Japanese queries (segmented by Material's TinySegmenter) and the page each must find first.
JAPANESE_QUERIES = {"ウォームアップ": "guides/warm_up/", "チェックポイント": "guides/checkpoints/", "エラー": "reference/errors/",
                    "互換性": "compatibility/", "質問": "guides/questions/", "レシピ": "guides/recipes/"}


def test_a_japanese_query_finds_its_page_in_the_japanese_edition(browser, base_url):
    page = browser.new_page()
    results = search(page, base_url + "ja/", "学習率")
    assert len(results) >= 10 and all(r.startswith(base_url + "ja/") for r in results)
    for query, path in JAPANESE_QUERIES.items():
        results = search(page, base_url + "ja/", query)
        assert results[0].startswith(base_url + "ja/" + path), f"search for {query}: first result is {results[0]}"
    page.close()


def test_nothing_scrolls_horizontally_on_a_phone(tour):
    wide = {p: r["phone_width"] for p, r in tour["pages"].items() if r["phone_width"] > PHONE["width"]}
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


# --- the 404 page, from a sub-path that is not site_url's ---------------------------------------------

@pytest.mark.parametrize("missing", ["no-such-page", "no-such-page/", "schedulers/no_such_lr/",
                                     "guides/deeper/still/missing.html"])
def test_404_page_loads_its_styles_scripts_and_links_from_any_sub_path(browser, base_url, built_site, missing):
    assert not base_url.endswith(urlparse(bench_site_url()).path), "serve from another sub-path than site_url's"
    page = browser.new_page()
    failed = []
    page.on("response", lambda r: r.status >= 400 and r.url != base_url + missing and failed.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    response = page.goto(base_url + missing, wait_until="networkidle")
    assert response.status == 404
    loaded = page.evaluate("""() => ({
        sheets: [...document.styleSheets].filter(s => s.href).map(s => s.href),
        scripts: [...document.scripts].filter(s => s.src).map(s => s.src),
        links: [...document.querySelectorAll('a[href]')].map(a => a.href),
        header: getComputedStyle(document.querySelector('.md-header')).position,
        material: typeof window.document$ !== 'undefined'})""")
    page.close()
    assert not failed, f"{missing}: failed to load {failed}"
    assert loaded["header"] == "sticky", "Material's stylesheet did not apply"
    assert loaded["material"], "Material's script did not run"
    assert len(loaded["sheets"]) >= 3 and len(loaded["scripts"]) >= 2
    for url in loaded["sheets"] + loaded["scripts"] + loaded["links"]:
        if url.startswith(base_url.split(SUB_PATH)[0]) and "#" not in url:
            assert url.startswith(base_url), f"{missing}: {url} is outside the served site"
            target = built_site / url[len(base_url):].split("?")[0]
            assert target.exists() or (target / "index.html").exists(), f"{missing}: {url} leads nowhere"
    assert sum(u.startswith(base_url + "schedulers/") for u in loaded["links"]) >= 16


def bench_site_url() -> str:
    from test_site import site_url  # noqa: PLC0415

    return site_url()


# --- axe-core, every page, both palettes --------------------------------------------------------------

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Only colours change between palettes, so the colour rules run in both and the structural ones once: axe's
# default rule set (what an outside check runs), limited to the rules that can report a serious or
# critical violation, plus landmark-unique (moderate; Material's copy buttons tripped it on every page).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
STRUCTURAL_RULES = """() => axe._audit.rules.filter(r => r.enabled !== false && !%s.includes(r.id)
    && (['serious', 'critical'].includes(r.impact) || r.id === 'landmark-unique')).map(r => r.id)"""
# color-contrast checks each text node; code blocks have thousands with a handful of distinct styles. One
# element per distinct (colour, background, font size and weight, opacity) is checked: the same verdict.
MARK_SAMPLES = """() => {
  const seen = new Set(), transparent = 'rgba(0, 0, 0, 0)';
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.backgroundColor !== transparent || s.backgroundImage !== 'none') return s.backgroundColor + s.backgroundImage;
    }
    return '';
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let count = 0;
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || !walker.currentNode.textContent.trim()) continue;
    const s = getComputedStyle(el);
    const key = [s.color, background(el), s.fontSize, s.fontWeight, s.opacity, s.textShadow, el.closest('a') ? 'a' : ''].join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    count++;
    // Including an element includes its subtree: a text node beside child elements gets a bare wrapper
    // (same inherited colours) so that only it is checked, not, say, a whole code block.
    const text = walker.currentNode;
    let target = el;
    if (el.children.length) {
      target = document.createElement('span');
      text.replaceWith(target);
      target.append(text);
      walker.currentNode = text;
    }
    target.setAttribute('data-axe-sample', '');
  }
  return count;
}"""
RUN = """([context, options]) => axe.run(context === 'samples' ? {include: [...document.querySelectorAll('[data-axe-sample]')]}
                                                            : document, options)
  .then(r => r.violations.map(v => ({rule: v.id, impact: v.impact,
     nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary.split('\\n').slice(1).join(' ').trim())})))"""


def _switch_palette(page, scheme: str) -> None:
    """As a reader does: click the header's palette toggle (Material remembers the choice)."""
    for _ in range(3):
        if page.evaluate("document.body.dataset.mdColorScheme") == scheme:
            return
        page.locator("form[data-palette] label:not([hidden])").first.click()
    raise AssertionError(f"the palette toggle did not switch to {scheme}")


@pytest.fixture(scope="session")
def axe_report(tour):
    return tour["axe"]


def test_axe_ran_on_every_page_in_the_palette_it_was_asked_for(axe_report, built_site):
    assert len(axe_report["schemes"]) == 2 * (len(page_paths(built_site)) + 1)
    wrong = {k: v for k, v in axe_report["schemes"].items() if k[0] != v}
    assert not wrong, f"pages not in the palette the reader chose: {wrong}"
    assert all(n >= 10 for n in axe_report["samples"].values()), "colour samples missing"
    rules = axe_report["structural_rules"]
    assert {"landmark-unique", "scrollable-region-focusable", "image-alt", "aria-allowed-attr", "list"} <= set(rules)
    assert "region" not in rules and "target-size" not in rules  # moderate; off by default


def _format(violations) -> str:
    return "\n".join(f"{v['palette']} {v['page'] or '(home)'}: {v['rule']} [{v['impact']}] "
                     f"{len(v['nodes'])} nodes, e.g. " + " | ".join(v["nodes"][:3]) for v in violations)


def test_axe_finds_no_serious_or_critical_violation_in_either_palette(axe_report):
    bad = [v for v in axe_report["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, "axe-core:\n" + _format(bad)


def test_axe_finds_no_duplicate_landmarks(axe_report):
    """Material's copy buttons sit in unnamed <nav>s: dozens of identical navigation landmarks per page."""
    bad = [v for v in axe_report["violations"] if v["rule"] == "landmark-unique"]
    assert not bad, "axe-core:\n" + _format(bad)
