"""Quantified claims of the reference and integration pages, proved over their whole domain.

Pages: schedulers/reduce_lr_on_plateau.md, reference/errors.md, reference/lr_scheduler.md,
guides/recipes.md, integrations/transformers.md, integrations/lightning.md, integrations/ddp.md,
integrations/torch_compile.md. Each test names the sentence it proves; tests/claims_inventory.py
cites it. Expected values are written here (or in the scheduler test modules whose closed forms
tests/test_properties.py collects), never read from the output under test.
"""

from __future__ import annotations

import bisect
import copy
import json
import math
import re
import subprocess
import warnings
from fractions import Fraction
from pathlib import Path

import pytest
import torch
from conftest import DOCS, ROOT, lrs_used, result
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_properties import LR0, NAMES, SPECS, T
from test_properties import optimizer as sgd_optimizer
from test_reduce_lr_on_plateau import PlateauRule
from test_transformers import SCHEDULED, arguments
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR
from transformers import get_scheduler

CLAIM = settings(max_examples=25, derandomize=True, deadline=None, database=None)
FEW = settings(max_examples=8, derandomize=True, deadline=None, database=None)
Plateau = sched.ReduceLROnPlateau
NAN = float("nan")


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)


def groups_optimizer(lrs, momentum=0.9, **extra):
    """An SGD optimizer with one param group per LR."""
    return torch.optim.SGD([{"params": [torch.zeros(1, requires_grad=True)], "lr": lr, **extra} for lr in lrs],
                           lr=0.1, momentum=momentum)


def step(name, scheduler, metric=1.0):
    scheduler.step(metric) if name == "ReduceLROnPlateau" else scheduler.step()


lr_lists = st.lists(st.floats(1e-3, 1.0), min_size=1, max_size=4)


# === schedulers/reduce_lr_on_plateau.md =====================================================

metric_values = st.one_of(st.sampled_from([1.0, 0.9, 0.5, 0.5, 2.0, 0.0, -1.0, NAN]), st.floats(-5, 5))


@st.composite
def plateau_arguments(draw):
    n = draw(st.integers(1, 3))
    lrs = draw(st.lists(st.floats(1e-4, 1.0), min_size=n, max_size=n))
    kw = dict(mode=draw(st.sampled_from(["min", "max"])), factor=draw(st.floats(0.01, 0.95)),
              patience=draw(st.integers(0, 4)), threshold=draw(st.floats(0.0, 0.2)),
              threshold_mode=draw(st.sampled_from(["rel", "abs"])), cooldown=draw(st.integers(0, 3)),
              eps=draw(st.sampled_from([0.0, 1e-8, 1e-3])))
    if draw(st.booleans()):
        kw["min_lr"] = draw(st.lists(st.floats(0.0, 0.05), min_size=n, max_size=n))
    else:
        kw["min_lr"] = draw(st.floats(0.0, 0.05))
    return lrs, kw


@CLAIM
@given(args=plateau_arguments(), metrics=st.lists(metric_values, min_size=1, max_size=80))
def test_plateau_follows_the_three_steps_of_the_page_at_every_step(args, metrics):
    """'Each step(a) then does, in this order: 1. ... 2. ... 3. reduce the LR of every param group',
    'but only when eta - eta_new > eps', 'Multiplier applied at each reduction', 'one number for all
    groups or a list with one per group', 'Each reduction happens inside the step() call': torch against
    the rule written from scratch (tests/test_reduce_lr_on_plateau.py::PlateauRule), random arguments,
    1 to 3 groups, every step, LRs and counters."""
    lrs, kw = args
    optimizer = groups_optimizer(lrs)
    scheduler = Plateau(optimizer, **kw)
    rule = PlateauRule(lrs, **kw)
    for metric in metrics:
        before = [g["lr"] for g in optimizer.param_groups]
        optimizer.step()
        assert [g["lr"] for g in optimizer.param_groups] == before  # nothing changes outside step(metric)
        scheduler.step(metric)
        expected = rule.feed(metric)
        assert all(close(a, b) for a, b in zip([g["lr"] for g in optimizer.param_groups], expected, strict=True))
        assert (scheduler.num_bad_epochs, scheduler.cooldown_counter) == (rule.bad, rule.cooling)
        assert scheduler.best == rule.best or (math.isinf(rule.best) and scheduler.best == rule.best)


def plateau_alone(name):
    return name == "ReduceLROnPlateau"


@pytest.mark.parametrize("name", NAMES)
@FEW
@given(data=st.data(), steps=st.integers(0, 12))
def test_only_plateau_needs_a_metric_and_only_plateau_is_refused_by_the_composites(name, data, steps):
    """'Three things set it apart from every other scheduler' and errors.md 'ReduceLROnPlateau needs the
    metric it watches at every step; code written for the other schedulers calls step() bare': at every
    step, a bare step() is a TypeError for ReduceLROnPlateau only, and SequentialLR and ChainedScheduler
    accept every other scheduler."""
    build, _ = data.draw(SPECS[name])
    optimizer = sgd_optimizer()
    scheduler = build(optimizer)
    for _ in range(steps):
        optimizer.step()
        step(name, scheduler, 1.0)
    optimizer.step()
    if plateau_alone(name):
        with pytest.raises(TypeError, match="metrics"):
            scheduler.step()
    else:
        scheduler.step()
    for composite in ("SequentialLR", "ChainedScheduler"):
        optimizer = sgd_optimizer()
        inner, other = build(optimizer), sched.ExponentialLR(optimizer, gamma=0.9)
        make = (lambda: sched.SequentialLR(optimizer, [inner, other], milestones=[3])) if composite == "SequentialLR" \
            else (lambda: sched.ChainedScheduler([inner, other], optimizer=optimizer))
        if plateau_alone(name):
            with pytest.raises(ValueError, match=f"{composite} does not support `ReduceLROnPlateau`"):
                make()
        else:
            with warnings.catch_warnings():  # a composite first in SequentialLR steps inside its constructor
                warnings.simplefilter("ignore", UserWarning)
                wrapper = make()
            for _ in range(5):
                optimizer.step()
                wrapper.step()


@CLAIM
@given(factor=st.floats(1.0, 1e6))
def test_a_factor_of_one_or_more_is_refused(factor):
    """'Multiplier applied at each reduction; must be below 1.'"""
    with pytest.raises(ValueError, match="Factor should be < 1.0."):
        Plateau(groups_optimizer([0.1]), factor=factor)


@CLAIM
@given(lrs=lr_lists, floor=st.floats(0.0, 0.05), length=st.integers(0, 6))
def test_min_lr_is_one_number_for_all_groups_or_a_list_of_exactly_one_per_group(lrs, floor, length):
    """'one number for all groups or a list with one per group', 'its length must equal the number of
    param groups', errors.md 'pass one float for all groups, or a list as long as optimizer.param_groups'."""
    assert Plateau(groups_optimizer(lrs), min_lr=floor).min_lrs == [floor] * len(lrs)
    floors = [floor * (i + 1) / 7 for i in range(length)]
    if length == len(lrs):
        assert Plateau(groups_optimizer(lrs), min_lr=floors).min_lrs == floors
    else:
        with pytest.raises(ValueError, match=f"expected {len(lrs)} min_lrs, got {length}"):
            Plateau(groups_optimizer(lrs), min_lr=floors)


def verdict(best, value, **kw):
    """torch's verdict on `value` after `best` was set: True for an improvement."""
    scheduler = Plateau(groups_optimizer([0.1]), patience=10, **kw)
    scheduler.step(best)
    scheduler.step(value)
    return scheduler.num_bad_epochs == 0


