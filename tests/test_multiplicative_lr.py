"""MultiplicativeLR: the page's formula, the LambdaLR contrast and the pitfalls, checked against torch."""

import math
import pickle

import pytest
import torch
from conftest import lrs, result, lrs_used
from torch.optim.lr_scheduler import ExponentialLR, LambdaLR, MultiplicativeLR, MultiStepLR

REL = 1e-12


def approx(expected):
    return pytest.approx(expected, rel=REL, abs=1e-15)


def sgd(lr=0.1, groups=1):
    torch.manual_seed(0)
    return torch.optim.SGD([{"params": torch.nn.Linear(2, 1).parameters()} for _ in range(groups)], lr=lr)


def run(scheduler_factory, steps, lr=0.1):
    optimizer = sgd(lr)
    scheduler = scheduler_factory(optimizer)
    return lrs_used(optimizer, scheduler, steps)


def product_form(lr0, factor, t):
    """lr0 times factor(1) * ... * factor(t); factor(0) is never used."""
    return lr0 * math.prod(factor(k) for k in range(1, t + 1))


def test_constant_factor_example_is_exponential():
    assert lrs("multiplicative_lr") == approx([0.1 * 0.95 ** t for t in range(100)])
    assert lrs("multiplicative_lr") == approx(run(lambda o: ExponentialLR(o, gamma=0.95), 100))


def test_one_off_factors_give_multistep_staircase():
    factor = lambda epoch: 0.1 if epoch in (30, 80) else 1.0  # noqa: E731
    mult = run(lambda o: MultiplicativeLR(o, factor), 100)
    assert mult == approx(run(lambda o: MultiStepLR(o, milestones=[30, 80], gamma=0.1), 100))
    assert mult == approx([product_form(0.1, factor, t) for t in range(100)])


