"""Property tests over each scheduler's valid argument range (Hypothesis, derandomized, bounded).

For every scheduler of ``torch.optim.lr_scheduler.__all__`` plus SWALR (and the compositions
the site shows), with random valid arguments:

* the LR of every step equals a closed form written in the scheduler's own test module,
  without torch;
* ``load_state_dict`` resumes exactly after every k;
* ``last_epoch=k-1`` after ``optimizer.load_state_dict()`` goes wrong at exactly the k a rule
  derived from the closed form predicts (the rules the checkpoints guide states);
* building the scheduler after ``optimizer.load_state_dict()`` has exactly the effect the
  guide states: none, the first resumed step only, or every later step.
"""

from __future__ import annotations

import copy
import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from test_constant_lr import closed_form as constant_cf
from test_cosine_annealing_lr import closed_form as cosine_cf
from test_cosine_annealing_warm_restarts import closed_form as warm_restarts_cf
from test_cyclic_lr import closed_form as cyclic_cf
from test_exponential_lr import closed_form as exponential_cf
from test_linear_lr import closed_form as linear_cf
from test_multi_step_lr import closed_form as multi_step_cf
from test_one_cycle_lr import closed_form as one_cycle_cf
from test_polynomial_lr import closed_form as polynomial_cf
from test_step_lr import closed_form as step_cf
from test_swalr import swalr as swalr_cf
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

T = 16  # steps of every run; resumes happen after k = 1 .. T-2 steps
KS = range(1, T - 1)
LR0 = 0.1
PROPERTY = settings(max_examples=5, derandomize=True, deadline=None, database=None)

gammas = st.floats(0.1, 0.95)
factors = st.floats(0.05, 0.95)
small = st.integers(1, T + 2)


# name -> strategy of (build(optimizer, last_epoch=-1), closed(t) or None)
def _specs():
    S = {}
    S["LambdaLR"] = gammas.map(lambda g: (
        lambda o, e=-1: sched.LambdaLR(o, lambda t: g**t, last_epoch=e), lambda t: LR0 * g**t))
    S["MultiplicativeLR"] = gammas.map(lambda g: (
        lambda o, e=-1: sched.MultiplicativeLR(o, lambda t: g, last_epoch=e), lambda t: LR0 * g**t))
    S["StepLR"] = st.tuples(gammas, small).map(lambda a: (
        lambda o, e=-1: sched.StepLR(o, step_size=a[1], gamma=a[0], last_epoch=e),
        lambda t: step_cf(LR0, a[0], a[1], t)))
    S["MultiStepLR"] = st.tuples(gammas, st.lists(st.integers(1, T), min_size=1, max_size=4, unique=True)).map(
        lambda a: (lambda o, e=-1: sched.MultiStepLR(o, milestones=a[1], gamma=a[0], last_epoch=e),
                   lambda t: multi_step_cf(LR0, a[0], a[1], t)))
    S["ConstantLR"] = st.tuples(factors, small).map(lambda a: (
        lambda o, e=-1: sched.ConstantLR(o, factor=a[0], total_iters=a[1], last_epoch=e),
        lambda t: constant_cf(LR0, a[0], a[1], t)))
    S["LinearLR"] = st.tuples(factors, st.floats(0.05, 1.0), small).map(lambda a: (
        lambda o, e=-1: sched.LinearLR(o, start_factor=a[0], end_factor=a[1], total_iters=a[2], last_epoch=e),
        lambda t: linear_cf(LR0, a[0], a[1], a[2], t)))
    S["ExponentialLR"] = gammas.map(lambda g: (
        lambda o, e=-1: sched.ExponentialLR(o, gamma=g, last_epoch=e), lambda t: exponential_cf(LR0, g, t)))
    S["PolynomialLR"] = st.tuples(small, st.floats(0.5, 3.0)).map(lambda a: (
        lambda o, e=-1: sched.PolynomialLR(o, total_iters=a[0], power=a[1], last_epoch=e),
        lambda t: polynomial_cf(LR0, a[0], a[1], t)))
    S["CosineAnnealingLR"] = st.tuples(st.integers(T, 3 * T), st.floats(0.0, 0.05)).map(lambda a: (
        lambda o, e=-1: sched.CosineAnnealingLR(o, T_max=a[0], eta_min=a[1], last_epoch=e),
        lambda t: cosine_cf(LR0, a[1], a[0], t)))
    S["CosineAnnealingWarmRestarts"] = st.tuples(st.integers(1, 8), st.integers(1, 3), st.floats(0.0, 0.05)).map(
        lambda a: (lambda o, e=-1: sched.CosineAnnealingWarmRestarts(o, T_0=a[0], T_mult=a[1], eta_min=a[2],
                                                                     last_epoch=e),
                   lambda t: warm_restarts_cf(t, a[0], a[1], a[2], LR0)))
    S["CyclicLR"] = st.tuples(st.integers(1, 6), st.integers(1, 6), st.sampled_from(["triangular", "triangular2"])).map(
        lambda a: (lambda o, e=-1: sched.CyclicLR(o, base_lr=0.001, max_lr=0.1, step_size_up=a[0], step_size_down=a[1],
                                                  mode=a[2], last_epoch=e),
                   lambda t: cyclic_cf(t, a[0], a[1], a[2])[0]))
    S["OneCycleLR"] = st.tuples(st.floats(0.15, 0.6), st.sampled_from(["cos", "linear"]), st.booleans()).map(
        lambda a: (lambda o, e=-1: sched.OneCycleLR(o, max_lr=0.1, total_steps=T, pct_start=a[0],
                                                    anneal_strategy=a[1], three_phase=a[2], last_epoch=e),
                   lambda t: one_cycle_cf(t, T, pct=a[0], strategy=a[1], three_phase=a[2])[0]))
    S["SWALR"] = st.tuples(st.floats(0.001, 0.09), st.integers(1, T), st.sampled_from(["cos", "linear"])).map(
        lambda a: (lambda o, e=-1: SWALR(o, swa_lr=a[0], anneal_epochs=a[1], anneal_strategy=a[2], last_epoch=e),
                   lambda t: swalr_cf(LR0, a[0], a[1], a[2], t)))
    S["ReduceLROnPlateau"] = st.tuples(st.integers(0, 3), factors).map(lambda a: (
        lambda o, e=-1: sched.ReduceLROnPlateau(o, patience=a[0], factor=a[1]), None))

    def pair(a):
        return lambda o, e=-1: [sched.LinearLR(o, start_factor=a[0], total_iters=a[1], last_epoch=e),
                                sched.ExponentialLR(o, gamma=a[2], last_epoch=e)]
    parts = st.tuples(factors, st.integers(1, 6), gammas)
    S["SequentialLR"] = parts.map(lambda a: (
        lambda o, e=-1: sched.SequentialLR(o, pair(a)(o), milestones=[a[1]], last_epoch=e),
        lambda t: LR0 * linear_cf(1.0, a[0], 1.0, a[1], t) if t < a[1] else LR0 * a[2] ** (t - a[1])))
    S["ChainedScheduler"] = parts.map(lambda a: (
        lambda o, e=-1: sched.ChainedScheduler(pair(a)(o), optimizer=o),
        lambda t: LR0 * linear_cf(1.0, a[0], 1.0, a[1], t) * a[2] ** t))
    return S


