"""The built site: strict build, no third-party requests, alt text, descriptions, math, 404, sitemap,
internal links and fragments, figure sizes."""

from __future__ import annotations

import functools
import os
import re
import shutil
from html import escape
import subprocess
import sys
from html.parser import HTMLParser

import nbformat
import pytest
import torch
from conftest import DOCS, ROOT, front_matter, pages
from mkdocs.config import load_config
from nbclient import NotebookClient

PLACEHOLDER_URL = "https://example.invalid/lr-scheduler-docs/"


def site_url() -> str:
    """site_url as the build sees it (SITE_URL from the environment, else the placeholder)."""
    return _config(os.environ.get("SITE_URL")).site_url


@functools.cache
def _config(_site_url_env):
    return load_config(str(ROOT / "mkdocs.yml"))


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(path):
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def html_pages(site):
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def test_every_torch_scheduler_has_a_page():
    """Fails when a torch upgrade adds a scheduler that has no page yet."""
    expected = set(torch.optim.lr_scheduler.__all__) - {"LRScheduler"} | {"SWALR"}
    documented = {front_matter(p).get("scheduler") for p in pages()}
    assert expected - documented == set(), "schedulers without a page"
    assert documented - {None} <= expected, "pages for schedulers torch does not have"


def test_config_requests_no_third_party_fonts():
    assert _config(os.environ.get("SITE_URL")).theme["font"] is False


def test_no_page_loads_anything_from_another_host(built_site):
    """Scripts, styles, images, fonts and iframes all come from the site itself."""
    for page in html_pages(built_site):
        for tag, attrs in parse(page):
            url = attrs.get("src") or (attrs.get("href") if tag == "link" and attrs.get("rel") != "canonical" else None)
            if url and re.match(r"(https?:)?//", url):
                pytest.fail(f"{page.relative_to(built_site)} loads {url}")
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_every_image_has_alt_text(built_site):
    for page in html_pages(built_site):
        for tag, attrs in parse(page):
            if tag == "img" and not attrs.get("src", "").startswith("data:"):
                assert len(attrs.get("alt", "").strip()) > 15, f"{page}: {attrs.get('src')} has no real alt text"


@pytest.mark.parametrize("page", pages(), ids=[p.relative_to(DOCS).as_posix() for p in pages()])
def test_every_page_has_its_own_description(page):
    assert len(front_matter(page).get("description", "")) > 40


def test_descriptions_reach_the_html(built_site):
    seen = {}
    for page in html_pages(built_site):
        if page.name == "404.html":
            continue
        meta = [a for t, a in parse(page) if t == "meta" and a.get("name") == "description"]
        assert meta and meta[0]["content"], f"{page}: no meta description"
        seen.setdefault(meta[0]["content"], []).append(page.relative_to(built_site).as_posix())
    assert all(len(v) == 1 for v in seen.values()), {k: v for k, v in seen.items() if len(v) > 1}


def test_formulas_are_mathml(built_site):
    for page in html_pages(built_site):
        text = page.read_text(encoding="utf-8")
        assert 'class="arithmatex"' not in text, f"{page}: unconverted formula"
    assert "<math" in (built_site / "schedulers" / "step_lr" / "index.html").read_text()


def page_url(page) -> str:
    """A source page's address relative to the site root (``schedulers/step_lr/``, ``""`` for home)."""
    rel = page.relative_to(DOCS).with_suffix("").as_posix()
    return "" if rel == "index" else rel + "/"


