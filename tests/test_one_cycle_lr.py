"""OneCycleLR: the page's closed form, phases, momentum/beta1, step limit and bad arguments, against torch."""

import math

import pytest
import torch
from conftest import lrs, result, trace

REL = 1e-12
ABS = 1e-15  # the end of the schedule approaches min_lr = 4e-07
SCHED = torch.optim.lr_scheduler.OneCycleLR


def closed_form(t, total, max_lr=0.1, pct=0.3, div=25.0, final_div=1e4, strategy="cos",
                three_phase=False, m_low=0.85, m_high=0.95):
    """(lr, momentum) after t step() calls, written from the page's phase table.

    A phase runs from the previous boundary to its own; t beyond the last boundary
    extrapolates the last phase (what torch does after the last allowed step()).
    """
    start_lr = max_lr / div
    min_lr = start_lr / final_div
    if three_phase:
        phases = [(pct * total - 1, start_lr, max_lr, m_high, m_low),
                  (2 * pct * total - 2, max_lr, start_lr, m_low, m_high),
                  (total - 1, start_lr, min_lr, m_high, m_high)]
    else:
        phases = [(pct * total - 1, start_lr, max_lr, m_high, m_low),
                  (total - 1, max_lr, min_lr, m_low, m_high)]
    begin = 0.0
    for i, (end, lr_a, lr_b, m_a, m_b) in enumerate(phases):
        if t <= end or i == len(phases) - 1:
            f = (t - begin) / (end - begin)
            break
        begin = end
    if strategy == "cos":
        w = math.cos(math.pi * f / 2) ** 2  # weight of the phase's start value
        return lr_b + (lr_a - lr_b) * w, m_b + (m_a - m_b) * w
    return lr_a + (lr_b - lr_a) * f, m_a + (m_b - m_a) * f


def approx(values):
    return pytest.approx(values, rel=REL, abs=ABS)


def test_main_example_matches_closed_form_over_the_whole_schedule():
    expected = [closed_form(t, 500) for t in range(500)]
    assert len(lrs("one_cycle_lr")) == 500 == 10 * 50  # epochs * steps_per_epoch
    assert lrs("one_cycle_lr") == approx([lr for lr, _ in expected])
    assert trace("one_cycle_lr", "momenta") == approx([m for _, m in expected])
    assert result("one_cycle_lr").epochs[-1] == pytest.approx(9.98)


def test_start_peak_and_end():
    used = lrs("one_cycle_lr")
    assert used[0] == pytest.approx(0.1 / 25, rel=REL)  # max_lr / div_factor
    assert used[-1] == pytest.approx(0.1 / 25 / 1e4, rel=REL)  # initial_lr / final_div_factor
    peak = max(range(500), key=used.__getitem__)
    assert peak == 0.3 * 500 - 1
    assert used[peak] == pytest.approx(0.1, rel=REL)
    momenta = trace("one_cycle_lr", "momenta")
    assert (momenta[0], momenta[peak], momenta[-1]) == pytest.approx((0.95, 0.85, 0.95), rel=REL)


@pytest.mark.parametrize("strategy", ["cos", "linear"])
def test_anneal_strategies_match_closed_form(strategy):
    label = f"anneal_strategy='{strategy}'"
    expected = [closed_form(t, 500, strategy=strategy) for t in range(500)]
    assert lrs("one_cycle_lr_anneal_strategy", label) == approx([lr for lr, _ in expected])
    assert trace("one_cycle_lr_anneal_strategy", "momenta", label) == approx([m for _, m in expected])


@pytest.mark.parametrize("three_phase", [False, True])
def test_three_phase_matches_closed_form(three_phase):
    label = f"three_phase={three_phase}"
    expected = [closed_form(t, 500, three_phase=three_phase) for t in range(500)]
    assert lrs("one_cycle_lr_three_phase", label) == approx([lr for lr, _ in expected])
    assert trace("one_cycle_lr_three_phase", "momenta", label) == approx([m for _, m in expected])


def test_three_phase_returns_to_initial_lr_symmetrically():
    used = lrs("one_cycle_lr_three_phase", "three_phase=True")
    assert used[2 * 150 - 2] == pytest.approx(0.1 / 25, rel=REL)
    for k in range(150):
        assert used[149 - k] == pytest.approx(used[149 + k], rel=1e-9)


def fresh_sgd(lr=0.1):
    return torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=lr, momentum=0.9)


@pytest.mark.parametrize("optimizer_lr", [1.0, 0.1, 1e-5])
def test_optimizer_lr_is_ignored(optimizer_lr):
    optimizer = fresh_sgd(optimizer_lr)
    SCHED(optimizer, max_lr=0.1, total_steps=100)
    group = optimizer.param_groups[0]
    assert group["lr"] == pytest.approx(0.004, rel=REL)
    assert group["initial_lr"] == pytest.approx(0.004, rel=REL)
    assert group["min_lr"] == pytest.approx(4e-7, rel=REL)
    assert f"SGD(lr={optimizer_lr:g}): lr after construction = 0.004," in result("one_cycle_lr_ignores_lr").stdout


