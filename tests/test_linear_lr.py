"""LinearLR: the page's formula, pitfalls, bad arguments and version notes, checked against torch."""

import inspect
import re

import pytest
import torch
from conftest import lrs

REL = 1e-12


def closed_form(lr0, start, end, total, t):
    done = t if t < total else total
    return lr0 * (start * (total - done) + end * done) / total  # the same line, weighted form


def fresh(lr=0.1, **kwargs):
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=lr)
    return optimizer, torch.optim.lr_scheduler.LinearLR(optimizer, **kwargs)


def test_defaults_warm_up_and_decay_match_closed_form():
    cases = {
        "defaults": (1 / 3, 1.0, 5),
        "warm-up": (0.1, 1.0, 8),
        "decay": (1.0, 0.2, 8),
    }
    for label, (start, end, total) in cases.items():
        expected = [closed_form(0.1, start, end, total, t) for t in range(12)]
        assert lrs("linear_lr", label) == pytest.approx(expected, rel=REL), label
        assert lrs("linear_lr", label)[total:] == pytest.approx([0.1 * end] * (12 - total), rel=REL)
    _, scheduler = fresh()
    assert (scheduler.start_factor, scheduler.end_factor, scheduler.total_iters) == (1 / 3, 1.0, 5)


def test_end_value_is_held_long_after_total_iters():
    optimizer, scheduler = fresh(start_factor=1.0, end_factor=0.0, total_iters=4)
    for t in range(1, 60):
        optimizer.step()
        scheduler.step()
        assert optimizer.param_groups[0]["lr"] == pytest.approx(closed_form(0.1, 1.0, 0.0, 4, t), rel=REL, abs=1e-15)


def docstring_example():
    """(epoch, lr) pairs the 2.13 docstring lists, e.g. '# lr = 0.003687  if epoch == 0'."""
    doc = inspect.getdoc(torch.optim.lr_scheduler.LinearLR)
    assert "start_factor=0.05, total_iters=40" in doc and "lr = 0.05 for all groups" in doc
    return [(int(e), v) for v, e in re.findall(r"lr = ([\d.]+)\s+if epoch == (\d+)", doc)]


def test_docstring_example_is_shifted_by_one():
    actual = lrs("linear_lr_docstring")
    assert actual == pytest.approx([closed_form(0.05, 0.05, 1.0, 40, t) for t in range(45)], rel=REL)
    listed = docstring_example()
    assert len(listed) >= 4
    for epoch, text in listed:
        unit = 10.0 ** -len(text.split(".")[1])  # the docstring cuts the values after a few digits
        assert abs(actual[epoch + 1] - float(text)) < unit
        assert abs(actual[epoch] - float(text)) > unit
    assert actual[0] == pytest.approx(0.05 * 0.05, rel=REL)


def test_start_factor_zero_is_rejected_and_the_workarounds_meet():
    with pytest.raises(ValueError, match="Starting multiplicative factor expected to be greater than 0"):
        fresh(start_factor=0.0)
    tiny = lrs("linear_lr_from_zero", "LinearLR(start_factor=1e-8, total_iters=5)")
    from_zero = lrs("linear_lr_from_zero", "LambdaLR(lambda t: min(1.0, t / 5))")
    assert tiny == pytest.approx([closed_form(0.1, 1e-8, 1.0, 5, t) for t in range(8)], rel=REL)
    assert from_zero[0] == 0.0
    assert from_zero[1:] == pytest.approx([0.1 * min(1.0, t / 5) for t in range(1, 8)], rel=REL)
    assert tiny == pytest.approx(from_zero, abs=1e-8)


@pytest.mark.parametrize("kwargs, message", [
    (dict(start_factor=1.5), "Starting multiplicative factor"),
    (dict(start_factor=-0.1), "Starting multiplicative factor"),
    (dict(end_factor=2.0), "Ending multiplicative factor expected to be between 0 and 1"),
    (dict(end_factor=-0.1), "Ending multiplicative factor expected to be between 0 and 1"),
])
def test_factors_out_of_range_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fresh(**kwargs)


@pytest.mark.parametrize("total_iters", [0, -2])
def test_non_positive_total_iters_freezes_at_start_factor(total_iters):
    optimizer, scheduler = fresh(total_iters=total_iters)
    for _ in range(20):
        assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 / 3, rel=REL)
        optimizer.step()
        scheduler.step()


def test_fractional_total_iters_stops_short_of_end_factor():
    optimizer, scheduler = fresh(total_iters=2.5)
    for _ in range(10):
        optimizer.step()
        scheduler.step()
    final = optimizer.param_groups[0]["lr"]
    assert 0.1 / 3 < final < 0.1 * 0.99
    assert final == pytest.approx(closed_form(0.1, 1 / 3, 1.0, 2.5, 2), rel=REL)  # the line's value at t=2


def test_resuming_with_last_epoch_keeps_the_loaded_lr():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    loaded = closed_form(0.1, 0.1, 1.0, 10, 4)
    for group in optimizer.param_groups:
        group["initial_lr"] = 0.1
        group["lr"] = loaded
    scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=10, last_epoch=3)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(loaded, rel=REL)
    optimizer.step()
    scheduler.step()
    assert optimizer.param_groups[0]["lr"] == pytest.approx(closed_form(0.1, 0.1, 1.0, 10, 5), rel=REL)


def test_fresh_linear_lr_scales_the_current_lr_when_built():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    optimizer.param_groups[0]["lr"] = 0.037  # as if just loaded from a checkpoint
    torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.0037, rel=REL)
