"""What the build does to a page's HTML, apart from its words (called by ``scripts/mkdocs_hooks.py``).

* ``mathml``: arithmatex's TeX spans become MathML, so formulas render with no script or CDN;
* ``sized_figures``: each figure gets its intrinsic ``width``/``height`` (no layout shift), and lazy
  loading below the first;
* ``slim_code``: Pygments' token spans that draw nothing of their own are dropped (see ``slim_code``);
* ``defer_scripts``: Material's bundle and extra.js run once the page is parsed (``defer``);
* ``portable_404``: the 404 page works wherever the site is served.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError

MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>', re.S
)


def mathml(html_text: str) -> str:
    return MATH.sub(_mathml, html_text)


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


def sized_figures(html_text: str) -> str:
    count = 0

    def sized(match):
        nonlocal count
        count += 1
        width, height = svg_size(match["name"])
        lazy = ' loading="lazy"' if count > 1 else ""  # the first figure may be in the first screen
        return (f'<img {match["attrs"]}src="{match["src"]}"{match["rest"]} width="{width}" height="{height}"'
                f'{lazy} decoding="async">')

    return FIGURE.sub(sized, html_text)


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


# Pygments wraps every token of a highlighted block in a <span>: a long code page holds thousands of
# them, and the browser styles and lays out each one (most of the load-time work on a phone). Names and
# whitespace draw in the code block's own colour (Material: `.highlight .n` is `--md-code-hl-name-color`,
# which is `--md-code-fg-color`, in both palettes; `.w` has no rule), so their spans are dropped; two
# neighbouring spans of one class become one. The text and the colour of every character stay as they
# were (tests/test_page_html.py; the browser test checks the colours against the real stylesheets).
PLAIN_TOKENS = ("n", "w")
BOXED_TOKENS = ("gd", "gi", "hll")  # padded or with a background: two boxes are not one
_CODE_BLOCK = re.compile(r'(<div class="highlight">(?:(?!</div>).)*?<code>)(.*?)(</code>)', re.S)
_PLAIN = re.compile(r'<span class="(?:%s)">([^<]*)</span>' % "|".join(PLAIN_TOKENS))
_PAIR = re.compile(r'<span class="(?P<cls>[\w-]+)">(?P<a>[^<]*)</span><span class="(?P=cls)">(?P<b>[^<]*)</span>')


def _merge(match):
    if match["cls"] in BOXED_TOKENS:
        return match[0]
    return f'<span class="{match["cls"]}">{match["a"]}{match["b"]}</span>'


def slim_code(html_text: str) -> str:
    def block(match):
        body = _PLAIN.sub(r"\1", match[2])
        while True:
            merged = _PAIR.sub(_merge, body)
            if merged == body:
                return match[1] + body + match[3]
            body = merged

    return _CODE_BLOCK.sub(block, html_text)


# Material writes its bundle and the extra scripts as plain <script src> at the end of <body>. Where the
# bundle is already loaded when the parser reaches it (a fast connection, a cache), it runs before the
# page's text is first drawn, and Lighthouse's phone model then counts its download and run before the
# largest paint (LCP 1.7 s or 3.1 s on the same page, run to run). Deferred, they run after parsing, in
# the same order, before DOMContentLoaded, which is all Material waits for.
_BLOCKING = re.compile(r'<script src="([^"]*?(?:assets/javascripts/bundle\.[0-9a-f]+\.min\.js|assets/extra\.js))"></script>')


def defer_scripts(html_text: str) -> str:
    return _BLOCKING.sub(r'<script defer src="\1"></script>', html_text)
