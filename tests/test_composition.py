"""Composition guide: SequentialLR vs ChainedScheduler vs back-to-back steps; chainable vs closed form."""

import pytest
import torch
from conftest import lrs, result, lrs_used
from torch.optim import lr_scheduler as sched

REL = 1e-12


def warmup_factor(t):  # LinearLR(start_factor=0.1, total_iters=5)
    return 0.1 + 0.9 * min(t, 5) / 5


def test_sequential_runs_warm_up_then_restarts_decay_from_the_base_lr():
    expected = [0.1 * warmup_factor(t) if t < 5 else 0.1 * 0.85 ** (t - 5) for t in range(20)]
    assert lrs("composition_three_ways", "SequentialLR(milestones=[5])") == pytest.approx(expected, rel=REL)


def test_chained_multiplies_both_factors_at_every_step():
    expected = [0.1 * warmup_factor(t) * 0.85**t for t in range(20)]
    assert lrs("composition_three_ways", "ChainedScheduler") == pytest.approx(expected, rel=REL)


def test_chained_is_exactly_back_to_back_steps():
    assert lrs("composition_three_ways", "ChainedScheduler") == lrs(
        "composition_three_ways", "warmup.step(); decay.step()")
    assert result("composition_three_ways").stdout.rstrip().endswith("identical LRs: True")


def linear_decay(t):
    return 1 - t / 40


def test_closed_form_last_overwrites_the_chainable_one():
    expected = [0.1 * linear_decay(t) for t in range(20)]
    assert lrs("composition_mixing", "[ExponentialLR, LambdaLR]") == pytest.approx(expected, rel=REL)


def test_closed_form_first_gets_only_one_factor_of_gamma():
    expected = [0.1 * linear_decay(t) * (0.9 if t else 1.0) for t in range(20)]
    assert lrs("composition_mixing", "[LambdaLR, ExponentialLR]") == pytest.approx(expected, rel=REL)


def test_chainable_rewrite_gives_the_product():
    expected = [0.1 * linear_decay(t) * 0.9**t for t in range(20)]
    assert lrs("composition_mixing", "[ExponentialLR, MultiplicativeLR]") == pytest.approx(expected, rel=REL)


def test_two_chainable_schedulers_commute():
    def run(order):
        optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
        parts = {"step": sched.StepLR(optimizer, step_size=3, gamma=0.5),
                 "exp": sched.ExponentialLR(optimizer, gamma=0.9)}
        chained = sched.ChainedScheduler([parts[k] for k in order], optimizer=optimizer)
        return lrs_used(optimizer, chained, 12)

    expected = [0.1 * 0.5 ** (t // 3) * 0.9**t for t in range(12)]
    assert run(["step", "exp"]) == pytest.approx(expected, rel=REL)
    assert run(["exp", "step"]) == pytest.approx(expected, rel=REL)


CLOSED_FORM = {"LambdaLR", "CosineAnnealingWarmRestarts", "CyclicLR", "OneCycleLR"}
CHAINABLE = {"MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR",
             "PolynomialLR", "CosineAnnealingLR", "ReduceLROnPlateau"}


def table_rows():
    out = result("composition_which_are_chainable").stdout
    return {cells[1].strip(): [c.strip() for c in cells[2:-1]]
            for cells in (line.split("|") for line in out.splitlines()[2:])}


def test_table_covers_every_non_composite_scheduler():
    expected = set(sched.__all__) - {"LRScheduler", "SequentialLR", "ChainedScheduler"} | {"SWALR"}
    assert set(table_rows()) == expected


@pytest.mark.parametrize("name", sorted(CLOSED_FORM | CHAINABLE | {"SWALR"}))
def test_table_classification(name):
    ratio, kind, in_chained = table_rows()[name]
    if name in CLOSED_FORM:
        assert float(ratio) == pytest.approx(1.0, rel=REL) and "overwrites" in kind
    elif name in CHAINABLE:
        assert float(ratio) == pytest.approx(0.5, rel=REL) and "chainable" in kind
    else:  # SWALR: interpolates towards swa_lr from the current LR
        assert 0.5 < float(ratio) < 1.0 and "part" in kind
    assert in_chained == ("no (ValueError)" if name == "ReduceLROnPlateau" else "yes")


def test_swalr_keeps_part_of_an_outside_change():
    # Reconstruct SWALR's step independently: alpha(t) = (1 - cos(pi t / 10)) / 2, and each step
    # maps lr -> swa_lr * alpha + (lr - alpha_prev * swa_lr) / (1 - alpha_prev) * (1 - alpha).
    import math

    def alpha(t):
        return (1 - math.cos(math.pi * min(1, max(0, t / 10)))) / 2

    def run(halve):
        lr = 0.1  # constructor step: alpha(0) = 0 leaves the LR alone
        for step in range(1, 6):
            prev = alpha(step - 1)
            lr = 0.01 * alpha(step) + (lr - prev * 0.01) / (1 - prev) * (1 - alpha(step))
            if halve and step == 3:
                lr /= 2
        return lr

    ratio = float(table_rows()["SWALR"][0])
    assert ratio == pytest.approx(run(True) / run(False), rel=1e-3)  # the table prints 4 digits


def test_reduce_lr_on_plateau_is_refused_by_both_wrappers():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    plateau = sched.ReduceLROnPlateau(optimizer)
    with pytest.raises(ValueError, match="does not support `ReduceLROnPlateau`"):
        sched.ChainedScheduler([plateau], optimizer=optimizer)
    with pytest.raises(ValueError, match="does not support `ReduceLROnPlateau`"):
        sched.SequentialLR(optimizer, [sched.ExponentialLR(optimizer, 0.9), plateau], milestones=[3])


def test_sequential_constructor_resets_the_lr_set_by_sub_schedulers():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    first = sched.ConstantLR(optimizer, factor=0.1, total_iters=5)
    second = sched.ConstantLR(optimizer, factor=0.1, total_iters=5)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.1 * 0.1, rel=REL)
    sched.SequentialLR(optimizer, [first, second], milestones=[5])
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.1, rel=REL)


def test_sharing_an_optimizer_between_runs_leaks_the_lr():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    sched.ConstantLR(optimizer, factor=0.1, total_iters=5)  # a previous "run" on the same optimizer
    sched.ExponentialLR(optimizer, gamma=0.9)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.01, rel=REL)  # not the 0.1 a fresh run starts at