SPECS = _specs()
NAMES = sorted(SPECS)
METRICS = [1.0, 0.9, 0.95, 0.97, 0.85, 0.9, 0.91, 0.92, 0.8, 0.81, 0.82, 0.83, 0.84, 0.7, 0.71, 0.72]


def test_the_domain_is_every_scheduler_of_torch():
    assert set(NAMES) == (set(sched.__all__) - {"LRScheduler"}) | {"SWALR"}


def optimizer():
    return torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=LR0, momentum=0.9)


def train(name, opt, scheduler, steps):
    used = []
    for t in steps:
        used.append(opt.param_groups[0]["lr"])
        opt.step()
        scheduler.step(METRICS[t]) if name == "ReduceLROnPlateau" else scheduler.step()
    return used


def wrong_steps(reference, resumed, k):
    return {t for t, (a, b) in enumerate(zip(resumed, reference[k:]), start=k)
            if not math.isclose(a, b, rel_tol=1e-10)}


def resumes(name, build):
    """{k: (saved optimizer state, saved scheduler state)} after k steps, and the uninterrupted run."""
    opt = optimizer()
    reference = train(name, opt, build(opt), range(T))
    saved = {}
    for k in KS:
        opt = optimizer()
        scheduler = build(opt)
        train(name, opt, scheduler, range(k))
        saved[k] = copy.deepcopy((opt.state_dict(), scheduler.state_dict()))
    return reference, saved


