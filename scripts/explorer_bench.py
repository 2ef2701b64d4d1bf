"""The explorer's part of `make bench` (called by scripts/bench.py with the served site's URL).

Prints, measured in headless Chromium (Debian's):
* explorer page weight: every response of the explorer page's load (HTML, CSS, JS, uPlot,
  presets), as transferred with gzip; target <= 120 KB;
* the engine's time for 10,000 steps of each scheduler and composition (median of 15 runs
  after a warm-up, performance.now(); the minimum too, which shows the cost without other
  processes' interference on a shared machine); target < 5 ms each.
"""

from __future__ import annotations

import json
import shutil
from urllib.parse import urlparse

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STEPS = 10_000
TIMING = """async ([engineUrl, specUrl, steps]) => {
  const { run } = await import(engineUrl);
  const { ALL, defaultConfig } = await import(specUrl);
  const tune = {
    StepLR: { step_size: 1000 }, MultiStepLR: { milestones: [3000, 8000] }, ConstantLR: { total_iters: 500 },
    LinearLR: { total_iters: 500 }, PolynomialLR: { total_iters: steps }, CosineAnnealingLR: { T_max: steps },
    CosineAnnealingWarmRestarts: { T_0: 500, T_mult: 2 }, CyclicLR: { step_size_up: 500 },
    OneCycleLR: { total_steps: steps }, SWALR: { anneal_epochs: 1000 }, ExponentialLR: { gamma: 0.9995 },
  };
  const out = {};
  for (const name of ALL) {
    const config = defaultConfig(name);
    config.steps = steps;
    Object.assign(config.args, tune[name] || {});
    if (name === "ReduceLROnPlateau") config.metric.plateau_at = 2000;
    const first = run(config);
    if (first.error || first.lrs.length !== steps) { out[name] = `error: ${JSON.stringify(first.error)}`; continue; }
    const samples = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      run(config);
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    out[name] = samples[7];
    out[`${name}:best`] = samples[0];
  }
  return out;
}"""


def report(url: str) -> None:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    executable = shutil.which("chromium") or shutil.which("google-chrome")
    host = urlparse(url).netloc
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page()
        responses = []
        page.on("response", lambda r: responses.append(r))
        page.goto(url + "explorer/", wait_until="networkidle")
        page.wait_for_timeout(500)
        own = [r for r in responses if urlparse(r.url).netloc == host]
        sizes = {urlparse(r.url).path: r.request.sizes()["responseBodySize"] + r.request.sizes()["responseHeadersSize"]
                 for r in own}
        # Material's search worker and index load on every page of the site, in a worker, and
        # are counted apart from the page's own weight.
        search = sum(v for k, v in sizes.items() if "/search/" in k or "/workers/" in k)
        transferred = sum(sizes.values()) - search
        offsite = [r.url for r in responses if urlparse(r.url).netloc != host and not r.url.startswith("data:")]
        explorer = sum(v for k, v in sizes.items() if "/assets/explorer/" in k)
        print(f"explorer_page transfer={transferred / 1024:.1f} KB gzip over {len(own)} responses, of which the "
              f"explorer's own JS/CSS/uPlot {explorer / 1024:.1f} KB; site search worker+index {search / 1024:.1f} KB "
              f"more (target <= 120 KB: {'met' if transferred <= 120 * 1024 else 'NOT met'})"
              + (f"; off-host requests: {offsite}" if offsite else ""))
        timings = page.evaluate(TIMING, [url + "assets/explorer/engine.js", url + "assets/explorer/spec.js", STEPS])
        browser.close()
    best = {k[:-5]: timings.pop(k) for k in list(timings) if k.endswith(":best")}
    numbers = [v for v in timings.values() if isinstance(v, float | int)]
    met = len(numbers) == len(timings) and max(numbers) < 5
    print(f"explorer_engine_{STEPS}_steps_ms " + " ".join(
        f"{k}={v:.2f}" if isinstance(v, float | int) else f"{k}={json.dumps(v)}" for k, v in timings.items()))
    print(f"explorer_engine target < 5 ms per scheduler (median): {'met' if met else 'NOT met'} "
          f"(max {max(numbers):.2f} ms; minimum of the 15 runs: max {max(best.values()):.2f} ms)")
