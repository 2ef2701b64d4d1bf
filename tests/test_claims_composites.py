"""Quantified claims of the MultiplicativeLR, CosineAnnealingWarmRestarts, ChainedScheduler, SequentialLR,
ExponentialLR and CyclicLR pages, proven over their whole domain (issue 8).

Every test draws valid arguments with Hypothesis (seeded, bounded) and checks every step of a run against
closed forms written here or in the schedulers' own test modules, independently of torch.
"""

from __future__ import annotations

import bisect
import copy
import json
import math
import warnings

import pytest
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_constant_lr import closed_form as constant_cf
from test_cosine_annealing_lr import closed_form as cosine_cf
from test_cosine_annealing_warm_restarts import closed_form as warm_restarts_cf
from test_cosine_annealing_warm_restarts import position as warm_restarts_position
from test_cyclic_lr import closed_form as cyclic_cf
from test_exponential_lr import closed_form as exponential_cf
from test_linear_lr import closed_form as linear_cf
from test_multi_step_lr import closed_form as multi_step_cf
from test_one_cycle_lr import closed_form as one_cycle_cf
from test_polynomial_lr import closed_form as polynomial_cf
from test_step_lr import closed_form as step_cf
from torch.optim import lr_scheduler as sched

from conftest import ROOT

PROP = settings(max_examples=40, deadline=None, derandomize=True, database=None)
FEW = settings(max_examples=20, deadline=None, derandomize=True, database=None)
SMALLEST_NORMAL = 2.2250738585072014e-308
ORDER_WARNING = "Detected call of `lr_scheduler.step()` before `optimizer.step()`"


def close(a, b, rel=1e-12, abs_tol=1e-15):
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_tol)


def sgd(lrs=(0.1,), momentum=0.9):
    """A fresh SGD with one group per LR, each holding one parameter."""
    groups = [{"params": [torch.zeros(1, requires_grad=True)], "lr": lr} for lr in lrs]
    return torch.optim.SGD(groups, lr=lrs[0], momentum=momentum)


def lr_of(optimizer, g=0):
    return optimizer.param_groups[g]["lr"]


def run(optimizer, scheduler, steps):
    """The LR of group 0 used at each of `steps` steps (optimizer.step() first, then scheduler.step())."""
    used = []
    for _ in range(steps):
        used.append(lr_of(optimizer))
        optimizer.step()
        scheduler.step()
    return used


group_lrs = st.lists(st.floats(0.01, 1.0), min_size=1, max_size=3)


# --- sub-scheduler strategies: (name, build(optimizer), factor(t) relative to the base LR) ---------------------------

def _chainable():
    f, g = st.floats(0.05, 1.0), st.floats(0.5, 1.0)
    n = st.integers(1, 12)
    return st.one_of(
        st.tuples(f, n).map(lambda a: ("ConstantLR", lambda o: sched.ConstantLR(o, factor=a[0], total_iters=a[1]),
                                       lambda t: constant_cf(1.0, a[0], a[1], t))),
        st.tuples(f, f, n).map(lambda a: ("LinearLR", lambda o: sched.LinearLR(o, a[0], a[1], a[2]),
                                          lambda t: linear_cf(1.0, a[0], a[1], a[2], t))),
        g.map(lambda a: ("ExponentialLR", lambda o: sched.ExponentialLR(o, a), lambda t: exponential_cf(1.0, a, t))),
        st.tuples(g, st.integers(1, 8)).map(lambda a: ("StepLR", lambda o: sched.StepLR(o, a[1], a[0]),
                                                       lambda t: step_cf(1.0, a[0], a[1], t))),
        st.tuples(g, st.lists(st.integers(1, 30), min_size=1, max_size=3, unique=True)).map(
            lambda a: ("MultiStepLR", lambda o: sched.MultiStepLR(o, a[1], a[0]),
                       lambda t: multi_step_cf(1.0, a[0], a[1], t))),
        g.map(lambda a: ("MultiplicativeLR", lambda o: sched.MultiplicativeLR(o, lambda e: a), lambda t: a ** t)),
        st.tuples(st.integers(1, 30), st.floats(0.5, 3.0)).map(
            lambda a: ("PolynomialLR", lambda o: sched.PolynomialLR(o, a[0], a[1]),
                       lambda t: polynomial_cf(1.0, a[0], a[1], t))),
    )


CHAINABLE = _chainable()
CHAINABLE_NAMES = {"ConstantLR", "LinearLR", "ExponentialLR", "StepLR", "MultiStepLR", "MultiplicativeLR",
                   "PolynomialLR"}


def _closed_form(steps, lr0):
    """Schedulers that write their own closed form: (name, build, lr(t)), LRs absolute."""
    return st.one_of(
        st.floats(0.01, 0.5).map(lambda a: ("LambdaLR", lambda o: sched.LambdaLR(o, lambda e: 1 / (1 + a * e)),
                                            lambda t: lr0 / (1 + a * t))),
        st.tuples(st.integers(1, 8), st.integers(1, 3), st.floats(0.0, 0.05)).map(
            lambda a: ("CosineAnnealingWarmRestarts",
                       lambda o: sched.CosineAnnealingWarmRestarts(o, T_0=a[0], T_mult=a[1], eta_min=a[2]),
                       lambda t: warm_restarts_cf(t, a[0], a[1], a[2], lr0))),
        st.tuples(st.integers(1, 6), st.integers(1, 6), st.sampled_from(["triangular", "triangular2"])).map(
            lambda a: ("CyclicLR", lambda o: sched.CyclicLR(o, base_lr=0.001, max_lr=0.1, step_size_up=a[0],
                                                            step_size_down=a[1], mode=a[2]),
                       lambda t: cyclic_cf(t, a[0], a[1], a[2])[0])),
        st.tuples(st.floats(0.15, 0.6), st.sampled_from(["cos", "linear"])).map(
            lambda a: ("OneCycleLR", lambda o: sched.OneCycleLR(o, max_lr=0.1, total_steps=steps, pct_start=a[0],
                                                                anneal_strategy=a[1]),
                       lambda t: one_cycle_cf(t, steps, pct=a[0], strategy=a[1])[0])),
    )


# === schedulers/multiplicative_lr.md =================================================================================

factor_tables = st.lists(st.floats(0.5, 1.5), min_size=1, max_size=7)


