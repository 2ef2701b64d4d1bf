"""SequentialLR: the page's rule, pitfalls, bad arguments and version notes, checked against torch."""

import math
import warnings

import pytest
import torch
from conftest import lrs, result, lrs_used
from torch.optim.lr_scheduler import (
    ConstantLR, ExponentialLR, LinearLR, ReduceLROnPlateau, SequentialLR,
)

REL = 1e-12


def linear_warmup(lr0, start, total, t):
    return lr0 * (start + (1 - start) * min(t, total) / total)


def cosine(lr0, T, t):
    return lr0 * (1 + math.cos(math.pi * t / T)) / 2


def sequential(parts, milestones, t):
    """The page's rule: phase i runs its own schedule from 0 at milestone i."""
    starts = [0] + list(milestones)
    i = sum(1 for m in milestones if m <= t)
    return parts[i](t - starts[i])


def fresh_optimizer(lr=0.1):
    return torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=lr)


def run(optimizer, scheduler, steps):
    return lrs_used(optimizer, scheduler, steps)


def test_warmup_then_cosine_matches_the_rule():
    parts = [lambda t: linear_warmup(0.1, 0.1, 5, t), lambda t: cosine(0.1, 25, t)]
    expected = [sequential(parts, [5], t) for t in range(30)]
    assert lrs("sequential_lr") == pytest.approx(expected, rel=REL, abs=1e-15)


def test_next_scheduler_restarts_from_its_own_start_at_the_milestone():
    before = [0.1 * 0.5 ** t for t in range(4)]
    cos = lrs("sequential_lr_milestone", "then CosineAnnealingLR")
    const = lrs("sequential_lr_milestone", "then ConstantLR(factor=0.5)")
    mult = lrs("sequential_lr_milestone", "then MultiplicativeLR(x0.9)")
    for trace in (cos, const, mult):
        assert trace[:4] == pytest.approx(before, rel=REL)
    # closed form at epoch 0 from the base LR 0.1, whatever the LR was (0.0125)
    assert cos[4:] == pytest.approx([cosine(0.1, 8, t) for t in range(8)], rel=REL, abs=1e-15)
    assert const[4:] == pytest.approx([0.1 * (0.5 if t < 4 else 1.0) for t in range(8)], rel=REL)
    # MultiplicativeLR has no closed form: it keeps multiplying the current LR
    assert mult[4:] == pytest.approx([before[-1] * 0.9 ** (t + 1) for t in range(8)], rel=REL)


def test_construction_resets_the_lr_and_reruns_only_the_first_scheduler():
    optimizer = fresh_optimizer(0.1)
    first = LinearLR(optimizer, start_factor=0.5, total_iters=4)
    second = LinearLR(optimizer, start_factor=0.1, total_iters=4)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.5 * 0.1, rel=REL)
    optimizer.param_groups[0]["lr"] = 0.3
    SequentialLR(optimizer, [first, second], milestones=[3])
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.5, rel=REL)
    assert (first.last_epoch, second.last_epoch) == (0, -1)
    assert "after SequentialLR:                    lr = 0.05\n" in result("sequential_lr_init").stdout


def test_reduce_lr_on_plateau_is_rejected():
    optimizer = fresh_optimizer()
    with pytest.raises(ValueError, match="does not support `ReduceLROnPlateau`"):
        SequentialLR(optimizer, [LinearLR(optimizer), ReduceLROnPlateau(optimizer)], milestones=[5])
    assert result("sequential_lr_plateau").stdout.startswith("ValueError: SequentialLR does not support")


def test_manual_switch_to_plateau_works():
    losses = [1.0, 0.8, 0.7, 0.65, 0.6, 0.55, 0.5, 0.5, 0.51, 0.5, 0.52, 0.5, 0.5, 0.49, 0.5, 0.5, 0.5, 0.5]
    expected, lr, best, bad = [], 0.1, math.inf, 0
    for epoch, loss in enumerate(losses):
        expected.append(linear_warmup(0.1, 0.1, 5, epoch) if epoch < 5 else lr)
        if epoch >= 5:  # min mode, rel threshold 1e-4, patience 2, factor 0.5
            if loss < best * (1 - 1e-4):
                best, bad = loss, 0
            else:
                bad += 1
            if bad > 2:
                lr, bad = lr * 0.5, 0
    assert lrs("sequential_lr_plateau") == pytest.approx(expected, rel=REL)
    assert min(expected) < 0.1  # the plateau phase did reduce


