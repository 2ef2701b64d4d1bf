"""Quantified claims of the guide pages (stepping, questions, composition, custom schedulers), proven over their
domain (issue 8)."""

from __future__ import annotations

import ast
import bisect
import copy
import itertools
import math
import warnings

import pytest
import torch
from conftest import lrs_used, lrs_used_by_group, snippet
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_claims_composites import CHAINABLE, ORDER_WARNING, close, lr_of, spy
from test_claims_composites import sgd as groups_sgd
from test_claims_reference import step
from test_custom_schedulers import approx as approx_warm_up_restarts
from test_custom_schedulers import fresh as fresh_warm_up_restarts
from test_custom_schedulers import reference
from test_custom_schedulers import run as run_warm_up_restarts
from test_cyclic_lr import closed_form as cyclic_cf
from test_exponential_lr import closed_form as exponential_cf
from test_one_cycle_lr import closed_form as one_cycle_cf
from test_properties import LR0, NAMES, SPECS, T
from test_properties import optimizer as sgd_optimizer
from torch.optim import lr_scheduler as sched
from torch.optim.lr_scheduler import LRScheduler
from torch.optim.swa_utils import SWALR

FEW = settings(max_examples=20, deadline=None, derandomize=True, database=None)
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None)
GET_LR_WARNING = "To get the last learning rate computed by the scheduler, please use `get_last_lr()`."
CLOSED_FORM = ["LambdaLR", "CosineAnnealingWarmRestarts", "CyclicLR", "OneCycleLR"]
COMPOSITES = ("SequentialLR", "ChainedScheduler")
# every scheduler a composite accepts as a part (ReduceLROnPlateau is refused), composites themselves left out
PARTS = [n for n in NAMES if n not in COMPOSITES + ("ReduceLROnPlateau",)]


# === guides/stepping.md ===============================================================================================

@SETTINGS
@given(gamma=st.floats(0.05, 1.5), lr=st.floats(1e-4, 1.0), n=st.integers(2, 120))
def test_exponential_lr_get_lr_by_hand_is_the_next_steps_lr_and_warns(gamma, lr, n):
    """guides/stepping.md: get_lr() called by hand applies the update once more without advancing the
    counter, warns at every call, and returns the next step's LR (for ExponentialLR, from construction
    on), which differs from the LR in use wherever the update changes the LR (gamma != 1); the optimizer's LR stays right."""
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
    scheduler = sched.ExponentialLR(optimizer, gamma=gamma)
    used, shown = [], []
    for t in range(n):
        used.append(optimizer.param_groups[0]["lr"])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            shown.append(scheduler.get_lr()[0])
        assert [str(w.message) for w in caught] == [GET_LR_WARNING]
        assert scheduler.last_epoch == t  # the counter did not move
        optimizer.step()
        scheduler.step()
    for t in range(n):
        assert close(used[t], exponential_cf(lr, gamma, t), rel=1e-11)
        assert close(shown[t], exponential_cf(lr, gamma, t + 1), rel=1e-11)
        if t + 1 < n:
            assert close(shown[t], used[t + 1])
        if gamma != 1.0:
            assert shown[t] != used[t]


@pytest.mark.parametrize("name", NAMES)
@FEW
@given(data=st.data())
def test_each_step_call_advances_the_counter_by_one_and_writes_the_next_lr(name, data):
    """guides/stepping.md 'Each call advances its counter by one and writes the next learning rate into
    optimizer.param_groups', for every scheduler, SWALR and both compositions, at every step of a run
    (ChainedScheduler has no counter of its own: each of its members advances by one)."""
    build, closed = data.draw(SPECS[name])
    optimizer = sgd_optimizer()
    scheduler = build(optimizer)

    def counter():
        if hasattr(scheduler, "last_epoch"):
            return [scheduler.last_epoch]
        return [s.last_epoch for s in scheduler._schedulers]

    before = counter()
    for k in range(1, T):
        optimizer.step()
        step(name, scheduler)
        now = counter()
        assert now == [c + 1 for c in before], (name, k, before, now)
        before = now
        if closed is not None:
            assert close(optimizer.param_groups[0]["lr"], closed(k), rel=1e-9)



NO_ORDER_CHECK = {"CosineAnnealingWarmRestarts", "ReduceLROnPlateau"}  # their own step() skips the base class's


def plateau_lr(calls, factor, patience, cooldown, eps=1e-8):
    """LR after `calls` step(metric) calls of ReduceLROnPlateau(lr=LR0) whose metric never improves after the first
    call: it reduces at call patience + 2, then every patience + 1 + cooldown calls, unless the change is <= eps."""
    lr = LR0
    for n in range(patience + 2, calls + 1, patience + 1 + cooldown):
        if lr - lr * factor > eps:
            lr *= factor
    return lr


def scheduler_and_closed_form(name, data, optimizer):
    """A scheduler with random valid arguments and its LR after n step() calls, written independently of torch."""
    if name == "ReduceLROnPlateau":  # SPECS has no closed form for it: a flat metric, with cooldown as well
        factor, patience, cooldown = data.draw(st.tuples(st.floats(0.3, 0.95), st.integers(0, 3), st.integers(0, 3)))
        scheduler = sched.ReduceLROnPlateau(optimizer, factor=factor, patience=patience, cooldown=cooldown)
        return scheduler, lambda n: plateau_lr(n, factor, patience, cooldown)
    build, closed = data.draw(SPECS[name])
    return build(optimizer), closed


@pytest.mark.parametrize("name", NAMES)
@FEW
@given(data=st.data(), batches=st.lists(st.integers(0, 3), min_size=3 * T, max_size=3 * T))
def test_without_an_epoch_argument_every_duration_is_a_number_of_step_calls(name, data, batches):
    """stepping.md: 'A scheduler does not know what an epoch is: when step() gets no epoch argument, every argument
    that looks like a duration is a number of step() calls': whatever number of optimizer steps (batches) come between two calls, the
    LR after n calls is the closed form at n, in which step_size, milestones, total_iters, T_max, T_0,
    step_size_up/down, total_steps, anneal_epochs, patience and cooldown count calls."""
    optimizer = sgd_optimizer()
    scheduler, closed = scheduler_and_closed_form(name, data, optimizer)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zero batches before the first call: the order warning
        for n in range(1, T if name == "OneCycleLR" else 3 * T):
            for _ in range(batches[n]):
                optimizer.step()
            step(name, scheduler)
            assert close(lr_of(optimizer), closed(n), rel=1e-9), (name, n)


