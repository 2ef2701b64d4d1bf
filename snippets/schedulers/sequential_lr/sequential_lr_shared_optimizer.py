import torch
from torch.optim.lr_scheduler import (
    ChainedScheduler, ConstantLR, ExponentialLR, OneCycleLR, SequentialLR,
)

steps = 20  # the script draws 100 steps; the first 20 show the difference

# The pattern of PyTorch's figure script: one optimizer for every figure, and the
# two sub-schedulers built once, up front, then reused by both composite figures.
shared = torch.optim.SGD(torch.nn.Linear(10, 1).parameters(), lr=0.1)
constant = ConstantLR(shared, factor=0.1, total_iters=2)
exponential = ExponentialLR(shared, gamma=0.9)


def record(optimizer, scheduler):
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


def shared_figure(make):
    shared.param_groups[0]["lr"] = 0.1  # the script resets the LR before each figure
    return record(shared, make(shared))


def fresh_figure(make):
    optimizer = torch.optim.SGD(torch.nn.Linear(10, 1).parameters(), lr=0.1)
    subs = [ConstantLR(optimizer, factor=0.1, total_iters=2), ExponentialLR(optimizer, gamma=0.9)]
    return record(optimizer, make(optimizer, subs))


shared_figure(lambda opt: OneCycleLR(opt, max_lr=0.01, epochs=100, steps_per_epoch=10))  # an earlier figure
lrs = {
    "ChainedScheduler, shared optimizer": shared_figure(lambda opt: ChainedScheduler([constant, exponential])),
    "SequentialLR, shared optimizer": shared_figure(
        lambda opt: SequentialLR(opt, [constant, exponential], milestones=[2])),
    "ChainedScheduler, fresh optimizer": fresh_figure(lambda opt, subs: ChainedScheduler(subs)),
    "SequentialLR, fresh optimizer": fresh_figure(lambda opt, subs: SequentialLR(opt, subs, milestones=[2])),
}
for label, used in lrs.items():
    print(f"{label:35s}", " ".join(f"{x:.4g}" for x in used[:5]))
