"""CyclicLR: the page's closed form, momentum/beta1 cycling, pitfalls and bad arguments, checked against torch."""

import math
import pickle

import pytest
import torch
from conftest import ROOT, lrs, lrs_used, result, snippet, trace

REL = 1e-12
SCHED = torch.optim.lr_scheduler.CyclicLR


def position(t, up, down):
    """(cycle, height): cycle = floor(1 + t/(up+down)); height 0 at a cycle start, 1 at the top.

    Integer arithmetic on the step inside the cycle, independent of torch's float ``x``.
    """
    cycle = 1 + t // (up + down)
    k = t % (up + down)
    height = k / up if k <= up else (up + down - k) / down
    return cycle, height


def scale(mode, t, cycle, gamma=1.0):
    if mode == "triangular":
        return 1.0
    if mode == "triangular2":
        return 0.5 ** (cycle - 1)
    if mode == "exp_range":
        return gamma ** t  # t = step() calls since the start, not steps inside the cycle
    raise ValueError(mode)


def closed_form(t, up, down, mode, gamma=1.0, base=0.001, top=0.1, m_low=0.8, m_high=0.9):
    cycle, height = position(t, up, down)
    amplitude = height * scale(mode, t, cycle, gamma)
    return base + (top - base) * amplitude, m_high - (m_high - m_low) * amplitude


EXAMPLES = [
    ("cyclic_lr", 50, 100, "triangular", 1.0, 600),
    ("cyclic_lr_triangular2", 50, 50, "triangular2", 1.0, 500),
    ("cyclic_lr_exp_range", 50, 50, "exp_range", 0.995, 500),
]