@PROP
@given(lrs=group_lrs, data=st.data(), steps=st.integers(1, 120), shared=st.booleans(), other=st.booleans())
def test_multiplicative_lr_multiplies_the_current_lr_of_each_group(lrs, data, steps, shared, other):
    """'multiplies the current LR of each param group by a factor'; a change by hand or by another scheduler
    'carries over into every later step'."""
    tables = [data.draw(factor_tables) for _ in lrs]
    fns = [lambda e, tb=tb: tb[e % len(tb)] for tb in tables]
    if shared:
        tables, fns = [tables[0]] * len(lrs), fns[0]
    edits = data.draw(st.dictionaries(st.integers(0, steps - 1), st.floats(0.2, 3.0), max_size=4))
    optimizer = sgd(lrs)
    gamma = data.draw(st.floats(0.8, 1.0)) if other else None
    exponential = sched.ExponentialLR(optimizer, gamma) if other else None
    scheduler = sched.MultiplicativeLR(optimizer, fns)
    assert [lr_of(optimizer, g) for g in range(len(lrs))] == lrs
    totals = [1.0] * len(lrs)
    for t in range(steps):
        for g in range(len(lrs)):
            if t in edits:
                optimizer.param_groups[g]["lr"] *= edits[t]
                totals[g] *= edits[t]
        before = [lr_of(optimizer, g) for g in range(len(lrs))]
        optimizer.step()
        if exponential:
            exponential.step()
        scheduler.step()
        for g in range(len(lrs)):
            factor = tables[g][(t + 1) % len(tables[g])]
            expected = before[g] * (gamma if other else 1.0) * factor
            assert close(lr_of(optimizer, g), expected), (t, g)
            totals[g] *= (gamma if other else 1.0) * factor
    for g in range(len(lrs)):  # every change is still in the LR at the end
        assert close(lr_of(optimizer, g), lrs[g] * totals[g], rel=1e-9)


@PROP
@given(gamma=st.floats(0.3, 1.2), steps=st.integers(1, 150), drops=st.dictionaries(
    st.integers(1, 150), st.floats(0.05, 0.99), min_size=1, max_size=4), same=st.booleans())
def test_constant_factor_is_exponential_lr_and_one_off_factors_a_staircase(gamma, steps, drops, same):
    """'a function that returns gamma every time is ExponentialLR, and a function that returns 1 except at a few
    steps is a staircase like MultiStepLR with a different factor at each drop'."""
    a, b = sgd(), sgd()
    assert run(a, sched.MultiplicativeLR(a, lambda e: gamma), steps) == run(b, sched.ExponentialLR(b, gamma), steps)
    if same:
        drops = dict.fromkeys(drops, gamma if gamma < 1 else 0.5)
    o = sgd()
    stairs = run(o, sched.MultiplicativeLR(o, lambda e: drops.get(e, 1.0)), steps)
    expected = [0.1 * math.prod(f for m, f in drops.items() if m <= t) for t in range(steps)]
    assert all(close(x, y) for x, y in zip(stairs, expected))
    if same:
        o = sgd()
        multistep = run(o, sched.MultiStepLR(o, sorted(drops), next(iter(drops.values()))), steps)
        assert all(close(x, y) for x, y in zip(stairs, multistep))


@PROP
@given(lrs=group_lrs, steps=st.integers(0, 30), shared=st.booleans(), resume=st.one_of(st.none(), st.integers(0, 20)))
def test_the_constructor_never_calls_lambda_zero_and_leaves_the_lr_alone(lrs, steps, shared, resume):
    """'the constructor leaves the LR alone and never calls lambda(0), so step 0 trains with eta_0'."""
    calls = [[] for _ in lrs]
    fns = [lambda e, c=c: c.append(e) or 0.9 for c in calls]
    optimizer = sgd(lrs)
    if resume is not None:
        for group in optimizer.param_groups:
            group["initial_lr"] = 0.5
    scheduler = sched.MultiplicativeLR(optimizer, fns[0] if shared else fns,
                                       last_epoch=-1 if resume is None else resume)
    assert [g["lr"] for g in optimizer.param_groups] == lrs
    assert all(c == [] for c in calls)
    for _ in range(steps):
        optimizer.step()
        scheduler.step()
    first = 1 if resume is None else resume + 2  # the constructor's own step counts, uncalled
    epochs = list(range(first, first + steps))
    if shared:  # one function, called once per group at every step
        assert calls[0] == [e for e in epochs for _ in lrs]
    else:
        assert all(c == epochs for c in calls)


@PROP
@given(groups=st.integers(1, 4), length=st.integers(0, 6), kind=st.sampled_from(["single", "list", "tuple"]),
       factors=st.lists(st.floats(0.5, 0.99), min_size=6, max_size=6, unique=True), steps=st.integers(1, 20))
def test_one_function_for_every_group_or_exactly_one_per_group(groups, length, kind, factors, steps):
    """'A single function is shared by every group; a list (or tuple) gives one function per group and must
    have exactly one entry per group.'"""
    lrs = [0.1 * (g + 1) for g in range(groups)]
    optimizer = sgd(lrs)
    fns = [lambda e, f=f: f for f in factors[:length]]
    if kind == "single":
        arg, per_group = (lambda e: factors[0]), [factors[0]] * groups
    else:
        arg, per_group = (list(fns) if kind == "list" else tuple(fns)), factors[:length]
        if length != groups:
            with pytest.raises(ValueError, match=f"^Expected {groups} lr_lambdas, but got {length}$"):
                sched.MultiplicativeLR(optimizer, arg)
            return
    scheduler = sched.MultiplicativeLR(optimizer, arg)
    for _ in range(steps):
        optimizer.step()
        scheduler.step()
    for g in range(groups):
        assert close(lr_of(optimizer, g), lrs[g] * per_group[g] ** steps)


@PROP
@given(start=st.integers(1, 60), level=st.floats(0.3, 0.9), extra=st.integers(1, 60))
def test_a_level_halves_the_lr_at_every_step_from_its_start(start, level, extra):
    """'a function meant for LambdaLR halves the LR at every step from 40 on under MultiplicativeLR, and the LR
    vanishes' (any level below 1, from any step)."""
    steps = start + extra
    o = sgd()
    used = run(o, sched.MultiplicativeLR(o, lambda e: level if e >= start else 1.0), steps)
    for t in range(steps):
        assert close(used[t], 0.1 * level ** max(0, t - start + 1)), t
    assert all(b < a for a, b in zip(used[start - 1:], used[start:]))


@PROP
@given(k=st.integers(1, 40), later=st.integers(1, 40), table=factor_tables, fresh_lr=st.floats(0.01, 1.0))
def test_loading_only_the_scheduler_state_restarts_from_the_optimizer_lr(k, later, table, fresh_lr):
    """'Because the LR lives only in the optimizer (there is no closed form to recompute it from), loading the
    scheduler's state alone puts last_epoch back but restarts the LR from the optimizer's lr.'"""
    assert not hasattr(sched.MultiplicativeLR, "_get_closed_form_lr")
    fn = lambda e: table[e % len(table)]  # noqa: E731
    o = sgd()
    s = sched.MultiplicativeLR(o, fn)
    run(o, s, k)
    state = copy.deepcopy(s.state_dict())
    o2 = sgd([fresh_lr])
    s2 = sched.MultiplicativeLR(o2, fn)
    s2.load_state_dict(state)
    assert s2.last_epoch == k and lr_of(o2) == fresh_lr
    used = run(o2, s2, later)
    for j in range(later):
        assert close(used[j], fresh_lr * math.prod(table[i % len(table)] for i in range(k + 1, k + j + 1))), j


not_callable = st.sampled_from([0.5, None, "0.9", 3, [0.9]])


