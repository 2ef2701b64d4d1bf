"""ExponentialLR: the page's formula, pitfalls and bad arguments, checked against torch."""

import math

import pytest
import torch
from conftest import lrs

REL = 1e-12


def closed_form(lr0, gamma, t):
    return lr0 * math.exp(t * math.log(gamma))  # written without ** on purpose


def test_example_matches_closed_form():
    expected = [closed_form(0.1, 0.95, t) for t in range(100)]
    assert lrs("exponential_lr") == pytest.approx(expected, rel=REL)
    assert len(lrs("exponential_lr")) == 100


def stepped(gamma, steps, lr=0.1):
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=gamma)
    seen = []
    for _ in range(steps):
        seen.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return seen, optimizer, scheduler


def test_it_never_stops_decaying():
    trace = lrs("exponential_lr_never_stops")
    assert trace == pytest.approx([closed_form(0.1, 0.95, t) for t in range(300)], rel=REL)
    # a tenfold drop every ln(10)/-ln(0.95) steps
    period = math.log(10) / -math.log(0.95)
    assert 44 < period < 45
    assert trace[45] < 0.1 / 10 < trace[44]
    seen, _, _ = stepped(0.95, 5001)
    assert seen[5000] == pytest.approx(closed_form(0.1, 0.95, 5000), rel=1e-11)  # 5000 roundings
    assert all(b < a for a, b in zip(seen, seen[1:]))  # strictly decreasing all the way
    # after 15000 steps the recursion is stuck on a subnormal, never exactly zero
    seen, optimizer, scheduler = stepped(0.95, 15001)
    assert 0.0 < seen[15000] < 1e-320
    stuck = optimizer.param_groups[0]["lr"]
    for _ in range(100):
        optimizer.step()
        scheduler.step()
        assert optimizer.param_groups[0]["lr"] == stuck > 0.0
    assert 0.1 * 0.95**15000 == 0.0  # the closed form underflows where the recursion does not


def test_gamma_is_per_step_call():
    batches = 50
    per_epoch = lrs("exponential_lr_per_batch", "step() per epoch, gamma=0.95")
    per_batch = lrs("exponential_lr_per_batch", "step() per batch, gamma=0.95")
    rooted = lrs("exponential_lr_per_batch", "step() per batch, gamma=0.95**(1/50)")
    for b in range(20 * batches):
        assert per_epoch[b] == pytest.approx(closed_form(0.1, 0.95, b // batches), rel=REL)
        assert per_batch[b] == pytest.approx(closed_form(0.1, 0.95, b), rel=1e-11)
        assert rooted[b] == pytest.approx(0.1 * 0.95 ** (b / batches), rel=1e-11)
    for e in range(20):  # the smooth curve meets the staircase at each epoch start
        assert rooted[e * batches] == pytest.approx(per_epoch[e * batches], rel=1e-11)
    assert per_batch[2 * batches] < per_batch[0] / 100  # "gone after a couple of epochs"


@pytest.mark.parametrize("gamma", [1.05, 1.0, 0.0, -0.5])
def test_any_gamma_is_accepted_silently(gamma):
    seen, _, _ = stepped(gamma, 101)
    for t in (0, 1, 2, 3, 50, 100):
        assert seen[t] == pytest.approx(0.1 * gamma**t, rel=1e-11, abs=1e-300)
    if gamma > 1:
        assert seen[100] > 100 * seen[0]


def test_gamma_is_required():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    with pytest.raises(TypeError, match="gamma"):
        torch.optim.lr_scheduler.ExponentialLR(optimizer)


def test_resuming_with_last_epoch_does_not_decay_again():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    for group in optimizer.param_groups:
        group["initial_lr"] = 0.1
        group["lr"] = 0.1 * 0.95**4  # what a checkpoint after 4 steps holds
    scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.95, last_epoch=3)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.95**4, rel=REL)
    optimizer.step()
    scheduler.step()
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.95**5, rel=REL)
