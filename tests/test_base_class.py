"""docs/reference/lr_scheduler.md: the base class's attributes, the initial_lr key, and the
state_dict() table, checked over every scheduler of __all__ + SWALR, every step of a run,
and seeded random arguments."""

from __future__ import annotations

import re

import pytest
import torch
from conftest import result
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

NAMES = [n for n in sched.__all__ if n != "LRScheduler"] + ["SWALR"]
# Classes that do not run LRScheduler.__init__ (the page says so).
OWN_CONSTRUCTOR = {"ReduceLROnPlateau", "SequentialLR", "ChainedScheduler"}
SETTINGS = settings(derandomize=True, max_examples=8, deadline=None)


def optimizer_with(lrs, initial=None):
    groups = [{"params": [torch.zeros(1, requires_grad=True)], "lr": lr} for lr in lrs]
    if initial is not None:
        for group, value in zip(groups, initial):
            group["initial_lr"] = value
    return torch.optim.SGD(groups, lr=0.1, momentum=0.9)


def make(name, opt, a):
    """A scheduler of class `name` with arguments drawn from `a` (a dict of numbers in range)."""
    k, f = a["k"], a["f"]
    return {
        "LambdaLR": lambda: sched.LambdaLR(opt, lambda t: f**t),
        "MultiplicativeLR": lambda: sched.MultiplicativeLR(opt, lambda t: f),
        "StepLR": lambda: sched.StepLR(opt, step_size=k, gamma=f),
        "MultiStepLR": lambda: sched.MultiStepLR(opt, milestones=[k, 2 * k], gamma=f),
        "ConstantLR": lambda: sched.ConstantLR(opt, factor=f, total_iters=k),
        "LinearLR": lambda: sched.LinearLR(opt, start_factor=f, total_iters=k),
        "ExponentialLR": lambda: sched.ExponentialLR(opt, gamma=f),
        "SequentialLR": lambda: sched.SequentialLR(
            opt, [sched.ConstantLR(opt, factor=f), sched.ExponentialLR(opt, gamma=f)], milestones=[k]),
        "CosineAnnealingLR": lambda: sched.CosineAnnealingLR(opt, T_max=k),
        "ChainedScheduler": lambda: sched.ChainedScheduler([sched.ConstantLR(opt, factor=f), sched.StepLR(opt, k)]),
        "ReduceLROnPlateau": lambda: sched.ReduceLROnPlateau(opt, factor=f, patience=k % 3),
        "CyclicLR": lambda: sched.CyclicLR(opt, base_lr=0.001, max_lr=0.1, step_size_up=k),
        "CosineAnnealingWarmRestarts": lambda: sched.CosineAnnealingWarmRestarts(opt, T_0=k, T_mult=1 + k % 2),
        "OneCycleLR": lambda: sched.OneCycleLR(opt, max_lr=0.1, total_steps=40),
        "PolynomialLR": lambda: sched.PolynomialLR(opt, total_iters=k, power=2 * f),
        "SWALR": lambda: SWALR(opt, swa_lr=0.05, anneal_epochs=k),
    }[name]()


ARGS = st.fixed_dictionaries({"k": st.integers(1, 8), "f": st.floats(0.05, 0.95)})
LRS = st.lists(st.floats(1e-4, 1.0), min_size=1, max_size=3)


def step(scheduler, name):
    scheduler.optimizer.step()
    scheduler.step(*([1.0] if name == "ReduceLROnPlateau" else []))


def table() -> dict[str, tuple[dict[str, str], set[str]]]:
    """The generated table: scheduler -> ({key: type}, left-out attributes)."""
    rows = {}
    for line in result("base_class_state_dict").stdout.splitlines()[2:]:
        name, keys, left = (c.strip() for c in line.strip("|").split("|"))
        rows[name] = (dict(re.findall(r"`(\w+)` \(([^)]*)\)", keys)), set(re.findall(r"`(\w+)`", left)))
    return rows


def test_the_table_has_a_row_for_every_scheduler():
    assert list(table()) == NAMES


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(args=ARGS, lrs=LRS, steps=st.integers(0, 30))
def test_state_dict_keys_are_the_tables_at_every_step_and_any_arguments(name, args, lrs, steps):
    keys, left_out = table()[name]
    scheduler = make(name, optimizer_with(lrs), args)
    for _ in range(steps + 1):
        state = scheduler.state_dict()
        assert set(state) == set(keys)
        assert set(vars(scheduler)) - set(state) == left_out
        assert "optimizer" in left_out and "optimizer" not in state
        step(scheduler, name)


