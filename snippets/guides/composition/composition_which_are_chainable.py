# docs: no-figure
import torch
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

# One small constructor per scheduler; the composites are left out (they follow their parts).
BUILD = {
    "LambdaLR": lambda opt: sched.LambdaLR(opt, lambda t: 0.9**t),
    "MultiplicativeLR": lambda opt: sched.MultiplicativeLR(opt, lambda t: 0.9),
    "StepLR": lambda opt: sched.StepLR(opt, step_size=2),
    "MultiStepLR": lambda opt: sched.MultiStepLR(opt, milestones=[2, 4]),
    "ConstantLR": lambda opt: sched.ConstantLR(opt, factor=0.5, total_iters=4),
    "LinearLR": lambda opt: sched.LinearLR(opt, start_factor=0.2, total_iters=8),
    "ExponentialLR": lambda opt: sched.ExponentialLR(opt, gamma=0.9),
    "PolynomialLR": lambda opt: sched.PolynomialLR(opt, total_iters=10, power=2.0),
    "CosineAnnealingLR": lambda opt: sched.CosineAnnealingLR(opt, T_max=10),
    "CosineAnnealingWarmRestarts": lambda opt: sched.CosineAnnealingWarmRestarts(opt, T_0=10),
    "CyclicLR": lambda opt: sched.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=4),
    "OneCycleLR": lambda opt: sched.OneCycleLR(opt, max_lr=0.1, total_steps=20),
    "ReduceLROnPlateau": lambda opt: sched.ReduceLROnPlateau(opt, patience=0),
    "SWALR": lambda opt: SWALR(opt, swa_lr=0.01, anneal_epochs=10),
}


def lr_after_5_steps(name, halve_after_step_3):
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = BUILD[name](optimizer)
    for step in range(1, 6):
        optimizer.step()
        if name == "ReduceLROnPlateau":
            scheduler.step(1.0)  # a flat metric: every epoch is a bad one
        else:
            scheduler.step()
        if halve_after_step_3 and step == 3:
            optimizer.param_groups[0]["lr"] /= 2  # a change made outside the scheduler
    return optimizer.param_groups[0]["lr"]


def accepted_by_chained_scheduler(name):
    optimizer = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1, momentum=0.9)
    try:
        sched.ChainedScheduler([BUILD[name](optimizer)], optimizer=optimizer)
    except ValueError:
        return "no (ValueError)"
    return "yes"


print("| Scheduler | LR ratio after an outside halving | Behaviour | In ChainedScheduler |")
print("|---|---|---|---|")
for name in BUILD:
    ratio = lr_after_5_steps(name, True) / lr_after_5_steps(name, False)
    if abs(ratio - 0.5) < 1e-9:
        kind = "keeps the change (chainable)"
    elif abs(ratio - 1.0) < 1e-9:
        kind = "**overwrites it** (closed form)"
    else:
        kind = "keeps part of it"
    print(f"| {name} | {ratio:.4g} | {kind} | {accepted_by_chained_scheduler(name)} |")
