"""SWALR: the closed form re-derived from torch 2.13's swa_utils.py, pitfalls and bad arguments."""

import math

import pytest
import torch
from conftest import lrs, result
from torch.optim.swa_utils import SWALR

REL = 1e-12


def swalr(lr_start, swa_lr, anneal_epochs, strategy, k):
    """LR after k SWALR.step() calls, starting from the LR in the optimizer at the first call.

    get_lr() inverts the previous interpolation to recover lr_start, then interpolates
    with alpha = f(min(1, k / A)); f(t) = t (linear) or (1 - cos(pi t)) / 2 (cos).
    """
    t = min(1.0, k / max(1, anneal_epochs)) if anneal_epochs > 0 else 1.0
    weight = (1 + math.cos(math.pi * t)) / 2 if strategy == "cos" else 1 - t
    return swa_lr + (lr_start - swa_lr) * weight


def cosine(lr0, T, t):
    return lr0 * (1 + math.cos(math.pi * t / T)) / 2


def fresh_optimizer(lr=0.1):
    return torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=lr)


def test_main_example_cosine_then_swalr():
    swa_start = 20
    start = cosine(0.1, 40, swa_start)
    expected = [cosine(0.1, 40, e) if e <= swa_start else swalr(start, 0.02, 5, "cos", e - swa_start)
                for e in range(30)]
    assert lrs("swalr") == pytest.approx(expected, rel=REL)


def test_averaged_model_is_better_and_counts_snapshots():
    out = result("swalr").stdout
    last = float(out.split("loss of the last weights:")[1].split()[0])
    averaged = float(out.split("loss of the averaged weights:")[1].split()[0])
    assert averaged < last
    assert "(10 snapshots)" in out


@pytest.mark.parametrize("strategy", ["cos", "linear"])
def test_strategies_match_the_closed_form(strategy):
    expected = [swalr(0.1, 0.01, 10, strategy, k) for k in range(15)]
    assert lrs("swalr_strategies", f"anneal_strategy='{strategy}'") == pytest.approx(expected, rel=REL)


@pytest.mark.parametrize("anneal_epochs", [1, 3, 7])
@pytest.mark.parametrize("strategy", ["cos", "linear"])
def test_closed_form_on_other_settings(anneal_epochs, strategy):
    optimizer = fresh_optimizer(0.3)
    scheduler = SWALR(optimizer, swa_lr=0.05, anneal_epochs=anneal_epochs, anneal_strategy=strategy)
    for k in range(12):
        assert optimizer.param_groups[0]["lr"] == pytest.approx(swalr(0.3, 0.05, anneal_epochs, strategy, k), rel=REL)
        optimizer.step()
        scheduler.step()


def test_defaults_are_ten_epochs_of_cosine():
    optimizer = fresh_optimizer(0.1)
    scheduler = SWALR(optimizer, swa_lr=0.01)
    assert (scheduler.anneal_epochs, scheduler._anneal_strategy) == (10, "cos")


def test_anneal_epochs_zero_jumps_in_the_constructor():
    at_start = lrs("swalr_anneal_epochs_zero", "SWALR built at the start")
    at_swa_start = lrs("swalr_anneal_epochs_zero", "SWALR built at swa_start")
    # built late: plain cosine until swa_start, then swa_lr at once
    assert at_swa_start == pytest.approx([cosine(0.1, 20, e) if e <= 12 else 0.03 for e in range(20)], rel=REL)
    # built early: the whole cosine phase is rescaled to start from swa_lr
    assert at_start == pytest.approx([cosine(0.03, 20, e) if e <= 12 else 0.03 for e in range(20)], rel=REL)


def test_stepping_both_schedulers():
    name = "swalr_both_schedulers"
    start = 0.1 * 0.9 ** 8
    either = lrs(name, "main, then SWALR only")
    assert either == pytest.approx([0.1 * 0.9 ** e if e <= 8 else swalr(start, 0.05, 4, "linear", e - 8)
                                    for e in range(20)], rel=REL)
    swalr_first = lrs(name, "both: SWALR.step(), then main.step()")
    main_first = lrs(name, "both: main.step(), then SWALR.step()")
    assert swalr_first[13:] == pytest.approx([0.05 * 0.9] * 7, rel=REL)  # never settles at swa_lr
    assert main_first[13:] == pytest.approx([0.05] * 7, rel=REL)
    for trace in (swalr_first, main_first):
        assert trace[:9] == pytest.approx(either[:9], rel=REL)
        assert all(abs(a - b) > 1e-4 for a, b in zip(trace[9:12], either[9:12]))  # anneal distorted


