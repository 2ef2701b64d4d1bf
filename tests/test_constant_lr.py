"""ConstantLR: the page's formula, pitfalls, bad arguments and version notes, checked against torch."""

import pytest
import torch
from conftest import lrs

REL = 1e-12


def closed_form(lr0, factor, total_iters, t):
    return lr0 * factor if t < total_iters else lr0


def fresh(lr=0.1, **kwargs):
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=lr)
    return optimizer, torch.optim.lr_scheduler.ConstantLR(optimizer, **kwargs)


def test_defaults_are_a_third_for_five_steps():
    _, scheduler = fresh()
    assert scheduler.factor == pytest.approx(1 / 3, rel=REL)
    assert scheduler.total_iters == 5
    expected = [closed_form(0.1, 1 / 3, 5, t) for t in range(10)]
    assert lrs("constant_lr") == pytest.approx(expected, rel=REL)
    assert lrs("constant_lr")[4] < lrs("constant_lr")[5] == pytest.approx(0.1, rel=REL)


def test_the_lr_stays_restored_long_after_total_iters():
    optimizer, scheduler = fresh(factor=0.5, total_iters=3)
    for t in range(1, 50):
        optimizer.step()
        scheduler.step()
        assert optimizer.param_groups[0]["lr"] == pytest.approx(closed_form(0.1, 0.5, 3, t), rel=REL)


def test_undo_multiplies_whatever_lr_is_there():
    alone = lrs("constant_lr_undo", "ConstantLR alone")
    manual = lrs("constant_lr_undo", "LR set to 0.01 by hand at step 2")
    chained = lrs("constant_lr_undo", "ConstantLR + ExponentialLR(gamma=0.9)")
    assert alone == pytest.approx([closed_form(0.1, 1 / 3, 5, t) for t in range(10)], rel=REL)
    assert manual[2:5] == pytest.approx([0.01] * 3, rel=REL)
    assert manual[5:] == pytest.approx([0.01 * 3] * 5, rel=REL)  # tripled, neither 0.01 nor 0.1
    # two multiplicative schedulers compose: product of both closed forms
    for t in range(10):
        assert chained[t] == pytest.approx(closed_form(1.0, 1 / 3, 5, t) * 0.1 * 0.9**t, rel=REL)
    assert chained[5] / chained[4] == pytest.approx(3 * 0.9, rel=REL)


def test_building_after_optimizer_load_applies_factor_twice():
    right = lrs("constant_lr_resume", "scheduler built, then state loaded")
    wrong = lrs("constant_lr_resume", "state loaded, then scheduler built")
    assert right == pytest.approx([closed_form(0.1, 1 / 3, 5, t) for t in range(10)], rel=REL)
    assert wrong[:3] == pytest.approx(right[:3], rel=REL)  # the same first run
    assert wrong[3:5] == pytest.approx([0.1 / 9] * 2, rel=REL)
    assert wrong[5:] == pytest.approx([0.1 / 3] * 5, rel=REL)  # never recovers


@pytest.mark.parametrize("factor", [2, -0.5, 1.0001])
def test_factor_outside_zero_one_is_rejected(factor):
    with pytest.raises(ValueError, match="Constant multiplicative factor expected to be between 0 and 1"):
        fresh(factor=factor)


def test_factor_zero_trains_at_zero_then_fails_at_the_undo():
    optimizer, scheduler = fresh(factor=0)
    for _ in range(4):
        assert optimizer.param_groups[0]["lr"] == 0.0
        optimizer.step()
        scheduler.step()
    optimizer.step()
    with pytest.raises(ZeroDivisionError):
        scheduler.step()


@pytest.mark.parametrize("kwargs, expected", [
    (dict(factor=1), 0.1),
    (dict(total_iters=0), 0.1 / 3),
    (dict(total_iters=-1), 0.1 / 3),
    (dict(total_iters=2.5), 0.1 / 3),
])
def test_odd_total_iters_are_accepted_and_never_undone(kwargs, expected):
    optimizer, scheduler = fresh(**kwargs)
    for _ in range(20):
        assert optimizer.param_groups[0]["lr"] == pytest.approx(expected, rel=REL)
        optimizer.step()
        scheduler.step()


@pytest.mark.parametrize("steps, tripled", [(3, False), (4, False), (5, True), (6, False)])
def test_resume_with_last_epoch_repeats_the_undo_only_at_total_iters(steps, tripled):
    optimizer, scheduler = fresh()
    for _ in range(steps):
        optimizer.step()
        scheduler.step()
    saved = optimizer.state_dict()
    expected = closed_form(0.1, 1 / 3, 5, steps)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(expected, rel=REL)
    resumed = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    resumed.load_state_dict(saved)
    torch.optim.lr_scheduler.ConstantLR(resumed, last_epoch=steps - 1)
    assert resumed.param_groups[0]["lr"] == pytest.approx(expected * (3 if tripled else 1), rel=REL)
