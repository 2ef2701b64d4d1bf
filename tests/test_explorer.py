"""The explorer's JavaScript engine equals torch: LR, momentum/beta1 and exceptions, at every step.

300 seeded random configurations per scheduler and per composition (valid arguments, the
edge cases the pages discuss, arguments torch rejects) run by torch here and by the engine
in one `node` process; every step must agree to rel 1e-12 (abs 1e-15 near 0) and every
exception on type and message.
"""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
from collections import Counter

import pytest

import explorer_torch as ex

PER_SCHEDULER = 300
NAMES = ex.SCHEDULERS + ex.COMPOSITES


@pytest.fixture(scope="session")
def compared():
    """{scheduler: [(config, torch result, engine result)]}, all engines run in one node process."""
    cases = {name: ex.configs(name, PER_SCHEDULER) for name in NAMES}
    flat = [c for name in NAMES for c in cases[name]]
    engine = iter(ex.run_engine(flat))
    return {name: [(c, ex.run_torch(c), next(engine)) for c in cases[name]] for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_engine_equals_torch_on_random_configurations(compared, name):
    rows = compared[name]
    assert len(rows) >= 300
    differences = [d for c, want, got in rows if (d := ex.difference(c, want, got))]
    assert not differences, f"{len(differences)} of {len(rows)} differ; first:\n{differences[0]}"
    # The sample has teeth: it runs real schedules and reaches torch's exceptions.
    clean = [want for _, want, _ in rows if not want["error"]]
    raised = {want["error"][0] for _, want, _ in rows if want["error"]}
    assert len(clean) >= 150, f"only {len(clean)} configurations ran without an exception"
    assert raised, "no configuration reached an exception"
    assert sum(len(w["lrs"]) for w in clean) >= 5000


def _reached(compared) -> Counter:
    """What the sample does with the arguments issue 9 added: last_epoch, a float in an int
    argument, CyclicLR's scale_fn; keyed by (what, where, outcome), outcome = torch's exception type or "ok"."""
    seen = Counter()
    for name, rows in compared.items():
        for c, want, _ in rows:
            outcome = want["error"][0] if want["error"] else "ok"
            message = want["error"][1] if want["error"] else ""
            composed = name in ex.COMPOSITES
            for m in c.get("schedulers", [c]):
                a = m["args"]
                le = a.get("last_epoch", -1)
                if le != -1:
                    seen["last_epoch", "member" if composed else "alone", outcome] += 1
                    if composed:
                        seen["last_epoch member", m["scheduler"], outcome] += 1
                    if not composed and outcome == "KeyError" and "initial_lr" in message:
                        seen["initial_lr KeyError", m["scheduler"]] += 1
                elif isinstance(le, float):
                    seen["last_epoch -1.0", outcome] += 1
                for k, v in a.items():
                    if k in ex.INT_ARGS - {"last_epoch"} and isinstance(v, float):
                        seen["float", f"{m['scheduler']}.{k}", outcome] += 1
                        if outcome == "ValueError" and message.endswith(f"got {v!r}"):
                            seen["float rejected", f"{m['scheduler']}.{k}", "integral" if v.is_integer() else "fraction"] += 1
                if a.get("scale_fn") is not None:
                    seen["scale_fn", a["scale_mode"], outcome] += 1
                    if a["mode"] not in ("triangular", "triangular2", "exp_range"):
                        seen["scale_fn with an invalid mode", outcome] += 1
            if name == "SequentialLR" and c["args"]["last_epoch"] != -1:
                seen["SequentialLR last_epoch", outcome] += 1
            if outcome == "ZeroDivisionError" and message == "float modulo":
                seen["float modulo"] += 1
    return seen


ACCEPTS_FLOAT = ["StepLR.step_size", "ConstantLR.total_iters", "LinearLR.total_iters", "PolynomialLR.total_iters",
                 "CosineAnnealingLR.T_max", "CyclicLR.step_size_up", "CyclicLR.step_size_down",
                 "ReduceLROnPlateau.patience", "ReduceLROnPlateau.cooldown"]
REJECTS_FLOAT = ["CosineAnnealingWarmRestarts.T_0", "CosineAnnealingWarmRestarts.T_mult", "OneCycleLR.total_steps",
                 "OneCycleLR.epochs", "OneCycleLR.steps_per_epoch", "SWALR.anneal_epochs"]


def test_the_sample_reaches_last_epoch_floats_and_scale_fn(compared):
    """The comparison above covers the paths these arguments open in torch: each is reached."""
    seen = _reached(compared)
    with_last_epoch = [n for n in ex.SCHEDULERS if n not in ex.NO_LAST_EPOCH]
    # last_epoch on a fresh optimizer: torch's KeyError, for every scheduler that has the argument
    assert {n for n in with_last_epoch if seen["initial_lr KeyError", n]} == set(with_last_epoch)
    assert seen["last_epoch -1.0", "ok"] >= 10  # == -1, so accepted, and then a float epoch
    # after a first member has written initial_lr, any last_epoch runs: ints, floats, negatives
    assert seen["last_epoch", "member", "ok"] >= 100
    assert {n for n in with_last_epoch if seen["last_epoch member", n, "ok"]} >= set(with_last_epoch) - {"OneCycleLR"}
    assert seen["last_epoch member", "OneCycleLR", "KeyError"] >= 3  # no max_lr in the group
    assert seen["SequentialLR last_epoch", "ok"] >= 20
    for arg in ACCEPTS_FLOAT:
        assert seen["float", arg, "ok"] >= 5, arg
    for arg in REJECTS_FLOAT:
        assert seen["float rejected", arg, "fraction"] + seen["float rejected", arg, "integral"] >= 3, arg
    assert sum(seen["float rejected", arg, "integral"] for arg in REJECTS_FLOAT) >= 5  # 3.0 is rejected too
    assert seen["float modulo"] >= 3  # step_size=0.0 or T_max=0.0: the float's message, not the int's
    for mode in ("cycle", "iterations"):
        assert seen["scale_fn", mode, "ok"] >= 20, mode
        assert seen["scale_fn", mode, "NameError"] + seen["scale_fn", mode, "ZeroDivisionError"] >= 2, mode
    assert seen["scale_fn with an invalid mode", "ok"] >= 3


# (scheduler, arguments, what torch 2.13 does: "ok" or the start of "Type: message"), on SGD(lr=0.1)
ODD_VALUES = [
    ("StepLR", {"step_size": 2.5}, "ok"),  # decays where last_epoch % 2.5 == 0: steps 5, 10
    ("StepLR", {"step_size": 3.0}, "ok"),
    ("StepLR", {"step_size": 0.0}, "ZeroDivisionError: float modulo"),
    ("StepLR", {"step_size": 0}, "ZeroDivisionError: integer modulo by zero"),
    ("ConstantLR", {"total_iters": 2.5}, "ok"),  # last_epoch never equals 2.5: the factor stays
    ("LinearLR", {"total_iters": 2.5}, "ok"),
    ("PolynomialLR", {"total_iters": 2.5}, "ok"),
    ("PolynomialLR", {"total_iters": 0.0}, "ok"),
    ("CosineAnnealingLR", {"T_max": 10.5}, "ok"),
    ("CosineAnnealingLR", {"T_max": 0.0}, "ZeroDivisionError: float modulo"),
    ("CosineAnnealingWarmRestarts", {"T_0": 2.5}, "ValueError: Expected positive integer T_0, but got 2.5"),
    ("CosineAnnealingWarmRestarts", {"T_0": 3.0}, "ValueError: Expected positive integer T_0, but got 3.0"),
    ("CosineAnnealingWarmRestarts", {"T_0": 3, "T_mult": 2.0}, "ValueError: Expected integer T_mult >= 1, but got 2.0"),
    ("CyclicLR", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 2.5}, "ok"),
    ("CyclicLR", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 2, "step_size_down": 1.5}, "ok"),
    ("OneCycleLR", {"max_lr": 0.1, "total_steps": 2.5}, "ValueError: Expected positive integer total_steps, but got 2.5"),
    ("OneCycleLR", {"max_lr": 0.1, "total_steps": 10.0}, "ValueError: Expected positive integer total_steps, but got 10.0"),
    ("OneCycleLR", {"max_lr": 0.1, "total_steps": None, "epochs": 2.5, "steps_per_epoch": 4},
     "ValueError: Expected positive integer epochs, but got 2.5"),
    ("OneCycleLR", {"max_lr": 0.1, "total_steps": None, "epochs": 2, "steps_per_epoch": 4.0},
     "ValueError: Expected positive integer steps_per_epoch, but got 4.0"),
    ("SWALR", {"swa_lr": 0.05, "anneal_epochs": 2.5}, "ValueError: anneal_epochs must be equal or greater than 0, got 2.5"),
    ("SWALR", {"swa_lr": 0.05, "anneal_epochs": 3.0}, "ValueError: anneal_epochs must be equal or greater than 0, got 3.0"),
    ("ReduceLROnPlateau", {"patience": 2.5, "cooldown": 1.5}, "ok"),
    # last_epoch on the program's fresh optimizer: -1.0 == -1, anything else needs initial_lr
    ("LambdaLR", {"lr_lambda": "1 // (epoch - 1)", "last_epoch": -1.0}, "ZeroDivisionError: float floor division by zero"),
    ("LambdaLR", {"lr_lambda": "1 // (epoch - 1)"}, "ZeroDivisionError: integer division or modulo by zero"),
    *[(name, {"last_epoch": v}, "KeyError: \"param 'initial_lr' is not specified")
      for name in ("StepLR", "CyclicLR", "OneCycleLR", "SWALR") for v in (0, 0.0, -2, 2.5)],
    # scale_fn: mode ignored (even an invalid one), x = cycle (from 1) or last_epoch (from 0)
    ("CyclicLR", {"base_lr": 0.01, "max_lr": 0.1, "mode": "sideways", "scale_fn": "1 / x"}, "ok"),
    ("CyclicLR", {"base_lr": 0.01, "max_lr": 0.1, "scale_fn": "1 / x", "scale_mode": "iterations"},
     "ZeroDivisionError: division by zero"),
    ("CyclicLR", {"base_lr": 0.01, "max_lr": 0.1, "mode": "sideways"}, "ValueError: mode is invalid and scale_fn is None"),
]
DEFAULT_ARGS = {"StepLR": {"step_size": 3}, "CosineAnnealingLR": {"T_max": 10}, "CosineAnnealingWarmRestarts": {"T_0": 5},
                "LambdaLR": {"lr_lambda": "1.0"}, "CyclicLR": {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3},
                "OneCycleLR": {"max_lr": 0.1, "total_steps": 10}, "SWALR": {"swa_lr": 0.05}}


