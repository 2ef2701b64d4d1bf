"""Thin MkDocs hook: the content does not depend on it.

* before each build (and each rebuild of ``mkdocs serve``) run ``scripts/runner.py``,
  which regenerates only stale figures and outputs;
* turn arithmatex's TeX spans into MathML, so formulas render with no script or CDN;
* under ``mkdocs serve`` only, let mkdocs-jupyter cache the executed playground;
* add the explorer's chart library from node_modules (``scripts/explorer_assets.py``).
"""

import html
import re
import subprocess
import sys
from pathlib import Path

from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).parent))
from explorer_assets import add_vendor_files  # noqa: E402

RUNNER = Path(__file__).with_name("runner.py")
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
    run = subprocess.run([sys.executable, str(RUNNER)], capture_output=True, text=True)
    if run.returncode != 0:
        raise PluginError(f"snippet runner failed:\n{run.stderr.strip()}")
    if "nothing to do" not in run.stdout:
        print(run.stdout.strip(), file=sys.stderr)


def on_files(files, config):
    return add_vendor_files(files, config)  # the explorer's chart library, from node_modules


def _mathml(match):
    display = "block" if match["open"] == "[" else "inline"
    return convert(html.unescape(match["tex"]).strip(), display=display)


def on_page_content(html_text, page, config, files):
    return MATH.sub(_mathml, html_text)
