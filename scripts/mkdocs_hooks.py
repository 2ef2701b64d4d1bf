"""Thin MkDocs hook: the content does not depend on it.

* before each build (and each rebuild of ``mkdocs serve``) run ``scripts/runner.py``,
  which regenerates only stale figures and outputs;
* under ``mkdocs serve`` only, let mkdocs-jupyter cache the executed playground;
* add the explorer's chart library from node_modules, and serve the site's own scripts minified
  (``scripts/explorer_assets.py``);
* pass each page's HTML through ``scripts/page_html.py`` (MathML, figure sizes, lean code blocks, the
  portable 404 page) and ``scripts/editions.py`` (the Japanese edition), and the release matrix through
  ``scripts/compat.py``.
"""

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))
import compat  # noqa: E402 - the release matrix shown on every page
import editions  # noqa: E402 - the English and Japanese editions after both are built
import page_html  # noqa: E402 - MathML, figure sizes, code blocks, the 404 page
from explorer_assets import add_vendor_files, minify_scripts  # noqa: E402

RUNNER = Path(__file__).with_name("runner.py")
GENERATED = page_html.GENERATED
COMMAND = "build"


def on_startup(command, dirty):
    global COMMAND
    COMMAND = command


def on_config(config):
    # Re-executing the playground on every live reload is slow; a serve session may
    # reuse mkdocs-jupyter's cache (it ignores the torch version, so builds never do).
    if COMMAND == "serve" and "mkdocs-jupyter" in config.plugins:
        config.plugins["mkdocs-jupyter"].config["cache"] = True


def on_pre_build(config):
    compat.reset()
    run = subprocess.run([sys.executable, str(RUNNER)], capture_output=True, text=True)
    if run.returncode != 0:
        raise PluginError(f"snippet runner failed:\n{run.stderr.strip()}")
    if "nothing to do" not in run.stdout:
        print(run.stdout.strip(), file=sys.stderr)


@event_priority(-150)  # after mkdocs-static-i18n has rebuilt the file list (as plain files)
def on_files(files, config):
    editions.notebooks_as_pages(files, config)
    return add_vendor_files(files, config)  # the explorer's chart library, from node_modules


def on_page_content(html_text, page, config, files):
    if page.file.src_uri.endswith(".ja.ipynb"):
        html_text = editions.translate_notebook_alts(html_text)
    if ".ja." in page.file.src_uri:
        html_text = editions.join_japanese_lines(html_text)
    return page_html.slim_code(page_html.sized_figures(page_html.mathml(html_text)))


_ENGLISH_404: dict[str, str] = {}


def on_post_page(output, page, config):
    return page_html.defer_scripts(output)


def on_post_template(output, template_name, config):
    # The Japanese edition is built into the same folder and would replace the site's one 404 page
    # (the page GitHub Pages shows for any missing path) with its own: keep the English one.
    if template_name == "404.html":
        if config.theme["language"] == "ja" and "text" in _ENGLISH_404:
            return _ENGLISH_404["text"]
        _ENGLISH_404["text"] = output
    return output


@event_priority(-200)  # after mkdocs-static-i18n's own post-build step, which builds the Japanese edition
def on_post_build(config):
    if getattr(config.plugins.get("i18n"), "building", False):  # the Japanese build, nested in the English one
        return
    site = Path(config.site_dir)
    minify_scripts(site)  # the explorer's modules and extra.js, with terser
    page = site / "404.html"
    if page.exists():
        prefix = urlsplit(config.site_url or "/").path or "/"
        known = [p.name for p in site.iterdir() if p.name != "404.html"]
        text = editions.HEAD_ALTERNATE.sub("", page.read_text(encoding="utf-8"))  # see editions.link_twins
        page.write_text(page_html.portable_404(text, prefix, known), encoding="utf-8")
    if (site / editions.JA).is_dir():
        editions.split_search_index(site)
        editions.rebase_japanese_pages(site)
        editions.link_twins(site)
        editions.add_notebooks_to_sitemap(site, config.site_url or "")


def on_page_markdown(markdown, page, config, files):
    markdown = compat.annotate(markdown, page.file.src_uri)
    if page.file.src_uri.endswith(".ja.md"):  # generated tables of behaviour, in Japanese words
        markdown = editions.translate_included_tables(markdown, GENERATED)
    return markdown
