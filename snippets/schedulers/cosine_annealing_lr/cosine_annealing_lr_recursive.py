import math

import torch

T_max, steps = 100, 100


def train(extra=None, halve_at=None, closed_form=False):
    """LR of every step; a fresh model, optimizer and scheduler(s) for each run."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    if closed_form:  # the same cosine written as a closed form: LambdaLR recomputes it from base_lr
        cosine = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda t: (1 + math.cos(math.pi * t / T_max)) / 2)
    else:
        cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=T_max)
    schedulers = [cosine] + ([extra(optimizer)] if extra else [])
    used = []
    for step in range(steps):
        if step == halve_at:
            optimizer.param_groups[0]["lr"] *= 0.5  # a manual edit, e.g. from a callback
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        for scheduler in schedulers:
            scheduler.step()
    return used


lrs = {
    "CosineAnnealingLR alone": train(),
    "+ ExponentialLR(gamma=0.98) on the same optimizer": train(
        extra=lambda opt: torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.98)),
    "CosineAnnealingLR, LR halved by hand at step 30": train(halve_at=30),
    "closed form (LambdaLR), LR halved by hand at step 30": train(halve_at=30, closed_form=True),
}
print("step  " + "  ".join(f"{i + 1:>8}" for i in range(len(lrs))))
for step in (0, 29, 30, 31, 50, 80):
    print(f"{step:4d}  " + "  ".join(f"{curve[step]:8.5f}" for curve in lrs.values()))
for i, label in enumerate(lrs, start=1):
    print(f"{i}: {label}")