@PROP
@given(groups=st.integers(1, 4), data=st.data(), bad=not_callable)
def test_every_entry_is_checked_to_be_callable_unlike_lambda_lr(groups, data, bad):
    """'Unlike LambdaLR, the constructor checks that every entry is callable.'"""
    where = data.draw(st.integers(0, groups - 1))
    entries = [lambda e: 0.9] * groups
    entries[where] = bad
    with pytest.raises(TypeError, match=f"^lr_lambda should be a function, but got {type(bad).__name__}$"):
        sched.MultiplicativeLR(sgd([0.1] * groups), entries)
    with pytest.raises(TypeError) as caught:  # LambdaLR has no such check: it fails calling lambda(0)
        sched.LambdaLR(sgd([0.1] * groups), entries)
    assert "lr_lambda should be a function" not in str(caught.value)


wrong_arity = st.sampled_from([lambda: 0.9, lambda a, b: 0.9, lambda a, b, c: 0.9])


@PROP
@given(groups=st.integers(1, 4), data=st.data(), fn=wrong_arity, resume=st.booleans())
def test_a_function_with_the_wrong_parameters_fails_only_at_the_first_step(groups, data, fn, resume):
    """'It does not call the function, so a function with the wrong number of parameters fails only at the
    first step().'"""
    where = data.draw(st.integers(0, groups - 1))
    entries = [lambda e: 0.9] * groups
    entries[where] = fn
    optimizer = sgd([0.1] * groups)
    if resume:
        for group in optimizer.param_groups:
            group["initial_lr"] = 0.1
    scheduler = sched.MultiplicativeLR(optimizer, entries, last_epoch=5 if resume else -1)  # accepted
    optimizer.step()
    with pytest.raises(TypeError, match="positional argument"):
        scheduler.step()


@PROP
@given(zero_at=st.integers(1, 30), after=st.lists(st.floats(-3.0, 3.0), min_size=1, max_size=40),
       negative=st.floats(-2.0, -0.1), above=st.floats(1.01, 2.0), steps=st.integers(2, 120))
def test_zero_negative_and_growing_factors_are_accepted_silently(zero_at, after, negative, above, steps):
    """'A factor of 0 sets the LR to 0 for good (nothing can multiply it back), a negative factor flips the sign,
    and a factor above 1 grows the LR without limit: all are accepted silently.'"""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        o = sgd()
        factors = lambda e: 0.0 if e == zero_at else after[e % len(after)]  # noqa: E731
        used = run(o, sched.MultiplicativeLR(o, factors), zero_at + len(after) + 1)
        assert all(x == 0.0 for x in used[zero_at:])
        o = sgd()
        flipped = run(o, sched.MultiplicativeLR(o, lambda e: negative), steps)
        assert all((x > 0) == (t % 2 == 0) for t, x in enumerate(flipped))
        assert all(close(x, 0.1 * negative ** t) for t, x in enumerate(flipped))
        o = sgd()
        grown = run(o, sched.MultiplicativeLR(o, lambda e: above), steps)
        assert all(b > a for a, b in zip(grown, grown[1:]))
        assert all(close(x, 0.1 * above ** t, rel=1e-11) for t, x in enumerate(grown))


# === schedulers/cosine_annealing_warm_restarts.md ====================================================================

def cycle_starts(T_0, T_mult, steps):
    """Where each cycle starts, and its length, walking the cycles one by one."""
    out, start, length = [], 0, T_0
    while start < steps:
        out.append((start, length))
        start, length = start + length, length * T_mult
    return out


@PROP
@given(T_0=st.integers(1, 10), T_mult=st.one_of(st.none(), st.integers(1, 3)), eta_min=st.floats(0.0, 0.05),
       steps=st.integers(1, 150))
def test_the_first_cycle_lasts_t_0_steps_and_each_next_one_t_mult_times_longer(T_0, T_mult, eta_min, steps):
    """'The first cycle lasts T_0 steps and each following one T_mult times longer' (T_mult defaults to 1);
    counted in step() calls, so per-batch stepping makes the cycles last T_0, T_0 * T_mult, ... batches."""
    kwargs = {} if T_mult is None else {"T_mult": T_mult}
    o = sgd()
    s = sched.CosineAnnealingWarmRestarts(o, T_0=T_0, eta_min=eta_min, **kwargs)
    positions, used = [], []
    for _ in range(steps):
        positions.append((s.T_cur, s.T_i))
        used.append(lr_of(o))
        o.step()
        s.step()
    m = 1 if T_mult is None else T_mult
    assert [(t, positions[t][1]) for t in range(steps) if positions[t][0] == 0] == cycle_starts(T_0, m, steps)
    for t in range(steps):
        assert close(used[t], warm_restarts_cf(t, T_0, m, eta_min, 0.1)), t


@PROP
@given(T_0=st.integers(1, 10), T_mult=st.integers(1, 3), eta_min=st.floats(0.0, 0.05), steps=st.integers(1, 100),
       edits=st.dictionaries(st.integers(0, 99), st.floats(0.1, 3.0), max_size=4), other=st.booleans())
def test_the_closed_form_overwrites_any_other_change_unlike_cosine_annealing_lr(T_0, T_mult, eta_min, steps,
                                                                                edits, other):
    """'torch computes this in closed form from base_lrs at every step: unlike CosineAnnealingLR it overwrites
    any other change to the LR.'"""
    o = sgd()
    exponential = sched.ExponentialLR(o, 0.5) if other else None
    s = sched.CosineAnnealingWarmRestarts(o, T_0=T_0, T_mult=T_mult, eta_min=eta_min)
    for t in range(steps):
        if t in edits:
            o.param_groups[0]["lr"] *= edits[t]
        o.step()
        if exponential:
            exponential.step()
        s.step()
        assert close(lr_of(o), warm_restarts_cf(t + 1, T_0, T_mult, eta_min, 0.1)), t
    # CosineAnnealingLR, by contrast, carries an edit into the next step
    T_max = steps + 2
    o = sgd()
    c = sched.CosineAnnealingLR(o, T_max=T_max, eta_min=eta_min)
    edit = steps // 2
    for t in range(edit + 1):
        if t == edit:
            o.param_groups[0]["lr"] *= 0.5
        o.step()
        c.step()
    assert not close(lr_of(o), cosine_cf(0.1, eta_min, T_max, edit + 1), rel=1e-6)


@PROP
@given(T_0=st.integers(1, 12), T_mult=st.integers(1, 3), eta_min=st.floats(0.0, 0.09), steps=st.integers(1, 200))
def test_with_plain_step_t_cur_runs_to_t_i_minus_1_and_the_lr_stays_above_eta_min(T_0, T_mult, eta_min, steps):
    """'With plain step() calls, T_cur only runs up to T_i - 1: at T_i the cycle restarts instead'; so 'the last
    step of each cycle uses a value above eta_min, and the gap is large when cycles are short'; eta_min is
    'never quite used'."""
    o = sgd()
    s = sched.CosineAnnealingWarmRestarts(o, T_0=T_0, T_mult=T_mult, eta_min=eta_min)
    seen, used = [], []
    for _ in range(steps):
        seen.append((s.T_cur, s.T_i))
        used.append(lr_of(o))
        o.step()
        s.step()
    assert all(isinstance(c, int) and 0 <= c <= i - 1 for c, i in seen)
    assert all(x > eta_min for x in used)
    gaps = []
    for start, length in cycle_starts(T_0, T_mult, steps):
        last = start + length - 1
        if last < steps:
            assert seen[last] == (length - 1, length)
            gap = (0.1 - eta_min) * (1 + math.cos(math.pi * (length - 1) / length)) / 2
            assert close(used[last] - eta_min, gap, rel=1e-9) and gap > 0
            gaps.append((length, used[last] - eta_min))
    for (la, ga), (lb, gb) in zip(gaps, gaps[1:]):  # longer cycles end closer to eta_min
        assert (gb < ga) if lb > la else close(gb, ga, rel=1e-9)