@pytest.mark.parametrize("strategy", ["cos", "linear"])
def test_total_steps_calls_allowed_then_value_error(strategy):
    optimizer = fresh_sgd()
    scheduler = SCHED(optimizer, max_lr=0.1, total_steps=10, anneal_strategy=strategy)
    for _ in range(10):
        optimizer.step()
        scheduler.step()
    left = optimizer.param_groups[0]["lr"]
    # the 10th call computes t = 10, past the end of the last phase: a bounce (cos) or below zero (linear)
    assert left == pytest.approx(closed_form(10, 10, strategy=strategy)[0], rel=REL)
    if strategy == "cos":
        assert left > 4e-7
    else:
        assert left < 0
    optimizer.step()
    with pytest.raises(ValueError, match="Tried to step 11 times. The specified number of total steps is 10"):
        scheduler.step()
    assert "step() call 11: ValueError: Tried to step 11 times" in result("one_cycle_lr_too_many_steps").stdout


def test_adam_beta1_cycles_between_0_95_and_0_85():
    used, beta1 = lrs("one_cycle_lr_adam"), trace("one_cycle_lr_adam", "beta1s")
    expected = [closed_form(t, 500, max_lr=0.01) for t in range(500)]
    assert used == approx([lr for lr, _ in expected])
    assert beta1 == approx([m for _, m in expected])
    optimizer = torch.optim.Adam(torch.nn.Linear(2, 1).parameters(), betas=(0.9, 0.999))
    SCHED(optimizer, max_lr=0.01, total_steps=10)
    assert optimizer.param_groups[0]["betas"] == (0.95, 0.999)


def test_per_epoch_stepping_covers_only_the_start_of_the_schedule():
    per_batch = lrs("one_cycle_lr_per_epoch", "step() per batch")
    per_epoch = lrs("one_cycle_lr_per_epoch", "step() per epoch")
    assert per_batch == approx([closed_form(b, 500)[0] for b in range(500)])
    assert per_epoch == approx([closed_form(b // 50, 500)[0] for b in range(500)])
    assert max(per_epoch) < 0.1 / 10


def test_bad_arguments():
    with pytest.raises(ValueError, match="You must define either total_steps OR"):
        SCHED(fresh_sgd(), max_lr=0.1)
    with pytest.raises(ValueError, match="You must define either total_steps OR"):
        SCHED(fresh_sgd(), max_lr=0.1, epochs=10)
    with pytest.raises(ValueError, match="Expected positive integer total_steps"):
        SCHED(fresh_sgd(), max_lr=0.1, total_steps=100.0)
    with pytest.raises(ValueError, match="Expected float between 0 and 1 pct_start"):
        SCHED(fresh_sgd(), max_lr=0.1, total_steps=100, pct_start=1)
    with pytest.raises(ValueError, match="anneal_strategy must be one of"):
        SCHED(fresh_sgd(), max_lr=0.1, total_steps=100, anneal_strategy="cosine")
    with pytest.raises(ValueError, match="optimizer must support momentum or beta1"):
        SCHED(torch.optim.Adagrad(torch.nn.Linear(2, 1).parameters()), max_lr=0.1, total_steps=100)
    # total_steps wins over epochs * steps_per_epoch
    assert SCHED(fresh_sgd(), max_lr=0.1, total_steps=100, epochs=10, steps_per_epoch=50).total_steps == 100
    assert "accepted, total_steps = 100" in result("one_cycle_lr_bad_arguments").stdout


def test_adam_keeps_beta1_with_cycle_momentum_false():
    optimizer = torch.optim.Adam(torch.nn.Linear(2, 1).parameters(), betas=(0.9, 0.999))
    scheduler = SCHED(optimizer, max_lr=0.01, total_steps=10, cycle_momentum=False)
    for _ in range(5):
        optimizer.step()
        scheduler.step()
        assert optimizer.param_groups[0]["betas"] == (0.9, 0.999)


@pytest.mark.parametrize("cls, key", [(torch.optim.RMSprop, "momentum"), (torch.optim.AdamW, "betas")])
def test_rmsprop_momentum_and_adamw_beta1_are_cycled(cls, key):
    optimizer = cls(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    scheduler = SCHED(optimizer, max_lr=0.1, total_steps=500)
    for _ in range(149):  # to the peak at pct_start * total_steps - 1
        optimizer.step()
        scheduler.step()
    value = optimizer.param_groups[0][key]
    assert (value if key == "momentum" else value[0]) == pytest.approx(0.85, rel=REL)


@pytest.mark.parametrize("strategy", ["cos", "linear"])
def test_the_last_batch_is_min_lr_exactly_for_cos_and_up_to_rounding_for_linear(strategy):
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    total = 100
    scheduler = SCHED(optimizer, max_lr=0.01, total_steps=total, anneal_strategy=strategy)
    for _ in range(total - 1):
        optimizer.step()
        scheduler.step()
    last, min_lr = optimizer.param_groups[0]["lr"], 0.01 / 25.0 / 1e4
    if strategy == "cos":
        assert last == min_lr
    else:
        assert last != min_lr and last == pytest.approx(min_lr, rel=1e-10)
