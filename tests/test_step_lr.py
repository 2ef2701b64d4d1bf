"""StepLR: the page's formula and pitfalls, checked against torch."""

import pytest
import torch
from conftest import lrs, result

REL = 1e-12


def closed_form(lr0, gamma, step_size, t):
    return lr0 * gamma ** (t // step_size)


def test_example_matches_closed_form():
    expected = [closed_form(0.1, 0.5, 200, t) for t in range(800)]
    assert lrs("step_lr") == pytest.approx(expected, rel=REL)


def test_get_lr_applies_gamma_again_at_each_boundary_and_warns():
    last = lrs("step_lr_get_lr", "get_last_lr(): the LR in use")
    shown = lrs("step_lr_get_lr", "get_lr(): display only")
    for t, (used, displayed) in enumerate(zip(last, shown), start=1):
        assert used == pytest.approx(closed_form(0.1, 0.5, 5, t), rel=REL)
        factor = 0.5 if t % 5 == 0 else 1.0
        assert displayed == pytest.approx(used * factor, rel=REL)
    assert any("please use `get_last_lr()`" in w for w in result("step_lr_get_lr").warnings)


def test_step_size_counts_step_calls_not_epochs():
    batches = 50
    per_epoch = lrs("step_lr_per_batch", "step() per epoch, step_size=4")
    per_batch = lrs("step_lr_per_batch", "step() per batch, step_size=4")
    scaled = lrs("step_lr_per_batch", "step() per batch, step_size=4*50")
    for b in range(12 * batches):
        assert per_epoch[b] == pytest.approx(closed_form(0.1, 0.5, 4, b // batches), rel=REL)
        assert per_batch[b] == pytest.approx(closed_form(0.1, 0.5, 4, b), rel=REL)
    assert scaled == pytest.approx(per_epoch, rel=REL)


def fresh(**kwargs):
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    return optimizer, torch.optim.lr_scheduler.StepLR(optimizer, **kwargs)


def test_step_size_zero_is_accepted_then_fails_at_first_step():
    optimizer, scheduler = fresh(step_size=0)
    optimizer.step()
    with pytest.raises(ZeroDivisionError):
        scheduler.step()


@pytest.mark.parametrize("kwargs, lr_at", [
    (dict(step_size=-1), lambda t: 0.1 * 0.1 ** t),  # -1 divides every t
    (dict(step_size=1, gamma=2.0), lambda t: 0.1 * 2.0 ** t),
    (dict(step_size=1, gamma=-1.0), lambda t: 0.1 * (-1.0) ** t),
])
def test_odd_arguments_are_accepted_silently(kwargs, lr_at):
    optimizer, scheduler = fresh(**kwargs)
    for t in range(1, 5):
        optimizer.step()
        scheduler.step()
        assert optimizer.param_groups[0]["lr"] == pytest.approx(lr_at(t), rel=REL)


def test_fractional_step_size_decays_when_t_is_a_multiple():
    optimizer, scheduler = fresh(step_size=1.5)
    seen = []
    for _ in range(4):
        optimizer.step()
        scheduler.step()
        seen.append(optimizer.param_groups[0]["lr"])
    # t % 1.5 == 0 only at t = 3 among 1..4
    assert seen == pytest.approx([0.1, 0.1, 0.01, 0.01], rel=REL)


def test_verbose_was_removed():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    with pytest.raises(TypeError):
        torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, verbose=True)
