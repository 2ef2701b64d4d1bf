# docs: expect-warning UserWarning: Detected call of `lr_scheduler.step()` before `optimizer.step()`
import torch
from torch.optim.lr_scheduler import StepLR


def train(scheduler_first):
    """LR used at each step; a fresh optimizer and scheduler for each run."""
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(2))], lr=0.1)
    scheduler = StepLR(optimizer, step_size=3, gamma=0.1)
    used = []
    for step in range(9):
        if scheduler_first:  # the pre-1.1.0 habit: step the scheduler at the start of the epoch
            scheduler.step()
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        if not scheduler_first:
            scheduler.step()
    return used


lrs = {
    "optimizer.step() then scheduler.step()": train(scheduler_first=False),
    "scheduler.step() first (pre-1.1.0 order)": train(scheduler_first=True),
}
for label, used in lrs.items():
    print(f"{label:42s} {[round(lr, 6) for lr in used]}")