def test_same_lambda_lambda_lr_vs_multiplicative_lr():
    lam = lrs("multiplicative_lr_vs_lambda_lr", "LambdaLR: 0.1 * 0.95**t")
    mult = lrs("multiplicative_lr_vs_lambda_lr", "MultiplicativeLR: lr(t-1) * 0.95**t")
    assert lam == approx([0.1 * 0.95 ** t for t in range(60)])
    assert mult == approx([0.1 * 0.95 ** (t * (t + 1) // 2) for t in range(60)])
    assert mult == approx([product_form(0.1, lambda k: 0.95 ** k, t) for t in range(60)])
    assert lam[:2] == approx(mult[:2])
    assert all(m < l for l, m in zip(lam[2:], mult[2:]))


def test_level_factor_compounds_one_off_factor_does_not():
    level = lrs("multiplicative_lr_compounding", "0.5 if epoch >= 40 else 1.0 (a level)")
    once = lrs("multiplicative_lr_compounding", "0.5 if epoch == 40 else 1.0 (a one-off factor)")
    assert level == approx([0.1 * 0.5 ** max(0, t - 39) for t in range(80)])
    assert once == approx([0.1 if t < 40 else 0.05 for t in range(80)])


def test_lambda_zero_is_never_called_and_step_zero_uses_the_optimizer_lr():
    calls = []

    def halve(epoch):
        calls.append(epoch)
        return 0.5

    optimizer = sgd()
    scheduler = MultiplicativeLR(optimizer, halve)
    assert calls == [] and optimizer.param_groups[0]["lr"] == 0.1
    for _ in range(3):
        optimizer.step()
        scheduler.step()
    assert calls == [1, 2, 3]
    out = result("multiplicative_lr_first_factor").stdout
    assert "MultiplicativeLR: calls after constructor [], after 6 steps [1, 2, 3, 4, 5, 6]" in out
    assert "LambdaLR: calls after constructor [0], after 6 steps [0, 1, 2, 3, 4, 5, 6]" in out
    assert lrs("multiplicative_lr_first_factor", "MultiplicativeLR") == approx([0.1 * 0.5 ** t for t in range(6)])
    assert lrs("multiplicative_lr_first_factor", "LambdaLR") == approx([0.05] * 6)


def test_manual_lr_change_carries_over():
    optimizer = sgd()
    scheduler = MultiplicativeLR(optimizer, lambda epoch: 0.9)
    optimizer.step()
    scheduler.step()
    optimizer.param_groups[0]["lr"] *= 0.5
    for _ in range(3):
        optimizer.step()
        scheduler.step()
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.9 ** 4 * 0.5, rel=REL)


def test_per_group_lambdas():
    backbone = lrs("multiplicative_lr_param_groups", "group 0: backbone, lr=0.01")
    head = lrs("multiplicative_lr_param_groups", "group 1: head, lr=0.1")
    assert backbone == approx([0.01 * 0.98 ** t for t in range(60)])
    assert head == approx([0.1 * 0.5 ** (t // 20) for t in range(60)])
    out = result("multiplicative_lr_param_groups").stdout
    assert "ValueError: Expected 2 lr_lambdas, but got 1" in out
    assert "ValueError: zip() argument 2 is longer than argument 1" in out


@pytest.mark.parametrize("count", [1, 3])
def test_wrong_number_of_lambdas_raises(count):
    with pytest.raises(ValueError, match=f"^Expected 2 lr_lambdas, but got {count}$"):
        MultiplicativeLR(sgd(groups=2), [lambda e: 1.0] * count)


def test_add_param_group_fails_before_changing_any_lr():
    optimizer = sgd()
    scheduler = MultiplicativeLR(optimizer, lambda e: 0.9)
    optimizer.step()
    scheduler.step()
    optimizer.add_param_group({"params": torch.nn.Linear(2, 2).parameters(), "lr": 0.05})
    optimizer.step()
    with pytest.raises(ValueError, match=r"zip\(\) argument 2 is longer than argument 1"):
        scheduler.step()
    assert [g["lr"] for g in optimizer.param_groups] == approx([0.1 * 0.9, 0.05])


class ConstantFactor:
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, epoch):
        return self.factor


def named_factor(epoch):
    return 0.95


def test_state_dict_keeps_none_for_functions_and_dict_for_callable_objects():
    scheduler = MultiplicativeLR(sgd(groups=3), [lambda e: 0.95, named_factor, ConstantFactor(0.9)])
    state = scheduler.state_dict()
    assert state["lr_lambdas"] == [None, None, {"factor": 0.9}]
    pickle.dumps(state)
    assert "lr_lambdas saved for a lambda: [None]" in result("multiplicative_lr_resume").stdout
    assert f"ConstantFactor(0.95): {[{'factor': 0.95}]}" in result("multiplicative_lr_resume").stdout


def test_resume_needs_the_optimizer_state():
    full = lrs("multiplicative_lr_resume", "uninterrupted")
    both = lrs("multiplicative_lr_resume", "resumed at step 20: optimizer + scheduler state")
    only = lrs("multiplicative_lr_resume", "resumed at step 20: scheduler state only")
    assert full == approx([0.1 * 0.95 ** t for t in range(40)])
    assert both == approx(full)
    assert only == approx([0.1 * 0.95 ** (t if t < 20 else t - 20) for t in range(40)])


def test_load_state_dict_restores_callable_attributes_and_can_be_loaded_twice():
    optimizer = sgd()
    scheduler = MultiplicativeLR(optimizer, ConstantFactor(0.9))
    for _ in range(3):
        optimizer.step()
        scheduler.step()
    state = scheduler.state_dict()
    resumed = MultiplicativeLR(sgd(), ConstantFactor(0.5))
    resumed.load_state_dict(state)
    resumed.load_state_dict(state)  # #32756
    assert resumed.lr_lambdas[0].factor == 0.9 and resumed.last_epoch == 3


def test_constructor_with_last_epoch_leaves_the_lr_untouched():
    calls = []
    optimizer = sgd()
    optimizer.param_groups[0]["initial_lr"] = 0.1
    optimizer.param_groups[0]["lr"] = 0.037
    MultiplicativeLR(optimizer, lambda e: calls.append(e) or 0.5, last_epoch=4)
    assert optimizer.param_groups[0]["lr"] == 0.037 and calls == []


def test_bad_arguments():
    with pytest.raises(TypeError, match="^lr_lambda should be a function, but got float$"):
        MultiplicativeLR(sgd(), 0.5)
    optimizer = sgd()
    scheduler = MultiplicativeLR(optimizer, lambda: 0.5)  # accepted: never called here
    optimizer.step()
    with pytest.raises(TypeError, match="takes 0 positional arguments but 1 was given"):
        scheduler.step()
    with pytest.raises(ValueError, match="Expected 1 lr_lambdas, but got 2"):
        MultiplicativeLR(sgd(), (lambda e: 1.0, lambda e: 1.0))


@pytest.mark.parametrize("factor", [0.0, -1.0, 2.0])
def test_odd_factors_are_accepted_silently(factor):
    used = run(lambda o: MultiplicativeLR(o, lambda e: factor), 8)
    assert used == approx([0.1 * factor ** t for t in range(8)])


def test_bad_arguments_snippet_shows_each_case():
    out = result("multiplicative_lr_bad_arguments").stdout
    assert "lr_lambda=0.5 (a number): constructor raises TypeError" in out
    assert "(no argument): step() 1 raises TypeError" in out
    assert "ValueError: Expected 1 lr_lambdas, but got 2" in out


def test_verbose_was_removed():
    with pytest.raises(TypeError):
        MultiplicativeLR(sgd(), lambda e: 1.0, verbose=True)


def test_lambda_lr_by_contrast_applies_lambda_zero_in_its_constructor():
    optimizer = sgd()
    LambdaLR(optimizer, lambda e: 0.5)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.05, rel=REL)
