# docs: no-figure
import inspect
import pickle
import warnings

import torch
from torch.optim import lr_scheduler
from torch.optim.lr_scheduler import LRScheduler
from torch.optim.swa_utils import SWALR


def sgd(lr=0.1, **kwargs):
    """A fresh optimizer over one fresh parameter."""
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(2))], lr=lr, **kwargs)


def lrs_of(optimizer, scheduler, steps=4):
    used = []
    for step in range(steps):
        used.append(round(float(optimizer.param_groups[0]["lr"]), 6))
        optimizer.step()
        scheduler.step()
    return used


rows = []


def row(version, text, value):
    rows.append((version, f"[{version}] {text}: {value}"))


optimizer = sgd()
scheduler = lr_scheduler.StepLR(optimizer, step_size=1)
row("1.1.0", "last_epoch right after construction", scheduler.last_epoch)

names = ["LambdaLR", "StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "ReduceLROnPlateau",
         "CyclicLR", "CosineAnnealingWarmRestarts", "OneCycleLR", "MultiplicativeLR", "ConstantLR", "LinearLR",
         "SequentialLR", "ChainedScheduler", "PolynomialLR"]
row("1.1.0-1.13.0", "all 15 schedulers present in torch.optim.lr_scheduler", all(hasattr(lr_scheduler, n) for n in names))
row("1.6.0", "SWALR is an LRScheduler in torch.optim.swa_utils", issubclass(SWALR, LRScheduler))

optimizer = torch.optim.Adagrad([torch.nn.Parameter(torch.zeros(2))], lr=0.1)  # no momentum at all
lr_scheduler.CyclicLR(optimizer, base_lr=0.01, max_lr=0.1, cycle_momentum=False)
row("1.2.0", "CyclicLR on an optimizer without momentum, cycle_momentum=False", "accepted")
try:
    lr_scheduler.CosineAnnealingWarmRestarts(sgd(), T_0=5, T_mult=0.5)
except ValueError as error:
    row("1.2.0", "CosineAnnealingWarmRestarts(T_mult=0.5)", f"ValueError: {error}")

row("1.7.0", "OneCycleLR has three_phase", "three_phase" in inspect.signature(lr_scheduler.OneCycleLR).parameters)

optimizer = sgd()
chained = lr_scheduler.ChainedScheduler([lr_scheduler.ConstantLR(optimizer, factor=0.5),
                                         lr_scheduler.ExponentialLR(optimizer, gamma=0.9)])
row("1.11.0", "ChainedScheduler.optimizer is the optimizer", chained.optimizer is optimizer)
row("1.11.0", "ChainedScheduler.get_last_lr()", chained.get_last_lr())

row("2.0.0", "_LRScheduler is a subclass of LRScheduler",
    issubclass(lr_scheduler._LRScheduler, LRScheduler) and lr_scheduler._LRScheduler is not LRScheduler)

plateau = lr_scheduler.ReduceLROnPlateau(sgd())
row("2.2.0", "ReduceLROnPlateau is an LRScheduler", isinstance(plateau, LRScheduler))
row("2.2.0", "ReduceLROnPlateau.get_last_lr()", plateau.get_last_lr())
row("2.2.0", "ReduceLROnPlateau has base_lrs", hasattr(plateau, "base_lrs"))

cyclic = lr_scheduler.CyclicLR(sgd(), base_lr=0.01, max_lr=0.1, scale_fn=lambda cycle: 1.0)
state = cyclic.state_dict()
row("2.2.0", "CyclicLR.state_dict() with a lambda scale_fn pickles", len(pickle.dumps(state)) > 0)

adam = torch.optim.Adam([torch.nn.Parameter(torch.zeros(2))], lr=0.1, betas=(0.95, 0.999))
lr_scheduler.CyclicLR(adam, base_lr=0.01, max_lr=0.1)
row("2.3.0", "Adam betas after CyclicLR(cycle_momentum=True) with betas=(0.95, 0.999)", adam.param_groups[0]["betas"])

tensor_lr = torch.tensor(0.1)
optimizer = sgd(lr=tensor_lr)
scheduler = lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
optimizer.step()
scheduler.step()
row("2.4.0", "tensor group['lr'] is still the same tensor after step()", optimizer.param_groups[0]["lr"] is tensor_lr)
last = scheduler.get_last_lr()[0]
last.fill_(123.0)
row("2.10.0", "get_last_lr() returns a copy: editing it leaves group['lr'] at",
    round(float(optimizer.param_groups[0]["lr"]), 6))

row("2.7.0", "LRScheduler.print_lr exists", hasattr(LRScheduler, "print_lr"))
try:
    lr_scheduler.StepLR(sgd(), step_size=1, verbose=True)
except TypeError as error:
    row("2.7.0", "StepLR(..., verbose=True)", f"TypeError: {error}")

optimizer = sgd(lr=0.1)
optimizer.param_groups[0]["initial_lr"] = 0.1  # as if restored from a checkpoint
lr_scheduler.ExponentialLR(optimizer, gamma=0.5, last_epoch=3)
row("2.8.0", "lr after ExponentialLR(gamma=0.5, last_epoch=3) on lr 0.1", optimizer.param_groups[0]["lr"])

try:
    lr_scheduler.StepLR(sgd(), step_size=1, last_epoch=3)
except KeyError as error:
    row("2.11.0", "KeyError when resuming without initial_lr, first line", error.args[0].splitlines()[0])

optimizer = sgd()
plateau = lr_scheduler.ReduceLROnPlateau(optimizer, patience=0)
optimizer.add_param_group({"params": [torch.nn.Parameter(torch.zeros(1))], "lr": 1.0})
for metric in (1.0, 2.0):
    plateau.step(metric)
row("2.6.0", "ReduceLROnPlateau after add_param_group, lrs after one bad epoch",
    [round(lr, 6) for lr in plateau.get_last_lr()])

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    optimizer = sgd()
    sequential = lr_scheduler.SequentialLR(optimizer, [lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=2),
                                                       lr_scheduler.ExponentialLR(optimizer, gamma=0.9)],
                                           milestones=[2])
    lrs_of(optimizer, sequential)
row("2.9.0", "warnings emitted by SequentialLR crossing its milestone", len(caught))

optimizer = sgd()
sequential = lr_scheduler.SequentialLR(optimizer, [lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=100),
                                                   lr_scheduler.ExponentialLR(optimizer, gamma=0.5)],
                                       milestones=[0])
row("2.13.0", "SequentialLR(ConstantLR(0.5), ExponentialLR(0.5), milestones=[0]) lrs", lrs_of(optimizer, sequential))

# one line per row of the version table, oldest first
for version, line in sorted(rows, key=lambda r: [int(part) for part in r[0].split("-")[0].split(".")]):
    print(line)
