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
