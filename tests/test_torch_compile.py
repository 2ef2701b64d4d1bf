"""torch.compile page: compilation counts of the printed run, and how every scheduler writes a tensor LR."""

from __future__ import annotations

import ast

import pytest
import torch
import torch._dynamo.config
from conftest import result
from hypothesis import given, settings
from hypothesis import strategies as st
from test_checkpoints import CASES, METRICS

NAME = "compile_float_vs_tensor_lr"


def counts() -> dict[str, list[int]]:
    rows = result(NAME).stdout.splitlines()[1:]
    found = {}
    for row in rows:
        label, _, values = row.rpartition("  ")
        found[label.strip()] = ast.literal_eval(values.strip())
    return found


def test_the_table_has_every_case():
    assert list(counts()) == [
        "Adam, lr=0.1 (float), ExponentialLR",
        "Adam, lr=torch.tensor(0.1), ExponentialLR",
        "Adam, tensor lr, OneCycleLR",
        "Adam, tensor lr, OneCycleLR(cycle_momentum=False)",
        "Adam, tensor lr, CyclicLR",
    ]


def test_float_lr_compiles_again_once_after_the_first_change():
    assert counts()["Adam, lr=0.1 (float), ExponentialLR"] == [1] + [2] * 7


def test_tensor_lr_compiles_once():
    assert counts()["Adam, lr=torch.tensor(0.1), ExponentialLR"] == [1] * 8
    assert counts()["Adam, tensor lr, OneCycleLR(cycle_momentum=False)"] == [1] * 8


def test_momentum_cycling_schedulers_compile_again_even_with_a_tensor_lr():
    assert counts()["Adam, tensor lr, OneCycleLR"] == [1] + [2] * 7
    assert counts()["Adam, tensor lr, CyclicLR"] == [1] + [2] * 7


def test_automatic_dynamic_is_on_by_default():
    assert torch._dynamo.config.automatic_dynamic_shapes is True


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=8, derandomize=True, deadline=None)
@given(steps=st.integers(1, 29))
def test_every_scheduler_writes_a_tensor_lr_in_place(name, steps):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=torch.tensor(0.1))
    if name == "SWALR":
        optimizer = torch.optim.SGD(model.parameters(), lr=torch.tensor(0.1))
    lr = optimizer.param_groups[0]["lr"]
    scheduler = CASES[name](optimizer)
    for step in range(steps):
        optimizer.step()
        scheduler.step(METRICS[step]) if name == "ReduceLROnPlateau" else scheduler.step()
    assert optimizer.param_groups[0]["lr"] is lr
    assert float(lr) == pytest.approx(float(scheduler.get_last_lr()[0]), rel=1e-6)


@pytest.mark.parametrize("name", ["OneCycleLR", "CyclicLR"])
@settings(max_examples=5, derandomize=True, deadline=None)
@given(steps=st.integers(1, 20))
def test_momentum_cycling_writes_beta1_as_a_float_unless_turned_off(name, steps):
    for cycle in (True, False):
        optimizer = torch.optim.Adam(torch.nn.Linear(2, 1).parameters(), lr=torch.tensor(0.1))
        if name == "OneCycleLR":
            scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, 0.1, total_steps=21, cycle_momentum=cycle)
        else:
            scheduler = torch.optim.lr_scheduler.CyclicLR(optimizer, 0.01, 0.1, step_size_up=4, cycle_momentum=cycle)
        betas = [optimizer.param_groups[0]["betas"][0]]
        for _ in range(steps):
            optimizer.step()
            scheduler.step()
            betas.append(optimizer.param_groups[0]["betas"][0])
        assert all(type(b) is float for b in betas)
        assert (len(set(betas)) > 1) is cycle


def test_cyclic_lr_writes_sgd_momentum_as_a_float():
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=torch.tensor(0.1), momentum=0.9)
    scheduler = torch.optim.lr_scheduler.CyclicLR(optimizer, 0.01, 0.1, step_size_up=4)
    momenta = []
    for _ in range(6):
        optimizer.step()
        scheduler.step()
        momenta.append(optimizer.param_groups[0]["momentum"])
    assert all(type(m) is float for m in momenta) and len(set(momenta)) > 1
