"""Quantified claims of the guides changing_a_schedule.md and questions.md, proven over their whole domain (issue 8).

Every test draws valid arguments with Hypothesis (seeded, bounded) for every scheduler the sentence speaks of
(``lr_scheduler.__all__``, SWALR, and the SequentialLR and ChainedScheduler the site shows) and checks every step
of a run against closed forms written here or in the schedulers' own test modules, against the independent
ReduceLROnPlateau model of tests/test_reduce_lr_on_plateau.py, or against a run in which the change was there
from the start. tests/claims_inventory.py cites each test for the sentence its docstring quotes.
"""

from __future__ import annotations

import ast
import copy
import inspect
import io
import math
import re
import warnings
from collections import Counter

import pytest
import torch
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_claims_composites import CHAINABLE, _closed_form, close, sgd
from test_claims_reference import step
from test_constant_lr import closed_form as constant_cf
from test_cyclic_lr import position as cyclic_position
from test_cyclic_lr import scale as cyclic_scale
from test_linear_lr import closed_form as linear_cf
from test_one_cycle_lr import closed_form as one_cycle_cf
from test_properties import LR0, NAMES, SPECS, T
from test_reduce_lr_on_plateau import PlateauRule
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

from conftest import ROOT, lrs_used, lrs_used_by_group

CLAIM = settings(max_examples=12, deadline=None, derandomize=True, database=None)
FEW = settings(max_examples=6, deadline=None, derandomize=True, database=None)
MANY = settings(max_examples=40, deadline=None, derandomize=True, database=None)
HORIZON = 24  # steps of the runs built from ARGUMENTS (OneCycleLR is given at least this many)


def hyper(optimizer, g=0):
    """(lr, momentum or beta1) of group g: what a scheduler may write."""
    group = optimizer.param_groups[g]
    return group["lr"], group.get("momentum", group.get("betas", (None,))[0])


def same(a, b, rel=1e-11, abs_tol=1e-15):
    """Two values of a state dict or a trace, equal up to rounding (floats), recursively."""
    if isinstance(a, float) or isinstance(b, float):
        return (isinstance(a, (int, float)) and isinstance(b, (int, float))
                and (a == b or math.isclose(a, b, rel_tol=rel, abs_tol=abs_tol)))
    if isinstance(a, dict) and isinstance(b, dict):
        return type(a) is type(b) and a.keys() == b.keys() and all(same(a[k], b[k], rel, abs_tol) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y, rel, abs_tol) for x, y in zip(a, b))
    return a == b


# --- every constructor argument of every scheduler, with a random valid value ---------------------------------------

class Power:
    """A callable object as lr_lambda (its attributes go into the state dict, its code does not)."""

    def __init__(self, g):
        self.g = g

    def __call__(self, t):
        return self.g ** t


def power_function(g):
    return lambda t: g ** t


def constant_function(g):
    return lambda t: g


gammas = st.floats(0.1, 0.99)
eta_mins = st.one_of(st.just(0.0), st.floats(1e-4, 0.01))  # (a positive eta_min below 1e-4 is lost in rounding)
fractions = st.floats(0.05, 1.0)
sub_pair = st.tuples(fractions, st.integers(1, 6), st.floats(0.5, 0.99))  # LinearLR(start, total), ExponentialLR(g)

ARGUMENTS = {  # scheduler -> argument -> strategy of valid values
    "LambdaLR": {"lr_lambda": st.one_of(gammas.map(power_function), gammas.map(Power))},
    "MultiplicativeLR": {"lr_lambda": st.one_of(gammas.map(constant_function), gammas.map(Power))},
    "StepLR": {"step_size": st.integers(1, 10), "gamma": gammas},
    "MultiStepLR": {"milestones": st.lists(st.integers(1, 20), min_size=1, max_size=4, unique=True).map(sorted),
                    "gamma": gammas},
    "ConstantLR": {"factor": fractions, "total_iters": st.integers(1, 12)},
    "LinearLR": {"start_factor": fractions, "end_factor": st.floats(0.0, 1.0), "total_iters": st.integers(1, 12)},
    "ExponentialLR": {"gamma": st.floats(0.5, 0.99)},
    "SequentialLR": {"schedulers": sub_pair, "milestones": st.integers(1, 12).map(lambda m: [m])},
    "CosineAnnealingLR": {"T_max": st.integers(1, 20), "eta_min": eta_mins},
    "ChainedScheduler": {"schedulers": sub_pair},
    "ReduceLROnPlateau": {"mode": st.sampled_from(["min", "max"]), "factor": st.floats(0.05, 0.9),
                          "patience": st.integers(0, 4), "threshold": st.floats(0.0, 0.2),
                          "threshold_mode": st.sampled_from(["rel", "abs"]), "cooldown": st.integers(0, 3),
                          "min_lr": st.one_of(st.floats(0.0, 0.01), st.floats(0.0, 0.01).map(lambda x: [x])),
                          "eps": st.sampled_from([0.0, 1e-8, 1e-4])},
    "CyclicLR": {"base_lr": st.floats(0.001, 0.05), "max_lr": st.floats(0.06, 0.5), "step_size_up": st.integers(1, 8),
                 "step_size_down": st.one_of(st.none(), st.integers(1, 8)),
                 "mode": st.sampled_from(["triangular", "triangular2", "exp_range"]), "gamma": st.floats(0.8, 1.0),
                 "scale_fn": st.one_of(st.none(), st.floats(0.5, 0.99).map(power_function)),
                 "scale_mode": st.sampled_from(["cycle", "iterations"]), "cycle_momentum": st.booleans(),
                 "base_momentum": st.floats(0.5, 0.85), "max_momentum": st.floats(0.86, 0.99)},
    "CosineAnnealingWarmRestarts": {"T_0": st.integers(1, 8), "T_mult": st.integers(1, 3),
                                    "eta_min": eta_mins},
    "OneCycleLR": {"max_lr": st.floats(0.01, 1.0), "total_steps": st.integers(HORIZON, 60),
                   "epochs": st.integers(4, 10), "steps_per_epoch": st.integers(6, 10),
                   "pct_start": st.floats(0.1, 0.45), "anneal_strategy": st.sampled_from(["cos", "linear"]),
                   "cycle_momentum": st.booleans(), "base_momentum": st.floats(0.5, 0.85),
                   "max_momentum": st.floats(0.86, 0.99), "div_factor": st.floats(2.0, 100.0),
                   "final_div_factor": st.floats(10.0, 1e5), "three_phase": st.booleans()},
    "PolynomialLR": {"total_iters": st.integers(1, 20), "power": st.floats(0.5, 3.0)},
    "SWALR": {"swa_lr": st.floats(0.001, 0.09), "anneal_epochs": st.integers(0, 10),
              "anneal_strategy": st.sampled_from(["cos", "linear"])},
}
FUNCTIONS = {("LambdaLR", "lr_lambda"), ("MultiplicativeLR", "lr_lambda"), ("CyclicLR", "scale_fn")}
metric_lists = st.lists(st.floats(0.5, 1.5), min_size=HORIZON, max_size=HORIZON)


def scheduler_class(name):
    return SWALR if name == "SWALR" else getattr(sched, name)


def test_arguments_cover_every_constructor_argument_of_every_scheduler():
    """The domain of the tests below that vary arguments: every scheduler, every argument but the optimizer,
    ``last_epoch`` (the step counter) and ChainedScheduler's optional ``optimizer``."""
    assert set(ARGUMENTS) == set(NAMES)
    for name, table in ARGUMENTS.items():
        parameters = set(inspect.signature(scheduler_class(name).__init__).parameters)
        assert set(table) == parameters - {"self", "optimizer", "last_epoch"}, name


def draw_arguments(name, data):
    kw = {a: data.draw(s, label=f"{name}.{a}") for a, s in ARGUMENTS[name].items()}
    if name == "OneCycleLR":
        kw["total_steps"] = data.draw(st.one_of(st.none(), st.just(kw["total_steps"])), label="total_steps or epochs")
    return kw


def construct(name, optimizer, kw):
    if name in ("SequentialLR", "ChainedScheduler"):
        start, total, gamma = kw["schedulers"]
        subs = [sched.LinearLR(optimizer, start_factor=start, total_iters=total), sched.ExponentialLR(optimizer, gamma)]
        if name == "ChainedScheduler":
            return sched.ChainedScheduler(subs, optimizer=optimizer)
        return sched.SequentialLR(optimizer, subs, milestones=kw["milestones"])
    return scheduler_class(name)(optimizer, **kw)


def length(name, kw):
    if name == "OneCycleLR":
        return min(HORIZON, kw["total_steps"] or kw["epochs"] * kw["steps_per_epoch"])
    return HORIZON


def run_from(name, optimizer, scheduler, steps, metrics):
    """(lr, momentum) of group 0 used at each of the given steps; the exception if a step raised."""
    used = []
    for t in steps:
        used.append(hyper(optimizer))
        optimizer.step()
        try:
            step(name, scheduler, metrics[t])
        except Exception as error:  # noqa: BLE001 - which error is part of the result
            return used, error
    return used, None


