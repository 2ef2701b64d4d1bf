"""Checkpoints guide: every scheduler resumes exactly from a checkpoint loaded in a fresh process.

The fresh-process part runs this file as a program (``python tests/test_checkpoints.py DIR``):
one interpreter resumes every scheduler, to pay torch's import time once.
"""

from __future__ import annotations

import copy
import io
import json
import math
import pickle
import re
import subprocess
import sys
from pathlib import Path

import torch
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

TOTAL, STOP = 30, 12
_gen = torch.Generator().manual_seed(1234)
# A noisy validation loss that improves in stages, so ReduceLROnPlateau reduces before and after STOP.
METRICS = [1 / (1 + t // 6) + 0.02 * torch.rand(1, generator=_gen).item() for t in range(TOTAL)]


def _pair(opt):
    return [sched.ConstantLR(opt, factor=0.5, total_iters=4), sched.CosineAnnealingLR(opt, T_max=20)]


CASES = {
    "LambdaLR": lambda opt: sched.LambdaLR(opt, lambda t: 1 / (1 + 0.1 * t)),
    "MultiplicativeLR": lambda opt: sched.MultiplicativeLR(opt, lambda t: 0.95 if t % 2 else 0.9),
    "StepLR": lambda opt: sched.StepLR(opt, step_size=4, gamma=0.7),
    "MultiStepLR": lambda opt: sched.MultiStepLR(opt, milestones=[5, 13, 22], gamma=0.5),
    "ConstantLR": lambda opt: sched.ConstantLR(opt, factor=0.25, total_iters=14),
    "LinearLR": lambda opt: sched.LinearLR(opt, start_factor=0.1, end_factor=0.5, total_iters=25),
    "ExponentialLR": lambda opt: sched.ExponentialLR(opt, gamma=0.93),
    "SequentialLR": lambda opt: sched.SequentialLR(opt, _pair(opt), milestones=[6]),
    "CosineAnnealingLR": lambda opt: sched.CosineAnnealingLR(opt, T_max=25, eta_min=0.001),
    "ChainedScheduler": lambda opt: sched.ChainedScheduler(_pair(opt), optimizer=opt),
    "ReduceLROnPlateau": lambda opt: sched.ReduceLROnPlateau(opt, patience=1, factor=0.5, threshold=0.05),
    "CyclicLR": lambda opt: sched.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=5, mode="triangular2"),
    "CosineAnnealingWarmRestarts": lambda opt: sched.CosineAnnealingWarmRestarts(opt, T_0=5, T_mult=2),
    "OneCycleLR": lambda opt: sched.OneCycleLR(opt, max_lr=0.2, total_steps=TOTAL, three_phase=True),
    "PolynomialLR": lambda opt: sched.PolynomialLR(opt, total_iters=25, power=1.5),
    "SWALR": lambda opt: SWALR(opt, swa_lr=0.02, anneal_epochs=18, anneal_strategy="linear"),
}


def fresh_optimizer():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    return model, torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)


def train(name, model, optimizer, scheduler, steps):
    used = []
    for t in steps:
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.zero_grad()
        torch.manual_seed(100 + t)
        model(torch.randn(4, 3)).pow(2).mean().backward()
        optimizer.step()
        if name == "ReduceLROnPlateau":
            scheduler.step(METRICS[t])
        else:
            scheduler.step()
    return used


def resume_all(folder: Path) -> None:
    """Fresh process: for each saved checkpoint, build, load both state dicts, continue."""
    out = {}
    for name, build in CASES.items():
        checkpoint = torch.load(folder / f"{name}.pt")  # weights_only=True (the default)
        model, optimizer = fresh_optimizer()
        scheduler = build(optimizer)
        model.load_state_dict(checkpoint["model"])
        optimizer.load_state_dict(checkpoint["optimizer"])
        scheduler.load_state_dict(checkpoint["scheduler"])
        out[name] = train(name, model, optimizer, scheduler, range(STOP, TOTAL))
    (folder / "resumed.json").write_text(json.dumps(out))