@pytest.mark.parametrize("name", sorted(set(NAMES) - OWN_CONSTRUCTOR))
@SETTINGS
@given(args=ARGS, lrs=LRS, preset=st.booleans(), steps=st.integers(0, 30))
def test_initial_lr_is_written_once_and_base_lrs_read_from_it(name, args, lrs, preset, steps):
    """setdefault: a group that has initial_lr keeps it; base_lrs are the initial_lr values."""
    initial = [lr * 0.5 for lr in lrs] if preset else None
    opt = optimizer_with(lrs, initial)
    scheduler = make(name, opt, args)
    written = [g["initial_lr"] for g in opt.param_groups]
    if name == "OneCycleLR":  # it overwrites initial_lr with max_lr / div_factor (the page says so)
        assert written == pytest.approx([0.1 / 25] * len(lrs), rel=1e-12)
    elif name == "CyclicLR":  # it sets lr = base_lr first, so a group without initial_lr gets base_lr
        assert written == (initial if preset else [0.001] * len(lrs))
    else:
        assert written == (initial if preset else lrs)
    # CyclicLR's base_lrs are its base_lr argument, whatever initial_lr holds (the page says so).
    assert scheduler.base_lrs == ([0.001] * len(lrs) if name == "CyclicLR" else written)
    for t in range(1, steps + 1):
        step(scheduler, name)
        assert [g["initial_lr"] for g in opt.param_groups] == written
        # CosineAnnealingWarmRestarts' own step() does not count (the page says so).
        assert scheduler.last_epoch == t and scheduler._step_count == (0 if name == "CosineAnnealingWarmRestarts" else t + 1)


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(args=ARGS, lrs=LRS, steps=st.integers(0, 30))
def test_get_last_lr_is_what_the_last_step_wrote(name, args, lrs, steps):
    scheduler = make(name, optimizer_with(lrs), args)
    for _ in range(steps + 1):
        assert scheduler.get_last_lr() == [g["lr"] for g in scheduler.optimizer.param_groups]
        step(scheduler, name)


@SETTINGS
@given(args=ARGS, steps=st.integers(1, 30))
def test_warm_restarts_never_gives_the_call_order_warning(args, steps):
    import warnings  # noqa: PLC0415

    scheduler = make("CosineAnnealingWarmRestarts", optimizer_with([0.1]), args)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(steps):
            scheduler.step()  # before any optimizer.step(): other schedulers warn here
    assert scheduler._step_count == 0


@pytest.mark.parametrize("name", sorted(OWN_CONSTRUCTOR))
def test_the_three_own_constructors_lack_base_attributes(name):
    scheduler = make(name, optimizer_with([0.1]), {"k": 3, "f": 0.5})
    assert not hasattr(scheduler, "_step_count")
    assert not hasattr(scheduler, "base_lrs")


def test_state_dict_of_the_base_class_is_dict_without_optimizer():
    """The classes that do not override state_dict() return their __dict__ minus optimizer."""
    for name in NAMES:
        cls = getattr(sched, name, SWALR)
        if "state_dict" not in vars(cls) and all("state_dict" not in vars(b) for b in cls.__mro__[1:-2]):
            scheduler = make(name, optimizer_with([0.1]), {"k": 3, "f": 0.5})
            assert scheduler.state_dict() == {k: v for k, v in vars(scheduler).items() if k != "optimizer"}


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(args=ARGS, lrs=LRS, saved_at=st.integers(0, 10), steps=st.integers(1, 20))
def test_load_state_dict_leaves_the_optimizer_alone(name, args, lrs, saved_at, steps):
    import copy  # noqa: PLC0415

    scheduler = make(name, optimizer_with(lrs), args)
    for _ in range(saved_at):
        step(scheduler, name)
    state = copy.deepcopy(scheduler.state_dict())
    for _ in range(steps):
        step(scheduler, name)
    in_use = [g["lr"] for g in scheduler.optimizer.param_groups]
    scheduler.load_state_dict(state)
    assert [g["lr"] for g in scheduler.optimizer.param_groups] == in_use
    if "last_epoch" in state:
        assert scheduler.last_epoch == state["last_epoch"]
