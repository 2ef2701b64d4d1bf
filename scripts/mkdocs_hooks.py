"""Thin MkDocs hook: the content does not depend on it.

* before each build (and each rebuild of ``mkdocs serve``) run ``scripts/runner.py``,
  which regenerates only stale figures and outputs;
* turn arithmatex's TeX spans into MathML, so formulas render with no script or CDN;
* under ``mkdocs serve`` only, let mkdocs-jupyter cache the executed playground.
"""

import html
import re
import subprocess
import sys
from pathlib import Path

from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError

RUNNER = Path(__file__).with_name("runner.py")
sys.path.insert(0, str(RUNNER.parent))
import compat  # noqa: E402 - the release matrix shown on every page
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


def _mathml(match):
    display = "block" if match["open"] == "[" else "inline"
    return convert(html.unescape(match["tex"]).strip(), display=display)


def on_page_content(html_text, page, config, files):
    return MATH.sub(_mathml, html_text)


def on_page_markdown(markdown, page, config, files):
    return compat.annotate(markdown, page.file.src_uri)
