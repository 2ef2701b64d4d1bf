"""The explorer's engine (docs/assets/explorer/engine.js) checked against torch.

* ``configs(name, n, seed)``: seeded random configurations of one scheduler, in the
  engine's JSON format, spanning the valid arguments, the edge cases the pages discuss,
  and arguments torch rejects;
* ``run_torch(config)``: the same configuration run by torch, traced as the snippets do
  (LR and momentum/beta1 of the group before each ``scheduler.step()``);
* ``run_engine(configs)``: every configuration run by the engine in one ``node`` process;
* ``difference(config, torch_result, engine_result)``: ``None`` or what differs.

Used by tests/test_explorer.py and tests/test_browser_explorer.py.
"""

from __future__ import annotations

import json
import math
import random
import subprocess
import tempfile
import warnings
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
HARNESS = ROOT / "tests" / "js" / "run_engine.mjs"
REL, ABS = 1e-12, 1e-15

SCHEDULERS = [
    "LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR",
    "PolynomialLR", "CosineAnnealingLR", "CosineAnnealingWarmRestarts", "CyclicLR", "OneCycleLR",
    "ReduceLROnPlateau", "SWALR",
]
COMPOSITES = ["SequentialLR", "ChainedScheduler"]
SAFE_LAMBDAS = [  # expressions the scheduler pages use, plus common warm-up shapes
    "0.95 ** epoch", "min(1.0, (epoch + 1) / 5)", "1 / (epoch + 1)", "epoch // 10", "0.5 ** (epoch // 3)",
    "(epoch + 1) / 10 if epoch < 10 else 0.5 * (1 + math.cos(math.pi * (epoch - 10) / 90))",
    "math.exp(-0.05 * epoch)", "1.0 if epoch < 5 else 0.1", "max(0.0, 1 - epoch / 50)", "abs(math.sin(epoch / 7))",
]
SAFE_SCALES = [  # CyclicLR scale_fn bodies: torch's three modes written out, and other shapes
    "1.0", "1 / (2.0 ** (x - 1))", "0.99 ** x", "0.999 ** x", "max(0.1, 1 - 0.1 * x)", "abs(math.sin(x))",
    "0.5 if x % 2 == 0 else 1.0", "math.exp(-0.01 * x)", "1 / x", "x % 3", "min(1.0, x / 3)",
]
BAD_SCALES = ["epoch * 2", "math.log(x - 1)", "1 / (x - 1)", "(x - 3) ** 0.5", "math.sqrt(1 - x)", "gamma ** x"]
SAFE_FACTORS = ["0.95", "0.9 if epoch % 10 == 9 else 1.0", "1.0 - 0.01 * min(epoch, 50)", "math.sqrt(0.9)",
                "1 + 1 / (epoch + 2) - 0.5", "0.99 ** (epoch % 3)"]


# ---------------------------------------------------------------- random configurations
def _expr(r: random.Random, depth: int, var: str = "epoch") -> str:
    """A random expression in `var` (epoch, or x for scale_fn) from the explorer's Python subset."""
    if depth <= 0 or r.random() < 0.25:
        return r.choice([var, var, str(r.randint(0, 9)), repr(round(r.uniform(-2, 3), r.randint(0, 3))),
                         "math.pi", "math.e", "True"])
    kind = r.random()
    a, b = _expr(r, depth - 1, var), _expr(r, depth - 1, var)
    if kind < 0.45:
        op = r.choice(["+", "-", "*", "/", "//", "%", "+", "*"])
        return f"({a} {op} {b})"
    if kind < 0.55:
        base = repr(round(r.uniform(0.0, 1.5), 3)) if r.random() < 0.7 else a
        exponent = r.choice([str(r.randint(0, 3)), repr(round(r.uniform(-1.5, 2), 2)), "epoch", f"({a} % 3)"])
        return f"({base} ** {exponent})"
    if kind < 0.7:
        return f"{r.choice(['min', 'max'])}({a}, {b}{', ' + _expr(r, 0, var) if r.random() < 0.3 else ''})"
    if kind < 0.8:
        fn = r.choice(["math.cos", "math.sin", "math.exp", "math.log", "math.sqrt", "abs"])
        inner = f"{a} / 100" if fn == "math.exp" else a
        return f"{fn}({inner})"
    if kind < 0.9:
        cmp = r.choice(["<", "<=", ">", ">=", "==", "!="])
        return f"({a} if {_expr(r, 0, var)} {cmp} {b} else {_expr(r, depth - 1, var)})"
    return f"(-{a})" if r.random() < 0.5 else f"({a} {r.choice(['and', 'or'])} {b})"