@pytest.mark.parametrize("name, up, down, mode, gamma, steps", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_blog_examples_match_closed_form(name, up, down, mode, gamma, steps):
    expected = [closed_form(t, up, down, mode, gamma) for t in range(steps)]
    assert len(lrs(name)) == steps
    assert lrs(name) == pytest.approx([lr for lr, _ in expected], rel=REL)
    assert trace(name, "momenta") == pytest.approx([m for _, m in expected], rel=REL)


@pytest.mark.parametrize("name, up, down, mode, gamma, steps", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_examples_show_several_full_cycles(name, up, down, mode, gamma, steps):
    assert steps >= 4 * (up + down)


def test_blog_example_parameters_are_exactly_the_post():
    src = {name: snippet(name).source for name, *_ in EXAMPLES}
    assert ("base_lr=0.001, max_lr=0.1, step_size_up=50, step_size_down=100, mode='triangular'"
            in src["cyclic_lr"])
    assert ("base_lr=0.001, max_lr=0.1, step_size_up=50, step_size_down=None, mode='triangular2'"
            in src["cyclic_lr_triangular2"])
    assert "mode='exp_range', gamma=0.995" in src["cyclic_lr_exp_range"]


def test_amplitude_per_mode():
    # triangular: every peak reaches max_lr; triangular2 halves it; exp_range shrinks by gamma per step
    tri = lrs("cyclic_lr")
    assert [tri[t] for t in (50, 200, 350, 500)] == pytest.approx([0.1] * 4, rel=REL)
    tri2 = lrs("cyclic_lr_triangular2")
    heights = [tri2[t] - 0.001 for t in range(50, 500, 100)]
    assert [b / a for a, b in zip(heights, heights[1:])] == pytest.approx([0.5] * 4, rel=1e-9)
    exp = lrs("cyclic_lr_exp_range")
    heights = [exp[t] - 0.001 for t in range(50, 500, 100)]
    assert [b / a for a, b in zip(heights, heights[1:])] == pytest.approx([0.995 ** 100] * 4, rel=1e-9)


def test_momentum_is_max_momentum_when_lr_is_base_and_base_momentum_at_peak():
    lr, mom = lrs("cyclic_lr"), trace("cyclic_lr", "momenta")
    assert mom[0] == pytest.approx(0.9, rel=REL) and lr[0] == pytest.approx(0.001, rel=REL)
    assert mom[50] == pytest.approx(0.8, rel=REL) and lr[50] == pytest.approx(0.1, rel=REL)


def test_adam_beta1_is_cycled_and_user_beta1_overwritten():
    lr = lrs("cyclic_lr_adam")
    cycled = trace("cyclic_lr_adam", "beta1s", "cycle_momentum=True (default)")
    kept = trace("cyclic_lr_adam", "beta1s", "cycle_momentum=False")
    for t in range(300):
        exp_lr, exp_m = closed_form(t, 50, 50, "triangular")
        assert lr[t] == pytest.approx(exp_lr, rel=REL)
        assert cycled[t] == pytest.approx(exp_m, rel=REL)
    assert kept == [0.95] * 300
    # directly: the constructor replaces beta1 and lr, and keeps beta2
    optimizer = torch.optim.Adam(torch.nn.Linear(2, 1).parameters(), lr=1.0, betas=(0.95, 0.999))
    SCHED(optimizer, base_lr=0.001, max_lr=0.1, step_size_up=50)
    assert optimizer.param_groups[0]["betas"] == (0.9, 0.999)
    assert optimizer.param_groups[0]["lr"] == 0.001
    assert "(0.9, 0.999)" in result("cyclic_lr_adam").stdout


def test_adagrad_needs_cycle_momentum_false():
    optimizer = torch.optim.Adagrad(torch.nn.Linear(2, 1).parameters(), lr=0.01)
    with pytest.raises(ValueError, match="optimizer must support momentum or beta1"):
        SCHED(optimizer, base_lr=0.001, max_lr=0.1)
    SCHED(optimizer, base_lr=0.001, max_lr=0.1, cycle_momentum=False)  # accepted
    assert "ValueError: optimizer must support momentum or beta1" in result("cyclic_lr_adagrad").stdout


def test_sgd_without_momentum_gets_momentum_turned_on_and_lr_overwritten():
    on = trace("cyclic_lr_sgd_defaults", "momenta", "cycle_momentum=True (default)")
    off = trace("cyclic_lr_sgd_defaults", "momenta", "cycle_momentum=False")
    assert off == [0] * 200
    assert on == pytest.approx([closed_form(t, 50, 50, "triangular")[1] for t in range(200)], rel=REL)
    assert lrs("cyclic_lr_sgd_defaults") == pytest.approx(
        [closed_form(t, 50, 50, "triangular")[0] for t in range(200)], rel=REL)
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=123.0)
    assert optimizer.param_groups[0]["momentum"] == 0
    SCHED(optimizer, base_lr=0.01, max_lr=0.1)
    assert optimizer.param_groups[0]["momentum"] == 0.9
    assert optimizer.param_groups[0]["lr"] == 0.01


def test_step_size_up_counts_step_calls():
    per_batch = lrs("cyclic_lr_per_batch", "step() per batch")
    per_epoch = lrs("cyclic_lr_per_batch", "step() per epoch")
    for b in range(500):
        assert per_batch[b] == pytest.approx(closed_form(b, 50, 50, "triangular")[0], rel=REL)
        assert per_epoch[b] == pytest.approx(closed_form(b // 25, 50, 50, "triangular")[0], rel=REL)
    assert max(per_epoch) < 0.5 * 0.1


def test_custom_scale_fn_in_both_scale_modes():
    by_cycle = lrs("cyclic_lr_scale_fn", "scale_fn=1/cycle, scale_mode='cycle'")
    by_step = lrs("cyclic_lr_scale_fn", "scale_fn=1-t/500, scale_mode='iterations'")
    for t in range(500):
        cycle, height = position(t, 50, 50)
        assert by_cycle[t] == pytest.approx(0.001 + 0.099 * height / cycle, rel=REL)
        assert by_step[t] == pytest.approx(0.001 + 0.099 * height * max(0.0, 1 - t / 500), rel=REL)


def test_lambda_scale_fn_is_left_out_of_state_dict_but_callable_object_is_kept():
    def fresh(fn):
        optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1, momentum=0.9)
        return SCHED(optimizer, base_lr=0.01, max_lr=0.1, scale_fn=fn)

    state = fresh(lambda x: 1.0).state_dict()
    assert state["_scale_fn_custom"] is None
    pickle.dumps(state)  # would fail if the lambda were stored

    class Halving:
        def __init__(self):
            self.factor = 0.5

        def __call__(self, x):
            return self.factor ** (x - 1)

    assert fresh(Halving()).state_dict()["_scale_fn_custom"] == {"factor": 0.5}
    assert "['_scale_fn_custom'] = None" in result("cyclic_lr_scale_fn").stdout


def fresh_sgd():
    return torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1, momentum=0.9)


def run_lrs(steps=6, **kwargs):
    optimizer = fresh_sgd()
    scheduler = SCHED(optimizer, **kwargs)
    return lrs_used(optimizer, scheduler, steps)


def test_bad_arguments():
    with pytest.raises(ValueError, match="mode is invalid and scale_fn is None"):
        SCHED(fresh_sgd(), base_lr=0.01, max_lr=0.1, mode="triangle")
    with pytest.raises(ZeroDivisionError):
        SCHED(fresh_sgd(), base_lr=0.01, max_lr=0.1, step_size_up=0)
    with pytest.raises(ValueError, match="base_lr must have the same length"):
        SCHED(fresh_sgd(), base_lr=[0.01, 0.02], max_lr=0.1)
    # base_lr above max_lr: accepted, the triangle is upside down
    assert run_lrs(base_lr=0.1, max_lr=0.01, step_size_up=2) == pytest.approx(
        [0.1, 0.055, 0.01, 0.055, 0.1, 0.055], rel=REL)
    # gamma > 1 in exp_range: accepted, the LR overshoots max_lr
    grown = run_lrs(base_lr=0.01, max_lr=0.1, step_size_up=2, mode="exp_range", gamma=1.5)
    assert grown == pytest.approx([0.01 + 0.09 * position(t, 2, 2)[1] * 1.5 ** t for t in range(6)], rel=REL)
    assert max(grown) > 0.1
    # an unknown scale_mode with a custom scale_fn is treated like 'iterations'
    odd = run_lrs(base_lr=0.01, max_lr=0.1, step_size_up=2, scale_fn=lambda x: 1 / (1 + x), scale_mode="cycles")
    assert odd == pytest.approx([0.01 + 0.09 * position(t, 2, 2)[1] / (1 + t) for t in range(6)], rel=REL)
    # a built-in mode overrides scale_mode
    assert SCHED(fresh_sgd(), base_lr=0.01, max_lr=0.1, mode="exp_range", scale_mode="cycle").scale_mode == "iterations"
    assert SCHED(fresh_sgd(), base_lr=0.01, max_lr=0.1, mode="triangular2", scale_mode="iterations").scale_mode == "cycle"
    out = result("cyclic_lr_bad_arguments").stdout
    assert "ZeroDivisionError" in out and "mode is invalid" in out


def test_no_key_error_without_momentum_when_cycle_momentum_false():
    # 1.1.0 raised KeyError: 'momentum' here (#20400, fixed by PR #20401)
    optimizer = torch.optim.Adagrad(torch.nn.Linear(2, 1).parameters(), lr=0.01)
    scheduler = SCHED(optimizer, base_lr=0.001, max_lr=0.1, cycle_momentum=False)
    optimizer.step()
    scheduler.step()
    assert "momentum" not in optimizer.param_groups[0]
    assert math.isclose(optimizer.param_groups[0]["lr"], 0.001 + 0.099 / 2000, rel_tol=REL)


@pytest.mark.parametrize("cls, key", [(torch.optim.RMSprop, "momentum"), (torch.optim.AdamW, "betas")])
def test_rmsprop_momentum_and_adamw_beta1_are_cycled(cls, key):
    optimizer = cls(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    scheduler = SCHED(optimizer, base_lr=0.001, max_lr=0.1, step_size_up=50)
    for _ in range(50):
        optimizer.step()
        scheduler.step()
    value = optimizer.param_groups[0][key]
    assert (value if key == "momentum" else value[0]) == pytest.approx(0.8, rel=REL)  # base_momentum at the peak
