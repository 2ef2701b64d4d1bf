"""CosineAnnealingLR: the page's formulas, pitfalls, bad arguments and version notes, checked against torch."""

import math

import pytest
import torch
from conftest import lrs

REL, ABS = 1e-12, 1e-15


def closed_form(lr0, eta_min, T_max, t):
    """SGDR closed form, written independently of torch."""
    return eta_min + (lr0 - eta_min) * (1 + math.cos(math.pi * t / T_max)) / 2


def approx(values):
    return pytest.approx(values, rel=REL, abs=ABS)


def run(steps, lr=0.1, **kwargs):
    """LR used at each of `steps` steps, plus the optimizer (fresh objects)."""
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, **kwargs)
    used = []
    for _ in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used, optimizer


def test_example_matches_closed_form():
    expected = [closed_form(0.1, 0.001, 100, t) for t in range(100)]
    assert lrs("cosine_annealing_lr") == approx(expected)


def test_eta_min_is_set_by_the_last_step_call_only():
    used, optimizer = run(100, T_max=100, eta_min=0.001)
    assert min(used) > 0.001
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.001, rel=REL)


def test_recursive_update_matches_the_recursive_formula():
    used, _ = run(100, T_max=100, eta_min=0.001)
    for t in range(1, 100):  # away from the special step T_max + 1
        ratio = (1 + math.cos(math.pi * t / 100)) / (1 + math.cos(math.pi * (t - 1) / 100))
        assert used[t] == pytest.approx(0.001 + (used[t - 1] - 0.001) * ratio, rel=REL)


def test_beyond_t_max_the_lr_rises_again_with_period_2_t_max():
    trace = lrs("cosine_annealing_lr_beyond_t_max")
    assert len(trace) == 300
    assert trace == approx([closed_form(0.1, 0.001, 100, t) for t in range(300)])
    assert trace[100] == pytest.approx(0.001, rel=REL)  # minimum at T_max
    assert trace[200] == pytest.approx(0.1, rel=REL)  # back to the base LR at 2*T_max
    assert all(b > a for a, b in zip(trace[100:200], trace[101:201]))  # rising all the way
    for t in range(100):
        assert trace[t + 200] == pytest.approx(trace[t], rel=REL, abs=ABS)


def test_special_step_after_the_minimum_has_no_division_by_zero():
    # 1 + cos(pi * (t - 1) / T_max) is 0 at t = T_max + 1 (mod 2*T_max): the ratio would be 0/0.
    T_max = 10
    assert 1 + math.cos(math.pi * T_max / T_max) == pytest.approx(0, abs=ABS)
    used, _ = run(4 * T_max + 3, T_max=T_max)
    assert used == approx([closed_form(0.1, 0.0, T_max, t) for t in range(4 * T_max + 3)])


def test_chained_exponential_multiplies_into_the_cosine():
    chained = lrs("cosine_annealing_lr_recursive", "+ ExponentialLR(gamma=0.98) on the same optimizer")
    assert chained == approx([closed_form(0.1, 0.0, 100, t) * 0.98**t for t in range(100)])


def test_manual_halving_halves_the_rest_of_the_recursive_curve():
    halved = lrs("cosine_annealing_lr_recursive", "CosineAnnealingLR, LR halved by hand at step 30")
    expected = [closed_form(0.1, 0.0, 100, t) * (0.5 if t >= 30 else 1.0) for t in range(100)]
    assert halved == approx(expected)


def test_closed_form_scheduler_undoes_a_manual_edit_at_the_next_step():
    plain = lrs("cosine_annealing_lr_recursive", "CosineAnnealingLR alone")
    closed = lrs("cosine_annealing_lr_recursive", "closed form (LambdaLR), LR halved by hand at step 30")
    assert plain == approx([closed_form(0.1, 0.0, 100, t) for t in range(100)])
    expected = [closed_form(0.1, 0.0, 100, t) * (0.5 if t == 30 else 1.0) for t in range(100)]
    assert closed == approx(expected)


def test_t_max_zero_is_accepted_then_fails_at_first_step():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=0)
    optimizer.step()
    with pytest.raises(ZeroDivisionError):
        scheduler.step()


def test_negative_t_max_behaves_like_its_absolute_value():
    negative, _ = run(45, T_max=-10)
    assert negative == approx([closed_form(0.1, 0.0, 10, t) for t in range(45)])


def test_fractional_t_max_is_accepted():
    used, _ = run(12, T_max=2.5)
    assert used == approx([closed_form(0.1, 0.0, 2.5, t) for t in range(12)])


@pytest.mark.parametrize("eta_min", [0.5, -0.1])
def test_eta_min_outside_the_base_lr_is_accepted(eta_min):
    used, _ = run(21, T_max=10, eta_min=eta_min)
    assert used == approx([closed_form(0.1, eta_min, 10, t) for t in range(21)])
    if eta_min > 0.1:
        assert max(used) == pytest.approx(eta_min, rel=REL)  # the LR rises to eta_min
    else:
        assert min(used) < 0  # a negative learning rate, silently


def test_docstring_shows_both_formulas_and_says_no_restarts():
    doc = torch.optim.lr_scheduler.CosineAnnealingLR.__doc__
    assert "recursive" in doc and "SGDR" in doc
    assert "without restarts" in doc


def test_constructor_with_last_epoch_keeps_the_optimizer_lr():
    # Initial mode: resuming with last_epoch >= 0 leaves group["lr"] alone (its own step
    # still advances last_epoch by one), then the recursion continues from that LR.
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    optimizer.param_groups[0]["initial_lr"] = 0.1
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=10, last_epoch=4)
    assert optimizer.param_groups[0]["lr"] == 0.1
    assert scheduler.last_epoch == 5
    optimizer.step()
    scheduler.step()
    ratio = (1 + math.cos(math.pi * 6 / 10)) / (1 + math.cos(math.pi * 5 / 10))
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * ratio, rel=REL)
    assert optimizer.param_groups[0]["lr"] != pytest.approx(closed_form(0.1, 0.0, 10, 6), rel=1e-3)
