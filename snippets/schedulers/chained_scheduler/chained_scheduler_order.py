import torch
from torch.optim.lr_scheduler import ChainedScheduler, ExponentialLR, LambdaLR, StepLR

steps = 12


def run(*makers):
    """Chain the schedulers in the given order on a fresh optimizer; return the LRs used."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = ChainedScheduler([make(optimizer) for make in makers])
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


def exponential(opt):
    return ExponentialLR(opt, gamma=0.8)


def staircase(opt):
    return StepLR(opt, step_size=4, gamma=0.5)


def linear_decay(opt):
    return LambdaLR(opt, lambda epoch: 1 - epoch / steps)


lrs = {
    "ExponentialLR, StepLR": run(exponential, staircase),
    "StepLR, ExponentialLR": run(staircase, exponential),
    "ExponentialLR, LambdaLR": run(exponential, linear_decay),
    "LambdaLR, ExponentialLR": run(linear_decay, exponential),
}
for label, used in lrs.items():
    print(f"{label:24s}", " ".join(f"{x:.4f}" for x in used[:7]))
