"""The explorer in Chromium: URLs with random configurations, the CSV it offers, inputs that drive
the plot, the URL, the program and the CSV, torch's messages, the Try it panels."""

from __future__ import annotations

import json
import random
from urllib.parse import parse_qs, quote, urlparse

import pytest

import explorer_torch as ex

BROWSER_CONFIGS = 8


def query(config: dict) -> str:
    """The URL contract, written independently of spec.js: one parameter per constructor argument,
    JSON literals, bare words for strings, the expression itself for lr_lambda."""
    parts = [("scheduler", config["scheduler"]), ("lr", repr(config["lr"])), ("steps", str(config["steps"])),
             ("optimizer", config["optimizer"])]
    if config["optimizer"] == "SGD":
        parts.append(("momentum", repr(config["momentum"])))
    if config["optimizer"] == "Adam":
        parts.append(("betas", json.dumps(config["betas"])))
    if config["scheduler"] in ex.COMPOSITES:
        if config["scheduler"] == "SequentialLR":
            parts.append(("milestones", json.dumps(config["args"]["milestones"])))
        parts.append(("schedulers", json.dumps([{"scheduler": m["scheduler"], **m["args"]} for m in config["schedulers"]])))
    else:
        for key, value in config["args"].items():
            parts.append((key, value if isinstance(value, str) else json.dumps(value)))
    if config["scheduler"] == "ReduceLROnPlateau":
        parts += [(f"metric_{k}", json.dumps(v)) for k, v in config["metric"].items()]
    return "?" + "&".join(f"{k}={quote(v, safe='[],:{}')}" for k, v in parts)


def sample_configs() -> list[dict]:
    r = random.Random(2026)
    out = []
    names = r.sample(ex.SCHEDULERS + ex.COMPOSITES, BROWSER_CONFIGS)
    for name in names:
        candidates = [c for c in ex.configs(name, 40, seed=3) if "metrics" not in c and c["steps"] <= 300]
        out.append(r.choice(candidates))
    return out


@pytest.fixture
def page(browser, base_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).hostname == "127.0.0.1"
               or route.request.url.startswith(("data:", "blob:")) else (page.errors.append(route.request.url), route.abort()))
    yield page
    assert not page.errors, page.errors
    context.close()


def state(page, root="[data-explorer]"):
    return json.loads(page.locator(root).first.get_attribute("data-state"))


def read_csv(page, root="[data-explorer]"):
    link = page.locator(f"{root} a[download]").first
    assert link.get_attribute("download").endswith(".csv")
    return page.evaluate("async (a) => await (await fetch(a.href)).text()", link.element_handle())


def assert_csv_is_torch(text: str, config: dict):
    want = ex.run_torch(config)
    lines = text.splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    assert header[:2] == ["step", "lr"]
    assert [int(r[0]) for r in rows] == list(range(len(want["lrs"])))
    for row, lr in zip(rows, want["lrs"]):
        assert ex.close(float(row[1]), lr), (row, lr, config)
    if "momentum" in header or "beta1" in header:
        for row, m in zip(rows, want["momenta"]):
            assert ex.close(float(row[2]), m), (row, m, config)
    if "metric" in header:
        assert [float(r[-1]) for r in rows] == want["metrics"][:len(rows)]
    return want


def test_the_site_serves_its_scripts_minified(built_site):
    """The served explorer modules and extra.js are terser's output for their sources: smaller, with no
    comment left (the browser tests here run that served code against torch)."""
    sources = sorted((ex.ROOT / "docs/assets/explorer").glob("*.js")) + [ex.ROOT / "docs/assets/extra.js"]
    assert len(sources) >= 7
    for source in sources:
        text = source.read_text(encoding="utf-8")
        served = (built_site / source.relative_to(ex.ROOT / "docs")).read_text(encoding="utf-8")
        assert len(served) < 0.8 * len(text), source.name
        assert served.count("\n") <= 2 and "/*" not in served, source.name  # one line, no comment left