def test_swa_lr_per_group():
    g0 = lrs("swalr_per_group", "group 0: 0.1 -> 0.01")
    g1 = lrs("swalr_per_group", "group 1: 0.2 -> 0.05")
    assert g0 == pytest.approx([swalr(0.1, 0.01, 4, "linear", k) for k in range(7)], rel=REL)
    assert g1 == pytest.approx([swalr(0.2, 0.05, 4, "linear", k) for k in range(7)], rel=REL)


def test_bad_arguments():
    with pytest.raises(TypeError):
        SWALR(fresh_optimizer())
    for bad in (-1, 2.0, 1.5, "3"):
        with pytest.raises(ValueError, match="anneal_epochs must be equal or greater than 0"):
            SWALR(fresh_optimizer(), swa_lr=0.01, anneal_epochs=bad)
    for bad in ("exp", "Cos", "cosine", None):
        with pytest.raises(ValueError, match="anneal_strategy must be one of 'cos' or 'linear'"):
            SWALR(fresh_optimizer(), swa_lr=0.01, anneal_strategy=bad)
    with pytest.raises(ValueError, match="swa_lr must have the same length"):
        SWALR(fresh_optimizer(), swa_lr=[0.01, 0.02])


def test_silently_accepted_arguments():
    # bool is an int: anneal_epochs=True behaves as 1
    optimizer = fresh_optimizer()
    scheduler = SWALR(optimizer, swa_lr=0.01, anneal_epochs=True)
    optimizer.step()
    scheduler.step()
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.01, rel=REL)
    # a negative swa_lr is reached
    optimizer = fresh_optimizer()
    scheduler = SWALR(optimizer, swa_lr=-0.01, anneal_epochs=2)
    for _ in range(2):
        optimizer.step()
        scheduler.step()
    assert optimizer.param_groups[0]["lr"] == pytest.approx(-0.01, rel=REL)
    assert "accepted, lrs [0.1, 0.01, 0.01, 0.01]" in result("swalr_bad_arguments").stdout


def test_last_epoch_does_not_move_the_anneal():
    """The anneal position comes from the number of step() calls, not last_epoch."""
    traces = []
    for last_epoch in (-1, 5):
        optimizer = fresh_optimizer()
        optimizer.param_groups[0]["initial_lr"] = 0.1
        scheduler = SWALR(optimizer, swa_lr=0.01, anneal_epochs=4, last_epoch=last_epoch)
        trace = []
        for _ in range(6):
            trace.append(optimizer.param_groups[0]["lr"])
            optimizer.step()
            scheduler.step()
        traces.append(trace)
    assert traces[0] == pytest.approx(traces[1], rel=REL)
    assert traces[1] == pytest.approx([swalr(0.1, 0.01, 4, "cos", k) for k in range(6)], rel=REL)


def test_state_dict_resumes_the_anneal():
    def build():
        optimizer = fresh_optimizer()
        return optimizer, SWALR(optimizer, swa_lr=0.01, anneal_epochs=6, anneal_strategy="linear")

    optimizer, scheduler = build()
    for _ in range(3):
        optimizer.step()
        scheduler.step()
    saved = optimizer.state_dict(), scheduler.state_dict()
    optimizer2, scheduler2 = build()
    optimizer2.load_state_dict(saved[0])
    scheduler2.load_state_dict(saved[1])
    for k in range(4, 9):
        optimizer2.step()
        scheduler2.step()
        assert optimizer2.param_groups[0]["lr"] == pytest.approx(swalr(0.1, 0.01, 6, "linear", k), rel=REL)


def test_torch_docs_have_no_swalr_figure():
    """The official figures are embedded with '.. image::' in each lr_scheduler docstring."""
    from torch.optim.lr_scheduler import ChainedScheduler
    assert ".. image::" in ChainedScheduler.__doc__
    assert ".. image::" not in SWALR.__doc__


def test_last_epoch_needs_initial_lr():
    """The argument table: a last_epoch other than -1 raises KeyError on an optimizer without initial_lr."""
    with pytest.raises(KeyError, match="initial_lr"):
        SWALR(fresh_optimizer(), swa_lr=0.01, last_epoch=3)
