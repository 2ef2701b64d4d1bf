"""ReduceLROnPlateau: an independent model of the rule, checked against what torch did in the snippets."""

import math
import re

import pytest
import torch
from conftest import lrs, result, trace

REL = 1e-12
Plateau = torch.optim.lr_scheduler.ReduceLROnPlateau


class PlateauRule:
    """The page's rule, written from scratch: feed metrics, read the LR of every param group."""

    def __init__(self, lrs0, mode="min", factor=0.1, patience=10, threshold=1e-4,
                 threshold_mode="rel", cooldown=0, min_lr=0.0, eps=1e-8):
        self.lrs = [float(lr) for lr in lrs0]
        self.floors = list(min_lr) if isinstance(min_lr, (list, tuple)) else [min_lr] * len(self.lrs)
        self.mode, self.factor, self.patience = mode, factor, patience
        self.threshold, self.threshold_mode = threshold, threshold_mode
        self.cooldown, self.eps = cooldown, eps
        self.best = math.inf if mode == "min" else -math.inf
        self.bad = 0
        self.cooling = 0

    def improves(self, a):
        t = self.threshold
        if self.mode == "min":
            limit = self.best - t if self.threshold_mode == "abs" else self.best * (1 - t)
            return a < limit
        limit = self.best + t if self.threshold_mode == "abs" else self.best * (1 + t)
        return a > limit

    def feed(self, metric):
        """One scheduler.step(metric); returns the LRs that the next epoch uses."""
        if self.improves(metric):
            self.best, self.bad = metric, 0
        else:
            self.bad += 1
        if self.cooling > 0:  # bad epochs during a cooldown are forgotten
            self.cooling -= 1
            self.bad = 0
        if self.bad > self.patience:
            for i, lr in enumerate(self.lrs):
                target = max(lr * self.factor, self.floors[i])
                if lr - target > self.eps:
                    self.lrs[i] = target
            self.cooling, self.bad = self.cooldown, 0
        return list(self.lrs)


def used_lrs(rule, metrics):
    """LR used in each epoch when the metric of epoch e is fed after that epoch (group 0)."""
    used = [rule.lrs[0]]
    for metric in metrics[:-1]:
        used.append(rule.feed(metric)[0])
    return used


def reductions(used):
    return [e for e in range(1, len(used)) if used[e] != used[e - 1]]


def fresh(lr=1.0, **kwargs):
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=lr)
    return optimizer, Plateau(optimizer, **kwargs)


# --- the examples -----------------------------------------------------------------


def test_main_example_follows_the_rule_and_reduces_several_times():
    metrics = trace("reduce_lr_on_plateau", "losses")
    expected = used_lrs(PlateauRule([0.1]), metrics)
    assert lrs("reduce_lr_on_plateau") == pytest.approx(expected, rel=REL)
    assert len(reductions(expected)) >= 3
    assert "get_last_lr() at the end: [" in result("reduce_lr_on_plateau").stdout


def test_patience_timeline_reduces_on_the_patience_plus_one_th_bad_epoch():
    metrics = trace("reduce_lr_on_plateau_patience", "losses")
    used = lrs("reduce_lr_on_plateau_patience")
    assert used == pytest.approx(used_lrs(PlateauRule([1.0], factor=0.5, patience=2), metrics), rel=REL)
    # Count bad epochs by hand: a reduction follows exactly 3 (= patience + 1) in a row.
    best, streak, expected_drops = math.inf, 0, []
    for epoch, metric in enumerate(metrics):
        if metric < best * (1 - 1e-4):
            best, streak = metric, 0
        else:
            streak += 1
        if streak == 3:
            expected_drops.append(epoch + 1)  # the next epoch trains with the lower LR
            streak = 0
    assert reductions(used) == expected_drops
    assert len(expected_drops) == 2


