# docs: no-figure
import copy

import torch
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

total, interrupt = 40, 6


def pair(opt, start_factor=0.5, gamma=0.9):
    return [sched.LinearLR(opt, start_factor=start_factor, total_iters=4), sched.ExponentialLR(opt, gamma=gamma)]


# scheduler -> (builder taking the optimizer and keyword arguments, the arguments of the first run,
#               a different value for each argument, tried one at a time on resume)
CASES = {
    "LambdaLR": (lambda opt, f: sched.LambdaLR(opt, f), {"f": lambda t: 0.9**t}, {"f": lambda t: 0.5**t}),
    "MultiplicativeLR": (lambda opt, f: sched.MultiplicativeLR(opt, f), {"f": lambda t: 0.9}, {"f": lambda t: 0.5}),
    "StepLR": (sched.StepLR, {"step_size": 10, "gamma": 0.5}, {"step_size": 16, "gamma": 0.1}),
    "MultiStepLR": (sched.MultiStepLR, {"milestones": [10, 20], "gamma": 0.5}, {"milestones": [15, 30], "gamma": 0.1}),
    "ConstantLR": (sched.ConstantLR, {"factor": 0.5, "total_iters": 10}, {"factor": 0.25, "total_iters": 20}),
    "LinearLR": (sched.LinearLR, {"start_factor": 0.25, "total_iters": 10}, {"start_factor": 0.5, "total_iters": 20}),
    "ExponentialLR": (sched.ExponentialLR, {"gamma": 0.9}, {"gamma": 0.8}),
    "SequentialLR": (lambda opt, milestones, gamma: sched.SequentialLR(opt, pair(opt, gamma=gamma), milestones),
                     {"milestones": [10], "gamma": 0.9}, {"milestones": [20], "gamma": 0.8}),
    "CosineAnnealingLR": (sched.CosineAnnealingLR, {"T_max": 40, "eta_min": 0.0}, {"T_max": 80, "eta_min": 0.01}),
    "ChainedScheduler": (lambda opt, gamma: sched.ChainedScheduler(pair(opt, gamma=gamma), optimizer=opt),
                         {"gamma": 0.9}, {"gamma": 0.8}),
    "ReduceLROnPlateau": (sched.ReduceLROnPlateau, {"factor": 0.5, "patience": 2, "min_lr": 0.0},
                          {"factor": 0.1, "patience": 5, "min_lr": 0.02}),
    "CyclicLR": (sched.CyclicLR, {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 10},
                 {"base_lr": 0.02, "max_lr": 0.2, "step_size_up": 5}),
    "CosineAnnealingWarmRestarts": (sched.CosineAnnealingWarmRestarts, {"T_0": 10, "T_mult": 1, "eta_min": 0.0},
                                    {"T_0": 15, "T_mult": 2, "eta_min": 0.01}),
    "OneCycleLR": (sched.OneCycleLR, {"max_lr": 0.1, "total_steps": 40, "pct_start": 0.3},
                   {"max_lr": 0.2, "total_steps": 80, "pct_start": 0.5}),
    "PolynomialLR": (sched.PolynomialLR, {"total_iters": 20, "power": 2.0}, {"total_iters": 30, "power": 1.0}),
    "SWALR": (SWALR, {"swa_lr": 0.01, "anneal_epochs": 10}, {"swa_lr": 0.02, "anneal_epochs": 5}),
}
missing = set(sched.__all__) - {"LRScheduler"} - set(CASES)
if missing:
    raise SystemExit(f"no case for {sorted(missing)}")


def run(build, kwargs, steps, lr=0.1, checkpoint=None):
    """LRs of `steps` steps; resumed from `checkpoint` (build first, then load both) when given."""
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr, momentum=0.9)
    scheduler = build(optimizer, **kwargs)
    if checkpoint:
        checkpoint = copy.deepcopy(checkpoint)  # CyclicLR.load_state_dict() removes a key from its argument
        optimizer.load_state_dict(checkpoint["optimizer"])
        scheduler.load_state_dict(checkpoint["scheduler"])
    used = []
    for t in steps:
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step(1.0) if isinstance(scheduler, sched.ReduceLROnPlateau) else scheduler.step()
    return used, {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}, scheduler


def same(a, b):
    return all(abs(x - y) <= 1e-12 * abs(x) for x, y in zip(a, b, strict=True))


print("| Scheduler | Changed on resume, but the checkpoint's value is used | Changed on resume, "
      "and the new value is used |")
print("|---|---|---|")
for name, (build, first, other) in CASES.items():
    reference, _, _ = run(build, first, range(total))
    _, checkpoint, _ = run(build, first, range(interrupt))
    ignored, used = [], []
    # a new learning rate for the optimizer
    resumed, _, scheduler = run(build, first, range(interrupt, total), lr=0.05, checkpoint=checkpoint)
    wins = same(resumed, reference[interrupt:])
    (ignored if wins else used).append("optimizer `lr`")
    # each constructor argument, one at a time
    for argument, value in other.items():
        resumed, _, _ = run(build, {**first, argument: value}, range(interrupt, total), checkpoint=checkpoint)
        (ignored if same(resumed, reference[interrupt:]) else used).append(f"`{argument}`")
    print(f"| {name} | {', '.join(ignored) or '-'} | {', '.join(used) or '-'} |")