def test_odd_values_behave_as_torch():
    """The values the explorer page names: what torch does with each, and the engine the same."""
    specs = json.loads(_node("import { SPECS } from './docs/assets/explorer/spec.js'; console.log(JSON.stringify(SPECS));"))

    def full(name, args):  # the form's defaults, then the case's arguments
        return {**{key: value for key, _, value in specs[name]}, **DEFAULT_ARGS.get(name, {}), **args}

    configs = [{"scheduler": name, "optimizer": "SGD", "lr": 0.1, "momentum": 0.9, "steps": 12, "args": full(name, args)}
               for name, args, _ in ODD_VALUES]
    for config in configs:
        if config["scheduler"] == "ReduceLROnPlateau":  # a loss that stops improving at step 3
            config["metric"] = {"start": 2.0, "floor": 0.5, "plateau_at": 3, "noise": 0.0, "seed": 0}
    configs += [{"scheduler": "SequentialLR", "optimizer": "SGD", "lr": 0.1, "momentum": 0.9, "steps": 12,
                 "args": {"milestones": [3], "last_epoch": v},
                 "schedulers": [{"scheduler": "ConstantLR", "args": full("ConstantLR", {"factor": 0.5, "total_iters": 2})},
                                {"scheduler": "ExponentialLR", "args": full("ExponentialLR", {"gamma": 0.9})}]}
                for v in (-1, 0, 2, -3, 1.5)]
    configs += [{"scheduler": "ChainedScheduler", "optimizer": "SGD", "lr": 0.1, "momentum": 0.9, "steps": 12, "args": {},
                 "schedulers": [{"scheduler": "ExponentialLR", "args": full("ExponentialLR", {"gamma": 0.9})},
                                {"scheduler": name, "args": full(name, {"last_epoch": v})}]}
                for name in ("StepLR", "CosineAnnealingWarmRestarts", "CosineAnnealingLR", "CyclicLR") for v in (0, 3, -3, 2.5)]
    engine = ex.run_engine(configs)
    outcomes = []
    for config, got in zip(configs, engine):
        want = ex.run_torch(config)
        assert not ex.difference(config, want, got), ex.difference(config, want, got)
        outcomes.append("ok" if not want["error"] else f"{want['error'][0]}: {want['error'][1]}")
    for (name, args, expected), outcome in zip(ODD_VALUES, outcomes):
        assert outcome.startswith(expected), (name, args, outcome)
    assert set(outcomes[len(ODD_VALUES):]) == {"ok"}  # after a first member, last_epoch resumes
    sequential = [got["lrs"] for got in engine[len(ODD_VALUES):len(ODD_VALUES) + 5]]
    assert len({tuple(lrs) for lrs in sequential}) >= 3  # SequentialLR's last_epoch moves the milestone