def test_abs_threshold_blog_case_every_value_above_minus_049_is_bad():
    metrics = trace("reduce_lr_on_plateau_abs_threshold", "losses")
    used = lrs("reduce_lr_on_plateau_abs_threshold")
    rule = PlateauRule([1.0], patience=10, threshold=0.5, threshold_mode="abs")
    assert used == pytest.approx(used_lrs(rule, metrics), rel=REL)
    # No value ever exceeds 0.51, yet the LR drops: after the 11th value following the baseline.
    assert max(metrics[1:]) < 0.51
    assert reductions(used) == [12]
    assert used[12] == pytest.approx(0.1, rel=REL)


@pytest.mark.parametrize("value, improves", [
    (0.6, False), (0.51, False), (0.3, False), (0.005, False), (0.0, False), (-0.49, False),
    (-0.4901, True), (-0.5, True),
])
def test_abs_threshold_boundary_is_best_minus_threshold(value, improves):
    _, scheduler = fresh(patience=10, threshold=0.5, threshold_mode="abs")
    scheduler.step(0.01)
    scheduler.step(value)
    assert (scheduler.num_bad_epochs == 0) is improves
    assert scheduler.best == (value if improves else 0.01)
    if value in (0.6, 0.51, 0.3, 0.0, -0.49, -0.5):  # the values the snippet prints
        line = f"after best 0.01, {value:5.2f} is {'an improvement' if improves else 'a bad epoch'}"
        assert line in result("reduce_lr_on_plateau_abs_threshold").stdout


def test_abs_threshold_patience_10_reduces_on_the_11th_bad_value():
    optimizer, scheduler = fresh(patience=10, threshold=0.5, threshold_mode="abs")
    scheduler.step(0.01)
    for n in range(1, 12):
        scheduler.step(0.3)
        assert optimizer.param_groups[0]["lr"] == pytest.approx(1.0 if n < 11 else 0.1, rel=REL)
    assert scheduler.num_bad_epochs == 0


def test_cooldown_spaces_reductions_by_patience_plus_one_plus_cooldown():
    metrics = trace("reduce_lr_on_plateau_cooldown", "losses")
    for cooldown in (0, 2):
        used = lrs("reduce_lr_on_plateau_cooldown", f"patience=1, cooldown={cooldown}")
        rule = PlateauRule([1.0], factor=0.5, patience=1, cooldown=cooldown)
        assert used == pytest.approx(used_lrs(rule, metrics), rel=REL)
        # first drop after 2 bad epochs (epochs 1, 2), then every 2 + cooldown epochs
        assert reductions(used) == list(range(3, len(metrics), 2 + cooldown))


# --- the rule table ---------------------------------------------------------------


def table_rows():
    lines = result("reduce_lr_on_plateau_rules").stdout.splitlines()
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines[2:]]
    assert len(rows) == 4
    return rows


def test_rule_table_boundaries_and_verdicts_are_right():
    best, threshold = 10.0, 0.1
    for row in table_rows():
        mode, threshold_mode = row[0].strip("`"), row[1].strip("`")
        boundary = {
            ("min", "rel"): 9.0, ("min", "abs"): 9.9, ("max", "rel"): 11.0, ("max", "abs"): 10.1,
        }[mode, threshold_mode]
        assert float(row[3].strip("`")) == pytest.approx(boundary, rel=REL)
        rule = PlateauRule([1.0], mode=mode, threshold=threshold, threshold_mode=threshold_mode)
        rule.best = best
        for cell in row[4:]:
            value, verdict = re.fullmatch(r"`([-\d.]+)`: (improvement|bad epoch)", cell).groups()
            assert (verdict == "improvement") is rule.improves(float(value)), (mode, threshold_mode, cell)
        # the first column is on the better side, the two others are not
        assert [c.endswith("improvement") for c in row[4:]] == [True, False, False]


@pytest.mark.parametrize("mode", ["min", "max"])
@pytest.mark.parametrize("threshold_mode", ["rel", "abs"])
@pytest.mark.parametrize("best", [10.0, 0.5, -3.0])
def test_torch_verdicts_match_the_rule_on_a_grid(mode, threshold_mode, best):
    threshold = 0.1
    for a in [best + d for d in (-2.0, -1.2, -0.3, -0.11, -0.09, -0.01, 0.0, 0.01, 0.09, 0.11, 0.3, 1.2, 2.0)]:
        _, scheduler = fresh(mode=mode, threshold=threshold, threshold_mode=threshold_mode)
        scheduler.step(best)
        scheduler.step(a)
        rule = PlateauRule([1.0], mode=mode, threshold=threshold, threshold_mode=threshold_mode)
        rule.best = best
        assert (scheduler.num_bad_epochs == 0) is rule.improves(a), (a, best)


