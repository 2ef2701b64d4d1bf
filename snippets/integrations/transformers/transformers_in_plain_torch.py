# Every schedule name of transformers' get_scheduler(), rebuilt in plain torch and compared step by step.
# docs: no-figure
import math

import torch
from torch.optim.lr_scheduler import LambdaLR, ReduceLROnPlateau
from transformers import SchedulerType, get_scheduler


def ramp(step, warmup):
    """Linear warm-up from 0: the factor at a step before the end of the warm-up."""
    return step / warmup


def half_cosine(progress, cycles):
    return (1 + math.cos(2 * math.pi * cycles * progress)) / 2


def factor(name, step, w, T, lr0, kw):
    """The multiplier of the optimizer's LR at `step`, for warm-up `w` and `T` training steps."""
    if name == "constant":
        return 1.0
    if name == "warmup_stable_decay":
        return wsd(step, w, num_stable_steps=T - w - kw["num_decay_steps"], **kw)
    if name == "cosine_warmup_with_min_lr":  # its ramp and its decay are one step ahead
        floor = kw.get("min_lr_rate", kw.get("min_lr", 0) / lr0)
        start = kw.get("warmup_lr_rate")
        if step < w:
            return (step + 1) / w if start is None else start + (1 - start) * step / max(1, w - 1)
        progress = (step - w + 1) / (T - w)
        return max(0.0, floor + (1 - floor) * half_cosine(progress, kw.get("num_cycles", 0.5)))
    if step < w:
        return ramp(step, w)
    if name == "constant_with_warmup":
        return 1.0
    if name == "inverse_sqrt":
        scale = kw.get("timescale") or w or 10_000
        return math.sqrt(scale / (step - w + scale))
    progress = (step - w) / (T - w)
    if name == "linear":
        return max(0.0, 1 - progress)
    if name == "cosine":
        return half_cosine(progress, kw.get("num_cycles", 0.5))
    if name == "cosine_with_min_lr":
        floor = kw.get("min_lr_rate", kw.get("min_lr", 0) / lr0)
        return max(0.0, floor + (1 - floor) * half_cosine(progress, kw.get("num_cycles", 0.5)))
    if name == "cosine_with_restarts":
        if progress >= 1:
            return 0.0
        return (1 + math.cos(math.pi * (kw.get("num_cycles", 1) * progress % 1))) / 2
    if name == "polynomial":
        end = kw.get("lr_end", 1e-7)
        if step > T:
            return end / lr0
        return ((lr0 - end) * (1 - progress) ** kw.get("power", 1.0) + end) / lr0
    raise ValueError(name)


def wsd(step, w, num_decay_steps, num_stable_steps, warmup_type="linear", decay_type="cosine",
        min_lr_ratio=0.0, num_cycles=0.5):
    rise = {"linear": lambda p: p, "cosine": lambda p: (1 - math.cos(math.pi * p)) / 2,
            "1-sqrt": lambda p: 1 - math.sqrt(1 - p)}
    fall = {"linear": lambda p: 1 - p, "cosine": lambda p: half_cosine(p, num_cycles),
            "1-sqrt": lambda p: 1 - math.sqrt(p)}
    if step < w:
        value = rise[warmup_type](step / w)
    elif step < w + num_stable_steps:
        return 1.0
    elif step < w + num_stable_steps + num_decay_steps:
        value = fall[decay_type]((step - w - num_stable_steps) / num_decay_steps)
    else:
        return min_lr_ratio
    return max(0.0, min_lr_ratio + (1 - min_lr_ratio) * value)


def plain_torch(name, optimizer, w, T, kw):
    """The same schedule with torch alone: ReduceLROnPlateau, or LambdaLR with the factor above."""
    if name == "reduce_lr_on_plateau":
        return ReduceLROnPlateau(optimizer, **kw)
    lr0 = optimizer.param_groups[0]["lr"]
    return LambdaLR(optimizer, lambda step: factor(name, step, w, T, lr0, kw))


def lrs_of(build, steps, metrics=None):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    scheduler = build(optimizer)
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step(metrics[step]) if metrics else scheduler.step()
    return used


W, T = 5, 40
EXAMPLES = {  # scheduler_specific_kwargs for each name (transformers' defaults where empty)
    "linear": {},
    "cosine": {},
    "cosine_with_restarts": {"num_cycles": 3},
    "polynomial": {"lr_end": 0.01, "power": 2.0},
    "constant": {},
    "constant_with_warmup": {},
    "inverse_sqrt": {},
    "reduce_lr_on_plateau": {"patience": 2, "factor": 0.5},
    "cosine_with_min_lr": {"min_lr_rate": 0.1},
    "cosine_warmup_with_min_lr": {"min_lr_rate": 0.1},
    "warmup_stable_decay": {"num_decay_steps": 10},
}
metrics = [1.0 / (1 + min(step, 8)) for step in range(T + 10)]  # improves for 8 steps, then flat

print(f"{'name':27} {'plain torch':18} max |relative difference| over {T + 10} steps")
for name in [member.value for member in SchedulerType]:
    if name not in EXAMPLES:
        print(f"{name:27} {'-':18} transformers' own class, not an LRScheduler: no plain-torch equivalent")
        continue
    kw = EXAMPLES[name]
    theirs = lrs_of(lambda opt: get_scheduler(name, opt, W, T, scheduler_specific_kwargs=kw), T + 10,
                    metrics if name == "reduce_lr_on_plateau" else None)
    ours = lrs_of(lambda opt: plain_torch(name, opt, W, T, kw), T + 10,
                  metrics if name == "reduce_lr_on_plateau" else None)
    worst = max(abs(a - b) / max(abs(a), 1e-300) if a or b else 0.0 for a, b in zip(theirs, ours))
    kind = "ReduceLROnPlateau" if name == "reduce_lr_on_plateau" else "LambdaLR"
    print(f"{name:27} {kind:18} {worst:.1e}")