def test_engine_changes_momentum_and_beta1_where_torch_does(compared):
    """CyclicLR and OneCycleLR move momentum (SGD) and beta1 (Adam); the sample covers both."""
    for name in ("CyclicLR", "OneCycleLR"):
        seen = set()
        for c, want, _ in compared[name]:
            if not want["error"] and len(set(want["momenta"])) > 1:
                seen.add(c["optimizer"])
        assert seen >= {"SGD", "Adam"}, name


def test_a_wrong_engine_is_caught():
    """The comparison fails on a one-ulp change of a value and on a changed message."""
    config = ex.configs("CosineAnnealingLR", 1)[0]
    want = ex.run_torch(config)
    got = json.loads(json.dumps(want))
    got["error"] = None if not want["error"] else {"type": want["error"][0], "message": want["error"][1]}
    assert ex.difference(config, want, got) is None
    if want["lrs"]:
        bumped = json.loads(json.dumps(got))
        bumped["lrs"][-1] = want["lrs"][-1] * (1 + 1e-11)
        assert "lrs[" in ex.difference(config, want, bumped)
    wrong = json.loads(json.dumps(got))
    wrong["error"] = {"type": "ValueError", "message": "something else"}
    assert ex.difference(config, want, wrong)


def _node(script: str) -> str:
    run = subprocess.run(["node", "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", "--input-type=module", "-e", script],
                         cwd=ex.ROOT, capture_output=True, text=True, check=True)
    return run.stdout