@pytest.mark.parametrize("name", [n for n in NAMES if n != "ReduceLROnPlateau"])
@PROPERTY
@given(data=st.data())
def test_closed_form_for_random_arguments(name, data):
    build, closed = data.draw(SPECS[name])
    opt = optimizer()
    used = train(name, opt, build(opt), range(T))
    assert used == pytest.approx([closed(t) for t in range(T)], rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("name", NAMES)
@PROPERTY
@given(data=st.data())
def test_load_state_dict_resumes_exactly_at_every_step(name, data):
    build, _ = data.draw(SPECS[name])
    reference, saved = resumes(name, build)
    for k, (opt_state, sched_state) in saved.items():
        opt = optimizer()
        scheduler = build(opt)
        opt.load_state_dict(copy.deepcopy(opt_state))
        scheduler.load_state_dict(copy.deepcopy(sched_state))
        assert train(name, opt, scheduler, range(k, T)) == reference[k:], k  # exact equality


def changes(closed):
    """k where the closed form changes from k-1 to k: a chainable constructor applies that change again."""
    return {k for k in KS if not math.isclose(closed(k), closed(k - 1), rel_tol=1e-12)}


def warm_restarts_resumed(t, k, T_0, T_mult):
    """The cosine position a CosineAnnealingWarmRestarts built with last_epoch=k-1 follows (as the
    checkpoints guide describes it): position k mod T_0 in a cycle of T_0*T_mult once k >= T_0."""
    position, length = (k, T_0) if k < T_0 else (k % T_0, T_0 * T_mult)
    position += t - k
    while position >= length:
        position, length = position - length, length * T_mult
    return position / length


def warm_restarts_true(t, T_0, T_mult):
    start, length = 0, T_0
    while t >= start + length:
        start, length = start + length, length * T_mult
    return (t - start) / length


LAST_EPOCH = [n for n in NAMES if n not in ("ChainedScheduler", "ReduceLROnPlateau", "SequentialLR")]


@pytest.mark.parametrize("name", LAST_EPOCH)
@PROPERTY
@given(data=st.data())
def test_last_epoch_resume_fails_exactly_where_the_rule_says(name, data):
    build, closed = data.draw(SPECS[name])
    reference, saved = resumes(name, build)
    failing = set()
    for k, (opt_state, _) in saved.items():
        opt = optimizer()
        opt.load_state_dict(copy.deepcopy(opt_state))
        if wrong_steps(reference, train(name, opt, build(opt, k - 1), range(k, T)), k):
            failing.add(k)
    if name in ("StepLR", "MultiStepLR", "ConstantLR"):
        expected = changes(closed)
    elif name == "SWALR":  # anneals again from the loaded LR wherever that is not swa_lr yet
        scheduler = build(optimizer())
        expected = {k for k in KS if not math.isclose(closed(k), scheduler.optimizer.param_groups[0]["swa_lr"],
                                                      rel_tol=1e-12)}
    elif name == "CosineAnnealingWarmRestarts":
        s = build(optimizer())
        T_0, T_mult = s.T_0, s.T_mult
        expected = {k for k in KS if any(not math.isclose(warm_restarts_resumed(t, k, T_0, T_mult),
                                                          warm_restarts_true(t, T_0, T_mult), abs_tol=1e-12)
                                         for t in range(k, T))}
        if T_mult == 1:
            assert expected == set()
    else:  # closed forms in last_epoch, or the "initial mode" of the constructor
        expected = set()
    assert failing == expected


UNAFFECTED = {"StepLR", "MultiStepLR", "ExponentialLR", "PolynomialLR", "CosineAnnealingLR", "MultiplicativeLR",
              "SWALR", "ReduceLROnPlateau"}
FIRST_STEP = {"LambdaLR", "CyclicLR", "OneCycleLR", "CosineAnnealingWarmRestarts"}
PERMANENT = {"LinearLR", "ConstantLR", "ChainedScheduler"}


def test_the_build_order_groups_cover_every_scheduler():
    assert UNAFFECTED | FIRST_STEP | PERMANENT | {"SequentialLR"} == set(NAMES)


@pytest.mark.parametrize("name", sorted(UNAFFECTED | FIRST_STEP | PERMANENT))
@PROPERTY
@given(data=st.data())
def test_building_after_optimizer_load_has_the_stated_effect_at_every_step(name, data):
    build, closed = data.draw(SPECS[name])
    reference, saved = resumes(name, build)
    for k, (opt_state, sched_state) in saved.items():
        opt = optimizer()
        opt.load_state_dict(copy.deepcopy(opt_state))
        scheduler = build(opt)
        scheduler.load_state_dict(copy.deepcopy(sched_state))
        wrong = wrong_steps(reference, train(name, opt, scheduler, range(k, T)), k)
        if name in UNAFFECTED:
            assert wrong == set(), k
        elif name in FIRST_STEP:
            same = math.isclose(closed(k), closed(0), rel_tol=1e-10)
            assert wrong == (set() if same else {k}), k
        else:
            assert wrong == set(range(k, T)), k


GROUP_SCHEDULERS = [n for n in NAMES if n not in ("SequentialLR", "ChainedScheduler")]


@pytest.mark.parametrize("name", GROUP_SCHEDULERS)
@PROPERTY
@given(data=st.data(), second_lr=st.floats(0.01, 0.5))
def test_every_param_group_is_scheduled(name, data, second_lr):
    """'The wrapped optimizer; every param group is scheduled': a second group's LR changes at the same steps."""
    build, _ = data.draw(SPECS[name])
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD([{"params": [model.weight]}, {"params": [model.bias], "lr": second_lr}],
                          lr=LR0, momentum=0.9)
    scheduler = build(opt)
    used = [[], []]
    for t in range(T):
        for g in (0, 1):
            used[g].append(opt.param_groups[g]["lr"])
        opt.step()
        scheduler.step(METRICS[t]) if name == "ReduceLROnPlateau" else scheduler.step()
    # ReduceLROnPlateau skips a reduction smaller than eps (1e-8): compare while both LRs are well above it
    live = [t for t in range(1, T) if min(used[0][t - 1], used[1][t - 1]) > 1e-6]
    moves = [{t for t in live if u[t] != u[t - 1]} for u in used]
    assert moves[1] == moves[0]