def test_is_better_is_private_in_213():
    _, scheduler = fresh()
    assert not hasattr(scheduler, "is_better")
    assert scheduler._is_better(0.5, 1.0) is True


# --- pitfalls ---------------------------------------------------------------------


def test_negative_metric_rel_mode_takes_worse_values_as_improvements():
    metrics = trace("reduce_lr_on_plateau_negative", "losses")
    assert all(b > a for a, b in zip(metrics, metrics[1:]))  # strictly worse every epoch in min mode
    for mode in ("rel", "abs"):
        used = lrs("reduce_lr_on_plateau_negative", f"threshold_mode='{mode}'")
        rule = PlateauRule([1.0], factor=0.5, patience=2, threshold=0.01, threshold_mode=mode)
        assert used == pytest.approx(used_lrs(rule, metrics), rel=REL)
    assert set(lrs("reduce_lr_on_plateau_negative", "threshold_mode='rel'")) == {1.0}
    assert len(reductions(lrs("reduce_lr_on_plateau_negative", "threshold_mode='abs'"))) == 3


def test_negative_metric_with_default_threshold():
    _, scheduler = fresh()  # mode='min', threshold=1e-4, 'rel'
    scheduler.step(-1.0)
    scheduler.step(-0.99995)  # worse than -1.0
    assert scheduler.best == -0.99995 and scheduler.num_bad_epochs == 0


def test_eps_skips_reductions_smaller_than_eps():
    for label, eps in (("eps=1e-8 (default)", 1e-8), ("eps=0", 0.0)):
        used = lrs("reduce_lr_on_plateau_eps", label)
        assert used == pytest.approx(used_lrs(PlateauRule([1e-7], factor=0.5, patience=0, eps=eps), [1.0] * 8),
                                     rel=REL)
    stuck = lrs("reduce_lr_on_plateau_eps", "eps=1e-8 (default)")
    # halving stops at the first LR whose half is less than 1e-8 below it
    lr = 1e-7
    while lr - lr / 2 > 1e-8:
        lr /= 2
    assert stuck[-1] == pytest.approx(lr, rel=REL)
    assert lrs("reduce_lr_on_plateau_eps", "eps=0")[-1] == pytest.approx(1e-7 / 2 ** 6, rel=REL)


def test_min_lr_is_a_per_group_floor():
    rule = PlateauRule([1.0, 0.5], factor=0.5, patience=0, min_lr=[0.1, 0.2])
    expected = [[1.0, 0.5]] + [rule.feed(1.0) for _ in range(7)]
    assert lrs("reduce_lr_on_plateau_min_lr", "group 0: lr=1.0, min_lr=0.1") == pytest.approx(
        [e[0] for e in expected], rel=REL)
    assert lrs("reduce_lr_on_plateau_min_lr", "group 1: lr=0.5, min_lr=0.2") == pytest.approx(
        [e[1] for e in expected], rel=REL)
    assert lrs("reduce_lr_on_plateau_min_lr", "group 0: lr=1.0, min_lr=0.1")[-1] == 0.1


def test_nan_counts_as_a_bad_epoch():
    optimizer, scheduler = fresh(factor=0.5, patience=2)
    scheduler.step(1.0)
    for n in range(1, 4):
        scheduler.step(float("nan"))
        assert scheduler.best == 1.0
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.5, rel=REL)
    scheduler.step(torch.tensor(float("nan")))  # a 0-dim tensor is converted with float()
    assert scheduler.num_bad_epochs == 1
    assert "epoch 3: metric nan, best 1.0, num_bad_epochs 0, lr 0.5" in result("reduce_lr_on_plateau_nan").stdout