def test_the_form_has_an_input_for_each_constructor_argument():
    """spec.js (from which the form, the URL and the program are made) names each argument of
    each constructor in torch 2.13's order, and types int exactly those explorer_torch.INT_ARGS
    lists; the two compositions take their schedulers from the builder."""
    import inspect  # noqa: PLC0415

    import torch  # noqa: PLC0415

    specs = json.loads(_node("import { SPECS, SEQUENTIAL_SPEC } from './docs/assets/explorer/spec.js';"
                             "console.log(JSON.stringify({...SPECS, SequentialLR: SEQUENTIAL_SPEC}));"))
    for name in ex.SCHEDULERS + ["SequentialLR"]:
        cls = torch.optim.swa_utils.SWALR if name == "SWALR" else getattr(torch.optim.lr_scheduler, name)
        params = [p for p in inspect.signature(cls.__init__).parameters if p not in ("self", "optimizer", "schedulers")]
        assert [row[0] for row in specs[name]] == params, name
        for key, kind, _ in specs[name]:
            assert (kind in ("int", "int?")) == (key in ex.INT_ARGS), (name, key)
    chained = [p for p in inspect.signature(torch.optim.lr_scheduler.ChainedScheduler.__init__).parameters if p != "self"]
    assert chained == ["schedulers", "optimizer"]