def _f(r: random.Random, lo: float, hi: float) -> float:
    return r.uniform(lo, hi)


def _optimizer(r: random.Random, name: str) -> dict:
    kind = r.choices(["SGD", "Adam", "Adagrad"], [6, 3, 1])[0]
    if name in ("CyclicLR", "OneCycleLR") and r.random() < 0.9:
        kind = r.choice(["SGD", "Adam"])
    lr = r.choice([0.1, 1.0, 0.01, 3e-4]) if r.random() < 0.4 else 10 ** r.uniform(-5, 0.5)
    if r.random() < 0.02:
        lr = -lr  # rejected by every optimizer
    out = {"optimizer": kind, "lr": lr}
    if kind == "SGD":
        out["momentum"] = r.choice([0.0, 0.9, round(r.uniform(0, 0.99), 3)])
    elif kind == "Adam":
        out["betas"] = [r.choice([0.9, round(r.uniform(0, 0.99), 3)]), 0.999]
    return out


def _args(r: random.Random, name: str, steps: int) -> dict:
    bad = r.random() < 0.08  # a share of arguments torch rejects (or accepts and fails on later)
    if name == "LambdaLR":
        expr = r.choice(SAFE_LAMBDAS) if r.random() < 0.3 else _expr(r, r.randint(1, 3))
        if bad:
            expr = r.choice(["epoch / (epoch - 3)", "math.log(epoch)", "undefined_name * 2", "1 // (epoch - 1)",
                             "math.sqrt(2 - epoch)", "math.exp(epoch * 10)", "(-2.0) ** 0.5"])
        return {"lr_lambda": expr}
    if name == "MultiplicativeLR":
        expr = r.choice(SAFE_FACTORS) if r.random() < 0.4 else _expr(r, r.randint(1, 2))
        if bad:
            expr = r.choice(["1 / (epoch - 2)", "math.log(epoch - 1)", "gamma"])
        return {"lr_lambda": expr}
    if name == "StepLR":
        return {"step_size": r.choice([0, -3]) if bad else r.randint(1, max(2, steps // 2)),
                "gamma": r.choice([0.1, 0.5, round(_f(r, 0, 1.2), 3), 1.0])}
    if name == "MultiStepLR":
        k = r.randint(0, 5)
        ms = sorted(r.randint(-2 if bad else 0, steps + 5) for _ in range(k))
        if r.random() < 0.2 and ms:
            ms.append(ms[-1])  # a repeated milestone counts twice
        return {"milestones": ms if r.random() < 0.8 else r.sample(ms, len(ms)), "gamma": round(_f(r, 0, 1.2), 4)}
    if name == "ConstantLR":
        factor = r.choice([1.0 / 3, 0.5, 0.0, 1.0, round(_f(r, 0, 1), 4)])
        if bad:
            factor = r.choice([-0.1, 1.5])
        return {"factor": factor, "total_iters": r.choice([0, 1, 5, r.randint(-2, steps + 3)])}
    if name == "LinearLR":
        sf = r.choice([1.0 / 3, 0.1, 1.0, round(_f(r, 0.001, 1), 4)])
        ef = r.choice([1.0, 0.0, round(_f(r, 0, 1), 4)])
        if bad:
            sf, ef = r.choice([(0.0, 1.0), (1.5, 1.0), (0.5, 1.1), (0.5, -0.1)])
        return {"start_factor": sf, "end_factor": ef, "total_iters": r.choice([0, 1, 5, r.randint(-1, steps + 3)])}
    if name == "ExponentialLR":
        return {"gamma": r.choice([0.9, 0.99, 1.0, 0.0, round(_f(r, 0, 1.1), 4), -0.5 if bad else 0.5])}
    if name == "PolynomialLR":
        power = r.choice([1.0, 2.0, 0.5, 0.0, round(_f(r, 0, 4), 3)])
        if bad:
            power = r.choice([-1.0, -0.5])
        return {"total_iters": r.choice([0, 1, 5, r.randint(-1, steps + 3)]), "power": power}
    if name == "CosineAnnealingLR":
        return {"T_max": r.choice([0, -4]) if bad else r.choice([1, 2, r.randint(1, steps + 5), max(1, steps // 3)]),
                "eta_min": r.choice([0.0, 1e-4, round(_f(r, 0, 0.05), 5)])}
    if name == "CosineAnnealingWarmRestarts":
        t0, tm = r.randint(1, max(2, steps // 2)), r.choice([1, 1, 2, 3])
        if bad:
            t0, tm = r.choice([(-1, 1), (0, 2), (5, 0), (3, -1)])
        return {"T_0": t0, "T_mult": tm, "eta_min": r.choice([0.0, 1e-5, round(_f(r, 0, 0.01), 5)])}
    if name == "CyclicLR":
        base = 10 ** _f(r, -5, -2)
        up = r.choice([1, 2, r.randint(1, max(2, steps // 2))])
        down = r.choice([None, None, r.randint(1, max(2, steps // 2)), 0])
        if bad:
            up, down = r.choice([(0, 0), (0, 4), (0, None)])
        scale_fn = None
        if r.random() < 0.35:  # a custom scale_fn: mode is then ignored (even an invalid one), scale_mode used
            scale_fn = r.choice(SAFE_SCALES) if r.random() < 0.6 else _expr(r, r.randint(1, 2), "x")
            if r.random() < 0.1:
                scale_fn = r.choice(BAD_SCALES)
        return {"base_lr": base, "max_lr": base * _f(r, 1, 100), "step_size_up": up, "step_size_down": down,
                "mode": "sideways" if (bad or scale_fn) and r.random() < 0.3
                else r.choice(["triangular", "triangular2", "exp_range"]),
                "gamma": r.choice([1.0, 0.99, 0.999, round(_f(r, 0.9, 1.0), 4)]), "scale_fn": scale_fn,
                "scale_mode": r.choice(["cycle", "iterations"]), "cycle_momentum": r.random() < 0.7,
                "base_momentum": round(_f(r, 0.5, 0.85), 3), "max_momentum": round(_f(r, 0.85, 0.99), 3)}
    if name == "OneCycleLR":
        total = r.choice([steps, steps, steps + r.randint(0, 30), r.randint(2, steps + 2)])
        args = {"max_lr": 10 ** _f(r, -3, 0), "total_steps": total, "epochs": None, "steps_per_epoch": None,
                "pct_start": r.choice([0.3, 0.25, 0.5, round(_f(r, 0, 1), 3)]),
                "anneal_strategy": r.choice(["cos", "linear"]), "cycle_momentum": r.random() < 0.7,
                "base_momentum": round(_f(r, 0.7, 0.85), 3), "max_momentum": round(_f(r, 0.85, 0.99), 3),
                "div_factor": r.choice([25.0, 10.0, round(_f(r, 1, 100), 2)]),
                "final_div_factor": r.choice([1e4, 100.0, round(_f(r, 1, 1e5), 1)]), "three_phase": r.random() < 0.3}
        if r.random() < 0.2:
            e = r.randint(1, 5)
            args.update(total_steps=None, epochs=e, steps_per_epoch=max(1, total // e))
        if bad:
            args.update(r.choice([{"total_steps": 0}, {"total_steps": -5}, {"pct_start": 1.5}, {"pct_start": -0.1},
                                  {"anneal_strategy": "cosine"}, {"total_steps": None},
                                  {"total_steps": None, "epochs": 0, "steps_per_epoch": 3},
                                  {"total_steps": None, "epochs": 2, "steps_per_epoch": -1}]))
        return args
    if name == "ReduceLROnPlateau":
        return {"mode": "median" if bad and r.random() < 0.3 else r.choice(["min", "max"]),
                "factor": r.choice([1.0, 2.0]) if bad else r.choice([0.1, 0.5, round(_f(r, 0, 0.99), 3)]),
                "patience": r.choice([0, 1, 2, 5, 10, r.randint(0, 20)]),
                "threshold": r.choice([1e-4, 0.0, 0.01, round(_f(r, 0, 0.1), 4)]),
                "threshold_mode": "relative" if bad and r.random() < 0.3 else r.choice(["rel", "abs"]),
                "cooldown": r.choice([0, 0, 1, 3, r.randint(0, 10)]),
                "min_lr": r.choice([0.0, 0.0, 1e-4, 10 ** _f(r, -6, -2)]), "eps": r.choice([1e-8, 0.0, 1e-3])}
    if name == "SWALR":
        return {"swa_lr": r.choice([0.05, 10 ** _f(r, -4, 0)]),
                "anneal_epochs": r.choice([-1]) if bad else r.choice([0, 1, 5, 10, r.randint(0, steps + 3)]),
                "anneal_strategy": "cosine" if bad and r.random() < 0.5 else r.choice(["cos", "linear"])}
    raise KeyError(name)


# The arguments torch's signatures type `int` (spec.js types them int / int?): the explorer
# passes a float there as torch gets it; in the engine's JSON such a float is {"float": x}.
INT_ARGS = {"step_size", "total_iters", "T_max", "T_0", "T_mult", "step_size_up", "step_size_down", "total_steps",
            "epochs", "steps_per_epoch", "patience", "cooldown", "anneal_epochs", "last_epoch"}
NO_LAST_EPOCH = {"ReduceLROnPlateau", "ChainedScheduler"}


def _floatify(r: random.Random, value: int) -> float:
    """A float where torch's signature says int: integral (3.0), fractional, or zero."""
    return r.choice([float(value), value + 0.5, value - 0.25, round(value * r.uniform(0.5, 1.5), 2), 0.0, 2.5])


def _last_epoch(r: random.Random, steps: int, later: bool):
    """last_epoch: -1 mostly. Any other value needs `initial_lr` in the group (KeyError on a fresh
    optimizer), which an earlier member of a composition has written (`later`)."""
    if r.random() < (0.5 if later else 0.85):
        return -1
    return r.choice([-1.0, 0, 0.0, 1, 3, -2, -3, r.randint(0, steps + 5), r.randint(-6, -1),
                     round(r.uniform(-3, steps), 1), float(r.randint(0, 10))])


def _arguments(r: random.Random, name: str, steps: int, later: bool = False) -> dict:
    """_args, plus a float in an int argument now and then, and last_epoch."""
    args = _args(r, name, steps)
    ints = [k for k, v in args.items() if k in INT_ARGS and isinstance(v, int) and not isinstance(v, bool)]
    if ints and r.random() < 0.15:
        k = r.choice(ints)
        args[k] = _floatify(r, args[k])
    if name not in NO_LAST_EPOCH:
        args["last_epoch"] = _last_epoch(r, steps, later)
    return args


def to_engine(config: dict) -> dict:
    """The configuration in the engine's JSON: a float in an int argument as {"float": x}."""
    def args(a: dict) -> dict:
        return {k: {"float": v} if k in INT_ARGS and isinstance(v, float) else v for k, v in a.items()}

    out = dict(config, args=args(config.get("args", {})))
    if "schedulers" in config:
        out["schedulers"] = [dict(m, args=args(m["args"])) for m in config["schedulers"]]
    return out


def _metric(r: random.Random) -> dict:
    return {"start": round(_f(r, 1, 3), 3), "floor": round(_f(r, 0.1, 0.9), 3), "plateau_at": r.randint(1, 60),
            "noise": r.choice([0.0, 0.01, 0.05, round(_f(r, 0, 0.3), 3)]), "seed": r.randint(0, 2 ** 32 - 1)}


def configs(name: str, n: int, seed: int = 0) -> list[dict]:
    r = random.Random(f"{name}-{seed}")
    out = []
    for _ in range(n):
        steps = r.choice([1, 2, r.randint(1, 40), r.randint(10, 120), r.randint(10, 120), r.randint(100, 300)])
        config = {"scheduler": name, "steps": steps, **_optimizer(r, name)}
        if name in COMPOSITES:
            k = r.randint(2, 3)
            members = []
            for i in range(k):
                member = r.choice([s for s in SCHEDULERS if s != "ReduceLROnPlateau" or r.random() < 0.05])
                members.append({"scheduler": member, "args": _arguments(r, member, steps, later=i > 0)})
            config["schedulers"] = members
            if name == "SequentialLR":
                ms = sorted(r.randint(0 if r.random() < 0.1 else 1, steps) for _ in range(k - 1))
                if r.random() < 0.04:
                    ms = ms[:-1]  # one milestone too few
                # any last_epoch is accepted: it shifts the wrapper's count against the milestones
                config["args"] = {"milestones": ms, "last_epoch": -1 if r.random() < 0.6 else r.choice(
                    [0, 2, -3, r.randint(-5, steps), 1.5, -1.0, float(r.randint(0, 8))])}
            else:
                config["args"] = {}
        else:
            config["args"] = _arguments(r, name, steps)
        if name == "ReduceLROnPlateau":
            if r.random() < 0.5:
                config["metric"] = _metric(r)
            else:
                config["metrics"] = [round(r.uniform(0, 2), r.choice([1, 3, 8])) for _ in range(steps)]
        out.append(config)
    return out


# ---------------------------------------------------------------- torch
def _lambda(expression: str, var: str = "epoch"):
    # The expression was written by this module or by the explorer's code generator, never by a reader.
    return eval(f"lambda {var}: " + expression, {"math": math, "min": min, "max": max, "abs": abs, "__builtins__": {}})


def _scheduler(optimizer, name: str, args: dict):
    args = dict(args)
    if name in ("LambdaLR", "MultiplicativeLR"):
        args["lr_lambda"] = _lambda(args["lr_lambda"])
    if args.get("scale_fn") is not None:
        args["scale_fn"] = _lambda(args["scale_fn"], "x")
    if name == "SWALR":
        return torch.optim.swa_utils.SWALR(optimizer, **args)
    return getattr(torch.optim.lr_scheduler, name)(optimizer, **args)


def _momentum(group):
    if "betas" in group:
        return group["betas"][0]
    return group.get("momentum")


def run_torch(config: dict) -> dict:
    lrs, momenta, error = [], [], None
    metrics = config.get("metrics")
    if config["scheduler"] == "ReduceLROnPlateau" and metrics is None:
        metrics = synthetic_metric(config["metric"], config["steps"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            params = [torch.zeros(1, requires_grad=True)]
            kind = config["optimizer"]
            if kind == "SGD":
                opt = torch.optim.SGD(params, lr=config["lr"], momentum=config["momentum"])
            elif kind == "Adam":
                opt = torch.optim.Adam(params, lr=config["lr"], betas=tuple(config["betas"]))
            else:
                opt = torch.optim.Adagrad(params, lr=config["lr"])
            name = config["scheduler"]
            group = opt.param_groups[0]
            if name in COMPOSITES:
                members = []
                for m in config["schedulers"]:
                    members.append(_scheduler(opt, m["scheduler"], m["args"]))
                    if isinstance(group["lr"], complex):
                        return {"lrs": [], "momenta": [], "metrics": metrics, "error": ("complex", repr(group["lr"]))}
                if name == "SequentialLR":
                    sched = torch.optim.lr_scheduler.SequentialLR(opt, members, milestones=config["args"]["milestones"],
                                                                  last_epoch=config["args"].get("last_epoch", -1))
                else:
                    sched = torch.optim.lr_scheduler.ChainedScheduler(members, optimizer=opt)
            else:
                sched = _scheduler(opt, name, config["args"])
            for i in range(config["steps"]):
                if isinstance(group["lr"], complex):
                    error = ("complex", repr(group["lr"]))
                    break
                lrs.append(group["lr"])
                momenta.append(_momentum(group))
                # No optimizer.step(): with no gradients it changes nothing a scheduler reads (it
                # only marks the optimizer as stepped, for a warning filtered here), and it costs
                # ten times a scheduler step. The programs the explorer generates do call it.
                if metrics is not None:
                    sched.step(metrics[i])
                else:
                    sched.step()
        except Exception as e:  # noqa: BLE001 - the exception is the result under test
            error = (type(e).__name__, str(e))
    return {"lrs": lrs, "momenta": momenta, "metrics": metrics, "error": error}


def synthetic_metric(m: dict, steps: int) -> list[float]:
    """The explorer's seeded loss, written independently of engine.js (same arithmetic)."""
    out, state = [], m["seed"]
    for t in range(steps):
        state = (state * 1664525 + 1013904223) % 4294967296
        out.append(m["start"] - (m["start"] - m["floor"]) * min(t, m["plateau_at"]) / m["plateau_at"]
                   + m["noise"] * (state / 4294967296 - 0.5))
    return out


# ---------------------------------------------------------------- engine
def _number(v):
    if isinstance(v, str) and v in ("Infinity", "-Infinity", "NaN"):
        return {"Infinity": math.inf, "-Infinity": -math.inf, "NaN": math.nan}[v]
    return v


def run_engine(configs: list[dict], views: bool = False) -> list[dict]:
    """Run every configuration in one node process (tests/js/run_engine.mjs); with `views`, also
    return the page's program, CSV, URL query and the configuration parsed back from it."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "configs.json", Path(tmp) / "results.json"
        src.write_text(json.dumps([to_engine(c) for c in configs]))
        subprocess.run(["node", "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", str(HARNESS), str(src), str(dst)]
                       + (["views"] if views else []),
                       check=True, cwd=ROOT, capture_output=True, text=True)
        results = json.loads(dst.read_text())
    for res in results:
        for key in ("lrs", "momenta", "metrics"):
            if res.get(key) is not None:
                res[key] = [_number(v) for v in res[key]]
    return results


def close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= max(REL * max(abs(a), abs(b)), ABS)


def difference(config: dict, want: dict, got: dict) -> str | None:
    """None if the engine's result equals torch's, else a description with the configuration."""
    def report(what):
        return f"{what}\nconfiguration: {json.dumps(config)}"

    if "crash" in got:
        return report(f"engine crashed: {got['crash']}")
    if want["error"] and want["error"][0] == "complex":
        if not (got["error"] and got["error"]["type"] == "ExplorerError" and "complex" in got["error"]["message"]):
            return report(f"torch produced a complex LR {want['error'][1]}, engine: {got['error']}")
    elif want["error"]:
        if not got["error"]:
            return report(f"torch raised {want['error']}, engine did not")
        if (got["error"]["type"], got["error"]["message"]) != tuple(want["error"]):
            return report(f"torch raised {want['error']}, engine {got['error']}")
    elif got["error"]:
        return report(f"engine raised {got['error']}, torch did not")
    for key in ("lrs", "momenta"):
        if len(want[key]) != len(got[key]):
            return report(f"{key}: torch {len(want[key])} values, engine {len(got[key])}")
        for step, (a, b) in enumerate(zip(want[key], got[key])):
            if not close(a, b):
                return report(f"{key}[{step}]: torch {a!r}, engine {b!r}")
    return None
