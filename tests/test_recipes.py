"""Recipes guide: each schedule against its closed form (written here), over random arguments, and transformers."""

from __future__ import annotations

import math
import runpy
from functools import cache

import pytest
import torch
from conftest import lrs, lrs_used, result, snippet
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.optim.lr_scheduler import CosineAnnealingLR, CosineAnnealingWarmRestarts, LinearLR
from transformers import get_scheduler

PEAK, T = 0.1, 100
REL, ABS = 1e-12, 1e-15
SETTINGS = settings(max_examples=25, derandomize=True, deadline=None)


def approx(values):
    return pytest.approx(values, rel=REL, abs=ABS)


def fresh():
    return torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=PEAK)


@cache
def code(name) -> dict:
    return runpy.run_path(str(snippet(name).path))


def run(build, steps):
    optimizer = fresh()
    return lrs_used(optimizer, build(optimizer), steps)


def transformers_lrs(name, w, total, steps, **kw):
    return run(lambda opt: get_scheduler(name, opt, w, total, scheduler_specific_kwargs=kw), steps)


# closed forms --------------------------------------------------------------------------

def ramp_from_fraction(t, w):
    return PEAK * (1 / w + (1 - 1 / w) * t / w)


def warmup_cosine(t, w, total):
    return ramp_from_fraction(t, w) if t < w else PEAK * (1 + math.cos(math.pi * (t - w) / (total - w))) / 2


def wsd(t, w, s, d):
    if t < w:
        return ramp_from_fraction(t, w)
    if t < w + s:
        return PEAK
    return PEAK * max(0.0, 1 - (t - w - s) / d)


def inverse_sqrt(t, w):
    return PEAK * t / w if t < w else PEAK * math.sqrt(w / t)


def cosine_floor(t, total, floor):
    return floor + (PEAK - floor) * (1 + math.cos(math.pi * t / total)) / 2


def restarts(t, period, decay):
    cycle = t // period
    return PEAK * decay**cycle * (1 + math.cos(math.pi * (t - cycle * period) / period)) / 2


# the printed runs ----------------------------------------------------------------------

def test_warmup_cosine():
    got = lrs("recipe_warmup_cosine")
    assert got == approx([warmup_cosine(t, 10, T) for t in range(T)])
    assert got[0] == pytest.approx(0.01) and got.index(max(got)) == 10 and got[-1] < 1e-4


def test_wsd():
    got = lrs("recipe_wsd")
    assert got == approx([wsd(t, 10, 70, 20) for t in range(T)])
    assert [t for t, lr in enumerate(got) if lr == PEAK] == list(range(10, 81))
    assert got[-1] == pytest.approx(0.005, rel=REL)


def test_linear_to_zero():
    got = lrs("recipe_linear_to_zero")
    assert got == approx([PEAK * (1 - t / T) for t in range(T)])
    assert got[-1] == pytest.approx(PEAK / T, rel=REL)
    assert result("recipe_linear_to_zero").stdout.endswith("after the run: 0.0\n")


def test_inverse_sqrt():
    got = lrs("recipe_inverse_sqrt")
    assert got == approx([inverse_sqrt(t, 10) for t in range(T)])
    assert got[40] == pytest.approx(0.05, rel=REL) and got[90] == pytest.approx(0.1 / 3, rel=REL)


def test_cosine_floor():
    got = lrs("recipe_cosine_floor")
    assert got == approx([cosine_floor(t, T, 0.01) for t in range(T + 1)])
    assert min(got) == pytest.approx(0.01, rel=REL) and got[50] == pytest.approx(0.055, rel=REL)


def test_restarts_decaying():
    got = lrs("recipe_restarts_decaying")
    assert got == approx([restarts(t, 25, 0.6) for t in range(T)])
    assert [got[t] for t in (0, 25, 50, 75)] == approx([0.1, 0.06, 0.036, 0.0216])


# the constructions with random arguments -------------------------------------------------