@pytest.mark.parametrize("index", range(BROWSER_CONFIGS))
def test_a_random_url_shows_what_torch_computes(page, base_url, index):  # noqa: F811
    config = sample_configs()[index]
    page.goto(base_url + "explorer/" + query(config), wait_until="networkidle")
    want = ex.run_torch(config)
    status = page.locator(".ex-error").first.text_content()
    if want["error"] and want["error"][0] != "complex":
        assert status.startswith(f"{want['error'][0]}: {want['error'][1]}"), (status, config)
    else:
        assert status == "", (status, config)
    assert_csv_is_torch(read_csv(page), config)
    assert state(page)["steps"] == len(want["lrs"])


def test_changing_an_input_updates_plot_url_code_and_csv(page, base_url):  # noqa: F811
    page.goto(base_url + "explorer/?scheduler=CosineAnnealingLR&lr=0.1&steps=60&T_max=60", wait_until="networkidle")
    page.get_by_label("T_max").fill("25")
    page.get_by_label("eta_min").fill("0.001")
    page.wait_for_function("() => location.search.includes('T_max=25') && location.search.includes('eta_min=0.001')")
    config = {"scheduler": "CosineAnnealingLR", "optimizer": "SGD", "lr": 0.1, "momentum": 0.9, "steps": 60,
              "args": {"T_max": 25, "eta_min": 0.001}}
    params = parse_qs(urlparse(page.url).query)
    assert params["T_max"] == ["25"] and params["scheduler"] == ["CosineAnnealingLR"]
    code = page.locator(".ex-code code").first.text_content()
    assert "CosineAnnealingLR(optimizer, T_max=25, eta_min=0.001)" in code
    want = assert_csv_is_torch(read_csv(page), config)
    plotted = page.evaluate("document.querySelector('[data-explorer]').explorer.plot.data[1]")
    assert len(plotted) == 60 and all(ex.close(a, b) for a, b in zip(plotted, want["lrs"]))
    # The restart markers follow T_max: dashed lines at 25 and 50.
    marks = page.evaluate("document.querySelector('[data-explorer]').explorer.marks.map(m => m[0])")
    assert marks == [25, 50]
    # Keyboard: the step slider reads the values out.
    slider = page.get_by_label("Read the values at step")
    slider.focus()
    slider.press("End")
    assert page.locator(".ex-readout").first.text_content().startswith(f"step 59: lr = {want['lrs'][59]!r}")


def test_an_invalid_value_shows_torchs_message(page, base_url):  # noqa: F811
    page.goto(base_url + "explorer/?scheduler=CosineAnnealingWarmRestarts&lr=0.1&steps=30&T_0=10", wait_until="networkidle")
    page.get_by_label("T_0").fill("-1")
    config = {"scheduler": "CosineAnnealingWarmRestarts", "optimizer": "SGD", "lr": 0.1, "momentum": 0.9, "steps": 30,
              "args": {"T_0": -1, "T_mult": 1, "eta_min": 0.0}}
    want = ex.run_torch(config)["error"]
    assert want == ("ValueError", "Expected positive integer T_0, but got -1")
    page.wait_for_function("() => document.querySelector('.ex-error').textContent.length > 0")
    assert page.locator(".ex-error").first.text_content() == "ValueError: Expected positive integer T_0, but got -1"
    # StepLR(step_size=0) is accepted by the constructor and fails at the first step(), as in torch.
    page.goto(base_url + "explorer/?scheduler=StepLR&lr=0.1&steps=5&step_size=0", wait_until="networkidle")
    want = ex.run_torch({"scheduler": "StepLR", "optimizer": "SGD", "lr": 0.1, "momentum": 0.9, "steps": 5,
                         "args": {"step_size": 0, "gamma": 0.1}})
    assert page.locator(".ex-error").first.text_content().startswith(f"{want['error'][0]}: {want['error'][1]}")
    assert read_csv(page).splitlines() == ["step,lr", "0,0.1"]