def test_cyclic_lr_and_one_cycle_lr_are_the_schedulers_documented_per_batch():
    """stepping.md: 'Most schedulers are written with epochs in mind; CyclicLR and OneCycleLR are meant to be stepped
    after every batch': torch's docstrings of these two (and only these) say the policy changes the LR after every
    batch and step() should be called after a batch; every other scheduler's docstring speaks of epochs, not
    batches."""
    per_batch = set()
    for name in NAMES:
        cls = SWALR if name == "SWALR" else getattr(sched, name)
        doc = " ".join(cls.__doc__.split())
        if ("changes the learning rate after every batch" in doc
                and "`step` should be called after a batch has been used for training" in doc):
            per_batch.add(name)
        else:
            assert "epoch" in doc.lower() and "batch" not in doc.lower(), name
    assert per_batch == {"CyclicLR", "OneCycleLR"}


@FEW
@given(epochs=st.integers(2, 10), batches=st.integers(8, 20), name=st.sampled_from(["CyclicLR", "OneCycleLR"]),
       data=st.data())
def test_a_per_batch_scheduler_stepped_once_per_epoch_shows_only_its_first_values(epochs, batches, name, data):
    """stepping.md: 'Step a per-batch scheduler once per epoch and you only see the first sliver of it': sized in
    batches and stepped per epoch, CyclicLR or OneCycleLR trains every batch of epoch e with its value for step e,
    so the run uses only the first `epochs` of the epochs * batches values it was sized for (stepped per batch it
    uses them all)."""
    total = epochs * batches
    if name == "OneCycleLR":
        pct, strategy, three_phase = data.draw(st.tuples(st.floats(0.15, 0.6), st.sampled_from(["cos", "linear"]),
                                                         st.booleans()))

        def build(o):
            return sched.OneCycleLR(o, max_lr=0.1, total_steps=total, pct_start=pct, anneal_strategy=strategy,
                                    three_phase=three_phase)

        def closed(t):
            return one_cycle_cf(t, total, pct=pct, strategy=strategy, three_phase=three_phase)[0]
    else:
        up, down, mode = data.draw(st.tuples(st.integers(1, 3 * batches), st.integers(1, 3 * batches),
                                             st.sampled_from(["triangular", "triangular2"])))

        def build(o):
            return sched.CyclicLR(o, base_lr=0.001, max_lr=0.1, step_size_up=up, step_size_down=down, mode=mode)

        def closed(t):
            return cyclic_cf(t, up, down, mode)[0]

    def train(per_batch):
        optimizer = sgd_optimizer()
        scheduler = build(optimizer)
        used = []
        for _ in range(epochs):
            for _ in range(batches):
                used.append(lr_of(optimizer))
                optimizer.step()
                if per_batch:
                    scheduler.step()
            if not per_batch:
                scheduler.step()
        return used

    assert train(False) == pytest.approx([closed(e) for e in range(epochs) for _ in range(batches)], rel=1e-9)
    assert train(True) == pytest.approx([closed(t) for t in range(total)], rel=1e-9)


@pytest.mark.parametrize("name", NAMES)
@FEW
@given(data=st.data(), accumulate=st.integers(2, 4))
def test_stepping_after_every_micro_batch_runs_the_schedule_accumulate_times_too_fast(name, data, accumulate):
    """stepping.md: 'Stepping it after every micro-batch runs the schedule accumulate times too fast (and its first
    calls come before any optimizer.step())': optimizer step i trains with the value for step accumulate * i +
    accumulate - 1 instead of i, and accumulate - 1 calls come before the first optimizer.step(), for every
    scheduler. (Which of them then warn: test_claims_reference.py::
    test_the_call_order_warning_comes_at_most_once_per_scheduler_at_its_first_step.)"""
    optimizer = sgd_optimizer()
    scheduler, closed = scheduler_and_closed_form(name, data, optimizer)
    calls = T if name == "OneCycleLR" else 3 * T
    used, optimizer_steps, calls_before_the_first = [], 0, 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        for micro_batch in range(calls - calls % accumulate):
            if (micro_batch + 1) % accumulate == 0:
                used.append(lr_of(optimizer))
                optimizer.step()
                optimizer_steps += 1
            calls_before_the_first += optimizer_steps == 0
            step(name, scheduler)
    assert calls_before_the_first == accumulate - 1
    for i, lr in enumerate(used):
        assert close(lr, closed(accumulate * i + accumulate - 1), rel=1e-9), (name, i)


@FEW
@given(shapes=st.lists(st.integers(1, 4), min_size=1, max_size=4), steps=st.integers(1, 5), data=st.data())
def test_grad_scaler_calls_optimizer_step_only_when_every_gradient_is_finite(shapes, steps, data):
    """stepping.md: 'torch.amp.GradScaler calls optimizer.step() only when every gradient is finite': with an inf,
    -inf or NaN put in any element of any parameter's gradient (some parameters without a gradient), the CPU scaler
    calls optimizer.step() exactly when no gradient holds one."""
    params = [torch.nn.Parameter(torch.zeros(n)) for n in shapes]
    optimizer = torch.optim.SGD(params, lr=0.1)
    calls = []
    real_step = optimizer.step

    def counted_step(*args, **kwargs):
        calls.append(1)
        return real_step(*args, **kwargs)

    optimizer.step = counted_step
    scaler = torch.amp.GradScaler("cpu")
    for _ in range(steps):
        optimizer.zero_grad()
        scaler.scale(sum(p.sum() for p in params)).backward()
        kinds = data.draw(st.lists(st.sampled_from(["finite", "finite", "inf", "-inf", "nan", "no gradient"]),
                                   min_size=len(params), max_size=len(params)))
        if set(kinds) == {"no gradient"}:
            kinds[0] = "finite"  # the scaler needs one gradient to check
        for p, kind in zip(params, kinds, strict=True):
            if kind == "no gradient":
                p.grad = None
            elif kind != "finite":
                p.grad[data.draw(st.integers(0, p.numel() - 1))] = float(kind)
        before = len(calls)
        scaler.step(optimizer)
        scaler.update()
        assert len(calls) - before == (1 if all(k in ("finite", "no gradient") for k in kinds) else 0), kinds


