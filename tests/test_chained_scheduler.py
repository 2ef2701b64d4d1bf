"""ChainedScheduler: the page's rule, pitfalls, bad arguments and version notes, checked against torch."""

import re

import pytest
import torch
from conftest import lrs, result
from torch.optim.lr_scheduler import (
    ChainedScheduler, ConstantLR, ExponentialLR, LambdaLR, LinearLR, ReduceLROnPlateau,
)

REL = 1e-12


def fresh_optimizer(lr=0.1):
    return torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=lr)


def constant_then_exponential(lr0, factor, total_iters, gamma, t):
    """Two chainable schedulers compose as the product of their factors."""
    return lr0 * gamma ** t * (factor if t < total_iters else 1.0)


def test_example_is_the_product_of_both_factors():
    expected = [constant_then_exponential(0.05, 0.1, 20, 0.9, t) for t in range(40)]
    assert lrs("chained_scheduler") == pytest.approx(expected, rel=REL)


def test_torch_docstring_example_is_ten_times_the_real_values():
    """The 2.13 docstring lists 'lr = X if epoch == N' for this very setup (lr=0.05)."""
    doc = ChainedScheduler.__doc__
    assert "lr = 0.05 for all groups" in doc and "factor=0.1, total_iters=20" in doc
    listed = {int(n): float(x) for x, n in re.findall(r"lr = ([0-9.]+)\s+if epoch == (\d+)", doc)}
    assert len(listed) >= 5
    real = lrs("chained_scheduler")
    for epoch, value in listed.items():
        assert value == pytest.approx(10 * real[epoch], rel=2e-3), epoch
        assert value != pytest.approx(real[epoch], rel=0.5)


