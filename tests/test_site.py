"""The built site: strict build, no third-party requests, alt text, descriptions, math, 404, sitemap."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import nbformat
import pytest
import torch
import yaml
from conftest import DOCS, ROOT, front_matter, pages
from nbclient import NotebookClient

SITE_URL = "https://example.invalid/lr-scheduler-docs/"


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
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!!python", "#"))
    assert config["theme"]["font"] is False


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


def test_404_page_and_sitemap(built_site):
    assert (built_site / "404.html").exists()
    sitemap = (built_site / "sitemap.xml").read_text()
    for page in pages():
        url = SITE_URL + page.relative_to(DOCS).with_suffix("").as_posix().removesuffix("index") + ("/" if page.stem != "index" else "")
        assert f"<loc>{url}</loc>" in sitemap, url


def test_playground_is_executed_and_downloadable(built_site):
    html = (built_site / "playground" / "index.html").read_text(encoding="utf-8")
    assert html.count("data:image/png") >= 2, "the notebook's plots are missing"
    assert 'href="playground.ipynb"' in html
    assert (built_site / "playground" / "playground.ipynb").read_bytes() == (DOCS / "playground.ipynb").read_bytes()


def test_playground_notebook_runs_in_a_fresh_kernel():
    notebook = nbformat.read(DOCS / "playground.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    images = [o for c in notebook.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) >= 2


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