def test_float_repr_equals_python_repr():
    """The CSV and the generated code print floats as Python's repr() does."""
    r = random.Random(7)
    values = [0.0, -0.0, 1.0, 0.1, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 0.0001234, 5e-324,
              1.7976931348623157e308, math.inf, -math.inf, 2.5e-7, 1 / 3, 100.0, 1e22]
    values += [r.uniform(-1, 1) * 10 ** r.randint(-30, 30) for _ in range(2000)]
    values += [float(r.randint(-10**6, 10**6)) for _ in range(200)]
    script = ("import { repr } from './docs/assets/explorer/py.js';"
              f"const xs = {json.dumps([str(v) if not math.isfinite(v) else v for v in values])};"
              "for (const x of xs) console.log(repr(typeof x === 'string' ? Number(x) : x));")
    js = _node(script.replace('"inf"', '"Infinity"').replace('"-inf"', '"-Infinity"')).split()
    assert js == [repr(v) for v in values]


def test_python_division_and_modulo_semantics():
    """int and float //, % and ** follow Python, exceptions included, over a grid with signs and zeros.

    // and % are exact; ** agrees to rel 1e-12 (V8's pow is not glibc's)."""
    grid = [-7, -3, -1, 0, 1, 2, 5]
    fgrid = [-7.5, -2.0, -0.5, 0.0, 0.5, 3.0, 1e300]
    cases = [(a, b) for a in grid for b in grid] + [(a, b) for a in fgrid for b in fgrid]
    expected = []
    for a, b in cases:
        row = []
        for op in ("//", "%", "**"):
            try:
                v = eval(f"({a!r}) {op} ({b!r})")
                row.append("complex" if isinstance(v, complex) else repr(float(v)) if isinstance(v, float) else str(v))
            except Exception as e:  # noqa: BLE001
                row.append(f"{type(e).__name__}: {e}")
        expected.append(row)
    exprs = [[f"({a!r}) {op} ({b!r})" for op in ("//", "%", "**")] for a, b in cases]
    script = ("import { compile } from './docs/assets/explorer/expr.js';"
              "import { repr } from './docs/assets/explorer/py.js';"
              f"const rows = {json.dumps(exprs)};"
              "const out = rows.map(r => r.map(t => { try { const v = compile(t)(0);"
              " return v.k === 1 ? repr(v.v) : String(v.v); }"
              " catch (e) { return e.type === 'ExplorerError' ? 'complex' : e.type + ': ' + e.message; } }));"
              "console.log(JSON.stringify(out));")
    got = json.loads(_node(script))

    def same(w, g, op):
        if op == "**" and w[0] in "-0123456789i" and g[0] in "-0123456789i":
            return ex.close(float(w), float(g))  # V8's pow and glibc's may differ in the last ulp
        return w == g

    mismatches = [(e, w, g) for e, w, g in zip(exprs, expected, got)
                  if not all(same(a, b, op) for a, b, op in zip(w, g, ("//", "%", "**")))]
    assert not mismatches, mismatches[:5]


# ---------------------------------------------------------------- the page's views: program, CSV, URL
PROGRAMS_PER_SCHEDULER = 5
# No cos, exp, log or non-integer pow on the way: V8 and glibc then round identically, and the
# printed CSV must be byte-identical. Elsewhere Math.cos/Math.pow may differ from glibc in the
# last ulp (measured: about 1 program in 12 has one such line), so values agree to rel 1e-12.
EXACT = {"StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR", "ReduceLROnPlateau"}


@pytest.fixture(scope="session")
def views():
    cases = []
    for name in NAMES:
        valid = [c for c in ex.configs(name, 60, seed=1) if "metrics" not in c and c["steps"] <= 150]
        cases += valid
    results = ex.run_engine(cases, views=True)
    return list(zip(cases, results))


def _csv_rows(text):
    lines = text.splitlines()
    return lines[0], [line.split(",") for line in lines[1:]]


NEW_ARGUMENT_PROGRAMS = 2  # per scheduler


def _uses_new_arguments(config) -> set[str]:
    """Which of last_epoch (not -1), a float in an int argument, a scale_fn the configuration uses."""
    args = [config.get("args", {})] + [m["args"] for m in config.get("schedulers", [])]
    used = set()
    for a in args:
        for k, v in a.items():
            if k == "last_epoch" and (v != -1 or isinstance(v, float)):
                used.add("last_epoch")
            elif k in ex.INT_ARGS and isinstance(v, float):
                used.add("float")
            elif k == "scale_fn" and v is not None:
                used.add("scale_fn")
    return used