def boundary(best, mode, threshold, threshold_mode):
    if threshold_mode == "rel":
        return best * (1 - threshold) if mode == "min" else best * (1 + threshold)
    return best - threshold if mode == "min" else best + threshold


@CLAIM
@given(best=st.floats(-100, 100), threshold=st.floats(0.0, 0.5), mode=st.sampled_from(["min", "max"]),
       threshold_mode=st.sampled_from(["rel", "abs"]), offset=st.floats(-2.0, 2.0), exact=st.booleans())
def test_only_a_value_beyond_the_boundary_is_an_improvement(best, threshold, mode, threshold_mode, offset, exact):
    """'only a value beyond the boundary of the table above counts' (a value on the boundary is bad)."""
    edge = boundary(best, mode, threshold, threshold_mode)
    value = edge if exact else edge + offset
    beyond = value < edge if mode == "min" else value > edge
    assert verdict(best, value, mode=mode, threshold=threshold, threshold_mode=threshold_mode) is beyond


@CLAIM
@given(best=st.floats(-100, 100), threshold=st.floats(1e-6, 10.0), above=st.floats(0.0, 50.0), below=st.floats(1e-9, 50.0))
def test_min_abs_improves_only_below_best_minus_threshold(best, threshold, above, below):
    """'In min mode with abs, a value improves only if it is below best - threshold', 'Every value from
    best - threshold upwards is a bad epoch, including values below the best'."""
    kw = dict(mode="min", threshold=threshold, threshold_mode="abs")
    assert not verdict(best, best - threshold + above, **kw)
    assert not verdict(best, best - threshold * 0.5, **kw)  # below the best, still bad
    assert verdict(best, best - threshold - below, **kw)


def cuts_expected(lr0, factor, cuts, eps=1e-8):
    """LR after `cuts` reductions that the eps rule allows (min_lr=0)."""
    lr = lr0
    for _ in range(cuts):
        if lr - lr * factor > eps:
            lr *= factor
    return lr


@CLAIM
@given(baseline=st.floats(0.0, 0.5), patience=st.integers(0, 5),
       values=st.lists(st.floats(0.0, 1e3), min_size=1, max_size=60))
