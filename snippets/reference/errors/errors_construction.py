# docs: no-figure
# Every error a scheduler (or an SWA helper) raises while it is being built.
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
    """Run each call and print the last line of the traceback it raises."""
    print(f"--8<-- [start:{anchor}]")
    for call in calls:
        try:
            call()
        except Exception as exc:  # noqa: BLE001 - every error is the point here
            print("".join(traceback.format_exception_only(exc)).rstrip())
        else:
            raise AssertionError(f"{anchor}: the call raised nothing")
    print(f"--8<-- [end:{anchor}]")


model = torch.nn.Linear(2, 1)
show("not-an-optimizer",
     lambda: sched.StepLR(model.parameters(), step_size=10),
     lambda: sched.ReduceLROnPlateau(model.parameters()),
     lambda: sched.CyclicLR(model.parameters(), base_lr=0.01, max_lr=0.1),
     lambda: sched.OneCycleLR(model.parameters(), max_lr=0.1, total_steps=100))
show("lr-lambda-count",
     lambda: sched.LambdaLR(sgd(groups=2), lr_lambda=[lambda t: 0.9**t]),
     lambda: sched.MultiplicativeLR(sgd(groups=2), lr_lambda=[lambda t: 0.9]))
show("lr-lambda-not-callable", lambda: sched.MultiplicativeLR(sgd(), lr_lambda=0.9))
show("lambda-lr-number", lambda: sched.LambdaLR(sgd(), lr_lambda=0.9))
show("constant-lr-factor", lambda: sched.ConstantLR(sgd(), factor=2.0))
show("linear-lr-start-factor", lambda: sched.LinearLR(sgd(), start_factor=0.0))
show("linear-lr-end-factor", lambda: sched.LinearLR(sgd(), end_factor=1.5))

optimizer, other = sgd(), sgd()
show("no-schedulers",
     lambda: sched.SequentialLR(optimizer, schedulers=[], milestones=[]),
     lambda: sched.ChainedScheduler([]))
show("scheduler-class-not-instance",
     lambda: sched.SequentialLR(optimizer, schedulers=[sched.StepLR], milestones=[]),
     lambda: sched.ChainedScheduler([sched.StepLR], optimizer=optimizer),
     lambda: sched.ChainedScheduler([sched.StepLR]))
plateau = sched.ReduceLROnPlateau(optimizer)
show("plateau-in-composite",
     lambda: sched.SequentialLR(optimizer, schedulers=[sched.ConstantLR(optimizer), plateau], milestones=[5]),
     lambda: sched.ChainedScheduler([sched.ConstantLR(optimizer), plateau]))
show("different-optimizers",
     lambda: sched.SequentialLR(optimizer, schedulers=[sched.ConstantLR(other)], milestones=[]),
     lambda: sched.ChainedScheduler([sched.ConstantLR(optimizer), sched.ExponentialLR(other, gamma=0.9)]))
show("sequential-lr-milestones",
     lambda: sched.SequentialLR(optimizer, schedulers=[sched.ConstantLR(optimizer),
                                                       sched.ExponentialLR(optimizer, gamma=0.9)], milestones=[]))

show("plateau-factor", lambda: sched.ReduceLROnPlateau(sgd(), factor=2.0))
show("plateau-min-lr-count", lambda: sched.ReduceLROnPlateau(sgd(groups=2), min_lr=[1e-5]))
show("plateau-mode", lambda: sched.ReduceLROnPlateau(sgd(), mode="minimize"))
show("plateau-threshold-mode", lambda: sched.ReduceLROnPlateau(sgd(), threshold_mode="relative"))

show("cyclic-lr-mode", lambda: sched.CyclicLR(sgd(), base_lr=0.01, max_lr=0.1, mode="triangle"))
adagrad = torch.optim.Adagrad(model.parameters(), lr=0.1)
show("cycle-momentum",
     lambda: sched.CyclicLR(adagrad, base_lr=0.01, max_lr=0.1),
     lambda: sched.OneCycleLR(adagrad, max_lr=0.1, total_steps=100))
show("per-group-value-count",
     lambda: sched.CyclicLR(sgd(groups=2), base_lr=[0.01], max_lr=0.1),
     lambda: sched.OneCycleLR(sgd(groups=2), max_lr=[0.1, 0.2, 0.3], total_steps=100),
     lambda: swa_utils.SWALR(sgd(groups=2), swa_lr=[0.05]))

show("warm-restarts-t-0", lambda: sched.CosineAnnealingWarmRestarts(sgd(), T_0=0))
show("warm-restarts-t-mult", lambda: sched.CosineAnnealingWarmRestarts(sgd(), T_0=10, T_mult=1.5))
show("warm-restarts-eta-min", lambda: sched.CosineAnnealingWarmRestarts(sgd(), T_0=10, eta_min=None))

show("one-cycle-total-steps", lambda: sched.OneCycleLR(sgd(), max_lr=0.1, total_steps=0))
show("one-cycle-epochs", lambda: sched.OneCycleLR(sgd(), max_lr=0.1, epochs=2.5, steps_per_epoch=100))
show("one-cycle-steps-per-epoch", lambda: sched.OneCycleLR(sgd(), max_lr=0.1, epochs=10, steps_per_epoch=0))
show("one-cycle-length-missing", lambda: sched.OneCycleLR(sgd(), max_lr=0.1, epochs=10))
show("one-cycle-pct-start", lambda: sched.OneCycleLR(sgd(), max_lr=0.1, total_steps=100, pct_start=30))
show("anneal-strategy",
     lambda: sched.OneCycleLR(sgd(), max_lr=0.1, total_steps=100, anneal_strategy="cosine"),
     lambda: swa_utils.SWALR(sgd(), swa_lr=0.05, anneal_strategy="cosine"))
show("swalr-anneal-epochs", lambda: swa_utils.SWALR(sgd(), swa_lr=0.05, anneal_epochs=-1))
show("averaged-model-two-functions",
     lambda: swa_utils.AveragedModel(model, avg_fn=lambda avg, new, n: new,
                                     multi_avg_fn=swa_utils.get_ema_multi_avg_fn(0.99)))
show("ema-decay",
     lambda: swa_utils.get_ema_multi_avg_fn(decay=1.5),
     lambda: swa_utils.get_ema_avg_fn(decay=1.5))