def order_checks_at_the_first_call(scheduler):
    """How many schedulers run the base class's call-order check at the first scheduler.step() after the
    constructors: each one whose own first step() comes then, except the two whose step() skips the base one."""
    kind = type(scheduler).__name__
    if kind == "ChainedScheduler":
        return sum(order_checks_at_the_first_call(s) for s in scheduler._schedulers)
    if kind == "SequentialLR":  # a first milestone of 1 restarts the second scheduler without its step()
        return order_checks_at_the_first_call(scheduler._schedulers[0]) if scheduler._milestones[0] > 1 else 0
    return 0 if kind in NO_ORDER_CHECK else 1


@pytest.mark.parametrize("name", [*NAMES, "SequentialLR of random parts", "ChainedScheduler of random parts"])
@FEW
@given(data=st.data())
def test_a_skipped_first_step_gives_the_order_warning_from_every_scheduler_that_checks_at_that_step(name, data):
    """stepping.md: 'When the first step of training overflows, the scaler skips it, and the first scheduler.step()
    then sees an optimizer that never stepped: a scheduler that checks the call order at that step gives the order
    warning even though your code is in the right order; CosineAnnealingWarmRestarts and ReduceLROnPlateau never
    check': with the loop in the right order and an inf loss at step 0 only, the optimizer has not stepped at the
    first scheduler.step(), and the warnings are exactly one per scheduler that checks at that call."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=LR0, momentum=0.9)
    if name.endswith("random parts"):
        parts = [data.draw(SPECS[n])[0](optimizer) for n in data.draw(st.lists(st.sampled_from(PARTS), min_size=2,
                                                                               max_size=3))]
        if name.startswith("SequentialLR"):
            milestones = sorted(data.draw(st.lists(st.integers(1, 6), min_size=len(parts) - 1,
                                                   max_size=len(parts) - 1, unique=True)))
            scheduler = sched.SequentialLR(optimizer, parts, milestones=milestones)
        else:
            scheduler = sched.ChainedScheduler(parts, optimizer=optimizer)
    else:
        scheduler = data.draw(SPECS[name])[0](optimizer)
    scaler = torch.amp.GradScaler("cpu")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for t in range(3):
            optimizer.zero_grad()
            loss = model(torch.ones(4, 2)).pow(2).mean()
            scaler.scale(loss * float("inf") if t == 0 else loss).backward()
            scaler.step(optimizer)
            scaler.update()
            assert (len(optimizer.state) == 0) == (t == 0)  # SGD keeps momentum buffers from its first real step
            step(name, scheduler)
    warned = sum(str(w.message).startswith(ORDER_WARNING) for w in caught)
    assert warned == order_checks_at_the_first_call(scheduler)
    if name in ("StepLR", "ExponentialLR", "CosineAnnealingLR"):  # the usual schedulers do warn
        assert warned == 1


@pytest.mark.parametrize("name", NAMES)
@FEW
@given(data=st.data(), second_lr=st.floats(0.01, 0.5), metrics=st.lists(st.floats(0.0, 2.0), min_size=T, max_size=T))
def test_get_last_lr_and_the_param_groups_agree_while_only_the_scheduler_writes_the_lr(name, data, second_lr,
                                                                                      metrics):
    """stepping.md: 'get_last_lr() and the param group agree as long as only the scheduler writes the LR': for every
    scheduler, after the constructor and every step, in every group; an LR written by hand is not in get_last_lr()."""
    build, _ = data.draw(SPECS[name])
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD([{"params": [model.weight]}, {"params": [model.bias], "lr": second_lr}], lr=LR0,
                                momentum=0.9)
    scheduler = build(optimizer)
    assert scheduler.get_last_lr() == [g["lr"] for g in optimizer.param_groups]
    for t in range(1, T):
        optimizer.step()
        step(name, scheduler, metrics[t])
        assert scheduler.get_last_lr() == [g["lr"] for g in optimizer.param_groups], (name, t)
    optimizer.param_groups[0]["lr"] = scheduler.get_last_lr()[0] + 1.0
    assert scheduler.get_last_lr()[0] != optimizer.param_groups[0]["lr"]


# === guides/composition.md ============================================================================================

@FEW
@given(data=st.data())
def test_chained_scheduler_steps_each_of_its_schedulers_once_per_step_in_list_order(data):
    """composition.md: ChainedScheduler 'steps all of them at every step, in list order' and its step() 'is a loop
    that calls each sub-scheduler's step()': for any list of schedulers it accepts (composites included), every
    step() calls each one once, in list order, and the LR is bit for bit the one of calling them by hand."""
    names = data.draw(st.lists(st.sampled_from([n for n in NAMES if n != "ReduceLROnPlateau"]), min_size=1,
                               max_size=4))
    builds = [data.draw(SPECS[name])[0] for name in names]
    chained_opt, by_hand_opt = sgd_optimizer(), sgd_optimizer()
    log = []
    chained = sched.ChainedScheduler([spy(build(chained_opt), log, i) for i, build in enumerate(builds)],
                                     optimizer=chained_opt)
    by_hand = [build(by_hand_opt) for build in builds]
    assert log == [] and lr_of(chained_opt) == lr_of(by_hand_opt)  # the wrapper's constructor steps nothing
    for t in range(1, T):
        chained_opt.step()
        by_hand_opt.step()
        chained.step()
        for scheduler in by_hand:
            scheduler.step()
        assert log == list(range(len(names))), (names, t, log)
        assert lr_of(chained_opt) == lr_of(by_hand_opt), (names, t)
        log.clear()


def counters_while_only_the_wrapper_steps(milestones, n, t):
    """last_epoch of each of n sub-schedulers after t steps of SequentialLR alone: the active one counts the steps
    since its milestone, the ones before it stopped the step before the next milestone, the later ones wait at -1."""
    starts = [0, *milestones]
    active = bisect.bisect_right(milestones, t)
    return [t - starts[i] if i == active else (starts[i + 1] - 1 - starts[i] if i < active else -1) for i in range(n)]


@FEW
@given(data=st.data(), also_by_hand=st.booleans())
def test_sequential_lr_steps_its_active_scheduler_once_per_step_and_stepping_the_parts_too_runs_ahead(data,
                                                                                                      also_by_hand):
    """composition.md: 'step only the wrapper, never the sub-schedulers': SequentialLR itself steps the active
    sub-scheduler once per step (its counter is the number of steps since its milestone; the others do not move);
    stepping the sub-schedulers as well moves the active one's counter away from that at every step. (That building
    it right after its parts matters, because its constructor resets the LR, is
    test_claims_composites.py::test_sequential_lr_resets_the_lr_rewinds_all_and_steps_only_the_active_one.)"""
    pool = [n for n in PARTS if not (also_by_hand and n == "OneCycleLR")]  # stepped twice it runs out of steps
    names = data.draw(st.lists(st.sampled_from(pool), min_size=2, max_size=3))
    milestones = sorted(data.draw(st.lists(st.integers(1, T - 2), min_size=len(names) - 1,
                                           max_size=len(names) - 1, unique=True)))
    optimizer = sgd_optimizer()
    parts = [data.draw(SPECS[name])[0](optimizer) for name in names]
    wrapper = sched.SequentialLR(optimizer, parts, milestones=milestones)
    assert [p.last_epoch for p in parts] == counters_while_only_the_wrapper_steps(milestones, len(parts), 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # stepping the parts by hand can warn; not the point here
        for t in range(1, T):
            optimizer.step()
            wrapper.step()
            if also_by_hand:
                for part in parts:
                    part.step()
            expected = counters_while_only_the_wrapper_steps(milestones, len(parts), t)
            active = bisect.bisect_right(milestones, t)
            if also_by_hand:
                assert parts[active].last_epoch != expected[active], (names, milestones, t)
            else:
                assert [p.last_epoch for p in parts] == expected, (names, milestones, t)


@pytest.mark.parametrize("name", CLOSED_FORM)
@FEW
@given(data=st.data())
def test_a_closed_form_scheduler_erases_every_scheduler_stepped_before_it_at_every_step(name, data):
    """composition.md: 'A closed-form scheduler in a chain erases the work of every scheduler stepped before it, at
    every step': with any schedulers before it in a ChainedScheduler, the LR at every step (the constructor's
    included) is the one the closed-form scheduler gives alone, from the same initial_lr."""
    before = data.draw(st.lists(st.sampled_from(PARTS), min_size=1, max_size=3))
    build = data.draw(SPECS[name])[0]
    optimizer = sgd_optimizer()
    earlier = [data.draw(SPECS[n])[0](optimizer) for n in before]
    alone_opt = sgd_optimizer()
    alone_opt.param_groups[0]["initial_lr"] = optimizer.param_groups[0]["initial_lr"]  # what the chain's one reads
    alone = build(alone_opt)
    chain = sched.ChainedScheduler([*earlier, build(optimizer)], optimizer=optimizer)
    for t in range(T):
        assert close(lr_of(optimizer), lr_of(alone_opt), rel=1e-12), (name, before, t)
        optimizer.step()
        alone_opt.step()
        chain.step()
        alone.step()


def cosine_one_step(x, t, T_max, eta_min, base):
    """What CosineAnnealingLR's step t does to the LR x in the optimizer (the page's two forms; t = 0: nothing)."""
    if t == 0:
        return x
    if (t - 1) % (2 * T_max) == T_max:  # right after a minimum: additive
        return x + (base - eta_min) * (1 - math.cos(math.pi / T_max)) / 2
    return eta_min + (x - eta_min) * (1 + math.cos(math.pi * t / T_max)) / (1 + math.cos(math.pi * (t - 1) / T_max))


def one_factor(factor, t):
    """The factor a multiplying scheduler applies at its step t: the ratio of its schedule at t and t - 1 (the
    constructor's step applies factor(0)); once the schedule is 0 (PolynomialLR after total_iters) it stays 0."""
    if t == 0:
        return factor(0)
    return 1.0 if factor(t - 1) == 0 else factor(t) / factor(t - 1)


@pytest.mark.parametrize("name", CLOSED_FORM)
@FEW
@given(data=st.data(), cosine=st.one_of(st.none(), st.tuples(st.integers(1, 8), st.floats(0.0, 0.05))))
def test_stepped_first_a_closed_form_scheduler_is_followed_by_one_step_of_the_chainable_one(name, data, cosine):
    """composition.md: stepped first, a closed-form scheduler 'is followed at every step by a single step of the
    chainable scheduler (one factor, for those that multiply), never by an accumulated one': at every step the LR is
    the closed form's own value changed by that one step (a factor for the multiplying schedulers, the affine or
    additive step of CosineAnnealingLR), whatever the chainable scheduler did before."""
    build = data.draw(SPECS[name])[0]
    alone_opt, optimizer = sgd_optimizer(), sgd_optimizer()
    alone = build(alone_opt)
    first = build(optimizer)
    base = optimizer.param_groups[0]["initial_lr"]
    if cosine is None:
        chainable_name, build_chainable, factor = data.draw(CHAINABLE)

        def one_step(x, t):
            return x * one_factor(factor, t)
    else:
        chainable_name, (T_max, eta_min) = "CosineAnnealingLR", cosine

        def build_chainable(o):
            return sched.CosineAnnealingLR(o, T_max=T_max, eta_min=eta_min)

        def one_step(x, t):
            return cosine_one_step(x, t, T_max, eta_min, base)
    chain = sched.ChainedScheduler([first, build_chainable(optimizer)], optimizer=optimizer)
    for t in range(T):
        assert close(lr_of(optimizer), one_step(lr_of(alone_opt), t), rel=1e-9), (name, chainable_name, t)
        optimizer.step()
        alone_opt.step()
        chain.step()
        alone.step()


@FEW
@given(spec=CHAINABLE, edits=st.dictionaries(st.integers(0, 3 * T), st.floats(0.2, 5.0), max_size=4),
       n=st.integers(1, 3 * T))
def test_the_multiplying_chainable_schedulers_keep_and_compound_every_outside_change(spec, edits, n):
    """composition.md: 'each step() computes the next LR from the LR currently in the optimizer. Most of them
    multiply it by a factor, so whatever else changed the LR is kept and compounded' (StepLR, MultiStepLR,
    ConstantLR, LinearLR, ExponentialLR, PolynomialLR, MultiplicativeLR; CosineAnnealingLR and ReduceLROnPlateau
    are the next tests): with outside changes at random steps, the LR at every step is the schedule times the
    product of every change made so far."""
    name, build, factor = spec
    optimizer = sgd_optimizer()
    scheduler = build(optimizer)
    kept = 1.0
    for t in range(n):
        if t in edits:
            optimizer.param_groups[0]["lr"] *= edits[t]
            kept *= edits[t]
        assert close(lr_of(optimizer), LR0 * factor(t) * kept, rel=1e-9), (name, t)
        optimizer.step()
        scheduler.step()


@FEW
@given(T_max=st.integers(1, 12), eta_min=st.one_of(st.just(0.0), st.floats(1e-3, 0.05)), at=st.integers(0, 20),
       change=st.floats(0.2, 0.9))
def test_cosine_annealing_keeps_an_outside_change_exactly_only_with_eta_min_zero(T_max, eta_min, at, change):
    """composition.md: CosineAnnealingLR 'keeps an outside change exactly only when eta_min is 0, and only until its
    next minimum' (the minimum part, and the step rule, are proven in test_claims_schedulers.py): up to the next
    minimum the changed run is the untouched one times the change when eta_min = 0, and differs from that when
    eta_min > 0."""
    def run(edit):
        optimizer = sgd_optimizer()
        scheduler = sched.CosineAnnealingLR(optimizer, T_max=T_max, eta_min=eta_min)
        used = []
        for t in range(at + 2 * T_max + 2):
            if edit and t == at:
                optimizer.param_groups[0]["lr"] *= change
            used.append(lr_of(optimizer))
            optimizer.step()
            scheduler.step()
        return used

    plain, changed = run(False), run(True)
    assume(plain[at] > 0)  # at a minimum with eta_min = 0 the LR is 0: multiplying it changes nothing
    minimum = next(t for t in range(at + 1, len(plain)) if t % (2 * T_max) == T_max)
    ratios_exact = [close(changed[t], plain[t] * change, rel=1e-9) for t in range(at, minimum)]
    if eta_min == 0.0:
        assert all(ratios_exact)
    else:
        assert not all(ratios_exact[1:]) if minimum > at + 1 else ratios_exact == [True]


@FEW
@given(lr=st.floats(1e-3, 1.0), factor=st.floats(0.05, 0.95), min_lr=st.one_of(st.just(0.0), st.floats(1e-4, 0.05)),
       patience=st.integers(0, 3), edits=st.dictionaries(st.integers(0, 3 * T), st.floats(0.2, 5.0), max_size=4))
def test_plateau_multiplies_the_current_lr_by_factor_down_to_min_lr(lr, factor, min_lr, patience, edits):
    """composition.md: ReduceLROnPlateau 'multiplies the current LR by factor (down to min_lr)', from whatever LR is
    in the optimizer: with a flat metric and outside changes at random steps, each reduction step sets
    max(lr * factor, min_lr) (skipped when that would change the LR by eps = 1e-8 or less), every other step leaves
    the LR alone."""
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
    scheduler = sched.ReduceLROnPlateau(optimizer, factor=factor, patience=patience, min_lr=min_lr)
    for call in range(1, 3 * T):
        if call in edits:
            optimizer.param_groups[0]["lr"] *= edits[call]
        current = lr_of(optimizer)
        optimizer.step()
        scheduler.step(1.0)
        reduces = call >= patience + 2 and (call - patience - 2) % (patience + 1) == 0
        expected = max(current * factor, min_lr) if reduces else current
        assert lr_of(optimizer) == (expected if current - expected > 1e-8 else current), call


@pytest.mark.parametrize("name", CLOSED_FORM)
@FEW
@given(data=st.data())
def test_a_closed_form_scheduler_as_one_stage_of_sequential_lr_runs_its_own_schedule(name, data):
    """composition.md: a closed-form scheduler 'should be the only scheduler acting on its optimizer at any one
    time: use it alone, or as one stage of SequentialLR': as any stage, between its milestones the LR is at every
    step its own schedule counted from its milestone, exactly as alone. (With another scheduler acting at the same
    time it is not: the two tests above.)"""
    others = data.draw(st.lists(st.sampled_from(PARTS), min_size=1, max_size=2))
    position = data.draw(st.integers(0, len(others)))
    names = [*others[:position], name, *others[position:]]
    milestones = sorted(data.draw(st.lists(st.integers(1, T - 2), min_size=len(names) - 1,
                                           max_size=len(names) - 1, unique=True)))
    builds = [data.draw(SPECS[n])[0] for n in names]
    optimizer = sgd_optimizer()
    parts = []
    for i, build in enumerate(builds):
        if i == position:
            initial = optimizer.param_groups[0].get("initial_lr")
        parts.append(build(optimizer))
    alone_opt = sgd_optimizer()
    if initial is not None and name in ("LambdaLR", "CosineAnnealingWarmRestarts"):
        alone_opt.param_groups[0]["initial_lr"] = initial  # its base LR: what it read when built after the others
    bounds = [0, *milestones, T]
    start, end = bounds[position], bounds[position + 1]
    expected = lrs_used(alone_opt, builds[position](alone_opt), end - start)
    used = lrs_used(optimizer, sched.SequentialLR(optimizer, parts, milestones=milestones), end)
    for t in range(start, end):
        assert close(used[t], expected[t - start], rel=1e-12), (names, milestones, t)


# === guides/custom_schedulers.md ======================================================================================

def snippet_classes(name):
    """The imports and classes of a snippet, without running its demo."""
    path = snippet(name).path
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tree.body = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom, ast.ClassDef))]
    namespace = {}
    exec(compile(tree, str(path), "exec"), namespace)
    return namespace


