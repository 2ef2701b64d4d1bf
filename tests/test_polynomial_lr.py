"""PolynomialLR: the page's formula, pitfalls, bad arguments and version notes, checked against torch."""

import inspect
import re

import pytest
import torch
from conftest import lrs, trace

REL = 1e-12


def closed_form(lr0, total, power, t):
    remaining = max(total - t, 0) / total
    return lr0 * remaining**power


def fresh(lr=0.1, **kwargs):
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=lr)
    return optimizer, torch.optim.lr_scheduler.PolynomialLR(optimizer, **kwargs)


def test_defaults_and_powers_match_closed_form():
    cases = {"defaults": (5, 1.0), "power=0.5": (10, 0.5), "power=1.0": (10, 1.0), "power=2.0": (10, 2.0)}
    for label, (total, power) in cases.items():
        expected = [closed_form(0.1, total, power, t) for t in range(14)]
        assert lrs("polynomial_lr", label) == pytest.approx(expected, rel=REL, abs=1e-15), label
    _, scheduler = fresh()
    assert (scheduler.total_iters, scheduler.power) == (5, 1.0)
    # the shapes the page describes: power < 1 stays above the line, power > 1 below it
    for t in range(1, 10):
        assert lrs("polynomial_lr", "power=0.5")[t] > lrs("polynomial_lr", "power=1.0")[t] > lrs("polynomial_lr", "power=2.0")[t]


@pytest.mark.parametrize("total, power", [(5, 1.0), (10, 0.5), (7, 2.0), (50, 0.9)])
def test_reaches_exactly_zero_at_total_iters_and_stays(total, power):
    optimizer, scheduler = fresh(total_iters=total, power=power)
    for t in range(1, total + 30):
        optimizer.step()
        scheduler.step()
        lr = optimizer.param_groups[0]["lr"]
        if t < total:
            assert lr > 0.0
        else:
            assert lr == 0.0


def test_steps_after_total_iters_train_nothing():
    full = lrs("polynomial_lr_zero", "total_iters=30")
    short = lrs("polynomial_lr_zero", "total_iters=20")
    assert full == pytest.approx([closed_form(0.1, 30, 2.0, t) for t in range(30)], rel=REL)
    assert short == pytest.approx([closed_form(0.1, 20, 2.0, t) for t in range(30)], rel=REL, abs=1e-15)
    assert full[-1] > 0.0
    assert short[20:] == [0.0] * 10
    frozen = trace("polynomial_lr_zero", "losses", "total_iters=20")[20:]
    assert len(set(frozen)) == 1
    assert trace("polynomial_lr_zero", "losses", "total_iters=30")[-1] < frozen[-1]


def test_docstring_example_is_shifted_by_one():
    doc = inspect.getdoc(torch.optim.lr_scheduler.PolynomialLR)
    assert "total_iters=50, power=0.9" in doc and "lr = 0.05 for all groups" in doc
    listed = [(int(e), v) for v, e in re.findall(r"lr = ([\d.]+)\s+if epoch == (\d+)", doc)]
    assert len(listed) >= 3
    actual = lrs("polynomial_lr_docstring")
    assert actual == pytest.approx([closed_form(0.05, 50, 0.9, t) for t in range(55)], rel=REL, abs=1e-15)
    for epoch, text in listed:
        unit = 10.0 ** -len(text.split(".")[1])  # the docstring cuts the values after a few digits
        assert abs(actual[epoch + 1] - float(text)) < unit
        assert abs(actual[epoch] - float(text)) > unit
    assert actual[0] == 0.05


@pytest.mark.parametrize("kwargs", [dict(total_iters=0), dict(total_iters=-3), dict(power=0.0)])
def test_degenerate_arguments_give_a_constant_lr(kwargs):
    optimizer, scheduler = fresh(**kwargs)
    for _ in range(20):
        assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1, rel=REL)
        optimizer.step()
        scheduler.step()


def test_fractional_total_iters_stops_above_zero():
    optimizer, scheduler = fresh(total_iters=2.5)
    for _ in range(10):
        optimizer.step()
        scheduler.step()
    # stuck at the curve's value at t=2, the last integer step not beyond 2.5
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * (1 - 2 / 2.5), rel=1e-12)


def test_negative_power_grows_then_fails_at_total_iters():
    optimizer, scheduler = fresh(power=-1.0)
    for t in range(1, 5):
        optimizer.step()
        scheduler.step()
        assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 / (1 - t / 5), rel=REL)
    optimizer.step()
    with pytest.raises(ZeroDivisionError):
        scheduler.step()


def test_resuming_with_last_epoch_keeps_the_loaded_lr():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    loaded = closed_form(0.1, 10, 2.0, 4)
    for group in optimizer.param_groups:
        group["initial_lr"] = 0.1
        group["lr"] = loaded
    scheduler = torch.optim.lr_scheduler.PolynomialLR(optimizer, total_iters=10, power=2.0, last_epoch=3)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(loaded, rel=REL)
    optimizer.step()
    scheduler.step()
    assert optimizer.param_groups[0]["lr"] == pytest.approx(closed_form(0.1, 10, 2.0, 5), rel=REL)
