"""Quantified claims of the scheduler pages, the overview, the explorer and the compatibility page.

Each test proves one or more sentences of ``tests/claims_inventory.py`` over the domain the sentence
names: random valid arguments (Hypothesis, seeded), every step of a run of up to 200 steps, every
scheduler or page the sentence names. Closed forms are written here from the pages' formulas,
independently of torch. Optimizers hold one parameter without a gradient, so ``optimizer.step()``
is cheap and still counts as a step for the schedulers' call-order check.
"""

from __future__ import annotations

import collections
import inspect
import io
import json
import math
import pickle
import random
import re
import warnings

import pytest
import torch
from conftest import DOCS, front_matter, pages, result, snippet
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_properties import SPECS
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

REL, ABS = 1e-12, 1e-15
SETTINGS = settings(max_examples=30, deadline=None, derandomize=True, database=None)
FEW = settings(max_examples=12, deadline=None, derandomize=True, database=None)

ALL_SCHEDULERS = (set(sched.__all__) - {"LRScheduler"}) | {"SWALR"}

steps_ = st.integers(1, 200)
lrs_ = st.floats(0.01, 1.0)
gammas_ = st.floats(0.05, 0.99)


def close(a, b, rel=REL, abs_=ABS):
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def sgd(*lrs, momentum=0.0, cls=torch.optim.SGD, **kwargs):
    """One param group per LR, each with one parameter that never gets a gradient."""
    groups = [{"params": [torch.nn.Parameter(torch.zeros(1))], "lr": lr} for lr in lrs]
    if cls is torch.optim.SGD:
        kwargs.setdefault("momentum", momentum)
    return cls(groups, lr=lrs[0], **kwargs)


def run(optimizer, scheduler, n, before_step=None):
    """LR of every group at each of n steps (the LR the t-th optimizer.step() uses)."""
    used = []
    for t in range(n):
        if before_step:
            before_step(t)
        used.append([g["lr"] for g in optimizer.param_groups])
        optimizer.step()
        scheduler.step()
    return used


def silent():
    """Record every warning (no once-per-location filtering)."""
    cm = warnings.catch_warnings(record=True)
    caught = cm.__enter__()
    warnings.simplefilter("always")
    return cm, caught


# ---------------------------------------------------------------- StepLR


@SETTINGS
@given(step_size=st.integers(1, 40), gamma=st.one_of(st.none(), gammas_), lr=lrs_, n=steps_,
       groups=st.integers(1, 3))
def test_step_lr_multiplies_by_gamma_exactly_every_step_size_calls(step_size, gamma, lr, n, groups):
    """StepLR multiplies the LR by gamma (default 0.1) when t is a multiple of step_size, and only then."""
    lrs = [lr * (g + 1) for g in range(groups)]
    optimizer = sgd(*lrs)
    kwargs = {} if gamma is None else {"gamma": gamma}
    used = run(optimizer, sched.StepLR(optimizer, step_size=step_size, **kwargs), n + 1)
    factor = 0.1 if gamma is None else gamma
    assert used[0] == lrs
    for t in range(1, n + 1):
        for g in range(groups):
            if t % step_size == 0:
                assert close(used[t][g], used[t - 1][g] * factor)
                if gamma is None:  # "divide by 10"
                    assert close(used[t][g], used[t - 1][g] / 10)
            else:
                assert used[t][g] == used[t - 1][g]


@SETTINGS
@given(step_size=st.integers(1, 40), gamma=gammas_, lr=lrs_, n=steps_, edits=st.lists(
    st.tuples(st.integers(0, 199), st.floats(0.2, 5.0)), max_size=3))
