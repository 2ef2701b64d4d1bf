"""Benchmark of the figure pipeline and the built site (`make bench`).

Prints page weight and Lighthouse scores, then, as its last four lines:
figures=N, full_s (regenerate everything), noop_s (run again, nothing changed) and
floor_s (bare interpreter: import torch and matplotlib.pyplot, build one optimizer),
each the median of several runs.

Targets, checked here and reported (never in a timed test): full_s <= 2 * floor_s with
40 or more figures, noop_s <= 0.2, each scheduler page (HTML plus its figures, as
transferred with gzip) <= 150 KB,
every Lighthouse category >= 95.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "scripts" / "runner.py"
GENERATED = ROOT / "docs" / "generated"
LIGHTHOUSE = "lighthouse@13.5.0"
NODE_DIR = ROOT / ".bench"
CHROMIUM_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking " \
                 "--disable-component-update --disable-sync --no-first-run"
FLOOR = "import torch, matplotlib.pyplot; torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)"


def timed(command: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def build_site(out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                   cwd=ROOT, env=env, check=True, capture_output=True)


def page_weights(site: Path) -> dict[str, tuple[int, int]]:
    """Scheduler page -> (raw, gzip) bytes of its own HTML plus the figures it shows.

    gzip is what a reader downloads from GitHub Pages, which compresses HTML and SVG.
    """
    weights = {}
    for html in sorted((site / "schedulers").glob("*/index.html")):
        text = html.read_text(encoding="utf-8")
        files = [html] + [(html.parent / f).resolve() for f in sorted(set(re.findall(r'src="([^"]+\.svg)"', text)))]
        blobs = [f.read_bytes() for f in files]
        weights[html.parent.name] = (sum(map(len, blobs)), sum(len(gzip.compress(b, mtime=0)) for b in blobs))
    return weights


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves text with gzip, as GitHub Pages does, so Lighthouse sees realistic transfers."""

    not_found: Path | None = None  # served for a missing path, with status 404, as GitHub Pages does

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404 or self.not_found is None or self.command != "GET":
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the trailing slash
            path = path / "index.html"
        compressible = path.suffix in {".html", ".css", ".js", ".svg", ".json", ".xml", ".txt"}
        if not (compressible and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path, not_found: Path | None = None) -> tuple[ThreadingHTTPServer, str]:
    handler = type("Handler", (GzipHandler,), {"not_found": not_found})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def lighthouse(url: str) -> dict[str, int]:
    cli = NODE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        subprocess.run(["npm", "install", "--prefix", str(NODE_DIR), "--no-save", "--no-audit", "--no-fund",
                        LIGHTHOUSE], check=True, capture_output=True)
    env = dict(os.environ, CHROME_PATH=shutil.which("chromium") or shutil.which("google-chrome") or "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
                        f"--chrome-flags={CHROMIUM_FLAGS} --user-data-dir={tmp}/profile",
                        "--only-categories=performance,accessibility,best-practices,seo"],
                       env=env, check=True, capture_output=True, timeout=300)
        categories = json.loads(report.read_text())["categories"]
    return {name: round(c["score"] * 100) for name, c in categories.items()}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        weights = page_weights(site)
        heaviest = max(weights, key=lambda p: weights[p][1])
        raw, packed = weights[heaviest]
        print(f"pages={len(list(site.rglob('index.html')))} scheduler_pages={len(weights)}")
        print(f"heaviest_page=schedulers/{heaviest}/ transfer={packed / 1024:.1f} KB gzip "
              f"(target <= 150 KB), raw={raw / 1024:.1f} KB")
        over = [p for p, (_, w) in weights.items() if w > 150 * 1024]
        if over:
            print(f"pages over 150 KB transferred: {', '.join(over)}")
        server, url = serve(site)
        try:
            for name, path in [("home", ""), ("step_lr", "schedulers/step_lr/")]:
                try:
                    scores = lighthouse(url + path)
                    print(f"lighthouse {name}: " + " ".join(f"{k}={v}" for k, v in scores.items()))
                except (subprocess.SubprocessError, OSError) as err:
                    print(f"lighthouse {name}: could not run ({err})")
        finally:
            server.shutdown()

    full = timed([sys.executable, str(RUNNER), "--force"], runs=3)
    noop = timed([sys.executable, str(RUNNER)], runs=7)
    floor = timed([sys.executable, "-c", FLOOR], runs=3)
    figures = len(list(GENERATED.glob("*.svg")))
    print(f"targets: full_s <= 2*floor_s: {'met' if full <= 2 * floor else 'NOT met'}; "
          f"noop_s <= 0.2: {'met' if noop <= 0.2 else 'NOT met'}")
    print(f"figures={figures}")
    print(f"full_s={full:.2f}")
    print(f"noop_s={noop:.3f}")
    print(f"floor_s={floor:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