def saved_run(name, kw, metrics, k, lr=0.1):
    """The uninterrupted run and the checkpoint taken after k steps."""
    optimizer = sgd((lr,))
    scheduler = construct(name, optimizer, kw)
    used, error = run_from(name, optimizer, scheduler, range(k), metrics)
    assert error is None
    checkpoint = copy.deepcopy({"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()})
    rest, error = run_from(name, optimizer, scheduler, range(k, length(name, kw)), metrics)
    assert error is None
    return used + rest, checkpoint


def resumed(name, kw, checkpoint, lr=0.1):
    """Build with kw (and lr), then load both state dicts, as resume code does."""
    optimizer = sgd((lr,))
    scheduler = construct(name, optimizer, kw)
    optimizer.load_state_dict(copy.deepcopy(checkpoint["optimizer"]))
    scheduler.load_state_dict(copy.deepcopy(checkpoint["scheduler"]))
    return optimizer, scheduler


# === guides/changing_a_schedule.md ===================================================================================
# --- the checkpoint wins

@pytest.mark.parametrize("name", NAMES)
@CLAIM
@given(data=st.data(), k=st.integers(0, HORIZON - 2))
def test_load_state_dict_copies_every_attribute_the_checkpoint_holds(name, data, k):
    """'scheduler.load_state_dict() copies every attribute the checkpoint holds onto the scheduler: the step
    counter, base_lrs, _last_lr and every value that came from a constructor argument' (and 'the checkpoint's
    values win for CyclicLR as for every scheduler'), for a scheduler built with other random arguments. A
    function is not stored: its entry is None, or a callable object's attributes, which update that object."""
    old, new = draw_arguments(name, data), draw_arguments(name, data)
    k = min(k, length(name, old) - 1, length(name, new) - 1)
    metrics = data.draw(metric_lists)
    _, checkpoint = saved_run(name, old, metrics, k)
    saved = checkpoint["scheduler"]
    assert "_last_lr" in saved and ("base_lrs" in saved or name in ("ReduceLROnPlateau", "SequentialLR",
                                                                     "ChainedScheduler"))
    assert "last_epoch" in saved or name == "ChainedScheduler"  # whose counters are its members'
    _, scheduler = resumed(name, new, checkpoint)
    state = scheduler.__dict__
    for key, value in saved.items():
        if key == "_schedulers":
            for member, member_state in zip(scheduler._schedulers, value, strict=True):
                assert all(same(member.__dict__[a], v) for a, v in member_state.items()), (name, member_state)
        elif key == "lr_lambdas":
            for fn, stored in zip(state["lr_lambdas"], value, strict=True):
                assert stored is None or same(fn.__dict__, stored)
        elif key == "_scale_fn_custom":
            assert value is None  # ARGUMENTS passes plain functions only: nothing of them is stored
        elif key == "scale_mode" and new["scale_fn"] is None:
            # the function survives (see below), and without one CyclicLR takes its mode's scale_mode again
            assert state[key] == ("iterations" if state["mode"] == "exp_range" else "cycle")
        else:
            assert same(state[key], value), (name, key, state[key], value)


@pytest.mark.parametrize("name", NAMES)
@CLAIM
@given(data=st.data(), k=st.integers(0, HORIZON - 2), lrs=st.lists(st.floats(0.01, 1.0), min_size=1, max_size=3),
       other=st.lists(st.floats(0.01, 1.0), min_size=3, max_size=3))
def test_optimizer_load_state_dict_restores_each_groups_lr_and_initial_lr(name, data, k, lrs, other):
    """'optimizer.load_state_dict() restores each group's lr (and initial_lr)': whatever LRs the new optimizer was
    built with and whatever the new scheduler's constructor wrote into its groups."""
    kw = draw_arguments(name, data)
    if name in ("CyclicLR", "OneCycleLR", "SWALR", "ReduceLROnPlateau"):  # list arguments: one value per group
        kw = {a: ([v[0]] * len(lrs) if isinstance(v, list) and a != "milestones" else v) for a, v in kw.items()}
    k = min(k, length(name, kw) - 1)
    optimizer = sgd(lrs)
    scheduler = construct(name, optimizer, kw)
    run_from(name, optimizer, scheduler, range(k), [1.0] * HORIZON)
    saved = copy.deepcopy(optimizer.state_dict())
    groups = [(g["lr"], g.get("initial_lr")) for g in optimizer.param_groups]  # ReduceLROnPlateau writes none
    fresh = sgd(other[:len(lrs)])
    construct(name, fresh, kw)
    fresh.load_state_dict(saved)
    assert [(g["lr"], g.get("initial_lr")) for g in fresh.param_groups] == groups


def effective_factor(name, old_kw, new_kw):
    """The function a resumed LambdaLR/MultiplicativeLR uses: the new one's code; a callable object's attributes
    come from the checkpoint when the checkpoint holds some (the old one was an object too)."""
    new_fn, old_fn = new_kw["lr_lambda"], old_kw["lr_lambda"]
    if isinstance(new_fn, Power) and isinstance(old_fn, Power):
        return Power(old_fn.g)
    return new_fn


def cyclic_expected(t, kw_old, scale_fn):
    """CyclicLR's LR at step t, written from its formula: the checkpoint's bounds, sizes and mode, with the
    resumed run's scale function (None: the mode's, with the mode's scale_mode)."""
    up = kw_old["step_size_up"]
    down = kw_old["step_size_down"] or up
    cycle, height = cyclic_position(t, up, down)
    mode, gamma = kw_old["mode"], kw_old["gamma"]
    mode_scale = "iterations" if mode == "exp_range" else "cycle"
    # a custom function runs with the checkpoint's scale_mode: the old argument, or the old mode's
    scale_mode = mode_scale if scale_fn is None or kw_old["scale_fn"] is None else kw_old["scale_mode"]
    x = cycle if scale_mode == "cycle" else t
    amplitude = height * (scale_fn(x) if scale_fn else cyclic_scale(mode, t, cycle, gamma))
    return kw_old["base_lr"] + (kw_old["max_lr"] - kw_old["base_lr"]) * amplitude


@pytest.mark.parametrize("name, argument", [(n, a) for n in NAMES for a in ARGUMENTS[n]])
@FEW
@given(data=st.data(), k=st.integers(1, HORIZON - 2), lr=st.floats(0.01, 1.0))
def test_on_resume_the_checkpoint_wins_for_every_argument_but_functions(name, argument, data, k, lr):
    """'The new values you pass to the constructors when you resume are overwritten, without a warning' / 'The same
    holds for every scheduler' / 'The only arguments that survive are functions: the lr_lambda of LambdaLR and
    MultiplicativeLR and CyclicLR's scale_fn' / 'Build with the new LR, load both ... the new LR is silently
    replaced by the saved one for every scheduler': every argument of every scheduler, changed one at a time (and
    the optimizer's lr), at every later step."""
    old = draw_arguments(name, data)
    new = dict(old)
    if name == "OneCycleLR" and argument in ("epochs", "steps_per_epoch"):
        old["total_steps"] = new["total_steps"] = None
    new[argument] = data.draw(ARGUMENTS[name][argument], label="new value")
    if name == "OneCycleLR" and argument == "total_steps":
        old["total_steps"] = old["total_steps"] or data.draw(ARGUMENTS[name]["total_steps"])
    k = min(k, length(name, old) - 1)
    metrics = data.draw(metric_lists)
    reference, checkpoint = saved_run(name, old, metrics, k)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        optimizer, scheduler = resumed(name, new, checkpoint, lr=lr)
    assert not caught  # silently
    used, error = run_from(name, optimizer, scheduler, range(k, length(name, old)), metrics)
    assert error is None
    if (name, argument) not in FUNCTIONS:
        assert same(used, reference[k:]), (name, argument)  # the saved run goes on unchanged
        return
    lrs = [x for x, _ in used]
    if name == "CyclicLR":
        fn = new["scale_fn"]
        expected = [cyclic_expected(t, old, fn) for t in range(k, length(name, old))]
        expected[0] = reference[k][0]  # the LR loaded with the optimizer
    elif name == "LambdaLR":
        fn = effective_factor(name, old, new)
        expected = [0.1 * fn(t) for t in range(k, HORIZON)]
        expected[0] = reference[k][0]  # the LR loaded with the optimizer
    else:
        fn = effective_factor(name, old, new)
        expected = [reference[k][0]]
        for t in range(k + 1, HORIZON):
            expected.append(expected[-1] * fn(t))
    assert same(lrs, expected, rel=1e-9), (name, lrs, expected)


# --- a new learning rate on resume

def snippet_constant(snippet, name):
    """A module-level constant of a snippet, read without running it."""
    tree = ast.parse((ROOT / "snippets" / "guides" / "changing_a_schedule" / snippet).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"no {name} in {snippet}")


LR_ARGUMENTS = snippet_constant("change_new_lr.py", "LR_ARGUMENTS")


def scale_arguments(kw, c):
    """The run 'with the new values from the start': every LR-valued argument scaled with the optimizer's lr."""
    return {a: ([x * c for x in v] if isinstance(v, list) else v * c) if a in LR_ARGUMENTS else v
            for a, v in kw.items()}


def fresh_run(name, kw, lr, metrics, n=None):
    optimizer = sgd((lr,))
    used, error = run_from(name, optimizer, construct(name, optimizer, kw), range(n or length(name, kw)), metrics)
    assert error is None
    return used


@pytest.mark.parametrize("name", NAMES)
@CLAIM
@given(data=st.data(), c=st.floats(0.1, 3.0), lr=st.floats(0.01, 1.0))
def test_the_lr_valued_arguments_the_new_lr_table_scales_are_all_there_are(name, data, c, lr):
    """'"Right" means the resumed LRs equal those of a run that used the new values from the start (every
    LR-valued argument, such as eta_min, max_lr or swa_lr, halved as well)': scaling the optimizer's lr and the
    arguments the snippet scales (LR_ARGUMENTS) by any factor scales every step's LR by it and leaves the momentum
    alone, for random values of every other argument, so no LR-valued argument is left out. (ReduceLROnPlateau's
    eps is a threshold on LR changes; the page treats it apart, and it stays at most 1e-8 here.)"""
    assert LR_ARGUMENTS <= {a for table in ARGUMENTS.values() for a in table}
    kw = draw_arguments(name, data)
    if name == "ReduceLROnPlateau":
        kw["eps"] = data.draw(st.sampled_from([0.0, 1e-8]))
    metrics = data.draw(metric_lists)
    base = fresh_run(name, kw, lr, metrics)
    scaled_run = fresh_run(name, scale_arguments(kw, c), lr * c, metrics)
    for t, ((x, m), (y, n)) in enumerate(zip(base, scaled_run, strict=True)):
        if name == "ReduceLROnPlateau" and min(x, y) < 1e-6:  # far above eps only
            break
        assert same(y, c * x, rel=1e-10) and same(m, n), (name, t, x, y)


MULTIPLYING = {"MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR", "PolynomialLR",
               "ChainedScheduler"}  # ChainedScheduler: here LinearLR and ExponentialLR
FROM_THE_NEXT_STEP = {"LambdaLR", "CyclicLR", "OneCycleLR", "CosineAnnealingWarmRestarts", "SWALR"}


def plateau_rule(kw, lr):
    args = {a: kw[a] for a in ("mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr",
                                "eps")}
    return PlateauRule([lr], **args)


def first_wrong_step(name, kw, k, c, metrics, n):
    """Where 'load, then set group["lr"]' leaves the run with the new values, by the page's rule; and for
    ReduceLROnPlateau the LRs it gives instead (the model keeps the old min_lr as the floor)."""
    if name in MULTIPLYING:
        return None, None
    if name in FROM_THE_NEXT_STEP or (name == "CosineAnnealingLR" and kw["eta_min"] > 0):
        return k + 1, None
    if name == "CosineAnnealingLR":  # eta_min = 0: it reads base_lrs at T_max + 1, 3 T_max + 1, ...
        T = kw["T_max"]
        return next((t for t in range(k + 1, n) if (t - 1 - T) % (2 * T) == 0), None), None
    if name == "SequentialLR":  # the next scheduler (ExponentialLR) starts from base_lrs at the milestone
        m = kw["milestones"][0]
        return (m if k < m < n else None), None
    assert name == "ReduceLROnPlateau"
    rule = plateau_rule(kw, 0.1)
    for t in range(k):
        rule.feed(metrics[t])
    rule.lrs = [x * c for x in rule.lrs]  # the floors stay the old min_lr
    model = [rule.lrs[0]] + [rule.feed(metrics[t])[0] for t in range(k, n - 1)]
    wanted = plateau_rule(scale_arguments(kw, c), 0.1 * c)
    right = [wanted.lrs[0]] + [wanted.feed(metrics[t])[0] for t in range(n - 1)]
    return next((t for t in range(k, n) if not same(model[t - k], right[t], abs_tol=0.0)), None), model


@pytest.mark.parametrize("name", NAMES)
@CLAIM
@given(data=st.data(), k=st.integers(1, HORIZON - 2), c=st.one_of(st.floats(0.1, 0.9), st.floats(1.1, 3.0)))
def test_setting_group_lr_after_loading_is_right_exactly_where_the_page_says(name, data, k, c):
    """'Load, then set group["lr"] works only where the next LR is computed from the current one alone: at every
    step for StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, MultiplicativeLR and PolynomialLR (and a
    ChainedScheduler of them). Schedulers whose formula also reads base_lrs, eta_min or LRs stored in the scheduler
    or the param group (LambdaLR, CyclicLR, OneCycleLR, CosineAnnealingWarmRestarts, SWALR, and CosineAnnealingLR
    with eta_min above 0) are pulled back towards the old values from the next step on. The others go back later:
    CosineAnnealingLR with eta_min=0 at its next step T_max + 1 (or 3 * T_max + 1, ...), SequentialLR at its next
    milestone, ReduceLROnPlateau when the LR reaches the old min_lr, which stays its floor' (and the questions
    page's 'Write group['lr'] only for
    schedulers that compute the next LR from the current one alone'): the first step at which the resumed run
    leaves the run with the new values from the start is the one the rule gives, for random arguments, resume
    steps and factors."""
    kw = draw_arguments(name, data)
    n = length(name, kw)
    k = min(k, n - 2)
    metrics = data.draw(metric_lists)
    _, checkpoint = saved_run(name, kw, metrics, k)
    optimizer, scheduler = resumed(name, kw, checkpoint)
    for group in optimizer.param_groups:
        group["lr"] *= c
    used, error = run_from(name, optimizer, scheduler, range(k, n), metrics)
    assert error is None
    wanted = fresh_run(name, scale_arguments(kw, c), 0.1 * c, metrics)
    wrong = [t for t in range(k, n) if not same(used[t - k][0], wanted[t][0], rel=1e-10, abs_tol=0.0)]
    expected, model = first_wrong_step(name, kw, k, c, metrics, n)
    assert (wrong[0] if wrong else None) == expected, (name, wrong[:3], expected)
    if model is not None:
        assert same([x for x, _ in used], model, rel=1e-10)


@CLAIM
@given(members=st.lists(CHAINABLE, min_size=1, max_size=3), k=st.integers(1, 25),
       c=st.one_of(st.floats(0.1, 0.9), st.floats(1.1, 3.0)))
def test_a_chained_scheduler_of_multiplying_schedulers_keeps_a_new_lr(members, k, c):
    """'... (and a ChainedScheduler of them)': any chain of the multiplying schedulers; after the LR is scaled by
    hand at step k, every later LR is the scaled product of their factors."""
    n = 30
    optimizer = sgd((0.1,))
    scheduler = sched.ChainedScheduler([build(optimizer) for _, build, _ in members], optimizer=optimizer)
    used = lrs_used(optimizer, scheduler, k)
    for group in optimizer.param_groups:
        group["lr"] *= c
    used += lrs_used(optimizer, scheduler, n - k)
    for t in range(n):
        expected = 0.1 * math.prod(f(t) for _, _, f in members) * (c if t >= k else 1.0)
        assert close(used[t], expected, rel=1e-9, abs_tol=1e-15), ([m[0] for m in members], t)


@CLAIM
@given(first=CHAINABLE, second=CHAINABLE, m=st.integers(1, 15), k=st.integers(1, 20),
       c=st.one_of(st.floats(0.1, 0.9), st.floats(1.1, 3.0)))
def test_a_sequential_lr_given_a_new_lr_goes_back_at_its_next_milestone(first, second, m, k, c):
    """'SequentialLR at its next milestone, where the next scheduler starts again from base_lrs (unless it is
    MultiplicativeLR)': any two chainable schedulers, any milestone, any resume step."""
    n = 30

    def make(o):
        return sched.SequentialLR(o, [first[1](o), second[1](o)], milestones=[m])

    def factor(t):  # the schedule relative to the base LR, from the closed forms
        if t < m:
            return first[2](t)
        if second[0] == "MultiplicativeLR":  # no closed form: it multiplies the LR the first one left
            return first[2](m - 1) * second[2](t - m + 1)
        return second[2](t - m)

    optimizer = sgd((0.1,))
    scheduler = make(optimizer)
    before = lrs_used(optimizer, scheduler, k)
    for group in optimizer.param_groups:
        group["lr"] *= c
    after = lrs_used(optimizer, scheduler, n - k)
    used = before + after
    for t in range(n):
        if t < k or (t >= m > k and second[0] != "MultiplicativeLR"):
            expected = 0.1 * factor(t)  # the base LR: the change is gone from the milestone on
        else:
            expected = 0.1 * c * factor(t)
        assert close(used[t], expected, rel=1e-9, abs_tol=1e-15), (first[0], second[0], t)


PAGE_GROUP_KEYS = ("lr", "initial_lr", "max_lr", "min_lr", "swa_lr")  # as the page lists them
PAGE_SCHEDULER_KEYS = ("base_lrs", "_last_lr", "max_lrs", "min_lrs", "eta_min")


def scale_listed(state, c):
    """The page's recipe: scale each group's and the scheduler's listed entries (in place, into sub-schedulers)."""
    for key, value in state.items():
        if key in PAGE_GROUP_KEYS + PAGE_SCHEDULER_KEYS:
            state[key] = [x * c for x in value] if isinstance(value, list) else value * c
        elif key in ("param_groups", "_schedulers"):
            for inner in value:
                scale_listed(inner, c)


def test_the_recipe_lists_the_entries_the_page_names():
    page = " ".join((ROOT / "docs" / "guides" / "changing_a_schedule.md").read_text(encoding="utf-8").split())
    group = ", ".join(f"`{k}`" for k in PAGE_GROUP_KEYS)
    scheduler = ", ".join(f"`{k}`" for k in PAGE_SCHEDULER_KEYS)
    assert f"each group's {group}, and the scheduler's {scheduler}." in page


@pytest.mark.parametrize("name", NAMES)
@CLAIM
@given(data=st.data(), k=st.integers(1, HORIZON - 2), c=st.floats(0.1, 3.0))
def test_scaling_the_listed_entries_of_the_checkpoint_gives_the_new_run(name, data, k, c):
    """'Scale the LRs in the checkpoint before loading it: each group's lr, initial_lr, max_lr, min_lr, swa_lr, and
    the scheduler's base_lrs, _last_lr, max_lrs, min_lrs, eta_min. Right for every scheduler, but only for a change
    of scale, and for ReduceLROnPlateau only while the LR stays far above its eps': exactly those entries, scaled
    by any factor, give the run with the new values from the start at every step (get_last_lr() included), for
    random arguments and resume steps; ReduceLROnPlateau while its LRs stay above 1e-6 (eps at most 1e-8), and the
    test below shows where eps takes over."""
    kw = draw_arguments(name, data)
    if name == "ReduceLROnPlateau":
        kw["eps"] = data.draw(st.sampled_from([0.0, 1e-8]))
    n = length(name, kw)
    k = min(k, n - 2)
    metrics = data.draw(metric_lists)
    reference, checkpoint = saved_run(name, kw, metrics, k)
    edited = copy.deepcopy(checkpoint)
    scale_listed(edited["optimizer"], c)
    scale_listed(edited["scheduler"], c)
    new = scale_arguments(kw, c)
    optimizer, scheduler = resumed(name, new, edited, lr=0.1 * c)
    assert same(scheduler.get_last_lr(), [c * reference[k][0]])
    used, error = run_from(name, optimizer, scheduler, range(k, n), metrics)
    assert error is None
    wanted = fresh_run(name, new, 0.1 * c, metrics)
    for t in range(k, n):
        if name == "ReduceLROnPlateau" and min(reference[t][0], wanted[t][0]) < 1e-6:
            break
        assert same(used[t - k], wanted[t], rel=1e-10), (name, t)


def lrs_plateau(optimizer, scheduler, metrics, n, start=0):
    """The LR of group 0 used at steps start .. n-1 of a ReduceLROnPlateau run fed metrics[t] after step t."""
    used = []
    for t in range(start, n):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step(metrics[t])
    return used


@MANY
@given(data=st.data(), k=st.integers(1, 30), c=st.one_of(st.floats(0.01, 0.9), st.floats(1.1, 100.0)),
       eps=st.floats(1e-9, 1e-3), metrics=st.lists(st.floats(0.5, 1.5), min_size=40, max_size=40))
def test_a_scaled_reduce_lr_on_plateau_checkpoint_is_right_until_eps_decides_otherwise(data, k, c, eps, metrics):
    """'... and for ReduceLROnPlateau only while the LR stays far above its eps (an absolute threshold, 1e-8 by
    default, that the scaling cannot change)': the run from the scaled checkpoint keeps eps, so it is the model's
    run with scaled LRs and floors and the same eps; it equals the scaled run at every step before the first
    reduction that eps skips in one run and not in the other (a reduction no larger than eps in one of them),
    and differs there."""
    kw = draw_arguments("ReduceLROnPlateau", data)
    kw["eps"] = eps
    n = 40
    optimizer = sgd((0.1,))
    original = lrs_plateau(optimizer, sched.ReduceLROnPlateau(optimizer, **kw), metrics, n)
    optimizer = sgd((0.1,))
    scheduler = sched.ReduceLROnPlateau(optimizer, **kw)
    lrs_plateau(optimizer, scheduler, metrics, k)
    checkpoint = copy.deepcopy({"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()})
    scale_listed(checkpoint["optimizer"], c)
    scale_listed(checkpoint["scheduler"], c)
    assert checkpoint["scheduler"]["eps"] == eps  # nothing in the recipe touches it
    optimizer = sgd((0.1,))
    scheduler = sched.ReduceLROnPlateau(optimizer, **kw)
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    used = lrs_plateau(optimizer, scheduler, metrics, n, start=k)
    # the models in lockstep: a the original run, b the scaled one from step k
    a = plateau_rule(kw, 0.1)
    for t in range(k):
        a.feed(metrics[t])
    b = copy.deepcopy(a)
    b.lrs, b.floors = [x * c for x in b.lrs], [x * c for x in b.floors]
    diverged = None
    for t in range(k, n):
        assert same(used[t - k], b.lrs[0], abs_tol=0.0) and same(original[t], a.lrs[0], abs_tol=0.0), t
        if diverged is None:
            assert same(used[t - k], c * original[t], rel=1e-10, abs_tol=0.0), t
        elif t == diverged:
            assert not same(used[t - k], c * original[t], rel=1e-10, abs_tol=0.0), t
        x, y = a.lrs[0], b.lrs[0]
        a.feed(metrics[t])
        b.feed(metrics[t])
        if diverged is None and (a.lrs[0] != x) != (b.lrs[0] != y):  # one of them skipped the reduction
            step_a, step_b = x - max(x * kw["factor"], a.floors[0]), y - max(y * kw["factor"], b.floors[0])
            assert min(step_a, step_b) <= eps < max(step_a, step_b)  # because of eps
            diverged = t + 1


@pytest.mark.parametrize("name", NAMES)
@CLAIM
@given(data=st.data(), k=st.integers(1, HORIZON - 2), lrs=st.tuples(st.floats(0.01, 1.0), st.floats(0.01, 1.0)))
def test_replaying_gives_the_run_with_the_new_arguments_from_the_start(name, data, k, lrs):
    """'Replay the new schedule: build the optimizer and scheduler with the new values on a stand-in parameter,
    step them as far as the checkpoint got, then load the real optimizer state (momentum buffers), copy the
    stand-in's group hyperparameters over it and load the stand-in scheduler's state. Right for every scheduler,
    and for any change of arguments, not only the LR. For ReduceLROnPlateau, replay the metrics the first run
    saw': every argument and the optimizer's lr changed at once to other random values; the LR and momentum equal
    the new run's at every later step, and the momentum buffers are the real run's."""
    old, new = draw_arguments(name, data), draw_arguments(name, data)
    n = length(name, new)
    k = min(k, length(name, old) - 1, n - 1)
    metrics = data.draw(metric_lists)
    model = torch.nn.Linear(2, 1)  # the real parameters, trained with the old schedule up to step k
    optimizer = torch.optim.SGD(model.parameters(), lr=lrs[0], momentum=0.9)
    scheduler = construct(name, optimizer, old)
    for t in range(k):
        optimizer.zero_grad()
        model(torch.ones(1, 2)).sum().backward()
        optimizer.step()
        step(name, scheduler, metrics[t])
    checkpoint = copy.deepcopy({"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()})
    stand_in = sgd((lrs[1],))
    schedule = construct(name, stand_in, new)
    run_from(name, stand_in, schedule, range(k), metrics)  # the same metrics as the first run
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lrs[1], momentum=0.9)
    scheduler = construct(name, optimizer, new)
    optimizer.load_state_dict(checkpoint["optimizer"])
    buffers = [s["momentum_buffer"].clone() for s in optimizer.state.values()]
    assert len(buffers) == 2
    for group in optimizer.param_groups:
        group.update({key: value for key, value in stand_in.param_groups[0].items() if key != "params"})
    scheduler.load_state_dict(schedule.state_dict())
    assert all(torch.equal(s["momentum_buffer"], b) for s, b in zip(optimizer.state.values(), buffers, strict=True))
    used, error = run_from(name, optimizer, scheduler, range(k, n), metrics)
    assert error is None
    wanted = fresh_run(name, new, lrs[1], metrics)
    assert same(used, wanted[k:], rel=1e-10), name


# --- changed arguments on resume

def step_reads(name):
    """The attributes the code that runs at each step reads (get_lr, step, ReduceLROnPlateau's step and the
    methods and properties they call), from torch's source."""
    cls = scheduler_class(name)
    todo, seen, names = ["get_lr", "step"], set(), set()
    while todo:
        method = todo.pop()
        if method in seen:
            continue
        seen.add(method)
        found = inspect.getattr_static(cls, method)
        function = found.fget if isinstance(found, property) else getattr(found, "__func__", found)
        for attribute in re.findall(r"self\.(\w+)", inspect.getsource(function)):
            static = inspect.getattr_static(cls, attribute, None)
            if isinstance(static, property) or callable(static) or isinstance(static, (staticmethod, classmethod)):
                if not isinstance(static, staticmethod):
                    todo.append(attribute)
            else:
                names.add(attribute)
    return names


def computed(scheduler, optimizer, argument, name):
    """What the steps read that a scheduler computed from its arguments: those attributes but the argument itself
    and the LR, and its optimizer's group entries but the LR and momentum."""
    reads = step_reads(name) - {argument, "_last_lr"}
    state = {k: v for k, v in scheduler.state_dict().items() if k in reads}
    groups = [{k: v for k, v in g.items() if k not in ("params", "lr", "momentum", "betas")}
              for g in optimizer.param_groups]
    return state, groups


# read at each step, but through something construction made of them (read from torch's constructors)
CONVERTED = {("OneCycleLR", "total_steps"),  # its phase ends: _schedule_phases
             ("MultiStepLR", "milestones"),  # a Counter
             ("CosineAnnealingWarmRestarts", "T_0"),  # T_i, the plain step reads that
             ("CyclicLR", "cycle_momentum"), ("OneCycleLR", "cycle_momentum")}  # use_beta1, the momentum bounds
SETTABLE = [(n, a) for n in NAMES for a in ARGUMENTS[n] if (n, a) not in FUNCTIONS and a != "schedulers"]


def test_what_the_steps_read_for_the_page_examples():
    assert {"step_size", "gamma", "last_epoch"} <= step_reads("StepLR")
    assert {"total_steps", "_schedule_phases", "_anneal_func_type"} <= step_reads("OneCycleLR")
    assert {"total_size", "step_ratio", "_scale_fn_custom"} <= step_reads("CyclicLR")
    assert "step_size_up" not in step_reads("CyclicLR") and "milestones" in step_reads("MultiStepLR")
    assert {"mode", "best", "min_lrs", "eps"} <= step_reads("ReduceLROnPlateau")


@pytest.mark.parametrize("name, argument", SETTABLE)
@FEW
@given(data=st.data(), k=st.integers(0, HORIZON - 2))
def test_setting_an_attribute_after_loading_works_only_as_the_page_says(name, argument, data, k):
    """'Setting an attribute after load_state_dict() works when the scheduler keeps that argument as it is and
    reads it at each step, and the new value would have changed nothing so far, as with StepLR's step_size above.
    It fails when the value was turned into something else at construction: OneCycleLR computes its phase ends
    from total_steps, CyclicLR turns step_size_up into total_size and step_ratio, MultiStepLR turns milestones into
    a Counter' (and the questions page's advice to set the attribute again after loading): for every argument of
    every scheduler but functions, a random new value set after loading a checkpoint of step k
    - gives the run with the new value from the start, when the attribute is stored unchanged, read at each step,
      and the two runs agree on the LRs and on everything else the steps read, up to step k;
    - is ignored (the saved run goes on) when no step reads it;
    - does not give the new run when construction turned the value into something else the steps read (other
      attributes, or another type), though a step also reads the attribute (CONVERTED; a list of milestones at the
      first milestone it reaches)."""
    old = draw_arguments(name, data)
    new = dict(old)
    if name == "OneCycleLR" and argument in ("epochs", "steps_per_epoch"):
        old["total_steps"] = new["total_steps"] = None
    value = data.draw(ARGUMENTS[name][argument], label="new value")
    new[argument] = value
    if name == "OneCycleLR" and argument == "total_steps":
        old["total_steps"] = old["total_steps"] or data.draw(ARGUMENTS[name]["total_steps"])
    n = min(length(name, old), length(name, new))
    k = min(k, n - 2)
    metrics = data.draw(metric_lists)
    states = []  # what the steps read, but the argument, at step k of the runs with the old and the new value
    for kw in (old, new):
        optimizer = sgd((0.1,))
        scheduler = construct(name, optimizer, kw)
        run_from(name, optimizer, scheduler, range(k), metrics)
        states.append(computed(scheduler, optimizer, argument, name))
    saved, checkpoint = saved_run(name, old, metrics, k)
    wanted = fresh_run(name, new, 0.1, metrics)
    optimizer, scheduler = resumed(name, old, checkpoint)
    setattr(scheduler, argument, value)
    used, error = run_from(name, optimizer, scheduler, range(k, n), metrics)
    fresh = construct(name, sgd((0.1,)), new)
    kept = argument in vars(fresh) and type(vars(fresh)[argument]) is type(value) and same(vars(fresh)[argument],
                                                                                           value)
    if argument not in step_reads(name):
        assert error is None and same(used, saved[k:n]), (name, argument)  # ignored
    elif (name, argument) in CONVERTED or not kept:
        # a list answers `t in milestones` as the Counter does; it fails where the count is read, at a milestone
        consulted = name != "MultiStepLR" or any(k < m < n for m in value)
        if consulted and not same(saved[k:n], wanted[k:n]):
            assert error is not None or not same(used, wanted[k:n], rel=1e-10), (name, argument)  # fails
    elif same(saved[:k + 1], wanted[:k + 1]) and same(states[0], states[1]):
        assert error is None and same(used, wanted[k:n], rel=1e-10), (name, argument)  # works


# --- extending OneCycleLR

@MANY
@given(planned=st.integers(10, 60), data=st.data(), max_lr=st.floats(0.01, 1.0), pct=st.floats(0.1, 0.45),
       strategy=st.sampled_from(["cos", "linear"]), three_phase=st.booleans(), div=st.floats(2.0, 100.0),
       final_div=st.floats(10.0, 1e5))
def test_one_cycle_with_only_total_steps_edited(planned, data, max_lr, pct, strategy, three_phase, div, final_div):
    """'Only total_steps edited: no error, but the phases still end at step 39, and the cosine past its end rises
    again (with anneal_strategy="linear" it keeps falling in a straight line and goes below zero)': any planned
    length, resume step, longer total and one-cycle arguments; every step of the longer run is the planned
    schedule's closed form, extrapolated past its last phase. (pct_start * total_steps must exceed 1, or torch
    divides by zero in the first step: a first phase of no length.)"""
    assume(pct * planned >= 2)
    k = data.draw(st.integers(1, planned - 1))
    extended = data.draw(st.integers(planned + 1, 2 * planned + 40))
    kw = dict(max_lr=max_lr, pct_start=pct, anneal_strategy=strategy, three_phase=three_phase, div_factor=div,
              final_div_factor=final_div)
    optimizer = sgd((0.1,))
    scheduler = sched.OneCycleLR(optimizer, total_steps=planned, **kw)
    first = lrs_used(optimizer, scheduler, k)
    checkpoint = copy.deepcopy({"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()})
    optimizer = sgd((0.1,))
    scheduler = sched.OneCycleLR(optimizer, total_steps=planned, **kw)
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    scheduler.total_steps = extended
    used = first + lrs_used(optimizer, scheduler, extended - k)  # no error

    def closed(t):
        return one_cycle_cf(t, planned, max_lr=max_lr, pct=pct, div=div, final_div=final_div, strategy=strategy,
                            three_phase=three_phase)[0]

    assert same(used, [closed(t) for t in range(extended)], rel=1e-9, abs_tol=1e-12)
    end, min_lr = planned - 1, max_lr / div / final_div
    assert same(used[end], min_lr, rel=1e-9)  # the last phase still ends at the planned last step
    if strategy == "cos":
        assert used[end + 1] > used[end]
        return
    start = max_lr / div if three_phase else max_lr  # where the last phase starts, and its length
    phase = end - ((2 * pct * planned - 2) if three_phase else (pct * planned - 1))
    slope = (min_lr - start) / phase
    assert all(same(used[t], min_lr + slope * (t - end), rel=1e-9, abs_tol=1e-12) for t in range(end, extended))
    crossing = end + min_lr / -slope  # the line goes below zero after this point
    assert all((used[t] < 0) == (t > crossing) for t in range(end, extended) if abs(t - crossing) > 1e-6)


@CLAIM
@given(planned=st.integers(10, 60), pct=st.floats(0.1, 0.45), three_phase=st.booleans(), max_lr=st.floats(0.01, 1))
def test_one_cycle_linear_goes_below_zero_from_the_first_step_past_the_end_with_the_default_factors(
        planned, pct, three_phase, max_lr):
    """The page's linear case, default div_factor and final_div_factor: below zero right after the planned end."""
    assume(pct * planned >= 2)
    optimizer = sgd((0.1,))
    scheduler = sched.OneCycleLR(optimizer, max_lr=max_lr, total_steps=planned, pct_start=pct,
                                 anneal_strategy="linear", three_phase=three_phase)
    used = lrs_used(optimizer, scheduler, planned - 1)
    scheduler.total_steps = planned + 5
    used += lrs_used(optimizer, scheduler, 5)
    assert used[planned - 1] > 0 > used[planned]


# --- adding a param group later

def _joiners():
    """Schedulers that neither raise nor undo an added group: (name, build, factor(t) relative to the base LR)."""
    g = st.floats(0.05, 1.0)
    return st.one_of(
        st.tuples(g, st.integers(1, 8)).map(lambda a: ("StepLR", lambda o: sched.StepLR(o, a[1], a[0]),
                                                       lambda t: a[0] ** (t // a[1]))),
        st.tuples(g, st.lists(st.integers(1, 30), min_size=1, max_size=3, unique=True)).map(
            lambda a: ("MultiStepLR", lambda o: sched.MultiStepLR(o, a[1], a[0]),
                       lambda t: a[0] ** sum(m <= t for m in a[1]))),
        g.map(lambda a: ("ExponentialLR", lambda o: sched.ExponentialLR(o, a), lambda t: a ** t)),
        st.tuples(st.integers(21, 40), st.floats(0.5, 3.0)).map(
            lambda a: ("PolynomialLR", lambda o: sched.PolynomialLR(o, a[0], a[1]),
                       lambda t: (1 - min(t, a[0]) / a[0]) ** a[1])),
        st.tuples(st.floats(0.05, 0.95), st.integers(1, 12)).map(
            lambda a: ("ConstantLR", lambda o: sched.ConstantLR(o, a[0], a[1]),
                       lambda t: constant_cf(1.0, a[0], a[1], t))),
        st.tuples(st.floats(0.05, 1.0), st.floats(0.05, 1.0), st.integers(1, 12)).map(
            lambda a: ("LinearLR", lambda o: sched.LinearLR(o, a[0], a[1], a[2]),
                       lambda t: linear_cf(1.0, a[0], a[1], a[2], t))),
        st.tuples(st.floats(0.05, 1.0), st.integers(1, 12), st.floats(0.5, 1.0)).map(
            lambda a: ("ChainedScheduler",
                       lambda o: sched.ChainedScheduler([sched.LinearLR(o, a[0], total_iters=a[1]),
                                                         sched.ExponentialLR(o, a[2])], optimizer=o),
                       lambda t: linear_cf(1.0, a[0], 1.0, a[1], t) * a[2] ** t)),
    )


@MANY
@given(joiner=_joiners(), joined=st.integers(1, 20), added=st.floats(0.001, 1.0))
def test_an_added_group_is_scaled_from_where_it_joined_and_lifted_only_by_a_rising_factor(joiner, joined, added):
    """'wrong LR: the new group keeps its ratio to the first group, so it follows the schedule from where it
    joined, but the schedule then undoes a warm-up factor that was never applied to it: ConstantLR and LinearLR
    (and the ChainedScheduler here, whose LinearLR still rises faster than its ExponentialLR decays when the group
    joins) lift it above the LR you gave it' and 'handled: the new group keeps its ratio to the first group ... and
    never exceeds the LR it was added with ... it starts from that LR: the decay of the steps before it joined is not
    applied to it': at every step the added group's LR is the LR it was added with times the schedule's factor
    since it joined (closed forms), and it is lifted above that LR exactly when the factor rises after it joins:
    during ConstantLR's and LinearLR's warm-up, and for the chain when its first step after the join rises."""
    name, build, factor = joiner
    total = 30
    assume(factor(joined) > 0)
    optimizer = sgd((0.1,))
    scheduler = build(optimizer)
    first, new = [], []
    for t in range(total):
        if t == joined:
            optimizer.add_param_group({"params": [torch.nn.Parameter(torch.zeros(1))], "lr": added})
        first.append(optimizer.param_groups[0]["lr"])
        if t >= joined:
            new.append(optimizer.param_groups[1]["lr"])
        optimizer.step()
        scheduler.step()
    for t in range(joined, total):
        assert close(new[t - joined], added * factor(t) / factor(joined), rel=1e-9, abs_tol=1e-15), (name, t)
        assert close(new[t - joined] * first[joined], added * first[t], rel=1e-9, abs_tol=1e-15), (name, t)
    lifted = max(new) > added * (1 + 1e-12)
    rises = any(factor(t) > factor(joined) * (1 + 1e-12) for t in range(joined, total))
    assert lifted == rises, name
    if name in ("StepLR", "MultiStepLR", "ExponentialLR", "PolynomialLR"):
        assert not lifted  # handled
    elif name in ("ConstantLR", "LinearLR"):  # lifted if it joined during a warm-up
        warm_up = build(sgd((0.1,)))
        assert lifted == (joined < warm_up.total_iters and factor(warm_up.total_iters) > factor(0)), name
    else:
        linear, exponential = build(sgd((0.1,)))._schedulers
        growth = linear_cf(1.0, linear.start_factor, 1.0, linear.total_iters, joined + 1) / linear_cf(
            1.0, linear.start_factor, 1.0, linear.total_iters, joined)
        assert lifted == (growth * exponential.gamma > 1 + 1e-12), (growth, exponential.gamma)


@MANY
@given(data=st.data(), joined=st.integers(1, 20), added=st.floats(0.001, 1.0), lr=st.floats(0.01, 1.0))
def test_a_group_added_to_reduce_lr_on_plateau_keeps_its_ratio_until_min_lr(data, joined, added, lr):
    """'handled: the new group keeps its ratio to the first group (for ReduceLROnPlateau, until min_lr stops one of
    them) and never exceeds the LR it was added with': a scalar min_lr, random arguments and metrics; the added
    group follows the model (tests/test_reduce_lr_on_plateau.py) with the group added at the same step."""
    kw = draw_arguments("ReduceLROnPlateau", data)
    kw["min_lr"] = kw["min_lr"][0] if isinstance(kw["min_lr"], list) else kw["min_lr"]
    metrics = data.draw(st.lists(st.floats(0.5, 1.5), min_size=40, max_size=40))
    optimizer = sgd((lr,))
    scheduler = sched.ReduceLROnPlateau(optimizer, **kw)
    rule = plateau_rule(kw, lr)
    first, new = [], []
    for t in range(40):
        if t == joined:
            optimizer.add_param_group({"params": [torch.nn.Parameter(torch.zeros(1))], "lr": added})
            rule.lrs.append(added)
            rule.floors.append(kw["min_lr"])
        first.append(optimizer.param_groups[0]["lr"])
        if t >= joined:
            new.append(optimizer.param_groups[1]["lr"])
            assert same(new[-1], rule.lrs[1], abs_tol=0.0), t
        optimizer.step()
        scheduler.step(metrics[t])
        rule.feed(metrics[t])
    assert max(new) == added
    ratio, floor, f = added / first[joined], kw["min_lr"], kw["factor"]
    for t in range(joined, 40):
        if not same(new[t - joined], ratio * first[t], rel=1e-9):
            # the ratio breaks only where min_lr (or eps) stopped the reduction of one of the two groups
            stopped = [max(x * f, floor) == floor or x - max(x * f, floor) <= kw["eps"]
                       for x in (first[t - 1], new[t - 1 - joined])]
            assert any(stopped), t
            break


OPTIMIZERS = {  # every optimizer of torch.optim that takes param groups of dense parameters
    "SGD": lambda groups: torch.optim.SGD(groups, lr=LR0, momentum=0.9, weight_decay=0.01),
    "Adam": lambda groups: torch.optim.Adam(groups, lr=LR0, weight_decay=0.01),
    "AdamW": lambda groups: torch.optim.AdamW(groups, lr=LR0),
    "RMSprop": lambda groups: torch.optim.RMSprop(groups, lr=LR0, momentum=0.9, weight_decay=0.01),
    "Adagrad": lambda groups: torch.optim.Adagrad(groups, lr=LR0, weight_decay=0.01),
    "Adadelta": lambda groups: torch.optim.Adadelta(groups, lr=LR0, weight_decay=0.01),
    "Adamax": lambda groups: torch.optim.Adamax(groups, lr=LR0, weight_decay=0.01),
    "NAdam": lambda groups: torch.optim.NAdam(groups, lr=LR0, weight_decay=0.01),
    "RAdam": lambda groups: torch.optim.RAdam(groups, lr=LR0, weight_decay=0.01),
    "ASGD": lambda groups: torch.optim.ASGD(groups, lr=LR0, weight_decay=0.01),
    "Rprop": lambda groups: torch.optim.Rprop(groups, lr=LR0),
    "Adafactor": lambda groups: torch.optim.Adafactor(groups, lr=LR0),
    "Muon": None,  # 2-D parameters only; checked below with a matrix
}
CYCLE_MOMENTUM = {"CyclicLR", "OneCycleLR"}  # their default cycle_momentum=True needs momentum or betas


def test_the_optimizers_are_every_optimizer_of_torch():
    """(LBFGS takes no param groups, SparseAdam sparse gradients only.)"""
    classes = {n for n in torch.optim.__all__ if isinstance(getattr(torch.optim, n), type)}
    assert set(OPTIMIZERS) == classes - {"Optimizer", "LBFGS", "SparseAdam"}


@pytest.mark.parametrize("opt_name", sorted(OPTIMIZERS))
@FEW
@given(data=st.data(), frozen_for=st.integers(1, T - 2), ratio=st.floats(0.05, 2.0))
def test_a_parameter_without_a_gradient_stays_put_and_its_group_follows_the_schedule(opt_name, data, frozen_for,
                                                                                    ratio):
    """'Create the optimizer with all its groups before the scheduler, and freeze with requires_grad_(False): a
    parameter without a gradient is skipped by optimizer.step(), so it does not move, while its group's LR
    follows the schedule like the others. This works with every scheduler, including those that raise above'
    (and the questions page's 'its LR follows the schedule with every scheduler'): every optimizer, every
    scheduler with random arguments, a random freezing time; the frozen parameter is bit-for-bit unchanged while
    frozen, and both groups' LRs are those of a run where nothing was frozen, at every step."""
    names = [n for n in NAMES if opt_name not in ("Adagrad", "Adadelta", "ASGD", "Rprop", "Adafactor")
             or n not in CYCLE_MOMENTUM]
    name = data.draw(st.sampled_from(names))
    build, _ = data.draw(SPECS[name])
    shape = (2, 2)

    def make(frozen):
        torch.manual_seed(0)
        head, backbone = torch.nn.Parameter(torch.randn(shape)), torch.nn.Parameter(torch.randn(shape))
        backbone.requires_grad_(not frozen)
        groups = [{"params": [head]}, {"params": [backbone], "lr": LR0 * ratio}]
        if opt_name == "Muon":
            optimizer = torch.optim.Muon(groups, lr=LR0, momentum=0.9, weight_decay=0.01)
        else:
            optimizer = OPTIMIZERS[opt_name](groups)
        return head, backbone, optimizer, build(optimizer)

    head, backbone, optimizer, scheduler = make(frozen=True)
    _, _, reference, reference_scheduler = make(frozen=False)
    before = backbone.detach().clone()
    for t in range(T):
        if t == frozen_for:
            backbone.requires_grad_(True)
        for o in (optimizer, reference):
            o.zero_grad()
        (head.sum() + backbone.sum()).pow(2).backward() if backbone.requires_grad else head.sum().pow(2).backward()
        for o, s in ((optimizer, scheduler), (reference, reference_scheduler)):
            o.step()
            step(name, s, 1.0)
        if t < frozen_for:
            assert torch.equal(backbone, before), (name, t)
        assert [g["lr"] for g in optimizer.param_groups] == [g["lr"] for g in reference.param_groups], (name, t)


# === guides/questions.md =============================================================================================

@MANY
@given(lrs=st.lists(st.floats(0.01, 1.0), min_size=1, max_size=3), g=st.floats(0.1, 0.99), steps=st.integers(1, 20))
def test_a_subclass_that_defines_only_get_closed_form_lr_does_not_work(lrs, g, steps):
    """'A subclass that defines only _get_closed_form_lr() does not work': its constructor raises
    NotImplementedError for any closed form and any param groups; with get_lr() returning the closed form it
    follows that closed form at every step."""

    class OnlyClosedForm(sched.LRScheduler):
        def _get_closed_form_lr(self):
            return [base * g ** self.last_epoch for base in self.base_lrs]

    with pytest.raises(NotImplementedError):
        OnlyClosedForm(sgd(lrs))

    class WithGetLr(OnlyClosedForm):
        def get_lr(self):
            return self._get_closed_form_lr()

    optimizer = sgd(lrs)
    scheduler = WithGetLr(optimizer)
    for t in range(steps):
        assert all(close(group["lr"], lr * g ** t, rel=1e-12) for group, lr in zip(optimizer.param_groups, lrs))
        optimizer.step()
        scheduler.step()


@MANY
@given(lrs=st.lists(st.floats(0.01, 1.0), min_size=1, max_size=3), data=st.data(), steps=st.integers(2, 30),
       meddle=st.floats(0.1, 5.0))
def test_lambda_lr_multiplies_each_groups_initial_lr_not_the_current_one(lrs, data, steps, meddle):
    """'Does the LambdaLR lambda return the learning rate or a factor? A factor, multiplied by each group's initial
    LR (not by the current one)': one lambda or one per group, random factors, and the current LR changed by hand
    at a random step; every group's LR is its initial LR times its lambda at every step."""
    per_group = data.draw(st.booleans())
    gs = data.draw(st.lists(st.floats(0.5, 1.5), min_size=len(lrs), max_size=len(lrs)))
    offsets = data.draw(st.lists(st.floats(0.0, 2.0), min_size=len(lrs), max_size=len(lrs)))
    functions = [lambda t, g=g, c=c: c + g ** t for g, c in zip(gs, offsets)]
    when = data.draw(st.integers(1, steps - 1))
    optimizer = sgd(lrs)
    scheduler = sched.LambdaLR(optimizer, functions if per_group else functions[0])
    for t in range(steps):
        for i, (group, lr) in enumerate(zip(optimizer.param_groups, lrs)):
            if t != when:  # at that step the LR is the one written by hand, until the next step()
                assert close(group["lr"], lr * functions[i if per_group else 0](t), rel=1e-12), (i, t)
        optimizer.step()
        scheduler.step()
        if t + 1 == when:
            for group in optimizer.param_groups:
                group["lr"] *= meddle


def stepped_by_hand(optimizer, schedulers, steps):
    used = []
    for _ in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        for scheduler in schedulers:
            scheduler.step()
    return used


@MANY
@given(a=CHAINABLE, b=CHAINABLE, data=st.data(), steps=st.integers(2, 30))
def test_chainable_schedulers_multiply_closed_form_ones_overwrite_so_order_matters(a, b, data, steps):
    """'Chainable schedulers multiply each other's changes; closed-form ones overwrite the LR, so their order
    decides the result': two chainable schedulers stepped in either order give the product of their factors at
    every step; a closed-form one stepped last gives its own closed form alone, stepped first it is followed by one
    factor of the other, so the two orders differ wherever that factor moves."""
    for first, second in ((a, b), (b, a)):
        optimizer = sgd((0.1,))
        schedulers = [first[1](optimizer), second[1](optimizer)]
        used = stepped_by_hand(optimizer, schedulers, steps)
        assert all(close(used[t], 0.1 * a[2](t) * b[2](t), rel=1e-9, abs_tol=1e-15) for t in range(steps))
    c = data.draw(_closed_form(steps, 0.1))
    runs = []
    for closed_last in (True, False):
        optimizer = sgd((0.1,))
        overwriting, chainable = c[1](optimizer), a[1](optimizer)  # built in this order, stepped in both
        runs.append(stepped_by_hand(optimizer, [chainable, overwriting] if closed_last else [overwriting, chainable],
                                    steps))
    last, first_ = runs
    assert close(last[0], c[2](0) * a[2](0), rel=1e-9) and close(first_[0], c[2](0) * a[2](0), rel=1e-9)
    for t in range(1, steps):
        assert close(last[t], c[2](t), rel=1e-9, abs_tol=1e-15), (c[0], t)
        ratio = a[2](t) / a[2](t - 1) if a[2](t - 1) else 1.0
        assert close(first_[t], c[2](t) * ratio, rel=1e-9, abs_tol=1e-15), (c[0], a[0], t)
    moves = any(not close(a[2](t), a[2](t - 1)) and c[2](t) != 0 for t in range(1, steps))
    assert (last != first_) == moves


@MANY
@given(lrs=st.lists(st.floats(0.001, 1.0), min_size=1, max_size=3), data=st.data(), total=st.integers(10, 40))
def test_one_cycle_lr_replaces_every_groups_lr(lrs, data, total):
    """'OneCycleLR ignores the lr I gave the optimizer. It replaces every group's LR with max_lr / div_factor; change
    div_factor and final_div_factor': any groups, max_lr scalar or one per group, any div factors; the LR of every
    group at every step is its one-cycle closed form, whatever LR the group was given."""
    max_lrs = data.draw(st.lists(st.floats(0.01, 1.0), min_size=len(lrs), max_size=len(lrs)))
    scalar = data.draw(st.booleans())
    if scalar:
        max_lrs = [max_lrs[0]] * len(lrs)
    div, final_div, pct = data.draw(st.floats(1.5, 100)), data.draw(st.floats(2, 1e5)), data.draw(st.floats(0.2, 0.45))
    optimizer = sgd(lrs)
    scheduler = sched.OneCycleLR(optimizer, max_lr=max_lrs[0] if scalar else max_lrs, total_steps=total,
                                 pct_start=pct, div_factor=div, final_div_factor=final_div)
    assert all(close(g["lr"], m / div) for g, m in zip(optimizer.param_groups, max_lrs))
    for t in range(total):
        for group, m in zip(optimizer.param_groups, max_lrs):
            assert close(group["lr"], one_cycle_cf(t, total, max_lr=m, pct=pct, div=div, final_div=final_div)[0],
                         rel=1e-9), t
        optimizer.step()
        scheduler.step()


@pytest.mark.parametrize("name", NAMES)
@CLAIM
@given(data=st.data(), adam=st.booleans())
def test_scheduler_step_writes_only_the_lr_and_the_cycled_momentum(name, data, adam):
    """'Does scheduler.step() also update the weights? No: it only writes into the optimizer's param groups: the
    next LR, and for CyclicLR and OneCycleLR the momentum (or Adam's beta1); optimizer.step() updates the weights':
    at every step of a run with random arguments, scheduler.step() leaves the parameters and the optimizer state
    (momentum buffers, Adam's moments) bit for bit as they were and changes no group entry but those."""
    build, _ = data.draw(SPECS[name])
    model = torch.nn.Linear(3, 1)
    optimizer = (torch.optim.Adam(model.parameters(), lr=LR0) if adam
                 else torch.optim.SGD(model.parameters(), lr=LR0, momentum=0.9))
    scheduler = build(optimizer)
    allowed = {"lr"} | ({"momentum", "betas"} if name in CYCLE_MOMENTUM else set())
    changed = set()
    for t in range(T):
        optimizer.zero_grad()
        model(torch.ones(2, 3)).pow(2).sum().backward()
        optimizer.step()
        weights = [p.detach().clone() for p in model.parameters()]
        state = copy.deepcopy(optimizer.state_dict()["state"])
        groups = [{k: v for k, v in g.items() if k != "params"} for g in optimizer.param_groups]
        step(name, scheduler, 1.0)
        assert all(torch.equal(p, w) for p, w in zip(model.parameters(), weights, strict=True)), t
        after = optimizer.state_dict()["state"]
        assert after.keys() == state.keys() and all(
            torch.equal(after[i][k], state[i][k]) for i in state for k in state[i]), t
        for group, before in zip(optimizer.param_groups, groups, strict=True):
            changed |= {k for k in group if k != "params" and (k not in before or group[k] != before[k])}
    assert changed <= allowed, (name, changed)
    if name in CYCLE_MOMENTUM:
        assert changed & {"momentum", "betas"}  # so the answer has to name them


@MANY
@given(data=st.data(), lrs=st.lists(st.floats(0.001, 1.0), min_size=1, max_size=3),
       metrics=st.lists(st.floats(0.5, 1.5), min_size=20, max_size=20))
def test_reduce_lr_on_plateau_is_an_lrscheduler_with_get_last_lr_in_2_13(data, lrs, metrics):
    """''ReduceLROnPlateau' object has no attribute 'get_last_lr'. Older versions only; in torch 2.13
    ReduceLROnPlateau is an LRScheduler and has get_last_lr()': random arguments and groups; get_last_lr() gives
    every group's LR from construction on and after every step."""
    kw = draw_arguments("ReduceLROnPlateau", data)
    if isinstance(kw["min_lr"], list):
        kw["min_lr"] = kw["min_lr"] * len(lrs)
    optimizer = sgd(lrs)
    scheduler = sched.ReduceLROnPlateau(optimizer, **kw)
    assert isinstance(scheduler, sched.LRScheduler)
    for metric in metrics:
        assert scheduler.get_last_lr() == [g["lr"] for g in optimizer.param_groups]
        optimizer.step()
        scheduler.step(metric)
    assert scheduler.get_last_lr() == [g["lr"] for g in optimizer.param_groups]


def test_the_missing_get_last_lr_error_comes_from_releases_before_2_2_only():
    """'Older versions only': in the release matrix (docs/compatibility.json), the version-history snippet's
    ReduceLROnPlateau.get_last_lr() line fails with "has no attribute 'get_last_lr'" on exactly the releases
    before 2.2 (on 2.2.2 the method exists, but fails before the first step: no attribute '_last_lr')."""
    import matrix  # noqa: PLC0415 - scripts/ is on the path through conftest

    record = matrix.load_record()
    path = matrix.snippet_paths()["version_checks"]
    entries = record["snippets"]["version_checks"].get(matrix.content_hash(path))
    if entries is None:
        pytest.skip("the matrix has not run the current version_checks.py yet")
    assert set(entries) == set(matrix.RELEASES)
    for release, entry in entries.items():
        # Each row of the snippet runs on its own; a row that raises shows it on its line of the diff.
        shown = [line for line in entry.get("diff", []) if line.startswith("+") and "ReduceLROnPlateau.get_last_lr()" in line]
        missing = any("object has no attribute 'get_last_lr'" in line for line in shown)
        assert missing == (matrix.version_key(release) < (2, 2)), release
        if (2, 2) <= matrix.version_key(release) < (2, 3):
            assert any("has no attribute '_last_lr'" in line for line in shown), release
    assert any(matrix.version_key(r) < (2, 2) for r in entries)


@pytest.mark.parametrize("name", [n for n in NAMES if n not in ("LambdaLR", "MultiplicativeLR")])
@CLAIM
@given(data=st.data(), lrs=st.lists(st.floats(0.001, 1.0), min_size=2, max_size=3),
       metrics=st.lists(st.floats(0.5, 1.5), min_size=T, max_size=T))
def test_every_other_scheduler_runs_each_group_as_if_it_were_alone(name, data, lrs, metrics):
    """'Pass one lambda per group to LambdaLR (or MultiplicativeLR); every other scheduler runs each group through
    the same schedule as if it were alone, from its own initial LR (CyclicLR and OneCycleLR from their base_lr and
    max_lr instead, ...)': for random arguments and group LRs, each group's LR at every step is the LR of the
    same scheduler on an optimizer with that group alone; for CyclicLR and OneCycleLR it does not depend on the
    group's LR at all."""
    build, _ = data.draw(SPECS[name])

    def lrs_of(*group_lrs):
        optimizer = sgd(group_lrs)
        scheduler = build(optimizer)
        used = []
        for t in range(T):
            used.append([g["lr"] for g in optimizer.param_groups])
            optimizer.step()
            step(name, scheduler, metrics[t])
        return used

    together = lrs_of(*lrs)
    for i, lr in enumerate(lrs):
        alone = lrs_of(lr)
        assert same([row[i] for row in together], [row[0] for row in alone], abs_tol=0.0), (name, i)
    if name in ("CyclicLR", "OneCycleLR"):
        assert same([row[0] for row in together], [row[1] for row in together], abs_tol=0.0)


@CLAIM
@given(lrs=st.lists(st.floats(0.001, 1.0), min_size=2, max_size=3), data=st.data())
def test_cyclic_and_one_cycle_take_one_bound_per_group(lrs, data):
    """'... (CyclicLR and OneCycleLR from their base_lr and max_lr instead, which take one value per group)': with
    lists, each group's LR at every step is the single-group run with its own values."""
    n = len(lrs)
    base = data.draw(st.lists(st.floats(0.001, 0.05), min_size=n, max_size=n))
    top = data.draw(st.lists(st.floats(0.06, 1.0), min_size=n, max_size=n))
    up = data.draw(st.integers(1, 6))
    makers = [lambda o, b, m: sched.CyclicLR(o, base_lr=b, max_lr=m, step_size_up=up),
              lambda o, b, m: sched.OneCycleLR(o, max_lr=m, total_steps=T)]
    for make in makers:
        optimizer = sgd(lrs)
        together = lrs_used_by_group(optimizer, make(optimizer, base, top), T)
        for i in range(n):
            alone = sgd((lrs[i],))
            assert same([row[i] for row in together], [row[0] for row in
                                                        lrs_used_by_group(alone, make(alone, base[i], top[i]), T)])


class Scale:
    """A callable object holding plain values, as a user's lr_lambda or scale_fn might."""

    def __init__(self, g, extra):
        self.g, self.extra = g, extra

    def __call__(self, x):
        return self.g ** x


plain_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10, 10), st.floats(-1, 1), st.text(max_size=5),
              st.floats(-1, 1).map(lambda x: torch.tensor([x]))),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=3), inner, max_size=3),
                            st.lists(inner, max_size=3).map(tuple)),
    max_leaves=6)


def round_trip(state, weights_only=True):
    buffer = io.BytesIO()
    torch.save(state, buffer)
    buffer.seek(0)
    return torch.load(buffer, weights_only=weights_only)


@pytest.mark.parametrize("name", NAMES)
@CLAIM
@given(data=st.data(), k=st.integers(0, HORIZON - 2), extra=plain_values)
def test_every_scheduler_state_dict_loads_with_weights_only(name, data, k, extra):
    """'Save its state_dict() with the optimizer's; every torch 2.13 scheduler's state dict loads with
    weights_only=True, if the callable objects you pass as lr_lambda or scale_fn hold only plain values': every
    scheduler, random arguments (plain functions, or callable objects holding random numbers, strings, lists,
    dicts, tuples and tensors), saved after k steps; the loaded state dict resumes the run exactly."""
    kw = draw_arguments(name, data)
    if data.draw(st.booleans(), label="callable object"):
        if name in ("LambdaLR", "MultiplicativeLR"):
            kw["lr_lambda"] = Scale(data.draw(gammas), extra)
        elif name == "CyclicLR":
            kw["scale_fn"] = Scale(data.draw(st.floats(0.5, 0.99)), extra)
    n = length(name, kw)
    k = min(k, n - 1)
    metrics = data.draw(metric_lists)
    reference, checkpoint = saved_run(name, kw, metrics, k)
    checkpoint = round_trip(checkpoint)
    optimizer, scheduler = resumed(name, kw, checkpoint)
    used, error = run_from(name, optimizer, scheduler, range(k, n), metrics)
    assert error is None and same(used, reference[k:]), name


def test_a_callable_object_holding_other_values_does_not_load_with_weights_only():
    """Why the answer needs its condition: a NumPy number in a callable lr_lambda makes the state dict unloadable
    with weights_only=True (torch's default since 2.6)."""
    numpy = pytest.importorskip("numpy")
    scheduler = sched.LambdaLR(sgd((0.1,)), Scale(numpy.float64(0.9), None))
    with pytest.raises(Exception, match="Weights only load failed"):
        round_trip(scheduler.state_dict())
    assert round_trip(scheduler.state_dict(), weights_only=False)["lr_lambdas"][0]["g"] == 0.9


def cycle_lengths(T_0, T_mult, positions, step_epoch):
    """The lengths of the cycles a run goes through: T_i at each restart (T_i changes, or T_cur goes back)."""
    optimizer = sgd((0.1,))
    scheduler = sched.CosineAnnealingWarmRestarts(optimizer, T_0=T_0, T_mult=T_mult)
    lengths, last = [scheduler.T_i], scheduler.T_cur
    for x in positions:
        optimizer.step()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # step(epoch) warns that epoch is deprecated
            scheduler.step(x) if step_epoch else scheduler.step()
        if scheduler.T_i != lengths[-1] or scheduler.T_cur < last:
            lengths.append(scheduler.T_i)
        last = scheduler.T_cur
    return lengths


@MANY
@given(T_0=st.integers(1, 10), T_mult=st.integers(1, 4), steps=st.integers(1, 200), per_epoch=st.integers(1, 10),
       bad=st.one_of(st.integers(-5, 0), st.floats(-2.0, 5.0).filter(lambda x: x != int(x) or x < 1)))
def test_t_mult_is_an_integer_of_at_least_1_so_cycles_never_get_shorter(T_0, T_mult, steps, per_epoch, bad):
    """'Can CosineAnnealingWarmRestarts make restarts more frequent (T_mult below 1)? No: T_mult must be an integer
    of at least 1, so cycles never get shorter': any T_mult below 1 or not an integer (floats too, even 2.0) is
    refused with a ValueError; with a valid one, the cycle lengths, stepped plainly or with fractional epochs, are
    T_0 times powers of T_mult and never decrease."""
    with pytest.raises(ValueError, match="T_mult"):
        sched.CosineAnnealingWarmRestarts(sgd((0.1,)), T_0=T_0, T_mult=bad)
    with pytest.raises(ValueError, match="T_mult"):
        sched.CosineAnnealingWarmRestarts(sgd((0.1,)), T_0=T_0, T_mult=float(T_mult))
    plain = cycle_lengths(T_0, T_mult, range(1, steps + 1), step_epoch=False)
    fractional = cycle_lengths(T_0, T_mult, [i / per_epoch for i in range(1, steps + 1)], step_epoch=True)
    for lengths in (plain, fractional):
        assert lengths == sorted(lengths)
        assert all(x == T_0 * T_mult ** i for i, x in enumerate(lengths)), lengths


@MANY
@given(lrs=st.lists(st.floats(0.001, 1.0), min_size=1, max_size=4), g=st.floats(0.1, 0.99), steps=st.integers(1, 20),
       wrong=st.integers(0, 6))
def test_get_lr_must_return_one_value_per_group_from_each_groups_base_lr(lrs, g, steps, wrong):
    """'My custom scheduler gives every param group the same LR. get_lr() must return one value per param group,
    computed from each group's own base LR': a list of another length fails at construction; the i-th value goes
    to group i at every step, and base_lrs holds each group's own initial LR, so values computed from it keep the
    groups apart, while one value computed from a single LR gives every group that LR."""

    def custom(values):
        class Custom(sched.LRScheduler):
            def get_lr(self):
                return values(self)
        return Custom

    if wrong != len(lrs):
        with pytest.raises(ValueError):
            custom(lambda s: [0.1 * g ** s.last_epoch] * wrong)(sgd(lrs))
    optimizer = sgd(lrs)
    scheduler = custom(lambda s: [base * g ** s.last_epoch for base in s.base_lrs])(optimizer)
    assert scheduler.base_lrs == lrs
    shared = sgd(lrs)
    same_lr = custom(lambda s: [s.base_lrs[0] * g ** s.last_epoch] * len(s.base_lrs))(shared)
    for t in range(steps):
        assert [grp["lr"] for grp in optimizer.param_groups] == [base * g ** t for base in lrs]
        assert [grp["lr"] for grp in shared.param_groups] == [lrs[0] * g ** t] * len(lrs)
        for o, s in ((optimizer, scheduler), (shared, same_lr)):
            o.step()
            s.step()


@MANY
@given(old=ARGUMENTS["MultiStepLR"]["milestones"], new=ARGUMENTS["MultiStepLR"]["milestones"], gamma=gammas,
       data=st.data())
def test_multi_step_milestones_set_after_loading_work_as_a_counter_not_as_a_list(old, new, gamma, data):
    """'set the attribute again after loading if the new value would have changed nothing so far (MultiStepLR's
    milestones as a Counter)': resumed before the first milestone of either list, a Counter of the new milestones
    gives the run with them from the start at every step, and the list itself fails at the first new milestone
    the run reaches (IndexError, or a wrong power of gamma)."""
    n = 32
    k = data.draw(st.integers(0, min(old + new) - 1))
    wanted = fresh_run("MultiStepLR", {"milestones": new, "gamma": gamma}, 0.1, [1.0] * n, n)
    for value in (Counter(new), list(new)):
        optimizer = sgd((0.1,))
        scheduler = sched.MultiStepLR(optimizer, old, gamma)
        run_from("MultiStepLR", optimizer, scheduler, range(k), [1.0] * n)
        checkpoint = copy.deepcopy({"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()})
        optimizer = sgd((0.1,))
        scheduler = sched.MultiStepLR(optimizer, old, gamma)
        optimizer.load_state_dict(checkpoint["optimizer"])
        scheduler.load_state_dict(checkpoint["scheduler"])
        scheduler.milestones = value
        used, error = run_from("MultiStepLR", optimizer, scheduler, range(k, n), [1.0] * n)
        if isinstance(value, Counter):
            assert error is None and same(used, wanted[k:], abs_tol=0.0)
        else:
            first = min(m for m in new if m > k)
            assert isinstance(error, IndexError) or not same(used[first - k], wanted[first], abs_tol=0.0)
            assert same(used[:first - k], wanted[k:first], abs_tol=0.0)
