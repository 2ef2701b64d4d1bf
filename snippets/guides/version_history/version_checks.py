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


def error_text(call):
    """What call() raised, as `Type: message` (the rows below where raising is the behaviour)."""
    try:
        call()
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return "no error"


rows = []


def row(version, text, compute):
    """One row of the version table. Each is computed on its own, so on an older torch a row that
    raises shows what it raised and the other rows still run (the release matrix compares each line)."""
    try:
        value = compute()
    except Exception as error:
        value = f"raised {type(error).__name__}: {error}"
    rows.append((version, f"[{version}] {text}: {value}"))


row("1.1.0", "last_epoch right after construction", lambda: lr_scheduler.StepLR(sgd(), step_size=1).last_epoch)

names = ["LambdaLR", "StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "ReduceLROnPlateau",
         "CyclicLR", "CosineAnnealingWarmRestarts", "OneCycleLR", "MultiplicativeLR", "ConstantLR", "LinearLR",
         "SequentialLR", "ChainedScheduler", "PolynomialLR"]
row("1.1.0-1.13.0", "all 15 schedulers present in torch.optim.lr_scheduler",
    lambda: all(hasattr(lr_scheduler, n) for n in names))
row("1.6.0", "SWALR is an LRScheduler in torch.optim.swa_utils", lambda: issubclass(SWALR, LRScheduler))


def cyclic_without_momentum():
    optimizer = torch.optim.Adagrad([torch.nn.Parameter(torch.zeros(2))], lr=0.1)  # no momentum at all
    lr_scheduler.CyclicLR(optimizer, base_lr=0.01, max_lr=0.1, cycle_momentum=False)
    return "accepted"


row("1.2.0", "CyclicLR on an optimizer without momentum, cycle_momentum=False", cyclic_without_momentum)
row("1.2.0", "CosineAnnealingWarmRestarts(T_mult=0.5)",
    lambda: error_text(lambda: lr_scheduler.CosineAnnealingWarmRestarts(sgd(), T_0=5, T_mult=0.5)))
row("1.7.0", "OneCycleLR has three_phase", lambda: "three_phase" in inspect.signature(lr_scheduler.OneCycleLR).parameters)


def chained():
    optimizer = sgd()
    return optimizer, lr_scheduler.ChainedScheduler([lr_scheduler.ConstantLR(optimizer, factor=0.5),
                                                     lr_scheduler.ExponentialLR(optimizer, gamma=0.9)])


row("1.11.0", "ChainedScheduler.optimizer is the optimizer", lambda: (lambda o, c: c.optimizer is o)(*chained()))
row("1.11.0", "ChainedScheduler.get_last_lr()", lambda: chained()[1].get_last_lr())
row("2.0.0", "_LRScheduler is a subclass of LRScheduler",
    lambda: issubclass(lr_scheduler._LRScheduler, LRScheduler) and lr_scheduler._LRScheduler is not LRScheduler)

row("2.2.0", "ReduceLROnPlateau is an LRScheduler", lambda: isinstance(lr_scheduler.ReduceLROnPlateau(sgd()), LRScheduler))
row("2.3.0", "ReduceLROnPlateau.get_last_lr() before its first step()", lambda: lr_scheduler.ReduceLROnPlateau(sgd()).get_last_lr())
row("2.2.0", "ReduceLROnPlateau has base_lrs", lambda: hasattr(lr_scheduler.ReduceLROnPlateau(sgd()), "base_lrs"))


def cyclic_state_pickles():
    cyclic = lr_scheduler.CyclicLR(sgd(), base_lr=0.01, max_lr=0.1, scale_fn=lambda cycle: 1.0)
    return len(pickle.dumps(cyclic.state_dict())) > 0


row("2.2.0", "CyclicLR.state_dict() with a lambda scale_fn pickles", cyclic_state_pickles)


def adam_betas_after_cyclic():
    adam = torch.optim.Adam([torch.nn.Parameter(torch.zeros(2))], lr=0.1, betas=(0.95, 0.999))
    lr_scheduler.CyclicLR(adam, base_lr=0.01, max_lr=0.1)
    return adam.param_groups[0]["betas"]


row("2.3.0", "Adam betas after CyclicLR(cycle_momentum=True) with betas=(0.95, 0.999)", adam_betas_after_cyclic)


def tensor_lr_stepped():
    tensor_lr = torch.tensor(0.1)
    optimizer = sgd(lr=tensor_lr)
    scheduler = lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    optimizer.step()
    scheduler.step()
    return tensor_lr, optimizer, scheduler


row("2.4.0", "tensor group['lr'] is still the same tensor after step()",
    lambda: (lambda t, o, s: o.param_groups[0]["lr"] is t)(*tensor_lr_stepped()))


def edited_last_lr():
    _, optimizer, scheduler = tensor_lr_stepped()
    scheduler.get_last_lr()[0].fill_(123.0)
    return round(float(optimizer.param_groups[0]["lr"]), 6)


row("2.10.0", "get_last_lr() returns a copy: editing it leaves group['lr'] at", edited_last_lr)
row("2.7.0", "LRScheduler.print_lr exists", lambda: hasattr(LRScheduler, "print_lr"))
row("2.7.0", "StepLR(..., verbose=True)", lambda: error_text(lambda: lr_scheduler.StepLR(sgd(), step_size=1, verbose=True)))


def restored_exponential():
    optimizer = sgd(lr=0.1)
    optimizer.param_groups[0]["initial_lr"] = 0.1  # as if restored from a checkpoint
    lr_scheduler.ExponentialLR(optimizer, gamma=0.5, last_epoch=3)
    return optimizer.param_groups[0]["lr"]


row("2.8.0", "lr after ExponentialLR(gamma=0.5, last_epoch=3) on lr 0.1", restored_exponential)


def key_error_first_line():
    try:
        lr_scheduler.StepLR(sgd(), step_size=1, last_epoch=3)
    except KeyError as error:
        return error.args[0].splitlines()[0]
    return "no error"


row("2.10.0", "KeyError when resuming without initial_lr, first line", key_error_first_line)


def plateau_after_add_param_group():
    optimizer = sgd()
    plateau = lr_scheduler.ReduceLROnPlateau(optimizer, patience=0)
    optimizer.add_param_group({"params": [torch.nn.Parameter(torch.zeros(1))], "lr": 1.0})
    for metric in (1.0, 2.0):
        plateau.step(metric)
    return [round(lr, 6) for lr in plateau.get_last_lr()]


row("2.6.0", "ReduceLROnPlateau after add_param_group, lrs after one bad epoch", plateau_after_add_param_group)


def sequential_warnings():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        optimizer = sgd()
        sequential = lr_scheduler.SequentialLR(
            optimizer, [lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=2),
                        lr_scheduler.ExponentialLR(optimizer, gamma=0.9)], milestones=[2])
        lrs_of(optimizer, sequential)
    return len(caught)


row("2.9.0", "warnings emitted by SequentialLR crossing its milestone", sequential_warnings)


def sequential_milestone_zero():
    optimizer = sgd()
    sequential = lr_scheduler.SequentialLR(optimizer, [lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=100),
                                                       lr_scheduler.ExponentialLR(optimizer, gamma=0.5)],
                                           milestones=[0])
    return lrs_of(optimizer, sequential)


row("2.13.0", "SequentialLR(ConstantLR(0.5), ExponentialLR(0.5), milestones=[0]) lrs", sequential_milestone_zero)

# one line per row of the version table, oldest first
for version, line in sorted(rows, key=lambda r: [int(part) for part in r[0].split("-")[0].split(".")]):
    print(line)
