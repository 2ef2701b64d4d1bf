"""transformers page: every schedule name rebuilt in plain torch equals transformers' own at every step."""

from __future__ import annotations

import io
import math
import runpy
from functools import cache

import pytest
import torch
from conftest import lrs, result, snippet
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.optim.lr_scheduler import LambdaLR, LinearLR, LRScheduler, ReduceLROnPlateau
from transformers import SchedulerType, get_scheduler

PEAK = 0.1
NAMES = [member.value for member in SchedulerType]
METRIC_DRIVEN = {"reduce_lr_on_plateau", "greedy"}
SCHEDULED = [n for n in NAMES if n not in METRIC_DRIVEN]


@cache
def page_code() -> dict:
    """The plain-torch factor functions exactly as the page shows them."""
    return runpy.run_path(str(snippet("transformers_in_plain_torch").path))


def fresh():
    return torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=PEAK)


def run(build, steps, metrics=None):
    optimizer = fresh()
    scheduler = build(optimizer)
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step(metrics[step]) if metrics is not None else scheduler.step()
    return used


def small_floats(lo, hi):
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


@st.composite
def arguments(draw, name):
    """Random valid (num_warmup_steps, num_training_steps, scheduler_specific_kwargs) for `name`."""
    w = draw(st.integers(0, 12))
    T = w + draw(st.integers(1, 40))
    kw = {}
    if name in ("cosine", "cosine_with_min_lr", "cosine_warmup_with_min_lr"):
        kw["num_cycles"] = draw(small_floats(0.1, 3.0))
    if name == "cosine_with_restarts":
        kw["num_cycles"] = draw(st.integers(1, 6))
    if name == "polynomial":
        kw.update(lr_end=draw(small_floats(0.0, 0.09)), power=draw(small_floats(0.3, 4.0)))
    if name == "inverse_sqrt" and draw(st.booleans()):
        kw["timescale"] = draw(st.integers(1, 60))
    if name in ("cosine_with_min_lr", "cosine_warmup_with_min_lr"):
        kw.update(draw(st.one_of(st.fixed_dictionaries({"min_lr_rate": small_floats(0.0, 0.9)}),
                                 st.fixed_dictionaries({"min_lr": small_floats(0.0, 0.09)}))))
    if name == "cosine_warmup_with_min_lr" and draw(st.booleans()):
        kw["warmup_lr_rate"] = draw(small_floats(0.0, 1.0))
    if name == "warmup_stable_decay":
        kw.update(num_decay_steps=draw(st.integers(0, T - w)),
                  warmup_type=draw(st.sampled_from(["linear", "cosine", "1-sqrt"])),
                  decay_type=draw(st.sampled_from(["linear", "cosine", "1-sqrt"])),
                  min_lr_ratio=draw(small_floats(0.0, 0.9)), num_cycles=draw(small_floats(0.1, 1.0)))
    return w, T, kw


def test_the_table_lists_every_name_of_the_installed_transformers():
    rows = [line.split()[0] for line in result("transformers_in_plain_torch").stdout.splitlines()[1:]]
    assert rows == NAMES
    assert len(NAMES) == 12


@pytest.mark.parametrize("name", SCHEDULED)
@settings(max_examples=40, derandomize=True, deadline=None)
@given(data=st.data())
def test_plain_torch_equals_transformers_at_every_step(name, data):
    w, T, kw = data.draw(arguments(name))
    steps = T + 15
    theirs = run(lambda opt: get_scheduler(name, opt, w, T, scheduler_specific_kwargs=kw), steps)
    ours = run(lambda opt: page_code()["plain_torch"](name, opt, w, T, kw), steps)
    assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-15)


@settings(max_examples=60, derandomize=True, deadline=None)
@given(mode=st.sampled_from(["min", "max"]), factor=small_floats(0.05, 0.95), patience=st.integers(0, 5),
       threshold=small_floats(0.0, 0.2), threshold_mode=st.sampled_from(["rel", "abs"]),
       cooldown=st.integers(0, 3), min_lr=small_floats(0.0, 0.02),
       metrics=st.lists(small_floats(-10, 10), min_size=1, max_size=60))
def test_reduce_lr_on_plateau_equals_transformers_for_any_metric_sequence(mode, factor, patience, threshold,
                                                                          threshold_mode, cooldown, min_lr,
                                                                          metrics):
    kw = dict(mode=mode, factor=factor, patience=patience, threshold=threshold, threshold_mode=threshold_mode,
              cooldown=cooldown, min_lr=min_lr)
    theirs = run(lambda opt: get_scheduler("reduce_lr_on_plateau", opt, scheduler_specific_kwargs=kw),
                 len(metrics), metrics)
    ours = run(lambda opt: page_code()["plain_torch"]("reduce_lr_on_plateau", opt, 0, 0, kw), len(metrics), metrics)
    assert ours == theirs