if __name__ == "__main__":
    resume_all(Path(sys.argv[1]))
    sys.exit(0)


# --- tests (pytest) ------------------------------------------------------------------

import pytest  # noqa: E402
from conftest import lrs, result  # noqa: E402

REL = 1e-12
EXPECTED_NAMES = (set(sched.__all__) - {"LRScheduler"}) | {"SWALR"}


def test_every_scheduler_in_torch_has_a_case():
    assert set(CASES) == EXPECTED_NAMES, f"add a case for {sorted(EXPECTED_NAMES - set(CASES))}"


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Uninterrupted traces here; interrupted runs saved here and resumed in ONE fresh interpreter."""
    folder = tmp_path_factory.mktemp("checkpoints")
    reference = {}
    for name, build in CASES.items():
        model, optimizer = fresh_optimizer()
        reference[name] = train(name, model, optimizer, build(optimizer), range(TOTAL))
        model, optimizer = fresh_optimizer()
        scheduler = build(optimizer)
        train(name, model, optimizer, scheduler, range(STOP))
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict()}, folder / f"{name}.pt")
    process = subprocess.run([sys.executable, "-W", "error", __file__, str(folder)],
                             capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stderr
    return reference, json.loads((folder / "resumed.json").read_text())


@pytest.mark.parametrize("name", sorted(CASES))
def test_resumed_in_fresh_process_continues_the_same_lr_sequence(name, runs):
    reference, resumed = runs
    assert resumed[name] == pytest.approx(reference[name][STOP:], rel=REL, abs=1e-15)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_comparison_can_fail(name, runs):
    """Restarting from scratch at STOP would not pass the test above, and the LR moves after STOP."""
    reference, _ = runs
    assert reference[name][STOP:] != pytest.approx(reference[name][: TOTAL - STOP], rel=1e-6)
    assert len({round(lr, 12) for lr in reference[name][STOP:]}) > 1


def test_reduce_lr_on_plateau_reduces_before_and_after_the_interruption(runs):
    reference, _ = runs
    trace = reference["ReduceLROnPlateau"]
    drops = [t for t in range(1, TOTAL) if trace[t] < trace[t - 1]]
    assert any(t <= STOP for t in drops) and any(t > STOP for t in drops), drops


# --- the page's snippets ----------------------------------------------------------------------


def cosine(t, t_max=30, lr0=0.1):
    return lr0 * (1 + math.cos(math.pi * t / t_max)) / 2


def test_recipe_snippet_resumes_exactly():
    uninterrupted = lrs("checkpoint_resume", "uninterrupted")
    assert uninterrupted == pytest.approx([cosine(t) for t in range(30)], rel=REL, abs=1e-15)
    assert lrs("checkpoint_resume", "stopped at step 12, resumed") == uninterrupted
    assert "identical to the uninterrupted one: True" in result("checkpoint_resume").stdout


def step_lr(t):
    return 0.1 * 0.5 ** (t // 5)


def test_last_epoch_needs_initial_lr_in_the_optimizer():
    out = result("checkpoint_last_epoch").stdout
    assert out.startswith("KeyError: param 'initial_lr' is not specified in param_groups[0]")
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    with pytest.raises(KeyError, match="initial_lr"):
        sched.StepLR(optimizer, step_size=5, last_epoch=3)


def test_last_epoch_k_minus_one_is_right_off_a_boundary_and_decays_twice_on_one():
    expected = [step_lr(t) for t in range(20)]
    assert lrs("checkpoint_last_epoch", "uninterrupted") == pytest.approx(expected, rel=REL)
    assert lrs("checkpoint_last_epoch", "resumed at step 12, last_epoch=11") == pytest.approx(expected, rel=REL)
    twice = lrs("checkpoint_last_epoch", "resumed at step 10, last_epoch=9")
    assert twice[10:] == pytest.approx([0.5 * step_lr(t) for t in range(10, 20)], rel=REL)


def linear_factor(t):  # LinearLR(start_factor=0.1, total_iters=20)
    return 0.1 + 0.9 * min(t, 20) / 20


def test_building_the_scheduler_after_loading_the_optimizer_scales_the_lr():
    expected = [0.1 * linear_factor(t) for t in range(25)]
    assert lrs("checkpoint_build_order", "uninterrupted") == pytest.approx(expected, rel=REL)
    assert lrs("checkpoint_build_order", "scheduler built, then both loaded") == pytest.approx(expected, rel=REL)
    wrong = lrs("checkpoint_build_order", "optimizer loaded, then scheduler built")
    # the constructor multiplied the loaded LR by start_factor, and load_state_dict does not undo it
    assert wrong[12:] == pytest.approx([0.1 * e for e in expected[12:]], rel=REL)


def test_lambdas_are_stored_as_none_and_cannot_be_pickled():
    out = result("checkpoint_lambda").stdout
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    for cls in (sched.LambdaLR, sched.MultiplicativeLR):
        assert cls(optimizer, lambda t: 0.9).state_dict()["lr_lambdas"] == [None]
    with pytest.raises((pickle.PicklingError, AttributeError)):  # which one depends on where the lambda lives
        torch.save(sched.LambdaLR(optimizer, lambda t: 0.9), io.BytesIO())
    assert "state_dict()['lr_lambdas'] = [None]" in out
    assert "state_dict()['lr_lambdas'] = [{'gamma': 0.9}]" in out
    lines = dict(line.split(": lr = ") for line in out.splitlines() if ": lr = " in line)
    assert float(lines["original run, step 4"]) == pytest.approx(0.1 * 0.9**4, rel=1e-5)
    assert lines["restored run, step 4"] == lines["original run, step 4"]


# --- the generated table: every scheduler resumed at every k, three ways ----------------------

T = 24  # the snippet's run length; it interrupts at k = 1 .. T - 2
KS = range(1, T - 1)


def parse_cell(cell):
    """'k = 5, 10: every step from k on; k = 3: step k only (up to 0.5)' -> {effect: {k...}}."""
    if cell in ("exact at every k", "no `last_epoch` argument"):
        return {}
    cell = re.sub(r" \(up to [0-9.e+-]+\)$", "", cell)
    out = {}
    for part in cell.split("; "):
        ks, effect = re.fullmatch(r"k = ([0-9, -]+): (.+)", part).groups()
        for span in ks.split(", "):
            a, _, b = span.partition("-")
            out.setdefault(effect, set()).update(range(int(a), int(b or a) + 1))
    return out


def table():
    rows = {}
    for line in result("checkpoint_every_scheduler").stdout.splitlines()[2:]:
        name, *cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        rows[name] = cells
    return rows


def boundaries(closed):
    """k where the closed form changes between k-1 and k: a chainable scheduler applies that change twice."""
    return {k for k in KS if not math.isclose(closed(k), closed(k - 1), rel_tol=1e-12)}


def same_as_step_0(closed):
    return {k for k in KS if math.isclose(closed(k), closed(0), rel_tol=1e-12)}


def warm_restarts(t, T_0, T_mult):
    start, length = 0, T_0
    while t >= start + length:
        start, length = start + length, length * T_mult
    return (1 + math.cos(math.pi * (t - start) / length)) / 2


def warm_restarts_resumed(t, k, T_0, T_mult):
    """What a constructor given last_epoch=k-1 follows: it assumes the first cycle had length T_0 and
    at most one restart happened, i.e. position k mod T_0 in a cycle of T_0 * T_mult once k >= T_0."""
    position, length = (k, T_0) if k < T_0 else (k % T_0, T_0 * T_mult)
    position += t - k
    while position >= length:
        position, length = position - length, length * T_mult
    return (1 + math.cos(math.pi * position / length)) / 2


def test_the_table_has_every_scheduler_and_load_state_dict_is_exact_at_every_k():
    rows = table()
    assert set(rows) == EXPECTED_NAMES | {"CosineAnnealingWarmRestarts, T_mult=2"}
    for name, (by_state_dict, _, _) in rows.items():
        assert by_state_dict == "exact at every k", name


def test_last_epoch_column_lists_exactly_the_k_derived_from_the_closed_forms():
    """The k where last_epoch=k-1 goes wrong, derived here without torch, for the snippet's arguments."""
    every_from_k = "every step from k on"
    expected = {
        "StepLR": {every_from_k: boundaries(lambda t: 0.5 ** (t // 5))},
        "MultiStepLR": {every_from_k: boundaries(lambda t: 0.1 ** ((t >= 8) + (t >= 20)))},
        "ConstantLR": {every_from_k: boundaries(lambda t: 0.5 if t < 15 else 1.0)},
        # SWALR anneals again from the loaded LR wherever that LR is not swa_lr yet (steps after k)
        "SWALR": {"some steps after k": {k for k in KS if k < 20}},
    }
    cawr = {k for k in KS if any(not math.isclose(warm_restarts(t, 3, 2), warm_restarts_resumed(t, k, 3, 2),
                                                  rel_tol=1e-12) for t in range(k, T))}
    rows = table()
    for name, cells in rows.items():
        got = parse_cell(cells[1])
        if name == "CosineAnnealingWarmRestarts, T_mult=2":
            assert set().union(*got.values()) == cawr and min(cawr) == 2 * 3
        elif name == "SequentialLR":  # the constructor restarts the sub-scheduler: wrong at every k
            assert set().union(*got.values()) == set(KS) and got[every_from_k] == set(range(5, T - 1))
        elif name in ("ChainedScheduler", "ReduceLROnPlateau"):
            assert cells[1] == "no `last_epoch` argument"
        else:
            assert got == expected.get(name, {}), name


def test_build_order_column_matches_how_each_scheduler_computes_its_next_lr():
    rows = table()
    unaffected = {"StepLR", "MultiStepLR", "ExponentialLR", "PolynomialLR", "CosineAnnealingLR",
                  "MultiplicativeLR", "ReduceLROnPlateau", "SWALR"}
    permanent = {"LinearLR", "ConstantLR", "ChainedScheduler"}  # ChainedScheduler holds a LinearLR
    cyclic_period = 8  # CyclicLR(step_size_up=4): step_size_down defaults to step_size_up
    first_step_only = {  # closed forms, up to the base LR; step k is right anyway where it equals step 0
        "LambdaLR": lambda t: 0.9**t,
        "CyclicLR": lambda t: 0.01 + 0.09 * (1 - abs(t % cyclic_period - 4) / 4),
        "CosineAnnealingWarmRestarts": lambda t: warm_restarts(t, 8, 1),
        "CosineAnnealingWarmRestarts, T_mult=2": lambda t: warm_restarts(t, 3, 2),
        "OneCycleLR": lambda t: 0.1 / 25 if t == 0 else 0.0,  # never back at its start value
    }
    assert unaffected | permanent | set(first_step_only) | {"SequentialLR"} == set(rows)
    for name, cells in rows.items():
        got = parse_cell(cells[2])
        if name in unaffected:
            assert got == {}, name
        elif name in permanent:
            assert got == {"every step from k on": set(KS)}, name
        elif name in first_step_only:
            assert got == {"step k only": set(KS) - same_as_step_0(first_step_only[name])}, name
        else:  # SequentialLR restarts its sub-schedulers, as with last_epoch
            assert cells[2] == cells[1]


def test_the_table_comparison_can_fail():
    """parse_cell reads what the cells say: a reintroduced 'exact at every k' for StepLR would fail above."""
    assert parse_cell("k = 5, 10-12: every step from k on (up to 0.5)") == {"every step from k on": {5, 10, 11, 12}}
    assert parse_cell("exact at every k") == {}


def test_load_state_dict_restores_every_attribute_but_the_optimizer():
    """The page: counters, base_lrs, _last_lr, the constructor's arguments and derived values, internal state."""
    for name, build in CASES.items():
        model, optimizer = fresh_optimizer()
        scheduler = build(optimizer)
        train(name, model, optimizer, scheduler, range(STOP))
        state = scheduler.state_dict()
        functions = {"CyclicLR": {"_scale_fn_ref"}, "SWALR": {"anneal_func"}}.get(name, set())
        assert set(state) == set(vars(scheduler)) - {"optimizer"} - functions, name
        assert "_last_lr" in state and ("last_epoch" in state) == (name != "ChainedScheduler"), name
        # compositions keep base_lrs in their sub-schedulers' states; ReduceLROnPlateau has none
        no_base_lrs = {"SequentialLR", "ChainedScheduler", "ReduceLROnPlateau"}
        assert ("base_lrs" in state) == (name not in no_base_lrs), name
        if name in {"SequentialLR", "ChainedScheduler"}:
            assert all("base_lrs" in sub for sub in state["_schedulers"]), name
        model, other = fresh_optimizer()
        restored = build(other)
        lr_before = other.param_groups[0]["lr"]
        restored.load_state_dict(copy.deepcopy(state))
        assert restored.get_last_lr() == scheduler.get_last_lr(), name
        assert other.param_groups[0]["lr"] == lr_before, name  # the optimizer's LR is not written
    for key in ("step_size", "gamma"):
        assert key in sched.StepLR(fresh_optimizer()[1], step_size=3).state_dict()
    optimizer = fresh_optimizer()[1]
    assert "_schedule_phases" in sched.OneCycleLR(optimizer, max_lr=0.1, total_steps=10).state_dict()
    optimizer = fresh_optimizer()[1]
    assert {"T_cur", "T_i"} <= set(sched.CosineAnnealingWarmRestarts(optimizer, T_0=3).state_dict())
    optimizer = fresh_optimizer()[1]
    assert {"best", "num_bad_epochs"} <= set(sched.ReduceLROnPlateau(optimizer).state_dict())
    optimizer = fresh_optimizer()[1]
    assert {"max_lrs", "total_size"} <= set(sched.CyclicLR(optimizer, base_lr=0.01, max_lr=0.1).state_dict())


# --- what torch 2.13 cannot do ----------------------------------------------------------------


def _saved_after(name, build, steps=STOP):
    model, optimizer = fresh_optimizer()
    scheduler = build(optimizer)
    train(name, model, optimizer, scheduler, range(steps))
    return optimizer.state_dict()


def test_sequential_lr_cannot_resume_through_last_epoch():
    """#162591: the constructor resets the LR to initial_lr and restarts the active sub-scheduler."""
    def build(opt, last_epoch=-1, sub_last_epoch=-1):
        parts = [sched.LinearLR(opt, start_factor=0.1, total_iters=5, last_epoch=sub_last_epoch),
                 sched.ExponentialLR(opt, gamma=0.9, last_epoch=sub_last_epoch)]
        return sched.SequentialLR(opt, parts, milestones=[5], last_epoch=last_epoch)

    model, optimizer = fresh_optimizer()
    reference = train("SequentialLR", model, optimizer, build(optimizer), range(TOTAL))
    assert reference[STOP:] == pytest.approx([0.1 * 0.9 ** (t - 5) for t in range(STOP, TOTAL)], rel=REL)
    saved = _saved_after("SequentialLR", build)
    for sub_last_epoch, restart in ((-1, 0.1 * 0.1), (STOP - 1, 0.1)):
        model, optimizer = fresh_optimizer()
        optimizer.load_state_dict(saved)
        scheduler = build(optimizer, last_epoch=STOP - 1, sub_last_epoch=sub_last_epoch)
        resumed = train("SequentialLR", model, optimizer, scheduler, range(STOP, TOTAL))
        # it restarts ExponentialLR from `restart` instead of continuing from 0.1 * 0.9**7
        assert resumed == pytest.approx([restart * 0.9**i for i in range(TOTAL - STOP)], rel=REL)


def test_swalr_cannot_resume_through_last_epoch():
    """SWALR counts its annealing with _step_count, not last_epoch: the annealing starts over."""
    def build(opt, last_epoch=-1):
        return SWALR(opt, swa_lr=0.02, anneal_epochs=18, anneal_strategy="linear", last_epoch=last_epoch)

    model, optimizer = fresh_optimizer()
    reference = train("SWALR", model, optimizer, build(optimizer), range(TOTAL))
    saved = _saved_after("SWALR", build)
    lr_at_stop = saved["param_groups"][0]["lr"]
    model, optimizer = fresh_optimizer()
    optimizer.load_state_dict(saved)
    resumed = train("SWALR", model, optimizer, build(optimizer, last_epoch=STOP - 1), range(STOP, TOTAL))

    # Independent linear annealing from lr_at_stop to 0.02 over 18 steps, started afresh
    expected = [lr_at_stop + (0.02 - lr_at_stop) * min(i, 18) / 18 for i in range(TOTAL - STOP)]
    assert resumed == pytest.approx(expected, rel=1e-9)
    assert resumed[1:] != pytest.approx(reference[STOP + 1:], rel=1e-3)


# --- other claims of the page -----------------------------------------------------------------


def loaded_optimizer(lr=0.037):
    """An optimizer as after load_state_dict: a mid-training LR and an 'initial_lr' key."""
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1, momentum=0.9)
    optimizer.param_groups[0]["initial_lr"] = 0.1
    optimizer.param_groups[0]["lr"] = lr
    return optimizer


@pytest.mark.parametrize("build, expected", [
    (lambda o: sched.LinearLR(o, start_factor=0.1), 0.037 * 0.1),
    (lambda o: sched.ConstantLR(o, factor=0.5), 0.037 * 0.5),
    (lambda o: sched.OneCycleLR(o, max_lr=0.1, total_steps=10, div_factor=25.0), 0.1 / 25.0),
])
def test_constructors_overwrite_a_loaded_lr(build, expected):
    optimizer = loaded_optimizer()
    build(optimizer)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(expected, rel=REL)


def test_cyclic_lr_constructor_replaces_a_loaded_lr():
    optimizer = loaded_optimizer()
    sched.CyclicLR(optimizer, base_lr=0.01, max_lr=0.1)
    assert optimizer.param_groups[0]["lr"] != pytest.approx(0.037, rel=1e-3)


@pytest.mark.parametrize("name", ["ExponentialLR", "MultiplicativeLR", "LinearLR", "PolynomialLR",
                                  "CosineAnnealingLR"])
def test_constructor_with_last_epoch_keeps_the_loaded_lr(name):
    optimizer = loaded_optimizer()
    args = {"ExponentialLR": dict(gamma=0.9), "MultiplicativeLR": dict(lr_lambda=lambda t: 0.9),
            "LinearLR": dict(start_factor=0.1), "PolynomialLR": dict(), "CosineAnnealingLR": dict(T_max=10)}
    getattr(sched, name)(optimizer, last_epoch=3, **args[name])
    assert optimizer.param_groups[0]["lr"] == 0.037


def test_only_chained_and_plateau_lack_last_epoch():
    import inspect

    without = {n for n in EXPECTED_NAMES
               if "last_epoch" not in inspect.signature((SWALR if n == "SWALR" else getattr(sched, n)).__init__).parameters}
    assert without == {"ChainedScheduler", "ReduceLROnPlateau"}


def test_a_changed_lambda_is_followed_silently_after_resume():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    scheduler = sched.LambdaLR(optimizer, lambda t: 0.9**t)
    for _ in range(3):
        optimizer.step()
        scheduler.step()
    checkpoint = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    scheduler = sched.LambdaLR(optimizer, lambda t: 0.5**t)  # not the function of the first run
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    optimizer.step()
    scheduler.step()
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.5**4, rel=REL)


def test_cyclic_lr_state_dict_with_a_lambda_scale_fn_can_be_saved():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1, momentum=0.9)
    scheduler = sched.CyclicLR(optimizer, base_lr=0.01, max_lr=0.1, scale_fn=lambda x: 1.0)
    torch.save(scheduler.state_dict(), io.BytesIO())


def test_key_error_text_of_torch_2_13():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    with pytest.raises(KeyError, match="when resuming scheduler with last_epoch >= 0"):
        sched.ExponentialLR(optimizer, gamma=0.9, last_epoch=0)
