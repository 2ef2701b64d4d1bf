"""CosineAnnealingWarmRestarts: closed form with independently computed cycles, pitfalls, bad arguments, version notes."""

import math

import pytest
import torch
from conftest import lrs, result

REL, ABS = 1e-12, 1e-15


def position(x, T_0, T_mult):
    """(T_cur, T_i) for a position x (steps or epochs), walking the cycles one by one."""
    start, length = 0, T_0
    while x >= start + length:
        start += length
        length *= T_mult
    return x - start, length


def closed_form(x, T_0, T_mult=1, eta_min=0.0, lr0=0.1):
    T_cur, T_i = position(x, T_0, T_mult)
    return eta_min + (lr0 - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2


def approx(values):
    return pytest.approx(values, rel=REL, abs=ABS)


def fresh(**kwargs):
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    return optimizer, torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, **kwargs)


def test_example_matches_closed_form():
    expected = [closed_form(t, 50, 2, 0.001) for t in range(400)]
    assert lrs("cosine_annealing_warm_restarts") == approx(expected)


def test_example_restarts_where_the_cycle_lengths_say():
    trace = lrs("cosine_annealing_warm_restarts")
    restarts = [t for t in range(1, 400) if trace[t] > trace[t - 1]]
    assert restarts == [50, 50 + 100, 50 + 100 + 200]
    assert trace[0] == 0.1  # starts at the initial LR: the 1.1.0 extra step (#23480) is gone
    for t in restarts:
        assert trace[t] == pytest.approx(0.1, rel=REL)
    out = result("cosine_annealing_warm_restarts").stdout
    for length in (50, 100, 200, 400):
        assert f"(length {length:3d})" in out


def test_eta_min_is_never_used():
    trace = lrs("cosine_annealing_warm_restarts_eta_min")
    assert min(trace) > 0.01
    for t in (4, 9, 14):  # last step of each cycle: T_cur = T_0 - 1, not T_0
        expected = 0.01 + (0.1 - 0.01) * (1 + math.cos(math.pi * 4 / 5)) / 2
        assert trace[t] == pytest.approx(expected, rel=REL)
    main = lrs("cosine_annealing_warm_restarts")
    assert all(main[t - 1] > 0.001 for t in (50, 150, 350))


@pytest.mark.parametrize("T_mult", [0.5, 1.5, 2.0, 0])
def test_t_mult_must_be_an_int_at_least_1(T_mult):
    with pytest.raises(ValueError, match=r"Expected integer T_mult >= 1"):
        fresh(T_0=10, T_mult=T_mult)


@pytest.mark.parametrize("T_0", [0, -10, 2.5])
def test_t_0_must_be_a_positive_int(T_0):
    with pytest.raises(ValueError, match=r"Expected positive integer T_0"):
        fresh(T_0=T_0)


def test_eta_min_must_be_a_number():
    with pytest.raises(ValueError, match=r"Expected float or int eta_min"):
        fresh(T_0=10, eta_min="0.001")


def test_eta_min_above_the_lr_is_accepted_and_the_lr_rises():
    optimizer, scheduler = fresh(T_0=10, eta_min=0.5)
    used = []
    for _ in range(10):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    assert used == approx([closed_form(t, 10, 1, 0.5) for t in range(10)])
    assert all(b > a for a, b in zip(used, used[1:]))


def test_negative_epoch_is_rejected():
    optimizer, scheduler = fresh(T_0=10)
    optimizer.step()
    with pytest.raises(ValueError, match=r"Expected non-negative epoch"):
        scheduler.step(-1)


def test_fractional_epochs_follow_the_closed_form_without_warnings():
    snippet = result("cosine_annealing_warm_restarts_fractional")
    assert snippet.warnings == []
    epochs = snippet.epochs
    assert epochs == pytest.approx([e + i / 20 for e in range(7) for i in range(20)], rel=REL)
    expected = [closed_form(x, 1, 2, 0.001) for x in epochs]
    assert lrs("cosine_annealing_warm_restarts_fractional") == approx(expected)


def test_last_epoch_is_the_floor_of_a_fractional_epoch():
    optimizer, scheduler = fresh(T_0=1, T_mult=2)
    for epoch in (0.25, 1.5, 2.75, 6.999):
        optimizer.step()
        scheduler.step(epoch)
        assert scheduler.last_epoch == math.floor(epoch)
        assert optimizer.param_groups[0]["lr"] == pytest.approx(closed_form(epoch, 1, 2), rel=REL, abs=ABS)


def test_epoch_plus_i_over_iters_lags_one_batch():
    # step(epoch + i / iters) after batch i: batch b trains at position (b - 1) / iters, batch 0 and 1 alike.
    iters = 10
    optimizer, scheduler = fresh(T_0=1, T_mult=2)
    used = []
    for epoch in range(3):
        for i in range(iters):
            used.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            scheduler.step(epoch + i / iters)
    expected = [closed_form(max(b - 1, 0) / iters, 1, 2) for b in range(3 * iters)]
    assert used == approx(expected)
    assert used[0] == used[1]


def test_per_batch_step_makes_t_0_count_batches():
    batches = 25
    per_epoch = lrs("cosine_annealing_warm_restarts_per_batch", "step() per epoch")
    per_batch = lrs("cosine_annealing_warm_restarts_per_batch", "step() per batch: T_0 counts batches")
    fraction = lrs("cosine_annealing_warm_restarts_per_batch", "step(epoch + (i + 1) / batches) per batch")
    n = 6 * batches
    assert per_epoch == approx([closed_form(b // batches, 2, 2) for b in range(n)])
    assert per_batch == approx([closed_form(b, 2, 2) for b in range(n)])
    assert fraction == approx([closed_form(b / batches, 2, 2) for b in range(n)])


def test_constructor_with_last_epoch_works_and_sets_the_closed_form():
    # PR #52238: this raised AttributeError ('T_cur') before.
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    optimizer.param_groups[0]["initial_lr"] = 0.1
    scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=10, last_epoch=3)
    assert scheduler.T_cur == 4
    assert optimizer.param_groups[0]["lr"] == pytest.approx(closed_form(4, 10), rel=REL)


def test_resume_wraps_with_a_modulo_for_t_mult_1_only():
    def resumed(T_mult):
        optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
        optimizer.param_groups[0]["initial_lr"] = 0.1
        scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(
            optimizer, T_0=10, T_mult=T_mult, last_epoch=25)
        return scheduler, optimizer.param_groups[0]["lr"]

    scheduler, lr = resumed(1)  # position 26, more than two cycles in: T_cur = 26 % 10
    assert (scheduler.T_cur, scheduler.T_i) == position(26, 10, 1)
    assert lr == pytest.approx(closed_form(26, 10, 1), rel=REL)
    scheduler, lr = resumed(2)  # one wrap only: not where the cycles of 10, 20, ... put position 26
    assert (scheduler.T_cur, scheduler.T_i) != position(26, 10, 2)
    assert lr != pytest.approx(closed_form(26, 10, 2), rel=1e-3)


def test_closed_form_overwrites_other_changes_to_the_lr():
    optimizer, scheduler = fresh(T_0=10)
    other = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.5)
    used = []
    for t in range(12):
        if t == 5:
            optimizer.param_groups[0]["lr"] *= 0.1  # a manual edit
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        other.step()
        scheduler.step()  # stepped last: its closed form wins
    expected = [closed_form(t, 10) * (0.1 if t == 5 else 1.0) for t in range(12)]
    assert used == approx(expected)