@pytest.mark.parametrize("composite", ["SequentialLR", "ChainedScheduler"])
def test_cannot_go_inside_sequential_or_chained(composite):
    optimizer, plateau = fresh()
    warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)
    with pytest.raises(ValueError, match=f"{composite} does not support `ReduceLROnPlateau`"):
        if composite == "SequentialLR":
            torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, plateau], milestones=[5])
        else:
            torch.optim.lr_scheduler.ChainedScheduler([warmup, plateau])
    assert f"ValueError: {composite} does not support" in result("reduce_lr_on_plateau_sequential").stdout


# --- bad arguments ----------------------------------------------------------------


@pytest.mark.parametrize("kwargs, error", [
    (dict(factor=1.0), ValueError), (dict(factor=2.0), ValueError),
    (dict(mode="minimum"), ValueError), (dict(threshold_mode="relative"), ValueError),
    (dict(min_lr=[0.0, 0.0]), ValueError), (dict(verbose=True), TypeError),
])
def test_constructor_rejects(kwargs, error):
    with pytest.raises(error):
        fresh(**kwargs)


def test_step_needs_the_metric():
    _, scheduler = fresh()
    with pytest.raises(TypeError, match="metrics"):
        scheduler.step()


@pytest.mark.parametrize("kwargs, expected", [
    (dict(factor=0.0, patience=0), [1.0, 0.0, 0.0, 0.0]),  # LR collapses to min_lr=0
    (dict(factor=-0.5, patience=0), [1.0, 0.0, 0.0, 0.0]),  # max(-0.5, 0) = 0
    (dict(patience=-1), [0.1, 0.01, 0.001, 0.0001]),  # even the baseline step reduces
    (dict(threshold=-0.1, patience=0), [1.0, 1.0, 1.0, 1.0]),  # a constant metric "improves"
    (dict(cooldown=-1, patience=0), [1.0, 0.1, 0.01, 0.001]),  # same as cooldown=0
])
def test_odd_arguments_are_accepted_silently(kwargs, expected):
    optimizer, scheduler = fresh(**kwargs)
    seen = []
    for _ in range(4):
        scheduler.step(1.0)
        seen.append(optimizer.param_groups[0]["lr"])
    assert seen == pytest.approx(expected, rel=REL)
    if kwargs.get("factor", 0.1) < 0:
        assert type(seen[-1]) is int  # max(negative, min_lr=0) returns the int default
    rule = PlateauRule([1.0], **{"factor": 0.1, **kwargs})
    assert [rule.feed(1.0)[0] for _ in range(4)] == pytest.approx(expected, rel=REL)


# --- version notes ----------------------------------------------------------------


def test_is_an_lr_scheduler_with_get_last_lr():
    optimizer, scheduler = fresh(patience=0)
    assert isinstance(scheduler, torch.optim.lr_scheduler.LRScheduler)
    assert not hasattr(scheduler, "base_lrs")  # the base constructor is still not run (#121271)
    scheduler.step(1.0)
    scheduler.step(1.0)
    assert scheduler.get_last_lr() == [optimizer.param_groups[0]["lr"]]
    assert scheduler.get_last_lr() == pytest.approx([0.1], rel=REL)


def test_add_param_group_after_construction():
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Linear(2, 1))
    optimizer = torch.optim.SGD(model[0].parameters(), lr=1.0)
    scheduler = Plateau(optimizer, patience=0)
    optimizer.add_param_group({"params": model[1].parameters(), "lr": 0.5})
    scheduler.step(1.0)
    scheduler.step(1.0)
    assert [g["lr"] for g in optimizer.param_groups] == pytest.approx([0.1, 0.05], rel=REL)

    optimizer = torch.optim.SGD(model[0].parameters(), lr=1.0)
    scheduler = Plateau(optimizer, patience=0, min_lr=[0.0])
    optimizer.add_param_group({"params": model[1].parameters(), "lr": 0.5})
    scheduler.step(1.0)
    with pytest.raises(RuntimeError, match="number of param groups"):
        scheduler.step(1.0)