def test_milestone_zero_starts_in_the_second_scheduler():
    assert lrs("sequential_lr_milestone_zero", "milestones=[0] (no warm-up)") == pytest.approx(
        [0.1 * 0.5 ** t for t in range(6)], rel=REL)
    parts = [lambda t: linear_warmup(0.1, 0.1, 3, t), lambda t: 0.1 * 0.5 ** t]
    assert lrs("sequential_lr_milestone_zero", "milestones=[3]") == pytest.approx(
        [sequential(parts, [3], t) for t in range(6)], rel=REL)


def test_resume_with_state_dict_is_exact_and_last_epoch_is_not():
    parts = [lambda t: 0.1 * (0.1 if t < 2 else 1.0), lambda t: 0.1 * 0.9 ** t]
    expected = [sequential(parts, [3], t) for t in range(10)]
    assert lrs("sequential_lr_resume", "uninterrupted") == pytest.approx(expected, rel=REL)
    assert lrs("sequential_lr_resume", "resumed with load_state_dict()") == pytest.approx(expected, rel=REL)
    resumed = lrs("sequential_lr_resume", "resumed with last_epoch=4")
    assert resumed[:5] == pytest.approx(expected[:5], rel=REL)
    # the LR is reset to initial_lr and the decay restarts from there
    assert resumed[5:] == pytest.approx([0.1 * 0.9 ** k for k in range(5)], rel=REL)
    assert resumed[5] != pytest.approx(expected[5], rel=1e-3)


def test_shared_optimizer_corrupts_the_official_figures():
    chained = [0.1 * 0.9 ** t * (0.1 if t < 2 else 1.0) for t in range(20)]
    seq_parts = [lambda t: 0.1 * (0.1 if t < 2 else 1.0), lambda t: 0.1 * 0.9 ** t]
    seq = [sequential(seq_parts, [2], t) for t in range(20)]
    name = "sequential_lr_shared_optimizer"
    assert lrs(name, "ChainedScheduler, fresh optimizer") == pytest.approx(chained, rel=REL)
    assert lrs(name, "SequentialLR, fresh optimizer") == pytest.approx(seq, rel=REL)
    # shared: the LR reset discards ConstantLR's factor, whose undo then multiplies by 10
    shared_chained = lrs(name, "ChainedScheduler, shared optimizer")
    assert shared_chained == pytest.approx([c / (0.1 if t < 2 else 1.0) * (1 if t < 2 else 10)
                                            for t, c in enumerate(chained)], rel=REL)
    # shared: SequentialLR restarts from OneCycleLR's initial_lr = max_lr / div_factor
    shared_seq = lrs(name, "SequentialLR, shared optimizer")
    assert shared_seq[:2] == pytest.approx([0.01 / 25] * 2, rel=REL)
    assert shared_seq[2:] == pytest.approx(seq[2:], rel=REL)


def test_bad_arguments():
    optimizer, other = fresh_optimizer(), fresh_optimizer()
    with pytest.raises(ValueError, match="at least one scheduler"):
        SequentialLR(optimizer, [], milestones=[])
    with pytest.raises(ValueError, match="one more than the number of milestone"):
        SequentialLR(optimizer, [LinearLR(optimizer), ExponentialLR(optimizer, 0.5)], milestones=[2, 4])
    with pytest.raises(ValueError, match="same optimizer"):
        SequentialLR(optimizer, [LinearLR(optimizer), ExponentialLR(other, 0.5)], milestones=[2])


def three_phases(milestones):
    optimizer = fresh_optimizer()
    subs = [ConstantLR(optimizer, 0.5, total_iters=100), ExponentialLR(optimizer, 0.5),
            ConstantLR(optimizer, 0.1, total_iters=100)]
    return run(optimizer, SequentialLR(optimizer, subs, milestones=milestones), 8)


def test_unsorted_milestones_are_accepted_and_skip_a_phase():
    parts = [lambda t: 0.05, lambda t: 0.1 * 0.5 ** t, lambda t: 0.01]
    assert three_phases([2, 5]) == pytest.approx([sequential(parts, [2, 5], t) for t in range(8)], rel=REL)
    # [5, 2]: from step 2 on, bisect lands in the last phase; ExponentialLR never runs
    assert three_phases([5, 2]) == pytest.approx([0.05, 0.05] + [0.01] * 6, rel=REL)


def test_no_warning_at_milestones():
    """PR #149392: the milestone hand-over no longer goes through step(epoch)."""
    optimizer = fresh_optimizer()
    scheduler = SequentialLR(optimizer, [LinearLR(optimizer), ExponentialLR(optimizer, 0.5)], milestones=[2])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run(optimizer, scheduler, 6)