HALVING = snippet_classes("custom_closed_vs_chainable")
CLOSED_CLASS, CHAINABLE_CLASS = HALVING["HalvingClosedForm"], HALVING["HalvingChainable"]
group_lrs = st.lists(st.floats(1e-3, 1.0), min_size=1, max_size=3)


class BaseLRs(LRScheduler):
    """A custom scheduler that only uses what the base class gives it."""

    def get_lr(self):
        return list(self.base_lrs)


@FEW
@given(lrs=group_lrs, data=st.data(), earlier=st.sampled_from(["nothing", "a scheduler", "a loaded state"]),
       k=st.integers(0, T - 2), resume=st.booleans())
def test_base_lrs_are_the_lrs_at_build_time_unless_the_groups_already_have_an_initial_lr(lrs, data, earlier, k,
                                                                                        resume):
    """custom_schedulers.md: base_lrs holds 'the initial_lr of each param group: the LR it had when the scheduler
    was built, unless it already had an initial_lr (from a scheduler built earlier on the same optimizer, or from a
    loaded optimizer state), which is kept', whatever scheduler came earlier and however far it stepped."""
    optimizer = groups_sgd(lrs)
    if earlier == "a scheduler":
        name = data.draw(st.sampled_from(PARTS))
        lrs_used_by_group(optimizer, data.draw(SPECS[name])[0](optimizer), k)
    elif earlier == "a loaded state":
        source = groups_sgd(lrs)
        lrs_used_by_group(source, sched.ExponentialLR(source, gamma=data.draw(st.floats(0.1, 0.95))), k)
        optimizer.load_state_dict(source.state_dict())
    already = [g.get("initial_lr") for g in optimizer.param_groups]
    at_build = [g["lr"] for g in optimizer.param_groups]
    last_epoch = k if resume and earlier != "nothing" else -1  # resuming needs an initial_lr
    scheduler = BaseLRs(optimizer, last_epoch)
    assert scheduler.base_lrs == [lr if kept is None else kept for kept, lr in zip(already, at_build)]
    assert scheduler.base_lrs == [g["initial_lr"] for g in optimizer.param_groups]


