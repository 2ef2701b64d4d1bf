"""MultiStepLR: the page's formula, pitfalls and bad arguments, checked against torch."""

import bisect

import pytest
import torch
from conftest import lrs, result

REL = 1e-12


def closed_form(lr0, gamma, milestones, t):
    return lr0 * gamma ** sum(1 for m in milestones if m <= t)


def test_example_matches_closed_form():
    expected = [closed_form(0.1, 0.5, [200, 350], t) for t in range(500)]
    assert lrs("multi_step_lr") == pytest.approx(expected, rel=REL)
    assert len(lrs("multi_step_lr")) == 500


def test_closed_form_agrees_with_bisect():
    # the same count written a second way, so the helper above cannot be wrong alone
    for t in range(500):
        assert closed_form(1.0, 0.5, [200, 350], t) == 0.5 ** bisect.bisect_right([200, 350], t)


def test_unsorted_milestones_equal_sorted_and_repeats_multiply():
    sorted_ = lrs("multi_step_lr_milestones", "[1, 3]")
    unsorted = lrs("multi_step_lr_milestones", "[3, 1] (unsorted)")
    repeated = lrs("multi_step_lr_milestones", "[3, 1, 3] (3 repeated)")
    assert unsorted == sorted_
    assert sorted_ == pytest.approx([closed_form(1.0, 0.1, [1, 3], t) for t in range(6)], rel=REL)
    assert repeated == pytest.approx([closed_form(1.0, 0.1, [1, 3, 3], t) for t in range(6)], rel=REL)
    assert repeated[3] == pytest.approx(repeated[2] * 0.1**2, rel=REL)


def test_milestones_count_step_calls():
    batches = 20
    per_epoch = lrs("multi_step_lr_per_batch", "step() per epoch, milestones=[4, 7]")
    per_batch = lrs("multi_step_lr_per_batch", "step() per batch, milestones=[4, 7]")
    scaled = lrs("multi_step_lr_per_batch", "step() per batch, milestones=[80, 140]")
    for b in range(10 * batches):
        assert per_epoch[b] == pytest.approx(closed_form(0.1, 0.1, [4, 7], b // batches), rel=REL)
        assert per_batch[b] == pytest.approx(closed_form(0.1, 0.1, [4, 7], b), rel=REL)
    assert scaled == pytest.approx(per_epoch, rel=REL)
    assert result("multi_step_lr_per_batch").epochs[batches] == 1.0


def test_get_lr_decays_again_at_milestones_and_warns():
    last = lrs("multi_step_lr_get_lr", "get_last_lr(): the LR in use")
    shown = lrs("multi_step_lr_get_lr", "get_lr(): display only")
    for t, (used, displayed) in enumerate(zip(last, shown), start=1):
        assert used == pytest.approx(closed_form(0.1, 0.5, [3, 6], t), rel=REL)
        assert displayed == pytest.approx(used * (0.5 if t in (3, 6) else 1.0), rel=REL)
    assert any("please use `get_last_lr()`" in w for w in result("multi_step_lr_get_lr").warnings)


def first_lrs(steps=5, **kwargs):
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, **kwargs)
    seen = []
    for _ in range(steps):
        seen.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return seen


def test_non_iterable_milestones_raise_type_error():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1)
    with pytest.raises(TypeError, match="not iterable"):
        torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=2)


@pytest.mark.parametrize("kwargs, expected", [
    (dict(milestones=[0, 2]), [0.01, 0.01, 0.001, 0.001, 0.001]),  # milestone 0 fires in the constructor
    (dict(milestones=[-1, 1.5]), [0.1] * 5),  # never reached
    (dict(milestones=[]), [0.1] * 5),
    (dict(milestones=[2], gamma=2.0), [0.1, 0.1, 0.2, 0.2, 0.2]),
])
def test_odd_arguments_are_accepted_silently(kwargs, expected):
    assert first_lrs(**kwargs) == pytest.approx(expected, rel=REL)


def test_computed_milestones_can_collide():
    n = 2  # the page's example of milestones computed from a short run
    milestones = [int(0.5 * n), int(0.75 * n)]
    assert milestones[0] == milestones[1]
    assert first_lrs(steps=3, milestones=milestones) == pytest.approx([0.1, 0.001, 0.001], rel=REL)
