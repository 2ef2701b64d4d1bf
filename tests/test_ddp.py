"""DDP page: with each rank's own metric the ranks drift apart; with the averaged metric they stay identical."""

from __future__ import annotations

from conftest import lrs, result

NAME = "ddp_plateau_metric"
OWN, AVERAGED = "each rank's own metric", "metric averaged over ranks"


def table(title):
    """{rank: (metrics, lrs)} and the weight gap, parsed from the printed table under `title`."""
    lines = result(NAME).stdout.splitlines()
    start = lines.index(f"{title}:") + 2
    rows = [line.split() for line in lines[start:start + 12]]
    gap = float(lines[start + 12].rsplit(" ", 1)[1])
    return {r: ([float(row[1 + 2 * r]) for row in rows], [float(row[2 + 2 * r]) for row in rows]) for r in (0, 1)}, gap


def plateau(metrics, lr=0.1, factor=0.5, patience=1):
    """ReduceLROnPlateau(mode='min', threshold=1e-4 'rel') written out: the LR used in each epoch."""
    best, bad, used = float("inf"), 0, []
    for metric in metrics:
        used.append(lr)
        if metric < best * (1 - 1e-4):
            best, bad = metric, 0
        else:
            bad += 1
        if bad > patience:
            lr, bad = lr * factor, 0
    return used


def halvings(values):
    return [epoch for epoch in range(1, len(values)) if values[epoch] < values[epoch - 1]]


def test_each_rank_follows_its_own_metric_and_they_drift_apart():
    ranks, gap = table(OWN)
    for r in (0, 1):
        assert lrs(NAME, f"rank {r}, {OWN}") == plateau(ranks[r][0])
    assert ranks[0][0] != ranks[1][0]
    assert lrs(NAME, f"rank 0, {OWN}") != lrs(NAME, f"rank 1, {OWN}")
    assert gap > 0.01  # DDP averaged the gradients, but not the learning rates
    # the figure's alt text
    assert halvings(lrs(NAME, f"rank 0, {OWN}")) == [6, 8, 10]
    assert halvings(lrs(NAME, f"rank 1, {OWN}")) == [11]


def test_averaged_metric_keeps_the_ranks_identical():
    ranks, gap = table(AVERAGED)
    assert ranks[0][0] == ranks[1][0]
    assert lrs(NAME, f"rank 0, {AVERAGED}") == lrs(NAME, f"rank 1, {AVERAGED}") == plateau(ranks[0][0])
    assert gap == 0
    assert halvings(lrs(NAME, f"rank 0, {AVERAGED}")) == [8, 10]