def test_a_float_step_size_runs_as_torch_runs_it(page, base_url):  # noqa: F811
    """StepLR takes step_size=2.5 (it decays at steps 5 and 10); CosineAnnealingWarmRestarts rejects T_0=3.0."""
    page.goto(base_url + "explorer/?scheduler=StepLR&lr=0.1&steps=12&step_size=2.5", wait_until="networkidle")
    config = {"scheduler": "StepLR", "optimizer": "SGD", "lr": 0.1, "momentum": 0.9, "steps": 12,
              "args": {"step_size": 2.5, "gamma": 0.1}}
    assert page.locator(".ex-error").first.text_content() == ""
    assert page.get_by_label("step_size").input_value() == "2.5"
    assert "StepLR(optimizer, step_size=2.5, gamma=0.1)" in page.locator(".ex-code code").first.text_content()
    want = assert_csv_is_torch(read_csv(page), config)
    assert want["lrs"][4] == 0.1 and want["lrs"][5] < want["lrs"][4] and want["lrs"][10] < want["lrs"][9]
    # Typed, the float reaches the URL as written; 3.0 stays a float, which torch rejects for T_0.
    page.get_by_label("step_size").fill("4.0")
    page.wait_for_function("() => location.search.includes('step_size=4.0')")
    assert "step_size=4.0," in page.locator(".ex-code code").first.text_content()
    page.goto(base_url + "explorer/?scheduler=CosineAnnealingWarmRestarts&lr=0.1&steps=20&T_0=5", wait_until="networkidle")
    page.get_by_label("T_0").fill("3.0")
    config = {"scheduler": "CosineAnnealingWarmRestarts", "optimizer": "SGD", "lr": 0.1, "momentum": 0.9, "steps": 20,
              "args": {"T_0": 3.0, "T_mult": 1, "eta_min": 0.0}}
    assert ex.run_torch(config)["error"] == ("ValueError", "Expected positive integer T_0, but got 3.0")
    page.wait_for_function("() => document.querySelector('.ex-error').textContent.length > 0")
    assert page.locator(".ex-error").first.text_content() == "ValueError: Expected positive integer T_0, but got 3.0"


def test_last_epoch_and_scale_fn_follow_torch(page, base_url):  # noqa: F811
    """last_epoch=0 on the program's fresh optimizer is torch's KeyError; after a first member of a
    chain it runs; a scale_fn typed in x reaches the program, the URL and the CSV."""
    page.goto(base_url + "explorer/?scheduler=StepLR&lr=0.1&steps=5&step_size=2&last_epoch=0", wait_until="networkidle")
    config = {"scheduler": "StepLR", "optimizer": "SGD", "lr": 0.1, "momentum": 0.9, "steps": 5,
              "args": {"step_size": 2, "gamma": 0.1, "last_epoch": 0}}
    error = ex.run_torch(config)["error"]
    assert error[0] == "KeyError" and "initial_lr" in error[1]
    assert page.locator(".ex-error").first.text_content() == f"KeyError: {error[1]}"
    assert page.get_by_label("last_epoch").input_value() == "0"
    assert "last_epoch=0)" in page.locator(".ex-code code").first.text_content()
    members = [{"scheduler": "ExponentialLR", "gamma": 0.9, "last_epoch": -1},
               {"scheduler": "CosineAnnealingLR", "T_max": 8, "eta_min": 0.0, "last_epoch": 3}]
    page.goto(base_url + "explorer/?scheduler=ChainedScheduler&lr=0.1&steps=20&schedulers=" + quote(json.dumps(members)),
              wait_until="networkidle")
    config = {"scheduler": "ChainedScheduler", "optimizer": "SGD", "lr": 0.1, "momentum": 0.9, "steps": 20, "args": {},
              "schedulers": [{"scheduler": m["scheduler"], "args": {k: v for k, v in m.items() if k != "scheduler"}}
                             for m in members]}
    assert page.locator(".ex-error").first.text_content() == ""
    assert_csv_is_torch(read_csv(page), config)
    page.goto(base_url + "explorer/?scheduler=CyclicLR&lr=0.1&steps=60&step_size_up=5&cycle_momentum=false",
              wait_until="networkidle")
    page.get_by_label("scale_fn").fill("0.5 ** x")
    page.get_by_label("scale_mode").select_option("iterations")
    page.wait_for_function("() => location.search.includes('scale_mode=iterations')")
    assert parse_qs(urlparse(page.url).query)["scale_fn"] == ["0.5 ** x"]
    assert "scale_fn=lambda x: 0.5 ** x," in page.locator(".ex-code code").first.text_content()
    config = {"scheduler": "CyclicLR", "optimizer": "SGD", "lr": 0.1, "momentum": 0.9, "steps": 60,
              "args": {**{k: v for k, v in zip(("base_lr", "max_lr"), (0.001, 0.1))}, "step_size_up": 5,
                       "cycle_momentum": False, "scale_fn": "0.5 ** x", "scale_mode": "iterations"}}
    assert_csv_is_torch(read_csv(page), config)