def test_site_url_is_set_at_build_time(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/their-fork/")
    assert site_url() == "https://someone.github.io/their-fork/"
    monkeypatch.delenv("SITE_URL")
    assert site_url() == PLACEHOLDER_URL


def test_pages_workflow_sets_site_url_from_the_repository():
    """The workflow derives https://<owner>.github.io/<repo>/ and exports it before testing and building."""
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "GITHUB_REPOSITORY" in workflow and 'echo "SITE_URL=$url" >> "$GITHUB_ENV"' in workflow
    assert workflow.index("SITE_URL=") < workflow.index("make test") < workflow.index("make site")


def test_404_page_and_sitemap_follow_site_url(built_site):
    base = site_url()
    assert (built_site / "404.html").exists()
    sitemap = (built_site / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    english = {page_url(p) for p in pages()} | {"playground/"}
    expected = {base + url for url in english} | {base + "ja/" + url for url in english}  # both editions
    assert set(locs) == expected


def test_canonical_links_follow_site_url(built_site):
    base = site_url()
    for page in pages():
        for edition in ("", "ja/"):
            html = built_site / edition / page_url(page) / "index.html"
            canonical = [a["href"] for t, a in parse(html) if t == "link" and a.get("rel") == "canonical"]
            assert canonical == [base + edition + page_url(page)], html


def test_404_page_refers_to_nothing_by_site_url_path(built_site):
    """Its links and assets are relative to a base its first script picks from the URL it is shown at."""
    from urllib.parse import urlsplit  # noqa: PLC0415

    prefix = urlsplit(site_url()).path
    for tag, attrs in parse(built_site / "404.html"):
        for key in ("href", "src"):
            value = attrs.get(key, "")
            if prefix != "/":
                assert not value.startswith(prefix), f"404.html: {tag} {key}={value}"
            assert not value.startswith("/"), f"404.html: {tag} {key}={value} is absolute"


class Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") == "canonical"):
                self.links.append(attrs[key])


def test_every_internal_link_and_fragment_resolves(built_site):
    """A pure-Python link check over the built HTML: every file and every #fragment exists."""
    from urllib.parse import unquote, urljoin, urlsplit  # noqa: PLC0415

    parsed = {}

    def anchors(path):
        if path not in parsed:
            parser = Anchors()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    root = built_site.resolve()
    broken, checked = [], 0
    for page in html_pages(built_site):
        if page.name == "404.html":
            continue  # its links are relative to a base chosen at run time (tests/test_browser.py)
        here = "/" + page.relative_to(built_site).as_posix()
        for link in anchors(page).links:
            if re.match(r"[a-z][a-z0-9+.-]*:", link, re.I):
                continue  # data:, https:, mailto:
            url = urlsplit(urljoin(here, link))
            target = root / unquote(url.path).lstrip("/")
            if url.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.resolve().is_relative_to(root) or not target.exists():
                broken.append(f"{here}: {link}")
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in anchors(target).ids:
                broken.append(f"{here}: {link} (no such fragment)")
    assert checked > 400
    assert not broken, broken


def test_figures_have_their_intrinsic_size_and_load_lazily_below_the_first(built_site):
    for page in html_pages(built_site):
        figures = [a for t, a in parse(page) if t == "img" and a.get("src", "").endswith(".svg")]
        for i, attrs in enumerate(figures):
            svg = (page.parent / attrs["src"]).resolve()
            box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg.read_text(encoding="utf-8"))
            assert (attrs.get("width"), attrs.get("height")) == (str(round(float(box[1]))), str(round(float(box[2])))), \
                f"{page}: {attrs['src']}"
            assert attrs.get("loading") == ("lazy" if i else None), f"{page}: {attrs['src']} loading"
    step_lr = [a for t, a in parse(built_site / "schedulers" / "step_lr" / "index.html") if t == "img"]
    assert len(step_lr) >= 3


def test_playground_is_executed_and_downloadable(built_site):
    html = (built_site / "playground" / "index.html").read_text(encoding="utf-8")
    assert html.count("data:image/png") >= 2, "the notebook's plots are missing"
    assert 'href="playground.ipynb"' in html
    assert (built_site / "playground" / "playground.ipynb").read_bytes() == (DOCS / "playground.ipynb").read_bytes()


@pytest.fixture(scope="module")
def executed_playground():
    notebook = nbformat.read(DOCS / "playground.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    return notebook


def test_playground_notebook_runs_in_a_fresh_kernel(executed_playground):
    images = [o for c in executed_playground.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) >= 2


ALT = re.compile(r"(?P<name>Learning rate|momentum) of (?P<title>.+?) over (?P<steps>\d+) steps: starts at (?P<start>\S+), "
                 r"highest (?P<top>\S+) \(first at step (?P<top_at>\d+)\), lowest (?P<low>\S+) "
                 r"\(first at step (?P<low_at>\d+)\), ends at (?P<end>[^;]+)")


def _agrees(alt: str, values: list[float]) -> None:
    """The numbers an alt text states are those of the trace (3 significant digits, as written)."""
    top, low = max(values), min(values)
    assert int(alt["steps"]) == len(values)
    for key, value in [("start", values[0]), ("top", top), ("low", low), ("end", values[-1])]:
        assert float(alt[key]) == pytest.approx(value, rel=5e-3), (key, alt[0])
    assert int(alt["top_at"]) == values.index(top) and int(alt["low_at"]) == values.index(low), alt[0]


def test_playground_figures_have_alt_text_that_matches_their_data(executed_playground, built_site):
    """Each figure's alt text is written from its trace; recompute the traces here and compare."""
    from conftest import lrs_used  # noqa: PLC0415
    from torch.optim import lr_scheduler  # noqa: PLC0415

    html = (built_site / "playground" / "index.html").read_text(encoding="utf-8")
    assert "No description has been provided" not in html
    cells = [c for c in executed_playground.cells if c.cell_type == "code"]
    figures = [o["data"] for c in cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(figures) == 2
    alts = [data["text/plain"] for data in figures]
    for alt, data in zip(alts, figures):
        assert f'<img alt="{escape(alt)}"' in data["text/html"]
        assert f'<img alt="{escape(alt)}"' in html, "the built page lost an alt text"

    # First figure: the chosen scheduler, re-run with the test's own stepping loop.
    namespace = {"lr_scheduler": lr_scheduler, "torch": torch}
    exec(cells[1].source.split("lrs, momenta = simulate")[0], namespace)  # SCHEDULERS, CHOICE, STEPS only
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1, momentum=0.9)
    scheduler = namespace["SCHEDULERS"][namespace["CHOICE"]](optimizer)
    momenta = []
    lrs = []
    for _ in range(namespace["STEPS"]):
        momenta.append(optimizer.param_groups[0]["momentum"])
        lrs += lrs_used(optimizer, scheduler, 1)
    found = list(ALT.finditer(alts[0]))
    assert [m["name"] for m in found] == ["Learning rate", "momentum"] and found[0]["title"] == namespace["CHOICE"]
    _agrees(found[0], lrs)
    _agrees(found[1], momenta)

    # Second figure: ReduceLROnPlateau on the notebook's seeded loss, stepped here.
    exec(cells[2].source.split("lrs, _ = simulate")[0], namespace)  # the loss list only
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1, momentum=0.9)
    plateau = lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=5, cooldown=2)
    assert "factor=0.5, patience=5, cooldown=2" in cells[2].source
    lrs = []
    for loss in namespace["loss"]:
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        plateau.step(loss)
    (found,) = ALT.finditer(alts[1])
    _agrees(found, lrs)


def test_missing_include_fails_the_strict_build_and_names_it(tmp_path):
    """A copy of the project whose page includes a file and a section that do not exist."""
    for name in ("snippets", "scripts", "overrides"):
        os.symlink(ROOT / name, tmp_path / name)
    config = (ROOT / "mkdocs.yml").read_text()
    (tmp_path / "mkdocs.yml").write_text(config.split("\nnav:")[0] + "\n")
    (tmp_path / "docs").mkdir()
    shutil.copytree(DOCS / "assets", tmp_path / "docs" / "assets")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for include, expected in [('"no_such_snippet.py"', "no_such_snippet.py"), ('"schedulers/step_lr/step_lr.py:no_such_section"', "no_such_section")]:
        (tmp_path / "docs" / "index.md").write_text(f"# Broken\n\n```python\n--8<-- {include}\n```\n")
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                             cwd=tmp_path, env=env, capture_output=True, text=True)
        assert run.returncode != 0
        assert expected in run.stderr + run.stdout
