"""Custom schedulers guide: every claim of the page, checked against torch."""

import ast
import math
import re
import warnings

import pytest
import torch
from conftest import ROOT, lrs, lrs_used_by_group, result, snippet
from torch.optim.lr_scheduler import LRScheduler

REL, ABS = 1e-12, 1e-15
SNIPPETS = ROOT / "snippets"
MAIN = "custom_cosine_warm_up_restarts"


def class_section(path):
    text = path.read_text(encoding="utf-8")
    return text.split("# --8<-- [start:class]\n", 1)[1].split("# --8<-- [end:class]\n", 1)[0]


def load_class():
    namespace = {}
    exec(class_section(snippet(MAIN).path), namespace)
    return namespace["CosineAnnealingWarmUpRestarts"]


CWUR = load_class()


def reference(steps, floor, T_0, T_mult=1, eta_max=0.1, T_up=0, gamma=1.0):
    """Written independently: unroll the cycles one after the other into a list."""
    out, cycle, length = [], 0, T_0
    while len(out) < steps:
        peak = eta_max * gamma**cycle
        for k in range(length):
            if k < T_up:
                out.append(floor + (peak - floor) * k / T_up)
            else:
                angle = math.pi * (k - T_up) / (length - T_up)
                out.append(floor + (peak - floor) * 0.5 * (1 + math.cos(angle)))
        cycle += 1
        length = T_up + T_mult * (length - T_up)
    return out[:steps]


def approx(values):
    return pytest.approx(values, rel=REL, abs=ABS)


def fresh(lrs_per_group=(0.0,), **kwargs):
    groups = [{"params": [torch.nn.Parameter(torch.zeros(1))], "lr": lr} for lr in lrs_per_group]
    optimizer = torch.optim.SGD(groups)
    return optimizer, CWUR(optimizer, **kwargs)


run = lrs_used_by_group


# --- the class -------------------------------------------------------------------

@pytest.mark.parametrize("label, T_0, T_mult", [
    ("T_0=150, T_mult=1", 150, 1), ("T_0=50, T_mult=2", 50, 2), ("T_0=100, T_mult=1", 100, 1),
])
def test_blog_examples_match_independent_reference(label, T_0, T_mult):
    expected = reference(450, 0.0, T_0, T_mult, eta_max=0.1, T_up=10, gamma=0.5)
    assert lrs(MAIN, label) == approx(expected)


def test_peaks_and_restarts_land_where_the_cycle_lengths_say():
    used = lrs(MAIN, "T_0=50, T_mult=2")
    # cycle lengths 50, (50-10)*2+10 = 90, (90-10)*2+10 = 170: starts 0, 50, 140, 310
    for cycle, start in enumerate([0, 50, 140, 310]):
        assert used[start] == 0.0
        assert used[start + 10] == pytest.approx(0.1 * 0.5**cycle, rel=REL)
    assert max(used) == pytest.approx(0.1, rel=REL)


def test_several_param_groups_each_start_from_their_own_floor():
    used = run(*fresh((0.0, 0.01, 0.05), T_0=30, T_mult=2, eta_max=0.1, T_up=5, gamma=0.7), 200)
    for g, floor in enumerate((0.0, 0.01, 0.05)):
        expected = reference(200, floor, 30, 2, eta_max=0.1, T_up=5, gamma=0.7)
        assert [row[g] for row in used] == approx(expected)


def test_resume_snippet_trace_is_identical_and_matches_reference():
    uninterrupted = lrs(f"{MAIN}_resume", "group 0 (lr=0.0), uninterrupted")
    resumed = lrs(f"{MAIN}_resume", "group 0, saved at step 120 and resumed")
    assert resumed == uninterrupted  # bit for bit
    kwargs = dict(T_0=50, T_mult=2, eta_max=0.1, T_up=10, gamma=0.5)
    assert resumed == approx(reference(200, 0.0, **kwargs))
    assert lrs(f"{MAIN}_resume", "group 1 (lr=0.01), saved and resumed") == approx(reference(200, 0.01, **kwargs))
    assert "resumed run identical to uninterrupted run: True" in result(f"{MAIN}_resume").stdout


@pytest.mark.parametrize("T_mult", [1, 3])
@pytest.mark.parametrize("save_at", [0, 1, 9, 10, 37, 64])
def test_state_dict_round_trip_mid_run_gives_the_identical_sequence(T_mult, save_at):
    kwargs = dict(T_0=16, T_mult=T_mult, eta_max=0.2, T_up=4, gamma=0.8)
    whole = run(*fresh((0.0, 0.02), **kwargs), 90)
    optimizer, scheduler = fresh((0.0, 0.02), **kwargs)
    first = run(optimizer, scheduler, save_at)
    states = optimizer.state_dict(), scheduler.state_dict()
    optimizer, scheduler = fresh((0.0, 0.02), **kwargs)
    optimizer.load_state_dict(states[0])
    scheduler.load_state_dict(states[1])
    assert first + run(optimizer, scheduler, 90 - save_at) == whole


def test_lr_before_first_step_is_the_value_at_t0_and_get_last_lr_follows():
    optimizer, scheduler = fresh((0.01,), T_0=20, eta_max=0.1, T_up=5)
    assert optimizer.param_groups[0]["lr"] == 0.01  # warm-up starts at the floor
    optimizer, scheduler = fresh((0.01,), T_0=20, eta_max=0.1, T_up=0)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1, rel=REL)  # no warm-up: peak
    for t in range(1, 45):
        optimizer.step()
        scheduler.step()
        assert scheduler.get_last_lr() == [optimizer.param_groups[0]["lr"]]
        assert scheduler.last_epoch == t