def restart_epochs(T_0, T_mult, epochs):
    return {start for start, _ in cycle_starts(T_0, T_mult, epochs + 1)}


@PROP
@given(T_0=st.integers(1, 4), T_mult=st.integers(1, 3), iters=st.integers(1, 20), eta_min=st.floats(0.0, 0.05),
       data=st.data())
def test_stepping_with_the_next_batch_position_keeps_t_0_in_epochs(T_0, T_mult, iters, eta_min, data):
    """'Step after every batch with the position of the next batch in epochs, and T_0 and T_mult keep meaning
    epochs while the curve is smooth inside each epoch' -- with the exception the page states next: at some
    restart epochs the LR is exactly eta_min instead of the initial LR."""
    epochs = data.draw(st.integers(1, max(1, 200 // iters)))
    o = sgd()
    s = sched.CosineAnnealingWarmRestarts(o, T_0=T_0, T_mult=T_mult, eta_min=eta_min)
    restarts = restart_epochs(T_0, T_mult, epochs)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for epoch in range(epochs):
            for i in range(iters):
                b = epoch * iters + i
                x = b / iters
                lr = lr_of(o)
                if not close(lr, warm_restarts_cf(x, T_0, T_mult, eta_min, 0.1)):
                    assert b % iters == 0 and x in restarts and lr == eta_min, (b, lr)
                o.step()
                s.step(epoch + (i + 1) / iters)


def test_step_epoch_can_land_a_restart_on_eta_min():
    """The exception: torch finds the cycle of step(epoch) with a floating-point logarithm. Over T_0 and T_mult
    up to 10 and the first 11 restarts, some restart epochs give exactly eta_min; all others give the initial LR."""
    slips = []
    for T_mult in range(2, 11):
        for T_0 in range(1, 11):
            o = sgd()
            s = sched.CosineAnnealingWarmRestarts(o, T_0=T_0, T_mult=T_mult, eta_min=0.01)
            for n in range(1, 12):
                restart = T_0 * (T_mult ** n - 1) // (T_mult - 1)
                o.step()
                s.step(float(restart))
                if lr_of(o) == 0.01:
                    slips.append((T_0, T_mult, restart))
                else:
                    assert close(lr_of(o), 0.1), (T_0, T_mult, restart)
    assert (1, 3, 121) in slips


@PROP
@given(T_0=st.integers(1, 8), T_mult=st.integers(2, 3), k=st.integers(1, 60))
def test_resuming_with_last_epoch_is_wrong_from_2_t_0_steps_on(T_0, T_mult, k):
    """'With T_mult > 1 the constructor still wraps only once and lengthens the cycle only once, so a resume after
    2 * T_0 or more steps lands on the wrong position.'"""
    o = sgd()
    o.param_groups[0]["initial_lr"] = 0.1
    s = sched.CosineAnnealingWarmRestarts(o, T_0=T_0, T_mult=T_mult, last_epoch=k - 1)
    once = (k, T_0) if k < T_0 else (k % T_0, T_0 * T_mult)  # one wrap, one lengthening
    assert (s.T_cur, s.T_i) == once
    assert (once == warm_restarts_position(k, T_0, T_mult)) == (k < 2 * T_0)


# === schedulers/chained_scheduler.md =================================================================================

def spy(scheduler, log, name):
    original = scheduler.step

    def step(*args, **kwargs):
        log.append(name)
        return original(*args, **kwargs)

    scheduler.step = step
    return scheduler


@PROP
@given(specs=st.lists(st.one_of(CHAINABLE, _closed_form(60, 0.1)), min_size=1, max_size=4),
       steps=st.integers(1, 60), k=st.integers(0, 59))
def test_chained_scheduler_is_stepping_each_by_hand_with_one_state_dict(specs, steps, k):
    """'a shorthand for stepping several schedulers by hand, with one state_dict() for all of them'; the
    schedulers are stepped 'in this order'."""
    k = min(k, steps)
    a, b, c = sgd(), sgd(), sgd()
    wrapped = sched.ChainedScheduler([build(a) for _, build, _ in specs])
    by_hand = [build(b) for _, build, _ in specs]
    log = []
    spied = sched.ChainedScheduler([spy(build(c), log, i) for i, (_, build, _) in enumerate(specs)])
    for t in range(steps):
        assert lr_of(a) == lr_of(b), t  # bit for bit
        if t == k:
            state = copy.deepcopy(wrapped.state_dict())
            assert state["_schedulers"] == [s.state_dict() for s in by_hand]
            saved_optimizer = copy.deepcopy(a.state_dict())
        a.step(), b.step(), c.step()
        wrapped.step()
        for s in by_hand:
            s.step()
        spied.step()
    assert log == list(range(len(specs))) * steps
    if k < steps:  # resume from the one state dict
        c = sgd()
        resumed = sched.ChainedScheduler([build(c) for _, build, _ in specs])
        c.load_state_dict(saved_optimizer)
        resumed.load_state_dict(state)
        b2 = sgd()
        replay = [build(b2) for _, build, _ in specs]
        for _ in range(k):
            b2.step()
            for s in replay:
                s.step()
        for t in range(k, steps):
            assert close(lr_of(c), lr_of(b2)), t
            c.step(), b2.step()
            resumed.step()
            for s in replay:
                s.step()


@PROP
@given(n=st.integers(1, 4), data=st.data(),
       fault=st.sampled_from(["none", "empty", "plateau", "foreign", "optimizer argument"]))
def test_chained_scheduler_checks_the_list_the_plateau_and_the_optimizer(n, data, fault):
    """'torch checks that the list is not empty, that no scheduler is a ReduceLROnPlateau, and that all schedulers
    and the optimizer argument agree'; the schedulers must be 'all on the same optimizer'."""
    o, other = sgd(), sgd()
    subs = [build(o) for _, build, _ in data.draw(st.lists(CHAINABLE, min_size=n, max_size=n))]
    where = data.draw(st.integers(0, n - 1))
    given_optimizer = None
    if fault == "empty":
        subs = []
    elif fault == "plateau":
        subs[where] = sched.ReduceLROnPlateau(o)
    elif fault == "foreign":
        subs[where] = sched.ExponentialLR(other, 0.9)
    elif fault == "optimizer argument":
        given_optimizer = other
    message = {"empty": "at least one scheduler", "plateau": "does not support `ReduceLROnPlateau`",
               "foreign": "same optimizer", "optimizer argument": "same optimizer"}
    if fault == "foreign" and where == 0:  # optimizer=None takes the first one's: the others are foreign
        assume(n > 1)
    if fault == "none":
        assert sched.ChainedScheduler(subs, optimizer=data.draw(st.sampled_from([None, o]))).optimizer is o
    else:
        with pytest.raises(ValueError, match=message[fault]):
            sched.ChainedScheduler(subs, optimizer=given_optimizer)


@PROP
@given(factor=st.floats(0.05, 0.95), total=st.integers(1, 10), gamma=st.floats(0.5, 0.99),
       milestone=st.integers(1, 10), steps=st.integers(1, 40))
def test_chained_applies_both_sequential_one_after_the_other(factor, total, gamma, milestone, steps):
    """'ChainedScheduler applies both all the time; SequentialLR runs ConstantLR until the milestone, then
    ExponentialLR from its own start'."""
    def pair(o):
        return [sched.ConstantLR(o, factor=factor, total_iters=total), sched.ExponentialLR(o, gamma)]

    o = sgd()
    chained = run(o, sched.ChainedScheduler(pair(o)), steps)
    o = sgd()
    sequential = run(o, sched.SequentialLR(o, pair(o), milestones=[milestone]), steps)
    for t in range(steps):
        assert close(chained[t], constant_cf(0.1, factor, total, t) * gamma ** t, rel=1e-11), t
        expected = constant_cf(0.1, factor, total, t) if t < milestone else 0.1 * gamma ** (t - milestone)
        assert close(sequential[t], expected, rel=1e-11), t


@PROP
@given(data=st.data(), factor=st.floats(0.1, 0.9), total=st.integers(1, 20), steps=st.integers(21, 40))
def test_behind_a_closed_form_scheduler_constant_lr_acts_only_at_0_and_at_its_undo(data, factor, total, steps):
    """'Behind a closed-form scheduler, its factor survives only until the next step, and the undo produces a
    one-step spike above the schedule' (LambdaLR, CosineAnnealingWarmRestarts, CyclicLR, OneCycleLR)."""
    name, build, closed = data.draw(_closed_form(steps, 0.1))
    o = sgd()
    used = run(o, sched.ChainedScheduler([build(o), sched.ConstantLR(o, factor=factor, total_iters=total)]), steps)
    for t in range(steps):
        ratio = factor if t == 0 else (1 / factor if t == total else 1.0)
        assert close(used[t], closed(t) * ratio, rel=1e-10), (name, t)
    assert used[total] > closed(total)


@PROP
@given(constant=st.tuples(st.floats(0.05, 0.95), st.integers(1, 12)),
       others=st.lists(CHAINABLE, max_size=2), data=st.data(), steps=st.integers(1, 40))
def test_with_chainable_schedulers_only_the_factors_multiply(constant, others, data, steps):
    """'With chainable schedulers only (the example above), the undo is what ends the warm-up factor, and the
    product formula holds' (ConstantLR with any of the chainable schedulers the page lists, in any order)."""
    specs = [("ConstantLR", lambda o: sched.ConstantLR(o, factor=constant[0], total_iters=constant[1]),
              lambda t: constant_cf(1.0, constant[0], constant[1], t))] + others
    specs = data.draw(st.permutations(specs))
    assert {name for name, _, _ in specs} <= CHAINABLE_NAMES
    o = sgd()
    used = run(o, sched.ChainedScheduler([build(o) for _, build, _ in specs]), steps)
    for t in range(steps):
        assert close(used[t], 0.1 * math.prod(f(t) for _, _, f in specs), rel=1e-9, abs_tol=1e-15), t


@FEW
@given(factor=st.floats(0.05, 0.95), total=st.integers(1, 8), gamma=st.floats(0.5, 0.99),
       milestone=st.integers(1, 10), extra=st.lists(CHAINABLE, max_size=2))
def test_a_chained_first_phase_steps_every_sub_scheduler_once_more(factor, total, gamma, milestone, extra):
    """'As the first phase, SequentialLR's constructor steps every sub-scheduler once more (with an order warning),
    so the phase starts one ExponentialLR step too low.'"""
    o = sgd()
    log = []
    subs = [sched.ConstantLR(o, factor=factor, total_iters=total), sched.ExponentialLR(o, gamma)]
    subs += [build(o) for _, build, _ in extra]
    chained = sched.ChainedScheduler([spy(s, log, i) for i, s in enumerate(subs)])
    second = sched.LinearLR(o, start_factor=0.5, total_iters=3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scheduler = sched.SequentialLR(o, [chained, second], milestones=[milestone])
    assert log == list(range(len(subs)))
    assert any(ORDER_WARNING in str(w.message) for w in caught)
    if extra:
        return
    used = run(o, scheduler, milestone)
    for t in range(milestone):  # the whole phase: the chained schedule times one more gamma
        assert close(used[t], constant_cf(0.1, factor, total, t) * gamma ** t * gamma, rel=1e-11), t


# === schedulers/sequential_lr.md =====================================================================================

@PROP
@given(n=st.integers(1, 4), data=st.data(), fault=st.sampled_from(["none", "empty", "milestones", "foreign"]))
def test_sequential_lr_checks_count_milestones_and_optimizer(n, data, fault):
    """'torch checks that there is at least one scheduler, that there is exactly one milestone fewer than
    schedulers, and that every scheduler belongs to optimizer'."""
    o, other = sgd(), sgd()
    subs = [build(o) for _, build, _ in data.draw(st.lists(CHAINABLE, min_size=n, max_size=n))]
    milestones = sorted(data.draw(st.lists(st.integers(1, 20), min_size=n - 1, max_size=n - 1)))
    if fault == "empty":
        subs, milestones = [], []
    elif fault == "milestones":
        milestones = data.draw(st.lists(st.integers(1, 20), max_size=5).filter(lambda m: len(m) != n - 1))
    elif fault == "foreign":
        subs[data.draw(st.integers(0, n - 1))] = sched.ExponentialLR(other, 0.9)
    message = {"empty": "at least one scheduler", "milestones": "one more than the number of milestone",
               "foreign": "same optimizer"}
    if fault == "none":
        sched.SequentialLR(o, subs, milestones=milestones)
    else:
        with pytest.raises(ValueError, match=message[fault]):
            sched.SequentialLR(o, subs, milestones=milestones)


@PROP
@given(start=st.floats(0.01, 0.95), end=st.floats(0.05, 1.0), total=st.integers(1, 20), T_max=st.integers(1, 30))
def test_linear_lr_reaches_its_end_factor_only_at_total_iters(start, end, total, T_max):
    """'LinearLR reaches its end factor only at total_iters, which is exactly the milestone; from there the cosine
    starts at its own beginning, the base LR'."""
    assume(abs(end - start) > 1e-3)
    o = sgd()
    alone = run(o, sched.LinearLR(o, start_factor=start, end_factor=end, total_iters=total), total + 5)
    for t, x in enumerate(alone):
        assert close(x, 0.1 * end) == (t >= total), t
    o = sgd()
    warm = sched.LinearLR(o, start_factor=start, total_iters=total)
    sequential = run(o, sched.SequentialLR(o, [warm, sched.CosineAnnealingLR(o, T_max)], [total]), total + 1)
    assert sequential[total - 1] < 0.1 and close(sequential[total], 0.1)


REBUILDABLE = st.one_of(CHAINABLE, _closed_form(40, 0.1))


@PROP
@given(specs=st.lists(REBUILDABLE, min_size=2, max_size=4), data=st.data(), meddle=st.floats(0.2, 3.0))
def test_sequential_lr_resets_the_lr_rewinds_all_and_steps_only_the_active_one(specs, data, meddle):
    """'SequentialLR undoes all of that: it sets the LR back to initial_lr, rewinds each sub-scheduler by one step
    and lets only the scheduler active at step 0 take its first step' (the heading: 're-runs only the scheduler
    active at step 0'); a change to the LR made in between is thrown away."""
    milestones = sorted(data.draw(st.lists(st.integers(0, 10), min_size=len(specs) - 1, max_size=len(specs) - 1)))
    o = sgd()
    subs = [build(o) for _, build, _ in specs]
    before = [s.last_epoch for s in subs]
    initial = o.param_groups[0]["initial_lr"]
    o.param_groups[0]["lr"] *= meddle
    log, seen = [], []
    for i, s in enumerate(subs):
        original = s.step

        def step(*args, i=i, original=original, **kwargs):
            log.append(i)
            seen.append(lr_of(o))
            return original(*args, **kwargs)

        s.step = step
    sched.SequentialLR(o, subs, milestones=milestones)
    active = bisect.bisect_right(milestones, 0)
    assert log == [active] and seen == [initial]
    assert [s.last_epoch for s in subs] == [e - 1 + (i == active) for i, e in enumerate(before)]
    if not {"CyclicLR", "OneCycleLR"} & {name for name, _, _ in specs}:  # these two write initial_lr themselves
        fresh = sgd()
        specs[active][1](fresh)  # the active scheduler alone, on a fresh optimizer
        assert close(lr_of(o), lr_of(fresh))


@PROP
@given(factor=st.floats(0.05, 0.95))
def test_some_constructors_change_the_lr(factor):
    """'Some constructors change the LR (LinearLR multiplies it by start_factor).' StepLR's, for one, does not."""
    o = sgd()
    sched.LinearLR(o, start_factor=factor)
    assert lr_of(o) == 0.1 * factor
    o = sgd()
    sched.StepLR(o, step_size=3)
    assert lr_of(o) == 0.1


unsorted = st.lists(st.integers(0, 8), min_size=2, max_size=4).filter(lambda m: m != sorted(m))


@PROP
@given(milestones=unsorted, gammas=st.lists(st.floats(0.5, 0.95), min_size=5, max_size=5, unique=True))
def test_unsorted_milestones_are_accepted_and_skip_a_phase(milestones, gammas):
    """'unsorted milestones are accepted and silently skip a phase' (any unsorted list)."""
    o = sgd()
    subs = [sched.ExponentialLR(o, g) for g in gammas[: len(milestones) + 1]]
    acted = set()
    for i, s in enumerate(subs):
        for method in ("_initial_step", "step", "_update_lr"):
            original = getattr(s, method)
            setattr(s, method, lambda *a, i=i, original=original, **k: acted.add(i) or original(*a, **k))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scheduler = sched.SequentialLR(o, subs, milestones=milestones)
        run(o, scheduler, max(milestones) + 3)
    assert acted < set(range(len(subs))), (milestones, acted)


def test_from_2_0_to_2_12_the_first_schedulers_lr_leaked_into_a_milestone_zero_run():
    """'From 2.0 to 2.12 (the older releases the release matrix runs) the constructor always ran the first
    scheduler, whose LR then leaked into the second phase': milestones=[0] starts at LinearLR's 0.01 on every
    recorded release before 2.13 (torch 2.13 starts at the base LR, 0.1)."""
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    import compat
    import matrix

    record = json.loads(matrix.RECORD.read_text(encoding="utf-8"))
    name = "sequential_lr_milestone_zero"
    entries = record["snippets"][name][compat.current_hashes()[name]]
    old = [r for r in matrix.RELEASES if matrix.version_key(r) < (2, 13) and r in entries]
    assert "2.0.1" in old and "2.12.1" in old
    for release in old:
        rows = [line for line in entries[release]["diff"] if line.startswith("+milestones=[0]")]
        assert len(rows) == 1, release
        values = [float(x) for x in rows[0].split(")", 1)[1].split()]
        assert values[0] == 0.01 and all(v < 0.1 * 0.5 ** t for t, v in enumerate(values)), release
    for release in entries:
        if matrix.version_key(release) >= (2, 13):
            assert entries[release]["status"] == "same", release


# === schedulers/exponential_lr.md ====================================================================================

@PROP
@given(lrs=group_lrs, gamma=st.floats(-2.0, 2.0), steps=st.integers(1, 200),
       edits=st.dictionaries(st.integers(0, 199), st.floats(0.1, 3.0), max_size=4))
def test_exponential_lr_multiplies_the_current_lr_by_gamma_at_every_step(lrs, gamma, steps, edits):
    """'ExponentialLR multiplies the learning rate by gamma at every scheduler.step()' (any gamma, every group,
    whatever else changed the LR)."""
    o = sgd(lrs)
    s = sched.ExponentialLR(o, gamma)
    assert [g["lr"] for g in o.param_groups] == lrs
    for t in range(steps):
        if t in edits:
            for group in o.param_groups:
                group["lr"] *= edits[t]
        before = [g["lr"] for g in o.param_groups]
        o.step()
        s.step()
        assert [g["lr"] for g in o.param_groups] == [x * gamma for x in before], t


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(gamma=st.one_of(st.just(0.5), st.floats(0.05, 0.95)), above=st.integers(1, 40))
def test_the_ratio_is_gamma_at_every_step_until_the_lr_underflows(gamma, above):
    """'the LR shrinks by the same ratio at every step until it underflows'; then, with gamma above 0.5, it stays
    stuck at a subnormal float, and with gamma of 0.5 or less it becomes exactly zero (started a few steps above
    the smallest normal float, to get there quickly)."""
    o = sgd([SMALLEST_NORMAL / gamma ** above])
    s = sched.ExponentialLR(o, gamma)
    for _ in range(2000):
        before = lr_of(o)
        o.step()
        s.step()
        after = lr_of(o)
        if before >= SMALLEST_NORMAL and after >= SMALLEST_NORMAL:
            assert close(after / before, gamma, rel=1e-15)
        if after == before or after == 0.0:
            break
    assert after < SMALLEST_NORMAL
    if gamma > 0.5:
        assert after == before > 0.0
    else:
        assert after == 0.0


@PROP
@given(gamma=st.floats(0.5, 0.98), t0=st.integers(0, 50))
def test_the_lr_falls_tenfold_every_ln10_over_minus_ln_gamma_steps(gamma, t0):
    """'The LR falls by a factor of 10 every ln 10 / (-ln gamma) steps. torch applies it recursively, which matches
    the closed form up to rounding as long as nothing else changes the LR'."""
    period = math.log(10) / -math.log(gamma)
    assume(abs(period - round(period)) > 1e-6)
    o = sgd()
    used = run(o, sched.ExponentialLR(o, gamma), t0 + math.ceil(period) + 2)
    for t, x in enumerate(used):
        assert close(x, 0.1 * math.exp(t * math.log(gamma)), rel=(t + 2) * 4e-16), t
    k = next(k for k in range(1, len(used) - t0) if used[t0 + k] <= used[t0] / 10)
    assert period <= k < period + 1
    o = sgd()
    s = sched.ExponentialLR(o, gamma)
    o.param_groups[0]["lr"] *= 0.5  # anything else changing the LR: the recursion no longer follows the closed form
    used = run(o, s, 3)
    assert not close(used[2], exponential_cf(0.1, gamma, 2), rel=1e-3)


@PROP
@given(gamma=st.floats(0.9, 0.95))
def test_a_mild_gamma_drops_tenfold_every_few_dozen_steps(gamma):
    """'A gamma that looks mild (0.9 to 0.95 here) gives a tenfold drop every few dozen steps, and after a few hundred
    steps the LR is far too small to train anything'."""
    assert 20 < math.log(10) / -math.log(gamma) < 50
    o = sgd()
    used = run(o, sched.ExponentialLR(o, gamma), 301)
    assert used[300] < 1e-6 * used[0]


@PROP
@given(gamma=st.floats(0.5, 0.999), batches=st.integers(1, 60), data=st.data())
def test_per_batch_stepping_decays_once_per_batch_and_the_root_meets_every_epoch(gamma, batches, data):
    """'a scheduler.step() called after every batch decays the LR once per batch'; with gamma ** (1 / batches) 'the
    curve is then smooth and meets the per-epoch staircase at every epoch boundary'."""
    epochs = data.draw(st.integers(1, max(1, 200 // batches)))
    o = sgd()
    per_batch = run(o, sched.ExponentialLR(o, gamma), epochs * batches)
    o = sgd()
    rooted = run(o, sched.ExponentialLR(o, gamma ** (1 / batches)), epochs * batches)
    o = sgd()
    per_epoch = run(o, sched.ExponentialLR(o, gamma), epochs)
    for b in range(epochs * batches):
        assert close(per_batch[b], 0.1 * gamma ** b, rel=1e-12 * (b + 1)), b
    for e in range(epochs):
        assert close(rooted[e * batches], per_epoch[e], rel=1e-12 * (e * batches + 1)), e
    ratios = [b / a for a, b in zip(rooted, rooted[1:])]
    assert all(close(r, gamma ** (1 / batches), rel=1e-14) for r in ratios)


@PROP
@given(up=st.floats(1.01, 1.5), negative=st.floats(-0.99, -0.05), lr0=st.floats(0.01, 0.6),
       curvature=st.floats(0.5, 1.5), steps=st.integers(2, 60))
def test_growing_zero_and_negative_gammas(up, negative, lr0, curvature, steps):
    """'A gamma above 1 grows the LR silently and without bound, gamma=0 sets it to zero after the first step, and a
    negative gamma flips the sign of the LR at every step (SGD then climbs the loss on every other step).'"""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        o = sgd([lr0])
        grown = run(o, sched.ExponentialLR(o, up), steps)
        assert all(b > a for a, b in zip(grown, grown[1:]))
        assert close(grown[-1], lr0 * up ** (steps - 1), rel=1e-11)
        o = sgd([lr0])
        assert run(o, sched.ExponentialLR(o, 0.0), steps) == [lr0] + [0.0] * (steps - 1)
    w = torch.ones(1, dtype=torch.float64, requires_grad=True)
    o = torch.optim.SGD([w], lr=lr0)  # plain SGD, loss curvature / 2 * w^2, |lr| * curvature < 1
    s = sched.ExponentialLR(o, negative)
    for t in range(steps):
        lr = lr_of(o)
        assert (lr > 0) == (t % 2 == 0)
        o.zero_grad()
        loss = curvature / 2 * (w ** 2).sum()
        loss.backward()
        o.step()
        s.step()
        after = (curvature / 2 * (w ** 2).sum()).item()
        if abs(lr) > 1e-10:  # below that the update rounds away even in float64
            assert (after > loss.item()) == (lr < 0), t


# === schedulers/cyclic_lr.md =========================================================================================

MODES = ["triangular", "triangular2", "exp_range"]


@st.composite
def cyclic_args(draw, modes=MODES):
    up = draw(st.integers(1, 20))
    down = draw(st.one_of(st.none(), st.integers(1, 20)))
    base = draw(st.floats(0.001, 0.05))
    return dict(base_lr=base, max_lr=base + draw(st.floats(0.01, 0.5)), step_size_up=up, step_size_down=down,
                mode=draw(st.sampled_from(modes)), gamma=draw(st.floats(0.9, 0.999)),
                base_momentum=draw(st.floats(0.7, 0.85)), max_momentum=draw(st.floats(0.86, 0.99)))


def cyclic_run(args, steps, **extra):
    o = sgd()
    s = sched.CyclicLR(o, **args, **extra)
    lrs, momenta = [], []
    for _ in range(steps):
        lrs.append(lr_of(o))
        momenta.append(o.param_groups[0]["momentum"])
        o.step()
        s.step()
    return lrs, momenta


def expected_cyclic(args, t):
    down = args["step_size_down"] or args["step_size_up"]
    return cyclic_cf(t, args["step_size_up"], down, args["mode"], args["gamma"], args["base_lr"], args["max_lr"],
                     args["base_momentum"], args["max_momentum"])


def cycle_length(args):
    return args["step_size_up"] + (args["step_size_down"] or args["step_size_up"])


@PROP
@given(args=cyclic_args(), cycles=st.integers(1, 4))
def test_cyclic_lr_follows_the_three_scales_for_the_lr_and_the_momentum(args, cycles):
    """The mode table: 'triangular | 1 | every cycle reaches max_lr', 'triangular2 | 1 / 2^(c-1) | halved after each
    cycle', 'exp_range | gamma^t | shrinks by gamma at every step, also inside a cycle'; compared with torch to a
    relative 1e-12 for the LR and the momentum."""
    steps = min(200, cycles * cycle_length(args) + 1)
    lrs, momenta = cyclic_run(args, steps)
    for t in range(steps):
        lr, momentum = expected_cyclic(args, t)
        assert close(lrs[t], lr) and close(momenta[t], momentum), t
    up, total = args["step_size_up"], cycle_length(args)
    peaks = [lrs[p] - args["base_lr"] for p in range(up, steps, total)]
    top = args["max_lr"] - args["base_lr"]
    if args["mode"] == "triangular":
        assert all(close(p, top, rel=1e-11) for p in peaks)
    elif args["mode"] == "triangular2":
        assert all(close(p, top / 2 ** c, rel=1e-11) for c, p in enumerate(peaks))
    else:
        h = [cyclic_cf(t, up, total - up, "triangular", base=0.0, top=1.0)[0] for t in range(steps)]
        for t in range(steps):
            if h[t] > 0:
                assert close((lrs[t] - args["base_lr"]) / (top * h[t]), args["gamma"] ** t, rel=1e-9), t


@PROP
@given(args=cyclic_args(), scale=st.sampled_from(["built-in", "odd cycles", "every third step"]),
       cycles=st.integers(1, 4))
def test_max_lr_is_reached_exactly_when_the_scale_is_1(args, scale, cycles):
    """'max_lr: Top of the cycle; reached only when the scale is 1.' (built-in modes and custom scale_fn)."""
    extra = {}
    if scale == "odd cycles":
        extra = dict(scale_fn=lambda c: 1.0 if c % 2 else 0.5, scale_mode="cycle")
    elif scale == "every third step":
        extra = dict(scale_fn=lambda x: 1.0 if x % 3 == 0 else 0.7, scale_mode="iterations")
    steps = min(200, cycles * cycle_length(args) + 1)
    lrs, _ = cyclic_run(args, steps, **extra)
    up, total = args["step_size_up"], cycle_length(args)
    for t in range(steps):
        cycle, at_top = 1 + t // total, t % total == up
        s = {"built-in": {"triangular": 1.0, "triangular2": 0.5 ** (cycle - 1),
                          "exp_range": args["gamma"] ** t}[args["mode"]],
             "odd cycles": 1.0 if cycle % 2 else 0.5, "every third step": 1.0 if t % 3 == 0 else 0.7}[scale]
        assert close(lrs[t], args["max_lr"]) == (at_top and s == 1.0), t


@PROP
@given(args=cyclic_args(), scale_mode=st.sampled_from(["cycle", "iterations", "per-cycle"]), steps=st.integers(1, 80))
def test_scale_mode_is_only_used_with_a_custom_scale_fn(args, scale_mode, steps):
    """'scale_mode: ... Only used with a custom scale_fn.'"""
    assert cyclic_run(args, steps, scale_mode=scale_mode) == cyclic_run(args, steps)
    custom = dict(scale_fn=lambda x: 1 / (1 + x))
    if steps >= cycle_length(args) + 2:  # with a custom function the two modes differ
        assert cyclic_run(args, steps, scale_mode="cycle", **custom) != cyclic_run(args, steps,
                                                                                  scale_mode="iterations", **custom)


@PROP
@given(args=cyclic_args(modes=["triangular2"]), cycles=st.integers(2, 5))
def test_triangular2_halves_the_height_and_the_momentum_swing_after_every_cycle(args, cycles):
    """'The height above base_lr halves after every cycle; momentum swings less and less as well.'"""
    total = cycle_length(args)
    lrs, momenta = cyclic_run(args, cycles * total)
    peaks = range(args["step_size_up"], cycles * total, total)
    heights = [lrs[p] - args["base_lr"] for p in peaks]
    swings = [args["max_momentum"] - momenta[p] for p in peaks]
    for series in (heights, swings):
        assert all(close(b / a, 0.5, rel=1e-9) for a, b in zip(series, series[1:]))


@PROP
@given(args=cyclic_args(modes=["exp_range"]), cycles=st.integers(1, 4))
def test_exp_range_keeps_even_the_first_peak_below_max_lr_and_decays_inside_each_cycle(args, cycles):
    """'gamma multiplies the amplitude by gamma at every step, so even the first peak is below max_lr and the decay
    continues within each cycle' (any gamma below 1)."""
    up, total = args["step_size_up"], cycle_length(args)
    steps = min(200, cycles * total)
    lrs, _ = cyclic_run(args, steps)
    assert lrs[up] < args["max_lr"] and not close(lrs[up], args["max_lr"])
    scale_free = [cyclic_cf(t, up, total - up, "triangular", base=0.0, top=1.0)[0] for t in range(steps)]
    amplitude = [(lrs[t] - args["base_lr"]) / (scale_free[t] * (args["max_lr"] - args["base_lr"]))
                 for t in range(steps) if scale_free[t] > 0]
    assert all(b < a for a, b in zip(amplitude, amplitude[1:]))


@PROP
@given(lrs=group_lrs, data=st.data(), earlier=st.sampled_from(["none", "scheduler", "loaded state"]))
def test_cyclic_lr_writes_base_lr_into_every_group_without_initial_lr(lrs, data, earlier):
    """'The constructor writes base_lr into every param group that has no initial_lr yet, so the lr you gave the
    optimizer is lost (a group that already has one, from an earlier scheduler or a loaded optimizer state, trains
    step 0 at that initial_lr).'"""
    bases = data.draw(st.one_of(st.floats(0.001, 0.05).map(lambda b: [b] * len(lrs)),
                                st.lists(st.floats(0.001, 0.05), min_size=len(lrs), max_size=len(lrs))))
    o = sgd(lrs)
    if earlier == "scheduler":
        sched.StepLR(o, step_size=5)
    elif earlier == "loaded state":
        donor = sgd(lrs)
        sched.ExponentialLR(donor, 0.9)
        o.load_state_dict(donor.state_dict())
    s = sched.CyclicLR(o, base_lr=bases if len(set(bases)) > 1 else bases[0], max_lr=0.2, step_size_up=4)
    step0 = [g["lr"] for g in o.param_groups]
    assert step0 == (bases if earlier == "none" else lrs)
    o.step()
    s.step()
    assert all(close(g["lr"], b + (0.2 - b) / 4) for g, b in zip(o.param_groups, bases))


@PROP
@given(groups=st.integers(1, 3), data=st.data(), cycle_momentum=st.booleans(),
       which=st.sampled_from(["mode", "base_lr", "max_lr", "base_momentum", "max_momentum"]))
def test_cyclic_lr_checks_mode_without_scale_fn_and_the_length_of_group_lists(groups, data, cycle_momentum, which):
    """'torch checks mode (only when there is no scale_fn) and the length of per-group lists (those of
    base_momentum and max_momentum only with cycle_momentum=True)'."""
    args = dict(base_lr=0.01, max_lr=0.1, cycle_momentum=cycle_momentum)
    if which == "mode":
        args["mode"] = data.draw(st.sampled_from(["triangle", "exp", "Triangular", ""]))
        with pytest.raises(ValueError, match="mode is invalid and scale_fn is None"):
            sched.CyclicLR(sgd([0.1] * groups), **args)
        sched.CyclicLR(sgd([0.1] * groups), **args, scale_fn=lambda x: 1.0)  # accepted: mode is not read
        return
    length = data.draw(st.integers(0, 5).filter(lambda n: n != groups))
    args[which] = [args.get(which, 0.85)] * length
    checked = which in ("base_lr", "max_lr") or cycle_momentum
    if checked:
        with pytest.raises(ValueError, match=f"{which} must have the same length as optimizer.param_groups"):
            sched.CyclicLR(sgd([0.1] * groups), **args)
    else:
        sched.CyclicLR(sgd([0.1] * groups), **args)
