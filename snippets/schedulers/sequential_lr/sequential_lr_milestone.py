import torch
from torch.optim.lr_scheduler import (
    ConstantLR, CosineAnnealingLR, ExponentialLR, MultiplicativeLR, SequentialLR,
)

milestone, steps = 4, 12


def run(make_second):
    """ExponentialLR(gamma=0.5) until the milestone, then a second scheduler; fresh optimizer."""
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    first = ExponentialLR(optimizer, gamma=0.5)
    second = make_second(optimizer)
    scheduler = SequentialLR(optimizer, [first, second], milestones=[milestone])
    used = []
    for step in range(steps):
        used.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return used


lrs = {
    "then CosineAnnealingLR": run(lambda opt: CosineAnnealingLR(opt, T_max=8)),
    "then ConstantLR(factor=0.5)": run(lambda opt: ConstantLR(opt, factor=0.5, total_iters=4)),
    "then MultiplicativeLR(x0.9)": run(lambda opt: MultiplicativeLR(opt, lambda epoch: 0.9)),
}
for label, used in lrs.items():
    print(f"{label:28s} step {milestone - 1}: {used[milestone - 1]:.6g}  "
          f"step {milestone}: {used[milestone]:.6g}")
