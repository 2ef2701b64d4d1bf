"""Benchmark of the figure pipeline and the built site (`make bench`).

Prints page weight, the Nu Html Checker's errors (ours and Material's, when Java is there), Lighthouse
scores with its mobile defaults (emulated phone, throttled CPU and network) for every page, then, as its
last four lines:
figures=N, full_s (regenerate everything), noop_s (run again, nothing changed) and
floor_s (bare interpreter: import torch and matplotlib.pyplot, build one optimizer),
each the median of several runs.

Targets, checked here and reported (never in a timed test): full_s <= 2 * floor_s with
40 or more figures, noop_s <= 0.2, each scheduler page (HTML plus its figures, as
transferred with gzip) <= 150 KB,
every Lighthouse category >= 95 (mobile performance >= 90), 0 HTML errors from our own content.
`BENCH_PAGES=schedulers/step_lr/,guides/` limits Lighthouse to some pages (prefixes).
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
LIGHTHOUSE = "lighthouse@12.2.3"  # 13.x needs Node 22; the machines have Node 20
VNU = "vnu-jar@26.9.27"
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


def bench_tool(spec: str, path: str) -> Path:
    """A pinned npm tool installed into .bench/ on first use (bench-only tools stay out of the site's lock)."""
    tool = NODE_DIR / "node_modules" / spec.rsplit("@", 1)[0] / path
    if not tool.exists():  # all at once: `npm install --no-save` removes what an earlier one installed
        subprocess.run(["npm", "install", "--prefix", str(NODE_DIR), "--no-save", "--no-audit", "--no-fund",
                        LIGHTHOUSE, VNU], check=True, capture_output=True)
    return tool


def page_paths(site: Path) -> list[str]:
    return ["" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
            for p in sorted(site.rglob("index.html")) if "assets" not in p.relative_to(site).parts]


def html_check(site: Path) -> None:
    """The Nu Html Checker over every page. An error inside <article> is our content, outside it Material's;
    inside the executed notebook's article it comes from mkdocs-jupyter's template and inlined CSS."""
    if not shutil.which("java"):
        print("html: skipped (no java; `make bench` installs default-jre-headless)")
        return
    jar = bench_tool(VNU, "build/dist/vnu.jar")
    pages = sorted(str(p) for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)
    run = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json", *pages],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    found = {"ours": [], "material": [], "mkdocs-jupyter": []}
    spans = {}
    for m in messages:
        path = Path(m["url"].removeprefix("file:"))
        if path not in spans:
            lines = path.read_text(encoding="utf-8").splitlines()
            start = next((i for i, l in enumerate(lines, 1) if "<article" in l), 0)
            end = next((i for i, l in enumerate(lines, 1) if "</article>" in l and i >= start), 0)
            spans[path] = (start, end, any("jupyter-wrapper" in line for line in lines))
        start, end, notebook = spans[path]
        where = f"{path.relative_to(site)}:{m.get('lastLine', '?')}"
        inside = start <= m.get("lastLine", 0) <= end
        found["material" if not inside else "mkdocs-jupyter" if notebook else "ours"].append((where, m["message"]))
    print("html errors: " + " ".join(f"{k}={len(v)}" for k, v in found.items()) + f" pages={len(pages)} (target: ours=0)")
    for label, errors in found.items():
        counts: dict[str, list[str]] = {}
        for where, message in errors:
            counts.setdefault(message, []).append(where)
        for message, places in sorted(counts.items(), key=lambda kv: -len(kv[1]))[:8]:
            print(f"  {label} x{len(places)}: {message[:140]} (e.g. {places[0]})")


def lighthouse(url: str) -> dict[str, int]:
    cli = bench_tool(LIGHTHOUSE, "cli/index.js")
    env = dict(os.environ, CHROME_PATH=shutil.which("chromium") or shutil.which("google-chrome") or "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
                        f"--chrome-flags={CHROMIUM_FLAGS} --user-data-dir={tmp}/profile",
                        "--only-categories=performance,accessibility,best-practices,seo"],
                       env=env, check=True, capture_output=True, timeout=300)
        result = json.loads(report.read_text())
    scores = {name: round(c["score"] * 100) for name, c in result["categories"].items()}
    audits = result["audits"]
    scores["tbt_ms"] = round(audits["total-blocking-time"]["numericValue"])
    scores["lcp_ms"] = round(audits["largest-contentful-paint"]["numericValue"])
    scores["dom"] = audits.get("dom-size", {}).get("numericValue") or audits.get("dom-size-insight", {}).get("numericValue", "?")
    return scores


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
        try:
            html_check(site)
        except (subprocess.SubprocessError, OSError, ValueError) as err:
            print(f"html: could not run ({err})")
        server, url = serve(site)
        wanted = [w for w in os.environ.get("BENCH_PAGES", "").split(",") if w]
        performance = {}
        try:
            for path in page_paths(site):
                if wanted and not any(path.startswith(w) for w in wanted):
                    continue
                try:
                    scores = lighthouse(url + path)
                    performance[path] = scores["performance"]
                    print(f"lighthouse mobile {path or '(home)'}: " + " ".join(f"{k}={v}" for k, v in scores.items()),
                          flush=True)
                except (subprocess.SubprocessError, OSError, KeyError, TypeError) as err:
                    print(f"lighthouse mobile {path or '(home)'}: could not run ({err})", flush=True)
            __import__("explorer_bench").report(url)  # explorer page weight, engine ms per 10,000 steps
        finally:
            server.shutdown()
        if performance:
            low = min(performance, key=performance.get)
            print(f"lighthouse mobile performance: min={performance[low]} ({low or '(home)'}) pages={len(performance)} "
                  f"below 90: {sum(v < 90 for v in performance.values())} (target: 0)")

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
