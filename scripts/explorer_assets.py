"""The explorer's chart library, served from the site's own host, and its modules, served lighter.

`add_vendor_files(files, config)` (called by the MkDocs hook's on_files) adds uPlot's
minified script and stylesheet from node_modules/ (installed by `npm ci` from the lock file)
to the build as assets/explorer/uPlot.*, for `mkdocs build` and `mkdocs serve` alike.

`strip_comment_lines(site)` (called by the hook's on_post_build) drops the lines that are only a
`//` comment from the explorer's own modules in the built site: about 3 KB gzip less on each page
that loads the explorer (its page-weight budget is 120 KB); docs/assets/explorer/ keeps them.
No template literal spans lines in those modules (tests/test_browser_explorer.py checks), so
such a line is always a comment.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
VENDOR = {
    "assets/explorer/uPlot.iife.min.js": ROOT / "node_modules/uplot/dist/uPlot.iife.min.js",
    "assets/explorer/uPlot.min.css": ROOT / "node_modules/uplot/dist/uPlot.min.css",
}


def add_vendor_files(files, config):
    for uri, source in VENDOR.items():
        if not source.is_file():
            raise PluginError(f"{source} is missing: run `make node_modules/.installed` (npm ci) first")
        files.append(File.generated(config, uri, abs_src_path=str(source)))
    return files


def comment_free(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("//"))


def strip_comment_lines(site: Path) -> None:
    for path in (site / "assets" / "explorer").glob("*.js"):
        if not path.name.startswith("uPlot"):
            path.write_text(comment_free(path.read_text(encoding="utf-8")), encoding="utf-8")
