"""scripts/page_html.py: lean code blocks keep every character and its colour (the browser test checks the
colours against the real stylesheets), and the built pages carry them."""

from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import page_html  # noqa: E402

SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))


class Painted(HTMLParser):
    """Each character of a code block with the token class that paints it (None: the block's own colour)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.chars = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "span":
            self.stack.append(dict(attrs).get("class"))

    def handle_endtag(self, tag):
        if tag == "span":
            self.stack.pop()

    def handle_data(self, data):
        cls = self.stack[-1] if self.stack else None
        cls = None if cls in page_html.PLAIN_TOKENS else cls
        self.chars += [(c, cls) for c in data]


def painted(text: str):
    parser = Painted()
    parser.feed(text)
    return parser.chars


def pygments_block(source: str) -> str:
    """A code block as pymdownx.highlight writes it (Pygments' HTML, `highlight` class, code wrapped)."""
    return highlight(source, PythonLexer(), HtmlFormatter(wrapcode=True, cssclass="highlight"))


@pytest.mark.parametrize("snippet", SNIPPETS[::7], ids=lambda p: p.stem)
def test_slim_code_keeps_every_character_and_its_token_class(snippet):
    before = pygments_block(snippet.read_text(encoding="utf-8"))
    after = page_html.slim_code(before)
    assert painted(after) == painted(before)
    assert not re.search(r'<span class="(n|w)">', after)
    assert after.count("<span") < before.count("<span")


def test_slim_code_over_every_snippet_drops_a_third_of_the_spans():
    before = after = 0
    for snippet in SNIPPETS:
        block = pygments_block(snippet.read_text(encoding="utf-8"))
        slim = page_html.slim_code(block)
        assert painted(slim) == painted(block), snippet
        before += block.count("<span")
        after += slim.count("<span")
    assert after < 0.75 * before, (before, after)


def test_slim_code_leaves_boxed_tokens_and_other_markup_alone():
    diff = ('<div class="highlight"><pre><span></span><code><span class="gi">+a</span><span class="gi">+b</span>'
            '<span class="hll"><span class="n">x</span></span></code></pre></div>')
    slim = page_html.slim_code(diff)
    assert '<span class="gi">+a</span><span class="gi">+b</span>' in slim  # two padded boxes stay two
    assert '<span class="hll">x</span>' in slim
    prose = '<p><span class="n">not code</span></p><code><span class="n">inline</span></code>'
    assert page_html.slim_code(prose) == prose


def test_the_built_pages_have_lean_code_blocks(built_site):
    pages = [p for p in built_site.rglob("index.html") if "assets" not in p.parts]
    blocks = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r'<div class="highlight">.*?</code>', text, re.S):
            blocks += 1
            assert not re.search(r'<span class="(n|w)">', block), page
    assert blocks > 300
    # The page's code is the snippet's, character for character (the copy button copies it).
    step = (built_site / "schedulers/step_lr/index.html").read_text(encoding="utf-8")
    first = re.search(r'snippets/schedulers/step_lr/step_lr\.py</span><pre><span></span><code>(.*?)</code>', step, re.S)
    shown = html.unescape(re.sub(r"<[^>]+>", "", first[1]))
    assert shown.rstrip("\n") == (ROOT / "snippets/schedulers/step_lr/step_lr.py").read_text(encoding="utf-8").rstrip("\n")


def test_the_built_pages_defer_materials_bundle_and_extra_js_in_their_order(built_site):
    pages = [p for p in built_site.rglob("index.html") if "assets" not in p.parts]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        tags = re.findall(r"<script[^>]*src=\"[^\"]*(?:bundle\.[0-9a-f]+\.min\.js|assets/extra\.js)\"[^>]*>", text)
        assert len(tags) == 2 and all(" defer " in tag for tag in tags), (page, tags)
        assert "bundle." in tags[0] and "extra.js" in tags[1], page
    assert len(pages) >= 72
