# docs: no-figure
import copy

import torch
from torch.optim import lr_scheduler as sched
from torch.optim.swa_utils import SWALR

total, interrupt, old_lr, new_lr = 40, 12, 0.1, 0.05
LR_ARGUMENTS = {"base_lr", "max_lr", "eta_min", "min_lr", "swa_lr"}  # scaled together with the optimizer's lr


def pair(opt):
    return [sched.LinearLR(opt, start_factor=0.5, total_iters=4), sched.ExponentialLR(opt, gamma=0.9)]


CASES = {
    "LambdaLR": (lambda opt: sched.LambdaLR(opt, lambda t: 0.9**t), {}),
    "MultiplicativeLR": (lambda opt: sched.MultiplicativeLR(opt, lambda t: 0.9), {}),
    "StepLR": (sched.StepLR, {"step_size": 10, "gamma": 0.5}),
    "MultiStepLR": (sched.MultiStepLR, {"milestones": [10, 20], "gamma": 0.5}),
    "ConstantLR": (sched.ConstantLR, {"factor": 0.5, "total_iters": 16}),
    "LinearLR": (sched.LinearLR, {"start_factor": 0.25, "total_iters": 20}),
    "ExponentialLR": (sched.ExponentialLR, {"gamma": 0.9}),
    "SequentialLR": (lambda opt, milestones: sched.SequentialLR(opt, pair(opt), milestones), {"milestones": [8]}),
    "CosineAnnealingLR": (sched.CosineAnnealingLR, {"T_max": 40, "eta_min": 0.001}),
    "ChainedScheduler": (lambda opt: sched.ChainedScheduler(pair(opt), optimizer=opt), {}),
    "ReduceLROnPlateau": (sched.ReduceLROnPlateau, {"factor": 0.5, "patience": 2, "min_lr": 0.001}),
    "CyclicLR": (sched.CyclicLR, {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 10}),
    "CosineAnnealingWarmRestarts": (sched.CosineAnnealingWarmRestarts, {"T_0": 10, "eta_min": 0.001}),
    "OneCycleLR": (sched.OneCycleLR, {"max_lr": 0.1, "total_steps": 40}),
    "PolynomialLR": (sched.PolynomialLR, {"total_iters": 30, "power": 2.0}),
    "SWALR": (SWALR, {"swa_lr": 0.01, "anneal_epochs": 20}),
}
missing = set(sched.__all__) - {"LRScheduler"} - set(CASES)
if missing:
    raise SystemExit(f"no case for {sorted(missing)}")


def scaled(kwargs, factor):
    return {k: v * factor if k in LR_ARGUMENTS else v for k, v in kwargs.items()}


def setup(build, kwargs, lr):
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr, momentum=0.9)
    return optimizer, build(optimizer, **kwargs)


def train(optimizer, scheduler, steps):
    used = []
    for _ in steps:
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step(1.0) if isinstance(scheduler, sched.ReduceLROnPlateau) else scheduler.step()  # flat metric
    return used


def scale_lrs(state, factor):
    """Every learning rate in an optimizer or scheduler state dict, multiplied by factor (in place)."""
    for key, value in state.items():
        if key in {"lr", "initial_lr", "max_lr", "min_lr", "swa_lr", "eta_min", "default_min_lr"} and value:
            state[key] = value * factor
        elif key in {"base_lrs", "_last_lr", "max_lrs", "min_lrs"}:
            state[key] = [lr * factor for lr in value]
        elif key in {"param_groups", "_schedulers"}:
            for inner in value:
                scale_lrs(inner, factor)


# Each way to resume: (checkpoint, builder, arguments) -> optimizer and scheduler ready for step `interrupt`.
def naive(checkpoint, build, kwargs):  # build with the new LR, load both state dicts
    optimizer, scheduler = setup(build, scaled(kwargs, new_lr / old_lr), new_lr)
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    return optimizer, scheduler


def set_group_lr(checkpoint, build, kwargs):  # load both, then overwrite each group's "lr"
    optimizer, scheduler = naive(checkpoint, build, kwargs)
    for group in optimizer.param_groups:
        group["lr"] *= new_lr / old_lr
    return optimizer, scheduler


def edit_checkpoint(checkpoint, build, kwargs):  # scale every LR in the checkpoint, then load it
    scale_lrs(checkpoint["optimizer"], new_lr / old_lr)
    scale_lrs(checkpoint["scheduler"], new_lr / old_lr)
    return naive(checkpoint, build, kwargs)


def replay(checkpoint, build, kwargs):  # run the new schedule to `interrupt` on a stand-in, take its LR state
    stand_in, schedule = setup(build, scaled(kwargs, new_lr / old_lr), new_lr)
    train(stand_in, schedule, range(interrupt))
    optimizer, scheduler = setup(build, scaled(kwargs, new_lr / old_lr), new_lr)
    optimizer.load_state_dict(checkpoint["optimizer"])  # momentum buffers and step counts
    for group, new_group in zip(optimizer.param_groups, stand_in.param_groups, strict=True):
        group.update({key: value for key, value in new_group.items() if key != "params"})
    scheduler.load_state_dict(schedule.state_dict())
    return optimizer, scheduler


WAYS = {"build with the new LR, load both": naive, "load, then set `group['lr']`": set_group_lr,
        "scale the LRs in the checkpoint": edit_checkpoint, "replay the new schedule": replay}


def verdict(got, wanted):
    for t, (x, y) in enumerate(zip(got, wanted, strict=True), start=interrupt):
        if abs(x - y) > 1e-12 * abs(y):
            return f"wrong from step {t}: {x:.4g} for {y:.4g}"
    return "right"


print(f"Resuming at step {interrupt} with lr={new_lr} instead of {old_lr} (and every other LR argument halved)\n")
print("| Scheduler | " + " | ".join(WAYS) + " |")
print("|---|" + "---|" * len(WAYS))
for name, (build, kwargs) in CASES.items():
    wanted = train(*setup(build, scaled(kwargs, new_lr / old_lr), new_lr), range(total))[interrupt:]
    optimizer, scheduler = setup(build, kwargs, old_lr)
    train(optimizer, scheduler, range(interrupt))
    checkpoint = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}
    cells = [verdict(train(*way(copy.deepcopy(checkpoint), build, kwargs), range(interrupt, total)), wanted)
             for way in WAYS.values()]
    print(f"| {name} | " + " | ".join(cells) + " |")