@SETTINGS
@given(w=st.integers(1, 20), length=st.integers(1, 80))
def test_warmup_cosine_construction_and_transformers_from_w_on(w, length):
    total = w + length
    got = run(lambda opt: code("recipe_warmup_cosine")["warmup_cosine"](opt, w, total), total + 1)
    assert got == approx([warmup_cosine(t, w, total) for t in range(total + 1)])
    theirs = transformers_lrs("cosine", w, total, total + 1)
    assert got[w:] == approx(theirs[w:])
    assert all(ours > theirs_ for ours, theirs_ in zip(got[:w], theirs[:w]))


@SETTINGS
@given(w=st.integers(1, 20), s=st.integers(0, 50), d=st.integers(1, 40))
def test_wsd_construction_peak_length_and_transformers_from_w_on(w, s, d):
    total = w + s + d
    got = run(lambda opt: code("recipe_wsd")["wsd"](opt, w, s, d), total + 3)
    assert got == approx([wsd(t, w, s, d) for t in range(total + 3)])
    at_peak = [t for t, lr in enumerate(got) if lr == pytest.approx(PEAK, rel=REL)]
    assert at_peak == ([0] if w == 1 else []) + list(range(w, w + s + 1))  # W = 1: no ramp, step 0 is the peak
    theirs = transformers_lrs("warmup_stable_decay", w, total, total + 3, num_decay_steps=d,
                              warmup_type="linear", decay_type="linear")
    assert got[w:] == approx(theirs[w:])


@SETTINGS
@given(total=st.integers(1, 200))
def test_linear_to_zero_equals_transformers_linear_without_warm_up(total):
    got = run(lambda opt: LinearLR(opt, start_factor=1.0, end_factor=0.0, total_iters=total), total + 2)
    assert got == approx([PEAK * max(0.0, 1 - t / total) for t in range(total + 2)])
    assert got[total - 1] == pytest.approx(PEAK / total, rel=REL) and got[total] == 0.0
    assert got == approx(transformers_lrs("linear", 0, total, total + 2))


@SETTINGS
@given(w=st.integers(1, 50))
def test_inverse_sqrt_equals_transformers_at_every_step(w):
    got = run(lambda opt: code("recipe_inverse_sqrt")["inverse_sqrt"](opt, w), 5 * w + 20)
    assert got == approx([inverse_sqrt(t, w) for t in range(5 * w + 20)])
    assert got == approx(transformers_lrs("inverse_sqrt", w, None, 5 * w + 20))


@SETTINGS
@given(total=st.integers(1, 200), rate=st.floats(0.0, 0.99))
def test_cosine_floor_equals_transformers_cosine_with_min_lr(total, rate):
    got = run(lambda opt: CosineAnnealingLR(opt, T_max=total, eta_min=rate * PEAK), total + 1)
    assert got == approx([cosine_floor(t, total, rate * PEAK) for t in range(total + 1)])
    assert got == approx(transformers_lrs("cosine_with_min_lr", 0, total, total + 1, min_lr_rate=rate))


@SETTINGS
@given(period=st.integers(1, 40), decay=st.floats(0.05, 1.0), cycles=st.integers(1, 6))
def test_restarts_construction(period, decay, cycles):
    got = run(lambda opt: code("recipe_restarts_decaying")["restarts"](opt, period, decay), period * cycles)
    assert got == approx([restarts(t, period, decay) for t in range(period * cycles)])


@SETTINGS
@given(t_0=st.integers(1, 30), cycles=st.integers(2, 6), eta_min=st.floats(0.0, 0.05))
def test_torch_warm_restarts_and_transformers_hard_restarts_return_to_the_full_peak(t_0, cycles, eta_min):
    ours = run(lambda opt: CosineAnnealingWarmRestarts(opt, T_0=t_0, eta_min=eta_min), t_0 * cycles)
    assert [ours[c * t_0] for c in range(cycles)] == approx([PEAK] * cycles)
    theirs = transformers_lrs("cosine_with_restarts", 0, t_0 * cycles, t_0 * cycles, num_cycles=cycles)
    assert [theirs[c * t_0] for c in range(cycles)] == approx([PEAK] * cycles)
