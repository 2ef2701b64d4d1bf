"""The explorer's chart library, served from the site's own host.

`add_vendor_files(files, config)` (called by the MkDocs hook's on_files) adds uPlot's
minified script and stylesheet from node_modules/ (installed by `npm ci` from the lock file)
to the build as assets/explorer/uPlot.*, for `mkdocs build` and `mkdocs serve` alike.
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