def test_deprecated_step_epoch_jumps_to_the_closed_form():
    optimizer, scheduler = fresh((0.0,), T_0=50, T_mult=2, eta_max=0.1, T_up=10, gamma=0.5)
    expected = reference(400, 0.0, 50, 2, eta_max=0.1, T_up=10, gamma=0.5)
    for epoch in (333, 60, 60, 7):
        optimizer.step()
        with pytest.warns(UserWarning, match="The epoch parameter"):
            scheduler.step(epoch)
        assert optimizer.param_groups[0]["lr"] == pytest.approx(expected[epoch], rel=REL, abs=ABS)


@pytest.mark.parametrize("kwargs, lr, message", [
    (dict(T_0=0), 0.0, "T_0 must be a positive int"),
    (dict(T_0=-3), 0.0, "T_0 must be a positive int"),
    (dict(T_0=50.0), 0.0, "T_0 must be a positive int"),
    (dict(T_0=50, T_mult=0), 0.0, "T_mult must be an int >= 1"),
    (dict(T_0=50, T_mult=1.5), 0.0, "T_mult must be an int >= 1"),
    (dict(T_0=50, T_up=-1), 0.0, "T_up must be an int with 0 <= T_up < T_0"),
    (dict(T_0=50, T_up=50), 0.0, "T_up must be an int with 0 <= T_up < T_0"),
    (dict(T_0=50, T_up=2.5), 0.0, "T_up must be an int with 0 <= T_up < T_0"),
    (dict(T_0=50, eta_max=0.1), 0.2, "eta_max = 0.1 is below the starting lr 0.2"),
])
def test_bad_arguments_raise(kwargs, lr, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        fresh((lr,), **kwargs)


def test_eta_max_equal_to_the_floor_is_accepted_and_constant():
    optimizer, scheduler = fresh((0.1,), T_0=5, eta_max=0.1, T_up=2)
    assert [row[0] for row in run(optimizer, scheduler, 12)] == [0.1] * 12


def test_bad_arguments_snippet_shows_each_rejection():
    out = result(f"{MAIN}_bad_arguments").stdout.splitlines()
    assert sum("-> ValueError:" in line for line in out) == 8
    assert out[-1].endswith("-> accepted")


def test_the_class_is_identical_in_every_snippet_that_repeats_it():
    copies = [p for p in SNIPPETS.rglob("*.py") if "class CosineAnnealingWarmUpRestarts" in p.read_text()]
    assert len(copies) >= 4
    for path in copies:
        assert class_section(path) == class_section(snippet(MAIN).path), path.name


# --- subclassing LRScheduler -------------------------------------------------------

def test_closed_form_and_chainable_agree_alone_and_differ_when_combined():
    closed = lrs("custom_closed_vs_chainable", "closed form alone")
    expected = [0.1 * 0.5 ** (t // 10) for t in range(40)]
    assert closed == approx(expected)
    assert lrs("custom_closed_vs_chainable", "chainable alone") == approx(expected)
    # the closed form overwrites ExponentialLR's change at every step
    assert lrs("custom_closed_vs_chainable", "closed form + ExponentialLR(0.97)") == approx(expected)
    # the chainable form multiplies it in
    both = lrs("custom_closed_vs_chainable", "chainable + ExponentialLR(0.97)")
    assert both == approx([0.1 * 0.97**t * 0.5 ** (t // 10) for t in range(40)])


def printed_list(stdout, prefix):
    line = next(line for line in stdout.splitlines() if prefix in line)
    return ast.literal_eval(line.split("= ", 1)[1])


def test_step_epoch_uses_get_closed_form_lr_when_defined():
    res = result("custom_closed_form_lr")
    # epochs 25, 20, 20, 20 from lr 0.1: get_lr() alone halves whenever epoch % 10 == 0
    assert printed_list(res.stdout, "get_lr() only") == pytest.approx([0.1, 0.05, 0.025, 0.0125], rel=1e-5)
    closed = [0.1 * 0.5 ** (e // 10) for e in (25, 20, 20, 20)]
    assert printed_list(res.stdout, "with _get_closed_form_lr()") == pytest.approx(closed, rel=1e-5)
    assert any("The epoch parameter in `scheduler.step()`" in w for w in res.warnings)


def test_state_set_after_super_init_raises_attribute_error_from_get_lr():
    out = result("custom_init_order").stdout
    assert "AttributeError: 'WarmUpTooLate' object has no attribute 'warm_up_steps'" in out
    assert "LRScheduler._initial_step -> LRScheduler.step" in out
    assert printed_list(out, "state set first") == pytest.approx([0.1 * min(1, (t + 1) / 4) for t in range(6)])


def test_constructor_calls_step_without_an_epoch():
    seen = []

    class Probe(LRScheduler):
        def step(self, epoch=None):
            seen.append(epoch)  # overrides step() without calling super().step()

        def get_lr(self):
            return self.base_lrs

    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    scheduler = Probe(optimizer)
    assert seen == [None]
    # an override that skips super().step() never sets _last_lr and never counts steps,
    # so the call-order check cannot fire
    with pytest.raises(AttributeError, match="_last_lr"):
        scheduler.get_last_lr()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scheduler.step()
        scheduler.step()
    assert scheduler._step_count == 0


def test_get_lr_of_a_closed_form_subclass_does_not_warn():
    optimizer, scheduler = fresh((0.0,), T_0=10, eta_max=0.1, T_up=2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert scheduler.get_lr() == scheduler.get_last_lr()


def test_lambda_subclass_matches_closed_form_and_does_not_save_the_closure():
    def factor(t):
        return (t + 1) / 5 if t < 5 else max(0.0, (50 - t) / 45)

    assert lrs("custom_lambda_subclass") == approx([0.1 * factor(t) for t in range(50)])
    assert "state_dict()['lr_lambdas'] = [None]" in result("custom_lambda_subclass").stdout