def test_step_lr_recursion_equals_the_closed_form_and_keeps_outside_changes(step_size, gamma, lr, n, edits):
    """lr0 * gamma ** (t // step_size) when nothing else touches the LR; a change by hand is kept
    (scaled along) for the rest of the run, which is what computing recursively means."""
    optimizer = sgd(lr)
    scheduler = sched.StepLR(optimizer, step_size=step_size, gamma=gamma)
    edits = dict(edits)

    def edit(t):
        if t in edits:
            optimizer.param_groups[0]["lr"] *= edits[t]

    used = run(optimizer, scheduler, n, edit)
    factors = {}
    running = 1.0
    for t in range(n):
        running *= edits.get(t, 1.0)
        factors[t] = running
    for t in range(n):
        assert close(used[t][0], factors[t] * lr * gamma ** (t // step_size), rel=1e-11)


@SETTINGS
@given(step_size=st.integers(1, 20), gamma=gammas_, lr=lrs_, n=st.integers(1, 120))
def test_step_lr_get_lr_reports_the_next_decay_warns_and_never_disturbs_the_optimizer(step_size, gamma, lr, n):
    """get_lr() after a decay returns LR * gamma, the LR the next decay sets, not the one in use;
    elsewhere it returns the LR in use; it warns at every call; the optimizer's LR stays right."""
    optimizer = sgd(lr)
    scheduler = sched.StepLR(optimizer, step_size=step_size, gamma=gamma)
    shown, used = [], []
    for t in range(n):
        used.append(optimizer.param_groups[0]["lr"])
        cm, caught = silent()
        try:
            shown.append(scheduler.get_lr()[0])
        finally:
            cm.__exit__(None, None, None)
        assert [str(w.message) for w in caught] == [
            "To get the last learning rate computed by the scheduler, please use `get_last_lr()`."]
        optimizer.step()
        scheduler.step()
    for t in range(n):
        assert close(used[t], lr * gamma ** (t // step_size), rel=1e-11)  # the optimizer was always right
        if t > 0 and t % step_size == 0:
            assert close(shown[t], lr * gamma ** (t // step_size + 1), rel=1e-11)  # the next decay's LR
            assert shown[t] != used[t]
            if t + step_size < n:
                assert close(shown[t], used[t + step_size])
        else:
            assert shown[t] == used[t]


# ---------------------------------------------------------------- MultiStepLR

milestones_ = st.lists(st.integers(1, 150), max_size=6)


def multiset_power(milestones, t):
    return sum(1 for m in milestones if m == t)


@SETTINGS
@given(milestones=milestones_, gamma=st.one_of(st.none(), gammas_), lr=lrs_, n=steps_)
def test_multi_step_lr_decays_at_each_milestone_and_is_flat_everywhere_else(milestones, gamma, lr, n):
    """At a step that appears c times in milestones the LR is multiplied by gamma ** c (default 0.1,
    "divides by 10"); at every other step, after the last milestone too, it stays exactly as it was,
    so it never goes back up and never decays on its own."""
    optimizer = sgd(lr)
    kwargs = {} if gamma is None else {"gamma": gamma}
    used = [u[0] for u in run(optimizer, sched.MultiStepLR(optimizer, milestones=milestones, **kwargs), n + 1)]
    factor = 0.1 if gamma is None else gamma
    assert used[0] == lr
    for t in range(1, n + 1):
        c = multiset_power(milestones, t)
        if c:
            assert close(used[t], used[t - 1] * factor ** c)
            if gamma is None:
                assert close(used[t], used[t - 1] / 10 ** c)
        else:
            assert used[t] == used[t - 1]
        assert used[t] <= used[t - 1]
    for t in range(n + 1):
        assert close(used[t], lr * factor ** sum(1 for m in milestones if m <= t), rel=1e-11)


@SETTINGS
@given(milestones=milestones_, gamma=gammas_, n=steps_, seed=st.integers(0, 10**6))
def test_multi_step_lr_never_checks_the_order_of_milestones(milestones, gamma, n, seed):
    shuffled = list(milestones)
    random.Random(seed).shuffle(shuffled)
    traces = []
    for order in (sorted(milestones), shuffled):
        optimizer = sgd(0.1)
        cm, caught = silent()
        try:
            scheduler = sched.MultiStepLR(optimizer, milestones=order, gamma=gamma)
            traces.append(run(optimizer, scheduler, n))
        finally:
            cm.__exit__(None, None, None)
        assert caught == []
        assert scheduler.milestones == collections.Counter(milestones)
    assert traces[0] == traces[1]


@SETTINGS
@given(milestones=st.lists(st.integers(1, 12), min_size=1, max_size=3), batches=st.integers(1, 40),
       gamma=gammas_)
def test_multi_step_lr_per_batch_reaches_a_milestone_after_that_many_batches(milestones, batches, gamma):
    """Stepped after every batch, milestone m (meant in epochs) is reached after m batches, that is at
    epoch m / batches instead of m: batches times too early."""
    epochs = max(milestones) + 1
    per_epoch_opt, per_batch_opt = sgd(0.1), sgd(0.1)
    per_epoch = sched.MultiStepLR(per_epoch_opt, milestones=milestones, gamma=gamma)
    per_batch = sched.MultiStepLR(per_batch_opt, milestones=milestones, gamma=gamma)
    epoch_lrs, batch_lrs = [], []
    for _ in range(epochs):
        for _ in range(batches):
            batch_lrs.append(per_batch_opt.param_groups[0]["lr"])
            per_batch_opt.step()
            per_batch.step()
        epoch_lrs.append(per_epoch_opt.param_groups[0]["lr"])
        per_epoch_opt.step()
        per_epoch.step()
    # the LR of batch b is the LR of epoch b: milestone m comes at batch m, i.e. at epoch m / batches
    for b in range(len(batch_lrs)):
        assert batch_lrs[b] == epoch_lrs[min(b, epochs - 1)], b
    for m in set(milestones):
        assert batch_lrs[m] != batch_lrs[m - 1] and epoch_lrs[m] != epoch_lrs[m - 1]
        assert next(b for b in range(len(batch_lrs)) if batch_lrs[b] == epoch_lrs[m]) / batches == m / batches


@SETTINGS
@given(kind=st.sampled_from(["zero", "negative", "fractional", "empty", "gamma>1"]), gamma=gammas_,
       big=st.floats(1.01, 3.0), values=st.lists(st.integers(1, 50), min_size=1, max_size=4), n=steps_)
def test_multi_step_lr_accepts_odd_milestones_silently(kind, gamma, big, values, n):
    """Milestone 0 decays already in the constructor, negative or fractional milestones are never
    reached, an empty list is a constant LR, gamma above 1 raises the LR at each milestone; no warning."""
    milestones = {"zero": [0] + values, "negative": [-v for v in values],
                  "fractional": [v + 0.5 for v in values], "empty": [], "gamma>1": values}[kind]
    factor = big if kind == "gamma>1" else gamma
    optimizer = sgd(0.1)
    cm, caught = silent()
    try:
        used = [u[0] for u in run(optimizer, sched.MultiStepLR(optimizer, milestones=milestones, gamma=factor), n)]
    finally:
        cm.__exit__(None, None, None)
    assert caught == []
    if kind == "zero":
        assert close(used[0], 0.1 * factor)
        assert all(close(used[t], 0.1 * factor * factor ** sum(1 for m in values if m <= t), rel=1e-11)
                   for t in range(n))
    elif kind in ("negative", "fractional", "empty"):
        assert used == [0.1] * n
    else:
        for t in range(1, n):
            c = multiset_power(values, t)
            assert (used[t] > used[t - 1]) if c else (used[t] == used[t - 1])


# ---------------------------------------------------------------- OneCycleLR


def one_cycle_table(t, total, pct, div, final_div, max_lr, m_low, m_high, strategy, three_phase):
    """(lr, momentum) after t step() calls, from the page's phase table and its two interpolations."""
    start, low = max_lr / div, max_lr / div / final_div
    if three_phase:
        phases = [(pct * total - 1, start, max_lr, m_high, m_low), (2 * pct * total - 2, max_lr, start, m_low, m_high),
                  (total - 1, start, low, m_high, m_high)]
    else:
        phases = [(pct * total - 1, start, max_lr, m_high, m_low), (total - 1, max_lr, low, m_low, m_high)]
    t0 = 0.0
    for i, (t1, a, b, ma, mb) in enumerate(phases):
        if t <= t1 or i == len(phases) - 1:
            f = (t - t0) / (t1 - t0)
            break
        t0 = t1
    if strategy == "cos":
        def mix(x, y):
            return x * (1 + math.cos(math.pi * f)) / 2 + y * (1 - math.cos(math.pi * f)) / 2
    else:
        def mix(x, y):
            return x + (y - x) * f
    return mix(a, b), mix(ma, mb), i, f


@st.composite
def one_cycle_args(draw):
    total = draw(st.integers(2, 200))
    pct = draw(st.floats(0.0, 1.0))
    three = draw(st.booleans())
    assume(pct * total - 1 != 0.0)  # a zero-length first phase: 0/0 in the table and in torch
    if three:
        assume(pct * total - 1 != 0.0 and total + 1 - 2 * pct * total != 0.0)
    return dict(total=total, pct=pct, three_phase=three, div=draw(st.floats(2.0, 100.0)),
                final_div=draw(st.floats(10.0, 1e5)), max_lr=draw(st.floats(0.01, 1.0)),
                m_low=draw(st.floats(0.5, 0.9)), m_high=draw(st.floats(0.9, 0.99)),
                strategy=draw(st.sampled_from([None, "cos", "linear"])), adam=draw(st.booleans()))


def build_one_cycle(a, optimizer):
    kwargs = dict(max_lr=a["max_lr"], total_steps=a["total"], pct_start=a["pct"], div_factor=a["div"],
                  final_div_factor=a["final_div"], base_momentum=a["m_low"], max_momentum=a["m_high"],
                  three_phase=a["three_phase"])
    if a["strategy"]:
        kwargs["anneal_strategy"] = a["strategy"]
    return sched.OneCycleLR(optimizer, **kwargs)


def momentum_of(group):
    return group["betas"][0] if "betas" in group else group["momentum"]


@SETTINGS
@given(a=one_cycle_args())
def test_one_cycle_lr_follows_the_phase_table_at_every_step(a):
    """Every LR and momentum (or beta1) of the whole cycle, both strategies (cos by default), two or
    three phases, each phase starting where the previous one ended: torch equals the table to 1e-12."""
    optimizer = sgd(0.5, cls=torch.optim.Adam) if a["adam"] else sgd(0.5, momentum=0.9)
    scheduler = build_one_cycle(a, optimizer)
    strategy = a["strategy"] or "cos"
    for t in range(a["total"]):
        lr, m, _, _ = one_cycle_table(t, a["total"], a["pct"], a["div"], a["final_div"], a["max_lr"], a["m_low"],
                                      a["m_high"], strategy, a["three_phase"])
        group = optimizer.param_groups[0]
        assert close(group["lr"], lr, abs_=1e-15), t
        assert close(momentum_of(group), m, abs_=1e-15), t
        optimizer.step()
        scheduler.step()


def phase_steps(a, strategy):
    """{phase index: [(t, lr, momentum)]} for the integer steps of the cycle, computed by torch."""
    optimizer = sgd(0.5, momentum=0.9)
    scheduler = build_one_cycle(dict(a, strategy=strategy), optimizer)
    out = collections.defaultdict(list)
    for t in range(a["total"]):
        _, _, phase, _ = one_cycle_table(t, a["total"], a["pct"], a["div"], a["final_div"], a["max_lr"],
                                         a["m_low"], a["m_high"], strategy, a["three_phase"])
        g = optimizer.param_groups[0]
        out[phase].append((t, g["lr"], g["momentum"]))
        optimizer.step()
        scheduler.step()
    return out


@SETTINGS
@given(a=one_cycle_args())
def test_one_cycle_lr_cosine_is_flat_at_the_boundaries_and_linear_moves_at_a_constant_rate(a):
    """Inside each phase: with 'linear' every step changes the LR (and momentum) by the same amount;
    with 'cos' the change per step grows towards the middle of the phase and shrinks towards its ends."""
    for strategy in ("linear", "cos"):
        for rows in phase_steps(a, strategy).values():
            for k in (1, 2):  # lr, momentum
                deltas = [rows[i + 1][k] - rows[i][k] for i in range(len(rows) - 1)]
                if strategy == "linear":
                    assert all(math.isclose(d, deltas[0], rel_tol=1e-9, abs_tol=1e-14) for d in deltas)
                    continue
                size = [abs(d) for d in deltas]
                if len(size) < 3 or max(size) < 1e-13:
                    continue
                top = max(range(len(size)), key=size.__getitem__)
                slack = 1e-12 * max(size)
                assert all(size[i] <= size[i + 1] + slack for i in range(top))  # steeper towards the middle
                assert all(size[i] >= size[i + 1] - slack for i in range(top, len(size) - 1))  # flatter after
                if len(size) >= 4:
                    assert min(size[0], size[-1]) < max(size)


@SETTINGS
@given(group_lrs=st.lists(st.floats(1e-5, 10.0), min_size=1, max_size=4), data=st.data())
def test_one_cycle_lr_constructor_overwrites_the_lr_of_every_group(group_lrs, data):
    n = len(group_lrs)
    per_group = data.draw(st.booleans())
    max_lrs = data.draw(st.lists(st.floats(0.01, 1.0), min_size=n, max_size=n)) if per_group else \
        data.draw(st.floats(0.01, 1.0))
    div, final_div = data.draw(st.floats(2.0, 100.0)), data.draw(st.floats(10.0, 1e5))
    optimizer = sgd(*group_lrs, momentum=0.9)
    sched.OneCycleLR(optimizer, max_lr=max_lrs, total_steps=50, div_factor=div, final_div_factor=final_div)
    for g, group in enumerate(optimizer.param_groups):
        peak = max_lrs[g] if per_group else max_lrs
        assert close(group["lr"], peak / div)
        assert group["initial_lr"] == peak / div
        assert group["max_lr"] == peak
        assert group["min_lr"] == peak / div / final_div


@SETTINGS
@given(epochs=st.integers(1, 20), per_epoch=st.integers(1, 20), pct=st.floats(0.1, 0.9),
       calls=st.integers(1, 60))
def test_one_cycle_lr_steps_per_epoch_only_sets_the_length(epochs, per_epoch, pct, calls):
    """OneCycleLR(epochs=E, steps_per_epoch=S) is OneCycleLR(total_steps=E*S) at every step() call."""
    total = epochs * per_epoch
    assume(pct * total - 1 != 0.0)
    calls = min(calls, total)
    a, b = sgd(0.1, momentum=0.9), sgd(0.1, momentum=0.9)
    sa = sched.OneCycleLR(a, max_lr=0.1, epochs=epochs, steps_per_epoch=per_epoch, pct_start=pct)
    sb = sched.OneCycleLR(b, max_lr=0.1, total_steps=total, pct_start=pct)
    assert sa.total_steps == total
    assert run(a, sa, calls) == run(b, sb, calls)
    assert sa.last_epoch == calls  # one step per call, whatever an epoch is


# ---------------------------------------------------------------- SWALR


def swa_weight(strategy, k, anneal_epochs):
    """w(tau) of the page: the weight of the start LR after k SWALR steps."""
    tau = 1.0 if anneal_epochs == 0 else min(1.0, max(0.0, k / anneal_epochs))
    return (1 + math.cos(math.pi * tau)) / 2 if strategy == "cos" else 1 - tau


@SETTINGS
@given(lr=lrs_, swa_lr=st.floats(0.001, 0.5), anneal=st.integers(0, 20), strategy=st.sampled_from(["cos", "linear"]),
       n=st.integers(1, 60), edits=st.dictionaries(st.integers(0, 59), st.floats(0.3, 3.0), max_size=3))
def test_swalr_recovers_the_start_lr_from_the_current_lr_at_each_step(lr, swa_lr, anneal, strategy, n, edits):
    """torch stores no start LR: each step inverts the previous step's interpolation on the LR it
    finds, eta_s = swa + (lr - swa) / w(k-1), then sets swa + (eta_s - swa) * w(k). So a change made
    between steps becomes the new start; without changes this is the page's closed form."""
    optimizer = sgd(lr)
    scheduler = SWALR(optimizer, swa_lr=swa_lr, anneal_epochs=anneal, anneal_strategy=strategy)
    group = optimizer.param_groups[0]
    assert group["lr"] == (swa_lr if anneal == 0 else lr)  # the constructor changes nothing unless A = 0
    plain = lr
    for k in range(1, n + 1):
        if k - 1 in edits:
            group["lr"] *= edits[k - 1]
        found = group["lr"]
        optimizer.step()
        scheduler.step()
        before, now = swa_weight(strategy, k - 1, anneal), swa_weight(strategy, k, anneal)
        if anneal == 0:
            before = now = 0.0
        expected = swa_lr if before == 0 else swa_lr + (swa_lr + (found - swa_lr) / before - swa_lr) * now
        assert close(group["lr"], expected, rel=1e-9, abs_=1e-12), k
        if not edits:
            assert close(group["lr"], swa_lr + (plain - swa_lr) * now, rel=1e-9, abs_=1e-12), k


@SETTINGS
@given(group_lrs=st.lists(st.floats(0.01, 1.0), min_size=1, max_size=4), data=st.data(),
       anneal=st.integers(0, 15), strategy=st.sampled_from(["cos", "linear"]))
def test_swalr_swa_lr_is_one_float_for_all_groups_or_one_per_group(group_lrs, data, anneal, strategy):
    """A float: every group anneals from its own LR to it; a list: each group to its own target;
    a list of another length: ValueError."""
    n = len(group_lrs)
    per_group = data.draw(st.booleans())
    target = data.draw(st.lists(st.floats(0.001, 0.5), min_size=n, max_size=n)) if per_group else \
        data.draw(st.floats(0.001, 0.5))
    optimizer = sgd(*group_lrs)
    scheduler = SWALR(optimizer, swa_lr=target, anneal_epochs=anneal, anneal_strategy=strategy)
    for k in range(anneal + 3):
        for g, group in enumerate(optimizer.param_groups):
            swa = target[g] if per_group else target
            w = 0.0 if anneal == 0 else swa_weight(strategy, k, anneal)
            assert close(group["lr"], swa + (group_lrs[g] - swa) * w, rel=1e-9, abs_=1e-12), (k, g)
        optimizer.step()
        scheduler.step()
    wrong = data.draw(st.integers(1, 5).filter(lambda m: m != n))
    with pytest.raises(ValueError, match="swa_lr must have the same length"):
        SWALR(sgd(*group_lrs), swa_lr=[0.01] * wrong)


def swa_run(main_factory, order, swa_start, swa_lr, anneal, strategy, epochs):
    optimizer = sgd(0.1)
    main = main_factory(optimizer)
    swa = None
    used = []
    for e in range(epochs):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        if e < swa_start:
            main.step()
            continue
        if swa is None:
            swa = SWALR(optimizer, swa_lr=swa_lr, anneal_epochs=anneal, anneal_strategy=strategy)
        if order == "swalr only":
            swa.step()
        elif order == "swalr first":
            swa.step()
            main.step()
        else:
            main.step()
            swa.step()
    return used


@SETTINGS
@given(gamma=st.one_of(st.floats(0.5, 0.99), st.floats(1.01, 1.2)), swa_lr=st.floats(0.005, 0.2),
       anneal=st.integers(2, 8), strategy=st.sampled_from(["cos", "linear"]), swa_start=st.integers(1, 10))
def test_swalr_with_exponential_lr_stepping_too(gamma, swa_lr, anneal, strategy, swa_start):
    """With ExponentialLR as the main scheduler stepping too, the anneal differs from SWALR alone at
    every anneal step (bent); stepped after SWALR, it holds the LR at swa_lr * gamma for good."""
    epochs = swa_start + anneal + 30

    def factory(o):
        return sched.ExponentialLR(o, gamma=gamma)

    alone, first, last = (swa_run(factory, order, swa_start, swa_lr, anneal, strategy, epochs)
                          for order in ("swalr only", "swalr first", "main first"))
    k0 = swa_start + 1  # the LR after the first SWALR step
    for e in range(k0, k0 + anneal - 1):
        assert not close(first[e], alone[e], rel=1e-9) and not close(last[e], alone[e], rel=1e-9), e
    for e in range(k0 + anneal - 1, epochs):
        assert close(alone[e], swa_lr, rel=1e-9) and close(last[e], swa_lr, rel=1e-9)
        assert close(first[e], swa_lr * gamma, rel=1e-9) and not close(first[e], swa_lr, rel=1e-6)


@SETTINGS
@given(milestone=st.integers(1, 6), swa_lr=st.floats(0.005, 0.2), anneal=st.integers(1, 8),
       strategy=st.sampled_from(["cos", "linear"]), swa_start=st.integers(6, 10),
       order=st.sampled_from(["swalr first", "main first"]))
def test_swalr_with_a_main_scheduler_that_no_longer_changes_the_lr(milestone, swa_lr, anneal, strategy,
                                                                 swa_start, order):
    """A MultiStepLR past its last milestone, stepped too, in either order: the same LRs as SWALR alone."""
    def factory(o):
        return sched.MultiStepLR(o, milestones=[milestone], gamma=0.5)

    epochs = swa_start + anneal + 10
    assert swa_run(factory, order, swa_start, swa_lr, anneal, strategy, epochs) == \
        swa_run(factory, "swalr only", swa_start, swa_lr, anneal, strategy, epochs)


def test_torch_docs_draw_a_figure_for_each_lr_scheduler_class_and_none_for_swalr():
    """The docstring of each scheduler of torch.optim.lr_scheduler embeds its generated figure;
    no class of torch.optim.swa_utils has one (the docs script imports only lr_scheduler's classes)."""
    names = [n for n in sched.__all__ if n != "LRScheduler"]
    assert set(names) | {"SWALR"} == ALL_SCHEDULERS
    for name in names:
        assert f".. image:: ../scripts/lr_scheduler_images/{name}.png" in (getattr(sched, name).__doc__ or ""), name
    own = [c for _, c in inspect.getmembers(torch.optim.swa_utils, inspect.isclass)
           if c.__module__ == "torch.optim.swa_utils"]
    assert SWALR in own
    for cls in own:
        assert ".. image::" not in (cls.__doc__ or ""), cls


# ---------------------------------------------------------------- LambdaLR


def factor_family(kind, a):
    return {
        "power": lambda t: a ** t,
        "inverse": lambda t: 1.0 / (1.0 + a * t),
        "warm-up": lambda t: min(1.0, (t + 1) * a),
        "stairs": lambda t: a ** (t // 7),
        "constant": lambda t: a,
    }[kind]


kinds_ = st.sampled_from(["power", "inverse", "warm-up", "stairs", "constant"])


@SETTINGS
@given(specs=st.lists(st.tuples(kinds_, st.floats(0.05, 0.99), lrs_), min_size=1, max_size=4), n=steps_)
def test_lambda_lr_each_function_multiplies_its_own_groups_initial_lr(specs, n):
    functions = [factor_family(kind, a) for kind, a, _ in specs]
    optimizer = sgd(*[lr for _, _, lr in specs])
    used = run(optimizer, sched.LambdaLR(optimizer, lr_lambda=functions), n)
    for t in range(n):
        for g, (_, _, lr) in enumerate(specs):
            assert used[t][g] == lr * functions[g](t)


@SETTINGS
@given(c=st.floats(0.01, 2.0), lr=lrs_, n=steps_)
def test_lambda_lr_constant_factor_is_a_flat_line(c, lr, n):
    optimizer = sgd(lr)
    used = run(optimizer, sched.LambdaLR(optimizer, lambda t: c), n)
    assert used == [[lr * c]] * n


@SETTINGS
@given(kind=kinds_, a=st.floats(0.05, 0.99), n=steps_,
       edits=st.dictionaries(st.integers(0, 199), st.floats(0.1, 10.0), max_size=5), other=st.booleans())
def test_lambda_lr_overwrites_any_outside_change_at_the_next_step(kind, a, n, edits, other):
    """A change by hand (or by another scheduler stepped on the same optimizer) is the LR of that one
    step only: after the next LambdaLR.step() the LR is initial LR * lambda(t) again."""
    f = factor_family(kind, a)
    optimizer = sgd(0.1)
    lam = sched.LambdaLR(optimizer, f)
    second = sched.ExponentialLR(optimizer, gamma=0.5) if other else None
    for t in range(n):
        assert optimizer.param_groups[0]["lr"] == 0.1 * f(t), t
        if t in edits:
            optimizer.param_groups[0]["lr"] *= edits[t]
        optimizer.step()
        if second:
            second.step()
        lam.step()


class Scaled:
    """A callable object with picklable attributes."""

    def __init__(self, gamma, table):
        self.gamma, self.table = gamma, table

    def __call__(self, t):
        return self.gamma ** t * self.table[t % len(self.table)]


def module_level(t):
    return 0.9 ** t


def make_function(kind, a):
    if kind == "lambda":
        return lambda t: a ** t
    if kind == "nested def":
        def nested(t):
            return a ** (t // 2)
        return nested
    if kind == "module def":
        return module_level
    return Scaled(a, [1.0, 0.5, 0.25])


@SETTINGS
@given(kinds=st.lists(st.sampled_from(["lambda", "nested def", "module def", "object"]), min_size=1, max_size=4),
       a=st.floats(0.5, 0.99), k=st.integers(0, 40))
def test_lambda_lr_state_dict_of_functions_and_lambdas_always_saves_without_their_code(kinds, a, k):
    """Any mix of lambdas, nested and module-level functions and callable objects with picklable
    attributes: torch.save(state_dict()) works, functions are stored as None (no code), objects as
    their attributes; a rebuilt scheduler with load_state_dict() resumes last_epoch and the attributes."""
    optimizer = sgd(*[0.1] * len(kinds))
    scheduler = sched.LambdaLR(optimizer, [make_function(kind, a) for kind in kinds])
    run(optimizer, scheduler, k)
    buffer = io.BytesIO()
    torch.save(scheduler.state_dict(), buffer)
    buffer.seek(0)
    state = torch.load(buffer, weights_only=False)
    for kind, stored in zip(kinds, state["lr_lambdas"]):
        assert stored == ({"gamma": a, "table": [1.0, 0.5, 0.25]} if kind == "object" else None)
    fresh = sgd(*[0.1] * len(kinds))
    rebuilt = sched.LambdaLR(fresh, [Scaled(0.1, [1.0]) if kind == "object" else make_function(kind, a)
                                     for kind in kinds])
    fresh.load_state_dict(optimizer.state_dict())  # the order the checkpoint guide gives
    rebuilt.load_state_dict(state)
    assert rebuilt.last_epoch == scheduler.last_epoch == k
    assert all(fn.gamma == a for kind, fn in zip(kinds, rebuilt.lr_lambdas) if kind == "object")
    assert run(fresh, rebuilt, 5) == run(optimizer, scheduler, 5)


def test_lambda_lr_state_dict_needs_the_callable_objects_attributes_to_pickle():
    """Why the page says a callable object's attributes must pickle too (and why it names functions
    and lambdas only: a built-in has no __dict__ and state_dict() itself fails)."""
    class HoldsALambda:
        def __init__(self):
            self.f = lambda t: 0.9 ** t

        def __call__(self, t):
            return self.f(t)

    with pytest.raises((AttributeError, pickle.PicklingError), match="pickle"):
        torch.save(sched.LambdaLR(sgd(0.1), HoldsALambda()).state_dict(), io.BytesIO())
    with pytest.raises(AttributeError, match="__dict__"):
        sched.LambdaLR(sgd(0.1), math.exp).state_dict()


# ---------------------------------------------------------------- PolynomialLR, LinearLR, ConstantLR


@SETTINGS
@given(kind=st.sampled_from(["zero", "negative", "fractional"]), m=st.integers(1, 60), frac=st.floats(0.05, 0.95),
       power=st.floats(0.2, 3.0), n=steps_)
def test_polynomial_lr_odd_total_iters(kind, m, frac, power, n):
    """total_iters=0 or negative: a constant LR, silently; fractional T: the closed form with min(t, T)
    until the last integer step below T, then it stops above zero."""
    total = {"zero": 0, "negative": -m, "fractional": m - 1 + frac}[kind]
    optimizer = sgd(0.1)
    cm, caught = silent()
    try:
        used = [u[0] for u in run(optimizer, sched.PolynomialLR(optimizer, total_iters=total, power=power), n)]
    finally:
        cm.__exit__(None, None, None)
    assert caught == []
    if kind != "fractional":
        assert used == [0.1] * n
        return
    for t in range(n):
        assert close(used[t], 0.1 * (1 - min(t, math.floor(total)) / total) ** power, rel=1e-11)
    assert used[-1] > 0


def docstring_epochs(cls):
    doc = inspect.getdoc(cls)
    listed = [int(e) for e in re.findall(r"# lr = [\d.]+\s+if epoch == (\d+)", doc)]
    tail = re.findall(r"# lr = [\d.]+\s+if epoch >= (\d+)", doc)
    return listed, [int(e) for e in tail], "# ..." in doc


def test_linear_and_polynomial_docstrings_list_their_first_epochs_and_the_end():
    """The wording of the two pages: epochs 0 to 3 and from 40 on (LinearLR), 0 to 2 and from 50 on
    (PolynomialLR), with the epochs between left out."""
    assert docstring_epochs(sched.LinearLR) == ([0, 1, 2, 3], [40], True)
    assert docstring_epochs(sched.PolynomialLR) == ([0, 1, 2], [50], True)


@SETTINGS
@given(kind=st.sampled_from(["zero", "negative", "fractional"]), m=st.integers(1, 60), frac=st.floats(0.05, 0.95),
       factor=st.floats(0.01, 0.99), n=steps_)
def test_constant_lr_with_an_unreachable_total_iters_never_undoes_the_factor(kind, m, frac, factor, n):
    total = {"zero": 0, "negative": -m, "fractional": m - 1 + frac}[kind]
    optimizer = sgd(0.1)
    cm, caught = silent()
    try:
        used = run(optimizer, sched.ConstantLR(optimizer, factor=factor, total_iters=total), n)
    finally:
        cm.__exit__(None, None, None)
    assert caught == []
    assert used == [[0.1 * factor]] * n


# ---------------------------------------------------------------- CosineAnnealingLR


def cosine(lr0, eta_min, T, t):
    return eta_min + (lr0 - eta_min) * (1 + math.cos(math.pi * t / T)) / 2


cosine_args = dict(T=st.integers(1, 40), eta_min=st.one_of(st.just(0.0), st.floats(0.0, 0.05)), lr=st.floats(0.06, 1.0))


@SETTINGS
@given(**cosine_args, n=steps_, edits=st.dictionaries(st.integers(0, 199), st.floats(0.3, 3.0), max_size=4))
def test_cosine_each_step_rescales_the_current_lr_except_right_after_a_minimum(T, eta_min, lr, n, edits):
    """eta_t = eta_min + (eta_{t-1} - eta_min) * ratio of consecutive cosine factors, from whatever LR is
    in the optimizer; right after each minimum (t - 1 = T, 3T, ...) the denominator is zero and the
    step is additive instead."""
    optimizer = sgd(lr)
    scheduler = sched.CosineAnnealingLR(optimizer, T_max=T, eta_min=eta_min)
    group = optimizer.param_groups[0]
    for t in range(1, n + 1):
        if t - 1 in edits:
            group["lr"] *= edits[t - 1]
        current = group["lr"]
        optimizer.step()
        scheduler.step()
        denominator = 1 + math.cos((t - 1) * math.pi / T)
        after_minimum = (t - 1) % (2 * T) == T
        assert (abs(denominator) < 1e-12) == after_minimum, t
        if after_minimum:
            expected = current + (lr - eta_min) * (1 - math.cos(math.pi / T)) / 2
        else:
            expected = eta_min + (current - eta_min) * (1 + math.cos(t * math.pi / T)) / denominator
        assert close(group["lr"], expected), t


@SETTINGS
@given(**cosine_args, n=steps_)
def test_cosine_recursion_agrees_with_the_closed_form_up_to_rounding(T, eta_min, lr, n):
    optimizer = sgd(lr)
    used = run(optimizer, sched.CosineAnnealingLR(optimizer, T_max=T, eta_min=eta_min), n)
    for t in range(n):
        assert close(used[t][0], cosine(lr, eta_min, T, t), abs_=1e-12 * lr), t


@SETTINGS
@given(**cosine_args, at=st.integers(0, 150), factor=st.floats(0.2, 0.9))
def test_cosine_an_outside_change_lasts_until_the_next_minimum(T, eta_min, lr, at, factor):
    """An edit before step t_e changes every LR up to the next minimum (t = T, 3T, ... after t_e),
    where the LR is back at eta_min; from there on the run is the untouched one."""
    n = at + 2 * T + 5
    plain_opt = sgd(lr)
    plain = [u[0] for u in run(plain_opt, sched.CosineAnnealingLR(plain_opt, T_max=T, eta_min=eta_min), n)]
    edited_opt = sgd(lr)

    def edit(t):
        if t == at:
            edited_opt.param_groups[0]["lr"] *= factor

    edited = [u[0] for u in run(edited_opt, sched.CosineAnnealingLR(edited_opt, T_max=T, eta_min=eta_min), n, edit)]
    assume(abs(plain[at]) > 1e-9)  # multiplying an LR of 0 changes nothing
    minimum = next(t for t in range(at + 1, n) if t % (2 * T) == T)
    for t in range(at, minimum):
        if not close(plain[t], eta_min, rel=1e-9, abs_=1e-12):
            assert not close(edited[t], plain[t], rel=1e-9), t  # kept
    assert close(edited[minimum], eta_min, abs_=1e-12)
    for t in range(minimum, n):
        assert close(edited[t], plain[t], rel=1e-9, abs_=1e-12), t  # as if nothing had happened


CLOSED_FORM = ["LambdaLR", "CosineAnnealingWarmRestarts", "CyclicLR", "OneCycleLR"]


@pytest.mark.parametrize("name", CLOSED_FORM)
@FEW
@given(data=st.data(), at=st.integers(0, 14), factor=st.floats(0.1, 10.0))
def test_a_closed_form_scheduler_undoes_an_edit_at_the_next_step(name, data, at, factor):
    """The closed-form schedulers of the composition guide recompute from the initial LRs at every step."""
    build, _ = data.draw(SPECS[name])
    n = 16
    plain_opt = sgd(0.1, momentum=0.9)
    plain = run(plain_opt, build(plain_opt), n)
    opt = sgd(0.1, momentum=0.9)

    def edit(t):
        if t == at:
            opt.param_groups[0]["lr"] *= factor

    edited = run(opt, build(opt), n, edit)
    assert close(edited[at][0], plain[at][0] * factor)
    assert edited[at + 1:] == plain[at + 1:]


# ---------------------------------------------------------------- overview, index, explorer: the figures


def scheduler_pages():
    return [(p, front_matter(p)["scheduler"]) for p in pages() if front_matter(p).get("scheduler")]


def test_every_scheduler_page_shows_its_example_as_a_figure_and_the_overview_draws_each_of_them():
    """Every scheduler has a page; each page shows its main snippet's figure; the overview has one
    panel per page, drawn from that same run's trace (runner.rendered writes the page's .svg and the
    overview's .json from one Result), and one table row with a "use it when" line for each."""
    import runner  # noqa: PLC0415

    found = scheduler_pages()
    assert {cls for _, cls in found} == ALL_SCHEDULERS and len(found) == len(ALL_SCHEDULERS)
    panels = [cls for _, cls in runner.scheduler_pages()]  # the overview's cells
    assert sorted(panels) == sorted(ALL_SCHEDULERS)
    for page, cls in found:
        stem = page.stem
        assert snippet(stem).wants_figure, stem
        assert f"](../generated/{stem}.svg)" in page.read_text(encoding="utf-8"), stem
        assert f'--8<-- "schedulers/{stem}/{stem}.py"' in page.read_text(encoding="utf-8"), stem
        assert result(stem).traces["lrs"], stem
    source = inspect.getsource(runner.rendered)
    assert 'files[f"{snippet.name}.svg"] = figure_svg(result)' in source
    assert 'files[f"{snippet.name}.json"] = (json.dumps(result.traces["lrs"])' in source
    assert "out / f\"{stem}.json\"" in inspect.getsource(runner.build_overview)
    overview = (DOCS / "overview.md").read_text(encoding="utf-8")
    assert "](generated/overview.svg)" in overview
    rows = re.findall(r"^\| \[(\w+)\]\(schedulers/(\w+)\.md\) \| ([^|]+) \| ([^|]+) \|$", overview, re.M)
    assert sorted(r[0] for r in rows) == sorted(panels)
    assert all(r[3].strip() for r in rows)


@SETTINGS
@given(data=st.data(), lr=lrs_, n=steps_)
def test_the_overview_tables_rates_hold_at_every_step(data, lr, n):
    """MultiplicativeLR multiplies by f(t) each step, StepLR decays every N steps, ExponentialLR by the
    same factor every step, ChainedScheduler applies each of its schedulers at every step."""
    g, s, f = data.draw(gammas_), data.draw(st.integers(1, 30)), data.draw(st.floats(0.9, 1.0))
    o1, o2, o3 = sgd(lr), sgd(lr), sgd(lr)
    mult = run(o1, sched.MultiplicativeLR(o1, lambda t: f if t % 2 else 1.0), n)
    expo = run(o2, sched.ExponentialLR(o2, gamma=g), n)
    chained = run(o3, sched.ChainedScheduler([sched.ExponentialLR(o3, gamma=g), sched.StepLR(o3, s, gamma=0.5)]), n)
    for t in range(1, n):
        assert close(mult[t][0], mult[t - 1][0] * (f if t % 2 else 1.0))
        assert close(expo[t][0], expo[t - 1][0] * g)
        assert close(chained[t][0], chained[t - 1][0] * g * (0.5 if t % s == 0 else 1.0))


# ---------------------------------------------------------------- warm-up guide


@SETTINGS
@given(W=st.integers(2, 40), extra=st.integers(1, 100), peak=lrs_)
def test_warm_up_sequential_ramp_is_above_by_peak_over_w_times_one_minus_t_over_w(W, extra, peak):
    """LinearLR(1/W, W) then CosineAnnealingLR in SequentialLR, against LambdaLR(t / W, then cosine):
    higher by peak / W * (1 - t / W) at every warm-up step, most at step 0, not at all at the peak."""
    T = W + extra
    o1 = sgd(peak)
    seq = sched.SequentialLR(o1, [sched.LinearLR(o1, start_factor=1 / W, total_iters=W),
                                  sched.CosineAnnealingLR(o1, T_max=T - W)], milestones=[W])
    o2 = sgd(peak)
    lam = sched.LambdaLR(o2, lambda t: t / W if t < W else (1 + math.cos(math.pi * (t - W) / (T - W))) / 2)
    a, b = [u[0] for u in run(o1, seq, T)], [u[0] for u in run(o2, lam, T)]
    gaps = [a[t] - b[t] for t in range(W)]
    for t in range(W):
        assert close(gaps[t], peak / W * (1 - t / W), rel=1e-9, abs_=1e-14), t
    assert max(range(W), key=gaps.__getitem__) == 0
    for t in range(W, T):
        assert close(a[t], b[t], rel=1e-9, abs_=1e-14), t
    assert close(a[W], peak) and close(b[W], peak)


@SETTINGS
@given(W=st.integers(1, 50), peak=lrs_)
def test_warm_up_from_t_plus_one_trains_every_step_and_peaks_one_step_earlier(W, peak):
    torch.manual_seed(W)
    runs = {}
    for name, f in (("t/W", lambda t: min(1.0, t / W)), ("(t+1)/W", lambda t: min(1.0, (t + 1) / W))):
        model = torch.nn.Linear(3, 1)
        optimizer = torch.optim.SGD(model.parameters(), lr=peak)
        scheduler = sched.LambdaLR(optimizer, f)
        used, moved = [], []
        x, y = torch.randn(8, 3), torch.randn(8, 1)
        for _ in range(W + 2):
            before = model.weight.detach().clone()
            optimizer.zero_grad()
            torch.nn.functional.mse_loss(model(x), y).backward()
            used.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            scheduler.step()
            moved.append(not torch.equal(before, model.weight))
        runs[name] = used, moved
    used, moved = runs["(t+1)/W"]
    assert all(lr > 0 for lr in used) and all(moved)
    assert used.index(peak) == W - 1 and runs["t/W"][0].index(peak) == W
    assert runs["t/W"][0][0] == 0.0 and not runs["t/W"][1][0]


# ---------------------------------------------------------------- explorer


def test_the_explorer_engine_is_compared_on_every_scheduler():
    """tests/test_explorer.py runs every name of these lists; together they are every scheduler."""
    import explorer_torch as ex  # noqa: PLC0415

    assert set(ex.SCHEDULERS + ex.COMPOSITES) == ALL_SCHEDULERS
    from test_explorer import NAMES, PER_SCHEDULER  # noqa: PLC0415

    assert set(NAMES) == ALL_SCHEDULERS and PER_SCHEDULER >= 100


def test_the_lr_lambda_expression_is_parsed_never_evaluated_as_code():
    """No file of the explorer calls eval, the Function constructor or a string timer, and an
    expression that JavaScript would run (with a side effect) is rejected by the parser."""
    sources = sorted((DOCS / "assets" / "explorer").glob("*.js"))
    assert sources
    for path in sources:
        text = path.read_text(encoding="utf-8")
        code = re.sub(r"//[^\n]*", "", text)  # comments may name eval to say it is not used
        assert not re.search(r"\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(|setTimeout\s*\(\s*[\"'`]", code), path
    from test_explorer import _node  # noqa: PLC0415

    attempts = ["globalThis.hacked = 1", "(() => 1)()", "this.constructor", "console.log(1)", "epoch; 1",
                "[].constructor.constructor('return 1')()", "`${1}`", "epoch.constructor"]
    script = ("import { compile } from './docs/assets/explorer/expr.js';"
              f"const xs = {json.dumps(attempts)};"
              "const out = xs.map(x => { try { compile(x)(0); return 'ran'; } catch (e) { return 'rejected'; } });"
              "console.log(JSON.stringify({out, hacked: globalThis.hacked === undefined ? null : 1}));")
    answer = json.loads(_node(script))
    assert answer == {"out": ["rejected"] * len(attempts), "hacked": None}


# ---------------------------------------------------------------- compatibility page


def test_each_page_with_examples_gets_its_part_of_the_table_right_under_its_title():
    import compat  # noqa: PLC0415

    m = compat.Matrix(json.loads((DOCS / "compatibility.json").read_text(encoding="utf-8")), compat.current_hashes())
    checked = 0
    for path in pages():
        text = path.read_text(encoding="utf-8")
        if not [n for n in compat.included(text) if n in m.hashes]:
            continue
        rel = path.relative_to(DOCS).as_posix()
        out = compat.annotate(text, rel, m)
        body = re.sub(r"\A---\n.*?\n---\n", "", out, flags=re.S).lstrip("\n")
        title, _, rest = body.partition("\n")
        assert title.startswith("# "), rel
        assert rest.lstrip("\n").startswith("!!! "), rel  # the release block comes first under the title
        checked += 1
    assert checked >= 20


def test_the_matrix_runs_every_example_on_every_release_in_a_fresh_environment(monkeypatch, tmp_path):
    """With nothing recorded, every snippet of the site is missing on every release; installing a
    release first deletes its environment and creates a new one with that torch."""
    import matrix  # noqa: PLC0415
    import runner  # noqa: PLC0415

    assert matrix.RELEASES[0].startswith("2.0.") and matrix.RELEASES[-1].startswith("2.15.")
    current = {name: matrix.content_hash(path) for name, path in matrix.snippet_paths().items()}
    assert set(current) == {s.name for s in runner.all_snippets()}
    empty = {"releases": matrix.RELEASES, "pinned": matrix.PINNED, "runs": {}, "snippets": {}}
    for release in matrix.RELEASES:
        assert matrix.missing(empty, current, release) == list(current)
    calls = []
    venv = tmp_path / "torch-2.0.1"
    venv.mkdir()
    (venv / "left-over").write_text("x")
    monkeypatch.setattr(matrix, "uv", lambda: None)
    monkeypatch.setattr(matrix, "declares_setuptools", lambda release: True)
    monkeypatch.setattr(matrix.subprocess, "run", lambda cmd, **kw: calls.append(cmd) or
                        type("P", (), {"returncode": 0, "stderr": "", "stdout": ""})())
    matrix.install("2.0.1", venv)
    assert not (venv / "left-over").exists()
    assert calls[0][1:3] == ["-m", "venv"] and calls[0][-1] == str(venv)
    assert "torch==2.0.1" in calls[1]


@SETTINGS
@given(text=st.text(min_size=1, max_size=40), values=st.lists(st.floats(1e-6, 1.0), min_size=1, max_size=20),
       i=st.integers(0, 19), data=st.data())
def test_the_matrix_compares_printed_output_by_character_and_traces_by_value(text, values, i, data):
    import matrix  # noqa: PLC0415

    def res(shown, lrs):
        return {"shown": shown, "traces": {"lrs": {"": lrs}}}

    base = res(text, values)
    assert matrix.compare(base, res(text, list(values)), "2.0.1") == {"status": "same"}
    k = i % len(text)
    other = data.draw(st.characters().filter(lambda c: c != text[k]))
    changed = text[:k] + other + text[k + 1:]
    assert matrix.compare(base, res(changed, values), "2.0.1")["status"] == "differs"
    j = i % len(values)
    bumped = list(values)
    bumped[j] = values[j] * (1 + 1e-9)
    assert matrix.compare(base, res(text, bumped), "2.0.1")["status"] != "same"


def test_what_the_matrix_compares_includes_the_warnings():
    """The worker records result.shown, which has the warnings where the reader sees them."""
    import matrix  # noqa: PLC0415

    assert '"shown": result.shown' in inspect.getsource(matrix.worker)
    shown = result("version_warnings").shown
    assert "UserWarning: The epoch parameter" in shown and "UserWarning: To get the last learning rate" in shown


# ---------------------------------------------------------------- version history


def warning_counts(build, name, calls):
    """(step(epoch) warnings, get_lr() warnings, replaced-optimizer.step warnings) over `calls` calls."""
    optimizer = sgd(0.1, momentum=0.9)
    scheduler = build(optimizer)
    cm, caught = silent()
    try:
        for e in range(1, calls + 1):
            optimizer.step()
            scheduler.step(e)
        epoch = sum("The epoch parameter" in str(w.message) for w in caught)
        caught.clear()
        for _ in range(calls):
            scheduler.get_lr()
        get_lr = sum("please use `get_last_lr()`" in str(w.message) for w in caught)
        caught.clear()
        optimizer = sgd(0.1, momentum=0.9)
        scheduler = build(optimizer)
        optimizer.step = torch.optim.SGD.step.__get__(optimizer)
        for _ in range(calls):
            optimizer.step()
            scheduler.step()
        replaced = sum("has been overridden" in str(w.message) for w in caught)
    finally:
        cm.__exit__(None, None, None)
    return epoch, get_lr, replaced


@SETTINGS
@given(step_size=st.integers(1, 10), gamma=gammas_, calls=st.integers(1, 12))
def test_step_lr_step_epoch_and_get_lr_warn_at_every_call_a_replaced_step_at_the_first_only(step_size, gamma, calls):
    def build(o):
        return sched.StepLR(o, step_size=step_size, gamma=gamma)

    assert warning_counts(build, "StepLR", calls) == (calls, calls, 1)


KEEP_BASE_STEP = sorted(set(SPECS) - {"ReduceLROnPlateau", "SequentialLR", "ChainedScheduler",
                                      "CosineAnnealingWarmRestarts"})


@pytest.mark.parametrize("name", KEEP_BASE_STEP)
@FEW
@given(data=st.data(), calls=st.integers(1, 8))
def test_the_same_warnings_on_every_scheduler_that_keeps_the_base_step(name, data, calls):
    """Beyond the page's StepLR: every scheduler that keeps LRScheduler.step() warns the same way
    (CosineAnnealingWarmRestarts takes an epoch by design and does not warn)."""
    build, _ = data.draw(SPECS[name])
    assert warning_counts(build, name, calls) == (calls, calls, 1)