def test_generated_programs_print_the_engine_values(views):
    """The program the explorer shows, run by Python with torch, prints the explorer's CSV.

    One fresh interpreter runs every sampled program, each in its own namespace (an
    interpreter per program would cost a torch import each)."""
    chosen, new_arguments = {}, {}
    for config, result in views:
        if "crash" in result:
            pytest.fail(f"engine crashed: {result['crash']}\n{json.dumps(config)}")
        if not result["error"] and len(chosen.setdefault(config["scheduler"], [])) < PROGRAMS_PER_SCHEDULER:
            chosen[config["scheduler"]].append((config, result))
        elif (not result["error"] and _uses_new_arguments(config) and config["steps"] >= 10
              and len(new_arguments.setdefault(config["scheduler"], [])) < NEW_ARGUMENT_PROGRAMS):
            new_arguments[config["scheduler"]].append((config, result))
    sample = [pair for name in NAMES for pair in chosen[name]]
    assert len(sample) == PROGRAMS_PER_SCHEDULER * len(NAMES)
    # and programs that pass last_epoch, a float for an int, or a scale_fn (see _uses_new_arguments)
    extra = [pair for name in NAMES for pair in new_arguments.get(name, [])]
    used = {kind for config, _ in extra for kind in _uses_new_arguments(config)}
    assert len(extra) >= 16 and used == {"last_epoch", "float", "scale_fn"}, used
    sample += extra
    runner_code = (
        "import contextlib, io, json, sys\n"
        "outs = []\n"
        "for program in json.load(sys.stdin):\n"
        "    buffer = io.StringIO()\n"
        "    with contextlib.redirect_stdout(buffer):\n"
        "        exec(compile(program, '<explorer>', 'exec'), {'__name__': '__main__'})\n"
        "    outs.append(buffer.getvalue())\n"
        "json.dump(outs, sys.stdout)\n")
    run = subprocess.run([sys.executable, "-W", "ignore", "-c", runner_code], input=json.dumps([r["program"] for _, r in sample]),
                         capture_output=True, text=True, check=True)
    printed = json.loads(run.stdout)
    exact = 0
    for (config, result), out in zip(sample, printed):
        where = f"\nconfiguration: {json.dumps(config)}\nprogram:\n{result['program']}"
        if config["scheduler"] in EXACT:
            assert out == result["csv"], where
        head, rows = _csv_rows(out)
        want_head, want_rows = _csv_rows(result["csv"])
        assert head == want_head and len(rows) == len(want_rows) == config["steps"], where
        for got, want in zip(rows, want_rows):
            assert got[0] == want[0], where
            assert all(ex.close(float(a), float(b)) for a, b in zip(got[1:], want[1:])), f"{got} != {want}{where}"
        exact += out == result["csv"]
    assert exact >= 0.75 * len(sample)


def test_csv_follows_the_contract(views):
    for config, result in views:
        if result["error"]:
            continue
        head, rows = _csv_rows(result["csv"])
        name = config["scheduler"]
        members = config.get("schedulers", [config])
        cycles = any(m["scheduler"] in ("CyclicLR", "OneCycleLR") and m["args"]["cycle_momentum"] for m in members)
        extra = ({"SGD": ",momentum", "Adam": ",beta1"}.get(config["optimizer"], "") if cycles else "")
        assert head == "step,lr" + extra + (",metric" if name == "ReduceLROnPlateau" else ""), config
        assert [int(r[0]) for r in rows] == list(range(config["steps"]))
        for row, lr in zip(rows, result["lrs"]):
            # repr of the float: shortest round-trip, up to 17 digits (JSON carries -0.0 as 0)
            assert row[1] == repr(float(lr)) or (lr == 0 and row[1] == "-0.0")
        if name == "ReduceLROnPlateau":
            assert [float(r[-1]) for r in rows] == ex.synthetic_metric(config["metric"], config["steps"])


