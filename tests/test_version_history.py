"""Version history guide: every row whose behaviour can be shown on torch 2.13, checked directly."""

import inspect
import re
import pickle
import warnings

import pytest
import torch
from conftest import lrs, result
from torch.optim import lr_scheduler
from torch.optim.lr_scheduler import LRScheduler

REL = 1e-12


def sgd(lr=0.1, **kwargs):
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(2))], lr=lr, **kwargs)


def check_line(version, text):
    """The snippet printed the row, exactly as given."""
    line = f"[{version}] {text}"
    assert line in result("version_checks").stdout.splitlines(), line


def test_rows_are_printed_oldest_first():
    versions = [line[1:].split("]")[0].split("-")[0] for line in result("version_checks").stdout.splitlines()]
    keys = [tuple(int(p) for p in v.split(".")) for v in versions]
    assert keys == sorted(keys) and len(keys) == 23


def test_constructor_performs_the_first_step():
    scheduler = lr_scheduler.StepLR(sgd(), step_size=1)
    assert scheduler.last_epoch == 0 and scheduler._step_count == 1
    check_line("1.1.0", "last_epoch right after construction: 0")


def test_call_order_warning_and_skipped_first_value():
    right = lrs("version_call_order", "optimizer.step() then scheduler.step()")
    wrong = lrs("version_call_order", "scheduler.step() first (pre-1.1.0 order)")
    assert right == pytest.approx([0.1 * 0.1 ** (t // 3) for t in range(9)], rel=REL)
    assert wrong == pytest.approx([0.1 * 0.1 ** ((t + 1) // 3) for t in range(9)], rel=REL)
    optimizer = sgd()
    scheduler = lr_scheduler.StepLR(optimizer, step_size=3)
    with pytest.warns(UserWarning, match="Detected call of `lr_scheduler.step\\(\\)` before"):
        scheduler.step()


def test_get_lr_outside_step_reapplies_gamma_and_warns():
    optimizer = sgd()
    scheduler = lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
    for _ in range(2):
        optimizer.step()
        scheduler.step()
    with pytest.warns(UserWarning, match="please use `get_last_lr\\(\\)`"):
        shown = scheduler.get_lr()[0]
    assert scheduler.get_last_lr()[0] == pytest.approx(0.05, rel=REL)
    assert shown == pytest.approx(0.025, rel=REL)
    assert "get_last_lr() = 0.05, get_lr() = 0.025" in result("version_warnings").stdout


def test_step_epoch_is_deprecated_and_uses_the_closed_form():
    optimizer = sgd()
    scheduler = lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
    optimizer.step()
    with pytest.warns(UserWarning, match="The epoch parameter in `scheduler.step\\(\\)`"):
        scheduler.step(4)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.5**2, rel=REL)
    assert "lr after step(4): 0.025" in result("version_warnings").stdout


def test_overridden_optimizer_step_warning():
    optimizer = sgd()
    scheduler = lr_scheduler.StepLR(optimizer, step_size=2)
    optimizer.step = torch.optim.SGD.step.__get__(optimizer)
    optimizer.step()
    with pytest.warns(UserWarning, match="Seems like `optimizer.step\\(\\)` has been overridden"):
        scheduler.step()
    assert any(w.startswith("UserWarning: Seems like") for w in result("version_warnings").warnings)


def test_every_scheduler_of_the_table_exists():
    for name in ["CyclicLR", "CosineAnnealingWarmRestarts", "OneCycleLR", "MultiplicativeLR", "ConstantLR",
                 "LinearLR", "SequentialLR", "ChainedScheduler", "PolynomialLR"]:
        assert issubclass(getattr(lr_scheduler, name), LRScheduler)
    assert issubclass(torch.optim.swa_utils.SWALR, LRScheduler)
    assert "get_last_lr" in vars(LRScheduler)
    check_line("1.1.0-1.13.0", "all 15 schedulers present in torch.optim.lr_scheduler: True")


def test_cyclic_lr_without_momentum_and_cawr_message():
    optimizer = torch.optim.Adagrad([torch.nn.Parameter(torch.zeros(2))], lr=0.1)
    lr_scheduler.CyclicLR(optimizer, base_lr=0.01, max_lr=0.1, cycle_momentum=False)
    with pytest.raises(ValueError, match="T_mult"):
        lr_scheduler.CosineAnnealingWarmRestarts(sgd(), T_0=5, T_mult=0.5)
    check_line("1.2.0", "CyclicLR on an optimizer without momentum, cycle_momentum=False: accepted")


def test_one_cycle_three_phase_and_chained_scheduler_attributes():
    assert "three_phase" in inspect.signature(lr_scheduler.OneCycleLR).parameters
    optimizer = sgd()
    chained = lr_scheduler.ChainedScheduler([lr_scheduler.ConstantLR(optimizer, factor=0.5),
                                             lr_scheduler.ExponentialLR(optimizer, gamma=0.9)])
    assert chained.optimizer is optimizer
    assert chained.get_last_lr() == pytest.approx([0.05], rel=REL)
    check_line("1.11.0", "ChainedScheduler.optimizer is the optimizer: True")


def test_lrscheduler_is_public_and_the_old_name_is_a_subclass():
    assert lr_scheduler._LRScheduler is not LRScheduler
    assert issubclass(lr_scheduler._LRScheduler, LRScheduler)
    assert lr_scheduler._LRScheduler.__name__ == "_LRScheduler"
    check_line("2.0.0", "_LRScheduler is a subclass of LRScheduler: True")


def test_reduce_lr_on_plateau_is_an_lrscheduler_without_base_lrs():
    plateau = lr_scheduler.ReduceLROnPlateau(sgd())
    assert isinstance(plateau, LRScheduler)
    assert plateau.get_last_lr() == [0.1]
    assert not hasattr(plateau, "base_lrs")
    check_line("2.2.0", "ReduceLROnPlateau has base_lrs: False")
    check_line("2.3.0", "ReduceLROnPlateau.get_last_lr() before its first step(): [0.1]")


def test_cyclic_lr_state_dict_with_lambda_pickles_and_beta1_cycles():
    cyclic = lr_scheduler.CyclicLR(sgd(), base_lr=0.01, max_lr=0.1, scale_fn=lambda c: 1.0)
    pickle.dumps(cyclic.state_dict())
    adam = torch.optim.Adam([torch.nn.Parameter(torch.zeros(2))], lr=0.1, betas=(0.95, 0.999))
    scheduler = lr_scheduler.CyclicLR(adam, base_lr=0.01, max_lr=0.1, step_size_up=2)
    assert adam.param_groups[0]["betas"] == (0.9, 0.999)
    adam.step()
    scheduler.step()
    adam.step()
    scheduler.step()  # at the peak LR, beta1 is at base_momentum
    assert adam.param_groups[0]["lr"] == pytest.approx(0.1, rel=REL)
    assert adam.param_groups[0]["betas"][0] == pytest.approx(0.8, rel=REL)


def test_tensor_lr_is_updated_in_place_and_get_last_lr_is_a_copy():
    tensor_lr = torch.tensor(0.1)
    optimizer = sgd(lr=tensor_lr)
    scheduler = lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    optimizer.step()
    scheduler.step()
    assert optimizer.param_groups[0]["lr"] is tensor_lr
    last = scheduler.get_last_lr()[0]
    assert last is not tensor_lr
    last.fill_(123.0)
    assert float(tensor_lr) == pytest.approx(0.05, rel=1e-6)
    check_line("2.10.0", "get_last_lr() returns a copy: editing it leaves group['lr'] at: 0.05")


def test_reduce_lr_on_plateau_after_add_param_group():
    optimizer = sgd()
    plateau = lr_scheduler.ReduceLROnPlateau(optimizer, patience=0)
    optimizer.add_param_group({"params": [torch.nn.Parameter(torch.zeros(1))], "lr": 1.0})
    plateau.step(1.0)
    plateau.step(2.0)
    assert [g["lr"] for g in optimizer.param_groups] == pytest.approx([0.01, 0.1], rel=REL)


def test_verbose_and_print_lr_are_gone():
    with pytest.raises(TypeError, match="verbose"):
        lr_scheduler.StepLR(sgd(), step_size=1, verbose=True)
    with pytest.raises(TypeError, match="verbose"):
        lr_scheduler.ReduceLROnPlateau(sgd(), verbose=True)
    assert not hasattr(LRScheduler, "print_lr")
    check_line("2.7.0", "LRScheduler.print_lr exists: False")


def test_initial_mode_leaves_a_restored_lr_alone():
    optimizer = sgd(lr=0.1)
    optimizer.param_groups[0]["initial_lr"] = 0.1
    lr_scheduler.ExponentialLR(optimizer, gamma=0.5, last_epoch=3)
    assert optimizer.param_groups[0]["lr"] == 0.1
    check_line("2.8.0", "lr after ExponentialLR(gamma=0.5, last_epoch=3) on lr 0.1: 0.1")


def test_sequential_lr_milestone_does_not_warn():
    optimizer = sgd()
    sequential = lr_scheduler.SequentialLR(optimizer, [lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=2),
                                                       lr_scheduler.ExponentialLR(optimizer, gamma=0.9)],
                                           milestones=[2])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(4):
            optimizer.step()
            sequential.step()
    check_line("2.9.0", "warnings emitted by SequentialLR crossing its milestone: 0")


def test_initial_lr_key_error_message():
    with pytest.raises(KeyError, match="when resuming scheduler with last_epoch >= 0"):
        lr_scheduler.StepLR(sgd(), step_size=1, last_epoch=3)


def test_sequential_lr_milestone_zero_starts_in_the_second_scheduler():
    optimizer = sgd()
    sequential = lr_scheduler.SequentialLR(optimizer, [lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=100),
                                                       lr_scheduler.ExponentialLR(optimizer, gamma=0.5)],
                                           milestones=[0])
    seen = []
    for _ in range(4):
        seen.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        sequential.step()
    assert seen == pytest.approx([0.1 * 0.5**t for t in range(4)], rel=REL)  # ConstantLR never applies


INITIAL_MODE = ["ExponentialLR", "MultiplicativeLR", "LinearLR", "PolynomialLR", "CosineAnnealingLR"]


def test_initial_mode_snippet_keeps_the_restored_lr_where_torch_has_the_mode():
    """guides/version_history 'The initial mode, release by release': on the pinned torch the five
    schedulers with the mode leave the restored 0.05 alone, with the counter at 4 after construction;
    StepLR(step_size=2), whose step 4 is a boundary, decays it by its gamma (0.1) at construction."""
    printed = {line.split("(")[0]: float(line.rsplit(":", 1)[1]) for line in result("initial_mode").stdout.splitlines()}
    assert set(printed) == {*INITIAL_MODE, "StepLR"}
    for name in INITIAL_MODE:
        assert printed[name] == 0.05, name
    assert printed["StepLR"] == pytest.approx(0.05 * 0.1, rel=1e-15)
    for build in (lambda o: lr_scheduler.ExponentialLR(o, gamma=0.5, last_epoch=3),
                  lambda o: lr_scheduler.StepLR(o, step_size=2, last_epoch=3)):
        optimizer = sgd(lr=0.05)
        optimizer.param_groups[0]["initial_lr"] = 0.1
        assert build(optimizer).last_epoch == 4


def test_the_release_matrix_dates_the_initial_mode_of_all_five_schedulers_to_2_8_0():
    """The pages date the initial mode to 2.8.0 for ExponentialLR, MultiplicativeLR, LinearLR, PolynomialLR
    and CosineAnnealingLR: in the recorded release matrix, every release before 2.8.0 printed another LR for
    each of the five (and the same for StepLR), every release from 2.8.0 on printed what 2.13 prints."""
    import json  # noqa: PLC0415

    import compat  # noqa: PLC0415
    import matrix  # noqa: PLC0415

    from conftest import ROOT  # noqa: PLC0415

    record = json.loads((ROOT / "docs" / "compatibility.json").read_text(encoding="utf-8"))
    entry = record["snippets"]["initial_mode"][compat.current_hashes()["initial_mode"]]
    assert set(entry) == set(matrix.RELEASES)
    key = lambda r: tuple(int(p) for p in r.split("."))  # noqa: E731
    for release in matrix.RELEASES:
        result = entry[release]
        if key(release) >= (2, 8, 0):
            assert result["status"] == "same", release
            continue
        assert result["status"] == "differs", release
        changed = {line[1:].split("(")[0] for line in result["diff"] if line[:1] in "+-" and line[1:2] not in "+-"}
        assert changed == set(INITIAL_MODE), (release, changed)
        for line in result["diff"]:
            if line.startswith("+") and not line.startswith("+++"):
                assert float(line.rsplit(":", 1)[1]) != 0.05, (release, line)


# Lines that state what did not change (no release of the matrix may differ on them).
UNCHANGED_LINES = {"ReduceLROnPlateau has base_lrs"}


def _minor(version: str) -> tuple[int, int]:
    major, minor = version.split("-")[0].split(".")[:2]
    return int(major), int(minor)


def _matrix_entry(name):
    import json  # noqa: PLC0415

    import compat  # noqa: PLC0415
    from conftest import ROOT  # noqa: PLC0415

    record = json.loads((ROOT / "docs" / "compatibility.json").read_text(encoding="utf-8"))
    return record["snippets"][name][compat.current_hashes()[name]]


def test_the_release_matrix_confirms_the_release_of_every_row_it_covers():
    """Each `[version]` line of version_checks, on every release the matrix records (2.0.1 to 2.15.0):
    a row from 2.0 on prints 2.13's line on every release of its minor version or later and another
    line (a different value, or what it raised) on every earlier one; a row older than 2.0 prints 2.13's
    line everywhere. The table marks the rows this confirms "(release matrix)"."""
    import matrix  # noqa: PLC0415

    entry = _matrix_entry("version_checks")
    assert set(entry) == set(matrix.RELEASES)
    masked = "[<torch version>]"
    lines = result("version_checks").stdout.splitlines()
    checked = 0
    for line in lines:
        version = line[1:].split("]")[0]
        shown = line.replace(f"[{matrix.PINNED}]", masked)
        for release, outcome in entry.items():
            assert outcome["status"] in ("same", "differs"), (release, outcome)
            removed = {d[1:] for d in outcome.get("diff", []) if d.startswith("-") and not d.startswith("---")}
            same = shown not in removed
            label = line.split("] ", 1)[1].rsplit(":", 1)[0]
            if _minor(version) < (2, 0) or label.split(":")[0] in UNCHANGED_LINES:
                assert same, (line, release)
            else:
                assert same == (_minor(release) >= _minor(version)), (line, release, outcome.get("diff"))
            checked += 1
    assert checked == len(lines) * len(matrix.RELEASES)


def test_the_table_says_release_matrix_exactly_for_the_rows_the_matrix_confirms():
    """A table row whose shown-by tag is a version the matrix covers (2.0 on) says "(release matrix)"
    in its version cell, with the tag's minor version; the rows it cannot check keep their label."""
    from conftest import ROOT  # noqa: PLC0415

    table = (ROOT / "docs/guides/version_history.md").read_text(encoding="utf-8")
    rows = [r for r in table.splitlines() if r.startswith("| ") and "`[" in r]
    confirmed = 0
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        tags = [t for t in re.findall(r"`\[([\d.]+)\]`", cells[2])]
        if not tags or _minor(tags[0]) < (2, 0) or tags[0] == "2.0.0":
            continue
        assert "(release matrix)" in cells[0], row
        assert _minor(cells[0].split()[0]) == _minor(tags[0]), row
        confirmed += 1
    assert confirmed >= 10
