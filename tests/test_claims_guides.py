"""Quantified claims of the guide pages (stepping, questions), proven over their domain (issue 8)."""

from __future__ import annotations

import warnings

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from test_claims_composites import close
from test_claims_reference import step
from test_exponential_lr import closed_form as exponential_cf
from test_properties import NAMES, SPECS, T
from test_properties import optimizer as sgd_optimizer
from torch.optim import lr_scheduler as sched

FEW = settings(max_examples=20, deadline=None, derandomize=True, database=None)
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None)
GET_LR_WARNING = "To get the last learning rate computed by the scheduler, please use `get_last_lr()`."


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