def test_a_threshold_a_non_negative_loss_cannot_beat_cuts_every_patience_plus_one_epochs(baseline, patience, values):
    """'a non-negative loss this close to 0 can never achieve: the LR is then simply cut every
    patience + 1 epochs (until eps stops it)': threshold=0.5 abs in min mode, any non-negative values
    after a baseline of at most 0.5, the default factor 0.1 and eps."""
    optimizer = groups_optimizer([1.0])
    scheduler = Plateau(optimizer, "min", patience=patience, threshold=0.5, threshold_mode="abs")
    scheduler.step(baseline)
    for epoch, value in enumerate(values, start=1):
        scheduler.step(value)
        assert scheduler.best == baseline
        lr = optimizer.param_groups[0]["lr"]
        assert math.isclose(lr, cuts_expected(1.0, 0.1, epoch // (patience + 1)), rel_tol=1e-12)
    assert cuts_expected(1.0, 0.1, 8) == cuts_expected(1.0, 0.1, 100)  # eps stops it after 8 cuts


@CLAIM
@given(first=st.floats(0.1, 10.0), rises=st.lists(st.floats(0.0, 5.0), min_size=1, max_size=60),
       patience=st.integers(0, 5), cooldown=st.integers(0, 4), factor=st.floats(0.05, 0.95),
       mode=st.sampled_from(["rel", "abs"]))
def test_a_metric_that_never_improves_reduces_every_patience_plus_one_plus_cooldown_epochs(
        first, rises, patience, cooldown, factor, mode):
    """'With a metric that never improves, patience=1 alone reduces every 2 epochs; adding cooldown=2
    spaces the reductions 2 epochs further apart' (every patience p and cooldown c: the first reduction
    after p + 1 bad epochs, then every p + 1 + c)."""
    optimizer = groups_optimizer([1.0])
    scheduler = Plateau(optimizer, factor=factor, patience=patience, cooldown=cooldown, threshold_mode=mode)
    scheduler.step(first)
    reductions = []
    for epoch, rise in enumerate(rises, start=1):
        before = optimizer.param_groups[0]["lr"]
        scheduler.step(first + rise)  # never below the best: never an improvement
        if scheduler.num_bad_epochs == 0 and scheduler.cooldown_counter == cooldown:  # a reduction happened
            reductions.append(epoch)
            lr = optimizer.param_groups[0]["lr"]
            assert lr == before * factor if before - before * factor > 1e-8 else lr == before
    expected = [e for e in range(1, len(rises) + 1)
                if e >= patience + 1 and (e - (patience + 1)) % (patience + 1 + cooldown) == 0]
    assert reductions == expected


@CLAIM
@given(floor=st.floats(1e-4, 0.1), gap=st.one_of(st.floats(0.0, 3e-8), st.floats(0.0, 1.0)),
       factor=st.floats(0.01, 0.95), eps=st.sampled_from([0.0, 1e-8, 1e-6]), steps=st.integers(1, 40))
def test_min_lr_is_landed_on_unless_within_eps_and_then_kept(floor, gap, factor, eps, steps):
    """'min_lr clamps each reduction: a reduction that would go below the floor lands on the floor,
    unless that moves the LR by eps or less (below), and after that the LR stays there.'"""
    optimizer = groups_optimizer([floor + gap])
    scheduler = Plateau(optimizer, factor=factor, patience=0, min_lr=floor, eps=eps)
    scheduler.step(1.0)
    reached = False
    for _ in range(steps):
        before = optimizer.param_groups[0]["lr"]
        scheduler.step(1.0)  # never improves: patience 0 reduces at every step
        after = optimizer.param_groups[0]["lr"]
        if reached:
            assert after == floor
        elif Fraction(before) * Fraction(factor) < Fraction(floor):  # would go below the floor
            assert after == (floor if Fraction(before) - Fraction(floor) > Fraction(eps) else before)
        reached = reached or after == floor
        assert after >= floor


@CLAIM
@given(lr=st.floats(1e-12, 1.0), factor=st.one_of(st.floats(0.0, 0.95), st.floats(0.999999, 0.99999999)),
       floor=st.one_of(st.just(0.0), st.floats(0.0, 1.0)), eps=st.sampled_from([0.0, 1e-8, 1e-10, 1e-4]))
def test_a_reduction_is_skipped_exactly_when_it_would_change_the_lr_by_eps_or_less(lr, factor, floor, eps):
    """'It matters only when eta (1 - factor) or eta - min_lr is at most eps: for very small LRs, a factor
    very close to 1, or an LR just above the floor; with eps=0 every reduction that lowers the LR is
    applied.' Exact arithmetic for the condition; draws within 1e-9 of its edge are left out."""
    shrink, over = Fraction(lr) * (1 - Fraction(factor)), Fraction(lr) - Fraction(floor)
    for side in (shrink, over):
        assume(side <= 0 or abs(side - Fraction(eps)) > Fraction(lr) / 10**12 + Fraction(eps) / 10**9)
    optimizer = groups_optimizer([lr])
    scheduler = Plateau(optimizer, factor=factor, patience=0, min_lr=floor, eps=eps)
    scheduler.step(1.0)
    scheduler.step(1.0)  # one reduction
    skipped = min(shrink, over) <= Fraction(eps)
    after = optimizer.param_groups[0]["lr"]
    assert (after == lr) if skipped else (after == max(lr * factor, floor) and after < lr)
    if eps == 0.0:
        assert skipped is (max(lr * factor, floor) >= lr)


@CLAIM
@given(start=st.floats(-100.0, -0.01), threshold=st.floats(1e-4, 0.1), patience=st.integers(0, 5),
       creep=st.lists(st.floats(0.01, 0.99), min_size=1, max_size=200))
def test_a_negative_metric_creeping_upwards_never_triggers_a_reduction(start, threshold, patience, creep):
    """'A negative metric that creeps upwards then never triggers a reduction' (rel, min mode): each value
    rises by less than threshold * |best|, any patience, up to 200 epochs."""
    optimizer = groups_optimizer([1.0])
    scheduler = Plateau(optimizer, factor=0.5, patience=patience, threshold=threshold)
    value = start
    scheduler.step(value)
    for fraction in creep:
        value = value + fraction * threshold * abs(value)  # worse (higher), but by less than the threshold
        assert value < 0
        scheduler.step(value)
        assert scheduler.num_bad_epochs == 0 and optimizer.param_groups[0]["lr"] == 1.0


@CLAIM
@given(prefix=st.lists(st.sampled_from([1.0, 0.9, 0.8, 1.1, 0.5]), min_size=1, max_size=20),
       patience=st.integers(0, 5), cooldown=st.integers(0, 3), nans=st.integers(1, 15))
def test_nan_epochs_cut_after_patience_plus_one_following_an_improvement_and_sooner_after_bad_epochs(
        prefix, patience, cooldown, nans):
    """'A diverged run therefore gets its LR cut after patience + 1 NaN epochs when they follow an
    improvement outside a cooldown, and sooner when bad epochs came just before them.'"""
    rule = PlateauRule([1.0], factor=0.5, patience=patience, cooldown=cooldown)
    optimizer = groups_optimizer([1.0])
    scheduler = Plateau(optimizer, factor=0.5, patience=patience, cooldown=cooldown)
    for metric in prefix:
        scheduler.step(metric)
        last_improved = rule.improves(metric)
        rule.feed(metric)
    bad_before, cooling = rule.bad, rule.cooling
    first_cut = None
    for k in range(1, nans + 1):
        before = optimizer.param_groups[0]["lr"]
        scheduler.step(NAN)
        if first_cut is None and optimizer.param_groups[0]["lr"] < before:
            first_cut = k
    if cooling == 0 and last_improved:
        assert first_cut == (patience + 1 if nans >= patience + 1 else None)
    elif cooling == 0 and bad_before > 0:
        expected = patience + 1 - bad_before
        assert expected < patience + 1
        assert first_cut == (expected if nans >= expected else None)


PLATEAU_TRACES = {"reduce_lr_on_plateau", "reduce_lr_on_plateau_patience", "reduce_lr_on_plateau_abs_threshold",
                  "reduce_lr_on_plateau_cooldown", "reduce_lr_on_plateau_min_lr", "reduce_lr_on_plateau_eps",
                  "reduce_lr_on_plateau_negative"}


def test_every_learning_rate_trace_of_the_plateau_page_is_one_the_rule_tests_check():
    """'check that they reproduce every learning-rate trace on this page': the snippets of the page that
    record an LR trace are exactly the ones tests/test_reduce_lr_on_plateau.py replays with PlateauRule."""
    text = (DOCS / "schedulers" / "reduce_lr_on_plateau.md").read_text(encoding="utf-8")
    included = re.findall(r'--8<-- "schedulers/reduce_lr_on_plateau/(\w+)\.py"', text)
    with_trace = {name for name in included if "lrs" in result(name).traces}
    assert with_trace == PLATEAU_TRACES
    source = (ROOT / "tests" / "test_reduce_lr_on_plateau.py").read_text(encoding="utf-8")
    for name in PLATEAU_TRACES:
        assert re.search(rf'lrs\("{name}"', source) and "PlateauRule" in source, name


# === reference/errors.md ====================================================================

import material  # noqa: E402

MATERIAL = Path(material.__file__).parent / "templates"
VOCABULARY = ["1", "10", "1.0", "(1)", "1,", "x1", "alpha", "beta", "0.1", "21", "-1", "1e-1", "one"]


def material_search_config() -> dict:
    """The English search configuration Material writes into the index (the site sets none of its own)."""
    text = (MATERIAL / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    value = {key: json.loads(f'"{raw}"') for key, raw in re.findall(r'"search\.config\.(\w+)": "((?:[^"\\]|\\.)*)"', text)}
    assert "separator" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return {"lang": [value["lang"]], "separator": value["separator"], "pipeline": value["pipeline"].split(","),
            "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}}


def material_search(texts: list[str], query: str) -> set[int]:
    """Run Material's own search worker (from the installed mkdocs-material) in node on pages with these texts."""
    worker = next((MATERIAL / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    docs = [{"location": f"p{i}/", "title": "zeta", "text": t} for i, t in enumerate(texts)]
    script = f"""
const fs = require("fs");
let handler = null; const out = [];
globalThis.self = globalThis;
globalThis.addEventListener = (type, h) => {{ if (type === "message") handler = h; }};
globalThis.postMessage = (m) => out.push(m);
eval(fs.readFileSync({json.dumps(str(worker))}, "utf8"));
(async () => {{
  await handler({{data: {{type: 0, data: {{config: {json.dumps(material_search_config())}, docs: {json.dumps(docs)},
                                          options: {{suggest: false}}}}}}}});
  await handler({{data: {{type: 2, data: {json.dumps(query)}}}}});
  await new Promise((r) => setTimeout(r, 20));
  const found = out.filter((m) => m.type === 3)[0].data.items;
  console.log(JSON.stringify(found.map((group) => group.map((x) => x.location))));
}})();
"""
    run = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60, check=True)
    return {int(loc[1:-1]) for group in json.loads(run.stdout) for loc in group}


@FEW
@given(pages=st.lists(st.lists(st.tuples(st.sampled_from(VOCABULARY), st.sampled_from([" ", "-", " -", "  "])),
                               min_size=1, max_size=8), min_size=5, max_size=30))
def test_a_pasted_minus_one_hides_exactly_the_pages_where_1_stands_alone(pages):
    """'The search reads -word as "without word", so a pasted got -1 hides every page in which a 1 stands
    alone between spaces or hyphens, as in -1': Material's worker, the site's configuration, random pages."""
    texts = ["".join(word + sep for word, sep in page) for page in pages]
    separator = material_search_config()["separator"]
    standalone = {i for i, text in enumerate(texts) if "1" in re.split(separator, text)}
    assert material_search(texts, "zeta but got -1") == set(range(len(texts))) - standalone


@CLAIM
@given(lrs=lr_lists, factor=st.floats(0.0, 1.0), total=st.integers(1, 60), steps=st.integers(1, 200))
def test_constant_lr_only_lowers_the_lr_for_total_iters_steps(lrs, factor, total, steps):
    """'ConstantLR only lowers the LR for total_iters steps': factor * lr at steps 0 .. total_iters - 1,
    the LR itself from then on, never above it, in every group. (factor=0 trains at 0 and then fails at
    step total_iters with a ZeroDivisionError, as the ConstantLR page says.)"""
    optimizer = groups_optimizer(lrs)
    scheduler = sched.ConstantLR(optimizer, factor=factor, total_iters=total)
    for t in range(steps):
        for lr, group in zip(lrs, optimizer.param_groups, strict=True):
            assert close(group["lr"], lr * factor if t < total else lr) and group["lr"] <= lr
        optimizer.step()
        if factor == 0.0 and t + 1 == total:
            with pytest.raises(ZeroDivisionError):
                scheduler.step()
            return
        scheduler.step()


@CLAIM
@given(args=plateau_arguments(), low=st.booleans(), metrics=st.lists(metric_values, min_size=1, max_size=60),
       factor=st.one_of(st.floats(-2.0, 0.0), st.floats(0.0, 0.999)))
def test_plateau_never_raises_the_lr_unless_eps_is_negative(args, low, metrics, factor):
    """'the scheduler never raises it (unless eps is negative and min_lr above the LR)': any factor below 1
    (0 and negative ones too), floors above the LRs, eps >= 0, every step and group; and the exception."""
    lrs, kw = args
    kw["factor"] = factor
    if low:  # floors above the LRs
        kw["min_lr"] = [lr * 2 for lr in lrs]
    optimizer = groups_optimizer(lrs)
    scheduler = Plateau(optimizer, **kw)
    for metric in metrics:
        before = [g["lr"] for g in optimizer.param_groups]
        optimizer.step()
        scheduler.step(metric)
        assert all(g["lr"] <= b for g, b in zip(optimizer.param_groups, before, strict=True))
    optimizer = groups_optimizer([lrs[0]])
    scheduler = Plateau(optimizer, patience=0, min_lr=2 * lrs[0], eps=-1.0)
    scheduler.step(1.0)
    scheduler.step(1.0)
    assert optimizer.param_groups[0]["lr"] == 2 * lrs[0] > lrs[0]


def per_group_values(cls, arg, optimizer, value):
    """Build `cls` with `arg=value`; return the value it keeps for each group."""
    if cls == "CyclicLR":
        kw = {"base_lr": 0.001, "max_lr": 0.1, arg: value}
        s = sched.CyclicLR(optimizer, **kw)
        return {"base_lr": s.base_lrs, "max_lr": s.max_lrs, "base_momentum": s.base_momentums,
                "max_momentum": s.max_momentums}[arg]
    if cls == "OneCycleLR":
        kw = {"max_lr": 0.1, "total_steps": 10, "base_momentum": 0.8, "max_momentum": 0.95, arg: value}
        sched.OneCycleLR(optimizer, **kw)
        return [g[arg] for g in optimizer.param_groups]
    SWALR(optimizer, swa_lr=value)
    return [g["swa_lr"] for g in optimizer.param_groups]


# The arguments the page lists, in the order it names them.
PER_GROUP = [("CyclicLR", "base_lr"), ("CyclicLR", "max_lr"), ("CyclicLR", "base_momentum"),
             ("CyclicLR", "max_momentum"), ("OneCycleLR", "max_lr"), ("OneCycleLR", "base_momentum"),
             ("OneCycleLR", "max_momentum"), ("SWALR", "swa_lr")]


def test_the_page_lists_every_argument_read_per_group():
    """The parenthesis of #per-group-value-count names every _format_param call of the installed torch."""
    import ast  # noqa: PLC0415

    import torch.optim.swa_utils  # noqa: PLC0415

    found = []
    for module in (sched, torch.optim.swa_utils):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            for call in (n for n in ast.walk(cls) if isinstance(n, ast.Call)):
                if getattr(call.func, "id", None) == "_format_param":
                    found.append((cls.name, call.args[0].value))
    assert sorted(found) == sorted(PER_GROUP)
    text = " ".join((DOCS / "reference" / "errors.md").read_text(encoding="utf-8").split())
    listed = re.search(r"Arguments that take one value per param group \((.*?)\) accept", text)[1]
    for cls, arg in PER_GROUP:
        part = next(p for p in listed.split("; ") if p.startswith(cls))
        assert f"`{arg}`" in part, (cls, arg)


@pytest.mark.parametrize("cls, arg", PER_GROUP)
@FEW
@given(lrs=lr_lists, value=st.floats(0.2, 0.9), length=st.integers(0, 5))
def test_per_group_arguments_take_one_number_for_all_groups_or_one_value_per_group(cls, arg, lrs, value, length):
    """'accept a number for all groups or a list with one value per group' (any other length raises)."""
    n = len(lrs)
    assert per_group_values(cls, arg, groups_optimizer(lrs), value) == [value] * n
    values = [value * (i + 1) / (n + 1) for i in range(n)]
    assert per_group_values(cls, arg, groups_optimizer(lrs), values) == values
    if length != n:
        with pytest.raises(ValueError, match=f"{arg} must have the same length as optimizer.param_groups"):
            per_group_values(cls, arg, groups_optimizer(lrs), [value] * length)


READS_PARAM_GROUPS_FIRST = {"LambdaLR", "MultiplicativeLR", "SWALR"}


@pytest.mark.parametrize("name", NAMES)
@FEW
@given(data=st.data())
def test_every_scheduler_but_chained_takes_the_optimizer_first(name, data):
    """'Every scheduler but ChainedScheduler, which takes its schedulers first, needs the optimizer itself
    as its first argument', and how a generator (model.parameters()) or the model fails."""
    import inspect  # noqa: PLC0415

    cls = SWALR if name == "SWALR" else getattr(sched, name)
    first = list(inspect.signature(cls.__init__).parameters)[1]
    assert first == ("schedulers" if name == "ChainedScheduler" else "optimizer")
    model = torch.nn.Linear(2, 1)
    if name == "ChainedScheduler":
        optimizer = sgd_optimizer()
        sched.ChainedScheduler([sched.StepLR(optimizer, 2)])  # no optimizer needed at all
        return
    if name == "SequentialLR":
        with pytest.raises(ValueError, match="expects all schedulers to belong to the same optimizer"):
            sched.SequentialLR(model.parameters(), [sched.StepLR(sgd_optimizer(), 2)], milestones=[])
        return
    build, _ = data.draw(SPECS[name])
    for wrong, label in ((model.parameters(), "generator"), (model, "Linear")):
        if name in READS_PARAM_GROUPS_FIRST:
            with pytest.raises(AttributeError, match=f"'{label}' object has no attribute 'param_groups'"):
                build(wrong)
        else:
            with pytest.raises(TypeError, match=f"^{label} is not an Optimizer$"):
                build(wrong)


CHAINABLE = [lambda o: sched.StepLR(o, 2), lambda o: sched.ExponentialLR(o, 0.9),
             lambda o: sched.ConstantLR(o, 0.5, total_iters=3), lambda o: sched.LinearLR(o, 0.5, total_iters=3)]


@CLAIM
@given(kinds=st.lists(st.integers(0, 3), min_size=1, max_size=4), moved=st.lists(st.booleans(), min_size=4, max_size=4),
       passed=st.sampled_from([None, "a", "b"]))
def test_composites_need_every_scheduler_on_the_one_optimizer(kinds, moved, passed):
    """'Every scheduler passed to SequentialLR or ChainedScheduler must drive the same optimizer object (the
    one passed to SequentialLR, or ChainedScheduler's optimizer argument, which defaults to the first
    scheduler's)'."""
    a, b = sgd_optimizer(), sgd_optimizer()
    on = [b if moved[i] else a for i in range(len(kinds))]
    schedulers = [CHAINABLE[k](o) for k, o in zip(kinds, on)]
    for composite, reference in (("SequentialLR", a), ("ChainedScheduler", {"a": a, "b": b, None: on[0]}[passed])):
        bad = [i for i, o in enumerate(on) if o is not reference]
        if composite == "SequentialLR":
            make = lambda: sched.SequentialLR(a, schedulers, milestones=list(range(1, len(kinds))))  # noqa: E731
        else:
            make = lambda: sched.ChainedScheduler(schedulers, optimizer={"a": a, "b": b, None: None}[passed])  # noqa: E731
        if bad:
            with pytest.raises(ValueError, match=f"expects all schedulers to belong to the same optimizer.* at index {bad[0]} "):
                make()
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                make()


@CLAIM
@given(lrs=lr_lists, gammas=st.lists(st.floats(0.5, 0.99), min_size=4, max_size=4), single=st.booleans(),
       length=st.integers(0, 5), steps=st.integers(1, 30))
def test_lambda_schedulers_take_one_function_for_every_group_or_exactly_one_per_group(lrs, gammas, single, length,
                                                                                       steps):
    """'LambdaLR and MultiplicativeLR accept one function, used for every param group, or a list with exactly
    one function per param group.'"""
    n = len(lrs)
    g = [gammas[0]] * n if single else gammas[:n]
    for cls, make in ((sched.LambdaLR, lambda c: lambda t: c**t), (sched.MultiplicativeLR, lambda c: lambda t: c)):
        optimizer = groups_optimizer(lrs)
        functions = make(gammas[0]) if single else [make(c) for c in g]
        scheduler = cls(optimizer, functions)
        for t in range(1, steps + 1):
            optimizer.step()
            scheduler.step()
            for lr, c, group in zip(lrs, g, optimizer.param_groups, strict=True):
                assert math.isclose(group["lr"], lr * c**t, rel_tol=1e-10)
        if length != n:
            with pytest.raises(ValueError, match=f"Expected {n} lr_lambdas, but got {length}"):
                cls(groups_optimizer(lrs), [make(0.9)] * length)


@CLAIM
@given(items=st.lists(st.one_of(st.just("f"), st.sampled_from([0.9, 1, "0.9", None])), min_size=1, max_size=4))
def test_multiplicative_lr_checks_that_each_function_is_callable(items):
    """'MultiplicativeLR checks that each lr_lambda is callable': a list with a non-callable anywhere fails."""
    lambdas = [(lambda t: 0.9) if item == "f" else item for item in items]
    optimizer = groups_optimizer([0.1] * len(items))
    bad = [item for item in lambdas if not callable(item)]
    if bad:
        with pytest.raises(TypeError, match=f"lr_lambda should be a function, but got {type(bad[0]).__name__}"):
            sched.MultiplicativeLR(optimizer, lambdas)
        with pytest.raises(TypeError, match="lr_lambda should be a function"):
            sched.MultiplicativeLR(groups_optimizer([0.1]), bad[0])
    else:
        sched.MultiplicativeLR(optimizer, lambdas)


@CLAIM
@given(patience=st.integers(0, 5), cooldown=st.integers(0, 3),
       metrics=st.lists(st.sampled_from([1.0, 0.9, 0.8, 1.2, 0.5]), min_size=1, max_size=40))
def test_the_min_lrs_error_comes_only_at_the_first_reduction(patience, cooldown, metrics):
    """'The error comes only at the first reduction, possibly many epochs later.' (a list min_lr, then
    add_param_group)."""
    optimizer = groups_optimizer([1.0])
    scheduler = Plateau(optimizer, factor=0.5, patience=patience, cooldown=cooldown, min_lr=[0.0])
    optimizer.add_param_group({"params": [torch.zeros(1, requires_grad=True)], "lr": 1.0})
    rule = PlateauRule([1.0], factor=0.5, patience=patience, cooldown=cooldown)
    for metric in metrics:
        if rule.feed(metric)[0] < 1.0:  # the rule reduces here: torch raises
            with pytest.raises(RuntimeError, match="The number of param groups in the `optimizer`"):
                scheduler.step(metric)
            return
        scheduler.step(metric)


@CLAIM
@given(gammas=st.lists(st.floats(0.5, 0.95), min_size=1, max_size=5), gaps=st.lists(st.integers(1, 8), min_size=5,
                                                                                   max_size=5),
       extra=st.integers(-2, 2))
def test_sequential_lr_switches_at_each_milestone_and_needs_n_minus_1_of_them(gammas, gaps, extra):
    """'The scheduler switches from one scheduler to the next at each milestone, so n schedulers need n - 1
    milestones': scheduler i runs from milestone i-1 on, restarted; any other number of milestones raises."""
    n = len(gammas)
    milestones = [sum(gaps[:i + 1]) for i in range(n - 1)]
    optimizer = sgd_optimizer()
    subs = [sched.ExponentialLR(optimizer, gamma=g) for g in gammas]
    if extra and n - 1 + extra >= 0:
        wrong = [sum(gaps[:i + 1]) for i in range(n - 1 + extra)] if extra < 0 else milestones + [100 + i for i in
                                                                                                  range(extra)]
        with pytest.raises(ValueError, match=f"number of schedulers {n} and the number of milestones to be equal "
                                             f"to {len(wrong)}"):
            sched.SequentialLR(optimizer, subs, milestones=wrong)
    scheduler = sched.SequentialLR(optimizer, subs, milestones=milestones)
    for t in range(sum(gaps) + 5):
        i = bisect.bisect_right(milestones, t)
        start = milestones[i - 1] if i else 0
        assert close(optimizer.param_groups[0]["lr"], LR0 * gammas[i] ** (t - start)), t
        optimizer.step()
        scheduler.step()


def order_warnings(name, build, order):
    """Run the calls in `order` and count the call-order warnings."""
    optimizer = sgd_optimizer()
    scheduler = build(optimizer)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for call in order:
            optimizer.step() if call == "optimizer" else step(name, scheduler)
    return scheduler, sum(str(w.message).startswith("Detected call of `lr_scheduler.step()`") for w in caught)


@pytest.mark.parametrize("name", NAMES)
@FEW
@given(data=st.data(), order=st.lists(st.sampled_from(["optimizer", "scheduler"]), min_size=1, max_size=30))
def test_the_call_order_warning_comes_at_most_once_per_scheduler_at_its_first_step(name, data, order):
    """'The warning is given at most once per scheduler, at its first step() after the constructor (a
    ChainedScheduler's schedulers give one each; CosineAnnealingWarmRestarts and ReduceLROnPlateau, with their
    own step(), never give it)'."""
    build, _ = data.draw(SPECS[name])
    scheduler, count = order_warnings(name, build, order)
    first_opt = order.index("optimizer") if "optimizer" in order else len(order)
    calls_before_opt = order[:first_opt].count("scheduler")  # scheduler calls before any optimizer.step()
    if name in ("CosineAnnealingWarmRestarts", "ReduceLROnPlateau"):
        assert count == 0
    elif name == "ChainedScheduler":
        assert count == (len(scheduler._schedulers) if calls_before_opt else 0)
    elif name == "SequentialLR":  # each held scheduler at its own first step(); at a milestone it is restarted
        m = scheduler._milestones[0]
        first_steps = [1 if m > 1 else None, m + 1]  # the call at which each held scheduler's step() first runs
        assert count == sum(1 for c in first_steps if c is not None and c <= calls_before_opt)
    else:
        assert count == (1 if calls_before_opt else 0)


@pytest.mark.parametrize("name", [n for n in NAMES if n != "ReduceLROnPlateau"])
@FEW
@given(data=st.data())
def test_the_wrong_order_shifts_every_schedule_by_one_step(name, data):
    """'the schedule itself is shifted by one step, so the first LR is never used': with scheduler.step()
    before optimizer.step(), optimizer step t trains with the schedule's value for step t + 1."""
    build, closed = data.draw(SPECS[name])
    optimizer = sgd_optimizer()
    scheduler = build(optimizer)
    used = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        for _ in range(T - 1):
            scheduler.step()
            used.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
    assert used == pytest.approx([closed(t + 1) for t in range(T - 1)], rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("name", NAMES)
@FEW
@given(data=st.data(), epoch=st.integers(0, T - 2))
def test_step_epoch_warns_for_every_scheduler_that_takes_it_but_warm_restarts(name, data, epoch):
    """'Every scheduler whose step() takes an epoch warns that it is deprecated, ReduceLROnPlateau's
    step(metrics, epoch) included, except CosineAnnealingWarmRestarts (below); SequentialLR's and
    ChainedScheduler's step() take none.'"""
    from torch.optim.lr_scheduler import EPOCH_DEPRECATION_WARNING  # noqa: PLC0415

    build, _ = data.draw(SPECS[name])
    optimizer = sgd_optimizer()
    scheduler = build(optimizer)
    optimizer.step()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if name in ("SequentialLR", "ChainedScheduler"):
            with pytest.raises(TypeError, match="takes 1 positional argument but 2 were given"):
                scheduler.step(epoch)
        else:
            scheduler.step(1.0, epoch) if name == "ReduceLROnPlateau" else scheduler.step(epoch)
    deprecations = [w for w in caught if str(w.message) == EPOCH_DEPRECATION_WARNING]
    assert len(deprecations) == (1 if name not in ("SequentialLR", "ChainedScheduler", "CosineAnnealingWarmRestarts")
                                 else 0)


# === reference/lr_scheduler.md ==============================================================

OWN_CONSTRUCTOR = {"ReduceLROnPlateau", "SequentialLR", "ChainedScheduler"}


def scheduler_classes():
    """Every scheduler class of torch.optim.lr_scheduler (public or not) and SWALR."""
    found = {name: obj for name, obj in vars(sched).items()
             if isinstance(obj, type) and obj.__module__ == sched.__name__ and hasattr(obj, "step")
             and hasattr(obj, "get_last_lr")}
    found["SWALR"] = SWALR
    return found


def test_every_scheduler_class_is_an_lr_scheduler():
    """'Every scheduler of torch.optim.lr_scheduler and torch.optim.swa_utils.SWALR is a subclass of LRScheduler.'"""
    classes = scheduler_classes()
    assert set(classes) >= set(NAMES) | {"LRScheduler"}
    for name, cls in classes.items():
        assert issubclass(cls, sched.LRScheduler), name


@pytest.mark.parametrize("name", NAMES)
@FEW
@given(data=st.data(), steps=st.integers(0, 12))
def test_exactly_three_classes_skip_the_base_constructor(name, data, steps):
    """'Three classes do not run that constructor and set only some of the attributes below': the base
    constructor runs on the scheduler itself for every class but ReduceLROnPlateau and the two composites,
    and those three never get base_lrs or _step_count (at any step) and write no initial_lr themselves."""
    ran = []
    real = sched.LRScheduler.__init__

    def spy(self, *args, **kwargs):
        ran.append(self)
        return real(self, *args, **kwargs)

    build, _ = data.draw(SPECS[name])
    optimizer = sgd_optimizer()
    sched.LRScheduler.__init__ = spy
    try:
        scheduler = build(optimizer)
    finally:
        sched.LRScheduler.__init__ = real
    assert any(s is scheduler for s in ran) is (name not in OWN_CONSTRUCTOR)
    for _ in range(steps + 1):
        if name in OWN_CONSTRUCTOR:
            assert not hasattr(scheduler, "base_lrs") and not hasattr(scheduler, "_step_count")
            if name == "ReduceLROnPlateau":
                assert all("initial_lr" not in g for g in optimizer.param_groups)
            else:  # what the composite holds has them
                assert all(hasattr(s, "base_lrs") and hasattr(s, "_step_count") for s in scheduler._schedulers)
        optimizer.step()
        step(name, scheduler)


BASE_WRITERS = sorted(set(NAMES) - OWN_CONSTRUCTOR - {"OneCycleLR", "CyclicLR"})


@pytest.mark.parametrize("name", BASE_WRITERS)
@FEW
@given(data=st.data(), lrs=lr_lists, preset=st.lists(st.booleans(), min_size=4, max_size=4))
def test_initial_lr_is_written_with_setdefault_into_every_group(name, data, lrs, preset):
    """'LRScheduler's constructor with the default last_epoch=-1 writes initial_lr into every param group,
    with setdefault: a group that already has one keeps it' (any mix of groups with and without one)."""
    build, _ = data.draw(SPECS[name])
    optimizer = groups_optimizer(lrs)
    kept = {}
    for i, group in enumerate(optimizer.param_groups):
        if preset[i]:
            group["initial_lr"] = kept[i] = lrs[i] / 3
    scheduler = build(optimizer)
    written = [g["initial_lr"] for g in optimizer.param_groups]
    assert written == [kept.get(i, lr) for i, lr in enumerate(lrs)]
    if name not in ("SWALR",):
        assert scheduler.base_lrs == written


@CLAIM
@given(lrs=lr_lists, base=st.lists(st.floats(1e-4, 0.05), min_size=4, max_size=4),
       preset=st.lists(st.booleans(), min_size=4, max_size=4))
def test_cyclic_lr_sets_each_groups_lr_to_base_lr_and_base_lrs_to_its_argument(lrs, base, preset):
    """'CyclicLR first sets each group's lr to base_lr (so a group without initial_lr gets base_lr there),
    and afterwards sets base_lrs to its base_lr argument, whatever initial_lr holds.'"""
    n = len(lrs)
    optimizer = groups_optimizer(lrs)
    for i, group in enumerate(optimizer.param_groups):
        if preset[i]:
            group["initial_lr"] = 0.5
    scheduler = sched.CyclicLR(optimizer, base_lr=base[:n], max_lr=0.1)
    assert [g["initial_lr"] for g in optimizer.param_groups] == [0.5 if preset[i] else base[i] for i in range(n)]
    assert scheduler.base_lrs == base[:n]
    # a group without initial_lr starts at its base_lr (one with it starts from that initial_lr at step 0)
    assert [g["lr"] for i, g in enumerate(optimizer.param_groups) if not preset[i]] == [
        b for i, b in enumerate(base[:n]) if not preset[i]]


@CLAIM
@given(lrs=lr_lists, peaks=st.lists(st.floats(0.01, 1.0), min_size=4, max_size=4), div=st.floats(1.0, 1e4),
       preset=st.lists(st.booleans(), min_size=4, max_size=4))
def test_one_cycle_overwrites_initial_lr_in_every_group(lrs, peaks, div, preset):
    """'OneCycleLR overwrites initial_lr with max_lr / div_factor in every group before the base constructor
    runs' (groups that had one too; base_lrs are read from the overwritten values)."""
    n = len(lrs)
    optimizer = groups_optimizer(lrs)
    for i, group in enumerate(optimizer.param_groups):
        if preset[i]:
            group["initial_lr"] = 0.5
    scheduler = sched.OneCycleLR(optimizer, max_lr=peaks[:n], total_steps=10, div_factor=div)
    expected = [p / div for p in peaks[:n]]
    assert [g["initial_lr"] for g in optimizer.param_groups] == expected
    assert scheduler.base_lrs == expected


class Decay:
    def __init__(self, gamma):
        self.gamma = gamma

    def __call__(self, t):
        return self.gamma


def named_decay(t):
    return 0.8


@CLAIM
@given(kinds=st.lists(st.sampled_from(["lambda", "def", "object"]), min_size=1, max_size=4),
       gamma=st.floats(0.5, 0.99), k=st.integers(1, 10))
def test_lambda_state_dicts_hold_none_for_functions_and_the_dict_of_callable_objects(kinds, gamma, k):
    """'LambdaLR and MultiplicativeLR save None for a plain function (only a callable object's __dict__ is
    saved), so the function must be given again when the scheduler is rebuilt.'"""
    for cls in (sched.LambdaLR, sched.MultiplicativeLR):
        def functions():
            return [(lambda t: gamma) if kind == "lambda" else named_decay if kind == "def" else Decay(gamma)
                    for kind in kinds]
        optimizer = groups_optimizer([0.1] * len(kinds))
        scheduler = cls(optimizer, functions())
        for _ in range(k):
            optimizer.step()
            scheduler.step()
        state = copy.deepcopy(scheduler.state_dict())
        assert state["lr_lambdas"] == [{"gamma": gamma} if kind == "object" else None for kind in kinds]
        rebuilt = cls(groups_optimizer([0.1] * len(kinds)), functions())  # the functions given again
        rebuilt.load_state_dict(state)
        assert [f(3) for f in rebuilt.lr_lambdas] == [f(3) for f in scheduler.lr_lambdas]


# === guides/recipes.md ======================================================================

def test_timm_is_named_only_and_never_run():
    """'timm's schedulers are named for comparison only ... so timm is not run': no requirement, snippet or
    test imports it."""
    assert "timm" not in (ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
    for path in [*(ROOT / "snippets").rglob("*.py"), *(ROOT / "tests").glob("*.py")]:
        assert not re.search(r"^\s*(import timm|from timm)", path.read_text(encoding="utf-8"), re.M), path


PEAK = 0.1


def transformers_lrs(name, w, total, steps, **kw):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=PEAK)
    scheduler = get_scheduler(name, optimizer, w, total, scheduler_specific_kwargs=kw)
    return lrs_used(optimizer, scheduler, steps)


@CLAIM
@given(w=st.integers(0, 10), length=st.integers(1, 80), cycles=st.integers(1, 8))
def test_transformers_hard_restarts_restart_at_the_full_peak_every_cycle(w, length, cycles):
    """"transformers' get_cosine_with_hard_restarts_schedule_with_warmup restarts at the full peak every cycle
    (no decay)": after the warm-up, every step is peak * (1 + cos(pi * (c * progress mod 1))) / 2, the same
    curve in every cycle, and a step that starts a cycle is exactly the peak."""
    total = w + length
    got = transformers_lrs("cosine_with_restarts", w, total, total, num_cycles=cycles)
    for t in range(w, total):
        position = Fraction(t - w, total - w) * cycles % 1
        assert close(got[t], PEAK * (1 + math.cos(math.pi * float(position))) / 2), t
        if position == 0:
            assert close(got[t], PEAK)


@CLAIM
@given(t_0=st.integers(1, 20), t_mult=st.integers(1, 3), eta_min=st.floats(0.0, 0.05), peak=st.floats(0.06, 1.0),
       steps=st.integers(1, 200))
def test_warm_restarts_restart_at_the_full_peak_every_time(t_0, t_mult, eta_min, peak, steps):
    """'CosineAnnealingWarmRestarts restarts at the full peak every time': every cycle starts at the
    optimizer's LR, which is the largest LR of its cycle."""
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=peak)
    scheduler = sched.CosineAnnealingWarmRestarts(optimizer, T_0=t_0, T_mult=t_mult, eta_min=eta_min)
    starts, start, length = set(), 0, t_0
    while start < steps:
        starts.add(start)
        start, length = start + length, length * t_mult
    for t in range(steps):
        lr = optimizer.param_groups[0]["lr"]
        if t in starts:
            assert close(lr, peak), t
        else:
            assert lr < peak
        optimizer.step()
        scheduler.step()


# === integrations/transformers.md ===========================================================

@pytest.mark.parametrize("name", ["linear", "cosine", "cosine_with_restarts", "polynomial", "constant",
                                  "constant_with_warmup", "inverse_sqrt", "cosine_with_min_lr",
                                  "cosine_warmup_with_min_lr", "warmup_stable_decay"])
@FEW
@given(data=st.data(), peaks=st.lists(st.floats(1e-3, 1.0), min_size=1, max_size=3))
def test_transformers_step_t_is_the_factor_after_t_calls_times_each_groups_lr(name, data, peaks):
    """'The counting is the same for all of them: step t is the LR after t calls of scheduler.step() ...
    and the factor at step t multiplies the LR you gave the optimizer': for every name with a warm-up and
    a length, random arguments, 1 to 3 groups with their own LRs."""
    assert name in SCHEDULED
    w, total, kw = data.draw(arguments(name))
    optimizer = groups_optimizer(peaks)
    scheduler = get_scheduler(name, optimizer, w, total, scheduler_specific_kwargs=kw)
    unit = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    reference = get_scheduler(name, unit, w, total, scheduler_specific_kwargs=kw)
    for t in range(total + 5):
        factor = unit.param_groups[0]["lr"]  # the LR after t calls, for an optimizer LR of 1
        if name != "polynomial" and "min_lr" not in kw:  # lr_end and min_lr are absolute LRs: their factor
            # depends on the optimizer's default LR, so only the same optimizer's groups share it (below)
            for peak, group in zip(peaks, optimizer.param_groups, strict=True):
                assert close(group["lr"], peak * factor), t
        for lam, peak, group in zip(scheduler.lr_lambdas, peaks, optimizer.param_groups, strict=True):
            assert close(group["lr"], peak * lam(t)), t
        optimizer.step()
        scheduler.step()
        unit.step()
        reference.step()


# === integrations/lightning.md ==============================================================

@CLAIM
@given(lrs=lr_lists, gamma=st.floats(0.05, 0.99), steps=st.integers(1, 200))
def test_step_lr_with_step_size_1_multiplies_by_gamma_at_every_call(lrs, gamma, steps):
    """'StepLR(step_size=1, gamma=0.5), so every call of scheduler.step() halves the LR and the printed LRs
    count the calls' (any gamma, every call, every group)."""
    optimizer = groups_optimizer(lrs)
    scheduler = sched.StepLR(optimizer, step_size=1, gamma=gamma)
    for calls in range(1, steps + 1):
        before = [g["lr"] for g in optimizer.param_groups]
        optimizer.step()
        scheduler.step()
        for lr, b, group in zip(lrs, before, optimizer.param_groups, strict=True):
            assert close(group["lr"], b * gamma) and math.isclose(group["lr"], lr * gamma**calls, rel_tol=1e-10)


# === integrations/ddp.md ====================================================================

def plateau_lrs(kw, metrics):
    optimizer = groups_optimizer([0.1])
    scheduler = Plateau(optimizer, **kw)
    used = []
    for metric in metrics:
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step(metric)
    return used, {k: v for k, v in scheduler.state_dict().items() if k != "_last_lr"}


@CLAIM
@given(args=plateau_arguments(), metrics=st.lists(metric_values, min_size=1, max_size=60))
def test_the_same_metric_gives_every_rank_the_same_decision_at_every_epoch(args, metrics):
    """'one all_reduce of the metric ... gives every rank the same number, so every rank makes the same
    decision at every epoch': two schedulers (two ranks) fed the same numbers agree at every step, in their
    LRs and their whole state."""
    _, kw = args
    kw.pop("min_lr")
    first, second = plateau_lrs(kw, metrics), plateau_lrs(kw, metrics)
    assert first[0] == second[0]
    rule = PlateauRule([0.1], **kw)
    assert all(close(a, b) for a, b in zip(first[0], [0.1] + [rule.feed(m)[0] for m in metrics[:-1]], strict=True))
    assert str(first[1]) == str(second[1])  # str: NaN-safe comparison of the states


@CLAIM
@given(args=plateau_arguments(), metrics=st.lists(st.tuples(metric_values, metric_values), min_size=1, max_size=60))
def test_ranks_with_their_own_metric_differ_in_lr_exactly_when_their_reduction_counts_differ(args, metrics):
    """'each rank decides on its own when to reduce, and the ranks train with different LRs whenever one has
    reduced more often than the other': each rank follows the rule on its own metrics, and the two LRs
    differ at exactly the epochs where the numbers of reductions the ranks have made differ."""
    _, kw = args
    kw["min_lr"] = kw["min_lr"] if not isinstance(kw["min_lr"], list) else kw["min_lr"][0]
    ranks = []
    for r in (0, 1):
        own = [m[r] for m in metrics]
        used, _ = plateau_lrs(kw, own)
        rule, lowered, counts, predicted = PlateauRule([0.1], **kw), 0, [], []
        for metric in own:
            counts.append(lowered)
            predicted.append(rule.lrs[0])
            lowered += rule.feed(metric)[0] < predicted[-1]
        assert all(close(a, b) for a, b in zip(used, predicted, strict=True))  # each rank on its own metrics
        ranks.append((used, counts))
    (lr0, c0), (lr1, c1) = ranks
    assert [a != b for a, b in zip(lr0, lr1)] == [x != y for x, y in zip(c0, c1)]


@pytest.mark.parametrize("name", [n for n in NAMES if n != "ReduceLROnPlateau"])
@FEW
@given(data=st.data(), seeds=st.tuples(st.integers(0, 1000), st.integers(1001, 2000)))
def test_step_count_schedulers_do_the_same_on_every_rank(name, data, seeds):
    """'A scheduler whose steps depend only on the step count (StepLR, CosineAnnealingLR, ...) does the same
    thing on every rank': every scheduler but ReduceLROnPlateau gives the same LRs at every step for two
    ranks with different weights and different data."""
    build, _ = data.draw(SPECS[name])
    runs = []
    for seed in seeds:
        generator = torch.Generator().manual_seed(seed)
        model = torch.nn.Linear(3, 1)
        with torch.no_grad():
            for p in model.parameters():
                p.copy_(torch.randn(p.shape, generator=generator))
        optimizer = torch.optim.SGD(model.parameters(), lr=LR0, momentum=0.9)
        scheduler = build(optimizer)
        used = []
        for _ in range(T):
            used.append(optimizer.param_groups[0]["lr"])
            optimizer.zero_grad()
            model(torch.randn(8, 3, generator=generator)).pow(2).mean().backward()
            optimizer.step()
            scheduler.step()
        runs.append(used)
    assert runs[0] == runs[1]


# === integrations/torch_compile.md ==========================================================

@pytest.mark.parametrize("name", NAMES)
@FEW
@given(data=st.data(), second=st.floats(0.01, 0.5))
def test_every_scheduler_writes_a_tensor_lr_in_place_in_every_group_at_every_step(name, data, second):
    """'Every torch scheduler writes a tensor LR in place (fill_)': random arguments, two groups, every step:
    each group keeps its own LR tensor, whose value is the LR the same run has with float LRs."""
    build, _ = data.draw(SPECS[name])
    runs = {}
    for kind in ("tensor", "float"):
        lr = (lambda v: torch.tensor(v, dtype=torch.float64)) if kind == "tensor" else float
        model = torch.nn.Linear(2, 1)
        optimizer = torch.optim.SGD([{"params": [model.weight], "lr": lr(LR0)},
                                     {"params": [model.bias], "lr": lr(second)}], lr=lr(LR0), momentum=0.9)
        tensors = [g["lr"] for g in optimizer.param_groups]
        scheduler = build(optimizer)
        seen = []
        for t in range(T):
            if kind == "tensor":
                assert all(g["lr"] is x for g, x in zip(optimizer.param_groups, tensors, strict=True)), t
            seen += [float(g["lr"]) for g in optimizer.param_groups]
            optimizer.step()
            step(name, scheduler, [1.0, 0.9, 0.95, 0.97, 0.85, 0.9, 0.91, 0.92, 0.8, 0.81, 0.82, 0.83, 0.84, 0.7, 0.71,
                                   0.72][t])
        runs[kind] = seen
    assert runs["tensor"] == pytest.approx(runs["float"], rel=1e-9, abs=1e-15)


def test_each_param_group_and_changed_hyper_parameter_can_cost_one_more_compilation():
    """'The extra compilation of a float LR is one-off, but ... with more param groups or changed
    hyper-parameters each can cost another': two float LRs that first change at different steps and a
    weight_decay changed once each cost one compilation, at the call after their first change, and
    later changes of the same values cost none."""
    from torch._dynamo.testing import CompileCounter  # noqa: PLC0415

    torch._dynamo.reset()
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 1)
    optimizer = torch.optim.Adam([{"params": [model.weight], "lr": 0.1}, {"params": [model.bias], "lr": 0.1}])
    scheduler = sched.LambdaLR(optimizer, [lambda t: 0.9**t, lambda t: 1.0 if t < 3 else 0.9**t])
    counter = CompileCounter()
    compiled = torch.compile(optimizer.step, backend=counter)
    counts, first_changes = [], []
    seen = {"lr0": 0.1, "lr1": 0.1, "weight_decay": 0}
    for call in range(9):
        model(torch.randn(8, 4)).pow(2).mean().backward()
        compiled()
        counts.append(counter.frame_count)
        scheduler.step()
        if call == 5:
            optimizer.param_groups[0]["weight_decay"] = 0.01
        values = {"lr0": optimizer.param_groups[0]["lr"], "lr1": optimizer.param_groups[1]["lr"],
                  "weight_decay": optimizer.param_groups[0]["weight_decay"]}
        for key, value in values.items():
            if key in seen and seen[key] != value and key not in [k for k, _ in first_changes]:
                first_changes.append((key, call + 1))  # the next compiled call sees it first
            seen[key] = value
    torch._dynamo.reset()
    assert sorted(k for k, _ in first_changes) == ["lr0", "lr1", "weight_decay"]
    expected = [1 + sum(1 for _, c in first_changes if c <= call) for call in range(9)]
    assert counts == expected


@CLAIM
@given(lrs=lr_lists, length=st.integers(0, 6))
def test_without_cycle_momentum_the_momenta_are_not_read(lrs, length):
    """errors.md #per-group-value-count: 'With cycle_momentum=False the momenta are not read' (a momentum list
    of any length is accepted and no group gets it)."""
    wrong = [0.9] * length
    sched.CyclicLR(groups_optimizer(lrs), 0.001, 0.1, cycle_momentum=False, base_momentum=wrong, max_momentum=wrong)
    optimizer = groups_optimizer(lrs)
    sched.OneCycleLR(optimizer, 0.1, total_steps=10, cycle_momentum=False, base_momentum=wrong, max_momentum=wrong)
    assert all("max_momentum" not in g and "base_momentum" not in g for g in optimizer.param_groups)
