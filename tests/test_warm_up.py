"""Warm-up guide: where the three constructions agree and differ, milestone off-by-ones, the wasted step."""

import math

import pytest
import torch
from conftest import lrs, result
from torch.optim.lr_scheduler import LambdaLR, LinearLR

REL, ABS = 1e-12, 1e-15
W, T, PEAK = 10, 100, 0.1
THREE = "warm_up_three_ways"


def approx(values):
    return pytest.approx(values, rel=REL, abs=ABS)


def cosine(k, t_max):
    return PEAK * (1 + math.cos(math.pi * k / t_max)) / 2


def warm_up_from_zero(t):
    return PEAK * t / W if t < W else cosine(t - W, T - W)


def linear_lr(t, start, total):
    return PEAK * (start + (1 - start) * min(t, total) / total)


def test_lambda_lr_and_custom_class_agree_at_every_step():
    expected = [warm_up_from_zero(t) for t in range(T)]
    assert lrs(THREE, "LambdaLR") == approx(expected)
    assert lrs(THREE, "CosineAnnealingWarmUpRestarts") == approx(expected)
    assert lrs(THREE, "LambdaLR")[0] == 0.0


def test_sequential_lr_differs_only_during_warm_up():
    seq = lrs(THREE, "LinearLR + SequentialLR + CosineAnnealingLR")
    lam = lrs(THREE, "LambdaLR")
    for t in range(W):
        assert seq[t] == pytest.approx(linear_lr(t, 1 / W, W), rel=REL)
        # higher by PEAK/W * (1 - t/W): largest at step 0, shrinking to 0 at the peak
        assert seq[t] - lam[t] == pytest.approx(PEAK / W * (1 - t / W), rel=1e-9)
    assert seq[W:] == approx(lam[W:])
    assert seq[W] == pytest.approx(PEAK, rel=REL)


@pytest.mark.parametrize("label, total_iters, milestone", [
    ("total_iters=10, milestones=[10]", 10, 10),
    ("total_iters=10, milestones=[9]", 10, 9),
    ("total_iters=10, milestones=[11]", 10, 11),
    ("total_iters=9, milestones=[9]", 9, 9),
])
def test_milestone_position(label, total_iters, milestone):
    expected = [linear_lr(t, 1 / W, total_iters) if t < milestone else cosine(t - milestone, T - milestone)
                for t in range(20)]
    assert lrs("warm_up_milestone_position", label) == approx(expected)


def test_milestone_off_by_one_effects():
    early = lrs("warm_up_milestone_position", "total_iters=10, milestones=[9]")
    late = lrs("warm_up_milestone_position", "total_iters=10, milestones=[11]")
    shifted = lrs("warm_up_milestone_position", "total_iters=9, milestones=[9]")
    # one step early: the ramp is cut before its last value and jumps to the peak
    assert early[9] == pytest.approx(PEAK, rel=REL) and early[8] == pytest.approx(linear_lr(8, 0.1, 10), rel=REL)
    assert PEAK - early[8] > PEAK / W  # a bigger jump than a regular ramp step
    # one step late: the peak is used twice
    assert late[10] == pytest.approx(PEAK, rel=REL) and late[11] == pytest.approx(PEAK, rel=REL)
    # total_iters = milestone = W - 1: the ramp is PEAK*(t+1)/W, peak at W - 1
    assert shifted[:W] == approx([PEAK * (t + 1) / W for t in range(W)])


def test_linear_lr_cannot_start_at_zero():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=PEAK)
    with pytest.raises(ValueError, match="greater than 0"):
        LinearLR(optimizer, start_factor=0.0, total_iters=W)
    assert "ValueError: Starting multiplicative factor" in result("warm_up_zero_start").stdout


@pytest.mark.parametrize("optimizer_class", [torch.optim.SGD, torch.optim.AdamW])
def test_a_first_step_at_lr_zero_leaves_the_weights_unchanged(optimizer_class):
    torch.manual_seed(1)
    model = torch.nn.Linear(3, 1)
    optimizer = optimizer_class(model.parameters(), lr=PEAK)
    scheduler = LambdaLR(optimizer, lambda t: min(1.0, t / W))
    before = [p.detach().clone() for p in model.parameters()]
    model(torch.randn(4, 3)).pow(2).mean().backward()
    assert optimizer.param_groups[0]["lr"] == 0.0
    optimizer.step()
    scheduler.step()
    assert all(torch.equal(b, p) for b, p in zip(before, model.parameters()))
    if optimizer_class is torch.optim.AdamW:  # the gradient still went into Adam's moments
        state = optimizer.state[model.weight]
        assert float(state["step"]) == 1 and state["exp_avg"].abs().sum() > 0


def test_zero_start_snippet_traces_and_report():
    assert lrs("warm_up_zero_start", "t/W (starts at 0)") == approx([PEAK * min(1, t / W) for t in range(15)])
    assert lrs("warm_up_zero_start", "(t+1)/W (starts at PEAK/W)") == approx(
        [PEAK * min(1, (t + 1) / W) for t in range(15)])
    lines = result("warm_up_zero_start").stdout.splitlines()[1:]
    assert [("step 0 moved the weights: True" in line) for line in lines] == [False, False, True, True]
    assert all("step 1 moved them: True" in line for line in lines)
