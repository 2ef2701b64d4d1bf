# docs: no-figure
# docs: expect-warning UserWarning: Detected call of `lr_scheduler.step()` before `optimizer.step()`
# docs: expect-warning UserWarning: Seems like `optimizer.step()` has been overridden
# docs: expect-warning UserWarning: The epoch parameter in `scheduler.step()` was not necessary
# docs: expect-warning UserWarning: To get the last learning rate computed by the scheduler
# Every error and warning a scheduler gives while it is being stepped.
# The --8<-- lines mark where each entry of the errors page starts and ends.
import traceback

import torch
from torch.optim import lr_scheduler as sched
from torch.optim import swa_utils

torch.manual_seed(0)


def sgd(groups=1):
    """A fresh SGD optimizer with `groups` param groups of one small layer each."""
    layers = [torch.nn.Linear(2, 1) for _ in range(groups)]
    return torch.optim.SGD([{"params": layer.parameters()} for layer in layers], lr=0.1, momentum=0.9)


def show(anchor, *calls):
    """Run each call; print the last line of the traceback it raises (warnings print themselves)."""
    print(f"--8<-- [start:{anchor}]", flush=True)
    for call in calls:
        try:
            call()
        except Exception as exc:  # noqa: BLE001 - every error is the point here
            print("".join(traceback.format_exception_only(exc)).rstrip())
    print(f"--8<-- [end:{anchor}]", flush=True)


def steps(scheduler, n, *args):
    """n ordinary training steps: optimizer.step(), then scheduler.step(*args)."""
    for _ in range(n):
        scheduler.optimizer.step()
        scheduler.step(*args)


# Warnings
optimizer = sgd()
scheduler = sched.StepLR(optimizer, step_size=10)
show("step-order", lambda: scheduler.step())

optimizer = sgd()
scheduler = sched.StepLR(optimizer, step_size=10)
optimizer.step = lambda closure=None: None  # replaced after the scheduler wrapped it
show("optimizer-step-replaced", lambda: scheduler.step())

step_lr, plateau = sched.StepLR(sgd(), step_size=10), sched.ReduceLROnPlateau(sgd())
step_lr.optimizer.step()
show("epoch-argument",
     lambda: step_lr.step(5),
     lambda: plateau.step(1.0, epoch=5))

step_lr, swalr = sched.StepLR(sgd(), step_size=10), swa_utils.SWALR(sgd(), swa_lr=0.05)
show("get-lr-outside-step",
     lambda: step_lr.get_lr(),
     lambda: swalr.get_lr())

# Errors
one_cycle = sched.OneCycleLR(sgd(), max_lr=0.1, total_steps=10)
show("one-cycle-too-many-steps", lambda: steps(one_cycle, 11))
show("warm-restarts-negative-epoch",
     lambda: sched.CosineAnnealingWarmRestarts(sgd(), T_0=10).step(-1))

optimizer = sgd()
plateau = sched.ReduceLROnPlateau(optimizer, patience=0, min_lr=[1e-5])
optimizer.add_param_group({"params": torch.nn.Linear(2, 1).parameters(), "lr": 0.1})
show("plateau-param-groups-changed", lambda: steps(plateau, 3, 1.0))
show("plateau-step-without-metric", lambda: steps(sched.ReduceLROnPlateau(sgd()), 1))


class NoGetLr(sched.LRScheduler):
    pass


show("get-lr-not-implemented", lambda: NoGetLr(sgd()))
show("zero-length",
     lambda: steps(sched.StepLR(sgd(), step_size=0), 1),
     lambda: steps(sched.CosineAnnealingLR(sgd(), T_max=0), 1),
     lambda: sched.CyclicLR(sgd(), base_lr=0.01, max_lr=0.1, step_size_up=0),
     lambda: sched.OneCycleLR(sgd(), max_lr=0.1, total_steps=10, pct_start=0.1),
     lambda: sched.OneCycleLR(sgd(), max_lr=0.1, total_steps=100, div_factor=0.0))