@FEW
@given(lrs=group_lrs, n=st.integers(1, 120))
def test_both_halving_classes_halve_the_lr_every_10_steps(lrs, n):
    """custom_schedulers.md: 'Both classes below halve the LR every 10 steps' (each group from its own LR, at every
    step of a run)."""
    for cls in (CLOSED_CLASS, CHAINABLE_CLASS):
        optimizer = groups_sgd(lrs)
        used = lrs_used_by_group(optimizer, cls(optimizer), n)
        for t in range(n):
            assert used[t] == pytest.approx([lr * 0.5 ** (t // 10) for lr in lrs], rel=1e-12), (cls.__name__, t)


@FEW
@given(lr=st.floats(1e-3, 1.0), gamma=st.floats(0.5, 0.999), n=st.integers(2, 120), exponential_first=st.booleans())
def test_with_exponential_lr_the_closed_form_overwrites_the_decay_and_the_chainable_form_multiplies_it_in(
        lr, gamma, n, exponential_first):
    """custom_schedulers.md: 'Stepped together with an ExponentialLR on the same optimizer, the closed form
    overwrites the exponential decay at every step, while the chainable form multiplies it in': with ExponentialLR
    stepped first (the page's run) the closed form's LR is its own at every step; stepped after it, one factor gamma
    remains and the decay never accumulates; the chainable form gives the product in both orders."""
    def run(cls):
        optimizer = groups_sgd([lr])
        own = cls(optimizer)
        exponential = sched.ExponentialLR(optimizer, gamma=gamma)
        order = [exponential, own] if exponential_first else [own, exponential]
        return lrs_used(optimizer, order, n)

    closed, chainable = run(CLOSED_CLASS), run(CHAINABLE_CLASS)
    for t in range(n):
        halving = lr * 0.5 ** (t // 10)
        assert close(closed[t], halving * (1.0 if exponential_first or t == 0 else gamma), rel=1e-12), t
        assert close(chainable[t], halving * gamma**t, rel=1e-9), t


@FEW
@given(lr=st.floats(1e-3, 1.0), every=st.integers(1, 12), n=st.integers(2, 60), data=st.data())
def test_the_closed_form_is_safe_to_read_and_resume_where_the_chainable_form_is_not(lr, every, n, data):
    """custom_schedulers.md: 'Pick the chainable form only when the scheduler must compose with others': the closed
    form 'is easy to test, safe to resume, and get_lr() can be called at any time', the chainable one is not (its
    only advantage, composing, is the test above). At every step get_lr() called by hand returns the LR in use for
    the closed form, half of it at every multiple of `every` for the chainable form; rebuilt with last_epoch = k - 1
    after loading the optimizer, the closed form continues exactly at every k, the chainable form halves again at
    every k that is a multiple of `every`."""
    k = data.draw(st.integers(1, n - 1))
    for cls in (CLOSED_CLASS, CHAINABLE_CLASS):
        optimizer = groups_sgd([lr])
        scheduler = cls(optimizer, every=every)
        used, shown = [], []
        for t in range(n):
            used.append(lr_of(optimizer))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                shown.append(scheduler.get_lr()[0])
            if t == k:
                saved = copy.deepcopy(optimizer.state_dict())
            optimizer.step()
            scheduler.step()
        boundary = [t > 0 and t % every == 0 for t in range(n)]
        resumed_opt = groups_sgd([lr])
        resumed_opt.load_state_dict(saved)
        resumed = lrs_used(resumed_opt, cls(resumed_opt, every=every, last_epoch=k - 1), n - k)
        if cls is CLOSED_CLASS:
            assert shown == used
            assert close(resumed[0], used[k]) and all(close(a, b) for a, b in zip(resumed, used[k:]))
        else:
            assert shown == [u * (0.5 if b else 1.0) for u, b in zip(used, boundary)]
            assert close(resumed[0], used[k] * (0.5 if boundary[k] else 1.0))


@FEW
@given(lrs=group_lrs, last_epoch=st.one_of(st.just(-1), st.integers(0, 50)))
def test_the_base_constructor_calls_get_lr_once_before_it_returns(lrs, last_epoch):
    """custom_schedulers.md: 'store every attribute get_lr() reads, and only then call super().__init__()': the base
    constructor calls get_lr() exactly once, with last_epoch already advanced, before it returns, so an attribute
    assigned after it does not exist yet at that call (fresh or resuming, any number of groups)."""
    calls = []

    class Probe(LRScheduler):
        def __init__(self, optimizer, last_epoch):
            self.before = True
            super().__init__(optimizer, last_epoch)
            self.after = True

        def get_lr(self):
            calls.append((self.last_epoch, hasattr(self, "before"), hasattr(self, "after")))
            return [g["lr"] for g in self.optimizer.param_groups]

    optimizer = groups_sgd(lrs)
    if last_epoch >= 0:
        for group in optimizer.param_groups:
            group["initial_lr"] = group["lr"]
    Probe(optimizer, last_epoch)
    assert calls == [(last_epoch + 1, True, False)]


@FEW
@given(lr=st.floats(1e-3, 1.0), warm_up_steps=st.integers(-5, 0))
def test_arguments_checked_after_the_base_constructor_are_checked_too_late(lr, warm_up_steps):
    """custom_schedulers.md: 'Check the arguments, ... and only then call super().__init__()': checked afterwards, a
    bad argument has already gone through get_lr(): it raises from the formula (0) or the check comes after the bad
    LR was written into the optimizer (negative); checked first, the optimizer is untouched."""
    class CheckedLate(LRScheduler):
        def __init__(self, optimizer, warm_up_steps):
            self.warm_up_steps = warm_up_steps
            super().__init__(optimizer)
            if warm_up_steps <= 0:
                raise ValueError("warm_up_steps must be positive")

        def get_lr(self):
            return [b * min(1.0, (self.last_epoch + 1) / self.warm_up_steps) for b in self.base_lrs]

    class CheckedFirst(CheckedLate):
        def __init__(self, optimizer, warm_up_steps):
            if warm_up_steps <= 0:
                raise ValueError("warm_up_steps must be positive")
            super().__init__(optimizer, warm_up_steps)

    optimizer = groups_sgd([lr])
    with pytest.raises(ZeroDivisionError if warm_up_steps == 0 else ValueError):
        CheckedLate(optimizer, warm_up_steps)
    if warm_up_steps < 0:
        assert lr_of(optimizer) < 0 and close(lr_of(optimizer), lr / warm_up_steps)  # written before the check
    optimizer = groups_sgd([lr])
    with pytest.raises(ValueError):
        CheckedFirst(optimizer, warm_up_steps)
    assert lr_of(optimizer) == lr and "initial_lr" not in optimizer.param_groups[0]


@st.composite
def warm_up_restarts_arguments(draw, warm_up=False):
    """Valid arguments of the page's CosineAnnealingWarmUpRestarts and the floors of 1 to 3 param groups."""
    T_0 = draw(st.integers(2 if warm_up else 1, 30))
    kwargs = dict(T_0=T_0, T_mult=draw(st.integers(1, 3)), eta_max=draw(st.floats(0.05, 0.5)),
                  T_up=draw(st.integers(1 if warm_up else 0, T_0 - 1)), gamma=draw(st.floats(0.2, 1.0)))
    floors = draw(st.lists(st.floats(0.0, kwargs["eta_max"]), min_size=1, max_size=3))
    return kwargs, floors


def cycles(steps, T_0, T_mult, T_up, **_):
    """(start, end) of each cycle that begins within `steps`, from the page's T_{c+1} = (T_c - T_up) T_mult + T_up."""
    start, length = 0, T_0
    while start < steps:
        yield start, min(start + length, steps)
        start, length = start + length, (length - T_up) * T_mult + T_up


@SETTINGS
@given(args=warm_up_restarts_arguments(), steps=st.integers(1, 200))
def test_each_param_group_has_its_own_floor_which_holds_while_the_peaks_stay_above_it(args, steps):
    """custom_schedulers.md: 'Each param group's own starting LR is its floor f' (its schedule is the page's formula
    with its own f), and 'it stays the lowest LR only while the peaks p_c are at least f': in every cycle whose peak
    is at least f the LR never goes below f; in a cycle whose peak fell under f it does."""
    kwargs, floors = args
    used = run_warm_up_restarts(*fresh_warm_up_restarts(floors, **kwargs), steps)
    for g, floor in enumerate(floors):
        trace = [row[g] for row in used]
        assert trace == approx_warm_up_restarts(reference(steps, floor, **kwargs))
        for c, (start, end) in enumerate(cycles(steps, **kwargs)):
            peak = kwargs["eta_max"] * kwargs["gamma"] ** c
            if peak >= floor:
                assert min(trace[start:end]) >= floor * (1 - 1e-12), (g, c)
            elif start + kwargs["T_up"] < end:  # the cycle's peak is within the run
                assert min(trace[start:end]) < floor, (g, c)


@SETTINGS
@given(args=warm_up_restarts_arguments(warm_up=True), steps=st.integers(1, 200))
def test_with_a_warm_up_each_group_starts_every_cycle_at_its_floor_and_goes_linearly_to_the_same_peak(args, steps):
    """custom_schedulers.md: 'With a warm-up (T_up > 0), each param group starts every cycle from its own floor and
    goes linearly to the same peak': at each cycle start every group is at its floor, T_up steps later all are at
    p_c = eta_max * gamma^c, and on a straight line in between."""
    kwargs, floors = args
    used = run_warm_up_restarts(*fresh_warm_up_restarts(floors, **kwargs), steps)
    T_up = kwargs["T_up"]
    for c, (start, end) in enumerate(cycles(steps, **kwargs)):
        peak = kwargs["eta_max"] * kwargs["gamma"] ** c
        for g, floor in enumerate(floors):
            assert used[start][g] == floor, (c, g)
            for k in range(min(T_up + 1, end - start)):
                assert close(used[start + k][g], floor + (peak - floor) * k / T_up, rel=1e-12), (c, g, k)


@SETTINGS
@given(args=warm_up_restarts_arguments(warm_up=True))
def test_every_cycle_keeps_the_same_warm_up_and_only_the_cosine_part_grows(args):
    """custom_schedulers.md: 'every cycle keeps the same warm-up and only its cosine part grows', read off the LR
    trace of a group whose floor is 0: cycles start where the LR is 0, the warm-up lasts until the cycle's first
    maximum; over at least two complete cycles every warm-up lasts T_up steps and each cosine part is T_mult times
    the previous one."""
    kwargs, _ = args
    T_0, T_mult, T_up = kwargs["T_0"], kwargs["T_mult"], kwargs["T_up"]
    steps = T_0 + (T_0 - T_up) * T_mult + T_up + 1  # two complete cycles and the start of the third
    trace = [row[0] for row in run_warm_up_restarts(*fresh_warm_up_restarts([0.0], **kwargs), steps)]
    starts = [t for t, lr in enumerate(trace) if lr == 0.0]
    assert len(starts) >= 3
    warm_ups, cosines = [], []
    for start, end in itertools.pairwise(starts):
        cycle = trace[start:end]
        warm_ups.append(cycle.index(max(cycle)))
        cosines.append(len(cycle) - warm_ups[-1])
    assert warm_ups == [T_up] * len(warm_ups)
    assert all(b == a * T_mult for a, b in itertools.pairwise(cosines))


@SETTINGS
@given(args=warm_up_restarts_arguments(), steps=st.integers(1, 150), data=st.data(),
       edits=st.lists(st.floats(0.0, 2.0), min_size=150, max_size=150))
def test_the_lr_depends_only_on_last_epoch_and_base_lrs_so_a_resume_at_any_step_is_identical(args, steps, data,
                                                                                            edits):
    """custom_schedulers.md: 'Because the LR depends only on last_epoch and base_lrs, both of which are in
    state_dict(), a run saved at step 120 and resumed in fresh objects continues with the identical sequence', for
    any arguments, groups and save step: an LR written into the optimizer from outside is gone after the next step,
    and the resumed run is the uninterrupted one bit for bit."""
    kwargs, floors = args
    k = data.draw(st.integers(0, steps))
    whole = run_warm_up_restarts(*fresh_warm_up_restarts(floors, **kwargs), steps)
    optimizer, scheduler = fresh_warm_up_restarts(floors, **kwargs)
    for t in range(1, steps):  # overwrite the LRs before every step: the next LRs do not change
        for group in optimizer.param_groups:
            group["lr"] = edits[t]
        optimizer.step()
        scheduler.step()
        assert [g["lr"] for g in optimizer.param_groups] == whole[t], t
    optimizer, scheduler = fresh_warm_up_restarts(floors, **kwargs)
    first = run_warm_up_restarts(optimizer, scheduler, k)
    assert {"last_epoch", "base_lrs"} <= set(scheduler.state_dict())
    saved = copy.deepcopy((optimizer.state_dict(), scheduler.state_dict()))
    optimizer, scheduler = fresh_warm_up_restarts(floors, **kwargs)
    optimizer.load_state_dict(saved[0])
    scheduler.load_state_dict(saved[1])
    assert first + run_warm_up_restarts(optimizer, scheduler, steps - k) == whole


class OwnStep(LRScheduler):
    """Like the blog post's class: its counter is set before the base constructor, and its step() override moves
    that counter and writes the LRs itself, without calling super().step()."""

    def __init__(self, optimizer, period, last_epoch=-1):
        self.period, self.T_cur = period, last_epoch
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        return [base * (1 + math.cos(math.pi * self.T_cur / self.period)) / 2 for base in self.base_lrs]

    def step(self, epoch=None):
        self.T_cur = (self.T_cur + 1) % self.period
        for group, lr in zip(self.optimizer.param_groups, self.get_lr(), strict=True):
            group["lr"] = lr


class OwnStepCallingSuper(OwnStep):
    def step(self, epoch=None):
        self.T_cur = (self.T_cur + 1) % self.period
        LRScheduler.step(self)  # the base class's step() (super() here would be OwnStep's)


@FEW
@given(lrs=group_lrs, period=st.integers(1, 10),
       calls=st.lists(st.sampled_from(["optimizer", "scheduler"]), min_size=1, max_size=30))
def test_a_step_override_without_super_step_never_sets_the_last_lr_nor_checks_the_order(lrs, period, calls):
    """custom_schedulers.md: the override 'never calls super().step(), so get_last_lr() fails with an AttributeError
    on _last_lr and the call-order check never runs': for any sequence of optimizer and scheduler steps,
    get_last_lr() raises after every call and no order warning comes; the same class calling super().step()
    answers get_last_lr() with the LRs in use and warns when the first scheduler step comes first."""
    for cls in (OwnStep, OwnStepCallingSuper):
        optimizer = groups_sgd(lrs)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            scheduler = cls(optimizer, period)
            for call in ["start", *calls]:
                if call == "optimizer":
                    optimizer.step()
                elif call == "scheduler":
                    scheduler.step()
                if cls is OwnStep:
                    with pytest.raises(AttributeError, match="_last_lr"):
                        scheduler.get_last_lr()
                else:
                    assert scheduler.get_last_lr() == [g["lr"] for g in optimizer.param_groups]
        warned = sum(str(w.message).startswith(ORDER_WARNING) for w in caught)
        first_is_scheduler = "scheduler" in calls and ("optimizer" not in calls or
                                                        calls.index("scheduler") < calls.index("optimizer"))
        assert warned == (0 if cls is OwnStep else int(first_is_scheduler)), (cls.__name__, calls)
