"""Thin MkDocs hook: the content does not depend on it.

* before each build (and each rebuild of ``mkdocs serve``) run ``scripts/runner.py``,
  which regenerates only stale figures and outputs;
* turn arithmatex's TeX spans into MathML, so formulas render with no script or CDN;
* under ``mkdocs serve`` only, let mkdocs-jupyter cache the executed playground;
* add the explorer's chart library from node_modules, and serve the explorer's modules without
  their comment lines (``scripts/explorer_assets.py``);
* give each figure its intrinsic ``width``/``height`` (no layout shift) and lazy loading below the first;
* make ``404.html`` independent of where the site is served (see ``portable_404``), and keep it English;
* give each edition its own search index (``scripts/editions.py``).
"""

import html
import json
import re
import subprocess
import sys
from pathlib import Path

from urllib.parse import urlsplit

from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))
from explorer_assets import add_vendor_files, strip_comment_lines  # noqa: E402

RUNNER = Path(__file__).with_name("runner.py")
sys.path.insert(0, str(RUNNER.parent))
import compat  # noqa: E402 - the release matrix shown on every page
import editions  # noqa: E402 - the English and Japanese editions after both are built
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>', re.S
)


def on_startup(command, dirty):
    global COMMAND
    COMMAND = command


COMMAND = "build"


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


def _mathml(match):
    display = "block" if match["open"] == "[" else "inline"
    return convert(html.unescape(match["tex"]).strip(), display=display)


GENERATED = Path(__file__).resolve().parent.parent / "docs" / "generated"
FIGURE = re.compile(r'<img (?P<attrs>[^>]*?)src="(?P<src>[^"]*generated/(?P<name>[\w-]+)\.svg)"(?P<rest>[^>]*?)\s*/?>')
VIEWBOX = re.compile(r'<svg[^>]*?viewBox="0 0 (?P<w>[\d.]+) (?P<h>[\d.]+)"')


def svg_size(name: str) -> tuple[int, int]:
    """The figure's intrinsic size in CSS pixels, from its viewBox."""
    svg = GENERATED / f"{name}.svg"
    match = VIEWBOX.search(svg.read_text(encoding="utf-8")[:2000])
    if not match:
        raise PluginError(f"{svg}: no viewBox to take the figure's size from")
    return round(float(match["w"])), round(float(match["h"]))


def _sized_figures(html_text: str) -> str:
    count = 0

    def sized(match):
        nonlocal count
        count += 1
        width, height = svg_size(match["name"])
        lazy = ' loading="lazy"' if count > 1 else ""  # the first figure may be in the first screen
        return (f'<img {match["attrs"]}src="{match["src"]}"{match["rest"]} width="{width}" height="{height}"'
                f'{lazy} decoding="async">')

    return FIGURE.sub(sized, html_text)


def on_page_content(html_text, page, config, files):
    if page.file.src_uri.endswith(".ja.ipynb"):
        html_text = editions.translate_notebook_alts(html_text)
    if ".ja." in page.file.src_uri:
        html_text = editions.join_japanese_lines(html_text)
    return _sized_figures(MATH.sub(_mathml, html_text))


# The base of a 404 page cannot come from its own URL (any missing path shows it), so a tiny script
# picks it before anything loads: the path of `site_url` when the URL is under it; else the part of the
# URL before the first of the site's own top-level names; else the folder above the missing page.
# (A missing URL two or more unknown folders deep under another sub-path gets that folder as its base.)
BASE_SCRIPT = """<script>(function () {
  var hint = %(hint)s, known = %(known)s, path = location.pathname, parts = path.split("/"), root;
  if (hint && path.indexOf(hint) === 0) root = hint;
  else {
    var i = parts.findIndex(function (p, k) { return k > 0 && known.indexOf(p) >= 0; });
    root = (i > 0 ? parts.slice(0, i) : parts.slice(0, Math.max(1, parts.length - (/\\/$/.test(path) ? 2 : 1)))).join("/") + "/";
  }
  var base = document.createElement("base");
  base.href = root;
  document.head.appendChild(base);
})();</script>"""
FIX_CONFIG = """<script>(function () {
  var el = document.getElementById("__config"), c = JSON.parse(el.textContent);
  c.base = document.baseURI; c.search = new URL(c.search, document.baseURI).href;
  el.textContent = JSON.stringify(c);
})();</script>"""


def portable_404(text: str, prefix: str, known: list[str]) -> str:
    """Make a 404 page rendered with absolute URLs under `prefix` work from any sub-path."""
    text = re.sub(rf'(href|src)="{re.escape(prefix)}', r'\1="./', text)
    text = text.replace(f'__md_scope=new URL("{prefix}"', "__md_scope=new URL(document.baseURI")
    text = re.sub(rf'"{re.escape(prefix)}([^"]*)"', r'"./\1"', text)  # __config's base and search worker
    # The browser's preload scanner would fetch these before the base exists (relative to the missing
    # page's URL: wasted 404s), so the tags that load something are written by script, after the base.
    loaders = r'<link [^>]*href="\./[^"]*"[^>]*>|<script [^>]*src="\./[^"]*"[^>]*></script>'
    text = re.sub(loaders, lambda m: "<script>document.write(%s)</script>" % json.dumps(m[0]).replace("</", "<\\/"), text)
    hint = json.dumps(prefix if prefix != "/" else "")
    script = BASE_SCRIPT % {"hint": hint, "known": json.dumps(sorted(known))}
    head = re.search(r"<head>\s*(<meta charset=[^>]*>)?", text)
    text = text[:head.end()] + script + text[head.end():]
    return re.sub(r'(<script id="__config"[^>]*>.*?</script>)', lambda m: m[1] + FIX_CONFIG, text, count=1, flags=re.S)


_ENGLISH_404: dict[str, str] = {}


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
    strip_comment_lines(site)
    page = site / "404.html"
    if page.exists():
        prefix = urlsplit(config.site_url or "/").path or "/"
        known = [p.name for p in site.iterdir() if p.name != "404.html"]
        text = editions.HEAD_ALTERNATE.sub("", page.read_text(encoding="utf-8"))  # see editions.link_twins
        page.write_text(portable_404(text, prefix, known), encoding="utf-8")
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
