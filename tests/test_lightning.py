"""Lightning page: when the Trainer steps the scheduler, checked against closed forms and real Trainer runs."""

from __future__ import annotations

import runpy
from functools import cache

import pytest
from conftest import lrs, result, snippet
from hypothesis import given, settings
from hypothesis import strategies as st

INTERVAL = "lightning_interval_frequency"
PLATEAU = "lightning_plateau_monitor"
PEAK, GAMMA = 0.1, 0.5


def calls_before(step, batches, interval, frequency):
    """Scheduler calls Lightning has made before optimizer step `step` (0-based, global)."""
    epoch, batch = divmod(step, batches)
    if interval == "epoch":
        return epoch // frequency
    return epoch * (batches // frequency) + batch // frequency


def global_calls_before(step, frequency):
    """What a loop stepping every `frequency`-th optimizer step (counted globally) would have made."""
    return step // frequency


@pytest.mark.parametrize("interval, frequency", [("step", 1), ("step", 2), ("epoch", 1), ("epoch", 2)])
def test_lrs_follow_lightnings_counting(interval, frequency):
    label = f'interval="{interval}", frequency={frequency}'
    expected = [PEAK * GAMMA ** calls_before(s, 3, interval, frequency) for s in range(9)]
    assert lrs(INTERVAL, label) == pytest.approx(expected, rel=1e-12)


def test_every_trainer_run_equals_the_plain_loop():
    lines = result(INTERVAL).stdout.splitlines()
    assert len(lines) == 4 and all(line.endswith("plain loop equal: True") for line in lines)


def test_frequency_2_with_3_batches_steps_3_times_in_9_steps_not_4():
    label = 'interval="step", frequency=2'
    assert len(set(lrs(INTERVAL, label))) - 1 == 3  # distinct LRs after the first = calls within the run
    assert calls_before(9, 3, "step", 2) == 3 and global_calls_before(9, 2) == 4


@settings(max_examples=200, derandomize=True)
@given(batches=st.integers(1, 30), epochs=st.integers(1, 10), frequency=st.integers(1, 10))
def test_per_epoch_and_global_counts_agree_when_batches_are_a_multiple_of_frequency(batches, epochs, frequency):
    same = all(calls_before(s, batches, "step", frequency) == global_calls_before(s, frequency)
               for s in range(batches * epochs + 1))
    if batches % frequency == 0:
        assert same
    elif epochs >= 2:
        assert not same


@cache
def trainer_code() -> dict:
    return runpy.run_path(str(snippet(INTERVAL).path))


@settings(max_examples=6, derandomize=True, deadline=None)
@given(batches=st.integers(1, 4), epochs=st.integers(1, 3), frequency=st.integers(1, 3),
       interval=st.sampled_from(["step", "epoch"]))
def test_real_trainer_matches_the_counting_for_other_sizes(batches, epochs, frequency, interval):
    code = trainer_code()
    fit = code["lightning_lrs"]
    fit.__globals__.update(BATCHES=batches, EPOCHS=epochs)
    try:
        got = fit(interval, frequency)
        assert got == code["plain_lrs"](interval, frequency)
    finally:
        fit.__globals__.update(BATCHES=3, EPOCHS=3)
    expected = [PEAK * GAMMA ** calls_before(s, batches, interval, frequency) for s in range(batches * epochs)]
    assert got == pytest.approx(expected, rel=1e-12)


def test_lightning_defaults_are_the_ones_in_the_table():
    from lightning.pytorch.utilities.types import LRSchedulerConfig

    config = LRSchedulerConfig(scheduler=None)
    assert (config.interval, config.frequency, config.monitor, config.strict) == ("epoch", 1, None, True)


# --- ReduceLROnPlateau -------------------------------------------------------------------


def plateau_closed_form(losses, factor=0.5, patience=1, lr=PEAK):
    """mode='min', threshold 1e-4 relative: reduce after more than `patience` epochs without improvement."""
    best, bad, used = float("inf"), 0, []
    for loss in losses:
        used.append(lr)
        if loss < best * (1 - 1e-4):
            best, bad = loss, 0
        else:
            bad += 1
        if bad > patience:
            lr, bad = lr * factor, 0
    return used


def test_monitored_plateau_follows_the_metric():
    losses = trainer_plateau_losses()
    got = lrs(PLATEAU, 'monitor="val_loss"')
    assert got == pytest.approx(plateau_closed_form(losses), rel=1e-12)
    assert got.index(0.05) == 4 and got[:4] == [PEAK] * 4  # the figure's alt text
    assert "plain loop equal: True" in result(PLATEAU).stdout


def trainer_plateau_losses():
    import ast

    source = snippet(PLATEAU).source
    line = next(line for line in source.splitlines() if line.startswith("VAL_LOSS = "))
    return ast.literal_eval(line.split("=", 1)[1].split("#")[0].strip())


def test_missing_monitor_and_missing_metric_raise():
    out = result(PLATEAU).stdout
    assert "{}: MisconfigurationException: The lr scheduler dict must include a monitor" in out
    assert ("{'monitor': 'val_acc'}: MisconfigurationException: ReduceLROnPlateau conditioned on metric val_acc "
            "which is not available. Available metrics are: ['val_loss']") in out


def test_strict_false_warns_and_never_changes_the_lr():
    assert lrs(PLATEAU, 'monitor="val_acc", strict=False') == [PEAK] * len(trainer_plateau_losses())
    assert any(w.startswith("RuntimeWarning: ReduceLROnPlateau conditioned on metric val_acc which is not available "
                            "but strict is set to `False`") for w in result(PLATEAU).warnings)