def test_url_round_trips_every_configuration(views):
    """Parsing the query the page writes gives back the same configuration (a float in an int
    argument stays a float: {"float": x} in the engine's JSON)."""
    for config, result in views:
        config = ex.to_engine(config)
        parsed = result["parsed"]
        q = result["query"]
        assert q.startswith(f"?scheduler={config['scheduler']}&lr=") and f"&steps={config['steps']}" in q
        for key in ("scheduler", "optimizer", "lr", "steps"):
            assert parsed[key] == config[key], (key, q)
        if config["scheduler"] in ex.COMPOSITES:
            assert [m["scheduler"] for m in parsed["schedulers"]] == [m["scheduler"] for m in config["schedulers"]], q
            for got, want in zip(parsed["schedulers"], config["schedulers"]):
                assert got["args"] == want["args"], q
            assert parsed["args"] == config["args"], q
        else:
            assert parsed["args"] == config["args"], q
            for key, value in config["args"].items():
                assert f"&{key}=" in q, (key, q)


def test_url_contract_examples():
    """The literal forms the contract names: numbers, true/false, lists, bare words, expressions."""
    script = ("import { fromQuery, toQuery } from './docs/assets/explorer/spec.js';"
              "const q = [\"?scheduler=MultiStepLR&lr=0.1&steps=100&milestones=[30,80]&gamma=0.5\","
              " \"?scheduler=CyclicLR&lr=0.1&steps=50&base_lr=0.001&max_lr=0.1&mode=triangular2&cycle_momentum=false\","
              " \"?scheduler=LambdaLR&lr=0.1&steps=10&lr_lambda=\" + encodeURIComponent('0.9 ** epoch if epoch < 5 else 0.1'),"
              " \"?scheduler=StepLR&lr=0.1&steps=10&stepsize=3\"];"
              "const out = q.map(s => { try { const c = fromQuery(s); return {c, back: toQuery(c)}; } catch (e) { return {error: e.message}; } });"
              "console.log(JSON.stringify(out));")
    multi, cyclic, lam, typo = json.loads(_node(script))
    assert multi["c"]["args"] == {"milestones": [30, 80], "gamma": 0.5, "last_epoch": -1}
    assert "milestones=[30,80]" in multi["back"]
    assert cyclic["c"]["args"]["mode"] == "triangular2" and cyclic["c"]["args"]["cycle_momentum"] is False
    assert "mode=triangular2" in cyclic["back"] and "cycle_momentum=false" in cyclic["back"]
    assert lam["c"]["args"]["lr_lambda"] == "0.9 ** epoch if epoch < 5 else 0.1"
    assert "stepsize" in typo["error"]


# ---------------------------------------------------------------- Try it panels
PRESETS = json.loads((ex.ROOT / "docs/assets/explorer/presets.json").read_text())


def test_every_scheduler_page_has_a_preset():
    from conftest import front_matter, pages  # noqa: PLC0415

    scheduler_pages = {p.stem: front_matter(p)["scheduler"] for p in pages() if front_matter(p).get("scheduler")}
    assert len(scheduler_pages) == 16
    assert set(PRESETS) == set(scheduler_pages)
    for stem, cls in scheduler_pages.items():
        assert PRESETS[stem]["config"]["scheduler"] == cls, stem


def _preset_config(stem):
    from conftest import result  # noqa: PLC0415

    entry = PRESETS[stem]
    config = dict(entry["config"], betas=[0.9, 0.999])
    recorded = result(entry["snippet"]).traces["lrs"]
    want = recorded[entry["label"]] if "label" in entry else recorded[""]
    if "metric_from_snippet" in entry:
        # The page's loss reacts to the LR, which a fixed synthetic metric cannot: the check
        # passes the page's recorded losses to the engine instead of the panel's synthetic loss.
        config["metrics"] = result(entry["snippet"]).traces[entry["metric_from_snippet"]][""]
    if "tail_from" in entry:
        # SWALR's page anneals with CosineAnnealingLR first and hands over at epoch `tail_from`:
        # the panel is SWALR alone, started from the LR the page reached there.
        start = entry["tail_from"]
        config["lr"] = want[start]
        want = want[start:start + config["steps"]]
    return config, want


@pytest.mark.parametrize("stem", sorted(PRESETS))
def test_each_panel_starts_at_its_page_example(stem):
    """A page's preset, run by the engine, reproduces the trace the page's main snippet recorded."""
    config, want = _preset_config(stem)
    (got,) = ex.run_engine([config])
    assert got["error"] is None
    assert len(got["lrs"]) == len(want)
    assert all(ex.close(a, b) for a, b in zip(got["lrs"], want)), stem