def test_recursive_schedulers_commute_closed_form_ones_overwrite():
    name = "chained_scheduler_order"
    product = [0.1 * 0.8 ** t * 0.5 ** (t // 4) for t in range(12)]
    assert lrs(name, "ExponentialLR, StepLR") == pytest.approx(product, rel=REL)
    assert lrs(name, "StepLR, ExponentialLR") == pytest.approx(product, rel=REL)
    lam = [0.1 * (1 - t / 12) for t in range(12)]
    # LambdaLR last: it writes base_lr * lambda(t), erasing ExponentialLR
    assert lrs(name, "ExponentialLR, LambdaLR") == pytest.approx(lam, rel=REL)
    # LambdaLR first: ExponentialLR multiplies the fresh value by gamma once, not gamma**t
    assert lrs(name, "LambdaLR, ExponentialLR") == pytest.approx(
        [lam[0]] + [x * 0.8 for x in lam[1:]], rel=REL)


def test_constant_lr_undo_multiplies_by_one_over_factor():
    name = "chained_scheduler_constant_undo"
    lam = [0.1 * (1 - t / 10) for t in range(10)]
    assert lrs(name, "LambdaLR alone") == pytest.approx(lam, rel=REL)
    ratio = {0: 0.5, 5: 1 / 0.5}  # factor applied at construction, undone at total_iters
    expected = [x * ratio.get(t, 1.0) for t, x in enumerate(lam)]
    assert lrs(name, "LambdaLR, then ConstantLR(factor=0.5)") == pytest.approx(expected, rel=REL)


def test_chained_vs_sequential_on_the_same_sub_schedulers():
    name = "chained_scheduler_vs_sequential"
    chained = [constant_then_exponential(0.1, 0.1, 2, 0.9, t) for t in range(20)]
    sequential = [0.01 if t < 2 else 0.1 * 0.9 ** (t - 2) for t in range(20)]
    assert lrs(name, "ChainedScheduler: both act every step") == pytest.approx(chained, rel=REL)
    assert lrs(name, "SequentialLR(milestones=[2]): one at a time") == pytest.approx(sequential, rel=REL)


def test_step_calls_each_sub_scheduler_once_in_order():
    optimizer = fresh_optimizer()
    calls = []

    class Spy(ExponentialLR):
        def step(self, epoch=None):
            calls.append(self.gamma)
            super().step(epoch)

    scheduler = ChainedScheduler([Spy(optimizer, 0.9), Spy(optimizer, 0.8)])
    calls.clear()
    for _ in range(3):
        optimizer.step()
        scheduler.step()
    assert calls == [0.9, 0.8] * 3
    assert scheduler.get_last_lr() == [optimizer.param_groups[0]["lr"]]


def test_optimizer_argument():
    a, b = fresh_optimizer(), fresh_optimizer()
    assert ChainedScheduler([LinearLR(a), ExponentialLR(a, 0.9)]).optimizer is a
    assert ChainedScheduler([LinearLR(a)], optimizer=a).optimizer is a
    with pytest.raises(ValueError, match="same optimizer"):
        ChainedScheduler([LinearLR(a)], optimizer=b)
    assert "optimizer not given: accepted" in result("chained_scheduler_bad_arguments").stdout


def test_bad_arguments():
    a, b = fresh_optimizer(), fresh_optimizer()
    with pytest.raises(ValueError, match="at least one scheduler"):
        ChainedScheduler([])
    with pytest.raises(ValueError, match="does not support `ReduceLROnPlateau`"):
        ChainedScheduler([LinearLR(a), ReduceLROnPlateau(a)])
    with pytest.raises(ValueError, match="same optimizer"):
        ChainedScheduler([LinearLR(a), ExponentialLR(b, 0.9)])
    with pytest.raises(TypeError, match="should have `optimizer`"):
        ChainedScheduler([lambda: None], optimizer=a)
    with pytest.raises(AttributeError):
        ChainedScheduler([lambda: None])


def test_state_dict_round_trip():
    """#65034: state_dict/load_state_dict save the sub-schedulers too."""
    def build():
        optimizer = fresh_optimizer()
        return optimizer, ChainedScheduler([ConstantLR(optimizer, 0.1, 3), ExponentialLR(optimizer, 0.9)])

    optimizer, scheduler = build()
    for _ in range(4):
        optimizer.step()
        scheduler.step()
    saved = (optimizer.state_dict(), scheduler.state_dict())
    optimizer2, scheduler2 = build()
    optimizer2.load_state_dict(saved[0])
    scheduler2.load_state_dict(saved[1])
    for _ in range(3):
        optimizer.step(), scheduler.step(), optimizer2.step(), scheduler2.step()
        assert optimizer2.param_groups[0]["lr"] == pytest.approx(optimizer.param_groups[0]["lr"], rel=REL)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.9 ** 7, rel=REL)


def test_overwriting_schedulers_erase_what_came_before():
    """CAWR, CyclicLR and OneCycleLR write their own closed form, like LambdaLR."""
    from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts, CyclicLR, OneCycleLR

    makers = [
        lambda o: CosineAnnealingWarmRestarts(o, T_0=4),
        lambda o: CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=3),
        lambda o: OneCycleLR(o, max_lr=0.1, total_steps=20),
        lambda o: LambdaLR(o, lambda e: 1 / (1 + e)),
    ]
    for make in makers:
        alone, chained = fresh_optimizer(), fresh_optimizer()
        s_alone = make(alone)
        s_chained = ChainedScheduler([ExponentialLR(chained, 0.5), make(chained)])
        for _ in range(10):
            alone.step(), s_alone.step(), chained.step(), s_chained.step()
            assert chained.param_groups[0]["lr"] == pytest.approx(alone.param_groups[0]["lr"], rel=REL)


def test_chained_inside_sequential_is_broken():
    out = result("chained_scheduler_in_sequential").stdout.splitlines()
    alone = [0.1 * 0.9 ** t * (0.5 if t < 2 else 1.0) for t in range(6)]
    first = [alone[t] * 0.9 for t in range(3)] + [0.1 * (0.1 + 0.9 * t / 3) for t in range(3)]
    assert out[0] == "ChainedScheduler alone:  " + str([round(x, 6) for x in alone])
    assert out[1] == "ChainedScheduler first:  " + str([round(x, 6) for x in first])
    assert out[2].endswith("then NotImplementedError at the milestone")
    assert any(w.startswith("UserWarning: Detected call of") for w in result("chained_scheduler_in_sequential").warnings)

    from torch.optim.lr_scheduler import SequentialLR
    optimizer = fresh_optimizer()
    chained = ChainedScheduler([ConstantLR(optimizer, 0.5, 2), ExponentialLR(optimizer, 0.9)])
    scheduler = SequentialLR(optimizer, [LinearLR(optimizer), chained], milestones=[1])
    optimizer.step()
    with pytest.raises(NotImplementedError):
        scheduler.step()
