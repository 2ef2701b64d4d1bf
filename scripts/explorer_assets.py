"""The explorer's chart library, served from the site's own host, and its modules, served lighter.

`add_vendor_files(files, config)` (called by the MkDocs hook's on_files) adds uPlot's
minified script and stylesheet from node_modules/ (installed by `npm ci` from the lock file)
to the build as assets/explorer/uPlot.*, for `mkdocs build` and `mkdocs serve` alike.

`minify_scripts(site)` (called by the hook's on_post_build) minifies the site's own scripts in the
built site with terser (pinned in package.json): the explorer's modules and assets/extra.js, a
few KB gzip less on each page (the explorer page's budget is 120 KB); docs/assets/ keeps the
readable sources, and the browser tests run the served, minified code.
"""

from __future__ import annotations

import json
import subprocess
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


MINIFY = """
import { minify } from "terser";
import { readFileSync, writeFileSync } from "node:fs";
for (const [file, module] of JSON.parse(process.argv[1])) {
  const out = await minify(readFileSync(file, "utf8"), { module, compress: true, mangle: true });
  writeFileSync(file, out.code);
}
"""


def minify_scripts(site: Path) -> None:
    files = [(str(p), True) for p in sorted((site / "assets" / "explorer").glob("*.js")) if not p.name.startswith("uPlot")]
    files.append((str(site / "assets" / "extra.js"), False))
    run = subprocess.run(["node", "--input-type=module", "-e", MINIFY, json.dumps(files)], cwd=ROOT,
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise PluginError(f"minifying the site's scripts failed (is terser installed? `npm ci`):\n{run.stderr.strip()}")
