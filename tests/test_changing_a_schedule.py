"""Changing a schedule mid-run: every claim of the guide, re-derived here with runs of our own.

Tables printed by the snippets are parsed and compared with classifications this file computes
by a different route (a reference run in which the change was there from the start, or a
closed form), and the "every scheduler" sentences are property tests over seeded random
arguments for every scheduler of ``lr_scheduler.__all__`` plus SWALR.
"""

from __future__ import annotations

import copy
import math
import re

import pytest
import torch
from conftest import DOCS, lrs, result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

REL = 1e-12
NAMES = sorted(set(sched.__all__) - {"LRScheduler"}) + ["SWALR"]
PROPERTY = settings(max_examples=4, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def table(name: str) -> dict[str, list[str]]:
    """A snippet's markdown table: first cell -> the other cells."""
    rows = {}
    for line in result(name).stdout.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and not set(line) <= set("|-") and cells[0] != "Scheduler":
            rows[cells[0]] = cells[1:]
    return rows


def is_plateau(scheduler) -> bool:
    return isinstance(scheduler, sched.ReduceLROnPlateau)


def step(optimizer, scheduler, metric=1.0):
    optimizer.step()
    scheduler.step(metric) if is_plateau(scheduler) else scheduler.step()


def sgd(*lrs_, momentum=0.9):
    groups = [{"params": [torch.nn.Parameter(torch.zeros(1))], "lr": lr} for lr in lrs_]
    return torch.optim.SGD(groups, lr=lrs_[0], momentum=momentum)


# ---------------------------------------------------------------- random valid arguments, every scheduler
def draw_kwargs(name: str, data) -> dict:
    """Seeded random arguments from each scheduler's valid range (LR-valued ones are named *lr*/eta_min)."""
    d = data.draw
    gamma = st.floats(0.5, 0.99)
    if name in ("LambdaLR", "MultiplicativeLR"):
        return {"g": d(gamma)}
    if name == "StepLR":
        return {"step_size": d(st.integers(1, 8)), "gamma": d(gamma)}
    if name == "MultiStepLR":
        return {"milestones": sorted(d(st.lists(st.integers(1, 30), min_size=1, max_size=3))), "gamma": d(gamma)}
    if name == "ConstantLR":
        return {"factor": d(st.floats(0.1, 0.9)), "total_iters": d(st.integers(2, 12))}
    if name == "LinearLR":
        return {"start_factor": d(st.floats(0.1, 0.9)), "total_iters": d(st.integers(2, 12))}
    if name == "ExponentialLR":
        return {"gamma": d(gamma)}
    if name == "SequentialLR":
        return {"milestone": d(st.integers(3, 10)), "gamma": d(gamma)}
    if name == "CosineAnnealingLR":
        return {"T_max": d(st.integers(4, 15)), "eta_min": d(st.sampled_from([0.0, 1e-4]))}
    if name == "ChainedScheduler":
        return {"gamma": d(gamma), "factor": d(st.floats(0.1, 0.9))}
    if name == "ReduceLROnPlateau":
        return {"factor": d(st.floats(0.1, 0.9)), "patience": d(st.integers(0, 3)), "min_lr": d(st.sampled_from([0.0, 1e-4]))}
    if name == "CyclicLR":
        return {"base_lr": d(st.floats(0.001, 0.02)), "max_lr": d(st.floats(0.05, 0.2)),
                "step_size_up": d(st.integers(2, 8)), "mode": d(st.sampled_from(["triangular", "triangular2"]))}
    if name == "CosineAnnealingWarmRestarts":
        return {"T_0": d(st.integers(2, 8)), "T_mult": d(st.integers(1, 2)), "eta_min": d(st.sampled_from([0.0, 1e-4]))}
    if name == "OneCycleLR":
        return {"max_lr": d(st.floats(0.05, 0.5)), "pct_start": d(st.floats(0.2, 0.5))}
    if name == "PolynomialLR":
        return {"total_iters": d(st.integers(4, 20)), "power": d(st.floats(0.5, 3.0))}
    if name == "SWALR":
        return {"swa_lr": d(st.floats(0.005, 0.05)), "anneal_epochs": d(st.integers(1, 10)),
                "anneal_strategy": d(st.sampled_from(["cos", "linear"]))}
    raise AssertionError(f"no random arguments for {name}")


def build(name: str, optimizer, kw: dict, total: int = 60):
    if name == "LambdaLR":
        return sched.LambdaLR(optimizer, lambda t, g=kw["g"]: g**t)
    if name == "MultiplicativeLR":
        return sched.MultiplicativeLR(optimizer, lambda t, g=kw["g"]: g)
    if name == "SequentialLR":
        parts = [sched.LinearLR(optimizer, start_factor=0.5, total_iters=kw["milestone"]),
                 sched.ExponentialLR(optimizer, gamma=kw["gamma"])]
        return sched.SequentialLR(optimizer, parts, milestones=[kw["milestone"]])
    if name == "ChainedScheduler":
        parts = [sched.ConstantLR(optimizer, factor=kw["factor"], total_iters=4),
                 sched.ExponentialLR(optimizer, gamma=kw["gamma"])]
        return sched.ChainedScheduler(parts, optimizer=optimizer)
    if name == "OneCycleLR":
        return sched.OneCycleLR(optimizer, total_steps=total, **kw)
    if name == "SWALR":
        return SWALR(optimizer, **kw)
    return getattr(sched, name)(optimizer, **kw)


def scaled(kw: dict, factor: float) -> dict:
    return {k: v * factor if k in {"base_lr", "max_lr", "eta_min", "min_lr", "swa_lr"} else v for k, v in kw.items()}


def trace(name, kw, lr, steps, optimizer=None, scheduler=None):
    if optimizer is None:
        optimizer = sgd(lr)
        scheduler = build(name, optimizer, kw)
    used = []
    for _ in steps:
        used.append(optimizer.param_groups[0]["lr"])
        step(optimizer, scheduler)
    return used, optimizer, scheduler


# ---------------------------------------------------------------- the checkpoint wins
def test_step_lr_demo_drops_where_the_page_says():
    def closed(step_size):
        return [0.1 * 0.5 ** (t // step_size) for t in range(40)]
    assert lrs("change_checkpoint_wins", "first run, step_size=10") == pytest.approx(closed(10), rel=REL)
    assert lrs("change_checkpoint_wins", "resumed with StepLR(step_size=16)") == pytest.approx(closed(10), rel=REL)
    assert lrs("change_checkpoint_wins", "resumed, step_size set after loading") == pytest.approx(closed(16), rel=REL)
    assert "step_size = 10" in result("change_checkpoint_wins").stdout


def test_restored_arguments_table_only_functions_survive():
    rows = table("change_restored_arguments")
    assert set(rows) == set(NAMES)
    for name, (ignored, used) in rows.items():
        assert "optimizer `lr`" in ignored, name
        assert used == ("`f`" if name in ("LambdaLR", "MultiplicativeLR") else "-"), name


@pytest.mark.parametrize("name", NAMES)
@PROPERTY
@given(data=st.data())
def test_load_state_dict_restores_lr_base_lrs_and_every_argument(name, data):
    """Resumed with other random arguments and another optimizer LR, the saved run continues unchanged."""
    first, other = draw_kwargs(name, data), draw_kwargs(name, data)
    if "g" in first:
        other["g"] = first["g"] * 0.9  # a function that is certainly different
    interrupt = data.draw(st.integers(1, 20))
    reference, _, _ = trace(name, first, 0.1, range(40))
    _, optimizer, scheduler = trace(name, first, 0.1, range(interrupt))
    saved = copy.deepcopy({"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()})
    new_optimizer = sgd(0.05)
    new_scheduler = build(name, new_optimizer, other)
    new_optimizer.load_state_dict(saved["optimizer"])
    new_scheduler.load_state_dict(saved["scheduler"])
    if hasattr(scheduler, "base_lrs"):  # ChainedScheduler and ReduceLROnPlateau have none
        assert new_scheduler.base_lrs == pytest.approx(scheduler.base_lrs, rel=REL)
    assert new_scheduler.get_last_lr() == pytest.approx(scheduler.get_last_lr(), rel=REL)
    resumed, _, _ = trace(name, other, 0.05, range(interrupt, 40), new_optimizer, new_scheduler)
    if name in ("LambdaLR", "MultiplicativeLR"):
        assert resumed != pytest.approx(reference[interrupt:], rel=REL)  # the new function is used
    else:
        assert resumed == pytest.approx(reference[interrupt:], rel=REL, abs=1e-15)


def test_cyclic_lr_load_state_dict_consumes_its_argument():
    optimizer = sgd(0.1)
    scheduler = sched.CyclicLR(optimizer, base_lr=0.01, max_lr=0.1)
    state = scheduler.state_dict()
    scheduler.load_state_dict(state)
    assert "_scale_fn_custom" not in state
    with pytest.raises(KeyError, match="_scale_fn_custom"):
        scheduler.load_state_dict(state)


# ---------------------------------------------------------------- a new learning rate on resume
SET_GROUP_LR_WRONG = {"LambdaLR", "CosineAnnealingLR", "CyclicLR", "OneCycleLR", "CosineAnnealingWarmRestarts",
                      "SWALR", "ReduceLROnPlateau"}  # as listed in the page's prose


def test_new_lr_table():
    rows = table("change_new_lr")
    assert set(rows) == set(NAMES)
    for name, (naive, set_lr, edit, replay) in rows.items():
        assert naive.startswith("wrong from step 12"), name
        assert edit == replay == "right", name
        assert (set_lr != "right") == (name in SET_GROUP_LR_WRONG), name


@pytest.mark.parametrize("name", NAMES)
def test_set_group_lr_after_loading_is_right_only_for_the_listed_schedulers(name):
    """Independent of the snippet: a halved LR is right iff the resumed LRs are half the saved run's."""
    kw = {"LambdaLR": {"g": 0.9}, "MultiplicativeLR": {"g": 0.9}, "StepLR": {"step_size": 10, "gamma": 0.5},
          "MultiStepLR": {"milestones": [10, 20], "gamma": 0.5}, "ConstantLR": {"factor": 0.5, "total_iters": 16},
          "LinearLR": {"start_factor": 0.25, "total_iters": 20}, "ExponentialLR": {"gamma": 0.9},
          "SequentialLR": {"milestone": 8, "gamma": 0.9}, "CosineAnnealingLR": {"T_max": 40, "eta_min": 0.001},
          "ChainedScheduler": {"gamma": 0.9, "factor": 0.5},
          "ReduceLROnPlateau": {"factor": 0.5, "patience": 2, "min_lr": 0.001},
          "CyclicLR": {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 10},
          "CosineAnnealingWarmRestarts": {"T_0": 10, "eta_min": 0.001}, "OneCycleLR": {"max_lr": 0.1},
          "PolynomialLR": {"total_iters": 30, "power": 2.0}, "SWALR": {"swa_lr": 0.01, "anneal_epochs": 20}}[name]
    reference, _, _ = trace(name, kw, 0.1, range(40))
    _, optimizer, scheduler = trace(name, kw, 0.1, range(12))
    for group in optimizer.param_groups:
        group["lr"] *= 0.5
    resumed, _, _ = trace(name, kw, 0.1, range(12, 40), optimizer, scheduler)
    right = resumed == pytest.approx([0.5 * x for x in reference[12:]], rel=REL, abs=1e-15)
    assert right == (name not in SET_GROUP_LR_WRONG)


def scale_checkpoint(state, factor):
    for key, value in state.items():
        if key in {"lr", "initial_lr", "max_lr", "min_lr", "swa_lr", "eta_min", "default_min_lr"} and value:
            state[key] = value * factor
        elif key in {"base_lrs", "_last_lr", "max_lrs", "min_lrs"}:
            state[key] = [v * factor for v in value]
        elif key in {"param_groups", "_schedulers"}:
            for inner in value:
                scale_checkpoint(inner, factor)


@pytest.mark.parametrize("name", NAMES)
@PROPERTY
@given(data=st.data())
def test_scaling_the_checkpoint_and_replaying_give_the_new_schedule(name, data):
    """Every scheduler's LR is proportional to its LR arguments: the intended run is factor x the saved run."""
    kw = draw_kwargs(name, data)
    if name == "ReduceLROnPlateau":
        kw["min_lr"] = 1e-4  # keeps the LR far above its absolute eps=1e-8 (see the test below)
    interrupt = data.draw(st.integers(1, 30))
    factor = data.draw(st.floats(0.1, 3.0))
    reference, _, _ = trace(name, kw, 0.1, range(45))
    wanted = [factor * x for x in reference[interrupt:]]
    _, optimizer, scheduler = trace(name, kw, 0.1, range(interrupt))
    saved = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}

    edited = copy.deepcopy(saved)
    scale_checkpoint(edited["optimizer"], factor)
    scale_checkpoint(edited["scheduler"], factor)
    opt = sgd(0.1)
    sch = build(name, opt, kw)
    opt.load_state_dict(edited["optimizer"])
    sch.load_state_dict(edited["scheduler"])
    assert trace(name, kw, 0, range(interrupt, 45), opt, sch)[0] == pytest.approx(wanted, rel=1e-11, abs=1e-15)

    new_kw = scaled(kw, factor)
    stand_in = sgd(0.1 * factor)
    schedule = build(name, stand_in, new_kw)
    trace(name, new_kw, 0, range(interrupt), stand_in, schedule)
    opt = sgd(0.1 * factor)
    sch = build(name, opt, new_kw)
    opt.load_state_dict(copy.deepcopy(saved["optimizer"]))
    for group, new_group in zip(opt.param_groups, stand_in.param_groups, strict=True):
        group.update({k: v for k, v in new_group.items() if k != "params"})
    sch.load_state_dict(schedule.state_dict())
    fresh = trace(name, new_kw, 0.1 * factor, range(45))[0][interrupt:]
    assert trace(name, new_kw, 0, range(interrupt, 45), opt, sch)[0] == pytest.approx(fresh, rel=1e-11, abs=1e-15)
    assert fresh == pytest.approx(wanted, rel=1e-11, abs=1e-15)


def test_reduce_lr_on_plateau_eps_is_not_scaled():
    """The exception the page names: near eps=1e-8 the reductions stop at an absolute size."""
    kw = {"factor": 0.5, "patience": 0, "min_lr": 0.0}
    full, half = trace("ReduceLROnPlateau", kw, 0.1, range(60))[0], trace("ReduceLROnPlateau", kw, 0.05, range(60))[0]
    assert half[:10] == pytest.approx([0.5 * x for x in full[:10]], rel=REL)
    assert half != pytest.approx([0.5 * x for x in full], rel=1e-6)


# ---------------------------------------------------------------- extending OneCycleLR
def one_cycle(total, steps, anneal="cos"):
    optimizer = sgd(0.1)
    scheduler = sched.OneCycleLR(optimizer, max_lr=0.1, total_steps=total, anneal_strategy=anneal)
    return trace("OneCycleLR", {}, 0, range(steps), optimizer, scheduler)


def test_one_cycle_extension_curves():
    name = "change_extend_one_cycle"
    planned = one_cycle(40, 40)[0]
    fresh_60 = one_cycle(60, 60)[0]
    assert "ValueError: Tried to step 41 times. The specified number of total steps is 40" in result(name).stdout
    assert lrs(name, "planned: 40 steps") == pytest.approx(planned, rel=REL)
    edited = lrs(name, "total_steps set to 60 after loading")
    assert edited[:40] == pytest.approx(planned, rel=REL)
    assert min(edited) == edited[39] == pytest.approx(0.1 / 25 / 1e4, rel=1e-9)  # minimum at step 39
    assert all(b > a for a, b in zip(edited[39:], edited[40:]))  # then it climbs back ...
    assert f"{edited[59]:.3g}" == "0.0812"  # ... to the value the alt text gives
    replayed = lrs(name, "new 60-step OneCycleLR, replayed")
    assert replayed[30:] == pytest.approx(fresh_60[30:], rel=REL)
    assert (f"{replayed[29]:.3g}", f"{replayed[30]:.3g}") == ("0.0283", "0.0782")  # the jump at step 30
    tail = lrs(name, "cosine from step 30 to the same final LR")
    min_lr = 0.1 / 25 / 1e4
    expected = [min_lr + (planned[30] - min_lr) * (1 + math.cos(math.pi * k / 29)) / 2 for k in range(30)]
    assert tail[30:] == pytest.approx(expected, rel=1e-9)
    assert tail[59] == pytest.approx(min_lr, rel=1e-9)
    assert all(b < a for a, b in zip(tail[30:], tail[31:]))  # falls smoothly from step 30


def test_one_cycle_linear_with_edited_total_steps_goes_below_zero():
    _, optimizer, scheduler = one_cycle(40, 30, anneal="linear")
    scheduler.total_steps = 60
    assert min(trace("OneCycleLR", {}, 0, range(30, 60), optimizer, scheduler)[0]) < 0


# ---------------------------------------------------------------- add_param_group
ADDED_AT, ADDED_LR = 3, 0.05
SNIPPET_ARGS = {  # the snippet's arguments, to check its table with runs of our own
    "LambdaLR": {"g": 0.9}, "MultiplicativeLR": {"g": 0.9}, "StepLR": {"step_size": 4, "gamma": 0.5},
    "MultiStepLR": {"milestones": [5, 10], "gamma": 0.5}, "ConstantLR": {"factor": 0.5, "total_iters": 6},
    "LinearLR": {"start_factor": 0.25, "total_iters": 6}, "ExponentialLR": {"gamma": 0.9},
    "CosineAnnealingLR": {"T_max": 10}, "ReduceLROnPlateau": {"patience": 2, "factor": 0.5},
    "CyclicLR": {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4}, "CosineAnnealingWarmRestarts": {"T_0": 5},
    "OneCycleLR": {"max_lr": 0.1}, "PolynomialLR": {"total_iters": 10, "power": 2.0},
    "SWALR": {"swa_lr": 0.01, "anneal_epochs": 5},
}


def build_snippet_case(label, optimizer):
    if label == "SequentialLR":
        parts = [sched.LinearLR(optimizer, start_factor=0.5, total_iters=4), sched.ExponentialLR(optimizer, gamma=0.9)]
        return sched.SequentialLR(optimizer, parts, milestones=[6])
    if label == "ChainedScheduler":
        parts = [sched.LinearLR(optimizer, start_factor=0.5, total_iters=4), sched.ExponentialLR(optimizer, gamma=0.9)]
        return sched.ChainedScheduler(parts, optimizer=optimizer)
    if label == "ReduceLROnPlateau, min_lr as a list":
        return sched.ReduceLROnPlateau(optimizer, patience=2, min_lr=[0.0])
    return build(label, optimizer, SNIPPET_ARGS[label], total=30)


def added_group_run(make, added_at, added_lr, total):
    """LRs of the added group after each step, or the exception the run raised."""
    optimizer = sgd(0.1)
    scheduler = make(optimizer)
    seen = []
    for t in range(total):
        if t == added_at:
            optimizer.add_param_group({"params": [torch.nn.Parameter(torch.zeros(1))], "lr": added_lr})
        try:
            step(optimizer, scheduler)
        except Exception as error:  # noqa: BLE001 - the classification is about which error
            return error
        if t >= added_at:
            seen.append(optimizer.param_groups[1]["lr"])
    return seen


def joined_reference(make, added_at, added_lr, total):
    """The LR a group gets when it is in the optimizer from the start, with the base LR that puts it
    at added_lr at step added_at: the schedule 'from where it joined'."""
    probe = sgd(0.1)
    probe_scheduler = make(probe)
    for _ in range(added_at):
        step(probe, probe_scheduler)
    base = added_lr * 0.1 / probe.param_groups[0]["lr"]
    optimizer = sgd(0.1, base)
    scheduler = make(optimizer)
    seen = []
    for t in range(total):
        step(optimizer, scheduler)
        if t >= added_at:
            seen.append(optimizer.param_groups[1]["lr"])
    return seen


def classify(make, added_at, added_lr, total):
    run = added_group_run(make, added_at, added_lr, total)
    if isinstance(run, Exception):
        return "raises", type(run).__name__
    assert run == pytest.approx(joined_reference(make, added_at, added_lr, total), rel=1e-12, abs=1e-15)
    return ("wrong LR" if max(run) > added_lr * (1 + 1e-12) else "handled"), None


def test_add_param_group_table_matches_an_independent_classification():
    rows = table("change_add_param_group")
    assert {label.split(",")[0] for label in rows} == set(NAMES)
    for label, (verdict, detail, values) in rows.items():
        expected, error = classify(lambda opt, label=label: build_snippet_case(label, opt), ADDED_AT, ADDED_LR, 30)
        assert verdict == f"**{expected}**", label
        if error:
            assert detail.startswith(f"`{error}`"), label
    assert "in `step()` at step 5" in rows["SequentialLR"][1]  # the step that enters the milestone at 6
    assert "in `step()` at step 10" in rows["CosineAnnealingLR"][1]  # the step after T_max=10
    assert rows["ConstantLR"][1] == "raised to 2 times the LR it was added with"


RAISES = {"LambdaLR": "ValueError", "MultiplicativeLR": "ValueError", "SequentialLR": "ValueError",
          "CosineAnnealingLR": "ValueError", "CyclicLR": "ValueError", "CosineAnnealingWarmRestarts": "ValueError",
          "OneCycleLR": "KeyError", "SWALR": "KeyError"}


@pytest.mark.parametrize("name", NAMES)
@PROPERTY
@given(data=st.data())
def test_add_param_group_every_scheduler_random_arguments(name, data):
    """Raisers raise the same error; all others keep the new group on the schedule from where it joined
    (checked in classify), and ConstantLR/LinearLR added during the warm-up lift it above its LR."""
    kw = draw_kwargs(name, data)
    # add the group before the milestone, before T_max, before PolynomialLR's LR reaches 0
    limit = {"SequentialLR": kw.get("milestone"), "CosineAnnealingLR": kw.get("T_max"),
             "PolynomialLR": kw.get("total_iters")}.get(name) or 20
    added_at = data.draw(st.integers(1, limit - 1))
    added_lr = data.draw(st.floats(1e-3, 1.0))
    verdict, error = classify(lambda opt: build(name, opt, kw), added_at, added_lr, 45)
    if name in RAISES:
        assert (verdict, error) == ("raises", RAISES[name])
    else:
        assert verdict in ("handled", "wrong LR")
        if name in ("ConstantLR", "LinearLR"):
            assert (verdict == "wrong LR") == (added_at < kw["total_iters"])


def test_reduce_lr_on_plateau_list_min_lr_raises_runtime_error():
    verdict, error = classify(lambda opt: sched.ReduceLROnPlateau(opt, patience=0, min_lr=[0.0]), 2, 0.05, 10)
    assert (verdict, error) == ("raises", "RuntimeError")


@pytest.mark.parametrize("name", NAMES)
@settings(PROPERTY, max_examples=3)
@given(data=st.data())
def test_a_frozen_group_from_the_start_follows_the_schedule(name, data):
    """The tip's claim, for every scheduler: frozen parameters do not move, and the group's LR is the one
    it would have unfrozen (the scheduler does not see requires_grad)."""
    kw = draw_kwargs(name, data)
    frozen_for = data.draw(st.integers(1, 12))
    torch.manual_seed(0)
    a, b = torch.nn.Parameter(torch.randn(2)), torch.nn.Parameter(torch.randn(2))
    b.requires_grad_(False)
    optimizer = torch.optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.01}], lr=0.1, momentum=0.9)
    scheduler = build(name, optimizer, kw)
    reference = sgd(0.1, 0.01)
    reference_scheduler = build(name, reference, kw)
    before = b.detach().clone()
    trained_lrs = []
    for t in range(20):
        if t == frozen_for:
            assert torch.equal(b, before)
            b.requires_grad_(True)
        optimizer.zero_grad()
        (a.sum() + b.sum()).pow(2).backward() if b.requires_grad else a.sum().pow(2).backward()
        if b.requires_grad:
            trained_lrs.append(optimizer.param_groups[1]["lr"])
        step(optimizer, scheduler)
        step(reference, reference_scheduler)
        for got, want in zip(optimizer.param_groups, reference.param_groups, strict=True):
            assert got["lr"] == pytest.approx(want["lr"], rel=REL, abs=1e-15)
    if max(trained_lrs) > 0:  # PolynomialLR may already be at LR 0 when it is unfrozen
        assert not torch.equal(b, before)


def test_frozen_group_snippet():
    out = result("change_frozen_group").stdout
    assert "backbone unchanged while frozen: True" in out and "backbone trained after step 10: True" in out
    backbone, head = lrs("change_frozen_group", "backbone group"), lrs("change_frozen_group", "head group")
    assert len(backbone) == 30
    assert [x / y for x, y in zip(backbone, head)] == pytest.approx([0.1] * 30, rel=1e-9)  # "a tenth ... every step"


def test_page_alt_texts_name_the_recorded_numbers():
    page = (DOCS / "guides" / "changing_a_schedule.md").read_text(encoding="utf-8")
    alt = re.findall(r"!\[([^\]]*)\]\(\.\./generated/change_extend_one_cycle\.svg\)", page)[0]
    for number in ("0.0812", "0.0283", "0.0782", "step 39", "step 30", "step 59"):
        assert number in alt
    alt = re.findall(r"!\[([^\]]*)\]\(\.\./generated/change_checkpoint_wins\.svg\)", page)[0]
    assert "10, 20 and 30" in alt and "16 and 32" in alt