def test_what_each_name_returns():
    for name in NAMES:
        kw = {"min_lr_rate": 0.1} if "min_lr" in name else {"num_decay_steps": 2} if name == "warmup_stable_decay" else {}
        scheduler = get_scheduler(name, fresh(), 2, 10, scheduler_specific_kwargs=kw)
        if name == "reduce_lr_on_plateau":
            assert type(scheduler) is ReduceLROnPlateau
        elif name == "greedy":
            assert not isinstance(scheduler, LRScheduler)
        else:
            assert type(scheduler) is LambdaLR, name


@pytest.mark.parametrize("name", [n for n in SCHEDULED if n not in ("constant", "cosine_warmup_with_min_lr")])
@settings(max_examples=25, derandomize=True, deadline=None)
@given(data=st.data())
def test_warm_ups_start_at_zero_and_reach_the_peak_at_w(name, data):
    w, T, kw = data.draw(arguments(name))
    w = max(w, 1)
    T = max(T, w + 1)
    if name == "warmup_stable_decay":
        kw["num_decay_steps"] = min(kw["num_decay_steps"], T - w)
    used = run(lambda opt: get_scheduler(name, opt, w, T, scheduler_specific_kwargs=kw), w + 1)
    start = kw.get("min_lr_ratio", 0.0) * PEAK if name == "warmup_stable_decay" else 0.0
    assert used[0] == pytest.approx(start, rel=1e-12, abs=1e-18)
    assert used[w] == pytest.approx(PEAK, rel=1e-12)


@settings(max_examples=40, derandomize=True, deadline=None)
@given(data=st.data())
def test_cosine_warmup_with_min_lr_is_cosine_with_min_lr_one_step_ahead(data):
    w, T, kw = data.draw(arguments("cosine_with_min_lr"))
    ahead = run(lambda opt: get_scheduler("cosine_warmup_with_min_lr", opt, w, T, scheduler_specific_kwargs=kw),
                T + 10)
    plain = run(lambda opt: get_scheduler("cosine_with_min_lr", opt, w, T, scheduler_specific_kwargs=kw), T + 11)
    assert ahead == pytest.approx(plain[1:], rel=1e-12, abs=1e-15)
    if w:
        assert min(ahead[:w]) > 0


def test_lambda_lr_state_dicts_load_with_weights_only_and_hold_no_function():
    for name in SCHEDULED:
        kw = {"min_lr_rate": 0.1} if "min_lr" in name else {"num_decay_steps": 2} if name == "warmup_stable_decay" else {}
        optimizer = fresh()
        scheduler = get_scheduler(name, optimizer, 2, 10, scheduler_specific_kwargs=kw)
        optimizer.step()
        scheduler.step()
        buffer = io.BytesIO()
        torch.save(scheduler.state_dict(), buffer)
        buffer.seek(0)
        state = torch.load(buffer, weights_only=True)
        assert state["last_epoch"] == 1
        assert state["lr_lambdas"] in ([None], [{}]), name  # a plain function: None; a partial: its empty __dict__


# --- the off-by-one snippet -------------------------------------------------------------

W, T = 4, 12


def test_transformers_linear_warm_up_starts_at_zero():
    expected = [PEAK * t / W if t < W else PEAK * max(0.0, (T - t) / (T - W)) for t in range(T + 2)]
    assert lrs("transformers_off_by_one", "get_linear_schedule_with_warmup") == pytest.approx(expected, rel=1e-12,
                                                                                               abs=1e-15)


def test_linear_lr_warm_up_is_higher_by_peak_over_w_until_w_then_equal():
    theirs = lrs("transformers_off_by_one", "get_linear_schedule_with_warmup")
    ours = lrs("transformers_off_by_one", "SequentialLR(LinearLR up, LinearLR down)")
    for t in range(W):
        assert ours[t] - theirs[t] == pytest.approx(PEAK / W * (1 - t / W), rel=1e-9)
    assert ours[W:] == pytest.approx(theirs[W:], rel=1e-12, abs=1e-15)


def test_linear_lr_with_total_iters_w_minus_1_is_the_constant_warm_up_one_step_early():
    namespace = runpy.run_path(str(snippet("transformers_off_by_one").path))
    constant = namespace["constant"]
    theirs = constant["get_constant_schedule_with_warmup"]
    early = constant["LinearLR(start_factor=1/W, total_iters=W-1)"]
    assert early[:-1] == pytest.approx(theirs[1:], rel=1e-12)
    assert theirs[0] == 0.0 and early[0] > 0


@settings(max_examples=50, derandomize=True, deadline=None)
@given(start=small_floats(0.0, 1.0), total=st.integers(1, 50))
def test_linear_lr_refuses_a_zero_start_factor_and_starts_at_the_peak_times_it(start, total):
    """The page: LinearLR refuses start_factor=0 and starts at peak * start_factor (peak / W for 1/W), never
    at transformers' exact 0 (a subnormal start_factor such as 5e-324 does give 0.0: the product underflows)."""
    if start == 0.0:
        with pytest.raises(ValueError):
            LinearLR(fresh(), start_factor=start, total_iters=total)
    else:
        assert LinearLR(fresh(), start_factor=start, total_iters=total).get_last_lr()[0] == PEAK * start