def test_composition_builder_writes_sequential_and_chained_code(page, base_url):  # noqa: F811
    page.goto(base_url + "explorer/?scheduler=SequentialLR&lr=0.1&steps=40", wait_until="networkidle")
    code = page.locator(".ex-code code").first.text_content()
    assert "torch.optim.lr_scheduler.SequentialLR(optimizer, schedulers=[first, second], milestones=[10])" in code
    page.get_by_label("milestones").fill("[15]")
    page.wait_for_function("() => location.search.includes('milestones=[15]')")
    page.get_by_role("button", name="Add a scheduler").click()
    page.get_by_label("Scheduler", exact=True).select_option("ChainedScheduler")
    code = page.locator(".ex-code code").first.text_content()
    assert "ChainedScheduler([first, second], optimizer=optimizer)" in code
    config = {"scheduler": "ChainedScheduler", "optimizer": "SGD", "lr": 0.1, "momentum": 0.9, "steps": 40, "args": {},
              "schedulers": [{"scheduler": "LinearLR", "args": {"start_factor": 0.1, "end_factor": 1.0, "total_iters": 10}},
                             {"scheduler": "CosineAnnealingLR", "args": {"T_max": 90, "eta_min": 0.0}}]}
    assert_csv_is_torch(read_csv(page), config)


def test_try_it_panel_starts_at_the_page_example(page, base_url):  # noqa: F811
    page.goto(base_url + "schedulers/cyclic_lr/", wait_until="networkidle")
    panel = "[data-explorer='panel']"
    assert page.locator("#try-it").count() == 1
    page.locator(panel).scroll_into_view_if_needed()
    page.wait_for_selector(f"{panel}[data-state]")
    text = read_csv(page, panel)
    assert text.splitlines()[0] == "step,lr,momentum" and len(text.splitlines()) == 601
    link = page.locator(f"{panel} .ex-share").get_attribute("href")
    assert "explorer/?scheduler=CyclicLR" in link and "step_size_down=100" in link
    page.locator(panel).get_by_label("mode", exact=True).select_option("triangular2")
    page.wait_for_function("(s) => document.querySelector(s).dataset.state.includes('triangular2')", arg=panel)
    assert "mode=\"triangular2\"" in page.locator(f"{panel} .ex-code code").text_content()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_explorer_fits_a_phone_and_labels_every_input(browser, base_url, scheme):  # noqa: F811
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    for path in ("explorer/?scheduler=OneCycleLR&lr=0.1&steps=100&total_steps=100", "schedulers/sequential_lr/"):
        page.goto(base_url + path, wait_until="networkidle")
        page.locator("[data-explorer]").scroll_into_view_if_needed()
        page.wait_for_selector("[data-explorer][data-state] input[type=text]")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        unlabelled = page.evaluate("[...document.querySelectorAll('[data-explorer] input, [data-explorer] select')]"
                                   ".filter(i => !i.labels || !i.labels.length).map(i => i.outerHTML)")
        assert not unlabelled, unlabelled
        colors = page.evaluate("(() => { const i = document.querySelector('[data-explorer] input[type=text]');"
                               " const s = getComputedStyle(i); return [s.color, s.backgroundColor]; })()")
        assert colors[0] != colors[1]
    context.close()


def test_the_example_links_on_the_explorer_page_open_their_configuration(page, base_url):  # noqa: F811
    page.goto(base_url + "explorer/", wait_until="networkidle")
    links = page.evaluate("[...document.querySelectorAll('.md-content a[href*=\"?scheduler=\"]:not(.ex-share)')].map(a => a.href)")
    assert len(links) == 2
    for link in links:
        page.goto(link, wait_until="networkidle")
        expected = parse_qs(urlparse(link).query)["scheduler"][0]
        assert page.locator(".ex-error").first.text_content() == ""
        assert f"?scheduler={expected}&" in state(page)["query"]
        assert len(read_csv(page).splitlines()) == int(parse_qs(urlparse(link).query)["steps"][0]) + 1
