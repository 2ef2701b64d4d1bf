"""Stepping guide: call order, cadence, gradient accumulation, GradScaler, reading the LR."""

import inspect
import math
import warnings

import pytest
import torch
from conftest import lrs, result
from torch.optim import lr_scheduler
from torch.optim.swa_utils import SWALR

REL = 1e-12
ORDER_WARNING = "UserWarning: Detected call of `lr_scheduler.step()` before `optimizer.step()`"


def step_lr(t, lr0=0.1, gamma=0.5, step_size=3):
    return lr0 * gamma ** (t // step_size)


def cosine(t, t_max, lr0=0.1):
    return lr0 * (1 + math.cos(math.pi * t / t_max)) / 2


def one_cycle(t, total, max_lr=0.1, pct_start=0.3, div=25.0, final_div=1e4):
    initial = max_lr / div
    low = initial / final_div
    peak_step = pct_start * total - 1
    if t <= peak_step:
        start, end, pct = initial, max_lr, t / peak_step
    else:
        start, end, pct = max_lr, low, (t - peak_step) / (total - 1 - peak_step)
    return end + (start - end) / 2 * (1 + math.cos(math.pi * pct))


def test_right_order_uses_every_value_of_the_schedule():
    used = lrs("stepping_order", "optimizer.step() then scheduler.step()")
    assert used == pytest.approx([step_lr(t) for t in range(9)], rel=REL)


def test_old_order_skips_the_first_value_and_warns():
    used = lrs("stepping_order", "scheduler.step() then optimizer.step()")
    assert used == pytest.approx([step_lr(t + 1) for t in range(9)], rel=REL)
    assert [w for w in result("stepping_order").warnings if w.startswith(ORDER_WARNING)]


def test_order_warning_fires_only_without_a_previous_optimizer_step():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    scheduler = lr_scheduler.StepLR(optimizer, step_size=1)
    with pytest.warns(UserWarning, match="Detected call of"):
        scheduler.step()
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    scheduler = lr_scheduler.StepLR(optimizer, step_size=1)
    optimizer.step()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scheduler.step()


def test_cadence_table_covers_every_scheduler_with_real_argument_names():
    out = result("stepping_cadence").stdout
    rows = {line.split("|")[1].strip(): line for line in out.splitlines() if line.startswith("| ") and "---" not in line}
    expected = [n for n in lr_scheduler.__all__ if n != "LRScheduler"] + ["SWALR"]
    assert sorted(n for n in rows if n != "Scheduler") == sorted(expected)
    for name in expected:
        cls = SWALR if name == "SWALR" else getattr(lr_scheduler, name)
        params = inspect.signature(cls.__init__).parameters
        for arg in rows[name].split("|")[2].split("`")[1::2]:
            assert arg in params, f"{name} has no argument {arg}"
    assert "**per batch**" in rows["CyclicLR"] and "**per batch**" in rows["OneCycleLR"]


def test_one_cycle_per_batch_runs_the_whole_cycle():
    used = lrs("stepping_per_batch", "step() per batch, total_steps=epochs*batches")
    assert used == pytest.approx([one_cycle(t, 200) for t in range(200)], rel=REL)


def test_one_cycle_per_epoch_only_shows_the_start_of_the_warm_up():
    used = lrs("stepping_per_batch", "step() per epoch, total_steps=epochs*batches")
    assert used == pytest.approx([one_cycle(b // 20, 200) for b in range(200)], rel=REL)
    assert max(used) < 0.1 / 10


def test_one_cycle_with_total_steps_in_epochs_raises_when_stepped_per_batch():
    assert "ValueError: Tried to step 11 times. The specified number of total steps is 10" in (
        result("stepping_per_batch").stdout)
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1, momentum=0.9)
    scheduler = lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=3)
    for _ in range(3):
        optimizer.step()
        scheduler.step()
    optimizer.step()
    with pytest.raises(ValueError, match="Tried to step 4 times"):
        scheduler.step()


def test_accumulation_once_per_optimizer_step_follows_the_planned_cosine():
    used = lrs("stepping_accumulation", "scheduler.step() after each optimizer.step()")
    assert used == pytest.approx([cosine(t, 20) for t in range(20)], rel=REL, abs=1e-15)


def test_accumulation_per_micro_batch_runs_the_schedule_four_times_too_fast():
    used = lrs("stepping_accumulation", "scheduler.step() after each micro-batch")
    # optimizer step i happens after 4*i + 3 scheduler steps; the cosine has period 2*T_max
    assert used == pytest.approx([cosine(4 * i + 3, 20) for i in range(20)], rel=REL, abs=1e-15)
    assert [w for w in result("stepping_accumulation").warnings if w.startswith(ORDER_WARNING)]


def test_grad_scaler_skip_triggers_the_order_warning_but_the_schedule_is_unchanged():
    assert lrs("stepping_grad_scaler") == pytest.approx([step_lr(t, step_size=2) for t in range(6)], rel=REL)
    assert [w for w in result("stepping_grad_scaler").warnings if w.startswith(ORDER_WARNING)]
    out = result("stepping_grad_scaler").stdout.splitlines()
    assert "weights updated: False" in out[0] and all("weights updated: True" in line for line in out[1:])


def test_grad_scaler_on_cpu_skips_optimizer_step_on_inf():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    scaler = torch.amp.GradScaler("cpu")
    assert scaler.is_enabled()
    before = model.weight.detach().clone()
    scaler.scale(model(torch.ones(1, 2)).sum() * float("inf")).backward()
    scaler.step(optimizer)
    scaler.update()
    assert torch.equal(before, model.weight)
    assert scaler.get_scale() == 65536.0 / 2
    assert not getattr(optimizer, "_opt_called", False)
    with pytest.warns(UserWarning, match="Detected call of"):
        scheduler.step()
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.05, rel=REL)


def test_get_last_lr_param_groups_and_get_lr():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    scheduler = lr_scheduler.ExponentialLR(optimizer, gamma=0.5)
    for t in range(1, 3):
        optimizer.step()
        scheduler.step()
        assert scheduler.get_last_lr()[0] == pytest.approx(0.1 * 0.5**t, rel=REL)
        assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.5**t, rel=REL)
        with pytest.warns(UserWarning, match="please use `get_last_lr"):
            assert scheduler.get_lr()[0] == pytest.approx(0.1 * 0.5 ** (t + 1), rel=REL)
    optimizer.param_groups[0]["lr"] = 0.001
    assert scheduler.get_last_lr()[0] == pytest.approx(0.1 * 0.5**2, rel=REL)  # stale
    with pytest.warns(UserWarning):
        assert scheduler.get_lr()[0] == pytest.approx(0.001 * 0.5, rel=REL)


def test_get_last_lr_snippet_table():
    rows = [line.split("|") for line in result("stepping_get_last_lr").stdout.splitlines()[1:]]
    values = [[float(cell) for cell in row[1:]] for row in rows]
    expected = [[0.1 * 0.5**t, 0.1 * 0.5**t, 0.1 * 0.5 ** (t + 1)] for t in range(3)] + [[0.025, 0.001, 0.0005]]
    for got, want in zip(values, expected, strict=True):
        assert got == pytest.approx(want, rel=1e-5)


def test_order_is_checked_only_at_the_first_scheduler_step():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    scheduler = lr_scheduler.StepLR(optimizer, step_size=1)
    optimizer.step()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scheduler.step()
        scheduler.step()  # no optimizer.step() in between: not detected


def test_the_order_warning_can_be_filtered_by_its_prefix():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    scheduler = lr_scheduler.StepLR(optimizer, step_size=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", "Detected call of")
        scheduler.step()
